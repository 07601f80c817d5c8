//! The built-in word lists as the build indexed them (build.rs runs
//! `emit` on `rules/*.toml`): parsing the TOML, expanding thousands of
//! phrase templates and sorting the matchers took most of a `check`'s
//! start-up. Here the matchers' arrays are used in place and only the small
//! lookup maps are filled at start-up.

use super::index::{has_outlet_first, Index, OutletIndex, PhraseSet, Slot};
use super::matcher::{Pattern, WordMatcher, FILTER_WORDS};
use super::words::Cased;
use super::{data::PhraseEntry, AbbrevKind, ChannelKind, Language, Outlet, SpeechVerb, VerbClass, VerbForm};
use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::BuildHasher;

include!(concat!(env!("OUT_DIR"), "/lexicon_tables.rs"));

/// rules/given-names.toml: the male names, then the female ones.
pub fn given_names() -> (&'static [&'static str], &'static [&'static str]) {
    (GIVEN_MALE, GIVEN_FEMALE)
}

/// rules/given-names.toml: the names borne by men and women alike.
pub fn unisex_given_names() -> &'static [&'static str] {
    GIVEN_UNISEX
}

/// The index of the built-in lists of `language`.
pub fn index(language: Language) -> Index {
    match language {
        Language::En => thaw(&EN),
        Language::Fr => thaw(&FR),
    }
}

/// A speech verb form: lemma, form, class (neutral, loaded, non-speech,
/// mental), why it is loaded, particle.
type VerbRow = (&'static str, VerbForm, u8, &'static str, Option<&'static str>);

/// An outlet: name, aliases, slot-only spellings, state-run.
type OutletRow = (&'static str, &'static [&'static str], &'static [&'static str], bool);

pub(super) struct StaticIndex {
    verb_forms: &'static [(&'static str, u32)],
    verbs: &'static [VerbRow],
    titles: &'static [(&'static str, bool)],
    abbreviations: &'static [(&'static str, bool, AbbrevKind)],
    roles: &'static [&'static str],
    org_heads: &'static [&'static str],
    generic_orgs: &'static [&'static str],
    bystanders: &'static [&'static str],
    documents: &'static [&'static str],
    elisions: &'static [&'static str],
    unsplit: &'static [&'static str],
    inverted: &'static [&'static str],
    gloss: &'static [(&'static str, u8)],
    gloss_words: &'static [&'static str],
    outlet_matcher: StaticMatcher,
    outlet_targets: &'static [(usize, bool)],
    outlets: &'static [OutletRow],
    /// anonymous, justification, vague speakers, weasel, channels
    phrases: [StaticPhraseSet; 5],
}

pub(super) struct StaticMatcher {
    bytes: &'static [u8],
    sorted: &'static [Pattern],
    groups: &'static [(&'static [u8], u32, u32)],
    loose: (u32, u32),
    longest_word: usize,
    longest: usize,
    filter: [u64; FILTER_WORDS],
    fold: bool,
}

pub(super) struct StaticPhraseSet {
    matcher: StaticMatcher,
    targets: &'static [(usize, Slot)],
    offsets: &'static [usize],
    entries: &'static [(&'static str, Option<ChannelKind>, bool)],
}

const fn p(key: u64, start: u32, len: u32, word: u32, id: u32) -> Pattern {
    Pattern { key, start, len, word, id }
}

