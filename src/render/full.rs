//! The human format: codespan-reporting's compiler-style snippets.

use super::{clamp_span, FileDiagnostics};
use crate::diagnostic::{Diagnostic, Severity};
use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor};

/// Renders every diagnostic, with ANSI colour when `color` is set.
pub fn render(files: &[FileDiagnostics], color: bool) -> String {
    let mut buffer = if color { termcolor::Buffer::ansi() } else { termcolor::Buffer::no_color() };
    let config = term::Config::default();
    for entry in files {
        let file = SimpleFile::new(entry.file.path.as_str(), entry.file.text.as_str());
        for d in &entry.diagnostics {
            let diagnostic = to_codespan(&entry.file.text, d, color);
            if let Err(err) = term::emit_to_write_style(&mut buffer, &config, &file, &diagnostic) {
                // codespan only fails on spans it cannot place; fall back to one line.
                let line = format!("{}[{}]: {} ({err})\n", d.severity, d.code, d.message);
                let _ = std::io::Write::write_all(&mut buffer, line.as_bytes());
            }
        }
    }
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}

fn to_codespan(text: &str, d: &Diagnostic, color: bool) -> cs::Diagnostic<()> {
    let severity = match d.severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
        Severity::Info => cs::Severity::Note,
    };
    let mut primary = cs::Label::primary((), clamp_span(text, d.span).range());
    if let Some(message) = &d.primary_label {
        primary = primary.with_message(message);
    }
    let mut labels = vec![primary];
    labels.extend(
        d.labels
            .iter()
            .map(|l| cs::Label::secondary((), clamp_span(text, l.span).range()).with_message(&l.message)),
    );
    // Word diffs (`[-old-]{+new+}`) are coloured as `git diff --word-diff` colours them.
    let mut notes: Vec<String> =
        d.notes.iter().map(|n| if color { crate::provenance::diff::colorize(n) } else { n.clone() }).collect();
    if let Some(help) = &d.help {
        notes.push(format!("help: {help}"));
    }
    cs::Diagnostic::new(severity)
        .with_message(&d.message)
        .with_code(format!("{}/{}", d.code, d.rule))
        .with_labels(labels)
        .with_notes(notes)
}
