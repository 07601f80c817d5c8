//! Pairing marks into quotations within and across prose blocks.
//!
//! Within a block, marks pair like brackets, per family. A double quotation
//! still open at the end of a paragraph continues when the next paragraph
//! opens with a mark (the newsroom convention for long quotes); otherwise it
//! is reported where it opened.
//!
//! Nesting is bounded: at most [`MAX_NESTING`] quotations are open at once.
//! An opening mark past that is counted, not tracked (a closing mark then
//! closes one of the counted marks first), and the first one is reported
//! once a draft. Without the bound, every level of a deeply nested draft
//! copies the text inside it and memory grows with the square of the draft.

use super::marks::{find_marks, Facing, Family, Mark};
use crate::markdown::{BlockKind, ProseBlock};
use crate::quote::{MarkProblem, Parts, QuotePart};
use crate::span::Span;

/// A quotation as paired, before its kind is known.
#[derive(Debug, Clone)]
pub struct Paired {
    pub open: Mark,
    pub parts: Parts,
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

/// How many quotations may be open at once. Published copy seldom nests
/// three deep; the rest of the room is for stray opening marks.
pub const MAX_NESTING: usize = 8;

/// Closing marks that close nothing reported one by one in a paragraph; the
/// rest are one finding. A paragraph of ditto marks or a data dump pasted as
/// prose would otherwise give a finding (and its memory) per mark.
pub const MAX_UNOPENED_PER_BLOCK: usize = 10;

#[derive(Default)]
pub struct Pairer {
    pub quotes: Vec<Paired>,
    pub problems: Vec<MarkProblem>,
    carry: Option<OpenQuote>,
    /// Opening marks past [`MAX_NESTING`] still open in the current block.
    untracked: usize,
    /// The first mark past the limit in the draft, and how many there were.
    too_deep: Option<(Span, usize)>,
    /// The block and outer range of the last one-paragraph quotation closed.
    last_closed: Option<(usize, std::ops::Range<usize>)>,
    /// Unopened closing marks reported in the current block, and the first
    /// unreported one with the count of those.
    unopened_in_block: usize,
    more_unopened: Option<(Span, usize)>,
}

impl Pairer {
    pub fn block(&mut self, index: usize, block: &ProseBlock) {
        let marks = find_marks(&block.text);
        let mut stack: Vec<OpenQuote> = Vec::new();
        self.untracked = 0;
        self.unopened_in_block = 0;
        let mut rest = &marks[..];
        if let Some(carry) = self.carry.take() {
            match continuation(block, &marks) {
                Some(first) => {
                    stack.push(OpenQuote { start: first.pos(), start_len: first.width(), nested: None, ..carry });
                    rest = marks.get(1..).unwrap_or_default();
                }
                None if broken_sentence(block, &marks) => {
                    let lead = block.text.len() - block.text.trim_start().len();
                    stack.push(OpenQuote { start: lead, start_len: 0, nested: None, ..carry });
                }
                None => self.unclosed(carry, None),
            }
        }
        for &m in rest {
            crate::budget::tick();
            self.mark(index, block, &mut stack, m);
        }
        if let Some((first, count)) = self.more_unopened.take() {
            self.problems.push(MarkProblem::MoreUnopened { first, count });
        }
        self.end_block(index, block, stack);
    }

