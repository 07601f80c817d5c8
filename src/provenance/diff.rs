//! Word diffs, written the way `git diff --word-diff` shows them:
//! `[-removed words-]{+added words+}` between the unchanged words.

/// One stretch of a word diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Words both sides share, or a mark shown as it is (an ellipsis, a bracket).
    Same(String),
    /// Words of the original (the source) that the copy (the quote) leaves out or changes…
    Removed(String),
    /// …and the words the copy has instead.
    Added(String),
}

/// A word diff: pieces in reading order, each change as its removed words then its added ones.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordDiff {
    pub pieces: Vec<Piece>,
}

impl WordDiff {
    /// Builds a diff from a sequence of `(removed, added, same)` word events,
    /// gathering each run of changes into one removed and one added stretch.
    pub fn from_events(events: impl IntoIterator<Item = Event>) -> WordDiff {
        let mut pieces = Vec::new();
        let (mut removed, mut added): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
        let flush = |pieces: &mut Vec<Piece>, removed: &mut Vec<String>, added: &mut Vec<String>| {
            if !removed.is_empty() {
                pieces.push(Piece::Removed(removed.join(" ")));
                removed.clear();
            }
            if !added.is_empty() {
                pieces.push(Piece::Added(added.join(" ")));
                added.clear();
            }
        };
        for event in events {
            match event {
                Event::Same(w) => {
                    flush(&mut pieces, &mut removed, &mut added);
                    pieces.push(Piece::Same(w));
                }
                Event::Removed(w) => removed.push(w),
                Event::Added(w) => added.push(w),
            }
        }
        flush(&mut pieces, &mut removed, &mut added);
        WordDiff { pieces }
    }

    pub fn is_unchanged(&self) -> bool {
        self.pieces.iter().all(|p| matches!(p, Piece::Same(_)))
    }

    /// The whole diff: `the debris [-were-]{+was+} found`.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let mut previous_was_removed = false;
        for piece in &self.pieces {
            // A change is written as one unit: `[-old-]{+new+}` with no space between.
            let joined = previous_was_removed && matches!(piece, Piece::Added(_));
            if !out.is_empty() && !joined {
                out.push(' ');
            }
            match piece {
                Piece::Same(w) => out.push_str(w),
                Piece::Removed(w) => out.push_str(&format!("[-{w}-]")),
                Piece::Added(w) => out.push_str(&format!("{{+{w}+}}")),
            }
            previous_was_removed = matches!(piece, Piece::Removed(_));
        }
        out
    }

    /// Only the changes, each with a word of context either side, joined by
    /// `, `: short enough for a one-line message.
    pub fn summary(&self) -> String {
        let mut changes: Vec<String> = Vec::new();
        let mut i = 0;
        while i < self.pieces.len() {
            if matches!(self.pieces.get(i), Some(Piece::Same(_)) | None) {
                i += 1;
                continue;
            }
            let mut j = i;
            while matches!(self.pieces.get(j), Some(Piece::Removed(_) | Piece::Added(_))) {
                j += 1;
            }
            let before = i.checked_sub(1).and_then(|k| self.pieces.get(k)).cloned();
            let after = self.pieces.get(j).cloned();
            let mut part = WordDiff::default();
            if let Some(Piece::Same(w)) = before {
                part.pieces.push(Piece::Same(w.rsplit(' ').next().unwrap_or_default().to_string()));
            }
            part.pieces.extend(self.pieces.get(i..j).unwrap_or_default().iter().cloned());
            if let Some(Piece::Same(w)) = after {
                part.pieces.push(Piece::Same(w.split(' ').next().unwrap_or_default().to_string()));
            }
            changes.push(part.render());
            i = j;
        }
        changes.join(", ")
    }
}

/// One word in a diff being built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Same(String),
    Removed(String),
    Added(String),
}

/// An edit in a longest-common-subsequence word diff from `a` to `b`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Keep(usize, usize),
    Remove(usize),
    Add(usize),
}

