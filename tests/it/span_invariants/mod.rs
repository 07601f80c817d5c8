//! The generated-input harness for the span invariants (issue 10).
//!
//! Each case is a draft assembled from pieces that stress the Markdown offset
//! map, the scanner and the template/HTML layer, run through the whole
//! pipeline under one of several settings. For every input it checks: no
//! panic; every span of every quote, quote part, speaker, cue, channel, mark
//! problem, diagnostic and label lies inside the file on character
//! boundaries; the line and column printed for an offset agree with it; and
//! a second run prints the same output.
//!
//! Shared by `tests/span_harness.rs` (a bounded run in CI) and
//! `examples/fuzz_spans.rs` (long runs with a case count).
#![allow(dead_code)] // each of the two users reads a different part

use quotelint::analysis::{analyze_with, Analysis};
use quotelint::diagnostic::Diagnostic;
use quotelint::quote::MarkProblem;
use quotelint::render::{concise, full, github, json, jsonl, quotes_json, quotes_table, sarif, FileDiagnostics};
use quotelint::settings::{HouseStyle, Settings};
use quotelint::source::SourceFile;
use quotelint::span::Span;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// SplitMix64: tiny, fast, and the same sequence on every platform, so a case
/// number reproduces its draft anywhere.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items.get(self.below(items.len())).copied().unwrap_or_default()
    }
}

/// Every quotation-mark style the scanner knows, and some it should not.
const MARKS: &[&str] = &[
    "“", "”", "‘", "’", "«", "»", "‹", "›", "„", "‚", "\"", "'", "``", "''", "‟", "‛", "「", "」", "『", "』",
    "❝", "❞", "＂", "〝", "〞", "« ", " »",
];

/// Entities, well-formed and not.
const ENTITIES: &[&str] = &[
    "&ldquo;",
    "&rdquo;",
    "&lsquo;",
    "&rsquo;",
    "&quot;",
    "&#8220;",
    "&#x201D;",
    "&laquo;",
    "&raquo;",
    "&amp;",
    "&nbsp;",
    "&#39;",
    "&apos;",
    "&bogus;",
    "&#0;",
    "&#x110000;",
    "&",
    "&ldquo",
    "&#128512;",
    "&#x2028;",
];

/// Inline code, tidy and broken.
const CODE: &[&str] = &["`code`", "`\"x\"`", "``a`b``", "`", "``", "`…\"...`", "`“`", "` `", "```", "`\n`"];

/// HTML: comments (suppression directives among them), tags, attributes.
const HTML: &[&str] = &[
    "<!-- c -->",
    "<!--quotelint-disable-->",
    "<!-- quotelint-disable-next-line QA001 -->",
    "<!-- quotelint-enable -->",
    "<!--quotelint-⁂",
    "<!--",
    "-->",
    "<b>",
    "</b>",
    "<div>\n",
    "</div>",
    "<q>",
    "</q>",
    "<blockquote>",
    "</blockquote>",
    "<blockquote cite=\"https://x.org/a\">",
    "<figure>",
    "<figcaption>",
    "</figcaption>",
    "<p>",
    "</p>",
    "<cite>",
    "</cite>",
    "<img alt=\"a “b” c\" src='x.png'>",
    "<a href=\"x\" title='“t”'>",
    "</a>",
    "<br/>",
    "<script>\"x\"</script>",
    "<n>",
    "<d>",
    "<p class=\"x\">“Q,” she said.</p>",
];

/// Template syntax of static-site generators, and MDX.
const TEMPLATES: &[&str] = &[
    "{% image \"p.jpg\" \"A reporter at her desk\" %}",
    "{% include figure.html caption: \"“Hi,” she said\" %}",
    "{{ \"/2015/05/post/\" | url }}",
    "{{< figure caption=\"c\" >}}",
    "{{< tweet 123 >}}",
    "{{% note %}}",
    "{{% /note %}}",
    "{% pullquote %}",
    "{% endpullquote %}",
    "{%",
    "%}",
    "{{",
    "}}",
    ">}}",
    "{{<",
    "{#",
    "#}",
    "{\"x\"}",
    "{/* c */}",
    "<Quote by=\"x\">",
    "</Quote>",
    "\nimport X from \"y\"\n",
    "\nexport const a = \"b\"\n",
    "{",
    "}",
];

