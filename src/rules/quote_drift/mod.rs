//! QP003: the same quote given twice, with different words.

use super::helpers::{for_each_word, speech_quotes};
use super::{Rule, RuleMeta};
use crate::analysis::Analysis;
use crate::diagnostic::{Diagnostic, Severity};
use crate::findings::{Findings, Notes};
use crate::quote::Quote;
use crate::settings::Settings;
use list::{QuoteWordList, WordId};
#[cfg(test)]
use message::{changed_words, diff, Edit};
use message::{drifted, kept_as, rebuilt};
use std::borrow::Cow;

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

mod ids;
mod list;
mod message;
mod recent;
mod similar;
mod sketch;

use self::ids::Ids;

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
        if !sketch::may_drift(analysis) {
            return;
        }
        // two-byte word ids unless the quotes have more distinct words than they count
        let Some((drifts, quotes)) = find_drifts::<u16>(analysis).or_else(|| find_drifts::<u32>(analysis)) else {
            return;
        };
        for drift in drifts {
            crate::budget::tick();
            let (Some(later), Some(earlier)) = (quotes.get(drift.later), quotes.get(drift.earlier)) else {
                continue;
            };
            let texts = (earlier.text(&analysis.doc), later.text(&analysis.doc));
            let texts = (&*texts.0, &*texts.1);
            let bare = Diagnostic::new(&META, &analysis.file.path, later.span(), String::new());
            match kept_as(analysis, earlier, later, texts) {
                Some(numbers) => out.push_numbers(bare, &analysis.file.text, &numbers, rebuilt),
                None => out.push(drifted(bare, texts, earlier.span(), Notes::Made)),
            }
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

/// How many distinct words the quotes' table has room for before it grows:
/// enough for the quotes of most news articles (in the 840 PolNeAR training
/// articles, about 70 in the median one, under 256 in 19 of 20, as counted
/// by splitting the text between curly or straight marks).
const WORDS_ROOM: usize = 256;

/// The compared quotes' words as ids, and the quotes, or `None` when an id
/// does not fit `W`.
fn read_quotes<W: WordId>(analysis: &Analysis) -> Option<(QuoteWordList<W>, Vec<&Quote>)> {
    // Each quote's words as ids, numbered as they are split: a draft's
    // quotes hold about as many words as its prose, and a vector of
    // strings for each would be the largest thing in memory.
    // room for an article's distinct quoted words from the start: the
    // table grown from empty placed each word again at every doubling
    let mut ids = Ids::with_capacity(WORDS_ROOM);
    let mut list = QuoteWordList::default();
    let mut quotes: Vec<&Quote> = Vec::new();
    let mut buf = String::new();
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
        let mut push = |id: u32| fits &= W::try_from(id).map(|id| list.push_word(id)).is_ok();
        match &text {
            // a one-paragraph quote's words are slices of the draft's blocks
            Cow::Borrowed(t) => for_each_word(t, &mut buf, |w| push(ids.id(w.as_str(), w.written()))),
            Cow::Owned(t) => for_each_word(t, &mut buf, |w| push(ids.id(w.as_str(), None))),
        }
        if !fits {
            return None;
        }
        if (MIN_WORDS..=MAX_WORDS).contains(&list.pending()) {
            list.end_quote(shows_ellipsis(&text));
            quotes.push(q);
        } else {
            list.discard();
        }
    }
    Some((list, quotes))
}

/// Whether `text` has an ellipsis, "…" or "...": found from its dots and
/// the lead byte of "…" (searching for each string cost hundreds of
/// instructions to set up, for every quote).
fn shows_ellipsis(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'.', 0xe2, bytes).any(|i| {
        let rest = bytes.get(i..).unwrap_or_default();
        rest.starts_with(b"...") || rest.starts_with("…".as_bytes())
    })
}

