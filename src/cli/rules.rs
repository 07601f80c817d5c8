//! `quotelint rules`: the rule list.

use super::args::{RulesArgs, RulesFormat};
use super::{print, EXIT_CLEAN, EXIT_ERROR};
use crate::diagnostic::Severity;
use crate::fix::FixAvailability;
use crate::rules::{self, RuleMeta};
use serde::Serialize;
use std::fmt::Write;

pub fn run(args: &RulesArgs) -> i32 {
    let metas: Vec<(&RuleMeta, FixAvailability)> =
        rules::all().iter().map(|r| (r.meta(), r.fix_availability())).collect();
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

/// One line a rule: code, name, severity, whether it can fix (`fix:always`,
/// `fix:sometimes`, `fix:never`, as `explain` and the JSON say), summary.
fn table(metas: &[(&RuleMeta, FixAvailability)]) -> String {
    let name_width = metas.iter().map(|(m, _)| m.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (m, fix) in metas {
        let fix = format!("fix:{}", fix.as_str());
        let _ = writeln!(
            out,
            "{:<6} {:<name_width$}  {:<7}  {:<13}  {}",
            m.code,
            m.name,
            m.severity.as_str(),
            fix,
            m.summary
        );
    }
    out
}

#[derive(Serialize)]
struct JsonRule {
    code: &'static str,
    name: &'static str,
    severity: Severity,
    /// `always`, `sometimes` or `never`.
    fix: FixAvailability,
    summary: &'static str,
}

fn json(metas: &[(&RuleMeta, FixAvailability)]) -> String {
    let rules: Vec<JsonRule> = metas
        .iter()
        .map(|(m, fix)| JsonRule {
            code: m.code,
            name: m.name,
            severity: m.severity,
            fix: *fix,
            summary: m.summary,
        })
        .collect();
    let doc = serde_json::json!({ "version": 1, "rules": rules });
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}
