//! QF004: ellipses written two ways, or at the edge of a quote.

use super::helpers::speech_quotes;
use super::{Rule, RuleMeta};
use crate::analysis::Analysis;
use crate::diagnostic::{Diagnostic, Severity};
use crate::findings::Findings;
use crate::fix::{Edit, Fix, FixAvailability};
use crate::settings::Settings;
use crate::span::Span;

pub struct EllipsisStyle;

static META: RuleMeta = RuleMeta {
    code: "QF004",
    name: "ellipsis-style",
    severity: Severity::Info,
    summary: "Ellipses written both as `…` and as `...`, or an ellipsis at the start or end of a quote.",
    doc: DOC,
};

const DOC: &str = r#"## What it checks

Two things about ellipses. Once per draft: whether the prose uses both the
single character `…` and three full stops `...`; the rule points at the first
of the less common form. And for every quote: whether its words start or end
with an ellipsis.

## Why editors care

The AP Stylebook and the Reuters Handbook each fix one form of the ellipsis,
and a mix usually means pasted text. The AP also advises against an ellipsis
at the start or end of a quotation: a quote is understood to be an excerpt,
so the marks add nothing but the suggestion that something was hidden.

## Example

```markdown
“We will rebuild … and we will reopen,” said Ana Ruiz, the mayor. “Not this year...”
```

## How to fix

Use one form, and leave the edges of quotes bare. `check --fix` writes every
ellipsis in the draft's more common form (a safe fix; `....`, an ellipsis and
a full stop, becomes `….`); an ellipsis at the edge of a quote is left to
the editor, since whether the sentence then needs a full stop is a judgement.

```markdown
“We will rebuild … and we will reopen,” said Ana Ruiz, the mayor. “Not this year.”
```
"#;

/// The safe fix: every ellipsis in `minority` written the other way. A run
/// of three full stops is `…`, of four `….` (an ellipsis ending a
/// sentence); a longer run is no ellipsis a fix can be sure of, and one in
/// code or a URL is left as it is ([`crate::fix::guard`]).
fn respell(minority: &[Span], to_single: bool) -> Option<Fix> {
    let edits: Vec<Edit> = minority
        .iter()
        .filter_map(|span| {
            let replacement = match (to_single, span.len()) {
                (false, _) => "...",
                (true, 3) => "…",
                (true, 4) => "….",
                (true, _) => return None,
            };
            Some(Edit::replace(*span, replacement))
        })
        .collect();
    let form = if to_single { "`…`" } else { "`...`" };
    (!edits.is_empty()).then(|| Fix::safe(format!("Write every ellipsis as {form}"), edits).divisible())
}

/// `…` in UTF-8.
const ELLIPSIS: &[u8] = "…".as_bytes();

impl Rule for EllipsisStyle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn fix_availability(&self) -> FixAvailability {
        FixAvailability::Sometimes
    }

    fn check(&self, analysis: &Analysis, _settings: &Settings, out: &mut Findings) {
        let path = &analysis.file.path;
        let mut single: Vec<Span> = Vec::new();
        let mut dots: Vec<Span> = Vec::new();
        for block in &analysis.doc.blocks {
            crate::budget::tick();
            let text = &block.text;
            let mut i = 0;
            // only a full stop or the first byte of `…` can start an ellipsis:
            // jump between them instead of walking every character
            while let Some(at) = text.get(i..).and_then(|s| memchr::memchr2(b'.', ELLIPSIS[0], s.as_bytes())) {
                i += at;
                let rest = text.get(i..).unwrap_or_default();
                if rest.starts_with('…') {
                    single.push(block.source_span(i..i + '…'.len_utf8()));
                    i += '…'.len_utf8();
                } else if rest.starts_with("...") {
                    let run = rest.len() - rest.trim_start_matches('.').len();
                    dots.push(block.source_span(i..i + run));
                    i += run;
                } else {
                    // a lone full stop, or another character starting with that byte
                    i += rest.chars().next().map_or(1, char::len_utf8);
                }
            }
        }
        if !single.is_empty() && !dots.is_empty() {
            let to_single = dots.len() <= single.len();
            let (minority, n_major, major, minor) = if to_single {
                (&dots, single.len(), "`…`", "`...`")
            } else {
                (&single, dots.len(), "`...`", "`…`")
            };
            let fix = respell(minority, to_single);
            if let Some(first) = minority.first() {
                out.push(
                    Diagnostic::new(
                        &META,
                        path,
                        *first,
                        format!("ellipsis written as {minor} here but as {major} {n_major} times elsewhere"),
                    )
                    .with_primary_label(format!("{minor} here"))
                    .with_help(format!("use {major} throughout"))
                    .with_fix(fix),
                );
            }
        }
        for (_, q, _) in speech_quotes(analysis) {
            crate::budget::tick();
            let text = q.text(&analysis.doc);
            let t = text.trim();
            let starts = t.starts_with('…') || t.starts_with("...");
            let body = t.trim_end_matches([',', '.', '?', '!', ' ']);
            let ends = t.ends_with('…') || t.ends_with("...") || body.ends_with('…');
            if !(starts || ends) {
                continue;
            }
            let edge = if starts { "starts" } else { "ends" };
            out.push(
                Diagnostic::new(&META, path, q.span(), format!("quote {edge} with an ellipsis"))
                    .with_primary_label("ellipsis at the edge")
                    .with_help("drop the ellipsis: a quote is understood to be an excerpt"),
            );
        }
    }
}