/// Line and block structure, with every line separator.
const STRUCTURE: &[&str] = &[
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "\r\n\r\n",
    "\u{2028}",
    "\u{2029}",
    "\u{85}",
    "\n> ",
    "\n>> ",
    "\n> > ",
    ">",
    "\n# ",
    "\n## ",
    "\n- ",
    "\n* ",
    "\n1. ",
    "\n9) ",
    "\n    code\n",
    "\n```\nfence\n```\n",
    "\n~~~\n",
    "\n---\n",
    "\n***\n",
    "\n| a | b |\n|---|---|\n",
    "|",
    "\n[^1]: note ",
    "[^1]",
    "\n[r]: http://x \"t\"\n",
    "\t",
    " ",
    "  ",
];

/// Inline Markdown.
const INLINE: &[&str] = &[
    "*",
    "_",
    "**",
    "**bold**",
    "_em_",
    "[a](b)",
    "[a](b \"t\")",
    "[link][r]",
    "![alt \"x\"](i.png)",
    "<http://x.org/\"a\">",
    "\\",
    "\\\"",
    "\\*",
    "~~s~~",
    "[",
    "]",
    "(",
    ")",
    "!",
    "[Obama said](u)",
];

/// Words that wake the attribution and the rules.
const WORDS: &[&str] = &[
    " said ",
    " says ",
    " told AFP",
    "she said.",
    "he said,",
    "Ana Ruiz",
    "Dr. Li",
    ", ",
    ". ",
    ": ",
    "word",
    " — ",
    " – ",
    "...",
    "…",
    " according to ",
    " as she put it: ",
    " wrote on X",
    "Mr. ",
    "U.S.",
    "the official",
    "a source",
    " they ",
    "— Jane Doe",
    "- [@ana](https://x)",
    " insisted",
    "Ana Ruiz (she/her)",
    " x",
    "l",
    "c",
    "u",
];

/// Text that is hard on byte offsets: combining marks, right-to-left text,
/// emoji sequences, characters whose case mapping changes their length.
const UNICODE: &[&str] = &[
    "élan",
    "e\u{301}",
    "\u{301}",
    "ש",
    "שלום",
    "مرحبا",
    "ݚ",
    "\u{200f}",
    "\u{200e}",
    "\u{202e}",
    "日本語",
    "😀",
    "🏩",
    "👩‍👩‍👧",
    "🇫🇷",
    "👍🏽",
    "\u{feff}",
    "\u{fffc}",
    "\u{a0}",
    "\u{200b}",
    "ß",
    "İ",
    "ẞ",
    "ﬀ",
    "Σ",
    "⁂",
];

const FRONT: &[&str] = &[
    "",
    "",
    "",
    "\u{feff}",
    "---\ntitle: \"x\"\n---\n",
    "+++\na = 1\n+++\n",
    "\u{feff}---\nx\n---\n",
    "---\nquotelint:\n  disable: [QF002]\n---\n",
    "---\r\ntitle: “x”\r\n---\r\n",
];

const FAMILIES: &[&[&str]] =
    &[MARKS, MARKS, ENTITIES, CODE, HTML, TEMPLATES, STRUCTURE, STRUCTURE, INLINE, WORDS, WORDS, UNICODE];

/// One generated input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub path: String,
    pub style: usize,
    pub pieces: Vec<String>,
}

impl Case {
    pub fn text(&self) -> String {
        self.pieces.concat()
    }

    /// A Rust literal that reproduces the draft.
    pub fn literal(&self) -> String {
        format!("{:?}", self.text())
    }
}

const PATHS: &[&str] = &["p.md", "p.md", "p.md", "p.mdx", "p.markdown"];

/// The draft of case number `seed`.
pub fn generate(seed: u64) -> Case {
    let mut rng = Rng::new(seed);
    let path = rng.pick(PATHS).to_string();
    let style = rng.below(STYLES);
    let mut pieces = vec![rng.pick(FRONT).to_string()];
    // mostly short drafts (where minimal shapes live), sometimes longer ones
    let len = if rng.below(8) == 0 { rng.below(120) } else { rng.below(24) };
    for _ in 0..len {
        let family = FAMILIES.get(rng.below(FAMILIES.len())).copied().unwrap_or(WORDS);
        pieces.push(rng.pick(family).to_string());
    }
    pieces.retain(|p| !p.is_empty());
    Case { path, style, pieces }
}

const STYLES: usize = 5;

