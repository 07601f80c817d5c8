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
    notes: &'a [String],
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
        for d in files.iter().flat_map(|f| &f.diagnostics) {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}

pub fn render(files: &[FileDiagnostics]) -> String {
    let diagnostics =
        files.iter().flat_map(|f| f.diagnostics.iter().map(move |d| json_diagnostic(&f.file, d))).collect();
    let doc = Document { version: 1, diagnostics, summary: Summary::of(files) };
    // Serialising plain structs of strings and numbers cannot fail.
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
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
