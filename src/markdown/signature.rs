//! Signature lines: the name that ends a quotation on the web, after a dash
//! on a line of its own (`— Jane Doe`, `- [@handle](url)`) or after the
//! closing mark on the quote's line (`“…” — Priya Nair, Tidewater Gazette`).

use std::ops::Range;

const DASHES: &[&str] = &["—", "–", "―", "--", "-", "~"];

/// Most words a signature holds (a name, a title, an outlet).
const MAX_WORDS: usize = 12;

/// The byte range of the name in a signature ending `text`, if it ends with one.
pub fn find(text: &str) -> Option<Range<usize>> {
    let end = text.trim_end().len();
    // every block's last line is found, and most blocks are one line:
    // memchr's backward search reads a vector at a time, `rfind` a word
    let line_start = memchr::memrchr(b'\n', text.get(..end)?.as_bytes()).map_or(0, |i| i + 1);
    let line = text.get(line_start..end)?;
    let lead = line.len() - line.trim_start().len();
    if let Some(name) = after_dash(line.get(lead..)?) {
        return Some(line_start + lead + name.start..line_start + lead + name.end);
    }
    // “…” — Name: after the last closing mark of the line
    let (close, mark) = last_closing_mark(line)?;
    let after_mark = close + mark.len_utf8();
    let after = line.get(after_mark..)?;
    let gap = after.len() - after.trim_start().len();
    if gap == 0 {
        return None; // a dash straight after the mark is punctuation of the sentence
    }
    let name = after_dash(after.get(gap..)?)?;
    let base = line_start + after_mark + gap;
    Some(base + name.start..base + name.end)
}

/// The last closing mark of `line` (” " » ’) and where it starts. Asked of
/// the last line of every block, most of them whole paragraphs without a
/// mark near their end: the marks' last bytes (" 0x9D 0xBB, and 0x99) are
/// found by two vectorised searches back from the end, and a character is
/// decoded only where one of them is.
fn last_closing_mark(line: &str) -> Option<(usize, char)> {
    let bytes = line.as_bytes();
    let mut three = memchr::memrchr3(b'"', 0x9D, 0xBB, bytes);
    let mut apostrophe = memchr::memrchr(0x99, bytes);
    loop {
        // the later of the two hits (None is less than any)
        let i = three.max(apostrophe)?;
        let c = line.get(..i + 1).and_then(|s| s.chars().next_back());
        if let Some(c) = c.filter(|&c| is_closing_mark(c)) {
            return Some((i + 1 - c.len_utf8(), c));
        }
        // a byte of another character: the search that found it goes on below it
        let below = bytes.get(..i)?;
        if three == Some(i) {
            three = memchr::memrchr3(b'"', 0x9D, 0xBB, below);
        } else {
            apostrophe = memchr::memrchr(0x99, below);
        }
    }
}

fn is_closing_mark(c: char) -> bool {
    matches!(c, '”' | '"' | '»' | '’')
}

/// `— Name…` at the start of `s`: the range of the name.
fn after_dash(s: &str) -> Option<Range<usize>> {
    let dash = DASHES.iter().find(|d| s.starts_with(**d))?;
    let rest = s.get(dash.len()..)?;
    let gap = rest.len() - rest.trim_start().len();
    // "-5 %" or "--flag" is not a signature; a hyphen needs a space after it
    if gap == 0 && (dash.starts_with('-') || *dash == "~") {
        return None;
    }
    let name = rest.trim_start();
    let first = name.chars().next()?;
    if !(first.is_uppercase() || first == '@') {
        return None;
    }
    let words = name.split_whitespace().count();
    // a sentence, not a name: too long, or a full stop inside it
    let inner = name.trim_end_matches(['.', ' ']);
    if words > MAX_WORDS || inner.contains(". ") || name.contains(['“', '"', '”']) {
        return None;
    }
    let start = dash.len() + gap;
    Some(start..start + name.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The marks, and chars whose bytes include the marks' last bytes (❝ 𝄞 ™ ». ř Ż).
        #[test]
        fn the_last_mark_read_by_bytes_is_the_last_by_chars(line in "[\"”»’“‘ a—…❝é𝄞™«řŻ]{0,40}") {
            let by_chars = line.char_indices().rev().find(|&(_, c)| is_closing_mark(c));
            proptest::prop_assert_eq!(last_closing_mark(&line), by_chars);
        }
    }

    fn name(text: &str) -> Option<&str> {
        find(text).and_then(|r| text.get(r))
    }

    #[test]
    fn signature_lines() {
        assert_eq!(name("— Friends of Riverside Library"), Some("Friends of Riverside Library"));
        assert_eq!(name("Quote text.\n—Jane Doe"), Some("Jane Doe"));
        assert_eq!(name("\"Best week.\" - @sam"), Some("@sam"));
        assert_eq!(name("“I filed 61.” — Priya Nair, Tidewater Gazette"), Some("Priya Nair, Tidewater Gazette"));
        assert_eq!(
            name("— Friends of Riverside (@sav) March 4, 2025"),
            Some("Friends of Riverside (@sav) March 4, 2025")
        );
    }

    #[test]
    fn not_signatures() {
        for text in [
            "It rose 5 %\n-5 % later",
            "the plan\n— which the council approved — was final.",
            "“Q,” she said — and left.",
            "A line.\n— He said it twice. Then he left the room.",
            "“Q”—Jane",
            "No dash here",
        ] {
            assert_eq!(name(text), None, "{text}");
        }
    }
}
