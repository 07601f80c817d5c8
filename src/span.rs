//! Byte spans into the original file, and line/column lookup.

use serde::Serialize;
use std::ops::Range;

/// A half-open byte range into the file as read from disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// A [`Span`] in eight bytes, for records a draft holds one of per
/// quotation: drafts are far smaller than 4 GB (the size limit turns larger
/// ones away before they are parsed). Serialised like a `Span`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct CompactSpan {
    start: u32,
    end: u32,
}

impl CompactSpan {
    pub fn get(self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
}

impl From<Span> for CompactSpan {
    fn from(span: Span) -> Self {
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        CompactSpan { start: narrow(span.start), end: narrow(span.end) }
    }
}

/// 1-based line and column; the column counts characters, as the JSON contract says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Start offsets of every line, so positions can be turned into line/column quickly.
///
/// Lines end at `\n`, `\r\n` or a lone `\r` (old Mac files), as CommonMark
/// and the LSP count them. A byte-order mark is not a column.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Each line's start, in 32 bits as the draft's spans are (a line
    /// starting past 4 GiB, far over any size limit, counts as the one
    /// before): held while the rules run, one a line, where eight bytes
    /// and the room of doubling took 2 MiB of a draft of 140,000 lines.
    starts: Box<[u32]>,
    /// Characters, and of those the ones outside the Basic Multilingual Plane
    /// (two UTF-16 units), before each multiple of [`CHECKPOINT`] bytes
    /// (rounded down to a character boundary): a column on a long line is
    /// counted from the nearest checkpoint, so a megabyte line with a hundred
    /// thousand findings is not counted through once for each.
    chars_before: Vec<Counts>,
    /// The length of the text indexed.
    len: usize,
}

const CHECKPOINT: usize = 1024;

/// Characters in a stretch of text, and how many of them are astral.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub chars: usize,
    pub astral: usize,
}

impl Counts {
    fn of(text: &str) -> Counts {
        // One pass over the bytes, counted in runs short enough for one-byte
        // tallies: the compiler then counts sixteen bytes at a time, where
        // `chars().count()` beside a filtered count read the text twice and
        // the second a byte at a time (a column far along a long line, asked
        // for by every finding on it, was most of printing JSON findings).
        let (mut chars, mut astral) = (0, 0);
        for run in text.as_bytes().chunks(u8::MAX as usize) {
            let (mut c, mut a) = (0u8, 0u8);
            for &b in run {
                // every byte but a continuation byte (0x80..=0xBF) starts a character
                c += u8::from((b as i8) >= -0x40);
                // a four-byte UTF-8 sequence starts with 0xF0..=0xF4
                a += u8::from(b >= 0xF0);
            }
            chars += usize::from(c);
            astral += usize::from(a);
        }
        Counts { chars, astral }
    }

    fn plus(self, other: Counts) -> Counts {
        Counts { chars: self.chars + other.chars, astral: self.astral + other.astral }
    }

    fn minus(self, other: Counts) -> Counts {
        Counts { chars: self.chars - other.chars, astral: self.astral - other.astral }
    }

    /// UTF-16 code units.
    pub fn utf16(self) -> usize {
        self.chars + self.astral
    }
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // `\r\n` is one line ending: the line starts after its `\n`
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                let Ok(start) = u32::try_from(i + 1) else { break };
                starts.push(start);
            }
        }
        let mut chars_before = Vec::with_capacity(text.len() / CHECKPOINT + 1);
        let (mut counts, mut at) = (Counts::default(), 0);
        for k in 0..=text.len() / CHECKPOINT {
            let next = floor_boundary(text, k * CHECKPOINT);
            counts = counts.plus(Counts::of(text.get(at..next).unwrap_or_default()));
            chars_before.push(counts);
            at = next;
        }
        LineIndex { starts: starts.into_boxed_slice(), chars_before, len: text.len() }
    }

    /// The counts of `text[..offset]` (`offset` on a character boundary).
    fn counts_upto(&self, text: &str, offset: usize) -> Counts {
        let k = offset / CHECKPOINT;
        let from = floor_boundary(text, k * CHECKPOINT);
        let before = self.chars_before.get(k).copied().unwrap_or_default();
        before.plus(Counts::of(text.get(from..offset).unwrap_or_default()))
    }

    /// The counts of `text[start..offset]`, both on character boundaries, in
    /// time bounded by the checkpoints, not by the distance between them.
    pub fn counts_between(&self, text: &str, start: usize, offset: usize) -> Counts {
        if offset.saturating_sub(start) <= 2 * CHECKPOINT || text.len() != self.len {
            return Counts::of(text.get(start..offset).unwrap_or_default());
        }
        self.counts_upto(text, offset).minus(self.counts_upto(text, start))
    }

    /// Line and character column of a byte offset (clamped into the text, and
    /// back to a character boundary, so a bad offset can never panic).
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let mut start = self.start(line).unwrap_or(0);
        if start == 0 && text.starts_with('\u{feff}') {
            start = '\u{feff}'.len_utf8().min(offset);
        }
        let column = self.counts_between(text, start, offset.max(start)).chars + 1;
        LineCol { line: line + 1, column }
    }

    /// The 0-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s as usize <= offset).max(1) - 1
    }

    /// Byte range of 0-based line `line` in `text`, without its line ending.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.start(line).unwrap_or(text.len()).min(text.len());
        let next = self.start(line + 1).unwrap_or(text.len()).min(text.len());
        let content = text.get(start..next).unwrap_or_default().trim_end_matches(['\n', '\r']);
        start..start + content.len()
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Where 0-based line `line` starts.
    fn start(&self, line: usize) -> Option<usize> {
        self.starts.get(line).map(|&s| s as usize)
    }
}

fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_far_along_a_long_line_count_every_character() {
        let text = format!("x\n{}", "a“bc ".repeat(10_000));
        let idx = LineIndex::new(&text);
        for n in [0, 1, 999, 5_000, 9_999] {
            // each "a“bc " is 5 characters, 7 bytes
            let offset = 2 + n * 7 + 1;
            assert_eq!(idx.line_col(&text, offset), LineCol { line: 2, column: n * 5 + 2 }, "{n}");
        }
        // astral characters are counted apart, for UTF-16 positions
        let emoji = "🙂 a “b” ".repeat(3_000);
        let end = emoji.len();
        let counts = LineIndex::new(&emoji).counts_between(&emoji, 0, end);
        assert_eq!(counts, Counts { chars: 8 * 3_000, astral: 3_000 });
        assert_eq!(counts.utf16(), emoji.encode_utf16().count());
        let bom = format!("\u{feff}{}z", "é".repeat(9_000));
        let idx = LineIndex::new(&bom);
        assert_eq!(idx.line_col(&bom, bom.len() - 1), LineCol { line: 1, column: 9_001 });
    }

    proptest::proptest! {
        /// The checkpoints and the byte tally agree with counting characters
        /// one by one, wherever the two offsets fall.
        #[test]
        fn counts_between_any_two_boundaries_are_the_characters_between(
            text in "(a|é|“|🙂|\n| ){0,3000}",
            x in 0usize..12_000,
            y in 0usize..12_000,
        ) {
            let floor = |o: usize| (0..=o.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            let (start, end) = (floor(x.min(y)), floor(x.max(y)));
            let between = &text[start..end];
            let want = Counts { chars: between.chars().count(), astral: between.chars().filter(|c| c.len_utf16() == 2).count() };
            proptest::prop_assert_eq!(LineIndex::new(&text).counts_between(&text, start, end), want);
        }
    }

    /// A draft of many short lines keeps four bytes a line, at its size:
    /// counted by this thread's allocator (eight a line and the room of
    /// doubling before).
    #[test]
    fn a_line_start_is_held_in_four_bytes() {
        let text = "“We rebuild,” said Ana Ruiz.\n".repeat(100_000);
        let (idx, held) = crate::budget::held_by(|| LineIndex::new(&text));
        let checkpoints = (text.len() / CHECKPOINT + 1) * std::mem::size_of::<Counts>();
        assert_eq!(idx.line_count(), 100_001);
        assert!(held <= (4 * 100_001 + checkpoints) as u64, "{held} bytes for 100,001 lines");
        assert_eq!(idx.line_col(&text, text.len() - 3), LineCol { line: 100_000, column: 27 });
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "ab\n“x” y\r\nz";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(text, 3), LineCol { line: 2, column: 1 });
        // after “x” (3 + 1 + 3 bytes) we are at character 4 of line 2
        assert_eq!(idx.line_col(text, 10), LineCol { line: 2, column: 4 });
        assert_eq!(idx.line_col(text, text.len() - 1), LineCol { line: 3, column: 1 });
        // inside a multi-byte character: clamps back to its start
        assert_eq!(idx.line_col(text, 4), LineCol { line: 2, column: 1 });
        assert_eq!(idx.line_col(text, 999).line, 3);
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let text = "one\rtwo\r\nthree\rfour";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.line_col(text, text.find("two").unwrap()), LineCol { line: 2, column: 1 });
        assert_eq!(idx.line_col(text, text.find("four").unwrap() + 1), LineCol { line: 4, column: 2 });
        assert_eq!(&text[idx.line_range(text, 1)], "two");
        assert_eq!(&text[idx.line_range(text, 3)], "four");
    }

    #[test]
    fn the_byte_order_mark_is_not_a_column() {
        let text = "\u{feff}“Hi” x\nb";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 3), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(text, text.find('x').unwrap()), LineCol { line: 1, column: 6 });
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(text, text.find('b').unwrap()), LineCol { line: 2, column: 1 });
    }
}
