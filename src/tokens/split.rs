//! Splitting a prose block into tokens: words, marks, and each quotation
//! as one token.
//!
//! The text is read by byte offset: an ASCII byte is its own character and
//! only other bytes are decoded, and a quotation is passed over in one step.
//! An iterator of decoded characters, peeked at every turn and stepped
//! through every quotation, cost twice as much.

use super::quote_table::{QuoteTable, TableBuilder};
use super::{QuoteRange, TokKind, Token};
use crate::lexicon::Lexicon;
use crate::markdown::ProseBlock;
use std::borrow::Borrow;

/// The character at byte `i` of `text` (a character boundary) and its length.
#[inline]
pub fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((char::from(b), 1));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

fn is_word_char(c: char) -> bool {
    crate::lexicon::chars::is_alphanumeric(c)
        || c == '\u{FFFC}'
        || c == '@'
        || c == '#'
        || c == '$'
        || c == '%'
        || c == '&'
}

/// Joiners that stay inside a word when a letter follows: U.S., don't, Holtz-Eakin.
fn is_joiner(c: char) -> bool {
    matches!(c, '.' | '\'' | '’' | '-' | '‑')
}

/// What an ASCII byte is to the splitter, by table: a word character, a
/// joiner, a space, or a mark. Prose is nearly all ASCII, and asking
/// [`is_word_char`], [`is_joiner`] and `char::is_whitespace` of each byte in
/// turn was most of the cost of splitting it.
const WORD_CHAR: u8 = 1;
const JOINER: u8 = 2;
const SPACE: u8 = 4;

static ASCII_CLASS: [u8; 128] = ascii_classes();

const fn ascii_classes() -> [u8; 128] {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphanumeric() || matches!(c, b'@' | b'#' | b'$' | b'%' | b'&') {
            WORD_CHAR
        } else if matches!(c, b'.' | b'\'' | b'-') {
            JOINER
        } else if matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            SPACE
        } else {
            0
        };
        b += 1;
    }
    table
}

/// The class of the character at byte `i` of `text` (a character boundary):
/// an ASCII byte's from the table, another character's asked of it; and the
/// character's length (none past the end).
#[inline]
fn class_at(text: &str, i: usize) -> Option<(u8, usize)> {
    let b = *text.as_bytes().get(i)?;
    if let Some(&class) = ASCII_CLASS.get(usize::from(b)) {
        return Some((class, 1));
    }
    let (c, len) = char_at(text, i)?;
    Some((class_of(c), len))
}

/// [`ASCII_CLASS`] for any character.
#[cold]
fn class_of(c: char) -> u8 {
    if is_word_char(c) {
        WORD_CHAR
    } else if is_joiner(c) {
        JOINER
    } else if c.is_whitespace() {
        SPACE
    } else {
        0
    }
}

/// Tokenises `block`, turning each quotation range into one token. The
/// ranges are read in order as they come: a paragraph of hundreds of
/// thousands of quotations had a list of them made (24 bytes each) and
/// held while its tokens were.
pub fn tokenize<Q: Borrow<QuoteRange>>(
    block: &ProseBlock,
    quotes: impl IntoIterator<Item = Q>,
    lex: &Lexicon,
) -> Vec<Token> {
    tokenize_quoted(block, quotes, lex).0
}

