//! Attribution patterns inside the quotation's own sentence.
//!
//! `"Q," S said.` / `"Q," said S.` / `S said: "Q"` / `S said "Q"` /
//! `S said that … "Q"` / `according to S, … "Q"` / `S, an analyst, told AFP "Q"`
//! / a participle (`…, saying "Q"`) taking the main clause's subject.

use super::mention::{Frame, Mention};
use super::SpeakerKind;

/// A speaker mention with the reporting word that ties it to the quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub mention: Mention,
    /// Token index of the cue ("said", "according", ":").
    pub cue: usize,
    /// Number of tokens in the cue ("according to" is two).
    pub cue_len: usize,
}

/// Tokens of the sentence holding the quote: `lo..hi`, the quote at `q`.
#[derive(Debug, Clone, Copy)]
pub struct Sentence {
    pub lo: usize,
    pub hi: usize,
}

impl Frame<'_> {
    /// A finite speech verb at `i` (not a bare infinitive like "say").
    pub fn is_speech_verb(&self, i: usize) -> bool {
        self.is_word(i) && self.lex.verb(&self.lower(i)).is_some_and(|v| v.is_finite())
    }

    fn is_participle(&self, i: usize) -> bool {
        self.is_word(i) && self.lex.verb(&self.lower(i)).is_some_and(|v| v.is_participle())
    }

    fn skip_adverbs_back(&self, lo: usize, mut end: usize) -> usize {
        while end > lo && self.is_adverb(end - 1) {
            end -= 1;
        }
        end
    }

    /// The subject of the verb at `v`: the phrase before it, looking past
    /// adverbs and past appositives set off by commas.
    pub fn subject_of(&self, lo: usize, v: usize) -> Option<Mention> {
        let end = self.skip_adverbs_back(lo, v);
        if end > lo && self.is_punct(end - 1, ",)") {
            return self.across_appositives(lo, end - 1);
        }
        let m = self.mention_ending(lo, end)?;
        // "Smith, who said …": the relative pronoun stands for the name before it
        Some(m)
    }

    /// `Soo Kim, a former analyst at the CIA, the main agency, told`: walk
    /// left over comma-separated segments to the one that is a name.
    fn across_appositives(&self, lo: usize, comma: usize) -> Option<Mention> {
        let mut seg_end = comma;
        let mut fallback = None;
        for _ in 0..4 {
            let seg_start = (lo..seg_end).rev().find(|&i| self.is_punct(i, ",;:(")).map_or(lo, |i| i + 1);
            if seg_start >= seg_end {
                break;
            }
            let m = self.mention_ending(seg_start, seg_end).filter(|m| m.start == seg_start || self.is_determiner(seg_start));
            if let Some(m) = m {
                if matches!(m.kind, SpeakerKind::Person | SpeakerKind::Organization | SpeakerKind::Pronoun) {
                    return Some(m);
                }
                fallback.get_or_insert(m);
            }
            if seg_start == lo {
                break;
            }
            seg_end = seg_start - 1;
        }
        fallback.or_else(|| self.mention_ending(lo, self.skip_party_tag(lo, comma)))
    }

    /// `Sen. Jane Doe (D-Calif.) said`: the party tag is not part of the name.
    fn skip_party_tag(&self, lo: usize, end: usize) -> usize {
        if end > lo && self.is_punct(end - 1, ")") {
            if let Some(open) = (lo..end).rev().find(|&i| self.is_punct(i, "(")) {
                return open;
            }
        }
        end
    }

    /// `"Q," S said` / `"Q," said S` / `"Q," according to S`.
    pub fn after_quote(&self, s: Sentence, q: usize) -> Option<Found> {
        let mut i = q + 1;
        while i < s.hi && self.is_punct(i, ",—–-") {
            i += 1;
        }
        if self.lower(i) == "according" && self.lower(i + 1) == "to" {
            let m = self.mention_starting(i + 2, s.hi)?;
            return Some(Found { mention: m, cue: i, cue_len: 2 });
        }
        if self.is_speech_verb(i) {
            let m = self.mention_starting(i + 1, s.hi)?;
            return Some(Found { mention: m, cue: i, cue_len: 1 });
        }
        let m = self.mention_starting(i, s.hi).or_else(|| self.mention_starting(i + 1, s.hi).filter(|_| self.is_determiner(i)))?;
        let mut v = m.end;
        if self.is_punct(v, ",") {
            // "Soo Kim, a former analyst, told AFP"
            v = (v + 1..s.hi.min(v + 14)).find(|&j| self.is_speech_verb(j)).unwrap_or(s.hi);
        }
        while v < s.hi && self.is_adverb(v) {
            v += 1;
        }
        (self.is_speech_verb(v)).then_some(Found { mention: m, cue: v, cue_len: 1 })
    }

    /// `S said "Q"`, `S said that … "Q"`, `according to S, … "Q"`, `…, saying "Q"`.
    pub fn before_quote(&self, s: Sentence, q: usize) -> Option<Found> {
        if let Some(found) = self.according_to(s, q) {
            return Some(found);
        }
        let v = (s.lo..q).rev().find(|&i| self.is_speech_verb(i) || self.is_participle(i))?;
        if self.is_participle(v) && !self.is_speech_verb(v) {
            // a participle's subject is the main clause's
            let main = (s.lo..v).rev().find(|&i| self.is_speech_verb(i));
            let m = main.and_then(|m| self.subject_of(s.lo, m)).or_else(|| self.first_mention(s.lo, v))?;
            return Some(Found { mention: m, cue: v, cue_len: 1 });
        }
        if self.is_punct(q.saturating_sub(1), ":") && v + 1 < q {
            // "S said on Tuesday: "Q""
        }
        let m = self.subject_of(s.lo, v).or_else(|| self.mention_starting(v + 1, q))?;
        Some(Found { mention: m, cue: v, cue_len: 1 })
    }

    fn according_to(&self, s: Sentence, q: usize) -> Option<Found> {
        let i = (s.lo..q).find(|&i| self.lower(i) == "according" && self.lower(i + 1) == "to")?;
        let m = self.mention_starting(i + 2, q)?;
        Some(Found { mention: m, cue: i, cue_len: 2 })
    }

    /// The first speaker-like phrase of a clause.
    fn first_mention(&self, lo: usize, hi: usize) -> Option<Mention> {
        (lo..hi).find_map(|i| self.mention_starting(i, hi).filter(|m| m.kind != SpeakerKind::Vague || i == lo))
    }
}
