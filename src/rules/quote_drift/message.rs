//! QP003's finding: the message naming the words a quote changed, and the
//! finding kept as numbers and made again from the draft when unpacked.

use crate::analysis::Analysis;
use crate::diagnostic::Diagnostic;
use crate::findings::Notes;
use crate::quote::Quote;
use crate::rules::helpers::for_each_word;
use crate::span::Span;
#[cfg(test)]
use std::borrow::Cow;

/// The finding for a quote at `bare`'s span whose words `texts.1` repeat,
/// changed, those of the quote at `earlier`, `texts.0`.
pub(super) fn drifted(bare: Diagnostic, texts: (&str, &str), earlier: Span, notes: Notes) -> Diagnostic {
    let (et, lt) = texts;
    let d = Diagnostic { message: changed_words(et, lt), ..bare }
        .with_primary_label("this version")
        .with_label(earlier, "the earlier version");
    let d = match notes {
        Notes::Made => {
            let diff = crate::provenance::diff::word_diff(&written_words(et), &written_words(lt), |a, b| {
                a.hash == b.hash
            });
            d.with_note(format!("word diff (earlier → this): {}", diff.render()))
        }
        Notes::Left => d,
    };
    d.with_help("quote the exact words both times, or paraphrase one of them without quotation marks")
}

/// The message of a finding whose quote's words `lt` repeat, changed,
/// those of `et`: the words removed and added, as [`diff`] aligns them.
///
/// Made when a finding is printed, tens of thousands of times for a long
/// draft: the words both texts begin with are not read (the alignment keeps
/// them whatever follows), the rest are listed in one string, not a string
/// each, and compared by hash before their letters.
pub(super) fn changed_words(et: &str, lt: &str) -> String {
    let skip = same_words_before(et, lt);
    let (et, lt) = (et.get(skip..).unwrap_or_default(), lt.get(skip..).unwrap_or_default());
    let mut all = String::with_capacity(et.len() + lt.len());
    // per word, where it ends in `all` and its hash (the low half: equal
    // hashes are checked by the words' letters), room for a word in four
    // bytes (most are longer), as grown from empty it was moved five times
    let mut words: Vec<(u32, u32)> = Vec::with_capacity((et.len() + lt.len()) / 4 + 1);
    let mut buf = String::new();
    let hasher = crate::lexicon::FastHash::default();
    let mut n = 0;
    for text in [et, lt] {
        n = words.len();
        for_each_word(text, &mut buf, |w| {
            all.push_str(w.as_str());
            // a draft under the size limit has far fewer than 2^32 bytes
            words.push((all.len() as u32, std::hash::BuildHasher::hash_one(&hasher, w.as_str()) as u32));
        });
    }
    let word = |k: usize| {
        let start = k.checked_sub(1).and_then(|p| words.get(p)).map_or(0, |w| w.0 as usize);
        words.get(k).and_then(|w| all.get(start..w.0 as usize)).unwrap_or_default()
    };
    let same =
        |i: usize, j: usize| words.get(i).map(|w| w.1) == words.get(n + j).map(|w| w.1) && word(i) == word(n + j);
    let m = words.len() - n;
    // the alignment keeps a word both lists begin with, as `diff` does
    let p = (0..n.min(m)).take_while(|&k| same(k, k)).count();
    let (rows, cols) = (n - p, m - p);
    let width = cols + 1;
    // compared quotes have at most MAX_WORDS words: a common run fits u16
    let mut lcs = vec![0u16; (rows + 1) * width];
    for i in (0..rows).rev() {
        for j in (0..cols).rev() {
            lcs[i * width + j] = if same(p + i, p + j) {
                lcs[(i + 1) * width + j + 1] + 1
            } else {
                lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
            };
        }
    }
    // the words removed (earlier's, by place) and added (this one's), in order
    let mut changes: Vec<(bool, usize)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < rows || j < cols {
        if i < rows && j < cols && same(p + i, p + j) {
            i += 1;
            j += 1;
        } else if j < cols && (i == rows || lcs[i * width + j + 1] >= lcs[(i + 1) * width + j]) {
            changes.push((true, n + p + j));
            j += 1;
        } else {
            changes.push((false, p + i));
            i += 1;
        }
    }
    let mut message = String::from("this quote repeats an earlier one ");
    let mut listed = |added: bool, before: &str, after: &str| {
        let mut first = true;
        for &(_, k) in changes.iter().filter(|c| c.0 == added) {
            message.push_str(if first { before } else { " " });
            message.push_str(word(k));
            first = false;
        }
        if !first {
            message.push_str(after);
        }
        !first
    };
    let removed = listed(false, "without “", "”");
    let added = changes.iter().any(|c| c.0);
    if removed && added {
        listed(true, " and with “", "” added");
    } else {
        listed(true, "with “", "” added");
    }
    message
}

