//! Who speaks in a draft: the people and organisations quoted, how often,
//! through which channels, and where the story first introduces them.

use crate::analysis::Analysis;
use crate::attribution::{ChannelKind, Shared, Speaker, SpeakerKind};
use crate::lexicon::Lexicon;
use crate::markdown::ProseBlock;
use crate::span::Span;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// One source of quotations in a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// The resolved name, or the mention itself for an unnamed role.
    pub name: String,
    pub kind: SpeakerKind,
    pub quotes: usize,
    /// Words quoted from this source, over all its quotes.
    pub words: usize,
    pub channels: Vec<ChannelUse>,
    /// Where the story first names this source, with its introduction
    /// ("Soo Kim, a former analyst at the CIA").
    pub first_mention: FirstMention,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChannelUse {
    pub kind: ChannelKind,
    pub outlet: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FirstMention {
    pub text: String,
    pub span: Span,
    pub line: usize,
    pub column: usize,
}

/// The sources of one analysed draft, in order of first mention. Linear in
/// the draft: sources are found by name in a map, organisations are known
/// from one pass over the attributions, and every source's first mention
/// is found in one pass over the prose.
pub fn sources(a: &Analysis) -> Vec<Source> {
    let mut out: Vec<Source> = Vec::new();
    let mut speakers: Vec<&Speaker> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (q, attr) in a.scan.quotes.iter().zip(&a.attributions) {
        let Some(speaker) = attr.speaker.as_ref().filter(|_| q.kind.is_speech() && q.depth == 0) else { continue };
        let key = source_key(speaker);
        // the key is copied only for a source not seen before
        let at = match index.get(&key) {
            Some(&at) => at,
            None => {
                speakers.push(speaker);
                index.insert(key.clone(), out.len());
                out.push(Source {
                    name: key,
                    kind: speaker.kind,
                    quotes: 0,
                    words: 0,
                    channels: Vec::new(),
                    first_mention: FirstMention { text: String::new(), span: speaker.span(), line: 0, column: 0 },
                });
                out.len() - 1
            }
        };
        let source = &mut out[at];
        source.quotes += 1;
        source.words += word_count(&q.text(&a.doc));
        if let Some(ch) = &attr.channel {
            let used = ChannelUse { kind: ch.kind, outlet: ch.outlet.as_deref().map(str::to_string) };
            if !source.channels.contains(&used) {
                source.channels.push(used);
            }
        }
    }
    let organisations = organisation_names(a);
    let names: Vec<&str> = out.iter().map(|s| s.name.as_str()).collect();
    let firsts = first_mentions(a, &names);
    for ((source, speaker), first) in out.iter_mut().zip(speakers).zip(firsts) {
        introduce(a, source, speaker, first, &organisations);
    }
    out.sort_by_key(|s| s.first_mention.span.start);
    out
}

/// The name a speaker is counted under: who the mention resolves to, else
/// the mention itself ("a senior official").
pub fn source_key(speaker: &Speaker) -> String {
    source_name(speaker).to_string()
}

/// The name a source is known by: the resolved name, else the mention.
pub fn source_name(speaker: &Speaker) -> &Shared {
    speaker.name.as_ref().unwrap_or(&speaker.mention)
}

/// Words as a reader counts them: runs of text holding a letter or digit.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

/// Fills in what a source is and where the story introduces it.
fn introduce(
    a: &Analysis,
    source: &mut Source,
    speaker: &Speaker,
    first: Option<Span>,
    organisations: &HashSet<&str>,
) {
    // a pronoun or an epithet stands for someone named elsewhere: report the person
    if matches!(speaker.kind, SpeakerKind::Pronoun | SpeakerKind::Role) && speaker.name.is_some() {
        source.kind = kind_of_name(&source.name, organisations);
    }
    let span = first.unwrap_or(speaker.span());
    let at = a.file.lines.line_col(&a.file.text, span.start);
    let text = introduction(a, span);
    source.first_mention = FirstMention { text, span, line: at.line, column: at.column };
}

/// The names some attribution calls an organisation.
fn organisation_names(a: &Analysis) -> HashSet<&str> {
    a.attributions
        .iter()
        .filter_map(|at| at.speaker.as_ref())
        .filter(|s| s.kind == SpeakerKind::Organization)
        .filter_map(|s| s.name.as_deref())
        .collect()
}

/// Organisations were named as such, or carry an organisation word or an
/// acronym in their name; everyone else is a person.
fn kind_of_name(name: &str, organisations: &HashSet<&str>) -> SpeakerKind {
    let lex = Lexicon::builtin();
    let org_word = name
        .split_whitespace()
        .any(|w| lex.is_org_head(w) || (w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase())));
    if organisations.contains(name) || org_word {
        SpeakerKind::Organization
    } else {
        SpeakerKind::Person
    }
}

