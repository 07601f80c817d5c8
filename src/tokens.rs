//! Each draft tokenised once: the words, punctuation and quotations of every
//! prose block, with byte positions, lower-case forms, what the word lists say
//! of each word, and the sentence each token is in. Attribution and the rules
//! read these instead of splitting and looking words up again.
//!
//! Quotations become single tokens, so that attribution patterns read the
//! writer's frame around them ("Q," she said) without the quoted words.

use crate::lexicon::Lexicon;
use crate::markdown::ProseBlock;
use std::ops::Range;

mod facts;
mod lowered;
mod quote_table;
mod split;
#[cfg(test)]
mod tests;
mod window;

pub use facts::{CacheSlots, FactsCache, WordFacts};
use lowered::Lowered;
use quote_table::QuoteTable;
pub use split::{char_at, tokenize};
pub use window::{DraftTokens, TokenWindow};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Punct,
    /// A quotation occupying this stretch (which one: [`BlockTokens::quote_at`]).
    Quote,
}

/// One token: a byte range of its block's text. Offsets are 32 bits (a
/// draft is far below 4 GiB, see [`BlockTokens::new`]): there is one token
/// for every word of every draft, so its size is the analysis's largest
/// cost. Its length and kind share one 32-bit number, and a quotation's
/// index is kept by the block (few tokens are quotations): as `start, end,
/// kind` it took twelve bytes, a third more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: u32,
    /// The length in the low [`LEN_BITS`] bits (at most [`LONG`]), the kind above.
    len_kind: u32,
}

const LEN_BITS: u32 = 30;
/// The length a token longer than the bits hold is given: such a token (a
/// quotation or word of a gigabyte) makes its block read as having no
/// tokens, as a block past 4 GiB is (see [`BlockTokens::new`]).
const LONG: u32 = (1 << LEN_BITS) - 1;
/// Words are the two lowest kinds, so that a word is a number below [`PUNCT`].
const WORD: u32 = 0;
/// A plain word (see [`Token::is_plain`]).
const PLAIN: u32 = 1 << LEN_BITS;
const PUNCT: u32 = 2 << LEN_BITS;
const QUOTE: u32 = 3 << LEN_BITS;

impl Token {
    /// A token over `start..end` (`end` not before `start`).
    #[inline]
    fn new(start: usize, end: usize, kind: TokKind) -> Self {
        let kind = match kind {
            TokKind::Word => WORD,
            TokKind::Punct => PUNCT,
            TokKind::Quote => QUOTE,
        };
        let len = end.saturating_sub(start).min(LONG as usize) as u32;
        Token { start: start as u32, len_kind: kind | len }
    }

    /// A plain word over `start..end` (see [`Token::is_plain`]).
    #[inline]
    fn plain(start: usize, end: usize) -> Self {
        let len = end.saturating_sub(start).min(LONG as usize) as u32;
        Token { start: start as u32, len_kind: PLAIN | len }
    }

    pub fn kind(&self) -> TokKind {
        match self.len_kind & !LONG {
            WORD | PLAIN => TokKind::Word,
            PUNCT => TokKind::Punct,
            _ => TokKind::Quote,
        }
    }

    /// Where the token ends (exact for any token of a block with tokens:
    /// see `Token::is_long`).
    #[inline]
    pub fn end(&self) -> u32 {
        self.start.wrapping_add(self.len_kind & LONG)
    }

    /// Longer than its length's bits hold: its end is not kept.
    fn is_long(&self) -> bool {
        self.len_kind & LONG == LONG
    }

    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end() as usize
    }

    pub fn text<'a>(&self, block: &'a str) -> &'a str {
        block.get(self.range()).unwrap_or_default()
    }

    #[inline]
    pub fn is_word(&self) -> bool {
        self.len_kind < PUNCT
    }

    /// A word of ASCII letters only, whole as the splitter found it (not a
    /// piece of a word it split in two), with no apostrophe (straight or
    /// curly) right after it: the tokeniser knows this of a word as
    /// it reads it, and the word lists and the rules' words, which read
    /// most words of a draft, take such a word as it stands instead of
    /// reading its bytes again.
    #[inline]
    pub fn is_plain(&self) -> bool {
        self.len_kind & !LONG == PLAIN
    }

    #[inline]
    pub fn is_quote(&self) -> bool {
        self.len_kind >= QUOTE
    }

    #[inline]
    pub fn is_punct(&self) -> bool {
        self.len_kind & !LONG == PUNCT
    }
}

