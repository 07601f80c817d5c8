//! Differential tests: the first-word matcher against the Aho-Corasick
//! automaton it replaced and against a brute-force scan, and the template
//! expansion against the implementation it replaced, on generated text.

use super::data::PhraseEntry;
use super::index::{OutletIndex, PhraseSet};
use super::matcher::{on_word_boundaries, Scan, WordMatcher};
use super::phrase::{expand, Shape};
use super::reference_matcher::Matcher;
use super::*;
use std::ops::Range;

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Tries every pattern at every character, longest first: what the matchers
/// must agree with.
struct BruteForce {
    patterns: Vec<String>,
    fold: bool,
}

impl BruteForce {
    fn new(patterns: &[impl AsRef<str>], fold: bool) -> Self {
        BruteForce { patterns: patterns.iter().map(|p| p.as_ref().to_string()).collect(), fold }
    }
}

impl BruteForce {
    /// Patterns written at `start`, longest first (the first listed among
    /// equal ones, as the automaton reports).
    fn candidates(&self, text: &str, start: usize) -> Vec<(usize, usize)> {
        let rest = &text.as_bytes()[start..];
        let first = |b: &u8| if self.fold { b.to_ascii_lowercase() } else { *b };
        let mut found: Vec<(usize, usize)> = (self.patterns.iter().enumerate())
            // (A quick first test: checking every byte of thousands of
            // patterns at every position is slow in a debug build.)
            .filter(|(_, p)| p.as_bytes().first().map(first) == rest.first().map(first))
            .filter(|(_, p)| !p.is_empty() && rest.len() >= p.len())
            .filter(|(_, p)| {
                let written = &rest[..p.len()];
                if self.fold {
                    written.eq_ignore_ascii_case(p.as_bytes())
                } else {
                    written == p.as_bytes()
                }
            })
            .map(|(id, p)| (p.len(), id))
            .collect();
        found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        found.dedup_by_key(|(len, _)| *len);
        found
    }

    fn at<T, F>(&self, text: &str, start: usize, accept: &mut F) -> Option<(Range<usize>, T)>
    where
        F: FnMut(Range<usize>, usize) -> Option<(Range<usize>, T)>,
    {
        self.candidates(text, start)
            .into_iter()
            .filter(|&(len, _)| on_word_boundaries(text, start..start + len))
            .find_map(|(len, id)| accept(start..start + len, id))
    }
}

impl Scan for BruteForce {
    fn at<T, F>(&self, text: &str, start: usize, mut accept: F) -> Option<(Range<usize>, T)>
    where
        F: FnMut(Range<usize>, usize) -> Option<(Range<usize>, T)>,
    {
        BruteForce::at(self, text, start, &mut accept)
    }

    fn scan<T, F>(&self, text: &str, mut accept: F) -> Vec<(Range<usize>, T)>
    where
        F: FnMut(Range<usize>, usize) -> Option<(Range<usize>, T)>,
    {
        let mut out: Vec<(Range<usize>, T)> = Vec::new();
        let mut pos = 0;
        for (start, _) in text.char_indices() {
            if start < pos {
                continue;
            }
            if let Some((range, value)) = self.at(text, start, &mut accept) {
                if out.last().is_none_or(|(last, _)| last.end <= range.start) {
                    pos = range.end.max(start + 1);
                    out.push((range, value));
                }
            }
        }
        out
    }
}

fn entries(list: PhraseList) -> &'static [PhraseEntry] {
    let d = Lexicon::builtin().data();
    match list {
        PhraseList::Anonymous => &d.anonymous,
        PhraseList::Justification => &d.justification,
        PhraseList::VagueSpeaker => &d.vague_speakers,
        PhraseList::Weasel => &d.weasel,
        PhraseList::Channel => &d.channels,
    }
}

const FILLER: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "to",
    "told",
    "said",
    "says",
    "say",
    "with",
    "by",
    "of",
    "interview",
    "interviews",
    "statement",
    "statements",
    "reporters",
    "report",
    "reported",
    "AP",
    "MAP",
    "APPLE",
    "Time",
    "the Hill",
    "CNN",
    "Reuters",
    "officials",
    "official",
    "sources",
    "source",
    "experts",
    "some",
    "many",
    "it",
    "is",
    "was",
    "widely",
    "believed",
    "because",
    "she",
    "he",
    "they",
    "not",
    "authorized",
    "speak",
    "fear",
    "condition",
    "anonymity",
    "U.S.",
    "White",
    "House",
    "X",
    "Twitter",
    "state",
    "media",
    "TV",
    "quoted",
    "as",
    "saying",
    "according",
    "court",
    "filing",
    "phone",
    "email",
    "'s",
    "’s",
    "é",
    "Ça",
    "naïve",
    "_x",
    "42",
    "in2",
    "e-mailed",
];

