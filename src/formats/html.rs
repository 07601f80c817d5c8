//! HTML pages (`.html`, `.htm`): the bytes decoded as the page declares,
//! then read into prose by the Markdown reader's HTML tokenizer
//! ([`crate::markdown::parse_html_page`]).
//!
//! Encodings, as a browser decides them (the WHATWG prescan, simplified):
//! a byte-order mark wins; else the first `<meta charset>` (or
//! `http-equiv="Content-Type"`) in the first 1024 bytes; else UTF-8. Any
//! label the Encoding Standard knows is decoded (windows-1252, ISO-8859-1,
//! which browsers read as windows-1252, Shift_JIS, …). Two declarations that
//! disagree: the first wins, with a warning. A page that declares a legacy
//! encoding but whose bytes are UTF-8 (a CMS template that was never
//! updated) is read as UTF-8, with a warning, since that is what the writer
//! typed. A page not in UTF-8 has its offsets into the decoded text; its
//! lines and columns are the file's.

use crate::source::{self, ReadError};
use encoding_rs::Encoding;

/// How far into the file a browser looks for a `<meta>` declaration.
const PRESCAN: usize = 1024;

/// A page's text, decoded, and what is worth telling the user about how.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// The encoding's name when it was not UTF-8.
    pub encoding: Option<&'static str>,
    pub warnings: Vec<String>,
}

/// One `<meta>` declaration: its label and the byte offset of the tag.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Declaration {
    label: String,
    at: usize,
}

/// Decodes a page's bytes, naming it `path` in errors and warnings.
pub fn decode(path: &str, bytes: Vec<u8>) -> Result<Decoded, ReadError> {
    if let Some((encoding, _)) = Encoding::for_bom(&bytes) {
        if encoding != encoding_rs::UTF_8 {
            let (text, had_errors) = encoding.decode_without_bom_handling(&bytes);
            return finish(path, text.into_owned(), had_errors, encoding, Vec::new());
        }
        // a UTF-8 BOM stays in the text, so offsets are the file's
        return utf8(path, bytes, None).map(|text| Decoded { text, encoding: None, warnings: Vec::new() });
    }
    let declarations = declarations(&bytes);
    let mut warnings = Vec::new();
    if let Some(other) = declarations.iter().skip(1).find(|d| !same_label(&d.label, &declarations[0].label)) {
        warnings.push(format!(
            "{path}:{}: declares the encoding `{}` here and `{}` at line {}; read as `{}`, as browsers do",
            line_of(&bytes, declarations[0].at),
            declarations[0].label,
            other.label,
            line_of(&bytes, other.at),
            declarations[0].label,
        ));
    }
    let Some(first) = declarations.first() else {
        return utf8(path, bytes, None).map(|text| Decoded { text, encoding: None, warnings });
    };
    let Some(encoding) = Encoding::for_label(first.label.as_bytes()) else {
        warnings.push(format!(
            "{path}:{}: `{}` is not an encoding browsers know; read as UTF-8",
            line_of(&bytes, first.at),
            first.label
        ));
        return utf8(path, bytes, None).map(|text| Decoded { text, encoding: None, warnings });
    };
    // a page cannot declare UTF-16 in its own bytes (they would not be ASCII): browsers read UTF-8
    if encoding == encoding_rs::UTF_8 || encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        return utf8(path, bytes, Some(&first.label)).map(|text| Decoded { text, encoding: None, warnings });
    }
    if bytes.is_ascii() {
        let text = String::from_utf8(bytes).unwrap_or_default();
        return Ok(Decoded { text, encoding: None, warnings });
    }
    if let Ok(text) = std::str::from_utf8(&bytes) {
        // mixed: declared a legacy encoding, written in UTF-8
        let first_wide = text.char_indices().find(|(_, c)| !c.is_ascii()).map_or(0, |(i, _)| i);
        let (line, column) = line_col(text, first_wide);
        warnings.push(format!(
            "{path}:{line}:{column}: the page declares `{}` but is written in UTF-8 (from here on); read as UTF-8 \
             (a browser would show this page garbled: fix the `<meta charset>`)",
            first.label
        ));
        return Ok(Decoded { text: text.to_string(), encoding: None, warnings });
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(&bytes);
    finish(path, text.into_owned(), had_errors, encoding, warnings)
}

