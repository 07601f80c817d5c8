//! The human format: codespan-reporting's compiler-style snippets.
//!
//! Each finding is drawn from an excerpt of its file rather than the file
//! itself: only the lines its labels touch (with codespan's usual context),
//! and of a long line only a window around each label, so a finding on a
//! one-megabyte line prints a screen, not the megabyte.

use super::{clamp_span, FileDiagnostics};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;
use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::{self, Files};
use codespan_reporting::term::{self, termcolor};
use std::ops::Range;

/// Lines up to this many characters (a paragraph written on one line) are shown whole.
const WHOLE_LINE: usize = 400;
/// Of a longer line, this many characters before and after each label start,
/// or up to the label's end if that is nearer than `LABEL_REACH`: about a
/// screen at most, whatever the line.
const BEFORE: usize = 80;
const AFTER: usize = 160;
const LABEL_REACH: usize = 400;
/// Lines codespan shows after the start and before the end of a multi-line label.
const START_CONTEXT: usize = 3;
const END_CONTEXT: usize = 1;
const ELLIPSIS: &str = "…";

/// Renders every diagnostic, with ANSI colour when `color` is set.
pub fn render(files: &[FileDiagnostics], color: bool) -> String {
    let mut buffer = if color { termcolor::Buffer::ansi() } else { termcolor::Buffer::no_color() };
    let config =
        term::Config { start_context_lines: START_CONTEXT, end_context_lines: END_CONTEXT, ..Default::default() };
    for entry in files {
        for d in &entry.diagnostics {
            let excerpt = Excerpt::new(&entry.file, d);
            let diagnostic = to_codespan(&excerpt, d, color);
            let paragraphs = entry.file.format.in_paragraphs();
            let mut own = if color { termcolor::Buffer::ansi() } else { termcolor::Buffer::no_color() };
            let out = if paragraphs { &mut own } else { &mut buffer };
            if let Err(err) = term::emit_to_write_style(out, &config, &excerpt, &diagnostic) {
                // codespan only fails on spans it cannot place; fall back to one line.
                let line = format!("{}[{}]: {} ({err})\n", d.severity, d.code(), d.message);
                let _ = std::io::Write::write_all(out, line.as_bytes());
            }
            if paragraphs {
                let shown = paragraph_locus(&String::from_utf8_lossy(own.as_slice()), &entry.file, d.span.start);
                let _ = std::io::Write::write_all(&mut buffer, shown.as_bytes());
            }
        }
    }
    // the buffer becomes the string without a copy (the output can be tens of megabytes)
    String::from_utf8(buffer.into_inner()).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// codespan writes `path:line:column` above the snippet; a Word document's
/// lines are its paragraphs, so its locus reads `path:¶paragraph:character`.
fn paragraph_locus(shown: &str, file: &SourceFile, start: usize) -> String {
    let at = file.lines.line_col(&file.text, start);
    let written = format!("{}:{}:{}", file.path, at.line, at.column);
    shown.replacen(&written, &format!("{}:{}", file.path, file.locus(start)), 1)
}

fn to_codespan(excerpt: &Excerpt, d: &Diagnostic, color: bool) -> cs::Diagnostic<()> {
    let severity = match d.severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
        Severity::Info => cs::Severity::Note,
    };
    let mut primary = cs::Label::primary((), excerpt.map_label(d.span));
    if let Some(message) = &d.primary_label {
        primary = primary.with_message(message);
    }
    let mut labels = vec![primary];
    labels.extend(
        d.labels.iter().map(|l| cs::Label::secondary((), excerpt.map_label(l.span)).with_message(&l.message)),
    );
    // Word diffs (`[-old-]{+new+}`) are coloured as `git diff --word-diff` colours them.
    let mut notes: Vec<String> =
        d.notes.iter().map(|n| if color { crate::provenance::diff::colorize(n) } else { n.to_string() }).collect();
    if let Some(help) = &d.help {
        notes.push(format!("help: {help}"));
    }
    cs::Diagnostic::new(severity)
        .with_message(&d.message)
        .with_code(format!("{}/{}", d.code(), d.rule()))
        .with_labels(labels)
        .with_notes(notes)
}

/// One shown piece of a source line: bytes `real` of the file, at `range` of the excerpt.
#[derive(Debug, Clone)]
struct Piece {
    /// 0-based line of the file; `None` for the filler that makes codespan draw a break.
    line: Option<usize>,
    real: Range<usize>,
    /// Where the piece's text starts in the excerpt, after any leading ellipsis.
    at: usize,
    /// The piece's excerpt line, ellipses included, without the newline.
    range: Range<usize>,
}

/// The lines and windows of one file that one diagnostic shows, as a file of its own.
struct Excerpt<'a> {
    file: &'a SourceFile,
    text: String,
    pieces: Vec<Piece>,
}

