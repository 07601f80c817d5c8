//! Each draft tokenised once: the words, punctuation and quotations of every
//! prose block, with byte positions, lower-case forms, what the word lists say
//! of each word, and the sentence each token is in. Attribution and the rules
//! read these instead of splitting and looking words up again.
//!
//! Quotations become single tokens, so that attribution patterns read the
//! writer's frame around them ("Q," she said) without the quoted words.

use crate::lexicon::{GlossId, Lexicon, VerbId};
use crate::markdown::{Document, ProseBlock};
use crate::quote::{Quote, QuoteKind};
use std::ops::Range;

mod lowered;
mod split;

use lowered::Lowered;
pub use split::{char_at, tokenize};

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
/// Words are kind 0, so that a word is a number at most [`LONG`].
const WORD: u32 = 0;
const PUNCT: u32 = 1 << LEN_BITS;
const QUOTE: u32 = 2 << LEN_BITS;

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

    pub fn kind(&self) -> TokKind {
        match self.len_kind & !LONG {
            WORD => TokKind::Word,
            PUNCT => TokKind::Punct,
            _ => TokKind::Quote,
        }
    }

    /// Where the token ends (exact for any token of a block with tokens:
    /// see [`Token::is_long`]).
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
        self.len_kind <= LONG
    }

    #[inline]
    pub fn is_quote(&self) -> bool {
        self.len_kind & !LONG == QUOTE
    }

    #[inline]
    pub fn is_punct(&self) -> bool {
        self.len_kind & !LONG == PUNCT
    }
}

/// What the word lists say of one word, looked up once per draft: the
/// reporting verb the word spells ("said", see [`Lexicon::verb_by_id`]),
/// whether it is a title before a name ("Sen.", "President", written with
/// its capital) or a role that can speak ("spokeswoman", "officials"), and
/// the English function word a word of another language is read as ("il"
/// → "he", see [`Lexicon::gloss`]).
///
/// Held for every token of the blocks attribution reads, a paragraph of
/// megabytes at once: packed in four bytes, where as four fields it took
/// eight (a third of what a paragraph's tokens held).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordFacts(u32);

/// The verb's number (see [`VerbId::number`]) in the low bits, 0 for none:
/// word lists have a few thousand forms, far under the 262,143 that fit.
const VERB_BITS: u32 = 18;
const VERB_MASK: u32 = (1 << VERB_BITS) - 1;
/// The gloss's index in the eight bits above the verb.
const GLOSS_SHIFT: u32 = VERB_BITS;
/// What the organisation lists say (see [`WordFacts::org_head`], [`WordFacts::generic_org`]).
const ORG_HEAD: u32 = 1 << 26;
const GENERIC_ORG: u32 = 1 << 27;
/// Starts with a capital (see [`WordFacts::capital`]).
const CAPITAL: u32 = 1 << 28;
const GLOSSED: u32 = 1 << 29;
const TITLE: u32 = 1 << 30;
const ROLE: u32 = 1 << 31;

impl WordFacts {
    pub fn new(verb: Option<VerbId>, title: bool, role: bool, gloss: Option<GlossId>) -> Self {
        // a verb past the bits (no word list comes near) is read as none, not as another
        let verb = verb.map_or(0, VerbId::number);
        debug_assert!(verb <= VERB_MASK, "verb number {verb} past {VERB_BITS} bits");
        let verb = if verb <= VERB_MASK { verb } else { 0 };
        let gloss = gloss.map_or(0, |g| GLOSSED | u32::from(g.index()) << GLOSS_SHIFT);
        let flags = if title { TITLE } else { 0 } | if role { ROLE } else { 0 };
        WordFacts(verb | gloss | flags)
    }

    /// The reporting verb the word spells, if any.
    pub fn verb(self) -> Option<VerbId> {
        VerbId::from_number(self.0 & VERB_MASK)
    }

    /// A title before a name, written with its capital.
    pub fn title(self) -> bool {
        self.0 & TITLE != 0
    }

    /// A role that can speak.
    pub fn role(self) -> bool {
        self.0 & ROLE != 0
    }

    /// The word starts with a capital, or is a particle before one
    /// ("al-Shabaab"): see [`crate::lexicon::chars::starts_capitalised`].
    pub fn capital(self) -> bool {
        self.0 & CAPITAL != 0
    }

    /// These facts, said of a word that starts with a capital or not.
    pub fn with_capital(self, capital: bool) -> Self {
        self.with(CAPITAL, capital)
    }

    /// Without its trailing full stops, the word's lower-case form heads an
    /// organisation's name ([`Lexicon::is_org_head_key`]; capitals aside).
    pub fn org_head(self) -> bool {
        self.0 & ORG_HEAD != 0
    }

    /// The word's lower-case form is a common noun for an organisation
    /// ([`Lexicon::is_generic_org`]).
    pub fn generic_org(self) -> bool {
        self.0 & GENERIC_ORG != 0
    }

