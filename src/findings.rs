//! A draft's findings as the rules make them, held packed: the rules run
//! while the whole analysis is held, and a long draft's tens of thousands
//! of findings, each a [`Diagnostic`] with its own message, labels, notes
//! and fix on the heap (some 400 bytes), made the peak of `check` that much
//! higher. Packed, a finding is a fixed head and its texts and spans written
//! one after another into one buffer; the rule's fixed wording (a `'static`
//! label or help) is kept as a small index, not copied, and a text the same
//! as the one in the same place of the finding before (the message or note
//! a rule gives each of thousands of findings) as one byte. The findings
//! are unpacked, each as it was pushed, once the analysis is freed.
//!
//! A finding whose texts are words of the draft (the two spellings of a
//! name) can be kept as a few numbers instead, and its texts made again from
//! the draft's text when it is unpacked (see [`Findings::push_rebuilt`]).

use crate::diagnostic::{Diagnostic, Label, Text};
use crate::edit::{Applicability, Edit, Fix};
use crate::lexicon::FastHash;
use crate::rule_meta::{RuleMeta, Severity};
use crate::span::Span;
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

/// The findings of one or more rules, in the order they were pushed.
#[derive(Default)]
pub struct Findings {
    heads: Vec<Head>,
    /// Every finding's packed rest, one after another (see [`Writer`]).
    bytes: Vec<u8>,
    /// The `'static` texts met so far, and where each is in `statics`
    /// (by address and length: the same literal is one entry).
    statics: Vec<&'static str>,
    static_at: HashMap<(usize, usize), usize, FastHash>,
    /// Where in `bytes` the text last written in each [`Slot`] is.
    last: [(usize, usize); SLOTS],
    /// The paths met so far: the findings of a file share its one copy.
    paths: Vec<Arc<str>>,
    /// The rules met so far, which a head names by index.
    metas: Vec<&'static RuleMeta>,
    /// The functions findings kept as numbers are made again with.
    rebuilds: Vec<Rebuild>,
}

/// Makes a finding again from the draft's text and the numbers it was kept
/// as: given the finding with its rule, path, span and severity and nothing
/// else, it adds the rest (its notes only when they are [`Notes::Made`]).
pub type Rebuild = fn(Diagnostic, &str, &[usize], Notes) -> Diagnostic;

/// Whether findings made again when unpacked are made with their notes. A
/// report that shows no notes (one line a finding, an editor's diagnostics)
/// leaves them out: a quote-drift finding's note is a word diff of its two
/// quotes, half the cost of making it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notes {
    Made,
    Left,
}

/// What every finding has; the rest is in the buffer. 16 bytes (32 with
/// the rule's address and a span of two 64-bit offsets): a long draft has a
/// hundred thousand findings, all held while the rules run. The span's
/// offsets in 32 bits, as the analysis holds them (drafts are far under 4
/// GiB); a span past them is [`WIDE`] here and written in the buffer.
struct Head {
    span: [u32; 2],
    path: u32,
    /// Which of `metas`.
    meta: u16,
    /// 0 for a finding packed whole, else which of `rebuilds` (less one)
    /// makes it again from its numbers.
    rebuild: u8,
    severity: Severity,
}

/// A head's span when the finding's does not fit in 32-bit offsets.
const WIDE: [u32; 2] = [u32::MAX, 0];

/// The head's span for `span`, and whether the span is to be written in full.
fn narrow(span: Span) -> ([u32; 2], bool) {
    match (u32::try_from(span.start), u32::try_from(span.end)) {
        (Ok(start), Ok(end)) if [start, end] != WIDE => ([start, end], false),
        _ => (WIDE, true),
    }
}

/// The places a finding has text; each remembers the text it last held.
#[derive(Clone, Copy)]
enum Slot {
    Message,
    Label,
    Help,
    Note,
    FixMessage,
    Replacement,
}

const SLOTS: usize = 6;

