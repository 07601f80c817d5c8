//! One line a finding, `path:line:col: severity[CODE] message`, for editors'
//! problem matchers (VS Code, Vim `errorformat`, Emacs `compilation-mode`);
//! `path:¶paragraph:character:` for a Word document. A line break in a
//! message (one quoting hard-wrapped prose) is folded to a space.

use super::FileDiagnostics;
use crate::diagnostic::{LineFinding, Severity};
use crate::source::SourceFile;
use std::fmt::Write;

pub fn render(files: &[FileDiagnostics]) -> String {
    let mut out = String::new();
    for entry in files {
        for d in &entry.diagnostics {
            line(&mut out, &entry.file, (&d.path, d.span.start), d.severity, d.code(), &d.message);
        }
        render_lines(&mut out, &entry.file, &entry.lines);
    }
    out
}

/// Adds the lines of `file`'s findings held cut down (see [`LineFinding`]).
pub fn render_lines(out: &mut String, file: &SourceFile, lines: &[LineFinding]) {
    for d in lines {
        line(out, file, (&d.path, d.span.start), d.severity, d.code(), &d.message);
    }
}

/// One finding's line: at `place` (its path and where its span starts).
fn line(out: &mut String, file: &SourceFile, place: (&str, usize), severity: Severity, code: &str, message: &str) {
    let at = file.locus(place.1);
    let (path, message) = (super::one_line(place.0), super::one_line(message));
    let _ = writeln!(out, "{path}:{at}: {severity}[{code}] {message}");
}
