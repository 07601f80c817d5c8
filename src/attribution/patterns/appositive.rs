//! A subject set off by commas: "Dana Reyes, the mayor, said", "the mayor,
//! Dana Reyes, said", places and party tags ("Reyes, D-Maine, said") and
//! asides between a subject and its verb.

use super::PLACE_PREPOSITIONS;
use crate::attribution::mention::{in_list, Frame, Mention};
use crate::attribution::names::given_name_gender;
use crate::attribution::SpeakerKind;

/// Prepositions that make the name after them an object, not a subject
/// (French ones as written: "du" is glossed as "the").
const PREPOSITIONS: &[&str] = &[
    "at", "of", "to", "for", "with", "from", "in", "on", "within", "inside", "de", "du", "des", "à", "au", "aux",
    "pour", "chez",
];

/// Words set off by commas between a subject and its verb ("Critics, however, say").
const DISCOURSE_ADVERBS: &[&str] = &[
    "however",
    "meanwhile",
    "though",
    "moreover",
    "likewise",
    "similarly",
    "nonetheless",
    "nevertheless",
    "therefore",
    "thus",
    "too",
    "also",
    "instead",
    "indeed",
];

impl Frame<'_> {
    /// `Soo Kim, a former analyst at the CIA, the main agency, told`: walk
    /// left over comma-separated segments to the one that is a name.
    pub(super) fn across_appositives(&self, lo: usize, comma: usize) -> Option<Mention> {
        if let Some(rel) = self.relative_clause_start(lo, comma) {
            // "The complaint, which was filed in Halifax, alleged": the clause
            // describes its head, which is the subject, named or not
            return self.across_appositives(lo, rel - 1).or_else(|| self.plain_phrase(lo, rel - 1));
        }
        if let Some(m) = self.subject_before_asides(lo, comma) {
            return Some(m);
        }
        let mut seg_end = comma;
        let mut fallback = None;
        let mut object_fallback = None;
        for _ in 0..8 {
            let seg_start = (lo..seg_end).rev().find(|&i| self.separates_appositive(i)).map_or(lo, |i| i + 1);
            if seg_start >= seg_end {
                // "--" or ", (": nothing between two marks
                if seg_start == lo || seg_end == lo {
                    break;
                }
                seg_end = seg_start.min(seg_end) - 1;
                continue;
            }
            // "in Halifax, Nova Scotia,": the region after a place's comma
            if seg_start > lo && self.rest_of_place(lo, seg_start, seg_end) {
                seg_end = seg_start - 1;
                continue;
            }
            // a nickname in marks inside a name ("Marcia "Cia" Price") is part of it
            let clean = !(seg_start..seg_end)
                .any(|i| self.is_speech_verb(i) || (self.is_quote(i) && !self.is_name_part(i)));
            // "a former analyst at the CIA", "the world body": descriptions, not the subject
            // ("secrétaire générale du syndicat SNCTA": a role heads it too)
            let mut description =
                (self.is_determiner(seg_start) || self.place_or_party_tag(seg_start, seg_end)) && seg_start > lo;
            // "Rep. Jim Jordan (R-Ohio)": the party tag closes the name's segment
            let seg_name_end = self.skip_party_tag(seg_start, seg_end);
            let m = self
                .mention_ending(seg_start, seg_name_end)
                .or_else(|| self.listed_phrase_ending(seg_start, seg_name_end))
                .filter(|_| clean);
            // "chief economist at Acme Bank", "Canada's ambassador to Norway":
            // a name that is the object of a preposition describes the subject
            let object = seg_start > lo
                && self.starts_description(seg_start)
                && m.is_some_and(|m| self.preposition_between(seg_start, m.start));
            if object {
                // "The memo, sent to Carla Moss, called": only if nothing else is found
                object_fallback = object_fallback.or(m);
                seg_end = seg_start - 1;
                continue;
            }
            // "Hussein Sayed, Chief Market Strategist at FXTM,": a role in
            // title case after a name is the name's description
            description |= seg_start > lo && m.is_some_and(|m| m.end > m.start && self.is_role(m.end - 1));
            if description {
                if let Some(m) = m {
                    fallback.get_or_insert(m);
                }
                if seg_start == lo {
                    break;
                }
                seg_end = seg_start - 1;
                continue;
            }
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
        // the last resort reads back from the comma: past an object, only a
        // name in the first segment is the subject
        let last_resort = || {
            self.mention_ending(lo, self.skip_party_tag(lo, comma))
                .filter(|m| object_fallback.is_none() || m.start < self.first_separator(lo, comma))
        };
        fallback
            .or_else(last_resort)
            .or_else(|| object_fallback.and_then(|_| self.determined_head(lo, comma)))
            .or(object_fallback)
    }

    /// "The memo" of "The memo, sent to …,": a phrase a determiner opens,
    /// up to the first separator, as the subject nothing named replaces.
    pub(super) fn determined_head(&self, lo: usize, comma: usize) -> Option<Mention> {
        let end = self.first_separator(lo, comma);
        self.is_determiner(lo).then(|| self.plain_phrase(lo, end)).flatten()
    }

    pub(super) fn first_separator(&self, lo: usize, comma: usize) -> usize {
        (lo..comma).find(|&i| self.separates_appositive(i)).unwrap_or(comma)
    }

    /// "Critics of the plan, however, say", "The union, for its part,
    /// called": past asides that name nobody, the phrase before them.
    pub(super) fn subject_before_asides(&self, lo: usize, comma: usize) -> Option<Mention> {
        let head_end = self.first_separator(lo, comma);
        if head_end >= comma || !self.is_punct(head_end, ",") {
            return None;
        }
        let mut start = head_end + 1;
        while start < comma {
            let end = (start..comma).find(|&i| self.is_punct(i, ",")).unwrap_or(comma);
            if !self.is_aside(start, end) {
                return None;
            }
            start = end + 1;
        }
        self.phrase_ending(lo, head_end)
    }

    /// "however", "in turn", "for its part": an aside of a few lower-case
    /// words, an adverb or a phrase a preposition opens.
    pub(super) fn is_aside(&self, start: usize, end: usize) -> bool {
        let words = end - start;
        let plain = (start..end).all(|i| self.is_word(i) && !self.is_cap(i));
        let adverb = words == 1 && (self.is_adverb(start) || in_list!(DISCOURSE_ADVERBS, self.lower(start)));
        plain && (adverb || (words <= 4 && in_list!(PREPOSITIONS, self.lower(start))))
    }

    /// ", who …" / ", which …" after a head phrase, in the segments before a
    /// verb's comma: where a relative clause starts.
    pub(super) fn relative_clause_start(&self, lo: usize, comma: usize) -> Option<usize> {
        (lo + 2..comma)
            .find(|&i| self.is_punct(i - 1, ",") && matches!(self.lower(i), "who" | "which" | "whose" | "whom"))
    }

    /// A comma, colon, bracket or dash between appositives; a hyphen inside
    /// a word ("U.S.-based") is none.
    pub(super) fn separates_appositive(&self, i: usize) -> bool {
        self.is_dash(i) || self.is_punct(i, ",;:(")
    }

    /// "N.S.", "Calif.", "D-Calif.", "Jr.": an abbreviated place, a party tag or
    /// a suffix between commas after a name, never the speaker.
    pub(super) fn place_or_party_tag(&self, start: usize, end: usize) -> bool {
        let text = self.span_words(start, end);
        let (b, len) = (text.as_bytes(), text.chars().count());
        // "D-Calif.", "R-Newport News": a party letter, a hyphen, a place
        let party = b.len() > 2 && b[0].is_ascii_uppercase() && b[1] == b'-' && b[2].is_ascii_uppercase();
        let abbreviated = text.ends_with('.') || self.is_punct(end, ".");
        let short = !text.contains(char::is_whitespace) && len <= 10;
        (party && len <= 24) || (short && abbreviated)
    }

    /// Whether the segment `start..end`, one to three capitalised words after
    /// a comma, finishes a place an aside named ("Reyes, during a meeting in
    /// Halifax, Nova Scotia, said"). Not after a phrase that opens the
    /// sentence ("In Halifax, Dana Reyes, the mayor, said": the subject), nor
    /// when a given name or a title says it is a person.
    pub(super) fn rest_of_place(&self, lo: usize, start: usize, end: usize) -> bool {
        let words = (start..end).filter(|&i| self.is_word(i)).count();
        let capitals = (start..end).all(|i| (self.is_word(i) && self.is_cap(i)) || self.is_punct(i, "."));
        if !(1..=3).contains(&words) || !capitals || !self.is_punct(start - 1, ",") {
            return false;
        }
        if self.is_title_at(start) || given_name_gender(self.word(start)).is_some() {
            return false;
        }
        let place_end = start - 1;
        let place_start = (lo..place_end).rev().take_while(|&i| self.is_word(i) && self.is_cap(i)).last();
        let Some(place_start) = place_start.filter(|&p| p > lo + 1) else { return false };
        let preposition = place_start - 1;
        in_list!(PLACE_PREPOSITIONS, self.lower(preposition)) && !self.is_cap(preposition)
    }

    /// "chief economist at …", "Canada's ambassador to …", "Chief Strategist
    /// at …": a segment that opens with a role, a possessive or a lower-case
    /// word describes someone; "Controversy erupted after Jane Roe" does not.
    pub(super) fn starts_description(&self, i: usize) -> bool {
        // "Chief Market Strategist at FXTM": a role in title case heads it too
        let titled_role =
            || (i..i + 4).take_while(|&j| self.is_word(j) && self.is_cap(j)).any(|j| self.is_role(j));
        !self.is_cap(i) || self.is_possessive(i) || self.is_role(i) || self.is_title_at(i) || titled_role()
    }

    /// Whether a preposition ("at", "of", "to") stands among tokens `from..to`.
    pub(super) fn preposition_between(&self, from: usize, to: usize) -> bool {
        (from..to).any(|i| {
            self.is_word(i)
                && !self.is_cap(i)
                && (in_list!(PREPOSITIONS, self.lower(i)) || in_list!(PREPOSITIONS, self.written_lower(i)))
        })
    }

    /// `Sen. Jane Doe (D-Calif.) said`: the party tag is not part of the name.
    pub(super) fn skip_party_tag(&self, lo: usize, end: usize) -> usize {
        if end > lo && self.is_punct(end - 1, ")") {
            if let Some(open) = (lo..end).rev().find(|&i| self.is_punct(i, "(")) {
                return open;
            }
        }
        end
    }

    /// `said a resident, Ayse Demir` / `l’architecte Selim Kaya` / `le
    /// négociateur brésilien André Costa`: the person a role after the verb
    /// names, past a comma or a word or two describing it.
    pub(in crate::attribution) fn named_in_apposition(&self, m: Mention, hi: usize) -> Option<Mention> {
        if m.kind != SpeakerKind::Role {
            return None;
        }
        let j = m.end;
        // past a comma the name comes at once ("a resident, Ayse Demir"); without
        // one, at most a word describes the role ("le négociateur brésilien André Costa")
        let start = if self.is_punct(j, ",") {
            j + 1
        } else {
            (j..hi.min(j + 2)).find(|&k| self.is_cap(k) || !self.is_word(k))?
        };
        let described = (j..start)
            .all(|k| self.is_punct(k, ",") || (self.is_word(k) && !self.is_role(k) && self.verb_at(k).is_none()));
        let name = self.name_at(start, hi).filter(|n| n.kind == SpeakerKind::Person)?;
        described.then_some(name)
    }
}
