//! `quotes --format json`, per docs/json.md. The accuracy
//! harness and editor plug-ins read this: field names are a contract.

use crate::analysis::Analysis;
use crate::attribution::{Channel, Cue, Speaker};
use crate::provenance::{Outcome, Verdict};
use crate::quote::QuoteKind;
use crate::span::Span;
use serde::Serialize;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    files: Vec<File<'a>>,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    /// `"paragraphs"` for a Word document: each quote's `line` is then its
    /// paragraph and `column` its character.
    #[serde(skip_serializing_if = "Option::is_none")]
    positions: Option<&'static str>,
    quotes: Vec<JsonQuote<'a>>,
}

#[derive(Serialize)]
struct JsonQuote<'a> {
    span: Span,
    line: usize,
    column: usize,
    text: std::borrow::Cow<'a, str>,
    kind: QuoteKind,
    speaker: Option<&'a Speaker>,
    cue: Option<&'a Cue>,
    channel: Option<&'a Channel>,
    /// Where the quote was found in the sources (only when sources were given and it was found).
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<JsonSource<'a>>,
}

#[derive(Serialize)]
struct JsonSource<'a> {
    path: &'a str,
    span: Span,
    line: usize,
    column: usize,
    /// `verbatim`, or `altered` (a misquote: see QP004).
    #[serde(rename = "match")]
    matched: &'static str,
    /// Who speaks there: the transcript turn, else the source's front-matter `speaker`.
    speaker: Option<&'a str>,
    channel: Option<&'a str>,
    outlet: Option<&'a str>,
    date: Option<&'a str>,
}

pub fn render(analyses: &[Analysis]) -> String {
    render_with_sources(analyses, &[])
}

/// As [`render`], with each quote's place in the sources (`verdicts[i]` for `analyses[i]`).
pub fn render_with_sources(analyses: &[Analysis], verdicts: &[Vec<Verdict>]) -> String {
    let files = analyses
        .iter()
        .enumerate()
        .map(|(i, a)| file(a, verdicts.get(i).map_or(&[][..], Vec::as_slice)))
        .collect();
    // Serialising plain structs of strings and numbers cannot fail.
    let mut out = serde_json::to_string_pretty(&Document { version: 1, files }).unwrap_or_default();
    out.push('\n');
    out
}

fn file<'a>(a: &'a Analysis, verdicts: &'a [Verdict]) -> File<'a> {
    let text = a.file.text.as_str();
    // each quote's verdict by index: one pass, not a search per quote
    let mut verdict_of: Vec<Option<&Verdict>> = vec![None; a.scan.quotes.len()];
    for v in verdicts.iter().rev() {
        if let Some(slot) = verdict_of.get_mut(v.quote) {
            *slot = Some(v);
        }
    }
    let quotes = a
        .scan
        .quotes
        .iter()
        .enumerate()
        .map(|(i, q)| {
            // `attributions` is parallel to `scan.quotes`; a missing entry means unattributed.
            let attribution = a.attributions.get(i);
            let at = a.file.lines.line_col(text, q.span().start);
            JsonQuote {
                span: q.span(),
                line: at.line,
                column: at.column,
                text: q.text(&a.doc),
                kind: q.kind,
                speaker: attribution.and_then(|x| x.speaker.as_ref()),
                cue: attribution.and_then(|x| x.cue.as_ref()),
                channel: attribution.and_then(|x| x.channel.as_deref()),
                source: verdict_of[i].and_then(source),
            }
        })
        .collect();
    File { path: &a.file.path, positions: a.file.format.in_paragraphs().then_some("paragraphs"), quotes }
}

fn source(v: &Verdict) -> Option<JsonSource<'_>> {
    let (p, matched) = match &v.outcome {
        Outcome::Verbatim(p) => (p, "verbatim"),
        Outcome::Altered { passage, .. } => (passage, "altered"),
        Outcome::NotFound => return None,
    };
    Some(JsonSource {
        path: &p.path,
        span: p.span,
        line: p.line,
        column: p.column,
        matched,
        speaker: p.speaker.as_deref(),
        channel: p.meta.channel.as_deref(),
        outlet: p.meta.outlet.as_deref(),
        date: p.meta.date.as_deref(),
    })
}
