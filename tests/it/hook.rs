//! `quotelint hook install` and `check --staged`, against real git
//! repositories in temporary directories: the commit is judged on what is
//! staged, not on the working tree.

use std::path::Path;
use std::process::{Command, Output};

/// Unclosed quotation (QF001, an error; also QA001, the attribution being
/// inside the quote) as the bad draft, the closed one as the fix (only QP001,
/// an info, which does not block a commit).
const BAD: &str = "# Ferry\n\n“The ferry is late again, said Captain Ola Berg.\n";
const FIXED: &str = "# Ferry\n\n“The ferry is late again,” said Captain Ola Berg.\n";

/// A command isolated from the user's git configuration (hooksPath, signing, identity).
fn isolated(program: &str, dir: &Path) -> Command {
    let mut command = Command::new(program);
    command
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Desk")
        .env("GIT_AUTHOR_EMAIL", "desk@example.org")
        .env("GIT_COMMITTER_NAME", "Desk")
        .env("GIT_COMMITTER_EMAIL", "desk@example.org")
        .env_remove("GIT_DIR")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("NO_COLOR")
        .env_remove("TERM");
    command
}

fn git(dir: &Path, args: &[&str]) -> Output {
    isolated("git", dir).args(args).output().expect("git runs")
}

fn git_ok(dir: &Path, args: &[&str]) {
    let out = git(dir, args);
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn quotelint(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = isolated(env!("CARGO_BIN_EXE_quotelint"), dir).args(args).output().expect("quotelint runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git_ok(dir.path(), &["init", "-q"]);
    dir
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, text).unwrap();
}

fn commits(dir: &Path) -> usize {
    let out = git(dir, &["rev-list", "--count", "HEAD"]);
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap_or(0)
}

#[test]
fn hook_blocks_a_bad_staged_draft_even_when_the_working_tree_is_fixed() {
    let dir = repo();
    let root = dir.path();
    let (code, _, stderr) = quotelint(root, &["hook", "install"]);
    assert_eq!(code, 0, "{stderr}");
    let hook = root.join(".git/hooks/pre-commit");
    let script = std::fs::read_to_string(&hook).unwrap();
    assert!(script.contains("check --staged"), "{script}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_ne!(std::fs::metadata(&hook).unwrap().permissions().mode() & 0o111, 0, "hook is executable");
    }

    write(root, "desk/ferry story.md", BAD);
    git_ok(root, &["add", "."]);
    // Fixed in the working tree only: the commit would still record the bad draft.
    write(root, "desk/ferry story.md", FIXED);
    let blocked = git(root, &["commit", "-q", "-m", "ferry"]);
    let said = format!("{}{}", String::from_utf8_lossy(&blocked.stdout), String::from_utf8_lossy(&blocked.stderr));
    assert!(!blocked.status.success(), "the commit went through: {said}");
    assert!(said.contains("desk/ferry story.md") && said.contains("QF001"), "{said}");
    assert_eq!(commits(root), 0);

    // Staging the fix lets it through.
    git_ok(root, &["add", "desk/ferry story.md"]);
    let passed = git(root, &["commit", "-q", "-m", "ferry"]);
    assert!(passed.status.success(), "{}", String::from_utf8_lossy(&passed.stderr));
    assert_eq!(commits(root), 1);

    // And the reverse: a clean staged draft passes though the working tree is broken.
    write(root, "desk/ferry story.md", FIXED.replace("Captain", "Skipper").as_str());
    git_ok(root, &["add", "."]);
    write(root, "desk/ferry story.md", BAD);
    let passed = git(root, &["commit", "-q", "-m", "skipper"]);
    assert!(passed.status.success(), "{}", String::from_utf8_lossy(&passed.stderr));
    assert_eq!(commits(root), 2);
}

#[test]
fn install_refuses_to_overwrite_another_hook_unless_forced() {
    let dir = repo();
    let root = dir.path();
    let hook = root.join(".git/hooks/pre-commit");
    std::fs::create_dir_all(hook.parent().unwrap()).unwrap();
    std::fs::write(&hook, "#!/bin/sh\necho mine\n").unwrap();

    let (code, _, stderr) = quotelint(root, &["hook", "install"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("already exists") && stderr.contains("--force"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&hook).unwrap(), "#!/bin/sh\necho mine\n");

    let (code, _, stderr) = quotelint(root, &["hook", "install", "--force"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(std::fs::read_to_string(&hook).unwrap().contains("check --staged"));
    // The hook that was there is kept beside it, and the message says where.
    let backup = root.join(".git/hooks/pre-commit.quotelint-backup");
    assert_eq!(std::fs::read_to_string(&backup).unwrap(), "#!/bin/sh\necho mine\n");
    assert!(
        stderr.contains("the hook that was there is kept as") && stderr.contains("pre-commit.quotelint-backup"),
        "{stderr}"
    );

    // Installing again over our own hook is not an error.
    let (code, _, stderr) = quotelint(root, &["hook", "install"]);
    assert_eq!(code, 0);
    assert!(stderr.contains("already installed"), "{stderr}");

    // A second foreign hook forced over never replaces the first backup.
    std::fs::write(&hook, "#!/bin/sh\necho other\n").unwrap();
    let (code, _, stderr) = quotelint(root, &["hook", "install", "--force"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(std::fs::read_to_string(&backup).unwrap(), "#!/bin/sh\necho mine\n");
    let second = root.join(".git/hooks/pre-commit.quotelint-backup.2");
    assert_eq!(std::fs::read_to_string(second).unwrap(), "#!/bin/sh\necho other\n");
}

#[cfg(unix)]
#[test]
fn install_and_init_never_write_through_a_dangling_link() {
    let dir = repo();
    let root = dir.path();
    let hooks = root.join(".git/hooks");
    std::fs::create_dir_all(&hooks).unwrap();
    let target = root.join("elsewhere/hook");
    std::os::unix::fs::symlink(&target, hooks.join("pre-commit")).unwrap();
    for args in [&["hook", "install"][..], &["hook", "install", "--force"]] {
        let (code, _, stderr) = quotelint(root, args);
        assert_eq!(code, 2, "{args:?}");
        assert!(stderr.contains("is a symbolic link to") && stderr.contains("which does not exist"), "{stderr}");
    }
    let config = root.join("elsewhere.toml");
    std::os::unix::fs::symlink(&config, root.join("quotelint.toml")).unwrap();
    for args in [&["init"][..], &["init", "--force"]] {
        let (code, _, stderr) = quotelint(root, args);
        assert_eq!(code, 2, "{args:?}");
        assert!(stderr.contains("not writing through it"), "{stderr}");
    }
    assert!(!target.exists() && !config.exists(), "nothing was created through the links");
}

#[test]
fn install_outside_a_repository_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, stderr) = quotelint(dir.path(), &["hook", "install"]);
    assert_eq!(code, 2);
    assert!(stderr.starts_with("error: not inside a git repository"), "{stderr}");
}

#[test]
fn staged_reads_the_index_of_markdown_files_only() {
    let dir = repo();
    let root = dir.path();
    write(root, "a,b: c.md", BAD);
    write(root, "notes.txt", BAD);
    write(root, "drafts/skip.md", BAD);
    write(root, "drafts/.quotelintignore", "skip.md\n");
    write(root, "old/gone.md", BAD);
    write(root, "unstaged.md", BAD);
    git_ok(root, &["add", "a,b: c.md", "notes.txt", "drafts", "old"]);

    let (code, stdout, stderr) =
        quotelint(root, &["check", "--staged", "--select", "QF", "--format", "concise", "--exclude", "old/"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stdout, "a,b: c.md:3:1: error[QF001] quotation is never closed\n");

    // From a subdirectory the same staged files are found, named from the root.
    let (_, stdout, _) = quotelint(&root.join("drafts"), &["check", "--staged", "--format", "concise"]);
    assert!(stdout.contains("a,b: c.md:3:1") && stdout.contains("old/gone.md:3:1"), "{stdout}");

    // Nothing staged: nothing to say, exit 0.
    let clean = repo();
    let (code, stdout, stderr) = quotelint(clean.path(), &["check", "--staged"]);
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
}

#[test]
fn staged_outside_a_repository_and_with_paths_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, stderr) = quotelint(dir.path(), &["check", "--staged"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--staged needs a git repository"), "{stderr}");
    let (code, _, _) = quotelint(dir.path(), &["check", "--staged", "a.md"]);
    assert_eq!(code, 2);
}

#[test]
fn pre_commit_framework_manifest_runs_check_on_markdown() {
    let manifest =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.pre-commit-hooks.yaml")).unwrap();
    assert!(manifest.contains("- id: quotelint\n"), "{manifest}");
    assert!(manifest.contains("entry: quotelint check"), "{manifest}");
    assert!(manifest.contains("language: rust"), "{manifest}");
    assert!(manifest.contains("types_or: [markdown, mdx]"), "{manifest}");
}