impl Findings {
    pub fn push(&mut self, d: Diagnostic) {
        let (path, meta) = (self.path_index(&d.path), self.meta_index(d.meta));
        let span = self.head_span(d.span);
        self.writer().rest(&d);
        self.heads.push(Head { meta, span, severity: d.severity, path, rebuild: 0 });
    }

    /// Keeps `d` as `numbers` when `rebuild` makes it again, the same, from
    /// them and the draft's text `source`; packs it whole otherwise. Its
    /// texts are then made when it is unpacked, after the analysis is freed,
    /// instead of held while the rules run.
    pub fn push_rebuilt(&mut self, d: Diagnostic, source: &str, numbers: &[usize], rebuild: Rebuild) {
        let index = self.rebuild_index(rebuild);
        let rebuilt = || rebuild(bare(d.path.clone(), d.meta, d.severity, d.span), source, numbers, Notes::Made);
        match index {
            Some(index) if rebuilt() == d => self.keep_numbers(&d, numbers, index),
            _ => self.push(d),
        }
    }

    /// Keeps the finding `rebuild` makes from `bare` (a finding with its
    /// rule, path, span and severity, and nothing else), the draft's text
    /// `source` and `numbers`, without making it now: for a rule whose
    /// finding is a function of texts it has checked are the source's at
    /// those numbers, so that the finding is made once, when it is
    /// unpacked, and not also to be compared.
    pub fn push_numbers(&mut self, bare: Diagnostic, source: &str, numbers: &[usize], rebuild: Rebuild) {
        match self.rebuild_index(rebuild) {
            Some(index) => self.keep_numbers(&bare, numbers, index),
            None => self.push(rebuild(bare, source, numbers, Notes::Made)),
        }
    }

    /// Keeps `d`'s head and `numbers`, to be unpacked by `rebuilds[index - 1]`.
    fn keep_numbers(&mut self, d: &Diagnostic, numbers: &[usize], index: u8) {
        let (path, meta) = (self.path_index(&d.path), self.meta_index(d.meta));
        let span = self.head_span(d.span);
        let mut w = self.writer();
        w.number(numbers.len());
        numbers.iter().for_each(|&n| w.number(n));
        self.heads.push(Head { meta, span, severity: d.severity, path, rebuild: index });
    }

