//! Markdown to prose blocks, with a map from every prose byte back to the source.
//!
//! pulldown-cmark splits text at entities, escapes and brackets, and its events
//! do not cover every source byte, so each block keeps its own table of pieces.

use crate::span::Span;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// Stands in for an inline code span in prose text: it is not prose, but a
/// quotation may run across it.
pub const CODE_PLACEHOLDER: char = '\u{FFFC}';

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading(u8),
    ListItem,
    TableCell,
}

/// One stretch of the prose text and the source bytes it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    text_start: usize,
    text_len: usize,
    source_start: usize,
    source_len: usize,
}

impl Piece {
    /// Text copied verbatim maps byte for byte; a replaced stretch (an entity,
    /// a line break with indentation, a code span) maps as a whole.
    fn is_verbatim(&self) -> bool {
        self.text_len == self.source_len
    }
}

/// Maps byte positions in a block's prose text to byte positions in the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    pieces: Vec<Piece>,
}

impl OffsetMap {
    fn push(&mut self, text_start: usize, text_len: usize, source: Range<usize>) {
        self.pieces.push(Piece {
            text_start,
            text_len,
            source_start: source.start,
            source_len: source.end.saturating_sub(source.start),
        });
    }

    /// Index of the piece holding text position `pos` (the last piece for the end).
    fn piece_at(&self, pos: usize) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| p.text_start + p.text_len <= pos);
        self.pieces.get(i).or_else(|| self.pieces.last())
    }

    /// Source offset where the text byte at `pos` starts.
    pub fn to_source_start(&self, pos: usize) -> usize {
        match self.piece_at(pos) {
            None => 0,
            Some(p) if pos >= p.text_start + p.text_len => p.source_start + p.source_len,
            Some(p) if p.is_verbatim() => p.source_start + (pos - p.text_start.min(pos)),
            Some(p) => p.source_start,
        }
    }

    /// Source offset where the text ending just before `pos` ends.
    pub fn to_source_end(&self, pos: usize) -> usize {
        if pos == 0 {
            return self.pieces.first().map_or(0, |p| p.source_start);
        }
        match self.piece_at(pos - 1) {
            None => 0,
            Some(p) if p.is_verbatim() => p.source_start + (pos - p.text_start.min(pos)).min(p.source_len),
            Some(p) => p.source_start + p.source_len,
        }
    }

    /// Source span of a text range.
    pub fn to_source(&self, range: Range<usize>) -> Span {
        let start = self.to_source_start(range.start);
        let end = self.to_source_end(range.end).max(start);
        Span::new(start, end)
    }
}

/// A block of prose: a paragraph, heading, list item or table cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProseBlock {
    pub kind: BlockKind,
    /// Index into `Document::blockquotes` of the outermost blockquote holding it.
    pub blockquote: Option<usize>,
    pub text: String,
    pub map: OffsetMap,
    /// Source bytes from the block's first to its last prose byte.
    pub span: Span,
}

impl ProseBlock {
    pub fn source_span(&self, range: Range<usize>) -> Span {
        self.map.to_source(range)
    }
}

/// An HTML comment, kept aside for suppression directives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlComment {
    pub span: Span,
    /// The text between `<!--` and `-->`, trimmed.
    pub body: String,
}

/// A draft parsed into prose.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub front_matter: Option<Span>,
    pub blocks: Vec<ProseBlock>,
    pub comments: Vec<HtmlComment>,
    /// Source spans of the outermost blockquotes.
    pub blockquotes: Vec<Span>,
}

/// Length of a front-matter block (`---` YAML or `+++` TOML) that starts at byte 0.
pub fn front_matter_len(text: &str) -> Option<usize> {
    let fence = ["---", "+++"].into_iter().find(|f| {
        text.strip_prefix(f).is_some_and(|rest| rest.starts_with('\n') || rest.starts_with("\r\n"))
    })?;
    let mut offset = text.find('\n')? + 1;
    for line in text.get(offset..)?.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        offset += line.len();
        if bare == fence || (fence == "---" && bare == "...") {
            return Some(offset);
        }
    }
    None
}

/// Parses a draft. `text` is the whole file; offsets in the result are into it.
pub fn parse(text: &str) -> Document {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = text.get(bom..).unwrap_or_default();
    let fm = front_matter_len(body);
    let base = bom + fm.unwrap_or(0);
    let mut builder = Builder { base, doc: Document::default(), ..Builder::default() };
    builder.doc.front_matter = fm.map(|len| Span::new(bom, bom + len));
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let markdown = text.get(base..).unwrap_or_default();
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        builder.event(event, range);
    }
    builder.flush();
    builder.doc
}

