//! `quotelint sources`: who speaks in each draft, as a table or JSON.

use super::{count, one_line};
use crate::analysis::Analysis;
use crate::sources::{sources, Source};
use serde::Serialize;
use std::fmt::Write;

pub fn render_table(analyses: &[Analysis]) -> String {
    let mut out = String::new();
    let mut total = 0;
    for a in analyses {
        let list = sources(a);
        total += list.len();
        let _ = writeln!(out, "{}", a.file.path);
        if list.is_empty() {
            out.push_str("  (no quoted sources)\n");
            continue;
        }
        let rows: Vec<[String; 5]> = list.iter().map(row).collect();
        let widths: Vec<usize> =
            (0..4).map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0)).collect();
        for r in &rows {
            out.push_str("  ");
            for (c, cell) in r.iter().enumerate().take(4) {
                let pad = widths[c].saturating_sub(cell.chars().count());
                let _ = write!(out, "{cell}{}  ", " ".repeat(pad));
            }
            let _ = writeln!(out, "{}", r[4]);
        }
    }
    let _ = writeln!(out, "\n{} in {}", count(total, "source"), count(analyses.len(), "file"));
    out
}

/// NAME, KIND, QUOTES, CHANNELS, FIRST MENTION.
fn row(s: &Source) -> [String; 5] {
    [
        one_line(&s.name).into_owned(),
        kind_name(s),
        count(s.quotes, "quote"),
        channels(s),
        format!("{}:{}  {}", s.first_mention.line, s.first_mention.column, one_line(&s.first_mention.text)),
    ]
}

fn kind_name(s: &Source) -> String {
    serde_json::to_value(s.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn channels(s: &Source) -> String {
    if s.channels.is_empty() {
        return "-".to_string();
    }
    let names: Vec<String> = s
        .channels
        .iter()
        .map(|c| {
            let kind =
                serde_json::to_value(c.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
            match &c.outlet {
                Some(outlet) => format!("{kind} ({outlet})"),
                None => kind,
            }
        })
        .collect();
    names.join(", ")
}

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    files: Vec<FileSources<'a>>,
}

#[derive(Serialize)]
struct FileSources<'a> {
    path: &'a str,
    sources: Vec<Source>,
}

pub fn render_json(analyses: &[Analysis]) -> String {
    let doc = Document {
        version: 1,
        files: analyses.iter().map(|a| FileSources { path: &a.file.path, sources: sources(a) }).collect(),
    };
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}