    fn writer(&mut self) -> Writer<'_> {
        Writer {
            out: &mut self.bytes,
            statics: &mut self.statics,
            static_at: &mut self.static_at,
            last: &mut self.last,
        }
    }

    /// How many findings are kept as numbers.
    #[cfg(test)]
    pub(crate) fn rebuilt(&self) -> usize {
        self.heads.iter().filter(|h| h.rebuild > 0).count()
    }

    /// `rebuild`'s place in `rebuilds`, plus one (none past the head's room).
    fn rebuild_index(&mut self, rebuild: Rebuild) -> Option<u8> {
        // compared by address: the same function twice is one entry, and a
        // function with two addresses two entries that both work
        let found = self.rebuilds.iter().position(|&r| r as usize == rebuild as usize);
        let i = found.unwrap_or_else(|| {
            self.rebuilds.push(rebuild);
            self.rebuilds.len() - 1
        });
        u8::try_from(i + 1).ok()
    }

    /// The head's span for `span`, written first in the buffer when it is wide.
    fn head_span(&mut self, span: Span) -> [u32; 2] {
        let (narrow, wide) = narrow(span);
        if wide {
            self.writer().span(span);
        }
        narrow
    }

    /// `meta`'s place in `metas` (a rule's findings are pushed one after another).
    fn meta_index(&mut self, meta: &'static RuleMeta) -> u16 {
        let found = self.metas.iter().rposition(|&m| std::ptr::eq(m, meta));
        let i = found.unwrap_or_else(|| {
            self.metas.push(meta);
            self.metas.len() - 1
        });
        u16::try_from(i).unwrap_or(u16::MAX)
    }

    pub fn len(&self) -> usize {
        self.heads.len()
    }

    pub fn is_empty(&self) -> bool {
        self.heads.is_empty()
    }

    /// Each finding unpacked, in the order pushed (each read after the one
    /// before it, whose texts it may repeat); `source` is the text of the
    /// draft the findings are of.
    pub fn iter<'a>(&'a self, source: &'a str) -> impl Iterator<Item = Diagnostic> + 'a {
        self.iter_with(source, Notes::Made)
    }

    /// [`Findings::iter`], the findings kept as numbers made with their
    /// notes or without (those packed whole keep theirs).
    pub fn iter_with<'a>(&'a self, source: &'a str, notes: Notes) -> impl Iterator<Item = Diagnostic> + 'a {
        let mut r = Reader { bytes: &self.bytes, at: 0, statics: &self.statics, last: [(0, 0); SLOTS] };
        self.heads.iter().map(move |head| self.unpack(head, &mut r, source, notes))
    }

    /// Every finding unpacked, in the order pushed; `source` is the text of
    /// the draft the findings are of.
    pub fn into_vec(self, source: &str) -> Vec<Diagnostic> {
        let mut all = Vec::with_capacity(self.len());
        all.extend(self.iter(source));
        all
    }

    fn path_index(&mut self, path: &Arc<str>) -> u32 {
        // a file's findings are pushed one after another: the last path is nearly always it
        let found = self.paths.iter().rposition(|p| Arc::ptr_eq(p, path) || **p == **path);
        let i = found.unwrap_or_else(|| {
            self.paths.push(path.clone());
            self.paths.len() - 1
        });
        u32::try_from(i).unwrap_or(u32::MAX)
    }

    fn unpack(&self, head: &Head, r: &mut Reader<'_>, source: &str, notes: Notes) -> Diagnostic {
        let path = self.paths.get(head.path as usize).cloned().unwrap_or_else(|| Arc::from(""));
        let span = match head.span {
            WIDE => r.span(),
            [start, end] => Span::new(start as usize, end as usize),
        };
        // every head's rule was put in `metas` when it was pushed
        let bare = bare(path, self.metas[usize::from(head.meta)], head.severity, span);
        if let Some(rebuild) = usize::from(head.rebuild).checked_sub(1).and_then(|i| self.rebuilds.get(i)) {
            let numbers: Vec<usize> = (0..r.number()).map(|_| r.number()).collect();
            let mut d = rebuild(bare, source, &numbers, notes);
            // held until sorted and printed: without the room `format!` leaves
            d.message.shrink_to_fit();
            d.notes.iter_mut().for_each(|n| {
                if let Cow::Owned(n) = n {
                    n.shrink_to_fit();
                }
            });
            return d;
        }
        Diagnostic {
            message: r.string(Slot::Message),
            primary_label: r.optional_text(Slot::Label),
            labels: (0..r.number()).map(|_| Label { span: r.span(), message: r.text(Slot::Label) }).collect(),
            help: r.optional_text(Slot::Help),
            notes: (0..r.number()).map(|_| r.text(Slot::Note)).collect(),
            fix: r.fix().map(Box::new),
            ..bare
        }
    }
}

/// A finding with a rule, path, span and severity, and nothing else.
fn bare(path: Arc<str>, meta: &'static RuleMeta, severity: Severity, span: Span) -> Diagnostic {
    Diagnostic { severity, ..Diagnostic::bare(meta, path, span) }
}

impl Extend<Diagnostic> for Findings {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, iter: I) {
        iter.into_iter().for_each(|d| self.push(d));
    }
}

impl fmt::Debug for Findings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // findings kept as numbers need the draft's text to be read back
        f.debug_struct("Findings").field("len", &self.len()).finish_non_exhaustive()
    }
}

/// How a text is written: absent, a `'static` text by its index, or its bytes.
const NONE: u8 = 0;
const STATIC: u8 = 1;
const OWNED: u8 = 2;

/// Writes a finding's rest: message, primary label, labels, help, notes
/// and fix, numbers as LEB128 (most are one byte).
struct Writer<'a> {
    out: &'a mut Vec<u8>,
    statics: &'a mut Vec<&'static str>,
    static_at: &'a mut HashMap<(usize, usize), usize, FastHash>,
    last: &'a mut [(usize, usize); SLOTS],
}

