//! A rule-based sentence splitter for one paragraph of prose.
//!
//! It never breaks inside an open quotation, lets closing quotes and brackets
//! stay with the sentence they end, and knows titles and abbreviations from the
//! [`Lexicon`], so "Sen. Jane Doe, D-Calif., said" stays whole. It runs in
//! linear time: one pass pairs the quotation marks, a second finds the breaks.

mod find;

use crate::lexicon::{AbbrevKind, Lexicon, VerbClass, VerbForm};
use find::{Chars, Finder};
use std::ops::Range;

/// Sentences of `text` as byte ranges, in order, with the whitespace between
/// them left out. Uses the built-in lexicon.
pub fn split(text: &str) -> Vec<Range<usize>> {
    split_with(text, Lexicon::builtin())
}

/// [`split`] with a given lexicon (for house abbreviations from a config).
pub fn split_with(text: &str, lexicon: &Lexicon) -> Vec<Range<usize>> {
    let mut quotes = Quoted::new(quoted_spans(text));
    let mut out = Vec::new();
    let mut start = 0;
    let mut pos = 0;
    let mut stops = Finder::new(text, TERMINALS);
    // jump from one sentence-ending character to the next
    while let Some(at) = stops.find(pos) {
        crate::budget::tick();
        pos = at;
        let Some(c) = text.get(pos..).and_then(|rest| rest.chars().next()) else { break };
        let next = pos + c.len_utf8();
        let run_end = skip_while(text, pos, is_terminal);
        let end = skip_while(text, run_end, is_closer);
        if !quotes.inside(end) && is_break(text, lexicon, pos..run_end, end) {
            push_trimmed(text, start..end, &mut out);
            start = end;
        }
        pos = end.max(next);
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let Some(piece) = text.get(range.clone()) else { return };
    let trimmed = piece.trim_start();
    let start = range.start + (piece.len() - trimmed.len());
    let end = start + trimmed.trim_end().len();
    if end > start {
        out.push(start..end);
    }
}

fn skip_while(text: &str, pos: usize, keep: fn(char) -> bool) -> usize {
    let rest = text.get(pos..).unwrap_or_default();
    pos + rest.find(|c| !keep(c)).unwrap_or(rest.len())
}

/// What a sentence ends at (see [`find`]).
const TERMINALS: Chars = Chars { ascii: *b".?!", wanted: is_terminal };

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | '…')
}

/// Marks that close a quotation or bracket and so stay with the sentence.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›' | '“' | ')' | ']' | '}')
}

/// Marks that may open a quotation or bracket at the start of a sentence.
fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '«' | '‹' | '„' | '(' | '[' | '`')
}

/// Whether the stop at `run` (its closers running to `end`) ends a sentence.
fn is_break(text: &str, lexicon: &Lexicon, run: Range<usize>, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or_default();
    let next = rest.trim_start();
    if next.len() == rest.len() || next.is_empty() {
        return false; // no space after it ("3.5", "U.S.-led"), or the end anyway
    }
    if !next.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || is_opener(c)) {
        return false;
    }
    // "Can you?" Sanders asked: the attribution after a quoted question or
    // exclamation belongs to it.
    let question = text.get(run.clone()).is_some_and(|r| r.contains(['?', '!']));
    if end > run.end && question && attribution_follows(next, lexicon) {
        return false;
    }
    // "?", "!", "…", "..." and a stop before a closing mark are not abbreviations.
    if text.get(run.clone()) != Some(".") || end > run.end {
        return true;
    }
    let token = token_before(text, run.start);
    match lexicon.abbreviation(token.unwrap_or_default()) {
        Some(AbbrevKind::Title) => false,
        Some(AbbrevKind::Other) => starts_new_sentence(next),
        None if token.is_some_and(is_initials) => starts_new_sentence(next),
        None => true,
    }
}

