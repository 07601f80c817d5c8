//! Pairing marks into quotations within and across prose blocks.
//!
//! Within a block, marks pair like brackets, per family. A double quotation
//! still open at the end of a paragraph continues when the next paragraph
//! opens with a mark (the newsroom convention for long quotes); otherwise it
//! is reported where it opened.

use super::marks::{find_marks, Facing, Family, Mark};
use crate::markdown::{BlockKind, ProseBlock};
use crate::quote::{MarkProblem, QuotePart};
use crate::span::Span;

/// A quotation as paired, before its kind is known.
#[derive(Debug, Clone)]
pub struct Paired {
    pub open: Mark,
    pub parts: Vec<QuotePart>,
    pub depth: u8,
}

#[derive(Debug, Clone)]
struct OpenQuote {
    open: Mark,
    /// Source span of the opening mark, for reports.
    open_span: Span,
    /// Parts in earlier paragraphs of a multi-paragraph quotation.
    parts: Vec<QuotePart>,
    /// Where this block's part starts, and the length of the mark there.
    start: usize,
    start_len: usize,
    /// The last quotation of the same family that closed inside this one.
    nested: Option<usize>,
}

#[derive(Default)]
pub struct Pairer {
    pub quotes: Vec<Paired>,
    pub problems: Vec<MarkProblem>,
    carry: Option<OpenQuote>,
}

impl Pairer {
    pub fn block(&mut self, index: usize, block: &ProseBlock) {
        let marks = find_marks(&block.text);
        let mut stack: Vec<OpenQuote> = Vec::new();
        let mut rest = &marks[..];
        if let Some(carry) = self.carry.take() {
            match continuation(block, &marks) {
                Some(first) => {
                    stack.push(OpenQuote { start: first.pos, start_len: first.len, nested: None, ..carry });
                    rest = marks.get(1..).unwrap_or_default();
                }
                None => self.unclosed(carry, None),
            }
        }
        for &m in rest {
            self.mark(index, block, &mut stack, m);
        }
        self.end_block(index, block, stack);
    }

    /// Settles a quotation still open at the end of the document.
    pub fn finish(&mut self) {
        if let Some(carry) = self.carry.take() {
            self.unclosed(carry, None);
        }
    }

    fn mark(&mut self, index: usize, block: &ProseBlock, stack: &mut Vec<OpenQuote>, m: Mark) {
        let open_at = stack.iter().rposition(|q| q.open.family == m.family);
        let closes = match m.facing {
            Facing::Close => true,
            Facing::Open => false,
            Facing::Either => open_at.is_some(),
        };
        if !closes {
            if !m.weak {
                let open_span = block.source_span(m.pos..m.pos + m.len);
                stack.push(OpenQuote {
                    open: m,
                    open_span,
                    parts: Vec::new(),
                    start: m.pos,
                    start_len: m.len,
                    nested: None,
                });
            }
            return;
        }
        let Some(at) = open_at else {
            if m.family == Family::Double && !m.weak {
                self.unopened(index, block, m);
            }
            return;
        };
        // Single marks left open inside a closing quotation were apostrophes.
        stack.truncate(at + 1);
        let Some(q) = stack.pop() else { return };
        let mut parts = q.parts;
        parts.push(QuotePart { block: index, outer: q.start..m.pos + m.len, inner: q.start + q.start_len..m.pos });
        self.quotes.push(Paired { open: q.open, parts, depth: stack.len().min(255) as u8 });
        let id = self.quotes.len() - 1;
        if let Some(parent) = stack.iter_mut().rev().find(|p| p.open.family == m.family) {
            parent.nested = Some(id);
        }
    }

    fn unopened(&mut self, index: usize, block: &ProseBlock, m: Mark) {
        let previous = self
            .quotes
            .iter()
            .rev()
            .find(|q| q.parts.len() == 1 && q.parts.first().is_some_and(|p| p.block == index))
            .and_then(|q| q.parts.first())
            .map(|p| block.source_span(p.outer.clone()));
        let close = block.source_span(m.pos..m.pos + m.len);
        self.problems.push(MarkProblem::Unopened { close, previous });
    }

    fn end_block(&mut self, index: usize, block: &ProseBlock, stack: Vec<OpenQuote>) {
        let mut doubles = stack.into_iter().filter(|q| q.open.family == Family::Double);
        let Some(outer) = doubles.next() else { return };
        for inner in doubles {
            self.problems.push(MarkProblem::Unclosed { open: inner.open_span, gave_up: None });
        }
        if self.repair(index, block, &outer) {
            return;
        }
        let end = block.text.trim_end().len().max(outer.start + outer.start_len);
        let mut carry = outer;
        let inner_start = carry.start + carry.start_len;
        carry.parts.push(QuotePart { block: index, outer: carry.start..end, inner: inner_start..end });
        if matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem) {
            self.carry = Some(carry);
        } else {
            self.unclosed(carry, None);
        }
    }

    /// `“no intention of “export it”`: a quotation that opens twice and closes
    /// once is one quotation with a stray second opening mark.
    fn repair(&mut self, index: usize, block: &ProseBlock, outer: &OpenQuote) -> bool {
        let Some(id) = outer.nested else { return false };
        let Some(inner) = self.quotes.get(id) else { return false };
        let Some(last) = inner.parts.last().filter(|p| inner.parts.len() == 1 && p.block == index) else {
            return false;
        };
        let tail = block.text.get(last.outer.end..).unwrap_or_default();
        if find_marks(tail).iter().any(|m| m.family == Family::Double && !m.weak) {
            return false;
        }
        let (close_end, close_start) = (last.outer.end, last.inner.end);
        let inner = self.quotes.remove(id);
        let mut parts = outer.parts.clone();
        let inner_start = outer.start + outer.start_len;
        parts.push(QuotePart { block: index, outer: outer.start..close_end, inner: inner_start..close_start });
        let stray = block.source_span(inner.open.pos..inner.open.pos + inner.open.len);
        self.problems.push(MarkProblem::Unclosed { open: outer.open_span, gave_up: Some(stray) });
        self.quotes.push(Paired { open: outer.open, parts, depth: 0 });
        true
    }

    /// Reports an unclosed quotation and keeps it as a quote running to the
    /// end of its last paragraph, so its words are still attributed.
    fn unclosed(&mut self, q: OpenQuote, gave_up: Option<Span>) {
        self.problems.push(MarkProblem::Unclosed { open: q.open_span, gave_up });
        self.quotes.push(Paired { open: q.open, parts: q.parts, depth: 0 });
    }
}

/// The first mark of a paragraph continues a long quotation when it opens
/// the paragraph.
fn continuation<'m>(block: &ProseBlock, marks: &'m [Mark]) -> Option<&'m Mark> {
    let first = marks.first()?;
    let lead = block.text.len() - block.text.trim_start().len();
    (first.pos == lead && first.family == Family::Double && first.facing != Facing::Close).then_some(first)
}
