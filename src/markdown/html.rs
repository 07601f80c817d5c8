//! HTML blocks and inline HTML, read with a real HTML tokenizer (html5gum):
//! text inside HTML is prose with exact offsets, attributes never are.
//!
//! Block-level elements (`<p>`, `<blockquote>`, `<figcaption>`, `<li>`, …)
//! start and end prose blocks; `<q>` reads as a pair of quotation marks; a
//! `<blockquote>` is a block quote, and a `<cite>` in it (or a `<figcaption>`
//! of its `<figure>`) is its signature. Text in scripts, styles, code, and
//! elements marked as pull quotes is not prose. The element stack lives
//! across HTML blocks, so an HTML block that a blank line splits is still one
//! element, and the Markdown paragraph inside it continues its text.

use super::{BlockKind, BlockQuote, Builder};
use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};
use std::ops::Range;

/// Elements that hold no prose.
const OPAQUE: &[&str] = &[
    "script", "style", "template", "svg", "math", "noscript", "iframe", "object", "video", "audio", "canvas",
    "select", "textarea", "button", "code", "pre", "kbd", "samp", "head", "title",
];

/// Elements that start and end a block of prose.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "blockquote",
    "figure",
    "figcaption",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "tr",
    "table",
    "thead",
    "tbody",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "main",
    "nav",
    "cite",
    "address",
    "details",
    "summary",
    "hr",
    "caption",
];

const VOID: &[&str] = &[
    "br", "img", "hr", "input", "meta", "link", "source", "wbr", "area", "col", "embed", "param", "track", "base",
];

/// Elements of a whole page that are not the story: menus, sidebars, forms.
const PAGE_FURNITURE: &[&str] = &["nav", "aside", "form", "menu", "dialog"];

/// Elements (by tag or class) that repeat the story's words for layout.
const PULL_QUOTES: &[&str] = &["pullquote"];

/// One open element.
#[derive(Debug, Clone, Default)]
pub(super) struct Element {
    name: String,
    /// Its text is not prose.
    opaque: bool,
    /// Index into `Document::blockquotes`, for a `<blockquote>`.
    quote: Option<usize>,
    /// A `<figure>` holding a block quote: its caption is the signature.
    quote_figure: bool,
}

/// The open elements, kept across HTML blocks.
#[derive(Debug, Clone, Default)]
pub(super) struct HtmlState {
    stack: Vec<Element>,
    /// The open prose block came from HTML and its element is still open.
    pub(super) block_open: bool,
    /// The open prose block is a signature (`<cite>`, a quote's caption).
    pub(super) signature: bool,
    /// Reading a whole page, not HTML inside Markdown.
    pub(super) page: bool,
}

impl HtmlState {
    pub(super) fn opaque(&self) -> bool {
        self.stack.iter().any(|e| e.opaque)
    }

    /// The innermost HTML block quote open here.
    pub(super) fn quote(&self) -> Option<usize> {
        self.stack.iter().rev().find_map(|e| e.quote)
    }

    fn q_depth(&self) -> usize {
        self.stack.iter().filter(|e| e.name == "q").count()
    }
}

/// An event as recorded from the tokenizer, with owned text.
#[derive(Debug)]
enum Event {
    Open(String, usize),
    Attribute(String),
    Value(String),
    CloseStart(usize),
    End(String, Range<usize>),
    Text(String, Range<usize>),
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Tokenises `html`, whose offsets start at `base` in the file.
fn events(html: &str, base: usize) -> Vec<Event> {
    let mut out = Vec::new();
    let mut emitter = CallbackEmitter::new(|event: CallbackEvent<'_>, span: Span<usize>| {
        let range = base + span.start..base + span.end;
        out.push(match event {
            CallbackEvent::OpenStartTag { name } => Event::Open(lossy(name).to_ascii_lowercase(), range.start),
            CallbackEvent::AttributeName { name } => Event::Attribute(lossy(name).to_ascii_lowercase()),
            CallbackEvent::AttributeValue { value } => Event::Value(lossy(value)),
            CallbackEvent::CloseStartTag { .. } => Event::CloseStart(range.end),
            CallbackEvent::EndTag { name } => Event::End(lossy(name).to_ascii_lowercase(), range),
            CallbackEvent::String { value } => Event::Text(lossy(value), range),
            _ => return None::<std::convert::Infallible>,
        });
        None
    });
    emitter.naively_switch_states(true);
    let _ = Tokenizer::new_with_emitter(html, emitter).finish();
    out
}