/// A part of a quotation that lies in a block: (quote index, outer range).
pub type QuoteRange = (usize, Range<usize>);

/// The tokens of one prose block.
#[derive(Debug, Clone, Default)]
pub struct BlockTokens {
    pub toks: Vec<Token>,
    /// What the word lists say of each token (default for punctuation and quotes).
    pub facts: Vec<WordFacts>,
    /// What only attribution reads (the rules read the words the analysis
    /// takes from the tokens, see [`crate::analysis::words`]); none for a
    /// block built by default. Boxed: freed block by block as the words are
    /// read, its room is reused by them, where in place it would be held
    /// until the last block's words are read.
    reading: Option<Box<Reading>>,
}

/// The part of a block's tokens only attribution reads.
#[derive(Debug, Clone, Default)]
struct Reading {
    /// The tokens' lower-case forms (for a long block, only those that
    /// differ from the token as written).
    lowered: Lowered,
    /// The sentence label of each token (see [`BlockTokens::sentence`]);
    /// none for a block of [`LONG_BLOCK`] bytes or more.
    sentence_of: Vec<u32>,
    /// Per label, the tokens that carry it (empty when none do, where the
    /// run before ends: the runs are in order).
    runs: Vec<Range<u32>>,
    /// The quotation tokens of the block, (token index, quote index), in token order.
    quote_tokens: QuoteTable,
    /// Indices into `quote_tokens` in quote order, when that is not token
    /// order (it nearly always is: the parts are read in order).
    by_quote: Vec<u32>,
    /// The tokens that open "put it" or "puts it", in order (see [`BlockTokens::put_it_at`]).
    put_it: Vec<u32>,
}

/// A block this long keeps no sentence label a token (4 bytes a token, for
/// a paragraph of megabytes megabytes); its tokens' sentences are found by
/// binary search over the runs. Shorter blocks keep them: held block by
/// block, dropping them moved nothing but the holes they left, and raised
/// the peak of 8 MB of nested lists from 94 to 96 MB.
pub const LONG_BLOCK: usize = 64 << 10;

/// The longest sentence attribution reads, in tokens. Published news has
/// none longer than 250 (PolNeAR, the Canadian set); a paragraph with no full
/// stop at all is read in pieces this long, so that what is done per quote
/// within its sentence stays bounded.
pub const MAX_SENTENCE_TOKENS: usize = 320;

/// Tokens `lo..hi` of a block: one sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub lo: usize,
    pub hi: usize,
}

impl BlockTokens {
    /// Tokenises `block`, turning each quotation part of `quotes` in it
    /// into one token (the parts in order, read once).
    pub fn new<Q: std::borrow::Borrow<QuoteRange>>(
        block: &ProseBlock,
        quotes: impl IntoIterator<Item = Q>,
        lex: &Lexicon,
    ) -> Self {
        BlockTokens::new_with(block, quotes, (lex, &FactsCache::default()))
    }

