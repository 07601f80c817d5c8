//! Reading the drafts named on the command line (directories walked, or the
//! staged content with `--staged`) and running work on each one in parallel,
//! with read errors and panics contained to that file.

use super::args::Inputs;
use super::staged;
use crate::source::{self, SourceFile};
use crate::walk::{self, Target};
use rayon::prelude::*;
use std::any::Any;
use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;

/// The results for the files that went through, and whether any did not.
pub struct Outcome<T> {
    pub results: Vec<T>,
    pub failed: bool,
}

/// One draft to read.
enum Job {
    Stdin,
    File(PathBuf),
    /// Content already in memory (a staged blob), with the path to show.
    Blob {
        path: String,
        bytes: Vec<u8>,
    },
}

/// Reads each input and runs `work` on it, files in parallel on rayon's pool;
/// results come back in input order (callers sort them by path). A file that
/// cannot be read, or whose work panics, gets one line on stderr naming it;
/// the other files are still processed.
pub fn process<T: Send>(inputs: &Inputs, work: impl Fn(SourceFile) -> T + Sync) -> Outcome<T> {
    let mut outcome = Outcome { results: Vec::new(), failed: false };
    let jobs = match jobs(inputs) {
        Ok((jobs, errors)) => {
            for error in &errors {
                eprintln!("error: {error}");
            }
            outcome.failed = !errors.is_empty();
            jobs
        }
        Err(message) => {
            eprintln!("error: {message}");
            outcome.failed = true;
            return outcome;
        }
    };
    if jobs.is_empty() && !inputs.staged && !outcome.failed {
        eprintln!("warning: no Markdown files found under the given paths");
    }
    let done: Vec<Result<T, String>> = jobs
        .into_par_iter()
        .map(|job| {
            let file = read(job, &inputs.stdin_filename).map_err(|err| err.to_string())?;
            let shown = file.path.clone();
            catch(|| work(file)).map_err(|message| format!("internal error while checking {shown}: {message}"))
        })
        .collect();
    for result in done {
        match result {
            Ok(result) => outcome.results.push(result),
            Err(message) => {
                eprintln!("error: {message}");
                outcome.failed = true;
            }
        }
    }
    outcome
}

/// The jobs to run and the problems met finding them; `Err` when nothing can be done.
fn jobs(inputs: &Inputs) -> Result<(Vec<Job>, Vec<String>), String> {
    if inputs.staged {
        let blobs = staged::staged_markdown(&inputs.exclude)?;
        return Ok((blobs.into_iter().map(|b| Job::Blob { path: b.path, bytes: b.bytes }).collect(), Vec::new()));
    }
    let walked = walk::collect(&inputs.paths, &inputs.exclude)?;
    let jobs = walked
        .targets
        .into_iter()
        .map(|t| match t {
            Target::Stdin => Job::Stdin,
            Target::File(path) => Job::File(path),
        })
        .collect();
    Ok((jobs, walked.errors))
}

fn read(job: Job, stdin_name: &str) -> Result<SourceFile, source::ReadError> {
    match job {
        Job::Stdin => source::read_stdin(stdin_name),
        Job::File(path) => source::read_path(&path),
        Job::Blob { path, bytes } => source::decode(path, bytes),
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
