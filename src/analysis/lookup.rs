//! Questions the rules ask of an analysis many times (is this inside a
//! quotation? which block holds this offset? is this a speaker's mention?),
//! answered from indexes built on first use, so that asking them once per
//! word or per quote keeps a rule linear in the draft.

use super::Analysis;
use crate::span::{CompactSpan, Span};
use std::ops::Range;
use std::sync::OnceLock;

/// The indexes, each built the first time a rule needs it.
#[derive(Debug, Clone, Default)]
pub struct Lookups {
    quoted: OnceLock<QuotedRanges>,
    speakers: OnceLock<SpanSet>,
    blocks: OnceLock<BlockIndex>,
    reports: OnceLock<Vec<bool>>,
}

/// The ranges of outer quotations in every block, one block's after
/// another: block `b`'s are `ranges[at[b]..at[b + 1]]`. One vector for the
/// draft rather than one a block: a draft can have a hundred thousand
/// blocks, and a vector of its own cost each of them 24 bytes and room for
/// four. In 32 bits (offsets into the block's text, as the words keep them):
/// a quote-dense draft has a range every few dozen bytes, held from before
/// attribution to the end of the rules (16 bytes a range and 8 a block before).
#[derive(Debug, Clone, Default)]
pub(super) struct QuotedRanges {
    at: Vec<u32>,
    ranges: Vec<CompactSpan>,
}

impl QuotedRanges {
    /// Of `quotes` in a draft of `blocks` blocks (their parts are where the
    /// scanner found them: attribution changes only their kinds).
    pub(super) fn of(quotes: &[crate::quote::Quote], blocks: usize) -> Self {
        let mut parts: Vec<(usize, Range<usize>)> = (quotes.iter())
            .filter(|q| q.depth == 0)
            .flat_map(|q| &q.parts)
            .filter(|part| part.block() < blocks)
            .map(|part| (part.block(), part.outer()))
            .collect();
        parts.sort_unstable_by_key(|(block, r)| (*block, r.start, r.end));
        let mut at = Vec::with_capacity(blocks + 1);
        let mut next = 0;
        for block in 0..=blocks {
            while parts.get(next).is_some_and(|(b, _)| *b < block) {
                next += 1;
            }
            // fewer than 4 G quotation parts: a draft is far smaller than 4 GB
            at.push(next as u32);
        }
        // a vector of its own: collected in place, the ranges would keep
        // the room of the (block, range) pairs, half as much again
        let mut ranges = Vec::with_capacity(parts.len());
        ranges.extend(parts.into_iter().map(|(_, r)| CompactSpan::from(Span::from(r))));
        QuotedRanges { at, ranges }
    }

    /// Block `b`'s ranges.
    pub(super) fn block(&self, b: usize) -> &[CompactSpan] {
        let (Some(&lo), Some(&hi)) = (self.at.get(b), self.at.get(b + 1)) else { return &[] };
        self.ranges.get(lo as usize..hi as usize).unwrap_or_default()
    }
}

impl Lookups {
    /// With the quotations' ranges already known.
    pub(super) fn with_quoted(quoted: QuotedRanges) -> Self {
        let lookups = Lookups::default();
        let _ = lookups.quoted.set(quoted);
        lookups
    }
}

/// Spans sorted by start, with the furthest end reached so far, to ask
/// whether any overlaps a span in O(log n).
#[derive(Debug, Clone, Default)]
struct SpanSet {
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl SpanSet {
    fn new(mut spans: Vec<Span>) -> Self {
        spans.sort_unstable();
        let starts = spans.iter().map(|s| s.start).collect();
        let mut furthest = 0;
        let max_end = spans
            .iter()
            .map(|s| {
                furthest = furthest.max(s.end);
                furthest
            })
            .collect();
        SpanSet { starts, max_end }
    }

    fn overlaps(&self, span: Span) -> bool {
        // the spans starting before `span` ends; one of them overlaps when it ends after `span` starts
        let before_end = self.starts.partition_point(|&s| s < span.end);
        before_end.checked_sub(1).and_then(|i| self.max_end.get(i)).is_some_and(|&end| end > span.start)
    }
}

/// Block starts, when the blocks' spans are in order and apart (as the
/// Markdown layer makes them); otherwise lookups walk the blocks.
#[derive(Debug, Clone, Default)]
struct BlockIndex {
    sorted: bool,
}

impl Analysis {
    /// Ranges of block `b`'s text covered by outer quotations (marks
    /// included), sorted by start and apart, as spans of the block's text.
    pub fn quoted_ranges(&self, b: usize) -> &[CompactSpan] {
        let all = self.lookups.quoted.get_or_init(|| QuotedRanges::of(&self.scan.quotes, self.doc.blocks.len()));
        all.block(b)
    }

