//! Reading a noun phrase that can be a speaker: a name, a pronoun, a role.
//!
//! [`words`] holds the closed classes of words it reads with, [`frame`] the
//! questions asked of single tokens; this file finds the phrases.

#[cfg(test)]
mod closed_sets;
mod frame;
mod memo;
mod words;

pub use frame::Frame;
pub use memo::Subjects;
#[cfg(test)]
pub(in crate::attribution) use words::NOT_NAME_SET;
pub(in crate::attribution) use words::{in_list, one_of, ListFilter};

use super::lexicon_ext::{LexiconExt, SpeechVerbExt};
use super::SpeakerKind;
use crate::lexicon::{OneSpaced, PhraseList, VerbForm};
use words::{DETERMINERS, NAME_LINKS, NUMBER_WORDS, ORG_COLLECTIVES, PHRASE_PREPOSITIONS, PHRASE_WINDOW};

/// A speaker mention found in a block: tokens `start..end` and what kind of source it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub kind: SpeakerKind,
    /// For a relative pronoun ("Beck, who said …"): the phrase it stands for.
    pub antecedent: Option<(usize, usize, SpeakerKind)>,
}

/// Words that never stand inside the words before a role noun: "…had been
/// involved with what multiple lawmakers called" is the lawmakers'.
const ROLE_PHRASE_BREAKS: &[&str] = &[
    "what", "which", "that", "who", "whom", "whose", "why", "how", "where", "with", "from", "by", "about", "into",
    "had", "has", "have", "been", "was", "were", "is", "are", "be", "being", "will", "would",
];

impl Mention {
    pub fn new(start: usize, end: usize, kind: SpeakerKind) -> Self {
        Mention { start, end, kind, antecedent: None }
    }
}

impl<'a> Frame<'a> {
    /// The speaker phrase that ends at token `end - 1`, read leftwards.
    pub fn mention_ending(&self, lo: usize, end: usize) -> Option<Mention> {
        let last = end.checked_sub(1)?;
        if last < lo || !self.is_word(last) {
            return None;
        }
        if self.is_pronoun(last) {
            return Some(Mention::new(last, end, SpeakerKind::Pronoun));
        }
        if self.is_name_part(last) && !self.is_possessive(last) {
            let mut start = last;
            while start > lo && (self.is_name_part(start - 1) || self.is_title_at(start - 1)) {
                start -= 1;
            }
            while start < last && !self.can_start_name(start) && !self.is_title_at(start) {
                start += 1;
            }
            if !self.can_start_name(start) && !self.is_title_at(start) {
                return None;
            }
            if let Some(head) = self.organisation_head_before(lo, start) {
                return Some(Mention::new(head, end, SpeakerKind::Organization));
            }
            // "Jane Roe of Acme Bank said", "Tim Guest with the Nova Scotia
            // Health Authority says": the person, not her employer
            let prep = if self.lower(start.wrapping_sub(1)) == "the" {
                start.wrapping_sub(2)
            } else {
                start.wrapping_sub(1)
            };
            if start >= lo + 2 && prep > lo && matches!(self.lower(prep), "of" | "at" | "from" | "with") {
                if let Some(person) = self.mention_ending(lo, prep).filter(|m| m.kind == SpeakerKind::Person) {
                    return Some(person);
                }
            }
            if self.is_determiner(start.saturating_sub(1)) && start > lo && self.lower(start - 1) == "the" {
                start -= 1;
                // "the Kentucky Republican", "the Foreign Minister": a
                // description of someone named before, not a name
                // one person: "the Founding Fathers" are not
                let plural = self.lower(last).ends_with('s') && !self.lower(last).ends_with("ss");
                let describes = (self.is_role(last) && !self.is_title_at(last) && !plural)
                    || in_list!(crate::attribution::names::PARTY_MEMBERS, self.lower(last));
                if describes && self.name_kind(start + 1, end) == SpeakerKind::Person {
                    return Some(self.role(start, end));
                }
            }
            return Some(self.classify_name(start, end));
        }
        if self.is_role(last) || self.is_generic_org(last) {
            let mut start = last;
            while start > lo
                && self.is_word(start - 1)
                && !self.is_determiner(start)
                && !self.is_pronoun(start - 1)
            {
                if self.verb_at(start - 1).is_some() || in_list!(ROLE_PHRASE_BREAKS, self.lower(start - 1)) {
                    break;
                }
                start -= 1;
                if self.is_determiner(start) {
                    break;
                }
            }
            // "the lanky, bespectacled professor": adjectives set off by a comma
            let adjective =
                |i: usize| self.is_word(i) && !self.is_cap(i) && self.verb_at(i).is_none() && !self.is_role(i);
            // (not "spoke to the crowd, protesters chanted": a list, not adjectives)
            let after_break = start.checked_sub(4).filter(|&b| b >= lo).is_some_and(|b| {
                in_list!(ROLE_PHRASE_BREAKS, self.lower(b)) || in_list!(PHRASE_PREPOSITIONS, self.lower(b))
            });
            if start >= lo + 3
                && !self.is_determiner(start)
                && self.is_punct(start - 1, ",")
                && adjective(start - 2)
                && self.is_determiner(start - 3)
                && !after_break
            {
                start -= 3;
            }
            return Some(self.role(start, end));
        }
        None
    }

