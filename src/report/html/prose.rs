//! The draft as readable prose: headings, paragraphs, lists and block quotes,
//! each quotation shaded in its speaker's colour with a numbered marker, each
//! finding flagged where it is, and beside each block its notes: who said
//! each quote and how, and the findings in full.

use super::escape::{escape, push, push_prose};
use super::notes::{finding_detail, quote_note, severity_class, severity_glyph};
use crate::markdown::BlockKind;
use crate::render::stream::Pieces;
use crate::report::model::{Block, DraftReport, QuoteView};
use std::fmt::Write;

/// The prose of one draft; `id` prefixes every anchor (`d1-q3`). The text
/// is handed on a block or a note at a time; false once a write failed.
pub fn render(out: &mut Pieces, r: &DraftReport, id: &str) -> bool {
    let page = Page { r, id, at: Layout::of(r) };
    out.text.push_str("<div class=\"prose\">\n");
    let mut i = 0;
    while i < r.blocks.len() {
        let end = container_end(&r.blocks, i);
        if !render_container(out, &page, i..end) {
            return false;
        }
        i = end;
    }
    out.text.push_str("</div>\n");
    true
}

/// One draft being written, with where its quotes and findings are.
struct Page<'a> {
    r: &'a DraftReport,
    id: &'a str,
    at: Layout,
}

/// Which quotes and findings each block holds, found once, so the page is
/// written in one pass however many quotes and findings the draft has.
struct Layout {
    /// (quote, part) for each part of a quote in the block.
    parts: Groups<(usize, usize)>,
    /// Numbered quotes whose last part is in the block: their notes go beside it.
    ending: Groups<usize>,
    /// Findings placed in the block.
    placed: Groups<usize>,
    /// (finding, label) for each label placed in the block.
    labels: Groups<(usize, usize)>,
    /// Findings about each quote as a whole.
    whole: Groups<usize>,
}

impl Layout {
    fn of(r: &DraftReport) -> Layout {
        let (blocks, quotes) = (r.blocks.len(), r.quotes.len());
        let parts = || {
            r.quotes
                .iter()
                .enumerate()
                .flat_map(|(qi, q)| q.parts.iter().enumerate().map(move |(k, (block, _))| (*block, (qi, k))))
        };
        let ending =
            || r.quotes.iter().enumerate().filter_map(|(qi, q)| Some((q.number.and(q.parts.last())?.0, qi)));
        let placed = || r.findings.iter().enumerate().filter_map(|(fi, f)| Some((f.place.as_ref()?.block, fi)));
        let labels = || {
            r.findings.iter().enumerate().flat_map(|(fi, f)| {
                f.labels.iter().enumerate().filter_map(move |(li, l)| Some((l.place.as_ref()?.block, (fi, li))))
            })
        };
        let whole = || {
            r.findings.iter().enumerate().filter_map(|(fi, f)| {
                let place = f.place.as_ref().filter(|p| p.whole_quote)?;
                Some((place.quote?, fi))
            })
        };
        Layout {
            parts: Groups::of(blocks, parts),
            ending: Groups::of(blocks, ending),
            placed: Groups::of(blocks, placed),
            labels: Groups::of(blocks, labels),
            whole: Groups::of(quotes, whole),
        }
    }
}

/// Items by group (a block, a quote), in the order given within each
/// group, held in one vector: a vector per block cost a long list of
/// short items (the 8 MB nested-list draft) about 25 MB of the page's peak.
struct Groups<T> {
    /// Where each group's items start in `items`, and where the last ends.
    starts: Vec<usize>,
    items: Vec<T>,
}

impl<T: Copy + Default> Groups<T> {
    /// `pairs` gives (group, item) in order; it is called twice (count, then place).
    /// Groups at or past `n` are left out.
    fn of<I: Iterator<Item = (usize, T)>>(n: usize, pairs: impl Fn() -> I) -> Groups<T> {
        let mut starts = vec![0; n + 1];
        for (g, _) in pairs().filter(|(g, _)| *g < n) {
            starts[g + 1] += 1;
        }
        for g in 0..n {
            starts[g + 1] += starts[g];
        }
        let mut next = starts.clone();
        let mut items = vec![T::default(); starts[n]];
        for (g, item) in pairs().filter(|(g, _)| *g < n) {
            items[next[g]] = item;
            next[g] += 1;
        }
        Groups { starts, items }
    }

    fn get(&self, group: usize) -> &[T] {
        &self.items[self.starts[group]..self.starts[group + 1]]
    }
}

