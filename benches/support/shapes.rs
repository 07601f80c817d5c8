//! Generated drafts of the shapes that once made quotelint quadratic (issue
//! 10's table), at any size. Every word is made up here: fictional towns,
//! councils and people, no news text.
//!
//! Shared by `benches/shapes.rs` (criterion) and `examples/shapes.rs`, which
//! writes them to disk for whole-process timing (`benches/scaling.sh`).

#![allow(dead_code)]

use std::fmt::Write;

/// A shape of draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// News paragraphs with attributed quotes: one wire story repeated, a
    /// figure in some quotes changing each time (near-duplicate quotes).
    Wire,
    /// Every paragraph a quote attributed after it: `“…,” she said.`
    Said,
    /// One giant hard-wrapped paragraph with quotes and no full stop.
    NoStops,
    /// A quotation mark that never pairs up every ten bytes, in paragraphs.
    UnmatchedParagraphs,
    /// The same on one line.
    UnmatchedLine,
    /// Many people named, and pronouns standing for them throughout.
    Pronouns,
    /// Four paragraphs, each one line a quarter of the draft long, full of quotes.
    LongLines,
    /// Lists nested eight deep, over and over, with quotes in the items.
    NestedLists,
    /// One hard-wrapped paragraph of quotes from anonymous sources, none
    /// saying why the source is not named.
    Anonymous,
    /// A first paragraph of short quotations and no full stop (a list of
    /// terms), then a paragraph after it.
    QuotedFirstParagraph,
    /// Four paragraphs, each one line a quarter of the draft long, of
    /// quotes between template tags (`{{ … }}`).
    TemplateTags,
    /// Four paragraphs, each one line a quarter of the draft long, of quotes
    /// with no speaker: thousands of findings on a line.
    FindingsOnALine,
    /// One paragraph of quotes each signed after it, a hard line break
    /// (`  \n`) after each and no full stop: `“…,” said X  `.
    HardBreaks,
    /// One paragraph of quotes with no full stop, all signed at its end:
    /// `“…” “…” … said Ana Ruiz.`
    LateAttribution,
    /// Four paragraphs, each one line a quarter of the draft long, of quotes
    /// between template openers (`{{`) that never close.
    UnclosedTemplates,
}

impl Shape {
    pub const ALL: [Shape; 15] = [
        Shape::Wire,
        Shape::Said,
        Shape::NoStops,
        Shape::UnmatchedParagraphs,
        Shape::UnmatchedLine,
        Shape::Pronouns,
        Shape::LongLines,
        Shape::NestedLists,
        Shape::Anonymous,
        Shape::QuotedFirstParagraph,
        Shape::TemplateTags,
        Shape::FindingsOnALine,
        Shape::HardBreaks,
        Shape::LateAttribution,
        Shape::UnclosedTemplates,
    ];

    /// A short name for file and benchmark names.
    pub fn name(self) -> &'static str {
        match self {
            Shape::Wire => "wire",
            Shape::Said => "said",
            Shape::NoStops => "no-stops",
            Shape::UnmatchedParagraphs => "unmatched-paragraphs",
            Shape::UnmatchedLine => "unmatched-line",
            Shape::Pronouns => "pronouns",
            Shape::LongLines => "long-lines",
            Shape::NestedLists => "nested-lists",
            Shape::Anonymous => "anonymous",
            Shape::QuotedFirstParagraph => "quoted-first-paragraph",
            Shape::TemplateTags => "template-tags",
            Shape::FindingsOnALine => "findings-on-a-line",
            Shape::HardBreaks => "hard-breaks",
            Shape::LateAttribution => "late-attribution",
            Shape::UnclosedTemplates => "unclosed-templates",
        }
    }

    /// A draft of this shape, `bytes` long give or take a paragraph.
    pub fn generate(self, bytes: usize) -> String {
        let mut g = Gen { out: String::with_capacity(bytes + 4096), rng: Rng(0x5eed_0000 + self as u64) };
        match self {
            Shape::Wire => g.wire(bytes),
            Shape::Said => g.said(bytes),
            Shape::NoStops => g.no_stops(bytes),
            Shape::UnmatchedParagraphs => g.unmatched(bytes, true),
            Shape::UnmatchedLine => g.unmatched(bytes, false),
            Shape::Pronouns => g.pronouns(bytes),
            Shape::LongLines => g.long_lines(bytes),
            Shape::NestedLists => g.nested_lists(bytes),
            Shape::Anonymous => g.anonymous(bytes),
            Shape::QuotedFirstParagraph => g.quoted_first_paragraph(bytes),
            Shape::TemplateTags => g.template_tags(bytes),
            Shape::FindingsOnALine => g.findings_on_a_line(bytes),
            Shape::HardBreaks => g.hard_breaks(bytes),
            Shape::LateAttribution => g.late_attribution(bytes),
            Shape::UnclosedTemplates => g.unclosed_templates(bytes),
        }
        g.out
    }
}

