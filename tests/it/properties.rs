//! Invariants over arbitrary input: whatever the draft, every span the
//! pipeline reports lies inside the file on character boundaries, nothing
//! panics, and every printer copes with the result.

use proptest::prelude::*;
use quotelint::render::{concise, full, json, quotes_json, quotes_table, FileDiagnostics};
use quotelint::source::SourceFile;
use quotelint::span::Span;
use quotelint::{analyze, rules, Analysis};

/// Pieces that stress the scanner and the Markdown offset map.
const PIECES: &[&str] = &[
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "‹",
    "›",
    "„",
    "‚",
    "\"",
    "'",
    "``",
    "''",
    "`code`",
    "don't",
    "'90s",
    "rock 'n' roll",
    "\n",
    "\r\n",
    "\n\n",
    "\n> ",
    "\n>> ",
    "\n# ",
    "\n## ",
    "*",
    "_",
    "**bold**",
    "_em_",
    "[a](b)",
    "[link][r]",
    "\n[r]: http://x\n",
    "&ldquo;",
    "&rdquo;",
    "&amp;",
    "&#8220;",
    "\\\"",
    "\\*",
    "\\",
    " said ",
    " told AFP",
    "she said.",
    "Ana Ruiz",
    ", ",
    ". ",
    "word",
    "élan",
    "日本語",
    "😀",
    "\u{feff}",
    "\n- ",
    "\n1. ",
    "\n    code\n",
    "\n```\nfence\n```\n",
    "<!-- c -->",
    "<div>\n",
    "| a | b |\n|---|---|\n",
    "\n---\n",
    "\t",
    " ",
];

fn markdown_like() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(PIECES);
    let front = prop::sample::select(
        &["", "\u{feff}", "---\ntitle: x\n---\n", "+++\na = 1\n+++\n", "\u{feff}---\nx\n---\n"][..],
    );
    (front, prop::collection::vec(piece, 0..60)).prop_map(|(f, parts)| format!("{f}{}", parts.concat()))
}

fn check_span(text: &str, span: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(span.start <= span.end && span.end <= text.len(), "{what} {span:?} outside 0..{}", text.len());
    prop_assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?} splits a char"
    );
    Ok(())
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn check_quotes(a: &Analysis) -> Result<(), TestCaseError> {
    let text = a.file.text.as_str();
    for q in &a.scan.quotes {
        check_span(text, q.span(), "quote span")?;
        for part in &q.parts {
            let block = a.doc.blocks.get(part.block());
            prop_assert!(block.is_some(), "part names block {} of {}", part.block(), a.doc.blocks.len());
            let Some(block) = block else { continue };
            for range in [&part.outer(), &part.inner()] {
                prop_assert!(block.text.get(range.clone()).is_some(), "part range {range:?} not in block text");
            }
            let inner = block.source_span(part.inner());
            check_span(text, inner, "part inner source span")?;
            prop_assert!(q.span().contains(inner), "part {inner:?} outside quote {:?}", q.span());
            let words = squash(block.text.get(part.inner()).unwrap_or_default());
            prop_assert!(
                squash(&q.text(&a.doc)).contains(&words),
                "quote text {:?} lacks part {words:?}",
                q.text(&a.doc)
            );
        }
    }
    Ok(())
}

fn check_attributions(a: &Analysis) -> Result<(), TestCaseError> {
    let text = a.file.text.as_str();
    prop_assert_eq!(a.attributions.len(), a.scan.quotes.len());
    for attr in &a.attributions {
        if let Some(s) = &attr.speaker {
            check_span(text, s.span(), "speaker span")?;
        }
        if let Some(c) = &attr.cue {
            check_span(text, c.span(), "cue span")?;
        }
        if let Some(c) = &attr.channel {
            check_span(text, c.span(), "channel span")?;
        }
    }
    Ok(())
}

fn check_everything(text: String) -> Result<(), TestCaseError> {
    let a = analyze(SourceFile::new("p.md", text));
    let src = a.file.text.as_str();
    check_quotes(&a)?;
    check_attributions(&a)?;
    for problem in &a.scan.problems {
        let spans = match problem {
            quotelint::quote::MarkProblem::Unclosed { open, gave_up } => [Some(*open), *gave_up],
            quotelint::quote::MarkProblem::Unopened { close, previous } => [Some(*close), *previous],
            quotelint::quote::MarkProblem::TooDeep { open, .. } => [Some(*open), None],
            quotelint::quote::MarkProblem::MoreUnopened { first, .. } => [Some(*first), None],
        };
        for span in spans.into_iter().flatten() {
            check_span(src, span, "problem span")?;
        }
    }
    let diagnostics = rules::check_all(&a, &quotelint::settings::Settings::default());
    for d in &diagnostics {
        check_span(src, d.span, "diagnostic span")?;
        for l in &d.labels {
            check_span(src, l.span, "label span")?;
        }
    }
    let _ = quotes_json::render(std::slice::from_ref(&a));
    let _ = quotes_table::render(std::slice::from_ref(&a));
    let files = vec![FileDiagnostics::new(a.file.clone(), diagnostics)];
    let _ = (full::render(&files, true), concise::render(&files), json::render(&files));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn markdown_shaped_drafts_keep_spans_in_bounds(text in markdown_like()) {
        check_everything(text)?;
    }

    #[test]
    fn arbitrary_strings_keep_spans_in_bounds(text in any::<String>()) {
        check_everything(text)?;
    }

    #[test]
    fn printers_survive_arbitrary_spans(text in ".{0,40}", start in 0usize..80, len in 0usize..80) {
        let rule = rules::find("QF001").map(|r| r.meta()).expect("QF001 exists");
        let span = Span::new(start, start + len);
        let d = quotelint::diagnostic::Diagnostic::new(rule, "x.md", span, "m")
            .with_label(Span::new(start + len, start), "backwards");
        let files = vec![FileDiagnostics::new(SourceFile::new("x.md", text), vec![d])];
        prop_assert!(full::render(&files, false).contains("QF001"));
        prop_assert!(concise::render(&files).contains("QF001"));
        prop_assert!(json::render(&files).contains("QF001"));
    }
}
