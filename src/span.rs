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
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // `\r\n` is one line ending: the line starts after its `\n`
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        LineIndex { starts }
    }

    /// Line and character column of a byte offset (clamped into the text, and
    /// back to a character boundary, so a bad offset can never panic).
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let mut start = self.starts.get(line).copied().unwrap_or(0);
        if start == 0 && text.starts_with('\u{feff}') {
            start = '\u{feff}'.len_utf8().min(offset);
        }
        let column = text.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        LineCol { line: line + 1, column }
    }

    /// The 0-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1) - 1
    }

    /// Byte range of 0-based line `line` in `text`, without its line ending.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.starts.get(line).copied().unwrap_or(text.len()).min(text.len());
        let next = self.starts.get(line + 1).copied().unwrap_or(text.len()).min(text.len());
        let content = text.get(start..next).unwrap_or_default().trim_end_matches(['\n', '\r']);
        start..start + content.len()
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