fn thaw(s: &'static StaticIndex) -> Index {
    let [anonymous, justification, vague_speakers, weasel, channels] = s.phrases.each_ref().map(phrase_set);
    Index {
        verbs: s.verb_forms.iter().map(|&(form, id)| (Cow::Borrowed(form), id)).collect(),
        verb_entries: s.verbs.iter().map(speech_verb).collect(),
        titles: s
            .titles
            .iter()
            .map(|&(k, needs_capital)| (k.to_string(), Cased { value: (), needs_capital }))
            .collect(),
        abbreviations: s
            .abbreviations
            .iter()
            .map(|&(k, needs_capital, value)| (k.to_string(), Cased { value, needs_capital }))
            .collect(),
        roles: set(s.roles),
        org_heads: set(s.org_heads),
        generic_orgs: set(s.generic_orgs),
        bystanders: set(s.bystanders),
        documents: set(s.documents),
        outlets: OutletIndex {
            matcher: matcher(&s.outlet_matcher),
            targets: Cow::Borrowed(s.outlet_targets),
            outlets: s.outlets.iter().map(outlet).collect(),
        },
        anonymous,
        justification,
        vague_speakers,
        weasel,
        channels,
        gloss: s.gloss.iter().map(|&(k, id)| (k.to_string(), id)).collect(),
        gloss_words: s.gloss_words.iter().map(|w| w.to_string()).collect(),
        elisions: set(s.elisions),
        unsplit: set(s.unsplit),
        inverted: set(s.inverted),
    }
}

fn set<S: BuildHasher + Default>(words: &[&str]) -> HashSet<String, S> {
    words.iter().map(|w| w.to_string()).collect()
}

fn speech_verb(&(lemma, form, class, why, particle): &VerbRow) -> SpeechVerb {
    let class = match class {
        1 => VerbClass::Loaded { why: why.to_string() },
        2 => VerbClass::NonSpeech,
        3 => VerbClass::Mental,
        _ => VerbClass::Neutral,
    };
    SpeechVerb { lemma: lemma.to_string(), form, class, particle: particle.map(str::to_string) }
}

fn outlet(&(name, aliases, slot_only, state): &OutletRow) -> Outlet {
    let strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
    Outlet { name: name.to_string(), aliases: strings(aliases), slot_only: strings(slot_only), state }
}

fn matcher(m: &'static StaticMatcher) -> WordMatcher {
    WordMatcher {
        bytes: Cow::Borrowed(m.bytes),
        sorted: Cow::Borrowed(m.sorted),
        groups: m.groups.iter().map(|&(word, start, end)| (Cow::Borrowed(word), start..end)).collect(),
        loose: m.loose.0..m.loose.1,
        longest_word: m.longest_word,
        longest: m.longest,
        filter: m.filter,
        fold: m.fold,
    }
}

fn phrase_set(s: &'static StaticPhraseSet) -> PhraseSet {
    let entries = s.entries.iter().map(|&(template, channel, boilerplate)| PhraseEntry {
        template: template.to_string(),
        channel,
        boilerplate,
    });
    PhraseSet {
        matcher: matcher(&s.matcher),
        targets: Cow::Borrowed(s.targets),
        offsets: Cow::Borrowed(s.offsets),
        entries: entries.collect(),
        outlet_first: has_outlet_first(s.targets),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::data::read_sources;
    use crate::lexicon::RuleSources;

    #[test]
    fn the_frozen_index_is_the_one_the_rule_files_build() {
        for language in [Language::En, Language::Fr] {
            let data = read_sources(&RuleSources::builtin_for(language)).unwrap();
            let built = Index::build(&data).unwrap();
            assert!(index(language) == built, "{language:?}: build.rs wrote a different index");
        }
    }

    #[test]
    fn the_frozen_given_names_are_the_rule_file_s() {
        #[derive(serde::Deserialize)]
        struct GivenNames {
            male: Vec<String>,
            female: Vec<String>,
            unisex: Vec<String>,
        }
        let file: GivenNames = toml::from_str(include_str!("../../rules/given-names.toml")).unwrap();
        let (male, female) = given_names();
        assert_eq!((male.len(), female.len()), (file.male.len(), file.female.len()));
        assert!(male.iter().zip(&file.male).all(|(a, b)| a == b));
        assert!(female.iter().zip(&file.female).all(|(a, b)| a == b));
        assert_eq!(unisex_given_names(), file.unisex);
    }
}
