//! `check`'s output formats and exit status, kept out of `check.rs` so that
//! the checking itself and its presentation change independently.

use super::args::{CheckFormat, FailOn};
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::diagnostic::Severity;
use crate::render::stream::Pieces;
use crate::render::{concise, full, github, json, jsonl, sarif, FileDiagnostics};

/// The whole of stdout for `format`.
pub fn render(format: CheckFormat, results: &[FileDiagnostics], color: bool) -> String {
    match format {
        CheckFormat::Full => full::render(results, color),
        CheckFormat::Concise => concise::render(results),
        CheckFormat::Json => json::render(results),
        CheckFormat::Jsonl => jsonl::render(results),
        CheckFormat::Sarif => sarif::render(results),
        CheckFormat::Github => github::render(results),
        // `check::run` hands `html` to the report before any output is rendered here
        CheckFormat::Html => String::new(),
    }
}

/// How many findings of one file are rendered at a time in the formats made
/// of one piece a finding.
const BATCH: usize = 512;

/// Renders `results` as [`render`] does and hands the text to `write` in
/// pieces (false when `write` fails): in the formats made of one piece a
/// finding, the output of tens of thousands of findings (tens of megabytes
/// for the full format) is never held at once. Each file's findings are
/// left as they were.
pub fn render_in_pieces(
    format: CheckFormat,
    results: &mut [FileDiagnostics],
    color: bool,
    mut write: impl FnMut(&str) -> bool,
) -> bool {
    let per_finding =
        matches!(format, CheckFormat::Full | CheckFormat::Concise | CheckFormat::Github | CheckFormat::Jsonl);
    // the two formats made of one document stream its array of findings
    match format {
        CheckFormat::Sarif => return sarif::render_in_pieces(results, write),
        CheckFormat::Json => return json::render_in_pieces(results, write),
        _ => {}
    }
    if !per_finding {
        return write(&render(format, results, color));
    }
    let mut out = Pieces::new(&mut write);
    for i in 0..results.len() {
        let Some(entry) = results.get_mut(i..=i) else { continue };
        // only the concise format's findings are held cut down (instead of
        // in full), and are printed a batch at a time
        let lines = std::mem::take(&mut entry[0].lines);
        let printed = render_entry(format, entry, color, &mut out)
            && lines.chunks(BATCH).all(|chunk| {
                concise::render_lines(&mut out.text, &entry[0].file, chunk);
                out.spill()
            });
        entry[0].lines = lines;
        if !printed {
            return false;
        }
    }
    out.finish()
}

/// Renders one file's findings in full into `out`, a batch at a time;
/// false when writing fails.
fn render_entry(format: CheckFormat, entry: &mut [FileDiagnostics], color: bool, out: &mut Pieces<'_>) -> bool {
    if entry[0].diagnostics.len() <= BATCH {
        out.text.push_str(&render(format, entry, color));
    } else {
        let all = std::mem::take(&mut entry[0].diagnostics);
        for chunk in all.chunks(BATCH) {
            entry[0].diagnostics = chunk.to_vec();
            out.text.push_str(&render(format, entry, color));
            if !out.spill() {
                entry[0].diagnostics = all;
                return false;
            }
        }
        entry[0].diagnostics = all;
    }
    out.spill()
}

/// Formats read by people, which get a summary line on stderr.
pub fn is_human(format: CheckFormat) -> bool {
    matches!(format, CheckFormat::Full | CheckFormat::Concise)
}

/// Whether a finding of `severity` fails the run under `--fail-on`.
pub fn fails(severity: Severity, fail_on: FailOn) -> bool {
    match fail_on {
        FailOn::Error => severity == Severity::Error,
        FailOn::Warning => matches!(severity, Severity::Error | Severity::Warning),
        FailOn::Info => true,
        FailOn::Never => false,
    }
}

