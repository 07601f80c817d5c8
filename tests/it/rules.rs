//! Runs every draft under `fixtures/rules/` through every rule and compares
//! the findings (`line:col severity[CODE]`) with the `.findings` file beside
//! it. A `quotelint.toml` in a fixture directory configures its drafts.
//! `QUOTELINT_BLESS=1 cargo test --test it rules::` rewrites the expectations;
//! review the diff before committing it.

use crate::common;

use quotelint::settings::Settings;
use quotelint::source::SourceFile;
use std::path::Path;

fn findings(path: &Path, settings: &Settings) -> String {
    let text = std::fs::read_to_string(path).expect("fixture is UTF-8");
    let file = SourceFile::new(path.file_name().unwrap_or_default().to_string_lossy(), text);
    let analysis = quotelint::analysis::analyze_with(file, settings);
    let mut out = quotelint::suppression::check(&analysis, settings);
    quotelint::diagnostic::sort(&mut out);
    out.iter()
        .map(|d| {
            let lc = analysis.file.lines.line_col(&analysis.file.text, d.span.start);
            format!("{}:{} {}[{}] {}\n", lc.line, lc.column, d.severity, d.code(), d.message)
        })
        .collect()
}

#[test]
fn rule_fixtures_give_exactly_their_findings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules");
    let mut dirs: Vec<_> = std::fs::read_dir(&root).expect("fixtures/rules").flatten().map(|e| e.path()).collect();
    dirs.sort();
    assert!(dirs.len() >= 18, "one fixture directory per rule, found {}", dirs.len());
    let mut failures = Vec::new();
    for dir in dirs {
        let config = dir.join("quotelint.toml");
        let settings = if config.exists() {
            quotelint::config::load(&config).expect("fixture config parses")
        } else {
            Settings::default()
        };
        // "insertion-in-parentheses-ap": the rule under a house style
        let name = dir.file_name().unwrap_or_default().to_string_lossy().to_string();
        let rule = ["-ap", "-guardian", "-reuters"]
            .iter()
            .find_map(|style| name.strip_suffix(style))
            .unwrap_or(&name)
            .to_string();
        for draft in ["triggers.md", "near-miss.md"] {
            let path = dir.join(draft);
            let got = findings(&path, &settings);
            // the rule the directory is named after fires on `triggers` only
            let fired = got.lines().any(|l| {
                let code = l.split('[').nth(1).and_then(|s| s.split(']').next()).unwrap_or_default();
                quotelint::rules::find(code).is_some_and(|r| r.meta().name == rule)
            });
            assert_eq!(fired, draft == "triggers.md", "{}: {got}", path.display());
            common::compare_or_bless(&path.with_extension("findings"), &got, &mut failures);
        }
    }
    assert!(failures.is_empty(), "rule fixtures differ:\n{}", failures.join("\n"));
}
