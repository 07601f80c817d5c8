//! The quotes' words as quote-drift reads them, and their ids.
//!
//! [`each_word`] gives the words [`for_each_word`] gives, read byte by
//! byte: splitting the text by a test of each decoded character was a
//! sixth of the rule on ordinary articles. [`Ids`] numbers them as first
//! met, in a table of its own: a map of owned or borrowed strings cost an
//! allocation for each new word that had to be lowered (and a free), and
//! hashed each word a byte at a time.
//!
//! [`for_each_word`]: crate::rules::helpers::for_each_word

use crate::rules::helpers::WordForm;

/// What an ASCII byte is to [`each_word`].
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Class {
    /// Whitespace: it ends a word.
    Apart,
    /// A byte a word may be written with as it is read: a lower-case
    /// letter, a digit, an apostrophe or a hyphen.
    Plain,
    /// A capital letter: the word is lowered.
    Upper,
    /// Anything else: the word is stripped (and lowered).
    Other,
}

static CLASS: [Class; 128] = {
    let mut table = [Class::Other; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        // the ASCII whitespace of `char::is_whitespace`
        table[b] = if matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
            Class::Apart
        } else if c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'\'' || c == b'-' {
            Class::Plain
        } else if c.is_ascii_uppercase() {
            Class::Upper
        } else {
            Class::Other
        };
        b += 1;
    }
    table
};

/// Calls `each` with every word [`crate::rules::helpers::words`] lists of
/// `text`, in order and in the same form (as written, or lowered or
/// stripped into `buf`).
pub(super) fn each_word<'t>(text: &'t str, buf: &mut String, mut each: impl FnMut(WordForm<'t, '_>)) {
    let bytes = text.as_bytes();
    let (mut start, mut i) = (0, 0);
    // the most a byte of the word read so far asks (a class), and whether all are ASCII
    let (mut most, mut ascii) = (Class::Plain, true);
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            match CLASS[usize::from(b)] {
                Class::Apart => {
                    word(text, start..i, (most, ascii), buf, &mut each);
                    (start, most, ascii) = (i + 1, Class::Plain, true);
                }
                class => most = most.max(class),
            }
            i += 1;
            continue;
        }
        let c = text.get(i..).and_then(|rest| rest.chars().next()).unwrap_or(char::REPLACEMENT_CHARACTER);
        if c.is_whitespace() || c == '—' || c == '–' {
            word(text, start..i, (most, ascii), buf, &mut each);
            (start, most, ascii) = (i + c.len_utf8(), Class::Plain, true);
        } else {
            (most, ascii) = (Class::Other, false);
        }
        i += c.len_utf8();
    }
    word(text, start..bytes.len(), (most, ascii), buf, &mut each);
}

/// Hands `each` the word `text[range]` gives, if any: as written when it
/// is all plain bytes (`most`, the most any asks, is [`Class::Plain`]) and
/// neither starts nor ends with an apostrophe or a hyphen, else as
/// [`normalized`] makes it.
#[inline(always)]
fn word<'t>(
    text: &'t str,
    range: std::ops::Range<usize>,
    (most, ascii): (Class, bool),
    buf: &mut String,
    each: &mut impl FnMut(WordForm<'t, '_>),
) {
    let Some(w) = text.get(range) else { return };
    let edge = |b: Option<&u8>| b.is_some_and(|b| *b != b'\'' && *b != b'-');
    if most == Class::Plain && edge(w.as_bytes().first()) && edge(w.as_bytes().last()) {
        return each(WordForm::AsWritten(w));
    }
    if let Some(word) = normalized(w, (most, ascii), buf) {
        each(WordForm::Normalized(word));
    }
}

