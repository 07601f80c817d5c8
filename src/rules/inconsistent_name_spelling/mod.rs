//! QN002: one person's name spelled two ways.

mod near;

use super::helpers::speech_quotes;
use super::{Rule, RuleMeta};
use crate::analysis::words::ProseWord;
use crate::analysis::Analysis;
use crate::attribution::SpeakerKind;
use crate::diagnostic::{Diagnostic, Severity};
use crate::findings::{Findings, Notes};
use crate::fix::{Edit, Fix, FixAvailability};
use crate::lexicon::FastHash;
use crate::settings::Settings;
use crate::span::{CompactSpan, Span};
use std::collections::{HashMap, HashSet};

pub struct InconsistentNameSpelling;

static META: RuleMeta = RuleMeta {
    code: "QN002",
    name: "inconsistent-name-spelling",
    severity: Severity::Warning,
    summary: "A quoted person's name is spelled two ways in one draft.",
    doc: DOC,
};

const DOC: &str = r#"## What it checks

The names of the people quoted, against every other capitalised name in the
writer's prose. Two names are reported when they share the first name and
their surnames differ by one or two letters ("Hong Min" and "Hong Minh"), or
share the surname and their first names differ by one or two letters ("Irena
Novak" and "Irina Novak"). Very short names are left alone, since one
letter there makes a different name, and two letters count only in long names. In a
draft naming very many people, a name is compared with the first 16 names
that share its other words, the first letter and about the length of the
word that differs.

## Why editors care

Misspelling a name is the most common correction newspapers run. The AP and
Reuters both treat names as facts to be checked, and the BBC Editorial
Guidelines ask for accuracy in every detail; two spellings in one story mean
at least one is wrong, and possibly that two people have been merged.

## Example

```markdown
“The harvest was late,” said Irena Novak, who farms near the river.

Irina Novak said prices had doubled.
```

## How to fix

Check the spelling with the source and use it throughout. `check --fix
--unsafe-fixes` respells the writer's prose to the spelling used most often
(the earlier one on a tie); it is unsafe because the less common spelling
may be the right one, and it never changes a name inside a quotation. When
one spelling only adds letters at the end of the other ("Hong Min" and
"Hong Minh", but also "Central Asia" and "Central Asian") there is no fix:
the longer word is as often a derived word or two words run together.

```markdown
“The harvest was late,” said Irena Novak, who farms near the river.

Irena Novak said prices had doubled.
```
"#;

/// A spelling of a name: two or three words of a block's text ("’s" left
/// off the last), borrowed. A draft can name people hundreds of thousands
/// of times: each use is kept as a span beside its spelling's index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Spelling<'a> {
    /// Room for three words, `len` of them used.
    words: [&'a str; 3],
    len: u8,
}

impl<'a> Spelling<'a> {
    /// The spelling of `words`, if two or three.
    fn of(words: &[&'a str]) -> Option<Self> {
        let mut out = Spelling { words: [""; 3], len: u8::try_from(words.len()).ok()? };
        if !(2..=3).contains(&words.len()) {
            return None;
        }
        out.words.iter_mut().zip(words).for_each(|(slot, w)| *slot = w);
        Some(out)
    }

    fn words(&self) -> &[&'a str] {
        self.words.get(..usize::from(self.len)).unwrap_or_default()
    }

    fn text(&self) -> String {
        self.words().join(" ")
    }
}

impl<'a> AsRef<[&'a str]> for Spelling<'a> {
    fn as_ref(&self) -> &[&'a str] {
        self.words()
    }
}

/// The spelling of a speaker's name: its two or three words.
fn spelling_of(name: &str) -> Option<Spelling<'_>> {
    // on the stack: made again for each speaker as its findings are made
    let mut words = [""; 4];
    let mut len = 0;
    for (slot, w) in words.iter_mut().zip(name.split_whitespace()) {
        *slot = w;
        len += 1;
    }
    Spelling::of(words.get(..len).unwrap_or_default())
}

