//! Plain text (wire copy, archives, the story this project started from):
//! paragraphs are separated by blank lines or, in a file with no blank line
//! between two lines of text, each line is a paragraph. Nothing is Markdown:
//! `*`, `#`, `>` and `1.` are the writer's own characters.
//!
//! Two things are read as they are in Markdown, so that a draft keeps its
//! settings whichever format it is saved in: front matter at the very top
//! (`lang: fr`, file-wide suppressions), and a line that is nothing but an
//! HTML comment (`<!-- quotelint-disable QA001 -->`), a suppression directive.

use crate::markdown::{front_matter_len, BlockKind, Document, HtmlComment, OffsetMap, ProseBlock};
use crate::span::Span;

/// One line of the file: where its text is (without the line ending) and
/// where the next line starts.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    next: usize,
}

/// The lines of `text` from byte `from`, with `\n`, `\r\n` or a lone `\r` as line endings.
fn lines(text: &str, from: usize) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = from;
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push(Line { start, end: i, next: i + 1 });
                start = i + 1;
            }
            b'\r' => {
                let next = if bytes.get(i + 1) == Some(&b'\n') { i + 2 } else { i + 1 };
                out.push(Line { start, end: i, next });
                start = next;
                i = next;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    if start < bytes.len() {
        out.push(Line { start, end: bytes.len(), next: bytes.len() });
    }
    out
}

/// A line that is only a comment: `<!-- … -->`, its body trimmed.
fn comment(line: &str) -> Option<&str> {
    line.trim().strip_prefix("<!--")?.strip_suffix("-->").map(str::trim)
}

/// Parses a plain-text draft; offsets in the result are into `text`.
pub fn parse(text: &str) -> Document {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let fm = front_matter_len(text.get(bom..).unwrap_or_default());
    let mut doc = Document { front_matter: fm.map(|len| Span::new(bom, bom + len)), ..Document::default() };
    let all = lines(text, bom + fm.unwrap_or(0));
    let line_text = |l: &Line| text.get(l.start..l.end).unwrap_or_default();
    let blank = |l: &Line| line_text(l).trim().is_empty() || comment(line_text(l)).is_some();
    // wire copy: no blank line between two lines of text anywhere
    let first = all.iter().position(|l| !blank(l));
    let last = all.iter().rposition(|l| !blank(l));
    let one_a_line = match (first, last) {
        (Some(a), Some(b)) => !all[a..=b].iter().any(|l| line_text(l).trim().is_empty()),
        _ => true,
    };
    let mut paragraph: Vec<Line> = Vec::new();
    for line in &all {
        if let Some(body) = comment(line_text(line)) {
            let lead = line_text(line).len() - line_text(line).trim_start().len();
            let trimmed = line_text(line).trim().len();
            let span = Span::new(line.start + lead, line.start + lead + trimmed);
            doc.comments.push(HtmlComment { span, body: body.to_string() });
        }
        if blank(line) {
            push_paragraph(text, &mut paragraph, &mut doc);
            continue;
        }
        paragraph.push(*line);
        if one_a_line {
            push_paragraph(text, &mut paragraph, &mut doc);
        }
    }
    push_paragraph(text, &mut paragraph, &mut doc);
    doc
}

/// Makes a prose block of the lines gathered, each without its leading and
/// trailing blanks, joined by `\n` (mapped to the line ending as written).
fn push_paragraph(text: &str, lines: &mut Vec<Line>, doc: &mut Document) {
    if lines.is_empty() {
        return;
    }
    let mut prose = String::new();
    let mut map = OffsetMap::default();
    let mut span: Option<Span> = None;
    let last = lines.len() - 1;
    for (i, line) in lines.drain(..).enumerate() {
        let raw = text.get(line.start..line.end).unwrap_or_default();
        let lead = raw.len() - raw.trim_start().len();
        let content = raw.trim();
        let start = line.start + lead;
        map.push(prose.len(), content.len(), start..start + content.len(), true);
        prose.push_str(content);
        let end = start + content.len();
        span = Some(span.map_or(Span::new(start, end), |s| Span::new(s.start, end)));
        if i < last {
            // the line break, as a soft break is in Markdown
            map.push(prose.len(), 1, end..line.next, false);
            prose.push('\n');
        }
    }
    let Some(span) = span else { return };
    let signature = crate::markdown::signature::find(&prose);
    doc.push_block(ProseBlock::new(BlockKind::Paragraph, None, prose, map, span), signature);
}

