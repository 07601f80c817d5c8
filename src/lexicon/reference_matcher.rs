//! The Aho-Corasick matcher the lexicon used before `WordMatcher`, kept
//! (for tests only) as the reference the word-indexed matcher must agree with.

use super::matcher::{on_word_boundaries, Scan};
use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use std::ops::Range;

/// The Aho-Corasick matcher the lexicon used before `WordMatcher`, kept as
/// the reference the tests compare it with.
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

/// The old matcher is the reference the phrase matcher is tested against.
impl Scan for Matcher {
    fn scan<T, F>(&self, text: &str, accept: F) -> Vec<(Range<usize>, T)>
    where
        F: FnMut(Range<usize>, usize) -> Option<(Range<usize>, T)>,
    {
        Matcher::scan(self, text, accept)
    }

    fn at<T, F>(&self, text: &str, start: usize, accept: F) -> Option<(Range<usize>, T)>
    where
        F: FnMut(Range<usize>, usize) -> Option<(Range<usize>, T)>,
    {
        Matcher::at(self, text, start, accept)
    }
}
