//! Matching many patterns on word boundaries, with a fall back to shorter
//! patterns when the longest one at a position is refused.
//!
//! [`WordMatcher`] indexes the patterns by first word over a sorted array:
//! building it takes a sort, where an Aho-Corasick automaton over the
//! thousands of expanded phrases took tens of milliseconds. The automaton it
//! replaced stays, in `reference_matcher`, as what the tests compare it with.

use super::hashing::{filter_bit, filter_bit_of_key, FastHash, FILTER_WORDS};
use super::word_map::WordMap;
use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::ops::Range;

/// Pattern scanning on word boundaries.
pub trait Scan {
    /// Every non-overlapping match, left to right, that `accept` takes.
    /// `accept` gets the matched range and pattern index and returns the
    /// full range of the find (which may reach beyond the pattern) and a value.
    fn scan<T, F>(&self, text: &str, accept: F) -> Vec<(Range<usize>, T)>
    where
        F: FnMut(Range<usize>, usize) -> Option<(Range<usize>, T)>;

    /// The first `max` matches of [`Scan::scan`] (a later match never
    /// changes an earlier one): a scanner may stop reading after them.
    fn scan_up_to<T, F>(&self, text: &str, max: usize, accept: F) -> Vec<(Range<usize>, T)>
    where
        F: FnMut(Range<usize>, usize) -> Option<(Range<usize>, T)>,
    {
        let mut found = self.scan(text, accept);
        found.truncate(max);
        found
    }

    /// The longest accepted match starting exactly at `start` (a character boundary).
    fn at<T, F>(&self, text: &str, start: usize, accept: F) -> Option<(Range<usize>, T)>
    where
        F: FnMut(Range<usize>, usize) -> Option<(Range<usize>, T)>;
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
    super::chars::is_alphanumeric(c) || c == '_'
}

/// ASCII-case-insensitive patterns indexed by their first word.
///
/// A pattern that starts with a word character can only pass the boundary
/// check where a word starts, and then only if its first word (the run of
/// word characters it begins with) is that whole word: so each text word is
/// looked up once, and only the patterns beginning with it are tried. Those
/// are sorted, so the longest one written at a position is found by binary
/// search rather than by comparing them all. Patterns that start with another
/// character ("'s") are tried at every such character. Matches are what an
/// ASCII-case-insensitive leftmost-longest Aho-Corasick automaton finds
/// (`reference_matcher`, which the tests compare it with).
#[derive(PartialEq)]
pub struct WordMatcher {
    /// The patterns, ASCII-lowercased, back to back.
    pub(super) bytes: Cow<'static, [u8]>,
    /// The patterns grouped by first word, each group sorted by bytes.
    pub(super) sorted: Cow<'static, [Pattern]>,
    /// First word (lowercased) → its group in `sorted`.
    pub(super) groups: WordMap<Range<u32>>,
    /// The group of patterns that start with a character that is not a word character.
    pub(super) loose: Range<u32>,
    /// The longest first word, in bytes: longer words in the text match nothing.
    pub(super) longest_word: usize,
    /// The longest pattern, in bytes.
    pub(super) longest: usize,
    /// A one-hash Bloom filter of the first words, over their length and
    /// first, second and last bytes: it rules out most words of a text
    /// before they are copied and hashed.
    pub(super) filter: [u64; FILTER_WORDS],
    /// Whether ASCII case is ignored.
    pub(super) fold: bool,
    /// Whether every pattern starts with a letter: then a match can only
    /// start where a run of letters is, and [`WordMatcher::word_starts`]
    /// finds where from the draft's words (see [`lettered`]).
    pub(super) lettered: bool,
    /// For each pattern of `sorted`, the longest other pattern of its group
    /// that it starts with (its index in `sorted`), or [`NO_PARENT`].
    pub(super) parents: Cow<'static, [u32]>,
}

/// See [`WordMatcher::parents`].
pub(super) const NO_PARENT: u32 = u32::MAX;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Pattern {
    /// [`sort_key`] of what follows the first word.
    pub(super) key: u64,
    pub(super) start: u32,
    pub(super) len: u32,
    /// Length of the first word.
    pub(super) word: u32,
    /// Index in the list given to [`WordMatcher::new`].
    pub(super) id: u32,
}