/// `html` with every byte outside `ranges` (container markers of a block
/// quote or list the HTML sits in) blanked, keeping lengths and boundaries.
pub(super) fn blank_gaps(source: &str, ranges: &[Range<usize>]) -> (String, usize) {
    let start = ranges.first().map_or(0, |r| r.start);
    let end = ranges.last().map_or(start, |r| r.end).max(start);
    let mut out = String::with_capacity(end - start);
    let mut at = start;
    for r in ranges {
        let r = r.start.max(at)..r.end.max(at);
        for c in source.get(at..r.start).unwrap_or_default().chars() {
            out.push(if c == '\n' || c == '\r' { c } else { super::template::blank(c.len_utf8()) });
        }
        out.push_str(source.get(r.clone()).unwrap_or_default());
        at = r.end;
    }
    (out, start)
}

impl Builder<'_> {
    /// An HTML block: its source with container markers blanked.
    pub(super) fn html_block(&mut self, ranges: &[Range<usize>]) {
        let (html, base) = blank_gaps(self.source, ranges);
        self.html_events(&html, base, false);
    }

    /// An inline HTML tag inside a Markdown paragraph.
    pub(super) fn inline_html_tag(&mut self, range: Range<usize>) {
        let Some(html) = self.source.get(range.clone()) else { return };
        self.html_events(html, range.start, true);
    }

    fn html_events(&mut self, html: &str, base: usize, inline: bool) {
        // The tokenizer folds CR LF into LF and then counts positions in what
        // it folded; a space for each CR keeps its positions the file's.
        let html = html.replace('\r', " ");
        let html = html.as_str();
        let mut pending: Option<StartTag> = None;
        for event in events(html, base) {
            let tokenized = Tokenized { html, base };
            match event {
                Event::Open(name, start) => pending = Some((name, start, Vec::new())),
                Event::Attribute(name) => {
                    if let Some((_, _, attrs)) = pending.as_mut() {
                        attrs.push((name, String::new()));
                    }
                }
                Event::Value(value) => {
                    if let Some((_, _, attrs)) = pending.as_mut() {
                        if let Some(last) = attrs.last_mut() {
                            last.1 = value;
                        }
                    }
                }
                Event::CloseStart(end) => {
                    if let Some((name, start, attrs)) = pending.take() {
                        self.open_element(name, start..end, &attrs, inline);
                    }
                }
                Event::End(name, range) => self.close_element(&name, range),
                Event::Text(text, range) => self.html_text(&text, range, tokenized),
            }
        }
    }

    fn open_element(&mut self, name: String, range: Range<usize>, attrs: &[(String, String)], inline: bool) {
        if self.html.opaque() {
            if !VOID.contains(&name.as_str()) {
                self.html.stack.push(Element { name, opaque: true, ..Element::default() });
            }
            return;
        }
        if name == "br" {
            if self.current.is_some() {
                self.push_replaced("\n", range);
            }
            return;
        }
        if VOID.contains(&name.as_str()) {
            return;
        }
        // an open <p> or <li> closes at the next of its kind
        if matches!(name.as_str(), "p" | "li" | "dt" | "dd" | "td" | "th")
            && self.html.stack.last().is_some_and(|e| e.name == name)
        {
            self.html.stack.pop();
        }
        let class = attrs.iter().find(|(k, _)| k == "class").map_or("", |(_, v)| v.as_str());
        let furniture = self.html.page && PAGE_FURNITURE.contains(&name.as_str());
        let opaque = OPAQUE.contains(&name.as_str()) || furniture || self.pull_quote(&name, class);
        let mut element = Element { name: name.clone(), opaque, ..Element::default() };
        if name == "q" {
            self.open_html_block(range.start);
            let mark = if self.html.q_depth() % 2 == 0 { "“" } else { "‘" };
            self.push_replaced(mark, range);
        } else if BLOCKS.contains(&name.as_str()) && !inline {
            self.end_html_block();
            if name == "blockquote" {
                let cite = attrs.iter().find(|(k, _)| k == "cite").map(|(_, v)| v.clone());
                self.doc.blockquotes.push(BlockQuote { span: range.clone().into(), html: true, cite });
                element.quote = Some(self.doc.blockquotes.len() - 1);
                if let Some(figure) = self.html.stack.iter_mut().rev().find(|e| e.name == "figure") {
                    figure.quote_figure = true;
                }
            }
            let in_quote = self.html.stack.iter().any(|e| e.quote.is_some() || e.quote_figure);
            self.html.signature = in_quote && (name == "cite" || name == "figcaption");
        }
        self.html.stack.push(element);
    }

    /// Whether an element is a pull quote, not prose unless the newsroom lists it.
    fn pull_quote(&self, name: &str, class: &str) -> bool {
        let words = std::iter::once(name).chain(class.split_whitespace());
        words.into_iter().any(|w| {
            let w: String = w.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
            PULL_QUOTES.contains(&w.as_str()) && !self.prose_tags.iter().any(|t| super::template::same_name(t, &w))
        })
    }

    fn close_element(&mut self, name: &str, range: Range<usize>) {
        let Some(at) = self.html.stack.iter().rposition(|e| e.name == name) else { return };
        let closing: Vec<Element> = self.html.stack.drain(at..).collect();
        if self.html.opaque() || closing.first().is_some_and(|e| e.opaque) {
            return;
        }
        if name == "q" {
            let mark = if self.html.q_depth() % 2 == 0 { "”" } else { "’" };
            if self.current.is_some() {
                self.push_replaced(mark, range.clone());
            }
        }
        for e in &closing {
            if let Some(i) = e.quote {
                if let Some(bq) = self.doc.blockquotes.get_mut(i) {
                    bq.span.end = bq.span.end.max(range.end);
                }
            }
        }
        if closing.iter().any(|e| BLOCKS.contains(&e.name.as_str())) {
            self.end_html_block();
            self.html.signature = false;
        }
    }

    fn html_text(&mut self, text: &str, range: Range<usize>, tokenized: Tokenized<'_>) {
        if self.html.opaque() {
            return;
        }
        if self.current.is_none() {
            if text.trim().is_empty() {
                return;
            }
            self.open_html_block(range.start);
        }
        self.push_aligned(text, range, tokenized);
    }

    /// Opens a prose block for HTML text unless one is open.
    fn open_html_block(&mut self, at: usize) {
        if self.current.is_some() {
            return;
        }
        let kind = self.html.stack.iter().rev().find_map(|e| match e.name.as_str() {
            "li" => Some(BlockKind::ListItem),
            "td" | "th" => Some(BlockKind::TableCell),
            "figcaption" => Some(BlockKind::Caption),
            h if h.len() == 2 && h.starts_with('h') => h[1..].parse().ok().map(BlockKind::Heading),
            _ => None,
        });
        self.open(kind.unwrap_or(BlockKind::Paragraph), at..at);
        self.html.block_open = true;
    }

    fn end_html_block(&mut self) {
        if self.html.block_open {
            self.flush();
        }
    }

    /// Pushes text the tokenizer decoded from `range`: stretches that are
    /// the source bytes map byte for byte; an entity or a line ending the
    /// tokenizer normalised maps as a whole.
    fn push_aligned(&mut self, text: &str, range: Range<usize>, tokenized: Tokenized<'_>) {
        // aligned with what the tokenizer read: the file's bytes, or blanks
        // of the same length where it had container markers or a CR
        let local = range.start.saturating_sub(tokenized.base)..range.end.saturating_sub(tokenized.base);
        let source = tokenized.html.get(local).unwrap_or_default();
        let (mut i, mut j) = (0, 0);
        let mut run = 0; // where the current verbatim run started, in `text`
        while let Some(c) = text.get(j..).and_then(|t| t.chars().next()) {
            // `&amp;` decodes to `&`, which also matches the source's `&`
            let reference = c == '&' && source.get(i..).and_then(entity_len).is_some_and(|n| n > 1);
            if !reference && source.get(i..).is_some_and(|s| s.starts_with(c)) {
                i += c.len_utf8();
                j += c.len_utf8();
                continue;
            }
            if j > run {
                self.push_piece(text.get(run..j).unwrap_or_default(), range.start + i - (j - run), true);
            }
            let rest = source.get(i..).unwrap_or_default();
            let decoded = replaced(rest, text.get(j..).unwrap_or_default());
            let decoded = decoded.or_else(|| reference.then_some((c.len_utf8(), c.len_utf8())));
            let Some((used, produced)) = decoded else {
                // cannot follow the decoding: the rest maps as a whole
                self.push(text.get(j..).unwrap_or_default(), range.start + i..range.end, false);
                return;
            };
            self.push(
                text.get(j..j + produced).unwrap_or_default(),
                range.start + i..range.start + i + used,
                false,
            );
            i += used;
            j += produced;
            run = j;
        }
        if j > run {
            self.push_piece(text.get(run..j).unwrap_or_default(), range.start + i - (j - run), true);
        }
    }

    fn push_piece(&mut self, text: &str, source_start: usize, verbatim: bool) {
        self.push(text, source_start..source_start + text.len(), verbatim);
    }
}

