//! The questions attribution asks of the word lists.

use crate::lexicon::{Lexicon, PhraseList, SpeechVerb, VerbForm};

impl SpeechVerbExt for SpeechVerb {
    fn is_finite(&self) -> bool {
        matches!(self.form, VerbForm::Present | VerbForm::Past)
    }

    fn is_participle(&self) -> bool {
        self.form == VerbForm::Participle
    }
}

/// Verb forms that can carry an attribution on their own.
pub trait SpeechVerbExt {
    /// "says", "said": a verb with a subject.
    fn is_finite(&self) -> bool;
    /// "saying": takes the subject of the main clause.
    fn is_participle(&self) -> bool;
}

/// Phrase-list questions about a speaker mention.
pub trait LexiconExt {
    fn is_anonymous(&self, mention: &str) -> bool;
    fn is_vague_speaker(&self, mention: &str) -> bool;
    /// An organisation noun, capitalised ("Ministry") or generic ("the agency").
    fn is_org_word(&self, word: &str) -> bool;
}

impl LexiconExt for Lexicon {
    fn is_anonymous(&self, mention: &str) -> bool {
        self.first_phrase(PhraseList::Anonymous, mention).is_some()
    }

    fn is_vague_speaker(&self, mention: &str) -> bool {
        self.first_phrase(PhraseList::VagueSpeaker, mention).is_some()
    }

    fn is_org_word(&self, word: &str) -> bool {
        self.is_org_head(word) || self.is_generic_org(word)
    }
}
