//! Every rule is documented the same way, and its documented example and fix
//! really do (and do not) trigger it.

use quotelint::rules::{self, Rule, RuleMeta};
use quotelint::source::SourceFile;
use std::collections::HashSet;

const SECTIONS: [&str; 4] = ["## What it checks", "## Why editors care", "## Example", "## How to fix"];

/// The text of section `heading` (up to the next `## `).
fn section<'a>(doc: &'a str, heading: &str) -> Option<&'a str> {
    let start = doc.find(&format!("{heading}\n"))? + heading.len();
    let rest = &doc[start..];
    Some(&rest[..rest.find("\n## ").unwrap_or(rest.len())])
}

/// The body of the first ```markdown fenced block in `text`.
fn markdown_block(text: &str) -> Option<&str> {
    let start = text.find("```markdown\n")? + "```markdown\n".len();
    let len = text[start..].find("\n```")?;
    Some(&text[start..start + len + 1])
}

fn example_and_fix(meta: &RuleMeta) -> (&'static str, &'static str) {
    let example = section(meta.doc, "## Example").and_then(markdown_block);
    let fix = section(meta.doc, "## How to fix").and_then(markdown_block);
    match (example, fix) {
        (Some(e), Some(f)) => (e, f),
        _ => panic!("{}: the Example and How to fix sections need a ```markdown block each", meta.code),
    }
}

#[test]
fn every_rule_has_every_section_in_order() {
    for rule in rules::all() {
        let meta = rule.meta();
        let positions: Vec<usize> = SECTIONS
            .iter()
            .map(|s| meta.doc.find(&format!("{s}\n")).unwrap_or_else(|| panic!("{}: missing `{s}`", meta.code)))
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{}: sections out of order", meta.code);
        for s in SECTIONS {
            let body = section(meta.doc, s).unwrap_or_default();
            assert!(!body.trim().is_empty(), "{}: `{s}` is empty", meta.code);
        }
        let why = section(meta.doc, "## Why editors care").unwrap_or_default();
        assert!(
            ["AP", "Reuters", "BBC", "New York Times", "NPR", "SPJ", "Guardian"].iter().any(|s| why.contains(s)),
            "{}: `Why editors care` should cite a standard",
            meta.code
        );
        let (example, fix) = example_and_fix(meta);
        assert_ne!(example, fix, "{}: the fix must differ from the example", meta.code);
        assert!(!meta.summary.contains('\n'), "{}: summary must be one line", meta.code);
    }
}

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    let (mut codes, mut names) = (HashSet::new(), HashSet::new());
    for meta in rules::all_meta() {
        let code = meta.code.as_bytes();
        let family_ok = matches!(code, [b'Q', b'A' | b'N' | b'P' | b'F' | b'S', rest @ ..] if rest.len() == 3 && rest.iter().all(u8::is_ascii_digit));
        assert!(family_ok, "{}: codes are Q + A|N|P|F|S + three digits", meta.code);
        let kebab = !meta.name.is_empty()
            && meta.name.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()));
        assert!(kebab, "{}: `{}` is not kebab-case", meta.code, meta.name);
        assert!(codes.insert(meta.code), "duplicate code {}", meta.code);
        assert!(names.insert(meta.name), "duplicate name {}", meta.name);
    }
}

#[test]
fn rules_are_listed_in_code_order() {
    let codes: Vec<&str> = rules::all_meta().iter().map(|m| m.code).collect();
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    assert_eq!(codes, sorted);
}

/// The settings for a rule's examples: the defaults, or the `quotelint.toml`
/// given in a ```toml block of its Example section (for style-dependent rules).
fn example_settings(meta: &RuleMeta) -> quotelint::settings::Settings {
    let toml = section(meta.doc, "## Example").and_then(|s| {
        let start = s.find("```toml\n")? + "```toml\n".len();
        let len = s[start..].find("\n```")?;
        Some(&s[start..start + len + 1])
    });
    let mut settings = match toml {
        Some(t) => quotelint::config::parse(t, "quotelint.toml")
            .unwrap_or_else(|e| panic!("{}: the example's quotelint.toml does not parse: {e:?}", meta.code)),
        None => quotelint::settings::Settings::default(),
    };
    // A ```text block in the Example section is a source file (for the provenance rules).
    let source = section(meta.doc, "## Example").and_then(|s| {
        let start = s.find("```text\n")? + "```text\n".len();
        let len = s[start..].find("\n```")?;
        Some(&s[start..start + len + 1])
    });
    if let Some(text) = source {
        use quotelint::provenance::{SourceDoc, SourceSet, Sources};
        let doc = SourceDoc::new(SourceFile::new("source.txt", text));
        settings.sources = Sources::new(vec![std::sync::Arc::new(SourceSet::new(vec![doc], Vec::new()))]);
    }
    settings
}

/// Whether the rule reports the draft, on its own or in the whole check
/// (the suppression-hygiene rules only report from there).
fn fires(rule: &dyn Rule, draft: &str) -> bool {
    let analysis = quotelint::analyze(SourceFile::new("example.md", draft));
    let settings = example_settings(rule.meta());
    let mut out = quotelint::findings::Findings::default();
    rule.check(&analysis, &settings, &mut out);
    out.extend(quotelint::suppression::check(&analysis, &settings));
    let fired = out.iter(&analysis.file.text).any(|d| d.code() == rule.meta().code);
    fired
}

#[test]
fn documented_example_triggers_the_rule_and_the_fix_does_not() {
    for rule in rules::all() {
        let (example, fix) = example_and_fix(rule.meta());
        assert!(fires(rule.as_ref(), example), "{}: the example does not trigger the rule", rule.meta().code);
        assert!(!fires(rule.as_ref(), fix), "{}: the fix still triggers the rule", rule.meta().code);
    }
}
