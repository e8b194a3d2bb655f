//! The parallel iterators of the batch kernels: rayon's with the `parallel` feature, the
//! standard library's serial ones (same method names) without it.

#[cfg(feature = "parallel")]
pub(crate) use rayon::prelude::*;

#[cfg(not(feature = "parallel"))]
pub(crate) use serial::*;

#[cfg(not(feature = "parallel"))]
mod serial {
    /// `par_iter` on one thread.
    pub(crate) trait ParSlice<T> {
        /// A serial iterator standing in for rayon's.
        fn par_iter(&self) -> std::slice::Iter<'_, T>;
    }

    impl<T> ParSlice<T> for [T] {
        fn par_iter(&self) -> std::slice::Iter<'_, T> {
            self.iter()
        }
    }

    /// `par_windows` on one thread.
    pub(crate) trait ParWindows<T> {
        /// A serial iterator standing in for rayon's.
        fn par_windows(&self, size: usize) -> std::slice::Windows<'_, T>;
    }

    impl<T> ParWindows<T> for [T] {
        fn par_windows(&self, size: usize) -> std::slice::Windows<'_, T> {
            self.windows(size)
        }
    }

    /// `par_chunks_mut` on one thread.
    pub(crate) trait ParSliceMut<T> {
        /// A serial iterator standing in for rayon's.
        fn par_chunks_mut(&mut self, size: usize) -> std::slice::ChunksMut<'_, T>;
    }

    impl<T> ParSliceMut<T> for [T] {
        fn par_chunks_mut(&mut self, size: usize) -> std::slice::ChunksMut<'_, T> {
            self.chunks_mut(size)
        }
    }

    /// `into_par_iter` on one thread.
    pub(crate) trait IntoParVec<T> {
        /// A serial iterator standing in for rayon's.
        fn into_par_iter(self) -> std::vec::IntoIter<T>;
    }

    impl<T> IntoParVec<T> for Vec<T> {
        fn into_par_iter(self) -> std::vec::IntoIter<T> {
            self.into_iter()
        }
    }
}
