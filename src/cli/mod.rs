//! The `quotelint` command line: argument parsing, reading drafts, running
//! the pipeline per file with panics contained, and exit codes.
//!
//! Exit codes (as ruff's): 0 nothing found, 1 findings, 2 usage, I/O or internal error.

pub mod args;
mod check;
mod completions;
mod explain;
mod fix;
mod hook;
mod init;
pub mod input;
mod output;
mod quotes;
mod report;
mod rules;
mod sources;
mod staged;

use crate::config::ConfigChoice;
use args::{Cli, ColorMode, Command, HookCommand};
use std::io::{IsTerminal, Write};

pub const EXIT_CLEAN: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

/// Runs the command line and returns the process exit code.
pub fn run() -> i32 {
    let cli = match Cli::parse_once(std::env::args_os()) {
        Ok(cli) => cli,
        Err(err) => {
            // Prints help/version to stdout (exit 0) and usage errors to stderr (exit 2).
            let _ = err.print();
            return err.exit_code();
        }
    };
    crate::isolate::install_quiet_panic_hook();
    let color = use_color(cli.color);
    // Each file is guarded on its own; this catches a panic anywhere else (a printer, say).
    let code = crate::isolate::catch(|| dispatch(&cli, color)).unwrap_or_else(|message| {
        eprintln!("error: internal error: {message}");
        EXIT_ERROR
    });
    report_peak_memory();
    code
}

/// With `QUOTELINT_REPORT_PEAK_MEMORY` set, the last line on stderr is the
/// process's peak resident memory (Linux): what the robustness tests and
/// benchmarks measure, read where it is exact, from inside the process.
fn report_peak_memory() {
    if std::env::var_os("QUOTELINT_REPORT_PEAK_MEMORY").is_none() {
        return;
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    if let Some(peak) = status.lines().find_map(|l| l.strip_prefix("VmHWM:")) {
        eprintln!("quotelint: peak memory {}", peak.trim());
    }
}

fn dispatch(cli: &Cli, color: bool) -> i32 {
    match &cli.command {
        Command::Quotes(args) => quotes::run(args, config_choice(cli)),
        Command::Sources(args) => sources::run(args, config_choice(cli)),
        Command::Check(args) => check::run(args, color, config_choice(cli)),
        Command::Report(args) => report::run(args, config_choice(cli)),
        Command::Rules(args) => rules::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Init(args) => init::run(args),
        Command::Hook(HookCommand::Install(args)) => hook::install(args),
        Command::Completions(args) => completions::completions(args),
        Command::Man => completions::man(),
        Command::Lsp => crate::lsp::run(),
    }
}

/// Where settings come from: `--isolated`, `--config PATH`, or the closest config file.
fn config_choice(cli: &Cli) -> ConfigChoice {
    match (&cli.config, cli.isolated) {
        (_, true) => ConfigChoice::Isolated,
        (Some(path), false) => ConfigChoice::File(path.clone()),
        (None, false) => ConfigChoice::Discover,
    }
}

/// `auto` colours only a terminal, and never when `NO_COLOR` is set (no-color.org)
/// or `TERM=dumb`.
fn use_color(mode: ColorMode) -> bool {
    match mode {
        ColorMode::Always => true,
        ColorMode::Never => false,
        ColorMode::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
            !no_color && !dumb && std::io::stdout().is_terminal()
        }
    }
}

/// Writes the whole output to stdout. A closed pipe (`quotelint … | head`) is
/// not an error worth reporting; anything else is.
fn print(out: &str) -> bool {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(out.as_bytes()).and_then(|()| stdout.flush()) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => true,
        Err(e) => {
            eprintln!("error: cannot write output: {e}");
            false
        }
    }
}
