//! Adversarial and malformed input (issue 14): each reproducer finishes in
//! seconds, not minutes, with a clear message, and (where peak memory can be
//! read) within 20 MB plus 4× the draft. Time limits are loose on purpose:
//! the point is seconds against minutes on a loaded machine, in a debug build.

use crate::common;

use common::measure::run_measured;
use common::{drafts, path, quotelint, wire_copy};
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(120);

/// The reproducer of issue 14: `levels` alternating “ ‘ openings, then closings after spaces.
fn nested_quotes(levels: usize) -> String {
    let opens: String = (0..levels).map(|k| if k % 2 == 0 { "“a " } else { "‘a " }).collect();
    let closes: String = (0..levels).map(|k| if k % 2 == 0 { "’ " } else { "” " }).collect();
    format!("{opens}{closes}x\n")
}

#[test]
fn deeply_nested_quotations_are_one_finding_not_an_abort() {
    let draft = nested_quotes(20_000);
    let dir = drafts(&[("n.md", draft.as_bytes()), ("ok.md", "“Fine,” Ana Ruiz told AFP.\n".as_bytes())]);
    let run = run_measured(&["check", "--format", "concise", "n.md", "ok.md"], dir.path(), LIMIT);
    run.assert_bounded("nested quotations", draft.len(), 4);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let deep: Vec<&str> = run.stdout.lines().filter(|l| l.contains("nested more than")).collect();
    assert_eq!(deep, ["n.md:1:25: error[QF001] quotations nested more than 8 deep"], "{}", run.stdout);
    assert!(run.stderr.contains("in 2 files"), "{}", run.stderr);
}

/// One line with `findings` closing marks that close nothing: the header row
/// of a table, a cell (a paragraph of its own) for each.
fn long_line(findings: usize) -> String {
    let cell =
        format!(" {}and the last word” |", "the council met again on the question of the ferry ".repeat(10));
    format!("|{}\n|{}\n", cell.repeat(findings), "---|".repeat(findings))
}

#[test]
fn findings_on_a_long_line_print_a_window_each() {
    let draft = long_line(2_000);
    assert!(draft.len() > 1_000_000);
    let dir = drafts(&[("long.md", draft.as_bytes())]);
    let run = run_measured(&["check", "--select", "QF001", "--color", "never", "long.md"], dir.path(), LIMIT);
    // 8×, not 4×: the analysis of 2,000 table cells alone peaks at 25 MB in a
    // release build (`quotes`); the printer adds under 4 MB to that (it took
    // 3.4 GB, for 1.75 GB of output, before it printed windows).
    run.assert_bounded("long line", draft.len(), 8);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("Found 2000 problems"), "{}", run.stderr);
    // About a screen a finding (a window of the line, labels, help), not the megabyte line each time.
    assert!(run.stdout_bytes < 2_000 * 2_048, "{} bytes of output", run.stdout_bytes);
    let first = run.stdout.lines().find(|l| l.starts_with("1 │")).expect("a source line");
    assert!(first.ends_with("ferry …") || first.ends_with('…'), "{first}");
}

#[test]
fn a_byte_order_mark_is_not_a_column_and_a_lone_cr_ends_a_line() {
    let dir = drafts(&[
        ("bom.md", "\u{feff}“Never closed, she said.\n".as_bytes()),
        ("mac.md", "The council met.\r\r“Never closed, she said.\r".as_bytes()),
    ]);
    let out = quotelint(
        &["check", "--select", "QF001", "--format", "concise", &path(&dir, "bom.md"), &path(&dir, "mac.md")],
        "",
    );
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            format!("{}:1:1: error[QF001] quotation is never closed", path(&dir, "bom.md")),
            format!("{}:3:1: error[QF001] quotation is never closed", path(&dir, "mac.md")),
        ],
        "{}",
        out.stderr
    );
}

const FINDING: &[u8] = "“Never closed, she said.\n".as_bytes();