    /// These facts, with what the organisation lists say of the word.
    pub fn with_organisation(self, org_head: bool, generic_org: bool) -> Self {
        self.with(ORG_HEAD, org_head).with(GENERIC_ORG, generic_org)
    }

    fn with(self, bit: u32, set: bool) -> Self {
        WordFacts(if set { self.0 | bit } else { self.0 & !bit })
    }

    /// The English function word the word is read as, if any.
    pub fn gloss(self) -> Option<GlossId> {
        (self.0 & GLOSSED != 0).then(|| GlossId::from_index((self.0 >> GLOSS_SHIFT) as u8))
    }

    /// The facts of `word`, whose ASCII letters lowered are `lower`.
    pub fn of(word: &str, lower: &str, lex: &Lexicon) -> Self {
        WordFacts::of_letters(word.as_bytes(), lower.as_bytes(), lex)
            .unwrap_or_else(|| WordFacts::of_any(word, lower, lex))
    }

    /// [`WordFacts::of`] of any word.
    fn of_any(word: &str, lower: &str, lex: &Lexicon) -> Self {
        // (the bits set directly: this runs for every word of a draft)
        let bit = |set: bool, bit: u32| if set { bit } else { 0 };
        let capital = bit(crate::lexicon::chars::starts_capitalised(word), CAPITAL);
        // most words are lower-case ASCII once lowered: one lookup for five lists
        let Some(listed) = lex.listed(lower) else {
            return WordFacts(WordFacts::one_list_at_a_time(word, lower, lex).0 | capital);
        };
        let title = listed.title && word.starts_with(char::is_uppercase);
        let organisation = bit(listed.org_head, ORG_HEAD) | bit(listed.generic_org, GENERIC_ORG);
        WordFacts(WordFacts::new(listed.verb, title, listed.role, lex.gloss_id(lower)).0 | organisation | capital)
    }

    /// [`WordFacts::of`] of a word of ASCII letters only (lower-case ones once lowered), not ending in
    /// "ss" (which the one table leaves to the lists): most words of a
    /// draft. Such a word starts with a capital when its first byte is one
    /// (no particle: it has no hyphen), and is its own lower-case form but
    /// for its capitals. `None` for any other word.
    #[inline]
    fn of_letters(word: &[u8], lower: &[u8], lex: &Lexicon) -> Option<Self> {
        let letters = !lower.is_empty() && lower.iter().all(u8::is_ascii_lowercase);
        if !letters || lower.ends_with(b"ss") || word.len() != lower.len() {
            return None;
        }
        let capital = word.first().is_some_and(u8::is_ascii_uppercase);
        let (listed, gloss) = lex.listed_letters(lower);
        let bit = |set: bool, bit: u32| if set { bit } else { 0 };
        let flags = bit(listed.title && capital, TITLE)
            | bit(listed.role, ROLE)
            | bit(listed.org_head, ORG_HEAD)
            | bit(listed.generic_org, GENERIC_ORG)
            | bit(capital, CAPITAL);
        Some(WordFacts(WordFacts::new(listed.verb, false, false, gloss).0 | flags))
    }

