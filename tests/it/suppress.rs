//! Suppression comments and front matter end to end, with the hygiene rules
//! QS001 (unused-suppression) and QS002 (unknown-rule-in-suppression).

use crate::common;

use common::{drafts, path, quotelint};

/// `line:col: severity[CODE] message` for each finding in `draft`, read from
/// standard input with no config file, from the quotation-form rules (which the
/// drafts here suppress) and the suppression rules only: the attribution and
/// provenance rules would also report the drafts' unattributed quotes.
fn check(draft: &str) -> Vec<String> {
    let out = quotelint(
        &["--isolated", "check", "--select", "QF,QS", "--format", "concise", "-", "--stdin-filename", "d.md"],
        draft,
    );
    assert!(out.code == 0 || out.code == 1, "exit {}: {}", out.code, out.stderr);
    assert_eq!(out.code == 1, !out.stdout.is_empty(), "exit code follows the findings");
    out.stdout.lines().map(|l| l.trim_start_matches("d.md:").to_string()).collect()
}

/// Just `line:col CODE` of each finding.
fn codes(draft: &str) -> Vec<String> {
    check(draft)
        .iter()
        .map(|l| {
            let (pos, rest) = l.split_once(": ").unwrap_or_default();
            let code = rest.split(['[', ']']).nth(1).unwrap_or_default();
            format!("{pos} {code}")
        })
        .collect()
}

const UNCLOSED: &str = "“We will reopen the bridge, said Mayor Ana Ruiz.";

#[test]
fn next_line_suppresses_only_the_next_non_blank_line() {
    let draft = format!(
        "The council met.\n\n<!-- quotelint-disable-next-line QF001 -- quoted as filed -->\n{UNCLOSED}\n\nNothing here.\n\n{UNCLOSED}\n"
    );
    assert_eq!(codes(&draft), ["8:1 QF001"]);
    // Blank lines between the comment and the line do not matter.
    let draft = format!("<!-- quotelint-disable-next-line unbalanced-quote-marks -->\n\n\n{UNCLOSED}\n");
    assert_eq!(codes(&draft), Vec::<String>::new());
    // Without the comment the same line is reported.
    assert_eq!(codes(&format!("The council met.\n\n{UNCLOSED}\n")), ["3:1 QF001"]);
}

#[test]
fn disable_enable_range_with_codes_names_families_or_nothing() {
    // Plain paragraphs between the quotes, so that no quotation continues into the next.
    for disable in ["QF001", "unbalanced-quote-marks", "QF", "QF001, unbalanced-quote-marks", ""] {
        let draft = format!(
            "{UNCLOSED}\n\nThe council met.\n\n<!-- quotelint-disable {disable} -->\n\n{UNCLOSED}\n\n\
             The council met.\n\n{UNCLOSED}\n\n<!-- quotelint-enable -->\n\nThe council met.\n\n{UNCLOSED}\n"
        );
        assert_eq!(codes(&draft), ["1:1 QF001", "17:1 QF001"], "disable `{disable}`");
    }
    // Enabling one code ends only that code's range; an unended range runs to the end.
    let draft = format!(
        "<!-- quotelint-disable QF001 QF002 -->\n{UNCLOSED}\n\nThe council met.\n\n<!-- quotelint-enable QF001 -->\n\
         {UNCLOSED}\n\nThe council met.\n\n<!-- quotelint-disable QF001 -->\n\n{UNCLOSED}\n"
    );
    assert_eq!(codes(&draft), ["1:30 QS001", "7:1 QF001"]);
}

#[test]
fn a_suppression_that_suppresses_nothing_is_reported_at_its_code() {
    let draft = "The council met.\n\n<!-- quotelint-disable-next-line QF002, QF001 -->\n“The bridge reopens,” said Mayor Ana Ruiz.\n";
    assert_eq!(
        check(draft),
        [
            "3:34: warning[QS001] unused suppression of `QF002`",
            "3:41: warning[QS001] unused suppression of `QF001`",
        ]
    );
    // One code used, one not: only the stale one is reported.
    let draft = format!("<!-- quotelint-disable-next-line QF002 QF001 -->\n{UNCLOSED}\n");
    assert_eq!(codes(&draft), ["1:34 QS001"]);
    // A blanket directive is reported at the comment.
    let draft = "<!-- quotelint-disable -->\nNo quotes at all.\n<!-- quotelint-enable -->\n";
    assert_eq!(check(draft), ["1:1: warning[QS001] unused suppression: nothing here to suppress"]);
    // An enable with nothing to end.
    let draft = "Text.\n\n<!-- quotelint-enable QF002 -->\n";
    assert_eq!(check(draft), ["3:23: warning[QS001] `quotelint-enable QF002` ends no `quotelint-disable`"]);
    // A next-line directive with no line after it.
    assert_eq!(codes("Text.\n\n<!-- quotelint-disable-next-line QF001 -->\n"), ["3:34 QS001"]);
}

