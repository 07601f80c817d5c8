//! Who said each quotation, with which reporting words, through which channel.

mod case_evidence;
mod context;
mod discourse;
mod engine;
mod entities;
mod lexicon_ext;
mod mention;
mod names;
mod patterns;
mod tokens;

/// Channel kinds are word-list data (the lexicon sorts channel phrases by them).
pub use crate::lexicon::ChannelKind;
use crate::span::Span;
pub use engine::attribute;
use serde::Serialize;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    Person,
    Organization,
    Role,
    Pronoun,
    Anonymous,
    Vague,
}

/// The source a quotation is attributed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Speaker {
    /// The words that attribute the quote, as written ("she", "the specialist").
    /// Shared, like `name` and the cue's words: a draft's quotes repeat a
    /// few mentions ("he", "she", a name), and each was a string of its own.
    pub mention: Arc<str>,
    /// Where those words are (for a follow-on quote, the earlier attribution).
    pub span: Span,
    pub kind: SpeakerKind,
    /// The named person or organisation the mention resolves to (the cast's
    /// own copy of the name).
    pub name: Option<Arc<str>>,
}

/// The reporting words: "said", "told", "according to", ":".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cue {
    pub text: Arc<str>,
    pub span: Span,
}

/// How the words reached the writer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Channel {
    /// Shared, like the speaker's words: a draft repeats a few channel
    /// phrases ("told reporters"), one per attributed quote.
    pub text: Arc<str>,
    pub span: Span,
    pub kind: ChannelKind,
    pub outlet: Option<Arc<str>>,
}

/// The attribution of one quotation; every field may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Attribution {
    pub speaker: Option<Speaker>,
    pub cue: Option<Cue>,
    /// Shared: a follow-on quote, or a speaker's later quotes, carry the
    /// channel the story first gave, and a draft may hold a hundred thousand
    /// attributions while the rules run (one pointer in place of 72 bytes).
    #[serde(serialize_with = "serialize_channel")]
    pub channel: Option<Arc<Channel>>,
    /// The speaker is only implied: a bare quote after a paragraph that
    /// reports someone's words in the past tense ("Carter said the region
    /// mattered."). Readers will take it as theirs, but news style
    /// attributes it again, so `unattributed-quote` still reports it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub implied: bool,
}

fn serialize_channel<S: serde::Serializer>(
    channel: &Option<Arc<Channel>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    channel.as_deref().serialize(serializer)
}

#[cfg(test)]
mod size_tests {
    #[test]
    fn an_attribution_stays_small() {
        // one a quotation, all held while the rules run; the channel is shared
        // (120 before the `implied` flag took a word of its own; 128 before
        // the mention, name and cue words were shared `Arc<str>`s)
        assert_eq!(std::mem::size_of::<super::Attribution>(), 104);
    }
}
