//! Generated-input harness for the span invariants: runs CASES generated
//! drafts through the whole pipeline and reports every broken invariant
//! (panic, a span outside the file or inside a character, a line/column that
//! disagrees with its offset, output that differs on a second run), each
//! shrunk to a minimal reproducer.
//!
//! ```text
//! cargo run --release --example fuzz_spans -- 10000000
//! cargo run --release --example fuzz_spans -- 100000 --start 5000000 --threads 2
//! ```
//!
//! Case `n` is always the same draft, so `--start n` with a count of 1
//! replays one. Exits 1 when anything was found.

#[path = "../tests/it/span_invariants/mod.rs"]
mod harness;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Instant;

struct Options {
    cases: u64,
    start: u64,
    threads: u64,
}

fn parse_args() -> Result<Options, String> {
    let mut opts = Options { cases: 100_000, start: 0, threads: 1 };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| -> Result<u64, String> {
            let v = args.next().ok_or(format!("{name} needs a number"))?;
            v.replace('_', "").parse().map_err(|_| format!("{name}: not a number: {v}"))
        };
        match arg.as_str() {
            "--start" => opts.start = value("--start")?,
            "--threads" => opts.threads = value("--threads")?.max(1),
            "-h" | "--help" => return Err(String::new()),
            n => opts.cases = n.replace('_', "").parse().map_err(|_| format!("not a case count: {n}"))?,
        }
    }
    Ok(opts)
}

fn main() {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}\nusage: fuzz_spans [CASES] [--start N] [--threads N]");
            std::process::exit(2);
        }
    };
    // a panic is a finding, reported with its input; the default hook would
    // print every one of them
    std::panic::set_hook(Box::new(|_| {}));
    let first_seen: Mutex<BTreeMap<String, (u64, String)>> = Mutex::new(BTreeMap::new());
    let failing = AtomicU64::new(0);
    let done = AtomicU64::new(0);
    let began = Instant::now();
    let step = (opts.cases / 100).max(1);
    std::thread::scope(|scope| {
        for t in 0..opts.threads {
            let (first_seen, failing, done, opts) = (&first_seen, &failing, &done, &opts);
            scope.spawn(move || {
                let mut n = t;
                while n < opts.cases {
                    let seed = opts.start + n;
                    let violations = harness::check(&harness::generate(seed));
                    if !violations.is_empty() {
                        failing.fetch_add(1, Ordering::Relaxed);
                        let mut seen = first_seen.lock().unwrap_or_else(|e| e.into_inner());
                        for v in violations {
                            seen.entry(v.kind).or_insert((seed, v.detail));
                        }
                    }
                    let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
                    if finished % step == 0 {
                        let kinds = first_seen.lock().map(|s| s.len()).unwrap_or(0);
                        eprintln!(
                            "{finished} cases, {} failing, {kinds} kinds, {:.0} s",
                            failing.load(Ordering::Relaxed),
                            began.elapsed().as_secs_f64()
                        );
                    }
                    n += opts.threads;
                }
            });
        }
    });
    let seen = first_seen.into_inner().unwrap_or_else(|e| e.into_inner());
    println!(
        "{} cases from {} in {:.0} s: {} failing, {} distinct violations",
        opts.cases,
        opts.start,
        began.elapsed().as_secs_f64(),
        failing.load(Ordering::Relaxed),
        seen.len()
    );
    for (kind, (seed, detail)) in &seen {
        let case = harness::generate(*seed);
        let small = harness::shrink(&case, kind);
        println!("- {kind} ({detail}); case {seed} ({}), shrunk: {}", case.path, small.literal());
    }
    if !seen.is_empty() {
        std::process::exit(1);
    }
}