/// The word-level diff from `a` to `b` (longest common subsequence; ties
/// favour additions first, as `diff` does). Compares with `eq`.
pub fn lcs<T>(a: &[T], b: &[T], eq: impl Fn(&T, &T) -> bool) -> Vec<Edit> {
    let (n, m) = (a.len(), b.len());
    let width = m + 1;
    let mut table = vec![0usize; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let same = matches!((a.get(i), b.get(j)), (Some(x), Some(y)) if eq(x, y));
            let value = if same {
                table.get((i + 1) * width + j + 1).copied().unwrap_or(0) + 1
            } else {
                let down = table.get((i + 1) * width + j).copied().unwrap_or(0);
                let right = table.get(i * width + j + 1).copied().unwrap_or(0);
                down.max(right)
            };
            if let Some(cell) = table.get_mut(i * width + j) {
                *cell = value;
            }
        }
    }
    let at = |i: usize, j: usize| table.get(i * width + j).copied().unwrap_or(0);
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < n || j < m {
        let same = i < n && j < m && matches!((a.get(i), b.get(j)), (Some(x), Some(y)) if eq(x, y));
        if same {
            out.push(Edit::Keep(i, j));
            i += 1;
            j += 1;
        } else if i < n && (j == m || at(i + 1, j) >= at(i, j + 1)) {
            out.push(Edit::Remove(i));
            i += 1;
        } else {
            out.push(Edit::Add(j));
            j += 1;
        }
    }
    out
}

/// A word diff of two word lists, from `old` to `new`, compared with `eq`.
pub fn word_diff<S: AsRef<str>>(old: &[S], new: &[S], eq: impl Fn(&S, &S) -> bool) -> WordDiff {
    let word = |s: Option<&S>| s.map(|w| w.as_ref().to_string()).unwrap_or_default();
    WordDiff::from_events(lcs(old, new, eq).into_iter().map(|e| match e {
        Edit::Keep(_, j) => Event::Same(word(new.get(j))),
        Edit::Remove(i) => Event::Removed(word(old.get(i))),
        Edit::Add(j) => Event::Added(word(new.get(j))),
    }))
}

/// Colours a rendered diff for a terminal as `git diff --word-diff` does:
/// removed words red, added words green (the markers are kept).
pub fn colorize(text: &str) -> String {
    const RED: &str = "\x1b[31m";
    const GREEN: &str = "\x1b[32m";
    const RESET: &str = "\x1b[0m";
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    loop {
        let removed = rest.find("[-").and_then(|s| rest.get(s..)?.find("-]").map(|e| (s, s + e + 2, RED)));
        let added = rest.find("{+").and_then(|s| rest.get(s..)?.find("+}").map(|e| (s, s + e + 2, GREEN)));
        let next = match (removed, added) {
            (Some(r), Some(a)) => Some(if r.0 < a.0 { r } else { a }),
            (r, a) => r.or(a),
        };
        let Some((start, end, colour)) = next else { break };
        out.push_str(rest.get(..start).unwrap_or_default());
        out.push_str(colour);
        out.push_str(rest.get(start..end).unwrap_or_default());
        out.push_str(RESET);
        rest = rest.get(end..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_render_as_git_word_diff() {
        let old = ["the", "debris", "were", "found"];
        let new = ["the", "debris", "was", "found"];
        let d = word_diff(&old, &new, |a, b| a == b);
        assert_eq!(d.render(), "the debris [-were-]{+was+} found");
        assert_eq!(d.summary(), "debris [-were-]{+was+} found");
        assert!(!d.is_unchanged());
    }

    #[test]
    fn colour_wraps_the_markers() {
        assert_eq!(colorize("a [-b-]{+c+} d"), "a \x1b[31m[-b-]\x1b[0m\x1b[32m{+c+}\x1b[0m d");
        assert_eq!(colorize("plain"), "plain");
    }
}
