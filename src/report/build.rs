//! Gathers a draft's report from what the pipeline already worked out: the
//! analysis (quotes and their attributions), the findings, the sources view
//! and the look-ups in the source material. Nothing here attributes anything.

use super::locate::{code_chars, locate};
use super::model::*;
use crate::analysis::Analysis;
use crate::attribution::Attribution;
use crate::diagnostic::Diagnostic;
use crate::provenance::{Outcome, Verdict};
use crate::quote::Quote;
use crate::sources::{self, source_key};
use crate::span::Span;

/// The report of one analysed draft; `verdicts` is empty unless quotes were
/// looked up in source material (`checked`).
pub fn build(a: &Analysis, diagnostics: &[Diagnostic], verdicts: &[Verdict], checked: bool) -> DraftReport {
    let sources = sources::sources(a);
    // Colours go to sources in table order, then to any other speaker
    // (one quoted inside another's quote is not in the sources view).
    let mut keys: Vec<String> = sources.iter().map(|s| s.name.clone()).collect();
    let none = Attribution::default();
    let mut number = 0;
    let quotes: Vec<QuoteView> = a
        .scan
        .quotes
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let attribution = a.attributions.get(i).unwrap_or(&none);
            let verdict = verdicts.iter().find(|v| v.quote == i);
            quote_view(a, q, attribution, verdict, checked, &mut number, &mut keys)
        })
        .collect();
    let sources: Vec<SourceRow> = sources
        .into_iter()
        .enumerate()
        .map(|(i, source)| SourceRow { first_quote: quotes.iter().position(|q| q.colour == Some(i)), source })
        .collect();
    let findings = diagnostics.iter().map(|d| finding(a, d)).collect();
    DraftReport {
        path: a.file.path.clone(),
        blocks: a
            .doc
            .blocks
            .iter()
            .map(|b| Block {
                kind: b.kind,
                blockquote: b.blockquote,
                text: b.text.clone(),
                code_chars: code_chars(b, &a.file.text),
            })
            .collect(),
        shares: shares(&sources, &quotes),
        quotes,
        findings,
        sources,
        checked,
    }
}

fn quote_view(
    a: &Analysis,
    q: &Quote,
    attribution: &Attribution,
    verdict: Option<&Verdict>,
    checked: bool,
    number: &mut usize,
    keys: &mut Vec<String>,
) -> QuoteView {
    let speech = q.kind.is_speech();
    let speaker = attribution.speaker.as_ref().filter(|_| speech);
    let colour = speaker.map(|s| {
        let key = source_key(s);
        keys.iter().position(|k| *k == key).unwrap_or_else(|| {
            keys.push(key);
            keys.len() - 1
        })
    });
    let at = a.file.lines.line_col(&a.file.text, q.span.start);
    QuoteView {
        number: speech.then(|| {
            *number += 1;
            *number
        }),
        kind: q.kind,
        depth: q.depth,
        parts: q.parts.iter().map(|p| (p.block, p.outer.clone())).collect(),
        line: at.line,
        column: at.column,
        speaker: speaker.map(|s| SpeakerView {
            name: source_key(s),
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
        check: verdict.map(check).or_else(|| (checked && speech && q.depth == 0).then_some(Check::NotLookedUp)),
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

fn finding(a: &Analysis, d: &Diagnostic) -> Finding {
    let start = a.file.lines.line_col(&a.file.text, d.span.start);
    Finding {
        severity: d.severity,
        code: d.code,
        rule: d.rule,
        message: d.message.clone(),
        help: d.help.clone(),
        notes: d.notes.clone(),
        labels: d
            .labels
            .iter()
            .map(|l| {
                let at = a.file.lines.line_col(&a.file.text, l.span.start);
                // a label on a whole quote ("this quote") adds nothing to its shading
                let place = place(a, l.span).filter(|p| !p.whole_quote);
                LabelView { line: at.line, column: at.column, message: l.message.clone(), place }
            })
            .collect(),
        line: start.line,
        column: start.column,
        place: place(a, d.span),
    }
}

/// Where `span` is in the prose, and the innermost quote it lies on.
fn place(a: &Analysis, span: Span) -> Option<Place> {
    let (block, range) = locate(&a.doc, span)?;
    let quote = a
        .scan
        .quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| q.span.contains(span))
        .min_by_key(|(_, q)| q.span.len())
        .map(|(i, _)| i);
    let whole_quote = quote.is_some_and(|i| a.scan.quotes[i].span == span);
    Some(Place { block, range, quote, whole_quote })
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