/// How many words after a quoted question or exclamation may lead to its
/// reporting verb, not counting a bracketed tag or a nickname.
const ATTRIBUTION_WORDS: usize = 6;

/// Whether a reporting verb comes within the next few words, before any
/// sentence punctuation ("Sanders asked", "said Rep. Jane Doe").
/// The words may run long before the verb ("Reddy's niece, state Del. Ana
/// "Cia" Ruiz (D-Harbour), shouted"): a title's stop does not end them, and
/// a nickname, a bracketed tag or an aside set off by commas ("Dana Ortiz,
/// the chairman for the county, said") is passed over.
fn attribution_follows(next: &str, lexicon: &Lexicon) -> bool {
    let mut bracket = false;
    next.split_whitespace()
        .take(ATTRIBUTION_WORDS * 3)
        .filter(|w| {
            let inside = bracket || w.starts_with('(');
            bracket = inside && !w.contains(')');
            let nickname =
                w.len() > 2 && w.starts_with(['"', '“']) && w.trim_end_matches(',').ends_with(['"', '”']);
            !inside && !nickname
        })
        .take_while(|w| !w.starts_with(is_opener))
        .scan(false, |stop, w| {
            let was = *stop;
            let title = lexicon.abbreviation(w) == Some(AbbrevKind::Title);
            *stop = w.ends_with(['.', '!', '?', ':', ';']) && !w.ends_with("..") && !title;
            (!was).then_some(w)
        })
        .scan((0, false), |(counted, aside), w| {
            // the words of an aside are read for a verb but not counted
            if !*aside {
                *counted += 1;
            }
            *aside ^= w.ends_with(',');
            (*counted <= ATTRIBUTION_WORDS).then_some(w)
        })
        .any(|w| {
            let word = w.trim_matches(|c: char| !c.is_alphabetic());
            lexicon.verb(word).is_some_and(|v| {
                matches!(v.form, VerbForm::Present | VerbForm::Past) && v.class != VerbClass::Mental
            })
        })
}

/// The word ending in the stop at `dot`, stop included ("D-Calif.").
/// Words longer than this are never abbreviations; the bound keeps the
/// splitter linear on text like "a.a.a.a.a…".
const MAX_TOKEN: usize = 24;

fn token_before(text: &str, dot: usize) -> Option<&str> {
    let head = text.get(..dot)?;
    let start =
        head.char_indices().rev().take(MAX_TOKEN).find(|(_, c)| c.is_whitespace()).map(|(i, c)| i + c.len_utf8());
    let start = match start {
        Some(s) => s,
        None if head.chars().take(MAX_TOKEN + 1).count() <= MAX_TOKEN => 0,
        None => return None,
    };
    text.get(start..=dot)
}

/// Initials such as "G.", "G.K." or "J.R.R.".
fn is_initials(token: &str) -> bool {
    let bare = token.trim_start_matches(is_opener).trim_end_matches('.');
    !bare.is_empty()
        && bare.split('.').all(|part| {
            let mut chars = part.chars();
            chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
        })
}

/// Words that begin a sentence far more often than they follow an
/// abbreviation mid-sentence: after "U.S." or "a.m." they signal a break.
const STARTERS: &[&str] = &[
    "The",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "But",
    "And",
    "A",
    "An",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "My",
    "After",
    "Before",
    "When",
    "While",
    "If",
    "As",
    "Yet",
    "So",
    "Still",
    "However",
    "Meanwhile",
    "Now",
    "Then",
    "What",
    "Why",
    "How",
    "Who",
    "Where",
    "Some",
    "Many",
    "Most",
    "Officials",
    "Police",
    "Critics",
    "Asked",
    "For",
    "Despite",
];

fn starts_new_sentence(next: &str) -> bool {
    if next.starts_with(is_opener) {
        return true;
    }
    let word_end = next.find(|c: char| !c.is_alphabetic()).unwrap_or(next.len());
    next.get(..word_end).is_some_and(|w| STARTERS.contains(&w))
}

