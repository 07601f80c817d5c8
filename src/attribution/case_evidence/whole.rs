//! The two light passes over the whole draft: the first collects the words
//! that open sentences, the second looks for them anywhere else, after a
//! Bloom filter of the openers has ruled out most words. Memory grows with
//! the number of distinct sentence-opening words, not with the draft.

use super::{starts_upper, step, Place};
use crate::lexicon::chars::is_alphabetic;
use crate::lexicon::{FastHash, WordFilter};
use crate::markdown::Document;
use crate::tokens::char_at;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};

const SEEN_LOWER: u8 = 1;
const SEEN_CAPITAL_INSIDE: u8 = 2;

/// For each word that opens a sentence somewhere in the draft (keyed by a
/// hash of its lower-case form): how else the draft writes it.
#[derive(Debug, Default)]
pub(super) struct Openers {
    openers: HashMap<u64, u8, FastHash>,
    /// The openers, so that the second pass hashes few words that are none.
    filter: Filter,
}

impl Openers {
    pub(super) fn of(doc: &Document) -> Self {
        let mut evidence = Openers::default();
        for block in &doc.blocks {
            crate::budget::tick();
            for_each_opener(&block.text, |word| {
                if starts_upper(word) {
                    evidence.openers.entry(key(word)).or_insert(0);
                    evidence.filter.insert(word);
                }
            });
        }
        if evidence.openers.is_empty() {
            return evidence;
        }
        for block in &doc.blocks {
            crate::budget::tick();
            for_each_word(&block.text, |word, place| {
                let seen = if !starts_upper(word) {
                    SEEN_LOWER
                } else if place == Place::Inside {
                    SEEN_CAPITAL_INSIDE
                } else {
                    return;
                };
                if !evidence.filter.may_hold(word) {
                    return;
                }
                if let Some(flags) = evidence.openers.get_mut(&key(word)) {
                    *flags |= seen;
                }
            });
        }
        evidence
    }

    /// See [`super::CaseEvidence::is_ordinary_word`].
    pub(super) fn is_ordinary_word(&self, word: &str) -> bool {
        self.openers.get(&key(word)) == Some(&SEEN_LOWER)
    }
}

/// A hash of the word's lower-case form. An ASCII word (nearly every one)
/// is lowered 32 bytes at a time on the stack; hashing pieces whose lengths
/// are multiples of eight gives what hashing the whole would.
fn key(word: &str) -> u64 {
    let mut h = FastHash::default().build_hasher();
    if word.is_ascii() {
        for piece in word.as_bytes().chunks(32) {
            let mut buf = [0u8; 32];
            if let Some(lowered) = buf.get_mut(..piece.len()) {
                lowered.copy_from_slice(piece);
                lowered.make_ascii_lowercase();
                h.write(lowered);
            }
        }
    } else {
        h.write(word.to_lowercase().as_bytes());
    }
    h.finish()
}

/// Calls `f` with every run of letters in `text` and where it stands. A word
/// opens a sentence at the start of the block, after `.`, `!`, `?` or `:`, or
/// after an opening quotation mark; one after a closing mark ("…," Young
/// said) is inside its sentence.
///
/// Read byte by byte: an ASCII byte is its own character and a run of ASCII
/// letters (most of prose) is passed over in one tight loop; only other
/// bytes are decoded. Decoding every character of both passes was a tenth
/// of a `check`.
fn for_each_word(text: &str, f: impl FnMut(&str, Place)) {
    read_words(text, false, f);
}

/// [`for_each_word`]; when `skip_inside`, the bytes inside a sentence
/// before the next that may open one (see [`MAY_OPEN`]) are passed over,
/// and a word met after a skip may be the end of one: only the words that
/// open a sentence are then all given, and as they are.
fn read_words(text: &str, skip_inside: bool, mut f: impl FnMut(&str, Place)) {
    let bytes = text.as_bytes();
    let mut place = Place::Opening;
    // whether the character before is whitespace or `(`: a straight mark after one opens
    let mut after_space = true;
    let mut i = 0;
    loop {
        if skip_inside && place == Place::Inside {
            let Some(skip) = bytes.get(i..).and_then(|rest| rest.iter().position(|&b| MAY_OPEN[usize::from(b)]))
            else {
                return;
            };
            i += skip;
            let before = text.get(..i).and_then(|t| t.chars().next_back());
            after_space = before.is_none_or(|c| c.is_whitespace() || c == '(');
        }
        let Some((c, len)) = char_at(text, i) else { return };
        if !is_alphabetic(c) {
            (place, after_space) = step(place, after_space, c);
            i += len;
            continue;
        }
        let start = i;
        i = word_end(text, i + len);
        f(text.get(start..i).unwrap_or_default(), place);
        place = Place::Inside;
        after_space = false;
    }
}

