//! `check --diff`: what fixing would change, as a unified diff that `patch
//! -p0` and `git apply -p0` accept (headers name the file as it was given,
//! as Ruff's `--diff` does).
//!
//! The fixer knows where it changed the text, so the diff is made from those
//! places ([`Changes`]) instead of searched for: a general line diff costs
//! the product of the draft's length and the number of changed lines, which
//! made `--diff` quadratic on a long draft with many fixes (45 s for 8 MB).

use crate::edit::Edit;
use similar::{Algorithm, DiffOp};
use std::ops::Range;

/// Lines of context around each change.
const CONTEXT: usize = 3;

/// Where a text and its fixed version differ: pairs of byte ranges, `old`
/// in the text as read and `new` in the fixed text, in order and disjoint;
/// outside them the two texts are the same.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes(Vec<Change>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Change {
    old: Range<usize>,
    new: Range<usize>,
}

impl Changes {
    /// The changes after one more pass of `edits`, made to the current fixed
    /// text (in order of position and disjoint, as `apply` returns them).
    /// Changes and edits that overlap or touch become one change.
    pub fn then(&mut self, edits: &[Edit]) {
        let earlier = std::mem::take(&mut self.0);
        // each change and edit as its bytes in the current text, and how it
        // shifts what follows: back to the text as read, on to the next text
        let items = in_order(
            earlier.iter().map(|c| (c.new.clone(), growth(c.old.len(), c.new.len()), 0)),
            edits.iter().map(|e| (e.span.range(), 0, growth(e.span.len(), e.replacement.len()))),
        );
        let (mut back, mut on) = (0isize, 0isize);
        let mut end = 0;
        for (bytes, back_by, on_by) in items {
            let joins = self.0.last().is_some() && bytes.start <= end;
            if !joins {
                self.0.push(Change { old: shift(bytes.start, -back)..0, new: shift(bytes.start, on)..0 });
            }
            back += back_by;
            on += on_by;
            end = if joins { end.max(bytes.end) } else { bytes.end };
            if let Some(last) = self.0.last_mut() {
                last.old.end = shift(end, -back);
                last.new.end = shift(end, on);
            }
        }
    }
}

/// How much longer a text of `from` bytes becomes as `to` bytes.
fn growth(from: usize, to: usize) -> isize {
    to as isize - from as isize
}

fn shift(pos: usize, by: isize) -> usize {
    pos.saturating_add_signed(by)
}

/// Two lists, each in order of its ranges' starts, as one (the first's on a tie).
fn in_order<T>(
    a: impl Iterator<Item = (Range<usize>, T, T)>,
    b: impl Iterator<Item = (Range<usize>, T, T)>,
) -> Vec<(Range<usize>, T, T)> {
    let (mut a, mut b) = (a.peekable(), b.peekable());
    let mut out = Vec::new();
    loop {
        let take_a = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => x.0.start <= y.0.start,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => return out,
        };
        out.extend(if take_a { a.next() } else { b.next() });
    }
}

/// The unified diff from `old` to `new` with three lines of context, or
/// nothing when they are the same; `changes` says where they differ. Line
/// endings are compared as written, so a CRLF draft gives CRLF lines.
///
/// Only the lines the changes lie on are compared line by line (a fix can
/// join or split lines, so a change's lines are diffed as a general diff
/// would); the lines between them are the same by construction. Hunks are
/// grouped and printed as `similar` prints a whole-text diff.
pub fn unified(path: &str, old: &str, new: &str, changes: &Changes) -> String {
    if old == new {
        return String::new();
    }
    let (old_lines, new_lines) = (Lines::of(old), Lines::of(new));
    let blocks = changed_lines((old, new), (&old_lines, &new_lines), changes);
    let (old_text, new_text) = (old_lines.texts(old), new_lines.texts(new));
    let mut ops = Ops::default();
    let (mut old_at, mut new_at) = (0, 0);
    for b in blocks {
        ops.push(DiffOp::Equal { old_index: old_at, new_index: new_at, len: b.old.start - old_at });
        let inner = similar::capture_diff(Algorithm::Myers, &old_text, b.old.clone(), &new_text, b.new.clone());
        placed(inner, &b).into_iter().for_each(|op| ops.push(op));
        (old_at, new_at) = (b.old.end, b.new.end);
    }
    ops.push(DiffOp::Equal { old_index: old_at, new_index: new_at, len: old_text.len() - old_at });
    let mut out = format!("--- {path}\n+++ {path}\n");
    for group in similar::group_diff_ops(ops.0, CONTEXT) {
        write_hunk(&mut out, (&old_text, &new_text), &group);
    }
    out
}

