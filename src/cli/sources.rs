//! `quotelint sources`: the people and organisations quoted in each draft.

use super::args::{QuotesFormat, SourcesArgs};
use super::{input, print, EXIT_CLEAN, EXIT_ERROR};
use crate::analysis::{analyze, attribute_with};
use crate::config::{ConfigChoice, Resolver};
use crate::render::sources;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

pub fn run(args: &SourcesArgs, config: ConfigChoice) -> i32 {
    // the configuration's word lists decide who speaks, as for `check`
    let resolver = Mutex::new(Resolver::new(config.clone()));
    let config_failed = Arc::new(AtomicBool::new(false));
    let mut outcome = input::process(&args.inputs, &config, {
        let config_failed = Arc::clone(&config_failed);
        move |file| {
            let found = resolver.lock().unwrap_or_else(|e| e.into_inner()).settings_for(Path::new(&file.path));
            match found {
                Ok(settings) => attribute_with(file, &settings),
                Err(err) => {
                    eprintln!("error: {err}");
                    config_failed.store(true, Ordering::Relaxed);
                    analyze(file)
                }
            }
        }
    });
    outcome.results.sort_by(|a, b| a.file.path.cmp(&b.file.path));
    let out = match args.format {
        QuotesFormat::Table => sources::render_table(&outcome.results),
        QuotesFormat::Json => sources::render_json(&outcome.results),
    };
    if print(&out) && !outcome.failed && !config_failed.load(Ordering::Relaxed) {
        EXIT_CLEAN
    } else {
        EXIT_ERROR
    }
}
