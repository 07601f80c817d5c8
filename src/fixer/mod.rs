//! `check --fix` for one draft: check, apply every applicable fix that fits
//! in one pass, check the fixed text again, until nothing is left to fix or
//! [`MAX_PASSES`] passes have run (Ruff's loop). The findings returned are
//! those of the fixed text, so they are reported as usual.
//!
//! Checking again is most of what fixing costs, so a pass that only swapped
//! quotation marks for another style carries the findings over instead
//! when nothing else can have changed (`carry`).

mod carry;

use crate::analysis::analyze_with;
use crate::diagnostic::Diagnostic;
use crate::fix::diff::Changes;
use crate::fix::{apply, Applied, Fix};
use crate::settings::Settings;
use crate::source::SourceFile;
use crate::suppression;
use std::sync::Arc;

/// Passes over one draft at most: a fix skipped for overlapping another is
/// tried again on the next pass; still more to do after this many means
/// fixes undo each other, and the rest is reported unfixed.
pub const MAX_PASSES: usize = 4;

/// Which fixes to apply: the safe ones, and the unsafe ones too if asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FixMode {
    pub unsafe_fixes: bool,
}

impl FixMode {
    pub fn applies(self, fix: &Fix) -> bool {
        fix.applies(self.unsafe_fixes)
    }
}

/// A draft after fixing.
#[derive(Debug, Clone)]
pub struct Fixed {
    /// The text as read.
    pub original: Arc<String>,
    /// The fixed draft.
    pub file: SourceFile,
    /// The findings left in the fixed text.
    pub diagnostics: Vec<Diagnostic>,
    /// How many findings were fixed, over every pass (a fix that could make
    /// only some of its edits counts when a later pass finishes it).
    pub fixed: usize,
    /// False when fixes were still being found after the last pass.
    pub converged: bool,
    /// How many times a fixed text was analysed again (a pass whose
    /// findings carry over needs none).
    pub rechecks: usize,
    /// Where the fixed text differs from the text as read.
    pub changes: Changes,
}

impl Fixed {
    pub fn changed(&self) -> bool {
        *self.original != *self.file.text
    }
}

/// Checks `file` with `settings` and applies the fixes `mode` allows, pass
/// after pass; see the module documentation.
pub fn fix_draft(file: SourceFile, settings: &Settings, mode: FixMode) -> Fixed {
    let original = file.text.clone();
    let path = file.path.clone();
    let format = file.format;
    let mut analysis = analyze_with(file, settings);
    let mut diagnostics = suppression::check_for_fixing(&mut analysis, settings);
    let (mut fixed, mut rechecks) = (0, 0);
    let mut changes = Changes::default();
    for _ in 0..MAX_PASSES {
        let (owners, fixes): (Vec<usize>, Vec<&Fix>) = diagnostics
            .iter()
            .enumerate()
            .filter_map(|(i, d)| Some((i, d.fix.as_deref().filter(|f| mode.applies(f))?)))
            .unzip();
        if fixes.is_empty() {
            break;
        }
        let Applied { text, applied, edits } = apply(&analysis.file.text, &fixes);
        if applied.is_empty() || text == *analysis.file.text {
            break;
        }
        fixed += applied.iter().filter(|&&i| !fixes[i].partial).count();
        changes.then(&edits);
        let next = SourceFile::new(path.clone(), text).with_format(format);
        let mut was_applied = vec![false; diagnostics.len()];
        applied.iter().for_each(|&i| was_applied[owners[i]] = true);
        let pass =
            carry::Pass { analysis: &analysis, diagnostics: &diagnostics, applied: &was_applied, edits: &edits };
        if let Some(rest) = carry::carry_over(&pass, &next, settings, mode) {
            // nothing is left to fix: `carry_over` says so only then
            return Fixed { original, file: next, diagnostics: rest, fixed, converged: true, rechecks, changes };
        }
        rechecks += 1;
        // the pass's findings and analysis go before the fixed text is
        // analysed: held beside its analysis, they were the peak of fixing
        drop(diagnostics);
        drop(analysis);
        analysis = analyze_with(next, settings);
        diagnostics = suppression::check_for_fixing(&mut analysis, settings);
    }
    let converged = !diagnostics.iter().filter_map(|d| d.fix.as_ref()).any(|f| mode.applies(f));
    Fixed { original, file: analysis.file, diagnostics, fixed, converged, rechecks, changes }
}
