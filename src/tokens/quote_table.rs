//! A block's quotation tokens, (token index, quote index) in token order:
//! the quotation index a token does not keep (see [`super::Token`]).

use std::ops::Deref;

/// The pairs, read as a slice. Nearly every block holds no quotation or
/// one, and those are held in place: a vector for each was an allocation
/// (and a shrinking reallocation) for every quoting paragraph, freed with
/// its tokens, and the holes 70,000 of them left among what stays raised an
/// 8 MB draft of one-quote paragraphs by about a mebibyte of resident memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuoteTable {
    One((u32, u32)),
    /// None (an empty slice allocates nothing), or more than one.
    Many(Box<[(u32, u32)]>),
}

impl Default for QuoteTable {
    fn default() -> Self {
        QuoteTable::Many(Box::default())
    }
}

impl Deref for QuoteTable {
    type Target = [(u32, u32)];

    fn deref(&self) -> &[(u32, u32)] {
        match self {
            QuoteTable::One(pair) => std::slice::from_ref(pair),
            QuoteTable::Many(pairs) => pairs,
        }
    }
}

/// A [`QuoteTable`] being filled in token order: a vector is made at the
/// second pair, and kept at its length when done.
#[derive(Debug, Default)]
pub struct TableBuilder {
    first: Option<(u32, u32)>,
    all: Vec<(u32, u32)>,
}

impl TableBuilder {
    pub fn push(&mut self, pair: (u32, u32)) {
        match self.first {
            None => self.first = Some(pair),
            Some(first) if self.all.is_empty() => self.all.extend([first, pair]),
            Some(_) => self.all.push(pair),
        }
    }

    pub fn finish(self) -> QuoteTable {
        if self.all.is_empty() {
            return self.first.map_or_else(QuoteTable::default, QuoteTable::One);
        }
        QuoteTable::Many(self.all.into_boxed_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built(pairs: &[(u32, u32)]) -> (QuoteTable, u64) {
        crate::budget::held_by(|| {
            let mut table = TableBuilder::default();
            pairs.iter().for_each(|&p| table.push(p));
            table.finish()
        })
    }

    #[test]
    fn no_pair_or_one_is_held_in_place_and_more_at_their_length() {
        let (none, held) = built(&[]);
        assert_eq!((&none[..], held), (&[][..], 0));
        let (one, held) = built(&[(3, 7)]);
        assert!(matches!(one, QuoteTable::One((3, 7))));
        assert_eq!((&one[..], held), (&[(3, 7)][..], 0));
        let pairs: Vec<(u32, u32)> = (0..5).map(|k| (2 * k, k)).collect();
        let (five, held) = built(&pairs);
        assert_eq!((&five[..], held), (&pairs[..], 40));
    }
}
