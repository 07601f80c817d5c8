//! The built-in word lists as the build indexed them (build.rs runs
//! `emit` on `rules/*.toml`): parsing the TOML, expanding thousands of
//! phrase templates and sorting the matchers took most of a `check`'s
//! start-up. Here the matchers' arrays and the word maps are used in
//! place; thawing copies only the verbs' and outlets' small records.

use super::hashing::FILTER_WORDS;
use super::index::{Index, LastWords, OutletIndex, Outlets, PhraseSet, Slot};
use super::matcher::{Pattern, WordMatcher};
use super::word_map::{WordMap, WordSet, K};
use super::word_table::{Facts, WordTable};
use super::words::Cased;
use super::{
    data::PhraseEntry, AbbrevKind, ChannelKind, GivenName, Language, Outlet, SpeechVerb, Str, VerbClass, VerbForm,
};
use std::borrow::Cow;
use std::ops::Range;

include!(concat!(env!("OUT_DIR"), "/lexicon_tables.rs"));

/// What rules/given-names.toml says of `name` (as written: "Erin", not "erin").
pub fn given_name(name: &str) -> Option<GivenName> {
    GIVEN_NAMES.get(name).copied()
}

/// The index of the built-in lists of `language`.
pub fn index(language: Language) -> Index {
    match language {
        Language::En => thaw(&EN, language),
        Language::Fr => thaw(&FR, language),
    }
}

/// The word table of the built-in lists of `language`, as build.rs built it.
pub(super) fn word_table(language: Language) -> WordTable {
    WordTable(match language {
        Language::En => EN_WORDS.clone(),
        Language::Fr => FR_WORDS.clone(),
    })
}

const fn c<T>(value: T, needs_capital: bool) -> Cased<T> {
    Cased { value, needs_capital }
}

/// A string of the index's `text`: its start and length in bytes. The
/// statics hold these rather than `&str`s: a pointer in a static is a
/// relocation, which the loader writes (and the kernel copies its page for)
/// at every start of a position-independent binary.
#[derive(Clone, Copy)]
struct S(u32, u32);

/// An outlet: name; its aliases, then its slot-only spellings, as the
/// ranges `start..aliases_end` and `aliases_end..end` of `outlet_spellings`;
/// state-run.
type OutletRow = (S, u32, u32, u32, bool);

pub(super) struct StaticIndex {
    verb_forms: WordMap<u32>,
    /// Used in place: its strings are [`Str::Frozen`]s.
    verbs: &'static [SpeechVerb],
    titles: WordMap<Cased<()>>,
    abbreviations: WordMap<Cased<AbbrevKind>>,
    roles: WordSet,
    org_heads: WordSet,
    generic_orgs: WordSet,
    bystanders: WordSet,
    documents: WordSet,
    elisions: WordSet,
    unsplit: WordSet,
    inverted: WordSet,
    gloss: WordMap<u8>,
    gloss_words: &'static [S],
    outlet_matcher: StaticMatcher,
    outlet_targets: &'static [(usize, bool)],
    outlets: &'static [OutletRow],
    outlet_spellings: &'static [S],
    /// anonymous, justification, vague speakers, weasel, channels
    phrases: [StaticPhraseSet; 5],
}

pub(super) struct StaticMatcher {
    bytes: &'static [u8],
    sorted: &'static [Pattern],
    groups: WordMap<Range<u32>>,
    loose: (u32, u32),
    longest_word: usize,
    longest: usize,
    filter: [u64; FILTER_WORDS],
    fold: bool,
    /// Worked out when quotelint is built: at every start it was a walk
    /// over every pattern of every list, more than half of checking an
    /// empty draft.
    lettered: bool,
    /// Worked out when quotelint is built, as the order of `sorted` was.
    parents: &'static [u32],
}

pub(super) struct StaticPhraseSet {
    matcher: StaticMatcher,
    targets: &'static [(usize, Slot)],
    offsets: &'static [usize],
    suffixes: &'static [S],
    /// Used in place: their templates are [`Str::Frozen`]s.
    entries: &'static [PhraseEntry],
    outlet_first: bool,
}