/// Where each speaker's spelling is first met among the distinct spellings
/// of the prose. A draft can quote tens of thousands of people: a name that
/// reads back as its own spelling when taken as written (words one space
/// apart, none ending in "’s") is held as written, 24 bytes an entry where
/// the spelling's words took 72; the few others by their words.
struct Found<'a> {
    written: HashMap<Written<'a>, usize, FastHash>,
    other: HashMap<Spelling<'a>, usize, FastHash>,
}

/// Not met in the prose (yet).
const UNMET: usize = usize::MAX;

impl<'a> Found<'a> {
    /// `names` are the speakers' names, each with a spelling.
    fn of(names: &[&'a str]) -> Self {
        let mut found = Found { written: HashMap::default(), other: HashMap::default() };
        found.written.reserve(names.len());
        for name in names {
            match spelling_of(name) {
                Some(spelling) if Written(name).spelling() == spelling => {
                    found.written.insert(Written(name), UNMET);
                }
                Some(spelling) => {
                    found.other.insert(spelling, UNMET);
                }
                None => {}
            }
        }
        found
    }

    /// Notes that `written`, distinct spelling `i`, is first met: a speaker
    /// with its spelling is first named there.
    fn met(&mut self, written: Written<'a>, i: usize) {
        if let Some(at) = self.written.get_mut(&written) {
            *at = i;
        }
        if self.other.is_empty() {
            return;
        }
        if let Some(at) = self.other.get_mut(&written.spelling()) {
            *at = i;
        }
    }

    /// The distinct spelling where speaker `name`, spelled `spelling`, is
    /// first named in the prose, if it is.
    fn first(&self, name: &'a str, spelling: &Spelling<'a>) -> Option<usize> {
        let at = match self.written.get(&Written(name)) {
            Some(&at) if Written(name).spelling() == *spelling => at,
            _ => *self.other.get(spelling)?,
        };
        (at != UNMET).then_some(at)
    }
}

/// A spelling as written in a block's text: its two or three words, one
/// space apart, "’s" still on any of them. A long draft has tens of
/// thousands of distinct spellings, each held once in a list and once in a
/// table while the names are read: 16 bytes where the words took 56, which
/// set the rule's share of the peak on such a draft. The words are made
/// again whenever compared.
#[derive(Debug, Clone, Copy)]
struct Written<'a>(&'a str);

impl<'a> Written<'a> {
    /// Its first three pieces between spaces, "’s" left off each. The
    /// spaces are found byte by byte: a name is a few short words, and
    /// splitting at a `char` set up a search for each piece, most of the
    /// cost of hashing a name for the table of spellings.
    fn spelling(self) -> Spelling<'a> {
        let mut out = Spelling { words: [""; 3], len: 0 };
        let mut rest = self.0;
        for slot in &mut out.words {
            let space = rest.bytes().position(|b| b == b' ');
            let w = space.map_or(rest, |i| rest.get(..i).unwrap_or_default());
            *slot = w.strip_suffix("’s").or_else(|| w.strip_suffix("'s")).unwrap_or(w);
            out.len += 1;
            match space {
                Some(i) => rest = rest.get(i + 1..).unwrap_or_default(),
                None => break,
            }
        }
        out
    }
}

/// Two spellings are the same when their words are: "Novak’s" is "Novak".
/// The same text is the same spelling, told without splitting it: most
/// comparisons are of a name met again with the spelling it is under.
impl PartialEq for Written<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0 || self.spelling() == other.spelling()
    }
}

impl Eq for Written<'_> {}

impl std::hash::Hash for Written<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.spelling().hash(state);
    }
}

impl Rule for InconsistentNameSpelling {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn fix_availability(&self) -> FixAvailability {
        FixAvailability::Sometimes
    }

