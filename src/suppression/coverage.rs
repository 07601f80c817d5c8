//! Which findings the suppressions cover, answered from sorted offsets per
//! rule: a draft with tens of thousands of directives and findings must not
//! test every finding against every directive.
//!
//! A selector picks rules from a fixed, short list, so both questions are
//! asked per rule: "is this offset inside a range suppressed for rule R?"
//! (the ranges of R's suppressions, merged and sorted) and "is there a
//! finding of rule R inside this range?" (R's finding offsets, sorted).
//! Each is a binary search.

use super::{Region, Suppression};
use crate::rules::RuleMeta;

/// Half-open byte ranges `start..end`.
type Ranges = Vec<(usize, usize)>;

/// The suppressed ranges of each rule, indexed like the rule list given to [`Coverage::new`].
pub(super) struct Coverage {
    /// Per rule: disjoint ranges sorted by start.
    suppressed: Vec<Ranges>,
}

impl Coverage {
    pub(super) fn new(suppressions: &[Suppression], metas: &[&'static RuleMeta]) -> Coverage {
        let mut suppressed: Vec<Ranges> = vec![Vec::new(); metas.len()];
        for s in suppressions {
            crate::budget::tick();
            let range = bounds(s.region);
            if range.0 >= range.1 {
                continue; // an empty range covers nothing
            }
            for (rule, meta) in metas.iter().enumerate() {
                if s.entry.selector.matches(meta) {
                    suppressed[rule].push(range);
                }
            }
        }
        for ranges in &mut suppressed {
            *ranges = merged(std::mem::take(ranges));
        }
        Coverage { suppressed }
    }

    /// Whether a finding of rule number `rule` that starts at `offset` is suppressed.
    pub(super) fn covers(&self, rule: usize, offset: usize) -> bool {
        let Some(ranges) = self.suppressed.get(rule) else { return false };
        // the last range starting at or before `offset` is the only one that can hold it
        let after = ranges.partition_point(|&(start, _)| start <= offset);
        after > 0 && ranges[after - 1].1 > offset
    }
}

/// The start offsets of the findings of each rule, to tell which suppressions were used.
pub(super) struct Findings {
    /// Per rule (indexed like [`Coverage`]): offsets sorted ascending.
    starts: Vec<Vec<usize>>,
}

impl Findings {
    /// `found` gives each finding's rule number and start offset.
    pub(super) fn new(rules: usize, found: impl IntoIterator<Item = (usize, usize)>) -> Findings {
        let mut starts = vec![Vec::new(); rules];
        for (rule, offset) in found {
            crate::budget::tick();
            if let Some(list) = starts.get_mut(rule) {
                list.push(offset);
            }
        }
        for list in &mut starts {
            list.sort_unstable();
        }
        Findings { starts }
    }

    /// Whether `s` covers at least one finding of a rule it selects.
    pub(super) fn any_in(&self, s: &Suppression, metas: &[&'static RuleMeta]) -> bool {
        let (start, end) = bounds(s.region);
        metas.iter().zip(&self.starts).any(|(meta, starts)| {
            // the first finding at or after the start is the one to look at
            s.entry.selector.matches(meta)
                && starts.get(starts.partition_point(|&o| o < start)).is_some_and(|&o| o < end)
        })
    }
}

fn bounds(region: Region) -> (usize, usize) {
    match region {
        Region::File => (0, usize::MAX),
        Region::Range(span) => (span.start, span.end),
    }
}

/// Sorts ranges and joins the ones that overlap or touch.
fn merged(mut ranges: Ranges) -> Ranges {
    ranges.sort_unstable();
    let mut out: Ranges = Vec::with_capacity(ranges.len());
    for (start, end) in ranges {
        match out.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => out.push((start, end)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_ranges_join_overlapping_and_touching_ones_only() {
        assert_eq!(merged(vec![(10, 20), (0, 5), (5, 7), (15, 30), (40, 41)]), [(0, 7), (10, 30), (40, 41)]);
    }
}
