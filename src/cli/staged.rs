//! `--staged`: the content of the staged Markdown files as it sits in git's
//! index, not in the working tree, which is what a commit would record.
//!
//! Two git processes, whatever the number of files: `git diff --cached --raw -z`
//! names the staged files with the ids of their staged blobs, and one
//! `git cat-file --batch` prints those blobs. NUL-separated names and blob ids
//! on stdin mean no path ever needs quoting.

use crate::walk;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use ignore::Match;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// One staged file: its path relative to the repository root, and its staged bytes.
pub struct Blob {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Every staged (added, copied, modified or renamed) Markdown file of the
/// repository around the current directory, minus those that `excludes` or a
/// `.quotelintignore` in the working tree skip.
pub fn staged_markdown(excludes: &[String]) -> Result<Vec<Blob>, String> {
    let top = git(None, &["rev-parse", "--show-toplevel"], None)
        .map_err(|e| format!("--staged needs a git repository: {e}"))?;
    let top = PathBuf::from(String::from_utf8_lossy(&top).trim_end_matches(['\n', '\r']));
    let raw = git(
        Some(&top),
        &[
            "diff",
            "--cached",
            "--raw",
            "-z",
            "--no-abbrev",
            "--no-renames",
            "--no-color",
            "--no-ext-diff",
            "--diff-filter=ACMR",
        ],
        None,
    )?;
    let skip = Skipper::new(&top, excludes)?;
    let entries: Vec<(String, String)> = parse_raw(&raw)
        .into_iter()
        .filter(|(path, _)| walk::is_markdown(Path::new(path)) && !skip.skips(Path::new(path)))
        .collect();
    if entries.is_empty() {
        return Ok(Vec::new());
    }
    let ids: String = entries.iter().map(|(_, id)| format!("{id}\n")).collect();
    let out = git(Some(&top), &["cat-file", "--batch"], Some(ids.into_bytes()))?;
    let contents = parse_batch(&out)?;
    if contents.len() != entries.len() {
        return Err(format!("git cat-file returned {} blobs for {} files", contents.len(), entries.len()));
    }
    Ok(entries.into_iter().zip(contents).map(|((path, _), bytes)| Blob { path, bytes }).collect())
}

/// `(path, staged blob id)` of each regular file in `git diff --raw -z` output:
/// records are `:oldmode newmode oldid newid status` NUL `path` NUL.
fn parse_raw(raw: &[u8]) -> Vec<(String, String)> {
    let mut fields = raw.split(|&b| b == 0);
    let mut entries = Vec::new();
    while let (Some(meta), Some(path)) = (fields.next(), fields.next()) {
        let meta = String::from_utf8_lossy(meta);
        let parts: Vec<&str> = meta.trim_start_matches(':').split(' ').collect();
        // Regular files only: not symlinks (120000) nor submodules (160000).
        if let [_, new_mode, _, new_id, _status] = parts.as_slice() {
            if new_mode.starts_with("100") {
                entries.push((String::from_utf8_lossy(path).into_owned(), (*new_id).to_string()));
            }
        }
    }
    entries
}

/// The contents in `git cat-file --batch` output: `id type size` LF, the bytes, LF; for each object.
fn parse_batch(out: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    let mut reader = BufReader::new(out);
    let mut contents = Vec::new();
    let mut header = String::new();
    loop {
        header.clear();
        match reader.read_line(&mut header) {
            Ok(0) => return Ok(contents),
            Ok(_) => {}
            Err(e) => return Err(format!("reading git cat-file output: {e}")),
        }
        let parts: Vec<&str> = header.split_whitespace().collect();
        let size = match parts.as_slice() {
            [_, "blob", size] => size.parse::<usize>().map_err(|e| format!("git cat-file size `{size}`: {e}"))?,
            _ => return Err(format!("unexpected git cat-file output: {}", header.trim_end())),
        };
        let mut bytes = vec![0; size];
        let mut newline = [0u8; 1];
        reader
            .read_exact(&mut bytes)
            .and_then(|()| reader.read_exact(&mut newline))
            .map_err(|e| format!("reading git cat-file output: {e}"))?;
        contents.push(bytes);
    }
}

/// Runs git, feeding `stdin` from another thread (so a full stdout pipe
/// cannot deadlock against a full stdin pipe), and returns its stdout.
fn git(dir: Option<&Path>, args: &[&str], stdin: Option<Vec<u8>>) -> Result<Vec<u8>, String> {
    let mut command = Command::new("git");
    if let Some(dir) = dir {
        command.arg("-C").arg(dir);
    }
    let mut child = command
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run git: {e}"))?;
    let feeder = match (stdin, child.stdin.take()) {
        (Some(bytes), Some(mut pipe)) => Some(std::thread::spawn(move || pipe.write_all(&bytes))),
        _ => None,
    };
    let out = child.wait_with_output().map_err(|e| format!("git {}: {e}", args.join(" ")))?;
    if let Some(feeder) = feeder {
        match feeder.join() {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return Err(format!("git {}: writing its input: {e}", args.join(" "))),
            Err(_) => return Err(format!("git {}: writing its input failed", args.join(" "))),
        }
    }
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        return Err(format!("git {} failed: {}", args.join(" "), stderr.trim()));
    }
    Ok(out.stdout)
}

