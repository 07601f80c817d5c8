//! Cheap hashes of the lexicon's words: FxHash for the maps (the rule files
//! are the user's own, so no input is chosen to collide), and a one-hash
//! Bloom filter that rules most words of a draft out before they are lowered
//! or hashed at all.

use std::hash::{BuildHasherDefault, Hasher};

/// How many `u64`s a word filter has: 4,096 bits.
pub(super) const FILTER_WORDS: usize = 64;

/// Where a word (lowered or not) falls in a `WordMatcher`'s filter: the
/// index of a `u64` and the bit in it.
#[inline]
pub(super) fn filter_bit(word: &[u8]) -> (usize, u64) {
    let byte = |i: usize| word.get(i).map_or(0, u8::to_ascii_lowercase);
    let len = word.len().min(255) as u8;
    let last = word.len().saturating_sub(1);
    filter_bit_of_key(u32::from_le_bytes([byte(0), byte(1), byte(last), len]))
}

/// [`filter_bit`] of the word whose lowered first, second and last bytes
/// and length are `key`'s bytes, lowest first: a caller that has them at
/// hand (see `WordMatcher::may_start_letters`) need not read them again.
#[inline]
pub(super) fn filter_bit_of_key(key: u32) -> (usize, u64) {
    let mixed = key.wrapping_mul(0x9e37_79b1) >> 20;
    let mixed = mixed as usize % (FILTER_WORDS * 64);
    (mixed / 64, 1 << (mixed % 64))
}

/// A one-hash Bloom filter of words, ASCII case aside, over the same bits
/// as a `WordMatcher`'s filter of first words: a word not inserted is ruled out, most of
/// the time, without being lowered or hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordFilter([u64; FILTER_WORDS]);

impl Default for WordFilter {
    fn default() -> Self {
        WordFilter([0; FILTER_WORDS])
    }
}

impl WordFilter {
    pub fn insert(&mut self, word: &[u8]) {
        let (i, bit) = filter_bit(word);
        if let Some(w) = self.0.get_mut(i) {
            *w |= bit;
        }
    }

    /// Whether `word` may have been inserted (no false negatives).
    pub fn may_hold(&self, word: &[u8]) -> bool {
        let (i, bit) = filter_bit(word);
        self.0.get(i).is_some_and(|w| w & bit != 0)
    }
}

/// A fast hash for the strings of the lexicon, which are not attacker-chosen
/// (the rule files are the user's own).
pub type FastHash = BuildHasherDefault<FxHasher>;

/// FxHash, as in rustc.
#[derive(Default)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}