/// Whether [`words`] would give more than `n` words of `text`, found
/// without listing them: a piece between its separators is a word when it
/// has a letter or digit (all else is stripped from it or trimmed away).
fn has_more_words_than(text: &str, n: usize) -> bool {
    // a word takes a byte and its separator another: a shorter text has no more
    if text.len() < 2 * n + 1 {
        return false;
    }
    text.split(|c: char| c.is_whitespace() || c == '—' || c == '–')
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .nth(n)
        .is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::helpers::words;
    use crate::span::Span;

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

    proptest::proptest! {
        /// Found from its dots and lead bytes, an ellipsis is where a search for either finds one.
        #[test]
        fn an_ellipsis_is_where_a_search_finds_one(text in "[a.…“—’ ]{0,12}") {
            proptest::prop_assert_eq!(shows_ellipsis(&text), text.contains('…') || text.contains("..."));
        }
    }

    proptest::proptest! {
        /// Quotes of a few words from a small vocabulary, so that many
        /// alignments tie: the kept and removed words spell the first quote,
        /// the kept and added the second, and as many are kept as the two
        /// have in common.
        #[test]
        fn the_diff_is_a_longest_common_alignment(a in "[abc ]{0,24}", b in "[abc ]{0,24}") {
            let (a, b) = (words(&a), words(&b));
            let edits = diff(&a, &b);
            let side = |keep_other: fn(&Edit<'_>) -> Option<String>| edits.iter().filter_map(keep_other).collect::<Vec<_>>();
            let old = side(|e| match e { Edit::Keep(w) | Edit::Remove(w) => Some(w.to_string()), Edit::Add(_) => None });
            let new = side(|e| match e { Edit::Keep(w) | Edit::Add(w) => Some(w.to_string()), Edit::Remove(_) => None });
            proptest::prop_assert_eq!(old, a.iter().map(|w| w.to_string()).collect::<Vec<_>>());
            proptest::prop_assert_eq!(new, b.iter().map(|w| w.to_string()).collect::<Vec<_>>());
            let kept = edits.iter().filter(|e| matches!(e, Edit::Keep(_))).count();
            proptest::prop_assert_eq!(kept, similar::lcs_len(&a, &b));
        }
    }

    /// The message as it was made from [`diff`]'s edits of the two lists of words.
    fn message_by_diff(et: &str, lt: &str) -> String {
        let (ew, lw) = (words(et), words(lt));
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
        format!("this quote repeats an earlier one {}", change.join(" and "))
    }

    proptest::proptest! {
        /// Texts that begin alike (in bytes, and in words split otherwise),
        /// of a few words in several cases, with marks and dashes: the
        /// message names the changes `diff` aligns.
        #[test]
        fn the_message_names_the_changes_diff_aligns(
            same in "[abAB ,’—\t]{0,16}",
            a in "[abcAB ,.’—\t]{0,24}",
            b in "[abcAB ,.’—\t]{0,24}",
        ) {
            let (et, lt) = (format!("{same}{a}"), format!("{same}{b}"));
            proptest::prop_assert_eq!(changed_words(&et, &lt), message_by_diff(&et, &lt));
            proptest::prop_assert_eq!(changed_words(&a, &b), message_by_diff(&a, &b));
        }
    }

    #[test]
    fn the_message_lists_removed_then_added_words() {
        let cases = [
            (
                "The river will crest on Friday night",
                "the river will probably crest on Friday",
                "without “night” and with “probably” added",
            ),
            ("the river will crest", "the river will crest on Friday", "with “on friday” added"),
            ("The river, will crest — on Friday", "the river will crest", "without “on friday”"),
            ("the river", "The river.", ""),
        ];
        for (et, lt, change) in cases {
            let message = format!("this quote repeats an earlier one {change}");
            assert_eq!(changed_words(et, lt), message, "{et:?} → {lt:?}");
            assert_eq!(message_by_diff(et, lt), message, "{et:?} → {lt:?}");
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

    #[test]
    fn an_editor_gets_the_finding_without_its_word_diff() {
        let draft = "“The river will crest on Friday night at the old gauge,” said Ruth Adler.\n\n\
                     Residents heard that “the river will probably crest on Friday at the old gauge,” Adler said.\n";
        let a = crate::analyze(crate::source::SourceFile::new("d.md", draft));
        let found = checked(&a);
        assert_eq!(found.rebuilt(), 1, "kept as numbers");
        let full: Vec<Diagnostic> = found.iter_with(&a.file.text, Notes::Made).collect();
        let shown: Vec<Diagnostic> = found.iter_with(&a.file.text, Notes::Left).collect();
        assert_eq!(full[0].notes.len(), 1);
        assert!(full[0].notes[0].contains("{+probably+}"), "{:?}", full[0].notes);
        assert!(shown[0].notes.is_empty());
        // all else the same
        assert_eq!(Diagnostic { notes: Default::default(), ..full[0].clone() }, shown[0]);
    }

    /// The rule's findings on `text` unpacked, the same made at once from
    /// the quotes' words, and how many were kept as numbers.
    fn found(text: &str) -> (Vec<Diagnostic>, Vec<Diagnostic>, usize) {
        let a = crate::analyze(crate::source::SourceFile::new("d.md", text));
        let found = checked(&a);
        let rebuilt = found.rebuilt();
        let got = found.into_vec(&a.file.text);
        let quote_at = |span: Span| a.scan.quotes.iter().find(|q| q.span() == span).expect("a quote there");
        let at_once = got
            .iter()
            .map(|d| {
                let (later, earlier) = (quote_at(d.span), quote_at(d.labels[0].span));
                let bare = Diagnostic::new(&META, "d.md", d.span, String::new());
                drifted(bare, (&earlier.text(&a.doc), &later.text(&a.doc)), earlier.span(), Notes::Made)
            })
            .collect();
        (got, at_once, rebuilt)
    }

    fn checked(a: &Analysis) -> Findings {
        let mut found = Findings::default();
        QuoteDrift.check(a, &Settings::default(), &mut found);
        found
    }

    const LATER: &str = "Residents were told that “the river will probably crest on Friday,” Adler said.\n";

    #[test]
    fn a_finding_is_kept_as_numbers_when_its_source_reads_as_its_words() {
        // emphasis marks and entities are in the source, not in the quote's
        // words: those are kept whole
        for (earlier, kept) in [("crest", 1), ("*crest*", 0), ("cr&#101;st", 0)] {
            let text =
                format!("“The river will {earlier} on Friday night,” said Ruth Adler, the engineer.\n\n{LATER}");
            let (got, at_once, rebuilt) = found(&text);
            assert_eq!((got.len(), rebuilt), (1, kept));
            assert_eq!(got, at_once);
            let message = "this quote repeats an earlier one without “night” and with “probably” added";
            assert_eq!(got[0].message, message);
        }
    }

    /// Past the room the table is made with, words are still numbered in
    /// the order they are first met, each once.
    #[test]
    fn quoted_words_are_numbered_as_first_met_past_the_table_s_room() {
        let words = |k: usize| format!("w{k}a w{k}b w{k}c w{k}d w{k}e");
        let draft: String =
            (0..WORDS_ROOM / 2).map(|k| format!("“{}” said Ana Ruiz.\n\n", words(k % 100 * 3))).collect();
        let a = crate::analyze(crate::source::SourceFile::new("d.md", draft));
        let (list, quotes) = read_quotes::<u32>(&a).expect("the ids fit");
        assert_eq!(quotes.len(), WORDS_ROOM / 2);
        // the first 100 quotes bring five new words each, the others none
        for i in 0..quotes.len() {
            let first = (i % 100 * 5) as u32;
            assert_eq!(list.words(i), [first, first + 1, first + 2, first + 3, first + 4], "quote {i}");
        }
        let most = list.all_words().iter().max().copied().unwrap_or(0);
        assert!(most as usize >= WORDS_ROOM, "the table grew past its room: {most}");
    }

    #[test]
    fn drifted_quotes_are_held_as_a_few_numbers_each() {
        let draft: String = (0..300)
            .map(|k| {
                format!(
                    "“The river will crest on Friday night at gauge {k},” said Ruth Adler.\n\n\
                     Residents heard that “the river will probably crest on Friday at gauge {k},” Adler said.\n\n"
                )
            })
            .collect();
        let a = crate::analyze(crate::source::SourceFile::new("d.md", draft));
        let _budget = crate::budget::enter(crate::budget::Limits { memory: None, time: None });
        let before = crate::budget::used();
        let found = checked(&a);
        let held = crate::budget::used() - before;
        let n = found.len();
        assert!(n >= 300 && found.rebuilt() == n, "{n} findings, {} kept as numbers", found.rebuilt());
        // packed whole, with the two quotes' words in the message and the
        // note, they took 342 bytes each (69 kept as numbers)
        assert!(held < n as u64 * 80, "{held} bytes held by {n} findings");
    }
}
