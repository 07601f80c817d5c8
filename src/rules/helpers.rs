//! Small queries over an [`Analysis`] that several rules share.

use crate::analysis::Analysis;
use crate::attribution::{Attribution, Speaker, SpeakerKind};
use crate::quote::Quote;
use crate::span::{CompactSpan, Span};
use std::collections::HashSet;
use std::ops::Range;

mod words;
pub use words::{for_each_word, words};

/// Every outer quotation presented as someone's words (direct, partial or
/// block), with its attribution, in document order. Read as they are
/// wanted: a list of a long draft's quotes, made for every rule that reads
/// them, was a few megabytes on top of what the rule held of its own.
pub fn speech_quotes(analysis: &Analysis) -> impl Iterator<Item = (usize, &Quote, &Attribution)> {
    // the scanner hands the quotes over sorted by start (attribution relies on it too)
    debug_assert!(analysis.scan.quotes.is_sorted_by_key(|q| q.span().start));
    (analysis.scan.quotes.iter().zip(&analysis.attributions).enumerate())
        .filter(|(_, (q, _))| q.depth == 0 && q.kind.is_speech())
        .map(|(i, (q, a))| (i, q, a))
}

/// Each distinct speaker mention of `kind`, with the first speech quote it
/// attributes (a follow-on quote repeats its speaker's mention span).
pub fn speakers_of_kind(analysis: &Analysis, kind: SpeakerKind) -> Vec<(&Quote, &Speaker)> {
    let mut seen = HashSet::new();
    speech_quotes(analysis)
        .filter_map(|(_, q, a)| Some((q, a.speaker.as_ref()?)))
        .filter(|(_, s)| s.kind == kind && seen.insert(s.span()))
        .collect()
}

/// Ranges of block `block`'s text covered by outer quotations (marks
/// included), sorted by start and apart.
pub fn quoted_ranges(analysis: &Analysis, block: usize) -> &[CompactSpan] {
    analysis.quoted_ranges(block)
}

/// Whether `range` (block text coordinates) overlaps any of `quoted`, which
/// are sorted by start and apart (as [`quoted_ranges`] gives them).
pub fn overlaps(range: &Range<usize>, quoted: &[CompactSpan]) -> bool {
    let i = quoted.partition_point(|q| q.get().end <= range.start);
    quoted.get(i).is_some_and(|q| q.get().start < range.end)
}

/// Whether a source span overlaps the speaker mention of any quotation.
pub fn is_speaker_mention(analysis: &Analysis, span: Span) -> bool {
    analysis.overlaps_speaker_mention(span)
}

/// Index of the prose block whose source span holds `offset`.
pub fn block_at(analysis: &Analysis, offset: usize) -> Option<usize> {
    analysis.block_at(offset)
}

/// The first word of a cue ("said" in "said on Tuesday").
pub fn cue_verb(cue: &str) -> &str {
    cue.split_whitespace().next().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speech_quotes_are_read_in_order_without_a_list() {
        let draft: String = (0..2000).map(|k| format!("“The ferry runs at {k},” she said.\n\n")).collect();
        let analysis = crate::analyze(crate::source::SourceFile::new("draft.md", draft));
        let (starts, held) = crate::budget::peak_held(|| {
            let starts = speech_quotes(&analysis).map(|(_, q, _)| q.span().start);
            starts.fold((0, true, None), |(n, sorted, last), s| (n + 1, sorted && last < Some(s), Some(s)))
        });
        assert_eq!(starts, (2000, true, analysis.file.text.rfind('“')));
        assert_eq!(held, 0, "bytes held while the quotes are read");
    }

    #[test]
    fn overlap_is_half_open() {
        let spans = |rs: [Range<usize>; 2]| rs.map(|r| CompactSpan::from(Span::from(r)));
        assert!(overlaps(&(3..5), &spans([4..9, 20..30])));
        assert!(overlaps(&(3..5), &spans([0..4, 20..30])));
        assert!(!overlaps(&(3..5), &spans([0..3, 5..9])));
    }
}
