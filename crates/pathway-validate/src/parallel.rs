//! Work spread over the cores: the plans of a batch, the documents of an export.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The stack of each thread that loads or checks plans: ten times what a debug build needs for
/// a plan nested to the loader's depth limit (the limit, not the stack, is what stops a deeply
/// nested file).
pub const STACK_BYTES: usize = 32 * 1024 * 1024;

/// The number of cores to work on.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// Calls `job` on every item on `workers` threads (each taking the next item as it finishes
/// one), and gives back the results in the order of `items`. `missing` stands in for a result
/// that never came back, which only happens if a job panicked.
pub fn map<T: Sync, R: Send>(
    items: &[T],
    workers: usize,
    job: impl Fn(&T) -> R + Sync,
    missing: impl Fn() -> R,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    let work = || {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            let result = job(item);
            if let Ok(mut slots) = results.lock()
                && let Some(slot) = slots.get_mut(i)
            {
                *slot = Some(result);
            }
        }
    };
    let workers = workers.min(items.len()).max(1);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            // Regression: a plan nested 60 levels deep overflowed a worker's default 2 MiB stack
            // in a debug build (tests/hostile/deep-block-mapping-60.yaml).
            let spawned = std::thread::Builder::new()
                .stack_size(STACK_BYTES)
                .spawn_scoped(scope, work);
            if spawned.is_err() {
                // No thread to spare: this one does the work.
                work();
            }
        }
    });
    results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .map(|slot| slot.unwrap_or_else(&missing))
        .collect()
}