const fn p(key: u64, start: u32, len: u32, word: u32, id: u32) -> Pattern {
    Pattern { key, start, len, word, id }
}

impl StaticIndex {
    /// The string `s` stands for; build.rs wrote only offsets that are in
    /// `text` and on character boundaries (the thawed index equals the one
    /// the rule files build: see the tests).
    fn str(&self, S(start, len): S) -> &'static str {
        let start = start as usize;
        TEXT.get(start..start + len as usize).unwrap_or_default()
    }
}

fn thaw(s: &'static StaticIndex, language: Language) -> Index {
    let [anonymous, justification, vague_speakers, weasel, channels] =
        s.phrases.each_ref().map(|p| phrase_set(s, p));
    Index {
        verbs: s.verb_forms.clone(),
        verb_entries: Cow::Borrowed(s.verbs),
        titles: s.titles.clone(),
        abbreviations: s.abbreviations.clone(),
        roles: s.roles.clone(),
        org_heads: s.org_heads.clone(),
        generic_orgs: s.generic_orgs.clone(),
        bystanders: s.bystanders.clone(),
        documents: s.documents.clone(),
        outlets: OutletIndex {
            matcher: matcher(&s.outlet_matcher),
            targets: Cow::Borrowed(s.outlet_targets),
            outlets: Outlets::frozen(match language {
                Language::En => || outlets(&EN),
                Language::Fr => || outlets(&FR),
            }),
            ends: LastWords::default(),
        },
        anonymous,
        justification,
        vague_speakers,
        weasel,
        channels,
        gloss: s.gloss.clone(),
        gloss_words: s.gloss_words.iter().map(|&w| Cow::Borrowed(s.str(w))).collect(),
        elisions: s.elisions.clone(),
        unsplit: s.unsplit.clone(),
        inverted: s.inverted.clone(),
    }
}

fn outlets(s: &'static StaticIndex) -> Vec<Outlet> {
    s.outlets.iter().map(|row| outlet(s, row)).collect()
}

fn outlet(s: &'static StaticIndex, &(name, start, aliases_end, end, state): &OutletRow) -> Outlet {
    let strings = |from: u32, to: u32| {
        let run = s.outlet_spellings.get(from as usize..to as usize).unwrap_or_default();
        run.iter().map(|&w| Cow::Borrowed(s.str(w))).collect()
    };
    Outlet {
        name: Cow::Borrowed(s.str(name)),
        aliases: strings(start, aliases_end),
        slot_only: strings(aliases_end, end),
        state,
    }
}

fn matcher(m: &'static StaticMatcher) -> WordMatcher {
    WordMatcher {
        bytes: Cow::Borrowed(m.bytes),
        sorted: Cow::Borrowed(m.sorted),
        groups: m.groups.clone(),
        loose: m.loose.0..m.loose.1,
        longest_word: m.longest_word,
        longest: m.longest,
        filter: m.filter,
        fold: m.fold,
        lettered: m.lettered,
        parents: Cow::Borrowed(m.parents),
    }
}

