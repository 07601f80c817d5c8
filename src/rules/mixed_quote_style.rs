//! QF002: straight and curly quotation marks mixed in one draft.

use super::{Rule, RuleMeta};
use crate::analysis::Analysis;
use crate::diagnostic::{Diagnostic, Severity};
use crate::findings::Findings;
use crate::fix::{Edit, Fix, FixAvailability};
use crate::quote::{MarkProblem, MarkStyle, Quote};
use crate::settings::QuoteMarks;
use crate::span::Span;
use std::collections::HashSet;

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
at up to five more. With `quote-marks = "curly"` or `"straight"` in
`quotelint.toml`, the house's marks are the style to use, and any quotation
in the other is reported even if the whole draft uses it.

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

Use the draft's dominant style (or the house's marks) throughout.
`check --fix` does it (a safe fix): every quotation mark of that level is
converted, and so are apostrophes, which follow the marks (`'` becomes `’`
in curly copy, `’` becomes `'` in straight copy), except in code and URLs.

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

    fn check(&self, analysis: &Analysis, settings: &crate::settings::Settings, out: &mut Findings) {
        let house = settings.quote_marks.map(|m| match m {
            QuoteMarks::Curly => MarkStyle::Curly,
            QuoteMarks::Straight => MarkStyle::Straight,
        });
        // Apostrophes follow the marks: they go with the first fix made.
        let mut apostrophes = true;
        for double in [true, false] {
            let quotes: Vec<&Quote> = analysis
                .scan
                .quotes
                .iter()
                .filter(|q| q.double == double && matches!(q.style, MarkStyle::Straight | MarkStyle::Curly))
                .collect();
            if let Some((d, target)) = mixed(&analysis.file.path, &quotes, double, house) {
                let fix = convert(analysis, &quotes, target, std::mem::take(&mut apostrophes));
                out.push(d.with_fix(fix));
            }
        }
    }

    fn fix_availability(&self) -> FixAvailability {
        FixAvailability::Always
    }
}

/// One warning for one level of quotation (double or single), if it is
/// mixed or (with house marks) not in the house style; and the style to use.
fn mixed(
    path: &str,
    quotes: &[&Quote],
    double: bool,
    house: Option<MarkStyle>,
) -> Option<(Diagnostic, MarkStyle)> {
    let curly = quotes.iter().filter(|q| q.style == MarkStyle::Curly).count();
    let straight = quotes.len() - curly;
    if house.is_none() && (curly == 0 || straight == 0) {
        return None;
    }
    // On a tie, the style the draft starts with is taken as the house style.
    let first_is_curly = quotes.iter().min_by_key(|q| q.span().start).is_some_and(|q| q.style == MarkStyle::Curly);
    let (major, major_n) = match house {
        Some(MarkStyle::Curly) => (MarkStyle::Curly, curly),
        Some(_) => (MarkStyle::Straight, straight),
        None if curly > straight || (curly == straight && first_is_curly) => (MarkStyle::Curly, curly),
        None => (MarkStyle::Straight, straight),
    };
    let mut minority: Vec<&Quote> = quotes.iter().copied().filter(|q| q.style != major).collect();
    minority.sort_by_key(|q| q.span().start);
    let (first, rest) = minority.split_first()?;
    let message = match house {
        Some(_) => format!(
            "house style uses {} but this quote uses {}",
            describe(major, double),
            describe(first.style, double)
        ),
        None => format!(
            "draft mostly uses {} ({major_n} quotes) but this quote uses {}",
            describe(major, double),
            describe(first.style, double)
        ),
    };
    let mut d = Diagnostic::new(&META, path, first.span(), message)
        .with_primary_label(format!("{} here", describe(first.style, double)))
        .with_help(format!("use {} throughout", describe(major, double)));
    for q in rest.iter().take(MAX_LABELS) {
        d = d.with_label(q.span(), "the same style here");
    }
    if rest.len() > MAX_LABELS {
        d = d.with_note(format!("{} more quotes use this style", rest.len() - MAX_LABELS));
    }
    Some((d, major))
}

/// The fix: every mark of `quotes` (one level) in `target` style, and with
/// `apostrophes`, every apostrophe in the prose too.
fn convert(analysis: &Analysis, quotes: &[&Quote], target: MarkStyle, apostrophes: bool) -> Option<Fix> {
    let text = &*analysis.file.text;
    let mut edits = Vec::new();
    let mut marks: HashSet<usize> = HashSet::new();
    for q in quotes {
        crate::budget::tick();
        for part in &q.parts {
            let Some(block) = analysis.doc.blocks.get(part.block()) else { continue };
            let open = block.source_span(part.outer().start..part.inner().start);
            let close = block.source_span(part.inner().end..part.outer().end);
            for (span, opening) in [(open, true), (close, false)] {
                let Some(mark) = text.get(span.range()).filter(|m| m.chars().count() == 1) else { continue };
                let Some(want) = glyph(mark, opening, target) else { continue };
                if want != mark {
                    edits.push(Edit::replace(span, want));
                }
            }
        }
    }
    if apostrophes {
        for q in &analysis.scan.quotes {
            crate::budget::tick();
            for part in &q.parts {
                let Some(block) = analysis.doc.blocks.get(part.block()) else { continue };
                marks.insert(block.source_span(part.outer().start..part.inner().start).start);
                marks.insert(block.source_span(part.inner().end..part.outer().end).start);
            }
        }
        for problem in &analysis.scan.problems {
            crate::budget::tick();
            match problem {
                MarkProblem::Unclosed { open, .. } | MarkProblem::TooDeep { open, .. } => marks.insert(open.start),
                MarkProblem::Unopened { close, .. } => marks.insert(close.start),
                // the rest are counted, not located: a stray one after a word reads as an apostrophe
                MarkProblem::MoreUnopened { first, .. } => marks.insert(first.start),
            };
        }
        edits.extend(apostrophe_edits(analysis, target, &marks));
    }
    let noun = if target == MarkStyle::Curly { "curly" } else { "straight" };
    // A mark or apostrophe in code or a URL is left as it is; the rest are fixed.
    (!edits.is_empty())
        .then(|| Fix::safe(format!("Use {noun} quotation marks and apostrophes"), edits).divisible())
}

