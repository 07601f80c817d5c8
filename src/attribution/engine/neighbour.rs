//! A quote with no attribution in its own sentence: the sentence before
//! or after it in the same paragraph may name the speaker.

use super::{introducer, located, Views};
use crate::attribution::discourse;
use crate::attribution::mention::Frame;
use crate::attribution::patterns::{Found, Sentence};
use crate::attribution::SpeakerKind;
use crate::lexicon::Lexicon;
use crate::quote::Quote;

/// What [`Frame::after_quote`] found after each quotation of the last two
/// sentences asked about. Every quotation of a sentence asks about all its
/// siblings, and about those of the sentence before: without it, a sentence
/// of hundreds of quotations nobody signs (one cut at its longest, with no
/// full stop) read each sibling's 32 tokens again for each of them.
#[derive(Default)]
pub(super) struct SignedSiblings {
    recent: Vec<Memo>,
}

struct Memo {
    block: usize,
    lo: usize,
    /// By token from `lo`: `None` until asked.
    found: Vec<Option<Option<Found>>>,
}

impl SignedSiblings {
    fn after_quote(&mut self, b: usize, f: &Frame, s: Sentence, j: usize) -> Option<Found> {
        let len = s.hi - s.lo;
        let same = |m: &Memo| m.block == b && m.lo == s.lo && m.found.len() == len;
        let k = match self.recent.iter().position(same) {
            Some(k) => k,
            None => {
                // the sentence and the one before it: quotations come in reading order
                if self.recent.len() == 2 {
                    self.recent.remove(0);
                }
                self.recent.push(Memo { block: b, lo: s.lo, found: vec![None; len] });
                self.recent.len() - 1
            }
        };
        match self.recent.get_mut(k).and_then(|m| m.found.get_mut(j.wrapping_sub(s.lo))) {
            Some(slot) => *slot.get_or_insert_with(|| f.after_quote(s, j)),
            None => f.after_quote(s, j),
        }
    }
}

