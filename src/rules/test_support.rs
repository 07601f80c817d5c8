//! Hand-built analyses for rule unit tests, independent of the scanner.

use crate::analysis::Analysis;
use crate::attribution::Attribution;
use crate::markdown::Document;
use crate::quote::{MarkProblem, MarkStyle, Quote, QuoteKind, ScanResult};
use crate::source::SourceFile;
use crate::span::Span;

pub fn analysis_with(text: &str, quotes: Vec<Quote>, problems: Vec<MarkProblem>) -> Analysis {
    let mut styles: Vec<(MarkStyle, usize)> = Vec::new();
    for q in &quotes {
        match styles.iter_mut().find(|(s, _)| *s == q.style) {
            Some((_, n)) => *n += 1,
            None => styles.push((q.style, 1)),
        }
    }
    let attributions = vec![Attribution::default(); quotes.len()];
    Analysis {
        file: SourceFile::new("draft.md", text),
        doc: Document::default(),
        scan: ScanResult { quotes, problems, styles },
        attributions,
    }
}

/// A direct quote over `span` of `text`, marks included.
pub fn quote(text: &str, span: Span, style: MarkStyle, double: bool) -> Quote {
    let inner = text.get(span.start..span.end).unwrap_or_default();
    let words: String =
        inner.chars().skip(1).collect::<Vec<_>>().split_last().map_or(String::new(), |(_, w)| w.iter().collect());
    Quote { span, text: words, kind: QuoteKind::Direct, style, double, depth: 0, parts: Vec::new() }
}
