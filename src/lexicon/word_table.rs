//! One hash lookup per word for what the verb, title, role and
//! organisation lists say of it. Tokenising a draft asked each word of the three lists in turn (and
//! the role list twice for a word ending in "s"), each with its own
//! trimming and folding: a few per cent of a `check`. This table holds every
//! ASCII form those lookups can match, so a plain lower-case ASCII word (the
//! common case) is looked up once; any other word is left to the lists.

use super::index::Index;
use super::word_map::WordMap;
use super::VerbId;

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
    /// Without its trailing full stops, a word that heads an organisation's
    /// name ("ministry"; [`super::Lexicon::is_org_head_key`] of it).
    pub org_head: bool,
    /// A common noun for an organisation ([`super::Lexicon::is_generic_org`]).
    pub generic_org: bool,
}

/// Every form the three lists can match, with what each says of it, in a
/// [`WordMap`]. The built-in lists' table is written by build.rs (building
/// it took ~0.14 ms of every `check`); a lexicon extended by a config
/// builds its own.
pub(super) struct WordTable(pub(super) WordMap<Facts>);

/// What the lists say of a form: the [`VerbId`]'s number (0 for none),
/// whether it is a title, a role, an organisation's head word, a common
/// noun for an organisation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Facts(pub(super) u32, pub(super) bool, pub(super) bool, pub(super) bool, pub(super) bool);

impl WordTable {
    /// Built from the lists' own maps, so the table answers what they do.
    pub(super) fn build(index: &Index) -> WordTable {
        let n = index.verbs.len()
            + 2 * index.titles.len()
            + 2 * index.roles.len()
            + 2 * index.org_heads.len()
            + index.generic_orgs.len();
        let mut table = WordTable(WordMap::with_capacity(n));
        // Sorted, so that the table does not depend on the order the lists were read in.
        let mut verbs: Vec<(&str, u32)> = index.verbs.words().map(|(form, &id)| (form, id)).collect();
        verbs.sort_unstable();
        for (form, id) in verbs {
            let verb = VerbId::from_index(id).map_or(0, VerbId::number);
            table.update(form, "", |e| e.0 = verb);
        }
        // a title's key has no trailing full stop; the word may have one
        let titles = index.titles.words().map(|(t, _)| t).filter(|t| !t.ends_with('.'));
        table.mark(titles, &["", "."], |e| e.1 = true);
        table.mark(index.roles.words().map(|(r, _)| r), &["", "s"], |e| e.2 = true);
        // looked up without trailing full stops, as a title is: a head
        // ending in one is never found, and the word may have one
        let heads = index.org_heads.words().map(|(h, _)| h).filter(|h| !h.ends_with('.'));
        table.mark(heads, &["", "."], |e| e.3 = true);
        table.mark(index.generic_orgs.words().map(|(g, _)| g), &[""], |e| e.4 = true);
        table
    }

    /// Applies `set` to the facts of each of `words` with each of
    /// `suffixes`, the words in sorted order (so that the table does not
    /// depend on the order the lists were read in).
    fn mark<'w>(&mut self, words: impl Iterator<Item = &'w str>, suffixes: &[&str], set: impl Fn(&mut Facts)) {
        let mut words: Vec<&str> = words.collect();
        words.sort_unstable();
        for word in words {
            for suffix in suffixes {
                self.update(word, suffix, &set);
            }
        }
    }

    /// Applies `set` to the facts of the form `word` + `suffix`, adding it if new.
    fn update(&mut self, word: &str, suffix: &str, set: impl FnOnce(&mut Facts)) {
        let form = format!("{word}{suffix}");
        let mut facts = self.0.get(&form).copied().unwrap_or_default();
        set(&mut facts);
        self.0.insert(form.as_bytes(), facts);
    }

    /// What the lists say of `lower`, if it is a word the table covers: all
    /// ASCII, no capitals or spaces, not ending in ".." or "ss" (the lists
    /// strip every trailing full stop or "s", the table only one).
    #[inline]
    pub(super) fn get(&self, lower: &str) -> Option<Listed> {
        let bytes = lower.as_bytes();
        let plain = !bytes.is_empty()
            && bytes.iter().all(|&b| b.is_ascii() && !b.is_ascii_uppercase() && !b.is_ascii_whitespace());
        if !plain || lower.ends_with("..") || lower.ends_with("ss") {
            return None;
        }
        Some(self.get_plain(bytes))
    }

    /// [`WordTable::get`] of a word it covers (the caller has checked).
    #[inline]
    pub(super) fn get_plain(&self, lower: &[u8]) -> Listed {
        let Some(&Facts(verb, title, role, org_head, generic_org)) = self.0.get(lower) else {
            return Listed::default();
        };
        Listed { verb: VerbId::from_number(verb), title, role, org_head, generic_org }
    }
}

#[cfg(test)]
mod tests {
    use super::WordTable;
    use crate::lexicon::{Language, Lexicon, Listed};

    /// What the lists say of `lower` asked one by one, as tokenising did.
    fn one_by_one(lex: &Lexicon, lower: &str) -> Listed {
        Listed {
            verb: lex.verb_id(lower),
            title: lex.index.titles.contains(lower.trim().trim_end_matches('.')),
            role: lex.is_role_noun(lower)
                || (lower.ends_with('s') && lex.is_role_noun(lower.trim_end_matches('s'))),
            org_head: lex.is_org_head_key(lower.trim_end_matches('.')),
            generic_org: lex.is_generic_org(lower),
        }
    }

    #[test]
    fn the_frozen_table_is_the_one_the_lists_build() {
        for language in [Language::En, Language::Fr] {
            let lex = Lexicon::builtin_for(language);
            let built = WordTable::build(&lex.index);
            let frozen = crate::lexicon::frozen::word_table(language);
            assert!(built.0 == frozen.0, "{language:?}: build.rs wrote a different word table");
            assert!(frozen.0.len() > 1_000, "{language:?}: {} forms", frozen.0.len());
        }
    }

    #[test]
    fn one_lookup_answers_what_the_lists_answer() {
        for language in [Language::En, Language::Fr] {
            let lex = Lexicon::builtin_for(language);
            let index = &lex.index;
            let keys: Vec<String> = index
                .verbs
                .words()
                .map(|(k, _)| k.to_string())
                .chain(index.titles.words().map(|(k, _)| k.to_string()))
                .chain(index.roles.words().map(|(k, _)| k.to_string()))
                .chain(index.org_heads.words().map(|(k, _)| k.to_string()))
                .chain(index.generic_orgs.words().map(|(k, _)| k.to_string()))
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
