//! `check --fix`, `--unsafe-fixes` and `--diff`: fixing each draft (see
//! [`crate::fixer`]), writing it back, printing the fixed standard input or
//! the diff, and the summary lines that say what was fixed.

use super::args::CheckArgs;
use crate::analysis::analyze_with;
use crate::edit::Applicability;
use crate::fix::diff;
use crate::fix::write;
use crate::fixer::{self, FixMode, Fixed};
use crate::render::{count, FileDiagnostics};
use crate::settings::Settings;
use crate::source::SourceFile;
use crate::suppression;
use std::path::Path;

/// What the command line asked to do with fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request {
    /// `--fix`: apply and write back (standard input: print the fixed draft).
    Fix(FixMode),
    /// `--diff`: show what `--fix` would change, and write nothing.
    Diff(FixMode),
}

impl Request {
    pub fn of(args: &CheckArgs) -> Option<Request> {
        let mode = FixMode { unsafe_fixes: args.unsafe_fixes };
        if args.diff {
            Some(Request::Diff(mode))
        } else if args.fix {
            Some(Request::Fix(mode))
        } else {
            None
        }
    }
}

/// What fixing did to one draft.
#[derive(Debug, Clone, Default)]
pub struct FileFix {
    /// Findings fixed (or, with `--diff`, that would be).
    pub fixed: usize,
    /// With `--diff`: the unified diff, empty when nothing would change.
    pub diff: String,
    /// With `--fix` on standard input: the fixed draft, printed to stdout.
    pub stdout: Option<String>,
    /// The draft could not be written back: why (its findings are those of the unfixed draft).
    pub error: Option<String>,
    /// Fixes were still being found after the last pass.
    pub unfinished: bool,
}

/// Fixes one draft as `request` asks; `stdin` says whether it was read from
/// standard input. Returns the findings to report and what was fixed.
pub fn fix_file(
    file: SourceFile,
    settings: &Settings,
    request: Request,
    stdin: bool,
) -> (FileDiagnostics, FileFix) {
    let mode = match request {
        Request::Fix(mode) | Request::Diff(mode) => mode,
    };
    let Fixed { original, file, diagnostics, fixed, converged, changes, .. } =
        fixer::fix_draft(file, settings, mode);
    let mut out = FileFix { fixed, unfinished: !converged, ..FileFix::default() };
    let changed = *original != *file.text;
    match request {
        Request::Diff(_) => out.diff = diff::unified(&file.path, &original, &file.text, &changes),
        Request::Fix(_) if stdin => out.stdout = Some(file.text.to_string()),
        Request::Fix(_) if changed => {
            if let Err(err) = write::replace(Path::new(&file.path), &original, &file.text) {
                out.error = Some(err.to_string());
                out.fixed = 0;
                // The draft stays as it was, so its own findings are the ones to report.
                let file = SourceFile::shared(file.path, original).with_format(file.format);
                let analysis = analyze_with(file, settings);
                let diagnostics = suppression::check(&analysis, settings);
                return (FileDiagnostics::new(analysis.file, diagnostics), out);
            }
        }
        Request::Fix(_) => {}
    }
    (FileDiagnostics::new(file, diagnostics), out)
}

/// "Fixed 5 problems in 2 files." (`--fix`) or "Would fix 5 problems in 2
/// files." (`--diff`), with a warning per draft whose fixes did not settle.
pub fn summary(request: Request, fixes: &[(&str, &FileFix)]) -> String {
    let mut out = String::new();
    for (path, _) in fixes.iter().filter(|(_, f)| f.unfinished) {
        out.push_str(&format!(
            "warning: {path}: still finding fixes after {} passes; what is left is reported unfixed\n",
            fixer::MAX_PASSES
        ));
    }
    let fixed: usize = fixes.iter().map(|(_, f)| f.fixed).sum();
    let files = fixes.iter().filter(|(_, f)| f.fixed > 0).count();
    let verb = match request {
        Request::Fix(_) => "Fixed",
        Request::Diff(_) => "Would fix",
    };
    if fixed > 0 {
        out.push_str(&format!("{verb} {} in {}.\n", count(fixed, "problem"), count(files, "file")));
    } else if matches!(request, Request::Diff(_)) {
        out.push_str("Nothing to fix.\n");
    }
    out
}

/// After the summary of a run that did not fix (or did not fix everything):
/// how many findings `--fix` would fix, and how many more `--unsafe-fixes`.
pub fn hint(results: &[FileDiagnostics], unsafe_fixes: bool, fixing: bool) -> String {
    let (safe, risky) = results.iter().fold((0, 0), |(s, u), f| {
        f.fixes().fold((s, u), |(s, u), a| match a {
            Applicability::Safe => (s + 1, u),
            Applicability::Unsafe => (s, u + 1),
        })
    });
    match (fixing, unsafe_fixes, safe, risky) {
        (_, _, 0, 0) => String::new(),
        (true, false, _, n) if n > 0 => {
            format!("{n} more fixable with `--unsafe-fixes` (changes that may alter the wording).\n")
        }
        (true, _, _, _) => String::new(),
        (false, true, s, u) => format!("{} fixable with `--fix --unsafe-fixes`.\n", s + u),
        (false, false, s, 0) => format!("{s} fixable with `--fix`.\n"),
        (false, false, 0, u) => {
            format!("{u} fixable with `--fix --unsafe-fixes` (changes that may alter the wording).\n")
        }
        (false, false, s, u) => format!("{s} fixable with `--fix` ({u} more with `--unsafe-fixes`).\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_says_what_was_fixed_and_what_did_not_settle() {
        let a = FileFix { fixed: 3, ..FileFix::default() };
        let b = FileFix { fixed: 1, unfinished: true, ..FileFix::default() };
        let none = FileFix::default();
        let fix = Request::Fix(FixMode::default());
        assert_eq!(summary(fix, &[("a.md", &a), ("c.md", &none)]), "Fixed 3 problems in 1 file.\n");
        let got = summary(Request::Diff(FixMode::default()), &[("a.md", &a), ("b.md", &b)]);
        assert_eq!(
            got,
            "warning: b.md: still finding fixes after 4 passes; what is left is reported unfixed\nWould fix 4 problems in 2 files.\n"
        );
        assert_eq!(summary(fix, &[("c.md", &none)]), "");
        assert_eq!(summary(Request::Diff(FixMode::default()), &[]), "Nothing to fix.\n");
    }
}
