//! quote-drift's numbering of words: each word an id, as first met, in a
//! table of its own. A map of owned or borrowed strings cost an allocation
//! for each new word that had to be lowered (and a free), and hashed each
//! word a byte at a time.

/// Words numbered from 0 in the order they are first given.
pub(super) struct Ids<'t> {
    /// Per slot, the id plus one of the word there (0: none); open
    /// addressing, at most half full.
    slots: Vec<u32>,
    /// Per id, its word's hash and where it is written.
    words: Vec<(u32, Spelling<'t>)>,
    /// The words that are not slices of the draft, back to back.
    copies: String,
}

/// Where a numbered word is written.
#[derive(Clone, Copy)]
enum Spelling<'t> {
    /// In the draft.
    Text(&'t str),
    /// In [`Ids::copies`], from and to.
    Copied(u32, u32),
}

impl<'t> Ids<'t> {
    /// A table with room for `words` words before it grows.
    pub(super) fn with_capacity(words: usize) -> Self {
        let slots = (2 * words).next_power_of_two().max(16);
        Ids { slots: vec![0; slots], words: Vec::with_capacity(words), copies: String::new() }
    }

    /// How many words have been numbered.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.words.len()
    }

    /// `word`'s id, numbering it first if it is new. `written` is the same
    /// word as a slice of the draft, when it is one: then it is not copied.
    #[inline]
    pub(super) fn id(&mut self, word: &str, written: Option<&'t str>) -> u32 {
        let hash = hash(word.as_bytes());
        let mask = self.slots.len() - 1;
        let mut at = hash as usize & mask;
        loop {
            let Some(&slot) = self.slots.get(at) else { return u32::MAX };
            let Some(id) = slot.checked_sub(1) else { break };
            if let Some(&(h, spelling)) = self.words.get(id as usize) {
                if h == hash && self.spelled(spelling) == word {
                    return id;
                }
            }
            at = (at + 1) & mask;
        }
        self.add(word, written, hash, at)
    }

    /// Numbers `word`, whose hash is `hash`, at the free slot `at`.
    fn add(&mut self, word: &str, written: Option<&'t str>, hash: u32, at: usize) -> u32 {
        let spelling = match written {
            Some(w) => Spelling::Text(w),
            None => {
                // a draft under the size limit has far fewer than 2^32 bytes of words
                let from = self.copies.len() as u32;
                self.copies.push_str(word);
                Spelling::Copied(from, self.copies.len() as u32)
            }
        };
        let id = self.words.len() as u32;
        self.words.push((hash, spelling));
        if let Some(slot) = self.slots.get_mut(at) {
            *slot = id + 1;
        }
        if 2 * self.words.len() > self.slots.len() {
            self.grow();
        }
        id
    }

    fn spelled(&self, spelling: Spelling<'t>) -> &str {
        match spelling {
            Spelling::Text(w) => w,
            Spelling::Copied(from, to) => self.copies.get(from as usize..to as usize).unwrap_or_default(),
        }
    }

    /// Twice the slots, each word placed again by its kept hash.
    fn grow(&mut self) {
        let mut slots = vec![0u32; 2 * self.slots.len()];
        let mask = slots.len() - 1;
        for (id, &(hash, _)) in self.words.iter().enumerate() {
            let mut at = hash as usize & mask;
            while slots[at] != 0 {
                at = (at + 1) & mask;
            }
            slots[at] = id as u32 + 1;
        }
        self.slots = slots;
    }
}

/// A word's hash: its bytes read as one to three numbers, multiplied in
/// (as FxHash), the high half kept. A word of up to eight bytes is read as
/// its first and last four (or its first, middle and last byte), which with
/// its length tell it from any other: read a byte at a time, hashing was
/// most of numbering a word.
#[inline]
fn hash(bytes: &[u8]) -> u32 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let add = |h: u64, word: u64| (h.rotate_left(5) ^ word).wrapping_mul(K);
    let four =
        |at: usize| bytes.get(at..at + 4).and_then(|b| <[u8; 4]>::try_from(b).ok()).map_or(0, u32::from_le_bytes);
    let eight =
        |at: usize| bytes.get(at..at + 8).and_then(|b| <[u8; 8]>::try_from(b).ok()).map_or(0, u64::from_le_bytes);
    let n = bytes.len();
    let h = add(0, n as u64);
    match n {
        0 => h,
        1..=3 => {
            let byte = |at: usize| bytes.get(at).copied().map_or(0, u64::from);
            add(h, byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16)
        }
        4..=8 => add(h, u64::from(four(0)) | u64::from(four(n - 4)) << 32),
        _ => {
            let mut h = h;
            let mut at = 0;
            while at + 8 < n {
                h = add(h, eight(at));
                at += 8;
            }
            add(h, eight(n - 8))
        }
    }
    .wrapping_shr(32) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    proptest::proptest! {
        /// Ids are numbered as first met, the same word always the same id,
        /// past the table's first room.
        #[test]
        fn ids_are_numbered_as_first_met(words in proptest::collection::vec("[a-c]{1,3}|[A-C]{9,10}", 0..300)) {
            let mut ids = Ids::with_capacity(4);
            let mut reference: HashMap<&str, u32> = HashMap::new();
            for (k, w) in words.iter().enumerate() {
                let next = reference.len() as u32;
                let expected = *reference.entry(w).or_insert(next);
                // every other word as a slice of the text, as the draft's are
                let written = (k % 2 == 0).then_some(w.as_str());
                proptest::prop_assert_eq!(ids.id(w, written), expected);
            }
            proptest::prop_assert_eq!(ids.len(), reference.len());
        }
    }
}
