//! The panels above each draft (its findings, who speaks in it, the share of
//! quotes by kind of source) and the index of a several-draft report.

use super::escape::push;
use super::notes::{push_channel, severity_class, severity_glyph, severity_word, speaker_kind_word};
use crate::render::stream::Pieces;
use crate::report::model::{Check, DraftReport, Share, Tally};
use std::fmt::Write;

/// "3 errors, 1 warning" (or "no findings").
pub fn findings_phrase(t: &Tally) -> String {
    let parts: Vec<String> = [(t.errors, "error"), (t.warnings, "warning"), (t.infos, "note")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, w)| crate::render::count(n, w))
        .collect();
    if parts.is_empty() {
        "no findings".into()
    } else {
        parts.join(", ")
    }
}

/// Every finding of the draft, each linking to its details beside the
/// prose; handed on as it goes (false once a write failed).
pub fn findings(pieces: &mut Pieces, r: &DraftReport, id: &str) -> bool {
    let out = &mut pieces.text;
    let _ = write!(out, "<section class=\"panel\" aria-labelledby=\"{id}-fh\"><h3 id=\"{id}-fh\">Findings</h3>");
    if r.findings.is_empty() {
        out.push_str("<p class=\"quiet\">Nothing to query.</p></section>\n");
        return true;
    }
    out.push_str("<ol class=\"flist\">");
    for (fi, f) in r.findings.iter().enumerate() {
        if !pieces.spill() {
            return false;
        }
        let out = &mut pieces.text;
        let n = fi + 1;
        let sev = f.severity;
        let _ = write!(
            out,
            "<li class=\"{}\"><a href=\"#{id}-f{n}\"><span class=\"sev\">{} {}</span> <code>{}</code> ",
            severity_class(sev),
            severity_glyph(sev),
            severity_word(sev),
            f.code
        );
        push(out, &f.message);
        let _ = write!(out, "</a> <span class=\"loc\">line {}</span></li>", f.line);
    }
    pieces.text.push_str("</ol></section>\n");
    true
}

/// The sources table (the `sources` view) with the chart under it; handed
/// on a row at a time (a long draft can quote thousands of people).
pub fn who_speaks(pieces: &mut Pieces, r: &DraftReport, id: &str) -> bool {
    let out = &mut pieces.text;
    let _ = write!(out, "<section class=\"panel\" aria-labelledby=\"{id}-wh\"><h3 id=\"{id}-wh\">Who speaks</h3>");
    if r.sources.is_empty() {
        out.push_str("<p class=\"quiet\">Nobody is quoted by name, role or description.</p>");
    } else if !sources_table(pieces, r, id) {
        return false;
    }
    let out = &mut pieces.text;
    chart(out, r);
    if r.checked {
        checked_line(out, r);
    }
    out.push_str("</section>\n");
    true
}

fn sources_table(pieces: &mut Pieces, r: &DraftReport, id: &str) -> bool {
    pieces.text.push_str(
        "<table class=\"sources\"><thead><tr><th>Source</th><th>Kind</th><th class=\"n\">Quotes</th>\
         <th class=\"n\">Words</th><th>Channels</th></tr></thead><tbody>",
    );
    for (i, row) in r.sources.iter().enumerate() {
        if !pieces.spill() {
            return false;
        }
        let out = &mut pieces.text;
        let s = &row.source;
        let _ = write!(out, "<tr class=\"c{i}\"><th scope=\"row\" class=\"name\"><span class=\"sw\"></span>");
        let number = row.first_quote.and_then(|q| r.quotes.get(q)).and_then(|q| q.number);
        match number {
            Some(n) => {
                let _ = write!(out, "<a class=\"who\" href=\"#{id}-q{n}\">");
                push(out, &s.name);
                out.push_str("</a>");
            }
            None => push(out, &s.name),
        }
        // where the story introduces the source, under the name
        let m = &s.first_mention;
        let _ = write!(out, "<span class=\"intro\"><span class=\"loc\">line {}</span>", m.line);
        if m.text != s.name {
            out.push(' ');
            push(out, &m.text);
        }
        let _ = write!(
            out,
            "</span></th><td class=\"kind\">{}</td><td class=\"n quotes\">{}</td><td class=\"n words\">{}</td><td class=\"channels\">",
            speaker_kind_word(s.kind),
            s.quotes,
            s.words
        );
        if s.channels.is_empty() {
            out.push_str("<span class=\"quiet\">none stated</span>");
        }
        for (k, ch) in s.channels.iter().enumerate() {
            if k > 0 {
                out.push_str(", ");
            }
            push_channel(out, ch.kind, ch.outlet.as_deref());
        }
        out.push_str("</td></tr>");
    }
    pieces.text.push_str("</tbody></table>");
    true
}