/// Finds quotation marks and keeps the outermost quotations whose marks
/// pair up, as the positions of their opening and closing marks, in order:
/// a stop inside one does not end a sentence, and marks inside it change
/// nothing. A quote left open to the end of the paragraph is the usual
/// multi-paragraph convention (open every paragraph, close only the last),
/// so its sentences still split. Eight bytes a quotation where every paired
/// mark took eight, with its vector's room grown by doubling (8 MiB for an
/// 8 MB paragraph of quotations, held while its tokens are made).
/// Offsets are kept in 32 bits: a text of 4 GiB (far over any size limit,
/// and never tokenised, see [`crate::tokens::BlockTokens::new`]) is split
/// without regard to quotation marks.
fn quoted_spans(text: &str) -> Vec<[u32; 2]> {
    let mut spans: Vec<[u32; 2]> = Vec::new();
    if u32::try_from(text.len()).is_err() {
        return spans;
    }
    let mut open: Vec<(u32, bool)> = Vec::new(); // (opening mark's position, is German „)
    let mut prev: Option<char> = None;
    let mut pos = 0;
    let mut quote_chars = Finder::new(text, QUOTE_CHARS);
    while let Some(c) = text.get(pos..).and_then(|rest| rest.chars().next()) {
        if !is_quote_char(c) {
            // only marks matter here; `prev` is read back from the text when one comes
            let skip = quote_chars.find(pos).unwrap_or(text.len()) - pos;
            if skip > 0 {
                prev = text.get(..pos + skip).and_then(|s| s.chars().next_back());
                pos += skip;
                continue;
            }
        }
        let doubled = matches!(c, '\'' | '`') && text.get(pos + 1..).is_some_and(|r| r.starts_with(c));
        let len = if doubled { 2 } else { c.len_utf8() };
        let german_top = open.last().is_some_and(|&(_, german)| german);
        if let Some(opens) = classify(c, doubled, prev, german_top) {
            // fits: the text is shorter than 4 GiB
            let at = pos as u32;
            if opens {
                open.push((at, c == '„'));
            } else if let Some((start, _)) = open.pop() {
                // the quotations closed since it opened are inside it
                while spans.last().is_some_and(|s| s[0] > start) {
                    spans.pop();
                }
                spans.push([start, at]);
            }
        }
        prev = text.get(pos..pos + len).and_then(|s| s.chars().next_back());
        pos += len;
    }
    // held while the text's tokens are made: without the room of its growth
    spans.shrink_to_fit();
    spans
}

/// The marks that may open or close a quotation (see [`find`]).
const QUOTE_CHARS: Chars = Chars { ascii: *b"\"'`", wanted: is_quote_char };

fn is_quote_char(c: char) -> bool {
    matches!(c, '"' | '\'' | '`' | '“' | '”' | '„' | '«' | '»')
}

/// Whether `c` opens (`Some(true)`) or closes (`Some(false)`) a quotation.
/// A straight `"` (or `''`) opens after the start, a space or an opening
/// bracket, and closes otherwise; `“` closes a German `„`.
fn classify(c: char, doubled: bool, prev: Option<char>, german_top: bool) -> Option<bool> {
    let after_space = prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '{' | '—' | '–'));
    match c {
        '“' if german_top && !after_space => Some(false),
        '“' | '«' | '„' => Some(true),
        '”' | '»' => Some(false),
        '"' => Some(after_space),
        '\'' if doubled => Some(after_space),
        '`' if doubled => Some(true),
        _ => None,
    }
}

/// Walks the outermost paired quotations forward (see [`quoted_spans`]).
struct Quoted {
    spans: Vec<[u32; 2]>,
    next: usize,
}

impl Quoted {
    fn new(spans: Vec<[u32; 2]>) -> Self {
        Quoted { spans, next: 0 }
    }

