//! Fixes over generated drafts: wire-copy pieces (quotes in both styles,
//! insertions, ellipses, punctuation at closing marks, apostrophes, "says"
//! and "said", suppression comments) mixed with everything a fix must
//! never touch (front matter, code, HTML, URLs, link targets, templates,
//! entities, escapes), in LF or CRLF, with or without a byte-order mark,
//! under each house style. For every draft, with every fix applied:
//!
//! - every byte outside the edits is unchanged, each protected piece is
//!   still there byte for byte, and no edit adds or removes a line break
//!   except in a suppression comment's line;
//! - the result is valid UTF-8 and the fixing settles within its passes;
//! - a second fix pass changes nothing;
//! - a re-check reports none of the findings the first pass fixed.
//!
//! CI runs a few hundred drafts; `PROPTEST_CASES=100000 cargo test --release
//! --test it fix_properties:: -- --nocapture` runs many more and prints the count.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use quotelint::analysis::analyze_with;
use quotelint::diagnostic::Diagnostic;
use quotelint::fix::{apply, Edit, Fix};
use quotelint::fixer::{fix_draft, FixMode, MAX_PASSES};
use quotelint::settings::{HouseStyle, QuoteMarks, Settings};
use quotelint::source::SourceFile;
use quotelint::suppression;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Prose a fix may change.
const PROSE: &[&str] = &[
    "“The ferry ran late again,” said Tom Baker, a commuter, by phone. ",
    "\"Nobody tells us why,\" he added. ",
    "“It happens (every) week,” she said. ",
    "“We saw [their] plan,” she said. ",
    "‘Fine,’ he says. ",
    "'Fine,' he adds. ",
    "He called it “a bridge too far”. ",
    "She called it “a bridge too far.” ",
    "“The right plan”, she says. ",
    "“Is it safe?”, asked Ruth Adler. ",
    "“They cut (the ministry's) budget ‘by half’,” said Irena Novak. ",
    "Irina Novak said the plan … would hold. ",
    "The talks ... resumed on Monday.... ",
    "It's the players' union, since the '90s, 5'10\" tall. ",
    "It’s the council’s reply. ",
    "Ana Ruiz, the mayor of Port Elwood, says the bridge is safe. ",
    "“Closed, she said. ",
    "Some residents said the plan was “long overdue”, the mayor said. ",
    "\n\n",
    "\n\n",
    "\n",
    "\n\n# Ferry strike \"latest\" ... it's\n\n",
    "\n\n> “Quoted,” said Tom Baker. It's so...\n\n",
    "\n\n- 'item' one... it's\n- “two”\n\n",
];

/// Suppression comments, used and unused.
const DIRECTIVES: &[&str] = &[
    "\n\n<!-- quotelint-disable-next-line QF001 -->\n",
    "\n\n<!-- quotelint-disable-next-line QF002, QA001 -- as filed -->\n",
    "\n\n<!-- quotelint-disable QF004 -->\n",
    "\n<!-- quotelint-enable -->\n\n",
    " <!-- quotelint-disable-next-line QF003 --> ",
];

/// Pieces no fix may change, each a whole piece of the draft.
const PROTECTED: &[&str] = &[
    " `it's \"x\"... ‘y’` ",
    " https://example.org/it's...x?q='y' ",
    " <span title=\"a 'b' ...\">",
    " {{ \"t\" ... it's }} ",
    " &quot;q&quot; and &hellip; ",
    " \\\"e\\\" ",
    "\n\n```\n\"f\" ... it's (x)\n```\n\n",
    " [l](https://example.org/'x'...) ",
    " <!-- note \"x\" ... it's --> ",
    " ed@example.org's ",
];

const FRONT_MATTER: &str = "---\ntitle: \"Pier 'works' ... \"\nquotelint:\n  disable: [QF002, QF004]\n---\n";

#[derive(Debug, Clone)]
struct Draft {
    text: String,
    protected: Vec<String>,
    settings: Settings,
}

