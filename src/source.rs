//! Reading drafts from disk or stdin into checked UTF-8 text.

use crate::size::human_size;
use crate::span::LineIndex;
use std::fmt;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

/// The largest draft read unless the user raises the limit (`--max-file-size`):
/// far beyond any article or live blog, small enough that a stray archive or
/// database dump is skipped with a message instead of filling memory.
pub const DEFAULT_MAX_SIZE: u64 = 10 * 1024 * 1024;

/// How a draft is written, which decides how it is read into prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum InputFormat {
    #[default]
    Markdown,
    /// Plain text: wire copy, archives.
    Text,
    /// An HTML page (a CMS preview).
    Html,
    /// A Word document (`.docx`).
    Docx,
}

impl InputFormat {
    pub const ALL: [InputFormat; 4] =
        [InputFormat::Markdown, InputFormat::Text, InputFormat::Html, InputFormat::Docx];

    /// The name used in `include`, `--input-format` and messages.
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Markdown => "md",
            InputFormat::Text => "txt",
            InputFormat::Html => "html",
            InputFormat::Docx => "docx",
        }
    }

    /// File extensions of the format (compared without case).
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            InputFormat::Markdown => &["md", "markdown", "mdown", "mdwn", "mkd", "mkdn", "mdx"],
            InputFormat::Text => &["txt", "text"],
            InputFormat::Html => &["html", "htm", "xhtml"],
            InputFormat::Docx => &["docx"],
        }
    }

    /// A format by a name or an extension of it: `md`, `markdown`, `txt`,
    /// `text`, `html`, `htm`, `docx`, `word`.
    pub fn from_name(name: &str) -> Option<InputFormat> {
        let name = name.trim().trim_start_matches('.').to_ascii_lowercase();
        if name == "word" {
            return Some(InputFormat::Docx);
        }
        InputFormat::ALL.into_iter().find(|f| f.extensions().contains(&name.as_str()))
    }

    /// The format a path's extension names, if any.
    pub fn from_path(path: &Path) -> Option<InputFormat> {
        let ext = path.extension()?.to_str()?;
        InputFormat::ALL.into_iter().find(|f| f.extensions().iter().any(|e| e.eq_ignore_ascii_case(ext)))
    }

    /// Whether positions in the file are paragraph and character (`¶12:40`)
    /// rather than line and column: a Word document has no lines.
    pub fn in_paragraphs(self) -> bool {
        self == InputFormat::Docx
    }
}

impl fmt::Display for InputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a paragraph of an extracted file (a `.docx`) is, by its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParagraphStyle {
    Heading(u8),
    ListItem,
    Caption,
}

/// One draft as read: its display path and its whole text, BOM included,
/// so that every offset is a byte offset into the file as it is on disk.
///
/// A file whose text had to be extracted (a `.docx`) holds the extracted
/// text instead, one line a paragraph: its offsets are into that text, and
/// its positions are shown as paragraph and character.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    /// Shared, so that the language server checks a document without a copy
    /// of it, and with the prose blocks that are stretches of it as written
    /// (see [`crate::markdown::BlockText`]).
    pub text: Arc<String>,
    pub lines: LineIndex,
    pub format: InputFormat,
    /// For an extracted file, the paragraphs (0-based lines) whose style
    /// makes them other than body text.
    pub styles: Vec<(usize, ParagraphStyle)>,
    /// The encoding the file was decoded from when it is not UTF-8 (a page
    /// declared `windows-1252`): its offsets are then into the decoded text,
    /// and writing the text back would change the file's encoding.
    pub decoded_from: Option<&'static str>,
    /// The language the file itself declares where that is not in its text
    /// (a Word document's `w:lang`), as a BCP 47 tag.
    pub declared_language: Option<String>,
}

impl SourceFile {
    /// A draft in the format its path's extension names (Markdown otherwise).
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        Self::shared(path, Arc::new(text.into()))
    }

    /// A draft whose text is also held elsewhere (an editor's document).
    pub fn shared(path: impl Into<String>, text: Arc<String>) -> Self {
        let path = path.into();
        let lines = LineIndex::new(&text);
        let format = InputFormat::from_path(Path::new(&path)).unwrap_or_default();
        SourceFile { path, text, lines, format, styles: Vec::new(), decoded_from: None, declared_language: None }
    }

    /// The same draft read as `format`.
    pub fn with_format(mut self, format: InputFormat) -> Self {
        self.format = format;
        self
    }

    /// Where byte `offset` is, as the file's own terms put it: `12:40`
    /// (line and column) or, for a Word document, `¶12:40` (paragraph and
    /// character).
    pub fn locus(&self, offset: usize) -> String {
        let at = self.lines.line_col(&self.text, offset);
        if self.format.in_paragraphs() {
            format!("¶{}:{}", at.line, at.column)
        } else {
            format!("{}:{}", at.line, at.column)
        }
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
    Missing {
        path: String,
    },
    IsDirectory {
        path: String,
    },
    NotUtf8 {
        path: String,
        line: usize,
        column: usize,
    },
    /// A FIFO, socket or device: reading it could block forever or never end.
    NotRegular {
        path: String,
        kind: &'static str,
    },
    /// Larger than the size limit (`size` is at least this, for a file that grew while read).
    TooLarge {
        path: String,
        size: u64,
        limit: u64,
    },
    Io {
        path: String,
        message: String,
    },
    /// Not a readable file of its format (a corrupt or encrypted `.docx`, a
    /// page in an encoding no one knows): `message` says what and, where it
    /// can, at which position.
    Unreadable {
        path: String,
        /// Line and column (or paragraph and character) of the problem, when known.
        at: Option<(usize, usize)>,
        message: String,
    },
}

