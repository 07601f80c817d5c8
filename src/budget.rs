//! A memory and time budget for the work on one draft, so that a draft that
//! makes the analysis run away costs that draft only: the work stops at its
//! next checkpoint by unwinding with [`Exceeded`], which the per-file guard
//! of the command line catches and reports like any other per-file failure.
//!
//! Memory is counted by [`CountingAllocator`] (the `quotelint` binary's
//! global allocator): every thread keeps the bytes it has allocated less the
//! bytes it has freed. A budget compares that count with its value when the
//! budget was entered, so memory handed to another thread (a result sent to
//! the printer) is charged to the draft that made it, and the next draft on
//! the thread starts afresh. An allocator must never unwind, so it only
//! counts; [`checkpoint`] is what stops the work, between stages and blocks,
//! and [`tick`] inside the long loops of a stage. An allocation whose size
//! comes from the input (a file's length) is made through [`reserve`]: it
//! is checked against the budget before it is made, and one the machine
//! refuses is a per-file failure instead of the process aborting.
//! Without the counting allocator (the library used on its own) only the
//! time is enforced.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt;
use std::time::{Duration, Instant};

/// The system allocator, counting each thread's live bytes for [`checkpoint`].
pub struct CountingAllocator;

thread_local! {
    /// Bytes allocated on this thread less the bytes freed on it (negative
    /// when it frees what another thread allocated).
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static BUDGET: Cell<Option<Active>> = const { Cell::new(None) };
    static TICKS: Cell<u32> = const { Cell::new(0) };
}

#[cfg(test)]
thread_local! {
    /// The most `LIVE` has been since [`peak_held`] began measuring.
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn count(delta: isize) {
    // a thread being torn down has no counter left: nothing to count against
    let _ = LIVE.try_with(|live| {
        live.set(live.get().wrapping_add(delta));
        #[cfg(test)]
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(live.get())));
    });
}

/// What `work` returns, and the most bytes this thread held at once while
/// it ran beyond what it held before: a test's measure of a stage's
/// working set that no other thread or machine load changes.
#[cfg(test)]
pub(crate) fn peak_held<R>(work: impl FnOnce() -> R) -> (R, u64) {
    let before = LIVE.with(Cell::get);
    PEAK.with(|peak| peak.set(before));
    let result = work();
    let peak = PEAK.with(Cell::get);
    (result, u64::try_from(peak.saturating_sub(before)).unwrap_or(0))
}

/// `work`'s result and the bytes it holds (those live after it less those
/// live before): a test's measure of what a stage keeps.
#[cfg(test)]
pub(crate) fn held_by<R>(work: impl FnOnce() -> R) -> (R, u64) {
    let before = LIVE.with(Cell::get);
    let result = work();
    (result, u64::try_from(LIVE.with(Cell::get).saturating_sub(before)).unwrap_or(0))
}

fn signed(size: usize) -> isize {
    isize::try_from(size).unwrap_or(isize::MAX)
}

