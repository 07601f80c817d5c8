//! The subject of a verb of speech: read back from the verb past adverbs,
//! time phrases and a leading subordinate clause or dateline.

use super::SUBORDINATORS;
use crate::attribution::mention::{in_list, Frame, Mention};
use crate::attribution::SpeakerKind;

/// Nouns of a time phrase ("this week", "on Tuesday").
const TIME_WORDS: &[&str] = &[
    "week",
    "weekend",
    "month",
    "year",
    "morning",
    "afternoon",
    "evening",
    "night",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "spring",
    "summer",
    "fall",
    "autumn",
    "winter",
];

/// Auxiliaries that an adverb may follow before the verb ("has long said").
const AUXILIARIES: &[&str] =
    &["has", "have", "had", "would", "will", "could", "should", "can", "may", "might", "must", "did", "does"];

/// Prepositions that open a phrase set before the main clause with a comma.
const FRONTED_PREPOSITIONS: &[&str] =
    &["with", "without", "following", "amid", "amidst", "during", "in", "on", "at", "under", "given", "unlike"];

impl Frame<'_> {
    /// Where the main clause starts: after a leading subordinate clause
    /// ("While Clinton has condemned it, the groups say …").
    pub(super) fn main_clause_start(&self, lo: usize, q: usize) -> usize {
        let mut start = self.dateline_end(lo).unwrap_or(lo);
        // "Once in my early 20s, when my mother mentioned it, I said": past each one;
        // "With leaders worried, …", "Following reports …, but before …, Trump said"
        let fronted = |i: usize| {
            let w = if matches!(self.lower(i), "but" | "and" | "so" | "yet") {
                self.lower(i + 1)
            } else {
                self.lower(i)
            };
            // ("Challenged by a reporter, Clinton said": a participle clause too)
            in_list!(SUBORDINATORS, w) || in_list!(FRONTED_PREPOSITIONS, w) || self.opens_participle_clause(i)
        };
        // "At a rally in Portsmouth, N.H., on Tuesday,": an abbreviated place
        // after a fronted phrase belongs to it
        let place_after_fronted = |i: usize| {
            i > lo && (i..q).find(|&k| self.is_punct(k, ",")).is_some_and(|end| self.place_or_party_tag(i, end))
        };
        while fronted(start) || place_after_fronted(start) {
            match (start..q).find(|&i| self.is_punct(i, ",")) {
                Some(comma) => start = comma + 1,
                None => return lo,
            }
        }
        start
    }

    /// "Halifax (CP) –", "WASHINGTON —": a dateline opening the block is
    /// no part of the sentence (a name before a dash, "Dana Reyes – the
    /// mayor –", is: it needs the agency in brackets or capitals throughout).
    pub(super) fn dateline_end(&self, lo: usize) -> Option<usize> {
        if lo != 0 {
            return None;
        }
        let mut k = (0..4).take_while(|&k| self.is_word(k) && self.is_cap(k)).count();
        let shouted = k > 0 && (0..k).all(|j| self.word(j).chars().all(|c| !c.is_lowercase()));
        let bracketed = k > 0 && self.is_punct(k, "(");
        if bracketed {
            k = (k + 1..k + 6).find(|&j| self.is_punct(j, ")"))? + 1;
        }
        ((shouted || bracketed) && self.is_punct(k, "—–-")).then_some(k + 1)
    }

    /// A "who" (or "which") opening the clause of the verb at `end`, a few words back.
    pub(super) fn relative_pronoun(&self, lo: usize, end: usize) -> Option<usize> {
        // "To which she said": a subject between the pronoun and the verb is the speaker
        (lo..end)
            .rev()
            .take(6)
            .take_while(|&i| {
                self.is_word(i) && !self.is_pronoun(i) && !self.can_start_name(i) && !self.is_quantity(i)
            })
            .find(|&i| matches!(self.lower(i), "who" | "which"))
            // "which the city called": the pronoun is the object, "the city" the subject
            .filter(|&i| !self.is_determiner(i + 1))
    }

    /// Back from a verb over adverbs and auxiliaries ("has been calling").
    pub(super) fn skip_adverbs_back(&self, lo: usize, mut end: usize) -> usize {
        // ("has long argued", "would only say": a lower-case word between an
        // auxiliary and its verb is an adverb, listed or not)
        let between_aux = |i: usize| {
            i > lo
                && self.is_word(i)
                && !self.is_cap(i)
                && !self.is_pronoun(i)
                && self.verb_at(i).is_none()
                && in_list!(AUXILIARIES, self.lower(i - 1))
        };
        loop {
            if end > lo
                && (self.is_adverb(end - 1)
                    || matches!(self.lower(end - 1), "are" | "were" | "been" | "heard" | "overheard")
                    || (self.lower(end - 1) == "be" && end > lo + 1 && in_list!(AUXILIARIES, self.lower(end - 2)))
                    || (in_list!(AUXILIARIES, self.lower(end - 1)) && self.lower(end) == "be")
                    || between_aux(end - 1))
            {
                end -= 1;
            } else if end > lo + 2 && self.is_time_phrase(end - 2) {
                end -= 2; // "The board this week voted", "Reyes on Tuesday said"
            } else {
                return end;
            }
        }
    }

    /// "this week", "last month", "on Tuesday": two words saying when,
    /// between a subject and its verb.
    pub(super) fn is_time_phrase(&self, i: usize) -> bool {
        matches!(self.lower(i), "this" | "last" | "next" | "on" | "early" | "late")
            && self.is_word(i + 1)
            && in_list!(TIME_WORDS, self.lower(i + 1))
    }

    /// The subject of the verb at `v`: the phrase before it, looking past
    /// adverbs and past appositives set off by commas (read once for each
    /// `lo` and `v`, see [`crate::attribution::mention::Subjects`]).
    pub fn subject_of(&self, lo: usize, v: usize) -> Option<Mention> {
        self.subjects.get_or((self.block, lo, v), || self.read_subject_of(lo, v))
    }

    fn read_subject_of(&self, lo: usize, v: usize) -> Option<Mention> {
        let end = self.skip_adverbs_back(lo, v);
        // ("Ruiz, author of ''The Island Charter,'' put it": an apposition
        // may end in a title whose comma sits inside its marks)
        let titled = || {
            self.is_quote(end - 1)
                && self.closed_by_comma(end - 1)
                && (lo..end - 1).any(|i| self.is_punct(i, ","))
                && !(lo..end - 1).any(|i| self.is_quote(i))
        };
        if end > lo && (self.is_punct(end - 1, ",)—–-") || titled()) {
            return self.across_appositives(lo, end - 1);
        }
        if end > lo + 1 && self.lower(end - 1) == "that" && !self.is_speech_verb(end - 2) {
            // "a letter from his doctor that says": the phrase before "that"
            let m = self.mention_ending(lo, end - 1).or_else(|| self.plain_phrase(lo, end - 1))?;
            return Some(m);
        }
        if let Some(who) = self.relative_pronoun(lo, end) {
            // "Beck, who has in the past described …": the pronoun is the
            // mention, the phrase before it what it stands for
            let before = if who > lo && self.is_punct(who - 1, ",") {
                self.across_appositives(lo, who - 1)
            } else {
                self.mention_ending(lo, who)
            };
            let mut m = Mention::new(who, who + 1, SpeakerKind::Pronoun);
            m.antecedent = before.map(|b| (b.start, b.end, b.kind));
            return Some(m);
        }
        if end > lo + 2 && self.lower(end - 2) == "of" && matches!(self.lower(end - 1), "them" | "us" | "those") {
            // "one of them put it", "another of us said": one member of a group
            // described before, an unnamed speaker rather than the pronoun
            if let Some(m) = self.listed_phrase_ending(lo, end) {
                return Some(m);
            }
        }
        if end > lo && matches!(self.lower(end - 1), "and" | "then" | "but") {
            // "Mrs. Clinton shook her head and said": the clause's subject
            // (not "The Wall Street Journal" of a fronted "In an interview with …,")
            return self.clause_subject(lo, end - 1).or_else(|| self.first_mention(lo, end - 1));
        }
        self.phrase_ending(lo, end)
    }

    /// Whether a comma closes the quote at `q`, inside its marks or right after ("“Q,” she said").
    pub fn closed_by_comma(&self, q: usize) -> bool {
        self.is_punct(q + 1, ",") || self.word(q).trim_end_matches(['”', '"', '\'', '’']).ends_with(',')
    }

    /// "At a rally in Ames, on Sunday, Mrs. Clinton tried …, saying": the
    /// first speaker phrase that opens a clause (at the sentence's start or
    /// after a comma) and is followed by a word that reads as its verb.
    pub(super) fn clause_subject(&self, lo: usize, hi: usize) -> Option<Mention> {
        (lo..hi).filter(|&j| j == lo || self.is_punct(j - 1, ",")).find_map(|j| {
            let m = self.mention_starting(j, hi)?;
            // a role only as a definite or indefinite phrase ("the senator", not "herself a …")
            let people = matches!(m.kind, SpeakerKind::Person | SpeakerKind::Pronoun)
                || (m.kind == SpeakerKind::Role && self.is_determiner(m.start) && m.end - m.start <= 6);
            let next = self.past_home_place(&m, hi);
            let verb_like = self.is_word(next)
                && !self.is_cap(next)
                && !self.is_determiner(next)
                && !self.is_pronoun(next)
                && !matches!(
                    self.lower(next),
                    "of" | "in" | "on" | "at" | "and" | "or" | "to" | "for" | "from" | "with"
                );
            (people && verb_like).then_some(m)
        })
    }

    /// "Senator Dana Reyes of Vermont endorsed": past the place a person's
    /// name is of (or from), to the word that may be its verb.
    pub(super) fn past_home_place(&self, m: &Mention, hi: usize) -> usize {
        let next = m.end;
        if m.kind != SpeakerKind::Person || !matches!(self.lower(next), "of" | "from") {
            return next;
        }
        let end = (next + 1..hi).find(|&k| !(self.is_word(k) && self.is_cap(k))).unwrap_or(hi);
        if end > next + 1 {
            end
        } else {
            next
        }
    }

    /// The first speaker-like phrase of a clause.
    pub fn first_mention(&self, lo: usize, hi: usize) -> Option<Mention> {
        (lo..hi).find_map(|i| self.mention_starting(i, hi).filter(|m| m.kind != SpeakerKind::Vague || i == lo))
    }

    /// "with Smith saying", "footage of Trump saying", ", Smith saying": a
    /// name right before a participle, after a preposition or a comma, is
    /// the participle's own subject.
    pub(super) fn participle_own_subject(&self, lo: usize, v: usize) -> Option<Mention> {
        let m = self.mention_ending(lo, v).filter(|m| m.kind == SpeakerKind::Person)?;
        let before = m.start.checked_sub(1).filter(|&b| b >= lo)?;
        let governed = matches!(self.lower(before), "of" | "with" | "without" | "showing" | "shows" | "showed");
        // "…, Ryan saying he was “encouraged” and Trump calling it …": a
        // name set off after a comma (or an "and" after one) is the subject
        // of an absolute clause of its own
        // (or a dash: "… a statement – Ryan saying …")
        let absolute = self.is_punct(before, ",")
            || self.is_dash(before)
            || (self.lower(before) == "and"
                && before > lo
                && (self.is_punct(before - 1, ",") || self.is_quote(before - 1)));
        (governed || absolute).then_some(m)
    }

    pub(super) fn is_relative(&self, m: &Mention) -> bool {
        m.kind == SpeakerKind::Pronoun && matches!(self.lower(m.start), "who" | "which")
    }
}