/// `S said. "Q"` or `S said: ` in the sentence before, in the same block;
/// or a later quote in the same sentence that is attributed (`"Q1," S said, "Q2."`).
pub(super) fn neighbour(
    id: usize,
    q: &Quote,
    views: &Views,
    lex: &Lexicon,
    signed: &mut SignedSiblings,
) -> Option<(usize, Found)> {
    let b = q.first_block();
    let (v, t) = located(id, b, views)?;
    let f = v.frame(lex);
    let s = v.sentence(t);
    // siblings in the same sentence: earlier ones first
    for j in (s.lo..s.hi).filter(|&j| j != t && f.is_quote(j)) {
        if let Some(found) = signed.after_quote(b, &f, s, j).filter(|fd| fd.cue < t || j > t) {
            return Some((b, found));
        }
    }
    // the sentence before, when it introduces the quote or the quote stands alone
    let alone = (s.lo..s.hi).all(|j| f.is_quote(j) || f.is_punct(j, ".,!?;:—–-()"));
    // "Reid, in particular, has been pounding Trump as a “con artist”": a
    // quote inside a sentence about a person is theirs, not the last speaker's
    let after_colon = |j: usize| j > 0 && f.is_punct(j - 1, ":");
    if !alone && !after_colon(s.lo) && !after_colon(t) {
        let head = Sentence { lo: s.lo, hi: t };
        let own = sentence_subject(&f, head).filter(|fd| {
            // "they" is as often a group nobody named ("his friends") as a named one
            let person = fd.mention.kind == SpeakerKind::Person
                || (fd.mention.kind == SpeakerKind::Pronoun && matches!(f.lower(fd.mention.start), "he" | "she"));
            // "Reid has been pounding": the verb, or the auxiliary before it
            let verb =
                discourse::is_sure_verb(&f, fd.cue) || discourse::is_sure_verb(&f, fd.cue.saturating_sub(1));
            person && verb
        });
        if let Some(found) = own {
            return Some((b, found));
        }
    }
    if s.lo > 0 {
        let prev = v.sentence(s.lo - 1);
        let has_quote = (prev.lo..prev.hi).any(|j| f.is_quote(j));
        let ends_colon = f.is_punct(prev.hi - 1, ":");
        // "… scolded him: “Q1,” she said. “Q2”": the signature nearest the
        // quote, that of the last quote before it, not the sentence's first verb
        if alone && has_quote {
            let nearest = (prev.lo..prev.hi)
                .rev()
                .filter(|&j| f.is_quote(j))
                .find_map(|j| signed.after_quote(b, &f, prev, j));
            if let Some(found) = nearest {
                return Some((b, found));
            }
        }
        if !has_quote || ends_colon || alone {
            if let Some(found) = introducer(&f, prev) {
                return Some((b, found));
            }
        }
        // "Sanders identified bigotry as one reason. “The younger people are …”":
        // a quote standing alone after a sentence about someone is theirs
        if alone {
            if let Some(found) = sentence_subject(&f, prev) {
                return Some((b, found));
            }
        }
    }
    // "“Q.” Trump said.": a short sentence after the quote that only attributes;
    // "“Why now?” Ms. Roe asked, adding …": an attribution that opens the next sentence
    if alone && s.hi < v.toks.len() {
        let next = v.sentence(s.hi);
        let words = (next.lo..next.hi).filter(|&j| f.is_word(j)).count();
        let quoted = (next.lo..next.hi).any(|j| f.is_quote(j));
        if words <= 7 && !quoted {
            if let Some(found) = introducer(&f, next) {
                return Some((b, found));
            }
        }
        // (not when it quotes someone itself: "“Q.” Haddad said the vote was “final”" is ambiguous)
        let quotes_too = (next.lo..next.hi).any(|j| f.is_quote(j) && !f.is_name_part(j));
        let head = Sentence { lo: next.lo, hi: next.hi.min(next.lo + 30) };
        // ("“Q!” Scott's niece, state Sen. Marcia Price, shouted": the name may
        // stand in apposition to the phrase that opens the sentence)
        let after_comma = |m: usize| {
            (m.saturating_sub(3).max(next.lo)..m).rev().find(|&c| f.is_punct(c, ",")).is_some_and(|c| {
                (c + 1..m).all(|j| f.is_word(j) && !f.is_cap(j)) // "…, state Sen. Marcia Price"
            })
        };
        let opens = |m: usize| m == next.lo || (m > next.lo && m <= next.lo + 8 && after_comma(m));
        let opening = introducer(&f, head).filter(|fd| opens(fd.mention.start) && fd.cue > fd.mention.start);
        if let (false, Some(found)) = (quotes_too, opening) {
            return Some((b, found));
        }
    }
    // a paragraph that opens with the quote, after one that ends "… said:"
    if t == 0 {
        let pv = views.get(b.checked_sub(1)?)?;
        let pf = pv.frame(lex);
        let last = pv.toks.len().checked_sub(1)?;
        if pf.is_punct(last, ":") {
            // "as the foundation's website notes:", "Smith released this statement:"
            let ps = pv.sentence(last);
            let found = introducer(&pf, ps).or_else(|| {
                let m = (ps.lo..ps.hi).find_map(|i| pf.mention_starting(i, ps.hi))?;
                Some(Found { mention: m, cue: last, cue_len: 1 })
            });
            return found.map(|found| (b - 1, found));
        }
    }
    None
}

/// The person (or organisation) a sentence is about: its subject, when a
/// verb follows it (past an appositive and adverbs).
pub(super) fn sentence_subject(f: &Frame, s: Sentence) -> Option<Found> {
    let start = discourse::subject_start(f, s);
    // someone else's words in the sentence: it is not simply about its subject
    if (start..s.hi).any(|j| f.is_quote(j)) {
        return None;
    }
    let m = f.mention_starting(start, s.hi)?;
    if !matches!(m.kind, SpeakerKind::Person | SpeakerKind::Pronoun | SpeakerKind::Organization) {
        return None;
    }
    let mut v = m.end;
    if f.is_punct(v, ",(") {
        // "Sen. Bernie Sanders (Vt.), who lost the primaries, identified"
        v = (v + 1..s.hi.min(v + 30)).rev().find(|&j| f.is_punct(j, ",)")).map_or(v, |j| j + 1);
        if f.is_punct(v, ",") {
            v += 1;
        }
    }
    while v < s.hi && f.is_adverb(v) {
        v += 1;
    }
    let verb_like = f.is_word(v) && !f.is_cap(v) && !f.is_determiner(v) && !f.is_pronoun(v);
    verb_like.then_some(Found { mention: m, cue: v, cue_len: 1 })
}
