//! Writes an [`Index`] out as Rust statics (build.rs runs it on the
//! built-in rule files), so that the binary starts with its word lists
//! already parsed, expanded and sorted: `frozen` turns the statics back into
//! an `Index`. Only build.rs compiles this file.
//!
//! The statics hold no pointers but one per table and four per word map:
//! each word is an offset and length in one text both languages share
//! ([`Text`]; a [`super::Str::Frozen`] in the speech verbs and phrase
//! entries, which are used in place), each nested
//! list a range of a flat one, each set or map of words a [`WordMap`]'s
//! parts. The binary is position-independent, so every pointer in a static is
//! a relocation the loader writes, and the page it sits in is copied, at
//! every start: ~11,500 of them here cost a `check` about a millisecond.

use super::index::{Index, OutletIndex, PhraseSet, Slot};
use super::matcher::WordMatcher;
use super::word_map::{WordMap, K};
use super::word_table::{Facts, WordTable};
use super::words::Cased;
use super::{AbbrevKind, SpeechVerb, VerbClass};
use std::collections::HashMap;
use std::fmt::Write;

/// The strings of the indexes back to back, each written once.
#[derive(Default)]
pub struct Text {
    text: String,
    at: HashMap<String, usize>,
}

impl Text {
    /// `S(start, len)`: where `word` is in the text.
    fn s(&mut self, word: &str) -> String {
        let text = &mut self.text;
        let start = *self.at.entry(word.to_string()).or_insert_with(|| {
            text.push_str(word);
            text.len() - word.len()
        });
        assert!(u32::try_from(start + word.len()).is_ok(), "the word lists are too long to freeze");
        format!("S({start},{})", word.len())
    }

    /// `Str::Frozen(start, len)`: `word` as a [`super::Str`] of the text.
    fn frozen(&mut self, word: &str) -> String {
        format!("Str::Frozen{}", self.s(word).trim_start_matches('S'))
    }

    /// `static TEXT: &str = ...;`: every string the indexes hold.
    pub fn text_static(&self) -> String {
        format!("pub(super) static TEXT: &str = {:?};\n", self.text)
    }
}

/// `static NAME: StaticIndex = ...;` for `index`.
pub fn index_static(name: &str, index: &Index, t: &mut Text) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "pub(super) static {name}: StaticIndex = StaticIndex {{");
    field(&mut out, "verb_forms", &word_map(&index.verbs, u32::to_string));
    let verbs: Vec<String> = index.verb_entries.iter().map(|v| speech_verb(t, v)).collect();
    field(&mut out, "verbs", &list(verbs.into_iter()));
    field(&mut out, "titles", &word_map(&index.titles, |c| format!("c((), {})", c.needs_capital)));
    let abbreviation = |c: &Cased<AbbrevKind>| format!("c(AbbrevKind::{:?}, {})", c.value, c.needs_capital);
    field(&mut out, "abbreviations", &word_map(&index.abbreviations, abbreviation));
    for (name, set) in [
        ("roles", &index.roles),
        ("org_heads", &index.org_heads),
        ("generic_orgs", &index.generic_orgs),
        ("bystanders", &index.bystanders),
        ("documents", &index.documents),
        ("elisions", &index.elisions),
        ("unsplit", &index.unsplit),
        ("inverted", &index.inverted),
    ] {
        field(&mut out, name, &word_map(set, |()| "()".to_string()));
    }
    field(&mut out, "gloss", &word_map(&index.gloss, u8::to_string));
    let gloss_words: Vec<String> = index.gloss_words.iter().map(|w| t.s(w)).collect();
    field(&mut out, "gloss_words", &list(gloss_words.into_iter()));
    outlets(&mut out, t, &index.outlets);
    let sets = [&index.anonymous, &index.justification, &index.vague_speakers, &index.weasel, &index.channels];
    let _ = writeln!(out, "phrases: [");
    for set in sets {
        phrase_set(&mut out, t, set);
    }
    let _ = writeln!(out, "],");
    let _ = writeln!(out, "}};");
    out
}

/// A [`SpeechVerb`] literal, its strings in `t`.
fn speech_verb(t: &mut Text, v: &SpeechVerb) -> String {
    let class = match &v.class {
        VerbClass::Neutral => "VerbClass::Neutral".to_string(),
        VerbClass::Loaded { why } => format!("VerbClass::Loaded {{ why: {} }}", t.frozen(why)),
        VerbClass::NonSpeech => "VerbClass::NonSpeech".to_string(),
        VerbClass::Mental => "VerbClass::Mental".to_string(),
    };
    let particle = v.particle.as_ref().map_or("None".to_string(), |p| format!("Some({})", t.frozen(p)));
    let lemma = t.frozen(&v.lemma);
    format!("SpeechVerb {{ lemma: {lemma}, form: VerbForm::{:?}, class: {class}, particle: {particle} }}", v.form)
}

