//! What the quotation scanner finds: quotations and problems with their marks.

use crate::markdown::Document;
use crate::span::{CompactSpan, Span};
use serde::Serialize;
use std::borrow::Cow;
use std::num::NonZeroU32;
use std::ops::Range;

/// How a quotation is used in its sentence (see docs/json.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// A sentence or clause presented as someone's words.
    Direct,
    /// A fragment of someone's words inside the writer's sentence.
    Partial,
    /// Distancing or a coined term: needs no speaker.
    Scare,
    /// A title, headline, slogan, nickname or name: needs no speaker.
    Title,
    /// A Markdown blockquote presented as a quotation.
    Block,
}

impl QuoteKind {
    /// Whether the quote is presented as someone's words, and so needs a speaker.
    pub fn is_speech(self) -> bool {
        matches!(self, QuoteKind::Direct | QuoteKind::Partial | QuoteKind::Block)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Scare => "scare",
            QuoteKind::Title => "title",
            QuoteKind::Block => "block",
        }
    }
}

/// The family of quotation marks a quote uses; mixed families in one draft is a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MarkStyle {
    /// `"…"` and `'…'`
    Straight,
    /// `“…”` and `‘…’`
    Curly,
    /// `«…»` and `‹…›`
    Guillemet,
    /// `„…“` and `‚…‘`
    German,
    /// `''…''` and ``` ``…'' ```
    DoubledApostrophe,
    /// A Markdown blockquote (no marks at all)
    Blockquote,
}

impl MarkStyle {
    pub fn describe(self) -> &'static str {
        match self {
            MarkStyle::Straight => "straight quotes (\"…\")",
            MarkStyle::Curly => "curly quotes (“…”)",
            MarkStyle::Guillemet => "guillemets («…»)",
            MarkStyle::German => "German quotes („…“)",
            MarkStyle::DoubledApostrophe => "doubled apostrophes (''…'')",
            MarkStyle::Blockquote => "blockquote",
        }
    }
}

/// One paragraph's share of a quotation, in that prose block's text coordinates.
/// A quote that follows the multi-paragraph convention has one part per paragraph.
///
/// 16 bytes (40 with eight-byte offsets, then 20): a draft has a part for
/// every quote, all held while the rules run. The block and the outer
/// range are held in 32 bits (the size limit keeps drafts far below 4 GiB);
/// the quoted words' range is held as its distance from the outer range's
/// ends, the marks' lengths, in 16 bits each. The block is held plus one,
/// so a quote's part and a pointer to several share 16 bytes (see [`Parts`]).
#[derive(Clone, PartialEq, Eq)]
pub struct QuotePart {
    block: NonZeroU32,
    outer: [u32; 2],
    /// `inner.start - outer.start` and `inner.end - outer.end`.
    margins: [i16; 2],
}

impl QuotePart {
    /// The part of block `block` at `outer` (marks included) quoting `inner`.
    /// `inner`'s ends lie a mark's length or so from `outer`'s; one more
    /// than 32 KiB away is read back that far (no scanner makes one).
    pub fn new(block: usize, outer: Range<usize>, inner: Range<usize>) -> Self {
        let margin = |to: usize, from: usize| {
            let m = if to >= from { i16::try_from(to - from) } else { i16::try_from(from - to).map(|m| -m) };
            m.unwrap_or(if to >= from { i16::MAX } else { -i16::MAX })
        };
        QuotePart {
            block: NonZeroU32::MIN.saturating_add(narrow(block)),
            margins: [margin(inner.start, outer.start), margin(inner.end, outer.end)],
            outer: narrow_range(outer),
        }
    }

    /// Index of the prose block in `Document::blocks`.
    pub fn block(&self) -> usize {
        self.block.get() as usize - 1
    }

    /// Byte range in the block's text, marks included where present.
    pub fn outer(&self) -> Range<usize> {
        self.outer[0] as usize..self.outer[1] as usize
    }

    /// Byte range in the block's text of the quoted words only.
    pub fn inner(&self) -> Range<usize> {
        let at = |end: u32, margin: i16| end.saturating_add_signed(i32::from(margin)) as usize;
        at(self.outer[0], self.margins[0])..at(self.outer[1], self.margins[1])
    }
}

