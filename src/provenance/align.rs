//! Fuzzy alignment of a quote against a candidate passage: word-level edit
//! distance, free at both ends of the passage, where an ellipsis skips any
//! stretch of the source for free and a bracketed insertion stands for up to
//! [`BRACKET_WORDS`] source words.

use super::normalize::{Item, Token};

/// How many source words a bracketed insertion may replace.
pub const BRACKET_WORDS: usize = 3;

/// One step of an alignment, from the quote's side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Quote item `q` is source word `s` (the same word).
    Keep { q: usize, s: usize },
    /// Quote word `q` stands where source word `s` was (a different word).
    Change { q: usize, s: usize },
    /// Quote word `q` is not in the source.
    Add { q: usize },
    /// Source word `s` is missing from the quote.
    Drop { s: usize },
    /// Quote item `q` (an ellipsis or bracket) covers source words `s`.
    Cover { q: usize, s: std::ops::Range<usize> },
}

/// The best alignment of a quote within a passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alignment {
    /// Words changed, added or dropped.
    pub cost: usize,
    /// Quote words found as they are.
    pub kept: usize,
    /// The passage's words the quote spans (indices into the passage's tokens).
    pub source: std::ops::Range<usize>,
    pub steps: Vec<Step>,
}

#[derive(Clone, Copy)]
enum Back {
    Start,
    Diag,
    Add,
    Drop,
    /// Came from column `j` of the row above (ellipsis or bracket).
    From(u32),
}

/// Aligns `items` against `tokens` (all of a candidate passage).
pub fn align(items: &[Item], tokens: &[Token]) -> Option<Alignment> {
    let (m, n) = (items.len(), tokens.len());
    if m == 0 {
        return None;
    }
    let width = n + 1;
    let mut cost = vec![0usize; (m + 1) * width];
    let mut back = vec![Back::Start; (m + 1) * width];
    for i in 0..m {
        let item = items.get(i)?;
        let (above, here) = cost.split_at_mut((i + 1) * width);
        let above = above.get(i * width..)?;
        let back_row = back.get_mut((i + 1) * width..(i + 2) * width)?;
        match item {
            Item::Word { hash, .. } => {
                for j in 0..=n {
                    let mut best = above.get(j)? + 1;
                    let mut how = Back::Add;
                    if j > 0 {
                        let same = tokens.get(j - 1).is_some_and(|t| t.hash == *hash);
                        let diag = above.get(j - 1)? + usize::from(!same);
                        if diag <= best {
                            best = diag;
                            how = Back::Diag;
                        }
                        let drop = here.get(j - 1)? + 1;
                        if drop < best {
                            best = drop;
                            how = Back::Drop;
                        }
                    }
                    *here.get_mut(j)? = best;
                    *back_row.get_mut(j)? = how;
                }
            }
            Item::Gap => {
                let mut best = (usize::MAX, 0);
                for j in 0..=n {
                    let c = *above.get(j)?;
                    if c < best.0 {
                        best = (c, j);
                    }
                    *here.get_mut(j)? = best.0;
                    *back_row.get_mut(j)? = Back::From(u32::try_from(best.1).ok()?);
                }
            }
            Item::Bracket(_) => {
                for j in 0..=n {
                    let from =
                        (j.saturating_sub(BRACKET_WORDS)..=j).rev().min_by_key(|&k| above.get(k).copied())?;
                    *here.get_mut(j)? = *above.get(from)?;
                    *back_row.get_mut(j)? = Back::From(u32::try_from(from).ok()?);
                }
            }
        }
    }
    let last = cost.get(m * width..)?;
    let (end, &total) = last.iter().enumerate().min_by_key(|&(j, c)| (*c, std::cmp::Reverse(j == 0)))?;
    // Trace back.
    let (mut i, mut j) = (m, end);
    let mut steps = Vec::new();
    while i > 0 {
        match back.get(i * width + j)? {
            Back::Start => break,
            Back::Diag => {
                let same = matches!(items.get(i - 1), Some(Item::Word { hash, .. }) if tokens.get(j - 1).is_some_and(|t| t.hash == *hash));
                steps.push(if same {
                    Step::Keep { q: i - 1, s: j - 1 }
                } else {
                    Step::Change { q: i - 1, s: j - 1 }
                });
                i -= 1;
                j -= 1;
            }
            Back::Add => {
                steps.push(Step::Add { q: i - 1 });
                i -= 1;
            }
            Back::Drop => {
                steps.push(Step::Drop { s: j - 1 });
                j -= 1;
            }
            Back::From(from) => {
                let from = *from as usize;
                steps.push(Step::Cover { q: i - 1, s: from..j });
                i -= 1;
                j = from;
            }
        }
    }
    steps.reverse();
    // Leading and trailing ellipses cover nothing worth showing.
    let start = steps.iter().find_map(first_source).unwrap_or(j);
    let stop = steps.iter().rev().find_map(last_source).unwrap_or(start);
    let kept = steps.iter().filter(|s| matches!(s, Step::Keep { .. })).count();
    Some(Alignment { cost: total, kept, source: start..stop.max(start), steps })
}

fn first_source(step: &Step) -> Option<usize> {
    match step {
        Step::Keep { s, .. } | Step::Change { s, .. } | Step::Drop { s } => Some(*s),
        _ => None,
    }
}

fn last_source(step: &Step) -> Option<usize> {
    first_source(step).map(|s| s + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source_index::normalize::{quote_items, tokens};

    fn run(quote: &str, source: &str) -> Alignment {
        align(&quote_items(quote), &tokens(source, 0)).expect("aligns")
    }

    #[test]
    fn verbatim_inside_a_longer_passage_costs_nothing() {
        let a = run("the debris was found", "Yes. The debris was found near the school.");
        assert_eq!((a.cost, a.kept, a.source.clone()), (0, 4, 1..5));
    }

    #[test]
    fn ellipsis_skips_and_brackets_replace() {
        assert_eq!(run("the debris … near the school", "the debris was found near the school").cost, 0);
        assert_eq!(run("[Officers] found it near the school", "they found it near the school").cost, 0);
        assert_eq!(run("the debris found near the school", "the debris was found near the school").cost, 1);
    }

    #[test]
    fn a_changed_word_is_one_change() {
        let a = run("the debris were found near", "the debris was found near the school");
        assert_eq!(a.cost, 1);
        assert!(a.steps.contains(&Step::Change { q: 2, s: 2 }));
    }
}
