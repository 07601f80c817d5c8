//! A first reading of how each quotation is used: speech, a scare quote or a
//! title. The attribution stage refines scare against partial with the
//! sentence's speech context.

use crate::markdown::{BlockKind, ProseBlock};
use crate::quote::QuoteKind;

/// Words before a quotation that announce a title, a name or a coined term.
const TITLE_CUES: &[&str] = &[
    "titled",
    "entitled",
    "headlined",
    "dubbed",
    "nicknamed",
    "hashtag",
    "book",
    "film",
    "movie",
    "song",
    "album",
    "show",
    "series",
    "podcast",
    "documentary",
    "column",
    "op-ed",
    "essay",
    "article",
    "poem",
    "play",
    "novel",
    "memoir",
    "slogan",
    "motto",
    "banner",
    "sign",
    "reading",
    "read",
    "called",
    "named",
    "known as",
    "term",
    "word",
    "phrase",
    "label",
    "brand",
];

const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "in", "on", "for", "to", "at", "by", "with", "from", "is", "as", "vs.",
    "de", "la",
];

fn words(inner: &str) -> Vec<&str> {
    inner.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).collect()
}

/// Every significant word capitalised: a name or title (US style keeps a
/// comma or full stop inside the marks, so trailing punctuation is allowed).
fn is_title_case(inner: &str) -> bool {
    let ws = words(inner);
    !ws.is_empty()
        && !inner.trim_end().ends_with(['!', '?'])
        && ws.iter().enumerate().all(|(i, w)| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            let upper = w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
            upper || (i > 0 && SMALL_WORDS.contains(&w.to_lowercase().as_str()))
        })
}

/// The text before the quote in its block, as a lowercase tail of a few words.
fn tail_words(before: &str, n: usize) -> String {
    // read from the end: the text before a quote can be a long paragraph
    let mut ws: Vec<&str> = before.split_whitespace().rev().take(n).collect();
    ws.reverse();
    ws.join(" ").to_lowercase()
}

/// Whether the quote stands where a sentence starts (or after a colon or an
/// introducing comma), rather than inside the writer's own clause.
fn at_sentence_start(before: &str) -> bool {
    let b = before.trim_end_matches(|c: char| c.is_whitespace() || "*_([".contains(c));
    b.is_empty() || b.ends_with(['.', '!', '?', ':', ',', '—', '–', '-', ';', '”', '"', '’', '\'', '»'])
}

/// Whether only the quote (and perhaps punctuation) fills the block.
fn fills_block(before: &str, after: &str) -> bool {
    let bare = |s: &str| s.chars().all(|c| c.is_whitespace() || c.is_ascii_punctuation());
    bare(before) && bare(after)
}

/// Words just before a quotation that mark it as a term, not someone's words.
const SCARE_CUES: &[&str] = &[
    "so-called",
    "so called",
    "the term",
    "the word",
    "the words",
    "the phrase",
    "the label",
    "known as",
    "term",
    "phrase",
];

/// Kind of a quotation from its words and its place in the block.
pub fn classify(block: &ProseBlock, outer: std::ops::Range<usize>, inner: &str, headline: bool) -> QuoteKind {
    // a footnote cites works: its quotations are their titles
    if headline || matches!(block.kind, BlockKind::Heading(_) | BlockKind::Footnote) {
        return QuoteKind::Title;
    }
    let before = block.text.get(..outer.start).unwrap_or_default();
    let after = block.text.get(outer.end..).unwrap_or_default();
    let tail = tail_words(before, 2);
    let tail = tail.trim_end_matches(|c: char| !c.is_alphanumeric());
    if SCARE_CUES.iter().any(|cue| tail.ends_with(cue)) {
        return QuoteKind::Scare;
    }
    let n = words(inner).len();
    if fills_block(before, after) {
        // a short line in title case standing alone is a subhead
        return if is_title_case(inner) && n <= 8 { QuoteKind::Title } else { QuoteKind::Direct };
    }
    let last = tail_words(before, 1);
    let last = last.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
    if TITLE_CUES.contains(&last) && is_title_case(inner) {
        return QuoteKind::Title;
    }
    let start = at_sentence_start(before);
    let spoken_end = inner.trim_end().ends_with(['.', ',', '!', '?']);
    if is_title_case(inner) && n <= 6 && !(start && (n >= 3 || spoken_end)) {
        return QuoteKind::Title;
    }
    let upper = inner.trim_start().chars().next().is_some_and(char::is_uppercase);
    if (upper || start) && (n >= 3 || (start && spoken_end)) {
        return QuoteKind::Direct;
    }
    QuoteKind::Partial
}