    /// [`BlockTokens::new`], with the words the other blocks of the draft
    /// met in `cache` (filled for `lex` only).
    pub fn new_with<Q: std::borrow::Borrow<QuoteRange>>(
        block: &ProseBlock,
        quotes: impl IntoIterator<Item = Q>,
        (lex, cache): (&Lexicon, &FactsCache),
    ) -> Self {
        // offsets, token and quote indices are kept in 32 bits: a block of
        // 4 GiB (far over any size limit) is not read
        if u32::try_from(block.text.len()).is_err() {
            return BlockTokens::default();
        }
        let (toks, quote_tokens) = split::tokenize_quoted(block, quotes, lex);
        // a token whose end is not kept (a quotation, or in a block, of a
        // gigabyte) is not read either
        let long_quote = quote_tokens.iter().any(|&(t, _)| toks.get(t as usize).is_some_and(Token::is_long));
        if long_quote || (block.text.len() >= LONG as usize && toks.iter().any(Token::is_long)) {
            return BlockTokens::default();
        }
        let ranges = crate::sentences::split_with(&block.text, lex);
        let sentence_of = sentence_labels(&toks, &ranges);
        let runs_len = ranges.len().max(1);
        let lowered = Lowered::of(&block.text, &toks);
        let (facts, put_it) = read_words(&toks, (&lowered, &block.text), (lex, cache));
        drop(ranges);
        let mut runs = vec![0..0; runs_len];
        for (i, &label) in (0u32..).zip(&sentence_of) {
            if let Some(run) = runs.get_mut(label as usize) {
                if run.start == run.end {
                    *run = i..i + 1;
                } else {
                    run.end = i + 1;
                }
            }
        }
        // a label no token carries gets an empty run where the run before
        // it ends, so the runs are in order and a token's is found by search
        let mut end = 0;
        for run in &mut runs {
            if run.start == run.end {
                *run = end..end;
            }
            end = run.end;
        }
        let sentence_of = if block.text.len() >= LONG_BLOCK { Vec::new() } else { sentence_of };
        let by_quote = by_quote(&quote_tokens);
        let reading = Reading { lowered, sentence_of, runs, quote_tokens, by_quote, put_it };
        BlockTokens { toks, facts, reading: Some(Box::new(reading)) }
    }

    /// The sentence of token `i`: the tokens that share its label. A token
    /// past the end counts as in the first sentence. A sentence longer than
    /// [`MAX_SENTENCE_TOKENS`] is cut into pieces that long.
    pub fn sentence(&self, i: usize) -> Sentence {
        let runs = self.reading.as_ref().map_or(&[][..], |r| &r.runs[..]);
        let s = match self.sentence_of().get(i) {
            Some(&s) => s as usize,
            // a long block keeps no labels (see [`LONG_BLOCK`])
            None if i < self.toks.len() => runs.partition_point(|r| r.end as usize <= i),
            None => 0,
        };
        let (lo, hi) = match runs.get(s) {
            Some(run) if run.start < run.end => (run.start as usize, run.end as usize),
            _ => (0, self.toks.len()),
        };
        if hi - lo <= MAX_SENTENCE_TOKENS {
            return Sentence { lo, hi };
        }
        let at = if i < self.toks.len() { i.clamp(lo, hi - 1) } else { lo };
        let piece = lo + (at - lo) / MAX_SENTENCE_TOKENS * MAX_SENTENCE_TOKENS;
        Sentence { lo: piece, hi: (piece + MAX_SENTENCE_TOKENS).min(hi) }
    }