/// `static NAME_WORDS: WordMap<Facts> = ...;`: `table`'s map.
pub fn word_table_static(name: &str, table: &WordTable) -> String {
    let facts = word_map(&table.0, |Facts(verb, title, role, head, generic)| {
        format!("Facts({verb},{title},{role},{head},{generic})")
    });
    format!("pub(super) static {name}_WORDS: WordMap<Facts> = {facts};\n")
}

/// `WordMap::frozen(...)`: the parts of `map`, each value written by `value`.
pub fn word_map<V: Clone>(map: &WordMap<V>, value: impl Fn(&V) -> String) -> String {
    let (keys, entries, tags, slots) = map.parts();
    let entries = entries.iter().map(|K(start, end, v)| format!("K({start},{end},{})", value(v)));
    format!(
        "WordMap::frozen({}, {}, {}, {})",
        bytes(keys),
        list(entries),
        bytes(tags),
        list(slots.iter().map(u32::to_string))
    )
}

fn field(out: &mut String, name: &str, value: &str) {
    let _ = writeln!(out, "{name}: {value},");
}

fn list(items: impl Iterator<Item = String>) -> String {
    let mut out = String::from("&[");
    for item in items {
        let _ = write!(out, "{item},");
    }
    out.push(']');
    out
}

fn bytes(b: &[u8]) -> String {
    let mut out = String::from("b\"");
    for &c in b {
        match c {
            b' '..=b'~' if c != b'"' && c != b'\\' => out.push(char::from(c)),
            _ => {
                let _ = write!(out, "\\x{c:02x}");
            }
        }
    }
    out.push('"');
    out
}

fn outlets(out: &mut String, t: &mut Text, index: &OutletIndex) {
    let _ = write!(out, "outlet_matcher: ");
    matcher(out, &index.matcher);
    let targets = index.targets.iter().map(|(o, slot)| format!("({o}, {slot})"));
    field(out, "outlet_targets", &list(targets));
    // Aliases and slot-only spellings, all outlets' in one list: an outlet
    // holds the ends of its two runs.
    let mut spellings = Vec::new();
    let mut rows = Vec::new();
    for o in index.outlets.all() {
        let start = spellings.len();
        spellings.extend(o.aliases.iter().map(|s| t.s(s)));
        let aliases_end = spellings.len();
        spellings.extend(o.slot_only.iter().map(|s| t.s(s)));
        rows.push(format!("({}, {start}, {aliases_end}, {}, {})", t.s(&o.name), spellings.len(), o.state));
    }
    field(out, "outlets", &list(rows.into_iter()));
    field(out, "outlet_spellings", &list(spellings.into_iter()));
}

fn matcher(out: &mut String, m: &WordMatcher) {
    let _ = writeln!(out, "StaticMatcher {{");
    field(out, "bytes", &bytes(&m.bytes));
    let patterns = m.sorted.iter().map(|p| format!("p({}, {}, {}, {}, {})", p.key, p.start, p.len, p.word, p.id));
    field(out, "sorted", &list(patterns));
    field(out, "groups", &word_map(&m.groups, |r| format!("{}..{}", r.start, r.end)));
    field(out, "loose", &format!("({}, {})", m.loose.start, m.loose.end));
    field(out, "longest_word", &m.longest_word.to_string());
    field(out, "longest", &m.longest.to_string());
    field(out, "filter", &format!("[{}]", m.filter.map(|w| w.to_string()).join(",")));
    field(out, "fold", &m.fold.to_string());
    field(out, "lettered", &m.lettered.to_string());
    field(out, "parents", &list(m.parents.iter().map(u32::to_string)));
    let _ = writeln!(out, "}},");
}

fn phrase_set(out: &mut String, t: &mut Text, set: &PhraseSet) {
    let _ = write!(out, "StaticPhraseSet {{ matcher: ");
    matcher(out, &set.matcher);
    let targets = set.targets.iter().map(|(entry, slot)| {
        let slot = match slot {
            Slot::Plain => "Slot::Plain".to_string(),
            Slot::After { suffix, gap } => format!("Slot::After {{ suffix: {suffix}, gap: {gap} }}"),
            Slot::Before { gap } => format!("Slot::Before {{ gap: {gap} }}"),
        };
        format!("({entry}, {slot})")
    });
    field(out, "targets", &list(targets));
    field(out, "offsets", &list(set.offsets.iter().map(usize::to_string)));
    let suffixes: Vec<String> = set.suffixes.iter().map(|s| t.s(s)).collect();
    field(out, "suffixes", &list(suffixes.into_iter()));
    let entries: Vec<String> = set
        .entries
        .iter()
        .map(|e| {
            let channel = e.channel.map_or("None".to_string(), |c| format!("Some(ChannelKind::{c:?})"));
            let template = t.frozen(&e.template);
            format!("PhraseEntry {{ template: {template}, channel: {channel}, boilerplate: {} }}", e.boilerplate)
        })
        .collect();
    field(out, "entries", &list(entries.into_iter()));
    field(out, "outlet_first", &set.outlet_first.to_string());
    let _ = writeln!(out, "}},");
}
