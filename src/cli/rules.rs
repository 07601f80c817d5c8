//! `quotelint rules`: the rule list.

use super::args::{RulesArgs, RulesFormat};
use super::{print, EXIT_CLEAN, EXIT_ERROR};
use crate::diagnostic::Severity;
use crate::rules::{self, RuleMeta};
use serde::Serialize;
use std::fmt::Write;

pub fn run(args: &RulesArgs) -> i32 {
    let metas = rules::all_meta();
    let out = match args.format {
        RulesFormat::Table => table(&metas),
        RulesFormat::Json => json(&metas),
    };
    if print(&out) {
        EXIT_CLEAN
    } else {
        EXIT_ERROR
    }
}

fn table(metas: &[&RuleMeta]) -> String {
    let name_width = metas.iter().map(|m| m.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for m in metas {
        let _ = writeln!(out, "{:<6} {:<name_width$}  {:<7}  {}", m.code, m.name, m.severity.as_str(), m.summary);
    }
    out
}

#[derive(Serialize)]
struct JsonRule {
    code: &'static str,
    name: &'static str,
    severity: Severity,
    summary: &'static str,
}

fn json(metas: &[&RuleMeta]) -> String {
    let rules: Vec<JsonRule> = metas
        .iter()
        .map(|m| JsonRule { code: m.code, name: m.name, severity: m.severity, summary: m.summary })
        .collect();
    let doc = serde_json::json!({ "version": 1, "rules": rules });
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}
