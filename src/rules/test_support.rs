//! Hand-built analyses for rule unit tests, independent of the scanner.

use crate::analysis::Analysis;
use crate::attribution::Attribution;
use crate::markdown::Document;
use crate::quote::{MarkProblem, MarkStyle, Quote, QuoteKind, ScanResult};
use crate::source::SourceFile;
use crate::span::Span;

pub fn analysis_with(text: &str, quotes: Vec<Quote>, problems: Vec<MarkProblem>) -> Analysis {
    let attributions = vec![Attribution::default(); quotes.len()];
    Analysis {
        file: SourceFile::new("draft.md", text),
        doc: Document::default(),
        scan: ScanResult { quotes, problems },
        words: Default::default(),
        attributions,
        lookups: Default::default(),
        language: Default::default(),
    }
}

/// A direct quote over `span` of `text`, marks included.
pub fn quote(text: &str, span: Span, style: MarkStyle, double: bool) -> Quote {
    let mut words = text.get(span.range()).unwrap_or_default().chars();
    words.next();
    words.next_back();
    let text = words.as_str().to_string();
    Quote { span, text, kind: QuoteKind::Direct, style, double, depth: 0, parts: Vec::new() }
}
