//! `check --fix`: every draft under `fixtures/fix/` fixed (unsafe fixes
//! included) must equal the `.fixed` file beside it, fixing again must
//! change nothing, and no fixable finding may be left. A `quotelint.toml` in
//! a fixture directory configures its drafts; each directory is named after
//! the rule it exercises. `QUOTELINT_BLESS=1 cargo test --test it fix::` rewrites
//! the `.fixed` files; review the diff before committing it.
//!
//! Then the command line: writing back (atomically, keeping line endings,
//! byte-order mark and permissions), standard input, `--diff` applied with
//! `patch` and `git apply`, the summary, and fix availability in `rules`
//! and `explain`.

use crate::common;

use common::{compare_or_bless, drafts, path, quotelint};
use quotelint::fix::FixAvailability;
use quotelint::fixer::{fix_draft, FixMode};
use quotelint::settings::Settings;
use quotelint::source::SourceFile;
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/fix");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("fixtures/fix")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn settings_of(dir: &Path) -> Settings {
    let config = dir.join("quotelint.toml");
    if config.exists() {
        quotelint::config::load(&config).expect("fixture config parses")
    } else {
        Settings::default()
    }
}

/// The findings of a plain `check` of `text`.
fn recheck(name: &str, text: &str, settings: &Settings) -> Vec<quotelint::diagnostic::Diagnostic> {
    let analysis = quotelint::analysis::analyze_with(SourceFile::new(name, text), settings);
    quotelint::suppression::check(&analysis, settings)
}

fn drafts_in(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fixture dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    out.sort();
    out
}

#[test]
fn fix_fixtures_give_exactly_their_fixed_drafts() {
    let mut failures = Vec::new();
    for dir in fixture_dirs() {
        let settings = settings_of(&dir);
        for draft in drafts_in(&dir) {
            let text = std::fs::read_to_string(&draft).expect("fixture is UTF-8");
            let name = draft.display().to_string();
            let all = FixMode { unsafe_fixes: true };
            let fixed = fix_draft(SourceFile::new(name.clone(), text.clone()), &settings, all);
            let got = fixed.file.text.to_string();
            assert_ne!(got, text, "{name}: the fixture should have something to fix");
            assert_eq!(fixed.diagnostics, recheck(&name, &got, &settings), "{name}: findings after fixing");
            compare_or_bless(&draft.with_extension("fixed"), &got, &mut failures);
            // Fixing is idempotent and leaves nothing fixable behind.
            let again = fix_draft(SourceFile::new(name.clone(), got.clone()), &settings, all);
            assert_eq!(*again.file.text, got, "{name}: a second pass changed the draft");
            assert_eq!(again.fixed, 0, "{name}");
            let left: Vec<_> = again.diagnostics.iter().filter(|d| d.fix.is_some()).map(|d| d.code()).collect();
            assert!(left.is_empty(), "{name}: still fixable after fixing: {left:?}");
            // Line endings and the byte-order mark are kept.
            assert_eq!(got.starts_with('\u{feff}'), text.starts_with('\u{feff}'), "{name}");
            assert_eq!(got.matches("\r\n").count(), text.matches("\r\n").count(), "{name}: line endings changed");
            // Without `--unsafe-fixes`, an unsafe fix is never applied.
            let safe = fix_draft(SourceFile::new(name.clone(), text.clone()), &settings, FixMode::default());
            let first = quotelint::suppression::check(
                &quotelint::analysis::analyze_with(SourceFile::new(name.clone(), text.clone()), &settings),
                &settings,
            );
            if first.iter().filter_map(|d| d.fix.as_ref()).all(|f| !f.applies(false)) {
                assert_eq!(*safe.file.text, text, "{name}: only unsafe fixes, yet `--fix` changed it");
            }
        }
    }
    assert!(failures.is_empty(), "fixed drafts differ:\n{}", failures.join("\n"));
}

#[test]
fn every_fixable_rule_has_a_fixture_and_says_how_it_fixes() {
    let dirs: Vec<String> =
        fixture_dirs().iter().map(|d| d.file_name().unwrap_or_default().to_string_lossy().into_owned()).collect();
    for rule in quotelint::rules::all() {
        let meta = rule.meta();
        if rule.fix_availability() == FixAvailability::Never {
            continue;
        }
        assert!(
            dirs.iter().any(|d| d == meta.name || d.starts_with(&format!("{}-", meta.name))),
            "{}: a fixable rule needs a fixture directory under fixtures/fix/",
            meta.name
        );
        assert!(meta.doc.contains("check --fix"), "{}: its `How to fix` should say what `--fix` does", meta.code);
    }
}

