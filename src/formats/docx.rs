//! Word documents (`.docx`): the paragraphs of `word/document.xml`, in
//! document order, one line each of the text the rest of the pipeline reads.
//!
//! What counts as the story's text, as Word shows it with changes accepted:
//! runs (`w:t`) as typed, smart quotes and all; tracked insertions
//! (`w:ins`) and moves in (`w:moveTo`) kept, deletions (`w:del`) and moves
//! out (`w:moveFrom`) left out; tabs and line breaks inside a paragraph read
//! as spaces, so a paragraph stays one line. Not the story: footnotes,
//! endnotes, comments, headers and footers (other parts of the package,
//! never opened), field codes (`w:instrText`), and text boxes (layout, like
//! a pull quote). Paragraphs are numbered from 1 in document order, empty
//! ones and those in table cells included: `story.docx:¶12:40` is the 40th
//! character of the 12th paragraph.

use crate::source::ParagraphStyle;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::io::{Cursor, Read};

/// The part holding the document's body.
const DOCUMENT_PART: &str = "word/document.xml";

/// A Word document's text: one line a paragraph.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    pub text: String,
    /// Paragraphs (0-based) whose style makes them a heading, list item or caption.
    pub styles: Vec<(usize, ParagraphStyle)>,
    /// The language most of the document's runs are marked with (`fr-FR`).
    pub language: Option<String>,
}

/// Extracts the text of a `.docx` file's bytes. `part_limit` bounds the
/// inflated size of the document part (a zip bomb is refused, not inflated).
pub fn extract(bytes: &[u8], part_limit: u64) -> Result<Extracted, String> {
    // a password-protected document is an OLE compound file wrapping the encrypted package
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err("is password-protected (encrypted) or an old binary Word file (.doc): \
                    save it as a .docx without a password to check it"
            .to_string());
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("is not a Word document: not a readable zip archive ({e}); is it truncated?"))?;
    let mut part = match archive.by_name(DOCUMENT_PART) {
        Ok(part) => part,
        Err(zip::result::ZipError::FileNotFound) => {
            return Err(format!("is not a Word document: the archive has no {DOCUMENT_PART}"))
        }
        Err(e) => return Err(format!("cannot open {DOCUMENT_PART}: {e}")),
    };
    if part.encrypted() {
        return Err(format!("{DOCUMENT_PART} is encrypted: save the document without a password to check it"));
    }
    if part.size() > part_limit {
        return Err(format!(
            "{DOCUMENT_PART} would inflate to {}, over the {} limit (a zip bomb?); skipped",
            crate::size::human_size(part.size()),
            crate::size::human_size(part_limit)
        ));
    }
    // the declared size can lie: stop one byte past the limit whatever it says
    let mut xml = Vec::with_capacity(usize::try_from(part.size()).unwrap_or(0).min(1 << 24));
    (&mut part)
        .take(part_limit.saturating_add(1))
        .read_to_end(&mut xml)
        .map_err(|e| format!("{DOCUMENT_PART} is damaged: {e}"))?;
    if xml.len() as u64 > part_limit {
        return Err(format!(
            "{DOCUMENT_PART} inflates past the {} limit (a zip bomb?); skipped",
            crate::size::human_size(part_limit)
        ));
    }
    paragraphs(&xml)
}

/// What the reader is inside of, as it matters for the text.
#[derive(Debug, Default)]
struct State {
    text: String,
    styles: Vec<(usize, ParagraphStyle)>,
    /// Paragraphs finished so far.
    count: usize,
    /// Depth of elements whose text is not the story's (deletions, field codes, text boxes).
    hidden: usize,
    /// Inside `w:t`.
    in_text: bool,
    /// A paragraph is open.
    in_paragraph: bool,
    style: Option<ParagraphStyle>,
    languages: Vec<(String, usize)>,
}

