//! The rules' table of words: every run of letters in every prose block,
//! whether it is quoted, and the reporting verb it spells outside quotations.
//!
//! It is built once, right after attribution, from the draft's tokens (a
//! word that is a whole token takes the verb the tokens looked up), and the
//! tokens are let go: no rule reads them, and for a long draft they were
//! the largest thing held while the rules run.

use crate::lexicon::chars::{ascii_letter_run, is_alphabetic};
use crate::lexicon::{Lexicon, VerbId};
use crate::markdown::ProseBlock;
use crate::span::CompactSpan;
use crate::tokens::{char_at, BlockTokens, Token};
use std::ops::Range;

/// A run of letters (with apostrophes inside it) in a block's text: the unit
/// the rules count and compare. Finer than a [`crate::tokens::Token`]:
/// "Holtz-Eakin" is two, "3pm" is "pm".
///
/// There is one for every word of a draft, kept while the rules run: six
/// bytes (eight before, a quarter of what an 8 MB draft of news held while
/// its rules ran), the start in 32 bits and the length in 15, the length's
/// top bit saying whether it is quoted. A block with a run of 32 KiB of
/// letters, which no prose has, has no words here, as one of 2 GiB or more
/// had none with 32-bit ends. The reporting verbs, one word in twenty or so,
/// are listed apart (see [`ProseWords::verbs`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProseWord {
    /// The start's low and high halves: two-byte fields keep the record at six bytes.
    start: [u16; 2],
    len_and_quoted: u16,
}

const QUOTED: u16 = 1 << 15;

/// Blocks this long or longer have no words here: their starts would not fit in 32 bits.
const LONGEST_BLOCK: usize = 1 << 31;

impl ProseWord {
    /// `None` for a word too long to hold (see [`ProseWord`]).
    fn new(range: Range<usize>, quoted: bool) -> Option<Self> {
        let len = u16::try_from(range.len()).ok().filter(|&n| n < QUOTED)?;
        let start = u32::try_from(range.start).ok()?;
        let start = [start as u16, (start >> 16) as u16];
        Some(ProseWord { start, len_and_quoted: len | if quoted { QUOTED } else { 0 } })
    }

    /// Where it is in its block's text.
    pub fn range(&self) -> Range<usize> {
        let start = usize::from(self.start[0]) | usize::from(self.start[1]) << 16;
        start..start + usize::from(self.len_and_quoted & !QUOTED)
    }

    /// Whether it lies inside an outer quotation (marks included).
    pub fn quoted(&self) -> bool {
        self.len_and_quoted & QUOTED != 0
    }
}

/// A word outside quotations that spells a reporting verb: its block, its
/// index among the block's words, and the verb (see [`Lexicon::verb_by_id`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct VerbAt {
    block: u32,
    word: u32,
    verb: VerbId,
}

/// The words of every block: a short block's one after another in one
/// vector, with where each block's end; a longer block's in a slice of its
/// own, allocated as its tokens are freed, so that it takes the room they
/// leave. A boxed slice for every short block (16 bytes, and an allocation
/// with its malloc header and rounding) took about 3 MB more of 8 MB of
/// list items than four bytes a block, all held while the rules run; but
/// one vector for every block could not reuse the tokens' room, and 8 MB
/// of paragraphs of 450 bytes peaked 1.8 MiB higher that way.
#[derive(Debug, Clone, Default)]
pub struct ProseWords {
    /// The words of the short blocks (see [`SHORT_BELOW`]).
    words: Vec<ProseWord>,
    /// Per block, where the short blocks' words up to it end in `words`.
    ends: Vec<u32>,
    /// The longer blocks' words, by block, in block order.
    long: Vec<(u32, Box<[ProseWord]>)>,
    /// Every word outside quotations that spells a reporting verb, in block and word order.
    verbs: Vec<VerbAt>,
    /// The blocks with letters whose words are not here (see [`ProseWord`]), in order: next to none.
    unread: Vec<u32>,
}

