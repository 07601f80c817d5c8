//! Quote provenance: every direct, partial and block quote of a draft is
//! looked up in the source material (transcripts, statements, releases,
//! filings, posts) and found verbatim, found with differences, found in the
//! wrong speaker's words, or not found.
//!
//! The source material itself (reading it, its words, its index) is plain
//! data in [`crate::source_index`], below the settings that carry it; here
//! [`align`] aligns a quote with a passage and [`diff`] writes the difference
//! as `git diff --word-diff` does.

pub mod align;
pub mod diff;

pub use crate::source_index::{index, load, normalize, turns};
pub use crate::source_index::{load_globs, load_paths, SourceDoc, SourceMeta, SourceSet, Sources};
pub use diff::WordDiff;

use crate::analysis::Analysis;
use crate::attribution::{Attribution, SpeakerKind};
use crate::markdown::Document;
use crate::quote::{Quote, QuoteKind};
use crate::settings::Settings;
use crate::source::SourceFile;
use crate::span::Span;
use align::{Alignment, Step};
use diff::Event;
use normalize::Item;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Partial quotes of this many words or fewer are too weak to look up.
pub const MIN_PARTIAL_WORDS: usize = 4;
/// Other quotes need at least this many words.
pub const MIN_WORDS: usize = 3;

/// The settings for one draft: `settings` with the `--sources` set and the
/// sources its front matter lists (relative to the draft). Also returns the
/// source errors to report (each once per run, by the caller).
pub fn attach(
    settings: &Arc<Settings>,
    draft: &SourceFile,
    cli: Option<&Arc<SourceSet>>,
) -> (Arc<Settings>, Vec<String>) {
    let mut errors: Vec<String> = settings.sources.sets().iter().flat_map(|s| s.errors.iter().cloned()).collect();
    let listed = load::front_matter_sources(&draft.text);
    if cli.is_none() && listed.is_empty() {
        return (Arc::clone(settings), errors);
    }
    let mut sources = settings.sources.clone();
    if let Some(cli) = cli {
        errors.extend(cli.errors.iter().cloned());
        sources = sources.with(Arc::clone(cli));
    }
    if !listed.is_empty() {
        let set = load_listed(settings, draft, &listed);
        errors.extend(set.errors.iter().cloned());
        sources = sources.with(Arc::new(set));
    }
    let mut own = Settings::clone(settings);
    own.sources = sources;
    (Arc::new(own), errors)
}

/// The sources a draft's front matter lists, relative to the draft. A draft
/// names files for the tool to read and quote back in its findings, so only
/// files inside the project are read: under the config file's directory or
/// its `source-roots` (the draft's own directory without a config), after
/// following symbolic links.
fn load_listed(settings: &Settings, draft: &SourceFile, listed: &[String]) -> SourceSet {
    let base = Path::new(&draft.path).parent().unwrap_or(Path::new(""));
    let roots: Vec<PathBuf> = if settings.source_roots.is_empty() {
        let dir = if base.as_os_str().is_empty() { Path::new(".") } else { base };
        std::fs::canonicalize(dir).into_iter().collect()
    } else {
        settings.source_roots.clone()
    };
    let outside = |path: &Path| {
        format!(
            "{}: `{}` in the front matter's sources is outside the project; not read \
             (a quotelint.toml's `source-roots` can allow more directories)",
            draft.path,
            path.display()
        )
    };
    let paths: Vec<PathBuf> = listed.iter().map(|p| base.join(p)).collect();
    let (paths, refused) = load::inside(paths, &roots);
    let mut errors: Vec<String> = refused.iter().map(|p| outside(p)).collect();
    let (files, expand_errors) = load::expand(&paths);
    errors.extend(expand_errors);
    // a link inside a listed folder may still lead out of the project
    let (files, refused) = load::inside(files, &roots);
    errors.extend(refused.iter().map(|p| outside(p)));
    let (docs, read_errors) = load::read_all(&files);
    errors.extend(read_errors);
    SourceSet::new(docs, errors)
}

