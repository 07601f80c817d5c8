//! Attribution patterns inside the quotation's own sentence.
//!
//! `"Q," S said.` / `"Q," said S.` / `S said: "Q"` / `S said "Q"` /
//! `S said that … "Q"` / `according to S, … "Q"` / `S, an analyst, told AFP "Q"`
//! / a participle (`…, saying "Q"`) taking the main clause's subject.

use super::lexicon_ext::SpeechVerbExt;
use super::mention::{Frame, Mention};
use super::names::given_name_gender;
use super::SpeakerKind;
use crate::lexicon::{SpeechVerb, VerbClass, VerbForm};

/// Verbs whose bare form, after a plural subject, reports speech ("experts say").
const PLURAL_PRESENT: &[&str] = &[
    "say",
    "tell",
    "add",
    "write",
    "ask",
    "argue",
    "insist",
    "warn",
    "explain",
    "suggest",
    "agree",
    "contend",
    "acknowledge",
    "admit",
    "maintain",
    "predict",
    "caution",
    "recall",
    "believe",
    "worry",
    "fear",
    "claim",
    "call",
    "describe",
    "accuse",
    "urge",
    "promise",
    "vow",
    "read",
];

/// Prepositions that make the name after them an object, not a subject
/// (French ones as written: "du" is glossed as "the").
const PREPOSITIONS: &[&str] = &[
    "at", "of", "to", "for", "with", "from", "in", "on", "within", "inside", "de", "du", "des", "à", "au", "aux",
    "pour", "chez",
];

/// Prepositions after which a capitalised name is usually a place.
pub(super) const PLACE_PREPOSITIONS: &[&str] = &[
    "in",
    "at",
    "from",
    "to",
    "near",
    "across",
    "into",
    "throughout",
    "outside",
    "inside",
    "toward",
    "towards",
    "around",
    "between",
    "through",
    "via",
    "onto",
    "within",
];

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

/// Words before a bare verb that make it an infinitive or a modal's complement.
const INFINITIVE_MARKERS: &[&str] = &[
    "to", "will", "would", "could", "should", "might", "must", "can", "may", "did", "not", "n't", "does", "do",
    "shall",
];

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

/// Auxiliaries that an adverb may follow before the verb ("has long said").
const AUXILIARIES: &[&str] =
    &["has", "have", "had", "would", "will", "could", "should", "can", "may", "might", "must", "did", "does"];