pub const MB: usize = 1_000_000;

/// A small deterministic generator (a 64-bit LCG): the same draft every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() as usize) % items.len()]
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() as usize) % n
    }
}

const NOUNS: &[&str] = &[
    "harbour",
    "budget",
    "ferry",
    "council",
    "wall",
    "bridge",
    "pier",
    "grant",
    "storm",
    "vote",
    "road",
    "school",
    "clinic",
    "market",
    "levy",
    "contract",
    "tide",
    "winter",
    "plan",
    "survey",
    "report",
    "museum",
    "station",
    "library",
    "dredger",
    "quay",
    "reservoir",
    "orchard",
    "tram",
    "lighthouse",
];
const VERBS: &[&str] =
    &["will", "cannot", "should", "must", "might", "would", "could", "did not", "never", "always"];
const ACTIONS: &[&str] = &[
    "rebuild", "fund", "repair", "close", "open", "delay", "approve", "reject", "inspect", "replace", "widen",
    "move", "sell", "protect", "review",
];
const FIRST: &[&str] = &[
    "Ana", "Pete", "Joan", "Mira", "Tomas", "Ines", "Karl", "Lena", "Oskar", "Priya", "Rafael", "Sade", "Yusuf",
    "Greta", "Hugo", "Noor", "Bram", "Cleo", "Dmitri", "Elin",
];
const SYLLABLES: &[&str] =
    &["ka", "lo", "ven", "dra", "mi", "sor", "tel", "ba", "rin", "go", "wes", "ul", "pha", "nor", "te", "qua"];
const ROLES: &[&str] = &[
    "the harbour master",
    "a council spokeswoman",
    "the town engineer",
    "an official who asked not to be named",
    "residents",
    "the ferry operator",
];

struct Gen {
    out: String,
    rng: Rng,
}

impl Gen {
    /// A noun: a common one, or one of thousands made up, so that two
    /// generated quotes share about as many words as two real ones do.
    fn noun(&mut self) -> String {
        if self.rng.below(4) == 0 {
            return self.rng.pick(NOUNS).to_string();
        }
        (0..3).map(|_| self.rng.pick(SYLLABLES)).collect()
    }

    /// Words of a made-up quote: "the council will rebuild the harbour wall".
    fn clause(&mut self) -> String {
        let a = self.noun();
        let (b, c) = (self.rng.pick(VERBS), self.rng.pick(ACTIONS));
        let (d, e) = (self.noun(), self.noun());
        format!("the {a} {b} {c} the {d} {e}")
    }

    /// A made-up surname: two or three syllables, capitalised.
    fn surname(&mut self) -> String {
        let n = 2 + self.rng.below(2);
        let mut s: String = (0..n).map(|_| self.rng.pick(SYLLABLES)).collect();
        if let Some(first) = s.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        s
    }

    fn person(&mut self) -> String {
        format!("{} {}", self.rng.pick(FIRST), self.surname())
    }

