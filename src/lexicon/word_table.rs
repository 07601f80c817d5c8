//! One hash lookup per word for what the verb, title and role lists say of
//! it. Tokenising a draft asked each word of the three lists in turn (and
//! the role list twice for a word ending in "s"), each with its own
//! trimming and folding: a few per cent of a `check`. This table holds every
//! ASCII form those lookups can match, so a plain lower-case ASCII word (the
//! common case) is looked up once; any other word is left to the lists.

use super::index::Index;
use super::VerbId;
use std::borrow::Cow;

/// What the verb, title and role lists say of a lower-case ASCII word (see
/// [`super::Lexicon::listed`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Listed {
    /// [`super::Lexicon::verb_id`] of the word.
    pub verb: Option<VerbId>,
    /// Without a trailing full stop, it is a title ("sen", "sen.");
    /// whether it must be capitalised is for the caller to check.
    pub title: bool,
    /// A role noun, or one with an "s" after it ("officials").
    pub role: bool,
}

/// Every form the three lists can match, with what each says of it. Built
/// without an allocation per entry (a map of owned keys took 1.7 M
/// instructions, a sixth of checking a 6 KB draft): the forms sit back to
/// back in one string, found by hash in an open-addressing table. The
/// built-in lists' table is written by build.rs (building it took ~0.14 ms
/// of every `check`), so its parts are plain numbers that need no
/// relocation; a lexicon extended by a config builds its own.
pub(super) struct WordTable {
    /// Every form, back to back.
    forms: Cow<'static, str>,
    entries: Cow<'static, [Entry]>,
    /// By [`hash`]: a byte of the hash of the form in the slot, with the
    /// top bit set, 0 for an empty slot. Most words of a draft are not in
    /// the table: a probe reads these bytes (a few KB, which stay in the
    /// cache) and goes on to `slots` and the form only when one matches.
    /// The length is a power of two, at least twice the number of entries,
    /// so a probe ends.
    tags: Cow<'static, [u8]>,
    /// Per slot: its entry's index plus one, 0 for none.
    slots: Cow<'static, [u32]>,
}

/// A form and what the lists say of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Entry {
    /// Where the form is in `forms`: start and end.
    pub(super) form: (u32, u32),
    /// The [`VerbId`]'s number, 0 for none.
    pub(super) verb: u32,
    pub(super) title: bool,
    pub(super) role: bool,
}

impl WordTable {
    /// Built from the lists' own maps, so the table answers what they do.
    pub(super) fn build(index: &Index) -> WordTable {
        let n = index.verbs.len() + 2 * index.titles.len() + 2 * index.roles.len();
        let mut table = WordTable {
            forms: Cow::Owned(String::with_capacity(n * 12)),
            entries: Cow::Owned(Vec::with_capacity(n)),
            tags: Cow::Owned(vec![0; (2 * n).next_power_of_two().max(2)]),
            slots: Cow::Owned(vec![0; (2 * n).next_power_of_two().max(2)]),
        };
        // Sorted, so that build.rs writes the same table at every build.
        let mut verbs: Vec<(&str, u32)> = index.verbs.iter().map(|(form, &id)| (&**form, id)).collect();
        verbs.sort_unstable();
        for (form, id) in verbs {
            let verb = VerbId::from_index(id).map_or(0, VerbId::number);
            table.update(form, "", |e| e.verb = verb);
        }
        // a title's key has no trailing full stop; the word may have one
        let mut titles: Vec<&str> = index.titles.keys().map(|t| &**t).filter(|t| !t.ends_with('.')).collect();
        titles.sort_unstable();
        for title in titles {
            table.update(title, "", |e| e.title = true);
            table.update(title, ".", |e| e.title = true);
        }
        let mut roles: Vec<&str> = index.roles.iter().map(|r| &**r).collect();
        roles.sort_unstable();
        for role in roles {
            table.update(role, "", |e| e.role = true);
            table.update(role, "s", |e| e.role = true);
        }
        table
    }

    /// The table build.rs wrote (see `emit::word_table`).
    pub(super) const fn frozen(
        forms: &'static str,
        entries: &'static [Entry],
        tags: &'static [u8],
        slots: &'static [u32],
    ) -> WordTable {
        WordTable {
            forms: Cow::Borrowed(forms),
            entries: Cow::Borrowed(entries),
            tags: Cow::Borrowed(tags),
            slots: Cow::Borrowed(slots),
        }
    }