/// [`tokenize`], and the quotation tokens as (token index, quote index), in
/// token order (a token keeps no quote index, see [`Token`]). An index past
/// 32 bits reads as the largest.
pub(super) fn tokenize_quoted<Q: Borrow<QuoteRange>>(
    block: &ProseBlock,
    quotes: impl IntoIterator<Item = Q>,
    lex: &Lexicon,
) -> (Vec<Token>, QuoteTable) {
    let text = &*block.text;
    // prose has a token every five or six bytes: room for one every four
    // saves growing the vector a dozen times (it is shrunk to fit below)
    let mut tokens = Vec::with_capacity(text.len() / 4 + 1);
    let mut quote_tokens = TableBuilder::default();
    let mut quotes = quotes.into_iter().map(|q| q.borrow().clone());
    let mut head = quotes.next();
    // the quotations are asked of nothing before `due` (where the next one
    // starts, or ends), rather than at every character
    let mut due = 0;
    let splits = lex.splits_words();
    let mut pos = 0;
    while let Some((class, len)) = class_at(text, pos) {
        if pos >= due {
            while head.as_ref().is_some_and(|(_, r)| r.end <= pos) {
                head = quotes.next();
            }
            if let Some((id, r)) = head.as_ref().filter(|(_, r)| r.start == pos) {
                let small = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
                quote_tokens.push((small(tokens.len()), small(*id)));
                tokens.push(Token::new(r.start, r.end, TokKind::Quote));
                pos = boundary_from(text, r.end.max(pos + len));
                continue;
            }
            // one that started inside a word is passed over until it ends
            due =
                head.as_ref().map_or(usize::MAX, |(_, r)| if r.start > pos { r.start.min(r.end) } else { r.end });
        }
        if class & SPACE != 0 {
            pos += len;
            continue;
        }
        if class & WORD_CHAR == 0 {
            tokens.push(Token::new(pos, pos + len, TokKind::Punct));
            pos += len;
            continue;
        }
        let bytes = text.as_bytes();
        let letters_end = pos + len + crate::lexicon::chars::ascii_letter_run(bytes, pos + len);
        // (most words end at a space or a mark that joins nothing: no call)
        let ends = bytes
            .get(letters_end)
            .is_none_or(|&b| ASCII_CLASS.get(usize::from(b)).is_some_and(|c| c & (WORD_CHAR | JOINER) == 0));
        let mut end = if ends { letters_end } else { word_end(text, letters_end) };
        // ASCII letters only, so far
        let mut plain = end == letters_end && bytes.get(pos).is_some_and(u8::is_ascii_alphabetic);
        // keep the full stop of an initial or abbreviation: "G.K.", "Sen.", "U.S."
        if bytes.get(end) == Some(&b'.') {
            let word = text.get(pos..end).unwrap_or_default();
            let with_dot = text.get(pos..end + 1).unwrap_or_default();
            if keeps_full_stop(word, with_dot, lex) {
                end += 1;
                plain = false;
            }
        }
        plain = plain && !apostrophe_at(bytes, end);
        // one paragraph may be megabytes: the draft's budget is checked within it
        crate::budget::tick();
        // (most lexicons split no word: a push, no call)
        if splits {
            push_word(text, (pos, end, plain), lex, &mut tokens);
        } else if plain {
            tokens.push(Token::plain(pos, end));
        } else {
            tokens.push(Token::new(pos, end, TokKind::Word));
        }
        pos = end;
    }
    // kept for the whole run: the slack of doubling would be a quarter of it on average
    tokens.shrink_to_fit();
    (tokens, quote_tokens.finish())
}

