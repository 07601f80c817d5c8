//! Reading the drafts named on the command line (directories walked, or the
//! staged content with `--staged`) and running work on each one in parallel,
//! with every per-file failure contained to that file: a read error, a
//! panic, or running over the time limit. Each gets one line on stderr naming
//! the file, the file is listed as not checked, and the other files' results
//! are all kept.

use super::args::Inputs;
use super::staged;
use crate::budget;
use crate::config::{ConfigChoice, Resolver};
use crate::formats;
use crate::isolate::{catch, catch_file};
use crate::settings::DEFAULT_INCLUDE;
use crate::source::{self, InputFormat, SourceFile};
use crate::walk::{self, Target};
use std::collections::{HashMap, VecDeque};
use std::path::Path;
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The results for the files that went through, and the files that did not.
pub struct Outcome<T> {
    pub results: Vec<T>,
    pub failed: bool,
    /// Display paths of the files that could not be read or checked, in input order.
    pub not_checked: Vec<String>,
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

impl Job {
    fn shown(&self, stdin_name: &str) -> String {
        match self {
            Job::Stdin => stdin_name.to_string(),
            Job::File(path) => path.display().to_string(),
            Job::Blob { path, .. } => path.clone(),
        }
    }
}

/// Reads each input and runs `work` on it, files in parallel; results come
/// back in input order (callers sort them by path). A file that cannot be
/// read, whose work panics, or whose work runs over `--time-limit`, gets one
/// line on stderr naming it; the other files are still processed.
/// Directories are walked for the formats each draft's configuration
/// (found as `config` says) includes.
pub fn process<T: Send + 'static>(
    inputs: &Inputs,
    config: &ConfigChoice,
    work: impl Fn(SourceFile) -> T + Send + Sync + 'static,
) -> Outcome<T> {
    let mut outcome = Outcome { results: Vec::new(), failed: false, not_checked: Vec::new() };
    let jobs = match jobs(inputs, config) {
        Ok(Found { jobs, errors, skipped }) => {
            for error in &errors {
                eprintln!("error: {error}");
            }
            report_skipped(&skipped, inputs.verbose);
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
        eprintln!(
            "warning: no drafts found under the given paths (read when walking: {}; `include` in \
             quotelint.toml adds html and docx)",
            DEFAULT_INCLUDE.iter().map(|f| f.name()).collect::<Vec<_>>().join(", ")
        );
    }
    let stdin_name = inputs.stdin_filename.clone();
    let limit = inputs.max_file_size;
    let forced = inputs.input_format;
    let named: Vec<(String, Job)> = jobs.into_iter().map(|job| (job.shown(&stdin_name), job)).collect();
    let budget = Duration::from_secs_f64(inputs.time_limit);
    let limits = budget::Limits { memory: Some(inputs.memory_limit), time: Some(budget) };
    // one draft needs one worker: asking how many cores there are reads
    // cgroup files, a cost a single-draft check (an editor, a hook) pays
    let threads = if named.len() > 1 { threads() } else { 1 };
    let done = run_all(named, budget, threads, move |job| {
        // the draft's bytes count against its memory too
        let _budget = budget::enter(limits);
        let file = read(job, &stdin_name, limit, forced).map_err(|err| err.to_string())?;
        let shown = file.path.clone();
        catch_file(&shown, || work(file))
    });
    for result in done {
        match result {
            Ok(result) => outcome.results.push(result),
            Err(failure) => {
                eprintln!("error: {}", failure.message);
                outcome.failed = true;
                outcome.not_checked.push(failure.name);
            }
        }
    }
    outcome
}

/// As many workers as rayon would use here: every core, `RAYON_NUM_THREADS`,
/// or the size of the pool a caller (a benchmark, say) installed. Asking
/// rayon outside a pool would start its global pool, a thread a core, for
/// nothing: the drafts run on threads of their own.
fn threads() -> usize {
    if rayon::current_thread_index().is_some() {
        return rayon::current_num_threads();
    }
    let from_env = std::env::var("RAYON_NUM_THREADS").ok().and_then(|n| n.trim().parse().ok());
    from_env
        .filter(|&n: &usize| n > 0)
        .or_else(|| std::thread::available_parallelism().ok().map(std::num::NonZero::get))
        .unwrap_or(1)
}

/// What the walk passed over, on stderr: one line in all, or one a file with `--verbose`.
fn report_skipped(skipped: &[walk::Skipped], verbose: bool) {
    if verbose {
        for s in skipped {
            eprintln!("note: skipped {}: {}", s.path.display(), s.why.describe());
        }
        return;
    }
    let links = skipped.iter().filter(|s| s.why == walk::SkipReason::SymbolicLink).count();
    let left_out = skipped.len() - links;
    let mut parts = Vec::new();
    if links > 0 {
        parts.push(format!("{} (not followed)", crate::render::count(links, "symbolic link")));
    }
    if left_out > 0 {
        parts.push(format!("{} in a format `include` leaves out", crate::render::count(left_out, "draft")));
    }
    if !parts.is_empty() {
        eprintln!("note: skipped {}; --verbose lists them", parts.join(" and "));
    }
}

/// The jobs to run, the problems met finding them and the files passed over.
struct Found {
    jobs: Vec<Job>,
    errors: Vec<String>,
    skipped: Vec<walk::Skipped>,
}

/// What to read; `Err` when nothing can be done.
fn jobs(inputs: &Inputs, config: &ConfigChoice) -> Result<Found, String> {
    if inputs.staged {
        let blobs = staged::staged_markdown(&inputs.exclude)?;
        let jobs = blobs.into_iter().map(|b| Job::Blob { path: b.path, bytes: b.bytes }).collect();
        return Ok(Found { jobs, errors: Vec::new(), skipped: Vec::new() });
    }
    // a draft in a directory is read when its project reads its format (a
    // broken config is reported when the draft is checked: walk the defaults)
    let mut resolver = Resolver::new(config.clone());
    let mut wanted = |path: &Path| {
        let Some(format) = InputFormat::from_path(path) else { return false };
        match resolver.settings_for(path) {
            Ok(settings) => settings.include.contains(&format),
            Err(_) => DEFAULT_INCLUDE.contains(&format),
        }
    };
    let walked = walk::collect(&inputs.paths, &inputs.exclude, &mut wanted)?;
    let jobs = walked
        .targets
        .into_iter()
        .map(|t| match t {
            Target::Stdin => Job::Stdin,
            Target::File(path) => Job::File(path),
        })
        .collect();
    Ok(Found { jobs, errors: walked.errors, skipped: walked.skipped })
}

/// Reads a draft in the format `forced` names, else its extension's (Markdown
/// when it has none, as standard input without `--stdin-filename` has).
/// Warnings about how it was read go to stderr.
fn read(
    job: Job,
    stdin_name: &str,
    limit: u64,
    forced: Option<InputFormat>,
) -> Result<SourceFile, source::ReadError> {
    let (name, bytes) = match job {
        Job::Stdin => (stdin_name.to_string(), source::read_stdin_bytes_within(stdin_name, limit)?),
        Job::File(path) => (path.display().to_string(), source::read_bytes_within(&path, limit)?),
        Job::Blob { path, bytes } => {
            let size = bytes.len() as u64;
            if size > limit {
                return Err(source::ReadError::TooLarge { path, size, limit });
            }
            (path, bytes)
        }
    };
    let format = forced.or_else(|| InputFormat::from_path(Path::new(&name))).unwrap_or_default();
    let loaded = formats::load(name, bytes, format, limit)?;
    for warning in &loaded.warnings {
        eprintln!("warning: {warning}");
    }
    Ok(loaded.file)
}

/// A job that did not produce a result: its name and the whole message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub name: String,
    pub message: String,
}

