//! Where a fix may write. Rules compute their edits from prose text mapped
//! back to the file, and the map is exact only for text copied verbatim; so
//! instead of trusting every rule to avoid code, HTML and links, a fix is
//! kept only if each of its edits lies in plain prose: the text of a
//! paragraph, heading, list item or table cell exactly as written in the
//! file. Front matter, code blocks, inline code, HTML, link destinations,
//! autolinks, images, entities, escapes, bare URLs, e-mail addresses and
//! template tags (`{{ … }}`, `{% … %}`, `{# … #}`) are never written to.
//!
//! Only Markdown and plain-text drafts read as UTF-8 get fixes: the text of
//! an HTML page or a Word document is not the file it came from.
//!
//! The one exception is the suppression hygiene fix, which deletes a
//! directive comment or a front-matter entry: its edits must stay inside
//! the comment or the front matter they come from.

use crate::analysis::Analysis;
use crate::diagnostic::Diagnostic;
use crate::markdown::front_matter_len;
use crate::source::InputFormat;
use crate::span::Span;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// The byte ranges of a file that hold plain prose, sorted and disjoint.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Editable {
    ranges: Vec<Range<usize>>,
}

impl Editable {
    /// Reads `text` (the whole file) with the Markdown options the pipeline uses.
    pub fn of(text: &str) -> Editable {
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let body = text.get(bom..).unwrap_or_default();
        let base = bom + front_matter_len(body).unwrap_or(0);
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS;
        let markdown = text.get(base..).unwrap_or_default();
        let mut prose: Vec<Range<usize>> = Vec::new();
        // Nesting of elements whose text is not prose a fix may touch, and
        // for each open link whether it is one of them.
        let mut hidden = 0usize;
        let mut links: Vec<bool> = Vec::new();
        for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
            crate::budget::tick();
            let range = range.start + base..range.end + base;
            match event {
                Event::Start(tag) => {
                    let hide = hides(&tag);
                    if matches!(tag, Tag::Link { .. }) {
                        links.push(hide);
                    }
                    hidden += usize::from(hide);
                }
                Event::End(TagEnd::Link) => hidden -= usize::from(links.pop().unwrap_or(false)).min(hidden),
                Event::End(tag) if ends_hidden(tag) => hidden = hidden.saturating_sub(1),
                Event::Text(t) if hidden == 0 && text.get(range.clone()) == Some(&*t) => match prose.last_mut() {
                    Some(last) if last.end == range.start => last.end = range.end,
                    _ => prose.push(range),
                },
                _ => {}
            }
        }
        let forbidden = forbidden(text);
        Editable { ranges: subtract(prose, &forbidden) }
    }

    /// Whether an edit of `span` stays inside one stretch of plain prose
    /// and does not start right after an escaping backslash.
    pub fn allows(&self, text: &str, span: Span) -> bool {
        let i = self.ranges.partition_point(|r| r.end < span.start);
        let inside = self.ranges.get(i).is_some_and(|r| r.start <= span.start && span.end <= r.end);
        inside && !escaped(text, span.start)
    }
}

/// Code blocks, images (their alt text), metadata, HTML blocks and links
/// written as `<https://…>` hold no prose a fix may change.
fn hides(tag: &Tag<'_>) -> bool {
    match tag {
        Tag::CodeBlock(_) | Tag::Image { .. } | Tag::MetadataBlock(_) | Tag::HtmlBlock => true,
        Tag::Link { link_type, .. } => matches!(link_type, LinkType::Autolink | LinkType::Email),
        _ => false,
    }
}

fn ends_hidden(tag: TagEnd) -> bool {
    matches!(tag, TagEnd::CodeBlock | TagEnd::Image | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock)
}

/// Whether the byte at `at` follows an odd run of backslashes (a Markdown escape).
fn escaped(text: &str, at: usize) -> bool {
    let before = text.as_bytes().get(..at).unwrap_or_default();
    before.iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1
}

