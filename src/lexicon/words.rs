//! Normalising words for lookup.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;

/// A lookup value and whether the text must be capitalised to match it
/// ("Ill." is Illinois, "ill." is not).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cased<T> {
    pub value: T,
    pub needs_capital: bool,
}

/// Lower-case, single-spaced form used as a map key. Borrowed when the word
/// already is one (the common case on the hot path: a single lower-case word).
pub fn key(word: &str) -> std::borrow::Cow<'_, str> {
    // one pass: a plain lower-case ASCII word is its own key
    let plain = !word.is_empty()
        && word.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase() && !b.is_ascii_whitespace());
    if plain {
        std::borrow::Cow::Borrowed(word)
    } else if !word.contains(char::is_whitespace) {
        // a capitalised single word ("Minister"): one allocation, not three
        std::borrow::Cow::Owned(word.to_lowercase())
    } else {
        std::borrow::Cow::Owned(word.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase())
    }
}

pub fn insert_cased<T, S: BuildHasher>(map: &mut HashMap<String, Cased<T>, S>, entry: &str, value: T) {
    let needs_capital = entry.trim().starts_with(char::is_uppercase);
    map.insert(key(entry).into_owned(), Cased { value, needs_capital });
}

pub fn get_cased<T: Copy, S: BuildHasher>(map: &HashMap<String, Cased<T>, S>, word: &str) -> Option<T> {
    let found = map.get(key(word).as_ref())?;
    let capitalised = word.trim().starts_with(char::is_uppercase);
    (capitalised || !found.needs_capital).then_some(found.value)
}

pub fn lookup_cased<S: BuildHasher>(map: &HashMap<String, Cased<()>, S>, word: &str) -> bool {
    get_cased(map, word).is_some()
}

/// Punctuation that may come before a word: brackets and opening quotes.
pub fn is_opening_punct(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '"' | '\'' | '“' | '‘' | '«' | '‹' | '„' | '‚')
}

/// The singular and its regular plural ("spokesman" → "spokesmen",
/// "attorney" → "attorneys", "analysis" is not a role so "-is" is ignored).
pub fn with_plural<S: BuildHasher>(role: &str, set: &mut HashSet<String, S>) {
    let singular = key(role).into_owned();
    let plural = pluralize(&singular);
    set.insert(singular);
    set.insert(plural);
}

fn pluralize(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("person") {
        return format!("{stem}people");
    }
    if let Some(stem) = word.strip_suffix("man") {
        return format!("{stem}men");
    }
    let consonant_y = word.strip_suffix('y').filter(|stem| !stem.ends_with(['a', 'e', 'i', 'o', 'u']));
    if let Some(stem) = consonant_y {
        return format!("{stem}ies");
    }
    if word.ends_with(['s', 'x']) || word.ends_with("ch") || word.ends_with("sh") {
        return format!("{word}es");
    }
    format!("{word}s")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_of_role_nouns() {
        assert_eq!(pluralize("spokesman"), "spokesmen");
        assert_eq!(pluralize("spokesperson"), "spokespeople");
        assert_eq!(pluralize("attorney"), "attorneys");
        assert_eq!(pluralize("secretary"), "secretaries");
        assert_eq!(pluralize("witness"), "witnesses");
        assert_eq!(pluralize("campaign manager"), "campaign managers");
    }

    #[test]
    fn capitalised_entries_need_capitals() {
        let mut map = HashMap::new();
        insert_cased(&mut map, "Ill.", ());
        insert_cased(&mut map, "a.m.", ());
        assert!(lookup_cased(&map, "Ill."));
        assert!(!lookup_cased(&map, "ill."));
        assert!(lookup_cased(&map, "A.M."));
    }
}
