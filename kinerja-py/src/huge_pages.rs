//! The extension's allocator: the system allocator, with every block of 4 MiB or more
//! advised to Linux as a candidate for transparent huge pages (`madvise(MADV_HUGEPAGE)`),
//! as numpy does for its large arrays.
//!
//! Where the kernel's transparent huge pages are `madvise` (the default of most
//! distributions), a fresh result column of a million rows is otherwise faulted in 4 KiB
//! at a time: tens of thousands of page faults per `kj.score` call. The advice changes no
//! value and no lifetime; a kernel that refuses it (huge pages off, another OS) leaves the
//! block as it was. `KINERJA_MADVISE_HUGEPAGE=0` turns it off (numpy's knob is
//! `NUMPY_MADVISE_HUGEPAGE`).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, Ordering};

use pyo3::PyResult;

use crate::errors::input_error;

/// The system allocator, advising large blocks for huge pages (Linux only).
pub struct HugePages;

/// Blocks at least this large are advised (numpy's threshold).
const LARGE: usize = 4 << 20;

/// Whether blocks are advised (`KINERJA_MADVISE_HUGEPAGE`, read when the module loads).
static ADVISE: AtomicBool = AtomicBool::new(true);

/// Reads `KINERJA_MADVISE_HUGEPAGE`: `0` turns the advice off, `1` (or unset, or empty)
/// keeps it; any other value is an `InputError`, never a guess.
pub fn configure() -> PyResult<()> {
    let on = match std::env::var("KINERJA_MADVISE_HUGEPAGE") {
        Ok(v) => match v.trim() {
            "0" => false,
            "1" | "" => true,
            other => {
                return Err(input_error(
                    "KINERJA_MADVISE_HUGEPAGE",
                    format!("`{other}` is neither 0 (no huge-page advice) nor 1 (advice, the default)"),
                ));
            }
        },
        Err(_) => true,
    };
    ADVISE.store(on, Ordering::Relaxed);
    Ok(())
}

/// Advises the whole pages inside `len` bytes from `p` (nothing for small or null blocks).
#[cfg(target_os = "linux")]
fn advise(p: *mut u8, len: usize) {
    const PAGE: usize = 4096;
    if p.is_null() || len < LARGE || !ADVISE.load(Ordering::Relaxed) {
        return;
    }
    let start = (p as usize).next_multiple_of(PAGE);
    let end = (p as usize).saturating_add(len) & !(PAGE - 1);
    if end > start {
        // SAFETY: the range lies inside a block this allocator just handed out; the advice
        // only marks the mapping, it neither moves nor frees memory, and an error (an old
        // kernel, huge pages off) is harmless, so it is ignored.
        unsafe { libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE) };
    }
}

#[cfg(not(target_os = "linux"))]
fn advise(_: *mut u8, _: usize) {}

// SAFETY: every call is forwarded to `System` with the same arguments; `advise` only adds
// advice to memory `System` returned.
unsafe impl GlobalAlloc for HugePages {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let p = unsafe { System.alloc(layout) };
        advise(p, layout.size());
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let p = unsafe { System.alloc_zeroed(layout) };
        advise(p, layout.size());
        p
    }

    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.dealloc(p, layout) }
    }

    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let q = unsafe { System.realloc(p, layout, new_size) };
        advise(q, new_size);
        q
    }
}
