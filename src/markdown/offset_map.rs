//! The map from byte positions in a block's prose text back to the file.

use crate::span::Span;
use std::ops::Range;

/// One stretch of the prose text and the source bytes it came from.
///
/// Positions are kept in 32 bits: a draft has a piece for every line and
/// every bit of inline markup, and they are kept while the rules run. A
/// position past 4 GiB (far over any size limit, and past what
/// [`crate::tokens`] reads) is held as 4 GiB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    text_start: u32,
    text_len: u32,
    source_start: u32,
    source_len: u32,
    /// The text is the source bytes themselves, so it maps byte for byte.
    /// Anything else (an entity, a line break, a masked code span) maps as a
    /// whole: equal lengths are no proof (`` `"…` `` masked is as long as its source).
    verbatim: bool,
}

fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Piece {
    fn text_start(&self) -> usize {
        self.text_start as usize
    }

    fn text_end(&self) -> usize {
        self.text_start as usize + self.text_len as usize
    }

    fn source_start(&self) -> usize {
        self.source_start as usize
    }

    fn source_len(&self) -> usize {
        self.source_len as usize
    }
}

/// Maps byte positions in a block's prose text to byte positions in the file.
///
/// Every position it returns is a start or end of a piece's source, or a
/// position inside a verbatim piece at a character boundary of its text, so
/// it is a character boundary of the file whenever the pieces' ranges are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    pieces: Vec<Piece>,
}

impl OffsetMap {
    /// Gives back the room left by pushing pieces one by one (kept for the whole run).
    pub fn shrink_to_fit(&mut self) {
        self.pieces.shrink_to_fit();
    }

    /// Records that the text at `text_start` (`text_len` bytes) came from
    /// `source`; `verbatim` when it is a copy of those very bytes.
    pub fn push(&mut self, text_start: usize, text_len: usize, source: Range<usize>, verbatim: bool) {
        let source_len = source.end.saturating_sub(source.start);
        self.pieces.push(Piece {
            text_start: narrow(text_start),
            text_len: narrow(text_len),
            source_start: narrow(source.start),
            source_len: narrow(source_len),
            verbatim: verbatim && text_len == source_len,
        });
    }

    /// Index of the piece holding text position `pos` (the last piece for the end).
    fn piece_at(&self, pos: usize) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| p.text_end() <= pos);
        self.pieces.get(i).or_else(|| self.pieces.last())
    }

    /// Source offset where the text byte at `pos` starts.
    pub fn to_source_start(&self, pos: usize) -> usize {
        match self.piece_at(pos) {
            None => 0,
            Some(p) if pos >= p.text_end() => p.source_start() + p.source_len(),
            Some(p) if p.verbatim => p.source_start() + (pos - p.text_start().min(pos)),
            Some(p) => p.source_start(),
        }
    }

    /// Source offset where the text ending just before `pos` ends.
    pub fn to_source_end(&self, pos: usize) -> usize {
        if pos == 0 {
            return self.pieces.first().map_or(0, Piece::source_start);
        }
        match self.piece_at(pos - 1) {
            None => 0,
            Some(p) if p.verbatim => p.source_start() + (pos - p.text_start().min(pos)).min(p.source_len()),
            Some(p) => p.source_start() + p.source_len(),
        }
    }

    /// Source span of a text range. An empty range sits right after the
    /// text before it (not at the start of whatever follows a gap).
    pub fn to_source(&self, range: Range<usize>) -> Span {
        if range.end <= range.start {
            let at = self.to_source_end(range.start);
            return Span::new(at, at);
        }
        let start = self.to_source_start(range.start);
        let end = self.to_source_end(range.end).max(start);
        Span::new(start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replaced_piece_of_the_same_length_maps_as_a_whole() {
        // `…"` in backticks is 9 bytes; masked (`…` + U+FFFC + `...`) it is 9 too
        let mut map = OffsetMap::default();
        map.push(0, 3, 10..13, true);
        map.push(3, 9, 13..22, false);
        assert_eq!(map.to_source(1..2), Span::new(11, 12));
        assert_eq!(map.to_source(4..5), Span::new(13, 22));
        assert_eq!(map.to_source(3..12), Span::new(13, 22));
        assert_eq!(map.to_source_start(12), 22);
    }

    #[test]
    fn an_empty_range_stays_after_the_text_before_it() {
        // “ then inline HTML (not prose) then &nbsp;
        let mut map = OffsetMap::default();
        map.push(0, 3, 11..14, true);
        map.push(3, 2, 17..23, false);
        assert_eq!(map.to_source(3..3), Span::new(14, 14));
        assert_eq!(map.to_source(0..0), Span::new(11, 11));
    }

    #[test]
    fn a_piece_stays_small() {
        // a draft has a piece for every line and bit of markup, kept while the rules run
        assert_eq!(std::mem::size_of::<Piece>(), 20);
    }

    #[test]
    fn positions_past_four_gib_are_held_at_four_gib() {
        let mut map = OffsetMap::default();
        map.push(0, 3, 10..13, true);
        map.push(3, 2, 1 << 33..(1 << 33) + 2, false);
        assert_eq!(map.to_source(1..2), Span::new(11, 12));
        assert_eq!(map.to_source(3..5), Span::new(u32::MAX as usize, u32::MAX as usize + 2));
    }

    #[test]
    fn a_piece_claimed_verbatim_with_another_length_is_not() {
        let mut map = OffsetMap::default();
        map.push(0, 3, 0..7, true); // “ from &ldquo;
        assert_eq!(map.to_source(1..2), Span::new(0, 7));
    }
}