/// The run skipped `name` (its `error:` line first on stderr starts with
/// `message`, and the summary names it), exited 2, and still printed the
/// finding of `ok.md` ([`FINDING`], checked with `--select QF001`).
fn assert_only_skipped(run: &common::measure::Measured, name: &str, message: &str) {
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert_eq!(run.stdout, "ok.md:1:1: error[QF001] quotation is never closed\n");
    assert!(run.stderr.starts_with(&format!("error: {name}: {message}")), "{}", run.stderr);
    assert!(run.stderr.ends_with(&format!("1 file was not checked: {name}.\n")), "{}", run.stderr);
}

#[test]
fn a_draft_over_the_size_limit_is_skipped_naming_it_and_the_others_are_checked() {
    // 11 MB: over the default 10 MB limit, refused before it is read
    let big = vec![b'a'; 11 << 20];
    let dir = drafts(&[("big.md", &big), ("ok.md", FINDING)]);
    let run =
        run_measured(&["check", "--select", "QF001", "--format", "concise", "big.md", "ok.md"], dir.path(), LIMIT);
    run.assert_bounded("oversized draft", 0, 0);
    assert_eq!(run.code, Some(2));
    assert_eq!(run.stdout, "ok.md:1:1: error[QF001] quotation is never closed\n");
    assert_eq!(
        run.stderr,
        "error: big.md: 11 MB is over the 10 MB size limit for one file; skipped (--max-file-size raises it)\n\
         Found 1 problem in 1 file: 1 error.\n\
         1 file was not checked: big.md.\n"
    );
    // The limit is the user's to raise or lower.
    let raised =
        run_measured(&["check", "--max-file-size", "12M", "--format", "concise", "big.md"], dir.path(), LIMIT);
    assert_eq!(raised.code, Some(0), "{}", raised.stderr);
    let out = quotelint(&["check", "--max-file-size", "10", "--stdin-filename", "piped.md", "-"], "0123456789A");
    assert_eq!(out.code, 2);
    // standard input is read one byte past the limit, so its whole size is not known
    assert!(out.stderr.starts_with("error: piped.md: over the 10 bytes size limit"), "{}", out.stderr);
}

#[cfg(unix)]
#[test]
fn a_fifo_named_on_the_command_line_is_refused_without_blocking() {
    let dir = drafts(&[("ok.md", FINDING)]);
    let made = std::process::Command::new("mkfifo").arg(dir.path().join("pipe.md")).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    // Nothing ever writes to the FIFO: opening it would block the run for good.
    let run = run_measured(
        &["check", "--select", "QF001", "--format", "concise", "pipe.md", "ok.md"],
        dir.path(),
        LIMIT,
    );
    assert_only_skipped(
        &run,
        "pipe.md",
        "is a FIFO (named pipe), not a regular file; skipped (to check what it holds, pipe it to `quotelint check -`)\n",
    );
}

