//! `check --diff`: what fixing would change, as a unified diff that `patch
//! -p0` and `git apply -p0` accept (headers name the file as it was given,
//! as Ruff's `--diff` does).

use similar::TextDiff;

/// The unified diff from `old` to `new` with three lines of context, or
/// nothing when they are the same. Line endings are compared as written, so
/// a CRLF draft gives CRLF lines.
pub fn unified(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let diff = TextDiff::from_lines(old, new);
    let mut out = diff.unified_diff().context_radius(3).header(path, path).to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_is_one_hunk_with_context_and_no_change_is_nothing() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\n";
        let new = "a\nb\nc\nd\nE\nf\ng\nh\n";
        assert_eq!(
            unified("d.md", old, new),
            "--- d.md\n+++ d.md\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n"
        );
        assert_eq!(unified("d.md", old, old), "");
    }

    #[test]
    fn a_missing_final_newline_is_marked() {
        let got = unified("d.md", "x", "y");
        assert!(got.contains("-x\n\\ No newline at end of file\n+y\n\\ No newline at end of file\n"), "{got}");
    }
}
