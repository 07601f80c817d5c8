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
    pub mention: String,
    /// Where those words are (for a follow-on quote, the earlier attribution).
    pub span: Span,
    pub kind: SpeakerKind,
    /// The named person or organisation the mention resolves to.
    pub name: Option<String>,
}

/// The reporting words: "said", "told", "according to", ":".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cue {
    pub text: String,
    pub span: Span,
}

/// How the words reached the writer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Channel {
    pub text: String,
    pub span: Span,
    pub kind: ChannelKind,
    pub outlet: Option<String>,
}

/// The attribution of one quotation; every field may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Attribution {
    pub speaker: Option<Speaker>,
    pub cue: Option<Cue>,
    pub channel: Option<Channel>,
}