impl<'a> Excerpt<'a> {
    fn new(file: &'a SourceFile, d: &Diagnostic) -> Excerpt<'a> {
        let source = file.text.as_str();
        let spans: Vec<_> = std::iter::once(d.span)
            .chain(d.labels.iter().map(|l| l.span))
            .map(|s| clamp_span(source, s))
            .collect();
        // (line, window) pairs to show, before merging.
        let mut wanted: Vec<(usize, Range<usize>)> = Vec::new();
        for span in &spans {
            let first = file.lines.line_of(span.start);
            let last = file.lines.line_of(span.end);
            let reach = if last == first { span.end } else { span.start };
            wanted.push((first, window(file, first, span.start, reach)));
            if last > first {
                wanted.push((last, window(file, last, span.end, span.end)));
                let context = (first + 1..=last.saturating_sub(1).min(first + START_CONTEXT))
                    .chain(last.saturating_sub(END_CONTEXT).max(first + 1)..last);
                for line in context {
                    let start = file.lines.line_range(source, line).start;
                    wanted.push((line, window(file, line, start, start)));
                }
            }
        }
        wanted.sort_by_key(|(line, w)| (*line, w.start, w.end));
        let mut excerpt = Excerpt { file, text: String::new(), pieces: Vec::new() };
        let mut previous: Option<(usize, Range<usize>)> = None;
        for (line, w) in wanted {
            match previous.as_mut() {
                Some((l, p)) if *l == line && w.start <= p.end => p.end = p.end.max(w.end),
                _ => {
                    if let Some((l, p)) = previous.take() {
                        excerpt.push(l, p, line);
                    }
                    previous = Some((line, w));
                }
            }
        }
        if let Some((l, p)) = previous {
            excerpt.push(l, p, usize::MAX);
        }
        excerpt
    }

    /// Adds a piece, and what codespan needs to see before the piece on `next_line`:
    /// the line between when one line is skipped, a break when more are.
    fn push(&mut self, line: usize, real: Range<usize>, next_line: usize) {
        self.piece(Some(line), real);
        if next_line == usize::MAX {
            return;
        }
        if next_line == line + 2 {
            let start = self.file.lines.line_range(&self.file.text, line + 1).start;
            self.piece(Some(line + 1), window(self.file, line + 1, start, start));
        } else if next_line != line + 1 {
            // two filler lines: codespan draws `·` for a gap of more than one line
            for _ in 0..2 {
                let at = self.text.len();
                self.pieces.push(Piece { line: None, real: 0..0, at, range: at..at });
                self.text.push('\n');
            }
        }
    }

    fn piece(&mut self, line: Option<usize>, real: Range<usize>) {
        let source = self.file.text.as_str();
        let whole = line.map(|l| self.file.lines.line_range(source, l)).unwrap_or(0..0);
        let begin = self.text.len();
        if real.start > whole.start {
            self.text.push_str(ELLIPSIS);
        }
        let at = self.text.len();
        self.text.push_str(source.get(real.clone()).unwrap_or_default());
        if real.end < whole.end {
            self.text.push_str(ELLIPSIS);
        }
        let end = self.text.len();
        self.text.push('\n');
        self.pieces.push(Piece { line, real, at, range: begin..end });
    }

    /// The excerpt offset of file offset `offset`, in the first piece that holds it.
    fn map(&self, offset: usize) -> Option<usize> {
        self.pieces
            .iter()
            .find(|p| p.line.is_some() && p.real.start <= offset && offset <= p.real.end)
            .map(|p| p.at + (offset - p.real.start))
    }

    /// A label's range in the excerpt. A label that runs past the window of
    /// its line is cut at the window's end (the ellipsis says it goes on).
    fn map_label(&self, span: crate::span::Span) -> Range<usize> {
        let span = clamp_span(&self.file.text, span);
        let Some(start) = self.map(span.start) else { return 0..0 };
        let piece = self.pieces.iter().find(|p| p.line.is_some() && p.at <= start && start <= p.at + p.real.len());
        let same_line = self.file.lines.line_of(span.start) == self.file.lines.line_of(span.end);
        let end = match self.map(span.end) {
            Some(end) if !same_line || piece.is_some_and(|p| end <= p.at + p.real.len()) => end,
            _ => piece.map_or(start, |p| p.at + p.real.len()),
        };
        start..end.max(start)
    }

    fn piece_at(&self, line_index: usize) -> Result<&Piece, files::Error> {
        self.pieces.get(line_index).ok_or(files::Error::LineTooLarge { given: line_index, max: self.pieces.len() })
    }
}

/// Bytes of line `line` shown around file offset `point`: the whole line when
/// it is short, else `BEFORE` characters before the point and `AFTER` after,
/// or on to `reach` (the end of a label starting there) if it is not too far.
fn window(file: &SourceFile, line: usize, point: usize, reach: usize) -> Range<usize> {
    let text = file.text.as_str();
    let whole = file.lines.line_range(text, line);
    let point = point.clamp(whole.start, whole.end);
    let head = text.get(whole.start..point).unwrap_or_default();
    let tail = text.get(point..whole.end).unwrap_or_default();
    // A short line is shown whole; counting stops as soon as the line is known to be long.
    if head.chars().rev().chain(tail.chars()).nth(WHOLE_LINE).is_none() {
        return whole;
    }
    let start =
        head.char_indices().rev().nth(BEFORE.saturating_sub(1)).map_or(whole.start, |(i, _)| whole.start + i);
    let after = tail.char_indices().nth(AFTER).map_or(whole.end, |(i, _)| point + i);
    let label_end = tail.char_indices().nth(LABEL_REACH).map_or(whole.end, |(i, _)| point + i).min(reach);
    start..after.max(label_end)
}

impl<'a> Files<'a> for Excerpt<'_> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(self.file.path.as_str())
    }

    fn source(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(self.text.as_str())
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, files::Error> {
        Ok(self.pieces.partition_point(|p| p.range.start <= byte_index).max(1) - 1)
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, files::Error> {
        let piece = self.piece_at(line_index)?;
        // filler lines are never drawn; give them their neighbour's number
        let line = piece.line.or_else(|| self.pieces[..line_index].iter().rev().find_map(|p| p.line)).unwrap_or(0);
        Ok(line + 1)
    }

    fn column_number(&'a self, (): (), line_index: usize, byte_index: usize) -> Result<usize, files::Error> {
        let piece = self.piece_at(line_index)?;
        let real = piece.real.start + byte_index.saturating_sub(piece.at).min(piece.real.len());
        Ok(self.file.lines.line_col(&self.file.text, real).column)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, files::Error> {
        let piece = self.piece_at(line_index)?;
        Ok(piece.range.start..piece.range.end + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::rules::Rule;
    use crate::rules::UnbalancedQuoteMarks;
    use crate::span::Span;

    fn finding(text: &str, span: Span) -> FileDiagnostics {
        let file = SourceFile::new("long.md", text);
        let d = Diagnostic::new(UnbalancedQuoteMarks.meta(), "long.md", span, "quotation is never closed")
            .with_primary_label("this quotation never closes");
        FileDiagnostics::new(file, vec![d])
    }

    #[test]
    fn a_finding_on_a_long_line_shows_a_window_around_it() {
        let text = format!("{}“Late {}\n", "word ".repeat(200_000), "more ".repeat(200_000));
        let at = text.find('“').unwrap();
        let out = render(&[finding(&text, Span::new(at, at + 3))], false);
        assert!(out.len() < 1_000, "{} bytes of output", out.len());
        assert!(out.contains(&format!("long.md:1:{}", 1_000_001)), "{out}");
        let shown = out.lines().find(|l| l.starts_with("1 │")).unwrap();
        assert!(shown.starts_with("1 │ …word ") && shown.ends_with(" more…"), "{out}");
        assert_eq!(shown.chars().count(), "1 │ ".len() - 2 + 1 + BEFORE + AFTER + 1, "{shown}");
        assert!(out.contains("^ this quotation never closes"), "{out}");
    }

    #[test]
    fn a_label_running_past_the_window_stops_at_its_edge() {
        let text = format!("“{}” end\n", "word ".repeat(1_000));
        let out = render(&[finding(&text, Span::new(0, text.find(" end").unwrap()))], false);
        let caret_line = out.lines().find(|l| l.contains('^')).unwrap();
        assert_eq!(caret_line.matches('^').count(), LABEL_REACH, "{caret_line}");
        assert!(out.contains("word…\n"), "{out}");
    }

    #[test]
    fn a_label_over_many_lines_shows_its_ends_and_a_break() {
        let text: String = (1..=2_000).map(|i| format!("line {i}\n")).collect();
        let end = text.find("line 2000").unwrap() + 4;
        let out = render(&[finding(&text, Span::new(0, end))], false);
        assert!(out.lines().count() < 20, "{out}");
        assert!(out.contains("2000 │"), "{out}");
        assert!(out.contains('·'), "{out}");
    }

    #[test]
    fn short_lines_print_as_before() {
        let paragraph = format!("“Late, she said. {}", "And so on. ".repeat(30));
        let text = format!("First line.\n{paragraph}\nLast line.\n");
        let out = render(&[finding(&text, Span::new(12, 15))], false);
        assert!(out.contains("long.md:2:1"), "{out}");
        assert!(out.contains(&format!("2 │ {paragraph}\n")), "{out}");
    }
}
