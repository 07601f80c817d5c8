//! `quotelint init [PATH] [--force]`: a commented starter `quotelint.toml`.

use super::args::InitArgs;
use super::{EXIT_CLEAN, EXIT_ERROR};
use crate::config::STARTER;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(args: &InitArgs) -> i32 {
    let target = if args.path.is_dir() { args.path.join("quotelint.toml") } else { args.path.clone() };
    match write(&target, args.force) {
        Ok(()) => {
            println!("wrote {}", target.display());
            EXIT_CLEAN
        }
        Err(message) => {
            eprintln!("error: {message}");
            EXIT_ERROR
        }
    }
}

fn write(target: &Path, force: bool) -> Result<(), String> {
    if let Some(link) = dangling_link(target) {
        return Err(format!(
            "{} is a symbolic link to {}, which does not exist; not writing through it (remove the link first)",
            target.display(),
            link.display()
        ));
    }
    if target.is_dir() {
        return Err(format!("{} is a directory", target.display()));
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        // never replaces anything, not even a link that appeared since the check above
        options.create_new(true);
    }
    let mut file = options.open(target).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => {
            format!("{} already exists; pass --force to overwrite it", target.display())
        }
        _ => format!("{}: cannot write: {e}", target.display()),
    })?;
    file.write_all(STARTER.as_bytes()).map_err(|e| format!("{}: cannot write: {e}", target.display()))
}

/// Where `path` points if it is a symbolic link to nothing: writing "to" it
/// would create a file wherever the link leads.
pub(super) fn dangling_link(path: &Path) -> Option<PathBuf> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.file_type().is_symlink() || path.exists() {
        return None;
    }
    std::fs::read_link(path).ok()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_dangling_link_is_not_written_through_even_with_force() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("elsewhere.toml");
        let link = dir.path().join("quotelint.toml");
        std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
        for force in [false, true] {
            let err = write(&link, force).unwrap_err();
            assert!(err.contains("is a symbolic link to") && err.contains("which does not exist"), "{err}");
        }
        assert!(!elsewhere.exists());
        // a link to a file that exists is that file: --force overwrites it
        std::fs::write(&elsewhere, "old").unwrap();
        assert!(write(&link, false).unwrap_err().contains("already exists"));
        write(&link, true).unwrap();
        assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), STARTER);
    }
}