const MIXED: &str = "“The ferry ran late,” said Tom Baker, a commuter, by phone.\r\n\r\n“It happens,” he said.\r\n\r\n\"Nobody tells us why,\" he added. It's the third time.\r\n";
const MIXED_FIXED: &str = "“The ferry ran late,” said Tom Baker, a commuter, by phone.\r\n\r\n“It happens,” he said.\r\n\r\n“Nobody tells us why,” he added. It’s the third time.\r\n";

#[test]
fn fix_writes_the_draft_back_keeping_bom_line_endings_and_permissions() {
    let with_bom = format!("\u{feff}{MIXED}");
    let dir = drafts(&[("a.md", with_bom.as_bytes()), ("clean.md", b"Nothing quoted here.\n")]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.path().join("a.md"), std::fs::Permissions::from_mode(0o604)).unwrap();
    }
    let before_clean = std::fs::metadata(dir.path().join("clean.md")).unwrap().modified().unwrap();
    let out = quotelint(&["--isolated", "check", "--fix", &path(&dir, "a.md"), &path(&dir, "clean.md")], "");
    assert_eq!(std::fs::read_to_string(dir.path().join("a.md")).unwrap(), format!("\u{feff}{MIXED_FIXED}"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("a.md")).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o604);
    }
    // a draft with nothing to fix is not rewritten
    assert_eq!(std::fs::metadata(dir.path().join("clean.md")).unwrap().modified().unwrap(), before_clean);
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into()).collect();
    assert_eq!(names.len(), 2, "no temporary file left behind: {names:?}");
    assert!(out.stderr.contains("Fixed 1 problem in 1 file.\n"), "{}", out.stderr);
    // the findings are those of the fixed text: none left
    assert_eq!(out.stdout, "");
    assert!(out.stderr.contains("No problems found in 2 files."), "{}", out.stderr);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn fix_on_standard_input_prints_the_fixed_draft_and_the_findings_on_stderr() {
    let draft = format!("{MIXED}\r\n“Closed, she said.\r\n");
    let out = quotelint(&["--isolated", "check", "--fix", "--format", "concise", "-"], &draft);
    assert_eq!(out.stdout, format!("{MIXED_FIXED}\r\n“Closed, she said.\r\n"));
    assert!(out.stderr.contains("<stdin>:7:1: error[QF001]"), "{}", out.stderr);
    assert!(out.stderr.contains("Fixed 1 problem in 1 file."), "{}", out.stderr);
    assert_eq!(out.code, 1);
}

#[test]
fn without_fix_nothing_is_written_and_the_summary_says_what_could_be() {
    let dir = drafts(&[("a.md", MIXED.as_bytes())]);
    let out = quotelint(&["--isolated", "check", &path(&dir, "a.md")], "");
    assert_eq!(std::fs::read_to_string(dir.path().join("a.md")).unwrap(), MIXED);
    assert!(out.stderr.ends_with("1 fixable with `--fix`.\n"), "{}", out.stderr);
    assert_eq!(out.code, 1);
}