const JOINERS: &[&str] =
    &[" ", " ", " ", " ", ", ", "", "\n", "  ", " — ", " “", "” ", "'s ", ". ", "(", ") ", "-"];

/// One phrase of the list as it might be written, an outlet in its slot.
fn phrase(rng: &mut Rng, shapes: &[Shape], outlets: &[String]) -> String {
    let outlet = rng.pick(outlets).clone();
    let mut text = match rng.pick(shapes) {
        Shape::Plain(p) => p.clone(),
        Shape::OutletAfter { prefix, suffix, gap } => {
            let space = if *gap { " " } else { "" };
            match rng.below(4) {
                0 => format!("{prefix} {}", rng.pick(FILLER)),
                _ => format!("{prefix} {outlet}{space}{suffix}"),
            }
        }
        Shape::OutletBefore { suffix, gap } => {
            let space = if *gap { " " } else { "" };
            match rng.below(4) {
                0 => format!("{} {suffix}", rng.pick(FILLER)),
                _ => format!("{outlet}{space}{suffix}"),
            }
        }
    };
    if rng.chance(15) {
        // Cut short, perhaps inside a word, so shorter phrases must do.
        let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).skip(1).collect();
        if !cuts.is_empty() {
            text.truncate(*rng.pick(&cuts));
        }
    }
    if rng.chance(10) {
        // Run on into a word.
        text.push_str(rng.pick::<&str>(&["s", "ed", "x", "_", "9", "é"]));
    }
    text
}

fn mangle_case(rng: &mut Rng, text: &str) -> String {
    match rng.below(6) {
        0 => text.to_uppercase(),
        1 => text.chars().map(|c| if rng.chance(30) { c.to_ascii_uppercase() } else { c }).collect(),
        2 => {
            let mut chars = text.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
        }
        _ => text.to_string(),
    }
}

fn outlet_spellings() -> Vec<String> {
    let (spellings, _) = OutletIndex::spellings(&Lexicon::builtin().data().outlets);
    spellings
}

fn sentence(rng: &mut Rng, shapes: &[Shape], outlets: &[String]) -> String {
    let mut text = String::new();
    for _ in 0..rng.below(12) + 3 {
        let piece = match rng.below(10) {
            0..=3 => phrase(rng, shapes, outlets),
            4 => rng.pick(outlets).clone(),
            _ => rng.pick(FILLER).to_string(),
        };
        text.push_str(&mangle_case(rng, &piece));
        text.push_str(rng.pick::<&str>(JOINERS));
    }
    text
}

#[test]
fn phrase_matching_agrees_with_the_automaton_and_brute_force() {
    let lex = Lexicon::builtin();
    let outlets = &lex.index.outlets;
    let spellings = outlet_spellings();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut found, mut at_start) = (0, 0);
    for list in PhraseList::ALL {
        let entries = entries(list);
        let shapes: Vec<Shape> = entries.iter().flat_map(|e| expand(&e.template).expect("expands")).collect();
        let automaton = PhraseSet::build_with(entries, |p| Matcher::new(p, true)).expect("automaton");
        let brute = PhraseSet::build_with(entries, |p| Ok(BruteForce::new(p, true))).expect("brute force");
        for _ in 0..200 {
            let text = sentence(&mut rng, &shapes, &spellings);
            // The matchers on the text as given; `find_phrases` adds the
            // single-spacing of lexicon/spacing.rs on top of them.
            let got = lex.index.phrases(list).find(&text, list, outlets);
            assert_eq!(got, automaton.find(&text, list, outlets), "{list:?} automaton on {text:?}");
            assert_eq!(got, brute.find(&text, list, outlets), "{list:?} brute force on {text:?}");
            found += got.len();
            // the phrase a text starts with is the first found, if it starts there
            for (start, _) in text.char_indices().filter(|&(i, _)| i == 0 || text[..i].ends_with(' ')) {
                let rest = &text[start..];
                let first = lex.index.phrases(list).find(rest, list, outlets).into_iter().next();
                let first = first.filter(|m| m.range.start == 0);
                let at = lex.index.phrases(list).find_at_start(rest, list, outlets);
                assert_eq!(at, first, "{list:?} at the start of {rest:?}");
                assert_eq!(brute.find_at_start(rest, list, outlets), first, "{list:?} brute force at {rest:?}");
                at_start += usize::from(at.is_some());
            }
        }
    }
    assert!(found > 1000, "the generated text should hold many phrases, found {found}");
    assert!(at_start > 1000, "many texts should start with a phrase, found {at_start}");
}