#[test]
fn unknown_codes_and_directives_are_reported_and_suppress_nothing() {
    let draft = format!("<!-- quotelint-disable-next-line QF010 -->\n{UNCLOSED}\n");
    assert_eq!(
        check(&draft),
        [
            "1:34: warning[QS002] `QF010` in a suppression comment is not a rule",
            "2:1: error[QF001] quotation is never closed",
        ]
    );
    let out = quotelint(&["--isolated", "check", "-"], &draft);
    assert!(out.stdout.contains("help: did you mean `QF001` (unbalanced-quote-marks)?"), "{}", out.stdout);

    let draft = format!("<!-- quotelint-disabel-next-line QF001 -->\n{UNCLOSED}\n");
    assert_eq!(
        check(&draft),
        [
            "1:6: warning[QS002] unknown directive `quotelint-disabel-next-line`",
            "2:1: error[QF001] quotation is never closed",
        ]
    );
    // Comments that are not directives are left alone.
    let draft = format!("<!-- editor: check quotelint-disable with the desk -->\n{UNCLOSED}\n");
    assert_eq!(codes(&draft), ["2:1 QF001"]);
}

const MIXED: &str = "\"The ferry ran late again,\" said Tom Baker.\n\n“It happens every week,” he said.\n\n\"Twice on Friday,\" he added.\n";

#[test]
fn front_matter_disables_rules_for_the_whole_file() {
    let yaml = format!(
        "---\ntitle: Ferry delays\nquotelint:\n  disable: [mixed-quote-style]\n---\n{MIXED}\n{UNCLOSED}\n"
    );
    assert_eq!(codes(&yaml), ["12:1 QF001"]);
    let block = format!("---\nquotelint:\n  disable:\n    - QF001\n    - QF002\n---\n{MIXED}\n{UNCLOSED}\n");
    assert_eq!(codes(&block), Vec::<String>::new());
    let toml = format!("+++\ntitle = \"Ferry delays\"\n[quotelint]\ndisable = [\"QF002\"]\n+++\n{MIXED}");
    assert_eq!(codes(&toml), Vec::<String>::new());
    // Without the front matter the finding is there.
    assert_eq!(codes(MIXED), ["3:1 QF002"]);
}

#[test]
fn unused_and_unknown_codes_in_front_matter_are_reported() {
    let draft = "---\nquotelint:\n  disable: [QF001, QF404]\n---\nThe council met.\n";
    assert_eq!(
        check(draft),
        [
            "3:13: warning[QS001] unused file-wide suppression of `QF001`",
            "3:20: warning[QS002] `QF404` in a suppression comment is not a rule",
        ]
    );
}

#[test]
fn hygiene_findings_follow_the_config_and_can_be_suppressed() {
    let stale = "<!-- quotelint-disable-next-line QF002 -->\nNo quotes here.\n";
    let dir = drafts(&[
        ("stale.md", stale.as_bytes()),
        ("quotelint.toml", b"[severity]\nunused-suppression = \"error\"\n"),
    ]);
    let out = quotelint(&["check", "--format", "concise", &path(&dir, "stale.md")], "");
    assert!(out.stdout.ends_with("stale.md:1:34: error[QS001] unused suppression of `QF002`\n"), "{}", out.stdout);

    // A suppression of a rule that is switched off is not known to be stale.
    std::fs::write(dir.path().join("quotelint.toml"), "ignore = [\"QF002\"]\n").unwrap();
    let out = quotelint(&["check", "--format", "concise", &path(&dir, "stale.md")], "");
    assert_eq!((out.code, out.stdout.as_str()), (0, ""), "{}", out.stderr);

    // The hygiene rules can be ignored, or suppressed in the draft.
    std::fs::write(dir.path().join("quotelint.toml"), "ignore = [\"QS\"]\n").unwrap();
    let out = quotelint(&["check", "--format", "concise", &path(&dir, "stale.md")], "");
    assert_eq!((out.code, out.stdout.as_str()), (0, ""), "{}", out.stderr);
    let quiet = format!("---\nquotelint:\n  disable: [unused-suppression]\n---\n{stale}");
    assert_eq!(codes(&quiet), Vec::<String>::new());
}
