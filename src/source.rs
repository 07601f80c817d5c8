//! Reading drafts from disk or stdin into checked UTF-8 text.

use crate::span::LineIndex;
use std::fmt;
use std::io::Read;
use std::path::Path;

/// One draft as read: its display path and its whole text, BOM included,
/// so that every offset is a byte offset into the file as it is on disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
    pub lines: LineIndex,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let lines = LineIndex::new(&text);
        SourceFile { path: path.into(), text, lines }
    }

    /// Length of the byte-order mark at the start, if any.
    pub fn bom_len(&self) -> usize {
        if self.text.starts_with('\u{feff}') {
            3
        } else {
            0
        }
    }
}

/// Why a draft could not be read. Displayed as one line naming the path.
#[derive(Debug)]
pub enum ReadError {
    Missing { path: String },
    IsDirectory { path: String },
    NotUtf8 { path: String, line: usize, column: usize },
    Io { path: String, message: String },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Missing { path } => write!(f, "{path}: no such file"),
            ReadError::IsDirectory { path } => write!(f, "{path}: is a directory, expected a file"),
            ReadError::NotUtf8 { path, line, column } => {
                write!(f, "{path}:{line}:{column}: not valid UTF-8 (first bad byte here)")
            }
            ReadError::Io { path, message } => write!(f, "{path}: {message}"),
        }
    }
}

impl std::error::Error for ReadError {}

/// Reads a file from disk.
pub fn read_path(path: &Path) -> Result<SourceFile, ReadError> {
    let shown = path.display().to_string();
    if path.is_dir() {
        return Err(ReadError::IsDirectory { path: shown });
    }
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::Missing { path: shown.clone() },
        _ => ReadError::Io { path: shown.clone(), message: e.to_string() },
    })?;
    decode(shown, bytes)
}

/// Reads standard input, naming it `name` in messages.
pub fn read_stdin(name: &str) -> Result<SourceFile, ReadError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Io { path: name.to_string(), message: e.to_string() })?;
    decode(name.to_string(), bytes)
}

/// Checks the bytes are UTF-8; on failure reports where the first bad byte is.
pub fn decode(path: String, bytes: Vec<u8>) -> Result<SourceFile, ReadError> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(path, text)),
        Err(err) => {
            let bad = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let good = std::str::from_utf8(bytes.get(..bad).unwrap_or_default()).unwrap_or_default();
            let line = good.matches('\n').count() + 1;
            let column = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Err(ReadError::NotUtf8 { path, line, column })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_utf8_names_line_and_column() {
        let err = decode("d.md".into(), b"ok\nab\xffc".to_vec()).unwrap_err();
        assert_eq!(err.to_string(), "d.md:2:3: not valid UTF-8 (first bad byte here)");
    }

    #[test]
    fn bom_is_kept_so_offsets_match_the_disk() {
        let f = decode("d.md".into(), "\u{feff}Hi".as_bytes().to_vec()).unwrap();
        assert_eq!(f.bom_len(), 3);
        assert_eq!(f.text.len(), 5);
    }

    #[test]
    fn directory_and_missing_file_are_errors() {
        let dir = std::env::temp_dir();
        assert!(matches!(read_path(&dir), Err(ReadError::IsDirectory { .. })));
        let missing = dir.join("quotelint-no-such-file.md");
        assert!(matches!(read_path(&missing), Err(ReadError::Missing { .. })));
    }
}
