//! The lexicon's sets and maps of words, as plain arrays that build.rs can
//! write out. Filling hash maps with the built-in lists' ~4,000 words
//! (verb forms, titles, roles, given names, the matchers' first words...)
//! took a tenth of checking a 6 KB draft, at every start; a table build.rs
//! wrote is used in place. Its parts are numbers and bytes, no pointers, so
//! the loader has nothing to relocate in them either. A lexicon extended by
//! a config builds its own tables the same way.

use super::chars::padded_word;
use std::borrow::Cow;

/// A key of a [`WordMap`], `keys[.0...1]`, and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct K<V>(pub u32, pub u32, pub V);

/// Keys (bytes: a word, or a matcher's first word) to values, by open
/// addressing.
#[derive(Clone, PartialEq)]
pub struct WordMap<V: Clone + 'static> {
    /// Every key, back to back.
    keys: Cow<'static, [u8]>,
    entries: Cow<'static, [K<V>]>,
    /// By [`hash`]: a byte of the hash of the key in the slot, with the top
    /// bit set, 0 for an empty slot. Most words asked for are in no list: a
    /// probe reads these bytes (a few KB, which stay in the cache) and goes
    /// on to `slots` and the key only when one matches. The length is a
    /// power of two, at least four times the number of entries: a probe
    /// ends, and a word in no list meets an empty slot after 1.4 probes on
    /// average (2.5 at half full).
    tags: Cow<'static, [u8]>,
    /// Per slot: its entry's index plus one, 0 for none.
    slots: Cow<'static, [u32]>,
}

/// A [`WordMap`]'s keys, entries, tags and slots.
pub type Parts<'a, V> = (&'a [u8], &'a [K<V>], &'a [u8], &'a [u32]);

/// Slots per entry, at least.
const ROOM: usize = 4;

/// A set of words: a map to nothing.
pub type WordSet = WordMap<()>;

impl<V: Clone + 'static> Default for WordMap<V> {
    fn default() -> Self {
        WordMap::frozen(&[], &[], &[], &[])
    }
}

