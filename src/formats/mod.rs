//! Drafts as newsrooms write them: Markdown, plain text, HTML pages and Word
//! documents, each read into the same prose blocks with a map back to the
//! file ([`crate::markdown::Document`]), so that everything after reading is
//! the same whatever the format.
//!
//! | format   | read as                                              | positions            |
//! |----------|------------------------------------------------------|----------------------|
//! | Markdown | CommonMark + GFM, HTML inside it ([`crate::markdown`]) | line:column          |
//! | text     | blank-line paragraphs, or one a line ([`text`])      | line:column          |
//! | HTML     | block elements' text, after decoding ([`html`])      | line:column          |
//! | docx     | `word/document.xml` paragraphs ([`docx`])            | ¶paragraph:character |

pub mod docx;
pub mod html;
pub mod text;

use crate::markdown::{self, Document, ParseOptions};
use crate::source::{self, InputFormat, ReadError, SourceFile};

/// A draft read from its bytes, and what the user should hear about how.
#[derive(Debug)]
pub struct Loaded {
    pub file: SourceFile,
    /// Problems that did not stop the read ("declares windows-1252 but is UTF-8").
    pub warnings: Vec<String>,
}

/// How many times the file size limit a Word document's text part may
/// inflate to: far above any story (XML is verbose, and deflate shrinks it
/// about tenfold), far below what a zip bomb unpacks to.
pub const DOCX_INFLATE_FACTOR: u64 = 8;

/// Reads `bytes` as a draft in `format`, naming it `path`. `limit` is the
/// size limit of one file; a Word document's text may inflate to
/// [`DOCX_INFLATE_FACTOR`] times it.
pub fn load(path: String, bytes: Vec<u8>, format: InputFormat, limit: u64) -> Result<Loaded, ReadError> {
    match format {
        InputFormat::Markdown | InputFormat::Text => {
            let file = source::decode(path, bytes)?.with_format(format);
            Ok(Loaded { file, warnings: Vec::new() })
        }
        InputFormat::Html => {
            let decoded = html::decode(&path, bytes)?;
            let mut file = SourceFile::new(path, decoded.text).with_format(format);
            file.decoded_from = decoded.encoding;
            Ok(Loaded { file, warnings: decoded.warnings })
        }
        InputFormat::Docx => {
            let part_limit = limit.saturating_mul(DOCX_INFLATE_FACTOR);
            let extracted = docx::extract(&bytes, part_limit).map_err(|message| ReadError::Unreadable {
                path: path.clone(),
                at: None,
                message,
            })?;
            let mut file = SourceFile::new(path, extracted.text).with_format(format);
            file.styles = extracted.styles;
            file.declared_language = extracted.language;
            Ok(Loaded { file, warnings: Vec::new() })
        }
    }
}

/// Reads a draft into prose blocks, as its format says.
pub fn parse(file: &SourceFile, options: ParseOptions<'_>) -> Document {
    match file.format {
        InputFormat::Markdown => markdown::parse_with(&file.text, options),
        InputFormat::Text => text::parse(&file.text),
        InputFormat::Html => markdown::parse_html_page(&file.text, options),
        InputFormat::Docx => text::parse_paragraph_lines(&file.text, &file.styles),
    }
}

/// The language a draft declares for itself, as a BCP 47 tag: front matter
/// (`lang: fr`, `language: fr`), an HTML page's `<html lang>`, a Word
/// document's run languages.
pub fn declared_language<'a>(file: &'a SourceFile, doc: &Document) -> Option<&'a str> {
    match file.format {
        InputFormat::Html => html::declared_language(&file.text),
        InputFormat::Docx => file.declared_language.as_deref(),
        InputFormat::Markdown | InputFormat::Text => {
            let fm = doc.front_matter?;
            front_matter_language(file.text.get(fm.range())?)
        }
    }
}

/// `lang: fr` / `language: "fr"` (YAML) or `lang = "fr"` (TOML) at the top level of front matter.
fn front_matter_language(block: &str) -> Option<&str> {
    block.lines().find_map(|line| {
        // top level only: an indented `lang:` belongs to something else
        let (key, value) = line.split_once([':', '='])?;
        if !matches!(key.trim_end(), "lang" | "language") || line.starts_with([' ', '\t']) {
            return None;
        }
        let value = value.split(" #").next().unwrap_or_default().trim().trim_matches(['"', '\'']);
        (!value.is_empty()).then_some(value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_names_the_language() {
        assert_eq!(front_matter_language("---\ntitle: x\nlang: fr\n---\n"), Some("fr"));
        assert_eq!(front_matter_language("+++\nlanguage = \"fr-CA\" # Quebec desk\n+++\n"), Some("fr-CA"));
        assert_eq!(front_matter_language("---\nauthor:\n  lang: fr\n---\n"), None);
        assert_eq!(front_matter_language("---\nslang: yes\n---\n"), None);
    }

    #[test]
    fn each_format_is_read_by_its_reader() {
        let load = |name: &str, text: &str| {
            let format = InputFormat::from_path(std::path::Path::new(name)).unwrap();
            load(name.into(), text.as_bytes().to_vec(), format, 1 << 20).unwrap().file
        };
        let md = load("a.md", "# Title\n\n*“Hi,”* she said.\n");
        let txt = load("a.txt", "# Title\n\n*“Hi,”* she said.\n");
        let page =
            load("a.html", "<html lang=fr><nav><p>Menu “x”</p></nav><h1>Title</h1><p><q>Hi,</q> she said.</p>");
        let texts = |f: &SourceFile| -> Vec<String> {
            parse(f, ParseOptions::default()).blocks.iter().map(|b| b.text.to_string()).collect()
        };
        assert_eq!(texts(&md), ["Title", "“Hi,” she said."]);
        assert_eq!(texts(&txt), ["# Title", "*“Hi,”* she said."]);
        assert_eq!(texts(&page), ["Title", "“Hi,” she said."]);
        let doc = parse(&page, ParseOptions::default());
        assert_eq!(declared_language(&page, &doc), Some("fr"));
    }
}
