//! Gathers a draft's report from what the pipeline already worked out: the
//! analysis (quotes and their attributions), the findings, the sources view
//! and the look-ups in the source material. Nothing here attributes anything.

use super::locate::{code_chars, locate};
use super::model::*;
use crate::analysis::Analysis;
use crate::attribution::Attribution;
use crate::diagnostic::Diagnostic;
use crate::markdown::ReadPositions;
use crate::provenance::{Outcome, Verdict};
use crate::quote::Quote;
use crate::sources::{self, source_name};
use crate::span::Span;
use std::collections::HashMap;
use std::ops::Range;

/// The report of one analysed draft; `verdicts` is empty unless quotes were
/// looked up in source material (`checked`). The analysis and the findings
/// are taken, not copied: the report keeps the blocks' text and each
/// finding's message, and nothing else of them outlives it.
pub fn build(mut a: Analysis, diagnostics: Vec<Diagnostic>, verdicts: &[Verdict], checked: bool) -> DraftReport {
    // the words and the rules' indexes (more than the draft again) are read
    // by nothing below: free them before the report's records are made
    a.keep_for_report();
    // the rows are made before the findings and quotes are: a long draft's
    // thousands of sources were copied into them beside both
    let mut sources: Vec<SourceRow> =
        sources::sources(&a).into_iter().map(|source| SourceRow { source, first_quote: None }).collect();
    let findings: Vec<Finding> = diagnostics.into_iter().map(|d| finding(&a, d)).collect();
    // Colours go to sources in table order, then to any other speaker
    // (one quoted inside another's quote is not in the sources view).
    let mut colours = Colours::default();
    for row in &sources {
        colours.of(&row.source.name);
    }
    let mut verdict_of: Vec<Option<&Verdict>> = vec![None; a.scan.quotes.len()];
    for v in verdicts {
        if let Some(slot) = verdict_of.get_mut(v.quote) {
            *slot = Some(v);
        }
    }
    let none = Attribution::default();
    let mut number = 0;
    let quotes: Vec<QuoteView> = a
        .scan
        .quotes
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let attribution = a.attributions.get(i).unwrap_or(&none);
            let verdict = verdict_of.get(i).copied().flatten();
            quote_view(&a, q, attribution, verdict, checked, &mut number, &mut colours)
        })
        .collect();
    for (qi, q) in quotes.iter().enumerate() {
        let row = q.colour.and_then(|c| sources.get_mut(c));
        if let Some(slot) = row.map(|row| &mut row.first_quote).filter(|slot| slot.is_none()) {
            *slot = Some(qi);
        }
    }
    // the quotations and attributions are read into `quotes`: freed before
    // the blocks are made (8 MB of said-quotes peaked there, 4 MB higher)
    let Analysis { file, doc, scan, attributions, .. } = a;
    drop((scan, attributions));
    // a block that keeps its breaks' spaces is shown as read: what is
    // placed in it moves with its text
    let reads: Vec<Option<ReadPositions>> = doc.blocks.iter().map(|b| b.read_positions()).collect();
    let (mut quotes, mut findings) = (quotes, findings);
    if reads.iter().any(Option::is_some) {
        as_read(&reads, &mut quotes, &mut findings);
    }
    let blocks = doc
        .blocks
        .into_iter()
        .zip(reads)
        .map(|(b, read)| {
            let mut code_chars = code_chars(&b, &file.text);
            let (kind, blockquote) = (b.kind(), b.blockquote());
            let text = match read {
                Some(read) => {
                    code_chars.iter_mut().for_each(|(at, _)| *at = read.at(*at));
                    b.text_as_read(0..b.text.len()).unwrap_or_default().into_owned().into()
                }
                None => b.text,
            };
            Block { kind, blockquote, code_chars, text }
        })
        .collect();
    DraftReport { blocks, path: file.path, shares: shares(&sources, &quotes), quotes, findings, sources, checked }
}

/// Moves what the report places in blocks that keep their breaks' spaces
/// (quote parts, findings' places) from the text as kept to the text as read.
fn as_read(reads: &[Option<ReadPositions>], quotes: &mut [QuoteView], findings: &mut [Finding]) {
    let moved = |b: usize, r: &mut Range<usize>| {
        if let Some(read) = reads.get(b).and_then(Option::as_ref) {
            *r = read.at(r.start)..read.at(r.end);
        }
    };
    for (b, range) in quotes.iter_mut().flat_map(|q| &mut q.parts) {
        moved(*b, range);
    }
    for f in findings {
        let labels = f.labels.iter_mut().filter_map(|l| l.place.as_mut());
        for place in f.place.iter_mut().chain(labels) {
            moved(place.block, &mut place.range);
        }
    }
}

/// Colour numbers by speaker, given in the order speakers are first seen.
#[derive(Default)]
struct Colours(HashMap<String, usize>);

impl Colours {
    fn of(&mut self, key: &str) -> usize {
        if let Some(&colour) = self.0.get(key) {
            return colour;
        }
        let next = self.0.len();
        self.0.insert(key.to_string(), next);
        next
    }
}