impl WordMatcher {
    /// Indexes `patterns`, ignoring ASCII case when `fold` is set; empty
    /// ones can never match and are left out. When two are the same (case
    /// aside if folded), the first is reported.
    pub fn new<P: AsRef<str>>(patterns: &[P], fold: bool) -> Result<Self, String> {
        let total: usize = patterns.iter().map(|p| p.as_ref().len()).sum();
        let too_big = || "the patterns are too long to index".to_string();
        u32::try_from(total).map_err(|_| too_big())?;
        u32::try_from(patterns.len()).map_err(|_| too_big())?;
        // Lengths and indices fit in u32: they are at most `total` or `patterns.len()`.
        let small = |n: usize| n as u32;
        let mut bytes = Vec::with_capacity(total);
        let mut all = Vec::with_capacity(patterns.len());
        for (id, pattern) in patterns.iter().enumerate() {
            let pattern = pattern.as_ref();
            if pattern.is_empty() {
                continue;
            }
            let word = pattern.char_indices().find(|&(_, c)| !is_word_char(c)).map_or(pattern.len(), |(i, _)| i);
            let start = bytes.len();
            bytes.extend(pattern.bytes().map(|b| if fold { b.to_ascii_lowercase() } else { b }));
            let key = sort_key(bytes.get(start + word..).unwrap_or_default());
            all.push(Pattern {
                key,
                start: small(start),
                len: small(pattern.len()),
                word: small(word),
                id: small(id),
            });
        }
        let text = |p: &Pattern| bytes.get(p.start as usize..(p.start + p.len) as usize).unwrap_or_default();
        let word = |p: &Pattern| bytes.get(p.start as usize..(p.start + p.word) as usize).unwrap_or_default();
        // Number the first words, then sort the patterns by first word (counting).
        let mut groups: HashMap<Cow<'static, [u8]>, Range<u32>, FastHash> = HashMap::default();
        let mut group_of = Vec::with_capacity(all.len());
        let mut sizes: Vec<u32> = Vec::new();
        for p in &all {
            let next = small(sizes.len());
            let group = match groups.get(word(p)) {
                Some(g) => g.start,
                None => {
                    groups.insert(Cow::Owned(word(p).to_vec()), next..next);
                    sizes.push(0);
                    next
                }
            };
            if let Some(n) = sizes.get_mut(group as usize) {
                *n += 1;
            }
            group_of.push(group);
        }
        let mut starts = Vec::with_capacity(sizes.len() + 1);
        starts.push(0);
        for n in &sizes {
            starts.push(starts.last().copied().unwrap_or(0) + n);
        }
        let mut sorted = all.clone();
        let mut fill = starts.clone();
        for (p, &group) in all.iter().zip(&group_of) {
            if let Some(at) = fill.get_mut(group as usize) {
                if let Some(place) = sorted.get_mut(*at as usize) {
                    *place = *p;
                }
                *at += 1;
            }
        }
        // Each group sorted by bytes (all share the first word, so the key
        // of what follows it decides unless equal), duplicates dropped.
        let mut deduped = Vec::with_capacity(sorted.len());
        let mut ranges = Vec::with_capacity(sizes.len());
        for group in starts.windows(2) {
            let Some(patterns) = sorted.get_mut(group[0] as usize..group[1] as usize) else { continue };
            patterns.sort_unstable_by(|a, b| {
                a.key.cmp(&b.key).then_with(|| text(a).cmp(text(b))).then(a.id.cmp(&b.id))
            });
            let first = deduped.len();
            for p in patterns.iter() {
                if deduped.last().is_none_or(|last| deduped.len() == first || text(last) != text(p)) {
                    deduped.push(*p);
                }
            }
            ranges.push(small(first)..small(deduped.len()));
        }
        let mut loose = 0..0;
        let mut longest_word = 0;
        let mut filter = [0u64; FILTER_WORDS];
        groups.retain(|first_word, group| {
            *group = ranges.get(group.start as usize).cloned().unwrap_or(0..0);
            if first_word.is_empty() {
                loose = group.clone();
                return false;
            }
            longest_word = longest_word.max(first_word.len());
            let (i, bit) = filter_bit(first_word);
            if let Some(w) = filter.get_mut(i) {
                *w |= bit;
            }
            true
        });
        let longest = deduped.iter().map(|p| p.len as usize).max().unwrap_or(0);
        let lettered = lettered(&bytes, &deduped);
        let parents = prefix_parents(&bytes, &deduped, &ranges);
        Ok(WordMatcher {
            bytes: Cow::Owned(bytes),
            sorted: Cow::Owned(deduped),
            groups: WordMap::build(groups),
            loose,
            longest_word,
            longest,
            filter,
            fold,
            lettered,
            parents: Cow::Owned(parents),
        })
    }

    /// Every pattern, as held (ASCII-lowered if folded).
    pub(super) fn patterns(&self) -> impl Iterator<Item = &[u8]> {
        self.sorted.iter().map(|p| self.pattern(p))
    }

    fn pattern(&self, p: &Pattern) -> &[u8] {
        self.bytes.get(p.start as usize..(p.start + p.len) as usize).unwrap_or_default()
    }

    fn group(&self, range: &Range<u32>) -> &[Pattern] {
        self.sorted.get(range.start as usize..range.end as usize).unwrap_or_default()
    }

