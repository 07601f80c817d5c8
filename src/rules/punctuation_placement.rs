//! QF005: a comma or full stop on the wrong side of a closing quotation mark.

use super::{Rule, RuleMeta};
use crate::analysis::Analysis;
use crate::diagnostic::{Diagnostic, Severity};
use crate::findings::Findings;
use crate::fix::{Edit, Fix, FixAvailability};
use crate::quote::{Quote, QuoteKind};
use crate::settings::{Punctuation, Settings};
use crate::span::Span;

pub struct PunctuationPlacement;

static META: RuleMeta = RuleMeta {
    code: "QF005",
    name: "punctuation-placement",
    severity: Severity::Info,
    summary: "A comma or full stop placed against the house style's rule for closing quotation marks.",
    doc: DOC,
};

const DOC: &str = r#"## What it checks

Where commas and full stops go at a closing quotation mark, by house style.
With `style = "ap"` (US punctuation) they always go inside, so a comma or
full stop right after the closing mark is reported. With `style = "reuters"`
or `"guardian"` (logical punctuation) a partial quote that starts in
lower case is a fragment of the writer's sentence, so a full stop inside its
closing mark is reported. The default style accepts either and checks nothing.

## Why editors care

The AP Stylebook puts commas and periods inside quotation marks always; the
Reuters Handbook, the Guardian style guide and Wikipedia's Manual of Style use
logical punctuation, where the mark goes inside only if it belongs to the
quoted words. Either is correct; mixing them in one publication is not.

## Example

With this `quotelint.toml`:

```toml
style = "ap"
```

```markdown
The mayor called the plan “a bridge too far”.
```

## How to fix

Under AP style, the full stop goes inside. `check --fix --unsafe-fixes`
moves it (unsafe: which words the punctuation belongs to is a reading of the
sentence); after a quote that ends in `?` or `!` the stray mark is deleted
instead, and where the quote already ends in other punctuation the editor
decides.

```markdown
The mayor called the plan “a bridge too far.”
```
"#;

impl Rule for PunctuationPlacement {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn fix_availability(&self) -> FixAvailability {
        FixAvailability::Sometimes
    }

    fn check(&self, analysis: &Analysis, settings: &Settings, out: &mut Findings) {
        let text = analysis.file.text.as_str();
        let path = &analysis.file.path;
        match settings.style.punctuation() {
            Punctuation::Either => {}
            Punctuation::Inside => {
                for q in analysis.scan.quotes.iter().filter(|q| q.depth == 0 && q.kind != QuoteKind::Block) {
                    crate::budget::tick();
                    let after = text.get(q.span().end..).and_then(|s| s.chars().next());
                    let Some(p @ (',' | '.')) = after else { continue };
                    // "…”..." is an ellipsis, not a full stop
                    if text.get(q.span().end..).is_some_and(|s| s.starts_with("..")) {
                        continue;
                    }
                    let what = if p == ',' { "comma" } else { "full stop" };
                    out.push(
                        Diagnostic::new(
                            &META,
                            path,
                            Span::new(q.span().end, q.span().end + 1),
                            format!("{what} outside the closing quotation mark; AP style puts it inside"),
                        )
                        .with_primary_label(format!("this {what}"))
                        .with_label(q.span(), "the quote")
                        .with_help(format!("move the {what} inside the closing mark"))
                        .with_fix(move_inside(analysis, q, p)),
                    );
                }
            }
            Punctuation::Logical => {
                for q in analysis.scan.quotes.iter().filter(|q| q.depth == 0 && q.kind == QuoteKind::Partial) {
                    crate::budget::tick();
                    let words = q.text(&analysis.doc);
                    let t = words.trim_end();
                    let starts_lower = words.trim_start().chars().next().is_some_and(char::is_lowercase);
                    if !starts_lower || !t.ends_with('.') || t.ends_with("..") {
                        continue;
                    }
                    // an abbreviation's own full stop ("U.S.") is not the sentence's
                    let last_word = t.rsplit(char::is_whitespace).next().unwrap_or_default();
                    if last_word.trim_end_matches('.').contains('.') {
                        continue;
                    }
                    let Some(dot) = final_full_stop(analysis, q) else { continue };
                    out.push(
                        Diagnostic::new(
                            &META,
                            path,
                            dot,
                            "full stop inside the closing mark of a partial quote; logical punctuation puts it outside",
                        )
                        .with_primary_label("this full stop")
                        .with_label(q.span(), "a fragment of the sentence, not a whole quoted sentence")
                        .with_help("move the full stop after the closing mark")
                        .with_fix(move_outside(text, q.span(), dot)),
                    );
                }
            }
        }
    }
}

