//! Quote provenance end to end: fixture drafts checked against fictional
//! transcripts under `fixtures/provenance/sources/`, each giving exactly the
//! expected QP004/QP005/QP006 findings with their word diffs (in
//! `fixtures/provenance/expected/`; `QUOTELINT_BLESS=1` rewrites them), and
//! the command-line surface: `--sources`, config globs, front matter, JSON.

use crate::common;

use common::{drafts, path, quotelint};
use quotelint::provenance::{self, Sources};
use quotelint::render::{full, FileDiagnostics};
use quotelint::rules;
use quotelint::settings::Settings;
use quotelint::source::SourceFile;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const DIR: &str = "fixtures/provenance";

fn fixture_settings() -> Settings {
    let set = provenance::load_paths(&[PathBuf::from(DIR).join("sources")]);
    assert!(set.errors.is_empty(), "{:?}", set.errors);
    Settings { sources: Sources::new(vec![Arc::new(set)]), ..Settings::default() }
}

/// The provenance findings for one draft, as the human format prints them (no colour).
fn findings(draft: &Path, settings: &Settings) -> String {
    let text = std::fs::read_to_string(draft).expect("fixture draft");
    let analysis = quotelint::analyze(SourceFile::new(draft.display().to_string(), text));
    let mut found = quotelint::findings::Findings::default();
    for code in ["QP004", "QP005", "QP006"] {
        let rule = rules::find(code).expect("rule exists");
        rule.check(&analysis, settings, &mut found);
    }
    let diagnostics = found.into_vec(&analysis.file.text);
    full::render(&[FileDiagnostics::new(analysis.file, diagnostics)], false)
}

