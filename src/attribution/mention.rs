//! Reading a noun phrase that can be a speaker: a name, a pronoun, a role.

use super::tokens::{TokKind, Token};
use super::SpeakerKind;
use crate::lexicon::Lexicon;

/// A speaker mention found in a block: tokens `start..end` and what kind of source it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub kind: SpeakerKind,
}

const PRONOUNS: &[&str] = &["he", "she", "they", "i", "we", "it", "you"];
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "one", "two", "three", "four", "several", "some", "many", "most", "other", "another",
    "his", "her", "their", "its", "our", "this", "that", "these", "those", "both", "all", "each", "few",
];
const NAME_LINKS: &[&str] = &["de", "van", "von", "bin", "al", "da", "del", "der", "la", "le", "di", "du", "ibn", "el", "y", "dos"];
/// Words that may stand between a subject and its verb: "Trump later said".
const ADVERBS: &[&str] = &[
    "also", "later", "then", "has", "have", "had", "was", "is", "previously", "once", "again", "already",
    "just", "still", "further", "would", "will", "did", "does", "first", "often", "repeatedly", "recently",
    "reportedly", "publicly", "privately", "simply", "flatly", "quickly", "angrily", "bluntly", "initially",
    "ultimately", "finally", "subsequently", "separately", "herself", "himself", "themselves", "itself",
    "never", "not", "has", "had", "could", "might", "may", "can", "should", "must", "too",
];

/// A view of a block's tokens with the lexicon at hand.
pub struct Frame<'a> {
    pub text: &'a str,
    pub toks: &'a [Token],
    pub lex: &'a Lexicon,
}

