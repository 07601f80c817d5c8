//! A block that keeps its hard breaks' spaces (see
//! [`super::ProseBlock::breaks_kept`]) as it reads: without the spaces
//! before each line feed, and where its positions fall in that reading.

/// Where positions of a block's text that keeps its breaks' spaces fall in
/// the text as read (see [`super::ProseBlock::text_as_read`]): a report that shows
/// the text as read places its quotes and flags with it.
#[derive(Debug, Clone, Default)]
pub struct ReadPositions {
    /// Each run of a break's spaces: where it starts, its length, and how
    /// many spaces the runs before it dropped, in order.
    runs: Vec<(usize, usize, usize)>,
}

impl ReadPositions {
    /// The runs of spaces before each line feed of `text`.
    pub fn of(text: &str) -> Self {
        let mut runs = Vec::new();
        let mut dropped = 0;
        for (feed, _) in text.match_indices('\n') {
            let spaces = feed - text[..feed].trim_end_matches(' ').len();
            if spaces > 0 {
                runs.push((feed - spaces, spaces, dropped));
                dropped += spaces;
            }
        }
        ReadPositions { runs }
    }

    /// Position `pos` of the text as kept, in the text as read; a position
    /// among a break's spaces is where its line feed is read.
    pub fn at(&self, pos: usize) -> usize {
        let k = self.runs.partition_point(|&(start, _, _)| start < pos);
        match k.checked_sub(1).and_then(|k| self.runs.get(k)) {
            None => pos,
            Some(&(start, spaces, before)) if pos <= start + spaces => start - before,
            Some(&(_, spaces, before)) => pos - before - spaces,
        }
    }

    /// Position `pos` of the text as read, in the text as kept: a line
    /// feed's position is where the text before it ends, before its spaces
    /// (a word found in the text as read ends there).
    pub fn kept_at(&self, pos: usize) -> usize {
        let k = self.runs.partition_point(|&(start, _, before)| start - before < pos);
        k.checked_sub(1).and_then(|k| self.runs.get(k)).map_or(pos, |&(_, spaces, before)| pos + before + spaces)
    }
}

/// `text`, a stretch of a block, as it reads: without its breaks' spaces
/// when the block keeps them (see [`without_break_spaces`]), as it is when not.
pub fn read_as(text: &str, breaks_kept: bool) -> std::borrow::Cow<'_, str> {
    if breaks_kept {
        without_break_spaces(text)
    } else {
        text.into()
    }
}

/// `text` without the spaces before each line feed: a stretch of a block
/// that keeps its breaks (see [`super::ProseBlock::breaks_kept`]) as it reads.
pub fn without_break_spaces(text: &str) -> std::borrow::Cow<'_, str> {
    // most stretches asked (a name, a cue) hold no break: told by a
    // byte search, where a search for " \n" as a pattern was most of the cost
    if spaced_feeds(text).next().is_none() {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        match line.strip_suffix('\n') {
            Some(body) => {
                out.push_str(body.trim_end_matches(' '));
                out.push('\n');
            }
            None => out.push_str(line),
        }
    }
    out.into()
}

/// The length of `text` as read (see [`without_break_spaces`]), counted up
/// to a byte past `most`: exact when it is at most `most`.
pub fn read_len_up_to(text: &str, most: usize) -> usize {
    let (mut len, mut spaces) = (0, 0);
    for &b in text.as_bytes() {
        match b {
            b' ' => spaces += 1,
            b'\n' => (len, spaces) = (len + 1, 0),
            _ => (len, spaces) = (len + spaces + 1, 0),
        }
        if len > most {
            break;
        }
    }
    len + spaces
}

/// Where each line feed of `text` that follows a space is.
pub(super) fn spaced_feeds(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'\n', bytes).filter(move |&i| i > 0 && bytes[i - 1] == b' ')
}
