//! `quotelint check`: run every rule and report the findings.

use super::args::{CheckArgs, CheckFormat};
use super::{fix, input, output, print, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::analysis::analyze_with;
use crate::config::{ConfigChoice, Resolver};
use crate::provenance;
use crate::render::count;
use crate::render::json::Summary;
use crate::render::FileDiagnostics;
use crate::settings::{RuleSelection, Settings};
use crate::source::SourceFile;
use crate::suppression;
use std::collections::HashSet;
use std::path::Path;
use std::sync::{Arc, Mutex};

pub fn run(args: &CheckArgs, color: bool, config: ConfigChoice) -> i32 {
    let request = fix::Request::of(args);
    // the concise format shows one line a finding: nothing else is kept
    let detail = match args.format {
        CheckFormat::Concise => Detail::Line,
        _ => Detail::Full,
    };
    if args.format == CheckFormat::Html {
        if request.is_some() {
            eprintln!("error: `--fix` and `--diff` do not go with `--format html`");
            return EXIT_ERROR;
        }
        // the page shows each draft's prose and quotes, which the findings alone do not carry
        return super::report::run_check(args, config);
    }
    // Files are checked in parallel; the config cache and the set of config
    // errors already reported are shared between the workers.
    let resolver = Mutex::new(Resolver::new(config.clone()));
    let config_errors = Arc::new(Mutex::new(HashSet::new()));
    let selection = args.rule_selection();
    // Sources named on the command line are read and indexed once for every draft.
    let sources = (!args.sources.is_empty()).then(|| Arc::new(provenance::load_paths(&args.sources)));
    let stdin_name =
        args.inputs.paths.iter().any(|p| p.as_os_str() == "-").then(|| args.inputs.stdin_filename.clone());
    let outcome = input::process(&args.inputs, &config, {
        let config_errors = Arc::clone(&config_errors);
        move |file| {
            let settings = settings_for(&file, &selection, &resolver, &config_errors, sources.as_ref())?;
            Some(match request {
                None => (check_with(file, &settings, detail), None),
                Some(request) => {
                    let stdin = stdin_name.as_deref() == Some(file.path.as_str());
                    let (result, fixed) = fix::fix_file(file, &settings, request, stdin);
                    (result, Some(fixed))
                }
            })
        }
    });
    let config_failed = !config_errors.lock().unwrap_or_else(|e| e.into_inner()).is_empty();
    let mut checked: Vec<(FileDiagnostics, Option<fix::FileFix>)> =
        outcome.results.into_iter().flatten().collect();
    checked.sort_by(|a, b| a.0.file.path.cmp(&b.0.file.path));
    let (results, fixes): (Vec<FileDiagnostics>, Vec<Option<fix::FileFix>>) = checked.into_iter().unzip();
    let fixes: Vec<(String, fix::FileFix)> =
        results.iter().zip(fixes).filter_map(|(r, f)| Some((r.file.path.clone(), f?))).collect();
    let mut failed = outcome.failed || config_failed;
    for (_, f) in &fixes {
        if let Some(error) = &f.error {
            eprintln!("error: {error}");
            failed = true;
        }
    }
    // A draft whose config is broken is not checked (the error says why); the others are.
    let mut outcome = input::Outcome { failed, results, not_checked: outcome.not_checked };
    let fix_list: Vec<(&str, &fix::FileFix)> = fixes.iter().map(|(p, f)| (p.as_str(), f)).collect();
    match request {
        Some(request @ fix::Request::Diff(_)) => report_diff(request, &fix_list, &outcome),
        _ => report(args, request, &fix_list, &mut outcome, color),
    }
}

/// Prints the findings (on stderr when stdout carries a fixed draft) and
/// the summary; returns the exit status.
fn report(
    args: &CheckArgs,
    request: Option<fix::Request>,
    fixes: &[(&str, &fix::FileFix)],
    outcome: &mut input::Outcome<FileDiagnostics>,
    color: bool,
) -> i32 {
    let fixed_stdin: Vec<&str> = fixes.iter().filter_map(|(_, f)| f.stdout.as_deref()).collect();
    let printed = if fixed_stdin.is_empty() {
        output::render_in_pieces(args.format, &mut outcome.results, color, print)
    } else {
        output::render_in_pieces(args.format, &mut outcome.results, color, |rendered| {
            eprint!("{rendered}");
            true
        });
        print(&fixed_stdin.concat())
    };
    if output::is_human(args.format) {
        if let Some(request) = request {
            eprint!("{}", fix::summary(request, fixes));
        }
        eprint!("{}", summary_line(Summary::of(&outcome.results)));
        eprint!("{}", fix::hint(&outcome.results, args.unsafe_fixes, request.is_some()));
        eprint!("{}", not_checked_line(&outcome.not_checked));
    }
    output::exit_code(printed && !outcome.failed, &outcome.results, args.fail_on, args.exit_zero)
}

/// `--diff`: the diffs on stdout, what would be fixed on stderr; exit 1 if
/// anything would change (2 on errors).
fn report_diff(
    request: fix::Request,
    fixes: &[(&str, &fix::FileFix)],
    outcome: &input::Outcome<FileDiagnostics>,
) -> i32 {
    let diffs: String = fixes.iter().map(|(_, f)| f.diff.as_str()).collect();
    let printed = print(&diffs);
    eprint!("{}", fix::summary(request, fixes));
    eprint!("{}", not_checked_line(&outcome.not_checked));
    if !printed || outcome.failed {
        EXIT_ERROR
    } else if diffs.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    }
}