#[test]
fn outlet_matching_agrees_with_the_automaton_and_brute_force() {
    let spellings = outlet_spellings();
    let words = WordMatcher::new(&spellings, false).expect("index");
    let automaton = Matcher::new(&spellings, false).expect("automaton");
    let brute = BruteForce::new(&spellings, false);
    let shapes: Vec<Shape> =
        entries(PhraseList::Channel).iter().flat_map(|e| expand(&e.template).unwrap()).collect();
    let mut rng = Rng(42);
    let mut found = 0;
    for _ in 0..300 {
        let text = sentence(&mut rng, &shapes, &spellings);
        // Refusing some patterns makes the matchers fall back to shorter ones.
        let picky = |r: Range<usize>, p: usize| (p % 3 != 0).then_some((r, p));
        let all = |r: Range<usize>, p: usize| Some((r, p));
        let got = Scan::scan(&words, &text, all);
        assert_eq!(got, automaton.scan(&text, all), "scan {text:?}");
        assert_eq!(got, brute.scan(&text, all), "brute scan {text:?}");
        assert_eq!(Scan::scan(&words, &text, picky), automaton.scan(&text, picky), "picky scan {text:?}");
        found += got.len();
        for start in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let at = words.at(&text, start, picky);
            assert_eq!(at, automaton.at(&text, start, picky), "at {start} in {text:?}");
            assert_eq!(at, brute.at(&text, start, &mut { picky }), "brute at {start} in {text:?}");
        }
    }
    assert!(found > 300, "the generated text should name many outlets, found {found}");
}

#[test]
fn loose_and_odd_patterns_agree_with_the_automaton() {
    // Patterns the built-in lists lack: starting or ending with punctuation,
    // non-ASCII, duplicates up to case, one a prefix of another.
    let patterns = [
        "'s",
        "’s view",
        "#tag",
        "(AP)",
        "U.S.",
        "u.s. official",
        "Ça",
        "ça va",
        "é",
        "naïve",
        "a",
        "A",
        "a b",
        "-",
        "--",
        "e-mailed",
        "in",
        "in a",
        "in an",
        "in an interview",
        "_x",
        "42",
        "x",
    ];
    let mut rng = Rng(7);
    let pieces = [
        "'s",
        "’s",
        "#",
        "tag",
        "(",
        "AP",
        ")",
        "U.S.",
        "official",
        "Ça",
        "ça",
        "va",
        "é",
        "naïve",
        "a",
        "b",
        "-",
        "e",
        "mailed",
        "in",
        "an",
        "interview",
        "_",
        "x",
        "42",
        " ",
        " ",
        " ",
        "A",
        "IN",
        "Interview",
    ];
    for fold in [true, false] {
        let words = WordMatcher::new(&patterns, fold).expect("index");
        let automaton = Matcher::new(&patterns, fold).expect("automaton");
        let brute = BruteForce::new(&patterns, fold);
        for _ in 0..500 {
            let text: String = (0..rng.below(12) + 1).map(|_| *rng.pick(&pieces)).collect();
            let picky = |r: Range<usize>, p: usize| (p % 2 == 0).then_some((r, p));
            let all = |r: Range<usize>, p: usize| Some((r, p));
            for accept in [picky, all] {
                let got = Scan::scan(&words, &text, accept);
                assert_eq!(got, automaton.scan(&text, accept), "fold {fold} {text:?}");
                assert_eq!(got, brute.scan(&text, accept), "brute fold {fold} {text:?}");
                for max in [0, 1, 2] {
                    let first = got.get(..max.min(got.len())).unwrap_or_default();
                    assert_eq!(words.scan_up_to(&text, max, accept), first, "first {max} of {text:?}");
                }
            }
            for start in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                assert_eq!(
                    words.at(&text, start, picky),
                    automaton.at(&text, start, picky),
                    "at {start} {text:?}"
                );
            }
        }
    }
}

