//! Runs every draft under `fixtures/` through the pipeline and compares a
//! plain-text account of what was found with the `.expected` file beside it.
//! `QUOTELINT_BLESS=1 cargo test --test it fixtures::` rewrites the expectations;
//! review the diff before committing it.

use crate::common;

use quotelint::quote::MarkProblem;
use quotelint::source::SourceFile;
use quotelint::{analyze, Analysis};
use std::fmt::Write;
use std::path::{Path, PathBuf};

fn drafts(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            drafts(&path, out);
        } else if path.extension().is_some_and(|e| e == "md" || e == "mdx") {
            out.push(path);
        }
    }
}

fn at(a: &Analysis, offset: usize) -> String {
    let lc = a.file.lines.line_col(&a.file.text, offset);
    format!("{}:{}", lc.line, lc.column)
}

/// The account: one line per quote and per mark problem.
fn account(a: &Analysis) -> String {
    let mut s = String::new();
    for (q, attr) in a.scan.quotes.iter().zip(&a.attributions) {
        let _ = write!(s, "quote {} {} {:?}", at(a, q.span().start), q.kind.as_str(), q.text(&a.doc));
        match &attr.speaker {
            Some(sp) => {
                let name = sp.name.as_deref().unwrap_or("?");
                let _ = write!(s, " | speaker {:?} {:?} -> {name}", sp.mention, sp.kind);
                if attr.implied() {
                    s.push_str(" (implied only)");
                }
            }
            None => s.push_str(" | no speaker"),
        }
        if let Some(cue) = &attr.cue {
            let _ = write!(s, " | cue {:?}", cue.text);
        }
        if let Some(ch) = &attr.channel {
            let _ = write!(s, " | channel {:?} {:?} {}", ch.text, ch.kind, ch.outlet.as_deref().unwrap_or("-"));
        }
        s.push('\n');
    }
    for p in &a.scan.problems {
        let _ = match p {
            MarkProblem::Unclosed { open, gave_up } => {
                let extra =
                    gave_up.map(|g| format!(" (second opening mark at {})", at(a, g.start))).unwrap_or_default();
                writeln!(s, "problem unclosed at {}{extra}", at(a, open.start))
            }
            MarkProblem::Unopened { close, .. } => writeln!(s, "problem unopened at {}", at(a, close.start)),
            MarkProblem::MoreUnopened { first, count } => {
                writeln!(s, "problem {count} more unopened from {}", at(a, first.start))
            }
            MarkProblem::TooDeep { open, untracked, .. } => {
                writeln!(s, "problem nested too deep at {} ({untracked} untracked)", at(a, open.start))
            }
        };
    }
    s
}

/// Each single-paragraph quote's span must hold its text between two marks.
fn check_spans(path: &Path, a: &Analysis) {
    for q in &a.scan.quotes {
        let Some(src) = a.file.text.get(q.span().range()) else {
            panic!("{}: span {:?} not on char boundaries", path.display(), q.span());
        };
        // a block quote's lines carry `>` markers between its words
        if q.parts.len() == 1
            && q.kind != quotelint::quote::QuoteKind::Block
            && !src.contains('&')
            && !src.contains('\\')
            && !src.contains('`')
            && !src.contains('[')
        {
            let words: String = q.text(&a.doc).split_whitespace().collect::<Vec<_>>().join(" ");
            let flat: String = src.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                flat.contains(&words),
                "{}: quote text {words:?} not inside its span {flat:?}",
                path.display()
            );
        }
    }
}

#[test]
fn fixtures_match_their_expectations() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut paths = Vec::new();
    drafts(&root, &mut paths);
    paths.sort();
    assert!(paths.len() >= 10, "expected the fixture drafts, found {}", paths.len());
    let mut failures = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("fixture is UTF-8");
        let a = analyze(SourceFile::new(path.display().to_string(), text));
        check_spans(&path, &a);
        let got = account(&a);
        common::compare_or_bless(&path.with_extension("expected"), &got, &mut failures);
    }
    assert!(failures.is_empty(), "fixtures differ:\n{}", failures.join("\n"));
}
