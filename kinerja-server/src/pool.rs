//! The bounded CPU pool: CPU-bound work (parsing large bodies, evaluating) runs on blocking
//! threads, at most `workers` at once, with at most `queue` more waiting. A request beyond that
//! is refused at once with 503 and `Retry-After`, so the async threads (and `/health`) stay
//! responsive under load.
//!
//! A request given up before its computation ends (408 past `--timeout`, or a client gone)
//! marks it abandoned; the computation stops at its next [`checkpoint`] (a stage boundary:
//! after reading the body, after scoring, before writing a document), freeing the worker. A
//! stage in progress runs to its end: the engine has no point to stop at inside one.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

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

thread_local! {
    /// The abandoned flag of the request computing on this thread.
    static ABANDONED: RefCell<Option<Arc<AtomicBool>>> = const { RefCell::new(None) };
}

/// Marks the request abandoned when its future is dropped before the computation's answer
/// is taken (by the timeout layer or a closed connection).
struct Abandon(Arc<AtomicBool>, bool);

impl Drop for Abandon {
    fn drop(&mut self) {
        if !self.1 {
            self.0.store(true, Ordering::Relaxed);
        }
    }
}

/// A stage boundary of a computation run by [`CpuPool::run`]: `Err` (408) when its request
/// was given up, so that the worker stops instead of finishing work nobody will read. One
/// atomic load; outside the pool always `Ok`.
pub fn checkpoint() -> Result<(), Problem> {
    let abandoned = ABANDONED.with(|a| a.borrow().as_ref().is_some_and(|f| f.load(Ordering::Relaxed)));
    match abandoned {
        true => Err(Problem::new(Kind::Timeout, "the request took too long; the computation was stopped")),
        false => Ok(()),
    }
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
        let mut abandon = Abandon(Arc::new(AtomicBool::new(false)), false);
        let flag = abandon.0.clone();
        let job = tokio::task::spawn_blocking(move || {
            ABANDONED.with(|a| *a.borrow_mut() = Some(flag));
            let out = checkpoint().and_then(|()| f());
            ABANDONED.with(|a| *a.borrow_mut() = None);
            drop(worker);
            drop(admitted);
            out
        });
        let out = job.await;
        abandon.1 = true;
        out.map_err(|e| Problem::new(Kind::Internal, format!("the computation failed: {e}")))?
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

    /// A computation whose request is given up (the timeout drops its future) stops at its
    /// next checkpoint and frees its worker; one that is not given up never sees a stop.
    #[tokio::test]
    async fn an_abandoned_computation_stops_at_its_next_checkpoint() {
        use std::time::{Duration, Instant};
        let pool = CpuPool::new(1, 0);
        let stopped = Arc::new(AtomicBool::new(false));
        let seen = stopped.clone();
        let work = pool.run(move || {
            let start = Instant::now();
            while start.elapsed() < Duration::from_secs(20) {
                if let Err(p) = checkpoint() {
                    assert_eq!(p.status, 408);
                    seen.store(true, Ordering::Relaxed);
                    return Err(p);
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            Ok(())
        });
        assert!(tokio::time::timeout(Duration::from_millis(100), work).await.is_err());
        let start = Instant::now();
        while pool.admitted() > 0 && start.elapsed() < Duration::from_secs(10) {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        assert!(stopped.load(Ordering::Relaxed), "the computation ran on after the timeout");
        assert_eq!(pool.admitted(), 0, "the worker is free again");
        assert!(checkpoint().is_ok(), "outside the pool nothing is abandoned");
        assert_eq!(pool.run(|| checkpoint().map(|()| 3)).await.unwrap(), 3);
    }
}
