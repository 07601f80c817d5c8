//! Writing a fixed draft back without ever leaving it half-written: the new
//! text goes to a temporary file in the same directory, which then replaces
//! the draft in one rename. The draft keeps its permissions (and, on Unix,
//! its owner and group); a symbolic link stays a link and its target is
//! rewritten. Line endings and a byte-order mark are kept because fixes
//! never edit them.
//!
//! The temporary file is not flushed to the disk (`fsync`) before the
//! rename. The rename is what makes the write atomic for every reader and
//! for a crash of quotelint itself: the draft is the old text or the new,
//! never a mix. What an `fsync` adds is durability across a power cut in
//! the seconds before the system writes its cache back, where some file
//! systems could otherwise keep the new name with empty contents (ext4
//! flushes a file renamed over another before the rename for this reason).
//! Linters and formatters leave that to the system (Ruff truncates and
//! rewrites the file in place; rustfmt and Prettier write in place too), and
//! a fix can be made again; a flush per draft, one disk round trip each,
//! was the largest part of the time `--fix` took over `check`.

use std::fmt;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Why a fixed draft was not written; displayed as one line naming it.
#[derive(Debug)]
pub struct WriteError {
    pub path: String,
    pub message: String,
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: not fixed: {}", self.path, self.message)
    }
}

impl std::error::Error for WriteError {}

/// Replaces the file at `path`, which must still hold `original`, with `fixed`.
pub fn replace(path: &Path, original: &str, fixed: &str) -> Result<(), WriteError> {
    let shown = path.display().to_string();
    let fail = |message: String| WriteError { path: shown.clone(), message };
    // Write through a symbolic link to the file it names, so the link stays.
    let target: PathBuf = std::fs::canonicalize(path).map_err(|e| fail(e.to_string()))?;
    let meta = std::fs::metadata(&target).map_err(|e| fail(e.to_string()))?;
    if meta.permissions().readonly() {
        return Err(fail("the file is read-only".into()));
    }
    if hard_links(&meta) > 1 {
        return Err(fail("the file has other hard links, which a rename would split from it".into()));
    }
    // An editor may have saved the draft while it was being checked; that work wins.
    // One byte more than the draft as checked is enough to tell it changed; a
    // file that grew to gigabytes meanwhile is not read whole.
    let mut now = Vec::new();
    std::fs::File::open(&target)
        .and_then(|file| file.take(original.len() as u64 + 1).read_to_end(&mut now))
        .map_err(|e| fail(e.to_string()))?;
    if now != original.as_bytes() {
        return Err(fail("it changed on disk while it was being checked".into()));
    }
    let dir = target.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".quotelint-fix-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| fail(format!("cannot create a temporary file in {}: {e}", dir.display())))?;
    temp.write_all(fixed.as_bytes()).map_err(|e| fail(e.to_string()))?;
    temp.as_file().set_permissions(meta.permissions()).map_err(|e| fail(e.to_string()))?;
    keep_owner(temp.as_file(), &meta).map_err(|e| fail(format!("cannot keep the file's owner: {e}")))?;
    // A draft over its budget is reported as not checked, so it must not
    // be changed either: the last look at the budget is before the rename
    // (unwinding drops `temp`, which removes the temporary file, as any
    // failure does).
    crate::budget::checkpoint();
    temp.persist(&target).map_err(|e| fail(e.error.to_string()))?;
    Ok(())
}

#[cfg(unix)]
fn hard_links(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

#[cfg(not(unix))]
fn hard_links(_meta: &std::fs::Metadata) -> u64 {
    1
}

#[cfg(unix)]
fn keep_owner(temp: &std::fs::File, meta: &std::fs::Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let new = temp.metadata()?;
    if (new.uid(), new.gid()) == (meta.uid(), meta.gid()) {
        return Ok(());
    }
    std::os::unix::fs::fchown(temp, Some(meta.uid()), Some(meta.gid()))
}

#[cfg(not(unix))]
fn keep_owner(_temp: &std::fs::File, _meta: &std::fs::Metadata) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_draft_is_replaced_with_its_permissions_and_nothing_left_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.md");
        std::fs::write(&path, "old\r\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        replace(&path, "old\r\n", "new\r\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new\r\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
        }
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("d.md")]);
    }

    #[test]
    fn a_draft_changed_since_it_was_read_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.md");
        std::fs::write(&path, "edited meanwhile").unwrap();
        let err = replace(&path, "as read", "fixed").unwrap_err();
        assert!(err.to_string().ends_with("not fixed: it changed on disk while it was being checked"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "edited meanwhile");
    }

    #[test]
    fn a_draft_that_grew_since_it_was_read_is_left_alone_and_not_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.md");
        // what was checked, then a terabyte more (sparse): read whole, it would abort
        std::fs::write(&path, "as read").unwrap();
        std::fs::OpenOptions::new().write(true).open(&path).unwrap().set_len(1 << 40).unwrap();
        let err = replace(&path, "as read", "fixed").unwrap_err();
        assert!(err.to_string().ends_with("not fixed: it changed on disk while it was being checked"), "{err}");
        assert_eq!(std::fs::metadata(&path).unwrap().len(), 1 << 40);
    }

    #[test]
    fn a_draft_over_its_budget_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.md");
        std::fs::write(&path, "old").unwrap();
        let over = std::panic::catch_unwind(|| {
            let limits = crate::budget::Limits { memory: None, time: Some(std::time::Duration::ZERO) };
            let _budget = crate::budget::enter(limits);
            std::thread::sleep(std::time::Duration::from_millis(2));
            replace(&path, "old", "new")
        });
        let payload = over.expect_err("the budget stops the write");
        assert!(payload.downcast_ref::<crate::budget::Exceeded>().is_some());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("d.md")], "the temporary file is removed");
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        let link = dir.path().join("link.md");
        std::fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        replace(&link, "old", "new").unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
    }
}
