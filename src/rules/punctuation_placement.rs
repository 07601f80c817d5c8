//! QF005: a comma or full stop on the wrong side of a closing quotation mark.

use super::{Rule, RuleMeta};
use crate::analysis::Analysis;
use crate::diagnostic::{Diagnostic, Severity};
use crate::quote::QuoteKind;
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

Under AP style, the full stop goes inside.

```markdown
The mayor called the plan “a bridge too far.”
```
"#;

impl Rule for PunctuationPlacement {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, settings: &Settings, out: &mut Vec<Diagnostic>) {
        let text = analysis.file.text.as_str();
        let path = &analysis.file.path;
        match settings.style.punctuation() {
            Punctuation::Either => {}
            Punctuation::Inside => {
                for q in analysis.scan.quotes.iter().filter(|q| q.depth == 0 && q.kind != QuoteKind::Block) {
                    let after = text.get(q.span.end..).and_then(|s| s.chars().next());
                    let Some(p @ (',' | '.')) = after else { continue };
                    // "…”..." is an ellipsis, not a full stop
                    if text.get(q.span.end..).is_some_and(|s| s.starts_with("..")) {
                        continue;
                    }
                    let what = if p == ',' { "comma" } else { "full stop" };
                    out.push(
                        Diagnostic::new(
                            &META,
                            path,
                            Span::new(q.span.end, q.span.end + 1),
                            format!("{what} outside the closing quotation mark; AP style puts it inside"),
                        )
                        .with_primary_label(format!("this {what}"))
                        .with_label(q.span, "the quote")
                        .with_help(format!("move the {what} inside the closing mark")),
                    );
                }
            }
            Punctuation::Logical => {
                for q in analysis.scan.quotes.iter().filter(|q| q.depth == 0 && q.kind == QuoteKind::Partial) {
                    let t = q.text.trim_end();
                    let starts_lower = q.text.trim_start().chars().next().is_some_and(char::is_lowercase);
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
                        .with_label(q.span, "a fragment of the sentence, not a whole quoted sentence")
                        .with_help("move the full stop after the closing mark"),
                    );
                }
            }
        }
    }
}

/// Where the full stop ending a quote's words is in the file, found through
/// the offset map (the closing mark may be an entity, or missing).
fn final_full_stop(analysis: &Analysis, q: &crate::quote::Quote) -> Option<Span> {
    let part = q.parts.last()?;
    let block = analysis.doc.blocks.get(part.block)?;
    let words = block.text.get(part.inner.clone())?.trim_end();
    let dot = part.inner.start + words.len().checked_sub(1)?;
    (block.text.get(dot..dot + 1) == Some(".")).then(|| block.source_span(dot..dot + 1))
}
