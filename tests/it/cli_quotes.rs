//! The binary on real drafts, asserting on the quotes it finds. These need the
//! quotation scanner and attribution engine; the lead un-ignores them as those land.

use crate::common;

use common::{drafts, path, quotelint};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/wire-story.md");

#[test]
fn the_fixture_has_findings_and_exits_one() {
    let out = quotelint(&["check", "--format", "concise", FIXTURE], "");
    assert_eq!(out.code, 1, "{}", out.stderr);
    // The last quotation (“Nobody in this town…) never closes.
    assert!(out.stdout.contains(":19:1: error[QF001] "), "{}", out.stdout);
}

#[test]
fn the_fixture_quotes_are_found_and_attributed() {
    let out = quotelint(&["quotes", "--format", "json", FIXTURE], "");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let quotes = json["files"][0]["quotes"].as_array().unwrap();
    let find = |start: &str| {
        quotes
            .iter()
            .find(|q| q["text"].as_str().unwrap_or_default().starts_with(start))
            .unwrap_or_else(|| panic!("no quote starting {start:?} in {quotes:#?}"))
    };
    let mayor = find("We cannot ask families");
    assert_eq!(mayor["kind"], "direct");
    assert_eq!(mayor["line"], 7);
    assert_eq!(mayor["column"], 1);
    assert_eq!(mayor["speaker"]["name"], "Ana Ruiz");
    assert_eq!(mayor["cue"]["text"], "told");
    assert_eq!(mayor["channel"]["kind"], "briefing");

    assert_eq!(find("reckless")["kind"], "partial");
    assert_eq!(find("The money will come")["speaker"]["name"], "Pete Varga");
    // A follow-on quote inherits the speaker of the attribution before it.
    assert_eq!(find("We are borrowing")["speaker"]["name"], "Pete Varga");
}

#[test]
fn mixed_styles_and_unclosed_quotes_in_several_files() {
    let dir = drafts(&[
        ("mixed.md", "“One,” she said.\n\n“Two,” she said.\n\n\"Three,\" she said.\n".as_bytes()),
        ("open.md", "“Never closed, he said.\n".as_bytes()),
    ]);
    // Only the quotation-form rules: the drafts' pronoun speakers (QA005) and
    // missing channels (QP001) are not what this is about.
    let out = quotelint(
        &["check", "--select", "QF", "--format", "json", &path(&dir, "open.md"), &path(&dir, "mixed.md")],
        "",
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let codes: Vec<&str> =
        json["diagnostics"].as_array().unwrap().iter().filter_map(|d| d["code"].as_str()).collect();
    // Sorted by path: mixed.md before open.md.
    assert_eq!(codes, ["QF002", "QF001"]);
    assert_eq!(json["summary"]["errors"], 1);
    assert_eq!(json["summary"]["warnings"], 1);
}

#[test]
fn color_always_colours_findings_and_never_does_not() {
    let out = quotelint(&["check", "--color", "always", FIXTURE], "");
    assert!(out.stdout.contains('\x1b'));
    let out = quotelint(&["check", "--color", "never", FIXTURE], "");
    assert!(!out.stdout.contains('\x1b'));
    assert!(out.stdout.contains("error[QF001/unbalanced-quote-marks]"), "{}", out.stdout);
}

#[test]
fn stdin_findings_use_the_stdin_filename() {
    let out =
        quotelint(&["check", "--format", "concise", "--stdin-filename", "desk/a.md", "-"], "“Open, he said.\n");
    assert_eq!(out.code, 1);
    assert!(out.stdout.starts_with("desk/a.md:1:1: error[QF001]"), "{}", out.stdout);
}

/// A message quoting hard-wrapped prose ("two dissenting\ncouncillors") stays
/// on one line in the one-line formats, so error parsers see one finding a line.
#[test]
fn one_line_formats_fold_line_breaks_in_messages() {
    let draft = "The two dissenting\ncouncillors called the plan “reckless” and left.\n";
    let concise = quotelint(&["check", "--format", "concise", "--stdin-filename", "a.md", "-"], draft);
    let lines: Vec<&str> = concise.stdout.lines().collect();
    assert!(!lines.is_empty(), "{}", concise.stderr);
    for line in &lines {
        assert!(line.starts_with("a.md:"), "a finding broke over lines:\n{}", concise.stdout);
    }
    assert!(concise.stdout.contains("two dissenting councillors"), "{}", concise.stdout);
    let table = quotelint(&["quotes", "--stdin-filename", "a.md", "-"], draft);
    let rows = table.stdout.lines().filter(|l| l.starts_with("a.md:")).count();
    assert_eq!(rows, 1, "{}", table.stdout);
    assert!(table.stdout.contains("two dissenting councillors"), "{}", table.stdout);
}
