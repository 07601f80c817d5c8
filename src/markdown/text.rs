//! A prose block's text, held once: most blocks (a line of a list, a
//! paragraph written on one line, a long paragraph without markup) are
//! their source bytes as written, and the file is held while the rules run
//! anyway, so such a block's text is that stretch of the file. A copy for
//! every block was as large as the draft itself.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// A block's text: its own copy, or a stretch of the file it was read from.
/// Reads as a `str` either way.
#[derive(Clone)]
pub struct BlockText(Held);

#[derive(Clone)]
enum Held {
    Own(Box<str>),
    /// `file[start..end]`: offsets in 32 bits, as the blocks' other offsets
    /// are (drafts are far under 4 GiB; see [`BlockText::shared`]).
    File {
        file: Arc<String>,
        start: u32,
        end: u32,
    },
}

impl BlockText {
    /// `text` as the stretch of `file` it equals at `at`, if it does and
    /// the stretch can be held in 32-bit offsets; else `text` itself.
    pub fn shared(self, file: &Arc<String>, at: std::ops::Range<usize>) -> Self {
        let fits = |n: usize| u32::try_from(n).ok();
        match (&self.0, fits(at.start), fits(at.end)) {
            (Held::Own(text), Some(start), Some(end)) if file.get(at) == Some(&**text) => {
                BlockText(Held::File { file: Arc::clone(file), start, end })
            }
            _ => self,
        }
    }

    /// Whether the text is a stretch of the file rather than a copy.
    pub fn is_shared(&self) -> bool {
        matches!(self.0, Held::File { .. })
    }
}

impl From<String> for BlockText {
    fn from(text: String) -> Self {
        BlockText(Held::Own(text.into_boxed_str()))
    }
}

impl From<&str> for BlockText {
    fn from(text: &str) -> Self {
        BlockText(Held::Own(text.into()))
    }
}

impl Deref for BlockText {
    type Target = str;

    fn deref(&self) -> &str {
        match &self.0 {
            Held::Own(text) => text,
            Held::File { file, start, end } => file.get(*start as usize..*end as usize).unwrap_or_default(),
        }
    }
}

impl AsRef<str> for BlockText {
    fn as_ref(&self) -> &str {
        self
    }
}

impl PartialEq for BlockText {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for BlockText {}

impl fmt::Debug for BlockText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl fmt::Display for BlockText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_that_is_its_source_reads_the_file_and_another_keeps_its_copy() {
        let file = Arc::new(String::from("Intro.\n\nShe said &ldquo;no&rdquo;.\n"));
        let same = BlockText::from("Intro.".to_string()).shared(&file, 0..6);
        assert!(same.is_shared());
        assert_eq!(&*same, "Intro.");
        let decoded = BlockText::from("She said “no”.".to_string()).shared(&file, 8..35);
        assert!(!decoded.is_shared());
        assert_eq!(&*decoded, "She said “no”.");
        // past the file, or not on its character boundaries: kept
        assert!(!BlockText::from("x".to_string()).shared(&file, 40..41).is_shared());
        assert_eq!(same, BlockText::from("Intro.".to_string()));
    }
}