/// The reproducer of issue 14: a sources folder with two links back to itself.
#[cfg(unix)]
fn looping_sources() -> tempfile::TempDir {
    let dir =
        drafts(&[("d.md", "---\nsources: [src]\n---\n“We will reopen the bridge,” Ana Ruiz said.\n".as_bytes())]);
    let src = dir.path().join("src");
    std::fs::create_dir(&src).unwrap();
    std::fs::write(src.join("t.txt"), "ANA RUIZ: We will reopen the bridge.\n").unwrap();
    std::os::unix::fs::symlink(".", src.join("a")).unwrap();
    std::os::unix::fs::symlink(".", src.join("b")).unwrap();
    dir
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_a_sources_folder_is_walked_once() {
    let dir = looping_sources();
    let select = ["--select", "QP004,QP005,QP006", "--format", "concise"];
    // from the front matter, from --sources and from a config glob
    for args in [&["check", "d.md"][..], &["check", "--sources", "src", "d.md"], &["--isolated", "check", "d.md"]]
    {
        let args: Vec<&str> = args.iter().chain(&select).copied().collect();
        let run = run_measured(&args, dir.path(), LIMIT);
        assert_eq!(run.code, Some(0), "{args:?}: {}{}", run.stdout, run.stderr);
        assert_eq!(run.stdout, "", "{args:?}: the quote is found in the source");
    }
    std::fs::write(dir.path().join("quotelint.toml"), "sources = [\"src/**/*.txt\"]\n").unwrap();
    let run = run_measured(&["check", "--select", "QP004,QP005,QP006", "d.md"], dir.path(), LIMIT);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
}

#[test]
fn front_matter_sources_stay_inside_the_project() {
    let outside = drafts(&[("secret.txt", b"ANA RUIZ: We will reopen the bridge.\n")]);
    let secret = path(&outside, "secret.txt");
    let name = outside.path().file_name().unwrap().to_string_lossy().to_string();
    let relative = format!("../{name}/secret.txt");
    let draft =
        format!("---\nsources: [\"{secret}\", {relative}]\n---\n“We will reopen the bridge,” Ana Ruiz said.\n");
    let dir = drafts(&[("quotelint.toml", b""), ("d.md", draft.as_bytes())]);
    let run = run_measured(&["check", "--select", "QP", "--format", "concise", "d.md"], dir.path(), LIMIT);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "error: d.md: `{secret}` in the front matter's sources is outside the project; not read"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!("{relative}` in the front matter's sources is outside the project")),
        "{}",
        run.stderr
    );
    let quotes = run_measured(&["quotes", "--format", "json", "d.md"], dir.path(), LIMIT);
    assert!(!quotes.stdout.contains("secret.txt"), "nothing was read from outside: {}", quotes.stdout);
    // The config may allow a directory outside the project.
    let root = outside.path().display().to_string();
    std::fs::write(dir.path().join("quotelint.toml"), format!("source-roots = [\"{root}\"]\n")).unwrap();
    let run = run_measured(&["check", "--select", "QP", "--format", "concise", "d.md"], dir.path(), LIMIT);
    assert!(!run.stderr.contains("outside the project"), "{}", run.stderr);
    let quotes = run_measured(&["quotes", "--format", "json", "d.md"], dir.path(), LIMIT);
    assert!(quotes.stdout.contains("secret.txt"), "the quote is found in the allowed source: {}", quotes.stdout);
}

#[test]
fn config_errors_point_at_the_offending_value() {
    let dir = drafts(&[("d.md", "“Fine,” Ana Ruiz told AFP.\n".as_bytes())]);
    let cases = [
        ("sources = [\"[bad\"]\n", "quotelint.toml:1:12: invalid sources glob `[bad`: "),
        ("[extend]\nvague = [\"a|b\"]\n", "quotelint.toml:2:10: a `vague` phrase: '|' or ')' outside a group"),
        (
            "[extend]\nchannels = [{ phrase = \"told {outlet} or {outlet}\", kind = \"interview\" }]\n",
            "quotelint.toml:2:24: a channel phrase: more than one {outlet} slot",
        ),
        (
            "[extend]\nanonymous = [\"(a|b)(c|d)(e|f)(g|h)(i|j)(k|l)(m|n)(o|p)(q|r)(s|t)(u|v)(w|x)(y|z)\"]\n",
            "quotelint.toml:2:14: an `anonymous` phrase: expands to more than",
        ),
    ];
    for (config, message) in cases {
        std::fs::write(dir.path().join("quotelint.toml"), config).unwrap();
        let out = run_measured(&["check", "d.md"], dir.path(), LIMIT);
        assert_eq!(out.code, Some(2), "{config}");
        assert!(out.stderr.starts_with(&format!("error: {message}")), "{config}: {}", out.stderr);
    }
}

