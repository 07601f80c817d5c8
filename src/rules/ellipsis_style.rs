//! QF004: ellipses written two ways, or at the edge of a quote.

use super::helpers::speech_quotes;
use super::{Rule, RuleMeta};
use crate::analysis::Analysis;
use crate::diagnostic::{Diagnostic, Severity};
use crate::findings::Findings;
use crate::fix::{Edit, Fix, FixAvailability};
use crate::settings::Settings;
use crate::span::Span;
use memchr::memmem::Finder;
use std::ops::Range;
use std::sync::OnceLock;

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

/// Calls `single` with every `…` of `text` and `dots` with every run of
/// three or more full stops, each in order. Each is searched for as a
/// whole: a search for the full stop and the first byte of `…`, which
/// also starts curly quotation marks and dashes, stopped at nearly every
/// sentence's end and every mark.
fn ellipses(text: &str, mut single: impl FnMut(Range<usize>), mut dots: impl FnMut(Range<usize>)) {
    // built once: building a searcher for each block cost more than the search
    static ONE: OnceLock<Finder<'static>> = OnceLock::new();
    static THREE: OnceLock<Finder<'static>> = OnceLock::new();
    let bytes = text.as_bytes();
    for at in ONE.get_or_init(|| Finder::new(ELLIPSIS)).find_iter(bytes) {
        single(at..at + ELLIPSIS.len());
    }
    let three = THREE.get_or_init(|| Finder::new(b"..."));
    let mut i = 0;
    while let Some(start) = bytes.get(i..).and_then(|rest| three.find(rest)).map(|at| i + at) {
        let run = bytes.get(start..).unwrap_or_default().iter().take_while(|&&b| b == b'.').count();
        dots(start..start + run);
        i = start + run;
    }
}

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
            ellipses(&block.text, |r| single.push(block.source_span(r)), |r| dots.push(block.source_span(r)));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The walk [`ellipses`] replaced: from each full stop and each first
    /// byte of `…` to the next.
    fn walked(text: &str) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
        let (mut single, mut dots) = (Vec::new(), Vec::new());
        let mut i = 0;
        while let Some(at) = text.get(i..).and_then(|s| memchr::memchr2(b'.', ELLIPSIS[0], s.as_bytes())) {
            i += at;
            let rest = text.get(i..).unwrap_or_default();
            if rest.starts_with('…') {
                single.push(i..i + '…'.len_utf8());
                i += '…'.len_utf8();
            } else if rest.starts_with("...") {
                let run = rest.len() - rest.trim_start_matches('.').len();
                dots.push(i..i + run);
                i += run;
            } else {
                i += rest.chars().next().map_or(1, char::len_utf8);
            }
        }
        (single, dots)
    }

    proptest::proptest! {
        /// Searched for whole, the ellipses are those the walk found.
        #[test]
        fn ellipses_searched_for_whole_are_those_walked_to(
            text in crate::tokens::drafts_of(".|..|...|…|a|’|“|—|–| |é|\u{2026}.", 30)
        ) {
            let (mut single, mut dots) = (Vec::new(), Vec::new());
            ellipses(&text, |r| single.push(r), |r| dots.push(r));
            proptest::prop_assert_eq!((single, dots), walked(&text));
        }
    }

    #[test]
    fn runs_of_stops_and_single_ellipses_are_told_apart() {
        let text = "Wait.... no… “yes...” x.. y. …. ...";
        let (mut single, mut dots) = (Vec::new(), Vec::new());
        ellipses(text, |r| single.push(r), |r| dots.push(r));
        assert_eq!(dots.iter().map(|r| r.len()).collect::<Vec<_>>(), [4, 3, 3]);
        assert_eq!(single.len(), 2);
        assert_eq!((single.clone(), dots.clone()), walked(text));
    }
}
