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

/// How many ASCII letters `bytes` has from `from` on, before its first
/// other byte: read eight bytes at a time, as one number whose bytes are
/// tested together (a run of letters is most of prose, and read byte by
/// byte it was most of the cost of splitting it into words).
#[inline]
pub fn ascii_letter_run(bytes: &[u8], from: usize) -> usize {
    let mut n = 0;
    while let Some(chunk) = bytes.get(from + n..) {
        let eight = chunk.get(..8).unwrap_or(chunk);
        let letters = letters_in(eight);
        n += letters;
        if letters < 8 {
            break;
        }
    }
    n
}

/// How many of the first bytes of `chunk` (eight at most, none past its
/// end) are ASCII letters, counting up to the first that is not.
#[inline]
fn letters_in(chunk: &[u8]) -> usize {
    let word = match chunk.get(..8).and_then(|eight| <[u8; 8]>::try_from(eight).ok()) {
        Some(eight) => u64::from_le_bytes(eight),
        None => {
            let mut eight = [0u8; 8];
            let n = chunk.len().min(8);
            if let (Some(to), Some(from)) = (eight.get_mut(..n), chunk.get(..n)) {
                to.copy_from_slice(from);
            }
            u64::from_le_bytes(eight)
        }
    };
    // the zeros past the chunk are no letters
    (not_ascii_letters(word).trailing_zeros() / 8) as usize
}

/// The top bit of each byte of `word` (eight bytes, little-endian) that is
/// not an ASCII letter, tested together. A letter lowered is 0x61..=0x7a. An
/// ASCII byte's sums carry into no other byte; one past 0x7f can carry into
/// the byte after it, whose answer then no longer counts: only the bytes up
/// to the first that is no letter are answered for.
#[inline]
pub fn not_ascii_letters(word: u64) -> u64 {
    let lowered = word | (0x20 * ONES);
    let from_a = lowered.wrapping_add((0x80 - 0x61) * ONES);
    let past_z = lowered.wrapping_add((0x80 - 0x7b) * ONES);
    !(from_a & !past_z & !word) & (0x80 * ONES)
}

/// One in every byte of a `u64`.
pub const ONES: u64 = 0x0101_0101_0101_0101;

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

    proptest::proptest! {
        /// Eight bytes at a time, a run of letters is as long as one byte at a time finds it.
        #[test]
        fn letter_runs_are_counted_as_byte_tests_count_them(
            bytes in proptest::collection::vec(proptest::prop_oneof![proptest::num::u8::ANY, b'a'..=b'z', b'A'..=b'Z'], 0..40),
            from in 0usize..44,
        ) {
            let by_byte = bytes.get(from..).map_or(0, |r| r.iter().take_while(|b| b.is_ascii_alphabetic()).count());
            proptest::prop_assert_eq!(ascii_letter_run(&bytes, from), by_byte);
        }
    }

    #[test]
    fn every_letter_and_no_other_byte_is_a_letter_in_any_place() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut word = *b"abcdefgh";
                word[at] = b;
                let expected = if b.is_ascii_alphabetic() { 8 } else { at };
                assert_eq!(letters_in(&word), expected, "{b:#x} at {at}");
                assert_eq!(ascii_letter_run(&word, 0), expected, "{b:#x} at {at}");
            }
        }
        assert_eq!(ascii_letter_run(b"abcdefghijklmnopq rs", 0), 17);
        assert_eq!(ascii_letter_run(b"abc", 3), 0);
        assert_eq!(ascii_letter_run(b"abc", 9), 0);
    }

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
