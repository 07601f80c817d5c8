//! Which tokens are verbs of speech: a finite form, a progressive, a perfect,
//! a plural present after a plural speaker; not a noun after a determiner,
//! a passive or a bare infinitive.

use crate::attribution::lexicon_ext::SpeechVerbExt;
use crate::attribution::mention::{in_list, Frame};
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

/// Words before a bare verb that make it an infinitive or a modal's complement.
const INFINITIVE_MARKERS: &[&str] = &[
    "to", "will", "would", "could", "should", "might", "must", "can", "may", "did", "not", "n't", "does", "do",
    "shall",
];

impl Frame<'_> {
    /// A finite speech verb at `i` (not a bare infinitive like "say").
    #[inline]
    pub fn is_speech_verb(&self, i: usize) -> bool {
        self.may_be_speech_verb(i) && self.reads_as_speech_verb(i)
    }

    /// Whether the token at `i` may be a speech verb ([`Frame::is_speech_verb`]
    /// is false where this is): asked of every token of many sentences, and
    /// most are no verb of any kind, their facts say so without a call.
    #[inline]
    pub fn may_be_speech_verb(&self, i: usize) -> bool {
        self.facts.get(i).is_some_and(|t| t.verb().is_some()) || self.put_it_at(i)
    }

    /// [`Frame::is_speech_verb`], read in full.
    pub(in crate::attribution) fn reads_as_speech_verb(&self, i: usize) -> bool {
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
            && (PLURAL_PRESENT.contains(&&*v.lemma) || self.after_plural_speaker(i, v))
            && !self.after_infinitive_marker(i);
        v.is_finite() || progressive || plural_present || self.is_perfect(i, v)
    }

    /// "officials state", "the Saudis note", "the islanders state": right
    /// after a plural role, a capitalised plural or a determined plural, any
    /// base form of a reporting verb is its present tense (elsewhere "state"
    /// and "note" are more often nouns).
    pub(super) fn after_plural_speaker(&self, i: usize, v: &SpeechVerb) -> bool {
        // (a phrasal verb, "go on", and a state of mind, "think", never)
        let speech = matches!(v.class, VerbClass::Neutral | VerbClass::Loaded { .. }) && v.particle.is_none();
        let Some(p) = i.checked_sub(1).filter(|_| speech) else {
            return false;
        };
        let determined = || p > 0 && self.is_determiner(p - 1);
        self.looks_plural(p) && self.is_word(p) && (self.is_role(p) || self.is_cap(p) || determined())
    }

    /// "the United States", "Reps. Said": a capital inside a sentence is a name.
    pub(super) fn is_midsentence_capital(&self, i: usize) -> bool {
        self.is_cap(i) && i > 0 && !self.is_quote(i - 1) && !self.is_punct(i - 1, ".!?:;\"“”‘’'—–-(")
    }

    /// "“…,” the president will say": a speech still to be given, its words
    /// released in advance (only after the quote: "I will say that …" in
    /// the writer's words quotes nobody).
    pub(super) fn is_future_speech(&self, i: usize) -> bool {
        i.checked_sub(1).is_some_and(|p| matches!(self.lower(p), "will" | "would"))
            && self.is_word(i)
            && self.verb_at(i).is_some_and(|v| v.form == VerbForm::Base)
    }

    pub(super) fn after_infinitive_marker(&self, i: usize) -> bool {
        i.checked_sub(1).is_some_and(|p| in_list!(INFINITIVE_MARKERS, self.lower(p)))
    }

    /// "had written", "has long argued": a perfect is as finite as its
    /// auxiliary (a passive, "has been written", is ruled out before).
    pub(super) fn is_perfect(&self, i: usize, v: &SpeechVerb) -> bool {
        let have =
            |p: usize| matches!(self.lower(p), "has" | "have" | "had" | "'s" | "’s" | "'d" | "’d" | "'ve" | "’ve");
        let Some(p) = i.checked_sub(1) else { return false };
        // a phrasal verb needs its particle ("had gone too far" reports nothing)
        let particle = v.particle.as_deref().is_none_or(|pt| self.lower(i + 1) == pt);
        v.form == VerbForm::PastParticiple
            && particle
            && (have(p) || (self.is_adverb(p) && p.checked_sub(1).is_some_and(have)))
    }

    pub(super) fn is_participle(&self, i: usize) -> bool {
        self.is_word(i) && self.verb_at(i).is_some_and(|v| v.is_participle())
    }

    /// A lower-case word in -ed (or, when `present`, in -s) that reads as a
    /// finite verb the lists do not know ("retaliated", "lobbies").
    pub(super) fn inflected_like_verb(&self, i: usize, present: bool) -> bool {
        let w = self.lower(i);
        self.is_word(i)
            && !self.is_cap(i)
            && w.len() > 3
            && (w.ends_with("ed") || (present && w.ends_with('s') && !w.ends_with("ss")))
    }
}
