//! The words rules compare (quote-drift's texts): lower-case, without
//! punctuation or quotation marks, apostrophes inside words kept.

use std::borrow::Cow;

/// Lower-case words of `text`, punctuation and quotation marks stripped;
/// apostrophes inside words are kept (and unified).
pub fn words(text: &str) -> Vec<Cow<'_, str>> {
    let mut out = Vec::new();
    for_each_word(text, &mut String::new(), |w| {
        out.push(match w {
            WordForm::AsWritten(w) => Cow::Borrowed(w),
            WordForm::Normalized(w) => Cow::Owned(w.to_owned()),
        })
    });
    out
}

/// One of [`words`], as [`for_each_word`] hands it over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordForm<'t, 'b> {
    /// Already its own form: a slice of the text.
    AsWritten(&'t str),
    /// Lowered or stripped: in the caller's buffer, until the next word.
    Normalized(&'b str),
}

impl<'t> WordForm<'t, '_> {
    pub fn as_str(&self) -> &str {
        match self {
            WordForm::AsWritten(w) | WordForm::Normalized(w) => w,
        }
    }

    /// The word as a slice of the text, when it is one.
    pub fn written(&self) -> Option<&'t str> {
        match self {
            WordForm::AsWritten(w) => Some(w),
            WordForm::Normalized(_) => None,
        }
    }
}

/// What an ASCII byte is to [`for_each_word`].
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

/// Calls `each` with every word [`words`] lists of `text`, in order,
/// without a list or a string a word: a word that must be changed is
/// written into `buf` (its room reused from word to word). ASCII is read
/// a byte at a time: splitting the text by a test of each decoded
/// character was a sixth of quote-drift on ordinary articles.
pub fn for_each_word<'t>(text: &'t str, buf: &mut String, mut each: impl FnMut(WordForm<'t, '_>)) {
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
    // a word with other than ASCII in it, read a character at a time
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

#[cfg(test)]
mod tests {
    use super::*;

    /// [`for_each_word`] as it read each character, before it read bytes:
    /// the reference the byte reading is held to.
    fn for_each_word_by_chars<'t>(text: &'t str, buf: &mut String, mut each: impl FnMut(WordForm<'t, '_>)) {
        for w in text.split(|c: char| c.is_whitespace() || c == '—' || c == '–') {
            // most words are already their own form: borrowed, not copied
            let plain = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'\'' || *b == b'-';
            let edge = |b: Option<&u8>| b.is_some_and(|b| *b != b'\'' && *b != b'-');
            if w.bytes().all(|b| plain(&b)) && edge(w.as_bytes().first()) && edge(w.as_bytes().last()) {
                each(WordForm::AsWritten(w));
                continue;
            }
            buf.clear();
            let kept = w.chars().map(|c| if c == '’' { '\'' } else { c });
            buf.extend(kept.filter(|c| c.is_alphanumeric() || *c == '\'' || *c == '-'));
            let strip = |c| c == '\'' || c == '-';
            let (start, end) =
                (buf.len() - buf.trim_start_matches(strip).len(), buf.trim_end_matches(strip).len());
            let Some(word) = buf.get_mut(start..end).filter(|w| !w.is_empty()) else { continue };
            if word.is_ascii() {
                word.make_ascii_lowercase();
                each(WordForm::Normalized(word));
            } else {
                // a whole-string lowering: a final sigma lowers unlike one inside a word
                each(WordForm::Normalized(&word.to_lowercase()));
            }
        }
    }

    /// [`words`] as it was written before [`for_each_word`]: a string a
    /// changed word, the reference the visitor is held to.
    fn words_one_string_each(text: &str) -> Vec<Cow<'_, str>> {
        text.split(|c: char| c.is_whitespace() || c == '—' || c == '–')
            .map(|w| {
                let plain = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'\'' || *b == b'-';
                let edge = |b: Option<&u8>| b.is_some_and(|b| *b != b'\'' && *b != b'-');
                if w.bytes().all(|b| plain(&b)) && edge(w.as_bytes().first()) && edge(w.as_bytes().last()) {
                    return Cow::Borrowed(w);
                }
                let owned = w
                    .chars()
                    .map(|c| if c == '’' { '\'' } else { c })
                    .filter(|c| c.is_alphanumeric() || *c == '\'' || *c == '-')
                    .collect::<String>()
                    .trim_matches(|c| c == '\'' || c == '-')
                    .to_lowercase();
                Cow::Owned(owned)
            })
            .filter(|w| !w.is_empty())
            .collect()
    }

    proptest::proptest! {
        /// Words of letters in any case and script (a final sigma too),
        /// apostrophes, dashes and marks read as they did one string a word.
        #[test]
        fn the_visitor_reads_words_as_the_list_did(text in "[a-zA-ZÉéΣσ3'’\\- —–\t.,…“”İ]{0,40}") {
            let got = words(&text);
            proptest::prop_assert_eq!(&got, &words_one_string_each(&text));
            // a word left as written is a slice of the text, as it was
            let borrowed = |ws: &[Cow<'_, str>]| ws.iter().map(|w| matches!(w, Cow::Borrowed(_))).collect::<Vec<_>>();
            proptest::prop_assert_eq!(borrowed(&got), borrowed(&words_one_string_each(&text)));
        }
    }

    #[test]
    fn words_drop_punctuation_and_marks() {
        assert_eq!(
            words("“North Korean missile debris, found…”"),
            ["north", "korean", "missile", "debris", "found"]
        );
        assert_eq!(words("Kim’s — ‘don't’"), ["kim's", "don't"]);
    }

    /// The words as [`for_each_word`] gives them: whether as written, and the word.
    fn read(text: &str) -> Vec<(bool, String)> {
        let mut out = Vec::new();
        for_each_word(text, &mut String::new(), |w| out.push((w.written().is_some(), w.as_str().to_owned())));
        out
    }

    /// The same, as the reading of each character gives them.
    fn read_by_chars(text: &str) -> Vec<(bool, String)> {
        let mut out = Vec::new();
        for_each_word_by_chars(text, &mut String::new(), |w| {
            out.push((w.written().is_some(), w.as_str().to_owned()))
        });
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
        /// that the reading of each character gives.
        #[test]
        fn words_read_by_bytes_are_the_shared_reading_s(
            text in "[a-zA-ZÉéΣσ3'’\\- —–\t\n\u{a0}\u{2009}.,…“”İ_]{0,40}"
        ) {
            proptest::prop_assert_eq!(read(&text), read_by_chars(&text));
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
