//! The machine formats of `check` (jsonl, sarif, github): snapshots, a
//! structural check of the SARIF against the 2.1.0 schema's requirements, and
//! the escaping of GitHub workflow commands.

use crate::common;

use common::{meta, span_of};
use quotelint::diagnostic::{Diagnostic, Severity};
use quotelint::render::{github, jsonl, sarif, FileDiagnostics};
use quotelint::source::SourceFile;
use quotelint::span::Span;
use serde_json::Value;

const HARBOUR: &str =
    "# Harbour\n\n“The dredger is late,” said Pilot Ines Varga. “Again, and again\n\n\"Twice,\" she added.\n";
const FERRY: &str = "“Late,” he said.\r\n“Late,” he said.\r\n";

/// Two files: an error after curly quotes on the same line, a warning, an
/// info; then two identical lines with the same finding (for fingerprints).
fn checked() -> Vec<FileDiagnostics> {
    let open = span_of(HARBOUR, "“Again").start;
    let qf001 =
        Diagnostic::new(meta("QF001"), "desk/harbour.md", Span::new(open, open + 3), "quotation is never closed")
            .with_help("add the closing mark where the speaker's words end");
    let qf002 = Diagnostic::new(
        meta("QF002"),
        "desk/harbour.md",
        span_of(HARBOUR, "\"Twice,\""),
        "straight quotes in a curly draft",
    );
    let mut info = Diagnostic::new(meta("QF002"), "desk/harbour.md", span_of(HARBOUR, "Harbour"), "a note");
    info.severity = Severity::Info;
    let harbour = FileDiagnostics {
        file: SourceFile::new("desk/harbour.md", HARBOUR),
        diagnostics: vec![info, qf001, qf002],
        lines: Vec::new(),
    };
    let second = FERRY.find("\r\n").unwrap() + 2;
    let ferry = FileDiagnostics {
        file: SourceFile::new("desk/ferry 2.md", FERRY),
        diagnostics: vec![
            Diagnostic::new(meta("QF001"), "desk/ferry 2.md", Span::new(0, 3), "m"),
            Diagnostic::new(meta("QF001"), "desk/ferry 2.md", Span::new(second, second + 3), "m"),
        ],
        lines: Vec::new(),
    };
    vec![harbour, ferry]
}

#[test]
fn jsonl_format() {
    insta::assert_snapshot!(jsonl::render(&checked()));
}

#[test]
fn jsonl_is_one_complete_object_a_line() {
    let out = jsonl::render(&checked());
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5);
    for line in &lines {
        let v: Value = serde_json::from_str(line).expect("each line is JSON");
        for key in ["path", "code", "rule", "severity", "message", "span", "start", "end"] {
            assert!(!v[key].is_null(), "{key} in {line}");
        }
    }
    let second: Value = serde_json::from_str(lines[1]).unwrap();
    // The unclosed mark follows “…” on line 3: column counts characters, not bytes.
    assert_eq!(second["start"], serde_json::json!({"line": 3, "column": 47}));
    assert_eq!(jsonl::render(&[]), "");
}

#[test]
fn github_format() {
    insta::assert_snapshot!(github::render(&checked()));
}

#[test]
fn sarif_results() {
    // Only the results, without `ruleIndex`: the rule list grows as rules land, and
    // both are checked by structure in `sarif_meets_the_schema_requirements`.
    let mut log: Value = serde_json::from_str(&sarif::render(&checked())).unwrap();
    let results = log["runs"][0]["results"].as_array_mut().unwrap();
    for r in results.iter_mut() {
        r.as_object_mut().unwrap().remove("ruleIndex");
    }
    insta::assert_snapshot!(serde_json::to_string_pretty(&results).unwrap());
}

/// Unescapes a workflow command's message or property value, as the runner does.
fn unescape(s: &str) -> String {
    s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")
}