/// Blocks rendered as one unit with one column of notes: a blockquote, a
/// list, a table, or a single paragraph or heading.
fn container_end(blocks: &[Block], start: usize) -> usize {
    let first = &blocks[start];
    let same = |b: &Block| match first.blockquote {
        Some(q) => b.blockquote == Some(q),
        None => {
            b.blockquote.is_none()
                && b.kind == first.kind
                && matches!(b.kind, BlockKind::ListItem | BlockKind::TableCell)
        }
    };
    let mut end = start + 1;
    while end < blocks.len() && same(&blocks[end]) {
        end += 1;
    }
    end
}

/// A container and then its notes; a long list is handed on an item at a time.
fn render_container(pieces: &mut Pieces, page: &Page, range: std::ops::Range<usize>) -> bool {
    let r = page.r;
    let quoted = r.blocks[range.start].blockquote.is_some();
    if quoted {
        pieces.text.push_str("<blockquote>");
    }
    let mut open_list: Option<BlockKind> = None;
    for b in range.clone() {
        let out = &mut pieces.text;
        let block = &r.blocks[b];
        let list = matches!(block.kind, BlockKind::ListItem | BlockKind::TableCell).then_some(block.kind);
        if open_list != list {
            close_list(out, open_list);
            match list {
                Some(BlockKind::ListItem) => out.push_str("<ul>"),
                Some(_) => out.push_str("<ul class=\"cells\">"),
                None => {}
            }
            open_list = list;
        }
        let (open, close) = block_tags(block.kind);
        out.push_str(&open);
        render_inline(out, page, b);
        out.push_str(&close);
        if !pieces.spill() {
            return false;
        }
    }
    close_list(&mut pieces.text, open_list);
    if quoted {
        pieces.text.push_str("</blockquote>");
    }
    pieces.text.push('\n');
    render_notes(pieces, page, range)
}

fn close_list(out: &mut String, list: Option<BlockKind>) {
    if list.is_some() {
        out.push_str("</ul>");
    }
}

/// The draft's `#` is the report's `h3` (the report and each draft's
/// section take `h1` and `h2`); the class keeps the draft's own level.
fn block_tags(kind: BlockKind) -> (String, String) {
    match kind {
        BlockKind::Heading(level) => {
            let h = (level + 2).min(6);
            (format!("<h{h} class=\"h{level}\">"), format!("</h{h}>"))
        }
        BlockKind::ListItem | BlockKind::TableCell => ("<li>".into(), "</li>".into()),
        BlockKind::Paragraph => ("<p>".into(), "</p>".into()),
        BlockKind::Footnote => ("<p class=\"footnote\">".into(), "</p>".into()),
        BlockKind::Caption => ("<p class=\"caption\">".into(), "</p>".into()),
    }
}

/// A stretch of a block's text wrapped in markup, or a point where markup goes.
struct Wrap {
    start: usize,
    end: usize,
    open: String,
    close: String,
}

/// The text of block `b` with its quotes, flags and markers. Quote parts nest
/// (a quote inside a quote); a finding's flag that would cross a quote's edge
/// shrinks to its marker, so the markup always nests.
fn render_inline(out: &mut String, page: &Page, b: usize) {
    let block = &page.r.blocks[b];
    let mut spans = quote_spans(page, b);
    spans.extend(flag_spans(page, b, &spans));
    // points before stretches at the same place, longer stretches outside shorter ones
    spans.sort_by_key(|s| (s.start, s.end > s.start, std::cmp::Reverse(s.end)));
    let text = &block.text;
    let mut pos = 0;
    let mut stack: Vec<(usize, String)> = Vec::new();
    for s in spans {
        while let Some((end, _)) = stack.last().filter(|(end, _)| *end <= s.start) {
            let end = *end;
            push_prose(out, text, pos..end, &block.code_chars);
            pos = end;
            out.push_str(&stack.pop().map(|(_, close)| close).unwrap_or_default());
        }
        push_prose(out, text, pos..s.start.max(pos), &block.code_chars);
        pos = pos.max(s.start);
        let limit = stack.last().map_or(text.len(), |(end, _)| *end);
        let end = s.end.min(limit);
        out.push_str(&s.open);
        if end > pos {
            stack.push((end, s.close));
        } else {
            out.push_str(&s.close);
        }
    }
    while let Some((end, close)) = stack.pop() {
        push_prose(out, text, pos..end.max(pos), &block.code_chars);
        pos = pos.max(end);
        out.push_str(&close);
    }
    push_prose(out, text, pos..text.len(), &block.code_chars);
}

