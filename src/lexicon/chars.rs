//! Character classes asked of nearly every character of a draft. Outside
//! ASCII, the standard library looks a character up in its Unicode tables
//! (about 350 instructions for a curly quote or a dash); news copy's
//! commonest characters outside ASCII are punctuation from the General
//! Punctuation block (’ “ ” — …), which holds no letter or digit, so those
//! are answered without a lookup.

/// [`char::is_alphabetic`].
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\x7f' | GENERAL_PUNCTUATION_START..=GENERAL_PUNCTUATION_END => false,
        _ => c.is_alphabetic(),
    }
}

/// [`char::is_alphanumeric`].
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\0'..='\x7f' | GENERAL_PUNCTUATION_START..=GENERAL_PUNCTUATION_END => false,
        _ => c.is_alphanumeric(),
    }
}

/// Whether a word starts with a capital, or is an Arabic article before a
/// capitalised name ("al-Shabaab", "el-Sisi", "ad-Din"): it may be part of
/// a name. An ASCII first letter is told by its byte, no character decoded.
#[inline]
pub fn starts_capitalised(w: &str) -> bool {
    match w.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase() || is_particle_name(w),
        Some(_) => w.chars().next().is_some_and(char::is_uppercase) || is_particle_name(w),
        None => false,
    }
}

/// "al-Shabaab", "el-Sisi", "ad-Din": an Arabic article before a capitalised name.
fn is_particle_name(w: &str) -> bool {
    // every particle ends in its hyphen, the third or fourth byte: most
    // words are ruled out without comparing them with each particle
    let hyphen = |i: usize| w.as_bytes().get(i) == Some(&b'-');
    if !hyphen(2) && !hyphen(3) {
        return false;
    }
    ["al-", "el-", "ad-", "ar-", "as-", "ash-", "at-", "az-"]
        .iter()
        .any(|p| w.strip_prefix(p).is_some_and(|rest| rest.starts_with(char::is_uppercase)))
}

const GENERAL_PUNCTUATION_START: char = '\u{2000}';
const GENERAL_PUNCTUATION_END: char = '\u{206F}';

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_is_classed_as_the_standard_library_classes_it() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    proptest::proptest! {
        /// The byte reading of a first letter answers as the character reading.
        #[test]
        fn a_capital_is_read_from_the_first_byte_as_from_the_first_character(w in "(al-|as-|ash-|)[a-zA-ZÉéİ'’-]{0,6}") {
            let plain = w.chars().next().is_some_and(char::is_uppercase) || is_particle_name(&w);
            proptest::prop_assert_eq!(starts_capitalised(&w), plain);
        }
    }

    #[test]
    fn particles_before_a_capital_start_names() {
        assert!(
            starts_capitalised("al-Shabaab") && starts_capitalised("ash-Sharq") && starts_capitalised("Élysée")
        );
        assert!(!starts_capitalised("al-shabaab") && !starts_capitalised("al") && !starts_capitalised(""));
    }
}