    /// "put it" / "puts it" at `i`: the idiom that reports words ("as Foner put it").
    pub fn put_it_at(&self, i: usize) -> bool {
        self.tokens.put_it_at(i)
    }

    /// The speaker phrase that starts at token `start`, read rightwards
    /// ("said Rep. G.K. Butterfield", "said a spokesman for the ministry").
    pub fn mention_starting(&self, start: usize, hi: usize) -> Option<Mention> {
        if start >= hi || !self.is_word(start) {
            return None;
        }
        if self.is_pronoun(start) {
            return Some(Mention::new(start, start + 1, SpeakerKind::Pronoun));
        }
        if let Some(m) = self.listed_phrase(start, hi) {
            return Some(m);
        }
        if let Some(m) = self.name_at(start, hi) {
            return Some(self.person_after_role(m.end, hi).unwrap_or(m));
        }
        self.role_at(start, hi)
    }

    /// `said Acme Bank chief economist Jane Roe`, `says Heart and Lung
    /// senior manager Dana Kerr`: an employer and a role before a person's
    /// name only describe her; the person is the speaker.
    fn person_after_role(&self, from: usize, hi: usize) -> Option<Mention> {
        let mut k = from;
        let mut role = false;
        while k < hi && k < from + 6 && self.is_word(k) {
            if self.is_role(k) {
                role = true;
            } else if role && self.can_start_name(k) {
                break;
            } else if self.verb_at(k).is_some()
                || self.is_determiner(k)
                || self.is_pronoun(k)
                || self.is_possessive(k)
            {
                return None;
            }
            k += 1;
        }
        if !role {
            return None;
        }
        self.name_at(k, hi).filter(|n| n.kind == SpeakerKind::Person)
    }

    /// A capitalised name starting at `start` ("Rep. G.K. Butterfield", "the DIA").
    pub fn name_at(&self, start: usize, hi: usize) -> Option<Mention> {
        let mut end = start;
        let the = self.lower(start) == "the";
        if the || self.can_start_name(start) || self.is_title_at(start) {
            if the {
                end += 1;
            }
            while end < hi && (self.is_name_part(end) || self.is_title_at(end)) {
                end += 1;
                if self.is_possessive(end - 1) {
                    return None;
                }
            }
            while end > start + 1 && in_list!(NAME_LINKS, self.word(end - 1)) {
                end -= 1;
            }
            if !the && end == start + 1 {
                if let Some(org_end) = self.organisation_of(start, hi) {
                    return Some(Mention::new(start, org_end, SpeakerKind::Organization));
                }
            }
            if end > start && (end > start + 1 || !the) && self.is_cap(end - 1) && !self.reads_as_title(start, end)
            {
                return Some(self.classify_name(start, end));
            }
        }
        None
    }

