//! Running the built binary from integration tests.
#![allow(dead_code)] // each test file uses a different part of this

pub mod docx;
pub mod measure;

use std::io::Write;
use std::process::{Command, Stdio};

/// `bytes` (or a paragraph more) of plain wire copy: a quote with its
/// speaker and channel in every paragraph, nothing to report.
pub fn wire_copy(bytes: usize) -> String {
    let paragraph = "The harbour council met on Tuesday to discuss the ferry timetable. \
        “We will keep the morning crossing,” said Mayor Ana Ruiz in a statement. \
        Councillors voted to review the fares in the spring.\n\n";
    paragraph.repeat(bytes / paragraph.len() + 1)
}

pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `quotelint` with `args`, feeding `stdin`, with colour-related
/// environment cleared so results do not depend on the caller's terminal.
pub fn quotelint(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_quotelint"))
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("TERM")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // A run that refuses before reading its input (a usage error) closes
    // stdin early: the broken pipe is the binary's answer, not a failure.
    if let Err(e) = child.stdin.take().expect("piped stdin").write_all(stdin.as_bytes()) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "stdin written: {e}");
    }
    let out = child.wait_with_output().expect("the binary finishes");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A temporary directory holding `files` (name, bytes).
pub fn drafts(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).expect("draft written");
    }
    dir
}

pub fn path(dir: &tempfile::TempDir, name: &str) -> String {
    dir.path().join(name).display().to_string()
}

/// Golden files: with `QUOTELINT_BLESS` set, writes `got` to `expected_path`;
/// otherwise records a failure when they differ.
pub fn compare_or_bless(expected_path: &std::path::Path, got: &str, failures: &mut Vec<String>) {
    if std::env::var_os("QUOTELINT_BLESS").is_some() {
        std::fs::write(expected_path, got).expect("write expectation");
        return;
    }
    let expected = std::fs::read_to_string(expected_path).unwrap_or_default();
    if expected != got {
        failures.push(format!("{}\n--- expected\n{expected}--- got\n{got}", expected_path.display()));
    }
}

/// The span of the first occurrence of `needle` in `text`.
pub fn span_of(text: &str, needle: &str) -> quotelint::span::Span {
    let start = text.find(needle).expect("needle in draft");
    quotelint::span::Span::new(start, start + needle.len())
}

/// A rule's metadata by code.
pub fn meta(code: &str) -> &'static quotelint::rules::RuleMeta {
    quotelint::rules::find(code).expect("rule exists").meta()
}
