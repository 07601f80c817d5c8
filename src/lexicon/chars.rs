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
    // the zeros past the chunk are no letters
    (not_ascii_letters(padded_word(chunk)).trailing_zeros() / 8) as usize
}

/// The top bit of each byte of `word` (eight bytes, little-endian) that is
/// not an ASCII letter, tested together. A letter lowered is 0x61..=0x7a. An
/// ASCII byte's sums carry into no other byte; one past 0x7f can carry into
/// the byte after it, whose answer then no longer counts: only the bytes up
/// to the first that is no letter are answered for.
#[inline]
pub fn not_ascii_letters(word: u64) -> u64 {
    // setting 0x20 leaves each byte's top bit as it was
    not_lower_letters(word | (0x20 * ONES))
}

/// The top bit of each byte of `word` that is not an ASCII lower-case
/// letter, answered as [`not_ascii_letters`] answers (up to the first such byte).
#[inline]
pub fn not_lower_letters(word: u64) -> u64 {
    let from_a = word.wrapping_add((0x80 - 0x61) * ONES);
    let past_z = word.wrapping_add((0x80 - 0x7b) * ONES);
    !(from_a & !past_z & !word) & (0x80 * ONES)
}

/// Whether `bytes` are all ASCII lower-case letters (and there are some),
/// eight at a time: asked of every word of a draft, byte by byte it was a
/// fifth of the cost of looking the word up.
#[inline]
pub fn all_lower_letters(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    while let Some((eight, tail)) = rest.split_first_chunk::<8>().filter(|(_, tail)| !tail.is_empty()) {
        if not_lower_letters(u64::from_le_bytes(*eight)) != 0 {
            return false;
        }
        rest = tail;
    }
    // the zeros past the end are no letters: all are when the first other byte is past them
    !rest.is_empty() && (not_lower_letters(padded_word(rest)).trailing_zeros() / 8) as usize >= rest.len()
}

/// The first eight bytes of `bytes` (all of them if fewer, padded with
/// zeros) as the number `u64::from_le_bytes` reads, from two loads of fixed
/// width that may overlap: copying a length known only at run time into the
/// padding was a call to memcpy on every lookup of every word (most are
/// shorter than eight bytes), 800,000 calls for the 840 training articles.
#[inline]
pub fn padded_word(bytes: &[u8]) -> u64 {
    if let Some(eight) = bytes.first_chunk::<8>() {
        return u64::from_le_bytes(*eight);
    }
    let n = bytes.len();
    let four = |at: usize| {
        let bytes = bytes.get(at..at + 4).and_then(|b| <[u8; 4]>::try_from(b).ok());
        bytes.map_or(0, |b| u64::from(u32::from_le_bytes(b)))
    };
    let two = |at: usize| {
        let bytes = bytes.get(at..at + 2).and_then(|b| <[u8; 2]>::try_from(b).ok());
        bytes.map_or(0, |b| u64::from(u16::from_le_bytes(b)))
    };
    // the second load ends at the last byte; where the two overlap, they agree
    match n {
        0 => 0,
        1 => bytes.first().map_or(0, |&b| u64::from(b)),
        2 | 3 => two(0) | two(n - 2) << (8 * (n - 2)),
        _ => four(0) | four(n - 4) << (8 * (n - 4)),
    }
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

    /// Every length up to eight, with every byte value at every place: the
    /// number is the one the zero-padded bytes make (the word maps' hashes,
    /// and so build.rs's tables, are made of it).
    #[test]
    fn a_short_run_of_bytes_reads_as_its_bytes_padded_with_zeros() {
        for n in 0..=9 {
            for v in [0u8, 1, 0x7f, 0x80, 0xc3, 0xff] {
                for at in 0..n {
                    let mut bytes: Vec<u8> = (1..=n as u8).map(|k| k.wrapping_mul(37)).collect();
                    bytes[at] = v;
                    let mut padded = [0u8; 8];
                    let m = n.min(8);
                    padded[..m].copy_from_slice(&bytes[..m]);
                    assert_eq!(padded_word(&bytes), u64::from_le_bytes(padded), "{bytes:?}");
                }
            }
        }
        assert_eq!(padded_word(&[]), 0);
    }

    proptest::proptest! {
        /// Eight at a time, a word is all lower-case letters when each of its bytes is one.
        #[test]
        fn lower_letters_are_told_as_byte_tests_tell_them(
            bytes in proptest::collection::vec(proptest::prop_oneof![proptest::num::u8::ANY, b'a'..=b'z', b'a'..=b'z', b'A'..=b'Z'], 0..30),
        ) {
            let by_byte = !bytes.is_empty() && bytes.iter().all(u8::is_ascii_lowercase);
            proptest::prop_assert_eq!(all_lower_letters(&bytes), by_byte);
        }
    }

    #[test]
    fn every_byte_in_every_place_is_a_lower_letter_or_not() {
        for b in 0..=255u8 {
            for n in 1..=17 {
                for at in 0..n {
                    let mut word = b"abcdefghijklmnopq"[..n].to_vec();
                    word[at] = b;
                    assert_eq!(all_lower_letters(&word), b.is_ascii_lowercase(), "{b:#x} at {at} of {n}");
                }
            }
        }
        assert!(!all_lower_letters(b""));
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
