//! The word-trigram index over a set of sources: each quote looks up its
//! trigrams and only the passages where they cluster are aligned.

use super::load::SourceDoc;
use super::normalize::Item;
use rayon::prelude::*;
use std::collections::HashSet;
use std::ops::Range;

/// Words per index key.
pub const N: usize = 3;
/// How many candidate passages are aligned per quote per source set.
const MAX_CANDIDATES: usize = 6;
/// Hits further apart than this (in words, beyond the quote's length) are different passages.
const CLUSTER_SLACK: usize = 80;

/// A set of loaded sources and their index.
#[derive(Debug, Default)]
pub struct SourceSet {
    pub docs: Vec<SourceDoc>,
    /// `(trigram hash, doc, first word)`, sorted.
    grams: Vec<(u64, u32, u32)>,
    /// Paths that could not be read, one message each.
    pub errors: Vec<String>,
}

/// A stretch of one source worth aligning a quote against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub doc: usize,
    pub tokens: Range<usize>,
    /// How many of the quote's trigrams were found there.
    pub hits: usize,
}

fn gram(hashes: &[u64]) -> u64 {
    hashes.iter().fold(0x9e37_79b9_7f4a_7c15_u64, |acc, h| (acc.rotate_left(23) ^ h).wrapping_mul(0x100_0000_01b3))
}

impl SourceSet {
    pub fn new(docs: Vec<SourceDoc>, errors: Vec<String>) -> SourceSet {
        let mut grams: Vec<(u64, u32, u32)> = docs
            .par_iter()
            .enumerate()
            .flat_map_iter(|(d, doc)| {
                let hashes: Vec<u64> = doc.tokens.iter().map(|t| t.hash).collect();
                let doc_id = u32::try_from(d).unwrap_or(u32::MAX);
                hashes
                    .windows(N)
                    .enumerate()
                    .map(|(i, w)| (gram(w), doc_id, u32::try_from(i).unwrap_or(u32::MAX)))
                    .collect::<Vec<_>>()
            })
            .collect();
        grams.par_sort_unstable();
        SourceSet { docs, grams, errors }
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    fn postings(&self, key: u64) -> &[(u64, u32, u32)] {
        let start = self.grams.partition_point(|g| g.0 < key);
        let end = self.grams.partition_point(|g| g.0 <= key);
        self.grams.get(start..end).unwrap_or_default()
    }

    /// The passages where the quote's trigrams (taken within each run of
    /// words between ellipses and brackets) cluster, best first.
    pub fn candidates(&self, items: &[Item]) -> Vec<Candidate> {
        let mut keys: Vec<(usize, u64)> = Vec::new();
        let mut run: Vec<u64> = Vec::new();
        let mut index = 0;
        for item in items.iter().chain(std::iter::once(&Item::Gap)) {
            if let Item::Word { hash, .. } = item {
                run.push(*hash);
                continue;
            }
            for w in run.windows(N) {
                keys.push((index, gram(w)));
                index += 1;
            }
            run.clear();
        }
        let words = items.iter().filter(|i| i.is_word()).count();
        // (doc, position, which key)
        let mut hits: Vec<(u32, u32, usize)> = Vec::new();
        for (k, key) in &keys {
            hits.extend(self.postings(*key).iter().map(|&(_, d, p)| (d, p, *k)));
        }
        hits.sort_unstable();
        let reach = words + CLUSTER_SLACK;
        let mut out: Vec<Candidate> = Vec::new();
        let mut i = 0;
        while i < hits.len() {
            let Some(&(doc, first, _)) = hits.get(i) else { break };
            let mut seen = HashSet::new();
            let mut last = first;
            let mut j = i;
            while let Some(&(d, p, k)) = hits.get(j) {
                if d != doc || (p - last) as usize > reach || (p - first) as usize > 3 * words + 2 * CLUSTER_SLACK
                {
                    break;
                }
                seen.insert(k);
                last = p;
                j += 1;
            }
            let doc_len = self.docs.get(doc as usize).map_or(0, |d| d.tokens.len());
            let start = (first as usize).saturating_sub(words + 10);
            let end = (last as usize + N + words + 10).min(doc_len);
            out.push(Candidate { doc: doc as usize, tokens: start..end, hits: seen.len() });
            i = j;
        }
        out.sort_by(|a, b| b.hits.cmp(&a.hits).then(a.doc.cmp(&b.doc)).then(a.tokens.start.cmp(&b.tokens.start)));
        out.truncate(MAX_CANDIDATES);
        out
    }
}