impl std::fmt::Debug for QuotePart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QuotePart")
            .field("block", &self.block())
            .field("outer", &self.outer())
            .field("inner", &self.inner())
            .finish()
    }
}

fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn narrow_range(r: Range<usize>) -> [u32; 2] {
    [narrow(r.start), narrow(r.end)]
}

/// A quote's parts, read as a slice. Nearly every quote has one, held in
/// place: a vector of one for each was an allocation a quote (48 bytes of
/// heap), kept while the rules run. Several are held behind a thin pointer
/// (a boxed slice behind a box), which fits beside a part's block, so the
/// enum is 16 bytes and a quote 32: a slice's own 16-byte pointer made it
/// 24, and a quote 40 (12.8 MB for the 320,000 quotes of an 8 MB draft).
#[derive(Clone, PartialEq, Eq)]
pub enum Parts {
    One(QuotePart),
    Many(Box<Box<[QuotePart]>>),
}

impl Parts {
    /// `earlier` (the parts in earlier paragraphs, often none) then `last`.
    pub fn ending_with(mut earlier: Vec<QuotePart>, last: QuotePart) -> Parts {
        if earlier.is_empty() {
            return Parts::One(last);
        }
        earlier.reserve_exact(1);
        earlier.push(last);
        Parts::Many(Box::new(earlier.into_boxed_slice()))
    }
}

impl Default for Parts {
    fn default() -> Self {
        Parts::Many(Box::default())
    }
}

impl From<Vec<QuotePart>> for Parts {
    fn from(mut parts: Vec<QuotePart>) -> Self {
        match parts.pop() {
            Some(last) => Parts::ending_with(parts, last),
            None => Parts::default(),
        }
    }
}

impl std::ops::Deref for Parts {
    type Target = [QuotePart];

    fn deref(&self) -> &[QuotePart] {
        match self {
            Parts::One(part) => std::slice::from_ref(part),
            Parts::Many(parts) => &parts[..],
        }
    }
}

impl<'a> IntoIterator for &'a Parts {
    type Item = &'a QuotePart;
    type IntoIter = std::slice::Iter<'a, QuotePart>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl std::fmt::Debug for Parts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// A quotation found in the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// See [`Quote::span`]: in 32 bits, as the parts are.
    span: CompactSpan,
    pub kind: QuoteKind,
    pub style: MarkStyle,
    /// Whether the quote is double (`"`, `“`, `«`) rather than single (`'`, `‘`, `‹`).
    pub double: bool,
    /// Nesting depth: 0 for an outer quote, 1 for a quote inside it.
    pub depth: u8,
    pub parts: Parts,
}

impl Quote {
    /// A quotation at `span` of the source (see [`Quote::span`]).
    pub fn new(span: Span, kind: QuoteKind, style: MarkStyle, double: bool, depth: u8, parts: Parts) -> Self {
        Quote { span: span.into(), kind, style, double, depth, parts }
    }

    /// Source bytes from the opening mark to the closing mark, inclusive.
    pub fn span(&self) -> Span {
        self.span.get()
    }

    /// The quoted words without the outer marks, each part trimmed,
    /// paragraphs joined by a blank line. Read from the prose blocks when
    /// asked, not kept: a long draft's quotes hold most of its words, and a
    /// copy of each was the largest thing held while the rules ran but for
    /// the blocks themselves.
    pub fn text<'d>(&self, doc: &'d Document) -> Cow<'d, str> {
        parts_text(doc, &self.parts)
    }

    pub fn first_block(&self) -> usize {
        self.parts.first().map_or(0, QuotePart::block)
    }

    pub fn last_block(&self) -> usize {
        self.parts.last().map_or(0, QuotePart::block)
    }
}

