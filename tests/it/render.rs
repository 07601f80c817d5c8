//! Snapshots of every printer on hand-built results (no scanner needed).

use crate::common;

use common::{meta, span_of};
use quotelint::analysis::Analysis;
use quotelint::attribution::{Attribution, Channel, ChannelKind, Cue, Speaker, SpeakerKind};
use quotelint::diagnostic::{Diagnostic, Severity};
use quotelint::quote::{MarkStyle, Quote, QuoteKind, QuotePart, ScanResult};
use quotelint::render::{concise, full, json, quotes_json, quotes_table, FileDiagnostics};
use quotelint::source::SourceFile;
use quotelint::span::Span;

const DRAFT: &str = "# Ferry\n\n“The boats are late,” said Tom Baker.\n\n\"Every week,\" he added.\n\n“Nobody tells us why, she said.\n";

fn checked() -> Vec<FileDiagnostics> {
    let unclosed = span_of(DRAFT, "“Nobody").start;
    let end = DRAFT.len() - 1;
    let qf001 = Diagnostic::new(
        meta("QF001"),
        "desk/ferry.md",
        Span::new(unclosed, unclosed + 3),
        "quotation is never closed",
    )
    .with_primary_label("this quotation never closes")
    .with_label(Span::new(end, end), "the paragraph ends here with the quotation still open")
    .with_help("add the closing mark where the speaker's words end")
    .with_note("a quotation that runs over several paragraphs opens each paragraph and closes only at the end");
    let qf002 = Diagnostic::new(
        meta("QF002"),
        "desk/ferry.md",
        span_of(DRAFT, "\"Every week,\""),
        "draft mostly uses curly quotes (“…”) (2 quotes) but this quote uses straight quotes (\"…\")",
    )
    .with_primary_label("straight quotes (\"…\") here")
    .with_help("use curly quotes (“…”) throughout");
    let mut diagnostics = vec![qf002, qf001];
    quotelint::diagnostic::sort(&mut diagnostics);
    vec![FileDiagnostics::new(SourceFile::new("desk/ferry.md", DRAFT), diagnostics)]
}

#[test]
fn full_format() {
    insta::assert_snapshot!(full::render(&checked(), false));
}

#[test]
fn full_format_in_colour_has_escape_codes() {
    let out = full::render(&checked(), true);
    assert!(out.contains("\x1b["));
}

#[test]
fn concise_format() {
    insta::assert_snapshot!(concise::render(&checked()));
}

#[test]
fn check_json_format() {
    insta::assert_snapshot!(json::render(&checked()));
}

#[test]
fn diagnostics_are_sorted_by_path_then_offset() {
    let d = |path: &str, start| Diagnostic::new(meta("QF001"), path, Span::new(start, start + 1), "m");
    let mut all = vec![d("b.md", 1), d("a.md", 9), d("a.md", 2)];
    quotelint::diagnostic::sort(&mut all);
    let order: Vec<_> = all.iter().map(|x| (&*x.path, x.span.start)).collect();
    assert_eq!(order, [("a.md", 2), ("a.md", 9), ("b.md", 1)]);
}

#[test]
fn out_of_range_and_mid_character_spans_do_not_panic() {
    let text = "“Q” x";
    let bad = [Span::new(1, 2), Span::new(2, 500), Span::new(400, 500), Span::new(5, 1)];
    for span in bad {
        let d = Diagnostic::new(meta("QF001"), "x.md", span, "m").with_label(span, "l");
        let files = vec![FileDiagnostics::new(SourceFile::new("x.md", text), vec![d])];
        for color in [false, true] {
            assert!(full::render(&files, color).contains("QF001"));
        }
        assert!(concise::render(&files).starts_with("x.md:1:"));
        let doc: serde_json::Value = serde_json::from_str(&json::render(&files)).unwrap();
        let out = &doc["diagnostics"][0]["span"];
        assert!(out["end"].as_u64().unwrap() as usize <= text.len());
    }
    let empty = vec![FileDiagnostics {
        file: SourceFile::new("e.md", ""),
        diagnostics: vec![Diagnostic::new(meta("QF002"), "e.md", Span::new(3, 9), "m")],
        lines: Vec::new(),
    }];
    assert!(full::render(&empty, false).contains("QF002"));
}

/// Two quotes, the first fully attributed, the second not.
fn analysis() -> Analysis {
    let text = "“We cannot wait,” Mayor Ana Ruiz told reporters.\n\nOthers called it “reckless”.\n";
    let q1 = span_of(text, "“We cannot wait,”");
    let q2 = span_of(text, "“reckless”");
    let doc = quotelint::markdown::parse(text);
    // each quote's words are read from its paragraph, inside its marks
    let quote = |span: Span, words: &str, kind| {
        let block = doc.blocks.iter().position(|b| b.text.contains(words)).unwrap();
        let at = doc.blocks[block].text.find(words).unwrap();
        let mark = "“".len();
        let part = QuotePart::new(block, at - mark..at + words.len() + mark, at..at + words.len());
        Quote::new(span, kind, MarkStyle::Curly, true, 0, vec![part].into())
    };
    let quotes = vec![quote(q1, "We cannot wait,", QuoteKind::Direct), quote(q2, "reckless", QuoteKind::Partial)];
    let speaker = Speaker::new(
        "Mayor Ana Ruiz".into(),
        span_of(text, "Mayor Ana Ruiz"),
        SpeakerKind::Person,
        Some("Ana Ruiz".into()),
    );
    let attributed = Attribution {
        speaker: Some(speaker),
        cue: Some(Cue::new("told".into(), span_of(text, "told"))),
        channel: Some(std::sync::Arc::new(Channel::new(
            "told reporters".into(),
            span_of(text, "told reporters"),
            ChannelKind::Briefing,
            None,
        ))),
    };
    Analysis {
        file: SourceFile::new("desk/vote.md", text),
        doc,
        scan: ScanResult { quotes, problems: Vec::new() },
        words: Default::default(),
        attributions: vec![attributed, Attribution::default()].into(),
        lookups: Default::default(),
        language: Default::default(),
    }
}

#[test]
fn quotes_json_format() {
    insta::assert_snapshot!(quotes_json::render(&[analysis()]));
}

#[test]
fn quotes_json_lines_and_columns_count_characters() {
    let doc: serde_json::Value = serde_json::from_str(&quotes_json::render(&[analysis()])).unwrap();
    let second = &doc["files"][0]["quotes"][1];
    assert_eq!(second["line"], 3);
    assert_eq!(second["column"], 18);
    assert_eq!(second["speaker"], serde_json::Value::Null);
    assert_eq!(doc["files"][0]["quotes"][0]["speaker"]["kind"], "person");
}

#[test]
fn quotes_table_format() {
    insta::assert_snapshot!(quotes_table::render(&[analysis()]));
}

#[test]
fn severities_are_counted_in_the_json_summary() {
    let doc: serde_json::Value = serde_json::from_str(&json::render(&checked())).unwrap();
    assert_eq!(doc["summary"], serde_json::json!({"files": 1, "errors": 1, "warnings": 1, "infos": 0}));
    assert_eq!(doc["diagnostics"][0]["severity"], Severity::Warning.as_str());
}