    /// Whether the single capitalised word at `i` can head an organisation's
    /// name that goes on with "of" or "for": "University of Ottawa",
    /// "Friends of Riverside Library", "Citizens for Safe Streets" (a surname,
    /// as in "Jane Roe of Acme Bank", cannot).
    fn heads_organisation(&self, i: usize) -> bool {
        // (the facts answer for the word without its full stops: one with a stop is looked up)
        let lower = self.lower(i);
        let head = || if lower.ends_with('.') { self.lex.is_org_head_key(lower) } else { self.is_org_head_key(i) };
        self.is_cap(i) && (head() || in_list!(ORG_COLLECTIVES, lower))
    }

    /// The end of "Friends of Riverside Library" when the word at `start`
    /// heads an organisation's name and capitalised words follow the joining word.
    fn organisation_of(&self, start: usize, hi: usize) -> Option<usize> {
        if !self.heads_organisation(start) || !matches!(self.lower(start + 1), "of" | "for" | "against") {
            return None;
        }
        let mut j = start + 2;
        if self.lower(j) == "the" {
            j += 1;
        }
        let mut end = j;
        while end < hi && self.is_word(end) && self.is_cap(end) && !self.is_possessive(end) {
            end += 1;
        }
        (end > j).then_some(end)
    }

    /// Read leftwards, where "Riverside Library" at `start` is the end of
    /// "Friends of Riverside Library": the head's token.
    fn organisation_head_before(&self, lo: usize, start: usize) -> Option<usize> {
        let mut k = start.checked_sub(1)?;
        if self.lower(k) == "the" {
            k = k.checked_sub(1)?;
        }
        let head = k.checked_sub(1).filter(|&h| h >= lo)?;
        let joined = matches!(self.lower(k), "of" | "for" | "against");
        let single = head == lo || !self.is_name_part(head - 1);
        (joined && single && self.heads_organisation(head)).then_some(head)
    }

    /// A role: determiner, modifiers, then a role noun, then "for/of/at X".
    fn role_at(&self, start: usize, hi: usize) -> Option<Mention> {
        // "said of Trump’s campaign", "At a campaign event": a phrase that
        // opens with a preposition says about whom or where, not who
        if in_list!(PHRASE_PREPOSITIONS, self.lower(start)) {
            return None;
        }
        let mut end = start;
        while end < hi && self.is_word(end) && end - start < 6 {
            if self.is_role(end) || (end > start && self.is_org_noun(end)) {
                let mut stop = end + 1;
                while stop < hi && (self.is_role(stop) || self.is_org_noun(stop)) {
                    stop += 1; // "the county fire service"
                }
                if matches!(
                    self.lower(stop),
                    "for" | "of" | "at" | "with" | "to" | "close" | "familiar" | "from" | "in"
                ) && !self.channel_starts_at(stop, hi)
                {
                    stop = self.extend_modifier(stop, hi);
                }
                return Some(self.role(start, stop));
            }
            if self.verb_at(end).is_some() && end > start {
                return None;
            }
            end += 1;
        }
        None
    }

    /// "the county", "the state": a common noun for an organisation, unless
    /// it is a reporting verb after a plural ("officials state", "Saudis
    /// state in the paper"), where it is the verb of the clause.
    fn is_org_noun(&self, i: usize) -> bool {
        let after_plural = || i > 0 && self.looks_plural(i - 1);
        self.is_generic_org(i) && !(self.verb_at(i).is_some() && after_plural())
    }

    /// A word of four letters or more in -s but not -ss ("officials",
    /// "Saudis"; not "press", not "his").
    pub fn looks_plural(&self, i: usize) -> bool {
        let w = self.lower(i);
        w.len() > 3 && w.ends_with('s') && !w.ends_with("ss")
    }

