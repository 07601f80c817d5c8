//! Recognising quotation marks, and telling them from apostrophes and primes.

use crate::quote::MarkStyle;

/// Double marks pair with double marks, single with single, whatever their style:
/// published copy mixes “…" often enough that pairing must tolerate it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Double,
    Single,
}

/// Which way a mark faces, judged from the mark itself and its neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facing {
    Open,
    Close,
    /// Could be either (`word"word`); the open quotations decide.
    Either,
}

/// A candidate quotation mark at a position in prose text: twelve bytes
/// (24 with eight-byte offsets). A paragraph's marks are all held while it
/// is paired, beside the quotations paired so far: a first paragraph of
/// 8 MB made of short quotations has a million marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// Offsets in 32 bits, as the blocks' are (drafts are far under 4 GiB,
    /// see [`crate::markdown::ProseBlock`]); a mark is at most a few bytes long.
    pos: u32,
    len: u8,
    pub family: Family,
    pub facing: Facing,
    pub style: MarkStyle,
    /// `“` or `‘` facing the wrong way: only a closer if something is open.
    pub weak: bool,
}

impl Mark {
    fn new(pos: usize, len: usize, family: Family, facing: Facing, style: MarkStyle, weak: bool) -> Self {
        let pos = u32::try_from(pos).unwrap_or(u32::MAX);
        Mark { pos, len: u8::try_from(len).unwrap_or(u8::MAX), family, facing, style, weak }
    }

    /// Where the mark starts in its block's text.
    pub fn pos(&self) -> usize {
        self.pos as usize
    }

    /// How many bytes the mark takes.
    pub fn width(&self) -> usize {
        usize::from(self.len)
    }

    /// The bytes the mark takes in its block's text.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.pos()..self.pos() + self.width()
    }
}

/// Words that start with an elided letter: the apostrophe is not a quote.
const ELISIONS: &[&str] =
    &["n'", "n’", "em", "til", "cause", "tis", "twas", "bout", "round", "cept", "nuff", "sup"];

fn is_space(c: Option<char>) -> bool {
    c.is_none_or(char::is_whitespace)
}

/// Characters after which an opening mark may stand.
fn opens_after(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => c.is_whitespace() || "([{—–-/\u{FFFC}“‘«‹„‚\"'`*_".contains(c),
    }
}

/// Characters before which a closing mark may stand.
fn closes_before(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => c.is_whitespace() || ".,;:!?)]}—–-/…”’»›\"'*_\u{FFFC}".contains(c),
    }
}

fn facing_from_flanks(prev: Option<char>, next: Option<char>) -> Option<Facing> {
    let left = opens_after(prev) && !is_space(next);
    let right = !is_space(prev) && closes_before(next);
    match (left, right) {
        (true, false) => Some(Facing::Open),
        (false, true) => Some(Facing::Close),
        (true, true) => Some(Facing::Either),
        (false, false) if !is_space(prev) && !is_space(next) => Some(Facing::Either),
        (false, false) => None,
    }
}