/// Decides which staged paths `--exclude` or a `.quotelintignore` skip. The
/// ignore files are read from the working tree, nearest directory first.
struct Skipper {
    top: PathBuf,
    excludes: Gitignore,
    ignore_files: std::cell::RefCell<HashMap<PathBuf, Option<Gitignore>>>,
}

impl Skipper {
    fn new(top: &Path, excludes: &[String]) -> Result<Self, String> {
        let mut builder = GitignoreBuilder::new(top);
        for glob in excludes {
            builder.add_line(None, glob).map_err(|e| format!("invalid --exclude glob `{glob}`: {e}"))?;
        }
        let excludes = builder.build().map_err(|e| format!("invalid --exclude glob: {e}"))?;
        Ok(Skipper { top: top.to_path_buf(), excludes, ignore_files: Default::default() })
    }

    fn skips(&self, relative: &Path) -> bool {
        if relative.has_root() {
            // git names staged files relative to the root; the matchers would reject anything else.
            return false;
        }
        let full = self.top.join(relative);
        if self.excludes.matched_path_or_any_parents(&full, false).is_ignore() {
            return true;
        }
        // Directories from the file's own up to the root: the nearest ignore file decides.
        let mut dir = full.parent();
        while let Some(d) = dir {
            if !d.starts_with(&self.top) {
                break;
            }
            if let Some(ignore) = self.ignore_file(d) {
                match ignore.matched_path_or_any_parents(&full, false) {
                    Match::Ignore(_) => return true,
                    Match::Whitelist(_) => return false,
                    Match::None => {}
                }
            }
            dir = d.parent();
        }
        false
    }

    fn ignore_file(&self, dir: &Path) -> Option<Gitignore> {
        let mut cache = self.ignore_files.borrow_mut();
        cache
            .entry(dir.to_path_buf())
            .or_insert_with(|| {
                let file = dir.join(walk::IGNORE_FILENAME);
                if !file.is_file() {
                    return None;
                }
                let (gitignore, _partial_error) = Gitignore::new(&file);
                Some(gitignore)
            })
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_records_give_paths_and_staged_ids() {
        let raw = b":000000 100644 0000 aaaa A\0new draft.md\0:100644 100644 bbbb cccc M\0a,b:c.md\0:000000 160000 0000 dddd A\0sub\0";
        assert_eq!(
            parse_raw(raw),
            [("new draft.md".to_string(), "aaaa".to_string()), ("a,b:c.md".to_string(), "cccc".to_string())]
        );
        assert!(parse_raw(b"").is_empty());
    }

    #[test]
    fn batch_output_is_split_by_size_not_by_lines() {
        let out = b"aaaa blob 6\nab\ncd\n\nbbbb blob 0\n\n";
        assert_eq!(parse_batch(out).unwrap(), [b"ab\ncd\n".to_vec(), Vec::new()]);
        assert!(parse_batch(b"aaaa missing\n").is_err());
    }
}