/// The mark of `target` style that replaces `mark` (a straight or curly
/// quotation mark facing `opening`), or `None` if it is not one.
fn glyph(mark: &str, opening: bool, target: MarkStyle) -> Option<&'static str> {
    let double = match mark {
        "\"" | "“" | "”" => true,
        "'" | "‘" | "’" => false,
        _ => return None,
    };
    Some(match (target, double, opening) {
        (MarkStyle::Curly, true, true) => "“",
        (MarkStyle::Curly, true, false) => "”",
        (MarkStyle::Curly, false, true) => "‘",
        (MarkStyle::Curly, false, false) => "’",
        (_, true, _) => "\"",
        (_, false, _) => "'",
    })
}

/// Apostrophes in the prose to turn into `target` style: a `'` (or `’`)
/// that is no quotation mark, next to a letter or digit (`5'10"` is a
/// prime, not an apostrophe). Those in code, URLs and the like are dropped
/// from the fix by [`crate::fix::guard`].
fn apostrophe_edits(analysis: &Analysis, target: MarkStyle, marks: &HashSet<usize>) -> Vec<Edit> {
    let (from, to) = if target == MarkStyle::Curly { ('\'', "’") } else { ('’', "'") };
    let mut edits = Vec::new();
    for block in &analysis.doc.blocks {
        crate::budget::tick();
        let prose = &*block.text;
        // found by a search for the mark, not by decoding every character of the prose
        for (i, mark) in prose.match_indices(from) {
            crate::budget::tick();
            let span: Span = block.source_span(i..i + mark.len());
            let prev = prose.get(..i).and_then(|s| s.chars().next_back());
            let next = prose.get(i + mark.len()..).and_then(|s| s.chars().next());
            let in_word = prev.is_some_and(char::is_alphanumeric) || next.is_some_and(char::is_alphanumeric);
            let prime = prev.is_some_and(|p| p.is_ascii_digit()) && !next.is_some_and(char::is_alphabetic);
            if in_word && !prime && !marks.contains(&span.start) {
                edits.push(Edit::replace(span, to));
            }
        }
    }
    edits
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

    proptest::proptest! {
        /// The apostrophes searched for are those met decoding every character.
        #[test]
        fn apostrophes_searched_for_are_those_decoded(
            text in crate::tokens::drafts_of("'|’|‘|“|a|é|\u{2099}| |s", 30),
            curly in proptest::bool::ANY,
        ) {
            let from = if curly { '’' } else { '\'' };
            let searched: Vec<(usize, usize)> = text.match_indices(from).map(|(i, m)| (i, m.len())).collect();
            let decoded: Vec<(usize, usize)> =
                text.char_indices().filter(|&(_, c)| c == from).map(|(i, c)| (i, c.len_utf8())).collect();
            proptest::prop_assert_eq!(searched, decoded);
        }
    }

    /// Quotes over every `“…”` or `"…"` pair in `text`, in order.
    fn quotes_in(text: &str) -> Vec<Quote> {
        let mut out = Vec::new();
        let mut open: Option<(usize, MarkStyle)> = None;
        for (i, c) in text.char_indices() {
            match (c, open) {
                ('“', None) => open = Some((i, MarkStyle::Curly)),
                ('"', None) => open = Some((i, MarkStyle::Straight)),
                ('”' | '"', Some((s, style))) => {
                    out.push(quote(Span::new(s, i + c.len_utf8()), style, true));
                    open = None;
                }
                _ => {}
            }
        }
        out
    }

    fn run(text: &str) -> Vec<Diagnostic> {
        let a = analysis_with(text, quotes_in(text), Vec::new());
        let mut out = crate::findings::Findings::default();
        MixedQuoteStyle.check(&a, &crate::settings::Settings::default(), &mut out);
        out.into_vec(&a.file.text)
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
        assert_eq!(*out[0].notes, ["2 more quotes use this style".to_string()]);
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
        quotes.push(quote(Span::new(s, e), MarkStyle::Straight, false));
        let a = analysis_with(text, quotes, Vec::new());
        let mut out = crate::findings::Findings::default();
        MixedQuoteStyle.check(&a, &crate::settings::Settings::default(), &mut out);
        assert!(out.is_empty(), "{out:?}");
    }
}
