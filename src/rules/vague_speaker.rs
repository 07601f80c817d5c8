//! QA003: a quote attributed to nobody in particular.

use super::{Rule, RuleMeta};
use crate::analysis::Analysis;
use crate::attribution::SpeakerKind;
use crate::diagnostic::{Diagnostic, Severity};
use crate::findings::Findings;
use crate::settings::Settings;

pub struct VagueSpeaker;

static META: RuleMeta = RuleMeta {
    code: "QA003",
    name: "vague-speaker",
    severity: Severity::Warning,
    summary: "A quote attributed to a vague speaker (\"experts\", \"observers\", \"the same source\").",
    doc: DOC,
};

const DOC: &str = r#"## What it checks

Quotes whose speaker names nobody: "experts", "observers", "critics", "some",
"the same source". Each mention is reported once. "The same source" is
reported even when it can be traced back to a named source a few paragraphs
up: the reader should not have to do that tracing, and the phrase is often
what is left when a quote was lifted from elsewhere. "The researchers" or
"the officials" after the story mentioned them earlier ("researchers at the
university found …") refers back to them and is not reported.

## Why editors care

Wikipedia's Manual of Style lists such attributions as weasel words, the NPR
Ethics Handbook says "officials say" is never enough, and the Guardian style
guide calls "one MP" meaningless. The Reuters Handbook asks for the speaker's
name and position; a quote from "experts" cannot be checked or answered.

## Example

```markdown
“The dam will not survive another flood,” experts said.
```

## How to fix

Name who said it.

```markdown
“The dam will not survive another flood,” said Marta Kolar, a hydrologist at Zagreb University.
```
"#;

impl Rule for VagueSpeaker {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, _settings: &Settings, out: &mut Findings) {
        // a pass over the whole draft, made only for a draft that has a vague speaker
        let mut introduced = None;
        for (q, s) in super::helpers::speakers_of_kind(analysis, SpeakerKind::Vague) {
            crate::budget::tick();
            let introduced = introduced.get_or_insert_with(|| super::weasel_claim::Introductions::of(analysis));
            if introduced.definite_reference(&s.mention, s.span().start) {
                continue;
            }
            let mut d = Diagnostic::new(
                &META,
                &analysis.file.path,
                s.span(),
                format!("quote attributed to “{}”, which names nobody", s.mention),
            )
            .with_primary_label("who, exactly?")
            .with_label(q.span(), "this quote")
            .with_help("name the speaker and their position");
            if let Some(name) = &s.name {
                d = d.with_note(format!("this appears to refer back to {name}; say so"));
            }
            out.push(d);
        }
    }
}
