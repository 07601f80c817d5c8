//! The small phrase syntax shared by the rule lists: "(a|b)" alternatives,
//! "(a|)" optional groups, and one "{outlet}" slot.

/// Upper bound on the phrases one template may expand to; a typo such as a
/// missing ")" should fail loudly rather than build a huge automaton.
const MAX_EXPANSIONS: usize = 4096;

pub const OUTLET_SLOT: &str = "{outlet}";

/// One expanded phrase, split around its outlet slot if it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// A plain phrase, matched as written.
    Plain(String),
    /// "told {outlet}" / "quoted by {outlet} as saying": `prefix` is matched,
    /// then an outlet, then `suffix` (if any) after `gap` whitespace.
    OutletAfter { prefix: String, suffix: String, gap: bool },
    /// "{outlet} reported": `suffix` is matched, and an outlet must end right
    /// before it (after whitespace when `gap`).
    OutletBefore { suffix: String, gap: bool },
}

/// Expands a template into every phrase it stands for.
pub fn expand(template: &str) -> Result<Vec<Shape>, String> {
    let chars: Vec<char> = template.chars().collect();
    let mut pos = 0;
    let raw = alternatives(&chars, &mut pos, 0)?;
    if pos < chars.len() {
        return Err(format!("unbalanced ')' in {template:?}"));
    }
    raw.iter()
        .map(|p| shape(&normalize(p)))
        .filter(|s| !matches!(s, Ok(Shape::Plain(p)) if p.is_empty()))
        .collect()
}

/// Collapses runs of whitespace, as empty alternatives leave double spaces.
fn normalize(phrase: &str) -> String {
    phrase.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn shape(phrase: &str) -> Result<Shape, String> {
    let Some((before, after)) = phrase.split_once(OUTLET_SLOT) else {
        return Ok(Shape::Plain(phrase.to_string()));
    };
    if after.contains(OUTLET_SLOT) {
        return Err(format!("more than one {OUTLET_SLOT} slot in {phrase:?}"));
    }
    let gap = after.starts_with(' ');
    let suffix = after.trim().to_string();
    let prefix = before.trim().to_string();
    match (prefix.is_empty(), suffix.is_empty()) {
        (true, true) => Err(format!("{phrase:?} is only a slot")),
        (true, false) => Ok(Shape::OutletBefore { suffix, gap }),
        (false, _) => Ok(Shape::OutletAfter { prefix, suffix, gap }),
    }
}

/// Parses `a|b|c` up to a closing ")" (at depth > 0) or the end.
fn alternatives(chars: &[char], pos: &mut usize, depth: usize) -> Result<Vec<String>, String> {
    let mut all = Vec::new();
    loop {
        all.extend(sequence(chars, pos, depth)?);
        match chars.get(*pos) {
            Some('|') => *pos += 1,
            _ => break,
        }
    }
    Ok(all)
}

/// Parses literal text and groups up to "|" or ")", as a set of strings.
fn sequence(chars: &[char], pos: &mut usize, depth: usize) -> Result<Vec<String>, String> {
    let mut out = vec![String::new()];
    while let Some(&c) = chars.get(*pos) {
        match c {
            '|' if depth > 0 => break,
            ')' if depth > 0 => break,
            '|' | ')' => return Err("'|' or ')' outside a group".to_string()),
            '(' => {
                *pos += 1;
                let group = alternatives(chars, pos, depth + 1)?;
                if chars.get(*pos) != Some(&')') {
                    return Err("unclosed '('".to_string());
                }
                *pos += 1;
                out = product(&out, &group)?;
            }
            _ => {
                out.iter_mut().for_each(|s| s.push(c));
                *pos += 1;
            }
        }
    }
    Ok(out)
}

fn product(left: &[String], right: &[String]) -> Result<Vec<String>, String> {
    if left.len().saturating_mul(right.len()) > MAX_EXPANSIONS {
        return Err(format!("expands to more than {MAX_EXPANSIONS} phrases"));
    }
    Ok(left.iter().flat_map(|l| right.iter().map(move |r| format!("{l}{r}"))).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(template: &str) -> Vec<String> {
        expand(template)
            .unwrap()
            .into_iter()
            .map(|s| match s {
                Shape::Plain(p) => p,
                other => panic!("unexpected {other:?}"),
            })
            .collect()
    }

    #[test]
    fn groups_expand_and_optional_groups_vanish_cleanly() {
        assert_eq!(
            plain("on (the |)condition of anonymity"),
            ["on the condition of anonymity", "on condition of anonymity"]
        );
        assert_eq!(plain("in a (written|) statement"), ["in a written statement", "in a statement"]);
        assert_eq!(plain("rumo(u|)rs"), ["rumours", "rumors"]);
    }

    #[test]
    fn groups_nest() {
        let got = plain("for fear of (reprisal|losing (his|her) job)");
        assert_eq!(got, ["for fear of reprisal", "for fear of losing his job", "for fear of losing her job"]);
    }

    #[test]
    fn slots_split_the_phrase() {
        assert_eq!(
            expand("told {outlet}").unwrap(),
            [Shape::OutletAfter { prefix: "told".into(), suffix: String::new(), gap: false }]
        );
        assert_eq!(
            expand("{outlet} (has |)reported").unwrap(),
            [
                Shape::OutletBefore { suffix: "has reported".into(), gap: true },
                Shape::OutletBefore { suffix: "reported".into(), gap: true }
            ]
        );
        assert_eq!(
            expand("on {outlet}'s").unwrap(),
            [Shape::OutletAfter { prefix: "on".into(), suffix: "'s".into(), gap: false }]
        );
    }

    #[test]
    fn malformed_templates_are_errors() {
        assert!(expand("a (b|c").is_err());
        assert!(expand("a b)").is_err());
        assert!(expand("{outlet} and {outlet}").is_err());
        assert!(expand("{outlet}").is_err());
        assert!(expand("(a|b|c|d|e|f|g|h)(a|b|c|d|e|f|g|h)(a|b|c|d|e|f|g|h)(a|b|c|d|e|f|g|h)(a|b)").is_err());
    }
}
