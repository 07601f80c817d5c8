//! The lower-case forms of a block's tokens. A long block holds them only
//! for the tokens that have ASCII capitals (every other token's lower-case
//! form is its own text): a lower-case copy of the whole block was held
//! while attribution read it, megabytes for a paragraph of megabytes, where
//! its names and capitalised words are a tenth of it.

use super::Token;

/// Blocks shorter than this are lowered whole: one allocation of a few
/// hundred bytes, where the forms and their index took two, and the holes
/// such small blocks left between what the analysis keeps raised the peak of
/// a draft of thousands of them (8 MB of nested lists: 94 -> 96 MB).
const SPARSE_FROM: usize = super::LONG_BLOCK;

/// Numbers an index holds for each group of 64 tokens: which of them have
/// capitals (the mask's two halves) and how many tokens before the group do.
const GROUP: usize = 3;

#[derive(Debug, Clone)]
pub enum Lowered {
    /// The block's text with ASCII letters lower-cased (same byte offsets).
    Whole(String),
    Sparse {
        /// The lowered tokens that had capitals, one after another.
        text: String,
        /// [`GROUP`] numbers for each group of 64 tokens, then where each
        /// lowered token starts in `text`, in token order.
        index: Vec<u32>,
        groups: usize,
    },
}

impl Default for Lowered {
    fn default() -> Self {
        Lowered::Whole(String::new())
    }
}

impl Lowered {
    /// The lower-case forms of `toks`, tokens of `text` (a block's text,
    /// under 4 GiB: see [`super::BlockTokens::new`]).
    pub fn of(text: &str, toks: &[Token]) -> Self {
        if text.len() < SPARSE_FROM {
            Lowered::Whole(text.to_ascii_lowercase())
        } else {
            Lowered::sparse(text, toks)
        }
    }

    /// The block lowered whole, if it is held so (a short block).
    #[inline]
    pub fn whole(&self) -> Option<&str> {
        match self {
            Lowered::Whole(whole) => Some(whole),
            Lowered::Sparse { .. } => None,
        }
    }

    /// The forms of the words with capitals only. A quotation's token
    /// reads as written: nothing compares its lower-case form (it opens
    /// with its mark, so it is none of the words attribution looks for, and
    /// the word lists fold case themselves), and on a paragraph of
    /// megabytes of quotations those forms were most of what was held here.
    fn sparse(text: &str, toks: &[Token]) -> Self {
        let has_capitals = |t: &Token| t.is_word() && t.text(text).bytes().any(|b| b.is_ascii_uppercase());
        // counted first, so the forms are held at their exact size
        let (count, bytes) =
            toks.iter().filter(|t| has_capitals(t)).fold((0, 0), |(n, b), t| (n + 1, b + t.text(text).len()));
        let groups = toks.len().div_ceil(64);
        let mut lowered = String::with_capacity(bytes);
        let mut index = vec![0; GROUP * groups];
        index.reserve_exact(count);
        let mut before = 0;
        for (g, chunk) in toks.chunks(64).enumerate() {
            let mut capitals = 0u64;
            for (k, t) in chunk.iter().enumerate().filter(|(_, t)| has_capitals(t)) {
                capitals |= 1 << k;
                index.push(lowered.len() as u32);
                lowered.push_str(t.text(text));
            }
            index[GROUP * g..GROUP * (g + 1)].copy_from_slice(&[capitals as u32, (capitals >> 32) as u32, before]);
            before += capitals.count_ones();
        }
        lowered.make_ascii_lowercase();
        Lowered::Sparse { text: lowered, index, groups }
    }

    /// The lower-case form of token `i`, which is `t`, of the block's
    /// `text` (a quotation's token of a long block: as written).
    #[inline]
    pub fn get<'a>(&'a self, i: usize, t: &Token, text: &'a str) -> &'a str {
        // a short block's (nearly every one) inline: this is asked millions of times a corpus
        match self {
            Lowered::Whole(whole) => t.text(whole),
            Lowered::Sparse { .. } => self.sparse_get(i, t, text),
        }
    }

