//! Markdown to prose blocks, with a map from every prose byte back to the source.
//!
//! pulldown-cmark splits text at entities, escapes and brackets, and its events
//! do not cover every source byte, so each block keeps its own table of pieces.

mod as_read;
mod html;
mod offset_map;
pub mod signature;
mod template;
mod text;

use crate::span::{CompactSpan, Span};
use as_read::spaced_feeds;
pub use as_read::{read_as, read_len_up_to, without_break_spaces, ReadPositions};
pub use offset_map::{BlockMap, KeptBreak, OffsetMap};
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use std::ops::Range;
pub use template::TemplateOptions;
use text::About;
pub use text::BlockText;

/// Stands in for a quotation mark inside an inline code span: code is not
/// prose, so its marks must not open or close quotations, but a quotation
/// may run across it.
pub const CODE_PLACEHOLDER: char = '\u{FFFC}';

fn mask_quote_marks(code: &str) -> String {
    code.chars().map(|c| if "\"'“”‘’«»‹›„‚`".contains(c) { CODE_PLACEHOLDER } else { c }).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading(u8),
    ListItem,
    TableCell,
    /// A paragraph of a footnote definition (`[^1]: …`).
    Footnote,
    /// A caption: an HTML `<figcaption>`, a Word paragraph in the Caption style.
    Caption,
}

/// A block of prose: a paragraph, heading, list item or table cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProseBlock {
    /// Its own copy, or the stretch of the file it equals (see
    /// [`ProseBlock::share_file`]); it also holds the block's kind, its
    /// blockquote and whether it keeps its breaks (see [`BlockText`]).
    ///
    /// A draft has a record for every paragraph, all held while the rules
    /// run: 112 bytes with eight-byte offsets, then 88, then 64 with the
    /// text and map at their size and one allocation fewer for most
    /// blocks, 72 since the text may be a stretch of the file, then 64 with
    /// a map of one verbatim piece held as its source range, 56 with
    /// the kind, blockquote and breaks held beside the text's tag, and 48
    /// with the few blocks' signatures listed by the document.
    pub text: BlockText,
    pub map: BlockMap,
    /// See [`ProseBlock::span`].
    span: CompactSpan,
}

/// No blockquote: an index no draft reaches.
const NONE: u32 = u32::MAX;

impl ProseBlock {
    pub fn new(kind: BlockKind, blockquote: Option<usize>, text: String, map: OffsetMap, span: Span) -> Self {
        let about = About { kind, blockquote: blockquote.map_or(NONE, narrow), breaks_kept: false };
        ProseBlock { text: BlockText::new(text.into_boxed_str(), about), map: map.into(), span: span.into() }
    }

    pub fn kind(&self) -> BlockKind {
        self.text.about().kind
    }

    pub fn set_kind(&mut self, kind: BlockKind) {
        self.text.set_about(About { kind, ..self.text.about() });
    }

    /// Whether the text keeps line breaks as their source bytes, spaces
    /// before the line feed and all (a Markdown hard break, a line ending in
    /// spaces): then every space before a line feed is such a break's.
    pub fn breaks_kept(&self) -> bool {
        self.text.about().breaks_kept
    }

    /// `range` of the text as it reads, without the spaces of kept line
    /// breaks (see [`ProseBlock::breaks_kept`]): what is shown of the text
    /// (a quotation's words, a channel phrase) is as before they were kept.
    pub fn text_as_read(&self, range: Range<usize>) -> Option<std::borrow::Cow<'_, str>> {
        self.text.get(range).map(|text| self.as_read(text))
    }

    /// Where positions of the text fall in the text as read, for a block
    /// that keeps its breaks' spaces (`None` for one whose text reads as it is).
    pub fn read_positions(&self) -> Option<ReadPositions> {
        self.breaks_kept().then(|| ReadPositions::of(&self.text))
    }

    /// `text`, a stretch of this block's text, as it reads (see [`ProseBlock::text_as_read`]).
    pub fn as_read<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        read_as(text, self.breaks_kept())
    }

    /// Source bytes from the block's first to its last prose byte.
    pub fn span(&self) -> Span {
        self.span.get()
    }

    pub fn source_span(&self, range: Range<usize>) -> Span {
        self.map.to_source(range)
    }

    /// Index into `Document::blockquotes` of the outermost blockquote holding it.
    pub fn blockquote(&self) -> Option<usize> {
        let blockquote = self.text.about().blockquote;
        (blockquote != NONE).then_some(blockquote as usize)
    }

    /// Lets go of the block's copy of its text when the text is the
    /// stretch of `file` (the text the block was read from) its span covers.
    pub fn share_file(&mut self, file: &std::sync::Arc<String>) {
        let text = std::mem::replace(&mut self.text, String::new().into());
        self.text = text.shared(file, self.span().range());
    }
}

