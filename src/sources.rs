//! Who speaks in a draft: the people and organisations quoted, how often,
//! through which channels, and where the story first introduces them.

use crate::analysis::Analysis;
use crate::attribution::{ChannelKind, Speaker, SpeakerKind};
use crate::lexicon::Lexicon;
use crate::span::Span;
use serde::Serialize;

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

/// The sources of one analysed draft, in order of first mention.
pub fn sources(a: &Analysis) -> Vec<Source> {
    let mut out: Vec<Source> = Vec::new();
    for (q, attr) in a.scan.quotes.iter().zip(&a.attributions) {
        let Some(speaker) = attr.speaker.as_ref().filter(|_| q.kind.is_speech() && q.depth == 0) else { continue };
        let key = source_key(speaker);
        let index = match out.iter().position(|s| s.name == key) {
            Some(i) => i,
            None => {
                out.push(new_source(a, speaker, key));
                out.len() - 1
            }
        };
        let source = &mut out[index];
        source.quotes += 1;
        source.words += word_count(&q.text);
        if let Some(ch) = &attr.channel {
            let used = ChannelUse { kind: ch.kind, outlet: ch.outlet.clone() };
            if !source.channels.contains(&used) {
                source.channels.push(used);
            }
        }
    }
    out.sort_by_key(|s| s.first_mention.span.start);
    out
}

/// The name a speaker is counted under: who the mention resolves to, else
/// the mention itself ("a senior official").
pub fn source_key(speaker: &Speaker) -> String {
    speaker.name.clone().unwrap_or_else(|| speaker.mention.clone())
}

/// Words as a reader counts them: runs of text holding a letter or digit.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

fn new_source(a: &Analysis, speaker: &Speaker, name: String) -> Source {
    // a pronoun or an epithet stands for someone named elsewhere: report the person
    let kind = match (speaker.kind, &speaker.name) {
        (SpeakerKind::Pronoun | SpeakerKind::Role, Some(_)) => kind_of_name(a, &name),
        (kind, _) => kind,
    };
    let span = first_mention(a, &name).unwrap_or(speaker.span);
    let text = introduction(a, span);
    let at = a.file.lines.line_col(&a.file.text, span.start);
    Source {
        name,
        kind,
        quotes: 0,
        words: 0,
        channels: Vec::new(),
        first_mention: FirstMention { text, span, line: at.line, column: at.column },
    }
}

/// Organisations were named as such, or carry an organisation word or an
/// acronym in their name; everyone else is a person.
fn kind_of_name(a: &Analysis, name: &str) -> SpeakerKind {
    let lex = Lexicon::builtin();
    let named_org = a
        .attributions
        .iter()
        .filter_map(|at| at.speaker.as_ref())
        .any(|s| s.name.as_deref() == Some(name) && s.kind == SpeakerKind::Organization);
    let org_word = name
        .split_whitespace()
        .any(|w| lex.is_org_head(w) || (w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase())));
    if named_org || org_word {
        SpeakerKind::Organization
    } else {
        SpeakerKind::Person
    }
}

/// The first place in the prose that names `name` (whole words).
fn first_mention(a: &Analysis, name: &str) -> Option<Span> {
    a.doc.blocks.iter().find_map(|b| {
        let at = find_word(&b.text, name)?;
        Some(b.source_span(at..at + name.len()))
    })
}

fn find_word(text: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text.get(from..).and_then(|t| t.find(word)).map(|i| i + from) {
        let before = text.get(..i).and_then(|t| t.chars().next_back());
        let after = text.get(i + word.len()..).and_then(|t| t.chars().next());
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return Some(i);
        }
        from = i + word.len().max(1);
    }
    None
}

/// Words that open an appositive ("Soo Kim, a former analyst …").
const APPOSITIVE_STARTS: &[&str] =
    &["a", "an", "the", "one", "his", "her", "its", "their", "who", "whose", "former", "then"];

/// The name with the appositive that introduces it, up to the clause's end:
/// "Soo Kim, a former analyst at the CIA,".
fn introduction(a: &Analysis, span: Span) -> String {
    let text = &a.file.text;
    let rest = text.get(span.start..).unwrap_or_default();
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
    intro.chars().take(120).collect::<String>().trim().to_string()
}