    /// [`Lowered::get`] of a long block's sparse forms.
    #[inline(never)]
    fn sparse_get<'a>(&'a self, i: usize, t: &Token, text: &'a str) -> &'a str {
        let (lowered, index, groups) = match self {
            Lowered::Whole(whole) => return t.text(whole),
            Lowered::Sparse { text, index, groups } => (text, index, *groups),
        };
        let written = t.text(text);
        let (g, bit) = (i / 64, 1u64 << (i % 64));
        let Some(&[lo, hi, before]) = index.get(GROUP * g..GROUP * (g + 1)).filter(|_| g < groups) else {
            return written;
        };
        let capitals = u64::from(lo) | u64::from(hi) << 32;
        if capitals & bit == 0 {
            return written;
        }
        let k = GROUP * groups + before as usize + (capitals & (bit - 1)).count_ones() as usize;
        let start = index.get(k).map_or(0, |&s| s as usize);
        lowered.get(start..start + written.len()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use proptest::prelude::*;

    #[test]
    fn a_long_block_holds_only_the_tokens_with_capitals() {
        let text = "the ferry runs, said Ana Ruiz of the EU Council and the mayor’s ÉLYSÉE aide";
        let doc = crate::markdown::parse(text);
        let toks = super::super::tokenize(&doc.blocks[0], &[], Lexicon::builtin());
        let Lowered::Sparse { text: held, index, .. } = Lowered::sparse(text, &toks) else { panic!("sparse") };
        assert_eq!(held, "anaruizeucouncilÉlysÉe");
        assert_eq!(index.len(), GROUP + 5);
        assert!(matches!(Lowered::of(text, &toks), Lowered::Whole(_)), "a short block is lowered whole");
        let long = text.repeat(SPARSE_FROM / text.len() + 1);
        assert!(matches!(Lowered::of(&long, &toks), Lowered::Sparse { .. }));
    }

    #[test]
    fn a_long_block_holds_no_form_of_a_quotation() {
        let sentence = "“The Ferry Runs At Dawn,” said Ana Ruiz. ";
        let quote_len = sentence.find(',').map_or(0, |c| c + ",”".len());
        let (text, quotes) = super::super::repeated_quotes(sentence, quote_len, SPARSE_FROM);
        let (doc, n) = (crate::markdown::parse(&text), quotes.len());
        let toks = super::super::tokenize(&doc.blocks[0], &quotes, Lexicon::builtin());
        assert_eq!(toks[0].kind(), super::super::TokKind::Quote, "{:?}", toks[0]);
        let lowered = Lowered::of(&text, &toks);
        let Lowered::Sparse { text: held, .. } = &lowered else { panic!("sparse") };
        // "Ana Ruiz" once a sentence, the quotations' capitals not at all
        assert_eq!(held.len(), "anaruiz".len() * n);
        assert_eq!(lowered.get(0, &toks[0], &text), &text[..quote_len]);
        let ana = toks.iter().position(|t| t.text(&text) == "Ana").expect("a name");
        assert_eq!(lowered.get(ana, &toks[ana], &text), "ana");
    }

    proptest! {
        /// Every token reads as the same stretch of the block lowered whole.
        #[test]
        fn each_token_reads_as_the_block_lowered(text in crate::tokens::drafts_of(
            "Ana |Ruiz |the |SAID |said|, |“We rebuild,” |É|é|Sen. |U.S. |McCallum |x|\n", 300)) {
            let doc = crate::markdown::parse(&text);
            for block in &doc.blocks {
                let toks = super::super::tokenize(block, &[], Lexicon::builtin());
                let whole = block.text.to_ascii_lowercase();
                for lowered in [Lowered::sparse(&block.text, &toks), Lowered::of(&block.text, &toks)] {
                    for (i, t) in toks.iter().enumerate() {
                        prop_assert_eq!(lowered.get(i, t, &block.text), t.text(&whole));
                    }
                }
            }
        }
    }
}