    /// Whether `word` may be the first word of a pattern (no false negatives).
    fn may_start(&self, word: &[u8]) -> bool {
        let (i, bit) = filter_bit(word);
        word.len() <= self.longest_word && self.filter.get(i).is_some_and(|w| w & bit != 0)
    }

    /// Whether some pattern starts with `word` (which passed
    /// [`WordMatcher::may_start`], a filter with false positives: "said"
    /// passes it for the vague phrases, and each quotation signed "said"
    /// asked for a copy of the words before it).
    fn starts_group(&self, word: &[u8]) -> bool {
        self.group_of(word).is_some()
    }

    /// The longest pattern of `group` (a range of `sorted`) that `text`
    /// (as written, starting with the group's first word, `word` bytes
    /// long) begins with, case aside if folded: its length and index. The
    /// text is compared lowered byte by byte where it is read, not copied
    /// lowered first: a copy as long as the longest pattern of all (an
    /// outlet's phrase, for the channel phrases) at every start cost more
    /// than the search.
    fn longest_prefix(&self, group: &Range<u32>, text: &[u8], word: usize) -> Option<(usize, usize)> {
        let key = self.folded_key(text.get(word..)?);
        // The greatest pattern not above `text`. The longest pattern that
        // `text` begins with, if any, is a prefix of it: every string
        // sorting between a prefix of `text` and `text` starts with it.
        let below = self.group(group).partition_point(|p| {
            p.key < key || p.key == key && self.cmp_folded(self.pattern(p), text) != Ordering::Greater
        });
        let mut at = group.start as usize + below.checked_sub(1)?;
        let pattern = self.pattern(self.sorted.get(at)?);
        let common = pattern.iter().zip(text).take_while(|&(&a, &b)| a == self.fold_byte(b)).count();
        // So it is the longest of the patterns that one starts with (itself
        // included) that `text` starts with too: the first no longer than
        // what the two have in common. Searching again for the longest
        // pattern `text` cut there begins with found the same, a search
        // for each pattern tried ("in the", "in t", "in ") at most starts.
        loop {
            let p = self.sorted.get(at)?;
            if p.len as usize <= common {
                return Some((p.len as usize, p.id as usize));
            }
            at = *self.parents.get(at)? as usize;
        }
    }

    /// `b` as the patterns hold it: ASCII-lowered when case is ignored.
    #[inline]
    fn fold_byte(&self, b: u8) -> u8 {
        match self.fold {
            true => b.to_ascii_lowercase(),
            false => b,
        }
    }

    /// [`sort_key`] of `bytes` as the patterns hold them.
    #[inline]
    fn folded_key(&self, bytes: &[u8]) -> u64 {
        let mut head = [0u8; 8];
        let n = bytes.len().min(8);
        if let (Some(to), Some(from)) = (head.get_mut(..n), bytes.get(..n)) {
            to.copy_from_slice(from);
        }
        if self.fold {
            head.make_ascii_lowercase();
        }
        u64::from_be_bytes(head)
    }

    /// `pattern` against `text` as the patterns hold it, in byte order.
    #[inline]
    fn cmp_folded(&self, pattern: &[u8], text: &[u8]) -> Ordering {
        for (&a, &b) in pattern.iter().zip(text) {
            let b = self.fold_byte(b);
            if a != b {
                return a.cmp(&b);
            }
        }
        pattern.len().cmp(&text.len())
    }

    /// The longest accepted match starting exactly at `start`, trying the
    /// patterns of `group`; `rest` is the text from `start` on.
    fn longest_accepted<T, F>(
        &self,
        text: &str,
        start: usize,
        rest: &[u8],
        (group, word): (&Range<u32>, usize),
        accept: &mut F,
    ) -> Option<(Range<usize>, T)>
    where
        F: FnMut(Range<usize>, usize) -> Option<(Range<usize>, T)>,
    {
        let mut rest = rest;
        loop {
            let (len, pattern) = self.longest_prefix(group, rest, word)?;
            let end = start + len;
            if on_word_boundaries(text, start..end) {
                if let Some(found) = accept(start..end, pattern) {
                    return Some(found);
                }
            }
            rest = rest.get(..len.checked_sub(1)?)?;
        }
    }
}

impl WordMatcher {
    /// The longest accepted match starting exactly at `start`, which must
    /// be a character boundary.
    pub fn at<T, F>(&self, text: &str, start: usize, mut accept: F) -> Option<(Range<usize>, T)>
    where
        F: FnMut(Range<usize>, usize) -> Option<(Range<usize>, T)>,
    {
        let word = first_word(text, start)?;
        self.try_at(text, start, word, &mut accept)
    }

    /// Whether [`WordMatcher::at`] may find a match at `start`, judged by
    /// its first word alone (no false negatives): ruling a start out costs
    /// a hash, where matching reads and lowers the text after it.
    pub fn may_match_at(&self, text: &str, start: usize) -> bool {
        match first_word(text, start) {
            Some(Some(word)) => self.may_start(word) && self.starts_group(word),
            Some(None) => !self.loose.is_empty(),
            None => false,
        }
    }