fn draft() -> impl Strategy<Value = Draft> {
    let piece = prop_oneof![
        6 => proptest::sample::select(PROSE).prop_map(|s| (s, false)),
        1 => proptest::sample::select(DIRECTIVES).prop_map(|s| (s, false)),
        2 => proptest::sample::select(PROTECTED).prop_map(|s| (s, true)),
    ];
    let style = proptest::sample::select(vec![
        HouseStyle::Standard,
        HouseStyle::Ap,
        HouseStyle::Guardian,
        HouseStyle::Reuters,
    ]);
    let marks = proptest::sample::select(vec![None, Some(QuoteMarks::Curly), Some(QuoteMarks::Straight)]);
    (proptest::collection::vec(piece, 1..30), any::<bool>(), any::<bool>(), any::<bool>(), style, marks).prop_map(
        |(pieces, bom, front_matter, crlf, style, quote_marks)| {
            let eol = |s: &str| if crlf { s.replace('\n', "\r\n") } else { s.to_string() };
            let mut text = String::new();
            let mut protected = Vec::new();
            if bom {
                text.push('\u{feff}');
            }
            if front_matter {
                text.push_str(&eol(FRONT_MATTER));
                // its `quotelint` entries are the unused-suppression fix's to delete; the rest is not
                protected.push(format!(
                    "{}---{}title: \"Pier 'works' ... \"",
                    if bom { "\u{feff}" } else { "" },
                    eol("\n")
                ));
            }
            for (piece, keep) in pieces {
                let piece = eol(piece);
                if keep {
                    protected.push(piece.trim().to_string());
                }
                text.push_str(&piece);
            }
            Draft { text, protected, settings: Settings { style, quote_marks, ..Settings::default() } }
        },
    )
}

fn check(draft: &Draft) -> Vec<Diagnostic> {
    suppression::check(
        &analyze_with(SourceFile::new("d.md", draft.text.clone()), &draft.settings),
        &draft.settings,
    )
}

/// Where byte `offset` of the old text is in the new one, given the edits made.
fn map_offset(offset: usize, edits: &[&Edit]) -> usize {
    let mut shift: isize = 0;
    for e in edits {
        if e.span.end <= offset && !(e.span.is_empty() && e.span.start == offset) {
            shift += e.replacement.len() as isize - e.span.len() as isize;
        } else if e.span.start <= offset && offset < e.span.end {
            return (e.span.start as isize + shift) as usize;
        }
    }
    (offset as isize + shift) as usize
}

