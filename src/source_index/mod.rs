//! The source material quotes are checked against (transcripts,
//! statements, releases, filings, posts), as plain data below the settings
//! that carry it: [`load`] reads sources and front matter, [`turns`] finds
//! transcript speaker turns, [`normalize`] makes words comparable, and
//! [`index`] finds candidate passages by word trigrams. Checking quotes
//! against it is [`crate::provenance`]'s job.

pub mod index;
pub mod load;
pub mod normalize;
pub mod turns;

pub use index::SourceSet;
pub use load::{SourceDoc, SourceMeta};

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The source sets a draft is checked against (from `--sources`, the config
/// and the draft's front matter); shared, cheap to clone.
#[derive(Clone, Default)]
pub struct Sources(Vec<Arc<SourceSet>>);

impl Sources {
    pub fn new(sets: Vec<Arc<SourceSet>>) -> Sources {
        Sources(sets)
    }

    /// These sources and `set`.
    pub fn with(&self, set: Arc<SourceSet>) -> Sources {
        let mut sets = self.0.clone();
        sets.push(set);
        Sources(sets)
    }

    pub fn sets(&self) -> &[Arc<SourceSet>] {
        &self.0
    }

    /// Whether any source file was loaded: only then is a quote "not in the sources".
    pub fn given(&self) -> bool {
        self.0.iter().any(|s| !s.is_empty())
    }

    pub fn file_count(&self) -> usize {
        self.0.iter().map(|s| s.docs.len()).sum()
    }
}

/// Two handles are equal when they share the same sets.
impl PartialEq for Sources {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len() && self.0.iter().zip(&other.0).all(|(a, b)| Arc::ptr_eq(a, b))
    }
}

impl Eq for Sources {}

impl fmt::Debug for Sources {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Sources({} sets, {} files)", self.0.len(), self.file_count())
    }
}

/// Loads the files and directories given with `--sources`.
pub fn load_paths(paths: &[PathBuf]) -> SourceSet {
    let (files, mut errors) = load::expand(paths);
    let (docs, read_errors) = load::read_all(&files);
    errors.extend(read_errors);
    SourceSet::new(docs, errors)
}

/// Loads the config's `sources` globs, relative to the config's directory;
/// `origin` (the config file) is named in errors.
pub fn load_globs(base: &Path, globs: &[String], origin: &str) -> SourceSet {
    let (files, mut errors) = load::expand_globs(base, globs, origin);
    let (docs, read_errors) = load::read_all(&files);
    errors.extend(read_errors);
    SourceSet::new(docs, errors)
}