fn quote_spans(page: &Page, b: usize) -> Vec<Wrap> {
    let mut spans = Vec::new();
    for &(qi, k) in page.at.parts.get(b) {
        let q = &page.r.quotes[qi];
        let Some((_, range)) = q.parts.get(k).filter(|(_, range)| range.start < range.end) else { continue };
        let (open, close) = quote_markup(page, qi, k == 0, k + 1 == q.parts.len());
        spans.push(Wrap { start: range.start, end: range.end, open, close });
    }
    spans
}

/// `c3` for a speaker's colour, `none` for speech with no speaker, `aside`
/// for scare quotes and titles, `inner` for an unattributed quote inside a quote.
fn quote_class(q: &QuoteView) -> String {
    match (q.colour, q.number) {
        (Some(c), _) => format!("c{c}"),
        (None, None) => "aside".into(),
        (None, Some(_)) if q.unattributed() => "none".into(),
        (None, Some(_)) => "inner".into(),
    }
}

/// A numbered quote's part: `aria-describedby` points every part to its note
/// (the script shows that note on hover or focus); the first part has the id
/// the note links back to; the last is followed by its marker and the badges
/// of findings about the whole quote.
fn quote_markup(page: &Page, qi: usize, first: bool, last: bool) -> (String, String) {
    let (q, id) = (&page.r.quotes[qi], page.id);
    let class = quote_class(q);
    let Some(n) = q.number else {
        let what = format!("{} quote: needs no speaker", q.kind.as_str());
        let mut close = String::from("</span>");
        if last {
            quote_badges(&mut close, page, qi);
        }
        return (format!("<span class=\"q {class}\" title=\"{}\">", escape(&what)), close);
    };
    let mut open = format!("<span class=\"q {class}\"");
    if first {
        let _ = write!(open, " id=\"{id}-q{n}\"");
    }
    let _ = write!(open, " aria-describedby=\"{id}-n{n}\">");
    let mut close = String::from("</span>");
    if last {
        let _ = write!(close, "<a class=\"fn {class}\" href=\"#{id}-n{n}\">{n}");
        if q.unattributed() {
            close.push_str("<span class=\"who-q\"> who?</span>");
        }
        close.push_str("</a>");
        quote_badges(&mut close, page, qi);
    }
    (open, close)
}

/// The badges of the findings about quote `qi` as a whole.
fn quote_badges(out: &mut String, page: &Page, qi: usize) {
    for &fi in page.at.whole.get(qi) {
        badge(out, page.id, fi, &page.r.findings[fi]);
    }
}

/// Findings placed in block `b` and not about a whole quote: a wavy line
/// under their words and a badge after them; the other places they point
/// to get a dotted line, with what the finding says there on hover.
fn flag_spans(page: &Page, b: usize, quotes: &[Wrap]) -> Vec<Wrap> {
    let (r, id) = (page.r, page.id);
    let text = &r.blocks[b].text;
    let quotes = QuoteEdges::new(quotes);
    let mut spans = Vec::new();
    for &fi in page.at.placed.get(b) {
        let f = &r.findings[fi];
        let sev = severity_class(f.severity);
        if let Some(place) = f.place.as_ref().filter(|p| !p.whole_quote) {
            let (start, end) = quotes.nesting(&place.range);
            let mut close = String::new();
            let open = if end > start {
                close.push_str("</span>");
                format!("<span class=\"flag {sev}{}\">", short(text, start, end))
            } else {
                String::new()
            };
            badge(&mut close, id, fi, f);
            spans.push(Wrap { start, end, open, close });
        }
    }
    for &(fi, li) in page.at.labels.get(b) {
        let f = &r.findings[fi];
        let sev = severity_class(f.severity);
        let label = &f.labels[li];
        if let Some(place) = &label.place {
            let (start, end) = quotes.nesting(&place.range);
            if end > start {
                let open = format!(
                    "<span class=\"flag2 {sev}{}\" title=\"{}\">",
                    short(text, start, end),
                    escape(&label.message)
                );
                spans.push(Wrap { start, end, open, close: "</span>".into() });
            }
        }
    }
    spans
}

