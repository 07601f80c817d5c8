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

/// Every form the three lists can match, with what each says of it.
pub(super) struct WordTable {
    map: HashMap<Box<str>, Listed, FastHash>,
}

impl WordTable {
    /// Built from the lists' own maps, so the table answers what they do
    /// (a few thousand entries: a fraction of a millisecond).
    pub(super) fn build(index: &Index) -> WordTable {
        let mut map: HashMap<Box<str>, Listed, FastHash> = HashMap::default();
        fn entry<'m>(map: &'m mut HashMap<Box<str>, Listed, FastHash>, key: &str) -> &'m mut Listed {
            map.entry(Box::from(key)).or_default()
        }
        for (form, &id) in &index.verbs {
            entry(&mut map, form).verb = VerbId::from_index(id);
        }
        // a title's key has no trailing full stop; the word may have one
        for title in index.titles.keys().filter(|t| !t.ends_with('.')) {
            entry(&mut map, title).title = true;
            entry(&mut map, &format!("{title}.")).title = true;
        }
        for role in &index.roles {
            entry(&mut map, role).role = true;
            entry(&mut map, &format!("{role}s")).role = true;
        }
        WordTable { map }
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
        Some(self.map.get(lower).copied().unwrap_or_default())
    }
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
