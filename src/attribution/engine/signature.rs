//! Attribution the web writes without a reporting verb in the quote's own
//! sentence: a signature that ends the quote or its block quote ("— Jane
//! Doe", "- [@handle](url)", an HTML `<cite>`), and for a block quote, the
//! sentence before it that introduces it ("In her letter, Holm wrote:",
//! "As one of them put it:"), and for a paragraph that opens with a quote,
//! a statement the paragraph before says someone issued.

use super::{introducer, token_range, BlockView, Views};
use crate::attribution::mention::{Frame, Mention};
use crate::attribution::patterns::Found;
use crate::attribution::SpeakerKind;
use crate::lexicon::{Lexicon, PhraseList};
use crate::quote::{Quote, QuoteKind};

/// Where the quote's speaker is named, when its own sentence does not say.
pub(super) fn found(q: &Quote, views: &Views, lex: &Lexicon) -> Option<(usize, Found)> {
    signed(q, views, lex)
        .or_else(|| (q.kind == QuoteKind::Block).then(|| introduced(q, views, lex)).flatten())
        .or_else(|| issued(q, views, lex))
}

/// The signature after the quote: in its last block, after it; or a block
/// of its own right after, in the same block quote.
fn signed(q: &Quote, views: &Views, lex: &Lexicon) -> Option<(usize, Found)> {
    let last = q.last_block();
    let end = q.parts.last().map_or(0, |p| p.outer().end);
    let own = views.doc.signature(last).filter(|s| s.start >= end).map(|s| (last, s));
    let next = || {
        let v = views.get(last + 1)?;
        let here = views.get(last)?;
        let s = views.doc.signature(last + 1).filter(|s| v.block.text.get(..s.start).is_some_and(is_dash_only))?;
        (v.block.blockquote() == here.block.blockquote()).then_some((last + 1, s))
    };
    let (b, range) = own.or_else(next)?;
    let v = views.get(b)?;
    let f = v.frame(lex);
    let first = v.toks.iter().position(|t| t.start as usize >= range.start)?;
    let hi = v.toks.iter().rposition(|t| t.end() as usize <= range.end).map_or(first + 1, |i| i + 1);
    let mention = f.mention_starting(first, hi).map(|m| organisation(&f, m, hi)).or_else(|| handle(&v, first))?;
    // the dash is the cue; a signature without one (`<cite>`) is its own cue
    let cue = first.checked_sub(1).filter(|&i| f.is_punct(i, "—–―-~")).unwrap_or(first);
    Some((b, Found { mention, cue, cue_len: 1 }))
}

/// "Friends of Riverside Library": a name that goes on past a joining word
/// with more capitalised words is an organisation's.
fn organisation(f: &Frame, m: Mention, hi: usize) -> Mention {
    let mut end = m.end;
    loop {
        let mut j = end;
        while j < hi && matches!(f.lower(j), "of" | "for" | "the" | "and" | "&" | "on" | "in") {
            j += 1;
        }
        if j == end || j >= hi || !f.is_cap(j) {
            break;
        }
        end = j;
        while end < hi && f.is_word(end) && f.is_cap(end) {
            end += 1;
        }
    }
    if end > m.end {
        Mention::new(m.start, end, SpeakerKind::Organization)
    } else {
        m
    }
}

/// `@handle` names a person on a social network.
fn handle(v: &BlockView, i: usize) -> Option<Mention> {
    let word = v.toks.get(i)?.text(&v.block.text);
    (word.starts_with('@') && word.len() > 1).then(|| Mention::new(i, i + 1, SpeakerKind::Person))
}

fn is_dash_only(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || "—–―-~".contains(c))
}

/// The sentence ending the block before the block quote, when it ends in a
/// colon or a reporting verb.
fn introduced(q: &Quote, views: &Views, lex: &Lexicon) -> Option<(usize, Found)> {
    let b = q.first_block().checked_sub(1)?;
    let v = views.get(b)?;
    let f = v.frame(lex);
    let last = v.toks.len().checked_sub(1)?;
    let ends_colon = f.is_punct(last, ":");
    let word = (0..=last).rev().find(|&i| f.is_word(i))?;
    let ends_verb = word + 2 >= last && f.is_speech_verb(word);
    if !(ends_colon || ends_verb) {
        return None;
    }
    let s = v.sentence(last);
    introducer(&f, s).or_else(|| put_it(&f, s.lo, last)).map(|found| (b, found))
}

/// "As the paper's editor, Tomás Reyes, puts it:" (`put` is no reporting
/// verb elsewhere: "put on a show").
fn put_it(f: &Frame, lo: usize, colon: usize) -> Option<Found> {
    let it = colon.checked_sub(1)?;
    let put = it.checked_sub(1)?;
    if !f.put_it_at(put) || it != put + 1 {
        return None;
    }
    let mention = f.subject_of(lo, put)?;
    Some(Found { mention, cue: put, cue_len: 2 })
}

/// "The ferry board released a statement on Tuesday." and then a paragraph
/// that opens with a quote: the board's words. The channel phrase must open
/// with a verb the statement's issuer is the subject of ("issued a
/// statement", "posted on X"), not a prepositional one ("in a statement").
fn issued(q: &Quote, views: &Views, lex: &Lexicon) -> Option<(usize, Found)> {
    let first = q.first_block();
    let here = views.get(first)?;
    let opens = here.block.text.get(..q.parts.first()?.outer().start)?.trim().is_empty();
    let b = first.checked_sub(1).filter(|_| opens)?;
    let v = views.get(b)?;
    let f = v.frame(lex);
    let s = v.sentence(v.toks.len().checked_sub(1)?);
    // (a sentence with a verb of speech is reported speech, read as such
    // before; asked first, as it needs no phrase search)
    if (s.lo..s.hi).any(|i| f.is_quote(i) || f.is_speech_verb(i)) {
        return None;
    }
    let range = token_range(&v, s.lo, s.hi);
    let text = v.block.text.get(range.clone())?;
    let phrase = lex.first_phrase(PhraseList::Channel, text)?;
    let at = range.start + phrase.range.start;
    let cue = (s.lo..s.hi).find(|&i| v.toks.get(i).is_some_and(|t| t.start as usize == at))?;
    let verb = f.is_word(cue) && !f.is_cap(cue) && (f.verb_at(cue).is_some() || f.lower(cue).ends_with("ed"));
    if !verb {
        return None;
    }
    let mention = f.subject_of(s.lo, cue)?;
    Some((b, Found { mention, cue, cue_len: 1 }))
}
