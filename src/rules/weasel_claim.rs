//! QA009: a claim attributed to nobody ("experts say", "it is believed").

use super::helpers::{is_speaker_mention, overlaps, quoted_ranges};
use super::{Rule, RuleMeta};
use crate::analysis::Analysis;
use crate::diagnostic::{Diagnostic, Severity};
use crate::findings::Findings;
use crate::lexicon::PhraseList;
use crate::settings::Settings;

pub struct WeaselClaim;

static META: RuleMeta = RuleMeta {
    code: "QA009",
    name: "weasel-claim",
    severity: Severity::Info,
    summary: "A claim attributed to nobody in particular (\"experts say\", \"it is believed\").",
    doc: DOC,
};

const DOC: &str = r#"## What it checks

Phrases in the writer's own prose that attribute a claim to nobody in
particular: "experts say", "critics argue", "it is believed", "studies show",
"according to reports". Words inside quotations are the speaker's and are not
checked, and a phrase that is itself the speaker of a quote is left to
`vague-speaker` (QA003). Each occurrence is reported once. A group narrowed
by a qualifier ("police officials said", "labour-market experts say"), a
document with an owner ("city reports say", "their research shows"), a group
the story described before ("the officials said" after "two officials at the
ministry", "sources said" after "people familiar with the talks") are left to
the editor, and "allegedly", the legal term for an unproven charge, is not
reported. An outlet's own reporting ("The Post has learned") names its source.

Reported as information by default: edited, published copy hedges this way
on purpose ("experts say" after a paragraph of named experts), so it must not
fail a pre-commit hook. A desk that bans the phrases raises it:
`[severity] QA009 = "warning"`.

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

    fn check(&self, analysis: &Analysis, settings: &Settings, out: &mut Findings) {
        let lexicon = settings.lexicon();
        // a pass over the whole draft, made only once a phrase needs it: most drafts have none
        let mut introduced = None;
        for (b, block) in analysis.doc.blocks.iter().enumerate() {
            crate::budget::tick();
            let quoted = quoted_ranges(analysis, b);
            for m in lexicon.find_phrases(PhraseList::Weasel, &block.text) {
                crate::budget::tick();
                if overlaps(&m.range, quoted) {
                    continue;
                }
                let span = block.source_span(m.range.clone());
                if is_speaker_mention(analysis, span) {
                    continue;
                }
                let phrase = block.text.get(m.range.clone()).unwrap_or_default();
                if phrase.eq_ignore_ascii_case("allegedly")
                    || qualified(&block.text, m.range.start, phrase)
                    || introduced.get_or_insert_with(|| Introductions::of(analysis)).refers_back(
                        &block.text,
                        m.range.start,
                        phrase,
                        span.start,
                    )
                {
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
/// "police officials said", "labor-policy experts say"; and documents with an
/// owner: "city reports say", "their research shows".
const GROUP_NOUNS: &[&str] = &[
    "experts",
    "analysts",
    "observers",
    "critics",
    "commentators",
    "officials",
    "scientists",
    "researchers",
    "insiders",
    "sources",
    "reports",
    "research",
    "studies",
    "polls",
    "surveys",
    "evidence",
];

/// Where each group noun is first introduced in the draft, so that "the
/// officials said" after "two officials at the ministry" and "sources said"
/// after "people familiar with the talks" count as references back to a
/// described group, not as claims attributed to nobody.
pub(super) struct Introductions {
    /// Source offset of the first occurrence of each of `GROUP_NOUNS`.
    first: Vec<Option<usize>>,
    /// Source offset of the first description of unnamed sources.
    familiar: Option<usize>,
}

/// How copy describes the people behind "sources said" before it says it.
const SOURCE_DESCRIPTIONS: &[&str] = &["familiar with", "close to", "briefed on", "with knowledge of"];

impl Introductions {
    pub(super) fn of(analysis: &Analysis) -> Self {
        let mut first = vec![None; GROUP_NOUNS.len()];
        let mut familiar = None;
        // one pass over each block's words, not one search per noun and description
        for block in &analysis.doc.blocks {
            crate::budget::tick();
            if familiar.is_some() && first.iter().all(Option::is_some) {
                break;
            }
            let lower = block.text.to_lowercase();
            if lower.len() != block.text.len() {
                continue;
            }
            for (at, word) in word_starts(&lower) {
                let noun = GROUP_NOUNS.iter().position(|n| *n == word);
                if let Some(slot) = noun.and_then(|k| first.get_mut(k)).filter(|slot| slot.is_none()) {
                    *slot = Some(block.source_span(at..at + word.len()).start);
                }
                if familiar.is_none() && SOURCE_DESCRIPTIONS.iter().any(|d| phrase_at(&lower, at, d)) {
                    familiar = Some(block.source_span(at..at + 1).start);
                }
            }
        }
        Introductions { first, familiar }
    }

    /// "the researchers said" at `at`, after the story mentioned
    /// researchers before: a reference back, not a vague source.
    pub(super) fn definite_reference(&self, mention: &str, at: usize) -> bool {
        let mut words = mention.split_whitespace();
        let the = words.next().is_some_and(|w| w.eq_ignore_ascii_case("the"));
        let noun = words.next().unwrap_or_default().to_lowercase();
        let rest = words.next().is_none();
        let k = GROUP_NOUNS.iter().position(|n| *n == noun);
        the && rest && k.and_then(|k| self.first[k]).is_some_and(|f| f < at)
    }

    /// Whether the phrase at `start` (`at` in the source) names a group the
    /// draft described before: "the officials said", "sources said" after
    /// "people familiar with the plan".
    fn refers_back(&self, text: &str, start: usize, phrase: &str, at: usize) -> bool {
        let first = phrase.split_whitespace().next().unwrap_or_default().to_lowercase();
        let Some(k) = GROUP_NOUNS.iter().position(|n| *n == first) else { return false };
        if first == "sources" && self.familiar.is_some_and(|f| f < at) {
            return true;
        }
        let prev = text.get(..start).unwrap_or_default().trim_end();
        let definite = prev.rsplit(char::is_whitespace).next().is_some_and(|w| w.eq_ignore_ascii_case("the"));
        definite && self.first[k].is_some_and(|f| f < at)
    }
}

/// Each run of letters and digits in `text`, with where it starts.
fn word_starts(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// Whether `phrase` is written at `at`, a word's start, and ends where a word does.
fn phrase_at(text: &str, at: usize, phrase: &str) -> bool {
    let Some(rest) = text.get(at..).filter(|rest| rest.starts_with(phrase)) else { return false };
    !rest.get(phrase.len()..).and_then(|r| r.chars().next()).is_some_and(char::is_alphanumeric)
}

/// The first occurrence of `word` in `text` with word boundaries on both sides.
#[cfg(test)]
fn find_word(text: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text.get(from..).and_then(|t| t.find(word)).map(|i| from + i) {
        let before = text.get(..i).and_then(|t| t.chars().next_back());
        let after = text.get(i + word.len()..).and_then(|t| t.chars().next());
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return Some(i);
        }
        from = i + word.len();
    }
    None
}

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

#[cfg(test)]
mod tests {
    use super::*;

    /// The one pass finds each noun and description where a search for each finds it.
    #[test]
    fn the_word_pass_finds_what_a_search_per_word_finds() {
        let texts = [
            "Two officials at the ministry, people familiar with the talks, said experts-in-waiting and sources'",
            "Resources, officialsx and close to, with knowledge ofthe plan; briefed on it. Studies: polls/surveys",
            "familiar withx familiar with. reports research evidence analysts1 analysts",
            "",
        ];
        for text in texts {
            for noun in GROUP_NOUNS {
                let pass = word_starts(text).find(|(_, w)| w == noun).map(|(at, _)| at);
                assert_eq!(pass, find_word(text, noun), "{noun} in {text:?}");
            }
            let searched = SOURCE_DESCRIPTIONS.iter().filter_map(|d| find_word(text, d)).min();
            let pass = word_starts(text)
                .map(|(at, _)| at)
                .find(|&at| SOURCE_DESCRIPTIONS.iter().any(|d| phrase_at(text, at, d)));
            assert_eq!(pass, searched, "{text:?}");
        }
    }
}
