//! QP003: the same quote given twice, with different words.

use super::helpers::{speech_quotes, words};
use super::{Rule, RuleMeta};
use crate::analysis::Analysis;
use crate::diagnostic::{Diagnostic, Severity};
use crate::settings::Settings;

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
words each, and at least 60% of the words shared in order. A shorter quote
that repeats a stretch of a longer one word for word is an excerpt and is
fine, as is one that drops words where it shows an ellipsis. The finding is
on the later quote, points at the earlier one, and lists the words removed and
added.

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

const MIN_WORDS: usize = 5;
const MIN_SIMILARITY: f64 = 0.6;

impl Rule for QuoteDrift {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, _settings: &Settings, out: &mut Vec<Diagnostic>) {
        let quotes: Vec<_> = speech_quotes(analysis)
            .into_iter()
            .map(|(_, q, _)| (q, words(&q.text)))
            .filter(|(_, w)| w.len() >= MIN_WORDS)
            .collect();
        for (later_i, (later, lw)) in quotes.iter().enumerate() {
            let mut best: Option<(f64, usize, Vec<Edit>)> = None;
            for (earlier_i, (_, ew)) in quotes.iter().enumerate().take(later_i) {
                if ew == lw || is_excerpt(ew, lw) {
                    continue;
                }
                let edits = diff(ew, lw);
                let kept = edits.iter().filter(|e| matches!(e, Edit::Keep(_))).count();
                let similarity = 2.0 * kept as f64 / (ew.len() + lw.len()) as f64;
                if similarity < MIN_SIMILARITY {
                    continue;
                }
                let only_removed = edits.iter().all(|e| !matches!(e, Edit::Add(_)));
                if only_removed && (later.text.contains('…') || later.text.contains("...")) {
                    continue;
                }
                if best.as_ref().is_none_or(|(s, _, _)| similarity > *s) {
                    best = Some((similarity, earlier_i, edits));
                }
            }
            let Some((_, earlier_i, edits)) = best else { continue };
            let Some((earlier, _)) = quotes.get(earlier_i) else { continue };
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
                    crate::provenance::diff::word_diff(&written_words(earlier), &written_words(later), |a, b| {
                        crate::provenance::normalize::word_hash(a) == crate::provenance::normalize::word_hash(b)
                    })
                    .render()
                ))
                .with_help("quote the exact words both times, or paraphrase one of them without quotation marks"),
            );
        }
    }
}

/// A quote's words as written (for the diff shown to the editor), as the
/// provenance matcher reads them.
fn written_words(quote: &crate::quote::Quote) -> Vec<String> {
    crate::provenance::normalize::word_ranges(&quote.text)
        .into_iter()
        .filter_map(|r| quote.text.get(r).map(str::to_string))
        .collect()
}

#[derive(Debug, PartialEq, Eq)]
enum Edit<'a> {
    Keep(&'a str),
    Remove(&'a str),
    Add(&'a str),
}

/// Whether `b` is a contiguous run of `a`'s words or the reverse.
fn is_excerpt(a: &[String], b: &[String]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.windows(short.len()).any(|w| w == short)
}

/// A word-level diff from `a` to `b` (longest common subsequence).
fn diff<'a>(a: &'a [String], b: &'a [String]) -> Vec<Edit<'a>> {
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
    fn diff_finds_the_inserted_word() {
        let a = words("missile debris found across the country");
        let b = words("missile debris was found across the country");
        let edits = diff(&a, &b);
        assert_eq!(edits.iter().filter(|e| matches!(e, Edit::Add("was"))).count(), 1);
        assert_eq!(edits.iter().filter(|e| matches!(e, Edit::Keep(_))).count(), 6);
        assert!(!is_excerpt(&a, &b));
        assert!(is_excerpt(&a, &words("debris found across the")));
    }
}
