//! Byte offsets ↔ LSP positions. An LSP position is a 0-based line and a
//! 0-based `character` counted in the code units of the negotiated encoding:
//! UTF-16 unless the client offered something else (LSP 3.17
//! `positionEncoding`). Curly quotes are three UTF-8 bytes but one UTF-16
//! unit, so byte columns would be wrong on nearly every line of a draft.

use crate::render::clamp_span;
use crate::span::{LineIndex, Span};
use lsp_types::{Position, PositionEncodingKind, Range};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    /// The client's most preferred encoding that we support, else UTF-16
    /// (the only one a client is bound to support).
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        offered
            .unwrap_or_default()
            .iter()
            .find_map(|kind| match kind.as_str() {
                "utf-8" => Some(Encoding::Utf8),
                "utf-16" => Some(Encoding::Utf16),
                "utf-32" => Some(Encoding::Utf32),
                _ => None,
            })
            .unwrap_or(Encoding::Utf16)
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }
}

/// The position of byte `offset` (clamped into the text and back onto a
/// character boundary). Lines end at `\n`, `\r\n` or `\r`, as the LSP says.
pub fn position(text: &str, lines: &LineIndex, offset: usize, encoding: Encoding) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line = lines.line_of(offset);
    let content = lines.line_range(text, line);
    let end = offset.min(content.end);
    let character = match encoding {
        Encoding::Utf8 => end - content.start,
        Encoding::Utf16 => lines.counts_between(text, content.start, end).utf16(),
        Encoding::Utf32 => lines.counts_between(text, content.start, end).chars,
    };
    Position { line: saturate(line), character: saturate(character) }
}

/// The range of `span`, first clamped into the text.
pub fn range(text: &str, lines: &LineIndex, span: Span, encoding: Encoding) -> Range {
    let span = clamp_span(text, span);
    Range { start: position(text, lines, span.start, encoding), end: position(text, lines, span.end, encoding) }
}

/// The byte offset of `pos`; a position past a line's end is that line's end,
/// past the last line the end of the text, inside a character that character's start.
pub fn offset(text: &str, lines: &LineIndex, pos: Position, encoding: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= lines.line_count() {
        return text.len();
    }
    let content = lines.line_range(text, line);
    let wanted = pos.character as usize;
    let mut units = 0;
    for (i, c) in text.get(content.clone()).unwrap_or_default().char_indices() {
        let next = units + encoding.units(c);
        if next > wanted {
            return content.start + i;
        }
        units = next;
    }
    content.end
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "a\n“Ok,” 🙂 x\nend";

    fn position(text: &str, offset: usize, encoding: Encoding) -> Position {
        super::position(text, &LineIndex::new(text), offset, encoding)
    }

    fn offset(text: &str, pos: Position, encoding: Encoding) -> usize {
        super::offset(text, &LineIndex::new(text), pos, encoding)
    }

    #[test]
    fn carriage_returns_end_lines_as_the_protocol_says() {
        let text = "one\r\ntwo\rthree";
        let three = text.find("three").unwrap();
        assert_eq!(position(text, three + 2, Encoding::Utf16), Position { line: 2, character: 2 });
        assert_eq!(
            offset(text, Position { line: 1, character: 9 }, Encoding::Utf16),
            text.find("\rthree").unwrap()
        );
        // the end of line 0 is before its \r\n, whichever byte of it is asked for
        assert_eq!(position(text, 4, Encoding::Utf16), Position { line: 0, character: 3 });
    }

    #[test]
    fn characters_are_counted_in_the_negotiated_units() {
        let x = TEXT.find('x').unwrap();
        // “ ” are 3 bytes / 1 UTF-16 unit; 🙂 is 4 bytes / 2 UTF-16 units / 1 code point.
        assert_eq!(position(TEXT, x, Encoding::Utf16), Position { line: 1, character: 9 });
        assert_eq!(position(TEXT, x, Encoding::Utf8), Position { line: 1, character: 15 });
        assert_eq!(position(TEXT, x, Encoding::Utf32), Position { line: 1, character: 8 });
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            assert_eq!(offset(TEXT, position(TEXT, x, enc), enc), x, "{enc:?}");
        }
    }

    #[test]
    fn out_of_range_positions_clamp() {
        assert_eq!(offset(TEXT, Position { line: 0, character: 99 }, Encoding::Utf16), 1);
        assert_eq!(offset(TEXT, Position { line: 9, character: 0 }, Encoding::Utf16), TEXT.len());
        // The middle of the emoji's surrogate pair is its start.
        let emoji = TEXT.find('🙂').unwrap();
        assert_eq!(offset(TEXT, Position { line: 1, character: 7 }, Encoding::Utf16), emoji);
        assert_eq!(position(TEXT, emoji + 1, Encoding::Utf16), position(TEXT, emoji, Encoding::Utf16));
        assert_eq!(position(TEXT, 999, Encoding::Utf16), Position { line: 2, character: 3 });
    }

    #[test]
    fn negotiation_takes_the_clients_first_known_encoding() {
        let offered =
            [PositionEncodingKind::new("utf-7"), PositionEncodingKind::UTF8, PositionEncodingKind::UTF16];
        assert_eq!(Encoding::negotiate(Some(&offered)), Encoding::Utf8);
        assert_eq!(
            Encoding::negotiate(Some(&[PositionEncodingKind::UTF16, PositionEncodingKind::UTF8])),
            Encoding::Utf16
        );
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
    }
}
