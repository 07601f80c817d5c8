//! QA008: a quote introduced by a verb that colours it, or by a gesture.

use super::helpers::{cue_verb, speech_quotes};
use super::{Rule, RuleMeta};
use crate::analysis::Analysis;
use crate::diagnostic::{Diagnostic, Severity};
use crate::findings::Findings;
use crate::lexicon::VerbClass;
use crate::settings::Settings;
use std::collections::HashSet;

pub struct LoadedAttributionVerb;

static META: RuleMeta = RuleMeta {
    code: "QA008",
    name: "loaded-attribution-verb",
    severity: Severity::Info,
    summary: "A quote is attributed with a loaded verb (\"claimed\", \"admitted\") or a gesture (\"smiled\").",
    doc: DOC,
};

const DOC: &str = r#"## What it checks

The reporting verb of every quote. Verbs that the speech-verb list marks as
loaded ("claimed" casts doubt, "admitted" implies guilt, "revealed" vouches
for the truth, "slammed" is headlinese) are reported with the reason the list
gives; so are gestures that are not speech ("she smiled", "he shrugged").
Each reporting verb is reported once.

## Why editors care

Wikipedia's Manual of Style (WP:SAY) and journalism textbooks agree that
"said" is almost always the right word: it is neutral and invisible. A loaded
verb puts the writer's judgement into the attribution; the Reuters Handbook
asks reporters to avoid "quipped", and AP style favours "said". Nobody can
smile a sentence.

## Example

```markdown
“The audit found nothing,” the mayor, Ana Ruiz, claimed.
```

## How to fix

Use a neutral verb, and report the doubt, if there is one, as a fact of its own.

```markdown
“The audit found nothing,” the mayor, Ana Ruiz, said.
```
"#;

impl Rule for LoadedAttributionVerb {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, settings: &Settings, out: &mut Findings) {
        let lexicon = settings.lexicon();
        let mut seen = HashSet::new();
        for (_, _, a) in speech_quotes(analysis) {
            crate::budget::tick();
            let Some(cue) = &a.cue else { continue };
            let word = cue_verb(&cue.text);
            let Some(verb) = lexicon.verb(word) else { continue };
            let (message, help) = match &verb.class {
                VerbClass::Loaded { why } => (
                    format!("“{word}” is a loaded attribution verb: {why}"),
                    "use “said” unless the loaded sense is reported fact",
                ),
                VerbClass::NonSpeech => (
                    format!("“{word}” is not a way of speaking"),
                    "use “said”, and report the gesture separately (`she said, smiling`)",
                ),
                _ => continue,
            };
            if !seen.insert(cue.span()) {
                continue;
            }
            out.push(
                Diagnostic::new(&META, &analysis.file.path, cue.span(), message)
                    .with_primary_label("this verb")
                    .with_help(help),
            );
        }
    }
}