    /// "for the Defense Ministry", "close to the talks": up to the next comma.
    fn extend_modifier(&self, from: usize, hi: usize) -> usize {
        let mut i = from;
        while i < hi && self.is_word(i) && i - from < 8 {
            // ("the secretary of state talked about …": a word in -ed after the
            // modifier's noun reads as the clause's verb)
            let past_like = i > from + 1 && !self.is_cap(i) && self.lower(i).ends_with("ed");
            if self.verb_at(i).is_some_and(|v| v.is_finite())
                || (i > from && self.channel_starts_at(i, hi))
                || past_like
            {
                break;
            }
            i += 1;
            // "A Superior Court of Ontario judge chastised …": the role noun closes it
            if i - 1 > from && self.is_role(i - 1) && !self.is_role(i) && !self.is_cap(i) {
                break;
            }
        }
        i
    }

    /// Whether a channel phrase starts at token `i` ("in a statement", "on
    /// X", "at a news conference"): it says how the words came, so a role
    /// ("the mayor in a statement") ends before it.
    fn channel_starts_at(&self, i: usize, hi: usize) -> bool {
        let last = hi.min(i + PHRASE_WINDOW).saturating_sub(1);
        let (Some(from), Some(to)) = (self.toks.get(i), self.toks.get(last)) else { return false };
        let Some(rest) = self.text.get(from.start as usize..to.end() as usize) else { return false };
        self.lex.first_phrase(PhraseList::Channel, rest).is_some_and(|m| m.range.start == 0)
    }

    /// An anonymous or vague source phrase from the word lists starting at
    /// `start` ("a source close to the talks", "the same source", "experts").
    fn listed_phrase(&self, start: usize, hi: usize) -> Option<Mention> {
        let from = self.toks.get(start)?.start as usize;
        // phrases are a few words long: a window keeps this linear in the block
        let last = hi.min(start + PHRASE_WINDOW).checked_sub(1)?;
        let to = self.toks.get(last)?.end() as usize;
        let rest = self.text.get(from..to)?;
        if !self.could_start_phrase(start) || !self.may_start_listed(rest) {
            return None;
        }
        self.listed_phrase_in(&OneSpaced::new(rest), from, start, hi)
    }

    /// Whether a listed phrase may start `window`, by its first word.
    fn may_start_listed(&self, window: &str) -> bool {
        [PhraseList::Anonymous, PhraseList::VagueSpeaker].into_iter().any(|l| self.lex.may_start_phrase(l, window))
    }

    /// [`Frame::listed_phrase`] matched in `spaced`, made from the block's
    /// text from byte `base` up to where the phrase may end at most.
    fn listed_phrase_in(&self, spaced: &OneSpaced, base: usize, start: usize, hi: usize) -> Option<Mention> {
        let from = self.toks.get(start)?.start as usize;
        for (list, kind) in
            [(PhraseList::Anonymous, SpeakerKind::Anonymous), (PhraseList::VagueSpeaker, SpeakerKind::Vague)]
        {
            if let Some(m) = self.lex.phrase_at(list, spaced, from.checked_sub(base)?) {
                let end_byte = from + m.range.end;
                let end = (start..hi)
                    .find(|&i| self.toks.get(i).is_some_and(|t| t.end() as usize >= end_byte))
                    .map_or(hi, |i| i + 1);
                return Some(Mention::new(start, end, kind));
            }
        }
        None
    }

