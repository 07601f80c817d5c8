//! `check --format github`: GitHub Actions workflow commands, one a finding,
//! which the runner turns into annotations on the pull request:
//! `::error file=F,line=L,col=C,endLine=L,endColumn=C,title=T::message`.
//!
//! Escaping follows `@actions/core` (`toCommandValue`/`escapeData`/`escapeProperty`):
//! in the message `%`, CR and LF; in property values also `:` and `,`.

use super::{clamp_span, FileDiagnostics};
use crate::diagnostic::Severity;
use std::fmt::Write;

pub fn render(files: &[FileDiagnostics]) -> String {
    let mut out = String::new();
    for entry in files {
        let text = entry.file.text.as_str();
        for d in &entry.diagnostics {
            let span = clamp_span(text, d.span);
            let start = entry.file.lines.line_col(text, span.start);
            let end = entry.file.lines.line_col(text, span.end);
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let _ = writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape_property(&d.path),
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(&title(entry, d)),
                escape_data(&d.message),
            );
        }
    }
    out
}

/// `QA001 (unattributed-quote)`; for a Word document, whose lines are its
/// paragraphs, `… at ¶12:40` as well.
fn title(entry: &FileDiagnostics, d: &crate::diagnostic::Diagnostic) -> String {
    if entry.file.format.in_paragraphs() {
        format!("{} ({}) at {}", d.code(), d.rule(), entry.file.locus(d.span.start))
    } else {
        format!("{} ({})", d.code(), d.rule())
    }
}

/// The message part of a workflow command.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A property value (`file=`, `title=`) of a workflow command.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_is_escaped_first_so_escapes_are_not_doubled() {
        assert_eq!(escape_data("50% of\r\nvoters"), "50%25 of%0D%0Avoters");
        assert_eq!(escape_property("a,b: c%"), "a%2Cb%3A c%25");
    }
}
