//! Reading suppression directives: HTML comments in the draft and a
//! `quotelint` key in its front matter.

use super::{Entry, Region, Suppression};
use crate::markdown::{Document, HtmlComment};
use crate::rules;
use crate::settings::RuleSelector;
use crate::span::Span;
use std::collections::HashMap;

/// The comment directives; anything else starting `quotelint-` is a mistake.
const NEXT_LINE: &str = "quotelint-disable-next-line";
const DISABLE: &str = "quotelint-disable";
const ENABLE: &str = "quotelint-enable";

/// A directive that could not be understood, for the hygiene rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A code or name that is no rule (QS002).
    UnknownRule { span: Span, text: String },
    /// A `quotelint-…` directive that does not exist (QS002).
    UnknownDirective { span: Span, text: String },
    /// A `quotelint-enable` with no open `quotelint-disable` to end (QS001).
    UnmatchedEnable { span: Span, text: String },
}

/// Everything the directives in one draft say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Directives {
    pub suppressions: Vec<Suppression>,
    pub problems: Vec<Problem>,
}

impl Directives {
    /// Reads the directives of a parsed draft; `text` is the whole file.
    pub fn parse(doc: &Document, text: &str) -> Directives {
        let mut out = Directives::default();
        if let Some(fm) = doc.front_matter {
            for (word, span) in super::front_matter::disabled(text, fm) {
                if let Some(entry) = out.entry(&word, span) {
                    out.suppressions.push(Suppression { region: Region::File, entry });
                }
            }
        }
        let mut open = Open::default();
        for comment in &doc.comments {
            crate::budget::tick();
            out.comment(comment, text, &mut open);
        }
        for (entry, start) in open.take_all() {
            out.suppressions.push(Suppression { region: Region::Range(Span::new(start, usize::MAX)), entry });
        }
        out
    }

    /// A selector as written, or `None` (and a problem) if it names no rule.
    fn entry(&mut self, word: &str, span: Span) -> Option<Entry> {
        match rules::parse_selector(word) {
            Ok(selector) => Some(Entry { text: word.to_string(), span, selector }),
            Err(_) => {
                self.problems.push(Problem::UnknownRule { span, text: word.to_string() });
                None
            }
        }
    }

    fn comment(&mut self, comment: &HtmlComment, text: &str, open: &mut Open) {
        let Some((directive, args)) = split_directive(comment, text) else { return };
        let (name, name_span) = directive;
        // A blanket directive (no codes) covers every rule and is reported at the comment.
        let mut entries: Vec<Entry> = Vec::new();
        let mut any_arg = false;
        for (word, span) in args {
            any_arg = true;
            entries.extend(self.entry(&word, span));
        }
        let blanket = || Entry { text: String::new(), span: comment.span, selector: RuleSelector::All };
        match name.as_str() {
            NEXT_LINE => {
                let region = Region::Range(next_line(text, comment.span.end));
                if !any_arg {
                    entries.push(blanket());
                }
                self.suppressions.extend(entries.into_iter().map(|entry| Suppression { region, entry }));
            }
            DISABLE => {
                if !any_arg {
                    entries.push(blanket());
                }
                for entry in entries {
                    open.push(entry, comment.span.end);
                }
            }
            ENABLE if !any_arg => {
                if open.is_empty() {
                    self.problems.push(Problem::UnmatchedEnable { span: comment.span, text: name });
                }
                for (entry, start) in open.take_all() {
                    let region = Region::Range(Span::new(start, comment.span.start));
                    self.suppressions.push(Suppression { region, entry });
                }
            }
            ENABLE => {
                for ending in entries {
                    let closed = open.take(&ending.selector);
                    if closed.is_empty() {
                        let text = format!("{ENABLE} {}", ending.text);
                        self.problems.push(Problem::UnmatchedEnable { span: ending.span, text });
                    }
                    for (entry, start) in closed {
                        let region = Region::Range(Span::new(start, comment.span.start));
                        self.suppressions.push(Suppression { region, entry });
                    }
                }
            }
            _ => self.problems.push(Problem::UnknownDirective { span: name_span, text: name }),
        }
    }
}

/// The `quotelint-disable` entries not ended yet, each with the offset its
/// range starts at, grouped by selector: a `quotelint-enable CODE` takes its
/// own disables without looking through every other open one.
#[derive(Default)]
struct Open {
    by_selector: HashMap<RuleSelector, Vec<(Entry, usize)>>,
}

impl Open {
    fn push(&mut self, entry: Entry, start: usize) {
        self.by_selector.entry(entry.selector.clone()).or_default().push((entry, start));
    }

    fn is_empty(&self) -> bool {
        self.by_selector.is_empty()
    }

    /// The open entries with this selector, in the order they were opened.
    fn take(&mut self, selector: &RuleSelector) -> Vec<(Entry, usize)> {
        crate::budget::tick();
        self.by_selector.remove(selector).unwrap_or_default()
    }

    /// Every open entry, in the order they were opened: by the end of their
    /// comment, then by their place in it (a blanket entry is alone in its comment).
    fn take_all(&mut self) -> Vec<(Entry, usize)> {
        let mut all: Vec<(Entry, usize)> = self.by_selector.drain().flat_map(|(_, group)| group).collect();
        all.iter().for_each(|_| crate::budget::tick());
        all.sort_by_key(|(entry, start)| (*start, entry.span.start));
        all
    }
}

type Word = (String, Span);

