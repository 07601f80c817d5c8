//! The fix for an unused suppression (QS001): delete it. A code that is one
//! of several in a comment goes with its separator; a comment left with no
//! codes (or that never had any) goes whole, with its line when it stands
//! on one; a front-matter entry goes with its comma, or its whole `- CODE`
//! line. Deleting a suppression changes nothing anyone reads: a safe fix.

use super::directives::split_directive;
use crate::analysis::Analysis;
use crate::diagnostic::Diagnostic;
use crate::fix::{Edit, Fix};
use crate::markdown::HtmlComment;
use crate::span::Span;

/// Gives each unused-suppression finding in `hygiene` its fix.
pub fn attach(analysis: &Analysis, code: &str, hygiene: &mut [Diagnostic]) {
    if !hygiene.iter().any(|d| d.code() == code) {
        return;
    }
    // sorted once, so that each of thousands of findings looks its comment and its neighbours up
    let mut unused: Vec<Span> = hygiene.iter().filter(|d| d.code() == code).map(|d| d.span).collect();
    unused.sort_unstable();
    let mut comments: Vec<&HtmlComment> = analysis.doc.comments.iter().collect();
    comments.sort_by_key(|c| c.span.start);
    for d in hygiene.iter_mut().filter(|d| d.code() == code) {
        crate::budget::tick();
        d.fix = fix(analysis, &comments, d.span, &unused).map(Box::new);
    }
}

/// `comments` sorted by start; `unused` sorted.
fn fix(analysis: &Analysis, comments: &[&HtmlComment], span: Span, unused: &[Span]) -> Option<Fix> {
    let text = analysis.file.text.as_str();
    if analysis.doc.front_matter.is_some_and(|fm| fm.contains(span)) {
        let edit = front_matter_entry(text, span)?;
        return Some(Fix::safe("Delete the unused suppression", vec![edit]));
    }
    // comments never overlap: only the last one starting at or before the span can hold it
    let before = comments.partition_point(|c| c.span.start <= span.start);
    let comment = comments.get(before.checked_sub(1)?).filter(|c| c.span.contains(span))?;
    let (_, args) = split_directive(comment, text)?;
    let whole = comment.span == span || args.iter().all(|(_, at)| unused.binary_search(at).is_ok());
    let edit = if whole { whole_comment(text, comment) } else { code_in_comment(text, span, &args)? };
    let message = if whole { "Delete the unused suppression comment" } else { "Delete the unused code" };
    Some(Fix::safe(message, vec![edit]))
}

/// Byte offset where the line holding `at` starts.
fn line_start(text: &str, at: usize) -> usize {
    text.get(..at).and_then(|s| s.rfind('\n')).map_or(0, |i| i + 1)
}

