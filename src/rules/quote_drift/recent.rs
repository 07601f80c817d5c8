//! quote-drift's index of recent texts by bag word (see [`super::similar`]):
//! only a word's latest [`RECENT`] texts are read.

use super::similar::RECENT;

/// Per bag word, the texts with it in their prefix and where (text, place
/// in its bag), newest first: each word's entries are chained through one
/// vector. A vector a word cost an allocation for each word of a quote's
/// prefix and a free for each at the end (a fifth of the rule on ordinary
/// articles, where most words are in one quote).
pub(super) struct RecentIndex {
    /// Per bag word, its newest entry's place in `entries` plus one (0: none).
    head: Vec<u32>,
    /// Per bag word, how many entries its chain holds.
    held: Vec<u32>,
    entries: Vec<Entry>,
    /// The first entry dropped and not reused yet, plus one (0: none); the
    /// others follow it through their `older`.
    free: u32,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    text: u32,
    place: u32,
    /// The word's next older entry's place plus one (0: none).
    older: u32,
}

impl RecentIndex {
    pub(super) fn new(words: usize) -> Self {
        RecentIndex { head: vec![0; words], held: vec![0; words], entries: Vec::new(), free: 0 }
    }

    /// Word `w`'s latest [`RECENT`] entries, newest first, as (text, place).
    pub(super) fn latest(&self, w: usize) -> impl Iterator<Item = (u32, u32)> + '_ {
        let mut at = self.head.get(w).copied().unwrap_or(0);
        std::iter::from_fn(move || {
            let e = self.entries.get(at.checked_sub(1)? as usize)?;
            at = e.older;
            Some((e.text, e.place))
        })
        .take(RECENT)
    }

    /// Lists `text` under word `w`, with the place of the word in its bag.
    pub(super) fn push(&mut self, w: usize, text: u32, place: u32) {
        let Some(&older) = self.head.get(w) else { return };
        let entry = Entry { text, place, older };
        // a dropped entry's room is taken first
        let at = match self.entries.get_mut(self.free.wrapping_sub(1) as usize) {
            Some(slot) => {
                let next = slot.older;
                *slot = entry;
                std::mem::replace(&mut self.free, next)
            }
            None => {
                self.entries.push(entry);
                self.entries.len() as u32
            }
        };
        self.head[w] = at;
        self.held[w] += 1;
        // only the latest RECENT of a word are ever read: once it holds
        // twice that, the older half is dropped (a common word would
        // otherwise list every text)
        if self.held[w] as usize >= 2 * RECENT {
            self.drop_older(w);
        }
    }

    /// Cuts word `w`'s chain after its latest [`RECENT`] entries, giving
    /// the room of the rest to the entries to come.
    fn drop_older(&mut self, w: usize) {
        let mut at = self.head[w];
        for _ in 1..RECENT {
            at = self.entries.get(at.wrapping_sub(1) as usize).map_or(0, |e| e.older);
        }
        let Some(last_kept) = self.entries.get_mut(at.wrapping_sub(1) as usize) else { return };
        let mut dropped = std::mem::replace(&mut last_kept.older, 0);
        while let Some(e) = self.entries.get_mut(dropped.wrapping_sub(1) as usize) {
            let next = std::mem::replace(&mut e.older, self.free);
            self.free = dropped;
            dropped = next;
        }
        self.held[w] = RECENT as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Chained, with each word's older entries dropped and their room
        /// reused, each word's entries read as the latest RECENT of a list
        /// a word, newest first.
        #[test]
        fn the_chained_index_reads_as_a_list_a_word(words in proptest::collection::vec(0usize..6, 0..5000)) {
            let mut index = RecentIndex::new(5);
            let mut lists: Vec<Vec<(u32, u32)>> = vec![Vec::new(); 5];
            for (text, &w) in words.iter().enumerate() {
                // word 5 is past the table, as a word with no entry is ignored
                index.push(w, text as u32, (text % 7) as u32);
                if let Some(list) = lists.get_mut(w) {
                    list.push((text as u32, (text % 7) as u32));
                }
            }
            // each word holds at most twice the entries read, and their room is reused
            prop_assert!(index.entries.len() <= 5 * 2 * RECENT);
            for (w, list) in lists.iter().enumerate() {
                let expected: Vec<(u32, u32)> = list.iter().rev().take(RECENT).copied().collect();
                prop_assert_eq!(index.latest(w).collect::<Vec<_>>(), expected);
            }
        }
    }
}
