//! Checking one version of a draft on a thread of its own, and making
//! what is published of it.

use super::position::Encoding;
use super::published::Published;
use super::{shown, transport, MEMORY_LIMIT, TIME_LIMIT};
use crate::analysis::analyze_with;
use crate::budget;
use crate::config::{ConfigError, Resolver};
use crate::isolate::catch;
use crate::settings::Settings;
use crate::source::SourceFile;
use crate::span::LineIndex;
use crate::suppression;
use lsp_types::Url;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The outcome of checking one version of one draft.
pub(super) struct Analysed {
    pub uri: Url,
    pub generation: u64,
    /// What hover and code actions read once it is published.
    pub published: Published,
    /// The `publishDiagnostics` message, made on the analysis's thread: the
    /// findings of a long draft took the message loop hundreds of
    /// milliseconds to convert, while hovers waited.
    pub message: transport::Body,
    /// The config file governing the draft, and its error if it is broken.
    pub config: Option<PathBuf>,
    pub config_error: Option<ConfigError>,
}

/// One version of a draft to check, and how its findings are to be published.
pub(super) struct Job {
    pub uri: Url,
    pub text: Arc<String>,
    pub version: Option<i32>,
    pub generation: u64,
    pub encoding: Encoding,
    pub max_problems: usize,
}

/// Every rule over one version of a draft, with its config file's settings
/// (the defaults when it is broken: the error is published on the config).
/// A panic becomes no findings and a line in the log, not a dead server.
pub(super) fn analyse(resolver: &Mutex<Resolver>, job: Job) -> Analysed {
    let Job { uri, text, version, generation, encoding, max_problems } = job;
    let file_path = uri.to_file_path().ok();
    let path = file_path.as_ref().map_or_else(|| uri.to_string(), |p| p.display().to_string());
    let Governed { settings, config, config_error } = governed(resolver, file_path.as_deref(), &path);
    let file = SourceFile::shared(path.clone(), Arc::clone(&text));
    // a draft over its budget stops at its next checkpoint, its thread freed
    let _budget = budget::enter(budget::Limits { memory: Some(MEMORY_LIMIT), time: Some(TIME_LIMIT) });
    // sorted; the analysis's prose and words are freed before the findings
    // are unpacked, as `check` does: the server held them beside a long
    // draft's findings, and peaked at 118 MB where `check` did at 89 (10 MB,
    // 128,254 findings; 90 MB since)
    let checked = || {
        let (file, diagnostics) = suppression::check_for_editor(analyze_with(file, &settings), &settings);
        (file.lines, diagnostics)
    };
    let (lines, diagnostics) = catch(checked).unwrap_or_else(|message| {
        eprintln!("error: {path}: {message}");
        (LineIndex::new(&text), Vec::new())
    });
    let (diagnostics, left_out) = shown::shown(diagnostics, max_problems);
    let published = Published { lines, text, diagnostics, left_out };
    let message = published.message(&uri, version, encoding);
    Analysed { uri, generation, published, message, config, config_error }
}

/// The settings a draft is checked with, and the config file they come from.
struct Governed {
    settings: Arc<Settings>,
    config: Option<PathBuf>,
    /// The config's error when it is broken: the defaults are used then.
    config_error: Option<ConfigError>,
}

fn governed(resolver: &Mutex<Resolver>, file_path: Option<&Path>, path: &str) -> Governed {
    let mut resolver = resolver.lock().unwrap_or_else(|e| e.into_inner());
    let config = file_path.and_then(Path::parent).and_then(|dir| resolver.config_for_dir(dir));
    match resolver.settings_for(Path::new(path)) {
        Ok(settings) => Governed { settings, config, config_error: None },
        Err(error) => Governed { settings: Arc::new(Settings::default()), config, config_error: Some(error) },
    }
}