/// The line operations of `block`, each at the lines its place in the
/// sequence says. `similar`'s Myers diff of a sub-range gives the right
/// operations in the right order, but can give one the wrong index (an
/// insertion after an equal line at the equal line's index, see
/// mitsuhiko/similar#78), which printed a line as both kept and removed: the
/// indices are counted here from the lengths. Should the lengths not add up
/// to the block, it is one replacement, which is always a right diff.
fn placed(ops: Vec<DiffOp>, block: &Block) -> Vec<DiffOp> {
    let (mut old_at, mut new_at) = (block.old.start, block.new.start);
    let mut out = Vec::with_capacity(ops.len());
    for op in ops {
        let (old_len, new_len) = (op.old_range().len(), op.new_range().len());
        let (old_index, new_index) = (old_at, new_at);
        out.push(match op {
            DiffOp::Equal { len, .. } => DiffOp::Equal { old_index, new_index, len },
            DiffOp::Delete { .. } => DiffOp::Delete { old_index, old_len, new_index },
            DiffOp::Insert { .. } => DiffOp::Insert { old_index, new_index, new_len },
            DiffOp::Replace { .. } => DiffOp::Replace { old_index, old_len, new_index, new_len },
        });
        (old_at, new_at) = (old_at + old_len, new_at + new_len);
    }
    if (old_at, new_at) == (block.old.end, block.new.end) {
        return out;
    }
    let (old_index, new_index) = (block.old.start, block.new.start);
    vec![DiffOp::Replace { old_index, old_len: block.old.len(), new_index, new_len: block.new.len() }]
}

/// Line operations in order, as a diff of the whole text would give them:
/// runs of equal lines joined (the grouping splits hunks by the length of
/// each run), and changes with no equal line between them one change.
#[derive(Default)]
struct Ops(Vec<DiffOp>);

impl Ops {
    fn push(&mut self, op: DiffOp) {
        let last = self.0.last_mut();
        match (last, op) {
            (_, DiffOp::Equal { len: 0, .. }) => {}
            (Some(DiffOp::Equal { len, .. }), DiffOp::Equal { len: more, .. }) => *len += more,
            (Some(last), op) if !matches!(last, DiffOp::Equal { .. }) && !matches!(op, DiffOp::Equal { .. }) => {
                let (old, new) =
                    (last.old_range().start..op.old_range().end, last.new_range().start..op.new_range().end);
                *last = DiffOp::Replace {
                    old_index: old.start,
                    old_len: old.len(),
                    new_index: new.start,
                    new_len: new.len(),
                };
            }
            (_, op) => self.0.push(op),
        }
    }
}

fn write_hunk(out: &mut String, (old, new): (&[&str], &[&str]), group: &[DiffOp]) {
    let (Some(first), Some(last)) = (group.first(), group.last()) else { return };
    let old_range = first.old_range().start..last.old_range().end;
    let new_range = first.new_range().start..last.new_range().end;
    out.push_str(&format!("@@ -{} +{} @@\n", hunk_range(&old_range), hunk_range(&new_range)));
    for op in group {
        match op {
            DiffOp::Equal { .. } => push_lines(out, ' ', &old[op.old_range()]),
            DiffOp::Delete { .. } => push_lines(out, '-', &old[op.old_range()]),
            DiffOp::Insert { .. } => push_lines(out, '+', &new[op.new_range()]),
            DiffOp::Replace { .. } => {
                push_lines(out, '-', &old[op.old_range()]);
                push_lines(out, '+', &new[op.new_range()]);
            }
        }
    }
}

/// Where each line of a text starts, and where the text ends. Lines end
/// at `\n` only, as in a unified diff (`span::LineIndex` also ends one at a
/// lone `\r`, for positions in old Mac files).
struct Lines {
    starts: Vec<usize>,
    len: usize,
    /// The text is empty or ends with a line break.
    ended: bool,
}

