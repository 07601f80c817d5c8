//! The words beside the prose: a quote's note (who, how, through what, which
//! kind, what the sources say) and a finding's details.

use super::escape::push;
use crate::attribution::{ChannelKind, SpeakerKind};
use crate::diagnostic::Severity;
use crate::provenance::diff::Piece;
use crate::report::model::{Check, DraftReport, Finding, QuoteView};
use std::fmt::Write;

pub fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "e",
        Severity::Warning => "w",
        Severity::Info => "i",
    }
}

/// A shape as well as a colour, so severity reads in grey print too.
pub fn severity_glyph(s: Severity) -> &'static str {
    match s {
        Severity::Error => "✖",
        Severity::Warning => "▲",
        Severity::Info => "●",
    }
}

/// The word editors see; `info` reads as "note", as in the terminal output.
pub fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn channel_word(kind: ChannelKind) -> &'static str {
    match kind {
        ChannelKind::Interview => "interview",
        ChannelKind::Statement => "statement",
        ChannelKind::Briefing => "briefing",
        ChannelKind::Social => "social media",
        ChannelKind::Document => "document",
        ChannelKind::Relayed => "relayed",
        ChannelKind::Other => "other",
    }
}

pub fn speaker_kind_word(kind: SpeakerKind) -> &'static str {
    match kind {
        SpeakerKind::Person => "person",
        SpeakerKind::Organization => "organisation",
        SpeakerKind::Role => "role",
        SpeakerKind::Pronoun => "pronoun",
        SpeakerKind::Anonymous => "anonymous",
        SpeakerKind::Vague => "vague",
    }
}

/// Who said `q` (as resolved, with the words that attribute it), the
/// reporting words, the channel and outlet, the kind of quote, and what the
/// sources say about it.
pub fn quote_note(out: &mut String, q: &QuoteView) {
    match (&q.speaker, q.colour) {
        (Some(s), colour) => {
            let class = colour.map(|c| format!(" c{c}")).unwrap_or_default();
            let _ = write!(out, "<b class=\"who{class}\">");
            push(out, &s.name);
            out.push_str("</b>");
            if let Some(written) = &s.written {
                out.push_str(" <span class=\"as\">“");
                push(out, written);
                out.push_str("”</span>");
            }
            // say what kind of words stand for the speaker when they are not a name
            if !matches!(s.kind, SpeakerKind::Person | SpeakerKind::Organization) {
                let _ = write!(out, " <span class=\"sk\">{}</span>", speaker_kind_word(s.kind));
            }
        }
        (None, _) if q.unattributed() => out.push_str("<b class=\"who none\">no speaker named</b>"),
        (None, _) => out.push_str("<b class=\"who\">quoted by the speaker</b>"),
    }
    out.push_str(" · <span class=\"cue\">");
    match &q.cue {
        Some(cue) => push(out, cue),
        None => out.push_str("no reporting words"),
    }
    out.push_str("</span> · ");
    match &q.channel {
        Some(ch) => push_channel(out, ch.kind, ch.outlet.as_deref()),
        None => out.push_str("<span class=\"ch none\">no channel</span>"),
    }
    let _ = write!(out, " · <span class=\"kind\">{}</span>", q.kind.as_str());
    if let Some(check) = &q.check {
        out.push(' ');
        check_note(out, check);
    }
}

/// "interview (AFP)": how the words reached the writer, and through whom.
pub fn push_channel(out: &mut String, kind: ChannelKind, outlet: Option<&str>) {
    let _ = write!(out, "<span class=\"ch\">{}", channel_word(kind));
    if let Some(outlet) = outlet {
        out.push_str(" (<span class=\"outlet\">");
        push(out, outlet);
        out.push_str("</span>)");
    }
    out.push_str("</span>");
}

