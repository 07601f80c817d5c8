//! `quotes --format json`, per shared/design/quotes-json.md. The accuracy
//! harness and editor plug-ins read this: field names are a contract.

use crate::analysis::Analysis;
use crate::attribution::{Channel, Cue, Speaker};
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
    quotes: Vec<JsonQuote<'a>>,
}

#[derive(Serialize)]
struct JsonQuote<'a> {
    span: Span,
    line: usize,
    column: usize,
    text: &'a str,
    kind: QuoteKind,
    speaker: Option<&'a Speaker>,
    cue: Option<&'a Cue>,
    channel: Option<&'a Channel>,
}

pub fn render(analyses: &[Analysis]) -> String {
    let files = analyses.iter().map(file).collect();
    // Serialising plain structs of strings and numbers cannot fail.
    let mut out = serde_json::to_string_pretty(&Document { version: 1, files }).unwrap_or_default();
    out.push('\n');
    out
}

fn file(a: &Analysis) -> File<'_> {
    let text = a.file.text.as_str();
    let quotes = a
        .scan
        .quotes
        .iter()
        .enumerate()
        .map(|(i, q)| {
            // `attributions` is parallel to `scan.quotes`; a missing entry means unattributed.
            let attribution = a.attributions.get(i);
            let at = a.file.lines.line_col(text, q.span.start);
            JsonQuote {
                span: q.span,
                line: at.line,
                column: at.column,
                text: &q.text,
                kind: q.kind,
                speaker: attribution.and_then(|x| x.speaker.as_ref()),
                cue: attribution.and_then(|x| x.cue.as_ref()),
                channel: attribution.and_then(|x| x.channel.as_ref()),
            }
        })
        .collect();
    File { path: &a.file.path, quotes }
}
