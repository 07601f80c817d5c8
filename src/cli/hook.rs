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
    if let Ok(existing) = std::fs::read_to_string(&hook) {
        if existing == script {
            return Ok(format!("the quotelint pre-commit hook is already installed at {}", hook.display()));
        }
        if !force {
            return Err(format!(
                "{} already exists; not overwriting it (pass --force to replace it)",
                hook.display()
            ));
        }
    } else if hook.exists() && !force {
        return Err(format!("{} already exists; not overwriting it (pass --force to replace it)", hook.display()));
    }
    if let Some(dir) = hook.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(&hook, &script).map_err(|e| format!("{}: {e}", hook.display()))?;
    make_executable(&hook)?;
    Ok(format!("installed the quotelint pre-commit hook at {}", hook.display()))
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