/// Where the run of letters that goes on at `i` ends: a run of ASCII
/// letters (most of prose) is passed over in one tight loop.
fn word_end(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        while bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
        }
        match char_at(text, i) {
            Some((c, len)) if !c.is_ascii() && is_alphabetic(c) => i += len,
            _ => return i,
        }
    }
}

/// The words of [`for_each_word`] that open a sentence, found without
/// reading those inside one: from inside a sentence only `.`, `!`, `?`, `:`,
/// a straight mark or an opening curly one (whose first byte is 0xE2) opens
/// the next, so the bytes before the next of those are passed over: the
/// first pass looks for openers only, and reading every word for them made
/// 100 KB of news cost 1.7% more to check.
fn for_each_opener(text: &str, mut f: impl FnMut(&str)) {
    read_words(text, true, |word, place| {
        if place == Place::Opening {
            f(word);
        }
    });
}

/// The first bytes of the characters that may open a sentence (see [`step`]).
static MAY_OPEN: [bool; 256] = {
    let mut table = [false; 256];
    table[b'.' as usize] = true;
    table[b'!' as usize] = true;
    table[b'?' as usize] = true;
    table[b':' as usize] = true;
    table[b'"' as usize] = true;
    table[b'\'' as usize] = true;
    // “ and ‘ (and every other character from U+2000 to U+2FFF)
    table[0xE2] = true;
    table
};

/// The openers' lower-case forms that are ASCII, filtered: most words of
/// the second pass are ruled out before they are lowered and hashed.
#[derive(Debug, Default)]
struct Filter(WordFilter);

impl Filter {
    /// Notes an opener by its lower-case form, if that is ASCII (only an
    /// ASCII word is ever ruled out, see [`Filter::may_hold`]).
    fn insert(&mut self, word: &str) {
        let lower = match word.is_ascii() {
            true => std::borrow::Cow::Borrowed(word),
            false => std::borrow::Cow::Owned(word.to_lowercase()),
        };
        if lower.is_ascii() {
            self.0.insert(lower.as_bytes());
        }
    }

    /// Whether `word` may have an opener's lower-case form (no false negatives).
    fn may_hold(&self, word: &str) -> bool {
        !word.is_ascii() || self.0.may_hold(word.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The words and places [`for_each_word`] gave when it decoded every
    /// character: the reference its byte-by-byte reading is tested against.
    fn by_char(text: &str) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        let mut f = |word: &str, place| out.push((word.to_string(), place == Place::Opening));
        let mut place = Place::Opening;
        let mut start = None;
        let mut prev = ' ';
        for (i, c) in text.char_indices() {
            if c.is_alphabetic() {
                start.get_or_insert(i);
            } else {
                if let Some(s) = start.take() {
                    f(&text[s..i], place);
                    place = Place::Inside;
                }
                place = match c {
                    '.' | '!' | '?' | ':' => Place::Opening,
                    '“' | '‘' => Place::Opening,
                    '"' | '\'' if prev.is_whitespace() || prev == '(' => Place::Opening,
                    c if c.is_whitespace() => place,
                    _ => Place::Inside,
                };
            }
            prev = c;
        }
        if let Some(s) = start {
            f(&text[s..], place);
        }
        out
    }

    fn by_byte(text: &str) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        for_each_word(text, |word, place| out.push((word.to_string(), place == Place::Opening)));
        out
    }

