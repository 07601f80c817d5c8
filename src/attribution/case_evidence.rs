//! What the whole draft says of a capitalised word that opens a sentence:
//! "Hours after the vote, …", "Challenged on the point, …". A sentence's
//! first word is capitalised whatever it is, so its capital proves nothing;
//! the same word written in lower case elsewhere in the draft, and never
//! capitalised inside a sentence, is an ordinary word, not a name.
//!
//! Attribution asks this of a few words a draft (seven or so in a news
//! story), so each is first answered by searching the draft for that word
//! alone ([`search`]). Reading every word of the draft twice to answer for
//! all of them at once ([`whole`]) cost a tenth of a `check`; it is done
//! only once a draft has been searched for more words than that is worth,
//! and for the words a search cannot answer.

mod search;
mod whole;

use std::cell::{OnceCell, RefCell};
use whole::Openers;

use crate::markdown::Document;

/// How many words a draft is searched for, one by one, before the whole
/// draft is read once instead. A search costs about a sixteenth of that
/// read (on the PolNeAR training articles, 4 instructions a byte against
/// 69), so no draft pays more than twice what reading it whole would cost,
/// and most (under sixteen words asked) pay far less. With eight, 185 of
/// those 840 articles were read whole; with sixteen, the total was 1% less.
const MAX_SEARCHES: usize = 16;

/// The evidence of one draft, gathered as it is asked for.
pub struct CaseEvidence<'d> {
    doc: &'d Document,
    /// The words searched for, lower-cased, and the answers.
    searched: RefCell<Vec<(String, bool)>>,
    /// Every opener of the draft, once read.
    whole: OnceCell<Openers>,
    /// The draft in lower case, to search (none for a long draft).
    lowered: OnceCell<Option<search::Lowered>>,
    /// Whether a search can answer for the draft's ASCII words: not when it
    /// has a character whose lower-case form is ASCII (the Kelvin sign).
    searchable: bool,
}

/// Where a word stands: opening a sentence (its capital says nothing) or inside one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Opening,
    Inside,
}

impl<'d> CaseEvidence<'d> {
    pub fn of(doc: &'d Document) -> Self {
        let searchable = !doc.blocks.iter().any(|b| b.text.contains('\u{212A}'));
        CaseEvidence {
            doc,
            searched: RefCell::default(),
            whole: OnceCell::new(),
            lowered: OnceCell::new(),
            searchable,
        }
    }

    /// `word` (as it opens a sentence) is an ordinary word: the draft also
    /// writes it in lower case and never capitalises it inside a sentence.
    pub fn is_ordinary_word(&self, word: &str) -> bool {
        if let Some(whole) = self.whole.get() {
            return whole.is_ordinary_word(word);
        }
        // every word of the draft is a run of letters: no other is ever one
        // ("Trump’s", "U.S."), and needs no read of the draft
        if word.is_empty() || !word.chars().all(char::is_alphabetic) {
            return false;
        }
        if !self.searchable || !word.is_ascii() {
            return self.whole().is_ordinary_word(word);
        }
        let mut searched = self.searched.borrow_mut();
        if let Some(&(_, answer)) = searched.iter().find(|(w, _)| w.eq_ignore_ascii_case(word)) {
            return answer;
        }
        if searched.len() >= MAX_SEARCHES {
            drop(searched);
            return self.whole().is_ordinary_word(word);
        }
        let lower = word.to_ascii_lowercase();
        let answer = match self.lowered.get_or_init(|| search::Lowered::of(self.doc)) {
            Some(copy) => copy.is_ordinary_word(self.doc, &lower),
            None => search::is_ordinary_word(self.doc, word),
        };
        searched.push((lower, answer));
        answer
    }

    fn whole(&self) -> &Openers {
        self.whole.get_or_init(|| Openers::of(self.doc))
    }
}

fn starts_upper(word: &str) -> bool {
    match word.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => word.chars().next().is_some_and(char::is_uppercase),
    }
}

/// Where the next word stands after the character `c`, which is no letter,
/// given where it stood before `c` and whether the character before `c` is
/// whitespace or `(` (`after_space`); and that for the character after `c`.
/// A word opens a sentence at the start of the block, after `.`, `!`, `?`
/// or `:`, or after an opening quotation mark; one after a closing mark
/// ("…," Young said) is inside its sentence.
fn step(place: Place, after_space: bool, c: char) -> (Place, bool) {
    let place = match c {
        '.' | '!' | '?' | ':' => Place::Opening,
        '“' | '‘' => Place::Opening,
        '"' | '\'' if after_space => Place::Opening,
        c if c.is_whitespace() => place,
        _ => Place::Inside,
    };
    (place, c.is_whitespace() || c == '(')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn only_the_kelvin_sign_lowers_to_ascii_letters() {
        // why a draft without it can be searched for an ASCII word alone
        let lowers_to_ascii = |c: char| !c.is_ascii() && c.to_lowercase().all(|l| l.is_ascii_alphabetic());
        let found: Vec<char> =
            (0..=u32::from(char::MAX)).filter_map(char::from_u32).filter(|&c| lowers_to_ascii(c)).collect();
        assert_eq!(found, ['\u{212A}']);
    }

    const ASKED: &[&str] = &[
        "Hours",
        "hours",
        "Young",
        "Wait",
        "The",
        "It",
        "Élysée",
        "U.S.",
        "Kelvin",
        "Said",
        "Ana",
        "Ortiz",
        "",
        "Young’s",
        "Élysée’s",
        "n’est",
    ];

    fn draft() -> impl Strategy<Value = String> {
        let pieces = concat!(
            "Hours|hours|HOURS|Young|young|Wait|wait|The|the|It|it|Élysée|élysée|\u{212A}elvin|kelvin|Said|said|",
            "Ana|Ortiz|hoursé|U.S.|3pm|Young’s|young’s|n’est|.|:|?|!|,|;| | |\n\n|\u{a0}|(|\"|'|“|‘|”|’|—"
        );
        crate::tokens::drafts_of(pieces, 80)
    }

    proptest! {
        /// Searched word by word (and past the searches' limit), the
        /// answers are those of reading the whole draft.
        #[test]
        fn a_search_answers_what_the_whole_draft_says(text in draft(), order in Just(ASKED.to_vec()).prop_shuffle()) {
            let doc = crate::markdown::parse(&text);
            let whole = Openers::of(&doc);
            let evidence = CaseEvidence::of(&doc);
            for word in order.iter().chain(ASKED) {
                prop_assert_eq!(evidence.is_ordinary_word(word), whole.is_ordinary_word(word), "{:?}", word);
            }
        }
    }

    #[test]
    fn searches_answer_until_the_whole_draft_is_read() {
        let doc = crate::markdown::parse("Hours later the ferry sailed.\n\nIt took two hours to cross.\n");
        let evidence = CaseEvidence::of(&doc);
        assert!(evidence.is_ordinary_word("Hours"));
        assert!(!evidence.is_ordinary_word("Élysée’s") && !evidence.is_ordinary_word("Hours’"));
        assert!(evidence.whole.get().is_none(), "no word but a run of letters needs the whole draft");
        // distinct words of letters, none in the draft
        let more: Vec<String> = (1..MAX_SEARCHES).map(|n| format!("Word{}", "s".repeat(n))).collect();
        assert!(more.iter().all(|w| !evidence.is_ordinary_word(w)));
        assert!(evidence.whole.get().is_none(), "as many words searched as may be");
        assert!(!evidence.is_ordinary_word("The"));
        assert!(evidence.whole.get().is_some(), "one more reads the whole draft");
        assert!(evidence.is_ordinary_word("HOURS"));
    }
}
