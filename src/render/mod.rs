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
pub mod stream;

use crate::diagnostic::{Diagnostic, LineFinding, Severity};
use crate::edit::Applicability;
use crate::source::SourceFile;
use crate::span::Span;

/// One checked file and what the rules found in it.
#[derive(Debug, Clone)]
pub struct FileDiagnostics {
    pub file: SourceFile,
    pub diagnostics: Vec<Diagnostic>,
    /// For `check --format concise` only, which prints them, the findings
    /// cut down to one line each instead of `diagnostics`, sorted the same.
    pub lines: Vec<LineFinding>,
}

impl FileDiagnostics {
    /// `file` and its findings in full.
    pub fn new(file: SourceFile, diagnostics: Vec<Diagnostic>) -> Self {
        FileDiagnostics { file, diagnostics, lines: Vec::new() }
    }

    /// Every finding's severity, in full or cut down.
    pub fn severities(&self) -> impl Iterator<Item = Severity> + '_ {
        self.diagnostics.iter().map(|d| d.severity).chain(self.lines.iter().map(|d| d.severity))
    }

    /// The kind of every finding's fix, for the findings that have one.
    pub fn fixes(&self) -> impl Iterator<Item = Applicability> + '_ {
        let full = self.diagnostics.iter().filter_map(|d| d.fix.as_ref().map(|f| f.applicability));
        full.chain(self.lines.iter().filter_map(|d| d.fix))
    }
}

/// Moves a span inside `text` and onto character boundaries, so no renderer
/// (nor a consumer of our JSON) can be handed a span that slices a character.
pub fn clamp_span(text: &str, span: Span) -> Span {
    let start = floor_char_boundary(text, span.start);
    let end = floor_char_boundary(text, span.end).max(start);
    Span::new(start, end)
}

pub use crate::diagnostic::count;

/// Whether `c` ends a line for an editor or a terminal.
fn breaks_line(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// `text` on one line: each run of whitespace holding a line break (a
/// message quoting hard-wrapped prose) becomes one space, so the one-line
/// formats keep one finding (or one quote) a line for error parsers.
pub fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(breaks_line) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(breaks_line) {
        let before = rest[..at].trim_end();
        out.push_str(before);
        rest = rest[at..].trim_start();
        // the run of whitespace, breaks included, is one space, unless it ends the text
        if !rest.is_empty() {
            out.push(' ');
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

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

    #[test]
    fn one_line_folds_every_line_break_with_its_spaces() {
        assert_eq!(one_line("no break here"), "no break here");
        assert!(matches!(one_line("plain"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(one_line("“We will \n  rebuild”"), "“We will rebuild”");
        assert_eq!(one_line("a\r\nb\rc\u{2028}d\u{2029}e\u{85}f"), "a b c d e f");
        assert_eq!(one_line("ends\n"), "ends");
        assert_eq!(one_line("keeps  two  spaces"), "keeps  two  spaces");
    }
}
