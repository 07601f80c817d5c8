//! Walking directories (ignore files, --exclude, explicit paths), deterministic
//! output, exit status (--fail-on, --exit-zero), the new formats end to end,
//! completions and the man page.

use crate::common;

use common::quotelint;
use std::path::Path;

/// QF001, and QA001 (the attribution is inside the quote): the walking and
/// sorting tests run `--select QF` so that each file gives one line.
const UNCLOSED: &str = "“The ferry is late again, said Captain Ola Berg.\n";
const CLOSED: &str = "“The ferry is late again,” said Captain Ola Berg.\n";
/// Only a warning (QF002): one straight pair in a curly draft.
const MIXED: &str = "“One,” she said.\n\n“Three,” they said.\n\n\"Two,\" he said.\n";

fn write(root: &Path, name: &str, text: &str) {
    let path = root.join(name);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::write(path, text).unwrap();
}

/// The paths named in `concise` output, in order.
fn reported(stdout: &str) -> Vec<String> {
    stdout.lines().map(|l| l.split(':').next().unwrap_or_default().to_string()).collect()
}

/// A tree outside any git repository with every kind of ignore rule.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "z-last.md", UNCLOSED);
    write(root, "a-first.markdown", UNCLOSED);
    write(root, "desk/b.mdx", UNCLOSED);
    write(root, "desk/clean.md", CLOSED);
    write(root, "desk/notes.csv", UNCLOSED);
    write(root, "built/out.md", UNCLOSED); // .gitignore, honoured with no git repository
    write(root, ".gitignore", "built/\n");
    write(root, "scratch/s.md", UNCLOSED); // .ignore
    write(root, ".ignore", "scratch/\n");
    write(root, "desk/old.md", UNCLOSED); // .quotelintignore in a subdirectory
    write(root, "desk/.quotelintignore", "old.md\n");
    write(root, ".hidden/h.md", UNCLOSED); // hidden
    write(root, "archive/2019/x.md", UNCLOSED); // --exclude
    dir
}

#[test]
fn directories_are_walked_honouring_ignore_files_outside_git() {
    let dir = tree();
    let root = dir.path().display().to_string();
    let out = quotelint(&["check", "--select", "QF", "--format", "concise", &root, "--exclude", "archive/"], "");
    assert_eq!(out.code, 1, "{}", out.stderr);
    let rel: Vec<String> =
        reported(&out.stdout).iter().map(|p| p.strip_prefix(&root).unwrap_or(p).to_string()).collect();
    assert_eq!(rel, ["/a-first.markdown", "/desk/b.mdx", "/z-last.md"], "{}", out.stdout);
    assert_eq!(out.stderr, "Found 3 problems in 4 files: 3 errors.\n");

    let without_exclude = quotelint(&["check", "--select", "QF", "--format", "concise", &root], "");
    assert!(without_exclude.stdout.contains("archive/2019/x.md:1:1"), "{}", without_exclude.stdout);
}

#[test]
fn explicit_files_are_checked_even_when_ignored() {
    let dir = tree();
    let old = dir.path().join("desk/old.md").display().to_string();
    let built = dir.path().join("built/out.md").display().to_string();
    let out =
        quotelint(&["check", "--select", "QF", "--format", "concise", &old, &built, "--exclude", "*.md"], "");
    assert_eq!(reported(&out.stdout), [built, old]);
}

#[test]
fn output_is_sorted_whatever_the_order_of_arguments_and_threads() {
    let dir = tempfile::tempdir().unwrap();
    for i in (0..40).rev() {
        write(dir.path(), &format!("d{i:02}.md"), UNCLOSED);
    }
    let root = dir.path().display().to_string();
    let first = quotelint(&["check", "--select", "QF", "--format", "concise", &root], "");
    let paths = reported(&first.stdout);
    assert_eq!(paths.len(), 40);
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    // A file named twice (directly and through its directory) is checked once.
    let twice =
        quotelint(&["check", "--select", "QF", "--format", "concise", &format!("{root}/d07.md"), &root], "");
    assert_eq!(twice.stdout, first.stdout);
}

