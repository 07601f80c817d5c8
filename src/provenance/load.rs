//! Source material: reading files and directories, config globs, the source
//! file's own front matter (`speaker`, `channel`, `outlet`, `date`) and the
//! draft's front-matter list of `sources`.

use super::normalize::{self, Token};
use super::turns;
use crate::markdown::front_matter_len;
use crate::source::{self, SourceFile};
use serde::Serialize;
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
    for path in paths {
        if path.is_dir() {
            walk(path, &mut files, &|_| true);
        } else if path.is_file() {
            files.push(path.clone());
        } else {
            errors.push(format!("{}: no such source file or directory", path.display()));
        }
    }
    (files, errors)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, keep: &dyn Fn(&Path) -> bool) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let hidden = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, out, keep);
        } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| EXTENSIONS.contains(&e)) && keep(&path)
        {
            out.push(path);
        }
    }
}

/// The files matched by the config's `sources` globs, relative to `base` (the
/// config file's directory). A pattern without wildcards names a file or
/// directory that must exist; a wildcard pattern may match nothing.
pub fn expand_globs(base: &Path, globs: &[String]) -> (Vec<PathBuf>, Vec<String>) {
    let (mut files, mut errors) = (Vec::new(), Vec::new());
    for glob in globs {
        if !glob.contains(['*', '?', '[', '{']) {
            let (found, errs) = expand(&[base.join(glob)]);
            files.extend(found);
            errors.extend(errs);
            continue;
        }
        let mut builder = ignore::overrides::OverrideBuilder::new(base);
        let built = builder.add(glob).and_then(|b| b.build());
        match built {
            Ok(matcher) => walk(base, &mut files, &|p| matcher.matched(p, false).is_whitelist()),
            Err(e) => errors.push(format!("{}: invalid sources glob `{glob}`: {e}", base.display())),
        }
    }
    files.sort();
    files.dedup();
    (files, errors)
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
