//! quote-drift's first look at a draft: whether any two of its compared
//! quotes could be similar at all, from a count of their words by hash.
//!
//! Most drafts have no drift: numbering every quoted word and indexing the
//! quotes (see [`super::similar`]) was nearly all the rule cost on ordinary
//! articles. Two similar quotes keep at least [`required`] words in order,
//! so they share at least that many counted with repeats; words counted in
//! buckets by a hash of the word share no fewer (each shared word falls in
//! the same bucket on both sides). A draft in which no two quotes pass that
//! test has no drift, whatever the index would have done.

use super::similar::required;
use super::{MAX_WORDS, MIN_WORDS};
use crate::analysis::Analysis;
use crate::rules::helpers::{speech_quotes, words};
use std::cell::RefCell;

/// Drafts with more quotes than this are not sketched: the pairs grow with
/// the square of the quotes, the index's work only with the quotes.
pub(super) const MOST_QUOTES: usize = 64;

/// How many buckets a quote's words are counted in.
const BUCKETS: usize = 128;

/// A compared quote's words, as counted in its [`Counts`].
#[derive(Clone, Copy)]
struct Sketch {
    /// Its index in the draft's quotes.
    quote: usize,
    words: usize,
    /// A hash of its words in order: quotes with the same words are one
    /// text, never compared, and must not be taken for a similar pair.
    sequence: u64,
}

/// A quote's words counted by bucket.
type Counts = [i16; BUCKETS];

/// Whether the draft's quotes might hold a drift: `false` only when no two
/// quotes the rule compares (five to [`MAX_WORDS`] words) share enough
/// words to be similar, so that the rule would find nothing.
pub(super) fn may_drift(analysis: &Analysis) -> bool {
    let count = speech_quotes(analysis).take(MOST_QUOTES + 1).count();
    if count > MOST_QUOTES {
        return true;
    }
    if count < 2 {
        return false;
    }
    ROWS.with_borrow_mut(|rows| {
        rows.clear();
        for (i, q, _) in speech_quotes(analysis) {
            crate::budget::tick();
            let mut counts = [0; BUCKETS];
            let Some(sketch) = sketch(i, &q.text(&analysis.doc), &mut counts) else { continue };
            let b = (&sketch, &counts);
            // a quote the same as one kept is not kept again: it is similar
            // to what that one is, and a draft repeating one quote compared
            // each copy with every other, word lists and all
            let mut repeated = false;
            for (e, e_counts) in rows.iter() {
                match compared(analysis, (e, e_counts), b) {
                    Pair::MaySimilar => return true,
                    Pair::Same => {
                        repeated = true;
                        break;
                    }
                    Pair::Apart => {}
                }
            }
            if !repeated {
                rows.push((sketch, counts));
            }
        }
        false
    })
}

thread_local! {
    /// The sketches of the draft being read, their room kept from draft to
    /// draft: up to 18 KiB, a block that cost more to get (or to clear, on
    /// the stack) than the sketches of an article's quotes to make.
    static ROWS: RefCell<Vec<(Sketch, Counts)>> = const { RefCell::new(Vec::new()) };
}

/// What two quotes' sketches say of them.
enum Pair {
    /// Enough words in common, counted by bucket, and not the same words.
    MaySimilar,
    /// The same words.
    Same,
    Apart,
}

/// What quotes `a` and `b` (each a sketch and its counts) could be.
fn compared(analysis: &Analysis, a: (&Sketch, &Counts), b: (&Sketch, &Counts)) -> Pair {
    let need = required(a.0.words, b.0.words);
    if a.0.words.min(b.0.words) < need {
        return Pair::Apart;
    }
    // counts are at most MAX_WORDS: their sum of minimums fits
    let shared = a.1.iter().zip(b.1).fold(0i16, |s, (x, y)| s.wrapping_add(*x.min(y)));
    if (shared as usize) < need {
        return Pair::Apart;
    }
    let text = |s: &Sketch| analysis.scan.quotes.get(s.quote).map(|q| q.text(&analysis.doc)).unwrap_or_default();
    let same = a.0.sequence == b.0.sequence && a.0.words == b.0.words && words(&text(a.0)) == words(&text(b.0));
    if same {
        Pair::Same
    } else {
        Pair::MaySimilar
    }
}

