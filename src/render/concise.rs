//! One line a finding, `path:line:col: severity[CODE] message`, for editors'
//! problem matchers (VS Code, Vim `errorformat`, Emacs `compilation-mode`).

use super::FileDiagnostics;
use std::fmt::Write;

pub fn render(files: &[FileDiagnostics]) -> String {
    let mut out = String::new();
    for entry in files {
        let text = entry.file.text.as_str();
        for d in &entry.diagnostics {
            let at = entry.file.lines.line_col(text, d.span.start);
            let _ =
                writeln!(out, "{}:{}:{}: {}[{}] {}", d.path, at.line, at.column, d.severity, d.code, d.message);
        }
    }
    out
}