    /// Whether a source span overlaps the speaker mention of any quotation.
    pub fn overlaps_speaker_mention(&self, span: Span) -> bool {
        let set = self.lookups.speakers.get_or_init(|| {
            SpanSet::new(self.attributions.iter().filter_map(|a| a.speaker.as_ref()).map(|s| s.span()).collect())
        });
        set.overlaps(span)
    }

    /// Index of the first prose block whose source span holds `offset` (an
    /// empty block holds its start).
    pub fn block_at(&self, offset: usize) -> Option<usize> {
        let blocks = &self.doc.blocks;
        let holds = |b: &crate::markdown::ProseBlock| {
            b.span().start <= offset && offset < b.span().end.max(b.span().start + 1)
        };
        let index = self.lookups.blocks.get_or_init(|| BlockIndex {
            sorted: blocks.windows(2).all(|w| w[0].span().end.max(w[0].span().start + 1) <= w[1].span().start),
        });
        if !index.sorted {
            return blocks.iter().position(holds);
        }
        let i = blocks.partition_point(|b| b.span().start <= offset).checked_sub(1)?;
        blocks.get(i).filter(|b| holds(b)).map(|_| i)
    }

    /// Whether block `b` has a reporting verb outside quotations (the
    /// writer's words report speech or writing).
    pub fn reports_speech(&self, b: usize) -> bool {
        let all = self.lookups.reports.get_or_init(|| {
            (0..self.words.blocks())
                .map(|b| {
                    let words = self.words.block(b);
                    self.words.verbs(b).any(|(i, _)| words.get(i).is_some_and(|w| !w.quoted()))
                })
                .collect()
        });
        all.get(b).copied().unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::super::words::word_ranges;
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::source::SourceFile;
    use proptest::prelude::*;

    #[test]
    fn the_quoted_ranges_are_held_in_eight_bytes_each_and_four_a_block() {
        let para = "“Ferry” and “bridge” and “clinic” and “budget” and “school”.\n\n".repeat(2_000);
        let a = crate::analyze(SourceFile::new("d.md", para));
        let (quoted, held) = crate::budget::held_by(|| QuotedRanges::of(&a.scan.quotes, a.doc.blocks.len()));
        assert_eq!((quoted.ranges.len(), a.doc.blocks.len()), (10_000, 2_000));
        // counted by this thread's allocator: 16 bytes a range and 8 a block before
        assert!(held <= 8 * 10_000 + 4 * 2_001, "{held} bytes");
    }

    fn draft() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "the", "Mayor", "said", "told", ".", ",", " ", "\n", "\n\n", "“", "”", "\"", "’", "- ", "# ", "> ",
            "* ", "`x`", "Said", "don't",
        ]);
        prop::collection::vec(piece, 0..80).prop_map(|p| p.concat())
    }

    proptest! {
        /// The indexed lookups answer what the walks they replaced answer.
        #[test]
        fn lookups_match_linear_walks(text in draft(), probe in 0usize..400) {
            let a = crate::analyze(SourceFile::new("d.md", text));
            let lex = Lexicon::builtin();
            for (b, block) in a.doc.blocks.iter().enumerate() {
                let quoted: Vec<Range<usize>> = a.scan.quotes.iter().filter(|q| q.depth == 0)
                    .flat_map(|q| q.parts.iter()).filter(|p| p.block() == b).map(|p| p.outer()).collect();
                let mut sorted = quoted.clone();
                sorted.sort_unstable_by_key(|r| (r.start, r.end));
                let held: Vec<Range<usize>> = a.quoted_ranges(b).iter().map(|r| r.get().range()).collect();
                prop_assert_eq!(held, sorted);
                let words = a.words.block(b);
                let ranges: Vec<Range<usize>> = word_ranges(&block.text).collect();
                prop_assert_eq!(words.len(), ranges.len());
                for (i, (w, r)) in words.iter().zip(ranges).enumerate() {
                    let inside = quoted.iter().any(|q| r.start < q.end && q.start < r.end);
                    prop_assert_eq!(w.quoted(), inside);
                    // the writer's verbs: a quoted word's is not looked up
                    let verb = if inside { None } else { lex.verb_id(&block.text[r.clone()]) };
                    prop_assert_eq!(a.words.verb(b, i), verb);
                    prop_assert_eq!(w.range(), r);
                }
            }
            prop_assert!(a.quoted_ranges(a.doc.blocks.len()).is_empty());
            let walk = a.doc.blocks.iter().position(|b| b.span().start <= probe && probe < b.span().end.max(b.span().start + 1));
            prop_assert_eq!(a.block_at(probe), walk);
            let span = Span::new(probe, probe + 3);
            let any = a.attributions.iter().filter_map(|x| x.speaker.as_ref())
                .any(|s| span.start < s.span().end && s.span().start < span.end);
            prop_assert_eq!(a.overlaps_speaker_mention(span), any);
        }
    }
}
