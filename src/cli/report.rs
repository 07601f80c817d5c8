//! `quotelint report` and `check --format html`: the drafts through the
//! pipeline as `check` runs them, gathered into one HTML page.

use super::args::{CheckArgs, Inputs, ReportArgs};
use super::check::settings_for;
use super::{input, output, print, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::analysis::analyze_with;
use crate::config::{ConfigChoice, Resolver};
use crate::provenance;
use crate::report::{self, DraftReport};
use crate::settings::RuleSelection;
use crate::suppression;
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Writes the page to `-o FILE` or stdout. Listing is not a finding: exit 0
/// unless a draft, config or source could not be read (2).
pub fn run(args: &ReportArgs, config: ConfigChoice) -> i32 {
    if let Some(out) = &args.output {
        if let Some(draft) = draft_named(&args.inputs, out) {
            eprintln!("error: {}: is one of the drafts; the report would overwrite it", draft.display());
            return EXIT_ERROR;
        }
    }
    let (drafts, failed) = reports(&args.inputs, &RuleSelection::default(), &args.sources, config);
    let written = match &args.output {
        None => report::html::write_page(&drafts, &mut print),
        Some(path) => write_file(path, &drafts),
    };
    if written && !failed {
        EXIT_CLEAN
    } else {
        EXIT_ERROR
    }
}

/// Writes the page to `path` as it is made, and says so on stderr.
fn write_file(path: &Path, drafts: &[DraftReport]) -> bool {
    let mut failure = None;
    let mut bytes = 0;
    let written = match std::fs::File::create(path) {
        Ok(file) => {
            let mut file = std::io::BufWriter::new(file);
            report::html::write_page(drafts, &mut |piece: &str| {
                bytes += piece.len();
                file.write_all(piece.as_bytes()).map_err(|e| failure = Some(e)).is_ok()
            }) && file.flush().map_err(|e| failure = Some(e)).is_ok()
        }
        Err(e) => {
            failure = Some(e);
            false
        }
    };
    if written {
        eprintln!("wrote {} ({}, {bytes} bytes)", path.display(), crate::render::count(drafts.len(), "draft"));
    } else {
        let why = failure.map(|e| format!(": {e}")).unwrap_or_default();
        eprintln!("error: {}: cannot write the report{why}", path.display());
    }
    written
}

/// `check --format html`: the page on stdout, with `check`'s exit status.
pub fn run_check(args: &CheckArgs, config: ConfigChoice) -> i32 {
    let (drafts, failed) = reports(&args.inputs, &args.rule_selection(), &args.sources, config);
    let printed = report::html::write_page(&drafts, &mut print);
    if !printed || failed {
        return EXIT_ERROR;
    }
    let failing = drafts.iter().flat_map(|d| &d.findings).any(|f| output::fails(f.severity, args.fail_on));
    if failing && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// Each draft's report, sorted by path, and whether anything could not be read.
fn reports(
    inputs: &Inputs,
    selection: &RuleSelection,
    source_paths: &[PathBuf],
    config: ConfigChoice,
) -> (Vec<DraftReport>, bool) {
    let errors = Arc::new(Mutex::new(HashSet::new()));
    // Sources named on the command line are read and indexed once for every draft.
    let sources = (!source_paths.is_empty()).then(|| Arc::new(provenance::load_paths(source_paths)));
    let outcome = input::process(inputs, &config.clone(), {
        let (resolver, errors, selection) =
            (Mutex::new(Resolver::new(config)), Arc::clone(&errors), selection.clone());
        move |file| {
            let settings = settings_for(&file, &selection, &resolver, &errors, sources.as_ref())?;
            let mut analysis = analyze_with(file, &settings);
            let diagnostics = suppression::check_unfixed(&mut analysis, &settings);
            let checked = settings.sources.given();
            let verdicts = provenance::verify(&analysis, &settings.sources);
            Some(report::build(analysis, diagnostics, &verdicts, checked))
        }
    });
    let errors = !errors.lock().unwrap_or_else(|e| e.into_inner()).is_empty();
    let mut drafts: Vec<DraftReport> = outcome.results.into_iter().flatten().collect();
    drafts.sort_by(|a, b| a.path.cmp(&b.path));
    (drafts, outcome.failed || errors)
}

/// The draft among `inputs` that `out` names, if any: writing there would lose it.
fn draft_named(inputs: &Inputs, out: &Path) -> Option<PathBuf> {
    let out = std::fs::canonicalize(out).ok()?;
    inputs.paths.iter().find(|p| std::fs::canonicalize(p).is_ok_and(|p| p == out)).cloned()
}
