//! `"Q," S said.` / `"Q," said S.`: the attribution after the quotation.

use super::{Found, Sentence};
use crate::attribution::mention::{Frame, Mention};
use crate::attribution::SpeakerKind;

/// Reporting verbs whose subject may follow them after a comma ("…, said
/// Omar Haddad"), and that take no person as their object.
const INVERTING_VERBS: &[&str] = &[
    "say",
    "add",
    "write",
    "explain",
    "note",
    "continue",
    "recall",
    "insist",
    "argue",
    "observe",
    "reply",
    "respond",
    "remark",
    "conclude",
    "acknowledge",
    "state",
    "tweet",
    "predict",
    "admit",
    "declare",
];

impl Frame<'_> {
    /// `"Q," S said` / `"Q," said S` / `"Q," according to S` / `"Q" ― S` /
    /// `"Q" for a reason, she said` (the first speech verb after the quote).
    pub fn after_quote(&self, s: Sentence, q: usize) -> Option<Found> {
        let mut i = q + 1;
        // "“Q” ― Jane Roe", "“Q” ― a source": a dash signs the quote
        if self.is_punct(i, "―—–") {
            if let Some(m) =
                self.mention_starting(i + 1, s.hi).filter(|m| m.kind != SpeakerKind::Role || self.is_cap(i + 1))
            {
                return Some(Found { mention: m, cue: i, cue_len: 1 });
            }
        }
        while i < s.hi && self.is_punct(i, ",—–-") {
            i += 1;
        }
        // "“Q,” experts." with no verb: a vague or anonymous source signs it
        let signed = self.closed_by_comma(q);
        if signed && !self.is_speech_verb(i) {
            if let Some(m) = self.mention_starting(i, s.hi).filter(|m| {
                matches!(m.kind, SpeakerKind::Vague | SpeakerKind::Anonymous)
                    && !(m.end..s.hi.min(m.end + 4)).any(|j| self.is_speech_verb(j))
            }) {
                return Some(Found { mention: m, cue: m.start, cue_len: 1 });
            }
        }
        // "« Q », a déclaré M. X": an auxiliary before the inverted verb
        if self.is_glossed(i) && self.is_adverb(i) && !self.is_speech_verb(i) && self.is_speech_verb(i + 1) {
            i += 1;
        }
        if let Some(len) = self.according_to_at(i) {
            let m = self.mention_starting(i + len, s.hi).or_else(|| self.source_phrase(i + len, s.hi))?;
            return Some(Found { mention: m, cue: i, cue_len: len });
        }
        // ("“…,” Read said": a surname spelled like a verb, before the verb)
        let verb_like_name = self.is_cap(i) && self.is_speech_verb(i + 1);
        if self.is_speech_verb(i) && !verb_like_name {
            // "said Soo Kim", "said 9/11 widow Terry Strada"; not whom it was
            // said to ("a indiqué à l’AFP Marie Dubois")
            // ("…,” put it, “Q”": the idiom's "it" is no speaker)
            let first = if self.put_it_at(i) { i + 2 } else { i + 1 };
            let m = (first..s.hi.min(i + 6))
                .filter(|&j| !self.after_to(j))
                .find_map(|j| self.mention_starting(j, s.hi))
                .or_else(|| self.determined_phrase(i + 1, s.hi))?; // "said the ruling"
            let m = self.named_in_apposition(m, s.hi).unwrap_or(m);
            return Some(Found { mention: m, cue: i, cue_len: 1 });
        }
        // room for a long appositive: "Q," Jane Doe, director of … and a professor at …, said
        let stop = s.hi.min(i + 32);
        let from = if verb_like_name { i + 1 } else { i };
        let Some(v) = (from..stop).find(|&j| self.is_speech_verb(j) || self.is_future_speech(j)) else {
            return signed.then(|| self.unlisted_verb_signature(i, s)).flatten();
        };
        // "“We're happy” about the decision, said Jane Roe": inverted after the
        // words that finish the writer's sentence
        let after_comma = self.is_punct(v - 1, ",").then(|| self.mention_starting(v + 1, s.hi)).flatten();
        let inverted = after_comma.map(|m| self.named_in_apposition(m, s.hi).unwrap_or(m));
        // ("“Q” that Lund can win Reyes, said Omar Haddad": a named person
        // right after the verb is its subject, not the name before the comma)
        // (only a verb that takes no person as its object: "told Mr. Obama"
        // names whom it was said to)
        let named_after = after_comma.is_some_and(|m| m.kind == SpeakerKind::Person)
            && self.is_cap(v + 1)
            && self.verb_at(v).is_some_and(|vb| INVERTING_VERBS.contains(&&*vb.lemma));
        let m = if named_after { inverted } else { self.subject_of(i, v).or(inverted) }?;
        Some(Found { mention: m, cue: v, cue_len: 1 })
    }

    /// "“France is France,” an angry Hollande retaliated.": right after a
    /// quote and its comma, a speaker and one verb closing the sentence sign
    /// it, whether or not the verb is a listed reporting verb.
    pub(super) fn unlisted_verb_signature(&self, i: usize, s: Sentence) -> Option<Found> {
        // ("an angry Hollande": past an article and a word or two describing the name)
        let described = || {
            let j = (i + 1..s.hi.min(i + 4)).find(|&j| !self.is_word(j) || self.is_cap(j))?;
            self.is_determiner(i).then(|| self.name_at(j, s.hi)).flatten()
        };
        let m = self.mention_starting(i, s.hi).or_else(described)?;
        let v = m.end;
        let closes = v + 1 >= s.hi || self.is_punct(v + 1, ".,;!?");
        let speaker = matches!(m.kind, SpeakerKind::Person | SpeakerKind::Pronoun | SpeakerKind::Role);
        (self.inflected_like_verb(v, true) && closes && speaker).then_some(Found {
            mention: m,
            cue: v,
            cue_len: 1,
        })
    }

    /// `said the ruling`: a determiner and up to three words, to the clause's end.
    pub(super) fn determined_phrase(&self, start: usize, hi: usize) -> Option<Mention> {
        if !self.is_determiner(start) {
            return None;
        }
        let end = (start + 1..hi.min(start + 5)).find(|&i| !self.is_word(i)).unwrap_or(hi.min(start + 5));
        let closes = end >= hi || self.is_punct(end, ".,;:");
        (closes && end > start + 1).then(|| Mention::new(start, end, SpeakerKind::Role))
    }

    /// Token `j` follows "to" (or "to the"): it names whom words were said to.
    pub(super) fn after_to(&self, j: usize) -> bool {
        let before = |k: usize| j.checked_sub(k).map_or("", |i| self.lower(i));
        before(1) == "to" || (before(1) == "the" && before(2) == "to")
    }
}