fn settings(style: usize) -> Settings {
    let mut s = Settings::default();
    match style {
        1 => s.style = HouseStyle::Ap,
        2 => s.style = HouseStyle::Reuters,
        3 => s.style = HouseStyle::Guardian,
        4 => s.require_channel = true,
        _ => {}
    }
    s
}

/// One broken invariant. `kind` names the invariant and where it broke
/// (stable across inputs, so a run can count distinct kinds); `detail` says
/// what was seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub kind: String,
    pub detail: String,
}

/// Collects the violations found in one draft's results.
pub struct Checker<'a> {
    text: &'a str,
    found: Vec<Violation>,
}

impl<'a> Checker<'a> {
    pub fn new(text: &'a str) -> Self {
        Checker { text, found: Vec::new() }
    }

    pub fn violations(&self) -> &[Violation] {
        &self.found
    }

    fn fail(&mut self, kind: impl Into<String>, detail: impl Into<String>) {
        self.found.push(Violation { kind: kind.into(), detail: detail.into() });
    }

    pub fn span(&mut self, what: &str, span: Span) {
        if span.start > span.end || span.end > self.text.len() {
            self.fail(format!("{what}: outside the file"), format!("{span:?} in 0..{}", self.text.len()));
        } else if !self.text.is_char_boundary(span.start) || !self.text.is_char_boundary(span.end) {
            self.fail(format!("{what}: splits a character"), format!("{span:?}"));
        }
    }

    fn analysis(&mut self, a: &Analysis) {
        for q in &a.scan.quotes {
            self.span("quote", q.span());
            for part in &q.parts {
                let Some(block) = a.doc.blocks.get(part.block()) else {
                    self.fail("quote part: names no block", format!("block {}", part.block()));
                    continue;
                };
                for range in [&part.outer(), &part.inner()] {
                    if block.text.get(range.clone()).is_none() {
                        self.fail("quote part: range not in its block's text", format!("{range:?}"));
                    }
                }
                let inner = block.source_span(part.inner());
                self.span("quote part", inner);
                if !q.span().contains(inner) {
                    self.fail("quote part: outside its quote", format!("{inner:?} outside {:?}", q.span()));
                }
            }
        }
        for attr in &a.attributions {
            if let Some(s) = &attr.speaker {
                self.span("speaker", s.span());
            }
            if let Some(c) = &attr.cue {
                self.span("cue", c.span());
            }
            if let Some(c) = &attr.channel {
                self.span("channel", c.span());
            }
        }
        if a.attributions.len() != a.scan.quotes.len() {
            self.fail("attributions: not one per quote", String::new());
        }
        for problem in &a.scan.problems {
            let spans = match problem {
                MarkProblem::Unclosed { open, gave_up } => [Some(*open), *gave_up],
                MarkProblem::Unopened { close, previous } => [Some(*close), *previous],
                MarkProblem::TooDeep { open, .. } => [Some(*open), None],
                MarkProblem::MoreUnopened { first, .. } => [Some(*first), None],
            };
            for span in spans.into_iter().flatten() {
                self.span("mark problem", span);
            }
        }
        for block in &a.doc.blocks {
            self.span("prose block", block.span());
        }
    }

