//! Normalising words for lookup.

use super::word_map::{WordMap, WordSet};
use std::borrow::Cow;

/// A word of the lexicon's sets and maps: borrowed from the tables build.rs
/// wrote for the built-in lists (no allocation at start-up), owned when the
/// rule files or a config extend them. Looked up by `&str` through
/// `Borrow<str>`.
pub type Word = Cow<'static, str>;

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

/// [`key`] handed to `f`, made on the stack for a short word of ASCII
/// characters (a capitalised word on the hot path: "Minister", "Said"),
/// so that looking it up allocates nothing.
pub fn with_key<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    with_folded(word, f, key)
}

/// `word.to_lowercase()` handed to `f`, on the stack as [`with_key`] makes it.
pub fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    with_folded(word, f, |w| std::borrow::Cow::Owned(w.to_lowercase()))
}

/// `f` of `slow(word)`, where `slow` lower-cases: a short ASCII word
/// without spaces is lowered into a buffer on the stack instead (for such
/// a word both folds are its ASCII lower case).
fn with_folded<'w, R>(
    word: &'w str,
    f: impl FnOnce(&str) -> R,
    slow: impl FnOnce(&'w str) -> std::borrow::Cow<'w, str>,
) -> R {
    const SHORT: usize = 32;
    let bytes = word.as_bytes();
    if !bytes.is_empty() && bytes.iter().all(|b| b.is_ascii() && !b.is_ascii_whitespace()) {
        if !bytes.iter().any(u8::is_ascii_uppercase) {
            return f(word); // its own key
        }
        let mut buf = [0u8; SHORT];
        if let Some(lowered) = buf.get_mut(..bytes.len()) {
            lowered.copy_from_slice(bytes);
            lowered.make_ascii_lowercase();
            if let Ok(lowered) = std::str::from_utf8(lowered) {
                return f(lowered);
            }
        }
    }
    f(&slow(word))
}

pub fn insert_cased<T: Clone>(map: &mut WordMap<Cased<T>>, entry: &str, value: T) {
    let needs_capital = entry.trim().starts_with(char::is_uppercase);
    map.insert(key(entry).as_bytes(), Cased { value, needs_capital });
}

pub fn get_cased<T: Copy>(map: &WordMap<Cased<T>>, word: &str) -> Option<T> {
    let found = with_key(word, |k| map.get(k))?;
    let capitalised = word.trim().starts_with(char::is_uppercase);
    (capitalised || !found.needs_capital).then_some(found.value)
}

pub fn lookup_cased(map: &WordMap<Cased<()>>, word: &str) -> bool {
    get_cased(map, word).is_some()
}

/// Punctuation that may come before a word: brackets and opening quotes.
pub fn is_opening_punct(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '"' | '\'' | '“' | '‘' | '«' | '‹' | '„' | '‚')
}

/// The singular and its regular plural ("spokesman" → "spokesmen",
/// "attorney" → "attorneys", "analysis" is not a role so "-is" is ignored).
pub fn with_plural(role: &str, set: &mut WordSet) {
    let singular = key(role);
    let plural = pluralize(&singular);
    set.insert(singular.as_bytes(), ());
    set.insert(plural.as_bytes(), ());
}

pub(super) fn pluralize(word: &str) -> String {
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
    fn keys_made_on_the_stack_are_the_keys() {
        let long = "Antidisestablishmentarianism-Minister";
        for w in ["Minister", "said", "SAID", "U.S.", "Élysée", "two  words", "", " Sen", long, "x\u{a0}y"] {
            assert_eq!(with_key(w, str::to_string), key(w), "{w:?}");
            assert_eq!(with_lowercase(w, str::to_string), w.to_lowercase(), "{w:?}");
        }
    }

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
        let mut map = WordMap::default();
        insert_cased(&mut map, "Ill.", ());
        insert_cased(&mut map, "a.m.", ());
        assert!(lookup_cased(&map, "Ill."));
        assert!(!lookup_cased(&map, "ill."));
        assert!(lookup_cased(&map, "A.M."));
    }
}
