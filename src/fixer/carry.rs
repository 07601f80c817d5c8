//! Skipping the re-check after a pass whose edits only swapped quotation
//! marks and apostrophes for the same marks in another style (the fix of
//! mixed-quote-style, which is most of what `--fix` does to wire copy).
//!
//! Such a pass leaves the draft's structure as it was: the same blocks, the
//! same quotations with the same words, every other byte where it was plus
//! the shift of the marks before it. The findings of the fixed text are then
//! the findings of the draft less the ones fixed, moved by that shift, and
//! analysing the fixed text again (most of the cost of `--fix`) is not
//! needed. That is not taken on trust: the draft before and after is parsed
//! and scanned (a small part of the analysis) and both must give the same
//! blocks and quotations, and any finding the swap could have changed (one on an
//! edited byte that quotes a mark, one of a rule whose fix was applied, one
//! with a fix still to apply, a quotation left in the old style) sends the
//! draft through the full re-check.
//! The tests compare the result with a full re-check.

use super::FixMode;
use crate::analysis::Analysis;
use crate::diagnostic::Diagnostic;
use crate::edit::Edit;
use crate::formats;
use crate::markdown::{Document, ParseOptions, ProseBlock};
use crate::quote::{MarkProblem, MarkStyle, Quote, ScanResult};
use crate::rules::{MixedQuoteStyle, Rule};
use crate::scan;
use crate::settings::{QuoteMarks, Settings};
use crate::source::SourceFile;
use crate::span::Span;

/// One pass of fixes over a draft.
pub(super) struct Pass<'a> {
    /// The analysis of the text the fixes were applied to.
    pub analysis: &'a Analysis,
    /// Its findings.
    pub diagnostics: &'a [Diagnostic],
    /// Whether each finding's fix was applied, in the order of `diagnostics`.
    pub applied: &'a [bool],
    /// The edits made, in order of position.
    pub edits: &'a [Edit],
}

/// The findings of `fixed` (the text after `pass`), if they can be told
/// without analysing it again; `None` when it must be re-checked.
pub(super) fn carry_over(
    pass: &Pass<'_>,
    fixed: &SourceFile,
    settings: &Settings,
    mode: FixMode,
) -> Option<Vec<Diagnostic>> {
    let old = pass.analysis;
    let shift = Shift::of(&old.file.text, pass.edits)?;
    let mut kept = Vec::new();
    let fixed_codes: Vec<&str> =
        pass.diagnostics.iter().zip(pass.applied).filter(|(_, &a)| a).map(|(d, _)| d.code()).collect();
    for (d, &applied) in pass.diagnostics.iter().zip(pass.applied) {
        if applied {
            // a fix cut short leaves its finding: the next pass must see the fixed text
            if d.fix.as_ref().is_some_and(|f| f.partial) {
                return None;
            }
            continue;
        }
        if d.fix.as_ref().is_some_and(|f| mode.applies(f)) || fixed_codes.contains(&d.code()) {
            return None;
        }
        kept.push(shift.diagnostic(d)?);
    }
    // only mixed-quote-style swaps marks, and only its findings are known to go when fixed
    let quote_style = MixedQuoteStyle.meta().code;
    if fixed_codes.iter().any(|&code| code != quote_style) {
        return None;
    }
    let doc = formats::parse(fixed, ParseOptions::for_path(&fixed.path, &settings.prose_tags));
    if !same_document(&old.doc, &doc, &shift) {
        return None;
    }
    // The analysis's own quotations cannot be compared: attribution has since
    // changed their kinds, so the draft as it was is scanned again too.
    let (before, after) = (scan::scan(&old.doc), scan::scan(&doc));
    let same = same_quotations(&before, &old.doc, &after, &doc, &shift);
    (same && one_style_left(&after, settings.quote_marks)).then_some(kept)
}

