//! QA006: a long direct quote whose speaker is named only at its end.

use super::helpers::{block_at, speech_quotes};
use super::{Rule, RuleMeta};
use crate::analysis::Analysis;
use crate::attribution::SpeakerKind;
use crate::diagnostic::{Diagnostic, Severity};
use crate::findings::Findings;
use crate::quote::QuoteKind;
use crate::settings::Settings;

pub struct LateAttribution;

static META: RuleMeta = RuleMeta {
    code: "QA006",
    name: "late-attribution",
    severity: Severity::Warning,
    summary: "A direct quote runs for several sentences before its speaker is named.",
    doc: DOC,
};

const DOC: &str = r#"## What it checks

Direct quotes whose attribution comes only after the quotation has run well
past its second sentence. The rule is deliberately conservative: it reports a
quote only when more than three sentences come before the reporting verb, it
ignores a quote signed with a dash, and it stays quiet when the same speaker
was quoted in the paragraph just before, or when the attribution is a pronoun
("…,” she said."): in both the reader already knows who is talking, since a
writer says "she" only of someone already on stage.

## Why editors care

The Reuters Handbook asks that the speaker be identified "usually after the
first sentence" of a quote, and the Guardian style guide says to introduce the
speaker at the start or after the first sentence. A reader who gets three
sentences in before learning who is speaking reads them with no way to weigh
them, and may wrongly assume the previous speaker is still talking.

## Example

```markdown
The county closed the old ferry landing in March.

“The pier is rotten. The ramp is cracked. Nobody should drive onto it. We will rebuild it next year,” said Ruth Adler, the county engineer.
```

## How to fix

Name the speaker after the first sentence.

```markdown
The county closed the old ferry landing in March.

“The pier is rotten,” said Ruth Adler, the county engineer. “The ramp is cracked. Nobody should drive onto it. We will rebuild it next year.”
```
"#;

/// How many sentences of quotation may come before the attribution.
const MAX_SENTENCES_BEFORE_CUE: usize = 3;

impl Rule for LateAttribution {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, settings: &Settings, out: &mut Findings) {
        let mut previous = None;
        for (_, q, a) in speech_quotes(analysis) {
            crate::budget::tick();
            let before = previous.replace((q, a));
            let (Some(speaker), Some(cue)) = (&a.speaker, &a.cue) else { continue };
            // a dash or colon signing the quote ("― Ana Ruiz") is a byline, not a late attribution
            if q.kind != QuoteKind::Direct
                || cue.span().start < q.span().end
                || !cue.text.starts_with(char::is_alphabetic)
            {
                continue;
            }
            // the cue must be the quote's own, right after it, not inherited
            if block_at(analysis, cue.span().start) != Some(q.last_block()) {
                continue;
            }
            let continuing = before.is_some_and(|(prev, pa)| {
                prev.last_block() + 1 >= q.first_block()
                    && pa.speaker.as_ref().is_some_and(|ps| same_speaker(ps, speaker))
            });
            // "…,” she said.": the speaker is already on stage (told before
            // the quote's sentences are split and counted, which costs more)
            if continuing || speaker.kind == SpeakerKind::Pronoun {
                continue;
            }
            let sentences = crate::sentences::split_with(&q.text(&analysis.doc), settings.lexicon()).len();
            if sentences <= MAX_SENTENCES_BEFORE_CUE {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &META,
                    &analysis.file.path,
                    q.span(),
                    format!("{sentences} sentences of quotation before the speaker is named"),
                )
                .with_primary_label("whose words are these?")
                .with_label(cue.span(), "the speaker is named only here")
                .with_help("move the attribution after the first sentence: `“…,” she said. “…”`"),
            );
        }
    }
}

fn same_speaker(a: &crate::attribution::Speaker, b: &crate::attribution::Speaker) -> bool {
    match (&a.name, &b.name) {
        (Some(x), Some(y)) => x == y,
        _ => a.mention.eq_ignore_ascii_case(&b.mention),
    }
}