/// An index or offset as four bytes: drafts are far smaller than 4 GB (the
/// size limit turns larger ones away before they are parsed).
fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// An HTML comment, kept aside for suppression directives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlComment {
    pub span: Span,
    /// The text between `<!--` and `-->`, trimmed.
    pub body: String,
}

/// A block quote: a Markdown `>` block (the outermost of a nest) or an HTML `<blockquote>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockQuote {
    pub span: Span,
    /// An HTML `<blockquote>`, a quotation by its markup; a Markdown one is
    /// a quotation only when introduced as one or signed.
    pub html: bool,
    /// The `cite` attribute of an HTML `<blockquote>`: where the words come from.
    pub cite: Option<String>,
}

/// A draft parsed into prose.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub front_matter: Option<Span>,
    pub blocks: Vec<ProseBlock>,
    /// The blocks that end in a signature, by index, in order, and the
    /// signature's text range (see [`Document::signature`]). Few blocks
    /// have one: as a field of every block it took eight bytes of each.
    pub(crate) signatures: Vec<(u32, [u32; 2])>,
    pub comments: Vec<HtmlComment>,
    pub blockquotes: Vec<BlockQuote>,
}

impl Document {
    /// Adds `block` after the others, with the signature that ends it, if any.
    pub fn push_block(&mut self, block: ProseBlock, signature: Option<Range<usize>>) {
        if let Some(r) = signature {
            self.signatures.push((narrow(self.blocks.len()), [narrow(r.start), narrow(r.end)]));
        }
        self.blocks.push(block);
    }

    /// The text range of the signature ending block `b` (`— Jane Doe`),
    /// the name only; the whole text for an HTML `<cite>`.
    pub fn signature(&self, b: usize) -> Option<Range<usize>> {
        let at = self.signatures.partition_point(|&(i, _)| (i as usize) < b);
        let &(i, [start, end]) = self.signatures.get(at)?;
        (i as usize == b).then_some(start as usize..end as usize)
    }
}

/// How to read a draft.
#[derive(Debug, Clone, Copy, Default)]
pub struct ParseOptions<'a> {
    /// MDX: `import`/`export` blocks and `{…}` expressions are not prose.
    pub mdx: bool,
    /// Names of template tags, template arguments and HTML elements or
    /// classes whose text is prose although by default it is not.
    pub prose_tags: &'a [String],
}

impl<'a> ParseOptions<'a> {
    /// The options for a file, by its extension.
    pub fn for_path(path: &str, prose_tags: &'a [String]) -> Self {
        let mdx = std::path::Path::new(path).extension().is_some_and(|e| e.eq_ignore_ascii_case("mdx"));
        ParseOptions { mdx, prose_tags }
    }
}

/// Length of a front-matter block (`---` YAML or `+++` TOML) that starts at byte 0.
pub fn front_matter_len(text: &str) -> Option<usize> {
    let fence = ["---", "+++"]
        .into_iter()
        .find(|f| text.strip_prefix(f).is_some_and(|rest| rest.starts_with('\n') || rest.starts_with("\r\n")))?;
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

/// Parses a Markdown draft. `text` is the whole file; offsets in the result are into it.
pub fn parse(text: &str) -> Document {
    parse_with(text, ParseOptions::default())
}

/// Parses a draft: template syntax is masked (offsets kept), then the
/// Markdown and the HTML in it are read.
pub fn parse_with(text: &str, options: ParseOptions<'_>) -> Document {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let body = text.get(bom..).unwrap_or_default();
    let fm = front_matter_len(body);
    let base = bom + fm.unwrap_or(0);
    let templates = TemplateOptions { mdx: options.mdx, prose_names: options.prose_tags };
    let masked = template::mask(text, base, templates);
    let original = text;
    let text = masked.as_deref().unwrap_or(text);
    let mut builder = Builder::new(text, original, base, options.prose_tags);
    builder.doc.front_matter = fm.map(|len| Span::new(bom, bom + len));
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let markdown = text.get(base..).unwrap_or_default();
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        // one paragraph may be megabytes of events
        crate::budget::tick();
        builder.event(event, range);
    }
    builder.flush();
    builder.doc
}