fn quote_view(
    a: &Analysis,
    q: &Quote,
    attribution: &Attribution,
    verdict: Option<&Verdict>,
    checked: bool,
    number: &mut usize,
    colours: &mut Colours,
) -> QuoteView {
    let speech = q.kind.is_speech();
    let speaker = attribution.speaker.as_ref().filter(|_| speech);
    let colour = speaker.map(|s| colours.of(source_name(s)));
    let at = a.file.lines.line_col(&a.file.text, q.span().start);
    QuoteView {
        number: speech.then(|| {
            *number += 1;
            *number
        }),
        kind: q.kind,
        depth: q.depth,
        parts: q.parts.iter().map(|p| (p.block(), p.outer())).collect(),
        line: at.line,
        column: at.column,
        speaker: speaker.map(|s| SpeakerView {
            name: source_name(s).clone(),
            written: s.name.as_ref().filter(|n| **n != s.mention).map(|_| s.mention.clone()),
            kind: s.kind,
        }),
        cue: attribution.cue.as_ref().filter(|_| speech).map(|c| c.text.clone()),
        channel: attribution
            .channel
            .as_ref()
            .filter(|_| speech)
            .map(|c| ChannelView { kind: c.kind, outlet: c.outlet.clone() }),
        colour,
        check: verdict
            .map(check)
            .or_else(|| (checked && speech && q.depth == 0).then_some(Check::NotLookedUp))
            .map(Box::new),
    }
}

fn check(v: &Verdict) -> Check {
    match &v.outcome {
        Outcome::Verbatim(p) => Check::Verbatim { location: p.location() },
        Outcome::Altered { passage, diff, .. } => {
            Check::Altered { location: passage.location(), diff: diff.clone() }
        }
        Outcome::NotFound => Check::NotFound,
    }
}

fn finding(a: &Analysis, d: Diagnostic) -> Finding {
    let start = a.file.lines.line_col(&a.file.text, d.span.start);
    Finding {
        severity: d.severity,
        code: d.code(),
        rule: d.rule(),
        place: place(a, d.span),
        message: d.message,
        help: d.help,
        notes: d.notes,
        labels: d
            .labels
            .into_vec()
            .into_iter()
            .map(|l| {
                let at = a.file.lines.line_col(&a.file.text, l.span.start);
                // a label on a whole quote ("this quote") adds nothing to its shading
                let place = place(a, l.span).filter(|p| !p.whole_quote);
                LabelView { line: at.line, column: at.column, message: l.message, place }
            })
            .collect(),
        line: start.line,
        column: start.column,
    }
}

/// Where `span` is in the prose, and the innermost quote it lies on.
fn place(a: &Analysis, span: Span) -> Option<Place> {
    let (block, range) = locate(&a.doc, span)?;
    let quote = innermost_quote(&a.scan.quotes, span);
    let whole_quote = quote.is_some_and(|i| a.scan.quotes[i].span() == span);
    Some(Place { block, range, quote, whole_quote })
}

/// The innermost quote holding `span`. Quotes are in file order and only
/// nest, so looking back from the last quote that starts before the span, the
/// first that holds it is the innermost, and an outer quote that does not
/// hold it ends the search.
fn innermost_quote(quotes: &[Quote], span: Span) -> Option<usize> {
    let before = quotes.partition_point(|q| q.span().start <= span.start);
    for i in (0..before).rev() {
        let q = &quotes[i];
        if q.span().contains(span) {
            return Some(i);
        }
        if q.depth == 0 {
            return None;
        }
    }
    None
}

/// Quotes by kind of source: the sources view's counts, and the speech
/// nobody is named as saying.
fn shares(sources: &[SourceRow], quotes: &[QuoteView]) -> Vec<ShareCount> {
    let mut counts = [0usize; Share::ALL.len()];
    for row in sources {
        counts[Share::of(row.source.kind).index()] += row.source.quotes;
    }
    counts[Share::Unattributed.index()] = quotes.iter().filter(|q| q.unattributed()).count();
    Share::ALL
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(share, quotes)| ShareCount { share: *share, quotes })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quote::{MarkStyle, QuoteKind};

    fn quote(start: usize, end: usize, depth: u8) -> Quote {
        Quote::new(Span::new(start, end), QuoteKind::Direct, MarkStyle::Curly, true, depth, Default::default())
    }

    #[test]
    fn the_innermost_quote_holding_a_span_is_found() {
        // [0 outer [10 inner 20] 40] [50 other 60] [70 outer [75 inner 80] [85 inner 90] 95]
        let quotes = [
            quote(0, 40, 0),
            quote(10, 20, 1),
            quote(50, 60, 0),
            quote(70, 95, 0),
            quote(75, 80, 1),
            quote(85, 90, 1),
        ];
        let at = |s, e| innermost_quote(&quotes, Span::new(s, e));
        assert_eq!(at(12, 14), Some(1));
        assert_eq!(at(25, 30), Some(0), "after the inner quote, still in the outer");
        assert_eq!(at(0, 40), Some(0));
        assert_eq!(at(45, 47), None);
        assert_eq!(at(55, 65), None, "crosses the quote's end");
        assert_eq!(at(82, 84), Some(3), "between two inner quotes");
        assert_eq!(at(86, 88), Some(5));
        assert_eq!(at(100, 101), None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, ..Default::default() })]
        /// A page of a draft whose paragraphs keep their breaks' spaces
        /// shows the text, quotes, findings and sources as it did when the
        /// breaks were read as "\n".
        #[test]
        fn a_page_shows_kept_breaks_as_breaks_read_as_a_line_feed(draft in crate::tokens::drafts_of(
            "“We rebuild the pier,” |said |Ana |Ruiz|Bram Balo |she |, |. |told Reuters|Covington |\
             Catholic |  \n|  \n|   \n| \n|\n|\\\n|\n\n|> |- |`c “` |&amp; |“|”|very unique |according to |",
            50,
        )) {
            let page = || {
                let settings = crate::settings::Settings::default();
                let mut analysis = crate::analysis::analyze(crate::source::SourceFile::new("d.md", draft.as_str()));
                let found = crate::suppression::check_unfixed(&mut analysis, &settings);
                crate::report::html::render(&[build(analysis, found, &[], false)])
            };
            let (now, before) = (page(), crate::markdown::breaks_as_before::with(page));
            proptest::prop_assert_eq!(now, before);
        }
    }
}
