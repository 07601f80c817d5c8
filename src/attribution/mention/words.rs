//! The closed classes of words a speaker phrase is read with: pronouns,
//! determiners, words that are never names, organisation collectives,
//! adverbs, number words, and the small helpers that read a word's shape.

/// How many tokens an anonymous or vague phrase may span.
pub(super) const PHRASE_WINDOW: usize = 12;

pub(super) const PRONOUNS: &[&str] = &["he", "she", "they", "i", "we", "it", "you"];
/// The letters `PRONOUNS` start with: a word written with another ASCII
/// letter first is none of them (nor is any glossed word ruled out by it).
pub(super) const PRONOUN_INITIALS: &[u8] = b"hstiwy";
/// The letters `PRONOUNS` have second: a word written with another ASCII
/// letter there is none of them ("Smith", "Trump", "Washington").
pub(super) const PRONOUN_SECONDS: &[u8] = b"ehto";
pub(super) const DETERMINERS: &[&str] = &[
    "a", "an", "the", "one", "two", "three", "four", "several", "some", "many", "most", "other", "another", "his",
    "her", "their", "its", "our", "this", "that", "these", "those", "both", "all", "each", "few",
];

/// The long word lists of `closed_sets.rs` (words that are never names,
/// adverbs), asked about every token, as build.rs wrote them: sets filled
/// at start-up cost every `check`, and a list of `&str` is a relocation per word.
mod frozen {
    use crate::lexicon::{WordMap, WordSet, K};
    include!(concat!(env!("OUT_DIR"), "/closed_sets.rs"));
}
pub(in crate::attribution) use frozen::{ADVERB_SET, NOT_NAME_SET};

/// Plural nouns for people that head organisations' names ("Friends of …",
/// "Citizens for …", "Mothers Against …").
pub(super) const ORG_COLLECTIVES: &[&str] = &[
    "friends",
    "citizens",
    "veterans",
    "parents",
    "mothers",
    "fathers",
    "families",
    "doctors",
    "nurses",
    "physicians",
    "lawyers",
    "scientists",
    "students",
    "teachers",
    "workers",
    "women",
    "taxpayers",
    "voters",
    "residents",
    "neighbours",
    "neighbors",
    "people",
    "americans",
    "canadians",
    "sisters",
    "sons",
    "daughters",
    "knights",
    "children",
    "youth",
    "survivors",
];

/// Capitalised words that appear inside titles ("The Cake That Got Me
/// Fired", "What We Owe Our Children") but never inside a person's or an
/// organisation's name.
pub(super) const TITLE_CASE_WORDS: &[&str] = &[
    "Me", "My", "I", "You", "Your", "We", "Our", "Us", "That", "This", "These", "Those", "Is", "Are", "Was",
    "Were", "Got", "Get", "Be", "Will", "Can", "Not", "What", "How", "Why", "When", "Who",
];

pub(super) const NAME_LINKS: &[&str] =
    &["de", "van", "von", "bin", "al", "da", "del", "der", "la", "le", "di", "du", "ibn", "el", "y", "dos"];
/// Prepositions that cannot open a speaker phrase.
pub(super) const PHRASE_PREPOSITIONS: &[&str] =
    &["of", "at", "in", "on", "to", "for", "about", "from", "with", "by", "into", "over", "after", "during"];

/// Words that measure a fronted subordinator ("Just after", "Days before").
pub(super) const OPENER_MEASURES: &[&str] = &[
    "just", "soon", "long", "even", "only", "right", "moments", "minutes", "hours", "days", "weeks", "months",
    "years",
];

/// Words that follow a participle or adverb opening a sentence ("Facing
/// the", "Pressed on", "Challenged by").
pub(super) const CLAUSE_OBJECT_STARTS: &[&str] = &[
    "by",
    "on",
    "in",
    "about",
    "at",
    "from",
    "to",
    "with",
    "for",
    "over",
    "after",
    "before",
    "that",
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
    "this",
    "these",
    "those",
    "what",
    "how",
    "why",
    "whether",
    "into",
    "through",
    "during",
    "under",
    "against",
    "up",
    "out",
    "back",
    "down",
    "off",
    "mounting",
    "growing",
    "increasing",
];

/// Words written with a capital only in a title-case headline; never inside a name.
pub(super) const TITLE_CASE_BREAKS: &[&str] = &[
    "In", "On", "To", "For", "With", "At", "As", "Is", "Was", "Are", "Has", "Have", "Into", "About", "Over",
    "After",
];
/// Nouns in -ly for people who may speak, which the -ly rule would read as
/// adverbs ("Scott's family said", "a close ally said").
pub(super) const LY_NOUNS: &[&str] = &["family", "families", "ally", "allies", "assembly", "bully"];

/// Counting words that open a share of people ("four in 10 said", "dozens shouted").
pub(super) const NUMBER_WORDS: &[&str] = &[
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "hundreds",
    "thousands",
    "dozens",
    "half",
    "two-thirds",
    "one-third",
    "three-quarters",
];

/// `list.contains(&w)`, with each entry's first byte compared before its
/// whole: most entries are a word or two long, and the lists' members of
/// the same length as `w` are each a call to compare bytes.
#[inline]
pub(in crate::attribution) fn one_of(list: &[&str], w: &str) -> bool {
    let first = w.as_bytes().first();
    list.iter().any(|x| x.len() == w.len() && x.as_bytes().first() == first && *x == w)
}