impl ProseWords {
    /// An empty table with room for the words of `blocks`: for where each
    /// ends, and for each longer one's slice (a list of those grown by
    /// doubling left its old room among the words, and 8 MB of 350-byte
    /// paragraphs peaked 0.8 MiB higher).
    pub(super) fn with_blocks(blocks: &[ProseBlock]) -> Self {
        let long = blocks.iter().filter(|b| b.text.len() >= SHORT_BELOW).count();
        ProseWords {
            words: Vec::new(),
            ends: Vec::with_capacity(blocks.len()),
            long: Vec::with_capacity(long),
            verbs: Vec::new(),
            unread: Vec::new(),
        }
    }

    /// Adds the words of block `b` (the next one): `block` is the block,
    /// `quoted` its quotations' ranges, `tokens` its tokens and `lex` the
    /// word lists it was analysed with. The tokens are freed as soon as the
    /// words are read, so the two tables are never both whole.
    pub(super) fn push(
        &mut self,
        b: usize,
        block: Option<&ProseBlock>,
        quoted: &[CompactSpan],
        tokens: &BlockTokens,
        lex: &Lexicon,
    ) {
        debug_assert_eq!(b, self.ends.len(), "blocks' words come in order");
        let Some(block) = block else {
            self.ends.push(narrow(self.words.len()));
            return;
        };
        if block.text.len() >= READ_ONCE_BELOW {
            self.push_long((b, block), quoted, tokens, lex);
            self.ends.push(narrow(self.words.len()));
            return;
        }
        let whole = block_words((b, block), quoted, tokens, lex, (&mut self.words, &mut self.verbs));
        let start = self.ends.last().map_or(0, |&e| e as usize);
        // the words' ends are kept in 32 bits: past them a block has no words here
        let end = u32::try_from(self.words.len()).ok();
        if !whole || end.is_none() {
            self.words.truncate(start);
            self.unread.push(narrow(b));
        } else if block.text.len() >= SHORT_BELOW && self.words.len() > start {
            // read at the end of the short blocks' words, kept apart at its size
            self.long.push((narrow(b), Box::from(&self.words[start..])));
            self.words.truncate(start);
        }
        self.ends.push(narrow(self.words.len()));
    }

    /// Adds the words of a block of [`READ_ONCE_BELOW`] bytes or more (see [`ProseWords::push`]).
    fn push_long(
        &mut self,
        (b, block): (usize, &ProseBlock),
        quoted: &[CompactSpan],
        tokens: &BlockTokens,
        lex: &Lexicon,
    ) {
        // counted first: kept at their exact size, never in the short blocks' vector
        let mut count = 0;
        each_word(&block.text, &tokens.toks, |_, _| {
            count += 1;
            true
        });
        let mut own = Vec::with_capacity(count);
        if block_words((b, block), quoted, tokens, lex, (&mut own, &mut self.verbs)) {
            self.long.push((narrow(b), own.into_boxed_slice()));
        } else {
            self.unread.push(narrow(b));
        }
    }

    /// Once every block is in: gives back the room of the lists' growth.
    pub(super) fn finish(&mut self) {
        self.words.shrink_to_fit();
        self.ends.shrink_to_fit();
        self.long.shrink_to_fit();
        self.verbs.shrink_to_fit();
        self.unread.shrink_to_fit();
    }