/// The quote parts of a block, indexed so that whether a flag crosses one
/// is two range queries, not a look at every quote: a paragraph with
/// thousands of quotes and findings (a live blog without full stops) stays
/// linear.
struct QuoteEdges {
    /// Ends of the parts ordered by start, and the greatest end over each
    /// power-of-two run of them (a sparse table).
    by_start: Vec<usize>,
    max_end: Vec<Vec<usize>>,
    /// Starts of the parts ordered by end, and the least start over each run.
    by_end: Vec<usize>,
    min_start: Vec<Vec<usize>>,
}

impl QuoteEdges {
    fn new(quotes: &[Wrap]) -> QuoteEdges {
        let mut parts: Vec<(usize, usize)> = quotes.iter().map(|q| (q.start, q.end)).collect();
        parts.sort_unstable();
        let by_start = parts.iter().map(|p| p.0).collect();
        let max_end = sparse(parts.iter().map(|p| p.1).collect(), usize::max);
        parts.sort_unstable_by_key(|&(start, end)| (end, start));
        let by_end = parts.iter().map(|p| p.1).collect();
        let min_start = sparse(parts.iter().map(|p| p.0).collect(), usize::min);
        QuoteEdges { by_start, max_end, by_end, min_start }
    }

    /// A flag's range, shrunk to its start if it would cross a quote's edge
    /// (a flag may hold whole quotes or lie inside one). A part crosses
    /// `s..e` when it starts inside it and ends after it, or starts before
    /// it and ends inside it.
    fn nesting(&self, range: &std::ops::Range<usize>) -> (usize, usize) {
        let (s, e) = (range.start, range.end.max(range.start));
        let inside = |sorted: &[usize]| sorted.partition_point(|&x| x <= s)..sorted.partition_point(|&x| x < e);
        let starts_inside = inside(&self.by_start);
        let ends_inside = inside(&self.by_end);
        let crosses = query(&self.max_end, starts_inside, usize::max).is_some_and(|end| end > e)
            || query(&self.min_start, ends_inside, usize::min).is_some_and(|start| start < s);
        if crosses {
            (s, s)
        } else {
            (s, e)
        }
    }
}

/// A sparse table of `values`: level `k` holds `pick` over each run of 2^k.
fn sparse(values: Vec<usize>, pick: fn(usize, usize) -> usize) -> Vec<Vec<usize>> {
    let mut levels = vec![values];
    let mut width = 1;
    while let Some(last) = levels.last().filter(|l| l.len() > width) {
        let next = (0..last.len() - width).map(|i| pick(last[i], last[i + width])).collect();
        levels.push(next);
        width *= 2;
    }
    levels
}

/// `pick` over `range` of a [`sparse`] table's values; `None` when it is empty.
fn query(levels: &[Vec<usize>], range: std::ops::Range<usize>, pick: fn(usize, usize) -> usize) -> Option<usize> {
    let len = range.end.checked_sub(range.start).filter(|&n| n > 0)?;
    let k = len.ilog2() as usize;
    let level = levels.get(k)?;
    Some(pick(*level.get(range.start)?, *level.get(range.end - (1 << k))?))
}

/// A flag on a mark or two (a stray quotation mark) gets a box, as a line under it is hard to see.
fn short(text: &str, start: usize, end: usize) -> &'static str {
    if text.get(start..end).is_some_and(|t| t.chars().count() <= 2) {
        " short"
    } else {
        ""
    }
}

/// The inline marker of finding `fi`, linking to its details beside the block.
fn badge(out: &mut String, id: &str, fi: usize, f: &crate::report::model::Finding) {
    let n = fi + 1;
    let _ = write!(
        out,
        "<a class=\"badge {}\" href=\"#{id}-f{n}\" id=\"{id}-b{n}\" title=\"",
        severity_class(f.severity)
    );
    push(out, &f.message);
    let _ = write!(out, "\">{} {}</a>", severity_glyph(f.severity), f.code);
}

/// Beside a container: the note of each quote that ends in it and the
/// details of each finding placed in it, in the order of the text.
/// A note beside a container: a quote's (by index into `quotes`) or a finding's (into `findings`).
#[derive(Clone, Copy)]
enum Note {
    Quote(usize),
    Finding(usize),
}

