//! QF001: a quotation mark that never pairs up.

use super::{Rule, RuleMeta};
use crate::analysis::Analysis;
use crate::diagnostic::{Diagnostic, Severity};
use crate::findings::Findings;
use crate::quote::MarkProblem;
use crate::span::Span;

pub struct UnbalancedQuoteMarks;

static META: RuleMeta = RuleMeta {
    code: "QF001",
    name: "unbalanced-quote-marks",
    severity: Severity::Error,
    summary: "A quotation mark opens a quotation that never closes, or closes one that never opened.",
    doc: DOC,
};

const DOC: &str = r#"## What it checks

Every opening quotation mark needs a closing one, and every closing mark needs
an opening one. The rule reports an opening mark whose quotation runs to the end
of the paragraph without closing (or meets a second opening mark where a closing
one was probably meant), and a closing mark that closes nothing.

A quotation that runs over several paragraphs is not reported: by convention
each of its paragraphs opens with a quotation mark and only the last one closes.
A paragraph's first ten closing marks that close nothing are reported one by
one and any more as one finding, and quotations nested more than eight deep
are one finding at the first mark past that depth: a pasted table of ditto
marks should not bury the rest of the draft's findings.

## Why editors care

An unclosed quotation leaves the reader unable to tell where the source's words
end and the reporter's begin, which is exactly what attribution exists to make
clear. The AP Stylebook and the Reuters Handbook of Journalism both require that
quoted matter be set off precisely; a stray mark also breaks every tool
downstream that extracts quotes, including this linter's own attribution checks.

## Example

```markdown
“We will reopen the footbridge before the spring floods, said Mayor Ana Ruiz.
```

## How to fix

Close the quotation where the speaker's words end.

```markdown
“We will reopen the footbridge before the spring floods,” said Mayor Ana Ruiz.
```
"#;

impl Rule for UnbalancedQuoteMarks {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, _settings: &crate::settings::Settings, out: &mut Findings) {
        let path = analysis.file.path.as_str();
        let text = analysis.file.text.as_str();
        for problem in &analysis.scan.problems {
            crate::budget::tick();
            out.push(match problem {
                MarkProblem::Unclosed { open, gave_up } => unclosed(path, text, *open, *gave_up),
                MarkProblem::Unopened { close, previous } => unopened(path, *close, *previous),
                MarkProblem::TooDeep { open, limit, untracked } => too_deep(path, *open, *limit, *untracked),
                MarkProblem::MoreUnopened { first, count } => more_unopened(path, *first, *count),
            });
        }
    }
}

fn unclosed(path: &str, text: &str, open: Span, gave_up: Option<Span>) -> Diagnostic {
    let mut d = Diagnostic::new(&META, path, open, "quotation is never closed")
        .with_primary_label("this quotation never closes")
        .with_help("add the closing mark where the speaker's words end");
    if let Some(at) = gave_up {
        // The scanner stops either at a second opening mark or at the end of
        // the paragraph; only the first deserves the "meant to close" hint.
        let message = if starts_with_quote_mark(text, at) {
            "a second opening mark here; a closing mark was probably meant"
        } else {
            "the paragraph ends here with the quotation still open"
        };
        d = d.with_label(at, message);
    }
    d.with_note("a quotation that runs over several paragraphs opens each paragraph and closes only at the end")
}

fn unopened(path: &str, close: Span, previous: Option<Span>) -> Diagnostic {
    let mut d = Diagnostic::new(&META, path, close, "closing quotation mark has no opening mark")
        .with_primary_label("this mark closes nothing")
        .with_help("add the opening mark where the speaker's words begin, or delete the stray mark");
    if let Some(prev) = previous {
        d = d.with_label(prev, "the previous quotation already closed here");
    }
    d
}

fn too_deep(path: &str, open: Span, limit: usize, untracked: usize) -> Diagnostic {
    let marks =
        if untracked == 1 { "this mark".to_string() } else { format!("this mark and {} more", untracked - 1) };
    Diagnostic::new(&META, path, open, format!("quotations nested more than {limit} deep"))
        .with_primary_label(format!("{limit} quotations are already open here"))
        .with_help("close the quotations that end before this mark; stray opening marks are the usual cause")
        .with_note(format!("{marks} opening quotation marks past that depth are not paired or checked"))
}

