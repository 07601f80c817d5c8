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
    /// Files in walked directories that look like drafts but were not read.
    pub skipped: Vec<Skipped>,
}

/// A file a walk passed over that its owner may have expected to be read.
/// (Files of no draft format, hidden files and ignored files are passed
/// over without a word, as ripgrep does.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub why: SkipReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// Links are not followed while walking (a link can lead outside the
    /// tree or back into it); name the file itself to read it.
    SymbolicLink,
    /// A draft format (`.html`, `.docx`…) the project's `include` leaves out.
    FormatNotIncluded,
}

impl SkipReason {
    pub fn describe(self) -> &'static str {
        match self {
            SkipReason::SymbolicLink => "a symbolic link (links are not followed; name the file to check it)",
            SkipReason::FormatNotIncluded => "a format `include` in quotelint.toml leaves out",
        }
    }
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
            let mut files = walk_dir(path, excludes, wanted, &mut walked)?;
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
    walked: &mut Walked,
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
                let Some(kind) = entry.file_type() else { continue };
                let is_draft = InputFormat::from_path(entry.path()).is_some();
                let why = if kind.is_symlink() && (is_draft || entry.path().is_dir()) {
                    SkipReason::SymbolicLink
                } else if !kind.is_file() {
                    continue;
                } else if wanted(entry.path()) {
                    files.push(tidy(entry.path()));
                    continue;
                } else if is_draft {
                    SkipReason::FormatNotIncluded
                } else {
                    continue;
                };
                walked.skipped.push(Skipped { path: tidy(entry.path()), why });
            }
            Err(err) => walked.errors.push(err.to_string()),
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

    #[cfg(unix)]
    #[test]
    fn links_and_left_out_formats_are_skipped_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("a.md"), "x").unwrap();
        std::fs::write(root.join("page.html"), "x").unwrap();
        std::fs::write(root.join("photo.png"), "x").unwrap();
        std::os::unix::fs::symlink(root.join("a.md"), root.join("link.md")).unwrap();
        std::fs::create_dir(root.join("sub")).unwrap();
        std::os::unix::fs::symlink(root, root.join("sub/loop")).unwrap();
        let mut wanted = |p: &Path| is_markdown(p);
        let walked = collect(&[root.to_path_buf()], &[], &mut wanted).unwrap();
        assert_eq!(walked.targets, [Target::File(root.join("a.md"))]);
        assert!(walked.errors.is_empty(), "{:?}", walked.errors);
        let mut skipped: Vec<(String, SkipReason)> = walked
            .skipped
            .iter()
            .map(|s| (s.path.strip_prefix(root).unwrap().display().to_string(), s.why))
            .collect();
        skipped.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(
            skipped,
            [
                ("link.md".to_string(), SkipReason::SymbolicLink),
                ("page.html".to_string(), SkipReason::FormatNotIncluded),
                ("sub/loop".to_string(), SkipReason::SymbolicLink),
            ]
        );
    }

    #[test]
    fn leading_dot_is_dropped() {
        assert_eq!(tidy(Path::new("./a/b.md")), PathBuf::from("a/b.md"));
        assert_eq!(tidy(Path::new("a/b.md")), PathBuf::from("a/b.md"));
        assert_eq!(tidy(Path::new(".")), PathBuf::from("."));
    }
}