/// A start tag being read: its name, where it starts, its attributes.
type StartTag = (String, usize, Vec<(String, String)>);

/// The text the tokenizer read, and where it starts in the file.
#[derive(Clone, Copy)]
struct Tokenized<'a> {
    html: &'a str,
    base: usize,
}

/// A stretch of `source` the tokenizer replaced, and how many bytes of
/// `decoded` it became: a character reference, or a CR line ending.
fn replaced(source: &str, decoded: &str) -> Option<(usize, usize)> {
    let used = if source.starts_with("\r\n") {
        2
    } else if source.starts_with('\r') || source.starts_with('\0') {
        1
    } else if source.starts_with('&') {
        entity_len(source)?
    } else {
        return None;
    };
    let after = source.get(used..)?;
    // the decoded characters run until the text matches the source again
    let mut produced = 0;
    for c in decoded.chars().take(2) {
        produced += c.len_utf8();
        let rest = decoded.get(produced..)?;
        let resumes = match rest.chars().next() {
            None => after.is_empty(),
            Some(n) => after.starts_with(n) || after.starts_with(['&', '\r']),
        };
        if resumes {
            return Some((used, produced));
        }
    }
    None
}

/// Length of a character reference at the start of `s`: `&#8220;`, `&#x201C;`, `&ldquo;`.
fn entity_len(s: &str) -> Option<usize> {
    let body = s.get(1..)?;
    let digits = if let Some(hex) = body.strip_prefix("#x").or_else(|| body.strip_prefix("#X")) {
        2 + hex.chars().take_while(char::is_ascii_hexdigit).count()
    } else if let Some(dec) = body.strip_prefix('#') {
        1 + dec.chars().take_while(char::is_ascii_digit).count()
    } else {
        body.chars().take_while(char::is_ascii_alphanumeric).count()
    };
    if digits == 0 {
        return None;
    }
    let semicolon = usize::from(body.get(digits..).is_some_and(|r| r.starts_with(';')));
    Some(1 + digits + semicolon)
}