    fn diagnostics(&mut self, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            self.span(&format!("{} span", d.code()), d.span);
            for l in &d.labels {
                self.span(&format!("{} label", d.code()), l.span);
            }
        }
    }

    /// The line and column printed beside an offset, against the contract:
    /// 1-based, lines end at `\n`, `\r\n` or a lone `\r`, the column counts
    /// characters (a byte-order mark is not one).
    pub fn position(&mut self, what: &str, offset: usize, line: u64, column: u64) {
        let Some(before) = self.text.get(..offset) else {
            self.fail(format!("{what}: offset not on a character boundary"), format!("{offset}"));
            return;
        };
        let bytes = self.text.as_bytes();
        let (mut want_line, mut line_start) = (1, 0);
        for (i, &b) in before.as_bytes().iter().enumerate() {
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                want_line += 1;
                line_start = i + 1;
            }
        }
        if line_start == 0 && before.starts_with('\u{feff}') {
            line_start = '\u{feff}'.len_utf8();
        }
        let want_column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
        if (line, column) != (want_line as u64, want_column as u64) {
            self.fail(
                format!("{what}: line/column disagree with the offset"),
                format!("offset {offset}: printed {line}:{column}, expected {want_line}:{want_column}"),
            );
        }
    }

    fn json_positions(&mut self, quotes: &str, diagnostics: &str) {
        let parse = |s: &str| serde_json::from_str::<serde_json::Value>(s).ok();
        let (Some(q), Some(d)) = (parse(quotes), parse(diagnostics)) else {
            self.fail("json: does not parse", String::new());
            return;
        };
        let num =
            |v: &serde_json::Value, k: &str| v.get(k).and_then(serde_json::Value::as_u64).unwrap_or(u64::MAX);
        for quote in q.pointer("/files/0/quotes").and_then(|v| v.as_array()).into_iter().flatten() {
            let start = quote.pointer("/span/start").and_then(|v| v.as_u64()).unwrap_or(u64::MAX);
            self.position("quotes json", start as usize, num(quote, "line"), num(quote, "column"));
        }
        for diag in d.get("diagnostics").and_then(|v| v.as_array()).into_iter().flatten() {
            let span = |k: &str| diag.pointer(&format!("/span/{k}")).and_then(|v| v.as_u64()).unwrap_or(u64::MAX);
            let at = |k: &str| diag.get(k).map(|p| (num(p, "line"), num(p, "column"))).unwrap_or_default();
            let (start, end) = (at("start"), at("end"));
            self.position("check json start", span("start") as usize, start.0, start.1);
            self.position("check json end", span("end") as usize, end.0, end.1);
        }
    }
}

/// One run of the pipeline and what it prints as JSON (every span, position
/// and message is in those two documents).
fn run_once(case: &Case) -> (Analysis, Vec<Diagnostic>, [String; 2]) {
    let settings = settings(case.style);
    let a = analyze_with(SourceFile::new(case.path.clone(), case.text()), &settings);
    let diagnostics = quotelint::suppression::check(&a, &settings);
    let files = [FileDiagnostics::new(a.file.clone(), diagnostics.clone())];
    let printed = [quotes_json::render(std::slice::from_ref(&a)), json::render(&files)];
    (a, diagnostics, printed)
}

/// The other printers only have to cope (they clamp what they are given).
fn print_all(a: &Analysis, diagnostics: Vec<Diagnostic>) {
    let files = [FileDiagnostics::new(a.file.clone(), diagnostics)];
    let _ = quotes_table::render(std::slice::from_ref(a));
    let _ = (full::render(&files, false), concise::render(&files), github::render(&files));
    let _ = (jsonl::render(&files), sarif::render(&files));
}

/// Every invariant the case breaks (empty when it is clean).
pub fn check(case: &Case) -> Vec<Violation> {
    let text = case.text();
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let (a, diagnostics, printed) = run_once(case);
        let (_, _, again) = run_once(case);
        let mut c = Checker::new(&text);
        c.analysis(&a);
        c.diagnostics(&diagnostics);
        c.json_positions(&printed[0], &printed[1]);
        for (what, (one, two)) in ["quotes json", "check json"].iter().zip(printed.iter().zip(&again)) {
            if one != two {
                c.fail(format!("{what}: differs on a second run"), String::new());
            }
        }
        print_all(&a, diagnostics);
        c.found
    }));
    outcome.unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        vec![Violation { kind: "panic".into(), detail: message }]
    })
}

/// Shrinks a failing case to a small one that still breaks the invariant of
/// kind `kind`: drops pieces, then characters, while the violation persists.
pub fn shrink(case: &Case, kind: &str) -> Case {
    let still = |c: &Case| check(c).iter().any(|v| v.kind == kind);
    let mut best = case.clone();
    // pieces first, in halving chunks
    let mut chunk = best.pieces.len().max(1);
    while chunk >= 1 {
        let mut i = 0;
        while i < best.pieces.len() {
            let mut trial = best.clone();
            trial.pieces.drain(i..(i + chunk).min(trial.pieces.len()));
            if still(&trial) {
                best = trial;
            } else {
                i += chunk;
            }
        }
        if chunk == 1 {
            break;
        }
        chunk /= 2;
    }
    // then one character at a time
    let mut chars: Vec<String> = best.text().chars().map(String::from).collect();
    let mut i = 0;
    while i < chars.len() {
        let mut trial_chars = chars.clone();
        trial_chars.remove(i);
        let trial = Case { pieces: trial_chars.clone(), ..best.clone() };
        if still(&trial) {
            chars = trial_chars;
        } else {
            i += 1;
        }
    }
    Case { pieces: vec![chars.concat()], ..best }
}
