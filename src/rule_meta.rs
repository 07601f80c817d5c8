//! What every rule is, as plain data: its code, name, severity and
//! documentation. Below everything else, so that settings (which select rules)
//! and diagnostics (which name them) need not know the rules themselves; the
//! registry in `rules` hands its list of [`RuleMeta`] to whoever selects.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What `quotelint rules` and `quotelint explain` show about a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleMeta {
    /// Stable code, e.g. `QF001`.
    pub code: &'static str,
    /// Stable kebab-case name, e.g. `unbalanced-quote-marks`.
    pub name: &'static str,
    pub severity: Severity,
    /// One line for the rule list.
    pub summary: &'static str,
    /// Markdown documentation with the sections `## What it checks`,
    /// `## Why editors care`, `## Example` and `## How to fix`.
    pub doc: &'static str,
}

/// The rules in `known` whose code or name look like `query`, best first
/// (for "did you mean").
pub fn close_matches(query: &str, known: &[&'static RuleMeta]) -> Vec<&'static RuleMeta> {
    let query = query.trim().to_ascii_lowercase();
    let mut scored: Vec<(f64, &'static RuleMeta)> = known
        .iter()
        .map(|&m| {
            let by_code = strsim::jaro_winkler(&query, &m.code.to_ascii_lowercase());
            let by_name = strsim::jaro_winkler(&query, m.name);
            (by_code.max(by_name), m)
        })
        .filter(|(score, _)| *score >= 0.7)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.code.cmp(b.1.code)));
    scored.into_iter().take(3).map(|(_, m)| m).collect()
}
