//! Printers: each turns results into one string, so output is built in one
//! place, is easy to snapshot, and reaches stdout in one write.

pub mod concise;
pub mod full;
pub mod github;
pub mod json;
pub mod jsonl;
pub mod quotes_json;
pub mod quotes_table;
pub mod sarif;
pub mod sources;

use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;
use crate::span::Span;

/// One checked file and what the rules found in it.
#[derive(Debug, Clone)]
pub struct FileDiagnostics {
    pub file: SourceFile,
    pub diagnostics: Vec<Diagnostic>,
}

/// Moves a span inside `text` and onto character boundaries, so no renderer
/// (nor a consumer of our JSON) can be handed a span that slices a character.
pub fn clamp_span(text: &str, span: Span) -> Span {
    let start = floor_char_boundary(text, span.start);
    let end = floor_char_boundary(text, span.end).max(start);
    Span::new(start, end)
}

pub use crate::diagnostic::count;

fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clamp_keeps_spans_inside_and_on_boundaries() {
        let text = "a“b”";
        assert_eq!(clamp_span(text, Span::new(2, 500)), Span::new(1, 8));
        assert_eq!(clamp_span(text, Span::new(9, 3)), Span::new(8, 8));
        assert_eq!(clamp_span("", Span::new(3, 4)), Span::new(0, 0));
    }
}
