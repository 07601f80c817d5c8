//! Which findings of a draft are published: at most a limit a document
//! (`maxProblems` in the client's `initializationOptions`, 1,000 unless it
//! says otherwise, 0 for no limit), the most severe first, then the
//! earliest, and a note where the first one left out is saying how many
//! more there are. VS Code itself keeps at most 1,000 problems a file (and
//! underlines 500); a draft with a hundred thousand findings published them
//! all as some 60 MB of JSON that took a quarter of a second to write, for
//! an editor that showed a hundredth of them.

use crate::diagnostic::Diagnostic;
use crate::span::Span;
use serde_json::Value;

/// The limit when the client sets none.
pub const DEFAULT_MAX_PROBLEMS: usize = 1000;

/// The limit a client asks for in its `initializationOptions`; `Err` says
/// what was wrong with a value it could not use (the default holds then).
pub fn max_problems(options: Option<&Value>) -> Result<usize, String> {
    let Some(value) = options.and_then(|o| o.get("maxProblems")) else { return Ok(DEFAULT_MAX_PROBLEMS) };
    value
        .as_u64()
        .and_then(|n| usize::try_from(n).ok())
        .ok_or_else(|| format!("maxProblems must be a whole number (0 for no limit), not {value}"))
}

/// The findings left out of a publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeftOut {
    pub count: usize,
    /// Where the earliest of them is.
    pub first: Span,
    pub max: usize,
}

impl LeftOut {
    pub fn message(&self) -> String {
        format!(
            "{} more findings are not shown: at most {} a document (the `maxProblems` option), errors first; \
             `quotelint check` lists them all",
            self.count, self.max
        )
    }
}

/// `diagnostics` (sorted by position) cut to at most `max`, keeping the
/// order: all errors if they fit, then warnings, then infos, each severity
/// from its earliest finding.
pub fn shown(mut diagnostics: Vec<Diagnostic>, max: usize) -> (Vec<Diagnostic>, Option<LeftOut>) {
    if max == 0 || diagnostics.len() <= max {
        return (diagnostics, None);
    }
    let mut quota = [0; 3];
    diagnostics.iter().for_each(|d| quota[d.severity as usize] += 1);
    let mut room = max;
    for q in &mut quota {
        *q = (*q).min(room);
        room -= *q;
    }
    let count = diagnostics.len() - max;
    let mut first = None;
    diagnostics.retain(|d| {
        let q = &mut quota[d.severity as usize];
        let keep = *q > 0;
        if keep {
            *q -= 1;
        } else if first.is_none() {
            first = Some(d.span);
        }
        keep
    });
    diagnostics.shrink_to_fit();
    // always found: the quotas add up to `max`, fewer than there are findings
    let left_out = first.map(|first| LeftOut { count, first, max });
    (diagnostics, left_out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule_meta::Severity;
    use crate::rules;

    fn finding(code: &str, start: usize) -> Diagnostic {
        let meta = rules::all_meta().into_iter().find(|m| m.code == code).expect("a rule");
        Diagnostic::new(meta, "d.md", Span::new(start, start + 1), "m")
    }

    #[test]
    fn the_most_severe_are_kept_in_order_and_the_first_left_out_is_named() {
        let found: Vec<Diagnostic> =
            (0..10).map(|i| finding(if i % 3 == 2 { "QF001" } else { "QA004" }, i * 10)).collect();
        let severities: Vec<Severity> = found.iter().map(|d| d.severity).collect();
        assert_eq!(severities.iter().filter(|s| **s == Severity::Error).count(), 3);
        let (kept, left_out) = shown(found.clone(), 5);
        let starts: Vec<usize> = kept.iter().map(|d| d.span.start).collect();
        // the three errors (20, 50, 80), then the two earliest warnings
        assert_eq!(starts, [0, 10, 20, 50, 80]);
        assert_eq!(left_out, Some(LeftOut { count: 5, first: Span::new(30, 31), max: 5 }));
        assert_eq!(shown(found.clone(), 2).0.iter().map(|d| d.span.start).collect::<Vec<_>>(), [20, 50]);
        assert_eq!(shown(found.clone(), 10), (found.clone(), None));
        assert_eq!(shown(found.clone(), 0), (found, None));
    }

    #[test]
    fn the_limit_is_read_from_the_clients_options() {
        assert_eq!(max_problems(None), Ok(DEFAULT_MAX_PROBLEMS));
        assert_eq!(max_problems(Some(&serde_json::json!({"other": 1}))), Ok(DEFAULT_MAX_PROBLEMS));
        assert_eq!(max_problems(Some(&serde_json::json!({"maxProblems": 0}))), Ok(0));
        assert_eq!(max_problems(Some(&serde_json::json!({"maxProblems": 25}))), Ok(25));
        let bad = max_problems(Some(&serde_json::json!({"maxProblems": "lots"}))).unwrap_err();
        assert!(bad.contains("\"lots\""), "{bad}");
    }
}