impl Writer<'_> {
    fn rest(&mut self, d: &Diagnostic) {
        self.str(Slot::Message, &d.message);
        self.optional_text(Slot::Label, d.primary_label.as_ref());
        self.number(d.labels.len());
        for label in &d.labels {
            self.span(label.span);
            self.optional_text(Slot::Label, Some(&label.message));
        }
        self.optional_text(Slot::Help, d.help.as_ref());
        self.number(d.notes.len());
        d.notes.iter().for_each(|note| self.optional_text(Slot::Note, Some(note)));
        self.fix(d.fix.as_deref());
    }

    fn fix(&mut self, fix: Option<&Fix>) {
        let Some(fix) = fix else {
            self.out.push(0);
            return;
        };
        let flags = 1 | u8::from(fix.applicability == Applicability::Unsafe) << 1;
        self.out.push(flags | u8::from(fix.divisible) << 2 | u8::from(fix.partial) << 3);
        self.str(Slot::FixMessage, &fix.message);
        self.number(fix.edits.len());
        for edit in &fix.edits {
            self.span(edit.span);
            self.str(Slot::Replacement, &edit.replacement);
        }
    }

    fn number(&mut self, mut n: usize) {
        while n >= 0x80 {
            self.out.push((n & 0x7f) as u8 | 0x80);
            n >>= 7;
        }
        self.out.push(n as u8);
    }

    /// The start, then the length: both small numbers for most spans.
    fn span(&mut self, span: Span) {
        self.number(span.start);
        self.number(span.end.wrapping_sub(span.start));
    }

    /// 0 for the text `slot` last held, else its length plus one and its bytes.
    fn str(&mut self, slot: Slot, s: &str) {
        let (at, len) = self.last[slot as usize];
        if self.out.get(at..at + len) == Some(s.as_bytes()) && len > 0 {
            self.out.push(0);
            return;
        }
        self.number(s.len() + 1);
        self.last[slot as usize] = (self.out.len(), s.len());
        self.out.extend_from_slice(s.as_bytes());
    }

    fn optional_text(&mut self, slot: Slot, text: Option<&Text>) {
        match text {
            None => self.out.push(NONE),
            Some(Cow::Borrowed(s)) => {
                let next = self.statics.len();
                let i = *self.static_at.entry((s.as_ptr() as usize, s.len())).or_insert(next);
                if i == next {
                    self.statics.push(s);
                }
                self.out.push(STATIC);
                self.number(i);
            }
            Some(Cow::Owned(s)) => {
                self.out.push(OWNED);
                self.str(slot, s);
            }
        }
    }
}

/// Reads back what [`Writer`] wrote, in the same order.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    statics: &'a [&'static str],
    last: [(usize, usize); SLOTS],
}