/// Byte offset just past the line ending of the line holding `at` (the end of the text on the last line).
fn next_line_start(text: &str, at: usize) -> usize {
    text.get(at..).and_then(|s| s.find('\n')).map_or(text.len(), |i| at + i + 1)
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// Deletes a comment. On a line of its own, the line goes (and one of two
/// blank lines around it); between two lines of text it leaves a blank line,
/// since the comment ended the paragraph before it. Within a line, the
/// comment goes with one space beside it.
fn whole_comment(text: &str, comment: &HtmlComment) -> Edit {
    let Span { start, end } = comment.span;
    let first = line_start(text, start);
    let after = next_line_start(text, end.saturating_sub(1).max(start));
    let content_end = text.get(..after).map_or(after, |s| s.trim_end_matches(['\n', '\r']).len()).max(end);
    let alone = is_blank(text.get(first..start).unwrap_or_default())
        && is_blank(text.get(end..content_end).unwrap_or_default());
    if !alone {
        let space_before = text.get(..start).is_some_and(|s| s.ends_with(' '));
        let space_after = text.get(end..).is_some_and(|s| s.starts_with(' '));
        let span = match (space_before, space_after) {
            (true, _) => Span::new(start - 1, end),
            (false, true) => Span::new(start, end + 1),
            _ => Span::new(start, end),
        };
        return Edit::delete(span);
    }
    let prev_blank = first == 0 || {
        let prev = line_start(text, first - 1);
        is_blank(text.get(prev..first).unwrap_or_default())
    };
    let next_end = next_line_start(text, after);
    let next = text.get(after..next_end).unwrap_or_default();
    let next_blank = after >= text.len() || is_blank(next);
    match (prev_blank, next_blank) {
        // keep the paragraph break the comment made
        (false, false) => Edit::delete(Span::new(first, content_end)),
        (true, true) if after < text.len() => Edit::delete(Span::new(first, next_end)),
        _ => Edit::delete(Span::new(first, after)),
    }
}

/// Deletes one code of several in a comment, with the separator after it
/// (or before it, for the last).
fn code_in_comment(text: &str, span: Span, args: &[(String, Span)]) -> Option<Edit> {
    let i = args.iter().position(|(_, at)| *at == span)?;
    let span = with_quotes(text, span);
    let edit = match (args.get(i + 1), i.checked_sub(1).and_then(|p| args.get(p))) {
        (Some((_, next)), _) => Span::new(span.start, with_quotes(text, *next).start),
        (None, Some((_, prev))) => Span::new(with_quotes(text, *prev).end, span.end),
        (None, None) => span,
    };
    Some(Edit::delete(edit))
}

/// `span` widened over the quotes around it, if it is quoted.
fn with_quotes(text: &str, span: Span) -> Span {
    let before = text.get(..span.start).and_then(|s| s.chars().next_back());
    let after = text.get(span.end..).and_then(|s| s.chars().next());
    match (before, after) {
        (Some(b @ ('"' | '\'')), Some(a)) if a == b => Span::new(span.start - 1, span.end + 1),
        _ => span,
    }
}

/// Deletes one code from the front matter's `disable` list: a `- CODE`
/// line whole, a list entry with its comma, a lone value alone.
fn front_matter_entry(text: &str, span: Span) -> Option<Edit> {
    let first = line_start(text, span.start);
    let after = next_line_start(text, span.end);
    let line = text.get(first..after)?;
    let item = line.trim_start().strip_prefix('-').map(str::trim);
    let word = text.get(span.range())?;
    if item.is_some_and(|rest| rest.trim_matches(['"', '\'']).split(" #").next().map(str::trim) == Some(word)) {
        return Some(Edit::delete(Span::new(first, after)));
    }
    let span = with_quotes(text, span);
    let rest = text.get(span.end..after)?;
    let gap_after = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    if rest.get(gap_after..).is_some_and(|r| r.starts_with(',')) {
        let more = rest.get(gap_after + 1..).unwrap_or_default();
        let spaces = more.len() - more.trim_start_matches([' ', '\t']).len();
        return Some(Edit::delete(Span::new(span.start, span.end + gap_after + 1 + spaces)));
    }
    let before = text.get(first..span.start)?;
    let trimmed = before.trim_end_matches([' ', '\t']);
    if trimmed.ends_with(',') {
        return Some(Edit::delete(Span::new(first + trimmed.len() - 1, span.end)));
    }
    Some(Edit::delete(span))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;
    use crate::source::SourceFile;

    /// The draft after one pass of the unused-suppression fixes.
    fn fixed(text: &str) -> String {
        let analysis = crate::analyze(SourceFile::new("d.md", text));
        let found = crate::suppression::check(&analysis, &Settings::default());
        let fixes: Vec<&Fix> =
            found.iter().filter(|d| d.code() == "QS001").filter_map(|d| d.fix.as_deref()).collect();
        crate::fix::apply(text, &fixes).text
    }

    #[test]
    fn a_comment_on_its_own_line_goes_with_its_line() {
        assert_eq!(
            fixed("Intro.\n\n<!-- quotelint-disable-next-line QF001 -->\n“Open,” she said.\n"),
            "Intro.\n\n“Open,” she said.\n"
        );
        assert_eq!(fixed("A.\n\n<!-- quotelint-disable QF002 -->\n\nB.\n"), "A.\n\nB.\n");
        assert_eq!(fixed("<!-- quotelint-disable-next-line -->\r\nText.\r\n"), "Text.\r\n");
    }

    #[test]
    fn a_comment_between_two_lines_leaves_the_paragraph_break_it_made() {
        assert_eq!(fixed("Line a.\n<!-- quotelint-disable QF002 -->\nLine b.\n"), "Line a.\n\nLine b.\n");
    }

    #[test]
    fn an_inline_comment_goes_with_one_space() {
        assert_eq!(fixed("Text <!-- quotelint-disable-next-line QF001 --> more.\n"), "Text more.\n");
    }

    #[test]
    fn one_unused_code_of_several_goes_with_its_separator() {
        let text = "<!-- quotelint-disable-next-line QF002, QF001 -- as filed -->\n“Open, she said.\n";
        assert_eq!(fixed(text), "<!-- quotelint-disable-next-line QF001 -- as filed -->\n“Open, she said.\n");
        let text = "<!-- quotelint-disable-next-line QF001, 'QF002' -->\n“Open, she said.\n";
        assert_eq!(fixed(text), "<!-- quotelint-disable-next-line QF001 -->\n“Open, she said.\n");
    }

    #[test]
    fn a_comment_whose_codes_are_all_unused_goes_whole_never_leaving_a_blanket_directive() {
        let text = "A.\n\n<!-- quotelint-disable-next-line QF001, QF002 -->\nText.\n";
        assert_eq!(fixed(text), "A.\n\nText.\n");
    }

    #[test]
    fn front_matter_entries_go_with_their_comma_or_line() {
        // QF001 is used (the quote never closes); QF002 is not
        let fm = |body: &str| format!("---\n{body}---\n“Open, she said.\n");
        assert_eq!(fixed(&fm("quotelint:\n  disable: [QF002, QF001]\n")), fm("quotelint:\n  disable: [QF001]\n"));
        assert_eq!(
            fixed(&fm("quotelint:\n  disable: [QF001, \"QF002\"]\n")),
            fm("quotelint:\n  disable: [QF001]\n")
        );
        assert_eq!(fixed(&fm("quotelint:\n  disable: [QF002]\n")), fm("quotelint:\n  disable: []\n"));
        assert_eq!(
            fixed(&fm("quotelint:\n  disable:\n    - QF002\n    - QF001\n")),
            fm("quotelint:\n  disable:\n    - QF001\n")
        );
        assert_eq!(
            fixed("+++\n[quotelint]\ndisable = [\"QF002\", \"QF001\"]\n+++\n“Open, she said.\n"),
            "+++\n[quotelint]\ndisable = [\"QF001\"]\n+++\n“Open, she said.\n"
        );
    }
}