/// Where a quote was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// The source file, as its path is shown.
    pub path: String,
    /// Bytes of the source file from the first to the last matched word.
    pub span: Span,
    pub line: usize,
    pub column: usize,
    /// The passage's text, whitespace collapsed.
    pub text: String,
    /// Who speaks there: the transcript turn, or the file's `speaker`.
    pub speaker: Option<String>,
    pub meta: SourceMeta,
}

impl Passage {
    /// `transcripts/hong.txt:12:5`
    pub fn location(&self) -> String {
        format!("{}:{}:{}", self.path, self.line, self.column)
    }
}

/// What the sources say about one quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Found as quoted (ellipses and bracketed insertions allowed for).
    Verbatim(Passage),
    /// Found with differences: the closest passage and the word diff from it to the quote.
    Altered {
        passage: Passage,
        diff: WordDiff,
        reordered: bool,
    },
    NotFound,
}

/// The outcome for one quote, with whether its speaker matches the source's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// Index of the quote in `analysis.scan.quotes`.
    pub quote: usize,
    pub outcome: Outcome,
    /// The draft's speaker and the source's, when they are different people.
    pub misattributed: Option<(String, String)>,
}

impl Verdict {
    pub fn passage(&self) -> Option<&Passage> {
        match &self.outcome {
            Outcome::Verbatim(p) | Outcome::Altered { passage: p, .. } => Some(p),
            Outcome::NotFound => None,
        }
    }
}

/// Whether a quote is looked up at all: outer speech quotes with enough words.
pub fn checkable(quote: &Quote, doc: &Document) -> bool {
    if quote.depth != 0 || !quote.kind.is_speech() {
        return false;
    }
    let words = normalize::word_count(&normalize::quote_items(&quote.text(doc)));
    let least = if quote.kind == QuoteKind::Partial { MIN_PARTIAL_WORDS } else { MIN_WORDS };
    words >= least
}

/// The name the draft gives the quote's speaker, when it names a person.
pub fn draft_speaker(attribution: &Attribution) -> Option<String> {
    let speaker = attribution.speaker.as_ref()?;
    match (&speaker.name, speaker.kind) {
        (Some(name), SpeakerKind::Person | SpeakerKind::Pronoun | SpeakerKind::Role) => Some(name.to_string()),
        (None, SpeakerKind::Person) => Some(speaker.mention.to_string()),
        _ => None,
    }
}

/// Looks up every checkable quote of the draft in `sources`.
pub fn verify(analysis: &Analysis, sources: &Sources) -> Vec<Verdict> {
    if !sources.given() {
        return Vec::new();
    }
    let none = Attribution::default();
    analysis
        .scan
        .quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| checkable(q, &analysis.doc))
        .map(|(i, q)| verify_quote(i, q, &analysis.doc, analysis.attributions.get(i).unwrap_or(&none), sources))
        .collect()
}

struct Best<'a> {
    set: &'a SourceSet,
    doc: usize,
    offset: usize,
    tokens: std::ops::Range<usize>,
    alignment: Alignment,
    mismatch: bool,
}

