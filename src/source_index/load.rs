//! Source material: reading files and directories, config globs, the source
//! file's own front matter (`speaker`, `channel`, `outlet`, `date`) and the
//! draft's front-matter list of `sources`.

use super::normalize::{self, Token};
use super::turns;
use crate::markdown::front_matter_len;
use crate::source::{self, SourceFile};
use serde::Serialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What a source file says about itself in its front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SourceMeta {
    /// Who is speaking throughout (unless a transcript turn says otherwise).
    pub speaker: Option<String>,
    /// How it was obtained: interview, statement, press release, filing, post.
    pub channel: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
}

/// One source file, tokenised, with its speaker turns.
#[derive(Debug, Clone)]
pub struct SourceDoc {
    pub file: SourceFile,
    pub meta: SourceMeta,
    pub tokens: Vec<Token>,
    /// `(first token index, speaker)` of each transcript turn, in order.
    pub turns: Vec<(usize, String)>,
}

impl SourceDoc {
    /// Reads a source from its text: front matter, turns, words.
    pub fn new(file: SourceFile) -> SourceDoc {
        let text = file.text.as_str();
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let fm_len = text.get(bom..).and_then(front_matter_len).unwrap_or(0);
        let meta = text.get(bom..bom + fm_len).map(parse_meta).unwrap_or_default();
        let mut tokens = Vec::new();
        let mut turns = Vec::new();
        let mut offset = bom + fm_len;
        for line in text.get(offset..).unwrap_or_default().split_inclusive('\n') {
            let mut body_at = 0;
            if let Some(label) = turns::label(line) {
                turns.push((tokens.len(), label.speaker));
                body_at = label.body_start;
            }
            tokens.extend(normalize::tokens(line.get(body_at..).unwrap_or_default(), offset + body_at));
            offset += line.len();
        }
        SourceDoc { file, meta, tokens, turns }
    }

    /// Who speaks the word at token `index`: its turn, else the file's speaker.
    pub fn speaker_at(&self, index: usize) -> Option<&str> {
        let turn = self.turns.partition_point(|(start, _)| *start <= index);
        match turn.checked_sub(1).and_then(|t| self.turns.get(t)) {
            Some((_, speaker)) => Some(speaker),
            None => self.meta.speaker.as_deref(),
        }
    }
}

/// `key: value` (YAML) or `key = "value"` (TOML) lines of a front-matter block.
fn parse_meta(block: &str) -> SourceMeta {
    let mut meta = SourceMeta::default();
    for line in block.lines() {
        let Some((key, value)) = line.split_once(':').or_else(|| line.split_once('=')) else { continue };
        let value = unquote(value);
        if value.is_empty() {
            continue;
        }
        let slot = match key.trim() {
            "speaker" => &mut meta.speaker,
            "channel" => &mut meta.channel,
            "outlet" => &mut meta.outlet,
            "date" => &mut meta.date,
            _ => continue,
        };
        *slot = Some(value);
    }
    meta
}

fn unquote(value: &str) -> String {
    let v = value.trim();
    let v = v.split(" #").next().unwrap_or(v).trim();
    v.trim_matches(|c| c == '"' || c == '\'').trim().to_string()
}

/// The `sources` listed in a draft's front matter: `sources: [a.txt, b.txt]`,
/// a YAML list of `- a.txt` lines, or TOML `sources = ["a.txt"]`.
pub fn front_matter_sources(text: &str) -> Vec<String> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let Some(len) = text.get(bom..).and_then(front_matter_len) else { return Vec::new() };
    let block = text.get(bom..bom + len).unwrap_or_default();
    let mut lines = block.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(rest) = line.strip_prefix("sources") else { continue };
        let rest = rest.trim_start();
        let Some(value) = rest.strip_prefix(':').or_else(|| rest.strip_prefix('=')) else { continue };
        let value = value.trim();
        if let Some(list) = value.strip_prefix('[') {
            let list = list.trim_end().trim_end_matches(']');
            return list.split(',').map(unquote).filter(|s| !s.is_empty()).collect();
        }
        if !value.is_empty() {
            return vec![unquote(value)];
        }
        let mut out = Vec::new();
        while let Some(item) = lines.peek().and_then(|l| l.trim_start().strip_prefix("- ")) {
            out.push(unquote(item));
            lines.next();
        }
        return out;
    }
    Vec::new()
}