    /// The parts build.rs writes out (the crate itself only compares them in tests).
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) fn parts(&self) -> (&str, &[Entry], &[u8], &[u32]) {
        (&self.forms, &self.entries, &self.tags, &self.slots)
    }

    /// Applies `set` to the entry of the form `word` + `suffix`, adding it if new.
    fn update(&mut self, word: &str, suffix: &str, set: impl FnOnce(&mut Entry)) {
        let forms = self.forms.to_mut();
        let start = forms.len();
        forms.push_str(word);
        forms.push_str(suffix);
        let end = forms.len();
        let (slot, tag, found) = self.find(start, end);
        if let Some(i) = found {
            self.forms.to_mut().truncate(start);
            if let Some(entry) = self.entries.to_mut().get_mut(i) {
                set(entry);
            }
            return;
        }
        let (Ok(lo), Ok(hi), Ok(number)) =
            (u32::try_from(start), u32::try_from(end), u32::try_from(self.entries.len() + 1))
        else {
            self.forms.to_mut().truncate(start);
            return;
        };
        let mut entry = Entry { form: (lo, hi), verb: 0, title: false, role: false };
        set(&mut entry);
        self.entries.to_mut().push(entry);
        if let (Some(t), Some(s)) = (self.tags.to_mut().get_mut(slot), self.slots.to_mut().get_mut(slot)) {
            (*t, *s) = (tag, number);
        }
    }

    /// [`WordTable::slot_of`] the form `forms[start..end]`.
    fn find(&self, start: usize, end: usize) -> (usize, u8, Option<usize>) {
        let form = self.forms.get(start..end).unwrap_or_default();
        self.slot_of(form)
    }

    /// Where `form` is, or would go, in `slots`, its tag, and its entry if it has one.
    #[inline]
    fn slot_of(&self, form: &str) -> (usize, u8, Option<usize>) {
        let (tags, slots) = (&*self.tags, &*self.slots);
        let mask = tags.len().saturating_sub(1);
        let hash = hash(form.as_bytes());
        let tag = (hash as u8) | 0x80;
        // The high bits of the hash are the best mixed.
        let mut slot = (hash >> 32) as usize & mask;
        loop {
            match tags.get(slot).copied().unwrap_or(0) {
                0 => return (slot, tag, None),
                held if held == tag => {
                    let i = slots.get(slot).map_or(0, |&n| n as usize).wrapping_sub(1);
                    if self.entries.get(i).is_some_and(|e| self.form(e) == form.as_bytes()) {
                        return (slot, tag, Some(i));
                    }
                }
                _ => {}
            }
            slot = (slot + 1) & mask;
        }
    }

    /// An entry's form, as bytes: slicing the `str` would check character
    /// boundaries on every probe that compares.
    fn form(&self, e: &Entry) -> &[u8] {
        self.forms.as_bytes().get(e.form.0 as usize..e.form.1 as usize).unwrap_or_default()
    }

    /// What the lists say of `lower`, if it is a word the table covers: all
    /// ASCII, no capitals or spaces, not ending in ".." or "ss" (the lists
    /// strip every trailing full stop or "s", the table only one).
    pub(super) fn get(&self, lower: &str) -> Option<Listed> {
        let bytes = lower.as_bytes();
        let plain = !bytes.is_empty()
            && bytes.iter().all(|&b| b.is_ascii() && !b.is_ascii_uppercase() && !b.is_ascii_whitespace());
        if !plain || lower.ends_with("..") || lower.ends_with("ss") {
            return None;
        }
        let Some(i) = self.slot_of(lower).2 else { return Some(Listed::default()) };
        let e = self.entries.get(i)?;
        Some(Listed { verb: VerbId::from_number(e.verb), title: e.title, role: e.role })
    }
}