#[test]
fn unsafe_fixes_need_their_own_flag() {
    // a draft marking insertions both ways: the parentheses are reported under the default style
    let draft = "“The extent of (their) cooperation will grow,” said Ruth Adler, an analyst, by phone. \
                 “We met [the minister] twice,” she said.\n";
    let dir = drafts(&[("a.md", draft.as_bytes())]);
    let out = quotelint(&["--isolated", "check", "--fix", &path(&dir, "a.md")], "");
    assert_eq!(std::fs::read_to_string(dir.path().join("a.md")).unwrap(), draft);
    assert!(out.stderr.contains("1 more fixable with `--unsafe-fixes`"), "{}", out.stderr);
    let out = quotelint(&["--isolated", "check", "--fix", "--unsafe-fixes", &path(&dir, "a.md")], "");
    assert!(std::fs::read_to_string(dir.path().join("a.md")).unwrap().contains("[their]"));
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// Whether `program` can be run here.
fn available(program: &str) -> bool {
    Command::new(program).arg("--version").output().is_ok_and(|o| o.status.success())
}

#[test]
fn diff_writes_nothing_exits_1_and_applies_with_patch_and_git_apply() {
    let with_bom = format!("\u{feff}{MIXED}");
    let no_newline = "“One,” she said by phone.\n\n“Two,” she said.\n\n\"Three,\" she said...";
    let dir = drafts(&[("a.md", with_bom.as_bytes()), ("b.md", no_newline.as_bytes())]);
    let run = || {
        let out = Command::new(env!("CARGO_BIN_EXE_quotelint"))
            .args(["--isolated", "check", "--diff", "a.md", "b.md"])
            .current_dir(dir.path())
            .output()
            .expect("runs");
        (
            out.status.code(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, diff, stderr) = run();
    assert_eq!(code, Some(1), "{stderr}");
    assert!(diff.starts_with("--- a.md\n+++ a.md\n@@ "), "{diff}");
    assert!(stderr.contains("Would fix 2 problems in 2 files."), "{stderr}");
    assert_eq!(std::fs::read_to_string(dir.path().join("a.md")).unwrap(), with_bom, "--diff wrote the draft");
    // what the diff says is exactly what --fix does
    let fixed_dir = drafts(&[("a.md", with_bom.as_bytes()), ("b.md", no_newline.as_bytes())]);
    quotelint(&["--isolated", "check", "--fix", &path(&fixed_dir, "a.md"), &path(&fixed_dir, "b.md")], "");
    let want_a = std::fs::read(fixed_dir.path().join("a.md")).unwrap();
    let want_b = std::fs::read(fixed_dir.path().join("b.md")).unwrap();
    assert!(
        String::from_utf8_lossy(&want_b).ends_with("“Three,” she said..."),
        "{}",
        String::from_utf8_lossy(&want_b)
    );
    std::fs::write(dir.path().join("fix.diff"), &diff).unwrap();
    let mut tried = 0;
    for (program, args) in [("patch", vec!["-p0", "-i", "fix.diff"]), ("git", vec!["apply", "-p0", "fix.diff"])] {
        if !available(program) {
            eprintln!("skipped: {program} is not installed");
            continue;
        }
        tried += 1;
        for (name, bytes) in [("a.md", with_bom.as_bytes()), ("b.md", no_newline.as_bytes())] {
            std::fs::write(dir.path().join(name), bytes).unwrap();
        }
        let status = Command::new(program).args(&args).current_dir(dir.path()).output().expect("runs");
        assert!(status.status.success(), "{program}: {}", String::from_utf8_lossy(&status.stderr));
        assert_eq!(std::fs::read(dir.path().join("a.md")).unwrap(), want_a, "{program}");
        assert_eq!(std::fs::read(dir.path().join("b.md")).unwrap(), want_b, "{program}");
    }
    if tried == 0 {
        eprintln!("skipped applying the diff: neither patch nor git is installed");
    }
    // nothing left to change: no diff, exit 0
    let clean = drafts(&[("a.md", MIXED_FIXED.as_bytes())]);
    let out = quotelint(&["--isolated", "check", "--diff", &path(&clean, "a.md")], "");
    assert_eq!((out.code, out.stdout.as_str()), (0, ""), "{}", out.stderr);
}

#[test]
fn fix_refuses_staged_content_and_the_html_page() {
    let out = quotelint(&["check", "--fix", "--staged"], "");
    assert_eq!(out.code, 2);
    let out = quotelint(&["--isolated", "check", "--fix", "--format", "html", "-"], MIXED);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("do not go with `--format html`"), "{}", out.stderr);
}

#[cfg(unix)]
#[test]
fn a_read_only_draft_is_reported_and_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = drafts(&[("a.md", MIXED.as_bytes())]);
    let file = dir.path().join("a.md");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = quotelint(&["--isolated", "check", "--fix", "--format", "concise", &path(&dir, "a.md")], "");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), MIXED);
    assert!(out.stderr.contains("not fixed: the file is read-only"), "{}", out.stderr);
    // its findings are those of the draft as it is
    assert!(out.stdout.contains("a.md:5:1: warning[QF002]"), "{}", out.stdout);
    assert_eq!(out.code, 2);
}

#[test]
fn rules_and_explain_show_fix_availability() {
    let out = quotelint(&["rules"], "");
    let line = out.stdout.lines().find(|l| l.starts_with("QF002")).expect("QF002 listed");
    assert!(line.contains("fix:always"), "{line}");
    let line = out.stdout.lines().find(|l| l.starts_with("QA001")).expect("QA001 listed");
    assert!(line.contains("fix:never"), "{line}");
    let json: serde_json::Value =
        serde_json::from_str(&quotelint(&["rules", "--format", "json"], "").stdout).unwrap();
    let fix_of = |code: &str| {
        json["rules"].as_array().unwrap().iter().find(|r| r["code"] == code).map(|r| r["fix"].clone()).unwrap()
    };
    // Every line of the table says it, as the JSON does: no blank means "never".
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), json["rules"].as_array().unwrap().len());
    for line in lines {
        let code = line.split_whitespace().next().unwrap();
        let fix = fix_of(code);
        let words: Vec<&str> = line.split_whitespace().filter(|w| w.starts_with("fix:")).collect();
        assert_eq!(words, vec![format!("fix:{}", fix.as_str().unwrap())], "{line}");
    }
    assert_eq!(fix_of("QF002"), "always");
    assert_eq!(fix_of("QF005"), "sometimes");
    assert_eq!(fix_of("QA001"), "never");
    assert!(quotelint(&["explain", "QS001"], "").stdout.contains("\nFix: always\n"));
    assert!(quotelint(&["explain", "QA001"], "").stdout.contains("\nFix: never\n"));
}

