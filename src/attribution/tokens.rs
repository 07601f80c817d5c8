//! Words, punctuation and quotations of one prose block, with byte positions.
//!
//! Quotations become single tokens so that attribution patterns read the
//! writer's frame around them ("Q," she said) without the quoted words.

use crate::lexicon::Lexicon;
use crate::markdown::ProseBlock;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Punct,
    /// A quotation (index into the scan's quotes) occupying this stretch.
    Quote(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
}

impl Token {
    pub fn text<'a>(&self, block: &'a str) -> &'a str {
        block.get(self.start..self.end).unwrap_or_default()
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }
}

/// A part of a quotation that lies in this block: (quote index, outer range).
pub type QuoteRange = (usize, Range<usize>);

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\u{FFFC}' || c == '@' || c == '#' || c == '$' || c == '%' || c == '&'
}

/// Joiners that stay inside a word when a letter follows: U.S., don't, Holtz-Eakin.
fn is_joiner(c: char) -> bool {
    matches!(c, '.' | '\'' | '’' | '-' | '‑')
}

/// Tokenises `block`, turning each quotation range into one token.
pub fn tokenize(block: &ProseBlock, quotes: &[QuoteRange], lex: &Lexicon) -> Vec<Token> {
    let text = block.text.as_str();
    let mut tokens = Vec::new();
    let mut quotes = quotes.iter().peekable();
    let mut iter = text.char_indices().peekable();
    while let Some((pos, c)) = iter.next() {
        while quotes.peek().is_some_and(|(_, r)| r.end <= pos) {
            quotes.next();
        }
        if let Some((id, r)) = quotes.peek().filter(|(_, r)| r.start == pos) {
            tokens.push(Token { start: r.start, end: r.end, kind: TokKind::Quote(*id) });
            while iter.peek().is_some_and(|&(p, _)| p < r.end) {
                iter.next();
            }
            continue;
        }
        if c.is_whitespace() {
            continue;
        }
        if !is_word_char(c) {
            tokens.push(Token { start: pos, end: pos + c.len_utf8(), kind: TokKind::Punct });
            continue;
        }
        let mut end = pos + c.len_utf8();
        while let Some(&(p, d)) = iter.peek() {
            let joined = is_joiner(d)
                && text.get(p + d.len_utf8()..).and_then(|r| r.chars().next()).is_some_and(is_word_char);
            if is_word_char(d) || joined {
                end = p + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        // keep the full stop of an initial or abbreviation: "G.K.", "Sen.", "U.S."
        if let Some(&(p, '.')) = iter.peek() {
            let word = text.get(pos..end).unwrap_or_default();
            let with_dot = text.get(pos..p + 1).unwrap_or_default();
            if keeps_full_stop(word, with_dot, lex) {
                end = p + 1;
                iter.next();
            }
        }
        tokens.push(Token { start: pos, end, kind: TokKind::Word });
    }
    tokens
}

/// Single capitals (initials), dotted abbreviations and known short titles keep their dot.
fn keeps_full_stop(word: &str, with_dot: &str, lex: &Lexicon) -> bool {
    let mut chars = word.chars();
    let upper_initial = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
    upper_initial || word.contains('.') || lex.is_abbreviation(with_dot)
}
