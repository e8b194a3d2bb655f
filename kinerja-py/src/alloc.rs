//! The extension's allocator: the system allocator, with every large block advised to the
//! kernel as eligible for transparent huge pages (Linux), so filling a fresh result column of
//! millions of rows faults once per 2 MiB instead of once per 4 KiB page. Advice only: the
//! blocks, their contents and their release are the system allocator's.

use std::alloc::{GlobalAlloc, Layout, System};

/// Blocks of at least this many bytes are advised.
const LARGE: usize = 8 << 20;
/// The size of a transparent huge page on x86-64 and aarch64 (4 KiB base pages).
#[cfg(target_os = "linux")]
const HUGE: usize = 2 << 20;

/// [`System`], advising large blocks as huge-page eligible.
pub struct Allocator;

/// Advises the whole huge pages inside `size` bytes at `p` (a failed advice changes nothing).
#[inline]
fn advise(p: *mut u8, size: usize) {
    #[cfg(target_os = "linux")]
    if size >= LARGE && !p.is_null() {
        let start = (p as usize).next_multiple_of(HUGE);
        let end = (p as usize).saturating_add(size) / HUGE * HUGE;
        if end > start {
            // SAFETY: `start..end` lies inside the block just returned by the system
            // allocator; MADV_HUGEPAGE changes no contents and no mapping, only how later
            // faults in the range are served.
            unsafe { libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE) };
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (p, size, LARGE);
}

// SAFETY: every call is forwarded to `System` with the same arguments; `advise` only reads
// the returned pointer.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is System's.
        let p = unsafe { System.alloc(layout) };
        advise(p, layout.size());
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as above.
        let p = unsafe { System.alloc_zeroed(layout) };
        advise(p, layout.size());
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as above.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        advise(p, new_size);
        p
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Large blocks keep their contents through growth and shrinking, zeroed blocks are zero,
    /// and small blocks pass through untouched.
    #[test]
    fn blocks_are_the_system_allocators() {
        let a = Allocator;
        for size in [64, LARGE - 1, LARGE, 3 * LARGE + 12_345] {
            let layout = Layout::from_size_align(size, 64).unwrap();
            // SAFETY: non-zero sizes, the layouts used to allocate are used to free.
            unsafe {
                let z = a.alloc_zeroed(layout);
                assert!(!z.is_null() && (0..size).step_by(4093).all(|i| *z.add(i) == 0));
                a.dealloc(z, layout);
                let p = a.alloc(layout);
                assert!(!p.is_null());
                for i in (0..size).step_by(4093) {
                    *p.add(i) = (i % 251) as u8;
                }
                let q = a.realloc(p, layout, size * 2);
                assert!(!q.is_null() && (0..size).step_by(4093).all(|i| *q.add(i) == (i % 251) as u8));
                let big = Layout::from_size_align(size * 2, 64).unwrap();
                let r = a.realloc(q, big, size / 2 + 1);
                assert!((0..size / 2).step_by(4093).all(|i| *r.add(i) == (i % 251) as u8));
                a.dealloc(r, Layout::from_size_align(size / 2 + 1, 64).unwrap());
            }
        }
    }
}