    /// The block's sentences in order (a quotation's sentences count as one).
    pub fn sentences(&self) -> impl Iterator<Item = Sentence> + '_ {
        let runs = self.reading.as_ref().map_or(&[][..], |r| &r.runs[..]);
        runs.iter().filter(|r| r.start < r.end).map(|r| Sentence { lo: r.start as usize, hi: r.end as usize })
    }

    /// The token of quotation `id` in this block, if it has one (its first).
    pub fn quote_token(&self, id: usize) -> Option<usize> {
        let reading = self.reading.as_deref()?;
        let (quote_tokens, by_quote) = (&reading.quote_tokens, &reading.by_quote);
        if by_quote.is_empty() {
            // (nearly always: the table is in quote order too)
            let at = quote_tokens.partition_point(|&(_, q)| (q as usize) < id);
            return quote_tokens.get(at).filter(|&&(_, q)| q as usize == id).map(|&(t, _)| t as usize);
        }
        let entry = |k: usize| by_quote.get(k).and_then(|&j| quote_tokens.get(j as usize));
        // entries in quote order: a binary search by quote index
        let at =
            by_quote.partition_point(|&j| quote_tokens.get(j as usize).is_some_and(|&(_, q)| (q as usize) < id));
        entry(at).filter(|&&(_, q)| q as usize == id).map(|&(t, _)| t as usize)
    }

    /// The index of the quotation token `i` is, if it is one.
    #[inline]
    pub fn quote_at(&self, i: usize) -> Option<usize> {
        if !self.toks.get(i).is_some_and(Token::is_quote) {
            return None;
        }
        let quote_tokens = self.reading.as_ref().map_or(&[][..], |r| &r.quote_tokens[..]);
        let at = quote_tokens.partition_point(|&(t, _)| (t as usize) < i);
        quote_tokens.get(at).filter(|&&(t, _)| t as usize == i).map(|&(_, q)| q as usize)
    }

    /// The sentence label of each token (see [`BlockTokens::sentence`];
    /// empty once attribution is done).
    pub fn sentence_of(&self) -> &[u32] {
        self.reading.as_ref().map_or(&[][..], |r| &r.sentence_of[..])
    }

    /// The lower-case form of token `i` of `text`, the block's text (empty
    /// past the end and for a block built by default; a quotation's token
    /// of a long block reads as written, see `Lowered::get`).
    pub fn lower<'a>(&'a self, i: usize, text: &'a str) -> &'a str {
        let Some(t) = self.toks.get(i) else { return "" };
        self.reading.as_ref().map_or("", |r| r.lowered.get(i, t, text))
    }

    /// The tokens without what only attribution reads, once it is done
    /// with them: a long paragraph's lower-case forms and sentence runs are
    /// freed before its words are made from its tokens, so the words take
    /// their room (8 MB of anonymous quotes in one paragraph held both).
    fn read(mut self) -> Self {
        self.reading = None;
        self
    }

    /// Whether token `i` opens "put it" or "puts it" (the idiom that
    /// reports words: "as Foner put it"), each word read as attribution
    /// reads it (a glossed word as its English one).
    pub fn put_it_at(&self, i: usize) -> bool {
        let put_it = self.reading.as_ref().map_or(&[][..], |r| &r.put_it[..]);
        !put_it.is_empty() && u32::try_from(i).is_ok_and(|i| put_it.binary_search(&i).is_ok())
    }
}

/// What the word lists say of each of `toks`, tokens of a block (given
/// its lower-case forms and text), and the tokens that open "put it" or
/// "puts it" (see [`BlockTokens::put_it_at`]), in one pass. A word of a
/// short block is read from the bytes of the text and its lower-case copy,
/// with no slicing of either as text: this runs for every word of a draft,
/// and the slicing and the general path's checks were half its cost.
fn read_words(
    toks: &[Token],
    (lowered, text): (&Lowered, &str),
    (lex, cache): (&Lexicon, &FactsCache),
) -> (Vec<WordFacts>, Vec<u32>) {
    let bytes = text.as_bytes();
    let whole = lowered.whole().map(str::as_bytes);
    let facts_of = |i: usize, t: &Token| {
        if !t.is_word() {
            return WordFacts::default();
        }
        let fast = match (bytes.get(t.range()), whole.and_then(|w| w.get(t.range()))) {
            (Some(word), Some(lower)) => WordFacts::of_letters(word, lower, lex),
            _ => None,
        };
        fast.unwrap_or_else(|| WordFacts::of(t.text(text), lowered.get(i, t, text), lex))
    };
    let mut facts = Vec::with_capacity(toks.len());
    let mut put_it = Vec::new();
    // the cache's slots held once for the block
    cache.with(|cache| {
        for (i, t) in toks.iter().enumerate() {
            // most tokens are plain words: their lower-case forms are known to
            // be letters, and they are looked up here without a call
            let plain = match (t.is_plain(), whole) {
                (true, Some(whole)) => match (bytes.get(t.range()), whole.get(t.range())) {
                    (Some(word), Some(lower)) => cache.of_plain(word, lower, lex),
                    _ => None,
                },
                _ => None,
            };
            let f = match plain {
                Some(f) => f,
                None if !t.is_word() => WordFacts::default(),
                None => facts_of(i, t),
            };
            facts.push(f);
            // the first byte as written rules out nearly every token unread
            let may_be_put =
                bytes.get(t.start as usize).is_some_and(|&b| (b | 0x20) == b'p') || f.gloss().is_some();
            if may_be_put
                && opens_put_it(
                    (i, t, f),
                    toks.get(i + 1).map(|next| (next, facts_of(i + 1, next))),
                    lowered,
                    text,
                    lex,
                )
            {
                // token indices in 32 bits, as a block's other token lists hold them
                put_it.push(i as u32);
            }
        }
    });
    (facts, put_it)
}

