//! QP003: the same quote given twice, with different words.

use super::helpers::{speech_quotes, words};
use super::{Rule, RuleMeta};
use crate::analysis::Analysis;
use crate::diagnostic::{Diagnostic, Severity};
use crate::findings::Findings;
use crate::lexicon::FastHash;
use crate::quote::Quote;
use crate::settings::Settings;
use list::{QuoteWordList, WordId};
use std::borrow::Cow;
use std::collections::HashMap;

pub struct QuoteDrift;

static META: RuleMeta = RuleMeta {
    code: "QP003",
    name: "quote-drift",
    severity: Severity::Warning,
    summary: "Two quotes in one draft are nearly the same words but not quite.",
    doc: DOC,
};

const DOC: &str = r#"## What it checks

Pairs of quotations in one draft whose words are nearly but not exactly the
same, after case, punctuation and quotation marks are set aside: at least five
words each (and at most 500), and at least 60% of the words shared in order. A shorter quote
that repeats a stretch of a longer one word for word is an excerpt and is
fine, as is one that drops words where it shows an ellipsis. The finding is
on the later quote, points at the earlier one, and lists the words removed and
added.

Quotes are compared through an index of their rarest words, so a long draft
costs no more per quote than a short one. In a draft where a single word
occurs in more than 16 different quotes, that word leads only to the 16
latest of them, and a quote is compared with at most 16 candidates (those
sharing its rarest words first) rather than with every earlier quote.

## Why editors care

"Quotes are sacred," says the Reuters Handbook, and the AP Stylebook forbids
altering them. When a quote appears twice with different words, at least one
version is not what was said; often one was lifted from another outlet or a
press release and paraphrased inside quotation marks, as in the Jayson Blair
and Johann Hari cases.

## Example

```markdown
“The river will crest on Friday night,” said Ruth Adler, the county engineer.

Residents were told that “the river will probably crest on Friday,” Adler said.
```

## How to fix

Quote the words exactly each time, or paraphrase without quotation marks.

```markdown
“The river will crest on Friday night,” said Ruth Adler, the county engineer.

Residents were told that “the river will crest on Friday night,” Adler said.
```
"#;

mod list;
mod similar;

const MIN_WORDS: usize = 5;
/// Longer quotations (a block quote, or a mark never closed that runs to the
/// end of its paragraph) are not compared: a word diff of two such is no
/// help to an editor, and its cost grows with the square of their length.
const MAX_WORDS: usize = 500;

impl Rule for QuoteDrift {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, _settings: &Settings, out: &mut Findings) {
        // two-byte word ids unless the quotes have more distinct words than they count
        let Some((drifts, quotes)) = find_drifts::<u16>(analysis).or_else(|| find_drifts::<u32>(analysis)) else {
            return;
        };
        for drift in drifts {
            crate::budget::tick();
            let (Some(later), Some(earlier)) = (quotes.get(drift.later), quotes.get(drift.earlier)) else {
                continue;
            };
            let (et, lt) = (earlier.text(&analysis.doc), later.text(&analysis.doc));
            let (ew, lw) = (words(&et), words(&lt));
            let edits = diff(&ew, &lw);
            let removed: Vec<&str> =
                edits.iter().filter_map(|e| if let Edit::Remove(w) = e { Some(*w) } else { None }).collect();
            let added: Vec<&str> =
                edits.iter().filter_map(|e| if let Edit::Add(w) = e { Some(*w) } else { None }).collect();
            let mut change = Vec::new();
            if !removed.is_empty() {
                change.push(format!("without “{}”", removed.join(" ")));
            }
            if !added.is_empty() {
                change.push(format!("with “{}” added", added.join(" ")));
            }
            out.push(
                Diagnostic::new(
                    &META,
                    &analysis.file.path,
                    later.span,
                    format!("this quote repeats an earlier one {}", change.join(" and ")),
                )
                .with_primary_label("this version")
                .with_label(earlier.span, "the earlier version")
                .with_note(format!(
                    "word diff (earlier → this): {}",
                    crate::provenance::diff::word_diff(&written_words(&et), &written_words(&lt), |a, b| a.hash
                        == b.hash)
                    .render()
                ))
                .with_help("quote the exact words both times, or paraphrase one of them without quotation marks"),
            );
        }
    }
}

/// The drifted quotes (indices into the quotes returned), or `None` when the
/// quotes' words, or their bags' (see `similar`), are more than `W` can number.
fn find_drifts<W: WordId>(analysis: &Analysis) -> Option<(Vec<similar::Drift>, Vec<&Quote>)> {
    let (mut list, quotes) = read_quotes::<W>(analysis)?;
    if list.is_empty() {
        return Some((Vec::new(), quotes));
    }
    list.shrink_to_fit();
    // the word ids are not read again: gone (with the list) before the findings grow
    Some((similar::drifts(&list)?, quotes))
}