/// The quoted words of `parts` (see [`Quote::text`]): a one-paragraph
/// quote's are a slice of its block, a longer one's are written once into a
/// string of the right size.
pub fn parts_text<'d>(doc: &'d Document, parts: &[QuotePart]) -> Cow<'d, str> {
    // a block that keeps its line breaks' spaces reads without them
    let texts = || parts.iter().filter_map(|part| doc.blocks.get(part.block())?.text_as_read(part.inner()));
    let trimmed = |text: Cow<'d, str>| match text {
        Cow::Borrowed(t) => Cow::Borrowed(t.trim()),
        Cow::Owned(t) => Cow::Owned(t.trim().to_string()),
    };
    if parts.len() <= 1 {
        return texts().next().map_or(Cow::Borrowed(""), trimmed);
    }
    let texts = || texts().map(trimmed);
    let len = texts().map(|t| t.len() + 2).sum::<usize>().saturating_sub(2);
    let mut out = String::with_capacity(len);
    for (i, t) in texts().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        out.push_str(&t);
    }
    Cow::Owned(out)
}

/// A quotation mark that does not pair up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarkProblem {
    /// An opening mark whose quotation never closes.
    Unclosed {
        open: Span,
        /// Where the scanner gave up looking: the end of the paragraph, or a
        /// second opening mark that should have been a closing one.
        gave_up: Option<Span>,
    },
    /// A closing mark that closes nothing.
    Unopened {
        close: Span,
        /// The previous quotation, already closed, if there is one nearby.
        previous: Option<Span>,
    },
    /// Quotations nested deeper than the scanner tracks: the first mark past
    /// the limit (reported once a draft), and how many such marks there were.
    TooDeep { open: Span, limit: usize, untracked: usize },
    /// Closing marks that close nothing, past the first few of a paragraph
    /// (reported one by one): the first of them, and how many there are.
    MoreUnopened { first: Span, count: usize },
}

/// Everything the scanner found in one document.
#[derive(Debug, Clone, Default)]
pub struct ScanResult {
    pub quotes: Vec<Quote>,
    pub problems: Vec<MarkProblem>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_one_paragraph_quote_is_read_from_its_block_and_a_longer_one_joined() {
        let doc = crate::markdown::parse("“We will rebuild the pier,” she said.\n\nNext.\n");
        let block = &doc.blocks[0].text;
        let one = [QuotePart::new(0, 0..31, 3..28)];
        let Cow::Borrowed(text) = parts_text(&doc, &one) else { panic!("a one-paragraph quote is copied") };
        assert_eq!(text, "We will rebuild the pier,");
        assert!(block.as_bytes().as_ptr_range().contains(&text.as_ptr()), "its words are the block's own");
        let two = [one[0].clone(), QuotePart::new(1, 0..5, 0..4)];
        assert_eq!(parts_text(&doc, &two), "We will rebuild the pier,\n\nNext");
    }

    #[test]
    fn a_quote_is_held_in_thirty_two_bytes() {
        // a draft has a record for every quote, all held while the rules run
        // (72 bytes with 64-bit offsets, 40 with a part of 20 bytes)
        assert_eq!(std::mem::size_of::<QuotePart>(), 16);
        assert_eq!(std::mem::size_of::<Parts>(), 16);
        assert_eq!(std::mem::size_of::<Quote>(), 32);
        let part = QuotePart::new(3, 10..40, 13..37);
        assert_eq!((part.block(), part.outer(), part.inner()), (3, 10..40, 13..37));
        // the words' ends may lie outside the marks' (a test's hand-made part)
        let odd = QuotePart::new(0, 0..1, 3..6);
        assert_eq!((odd.block(), odd.outer(), odd.inner()), (0, 0..1, 3..6));
        // a margin past 16 bits is read back as far as it goes
        let far = QuotePart::new(7, 100_000..200_000, 100_000..100_001);
        assert_eq!((far.block(), far.inner()), (7, 100_000..200_000 - 32_767));
        let many = Parts::from(vec![part.clone(), odd.clone()]);
        assert_eq!(&many[..], &[part, odd][..]);
    }

    proptest::proptest! {
        /// A part made as the scanner makes them (the words' ends within a
        /// few bytes of the marks') reads back the ranges it was made of.
        #[test]
        fn a_part_reads_back_its_ranges(
            block in 0usize..1 << 31,
            start in 0usize..1 << 31,
            len in 0usize..1 << 20,
            open in 0usize..300,
            close in 0usize..300,
        ) {
            let (outer, inner) = (start..start + len + open + close, start + open..start + open + len);
            let part = QuotePart::new(block, outer.clone(), inner.clone());
            proptest::prop_assert_eq!((part.block(), part.outer(), part.inner()), (block, outer, inner));
        }
    }
}
