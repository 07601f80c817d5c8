//! `according to S`: a source phrase instead of a verb.

use super::{Found, Sentence};
use crate::attribution::mention::{Frame, Mention};
use crate::attribution::SpeakerKind;

impl Frame<'_> {
    /// "according to" at `i`, two words, or one read as both ("selon"): its length.
    pub fn according_to_at(&self, i: usize) -> Option<usize> {
        if !self.may_start_with(i, b'a') {
            return None;
        }
        match self.lower(i) {
            "according" if self.lower(i + 1) == "to" => Some(2),
            "according to" => Some(1),
            _ => None,
        }
    }

    pub(super) fn according_to(&self, s: Sentence, q: usize) -> Option<Found> {
        let (i, len) = (s.lo..q).find_map(|i| self.according_to_at(i).map(|len| (i, len)))?;
        let m = self.mention_starting(i + len, q).or_else(|| self.source_phrase(i + len, q))?;
        let m = self.named_in_apposition(m, q).unwrap_or(m);
        Some(Found { mention: m, cue: i, cue_len: len })
    }

    /// `according to the memo obtained by the Globe`: whatever a determiner
    /// opens, up to the clause's end, is the source (a document, a poll).
    pub(super) fn source_phrase(&self, start: usize, hi: usize) -> Option<Mention> {
        if !self.is_determiner(start) && !self.is_possessive(start) {
            return None;
        }
        let end = (start + 1..hi.min(start + 9)).find(|&i| !self.is_word(i)).unwrap_or(hi.min(start + 9));
        (end > start + 1).then(|| Mention::new(start, end, SpeakerKind::Role))
    }
}