#[test]
fn walking_the_current_directory_names_files_without_dot_slash() {
    let dir = tree();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_quotelint"))
        .args(["check", "--select", "QF", "--format", "concise", ".", "--exclude", "archive"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(reported(&stdout), ["a-first.markdown", "desk/b.mdx", "z-last.md"]);
}

#[test]
fn an_empty_directory_warns_and_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let out = quotelint(&["check", &dir.path().display().to_string()], "");
    assert_eq!(out.code, 0);
    assert!(out.stderr.starts_with("warning: no drafts found under the given paths"), "{}", out.stderr);
}

#[test]
fn quotes_walks_directories_too() {
    let dir = tree();
    let out = quotelint(&["quotes", "--format", "json", &dir.path().display().to_string()], "");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["files"].as_array().unwrap().len(), 5);
}

#[test]
fn a_bad_exclude_glob_is_an_error_of_use() {
    let dir = tree();
    let out = quotelint(&["check", &dir.path().display().to_string(), "--exclude", "a/**{"], "");
    assert_eq!(out.code, 2);
    assert!(out.stderr.starts_with("error: invalid --exclude glob `a/**{`"), "{}", out.stderr);
}

#[test]
fn fail_on_sets_the_severity_that_fails() {
    let code = |args: &[&str], draft: &str| quotelint(&[&["check", "-"], args].concat(), draft).code;
    // Default: warnings and errors fail.
    assert_eq!(code(&[], MIXED), 1);
    assert_eq!(code(&[], UNCLOSED), 1);
    assert_eq!(code(&[], CLOSED), 0);
    assert_eq!(code(&["--fail-on", "error"], MIXED), 0);
    assert_eq!(code(&["--fail-on", "error"], UNCLOSED), 1);
    assert_eq!(code(&["--fail-on", "info"], MIXED), 1);
    assert_eq!(code(&["--fail-on", "never"], UNCLOSED), 0);
    assert_eq!(code(&["--exit-zero"], UNCLOSED), 0);
    // (No stdin here: the process exits before reading it.)
    assert_eq!(quotelint(&["check", "--fail-on", "sometimes", "a.md"], "").code, 2);
}

#[test]
fn exit_zero_does_not_hide_errors_of_use() {
    let out = quotelint(&["check", "--exit-zero", "-", "no/such.md"], UNCLOSED);
    assert_eq!(out.code, 2);
    assert!(out.stdout.contains("QF001"));
}

#[test]
fn machine_formats_print_no_summary() {
    for format in ["json", "jsonl", "sarif", "github"] {
        let out = quotelint(&["check", "--format", format, "-"], UNCLOSED);
        assert_eq!(out.code, 1, "{format}");
        assert_eq!(out.stderr, "", "{format}");
        assert!(out.stdout.contains("QF001"), "{format}: {}", out.stdout);
    }
    let full = quotelint(&["check", "--select", "QF", "-"], UNCLOSED);
    assert_eq!(full.stderr, "Found 1 problem in 1 file: 1 error.\n");
}

#[test]
fn sarif_from_the_binary_names_the_stdin_file() {
    let out = quotelint(&["check", "--format", "sarif", "--stdin-filename", "desk/ferry.md", "-"], UNCLOSED);
    let log: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "QF001");
    assert_eq!(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "desk/ferry.md");
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = quotelint(&["completions", shell], "");
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        assert!(out.stdout.contains("fail-on") && out.stdout.contains("completions"), "{shell}");
    }
    assert_eq!(quotelint(&["completions", "tcsh"], "").code, 2);
    let man = quotelint(&["man"], "");
    assert_eq!(man.code, 0);
    assert!(man.stdout.starts_with(".ie"), "{}", &man.stdout[..80.min(man.stdout.len())]);
    assert!(man.stdout.contains("quotelint"));
}