impl<V: Clone + 'static> WordMap<V> {
    /// A table build.rs wrote (see `emit::word_map`).
    pub const fn frozen(
        keys: &'static [u8],
        entries: &'static [K<V>],
        tags: &'static [u8],
        slots: &'static [u32],
    ) -> Self {
        WordMap {
            keys: Cow::Borrowed(keys),
            entries: Cow::Borrowed(entries),
            tags: Cow::Borrowed(tags),
            slots: Cow::Borrowed(slots),
        }
    }

    /// An empty table with room for `n` entries.
    pub fn with_capacity(n: usize) -> Self {
        let mut map = WordMap::default();
        map.grow(n);
        map
    }

    /// The entries of `pairs`, a later value for a key replacing an earlier
    /// one. The table depends on the order of the keys only: build.rs and
    /// the crate, given the same pairs in any order, build the same one.
    pub fn build<Q: AsRef<[u8]>>(pairs: impl IntoIterator<Item = (Q, V)>) -> Self {
        let mut pairs: Vec<(Q, V)> = pairs.into_iter().collect();
        // stable, so that of equal keys the last given is inserted last
        pairs.sort_by(|a, b| a.0.as_ref().cmp(b.0.as_ref()));
        let mut map = WordMap::with_capacity(pairs.len());
        for (key, value) in pairs {
            map.insert(key.as_ref(), value);
        }
        map
    }

    /// Sets the value of `key`.
    pub fn insert(&mut self, key: &[u8], value: V) {
        self.update(key, || value.clone(), |v| *v = value.clone());
    }

    /// Applies `change` to the value of `key`, or adds `key` with `new()`.
    pub fn update(&mut self, key: &[u8], new: impl FnOnce() -> V, change: impl FnOnce(&mut V)) {
        let (slot, tag, found) = self.slot_of(key);
        if let Some(i) = found {
            if let Some(K(_, _, value)) = self.entries.to_mut().get_mut(i) {
                change(value);
            }
            return;
        }
        if ROOM * (self.entries.len() + 1) > self.tags.len() {
            self.grow(self.entries.len() + 1);
            return self.update(key, new, change);
        }
        let start = self.keys.len();
        let (Ok(lo), Ok(hi), Ok(number)) =
            (u32::try_from(start), u32::try_from(start + key.len()), u32::try_from(self.entries.len() + 1))
        else {
            return; // four gigabytes of words: not a lexicon
        };
        self.keys.to_mut().extend_from_slice(key);
        self.entries.to_mut().push(K(lo, hi, new()));
        if let (Some(t), Some(s)) = (self.tags.to_mut().get_mut(slot), self.slots.to_mut().get_mut(slot)) {
            (*t, *s) = (tag, number);
        }
    }

    /// Makes room for `n` entries in all, placing the present ones again
    /// (in their order, so the result depends on nothing else).
    fn grow(&mut self, n: usize) {
        let size = (ROOM * n).next_power_of_two().max(2);
        if size <= self.tags.len() {
            return;
        }
        self.tags = Cow::Owned(vec![0; size]);
        self.slots = Cow::Owned(vec![0; size]);
        for i in 0..self.entries.len() {
            let (slot, tag, _) = self.slot_of(self.key(i));
            if let (Some(t), Some(s)) = (self.tags.to_mut().get_mut(slot), self.slots.to_mut().get_mut(slot)) {
                (*t, *s) = (tag, i as u32 + 1);
            }
        }
    }

    /// The key of entry `i`, as bytes: slicing a `str` would check
    /// character boundaries on every probe that compares.
    fn key(&self, i: usize) -> &[u8] {
        let Some(&K(start, end, _)) = self.entries.get(i) else { return &[] };
        self.keys.get(start as usize..end as usize).unwrap_or_default()
    }

    /// Where `key` is, or would go, in `slots`, its tag, and its entry if it has one.
    #[inline]
    fn slot_of(&self, key: &[u8]) -> (usize, u8, Option<usize>) {
        let (tags, slots) = (&*self.tags, &*self.slots);
        let mask = tags.len().saturating_sub(1);
        let hash = hash(key);
        let tag = (hash as u8) | 0x80;
        // The high bits of the hash are the best mixed.
        let mut slot = (hash >> 32) as usize & mask;
        loop {
            match tags.get(slot).copied().unwrap_or(0) {
                0 => return (slot, tag, None),
                held if held == tag => {
                    let i = slots.get(slot).map_or(0, |&n| n as usize).wrapping_sub(1);
                    if self.key(i) == key {
                        return (slot, tag, Some(i));
                    }
                }
                _ => {}
            }
            slot = (slot + 1) & mask;
        }
    }

    /// The value of `key`: the probe of `slot_of`, reading only the
    /// tags until one matches. Nine words in ten asked for are in no list,
    /// and the general probe's setup (every part of the table loaded, its
    /// answer returned through memory) was most of the cost of asking.
    #[inline]
    pub fn get<Q: AsRef<[u8]> + ?Sized>(&self, key: &Q) -> Option<&V> {
        let key = key.as_ref();
        let tags = &*self.tags;
        // (an empty table's mask reads past its end at once: not found)
        let mask = tags.len().wrapping_sub(1);
        let hash = hash(key);
        let tag = (hash as u8) | 0x80;
        let mut slot = (hash >> 32) as usize & mask;
        loop {
            match *tags.get(slot)? {
                0 => return None,
                held if held == tag => {
                    if let Some(value) = self.value_at(slot, key) {
                        return Some(value);
                    }
                }
                _ => {}
            }
            slot = (slot + 1) & mask;
        }
    }

    /// The value in `slot` if its key is `key`.
    #[inline(never)]
    fn value_at(&self, slot: usize, key: &[u8]) -> Option<&V> {
        let i = self.slots.get(slot).map_or(0, |&n| n as usize).wrapping_sub(1);
        let K(_, _, value) = self.entries.get(i)?;
        (self.key(i) == key).then_some(value)
    }

    #[inline]
    pub fn contains<Q: AsRef<[u8]> + ?Sized>(&self, key: &Q) -> bool {
        self.get(key).is_some()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every key and its value, in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = (&[u8], &V)> {
        self.entries.iter().enumerate().map(|(i, K(_, _, value))| (self.key(i), value))
    }

    /// [`WordMap::iter`] for a map whose keys are words (every key of the
    /// lexicon's word maps was a `&str`).
    pub fn words(&self) -> impl Iterator<Item = (&str, &V)> {
        self.iter().map(|(key, value)| (std::str::from_utf8(key).unwrap_or_default(), value))
    }

    /// The parts build.rs writes out.
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn parts(&self) -> Parts<'_, V> {
        (&self.keys, &self.entries, &self.tags, &self.slots)
    }
}

