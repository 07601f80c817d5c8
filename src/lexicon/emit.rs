//! Writes an [`Index`] out as Rust statics (build.rs runs it on the
//! built-in rule files), so that the binary starts with its word lists
//! already parsed, expanded and sorted: `frozen` turns the statics back into
//! an `Index`. Only build.rs compiles this file.

use super::index::{Index, OutletIndex, PhraseSet, Slot};
use super::matcher::WordMatcher;
use super::VerbClass;
use std::fmt::Write;

/// `static NAME: StaticIndex = ...;` for `index`.
pub fn index_static(name: &str, index: &Index) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "pub(super) static {name}: StaticIndex = StaticIndex {{");
    field(&mut out, "verb_forms", &sorted_pairs(index.verbs.iter().map(|(k, v)| (k.to_string(), v.to_string()))));
    let verbs = index.verb_entries.iter().map(|v| {
        let (class, why) = match &v.class {
            VerbClass::Neutral => (0, ""),
            VerbClass::Loaded { why } => (1, why.as_str()),
            VerbClass::NonSpeech => (2, ""),
            VerbClass::Mental => (3, ""),
        };
        let particle = v.particle.as_ref().map_or("None".to_string(), |p| format!("Some({p:?})"));
        format!("({:?}, VerbForm::{:?}, {class}, {why:?}, {particle})", v.lemma, v.form)
    });
    field(&mut out, "verbs", &list(verbs));
    let titles = index.titles.iter().map(|(k, c)| (k.clone(), c.needs_capital.to_string()));
    field(&mut out, "titles", &sorted_pairs(titles));
    let abbreviations = index
        .abbreviations
        .iter()
        .map(|(k, c)| (k.clone(), format!("{}, AbbrevKind::{:?}", c.needs_capital, c.value)));
    field(&mut out, "abbreviations", &sorted_pairs(abbreviations));
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
        let mut words: Vec<&String> = set.iter().collect();
        words.sort();
        field(&mut out, name, &list(words.iter().map(|w| format!("{w:?}"))));
    }
    field(&mut out, "gloss", &sorted_pairs(index.gloss.iter().map(|(k, v)| (k.clone(), v.to_string()))));
    field(&mut out, "gloss_words", &list(index.gloss_words.iter().map(|w| format!("{w:?}"))));
    outlets(&mut out, &index.outlets);
    let sets = [&index.anonymous, &index.justification, &index.vague_speakers, &index.weasel, &index.channels];
    let _ = writeln!(out, "phrases: [");
    for set in sets {
        phrase_set(&mut out, set);
    }
    let _ = writeln!(out, "],\n}};");
    out
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

/// A map's entries as tuples, in key order (so the output is the same on every build).
fn sorted_pairs(pairs: impl Iterator<Item = (String, String)>) -> String {
    let mut pairs: Vec<(String, String)> = pairs.collect();
    pairs.sort();
    list(pairs.into_iter().map(|(k, v)| format!("({k:?}, {v})")))
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

fn outlets(out: &mut String, index: &OutletIndex) {
    let _ = write!(out, "outlet_matcher: ");
    matcher(out, &index.matcher);
    let targets = index.targets.iter().map(|(o, slot)| format!("({o}, {slot})"));
    field(out, "outlet_targets", &list(targets));
    let strs = |v: &[String]| list(v.iter().map(|s| format!("{s:?}")));
    let rows = index
        .outlets
        .iter()
        .map(|o| format!("({:?}, {}, {}, {})", o.name, strs(&o.aliases), strs(&o.slot_only), o.state));
    field(out, "outlets", &list(rows));
}

fn matcher(out: &mut String, m: &WordMatcher) {
    let _ = writeln!(out, "StaticMatcher {{");
    field(out, "bytes", &bytes(&m.bytes));
    let patterns = m.sorted.iter().map(|p| format!("p({}, {}, {}, {}, {})", p.key, p.start, p.len, p.word, p.id));
    field(out, "sorted", &list(patterns));
    let mut groups: Vec<_> = m.groups.iter().collect();
    groups.sort_by(|a, b| a.0.cmp(b.0));
    let groups = groups.into_iter().map(|(w, r)| format!("({}, {}, {})", bytes(w), r.start, r.end));
    field(out, "groups", &list(groups));
    field(out, "loose", &format!("({}, {})", m.loose.start, m.loose.end));
    field(out, "longest_word", &m.longest_word.to_string());
    field(out, "longest", &m.longest.to_string());
    field(out, "filter", &format!("[{}]", m.filter.map(|w| w.to_string()).join(",")));
    field(out, "fold", &m.fold.to_string());
    let _ = writeln!(out, "}},");
}

fn phrase_set(out: &mut String, set: &PhraseSet) {
    let _ = write!(out, "StaticPhraseSet {{ matcher: ");
    matcher(out, &set.matcher);
    let targets = set.targets.iter().map(|(entry, slot)| {
        let slot = match slot {
            Slot::Plain => "Slot::Plain".to_string(),
            Slot::After { suffix, gap } => {
                format!("Slot::After {{ suffix: Cow::Borrowed({suffix:?}), gap: {gap} }}")
            }
            Slot::Before { gap } => format!("Slot::Before {{ gap: {gap} }}"),
        };
        format!("({entry}, {slot})")
    });
    field(out, "targets", &list(targets));
    field(out, "offsets", &list(set.offsets.iter().map(usize::to_string)));
    let entries = set.entries.iter().map(|e| {
        let channel = e.channel.map_or("None".to_string(), |c| format!("Some(ChannelKind::{c:?})"));
        format!("({:?}, {channel}, {})", e.template, e.boilerplate)
    });
    field(out, "entries", &list(entries));
    let _ = writeln!(out, "}},");
}
