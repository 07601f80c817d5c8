//! The evidence for one ASCII word, from a search of the draft for it: in
//! a lower-case copy of the draft (see [`Lowered`]) or, in a draft too long
//! to copy, by its rarest letter in either case found with `memchr`; only
//! where the word is written whole is it read where it stands.

use super::{step, Place};
use crate::markdown::Document;

/// The longest draft (its blocks' bytes) searched in a lower-case copy:
/// the copy is held while the draft is attributed, and a draft of
/// megabytes is searched in place instead.
pub(super) const MAX_LOWERED: usize = 256 * 1024;

/// A draft in lower case (ASCII letters lowered, every other byte as it
/// is), its blocks one after another with a space between, so no word runs
/// from one block into the next. A search of the draft for its rarest
/// letter stopped at a hundred places for each word asked (every dozen
/// bytes or so), twelve thousand instructions a word; `memmem` in the copy
/// stops only where the word is written, in any case.
pub(super) struct Lowered {
    text: Vec<u8>,
    /// Where each block starts in `text`.
    starts: Vec<usize>,
}

impl Lowered {
    /// The copy of `doc`, or none if it is longer than [`MAX_LOWERED`].
    pub(super) fn of(doc: &Document) -> Option<Lowered> {
        let len: usize = doc.blocks.iter().map(|b| b.text.len() + 1).sum();
        if len > MAX_LOWERED {
            return None;
        }
        let mut text = Vec::with_capacity(len);
        let mut starts = Vec::with_capacity(doc.blocks.len());
        for block in &doc.blocks {
            starts.push(text.len());
            text.extend_from_slice(block.text.as_bytes());
            text.push(b' ');
        }
        text.make_ascii_lowercase();
        Some(Lowered { text, starts })
    }

    /// [`is_ordinary_word`] of the word whose lower-case form is `lower`
    /// (ASCII letters) in `doc`, the draft this copies: a byte of the copy
    /// is the lower-case form of the draft's byte at the same place in its
    /// block, so the word found in the copy is where the draft writes it in
    /// some case, and is read there.
    pub(super) fn is_ordinary_word(&self, doc: &Document, lower: &str) -> bool {
        crate::budget::tick();
        let (mut opener, mut found_lower) = (false, false);
        // (matches that overlap one found are passed over: none is a whole
        // word, as the letters of the one found are on its left)
        for hit in memchr::memmem::find_iter(&self.text, lower.as_bytes()) {
            let b = self.starts.partition_point(|&s| s <= hit).saturating_sub(1);
            let (Some(start), Some(block)) = (self.starts.get(b), doc.blocks.get(b)) else { break };
            let (text, at) = (&*block.text, hit - start);
            if !is_whole_word(text, at, at + lower.len()) {
                continue;
            }
            let capital = text.as_bytes().get(at).is_some_and(u8::is_ascii_uppercase);
            match (capital, place_at(text, at)) {
                (false, _) => found_lower = true,
                (true, Place::Opening) => opener = true,
                (true, Place::Inside) => return false,
            }
        }
        opener && found_lower
    }
}

/// [`super::CaseEvidence::is_ordinary_word`] for a word of ASCII letters, in
/// a draft where only ASCII words lower to ASCII (no Kelvin sign): the word
/// opens a sentence capitalised somewhere, is written in lower case
/// somewhere, and is never capitalised inside a sentence.
pub(super) fn is_ordinary_word(doc: &Document, word: &str) -> bool {
    let wanted = word.as_bytes();
    let Some((k, key)) = rarest_letter(wanted) else { return false };
    let (mut opener, mut lower) = (false, false);
    for block in &doc.blocks {
        crate::budget::tick();
        let text = &*block.text;
        let bytes = text.as_bytes();
        // each place the word is written holds its rarest letter once, `k` bytes in
        for hit in memchr::memchr2_iter(key.to_ascii_lowercase(), key.to_ascii_uppercase(), bytes) {
            let Some(at) = hit.checked_sub(k) else { continue };
            let Some(found) = bytes.get(at..at + wanted.len()) else { break };
            if !found.eq_ignore_ascii_case(wanted) || !is_whole_word(text, at, at + wanted.len()) {
                continue;
            }
            match (found[0].is_ascii_uppercase(), place_at(text, at)) {
                (false, _) => lower = true,
                (true, Place::Opening) => opener = true,
                (true, Place::Inside) => return false,
            }
        }
    }
    opener && lower
}

/// ASCII letters from the most to the least common in English prose.
const BY_FREQUENCY: &[u8; 26] = b"etaoinshrdlcumwfgypbvkjxqz";

