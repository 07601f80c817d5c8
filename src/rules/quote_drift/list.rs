//! The compared quotes' words as ids, all in one vector.
//!
//! A long draft's quotes hold about as many words as its prose, and the
//! comparison keeps them all at once: one vector for every quote (with a
//! slice and a flag per quote beside it) cost some 40 bytes a quote more
//! than the offsets kept here, and grew by doubling while it was read.
//! The ids take two bytes each when the quotes have few enough distinct
//! words (most drafts, and the long generated ones, have under ten thousand).

use std::hash::Hash;
use std::ops::Range;

/// A word's id: `u16` or `u32`. Ids are numbered from 0 in the order words
/// are first met, so the narrow ones read exactly as the wide ones would.
pub trait WordId: Copy + Ord + Hash + Into<u32> + TryFrom<u32> {
    /// The id as an index into a table with an entry per word.
    fn index(self) -> usize {
        let id: u32 = self.into();
        id as usize
    }
}

impl WordId for u16 {}
impl WordId for u32 {}

/// Quote `i`'s word ids are `ids[ends[i - 1]..ends[i]]` (from 0 for the
/// first); the words pushed after the last end are the quote being read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteWordList<W = u32> {
    ids: Vec<W>,
    ends: Vec<u32>,
    /// Per quote, whether it shows an ellipsis (it may shorten an earlier version).
    ellipsis: Vec<bool>,
}

impl<W> Default for QuoteWordList<W> {
    fn default() -> Self {
        QuoteWordList { ids: Vec::new(), ends: Vec::new(), ellipsis: Vec::new() }
    }
}

impl<W: WordId> QuoteWordList<W> {
    /// Adds a word to the quote being read.
    pub fn push_word(&mut self, id: W) {
        self.ids.push(id);
    }

    /// How many words the quote being read has so far.
    pub fn pending(&self) -> usize {
        self.ids.len() - self.last_end()
    }

    /// Ends the quote being read and keeps it.
    pub fn end_quote(&mut self, ellipsis: bool) {
        // a draft under the size limit has far fewer than 2^32 words
        self.ends.push(u32::try_from(self.ids.len()).unwrap_or(u32::MAX));
        self.ellipsis.push(ellipsis);
    }

    /// Drops the quote being read: it is not compared.
    pub fn discard(&mut self) {
        self.ids.truncate(self.last_end());
    }

    /// Gives back the room left by growing: the list is read, not grown,
    /// while the comparisons need memory of their own.
    pub fn shrink_to_fit(&mut self) {
        self.ids.shrink_to_fit();
        self.ends.shrink_to_fit();
        self.ellipsis.shrink_to_fit();
    }

    /// How many quotes were kept.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Where quote `i`'s words are in the list (empty past the end).
    pub fn range(&self, i: usize) -> Range<usize> {
        let Some(&end) = self.ends.get(i) else { return 0..0 };
        let start = i.checked_sub(1).and_then(|p| self.ends.get(p)).map_or(0, |&s| s as usize);
        start..end as usize
    }

    /// Quote `i`'s word ids, in order.
    pub fn words(&self, i: usize) -> &[W] {
        &self.ids[self.range(i)]
    }

    /// The words of the whole list: quote `i`'s are at [`QuoteWordList::range`].
    pub fn all_words(&self) -> &[W] {
        &self.ids
    }

    /// Whether quote `i` shows an ellipsis.
    pub fn ellipsis(&self, i: usize) -> bool {
        self.ellipsis.get(i).copied().unwrap_or(false)
    }

    fn last_end(&self) -> usize {
        self.ends.last().map_or(0, |&e| e as usize)
    }
}

impl<W: WordId, Q: AsRef<[W]>> FromIterator<(Q, bool)> for QuoteWordList<W> {
    /// Every quote given, kept whatever its length.
    fn from_iter<I: IntoIterator<Item = (Q, bool)>>(quotes: I) -> Self {
        let mut list = QuoteWordList::default();
        for (words, ellipsis) in quotes {
            for &w in words.as_ref() {
                list.push_word(w);
            }
            list.end_quote(ellipsis);
        }
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_quote_reads_back_its_own_words_and_flag() {
        let quotes: Vec<(Vec<u32>, bool)> = vec![(vec![1, 2, 3], false), (vec![], true), (vec![4, 2], true)];
        let list: QuoteWordList = quotes.iter().map(|(w, e)| (w, *e)).collect();
        assert_eq!(list.len(), 3);
        for (i, (words, ellipsis)) in quotes.iter().enumerate() {
            assert_eq!(list.words(i), &words[..], "quote {i}");
            assert_eq!(list.ellipsis(i), *ellipsis, "quote {i}");
        }
        assert_eq!(list.range(2), 3..5);
        assert!(list.words(3).is_empty());
        assert_eq!(list.all_words(), [1, 2, 3, 4, 2]);
    }

    #[test]
    fn a_discarded_quote_leaves_no_words_behind() {
        let mut list = QuoteWordList::<u16>::default();
        list.push_word(7);
        list.end_quote(false);
        list.push_word(8);
        list.push_word(9);
        assert_eq!(list.pending(), 2);
        list.discard();
        assert_eq!(list.pending(), 0);
        list.push_word(10);
        list.end_quote(true);
        list.shrink_to_fit();
        assert_eq!((list.words(0), list.words(1)), (&[7][..], &[10][..]));
        assert!(!list.ellipsis(0) && list.ellipsis(1));
    }
}
