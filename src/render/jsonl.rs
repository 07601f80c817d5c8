//! `check --format jsonl`: one JSON object a line, each with the same fields
//! as an entry of `json`'s `diagnostics`, so output can be streamed and grepped.

use super::json::json_diagnostic;
use super::FileDiagnostics;

pub fn render(files: &[FileDiagnostics]) -> String {
    let mut out = String::new();
    for entry in files {
        for d in &entry.diagnostics {
            // Serialising plain structs of strings and numbers cannot fail.
            out.push_str(&serde_json::to_string(&json_diagnostic(&entry.file, d)).unwrap_or_default());
            out.push('\n');
        }
    }
    out
}
