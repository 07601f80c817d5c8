//! Normalisation: source text and quote text become the same kind of words,
//! with quotation marks, apostrophes, dashes, whitespace and case set aside.

use std::ops::Range;

/// One word of a source, as a hash of its normalised form and its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub hash: u64,
    pub start: u32,
    pub end: u32,
}

impl Token {
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | '`' | '´')
}

/// Hash of a word after lower-casing and unifying apostrophes.
pub fn word_hash(word: &str) -> u64 {
    // most words are all ASCII: lowered byte by byte, with no character
    // decoded (a third of the cost of a quote-drift finding's word diff)
    if word.is_ascii() {
        let mut h = FNV_OFFSET;
        for &b in word.as_bytes() {
            let lower = if b == b'`' { b'\'' } else { b.to_ascii_lowercase() };
            h ^= u64::from(lower);
            h = h.wrapping_mul(FNV_PRIME);
        }
        return h;
    }
    word_hash_by_chars(word)
}

fn word_hash_by_chars(word: &str) -> u64 {
    let mut h = FNV_OFFSET;
    for c in word.chars() {
        let mapped = if is_apostrophe(c) { '\'' } else { c };
        for lower in mapped.to_lowercase() {
            let mut buf = [0u8; 4];
            for b in lower.encode_utf8(&mut buf).bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(FNV_PRIME);
            }
        }
    }
    h
}

/// Byte ranges of the words of `text`: runs of letters and digits, with an
/// apostrophe kept only between two of them ("don't", "O’Neill"). Dashes,
/// quotation marks and every other sign separate words.
pub fn word_ranges(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        // ASCII bytes are told apart without decoding a character: most of
        // a quote's words are all ASCII
        let (c, len) = match bytes[i] {
            b if b.is_ascii() => (char::from(b), 1),
            _ => match text.get(i..).and_then(|rest| rest.chars().next()) {
                Some(c) => (c, c.len_utf8()),
                None => break,
            },
        };
        let next = i + len;
        if is_alphanumeric(c) {
            start.get_or_insert(i);
        } else if !(start.is_some() && is_apostrophe(c) && starts_with_alphanumeric(text, next)) {
            if let Some(s) = start.take() {
                out.push(s..i);
            }
        }
        i = next;
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

fn starts_with_alphanumeric(text: &str, at: usize) -> bool {
    text.get(at..).and_then(|rest| rest.chars().next()).is_some_and(is_alphanumeric)
}

/// The tokens of `text`, offsets shifted by `base`.
pub fn tokens(text: &str, base: usize) -> Vec<Token> {
    word_ranges(text)
        .into_iter()
        .filter_map(|r| {
            let word = text.get(r.clone())?;
            Some(Token {
                hash: word_hash(word),
                start: u32::try_from(base + r.start).ok()?,
                end: u32::try_from(base + r.end).ok()?,
            })
        })
        .collect()
}

/// One element of a quotation as the matcher sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A quoted word: its hash, its text as written, and whether a sentence starts with it.
    Word { hash: u64, text: String, sentence_start: bool },
    /// An ellipsis: the writer left out a stretch of the source here.
    Gap,
    /// A square-bracketed insertion (`[the mayor]`): stands for a word or two of the source.
    Bracket(String),
}

impl Item {
    pub fn is_word(&self) -> bool {
        matches!(self, Item::Word { .. })
    }
}

/// The items of a quotation's text.
pub fn quote_items(text: &str) -> Vec<Item> {
    let mut items = Vec::new();
    let mut sentence_start = true;
    let mut rest = text;
    while !rest.is_empty() {
        // Next special stretch: an ellipsis or a bracket group.
        let Some((at, kind)) = next_special(rest) else {
            push_words(&mut items, rest, &mut sentence_start);
            break;
        };
        let (before, after) = rest.split_at(at);
        match kind {
            Special::Ellipsis(len) => {
                push_words(&mut items, before, &mut sentence_start);
                items.push(Item::Gap);
                rest = after.get(len..).unwrap_or_default();
            }
            Special::Bracket(len) => {
                let inner = after.get(1..len.saturating_sub(1)).unwrap_or_default();
                let tail = after.get(len..).unwrap_or_default();
                let glued = before.chars().next_back().is_some_and(char::is_alphanumeric)
                    || tail.chars().next().is_some_and(char::is_alphanumeric);
                let inner_trim = inner.trim();
                if glued {
                    // "[T]he", "wo[men]": an edit inside a word; read it as written.
                    let joined = format!("{before}{inner}");
                    let cut = joined.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |i| i + 1);
                    push_words(&mut items, joined.get(..cut).unwrap_or_default(), &mut sentence_start);
                    let word_tail_len = tail.find(|c: char| !c.is_alphanumeric()).unwrap_or(tail.len());
                    let word = format!(
                        "{}{}",
                        joined.get(cut..).unwrap_or_default(),
                        tail.get(..word_tail_len).unwrap_or_default()
                    );
                    push_words(&mut items, &word, &mut sentence_start);
                    rest = tail.get(word_tail_len..).unwrap_or_default();
                    continue;
                }
                push_words(&mut items, before, &mut sentence_start);
                if matches!(inner_trim, "..." | "…" | ". . .") {
                    items.push(Item::Gap);
                } else {
                    items.push(Item::Bracket(inner_trim.to_string()));
                }
                rest = tail;
            }
        }
    }
    items
}