    /// [`WordMatcher::longest_accepted`] at `start`, where `word` starts or
    /// (when `None`) a character that is not a word character.
    fn try_at<T, F>(
        &self,
        text: &str,
        start: usize,
        word: Option<&[u8]>,
        accept: &mut F,
    ) -> Option<(Range<usize>, T)>
    where
        F: FnMut(Range<usize>, usize) -> Option<(Range<usize>, T)>,
    {
        // the word's group is found before the text after it is read: a
        // word that passes the filter but starts no pattern costs a lookup
        let group = match word {
            Some(word) if !self.may_start(word) => return None,
            Some(word) => (self.group_of(word)?, word.len()),
            None if self.loose.is_empty() => return None,
            None => (self.loose.clone(), 0),
        };
        self.try_group(text, start, group, accept)
    }

    /// [`WordMatcher::try_at`] of a start whose group of patterns (and the
    /// length of the first word they share) is known.
    fn try_group<T, F>(
        &self,
        text: &str,
        start: usize,
        (group, word): (Range<u32>, usize),
        accept: &mut F,
    ) -> Option<(Range<usize>, T)>
    where
        F: FnMut(Range<usize>, usize) -> Option<(Range<usize>, T)>,
    {
        let rest = text.as_bytes().get(start..).unwrap_or_default();
        self.longest_accepted(text, start, rest, (&group, word), accept)
    }

    /// The group of patterns whose first word is `word` (lowered here when
    /// the patterns are), if any.
    fn group_of(&self, word: &[u8]) -> Option<Range<u32>> {
        let mut buf = [0u8; 64];
        let Some(lowered) = buf.get_mut(..word.len()) else {
            let lowered: Vec<u8> =
                word.iter().map(|b| if self.fold { b.to_ascii_lowercase() } else { *b }).collect();
            return self.groups.get(&lowered[..]).cloned();
        };
        lowered.copy_from_slice(word);
        if self.fold {
            lowered.make_ascii_lowercase();
        }
        self.groups.get(&*lowered).cloned()
    }
}

/// A place where a pattern of a [`WordMatcher`] may match: the start of a
/// word that is the first word of some pattern, that word's length and its
/// group of patterns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordStart {
    pub at: usize,
    word: usize,
    group: Range<u32>,
}

impl WordStart {
    /// The same start at `at` (the same word, in a copy of the text).
    pub fn moved_to(self, at: usize) -> WordStart {
        WordStart { at, ..self }
    }
}

impl WordMatcher {
    /// Where in `text` a pattern may match, in order, found from `words`:
    /// ranges of `text`, in order and apart, that hold every letter of it
    /// (the draft's words, read once for all the rules). `None` when some
    /// pattern starts with other than a letter: only a scan of every
    /// character finds where those may match. Each word of the text is
    /// looked up as [`Scan::scan`] looks it up; the characters between
    /// them, most of a text's, are not read.
    pub fn word_starts(
        &self,
        text: &str,
        words: impl IntoIterator<Item = Range<usize>>,
    ) -> Option<Vec<WordStart>> {
        if !self.lettered {
            return None;
        }
        let bytes = text.as_bytes();
        let mut starts = Vec::new();
        for range in words {
            // most words are a few ASCII letters, judged from one number
            match self.may_start_letters(bytes, &range) {
                Some(None) => continue,
                Some(Some(lowered)) => {
                    if !word_char_before(text, range.start) {
                        if let Some(group) = self.lowered_group(bytes, range.clone(), lowered) {
                            starts.push(WordStart { at: range.start, word: range.len(), group });
                        }
                    }
                    continue;
                }
                None => {}
            }
            let Some(word) = bytes.get(range.clone()) else { continue };
            // most words are ASCII letters between characters that are no
            // word's: then the word is one of the scan's, ruled out (most
            // are) by the filter alone
            if ascii_letters(bytes, range.clone()) && !word_char_at(text, range.end) {
                if self.may_start(word) && !word_char_before(text, range.start) {
                    if let Some(group) = self.group_of(word) {
                        starts.push(WordStart { at: range.start, word: word.len(), group });
                    }
                }
                continue;
            }
            // every word character in `range` that follows no other starts a word of the scan
            let mut at = range.start;
            while at < range.end {
                let Some((is_word, len)) = char_at(text, at) else { break };
                if !is_word {
                    at += len;
                    continue;
                }
                let end = word_end(text, at + len);
                if let Some(word) = bytes.get(at..end).filter(|w| self.may_start(w) && !word_char_before(text, at))
                {
                    if let Some(group) = self.group_of(word) {
                        starts.push(WordStart { at, word: word.len(), group });
                    }
                }
                at = end;
            }
        }
        Some(starts)
    }