fn verify_quote(
    index: usize,
    quote: &Quote,
    doc: &Document,
    attribution: &Attribution,
    sources: &Sources,
) -> Verdict {
    crate::budget::tick();
    let items = normalize::quote_items(&quote.text(doc));
    let words = normalize::word_count(&items);
    let said_by = draft_speaker(attribution);
    let mut best: Option<Best> = None;
    'sets: for set in sources.sets() {
        for cand in set.candidates(&items) {
            crate::budget::tick();
            let Some(doc) = set.docs.get(cand.doc) else { continue };
            let Some(window) = doc.tokens.get(cand.tokens.clone()) else { continue };
            let Some(alignment) = align::align(&items, window) else { continue };
            let speaker = doc.speaker_at(cand.tokens.start + alignment.source.start);
            let mismatch = matches!((&said_by, speaker), (Some(a), Some(b)) if !turns::same_person(a, b));
            let better = best.as_ref().is_none_or(|b| {
                (alignment.cost, mismatch, std::cmp::Reverse(alignment.kept))
                    < (b.alignment.cost, b.mismatch, std::cmp::Reverse(b.alignment.kept))
            });
            if better {
                let done = alignment.cost == 0 && !mismatch;
                best = Some(Best {
                    set,
                    doc: cand.doc,
                    offset: cand.tokens.start,
                    tokens: cand.tokens,
                    alignment,
                    mismatch,
                });
                if done {
                    break 'sets;
                }
            }
        }
    }
    let not_found = Verdict { quote: index, outcome: Outcome::NotFound, misattributed: None };
    let Some(best) = best else { return not_found };
    let Some(doc) = best.set.docs.get(best.doc) else { return not_found };
    let al = &best.alignment;
    let close_enough = al.kept >= MIN_WORDS && al.kept * 5 >= words * 3;
    let outcome = if al.cost == 0 {
        Outcome::Verbatim(passage(doc, best.offset + al.source.start..best.offset + al.source.end))
    } else if let Some((range, diff)) = reordering(&items, doc, best.tokens.clone()) {
        Outcome::Altered { passage: passage(doc, range), diff, reordered: true }
    } else if close_enough {
        let diff = steps_diff(&items, doc, best.offset, &al.steps);
        Outcome::Altered {
            passage: passage(doc, best.offset + al.source.start..best.offset + al.source.end),
            diff,
            reordered: false,
        }
    } else {
        Outcome::NotFound
    };
    let misattributed = match (&outcome, best.mismatch, said_by) {
        (Outcome::NotFound, _, _) | (_, false, _) | (_, _, None) => None,
        (Outcome::Verbatim(p) | Outcome::Altered { passage: p, .. }, true, Some(draft)) => {
            p.speaker.clone().map(|source| (draft, source))
        }
    };
    Verdict { quote: index, outcome, misattributed }
}

fn token_text(doc: &SourceDoc, index: usize) -> String {
    doc.tokens.get(index).and_then(|t| doc.file.text.get(t.range())).unwrap_or_default().to_string()
}

fn passage(doc: &SourceDoc, tokens: std::ops::Range<usize>) -> Passage {
    let start = doc.tokens.get(tokens.start).map_or(0, |t| t.start as usize);
    let end =
        tokens.end.checked_sub(1).and_then(|i| doc.tokens.get(i)).map_or(start, |t| t.end as usize).max(start);
    let text = doc.file.text.get(start..end).unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ");
    let at = doc.file.lines.line_col(&doc.file.text, start);
    Passage {
        path: doc.file.path.clone(),
        span: Span::new(start, end),
        line: at.line,
        column: at.column,
        text,
        speaker: doc.speaker_at(tokens.start).map(str::to_string),
        meta: doc.meta.clone(),
    }
}

/// The diff from the source passage to the quote, from an alignment.
fn steps_diff(items: &[Item], doc: &SourceDoc, offset: usize, steps: &[Step]) -> WordDiff {
    let quoted = |q: usize| match items.get(q) {
        Some(Item::Word { text, .. }) => text.clone(),
        Some(Item::Gap) => "…".to_string(),
        Some(Item::Bracket(b)) => format!("[{b}]"),
        None => String::new(),
    };
    WordDiff::from_events(steps.iter().flat_map(|step| match step {
        Step::Keep { q, .. } | Step::Cover { q, .. } => vec![Event::Same(quoted(*q))],
        Step::Change { q, s } => vec![Event::Removed(token_text(doc, offset + s)), Event::Added(quoted(*q))],
        Step::Add { q } => vec![Event::Added(quoted(*q))],
        Step::Drop { s } => vec![Event::Removed(token_text(doc, offset + s))],
    }))
}

