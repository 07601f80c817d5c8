//! QA009: a claim attributed to nobody ("experts say", "it is believed").

use super::helpers::{is_speaker_mention, overlaps, quoted_ranges};
use super::{Rule, RuleMeta};
use crate::analysis::Analysis;
use crate::diagnostic::{Diagnostic, Severity};
use crate::lexicon::PhraseList;
use crate::settings::Settings;

pub struct WeaselClaim;

static META: RuleMeta = RuleMeta {
    code: "QA009",
    name: "weasel-claim",
    severity: Severity::Warning,
    summary: "A claim attributed to nobody in particular (\"experts say\", \"it is believed\").",
    doc: DOC,
};

const DOC: &str = r#"## What it checks

Phrases in the writer's own prose that attribute a claim to nobody in
particular: "experts say", "critics argue", "it is believed", "studies show",
"according to reports". Words inside quotations are the speaker's and are not
checked, and a phrase that is itself the speaker of a quote is left to
`vague-speaker` (QA003). Each occurrence is reported once. A group narrowed
by a qualifier ("police officials said", "labour-market experts say") is left
to the editor, and "allegedly", the legal term for an unproven charge, is not
reported.

## Why editors care

Wikipedia's Manual of Style (MOS:WEASEL) calls these weasel words: they lend
a claim authority without saying whose. The NPR Ethics Handbook says
"officials say" and "reportedly" are never enough, and the AP asks that
disputable facts be attributed to a source the reader can weigh.

## Example

```markdown
Experts say the bridge could collapse within a year.
```

## How to fix

Name the experts, or report what they published.

```markdown
Two structural engineers who inspected the bridge for the county, Ruth Adler and Tom Baker, said it could collapse within a year.
```
"#;

impl Rule for WeaselClaim {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, settings: &Settings, out: &mut Vec<Diagnostic>) {
        let lexicon = settings.lexicon();
        for (b, block) in analysis.doc.blocks.iter().enumerate() {
            let quoted = quoted_ranges(analysis, b);
            for m in lexicon.find_phrases(PhraseList::Weasel, &block.text) {
                if overlaps(&m.range, quoted) {
                    continue;
                }
                let span = block.source_span(m.range.clone());
                if is_speaker_mention(analysis, span) {
                    continue;
                }
                let phrase = block.text.get(m.range.clone()).unwrap_or_default();
                if phrase.eq_ignore_ascii_case("allegedly") || qualified(&block.text, m.range.start, phrase) {
                    continue;
                }
                out.push(
                    Diagnostic::new(
                        &META,
                        &analysis.file.path,
                        span,
                        format!("“{phrase}” attributes the claim to nobody"),
                    )
                    .with_primary_label("who, exactly?")
                    .with_help("name the source of the claim, or report it as the writer's own verified fact"),
                );
            }
        }
    }
}

/// Group nouns that a qualifier makes specific enough to leave to the editor:
/// "police officials said", "labor-policy experts say".
const GROUP_NOUNS: &[&str] =
    &["experts", "analysts", "observers", "critics", "commentators", "officials", "scientists", "insiders"];

/// Words before a group noun that leave it vague: "some experts say".
const VAGUE_QUALIFIERS: &[&str] =
    &["some", "many", "most", "few", "other", "several", "the", "and", "but", "that", "as"];

/// Whether the phrase starts with a group noun that a qualifier before it narrows.
fn qualified(text: &str, start: usize, phrase: &str) -> bool {
    let first = phrase.split_whitespace().next().unwrap_or_default().to_lowercase();
    if !GROUP_NOUNS.contains(&first.as_str()) {
        return false;
    }
    let before = text.get(..start).unwrap_or_default();
    if !before.ends_with(' ') {
        return false;
    }
    let prev = before.trim_end().rsplit(char::is_whitespace).next().unwrap_or_default();
    let at_sentence_start = prev.is_empty() || prev.ends_with(['.', '!', '?', ':', ';', ',', '—', '“', '"']);
    !at_sentence_start && !VAGUE_QUALIFIERS.contains(&prev.to_lowercase().as_str())
}
