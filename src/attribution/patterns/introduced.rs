//! Speakers introduced otherwise: by a colon after a name or a subject
//! ("Reyes: …", "The mayor was blunt: …"), a dash, or a possessive before
//! a noun of speech ("Reyes's warning: …").

use super::{Found, Sentence};
use crate::attribution::mention::{in_list, Frame, Mention};
use crate::attribution::SpeakerKind;

/// Words before a name that make it a place or an object, and after it
/// that start a phrase rather than a verb.
const PLACE_OR_OBJECT: &[&str] = &[
    "at", "of", "to", "for", "with", "from", "in", "on", "by", "about", "against", "over", "near", "into", "after",
];

/// Nouns of speech whose possessor is the speaker: "Trump's claim that …".
const SPEECH_NOUNS: &[&str] = &[
    "claim",
    "claims",
    "statement",
    "statements",
    "remarks",
    "comments",
    "comment",
    "words",
    "promise",
    "pledge",
    "assertion",
    "description",
    "call",
    "argument",
    "suggestion",
    "warning",
    "message",
    "tweet",
    "tweets",
    "post",
    "speech",
    "testimony",
    "letter",
    "memo",
    "response",
    "answer",
    "complaint",
    "accusation",
    "charge",
    "vow",
];

impl Frame<'_> {
    /// `Trump's claim that there have been "Q"`: the possessor of a noun of speech.
    pub(super) fn possessor_of_speech(&self, s: Sentence, q: usize) -> Option<Found> {
        // "Bush's Facebook post", "her opening statement": a word or two may qualify the noun
        let owner_of = |i: usize| {
            (i.saturating_sub(3).max(s.lo)..i)
                .rev()
                .take_while(|&k| self.is_word(k))
                .find(|&k| self.is_possessive(k) || matches!(self.lower(k), "his" | "her" | "their"))
        };
        let (noun, owner) = (s.lo + 1..q)
            .rev()
            .filter(|&i| in_list!(SPEECH_NOUNS, self.lower(i)))
            .find_map(|i| owner_of(i).map(|o| (i, o)))?;
        if !self.is_cap(owner) && !matches!(self.lower(owner), "his" | "her" | "their") {
            return None;
        }
        let m = match self.lower(owner) {
            "his" | "her" => {
                // "Lund stood by his comment that …": the person the sentence
                // last named, if the genders agree
                let mut m = Mention::new(owner, owner + 1, SpeakerKind::Pronoun);
                m.antecedent = self.nearest_person_before(s.lo, owner).map(|a| (a.start, a.end, a.kind));
                m
            }
            "their" => Mention::new(owner, owner + 1, SpeakerKind::Pronoun),
            _ => {
                let mut start = owner;
                // ("From Bush's", "While Sanders's": the name, not the sentence's opener)
                while start > s.lo
                    && self.is_cap(start - 1)
                    && self.can_start_name(start - 1)
                    && !self.is_possessive(start - 1)
                {
                    start -= 1;
                }
                Mention::new(start, owner + 1, SpeakerKind::Person)
            }
        };
        Some(Found { mention: m, cue: noun, cue_len: 1 })
    }

    /// The name of a person ending nearest before `end` in `lo..end`, with no
    /// quotation between, that is a clause's subject: a verb-like word after
    /// it, no preposition before it ("attacks on Bernie Sanders from her"
    /// names an object).
    pub(super) fn nearest_person_before(&self, lo: usize, end: usize) -> Option<Mention> {
        let object = |m: &Mention| m.start > lo && in_list!(PLACE_OR_OBJECT, self.lower(m.start - 1));
        let verb_after = |m: &Mention| {
            m.end < end
                && self.is_word(m.end)
                && !self.is_cap(m.end)
                && !in_list!(PLACE_OR_OBJECT, self.lower(m.end))
                && !matches!(self.lower(m.end), "and" | "or")
        };
        (lo + 1..=end)
            .rev()
            .take_while(|&e| !self.is_quote(e - 1))
            .filter(|&e| self.is_cap(e - 1))
            .find_map(|e| self.mention_ending(lo, e).filter(|m| m.end == e && m.kind == SpeakerKind::Person))
            .filter(|m| !object(m) && verb_after(m))
    }

    /// `Pew Research: "Q"`, `- Jane Doe: "Q"`: a name set before a colon.
    pub(super) fn name_colon(&self, s: Sentence, q: usize) -> Option<Found> {
        let colon = q.checked_sub(1).filter(|&c| c > s.lo && self.is_punct(c, ":"))?;
        let m = self.mention_ending(s.lo, colon)?;
        // the name is the whole lead-in, or follows a dash or a byline's "by"
        // ("POLLS HOLD UP - Ann Roe and Jon Cohen: "Q"", "…," by Ann Roe: "Q"");
        // in "Fiorina wrote on Facebook:" the name is where she wrote, not who
        let lead_in = |start: usize| {
            !(s.lo..start).any(|i| self.is_word(i))
                || self.is_punct(start - 1, "-—–|•")
                || self.lower(start - 1) == "by"
        };
        let joined = || {
            let and = m.start.checked_sub(1).filter(|&a| self.lower(a) == "and")?;
            self.mention_ending(s.lo, and).filter(|first| lead_in(first.start))
        };
        if self.is_page_label(m.start, m.end) || !(lead_in(m.start) || joined().is_some()) {
            return None;
        }
        matches!(m.kind, SpeakerKind::Person | SpeakerKind::Organization).then_some(Found {
            mention: m,
            cue: colon,
            cue_len: 1,
        })
    }

    /// "…, including the former mayor Ana Ruiz -- “Q” -- and …": words set off
    /// by dashes right after a person's name are that person's.
    pub(super) fn name_dash(&self, s: Sentence, q: usize) -> Option<Found> {
        let dash = |i: usize| self.is_punct(i, "—–-");
        let mut before = q.checked_sub(1).filter(|&d| d > s.lo && dash(d))?;
        while before > s.lo && dash(before - 1) {
            before -= 1; // "--"
        }
        // set off on both sides: a quote that ends the sentence after a dash
        // ("… of Mr. Trump -- “Q.”") goes on the writer's clause, not the name
        let closes = dash(q + 1);
        let m = self.mention_ending(s.lo, before).filter(|m| m.kind == SpeakerKind::Person)?;
        // not a place set off the same way ("in Tampa, Fla. -- ")
        (closes && self.shown_to_be_person(&m)).then_some(Found { mention: m, cue: before, cue_len: q - before })
    }

    /// "The board was blunt in its findings: "Q"": a sentence that ends in a
    /// colon to give its subject's words, with no verb of speech.
    pub(super) fn subject_colon(&self, s: Sentence, q: usize) -> Option<Found> {
        let colon = q.checked_sub(1).filter(|&c| c > s.lo && self.is_punct(c, ":"))?;
        let start = self.main_clause_start(s.lo, colon);
        let m = self.mention_starting(start, colon)?;
        // a lone capital opening the sentence ("Giant: …", "Ever since …:")
        // is as likely a word as a name; a person is not "the …"
        // unless a verb follows it ("Kaine has adopted the stance: …")
        // ("Perez lobbies for a wage: …": a lower-case word in -s or -ed reads as a verb)
        let next = self.lower(m.end);
        // ("Giant screens …": at a sentence's start an -s word may be a plural noun)
        let finite_like = self.inflected_like_verb(m.end, m.start > s.lo)
            && !self.is_determiner(m.end)
            && !self.is_pronoun(m.end);
        let verb_follows = matches!(next, "has" | "had" | "was" | "is" | "put" | "summed")
            || self.verb_at(m.end).is_some()
            || finite_like;
        let name_like = match m.kind {
            SpeakerKind::Pronoun => true,
            SpeakerKind::Person => (m.end - m.start >= 2 || verb_follows) && self.lower(m.start) != "the",
            SpeakerKind::Organization => m.end - m.start >= 2,
            _ => true,
        };
        (name_like && m.end < colon).then_some(Found { mention: m, cue: colon, cue_len: 1 })
    }

    /// "The surge does not surprise pollster Daron Shaw: “Q”": with no verb of
    /// speech in the sentence, a person named right before the colon, shown
    /// to be one (a first name, a title, a role word before the name), gives
    /// the words that follow.
    pub(super) fn object_colon(&self, s: Sentence, q: usize) -> Option<Found> {
        let colon = q.checked_sub(1).filter(|&c| c > s.lo && self.is_punct(c, ":"))?;
        if (s.lo..colon).any(|i| self.is_speech_verb(i)) {
            return None;
        }
        let m = self.mention_ending(s.lo, colon).filter(|m| m.kind == SpeakerKind::Person)?;
        self.shown_to_be_person(&m).then_some(Found { mention: m, cue: colon, cue_len: 1 })
    }

    /// A name the text shows to be a person's: a first name, a title, or a
    /// role word right before it.
    pub(super) fn shown_to_be_person(&self, m: &Mention) -> bool {
        crate::attribution::names::is_given_name(self.word(m.start))
            || (m.start..m.end).any(|i| self.is_title_at(i))
            || m.start.checked_sub(1).is_some_and(|r| self.is_role(r))
    }
}