/// The notes of a container, in the order of the places they are about,
/// each written as it comes (a container can be a list of the whole draft).
fn render_notes(pieces: &mut Pieces, page: &Page, blocks: std::ops::Range<usize>) -> bool {
    let (r, id) = (page.r, page.id);
    let mut items: Vec<((usize, usize), Note)> = Vec::new();
    for &qi in blocks.clone().flat_map(|b| page.at.ending.get(b)) {
        let q = &r.quotes[qi];
        let (Some(_), Some((block, range))) = (q.number, q.parts.last()) else { continue };
        items.push(((*block, range.end), Note::Quote(qi)));
    }
    for &fi in blocks.clone().flat_map(|b| page.at.placed.get(b)) {
        let f = &r.findings[fi];
        let Some(place) = &f.place else { continue };
        let end = match place.quote.and_then(|qi| r.quotes.get(qi)) {
            Some(q) if place.whole_quote => q.parts.last().map_or(place.range.end, |(_, rg)| rg.end),
            _ => place.range.end,
        };
        items.push(((place.block, end), Note::Finding(fi)));
    }
    if items.is_empty() {
        return true;
    }
    // a stable sort keeps each quote's note before the findings about it
    items.sort_by_key(|(at, _)| *at);
    pieces.text.push_str("<aside class=\"notes\">");
    for (_, item) in items {
        let out = &mut pieces.text;
        match item {
            Note::Quote(qi) => {
                let q = &r.quotes[qi];
                let n = q.number.unwrap_or_default();
                let _ = write!(out, "<p class=\"note\" id=\"{id}-n{n}\"><a href=\"#{id}-q{n}\">{n}</a> ");
                quote_note(out, q);
                out.push_str("</p>");
            }
            Note::Finding(fi) => finding_detail(out, r, id, fi, &r.findings[fi]),
        }
        if !pieces.spill() {
            return false;
        }
    }
    pieces.text.push_str("</aside>\n");
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `s..e` crosses a part's edge, by looking at every part.
    fn crosses_any(parts: &[(usize, usize)], s: usize, e: usize) -> bool {
        parts.iter().any(|&(qs, qe)| {
            let holds = s <= qs && qe <= e;
            let inside = qs <= s && e <= qe;
            let apart = e <= qs || qe <= s;
            !(holds || inside || apart)
        })
    }

    /// Where a long list's quotes and findings are is held in a few bytes
    /// an item: a vector per block and kind took over 120 bytes a block
    /// before any item. Counted by this thread's allocator.
    #[test]
    fn the_layout_of_a_long_list_is_held_in_a_few_bytes_an_item() {
        let mut draft = String::new();
        for k in 0..6_000 {
            draft.push_str(&format!("{}- “The pier reopens in May {k},” he said.\n", "  ".repeat(k % 4)));
        }
        let settings = crate::settings::Settings::default();
        let mut analysis = crate::analysis::analyze(crate::source::SourceFile::new("d.md", draft));
        let found = crate::suppression::check_unfixed(&mut analysis, &settings);
        let r = crate::report::build(analysis, found, &[], false);
        assert!(r.blocks.len() >= 6_000 && r.quotes.len() >= 6_000, "{} blocks", r.blocks.len());
        let items = r.blocks.len() + r.quotes.len() + r.findings.len();
        let (layout, held) = crate::budget::held_by(|| Layout::of(&r));
        assert_eq!(layout.parts.get(10).len(), 1);
        assert!(held < items as u64 * 40, "{held} bytes for {items} blocks, quotes and findings");
    }

    #[test]
    fn grouped_items_keep_their_order_within_each_group() {
        let pairs = [(2, 'a'), (0, 'b'), (2, 'c'), (5, 'x'), (0, 'd'), (3, 'e')];
        let groups = Groups::of(4, || pairs.iter().copied());
        assert_eq!(groups.get(0), ['b', 'd']);
        assert_eq!(groups.get(1), [] as [char; 0]);
        assert_eq!(groups.get(2), ['a', 'c']);
        assert_eq!(groups.get(3), ['e'], "group 5 is past the last and left out");
    }

    #[test]
    fn flags_crossing_a_quote_edge_are_found_by_the_index_as_by_a_scan() {
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..300 {
            let parts: Vec<(usize, usize)> = (0..next(12))
                .map(|_| {
                    let start = next(60);
                    (start, start + 1 + next(20))
                })
                .collect();
            let wraps: Vec<Wrap> = parts
                .iter()
                .map(|&(start, end)| Wrap { start, end, open: String::new(), close: String::new() })
                .collect();
            let edges = QuoteEdges::new(&wraps);
            for _ in 0..40 {
                let s = next(80);
                let e = s + next(30);
                let expected = if crosses_any(&parts, s, e) { (s, s) } else { (s, e) };
                assert_eq!(edges.nesting(&(s..e)), expected, "{s}..{e} against {parts:?}");
            }
        }
    }
}
