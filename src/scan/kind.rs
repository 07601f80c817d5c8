//! A first reading of how each quotation is used: speech, a scare quote or a
//! title. The attribution stage refines scare against partial with the
//! sentence's speech context.

use crate::markdown::{BlockKind, Document, ProseBlock};
use crate::quote::{Quote, QuoteKind};

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

/// The words of a quotation that have a letter or a digit, or `most` if
/// there are more: a long quotation is not read to its end.
fn word_count_up_to(inner: &str, most: usize) -> usize {
    inner.split_whitespace().filter(|w| has_alphanumeric(w)).take(most).count()
}

/// Whether `word` has a letter or a digit. Asked of every word of every
/// quotation: an ASCII one is found without decoding characters.
fn has_alphanumeric(word: &str) -> bool {
    word.bytes().any(|b| b.is_ascii_alphanumeric()) || !word.is_ascii() && word.chars().any(char::is_alphanumeric)
}

/// Every significant word capitalised: a name or title (US style keeps a
/// comma or full stop inside the marks, so trailing punctuation is allowed).
fn is_title_case(inner: &str) -> bool {
    if inner.trim_end().ends_with(['!', '?']) {
        return false;
    }
    let mut any = false;
    // no allocation: this runs for every quotation
    for (i, w) in inner.split_whitespace().filter(|w| has_alphanumeric(w)).enumerate() {
        any = true;
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let upper = w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        let small = i > 0 && SMALL_WORDS.iter().any(|s| s.eq_ignore_ascii_case(w));
        if !(upper || small) {
            return false;
        }
    }
    any
}

/// The most words [`with_tail_words`] is asked for.
const TAIL_WORDS: usize = 3;

/// `read` given the last `n` (at most [`TAIL_WORDS`]) words of the text
/// before a quote, lower-cased and joined by single spaces. Asked twice of
/// every quotation: a tail of ASCII words (nearly all) is joined in a buffer
/// on the stack, where a vector, a joined string and its lower-case copy
/// were three allocations a call.
fn with_tail_words<R>(before: &str, n: usize, read: impl FnOnce(&str) -> R) -> R {
    // read from the end: the text before a quote can be a long paragraph
    let mut last = [""; TAIL_WORDS];
    let mut count = 0;
    for (slot, word) in last.iter_mut().zip(before.split_whitespace().rev().take(n.min(TAIL_WORDS))) {
        *slot = word;
        count += 1;
    }
    let words = &mut last[..count];
    words.reverse();
    let mut buf = [0u8; 64];
    let mut len = 0;
    for (i, word) in words.iter().enumerate() {
        let sep = usize::from(i > 0);
        let Some(room) = buf.get_mut(len..len + sep + word.len()).filter(|_| word.is_ascii()) else {
            return read(&tail_words(before, n));
        };
        let (space, rest) = room.split_at_mut(sep);
        space.fill(b' ');
        rest.copy_from_slice(word.as_bytes());
        len += sep + word.len();
    }
    buf[..len].make_ascii_lowercase();
    // ASCII bytes copied whole are valid UTF-8
    read(std::str::from_utf8(&buf[..len]).unwrap_or_default())
}

