//! QA004: an anonymous source with no reason given for the anonymity.

use super::helpers::block_at;
use super::{Rule, RuleMeta};
use crate::analysis::Analysis;
use crate::attribution::SpeakerKind;
use crate::diagnostic::{Diagnostic, Severity};
use crate::findings::Findings;
use crate::lexicon::PhraseList;
use crate::settings::Settings;
use std::collections::{HashMap, HashSet};

pub struct AnonymousWithoutReason;

static META: RuleMeta = RuleMeta {
    code: "QA004",
    name: "anonymous-without-reason",
    severity: Severity::Warning,
    summary: "An anonymous source with no reason given for the anonymity, or a bare \"a source\".",
    doc: DOC,
};

const DOC: &str = r#"## What it checks

Quotes from an anonymous source ("a person familiar with the talks", "a senior
official who spoke on condition of anonymity") where neither the paragraph of
the attribution nor the next one says why the source was not named ("because
they were not authorized to speak publicly", "for fear of reprisal"). A bare
"a source" or "sources", with nothing about who they are, is always reported.
Each mention is reported once.

## Why editors care

The AP's standards allow anonymous material only when the story explains why
anonymity was granted, and do not allow an unmodified "a source". The SPJ Code
of Ethics says to explain why anonymity was granted; the NPR Ethics Handbook
and the New York Times policy on confidential sources ask for how the source
knows and why they cannot be named. Readers can judge an unnamed source only by
what the story tells them about it.

## Example

```markdown
“The deal is off,” said a person familiar with the talks.
```

## How to fix

Say why the source was not named.

```markdown
“The deal is off,” said a person familiar with the talks, who asked not to be named because the negotiations are confidential.
```
"#;

/// Anonymous mentions that say nothing about who the source is.
const BARE: &[&str] = &["a source", "sources", "the source", "one source", "the sources", "a single source"];

impl Rule for AnonymousWithoutReason {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, settings: &Settings, out: &mut Findings) {
        let lexicon = settings.lexicon();
        let mut seen = HashSet::new();
        // whether the paragraph at a block index or the next gives a reason
        let mut justified_from = HashMap::new();
        for (_, q, a) in super::helpers::speech_quotes(analysis) {
            crate::budget::tick();
            let Some(s) = &a.speaker else { continue };
            if s.kind != SpeakerKind::Anonymous || !seen.insert(s.span()) {
                continue;
            }
            let mention = s.mention.trim().to_lowercase();
            let path = &analysis.file.path;
            if BARE.contains(&mention.as_str()) {
                out.push(
                    Diagnostic::new(&META, path, s.span(), format!("quote attributed to a bare “{}”", s.mention))
                        .with_primary_label("a source with no descriptor")
                        .with_label(q.span(), "this quote")
                        .with_help(
                            "say who the source is and how they know: `a ministry official involved in the talks`",
                        ),
                );
                continue;
            }
            // once per paragraph: searching it again for every source in it
            // was quadratic on a paragraph of many anonymous quotes
            let justified = block_at(analysis, s.span().start).is_some_and(|b| {
                *justified_from.entry(b).or_insert_with(|| {
                    analysis
                        .doc
                        .blocks
                        .iter()
                        .skip(b)
                        .take(2)
                        .any(|block| !lexicon.find_phrases(PhraseList::Justification, &block.text).is_empty())
                })
            });
            if justified {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &META,
                    path,
                    s.span(),
                    format!("anonymous source “{}” with no reason for the anonymity", s.mention),
                )
                .with_primary_label("why is this source not named?")
                .with_label(q.span(), "this quote")
                .with_help(
                    "add the reason, e.g. `…, who asked not to be named because the talks are confidential`",
                ),
            );
        }
    }
}
