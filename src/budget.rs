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
//! counts; [`checkpoint`] is what stops the work, between stages and blocks.
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
}

fn count(delta: isize) {
    // a thread being torn down has no counter left: nothing to count against
    let _ = LIVE.try_with(|live| live.set(live.get().wrapping_add(delta)));
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
    Memory { limit: u64 },
    Time { limit: Duration },
}

impl fmt::Display for Exceeded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Exceeded::Memory { limit } => write!(
                f,
                "took more than {} of memory while being checked (--memory-limit)",
                crate::source::human_size(*limit)
            ),
            Exceeded::Time { limit } => {
                write!(f, "still being checked after {} seconds (--time-limit)", limit.as_secs_f64())
            }
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
    fn the_messages_name_the_option_that_raises_the_limit() {
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