/// Files with these extensions are read when a directory is given.
const EXTENSIONS: [&str; 4] = ["txt", "md", "markdown", "text"];

/// The source files named by `paths` (files, or directories walked for text
/// and Markdown files), with one error line for each path that cannot be used.
pub fn expand(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let (mut files, mut errors) = (Vec::new(), Vec::new());
    let mut visited = Visited::default();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut files, &|_| true, &mut visited);
        } else if path.is_file() {
            files.push(path.clone());
        } else if path.exists() {
            errors.push(format!("{}: not a regular file or directory; not read as a source", path.display()));
        } else {
            errors.push(format!("{}: no such source file or directory", path.display()));
        }
    }
    (files, errors)
}

/// The directories a walk has entered, by device and inode, so that a
/// symbolic link back up the tree (or two links to one folder) is entered once.
#[derive(Default)]
struct Visited(HashSet<DirKey>);

#[cfg(unix)]
type DirKey = (u64, u64);
#[cfg(not(unix))]
type DirKey = PathBuf;

impl Visited {
    /// Whether `dir` is entered for the first time (a directory that cannot be identified is skipped).
    fn first_visit(&mut self, dir: &Path) -> bool {
        dir_key(dir).is_some_and(|key| self.0.insert(key))
    }
}

#[cfg(unix)]
fn dir_key(dir: &Path) -> Option<DirKey> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(dir).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn dir_key(dir: &Path) -> Option<DirKey> {
    std::fs::canonicalize(dir).ok()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, keep: &dyn Fn(&Path) -> bool, visited: &mut Visited) {
    if !visited.first_visit(dir) {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let hidden = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, out, keep, visited);
        } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| EXTENSIONS.contains(&e)) && keep(&path)
        {
            out.push(path);
        }
    }
}

/// The files matched by the config's `sources` globs, relative to `base` (the
/// config file's directory); `origin` (the config file) is named in errors.
/// A pattern without wildcards names a file or directory that must exist; a
/// wildcard pattern may match nothing.
pub fn expand_globs(base: &Path, globs: &[String], origin: &str) -> (Vec<PathBuf>, Vec<String>) {
    let (mut files, mut errors) = (Vec::new(), Vec::new());
    for glob in globs {
        if !glob.contains(['*', '?', '[', '{']) {
            let (found, errs) = expand(&[base.join(glob)]);
            files.extend(found);
            errors.extend(errs.into_iter().map(|e| format!("{e} (listed in `sources` in {origin})")));
            continue;
        }
        match glob_matcher(base, glob) {
            Ok(matcher) => {
                walk(base, &mut files, &|p| matcher.matched(p, false).is_whitelist(), &mut Visited::default())
            }
            Err(e) => errors.push(format!("{origin}: {e}")),
        }
    }
    files.sort();
    files.dedup();
    (files, errors)
}

/// The matcher for one `sources` glob, or why it is not one.
pub fn glob_matcher(base: &Path, glob: &str) -> Result<ignore::overrides::Override, String> {
    let mut builder = ignore::overrides::OverrideBuilder::new(base);
    builder.add(glob).and_then(|b| b.build()).map_err(|e| format!("invalid sources glob `{glob}`: {e}"))
}

/// Splits `paths` into those inside one of `roots` (after following every
/// symbolic link) and those outside, which are not to be read.
pub fn inside(paths: Vec<PathBuf>, roots: &[PathBuf]) -> (Vec<PathBuf>, Vec<PathBuf>) {
    paths.into_iter().partition(|path| {
        // a path that does not exist is let through, to be reported as missing
        std::fs::canonicalize(path).map_or(!path.exists(), |real| roots.iter().any(|root| real.starts_with(root)))
    })
}

