//! `quotelint.toml` end to end: discovery, `--config`, `--isolated`, errors,
//! rule selection and severities, and `quotelint init`.

use std::path::Path;
use std::process::Command;

/// A draft with one QF002 (line 3) and one QF001 (line 9), and nothing else:
/// its quotes are attributed and say how they were obtained ("told AFP").
const DRAFT: &str = "\"The ferry ran late again,\" Tom Baker, a commuter, told AFP.\n\n\
“It happens every week,” he said.\n\n\
\"Twice on Friday,\" he added.\n\n\
The council met on Tuesday.\n\n\
“We will reopen the bridge, said Mayor Ana Ruiz.\n";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs the binary in `dir` (so relative paths and discovery start there).
fn run_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_quotelint"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Writes `files` (relative path, contents) under a new temporary directory.
fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("dirs");
        std::fs::write(path, text).expect("file written");
    }
    dir
}

/// `path:line:col: severity[CODE]` of each finding, from the concise format.
fn findings(run: &Run) -> Vec<String> {
    run.stdout.lines().map(|l| l.split(']').next().unwrap_or_default().to_string() + "]").collect()
}

#[test]
fn without_config_every_rule_runs_with_default_severities() {
    let dir = tree(&[("a.md", DRAFT)]);
    let out = run_in(dir.path(), &["check", "--format", "concise", "a.md"]);
    assert_eq!(findings(&out), ["a.md:3:1: warning[QF002]", "a.md:9:1: error[QF001]"], "{}", out.stderr);
    assert_eq!(out.code, 1);
}

#[test]
fn the_closest_config_wins_for_each_file() {
    let dir = tree(&[
        ("quotelint.toml", "ignore = [\"QF002\"]\n"),
        ("top.md", DRAFT),
        ("desk/quotelint.toml", "ignore = [\"unbalanced-quote-marks\"]\n"),
        ("desk/mid.md", DRAFT),
        ("desk/sport/.quotelint.toml", "[severity]\nQF = \"info\"\n"),
        ("desk/sport/low.md", DRAFT),
        ("desk/news/low.md", DRAFT),
    ]);
    let files = ["top.md", "desk/mid.md", "desk/sport/low.md", "desk/news/low.md"];
    let out = run_in(dir.path(), &[&["check", "--format", "concise"][..], &files].concat());
    assert_eq!(
        findings(&out),
        [
            "desk/mid.md:3:1: warning[QF002]",
            "desk/news/low.md:3:1: warning[QF002]",
            "desk/sport/low.md:3:1: info[QF002]",
            "desk/sport/low.md:9:1: info[QF001]",
            "top.md:9:1: error[QF001]",
        ],
        "{}",
        out.stderr
    );
    // Discovery starts from the draft, not from the working directory.
    let out = run_in(&dir.path().join("desk/sport"), &["check", "--format", "concise", "../../top.md"]);
    assert_eq!(findings(&out), ["../../top.md:9:1: error[QF001]"], "{}", out.stderr);
}

#[test]
fn config_flag_overrides_discovery_and_isolated_ignores_configs() {
    let dir = tree(&[
        ("quotelint.toml", "ignore = [\"QF\"]\n"),
        ("a.md", DRAFT),
        ("elsewhere/strict.toml", "select = [\"mixed-quote-style\"]\n[severity]\nQF002 = \"error\"\n"),
    ]);
    let out = run_in(dir.path(), &["check", "--format", "concise", "a.md"]);
    assert_eq!(out.stdout, "", "{}", out.stderr);
    assert_eq!(out.code, 0);

    let out = run_in(dir.path(), &["check", "--format", "concise", "--config", "elsewhere/strict.toml", "a.md"]);
    assert_eq!(findings(&out), ["a.md:3:1: error[QF002]"], "{}", out.stderr);

    let out = run_in(dir.path(), &["--isolated", "check", "--format", "concise", "a.md"]);
    assert_eq!(findings(&out), ["a.md:3:1: warning[QF002]", "a.md:9:1: error[QF001]"]);

    let out = run_in(dir.path(), &["check", "--config", "missing.toml", "a.md"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.starts_with("error: missing.toml: cannot read the configuration: "), "{}", out.stderr);
}

#[test]
fn standard_input_is_configured_by_its_stdin_filename() {
    let dir = tree(&[("desk/quotelint.toml", "ignore = [\"QF002\"]\n")]);
    let run = |args: &[&str]| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_quotelint"))
            .args(args)
            .current_dir(dir.path())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("the binary runs");
        use std::io::Write;
        child.stdin.take().expect("stdin").write_all(DRAFT.as_bytes()).expect("written");
        String::from_utf8_lossy(&child.wait_with_output().expect("finishes").stdout).into_owned()
    };
    let desk = run(&["check", "--format", "concise", "-", "--stdin-filename", "desk/story.md"]);
    assert_eq!(desk, "desk/story.md:9:1: error[QF001] quotation is never closed\n");
    let top = run(&["check", "--format", "concise", "-", "--stdin-filename", "story.md"]);
    assert_eq!(top.lines().count(), 2, "{top}");
}

