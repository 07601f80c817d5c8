//! `check --format sarif`: SARIF 2.1.0, as GitHub code scanning accepts it.
//!
//! Plain serde structs rather than a generated SARIF crate (as ruff does): one
//! run, the tool's rules with descriptions and Markdown help, and one result a
//! finding with its region and a `primaryLocationLineHash` fingerprint so that
//! code scanning can follow a finding across commits. Columns count Unicode
//! code points, 1-based, as the run's `columnKind` says; `endColumn` is exclusive.

use super::{clamp_span, FileDiagnostics};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{self, RuleMeta};
use serde::Serialize;
use std::collections::HashMap;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
pub const VERSION: &str = "2.1.0";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
    properties: Properties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Properties {
    tags: Vec<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    partial_fingerprints: Fingerprints,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    char_offset: usize,
    char_length: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fingerprints {
    primary_location_line_hash: String,
}

/// Characters before the start of each line, so that a finding's
/// `charOffset` counts only its own line (counting from the top of the file
/// for every finding made many findings quadratic).
struct LineChars {
    before_line: Vec<usize>,
}

impl LineChars {
    fn new(file: &crate::source::SourceFile) -> Self {
        let text = file.text.as_str();
        let (mut chars, mut at) = (0, 0);
        let before_line = (0..file.lines.line_count())
            .map(|line| {
                let start = file.lines.line_range(text, line).start.max(at);
                chars += text.get(at..start).map_or(0, |s| s.chars().count());
                at = start;
                chars
            })
            .collect();
        LineChars { before_line }
    }

    /// Characters in the file before byte `offset` (on a character boundary).
    fn before(&self, file: &crate::source::SourceFile, offset: usize) -> usize {
        let text = file.text.as_str();
        let line = file.lines.line_of(offset);
        let start = file.lines.line_range(text, line).start.min(offset);
        // (counted from the line's checkpoints: many findings on a long line
        // counted its characters up to each of them)
        self.before_line.get(line).copied().unwrap_or(0) + file.lines.counts_between(text, start, offset).chars
    }
}

/// Each line's fingerprint hash, made once for each rule with findings on
/// it: a long line with many findings was looked for and hashed again for
/// every one of them.
struct LineHashes<'t> {
    text: &'t str,
    /// Byte offsets of the line feeds (the lines of [`line_text`]).
    newlines: Vec<usize>,
    made: HashMap<(usize, &'static str), u64>,
}

impl<'t> LineHashes<'t> {
    fn new(text: &'t str) -> Self {
        LineHashes { text, newlines: memchr::memchr_iter(b'\n', text.as_bytes()).collect(), made: HashMap::new() }
    }

    /// `line_hash(code, line_text(text, offset))`.
    fn of(&mut self, code: &'static str, offset: usize) -> u64 {
        let text = self.text;
        if !text.is_char_boundary(offset) {
            return line_hash(code, line_text(text, offset));
        }
        let after = self.newlines.partition_point(|&n| n < offset);
        let start = after.checked_sub(1).and_then(|k| self.newlines.get(k)).map_or(0, |n| n + 1);
        *self.made.entry((start, code)).or_insert_with(|| line_hash(code, line_text(text, start)))
    }
}

pub fn render(files: &[FileDiagnostics]) -> String {
    super::stream::gathered(|write| render_in_pieces(files, write))
}

/// Renders the log as [`render`] does, handing the text to `write` in pieces
/// (false when `write` fails): the results are made and written one at a
/// time (see [`super::stream`]).
pub fn render_in_pieces(files: &[FileDiagnostics], write: impl FnMut(&str) -> bool) -> bool {
    let metas = rules::all_meta();
    // Serialising plain structs of strings and numbers cannot fail.
    let frame = serde_json::to_string_pretty(&log(&metas, Vec::new())).unwrap_or_default();
    let results = files.iter().flat_map(|entry| {
        let mut occurrences: HashMap<u64, usize> = HashMap::new();
        let chars = LineChars::new(&entry.file);
        let mut hashes = LineHashes::new(&entry.file.text);
        let metas = &metas;
        entry.diagnostics.iter().map(move |d| result(entry, d, metas, (&chars, &mut hashes), &mut occurrences))
    });
    super::stream::pretty_with_array(&frame, "results", results, write)
}

/// The whole log built as one value and printed at once: what
/// [`render_in_pieces`] must print, piece by piece.
#[cfg(test)]
fn render_whole(files: &[FileDiagnostics]) -> String {
    let metas = rules::all_meta();
    let mut results = Vec::new();
    for entry in files {
        let mut occurrences: HashMap<u64, usize> = HashMap::new();
        let chars = LineChars::new(&entry.file);
        let mut hashes = LineHashes::new(&entry.file.text);
        for d in &entry.diagnostics {
            results.push(result(entry, d, &metas, (&chars, &mut hashes), &mut occurrences));
        }
    }
    let mut out = serde_json::to_string_pretty(&log(&metas, results)).unwrap_or_default();
    out.push('\n');
    out
}

/// The log of one run: the tool, its rules and `results`.
fn log<'a>(metas: &[&RuleMeta], results: Vec<SarifResult<'a>>) -> Log<'a> {
    let driver = Driver {
        name: "quotelint",
        version: env!("CARGO_PKG_VERSION"),
        semantic_version: env!("CARGO_PKG_VERSION"),
        rules: metas.iter().map(|m| descriptor(m)).collect(),
    };
    let run = Run { tool: Tool { driver }, column_kind: "unicodeCodePoints", results };
    Log { schema: SCHEMA, version: VERSION, runs: vec![run] }
}