    /// What [`WordMatcher::word_starts`] asks of a word first, for a word
    /// of one to eight ASCII letters with no word character after it,
    /// answered from the eight bytes at its start in a few operations on
    /// one number, where the byte tests, the lowering of three bytes and
    /// the bounds checks were most of the cost of a rule that looks for
    /// phrases in every word of a draft: for such a word, `Some(None)` when
    /// it may not start a pattern and `Some(Some(lowered))` when it may,
    /// with its bytes ASCII-lowered in the low bytes of a number (zeros
    /// above), so that it is looked up without being lowered again; `None`
    /// (ask as before) when it is not such a word, or the text ends less
    /// than eight bytes after its start.
    #[inline]
    fn may_start_letters(&self, bytes: &[u8], range: &Range<usize>) -> Option<Option<u64>> {
        let len = range.end.checked_sub(range.start).filter(|n| (1..=8).contains(n))?;
        let eight: [u8; 8] = bytes.get(range.start..range.start.checked_add(8)?)?.try_into().ok()?;
        let word = u64::from_le_bytes(eight);
        // the word's bytes; the text's after it are not asked about
        let keep = u64::MAX >> (64 - 8 * len);
        if super::chars::not_ascii_letters(word) & keep != 0 {
            return None;
        }
        let lowered = word | (0x20 * super::chars::ONES);
        // a word character after it (or one that is not ASCII) makes the scan's word another
        match bytes.get(range.end) {
            Some(&b) if !b.is_ascii() || ASCII_WORD[usize::from(b)] => return None,
            _ => {}
        }
        // `filter_bit`'s key: the lowered first, second (none for one letter) and last bytes, and the length
        let lowered = lowered & keep;
        let last = lowered >> (8 * (len - 1)) & 0xff;
        let key = (lowered & 0xffff | last << 16) as u32 | (len as u32) << 24;
        let (i, bit) = filter_bit_of_key(key);
        let may = len <= self.longest_word && self.filter.get(i).is_some_and(|w| w & bit != 0);
        Some(may.then_some(lowered))
    }

    /// The group of the word at `range` of `bytes`, which
    /// [`WordMatcher::may_start_letters`] gave as `lowered`: the word
    /// lowered is at hand, looked up as it is, not copied and lowered again.
    #[inline]
    fn lowered_group(&self, bytes: &[u8], range: Range<usize>, lowered: u64) -> Option<Range<u32>> {
        let lowered = lowered.to_le_bytes();
        let word = match self.fold {
            true => lowered.get(..range.len()),
            false => bytes.get(range),
        };
        word.and_then(|w| self.groups.get(w)).cloned()
    }

    /// [`Scan::scan`] of `text`, trying only at `starts` (those
    /// [`WordMatcher::word_starts`] found, moved to `text` if it is a copy
    /// with other offsets): the same matches, as no pattern can match
    /// anywhere else.
    pub fn scan_from<T, F>(
        &self,
        text: &str,
        starts: impl IntoIterator<Item = WordStart>,
        mut accept: F,
    ) -> Vec<(Range<usize>, T)>
    where
        F: FnMut(Range<usize>, usize) -> Option<(Range<usize>, T)>,
    {
        let mut out: Vec<(Range<usize>, T)> = Vec::new();
        let mut pos = 0;
        for WordStart { at, word, group } in starts {
            if at < pos {
                continue;
            }
            if let Some((range, value)) = self.try_group(text, at, (group, word), &mut accept) {
                if out.last().is_none_or(|(last, _)| last.end <= range.start) {
                    pos = range.end.max(at + 1);
                    out.push((range, value));
                }
            }
        }
        out
    }
}

/// Whether `bytes[range]` are all ASCII letters (and some).
#[inline]
fn ascii_letters(bytes: &[u8], range: Range<usize>) -> bool {
    !range.is_empty()
        && range.end <= bytes.len()
        && super::chars::ascii_letter_run(bytes, range.start) >= range.len()
}

/// Whether the character at `at` is a word character (not at the end).
#[inline]
fn word_char_at(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        None => false,
        Some(&b) if b.is_ascii() => ASCII_WORD[usize::from(b)],
        Some(_) => char_at(text, at).is_some_and(|(is_word, _)| is_word),
    }
}

/// Whether the character before `at` is a word character (not at the start).
#[inline]
fn word_char_before(text: &str, at: usize) -> bool {
    match at.checked_sub(1).and_then(|i| text.as_bytes().get(i)) {
        None => false,
        Some(&b) if b.is_ascii() => ASCII_WORD[usize::from(b)],
        Some(_) => text.get(..at).and_then(|t| t.chars().next_back()).is_some_and(is_word_char),
    }
}

