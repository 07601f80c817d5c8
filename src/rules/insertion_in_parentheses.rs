//! QF003: an editorial insertion in a quote marked the wrong way for the house style.

use super::helpers::speech_quotes;
use super::{Rule, RuleMeta};
use crate::analysis::Analysis;
use crate::diagnostic::{Diagnostic, Severity};
use crate::findings::Findings;
use crate::fix::{Edit, Fix, FixAvailability};
use crate::quote::QuoteKind;
use crate::settings::{HouseStyle, Settings};
use crate::span::Span;

pub struct InsertionInParentheses;

static META: RuleMeta = RuleMeta {
    code: "QF003",
    name: "insertion-in-parentheses",
    severity: Severity::Warning,
    summary: "An editorial insertion inside a quote uses parentheses where the house style wants square brackets.",
    doc: DOC,
};

const DOC: &str = r#"## What it checks

Short insertions inside a direct or partial quote, one to four words, such as
"the extent of (their) cooperation". Under `style = "reuters"` or
`"guardian"`, which mark the writer's insertions with square brackets, every
insertion in parentheses is reported: the reader takes it for the speaker's own
aside. Under `style = "ap"`, which keeps the AP's traditional parentheses
because brackets could not be sent over the wire, the rule reports square
brackets instead. With no house style set, wire copy's parentheses are taken
as a choice: only a draft that marks insertions both ways is reported, at its
parentheses.

## Why editors care

A quote must show exactly which words are the speaker's. Wikipedia's Manual
of Style (MOS:QUOTE), the Guardian style guide and most newsroom guides mark
insertions with square brackets; the AP Stylebook has traditionally used
parentheses. Mixing the two, or using the other style's mark, makes an
insertion look like something the speaker said.

## Example

Under a house style that marks insertions with brackets:

```toml
style = "guardian"
```

```markdown
“The extent of (their) cooperation will grow,” said Ruth Adler, an analyst.
```

## How to fix

Use square brackets, or better, paraphrase so no insertion is needed.
`check --fix --unsafe-fixes` swaps the marks (unsafe: the parentheses may
be the speaker's own aside, which only the reporter can tell).

```markdown
“The extent of [their] cooperation will grow,” said Ruth Adler, an analyst.
```
"#;

const MAX_WORDS: usize = 4;

/// "(CROSSTALK.)" in a transcript, "(41 Shots)" in a song title: not an
/// editor's insertion.
fn stage_direction_or_title(content: &str) -> bool {
    let letters: Vec<char> = content.chars().filter(|c| c.is_alphabetic()).collect();
    let shouting = letters.len() > 2 && letters.iter().all(|c| c.is_uppercase());
    let numbered = content.trim_start().starts_with(|c: char| c.is_ascii_digit());
    shouting || numbered
}

/// The unsafe fix: the insertion at `span` marked the house's way. None
/// when the marks are not written as is, or when brackets would make a
/// Markdown link (`[x](…)`, `[x][…]`, `[x]:`).
fn swap_marks(text: &str, span: Span, brackets: bool) -> Option<Fix> {
    let (from, to) = if brackets { (("(", ")"), ("[", "]")) } else { (("[", "]"), ("(", ")")) };
    let open = Span::new(span.start, span.start + 1);
    let close = Span::new(span.end.saturating_sub(1), span.end);
    let written = text.get(open.range()) == Some(from.0) && text.get(close.range()) == Some(from.1);
    let after = text.get(span.end..).and_then(|s| s.chars().next());
    let before = text.get(..span.start).and_then(|s| s.chars().next_back());
    if !written || (brackets && (matches!(after, Some('(' | '[' | ':')) || matches!(before, Some('!' | ']')))) {
        return None;
    }
    let edits = vec![Edit::replace(open, to.0), Edit::replace(close, to.1)];
    Some(Fix::unsafe_edits(format!("Mark the insertion with `{}…{}`", to.0, to.1), edits))
}

impl Rule for InsertionInParentheses {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn fix_availability(&self) -> FixAvailability {
        FixAvailability::Sometimes
    }

    fn check(&self, analysis: &Analysis, settings: &Settings, out: &mut Findings) {
        let brackets = settings.style.brackets_for_insertions();
        let found = if brackets { insertions(analysis, '(', ')') } else { insertions(analysis, '[', ']') };
        // no house style: parentheses are a choice unless the draft also uses brackets
        if settings.style == HouseStyle::Standard && insertions(analysis, '[', ']').is_empty() {
            return;
        }
        for (span, content) in found {
            crate::budget::tick();
            let (message, help) = if brackets {
                (
                    format!(
                        "insertion “({content})” in a quote uses parentheses; house style wants square brackets"
                    ),
                    format!("write `[{content}]`, or paraphrase"),
                )
            } else {
                (
                    format!("insertion “[{content}]” in a quote uses square brackets; AP style uses parentheses"),
                    format!("write `({content})`, or paraphrase"),
                )
            };
            out.push(
                Diagnostic::new(&META, &analysis.file.path, span, message)
                    .with_primary_label("the writer's words, not the speaker's?")
                    .with_help(help)
                    .with_fix(swap_marks(&analysis.file.text, span, brackets)),
            );
        }
    }
}

/// Insertions of one to four words between `open` and `close` inside quotes.
fn insertions(analysis: &Analysis, open: char, close: char) -> Vec<(Span, String)> {
    let mut out = Vec::new();
    for (_, q, _) in speech_quotes(analysis) {
        crate::budget::tick();
        if !matches!(q.kind, QuoteKind::Direct | QuoteKind::Partial) {
            continue;
        }
        for part in &q.parts {
            let Some(block) = analysis.doc.blocks.get(part.block()) else { continue };
            let Some(inner) = block.text.get(part.inner()) else { continue };
            let mut from = 0;
            while let Some(o) = inner.get(from..).and_then(|s| s.find(open)).map(|o| from + o) {
                crate::budget::tick();
                let Some(c) = inner.get(o + 1..).and_then(|s| s.find(close)).map(|c| o + 1 + c) else { break };
                from = c + 1;
                // "(with the (their) mantra …)": the innermost pair is the insertion
                let o = inner.get(o..c).and_then(|s| s.rfind(open)).map_or(o, |k| o + k);
                let content = inner.get(o + 1..c).unwrap_or_default();
                let n = content.split_whitespace().count();
                if n == 0
                    || n > MAX_WORDS
                    || !content.chars().any(char::is_alphabetic)
                    || stage_direction_or_title(content)
                {
                    continue;
                }
                let at = part.inner().start + o;
                let span = block.source_span(at..part.inner().start + c + close.len_utf8());
                out.push((span, block.as_read(content).into_owned()));
            }
        }
    }
    out
}
