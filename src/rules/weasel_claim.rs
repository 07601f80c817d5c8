//! QA009: a claim attributed to nobody ("experts say", "it is believed").

use super::helpers::{is_speaker_mention, overlaps, quoted_ranges};
use super::{Rule, RuleMeta};
use crate::analysis::words::ProseWord;
use crate::analysis::Analysis;
use crate::diagnostic::{Diagnostic, Severity};
use crate::findings::Findings;
use crate::lexicon::chars::is_alphanumeric;
use crate::lexicon::PhraseList;
use crate::settings::Settings;
use crate::tokens::char_at;

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
            // the phrases are looked for where the draft's words are, when the table has them all
            let found = match analysis.words.whole(b) {
                true => {
                    let words = analysis.words.block(b).iter().map(ProseWord::range);
                    lexicon.find_phrases_in_words(PhraseList::Weasel, &block.text, words)
                }
                false => lexicon.find_phrases(PhraseList::Weasel, &block.text),
            };
            for m in found {
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
                    // only a group noun can refer back: "some say" needs no pass over the draft
                    || group_noun(phrase).is_some_and(|noun| {
                        let introduced = introduced.get_or_insert_with(|| Introductions::of(analysis));
                        introduced.refers_back(&block.text, m.range.start, noun, span.start)
                    })
                {
                    continue;
                }
                out.push(
                    Diagnostic::new(
                        &META,
                        &analysis.file.path,
                        span,
                        format!("“{}” attributes the claim to nobody", block.as_read(phrase)),
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
            each_introduction(&block.text, |at, found| match found {
                Found::Noun(k) => {
                    if let Some(slot) = first.get_mut(k).filter(|slot| slot.is_none()) {
                        *slot = Some(block.source_span(at..at + GROUP_NOUNS[k].len()).start);
                    }
                }
                Found::Familiar => {
                    familiar.get_or_insert_with(|| block.source_span(at..at + 1).start);
                }
            });
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

    /// Whether the phrase at `start` (`at` in the source), which starts
    /// with `GROUP_NOUNS[k]`, names a group the draft described before: "the
    /// officials said", "sources said" after "people familiar with the plan".
    fn refers_back(&self, text: &str, start: usize, k: usize, at: usize) -> bool {
        if GROUP_NOUNS[k] == "sources" && self.familiar.is_some_and(|f| f < at) {
            return true;
        }
        let prev = text.get(..start).unwrap_or_default().trim_end();
        let definite = prev.rsplit(char::is_whitespace).next().is_some_and(|w| w.eq_ignore_ascii_case("the"));
        definite && self.first[k].is_some_and(|f| f < at)
    }
}

/// The index in [`GROUP_NOUNS`] of the phrase's first word, if it is one.
fn group_noun(phrase: &str) -> Option<usize> {
    let first = phrase.split_whitespace().next().unwrap_or_default().to_lowercase();
    GROUP_NOUNS.iter().position(|n| *n == first)
}

/// What [`each_introduction`] finds at a word's start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    /// `GROUP_NOUNS[k]`, as a whole word.
    Noun(usize),
    /// One of `SOURCE_DESCRIPTIONS`.
    Familiar,
}

/// Calls `f` with each group noun and source description of a block's
/// text, in order, with where it starts, as they are written in its lower
/// case. A text that lowering makes longer or shorter is passed over (its
/// offsets would not be the text's). Most text changes only in its ASCII
/// letters when lowered, and is read where it stands, without a lowered copy:
/// lowering each block was most of this pass.
fn each_introduction(text: &str, f: impl FnMut(usize, Found)) {
    let lowers_in_place = |c: char| {
        let mut lower = c.to_lowercase();
        lower.next() == Some(c) && lower.next().is_none()
    };
    if text.is_ascii() || text.chars().all(|c| c.is_ascii() || lowers_in_place(c)) {
        return introductions_in(text, f);
    }
    let lower = text.to_lowercase();
    if lower.len() == text.len() {
        introductions_in(&lower, f);
    }
}

/// [`each_introduction`] of a text whose lower case differs from it at most
/// in the case of ASCII letters: nouns and descriptions are compared
/// ignoring ASCII case, and a word is a run of letters and digits either way.
fn introductions_in(text: &str, mut f: impl FnMut(usize, Found)) {
    for_each_word(text, |at, word| {
        // nearly every word is ruled out by its length and first letter
        if has_shape(&NOUN_SHAPES, word) {
            if let Some(k) = noun_index(word) {
                f(at, Found::Noun(k));
            }
        }
        if has_shape(&DESCRIPTION_SHAPES, word) && SOURCE_DESCRIPTIONS.iter().any(|d| phrase_at(text, at, d)) {
            f(at, Found::Familiar);
        }
    });
}

/// The lengths and first letters of `GROUP_NOUNS`, and of the first words of
/// `SOURCE_DESCRIPTIONS` (see [`shapes`]).
static NOUN_SHAPES: [u32; 16] = shapes(GROUP_NOUNS);
static DESCRIPTION_SHAPES: [u32; 16] = shapes(SOURCE_DESCRIPTIONS);

/// For each length of word, the lower-case letters that a first word of
/// one of `phrases` of that length starts with, a bit each.
const fn shapes(phrases: &[&str]) -> [u32; 16] {
    let mut table = [0u32; 16];
    let mut k = 0;
    while k < phrases.len() {
        let phrase = phrases[k].as_bytes();
        let mut len = 0;
        while len < phrase.len() && phrase[len] != b' ' {
            len += 1;
        }
        table[len] |= 1 << (phrase[0] - b'a');
        k += 1;
    }
    table
}

/// Whether `word` has a length and first letter (in either case) of `shapes`.
fn has_shape(shapes: &[u32; 16], word: &str) -> bool {
    let initial = word.as_bytes().first().map_or(0, u8::to_ascii_lowercase);
    initial.is_ascii_lowercase() && shapes.get(word.len()).is_some_and(|m| m & (1 << (initial - b'a')) != 0)
}

/// The index in `GROUP_NOUNS` of `word`, ignoring ASCII case.
fn noun_index(word: &str) -> Option<usize> {
    GROUP_NOUNS.iter().position(|n| n.len() == word.len() && n.eq_ignore_ascii_case(word))
}

/// Each run of letters and digits in `text`, with where it starts.
#[cfg(test)]
fn word_starts(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut words = Vec::new();
    for_each_word(text, |at, word| words.push((at, word)));
    words.into_iter()
}

/// Calls `f` with each run of letters and digits in `text` and where it
/// starts: read byte by byte, decoding only what is not ASCII.
fn for_each_word<'t>(text: &'t str, mut f: impl FnMut(usize, &'t str)) {
    let bytes = text.as_bytes();
    let word_char = |i: usize, b: u8| match b.is_ascii() {
        true => (ASCII_ALNUM[usize::from(b & 0x7f)], 1),
        false => char_at(text, i).map_or((false, 1), |(c, len)| (is_alphanumeric(c), len)),
    };
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let (alnum, len) = word_char(i, b);
        if !alnum {
            i += len;
            continue;
        }
        let start = i;
        i += len;
        while let Some(&b) = bytes.get(i) {
            let (alnum, len) = word_char(i, b);
            if !alnum {
                break;
            }
            i += len;
        }
        f(start, text.get(start..i).unwrap_or_default());
    }
}