/// About `bytes` of wire copy quoting a different person in every paragraph.
fn many_names(bytes: usize) -> (String, usize) {
    const FIRST: [&str; 20] = [
        "Ana", "Ola", "Mira", "Hong", "Priya", "Jonas", "Lena", "Tomas", "Ines", "Kofi", "Yuki", "Omar", "Sara",
        "Ivan", "Nadia", "Pavel", "Rosa", "Emil", "Dana", "Farid",
    ];
    const SYLLABLES: [&str; 20] = [
        "ber", "lin", "ko", "sa", "ta", "mo", "ri", "vel", "dan", "gor", "ny", "esh", "ul", "par", "wen", "zi",
        "qua", "lor", "min", "tes",
    ];
    let (mut text, mut people) = (String::new(), 0);
    while text.len() < bytes {
        let (a, b, c) = (people / 400 % 20, people / 20 % 20, people % 20);
        let surname = format!("{}{}{}", SYLLABLES[a], SYLLABLES[b], SYLLABLES[c]);
        let mut chars = surname.chars();
        let surname: String = chars.next().map(|f| f.to_ascii_uppercase()).into_iter().chain(chars).collect();
        text.push_str(&format!(
            "“The ferry budget will be settled by Friday,” said {} {surname}, a councillor. \
             {surname} later told reporters that “nothing is agreed yet.”\n\n",
            FIRST[people % 20]
        ));
        people += 1;
    }
    (text, people)
}

#[test]
fn thousands_of_distinct_names_are_attributed_in_seconds() {
    let (draft, people) = many_names(1 << 20);
    assert!(people > 6_000, "{people} people");
    let dir = drafts(&[("names.md", draft.as_bytes())]);
    // Every quote attributed (QA001 silent) means every name was registered
    // and found again; the output stays empty, so the memory is the analysis's.
    let run = run_measured(&["check", "--select", "QA001", "--format", "concise", "names.md"], dir.path(), LIMIT);
    // 517 MB and 45 s in a release build before the name registry was
    // indexed. The bound is 16× for now: the tokens and attributions of a
    // megabyte of short paragraphs take about 24 MB (release); issue 10's 4×
    // is for the analysis to reach. (29 MB release, 37 MB debug; 27 MB and
    // 35.7 MB once malloc's mapping threshold was fixed, see `heap`; 34.7 MB
    // debug with shared channels and verbs kept apart from the words; 28.2 MB
    // debug, start-up 16.7 MB, with the cast's entities in 80 bytes where
    // 112 and no attribution record for a quote nobody is said to speak.)
    run.assert_bounded("many names", draft.len(), 2);
    assert_eq!((run.code, run.stdout.as_str()), (Some(0), ""), "{}", run.stderr);
    assert_eq!(run.stderr, "No problems found in 1 file.\n");
    // Every rule: invented surnames a syllable apart are thousands of QN002
    // pairs, each with a fix respelling every use of one spelling. Finding
    // those uses by walking every name in the draft for each pair took 21 s
    // at 1 MB and over a minute at 2 MB (release).
    let run = run_measured(&["check", "--format", "concise", "names.md"], dir.path(), LIMIT);
    // The thousands of findings and their fixes are held until they are
    // sorted and printed: 55 MB (release) before their fixed wording was
    // kept uncopied and they were sorted by index, 47 MB after (56 MB debug);
    // 39 MB (48.4 MB debug) once a finding names its rule by one pointer,
    // its messages keep no spare room and pairs are remembered by index;
    // 48.2 MB debug with shared channels and 8-byte words; 46.7 MB once
    // QN002 kept all the uses of the names in one vector; 37.7 MB debug
    // (28 MB release) once the findings were held packed while the rules
    // run and unpacked after the analysis is freed (see `findings`); 29.4 MB
    // debug once the freed analysis's pages went back before the findings
    // were unpacked, under a budget of 31.8 MB.
    run.assert_bounded("many names, every rule", draft.len(), 3);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let findings = run.findings();
    assert!(findings > 20_000, "{findings} findings");
    // (only the first megabyte of the output is kept, the last line of it maybe cut short)
    let shown: Vec<&str> = run.stdout.lines().collect();
    assert!(shown[..shown.len() - 1].iter().all(|l| l.contains(" warning[QN002] ")), "{}", shown[0]);
}

