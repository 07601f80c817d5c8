//! `check`'s output formats and exit status, kept out of `check.rs` so that
//! the checking itself and its presentation change independently.

use super::args::{CheckFormat, FailOn};
use super::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::diagnostic::Severity;
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
    let failing = results.iter().flat_map(|f| &f.diagnostics).any(|d| fails(d.severity, fail_on));
    if failing && !exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