/// Bare URLs, e-mail addresses and template tags anywhere in the file.
fn forbidden(text: &str) -> Vec<Range<usize>> {
    let mut out = templates(text);
    out.extend(url_tokens(text));
    out.sort_by_key(|r| r.start);
    out
}

/// `{{ … }}`, `{% … %}` and `{# … #}` (Jinja, Liquid, Hugo, Nunjucks); an
/// unclosed one runs to the end of the file.
fn templates(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text.get(from..).and_then(|s| s.find('{')).map(|i| from + i) {
        let close = match text.as_bytes().get(open + 1) {
            Some(b'{') => "}}",
            Some(b'%') => "%}",
            Some(b'#') => "#}",
            _ => {
                from = open + 1;
                continue;
            }
        };
        let end = text.get(open + 2..).and_then(|s| s.find(close)).map_or(text.len(), |i| open + 2 + i + 2);
        out.push(open..end);
        from = end;
    }
    out
}

/// Characters that end a URL-like token: whitespace, angle and square
/// brackets, and double quotation marks (a straight or curly apostrophe may
/// be part of a URL, so it does not end one).
fn ends_token(c: char) -> bool {
    c.is_whitespace() || matches!(c, '<' | '>' | '[' | ']' | '"' | '“' | '”')
}

/// Tokens with `://`, starting `www.`, or with an `@` before a dot: URLs and
/// addresses. Only a token holding one of those marks can be one, so the
/// tokens around the marks are read, not every token of the file (testing
/// each token was two fifths of checking a short draft's fixes).
fn url_tokens(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut read_to = 0;
    for hit in memchr::memchr3_iter(b'@', b':', b'w', bytes) {
        // a mark of a token already read
        let Some(at) = mark_at(bytes, hit).filter(|&at| at >= read_to) else { continue };
        let token = token_around(text, at);
        read_to = token.end;
        if looks_like_address(text.get(token.clone()).unwrap_or_default()) {
            out.push(token);
        }
    }
    out
}

/// Where the mark (`@`, `://`, `www.` or `mailto:`) holding byte `hit`
/// starts, if `hit` is in one.
fn mark_at(bytes: &[u8], hit: usize) -> Option<usize> {
    let rest = bytes.get(hit..)?;
    let mailto = hit.checked_sub(6).filter(|&m| bytes.get(m..).is_some_and(|b| b.starts_with(b"mailto:")));
    match rest.first()? {
        b'@' => Some(hit),
        b':' if rest.starts_with(b"://") => Some(hit),
        b':' => mailto,
        b'w' if rest.starts_with(b"www.") => Some(hit),
        _ => None,
    }
}

/// The token holding byte `at` (the first byte of an ASCII mark).
fn token_around(text: &str, at: usize) -> Range<usize> {
    let before = text.get(..at).unwrap_or_default();
    let start = before.char_indices().rev().find(|&(_, c)| ends_token(c)).map_or(0, |(i, c)| i + c.len_utf8());
    let after = text.get(at..).unwrap_or_default();
    let end = after.char_indices().find(|&(_, c)| ends_token(c)).map_or(text.len(), |(i, _)| at + i);
    start..end
}

fn looks_like_address(token: &str) -> bool {
    let bare = token.trim_start_matches(|c: char| !c.is_alphanumeric());
    let email = token.find('@').is_some_and(|at| {
        let (user, host) = token.split_at(at);
        user.chars().last().is_some_and(char::is_alphanumeric)
            && host.get(1..).is_some_and(|h| h.contains('.') && h.starts_with(char::is_alphanumeric))
    });
    token.contains("://") || bare.starts_with("www.") || bare.starts_with("mailto:") || email
}

/// `ranges` minus every range of `holes` (both sorted by start).
fn subtract(ranges: Vec<Range<usize>>, holes: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(ranges.len());
    let mut h = 0;
    for range in ranges {
        let mut start = range.start;
        while h < holes.len() && holes[h].end <= start {
            h += 1;
        }
        let mut k = h;
        while k < holes.len() && holes[k].start < range.end {
            if holes[k].is_empty() {
                k += 1;
                continue;
            }
            if holes[k].start > start {
                out.push(start..holes[k].start);
            }
            start = start.max(holes[k].end);
            k += 1;
        }
        if start < range.end {
            out.push(start..range.end);
        }
    }
    out
}

