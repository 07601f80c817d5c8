//! The quotation scanner: every quotation in a document, with its kind, and
//! every mark that does not pair.

pub mod kind;
mod marks;
mod pairing;

use crate::markdown::{Document, ProseBlock};
use crate::quote::{parts_text, MarkStyle, Parts, Quote, QuoteKind, QuotePart, ScanResult};
use crate::span::Span;
use marks::Family;
use pairing::{Paired, Pairer};

pub use marks::find_marks;

pub fn scan(doc: &Document) -> ScanResult {
    let mut pairer = Pairer::default();
    for (i, block) in doc.blocks.iter().enumerate() {
        crate::budget::checkpoint();
        pairer.block(i, block);
    }
    pairer.finish();
    // each quote takes its paired parts: copying them would leave the
    // pairer's copies as holes between the kept quotes once they are freed
    let mut quotes: Vec<Quote> = std::mem::take(&mut pairer.quotes)
        .into_iter()
        .filter_map(|p| {
            crate::budget::tick();
            build(doc, p)
        })
        .collect();
    quotes.extend(blockquotes(doc, &quotes));
    quotes.sort_by_key(|q| (q.span().start, std::cmp::Reverse(q.span().end)));
    kind::mark_term_lists(doc, &mut quotes);
    ScanResult { quotes, problems: pairer.problems }
}

fn build(doc: &Document, p: Paired) -> Option<Quote> {
    let first = p.parts.first()?;
    let last = p.parts.last()?;
    let first_block = doc.blocks.get(first.block())?;
    let last_block = doc.blocks.get(last.block())?;
    let start = first_block.source_span(first.outer()).start;
    let end = last_block.source_span(last.outer()).end.max(start);
    let text = parts_text(doc, &p.parts);
    if !text.chars().any(char::is_alphanumeric) {
        return None; // a pair of marks around nothing is no quotation
    }
    let kind = match p.parts.len() {
        1 => kind::classify(first_block, first.outer(), &text, is_headline(doc, first.block())),
        _ => QuoteKind::Direct,
    };
    let double = p.open.family == Family::Double;
    Some(Quote::new(Span::new(start, end), kind, p.open.style, double, p.depth, p.parts))
}

/// A draft converted from a CMS often starts with its headline as a plain
/// paragraph: a short first line before the story.
pub fn is_headline(doc: &Document, block: usize) -> bool {
    let Some(first) = doc.blocks.first().filter(|_| block == 0 && doc.blocks.len() > 2) else { return false };
    // Every quotation of the first block asks: counting no further than a
    // headline's words keeps that from reading a long paragraph once a quote.
    let words: Vec<&str> = first.text.split_whitespace().take(21).collect();
    if words.len() > 20 {
        return false;
    }
    let capitalised = words.iter().filter(|w| w.chars().next().is_some_and(char::is_uppercase)).count();
    let ends = first.text.trim_end().ends_with(['.', '!', '?', '”', '"']);
    let opens_with_quote = first.text.trim_start().starts_with(['“', '"', '‘', '\'', '«']);
    // a short line over a much longer paragraph reads as a headline, however it is cased
    let next_words = doc.blocks.get(1).map_or(0, |b| b.text.split_whitespace().take(2 * words.len()).count());
    let short_over_long = words.len() <= 16 && next_words >= 2 * words.len() && !opens_with_quote;
    !first.text.contains('\n') && (!ends || capitalised * 5 >= words.len() * 3 || short_over_long)
}

/// Words that, ending the paragraph before a blockquote, introduce it as a quotation.
const INTRODUCERS: &[&str] =
    &["said", "says", "wrote", "writes", "added", "posted", "tweeted", "reads", "read", "stated"];

fn introduces_quotation(block: &ProseBlock) -> bool {
    let text = block.text.trim_end();
    let last = text.rsplit(char::is_whitespace).next().unwrap_or_default();
    let word = last.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    text.ends_with(':') || INTRODUCERS.contains(&word.as_str())
}

