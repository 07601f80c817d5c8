//! The report as one self-contained HTML page: the style sheet and the small
//! script are inline, nothing is fetched, and everything reads and prints
//! without the script (which only adds spotlighting a speaker's quotes).

mod escape;
mod notes;
mod panels;
mod prose;

pub use escape::escape;

use super::model::DraftReport;
use super::palette::{speaker_colour, SHARE_COLOURS, THEME};
use crate::render::stream::Pieces;
use std::fmt::Write;

const STYLE: &str = include_str!("style.css");
const SCRIPT: &str = include_str!("script.js");

/// The whole page for `drafts` (in the order given), as one text.
pub fn render(drafts: &[DraftReport]) -> String {
    crate::render::stream::gathered(|write| write_page(drafts, write))
}

/// Writes the page as [`render`] makes it, handing it to `write` in pieces
/// (false when a write fails): the page of a long draft is about twenty
/// times the draft, and was held whole before it was written.
pub fn write_page(drafts: &[DraftReport], write: &mut dyn FnMut(&str) -> bool) -> bool {
    let mut pieces = Pieces::new(write);
    let out = &mut pieces.text;
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    // nothing may load from anywhere; the inline style and script are the page's own
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n",
    );
    out.push_str("<title>");
    match drafts {
        [one] => {
            out.push_str("Quotes and sources: ");
            escape::push(out, &one.path);
        }
        _ => {
            let _ = write!(out, "Quotes and sources: {}", crate::render::count(drafts.len(), "draft"));
        }
    }
    out.push_str("</title>\n<style>\n");
    style(out, drafts);
    out.push_str("</style>\n</head>\n<body>\n<main>\n");
    header(out, drafts);
    if drafts.len() > 1 {
        panels::index(out, drafts);
    }
    for (k, d) in drafts.iter().enumerate() {
        if !draft(&mut pieces, d, &format!("d{}", k + 1)) {
            return false;
        }
    }
    let out = &mut pieces.text;
    out.push_str("</main>\n<script>\n");
    out.push_str(SCRIPT);
    out.push_str("</script>\n</body>\n</html>\n");
    pieces.finish()
}

/// The theme, one class a speaker colour used, the chart's colours, then the fixed sheet.
fn style(out: &mut String, drafts: &[DraftReport]) {
    let _ = writeln!(out, ":root{{{}}}", THEME.css_properties());
    let colours = drafts.iter().flat_map(|d| &d.quotes).filter_map(|q| q.colour).max().map_or(0, |c| c + 1);
    let colours = colours.max(drafts.iter().map(|d| d.sources.len()).max().unwrap_or(0));
    for i in 0..colours {
        let c = speaker_colour(i);
        let _ = writeln!(out, ".c{i}{{--f:{};--e:{}}}", c.fill, c.edge);
    }
    for (i, c) in SHARE_COLOURS.iter().enumerate() {
        let _ = writeln!(out, ".s{i}{{fill:{c};background:{c}}}");
    }
    out.push_str(STYLE);
}

fn header(out: &mut String, drafts: &[DraftReport]) {
    let quotes: usize = drafts.iter().map(|d| d.tally().quotes).sum();
    out.push_str("<header class=\"top\"><h1>Quotes and sources</h1><p class=\"quiet\">");
    let _ = write!(
        out,
        "{} · {} · quotelint {}</p>",
        crate::render::count(drafts.len(), "draft"),
        crate::render::count(quotes, "quotation"),
        env!("CARGO_PKG_VERSION")
    );
    out.push_str(
        "<p class=\"key\">Quoted words are shaded in their speaker’s colour. The number after each quote \
         leads to its note: who said it, the reporting words, how the words reached us, and the kind of quote \
         (hover over a quote, or tab to its number, to see the note there). <span class=\"q none\">Hatched quotes</span> \
         <span class=\"who-q\">who?</span> have no speaker. <span class=\"badge e\">✖ error</span> \
         <span class=\"badge w\">▲ warning</span> <span class=\"badge i\">● note</span> mark the findings.</p>",
    );
    out.push_str("</header>\n");
}

fn draft(pieces: &mut Pieces, d: &DraftReport, id: &str) -> bool {
    let out = &mut pieces.text;
    let t = d.tally();
    let _ = write!(out, "<section class=\"draft\" id=\"{id}\" aria-labelledby=\"{id}-h\">\n<h2 id=\"{id}-h\">");
    escape::push(out, &d.path);
    let _ = write!(out, "</h2>\n<p class=\"tally\">{}", crate::render::count(t.quotes, "quotation"));
    if t.unattributed > 0 {
        let _ = write!(out, " (<span class=\"hot\">{} with no speaker</span>)", t.unattributed);
    }
    let _ = writeln!(
        out,
        " · {} · {}</p>\n<div class=\"panels\">",
        crate::render::count(t.sources, "source"),
        panels::findings_phrase(&t)
    );
    if !panels::findings(pieces, d, id) {
        return false;
    }
    if !panels::who_speaks(pieces, d, id) {
        return false;
    }
    pieces.text.push_str("</div>\n");
    if !prose::render(pieces, d, id) {
        return false;
    }
    if !elsewhere(pieces, d, id) {
        return false;
    }
    pieces.text.push_str("</section>\n");
    pieces.spill()
}

/// Findings outside the prose (in front matter, code or a comment), which have no place to sit.
fn elsewhere(pieces: &mut Pieces, d: &DraftReport, id: &str) -> bool {
    let mut outside = (0..d.findings.len()).filter(|&i| d.findings[i].place.is_none()).peekable();
    if outside.peek().is_none() {
        return true;
    }
    pieces.text.push_str("<section class=\"elsewhere\"><h3>Outside the prose</h3>");
    for fi in outside {
        notes::finding_detail(&mut pieces.text, d, id, fi, &d.findings[fi]);
        if !pieces.spill() {
            return false;
        }
    }
    pieces.text.push_str("</section>\n");
    true
}
