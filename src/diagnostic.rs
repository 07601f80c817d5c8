//! The project's own diagnostic type: rules produce it, renderers print it.
//! Kept independent of any rendering crate, as ruff and typos do.

use crate::edit::Fix;
use crate::rule_meta::RuleMeta;
pub use crate::rule_meta::Severity;
use crate::span::Span;
use serde::Serialize;

/// A secondary location that explains the finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One finding in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub path: String,
    pub code: &'static str,
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    /// Text shown under the primary span (`^^^`), if any.
    pub primary_label: Option<String>,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    pub notes: Vec<String>,
    /// A repair `check --fix` and the editor can apply, if the rule knows one.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A finding of `rule` at `span`, with the rule's default severity.
    pub fn new(rule: &RuleMeta, path: &str, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_string(),
            code: rule.code,
            rule: rule.name,
            severity: rule.severity,
            message: message.into(),
            span,
            primary_label: None,
            labels: Vec::new(),
            help: None,
            notes: Vec::new(),
            fix: None,
        }
    }

    pub fn with_primary_label(mut self, message: impl Into<String>) -> Self {
        self.primary_label = Some(message.into());
        self
    }

    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        // most findings have one secondary label: room for four would be
        // the largest part of a finding kept among tens of thousands
        self.labels.reserve_exact(1);
        self.labels.push(Label { span, message: message.into() });
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn with_fix(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix;
        self
    }
}

/// Puts diagnostics in output order: by path, then by position, then by code,
/// so that every run prints the same thing.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.span.start, a.span.end, a.code).cmp(&(&b.path, b.span.start, b.span.end, b.code))
    });
}

/// `n` and `word`, pluralised: "1 file", "3 files".
pub fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_serializes_lowercase() {
        assert_eq!(serde_json::to_string(&Severity::Warning).unwrap(), "\"warning\"");
    }
}