#[test]
fn html_pages_are_checked_but_never_rewritten() {
    let page = "<html><body><p>“The ferry ran late,” said Tom Baker, by phone.</p><p>“It happens,” he said.</p><p>\"Nobody tells us why,\" he added.</p></body></html>\n";
    let dir = drafts(&[("page.html", page.as_bytes())]);
    let out = quotelint(&["--isolated", "check", "--fix", "--format", "concise", &path(&dir, "page.html")], "");
    assert_eq!(std::fs::read_to_string(dir.path().join("page.html")).unwrap(), page);
    assert!(out.stdout.contains("warning[QF002]"), "{}", out.stdout);
    assert!(!out.stderr.contains("fixable"), "{}", out.stderr);
}

/// Found by the property test: a mark after an HTML comment on the comment's
/// line is HTML to the guard, so the first pass changes the other marks and
/// removes the unused comment, and the second pass finishes the quote. The
/// finding is counted once, when it is fixed whole.
#[test]
fn a_fix_the_guard_cut_short_is_finished_by_the_next_pass_and_counted_once() {
    let text = " <!-- quotelint-disable-next-line QF003 --> “Closed, she said. \n\n<!-- quotelint-disable-next-line QF001 -->\nHe called it “a bridge too far”. ";
    let settings =
        Settings { quote_marks: Some(quotelint::settings::QuoteMarks::Straight), ..Settings::default() };
    let fixed = fix_draft(SourceFile::new("d.md", text), &settings, FixMode::default());
    assert_eq!(*fixed.file.text, " \"Closed, she said. \n\nHe called it \"a bridge too far\". ");
    assert!(fixed.converged);
    // two unused suppressions and one quote-style finding
    assert_eq!(fixed.fixed, 3);
}

/// A pass that only swaps marks (and apostrophes) for the house style's
/// leaves every other finding where it was, moved: they are carried over,
/// not found again, and they are exactly what a check of the fixed draft finds.
#[test]
fn findings_after_a_pass_of_mark_swaps_are_carried_over_and_match_a_check() {
    let text = "“Nobody’s leaving,” Ann Lee, the mayor, said on Monday.\n\n\
                \"We're staying,\" she said. \"It's final.\"\n\n\
                “The bridge is closed,” a resident said.\n";
    let settings = Settings::default();
    let fixed = fix_draft(SourceFile::new("d.md", text), &settings, FixMode::default());
    assert_eq!(
        *fixed.file.text,
        "“Nobody’s leaving,” Ann Lee, the mayor, said on Monday.\n\n“We’re staying,” she said. “It’s final.”\n\n\
         “The bridge is closed,” a resident said.\n"
    );
    assert!(fixed.fixed >= 1 && fixed.converged);
    assert_eq!(fixed.rechecks, 0, "only marks were swapped: nothing to check again");
    assert!(!fixed.diagnostics.is_empty(), "the draft keeps findings to carry over");
    assert_eq!(fixed.diagnostics, recheck("d.md", &fixed.file.text, &settings));

    // An ellipsis changes what the words are: that draft is checked again.
    let dots = format!("{text}\n“Wait...” he said. “Then… nothing,” she said.\n");
    let fixed = fix_draft(SourceFile::new("d.md", dots), &settings, FixMode::default());
    assert!(fixed.file.text.contains("Wait…"), "{}", fixed.file.text);
    assert_eq!(fixed.rechecks, 1);
    assert_eq!(fixed.diagnostics, recheck("d.md", &fixed.file.text, &settings));
}

/// Found by the property test: mixed-quote-style cannot swap marks written
/// as `&quot;`, so after its fix the quotation they make is found again. A
/// quotation left in the old style sends the draft through the re-check.
#[test]
fn a_quotation_the_fix_could_not_reach_is_found_again_after_fixing() {
    let text = " &quot;q&quot; and more\n\n# Ferry strike \"latest\" as it's\n\nThe talks resumed on Monday.";
    let settings = Settings { quote_marks: Some(quotelint::settings::QuoteMarks::Curly), ..Settings::default() };
    let fixed = fix_draft(SourceFile::new("d.md", text), &settings, FixMode::default());
    assert!(fixed.file.text.contains("“latest” as it’s"), "{}", fixed.file.text);
    assert!(fixed.file.text.contains("&quot;q&quot;"), "{}", fixed.file.text);
    assert_eq!(fixed.rechecks, 1);
    let after = recheck("d.md", &fixed.file.text, &settings);
    assert!(after.iter().any(|d| d.code() == "QF002"), "{after:?}");
    assert_eq!(fixed.diagnostics, after);
}
