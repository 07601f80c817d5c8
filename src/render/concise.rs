//! One line a finding, `path:line:col: severity[CODE] message`, for editors'
//! problem matchers (VS Code, Vim `errorformat`, Emacs `compilation-mode`);
//! `path:¶paragraph:character:` for a Word document. A line break in a
//! message (one quoting hard-wrapped prose) is folded to a space.

use super::FileDiagnostics;
use std::fmt::Write;

pub fn render(files: &[FileDiagnostics]) -> String {
    let mut out = String::new();
    for entry in files {
        for d in &entry.diagnostics {
            let at = entry.file.locus(d.span.start);
            let (path, message) = (super::one_line(&d.path), super::one_line(&d.message));
            let _ = writeln!(out, "{path}:{at}: {}[{}] {message}", d.severity, d.code());
        }
    }
    out
}