    /// Whether `pos` is inside a quotation: after its opening mark and not
    /// after its closing one (the marks before `pos` leave it open); `pos`
    /// never decreases.
    fn inside(&mut self, pos: usize) -> bool {
        while self.spans.get(self.next).is_some_and(|s| (s[1] as usize) < pos) {
            self.next += 1;
        }
        self.spans.get(self.next).is_some_and(|s| (s[0] as usize) < pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|r| text.get(r).unwrap_or("<bad range>")).collect()
    }

    #[test]
    fn a_paragraph_of_quotations_holds_eight_bytes_a_quotation() {
        let text = "“ferry 7” and \"budget\" and ".repeat(10_000);
        let (spans, held) = crate::budget::held_by(|| quoted_spans(&text));
        assert_eq!(spans.len(), 20_000);
        // counted by this thread's allocator: eight bytes a paired mark and
        // the room of the vector's growth before (16 and more a quotation)
        assert!(held <= 8 * 20_000, "{held} bytes held by 20,000 quotations");
        // a quotation inside another is the outer one's
        assert_eq!(quoted_spans("“a ‘b’ and “c” d” e “f”"), [[0, 26], [32, 36]]);
    }

    /// The splitter's quotation marks as they were kept: every mark that
    /// pairs up, walked for the depth at a position. The reference
    /// [`quoted_spans`] is tested against.
    fn depth_by_marks(text: &str, positions: &[usize]) -> Vec<usize> {
        let mut marks: Vec<(usize, bool, bool)> = Vec::new(); // (pos, open, paired)
        let mut open: Vec<(usize, bool)> = Vec::new();
        let mut prev: Option<char> = None;
        let mut pos = 0;
        while let Some(c) = text.get(pos..).and_then(|rest| rest.chars().next()) {
            let doubled = matches!(c, '\'' | '`') && text.get(pos + 1..).is_some_and(|r| r.starts_with(c));
            let len = if doubled { 2 } else { c.len_utf8() };
            let german_top = open.last().is_some_and(|&(_, german)| german);
            if let Some(opens) = is_quote_char(c).then(|| classify(c, doubled, prev, german_top)).flatten() {
                if opens {
                    open.push((marks.len(), c == '„'));
                    marks.push((pos, true, false));
                } else if let Some((i, _)) = open.pop() {
                    marks[i].2 = true;
                    marks.push((pos, false, true));
                }
            }
            prev = text.get(pos..pos + len).and_then(|s| s.chars().next_back());
            pos += len;
        }
        marks.retain(|m| m.2);
        let depth = |at: usize| {
            marks.iter().filter(|m| m.0 < at).fold(0usize, |d, m| if m.1 { d + 1 } else { d.saturating_sub(1) })
        };
        positions.iter().map(|&p| depth(p)).collect()
    }

    proptest::proptest! {
        /// A position is inside a kept quotation where the depth the marks
        /// gave was above zero.
        #[test]
        fn the_outermost_quotations_tell_what_the_marks_told(
            text in "[a „“”\"'`«»(—.]{0,40}",
        ) {
            let positions: Vec<usize> = (0..=text.len() + 1).collect();
            let mut quoted = Quoted::new(quoted_spans(&text));
            let inside: Vec<bool> = positions.iter().map(|&p| quoted.inside(p)).collect();
            let by_marks: Vec<bool> = depth_by_marks(&text, &positions).iter().map(|&d| d > 0).collect();
            proptest::prop_assert_eq!(inside, by_marks);
        }
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(sentences("The dam held. Crews left at noon."), ["The dam held.", "Crews left at noon."]);
        assert_eq!(
            sentences("Is it safe? Nobody knows! 4 people stayed."),
            ["Is it safe?", "Nobody knows!", "4 people stayed."]
        );
        assert_eq!(sentences("  Ends without a stop  "), ["Ends without a stop"]);
    }