fn phrase_set(s: &'static StaticIndex, p: &'static StaticPhraseSet) -> PhraseSet {
    PhraseSet {
        matcher: matcher(&p.matcher),
        targets: Cow::Borrowed(p.targets),
        offsets: Cow::Borrowed(p.offsets),
        suffixes: p.suffixes.iter().map(|&w| Cow::Borrowed(s.str(w))).collect(),
        entries: Cow::Borrowed(p.entries),
        outlet_first: p.outlet_first,
        plain: super::index::all_plain(p.targets),
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

    /// Thawing copies no word: every string of the thawed index borrows
    /// from build.rs's tables (an owned one would be an allocation at every
    /// start), while the index built from the rule files owns all of its.
    #[test]
    fn the_frozen_index_borrows_every_word() {
        fn strs(i: &Index) -> Vec<&Str> {
            let mut all = Vec::new();
            for list in crate::lexicon::PhraseList::ALL {
                all.extend(i.phrases(list).entries.iter().map(|e| &e.template));
            }
            for v in i.verb_entries.iter() {
                all.push(&v.lemma);
                all.extend(&v.particle);
                if let VerbClass::Loaded { why } = &v.class {
                    all.push(why);
                }
            }
            all
        }
        fn words(i: &Index) -> Vec<&Cow<'static, str>> {
            let mut all: Vec<&Cow<'static, str>> = Vec::new();
            all.extend(&i.gloss_words);
            for o in i.outlets.outlets.all() {
                all.extend(std::iter::once(&o.name).chain(&o.aliases).chain(&o.slot_only));
            }
            all
        }
        for language in [Language::En, Language::Fr] {
            let thawed = index(language);
            let thawed = words(&thawed);
            assert!(thawed.len() > 250, "{language:?}: {} words", thawed.len());
            let owned: Vec<_> = thawed.iter().filter(|w| matches!(w, Cow::Owned(_))).collect();
            assert!(owned.is_empty(), "{language:?}: thawing copied {owned:?}");
            let i = index(language);
            assert!(i.outlets.outlets.is_frozen(), "{language:?}: the outlets were thawed before use");
            let tables =
                crate::lexicon::PhraseList::ALL.map(|list| matches!(i.phrases(list).entries, Cow::Borrowed(_)));
            assert!(
                matches!(i.verb_entries, Cow::Borrowed(_)) && tables == [true; 5],
                "{language:?}: a table was copied"
            );
            let verbs = strs(&i);
            assert!(verbs.len() > 800, "{language:?}: {} verb and phrase strings", verbs.len());
            assert!(verbs.iter().all(|w| matches!(w, Str::Frozen(..)) && !w.is_empty()), "{language:?}");
            fn used_in_place<V: Clone>(map: &WordMap<V>) -> bool {
                map.assert_sound();
                map.is_borrowed()
            }
            let sets = [&i.roles, &i.org_heads, &i.generic_orgs, &i.bystanders, &i.documents];
            let sets = sets.into_iter().chain([&i.elisions, &i.unsplit, &i.inverted]);
            let mut maps =
                vec![used_in_place(&i.verbs), used_in_place(&i.titles), used_in_place(&i.abbreviations)];
            maps.extend(sets.map(used_in_place).chain([used_in_place(&i.gloss)]));
            let matchers = crate::lexicon::PhraseList::ALL.map(|list| &i.phrases(list).matcher);
            maps.extend(matchers.iter().chain([&&i.outlets.matcher]).map(|m| used_in_place(&m.groups)));
            maps.extend([used_in_place(&word_table(language).0), used_in_place(&GIVEN_NAMES)]);
            assert!(maps.iter().all(|&b| b), "{language:?}: thawing copied a word map: {maps:?}");
            let data = read_sources(&RuleSources::builtin_for(language)).unwrap();
            let built = Index::build(&data).unwrap();
            assert!(words(&built).iter().all(|w| matches!(w, Cow::Owned(_))));
            assert!(strs(&built).iter().all(|w| matches!(w, Str::Owned(_))));
        }
    }

    /// Every name of the file is found with what its list says, and no other word is.
    #[test]
    fn the_frozen_given_names_are_the_rule_file_s() {
        #[derive(serde::Deserialize)]
        struct GivenNames {
            male: Vec<String>,
            female: Vec<String>,
            unisex: Vec<String>,
        }
        let file: GivenNames = toml::from_str(include_str!("../../rules/given-names.toml")).unwrap();
        let lists =
            [(&file.male, GivenName::Male), (&file.female, GivenName::Female), (&file.unisex, GivenName::Unisex)];
        let mut listed = 0;
        for (names, kind) in lists {
            for name in names {
                assert_eq!(given_name(name), Some(kind), "{name}");
                listed += 1;
                for other in [name.to_lowercase(), name.to_uppercase(), format!("{name}s"), format!(" {name}")] {
                    let also = lists.iter().any(|(names, _)| names.contains(&other));
                    assert!(also || given_name(&other).is_none(), "{other:?} is not listed");
                }
            }
        }
        assert!(listed > 600, "{listed} names");
        assert_eq!(GIVEN_NAMES.len(), listed);
        for word in ["", "said", "Surrey", "The"] {
            assert_eq!(given_name(word), None, "{word:?}");
        }
    }
}