impl Reader<'_> {
    fn byte(&mut self) -> u8 {
        let b = self.bytes.get(self.at).copied().unwrap_or_default();
        self.at += 1;
        b
    }

    fn number(&mut self) -> usize {
        let (mut n, mut shift) = (0usize, 0);
        loop {
            let b = self.byte();
            n |= usize::from(b & 0x7f) << shift;
            if b & 0x80 == 0 || shift >= usize::BITS - 7 {
                return n;
            }
            shift += 7;
        }
    }

    fn span(&mut self) -> Span {
        let start = self.number();
        Span::new(start, start.wrapping_add(self.number()))
    }

    fn str(&mut self, slot: Slot) -> &str {
        let (at, len) = match self.number() {
            0 => self.last[slot as usize],
            n => {
                self.last[slot as usize] = (self.at, n - 1);
                self.at += n - 1;
                (self.at - (n - 1), n - 1)
            }
        };
        // written from a `str`: always UTF-8
        std::str::from_utf8(self.bytes.get(at..at + len).unwrap_or_default()).unwrap_or_default()
    }

    fn string(&mut self, slot: Slot) -> String {
        self.str(slot).to_string()
    }

    fn optional_text(&mut self, slot: Slot) -> Option<Text> {
        match self.byte() {
            STATIC => Some(Cow::Borrowed(self.statics.get(self.number()).copied().unwrap_or_default())),
            OWNED => Some(Cow::Owned(self.string(slot))),
            _ => None,
        }
    }

    fn text(&mut self, slot: Slot) -> Text {
        self.optional_text(slot).unwrap_or_default()
    }

    fn fix(&mut self) -> Option<Fix> {
        let flags = self.byte();
        if flags & 1 == 0 {
            return None;
        }
        let message = self.string(Slot::FixMessage);
        let edits: Vec<Edit> = (0..self.number())
            .map(|_| Edit { span: self.span(), replacement: self.string(Slot::Replacement) })
            .collect();
        let applicability = if flags & 2 != 0 { Applicability::Unsafe } else { Applicability::Safe };
        Some(Fix { message, applicability, edits, divisible: flags & 4 != 0, partial: flags & 8 != 0 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Vec<&'static RuleMeta> {
        crate::rules::all().iter().map(|r| r.meta()).collect()
    }

    #[test]
    fn findings_unpack_as_they_were_pushed() {
        let rules = rules();
        let long = "x".repeat(300);
        let fix = Fix::unsafe_edits(
            "Spell it “Irena”",
            vec![Edit::replace(Span::new(200, 205), "Irena"), Edit::delete(Span::new(1 << 40, (1 << 40) + 3))],
        )
        .divisible();
        let mut partial = Fix::safe("Use curly quotes", vec![Edit::insert(7, "”")]);
        partial.partial = true;
        let found = vec![
            Diagnostic::new(rules[0], "a.md", Span::new(3, 9), "plain"),
            Diagnostic::new(rules[1], "a.md", Span::new(0, 0), long.clone())
                .with_primary_label("this spelling")
                .with_label(Span::new(70_000, 70_005), format!("owned {long}"))
                .with_label(Span::new(5, 4), "backwards")
                .with_help(long.clone())
                .with_note("a note")
                .with_note("")
                .with_fix(Some(fix)),
            Diagnostic::new(rules[2], "b.md", Span::new(usize::MAX - 1, usize::MAX), "é “ü”")
                .with_help("static help")
                .with_fix(Some(partial)),
            Diagnostic { severity: Severity::Info, ..Diagnostic::new(rules[0], "a.md", Span::new(1, 2), "again") },
        ];
        let mut packed = Findings::default();
        packed.extend(found.clone());
        assert_eq!(packed.len(), 4);
        assert_eq!(packed.iter("").collect::<Vec<_>>(), found);
        let unpacked = packed.into_vec("");
        assert_eq!(unpacked, found);
        // texts keep their kind, and a file's findings still share its path
        assert!(matches!(unpacked[1].primary_label, Some(Cow::Borrowed(_))));
        assert!(matches!(unpacked[1].labels[0].message, Cow::Owned(_)));
        assert!(Arc::ptr_eq(&unpacked[0].path, &unpacked[3].path));
    }

    #[test]
    fn a_text_the_same_as_the_finding_befores_is_one_byte_and_reads_back() {
        let rules = rules();
        let note = "a quotation that runs over several paragraphs opens each paragraph and closes only at the end";
        let finding = |i: usize, message: &str, note: &str| {
            Diagnostic::new(rules[0], "a.md", Span::new(i, i + 1), message.to_string())
                .with_label(Span::new(i + 5, i + 6), format!("owned {}", i / 2))
                .with_note(note.to_string())
                .with_fix(Some(Fix::safe("Close it", vec![Edit::insert(i, "”"), Edit::insert(i + 9, "”")])))
        };
        let found: Vec<Diagnostic> = (0..1000)
            .map(|i| match i % 5 {
                3 => finding(i, "", ""),
                4 => finding(i, "quotation is never closed", "other"),
                _ => finding(i, "quotation is never closed", note),
            })
            .collect();
        let mut packed = Findings::default();
        packed.extend(found.clone());
        assert_eq!(packed.iter("").collect::<Vec<_>>(), found);
        // the note alone is 95 bytes, written out only when it changes
        assert!(packed.bytes.len() < 1000 * 60, "{}", packed.bytes.len());
    }

    #[test]
    fn a_finding_packs_smaller_than_it_is_held() {
        let rules = rules();
        let mut packed = Findings::default();
        for i in 0..1000 {
            packed.push(
                Diagnostic::new(
                    rules[0],
                    "a.md",
                    Span::new(i * 80, i * 80 + 9),
                    format!("“Irina Novak{i}” is spelled “Irena Novak” elsewhere"),
                )
                .with_primary_label("this spelling")
                .with_label(Span::new(i, i + 9), "the other spelling")
                .with_help("check the name with the source and spell it one way"),
            );
        }
        let per_finding = (packed.bytes.len() + packed.heads.len() * std::mem::size_of::<Head>()) / 1000;
        assert!(per_finding < 120, "{per_finding}");
        assert!(packed.statics.len() == 3, "{:?}", packed.statics);
    }

    #[test]
    fn a_hundred_thousand_findings_kept_as_numbers_are_held_in_a_few_bytes_each() {
        assert_eq!(std::mem::size_of::<Head>(), 16);
        let rules = rules();
        let source = "Irena Novak met Irina Novak";
        let (packed, held) = crate::budget::held_by(|| {
            let mut packed = Findings::default();
            for i in 0..100_000 {
                let span = Span::new(i * 80, i * 80 + 11);
                let bare = Diagnostic::new(rules[i % 3], "a.md", span, String::new());
                packed.push_numbers(bare, source, &[span.start, span.end], named);
            }
            packed.heads.shrink_to_fit();
            packed.bytes.shrink_to_fit();
            packed
        });
        // a head (32 bytes before) and the numbers' 9 bytes (a count, two offsets)
        assert!(held < 100_000 * (16 + 10), "{held} bytes");
        let read: Vec<Diagnostic> = packed.iter(source).skip(99_999).collect();
        assert_eq!((read[0].meta.code, read[0].span), (rules[0].code, Span::new(7_999_920, 7_999_931)));
    }

    /// Names the source's words at `numbers[0]..numbers[1]`.
    fn named(bare: Diagnostic, source: &str, numbers: &[usize], _notes: Notes) -> Diagnostic {
        let span = Span::new(numbers[0], numbers[1]);
        let name = source.get(span.start..span.end).unwrap_or_default();
        Diagnostic { message: format!("“{name}” named"), ..bare }.with_label(span, "here")
    }

    #[test]
    fn findings_kept_as_numbers_read_back_as_made_between_packed_ones() {
        let rules = rules();
        let source = "Irena Novak met Irina Novak";
        let made = |span: Span| {
            named(
                Diagnostic::new(rules[1], "a.md", span, String::new()),
                source,
                &[span.start, span.end],
                Notes::Made,
            )
        };
        let plain = |i: usize| Diagnostic::new(rules[0], "a.md", Span::new(i, i), "the same message");
        let found = vec![plain(0), made(Span::new(0, 11)), plain(1), made(Span::new(16, 27)), plain(2)];
        let mut packed = Findings::default();
        for (i, d) in found.iter().enumerate() {
            match i % 2 {
                1 => packed.push_rebuilt(d.clone(), source, &[d.span.start, d.span.end], named),
                _ => packed.push(d.clone()),
            }
        }
        // a finding its numbers do not make again is packed whole
        let wrong = made(Span::new(0, 5));
        packed.push_rebuilt(wrong.clone(), source, &[0, 6], named);
        assert_eq!(packed.rebuilt(), 2);
        // the packed findings' "same message" is still read as the one before
        let mut all = found.clone();
        all.push(wrong);
        assert_eq!(packed.into_vec(source), all);
        assert_eq!(all[3].message, "“Irina Novak” named");
    }
}