#[derive(Default)]
struct Builder {
    base: usize,
    doc: Document,
    current: Option<ProseBlock>,
    /// Nesting of tags whose text is not prose (code blocks, images, metadata).
    hidden: usize,
    blockquote_depth: usize,
    html_block: Option<(usize, String)>,
}

impl Builder {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        let range = range.start + self.base..range.end + self.base;
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(t) if self.hidden == 0 => self.push_text(&t, range),
            Event::Code(_) if self.hidden == 0 => {
                self.push_text(CODE_PLACEHOLDER.encode_utf8(&mut [0; 4]), range)
            }
            Event::SoftBreak | Event::HardBreak if self.hidden == 0 => self.push_text("\n", range),
            Event::InlineHtml(h) => self.inline_html(&h, range),
            Event::Html(h) => {
                if let Some((_, body)) = self.html_block.as_mut() {
                    body.push_str(&h);
                }
            }
            Event::Rule => self.flush(),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Paragraph => self.open(BlockKind::Paragraph, range),
            Tag::Heading { level, .. } => self.open(BlockKind::Heading(level as u8), range),
            Tag::Item => self.open(BlockKind::ListItem, range),
            Tag::TableCell => self.open(BlockKind::TableCell, range),
            Tag::List(_) | Tag::Table(_) | Tag::FootnoteDefinition(_) => self.flush(),
            Tag::BlockQuote(_) => {
                self.flush();
                if self.blockquote_depth == 0 {
                    self.doc.blockquotes.push(range.into());
                }
                self.blockquote_depth += 1;
            }
            Tag::CodeBlock(_) | Tag::Image { .. } | Tag::MetadataBlock(_) => self.hidden += 1,
            Tag::HtmlBlock => self.html_block = Some((range.start, String::new())),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell => self.flush(),
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.blockquote_depth = self.blockquote_depth.saturating_sub(1);
            }
            TagEnd::CodeBlock | TagEnd::Image | TagEnd::MetadataBlock(_) => {
                self.hidden = self.hidden.saturating_sub(1)
            }
            TagEnd::HtmlBlock => {
                if let Some((start, body)) = self.html_block.take() {
                    let end = start + body.len();
                    self.comments_in(&body, start, end);
                }
            }
            _ => {}
        }
    }

    fn inline_html(&mut self, html: &str, range: Range<usize>) {
        if html.trim_start().starts_with("<!--") {
            self.comments_in(html, range.start, range.end);
        }
    }

    fn comments_in(&mut self, html: &str, start: usize, end: usize) {
        let mut rest = 0;
        while let Some(open) = html.get(rest..).and_then(|h| h.find("<!--")) {
            let open = rest + open;
            let close = html.get(open + 4..).and_then(|h| h.find("-->")).map(|c| open + 4 + c);
            let body_end = close.unwrap_or(html.len());
            let body = html.get(open + 4..body_end).unwrap_or_default().trim().to_string();
            let stop = close.map_or(end, |c| start + c + 3).min(end);
            self.doc.comments.push(HtmlComment { span: Span::new(start + open, stop), body });
            rest = close.map_or(html.len(), |c| c + 3);
        }
    }

    fn open(&mut self, kind: BlockKind, range: Range<usize>) {
        // A tight list item's text comes straight inside the item; a loose one
        // wraps it in a paragraph, which then continues the item's block.
        if let Some(cur) = &self.current {
            if cur.text.is_empty() && cur.kind == BlockKind::ListItem {
                return;
            }
        }
        self.flush();
        let blockquote = (self.blockquote_depth > 0).then(|| self.doc.blockquotes.len().saturating_sub(1));
        self.current = Some(ProseBlock {
            kind,
            blockquote,
            text: String::new(),
            map: OffsetMap::default(),
            span: Span::new(range.start, range.start),
        });
    }

    fn push_text(&mut self, text: &str, range: Range<usize>) {
        let Some(block) = self.current.as_mut() else { return };
        let start = block.text.len();
        if block.text.is_empty() {
            block.span.start = range.start;
        }
        block.text.push_str(text);
        block.map.push(start, text.len(), range.clone());
        block.span.end = block.span.end.max(range.end);
    }

    fn flush(&mut self) {
        if let Some(block) = self.current.take() {
            if !block.text.trim().is_empty() {
                self.doc.blocks.push(block);
            }
        }
    }
}