/// A bar of the draft's quotes split by kind of source, with a legend that
/// says the same in words (the bar alone would need colour vision).
fn chart(out: &mut String, r: &DraftReport) {
    let total: usize = r.shares.iter().map(|s| s.quotes).sum();
    if total == 0 {
        return;
    }
    let summary: Vec<String> =
        r.shares.iter().map(|s| format!("{} {} of {total}", s.share.label(), s.quotes)).collect();
    let _ = write!(
        out,
        "<figure class=\"chart\"><figcaption>Quotes by kind of source</figcaption>\
         <svg viewBox=\"0 0 100 6\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"{}\">",
        summary.join(", ")
    );
    let mut x = 0.0;
    for s in &r.shares {
        let width = 100.0 * s.quotes as f64 / total as f64;
        let _ = write!(
            out,
            "<rect class=\"s{}\" x=\"{x:.2}\" width=\"{width:.2}\" height=\"6\"><title>{}: {}</title></rect>",
            s.share.index(),
            s.share.label(),
            s.quotes
        );
        x += width;
    }
    out.push_str("</svg><ul class=\"legend\">");
    for s in &r.shares {
        let pct = (100.0 * s.quotes as f64 / total as f64).round();
        let _ = write!(
            out,
            "<li data-share=\"{}\"><span class=\"sw s{}\"></span>{} <b>{}</b> <span class=\"quiet\">{pct}%</span></li>",
            share_key(s.share),
            s.share.index(),
            s.share.label(),
            s.quotes
        );
    }
    out.push_str("</ul></figure>");
}

pub fn share_key(s: Share) -> &'static str {
    match s {
        Share::Named => "person",
        Share::Organisations => "organization",
        Share::Roles => "role",
        Share::Anonymous => "anonymous",
        Share::Vague => "vague",
        Share::Unresolved => "pronoun",
        Share::Unattributed => "none",
    }
}

/// With `--sources`: how many quotes were found as quoted, found changed, not found.
fn checked_line(out: &mut String, r: &DraftReport) {
    let mut counts = [0usize; 4];
    for q in &r.quotes {
        match q.check.as_deref() {
            Some(Check::Verbatim { .. }) => counts[0] += 1,
            Some(Check::Altered { .. }) => counts[1] += 1,
            Some(Check::NotFound) => counts[2] += 1,
            Some(Check::NotLookedUp) => counts[3] += 1,
            None => {}
        }
    }
    let _ = write!(
        out,
        "<p class=\"checked\">Checked against the sources: <span class=\"ck ok\">✓ {} verbatim</span>, \
         <span class=\"ck diff\">≠ {} differ</span>, <span class=\"ck miss\">✗ {} not found</span>, {} too short to look up.</p>",
        counts[0], counts[1], counts[2], counts[3]
    );
}

/// A row a draft, linking to its section.
pub fn index(out: &mut String, drafts: &[DraftReport]) {
    out.push_str(
        "<nav class=\"index\" aria-labelledby=\"index-h\"><h2 id=\"index-h\">Drafts</h2><table><thead><tr>\
         <th scope=\"col\">Draft</th><th scope=\"col\" class=\"n\">Quotes</th><th scope=\"col\" class=\"n\">No speaker</th>\
         <th scope=\"col\" class=\"n\">Sources</th><th scope=\"col\" class=\"n\">Errors</th>\
         <th scope=\"col\" class=\"n\">Warnings</th><th scope=\"col\" class=\"n\">Notes</th></tr></thead><tbody>",
    );
    for (k, d) in drafts.iter().enumerate() {
        let t = d.tally();
        let _ = write!(out, "<tr><th scope=\"row\"><a href=\"#d{}\">", k + 1);
        push(out, &d.path);
        let _ = write!(
            out,
            "</a></th><td class=\"n\">{}</td><td class=\"n{}\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n{}\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            t.quotes,
            if t.unattributed > 0 { " hot" } else { "" },
            t.unattributed,
            t.sources,
            if t.errors > 0 { " hot" } else { "" },
            t.errors,
            t.warnings,
            t.infos
        );
    }
    let total = drafts.iter().map(DraftReport::tally).fold(Tally::default(), |a, t| Tally {
        quotes: a.quotes + t.quotes,
        unattributed: a.unattributed + t.unattributed,
        sources: a.sources + t.sources,
        errors: a.errors + t.errors,
        warnings: a.warnings + t.warnings,
        infos: a.infos + t.infos,
    });
    let _ = writeln!(
        out,
        "</tbody><tfoot><tr><th scope=\"row\">All drafts</th><td class=\"n\">{}</td><td class=\"n\">{}</td>\
         <td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr></tfoot></table></nav>",
        total.quotes, total.unattributed, total.sources, total.errors, total.warnings, total.infos
    );
}