/// AP's fix for the comma or full stop `p` right after `q`: moved inside
/// the closing mark (and inside a nested quote ending there too); deleted
/// after a quote ending in `?` or `!`; none when the quote ends in other
/// punctuation, where which to keep is the editor's call.
fn move_inside(analysis: &Analysis, q: &Quote, p: char) -> Option<Fix> {
    let text = analysis.file.text.as_str();
    let punct = Span::new(q.span().end, q.span().end + 1);
    let last = q.text(&analysis.doc).trim_end().chars().next_back();
    if matches!(last, Some('?' | '!')) {
        return Some(Fix::unsafe_edits(format!("Delete the {}", name(p)), vec![Edit::delete(punct)]));
    }
    let mut close = q.span().end.saturating_sub(closing_len(text, q.span()));
    // `‘word’”,`: the comma goes inside both closing marks
    // quotes are in order of their start: only those inside `q` can end at its closing mark
    let quotes = &analysis.scan.quotes;
    let inside = quotes.partition_point(|n| n.span().start <= q.span().start);
    let mut nested = quotes[inside..].iter().take_while(|n| n.span().start < close);
    if let Some(nested) = nested.find(|n| n.depth > 0 && n.span().end == close) {
        close = nested.span().end.saturating_sub(closing_len(text, nested.span()));
    }
    let before = text.get(..close).and_then(|s| s.chars().next_back());
    if before.is_none_or(|c| matches!(c, '.' | ',' | ';' | ':' | '…') || c.is_whitespace()) {
        return None;
    }
    let marks = text.get(close..q.span().end)?;
    let edit = Edit::replace(Span::new(close, punct.end), format!("{p}{marks}"));
    Some(Fix::unsafe_edits(format!("Move the {} inside the closing mark", name(p)), vec![edit]))
}

/// Logical punctuation's fix for the full stop `dot` inside the closing
/// mark of the quote at `span`: after the mark, or deleted if a full stop
/// is already there; none if other punctuation follows the mark, or if the
/// mark is not right after the full stop (missing, or an entity).
fn move_outside(text: &str, span: Span, dot: Span) -> Option<Fix> {
    let marks = text.get(dot.end..span.end)?;
    let dot = dot.start;
    if text.get(dot..dot + 1) != Some(".") || !matches!(marks, "”" | "\"" | "’" | "'") {
        return None;
    }
    match text.get(span.end..).and_then(|s| s.chars().next()) {
        Some('.') => Some(Fix::unsafe_edits("Delete the full stop", vec![Edit::delete(Span::new(dot, dot + 1))])),
        Some(',' | ';' | ':' | '!' | '?' | '…') => None,
        _ => {
            let edit = Edit::replace(Span::new(dot, span.end), format!("{marks}."));
            Some(Fix::unsafe_edits("Move the full stop after the closing mark", vec![edit]))
        }
    }
}

fn name(p: char) -> &'static str {
    if p == ',' {
        "comma"
    } else {
        "full stop"
    }
}

/// Byte length of the closing mark at the end of `span`.
fn closing_len(text: &str, span: Span) -> usize {
    text.get(span.range()).and_then(|s| s.chars().next_back()).map_or(1, char::len_utf8)
}

/// Where the full stop ending a quote's words is in the file, found through
/// the offset map (the closing mark may be an entity, or missing).
fn final_full_stop(analysis: &Analysis, q: &crate::quote::Quote) -> Option<Span> {
    let part = q.parts.last()?;
    let block = analysis.doc.blocks.get(part.block())?;
    let words = block.text.get(part.inner())?.trim_end();
    let dot = part.inner().start + words.len().checked_sub(1)?;
    (block.text.get(dot..dot + 1) == Some(".")).then(|| block.source_span(dot..dot + 1))
}