impl<'a> Frame<'a> {
    pub fn word(&self, i: usize) -> &'a str {
        match self.toks.get(i) {
            Some(t) if t.kind != TokKind::Quote(usize::MAX) => t.text(self.text),
            _ => "",
        }
    }

    pub fn lower(&self, i: usize) -> String {
        self.word(i).to_lowercase()
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(Token::is_word)
    }

    pub fn is_quote(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| matches!(t.kind, TokKind::Quote(_)))
    }

    pub fn is_punct(&self, i: usize, set: &str) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokKind::Punct) && set.contains(self.word(i))
    }

    /// Starts with a capital (or digit-free initial), so may be part of a name.
    pub fn is_cap(&self, i: usize) -> bool {
        self.is_word(i) && self.word(i).chars().next().is_some_and(char::is_uppercase)
    }

    pub fn is_pronoun(&self, i: usize) -> bool {
        self.is_word(i) && PRONOUNS.contains(&self.lower(i).as_str())
    }

    pub fn is_determiner(&self, i: usize) -> bool {
        self.is_word(i) && DETERMINERS.contains(&self.lower(i).as_str())
    }

    pub fn is_adverb(&self, i: usize) -> bool {
        let w = self.lower(i);
        self.is_word(i) && (ADVERBS.contains(&w.as_str()) || (w.len() > 4 && w.ends_with("ly") && !self.is_cap(i)))
    }

    pub fn is_role(&self, i: usize) -> bool {
        let w = self.lower(i);
        self.is_word(i) && (self.lex.is_role_noun(&w) || self.lex.is_role_noun(w.trim_end_matches('s')))
    }

    fn is_name_part(&self, i: usize) -> bool {
        (self.is_cap(i) && !self.is_pronoun(i)) || (self.is_word(i) && NAME_LINKS.contains(&self.word(i)))
    }

    /// Text of tokens `start..end` as written.
    pub fn span_text(&self, start: usize, end: usize) -> &'a str {
        match (self.toks.get(start), end.checked_sub(1).and_then(|e| self.toks.get(e))) {
            (Some(a), Some(b)) if b.end >= a.start => self.text.get(a.start..b.end).unwrap_or_default(),
            _ => "",
        }
    }

    /// Kind of a capitalised name: an organisation when it has an
    /// organisation word, an outlet, or is an acronym; otherwise a person.
    fn name_kind(&self, start: usize, end: usize) -> SpeakerKind {
        let org = (start..end).any(|i| {
            let w = self.word(i).trim_end_matches('.');
            self.lex.is_org_head(w) || (w.len() >= 2 && w.len() <= 6 && w.chars().all(|c| c.is_ascii_uppercase()))
        }) || self.lex.outlet_at(self.span_text(start, end), 0).is_some_and(|(r, _)| r.end >= self.span_text(start, end).len());
        if org {
            SpeakerKind::Organization
        } else {
            SpeakerKind::Person
        }
    }

    /// The speaker phrase that ends at token `end - 1`, read leftwards.
    pub fn mention_ending(&self, lo: usize, end: usize) -> Option<Mention> {
        let last = end.checked_sub(1)?;
        if last < lo || !self.is_word(last) {
            return None;
        }
        if self.is_pronoun(last) {
            return Some(Mention { start: last, end, kind: SpeakerKind::Pronoun });
        }
        if self.is_name_part(last) {
            let mut start = last;
            while start > lo && (self.is_name_part(start - 1) || self.lex.is_title(self.word(start - 1))) {
                start -= 1;
            }
            if self.is_determiner(start.saturating_sub(1)) && start > lo && self.lower(start - 1) == "the" {
                start -= 1;
            }
            return Some(self.classify_name(start, end));
        }
        if self.is_role(last) {
            let mut start = last;
            while start > lo && self.is_word(start - 1) && !self.is_determiner(start) && !self.is_pronoun(start - 1) {
                if self.lex.verb(&self.lower(start - 1)).is_some() {
                    break;
                }
                start -= 1;
                if self.is_determiner(start) {
                    break;
                }
            }
            return Some(self.role(start, end));
        }
        None
    }

    /// The speaker phrase that starts at token `start`, read rightwards
    /// ("said Rep. G.K. Butterfield", "said a spokesman for the ministry").
    pub fn mention_starting(&self, start: usize, hi: usize) -> Option<Mention> {
        if start >= hi || !self.is_word(start) {
            return None;
        }
        if self.is_pronoun(start) {
            return Some(Mention { start, end: start + 1, kind: SpeakerKind::Pronoun });
        }
        let mut end = start;
        if self.lower(start) == "the" || self.is_name_part(start) || self.lex.is_title(self.word(start)) {
            if self.lower(start) == "the" {
                end += 1;
            }
            while end < hi && (self.is_name_part(end) || self.lex.is_title(self.word(end))) {
                end += 1;
            }
            if end > start && (end > start + 1 || self.lower(start) != "the") && self.is_cap(end - 1) {
                return Some(self.classify_name(start, end));
            }
            end = start;
        }
        // a role: determiner, modifiers, then a role noun, then "for/of/at X"
        while end < hi && self.is_word(end) && end - start < 6 {
            if self.is_role(end) {
                let mut stop = end + 1;
                if matches!(self.lower(stop).as_str(), "for" | "of" | "at" | "with" | "to" | "close" | "familiar" | "from" | "in") {
                    stop = self.extend_modifier(stop, hi);
                }
                return Some(self.role(start, stop));
            }
            if self.lex.verb(&self.lower(end)).is_some() && end > start {
                return None;
            }
            end += 1;
        }
        None
    }

    /// "for the Defense Ministry", "close to the talks": up to the next comma.
    fn extend_modifier(&self, from: usize, hi: usize) -> usize {
        let mut i = from;
        while i < hi && self.is_word(i) && i - from < 8 {
            if self.lex.verb(&self.lower(i)).is_some_and(|v| v.is_finite()) {
                break;
            }
            i += 1;
        }
        i
    }

    fn classify_name(&self, start: usize, end: usize) -> Mention {
        Mention { start, end, kind: self.name_kind(start, end) }
    }

    /// A role phrase, sharpened into anonymous or vague when its words say so.
    fn role(&self, start: usize, end: usize) -> Mention {
        let text = self.span_text(start, end);
        let kind = if self.lex.is_anonymous(text) {
            SpeakerKind::Anonymous
        } else if self.lex.is_vague_speaker(text) {
            SpeakerKind::Vague
        } else {
            SpeakerKind::Role
        };
        Mention { start, end, kind }
    }
}