impl ReadError {
    /// The path or name the error is about.
    pub fn path(&self) -> &str {
        match self {
            ReadError::Missing { path }
            | ReadError::IsDirectory { path }
            | ReadError::NotUtf8 { path, .. }
            | ReadError::NotRegular { path, .. }
            | ReadError::TooLarge { path, .. }
            | ReadError::Io { path, .. }
            | ReadError::Unreadable { path, .. } => path,
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Missing { path } => write!(f, "{path}: no such file"),
            ReadError::IsDirectory { path } => write!(f, "{path}: is a directory, expected a file"),
            ReadError::NotUtf8 { path, line, column } => {
                write!(f, "{path}:{line}:{column}: not valid UTF-8 (first bad byte here)")
            }
            ReadError::NotRegular { path, kind } => write!(
                f,
                "{path}: is {kind}, not a regular file; skipped (to check what it holds, pipe it to `quotelint check -`)"
            ),
            // a read that stopped one byte past the limit (standard input, a
            // file that grew) does not know the whole size: none is shown
            ReadError::TooLarge { path, size, limit } if *size <= limit.saturating_add(1) => write!(
                f,
                "{path}: over the {} size limit for one file; skipped (--max-file-size raises it)",
                human_size(*limit)
            ),
            ReadError::TooLarge { path, size, limit } => write!(
                f,
                "{path}: {} is over the {} size limit for one file; skipped (--max-file-size raises it)",
                human_size(*size),
                human_size(*limit)
            ),
            ReadError::Io { path, message } | ReadError::Unreadable { path, at: None, message } => {
                write!(f, "{path}: {message}")
            }
            ReadError::Unreadable { path, at: Some((line, column)), message } => {
                write!(f, "{path}:{line}:{column}: {message}")
            }
        }
    }
}

impl std::error::Error for ReadError {}

/// Reads a file from disk, if it is no larger than [`DEFAULT_MAX_SIZE`].
pub fn read_path(path: &Path) -> Result<SourceFile, ReadError> {
    read_path_within(path, DEFAULT_MAX_SIZE)
}

/// Reads a regular file of at most `limit` bytes as UTF-8 text.
pub fn read_path_within(path: &Path, limit: u64) -> Result<SourceFile, ReadError> {
    let bytes = read_bytes_within(path, limit)?;
    decode(path.display().to_string(), bytes)
}

/// The bytes of a regular file of at most `limit` bytes, as they are (for
/// formats that are not UTF-8 text). Anything else (a FIFO, a device, a
/// directory) is refused before it is opened, so nothing blocks.
pub fn read_bytes_within(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let shown = path.display().to_string();
    let io_error = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::Missing { path: shown.clone() },
        _ => ReadError::Io { path: shown.clone(), message: e.to_string() },
    };
    // follows symlinks: a link to a draft is read, a dangling one is missing
    let meta = std::fs::metadata(path).map_err(io_error)?;
    if meta.is_dir() {
        return Err(ReadError::IsDirectory { path: shown });
    }
    if !meta.is_file() {
        return Err(ReadError::NotRegular { path: shown, kind: file_kind(&meta) });
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge { path: shown, size: meta.len(), limit });
    }
    let file = std::fs::File::open(path).map_err(io_error)?;
    let capacity = usize::try_from(meta.len()).unwrap_or(0);
    let bytes = read_limited(file, limit, capacity).map_err(io_error)?;
    let size = bytes.len() as u64;
    if size > limit {
        return Err(ReadError::TooLarge { path: shown, size, limit });
    }
    Ok(bytes)
}

/// At most `limit` bytes of standard input, as they are.
pub fn read_stdin_bytes_within(name: &str, limit: u64) -> Result<Vec<u8>, ReadError> {
    let bytes = read_limited(std::io::stdin().lock(), limit, 0)
        .map_err(|e| ReadError::Io { path: name.to_string(), message: e.to_string() })?;
    let size = bytes.len() as u64;
    if size > limit {
        return Err(ReadError::TooLarge { path: name.to_string(), size, limit });
    }
    Ok(bytes)
}

/// Reads standard input, naming it `name` in messages.
pub fn read_stdin(name: &str) -> Result<SourceFile, ReadError> {
    read_stdin_within(name, DEFAULT_MAX_SIZE)
}