/// [`with_tail_words`]'s tail in a new string: the plain reading, for any text.
fn tail_words(before: &str, n: usize) -> String {
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

/// Whether the word right before the quote is a capitalised possessor
/// ("CBS’", "NBC's"): what follows is something it owns, a show or a work.
fn after_possessor(before: &str) -> bool {
    let Some(word) = before.strip_suffix(' ').and_then(|b| b.rsplit(' ').next()) else { return false };
    let owner = word.strip_suffix("’s").or_else(|| word.strip_suffix("'s")).or_else(|| {
        // "CBS’": a plural-style possessive, only on a word in capitals
        word.strip_suffix(['’', '\'']).filter(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase()))
    });
    owner.is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Whether only the quote (and perhaps punctuation) fills the block.
fn fills_block(before: &str, after: &str) -> bool {
    let bare = |s: &str| s.chars().all(|c| c.is_whitespace() || c.is_ascii_punctuation());
    bare(before) && bare(after)
}

/// Title cues that mark the words after them as a name or a text whatever
/// their case: "its motto, “A spirit that will not die”", "signs reading “…”".
const STRONG_TITLE_CUES: &[&str] = &[
    "titled",
    "entitled",
    "headlined",
    "headline",
    "motto",
    "slogan",
    "slogans",
    "hashtag",
    "reading",
    "commentary",
];

/// Words of the labels news sites put before links and boxes.
pub const PAGE_LABEL_WORDS: &[&str] = &[
    "READ",
    "MORE",
    "WATCH",
    "LISTEN",
    "RELATED",
    "VIDEO",
    "PHOTOS",
    "GALLERY",
    "UPDATE",
    "TAKE",
    "CORRECTION",
    "SEE",
    "ALSO",
    "LATEST",
    "TRENDING",
    "EDITOR",
    "NOTE",
    "SUBSCRIBE",
    "SIGN",
];

/// "READ MORE: ‘…’", "WATCH: Mayor slams ‘…’": a site's label before a link
/// to another story; the words in marks are that story's headline.
pub fn is_link_line(text: &str) -> bool {
    // asked for every quote of a paragraph: look at its first 41 bytes only
    // (':' is ASCII, so its byte position is a character boundary)
    let colon = text.bytes().take(41).position(|b| b == b':').unwrap_or(0);
    let Some(label) = text.get(..colon) else { return false };
    !label.is_empty()
        && !label.chars().any(char::is_lowercase)
        && label.split_whitespace().any(|w| LINK_LABEL_WORDS.contains(&w))
}

/// The labels among those that introduce a link (not "ANALYST'S TAKE:",
/// which introduces someone's words).
const LINK_LABEL_WORDS: &[&str] =
    &["READ", "WATCH", "LISTEN", "RELATED", "VIDEO", "PHOTOS", "GALLERY", "SEE", "LATEST", "TRENDING"];

/// A short paragraph with no full stop at its end is a headline, a subhead
/// or page furniture, not a sentence.
fn is_label_block(text: &str) -> bool {
    let t = text.trim_end().trim_end_matches(['*', '_', '"', '”', '’', '\'', '»']);
    t.split_whitespace().take(15).count() <= 14 && !t.ends_with(['.', '!', '?', ':'])
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

/// "the third child - referred to as “…”", "sometimes referred to
/// condescendingly as “…”": a passive naming reports what people call
/// someone, not words anyone in the story said ("she referred to him as
/// “…”" has an object and quotes its subject).
pub fn named_passively(before: &str) -> bool {
    // read back word by word: asked of every quotation, so no lowered copy
    let is = |w: Option<&str>, word: &str| w.is_some_and(|w| w.eq_ignore_ascii_case(word));
    let mut words = before.split_whitespace().rev().peekable();
    if words.peek().is_some_and(|w| ["a", "an", "the"].iter().any(|a| w.eq_ignore_ascii_case(a))) {
        words.next();
    }
    if !is(words.next(), "as") {
        return false;
    }
    let adverb = |w: &&str| w.len() > 4 && w.get(w.len() - 2..).is_some_and(|end| end.eq_ignore_ascii_case("ly"));
    if words.peek().is_some_and(adverb) {
        words.next(); // "condescendingly"
    }
    is(words.next(), "to") && is(words.next(), "referred")
}

/// How far back the sentence before a quote is read, in bytes (longer than
/// any sentence of the news corpora).
const SENTENCE_BYTES: usize = 2048;

/// Kind of a quotation from its words and its place in the block.
pub fn classify(block: &ProseBlock, outer: std::ops::Range<usize>, inner: &str, headline: bool) -> QuoteKind {
    // a footnote cites works: its quotations are their titles
    if headline || matches!(block.kind(), BlockKind::Heading(_) | BlockKind::Footnote) || is_link_line(&block.text)
    {
        return QuoteKind::Title;
    }
    let before = block.text.get(..outer.start).unwrap_or_default();
    let after = block.text.get(outer.end..).unwrap_or_default();
    // three words: a two-word cue, or one past an article ("known as the “Buffett rule”")
    let scare_cue = with_tail_words(before, 3, |tail| {
        let tail = tail.trim_end_matches(|c: char| !c.is_alphanumeric());
        let past_article = ["the", "a", "an"]
            .iter()
            .find_map(|a| tail.strip_suffix(a).filter(|t| t.ends_with(' ')).map(str::trim_end))
            .unwrap_or(tail);
        SCARE_CUES.iter().any(|cue| tail.ends_with(cue) || past_article.ends_with(cue))
    });
    if scare_cue || named_passively(before) {
        return QuoteKind::Scare;
    }
    // (counted up to nine: only "at most eight", "at most six" and "at least three" are asked)
    let n = word_count_up_to(inner, 9);
    // read once, when first asked: a quotation's every word may be read
    let title_case = std::cell::OnceCell::new();
    let title_case = || *title_case.get_or_init(|| is_title_case(inner));
    // 'Hard to be in such close quarters' as a subhead: single marks in a label line
    let marks = block.text.get(outer.clone()).unwrap_or_default();
    let doubled = ["''", "‘‘", "‘’"].iter().any(|d| marks.starts_with(d));
    let single = marks.starts_with(['‘', '\'']) && !doubled;
    if single && is_label_block(&block.text) {
        return QuoteKind::Title;
    }
    if fills_block(before, after) {
        // a short line in title case standing alone is a subhead
        return if n <= 8 && title_case() { QuoteKind::Title } else { QuoteKind::Direct };
    }
    let (strong_cue, cue) = with_tail_words(before, 1, |last| {
        let last = last.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        (STRONG_TITLE_CUES.contains(&last), TITLE_CUES.contains(&last))
    });
    if strong_cue || (cue && title_case()) {
        return QuoteKind::Title;
    }
    // "on CBS’ “Face the Nation.”", "NBC's “Meet the Press”": a possessor's title
    if n <= 8 && title_case() && after_possessor(before) {
        return QuoteKind::Title;
    }
    let start = at_sentence_start(before);
    // ("'''College Bowl,''' he replied": the punctuation may sit inside an inner mark)
    let spoken_end = inner.trim_end().trim_end_matches(['\'', '’', '"', '”']).ends_with(['.', ',', '!', '?']);
    if n <= 6 && !(start && (n >= 3 || spoken_end)) && title_case() {
        return QuoteKind::Title;
    }
    // "“The Kid Who Would Be King” reclaims the genre": a name the sentence is about
    if !spoken_end && after.trim_start().starts_with(|c: char| c.is_lowercase()) && title_case() {
        return QuoteKind::Title;
    }
    let upper = inner.trim_start().chars().next().is_some_and(char::is_uppercase);
    // after a comma a fragment in lower case continues the writer's sentence,
    // unless it resumes a quote the sentence broke off ("“Q,” she said, “and …”")
    let b = before.trim_end();
    // read back at most a long sentence's length: a paragraph without full stops stays linear
    let mut from = b.len().saturating_sub(SENTENCE_BYTES);
    while !b.is_char_boundary(from) {
        from += 1;
    }
    let recent = b.get(from..).unwrap_or(b);
    // (bytes: the stops are ASCII, and a char search back decodes every char of 2 KB per quote)
    let this_sentence = memchr::memrchr3(b'.', b'!', b'?', recent.as_bytes()).map_or(recent, |i| &recent[i..]);
    // (one mark at a time: a search for one character runs memchr on its
    // last byte, one for either of two decodes every character)
    let resumes = this_sentence.contains('”') || this_sentence.contains('"') || this_sentence.contains("''");
    let opens_sentence = start && (!b.ends_with([',', ';']) || resumes);
    if (upper || opens_sentence) && (n >= 3 || (start && spoken_end)) {
        return QuoteKind::Direct;
    }
    QuoteKind::Partial
}

/// The fewest quoted words in a row that make a list of terms.
const TERM_LIST_MIN: usize = 3;
/// The most words a quoted term of such a list has.
const TERM_WORDS: usize = 3;

/// "words such as “grapple,” “optics,” “ghosting” and “yeet”": three or
/// more short quotations in a row joined only by commas, "and" or "or" are
/// words the story talks about, not words anyone said.
pub fn mark_term_lists(doc: &Document, quotes: &mut [Quote]) {
    let mut run: Vec<usize> = Vec::new();
    for i in 0..quotes.len() {
        let joined = run.last().is_some_and(|&prev| listed_after(doc, &quotes[prev], &quotes[i]));
        if !joined {
            close_run(quotes, &run);
            run.clear();
        }
        if is_term_like(doc, &quotes[i]) {
            run.push(i);
        } else {
            close_run(quotes, &run);
            run.clear();
        }
    }
    close_run(quotes, &run);
}

fn is_term_like(doc: &Document, q: &Quote) -> bool {
    q.depth == 0 && q.parts.len() == 1 && word_count_up_to(&q.text(doc), TERM_WORDS + 1) <= TERM_WORDS
}

/// Whether `next` follows `prev` in the same block with only a list's
/// joining words between them.
fn listed_after(doc: &Document, prev: &Quote, next: &Quote) -> bool {
    let (Some(a), Some(b)) = (prev.parts.first(), next.parts.first()) else { return false };
    if a.block() != b.block() || b.outer().start < a.outer().end {
        return false;
    }
    let Some(between) = doc.blocks.get(a.block()).and_then(|blk| blk.text.get(a.outer().end..b.outer().start))
    else {
        return false;
    };
    between.len() <= 12
        && between
            .split(|c: char| c.is_whitespace() || c == ',')
            .all(|w| w.is_empty() || w.eq_ignore_ascii_case("and") || w.eq_ignore_ascii_case("or"))
}

fn close_run(quotes: &mut [Quote], run: &[usize]) {
    if run.len() >= TERM_LIST_MIN {
        for &i in run {
            quotes[i].kind = QuoteKind::Scare;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{has_alphanumeric, is_link_line, tail_words, with_tail_words, word_count_up_to};

    #[test]
    fn a_tail_is_the_last_words_lowered_and_joined_by_one_space() {
        let tail = |before: &str, n| with_tail_words(before, n, str::to_owned);
        assert_eq!(tail("The Council  called\u{a0}it the\n", 3), "called it the");
        assert_eq!(tail("Known AS", 1), "as");
        assert_eq!(tail("", 3), "");
        // past the buffer, or not ASCII: the plain reading
        assert_eq!(tail("a wordthatislongerthanthebufferholdsbyagoodmarginofseveralmorebytes", 2).len(), 67);
        assert_eq!(tail("Die Straße ÉTÉ", 2), "straße été");
    }

    #[test]
    fn words_are_counted_up_to_the_most_asked() {
        let quote = "We will — as ever — keep the 2 ferries , running";
        assert_eq!(word_count_up_to(quote, 100), 9, "dashes and a lone comma are no words");
        assert_eq!(word_count_up_to(quote, 8), 8);
        assert_eq!(word_count_up_to(quote, 3), 3);
        assert_eq!(word_count_up_to("", 3), 0);
    }

    proptest::proptest! {
        /// ASCII letters and digits, punctuation, and non-ASCII letters and digits ("٣").
        #[test]
        fn the_byte_test_finds_what_the_char_test_finds(word in "[a-zA-Z0-9.,’—é٣中\u{300}]{0,6}") {
            proptest::prop_assert_eq!(has_alphanumeric(&word), word.chars().any(char::is_alphanumeric));
        }

        /// Words of ASCII and not, long and short, between spaces of every kind.
        #[test]
        fn the_stack_tail_is_the_plain_tail(
            before in "([a-zA-Z.,'-]{0,30}|Straße|ÉTÉ|\u{212A}elvin)([ \t\n\u{a0}\u{2028}]{1,2}([a-zA-Z.,'-]{0,30}|Straße|ÉTÉ)){0,5}",
            n in 1usize..=3,
        ) {
            proptest::prop_assert_eq!(with_tail_words(&before, n, str::to_owned), tail_words(&before, n));
        }
    }

    #[test]
    fn a_passive_naming_has_no_object_before_its_as() {
        use super::named_passively;
        assert!(named_passively("the third child - referred to as "));
        assert!(named_passively("were sometimes referred to condescendingly as the "));
        assert!(!named_passively("Lund referred to the mayor as "));
        assert!(!named_passively("the plan, known to some as "));
    }

    #[test]
    fn link_labels_only_in_capitals_before_an_early_colon() {
        assert!(is_link_line("READ MORE: ‘We were never asked’: islanders fight the cuts"));
        assert!(is_link_line("WATCH BELOW: The council is calling it “reckless.”"));
        assert!(!is_link_line("ANALYST'S TAKE: \"The line cannot cut its way out,\" she said."));
        assert!(!is_link_line("Read more: the council said “no.”"));
        assert!(!is_link_line("The mayor said: “Watch: we will sail.”"));
    }
}