/// Reads a whole HTML page (a `.html` draft) into prose: its text is read as
/// HTML inside Markdown is, and page furniture (`nav`, `aside`, forms) is
/// left out with scripts and styles. Offsets are into `text`.
pub fn parse_html_page(text: &str, options: ParseOptions<'_>) -> Document {
    let mut builder = Builder::new(text, text, 0, options.prose_tags);
    builder.html.page = true;
    builder.comments_in(0..text.len());
    builder.html_block(std::slice::from_ref(&(0..text.len())));
    builder.flush();
    builder.doc
}

/// A block being read: its text and map grow as the parser goes, and are
/// kept at their size once it ends.
struct OpenBlock {
    kind: BlockKind,
    blockquote: Option<usize>,
    text: String,
    map: OffsetMap,
    span: Span,
    /// The source end of the text pushed last.
    last_end: usize,
    /// The line breaks kept as their source with spaces before the line feed.
    kept: Vec<KeptBreak>,
}

struct Builder<'a> {
    /// The whole file with template syntax masked: offsets are into it.
    source: &'a str,
    /// The whole file as written.
    original: &'a str,
    /// Where the Markdown after the front matter starts.
    base: usize,
    doc: Document,
    current: Option<OpenBlock>,
    /// Nesting of tags whose text is not prose (code blocks, images, metadata).
    hidden: usize,
    /// Inside `<https://…>` or `<name@example.com>`: its text is an address,
    /// whose marks (`"` in a URL) are not quotation marks.
    autolink: bool,
    blockquote_depth: usize,
    /// Nesting of footnote definitions.
    footnote: usize,
    /// Index in `doc.blockquotes` of the outermost Markdown block quote open.
    markdown_quote: Option<usize>,
    /// Source lines of the HTML block being read. Its events' text is not
    /// the source (pulldown-cmark drops a CR before LF), so it is read from
    /// the file.
    html_block: Option<Vec<Range<usize>>>,
    html: html::HtmlState,
    prose_tags: &'a [String],
}

impl<'a> Builder<'a> {
    fn new(source: &'a str, original: &'a str, base: usize, prose_tags: &'a [String]) -> Self {
        Builder {
            source,
            original,
            base,
            doc: Document::default(),
            current: None,
            hidden: 0,
            autolink: false,
            blockquote_depth: 0,
            footnote: 0,
            markdown_quote: None,
            html_block: None,
            html: html::HtmlState::default(),
            prose_tags,
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        let range = range.start + self.base..range.end + self.base;
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(t) if self.hidden == 0 && self.autolink => {
                self.push_replaced(&mask_quote_marks(&t), range)
            }
            Event::Text(t) if self.hidden == 0 => self.push_text(&t, range),
            Event::Code(code) if self.hidden == 0 => self.push_replaced(&mask_quote_marks(&code), range),
            Event::SoftBreak | Event::HardBreak if self.hidden == 0 => self.push_break(range),
            Event::InlineHtml(_) => self.inline_html(range),
            Event::Html(_) => {
                if let Some(lines) = self.html_block.as_mut() {
                    lines.push(range);
                }
            }
            Event::Rule => self.flush(),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Paragraph if self.footnote > 0 => self.open(BlockKind::Footnote, range),
            Tag::Paragraph => self.open(BlockKind::Paragraph, range),
            Tag::Heading { level, .. } => self.open(BlockKind::Heading(level as u8), range),
            Tag::Item => self.open(BlockKind::ListItem, range),
            Tag::TableCell => self.open(BlockKind::TableCell, range),
            Tag::List(_) | Tag::Table(_) => self.flush(),
            Tag::FootnoteDefinition(_) => {
                self.flush();
                self.footnote += 1;
            }
            Tag::BlockQuote(_) => {
                self.flush();
                if self.blockquote_depth == 0 {
                    self.doc.blockquotes.push(BlockQuote { span: range.into(), html: false, cite: None });
                    self.markdown_quote = Some(self.doc.blockquotes.len() - 1);
                }
                self.blockquote_depth += 1;
            }
            Tag::CodeBlock(_) | Tag::Image { .. } | Tag::MetadataBlock(_) => self.hidden += 1,
            Tag::HtmlBlock => self.html_block = Some(Vec::new()),
            Tag::Link { link_type: LinkType::Autolink | LinkType::Email, .. } => self.autolink = true,
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell => self.flush(),
            TagEnd::FootnoteDefinition => {
                self.flush();
                self.footnote = self.footnote.saturating_sub(1);
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.blockquote_depth = self.blockquote_depth.saturating_sub(1);
            }
            TagEnd::CodeBlock | TagEnd::Image | TagEnd::MetadataBlock(_) => {
                self.hidden = self.hidden.saturating_sub(1)
            }
            // links do not nest, so any link's end ends an autolink
            TagEnd::Link => self.autolink = false,
            TagEnd::HtmlBlock => {
                if let Some(lines) = self.html_block.take() {
                    if let (Some(first), Some(last)) = (lines.first(), lines.last()) {
                        self.comments_in(first.start..last.end);
                    }
                    self.html_block(&lines);
                }
            }
            _ => {}
        }
    }

