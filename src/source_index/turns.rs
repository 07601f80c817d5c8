//! Speaker turns in a transcript: `HONG MIN: …`, `**Hong Min:** …`,
//! `Hong Min: …`, optionally after a timestamp (`[00:14:02] Q: …`).

/// A turn label found at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TurnLabel {
    /// The speaker as labelled, tidied ("Hong Min", "Q").
    pub speaker: String,
    /// Byte offset (in the line) where the turn's words begin.
    pub body_start: usize,
}

/// The turn label at the start of `line`, if it has one.
pub fn label(line: &str) -> Option<TurnLabel> {
    let trimmed = line.trim_start();
    let mut offset = line.len() - trimmed.len();
    let mut rest = trimmed;
    // An optional timestamp in brackets or parentheses.
    if let Some(close) = match rest.chars().next() {
        Some('[') => rest.find(']'),
        Some('(') => rest.find(')'),
        _ => None,
    } {
        let inside = rest.get(1..close).unwrap_or_default();
        if inside.chars().all(|c| c.is_ascii_digit() || c == ':' || c == '.') && !inside.is_empty() {
            let after = rest.get(close + 1..).unwrap_or_default();
            let after_trim = after.trim_start();
            offset += close + 1 + (after.len() - after_trim.len());
            rest = after_trim;
        }
    }
    // `**Name:**` or `**Name**:`
    if let Some(bold) = rest.strip_prefix("**") {
        let end = bold.find("**")?;
        let inner = bold.get(..end)?;
        let after = bold.get(end + 2..)?;
        let (name, body) = if let Some(name) = inner.strip_suffix(':') {
            (name, after)
        } else {
            (inner, after.strip_prefix(':')?)
        };
        let name = name.trim();
        if !is_name(name, false) {
            return None;
        }
        let body_start = offset + (rest.len() - body.len());
        return Some(TurnLabel { speaker: tidy(name), body_start });
    }
    let colon = rest.find(':')?;
    let name = rest.get(..colon)?.trim();
    let body = rest.get(colon + 1..)?;
    // "Note: 10:30" or a URL is not a turn; a name is followed by a space.
    if !(body.is_empty() || body.starts_with(char::is_whitespace)) {
        return None;
    }
    let upper = name.chars().any(char::is_alphabetic) && !name.chars().any(char::is_lowercase);
    if !is_name(name, !upper) {
        return None;
    }
    Some(TurnLabel { speaker: tidy(name), body_start: offset + colon + 1 })
}

/// Whether `name` looks like a speaker label: one to four words of letters
/// (and `.`, `'`, `-`); in title case at least two words, so "Note:" is not one.
fn is_name(name: &str, title_case: bool) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 {
        return false;
    }
    let letters_only = words.iter().all(|w| {
        w.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
            && w.chars().next().is_some_and(char::is_uppercase)
    });
    letters_only && (!title_case || words.len() >= 2)
}

/// "HONG MIN" → "Hong Min"; names already in mixed case are kept.
fn tidy(name: &str) -> String {
    if name.chars().any(char::is_lowercase) || name.chars().filter(|c| c.is_alphabetic()).count() <= 2 {
        return name.to_string();
    }
    name.split_whitespace()
        .map(|w| {
            let mut chars = w.chars();
            let first: String = chars.next().map(|c| c.to_uppercase().collect()).unwrap_or_default();
            let rest: String = chars.flat_map(char::to_lowercase).collect();
            format!("{first}{rest}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether two speaker names can be the same person: compared on surnames
/// (the last word of either appears among the other's words), ignoring case.
pub fn same_person(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| c.is_whitespace() || c == '.' || c == ',')
            .map(|w| w.trim_end_matches("'s").trim_end_matches("’s").to_lowercase())
            .filter(|w| w.chars().count() > 1)
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    let (Some(last_a), Some(last_b)) = (wa.last(), wb.last()) else { return true };
    wb.contains(last_a) || wa.contains(last_b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_in_capitals_bold_and_title_case() {
        assert_eq!(label("HONG MIN: We were ready.").map(|l| l.speaker), Some("Hong Min".into()));
        assert_eq!(
            label("**Hong Min:** We were ready.").map(|l| (l.speaker, l.body_start)),
            Some(("Hong Min".into(), 13))
        );
        assert_eq!(label("**Q**: Why?").map(|l| l.speaker), Some("Q".into()));
        assert_eq!(label("[00:14:02] Q: Why?").map(|l| l.speaker), Some("Q".into()));
        assert_eq!(label("Hong Min: We were ready.").map(|l| l.body_start), Some(9));
        assert_eq!(label("Note: this is prose."), None);
        assert_eq!(label("She said: we were ready."), None);
        assert_eq!(label("At 10:30 the doors opened."), None);
    }

    #[test]
    fn people_are_compared_on_surnames() {
        assert!(same_person("Hong Min", "Hong"));
        assert!(same_person("Dr. Ama Owusu", "OWUSU"));
        assert!(!same_person("Ama Owusu", "Pieter de Vries"));
    }
}
