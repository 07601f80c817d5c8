//! Every quotation's attribution, held for the quotations that have one.
//!
//! A draft may hold hundreds of thousands of quotations while its rules
//! run, and in a draft dense with quotes most have no speaker, cue or
//! channel: a record for each (80 bytes) was the largest thing such a
//! draft held, and it was held while attribution made the tokens of its
//! longest paragraph. An empty attribution takes four bytes here.

use super::Attribution;
use std::ops::Index;

/// The empty attribution every quotation without one reads.
static NONE: Attribution = Attribution { speaker: None, cue: None, channel: None };

/// One attribution for each of a draft's quotations (in the scanner's
/// order), read as if it were a slice of them.
#[derive(Debug, Clone, Default)]
pub struct Attributions {
    /// For each quotation, one plus its record's index in `held`; 0 for none.
    slot: Vec<u32>,
    held: Vec<Attribution>,
}

impl Attributions {
    /// `quotes` empty attributions.
    pub fn empty(quotes: usize) -> Self {
        Attributions { slot: vec![0; quotes], held: Vec::new() }
    }

    /// How many quotations there are (attributed or not).
    pub fn len(&self) -> usize {
        self.slot.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slot.is_empty()
    }

    /// Quotation `i`'s attribution (empty for one with none); `None` past the last quotation.
    pub fn get(&self, i: usize) -> Option<&Attribution> {
        let slot = *self.slot.get(i)?;
        Some(slot.checked_sub(1).and_then(|h| self.held.get(h as usize)).unwrap_or(&NONE))
    }

    /// Every quotation's attribution, in order.
    pub fn iter(&self) -> Iter<'_> {
        Iter { all: self, next: 0 }
    }

    /// Gives quotation `i` (one of [`Attributions::len`]) the attribution `a`.
    pub fn set(&mut self, i: usize, a: Attribution) {
        let Some(slot) = self.slot.get_mut(i) else { return };
        match slot.checked_sub(1) {
            Some(h) => self.held[h as usize] = a,
            // an empty one needs no record; fewer than 4 G quotations fit a slot
            None if a != NONE => {
                if self.held.len() == self.held.capacity() {
                    // grown by an eighth, not doubled: the room of a doubling
                    // counts against the draft's memory budget (see `budget`)
                    self.held.reserve_exact(self.held.len() / 8 + 16);
                }
                self.held.push(a);
                *slot = self.held.len() as u32;
            }
            None => {}
        }
    }

    /// Once every quotation has its attribution: without the room of the records' growth.
    pub fn finish(&mut self) {
        self.held.shrink_to_fit();
    }
}

impl From<Vec<Attribution>> for Attributions {
    fn from(all: Vec<Attribution>) -> Self {
        let mut out = Attributions::empty(all.len());
        for (i, a) in all.into_iter().enumerate() {
            out.set(i, a);
        }
        out.finish();
        out
    }
}

impl Index<usize> for Attributions {
    type Output = Attribution;

    fn index(&self, i: usize) -> &Attribution {
        match self.get(i) {
            Some(a) => a,
            None => panic!("quotation {i} of {}", self.len()),
        }
    }
}

/// Two are equal when every quotation's attribution is, however they are held.
impl PartialEq for Attributions {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for Attributions {}

/// See [`Attributions::iter`].
#[derive(Debug, Clone)]
pub struct Iter<'a> {
    all: &'a Attributions,
    next: usize,
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a Attribution;

    fn next(&mut self) -> Option<&'a Attribution> {
        let a = self.all.get(self.next)?;
        self.next += 1;
        Some(a)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.all.len().saturating_sub(self.next);
        (left, Some(left))
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Attributions {
    type Item = &'a Attribution;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::{Cue, Speaker, SpeakerKind};
    use crate::span::Span;

    fn said(at: usize) -> Attribution {
        Attribution {
            speaker: Some(Speaker::new("she".into(), Span::new(at, at + 3), SpeakerKind::Pronoun, None)),
            cue: Some(Cue::new("said".into(), Span::new(at + 4, at + 8))),
            channel: None,
        }
    }

    #[test]
    fn each_quotation_reads_back_what_it_was_given() {
        let mut all = Attributions::empty(5);
        all.set(3, said(30));
        all.set(1, said(10));
        all.set(3, said(33));
        all.set(1, Attribution::default());
        all.set(9, said(90));
        all.finish();
        let expected = [
            Attribution::default(),
            Attribution::default(),
            Attribution::default(),
            said(33),
            Attribution::default(),
        ];
        assert_eq!(all.iter().cloned().collect::<Vec<_>>(), expected);
        assert_eq!(all.iter().len(), 5);
        assert_eq!((all.get(3), all.get(5)), (Some(&said(33)), None));
        assert_eq!(all, Attributions::from(expected.to_vec()));
        assert_ne!(all, Attributions::from(vec![Attribution::default(); 5]));
    }

    #[test]
    fn quotations_without_attribution_are_held_in_four_bytes_each() {
        let (all, held) = crate::budget::held_by(|| {
            let mut all = Attributions::empty(100_000);
            (0..100_000).step_by(100).for_each(|i| all.set(i, said(i)));
            all.finish();
            all
        });
        assert_eq!(all.iter().filter(|a| a.speaker.is_some()).count(), 1_000);
        // counted by this thread's allocator: 80 bytes a quotation in a
        // vector of records before (8 MB here); a record and its two words
        // for each attributed one
        let size = std::mem::size_of::<Attribution>() as u64;
        assert!(held <= 4 * 100_000 + 1_000 * (size + 64), "{held} bytes");
    }
}
