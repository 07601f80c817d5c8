//! Small queries over an [`Analysis`] that several rules share.

use crate::analysis::Analysis;
use crate::attribution::{Attribution, Speaker, SpeakerKind};
use crate::quote::Quote;
use crate::span::{CompactSpan, Span};
use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;

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

/// Lower-case words of `text`, punctuation and quotation marks stripped;
/// apostrophes inside words are kept (and unified).
pub fn words(text: &str) -> Vec<Cow<'_, str>> {
    let mut out = Vec::new();
    for_each_word(text, &mut String::new(), |w| {
        out.push(match w {
            WordForm::AsWritten(w) => Cow::Borrowed(w),
            WordForm::Normalized(w) => Cow::Owned(w.to_owned()),
        })
    });
    out
}

/// One of [`words`], as [`for_each_word`] hands it over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordForm<'t, 'b> {
    /// Already its own form: a slice of the text.
    AsWritten(&'t str),
    /// Lowered or stripped: in the caller's buffer, until the next word.
    Normalized(&'b str),
}

impl<'t> WordForm<'t, '_> {
    pub fn as_str(&self) -> &str {
        match self {
            WordForm::AsWritten(w) | WordForm::Normalized(w) => w,
        }
    }

    /// The word as a slice of the text, when it is one.
    pub fn written(&self) -> Option<&'t str> {
        match self {
            WordForm::AsWritten(w) => Some(w),
            WordForm::Normalized(_) => None,
        }
    }
}

/// Calls `each` with every word [`words`] lists of `text`, in order,
/// without a list or a string a word: a word that must be changed is
/// written into `buf` (its room reused from word to word).
pub fn for_each_word<'t>(text: &'t str, buf: &mut String, mut each: impl FnMut(WordForm<'t, '_>)) {
    for w in text.split(|c: char| c.is_whitespace() || c == '—' || c == '–') {
        // most words are already their own form: borrowed, not copied
        let plain = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'\'' || *b == b'-';
        let edge = |b: Option<&u8>| b.is_some_and(|b| *b != b'\'' && *b != b'-');
        if w.bytes().all(|b| plain(&b)) && edge(w.as_bytes().first()) && edge(w.as_bytes().last()) {
            each(WordForm::AsWritten(w));
            continue;
        }
        buf.clear();
        let kept = w.chars().map(|c| if c == '’' { '\'' } else { c });
        buf.extend(kept.filter(|c| c.is_alphanumeric() || *c == '\'' || *c == '-'));
        let strip = |c| c == '\'' || c == '-';
        let (start, end) = (buf.len() - buf.trim_start_matches(strip).len(), buf.trim_end_matches(strip).len());
        let Some(word) = buf.get_mut(start..end).filter(|w| !w.is_empty()) else { continue };
        if word.is_ascii() {
            word.make_ascii_lowercase();
            each(WordForm::Normalized(word));
        } else {
            // a whole-string lowering: a final sigma lowers unlike one inside a word
            each(WordForm::Normalized(&word.to_lowercase()));
        }
    }
}

/// The first word of a cue ("said" in "said on Tuesday").
pub fn cue_verb(cue: &str) -> &str {
    cue.split_whitespace().next().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`words`] as it was written before [`for_each_word`]: a string a
    /// changed word, the reference the visitor is held to.
    fn words_one_string_each(text: &str) -> Vec<Cow<'_, str>> {
        text.split(|c: char| c.is_whitespace() || c == '—' || c == '–')
            .map(|w| {
                let plain = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'\'' || *b == b'-';
                let edge = |b: Option<&u8>| b.is_some_and(|b| *b != b'\'' && *b != b'-');
                if w.bytes().all(|b| plain(&b)) && edge(w.as_bytes().first()) && edge(w.as_bytes().last()) {
                    return Cow::Borrowed(w);
                }
                let owned = w
                    .chars()
                    .map(|c| if c == '’' { '\'' } else { c })
                    .filter(|c| c.is_alphanumeric() || *c == '\'' || *c == '-')
                    .collect::<String>()
                    .trim_matches(|c| c == '\'' || c == '-')
                    .to_lowercase();
                Cow::Owned(owned)
            })
            .filter(|w| !w.is_empty())
            .collect()
    }

    proptest::proptest! {
        /// Words of letters in any case and script (a final sigma too),
        /// apostrophes, dashes and marks read as they did one string a word.
        #[test]
        fn the_visitor_reads_words_as_the_list_did(text in "[a-zA-ZÉéΣσ3'’\\- —–\t.,…“”İ]{0,40}") {
            let got = words(&text);
            proptest::prop_assert_eq!(&got, &words_one_string_each(&text));
            // a word left as written is a slice of the text, as it was
            let borrowed = |ws: &[Cow<'_, str>]| ws.iter().map(|w| matches!(w, Cow::Borrowed(_))).collect::<Vec<_>>();
            proptest::prop_assert_eq!(borrowed(&got), borrowed(&words_one_string_each(&text)));
        }
    }

    #[test]
    fn words_drop_punctuation_and_marks() {
        assert_eq!(
            words("“North Korean missile debris, found…”"),
            ["north", "korean", "missile", "debris", "found"]
        );
        assert_eq!(words("Kim’s — ‘don't’"), ["kim's", "don't"]);
    }

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