/// Which ASCII bytes are letters or digits: looked up, not compared with
/// three ranges, for each byte of the draft.
static ASCII_ALNUM: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// Whether `phrase` (lower case) is written at `at`, a word's start, in
/// either case of its ASCII letters, and ends where a word does.
fn phrase_at(text: &str, at: usize, phrase: &str) -> bool {
    let end = at + phrase.len();
    let written = text.as_bytes().get(at..end).is_some_and(|w| w.eq_ignore_ascii_case(phrase.as_bytes()));
    written && !text.get(end..).and_then(|r| r.chars().next()).is_some_and(char::is_alphanumeric)
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
    use proptest::prelude::*;

    /// What [`each_introduction`] gave when it lowered every block: the
    /// reference its reading of the text where it stands is tested against.
    fn by_lowering(text: &str) -> Vec<(usize, Found)> {
        let mut out = Vec::new();
        let lower = text.to_lowercase();
        if lower.len() != text.len() {
            return out;
        }
        let words = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
        for (at, word) in words.map(|w| (w.as_ptr() as usize - lower.as_ptr() as usize, w)) {
            if let Some(k) = GROUP_NOUNS.iter().position(|n| *n == word) {
                out.push((at, Found::Noun(k)));
            }
            let written = |d: &str| {
                lower.get(at..).is_some_and(|rest| rest.starts_with(d))
                    && !lower.get(at + d.len()..).and_then(|r| r.chars().next()).is_some_and(char::is_alphanumeric)
            };
            if SOURCE_DESCRIPTIONS.iter().any(|d| written(d)) {
                out.push((at, Found::Familiar));
            }
        }
        out
    }

    proptest! {
        #[test]
        fn introductions_read_in_place_are_those_of_the_lowered_text(
            text in crate::tokens::drafts_of(concat!(
                "officials|OFFICIALS|Officials|sources|Sources|studies|experts|expert|familiar|Familiar|with|With|",
                "close|to|briefed|on|knowledge|of|the|\u{212A}|Kelvin|\u{130}|\u{3a3}|\u{23a}|É|é|Élysée|ß|",
                "’|“|”|—| | |,|.|-|3|_"
            ), 40)
        ) {
            let mut found = Vec::new();
            each_introduction(&text, |at, f| found.push((at, f)));
            prop_assert_eq!(found, by_lowering(&text));
        }
    }

    #[test]
    fn nouns_and_descriptions_have_the_lengths_and_initials_looked_for() {
        for noun in GROUP_NOUNS {
            assert!(has_shape(&NOUN_SHAPES, noun) && has_shape(&NOUN_SHAPES, &noun.to_uppercase()), "{noun}");
        }
        for word in ["expert", "Xperts", "sources1", "", "3", "é", "familiar"] {
            assert!(!has_shape(&NOUN_SHAPES, word), "{word}");
        }
        assert!(["familiar", "Close", "briefed", "WITH"].iter().all(|w| has_shape(&DESCRIPTION_SHAPES, w)));
        assert!(!has_shape(&DESCRIPTION_SHAPES, "without") && !has_shape(&DESCRIPTION_SHAPES, "familiar with"));
        let mut found = Vec::new();
        introductions_in("Familiar with, close to, briefed on, with knowledge of", |at, f| found.push((at, f)));
        assert_eq!(found.iter().map(|(at, _)| *at).collect::<Vec<_>>(), [0, 15, 25, 37]);
    }

    #[test]
    fn a_text_whose_lower_case_is_longer_or_shorter_is_passed_over() {
        let mut found = Vec::new();
        // the Kelvin sign lowers to "k", a byte where it takes three
        each_introduction("\u{212A}elvin said officials familiar with it", |at, f| found.push((at, f)));
        assert!(found.is_empty());
        each_introduction("Élysée Officials, close to it", |at, f| found.push((at, f)));
        assert_eq!(found, [(9, Found::Noun(5)), (20, Found::Familiar)]);
    }

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
