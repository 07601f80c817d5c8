//! A quotation's kind after attribution: a quote listed after a title is
//! one too, a nested quote is its outer quote's speaker's, a short partial
//! quote nobody speaks is a scare quote.

use crate::attribution::Attributions;
use crate::markdown::Document;
use crate::quote::{Quote, QuoteKind};
use crate::tokens::BlockTokens;

/// `signs reading “Quebec please separate,” “Build pipelines” and “…”`: a
/// quotation listed right after a title or term is one too. Run on each
/// block as its tokens are made, before any quotation in it is attributed.
pub(super) fn listed_kinds(b: usize, bt: &BlockTokens, doc: &Document, quotes: &mut [Quote]) {
    let text = doc.blocks.get(b).map_or("", |block| &block.text);
    let non_speech = |k: QuoteKind| matches!(k, QuoteKind::Title | QuoteKind::Scare);
    let quote_at = |i: usize| bt.quote_at(i);
    for i in 1..bt.toks.len() {
        let Some(id) = quote_at(i) else { continue };
        let joiner = matches!(bt.lower(i - 1, text), "and" | "or" | ",");
        let before = if joiner { i.checked_sub(2).and_then(quote_at) } else { quote_at(i - 1) };
        // (a title that ends its sentence, "on CBS' “60 Minutes.” “I …,” he said", lists nothing)
        let ends_sentence = |q: &Quote| q.text(doc).trim_end().ends_with(['.', '!', '?']);
        let Some(kind) = before
            .and_then(|b| quotes.get(b))
            .filter(|q| !ends_sentence(q))
            .map(|q| q.kind)
            .filter(|&k| non_speech(k))
        else {
            continue;
        };
        if let Some(q) = quotes.get_mut(id).filter(|q| matches!(q.kind, QuoteKind::Direct | QuoteKind::Partial)) {
            q.kind = kind;
        }
    }
}

/// A quote inside a quote is the outer speaker's words: those of the first
/// outer quote, in the scanner's order, whose span contains it.
pub(super) fn inherit_nested(quotes: &[Quote], out: &mut Attributions) {
    // copied as each is found, not listed first (16 bytes a quote, held at
    // attribution's peak): the copies read outer quotes, which no copy changes
    let reach = outer_reach(quotes);
    for (i, q) in quotes.iter().enumerate() {
        if let Some(o) = outer_of(quotes, &reach, q) {
            let outer = out.get(o).cloned().unwrap_or_default();
            out.set(i, outer);
        }
    }
}

/// For each nested quote, the first outer quote (depth 0) that contains it.
#[cfg(test)]
fn outer_quotes(quotes: &[Quote]) -> Vec<Option<usize>> {
    let reach = outer_reach(quotes);
    quotes.iter().map(|q| outer_of(quotes, &reach, q)).collect()
}

/// For each quote, the furthest end of the outer quotes up to it, plus one
/// (0 before the first outer quote): 8 bytes a quote, not 16 as an `Option`.
fn outer_reach(quotes: &[Quote]) -> Vec<usize> {
    // the scanner hands quotes over sorted by start (then longest first)
    debug_assert!(quotes.is_sorted_by_key(|q| q.span().start));
    let mut furthest = 0;
    quotes
        .iter()
        .map(|q| {
            if q.depth == 0 {
                furthest = furthest.max(q.span().end + 1);
            }
            furthest
        })
        .collect()
}

/// The first outer quote that contains nested quote `q` (none for an outer
/// quote). Quotes come sorted by start, so the candidates are a prefix; in
/// it, the first outer quote that reaches the nested quote's end is found by
/// binary search over the running maximum of outer ends (a draft of
/// thousands of nested quotes must not compare every pair).
fn outer_of(quotes: &[Quote], reach: &[usize], q: &Quote) -> Option<usize> {
    if q.depth == 0 {
        return None;
    }
    let starts_before = quotes.partition_point(|o| o.span().start <= q.span().start);
    let first = reach[..starts_before].partition_point(|&r| r <= q.span().end);
    (first < starts_before).then_some(first)
}

/// The same, by a plain search: the reference the binary search is tested against.
#[cfg(test)]
fn outer_quotes_by_search(quotes: &[Quote]) -> Vec<Option<usize>> {
    let outer_of =
        |q: &Quote| (0..quotes.len()).find(|&o| quotes[o].depth == 0 && quotes[o].span().contains(q.span()));
    quotes.iter().map(|q| if q.depth == 0 { None } else { outer_of(q) }).collect()
}

/// A short partial quote that nobody speaks is a scare quote, and so is a
/// fragment of any length in a sentence with no word of speech (`terms`).
pub(super) fn refine_kinds(doc: &Document, quotes: &mut [Quote], out: &Attributions, terms: &[usize]) {
    for (q, a) in quotes.iter_mut().zip(out) {
        if q.kind == QuoteKind::Partial && a.speaker.is_none() && q.text(doc).split_whitespace().count() <= 3 {
            q.kind = QuoteKind::Scare;
        }
    }
    for &id in terms {
        if let Some(q) = quotes.get_mut(id).filter(|q| q.kind == QuoteKind::Partial) {
            q.kind = QuoteKind::Scare;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{outer_quotes, outer_quotes_by_search};
    use crate::quote::{MarkStyle, Parts, Quote, QuoteKind};
    use crate::span::Span;
    use proptest::prelude::*;

    fn quote((start, len, depth): (usize, usize, u8)) -> Quote {
        Quote::new(
            Span::new(start, start + len),
            QuoteKind::Direct,
            MarkStyle::Curly,
            true,
            depth,
            Parts::default(),
        )
    }

    proptest! {
        // quotes in the scanner's order, outer ones overlapping or nested in
        // each other as unclosed and block quotes can be, and spans repeated
        #[test]
        fn the_binary_search_finds_the_outer_quote_the_plain_search_finds(
            raw in prop::collection::vec((0usize..60, 0usize..30, 0u8..3), 0..40)
        ) {
            let mut quotes: Vec<Quote> = raw.into_iter().map(quote).collect();
            quotes.sort_by_key(|q| (q.span().start, std::cmp::Reverse(q.span().end)));
            prop_assert_eq!(outer_quotes(&quotes), outer_quotes_by_search(&quotes));
        }
    }

    #[test]
    fn a_nested_quote_takes_the_first_outer_quote_that_contains_it() {
        let quotes: Vec<Quote> = [(0, 50, 0), (2, 10, 0), (4, 3, 1), (20, 5, 1), (60, 5, 1)].map(quote).into();
        assert_eq!(outer_quotes(&quotes), vec![None, None, Some(0), Some(0), None]);
    }
}