/// Reads at most `limit` bytes of standard input.
pub fn read_stdin_within(name: &str, limit: u64) -> Result<SourceFile, ReadError> {
    let bytes = read_limited(std::io::stdin().lock(), limit, 0)
        .map_err(|e| ReadError::Io { path: name.to_string(), message: e.to_string() })?;
    decode_within(name.to_string(), bytes, limit)
}

/// Up to `limit + 1` bytes: one more than allowed is enough to know it is too many.
fn read_limited(reader: impl Read, limit: u64, capacity: usize) -> std::io::Result<Vec<u8>> {
    let refuse = |over| std::io::Error::new(std::io::ErrorKind::OutOfMemory, format!("{over}; skipped"));
    let mut bytes = Vec::new();
    // the file's length is the input's to choose: a sparse file of terabytes
    // under a raised `--max-file-size` is refused here, not an abort
    crate::budget::reserve(&mut bytes, capacity.saturating_add(1)).map_err(refuse)?;
    // Standard input, or a file that grew after its size was read, can hold
    // more than that: every step of growth is checked too (`read_to_end`
    // would grow past the memory budget, and abort where the machine refuses).
    let mut reader = reader.take(limit.saturating_add(1));
    // The room reserved (a file's size, as read before) is filled in place:
    // a 64 KiB chunk zeroed and copied from cost more than reading a small
    // draft. Bounded by that room, `read_to_end` never grows the vector.
    let room = (bytes.capacity() - bytes.len()) as u64;
    (&mut reader).take(room).read_to_end(&mut bytes)?;
    if bytes.len() < bytes.capacity() {
        // the input ended before the room did
        return Ok(bytes);
    }
    let mut chunk = vec![0u8; 64 << 10];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if bytes.capacity() - bytes.len() < n {
            // doubling, as `read_to_end` does, so that the copying stays linear
            let more = n.max(bytes.len());
            crate::budget::reserve(&mut bytes, more).map_err(refuse)?;
        }
        bytes.extend_from_slice(chunk.get(..n).unwrap_or_default());
    }
    Ok(bytes)
}

/// [`decode`], refusing more than `limit` bytes.
pub fn decode_within(path: String, bytes: Vec<u8>, limit: u64) -> Result<SourceFile, ReadError> {
    let size = bytes.len() as u64;
    if size > limit {
        return Err(ReadError::TooLarge { path, size, limit });
    }
    decode(path, bytes)
}

#[cfg(unix)]
fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
fn file_kind(_meta: &std::fs::Metadata) -> &'static str {
    "not a regular file"
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
    fn a_stream_is_held_to_the_memory_budget_while_it_is_read() {
        let _budget = crate::budget::enter(crate::budget::Limits { memory: Some(4 << 20), time: None });
        // standard input has no size to check first: 64 MB of it under a 4 MB budget
        let err = read_limited(std::io::repeat(b'x').take(64 << 20), u64::MAX / 2, 0).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::OutOfMemory);
        assert!(err.to_string().contains("over the 4 MB memory limit (--memory-limit); skipped"), "{err}");
        let small = read_limited(std::io::repeat(b'x').take(300_000), u64::MAX / 2, 0).unwrap();
        assert_eq!(small.len(), 300_000);
        let capped = read_limited(std::io::repeat(b'x').take(300_000), 1_000, 10).unwrap();
        assert_eq!(capped.len(), 1_001, "one byte past the limit is enough to tell");
        // a file that grew after its size was read is read whole, and one that shrank is read as it is
        let grown = read_limited(std::io::repeat(b'x').take(100_000), u64::MAX / 2, 10).unwrap();
        assert_eq!(grown.len(), 100_000);
        let exact = read_limited(&b"abc"[..], u64::MAX / 2, 3).unwrap();
        assert_eq!(exact, b"abc");
        let shrunk = read_limited(&b"ab"[..], u64::MAX / 2, 30).unwrap();
        assert_eq!(shrunk, b"ab");
    }

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
    fn a_file_over_the_limit_is_refused_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.md");
        std::fs::write(&path, "x".repeat(2_000)).unwrap();
        let err = read_path_within(&path, 1_024).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{}: 2.0 KB is over the 1 KB size limit for one file; skipped (--max-file-size raises it)",
                path.display()
            )
        );
        assert!(read_path_within(&path, 2_000).is_ok());
        assert!(matches!(
            decode_within("s".into(), vec![b'a'; 11], 10),
            Err(ReadError::TooLarge { size: 11, .. })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_opening_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pipe.md");
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: mkfifo is not available");
            return;
        }
        // Opening a FIFO with no writer blocks; refusing it must not.
        let err = read_path(&path).unwrap_err();
        assert!(matches!(err, ReadError::NotRegular { kind: "a FIFO (named pipe)", .. }), "{err}");
        assert!(err.to_string().contains("is a FIFO (named pipe), not a regular file; skipped"), "{err}");
    }

    #[test]
    fn directory_and_missing_file_are_errors() {
        let dir = std::env::temp_dir();
        assert!(matches!(read_path(&dir), Err(ReadError::IsDirectory { .. })));
        let missing = dir.join("quotelint-no-such-file.md");
        assert!(matches!(read_path(&missing), Err(ReadError::Missing { .. })));
    }
}
