//! Finding, for each quote, the most similar different earlier quote without
//! comparing every pair: an inverted index over the quotes' rarest words
//! (prefix filtering, as in the AllPairs similarity join).
//!
//! Two quotes `a` and `b` are similar when their longest common word
//! subsequence (LCS) keeps at least 60% of their words: `2·lcs ≥ 0.6·(|a|+|b|)`.
//! Then they share at least `0.3·(|a|+|b|)` words counted with repeats, and
//! if every quote's words (the k-th "the" distinct from the first) are sorted
//! rarest first, two quotes sharing that many words share one among the first
//! `|a| - t + 1` words of each: only those prefixes are indexed and probed.
//!
//! Identical quotes are one text: the comparisons are between distinct texts,
//! and a repeated quote costs one lookup. Two budgets keep the worst case
//! linear in the number of quotes: a word's index entry lists only its
//! [`RECENT`] latest texts, and each text is compared word by word with at
//! most [`COMPARED`] candidates (those whose first shared word is rarest,
//! among those that share enough words at all). Below the budgets (no word in more than
//! [`RECENT`] distinct quotes, no quote with more than [`COMPARED`]
//! candidates left) the answer is exactly the all-pairs answer: a property
//! test checks this against [`all_pairs`].

use super::list::{QuoteWordList, WordId};
use super::recent::RecentIndex;
use crate::lexicon::FastHash;
use std::collections::HashMap;

/// The least share of words kept for two quotes to count as one.
pub const MIN_SIMILARITY: f64 = 0.6;
/// How many of its latest texts a word's index entry lists.
pub const RECENT: usize = 16;
/// How many candidates each text is compared with, at most.
pub const COMPARED: usize = 16;

/// The earlier quote a quote drifted from: indices into the list given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Drift {
    pub later: usize,
    pub earlier: usize,
}

/// Whether `b` is a contiguous run of `a`'s words or the reverse.
pub fn is_excerpt<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.windows(short.len()).any(|w| w == short)
}

/// The length of the longest common subsequence, bit-parallel (Crochemore,
/// Iliopoulos, Pinzon and Reid, 2001): one bit per word of the shorter side,
/// a few word operations per word of the longer, where the table of the
/// textbook method costs a dependent step per pair of words. Every candidate
/// pair is measured by it.
pub fn lcs_len<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let (rows, cols) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    if cols.len() <= 64 {
        return lcs_in_one_word(rows, cols);
    }
    let words = cols.len().div_ceil(64);
    // a set bit: no common subsequence ends at that column yet
    let mut v = vec![u64::MAX; words];
    let mut matches = vec![0u64; words];
    for x in rows {
        matches.fill(0);
        for (k, y) in cols.iter().enumerate() {
            matches[k / 64] |= u64::from(x == y) << (k % 64);
        }
        // v = (v + (v & m)) | (v & !m), the sum carried across words
        let mut carry = false;
        for (v, &m) in v.iter_mut().zip(&matches) {
            let (sum, over) = v.overflowing_add(*v & m);
            let (sum, over_again) = sum.overflowing_add(u64::from(carry));
            carry = over || over_again;
            *v = sum | (*v & !m);
        }
    }
    // the bits past the last column are never cleared
    let set: usize = v.iter().map(|w| w.count_ones() as usize).sum();
    cols.len() - (set - (words * 64 - cols.len()))
}

/// [`lcs_len`] when the shorter side has at most 64 words.
fn lcs_in_one_word<T: PartialEq>(rows: &[T], cols: &[T]) -> usize {
    let mut v = u64::MAX;
    for x in rows {
        let m = cols.iter().enumerate().fold(0u64, |m, (k, y)| m | (u64::from(x == y) << k));
        v = v.wrapping_add(v & m) | (v & !m);
    }
    let live = if cols.is_empty() { 0 } else { u64::MAX >> (64 - cols.len()) };
    cols.len() - (v & live).count_ones() as usize
}

fn similarity(kept: usize, a: usize, b: usize) -> f64 {
    2.0 * kept as f64 / (a + b) as f64
}