    fn check(&self, analysis: &Analysis, _settings: &Settings, out: &mut Findings) {
        // only a name of two or three words can match a spelling in the prose
        let speakers: Vec<&str> = {
            let mut seen: HashSet<&str, FastHash> = HashSet::default();
            speech_quotes(analysis)
                .filter_map(|(_, _, a)| a.speaker.as_ref())
                .filter(|s| s.kind == SpeakerKind::Person)
                .filter_map(|s| s.name.as_deref())
                .filter(|n| seen.insert(*n) && spelling_of(n).is_some())
                .collect()
        };
        if speakers.is_empty() {
            return;
        }
        // each distinct spelling, with its uses in order (the first is its first use)
        // looked up, never walked: the crate's fast hash, not SipHash
        let mut index_of: HashMap<Written<'_>, usize, FastHash> = HashMap::default();
        let mut distinct: Vec<Written<'_>> = Vec::new();
        // each speaker's spelling's index, noted when the spelling is first met
        let mut found = Found::of(&speakers);
        let (mut which, mut spans) = (Vec::new(), Vec::new());
        names_in_prose(analysis, |written, span| {
            crate::budget::tick();
            let i = *index_of.entry(written).or_insert_with(|| {
                distinct.push(written);
                found.met(written, distinct.len() - 1);
                distinct.len() - 1
            });
            which.push(u32::try_from(i).unwrap_or(u32::MAX));
            spans.push(CompactSpan::from(span));
        });
        // the table of every spelling (megabytes in a long draft) is freed
        // before the uses and the index are built and the findings made
        drop(index_of);
        // each speaker met in the prose, as its name's index in `speakers` and
        // its first spelling's: 8 bytes a speaker where its spelling's words
        // and index took 64, held while the findings grow
        let met: Vec<(u32, u32)> = (0u32..)
            .zip(&speakers)
            .filter_map(|(k, name)| {
                let first = found.first(name, &spelling_of(name)?)?;
                Some((k, u32::try_from(first).ok()?))
            })
            .collect();
        drop(found);
        let uses = Uses::new(distinct.len(), &which, &spans);
        drop((which, spans));
        let index = near::NameIndex::new(distinct.len(), distinct.iter().map(|w| w.spelling()));
        // a pair as two 32-bit spelling indices (a draft has far fewer than 2^32 names)
        let mut reported: HashSet<(u32, u32), FastHash> = HashSet::default();
        let pair = |a: usize, b: usize| (a as u32, b as u32);
        for &(k, first) in &met {
            let Some(speaker) = spelling_of(speakers[k as usize]) else { continue };
            let (speaker, first) = (speaker.words(), first as usize);
            crate::budget::tick();
            // candidates in order of first use, as a walk over the names would meet them
            for other in index.candidates(speaker) {
                crate::budget::tick();
                let other_spelling = distinct[other].spelling();
                let words = other_spelling.words();
                if words == speaker || !similar(speaker, words) {
                    continue;
                }
                // a pair is the two spellings' indices: one spelling per
                // index, so the same pair as their texts, without a copy of
                // both for each of tens of thousands of pairs
                if reported.contains(&pair(other, first)) || !reported.insert(pair(first, other)) {
                    continue;
                }
                // the later spelling is the one to look at
                let (early, late) = if uses.first(first).start < uses.first(other).start {
                    (first, other)
                } else {
                    (other, first)
                };
                let (early_use, late_use) = (uses.first(early), uses.first(late));
                let text = &analysis.file.text;
                let (early_spelling, late_spelling) = (distinct[early].spelling(), distinct[late].spelling());
                let fix = respell(text, (&early_spelling, uses.of(early)), (&late_spelling, uses.of(late)));
                let words = (late_spelling.words(), early_spelling.words());
                let numbers = kept_as((late_use, early_use), fix.as_ref(), words);
                let bare = Diagnostic::new(&META, &analysis.file.path, late_use, String::new());
                let names = (late_spelling.text(), early_spelling.text());
                let d = spelled_two_ways(bare, (&names.0, &names.1), early_use, fix.map(|(fix, _)| fix));
                out.push_rebuilt(d, text, &numbers, rebuilt);
            }
        }
    }
}

/// The finding for the spelling `names.0` used at `bare`'s span, spelled
/// `names.1` at `early_use`; `bare` has the rule, path and span.
fn spelled_two_ways(bare: Diagnostic, names: (&str, &str), early_use: Span, fix: Option<Fix>) -> Diagnostic {
    Diagnostic { message: format!("“{}” is spelled “{}” elsewhere", names.0, names.1), ..bare }
        .with_primary_label("this spelling")
        .with_label(early_use, "the other spelling")
        .with_help("check the name with the source and spell it one way")
        .with_fix(fix)
}

