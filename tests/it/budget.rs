//! Crash isolation by budget (issue 14): a draft that runs over its time
//! budget costs that draft only, wherever its time goes. The work stops
//! itself soon after the deadline, because the long loops of the analysis
//! and of every rule tick the budget (`budget::tick`), not only the
//! checkpoints between stages and rules: an abandoned thread that kept
//! running would keep a core and its memory until the whole run ended.
//!
//! The library tests run each piece of work under a budget that is already
//! spent and assert it unwinds with the time limit instead of finishing;
//! one tick in 256 looks at the clock, so each piece is given well over 256
//! items to loop over. The command-line test runs a big draft and a small
//! one under `--time-limit`.

use crate::common;

use common::drafts;
use common::measure::run_measured;
use quotelint::analysis::{analyze_with, Analysis};
use quotelint::budget::{self, Exceeded, Limits};
use quotelint::provenance::{self, Sources};
use quotelint::settings::{HouseStyle, Settings};
use quotelint::source::SourceFile;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Paragraphs of invented wire copy, `units` times over, each unit with
/// its own people: quotes with named, role, vague, anonymous and pronoun
/// speakers, a channel and a relayed one, apostrophes, an ellipsis, an
/// insertion in brackets, a weasel phrase, a quote left open, and every
/// tenth unit in straight marks (so the draft mixes styles).
fn wire_story(units: usize) -> String {
    const FIRST: [&str; 6] = ["Ana", "Tom", "Lena", "Omar", "Ruth", "Ivo"];
    const SYLLABLES: [&str; 8] = ["bel", "dor", "fen", "kal", "mir", "nov", "ras", "tul"];
    let mut out = String::new();
    for i in 0..units {
        let last: String = [i % 8, i / 8 % 8, i / 64 % 8].iter().map(|&k| SYLLABLES[k]).collect();
        let last = format!("{}{}", last[..1].to_uppercase(), &last[1..]);
        let first = FIRST[i % FIRST.len()];
        let mut unit = format!(
            "The harbour council met on Tuesday to discuss the ferry timetable for the island. \
             “We will keep the morning crossing running all winter,” {first} {last} told Reuters. \
             “The money is there … for now, and it's ours to spend,” she said.\n\n\
             “Nobody asked the people who use the ferry every day,” experts said. \
             “It is far too late to change the timetable now,” a spokesman said. \
             “The deal with the operator is off for this year,” an official said.\n\n\
             Experts say the plan will fail. “He [the mayor] knew about the fares all along,” \
             {last} says, according to TASS. “I knew about it before the vote,” he said.\n\n\
             “Never closed, the councillor {last} said on the quay\n\n"
        );
        if i % 10 == 0 {
            unit = unit.replace(['“', '”'], "\"");
        }
        out.push_str(&unit);
    }
    out
}

/// The settings a rule needs to do its work: a house style that has views
/// on punctuation and insertions, every quote's channel required, and
/// sources to look each quote up in.
fn demanding_settings() -> Settings {
    let set = provenance::load_paths(&[PathBuf::from("fixtures/provenance/sources")]);
    assert!(set.errors.is_empty(), "{:?}", set.errors);
    Settings {
        style: HouseStyle::Ap,
        require_channel: true,
        sources: Sources::new(vec![Arc::new(set)]),
        ..Settings::default()
    }
}

/// Runs `work` under a time budget that is already spent: `Some(limit)`
/// if it stopped with that limit, `None` if it ran to its end.
fn stopped<T>(work: impl FnOnce() -> T) -> Option<Exceeded> {
    let result = panic::catch_unwind(AssertUnwindSafe(|| {
        let _budget = budget::enter(Limits { memory: None, time: Some(Duration::ZERO) });
        std::thread::sleep(Duration::from_millis(2));
        work()
    }));
    match result {
        Ok(_) => None,
        Err(payload) => match payload.downcast_ref::<Exceeded>() {
            Some(over) => Some(*over),
            None => panic::resume_unwind(payload),
        },
    }
}

fn analysed(units: usize, settings: &Settings) -> Analysis {
    analyze_with(SourceFile::new("story.md", wire_story(units)), settings)
}

#[test]
fn every_rule_stops_inside_its_own_loops_when_over_the_time_budget() {
    let settings = demanding_settings();
    let analysis = analysed(400, &settings);
    assert!(analysis.scan.quotes.len() > 2_000, "{} quotes", analysis.scan.quotes.len());
    // The hygiene rules' work is done by the suppression pass (tested below).
    let no_loop_of_their_own = ["QS001", "QS002"];
    let mut ran_on = Vec::new();
    for rule in quotelint::rules::all() {
        let code = rule.meta().code;
        // without a budget the rule runs to its end (and builds the lookups it shares)
        let mut found = quotelint::findings::Findings::default();
        rule.check(&analysis, &settings, &mut found);
        let over = stopped(|| rule.check(&analysis, &settings, &mut quotelint::findings::Findings::default()));
        if no_loop_of_their_own.contains(&code) {
            assert_eq!(over, None, "{code}");
            continue;
        }
        match over {
            Some(Exceeded::Time { limit }) => assert_eq!(limit, Duration::ZERO, "{code}"),
            other => ran_on.push(format!("{code}: {other:?} ({} findings)", found.len())),
        }
    }
    assert!(ran_on.is_empty(), "rules that ran on past their budget: {ran_on:#?}");
}

