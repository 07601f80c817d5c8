//! Who said each quotation, with which reporting words, through which channel.

mod case_evidence;
mod context;
mod discourse;
mod engine;
mod entities;
mod held;
mod lexicon_ext;
mod mention;
mod names;
mod patterns;
mod shared;
mod tokens;

/// Channel kinds are word-list data (the lexicon sorts channel phrases by them).
pub use crate::lexicon::ChannelKind;
use crate::span::{CompactSpan, Span};
pub use engine::attribute;
pub use held::Attributions;
use serde::Serialize;
pub use shared::Shared;
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
    pub mention: Shared,
    /// Where those words are (for a follow-on quote, the earlier attribution).
    span: CompactSpan,
    pub kind: SpeakerKind,
    /// [`Attribution::implied`], kept beside `kind` where the record has a
    /// spare byte: only an attribution with a speaker can be implied, and a
    /// flag of its own took eight bytes of every attribution.
    #[serde(skip)]
    implied: bool,
    /// The named person or organisation the mention resolves to (the cast's
    /// own copy of the name).
    pub name: Option<Shared>,
}

impl Speaker {
    pub fn new(mention: Shared, span: Span, kind: SpeakerKind, name: Option<Shared>) -> Self {
        Speaker { mention, span: span.into(), kind, implied: false, name }
    }

    pub fn span(&self) -> Span {
        self.span.get()
    }
}

/// The reporting words: "said", "told", "according to", ":".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cue {
    pub text: Shared,
    span: CompactSpan,
}

impl Cue {
    pub fn new(text: Shared, span: Span) -> Self {
        Cue { text, span: span.into() }
    }

    pub fn span(&self) -> Span {
        self.span.get()
    }
}

/// How the words reached the writer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Channel {
    /// Shared, like the speaker's words: a draft repeats a few channel
    /// phrases ("told reporters"), one per attributed quote.
    pub text: Shared,
    span: CompactSpan,
    pub kind: ChannelKind,
    pub outlet: Option<Shared>,
}

impl Channel {
    pub fn new(text: Shared, span: Span, kind: ChannelKind, outlet: Option<Shared>) -> Self {
        Channel { text, span: span.into(), kind, outlet }
    }

    pub fn span(&self) -> Span {
        self.span.get()
    }
}

/// The attribution of one quotation; every field may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attribution {
    pub speaker: Option<Speaker>,
    pub cue: Option<Cue>,
    /// Shared: a follow-on quote, or a speaker's later quotes, carry the
    /// channel the story first gave, and a draft may hold a hundred thousand
    /// attributions while the rules run (one pointer in place of 48 bytes).
    pub channel: Option<Arc<Channel>>,
}

impl Attribution {
    /// The speaker is only implied: a bare quote after a paragraph that
    /// reports someone's words in the past tense ("Carter said the region
    /// mattered."). Readers will take it as theirs, but news style
    /// attributes it again, so `unattributed-quote` still reports it.
    pub fn implied(&self) -> bool {
        self.speaker.as_ref().is_some_and(|s| s.implied)
    }

    /// An attribution to `speaker` alone, implied or not (see [`Attribution::implied`]).
    pub fn reported(speaker: Speaker, implied: bool) -> Self {
        Attribution { speaker: Some(Speaker { implied, ..speaker }), cue: None, channel: None }
    }
}

impl Serialize for Attribution {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // readers of the JSON find `implied` beside the other fields, not in the speaker
        #[derive(Serialize)]
        struct Fields<'a> {
            speaker: Option<&'a Speaker>,
            cue: Option<&'a Cue>,
            channel: Option<&'a Channel>,
            #[serde(skip_serializing_if = "std::ops::Not::not")]
            implied: bool,
        }
        let fields = Fields {
            speaker: self.speaker.as_ref(),
            cue: self.cue.as_ref(),
            channel: self.channel.as_deref(),
            implied: self.implied(),
        };
        fields.serialize(serializer)
    }
}

#[cfg(test)]
mod size_tests {
    use super::*;

    #[test]
    fn an_attribution_stays_small() {
        // one a quotation, all held while the rules run; the channel is shared
        // (80 while the mention, name and cue words were `Arc<str>`s of 16
        // bytes; 104 while spans took sixteen bytes and `implied` a word of
        // its own; 128 before the words were shared)
        assert_eq!(std::mem::size_of::<Attribution>(), 56);
        // most attributed quotes have a channel of their own: 72 with wide
        // spans, 48 with its words `Arc<str>`s
        assert_eq!(std::mem::size_of::<Channel>(), 32);
    }

    #[test]
    fn an_implied_speaker_is_written_as_the_attribution_s_flag() {
        let speaker = Speaker::new("Carter".into(), Span::new(4, 10), SpeakerKind::Person, Some("Carter".into()));
        let json = |a: &Attribution| serde_json::to_string(a).unwrap();
        let implied = Attribution::reported(speaker.clone(), true);
        assert!(implied.implied());
        assert_eq!(
            json(&implied),
            r#"{"speaker":{"mention":"Carter","span":{"start":4,"end":10},"kind":"person","name":"Carter"},"cue":null,"channel":null,"implied":true}"#
        );
        let said = Attribution {
            cue: Some(Cue::new("said".into(), Span::new(11, 15))),
            ..Attribution::reported(speaker, false)
        };
        assert!(!said.implied());
        assert!(json(&said).ends_with(r#""cue":{"text":"said","span":{"start":11,"end":15}},"channel":null}"#));
    }

    /// Issue 14: a quote-dense draft holds an attribution and a channel for
    /// each quote while the rules run, most of its working set beside the text.
    #[test]
    fn a_quote_dense_draft_holds_small_attributions() {
        let sentence = "“The ferry will run,” she told reporters. ";
        let draft = [sentence.repeat(10).trim_end(), "\n\n"].concat().repeat(2_000);
        // the word lists are built once, by whichever test runs first: not here
        crate::analysis::analyze(crate::source::SourceFile::new("warm.md", "“Yes,” she said.\n"));
        let file = crate::source::SourceFile::new("dense.md", draft.as_str());
        let (analysis, held) = crate::budget::peak_held(|| crate::analysis::analyze(file));
        let channels = analysis.attributions.iter().filter(|a| a.channel.is_some()).count();
        assert_eq!(channels, 20_000, "every quote is attributed, with its channel");
        // counted by this thread's allocator, the same on any machine: 439
        // bytes a quote with sixteen-byte spans in the records, 407 with eight,
        // 375 with the quotes' own offsets in 32 bits (72 bytes a quote to 40)
        let per_quote = held / 20_000;
        assert!(per_quote < 390, "{held} bytes held at the peak for 20,000 quotes ({per_quote} a quote)");
    }
}
