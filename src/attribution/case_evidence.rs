//! What the whole draft says of a capitalised word that opens a sentence:
//! "Hours after the vote, …", "Challenged on the point, …". A sentence's
//! first word is capitalised whatever it is, so its capital proves nothing;
//! the same word written in lower case elsewhere in the draft, and never
//! capitalised inside a sentence, is an ordinary word, not a name.
//!
//! Built in two light passes over the blocks' text (no tokenising): the
//! first collects the words that open sentences, the second looks for them
//! anywhere else. Memory grows with the number of distinct sentence-opening
//! words, not with the draft.

use crate::lexicon::FastHash;
use crate::markdown::Document;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};

const SEEN_LOWER: u8 = 1;
const SEEN_CAPITAL_INSIDE: u8 = 2;

/// For each word that opens a sentence somewhere in the draft (keyed by a
/// hash of its lower-case form): how else the draft writes it.
#[derive(Debug, Default)]
pub struct CaseEvidence {
    openers: HashMap<u64, u8, FastHash>,
}

/// Where a word stands: opening a sentence (its capital says nothing) or inside one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Opening,
    Inside,
}

impl CaseEvidence {
    pub fn of(doc: &Document) -> Self {
        let mut evidence = CaseEvidence::default();
        for block in &doc.blocks {
            crate::budget::tick();
            for_each_word(&block.text, |word, place| {
                if place == Place::Opening && starts_upper(word) {
                    evidence.openers.entry(key(word)).or_insert(0);
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
                if let Some(flags) = evidence.openers.get_mut(&key(word)) {
                    *flags |= seen;
                }
            });
        }
        evidence
    }

    /// `word` (as it opens a sentence) is an ordinary word: the draft also
    /// writes it in lower case and never capitalises it inside a sentence.
    pub fn is_ordinary_word(&self, word: &str) -> bool {
        self.openers.get(&key(word)) == Some(&SEEN_LOWER)
    }
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
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
fn for_each_word(text: &str, mut f: impl FnMut(&str, Place)) {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(text: &str) -> CaseEvidence {
        let doc = crate::markdown::parse(text);
        CaseEvidence::of(&doc)
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