fn check_note(out: &mut String, check: &Check) {
    match check {
        Check::Verbatim { location } => {
            out.push_str("<span class=\"ck ok\">✓ verbatim in ");
            push(out, location);
            out.push_str("</span>");
        }
        Check::Altered { location, diff } => {
            out.push_str("<span class=\"ck diff\">≠ differs from ");
            push(out, location);
            out.push_str(": ");
            for (i, piece) in diff.pieces.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                let (open, text, close) = match piece {
                    Piece::Same(w) => ("", w, ""),
                    Piece::Removed(w) => ("<del>", w, "</del>"),
                    Piece::Added(w) => ("<ins>", w, "</ins>"),
                };
                out.push_str(open);
                push(out, text);
                out.push_str(close);
            }
            out.push_str("</span>");
        }
        Check::NotFound => out.push_str("<span class=\"ck miss\">✗ not in the sources</span>"),
        Check::NotLookedUp => out.push_str("<span class=\"ck\">too short to look up</span>"),
    }
}

/// A finding in full: severity, code, rule, message, what it points to, notes, help.
pub fn finding_detail(out: &mut String, r: &DraftReport, id: &str, fi: usize, f: &Finding) {
    let n = fi + 1;
    let sev = f.severity;
    let _ = write!(out, "<div class=\"finding {}\" id=\"{id}-f{n}\"", severity_class(sev));
    if let Some(q) = f.place.as_ref().and_then(|p| p.quote).and_then(|qi| r.quotes.get(qi)).and_then(|q| q.number)
    {
        let _ = write!(out, " data-quote=\"{q}\"");
    }
    let _ = write!(out, "><p class=\"fh\">");
    if f.place.is_some() {
        let _ = write!(out, "<a class=\"sev\" href=\"#{id}-b{n}\">");
    } else {
        out.push_str("<span class=\"sev\">");
    }
    let _ = write!(out, "{} {}", severity_glyph(sev), severity_word(sev));
    out.push_str(if f.place.is_some() { "</a>" } else { "</span>" });
    let _ = write!(
        out,
        " <code>{}</code> <span class=\"rule\">{}</span> <span class=\"loc\">{}:{}</span></p>",
        f.code, f.rule, f.line, f.column
    );
    out.push_str("<p class=\"msg\">");
    push(out, &f.message);
    out.push_str("</p>");
    for label in &f.labels {
        let _ = write!(out, "<p class=\"lbl\"><span class=\"loc\">{}:{}</span> ", label.line, label.column);
        push(out, &label.message);
        out.push_str("</p>");
    }
    for note in &f.notes {
        out.push_str("<p class=\"fnote\">");
        push_marked(out, note);
        out.push_str("</p>");
    }
    if let Some(help) = &f.help {
        out.push_str("<p class=\"help\"><b>Fix:</b> ");
        push_marked(out, help);
        out.push_str("</p>");
    }
    out.push_str("</div>");
}

/// A rule's note or help: word-diff marks (`[-old-]{+new+}`) shown as
/// deletions and insertions, and `code` as code.
fn push_marked(out: &mut String, text: &str) {
    const MARKS: [(&str, &str, &str); 3] = [("[-", "-]", "del"), ("{+", "+}", "ins"), ("`", "`", "code")];
    // Where each opener next occurs in `text`, searched again only once passed:
    // a long word diff is read once, not once per mark.
    let next_of = |from: usize, open: &str| text.get(from..)?.find(open).map(|at| at + from);
    let mut next: [Option<usize>; 3] = MARKS.map(|(open, ..)| next_of(0, open));
    let mut done = 0;
    loop {
        for (slot, (open, ..)) in next.iter_mut().zip(MARKS) {
            if slot.is_some_and(|at| at < done) {
                *slot = next_of(done, open);
            }
        }
        let Some((at, (open, close, tag))) =
            next.iter().zip(MARKS).filter_map(|(at, mark)| at.map(|at| (at, mark))).min_by_key(|(at, _)| *at)
        else {
            break;
        };
        let body_start = at + open.len();
        let Some(len) = text[body_start..].find(close) else { break };
        push(out, &text[done..at]);
        let _ = write!(out, "<{tag}>");
        push(out, &text[body_start..body_start + len]);
        let _ = write!(out, "</{tag}>");
        done = body_start + len + close.len();
    }
    push(out, &text[done..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_diff_marks_become_deletions_and_insertions() {
        let mut out = String::new();
        push_marked(&mut out, "debris [-were-]{+was+} <found> `[x]` {+x");
        assert_eq!(out, "debris <del>were</del><ins>was</ins> &lt;found&gt; <code>[x]</code> {+x");
    }
}
