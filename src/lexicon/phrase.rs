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
    let mut pos = 0;
    let (tree, count) = alternatives(template, &mut pos, 0)?;
    if pos < template.len() {
        return Err(format!("unbalanced ')' in {template:?}"));
    }
    let mut out = Vec::with_capacity(count);
    let mut buf = String::with_capacity(template.len());
    walk(&[Item::Group(tree)], &mut Vec::new(), &mut buf, &mut out)?;
    Ok(out)
}

/// A parsed template: literal text and groups of alternative sequences.
enum Item<'a> {
    Text(Words<'a>),
    Group(Vec<Vec<Item<'a>>>),
}

/// Literal text, its whitespace collapsed ahead of time.
struct Words<'a> {
    /// Whether it starts or ends with whitespace.
    space_before: bool,
    space_after: bool,
    /// The words between, single-spaced; borrowed when already so.
    words: std::borrow::Cow<'a, str>,
}

impl<'a> Words<'a> {
    fn new(text: &'a str) -> Self {
        let trimmed = text.trim();
        let single_spaced = trimmed.split(' ').all(|w| !w.is_empty() && !w.contains(char::is_whitespace));
        let words = if single_spaced || trimmed.is_empty() {
            trimmed.into()
        } else {
            trimmed.split_whitespace().collect::<Vec<_>>().join(" ").into()
        };
        Words {
            space_before: text.starts_with(char::is_whitespace),
            space_after: text.ends_with(char::is_whitespace),
            words,
        }
    }

    /// Appends to a phrase kept single-spaced, with at most one space at
    /// the end (dropped by [`emit`]) and none at the start.
    fn push_onto(&self, phrase: &mut String) {
        let space = |phrase: &mut String| {
            if !phrase.is_empty() && !phrase.ends_with(' ') {
                phrase.push(' ');
            }
        };
        if self.space_before {
            space(phrase);
        }
        phrase.push_str(&self.words);
        if self.space_after {
            space(phrase);
        }
    }
}

/// Writes every phrase of `items` followed by `then` (innermost last) into
/// `buf`, in the order the alternatives are written: the first group varies
/// slowest.
fn walk<'a>(
    items: &'a [Item<'a>],
    then: &mut Vec<&'a [Item<'a>]>,
    buf: &mut String,
    out: &mut Vec<Shape>,
) -> Result<(), String> {
    match items.split_first() {
        None => match then.pop() {
            None => emit(buf, out),
            Some(rest) => {
                let done = walk(rest, then, buf, out);
                then.push(rest);
                done
            }
        },
        Some((Item::Text(words), rest)) => {
            let len = buf.len();
            words.push_onto(buf);
            let done = walk(rest, then, buf, out);
            buf.truncate(len);
            done
        }
        Some((Item::Group(alternatives), rest)) => {
            then.push(rest);
            for alternative in alternatives {
                walk(alternative, then, buf, out)?;
            }
            then.pop();
            Ok(())
        }
    }
}

/// Adds one phrase (built single-spaced by [`Words::push_onto`], so that
/// the runs of whitespace empty alternatives leave are collapsed); an empty
/// phrase is dropped.
fn emit(phrase: &str, out: &mut Vec<Shape>) -> Result<(), String> {
    let phrase = phrase.strip_suffix(' ').unwrap_or(phrase);
    if !phrase.is_empty() {
        out.push(shape(phrase.to_string())?);
    }
    Ok(())
}

fn shape(phrase: String) -> Result<Shape, String> {
    // Most phrases have no slot; a byte scan says so faster than a substring search.
    let slot = phrase.as_bytes().contains(&b'{').then(|| phrase.split_once(OUTLET_SLOT)).flatten();
    let Some((before, after)) = slot else {
        return Ok(Shape::Plain(phrase));
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

/// Parses `a|b|c` up to a closing ")" (at depth > 0) or the end, with the
/// number of phrases the alternatives stand for.
fn alternatives<'a>(
    template: &'a str,
    pos: &mut usize,
    depth: usize,
) -> Result<(Vec<Vec<Item<'a>>>, usize), String> {
    let mut all = Vec::new();
    let mut count = 0;
    loop {
        let (items, n) = sequence(template, pos, depth)?;
        all.push(items);
        count += n;
        match template.as_bytes().get(*pos) {
            Some(b'|') => *pos += 1,
            _ => break,
        }
    }
    Ok((all, count))
}

/// Parses literal text and groups up to "|" or ")", with the number of
/// phrases the sequence stands for.
fn sequence<'a>(template: &'a str, pos: &mut usize, depth: usize) -> Result<(Vec<Item<'a>>, usize), String> {
    let mut items = Vec::new();
    let mut count: usize = 1;
    let bytes = template.as_bytes();
    while let Some(&c) = bytes.get(*pos) {
        match c {
            b'|' | b')' if depth > 0 => break,
            b'|' | b')' => return Err("'|' or ')' outside a group".to_string()),
            b'(' => {
                *pos += 1;
                let (group, n) = alternatives(template, pos, depth + 1)?;
                if bytes.get(*pos) != Some(&b')') {
                    return Err("unclosed '('".to_string());
                }
                *pos += 1;
                if count.saturating_mul(n) > MAX_EXPANSIONS {
                    return Err(format!("expands to more than {MAX_EXPANSIONS} phrases"));
                }
                count *= n;
                items.push(Item::Group(group));
            }
            _ => {
                // Up to the next syntax character; those are ASCII, so this
                // ends on a character boundary.
                let len = bytes[*pos..]
                    .iter()
                    .position(|b| matches!(b, b'|' | b')' | b'('))
                    .unwrap_or(bytes.len() - *pos);
                items.push(Item::Text(Words::new(template.get(*pos..*pos + len).unwrap_or_default())));
                *pos += len;
            }
        }
    }
    Ok((items, count))
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