/// The end of the run of word characters in `text` that goes on at `at`:
/// ASCII bytes are tested as bytes (most words are all ASCII), others decoded.
#[inline]
fn word_end(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    while let Some(&b) = bytes.get(at) {
        if ASCII_WORD[usize::from(b)] {
            at += 1;
            continue;
        }
        match char_at(text, at) {
            Some((true, len)) if !b.is_ascii() => at += len,
            _ => break,
        }
    }
    at
}

/// Whether every pattern (`sorted`, their bytes in `bytes`) starts with a
/// letter (see [`WordMatcher::lettered`]).
pub(super) fn lettered(bytes: &[u8], sorted: &[Pattern]) -> bool {
    sorted.iter().all(|p| {
        let pattern = bytes.get(p.start as usize..(p.start + p.len) as usize).unwrap_or_default();
        std::str::from_utf8(pattern).ok().and_then(|s| s.chars().next()).is_some_and(super::chars::is_alphabetic)
    })
}

/// [`WordMatcher::parents`] of `sorted` (their bytes in `bytes`), whose
/// `groups` are each in byte order: a pattern's prefixes come before it, and
/// every pattern between a prefix and it starts with that prefix, so those
/// still on a stack of the group's patterns when it comes are its prefixes.
pub(super) fn prefix_parents(bytes: &[u8], sorted: &[Pattern], groups: &[Range<u32>]) -> Vec<u32> {
    let text = |i: u32| {
        let p = sorted.get(i as usize);
        p.and_then(|p| bytes.get(p.start as usize..(p.start + p.len) as usize)).unwrap_or_default()
    };
    let mut parents = vec![NO_PARENT; sorted.len()];
    let mut stack: Vec<u32> = Vec::new();
    for group in groups {
        stack.clear();
        for i in group.clone() {
            while stack.last().is_some_and(|&top| !text(i).starts_with(text(top))) {
                stack.pop();
            }
            if let (Some(&top), Some(parent)) = (stack.last(), parents.get_mut(i as usize)) {
                *parent = top;
            }
            stack.push(i);
        }
    }
    parents
}

impl Scan for WordMatcher {
    fn at<T, F>(&self, text: &str, start: usize, accept: F) -> Option<(Range<usize>, T)>
    where
        F: FnMut(Range<usize>, usize) -> Option<(Range<usize>, T)>,
    {
        WordMatcher::at(self, text, start, accept)
    }

    fn scan<T, F>(&self, text: &str, accept: F) -> Vec<(Range<usize>, T)>
    where
        F: FnMut(Range<usize>, usize) -> Option<(Range<usize>, T)>,
    {
        self.scan_up_to(text, usize::MAX, accept)
    }

    /// Reads the text no further than the last of the `max` matches.
    fn scan_up_to<T, F>(&self, text: &str, max: usize, mut accept: F) -> Vec<(Range<usize>, T)>
    where
        F: FnMut(Range<usize>, usize) -> Option<(Range<usize>, T)>,
    {
        let mut out: Vec<(Range<usize>, T)> = Vec::new();
        if max == 0 {
            return out;
        }
        let bytes = text.as_bytes();
        let mut pos = 0;
        let mut start = 0;
        let loose = !self.loose.is_empty();
        // Each turn reads one character that is not a word character, or one
        // whole word: so a word character read here always starts a word.
        while let Some(&b) = bytes.get(start) {
            // ASCII bytes are told apart by a table, with no call: most of a
            // text is ASCII letters and spaces
            let (is_word, len) = match b.is_ascii() {
                true => (ASCII_WORD[usize::from(b)], 1),
                false => match char_at(text, start) {
                    Some(found) => found,
                    None => break,
                },
            };
            let mut next = start + len;
            // no pattern starts with this character: `try_at` would find nothing
            if !is_word && !loose {
                start = next;
                continue;
            }
            if is_word {
                next = word_end(text, next);
            }
            let word = is_word.then(|| bytes.get(start..next)).flatten();
            if start >= pos {
                let found = match word.map(|_| self.may_start_letters(bytes, &(start..next))) {
                    // a word of a few ASCII letters (most are) is judged and
                    // looked up from its eight bytes, as `word_starts` does:
                    // it is not copied and lowered again to find its group
                    Some(Some(None)) => None,
                    Some(Some(Some(lowered))) => self
                        .lowered_group(bytes, start..next, lowered)
                        .and_then(|group| self.try_group(text, start, (group, next - start), &mut accept)),
                    _ => self.try_at(text, start, word, &mut accept),
                };
                if let Some((range, value)) = found {
                    if out.last().is_none_or(|(last, _)| last.end <= range.start) {
                        pos = range.end.max(start + 1);
                        out.push((range, value));
                        if out.len() >= max {
                            break;
                        }
                    }
                }
            }
            start = next;
        }
        out
    }
}

/// Per byte, whether it is an ASCII word character (see [`is_word_char`]):
/// one load where the test was four comparisons, on every byte scanned.
static ASCII_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    table
};

