//! The map from byte positions in a block's prose text back to the file.

use crate::span::Span;
use std::ops::Range;

/// One stretch of the prose text and the source bytes it came from.
///
/// Positions are kept in 32 bits: a draft has a piece for every line and
/// every bit of inline markup, and they are kept while the rules run. A
/// position past 4 GiB (far over any size limit, and past what
/// [`crate::tokens`] reads) is held as 4 GiB, and a piece's text length
/// past 2 GiB as 2 GiB: its top bit says whether the piece is verbatim
/// (as a field of its own it took 20 bytes a piece, not 16).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    text_start: u32,
    /// The text's length, and in the top bit [`VERBATIM`].
    text_len_and_verbatim: u32,
    source_start: u32,
    source_len: u32,
}

/// The text is the source bytes themselves, so it maps byte for byte.
/// Anything else (an entity, a line break, a masked code span) maps as a
/// whole: equal lengths are no proof (`` `"…` `` masked is as long as its source).
const VERBATIM: u32 = 1 << 31;

fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Piece {
    fn text_start(&self) -> usize {
        self.text_start as usize
    }

    fn text_end(&self) -> usize {
        self.text_start as usize + (self.text_len_and_verbatim & !VERBATIM) as usize
    }

    fn verbatim(&self) -> bool {
        self.text_len_and_verbatim & VERBATIM != 0
    }

    fn source_start(&self) -> usize {
        self.source_start as usize
    }

    fn source_len(&self) -> usize {
        self.source_len as usize
    }
}

/// Maps byte positions in a block's prose text to byte positions in the
/// file, as the block is read: pieces are pushed one by one. A block keeps
/// it as a [`BlockMap`].
///
/// Every position it returns is a start or end of a piece's source, or a
/// position inside a verbatim piece at a character boundary of its text, so
/// it is a character boundary of the file whenever the pieces' ranges are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    pieces: Vec<Piece>,
}

impl OffsetMap {
    /// Records that the text at `text_start` (`text_len` bytes) came from
    /// `source`; `verbatim` when it is a copy of those very bytes.
    pub fn push(&mut self, text_start: usize, text_len: usize, source: Range<usize>, verbatim: bool) {
        let source_len = source.end.saturating_sub(source.start);
        let verbatim = if verbatim && text_len == source_len { VERBATIM } else { 0 };
        // a verbatim piece right after another, in the text and in the
        // source, maps as their union does: a paragraph's lines and the
        // line feeds between them are one piece, not two a line
        if let Some(last) = self.pieces.last_mut().filter(|last| verbatim != 0 && last.verbatim()) {
            let joined = narrow(text_start + text_len);
            let follows = last.text_end() == text_start && last.source_start() + last.source_len() == source.start;
            if follows && joined < VERBATIM && narrow(source.end) < u32::MAX {
                last.text_len_and_verbatim = (joined - last.text_start) | VERBATIM;
                last.source_len = last.text_len_and_verbatim & !VERBATIM;
                return;
            }
        }
        self.pieces.push(Piece {
            text_start: narrow(text_start),
            text_len_and_verbatim: narrow(text_len).min(VERBATIM - 1) | verbatim,
            source_start: narrow(source.start),
            source_len: narrow(source_len),
        });
    }
}

impl OffsetMap {
    /// Turns kept line breaks back into breaks read as "\n": each break's
    /// spaces are dropped from `text`, and its line feed maps, as a whole,
    /// from where the break's own source starts. A kept break lies inside
    /// one verbatim piece (it was pushed as its source bytes, and may have
    /// been joined to the pieces around it), which is split around it; the
    /// parts are pushed again in order, so they join as they would have.
    pub fn unkeep_breaks(&mut self, text: &mut String, breaks: &[KeptBreak]) {
        let old = std::mem::take(&mut self.pieces);
        let mut out = String::with_capacity(text.len());
        let mut breaks = breaks.iter().peekable();
        for p in &old {
            let mut at = p.text_start();
            while let Some(k) = breaks.next_if(|k| (k.text_start as usize) < p.text_end() && p.verbatim()) {
                let feed = k.text_start as usize + k.spaces as usize;
                self.push_part(&mut out, text, p, at..k.text_start as usize);
                let source_end = p.source_start() + (feed + 1).saturating_sub(p.text_start());
                // (verbatim when its own source is the line feed alone, as before)
                self.push(out.len(), 1, k.source_start as usize..source_end, true);
                out.push('\n');
                at = feed + 1;
            }
            if at < p.text_end() || p.text_start() == p.text_end() {
                self.push_part(&mut out, text, p, at..p.text_end());
            }
        }
        *text = out;
    }