/// A finding as the numbers [`rebuilt`] makes it again from: a long draft
/// has tens of thousands, whose names and respellings are the draft's own
/// words. The two uses' spans (start and length), which spelling the fix
/// keeps (0 for no fix, 1 the earlier, 2 the later), and each edit's span
/// and which word of the kept spelling it writes; `words` are the later
/// and the earlier spelling's.
fn kept_as(uses: (Span, Span), fix: Option<&(Fix, bool)>, words: (&[&str], &[&str])) -> Vec<usize> {
    let (late_use, early_use) = uses;
    let mut numbers = vec![late_use.start, late_use.len(), early_use.start, early_use.len()];
    let Some((fix, keeps_late)) = fix else {
        numbers.push(0);
        return numbers;
    };
    numbers.push(if *keeps_late { 2 } else { 1 });
    let keep = if *keeps_late { words.0 } else { words.1 };
    for edit in &fix.edits {
        // a word the spelling does not have is not written back: the
        // finding is then kept whole (see `Findings::push_rebuilt`)
        let word = keep.iter().position(|w| *w == edit.replacement);
        numbers.extend([edit.span.start, edit.span.len(), word.unwrap_or(usize::MAX)]);
    }
    numbers
}

/// The finding [`kept_as`] gave `numbers` for, made again from the draft's
/// text `source`: each name is the words at its use (less a last "’s").
fn rebuilt(bare: Diagnostic, source: &str, numbers: &[usize], _notes: Notes) -> Diagnostic {
    let at = |i: usize| {
        let (start, len) = (numbers.get(i).copied().unwrap_or(0), numbers.get(i + 1).copied().unwrap_or(0));
        Span::new(start, start.saturating_add(len))
    };
    let (late, early) = (words_at(source, at(0)), words_at(source, at(2)));
    let fix = match numbers.get(4) {
        Some(1) => Some(&early),
        Some(2) => Some(&late),
        _ => None,
    }
    .map(|keep| {
        let edits = (5..numbers.len()).step_by(3).map(|i| {
            let word = numbers.get(i + 2).and_then(|&w| keep.get(w)).copied().unwrap_or_default();
            Edit::replace(at(i), word.to_string())
        });
        respelled(keep, edits.collect())
    });
    spelled_two_ways(bare, (&late.join(" "), &early.join(" ")), at(2), fix)
}

/// The words of the name written at `span` of `source`, its last without "’s".
fn words_at(source: &str, span: Span) -> Vec<&str> {
    let mut words: Vec<&str> = source.get(span.start..span.end).unwrap_or_default().split_whitespace().collect();
    if let Some(last) = words.last_mut() {
        *last = last.strip_suffix("’s").or_else(|| last.strip_suffix("'s")).unwrap_or(last);
    }
    words
}

/// Every use of every spelling, grouped by spelling, in the order found.
/// One vector for all: a vector a spelling cost some 90 bytes each of the
/// tens of thousands of spellings of a long draft. Indices and offsets in
/// 32 bits (a draft is far under 4 GiB): 8 bytes a use and 4 a spelling,
/// where they took 16 and 8, held while the findings grow.
struct Uses {
    /// Spelling `i`'s uses are `spans[starts[i]..starts[i + 1]]`.
    starts: Vec<u32>,
    spans: Vec<CompactSpan>,
}