// SAFETY: every call is passed on to `System` unchanged; the counting
// touches only a thread-local `Cell` and never allocates or unwinds.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's guarantees are `System`'s.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            count(signed(layout.size()));
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as `alloc`.
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            count(signed(layout.size()));
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System` with this layout.
        unsafe { System.dealloc(ptr, layout) };
        count(-signed(layout.size()));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as `dealloc` and `alloc`.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            count(signed(new_size).wrapping_sub(signed(layout.size())));
        }
        new
    }
}

/// How much memory and time the work on one draft may take.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// Bytes the work may hold at once, beyond what the thread held when it began.
    pub memory: Option<u64>,
    pub time: Option<Duration>,
}

#[derive(Clone, Copy)]
struct Active {
    limits: Limits,
    base: isize,
    started: Instant,
}

/// Why the work on a draft was stopped: the payload [`checkpoint`] unwinds with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exceeded {
    Memory {
        limit: u64,
    },
    Time {
        limit: Duration,
    },
    /// One allocation of `bytes` would have gone over the memory limit
    /// (`limit`), or the machine refused it (`limit` is `None`).
    Allocation {
        bytes: u64,
        limit: Option<u64>,
    },
}

impl fmt::Display for Exceeded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Exceeded::Memory { limit } => write!(
                f,
                "took more than {} of memory while being checked (--memory-limit)",
                crate::size::human_size(*limit)
            ),
            Exceeded::Time { limit } => {
                write!(f, "still being checked after {} seconds (--time-limit)", limit.as_secs_f64())
            }
            Exceeded::Allocation { bytes, limit: Some(limit) } => write!(
                f,
                "would need {} of memory at once, over the {} memory limit (--memory-limit)",
                crate::size::human_size(*bytes),
                crate::size::human_size(*limit)
            ),
            Exceeded::Allocation { bytes, limit: None } => write!(
                f,
                "would need {} of memory at once, more than the machine could give",
                crate::size::human_size(*bytes)
            ),
        }
    }
}

/// Holds the current thread to its limits until dropped (the previous budget, if any, comes back).
#[must_use = "the budget ends when the guard is dropped"]
pub struct Guard {
    previous: Option<Active>,
}

/// Starts holding the work on this thread to `limits`.
pub fn enter(limits: Limits) -> Guard {
    let active = Active { limits, base: LIVE.with(Cell::get), started: Instant::now() };
    Guard { previous: BUDGET.with(|b| b.replace(Some(active))) }
}

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = BUDGET.try_with(|b| b.set(self.previous));
    }
}

/// Bytes this thread holds beyond what it held when its budget began (0 without one).
pub fn used() -> u64 {
    let Some(active) = BUDGET.with(Cell::get) else { return 0 };
    u64::try_from(LIVE.with(Cell::get).saturating_sub(active.base)).unwrap_or(0)
}

/// The limit the current thread's work is over, if it is.
pub fn exceeded() -> Option<Exceeded> {
    let active = BUDGET.with(Cell::get)?;
    if let Some(limit) = active.limits.memory {
        if used() > limit {
            return Some(Exceeded::Memory { limit });
        }
    }
    match active.limits.time {
        Some(limit) if active.started.elapsed() > limit => Some(Exceeded::Time { limit }),
        _ => None,
    }
}

/// Stops the current thread's work, unwinding with [`Exceeded`], when it
/// is over its budget; does nothing otherwise. Cheap enough to call for
/// every block of a draft.
pub fn checkpoint() {
    if let Some(over) = exceeded() {
        std::panic::panic_any(over);
    }
}

/// [`checkpoint`] for the inside of a long loop (one item of a block that
/// may be megabytes long): checks once every 256 calls, so that it costs next
/// to nothing per item.
pub fn tick() {
    let n = TICKS.with(|t| {
        let n = t.get().wrapping_add(1);
        t.set(n);
        n
    });
    if n % 256 == 0 {
        checkpoint();
    }
}

/// How many times this thread has called [`tick`] (wrapping): a test counts
/// the steps of the long loops with it, a measure of work no machine load changes.
#[cfg(test)]
pub(crate) fn ticks() -> u32 {
    TICKS.with(Cell::get)
}

/// Makes room for `additional` more items in `vec`, when that number comes
/// from the input: refused, without allocating, if it would take the
/// current work over its memory budget, and refused if the machine cannot
/// give it (where a plain allocation would abort the process).
pub fn reserve<T>(vec: &mut Vec<T>, additional: usize) -> Result<(), Exceeded> {
    let bytes = (additional as u64).saturating_mul(std::mem::size_of::<T>() as u64);
    if let Some(limit) = BUDGET.with(Cell::get).and_then(|a| a.limits.memory) {
        if used().saturating_add(bytes) > limit {
            return Err(Exceeded::Allocation { bytes, limit: Some(limit) });
        }
    }
    vec.try_reserve_exact(additional).map_err(|_| Exceeded::Allocation { bytes, limit: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    // the library's own tests count memory as the binary does
    #[global_allocator]
    static COUNTING: CountingAllocator = CountingAllocator;

    #[test]
    fn memory_held_past_the_limit_is_exceeded_and_freeing_it_ends_that() {
        let _guard = enter(Limits { memory: Some(1 << 20), time: None });
        let held = vec![1u8; 2 << 20];
        assert!(used() >= 2 << 20, "{} bytes counted", used());
        assert_eq!(exceeded(), Some(Exceeded::Memory { limit: 1 << 20 }));
        drop(held);
        assert_eq!(exceeded(), None, "{} bytes still counted", used());
    }

    #[test]
    fn memory_freed_on_another_thread_stays_charged_to_the_budget_that_made_it() {
        let _guard = enter(Limits { memory: Some(1 << 20), time: None });
        let made = vec![1u8; 2 << 20];
        std::thread::spawn(move || drop(made)).join().unwrap();
        assert!(exceeded().is_some());
    }

    #[test]
    fn a_checkpoint_past_the_deadline_unwinds_with_the_limit() {
        let limit = Duration::from_millis(1);
        let result = std::panic::catch_unwind(|| {
            let _guard = enter(Limits { memory: None, time: Some(limit) });
            checkpoint();
            std::thread::sleep(Duration::from_millis(20));
            checkpoint();
        });
        let payload = result.expect_err("the second checkpoint stops the work");
        assert_eq!(payload.downcast_ref::<Exceeded>(), Some(&Exceeded::Time { limit }));
        // the guard was dropped while unwinding: no budget is left behind
        assert_eq!(exceeded(), None);
        checkpoint();
    }

    #[test]
    fn without_a_budget_nothing_is_exceeded() {
        assert_eq!((used(), exceeded()), (0, None));
        let _outer = enter(Limits { memory: Some(1 << 40), time: None });
        {
            let _inner = enter(Limits { memory: None, time: Some(Duration::ZERO) });
            std::thread::sleep(Duration::from_millis(2));
            assert_eq!(exceeded(), Some(Exceeded::Time { limit: Duration::ZERO }));
        }
        assert_eq!(exceeded(), None, "the outer budget is back");
    }

    #[test]
    fn an_allocation_over_the_budget_is_refused_before_it_is_made() {
        let _guard = enter(Limits { memory: Some(1 << 20), time: None });
        let mut v: Vec<u8> = Vec::new();
        let before = used();
        assert_eq!(reserve(&mut v, 2 << 20), Err(Exceeded::Allocation { bytes: 2 << 20, limit: Some(1 << 20) }));
        assert_eq!((v.capacity(), used()), (0, before), "nothing was allocated");
        reserve(&mut v, 1000).unwrap();
        assert!(v.capacity() >= 1000);
    }

    #[test]
    fn an_allocation_the_machine_refuses_is_an_error_not_an_abort() {
        // 64 TiB: under `isize::MAX`, over what any test machine gives
        let huge = 1usize << 46;
        let mut v: Vec<u8> = Vec::new();
        assert_eq!(reserve(&mut v, huge), Err(Exceeded::Allocation { bytes: 1 << 46, limit: None }));
        let mut wide: Vec<u64> = Vec::new();
        assert!(reserve(&mut wide, usize::MAX / 2).is_err(), "a size that overflows is refused too");
    }

    #[test]
    fn ticks_stop_the_work_within_a_few_hundred_calls() {
        let result = std::panic::catch_unwind(|| {
            let _guard = enter(Limits { memory: None, time: Some(Duration::ZERO) });
            std::thread::sleep(Duration::from_millis(2));
            for _ in 0..256 {
                tick();
            }
        });
        assert!(result.is_err(), "one of 256 ticks checks the budget");
    }

    #[test]
    fn the_messages_name_the_option_that_raises_the_limit() {
        assert_eq!(
            Exceeded::Allocation { bytes: 8 << 40, limit: Some(2 << 30) }.to_string(),
            "would need 8 TB of memory at once, over the 2 GB memory limit (--memory-limit)"
        );
        assert_eq!(
            Exceeded::Memory { limit: 20 << 20 }.to_string(),
            "took more than 20 MB of memory while being checked (--memory-limit)"
        );
        assert_eq!(
            Exceeded::Time { limit: Duration::from_secs(60) }.to_string(),
            "still being checked after 60 seconds (--time-limit)"
        );
    }
}
