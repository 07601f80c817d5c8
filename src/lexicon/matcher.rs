//! Aho-Corasick matching on word boundaries, with a fall back to shorter
//! patterns when the longest one at a position is refused.

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use std::ops::Range;

pub struct Matcher {
    ac: AhoCorasick,
}

impl Matcher {
    pub fn new<P: AsRef<[u8]>>(patterns: &[P], case_insensitive: bool) -> Result<Self, String> {
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(case_insensitive)
            // Anchored searches serve `at` and the shorter-pattern fall back.
            .start_kind(StartKind::Both)
            // The phrase lists expand to thousands of patterns; a DFA would
            // search little faster here but take tens of milliseconds to build.
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(patterns)
            .map_err(|e| e.to_string())?;
        Ok(Matcher { ac })
    }

    /// Every non-overlapping match, left to right, that `accept` takes.
    /// `accept` gets the matched bytes and pattern index and returns the
    /// full range of the find (which may reach beyond the pattern) and a value.
    pub fn scan<T, F>(&self, text: &str, mut accept: F) -> Vec<(Range<usize>, T)>
    where
        F: FnMut(Range<usize>, usize) -> Option<(Range<usize>, T)>,
    {
        let mut out: Vec<(Range<usize>, T)> = Vec::new();
        let mut pos = 0;
        while pos < text.len() {
            let Some(m) = self.ac.find(Input::new(text).range(pos..)) else { break };
            let found = self.longest_accepted(text, m.start(), m.end(), m.pattern().as_usize(), &mut accept);
            pos = m.start() + 1;
            let Some((range, value)) = found else { continue };
            if out.last().is_none_or(|(last, _)| last.end <= range.start) {
                pos = pos.max(range.end);
                out.push((range, value));
            }
        }
        out
    }

    /// The longest accepted match starting exactly at `start`.
    pub fn at<T, F>(&self, text: &str, start: usize, mut accept: F) -> Option<(Range<usize>, T)>
    where
        F: FnMut(Range<usize>, usize) -> Option<(Range<usize>, T)>,
    {
        let input = Input::new(text).range(start..).anchored(Anchored::Yes);
        let m = self.ac.find(input)?;
        self.longest_accepted(text, m.start(), m.end(), m.pattern().as_usize(), &mut accept)
    }

    fn longest_accepted<T, F>(
        &self,
        text: &str,
        start: usize,
        mut end: usize,
        mut pattern: usize,
        accept: &mut F,
    ) -> Option<(Range<usize>, T)>
    where
        F: FnMut(Range<usize>, usize) -> Option<(Range<usize>, T)>,
    {
        loop {
            if on_word_boundaries(text, start..end) {
                if let Some(found) = accept(start..end, pattern) {
                    return Some(found);
                }
            }
            let shorter = Input::new(text).range(start..end.checked_sub(1)?).anchored(Anchored::Yes);
            let m = self.ac.find(shorter)?;
            (end, pattern) = (m.end(), m.pattern().as_usize());
        }
    }
}

/// A match must not start or end inside a word: "AP" is not in "MAP" or
/// "APPLE". An edge that is itself punctuation ("'s") needs no boundary.
pub fn on_word_boundaries(text: &str, range: Range<usize>) -> bool {
    let Some(inner) = text.get(range.clone()) else { return false };
    let before = text.get(..range.start).and_then(|s| s.chars().next_back());
    let after = text.get(range.end..).and_then(|s| s.chars().next());
    let joins =
        |edge: Option<char>, next: Option<char>| edge.is_some_and(is_word_char) && next.is_some_and(is_word_char);
    !joins(inner.chars().next(), before) && !joins(inner.chars().next_back(), after)
}

pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_refuse_matches_inside_words() {
        let m = Matcher::new(&["AP"], false).unwrap();
        let found = m.scan("APPLE and a map, then AP's story (AP)", |r, _| Some((r, ())));
        let ranges: Vec<_> = found.into_iter().map(|(r, _)| r).collect();
        assert_eq!(ranges, [22..24, 34..36]);
    }

    #[test]
    fn refused_longest_match_falls_back_to_shorter() {
        let m = Matcher::new(&["in an interview", "in an interview with"], true).unwrap();
        let text = "she said In an interview with her lawyer";
        // pretend the longer (slot) pattern needs something that is not there
        let found = m.scan(text, |r, p| (p == 0).then_some((r, p)));
        assert_eq!(found, [(9..24, 0)]);
    }

    #[test]
    fn multibyte_text_does_not_panic() {
        let m = Matcher::new(&["said"], true).unwrap();
        let found = m.scan("«Ça» — said é", |r, _| Some((r, ())));
        assert_eq!(found.len(), 1);
        assert!(m.at("é said", 1, |r, _| Some((r, ()))).is_none());
    }
}