/// How long past its budget a draft's work has to stop by itself before the
/// watchdog gives up on it.
const GRACE: Duration = Duration::from_millis(500);

enum Event<T> {
    Started(usize, Instant),
    Done(usize, Result<T, String>),
}

/// Runs `work` on every `(name, item)` on `threads` worker threads; results
/// in input order. An item still running after `budget` (and a short grace
/// for its own budget to stop it) is given up on: its
/// result is a [`Failure`] saying so, its thread is left to finish (or to end
/// with the process) and a new worker takes its place, so one draft that
/// never finishes costs that draft only.
pub fn run_all<J, T>(
    items: Vec<(String, J)>,
    budget: Duration,
    threads: usize,
    work: impl Fn(J) -> Result<T, String> + Send + Sync + 'static,
) -> Vec<Result<T, Failure>>
where
    J: Send + 'static,
    T: Send + 'static,
{
    let names: Vec<String> = items.iter().map(|(name, _)| name.clone()).collect();
    let queue: Arc<Mutex<VecDeque<(usize, J)>>> =
        Arc::new(Mutex::new(items.into_iter().map(|(_, item)| item).enumerate().collect()));
    let work = Arc::new(work);
    let (sender, events) = mpsc::channel();
    let spawn = || {
        let (queue, work, sender) = (Arc::clone(&queue), Arc::clone(&work), sender.clone());
        std::thread::Builder::new()
            .name("quotelint-file".into())
            .spawn(move || worker(&queue, &*work, &sender))
            .is_ok()
    };
    let spawned = (0..threads.clamp(1, names.len().max(1))).filter(|_| spawn()).count();
    let mut results: Vec<Option<Result<T, Failure>>> = names.iter().map(|_| None).collect();
    if spawned == 0 {
        // no thread could be started: do the work here, without a time limit
        let mut rest = std::mem::take(&mut *queue.lock().unwrap_or_else(|e| e.into_inner()));
        return rest
            .drain(..)
            .map(|(i, item)| work(item).map_err(|message| failure(&names, i, message)))
            .collect();
    }
    // A draft's own budget stops its work soon after the deadline (and a
    // fix is never written after it); the watchdog waits a little longer,
    // so that the draft's own report wins and a thread is left running
    // only when its work does not look at its budget.
    let deadline = budget + GRACE;
    let mut running: HashMap<usize, Instant> = HashMap::new();
    let mut settled = 0;
    while settled < results.len() {
        let now = Instant::now();
        let wait = running.values().map(|start| (*start + deadline).saturating_duration_since(now)).min();
        let event = match wait {
            Some(wait) => events.recv_timeout(wait),
            None => events.recv().map_err(|_| mpsc::RecvTimeoutError::Disconnected),
        };
        match event {
            Ok(Event::Started(i, at)) => {
                running.insert(i, at);
            }
            Ok(Event::Done(i, result)) => {
                running.remove(&i);
                if let Some(slot @ None) = results.get_mut(i) {
                    *slot = Some(result.map_err(|message| failure(&names, i, message)));
                    settled += 1;
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let over: Vec<usize> =
                    running.iter().filter(|(_, start)| start.elapsed() >= deadline).map(|(i, _)| *i).collect();
                for i in over {
                    running.remove(&i);
                    let message = format!("{}: {}; skipped", names[i], budget::Exceeded::Time { limit: budget });
                    results[i] = Some(Err(Failure { name: names[i].clone(), message }));
                    settled += 1;
                    spawn();
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    names
        .iter()
        .zip(results)
        .map(|(name, r)| {
            r.unwrap_or_else(|| Err(Failure { name: name.clone(), message: format!("{name}: not checked") }))
        })
        .collect()
}

fn failure(names: &[String], i: usize, message: String) -> Failure {
    Failure { name: names.get(i).cloned().unwrap_or_default(), message }
}

/// Takes items off the queue until it is empty or nobody is listening.
fn worker<J, T>(
    queue: &Mutex<VecDeque<(usize, J)>>,
    work: &dyn Fn(J) -> Result<T, String>,
    events: &mpsc::Sender<Event<T>>,
) {
    loop {
        let next = queue.lock().unwrap_or_else(|e| e.into_inner()).pop_front();
        let Some((i, item)) = next else { return };
        if events.send(Event::Started(i, Instant::now())).is_err() {
            return;
        }
        let result = catch(|| work(item)).and_then(|r| r);
        if events.send(Event::Done(i, result)).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(items: &[u64]) -> Vec<(String, u64)> {
        items.iter().map(|&n| (format!("job{n}"), n)).collect()
    }

    #[test]
    fn results_come_back_in_input_order_and_a_panic_costs_its_item_only() {
        let results = run_all(named(&[1, 2, 3, 4, 5]), Duration::from_secs(60), 2, |n| {
            if n == 3 {
                panic!("three");
            }
            if n == 4 {
                return Err("job4: unreadable".to_string());
            }
            Ok(n * 10)
        });
        assert_eq!(results[0], Ok(10));
        assert_eq!(results[1], Ok(20));
        let Err(failure) = &results[2] else { panic!("{:?}", results[2]) };
        assert_eq!(failure.name, "job3");
        assert!(failure.message.starts_with("three"), "{failure:?}");
        assert_eq!(results[3], Err(Failure { name: "job4".into(), message: "job4: unreadable".into() }));
        assert_eq!(results[4], Ok(50));
    }

    #[test]
    fn an_item_over_the_time_budget_is_given_up_on_and_the_rest_finish() {
        let start = Instant::now();
        // item 0 would run for ten minutes; on one thread, the others wait behind it
        let results = run_all(named(&[0, 1, 2]), Duration::from_millis(300), 1, |n| {
            if n == 0 {
                std::thread::sleep(Duration::from_secs(600));
            }
            Ok(n)
        });
        assert!(start.elapsed() < Duration::from_secs(60), "took {:?}", start.elapsed());
        let Err(failure) = &results[0] else { panic!("{:?}", results[0]) };
        assert_eq!(failure.name, "job0");
        assert_eq!(failure.message, "job0: still being checked after 0.3 seconds (--time-limit); skipped");
        assert_eq!(results[1..], [Ok(1), Ok(2)]);
    }

    #[test]
    fn nothing_to_do_is_nothing_done() {
        let results = run_all(Vec::<(String, u8)>::new(), Duration::from_secs(1), 4, Ok);
        assert!(results.is_empty());
    }
}