/// For every quote, its most similar earlier quote with different words
/// (ties to the earliest), leaving out excerpts and, for a quote with an
/// ellipsis, earlier versions it only shortens. In the order of `quotes`.
/// `None` when the bags' words (a word and how many times it has come in
/// its quote) are more than `W` can number. Tables here have an entry for
/// every id up to the largest: ids are numbered from 0 (see [`WordId`]).
pub fn drifts<W: WordId>(quotes: &QuoteWordList<W>) -> Option<Vec<Drift>> {
    let texts = Texts::new(quotes)?;
    let partners = texts.similar_pairs();
    let mut out = Vec::new();
    for later in 0..quotes.len() {
        crate::budget::tick();
        let Some(&t) = texts.text_of.get(later) else { continue };
        let t = t as usize;
        // sorted best first: the first that qualifies is the answer
        let found = partners_of(&partners, t).find(|p| {
            let earlier = texts.first(p.text as usize);
            // a shorter version that only drops words shows where with an ellipsis
            let only_removed = p.kept as usize == texts.ids(t).len();
            earlier < later && !(only_removed && quotes.ellipsis(later))
        });
        if let Some(p) = found {
            out.push(Drift { later, earlier: texts.first(p.text as usize) });
        }
    }
    Some(out)
}

/// Text `t`'s partners in `partners` (see [`Texts::similar_pairs`]), best first.
fn partners_of(partners: &[(u32, Partner)], t: usize) -> impl Iterator<Item = &Partner> {
    let start = partners.partition_point(|&(x, _)| (x as usize) < t);
    partners[start..].iter().take_while(move |&&(x, _)| x as usize == t).map(|(_, p)| p)
}

/// One distinct sequence of words: 16 bytes, where a slice, a box and an
/// index each took 40 (a long draft has tens of thousands of texts).
#[derive(Debug, Clone, Copy)]
struct Text {
    /// Where its word ids are in the quotes' list.
    ids: u32,
    /// Where its bag is in [`Texts::bags`].
    bag: u32,
    /// How many words it has (its ids and its bag alike).
    len: u32,
    /// The index of the first quote with these words.
    first: u32,
}

struct Texts<'a, W> {
    quotes: &'a QuoteWordList<W>,
    texts: Vec<Text>,
    /// Every text's words counted with repeats, (word, nth occurrence)
    /// numbered by rarity in the draft, rarest first: each text's bag is
    /// sorted, and they lie one after another, in the order of `texts`.
    /// As wide as the word ids (a bag has a word for each of its text's).
    bags: Vec<W>,
    /// Per quote, its text.
    text_of: Vec<u32>,
    /// Per bag word, how many texts have it (its size is the number of bag words).
    freq: Vec<u32>,
}

/// A bag word not numbered yet.
const UNNUMBERED: u32 = u32::MAX;

/// What probing has found of a text so far, for the text being probed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Touch {
    Not,
    Candidate,
    /// Shares a word, but too few could follow it.
    Rejected,
}

/// A similar text. How similar, and the partner's first quote (for ties),
/// are worked out from the texts when needed: every similar pair is held
/// twice, and a draft of near-identical quotes has tens of thousands.
#[derive(Debug, Clone, Copy)]
struct Partner {
    text: u32,
    /// The length of the longest common subsequence.
    kept: u32,
}