/// A hash of a key that is the same on every platform, so that the table
/// build.rs writes on the build machine is the one the binary probes: eight
/// bytes at a time, multiplied (FxHash's step, with the length mixed in).
pub(super) fn hash(key: &[u8]) -> u64 {
    const M: u64 = 0xf135_7aea_2e62_a9c5;
    let mut h = (key.len() as u64).wrapping_mul(M);
    // most keys asked for are words of eight bytes or fewer: one step, no loop
    if key.len() <= 8 {
        if key.is_empty() {
            return h;
        }
        return (h.rotate_left(26) ^ padded_word(key)).wrapping_mul(M);
    }
    let mut chunks = key.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = (h.rotate_left(26) ^ u64::from_le_bytes(word)).wrapping_mul(M);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        h = (h.rotate_left(26) ^ padded_word(rest)).wrapping_mul(M);
    }
    h
}

#[cfg(test)]
impl<V: Clone + 'static> WordMap<V> {
    /// Whether the table is used in place, not copied.
    pub fn is_borrowed(&self) -> bool {
        [matches!(self.keys, Cow::Borrowed(_)), matches!(self.tags, Cow::Borrowed(_))]
            .into_iter()
            .chain([matches!(self.entries, Cow::Borrowed(_)), matches!(self.slots, Cow::Borrowed(_))])
            .all(|b| b)
    }

    /// Panics unless every entry sits in one slot with its tag and the table has room.
    pub fn assert_sound(&self) {
        let (keys, entries, tags, slots) = self.parts();
        assert!(tags.len() == slots.len() && tags.len() >= ROOM * entries.len());
        assert!(tags.is_empty() || tags.len().is_power_of_two());
        assert!(entries.iter().all(|K(s, e, _)| s <= e && *e as usize <= keys.len()));
        assert!(tags.iter().zip(slots).all(|(&t, &n)| (t == 0) == (n == 0)), "a slot is empty in both or neither");
        let mut held: Vec<u32> = slots.iter().copied().filter(|&n| n != 0).collect();
        held.sort_unstable();
        assert_eq!(held, (1..=entries.len() as u32).collect::<Vec<_>>(), "every entry in one slot");
        for (i, (key, _)) in self.iter().enumerate() {
            assert_eq!(self.slot_of(key).2, Some(i), "{:?}", String::from_utf8_lossy(key));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{hash, WordMap};
    use std::collections::HashMap;

    /// [`hash`] as it was written for keys of any length: the tables
    /// build.rs wrote are placed by it, so the step for short keys must
    /// give the same number.
    fn hash_by_chunks(key: &[u8]) -> u64 {
        const M: u64 = 0xf135_7aea_2e62_a9c5;
        let mut h = (key.len() as u64).wrapping_mul(M);
        let mut chunks = key.chunks_exact(8);
        for chunk in &mut chunks {
            h = (h.rotate_left(26) ^ u64::from_le_bytes(chunk.try_into().unwrap())).wrapping_mul(M);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut padded = [0u8; 8];
            padded[..rest.len()].copy_from_slice(rest);
            h = (h.rotate_left(26) ^ u64::from_le_bytes(padded)).wrapping_mul(M);
        }
        h
    }

    #[test]
    fn a_short_key_hashes_as_any_key() {
        let bytes: Vec<u8> = (0..40u8).map(|k| k.wrapping_mul(73) ^ 0xa5).collect();
        for n in 0..=bytes.len() {
            for from in [0, 3] {
                let key = &bytes[from..(from + n).min(bytes.len())];
                assert_eq!(hash(key), hash_by_chunks(key), "{key:?}");
            }
        }
        assert_eq!(hash(b"said"), hash_by_chunks(b"said"));
        assert_eq!(hash(b"spokeswoman"), hash_by_chunks(b"spokeswoman"));
    }

    /// The lean probe of [`WordMap::get`] finds what the general one finds,
    /// for keys in the table and keys not, of every length.
    #[test]
    fn get_finds_what_the_general_probe_finds() {
        let words: Vec<String> = (0..600).map(|i| format!("{}{i}", "w".repeat(i % 13))).collect();
        let map = WordMap::build(words.iter().step_by(2).map(|w| (w.as_str(), w.len())));
        for w in &words {
            let general = map.slot_of(w.as_bytes()).2.map(|i| map.entries[i].2);
            assert_eq!(map.get(w.as_str()).copied(), general, "{w}");
            assert_eq!(map.contains(w.as_str()), general.is_some());
        }
        assert_eq!(map.get(""), None);
        let empty: WordMap<usize> = WordMap::default();
        assert_eq!((empty.get("w1"), empty.get("")), (None, None));
    }

    /// Keys whose hashes land in one slot are all found: the probe goes on
    /// past a slot held by another key.
    #[test]
    fn colliding_keys_are_all_found() {
        let home = |w: &str| (hash(w.as_bytes()) >> 32) & 7;
        // Of nine words two share a home slot in a table of eight.
        let words: Vec<String> = (0..9).map(|i| format!("w{i}")).collect();
        let pair = words
            .iter()
            .enumerate()
            .find_map(|(i, a)| words[..i].iter().find(|b| home(b) == home(a)).map(|b| [b, a]))
            .expect("pigeonhole");
        let mut map = WordMap::with_capacity(2);
        assert_eq!(map.parts().2.len(), 8);
        for (i, w) in pair.iter().enumerate() {
            map.insert(w.as_bytes(), i);
        }
        for (i, w) in pair.iter().enumerate() {
            assert_eq!(map.get(w.as_str()), Some(&i));
        }
        assert_eq!(map.get("delta"), None);
        map.assert_sound();
    }

    /// The table answers what a hash map given the same inserts and updates
    /// answers, through every growth, for keys in it and keys not.
    #[test]
    fn the_table_agrees_with_a_hash_map() {
        let mut map: WordMap<u32> = WordMap::default();
        let mut reference: HashMap<Vec<u8>, u32> = HashMap::new();
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let key = |n: u64| format!("k{}", n % 3_000).into_bytes();
        for round in 0..5_000u32 {
            let k = key(next());
            if round % 3 == 0 {
                map.update(&k, || round, |v| *v += 1);
                reference.entry(k).and_modify(|v| *v += 1).or_insert(round);
            } else {
                map.insert(&k, round);
                reference.insert(k, round);
            }
        }
        map.assert_sound();
        assert_eq!(map.len(), reference.len());
        for n in 0..4_000 {
            let k = key(n).into_iter().chain((n >= 3_000).then_some(b'x')).collect::<Vec<u8>>();
            assert_eq!(map.get(&k), reference.get(&k), "{}", String::from_utf8_lossy(&k));
        }
        assert!(map.iter().all(|(k, v)| reference.get(k) == Some(v)));
    }

    /// build.rs and a config build a table from the same pairs in any
    /// order; the table must come out the same (a later value still wins).
    #[test]
    fn a_built_table_depends_on_its_keys_not_their_order() {
        let pairs = [("said", 1), ("told", 2), ("", 3), ("Élysée", 4), ("a much longer key than eight", 5)];
        let mut shuffled = pairs;
        shuffled.reverse();
        let (a, b) = (WordMap::build(pairs), WordMap::build(shuffled));
        assert!(a == b);
        assert_eq!(a.get(""), Some(&3));
        assert_eq!(a.get("Élysée"), Some(&4));
        assert_eq!(WordMap::build([("x", 1), ("x", 2)]).get("x"), Some(&2));
        let empty: WordMap<()> = WordMap::default();
        assert!(!empty.contains("") && !empty.contains("said") && empty.is_empty());
    }
}