/// Drops every fix that would write outside plain prose (or, for the
/// suppression hygiene rules, outside the directive it removes), or whose
/// edits overlap or leave the file or split a character. Findings may come
/// a few at a time: the draft's prose and directives are read once, when
/// the first fix is met (or given as `editable`, `Editable::of` its text,
/// when already read).
pub struct Vetter<'a> {
    analysis: &'a Analysis,
    editable: Option<Editable>,
    directives: Option<DirectiveReach>,
}

impl<'a> Vetter<'a> {
    pub fn new(analysis: &'a Analysis, editable: Option<Editable>) -> Self {
        Vetter { analysis, editable, directives: None }
    }

    /// Vets the fixes of `diagnostics`.
    pub fn vet(&mut self, diagnostics: &mut [Diagnostic]) {
        if diagnostics.iter().all(|d| d.fix.is_none()) {
            return;
        }
        // An HTML page, a Word document or a file decoded from another encoding
        // is not the text its offsets are into: nothing can be written back.
        let analysis = self.analysis;
        let file = &analysis.file;
        if !matches!(file.format, InputFormat::Markdown | InputFormat::Text) || file.decoded_from.is_some() {
            diagnostics.iter_mut().for_each(|d| d.fix = None);
            return;
        }
        let text = file.text.as_str();
        let editable = &*self.editable.get_or_insert_with(|| Editable::of(text));
        let directives = &*self.directives.get_or_insert_with(|| DirectiveReach::of(analysis));
        for d in diagnostics.iter_mut() {
            crate::budget::tick();
            let code = d.code();
            let Some(fix) = d.fix.as_mut() else { continue };
            let allowed = |e: &crate::edit::Edit| {
                on_boundaries(text, e.span)
                    && if code.starts_with("QS") {
                        in_directive(analysis, directives, e)
                    } else {
                        editable.allows(text, e.span)
                    }
            };
            if fix.divisible {
                let before = fix.edits.len();
                fix.edits.retain(allowed);
                fix.partial |= fix.edits.len() < before;
            }
            if !fix.is_valid() || !fix.edits.iter().all(allowed) {
                d.fix = None;
            }
        }
    }
}

fn on_boundaries(text: &str, span: Span) -> bool {
    span.start <= span.end && text.is_char_boundary(span.start) && text.is_char_boundary(span.end)
}

/// How far the fix of each HTML comment may reach: from the start of its
/// first line to the start of the line after the next (a whole comment is
/// removed with its line), which also holds the comment itself.
struct DirectiveReach {
    /// Per comment, sorted by start: where its reach starts, and the
    /// furthest end reached by it or any comment before it.
    reach: Vec<(usize, usize)>,
}

impl DirectiveReach {
    fn of(analysis: &Analysis) -> DirectiveReach {
        let text = analysis.file.text.as_str();
        let lines = &analysis.file.lines;
        let mut reach: Vec<(usize, usize)> = analysis
            .doc
            .comments
            .iter()
            .map(|c| {
                crate::budget::tick();
                let first = lines.line_of(c.span.start);
                let last = lines.line_of(c.span.end.saturating_sub(1).max(c.span.start));
                (lines.line_range(text, first).start, lines.line_range(text, last + 2).start)
            })
            .collect();
        reach.sort_unstable();
        let mut furthest = 0;
        for (_, end) in &mut reach {
            furthest = furthest.max(*end);
            *end = furthest;
        }
        DirectiveReach { reach }
    }
}