/// The word a match at `start` would begin with (`Some(None)` for a
/// character that is not a word's), or `None` when no match can start
/// there: inside a word, nothing passes the boundary check.
fn first_word(text: &str, start: usize) -> Option<Option<&[u8]>> {
    let (is_word, _) = char_at(text, start)?;
    if !is_word {
        return Some(None);
    }
    // (`start` is a character boundary: `char_at` read a character there)
    if word_char_before(text, start) {
        return None;
    }
    // the word's end found by the byte table, as the scan finds it: asked
    // of every name's first word (is it an outlet's?), a search decoding
    // each character cost more than the rest of the question
    Some(Some(text.as_bytes().get(start..word_end(text, start))?))
}

/// Whether the character at byte `i` is a word character, and its length.
#[inline]
fn char_at(text: &str, i: usize) -> Option<(bool, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((ASCII_WORD[usize::from(b)], 1));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((is_word_char(c), c.len_utf8()))
}

/// The first eight bytes of `bytes`, zero-padded, as a big-endian number:
/// where two keys differ they order the strings as their bytes do.
fn sort_key(bytes: &[u8]) -> u64 {
    let mut key = [0u8; 8];
    let n = bytes.len().min(8);
    if let (Some(to), Some(from)) = (key.get_mut(..n), bytes.get(..n)) {
        to.copy_from_slice(from);
    }
    u64::from_be_bytes(key)
}

#[cfg(test)]
mod tests {
    use super::super::reference_matcher::Matcher;
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

    proptest::proptest! {
        #[test]
        fn a_range_of_letters_is_told_as_byte_tests_tell_it(
            bytes in proptest::collection::vec(proptest::prop_oneof![proptest::num::u8::ANY, b'a'..=b'z'], 0..20),
            from in 0usize..20,
            len in 0usize..20,
        ) {
            let range = from..from + len;
            let by_byte = bytes.get(range.clone()).is_some_and(|w| !w.is_empty() && w.iter().all(u8::is_ascii_alphabetic));
            proptest::prop_assert_eq!(ascii_letters(&bytes, range), by_byte);
        }
    }

    #[test]
    fn the_byte_table_is_the_word_character_test() {
        for b in 0..=255u8 {
            assert_eq!(ASCII_WORD[usize::from(b)], b.is_ascii() && is_word_char(char::from(b)), "{b}");
        }
    }

    /// A first word too long for the stack buffer it is lowered in is
    /// still looked up (lowered on the heap), by `scan`, `at` and the filter.
    #[test]
    fn a_first_word_longer_than_the_stack_buffer_is_found_in_any_case() {
        let long = "Pneumonoultramicroscopicsilicovolcanoconiosis".repeat(2);
        let m = WordMatcher::new(&[format!("{long} said"), "said".to_string()], true).unwrap();
        let text = format!("x {} SAID and said", long.to_uppercase());
        let found: Vec<_> = Scan::scan(&m, &text, |r, p| Some((r, p))).into_iter().collect();
        assert_eq!(found, [(2..2 + long.len() + 5, 0), (text.len() - 4..text.len(), 1)]);
        assert!(m.may_match_at(&text, 2) && !m.may_match_at(&text, 0));
        assert_eq!(m.at(&text, 2, |r, p| Some((r, p))).map(|(_, p)| p), Some(0));
    }

    /// Words and what may stand next to them: pattern words in either case,
    /// words one letter off them, long words, apostrophes, digits, `_` and
    /// letters that are not ASCII.
    const PIECES: &[&str] = &[
        "it",
        "IT",
        "is",
        "said",
        "Said",
        "sai",
        "saif",
        "a",
        "reportedly",
        "abcdefgh",
        "x",
        " ",
        ".",
        "'",
        "\u{2019}",
        "9",
        "_",
        "é",
        "\u{e9}s",
        "it's",
    ];

    proptest::proptest! {
        /// The test of eight bytes at once answers, where it answers, as the
        /// byte tests and the filter did, of every range of a text.
        #[test]
        fn eight_bytes_answer_as_the_byte_tests_and_the_filter(
            picks in proptest::collection::vec(0..PIECES.len(), 0..12),
        ) {
            let m = WordMatcher::new(&["it is said", "said", "a b", "reportedly", "x"], true).unwrap();
            // a start that is answered for, whatever follows
            let text: String = std::iter::once("Said, it ").chain(picks.iter().map(|&i| PIECES[i])).collect();
            let bytes = text.as_bytes();
            let mut answered = 0;
            for start in 0..=bytes.len() {
                for end in start..=bytes.len() + 1 {
                    let Some(fast) = m.may_start_letters(bytes, &(start..end)) else { continue };
                    answered += 1;
                    proptest::prop_assert!(ascii_letters(bytes, start..end) && !word_char_at(&text, end));
                    let word = &bytes[start..end];
                    proptest::prop_assert_eq!(fast.is_some(), m.may_start(word), "{:?} {}..{}", text, start, end);
                    // the lowered word handed back is the word lowered, zeros past it
                    if let Some(lowered) = fast {
                        let mut expected = [0u8; 8];
                        expected[..word.len()].copy_from_slice(&word.to_ascii_lowercase());
                        proptest::prop_assert_eq!(lowered.to_le_bytes(), expected);
                    }
                }
            }
            proptest::prop_assert!(answered > 0);
        }
    }

