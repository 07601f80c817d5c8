//! `quotelint check`: run every rule and report the findings.

use super::args::{CheckArgs, CheckFormat};
use super::{input, print, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::analysis::analyze_with;
use crate::config::{ConfigChoice, Resolver};
use crate::render::json::Summary;
use crate::render::{concise, count, full, json, FileDiagnostics};
use crate::source::SourceFile;
use crate::suppression;
use std::collections::HashSet;
use std::path::Path;

pub fn run(args: &CheckArgs, color: bool, config: ConfigChoice) -> i32 {
    let mut resolver = Resolver::new(config);
    let mut config_errors = HashSet::new();
    let outcome = input::process(&args.inputs, |file| check_file(file, &mut resolver, &mut config_errors));
    // A draft whose config is broken is not checked (the error says why); the others are.
    let mut outcome = input::Outcome {
        failed: outcome.failed || !config_errors.is_empty(),
        results: outcome.results.into_iter().flatten().collect(),
    };
    outcome.results.sort_by(|a, b| a.file.path.cmp(&b.file.path));
    let out = match args.format {
        CheckFormat::Full => full::render(&outcome.results, color) + &summary_line(Summary::of(&outcome.results)),
        CheckFormat::Concise => concise::render(&outcome.results),
        CheckFormat::Json => json::render(&outcome.results),
    };
    let found = outcome.results.iter().any(|f| !f.diagnostics.is_empty());
    match (print(&out) && !outcome.failed, found) {
        (false, _) => EXIT_ERROR,
        (true, true) => EXIT_FINDINGS,
        (true, false) => EXIT_CLEAN,
    }
}

/// Checks one draft with the settings of its config file; `None` if that
/// file is broken (reported once on stderr, however many drafts it governs).
fn check_file(file: SourceFile, resolver: &mut Resolver, errors: &mut HashSet<String>) -> Option<FileDiagnostics> {
    let settings = match resolver.settings_for(Path::new(&file.path)) {
        Ok(settings) => settings,
        Err(err) => {
            let message = err.to_string();
            if errors.insert(message.clone()) {
                eprintln!("error: {message}");
            }
            return None;
        }
    };
    let analysis = analyze_with(file, &settings);
    let diagnostics = suppression::check(&analysis, &settings);
    Some(FileDiagnostics { file: analysis.file, diagnostics })
}

/// The closing line of the `full` format, e.g. "Found 3 problems in 1 file: 1 error, 2 warnings."
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