impl Lines {
    fn of(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1).filter(|&s| s < text.len()));
        Lines { starts, len: text.len(), ended: text.is_empty() || text.ends_with('\n') }
    }

    /// The line holding byte `pos`.
    fn of_byte(&self, pos: usize) -> usize {
        self.starts.partition_point(|&s| s <= pos).saturating_sub(1)
    }

    /// Where the line holding byte `pos` starts; the end of a text whose
    /// last line is ended starts a line of its own.
    fn line_start(&self, pos: usize) -> usize {
        if pos >= self.len && self.ended {
            return pos;
        }
        self.start(self.of_byte(pos))
    }

    fn start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.len)
    }

    /// Each line of `text` (the text these are the lines of), its line break kept.
    fn texts<'t>(&self, text: &'t str) -> Vec<&'t str> {
        let count = if text.is_empty() { 0 } else { self.starts.len() };
        (0..count).map(|line| &text[self.start(line)..self.start(line + 1)]).collect()
    }

    /// The lines that the bytes `range` lie on (none for an empty range).
    fn covering(&self, range: Range<usize>) -> Range<usize> {
        if range.is_empty() {
            let line = self.starts.partition_point(|&s| s < range.start);
            return line..line;
        }
        self.of_byte(range.start)..self.of_byte(range.end - 1) + 1
    }
}

/// A run of changed lines: removed from the old text, added in the new.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Block {
    old: Range<usize>,
    new: Range<usize>,
}

/// The changes widened to whole lines, each as lines of both texts; changes
/// that end up sharing a line are one block.
fn changed_lines(texts: (&str, &str), lines: (&Lines, &Lines), changes: &Changes) -> Vec<Block> {
    let (old, new) = texts;
    let mut widened: Vec<Change> = Vec::with_capacity(changes.0.len());
    for c in &changes.0 {
        let line_start = lines.0.line_start(c.old.start);
        let mut w = match widened.last() {
            // it starts on the line the last one ended on: one block
            Some(last) if last.old.end > line_start => {
                let old_end = last.old.end.max(c.old.end);
                let w = Change {
                    old: last.old.start..old_end,
                    new: last.new.start..c.new.end + (old_end - c.old.end),
                };
                widened.pop();
                w
            }
            // the text before it on its line is the same in both: widen both by the same bytes
            _ => {
                let left = c.old.start - line_start;
                Change { old: line_start..c.old.end, new: c.new.start - left..c.new.end }
            }
        };
        // and so is the text after it: widen both to the end of the line, unless both end one
        if !(ends_line(old, w.old.end) && ends_line(new, w.new.end)) {
            let right = old[w.old.end..].find('\n').map_or(old.len() - w.old.end, |i| i + 1);
            w.old.end += right;
            w.new.end += right;
        }
        widened.push(w);
    }
    widened.into_iter().map(|w| Block { old: lines.0.covering(w.old), new: lines.1.covering(w.new) }).collect()
}

/// Whether `at` is where a line starts (or the text ends).
fn ends_line(text: &str, at: usize) -> bool {
    at == 0 || at >= text.len() || text.as_bytes()[at - 1] == b'\n'
}

/// "3,7", "3" for one line, "2,0" for none after line 2.
fn hunk_range(lines: &Range<usize>) -> String {
    match lines.end - lines.start {
        1 => format!("{}", lines.start + 1),
        0 => format!("{},0", lines.start),
        n => format!("{},{n}", lines.start + 1),
    }
}