    fn inline_html(&mut self, range: Range<usize>) {
        if self.original.get(range.clone()).is_some_and(|h| h.trim_start().starts_with("<!--")) {
            self.comments_in(range);
        } else {
            self.inline_html_tag(range);
        }
    }

    fn comments_in(&mut self, range: Range<usize>) {
        // directives are read as written, template syntax and all
        let Some(html) = self.original.get(range.clone()) else { return };
        let (start, end) = (range.start, range.end);
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
            // HTML text whose element a blank line split goes on in the paragraph
            if self.html.block_open && kind == BlockKind::Paragraph {
                self.html.block_open = false;
                return;
            }
        }
        self.flush();
        let markdown = (self.blockquote_depth > 0).then_some(self.markdown_quote).flatten();
        let blockquote = self.html.quote().or(markdown);
        let span = Span::new(range.start, range.start);
        let (text, map, kept) = (String::new(), OffsetMap::default(), Vec::new());
        self.current = Some(OpenBlock { kind, blockquote, text, map, span, last_end: range.start, kept });
    }

    /// Text as the parser gives it: a copy of its source bytes unless it
    /// was an entity or an escape.
    fn push_text(&mut self, text: &str, range: Range<usize>) {
        if self.html.opaque() {
            return;
        }
        let verbatim = self.source.get(range.clone()) == Some(text);
        self.push(text, range, verbatim);
    }

    /// Text that stands for its source without being a copy of it.
    fn push_replaced(&mut self, text: &str, range: Range<usize>) {
        self.push(text, range, false);
    }

    /// A line break, kept as its source bytes when those are a line feed
    /// and the spaces before it the text before it left out: a paragraph of
    /// such lines is then its source bytes, shares the file and is mapped by
    /// one piece (see [`OffsetMap`]). Spaces before a line feed are
    /// whitespace to every later stage, as the line feed is, and words
    /// shown from the text are read without them (see
    /// [`ProseBlock::text_as_read`]). Anything else (a CR, a backslash) is
    /// read as "\n" standing for its source.
    fn push_break(&mut self, range: Range<usize>) {
        if breaks_as_before::on() {
            return self.push_replaced("\n", range);
        }
        let Some((start, spaces)) = self.kept_break(&range) else {
            let feed = self.source.get(range.clone()) == Some("\n");
            return self.push("\n", range, feed);
        };
        let Some(block) = self.current.as_mut() else { return };
        let text_start = narrow(block.text.len());
        block.kept.push(KeptBreak { text_start, spaces: narrow(spaces), source_start: narrow(range.start) });
        let text = self.source.get(start..range.end).unwrap_or_default();
        self.push(text, start..range.end, true);
    }

    /// Where a break's spaces start in the source, and how many there are,
    /// if the break is kept as its source bytes: spaces then a line feed,
    /// as written (no template masked), after text that does not end in
    /// whitespace (so the spaces are told from the text's own).
    fn kept_break(&self, range: &Range<usize>) -> Option<(usize, usize)> {
        let block = self.current.as_ref()?;
        if block.text.is_empty() || block.text.ends_with(char::is_whitespace) {
            return None;
        }
        let start = block.last_end.min(range.start);
        let written = self.source.get(start..range.end)?;
        let spaces = written.strip_suffix('\n')?;
        let kept = !spaces.is_empty() && spaces.bytes().all(|b| b == b' ');
        (kept && self.original.get(start..range.end) == Some(written)).then_some((start, spaces.len()))
    }

    fn push(&mut self, text: &str, range: Range<usize>, verbatim: bool) {
        let Some(block) = self.current.as_mut() else { return };
        let start = block.text.len();
        if block.text.is_empty() {
            block.span.start = range.start;
        }
        block.text.push_str(text);
        block.map.push(start, text.len(), range.clone(), verbatim);
        block.span.end = block.span.end.max(range.end);
        block.last_end = range.end;
    }

    fn flush(&mut self) {
        self.html.block_open = false;
        if let Some(mut open) = self.current.take() {
            // other text with spaces before a line feed (HTML's) could not
            // be told from the breaks' spaces: the breaks are read as "\n"
            let mut kept = !open.kept.is_empty();
            if kept && spaced_feeds(&open.text).count() != open.kept.len() {
                open.map.unkeep_breaks(&mut open.text, &open.kept);
                kept = false;
            }
            let cite = std::mem::take(&mut self.html.signature);
            if !open.text.trim().is_empty() {
                let signature = if cite {
                    let lead = open.text.len() - open.text.trim_start().len();
                    Some(lead..open.text.trim_end().len())
                } else {
                    signature::find(&open.text)
                };
                let mut block = ProseBlock::new(open.kind, open.blockquote, open.text, open.map, open.span);
                block.text.set_about(About { breaks_kept: kept, ..block.text.about() });
                self.doc.push_block(block, signature);
            }
        }
    }
}

