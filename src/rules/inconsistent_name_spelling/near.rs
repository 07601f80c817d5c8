//! Finding the names that may be spelled nearly like a given one without
//! comparing it with every name in the draft. Two spellings are near only
//! when all their words but the first (or the last) are the same, and that
//! word starts with the same letter and is at most two letters longer or
//! shorter: names are grouped by exactly that, and only a group is compared,
//! at most its [`GROUP`] first-used names (a draft would need dozens of
//! people sharing a first name, a surname's initial and its length for this
//! to leave one out).

use crate::lexicon::FastHash;
use std::hash::{BuildHasher, Hash};

/// How many names of a group are compared, at most.
pub const GROUP: usize = 16;

/// Distinct names (as words), grouped for [`NameIndex::candidates`].
pub struct NameIndex {
    /// (group, name index), sorted, where a group is the hash of (which
    /// word may differ, the other words, that word's first letter and
    /// length): each group's first [`GROUP`] names (no more are read). A
    /// hash collision only adds candidates, which the caller's exact
    /// comparison drops. One sorted list, not a map of vectors: most groups
    /// have one name, and a table entry and a vector each came to some 60
    /// bytes a name, held while the findings grow.
    entries: Vec<(u64, u32)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Side {
    First,
    Last,
}

impl NameIndex {
    /// The `count` names of `names`, made one at a time: a long draft's
    /// tens of thousands of names are not all held as words at once.
    pub fn new<'w, N: AsRef<[&'w str]>>(count: usize, names: impl Iterator<Item = N>) -> Self {
        let mut entries: Vec<(u64, u32)> = Vec::with_capacity(2 * count);
        // indices in 32 bits: a draft has far fewer than 2^32 distinct names
        for (i, name) in (0u32..).zip(names) {
            let name = name.as_ref();
            crate::budget::tick();
            for side in [Side::First, Side::Last] {
                if let Some((first, len)) = differing(name, side) {
                    entries.push((key(name, side, first, len), i));
                }
            }
        }
        // a group's names in the order they were met, and only its first GROUP
        entries.sort_unstable();
        let (mut last, mut count) = (None, 0);
        entries.retain(|&(group, _)| {
            count = if last == Some(group) { count + 1 } else { 1 };
            last = Some(group);
            count <= GROUP
        });
        entries.shrink_to_fit();
        NameIndex { entries }
    }

    /// The names (indices, ascending) that have every word but the first,
    /// or every word but the last, the same as `name`, and that one word
    /// starting with the same letter and within two letters of its length:
    /// every name spelled nearly like it (within [`GROUP`]), and others.
    pub fn candidates(&self, name: &[&str]) -> Vec<usize> {
        let mut out = Vec::new();
        for side in [Side::First, Side::Last] {
            let Some((first, len)) = differing(name, side) else { continue };
            for len in len.saturating_sub(2)..=len + 2 {
                out.extend(self.group(key(name, side, first, len)));
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    fn group(&self, group: u64) -> impl Iterator<Item = usize> + '_ {
        let start = self.entries.partition_point(|e| e.0 < group);
        self.entries[start..].iter().take_while(move |e| e.0 == group).map(|e| e.1 as usize)
    }
}

/// The edit distance (Levenshtein, in characters) between `x` and `y` when
/// it is at most `k`, else `None`. Most names compared share a first letter
/// and little else: their common ends are skipped, and the table of the
/// rest is one row on the stack that stops as soon as every cell is over
/// `k`, where a full table was allocated for each of the hundreds of
/// thousands of pairs a long draft compares.
pub fn edits_within(x: &str, y: &str, k: usize) -> Option<usize> {
    let (x, y) = without_common_ends(x, y);
    let (m, n) = (x.chars().count(), y.chars().count());
    if m.abs_diff(n) > k {
        return None;
    }
    if m == 0 || n == 0 {
        return Some(m.max(n));
    }
    // a word of a name is short; a longer one is measured whole
    const ROW: usize = 32;
    if n >= ROW {
        let d = strsim::levenshtein(x, y);
        return (d <= k).then_some(d);
    }
    // row[j]: the distance between the characters of `x` read so far and y's first j
    let mut row = [0; ROW];
    for (j, cell) in row.iter_mut().enumerate().take(n + 1) {
        *cell = j;
    }
    for (i, a) in x.chars().enumerate() {
        let (mut diagonal, mut least) = (row[0], i + 1);
        row[0] = i + 1;
        for (j, b) in y.chars().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(a != b)).min(above + 1).min(row[j] + 1);
            diagonal = above;
            least = least.min(row[j + 1]);
        }
        // no cell of a later row is less than the least of this one
        if least > k {
            return None;
        }
    }
    (row[n] <= k).then_some(row[n])
}

