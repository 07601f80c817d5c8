//! A prose block's text, held once: most blocks (a line of a list, a
//! paragraph written on one line, a long paragraph without markup) are
//! their source bytes as written, and the file is held while the rules run
//! anyway, so such a block's text is that stretch of the file. A copy for
//! every block was as large as the draft itself.

use super::BlockKind;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// A block's text: its own copy, or a stretch of the file it was read from.
/// Reads as a `str` either way.
///
/// It also holds what its block is and where it stands (its kind, its
/// blockquote and whether it keeps its breaks), in the bytes beside the
/// tag that says which of the two it is. As fields of the block they took
/// eight bytes more of every block, and a block is held for every
/// paragraph and list item of a draft while the rules run.
#[derive(Clone)]
pub struct BlockText(Held);

/// What a block is and where it stands, as its text holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct About {
    pub kind: BlockKind,
    /// The index of its outermost blockquote, `u32::MAX` for none.
    pub blockquote: u32,
    pub breaks_kept: bool,
}

impl Default for About {
    fn default() -> Self {
        About { kind: BlockKind::Paragraph, blockquote: u32::MAX, breaks_kept: false }
    }
}

// (the fields of `About` in each variant, not an `About` in each: a struct
// is laid out whole, so the tag could not share its padding, and the text
// took 32 bytes, not 24)
#[derive(Clone)]
enum Held {
    Own {
        text: Box<str>,
        kind: BlockKind,
        blockquote: u32,
        breaks_kept: bool,
    },
    /// `file[start..end]`: offsets in 32 bits, as the blocks' other offsets
    /// are (drafts are far under 4 GiB; see [`BlockText::shared`]).
    File {
        file: Arc<String>,
        start: u32,
        end: u32,
        kind: BlockKind,
        blockquote: u32,
        breaks_kept: bool,
    },
}

impl BlockText {
    /// `text`, its own copy, held with `about`.
    pub(super) fn new(text: Box<str>, about: About) -> Self {
        let About { kind, blockquote, breaks_kept } = about;
        BlockText(Held::Own { text, kind, blockquote, breaks_kept })
    }

    /// `text` as the stretch of `file` it equals at `at`, if it does and
    /// the stretch can be held in 32-bit offsets; else `text` itself.
    pub fn shared(self, file: &Arc<String>, at: std::ops::Range<usize>) -> Self {
        let fits = |n: usize| u32::try_from(n).ok();
        match (&self.0, fits(at.start), fits(at.end)) {
            (Held::Own { text, .. }, Some(start), Some(end)) if file.get(at) == Some(&**text) => {
                let About { kind, blockquote, breaks_kept } = self.about();
                BlockText(Held::File { file: Arc::clone(file), start, end, kind, blockquote, breaks_kept })
            }
            _ => self,
        }
    }

    /// What its block is and where it stands.
    pub(super) fn about(&self) -> About {
        match self.0 {
            Held::Own { kind, blockquote, breaks_kept, .. } | Held::File { kind, blockquote, breaks_kept, .. } => {
                About { kind, blockquote, breaks_kept }
            }
        }
    }

    pub(super) fn set_about(&mut self, about: About) {
        match &mut self.0 {
            Held::Own { kind, blockquote, breaks_kept, .. } | Held::File { kind, blockquote, breaks_kept, .. } => {
                (*kind, *blockquote, *breaks_kept) = (about.kind, about.blockquote, about.breaks_kept);
            }
        }
    }

    /// Whether the text is a stretch of the file rather than a copy.
    pub fn is_shared(&self) -> bool {
        matches!(self.0, Held::File { .. })
    }
}

/// The text of a paragraph outside any blockquote.
impl From<String> for BlockText {
    fn from(text: String) -> Self {
        BlockText::new(text.into_boxed_str(), About::default())
    }
}

impl From<&str> for BlockText {
    fn from(text: &str) -> Self {
        BlockText::new(text.into(), About::default())
    }
}

impl Deref for BlockText {
    type Target = str;

    fn deref(&self) -> &str {
        match &self.0 {
            Held::Own { text, .. } => text,
            Held::File { file, start, end, .. } => file.get(*start as usize..*end as usize).unwrap_or_default(),
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

    #[test]
    fn what_a_block_is_stays_with_its_text_shared_or_not() {
        let file = Arc::new(String::from("- Intro.\n"));
        let about = About { kind: BlockKind::Heading(2), blockquote: 7, breaks_kept: true };
        let own = BlockText::new("Intro.".into(), about);
        assert_eq!(own.about(), about);
        let mut shared = own.clone().shared(&file, 2..8);
        assert!(shared.is_shared());
        assert_eq!((shared.about(), &*shared), (about, "Intro."));
        let other = About { kind: BlockKind::ListItem, blockquote: u32::MAX, breaks_kept: false };
        shared.set_about(other);
        assert_eq!((shared.about(), &*shared), (other, "Intro."));
        assert_eq!(BlockText::from("x").about(), About::default());
        // the kind, blockquote and breaks take no room of their own
        assert_eq!(std::mem::size_of::<BlockText>(), 24);
    }
}