enum Special {
    Ellipsis(usize),
    Bracket(usize),
}

fn next_special(text: &str) -> Option<(usize, Special)> {
    for (i, c) in text.char_indices() {
        let here = text.get(i..).unwrap_or_default();
        if c == '…' {
            return Some((i, Special::Ellipsis(c.len_utf8())));
        }
        if here.starts_with(". . .") {
            return Some((i, Special::Ellipsis(5)));
        }
        if here.starts_with("...") {
            let len = here.len() - here.trim_start_matches('.').len();
            return Some((i, Special::Ellipsis(len)));
        }
        if c == '[' || c == '(' {
            let close = if c == '[' { ']' } else { ')' };
            if let Some(end) = here.find(close) {
                return Some((i, Special::Bracket(end + 1)));
            }
        }
    }
    None
}

fn push_words(items: &mut Vec<Item>, text: &str, sentence_start: &mut bool) {
    let mut last_end = 0;
    for r in word_ranges(text) {
        let between = text.get(last_end..r.start).unwrap_or_default();
        if between.contains(['.', '?', '!']) {
            *sentence_start = true;
        }
        let word = text.get(r.clone()).unwrap_or_default();
        items.push(Item::Word { hash: word_hash(word), text: word.to_string(), sentence_start: *sentence_start });
        *sentence_start = false;
        last_end = r.end;
    }
    if text.get(last_end..).unwrap_or_default().contains(['.', '?', '!']) {
        *sentence_start = true;
    }
}

/// How many words a list of items quotes.
pub fn word_count(items: &[Item]) -> usize {
    items.iter().filter(|i| i.is_word()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition [`word_ranges`] is tested against: a walk over the characters.
    fn word_ranges_by_chars(text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c.is_alphanumeric() {
                start.get_or_insert(i);
                continue;
            }
            let next_is_word = chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
            if start.is_some() && is_apostrophe(c) && next_is_word {
                continue;
            }
            if let Some(s) = start.take() {
                out.push(s..i);
            }
        }
        if let Some(s) = start {
            out.push(s..text.len());
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn words_are_found_as_a_walk_over_the_characters_finds_them(text in "[a-zA-Z0-9'’`´ .,é中\u{300}ʼ-]{0,40}") {
            proptest::prop_assert_eq!(word_ranges(&text), word_ranges_by_chars(&text));
        }

        #[test]
        fn an_ascii_word_hashes_as_its_characters_do(word in "[ -~]{0,24}") {
            proptest::prop_assert_eq!(word_hash(&word), word_hash_by_chars(&word));
        }
    }

    #[test]
    fn apostrophes_and_case_hash_alike_in_ascii_and_not() {
        assert_eq!(word_hash("Don`t"), word_hash("don’t"));
        assert_eq!(word_hash("O'NEILL"), word_hash("o’neill"));
        assert_ne!(word_hash("dont"), word_hash("don't"));
    }

    fn words(items: &[Item]) -> Vec<String> {
        items
            .iter()
            .map(|i| match i {
                Item::Word { text, .. } => text.clone(),
                Item::Gap => "…".into(),
                Item::Bracket(b) => format!("[{b}]"),
            })
            .collect()
    }

    #[test]
    fn marks_dashes_and_case_are_set_aside() {
        let a = tokens("“We don’t—ever—GIVE up,” she said.", 0);
        let b = tokens("we don't ever give up she said", 0);
        assert_eq!(a.iter().map(|t| t.hash).collect::<Vec<_>>(), b.iter().map(|t| t.hash).collect::<Vec<_>>());
        assert_eq!(a[1].range(), 6..13);
    }

    #[test]
    fn ellipses_and_brackets_become_items() {
        let items = quote_items("The plan . . . will [the council] fail... [T]hey know it [...] now.");
        assert_eq!(
            words(&items),
            ["The", "plan", "…", "will", "[the council]", "fail", "…", "They", "know", "it", "…", "now"]
        );
    }

    #[test]
    fn sentence_starts_are_marked() {
        let items = quote_items("One two. Three four? Five");
        let starts: Vec<bool> =
            items.iter().map(|i| matches!(i, Item::Word { sentence_start: true, .. })).collect();
        assert_eq!(starts, [true, false, true, false, true]);
    }
}
