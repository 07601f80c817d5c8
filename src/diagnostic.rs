//! The project's own diagnostic type: rules produce it, renderers print it.
//! Kept independent of any rendering crate, as ruff and typos do.

use crate::edit::{Applicability, Fix};
use crate::rule_meta::RuleMeta;
pub use crate::rule_meta::Severity;
use crate::span::Span;
use serde::Serialize;
use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::Arc;

/// Text of a finding that is mostly a rule's fixed wording: a literal is
/// kept without a copy, among the tens of thousands of findings of a long draft.
pub type Text = Cow<'static, str>;

/// A secondary location that explains the finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    pub span: Span,
    pub message: Text,
}

/// One finding in one file.
///
/// Every finding of a long draft is held until they are sorted, tens of
/// thousands of them: the rule is one pointer (its code and name are read
/// from it), and the lists are boxed slices, without a vector's capacity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// One copy shared by the findings of a file made one after another:
    /// a copy each cost some 40 bytes of every one of the tens of
    /// thousands of findings of a long draft.
    #[serde(serialize_with = "serialize_path")]
    pub path: Arc<str>,
    #[serde(rename = "code", serialize_with = "serialize_code")]
    pub meta: &'static RuleMeta,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    /// Text shown under the primary span (`^^^`), if any.
    pub primary_label: Option<Text>,
    pub labels: Box<[Label]>,
    pub help: Option<Text>,
    /// Borrowed when the rule's wording is fixed: a long draft's tens of
    /// thousands of findings of one rule share its one note.
    pub notes: Box<[Text]>,
    /// A repair `check --fix` and the editor can apply, if the rule knows one.
    /// Boxed: few findings have one.
    pub fix: Option<Box<Fix>>,
}

/// A finding cut down to what a report of one line a finding shows
/// (`check --format concise`): its rule, severity, place and message, and
/// the kind of the fix it has, if any, once vetted. A long draft's hundreds
/// of thousands of findings are held until sorted and printed: a
/// [`Diagnostic`] is 160 bytes and its own copy of the message, this 64,
/// and its message is shared with the finding before when the same (8 MB
/// of quotations without a speaker: 190,000 findings, "quote has no speaker").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineFinding {
    pub path: Arc<str>,
    pub meta: &'static RuleMeta,
    pub message: Arc<str>,
    pub span: Span,
    pub severity: Severity,
    pub fix: Option<Applicability>,
}

impl LineFinding {
    /// `d` cut down, its message shared with `before`'s if the same.
    pub fn of(d: Diagnostic, before: Option<&LineFinding>) -> Self {
        let message = match before {
            Some(b) if *b.message == *d.message => b.message.clone(),
            _ => Arc::from(d.message),
        };
        let fix = d.fix.map(|f| f.applicability);
        LineFinding { path: d.path, meta: d.meta, message, span: d.span, severity: d.severity, fix }
    }

    /// The rule's stable code, e.g. `QF001`.
    pub fn code(&self) -> &'static str {
        self.meta.code
    }
}

impl Diagnostic {
    /// A finding of `rule` at `span`, with the rule's default severity.
    pub fn new(rule: &'static RuleMeta, path: &str, span: Span, message: impl Into<String>) -> Self {
        Diagnostic { message: fitted(message.into()), ..Diagnostic::bare(rule, shared_path(path), span) }
    }

    /// A finding of `rule` at `span` of `path`, with its default severity
    /// and nothing said yet.
    pub fn bare(rule: &'static RuleMeta, path: Arc<str>, span: Span) -> Self {
        Diagnostic {
            path,
            meta: rule,
            severity: rule.severity,
            message: String::new(),
            span,
            primary_label: None,
            labels: Box::default(),
            help: None,
            notes: Box::default(),
            fix: None,
        }
    }

    /// The rule's stable code, e.g. `QF001`.
    pub fn code(&self) -> &'static str {
        self.meta.code
    }

    /// The rule's stable name, e.g. `unbalanced-quote-marks`.
    pub fn rule(&self) -> &'static str {
        self.meta.name
    }

    pub fn with_primary_label(mut self, message: impl Into<Text>) -> Self {
        self.primary_label = Some(message.into());
        self
    }

    pub fn with_label(mut self, span: Span, message: impl Into<Text>) -> Self {
        // most findings have one secondary label: the slice is remade to fit
        let mut labels = std::mem::take(&mut self.labels).into_vec();
        labels.push(Label { span, message: message.into() });
        self.labels = labels.into_boxed_slice();
        self
    }

    pub fn with_help(mut self, help: impl Into<Text>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_note(mut self, note: impl Into<Text>) -> Self {
        let mut notes = std::mem::take(&mut self.notes).into_vec();
        notes.push(match note.into() {
            Cow::Owned(note) => Cow::Owned(fitted(note)),
            fixed => fixed,
        });
        self.notes = notes.into_boxed_slice();
        self
    }

    pub fn with_fix(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix.map(Box::new);
        self
    }
}