/// The first character boundary of `text` at or after `at` (its length past the end).
fn boundary_from(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Where the word whose characters run up to `end`, and then its run of
/// ASCII letters from `end`, ends: word characters, and joiners with a
/// word character after them, are taken.
#[inline]
fn word_end(text: &str, mut end: usize) -> usize {
    let bytes = text.as_bytes();
    while let Some((class, len)) = class_at(text, end) {
        let taken = class & WORD_CHAR != 0
            || (class & JOINER != 0 && class_at(text, end + len).is_some_and(|(next, _)| next & WORD_CHAR != 0));
        if !taken {
            break;
        }
        end += len;
        // most of a word is a run of ASCII letters, read eight bytes at a time
        end += crate::lexicon::chars::ascii_letter_run(bytes, end);
    }
    end
}

/// Whether an apostrophe, straight or curly, is at byte `at` of `bytes`.
#[inline]
fn apostrophe_at(bytes: &[u8], at: usize) -> bool {
    match bytes.get(at) {
        Some(b'\'') => true,
        Some(&b) if b.is_ascii() => false,
        _ => bytes.get(at..).is_some_and(|rest| rest.starts_with("’".as_bytes())),
    }
}

/// Pushes the word `pos..end`, split where the language writes two words
/// as one: an elided word ("l’" of "l’AFP") and a verb with its pronoun
/// after it ("a-t-il" → "a", "il"). A word left whole is a plain token if
/// `plain` says it is one (see [`Token::is_plain`]); no piece of a split
/// word is.
fn push_word(text: &str, (mut pos, end, plain): (usize, usize, bool), lex: &Lexicon, tokens: &mut Vec<Token>) {
    let start = pos;
    if lex.splits_words() {
        while let Some(len) = text.get(pos..end).and_then(|w| lex.elision_len(w)) {
            tokens.push(Token::new(pos, pos + len, TokKind::Word));
            pos += len;
        }
        if let Some((verb, pronoun)) = text.get(pos..end).and_then(|w| lex.inverted_pronoun(w)) {
            tokens.push(Token::new(pos, pos + verb, TokKind::Word));
            tokens.push(Token::new(pos + pronoun, end, TokKind::Word));
            return;
        }
    }
    tokens.push(if plain && pos == start { Token::plain(pos, end) } else { Token::new(pos, end, TokKind::Word) });
}

/// Single capitals (initials), dotted abbreviations and known short titles keep their dot.
fn keeps_full_stop(word: &str, with_dot: &str, lex: &Lexicon) -> bool {
    // most words before a stop are ASCII letters: no stop inside, an initial if one capital
    if word.bytes().all(|b| b.is_ascii_alphabetic()) {
        let initial = word.len() == 1 && word.bytes().all(|b| b.is_ascii_uppercase());
        return initial || lex.is_abbreviation(with_dot);
    }
    let mut chars = word.chars();
    let upper_initial = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
    upper_initial || word.contains('.') || lex.is_abbreviation(with_dot)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// [`tokenize`] as it was written over decoded characters: the reference
    /// the reading by byte offset is tested against.
    fn by_char(block: &ProseBlock, quotes: &[QuoteRange], lex: &Lexicon) -> (Vec<Token>, Vec<(u32, u32)>) {
        let text = &*block.text;
        let mut tokens = Vec::new();
        let mut quote_tokens = Vec::new();
        let mut quotes = quotes.iter().peekable();
        let mut iter = text.char_indices().peekable();
        while let Some((pos, c)) = iter.next() {
            while quotes.peek().is_some_and(|(_, r)| r.end <= pos) {
                quotes.next();
            }
            if let Some((id, r)) = quotes.peek().filter(|(_, r)| r.start == pos) {
                quote_tokens.push((tokens.len() as u32, *id as u32));
                tokens.push(Token::new(r.start, r.end, TokKind::Quote));
                while iter.peek().is_some_and(|&(p, _)| p < r.end) {
                    iter.next();
                }
                continue;
            }
            if c.is_whitespace() {
                continue;
            }
            if !is_word_char(c) {
                tokens.push(Token::new(pos, pos + c.len_utf8(), TokKind::Punct));
                continue;
            }
            let mut end = pos + c.len_utf8();
            while let Some(&(p, d)) = iter.peek() {
                if d.is_ascii_alphanumeric() {
                    end = p + 1;
                    iter.next();
                    continue;
                }
                let joined = is_joiner(d)
                    && text.get(p + d.len_utf8()..).and_then(|r| r.chars().next()).is_some_and(is_word_char);
                if is_word_char(d) || joined {
                    end = p + d.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            if let Some(&(p, '.')) = iter.peek() {
                let word = text.get(pos..end).unwrap_or_default();
                let with_dot = text.get(pos..p + 1).unwrap_or_default();
                if keeps_full_stop(word, with_dot, lex) {
                    end = p + 1;
                    iter.next();
                }
            }
            push_word(text, (pos, end, is_plain_by_bytes(text, pos..end)), lex, &mut tokens);
        }
        (tokens, quote_tokens)
    }

    /// [`Token::is_plain`] asked of the text: ASCII letters only, and no
    /// apostrophe nor letter after them.
    fn is_plain_by_bytes(text: &str, word: std::ops::Range<usize>) -> bool {
        let next = text.get(word.end..).and_then(|rest| rest.chars().next());
        !word.is_empty()
            && text.as_bytes()[word].iter().all(u8::is_ascii_alphabetic)
            && next.is_none_or(|c| !matches!(c, '\'' | '’') && !c.is_alphabetic())
    }

    /// [`keeps_full_stop`] without its path for a word of ASCII letters: its reference.
    fn keeps_full_stop_by_char(word: &str, with_dot: &str, lex: &Lexicon) -> bool {
        let mut chars = word.chars();
        let upper_initial = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
        upper_initial || word.contains('.') || lex.is_abbreviation(with_dot)
    }

    proptest! {
        /// A word of ASCII letters keeps its stop as any word does.
        #[test]
        fn a_word_of_letters_keeps_its_stop_as_any_word(
            word in "[a-zA-Z]{1,6}|[A-Zé]|[a-zA-Z.é-]{1,6}|Sen|Gov|U.S|Calif|Mr|Dr|St|No|a|I|etc|Jan|av|Mme"
        ) {
            let with_dot = format!("{word}.");
            for language in [crate::lexicon::Language::En, crate::lexicon::Language::Fr] {
                let lex = Lexicon::builtin_for(language);
                prop_assert_eq!(keeps_full_stop(&word, &with_dot, lex), keeps_full_stop_by_char(&word, &with_dot, lex));
            }
        }
    }

    #[test]
    fn initials_and_abbreviations_keep_their_stop() {
        let lex = Lexicon::builtin();
        let keeps = |w: &str| keeps_full_stop(w, &format!("{w}."), lex);
        assert!(keeps("G") && keeps("Sen") && keeps("U.S") && !keeps("said") && !keeps("g") && !keeps("Ga-b"));
    }

    #[test]
    fn every_ascii_character_is_classed_by_the_table_as_by_asking_it() {
        for b in 0..128u8 {
            let (c, class) = (char::from(b), ASCII_CLASS[usize::from(b)]);
            assert_eq!(class, class_of(c), "{c:?}");
            // no ASCII character is in two classes
            let classes = (class == WORD_CHAR, class == JOINER, class == SPACE);
            assert_eq!(classes, (is_word_char(c), is_joiner(c), c.is_whitespace()), "{c:?}");
        }
        assert_eq!(ASCII_CLASS.iter().filter(|&&c| c == WORD_CHAR).count(), 62 + 5);
        for (c, class) in
            [('é', WORD_CHAR), ('’', JOINER), ('‑', JOINER), ('\u{a0}', SPACE), ('“', 0), ('\u{FFFC}', WORD_CHAR)]
        {
            assert_eq!(class_of(c), class, "{c:?}");
        }
    }

    fn draft() -> impl Strategy<Value = String> {
        let pieces = concat!(
            "the|Mayor|Ana|Ruiz|said|U.S.|Sen.|G.K.|Holtz-Eakin|don't|l’AFP|a-t-il|3pm|@ap|Élysée|日本|",
            "abcdefghijklmnopq|x9|#1|$5|50%|AT&T|--|.-|'s|",
            ".|,|?|-|'|’|‑| |\t|\r|\n|\u{a0}|\u{2003}|“|”|…|\u{FFFC}"
        );
        crate::tokens::drafts_of(pieces, 60)
    }

    proptest! {
        /// Read by byte offset, a block gives the tokens it gave read by character.
        #[test]
        fn tokens_read_by_offset_are_those_read_by_character(text in draft(), cuts in prop::collection::vec(0usize..200, 0..6)) {
            let doc = crate::markdown::parse(&text);
            for language in [crate::lexicon::Language::En, crate::lexicon::Language::Fr] {
                let lex = Lexicon::builtin_for(language);
                for block in &doc.blocks {
                    // quotation ranges at arbitrary offsets, even inside characters
                    let mut at: Vec<usize> = cuts.iter().map(|c| c % (block.text.len() + 2)).collect();
                    at.sort_unstable();
                    let quotes: Vec<QuoteRange> =
                        at.chunks_exact(2).enumerate().map(|(i, p)| (i, p[0]..p[1].max(p[0] + 1))).collect();
                    let (tokens, table) = tokenize_quoted(block, &quotes, lex);
                    prop_assert_eq!((tokens, table.to_vec()), by_char(block, &quotes, lex));
                }
            }
        }
    }
}