/// Which lengths and first bytes the words of a closed list have, as 256
/// bits: asked of a word in none of its lists (most words asked), one bit
/// rules it out where the list would be read entry by entry. Built at
/// compile time, by [`in_list!`], for each list it is asked of.
pub(in crate::attribution) struct ListFilter([u64; 4]);

impl ListFilter {
    pub const fn of(list: &[&str]) -> Self {
        let mut bits = [0u64; 4];
        let mut i = 0;
        while i < list.len() {
            let bit = Self::bit(list[i].as_bytes());
            bits[bit / 64] |= 1 << (bit % 64);
            i += 1;
        }
        ListFilter(bits)
    }

    #[inline]
    const fn bit(word: &[u8]) -> usize {
        let first = if word.is_empty() { 0 } else { word[0] as usize };
        (first << 3 ^ word.len()) & 255
    }

    /// False only if `w` is in no list the filter was built of.
    #[inline]
    pub fn may_hold(&self, w: &str) -> bool {
        let bit = Self::bit(w.as_bytes());
        self.0[bit / 64] & 1 << (bit % 64) != 0
    }
}

/// `in_list!(LIST, w)`: [`one_of`] of a constant list, behind its
/// [`ListFilter`], made once at compile time.
macro_rules! in_list {
    ($list:expr, $w:expr) => {{
        let w: &str = $w;
        const { $crate::attribution::mention::ListFilter::of($list) }.may_hold(w)
            && $crate::attribution::mention::one_of($list, w)
    }};
}
pub(in crate::attribution) use in_list;

/// `set.contains(word)` for a punctuation token, set and word as their
/// bytes, compared byte by byte with no substring searcher built for it:
/// the sets are a few characters, and the byte strings of two UTF-8 texts
/// match where the texts do.
#[inline]
pub(super) fn in_set_bytes(set: &[u8], word: &[u8]) -> bool {
    match word {
        [b] => set.contains(b),
        [first, ..] => set.windows(word.len()).any(|w| w.first() == Some(first) && w == word),
        [] => true,
    }
}

/// `word` up to its first apostrophe, straight or curly ("they" of
/// "they’re"), or all of it. Read by bytes: a search for either character
/// decoded every character of every word asked about.
pub(super) fn before_apostrophe(word: &str) -> &str {
    let bytes = word.as_bytes();
    let curly = "’".as_bytes();
    let at = bytes
        .iter()
        .enumerate()
        .position(|(i, &b)| b == b'\'' || curly.first() == Some(&b) && bytes.get(i..i + 3) == Some(curly));
    at.and_then(|at| word.get(..at)).unwrap_or(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pronoun_starts_with_one_of_the_initials() {
        for p in PRONOUNS {
            assert!(p.bytes().next().is_some_and(|b| PRONOUN_INITIALS.contains(&b)), "{p}");
            assert!(p.as_bytes().get(1).is_none_or(|b| PRONOUN_SECONDS.contains(b)), "{p}");
        }
    }

    #[test]
    fn a_filter_rules_out_words_of_other_lengths_and_initials() {
        let filter = ListFilter::of(&["said", "told"]);
        assert!(filter.may_hold("said") && filter.may_hold("told"));
        // another initial, or another length: another bit
        assert!(!filter.may_hold("asked") && !filter.may_hold("sai") && !filter.may_hold(""));
        // most of the words asked of a list are ruled out by their bit alone
        let asked = ["the", "government", "minister", "in", "on", "was", "tuesday", "hospital", "would", "report"];
        let passed = asked.iter().filter(|w| ListFilter::of(DETERMINERS).may_hold(w)).count();
        let members = asked.iter().filter(|w| DETERMINERS.contains(w)).count();
        assert!(passed <= members + 3, "{passed} of {} passed, {members} members", asked.len());
    }

    proptest::proptest! {
        /// The byte readings answer what the character and substring ones did.
        #[test]
        fn shortcuts_answer_as_the_plain_tests(word in "[a-zA-Z'’‑—‘é.,!?:;\"“”(ÉİK-]{0,6}") {
            for list in [NAME_LINKS, TITLE_CASE_BREAKS, DETERMINERS, CLAUSE_OBJECT_STARTS, &["", "a", "ab"][..]] {
                proptest::prop_assert_eq!(one_of(list, &word), list.contains(&word.as_str()));
                // a filter never rules out a word of its list
                proptest::prop_assert!(ListFilter::of(list).may_hold(&word) || !list.contains(&word.as_str()));
            }
            proptest::prop_assert_eq!(in_list!(NAME_LINKS, &word), NAME_LINKS.contains(&word.as_str()));
            proptest::prop_assert_eq!(in_list!(&["", "a", "ab"], &word), ["", "a", "ab"].contains(&word.as_str()));
            for set in [".!?:;\"“”‘’—–-(", ",", "—–", "'’", ""] {
                proptest::prop_assert_eq!(in_set_bytes(set.as_bytes(), word.as_bytes()), set.contains(word.as_str()), "{:?} in {:?}", word, set);
            }
        }
    }

    proptest::proptest! {
        /// Straight and curly apostrophes, and chars that share the curly one's lead byte.
        #[test]
        fn the_byte_reading_cuts_where_a_split_cuts(word in "[a-zA-Z'’‑—‘é]{0,8}") {
            let split = word.split(['\'', '’']).next().unwrap_or_default();
            proptest::prop_assert_eq!(before_apostrophe(&word), split);
        }
    }
}
