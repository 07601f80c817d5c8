//! What a fix is, as plain data: the diagnostic carries it, the applier,
//! the printers and the language server read it. Depends on nothing but
//! [`Span`], so every layer can use it.

use crate::span::Span;
use serde::Serialize;

/// Whether applying a fix can change what the draft says (Ruff's model).
/// `Safe` sorts before `Unsafe`: a fix is applied when its applicability is
/// at most the one asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Only the typography changes (mark style, the ellipsis character) or
    /// something nobody reads (an unused suppression comment).
    Safe,
    /// Wording or reading may change (brackets for parentheses, a comma moved
    /// across a closing mark, a name respelled, "says" to "said"): `check
    /// --fix` applies it only with `--unsafe-fixes`.
    Unsafe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// Replace the bytes of `span` (in the file as on disk) with `replacement`;
/// an empty span inserts, an empty replacement deletes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

impl Edit {
    pub fn replace(span: Span, replacement: impl Into<String>) -> Self {
        Edit { span, replacement: replacement.into() }
    }

    pub fn delete(span: Span) -> Self {
        Edit { span, replacement: String::new() }
    }

    pub fn insert(at: usize, text: impl Into<String>) -> Self {
        Edit { span: Span::new(at, at), replacement: text.into() }
    }

    /// Whether the two edits cannot both be applied: their bytes overlap, or
    /// both insert at (or one inserts at the start of the other's bytes) the
    /// same place, where the order would be a guess. An identical edit is no
    /// conflict: it is applied once.
    pub fn conflicts_with(&self, other: &Edit) -> bool {
        if self == other {
            return false;
        }
        let (a, b) = (self.span, other.span);
        let overlap = a.start < b.end && b.start < a.end;
        let same_point = a.start == b.start && (a.is_empty() || b.is_empty());
        overlap || same_point
    }
}

/// A repair for one diagnostic: edits applied together or not at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What the fix does, for people: "Use curly quotes (“…”)".
    pub message: String,
    pub applicability: Applicability,
    /// Sorted by position, none overlapping another.
    pub edits: Vec<Edit>,
    /// Each edit stands on its own (one mark, one ellipsis, one apostrophe):
    /// an edit that may not be made (in code, a URL) is dropped and the rest
    /// kept. Otherwise the edits go together or not at all.
    pub divisible: bool,
    /// Some of a divisible fix's edits were dropped (a mark inside HTML, say),
    /// so applying it leaves the finding: it does not count as fixed, and the
    /// next pass may finish it once the text around has changed.
    #[serde(skip)]
    pub partial: bool,
}

impl Fix {
    pub fn safe(message: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix::new(message, Applicability::Safe, edits)
    }

    pub fn unsafe_edits(message: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix::new(message, Applicability::Unsafe, edits)
    }

    /// The edits sorted and deduplicated; `is_valid` says whether any still overlap.
    pub fn new(message: impl Into<String>, applicability: Applicability, mut edits: Vec<Edit>) -> Self {
        edits.sort_by_key(|a| (a.span.start, a.span.end));
        edits.dedup();
        // most fixes are one edit, built by pushing into a vector with room
        // for four: kept on every fixable finding of a long draft
        edits.shrink_to_fit();
        Fix { message: message.into(), applicability, edits, divisible: false, partial: false }
    }

    /// The same fix, its edits each standing on its own (see [`Fix::divisible`]).
    pub fn divisible(mut self) -> Self {
        self.divisible = true;
        self
    }

    /// Whether the fix can be applied at all: it edits something, and no
    /// two of its edits overlap or would change nothing.
    pub fn is_valid(&self) -> bool {
        !self.edits.is_empty() && self.edits.windows(2).all(|w| !w[0].conflicts_with(&w[1]))
    }

    /// Where the fix starts, for ordering fixes.
    pub fn start(&self) -> usize {
        self.edits.first().map_or(0, |e| e.span.start)
    }

    /// Whether `--fix` (with `--unsafe-fixes` if `unsafe_fixes`) applies it.
    pub fn applies(&self, unsafe_fixes: bool) -> bool {
        self.applicability == Applicability::Safe || unsafe_fixes
    }
}

/// Whether a rule can fix what it finds (Ruff's fix availability), shown by
/// `rules` and `explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixAvailability {
    /// Every finding comes with a fix.
    Always,
    /// Some findings come with a fix (others are not mechanical, or are
    /// fixed only under some house styles).
    Sometimes,
    Never,
}

impl FixAvailability {
    pub fn as_str(self) -> &'static str {
        match self {
            FixAvailability::Always => "always",
            FixAvailability::Sometimes => "sometimes",
            FixAvailability::Never => "never",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(start: usize, end: usize, with: &str) -> Edit {
        Edit::replace(Span::new(start, end), with)
    }

    #[test]
    fn conflicts_are_overlaps_and_shared_insertion_points() {
        assert!(e(0, 3, "x").conflicts_with(&e(2, 4, "y")));
        assert!(!e(0, 3, "x").conflicts_with(&e(3, 4, "y")), "touching is fine");
        assert!(e(3, 3, "a").conflicts_with(&e(3, 3, "b")), "two insertions at one point");
        assert!(e(3, 3, "a").conflicts_with(&e(3, 5, "b")), "an insertion at the start of a replacement");
        assert!(!e(5, 5, "a").conflicts_with(&e(3, 5, "b")), "an insertion after a replacement");
        assert!(!e(3, 5, "b").conflicts_with(&e(3, 5, "b")), "identical edits are one edit");
    }

    #[test]
    fn a_fix_sorts_and_dedups_its_edits_and_knows_when_they_overlap() {
        let fix = Fix::safe("x", vec![e(5, 6, "b"), e(0, 1, "a"), e(5, 6, "b")]);
        assert_eq!(fix.edits, vec![e(0, 1, "a"), e(5, 6, "b")]);
        assert!(fix.is_valid());
        assert_eq!(fix.start(), 0);
        assert!(!Fix::safe("x", vec![e(0, 4, "a"), e(2, 6, "b")]).is_valid());
        assert!(!Fix::safe("x", Vec::new()).is_valid());
        assert!(Applicability::Safe < Applicability::Unsafe);
        assert!(fix.applies(false));
        assert!(!Fix::unsafe_edits("x", vec![e(0, 1, "a")]).applies(false));
    }
}