/// `w` stripped of all but letters, digits, apostrophes and hyphens, then
/// of apostrophes and hyphens at its ends, and lowered, in `buf`; `None`
/// when nothing is left. A word of ASCII (`ascii`) is read a byte at a
/// time, and one with no bytes to strip (`most` is no more than
/// [`Class::Upper`]) is copied whole and lowered.
fn normalized<'b>(w: &str, (most, ascii): (Class, bool), buf: &'b mut String) -> Option<&'b str> {
    buf.clear();
    if ascii {
        if most <= Class::Upper {
            buf.push_str(w);
        } else {
            let kept = w.bytes().filter(|b| b.is_ascii_alphanumeric() || *b == b'\'' || *b == b'-');
            kept.for_each(|b| buf.push(char::from(b)));
        }
        buf.make_ascii_lowercase();
        let edge = |b: &u8| *b != b'\'' && *b != b'-';
        let start = buf.bytes().position(|b| edge(&b))?;
        let end = buf.bytes().rposition(|b| edge(&b))? + 1;
        return buf.get(start..end);
    }
    let strip = |c| c == '\'' || c == '-';
    // as `for_each_word` reads a word with other than ASCII in it
    let kept = w.chars().map(|c| if c == '’' { '\'' } else { c });
    buf.extend(kept.filter(|c| c.is_alphanumeric() || *c == '\'' || *c == '-'));
    let (start, end) = (buf.len() - buf.trim_start_matches(strip).len(), buf.trim_end_matches(strip).len());
    let word = buf.get(start..end).filter(|w| !w.is_empty())?;
    if word.is_ascii() {
        let word = buf.get_mut(start..end)?;
        word.make_ascii_lowercase();
        return Some(word);
    }
    // a whole-string lowering: a final sigma lowers unlike one inside a word
    *buf = word.to_lowercase();
    Some(buf.as_str())
}

/// Words numbered from 0 in the order they are first given.
pub(super) struct Ids<'t> {
    /// Per slot, the id plus one of the word there (0: none); open
    /// addressing, at most half full.
    slots: Vec<u32>,
    /// Per id, its word's hash and where it is written.
    words: Vec<(u32, Spelling<'t>)>,
    /// The words that are not slices of the draft, back to back.
    copies: String,
}

/// Where a numbered word is written.
#[derive(Clone, Copy)]
enum Spelling<'t> {
    /// In the draft.
    Text(&'t str),
    /// In [`Ids::copies`], from and to.
    Copied(u32, u32),
}

impl<'t> Ids<'t> {
    /// A table with room for `words` words before it grows.
    pub(super) fn with_capacity(words: usize) -> Self {
        let slots = (2 * words).next_power_of_two().max(16);
        Ids { slots: vec![0; slots], words: Vec::with_capacity(words), copies: String::new() }
    }

    /// How many words have been numbered.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.words.len()
    }

    /// `word`'s id, numbering it first if it is new. `written` is the same
    /// word as a slice of the draft, when it is one: then it is not copied.
    #[inline]
    pub(super) fn id(&mut self, word: &str, written: Option<&'t str>) -> u32 {
        let hash = hash(word.as_bytes());
        let mask = self.slots.len() - 1;
        let mut at = hash as usize & mask;
        loop {
            let Some(&slot) = self.slots.get(at) else { return u32::MAX };
            let Some(id) = slot.checked_sub(1) else { break };
            if let Some(&(h, spelling)) = self.words.get(id as usize) {
                if h == hash && self.spelled(spelling) == word {
                    return id;
                }
            }
            at = (at + 1) & mask;
        }
        self.add(word, written, hash, at)
    }

    /// Numbers `word`, whose hash is `hash`, at the free slot `at`.
    fn add(&mut self, word: &str, written: Option<&'t str>, hash: u32, at: usize) -> u32 {
        let spelling = match written {
            Some(w) => Spelling::Text(w),
            None => {
                // a draft under the size limit has far fewer than 2^32 bytes of words
                let from = self.copies.len() as u32;
                self.copies.push_str(word);
                Spelling::Copied(from, self.copies.len() as u32)
            }
        };
        let id = self.words.len() as u32;
        self.words.push((hash, spelling));
        if let Some(slot) = self.slots.get_mut(at) {
            *slot = id + 1;
        }
        if 2 * self.words.len() > self.slots.len() {
            self.grow();
        }
        id
    }

    fn spelled(&self, spelling: Spelling<'t>) -> &str {
        match spelling {
            Spelling::Text(w) => w,
            Spelling::Copied(from, to) => self.copies.get(from as usize..to as usize).unwrap_or_default(),
        }
    }

    /// Twice the slots, each word placed again by its kept hash.
    fn grow(&mut self) {
        let mut slots = vec![0u32; 2 * self.slots.len()];
        let mask = slots.len() - 1;
        for (id, &(hash, _)) in self.words.iter().enumerate() {
            let mut at = hash as usize & mask;
            while slots[at] != 0 {
                at = (at + 1) & mask;
            }
            slots[at] = id as u32 + 1;
        }
        self.slots = slots;
    }
}