/// For tests: every line break read as "\n" standing for its source, as
/// before breaks were kept as their source bytes, to compare what later
/// stages make of both.
pub(crate) mod breaks_as_before {
    use std::cell::Cell;

    thread_local! {
        static ON: Cell<bool> = const { Cell::new(false) };
    }

    /// Always false outside tests.
    pub(super) fn on() -> bool {
        cfg!(test) && ON.with(Cell::get)
    }

    /// `f`'s result with breaks read as before.
    #[cfg(test)]
    pub fn with<T>(f: impl FnOnce() -> T) -> T {
        ON.with(|on| on.set(true));
        let out = f();
        ON.with(|on| on.set(false));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_record_stays_small() {
        // one a paragraph, all held while the rules run (112 with a usize
        // blockquote index and signature range, 88 with a vector of pieces,
        // a growable text and an eight-byte span)
        assert_eq!(std::mem::size_of::<ProseBlock>(), 48);
    }

    /// A paragraph of lines ending in spaces (hard breaks, soft ones after
    /// a stray space) keeps them as written, so its text is the file's and
    /// one piece maps it; a backslash break and a CR are read as "\n" as
    /// before, and so are breaks in a block whose other text has spaces
    /// before a line feed.
    #[test]
    fn a_hard_wrapped_paragraph_is_its_source_and_one_piece() {
        let src = "“We rebuild,” said Bram Balo  \n“We stay,” said Ana Ruiz   \nwhile \nthe road\nran.\n";
        let b = &parse(src).blocks[0];
        assert_eq!((&*b.text, b.map.piece_count(), b.breaks_kept()), (src.trim_end(), 1, true));
        assert_eq!(b.text_as_read(0..b.text.len()).as_deref(), Some(read_as_before(src)[0].as_str()));
        let mut shared = b.clone();
        shared.share_file(&std::sync::Arc::new(src.to_string()));
        assert!(shared.text.is_shared());
        let cases =
            [("a  \r\nb\n", false), ("a\\\nb\n", false), ("<b>a \nb</b>  \nc\n", true), ("`x `  \nb\n", false)];
        for (src, kept) in cases {
            let b = &parse(src).blocks[0];
            assert_eq!(b.text_as_read(0..b.text.len()).as_deref(), Some(&*read_as_before(src)[0]), "{src:?}");
            assert_eq!(b.breaks_kept(), kept, "{src:?}");
        }
    }

    fn read_as_before(src: &str) -> Vec<String> {
        breaks_as_before::with(|| parse(src)).blocks.iter().map(|b| b.text.to_string()).collect()
    }

    proptest::proptest! {
        /// Every source span a block's map gives, and the text as read, are
        /// what they were when breaks were read as "\n".
        #[test]
        fn kept_breaks_map_as_breaks_read_as_a_line_feed(src in crate::tokens::drafts_of(
            "Ana |said |“We |rebuild,” |x |  \n| \n|   \n|\n|\\\n|\n\n|> |- |<b>a \nb</b> |&amp; |`c ` |&#10;|{{ t }} |\r\n",
            40,
        )) {
            let (doc, before) = (parse(&src), breaks_as_before::with(|| parse(&src)));
            proptest::prop_assert_eq!(doc.blocks.len(), before.blocks.len());
            for (b, old) in doc.blocks.iter().zip(&before.blocks) {
                proptest::prop_assert_eq!(b.span(), old.span());
                let read = b.text_as_read(0..b.text.len());
                proptest::prop_assert_eq!(read.as_deref(), Some(&*old.text));
                // a position of the old text is one of the new before the
                // spaces kept there (where a word before them ends)
                let mut new_at = vec![0; old.text.len() + 1];
                let (mut i, mut j) = (0, 0);
                while j <= old.text.len() {
                    new_at[j] = i;
                    while b.text[i..].starts_with(' ') && !old.text[j..].starts_with(' ') {
                        i += 1;
                    }
                    let step = old.text[j..].chars().next().map_or(1, char::len_utf8);
                    i += step;
                    j += step;
                }
                let whole = without_break_spaces(&b.text).len();
                for most in [0, 3, 24, whole] {
                    let counted = read_len_up_to(&b.text, most);
                    proptest::prop_assert!(counted == whole || (whole > most && counted > most), "{} of {}", counted, whole);
                }
                // the report's positions as read, and the sources' back as kept
                let read = b.read_positions().unwrap_or_default();
                for (j, &i) in new_at.iter().enumerate().filter(|&(j, _)| old.text.is_char_boundary(j)) {
                    proptest::prop_assert_eq!((read.at(i), read.kept_at(j)), (j, i), "{:?} at {}", &*old.text, j);
                }
                // (a range that starts at a break's line feed starts at its spaces now)
                let starts = |lo: usize| old.text.is_char_boundary(lo) && !old.text[lo..].starts_with('\n');
                for (lo, hi) in (0..=old.text.len()).flat_map(|lo| (lo..=old.text.len()).map(move |hi| (lo, hi))) {
                    if (starts(lo) || lo == hi) && old.text.is_char_boundary(hi) {
                        let new = b.source_span(new_at[lo]..new_at[hi]);
                        proptest::prop_assert_eq!(new, old.source_span(lo..hi), "{:?} {}..{}", &*old.text, lo, hi);
                    }
                }
            }
        }
    }

    #[test]
    fn a_signature_and_a_blockquote_read_back_as_set() {
        let block =
            ProseBlock::new(BlockKind::Paragraph, Some(3), "x — Jo".into(), OffsetMap::default(), Span::new(0, 6));
        assert_eq!(block.blockquote(), Some(3));
        let mut doc = Document::default();
        doc.push_block(block.clone(), None);
        doc.push_block(block.clone(), Some(6..8));
        doc.push_block(block.clone(), None);
        doc.push_block(block, Some(4..8));
        let signatures: Vec<_> = (0..5).map(|b| doc.signature(b)).collect();
        assert_eq!(signatures, [None, Some(6..8), None, Some(4..8), None]);
        assert_eq!(
            ProseBlock::new(BlockKind::Paragraph, None, String::new(), OffsetMap::default(), Span::new(0, 0))
                .blockquote(),
            None
        );
    }

    /// The source text a prose range maps back to.
    fn source_of<'a>(src: &'a str, block: &ProseBlock, needle: &str) -> &'a str {
        let at = block.text.find(needle).expect("needle in prose");
        let span = block.source_span(at..at + needle.len());
        &src[span.range()]
    }

    #[test]
    fn entities_map_to_their_whole_source() {
        let src = "Say &ldquo;hi&rdquo; &amp; go.";
        let doc = parse(src);
        let b = &doc.blocks[0];
        assert_eq!(&*b.text, "Say “hi” & go.");
        assert_eq!(source_of(src, b, "“"), "&ldquo;");
        assert_eq!(source_of(src, b, "“hi”"), "&ldquo;hi&rdquo;");
        assert_eq!(source_of(src, b, "go"), "go");
    }

    #[test]
    fn marks_in_an_autolink_are_not_quotation_marks() {
        let src = "See <https://example.com/a\"b> and <o'neill@example.com>, then \"q\".";
        let doc = parse(src);
        let b = &doc.blocks[0];
        // the addresses keep their length and place; only the words' marks remain
        assert_eq!(b.text.matches('"').count(), 2, "{}", b.text);
        assert!(!b.text.contains('\''), "{}", b.text);
        assert!(b.text.contains("example.com/a"), "{}", b.text);
    }

    #[test]
    fn escapes_map_past_the_backslash() {
        let src = r#"A \*star\* and \"mark\"."#;
        let doc = parse(src);
        let b = &doc.blocks[0];
        assert_eq!(&*b.text, "A *star* and \"mark\".");
        assert_eq!(source_of(src, b, "star"), "star");
        assert_eq!(source_of(src, b, "\"mark"), "\"mark");
    }

    #[test]
    fn crlf_soft_breaks_and_multibyte_text() {
        let src = "Ünïcödé “quote\r\nacross” lines.\r\n\r\nNext — para.";
        let doc = parse(src);
        assert_eq!(doc.blocks.len(), 2);
        let b = &doc.blocks[0];
        assert_eq!(&*b.text, "Ünïcödé “quote\nacross” lines.");
        assert_eq!(source_of(src, b, "“quote\nacross”"), "“quote\r\nacross”");
        assert_eq!(source_of(src, &doc.blocks[1], "—"), "—");
    }

    #[test]
    fn bom_and_front_matter_are_skipped_with_offsets_kept() {
        let src = "\u{feff}---\ntitle: \"x\"\n---\n\"Hi,\" she said.";
        let doc = parse(src);
        assert_eq!(doc.front_matter, Some(Span::new(3, 3 + 19)));
        let b = &doc.blocks[0];
        assert_eq!(source_of(src, b, "\"Hi,\""), "\"Hi,\"");
    }

    #[test]
    fn a_rule_mid_file_is_not_front_matter() {
        let src = "Intro.\n\n---\nSecond \"quoted\" part.\n\n---\nThird.";
        let doc = parse(src);
        assert!(doc.front_matter.is_none());
        assert!(doc.blocks.iter().any(|b| b.text.contains("\"quoted\"")));
    }

    #[test]
    fn code_html_and_link_destinations_are_not_prose() {
        let src = "Text `\"code\"` [link \"text\"](http://x.org/\"y\") <b>bold</b>\n\n```\n\"block\"\n```\n\n<!-- quotelint-disable QA001 -->\n";
        let doc = parse(src);
        let all: String = doc.blocks.iter().map(|b| &*b.text).collect();
        assert!(!all.contains("\"code\""));
        assert!(all.contains("link \"text\""));
        assert!(!all.contains("x.org"));
        assert!(!all.contains("block"));
        assert_eq!(doc.comments.len(), 1);
        assert_eq!(doc.comments[0].body, "quotelint-disable QA001");
    }

    #[test]
    fn blockquotes_and_list_items_are_blocks() {
        let src = "- one \"a\"\n- two\n\n> quoted\n> more\n\n| h |\n|---|\n| cell |\n";
        let doc = parse(src);
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind()).collect();
        assert!(kinds.contains(&BlockKind::ListItem));
        assert!(kinds.contains(&BlockKind::TableCell));
        assert_eq!(doc.blockquotes.len(), 1);
        assert!(!doc.blockquotes[0].html);
        assert!(doc.blocks.iter().any(|b| b.blockquote() == Some(0) && &*b.text == "quoted\nmore"));
    }
}
