//! QA005: a quote attributed to "he" or "she" before anyone is named.

use super::{Rule, RuleMeta};
use crate::analysis::Analysis;
use crate::attribution::SpeakerKind;
use crate::diagnostic::{Diagnostic, Severity};
use crate::findings::Findings;
use crate::settings::Settings;

pub struct PronounBeforeName;

static META: RuleMeta = RuleMeta {
    code: "QA005",
    name: "pronoun-before-name",
    severity: Severity::Warning,
    summary: "A quote attributed to a pronoun that refers to nobody named before it.",
    doc: DOC,
};

const DOC: &str = r#"## What it checks

Quotes attributed to a pronoun ("he said", "she told reporters", "they
added") when no person has been named earlier in the story for it to refer to.
Each pronoun is reported once.

## Why editors care

A reader meets "she said" and has to guess who she is. The Reuters Handbook
asks for the speaker to be identified by the end of the first sentence of a
quote, and the AP's rule that material be attributed in the same sentence
assumes the attribution names someone. This often happens when paragraphs are
moved around during editing and the one that introduced the speaker now comes
later.

## Example

```markdown
“We are not going anywhere,” she said.

Lena Ortiz has run the bakery for twenty years.
```

## How to fix

Name the speaker at the first quote.

```markdown
“We are not going anywhere,” said Lena Ortiz, who has run the bakery for twenty years.
```
"#;

impl Rule for PronounBeforeName {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, _settings: &Settings, out: &mut Findings) {
        for (q, s) in super::helpers::speakers_of_kind(analysis, SpeakerKind::Pronoun) {
            crate::budget::tick();
            // "which" and "it" stand for a phrase or an organisation, not a person not yet named
            let personal = matches!(s.mention.to_lowercase().as_str(), "he" | "she" | "they" | "we" | "i");
            if !personal || s.name.is_some() {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &META,
                    &analysis.file.path,
                    s.span(),
                    format!("quote attributed to “{}” before anyone is named", s.mention),
                )
                .with_primary_label("who does this refer to?")
                .with_label(q.span(), "this quote")
                .with_help("name the speaker here, and use the pronoun only after"),
            );
        }
    }
}
