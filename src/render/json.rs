//! `check --format json`, per docs/json.md ("check" section).

use super::{clamp_span, FileDiagnostics};
use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::source::SourceFile;
use crate::span::{LineCol, Span};
use serde::Serialize;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
}

/// One entry of `diagnostics`; also one line of `--format jsonl`.
#[derive(Serialize)]
pub(crate) struct JsonDiagnostic<'a> {
    path: &'a str,
    code: &'a str,
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    span: Span,
    start: LineCol,
    end: LineCol,
    primary_label: Option<&'a str>,
    labels: Vec<Label>,
    help: Option<&'a str>,
    notes: &'a [crate::diagnostic::Text],
    /// `"paragraphs"` for a Word document: `start` and `end` are then
    /// paragraph (`line`) and character (`column`).
    #[serde(skip_serializing_if = "Option::is_none")]
    positions: Option<&'static str>,
}

/// How many files were checked and how many findings of each severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(files: &[FileDiagnostics]) -> Self {
        let mut s = Summary { files: files.len(), ..Summary::default() };
        for severity in files.iter().flat_map(FileDiagnostics::severities) {
            match severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}

pub fn render(files: &[FileDiagnostics]) -> String {
    super::stream::gathered(|write| render_in_pieces(files, write))
}

/// Renders the document as [`render`] does, handing the text to `write` in
/// pieces (false when `write` fails): the diagnostics are made and written
/// one at a time (see [`super::stream`]).
pub fn render_in_pieces(files: &[FileDiagnostics], write: impl FnMut(&str) -> bool) -> bool {
    let frame = Document { version: 1, diagnostics: Vec::new(), summary: Summary::of(files) };
    // Serialising plain structs of strings and numbers cannot fail.
    let frame = serde_json::to_string_pretty(&frame).unwrap_or_default();
    let diagnostics = files.iter().flat_map(|f| f.diagnostics.iter().map(move |d| json_diagnostic(&f.file, d)));
    super::stream::pretty_with_array(&frame, "diagnostics", diagnostics, write)
}

pub(crate) fn json_diagnostic<'a>(file: &SourceFile, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    let text = file.text.as_str();
    let span = clamp_span(text, d.span);
    let labels =
        d.labels.iter().map(|l| Label { span: clamp_span(text, l.span), message: l.message.clone() }).collect();
    JsonDiagnostic {
        path: &d.path,
        code: d.code(),
        rule: d.rule(),
        severity: d.severity,
        message: &d.message,
        span,
        start: file.lines.line_col(text, span.start),
        end: file.lines.line_col(text, span.end),
        primary_label: d.primary_label.as_deref(),
        labels,
        help: d.help.as_deref(),
        notes: &d.notes,
        positions: file.format.in_paragraphs().then_some("paragraphs"),
    }
}

#[cfg(test)]
mod piece_tests {
    use super::{json_diagnostic, render, Document, Summary};
    use crate::diagnostic::Diagnostic;
    use crate::render::FileDiagnostics;
    use crate::rules;
    use crate::source::SourceFile;
    use crate::span::Span;

    /// The document built whole and printed at once.
    fn whole(files: &[FileDiagnostics]) -> String {
        let diagnostics =
            files.iter().flat_map(|f| f.diagnostics.iter().map(move |d| json_diagnostic(&f.file, d))).collect();
        let doc = Document { version: 1, diagnostics, summary: Summary::of(files) };
        serde_json::to_string_pretty(&doc).unwrap() + "\n"
    }

    #[test]
    fn the_document_in_pieces_is_the_document_printed_whole() {
        let metas = rules::all_meta();
        let text = "“Closed,” she said.\r\nA second line, ‘x’.\n";
        let file = |path: &str, n: usize| FileDiagnostics {
            file: SourceFile::new(path, text),
            diagnostics: (0..n)
                .map(|i| {
                    Diagnostic::new(metas[i % metas.len()], path, Span::new(i % 20, i % 20 + 2), format!("f{i}"))
                })
                .collect(),
            lines: Vec::new(),
        };
        for files in [vec![], vec![file("a.md", 0)], vec![file("a.md", 3), file("b.md", 0), file("c.md", 900)]] {
            assert_eq!(render(&files), whole(&files));
        }
    }
}