    #[test]
    fn empty_and_blank_text() {
        assert!(split("").is_empty());
        assert!(split(" \n\t ").is_empty());
    }

    #[test]
    fn lower_case_after_a_stop_does_not_break() {
        assert_eq!(
            sentences("The rate rose 3.5 percent. it was odd."),
            ["The rate rose 3.5 percent. it was odd."]
        );
    }

    #[test]
    fn titles_never_end_a_sentence() {
        let text =
            "Mr. Smith met Dr. No and Gen. Ames. Sen. Jane Roe, D-Calif., spoke. Rep. Al Poe (R-N.Y.) did not.";
        assert_eq!(
            sentences(text),
            [
                "Mr. Smith met Dr. No and Gen. Ames.",
                "Sen. Jane Roe, D-Calif., spoke.",
                "Rep. Al Poe (R-N.Y.) did not."
            ]
        );
        assert_eq!(sentences("Dr. No met Ms. Penny."), ["Dr. No met Ms. Penny."]);
    }

    #[test]
    fn abbreviations_mid_sentence() {
        let text = "Crowds at the U.S. Capitol on Jan. 5 left by 3 a.m. Monday. The U.N. envoy came from No. 10 Downing St. in London.";
        assert_eq!(
            sentences(text),
            [
                "Crowds at the U.S. Capitol on Jan. 5 left by 3 a.m. Monday.",
                "The U.N. envoy came from No. 10 Downing St. in London."
            ]
        );
        assert_eq!(sentences("Acme Inc. Chief Pat Ray spoke."), ["Acme Inc. Chief Pat Ray spoke."]);
    }

    #[test]
    fn abbreviations_at_a_real_end() {
        let text = "The troops went home to the U.S. The war was over. It ended at 4 p.m. He slept.";
        assert_eq!(
            sentences(text),
            ["The troops went home to the U.S.", "The war was over.", "It ended at 4 p.m.", "He slept."]
        );
        assert_eq!(
            sentences("She moved to the U.K. But she missed home."),
            ["She moved to the U.K.", "But she missed home."]
        );
    }

