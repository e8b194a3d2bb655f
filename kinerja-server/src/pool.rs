//! The bounded CPU pool: CPU-bound work (parsing large bodies, evaluating) runs on blocking
//! threads, at most `workers` at once, with at most `queue` more waiting. A request beyond that
//! is refused at once with 503 and `Retry-After`, so the async threads (and `/health`) stay
//! responsive under load.

use std::sync::Arc;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::problem::{Kind, Problem};

/// Seconds a client is asked to wait after a 503.
pub const RETRY_AFTER_SECS: u64 = 1;

/// Admission (workers + queue) and worker permits.
#[derive(Debug, Clone)]
pub struct CpuPool {
    capacity: usize,
    admitted: Arc<Semaphore>,
    workers: Arc<Semaphore>,
}

/// A held worker slot and admission (see [`CpuPool::try_occupy`]); released on drop.
#[derive(Debug)]
pub struct Occupied {
    _admitted: OwnedSemaphorePermit,
    _worker: OwnedSemaphorePermit,
}

fn overloaded() -> Problem {
    let mut p = Problem::new(
        Kind::Overloaded,
        "every worker is busy and the queue is full; retry after the time in Retry-After",
    );
    p.retry_after = Some(RETRY_AFTER_SECS);
    p
}

impl CpuPool {
    /// A pool of `workers` (at least 1) with `queue` waiting places.
    pub fn new(workers: usize, queue: usize) -> Self {
        let workers = workers.clamp(1, Semaphore::MAX_PERMITS);
        let capacity = workers.saturating_add(queue).min(Semaphore::MAX_PERMITS);
        CpuPool {
            capacity,
            admitted: Arc::new(Semaphore::new(capacity)),
            workers: Arc::new(Semaphore::new(workers)),
        }
    }

    /// Runs `f` on a blocking thread once a worker is free; 503 when the queue is full.
    pub async fn run<T, F>(&self, f: F) -> Result<T, Problem>
    where
        T: Send + 'static,
        F: FnOnce() -> Result<T, Problem> + Send + 'static,
    {
        let admitted = self.admitted.clone().try_acquire_owned().map_err(|_| overloaded())?;
        let worker = self.workers.clone().acquire_owned().await.map_err(|_| overloaded())?;
        let job = tokio::task::spawn_blocking(move || {
            let out = f();
            drop(worker);
            drop(admitted);
            out
        });
        job.await.map_err(|e| Problem::new(Kind::Internal, format!("the computation failed: {e}")))?
    }

    /// Requests admitted now: computing or waiting for a worker.
    pub fn admitted(&self) -> usize {
        self.capacity.saturating_sub(self.admitted.available_permits())
    }

    /// Takes one worker and one admission without running anything (operations and tests:
    /// simulates a busy worker); `None` when no worker is free.
    pub fn try_occupy(&self) -> Option<Occupied> {
        let admitted = self.admitted.clone().try_acquire_owned().ok()?;
        let worker = self.workers.clone().try_acquire_owned().ok()?;
        Some(Occupied { _admitted: admitted, _worker: worker })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn full_queue_is_refused_with_retry_after() {
        let pool = CpuPool::new(1, 0);
        let busy = pool.try_occupy().unwrap();
        assert_eq!(pool.admitted(), 1);
        let p = pool.run(|| Ok(1)).await.unwrap_err();
        assert_eq!(p.status, 503);
        assert_eq!(p.retry_after, Some(RETRY_AFTER_SECS));
        drop(busy);
        assert_eq!(pool.run(|| Ok(2)).await.unwrap(), 2);
        assert_eq!(pool.admitted(), 0);
    }
}