    /// [`first_word`] as it was before it read the word by the byte table:
    /// decoding every character of the text after `start`.
    fn first_word_decoded(text: &str, start: usize) -> Option<Option<&[u8]>> {
        let (is_word, _) = char_at(text, start)?;
        if !is_word {
            return Some(None);
        }
        if text.get(..start)?.chars().next_back().is_some_and(is_word_char) {
            return None;
        }
        let rest = text.get(start..)?;
        let len = rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len());
        Some(Some(rest.as_bytes().get(..len)?))
    }

    proptest::proptest! {
        /// The first word read by the byte table is the one decoding every
        /// character found, at every byte of a text (inside a character too).
        #[test]
        fn the_first_word_is_the_decoded_one(picks in proptest::collection::vec(0..PIECES.len(), 0..12)) {
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            for start in 0..=text.len() + 1 {
                proptest::prop_assert_eq!(first_word(&text, start), first_word_decoded(&text, start), "{:?} {}", text, start);
            }
        }
    }

    /// The search as it was before the text was compared lowered where read:
    /// over a copy of the text, lowered as far as the longest pattern reaches.
    fn longest_prefix_of_copy(
        m: &WordMatcher,
        group: &[Pattern],
        text: &[u8],
        word: usize,
    ) -> Option<(usize, usize)> {
        let window = text.get(..m.longest).unwrap_or(text);
        let lowered: Vec<u8> = window.iter().map(|&b| if m.fold { b.to_ascii_lowercase() } else { b }).collect();
        let mut text = &lowered[..];
        loop {
            let key = sort_key(text.get(word..)?);
            let below = group.partition_point(|p| p.key < key || p.key == key && m.pattern(p) <= text);
            let p = group.get(below.checked_sub(1)?)?;
            let pattern = m.pattern(p);
            let common = pattern.iter().zip(text).take_while(|(a, b)| a == b).count();
            if common == pattern.len() {
                return Some((common, p.id as usize));
            }
            text = text.get(..common)?;
        }
    }

    /// Pieces of patterns and texts: words in both cases, prefixes of
    /// each other, what is not a letter, and a letter that is not ASCII.
    const PATTERN_PIECES: &[&str] =
        &["said", "SAID", "Sa", "s", "a", "ab", "aB", " ", "'", "é", "É", "x", "[", "{"];

    proptest::proptest! {
        /// Read from the text as written, lowered byte by byte, the search
        /// finds at every start, and at every length the fall back to a
        /// shorter pattern cuts the text to, what it found in a lowered copy.
        #[test]
        fn the_text_read_as_written_finds_what_its_lowered_copy_found(
            patterns in proptest::collection::vec(proptest::collection::vec(0..PATTERN_PIECES.len(), 1..5), 1..8),
            picks in proptest::collection::vec(0..PATTERN_PIECES.len(), 0..16),
            fold in proptest::bool::ANY,
        ) {
            let patterns: Vec<String> =
                patterns.iter().map(|p| p.iter().map(|&i| PATTERN_PIECES[i]).collect()).collect();
            let m = WordMatcher::new(&patterns, fold).unwrap();
            // some text, then the first pattern after a space, which is found
            let text: String =
                picks.iter().map(|&i| PATTERN_PIECES[i]).chain([" ", patterns[0].as_str()]).collect();
            let mut found_some = 0;
            for start in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
                let (group, word) = match first_word(&text, start) {
                    Some(Some(word)) => match m.group_of(word) {
                        Some(group) => (group, word.len()),
                        None => continue,
                    },
                    Some(None) => (m.loose.clone(), 0),
                    None => continue,
                };
                let rest = &text.as_bytes()[start..];
                for len in 0..=rest.len() {
                    let found = m.longest_prefix(&group, &rest[..len], word);
                    proptest::prop_assert_eq!(found, longest_prefix_of_copy(&m, m.group(&group), &rest[..len], word));
                    found_some += usize::from(found.is_some());
                }
            }
            proptest::prop_assert!(found_some > 0);
        }
    }

    #[test]
    fn multibyte_text_does_not_panic() {
        let m = Matcher::new(&["said"], true).unwrap();
        let found = m.scan("«Ça» — said é", |r, _| Some((r, ())));
        assert_eq!(found.len(), 1);
        assert!(m.at("é said", 1, |r, _| Some((r, ()))).is_none());
    }
}