#[test]
fn the_shared_lookups_and_the_sentence_splitter_stop_inside_their_loops() {
    let settings = Settings::default();
    let analysis = analysed(100, &settings);
    let words = analysis.words.len();
    assert!(words > 10_000, "{words} words");
    // one paragraph of a thousand sentences
    let paragraph = "The ferry ran late again. ".repeat(1_000);
    let whole = quotelint::sentences::split_with(&paragraph, settings.lexicon());
    assert_eq!(whole.len(), 1_000);
    let split = stopped(|| quotelint::sentences::split_with(&paragraph, settings.lexicon()));
    assert!(matches!(split, Some(Exceeded::Time { .. })), "{split:?}");
}

#[test]
fn suppressions_are_matched_under_the_budget() {
    // 300 findings (quotes with no speaker) and 300 suppressions of another rule, unused
    let mut draft = String::new();
    for i in 0..300 {
        draft.push_str(&format!("<!-- quotelint-disable-next-line QA008 -->\n“We will win, number {i}.”\n\n"));
    }
    let settings = Settings::default();
    let analysis = analyze_with(SourceFile::new("many.md", draft), &settings);
    let found = quotelint::suppression::check(&analysis, &settings);
    let count = |code: &str| found.iter().filter(|d| d.code() == code).count();
    assert_eq!((count("QA001"), count("QS001")), (300, 300));
    let directives = quotelint::suppression::Directives::parse(&analysis.doc, &analysis.file.text);
    let open: Vec<_> = found.into_iter().filter(|d| d.code() == "QA001").collect();
    let over = stopped(|| quotelint::suppression::apply_suppressions(open, &directives, &settings, "many.md"));
    assert!(matches!(over, Some(Exceeded::Time { .. })), "{over:?}");
}

#[test]
fn a_draft_over_the_time_limit_fails_alone_and_the_other_drafts_are_reported() {
    // 9.7 MB of wire copy, under the 10 MB size limit: seconds to check in
    // a release build, minutes in a debug build; a one-line draft, milliseconds.
    let big = wire_story(14_000);
    assert!((9 << 20..10 << 20).contains(&big.len()), "{} bytes", big.len());
    let dir = drafts(&[("big.md", big.as_bytes()), ("ok.md", "“Never closed, she said.\n".as_bytes())]);
    let args = ["check", "--time-limit", "0.5", "--format", "concise", "big.md", "ok.md"];
    let run = run_measured(&args, dir.path(), Duration::from_secs(300));
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "ok.md:1:1: error[QF001] quotation is never closed\nok.md:1:1: error[QA001] quote has no speaker\n"
    );
    assert_eq!(
        run.stderr,
        "error: big.md: still being checked after 0.5 seconds (--time-limit); skipped\n\
         Found 2 problems in 1 file: 2 errors.\n\
         1 file was not checked: big.md.\n"
    );
    assert!(run.seconds < 60.0, "the run ends when the draft is given up on: {:.1} s", run.seconds);
}

#[test]
fn a_draft_over_the_time_limit_is_not_fixed_and_the_other_drafts_are() {
    // the big draft mixes straight and curly marks, as does the small one: both have fixes
    let big = wire_story(14_000);
    let small = "“One more crossing,” Ana Ruiz told Reuters. \"Two more,\" she said in a statement.\n";
    let dir = drafts(&[("big.md", big.as_bytes()), ("ok.md", small.as_bytes())]);
    let args = ["check", "--fix", "--time-limit", "0.5", "--format", "concise", "big.md", "ok.md"];
    let run = run_measured(&args, dir.path(), Duration::from_secs(300));
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: big.md: still being checked after 0.5 seconds (--time-limit); skipped\n\
         Fixed 1 problem in 1 file.\n\
         No problems found in 1 file.\n\
         1 file was not checked: big.md.\n"
    );
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).expect("draft read");
    assert_eq!(
        read("ok.md"),
        "“One more crossing,” Ana Ruiz told Reuters. “Two more,” she said in a statement.\n"
    );
    assert!(read("big.md") == big, "a draft given up on is left as it was");
    let left: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").flatten().map(|e| e.file_name()).collect();
    assert_eq!(left.len(), 2, "no temporary file is left behind: {left:?}");
}