    fn wire(&mut self, bytes: usize) {
        let mut edition = 0;
        while self.out.len() < bytes {
            edition += 1;
            let figure = edition % 9 + 2;
            let _ = write!(
                self.out,
                "# Harbour town votes to rebuild flood wall\n\n\
                 PORT ELLIS, March 3 (Wire) — The town council of Port Ellis voted 7-2 on Tuesday to \
                 rebuild the sea wall that gave way during last month's storm, ending weeks of argument \
                 over who should pay for it.\n\n\
                 “We cannot ask families on Quay Street to spend another winter with sandbags at the \
                 door,” Mayor Ana Ruiz told reporters after the vote.\n\n\
                 The two dissenting councillors called the plan “reckless” and said the town should wait \
                 for a regional grant.\n\n\
                 “The money will come, but not for another {figure} years,” said Councillor Pete Varga, \
                 who voted against. “We are borrowing against hope.”\n\n\
                 Harbour master Joan Okafor said in a statement that the ferry would keep running from \
                 the north pier until work is finished.\n\n\
                 “Nobody in this town has forgotten what the water did in February,” she said. “We lost \
                 {figure} boats and the chandlery in one night.”\n\n\
                 A council spokeswoman said the contract “will be signed within {figure} weeks”.\n\n\
                 “It is the right decision, and it is long overdue,” Ruiz said. “The wall protected \
                 this town for {figure}0 years.”\n\n\
                 Work is expected to begin in May, according to the council's engineering office.\n\n"
            );
        }
    }

    fn said(&mut self, bytes: usize) {
        const PRONOUNS: &[&str] = &["she", "he", "they"];
        while self.out.len() < bytes {
            let (a, b) = (self.clause(), self.clause());
            let who = self.rng.pick(PRONOUNS);
            let _ = write!(self.out, "“{} and {},” {who} said.\n\n", capitalise(&a), b);
        }
    }

    fn no_stops(&mut self, bytes: usize) {
        let mut line = 0;
        while self.out.len() < bytes {
            let who = self.person();
            let clause = self.clause();
            let piece = match self.rng.below(3) {
                0 => format!("“{clause},” said {who}, and "),
                1 => format!("{who} said “{clause}” while "),
                _ => format!(
                    "the {} and the {} of the {}, ",
                    self.rng.pick(NOUNS),
                    self.rng.pick(NOUNS),
                    self.rng.pick(NOUNS)
                ),
            };
            self.out.push_str(&piece);
            line += piece.len();
            if line > 72 {
                self.out.push('\n');
                line = 0;
            }
        }
        self.out.push('\n');
    }

    fn unmatched(&mut self, bytes: usize, paragraphs: bool) {
        const MARKS: [&str; 4] = ["“", "”", "«", "\""];
        let mut i = 0;
        while self.out.len() < bytes {
            self.out.push_str(MARKS[i % MARKS.len()]);
            self.out.push_str(self.rng.pick(NOUNS));
            self.out.push(' ');
            if paragraphs && i % 50 == 49 {
                self.out.push_str(".\n\n");
            }
            i += 1;
        }
        self.out.push('\n');
    }

    fn pronouns(&mut self, bytes: usize) {
        const PRONOUNS: &[&str] = &["He", "She", "They", "It"];
        while self.out.len() < bytes {
            let who = self.person();
            let role = self.rng.pick(ROLES);
            let _ = write!(
                self.out,
                "{who} of the {} Council spoke after {role} did. ",
                capitalise(self.rng.pick(NOUNS))
            );
            for _ in 0..3 {
                let p = self.rng.pick(PRONOUNS);
                let clause = self.clause();
                let _ = write!(self.out, "{p} said {clause}, and {} agreed. ", p.to_lowercase());
            }
            let clause = self.clause();
            let _ = write!(self.out, "“{},” she said.\n\n", capitalise(&clause));
        }
    }

    fn long_lines(&mut self, bytes: usize) {
        let line = bytes / 4;
        for _ in 0..4 {
            let start = self.out.len();
            while self.out.len() - start < line {
                let clause = self.clause();
                match self.rng.below(4) {
                    0 => {
                        let who = self.person();
                        let _ = write!(self.out, "“{},” said {who}. ", capitalise(&clause));
                    }
                    1 => {
                        let _ = write!(self.out, "Critics call it “{}” for now. ", self.rng.pick(NOUNS));
                    }
                    2 => {
                        let _ = write!(self.out, "“{} ", capitalise(&clause));
                    }
                    _ => {
                        let _ = write!(self.out, "{}. ", capitalise(&clause));
                    }
                }
            }
            self.out.push_str("\n\n");
        }
    }

    fn nested_lists(&mut self, bytes: usize) {
        while self.out.len() < bytes {
            for depth in 0..8 {
                let clause = self.clause();
                let who = self.person();
                let _ = writeln!(self.out, "{}- “{},” said {who}.", "  ".repeat(depth), capitalise(&clause));
            }
            self.out.push('\n');
        }
    }

