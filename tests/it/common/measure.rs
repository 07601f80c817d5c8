//! Running the binary with a time limit, and reading its peak memory.
//!
//! The peak is the binary's own VmHWM, which it prints last on stderr when
//! `QUOTELINT_REPORT_PEAK_MEMORY` is set (Linux). `wait4`'s rusage would not
//! do: Linux counts the test process's memory, copied at fork, in the child's
//! maximum. Elsewhere the peak is `None` and memory assertions are skipped.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const PEAK_LINE: &str = "quotelint: peak memory ";

pub struct Measured {
    /// `None` when the run was killed for taking longer than the limit.
    pub code: Option<i32>,
    pub seconds: f64,
    /// Peak resident set size, in bytes.
    pub peak: Option<u64>,
    /// The first megabyte of stdout, and how many bytes there were in all.
    pub stdout: String,
    pub stdout_bytes: usize,
    /// Without the peak memory line.
    pub stderr: String,
}
impl Measured {
    /// The number of findings in the summary on stderr (`Found N problems …`).
    pub fn findings(&self) -> usize {
        self.stderr
            .strip_prefix("Found ")
            .and_then(|rest| rest.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no summary of findings: {}", self.stderr))
    }

    /// Asserts the run finished within its time limit and, where memory can
    /// be measured, peaked at no more than 20 MB plus `times` × `input` bytes.
    /// The 20 MB is what a release build starts with (about 8 MB) and 12 MB
    /// more; a debug build starts bigger, so the 12 MB count from its start.
    pub fn assert_bounded(&self, what: &str, input: usize, times: u64) {
        assert!(self.code.is_some(), "{what}: still running after {:.0} s", self.seconds);
        if let (Some(peak), Some(start)) = (self.peak, start_up_peak()) {
            let budget = (20 << 20).max(start + (12 << 20)) + times * input as u64;
            assert!(
                peak <= budget,
                "{what}: peak memory {} KB over the budget of {} KB",
                peak / 1024,
                budget / 1024
            );
        }
    }
}

/// Peak memory of the binary checking an empty draft.
fn start_up_peak() -> Option<u64> {
    static PEAK: std::sync::OnceLock<Option<u64>> = std::sync::OnceLock::new();
    *PEAK.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("empty.md"), "").expect("draft written");
        run_measured(&["check", "empty.md"], dir.path(), Duration::from_secs(60)).peak
    })
}

/// Runs `quotelint args…` in `dir`, killing it after `limit`.
pub fn run_measured(args: &[&str], dir: &std::path::Path, limit: Duration) -> Measured {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_quotelint"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("TERM")
        .env("QUOTELINT_REPORT_PEAK_MEMORY", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let stdout = drain(child.stdout.take().expect("piped stdout"));
    let stderr = drain(child.stderr.take().expect("piped stderr"));
    let code = wait(&mut child, start, limit);
    let seconds = start.elapsed().as_secs_f64();
    let (stdout, stdout_bytes) = stdout.join().expect("stdout read");
    let (stderr, _) = stderr.join().expect("stderr read");
    let (peak, stderr) = split_peak(&stderr);
    Measured { code, seconds, peak, stdout, stdout_bytes, stderr }
}

/// The peak memory line's value in bytes, and stderr without it.
fn split_peak(stderr: &str) -> (Option<u64>, String) {
    let mut peak = None;
    let mut rest = String::new();
    for line in stderr.split_inclusive('\n') {
        match line.strip_prefix(PEAK_LINE) {
            Some(value) => {
                let kb = value.trim().trim_end_matches("kB").trim();
                peak = kb.parse::<u64>().ok().map(|kb| kb * 1024);
            }
            None => rest.push_str(line),
        }
    }
    (peak, rest)
}

fn drain(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<(String, usize)> {
    std::thread::spawn(move || {
        let (mut kept, mut total, mut buf) = (Vec::new(), 0, vec![0; 64 * 1024]);
        while let Ok(n) = pipe.read(&mut buf) {
            if n == 0 {
                break;
            }
            total += n;
            if kept.len() < 1 << 20 {
                kept.extend_from_slice(&buf[..n]);
            }
        }
        (String::from_utf8_lossy(&kept).into_owned(), total)
    })
}

/// The exit code, or `None` if the child had to be killed.
fn wait(child: &mut std::process::Child, start: Instant, limit: Duration) -> Option<i32> {
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return status.code();
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}
