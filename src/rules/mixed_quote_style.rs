//! QF002: straight and curly quotation marks mixed in one draft.

use super::{Rule, RuleMeta};
use crate::analysis::Analysis;
use crate::diagnostic::{Diagnostic, Severity};
use crate::quote::{MarkStyle, Quote};

pub struct MixedQuoteStyle;

static META: RuleMeta = RuleMeta {
    code: "QF002",
    name: "mixed-quote-style",
    severity: Severity::Warning,
    summary: "The draft mixes straight and curly quotation marks.",
    doc: DOC,
};

const DOC: &str = r#"## What it checks

Whether the draft's quotations use one family of marks: either straight
(`"…"`, `'…'`) or curly (`“…”`, `‘…’`). Double marks are compared with double
marks and single with single, so curly outer quotes with curly inner quotes are
fine. The rule reports the first quotation in the less common style and points
at up to five more.

## Why editors care

Mixed marks usually mean text was pasted in from another source (a press
release, a chat message, a wire transmission) and never edited into house style.
Publications set one style and keep to it (the AP Stylebook, the Reuters
Handbook and the Guardian style guide each fix the marks to use), and
copy-editing systems convert to it; a pasted quote deserves a second look to
check it was transcribed and attributed properly too.

## Example

```markdown
“The ferry ran late again,” said Tom Baker, a commuter.

“It happens every week,” he said.

"Nobody tells us why," he added.
```

## How to fix

Use the draft's dominant style throughout.

```markdown
“The ferry ran late again,” said Tom Baker, a commuter.

“It happens every week,” he said.

“Nobody tells us why,” he added.
```
"#;

/// How many minority quotes get a label of their own beside the main one.
const MAX_LABELS: usize = 5;

impl Rule for MixedQuoteStyle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, _settings: &crate::settings::Settings, out: &mut Vec<Diagnostic>) {
        // `ScanResult::styles` does not tell double from single marks, so count
        // from the quotes themselves.
        for double in [true, false] {
            let quotes: Vec<&Quote> = analysis
                .scan
                .quotes
                .iter()
                .filter(|q| q.double == double && matches!(q.style, MarkStyle::Straight | MarkStyle::Curly))
                .collect();
            if let Some(d) = mixed(&analysis.file.path, &quotes, double) {
                out.push(d);
            }
        }
    }
}

/// One warning for one level of quotation (double or single), if it is mixed.
fn mixed(path: &str, quotes: &[&Quote], double: bool) -> Option<Diagnostic> {
    let curly = quotes.iter().filter(|q| q.style == MarkStyle::Curly).count();
    let straight = quotes.len() - curly;
    if curly == 0 || straight == 0 {
        return None;
    }
    // On a tie, the style the draft starts with is taken as the house style.
    let first_is_curly = quotes.iter().min_by_key(|q| q.span.start).is_some_and(|q| q.style == MarkStyle::Curly);
    let (major, major_n) = if curly > straight || (curly == straight && first_is_curly) {
        (MarkStyle::Curly, curly)
    } else {
        (MarkStyle::Straight, straight)
    };
    let mut minority: Vec<&Quote> = quotes.iter().copied().filter(|q| q.style != major).collect();
    minority.sort_by_key(|q| q.span.start);
    let (first, rest) = minority.split_first()?;
    let message = format!(
        "draft mostly uses {} ({major_n} quotes) but this quote uses {}",
        describe(major, double),
        describe(first.style, double)
    );
    let mut d = Diagnostic::new(&META, path, first.span, message)
        .with_primary_label(format!("{} here", describe(first.style, double)))
        .with_help(format!("use {} throughout", describe(major, double)));
    for q in rest.iter().take(MAX_LABELS) {
        d = d.with_label(q.span, "the same style here");
    }
    if rest.len() > MAX_LABELS {
        d = d.with_note(format!("{} more quotes use this style", rest.len() - MAX_LABELS));
    }
    Some(d)
}

fn describe(style: MarkStyle, double: bool) -> &'static str {
    match (style, double) {
        (MarkStyle::Curly, false) => "curly single quotes (‘…’)",
        (MarkStyle::Straight, false) => "straight single quotes ('…')",
        _ => style.describe(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{analysis_with, quote};
    use crate::span::Span;

    /// Quotes over every `“…”` or `"…"` pair in `text`, in order.
    fn quotes_in(text: &str) -> Vec<Quote> {
        let mut out = Vec::new();
        let mut open: Option<(usize, MarkStyle)> = None;
        for (i, c) in text.char_indices() {
            match (c, open) {
                ('“', None) => open = Some((i, MarkStyle::Curly)),
                ('"', None) => open = Some((i, MarkStyle::Straight)),
                ('”' | '"', Some((s, style))) => {
                    out.push(quote(text, Span::new(s, i + c.len_utf8()), style, true));
                    open = None;
                }
                _ => {}
            }
        }
        out
    }

    fn run(text: &str) -> Vec<Diagnostic> {
        let a = analysis_with(text, quotes_in(text), Vec::new());
        let mut out = Vec::new();
        MixedQuoteStyle.check(&a, &crate::settings::Settings::default(), &mut out);
        out
    }

    #[test]
    fn one_style_is_fine() {
        assert!(run("“A,” he said. “B,” she said.").is_empty());
        assert!(run("\"A,\" he said. \"B,\" she said.").is_empty());
    }

    #[test]
    fn minority_style_is_reported_once_with_labels() {
        let text = "“A.” “B.” “C.” \"D.\" \"E.\"";
        let out = run(text);
        assert_eq!(out.len(), 1);
        let d = &out[0];
        assert_eq!(d.severity, Severity::Warning);
        assert_eq!(&text[d.span.range()], "\"D.\"");
        assert_eq!(
            d.message,
            "draft mostly uses curly quotes (“…”) (3 quotes) but this quote uses straight quotes (\"…\")"
        );
        assert_eq!(d.labels.len(), 1);
    }

    #[test]
    fn labels_are_capped_at_five() {
        let text = format!("{}{}", "\"x\" ".repeat(9), "“y” ".repeat(2));
        let out = run(&text);
        assert_eq!(out.len(), 1);
        assert!(out[0].message.starts_with("draft mostly uses straight quotes"));
        assert_eq!(out[0].labels.len(), 1);
        let text = format!("{}{}", "“y” ".repeat(10), "\"x\" ".repeat(8));
        let out = run(&text);
        assert_eq!(out[0].labels.len(), MAX_LABELS);
        assert_eq!(out[0].notes, vec!["2 more quotes use this style".to_string()]);
    }

    #[test]
    fn tie_goes_to_the_first_style() {
        let out = run("\"A.\" “B.”");
        assert_eq!(out.len(), 1);
        assert!(out[0].message.starts_with("draft mostly uses straight quotes"));
    }

    #[test]
    fn double_and_single_marks_are_compared_separately() {
        let text = "“A ‘b’ c.” “D.”";
        let mut quotes = quotes_in(text);
        let s = text.find('‘').unwrap();
        let e = text.find('’').unwrap() + 3;
        quotes.push(quote(text, Span::new(s, e), MarkStyle::Straight, false));
        let a = analysis_with(text, quotes, Vec::new());
        let mut out = Vec::new();
        MixedQuoteStyle.check(&a, &crate::settings::Settings::default(), &mut out);
        assert!(out.is_empty(), "{out:?}");
    }
}