/// Whether the quote's sentences are each in the window word for word but
/// in another order; if so, the passage they span and the diff from it.
fn reordering(
    items: &[Item],
    doc: &SourceDoc,
    window: std::ops::Range<usize>,
) -> Option<(std::ops::Range<usize>, WordDiff)> {
    let mut sentences: Vec<&[Item]> = Vec::new();
    let mut start = 0;
    for (i, item) in items.iter().enumerate() {
        if matches!(item, Item::Word { sentence_start: true, .. }) && i > start {
            sentences.push(items.get(start..i)?);
            start = i;
        }
    }
    sentences.push(items.get(start..)?);
    if sentences.len() < 2 {
        return None;
    }
    let tokens = doc.tokens.get(window.clone())?;
    let mut found = Vec::new();
    for sentence in &sentences {
        let al = align::align(sentence, tokens)?;
        if al.cost != 0 || normalize::word_count(sentence) == 0 {
            return None;
        }
        found.push(al.source);
    }
    if found.windows(2).all(|w| matches!(w, [a, b] if a.end <= b.start)) {
        return None;
    }
    let lo = found.iter().map(|r| r.start).min()?;
    let hi = found.iter().map(|r| r.end).max()?;
    let range = window.start + lo..window.start + hi;
    // Each sentence is verbatim, so the diff moves whole sentences: compare
    // them as units, in source order against quote order.
    let text = |sentence: &[Item]| {
        sentence
            .iter()
            .filter_map(|i| match i {
                Item::Word { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut source_order: Vec<usize> = (0..sentences.len()).collect();
    source_order.sort_by_key(|&k| found.get(k).map_or(0, |r| r.start));
    let quote_order: Vec<usize> = (0..sentences.len()).collect();
    let sentence = |k: usize| sentences.get(k).map(|s| text(s)).unwrap_or_default();
    let diff =
        WordDiff::from_events(diff::lcs(&source_order, &quote_order, |a, b| a == b).into_iter().map(
            |e| match e {
                diff::Edit::Keep(i, _) => Event::Same(sentence(source_order.get(i).copied().unwrap_or(0))),
                diff::Edit::Remove(i) => Event::Removed(sentence(source_order.get(i).copied().unwrap_or(0))),
                diff::Edit::Add(j) => Event::Added(sentence(j)),
            },
        ));
    Some((range, diff))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(files: &[(&str, &str)]) -> Sources {
        let docs = files.iter().map(|(p, t)| SourceDoc::new(SourceFile::new(*p, *t))).collect();
        Sources::new(vec![Arc::new(SourceSet::new(docs, Vec::new()))])
    }

    fn outcome(draft: &str, sources: &Sources) -> Vec<Verdict> {
        verify(&crate::analyze(SourceFile::new("d.md", draft)), sources)
    }

    #[test]
    fn verbatim_altered_and_missing() {
        let s = set(&[("t.txt", "HONG MIN: The debris was found near the school on Tuesday morning.\n")]);
        let v = outcome("“The debris was found near the school,” said Hong Min.", &s);
        assert!(matches!(v[0].outcome, Outcome::Verbatim(ref p) if p.span == Span::new(10, 46)), "{v:?}");
        assert!(v[0].misattributed.is_none());
        let v = outcome("“The debris were found near the school,” said Hong Min.", &s);
        match &v[0].outcome {
            Outcome::Altered { diff, .. } => assert_eq!(diff.summary(), "debris [-was-]{+were+} found"),
            other => panic!("{other:?}"),
        }
        let v = outcome("“We will rebuild the bridge by spring,” said Hong Min.", &s);
        assert_eq!(v[0].outcome, Outcome::NotFound);
    }

    #[test]
    fn wrong_speaker_is_named() {
        let s = set(&[("t.txt", "REPORTER: Was the debris found near the school?\nHONG MIN: Yes.\n")]);
        let v = outcome("“Was the debris found near the school?” asked Hong Min.", &s);
        assert_eq!(v[0].misattributed, Some(("Hong Min".into(), "Reporter".into())), "{v:?}");
    }
}