/// The first place in the prose that names each of `names` (whole words),
/// in one pass: at each word the prose starts, only the lengths of the names
/// beginning with that word are tried, each one lookup of the text that long.
/// (Trying every name that begins with the word was quadratic in a draft
/// quoting thousands of people who share a handful of first names.)
fn first_mentions(a: &Analysis, names: &[&str]) -> Vec<Option<Span>> {
    let mut found: Vec<Option<Span>> = vec![None; names.len()];
    // the names still to find, and the lengths of those beginning with each word
    let mut unfound: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut lengths: HashMap<&str, Vec<usize>> = HashMap::new();
    for (id, name) in names.iter().enumerate() {
        match leading_word(name) {
            "" => found[id] = first_mention(a, name),
            word => {
                unfound.entry(name).or_default().push(id);
                let lens = lengths.entry(word).or_default();
                if !lens.contains(&name.len()) {
                    lens.push(name.len());
                }
            }
        }
    }
    for block in &a.doc.blocks {
        if unfound.is_empty() {
            break;
        }
        // names are looked for in the text as read (see `ProseBlock::text_as_read`)
        let (text, kept) = as_read(block);
        for (at, word) in word_starts(&text) {
            let Some(lens) = lengths.get(word) else { continue };
            for &len in lens {
                let Some(name) = text.get(at..at + len) else { continue };
                if !is_whole_word_at(&text, at, name) {
                    continue;
                }
                for id in unfound.remove(name).unwrap_or_default() {
                    found[id] = Some(block.source_span(kept(at)..kept(at + len)));
                }
            }
        }
    }
    found
}

/// The run of letters and digits `text` starts with.
fn leading_word(text: &str) -> &str {
    let end = text.find(|c: char| !c.is_alphanumeric()).unwrap_or(text.len());
    &text[..end]
}

/// Every run of letters and digits in `text`, with where it starts.
fn word_starts(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.char_indices()
        .filter(move |&(i, c)| {
            c.is_alphanumeric() && !text[..i].chars().next_back().is_some_and(char::is_alphanumeric)
        })
        .map(move |(i, _)| (i, leading_word(&text[i..])))
}

/// Whether `text` holds `word` at `at`, not inside a longer word.
fn is_whole_word_at(text: &str, at: usize, word: &str) -> bool {
    let after = text.get(at + word.len()..).and_then(|t| t.chars().next());
    text.get(at..).is_some_and(|t| t.starts_with(word)) && !after.is_some_and(char::is_alphanumeric)
}

/// The first place in the prose that names `name` (whole words).
fn first_mention(a: &Analysis, name: &str) -> Option<Span> {
    a.doc.blocks.iter().find_map(|b| {
        let (text, kept) = as_read(b);
        let at = find_word(&text, name)?;
        Some(b.source_span(kept(at)..kept(at + name.len())))
    })
}

/// A block's text as read (without the spaces of kept line breaks), and
/// where its positions are in the text as kept.
fn as_read(block: &ProseBlock) -> (Cow<'_, str>, impl Fn(usize) -> usize) {
    let read = block.read_positions();
    let text = block.text_as_read(0..block.text.len()).unwrap_or_default();
    (text, move |at: usize| read.as_ref().map_or(at, |r| r.kept_at(at)))
}