impl<'a, W: WordId> Texts<'a, W> {
    fn new(quotes: &'a QuoteWordList<W>) -> Option<Texts<'a, W>> {
        let mut texts: Vec<Text> = Vec::with_capacity(quotes.len());
        // at most one bag word per word: the room a grown vector would leave
        // is given back below, with the texts' own
        let mut bags: Vec<W> = Vec::with_capacity(quotes.all_words().len());
        // per quote, its first quote with the same words, turned into its
        // text in place (that quote's text is known by then)
        let mut text_of = first_with_same_words(quotes);
        let mut freq: Vec<u32> = Vec::new();
        // Bag words are numbered as first met. A word's first occurrence in
        // a text is its bag word in a table by word id (ids are numbered
        // from 0, as the draft's words are met), not a hash table:
        // most words of a quote come once, and hashing them was most of a
        // short draft's comparison. Repeats ("the" a second time) are hashed.
        let words = quotes.all_words().iter().map(|w| w.index() + 1).max().unwrap_or(0);
        let mut once: Vec<u32> = vec![UNNUMBERED; words];
        let mut repeats: HashMap<(u32, u32), u32, FastHash> = HashMap::default();
        // how often each word has come so far in the text being read, set
        // back to 0 for the words of each text once it is read
        let mut seen: Vec<u32> = vec![0; words];
        for i in 0..quotes.len() {
            crate::budget::tick();
            let same = text_of[i] as usize;
            if same < i {
                text_of[i] = text_of[same];
                continue;
            }
            text_of[i] = texts.len() as u32;
            let ids = quotes.words(i);
            let bag = bags.len() as u32;
            for &w in ids {
                let nth = seen.get_mut(w.index())?;
                *nth += 1;
                let slot = match *nth {
                    1 => once.get_mut(w.index())?,
                    nth => repeats.entry((w.into(), nth)).or_insert(UNNUMBERED),
                };
                if *slot == UNNUMBERED {
                    *slot = freq.len() as u32;
                    freq.push(0);
                }
                let id = *slot;
                freq[id as usize] += 1;
                bags.push(W::try_from(id).ok()?);
            }
            for &w in ids {
                seen[w.index()] = 0;
            }
            let (ids, len) = (quotes.range(i).start as u32, ids.len() as u32);
            texts.push(Text { ids, bag, len, first: i as u32 });
        }
        drop((once, repeats, seen));
        texts.shrink_to_fit();
        bags.shrink_to_fit();
        // bag words renamed by rank, rarest first, so that bags sort and merge as numbers
        let rank = ranks(&freq);
        for w in &mut bags {
            // a rank is below the number of bag words, all of which fit
            *w = W::try_from(rank[w.index()]).ok()?;
        }
        for text in &texts {
            let at = text.bag as usize..(text.bag + text.len) as usize;
            bags[at].sort_unstable();
        }
        Some(Texts { quotes, texts, bags, text_of, freq })
    }

    /// Text `t`'s word ids, in order.
    fn ids(&self, t: usize) -> &'a [W] {
        let text = self.texts[t];
        let at = text.ids as usize..(text.ids + text.len) as usize;
        &self.quotes.all_words()[at]
    }

    /// Text `t`'s bag: its words with repeats, by rank, rarest first.
    fn bag(&self, t: usize) -> &[W] {
        let text = self.texts[t];
        &self.bags[text.bag as usize..(text.bag + text.len) as usize]
    }

    /// The index of the first quote with text `t`'s words.
    fn first(&self, t: usize) -> usize {
        self.texts[t].first as usize
    }