/// `(command, properties, message)` of one workflow command line.
fn parse_command(line: &str) -> (String, Vec<(String, String)>, String) {
    let rest = line.strip_prefix("::").expect("starts with ::");
    let (head, message) = rest.split_once("::").expect("has a message part");
    let (command, props) = head.split_once(' ').expect("has properties");
    let props = props
        .split(',')
        .map(|kv| {
            let (k, v) = kv.split_once('=').expect("key=value");
            (k.to_string(), unescape(v))
        })
        .collect();
    (command.to_string(), props, unescape(message))
}

#[test]
fn github_commands_survive_percent_comma_colon_and_newlines() {
    let message = "50% said: no, never\nsecond line\r\nthird %0A literal";
    let path = "desk/a,b:c%.md";
    let d = Diagnostic::new(meta("QF001"), path, Span::new(0, 3), message);
    let files = vec![FileDiagnostics::new(SourceFile::new(path, "“x\n"), vec![d])];
    let out = github::render(&files);
    assert_eq!(out.lines().count(), 1, "one command a finding: {out:?}");
    let (command, props, got) = parse_command(out.trim_end_matches('\n'));
    assert_eq!(command, "error");
    assert_eq!(got, message);
    let file = props.iter().find(|(k, _)| k == "file").map(|(_, v)| v.as_str());
    assert_eq!(file, Some(path));
    let title = props.iter().find(|(k, _)| k == "title").map(|(_, v)| v.as_str());
    assert_eq!(title, Some("QF001 (unbalanced-quote-marks)"));
    let keys: Vec<&str> = props.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["file", "line", "col", "endLine", "endColumn", "title"]);
}

#[test]
fn github_severities_map_to_commands() {
    let commands: Vec<String> = github::render(&checked()).lines().map(|l| parse_command(l).0).collect();
    assert_eq!(commands, ["notice", "error", "warning", "error", "error"]);
}

fn positive_int(v: &Value, what: &str) -> u64 {
    let n = v.as_u64().unwrap_or_else(|| panic!("{what} is not a non-negative integer: {v}"));
    assert!(n >= 1, "{what} must be >= 1, got {n}");
    n
}

fn non_empty_text(v: &Value, what: &str) {
    let text = v["text"].as_str().unwrap_or_else(|| panic!("{what}.text missing"));
    assert!(!text.trim().is_empty(), "{what}.text is empty");
}

/// The parts of the SARIF 2.1.0 schema (sarif-schema-2.1.0.json) that GitHub
/// code scanning relies on: required properties, enums and minimums.
fn validate_sarif(log: &Value, files: &[FileDiagnostics]) {
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let runs = log["runs"].as_array().expect("runs is an array");
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert!(["utf16CodeUnits", "unicodeCodePoints"].contains(&run["columnKind"].as_str().unwrap()));
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "quotelint");
    let rules = driver["rules"].as_array().expect("rules is an array");
    assert_eq!(rules.len(), quotelint::rules::all().len());
    let mut ids = Vec::new();
    for rule in rules {
        let id = rule["id"].as_str().expect("rule id");
        ids.push(id.to_string());
        non_empty_text(&rule["shortDescription"], "shortDescription");
        non_empty_text(&rule["fullDescription"], "fullDescription");
        non_empty_text(&rule["help"], "help");
        assert!(rule["help"]["markdown"].as_str().unwrap().contains("## How to fix"), "{id}");
        let level = rule["defaultConfiguration"]["level"].as_str().unwrap();
        assert!(["none", "note", "warning", "error"].contains(&level), "{level}");
    }
    let results = run["results"].as_array().expect("results is an array");
    let expected: usize = files.iter().map(|f| f.diagnostics.len()).sum();
    assert_eq!(results.len(), expected);
    for r in results {
        let rule_id = r["ruleId"].as_str().expect("ruleId");
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(ids.get(index).map(String::as_str), Some(rule_id), "ruleIndex points at its rule");
        assert!(["none", "note", "warning", "error"].contains(&r["level"].as_str().unwrap()));
        non_empty_text(&r["message"], "message");
        let locations = r["locations"].as_array().expect("locations");
        assert_eq!(locations.len(), 1);
        let physical = &locations[0]["physicalLocation"];
        let uri = physical["artifactLocation"]["uri"].as_str().expect("uri");
        assert!(!uri.contains(' ') && !uri.contains('\\'), "uri is a URI reference: {uri}");
        let region = &physical["region"];
        let (sl, sc) =
            (positive_int(&region["startLine"], "startLine"), positive_int(&region["startColumn"], "startColumn"));
        let (el, ec) =
            (positive_int(&region["endLine"], "endLine"), positive_int(&region["endColumn"], "endColumn"));
        assert!((el, ec) >= (sl, sc), "region ends before it starts");
        assert!(region["charOffset"].is_u64() && region["charLength"].is_u64());
        let hash = r["partialFingerprints"]["primaryLocationLineHash"].as_str().expect("fingerprint");
        let (hex, occurrence) = hash.split_once(':').expect("hash:occurrence");
        assert_eq!(hex.len(), 16);
        assert!(hex.chars().all(|c| c.is_ascii_hexdigit()) && occurrence.parse::<u32>().is_ok());
    }
}