/// Prose blocks for text that is one paragraph a line (the text of a Word
/// document, as extracted): every line that is not blank is a block, with
/// the kind its paragraph's style gives it.
pub fn parse_paragraph_lines(text: &str, styles: &[(usize, crate::source::ParagraphStyle)]) -> Document {
    use crate::source::ParagraphStyle;
    let mut doc = Document::default();
    for (n, line) in lines(text, 0).iter().enumerate() {
        if text.get(line.start..line.end).unwrap_or_default().trim().is_empty() {
            continue;
        }
        let before = doc.blocks.len();
        push_paragraph(text, &mut vec![*line], &mut doc);
        let Some(block) = doc.blocks.get_mut(before) else { continue };
        block.set_kind(match styles.iter().find(|(at, _)| *at == n).map(|(_, s)| *s) {
            Some(ParagraphStyle::Heading(level)) => BlockKind::Heading(level),
            Some(ParagraphStyle::ListItem) => BlockKind::ListItem,
            Some(ParagraphStyle::Caption) => BlockKind::Caption,
            None => BlockKind::Paragraph,
        });
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(doc: &Document) -> Vec<&str> {
        doc.blocks.iter().map(|b| &*b.text).collect()
    }

    fn source_of<'a>(src: &'a str, doc: &Document, needle: &str) -> &'a str {
        let b = doc.blocks.iter().find(|b| b.text.contains(needle)).expect("needle in prose");
        let at = b.text.find(needle).unwrap_or(0);
        &src[b.source_span(at..at + needle.len()).range()]
    }

    #[test]
    fn blank_lines_separate_paragraphs_and_nothing_is_markdown() {
        let src = "# Not a heading\n\n* \"Star,\" she said.\r\nMore of it.\n\n  > 1. Kept as written.  \n";
        let doc = parse(src);
        assert_eq!(
            texts(&doc),
            ["# Not a heading", "* \"Star,\" she said.\nMore of it.", "> 1. Kept as written."]
        );
        assert!(doc.blocks.iter().all(|b| b.kind() == BlockKind::Paragraph));
        assert_eq!(source_of(src, &doc, "said.\nMore"), "said.\r\nMore");
        assert_eq!(source_of(src, &doc, "> 1."), "> 1.");
    }

    #[test]
    fn wire_copy_without_blank_lines_is_one_paragraph_a_line() {
        let src = "PARIS (AFP) - Headline here\n\"One,\" he said.\r\"Two,\" she said.\n";
        let doc = parse(src);
        assert_eq!(texts(&doc), ["PARIS (AFP) - Headline here", "\"One,\" he said.", "\"Two,\" she said."]);
        assert_eq!(source_of(src, &doc, "\"Two,\""), "\"Two,\"");
    }

    #[test]
    fn front_matter_bom_and_directive_comments() {
        let src = "\u{feff}---\nlang: fr\n---\n<!-- quotelint-disable QA001 -->\n\n« Oui », dit-il.\n";
        let doc = parse(src);
        assert_eq!(doc.front_matter, Some(Span::new(3, 3 + 17)));
        assert_eq!(doc.comments.len(), 1);
        assert_eq!(doc.comments[0].body, "quotelint-disable QA001");
        assert_eq!(&src[doc.comments[0].span.range()], "<!-- quotelint-disable QA001 -->");
        assert_eq!(texts(&doc), ["« Oui », dit-il."]);
    }

    #[test]
    fn paragraph_lines_take_their_styles() {
        let text = "Title\n\nBody “text”.\nCaption";
        let styles = [(0, crate::source::ParagraphStyle::Heading(1)), (3, crate::source::ParagraphStyle::Caption)];
        let doc = parse_paragraph_lines(text, &styles);
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind()).collect();
        assert_eq!(kinds, [BlockKind::Heading(1), BlockKind::Paragraph, BlockKind::Caption]);
        assert_eq!(source_of(text, &doc, "“text”"), "“text”");
    }
}