/// What a byte is to [`sketch`]: an ASCII letter or digit as lowered, or one
/// of these (all below `b'0'`).
const APART: u8 = 0;
const SKIPPED: u8 = 1;
const NOT_ASCII: u8 = 2;

static FOLD: [u8; 256] = {
    let mut table = [NOT_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        // the ASCII whitespace of `char::is_whitespace`, as `for_each_word` splits
        table[b] = if matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
            APART
        } else if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            SKIPPED
        };
        b += 1;
    }
    table
};

const K: u64 = 0x517c_c1b7_2722_0a95;

fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// The sketch of quote `quote` from its text, its words counted into
/// `counts` (zeroed), or `None` when the rule does not
/// compare it (fewer than [`MIN_WORDS`] words or more than [`MAX_WORDS`]).
///
/// A word is a piece between separators, as [`words`] splits, with a
/// letter or digit; its hash is of its ASCII letters and digits, lowered
/// (a letter outside ASCII that lowers to one counts as that one). That
/// is a function of the word [`words`] gives (which keeps letters, digits,
/// apostrophes and hyphens and lowers them), so equal words fall in one
/// bucket; read a byte at a time, without the word itself.
fn sketch(quote: usize, text: &str, counts: &mut Counts) -> Option<Sketch> {
    let mut s = Sketch { quote, words: 0, sequence: 0 };
    let (mut h, mut alnum) = (0u64, false);
    let mut end_word = |h: &mut u64, alnum: &mut bool| {
        if std::mem::take(alnum) {
            s.words += 1;
            let at = (h.wrapping_mul(K) >> 57) as usize;
            if let Some(c) = counts.get_mut(at) {
                *c = c.saturating_add(1);
            }
            s.sequence = mix(s.sequence, *h);
        }
        *h = 0;
        s.words <= MAX_WORDS
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let folded = FOLD[usize::from(b)];
        // most bytes are letters: tested first, not after the others
        if folded > NOT_ASCII {
            alnum = true;
            h = mix(h, u64::from(folded));
            i += 1;
            continue;
        }
        match folded {
            APART => {
                if !end_word(&mut h, &mut alnum) {
                    return None;
                }
            }
            SKIPPED => {}
            NOT_ASCII
                if b == 0xe2
                    && bytes.get(i + 1) == Some(&0x80)
                    && bytes.get(i + 2).is_some_and(|b| (0x90..=0xa7).contains(b)) =>
            {
                // U+2010 to U+2027, dashes, curly quotes and apostrophes, an
                // ellipsis: none a letter or digit, none a space, and only
                // the en and em dash (U+2013, U+2014) part words
                if matches!(bytes.get(i + 2), Some(0x93 | 0x94)) && !end_word(&mut h, &mut alnum) {
                    return None;
                }
                i += 3;
                continue;
            }
            // NOT_ASCII, the last left
            _ => {
                let c = text.get(i..).and_then(|rest| rest.chars().next()).unwrap_or(char::REPLACEMENT_CHARACTER);
                if c.is_whitespace() || c == '—' || c == '–' {
                    if !end_word(&mut h, &mut alnum) {
                        return None;
                    }
                } else if c.is_alphanumeric() {
                    alnum = true;
                    for l in c.to_lowercase().filter(char::is_ascii_alphanumeric) {
                        h = mix(h, l as u64);
                    }
                }
                i += c.len_utf8();
                continue;
            }
        }
        i += 1;
    }
    if !end_word(&mut h, &mut alnum) {
        return None;
    }
    (s.words >= MIN_WORDS).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::Findings;
    use crate::rules::Rule;
    use proptest::prelude::*;

    fn analyzed(draft: &str) -> Analysis {
        crate::analyze(crate::source::SourceFile::new("d.md", draft))
    }

    /// The words and counts of `text`'s sketch.
    fn sketched(text: &str) -> Option<(usize, Counts)> {
        let mut counts = [0; BUCKETS];
        sketch(0, text, &mut counts).map(|s| (s.words, counts))
    }

    /// Letters of several scripts and cases (a Kelvin sign and a dotted
    /// capital I lower to ASCII), digits, apostrophes, dashes and marks.
    const TEXT: &str = "[a-cA-CÉéΣσ\u{212a}İ3'’‘‐\\- —–\t\u{a0}\u{2009}.,…“”_]{0,60}";
    const PIECE: &str = "[a-cA-CÉéΣσ\u{212a}İ3'’\\-.,…“”_]{1,8}";

    proptest! {
        /// A sketch counts the words the rule lists, and is made for the
        /// quotes the rule compares.
        #[test]
        fn a_sketch_counts_the_words_the_rule_lists(text in TEXT) {
            let n = words(&text).len();
            let expected = (MIN_WORDS..=MAX_WORDS).contains(&n).then_some(n);
            prop_assert_eq!(sketched(&text).map(|(n, _)| n), expected);
        }

        /// Pieces the rule reads as the same word fall in the same bucket.
        #[test]
        fn the_same_word_falls_in_one_bucket(a in PIECE, b in PIECE) {
            let five = |w: &str| [w; 5].join(" ");
            if let (Some((_, ca)), Some((_, cb))) = (sketched(&five(&a)), sketched(&five(&b))) {
                if words(&a) == words(&b) {
                    prop_assert_eq!(ca, cb);
                }
            }
        }
    }

    #[test]
    fn general_punctuation_read_as_bytes_is_neither_a_letter_nor_a_space() {
        for c in '\u{2010}'..='\u{2027}' {
            assert!(!c.is_whitespace() && !c.is_alphanumeric(), "{c:?}");
            let mut buf = [0; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            assert!(bytes.len() == 3 && bytes[0] == 0xe2 && bytes[1] == 0x80 && (0x90..=0xa7).contains(&bytes[2]));
        }
        let text: String = ('\u{2010}'..='\u{2027}').map(|c| format!("a{c}b ")).collect();
        assert_eq!(sketched(&text).map(|(n, _)| n), Some(words(&text).len()));
    }

    fn drifts(a: &Analysis) -> usize {
        let mut found = Findings::default();
        super::super::QuoteDrift.check(a, &crate::settings::Settings::default(), &mut found);
        found.len()
    }

    /// Quotes of five to nine words of a small vocabulary, some with a
    /// word's case or punctuation changed, so that many are similar.
    fn draft() -> impl Strategy<Value = String> {
        let word =
            prop::sample::select(vec!["river", "River", "crest", "crest,", "on", "friday", "Friday", "night"]);
        let quote = prop::collection::vec(word, 5..10).prop_map(|w| w.join(" "));
        prop::collection::vec(quote, 1..8)
            .prop_map(|qs| qs.iter().map(|q| format!("“{q},” said Ana Ruiz.\n\n")).collect::<String>())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// Where the sketches say no two quotes could be similar, the rule
        /// finds nothing when it reads the draft in full.
        #[test]
        fn a_draft_the_sketches_pass_over_has_no_drift(text in draft()) {
            let a = analyzed(&text);
            if !may_drift(&a) {
                prop_assert_eq!(drifts(&a), 0);
            }
        }
    }

    #[test]
    fn the_sketches_pass_over_only_drafts_without_similar_quotes() {
        let river = "“The river will crest on Friday night at the old gauge,” said Ruth Adler.\n\n";
        let drifted =
            "Residents heard that “the river will probably crest on Friday at the old gauge,” Adler said.\n\n";
        let other = "“Nobody here has seen water this high since the winter of the flood,” a neighbour said.\n\n";
        let cases = [
            (format!("{river}{other}"), false),
            // the same words again are one text, not a drift
            (format!("{river}{other}{}", river.replace("The", "the")), false),
            (format!("{river}{other}{drifted}"), true),
            // a quote repeated through a draft is kept once, and a drift after it still found
            (format!("{}{other}", river.repeat(40)), false),
            (format!("{}{other}{drifted}", river.repeat(40)), true),
            (format!("{other}{}{drifted}{}", river.repeat(20), other.repeat(20)), true),
        ];
        for (draft, expected) in cases {
            let a = analyzed(&draft);
            assert_eq!(may_drift(&a), expected, "{draft}");
            assert_eq!(drifts(&a) > 0, expected, "{draft}");
        }
        // the copies of a repeated quote are compared with what is kept, not with each other
        let repeated = analyzed(&format!("{}{other}", river.repeat(MOST_QUOTES - 1)));
        assert!(!may_drift(&repeated));
        assert_eq!(ROWS.with_borrow(Vec::len), 2, "one row for each different quote");
        // past the most quotes sketched, the index decides
        let many: String =
            (0..=MOST_QUOTES).map(|k| format!("“Quote number {k} has its own words,” she said.\n\n")).collect();
        assert!(may_drift(&analyzed(&many)));
    }
}
