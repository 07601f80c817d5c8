//! One hash lookup per word for what the verb, title and role lists say of
//! it. Tokenising a draft asked each word of the three lists in turn (and
//! the role list twice for a word ending in "s"), each with its own
//! trimming and folding: a few per cent of a `check`. This table holds every
//! ASCII form those lookups can match, so a plain lower-case ASCII word (the
//! common case) is looked up once; any other word is left to the lists.

use super::index::Index;
use super::matcher::FastHash;
use super::VerbId;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::ops::Range;

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

/// Every form the three lists can match, with what each says of it. It is
/// built on the first draft a process reads, so without an allocation per
/// entry (a map of owned keys took 1.7 M instructions, a sixth of checking
/// a 6 KB draft): the forms sit back to back in one string, found by hash.
pub(super) struct WordTable {
    /// Every form, back to back.
    forms: String,
    /// Per form: where it is in `forms`, and what the lists say of it.
    entries: Vec<(Range<u32>, Listed)>,
    /// A form's hash → its entry. Of two forms with one hash only the first
    /// is held: the other then fails the comparison in `get` and is left to
    /// the lists, so a collision costs time, never a wrong answer.
    by_hash: HashMap<u64, u32, FastHash>,
}

impl WordTable {
    /// Built from the lists' own maps, so the table answers what they do.
    pub(super) fn build(index: &Index) -> WordTable {
        let n = index.verbs.len() + 2 * index.titles.len() + 2 * index.roles.len();
        let mut table = WordTable {
            forms: String::with_capacity(n * 12),
            entries: Vec::with_capacity(n),
            by_hash: HashMap::with_capacity_and_hasher(n, FastHash::default()),
        };
        for (form, &id) in &index.verbs {
            table.update(form, "", |e| e.verb = VerbId::from_index(id));
        }
        // a title's key has no trailing full stop; the word may have one
        for title in index.titles.keys().filter(|t| !t.ends_with('.')) {
            table.update(title, "", |e| e.title = true);
            table.update(title, ".", |e| e.title = true);
        }
        for role in &index.roles {
            table.update(role, "", |e| e.role = true);
            table.update(role, "s", |e| e.role = true);
        }
        table
    }

    /// Applies `set` to the entry of the form `word` + `suffix`, adding it if new.
    fn update(&mut self, word: &str, suffix: &str, set: impl FnOnce(&mut Listed)) {
        let start = self.forms.len();
        self.forms.push_str(word);
        self.forms.push_str(suffix);
        let end = self.forms.len();
        let form = self.forms.get(start..end).unwrap_or_default();
        let hash = hash(form);
        let held = self.by_hash.get(&hash).copied();
        if let Some(i) = held {
            let same = self.entries.get(i as usize).is_some_and(|(r, _)| self.form(r) == form);
            self.forms.truncate(start);
            if let Some((_, listed)) = self.entries.get_mut(i as usize).filter(|_| same) {
                set(listed);
            }
            return;
        }
        let (Ok(lo), Ok(hi), Ok(i)) =
            (u32::try_from(start), u32::try_from(end), u32::try_from(self.entries.len()))
        else {
            self.forms.truncate(start);
            return;
        };
        let mut listed = Listed::default();
        set(&mut listed);
        self.entries.push((lo..hi, listed));
        self.by_hash.insert(hash, i);
    }

    fn form(&self, range: &Range<u32>) -> &str {
        self.forms.get(range.start as usize..range.end as usize).unwrap_or_default()
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
        let Some(&i) = self.by_hash.get(&hash(lower)) else { return Some(Listed::default()) };
        let (range, listed) = self.entries.get(i as usize)?;
        // another form with the same hash: left to the lists
        (self.form(range) == lower).then_some(*listed)
    }
}

fn hash(form: &str) -> u64 {
    let mut hasher = FastHash::default().build_hasher();
    hasher.write(form.as_bytes());
    hasher.finish()
}

#[cfg(test)]
mod tests {
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
    fn one_lookup_answers_what_the_lists_answer() {
        for language in [Language::En, Language::Fr] {
            let lex = Lexicon::builtin_for(language);
            let index = &lex.index;
            let keys: Vec<String> = index
                .verbs
                .keys()
                .map(|k| k.to_string())
                .chain(index.titles.keys().cloned())
                .chain(index.roles.iter().cloned())
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
