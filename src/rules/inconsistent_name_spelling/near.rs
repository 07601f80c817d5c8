//! Finding the names that may be spelled nearly like a given one without
//! comparing it with every name in the draft. Two spellings are near only
//! when all their words but the first (or the last) are the same, and that
//! word starts with the same letter and is at most two letters longer or
//! shorter: names are grouped by exactly that, and only a group is compared,
//! at most its [`GROUP`] first-used names (a draft would need dozens of
//! people sharing a first name, a surname's initial and its length for this
//! to leave one out).

use crate::lexicon::FastHash;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hash};

/// How many names of a group are compared, at most.
pub const GROUP: usize = 16;

/// Distinct names (as words), grouped for [`NameIndex::candidates`].
pub struct NameIndex {
    /// Hash of (which word may differ, the other words, that word's first
    /// letter and length) → the first [`GROUP`] names with it (no more are
    /// read). A hash collision only adds candidates, which the caller's
    /// exact comparison drops.
    groups: HashMap<u64, Vec<u32>, FastHash>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Side {
    First,
    Last,
}

impl NameIndex {
    pub fn new(names: &[&[&str]]) -> Self {
        let mut groups: HashMap<u64, Vec<u32>, FastHash> = HashMap::default();
        // indices in 32 bits: a draft has far fewer than 2^32 distinct names
        for (i, name) in (0u32..).zip(names) {
            crate::budget::tick();
            for side in [Side::First, Side::Last] {
                if let Some((first, len)) = differing(name, side) {
                    let group = groups.entry(key(name, side, first, len)).or_default();
                    if group.len() < GROUP {
                        group.push(i);
                    }
                }
            }
        }
        NameIndex { groups }
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
                if let Some(list) = self.groups.get(&key(name, side, first, len)) {
                    out.extend(list.iter().map(|&i| i as usize));
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
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
        let index = NameIndex::new(&names.iter().map(Vec::as_slice).collect::<Vec<_>>());
        // "Novakova" is three letters longer than "Novak"
        assert_eq!(index.candidates(&names[0]), [0, 1, 3, 4]);
        assert_eq!(index.candidates(&v("Hong Min")), Vec::<usize>::new());
    }

    proptest! {
        /// Every pair within two edits on one side, same first letter, the rest the same, is a candidate.
        #[test]
        fn no_near_spelling_is_missed(names in prop::collection::vec("[A-C][a-c]{0,5}( [A-C][a-c]{0,5}){1,2}", 1..GROUP)) {
            let names: Vec<Vec<&str>> = names.iter().map(|n| v(n)).collect();
            let index = NameIndex::new(&names.iter().map(Vec::as_slice).collect::<Vec<_>>());
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