#[test]
fn a_config_over_the_size_limit_is_an_error_and_other_files_are_still_checked() {
    let dir = tree(&[("huge/one.md", DRAFT), ("fine/ok.md", DRAFT)]);
    // a sparse terabyte: read whole, its allocation would abort the run
    let config = std::fs::File::create(dir.path().join("huge/quotelint.toml")).expect("created");
    config.set_len(1 << 40).expect("sized");
    let out = run_in(dir.path(), &["check", "--format", "concise", "huge/one.md", "fine/ok.md"]);
    assert_eq!(out.code, 2);
    let error = "error: huge/quotelint.toml: cannot read the configuration: 1 TB is over the 1 MB a configuration may take";
    assert_eq!(out.stderr.lines().filter(|l| l.starts_with("error:")).collect::<Vec<_>>(), [error]);
    assert_eq!(findings(&out), ["fine/ok.md:3:1: warning[QF002]", "fine/ok.md:9:1: error[QF001]"]);
}

#[test]
fn unknown_key_is_an_error_with_line_and_column_and_other_files_are_still_checked() {
    let dir = tree(&[
        ("broken/quotelint.toml", "style = \"ap\"\n\n[severity]\nQF001 = \"info\"\n\n  sytle = \"reuters\"\n"),
        ("broken/one.md", DRAFT),
        ("broken/two.md", DRAFT),
        ("fine/ok.md", DRAFT),
    ]);
    let out =
        run_in(dir.path(), &["check", "--format", "concise", "broken/one.md", "fine/ok.md", "broken/two.md"]);
    assert_eq!(out.code, 2);
    // Reported once, however many drafts the file governs. (`sytle` is a key of
    // [severity] here, so its value is what is wrong.)
    let error =
        "error: broken/quotelint.toml:6:11: unknown variant `reuters`, expected one of `error`, `warning`, `info`";
    assert_eq!(out.stderr.lines().filter(|l| l.starts_with("error:")).collect::<Vec<_>>(), [error]);
    assert_eq!(findings(&out), ["fine/ok.md:3:1: warning[QF002]", "fine/ok.md:9:1: error[QF001]"]);

    let dir = tree(&[("quotelint.toml", "style = \"ap\"\nsytle = \"reuters\"\n"), ("a.md", DRAFT)]);
    let out = run_in(dir.path(), &["check", "a.md"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "error: quotelint.toml:2:1: unknown field `sytle`, expected one of `style`, `quote-marks`, `outlet`, \
         `require-channel`, `select`, `ignore`, `severity`, `extend`, `sources`, `source-roots`, `prose-tags`, `include`, `language`\n"
    );
    assert_eq!(out.stdout, "");
}

#[test]
fn select_ignore_and_severity_by_code_name_and_family() {
    let cases: [(&str, &[&str]); 6] = [
        ("select = [\"QF001\"]\n", &["a.md:9:1: error[QF001]"]),
        ("select = [\"mixed-quote-style\"]\n", &["a.md:3:1: warning[QF002]"]),
        ("select = [\"QS\"]\n", &[]),
        ("select = [\"QF\"]\nignore = [\"unbalanced-quote-marks\"]\n", &["a.md:3:1: warning[QF002]"]),
        ("select = [\"QF001\"]\nignore = [\"QF\"]\n", &["a.md:9:1: error[QF001]"]),
        (
            "[severity]\nQF = \"info\"\nunbalanced-quote-marks = \"warning\"\n",
            &["a.md:3:1: info[QF002]", "a.md:9:1: warning[QF001]"],
        ),
    ];
    for (config, expected) in cases {
        let dir = tree(&[("quotelint.toml", config), ("a.md", DRAFT)]);
        let out = run_in(dir.path(), &["check", "--format", "concise", "a.md"]);
        assert_eq!(findings(&out), expected, "config:\n{config}\nstderr: {}", out.stderr);
        assert_eq!(out.code, if expected.is_empty() { 0 } else { 1 });
    }
}

#[test]
fn command_line_select_and_ignore_override_the_config() {
    // DRAFT without its channel: QP001 (1:1) as well as QF002 (3:1) and QF001 (9:1).
    let draft = DRAFT.replace(" Tom Baker, a commuter, told AFP.", " said Tom Baker, a commuter.");
    let cases: [(&str, &[&str], &[&str]); 9] = [
        ("", &["--select", "QF002"], &["a.md:3:1: warning[QF002]"]),
        ("", &["--select", "unbalanced-quote-marks"], &["a.md:9:1: error[QF001]"]),
        ("", &["--select", "qp"], &["a.md:1:1: info[QP001]"]),
        ("", &["--ignore", "QF001,QP"], &["a.md:3:1: warning[QF002]"]),
        ("", &["--select", "ALL", "--extend-ignore", "QF"], &["a.md:1:1: info[QP001]"]),
        // `--select` replaces the config's `select` and `ignore`, not its severities.
        ("select = [\"QF001\"]\n", &["--select", "QF002"], &["a.md:3:1: warning[QF002]"]),
        (
            "ignore = [\"QF\"]\n[severity]\nQF001 = \"info\"\n",
            &["--select", "QF"],
            &["a.md:3:1: warning[QF002]", "a.md:9:1: info[QF001]"],
        ),
        // `--extend-select` adds to the config's rules; `--ignore` beats a narrower config `select`.
        (
            "select = [\"QF001\"]\n",
            &["--extend-select", "quote-without-channel"],
            &["a.md:1:1: info[QP001]", "a.md:9:1: error[QF001]"],
        ),
        ("select = [\"QF001\", \"QP001\"]\n", &["--ignore", "QF"], &["a.md:1:1: info[QP001]"]),
    ];
    for (config, flags, expected) in cases {
        let dir = tree(&[("quotelint.toml", config), ("a.md", &draft)]);
        let out = run_in(dir.path(), &[&["check", "--format", "concise", "a.md"], flags].concat());
        assert_eq!(findings(&out), expected, "config:\n{config}\nflags: {flags:?}\nstderr: {}", out.stderr);
    }
}

#[test]
fn an_unknown_selector_on_the_command_line_is_an_error_of_use() {
    let dir = tree(&[("a.md", DRAFT)]);
    let out = run_in(dir.path(), &["check", "a.md", "--select", "QF001,unbalanced-quotes"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.contains(
            "unknown rule or rule family `unbalanced-quotes` (did you mean `QF001` (unbalanced-quote-marks)?)"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(run_in(dir.path(), &["check", "a.md", "--ignore", "QZ"]).code, 2);
}

#[test]
fn init_writes_a_starter_that_parses_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(dir.path(), &["init"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "wrote ./quotelint.toml\n");
    let written = dir.path().join("quotelint.toml");
    let text = std::fs::read_to_string(&written).unwrap();
    assert!(text.contains("# style = \"ap\""));
    let mut loaded = quotelint::config::load(&written).expect("the starter loads");
    // drafts governed by it may name sources under its directory
    assert_eq!(loaded.source_roots, [std::fs::canonicalize(dir.path()).unwrap()]);
    loaded.source_roots.clear();
    assert_eq!(loaded, quotelint::settings::Settings::default());

    std::fs::write(&written, "select = [\"QF001\"]\n").unwrap();
    let out = run_in(dir.path(), &["init"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stderr, "error: ./quotelint.toml already exists; pass --force to overwrite it\n");
    assert_eq!(std::fs::read_to_string(&written).unwrap(), "select = [\"QF001\"]\n");

    let out = run_in(dir.path(), &["init", "--force"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&written).unwrap(), quotelint::config::STARTER);

    // A directory gets quotelint.toml; another path is used as the file name.
    std::fs::create_dir(dir.path().join("desk")).unwrap();
    assert_eq!(run_in(dir.path(), &["init", "desk"]).code, 0);
    assert!(dir.path().join("desk/quotelint.toml").is_file());
    assert_eq!(run_in(dir.path(), &["init", "desk/.quotelint.toml"]).code, 0);
    // The written starter is a valid config for `check` too.
    std::fs::write(dir.path().join("desk/a.md"), DRAFT).unwrap();
    let out = run_in(dir.path(), &["check", "--format", "concise", "desk/a.md"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(findings(&out).len(), 2);
}