/// The letter of `word` least common in prose, and its offset: `memchr`
/// stops at every occurrence of the letter searched for, and the first
/// letter of a word (a "t", an "s") occurs every dozen bytes or so.
fn rarest_letter(word: &[u8]) -> Option<(usize, u8)> {
    let rank = |b: u8| BY_FREQUENCY.iter().position(|&f| f == b.to_ascii_lowercase()).unwrap_or(0);
    let mut best: Option<(usize, u8)> = None;
    for (i, &b) in word.iter().enumerate() {
        if best.is_none_or(|(_, r)| rank(b) > rank(r)) {
            best = Some((i, b));
        }
    }
    best
}

/// Whether `start..end` of `text` (ASCII at both ends) is a whole run of letters.
fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let letter = |c: Option<char>| c.is_some_and(char::is_alphabetic);
    let before = text.get(..start).and_then(|s| s.chars().next_back());
    let after = text.get(end..).and_then(|s| s.chars().next());
    !letter(before) && !letter(after)
}

/// Where the word at `at` stands, as the reading of every word gives it:
/// from the end of the word before (inside its sentence, after a letter) or
/// from the start of the block, through the characters up to `at`.
fn place_at(text: &str, at: usize) -> Place {
    let before = text.get(..at).unwrap_or_default();
    let (from, mut place, mut after_space) = match before.char_indices().rev().find(|(_, c)| c.is_alphabetic()) {
        Some((i, c)) => (i + c.len_utf8(), Place::Inside, false),
        None => (0, Place::Opening, true),
    };
    for c in before.get(from..).unwrap_or_default().chars() {
        (place, after_space) = step(place, after_space, c);
    }
    place
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_search_stops_at_the_rarest_letter() {
        assert_eq!(rarest_letter(b"Ortiz"), Some((4, b'z')));
        assert_eq!(rarest_letter(b"The"), Some((1, b'h')));
        // ties go to the first; every letter has its rank
        assert_eq!(rarest_letter(b"Anna"), Some((1, b'n')));
        assert!(BY_FREQUENCY.iter().all(|b| b.is_ascii_lowercase()));
        assert_eq!((b'a'..=b'z').filter(|b| BY_FREQUENCY.contains(b)).count(), 26);
        assert_eq!(rarest_letter(b""), None);
    }

    #[test]
    fn a_word_found_by_an_inner_letter_is_read_where_it_starts() {
        let doc = crate::markdown::parse("Ortiz arrived. Later ortiz left.\n");
        assert!(is_ordinary_word(&doc, "Ortiz"));
        let doc = crate::markdown::parse("z Ortiz and then Ortiz.\n");
        assert!(!is_ordinary_word(&doc, "Ortiz"), "capitalised inside a sentence");
    }

    fn draft() -> impl proptest::strategy::Strategy<Value = String> {
        let pieces = concat!(
            "Hours|hours|HOURS|hOurs|Ho|ho|urs|URS|Anna|anna|annanna|Nna|The|the|Ortiz|ortiz|é|É|Élysée|",
            ".|:|?|!|,|;| | |\n\n|\u{a0}|(|\"|'|“|‘|”|’|—|- |# |> |* "
        );
        crate::tokens::drafts_of(pieces, 60)
    }

    proptest::proptest! {
        /// The search in the lower-case copy answers as the search of the
        /// draft by the word's rarest letter, for words written in any
        /// case, across the end of a block, and inside one another.
        #[test]
        fn the_copy_answers_as_the_draft(text in draft()) {
            let doc = crate::markdown::parse(&text);
            let lowered = Lowered::of(&doc).expect("a short draft is copied");
            for word in ["Hours", "Ho", "Urs", "Anna", "Nna", "The", "Ortiz", "Annanna", "Hoursurs"] {
                let lower = word.to_ascii_lowercase();
                proptest::prop_assert_eq!(
                    lowered.is_ordinary_word(&doc, &lower),
                    is_ordinary_word(&doc, word),
                    "{:?}", word
                );
            }
        }
    }

    #[test]
    fn a_draft_too_long_to_copy_is_searched_in_place() {
        let short = crate::markdown::parse("Hours later it sailed.\n\nIt took hours.\n");
        assert!(Lowered::of(&short).is_some_and(|l| l.is_ordinary_word(&short, "hours")));
        let long = crate::markdown::parse(&"Hours later it sailed. It took hours.\n\n".repeat(MAX_LOWERED / 30));
        assert!(Lowered::of(&long).is_none());
        assert!(is_ordinary_word(&long, "Hours"));
    }
}
