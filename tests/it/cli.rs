//! The binary end to end: exit codes, read errors, stdin, colour, rules, explain.
//! Assertions on the quotes themselves live in `cli_quotes.rs`.

use crate::common;

use common::{drafts, path, quotelint};

const CLEAN: &[u8] = "The council met on Tuesday. Nothing was quoted.\n".as_bytes();

#[test]
fn clean_draft_exits_zero() {
    let dir = drafts(&[("clean.md", CLEAN)]);
    let out = quotelint(&["check", &path(&dir, "clean.md")], "");
    assert_eq!(out.code, 0, "{}", out.stderr);
    // The summary of the human formats goes to stderr, leaving stdout for findings.
    assert_eq!(out.stdout, "");
    assert_eq!(out.stderr, "No problems found in 1 file.\n");
}

#[test]
fn read_errors_name_the_path_and_the_other_files_are_still_checked() {
    let dir = drafts(&[("good.md", CLEAN), ("bad.md", b"fine line\nbroken \xff here\n")]);
    // A directory is walked, not read: this one holds nothing, so adds neither a file nor an error.
    std::fs::create_dir(dir.path().join("folder.md")).unwrap();
    let (good, bad, folder, missing) =
        (path(&dir, "good.md"), path(&dir, "bad.md"), path(&dir, "folder.md"), path(&dir, "missing.md"));
    let out = quotelint(&["quotes", "--format", "json", &missing, &good, &folder, &bad], "");
    assert_eq!(out.code, 2);
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(
        lines,
        [
            format!("error: {missing}: no such file"),
            format!("error: {bad}:2:8: not valid UTF-8 (first bad byte here)"),
        ]
    );
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["files"].as_array().unwrap().len(), 1);
    assert_eq!(json["files"][0]["path"], good.as_str());
}

#[test]
fn read_error_exit_code_wins_over_a_clean_check() {
    let dir = drafts(&[("good.md", CLEAN)]);
    let out = quotelint(&["check", "--format", "concise", &path(&dir, "good.md"), "no/such.md"], "");
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "error: no/such.md: no such file\nNo problems found in 1 file.\n1 file was not checked: no/such.md.\n"
    );
}

#[test]
fn stdin_is_named_by_stdin_filename() {
    let out = quotelint(&["quotes", "--format", "json", "-", "--stdin-filename", "desk/story.md"], "Text.\n");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["files"][0]["path"], "desk/story.md");

    let out = quotelint(&["check", "--format", "json", "-"], "Text.\n");
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["summary"]["files"], 1);
    assert_eq!(out.code, 0);
}

#[test]
fn check_json_has_the_contract_fields() {
    let out = quotelint(&["check", "--format", "json", "-"], "Text.\n");
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["version"], 1);
    assert!(json["diagnostics"].is_array());
    for key in ["files", "errors", "warnings", "infos"] {
        assert!(json["summary"][key].is_u64(), "summary.{key}");
    }
}

#[test]
fn color_never_and_auto_on_a_pipe_print_no_escape_codes() {
    let dir = drafts(&[("clean.md", CLEAN)]);
    let file = path(&dir, "clean.md");
    for args in [vec!["--color", "never", "check", &file], vec!["check", &file, "--color=auto"]] {
        let out = quotelint(&args, "");
        assert!(!out.stdout.contains('\x1b'), "{:?}", out.stdout);
    }
}

#[test]
fn usage_errors_exit_two_and_help_exits_zero() {
    assert_eq!(quotelint(&[], "").code, 2);
    assert_eq!(quotelint(&["check"], "").code, 2);
    assert_eq!(quotelint(&["check", "--format", "xml", "a.md"], "").code, 2);
    assert_eq!(quotelint(&["--color", "sometimes", "rules"], "").code, 2);
    let help = quotelint(&["--help"], "");
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("check"));
}

#[test]
fn rules_lists_every_rule() {
    let out = quotelint(&["rules"], "");
    assert_eq!(out.code, 0);
    // Columns are padded to the longest name, so compare fields rather than spacing.
    let fields = |code: &str| -> Vec<String> {
        let line = out.stdout.lines().find(|l| l.starts_with(code)).unwrap_or_default();
        line.split_whitespace().take(3).map(str::to_string).collect()
    };
    assert_eq!(fields("QF001"), ["QF001", "unbalanced-quote-marks", "error"], "{}", out.stdout);
    assert_eq!(fields("QF002"), ["QF002", "mixed-quote-style", "warning"], "{}", out.stdout);
    assert!(out.stdout.contains("QF002  mixed-quote-style   "), "names are padded: {}", out.stdout);

    let out = quotelint(&["rules", "--format", "json"], "");
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let rules = json["rules"].as_array().unwrap();
    assert_eq!(rules.len(), quotelint::rules::all().len());
    assert_eq!(rules[0]["code"], "QA001");
    assert_eq!(rules[0]["severity"], "error");
}

#[test]
fn explain_accepts_code_or_name() {
    for query in ["QF001", "qf001", "unbalanced-quote-marks"] {
        let out = quotelint(&["explain", query], "");
        assert_eq!(out.code, 0);
        assert!(out.stdout.starts_with("# unbalanced-quote-marks (QF001)\n"), "{}", out.stdout);
        assert!(out.stdout.contains("## How to fix"));
    }
}

#[test]
fn explain_unknown_rule_suggests_close_matches() {
    let out = quotelint(&["explain", "QF099"], "");
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert!(out.stderr.starts_with("error: unknown rule `QF099`\n"), "{}", out.stderr);
    assert!(out.stderr.contains("did you mean: QF001 (unbalanced-quote-marks)"), "{}", out.stderr);

    let out = quotelint(&["explain", "zzzz"], "");
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("quotelint rules"));
}

#[test]
fn when_no_file_can_be_read_nothing_claims_the_draft_is_clean() {
    let out = quotelint(&["check", "no/such.md"], "");
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert_eq!(out.stderr, "error: no/such.md: no such file\n1 file was not checked: no/such.md.\n");
}