fn more_unopened(path: &str, first: Span, count: usize) -> Diagnostic {
    let marks = if count == 1 { "1 more closing mark".to_string() } else { format!("{count} more closing marks") };
    Diagnostic::new(&META, path, first, format!("{marks} in this paragraph close nothing"))
        .with_primary_label("the first of them")
        .with_help("add the opening marks, or delete the stray ones; ditto marks and inch signs belong in a table")
        .with_note("a paragraph's first 10 such marks are reported one by one, the rest together")
}

fn starts_with_quote_mark(text: &str, at: Span) -> bool {
    const MARKS: &[char] = &['"', '\'', '“', '”', '‘', '’', '«', '»', '‹', '›', '„', '‚', '`'];
    text.get(at.start..).and_then(|s| s.chars().next()).is_some_and(|c| MARKS.contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::analysis_with;

    #[test]
    fn unclosed_mark_points_at_the_opening_and_the_second_opening() {
        let text = "“One two, she said. “Three.";
        let second = text.rfind('“').unwrap();
        let problem =
            MarkProblem::Unclosed { open: Span::new(0, 3), gave_up: Some(Span::new(second, second + 3)) };
        let a = analysis_with(text, Vec::new(), vec![problem]);
        let mut found = crate::findings::Findings::default();
        UnbalancedQuoteMarks.check(&a, &crate::settings::Settings::default(), &mut found);
        let out = found.into_vec(&a.file.text);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].code(), "QF001");
        assert_eq!(out[0].span, Span::new(0, 3));
        assert_eq!(out[0].primary_label.as_deref(), Some("this quotation never closes"));
        assert!(out[0].labels[0].message.starts_with("a second opening mark"));
    }

    #[test]
    fn giving_up_at_paragraph_end_says_so() {
        let text = "“One two, she said.";
        let problem = MarkProblem::Unclosed { open: Span::new(0, 3), gave_up: Some(Span::new(21, 21)) };
        let a = analysis_with(text, Vec::new(), vec![problem]);
        let mut found = crate::findings::Findings::default();
        UnbalancedQuoteMarks.check(&a, &crate::settings::Settings::default(), &mut found);
        let out = found.into_vec(&a.file.text);
        assert!(out[0].labels[0].message.contains("paragraph ends"));
    }

    #[test]
    fn nesting_past_the_limit_is_one_finding_at_the_first_untracked_mark() {
        let text = "“a ‘b";
        let problem = MarkProblem::TooDeep { open: Span::new(5, 8), limit: 8, untracked: 3 };
        let a = analysis_with(text, Vec::new(), vec![problem]);
        let mut found = crate::findings::Findings::default();
        UnbalancedQuoteMarks.check(&a, &crate::settings::Settings::default(), &mut found);
        let out = found.into_vec(&a.file.text);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].message, "quotations nested more than 8 deep");
        assert_eq!(out[0].span, Span::new(5, 8));
        assert!(out[0].notes[0].starts_with("this mark and 2 more"), "{:?}", out[0].notes);
    }

    #[test]
    fn the_marks_past_a_paragraph_s_first_ten_are_one_finding() {
        let problem = MarkProblem::MoreUnopened { first: Span::new(4, 7), count: 990 };
        let a = analysis_with("a b ” c", Vec::new(), vec![problem]);
        let mut found = crate::findings::Findings::default();
        UnbalancedQuoteMarks.check(&a, &crate::settings::Settings::default(), &mut found);
        let out = found.into_vec(&a.file.text);
        assert_eq!(out[0].message, "990 more closing marks in this paragraph close nothing");
        assert_eq!(out[0].span, Span::new(4, 7));
    }

    #[test]
    fn unopened_mark_points_at_the_close_and_the_previous_quote() {
        let text = "“A,” she said. B.” C.";
        let problem = MarkProblem::Unopened { close: Span::new(17, 20), previous: Some(Span::new(0, 8)) };
        let a = analysis_with(text, Vec::new(), vec![problem]);
        let mut found = crate::findings::Findings::default();
        UnbalancedQuoteMarks.check(&a, &crate::settings::Settings::default(), &mut found);
        let out = found.into_vec(&a.file.text);
        assert_eq!(out[0].span, Span::new(17, 20));
        assert_eq!(out[0].labels[0].span, Span::new(0, 8));
    }
}