    /// The reporting verbs block `b`'s words outside quotations spell: each
    /// word's index in [`ProseWords::block`] and its verb, in order.
    pub fn verbs(&self, b: usize) -> impl Iterator<Item = (usize, VerbId)> + '_ {
        let b = b as u64;
        let from = self.verbs.partition_point(|v| u64::from(v.block) < b);
        self.verbs[from..].iter().take_while(move |v| u64::from(v.block) == b).map(|v| (v.word as usize, v.verb))
    }

    /// The reporting verb word `i` of block `b` spells, if any and it is not quoted.
    pub fn verb(&self, b: usize, i: usize) -> Option<VerbId> {
        self.verbs(b).find(|&(w, _)| w == i).map(|(_, verb)| verb)
    }

    /// The words of block `b`, in order (none for a block that does not exist).
    pub fn block(&self, b: usize) -> &[ProseWord] {
        let Some(&end) = self.ends.get(b) else { return &[] };
        let start = b.checked_sub(1).and_then(|p| self.ends.get(p)).copied().unwrap_or(0);
        if start < end {
            return self.words.get(start as usize..end as usize).unwrap_or_default();
        }
        match self.long.binary_search_by_key(&narrow(b), |(block, _)| *block) {
            Ok(i) => &self.long[i].1,
            Err(_) => &[],
        }
    }

    /// Whether [`ProseWords::block`] holds every word of block `b`, and so
    /// every letter of its text: not for a block the table does not cover,
    /// nor for one with a run of letters too long to hold.
    pub fn whole(&self, b: usize) -> bool {
        b < self.ends.len() && self.unread.binary_search(&narrow(b)).is_err()
    }

    /// How many blocks the table covers.
    pub fn blocks(&self) -> usize {
        self.ends.len()
    }

    /// How many words the draft has.
    pub fn len(&self) -> usize {
        self.words.len() + self.long.iter().map(|(_, w)| w.len()).sum::<usize>()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A block this long or longer has its words in a slice of its own (see
/// [`ProseWords`]): its 16 bytes and malloc's header are then a small part
/// of its words' room (a word is six bytes of a few letters and a space).
const SHORT_BELOW: usize = 256;

/// A block this long or longer has its words counted before they are
/// read, and room made for them at once: a paragraph of megabytes would
/// otherwise grow the short blocks' vector, used to read a shorter one
/// (a word is a letter and a byte after it at least, so a shorter block
/// adds at most 1,024 words to it before they are copied out).
const READ_ONCE_BELOW: usize = 2048;

/// Appends the words of block `b`, `block`, to `out`, adding those outside
/// quotations that spell a reporting verb to `verbs`; `quoted` are its quotations'
/// ranges, `tokens` its tokens. False, with `out` and `verbs` as they
/// were, when a run of letters is too long to hold (see [`ProseWord`]).
fn block_words(
    (b, block): (usize, &ProseBlock),
    quoted: &[CompactSpan],
    tokens: &BlockTokens,
    lex: &Lexicon,
    (out, verbs): (&mut Vec<ProseWord>, &mut Vec<VerbAt>),
) -> bool {
    crate::budget::tick();
    let text = &*block.text;
    // offsets are kept in 31 bits: a block of 2 GiB has no words here
    if text.len() >= LONGEST_BLOCK {
        return false;
    }
    let toks = &tokens.toks[..];
    let (words_before, verbs_before) = (out.len(), verbs.len());
    let (mut q, mut t) = (0, 0);
    let whole = each_word(text, toks, |r, token| {
        while quoted.get(q).is_some_and(|x| x.get().end <= r.start) {
            q += 1;
        }
        let inside = quoted.get(q).is_some_and(|x| x.get().start < r.end);
        let verb = match token {
            // the rules read the writer's reporting verbs, not a speaker's:
            // a quoted word (a quarter of a draft's) is not looked up
            _ if inside => None,
            // a word that is a whole token was looked up with the tokens
            WordToken::Is(k) => tokens.facts.get(k).and_then(|f| f.verb()),
            WordToken::From(k) => {
                t = t.max(k);
                while toks.get(t).is_some_and(|x| x.end() as usize <= r.start) {
                    t += 1;
                }
                match toks.get(t).filter(|x| x.range() == r && x.is_word()) {
                    Some(_) => tokens.facts.get(t).and_then(|f| f.verb()),
                    // most are ASCII letters, looked up without verb_id's trims and folding
                    None if ascii_letter_run(text.as_bytes(), r.start) >= r.len() => {
                        text.as_bytes().get(r.clone()).and_then(|w| lex.verb_id_of_letters(w))
                    }
                    None => text.get(r.clone()).and_then(|w| lex.verb_id(w)),
                }
            }
        };
        if let Some(verb) = verb {
            // block and word indexes both fit: the block's text is under 2 GiB
            verbs.push(VerbAt { block: narrow(b), word: narrow(out.len() - words_before), verb });
        }
        let Some(word) = ProseWord::new(r, inside) else { return false };
        out.push(word);
        true
    });
    if !whole {
        // a run of letters too long to hold: the block has no words, nor verbs
        out.truncate(words_before);
        verbs.truncate(verbs_before);
    }
    whole
}

/// What [`each_word`] knows of a word's token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordToken {
    /// The word is this token, whole.
    Is(usize),
    /// The word lies in this token or a later one.
    From(usize),
}

/// Calls `each` with every word of `text` in order (the ranges of
/// [`word_ranges`]), and with what it knows of its token among `toks`;
/// stops, false, when `each` says false. `toks` are the text's tokens in
/// order (or none): a plain token (see [`Token::is_plain`]) after the last
/// word given with only marks and spaces between is a word as it stands,
/// and only the rest of the text (quotations, hyphenated and accented
/// words) is read letter by letter. Walking every word of a draft again
/// cost some 95 instructions a word, and asking of each token's bytes
/// whether it was a word as it stands some 60 more: the tokeniser knows.
fn each_word(text: &str, toks: &[Token], mut each: impl FnMut(Range<usize>, WordToken) -> bool) -> bool {
    // every word that starts before `read` has been given, and none runs
    // over it; the words after it are in token `next` or later. While
    // `clean`, the tokens passed since `read` are marks: the tokeniser
    // leaves only spaces between tokens, so no letter lies between.
    let (mut read, mut next, mut clean) = (0, 0, true);
    for (k, tok) in toks.iter().enumerate() {
        if !tok.is_plain() {
            clean &= tok.is_punct();
            continue;
        }
        let (start, end) = (tok.start as usize, tok.end() as usize);
        if !clean || start < read {
            if !walk(text, (&mut read, start), next, &mut each) {
                return false;
            }
            if read > start {
                clean = false;
                continue;
            }
        }
        if !each(start..end, WordToken::Is(k)) {
            return false;
        }
        (read, next, clean) = (end, k + 1, true);
    }
    walk(text, (&mut read, text.len()), next, &mut each)
}

/// Gives `each` the words of `text` that start in `read..until`, by the
/// walk over its characters, and moves `read` past them and `until`; the
/// words are in token `next` or later.
fn walk(
    text: &str,
    (read, until): (&mut usize, usize),
    next: usize,
    each: &mut impl FnMut(Range<usize>, WordToken) -> bool,
) -> bool {
    while let Some(r) = next_word(text, *read, until) {
        *read = r.end;
        if !each(r, WordToken::From(next)) {
            return false;
        }
    }
    *read = (*read).max(until);
    true
}

fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Byte ranges of the runs of letters (with inner apostrophes) in `text`,
/// found as they are read: a paragraph of megabytes has a word every six
/// bytes, and a list of its ranges (16 bytes each) held next to its tokens
/// and words set the peak of `check` on such a draft.
pub fn word_ranges(text: &str) -> WordRanges<'_> {
    WordRanges { text, at: 0 }
}