/// The compared quotes' words as ids, and the quotes, or `None` when an id
/// does not fit `W`.
fn read_quotes<W: WordId>(analysis: &Analysis) -> Option<(QuoteWordList<W>, Vec<&Quote>)> {
    // Each quote's words as ids, interned as they are split: a draft's
    // quotes hold about as many words as its prose, and a vector of
    // strings for each would be the largest thing in memory.
    let mut ids: HashMap<Cow<'_, str>, u32, FastHash> = HashMap::default();
    let mut list = QuoteWordList::default();
    let mut quotes: Vec<&Quote> = Vec::new();
    for (_, q, _) in speech_quotes(analysis) {
        crate::budget::tick();
        // An unclosed mark can run a quote to the end of a paragraph of
        // megabytes: its words, listed only to be dropped, were the peak
        // of `check` (24 bytes a word). Which ids words get does not
        // change what is found, so words left out do not either.
        let text = q.text(&analysis.doc);
        if has_more_words_than(&text, MAX_WORDS) {
            continue;
        }
        let mut fits = true;
        let mut intern = |w| {
            let next = ids.len() as u32;
            match W::try_from(*ids.entry(w).or_insert(next)) {
                Ok(id) => list.push_word(id),
                Err(_) => fits = false,
            }
        };
        match &text {
            // a one-paragraph quote's words are slices of the draft's blocks
            Cow::Borrowed(t) => words(t).into_iter().for_each(&mut intern),
            Cow::Owned(t) => words(t).into_iter().map(|w| Cow::Owned(w.into_owned())).for_each(&mut intern),
        }
        if !fits {
            return None;
        }
        if (MIN_WORDS..=MAX_WORDS).contains(&list.pending()) {
            list.end_quote(text.contains('…') || text.contains("..."));
            quotes.push(q);
        } else {
            list.discard();
        }
    }
    Some((list, quotes))
}

/// Whether [`words`] would give more than `n` words of `text`, found
/// without listing them: a piece between its separators is a word when it
/// has a letter or digit (all else is stripped from it or trimmed away).
fn has_more_words_than(text: &str, n: usize) -> bool {
    text.split(|c: char| c.is_whitespace() || c == '—' || c == '–')
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .nth(n)
        .is_some()
}

/// A word as written, with the hash the provenance matcher compares words by.
struct WrittenWord {
    text: String,
    hash: u64,
}

impl AsRef<str> for WrittenWord {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

/// A quote's words (its text) as written (for the diff shown to the editor), as the
/// provenance matcher reads them.
fn written_words(text: &str) -> Vec<WrittenWord> {
    crate::provenance::normalize::word_ranges(text)
        .into_iter()
        .filter_map(|r| text.get(r))
        .map(|w| WrittenWord { text: w.to_string(), hash: crate::provenance::normalize::word_hash(w) })
        .collect()
}

#[derive(Debug, PartialEq, Eq)]
enum Edit<'a> {
    Keep(&'a str),
    Remove(&'a str),
    Add(&'a str),
}

/// A word-level diff from `a` to `b` (longest common subsequence).
fn diff<'a>(a: &'a [Cow<'a, str>], b: &'a [Cow<'a, str>]) -> Vec<Edit<'a>> {
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            out.push(Edit::Keep(&a[i]));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out.push(Edit::Add(&b[j]));
            j += 1;
        } else {
            out.push(Edit::Remove(&a[i]));
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_as_words_lists_them() {
        let texts = [
            "",
            "—",
            "a b",
            "  ’ -- ' '’' x—y–z …",
            "It’s the “Holtz-Eakin” plan, 3pm -- no?",
            "Ça—va  \t é ' - '' ...",
        ];
        for text in texts {
            let n = words(text).len();
            assert!(has_more_words_than(text, n.saturating_sub(1)) == (n > 0), "{text:?}: {n} words");
            assert!(!has_more_words_than(text, n), "{text:?}: {n} words");
        }
    }

    proptest::proptest! {
        /// The count without the list is the list's length, for any text of
        /// letters, digits, apostrophes, dashes, spaces and punctuation.
        #[test]
        fn counting_agrees_with_the_list(text in "[a-zA-Zé3'’\\- —–\t.,…]{0,40}", n in 0..8usize) {
            proptest::prop_assert_eq!(has_more_words_than(&text, n), words(&text).len() > n);
        }
    }

    #[test]
    fn diff_finds_the_inserted_word() {
        let a = words("missile debris found across the country");
        let b = words("missile debris was found across the country");
        let edits = diff(&a, &b);
        assert_eq!(edits.iter().filter(|e| matches!(e, Edit::Add("was"))).count(), 1);
        assert_eq!(edits.iter().filter(|e| matches!(e, Edit::Keep(_))).count(), 6);
        assert!(!similar::is_excerpt(&a, &b));
        assert!(similar::is_excerpt(&a, &words("debris found across the")));
    }
}