    proptest! {
        #[test]
        fn words_read_byte_by_byte_are_those_read_by_character(
            pieces in prop::collection::vec(prop::sample::select(vec![
                "Hours", "hours", "Élysée", "\u{212A}elvin", "kelvin", "n’est", "3pm", ".", ":", "?", "!", ",",
                " ", "\u{a0}", "\n", "(", "\"", "'", "“", "‘", "”", "’", "—", "é", "日本",
            ]), 0..40)
        ) {
            let text = pieces.concat();
            prop_assert_eq!(by_byte(&text), by_char(&text));
        }
    }

    fn openers(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_opener(text, |word| out.push(word.to_string()));
        out
    }

    proptest! {
        #[test]
        fn the_openers_found_by_skipping_are_those_every_word_read_gives(
            pieces in prop::collection::vec(prop::sample::select(vec![
                "Hours", "hours", "Élysée", "\u{212A}elvin", "n’est", "3pm", ".", ":", "?", "!", ",", " ", "\u{a0}",
                "\u{2003}", "\n", "(", "\"", "'", "“", "‘", "”", "’", "—", "é", "日本", "\u{2c00}", "\u{24d0}",
            ]), 0..40)
        ) {
            let text = pieces.concat();
            let every: Vec<String> = by_byte(&text).into_iter().filter(|(_, opens)| *opens).map(|(w, _)| w).collect();
            prop_assert_eq!(openers(&text), every);
        }
    }

    #[test]
    fn a_letter_after_a_skip_inside_a_word_opens_nothing() {
        // U+2C00 is a letter whose first byte is 0xE2, where a skip stops
        let text = "Ab. Ef gh\u{2c00}ij \"Ij\" kl (\"Mn\"), x\"Op\"";
        assert_eq!(openers(text), ["Ab", "Ef", "Ij", "Mn"]);
    }

    #[test]
    fn the_filter_keeps_an_opener_whose_lower_case_is_ascii() {
        let e = evidence("\u{212A}elvin left.\n\nThe kelvin is a unit.\n");
        assert!(e.is_ordinary_word("\u{212A}elvin"));
        assert!(e.is_ordinary_word("Kelvin"));
        let e = evidence("Élysée said.\n\nAn élysée spokesman.\n");
        assert!(e.is_ordinary_word("Élysée"));
    }

    fn evidence(text: &str) -> Openers {
        let doc = crate::markdown::parse(text);
        Openers::of(&doc)
    }

    #[test]
    fn a_key_is_the_hash_of_the_lower_case_form() {
        let whole = |w: &str| {
            let mut h = FastHash::default().build_hasher();
            h.write(w.to_lowercase().as_bytes());
            h.finish()
        };
        let long = "Antidisestablishmentarianism-Hours-Antidisestablishmentarianism";
        for w in ["Hours", "hours", "HOURS", "Élysée", "élysée", long, "\u{212A}elvin", ""] {
            assert_eq!(key(w), whole(w), "{w:?}");
        }
        assert_eq!(key("Hours"), key("hOURS"));
        assert_eq!(key("\u{212A}elvin"), key("Kelvin"));
        assert_ne!(key("Hours"), key("Hour"));
    }

    #[test]
    fn an_opener_written_in_lower_case_elsewhere_is_ordinary() {
        let e = evidence("Hours later the ferry sailed.\n\nIt took two hours to cross.\n");
        assert!(e.is_ordinary_word("Hours"));
    }

    #[test]
    fn a_capital_inside_a_sentence_makes_a_name() {
        let e = evidence("Young said the fares rose.\n\nThe young crew thanked Young.\n");
        assert!(!e.is_ordinary_word("Young"));
        let after_quote = evidence("Young left.\n\n\"We sail,\" Young said of the young crew.\n");
        assert!(!after_quote.is_ordinary_word("Young"));
    }

    #[test]
    fn a_word_never_written_in_lower_case_is_no_ordinary_word() {
        let e = evidence("Ortiz said the fares rose.\n");
        assert!(!e.is_ordinary_word("Ortiz"));
        assert!(!e.is_ordinary_word("Nobody"));
    }

    #[test]
    fn opening_quotation_marks_open_sentences() {
        let e = evidence("He said: “Wait for the tide.” They did wait.\n");
        assert!(e.is_ordinary_word("Wait"));
    }
}