    /// Settles a quotation still open at the end of the document.
    pub fn finish(&mut self) {
        if let Some(carry) = self.carry.take() {
            self.unclosed(carry, None);
        }
        if let Some((open, untracked)) = self.too_deep.take() {
            self.problems.push(MarkProblem::TooDeep { open, limit: MAX_NESTING, untracked });
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
            if m.weak {
                return;
            }
            if stack.len() >= MAX_NESTING {
                self.untrack(block, m);
                return;
            }
            let open_span = block.source_span(m.range());
            stack.push(OpenQuote {
                open: m,
                open_span,
                parts: Vec::new(),
                start: m.pos(),
                start_len: m.width(),
                nested: None,
            });
            return;
        }
        // A closing mark closes the innermost open quotation, which is an untracked one while any is open.
        if self.untracked > 0 {
            self.untracked -= 1;
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
        // the parts move into the quote and are kept: a one-paragraph quote's allocate nothing
        let last = QuotePart::new(index, q.start..m.range().end, q.start + q.start_len..m.pos());
        let parts = Parts::ending_with(q.parts, last);
        if let [part] = &parts[..] {
            self.last_closed = Some((index, part.outer()));
        }
        self.quotes.push(Paired { open: q.open, parts, depth: stack.len().min(255) as u8 });
        let id = self.quotes.len() - 1;
        if let Some(parent) = stack.iter_mut().rev().find(|p| p.open.family == m.family) {
            parent.nested = Some(id);
        }
    }

    fn untrack(&mut self, block: &ProseBlock, m: Mark) {
        self.untracked += 1;
        let first = self.too_deep.get_or_insert_with(|| (block.source_span(m.range()), 0));
        first.1 += 1;
    }

    fn unopened(&mut self, index: usize, block: &ProseBlock, m: Mark) {
        if self.unopened_in_block >= MAX_UNOPENED_PER_BLOCK {
            let more = self.more_unopened.get_or_insert_with(|| (block.source_span(m.range()), 0));
            more.1 += 1;
            return;
        }
        self.unopened_in_block += 1;
        let previous = match &self.last_closed {
            Some((b, outer)) if *b == index => Some(block.source_span(outer.clone())),
            _ => None,
        };
        let close = block.source_span(m.range());
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
        carry.parts.push(QuotePart::new(index, carry.start..end, inner_start..end));
        if matches!(block.kind(), BlockKind::Paragraph | BlockKind::ListItem) {
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
        let Some(last) = inner.parts.last().filter(|p| inner.parts.len() == 1 && p.block() == index) else {
            return false;
        };
        let tail = block.text.get(last.outer().end..).unwrap_or_default();
        if find_marks(tail).iter().any(|m| m.family == Family::Double && !m.weak) {
            return false;
        }
        let (close_end, close_start) = (last.outer().end, last.inner().end);
        let inner = self.quotes.remove(id);
        let inner_start = outer.start + outer.start_len;
        let last = QuotePart::new(index, outer.start..close_end, inner_start..close_start);
        let parts = Parts::ending_with(outer.parts.clone(), last);
        let stray = block.source_span(inner.open.range());
        self.problems.push(MarkProblem::Unclosed { open: outer.open_span, gave_up: Some(stray) });
        self.quotes.push(Paired { open: outer.open, parts, depth: 0 });
        true
    }

    /// Reports an unclosed quotation and keeps it as a quote running to the
    /// end of its last paragraph, so its words are still attributed.
    fn unclosed(&mut self, q: OpenQuote, gave_up: Option<Span>) {
        self.problems.push(MarkProblem::Unclosed { open: q.open_span, gave_up });
        self.quotes.push(Paired { open: q.open, parts: q.parts.into(), depth: 0 });
    }
}

/// The first mark of a paragraph continues a long quotation when it opens
/// the paragraph.
fn continuation<'m>(block: &ProseBlock, marks: &'m [Mark]) -> Option<&'m Mark> {
    let first = marks.first()?;
    let lead = block.text.len() - block.text.trim_start().len();
    (first.pos() == lead && first.family == Family::Double && first.facing != Facing::Close).then_some(first)
}

/// A paragraph that opens in lower case and whose first double mark closes
/// goes on with the sentence of the paragraph before, split by a stray
/// blank line: "“Who may be included … is at the discretion of the
/// decision-maker" / "based on the recommendation …,” said Nicholson."
fn broken_sentence(block: &ProseBlock, marks: &[Mark]) -> bool {
    let opens_lower = block.text.trim_start().starts_with(char::is_lowercase);
    let first_double = marks.iter().find(|m| m.family == Family::Double && !m.weak);
    opens_lower && block.kind() == BlockKind::Paragraph && first_double.is_some_and(|m| m.facing != Facing::Open)
}

#[cfg(test)]
mod tests {
    use crate::markdown;
    use crate::quote::MarkProblem;

    /// `levels` quotations, alternating double and single, each opened and then closed in turn.
    fn nested(levels: usize) -> String {
        let opens: String = (0..levels).map(|k| if k % 2 == 0 { "“a " } else { "‘a " }).collect();
        let closes: String = (0..levels).rev().map(|k| if k % 2 == 0 { "b” " } else { "b’ " }).collect();
        format!("{opens}{closes}x\n")
    }

