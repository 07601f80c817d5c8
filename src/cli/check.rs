//! `quotelint check`: run every rule and report the findings.

use super::args::CheckArgs;
use super::{input, output, print};
use crate::analysis::analyze;
use crate::diagnostic;
use crate::render::json::Summary;
use crate::render::{count, FileDiagnostics};
use crate::rules;
use crate::source::SourceFile;

pub fn run(args: &CheckArgs, color: bool) -> i32 {
    let mut outcome = input::process(&args.inputs, check_file);
    outcome.results.sort_by(|a, b| a.file.path.cmp(&b.file.path));
    let printed = print(&output::render(args.format, &outcome.results, color));
    if output::is_human(args.format) {
        eprint!("{}", summary_line(Summary::of(&outcome.results)));
    }
    output::exit_code(printed && !outcome.failed, &outcome.results, args.fail_on, args.exit_zero)
}

fn check_file(file: SourceFile) -> FileDiagnostics {
    let analysis = analyze(file);
    let mut diagnostics = rules::check_all(&analysis);
    diagnostic::sort(&mut diagnostics);
    FileDiagnostics { file: analysis.file, diagnostics }
}

/// The closing line of the human formats, on stderr, e.g. "Found 3 problems in 1 file: 1 error, 2 warnings."
fn summary_line(s: Summary) -> String {
    if s.files == 0 {
        // Every file failed to read; the errors on stderr say so, and "no problems" would mislead.
        return String::new();
    }
    let files = count(s.files, "file");
    let total = s.errors + s.warnings + s.infos;
    if total == 0 {
        return format!("No problems found in {files}.\n");
    }
    let parts: Vec<String> = [(s.errors, "error"), (s.warnings, "warning"), (s.infos, "info")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| count(n, word))
        .collect();
    format!("Found {} in {files}: {}.\n", count(total, "problem"), parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_names_each_severity_found() {
        let s = Summary { files: 1, errors: 1, warnings: 2, infos: 0 };
        assert_eq!(summary_line(s), "Found 3 problems in 1 file: 1 error, 2 warnings.\n");
        assert_eq!(summary_line(Summary { files: 2, ..Summary::default() }), "No problems found in 2 files.\n");
        assert_eq!(summary_line(Summary::default()), "");
    }
}
