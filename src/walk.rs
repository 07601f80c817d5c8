//! Finding the drafts to read. Paths named on the command line are read as
//! given, even when an ignore file or `--exclude` would skip them (as ruff
//! does); directories are walked for drafts in the formats the project
//! reads (Markdown and plain text unless its `include` says otherwise),
//! honouring `.gitignore`, `.ignore` and `.quotelintignore` whether or not
//! they sit in a git repository, and skipping hidden files and anything
//! `--exclude` matches.

use crate::source::InputFormat;
use ignore::overrides::OverrideBuilder;
use ignore::WalkBuilder;
use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

/// The ignore file of our own, read in every walked directory like `.gitignore`.
pub const IGNORE_FILENAME: &str = ".quotelintignore";

/// Whether a path names a Markdown file by its extension.
pub fn is_markdown(path: &Path) -> bool {
    InputFormat::from_path(path) == Some(InputFormat::Markdown)
}

/// One thing to read.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    Stdin,
    File(PathBuf),
}

/// What a walk found, and the problems met on the way (one line each, naming the path).
#[derive(Debug, Default)]
pub struct Walked {
    pub targets: Vec<Target>,
    pub errors: Vec<String>,
}

/// Expands `paths` into the files to read: `-` is standard input, a directory
/// is walked (its files sorted by path) for the files `wanted` accepts,
/// anything else is read as named. A file reached twice is read once.
/// Fails only on an invalid `--exclude` glob.
pub fn collect(
    paths: &[PathBuf],
    excludes: &[String],
    wanted: &mut dyn FnMut(&Path) -> bool,
) -> Result<Walked, String> {
    let mut walked = Walked::default();
    let mut seen = HashSet::new();
    let mut push = |walked: &mut Walked, target: Target| {
        if seen.insert(target.clone()) {
            walked.targets.push(target);
        }
    };
    for path in paths {
        if path.as_os_str() == "-" {
            push(&mut walked, Target::Stdin);
        } else if path.is_dir() {
            let mut files = walk_dir(path, excludes, wanted, &mut walked.errors)?;
            files.sort();
            for file in files {
                push(&mut walked, Target::File(file));
            }
        } else {
            // Missing files are reported when read, with the same message as before walking existed.
            push(&mut walked, Target::File(path.clone()));
        }
    }
    Ok(walked)
}

fn walk_dir(
    root: &Path,
    excludes: &[String],
    wanted: &mut dyn FnMut(&Path) -> bool,
    errors: &mut Vec<String>,
) -> Result<Vec<PathBuf>, String> {
    let mut overrides = OverrideBuilder::new(root);
    for glob in excludes {
        // An override glob starting with `!` excludes; only-excluding overrides leave other files alone.
        overrides.add(&format!("!{glob}")).map_err(|e| format!("invalid --exclude glob `{glob}`: {e}"))?;
    }
    let overrides = overrides.build().map_err(|e| format!("invalid --exclude glob: {e}"))?;
    let walker = WalkBuilder::new(root)
        .require_git(false)
        .add_custom_ignore_filename(IGNORE_FILENAME)
        .overrides(overrides)
        .build();
    let mut files = Vec::new();
    for entry in walker {
        match entry {
            Ok(entry) => {
                if entry.file_type().is_some_and(|t| t.is_file()) && wanted(entry.path()) {
                    files.push(tidy(entry.path()));
                }
            }
            Err(err) => errors.push(err.to_string()),
        }
    }
    Ok(files)
}

/// `./drafts/a.md` → `drafts/a.md`, so that walking `.` names files as a person would.
fn tidy(path: &Path) -> PathBuf {
    let mut components = path.components();
    match components.next() {
        Some(Component::CurDir) if components.clone().next().is_some() => components.as_path().to_path_buf(),
        _ => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_extensions_ignore_case() {
        assert!(is_markdown(Path::new("a/b.md")));
        assert!(is_markdown(Path::new("B.MarkDown")));
        assert!(is_markdown(Path::new("c.mdx")));
        assert!(!is_markdown(Path::new("notes.txt")));
        assert!(!is_markdown(Path::new("md")));
    }

    #[test]
    fn leading_dot_is_dropped() {
        assert_eq!(tidy(Path::new("./a/b.md")), PathBuf::from("a/b.md"));
        assert_eq!(tidy(Path::new("a/b.md")), PathBuf::from("a/b.md"));
        assert_eq!(tidy(Path::new(".")), PathBuf::from("."));
    }
}