/// How much of each finding a format reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Detail {
    /// All of it: labels, help, notes and each fix's edits.
    Full,
    /// What a report of one line a finding shows (see [`suppression::check_lines`]).
    Line,
}

/// Checks one draft with its settings.
fn check_with(file: SourceFile, settings: &Settings, detail: Detail) -> FileDiagnostics {
    let analysis = analyze_with(file, settings);
    match detail {
        Detail::Line => {
            let (file, lines) = suppression::check_lines(analysis, settings);
            FileDiagnostics { file, diagnostics: Vec::new(), lines }
        }
        Detail::Full => {
            let (file, diagnostics) = suppression::check_owned(analysis, settings);
            FileDiagnostics::new(file, diagnostics)
        }
    }
}

/// The settings `check` uses for a draft: its config file's, with the
/// command line's rule selection and sources; `None` if the config is broken.
/// Each error is reported once on stderr, however many drafts it concerns.
pub(super) fn settings_for(
    file: &SourceFile,
    selection: &RuleSelection,
    resolver: &Mutex<Resolver>,
    errors: &Mutex<HashSet<String>>,
    sources: Option<&Arc<provenance::SourceSet>>,
) -> Option<Arc<Settings>> {
    let report = |message: String| {
        if errors.lock().unwrap_or_else(|e| e.into_inner()).insert(message.clone()) {
            eprintln!("error: {message}");
        }
    };
    let found = resolver.lock().unwrap_or_else(|e| e.into_inner()).settings_for(Path::new(&file.path));
    let settings = match found {
        Ok(settings) => settings,
        Err(err) => {
            report(err.to_string());
            return None;
        }
    };
    // The command line's `--select`/`--ignore` override the config file's.
    let settings = if selection.is_empty() {
        settings
    } else {
        Arc::new(selection.apply(&settings, &crate::rules::all_meta()))
    };
    // Sources that cannot be read are reported once each (exit 2); the rest are used.
    let (settings, source_errors) = provenance::attach(&settings, file, sources);
    source_errors.into_iter().for_each(report);
    Some(settings)
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

/// The files that could not be read or checked, after the summary: "2 files
/// could not be checked: a.md, b.md." (the errors above say why).
fn not_checked_line(paths: &[String]) -> String {
    const SHOWN: usize = 10;
    if paths.is_empty() {
        return String::new();
    }
    let mut names = paths.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
    if paths.len() > SHOWN {
        names.push_str(&format!(" and {} more", paths.len() - SHOWN));
    }
    let verb = if paths.len() == 1 { "was" } else { "were" };
    format!("{} {verb} not checked: {names}.\n", count(paths.len(), "file"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_files_not_checked_are_named_after_the_summary() {
        assert_eq!(not_checked_line(&[]), "");
        assert_eq!(not_checked_line(&["a.md".into()]), "1 file was not checked: a.md.\n");
        let many: Vec<String> = (0..12).map(|i| format!("d{i}.md")).collect();
        let line = not_checked_line(&many);
        assert!(line.starts_with("12 files were not checked: d0.md, d1.md,"), "{line}");
        assert!(line.ends_with("d9.md and 2 more.\n"), "{line}");
    }

    #[test]
    fn summary_names_each_severity_found() {
        let s = Summary { files: 1, errors: 1, warnings: 2, infos: 0 };
        assert_eq!(summary_line(s), "Found 3 problems in 1 file: 1 error, 2 warnings.\n");
        assert_eq!(summary_line(Summary { files: 2, ..Summary::default() }), "No problems found in 2 files.\n");
        assert_eq!(summary_line(Summary::default()), "");
    }
}
