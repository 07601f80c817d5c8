//! Phrases are written single-spaced ("in a statement", "told {outlet}"),
//! but a hard-wrapped draft breaks lines anywhere, indents continuation
//! lines and types non-breaking spaces: to every phrase, a run of whitespace
//! is one space. Matching runs on a single-spaced copy of the text when the
//! text needs one, and ranges are mapped back to the text as written.

use std::borrow::Cow;
use std::ops::Range;

/// `text` with every run of whitespace as one space, and, where that
/// changed anything, how to map offsets of the copy back to `text`.
pub struct OneSpaced<'t> {
    pub text: Cow<'t, str>,
    /// `None` when the copy is the text itself.
    origin: Option<Shifts>,
}

/// Where the copy's offsets fall behind the text's: after each run of
/// whitespace of more than one byte, by that run's bytes less one. A table
/// of every byte's origin took eight bytes per byte of text (64 MiB for an
/// 8 MB paragraph); this takes one entry per such run.
struct Shifts {
    /// (first offset of the copy it applies to, text offset − copy offset
    /// from there on), sorted by offset.
    at: Vec<(usize, usize)>,
    /// The length of the text as written.
    text_len: usize,
}

impl Shifts {
    /// The offset in the text of byte `i` of a copy `copy_len` bytes long
    /// (the text's length for `i` at or past the end of the copy).
    fn origin(&self, i: usize, copy_len: usize) -> usize {
        if i >= copy_len {
            return self.text_len;
        }
        let k = self.at.partition_point(|&(from, _)| from <= i);
        i + k.checked_sub(1).and_then(|k| self.at.get(k)).map_or(0, |&(_, shift)| shift)
    }
}

impl<'t> OneSpaced<'t> {
    pub fn new(text: &'t str) -> OneSpaced<'t> {
        if !needs_copy(text) {
            return OneSpaced { text: Cow::Borrowed(text), origin: None };
        }
        let (copy, at) = collapse(text);
        OneSpaced { text: Cow::Owned(copy), origin: Some(Shifts { at, text_len: text.len() }) }
    }

    /// The offset in the text as written of byte `i` of the copy.
    fn origin(&self, i: usize) -> usize {
        match &self.origin {
            None => i,
            Some(shifts) => shifts.origin(i, self.text.len()),
        }
    }

    /// A range of the copy as a range of the text as written.
    pub fn back(&self, range: Range<usize>) -> Range<usize> {
        if self.origin.is_none() {
            return range;
        }
        let start = self.origin(range.start);
        // The last byte of a non-empty range is copied from one byte of the text.
        let end = match range.end.checked_sub(1) {
            Some(last) if range.end > range.start => self.origin(last) + 1,
            _ => start,
        };
        start..end
    }

    /// A phrase found in the copy, with its outlet, as found in the text as written.
    pub fn back_match(&self, m: &mut super::PhraseMatch<'_>) {
        m.range = self.back(m.range.clone());
        if let Some((range, _)) = &mut m.outlet {
            *range = self.back(range.clone());
        }
    }

    /// An offset of the text as written, as an offset of the copy (the
    /// first byte of the copy at or after it).
    pub fn forward(&self, offset: usize) -> usize {
        if self.origin.is_none() {
            return offset;
        }
        // the origins of the copy's bytes and of its end rise strictly:
        // the count of those below `offset`, by binary search
        let (mut lo, mut hi) = (0, self.text.len() + 1);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.origin(mid) < offset {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }
}

/// [`OneSpaced::forward`] of offsets that rise, each read on from the last.
pub struct Forward<'s> {
    shifts: Option<&'s Shifts>,
    /// How many of the shifts' runs lie before the last offset moved.
    next: usize,
}

impl Forward<'_> {
    /// The offset in the copy of `offset`, a character of the text as
    /// written that is not whitespace, at or after the last one asked for.
    pub fn at(&mut self, offset: usize) -> usize {
        let Some(shifts) = self.shifts else { return offset };
        // a run's entry is (its end in the copy, the shift from there): its end as written is their sum
        while shifts.at.get(self.next).is_some_and(|&(from, shift)| from + shift <= offset) {
            self.next += 1;
        }
        let shift = self.next.checked_sub(1).and_then(|k| shifts.at.get(k)).map_or(0, |&(_, shift)| shift);
        offset - shift
    }
}