    /// An anonymous or vague phrase from the word lists that ends at `end`
    /// ("a source declared", "people familiar with the talks said").
    pub fn listed_phrase_ending(&self, lo: usize, end: usize) -> Option<Mention> {
        let first = lo.max(end.saturating_sub(PHRASE_WINDOW));
        if first >= end {
            return None;
        }
        // every start's window ends at `end`: one single-spaced copy serves
        // them all (a copy for each start and list was most of the time of a
        // paragraph of hard line breaks, whose "  \n" each needs one)
        let base = self.toks.get(first)?.start as usize;
        let window = self.text.get(base..self.toks.get(end - 1)?.end() as usize)?;
        let spaced = std::cell::OnceCell::new();
        let may_start = |k: usize| {
            let own = self.toks.get(k).and_then(|t| window.get(t.start as usize - base..));
            self.could_start_phrase(k) && own.is_some_and(|w| self.may_start_listed(w))
        };
        (first..end).filter(|&k| may_start(k)).find_map(|k| {
            let spaced = spaced.get_or_init(|| OneSpaced::new(window));
            self.listed_phrase_in(spaced, base, k, end).filter(|m| m.end == end)
        })
    }

    /// The speaker phrase ending at `end`: a name, a listed phrase, or else
    /// any short noun phrase.
    pub fn phrase_ending(&self, lo: usize, end: usize) -> Option<Mention> {
        self.mention_ending(lo, end)
            .or_else(|| self.listed_phrase_ending(lo, end))
            .or_else(|| self.plain_phrase(lo, end))
    }

    /// Any short noun phrase before a verb ("the announcer", "the letter"),
    /// when nothing better is known: a role.
    pub fn plain_phrase(&self, lo: usize, end: usize) -> Option<Mention> {
        let mut start =
            (lo..end).rev().take(6).take_while(|&i| self.is_word(i) && !self.is_speech_like(i)).last()?;
        // "as the foundation's website": start at the determiner or the first capital
        while start + 1 < end && !self.is_determiner(start) && !self.is_cap(start) && !self.is_quantity(start) {
            start += 1;
        }
        let first = self.lower(start);
        // "With Democratic leaders", "Following initial reports": not a subject;
        // "21 percent", "About four in 10" (of those polled): a share that answered
        // (a bare number, "plus 21", counts nobody in particular)
        let counted =
            (self.is_quantity(start) && start + 1 < end) || (start + 2 < end && self.is_quantity(start + 1));
        let determined = in_list!(DETERMINERS, first) || self.can_start_name(start) || counted;
        (determined && end - start <= 6 && !self.is_possessive(end - 1)).then(|| self.role(start, end))
    }

    /// "21", "63%", "four", "dozens": a word that counts people (not the
    /// "600" of "1,600", not the year of "in 2010").
    pub fn is_quantity(&self, i: usize) -> bool {
        let w = self.lower(i);
        // ("9th graders", "a 112-member panel": an ordinal or a compound describes)
        let digits =
            w.starts_with(|c: char| c.is_ascii_digit()) && w.bytes().all(|b| b.is_ascii_digit() || b == b'%');
        let year = digits && w.len() == 4 && !w.contains('%');
        let thousands = i > 0 && self.is_punct(i - 1, ",") && self.glued(i - 1);
        let after_preposition =
            i > 0 && matches!(self.lower(i - 1), "in" | "of" | "to" | "by" | "from" | "since" | "for");
        self.is_word(i) && (digits || in_list!(NUMBER_WORDS, w)) && !year && !thousands && !after_preposition
    }

    fn is_speech_like(&self, i: usize) -> bool {
        self.verb_at(i).is_some_and(|v| v.form != VerbForm::Base)
            || matches!(self.lower(i), "who" | "which" | "that" | "and" | "but")
    }

    fn classify_name(&self, start: usize, end: usize) -> Mention {
        Mention::new(start, end, self.name_kind(start, end))
    }

    /// A role phrase, sharpened into anonymous or vague when its words say so.
    fn role(&self, start: usize, end: usize) -> Mention {
        let text = self.span_words(start, end);
        let kind = if self.lex.is_anonymous(&text) {
            SpeakerKind::Anonymous
        } else if self.lex.is_vague_speaker(&text) {
            SpeakerKind::Vague
        } else {
            SpeakerKind::Role
        };
        Mention::new(start, end, kind)
    }
}
