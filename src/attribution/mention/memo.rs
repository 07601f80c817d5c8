//! Answers a frame gives again and again for the same tokens, kept.

use super::Mention;
use crate::lexicon::FastHash;
use std::cell::RefCell;
use std::collections::HashMap;

/// How many answers a memo holds before it forgets them all: more than the
/// quotations of a sentence of 320 tokens ask for, and a bound on its
/// memory (with 4,096 the peak of a quote-dense draft grew by 7%).
const KEPT: usize = 512;

/// The subject of each verb asked about ([`super::Frame::subject_of`]), by
/// block, start and verb. Every quotation walks the verbs of speech before
/// it in its sentence: in a sentence of hundreds of quotations (a paragraph
/// of hard line breaks, cut only at 320 tokens) each verb's subject was read
/// again for every quotation after it.
#[derive(Default)]
pub struct Subjects {
    /// For the oracle in tests: answer every question afresh.
    fresh: bool,
    known: RefCell<Answers>,
}

/// Subjects by block, start and verb.
type Answers = HashMap<(usize, usize, usize), Option<Mention>, FastHash>;

impl Subjects {
    /// A memo that keeps nothing: each answer is read again, as before there
    /// was one (the oracle the memo is tested against).
    pub fn fresh() -> Self {
        Subjects { fresh: true, ..Subjects::default() }
    }

    /// The answer for `key`, read by `read` the first time it is asked.
    pub fn get_or(&self, key: (usize, usize, usize), read: impl FnOnce() -> Option<Mention>) -> Option<Mention> {
        if self.fresh {
            return read();
        }
        if let Some(&known) = self.known.borrow().get(&key) {
            return known;
        }
        // (no borrow held while reading: a subject may be read from another's)
        let found = read();
        let mut known = self.known.borrow_mut();
        if known.len() >= KEPT {
            known.clear();
        }
        known.insert(key, found);
        found
    }
}