impl Uses {
    /// `which[k]` is the spelling (below `count`) used at `spans[k]`.
    fn new(count: usize, which: &[u32], spans: &[CompactSpan]) -> Self {
        let mut starts = vec![0u32; count + 1];
        for &i in which {
            starts[i as usize + 1] += 1;
        }
        for i in 0..count {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut grouped = vec![CompactSpan::default(); spans.len()];
        for (&i, &span) in which.iter().zip(spans) {
            let at = &mut next[i as usize];
            grouped[*at as usize] = span;
            *at += 1;
        }
        Uses { starts, spans: grouped }
    }

    fn of(&self, i: usize) -> &[CompactSpan] {
        &self.spans[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    /// The first use: every spelling has one.
    fn first(&self, i: usize) -> Span {
        self.spans[self.starts[i] as usize].get()
    }
}

/// The unsafe fix: every use in the prose of the less common of two
/// spellings (the later on a tie) respelled, only the words that differ
/// ("Irina Novak’s" → "Irena Novak’s"). Each spelling comes with all its uses.
/// Also says whether the later spelling is the one kept.
fn respell(
    text: &str,
    early: (&Spelling<'_>, &[CompactSpan]),
    late: (&Spelling<'_>, &[CompactSpan]),
) -> Option<(Fix, bool)> {
    if early.0.words().iter().zip(late.0.words()).any(|(a, b)| extends(a, b)) {
        return None;
    }
    let keeps_late = late.1.len() > early.1.len();
    let (keep, change) = if keeps_late { (late, early) } else { (early, late) };
    let keep = keep.0.words();
    let mut edits = Vec::new();
    for span in change.1 {
        // the words of a name are one space apart, as `names_in_prose` found them
        let mut at = span.get().start;
        for (old, new) in change.0.words().iter().zip(keep) {
            if text.get(at..at + old.len()) != Some(*old) {
                return None;
            }
            if old != new {
                edits.push(Edit::replace(Span::new(at, at + old.len()), new.to_string()));
            }
            at += old.len();
            at += text.get(at..).and_then(|s| s.find(' ')).map_or(0, |i| i + 1);
        }
    }
    (!edits.is_empty()).then(|| (respelled(keep, edits), keeps_late))
}

/// The fix that writes the name `keep` with `edits`.
fn respelled(keep: &[&str], edits: Vec<Edit>) -> Fix {
    Fix::unsafe_edits(format!("Spell the name “{}” throughout", keep.join(" ")), edits)
}

/// One spelling is the other with letters added at the end ("Asia" and
/// "Asian", "Democrat" and "Democratic", "Manafort" and "Manafortin" for
/// "Manafort in"): more often a derived word or two words run together than
/// a misspelt name, so respelling could change a word that is right. Such
/// pairs are reported but not fixed.
fn extends(a: &str, b: &str) -> bool {
    a != b && (a.starts_with(b) || b.starts_with(a))
}

/// Same first word and a surname one or two edits away, or the reverse.
fn similar(a: &[&str], b: &[&str]) -> bool {
    let (Some(af), Some(al), Some(bf), Some(bl)) = (a.first(), a.last(), b.first(), b.last()) else {
        return false;
    };
    if a.len() < 2 || b.len() < 2 || a.len() != b.len() {
        return false;
    }
    let near = |x: &str, y: &str| {
        let shortest = || x.chars().count().min(y.chars().count());
        x.chars().next() == y.chars().next()
            && match near::edits_within(x, y, 2) {
                Some(1) => shortest() >= 3,
                Some(2) => shortest() >= 6,
                _ => false,
            }
    };
    let middle_same = a[1..a.len() - 1] == b[1..b.len() - 1];
    middle_same && ((af == bf && near(al, bl)) || (al == bl && near(af, bf)))
}

/// Runs of two or three capitalised words in prose outside quotations.
fn names_in_prose<'a>(analysis: &'a Analysis, mut each: impl FnMut(Written<'a>, Span)) {
    for (b, block) in analysis.doc.blocks.iter().enumerate() {
        let words = analysis.words.block(b);
        crate::budget::tick();
        // the block's text borrowed once: its every borrow checks its bounds
        let text: &'a str = &block.text;
        let bytes = text.as_bytes();
        let name_word = |w: &ProseWord| !w.quoted() && text.get(w.range()).is_some_and(is_name_word);
        let mut i = 0;
        while i < words.len() {
            // most words start with a lower-case ASCII letter: no name's
            // first word, told by their first byte without reading them
            let first = words[i].range().start;
            if bytes.get(first).is_some_and(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < words.len()
                && name_word(&words[j])
                && (j == i || one_space_apart(bytes, words[j - 1].range().end, words[j].range().start))
            {
                j += 1;
            }
            if (2..=3).contains(&(j - i)) {
                // the words are one space apart (checked above) and a word
                // has no space in it, so this is the run's words and no more
                let run = words[i].range().start..words[j - 1].range().end;
                let written = Written(text.get(run.clone()).unwrap_or_default());
                each(written, block.source_span(run));
            }
            i = j.max(i + 1);
        }
    }
}

/// Whether one word ends at `end` of `bytes` and the next starts at
/// `start` with one space between.
fn one_space_apart(bytes: &[u8], end: usize, start: usize) -> bool {
    start == end + 1 && bytes.get(end) == Some(&b' ')
}

/// A capital and a lower-case letter after it: a name's word, not an acronym.
fn is_name_word(w: &str) -> bool {
    match w.as_bytes() {
        // most names are ASCII: a byte is a character, and a lower-case
        // ASCII byte a lower-case letter whatever else the word holds
        [first, rest @ ..] if first.is_ascii() => {
            first.is_ascii_uppercase()
                && (rest.iter().any(u8::is_ascii_lowercase)
                    || !rest.is_ascii() && w.chars().any(char::is_lowercase))
        }
        _ => {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{extends, similar, spelling_of, Found, Uses, Written};
    use crate::lexicon::FastHash;
    use crate::span::{CompactSpan, Span};
    use std::hash::BuildHasher;

    #[test]
    fn a_spelling_as_written_is_its_words_less_any_possessive() {
        let hash = |w: Written<'_>| FastHash::default().hash_one(w);
        let (possessive, plain) = (Written("Irena Novak’s"), Written("Irena Novak"));
        assert_eq!(possessive.spelling().words(), ["Irena", "Novak"]);
        assert_eq!(possessive, plain);
        assert_eq!(hash(possessive), hash(plain));
        assert_eq!(Written("Ana's Bar Kent’s").spelling().words(), ["Ana", "Bar", "Kent"]);
        assert_eq!(Written("Ana's Bar Kent’s").spelling().text(), "Ana Bar Kent");
        assert_ne!(Written("Irena Novak"), Written("Irina Novak"));
        assert_ne!(Written("Ana Bar"), Written("Ana Bar Kent"));
    }

    proptest::proptest! {
        /// Split byte by byte, a spelling is the first three pieces of its
        /// text split at each space, "’s" left off each; two texts are the
        /// same spelling when their pieces are, and hash alike then.
        #[test]
        fn a_spelling_is_its_text_split_at_spaces(a in "[Aa’'s é]{0,14}", b in "[Aa’'s é]{0,14}") {
            let pieces = |t: &str| -> Vec<String> {
                let strip = |w: &str| w.strip_suffix("’s").or_else(|| w.strip_suffix("'s")).unwrap_or(w).to_string();
                t.split(' ').take(3).map(strip).collect()
            };
            let spelling = Written(&a).spelling();
            proptest::prop_assert_eq!(spelling.words(), pieces(&a));
            proptest::prop_assert_eq!(Written(&a) == Written(&b), pieces(&a) == pieces(&b));
            let hash = |w: Written<'_>| FastHash::default().hash_one(w);
            if pieces(&a) == pieces(&b) {
                proptest::prop_assert_eq!(hash(Written(&a)), hash(Written(&b)));
            }
        }
    }

    #[test]
    fn a_speaker_first_named_with_a_possessive_is_still_compared() {
        // the speaker's spelling is first met as "Hong Minh’s", in a list
        let text =
            "- Hong Minh’s shop is open.\n\n“We sell rice,” said Hong Minh.\n\nHong Mink said sales rose.\n";
        let (got, _) = found(text);
        let messages: Vec<&str> = got.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages, ["“Hong Mink” is spelled “Hong Minh” elsewhere"]);
        assert_eq!(got[0].labels[0].span.start, text.find("Hong Minh’s").unwrap());
    }

    #[test]
    fn a_speaker_is_found_where_its_spelling_is_first_met_however_the_name_is_spaced() {
        // the second name is two words with two spaces between: not its spelling as written
        let names = ["Irena Novak", "Ana  Berlin", "Hong Minh"];
        let mut found = Found::of(&names);
        assert_eq!((found.written.len(), found.other.len()), (2, 1));
        found.met(Written("Ana Berlin’s"), 4);
        found.met(Written("Irena Novak"), 7);
        let first = |name: &'static str| found.first(name, &spelling_of(name).expect("two words"));
        assert_eq!([first(names[0]), first(names[1]), first(names[2])], [Some(7), Some(4), None]);
    }

    /// A made-up word, the same for the same `k` (below 10,000), capitalised.
    fn made_up(k: usize) -> String {
        const SYLLABLES: [&str; 10] = ["ber", "lin", "ko", "sa", "ta", "mo", "ri", "vel", "dan", "gor"];
        let w: String = [k / 1000 % 10, k / 100 % 10, k / 10 % 10, k % 10].map(|i| SYLLABLES[i]).concat();
        w[..1].to_ascii_uppercase() + &w[1..]
    }

    /// The rule's findings on `draft` and the most bytes it held at once.
    fn checked_and_held(draft: String) -> (crate::findings::Findings, u64) {
        use crate::rules::Rule;
        let a = crate::analyze(crate::source::SourceFile::new("d.md", draft));
        let mut out = crate::findings::Findings::default();
        let settings = crate::settings::Settings::default();
        let ((), held) =
            crate::budget::peak_held(|| super::InconsistentNameSpelling.check(&a, &settings, &mut out));
        (out, held)
    }

    #[test]
    fn a_draft_quoting_thousands_of_people_is_read_in_a_few_bytes_a_name() {
        // no two people share a first name or a surname: nothing to report
        let draft: String =
            (0..8_000).map(|k| format!("“The ferry runs,” said {}a {}ov.\n\n", made_up(k), made_up(k))).collect();
        let (out, held) = checked_and_held(draft);
        assert!(out.is_empty());
        // counted by this thread's allocator: 324 bytes a person while each
        // speaker's spelling was held as its words, 185 as the name itself
        let per_name = held / 8_000;
        assert!(per_name < 250, "{held} bytes held at the peak for 8,000 names ({per_name} a name)");
    }

    #[test]
    fn a_draft_of_thousands_of_misspelt_speakers_is_reported_in_a_few_bytes_a_name() {
        // each speaker is named again with the surname one letter off: a finding each
        let draft: String = (0..4_000)
            .map(|k| format!("“The ferry runs,” said {0}a {0}ov.\n\n{0}a {0}ev left.\n\n", made_up(k)))
            .collect();
        let (out, held) = checked_and_held(draft);
        assert_eq!(out.len(), 4_000);
        // counted by this thread's allocator, findings included: 303 bytes
        // a speaker while its spelling's words and first use took 64 bytes
        // and a use 24 (its spelling's index and its span), 278 since
        let per_name = held / 4_000;
        assert!(per_name < 290, "{held} bytes held at the peak for 4,000 speakers ({per_name} a speaker)");
    }

    #[test]
    fn uses_are_grouped_by_spelling_in_the_order_found() {
        let at = |n: usize| Span::new(n, n + 1);
        let uses =
            Uses::new(3, &[1, 0, 1, 2, 1], &[at(10), at(20), at(30), at(40), at(50)].map(CompactSpan::from));
        let of = |i: usize| uses.of(i).iter().map(|s| s.get()).collect::<Vec<_>>();
        assert_eq!(of(0), [at(20)]);
        assert_eq!(of(1), [at(10), at(30), at(50)]);
        assert_eq!(of(2), [at(40)]);
        assert_eq!((uses.first(1), uses.first(2)), (at(10), at(40)));
    }

    fn v(s: &str) -> Vec<&str> {
        s.split_whitespace().collect()
    }

    #[test]
    fn near_spellings() {
        assert!(similar(&v("Hong Min"), &v("Hong Minh")));
        assert!(similar(&v("Irena Novak"), &v("Irina Novak")));
        assert!(!similar(&v("Kim Jong Un"), &v("Kim Jong Il")));
        assert!(!similar(&v("Jane Smith"), &v("John Smith")));
        assert!(!similar(&v("Hong Min"), &v("Hong Kong")));
    }

    #[test]
    fn a_spelling_that_only_adds_letters_is_not_respelt() {
        assert!(extends("Asia", "Asian"));
        assert!(extends("Democratic", "Democrat"));
        assert!(!extends("Irena", "Irina"));
        assert!(!extends("Novak", "Novak"));
    }

    /// The rule's findings on `text` unpacked, and how many were kept as numbers.
    fn found(text: &str) -> (Vec<crate::diagnostic::Diagnostic>, usize) {
        use crate::rules::Rule;
        let a = crate::analyze(crate::source::SourceFile::new("d.md", text));
        let mut found = crate::findings::Findings::default();
        super::InconsistentNameSpelling.check(&a, &crate::settings::Settings::default(), &mut found);
        let rebuilt = found.rebuilt();
        (found.into_vec(&a.file.text), rebuilt)
    }

    /// Words passed over by their first byte (lower-case ASCII) are no
    /// name's first word; a name whose first letter is not ASCII is read.
    #[test]
    fn names_are_found_whatever_their_first_letter_and_the_words_around_them() {
        let runs = |text: &str| {
            let a = crate::analyze(crate::source::SourceFile::new("d.md", text));
            let mut got = Vec::new();
            super::names_in_prose(&a, |written, _| got.push(written.0.to_string()));
            got
        };
        let text = "the Élise Durand plan, and van Irena Novak’s farm; Ana Bar Kent, x Öz Ünal y.\n";
        assert_eq!(runs(text), ["Élise Durand", "Irena Novak’s", "Ana Bar Kent", "Öz Ünal"]);
        assert!(runs("all lower case words here\n").is_empty());
    }

    /// A name's word read by its bytes is one read by its characters.
    #[test]
    fn name_words_are_told_by_their_bytes_as_by_their_characters() {
        let by_chars = |w: &str| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
        };
        let words = [
            "Novak", "NATO", "ZÉé", "ZÖË", "Zoë", "Élise", "ÉLISE", "élise", "A", "Ab", "aB", "O’Neil", "X’É", "",
            "3M",
        ];
        let told: Vec<bool> = words.iter().map(|w| super::is_name_word(w)).collect();
        assert_eq!(told, words.map(by_chars));
        assert_eq!(told.iter().filter(|&&t| t).count(), 6);
    }

    #[test]
    fn a_finding_kept_as_numbers_reads_back_with_its_names_and_fix() {
        // the earlier spelling's first use has "’s" after it
        let text = "Irena Novak’s farm is near.\n\n“It was late,” said Irena Novak.\n\nIrina Novak said prices doubled.\n";
        let (got, rebuilt) = found(text);
        assert_eq!((got.len(), rebuilt), (1, 1));
        let d = &got[0];
        assert_eq!(d.message, "“Irina Novak” is spelled “Irena Novak” elsewhere");
        let late = text.find("Irina").unwrap();
        assert_eq!((d.span.start, d.span.end), (late, late + "Irina Novak".len()));
        assert_eq!(d.labels[0].span.start, text.find("Irena").unwrap());
        let fix = d.fix.as_deref().expect("a respelling");
        assert_eq!(fix.message, "Spell the name “Irena Novak” throughout");
        let edits: Vec<(usize, usize, &str)> =
            fix.edits.iter().map(|e| (e.span.start, e.span.end, e.replacement.as_str())).collect();
        assert_eq!(edits, [(late, late + 5, "Irena")]);
    }

    #[test]
    fn a_name_its_source_does_not_spell_as_its_words_is_kept_whole() {
        // the source has the emphasis marks the words leave out
        let text = "“It was late,” said Irena Novak.\n\nIrena Novak’s farm is near.\n\n*Irina* Novak said prices doubled.\n";
        let (got, rebuilt) = found(text);
        assert_eq!((got.len(), rebuilt), (1, 0));
        assert_eq!(got[0].message, "“Irina Novak” is spelled “Irena Novak” elsewhere");
        assert_eq!(
            got[0].fix.as_deref().map(|f| f.message.as_str()),
            Some("Spell the name “Irena Novak” throughout")
        );
    }
}
