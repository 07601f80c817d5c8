//! Hand-built analyses for rule unit tests, independent of the scanner.

use crate::analysis::Analysis;
use crate::attribution::Attributions;
use crate::markdown::Document;
use crate::quote::{MarkProblem, MarkStyle, Quote, QuoteKind, ScanResult};
use crate::source::SourceFile;
use crate::span::Span;

pub fn analysis_with(text: &str, quotes: Vec<Quote>, problems: Vec<MarkProblem>) -> Analysis {
    let attributions = Attributions::empty(quotes.len());
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

/// A direct quote over `span`, marks included (with no parts: its text is empty).
pub fn quote(span: Span, style: MarkStyle, double: bool) -> Quote {
    Quote::new(span, QuoteKind::Direct, style, double, 0, Default::default())
}
