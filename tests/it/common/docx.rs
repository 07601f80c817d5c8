//! Word documents written for the tests: a minimal, valid `.docx` package
//! (content types, the package relationship, the document part) made with
//! the zip crate, so no fixture is a binary blob of unknown origin.

use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// XML text content, escaped.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A paragraph whose text is split into runs at every `|` (as Word splits
/// text where formatting or spell-checking changed), with an optional style.
pub fn paragraph(text: &str, style: Option<&str>) -> String {
    let props = style.map_or(String::new(), |s| format!("<w:pPr><w:pStyle w:val=\"{s}\"/></w:pPr>"));
    let runs: String = text
        .split('|')
        .map(|run| format!("<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>", escape(run)))
        .collect();
    format!("<w:p>{props}{runs}</w:p>")
}

/// The document part around `body` (paragraphs' XML).
pub fn document_xml(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document \
         xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr/></w:body></w:document>"
    )
}

/// A `.docx` package whose document part is `document`.
pub fn package(document: &str) -> Vec<u8> {
    package_with(&[("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS), ("word/document.xml", document)])
}

/// A zip of `parts`, deflated.
pub fn package_with(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, content) in parts {
        zip.start_file(*name, options).expect("zip entry");
        zip.write_all(content.as_bytes()).expect("zip entry written");
    }
    zip.finish().expect("zip finished").into_inner()
}

/// A `.docx` of plain paragraphs (runs split at `|`).
pub fn docx(paragraphs: &[&str]) -> Vec<u8> {
    let body: String = paragraphs.iter().map(|p| paragraph(p, None)).collect();
    package(&document_xml(&body))
}