/// Whether mixed-quote-style has nothing left to find: at each level
/// (double, single) every quotation in one style, the house's if it has
/// one. Its fix leaves alone marks it cannot swap (written as `&quot;`, say),
/// and then the quotation they make is found again.
fn one_style_left(after: &ScanResult, house: Option<QuoteMarks>) -> bool {
    let house = house.map(|m| match m {
        QuoteMarks::Curly => MarkStyle::Curly,
        QuoteMarks::Straight => MarkStyle::Straight,
    });
    [true, false].into_iter().all(|double| {
        let mut styles = after
            .quotes
            .iter()
            .filter(|q| q.double == double && matches!(q.style, MarkStyle::Straight | MarkStyle::Curly))
            .map(|q| q.style);
        let Some(first) = house.or_else(|| styles.clone().next()) else { return true };
        styles.all(|s| s == first)
    })
}

/// Quotation marks and apostrophes, double and single.
const DOUBLE: [char; 3] = ['"', '“', '”'];
const SINGLE: [char; 3] = ['\'', '‘', '’'];

/// The one mark or apostrophe `s` is, if it is one.
fn mark(s: &str) -> Option<char> {
    let mut chars = s.chars();
    let c = chars.next().filter(|c| DOUBLE.contains(c) || SINGLE.contains(c))?;
    chars.next().is_none().then_some(c)
}

/// A mark in one style for the same mark in another: double for double, single for single.
fn is_swap(from: &str, to: &str) -> bool {
    match (mark(from), mark(to)) {
        (Some(a), Some(b)) => DOUBLE.contains(&a) == DOUBLE.contains(&b),
        _ => false,
    }
}

/// The same text but for the style of its marks. Compares the bytes in
/// runs, decoding only where the two differ: every block and quotation of a
/// changed draft goes through this.
fn same_but_marks(a: &str, b: &str) -> bool {
    let (mut i, mut j) = (0, 0);
    loop {
        let run = a.as_bytes()[i..].iter().zip(&b.as_bytes()[j..]).take_while(|(x, y)| x == y).count();
        (i, j) = (i + run, j + run);
        if i == a.len() && j == b.len() {
            return true;
        }
        // the run may end inside a character both share the first bytes of (“ and ”)
        while !a.is_char_boundary(i) {
            (i, j) = (i - 1, j - 1);
        }
        let (Some(x), Some(y)) = (a[i..].chars().next(), b[j..].chars().next()) else { return false };
        if x == y || plain(x) != plain(y) {
            return false;
        }
        (i, j) = (i + x.len_utf8(), j + y.len_utf8());
    }
}

/// A quotation mark or apostrophe as its straight form; any other character as itself.
fn plain(c: char) -> char {
    if DOUBLE.contains(&c) {
        '"'
    } else if SINGLE.contains(&c) {
        '\''
    } else {
        c
    }
}

/// Where offsets into the text before a pass of mark swaps are after it.
struct Shift<'a> {
    edits: &'a [Edit],
    /// The marks edited, as they were.
    before: Vec<char>,
    /// How far each edit moves what follows it, summed over it and the edits before.
    moved: Vec<isize>,
}

impl<'a> Shift<'a> {
    /// `None` unless every edit swaps one mark of `text` for another.
    fn of(text: &str, edits: &'a [Edit]) -> Option<Shift<'a>> {
        let mut before = Vec::with_capacity(edits.len());
        let mut moved = Vec::with_capacity(edits.len());
        let mut total = 0isize;
        for e in edits {
            let was = text.get(e.span.range())?;
            if !is_swap(was, &e.replacement) {
                return None;
            }
            before.push(mark(was)?);
            total += e.replacement.len() as isize - was.len() as isize;
            moved.push(total);
        }
        Some(Shift { edits, before, moved })
    }

    /// Where `offset` is now; `None` inside an edited mark.
    fn offset(&self, offset: usize) -> Option<usize> {
        let i = self.edits.partition_point(|e| e.span.end <= offset);
        if self.edits.get(i).is_some_and(|e| e.span.start < offset) {
            return None;
        }
        let moved = if i == 0 { 0 } else { self.moved[i - 1] };
        offset.checked_add_signed(moved)
    }

    fn span(&self, span: Span) -> Option<Span> {
        Some(Span::new(self.offset(span.start)?, self.offset(span.end)?))
    }

    /// The edited marks `span` touches or holds.
    fn touched(&self, span: Span) -> impl Iterator<Item = char> + '_ {
        let from = self.edits.partition_point(|e| e.span.end < span.start);
        let to = self.edits.partition_point(|e| e.span.start <= span.end);
        self.before[from..to.max(from)].iter().copied()
    }