/// Reads source files, one error line for each that cannot be read.
pub fn read_all(paths: &[PathBuf]) -> (Vec<SourceDoc>, Vec<String>) {
    use rayon::prelude::*;
    let read: Vec<Result<SourceDoc, String>> =
        paths.par_iter().map(|p| source::read_path(p).map(SourceDoc::new).map_err(|e| e.to_string())).collect();
    let (mut docs, mut errors) = (Vec::new(), Vec::new());
    for r in read {
        match r {
            Ok(doc) => docs.push(doc),
            Err(e) => errors.push(e),
        }
    }
    (docs, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_declares_speaker_and_channel() {
        let doc = SourceDoc::new(SourceFile::new(
            "s.txt",
            "---\nspeaker: Hong Min\nchannel: interview\noutlet: \"AFP\"\ndate: 2024-05-29\n---\nWe were ready.\n",
        ));
        assert_eq!(doc.meta.speaker.as_deref(), Some("Hong Min"));
        assert_eq!(doc.meta.outlet.as_deref(), Some("AFP"));
        assert_eq!(doc.tokens.len(), 3);
        assert_eq!(doc.speaker_at(0), Some("Hong Min"));
    }

    #[test]
    fn turns_attribute_their_words() {
        let doc =
            SourceDoc::new(SourceFile::new("t.txt", "Q: Were you ready?\nHONG MIN: We were.\nMore words.\n"));
        assert_eq!(doc.speaker_at(0), Some("Q"));
        assert_eq!(doc.speaker_at(3), Some("Hong Min"));
        assert_eq!(doc.speaker_at(6), Some("Hong Min"));
        // The label itself is not part of the words.
        assert_eq!(doc.file.text.get(doc.tokens[3].range()), Some("We"));
    }

    #[test]
    fn symlink_loops_are_walked_once() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("src");
        std::fs::create_dir(&src).unwrap();
        std::fs::write(src.join("t.txt"), "A: w.").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(".", src.join("a")).unwrap();
            std::os::unix::fs::symlink(".", src.join("b")).unwrap();
            std::os::unix::fs::symlink("..", src.join("up")).unwrap();
        }
        let (files, errors) = expand(std::slice::from_ref(&src));
        assert_eq!(files, [src.join("t.txt")]);
        assert!(errors.is_empty(), "{errors:?}");
        let (globbed, errors) = expand_globs(dir.path(), &["**/*.txt".to_string()], "quotelint.toml");
        assert_eq!(globbed, [src.join("t.txt")]);
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn a_bad_glob_names_the_config_that_holds_it() {
        let (_, errors) = expand_globs(Path::new("."), &["[bad".to_string()], "desk/quotelint.toml");
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with("desk/quotelint.toml: invalid sources glob `[bad`: "), "{errors:?}");
    }

    #[test]
    fn paths_outside_the_roots_are_refused_after_following_links() {
        let project = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(project.path()).unwrap();
        std::fs::write(project.path().join("in.txt"), "x").unwrap();
        std::fs::write(elsewhere.path().join("out.txt"), "x").unwrap();
        let mut paths = vec![project.path().join("in.txt"), elsewhere.path().join("out.txt")];
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(elsewhere.path().join("out.txt"), project.path().join("link.txt")).unwrap();
            paths.push(project.path().join("link.txt"));
        }
        let (kept, refused) = inside(paths, &[root]);
        assert_eq!(kept, [project.path().join("in.txt")]);
        assert_eq!(refused[0], elsewhere.path().join("out.txt"));
    }

    #[test]
    fn draft_front_matter_lists_sources() {
        assert_eq!(front_matter_sources("---\nsources: [a.txt, \"b c.md\"]\n---\nx"), ["a.txt", "b c.md"]);
        assert_eq!(
            front_matter_sources("---\ntitle: x\nsources:\n  - a.txt\n  - b.txt\n---\n"),
            ["a.txt", "b.txt"]
        );
        assert_eq!(front_matter_sources("+++\nsources = [\"a.txt\"]\n+++\n"), ["a.txt"]);
        assert!(front_matter_sources("no front matter").is_empty());
    }
}