/// The directive name and its arguments, with their spans in the file, if the
/// comment is a quotelint directive at all.
pub(super) fn split_directive(comment: &HtmlComment, text: &str) -> Option<(Word, Vec<Word>)> {
    if !comment.body.starts_with("quotelint-") {
        return None;
    }
    let source = text.get(comment.span.range()).unwrap_or_default();
    let body_start = comment.span.start + source.find(comment.body.as_str()).unwrap_or(0);
    let mut words = words(&comment.body, body_start);
    if words.is_empty() {
        return None;
    }
    let name = words.remove(0);
    // Anything after ` -- ` is the editor's reason, for people only.
    if let Some(dash) = words.iter().position(|(w, _)| w == "--") {
        words.truncate(dash);
    }
    Some((name, words))
}

/// Splits on whitespace, commas and brackets, dropping quotes around a word;
/// `base` is the file offset of `s`.
pub(super) fn words(s: &str, base: usize) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    let separator = |c: char| c.is_whitespace() || matches!(c, ',' | '[' | ']');
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        match (separator(c), start) {
            (true, Some(st)) => {
                let raw = s.get(st..i).unwrap_or_default();
                let word = raw.trim_matches(['"', '\'']);
                if !word.is_empty() {
                    let offset = raw.find(word).unwrap_or(0);
                    out.push((word.to_string(), Span::new(base + st + offset, base + st + offset + word.len())));
                }
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    out
}

/// The first non-blank line after the line holding `from`, without its line
/// break; an empty span at the end when there is none.
fn next_line(text: &str, from: usize) -> Span {
    let Some(rest_start) = text.get(from..).and_then(|r| r.find('\n')).map(|i| from + i + 1) else {
        return Span::new(text.len(), text.len());
    };
    let mut offset = rest_start;
    for line in text.get(rest_start..).unwrap_or_default().split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        if !bare.trim().is_empty() {
            return Span::new(offset, offset + bare.len());
        }
        offset += line.len();
    }
    Span::new(text.len(), text.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse;

    fn directives(text: &str) -> Directives {
        Directives::parse(&parse(text), text)
    }

    #[test]
    fn words_keep_their_spans() {
        let got = words(" QF001, 'mixed-quote-style' [QF]", 10);
        let texts: Vec<&str> = got.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(texts, ["QF001", "mixed-quote-style", "QF"]);
        assert_eq!(got[0].1, Span::new(11, 16));
        assert_eq!(got[1].1, Span::new(19, 36));
    }

    #[test]
    fn next_line_skips_blank_lines() {
        let text = "<!-- x -->\n\n  \nTarget line.\r\nAfter.";
        let span = next_line(text, 10);
        assert_eq!(&text[span.range()], "Target line.");
        assert_eq!(next_line("last <!-- x -->", 15), Span::new(15, 15));
    }

    #[test]
    fn next_line_directive_covers_the_following_line_only() {
        let text =
            "First.\n\n<!-- quotelint-disable-next-line QF001, QF002 -- as filed -->\nSecond “line.\n\nThird.\n";
        let d = directives(text);
        assert!(d.problems.is_empty(), "{:?}", d.problems);
        assert_eq!(d.suppressions.len(), 2);
        let Region::Range(span) = d.suppressions[0].region else { panic!("a range") };
        assert_eq!(&text[span.range()], "Second “line.");
        assert_eq!(d.suppressions[1].entry.text, "QF002");
        assert_eq!(&text[d.suppressions[0].entry.span.range()], "QF001");
    }

    #[test]
    fn disable_enable_ranges_with_and_without_codes() {
        let text = "<!-- quotelint-disable QF001 -->\nA.\n<!-- quotelint-disable -->\nB.\n<!-- quotelint-enable QF001 -->\nC.\n<!-- quotelint-enable -->\nD.\n";
        let d = directives(text);
        assert!(d.problems.is_empty(), "{:?}", d.problems);
        let regions: Vec<(String, &str)> = d
            .suppressions
            .iter()
            .map(|s| match s.region {
                Region::Range(r) => (s.entry.text.clone(), text[r.range()].trim()),
                Region::File => (s.entry.text.clone(), "<file>"),
            })
            .collect();
        assert_eq!(regions[0], ("QF001".to_string(), "A.\n<!-- quotelint-disable -->\nB."));
        assert_eq!(regions[1], (String::new(), "B.\n<!-- quotelint-enable QF001 -->\nC."));
    }

    #[test]
    fn unterminated_disable_runs_to_the_end() {
        let d = directives("<!-- quotelint-disable mixed-quote-style -->\nText.\n");
        assert_eq!(d.suppressions[0].region, Region::Range(Span::new(44, usize::MAX)));
    }

    #[test]
    fn problems_unknown_codes_directives_and_lonely_enables() {
        let text = "<!-- quotelint-disable-next-line QF404 -->\nA.\n\n<!-- quotelint-disabel QF001 -->\n\n<!-- quotelint-enable QF002 -->\n\n<!-- quotelint-enable -->\n\n<!-- a note about quotelint-disable -->\n";
        let d = directives(text);
        assert!(d.suppressions.is_empty());
        assert_eq!(d.problems.len(), 4, "{:?}", d.problems);
        let Problem::UnknownRule { span, .. } = &d.problems[0] else { panic!() };
        assert_eq!(&text[span.range()], "QF404");
        assert!(matches!(&d.problems[1], Problem::UnknownDirective { text, .. } if text == "quotelint-disabel"));
        assert!(
            matches!(&d.problems[2], Problem::UnmatchedEnable { text, .. } if text == "quotelint-enable QF002")
        );
        assert!(matches!(&d.problems[3], Problem::UnmatchedEnable { text, .. } if text == "quotelint-enable"));
    }
}