impl OneSpaced<'_> {
    /// A `Forward` over this copy.
    pub fn forward_cursor(&self) -> Forward<'_> {
        Forward { shifts: self.origin.as_ref(), next: 0 }
    }
}

/// `text` with every run of whitespace as one space, and the [`Shifts`] of
/// the runs longer than one byte. Text between the runs is copied whole.
fn collapse(text: &str) -> (String, Vec<(usize, usize)>) {
    let mut copy = String::with_capacity(text.len());
    let mut shifts = Vec::new();
    let (mut kept, mut shift) = (0, 0);
    let mut run: Option<usize> = None;
    let mut close = |copy: &mut String, start: usize, end: usize| {
        copy.push(' ');
        if end - start > 1 {
            shift += end - start - 1;
            shifts.push((copy.len(), shift));
        }
    };
    for (at, c) in text.char_indices() {
        match (c.is_whitespace(), run) {
            (true, None) => {
                copy.push_str(text.get(kept..at).unwrap_or_default());
                run = Some(at);
            }
            (false, Some(start)) => {
                close(&mut copy, start, at);
                run = None;
                kept = at;
            }
            _ => {}
        }
    }
    match run {
        Some(start) => close(&mut copy, start, text.len()),
        None => copy.push_str(text.get(kept..).unwrap_or_default()),
    }
    (copy, shifts)
}

/// Whether any whitespace in `text` is other than a lone ASCII space.
/// Each kind is looked for with memchr over the whole text (most text has
/// none, and a byte-by-byte test of every byte was a few per cent of a check).
fn needs_copy(text: &str) -> bool {
    let bytes = text.as_bytes();
    // five memchr passes cost some hundred instructions before they read a
    // byte: most texts asked about are a few words (a mention, a sentence
    // window), and one pass of byte tests is cheaper for them
    if bytes.len() <= SHORT {
        return needs_copy_short(text);
    }
    needs_copy_long(text)
}

/// [`needs_copy`] by one memchr search for each kind of whitespace.
fn needs_copy_long(text: &str) -> bool {
    let bytes = text.as_bytes();
    // U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028/2029, U+202F,
    // U+205F and U+3000 all start with one of these bytes; 0xe2 also
    // starts curly quotes and dashes, so each is decoded to tell.
    let wide_space = |i: usize| text.get(i..).and_then(|s| s.chars().next()).is_some_and(char::is_whitespace);
    // the searcher for two spaces is built once: building it for every
    // sentence cost more than the search
    static TWO_SPACES: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
    let two_spaces = TWO_SPACES.get_or_init(|| memchr::memmem::Finder::new(b"  "));
    two_spaces.find(bytes).is_some()
        || memchr::memchr3(b'\t', b'\n', b'\r', bytes).is_some()
        || memchr::memchr2(0x0b, 0x0c, bytes).is_some()
        || memchr::memchr3_iter(0xc2, 0xe1, 0xe3, bytes).any(wide_space)
        || memchr::memchr_iter(0xe2, bytes).any(wide_space)
}

/// Texts up to this many bytes are tested byte by byte ([`needs_copy_short`]).
const SHORT: usize = 64;

/// Per byte, whether it may start whitespace other than a lone space: the
/// ASCII space (if another follows), tab, line feed, vertical tab, form feed,
/// carriage return, and the lead bytes of the wide spaces (see [`needs_copy`]).
static MAY_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = [b' ', b'\t', b'\n', 0x0b, 0x0c, b'\r', 0xc2, 0xe1, 0xe2, 0xe3];
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
};

/// Whether `text`, from each of `starts` (in order) as far as `reach`
/// bytes on (and to the end of the character there), is in its
/// single-spaced copy as it is written, offsets aside: it has no whitespace
/// there but lone ASCII spaces. Each byte is read once, though windows
/// overlap: each window is read from where the last ended, less a byte (so
/// that two spaces across the seam are seen; a run that begins at a
/// window's last byte begins with a space in the copy too, and is refused
/// only when another window reads on).
pub fn spaced_alike(text: &str, starts: impl IntoIterator<Item = usize>, reach: usize) -> bool {
    let mut read: usize = 0;
    for at in starts {
        let mut end = at.saturating_add(reach).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let mut from = at.max(read.saturating_sub(1));
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        if end <= from {
            continue;
        }
        if text.get(from..end).is_none_or(needs_copy_short) {
            return false;
        }
        read = end;
    }
    true
}

