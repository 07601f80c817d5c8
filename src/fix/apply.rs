//! Applying fixes to one text in one pass, as Ruff does: fixes in order of
//! position, each taken whole or not at all; one whose edits would overlap
//! an edit already taken is skipped (the next pass, over the fixed text,
//! tries it again). Identical edits from two fixes (two unused codes whose
//! fixes both delete the same comment) are made once.

use crate::edit::{Edit, Fix};
use std::collections::BTreeMap;

/// The text with the fixes that fit applied, and how many were applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub text: String,
    /// Indexes into the fixes given, of those applied, in the order given.
    pub applied: Vec<usize>,
    /// The edits made, in order of position (offsets into the text given),
    /// each once: how offsets into that text move in the new one.
    pub edits: Vec<Edit>,
}

/// Applies as many of `fixes` as fit together to `text`. Fixes are tried in
/// order of their first edit (ties in the order given); every fix must be
/// valid ([`Fix::is_valid`]) and inside `text` on character boundaries.
pub fn apply(text: &str, fixes: &[&Fix]) -> Applied {
    let mut order: Vec<usize> = (0..fixes.len()).collect();
    order.sort_by_key(|&i| (fixes[i].start(), i));
    // Accepted edits by (start, end): disjoint apart from identical duplicates, kept once.
    let mut accepted: BTreeMap<(usize, usize), &Edit> = BTreeMap::new();
    let mut applied = Vec::new();
    for i in order {
        let fix = fixes[i];
        if fix.edits.iter().any(|e| conflicts(&accepted, e)) {
            continue;
        }
        for e in &fix.edits {
            accepted.insert((e.span.start, e.span.end), e);
        }
        applied.push(i);
    }
    applied.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in accepted.values() {
        out.push_str(text.get(at..e.span.start).unwrap_or_default());
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    let edits = accepted.into_values().cloned().collect();
    Applied { text: out, applied, edits }
}

/// Whether `edit` conflicts with an accepted edit. Accepted edits are
/// disjoint, so going back from the last that starts at or before
/// `edit`'s end, only those that still reach `edit`'s start can conflict.
fn conflicts(accepted: &BTreeMap<(usize, usize), &Edit>, edit: &Edit) -> bool {
    for (&(_, end), other) in accepted.range(..=(edit.span.end, usize::MAX)).rev() {
        if end < edit.span.start {
            return false;
        }
        if other.conflicts_with(edit) {
            return true;
        }
        // `other` is identical to `edit`, or touches it without overlapping: keep looking back.
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn fix(edits: &[(usize, usize, &str)]) -> Fix {
        Fix::safe("t", edits.iter().map(|&(s, e, r)| Edit::replace(Span::new(s, e), r)).collect())
    }

    #[test]
    fn edits_of_several_fixes_apply_in_one_pass() {
        let text = "a \"b\" c...";
        let quotes = fix(&[(2, 3, "“"), (4, 5, "”")]);
        let dots = fix(&[(7, 10, "…")]);
        let got = apply(text, &[&dots, &quotes]);
        assert_eq!(got.text, "a “b” c…");
        assert_eq!(got.applied, vec![0, 1]);
    }

    #[test]
    fn a_fix_that_overlaps_one_taken_is_skipped_whole() {
        let text = "0123456789";
        let first = fix(&[(1, 3, "x")]);
        let second = fix(&[(2, 4, "y"), (8, 9, "z")]);
        let got = apply(text, &[&second, &first]);
        assert_eq!(got.text, "0x3456789");
        assert_eq!(got.applied, vec![1]);
    }

    #[test]
    fn identical_edits_are_made_once_and_insertions_keep_their_place() {
        let text = "<!-- x -->\nText";
        let a = fix(&[(0, 11, "")]);
        let b = fix(&[(0, 11, "")]);
        let got = apply(text, &[&a, &b]);
        assert_eq!(got.text, "Text");
        assert_eq!(got.applied, vec![0, 1]);
        let insert = fix(&[(4, 4, "!")]);
        let replace = fix(&[(2, 4, "XY")]);
        assert_eq!(apply("abcdef", &[&insert, &replace]).text, "abXY!ef");
        let clash = fix(&[(4, 4, "?")]);
        assert_eq!(apply("abcdef", &[&insert, &clash]).applied, vec![0]);
    }
}