/// Elements whose content is left out.
fn hides(local: &[u8]) -> bool {
    matches!(local, b"del" | b"moveFrom" | b"instrText" | b"delInstrText" | b"txbxContent" | b"Fallback")
}

/// Reads the paragraphs of `word/document.xml`.
pub fn paragraphs(xml: &[u8]) -> Result<Extracted, String> {
    let mut reader = Reader::from_reader(xml);
    let mut state = State::default();
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| {
            format!("{DOCUMENT_PART} is not well-formed XML at byte {}: {e}", reader.error_position())
        })?;
        match event {
            Event::Start(e) => state.open(&e, false),
            Event::Empty(e) => state.open(&e, true),
            Event::End(e) => state.close(e.local_name().as_ref()),
            Event::Text(t) if state.in_text && state.hidden == 0 => {
                let text = t.decode().map_err(|e| format!("{DOCUMENT_PART}: {e}"))?;
                state.push_text(&text);
            }
            Event::CData(t) if state.in_text && state.hidden == 0 => {
                let text = t.decode().map_err(|e| format!("{DOCUMENT_PART}: {e}"))?;
                state.push_text(&text);
            }
            Event::GeneralRef(r) if state.in_text && state.hidden == 0 => {
                let c = if r.is_char_ref() {
                    r.resolve_char_ref().ok().flatten()
                } else {
                    let name = r.decode().unwrap_or_default();
                    quick_xml::escape::resolve_predefined_entity(&name).and_then(|s| s.chars().next())
                };
                if let Some(c) = c {
                    state.push_text(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if state.in_paragraph {
        return Err(format!("{DOCUMENT_PART} ends inside a paragraph: the document is truncated"));
    }
    if state.text.ends_with('\n') {
        state.text.pop();
    }
    state.languages.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let language = state.languages.into_iter().next().map(|(l, _)| l);
    Ok(Extracted { text: state.text, styles: state.styles, language })
}

fn attribute(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

impl State {
    fn open(&mut self, e: &BytesStart<'_>, empty: bool) {
        let name = e.local_name();
        let local = name.as_ref();
        if hides(local) {
            if !empty {
                self.hidden += 1;
            }
            return;
        }
        if self.hidden > 0 {
            return;
        }
        match local {
            b"p" if !empty => {
                self.in_paragraph = true;
                self.style = None;
            }
            b"p" => self.end_paragraph(),
            b"t" if !empty => self.in_text = true,
            b"tab" | b"br" | b"cr" if self.in_paragraph => self.push_text(" "),
            b"noBreakHyphen" if self.in_paragraph => self.push_text("\u{2011}"),
            b"pStyle" => self.style = attribute(e, b"val").and_then(|v| style(&v)).or(self.style),
            b"numPr" if self.style.is_none() => self.style = Some(ParagraphStyle::ListItem),
            b"lang" => {
                if let Some(lang) = attribute(e, b"val") {
                    match self.languages.iter_mut().find(|(l, _)| *l == lang) {
                        Some((_, n)) => *n += 1,
                        None => self.languages.push((lang, 1)),
                    }
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, local: &[u8]) {
        if hides(local) {
            self.hidden = self.hidden.saturating_sub(1);
            return;
        }
        if self.hidden > 0 {
            return;
        }
        match local {
            b"t" => self.in_text = false,
            b"p" => self.end_paragraph(),
            _ => {}
        }
    }

    fn push_text(&mut self, text: &str) {
        if !self.in_paragraph {
            return;
        }
        // a paragraph is one line: no line ending may come from inside it
        self.text.extend(text.chars().map(|c| if c.is_control() { ' ' } else { c }));
    }

    fn end_paragraph(&mut self) {
        if let Some(style) = self.style.take() {
            self.styles.push((self.count, style));
        }
        self.text.push('\n');
        self.count += 1;
        self.in_paragraph = false;
        self.in_text = false;
    }
}

/// The kind a paragraph style gives: `Heading1`…`Heading9`, `Title`, `Caption`, `ListParagraph`.
fn style(id: &str) -> Option<ParagraphStyle> {
    let lower = id.to_ascii_lowercase();
    if lower == "title" {
        return Some(ParagraphStyle::Heading(1));
    }
    if let Some(level) = lower.strip_prefix("heading").and_then(|n| n.trim().parse::<u8>().ok()) {
        return Some(ParagraphStyle::Heading(level.clamp(1, 6)));
    }
    match lower.as_str() {
        "caption" => Some(ParagraphStyle::Caption),
        "listparagraph" | "listbullet" | "listnumber" => Some(ParagraphStyle::ListItem),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    fn body(paragraphs: &str) -> Vec<u8> {
        format!("<?xml version=\"1.0\"?><w:document {W}><w:body>{paragraphs}</w:body></w:document>").into_bytes()
    }

    #[test]
    fn runs_insertions_and_entities_are_text_deletions_are_not() {
        let xml = body(concat!(
            "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>Ferry talks</w:t></w:r></w:p>",
            "<w:p/>",
            "<w:p><w:r><w:t xml:space=\"preserve\">“We </w:t></w:r>",
            "<w:del><w:r><w:delText>never </w:delText></w:r></w:del>",
            "<w:ins><w:r><w:t>will</w:t></w:r></w:ins>",
            "<w:r><w:t>,” she said &amp; left.</w:t><w:tab/><w:t>End</w:t></w:r>",
            "<w:r><w:fldChar/><w:instrText>HYPERLINK \"x\"</w:instrText></w:r></w:p>",
        ));
        let e = paragraphs(&xml).unwrap();
        assert_eq!(e.text, "Ferry talks\n\n“We will,” she said & left. End");
        assert_eq!(e.styles, [(0, ParagraphStyle::Heading(1))]);
    }

    #[test]
    fn text_boxes_footnote_marks_and_languages() {
        let xml = body(concat!(
            "<w:p><w:r><w:rPr><w:lang w:val=\"fr-FR\"/></w:rPr><w:t>« Oui », dit-il.</w:t></w:r>",
            "<w:r><w:footnoteReference w:id=\"1\"/></w:r>",
            "<w:r><w:pict><w:txbxContent><w:p><w:r><w:t>Pull quote</w:t></w:r></w:p></w:txbxContent></w:pict></w:r></w:p>",
            "<w:p><w:pPr><w:numPr/></w:pPr><w:r><w:rPr><w:lang w:val=\"fr-FR\"/></w:rPr><w:t>Point</w:t></w:r></w:p>",
            "<w:p><w:r><w:rPr><w:lang w:val=\"en-US\"/></w:rPr><w:t>x</w:t></w:r></w:p>",
        ));
        let e = paragraphs(&xml).unwrap();
        assert_eq!(e.text, "« Oui », dit-il.\nPoint\nx");
        assert_eq!(e.styles, [(1, ParagraphStyle::ListItem)]);
        assert_eq!(e.language.as_deref(), Some("fr-FR"));
    }

    #[test]
    fn broken_xml_and_a_cut_paragraph_are_errors() {
        let err = paragraphs(b"<w:document><w:body><w:p><w:r><w:t>x</w:r></w:p>").unwrap_err();
        assert!(err.contains("not well-formed XML"), "{err}");
        let err = paragraphs(&body("<w:p><w:r><w:t>cut")[..60]).unwrap_err();
        assert!(err.contains("truncated") || err.contains("not well-formed"), "{err}");
    }

    #[test]
    fn not_a_zip_and_encrypted_files_are_named_as_such() {
        let err = extract(b"PK\x03\x04 not really", 1 << 20).unwrap_err();
        assert!(err.starts_with("is not a Word document: not a readable zip archive"), "{err}");
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.extend_from_slice(&[0; 512]);
        assert!(extract(&ole, 1 << 20).unwrap_err().starts_with("is password-protected"));
    }
}
