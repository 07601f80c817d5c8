//! The evidence for one ASCII word, from a search of the draft for it: its
//! first letter in either case is found with `memchr`, and only where the
//! rest follows as a whole word is it read where it stands.

use super::{step, Place};
use crate::markdown::Document;

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
}