    /// Pushes `range` of `text`, part of piece `p`, as it maps, at the end of `out`.
    fn push_part(&mut self, out: &mut String, text: &str, p: &Piece, range: Range<usize>) {
        if range.is_empty() && p.text_start() != p.text_end() {
            return;
        }
        let source = match p.verbatim() {
            true => {
                let start = p.source_start() + (range.start - p.text_start());
                start..start + range.len()
            }
            false => p.source_start()..p.source_start() + p.source_len(),
        };
        self.push(out.len(), range.len(), source, p.verbatim());
        out.push_str(text.get(range).unwrap_or_default());
    }
}

/// A line break kept as its source bytes, spaces before the line feed and
/// all (see [`OffsetMap::unkeep_breaks`]): where its spaces start in the
/// block's text, how many there are, and where the break's own source
/// starts (the parser's range for it, after any spaces the text before it left out).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeptBreak {
    pub text_start: u32,
    pub spaces: u32,
    pub source_start: u32,
}

/// An [`OffsetMap`] as a block keeps it while the rules run: most blocks
/// are one line of plain text, their source bytes as written, which is
/// kept as where that source starts and how long it is, in the room the
/// pointer and length of a list of pieces take (a vector of one was an
/// allocation of 32 bytes a block besides the vector's 24; a piece in
/// place made the map 24 bytes, a third of a block).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockMap(Stored);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Stored {
    /// One verbatim piece from the start of the text, as long as its source.
    Verbatim {
        source_start: u32,
        source_len: u32,
    },
    Many(Box<[Piece]>),
}

impl Default for BlockMap {
    fn default() -> Self {
        BlockMap(Stored::Many(Box::default()))
    }
}

impl From<OffsetMap> for BlockMap {
    fn from(map: OffsetMap) -> Self {
        match map.pieces[..] {
            [one] if one.text_start == 0 && one.verbatim() && one.text_end() == one.source_len() => {
                BlockMap(Stored::Verbatim { source_start: one.source_start, source_len: one.source_len })
            }
            _ => BlockMap(Stored::Many(map.pieces.into_boxed_slice())),
        }
    }
}

impl BlockMap {
    /// Calls `read` with the pieces (a verbatim block's one made in place).
    #[inline]
    fn with_pieces<R>(&self, read: impl FnOnce(&[Piece]) -> R) -> R {
        match &self.0 {
            &Stored::Verbatim { source_start, source_len } => {
                let text_len_and_verbatim = source_len | VERBATIM;
                read(&[Piece { text_start: 0, text_len_and_verbatim, source_start, source_len }])
            }
            Stored::Many(pieces) => read(pieces),
        }
    }

    /// How many pieces map the text (one for a block that is its source bytes).
    pub fn piece_count(&self) -> usize {
        self.with_pieces(<[Piece]>::len)
    }

    /// Source offset where the text byte at `pos` starts.
    pub fn to_source_start(&self, pos: usize) -> usize {
        self.with_pieces(|pieces| to_source_start(pieces, pos))
    }

    /// Source offset where the text ending just before `pos` ends.
    pub fn to_source_end(&self, pos: usize) -> usize {
        self.with_pieces(|pieces| to_source_end(pieces, pos))
    }

    /// Source span of a text range. An empty range sits right after the
    /// text before it (not at the start of whatever follows a gap).
    pub fn to_source(&self, range: Range<usize>) -> Span {
        self.with_pieces(|pieces| to_source(pieces, range))
    }
}

/// Index of the piece holding text position `pos` (the last piece for the end).
fn piece_at(pieces: &[Piece], pos: usize) -> Option<&Piece> {
    let i = pieces.partition_point(|p| p.text_end() <= pos);
    pieces.get(i).or_else(|| pieces.last())
}