/// A word's hash: its bytes read as one to three numbers, multiplied in
/// (as FxHash), the high half kept. A word of up to eight bytes is read as
/// its first and last four (or its first, middle and last byte), which with
/// its length tell it from any other: read a byte at a time, hashing was
/// most of numbering a word.
#[inline]
fn hash(bytes: &[u8]) -> u32 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let add = |h: u64, word: u64| (h.rotate_left(5) ^ word).wrapping_mul(K);
    let four =
        |at: usize| bytes.get(at..at + 4).and_then(|b| <[u8; 4]>::try_from(b).ok()).map_or(0, u32::from_le_bytes);
    let eight =
        |at: usize| bytes.get(at..at + 8).and_then(|b| <[u8; 8]>::try_from(b).ok()).map_or(0, u64::from_le_bytes);
    let n = bytes.len();
    let h = add(0, n as u64);
    match n {
        0 => h,
        1..=3 => {
            let byte = |at: usize| bytes.get(at).copied().map_or(0, u64::from);
            add(h, byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16)
        }
        4..=8 => add(h, u64::from(four(0)) | u64::from(four(n - 4)) << 32),
        _ => {
            let mut h = h;
            let mut at = 0;
            while at + 8 < n {
                h = add(h, eight(at));
                at += 8;
            }
            add(h, eight(n - 8))
        }
    }
    .wrapping_shr(32) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::helpers::for_each_word;
    use std::collections::HashMap;

    /// The words as `each_word` gives them: whether as written, and the word.
    fn read(text: &str) -> Vec<(bool, String)> {
        let mut out = Vec::new();
        each_word(text, &mut String::new(), |w| out.push((w.written().is_some(), w.as_str().to_owned())));
        out
    }

    /// The same, as the shared reading of each character gives them.
    fn read_by_chars(text: &str) -> Vec<(bool, String)> {
        let mut out = Vec::new();
        for_each_word(text, &mut String::new(), |w| out.push((w.written().is_some(), w.as_str().to_owned())));
        out
    }

    #[test]
    fn ascii_whitespace_is_what_char_calls_whitespace() {
        for b in 0u8..128 {
            assert_eq!(CLASS[usize::from(b)] == Class::Apart, char::from(b).is_whitespace(), "{b:#x}");
        }
    }

    proptest::proptest! {
        /// Read byte by byte, a text gives the words, in the same forms,
        /// that the shared reading of each character gives.
        #[test]
        fn words_read_by_bytes_are_the_shared_reading_s(
            text in "[a-zA-ZÉéΣσ3'’\\- —–\t\n\u{a0}\u{2009}.,…“”İ_]{0,40}"
        ) {
            proptest::prop_assert_eq!(read(&text), read_by_chars(&text));
        }

        /// Ids are numbered as first met, the same word always the same id,
        /// past the table's first room.
        #[test]
        fn ids_are_numbered_as_first_met(words in proptest::collection::vec("[a-c]{1,3}|[A-C]{9,10}", 0..300)) {
            let mut ids = Ids::with_capacity(4);
            let mut reference: HashMap<&str, u32> = HashMap::new();
            for (k, w) in words.iter().enumerate() {
                let next = reference.len() as u32;
                let expected = *reference.entry(w).or_insert(next);
                // every other word as a slice of the text, as the draft's are
                let written = (k % 2 == 0).then_some(w.as_str());
                proptest::prop_assert_eq!(ids.id(w, written), expected);
            }
            proptest::prop_assert_eq!(ids.len(), reference.len());
        }
    }

    #[test]
    fn words_as_the_rule_reads_them() {
        let words = read("“The ferry’s — late,” said-- ‘Ana’ O'Neil 3pm 'tis ...x ΣΑΣ");
        let expected = [
            (false, "the"),
            (false, "ferry's"),
            (false, "late"),
            (false, "said"),
            (false, "ana"),
            (false, "o'neil"),
            (true, "3pm"),
            (false, "tis"),
            (false, "x"),
            (false, "σας"),
        ];
        assert_eq!(words, expected.map(|(w, s)| (w, s.to_owned())));
    }
}