#[test]
fn a_draft_over_its_memory_or_time_budget_costs_that_draft_only() {
    let draft = wire_copy(3 << 20);
    let dir = drafts(&[("big.md", draft.as_bytes()), ("ok.md", FINDING)]);
    // Checking 3 MB of wire copy holds well over 10 MB (a 2 MB draft
    // already goes over 12 MB), a one-line draft well under 1 MB.
    let run = run_measured(
        &["check", "--memory-limit", "10M", "--select", "QF001", "--format", "concise", "big.md", "ok.md"],
        dir.path(),
        LIMIT,
    );
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert_eq!(run.stdout, "ok.md:1:1: error[QF001] quotation is never closed\n");
    assert_eq!(
        run.stderr,
        "error: big.md: took more than 10 MB of memory while being checked (--memory-limit); skipped\n\
         Found 1 problem in 1 file: 1 error.\n\
         1 file was not checked: big.md.\n"
    );
    // stopped at the next checkpoint (a block at most), not when the whole analysis was done
    run.assert_bounded("memory budget", draft.len(), 8);
    // A debug build takes about 2 s over 3 MB on an idle machine (many
    // seconds before the speed work of session 19, when this limit was 2 s
    // and the test passed only on a loaded machine), and milliseconds over
    // one line.
    let run = run_measured(
        &["check", "--time-limit", "0.25", "--select", "QF001", "--format", "concise", "big.md", "ok.md"],
        dir.path(),
        LIMIT,
    );
    assert_only_skipped(&run, "big.md", "still being checked after 0.25 seconds (--time-limit); skipped\n");
    assert!(run.seconds < 30.0, "the run ends when the draft is given up on: {:.1} s", run.seconds);
}

/// A draft's length chooses the size of the buffer it is read into: a
/// sparse file of terabytes under a raised `--max-file-size` aborted the
/// whole run ("memory allocation of 8796093022209 bytes failed"), losing
/// every other file's findings. It is now refused by name before anything
/// is allocated: over the memory budget, or over what the machine gives.
#[cfg(unix)]
#[test]
fn a_draft_larger_than_memory_is_skipped_by_name_not_an_abort() {
    let dir = drafts(&[("ok.md", FINDING)]);
    let huge = std::fs::File::create(dir.path().join("huge.md")).expect("file created");
    if huge.set_len(8 << 40).is_err() {
        eprintln!("skipped: this file system cannot hold an 8 TB sparse file");
        return;
    }
    let check = |memory_limit: &str| {
        let args = ["check", "--max-file-size", "16384G", "--memory-limit", memory_limit, "--select", "QF001"];
        let args: Vec<&str> = args.iter().copied().chain(["--format", "concise", "huge.md", "ok.md"]).collect();
        let run = run_measured(&args, dir.path(), LIMIT);
        run.assert_bounded("an 8 TB sparse draft", 0, 0);
        run
    };
    let run = check("2G");
    assert_only_skipped(&run, "huge.md", "would need 8.0 TB of memory at once, over the 2 GB memory limit");
    assert_eq!(
        run.stderr,
        "error: huge.md: would need 8.0 TB of memory at once, over the 2 GB memory limit (--memory-limit); skipped\n\
         Found 1 problem in 1 file: 1 error.\n\
         1 file was not checked: huge.md.\n"
    );
    // Where the kernel may hand out 8 TB of address space, reading would go on for hours.
    let refuses = std::fs::read_to_string("/proc/sys/vm/overcommit_memory").is_ok_and(|m| m.trim() != "1");
    if !refuses {
        eprintln!("skipped the machine's refusal: no Linux overcommit heuristic here");
        return;
    }
    let run = check("16384G");
    assert_only_skipped(
        &run,
        "huge.md",
        "would need 8.0 TB of memory at once, more than the machine could give; skipped\n",
    );
}

