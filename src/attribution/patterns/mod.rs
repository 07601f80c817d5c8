//! Attribution patterns inside the quotation's own sentence.
//!
//! `"Q," S said.` / `"Q," said S.` / `S said: "Q"` / `S said "Q"` /
//! `S said that … "Q"` / `according to S, … "Q"` / `S, an analyst, told AFP "Q"`
//! / a participle (`…, saying "Q"`) taking the main clause's subject.
//!
//! One file a question: [`verbs`] (is this token a verb of speech),
//! [`subject`] (whose verb is it), [`appositive`] (a subject set off by
//! commas), [`after`] and [`before`] (the attribution after or before the
//! quotation), [`according`] (`according to S`) and [`introduced`] (a
//! colon, a dash or a possessive).

mod according;
mod after;
mod appositive;
mod before;
mod introduced;
mod subject;
mod verbs;

use super::mention::Mention;

/// Words that open a subordinate clause before the main one.
const SUBORDINATORS: &[&str] = &[
    "while", "although", "though", "after", "when", "as", "because", "if", "since", "before", "despite", "once",
    "unless", "whereas", "until",
];

/// Prepositions after which a capitalised name is usually a place.
pub(in crate::attribution) const PLACE_PREPOSITIONS: &[&str] = &[
    "in",
    "at",
    "from",
    "to",
    "near",
    "across",
    "into",
    "throughout",
    "outside",
    "inside",
    "toward",
    "towards",
    "around",
    "between",
    "through",
    "via",
    "onto",
    "within",
];

/// A speaker mention with the reporting word that ties it to the quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub mention: Mention,
    /// Token index of the cue ("said", "according", ":").
    pub cue: usize,
    /// Number of tokens in the cue ("according to" is two).
    pub cue_len: usize,
}

/// Tokens of the sentence holding the quote: `lo..hi`, the quote at `q`.
#[derive(Debug, Clone, Copy)]
pub struct Sentence {
    pub lo: usize,
    pub hi: usize,
}
