//! QA007: one paragraph quoting two speakers without attributing each.

use super::helpers::speech_quotes;
use super::{Rule, RuleMeta};
use crate::analysis::Analysis;
use crate::attribution::Speaker;
use crate::diagnostic::{Diagnostic, Severity};
use crate::findings::Findings;
use crate::settings::Settings;

pub struct MixedSpeakersInParagraph;

static META: RuleMeta = RuleMeta {
    code: "QA007",
    name: "mixed-speakers-in-paragraph",
    severity: Severity::Warning,
    summary: "A paragraph quotes two speakers and does not attribute each quote in it.",
    doc: DOC,
};

const DOC: &str = r#"## What it checks

Paragraphs with quotes from two or more different named speakers where at
least one of those quotes has no attribution of its own in the paragraph: its
speaker is only carried over from an earlier paragraph. Speakers the story
never resolves to a name are left out, since they cannot be told apart. A paragraph that attributes
every quote it holds ("…,” Ortiz said. “…,” Haddad replied.") is fine, and so
is a quote that goes straight on from one of the same speaker's ("…,” Ruiz
said. Then, after a pause: “…”"): nobody else's words come between them.

## Why editors care

The Reuters Handbook says not to run quotes from different speakers together.
When two voices share a paragraph, a quote with no attribution of its own is
read as belonging to whoever spoke last in it, which may be the wrong person;
AP's rule of attributing in the same sentence exists to prevent exactly that.

## Example

```markdown
“The market will move,” said Lena Ortiz, who sells bread on the square, after meeting the mayor, Omar Haddad.

“We cannot stop it. Nobody can stop it.” Haddad has said the vote was “final and binding for everyone”.
```

## How to fix

Give each speaker a paragraph, and each quote its attribution.

```markdown
“The market will move,” said Lena Ortiz, who sells bread on the square, after meeting the mayor, Omar Haddad. “We cannot stop it. Nobody can stop it.”

Haddad has said the vote was “final and binding for everyone”.
```
"#;

impl Rule for MixedSpeakersInParagraph {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, _settings: &Settings, out: &mut Findings) {
        let quotes = speech_quotes(analysis);
        // the one-paragraph quotes with a named speaker, by paragraph
        let mut by_block = vec![Vec::new(); analysis.doc.blocks.len()];
        for entry in &quotes {
            crate::budget::tick();
            let (_, q, a) = entry;
            if q.parts.len() == 1 && a.speaker.as_ref().is_some_and(|s| s.name.is_some()) {
                if let Some(list) = by_block.get_mut(q.first_block()) {
                    list.push(entry);
                }
            }
        }
        for (block, here) in analysis.doc.blocks.iter().zip(&by_block) {
            crate::budget::tick();
            let key = |s: &Speaker| s.name.as_deref().unwrap_or_default().to_string();
            let mut speakers: Vec<String> =
                here.iter().filter_map(|(_, _, a)| a.speaker.as_ref().map(key)).collect();
            speakers.sort();
            speakers.dedup();
            if speakers.len() < 2 {
                continue;
            }
            let own = |a: &crate::attribution::Attribution| {
                a.cue.as_ref().is_some_and(|c| block.span.start <= c.span.start && c.span.end <= block.span.end)
            };
            // "…,” she said. Then, after a pause: “…”": a quote right after
            // one of the same speaker's goes on with it, unambiguously
            // (`here` is in document order: the quote before is the one listed before)
            let same_as_before = |i: usize| {
                let name = |a: &crate::attribution::Attribution| a.speaker.as_ref().map(key);
                i > 0 && name(here[i - 1].2) == name(here[i].2)
            };
            let ambiguous = (0..here.len()).find(|&i| !own(here[i].2) && !same_as_before(i));
            let Some((_, q, a)) = ambiguous.map(|i| here[i]) else { continue };
            let Some(s) = &a.speaker else { continue };
            let others: Vec<&str> = speakers.iter().filter(|k| **k != key(s)).map(String::as_str).collect();
            out.push(
                Diagnostic::new(
                    &META,
                    &analysis.file.path,
                    q.span,
                    format!(
                        "paragraph quotes {} and {}, but this quote has no attribution of its own",
                        key(s),
                        others.join(", ")
                    ),
                )
                .with_primary_label(format!("read as {}'s only by carrying over", key(s)))
                .with_help(
                    "attribute every quote in a paragraph with two speakers, or give each speaker a paragraph",
                ),
            );
        }
    }
}