/// A hash of a form that is the same on every platform, so that the table
/// build.rs writes on the build machine is the one the binary probes: eight
/// bytes at a time, multiplied (FxHash's step, with the length mixed in).
fn hash(form: &[u8]) -> u64 {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let mut h = (form.len() as u64).wrapping_mul(K);
    let mut chunks = form.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = (h.rotate_left(26) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(26) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::WordTable;
    use crate::lexicon::{Language, Lexicon, Listed};

    /// What the lists say of `lower` asked one by one, as tokenising did.
    fn one_by_one(lex: &Lexicon, lower: &str) -> Listed {
        Listed {
            verb: lex.verb_id(lower),
            title: lex.index.titles.contains_key(lower.trim().trim_end_matches('.')),
            role: lex.is_role_noun(lower)
                || (lower.ends_with('s') && lex.is_role_noun(lower.trim_end_matches('s'))),
        }
    }

    #[test]
    fn the_frozen_table_is_the_one_the_lists_build() {
        for language in [Language::En, Language::Fr] {
            let lex = Lexicon::builtin_for(language);
            let built = WordTable::build(&lex.index);
            let frozen = crate::lexicon::frozen::word_table(language);
            assert!(built.parts() == frozen.parts(), "{language:?}: build.rs wrote a different word table");
            let (_, entries, tags, slots) = frozen.parts();
            assert!(tags.len().is_power_of_two() && tags.len() >= 2 * entries.len() && tags.len() == slots.len());
            assert!(
                tags.iter().zip(slots).all(|(&t, &n)| (t == 0) == (n == 0)),
                "a slot is empty in both or neither"
            );
            // every entry is in the slot table once
            let mut held: Vec<u32> = slots.iter().copied().filter(|&n| n != 0).collect();
            held.sort_unstable();
            assert_eq!(held, (1..=entries.len() as u32).collect::<Vec<_>>());
        }
    }

    /// Forms whose hashes land in one slot are all found: the probe goes on
    /// past a slot held by another form.
    #[test]
    fn colliding_forms_are_all_found() {
        let home = |w: &str| (super::hash(w.as_bytes()) >> 32) & 7;
        // Of nine words two share a home slot in a table of eight.
        let words: Vec<String> = (0..9).map(|i| format!("w{i}")).collect();
        let pair = words
            .iter()
            .enumerate()
            .find_map(|(i, a)| words[..i].iter().find(|b| home(b) == home(a)).map(|b| [b, a]))
            .expect("pigeonhole");
        let mut table = WordTable::frozen("", &[], &[], &[]);
        table.tags = std::borrow::Cow::Owned(vec![0; 8]);
        table.slots = std::borrow::Cow::Owned(vec![0; 8]);
        for (i, w) in pair.iter().enumerate() {
            table.update(w, "", |e| e.verb = i as u32 + 1);
        }
        for (i, w) in pair.iter().enumerate() {
            assert_eq!(table.get(w).and_then(|l| l.verb).map(crate::lexicon::VerbId::number), Some(i as u32 + 1));
        }
        assert_eq!(table.get("delta"), Some(Listed::default()));
    }

    #[test]
    fn one_lookup_answers_what_the_lists_answer() {
        for language in [Language::En, Language::Fr] {
            let lex = Lexicon::builtin_for(language);
            let index = &lex.index;
            let keys: Vec<String> = index
                .verbs
                .keys()
                .map(|k| k.to_string())
                .chain(index.titles.keys().map(|k| k.to_string()))
                .chain(index.roles.iter().map(|k| k.to_string()))
                .chain(["said", "the", "s", ".", "boss", "officialss", "sen..", "", "x y"].map(String::from))
                .collect();
            let mut covered = 0;
            for key in &keys {
                for suffix in ["", "s", "ss", ".", "..", "s.", "es", "'s"] {
                    let word = format!("{key}{suffix}");
                    match lex.listed(&word) {
                        Some(listed) => {
                            covered += 1;
                            assert_eq!(listed, one_by_one(lex, &word), "{word:?}");
                        }
                        None => {
                            let plain = word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_punctuation());
                            let left = word.ends_with("..") || word.ends_with("ss") || word.is_empty();
                            assert!(!plain || left, "{word:?} should be covered");
                        }
                    }
                }
            }
            assert!(covered > 1000, "{language:?}: only {covered} words covered");
        }
        let lex = Lexicon::builtin();
        let said = lex.listed("said").expect("covered");
        assert!(said.verb.is_some() && !said.title && !said.role);
        assert!(lex.listed("sen.").is_some_and(|l| l.title));
        assert!(lex.listed("officials").is_some_and(|l| l.role));
        assert_eq!(lex.listed("Said"), None);
    }
}
