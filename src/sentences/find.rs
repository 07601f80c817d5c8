//! The splitter's searches for the next sentence stop or quotation mark,
//! with `memchr`: a paragraph is read many bytes at a time, where a loop
//! testing every byte was a third of splitting it.

/// The characters one search looks for: three ASCII ones, and the others
/// `wanted` takes, whose UTF-8 must start with 0xC2 or 0xE2 (true of every
/// mark the splitter looks for: `…`, curly quotes, guillemets).
#[derive(Clone, Copy)]
pub(super) struct Chars {
    /// Every ASCII character `wanted` takes.
    pub ascii: [u8; 3],
    pub wanted: fn(char) -> bool,
}

/// Searches one text for [`Chars`]. The next ASCII one is remembered: in a
/// paragraph without any (curly quotes only) each search would otherwise
/// read on to its end.
pub(super) struct Finder<'t> {
    text: &'t str,
    chars: Chars,
    /// `(from, at)`: the first ASCII character sought at or after `from` is
    /// at `at` (the text's length if none is).
    ascii: Option<(usize, usize)>,
}

impl<'t> Finder<'t> {
    pub(super) fn new(text: &'t str, chars: Chars) -> Self {
        Finder { text, chars, ascii: None }
    }

    /// Where the first character sought at or after byte `from` (a
    /// character boundary) starts: `text[from..].find(wanted)` as an offset
    /// of the text.
    pub(super) fn find(&mut self, from: usize) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let rest = bytes.get(from..)?;
        let ascii = match self.ascii {
            Some((start, at)) if start <= from && from <= at => at,
            _ => {
                let [a, b, c] = self.chars.ascii;
                let at = memchr::memchr3(a, b, c, rest).map_or(bytes.len(), |i| from + i);
                self.ascii = Some((from, at));
                at
            }
        };
        // a wider character sought before it
        let before = bytes.get(from..ascii).unwrap_or_default();
        for i in memchr::memchr2_iter(0xc2, 0xe2, before) {
            let c = self.text.get(from + i..).and_then(|s| s.chars().next());
            if c.is_some_and(self.chars.wanted) {
                return Some(from + i);
            }
        }
        (ascii < bytes.len()).then_some(ascii)
    }
}

#[cfg(test)]
mod tests {
    use super::super::{QUOTE_CHARS, TERMINALS};
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_ascii_bytes_are_the_ascii_characters_sought() {
        for chars in [TERMINALS, QUOTE_CHARS] {
            for b in 0..128u8 {
                assert_eq!((chars.wanted)(char::from(b)), chars.ascii.contains(&b), "{b}");
            }
        }
    }

    fn finds_what_str_find_finds(text: &str) -> Result<(), TestCaseError> {
        for chars in [TERMINALS, QUOTE_CHARS] {
            // one finder for every search from a growing offset, as the splitter searches
            let mut finder = Finder::new(text, chars);
            for (from, _) in text.char_indices() {
                let by_str = text[from..].find(chars.wanted).map(|at| from + at);
                prop_assert_eq!(finder.find(from), by_str, "from {}", from);
                prop_assert_eq!(Finder::new(text, chars).find(from), by_str, "from {}", from);
            }
            prop_assert_eq!(finder.find(text.len()), None);
        }
        Ok(())
    }

    #[test]
    fn the_byte_search_finds_what_str_find_finds() {
        let text = "Sen. «Ja» — „no“ … ’tis “so”, a ‘b’ ½ é? ok! `x` 'y' \"z\"…";
        finds_what_str_find_finds(text).unwrap();
    }

    proptest! {
        #[test]
        fn searches_from_growing_offsets_find_what_str_find_finds(
            text in crate::tokens::drafts_of("a|bc|.|?|!|…|“|”|„|«|»|‘|’|\"|'|`|—|½|é| ", 50)
        ) {
            finds_what_str_find_finds(&text)?;
        }
    }
}