#[test]
fn expansion_agrees_with_the_old_implementation() {
    let mut templates: Vec<&str> =
        PhraseList::ALL.iter().flat_map(|&l| entries(l)).map(|e| &*e.template).collect();
    let odd = [
        "a  (b |)c",
        " (a|) b ",
        "(|)",
        "( )",
        "a (b|(c|d) e)f",
        "x\u{a0}(y| z)\t",
        "told {outlet}  (as saying|)",
        "{outlet}'s",
        "(a|b){outlet} c",
        "a (b",
        "a b)",
        "a|b",
        "(a|b|c|d|e|f|g|h)(a|b|c|d|e|f|g|h)(a|b|c|d|e|f|g|h)(a|b|c|d|e|f|g|h)(a|b)",
        "{outlet} and {outlet}",
        "{outlet}",
        "((a|b)(c|d)|e)",
        "ça (Va|)",
        "",
        "   ",
    ];
    templates.extend(odd);
    for template in templates {
        assert_eq!(expand(template), old::expand(template), "{template:?}");
    }
}

/// The template expansion as it was before it was rewritten without
/// intermediate strings.
mod old {
    use super::Shape;
    use crate::lexicon::phrase::OUTLET_SLOT;

    const MAX_EXPANSIONS: usize = 4096;

    pub fn expand(template: &str) -> Result<Vec<Shape>, String> {
        let chars: Vec<char> = template.chars().collect();
        let mut pos = 0;
        let raw = alternatives(&chars, &mut pos, 0)?;
        if pos < chars.len() {
            return Err(format!("unbalanced ')' in {template:?}"));
        }
        raw.iter()
            .map(|p| shape(&normalize(p)))
            .filter(|s| !matches!(s, Ok(Shape::Plain(p)) if p.is_empty()))
            .collect()
    }

    fn normalize(phrase: &str) -> String {
        phrase.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn shape(phrase: &str) -> Result<Shape, String> {
        let Some((before, after)) = phrase.split_once(OUTLET_SLOT) else {
            return Ok(Shape::Plain(phrase.to_string()));
        };
        if after.contains(OUTLET_SLOT) {
            return Err(format!("more than one {OUTLET_SLOT} slot in {phrase:?}"));
        }
        let gap = after.starts_with(' ');
        let suffix = after.trim().to_string();
        let prefix = before.trim().to_string();
        match (prefix.is_empty(), suffix.is_empty()) {
            (true, true) => Err(format!("{phrase:?} is only a slot")),
            (true, false) => Ok(Shape::OutletBefore { suffix, gap }),
            (false, _) => Ok(Shape::OutletAfter { prefix, suffix, gap }),
        }
    }

    fn alternatives(chars: &[char], pos: &mut usize, depth: usize) -> Result<Vec<String>, String> {
        let mut all = Vec::new();
        loop {
            all.extend(sequence(chars, pos, depth)?);
            match chars.get(*pos) {
                Some('|') => *pos += 1,
                _ => break,
            }
        }
        Ok(all)
    }

    fn sequence(chars: &[char], pos: &mut usize, depth: usize) -> Result<Vec<String>, String> {
        let mut out = vec![String::new()];
        while let Some(&c) = chars.get(*pos) {
            match c {
                '|' if depth > 0 => break,
                ')' if depth > 0 => break,
                '|' | ')' => return Err("'|' or ')' outside a group".to_string()),
                '(' => {
                    *pos += 1;
                    let group = alternatives(chars, pos, depth + 1)?;
                    if chars.get(*pos) != Some(&')') {
                        return Err("unclosed '('".to_string());
                    }
                    *pos += 1;
                    out = product(&out, &group)?;
                }
                _ => {
                    out.iter_mut().for_each(|s| s.push(c));
                    *pos += 1;
                }
            }
        }
        Ok(out)
    }

    fn product(left: &[String], right: &[String]) -> Result<Vec<String>, String> {
        if left.len().saturating_mul(right.len()) > MAX_EXPANSIONS {
            return Err(format!("expands to more than {MAX_EXPANSIONS} phrases"));
        }
        Ok(left.iter().flat_map(|l| right.iter().map(move |r| format!("{l}{r}"))).collect())
    }
}
