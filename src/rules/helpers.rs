//! Small queries over an [`Analysis`] that several rules share.

use crate::analysis::Analysis;
use crate::attribution::{Attribution, Speaker, SpeakerKind};
use crate::quote::Quote;
use crate::span::Span;
use std::collections::HashSet;
use std::ops::Range;

/// Every outer quotation presented as someone's words (direct, partial or
/// block), with its attribution, in document order.
pub fn speech_quotes(analysis: &Analysis) -> Vec<(usize, &Quote, &Attribution)> {
    let mut out: Vec<(usize, &Quote, &Attribution)> = analysis
        .scan
        .quotes
        .iter()
        .zip(&analysis.attributions)
        .enumerate()
        .filter(|(_, (q, _))| q.depth == 0 && q.kind.is_speech())
        .map(|(i, (q, a))| (i, q, a))
        .collect();
    out.sort_by_key(|(_, q, _)| q.span.start);
    out
}

/// Each distinct speaker mention of `kind`, with the first speech quote it
/// attributes (a follow-on quote repeats its speaker's mention span).
pub fn speakers_of_kind(analysis: &Analysis, kind: SpeakerKind) -> Vec<(&Quote, &Speaker)> {
    let mut seen = HashSet::new();
    speech_quotes(analysis)
        .into_iter()
        .filter_map(|(_, q, a)| Some((q, a.speaker.as_ref()?)))
        .filter(|(_, s)| s.kind == kind && seen.insert(s.span))
        .collect()
}

/// Ranges of block `block`'s text covered by outer quotations (marks included).
pub fn quoted_ranges(analysis: &Analysis, block: usize) -> Vec<Range<usize>> {
    analysis
        .scan
        .quotes
        .iter()
        .filter(|q| q.depth == 0)
        .flat_map(|q| q.parts.iter())
        .filter(|p| p.block == block)
        .map(|p| p.outer.clone())
        .collect()
}

/// Whether `range` (block text coordinates) overlaps any of `quoted`.
pub fn overlaps(range: &Range<usize>, quoted: &[Range<usize>]) -> bool {
    quoted.iter().any(|q| range.start < q.end && q.start < range.end)
}

/// Whether a source span overlaps the speaker mention of any quotation.
pub fn is_speaker_mention(analysis: &Analysis, span: Span) -> bool {
    analysis
        .attributions
        .iter()
        .filter_map(|a| a.speaker.as_ref())
        .any(|s| span.start < s.span.end && s.span.start < span.end)
}

/// Index of the prose block whose source span holds `offset`.
pub fn block_at(analysis: &Analysis, offset: usize) -> Option<usize> {
    analysis.doc.blocks.iter().position(|b| b.span.start <= offset && offset < b.span.end.max(b.span.start + 1))
}

/// Lower-case words of `text`, punctuation and quotation marks stripped;
/// apostrophes inside words are kept (and unified).
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == '—' || c == '–')
        .map(|w| {
            w.chars()
                .map(|c| if c == '’' { '\'' } else { c })
                .filter(|c| c.is_alphanumeric() || *c == '\'' || *c == '-')
                .collect::<String>()
                .trim_matches(|c| c == '\'' || c == '-')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The first word of a cue ("said" in "said on Tuesday").
pub fn cue_verb(cue: &str) -> &str {
    cue.split_whitespace().next().unwrap_or_default()
}

/// Byte ranges of the runs of letters (with inner apostrophes) in `text`.
pub fn word_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inner_apostrophe =
            (c == '\'' || c == '’') && start.is_some() && chars.peek().is_some_and(|(_, n)| n.is_alphabetic());
        if c.is_alphabetic() || inner_apostrophe {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(s..i);
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_drop_punctuation_and_marks() {
        assert_eq!(
            words("“North Korean missile debris, found…”"),
            ["north", "korean", "missile", "debris", "found"]
        );
        assert_eq!(words("Kim’s — ‘don't’"), ["kim's", "don't"]);
    }

    #[test]
    fn word_ranges_keep_inner_apostrophes() {
        let text = "Kim’s “plan” — don't.";
        let got: Vec<&str> = word_ranges(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["Kim’s", "plan", "don't"]);
    }

    #[test]
    fn overlap_is_half_open() {
        assert!(overlaps(&(3..5), &[4..9, 20..30]));
        assert!(!overlaps(&(3..5), &[5..9, 0..3]));
    }
}