/// One paragraph can be the whole draft: the budget is checked inside the
/// stages' loops (Markdown events, marks, quotations, words, attributions),
/// not only between blocks, so a draft over it stops soon after crossing
/// it. Checked only at the end of each stage, 8 MB in one paragraph
/// under a 20 MB budget peaked at 72 MB (release).
#[cfg(unix)]
#[test]
fn a_budget_is_held_inside_one_huge_paragraph() {
    let sentence = "“The ferry ran late again,” Ann Lee said on Monday. ";
    let draft = sentence.repeat((8 << 20) / sentence.len());
    let dir = drafts(&[("para.md", draft.as_bytes()), ("ok.md", FINDING)]);
    let run = run_measured(
        &["check", "--memory-limit", "20M", "--select", "QF001", "--format", "concise", "para.md", "ok.md"],
        dir.path(),
        LIMIT,
    );
    assert_only_skipped(
        &run,
        "para.md",
        "took more than 20 MB of memory while being checked (--memory-limit); skipped\n",
    );
    // the draft's own 8 MB, the 20 MB budget and a little past it
    run.assert_bounded("one 8 MB paragraph under a 20 MB budget", draft.len(), 3);
}

#[test]
fn suppression_comments_in_crlf_html_blocks_are_reported_where_they_are() {
    // 40 CRLF lines of HTML before the comment: a byte lost per CR would move it 40 bytes, lines up.
    let html: String = (1..=40).map(|i| format!("<p>row {i}</p>\r\n")).collect();
    let draft = format!(
        "Intro.\r\n\r\n<div>\r\n{html}<!-- quotelint-disable QA001 -->\r\n</div>\r\n\r\n\
         “Fine,” Ana Ruiz told AFP.\r\n\r\n<div>\r\n{html}  <!-- quotelint-enable QZ999 -->\r\n</div>\r\n"
    );
    let dir = drafts(&[("crlf.md", draft.as_bytes())]);
    let out = quotelint(&["check", "--select", "QS,QA001", "--format", "concise", &path(&dir, "crlf.md")], "");
    let at = |line: usize, column: usize, rest: &str| format!("{}:{line}:{column}: {rest}", path(&dir, "crlf.md"));
    assert_eq!(
        out.stdout.lines().collect::<Vec<_>>(),
        [
            at(44, 24, "warning[QS001] unused suppression of `QA001`"),
            at(90, 25, "warning[QS002] `QZ999` in a suppression comment is not a rule"),
        ],
        "{}",
        out.stderr
    );
}

#[test]
fn a_hundred_thousand_unmatched_marks_are_checked_in_seconds() {
    let line = "word” ".repeat(100_000) + "\n";
    let paragraphs = format!("{}.\n\n", "word” ".repeat(100)).repeat(1_000);
    // The 11,000 findings of the paragraphs, held until they are sorted and
    // printed, take most of their memory.
    for (name, draft, findings, times) in [("line.md", &line, 11, 8), ("paragraphs.md", &paragraphs, 11_000, 16)] {
        let dir = drafts(&[(name, draft.as_bytes())]);
        let run = run_measured(&["check", "--select", "QF001", "--format", "concise", name], dir.path(), LIMIT);
        // Before: 7 s and 26 s a megabyte (quadratic), and a finding for every mark.
        run.assert_bounded(name, draft.len(), times);
        assert_eq!(run.code, Some(1), "{}", run.stderr);
        assert_eq!(run.stdout.lines().count(), findings, "{name}");
        assert!(run.stdout.contains("more closing marks in this paragraph close nothing"), "{name}");
    }
}

#[test]
fn sixty_thousand_quotations_in_one_paragraph_are_read_in_seconds() {
    // short quotations joined by "and", with no full stop: one block, one sentence
    let draft: String = (0..60_000).map(|k| format!("“item {k}” and ")).collect::<String>() + "\n";
    let dir = drafts(&[("one.md", draft.as_bytes())]);
    // Before, each quotation lowered the whole block before it to look for
    // "so-called": 6 s for 12,000 quotations, about 150 s for these
    // (release). Now about 7 s in a debug build on an idle machine.
    let run = run_measured(&["check", "--format", "concise", "one.md"], dir.path(), LIMIT);
    // a quotation every 21 bytes: its quote and attribution records, not
    // the text, set the peak (31 MB for 1.25 MB in release, 41 in debug;
    // 25.7 MB release on 4f93280, and 20.2 MB release, 28.9 MB debug under
    // a budget of 31.1 MB, once no record was held for a quote nobody is
    // said to speak and the splitter's marks took 8 bytes)
    run.assert_bounded("one.md", draft.len(), 2);
    // each is a short label of the writer's, not speech: nothing to report
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout, "", "{}", run.stderr);
}

