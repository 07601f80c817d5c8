//! QA001: a quotation presented as someone's words that nobody says.

use super::helpers::speech_quotes;
use super::{Rule, RuleMeta};
use crate::analysis::Analysis;
use crate::diagnostic::{Diagnostic, Severity};
use crate::findings::Findings;
use crate::markdown::BlockKind;
use crate::quote::QuoteKind;
use crate::settings::Settings;

pub struct UnattributedQuote;

static META: RuleMeta = RuleMeta {
    code: "QA001",
    name: "unattributed-quote",
    severity: Severity::Error,
    summary: "A direct, partial or block quotation with no speaker.",
    doc: DOC,
};

const DOC: &str = r#"## What it checks

Every quotation presented as someone's words (a direct quote, a partial quote
inside the writer's sentence, or a Markdown blockquote) must have a speaker:
in its own sentence, in the sentence that introduces it, or carried over from
the same speaker's quote just before it (or from a paragraph that reports
their words in the present tense, or ends in a colon). A bare quote after a
paragraph that reports someone's words in the past tense ("Carter said the
region mattered.") is also reported: readers will take it as that person's,
but nothing attributes it. A direct or block quote with no speaker is an
error; a partial quote is a warning, reported only when its paragraph has no reporting verb at all (a fragment in a paragraph about what a
report or a person said is usually theirs).

Scare quotes and titles (a coined term, a slogan, a film's name) need no
speaker and are never reported, nor are quotes nested inside another quote,
which belong to the outer speaker.

## Why editors care

A quote nobody said is not a quote. The AP requires attribution of disputable
material in the same sentence, the Reuters Handbook wants the speaker named no
later than after the first sentence, and the SPJ Code of Ethics asks
journalists to identify sources clearly. An unattributed line in quotation
marks is also how a paraphrase, a headline or another outlet's words slip into
copy as if someone had said them.

## Example

```markdown
The council voted to close the bridge for repairs.

“We had no choice after the inspection.”
```

## How to fix

Say who spoke, and if you can, how.

```markdown
The council voted to close the bridge for repairs.

“We had no choice after the inspection,” Mayor Ana Ruiz told reporters.
```
"#;

impl Rule for UnattributedQuote {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, _settings: &Settings, out: &mut Findings) {
        for (_, q, attribution) in speech_quotes(analysis) {
            crate::budget::tick();
            // a table cell's quote is labelled by its row and column, not by a sentence
            let in_table =
                analysis.doc.blocks.get(q.first_block()).is_some_and(|b| b.kind() == BlockKind::TableCell);
            match &attribution.speaker {
                _ if in_table => continue,
                Some(implied) if attribution.implied() => {
                    out.push(implied_only(analysis, q, implied));
                    continue;
                }
                Some(_) => continue,
                None => {}
            }
            if q.kind == QuoteKind::Partial && (q.parts.len() > 1 || paragraph_attributes(analysis, q)) {
                continue;
            }
            let (what, severity) = match q.kind {
                QuoteKind::Partial => ("partial quote", Severity::Warning),
                QuoteKind::Block => ("block quote", Severity::Error),
                _ => ("quote", Severity::Error),
            };
            let mut d = Diagnostic::new(&META, &analysis.file.path, q.span(), format!("{what} has no speaker"))
                .with_primary_label("who said this?")
                .with_help("name the speaker in the same sentence, e.g. `…,” Jane Doe told AFP.`");
            d.severity = severity;
            if q.kind == QuoteKind::Partial {
                d = d.with_note("if the words are the writer's own, drop the quotation marks");
            }
            out.push(d);
        }
    }
}

/// A bare quote after a paragraph reporting someone's words in the past
/// tense: readers will take it as theirs, but nothing attributes it.
fn implied_only(
    analysis: &Analysis,
    q: &crate::quote::Quote,
    speaker: &crate::attribution::Speaker,
) -> Diagnostic {
    let who = speaker.name.as_deref().unwrap_or(&speaker.mention);
    Diagnostic::new(&META, &analysis.file.path, q.span(), "quote has no speaker of its own".to_string())
        .with_primary_label("who said this?")
        .with_note(format!(
            "readers will take it as {who}'s, from the paragraph before, which reports their words"
        ))
        .with_help(format!("attribute it again, e.g. `…,” {who} said.`"))
}

/// Whether the paragraph of a partial quote reports speech or writing in the
/// writer's own words (a speech verb outside quotations): the fragment is then
/// most likely that source's, e.g. a document's ("the complaint accuses them
/// of a “massive fraudulent scheme”"), which the engine does not attribute.
fn paragraph_attributes(analysis: &Analysis, q: &crate::quote::Quote) -> bool {
    analysis.reports_speech(q.first_block())
}