/// Whether an edit is inside the front matter or within the reach of an
/// HTML comment; one binary search, however many comments the draft has.
fn in_directive(analysis: &Analysis, directives: &DirectiveReach, e: &crate::edit::Edit) -> bool {
    let in_front_matter = analysis.doc.front_matter.is_some_and(|fm| fm.contains(e.span));
    let starting_before = directives.reach.partition_point(|&(start, _)| start <= e.span.start);
    let in_comment = starting_before
        .checked_sub(1)
        .and_then(|last| directives.reach.get(last))
        .is_some_and(|&(_, furthest)| e.span.end <= furthest);
    in_front_matter || in_comment
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(text: &str, needle: &str) -> bool {
        let at = text.find(needle).expect("needle");
        Editable::of(text).allows(text, Span::new(at, at + needle.len()))
    }

    #[test]
    fn prose_is_editable_and_code_html_links_and_front_matter_are_not() {
        let text = "---\ntitle: \"x\"\n---\nSay \"hi\" and `\"code\"` <b title=\"t\">bold \"b\"</b>\n\n```\n\"block\"\n```\n\n[link \"text\"](http://x.org/\"y\") <http://a.org/b...c> ![\"alt\"](i.png)\n\n<div>\n\"html\"\n</div>\n";
        assert!(allowed(text, "\"hi\""));
        assert!(allowed(text, "bold \"b\""), "text between inline tags is prose");
        assert!(allowed(text, "link \"text\""));
        assert!(!allowed(text, "\"x\""), "front matter");
        assert!(!allowed(text, "\"code\""));
        assert!(!allowed(text, "\"t\""), "an HTML attribute");
        assert!(!allowed(text, "\"block\""));
        assert!(!allowed(text, "\"y\""), "a link destination");
        assert!(!allowed(text, "..."), "an autolink");
        assert!(!allowed(text, "\"alt\""), "image alt text");
        assert!(!allowed(text, "\"html\""));
    }

    #[test]
    fn urls_addresses_templates_entities_and_escapes_are_not_editable() {
        let text = "See https://x.org/it's... or www.y.com/'a' and ed@z.org's note. {{ \"t\" }} {% if \"u\" %} &quot;e&quot; \\\"esc\" that's";
        assert!(!allowed(text, "'s..."));
        assert!(!allowed(text, "'a'"));
        assert!(!allowed(text, "'s note"));
        assert!(!allowed(text, "\"t\""));
        assert!(!allowed(text, "\"u\""));
        assert!(!allowed(text, "&quot;"));
        assert!(!allowed(text, "\"esc"), "an escaped mark");
        assert!(allowed(text, "esc"));
        assert!(allowed(text, "that's"));
    }

    #[test]
    fn insertions_at_the_end_of_prose_are_allowed_and_a_bom_is_not() {
        let text = "\u{feff}Word.";
        let e = Editable::of(text);
        assert!(e.allows(text, Span::new(text.len(), text.len())));
        assert!(!e.allows(text, Span::new(0, 3)));
    }

    /// Every token tested, as `url_tokens` did before it looked for marks.
    fn url_tokens_by_every_token(text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            match (ends_token(c), start) {
                (true, Some(s)) => {
                    if looks_like_address(&text[s..i]) {
                        out.push(s..i);
                    }
                    start = None;
                }
                (false, None) => start = Some(i),
                _ => {}
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn address_tokens_found_by_their_marks_are_those_of_every_token(
            text in "([a-z.:/@ <\\[\"“”é\n]|www\\.|://|mailto:|w{1,3}){0,40}"
        ) {
            proptest::prop_assert_eq!(url_tokens(&text), url_tokens_by_every_token(&text));
        }
    }

    #[test]
    fn address_tokens_are_found_around_their_marks() {
        let text = "See https://x.org/a@b and “www.y.com”, mail ed@z.org or mailto:q, not a@b or ://";
        let found: Vec<&str> = url_tokens(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["https://x.org/a@b", "www.y.com", "ed@z.org", "mailto:q,", "://"]);
        assert_eq!(url_tokens(text), url_tokens_by_every_token(text));
    }

    #[test]
    fn subtract_cuts_holes() {
        assert_eq!(subtract(vec![0..10, 20..30], &[2..4, 8..22, 25..25]), vec![0..2, 4..8, 22..30]);
    }
}