    /// A finding of the text before, moved into the text after; `None` when
    /// the swap may have changed it: its fix edits a swapped mark, or it is
    /// on a swapped mark and says something that could quote it.
    fn diagnostic(&self, d: &Diagnostic) -> Option<Diagnostic> {
        let mut out = d.clone();
        if let Some(fix) = out.fix.as_mut() {
            for e in &mut fix.edits {
                if self.touched(e.span).next().is_some() {
                    return None;
                }
                e.span = self.span(e.span)?;
            }
        }
        let spans = std::iter::once(d.span).chain(d.labels.iter().map(|l| l.span));
        let marks: Vec<char> = spans.flat_map(|s| self.touched(s)).collect();
        if !marks.is_empty() {
            let words = std::iter::once(d.message.as_str())
                .chain(d.primary_label.as_deref())
                .chain(d.labels.iter().map(|l| &*l.message))
                .chain(d.help.as_deref())
                .chain(d.notes.iter().map(|n| &**n));
            if words.into_iter().any(|w| w.contains(marks.as_slice())) {
                return None;
            }
        }
        out.span = self.span(d.span)?;
        for label in &mut out.labels {
            label.span = self.span(label.span)?;
        }
        Some(out)
    }
}

fn same_document(old: &Document, new: &Document, shift: &Shift<'_>) -> bool {
    let moved = |a: Option<Span>, b: Option<Span>| match (a, b) {
        (Some(a), Some(b)) => shift.span(a) == Some(b),
        (a, b) => a.is_none() && b.is_none(),
    };
    moved(old.front_matter, new.front_matter)
        && old.blocks.len() == new.blocks.len()
        && (0..old.blocks.len()).all(|b| same_block((old, new), b, shift))
        && old.comments.len() == new.comments.len()
        && old
            .comments
            .iter()
            .zip(&new.comments)
            .all(|(a, b)| shift.span(a.span) == Some(b.span) && a.body == b.body)
        && old.blockquotes.len() == new.blockquotes.len()
        && old
            .blockquotes
            .iter()
            .zip(&new.blockquotes)
            .all(|(a, b)| shift.span(a.span) == Some(b.span) && a.html == b.html && a.cite == b.cite)
}

/// Whether block `i` of the old document moved to block `i` of the new unchanged.
fn same_block((old, new): (&Document, &Document), i: usize, shift: &Shift<'_>) -> bool {
    let (Some(a), Some(b)) = (old.blocks.get(i), new.blocks.get(i)) else { return false };
    let signature = |doc: &Document, block: &ProseBlock| doc.signature(i).map(|r| block.source_span(r));
    a.kind() == b.kind()
        && a.blockquote() == b.blockquote()
        && shift.span(a.span()) == Some(b.span())
        && signature(old, a).map(|s| shift.span(s)) == signature(new, b).map(Some)
        && same_but_marks(&a.text, &b.text)
}

/// Whether the scanner found the same quotations in both documents.
fn same_quotations(a: &ScanResult, old: &Document, b: &ScanResult, new: &Document, shift: &Shift<'_>) -> bool {
    a.quotes.len() == b.quotes.len()
        && a.quotes.iter().zip(&b.quotes).all(|(x, y)| same_quote(x, old, y, new, shift))
        && a.problems.len() == b.problems.len()
        && a.problems.iter().zip(&b.problems).all(|(x, y)| moved_problem(x, shift).as_ref() == Some(y))
}

fn same_quote(a: &Quote, a_doc: &Document, b: &Quote, b_doc: &Document, shift: &Shift<'_>) -> bool {
    let source = |doc: &Document, block: usize, range: std::ops::Range<usize>| {
        doc.blocks.get(block).map(|blk| blk.source_span(range))
    };
    shift.span(a.span()) == Some(b.span())
        && (a.kind, a.double, a.depth) == (b.kind, b.double, b.depth)
        && same_but_marks(&a.text(a_doc), &b.text(b_doc))
        && a.parts.len() == b.parts.len()
        && a.parts.iter().zip(&b.parts).all(|(p, q)| {
            p.block() == q.block()
                && source(a_doc, p.block(), p.outer()).and_then(|s| shift.span(s))
                    == source(b_doc, q.block(), q.outer())
                && source(a_doc, p.block(), p.inner()).and_then(|s| shift.span(s))
                    == source(b_doc, q.block(), q.inner())
        })
}