fn to_source_start(pieces: &[Piece], pos: usize) -> usize {
    match piece_at(pieces, pos) {
        None => 0,
        Some(p) if pos >= p.text_end() => p.source_start() + p.source_len(),
        Some(p) if p.verbatim() => p.source_start() + (pos - p.text_start().min(pos)),
        Some(p) => p.source_start(),
    }
}

fn to_source_end(pieces: &[Piece], pos: usize) -> usize {
    if pos == 0 {
        return pieces.first().map_or(0, Piece::source_start);
    }
    match piece_at(pieces, pos - 1) {
        None => 0,
        Some(p) if p.verbatim() => p.source_start() + (pos - p.text_start().min(pos)).min(p.source_len()),
        Some(p) => p.source_start() + p.source_len(),
    }
}

fn to_source(pieces: &[Piece], range: Range<usize>) -> Span {
    if range.end <= range.start {
        let at = to_source_end(pieces, range.start);
        return Span::new(at, at);
    }
    let start = to_source_start(pieces, range.start);
    let end = to_source_end(pieces, range.end).max(start);
    Span::new(start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "ab  \nc  \nd" kept as its source (one piece), then unkept: as if
    /// each break had been pushed as "\n" standing for its source.
    #[test]
    fn unkept_breaks_map_as_breaks_read_as_a_line_feed() {
        let mut kept = OffsetMap::default();
        let mut text = String::from("ab  \nc   \nd");
        kept.push(0, 2, 10..12, true);
        kept.push(2, 3, 12..15, true);
        kept.push(5, 1, 15..16, true);
        kept.push(6, 4, 16..20, true);
        kept.push(10, 1, 20..21, true);
        assert_eq!(kept.pieces.len(), 1);
        let breaks = [
            KeptBreak { text_start: 2, spaces: 2, source_start: 12 },
            KeptBreak { text_start: 6, spaces: 3, source_start: 16 },
        ];
        kept.unkeep_breaks(&mut text, &breaks);
        let mut before = OffsetMap::default();
        before.push(0, 2, 10..12, true);
        before.push(2, 1, 12..15, true);
        before.push(3, 1, 15..16, true);
        before.push(4, 1, 16..20, true);
        before.push(5, 1, 20..21, true);
        assert_eq!((text.as_str(), &kept), ("ab\nc\nd", &before));
    }

    #[test]
    fn a_replaced_piece_of_the_same_length_maps_as_a_whole() {
        // `…"` in backticks is 9 bytes; masked (`…` + U+FFFC + `...`) it is 9 too
        let mut map = OffsetMap::default();
        map.push(0, 3, 10..13, true);
        map.push(3, 9, 13..22, false);
        assert_eq!(BlockMap::from(map.clone()).to_source(1..2), Span::new(11, 12));
        assert_eq!(BlockMap::from(map.clone()).to_source(4..5), Span::new(13, 22));
        assert_eq!(BlockMap::from(map.clone()).to_source(3..12), Span::new(13, 22));
        assert_eq!(BlockMap::from(map.clone()).to_source_start(12), 22);
    }

    #[test]
    fn an_empty_range_stays_after_the_text_before_it() {
        // “ then inline HTML (not prose) then &nbsp;
        let mut map = OffsetMap::default();
        map.push(0, 3, 11..14, true);
        map.push(3, 2, 17..23, false);
        assert_eq!(BlockMap::from(map.clone()).to_source(3..3), Span::new(14, 14));
        assert_eq!(BlockMap::from(map.clone()).to_source(0..0), Span::new(11, 11));
    }

    proptest::proptest! {
        /// Joining verbatim pieces that follow one another changes no position the map gives.
        #[test]
        fn joined_pieces_map_as_the_pieces_did(
            pushes in proptest::collection::vec((0usize..4, 0usize..3, proptest::bool::ANY), 0..12)
        ) {
            let (mut map, mut apart, mut text, mut source) = (OffsetMap::default(), Vec::new(), 0, 5);
            for (len, gap, verbatim) in pushes {
                source += gap;
                // a replaced piece's source may be longer than its text
                let source_len = if verbatim { len } else { len + gap };
                map.push(text, len, source..source + source_len, verbatim);
                // each piece on its own, as pushed
                let mut one = OffsetMap::default();
                one.push(text, len, source..source + source_len, verbatim);
                apart.extend(one.pieces);
                (text, source) = (text + len, source + source_len);
            }
            let pieces = BlockMap(Stored::Many(apart.into_boxed_slice()));
            let joined = BlockMap::from(map);
            for lo in 0..=text + 1 {
                proptest::prop_assert_eq!(joined.to_source_start(lo), pieces.to_source_start(lo));
                proptest::prop_assert_eq!(joined.to_source_end(lo), pieces.to_source_end(lo));
                for hi in 0..=text + 1 {
                    proptest::prop_assert_eq!(joined.to_source(lo..hi), pieces.to_source(lo..hi));
                }
            }
        }
    }

    #[test]
    fn a_piece_stays_small() {
        // a draft has a piece for every line and bit of markup, kept while the rules run
        assert_eq!(std::mem::size_of::<Piece>(), 16);
    }

    #[test]
    fn positions_past_four_gib_are_held_at_four_gib() {
        let mut map = OffsetMap::default();
        map.push(0, 3, 10..13, true);
        map.push(3, 2, 1 << 33..(1 << 33) + 2, false);
        assert_eq!(BlockMap::from(map.clone()).to_source(1..2), Span::new(11, 12));
        assert_eq!(
            BlockMap::from(map.clone()).to_source(3..5),
            Span::new(u32::MAX as usize, u32::MAX as usize + 2)
        );
    }

    #[test]
    fn a_piece_claimed_verbatim_with_another_length_is_not() {
        let mut map = OffsetMap::default();
        map.push(0, 3, 0..7, true); // “ from &ldquo;
        assert_eq!(BlockMap::from(map.clone()).to_source(1..2), Span::new(0, 7));
    }

    #[test]
    fn a_map_of_one_piece_is_held_in_place_and_reads_as_the_pieces_do() {
        let mut map = OffsetMap::default();
        map.push(0, 5, 40..45, true);
        let one = BlockMap::from(map.clone());
        assert!(matches!(one.0, Stored::Verbatim { source_start: 40, source_len: 5 }));
        assert_eq!(
            (one.to_source(1..3), one.to_source_start(5), one.to_source_end(0), one.piece_count()),
            (Span::new(41, 43), 45, 40, 1)
        );
        map.push(5, 1, 45..47, false);
        let two = BlockMap::from(map);
        assert!(matches!(&two.0, Stored::Many(p) if p.len() == 2));
        assert_eq!((two.to_source(1..3), two.to_source(4..6)), (Span::new(41, 43), Span::new(44, 47)));
        // one piece not verbatim, or not from the text's start, is a list of one
        let mut replaced = OffsetMap::default();
        replaced.push(0, 3, 40..47, false);
        assert!(matches!(&BlockMap::from(replaced).0, Stored::Many(p) if p.len() == 1));
        let mut late = OffsetMap::default();
        late.push(2, 3, 40..43, true);
        assert!(matches!(&BlockMap::from(late).0, Stored::Many(p) if p.len() == 1));
        assert_eq!(std::mem::size_of::<BlockMap>(), 16);
    }

    proptest::proptest! {
        /// A map held as where its one verbatim piece's source starts reads
        /// every position as the same piece in a list does.
        #[test]
        fn a_verbatim_map_in_place_maps_as_its_piece(
            text_start in 0usize..3, len in 0usize..6, source_start in 0usize..9
        ) {
            let mut map = OffsetMap::default();
            map.push(text_start, len, source_start..source_start + len, true);
            let listed = BlockMap(Stored::Many(map.pieces.clone().into_boxed_slice()));
            let held = BlockMap::from(map);
            proptest::prop_assert_eq!(matches!(held.0, Stored::Verbatim { .. }), text_start == 0);
            for lo in 0..=text_start + len + 1 {
                proptest::prop_assert_eq!(held.to_source_start(lo), listed.to_source_start(lo));
                proptest::prop_assert_eq!(held.to_source_end(lo), listed.to_source_end(lo));
                for hi in 0..=text_start + len + 1 {
                    proptest::prop_assert_eq!(held.to_source(lo..hi), listed.to_source(lo..hi));
                }
            }
        }
    }
}