fn starts_elision(rest: &str) -> bool {
    let lower: String = rest.chars().take(6).flat_map(char::to_lowercase).collect();
    ELISIONS
        .iter()
        .any(|e| lower.starts_with(e) && lower[e.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric()))
        || rest.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// Finds every candidate quotation mark in `text`, in order.
pub fn find_marks(text: &str) -> Vec<Mark> {
    let mut marks = Vec::new();
    let mut skip_until = 0;
    for pos in mark_starts(text.as_bytes()) {
        let Some(c) = text.get(pos..).and_then(|rest| rest.chars().next()) else { continue };
        // most characters are not marks: look at neighbours only for those that may be
        if pos < skip_until || !is_mark_char(c) {
            continue;
        }
        marks.extend(mark_at(text, pos, c, &mut skip_until));
    }
    marks
}

/// Where a mark may start in `bytes`, in order: at one of five bytes, only
/// where a character is decoded. Most blocks hold no `` ` `` and no « » (lead
/// byte 0xC2): the other three are found with `memchr3`, where testing
/// every byte in [`MAY_START_MARK`] took four instructions a byte.
fn mark_starts(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let rare = memchr::memchr2(b'`', 0xC2, bytes).is_some();
    let common = (!rare).then(|| memchr::memchr3_iter(b'"', b'\'', 0xE2, bytes));
    let all = rare.then(|| bytes.iter().enumerate().filter(|&(_, &b)| MAY_START_MARK[usize::from(b)]));
    common.into_iter().flatten().chain(all.into_iter().flatten().map(|(pos, _)| pos))
}

/// The mark the character `c` at `pos` makes, if any; `skip_until` is moved
/// past the second character of a doubled mark.
fn mark_at(text: &str, pos: usize, c: char, skip_until: &mut usize) -> Option<Mark> {
    let prev = text.get(..pos).and_then(|s| s.chars().next_back());
    let rest = text.get(pos + c.len_utf8()..).unwrap_or_default();
    let next = rest.chars().next();
    let two = (c == '\'' && next == Some('\'')) || (c == '`' && next == Some('`'));
    if two && c == '\'' && closes_inner_then_outer(prev, rest) {
        // "on 'Fox and Friends,''' said": the inner single mark closes
        // first, then the doubled one (the next two characters)
        mark(pos, c, Family::Single, Facing::Close, MarkStyle::Straight, false)
    } else if two {
        *skip_until = pos + 2;
        let after = rest.get(1..).unwrap_or_default().chars().next();
        let facing = match c {
            '`' => Some(Facing::Open),
            // "coalitions, '' said": spaced on both sides, it can only close
            _ => facing_from_flanks(prev, after).or(Some(Facing::Close)),
        };
        facing.map(|facing| doubled(pos, 2, facing))
    } else if let Some(facing) = doubled_curly(c, prev, rest) {
        *skip_until = pos + 2 * c.len_utf8();
        Some(doubled(pos, 2 * c.len_utf8(), facing))
    } else {
        classify(c, pos, prev, next, rest)
    }
}

/// Three apostrophes after a word, at a `'` whose `rest` starts with the
/// other two: a single mark and a doubled one, both closing.
fn closes_inner_then_outer(prev: Option<char>, rest: &str) -> bool {
    let after = rest.get(2..).unwrap_or_default().chars().next();
    rest.starts_with("''") && !is_space(prev) && closes_before(after)
}

fn doubled(pos: usize, len: usize, facing: Facing) -> Mark {
    Mark::new(pos, len, Family::Double, facing, MarkStyle::DoubledApostrophe, false)
}

/// Two curly single marks typed for one double mark: ‘‘ opens, ’’ closes,
/// and ‘’ before a word opens (“‘’It’s not a question …”” in wire copy).
fn doubled_curly(c: char, prev: Option<char>, rest: &str) -> Option<Facing> {
    let mut chars = rest.chars();
    let second = chars.next()?;
    let after = chars.next();
    let flanks = facing_from_flanks(prev, after);
    match (c, second) {
        ('‘', '‘') => Some(Facing::Open),
        ('’', '’') => Some(if flanks == Some(Facing::Open) { Facing::Either } else { Facing::Close }),
        ('‘', '’') if flanks == Some(Facing::Open) => Some(Facing::Open),
        _ => None,
    }
}

fn is_mark_char(c: char) -> bool {
    matches!(c, '"' | '\'' | '`' | '“' | '”' | '‘' | '’' | '„' | '‚' | '«' | '»' | '‹' | '›')
}

/// Per byte, whether it is the first byte of a character [`is_mark_char`]
/// takes: the three ASCII marks and the lead bytes of the others (0xC2 of
/// « », 0xE2 of the rest). Decoding every character of the text to ask
/// about it was most of the scan for marks.
static MAY_START_MARK: [bool; 256] = {
    let mut table = [false; 256];
    let marks = ['"', '\'', '`', '“', '”', '‘', '’', '„', '‚', '«', '»', '‹', '›'];
    let mut i = 0;
    while i < marks.len() {
        let mut utf8 = [0u8; 4];
        let first = marks[i].encode_utf8(&mut utf8).as_bytes()[0];
        table[first as usize] = true;
        i += 1;
    }
    table
};

fn mark(pos: usize, c: char, family: Family, facing: Facing, style: MarkStyle, weak: bool) -> Option<Mark> {
    Some(Mark::new(pos, c.len_utf8(), family, facing, style, weak))
}

fn classify(c: char, pos: usize, prev: Option<char>, next: Option<char>, rest: &str) -> Option<Mark> {
    use Facing::*;
    use Family::*;
    let flanks = facing_from_flanks(prev, next);
    match c {
        '"' => {
            // 12" pipe, 6'2": an inch mark after a digit (the pairing pass
            // still lets it close a quotation that is open).
            let prime = prev.is_some_and(|p| p.is_ascii_digit()) && flanks != Some(Open);
            // A mark with space on both sides can only close what is open.
            let weak = prime || flanks.is_none();
            let facing = if weak { Close } else { flanks? };
            mark(pos, c, Double, facing, MarkStyle::Straight, weak)
        }
        '“' => {
            let weak = flanks == Some(Close);
            mark(pos, c, Double, if weak { Close } else { Open }, MarkStyle::Curly, weak)
        }
        '”' => {
            // ”Mr. Trump … or ” … what I learned at a paragraph's start: a
            // closing mark used to open (it still closes whatever is open)
            let facing = if flanks == Some(Open) || prev.is_none() { Either } else { Close };
            mark(pos, c, Double, facing, MarkStyle::Curly, false)
        }
        '„' => mark(pos, c, Double, Open, MarkStyle::German, false),
        '«' => mark(pos, c, Double, Open, MarkStyle::Guillemet, false),
        '»' => mark(pos, c, Double, Close, MarkStyle::Guillemet, false),
        '‹' => mark(pos, c, Single, Open, MarkStyle::Guillemet, false),
        '›' => mark(pos, c, Single, Close, MarkStyle::Guillemet, false),
        '‚' => mark(pos, c, Single, Open, MarkStyle::German, false),
        '\'' | '‘' | '’' => single(c, pos, prev, next, rest, flanks),
        _ => None,
    }
}

/// Single marks double as apostrophes: only a mark that faces one way
/// unambiguously, and is not an elision or a prime, is a candidate.
fn single(
    c: char,
    pos: usize,
    prev: Option<char>,
    next: Option<char>,
    rest: &str,
    flanks: Option<Facing>,
) -> Option<Mark> {
    let style = if c == '\'' { MarkStyle::Straight } else { MarkStyle::Curly };
    let letter = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
    if letter(prev) && letter(next) {
        return None; // don't, O'Neill, Kim Yo Jong's
    }
    if prev.is_some_and(|p| p.is_ascii_digit()) && c == '\'' {
        return None; // 6'2"
    }
    match flanks? {
        Facing::Open if c != '’' && !starts_elision(rest) => {
            mark(pos, c, Family::Single, Facing::Open, style, false)
        }
        Facing::Close if c != '‘' => mark(pos, c, Family::Single, Facing::Close, style, false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_mark_is_held_in_twelve_bytes_and_reads_back_its_place() {
        // a paragraph's marks are all held while it is paired (24 bytes with usize offsets)
        assert_eq!(std::mem::size_of::<Mark>(), 12);
        let text = "x ''Yes,'' he said. “No.”";
        let places: Vec<(usize, usize)> = find_marks(text).iter().map(|m| (m.pos(), m.width())).collect();
        assert_eq!(places, [(2, 2), (8, 2), (20, 3), (26, 3)]);
    }

    /// [`find_marks`] as it was, decoding every character: the reference.
    fn by_chars(text: &str) -> Vec<Mark> {
        let (mut marks, mut skip_until) = (Vec::new(), 0);
        for (pos, c) in text.char_indices() {
            if pos >= skip_until && is_mark_char(c) {
                marks.extend(mark_at(text, pos, c, &mut skip_until));
            }
        }
        marks
    }

    proptest! {
        /// Every mark (doubled ones by chance), and chars that share the
        /// marks' lead bytes (— … ‑ ° no-break space).
        #[test]
        fn marks_found_at_their_first_bytes_are_those_found_by_char(
            text in "[\"'`“”‘’„‚«»‹› Ow,.(\n—…‑°\u{a0}é]{0,40}"
        ) {
            prop_assert_eq!(find_marks(&text), by_chars(&text));
        }
    }

    proptest! {
        /// Texts with and without the rare bytes (` and the 0xC2 of « » and the no-break space).
        #[test]
        fn the_memchr_starts_are_the_table_s(text in "[\"'“’a —é]{0,20}", rare in "[`«\u{a0}]?") {
            for text in [text.clone(), format!("{text}{rare}")] {
                let table: Vec<usize> =
                    text.bytes().enumerate().filter(|&(_, b)| MAY_START_MARK[usize::from(b)]).map(|(i, _)| i).collect();
                prop_assert_eq!(mark_starts(text.as_bytes()).collect::<Vec<_>>(), table);
            }
        }
    }

    #[test]
    fn every_mark_char_starts_with_a_byte_the_table_takes() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32).filter(|&c| is_mark_char(c)) {
            let mut utf8 = [0u8; 4];
            assert!(MAY_START_MARK[usize::from(c.encode_utf8(&mut utf8).as_bytes()[0])], "{c:?}");
        }
    }

    fn facings(text: &str) -> Vec<(char, Facing)> {
        find_marks(text).iter().map(|m| (text[m.pos()..].chars().next().unwrap_or(' '), m.facing)).collect()
    }

    #[test]
    fn apostrophes_are_not_marks() {
        for text in
            ["don't", "Kim Yo Jong's plan", "O'Neill", "the '90s", "rock 'n' roll", "’90s", "it’s", "'em all"]
        {
            assert!(
                // a closing candidate only pairs with an opening one, and none opens here
                find_marks(text).iter().all(|m| m.family == Family::Double || m.facing == Facing::Close),
                "{text}: {:?}",
                find_marks(text)
            );
        }
    }

    #[test]
    fn doubled_curly_singles_are_one_double_mark() {
        let text = "‘‘We sail,’’ she said. ‘’It’s late.” Next";
        let marks = find_marks(text);
        let doubles: Vec<_> = marks.iter().filter(|m| m.family == Family::Double).collect();
        assert_eq!(doubles.len(), 4, "{marks:?}");
        assert!(doubles.iter().take(3).all(|m| m.width() == 6 && m.style == MarkStyle::DoubledApostrophe));
        assert_eq!(
            doubles.iter().map(|m| m.facing).collect::<Vec<_>>()[..3],
            [Facing::Open, Facing::Close, Facing::Open]
        );
        // the apostrophe in "It’s" is no mark
        assert!(marks.iter().all(|m| m.family == Family::Double));
    }

    #[test]
    fn a_closing_double_mark_may_open_a_paragraph() {
        use Facing::*;
        // wire copy that opens on ” and an ellipsis: nothing can be open yet
        assert_eq!(facings("” … we learned,” he said."), vec![('”', Either), ('”', Close)]);
        assert_eq!(facings("”We won,” she said."), vec![('”', Either), ('”', Close)]);
        // inside a paragraph, ” after a space still only closes
        assert_eq!(facings("he said ” then"), vec![('”', Close)]);
    }

    #[test]
    fn primes_are_weak_closers() {
        let marks = find_marks("a 12\" pipe");
        assert_eq!(marks.len(), 1);
        assert!(marks[0].weak);
        assert!(find_marks("he is 6'2\" tall").iter().all(|m| m.family == Family::Double && m.weak));
    }

    #[test]
    fn straight_quotes_face_by_their_neighbours() {
        use Facing::*;
        assert_eq!(facings("say \"hi,\" now"), vec![('"', Open), ('"', Close)]);
        assert_eq!(facings("(\"x\")"), vec![('"', Open), ('"', Close)]);
    }

    #[test]
    fn doubled_apostrophes_are_one_mark() {
        let marks = find_marks("''Yes,'' he said. ``No.''");
        assert_eq!(marks.len(), 4);
        assert!(marks.iter().all(|m| m.width() == 2 && m.style == MarkStyle::DoubledApostrophe));
        assert_eq!(marks[2].facing, Facing::Open);
    }

    #[test]
    fn three_apostrophes_close_the_inner_mark_first() {
        let marks = find_marks("''on 'Harbour Watch,''' said");
        let shape: Vec<_> = marks.iter().map(|m| (m.family, m.facing, m.width())).collect();
        use Facing::*;
        use Family::*;
        assert_eq!(shape, [(Double, Open, 2), (Single, Open, 1), (Single, Close, 1), (Double, Close, 2)]);
        // spaced on both sides, a doubled apostrophe still closes
        assert_eq!(find_marks("habits, '' said")[0].facing, Close);
    }

    #[test]
    fn students_apostrophe_is_only_a_closer_candidate() {
        let marks = find_marks("the students' union");
        assert_eq!(marks.len(), 1);
        assert_eq!(marks[0].facing, Facing::Close);
    }
}
