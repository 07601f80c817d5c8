//! What the report shows about one draft, as plain values: the prose blocks,
//! each quotation with its attribution as the pipeline resolved it, each
//! finding with its place in the prose, and the sources view. The HTML
//! printer reads only this.

use crate::attribution::{ChannelKind, Shared, SpeakerKind};
use crate::diagnostic::Severity;
use crate::diagnostic::Text;
use crate::markdown::BlockKind;
use crate::provenance::WordDiff;
use crate::quote::QuoteKind;
use crate::sources::Source;
use std::ops::Range;

/// One draft's report.
#[derive(Debug, Clone)]
pub struct DraftReport {
    pub path: String,
    pub blocks: Vec<Block>,
    /// Every quotation, in the order of the draft.
    pub quotes: Vec<QuoteView>,
    /// Every finding, in the order of the draft.
    pub findings: Vec<Finding>,
    /// The `sources` view, in order of first mention; row `i` has speaker colour `i`.
    pub sources: Vec<SourceRow>,
    /// Quotes by kind of source, for the chart (kinds with no quote left out).
    pub shares: Vec<ShareCount>,
    /// Whether the quotes were looked up in source material (`--sources`).
    pub checked: bool,
}

/// A block of prose as the Markdown parser gave it.
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    /// The outermost blockquote holding it, if any (blocks of one blockquote are adjacent).
    pub blockquote: Option<usize>,
    pub text: crate::markdown::BlockText,
    /// Characters of inline code that the parser masked so they could not
    /// open quotations, with their position in `text`, to show as written.
    pub code_chars: Vec<(usize, char)>,
}

/// A quotation with what the pipeline found about it.
#[derive(Debug, Clone)]
pub struct QuoteView {
    /// Its footnote number (1-based) if it is presented as someone's words;
    /// scare quotes and titles have none.
    pub number: Option<usize>,
    pub kind: QuoteKind,
    /// 0 for an outer quote, 1 for a quote inside it.
    pub depth: u8,
    /// Its share of each paragraph: block index and byte range in the block's text, marks included.
    pub parts: Vec<(usize, Range<usize>)>,
    pub line: usize,
    pub column: usize,
    pub speaker: Option<SpeakerView>,
    /// The reporting words: "said", "told", "according to".
    pub cue: Option<Shared>,
    pub channel: Option<ChannelView>,
    /// The speaker's colour, shared by every quote of that speaker.
    pub colour: Option<usize>,
    /// What the source material says about it, when it was given. Boxed:
    /// only a draft checked against its sources has any.
    pub check: Option<Box<Check>>,
}

impl QuoteView {
    /// Speech with nobody named as saying it. (A quote inside a quote
    /// without a speaker of its own is the outer speaker's quoting.)
    pub fn unattributed(&self) -> bool {
        self.number.is_some() && self.speaker.is_none() && self.depth == 0
    }
}

#[derive(Debug, Clone)]
pub struct SpeakerView {
    /// Who the quote is from: the resolved name, else the words that
    /// attribute it. Shared with the analysis, as are the cue and channel:
    /// a long draft's tens of thousands of quotes name a few speakers.
    pub name: Shared,
    /// The words that attribute it when they are not the name ("she", "the specialist").
    pub written: Option<Shared>,
    pub kind: SpeakerKind,
}

#[derive(Debug, Clone)]
pub struct ChannelView {
    pub kind: ChannelKind,
    pub outlet: Option<Shared>,
}

/// A quote looked up in the source material.
#[derive(Debug, Clone)]
pub enum Check {
    Verbatim {
        location: String,
    },
    Altered {
        location: String,
        diff: WordDiff,
    },
    NotFound,
    /// Too short to look up reliably (a word or two).
    NotLookedUp,
}

#[derive(Debug, Clone)]
pub struct Finding {
    pub severity: Severity,
    pub code: &'static str,
    pub rule: &'static str,
    pub message: String,
    /// The rule's fixed wording is borrowed, as in the finding itself.
    pub help: Option<Text>,
    pub notes: Box<[Text]>,
    /// Other places the finding points to.
    pub labels: Vec<LabelView>,
    pub line: usize,
    pub column: usize,
    /// Where it is in the prose; `None` outside it (front matter, code, a comment).
    pub place: Option<Place>,
}

/// A place a finding points to besides its own ("the earlier version").
#[derive(Debug, Clone)]
pub struct LabelView {
    pub line: usize,
    pub column: usize,
    pub message: Text,
    /// Where it is in the prose, unless outside it or already shown (a whole quote).
    pub place: Option<Place>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub block: usize,
    /// Byte range in the block's text.
    pub range: Range<usize>,
    /// The quote it is about (index into `quotes`), when it lies on one.
    pub quote: Option<usize>,
    /// Whether it covers that whole quote (say, "quote has no speaker")
    /// rather than words inside it.
    pub whole_quote: bool,
}

/// A row of the sources table.
#[derive(Debug, Clone)]
pub struct SourceRow {
    pub source: Source,
    /// The first quote from this source (index into `quotes`), to link to.
    pub first_quote: Option<usize>,
}

/// The kinds of source the chart counts quotes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Share {
    Named,
    Organisations,
    Roles,
    Anonymous,
    Vague,
    /// A pronoun or epithet the pipeline could not resolve to a name.
    Unresolved,
    Unattributed,
}

impl Share {
    pub const ALL: [Share; 7] = [
        Share::Named,
        Share::Organisations,
        Share::Roles,
        Share::Anonymous,
        Share::Vague,
        Share::Unresolved,
        Share::Unattributed,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Share::Named => "named people",
            Share::Organisations => "organisations",
            Share::Roles => "roles, unnamed",
            Share::Anonymous => "anonymous",
            Share::Vague => "vague",
            Share::Unresolved => "unresolved",
            Share::Unattributed => "no speaker",
        }
    }

    /// Where a source of this kind is counted.
    pub fn of(kind: SpeakerKind) -> Share {
        match kind {
            SpeakerKind::Person => Share::Named,
            SpeakerKind::Organization => Share::Organisations,
            SpeakerKind::Role => Share::Roles,
            SpeakerKind::Anonymous => Share::Anonymous,
            SpeakerKind::Vague => Share::Vague,
            SpeakerKind::Pronoun => Share::Unresolved,
        }
    }

    pub fn index(self) -> usize {
        Share::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShareCount {
    pub share: Share,
    pub quotes: usize,
}

/// Counts for the index of a several-draft report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub quotes: usize,
    pub unattributed: usize,
    pub sources: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl DraftReport {
    pub fn tally(&self) -> Tally {
        let count = |s: Severity| self.findings.iter().filter(|f| f.severity == s).count();
        Tally {
            quotes: self.quotes.iter().filter(|q| q.number.is_some()).count(),
            unattributed: self.quotes.iter().filter(|q| q.unattributed()).count(),
            sources: self.sources.len(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
        }
    }
}
