//! `S said: "Q"` / `S said "Q"` / `S said that … "Q"`: the attribution
//! before the quotation, in the main clause or a clause joined to it.

use super::{Found, Sentence, SUBORDINATORS};
use crate::attribution::mention::{in_list, Frame, Mention};
use crate::attribution::SpeakerKind;
use crate::lexicon::VerbForm;

impl Frame<'_> {
    /// `S said "Q"`, `S said that … "Q"`, `according to S, … "Q"`, `…, saying "Q"`:
    /// the nearest verb before the quote whose subject can be found.
    pub fn before_quote(&self, s: Sentence, q: usize) -> Option<Found> {
        if let Some(found) = self.according_to(s, q) {
            return Some(found);
        }
        if let Some(found) = self.name_colon(s, q) {
            return Some(found);
        }
        if let Some(found) = self.name_dash(s, q) {
            return Some(found);
        }
        let closest = (s.lo..q).rev().find(|&i| self.is_speech_verb(i) || self.is_participle(i));
        let participle_last = closest.filter(|&v| self.is_participle(v) && !self.is_speech_verb(v));
        let main = self.main_clause_start(s.lo, q);
        // "With councillors worried about fares, the company has a new
        // message: "Q"": the main clause's subject before a verb set in front
        let colon_first = main > s.lo && !(main..q).any(|i| self.is_speech_verb(i));
        if colon_first {
            if let Some(found) = self.subject_colon(s, q) {
                return Some(found);
            }
        }
        // "Cruz said as the heckler yelled: “Q”": a verb that the colon
        // before the quote closes introduces it, whatever came first
        if q >= 2 && self.is_punct(q - 1, ":") && self.is_speech_verb(q - 2) {
            if let Some(m) = self.subject_of(s.lo, q - 2) {
                return Some(Found { mention: m, cue: q - 2, cue_len: 1 });
            }
        }
        // "When Clinton noted that …, Trump boasted, “Q”": a fronted clause
        // whose only comma is the quote's own has no end to find; the verb
        // nearest that comma is the main clause's
        let mut fronted: Vec<usize> = (s.lo..main).filter(|&i| self.is_speech_verb(i)).collect();
        if main >= q && main > s.lo {
            fronted.reverse();
        }
        if let Some(found) = self.coordinate_pronoun_clause(main, q) {
            return Some(found);
        }
        if let Some(found) = self.last_coordinate_clause(main, q) {
            return Some(found);
        }
        if let Some(found) = self.joined_clause_verb(main, q) {
            return Some(found);
        }
        let verbs = participle_last
            .into_iter()
            .chain((main..q).filter(|&i| self.is_speech_verb(i) || self.is_participle(i)))
            .chain(fronted);
        // "“Q1?” she said, but as Trump went on about “Q2”": a verb right after
        // an earlier quotation, closing its clause there, attributes that one
        // (not "“Hannity,” Gingrich said if …", nor "…,” she added the words")
        let signs_earlier = |v: usize| {
            let mut next = v + 1;
            while next < s.hi && self.is_name_part(next) {
                next += 1; // "said Smith,"
            }
            let closes = next >= s.hi || self.is_punct(next, ",.;:!?—–");
            closes && (v.saturating_sub(3).max(s.lo)..v).any(|k| self.is_quote(k))
        };
        for v in verbs {
            if signs_earlier(v) && !self.is_participle(v) {
                continue;
            }
            if self.is_participle(v) && !self.is_speech_verb(v) {
                // a participle's subject is the main clause's ("with Smith
                // saying", "footage of Trump saying": the name it follows);
                // a relative clause's verb ("the crew who said") is not the main one
                let main_verbs = || (s.lo..v).filter(|&i| self.is_speech_verb(i));
                // (past a dateline: "Halifax (CP) – Mayor Reyes …, saying")
                let story = self.dateline_end(s.lo).unwrap_or(s.lo);
                let m = self
                    .participle_own_subject(s.lo, v)
                    .or_else(|| {
                        main_verbs().find_map(|i| self.subject_of(s.lo, i).filter(|m| !self.is_relative(m)))
                    })
                    .or_else(|| self.clause_subject(story, v))
                    .or_else(|| main_verbs().next().and_then(|i| self.subject_of(s.lo, i)))
                    .or_else(|| self.first_mention(story, v))
                    .or_else(|| self.fronted_participle_subject(s, v, q))
                    .or_else(|| self.subject_before_finite_verb(main, v));
                if let Some(m) = m {
                    return Some(Found { mention: m, cue: v, cue_len: 1 });
                }
                continue;
            }
            let inverted = || (v == s.lo).then(|| self.mention_starting(v + 1, q)).flatten();
            if let Some(m) = self.inverted_aside(v, q) {
                return Some(Found { mention: m, cue: v, cue_len: 1 });
            }
            if let Some(m) = self.subject_of(s.lo, v).or_else(inverted) {
                return Some(Found { mention: m, cue: v, cue_len: 1 });
            }
        }
        if let Some(found) = self.possessor_of_speech(s, q) {
            return Some(found);
        }
        // "The email went on to say, "Q"": a bare speech verb takes the clause's subject
        let bare = (s.lo..q).rev().find(|&i| {
            self.is_word(i)
                && self.after_infinitive_marker(i)
                && self.verb_at(i).is_some_and(|v| v.form == VerbForm::Base)
        });
        match bare {
            Some(bare) => {
                // "…, he did say", "she would not say": the auxiliary's own
                // subject; else the first mention of the main clause
                let aux = bare - 1;
                let own = (self.lower(aux) != "to")
                    .then(|| self.mention_ending(s.lo, self.skip_adverbs_back(s.lo, aux)))
                    .flatten()
                    .filter(|m| matches!(m.kind, SpeakerKind::Person | SpeakerKind::Pronoun));
                let main = self.main_clause_start(s.lo, bare);
                let m =
                    own.or_else(|| self.first_mention(main, bare)).or_else(|| self.first_mention(s.lo, bare))?;
                Some(Found { mention: m, cue: bare, cue_len: 1 })
            }
            // tried above already when the main clause has no verb of speech
            None if !colon_first => self.subject_colon(s, q).or_else(|| self.object_colon(s, q)),
            None => self.object_colon(s, q),
        }
    }

    /// "Because of how the calendar was set, explained Reddy, “Q”": a verb
    /// after a comma with its speaker right behind it, set off just before the quote.
    pub(super) fn inverted_aside(&self, v: usize, q: usize) -> Option<Mention> {
        if v == 0 || !self.is_punct(v - 1, ",") {
            return None;
        }
        // ("explained harbour master Ines Moreau": past words describing the name)
        let m = (v + 1..q.min(v + 6))
            // (not "said of Mr. Rubio: “Q”": whom the words are about)
            .take_while(|&j| {
                self.is_word(j) && !matches!(self.lower(j), "of" | "to" | "about" | "on" | "for" | "with")
            })
            .find_map(|j| self.mention_starting(j, q))?;
        let m = self.named_in_apposition(m, q).unwrap_or(m);
        // (not "Cruz, a rival, called the KKK “abhorrent”": there the name is the object)
        let next_is_quote = m.end + 1 == q && self.is_punct(m.end, ",:");
        (next_is_quote && !matches!(m.kind, SpeakerKind::Pronoun)).then_some(m)
    }

    /// "Comey found no crime, but he called it “Q”", "…, he said, “Q”": the
    /// last verb of speech before the quote whose own pronoun subject opens a
    /// clause after a comma or a conjunction. Its subject is the speaker the
    /// sentence gives nearest the words (not "said he thinks", whose "he"
    /// only reports).
    /// The pronoun is bound to the person the main clause is about, if any
    /// ("James Comey recommended …, but he called …": Comey).
    pub(super) fn coordinate_pronoun_clause(&self, lo: usize, q: usize) -> Option<Found> {
        let v = (lo..q).rev().find(|&i| self.is_speech_verb(i))?;
        let p = self.skip_adverbs_back(lo, v).checked_sub(1).filter(|&p| p > lo)?;
        // "…, which he called “Q”", "…, though he said “Q”": a relative
        // pronoun or a subordinator opens the clause too
        let opens = self.is_punct(p - 1, ",—–")
            || matches!(self.lower(p - 1), "and" | "but" | "where" | "yet" | "which" | "whom" | "who")
            || in_list!(SUBORDINATORS, self.lower(p - 1));
        if !(self.is_pronoun(p) && opens) {
            return None;
        }
        // "he"/"she" stand for a person; "it" for a body or a document ("the paper")
        let fits = |m: &Mention| match self.lower(p) {
            "he" | "she" => m.kind == SpeakerKind::Person,
            // ("The Island Courier": a name after "the" is no person's)
            "it" => {
                matches!(m.kind, SpeakerKind::Organization | SpeakerKind::Role)
                    || (m.kind == SpeakerKind::Person && self.lower(m.start) == "the")
            }
            _ => false,
        };
        // ("With a vote for Trump ruled out, Cross said …, whom he called": the
        // main clause's subject; "He declared …, which he declared": the same
        // pronoun again, which stands for whom that one does)
        let first = (lo..p).filter(|&i| self.is_speech_verb(i)).find_map(|i| self.subject_of(lo, i));
        let same_pronoun = |m: &Mention| m.kind == SpeakerKind::Pronoun && self.lower(m.start) == self.lower(p);
        let subject = first
            .filter(|m| fits(m) || same_pronoun(m))
            .or_else(|| self.clause_subject(lo, p).filter(fits))
            .or_else(|| {
                // "The Courier backed the plan, and it said": a body opening the sentence
                let body = self.mention_starting(lo, p).filter(fits)?;
                (body.kind != SpeakerKind::Role && self.lower(p) == "it").then_some(body)
            });
        let mut m = Mention::new(p, p + 1, SpeakerKind::Pronoun);
        m.antecedent = subject.map(|b| (b.start, b.end, b.kind));
        Some(Found { mention: m, cue: v, cue_len: 1 })
    }

    /// "After calling the plan “a disgrace,” Ortiz left": a participle that
    /// opens the sentence (alone or after "after", "while" …) is said by the
    /// main clause's subject, after the comma that ends the fronted phrase.
    pub(super) fn fronted_participle_subject(&self, s: Sentence, v: usize, q: usize) -> Option<Mention> {
        let fronted = v == s.lo
            || (v == s.lo + 1
                && matches!(self.lower(s.lo), "after" | "before" | "while" | "when" | "since" | "upon" | "by"));
        // the comma may sit inside the closing mark ("… on,” she was")
        let inside = self.word(q).trim_end_matches(|c: char| !c.is_alphanumeric() && c != ',').ends_with(',');
        let start = if inside { q + 1 } else { (q..s.hi).find(|&i| self.is_punct(i, ","))? + 1 };
        let m = self.mention_starting(start, s.hi)?;
        (fronted && m.kind != SpeakerKind::Vague).then_some(m)
    }

    /// "Some in the crowd booed, and when Rubio thanked Miami, a man yelled
    /// “Q”", "Trump spoke first; Clinton replied “Q”": the quote belongs to the
    /// last clause joined by a comma (or a quotation) and a conjunction, or by a semicolon, when
    /// that clause has a verb of speech with a subject of its own.
    pub(super) fn last_coordinate_clause(&self, lo: usize, q: usize) -> Option<Found> {
        // ("Reyes accuses the board of “Q1” and Lund says it is “Q2”": an
        // earlier quotation closes its clause as a comma would)
        // (" - but the campaign rejected it as “Q”": a dash joins as a comma does)
        let joint = (lo + 1..q).rev().find(|&c| {
            self.is_punct(c, ";")
                || ((self.is_punct(c, ",") || self.is_quote(c) || self.is_dash(c))
                    && matches!(self.lower(c + 1), "and" | "but" | "while" | "whereas"))
        })?;
        let start = if self.is_punct(joint, ";") { joint + 1 } else { joint + 2 };
        let start = self.main_clause_start(start, q);
        let v = (start..q).find(|&i| self.is_speech_verb(i))?;
        // ("but in a later interview said": a phrase after a preposition is no subject)
        let after_preposition = |m: &Mention| {
            m.start > start
                && matches!(
                    self.lower(m.start - 1),
                    "in" | "on" | "at" | "during" | "after" | "from" | "of" | "by" | "with"
                )
        };
        let m = self
            .subject_of(start, v)
            .filter(|m| !self.is_relative(m) && m.start >= start && !after_preposition(m))?;
        Some(Found { mention: m, cue: v, cue_len: 1 })
    }

    /// "Roe said “Q1” and Poe said “Q2”": a verb right before the quote
    /// whose subject opens a clause joined by "and" or "but" (or "to which"),
    /// after another verb of speech, is that quote's, not the first clause's.
    pub(super) fn joined_clause_verb(&self, lo: usize, q: usize) -> Option<Found> {
        let v = (q.saturating_sub(2).max(lo)..q).rev().find(|&i| self.is_speech_verb(i))?;
        if v + 1 < q && !self.is_punct(v + 1, ",:") {
            return None;
        }
        let conj = (v.saturating_sub(6).max(lo)..v)
            .rev()
            .find(|&i| matches!(self.lower(i), "and" | "but" | "which" | "whom"))?;
        let m = self.subject_of(conj + 1, v).filter(|m| m.start == conj + 1 && !self.is_relative(m))?;
        let earlier = (lo..conj).any(|i| self.is_speech_verb(i));
        let speaker = matches!(m.kind, SpeakerKind::Person | SpeakerKind::Pronoun | SpeakerKind::Role);
        (earlier && speaker).then_some(Found { mention: m, cue: v, cue_len: 1 })
    }

    /// "The diocese issued a statement, saying …": a determiner phrase of
    /// unlisted nouns opening the main clause, right before its finite verb
    /// (in -ed or -s), is the subject a participle after a comma shares.
    pub(super) fn subject_before_finite_verb(&self, main: usize, v: usize) -> Option<Mention> {
        // (set off by a comma: "ends with a voice over saying" is the voice's)
        if !self.is_determiner(main) || self.is_pronoun(main) || !self.is_punct(v.wrapping_sub(1), ",") {
            return None;
        }
        let verb = (main + 2..v.min(main + 5))
            .take_while(|&j| self.is_word(j))
            .find(|&j| self.inflected_like_verb(j, true))?;
        self.plain_phrase(main, verb)
    }
}