/// `text` without spare room: `format!` grows its string by doubling, and
/// the tens of thousands of messages of a long draft are held until printed.
fn fitted(mut text: String) -> String {
    text.shrink_to_fit();
    text
}

fn serialize_path<S: serde::Serializer>(path: &Arc<str>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(path)
}

fn serialize_code<S: serde::Serializer>(meta: &&'static RuleMeta, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(meta.code)
}

thread_local! {
    /// The path of the last finding made on this thread.
    static LAST_PATH: RefCell<Option<Arc<str>>> = const { RefCell::new(None) };
}

/// `path` as an [`Arc`], the same one as the previous finding's when it
/// names the same file: a file's findings are made one after another, so
/// they share one copy of its path.
fn shared_path(path: &str) -> Arc<str> {
    LAST_PATH.with(|last| {
        let mut last = last.borrow_mut();
        match &*last {
            Some(shared) if **shared == *path => shared.clone(),
            _ => {
                let shared: Arc<str> = Arc::from(path);
                *last = Some(shared.clone());
                shared
            }
        }
    })
}

/// Puts diagnostics in output order: by path, then by position, then by code,
/// so that every run prints the same thing.
///
/// Stable (findings alike keep the order their rule gave), but sorted by
/// index and then moved into place: a stable sort of the findings
/// themselves borrows room for half of them, and a long draft's findings
/// are its largest thing in memory.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    sort_by_place(diagnostics, |d| (&d.path, d.span.start, d.span.end, d.code()));
}

/// Puts one-line findings in the order [`sort`] puts the findings they
/// were cut down from.
pub fn sort_lines(lines: &mut [LineFinding]) {
    sort_by_place(lines, |d| (&d.path, d.span.start, d.span.end, d.code()));
}

/// Where a finding goes in the output: its path, span and code.
type Place<'a> = (&'a Arc<str>, usize, usize, &'static str);

/// [`sort`]'s order for any record of a finding.
fn sort_by_place<T>(diagnostics: &mut [T], place: for<'a> fn(&'a T) -> Place<'a>) {
    let mut order: Vec<usize> = (0..diagnostics.len()).collect();
    order.sort_by(|&a, &b| place(&diagnostics[a]).cmp(&place(&diagnostics[b])));
    // position i takes the finding at order[i]: each cycle of the
    // permutation is walked once, one swap a step
    for i in 0..order.len() {
        let mut at = i;
        while order[at] != i {
            crate::budget::tick();
            let from = order[at];
            diagnostics.swap(at, from);
            order[at] = at;
            at = from;
        }
        order[at] = at;
    }
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
    fn findings_of_a_file_share_its_path_and_serialize_it_as_text() {
        let rule = crate::rules::all()[0].meta();
        let a = Diagnostic::new(rule, "a.md", Span::new(0, 1), "x");
        let b = Diagnostic::new(rule, "a.md", Span::new(1, 2), "x");
        let c = Diagnostic::new(rule, "b.md", Span::new(1, 2), "x");
        assert!(Arc::ptr_eq(&a.path, &b.path));
        assert_eq!((&*a.path, &*c.path), ("a.md", "b.md"));
        assert_eq!(serde_json::to_value(&c).unwrap()["path"], "b.md");
    }

    #[test]
    fn severity_serializes_lowercase() {
        assert_eq!(serde_json::to_string(&Severity::Warning).unwrap(), "\"warning\"");
    }

    #[test]
    fn sorting_orders_by_path_position_and_code_and_keeps_ties_in_order() {
        let rules: Vec<&'static RuleMeta> = crate::rules::all().iter().map(|r| r.meta()).collect();
        let (a, b) = (rules[0], rules[1]);
        let finding = |rule: &'static RuleMeta, path: &str, start: usize, message: &str| {
            Diagnostic::new(rule, path, Span::new(start, start + 1), message.to_string())
        };
        let mut found = vec![
            finding(b, "b.md", 5, "1"),
            finding(a, "a.md", 9, "2"),
            finding(b, "a.md", 5, "3"),
            finding(a, "a.md", 5, "4"),
            finding(a, "a.md", 9, "5"),
            finding(b, "a.md", 5, "6"),
            finding(a, "a.md", 1, "7"),
        ];
        let mut expected = found.clone();
        expected.sort_by(|x, y| {
            (&x.path, x.span.start, x.span.end, x.code()).cmp(&(&y.path, y.span.start, y.span.end, y.code()))
        });
        sort(&mut found);
        assert_eq!(found, expected);
        // findings alike ("3" and "6") stay in the order their rule gave them
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.iter().filter(|m| ["3", "6"].contains(m)).collect::<Vec<_>>(), [&"3", &"6"]);
        assert_eq!(&messages[4..], ["2", "5", "1"]);
    }

    #[test]
    fn a_finding_stays_small() {
        // every finding of a long draft is held until they are sorted
        assert!(std::mem::size_of::<Diagnostic>() <= 160, "{}", std::mem::size_of::<Diagnostic>());
    }
}