    /// [`WordFacts::of`] asking each list in turn: for the words the one
    /// table does not cover ("Élysée", "officials’"), and the reference it is tested against.
    fn one_list_at_a_time(word: &str, lower: &str, lex: &Lexicon) -> Self {
        // titles are capitalised ("Sen.", "President"); plurals end in s
        let capital = word.starts_with(char::is_uppercase);
        let role =
            lex.is_role_noun(lower) || (lower.ends_with('s') && lex.is_role_noun(lower.trim_end_matches('s')));
        WordFacts::new(lex.verb_id(lower), capital && lex.is_title_folded(word, lower), role, lex.gloss_id(lower))
            .with_organisation(lex.is_org_head_key(lower.trim_end_matches('.')), lex.is_generic_org(lower))
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
    quote_tokens: Vec<(u32, u32)>,
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
        let (facts, put_it) = read_words(&toks, (&lowered, &block.text), lex);
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
        // a binary search by quote index over the entries in quote order
        let (mut lo, mut hi) = (0, by_quote.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if entry(mid).is_some_and(|&(_, q)| (q as usize) < id) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        entry(lo).filter(|&&(_, q)| q as usize == id).map(|&(t, _)| t as usize)
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
fn read_words(toks: &[Token], (lowered, text): (&Lowered, &str), lex: &Lexicon) -> (Vec<WordFacts>, Vec<u32>) {
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
    for (i, t) in toks.iter().enumerate() {
        let f = facts_of(i, t);
        facts.push(f);
        // the first byte as written rules out nearly every token unread
        let may_be_put = bytes.get(t.start as usize).is_some_and(|&b| (b | 0x20) == b'p') || f.gloss().is_some();
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

/// The tokens of every prose block of a draft, in block order.
#[derive(Debug, Clone, Default)]
pub struct DraftTokens {
    pub blocks: Vec<BlockTokens>,
}

impl DraftTokens {
    /// Tokenises every block of `doc`. Outer quotations other than block
    /// quotes become single tokens.
    pub fn new(doc: &Document, quotes: &[Quote], lex: &Lexicon) -> Self {
        let mut per_block: Vec<Vec<QuoteRange>> = vec![Vec::new(); doc.blocks.len()];
        for (id, q) in quotes.iter().enumerate().filter(|(_, q)| q.depth == 0 && q.kind != QuoteKind::Block) {
            for part in &q.parts {
                if let Some(list) = per_block.get_mut(part.block()) {
                    list.push((id, part.outer()));
                }
            }
        }
        let blocks = doc
            .blocks
            .iter()
            .zip(&per_block)
            .map(|(b, qs)| {
                crate::budget::checkpoint();
                BlockTokens::new(b, qs, lex)
            })
            .collect();
        DraftTokens { blocks }
    }

    /// The tokens of block `b`.
    pub fn block(&self, b: usize) -> Option<&BlockTokens> {
        self.blocks.get(b)
    }
}

/// The draft's tokens made block by block as attribution reaches them, and
/// handed on (the analysis turns them into the rules' words) as soon as no
/// quotation still to be attributed can read them: attribution reads a
/// quotation's own blocks and their neighbours, so for a long draft only a
/// few blocks' tokens are held at a time, where the whole draft's took
/// several times the draft (issue 14's memory bound).
pub struct TokenWindow<'d> {
    doc: &'d Document,
    lex: &'d Lexicon,
    /// Every outer quotation part, by block (in quotation order within a
    /// block): its block, and its quotation and outer range as [`Part`]s
    /// (held while attribution runs, one for every quotation of a long draft).
    part_blocks: Vec<u32>,
    parts: Vec<Part>,
    /// The blocks made and not yet handed on: `first..first + held.len()`.
    held: std::collections::VecDeque<BlockTokens>,
    first: usize,
    /// Where each block's tokens go once no one reads them, in block order.
    done: Box<dyn FnMut(usize, BlockTokens) + 'd>,
}

impl<'d> TokenWindow<'d> {
    /// A window over `doc`'s blocks; outer quotations other than block
    /// quotes become single tokens (as in [`DraftTokens::new`]). `done` is
    /// given each block's tokens in order once they are let go.
    pub fn new(
        doc: &'d Document,
        quotes: &[Quote],
        lex: &'d Lexicon,
        done: impl FnMut(usize, BlockTokens) + 'd,
    ) -> Self {
        let mut parts: Vec<(u32, Part)> = Vec::new();
        for (id, q) in quotes.iter().enumerate().filter(|(_, q)| q.depth == 0 && q.kind != QuoteKind::Block) {
            crate::budget::tick();
            parts.extend(q.parts.iter().map(|part| (small(part.block()), Part::new(id, &part.outer()))));
        }
        // stable: within a block, in quotation order, as `DraftTokens::new` lists them
        parts.sort_by_key(|(block, _)| *block);
        let (part_blocks, parts) = parts.into_iter().unzip();
        let held = std::collections::VecDeque::new();
        TokenWindow { doc, lex, part_blocks, parts, held, first: 0, done: Box::new(done) }
    }

    /// Makes the tokens of every block up to `b` (and no further than the
    /// last block) not made yet; `made` sees each new block's, by index.
    pub fn reach(&mut self, b: usize, mut made: impl FnMut(usize, &BlockTokens)) {
        let end = (b + 1).min(self.doc.blocks.len());
        while self.first + self.held.len() < end {
            crate::budget::checkpoint();
            let index = self.first + self.held.len();
            let lo = self.part_blocks.partition_point(|&x| (x as usize) < index);
            let hi = self.part_blocks.partition_point(|&x| x as usize <= index);
            let parts = self.parts[lo..hi].iter().map(Part::range);
            let tokens = BlockTokens::new(&self.doc.blocks[index], parts, self.lex);
            made(index, &tokens);
            self.held.push_back(tokens);
        }
    }

    /// Lets go of the tokens of every block before `b` (making any not yet made).
    pub fn release_below(&mut self, b: usize) {
        let b = b.min(self.doc.blocks.len());
        while self.first < b {
            let tokens = match self.held.pop_front() {
                Some(tokens) => tokens,
                None => {
                    self.reach(self.first, |_, _| {});
                    self.held.pop_front().unwrap_or_default()
                }
            };
            (self.done)(self.first, tokens.read());
            self.first += 1;
        }
    }

    /// Makes and lets go of every block's tokens left.
    pub fn finish(mut self) {
        self.release_below(self.doc.blocks.len());
    }

    /// The tokens of block `b`: it must have been made and not let go.
    pub fn block(&self, b: usize) -> Option<&BlockTokens> {
        debug_assert!(
            b >= self.doc.blocks.len() || (b >= self.first && b < self.first + self.held.len()),
            "block {b} read outside the window {}..{}",
            self.first,
            self.first + self.held.len()
        );
        self.held.get(b.checked_sub(self.first)?)
    }
}

/// A quotation part as the window holds it: 12 bytes where a
/// [`QuoteRange`] takes 24. A block, quotation or offset past 32 bits reads
/// as the largest (such a block's tokens are not made, see [`BlockTokens::new`]).
#[derive(Debug, Clone, Copy)]
struct Part {
    quote: u32,
    start: u32,
    end: u32,
}

impl Part {
    fn new(quote: usize, outer: &Range<usize>) -> Self {
        Part { quote: small(quote), start: small(outer.start), end: small(outer.end) }
    }

    fn range(&self) -> QuoteRange {
        (self.quote as usize, self.start as usize..self.end as usize)
    }
}

fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
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
    toks.iter()
        .map(|t| {
            let (start, end) = (t.start as usize, t.end() as usize);
            while ranges.get(si).is_some_and(|r| start >= r.end) && si + 1 < ranges.len() {
                si += 1;
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

#[cfg(test)]
mod tests {
    #[test]
    fn a_word_s_facts_stay_four_bytes() {
        // one per token of every block attribution reads: eight as four
        // fields, packed in one number since (see `WordFacts`)
        assert_eq!(std::mem::size_of::<super::WordFacts>(), 4);
        assert_eq!(std::mem::size_of::<crate::analysis::words::ProseWord>(), 6);
    }

    #[test]
    fn a_token_and_its_sentence_label_stay_small() {
        // one of each for every word and mark of every draft: 32-bit offsets
        // and indices (with usize ones the tokens were a third of a draft's memory)
        fn item_size<T>(_: &[T]) -> usize {
            std::mem::size_of::<T>()
        }
        assert_eq!(std::mem::size_of::<super::Token>(), 8);
        let (b, r) = (super::BlockTokens::default(), super::Reading::default());
        assert_eq!((item_size(&r.sentence_of), item_size(&b.facts), item_size(&r.quote_tokens)), (4, 4, 8));
        // a block's tokens: two vectors and a pointer to what only attribution reads
        assert_eq!(std::mem::size_of::<super::BlockTokens>(), 56);
    }

    use super::*;
    use crate::source::SourceFile;
    use proptest::prelude::*;

    /// A draft's blocks, quotations and tokens as attribution reads them.
    struct Tokenised {
        doc: Document,
        scan: crate::quote::ScanResult,
        tokens: DraftTokens,
    }

    impl Tokenised {
        fn of(text: &str) -> Self {
            let doc = crate::markdown::parse(text);
            let scan = crate::scan::scan(&doc);
            let tokens = DraftTokens::new(&doc, &scan.quotes, Lexicon::builtin());
            Tokenised { doc, scan, tokens }
        }
    }

    /// The idiom's tokens are found once, in any case, and nothing like it is.
    #[test]
    fn put_it_is_found_where_it_opens_the_idiom() {
        let text = "As Ruiz put it, “We rebuild.” As she PUTS IT, input it, put them, “Fine.” Put it so.\n";
        let tokens = Tokenised::of(text).tokens;
        let block = &tokens.blocks[0];
        let found: Vec<&str> =
            (0..block.toks.len() + 2).filter(|&i| block.put_it_at(i)).map(|i| block.toks[i].text(text)).collect();
        assert_eq!(found, ["put", "PUTS", "Put"]);
        assert!(!BlockTokens::default().put_it_at(0));
    }

    #[test]
    fn the_rules_words_carry_the_verbs_the_tokens_looked_up() {
        let text = "“We rebuild,” said Ana Ruiz. Then the vote came.\n";
        let analysis = crate::analyze(SourceFile::new("d.md", text));
        let all = &Tokenised::of(text).tokens.blocks[0];
        let block = &analysis.doc.blocks[0].text;
        let said = analysis.words.block(0).iter().position(|w| &block[w.range()] == "said").expect("a word");
        let verb = analysis.words.verb(0, said);
        assert_eq!((all.toks[1].text(block), verb), ("said", all.facts[1].verb()));
        assert!(verb.is_some());
        assert_eq!(all.lower(5, block), "then");
        assert_eq!((all.sentence_of().len(), all.quote_token(0)), (10, Some(0)));
    }

    fn words_of(b: &BlockTokens, text: &str, s: Sentence) -> Vec<String> {
        (s.lo..s.hi).map(|i| b.toks[i].text(text).to_string()).collect()
    }

    #[test]
    fn a_quote_and_its_attribution_share_a_sentence() {
        let a = Tokenised::of("“We rebuild. We reopen,” she said. Then the vote came.\n");
        let block = &a.doc.blocks[0];
        let b = &a.tokens.blocks[0];
        let q = b.quote_token(0).expect("the quote is a token");
        assert_eq!(q, 0);
        assert_eq!(words_of(b, &block.text, b.sentence(q)), ["“We rebuild. We reopen,”", "she", "said", "."]);
        assert_eq!(words_of(b, &block.text, b.sentence(4)), ["Then", "the", "vote", "came", "."]);
        assert_eq!(b.lower(4, &block.text), "then");
        let said = b.facts[2].verb().and_then(|id| Lexicon::builtin().verb_by_id(id));
        assert_eq!(said.map(|v| &*v.lemma), Some("say"));
        assert!(b.quote_token(1).is_none());
    }

    #[test]
    fn a_word_s_facts_read_back_as_packed() {
        let lex = Lexicon::builtin_for(crate::lexicon::Language::Fr);
        let said = Lexicon::builtin().verb_id("said");
        let gloss = lex.gloss_id("il");
        assert!(said.is_some() && gloss.is_some());
        for verb in [None, said] {
            for gloss in [None, gloss, Some(crate::lexicon::GlossId::from_index(u8::MAX))] {
                for (title, role) in [(false, false), (true, false), (false, true), (true, true)] {
                    for (capital, head, generic) in
                        [(false, false, true), (true, true, false), (true, false, true)]
                    {
                        let f = WordFacts::new(verb, title, role, gloss)
                            .with_capital(capital)
                            .with_organisation(head, generic);
                        let read =
                            (f.verb(), f.title(), f.role(), f.gloss(), f.capital(), f.org_head(), f.generic_org());
                        assert_eq!(read, (verb, title, role, gloss, capital, head, generic));
                        assert!(!f.with_capital(false).capital() && f.with_capital(true).capital());
                    }
                }
            }
        }
        assert_eq!(WordFacts::default(), WordFacts::new(None, false, false, None));
    }

    #[test]
    fn one_lookup_gives_each_word_the_facts_of_asking_each_list() {
        let text = "Sen. Ana Ruiz, the spokeswoman, said officials told Reuters. “No,” the Secretary's \
                    aides SAID; Élysée officials’ PRESIDENT Gov said... Boss bosses mr. Mr. President’s";
        for language in [crate::lexicon::Language::En, crate::lexicon::Language::Fr] {
            let lex = Lexicon::builtin_for(language);
            let doc = crate::markdown::parse(text);
            let block = &doc.blocks[0];
            let lower = block.text.to_ascii_lowercase();
            let (mut titles, mut roles, mut verbs) = (0, 0, 0);
            for t in tokenize(block, &[], lex).iter().filter(|t| t.is_word()) {
                let (word, low) = (t.text(&block.text), t.text(&lower));
                let facts = WordFacts::of(word, low, lex);
                let capital = crate::lexicon::chars::starts_capitalised(word);
                assert_eq!(facts, WordFacts::one_list_at_a_time(word, low, lex).with_capital(capital), "{word:?}");
                titles += usize::from(facts.title());
                roles += usize::from(facts.role());
                verbs += usize::from(facts.verb().is_some());
            }
            if language == crate::lexicon::Language::En {
                assert!(titles >= 3 && roles >= 3 && verbs >= 3, "{titles} {roles} {verbs}");
            }
        }
    }

    fn letters_and_listed_words() -> impl Strategy<Value = String> {
        let listed = prop::sample::select(vec![
            "said",
            "Said",
            "SAID",
            "told",
            "says",
            "Sen",
            "sen",
            "President",
            "president",
            "officials",
            "Officials",
            "spokeswoman",
            "boss",
            "bosses",
            "ministry",
            "Ministry",
            "police",
            "il",
            "Il",
            "elle",
            "dit",
            "a",
            "A",
            "the",
            "ss",
            "s",
            "Mr",
            "mr",
            "Gov",
            "governor",
            "Governors",
            "al",
        ]);
        prop_oneof![listed.prop_map(String::from), "[a-zA-Z]{1,12}", "[a-z]{0,6}(s|ss|S|SS)"]
    }

    proptest! {
        /// A word of ASCII letters is given, without the checks and folding
        /// any other word needs, the facts the general path gives it.
        #[test]
        fn a_word_of_letters_has_the_facts_of_any_word(word in letters_and_listed_words()) {
            let lower = word.to_ascii_lowercase();
            for language in [crate::lexicon::Language::En, crate::lexicon::Language::Fr] {
                let lex = Lexicon::builtin_for(language);
                let general = WordFacts::of_any(&word, &lower, lex);
                prop_assert_eq!(WordFacts::of(&word, &lower, lex), general);
                let fast = WordFacts::of_letters(word.as_bytes(), lower.as_bytes(), lex);
                prop_assert_eq!(fast.is_some(), !lower.ends_with("ss"), "{:?}", word);
                // a lower-case form that is not one (the caller's mistake) is left to the general path
                prop_assert!(WordFacts::of_letters(word.as_bytes(), word.to_ascii_uppercase().as_bytes(), lex).is_none());
            }
        }
    }

    #[test]
    fn the_facts_of_letters_are_those_the_lists_give() {
        let lex = Lexicon::builtin();
        let of = |w: &str| {
            WordFacts::of_letters(w.as_bytes(), w.to_ascii_lowercase().as_bytes(), lex).expect("letters")
        };
        assert!(of("said").verb().is_some() && !of("said").capital());
        assert!(of("President").title() && of("President").capital() && !of("president").title());
        assert!(of("officials").role() && of("Spokeswoman").role());
        assert_eq!(WordFacts::of_letters(b"U.S", b"u.s", lex), None);
        assert_eq!(WordFacts::of_letters(b"bosss", b"bosss", lex), None);
        let fr = Lexicon::builtin_for(crate::lexicon::Language::Fr);
        let il = WordFacts::of_letters(b"Il", b"il", fr).expect("letters");
        assert_eq!(il.gloss().map(|g| fr.gloss(g)), Some("he"));
    }

    /// The tokens of a block that open "put it" or "puts it", read token by
    /// token: the reference [`read_words`]'s single pass is tested against.
    fn put_it_tokens(
        toks: &[Token],
        facts: &[WordFacts],
        (lowered, text): (&Lowered, &str),
        lex: &Lexicon,
    ) -> Vec<u32> {
        let glossed = |i: usize| facts.get(i).and_then(|f| f.gloss());
        let read = |i: usize| match (glossed(i), toks.get(i)) {
            (Some(gloss), _) => lex.gloss(gloss),
            (None, Some(t)) => lowered.get(i, t, text),
            (None, None) => "",
        };
        (0u32..)
            .zip(toks)
            .filter(|&(n, _)| matches!(read(n as usize), "put" | "puts") && read(n as usize + 1) == "it")
            .map(|(n, _)| n)
            .collect()
    }

    proptest! {
        /// One pass gives each token the facts [`WordFacts::of`] gives it,
        /// and finds the "put it" a walk over the tokens finds.
        #[test]
        fn words_read_in_one_pass_are_read_as_token_by_token(text in crate::tokens::drafts_of(
            "Put |it|puts |IT |put|input |it. |Il |met |l’AFP |Ana |Ruiz’s |U.S. |bosses |boss |officials |SAID |said, |\u{e9}t\u{e9} |x|\n|“Q,” |3pm |", 40)) {
            let doc = crate::markdown::parse(&text);
            for language in [crate::lexicon::Language::En, crate::lexicon::Language::Fr] {
                let lex = Lexicon::builtin_for(language);
                for block in &doc.blocks {
                    let toks = tokenize(block, &[], lex);
                    // a long block's lower-case forms are sparse: its prefix is read as the block is
                    let long = block.text.repeat(LONG_BLOCK / block.text.len().max(1) + 1);
                    for text in [&*block.text, &*long] {
                        let lowered = Lowered::of(text, &toks);
                        let (facts, put_it) = read_words(&toks, (&lowered, text), lex);
                        let each: Vec<WordFacts> = toks.iter().enumerate().map(|(i, t)| if t.is_word() {
                            WordFacts::of(t.text(text), lowered.get(i, t, text), lex)
                        } else { WordFacts::default() }).collect();
                        prop_assert_eq!(&facts, &each);
                        prop_assert_eq!(put_it, put_it_tokens(&toks, &facts, (&lowered, text), lex));
                    }
                }
            }
        }
    }

    /// A long paragraph's tokens hold the lower-case forms of its capitalised
    /// words only: a lower-case copy of the whole paragraph was held while
    /// attribution read it (at 8 MB without full stops: 88 -> 83 MB).
    #[test]
    fn a_long_paragraph_s_tokens_hold_no_lower_case_copy_of_it_nor_sentence_labels() {
        use crate::{budget, markdown};
        let piece = |k: usize| {
            let name = if k % 3 == 0 { "Ana Ruiz" } else { "the board" };
            format!("the harbour commission considered recommendations from {name} and ")
        };
        let text: String = (0..3_000).map(piece).collect();
        let doc = markdown::parse(&text);
        let _budget = budget::enter(budget::Limits { memory: None, time: None });
        let tokens = BlockTokens::new(&doc.blocks[0], &[], Lexicon::builtin());
        let held = budget::used();
        // 8 bytes a token and 4 of what the word lists say of it; the forms
        // of "Ana Ruiz" and their index are under a third of the text, a copy
        // of it is all of it, and a sentence label a token 4 bytes more (as
        // are 12-byte tokens: a token's kind or quote index held apart)
        let (n, bytes) = (tokens.toks.len() as u64, text.len() as u64);
        assert!(held >= 12 * n, "{held} bytes for {n} tokens");
        assert!(held <= 12 * n + bytes / 3 + 4096, "{held} bytes for {n} tokens of {bytes} bytes");
    }

    #[test]
    fn a_long_block_s_sentences_are_found_without_labels() {
        let piece = "Ana Ruiz said no. “We rebuild. We reopen,” she said. The vote came, and then ";
        let text = piece.repeat(LONG_BLOCK / piece.len() + 1) + "“Q. R.” x";
        let a = Tokenised::of(&text);
        let (b, block) = (&a.tokens.blocks[0], &a.doc.blocks[0]);
        assert!(b.sentence_of().is_empty(), "a long block keeps no labels");
        let ranges = crate::sentences::split_with(&block.text, Lexicon::builtin());
        let labels: Vec<u32> = sentence_labels(&b.toks, &ranges);
        for i in 0..b.toks.len() + 2 {
            let s = labels.get(i).copied().unwrap_or(0);
            let lo = labels.iter().position(|&x| x == s).unwrap_or(0);
            let hi = labels.iter().rposition(|&x| x == s).map_or(b.toks.len(), |p| p + 1);
            assert!(hi - lo <= MAX_SENTENCE_TOKENS, "the sentences are short");
            assert_eq!(b.sentence(i), Sentence { lo, hi }, "token {i}");
        }
        assert!(b.sentences().count() > 1000);
    }

    #[test]
    fn a_sentence_without_end_is_read_in_pieces() {
        let text = "and the council met ".repeat(200);
        let a = Tokenised::of(&text);
        let b = &a.tokens.blocks[0];
        assert_eq!(b.toks.len(), 800);
        let piece = |i| b.sentence(i);
        assert_eq!(piece(0), Sentence { lo: 0, hi: MAX_SENTENCE_TOKENS });
        assert_eq!(piece(MAX_SENTENCE_TOKENS - 1), piece(0));
        assert_eq!(piece(MAX_SENTENCE_TOKENS), Sentence { lo: MAX_SENTENCE_TOKENS, hi: 2 * MAX_SENTENCE_TOKENS });
        assert_eq!(piece(799), Sentence { lo: 2 * MAX_SENTENCE_TOKENS, hi: 800 });
        // past the end: the first sentence's first piece
        assert_eq!(piece(900), piece(0));
    }

    fn draft() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "the", "Mayor", "Ana", "Ruiz", "said", "told", "Reuters", ".", ",", "?", " ", " ", "\n", "\n\n", "“",
            "”", "\"", "‘", "’", "U.S.", "Sen.", "…", "she", "—",
        ]);
        prop::collection::vec(piece, 0..120).prop_map(|p| p.join(" "))
    }

    proptest! {
        /// The indexed lookups answer what a walk over the labels answers.
        #[test]
        fn sentence_and_quote_token_match_a_linear_walk(text in draft()) {
            let a = Tokenised::of(&text);
            for (n, b) in a.tokens.blocks.iter().enumerate() {
                for i in 0..b.toks.len() + 2 {
                    let s = b.sentence_of().get(i).copied().unwrap_or(0);
                    let lo = b.sentence_of().iter().position(|&x| x == s).unwrap_or(0);
                    let hi = b.sentence_of().iter().rposition(|&x| x == s).map_or(b.toks.len(), |p| p + 1);
                    prop_assert!(hi - lo <= MAX_SENTENCE_TOKENS, "the generated drafts have short sentences");
                    prop_assert_eq!(b.sentence(i), Sentence { lo, hi });
                }
                // the quote index each token had as a field, read from the quotation ranges
                let ranges: Vec<(usize, usize)> = a.scan.quotes.iter().enumerate()
                    .filter(|(_, q)| q.depth == 0 && q.kind != QuoteKind::Block)
                    .flat_map(|(id, q)| q.parts.iter().filter(|p| p.block() == n).map(move |p| (id, p.outer().start)))
                    .collect();
                let field = |t: &Token| ranges.iter().find(|&&(_, s)| s == t.start as usize).map(|&(id, _)| id);
                let old: Vec<Option<usize>> = b.toks.iter().map(|t| field(t).filter(|_| t.is_quote())).collect();
                for i in 0..b.toks.len() + 2 {
                    prop_assert_eq!(b.quote_at(i), old.get(i).copied().flatten(), "token {}", i);
                }
                for id in 0..a.scan.quotes.len() + 1 {
                    let linear = old.iter().position(|&q| q == Some(id));
                    prop_assert_eq!(b.quote_token(id), linear);
                }
            }
        }
    }

    /// A token as it was held: three numbers.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    struct Fields {
        start: u32,
        end: u32,
        kind: TokKind,
    }

    fn lengths() -> impl Strategy<Value = u32> {
        prop_oneof![0u32..64, LONG - 3..=LONG + 3, any::<u32>()]
    }

    proptest! {
        /// The packed token reads as the fields it was made of; one longer
        /// than its bits hold says so, and keeps its start and kind.
        #[test]
        fn a_packed_token_reads_as_its_fields(
            start in prop_oneof![0u32..1000, any::<u32>()],
            len in lengths(),
            kind in prop::sample::select(vec![TokKind::Word, TokKind::Punct, TokKind::Quote]),
        ) {
            let end = u64::from(start) + u64::from(len);
            prop_assume!(end <= u64::from(u32::MAX));
            let old = Fields { start, end: end as u32, kind };
            let t = Token::new(start as usize, end as usize, kind);
            prop_assert_eq!(t.is_long(), len >= LONG);
            prop_assert_eq!((t.start, t.kind()), (old.start, old.kind));
            prop_assert_eq!((t.is_word(), t.is_quote()), (kind == TokKind::Word, kind == TokKind::Quote));
            if !t.is_long() {
                prop_assert_eq!(Fields { start: t.start, end: t.end(), kind: t.kind() }, old);
                prop_assert_eq!(t.range(), start as usize..end as usize);
            }
        }
    }

    /// A quotation longer than a token's length holds (only a block of a
    /// gigabyte has one) makes its block read as having no tokens, as a
    /// block past 4 GiB is, rather than tokens with a wrong end.
    #[test]
    fn a_block_with_a_token_too_long_to_hold_is_not_read() {
        let doc = crate::markdown::parse("“We rebuild,” said Ana Ruiz.\n");
        let block = &doc.blocks[0];
        let fits = [(0, 0..16)];
        assert_eq!(BlockTokens::new(block, fits, Lexicon::builtin()).quote_token(0), Some(0));
        for end in [LONG as usize, LONG as usize + 1, 1 << 31, u32::MAX as usize] {
            let (toks, _) = split::tokenize_quoted(block, [(0, 0..end)], Lexicon::builtin());
            assert!(toks[0].is_long(), "{end}");
            let b = BlockTokens::new(block, [(0, 0..end)], Lexicon::builtin());
            assert!(b.toks.is_empty() && b.quote_token(0).is_none() && b.quote_at(0).is_none());
        }
        let just = Token::new(7, 7 + LONG as usize - 1, TokKind::Quote);
        assert_eq!((just.is_long(), just.end()), (false, 7 + LONG - 1));
    }

    /// Quotation parts out of quote order are found by index all the same.
    #[test]
    fn quotations_out_of_order_are_found_by_index() {
        let text = "“A,” b “C,” d “E,” f “G.”\n";
        let doc = crate::markdown::parse(text);
        let block = &doc.blocks[0];
        let at = |q: &str| block.text.find(q).expect("a quote");
        let part = |id: usize, q: &str| (id, at(q)..at(q) + q.len());
        let parts = [part(5, "“A,”"), part(2, "“C,”"), part(5, "“E,”"), part(0, "“G.”")];
        let b = BlockTokens::new(block, parts.clone(), Lexicon::builtin());
        let quote_tokens: Vec<usize> = (0..b.toks.len()).filter(|&i| b.toks[i].is_quote()).collect();
        assert_eq!(quote_tokens, [0, 2, 4, 6]);
        let ids: Vec<Option<usize>> = quote_tokens.iter().map(|&i| b.quote_at(i)).collect();
        assert_eq!(ids, [Some(5), Some(2), Some(5), Some(0)]);
        assert_eq!((b.quote_token(0), b.quote_token(2), b.quote_token(5)), (Some(6), Some(2), Some(0)));
        assert_eq!((b.quote_token(1), b.quote_token(6), b.quote_at(1)), (None, None, None));
    }

    /// A paragraph of short quotations joined by "and" (the shape whose
    /// tokens set the peak of 8 MB of them): a quotation and a word each,
    /// 8 bytes a token, 4 of facts, and 8 a quotation for its index. As
    /// `start, end, kind` the tokens took 40 bytes a quotation, not 32.
    #[test]
    fn a_paragraph_of_quotations_holds_eight_bytes_a_token() {
        let piece = "“We rebuild,” and ";
        let (text, parts) = repeated_quotes(piece, piece.find(" and").unwrap_or(0), LONG_BLOCK);
        let (doc, n) = (crate::markdown::parse(&text), parts.len());
        let (tokens, held) =
            crate::budget::held_by(|| BlockTokens::new(&doc.blocks[0], &parts, Lexicon::builtin()));
        assert_eq!((tokens.toks.len(), tokens.quote_token(n - 1)), (2 * n, Some(2 * n - 2)));
        let n = n as u64;
        assert!(held >= 32 * n, "{held} bytes for {n} quotations");
        assert!(held <= 34 * n + 4096, "{held} bytes for {n} quotations");
    }
}