fn property(draft: &Draft) -> Result<(), TestCaseError> {
    let text = draft.text.as_str();
    let found = check(draft);
    let fixes: Vec<(&Diagnostic, &Fix)> = found.iter().filter_map(|d| Some((d, d.fix.as_deref()?))).collect();
    let only_fixes: Vec<&Fix> = fixes.iter().map(|(_, f)| *f).collect();
    let applied = apply(text, &only_fixes);

    // Every byte outside the edits is unchanged.
    let mut edits: Vec<&Edit> = applied.applied.iter().flat_map(|&i| &only_fixes[i].edits).collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    edits.dedup();
    let mut rebuilt = String::new();
    let mut at = 0;
    for e in &edits {
        prop_assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end), "{e:?}");
        prop_assert!(at <= e.span.start, "edits overlap: {edits:?}");
        rebuilt.push_str(&text[at..e.span.start]);
        rebuilt.push_str(&e.replacement);
        at = e.span.end;
    }
    rebuilt.push_str(&text[at..]);
    prop_assert_eq!(&rebuilt, &applied.text);
    for (i, &fix_index) in applied.applied.iter().enumerate() {
        let (d, fix) = fixes[fix_index];
        for e in &fix.edits {
            let breaks = |s: &str| s.contains(['\n', '\r']);
            prop_assert!(!breaks(&e.replacement), "fix {i} of {} adds a line break: {e:?}", d.code());
            if !d.code().starts_with("QS") {
                prop_assert!(!breaks(&text[e.span.range()]), "{} removes a line break: {e:?}", d.code());
            }
        }
    }
    // The protected pieces are all still there, byte for byte.
    for piece in &draft.protected {
        let before = text.matches(piece.as_str()).count();
        let after = applied.text.matches(piece.as_str()).count();
        prop_assert_eq!(
            before,
            after,
            "protected {:?} changed in\n{}\n-- became --\n{}",
            piece,
            text,
            applied.text
        );
    }
    prop_assert_eq!(applied.text.starts_with('\u{feff}'), text.starts_with('\u{feff}'));

    // A re-check reports none of the findings fixed where they were (a fix
    // with edits dropped by the guard, a mark inside HTML, is not a fix of its
    // finding: the next pass may finish it).
    let fixed_here: Vec<(&str, &str, usize)> = applied
        .applied
        .iter()
        .map(|&i| fixes[i])
        .filter(|(_, f)| !f.partial)
        .filter(|(d, f)| f.edits.iter().any(|e| e.span.start <= d.span.end && d.span.start <= e.span.end))
        .map(|(d, _)| (d.code(), d.message.as_str(), map_offset(d.span.start, &edits)))
        .collect();
    let after = Draft { text: applied.text.clone(), ..draft.clone() };
    for d in check(&after) {
        prop_assert!(
            !fixed_here.contains(&(d.code(), d.message.as_str(), d.span.start)),
            "{} at {} came back after its fix:\n{}\n-- became --\n{}",
            d.code(),
            d.span.start,
            text,
            applied.text
        );
    }

    // What `--fix` reports is what a check of the fixed draft reports, whether
    // the findings were carried over from before the fixes or checked again.
    let all = FixMode { unsafe_fixes: true };
    for mode in [FixMode::default(), all] {
        let fixed = fix_draft(SourceFile::new("d.md", text), &draft.settings, mode);
        let fresh = check(&Draft { text: fixed.file.text.to_string(), ..draft.clone() });
        prop_assert_eq!(
            &fixed.diagnostics,
            &fresh,
            "the findings after fixing ({} re-checks) differ from a check of:\n{}\n-- fixed from --\n{}",
            fixed.rechecks,
            fixed.file.text,
            text
        );
    }

    // Fixing settles, gives UTF-8, and a second pass changes nothing.
    let fixed = fix_draft(SourceFile::new("d.md", text), &draft.settings, all);
    prop_assert!(fixed.converged, "still fixing after {MAX_PASSES} passes:\n{text}");
    prop_assert!(std::str::from_utf8(fixed.file.text.as_bytes()).is_ok());
    for piece in &draft.protected {
        prop_assert_eq!(text.matches(piece.as_str()).count(), fixed.file.text.matches(piece.as_str()).count());
    }
    let again = fix_draft(SourceFile::shared("d.md", fixed.file.text.clone()), &draft.settings, all);
    prop_assert_eq!(again.fixed, 0, "a second pass fixed more in:\n{}", fixed.file.text);
    prop_assert_eq!(&again.file.text, &fixed.file.text);
    Ok(())
}

#[test]
fn fixing_changes_only_its_edits_settles_and_is_idempotent() {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(192);
    let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    let ran = AtomicUsize::new(0);
    let fixed_any = AtomicUsize::new(0);
    let result = runner.run(&draft(), |draft| {
        ran.fetch_add(1, Ordering::Relaxed);
        if check(&draft).iter().any(|d| d.fix.is_some()) {
            fixed_any.fetch_add(1, Ordering::Relaxed);
        }
        property(&draft)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let (ran, fixed_any) = (ran.into_inner(), fixed_any.into_inner());
    eprintln!("fix properties: {ran} generated drafts, {fixed_any} with something to fix");
    // the generator must exercise the fixes, not just the drafts
    assert!(fixed_any * 2 >= ran, "only {fixed_any} of {ran} drafts had a fix");
}