    fn anonymous(&mut self, bytes: usize) {
        const SOURCES: &[&str] = &[
            "a person familiar with the talks",
            "a senior official",
            "an aide to the mayor",
            "a council insider",
            "two people close to the board",
        ];
        while self.out.len() < bytes {
            let clause = self.clause();
            let source = self.rng.pick(SOURCES);
            let _ = writeln!(self.out, "“{},” said {source}.", capitalise(&clause));
        }
    }

    fn quoted_first_paragraph(&mut self, bytes: usize) {
        let mut k = 0;
        while self.out.len() < bytes {
            let noun = self.noun();
            let _ = write!(self.out, "“{noun} {k}” and ");
            k += 1;
            if k % 6 == 0 {
                self.out.push('\n');
            }
        }
        self.out.push_str("\n\nThe list was read out at the council meeting.\n\n“It is long,” said Ana Ruiz.\n");
    }

    /// Four paragraphs, each one line a quarter of `bytes` long, of what `piece` writes.
    fn four_lines(&mut self, bytes: usize, mut piece: impl FnMut(&mut Self)) {
        let line = bytes / 4;
        for _ in 0..4 {
            let start = self.out.len();
            while self.out.len() - start < line {
                piece(self);
            }
            self.out.push_str("\n\n");
        }
    }

    fn template_tags(&mut self, bytes: usize) {
        self.four_lines(bytes, |g| {
            let (clause, who) = (g.clause(), g.person());
            let _ = write!(g.out, "“{},” said {who}. {{{{ page.note }}}} ", capitalise(&clause));
        });
    }

    fn findings_on_a_line(&mut self, bytes: usize) {
        self.four_lines(bytes, |g| {
            let clause = g.clause();
            let _ = write!(g.out, "“{}.” ", capitalise(&clause));
        });
    }

    fn hard_breaks(&mut self, bytes: usize) {
        while self.out.len() < bytes {
            let (clause, who) = (self.clause(), self.person());
            let _ = writeln!(self.out, "“{},” said {who}  ", capitalise(&clause));
        }
    }

    fn late_attribution(&mut self, bytes: usize) {
        let mut k = 0;
        while self.out.len() < bytes {
            let clause = self.clause();
            let _ = write!(self.out, "“{}” ", capitalise(&clause));
            k += 1;
            if k % 4 == 0 {
                self.out.push('\n');
            }
        }
        self.out.push_str("said Ana Ruiz.\n");
    }

    fn unclosed_templates(&mut self, bytes: usize) {
        self.four_lines(bytes, |g| {
            let (clause, who) = (g.clause(), g.person());
            let _ = write!(g.out, "“{},” said {who}. {{{{ a {{{{ b {{{{ c ", capitalise(&clause));
        });
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// The `text` of every article of a corpus file (JSON lines), or nothing when absent.
pub fn corpus_texts(path: &str) -> Vec<String> {
    let Ok(raw) = std::fs::read_to_string(path) else { return Vec::new() };
    raw.lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(String::from))
        .collect()
}

/// A draft of `n` paragraphs, each under a suppression comment: every
/// other one a `disable-next-line QF001` over a quotation that never
/// closes (used), the rest a `disable-next-line QF002` over plain text
/// (unused, so QS001 each), with a `disable`/`enable` range around every
/// tenth: as many directives as findings, to show suppression costs per
/// directive, not per pair.
pub fn suppressed(n: usize) -> String {
    let mut out = String::new();
    for k in 0..n {
        if k % 10 == 0 {
            out.push_str("<!-- quotelint-disable QP003 -->\n\n");
        }
        if k % 2 == 0 {
            let _ = writeln!(out, "<!-- quotelint-disable-next-line QF001 -->\n“The ferry to Harrow Point runs at {k}, said the harbourmaster.\n");
        } else {
            let _ = writeln!(
                out,
                "<!-- quotelint-disable-next-line QF002 -->\nThe Larkfield council met for the {k}th time.\n"
            );
        }
        if k % 10 == 9 {
            out.push_str("<!-- quotelint-enable -->\n\n");
        }
    }
    out
}