/// `x` and `y` less the characters they begin and end with alike, which
/// change no edit distance.
fn without_common_ends<'s>(x: &'s str, y: &'s str) -> (&'s str, &'s str) {
    let same = |(a, b): &(char, char)| a == b;
    let prefix: usize = x.chars().zip(y.chars()).take_while(same).map(|(a, _)| a.len_utf8()).sum();
    let (x, y) = (&x[prefix..], &y[prefix..]);
    let suffix: usize = x.chars().rev().zip(y.chars().rev()).take_while(same).map(|(a, _)| a.len_utf8()).sum();
    (&x[..x.len() - suffix], &y[..y.len() - suffix])
}

/// The first letter and length (in characters) of the word on `side`.
fn differing(name: &[&str], side: Side) -> Option<(char, usize)> {
    let word = match side {
        Side::First => name.first()?,
        Side::Last => name.last()?,
    };
    Some((word.chars().next()?, word.chars().count()))
}

fn key(name: &[&str], side: Side, first: char, len: usize) -> u64 {
    let rest = match side {
        Side::First => name.get(1..),
        Side::Last => name.get(..name.len() - 1),
    };
    FastHash::default().hash_one((side, rest, name.len(), first, len))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn v(s: &str) -> Vec<&str> {
        s.split_whitespace().collect()
    }

    #[test]
    fn groups_by_the_other_words() {
        let names = [v("Irena Novak"), v("Irina Novak"), v("Irena Novakova"), v("Ivan Novak"), v("Irena Nowak")];
        let index = NameIndex::new(names.len(), names.iter());
        // "Novakova" is three letters longer than "Novak"
        assert_eq!(index.candidates(&names[0]), [0, 1, 3, 4]);
        assert_eq!(index.candidates(&v("Hong Min")), Vec::<usize>::new());
    }

    #[test]
    fn a_group_lists_only_its_first_names() {
        let names: Vec<String> = (b'a'..=b'z').map(|c| format!("Ana X{}", c as char)).collect();
        let names: Vec<Vec<&str>> = names.iter().map(|n| v(n)).collect();
        let index = NameIndex::new(names.len(), names.iter());
        // all 26 share "Ana" and a two-letter word starting with X
        assert_eq!(index.candidates(&names[20]), (0..GROUP).chain([20]).collect::<Vec<_>>());
    }

    /// The index as a table of vectors, as it was before it was one sorted
    /// list: the list must give exactly its candidates.
    fn candidates_by_table(names: &[&[&str]], name: &[&str]) -> Vec<usize> {
        let mut groups: std::collections::HashMap<u64, Vec<usize>> = std::collections::HashMap::new();
        for (i, n) in names.iter().enumerate() {
            for side in [Side::First, Side::Last] {
                if let Some((first, len)) = differing(n, side) {
                    let group = groups.entry(key(n, side, first, len)).or_default();
                    if group.len() < GROUP {
                        group.push(i);
                    }
                }
            }
        }
        let mut out = Vec::new();
        for side in [Side::First, Side::Last] {
            let Some((first, len)) = differing(name, side) else { continue };
            for len in len.saturating_sub(2)..=len + 2 {
                out.extend(groups.get(&key(name, side, first, len)).into_iter().flatten());
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    proptest! {
        /// Groups of more than GROUP names included, the sorted list gives what the table gave.
        #[test]
        fn the_list_gives_what_the_table_gave(names in prop::collection::vec("[A-B][a-b]{0,3}( [A-B][a-b]{0,3}){1,2}", 1..80)) {
            let names: Vec<Vec<&str>> = names.iter().map(|n| v(n)).collect();
            let names: Vec<&[&str]> = names.iter().map(Vec::as_slice).collect();
            let index = NameIndex::new(names.len(), names.iter());
            for a in &names {
                prop_assert_eq!(index.candidates(a), candidates_by_table(&names, a));
            }
        }

        /// The bounded distance is strsim's Levenshtein wherever that is at most k.
        #[test]
        fn bounded_edits_agree_with_levenshtein(x in "[abé]{0,40}", y in "[abé]{0,40}", k in 0usize..4) {
            let d = strsim::levenshtein(&x, &y);
            prop_assert_eq!(edits_within(&x, &y, k), (d <= k).then_some(d));
        }

        /// Every pair within two edits on one side, same first letter, the rest the same, is a candidate.
        #[test]
        fn no_near_spelling_is_missed(names in prop::collection::vec("[A-C][a-c]{0,5}( [A-C][a-c]{0,5}){1,2}", 1..GROUP)) {
            let names: Vec<Vec<&str>> = names.iter().map(|n| v(n)).collect();
            let index = NameIndex::new(names.len(), names.iter());
            for a in &names {
                let found = index.candidates(a);
                for (i, b) in names.iter().enumerate() {
                    if a.len() != b.len() {
                        continue;
                    }
                    let n = a.len();
                    let near = |x: &str, y: &str| strsim::levenshtein(x, y) <= 2 && x.chars().next() == y.chars().next();
                    let first_differs = a[1..] == b[1..] && near(a[0], b[0]);
                    let last_differs = a[..n - 1] == b[..n - 1] && near(a[n - 1], b[n - 1]);
                    if first_differs || last_differs {
                        prop_assert!(found.contains(&i), "{:?} misses {:?}", a, b);
                    }
                }
            }
        }
    }
}