    /// Each text's similar texts, as (text, partner) sorted by text, then
    /// best first (then earliest): one list, not a vector for every text
    /// (24 bytes a text, and a long draft has tens of thousands of texts).
    fn similar_pairs(&self) -> Vec<(u32, Partner)> {
        let mut partners: Vec<(u32, Partner)> = Vec::new();
        // per bag word: the texts with it in their prefix, and where
        let mut index = RecentIndex::new(self.freq.len());
        let mut state: Vec<Touch> = vec![Touch::Not; self.texts.len()];
        let mut touched: Vec<usize> = Vec::new();
        // per bag word, the last text (plus one) that has it: the text being
        // probed marks its words, and a candidate's shared words are counted
        // by looking its own up, not by merging the two bags
        let mut marks: Vec<u32> = vec![0; self.freq.len()];
        for x in 0..self.texts.len() {
            crate::budget::tick();
            let bag = self.bag(x);
            let n = bag.len();
            let stamp = x as u32 + 1;
            for &w in bag {
                if let Some(mark) = marks.get_mut(w.index()) {
                    *mark = stamp;
                }
            }
            let prefix = bag.get(..prefix_len(n)).unwrap_or_default();
            for (k, &w) in prefix.iter().enumerate() {
                for (y, j) in index.latest(w.index()) {
                    let y = y as usize;
                    if state[y] != Touch::Not {
                        continue;
                    }
                    touched.push(y);
                    // The first word two bags share (rarest first) is met first:
                    // no word before it in either is shared, so they share at
                    // most what follows it in the shorter remainder.
                    let m = self.texts[y].len as usize;
                    let room = (n - k).min(m - j as usize);
                    state[y] = if room >= required(n, m) { Touch::Candidate } else { Touch::Rejected };
                }
            }
            let candidates = touched.iter().copied().filter(|&y| state[y] == Touch::Candidate);
            let passing = candidates.filter(|&y| self.may_be_similar(y, x, &marks));
            for y in passing.take(COMPARED) {
                crate::budget::tick();
                if let Some(kept) = self.compare(y, x) {
                    let kept = kept as u32;
                    partners.push((x as u32, Partner { text: y as u32, kept }));
                    partners.push((y as u32, Partner { text: x as u32, kept }));
                }
            }
            for y in touched.drain(..) {
                state[y] = Touch::Not;
            }
            for (k, &w) in prefix.iter().enumerate() {
                index.push(w.index(), x as u32, k as u32);
            }
        }
        // the probing tables are gone before the pairs are sorted: on 8 MB
        // of nested lists the index's entries were held through the sort
        drop((index, state, touched, marks));
        // similarity recomputed from `kept` and the two lengths: the same
        // number `compare` tested, so the order is as if it had been stored
        crate::budget::tick();
        let key = |&(x, p): &(u32, Partner)| {
            let other = &self.texts[p.text as usize];
            (x, similarity(p.kept as usize, other.len as usize, self.texts[x as usize].len as usize), other.first)
        };
        // unstable, so without a stable sort's buffer of half the pairs: no
        // two keys are equal (a text's partners are distinct texts, and each
        // text has its own first quote), so the order is the stable one
        partners.sort_unstable_by(|a, b| {
            let ((xa, sa, fa), (xb, sb, fb)) = (key(a), key(b));
            xa.cmp(&xb).then(sb.total_cmp(&sa)).then(fa.cmp(&fb))
        });
        partners
    }

    /// Whether two texts pass the cheap tests: the words kept are at most
    /// the shorter side's and at most the words they share. `b` is the text
    /// being probed, its bag words stamped `b + 1` in `marks`.
    fn may_be_similar(&self, a: usize, b: usize, marks: &[u32]) -> bool {
        let (n, m) = (self.texts[a].len as usize, self.texts[b].len as usize);
        let need = required(n, m);
        n.min(m) >= need && shares_at_least(self.bag(a), marks, b as u32 + 1, need)
    }

    /// The kept words of two texts, when similar and neither an excerpt of the other.
    fn compare(&self, a: usize, b: usize) -> Option<usize> {
        let (a, b) = (self.ids(a), self.ids(b));
        let (n, m) = (a.len(), b.len());
        if is_excerpt(a, b) {
            return None;
        }
        let kept = lcs_len(a, b);
        let s = similarity(kept, n, m);
        (s >= MIN_SIMILARITY).then_some(kept)
    }
}

/// Each bag word's place in the order of (how many texts have it, the
/// word): counted, not sorted, as a word is in at most every text. Sorting
/// the words of a long draft's quotes was a fifth of comparing them.
fn ranks(freq: &[u32]) -> Vec<u32> {
    let most = freq.iter().copied().max().map_or(0, |m| m as usize);
    // per count, how many words have a smaller one: where its words' ranks begin
    let mut next = vec![0u32; most + 2];
    for &f in freq {
        next[f as usize + 1] += 1;
    }
    for f in 1..next.len() {
        next[f] += next[f - 1];
    }
    // words of one count are ranked in the order of their numbers
    freq.iter()
        .map(|&f| {
            let r = next[f as usize];
            next[f as usize] += 1;
            r
        })
        .collect()
}

/// Per quote, the first quote with the same words (itself when no earlier
/// one has them): found by sorting the quotes, as a table of word slices
/// cost 24 bytes a bucket, and twice that while it grew.
fn first_with_same_words<W: WordId>(quotes: &QuoteWordList<W>) -> Vec<u32> {
    let words = |i: &u32| quotes.words(*i as usize);
    let mut order: Vec<u32> = (0..quotes.len() as u32).collect();
    order.sort_unstable_by(|a, b| words(a).cmp(words(b)).then(a.cmp(b)));
    let mut first = vec![0u32; quotes.len()];
    for run in order.chunk_by(|a, b| words(a) == words(b)) {
        for &i in run {
            first[i as usize] = run[0];
        }
    }
    first
}