fn find_word(text: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text.get(from..).and_then(|t| t.find(word)).map(|i| i + from) {
        let before = text.get(..i).and_then(|t| t.chars().next_back());
        let after = text.get(i + word.len()..).and_then(|t| t.chars().next());
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return Some(i);
        }
        // past the first character only: a match may overlap the one refused ("Roes Roe" in "Roes Roes Roe")
        from = i + word.chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// The longest introduction shown, in characters.
const INTRO_CHARS: usize = 120;

/// Words that open an appositive ("Soo Kim, a former analyst …").
const APPOSITIVE_STARTS: &[&str] =
    &["a", "an", "the", "one", "his", "her", "its", "their", "who", "whose", "former", "then"];

/// The name with the appositive that introduces it, up to the clause's end:
/// "Soo Kim, a former analyst at the CIA,".
fn introduction(a: &Analysis, span: Span) -> String {
    let text = &a.file.text;
    let rest = text.get(span.start..).unwrap_or_default();
    // The introduction shown is at most INTRO_CHARS characters: reading
    // further (to a full stop a draft may never have) would read the rest of
    // the file once per source.
    let mut window = (span.len() + 4 * INTRO_CHARS + 16).min(rest.len());
    while !rest.is_char_boundary(window) {
        window -= 1;
    }
    let rest = &rest[..window];
    // a clause may wrap onto the next source line, but not past a blank one
    let end =
        [rest.find(['.', ';', '“', '"']), rest.find("\n\n")].into_iter().flatten().min().unwrap_or(rest.len());
    let clause = rest.get(..end).unwrap_or_default().replace(['\r', '\n'], " ");
    let clause = clause.as_str();
    let name_len = span.len().min(clause.len());
    let after = clause.get(name_len..).unwrap_or_default();
    // an appositive follows as ", a/an/the …," or ", <role> …,"
    let appositive = after.strip_prefix(", ").filter(|app| {
        let first = app.split_whitespace().next().unwrap_or_default();
        APPOSITIVE_STARTS.contains(&first) || Lexicon::builtin().is_role_noun(first)
    });
    let intro = match appositive {
        Some(app) => {
            let end = app.find(", ").map_or(app.len(), |e| e);
            format!("{}, {}", clause.get(..name_len).unwrap_or_default(), app.get(..end).unwrap_or_default())
        }
        None => clause.get(..name_len).unwrap_or_default().to_string(),
    };
    intro.chars().take(INTRO_CHARS).collect::<String>().trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    #[test]
    fn first_mentions_agree_with_a_search_for_each_name() {
        let text = "Harbourview Marina reopened. Jane Roe-Smith and the mayor spoke.\n\n\
                    “We are back,” said Jane Roe, the harbour master. The mayoral race went on.\n\n\
                    “Not yet,” the mayor said. Janet Roe, her sister, disagreed: “Soon.”\n";
        let a = crate::analyze(SourceFile::new("d.md", text));
        let names = ["Jane Roe", "the mayor", "Janet Roe", "Roe", "mayor", "Nobody Here", "“We"];
        let one_pass = first_mentions(&a, &names);
        for (name, found) in names.iter().zip(&one_pass) {
            assert_eq!(*found, first_mention(&a, name), "{name}");
        }
        // "Jane Roe-Smith" names Jane Roe as whole words; "mayoral" does not name the mayor
        let at = |name: &str| one_pass[names.iter().position(|n| *n == name).unwrap()].map(|s| s.start);
        assert_eq!(at("Jane Roe"), text.find("Jane Roe-Smith"));
        assert_eq!(at("mayor"), text.find("mayor spoke"));
        assert_eq!(at("Nobody Here"), None);
    }

    proptest::proptest! {
        /// Names sharing first words, found in one pass where a search for each finds them.
        #[test]
        fn first_mentions_are_where_each_name_is_first_found(
            words in proptest::collection::vec(
                proptest::sample::select(vec!["Ana", "Roe", "Roes", "Ana-Roe", "mayor", "the", ".", ",", "\n\n"]), 0..60),
            names in proptest::collection::vec(
                proptest::collection::vec(proptest::sample::select(vec!["Ana", "Roe", "Roes", "mayor", "the", "Bo"]), 1..4), 1..12),
        ) {
            let text = words.join(" ");
            let names: Vec<String> = names.iter().map(|n| n.join(" ")).collect();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let a = crate::analyze(SourceFile::new("d.md", text));
            let one_pass = first_mentions(&a, &names);
            for (name, found) in names.iter().zip(&one_pass) {
                proptest::prop_assert_eq!(*found, first_mention(&a, name), "{}", name);
            }
        }
    }

    #[test]
    fn a_source_is_counted_once_with_all_its_quotes() {
        let text = "“We are back,” said Jane Roe, the harbour master.\n\n\
                    “The boats are in,” Roe said. “Come down,” she added.\n";
        let found = sources(&crate::analyze(SourceFile::new("d.md", text)));
        let roe: Vec<_> = found.iter().filter(|s| s.name == "Jane Roe").collect();
        assert_eq!(roe.len(), 1, "{found:?}");
        assert_eq!(roe[0].quotes, 3);
        assert_eq!(roe[0].first_mention.text, "Jane Roe, the harbour master");
    }
}