/// [`needs_copy`] in one pass of byte tests, for short texts. Eight bytes
/// of ASCII at or above the space, most of a draft's, are tested at once:
/// only two spaces side by side need the copy there. Others are tested
/// byte by byte.
fn needs_copy_short(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        // (a chunk is eight bytes: a zero never read is taken for a control byte)
        let word = <[u8; 8]>::try_from(chunk).map_or(0, u64::from_le_bytes);
        if let Some(spaces) = printable_ascii_spaces(word) {
            // two spaces in the chunk, or one at its end before one at the next's start
            if spaces & (spaces >> 8) != 0 || spaces >> 63 != 0 && bytes.get(at + 8) == Some(&b' ') {
                return true;
            }
        } else if (at..at + 8).any(|i| space_to_copy(text, i)) {
            return true;
        }
        at += 8;
    }
    (at..bytes.len()).any(|i| space_to_copy(text, i))
}

/// Of eight bytes (the first lowest), when all are ASCII at or above the
/// space: the high bit of each that is a space.
#[inline]
fn printable_ascii_spaces(word: u64) -> Option<u64> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x80 * ONES;
    // no byte carries into the next when none has its high bit: a byte
    // gains it by the addition when it is at or above 0x20
    let below_space = !word.wrapping_add(0x60 * ONES) & HIGH;
    if (word & HIGH) | below_space != 0 {
        return None;
    }
    // a byte that is not a space is not zero once the spaces are: adding
    // 0x7f sets its high bit
    Some(!(word ^ (0x20 * ONES)).wrapping_add(0x7f * ONES) & HIGH)
}

/// Whether the byte at `i` starts whitespace other than a lone ASCII space.
#[inline]
fn space_to_copy(text: &str, i: usize) -> bool {
    let bytes = text.as_bytes();
    let Some(&b) = bytes.get(i) else { return false };
    MAY_SPACE[usize::from(b)]
        && match b {
            b' ' => bytes.get(i + 1) == Some(&b' '),
            0xc2 | 0xe1 | 0xe2 | 0xe3 => {
                text.get(i..).and_then(|s| s.chars().next()).is_some_and(char::is_whitespace)
            }
            _ => true,
        }
}