fn result<'a>(
    entry: &FileDiagnostics,
    d: &'a Diagnostic,
    metas: &[&RuleMeta],
    (chars, hashes): (&LineChars, &mut LineHashes),
    occurrences: &mut HashMap<u64, usize>,
) -> SarifResult<'a> {
    let text = entry.file.text.as_str();
    let span = clamp_span(text, d.span);
    let start = entry.file.lines.line_col(text, span.start);
    let end = entry.file.lines.line_col(text, span.end);
    let char_offset = chars.before(&entry.file, span.start);
    let char_length = text.get(span.range()).map_or(0, |s| s.chars().count());
    let line_hash = hashes.of(d.code(), span.start);
    let seen = occurrences.entry(line_hash).or_insert(0);
    let fingerprint = format!("{line_hash:016x}:{seen}");
    *seen += 1;
    let (uri, uri_base_id) = artifact_uri(&d.path);
    SarifResult {
        rule_id: d.code(),
        rule_index: metas.iter().position(|m| m.code == d.code()),
        level: level(d.severity),
        message: Text { text: message(d) },
        locations: vec![Location {
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation { uri, uri_base_id },
                region: Region {
                    start_line: start.line,
                    start_column: start.column,
                    end_line: end.line,
                    end_column: end.column,
                    char_offset,
                    char_length,
                },
            },
        }],
        partial_fingerprints: Fingerprints { primary_location_line_hash: fingerprint },
    }
}

/// The message, with the help line after it when there is one.
fn message(d: &Diagnostic) -> String {
    match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.clone(),
    }
}

pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn descriptor(meta: &RuleMeta) -> ReportingDescriptor {
    let family = match meta.code.get(..2) {
        Some("QA") => "attribution",
        Some("QN") => "names",
        Some("QP") => "provenance",
        Some("QF") => "quotation-form",
        _ => "quotelint",
    };
    ReportingDescriptor {
        id: meta.code,
        name: meta.name,
        short_description: Text { text: meta.summary.to_string() },
        full_description: Text { text: what_it_checks(meta.doc).map_or_else(|| meta.summary.to_string(), unwrap) },
        help: Help { text: meta.doc.trim().to_string(), markdown: meta.doc.trim().to_string() },
        default_configuration: Configuration { level: level(meta.severity) },
        properties: Properties { tags: vec!["journalism", family] },
    }
}

/// The body of the doc's `## What it checks` section, joined into one paragraph per blank line.
fn what_it_checks(doc: &str) -> Option<&str> {
    let body = doc.split("## What it checks").nth(1)?;
    let body = body.split("\n## ").next()?.trim();
    (!body.is_empty()).then_some(body)
}

/// Hard-wrapped paragraphs rejoined: one line a paragraph, paragraphs apart by a blank line.
fn unwrap(text: &str) -> String {
    text.split("\n\n").map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).collect::<Vec<_>>().join("\n\n")
}

/// The text of the line holding `offset`, without its line ending.
fn line_text(text: &str, offset: usize) -> &str {
    let start = text.get(..offset).and_then(|s| s.rfind('\n')).map_or(0, |i| i + 1);
    let end = text.get(offset..).and_then(|s| s.find('\n')).map_or(text.len(), |i| offset + i);
    text.get(start..end).unwrap_or_default().trim_end_matches('\r')
}

/// FNV-1a over the rule code and the trimmed line: stable across Rust
/// releases and machines (std's `DefaultHasher` promises neither), and
/// unchanged when lines above are added or removed.
fn line_hash(code: &str, line: &str) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    for byte in code.bytes().chain([0]).chain(line.trim().bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(PRIME);
    }
    hash
}

/// A relative path becomes a relative URI reference resolved against the
/// source root (`%SRCROOT%`); an absolute one becomes a `file://` URI.
fn artifact_uri(path: &str) -> (String, Option<&'static str>) {
    let slashed = path.replace('\\', "/");
    if slashed.starts_with('/') {
        (format!("file://{}", percent_encode(&slashed)), None)
    } else if slashed.get(1..3) == Some(":/") {
        // A Windows drive path, `C:/…`.
        (format!("file:///{}", percent_encode(&slashed)), None)
    } else {
        (percent_encode(slashed.trim_start_matches("./")), Some("%SRCROOT%"))
    }
}