/// Where, in both `a` and `b`, the words they begin with alike end: just
/// past the last space before the first byte they differ at (0 if none),
/// so that the words before are the same, and split the same, in both.
fn same_words_before(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let differ = a.iter().zip(b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
    a.get(..differ).and_then(|same| memchr::memrchr(b' ', same)).map_or(0, |space| space + 1)
}

/// A finding as the numbers [`rebuilt`] makes it again from: a long draft
/// has tens of thousands, whose message and note are the two quotes' words.
/// Where in the source each quote's words are (start and length) and where
/// the earlier quote is; none unless the source there reads as `texts`
/// (the earlier quote's words and the later's) and the earlier quote's span
/// comes back: then [`rebuilt`] makes what [`drifted`] makes of `texts`.
/// A quote of several paragraphs, whose words are its paragraphs' joined,
/// or one whose source has markup or entities, is kept whole.
pub(super) fn kept_as(
    analysis: &Analysis,
    earlier: &Quote,
    later: &Quote,
    texts: (&str, &str),
) -> Option<Vec<usize>> {
    let words_at = |q: &Quote| {
        let [part] = &q.parts[..] else { return None };
        let span = analysis.doc.blocks.get(part.block())?.source_span(part.inner());
        Some([span.start, span.len()])
    };
    let (e, l) = (words_at(earlier)?, words_at(later)?);
    let numbers = vec![e[0], e[1], l[0], l[1], earlier.span().start, earlier.span().len()];
    let source = &analysis.file.text;
    let same = span_at(&numbers, 4) == earlier.span()
        && words_in(source, span_at(&numbers, 0)) == texts.0
        && words_in(source, span_at(&numbers, 2)) == texts.1;
    same.then_some(numbers)
}

/// The finding [`kept_as`] gave `numbers` for, made from the draft's text
/// `source`: each quote's words are the source's there, trimmed.
pub(super) fn rebuilt(bare: Diagnostic, source: &str, numbers: &[usize], notes: Notes) -> Diagnostic {
    let texts = (words_in(source, span_at(numbers, 0)), words_in(source, span_at(numbers, 2)));
    drifted(bare, texts, span_at(numbers, 4), notes)
}

/// The span kept as start and length at `numbers[i..i + 2]`.
fn span_at(numbers: &[usize], i: usize) -> Span {
    let (start, len) = (numbers.get(i).copied().unwrap_or(0), numbers.get(i + 1).copied().unwrap_or(0));
    Span::new(start, start.saturating_add(len))
}

/// A quote's words as kept: the source at `span`, trimmed.
fn words_in(source: &str, span: Span) -> &str {
    source.get(span.range()).unwrap_or_default().trim()
}

/// A word as written, with the hash the provenance matcher compares words by.
struct WrittenWord<'a> {
    text: &'a str,
    hash: u64,
}

impl AsRef<str> for WrittenWord<'_> {
    fn as_ref(&self) -> &str {
        self.text
    }
}

/// A quote's words (its text) as written (for the diff shown to the editor), as the
/// provenance matcher reads them: slices of `text`, not copies.
fn written_words(text: &str) -> Vec<WrittenWord<'_>> {
    crate::provenance::normalize::word_ranges(text)
        .into_iter()
        .filter_map(|r| text.get(r))
        .map(|w| WrittenWord { text: w, hash: crate::provenance::normalize::word_hash(w) })
        .collect()
}

#[cfg(test)]
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Edit<'a> {
    Keep(&'a str),
    Remove(&'a str),
    Add(&'a str),
}

/// A word-level diff from `a` to `b` (longest common subsequence): the
/// alignment [`changed_words`] names the changes of.
#[cfg(test)]
pub(super) fn diff<'a>(a: &'a [Cow<'a, str>], b: &'a [Cow<'a, str>]) -> Vec<Edit<'a>> {
    let (n, m) = (a.len(), b.len());
    let width = m + 1;
    // compared quotes have at most MAX_WORDS words: a common run fits u32
    let mut lcs = vec![0u32; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i * width + j] = if a[i] == b[j] {
                lcs[(i + 1) * width + j + 1] + 1
            } else {
                lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(n + m);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            out.push(Edit::Keep(&a[i]));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i * width + j + 1] >= lcs[(i + 1) * width + j]) {
            out.push(Edit::Add(&b[j]));
            j += 1;
        } else {
            out.push(Edit::Remove(&a[i]));
            i += 1;
        }
    }
    out
}