/// [`needs_copy_short`] as it was, byte by byte: the reference.
#[cfg(test)]
fn needs_copy_bytewise(text: &str) -> bool {
    (0..text.len()).any(|i| space_to_copy(text, i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_of_lone_spaces_is_spaced_alike() {
        let text = "it is said  that\nit\u{a0}is é";
        assert!(spaced_alike(text, [0], 10));
        // the run of two spaces begins at the window's last byte: the copy has its first
        assert!(spaced_alike(text, [0], 11));
        assert!(!spaced_alike(text, [0], 12));
        assert!(!spaced_alike(text, [12], 5));
        assert!(!spaced_alike(text, [17], 4));
        // a reach that ends inside a character reads to its end; past the text, to the end
        assert!(spaced_alike(text, [23], 2) && spaced_alike(text, [23], 99));
        // windows that meet at the two spaces see them; windows apart see each its own
        assert!(spaced_alike(text, [0, 3], 8) && !spaced_alike(text, [0, 3], 9));
        assert!(spaced_alike(text, [0, 3, 12], 4));
        assert!(!spaced_alike(text, [0, 3, 12, 13], 4));
    }

    proptest::proptest! {
        /// Read once across overlapping windows, the answer is that of each window read whole.
        #[test]
        fn windows_read_once_answer_as_each_read_whole(
            text in "[ab \n\u{a0}é]{0,30}",
            mut starts in proptest::collection::vec(0usize..30, 0..6),
            reach in 0usize..12,
        ) {
            starts.sort_unstable();
            starts.retain(|&at| text.is_char_boundary(at.min(text.len())));
            let starts: Vec<usize> = starts.into_iter().map(|at| at.min(text.len())).collect();
            let whole = |at: usize| {
                let mut end = (at + reach).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                !needs_copy_short(&text[at..end])
            };
            // a seam read twice may refuse two spaces a window alone would end in: never the reverse
            let once = spaced_alike(&text, starts.iter().copied(), reach);
            proptest::prop_assert!(!once || starts.iter().all(|&at| whole(at)));
            let apart = starts.windows(2).all(|w| w[1] >= w[0] + reach + 4);
            if apart {
                proptest::prop_assert_eq!(once, starts.iter().all(|&at| whole(at)));
            }
        }
    }

    proptest::proptest! {
        /// The cursor moves every character that is not whitespace where
        /// [`OneSpaced::forward`] does, read in order.
        #[test]
        fn the_cursor_moves_offsets_as_forward_does(text in "[ab\u{a0}\u{2003} \t\n’.]{0,40}") {
            let spaced = OneSpaced::new(&text);
            let mut cursor = spaced.forward_cursor();
            for (at, c) in text.char_indices().filter(|(_, c)| !c.is_whitespace()) {
                let moved = cursor.at(at);
                proptest::prop_assert_eq!(moved, spaced.forward(at));
                proptest::prop_assert_eq!(spaced.text[moved..].chars().next(), Some(c));
            }
        }
    }

    #[test]
    fn only_whitespace_other_than_a_lone_space_needs_the_copy() {
        let by_char = |t: &str| {
            let mut chars = t.chars().peekable();
            std::iter::from_fn(|| chars.next().map(|c| (c, chars.peek().copied())))
                .any(|(c, next)| c.is_whitespace() && (c != ' ' || next == Some(' ')))
        };
        let texts = [
            "“said” — a ‘b’ … «c» d",
            "a  b",
            "a\tb",
            "a\u{b}b",
            "a\u{c}b",
            "a\u{a0}b",
            "a\u{2009}b",
            "a\u{3000}b",
            "a\u{1680}b",
            "a\u{85}b",
            "é ü ½ ™",
            "",
            " ",
            "end ",
            "a\u{2028}",
        ];
        for t in texts {
            assert_eq!(needs_copy(t), by_char(t), "{t:?}");
        }
    }

    /// Whitespace other than a lone ASCII space, char by char: the reference.
    fn by_char(t: &str) -> bool {
        let mut chars = t.chars().peekable();
        std::iter::from_fn(|| chars.next().map(|c| (c, chars.peek().copied())))
            .any(|(c, next)| c.is_whitespace() && (c != ' ' || next == Some(' ')))
    }

    /// Characters that share lead bytes with the wide spaces, the wide
    /// spaces themselves, and the ASCII ones.
    const PIECES: &[&str] = &[
        "a", "Z", "é", " ", "  ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{85}", "\u{a0}", "\u{a9}", "\u{1680}",
        "\u{1e9e}", "\u{2000}", "\u{200a}", "\u{200b}", "\u{2019}", "\u{201c}", "\u{2014}", "\u{2028}",
        "\u{2029}", "\u{202f}", "\u{205f}", "\u{3000}", "\u{3001}", "\u{ff0c}", "word", "said ",
    ];

    proptest::proptest! {
        #[test]
        fn the_short_and_long_tests_agree_with_the_char_test(
            picks in proptest::collection::vec(0..PIECES.len(), 0..90),
        ) {
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            let expected = by_char(&text);
            proptest::prop_assert_eq!(needs_copy_short(&text), expected, "{:?}", text);
            proptest::prop_assert_eq!(needs_copy_long(&text), expected, "{:?}", text);
            proptest::prop_assert_eq!(needs_copy(&text), expected, "{:?}", text);
        }
    }

    proptest::proptest! {
        /// Eight bytes at a time, the answer is that of each byte tested,
        /// wherever the spaces and other bytes fall across the chunks.
        #[test]
        fn eight_bytes_at_a_time_answer_as_each_byte(
            picks in proptest::collection::vec(0..PIECES.len(), 0..40),
            skip in 0usize..8,
        ) {
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            let text = text.get(skip..).unwrap_or(&text);
            proptest::prop_assert_eq!(needs_copy_short(text), needs_copy_bytewise(text), "{:?}", text);
        }

        /// Words and single spaces only, with an extra space or control
        /// byte anywhere: every place across a chunk's seam is tried.
        #[test]
        fn a_run_is_seen_at_any_place(len in 0usize..40, at in 0usize..40, extra in 0usize..4) {
            let mut text: Vec<u8> = (0..len).map(|i| if i % 3 == 2 { b' ' } else { b'a' + (i % 26) as u8 }).collect();
            let at = at.min(text.len());
            text.insert(at, [b' ', b'\n', 0x1f, b'~'][extra]);
            let text = String::from_utf8(text).expect("ASCII");
            proptest::prop_assert_eq!(needs_copy_short(&text), needs_copy_bytewise(&text), "{:?}", text);
            proptest::prop_assert_eq!(needs_copy_short(&text), by_char(&text), "{:?}", text);
        }
    }

    #[test]
    fn texts_either_side_of_the_short_limit_are_tested_alike() {
        for len in [SHORT - 1, SHORT, SHORT + 1] {
            for tail in ["", " ", "  ", "\u{a0}", "\u{2019}", "\n"] {
                let text = format!("{}{tail}", "a ".repeat(len / 2));
                let text = text.get(text.len().saturating_sub(len)..).unwrap_or(&text).to_string();
                assert_eq!(needs_copy(&text), by_char(&text), "{text:?}");
                assert_eq!(needs_copy_short(&text), needs_copy_long(&text), "{text:?}");
            }
        }
    }

    /// The copy and the origin of each of its bytes (and of its end), char
    /// by char: the table `OneSpaced` kept before [`Shifts`], the reference.
    fn by_char_origins(text: &str) -> (String, Vec<usize>) {
        let mut copy = String::new();
        let mut origin = Vec::new();
        let mut in_space = false;
        for (at, c) in text.char_indices() {
            if c.is_whitespace() {
                if !in_space {
                    copy.push(' ');
                    origin.push(at);
                }
                in_space = true;
                continue;
            }
            in_space = false;
            copy.push(c);
            origin.extend(at..at + c.len_utf8());
        }
        origin.push(text.len());
        (copy, origin)
    }

    proptest::proptest! {
        #[test]
        fn shifts_map_back_and_forward_as_the_table_of_origins(
            picks in proptest::collection::vec(0..PIECES.len(), 0..60),
        ) {
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            let s = OneSpaced::new(&text);
            let (copy, origin) = by_char_origins(&text);
            proptest::prop_assert_eq!(&s.text, &copy);
            // an uncopied text maps offsets to themselves, as it always did
            proptest::prop_assume!(matches!(s.text, Cow::Owned(_)));
            let at = |i: usize| origin.get(i).copied().unwrap_or(text.len());
            for start in 0..=copy.len() + 1 {
                for end in start..=copy.len() + 1 {
                    let old_end = if end > start { at(end - 1) + 1 } else { at(start) };
                    proptest::prop_assert_eq!(s.back(start..end), at(start)..old_end, "{:?}", text);
                }
            }
            for offset in 0..=text.len() + 1 {
                let old = origin.partition_point(|&o| o < offset);
                proptest::prop_assert_eq!(s.forward(offset), old, "{:?} at {}", text, offset);
            }
        }
    }

    #[test]
    fn single_spaced_text_is_not_copied() {
        let s = OneSpaced::new("told reporters on Monday");
        assert!(matches!(s.text, Cow::Borrowed(_)));
        assert_eq!(s.back(5..14), 5..14);
        assert_eq!(s.forward(7), 7);
    }

    #[test]
    fn runs_of_whitespace_become_one_space_and_map_back() {
        let text = "said in a\n   statement,\u{a0}\u{a0}Roe";
        let s = OneSpaced::new(text);
        assert_eq!(s.text, "said in a statement, Roe");
        let found = s.text.find("in a statement").unwrap();
        let back = s.back(found..found + "in a statement".len());
        assert_eq!(&text[back], "in a\n   statement");
        let roe = s.text.find("Roe").unwrap();
        assert_eq!(&text[s.back(roe..roe + 3)], "Roe");
        assert_eq!(s.forward(text.find("statement").unwrap()), s.text.find("statement").unwrap());
    }

    #[test]
    fn multi_byte_characters_keep_their_boundaries() {
        let text = "a\r\n« Élysée »";
        let s = OneSpaced::new(text);
        assert_eq!(s.text, "a « Élysée »");
        let e = s.text.find("Élysée").unwrap();
        assert_eq!(&text[s.back(e..e + "Élysée".len())], "Élysée");
        assert_eq!(s.back(0..0), 0..0);
    }
}
