//! `quotelint quotes`: every quotation with its attribution.

use super::args::{QuotesArgs, QuotesFormat};
use super::{input, print, EXIT_CLEAN, EXIT_ERROR};
use crate::analysis::{attribute_with, Analysis};
use crate::config::{ConfigChoice, Resolver};
use crate::provenance::{self, Verdict};
use crate::render::{quotes_json, quotes_table};
use crate::settings::Settings;
use std::collections::HashSet;
use std::path::Path;
use std::sync::{Arc, Mutex};

pub fn run(args: &QuotesArgs, config: ConfigChoice) -> i32 {
    // Sources named on the command line are read and indexed once for every draft.
    let sources = (!args.sources.is_empty()).then(|| Arc::new(provenance::load_paths(&args.sources)));
    // The same configuration as `check` (word lists, sources), so both agree on who speaks.
    let resolver = Arc::new(Mutex::new(Resolver::new(config.clone())));
    let errors = Arc::new(Mutex::new(HashSet::new()));
    let mut outcome = input::process(&args.inputs, &config, {
        let errors = Arc::clone(&errors);
        move |file| {
            let found = resolver.lock().unwrap_or_else(|e| e.into_inner()).settings_for(Path::new(&file.path));
            let report = |message: String| {
                if errors.lock().unwrap_or_else(|e| e.into_inner()).insert(message.clone()) {
                    eprintln!("error: {message}");
                }
            };
            let settings = found.unwrap_or_else(|err| {
                report(err.to_string());
                Arc::new(Settings::default())
            });
            let (settings, source_errors) = provenance::attach(&settings, &file, sources.as_ref());
            source_errors.into_iter().for_each(report);
            let analysis = attribute_with(file, &settings);
            let verdicts = provenance::verify(&analysis, &settings.sources);
            (analysis, verdicts)
        }
    });
    // Deterministic output whatever the argument order, as for `check`.
    outcome.results.sort_by(|a, b| a.0.file.path.cmp(&b.0.file.path));
    let (analyses, verdicts): (Vec<Analysis>, Vec<Vec<Verdict>>) = outcome.results.into_iter().unzip();
    let out = match args.format {
        QuotesFormat::Table => quotes_table::render(&analyses),
        QuotesFormat::Json => quotes_json::render_with_sources(&analyses, &verdicts),
    };
    let failed = outcome.failed || !errors.lock().unwrap_or_else(|e| e.into_inner()).is_empty();
    // Listing quotes is not a finding: exit 0 unless something went wrong.
    if print(&out) && !failed {
        EXIT_CLEAN
    } else {
        EXIT_ERROR
    }
}