/// Words that open a subordinate clause before the main one.
const SUBORDINATORS: &[&str] = &[
    "while", "although", "though", "after", "when", "as", "because", "if", "since", "before", "despite", "once",
    "unless", "whereas", "until",
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

/// Prepositions that open a phrase set before the main clause with a comma.
const FRONTED_PREPOSITIONS: &[&str] =
    &["with", "without", "following", "amid", "amidst", "during", "in", "on", "at", "under", "given", "unlike"];

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
        if self.put_it_at(i) {
            return true; // "as Professor Foner put it", "as the Post's Dana Milbank puts it"
        }
        if self.verb_at(i).is_none() {
            return false; // most tokens: no reporting verb, whatever comes before
        }
        // "residents were told": a passive reports nobody's words
        // ("was quoted by TASS as saying" still quotes its subject)
        let passive = i > 0
            && matches!(self.lower(i - 1), "was" | "were" | "been" | "being" | "be" | "is" | "are")
            && self.lower(i) != "quoted"
            && !self.lower(i).ends_with("ing");
        if passive {
            return false;
        }
        let Some(v) = self.verb_at(i).filter(|_| self.is_word(i) && !self.is_midsentence_capital(i)) else {
            return false;
        };
        // "the remarks", "his statement": after a determiner it is a noun
        // ("two said", "a mother of three said", "another said": after a number
        // or a quantifier a past form is the verb of the phrase it ends)
        let counted_subject = || {
            v.form == VerbForm::Past
                && matches!(
                    self.lower(i - 1),
                    "one"
                        | "two"
                        | "three"
                        | "four"
                        | "several"
                        | "some"
                        | "many"
                        | "most"
                        | "another"
                        | "each"
                        | "both"
                        | "few"
                )
        };
        if i > 0 && self.is_determiner(i - 1) && !counted_subject() {
            return false;
        }
        // "READ MORE:", "WATCH:": a site's label, not a verb of the story
        // (asked only of the few tokens that are reporting verbs)
        if self.is_page_label(i, i + 1) {
            return false;
        }
        // "experts say", "critics argue": a plural present that is also the base form;
        // "the government is calling it": a progressive is as finite as its auxiliary
        // ("a reporter can be heard asking": a participle after a verb of
        // perception reports what was said as plainly)
        let progressive = v.form == VerbForm::Participle
            && i > 0
            && matches!(
                self.lower(i - 1),
                "is" | "are" | "was" | "were" | "'s" | "’s" | "been" | "heard" | "overheard"
            );
        let plural_present = v.form == VerbForm::Base
            && (PLURAL_PRESENT.contains(&v.lemma.as_str()) || self.after_plural_speaker(i, v))
            && !self.after_infinitive_marker(i);
        v.is_finite() || progressive || plural_present || self.is_perfect(i, v)
    }

    /// "officials state", "the Saudis note", "the islanders state": right
    /// after a plural role, a capitalised plural or a determined plural, any
    /// base form of a reporting verb is its present tense (elsewhere "state"
    /// and "note" are more often nouns).
    fn after_plural_speaker(&self, i: usize, v: &SpeechVerb) -> bool {
        // (a phrasal verb, "go on", and a state of mind, "think", never)
        let speech = matches!(v.class, VerbClass::Neutral | VerbClass::Loaded { .. }) && v.particle.is_none();
        let Some(p) = i.checked_sub(1).filter(|_| speech) else {
            return false;
        };
        let determined = || p > 0 && self.is_determiner(p - 1);
        self.looks_plural(p) && self.is_word(p) && (self.is_role(p) || self.is_cap(p) || determined())
    }

    /// Where the main clause starts: after a leading subordinate clause
    /// ("While Clinton has condemned it, the groups say …").
    fn main_clause_start(&self, lo: usize, q: usize) -> usize {
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
            SUBORDINATORS.contains(&w) || FRONTED_PREPOSITIONS.contains(&w) || self.opens_participle_clause(i)
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
    fn dateline_end(&self, lo: usize) -> Option<usize> {
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
    fn relative_pronoun(&self, lo: usize, end: usize) -> Option<usize> {
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

    /// "the United States", "Reps. Said": a capital inside a sentence is a name.
    fn is_midsentence_capital(&self, i: usize) -> bool {
        self.is_cap(i) && i > 0 && !self.is_quote(i - 1) && !self.is_punct(i - 1, ".!?:;\"“”‘’'—–-(")
    }

    /// "“…,” the president will say": a speech still to be given, its words
    /// released in advance (only after the quote: "I will say that …" in
    /// the writer's words quotes nobody).
    fn is_future_speech(&self, i: usize) -> bool {
        i.checked_sub(1).is_some_and(|p| matches!(self.lower(p), "will" | "would"))
            && self.is_word(i)
            && self.verb_at(i).is_some_and(|v| v.form == VerbForm::Base)
    }

    fn after_infinitive_marker(&self, i: usize) -> bool {
        i.checked_sub(1).is_some_and(|p| INFINITIVE_MARKERS.contains(&self.lower(p)))
    }

    /// "had written", "has long argued": a perfect is as finite as its
    /// auxiliary (a passive, "has been written", is ruled out before).
    fn is_perfect(&self, i: usize, v: &SpeechVerb) -> bool {
        let have =
            |p: usize| matches!(self.lower(p), "has" | "have" | "had" | "'s" | "’s" | "'d" | "’d" | "'ve" | "’ve");
        let Some(p) = i.checked_sub(1) else { return false };
        // a phrasal verb needs its particle ("had gone too far" reports nothing)
        let particle = v.particle.as_deref().is_none_or(|pt| self.lower(i + 1) == pt);
        v.form == VerbForm::PastParticiple
            && particle
            && (have(p) || (self.is_adverb(p) && p.checked_sub(1).is_some_and(have)))
    }

    fn is_participle(&self, i: usize) -> bool {
        self.is_word(i) && self.verb_at(i).is_some_and(|v| v.is_participle())
    }

    /// Back from a verb over adverbs and auxiliaries ("has been calling").
    fn skip_adverbs_back(&self, lo: usize, mut end: usize) -> usize {
        // ("has long argued", "would only say": a lower-case word between an
        // auxiliary and its verb is an adverb, listed or not)
        let between_aux = |i: usize| {
            i > lo
                && self.is_word(i)
                && !self.is_cap(i)
                && !self.is_pronoun(i)
                && self.verb_at(i).is_none()
                && AUXILIARIES.contains(&self.lower(i - 1))
        };
        loop {
            if end > lo
                && (self.is_adverb(end - 1)
                    || matches!(self.lower(end - 1), "are" | "were" | "been" | "heard" | "overheard")
                    || (self.lower(end - 1) == "be" && end > lo + 1 && AUXILIARIES.contains(&self.lower(end - 2)))
                    || (AUXILIARIES.contains(&self.lower(end - 1)) && self.lower(end) == "be")
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
    fn is_time_phrase(&self, i: usize) -> bool {
        matches!(self.lower(i), "this" | "last" | "next" | "on" | "early" | "late")
            && self.is_word(i + 1)
            && TIME_WORDS.contains(&self.lower(i + 1))
    }

    /// The subject of the verb at `v`: the phrase before it, looking past
    /// adverbs and past appositives set off by commas.
    pub fn subject_of(&self, lo: usize, v: usize) -> Option<Mention> {
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

    /// `Soo Kim, a former analyst at the CIA, the main agency, told`: walk
    /// left over comma-separated segments to the one that is a name.
    fn across_appositives(&self, lo: usize, comma: usize) -> Option<Mention> {
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
    fn determined_head(&self, lo: usize, comma: usize) -> Option<Mention> {
        let end = self.first_separator(lo, comma);
        self.is_determiner(lo).then(|| self.plain_phrase(lo, end)).flatten()
    }

    fn first_separator(&self, lo: usize, comma: usize) -> usize {
        (lo..comma).find(|&i| self.separates_appositive(i)).unwrap_or(comma)
    }

    /// "Critics of the plan, however, say", "The union, for its part,
    /// called": past asides that name nobody, the phrase before them.
    fn subject_before_asides(&self, lo: usize, comma: usize) -> Option<Mention> {
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
    fn is_aside(&self, start: usize, end: usize) -> bool {
        let words = end - start;
        let plain = (start..end).all(|i| self.is_word(i) && !self.is_cap(i));
        let adverb = words == 1 && (self.is_adverb(start) || DISCOURSE_ADVERBS.contains(&self.lower(start)));
        plain && (adverb || (words <= 4 && PREPOSITIONS.contains(&self.lower(start))))
    }

    /// ", who …" / ", which …" after a head phrase, in the segments before a
    /// verb's comma: where a relative clause starts.
    fn relative_clause_start(&self, lo: usize, comma: usize) -> Option<usize> {
        (lo + 2..comma)
            .find(|&i| self.is_punct(i - 1, ",") && matches!(self.lower(i), "who" | "which" | "whose" | "whom"))
    }

    /// A comma, colon, bracket or dash between appositives; a hyphen inside
    /// a word ("U.S.-based") is none.
    fn separates_appositive(&self, i: usize) -> bool {
        self.is_dash(i) || self.is_punct(i, ",;:(")
    }

    /// "N.S.", "Calif.", "D-Calif.", "Jr.": an abbreviated place, a party tag or
    /// a suffix between commas after a name, never the speaker.
    fn place_or_party_tag(&self, start: usize, end: usize) -> bool {
        let text = self.span_text(start, end);
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
    fn rest_of_place(&self, lo: usize, start: usize, end: usize) -> bool {
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
        PLACE_PREPOSITIONS.contains(&self.lower(preposition)) && !self.is_cap(preposition)
    }

    /// "chief economist at …", "Canada's ambassador to …", "Chief Strategist
    /// at …": a segment that opens with a role, a possessive or a lower-case
    /// word describes someone; "Controversy erupted after Jane Roe" does not.
    fn starts_description(&self, i: usize) -> bool {
        // "Chief Market Strategist at FXTM": a role in title case heads it too
        let titled_role =
            || (i..i + 4).take_while(|&j| self.is_word(j) && self.is_cap(j)).any(|j| self.is_role(j));
        !self.is_cap(i) || self.is_possessive(i) || self.is_role(i) || self.is_title_at(i) || titled_role()
    }

    /// Whether a preposition ("at", "of", "to") stands among tokens `from..to`.
    fn preposition_between(&self, from: usize, to: usize) -> bool {
        (from..to).any(|i| {
            self.is_word(i)
                && !self.is_cap(i)
                && (PREPOSITIONS.contains(&self.lower(i)) || PREPOSITIONS.contains(&self.written_lower(i)))
        })
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
            && self.verb_at(v).is_some_and(|vb| INVERTING_VERBS.contains(&vb.lemma.as_str()));
        let m = if named_after { inverted } else { self.subject_of(i, v).or(inverted) }?;
        Some(Found { mention: m, cue: v, cue_len: 1 })
    }

    /// Whether a comma closes the quote at `q`, inside its marks or right after ("“Q,” she said").
    pub fn closed_by_comma(&self, q: usize) -> bool {
        self.is_punct(q + 1, ",") || self.word(q).trim_end_matches(['”', '"', '\'', '’']).ends_with(',')
    }

    /// "“France is France,” an angry Hollande retaliated.": right after a
    /// quote and its comma, a speaker and one verb closing the sentence sign
    /// it, whether or not the verb is a listed reporting verb.
    fn unlisted_verb_signature(&self, i: usize, s: Sentence) -> Option<Found> {
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

    /// A lower-case word in -ed (or, when `present`, in -s) that reads as a
    /// finite verb the lists do not know ("retaliated", "lobbies").
    fn inflected_like_verb(&self, i: usize, present: bool) -> bool {
        let w = self.lower(i);
        self.is_word(i)
            && !self.is_cap(i)
            && w.len() > 3
            && (w.ends_with("ed") || (present && w.ends_with('s') && !w.ends_with("ss")))
    }

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
    fn inverted_aside(&self, v: usize, q: usize) -> Option<Mention> {
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
    fn coordinate_pronoun_clause(&self, lo: usize, q: usize) -> Option<Found> {
        let v = (lo..q).rev().find(|&i| self.is_speech_verb(i))?;
        let p = self.skip_adverbs_back(lo, v).checked_sub(1).filter(|&p| p > lo)?;
        // "…, which he called “Q”", "…, though he said “Q”": a relative
        // pronoun or a subordinator opens the clause too
        let opens = self.is_punct(p - 1, ",—–")
            || matches!(self.lower(p - 1), "and" | "but" | "where" | "yet" | "which" | "whom" | "who")
            || SUBORDINATORS.contains(&self.lower(p - 1));
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
    fn fronted_participle_subject(&self, s: Sentence, v: usize, q: usize) -> Option<Mention> {
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
    fn last_coordinate_clause(&self, lo: usize, q: usize) -> Option<Found> {
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
    fn joined_clause_verb(&self, lo: usize, q: usize) -> Option<Found> {
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

    /// "with Smith saying", "footage of Trump saying", ", Smith saying": a
    /// name right before a participle, after a preposition or a comma, is
    /// the participle's own subject.
    fn participle_own_subject(&self, lo: usize, v: usize) -> Option<Mention> {
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

    fn is_relative(&self, m: &Mention) -> bool {
        m.kind == SpeakerKind::Pronoun && matches!(self.lower(m.start), "who" | "which")
    }

    /// "At a rally in Ames, on Sunday, Mrs. Clinton tried …, saying": the
    /// first speaker phrase that opens a clause (at the sentence's start or
    /// after a comma) and is followed by a word that reads as its verb.
    fn clause_subject(&self, lo: usize, hi: usize) -> Option<Mention> {
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
    fn past_home_place(&self, m: &Mention, hi: usize) -> usize {
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

    /// `Trump's claim that there have been "Q"`: the possessor of a noun of speech.
    fn possessor_of_speech(&self, s: Sentence, q: usize) -> Option<Found> {
        // "Bush's Facebook post", "her opening statement": a word or two may qualify the noun
        let owner_of = |i: usize| {
            (i.saturating_sub(3).max(s.lo)..i)
                .rev()
                .take_while(|&k| self.is_word(k))
                .find(|&k| self.is_possessive(k) || matches!(self.lower(k), "his" | "her" | "their"))
        };
        let (noun, owner) = (s.lo + 1..q)
            .rev()
            .filter(|&i| SPEECH_NOUNS.contains(&self.lower(i)))
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
    fn nearest_person_before(&self, lo: usize, end: usize) -> Option<Mention> {
        let object = |m: &Mention| m.start > lo && PLACE_OR_OBJECT.contains(&self.lower(m.start - 1));
        let verb_after = |m: &Mention| {
            m.end < end
                && self.is_word(m.end)
                && !self.is_cap(m.end)
                && !PLACE_OR_OBJECT.contains(&self.lower(m.end))
                && !matches!(self.lower(m.end), "and" | "or")
        };
        (lo + 1..=end)
            .rev()
            .take_while(|&e| !self.is_quote(e - 1))
            .filter(|&e| self.is_cap(e - 1))
            .find_map(|e| self.mention_ending(lo, e).filter(|m| m.end == e && m.kind == SpeakerKind::Person))
            .filter(|m| !object(m) && verb_after(m))
    }

    /// "The diocese issued a statement, saying …": a determiner phrase of
    /// unlisted nouns opening the main clause, right before its finite verb
    /// (in -ed or -s), is the subject a participle after a comma shares.
    fn subject_before_finite_verb(&self, main: usize, v: usize) -> Option<Mention> {
        // (set off by a comma: "ends with a voice over saying" is the voice's)
        if !self.is_determiner(main) || self.is_pronoun(main) || !self.is_punct(v.wrapping_sub(1), ",") {
            return None;
        }
        let verb = (main + 2..v.min(main + 5))
            .take_while(|&j| self.is_word(j))
            .find(|&j| self.inflected_like_verb(j, true))?;
        self.plain_phrase(main, verb)
    }

    /// `said the ruling`: a determiner and up to three words, to the clause's end.
    fn determined_phrase(&self, start: usize, hi: usize) -> Option<Mention> {
        if !self.is_determiner(start) {
            return None;
        }
        let end = (start + 1..hi.min(start + 5)).find(|&i| !self.is_word(i)).unwrap_or(hi.min(start + 5));
        let closes = end >= hi || self.is_punct(end, ".,;:");
        (closes && end > start + 1).then(|| Mention::new(start, end, SpeakerKind::Role))
    }

    /// `Pew Research: "Q"`, `- Jane Doe: "Q"`: a name set before a colon.
    fn name_colon(&self, s: Sentence, q: usize) -> Option<Found> {
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
    fn name_dash(&self, s: Sentence, q: usize) -> Option<Found> {
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
    fn subject_colon(&self, s: Sentence, q: usize) -> Option<Found> {
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
    fn object_colon(&self, s: Sentence, q: usize) -> Option<Found> {
        let colon = q.checked_sub(1).filter(|&c| c > s.lo && self.is_punct(c, ":"))?;
        if (s.lo..colon).any(|i| self.is_speech_verb(i)) {
            return None;
        }
        let m = self.mention_ending(s.lo, colon).filter(|m| m.kind == SpeakerKind::Person)?;
        self.shown_to_be_person(&m).then_some(Found { mention: m, cue: colon, cue_len: 1 })
    }

    /// A name the text shows to be a person's: a first name, a title, or a
    /// role word right before it.
    fn shown_to_be_person(&self, m: &Mention) -> bool {
        super::names::is_given_name(self.word(m.start))
            || (m.start..m.end).any(|i| self.is_title_at(i))
            || m.start.checked_sub(1).is_some_and(|r| self.is_role(r))
    }

    /// Token `j` follows "to" (or "to the"): it names whom words were said to.
    fn after_to(&self, j: usize) -> bool {
        let before = |k: usize| j.checked_sub(k).map_or("", |i| self.lower(i));
        before(1) == "to" || (before(1) == "the" && before(2) == "to")
    }

    /// `said a resident, Ayse Demir` / `l’architecte Selim Kaya` / `le
    /// négociateur brésilien André Costa`: the person a role after the verb
    /// names, past a comma or a word or two describing it.
    pub(super) fn named_in_apposition(&self, m: Mention, hi: usize) -> Option<Mention> {
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

    /// "according to" at `i`, two words, or one read as both ("selon"): its length.
    pub fn according_to_at(&self, i: usize) -> Option<usize> {
        match self.lower(i) {
            "according" if self.lower(i + 1) == "to" => Some(2),
            "according to" => Some(1),
            _ => None,
        }
    }

    fn according_to(&self, s: Sentence, q: usize) -> Option<Found> {
        let (i, len) = (s.lo..q).find_map(|i| self.according_to_at(i).map(|len| (i, len)))?;
        let m = self.mention_starting(i + len, q).or_else(|| self.source_phrase(i + len, q))?;
        let m = self.named_in_apposition(m, q).unwrap_or(m);
        Some(Found { mention: m, cue: i, cue_len: len })
    }

    /// `according to the memo obtained by the Globe`: whatever a determiner
    /// opens, up to the clause's end, is the source (a document, a poll).
    fn source_phrase(&self, start: usize, hi: usize) -> Option<Mention> {
        if !self.is_determiner(start) && !self.is_possessive(start) {
            return None;
        }
        let end = (start + 1..hi.min(start + 9)).find(|&i| !self.is_word(i)).unwrap_or(hi.min(start + 9));
        (end > start + 1).then(|| Mention::new(start, end, SpeakerKind::Role))
    }

    /// The first speaker-like phrase of a clause.
    pub fn first_mention(&self, lo: usize, hi: usize) -> Option<Mention> {
        (lo..hi).find_map(|i| self.mention_starting(i, hi).filter(|m| m.kind != SpeakerKind::Vague || i == lo))
    }
}