/// Whether `bag` shares at least `need` words with the bag whose words are
/// stamped `stamp` in `marks`; stops as soon as the answer is known.
fn shares_at_least<W: WordId>(bag: &[W], marks: &[u32], stamp: u32, need: usize) -> bool {
    let mut shared = 0;
    for (i, &w) in bag.iter().enumerate() {
        if shared >= need {
            return true;
        }
        // the words left cannot make up the difference
        if shared + (bag.len() - i) < need {
            return false;
        }
        if marks.get(w.index()) == Some(&stamp) {
            shared += 1;
        }
    }
    shared >= need
}

/// The fewest words two texts of `n` and `m` words keep (and so share)
/// when similar: the least `t` with `2t / (n + m) ≥ 0.6`, that is
/// `10t ≥ 3(n + m)`. In whole numbers: the float test gives the same answer
/// (a test below checks every two lengths up to [`super::MAX_WORDS`]),
/// and this is asked for every pair of texts probed.
pub(super) fn required(n: usize, m: usize) -> usize {
    (3 * (n + m)).div_ceil(10)
}

/// The fewest words a text of `n` words shares with any text similar to it.
fn fewest_shared(n: usize) -> usize {
    // the shortest partner: at least MIN_WORDS, and long enough that keeping
    // all of it is similar; `required` grows with the partner's length
    let shortest = (super::MIN_WORDS..=n.max(super::MIN_WORDS))
        .find(|&m| similarity(m.min(n), n, m) >= MIN_SIMILARITY)
        .unwrap_or(n);
    required(n, shortest)
}

/// How many of a bag of `n` words must be indexed and probed so that no
/// similar pair is missed: a pair sharing `t` words shares one among the
/// first `n - t + 1` of each (rarest first), and `t` is at least
/// [`fewest_shared`].
fn prefix_len(n: usize) -> usize {
    (n + 1).saturating_sub(fewest_shared(n)).clamp(1, n.max(1))
}