#[test]
fn each_fixture_gives_exactly_the_expected_findings() {
    let settings = fixture_settings();
    let bless = std::env::var_os("QUOTELINT_BLESS").is_some();
    let cases = [
        ("verbatim", &[][..]),
        ("ellipsis", &[]),
        ("bracket", &[]),
        ("changed-word", &["warning[QP004/misquote]: quote differs from its source: debris [-was-]{+were+} found"]),
        ("swapped-sentences", &["warning[QP004/misquote]: quote puts the source's sentences in a different order"]),
        (
            "wrong-speaker",
            &["error[QP005/misattributed-quote]: quote is attributed to Hong Min, but in the source Priya Nair says it"],
        ),
        ("no-source", &["warning[QP006/quote-not-in-sources]: quote not found in the sources"]),
    ];
    let mut failures = Vec::new();
    for (case, headlines) in cases {
        let got = findings(&Path::new(DIR).join(format!("{case}.md")), &settings);
        let found: Vec<&str> =
            got.lines().filter(|l| l.starts_with("warning[") || l.starts_with("error[")).collect();
        assert_eq!(found, headlines, "{case}:\n{got}");
        let expected_path = Path::new(DIR).join("expected").join(format!("{case}.txt"));
        if bless {
            std::fs::write(&expected_path, &got).expect("write expectation");
        } else if std::fs::read_to_string(&expected_path).unwrap_or_default() != got {
            failures.push(format!("{case}: got\n{got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_diff_reads_like_git_word_diff() {
    let got = findings(Path::new("fixtures/provenance/changed-word.md"), &fixture_settings());
    assert!(
        got.contains("word diff (source → quote): The debris [-was-]{+were+} found along the north beach"),
        "{got}"
    );
    assert!(got.contains("closest passage, fixtures/provenance/sources/ferry-interview.txt:15:"), "{got}");
}

#[test]
fn cli_sources_flag_json_source_object_and_colour() {
    let draft = "fixtures/provenance/verbatim.md";
    let out = quotelint(&["quotes", "--format", "json", "--sources", "fixtures/provenance/sources", draft], "");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    let source = &json["files"][0]["quotes"][0]["source"];
    assert_eq!(source["path"], "fixtures/provenance/sources/ferry-interview.txt");
    assert_eq!(source["match"], "verbatim");
    assert_eq!(source["speaker"], "Hong Min");
    assert_eq!(source["channel"], "interview");
    let (start, end) =
        (source["span"]["start"].as_u64().unwrap_or(0), source["span"]["end"].as_u64().unwrap_or(0));
    let text = std::fs::read_to_string("fixtures/provenance/sources/ferry-interview.txt").expect("source");
    assert!(text.get(start as usize..end as usize).is_some_and(|s| s.starts_with("I would rather lose")));
    // Without sources, no `source` key at all (the JSON contract is unchanged).
    let out = quotelint(&["quotes", "--format", "json", draft], "");
    assert!(!out.stdout.contains("\"source\""));

    let out = quotelint(
        &[
            "check",
            "--isolated",
            "--color",
            "always",
            "--sources",
            "fixtures/provenance/sources",
            "fixtures/provenance/changed-word.md",
        ],
        "",
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stdout.contains("\x1b[31m[-was-]\x1b[0m\x1b[32m{+were+}\x1b[0m"), "{}", out.stdout);
}

#[test]
fn a_missing_source_is_one_line_exit_2_and_the_rest_still_runs() {
    let out = quotelint(
        &[
            "check",
            "--isolated",
            "--format",
            "concise",
            "--sources",
            "fixtures/provenance/sources",
            "--sources",
            "no/such.txt",
            "fixtures/provenance/wrong-speaker.md",
        ],
        "",
    );
    assert_eq!(out.code, 2);
    assert_eq!(out.stderr.lines().filter(|l| l.contains("no/such.txt")).count(), 1, "{}", out.stderr);
    assert!(out.stdout.contains("error[QP005]"), "{}", out.stdout);
}

#[test]
fn config_globs_front_matter_and_a_severity_raise() {
    let transcript = "---\nspeaker: Ama Owusu\n---\nWe will not close the library while I am mayor.\n";
    let dir = drafts(&[
        ("quotelint.toml", b"sources = [\"sources/*.txt\"]\n\n[severity]\nQP006 = \"error\"\n"),
        ("a.md", "“We will not close the library while I am mayor,” said Ama Owusu.\n\n“The library closes in May,” Owusu said.\n".as_bytes()),
    ]);
    std::fs::create_dir(dir.path().join("sources")).expect("dir");
    std::fs::write(dir.path().join("sources/owusu.txt"), transcript).expect("source");
    let out = quotelint(&["check", "--format", "concise", &path(&dir, "a.md")], "");
    assert!(out.stdout.contains("error[QP006]"), "{}\n{}", out.stdout, out.stderr);
    // The first quote is in the source, word for word: only the second is reported.
    assert_eq!(out.stdout.matches("QP006").count(), 1, "{}", out.stdout);
    assert!(!out.stdout.contains("QP004") && !out.stdout.contains("QP005"), "{}", out.stdout);

    // A draft can list its own sources, relative to itself.
    let other = drafts(&[
        (
            "b.md",
            "---\nsources: [owusu.txt]\n---\n“We will not close the library while I was mayor,” said Ama Owusu.\n"
                .as_bytes(),
        ),
        ("owusu.txt", transcript.as_bytes()),
    ]);
    let out = quotelint(&["check", "--isolated", "--format", "concise", &path(&other, "b.md")], "");
    assert!(
        out.stdout.contains("warning[QP004] quote differs from its source: I [-am-]{+was+} mayor"),
        "{}",
        out.stdout
    );
}

/// QP001 ("how was this obtained?") is answered by a source whose front
/// matter gives its channel, even when the draft names none.
#[test]
fn a_source_with_a_channel_documents_the_quote() {
    let draft = Path::new(DIR).join("verbatim.md");
    let text = std::fs::read_to_string(&draft).expect("fixture draft");
    let analysis = quotelint::analyze(SourceFile::new(draft.display().to_string(), text));
    let rule = rules::find("QP001").expect("rule exists");
    let mut without = quotelint::findings::Findings::default();
    rule.check(&analysis, &Settings::default(), &mut without);
    assert_eq!(without.len(), 1, "no sources: the draft says nothing of how the quote was obtained");
    let mut with = quotelint::findings::Findings::default();
    rule.check(&analysis, &fixture_settings(), &mut with);
    assert!(with.is_empty(), "the interview transcript says `channel: interview`: {with:?}");
}