fn moved_problem(p: &MarkProblem, shift: &Shift<'_>) -> Option<MarkProblem> {
    // `Some(None)` for no span; `None` for a span inside an edited mark
    let opt = |s: Option<Span>| match s {
        None => Some(None),
        Some(s) => shift.span(s).map(Some),
    };
    Some(match p {
        MarkProblem::Unclosed { open, gave_up } => {
            MarkProblem::Unclosed { open: shift.span(*open)?, gave_up: opt(*gave_up)? }
        }
        MarkProblem::Unopened { close, previous } => {
            MarkProblem::Unopened { close: shift.span(*close)?, previous: opt(*previous)? }
        }
        MarkProblem::TooDeep { open, limit, untracked } => {
            MarkProblem::TooDeep { open: shift.span(*open)?, limit: *limit, untracked: *untracked }
        }
        MarkProblem::MoreUnopened { first, count } => {
            MarkProblem::MoreUnopened { first: shift.span(*first)?, count: *count }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(start: usize, end: usize, with: &str) -> Edit {
        Edit::replace(Span::new(start, end), with)
    }

    #[test]
    fn only_a_mark_for_the_same_mark_in_another_style_is_a_swap() {
        assert!(is_swap("\"", "“") && is_swap("”", "\"") && is_swap("'", "’") && is_swap("‘", "'"));
        assert!(!is_swap("\"", "’"), "double for single");
        assert!(!is_swap("...", "…") && !is_swap("(", "[") && !is_swap("\",", ",\""));
        let text = "a \"b\" c";
        assert!(Shift::of(text, &[e(2, 3, "“"), e(4, 5, "”")]).is_some());
        assert!(Shift::of(text, &[e(6, 7, "x")]).is_none());
    }

    #[test]
    fn offsets_move_by_the_marks_before_them_and_none_is_inside_a_mark() {
        let text = "a \"b\" c";
        let edits = [e(2, 3, "“"), e(4, 5, "”")];
        let shift = Shift::of(text, &edits).unwrap();
        assert_eq!(shift.offset(0), Some(0));
        assert_eq!(shift.offset(2), Some(2));
        assert_eq!(shift.offset(3), Some(5));
        assert_eq!(shift.offset(5), Some(9));
        assert_eq!(shift.span(Span::new(2, 5)), Some(Span::new(2, 9)));
        let curly = "a “b” c";
        let back = [e(2, 5, "\""), e(6, 9, "\"")];
        let shift = Shift::of(curly, &back).unwrap();
        assert_eq!(shift.offset(3), None, "inside the three bytes of “");
        assert_eq!(shift.offset(9), Some(5));
        assert_eq!(shift.touched(Span::new(0, 2)).collect::<Vec<_>>(), vec!['“'], "touching counts");
        assert_eq!(shift.touched(Span::new(9, 11)).collect::<Vec<_>>(), vec!['”']);
        assert_eq!(shift.touched(Span::new(10, 11)).count(), 0);
    }

    #[test]
    fn text_that_differs_only_in_its_marks_is_the_same() {
        assert!(same_but_marks("“It’s,” he said", "\"It's,\" he said"));
        assert!(!same_but_marks("“It’s,” he said", "\"Its,\" he said"));
        assert!(!same_but_marks("“a”", "‘a’"), "double and single differ");
        assert!(same_but_marks("", "") && same_but_marks("é “x”", "é \"x\""));
        assert!(!same_but_marks("a", "ab") && !same_but_marks("ab", "a") && !same_but_marks("a“", "a"));
        assert!(!same_but_marks("“a", "”b"), "a difference after a swap");
        assert!(!same_but_marks("x–y", "x—y"), "characters sharing lead bytes that are not marks");
        assert!(same_but_marks("\"’", "“'"), "marks next to each other");
    }
}
