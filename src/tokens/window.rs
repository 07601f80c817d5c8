//! The tokens of a whole draft: all at once, or block by block as attribution reads them.

use super::{BlockTokens, FactsCache, QuoteRange};
use crate::lexicon::Lexicon;
use crate::markdown::Document;
use crate::quote::{Quote, QuoteKind};
use std::ops::Range;

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
        let cache = FactsCache::default();
        let blocks = doc
            .blocks
            .iter()
            .zip(&per_block)
            .map(|(b, qs)| {
                crate::budget::checkpoint();
                BlockTokens::new_with(b, qs, (lex, &cache))
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
    /// The words the blocks made so far met, for `lex`.
    cache: FactsCache,
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
        let cache = FactsCache::default();
        TokenWindow { doc, lex, part_blocks, parts, held, first: 0, done: Box::new(done), cache }
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
            let tokens = BlockTokens::new_with(&self.doc.blocks[index], parts, (self.lex, &self.cache));
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