    /// The reproducer of issue 14: closers after a space, so only the doubles pair.
    fn reproducer(levels: usize) -> String {
        let opens: String = (0..levels).map(|k| if k % 2 == 0 { "“a " } else { "‘a " }).collect();
        let closes: String = (0..levels).map(|k| if k % 2 == 0 { "’ " } else { "” " }).collect();
        format!("{opens}{closes}x\n")
    }

    #[test]
    fn nesting_within_the_limit_pairs_every_level() {
        let scan = super::super::scan(&markdown::parse(&nested(super::MAX_NESTING)));
        assert_eq!(scan.quotes.len(), super::MAX_NESTING);
        assert!(scan.problems.is_empty(), "{:?}", scan.problems);
        let depths: Vec<u8> = scan.quotes.iter().map(|q| q.depth).collect();
        assert_eq!(depths, (0..super::MAX_NESTING as u8).collect::<Vec<_>>());
    }

    #[test]
    fn marks_past_the_limit_are_counted_once_and_the_outer_levels_still_pair() {
        let text = nested(super::MAX_NESTING + 3);
        let scan = super::super::scan(&markdown::parse(&text));
        assert_eq!(scan.quotes.len(), super::MAX_NESTING, "only the tracked levels are quotations");
        // The outermost quotation runs from the first mark to the last: the
        // closers of the untracked levels did not close it early.
        assert_eq!(scan.quotes[0].span().start, 0);
        assert_eq!(scan.quotes[0].span().end, text.rfind('”').unwrap() + '”'.len_utf8());
        let first_untracked = text.match_indices("a ").nth(super::MAX_NESTING).unwrap().0 - "‘".len();
        assert_eq!(
            scan.problems,
            [MarkProblem::TooDeep {
                open: crate::span::Span::new(first_untracked, first_untracked + 3),
                limit: super::MAX_NESTING,
                untracked: 3
            }]
        );
    }

    #[test]
    fn a_sentence_split_by_a_blank_line_is_one_quotation() {
        let text = "“The ferry will run as long as\n\nthe harbour is open,” said Ana Ruiz.\n\nNext.\n";
        let scan = super::super::scan(&markdown::parse(text));
        assert!(scan.problems.is_empty(), "{:?}", scan.problems);
        let [q] = scan.quotes.as_slice() else { panic!("{:?}", scan.quotes) };
        assert_eq!(q.parts.len(), 2);
        // an upper-case paragraph after an unclosed quote is the writer's again
        let text = "“The ferry will run as long as\n\nThe harbour is open,” said Ana Ruiz.\n";
        let scan = super::super::scan(&markdown::parse(text));
        assert!(scan.problems.iter().any(|p| matches!(p, MarkProblem::Unclosed { .. })));
    }

    #[test]
    fn a_paragraph_of_stray_closing_marks_is_a_few_findings() {
        let text = "word” ".repeat(1_000);
        let scan = super::super::scan(&markdown::parse(&format!("{text}\n\nfine” here\n")));
        let singles = scan.problems.iter().filter(|p| matches!(p, MarkProblem::Unopened { .. })).count();
        assert_eq!(singles, super::MAX_UNOPENED_PER_BLOCK + 1, "ten in the first paragraph, one in the second");
        let rest: Vec<_> =
            scan.problems.iter().filter(|p| matches!(p, MarkProblem::MoreUnopened { .. })).collect();
        let eleventh = text.match_indices('”').nth(super::MAX_UNOPENED_PER_BLOCK).unwrap().0;
        assert_eq!(
            rest,
            [&MarkProblem::MoreUnopened { first: crate::span::Span::new(eleventh, eleventh + 3), count: 990 }]
        );
    }

    #[test]
    fn deep_nesting_costs_linear_memory() {
        // 20,000 levels: every level's text used to be copied into its quote.
        for text in [nested(20_000), reproducer(20_000)] {
            let doc = markdown::parse(&text);
            let scan = super::super::scan(&doc);
            let copied: usize = scan.quotes.iter().map(|q| q.text(&doc).len()).sum();
            assert!(copied <= super::MAX_NESTING * text.len(), "{copied} bytes of quote text");
            let deep = scan.problems.iter().filter(|p| matches!(p, MarkProblem::TooDeep { .. })).count();
            assert_eq!(deep, 1, "{:?}", scan.problems.first());
        }
    }
}