/// Whether token `i`, `t` with facts `f`, and the token after it (with
/// its facts) read "put it" or "puts it", each word read as attribution
/// reads it (a glossed word as its English one).
fn opens_put_it(
    (i, t, f): (usize, &Token, WordFacts),
    next: Option<(&Token, WordFacts)>,
    lowered: &Lowered,
    text: &str,
    lex: &Lexicon,
) -> bool {
    let read = |i: usize, t: &Token, f: WordFacts| match f.gloss() {
        Some(gloss) => lex.gloss(gloss),
        None => lowered.get(i, t, text),
    };
    matches!(read(i, t, f), "put" | "puts") && next.is_some_and(|(n, nf)| read(i + 1, n, nf) == "it")
}

/// The order of `quote_tokens` (token order) by quote index, then token
/// index; empty when it is that order already.
fn by_quote(quote_tokens: &[(u32, u32)]) -> Vec<u32> {
    if quote_tokens.windows(2).all(|w| (w[0].1, w[0].0) <= (w[1].1, w[1].0)) {
        return Vec::new();
    }
    let mut order: Vec<u32> = (0..quote_tokens.len() as u32).collect();
    order.sort_unstable_by_key(|&k| quote_tokens.get(k as usize).map(|&(t, q)| (q, t)));
    order
}

/// The sentence each token belongs to. A quotation is one unit whatever full
/// stops it holds: the sentences it spans, and the one it ends in, share the
/// label of the sentence it starts in.
fn sentence_labels(toks: &[Token], ranges: &[Range<usize>]) -> Vec<u32> {
    let mut si = 0;
    let mut merged_until = 0; // byte offset up to which the current label holds
    let mut label = 0;
    // where sentence `si` ends, if a sentence follows it (a token past the
    // last sentence's end is in the last)
    let ends_before_next = |si: usize| match ranges.get(si) {
        Some(r) if si + 1 < ranges.len() => r.end,
        _ => usize::MAX,
    };
    let mut si_end = ends_before_next(si);
    toks.iter()
        .map(|t| {
            let (start, end) = (t.start as usize, t.end() as usize);
            while start >= si_end {
                si += 1;
                si_end = ends_before_next(si);
            }
            if start >= merged_until {
                label = si;
            }
            if t.is_quote() {
                // the first sentence that ends at or after the quote (ends are sorted)
                let end_range = ranges.partition_point(|r| r.end < end);
                let end_range = if end_range < ranges.len() { end_range } else { si };
                if end_range > si {
                    merged_until = ranges.get(end_range).map_or(end, |r| r.end);
                }
            }
            label as u32
        })
        .collect()
}

/// Drafts for property tests: up to `most` of the `|`-separated `pieces`
/// in any order, joined (one string of pieces, where a list of them took a
/// line each).
#[cfg(test)]
pub fn drafts_of(pieces: &'static str, most: usize) -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let piece = prop::sample::select(pieces.split('|').collect::<Vec<_>>());
    prop::collection::vec(piece, 0..most).prop_map(|p| p.concat())
}

/// A paragraph of `piece` repeated past `bytes` bytes, and its quotation
/// parts for property and memory tests: quotation k is the first
/// `quote_len` bytes of the k-th piece.
#[cfg(test)]
pub fn repeated_quotes(piece: &str, quote_len: usize, bytes: usize) -> (String, Vec<QuoteRange>) {
    let n = bytes / piece.len() + 1;
    let parts = (0..n).map(|k| (k, k * piece.len()..k * piece.len() + quote_len)).collect();
    (piece.repeat(n), parts)
}