#[test]
fn sarif_meets_the_schema_requirements() {
    let files = checked();
    let log: Value = serde_json::from_str(&sarif::render(&files)).unwrap();
    validate_sarif(&log, &files);
    let empty: Value = serde_json::from_str(&sarif::render(&[])).unwrap();
    validate_sarif(&empty, &[]);
    assert_eq!(empty["runs"][0]["results"], serde_json::json!([]));
}

#[test]
fn sarif_levels_columns_and_uris() {
    let log: Value = serde_json::from_str(&sarif::render(&checked())).unwrap();
    let results = &log["runs"][0]["results"];
    let levels: Vec<&str> = results.as_array().unwrap().iter().map(|r| r["level"].as_str().unwrap()).collect();
    assert_eq!(levels, ["note", "error", "warning", "error", "error"]);
    let region = &results[1]["locations"][0]["physicalLocation"]["region"];
    // Code points: “ and ” count one each, so the mark is at column 47 (byte 51), and ends (exclusive) at 48.
    assert_eq!((region["startLine"].as_u64(), region["startColumn"].as_u64()), (Some(3), Some(47)));
    assert_eq!(region["endColumn"], 48);
    assert_eq!(results[3]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "desk/ferry%202.md");
}

#[test]
fn sarif_fingerprints_are_stable_and_count_repeated_lines() {
    let first: Value = serde_json::from_str(&sarif::render(&checked())).unwrap();
    let fp = |log: &Value, i: usize| {
        log["runs"][0]["results"][i]["partialFingerprints"]["primaryLocationLineHash"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // The two ferry lines are identical: same hash, occurrence 0 then 1.
    let (a, b) = (fp(&first, 3), fp(&first, 4));
    assert_eq!(a.split_once(':').unwrap().0, b.split_once(':').unwrap().0);
    assert!(a.ends_with(":0") && b.ends_with(":1"), "{a} {b}");
    // Lines added above a finding do not change its fingerprint.
    let shifted_text = format!("New lede.\n\n{HARBOUR}");
    let mut shifted = checked();
    let shift = shifted_text.len() - HARBOUR.len();
    shifted[0].file = SourceFile::new("desk/harbour.md", shifted_text);
    for d in &mut shifted[0].diagnostics {
        d.span = Span::new(d.span.start + shift, d.span.end + shift);
    }
    let second: Value = serde_json::from_str(&sarif::render(&shifted)).unwrap();
    for i in 0..3 {
        assert_eq!(fp(&first, i), fp(&second, i));
    }
    assert_ne!(fp(&first, 1), fp(&first, 2));
}