/// The reference the index is tested against: every quote against every earlier one.
#[cfg(test)]
pub fn all_pairs(quotes: &QuoteWordList) -> Vec<Drift> {
    let mut out = Vec::new();
    for later in 0..quotes.len() {
        let lw = quotes.words(later);
        let mut best: Option<(f64, usize)> = None;
        for earlier in 0..later {
            let ew = quotes.words(earlier);
            if ew == lw || is_excerpt(ew, lw) {
                continue;
            }
            let kept = lcs_len(ew, lw);
            let s = similarity(kept, ew.len(), lw.len());
            if s < MIN_SIMILARITY {
                continue;
            }
            if kept == lw.len() && quotes.ellipsis(later) {
                continue;
            }
            if best.is_none_or(|(b, _)| s > b) {
                best = Some((s, earlier));
            }
        }
        if let Some((_, earlier)) = best {
            out.push(Drift { later, earlier });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Counted, the ranks are those of a sort by count, then word.
        #[test]
        fn ranks_are_those_of_a_sort_by_count_then_word(freq in proptest::collection::vec(0u32..12, 0..60)) {
            let mut order: Vec<u32> = (0..freq.len() as u32).collect();
            order.sort_unstable_by_key(|&id| (freq[id as usize], id));
            let mut sorted = vec![0u32; freq.len()];
            for (r, &id) in order.iter().enumerate() {
                sorted[id as usize] = r as u32;
            }
            prop_assert_eq!(ranks(&freq), sorted);
        }
    }

    /// A quote's words (as ids) and whether it shows an ellipsis.
    type Owned = (Vec<u32>, bool);

    /// A word's id, numbered from 0 as first met (on this thread), as
    /// quote-drift numbers a draft's words.
    fn id(word: &str) -> u32 {
        thread_local! {
            static IDS: std::cell::RefCell<HashMap<String, u32>> = Default::default();
        }
        IDS.with_borrow_mut(|ids| {
            let next = ids.len() as u32;
            *ids.entry(word.to_owned()).or_insert(next)
        })
    }

    fn q(text: &str) -> Owned {
        let words = text.split_whitespace().filter(|w| *w != "…").map(id).collect();
        (words, text.contains('…'))
    }

    fn found<W: WordId>(quotes: &QuoteWordList<W>) -> Vec<Drift> {
        drifts(quotes).expect("the bag words fit")
    }

    #[test]
    fn bag_words_that_do_not_fit_two_bytes_give_none() {
        // one word 70,000 times: one word id, but 70,000 (word, nth) bag words
        let long = vec![0u16; 70_000];
        let narrow: QuoteWordList<u16> = [(&long, false), (&long, false)].into_iter().collect();
        assert!(drifts(&narrow).is_none());
        let long = vec![0u32; 70_000];
        let wide: QuoteWordList<u32> = [(&long, false), (&long, false)].into_iter().collect();
        assert_eq!(drifts(&wide), Some(vec![]));
    }

    fn view(quotes: &[Owned]) -> QuoteWordList {
        quotes.iter().map(|(words, ellipsis)| (words, *ellipsis)).collect()
    }

    #[test]
    fn finds_the_drifted_version_and_skips_repeats_and_excerpts() {
        let quotes = [
            q("the river will crest on friday night"),
            q("the budget is settled and the ferry runs"),
            q("the river will crest on friday night"),
            q("the river will probably crest on friday"),
            q("will crest on friday night"),
        ];
        let quotes = view(&quotes);
        // the last is an excerpt of the first, but not of the drifted version
        assert_eq!(found(&quotes), [Drift { later: 3, earlier: 0 }, Drift { later: 4, earlier: 3 }]);
        assert_eq!(found(&quotes), all_pairs(&quotes));
    }

    #[test]
    fn each_text_reads_only_its_own_partners_in_order() {
        let p = |text, kept| Partner { text, kept };
        let all = [(0, p(4, 1)), (2, p(5, 9)), (2, p(3, 7)), (5, p(2, 9))];
        let of = |t| partners_of(&all, t).map(|p| (p.text, p.kept)).collect::<Vec<_>>();
        assert_eq!(of(2), [(5, 9), (3, 7)]);
        assert_eq!(of(0), [(4, 1)]);
        assert!(of(1).is_empty() && of(6).is_empty());
    }

    #[test]
    fn repeated_words_point_to_their_first_quote() {
        let quotes = view(&[q("a b c"), q("d e"), q("a b c"), q("a b"), q("d e"), q("a b c")]);
        assert_eq!(first_with_same_words(&quotes), [0, 1, 0, 3, 1, 0]);
        assert!(first_with_same_words(&view(&[])).is_empty());
    }

    #[test]
    fn an_ellipsis_may_shorten_but_not_change() {
        let quotes = [
            q("we will rebuild the wall and we will reopen the pier"),
            q("we will rebuild the wall … reopen the pier"),
        ];
        assert!(found(&view(&quotes)).is_empty());
        let changed = [quotes[0].clone(), q("we will rebuild the sea wall … reopen the pier")];
        assert_eq!(found(&view(&changed)), [Drift { later: 1, earlier: 0 }]);
    }

    #[test]
    fn required_in_whole_numbers_is_the_float_threshold() {
        for n in 0..=super::super::MAX_WORDS {
            for m in 0..=super::super::MAX_WORDS {
                let mut t = 3 * (n + m) / 10;
                while similarity(t, n, m) < MIN_SIMILARITY {
                    t += 1;
                }
                assert_eq!(required(n, m), t, "{n} and {m} words");
            }
        }
    }

    /// The textbook table, row by row: what [`lcs_len`] is checked against.
    fn lcs_by_table(a: &[u32], b: &[u32]) -> usize {
        let mut prev = vec![0usize; b.len() + 1];
        let mut row = vec![0usize; b.len() + 1];
        for x in a.iter().rev() {
            for (j, y) in b.iter().enumerate().rev() {
                row[j] = if x == y { prev[j + 1] + 1 } else { prev[j].max(row[j + 1]) };
            }
            std::mem::swap(&mut prev, &mut row);
        }
        prev[0]
    }

    #[test]
    fn prefixes_are_never_empty_nor_longer_than_the_bag() {
        for n in 0..400 {
            let p = prefix_len(n);
            assert!(p >= 1 && p <= n.max(1), "{n} → {p}");
        }
        assert_eq!(lcs_len(&[1, 2, 3, 4], &[2, 4, 5]), 2);
    }

    /// Quotes made from a few base sentences, each copied with words
    /// dropped, swapped or added, so that many pairs are near the threshold.
    fn quotes() -> impl Strategy<Value = Vec<Owned>> {
        const WORDS: &[&str] = &[
            "the", "river", "will", "crest", "on", "friday", "night", "council", "wall", "ferry", "and", "we",
            "not", "pier", "budget", "a", "storm", "harbour",
        ];
        let sentence = prop::collection::vec(0..WORDS.len(), 5..14);
        let edits = prop::collection::vec((0..4u8, 0..14usize, 0..WORDS.len()), 0..5);
        let quote = (0..4usize, edits, any::<bool>());
        (prop::collection::vec(sentence, 1..5), prop::collection::vec(quote, 1..COMPARED)).prop_map(
            |(bases, quotes)| {
                quotes
                    .into_iter()
                    .map(|(base, edits, ellipsis)| {
                        let mut words: Vec<&str> = bases[base % bases.len()].iter().map(|&i| WORDS[i]).collect();
                        for (op, at, w) in edits {
                            let at = at % (words.len() + 1);
                            match op {
                                0 if at < words.len() => {
                                    words.remove(at);
                                }
                                1 if at < words.len() => words[at] = WORDS[w],
                                2 => words.insert(at, WORDS[w]),
                                _ => {}
                            }
                        }
                        (words.into_iter().map(id).collect::<Vec<_>>(), ellipsis)
                    })
                    .filter(|(words, _)| words.len() >= super::super::MIN_WORDS)
                    .collect()
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// The bit-parallel length is the table's, within one word and across several.
        #[test]
        fn lcs_bits_agree_with_the_table(
            a in prop::collection::vec(0..5u32, 0..150),
            b in prop::collection::vec(0..5u32, 0..150),
        ) {
            prop_assert_eq!(lcs_len(&a, &b), lcs_by_table(&a, &b));
        }

        /// Below the budgets the index finds exactly what comparing every pair finds.
        #[test]
        fn the_index_finds_what_all_pairs_find(quotes in quotes()) {
            let quotes = view(&quotes);
            prop_assert_eq!(found(&quotes), all_pairs(&quotes));
        }

        /// No two similar pairs share a key (the text, then the partner's
        /// first quote): the pairs' unstable sort orders them as a stable
        /// one would, strictly increasing.
        #[test]
        fn similar_pairs_have_distinct_keys(quotes in quotes()) {
            let quotes = view(&quotes);
            let texts = Texts::new(&quotes).expect("the bag words fit");
            let pairs = texts.similar_pairs();
            let keys: Vec<(u32, u32)> = pairs.iter().map(|&(x, p)| (x, texts.texts[p.text as usize].first)).collect();
            let mut distinct = keys.clone();
            distinct.sort_unstable();
            distinct.dedup();
            prop_assert_eq!(distinct.len(), keys.len());
            prop_assert!(pairs.windows(2).all(|w| w[0].0 <= w[1].0));
        }

        /// Two-byte ids, numbered as the rule numbers them (in the order
        /// words are first met), find what four-byte ones find.
        #[test]
        fn narrow_ids_find_what_wide_ones_find(quotes in quotes()) {
            let mut number: HashMap<u32, u16> = HashMap::new();
            let mut narrow = |w: &u32| {
                let next = number.len() as u16;
                *number.entry(*w).or_insert(next)
            };
            let ids: Vec<(Vec<u16>, bool)> =
                quotes.iter().map(|(words, e)| (words.iter().map(&mut narrow).collect(), *e)).collect();
            let narrow: QuoteWordList<u16> = ids.iter().map(|(words, e)| (words, *e)).collect();
            let wide: QuoteWordList<u32> =
                ids.iter().map(|(words, e)| (words.iter().map(|&w| u32::from(w)).collect::<Vec<_>>(), *e)).collect();
            prop_assert_eq!(found(&narrow), found(&wide));
            prop_assert_eq!(found(&wide), found(&view(&quotes)));
        }
    }
}