/// The iterator [`word_ranges`] returns.
pub struct WordRanges<'a> {
    text: &'a str,
    at: usize,
}

impl Iterator for WordRanges<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let r = next_word(self.text, self.at, self.text.len());
        self.at = r.as_ref().map_or(self.text.len(), |r| r.end);
        r
    }
}

/// The first word of `text` that starts at or after byte `from` (not inside
/// a word) and before `until`.
fn next_word(text: &str, from: usize, until: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let mut i = from;
    // to the next letter: an ASCII byte is its own character, others are decoded
    let start = loop {
        let &b = bytes.get(i).filter(|_| i < until)?;
        if b.is_ascii_alphabetic() {
            break i;
        }
        if b.is_ascii() {
            i += 1;
            continue;
        }
        let (c, len) = char_at(text, i)?;
        if is_alphabetic(c) {
            break i;
        }
        i += len;
    };
    // the word's letters, and apostrophes with a letter after them: a
    // run of ASCII letters (most of prose) is passed over eight at a time
    loop {
        i += ascii_letter_run(bytes, i);
        match bytes.get(i) {
            None => break,
            Some(&b) if b.is_ascii() && b != b'\'' => break,
            Some(_) => {}
        }
        let Some((c, len)) = char_at(text, i) else { break };
        let next = i + len;
        let joins = match c {
            '\'' | '’' => char_at(text, next).is_some_and(|(n, _)| is_alphabetic(n)),
            c => is_alphabetic(c),
        };
        if !joins {
            break;
        }
        i = next;
    }
    Some(start..i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    /// Word ranges by a plain walk over the characters: what [`word_ranges`] is checked against.
    fn by_chars(text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let apostrophe = (c == '\'' || c == '’') && start.is_some();
            if c.is_alphabetic() || apostrophe && chars.peek().is_some_and(|(_, n)| n.is_alphabetic()) {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                out.push(s..i);
            }
        }
        out.extend(start.map(|s| s..text.len()));
        out
    }

    proptest::proptest! {
        /// Letters of every width, apostrophes, digits and spaces in any order.
        #[test]
        fn word_ranges_match_the_walk_on_generated_text(text in "[a-zA-Z'’é中0-9 .\u{300}-]{0,40}") {
            proptest::prop_assert_eq!(word_ranges(&text).collect::<Vec<_>>(), by_chars(&text));
        }

        /// Runs of ASCII letters longer than the eight read at once, ending in anything.
        #[test]
        fn long_runs_of_letters_match_the_walk(text in "([a-zA-Z]{0,19}[ '’é\u{2019}\u{1F600}.0-9@`{]{0,2}){0,6}") {
            proptest::prop_assert_eq!(word_ranges(&text).collect::<Vec<_>>(), by_chars(&text));
        }
    }

    proptest::proptest! {
        /// Read from a block's tokens, with quotations at any offsets and
        /// French words split in two, or from no tokens, the words are
        /// those of the walk over the characters; a word said to be a
        /// token is that token.
        #[test]
        fn words_read_with_the_tokens_are_those_of_the_walk(
            text in crate::tokens::drafts_of(concat!(
                "the|Ana|said|U.S.|Holtz-Eakin|don't|l’AFP|a-t-il|aujourd’hui|3pm|Élysée|naïve|日本|x9|Smiths'|",
                "abcdefghijklmnopq|'s|’s|’|'|-|.|,| | |\n|“|”|—|é|\u{300}|o'|'o"
            ), 50),
            cuts in proptest::collection::vec(0usize..300, 0..6),
        ) {
            let doc = crate::markdown::parse(&text);
            for language in [crate::lexicon::Language::En, crate::lexicon::Language::Fr] {
                let lex = Lexicon::builtin_for(language);
                for block in &doc.blocks {
                    // quotations in order, each a gap and a length on from
                    // the last, at any offsets, even inside characters
                    let mut quotes: Vec<crate::tokens::QuoteRange> = Vec::new();
                    for (i, gap_len) in cuts.chunks_exact(2).enumerate() {
                        let from = quotes.last().map_or(0, |(_, r)| r.end) + gap_len[0] % (block.text.len() + 2);
                        quotes.push((i, from..from + 1 + gap_len[1] % 12));
                    }
                    let toks = crate::tokens::tokenize(block, &quotes, lex);
                    let walked: Vec<Range<usize>> = word_ranges(&block.text).collect();
                    for toks in [&toks[..], &[]] {
                        let (mut got, mut whole) = (Vec::new(), 0);
                        each_word(&block.text, toks, |r, token| {
                            if let WordToken::Is(k) = token {
                                whole += usize::from(toks[k].range() == r);
                            }
                            got.push(r);
                            true
                        });
                        proptest::prop_assert_eq!(&got, &walked);
                        let told = got.iter().filter(|r| toks.iter().any(|t| t.range() == **r)).count();
                        proptest::prop_assert!(whole <= told);
                    }
                }
            }
        }
    }

    /// The words of the tokens are read whole where they can be: a token of
    /// ASCII letters between spaces and marks (in ASCII or not) is a word
    /// as it stands, unless an apostrophe follows it.
    #[test]
    fn words_that_are_tokens_are_told_so() {
        let text = "Ana said: don't go, l’AFP’s Holtz-Eakin and O'Neil naïve x9 ok — “yes” Smiths’ Jo's so";
        let doc = crate::markdown::parse(text);
        let toks = crate::tokens::tokenize(
            &doc.blocks[0],
            std::iter::empty::<crate::tokens::QuoteRange>(),
            Lexicon::builtin(),
        );
        let mut whole = Vec::new();
        let all = each_word(&doc.blocks[0].text, &toks, |r, token| {
            if matches!(token, WordToken::Is(_)) {
                whole.push(text[r].to_string());
            }
            true
        });
        assert!(all);
        assert_eq!(whole, ["Ana", "said", "go", "and", "ok", "yes", "so"]);
    }

    #[test]
    fn word_ranges_match_a_walk_over_the_characters() {
        for text in ["Élysée’s l’AFP 3pm", "don'", "x'é", "’a b’", "naïve—“Zoë”", "a\u{300}b 中文 ok", ""]
        {
            assert_eq!(word_ranges(text).collect::<Vec<_>>(), by_chars(text), "{text:?}");
        }
    }

    #[test]
    fn word_ranges_are_found_without_holding_a_list_of_them() {
        let text = "Kim’s plan, don't stop it ".repeat(40_000);
        let _budget = crate::budget::enter(crate::budget::Limits { memory: None, time: None });
        let held = word_ranges(&text).map(|_| crate::budget::used()).max();
        assert_eq!(held, Some(0), "bytes held while the words of {} bytes are read", text.len());
        assert_eq!(word_ranges(&text).count(), 5 * 40_000);
    }

    #[test]
    fn word_ranges_keep_inner_apostrophes() {
        let text = "Kim’s “plan” — don't.";
        let got: Vec<&str> = word_ranges(text).map(|r| &text[r]).collect();
        assert_eq!(got, ["Kim’s", "plan", "don't"]);
    }

    #[test]
    fn prose_words_know_quotes_and_verbs() {
        let a = crate::analyze(SourceFile::new("d.md", "Holtz-Eakin said “we told them” in 3pm talks.\n"));
        let text = &a.doc.blocks[0].text;
        let words = a.words.block(0);
        let shown: Vec<(&str, bool, bool)> = words
            .iter()
            .enumerate()
            .map(|(i, w)| (&text[w.range()], w.quoted(), a.words.verb(0, i).is_some()))
            .collect();
        assert_eq!(
            shown,
            [
                ("Holtz", false, false),
                ("Eakin", false, false),
                ("said", false, true),
                ("we", true, false),
                ("told", true, false),
                ("them", true, false),
                ("in", false, false),
                ("pm", false, false),
                ("talks", false, false),
            ]
        );
    }

    /// A short block's words are read once, a long one's counted first:
    /// both give the words and verbs of a walk over the text.
    #[test]
    fn short_and_long_blocks_give_the_same_words() {
        let piece = "Ana Ruiz said “we told them” in 3pm talks, and Holtz-Eakin’s aides agreed. ";
        let long = piece.repeat(READ_ONCE_BELOW / piece.len() + 1);
        let draft = format!("{piece}\n\n{long}\n\n{piece}\n");
        let a = crate::analyze(SourceFile::new("d.md", &draft));
        assert!(a.doc.blocks[1].text.len() >= READ_ONCE_BELOW && a.doc.blocks[0].text.len() < READ_ONCE_BELOW);
        for (b, block) in a.doc.blocks.iter().enumerate() {
            let words: Vec<std::ops::Range<usize>> = a.words.block(b).iter().map(ProseWord::range).collect();
            assert_eq!(words, word_ranges(&block.text).collect::<Vec<_>>(), "block {b}");
            let quoted = a.words.block(b).iter().filter(|w| w.quoted()).count();
            let verbs = a.words.verbs(b).count();
            let copies = block.text.matches("Ana Ruiz").count();
            // "said" and "agreed": "told" is quoted
            assert_eq!((quoted, verbs), (3 * copies, 2 * copies), "block {b}");
        }
        assert_eq!(a.words.block(0), a.words.block(2));
        // the most words a block read once can have: a letter and a space each
        let dense = "a ".repeat(READ_ONCE_BELOW / 2 - 1) + "a";
        let a = crate::analyze(SourceFile::new("d.md", &dense));
        assert_eq!((a.doc.blocks[0].text.len(), a.words.len()), (READ_ONCE_BELOW - 1, READ_ONCE_BELOW / 2));
    }

    #[test]
    fn a_word_is_held_in_six_bytes_and_a_block_with_one_too_long_has_none() {
        assert_eq!(std::mem::size_of::<ProseWord>(), 6);
        let long = "x".repeat(usize::from(QUOTED));
        let text = format!("She said “no”.\n\nHe said {long}.\n\nThey said “{}”.\n", &long[1..]);
        let a = crate::analyze(SourceFile::new("d.md", text));
        let counts: Vec<(usize, usize)> =
            (0..3).map(|b| (a.words.block(b).len(), a.words.verbs(b).count())).collect();
        assert_eq!(counts, [(3, 1), (0, 0), (3, 1)]);
        // the block without its words says so: a rule reading them scans its text instead
        assert_eq!((0..4).map(|b| a.words.whole(b)).collect::<Vec<_>>(), [true, false, true, false]);
        let last = a.words.block(2).last().expect("a word");
        assert_eq!((last.range().len(), last.quoted()), (usize::from(QUOTED) - 1, true));
        let far = ProseWord::new(70_000..70_005, false).expect("held");
        assert_eq!((far.range(), far.quoted()), (70_000..70_005, false));
    }

    /// A block's words cost six bytes a word and four a block for where
    /// they end: no allocation of their own (a boxed slice a block took
    /// sixteen bytes more, and malloc's header).
    #[test]
    fn many_short_blocks_hold_their_words_in_one_list() {
        let draft = "- Ana Ruiz said “we told them” in 3pm talks.\n".repeat(3_000);
        let read = || crate::analyze(SourceFile::new("d.md", draft.as_str())).words;
        drop(read()); // the word lists' own tables are made once
        let (words, held) = crate::budget::held_by(read);
        assert_eq!((words.blocks(), words.len()), (3_000, 3_000 * 9));
        assert_eq!(words.block(2_999).len(), 9);
        let verbs: usize = (0..words.blocks()).map(|b| words.verbs(b).count()).sum();
        // "said": "told" is quoted
        assert_eq!(verbs, 3_000);
        let exact = words.len() * std::mem::size_of::<ProseWord>()
            + words.blocks() * std::mem::size_of::<u32>()
            + verbs * std::mem::size_of::<VerbAt>();
        assert_eq!(held, exact as u64);
    }

    /// Blocks of every length, in any order: each reads back the words of
    /// a walk over its text, the short ones from the one vector and the
    /// others from slices of their own.
    #[test]
    fn short_and_longer_blocks_are_held_apart_and_read_back_alike() {
        let piece = "Ana Ruiz said “we told them” in 3pm talks. ";
        let sizes = [1, 7, 1, 60, 0, 2, 7, 1];
        let blocks: Vec<String> =
            sizes.iter().map(|&n| if n == 0 { "---".to_string() } else { piece.repeat(n) }).collect();
        let a = crate::analyze(SourceFile::new("d.md", blocks.join("\n\n") + "\n"));
        let texts: Vec<&str> = a.doc.blocks.iter().map(|b| &*b.text).collect();
        assert_eq!(texts.len(), 7);
        for (b, text) in texts.iter().enumerate() {
            let words: Vec<Range<usize>> = a.words.block(b).iter().map(ProseWord::range).collect();
            assert_eq!(words, word_ranges(text).collect::<Vec<_>>(), "block {b}");
        }
        let short: usize = texts.iter().filter(|t| t.len() < SHORT_BELOW).map(|t| word_ranges(t).count()).sum();
        let longer: Vec<u32> = (0..texts.len()).filter(|&b| texts[b].len() >= SHORT_BELOW).map(narrow).collect();
        assert_eq!(a.words.words.len(), short);
        assert_eq!(a.words.long.iter().map(|(b, _)| *b).collect::<Vec<_>>(), longer);
        assert_eq!(longer.len(), 3);
        assert_eq!(a.words.len(), texts.iter().map(|t| word_ranges(t).count()).sum::<usize>());
    }

    #[test]
    fn each_block_has_its_own_words() {
        let a = crate::analyze(SourceFile::new("d.md", "# Ferry\n\nThe ferry “will run”, she said.\n\n- late\n"));
        assert_eq!(a.words.blocks(), a.doc.blocks.len());
        let all: usize = (0..a.words.blocks()).map(|b| a.words.block(b).len()).sum();
        assert_eq!(all, a.words.len());
        assert_eq!(a.words.block(1).len(), 6);
        assert!(a.words.block(a.doc.blocks.len()).is_empty());
    }
}