/// 2 when anything went wrong (whatever `--exit-zero` says), else 1 when a
/// finding reaches `--fail-on` and `--exit-zero` is not given, else 0.
pub fn exit_code(ok: bool, results: &[FileDiagnostics], fail_on: FailOn, exit_zero: bool) -> i32 {
    if !ok {
        return EXIT_ERROR;
    }
    let failing = results.iter().flat_map(FileDiagnostics::severities).any(|s| fails(s, fail_on));
    if failing && !exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::LineFinding;
    use crate::render::stream::FLUSH_BYTES;

    fn checked(text: String) -> FileDiagnostics {
        let settings = crate::settings::Settings::default();
        let analysis = crate::analyze(crate::source::SourceFile::new("d.md", text));
        let diagnostics = crate::suppression::check(&analysis, &settings);
        FileDiagnostics::new(analysis.file, diagnostics)
    }

    #[test]
    fn findings_rendered_in_pieces_are_the_findings_rendered_at_once() {
        // a file with findings past a batch, one with a few, one with none
        let many = checked("The ferry” runs late, she said.\n\n".repeat(BATCH * 2 + 3));
        assert!(many.diagnostics.len() > BATCH * 2, "{}", many.diagnostics.len());
        let few = checked("“Fine,” he said. “Late.\n".to_string());
        let none = checked("Nothing quoted here.\n".to_string());
        let mut results = vec![few, many, none];
        let before: Vec<Vec<_>> = results.iter().map(|r| r.diagnostics.clone()).collect();
        for format in
            [CheckFormat::Full, CheckFormat::Concise, CheckFormat::Github, CheckFormat::Jsonl, CheckFormat::Json]
        {
            let at_once = render(format, &results, false);
            let (mut pieces, mut writes) = (String::new(), 0);
            assert!(render_in_pieces(format, &mut results, false, |s| {
                pieces.push_str(s);
                writes += 1;
                true
            }));
            assert_eq!(pieces, at_once, "{format:?}");
            assert!(writes > 1 || format == CheckFormat::Json || at_once.len() < FLUSH_BYTES, "{format:?}");
            let after: Vec<Vec<_>> = results.iter().map(|r| r.diagnostics.clone()).collect();
            assert_eq!(after, before);
        }
        // a failed write stops the output and says so
        assert!(!render_in_pieces(CheckFormat::Concise, &mut results, false, |_| false));
    }

    /// Findings held cut down to one line each print, in pieces, the same
    /// concise lines as the findings in full, and count the same for the
    /// exit status.
    #[test]
    fn concise_lines_from_findings_cut_down_are_those_of_the_findings_in_full() {
        let full = vec![
            checked("“Fine,” he said. “Late.\n".to_string()),
            checked("The ferry” runs late, she said.\n\n".repeat(BATCH * 2 + 3)),
        ];
        let mut cut: Vec<FileDiagnostics> = full
            .iter()
            .map(|f| {
                let lines = f.diagnostics.iter().map(|d| LineFinding::of(d.clone(), None)).collect();
                FileDiagnostics { file: f.file.clone(), diagnostics: Vec::new(), lines }
            })
            .collect();
        assert!(cut[1].lines.len() > BATCH * 2, "{}", cut[1].lines.len());
        let (mut pieces, mut writes) = (String::new(), 0);
        assert!(render_in_pieces(CheckFormat::Concise, &mut cut, false, |s| {
            pieces.push_str(s);
            writes += 1;
            true
        }));
        assert_eq!(pieces, render(CheckFormat::Concise, &full, false));
        assert!(writes > 1 && cut[1].lines.len() > BATCH * 2);
        assert_eq!(render(CheckFormat::Concise, &cut, false), pieces);
        for fail_on in [FailOn::Error, FailOn::Warning, FailOn::Info] {
            assert_eq!(exit_code(true, &cut, fail_on, false), exit_code(true, &full, fail_on, false));
        }
        let severities =
            |r: &[FileDiagnostics]| r.iter().flat_map(FileDiagnostics::severities).collect::<Vec<_>>();
        assert_eq!(severities(&cut), severities(&full));
        assert!(!render_in_pieces(CheckFormat::Concise, &mut cut, false, |_| false));
    }

    #[test]
    fn fail_on_is_a_threshold() {
        use Severity::*;
        let table = [
            (FailOn::Error, [true, false, false]),
            (FailOn::Warning, [true, true, false]),
            (FailOn::Info, [true, true, true]),
            (FailOn::Never, [false, false, false]),
        ];
        for (fail_on, expected) in table {
            let got = [Error, Warning, Info].map(|s| fails(s, fail_on));
            assert_eq!(got, expected, "{fail_on:?}");
        }
    }

    #[test]
    fn errors_of_use_beat_exit_zero() {
        assert_eq!(exit_code(false, &[], FailOn::Never, true), EXIT_ERROR);
        assert_eq!(exit_code(true, &[], FailOn::Info, false), EXIT_CLEAN);
    }
}