#[test]
fn a_paragraph_of_six_thousand_anonymous_sources_is_checked_in_seconds() {
    let draft = (0..6_000)
        .map(|k| format!("“The ferry will run at {k},” said a person familiar with the harbour talks.\n"))
        .collect::<String>();
    let dir = drafts(&[("anon.md", draft.as_bytes())]);
    // Before, each source searched its whole paragraph (and the next) for a
    // reason it was not named: 3 s for 3,000 of them (release), 12 s for these.
    let args = ["check", "--select", "QA004", "--format", "concise", "anon.md"];
    let run = run_measured(&args, dir.path(), Duration::from_secs(30));
    run.assert_bounded("anon.md", draft.len(), 8);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    // no reason anywhere: every source is reported
    assert_eq!(run.findings(), 6_000, "{}", run.stderr);
    assert!(run.stdout.contains("with no reason for the anonymity"), "{}", run.stderr);
}

#[test]
fn a_first_paragraph_of_twenty_thousand_quotations_is_read_in_seconds() {
    // short quotations with no full stop, then two more paragraphs: a first
    // paragraph that might be a headline
    let list: String = (0..20_000).map(|k| format!("“item {k}” and ")).collect();
    let draft = format!("{list}\n\nThe list ends here.\n\nAnd this is the third paragraph.\n");
    let dir = drafts(&[("first.md", draft.as_bytes())]);
    // Before, each quotation of the first paragraph counted all its words
    // to tell whether it was a headline: 27 s for these (release).
    let run = run_measured(&["check", "--format", "concise", "first.md"], dir.path(), Duration::from_secs(30));
    run.assert_bounded("first.md", draft.len(), 8);
    // a list of terms, not speech, and not a headline's titles: nothing to report
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout, "", "{}", run.stderr);
}

#[test]
fn a_line_of_three_hundred_thousand_template_tags_is_masked_in_seconds() {
    let draft = format!("Notes {}“The end,” said Ana Ruiz.\n", "{{x}} ".repeat(300_000));
    let dir = drafts(&[("tags.md", draft.as_bytes())]);
    // Before, masking each tag looked for the start and the end of its
    // line: 12 s for 140,000 tags on a line (release), about 40 s for these.
    let run = run_measured(&["check", "--format", "concise", "tags.md"], dir.path(), Duration::from_secs(30));
    run.assert_bounded("tags.md", draft.len(), 8);
    // the tags are not prose: one quotation, attributed, with no channel
    assert_eq!(run.findings(), 1, "{}", run.stderr);
    assert!(run.stdout.contains("QP001"), "{}", run.stdout);
}

#[test]
fn sixteen_thousand_findings_on_one_line_print_as_sarif_in_seconds() {
    let draft = (0..16_000).map(|k| format!("“The ferry will run at {k}.” ")).collect::<String>() + "\n";
    let dir = drafts(&[("line.md", draft.as_bytes())]);
    // Before, each result's fingerprint looked for its line's ends and
    // hashed the line, and its offset counted the line's characters up to
    // it: 13 s for these (release).
    let args = ["check", "--select", "QA001", "--format", "sarif", "line.md"];
    let run = run_measured(&args, dir.path(), Duration::from_secs(30));
    run.assert_bounded("line.md", draft.len(), 8);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    // one line, one rule: one hash, and the results on it counted in order
    // (only the first megabyte of the log is kept)
    let hashes: Vec<&str> = run.stdout.split("\"primaryLocationLineHash\": \"").skip(1).collect();
    assert!(hashes.len() > 500, "{} results kept", hashes.len());
    for (k, h) in hashes.iter().take(500).enumerate() {
        assert_eq!(h.split('"').next().and_then(|f| f.split(':').nth(1)), Some(&*k.to_string()), "{h}");
        assert_eq!(h.get(..16), hashes[0].get(..16));
    }
}

