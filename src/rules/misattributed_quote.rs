//! QP005: a quote found in the words of someone other than its speaker.

use super::{Rule, RuleMeta};
use crate::analysis::Analysis;
use crate::diagnostic::{Diagnostic, Severity};
use crate::findings::Findings;
use crate::provenance;
use crate::settings::Settings;

pub struct MisattributedQuote;

static META: RuleMeta = RuleMeta {
    code: "QP005",
    name: "misattributed-quote",
    severity: Severity::Error,
    summary: "A quote is in the sources, but someone else said it.",
    doc: DOC,
};

const DOC: &str = r#"## What it checks

A quote found in the source material (see QP004) in a transcript turn, or a
file, of a speaker other than the one the draft names. A transcript line such
as `HONG MIN: …` or `**Hong Min:** …` attributes its turn; a source file's
front matter (`speaker: Hong Min`) attributes the rest. Speakers are compared
on surnames, ignoring case, so "Hong" and "HONG MIN" are the same person. The
rule only compares a speaker the draft names; pronouns resolve to their name.

## Why editors care

Putting one person's words in another's mouth is among the most serious
errors a newsroom can publish; the SPJ Code of Ethics and the AP Stylebook
both require that quotes be attributed to the person who said them. In a
long interview transcript it is easy to lift a line from the reporter's own
question, or from another guest.

## Example

```text
PRIYA NAIR: Will the council close the ferry before the winter storms?
HONG MIN: No. The ferry runs until the harbour freezes.
```

```markdown
“Will the council close the ferry before the winter storms?” asked Hong Min.
```

## How to fix

Attribute the words to the person who said them.

```markdown
“Will the council close the ferry before the winter storms?” asked Priya Nair.
```
"#;

impl Rule for MisattributedQuote {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, settings: &Settings, out: &mut Findings) {
        for verdict in provenance::verify(analysis, &settings.sources) {
            let Some((draft, source)) = &verdict.misattributed else { continue };
            let (Some(quote), Some(passage)) = (analysis.scan.quotes.get(verdict.quote), verdict.passage()) else {
                continue;
            };
            let mut d = Diagnostic::new(
                &META,
                &analysis.file.path,
                quote.span(),
                format!("quote is attributed to {draft}, but in the source {source} says it"),
            )
            .with_primary_label(format!("{source}'s words"));
            let speaker = analysis.attributions.get(verdict.quote).and_then(|a| a.speaker.as_ref());
            if let Some(s) = speaker.filter(|s| !s.span().is_empty() && s.span().end <= analysis.file.text.len()) {
                d = d.with_label(s.span(), format!("the draft names {draft}"));
            }
            out.push(
                d.with_note(format!("found in {} ({source}): “{}”", passage.location(), passage.text))
                    .with_help(format!("attribute the quote to {source}, or find where {draft} said it")),
            );
        }
    }
}