fn finish(
    path: &str,
    text: String,
    had_errors: bool,
    encoding: &'static Encoding,
    warnings: Vec<String>,
) -> Result<Decoded, ReadError> {
    if had_errors {
        let bad = text.find('\u{FFFD}').unwrap_or(0);
        return Err(ReadError::Unreadable {
            path: path.to_string(),
            at: Some(line_col(&text, bad)),
            message: format!("not valid {} (first bad byte here)", encoding.name()),
        });
    }
    Ok(Decoded { text, encoding: Some(encoding.name()), warnings })
}

/// Strict UTF-8, the error saying which declaration (if any) promised it.
fn utf8(path: &str, bytes: Vec<u8>, declared: Option<&str>) -> Result<String, ReadError> {
    match source::decode(path.to_string(), bytes) {
        Ok(file) => Ok(std::sync::Arc::unwrap_or_clone(file.text)),
        Err(ReadError::NotUtf8 { path, line, column }) => {
            let message = match declared {
                Some(label) => {
                    format!("not valid UTF-8, as its `<meta charset=\"{label}\">` declares (first bad byte here)")
                }
                None => "not valid UTF-8, and no `<meta charset>` declares another encoding (first bad byte here)"
                    .to_string(),
            };
            Err(ReadError::Unreadable { path, at: Some((line, column)), message })
        }
        Err(other) => Err(other),
    }
}

fn same_label(a: &str, b: &str) -> bool {
    let resolve = |l: &str| Encoding::for_label(l.as_bytes()).map(Encoding::name);
    a.eq_ignore_ascii_case(b) || resolve(a).is_some_and(|x| Some(x) == resolve(b))
}

/// 1-based line of byte `at` (counting `\n`).
fn line_of(bytes: &[u8], at: usize) -> usize {
    bytes.get(..at).unwrap_or(bytes).iter().filter(|&&b| b == b'\n').count() + 1
}

fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = text.get(..at).unwrap_or_default();
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The `<meta>` encoding declarations in the first [`PRESCAN`] bytes, in order.
fn declarations(bytes: &[u8]) -> Vec<Declaration> {
    let head = &bytes[..bytes.len().min(PRESCAN)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = find(&lower, b"<meta", from) {
        let close = lower[open..].iter().position(|&b| b == b'>').map_or(lower.len(), |c| open + c);
        if let Some(label) = charset_in(&head[open..close], &lower[open..close]) {
            out.push(Declaration { label, at: open });
        }
        from = close;
    }
    out
}

/// The value after `charset` in a tag: `charset="utf-8"`, `content="text/html; charset=windows-1252"`.
fn charset_in(tag: &[u8], lower: &[u8]) -> Option<String> {
    let at = find(lower, b"charset", 0)? + b"charset".len();
    let rest = &tag[at..];
    let rest = rest.trim_ascii_start().strip_prefix(b"=")?.trim_ascii_start();
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    let end = rest
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
        .unwrap_or(rest.len());
    let label = String::from_utf8_lossy(&rest[..end]).into_owned();
    (!label.is_empty()).then_some(label)
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    memchr::memmem::find(haystack.get(from..)?, needle).map(|i| from + i)
}

/// The language a page declares on its root element: `<html lang="fr">`.
pub fn declared_language(text: &str) -> Option<&str> {
    let head = text.get(..text.len().min(4096)).unwrap_or(text);
    let open = head.to_ascii_lowercase().find("<html")?;
    let tag = &head[open..];
    let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower.get(from..).and_then(|l| l.find("lang")) {
        let at = from + i;
        // `lang`, not `xml:lang`'s prefix nor part of another name
        let standalone = at == 0 || matches!(lower.as_bytes()[at - 1], b' ' | b'\t' | b'\n' | b'\r' | b':');
        let rest = tag[at + 4..].trim_start();
        if let (true, Some(value)) = (standalone, rest.strip_prefix('=')) {
            let value = value.trim_start();
            let value = value.trim_start_matches(['"', '\'']);
            let end =
                value.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(value.len());
            return Some(&value[..end]).filter(|v| !v.is_empty());
        }
        from = at + 4;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_by_default_and_when_declared() {
        let page = "<html><head><meta charset=\"utf-8\"></head><body><p>“Hi,” she said.</p></body></html>";
        let d = decode("p.html", page.as_bytes().to_vec()).unwrap();
        assert_eq!(d.text, page);
        assert!(d.encoding.is_none() && d.warnings.is_empty());
    }

    #[test]
    fn windows_1252_and_latin_1_are_decoded() {
        for label in ["windows-1252", "iso-8859-1", "latin1"] {
            let mut bytes =
                format!("<meta http-equiv=\"Content-Type\" content=\"text/html; charset={label}\">\n<p>")
                    .into_bytes();
            bytes.extend_from_slice(b"\x93Caf\xe9,\x94 he said.</p>");
            let d = decode("p.html", bytes).unwrap();
            assert!(d.text.ends_with("<p>“Café,” he said.</p>"), "{label}: {}", d.text);
            assert_eq!(d.encoding, Some("windows-1252"));
        }
    }

    #[test]
    fn utf8_bytes_under_a_legacy_declaration_are_read_as_utf8_with_a_warning() {
        let page = "<meta charset=\"windows-1252\">\n<p>“Oui”, dit-il.</p>";
        let d = decode("p.html", page.as_bytes().to_vec()).unwrap();
        assert_eq!(d.text, page);
        assert_eq!(d.warnings.len(), 1);
        assert!(d.warnings[0].starts_with("p.html:2:4: the page declares `windows-1252` but is written in UTF-8"));
    }

    #[test]
    fn two_declarations_that_disagree_first_wins_with_a_warning() {
        let mut bytes = b"<meta charset=\"iso-8859-1\">\n<meta charset=\"utf-8\">\n<p>".to_vec();
        bytes.extend_from_slice(b"\x93x\x94</p>");
        let d = decode("p.html", bytes).unwrap();
        assert!(d.text.ends_with("<p>“x”</p>"));
        assert_eq!(
            d.warnings,
            ["p.html:1: declares the encoding `iso-8859-1` here and `utf-8` at line 2; read as `iso-8859-1`, as browsers do"]
        );
        // the same encoding under two names is no conflict
        let d = decode("p.html", b"<meta charset=latin1><meta charset=windows-1252>".to_vec()).unwrap();
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn bad_bytes_are_errors_at_their_position() {
        let err = decode("p.html", b"<meta charset=\"utf-8\">\n<p>\x93x</p>".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "p.html:2:4: not valid UTF-8, as its `<meta charset=\"utf-8\">` declares (first bad byte here)"
        );
        let err = decode("p.html", b"<p>ok\n\xff</p>".to_vec()).unwrap_err();
        assert!(err.to_string().starts_with("p.html:2:1: not valid UTF-8, and no `<meta charset>`"), "{err}");
        let err = decode("p.html", b"<meta charset=shift_jis>\n<p>\x81</p>".to_vec()).unwrap_err();
        assert!(err.to_string().starts_with("p.html:2:4: not valid Shift_JIS"), "{err}");
        let d = decode("p.html", b"<meta charset=klingon><p>x</p>".to_vec()).unwrap();
        assert!(d.warnings[0].contains("`klingon` is not an encoding browsers know"), "{:?}", d.warnings);
    }

    #[test]
    fn a_bom_wins_over_the_declaration() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "<meta charset=windows-1252><p>“é”</p>".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let d = decode("p.html", bytes).unwrap();
        assert_eq!(d.text, "\u{feff}<meta charset=windows-1252><p>“é”</p>");
        assert_eq!(d.encoding, Some("UTF-16LE"));
    }

    #[test]
    fn the_root_element_declares_the_language() {
        assert_eq!(declared_language("<!doctype html>\n<HTML class=x LANG=\"fr-FR\">"), Some("fr-FR"));
        assert_eq!(declared_language("<html xml:lang='fr'>"), Some("fr"));
        assert_eq!(declared_language("<html data-slang=\"x\">"), None);
        assert_eq!(declared_language("<p>no root</p>"), None);
    }
}