#[cfg(test)]
mod tests {
    use super::super::{parse, BlockKind, Document};

    fn texts(doc: &Document) -> Vec<&str> {
        doc.blocks.iter().map(|b| b.text.trim()).collect()
    }

    fn source_of<'a>(src: &'a str, doc: &Document, needle: &str) -> &'a str {
        let b = doc.blocks.iter().find(|b| b.text.contains(needle)).expect("needle in prose");
        let at = b.text.find(needle).unwrap_or(0);
        &src[b.source_span(at..at + needle.len()).range()]
    }

    #[test]
    fn text_of_html_is_prose_and_attributes_are_not() {
        let src = "<figure>\n  <img src=\"x.jpg\" alt=\"Ana Ruiz (she/her) “smiling”\">\n  <figcaption>The dock, called “the old pier” by locals.</figcaption>\n</figure>\n";
        let doc = parse(src);
        assert_eq!(texts(&doc), ["The dock, called “the old pier” by locals."]);
        assert_eq!(source_of(src, &doc, "“the old pier”"), "“the old pier”");
    }

    #[test]
    fn entities_and_crlf_map_to_their_source() {
        let src = "<p>Tonight&#39;s vote &mdash; “closes\r\n two” &amp; more.</p>\n";
        let doc = parse(src);
        assert_eq!(texts(&doc), ["Tonight's vote — “closes \n two” & more."]);
        assert_eq!(source_of(src, &doc, "'"), "&#39;");
        assert_eq!(source_of(src, &doc, "— “closes"), "&mdash; “closes");
        assert_eq!(source_of(src, &doc, "two” & more"), "two” &amp; more");
    }

    #[test]
    fn blockquote_cite_and_signature() {
        let src = "<blockquote cite=\"https://x.org/r\">\n  <p>“It works,” she said.</p>\n  <cite>Ana Ruiz, Daily</cite>\n</blockquote>\n";
        let doc = parse(src);
        assert_eq!(doc.blockquotes.len(), 1);
        assert!(doc.blockquotes[0].html);
        assert_eq!(doc.blockquotes[0].cite.as_deref(), Some("https://x.org/r"));
        assert_eq!(texts(&doc), ["“It works,” she said.", "Ana Ruiz, Daily"]);
        assert!(doc.blocks.iter().all(|b| b.blockquote() == Some(0)));
        assert!(doc.signature(1).is_some() && doc.signature(0).is_none());
    }

    #[test]
    fn q_reads_as_quotation_marks() {
        let src = "He said <q>we <q>won</q> today</q> and left.\n";
        let doc = parse(src);
        assert_eq!(texts(&doc), ["He said “we ‘won’ today” and left."]);
        assert_eq!(source_of(src, &doc, "“"), "<q>");
    }

    #[test]
    fn scripts_code_and_pull_quotes_are_not_prose() {
        let src = "<div>\n<script>var q = \"x\";</script>\n<aside class=\"pull-quote\">“Repeated.”</aside>\n<pre>\"code\"</pre>\n<p>Kept.</p>\n</div>\n";
        assert_eq!(texts(&parse(src)), ["Kept."]);
    }

    #[test]
    fn an_html_block_split_by_a_blank_line_is_one_block() {
        let src = "<div class=\"callout\">\nHolt said: “We have\n\ndone this before,” she said.\n</div>\n\nNext.";
        let doc = parse(src);
        assert_eq!(doc.blocks.len(), 2, "{:?}", texts(&doc));
        assert!(doc.blocks[0].text.contains("“We have\ndone this before,”"));
        assert_eq!(doc.blocks[0].kind(), BlockKind::Paragraph);
    }

    #[test]
    fn html_in_a_markdown_blockquote_keeps_offsets() {
        let src = "> <p>“One,”\n> she said.</p>\n";
        let doc = parse(src);
        assert_eq!(source_of(src, &doc, "she said."), "she said.");
    }
}