/// A made-up name for each `k`: 512 of them, so that no one name dominates.
fn signer(k: usize) -> String {
    const FIRST: [&str; 8] = ["Ana", "Pete", "Joan", "Mira", "Tomas", "Ines", "Karl", "Lena"];
    const SYLLABLES: [&str; 8] = ["ka", "lo", "ven", "dra", "mi", "sor", "tel", "ba"];
    let surname = format!("{}{}", SYLLABLES[k / 8 % 8], SYLLABLES[k / 64 % 8]);
    format!("{} {}{}", FIRST[k % 8], surname[..1].to_uppercase(), &surname[1..])
}

#[test]
fn a_paragraph_of_quotes_signed_at_hard_line_breaks_is_read_in_seconds() {
    let draft =
        (0..4_000).map(|k| format!("“The ferry will run at {k},” said {}  \n", signer(k))).collect::<String>();
    let dir = drafts(&[("breaks.md", draft.as_bytes())]);
    // No full stop, so each 320-token piece is a sentence of about 30
    // quotations: before, each looked back at every verb before it for a
    // subject, and each such look copied the words before the verb for
    // each word it might start at and each phrase list (collapsing their
    // `  \n`): 1.4 s for these in release, 0.34 s now. A debug build
    // spends most of its time elsewhere: the bound is for a return to
    // quadratic time, benches/scaling.sh measures the rest.
    let args = ["check", "--select", "QA001", "--format", "concise", "breaks.md"];
    let run = run_measured(&args, dir.path(), LIMIT);
    run.assert_bounded("breaks.md", draft.len(), 8);
    // each quotation is signed after it: none without a speaker
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.stdout, "", "{}", run.stderr);
}

#[test]
fn a_paragraph_of_quotes_signed_once_at_its_end_is_read_in_seconds() {
    let draft =
        (0..6_000).map(|k| format!("“The ferry will run at {k}” ")).collect::<String>() + "said Ana Ruiz.\n";
    let dir = drafts(&[("late.md", draft.as_bytes())]);
    // No full stop, so each 320-token piece is a sentence of forty
    // quotations that nobody signs: before, each read every sibling's 32
    // tokens after it for a verb, and those of the piece before: 3.3 s for
    // these in release, 0.23 s now (a debug build spends most of its time
    // elsewhere: the bound is for a return to quadratic time).
    let args = ["check", "--select", "QA001", "--format", "concise", "late.md"];
    let run = run_measured(&args, dir.path(), LIMIT);
    run.assert_bounded("late.md", draft.len(), 8);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    // those of the last piece are Ana Ruiz's; the others have no speaker
    assert_eq!(run.findings(), 5_760, "{}", run.stderr);
}

#[test]
fn a_line_of_unclosed_template_openers_is_masked_in_seconds() {
    let draft = format!("“The wall holds,” said Ana Ruiz. {}\n", "{{ a ".repeat(400_000));
    let dir = drafts(&[("open.md", draft.as_bytes())]);
    // Before, each opener looked 8 KB ahead for its closer: 7.3 s for
    // these (release), and 20 s for half as many in a debug build; now
    // 1.7 s in a debug build. An opener that never closes is plain text.
    let run = run_measured(&["check", "--format", "concise", "open.md"], dir.path(), Duration::from_secs(30));
    // 800,000 words on one line: their tokens, not the masking, set the
    // peak (40 MB in release, as before)
    run.assert_bounded("open.md", draft.len(), 16);
    assert_eq!(run.findings(), 1, "{}", run.stderr);
    assert!(run.stdout.contains("QP001"), "{}", run.stdout);
}