fn push_lines(out: &mut String, sign: char, lines: &[&str]) {
    for line in lines {
        out.push(sign);
        out.push_str(line);
        if !line.ends_with('\n') {
            out.push_str("\n\\ No newline at end of file\n");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;
    use proptest::prelude::*;

    /// `old` after each pass of edits (start, end, replacement), and the diff.
    fn fixed(old: &str, passes: &[Vec<(usize, usize, String)>]) -> (String, String) {
        let (mut text, mut changes) = (old.to_string(), Changes::default());
        for pass in passes {
            let edits: Vec<Edit> =
                pass.iter().map(|(s, e, r)| Edit::replace(Span::new(*s, *e), r.clone())).collect();
            let mut next = String::new();
            let mut at = 0;
            for e in &edits {
                next.push_str(&text[at..e.span.start]);
                next.push_str(&e.replacement);
                at = e.span.end;
            }
            next.push_str(&text[at..]);
            changes.then(&edits);
            text = next;
        }
        let diff = unified("d.md", old, &text, &changes);
        (text, diff)
    }

    /// What `patch` makes of `old` with `diff`, checking every context and removed line.
    fn patched(old: &str, diff: &str) -> String {
        let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
        let mut out = String::new();
        let mut at = 0;
        let mut written_last = false;
        for line in diff.split_inclusive('\n').skip(2) {
            if let Some(header) = line.strip_prefix("@@ -") {
                let start: usize = header.split([',', ' ']).next().unwrap().parse().unwrap();
                let count_zero = header.split(' ').next().unwrap().ends_with(",0");
                let first = if count_zero { start } else { start - 1 };
                out.extend(old_lines[at..first].iter().copied());
                at = first;
            } else if line.starts_with('\\') {
                // the line before has no line break: drop the one the diff added, if it was written
                if written_last {
                    assert_eq!(out.pop(), Some('\n'));
                }
            } else if let Some(kept) = line.strip_prefix(' ') {
                assert_eq!(trimmed(old_lines[at]), trimmed(kept), "context line {at}");
                out.push_str(kept);
                at += 1;
            } else if let Some(gone) = line.strip_prefix('-') {
                assert_eq!(trimmed(old_lines[at]), trimmed(gone), "removed line {at}");
                at += 1;
            } else if let Some(added) = line.strip_prefix('+') {
                out.push_str(added);
            }
            written_last = line.starts_with([' ', '+']);
        }
        out.extend(old_lines[at..].iter().copied());
        out
    }

    fn trimmed(line: &str) -> &str {
        line.strip_suffix('\n').unwrap_or(line)
    }

    #[test]
    fn a_change_is_one_hunk_with_context_and_no_change_is_nothing() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\n";
        let (new, diff) = fixed(old, &[vec![(8, 9, "E".into())]]);
        assert_eq!(new, "a\nb\nc\nd\nE\nf\ng\nh\n");
        assert_eq!(diff, "--- d.md\n+++ d.md\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n");
        assert_eq!(fixed(old, &[]).1, "");
    }

    #[test]
    fn a_missing_final_newline_is_marked() {
        let (_, diff) = fixed("x", &[vec![(0, 1, "y".into())]]);
        assert!(diff.contains("-x\n\\ No newline at end of file\n+y\n\\ No newline at end of file\n"), "{diff}");
    }

    #[test]
    fn edits_of_later_passes_are_placed_in_the_text_as_read() {
        // pass 1 lengthens line 2, pass 2 edits line 2 again and line 12
        let old: String = (1..=14).map(|k| format!("line {k}\n")).collect();
        let passes =
            [vec![(12, 13, "TWO and more".into())], vec![(12, 15, "two".into()), (95, 97, "TWELVE".into())]];
        let (new, diff) = fixed(&old, &passes);
        assert_eq!(patched(&old, &diff), new);
        assert_eq!(diff.matches("@@").count(), 4, "two hunks: {diff}");
        assert!(diff.contains("@@ -1,5 +1,5 @@\n line 1\n-line 2\n+line two and more\n line 3\n"), "{diff}");
        assert!(diff.contains("@@ -9,6 +9,6 @@\n line 9\n line 10\n line 11\n-line 12\n+line TWELVE\n"), "{diff}");
    }

    #[test]
    fn changed_lines_next_to_each_other_read_as_in_a_whole_text_diff() {
        // two edits on neighbouring lines, and a third that joins two lines
        let old: String = (1..=12).map(|k| format!("line {k}\n")).collect();
        let (new, diff) =
            fixed(&old, &[vec![(19, 20, "three".into()), (26, 27, "four".into()), (61, 63, " ".into())]]);
        let whole = similar::TextDiff::from_lines(old.as_str(), new.as_str())
            .unified_diff()
            .context_radius(3)
            .header("d.md", "d.md")
            .to_string();
        assert_eq!(diff, whole);
        assert!(diff.contains("-line 3\n-line 4\n+line three\n+line four\n"), "{diff}");
    }

    #[test]
    fn a_line_kept_between_a_removal_and_insertions_is_not_also_removed() {
        // three passes of fixes; the lines they touch, diffed by Myers, came
        // back with the insertions placed at the kept line, printed as removed too
        let old = "0 x\n1\n2 x\n3 said x “a\n4 said said \n\n";
        let passes = vec![
            vec![(28, 30, "§\n".to_string()), (38, 38, "§\n".to_string())],
            vec![(36, 37, "§\n".to_string()), (42, 42, "§\n".to_string())],
            vec![(24, 25, "\n§§".to_string())],
        ];
        let (new, diff) = fixed(old, &passes);
        assert_eq!(new, "0 x\n1\n2 x\n3 said x “a\n\n§§ sa§\n said§\n\n\n§\n§\n");
        let hunk = "@@ -2,5 +2,10 @@\n 1\n 2 x\n 3 said x “a\n-4 said said \n \n+§§ sa§\n+ said§\n+\n+\n+§\n+§\n";
        assert_eq!(diff, format!("--- d.md\n+++ d.md\n{hunk}"));
        assert_eq!(patched(old, &diff), new);
    }

    #[test]
    fn changes_that_touch_are_one_change() {
        let mut changes = Changes::default();
        changes.then(&[Edit::replace(Span::new(2, 4), "xyz"), Edit::replace(Span::new(4, 4), "!")]);
        assert_eq!(changes.0, [Change { old: 2..4, new: 2..6 }]);
        // the next pass deletes across the change's end
        changes.then(&[Edit::replace(Span::new(5, 8), "")]);
        assert_eq!(changes.0, [Change { old: 2..6, new: 2..5 }]);
    }

    /// A line of a generated draft: numbered, so no two are the same.
    fn line(k: usize, words: &[&str]) -> String {
        format!("{k} {}\n", words.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Whatever the passes of edits, `patch` turns the old text into the new with the diff;
        /// and when every changed line is new and stays one line, the diff is
        /// the one a general line diff finds.
        #[test]
        fn the_diff_patches_the_old_text_into_the_new(
            words in proptest::collection::vec(proptest::sample::select(vec!["“a", "b”", "said", "\n", "x"]), 1..80),
            picks in proptest::collection::vec((0usize..1000, 0usize..4, proptest::sample::select(vec!["", "§", "§\n", "\n§§"])), 0..12),
            passes in 1usize..4,
            ended in any::<bool>(),
        ) {
            let mut old: String = words.chunks(3).enumerate().map(|(k, w)| line(k, w)).collect();
            if !ended {
                old.pop();
            }
            let mut text = old.clone();
            let mut all = Vec::new();
            for p in 0..passes {
                let mut pass: Vec<(usize, usize, String)> = Vec::new();
                let mut floor = 0;
                let mut chosen: Vec<_> = picks.iter().skip(p).step_by(passes).collect();
                chosen.sort_by_key(|(at, _, _)| *at);
                for (at, width, with) in chosen {
                    let start = (floor + at % (text.len() + 1).max(1)).min(text.len());
                    let end = (start + width).min(text.len());
                    if start < floor || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                        continue;
                    }
                    pass.push((start, end, with.to_string()));
                    floor = end + 1;
                }
                let (next, _) = fixed(&text, std::slice::from_ref(&pass));
                text = next;
                all.push(pass);
            }
            let (new, diff) = fixed(&old, &all);
            prop_assert_eq!(&new, &text);
            prop_assert_eq!(patched(&old, &diff), new.clone(), "diff:\n{}", diff);
            let one_line_each = all.len() == 1 && all[0].iter().all(|(s, e, r)| !r.contains('\n') && !old[*s..*e].contains('\n') && r.contains('§'));
            if one_line_each && !new.is_empty() {
                let general = similar::TextDiff::from_lines(old.as_str(), new.as_str()).unified_diff().context_radius(3).header("d.md", "d.md").to_string();
                prop_assert_eq!(diff, general);
            }
        }
    }
}
