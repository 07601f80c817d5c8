//! `quotes --format table`: one aligned row a quotation, for reading at a terminal.

use super::{count, one_line};
use crate::analysis::Analysis;
use crate::attribution::Attribution;
use crate::quote::Quote;
use std::fmt::Write;

/// Longest quoted text shown, in characters; longer text ends in `…`.
const TEXT_WIDTH: usize = 60;
const HEADER: [&str; 6] = ["LOCATION", "KIND", "SPEAKER", "CUE", "CHANNEL", "TEXT"];

pub fn render(analyses: &[Analysis]) -> String {
    let rows: Vec<[String; 6]> = analyses.iter().flat_map(rows_of).collect();
    let mut out = String::new();
    if !rows.is_empty() {
        let header = HEADER.map(String::from);
        let widths = column_widths(std::iter::once(&header).chain(&rows));
        for row in std::iter::once(&header).chain(&rows) {
            write_row(&mut out, row, &widths);
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{} in {}", count(rows.len(), "quotation"), count(analyses.len(), "file"));
    out
}

fn rows_of(a: &Analysis) -> Vec<[String; 6]> {
    let none = Attribution::default();
    a.scan.quotes.iter().enumerate().map(|(i, q)| row(a, q, a.attributions.get(i).unwrap_or(&none))).collect()
}

fn row(a: &Analysis, q: &Quote, attr: &Attribution) -> [String; 6] {
    let at = a.file.locus(q.span().start);
    let speaker = attr.speaker.as_ref().map_or("-".to_string(), |s| match &s.name {
        Some(name) if *name != s.mention => format!("{name} ({})", s.mention),
        Some(name) => name.to_string(),
        None => s.mention.to_string(),
    });
    let cue = attr.cue.as_ref().map_or("-".to_string(), |c| one_line(&c.text).into_owned());
    let channel = attr.channel.as_ref().map_or("-".to_string(), |c| one_line(&c.text).into_owned());
    // a mention or channel can be hard-wrapped in the draft: one quote stays one row
    [
        format!("{}:{at}", one_line(&a.file.path)),
        q.kind.as_str().to_string(),
        one_line(&speaker).into_owned(),
        cue,
        channel,
        shorten(&q.text(&a.doc)),
    ]
}

/// The quoted words on one line, whitespace collapsed, cut at `TEXT_WIDTH` characters.
fn shorten(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= TEXT_WIDTH {
        return flat;
    }
    let mut cut: String = flat.chars().take(TEXT_WIDTH - 1).collect();
    cut.push('…');
    cut
}

fn column_widths<'a>(rows: impl Iterator<Item = &'a [String; 6]>) -> [usize; 6] {
    let mut widths = [0; 6];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    widths
}

fn write_row(out: &mut String, row: &[String; 6], widths: &[usize; 6]) {
    let last = row.len() - 1;
    for (i, (cell, width)) in row.iter().zip(widths).enumerate() {
        if i == last {
            out.push_str(cell);
        } else {
            let pad = width.saturating_sub(cell.chars().count()) + 2;
            let _ = write!(out, "{cell}{:pad$}", "");
        }
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_with_an_ellipsis() {
        let long = "word ".repeat(40);
        let short = shorten(&long);
        assert_eq!(short.chars().count(), TEXT_WIDTH);
        assert!(short.ends_with('…'));
        assert_eq!(shorten("two\n\nparas"), "two paras");
    }

    #[test]
    fn a_hard_wrapped_attribution_stays_on_its_row() {
        let text = "The council met on Monday.\n\n\u{201c}We will rebuild the bridge,\u{201d} said Mayor\nJane Roe in a\nstatement.\n";
        let analysis = crate::analyze(crate::source::SourceFile::new("wrapped.md", text));
        let table = render(&[analysis]);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 4, "{table}");
        assert!(lines[1].contains("Jane Roe") && lines[1].contains("in a statement"), "{table}");
        assert!(lines[1].ends_with("We will rebuild the bridge,"), "{table}");
    }
}
