//! From the file back to the prose: which block holds a byte of the file and
//! where in its text, and what the parser masked in inline code.

use crate::markdown::{Document, ProseBlock, CODE_PLACEHOLDER};
use crate::span::Span;
use std::ops::Range;

/// The block holding `span`'s start and the range of its text the span covers
/// (cut at the block's end); `None` when the span starts outside the prose.
pub fn locate(doc: &Document, span: Span) -> Option<(usize, Range<usize>)> {
    // blocks are in file order and do not overlap
    let i = doc.blocks.partition_point(|b| b.span().start <= span.start).checked_sub(1)?;
    let block = doc.blocks.get(i)?;
    if span.start >= block.span().end && !(span.is_empty() && span.start == block.span().end) {
        return None;
    }
    let start = text_position(block, span.start);
    let end = text_position(block, span.end).max(start);
    Some((i, start..end))
}

/// The first position of the block's text that maps at or after `offset`,
/// on a character boundary.
fn text_position(block: &ProseBlock, offset: usize) -> usize {
    let text = &block.text;
    let mut lo = 0;
    let mut hi = text.len();
    // the map is monotonic: binary search for the first position not before `offset`
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if block.map.to_source_start(mid) < offset {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    let mut at = lo.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// The characters of inline code the parser replaced by [`CODE_PLACEHOLDER`],
/// read back from the file: the `k`th placeholder of a code span is the `k`th
/// quotation mark (or apostrophe, or backtick) between its delimiters.
pub fn code_chars(block: &ProseBlock, file: &str) -> Vec<(usize, char)> {
    let mut out = Vec::new();
    let mut current: Option<(Span, usize)> = None;
    for (at, c) in block.text.char_indices() {
        if c != CODE_PLACEHOLDER {
            continue;
        }
        let span = block.source_span(at..at + c.len_utf8());
        let k = match current {
            Some((s, k)) if s == span => k + 1,
            _ => 0,
        };
        current = Some((span, k));
        let original = file.get(span.range()).and_then(|code| masked_char(code, k)).unwrap_or('"');
        out.push((at, original));
    }
    out
}

fn masked_char(code: &str, k: usize) -> Option<char> {
    let fence = code.len() - code.trim_start_matches('`').len();
    let inner = code.get(fence..code.len().checked_sub(fence)?)?;
    inner.chars().filter(|c| "\"'“”‘’«»‹›„‚`".contains(*c)).nth(k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown;

    fn text_of(doc: &Document, found: Option<(usize, Range<usize>)>) -> String {
        let (block, range) = found.expect("located");
        doc.blocks[block].text[range].to_string()
    }

    #[test]
    fn spans_map_back_into_their_block() {
        let src = "# Title\n\nSay &ldquo;hi&rdquo; to *Ana*.\n\n```\ncode\n```\n\n- item “two”\n";
        let doc = markdown::parse(src);
        let at = |needle: &str| {
            let start = src.find(needle).unwrap();
            Span::new(start, start + needle.len())
        };
        assert_eq!(text_of(&doc, locate(&doc, at("&ldquo;hi&rdquo;"))), "“hi”");
        assert_eq!(text_of(&doc, locate(&doc, at("Ana"))), "Ana");
        assert_eq!(text_of(&doc, locate(&doc, at("“two”"))), "“two”");
        assert_eq!(text_of(&doc, locate(&doc, at("Title"))), "Title");
        assert_eq!(locate(&doc, at("code")), None, "code blocks are not prose");
        assert_eq!(locate(&doc, Span::new(src.len() + 5, src.len() + 9)), None);
    }

    #[test]
    fn masked_code_characters_are_read_back() {
        let src = "Run `don't \"stop\"` and ``a`b`` now.";
        let doc = markdown::parse(src);
        let block = &doc.blocks[0];
        let chars: Vec<char> = code_chars(block, src).into_iter().map(|(_, c)| c).collect();
        assert_eq!(chars, vec!['\'', '"', '"', '`']);
        for (at, _) in code_chars(block, src) {
            assert!(block.text[at..].starts_with(CODE_PLACEHOLDER));
        }
    }
}