/// Percent-encodes every byte but RFC 3986's unreserved characters, `/` and a drive's `:`.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, byte) in s.bytes().enumerate() {
        let keep = byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/')
            || (byte == b':' && i == 1);
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod piece_tests {
    use super::{render_in_pieces, render_whole};
    use crate::diagnostic::Diagnostic;
    use crate::render::FileDiagnostics;
    use crate::rules;
    use crate::source::SourceFile;
    use crate::span::Span;

    fn file(path: &str, text: &str, findings: usize) -> FileDiagnostics {
        let metas = rules::all_meta();
        let diagnostics = (0..findings)
            .map(|i| {
                let at = (i * 7) % text.len().saturating_sub(4).max(1);
                let d = Diagnostic::new(
                    metas[i % metas.len()],
                    path,
                    Span::new(at, at + 3),
                    format!("finding {i} «x»"),
                );
                if i % 3 == 0 {
                    d.with_help("a help line")
                } else {
                    d
                }
            })
            .collect();
        FileDiagnostics::new(SourceFile::new(path, text), diagnostics)
    }

    fn pieces(files: &[FileDiagnostics]) -> (String, usize) {
        let (mut out, mut calls) = (String::new(), 0);
        assert!(render_in_pieces(files, |piece| {
            out.push_str(piece);
            calls += 1;
            true
        }));
        (out, calls)
    }

    #[test]
    fn the_log_in_pieces_is_the_log_printed_whole() {
        let text = "The pier “closed,” she said.\nLine two, ‘more’.\r\nThird line\n";
        let cases = [
            vec![],
            vec![file("a.md", text, 0)],
            vec![file("a.md", text, 1)],
            vec![file("a.md", text, 0), file("dir/b c.md", text, 5), file("c.md", text, 0)],
            vec![file("a.md", text, 400), file("b.md", text, 3)],
        ];
        for files in cases {
            assert_eq!(pieces(&files).0, render_whole(&files));
        }
    }

    #[test]
    fn a_long_log_is_written_in_several_pieces_and_a_failed_write_stops_it() {
        let files = [file("a.md", "“Quote,” he said.\nAnd more text here.\n", 400)];
        assert!(pieces(&files).1 > 1);
        let mut calls = 0;
        assert!(!render_in_pieces(&files, |_| {
            calls += 1;
            false
        }));
        assert_eq!(calls, 1);
    }
}

#[cfg(test)]
mod char_tests {
    use super::LineChars;
    use crate::source::SourceFile;

    #[test]
    fn characters_before_an_offset_match_counting_from_the_top() {
        for text in ["", "a“b”\nc\r\n“d”\re\n", "\u{feff}é\n\nx", "no break"] {
            let file = SourceFile::new("a.md", text);
            let chars = LineChars::new(&file);
            for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
                assert_eq!(chars.before(&file, offset), text[..offset].chars().count(), "{text:?} at {offset}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded_and_rooted() {
        assert_eq!(artifact_uri("desk/a b#1.md"), ("desk/a%20b%231.md".to_string(), Some("%SRCROOT%")));
        assert_eq!(artifact_uri("./desk/ü.md").0, "desk/%C3%BC.md");
        assert_eq!(artifact_uri("/tmp/x y.md"), ("file:///tmp/x%20y.md".to_string(), None));
        assert_eq!(artifact_uri("C:\\news\\a.md").0, "file:///C:/news/a.md");
    }

    #[test]
    fn line_hash_depends_on_rule_and_line_not_position() {
        let a = line_hash("QF001", "“Open, said she.");
        assert_eq!(a, line_hash("QF001", "  “Open, said she.\r"));
        assert_ne!(a, line_hash("QF002", "“Open, said she."));
        assert_ne!(a, line_hash("QF001", "“Open, said he."));
        // FNV-1a is fixed: this value must never change between releases.
        assert_eq!(line_hash("", ""), 0xaf63_bd4c_8601_b7df);
    }

    #[test]
    fn line_text_strips_the_ending() {
        let text = "one\r\ntwo three\nlast";
        assert_eq!(line_text(text, 0), "one");
        assert_eq!(line_text(text, 9), "two three");
        assert_eq!(line_text(text, text.len()), "last");
    }

    #[test]
    fn line_hashes_made_once_a_line_are_those_of_each_offset() {
        let text = "“one,” two\r\nthree\rfour\n\nlast “é”";
        let mut hashes = LineHashes::new(text);
        for offset in (0..=text.len() + 1).rev().chain(0..=text.len()) {
            for code in ["QF001", "QA001"] {
                assert_eq!(hashes.of(code, offset), line_hash(code, line_text(text, offset)), "{offset}");
            }
        }
    }

    #[test]
    fn what_it_checks_is_the_first_section() {
        assert_eq!(what_it_checks("## What it checks\n\nA thing.\n\n## Why\n\nB"), Some("A thing."));
        assert_eq!(what_it_checks("no sections"), None);
        assert_eq!(unwrap("one\ntwo\n\nthree  four"), "one two\n\nthree four");
    }
}
