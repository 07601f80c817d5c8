//! One line a finding, `path:line:col: severity[CODE] message`, for editors'
//! problem matchers (VS Code, Vim `errorformat`, Emacs `compilation-mode`);
//! `path:¶paragraph:character:` for a Word document.

use super::FileDiagnostics;
use std::fmt::Write;

pub fn render(files: &[FileDiagnostics]) -> String {
    let mut out = String::new();
    for entry in files {
        for d in &entry.diagnostics {
            let at = entry.file.locus(d.span.start);
            let _ = writeln!(out, "{}:{at}: {}[{}] {}", d.path, d.severity, d.code, d.message);
        }
    }
    out
}
