//! Crash isolation: a piece of work (one draft, one request, one command)
//! runs under `catch`, so that a panic, or a draft going over its memory or
//! time budget, costs that piece only and becomes a one-line message.
//! Below the command line and the language server, which both use it.

use crate::budget;
use std::any::Any;
use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};

thread_local! {
    /// Where the last panic on this thread happened, recorded by the quiet hook.
    static PANIC_LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Replaces Rust's panic message and backtrace (not for users' eyes) with a
/// hook that only remembers where the panic happened, for our own one-line report.
pub fn install_quiet_panic_hook() {
    panic::set_hook(Box::new(|info| {
        let location = info.location().map(|l| format!("{}:{}", l.file(), l.line()));
        PANIC_LOCATION.with(|cell| *cell.borrow_mut() = location);
    }));
}

/// Runs the work on the draft `shown`, turning a panic into the message
/// that reports it: the budget it went over, or an internal error.
pub fn catch_file<T>(shown: &str, f: impl FnOnce() -> T) -> Result<T, String> {
    panic::catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let at = PANIC_LOCATION.with(|cell| cell.borrow_mut().take());
        match payload.downcast_ref::<budget::Exceeded>() {
            Some(over) => format!("{shown}: {over}; skipped"),
            None => {
                let message = panic_message(payload.as_ref());
                let at = at.map(|at| format!(" (at {at})")).unwrap_or_default();
                format!("internal error while checking {shown}: {message}{at}")
            }
        }
    })
}

/// Runs `f`, turning a panic into its message.
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    panic::catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let message = panic_message(payload.as_ref());
        match PANIC_LOCATION.with(|cell| cell.borrow_mut().take()) {
            Some(at) => format!("{message} (at {at})"),
            None => message,
        }
    })
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(over) = payload.downcast_ref::<budget::Exceeded>() {
        over.to_string()
    } else if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_panic_becomes_its_message() {
        install_quiet_panic_hook();
        let err = catch(|| -> u8 { panic!("boom {}", 7) }).unwrap_err();
        assert!(err.starts_with("boom 7 (at src/isolate.rs:"), "{err}");
        assert_eq!(catch(|| 5), Ok(5));
        let _ = panic::take_hook();
    }

    #[test]
    fn a_draft_over_its_budget_is_reported_as_that_not_as_an_internal_error() {
        let over = || {
            let _budget = budget::enter(budget::Limits { memory: None, time: Some(Duration::ZERO) });
            std::thread::sleep(Duration::from_millis(2));
            budget::checkpoint();
        };
        let file = catch_file("big.md", over).unwrap_err();
        assert_eq!(file, "big.md: still being checked after 0 seconds (--time-limit); skipped");
        assert!(catch(over).unwrap_err().starts_with("still being checked after 0 seconds"));
        let broken = catch_file("bad.md", || -> u8 { panic!("boom") }).unwrap_err();
        assert!(broken.starts_with("internal error while checking bad.md: boom"), "{broken}");
    }
}