/// A block quote is one quote of kind `block` when it is presented as a
/// quotation (an HTML `<blockquote>`, a Markdown one introduced by "She
/// wrote:" or ending in a signature), unless its words are already one
/// quoted passage. A signature (`— Jane Doe`, `<cite>`) is not part of the words.
fn blockquotes(doc: &Document, quotes: &[Quote]) -> Vec<Quote> {
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); doc.blockquotes.len()];
    for (i, block) in doc.blocks.iter().enumerate() {
        if let Some(list) = block.blockquote().and_then(|bq| members.get_mut(bq)) {
            list.push(i);
        }
    }
    let mut out = Vec::new();
    for (bq, blocks) in doc.blockquotes.iter().zip(members) {
        let words: Vec<usize> = blocks.iter().copied().filter(|&i| !is_signature_only(doc, i)).collect();
        let (Some(&first), Some(&last)) = (words.first(), words.last()) else { continue };
        let signed = blocks.iter().any(|&i| doc.signature(i).is_some());
        let introduced = first.checked_sub(1).and_then(|i| doc.blocks.get(i)).is_some_and(introduces_quotation);
        let already_quoted = quotes.iter().any(|q| {
            q.span().start <= doc.blocks[first].span().start + 3 && q.span().end + 3 >= doc.blocks[last].span().end
        });
        if !(bq.html || introduced || signed) || already_quoted {
            continue;
        }
        let parts: Parts = words
            .iter()
            .map(|&i| {
                let block = &doc.blocks[i];
                // a signature on the last line is not part of the words
                let end =
                    doc.signature(i).map_or(block.text.len(), |s| signature_line_start(&block.text, s.start));
                QuotePart::new(i, 0..end, 0..end)
            })
            .collect::<Vec<QuotePart>>()
            .into();
        if !parts_text(doc, &parts).chars().any(char::is_alphanumeric) {
            continue;
        }
        let end = doc.blocks[last].source_span(parts.last().map_or(0..0, |p| p.outer())).end;
        let span =
            Span::new(doc.blocks[first].span().start.min(bq.span.end), end.max(doc.blocks[first].span().start));
        out.push(Quote::new(span, QuoteKind::Block, MarkStyle::Blockquote, true, 0, parts));
    }
    out
}

/// A block that is nothing but a signature ("— Jane Doe", a `<cite>`).
fn is_signature_only(doc: &Document, b: usize) -> bool {
    let text = doc.blocks.get(b).map_or("", |block| &*block.text);
    doc.signature(b).is_some_and(|s| {
        text.get(..s.start).is_some_and(|t| t.chars().all(|c| c.is_whitespace() || "—–―-~".contains(c)))
    })
}

/// Where the words end before the signature at `at` (and its dash).
fn signature_line_start(text: &str, at: usize) -> usize {
    text.get(..at).map_or(0, |t| t.trim_end_matches(|c: char| c.is_whitespace() || "—–―-~".contains(c)).len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_over_paragraphs_is_its_trimmed_parts_joined_by_a_blank_line() {
        let doc = crate::markdown::parse("“We will rebuild the pier. \n\n“ We will not wait,” she said.\n");
        let quotes = scan(&doc).quotes;
        let multi = quotes.iter().find(|q| q.parts.len() == 2).expect("a quote over two paragraphs");
        assert_eq!(multi.text(&doc), "We will rebuild the pier.\n\nWe will not wait,");
        let one = QuotePart::new(1, 0..1, 3..6);
        assert_eq!(parts_text(&doc, std::slice::from_ref(&one)), "We");
        assert_eq!(parts_text(&doc, &[]), "");
    }

    #[test]
    fn a_one_paragraph_quote_holds_its_part_in_place() {
        let doc = crate::markdown::parse(
            "“We will rebuild the pier,” she said.\n\n“We will not wait.\n\n“Now,” he said.\n",
        );
        let quotes = scan(&doc).quotes;
        let [short, long] = quotes.as_slice() else { panic!("{quotes:?}") };
        assert!(matches!(short.parts, Parts::One(_)), "{:?}", short.parts);
        assert!(matches!(&long.parts, Parts::Many(p) if p.len() == 2), "{:?}", long.parts);
    }
}
