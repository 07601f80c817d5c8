//! Reading the drafts named on the command line and running work on each one
//! with read errors and panics contained to that file.

use super::args::Inputs;
use crate::source::{self, SourceFile};
use std::any::Any;
use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

/// The results for the files that went through, and whether any did not.
pub struct Outcome<T> {
    pub results: Vec<T>,
    pub failed: bool,
}

/// Reads each input in command-line order and runs `work` on it. A file that
/// cannot be read, or whose work panics, gets one line on stderr naming it;
/// the other files are still processed.
pub fn process<T>(inputs: &Inputs, mut work: impl FnMut(SourceFile) -> T) -> Outcome<T> {
    let mut outcome = Outcome { results: Vec::new(), failed: false };
    for path in &inputs.paths {
        let file = match read(path, &inputs.stdin_filename) {
            Ok(file) => file,
            Err(err) => {
                eprintln!("error: {err}");
                outcome.failed = true;
                continue;
            }
        };
        let shown = file.path.clone();
        match catch(|| work(file)) {
            Ok(result) => outcome.results.push(result),
            Err(message) => {
                eprintln!("error: internal error while checking {shown}: {message}");
                outcome.failed = true;
            }
        }
    }
    outcome
}

fn read(path: &Path, stdin_name: &str) -> Result<SourceFile, source::ReadError> {
    if path.as_os_str() == "-" {
        source::read_stdin(stdin_name)
    } else {
        source::read_path(path)
    }
}

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
    if let Some(s) = payload.downcast_ref::<&str>() {
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

    #[test]
    fn a_panic_becomes_its_message() {
        install_quiet_panic_hook();
        let err = catch(|| -> u8 { panic!("boom {}", 7) }).unwrap_err();
        assert!(err.starts_with("boom 7 (at src/cli/input.rs:"), "{err}");
        assert_eq!(catch(|| 5), Ok(5));
        let _ = panic::take_hook();
    }
}
