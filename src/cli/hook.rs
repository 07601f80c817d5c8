//! `quotelint hook install`: a plain git pre-commit hook (no framework needed)
//! that runs `quotelint check --staged`, so the commit is judged on what it
//! records (the index), not on the working tree.

use super::args::HookInstallArgs;
use super::{EXIT_CLEAN, EXIT_ERROR};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The first line after the shebang, which marks a hook as ours.
const MARKER: &str = "# quotelint pre-commit hook (written by `quotelint hook install`)";

pub fn install(args: &HookInstallArgs) -> i32 {
    match try_install(args.force) {
        Ok(message) => {
            eprintln!("{message}");
            EXIT_CLEAN
        }
        Err(message) => {
            eprintln!("error: {message}");
            EXIT_ERROR
        }
    }
}

fn try_install(force: bool) -> Result<String, String> {
    let hook = hook_path()?;
    let script = script(std::env::current_exe().ok().as_deref());
    if let Some(link) = super::init::dangling_link(&hook) {
        return Err(format!(
            "{} is a symbolic link to {}, which does not exist; not writing through it (remove the link first)",
            hook.display(),
            link.display()
        ));
    }
    let existing = std::fs::symlink_metadata(&hook).is_ok();
    let mut kept = None;
    if existing {
        let text = std::fs::read_to_string(&hook).unwrap_or_default();
        if text == script {
            return Ok(format!("the quotelint pre-commit hook is already installed at {}", hook.display()));
        }
        // our own hook, written by another build: replaced without ceremony
        let ours = text.lines().nth(1) == Some(MARKER);
        if !ours && !force {
            return Err(format!(
                "{} already exists; not overwriting it (pass --force to replace it, keeping it as {})",
                hook.display(),
                backup_name(&hook).display()
            ));
        }
        if ours {
            std::fs::remove_file(&hook).map_err(|e| format!("{}: {e}", hook.display()))?;
        } else {
            let backup = backup_name(&hook);
            std::fs::rename(&hook, &backup).map_err(|e| format!("{}: cannot keep it: {e}", hook.display()))?;
            kept = Some(backup);
        }
    }
    if let Some(dir) = hook.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    write_new(&hook, &script)?;
    make_executable(&hook)?;
    let mut message = format!("installed the quotelint pre-commit hook at {}", hook.display());
    if let Some(backup) = kept {
        message.push_str(&format!(
            "\nthe hook that was there is kept as {} (it no longer runs; call it from the new hook to keep both)",
            backup.display()
        ));
    }
    Ok(message)
}

/// `pre-commit.quotelint-backup`, or `…-backup.2` and so on when that is taken:
/// an earlier backup is never overwritten.
fn backup_name(hook: &Path) -> PathBuf {
    let base = format!("{}.quotelint-backup", hook.display());
    (1..)
        .map(|n| if n == 1 { PathBuf::from(&base) } else { PathBuf::from(format!("{base}.{n}")) })
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .unwrap_or_else(|| PathBuf::from(base))
}

/// Writes a file that must not exist yet (the old hook has been moved aside).
fn write_new(path: &Path, text: &str) -> Result<(), String> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    file.write_all(text.as_bytes()).map_err(|e| format!("{}: {e}", path.display()))
}

/// Where git looks for the pre-commit hook (honours `core.hooksPath` and worktrees).
fn hook_path() -> Result<PathBuf, String> {
    let out = Command::new("git")
        .args(["rev-parse", "--git-path", "hooks/pre-commit"])
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        return Err(format!("not inside a git repository: {}", stderr.trim()));
    }
    let path = String::from_utf8_lossy(&out.stdout).trim_end_matches(['\n', '\r']).to_string();
    if path.is_empty() {
        return Err("git did not say where hooks live".to_string());
    }
    Ok(PathBuf::from(path))
}

/// The hook: the binary that installed it when it is still there, else `quotelint` on PATH.
fn script(exe: Option<&Path>) -> String {
    let preferred = exe.map(|p| shell_quote(&p.display().to_string())).unwrap_or_else(|| "quotelint".into());
    format!(
        "#!/bin/sh\n\
         {MARKER}\n\
         # Checks the staged content of staged Markdown files; `git commit --no-verify` skips it.\n\
         quotelint={preferred}\n\
         if [ ! -x \"$quotelint\" ]; then quotelint=quotelint; fi\n\
         exec \"$quotelint\" check --staged\n"
    )
}

/// `s` in single quotes for sh, each `'` written as `'\''`.
fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

#[cfg(unix)]
fn make_executable(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
        .map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(not(unix))]
fn make_executable(_path: &Path) -> Result<(), String> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_quotes_the_binary_path() {
        let s = script(Some(Path::new("/opt/it's here/quotelint")));
        assert!(s.starts_with("#!/bin/sh\n"));
        assert!(s.contains("quotelint='/opt/it'\\''s here/quotelint'\n"), "{s}");
        assert!(s.contains("check --staged"));
        assert!(script(None).contains("quotelint=quotelint\n"));
    }
}