    #[test]
    fn initials_do_not_end_a_sentence() {
        assert_eq!(sentences("Rep. G.K. Lumm and J. Ortiz voted no."), ["Rep. G.K. Lumm and J. Ortiz voted no."]);
        assert_eq!(
            sentences("They chose Plan B. The vote was close."),
            ["They chose Plan B.", "The vote was close."]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(sentences("He said “No.” Then he left."), ["He said “No.”", "Then he left."]);
        assert_eq!(sentences("She wrote «Enough.» Nobody replied."), ["She wrote «Enough.»", "Nobody replied."]);
        assert_eq!(
            sentences("It was over (or so it seemed.) Rain fell."),
            ["It was over (or so it seemed.)", "Rain fell."]
        );
    }

    #[test]
    fn a_quoted_question_keeps_its_attribution() {
        assert_eq!(
            sentences("“Can we win?” Lena Berg asked. She left."),
            ["“Can we win?” Lena Berg asked.", "She left."]
        );
        assert_eq!(sentences("“Enough!” said the mayor."), ["“Enough!” said the mayor."]);
        // no reporting verb after it: the question ends the sentence
        assert_eq!(sentences("“Can we win?” Nobody knew."), ["“Can we win?”", "Nobody knew."]);
    }

    #[test]
    fn a_long_attribution_after_an_exclamation_keeps_it() {
        // a bracketed tag, a nickname and a title's stop do not count against it
        let text = "“A big year!” Reddy’s niece, Sen. Ana “Cia” Ruiz (D-Harbour), shouted. She left.";
        assert_eq!(
            sentences(text),
            ["“A big year!” Reddy’s niece, Sen. Ana “Cia” Ruiz (D-Harbour), shouted.", "She left."]
        );
        // an aside set off by commas does not count against it either
        let aside = "“Why now?” Dana Ortiz, the chairman for the county board, asked. She left.";
        assert_eq!(
            sentences(aside),
            ["“Why now?” Dana Ortiz, the chairman for the county board, asked.", "She left."]
        );
        // past the window the exclamation ends its sentence
        let far = "“Stop!” The crowd on the quay fell very quiet as the mayor said nothing.";
        assert_eq!(
            sentences(far),
            ["“Stop!”", "The crowd on the quay fell very quiet as the mayor said nothing."]
        );
    }

    #[test]
    fn straight_quotes_split_at_the_right_units() {
        assert_eq!(sentences(r#""Don't," she said. "Go.""#), [r#""Don't," she said."#, r#""Go.""#]);
        assert_eq!(
            sentences(r#""I don't know. Maybe later," she said."#),
            [r#""I don't know. Maybe later," she said."#]
        );
    }

    #[test]
    fn open_quotes_hold_the_sentence_together() {
        let text = "The chief said, “We tried. We failed. We will try again,” and sat down. Rain fell.";
        assert_eq!(
            sentences(text),
            ["The chief said, “We tried. We failed. We will try again,” and sat down.", "Rain fell."]
        );
        let text = "“Why?” she asked. “Because.”";
        assert_eq!(sentences(text), ["“Why?” she asked.", "“Because.”"]);
    }

    #[test]
    fn doubled_apostrophes_and_german_marks_are_quotes() {
        let text = "''Stay. Please,'' he said. She went.";
        assert_eq!(sentences(text), ["''Stay. Please,'' he said.", "She went."]);
        let text = "Er sagte „Nein. Nie.“ Dann ging er.";
        assert_eq!(sentences(text), ["Er sagte „Nein. Nie.“", "Dann ging er."]);
    }

    #[test]
    fn an_unclosed_quote_does_not_swallow_the_paragraph() {
        // A quote running on into the next paragraph is left open on purpose.
        let text = "“We will rebuild. The town deserves it.";
        assert_eq!(sentences(text), ["“We will rebuild.", "The town deserves it."]);
    }

    #[test]
    fn a_stop_before_an_opening_quote_breaks() {
        assert_eq!(sentences("He paused. “Fine,” he said."), ["He paused.", "“Fine,” he said."]);
    }

    #[test]
    fn ellipses_and_repeated_marks() {
        assert_eq!(sentences("Wait... Now go?! Yes."), ["Wait...", "Now go?!", "Yes."]);
        assert_eq!(sentences("It faded… Then silence."), ["It faded…", "Then silence."]);
    }

    #[test]
    fn ranges_cover_the_text_in_order() {
        let text = "One. Two “three. four” five. Six! ";
        let ranges = split(text);
        assert!(ranges.windows(2).all(|w| w[0].end <= w[1].start));
        let joined: String = ranges.iter().filter_map(|r| text.get(r.clone())).collect::<Vec<_>>().join(" ");
        assert_eq!(joined, text.trim());
    }

    #[test]
    fn never_panics_on_nasty_input() {
        let nasty = [
            "",
            ".",
            ". . .",
            "\"",
            "\"\"\"",
            "“",
            "”.”.”",
            "'' ''",
            "``",
            "...",
            "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z. The end.",
            "ééé. Ñ. 東京. «». „“. ‘’.",
            "Mr.",
            " U.S.",
            "D-. -. (.",
            "\u{FFFC}. \u{FFFC}",
            "?!?!?! “ « „ \" ' ) ] ( [",
            "x\u{a0}. Y",
        ];
        for text in nasty {
            let ranges = split(text);
            for r in ranges {
                assert!(text.get(r.clone()).is_some(), "{text:?} gave {r:?}");
            }
        }
    }

    #[test]
    fn long_input_is_linear_enough() {
        let text = "a.".repeat(50_000) + " Mr. Dr. “x. y. ” ";
        assert!(!split(&text).is_empty());
    }
}
