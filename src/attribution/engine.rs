//! Walks the document in reading order and attributes every speech quote:
//! first from its own sentence, then from its neighbours, then by inheriting
//! the speaker of the quote before it.

mod kinds;
#[cfg(test)]
mod memo_tests;
mod neighbour;
mod reading;
mod signature;

use kinds::{inherit_nested, listed_kinds, refine_kinds};
use neighbour::{neighbour, SignedSiblings};
use reading::read_block;

use super::case_evidence::CaseEvidence;
use super::context::Context;
use super::mention::{Frame, Subjects};
use super::patterns::{Found, Sentence};
use super::tokens::Token;
use super::{Attribution, Attributions, Cue, SpeakerKind};
use crate::lexicon::{Lexicon, PhraseList, VerbClass};
use crate::markdown::{BlockKind, Document, ProseBlock};
use crate::quote::{Quote, QuoteKind};
use crate::scan::kind::{is_link_line, named_passively};
use crate::tokens::{BlockTokens, TokenWindow};

/// How far (in blocks) a speaker carries over to a quote with no attribution.
const FOLLOW_ON_BLOCKS: usize = 2;
/// The fewest quoted words that make a fragment a clause someone said.
const FOLLOW_ON_CLAUSE_WORDS: usize = 4;

/// One block's tokens (computed once per draft, see [`crate::tokens`]).
struct BlockView<'a> {
    /// The block's index in the draft.
    index: usize,
    block: &'a ProseBlock,
    tokens: &'a BlockTokens,
    toks: &'a [Token],
    case: &'a CaseEvidence<'a>,
    subjects: &'a Subjects,
}

impl<'a> BlockView<'a> {
    fn frame<'b>(&'b self, lex: &'b Lexicon) -> Frame<'b> {
        let t = self.tokens;
        let (block, subjects) = (self.index, self.subjects);
        Frame {
            text: &self.block.text,
            breaks_kept: self.block.breaks_kept(),
            tokens: t,
            toks: &t.toks,
            facts: &t.facts,
            lex,
            case: self.case,
            block,
            subjects,
        }
    }

    fn sentence(&self, i: usize) -> Sentence {
        let s = self.tokens.sentence(i);
        Sentence { lo: s.lo, hi: s.hi }
    }

    fn quote_token(&self, id: usize) -> Option<usize> {
        self.tokens.quote_token(id)
    }

    /// The block's sentences, in order.
    fn sentences(&self) -> impl Iterator<Item = Sentence> + '_ {
        self.tokens.sentences().map(|s| Sentence { lo: s.lo, hi: s.hi })
    }

    /// Source offset of token `i`.
    fn source_at(&self, i: usize) -> usize {
        match self.toks.get(i) {
            // the start of a token's span is where its first byte starts: only
            // that is mapped (asked of every name and sentence of a draft)
            Some(t) if t.end() > t.start => self.block.map.to_source_start(t.start as usize),
            Some(t) => self.block.source_span(t.range()).start,
            None => self.block.span().start,
        }
    }
}

/// The blocks' tokens attribution may read now: those of the window.
struct Views<'a, 'd> {
    doc: &'a Document,
    window: &'a TokenWindow<'d>,
    case: &'a CaseEvidence<'a>,
    subjects: &'a Subjects,
}

impl<'a> Views<'a, '_> {
    fn get(&self, b: usize) -> Option<BlockView<'a>> {
        let (block, tokens) = (self.doc.blocks.get(b)?, self.window.block(b)?);
        Some(BlockView { index: b, block, tokens, toks: &tokens.toks, case: self.case, subjects: self.subjects })
    }
}

/// Attributes every quote; also refines short partial quotes that no one
/// speaks into scare quotes.
/// `tokens` are the draft's tokens, made from these quotes: a quotation
/// reads its own blocks and the blocks either side, so each block's are made
/// just before the first quotation that reads it and let go once no
/// quotation left reads it.
pub fn attribute(doc: &Document, tokens: &mut TokenWindow, quotes: &mut [Quote], lex: &Lexicon) -> Attributions {
    attribute_with(doc, tokens, quotes, lex, false)
}

/// [`attribute`]; when `fresh`, with every answer attribution keeps for
/// reuse read again instead (the oracle its memos are tested against).
fn attribute_with(
    doc: &Document,
    tokens: &mut TokenWindow,
    quotes: &mut [Quote],
    lex: &Lexicon,
    fresh: bool,
) -> Attributions {
    let mut out = Attributions::empty(quotes.len());
    let (mut ctx, subjects) = match fresh {
        true => (Context::fresh(), Subjects::fresh()),
        false => (Context::default(), Subjects::default()),
    };
    let subjects = &subjects;
    let case = CaseEvidence::of(doc);
    // the quotations in reading order, and the first block read by any
    // quotation from each one on (the one before its first): both held
    // through the draft's attribution, in four bytes a quotation (a draft
    // has fewer than 4 G quotations and blocks)
    let mut order: Vec<u32> = (0..quotes.len() as u32).collect();
    order.sort_by_key(|&i| (quotes[i as usize].last_block(), quotes[i as usize].span().start));
    let mut reads_from = vec![u32::MAX; order.len()];
    let mut earliest = u32::MAX;
    for (k, &id) in order.iter().enumerate().rev() {
        let first = quotes[id as usize].first_block().saturating_sub(1);
        earliest = earliest.min(u32::try_from(first).unwrap_or(u32::MAX));
        reads_from[k] = earliest;
    }
    let mut next_block = 0;
    let mut promoted = Vec::new();
    let mut terms = Vec::new();
    let mut siblings = SignedSiblings::default();
    for (k, id) in order.into_iter().enumerate() {
        let id = id as usize;
        // a draft's budget is checked within its paragraphs too (one may be megabytes)
        crate::budget::tick();
        tokens.release_below((reads_from[k] as usize).min(next_block));
        tokens.reach(quotes[id].last_block() + 1, |b, bt| listed_kinds(b, bt, doc, quotes));
        let views = Views { doc, window: tokens, case: &case, subjects };
        let q = &quotes[id];
        while next_block <= q.last_block() {
            if let Some(v) = views.get(next_block) {
                read_block(next_block, &v, lex, &mut ctx);
            }
            next_block += 1;
        }
        if matches!(q.kind, QuoteKind::Title | QuoteKind::Scare) && q.depth == 0 && !so_called(q, doc) {
            if let Some(a) = spoken_name(id, q, doc, &views, lex, &mut ctx) {
                out.set(id, a);
                promoted.push(id);
            }
            continue;
        }
        if q.depth > 0 || !q.kind.is_speech() {
            continue;
        }
        let a = attribute_one(id, q, &views, lex, &mut ctx, &mut siblings);
        let unspoken = a.speaker.is_none();
        out.set(id, a);
        if unspoken && q.kind == QuoteKind::Partial && !speech_in_sentence(id, q, &views, lex) {
            terms.push(id);
        }
    }
    for id in promoted {
        if let Some(q) = quotes.get_mut(id) {
            q.kind = QuoteKind::Partial;
        }
    }
    inherit_nested(quotes, &mut out);
    refine_kinds(doc, quotes, &out, &terms);
    out.finish();
    out
}

fn attribute_one(
    id: usize,
    q: &Quote,
    views: &Views,
    lex: &Lexicon,
    ctx: &mut Context,
    siblings: &mut SignedSiblings,
) -> Attribution {
    let last = q.last_block();
    let first = q.first_block();
    // the attribution after the quote, read once: three patterns below ask it
    let after_found = std::cell::OnceCell::new();
    let after_quote = || {
        *after_found.get_or_init(|| {
            let (v, t) = located(id, last, views)?;
            v.frame(lex).after_quote(v.sentence(t), t)
        })
    };
    let after = || after_quote().map(|found| (last, found));
    let before = || {
        let v = views.get(first)?;
        let t = v.quote_token(id)?;
        v.frame(lex).before_quote(v.sentence(t), t).map(|found| (first, found))
    };
    // A quote inside the writer's clause ("Trump said the system is "complex"
    // and he feels …") belongs to the clause before it; one that opens its
    // sentence, to the attribution after it.
    let found = if embedded(id, q, views) {
        // "Trump asserted it: “Q,” he claimed.": after a colon the quote opens a
        // sentence of its own, and an attribution right after it is its own
        let colon_at = views
            .get(last)
            .filter(|_| first == last)
            .and_then(|v| v.quote_token(id).filter(|&t| t > 0 && v.frame(lex).is_punct(t - 1, ":")));
        match colon_at.map(|t| (t, after())) {
            Some((t, signed)) => {
                let tight = |(_, fd): &(usize, Found)| fd.cue <= t + 4 && fd.mention.start > t;
                match signed {
                    Some(found) if tight(&found) => Some(found),
                    signed => before().or(signed),
                }
            }
            // "In 2009, when Obama offered …, “Q,” DeSantis said.": a quoted
            // clause closed by a comma and signed right after is the signer's,
            // whatever the fronted words before it report
            None => signed_right_after(id, q, views, lex, &after_quote)
                .or_else(|| signed_at_sentence_end(id, q, views, lex, &after_quote))
                .or_else(before)
                .or_else(after),
        }
    } else {
        after().or_else(before)
    };
    let found =
        found.or_else(|| neighbour(id, q, views, lex, siblings)).or_else(|| signature::found(q, views, lex));
    match found {
        Some((b, found)) => {
            let Some(v) = views.get(b) else { return Attribution::default() };
            let attribution = build(&v, &v.frame(lex), found, ctx);
            ctx.attributed(b, &attribution);
            attribution
        }
        // a fragment in a sentence that reports no speech is nobody's follow-on
        None if q.kind == QuoteKind::Partial && !speech_in_sentence(id, q, views, lex) => {
            // "…,” Hennessey added. But that is not “properly chargeable under
            // the law.”": a clause of several quoted words after a speaker's
            // quote in the same paragraph goes on with that speaker
            let clause = q.text(views.doc).split_whitespace().count() >= FOLLOW_ON_CLAUSE_WORDS;
            if clause {
                ctx.follow_on(q.first_block(), q.span().start, 0, false)
            } else {
                Attribution::default()
            }
        }
        None => {
            // a word or two in marks after reported speech is a term, not the speaker's words
            let short = q.kind == QuoteKind::Partial && q.text(views.doc).split_whitespace().count() <= 3;
            let inherited = ctx.follow_on(q.first_block(), q.span().start, FOLLOW_ON_BLOCKS, !short);
            if inherited.speaker.is_some() {
                // a run of quote-only paragraphs stays with its speaker
                ctx.continued(q.last_block(), q.span().start, &inherited);
            }
            inherited
        }
    }
}

/// The frame's `after_quote` of a quotation's token, read once for the
/// patterns that ask it (see [`attribute_one`]).
type AfterQuote<'a> = &'a dyn Fn() -> Option<Found>;

/// A signature found for a quotation: the block and the attribution.
type Signed = Option<(usize, Found)>;

/// Block `b`'s view and the token of quotation `id` in it.
fn located<'a>(id: usize, b: usize, views: &Views<'a, '_>) -> Option<(BlockView<'a>, usize)> {
    let v = views.get(b)?;
    let t = v.quote_token(id)?;
    Some((v, t))
}

/// "The collapse signals “the end” for the pact, said Dana Reyes, head of
/// the group.": a sentence closed by an inverted attribution after a comma is
/// all the signer's words, its quotations included.
fn signed_at_sentence_end(id: usize, q: &Quote, views: &Views, lex: &Lexicon, after: AfterQuote) -> Signed {
    let last = q.last_block();
    let (v, t) = located(id, last, views)?;
    let f = v.frame(lex);
    let s = v.sentence(t);
    let fd = after()?;
    let inverted = fd.cue > t + 1 && f.is_punct(fd.cue - 1, ",") && fd.mention.start == fd.cue + 1;
    let later_quote = (t + 1..fd.cue).any(|k| f.is_quote(k));
    // the name, then at most an apposition set off by a comma, ends the sentence
    let rest = fd.mention.end..s.hi;
    let ends = rest.is_empty()
        || f.is_punct(rest.start, ".")
        || (f.is_punct(rest.start, ",") && !rest.clone().skip(1).any(|k| f.is_quote(k) || f.is_speech_verb(k)));
    (inverted && !later_quote && ends && fd.mention.kind == SpeakerKind::Person).then_some((last, fd))
}

/// A quote of several words whose own comma closes it, with the speaker and
/// the verb of speech right after ("…, “Q,” DeSantis said", "…, “Q,” said
/// Kim"): that signature, found once.
fn signed_right_after(id: usize, q: &Quote, views: &Views, lex: &Lexicon, after: AfterQuote) -> Signed {
    let last = q.last_block();
    let (v, t) = located(id, last, views)?;
    let f = v.frame(lex);
    if !f.closed_by_comma(t) || q.text(views.doc).split_whitespace().count() < 4 {
        return None;
    }
    let first = if f.is_punct(t + 1, ",") { t + 2 } else { t + 1 };
    let s = v.sentence(t);
    let fd = after()?;
    let (m, cue) = (fd.mention, fd.cue);
    // "said Kim", "Kim said", "the mayor later said"; not "when Clinton
    // blasted him", nor "Melanie said yes" (a verb with words of its own)
    let inverted = cue == first && m.start > cue && m.start <= cue + 3;
    let direct = m.start == first && cue >= m.end && cue <= m.end + 2;
    let end = if inverted { m.end } else { cue + 1 };
    // (" - “Q,” she said - and": a spaced hyphen is a dash)
    let closes = end >= s.hi || f.is_punct(end, ",.;:!?—–-");
    ((inverted || direct) && closes).then_some((last, fd))
}

/// `Trump called her "Miss Piggy"`: a name in title case right after a
/// reporting verb is someone's words, a partial quote. Headings, the
/// headline and titles of works stay titles.
fn spoken_name(
    id: usize,
    q: &Quote,
    doc: &Document,
    views: &Views,
    lex: &Lexicon,
    ctx: &mut Context,
) -> Option<Attribution> {
    let b = q.first_block();
    // (nor the headline of a linked story: "WATCH: Mayor slams ‘…’")
    doc.blocks
        .get(b)
        .filter(|bl| b > 0 && !matches!(bl.kind(), BlockKind::Heading(_)) && !is_link_line(&bl.text))?;
    let v = views.get(b)?;
    let t = v.quote_token(id)?;
    let f = v.frame(lex);
    // "tells MSNBC’s “Morning Joe”", "his “Keepin' It Real” program": a
    // title someone owns names a show or a work, not words spoken
    if t > 0 && owns_next(&f, t - 1) {
        return None;
    }
    let found = f.before_quote(v.sentence(t), t)?;
    // a reporting verb within a few words, not counting other names in a list
    let near = (0..t)
        .rev()
        .filter(|&j| !f.is_quote(j) && !f.is_punct(j, ",") && !matches!(f.lower(j), "and" | "or"))
        .take(6)
        .any(|j| f.is_speech_verb(j));
    near.then(|| build(&v, &f, found, ctx))
}

/// A possessor before a title ("CBS’s", "his"); not "her", as often the
/// object of "called her “…”".
fn owns_next(f: &Frame, i: usize) -> bool {
    // "on CBS’ “Face the Nation”": a bare apostrophe after a name in capitals
    if i > 0 && f.is_punct(i, "’'") && f.is_word(i - 1) {
        let w = f.word(i - 1);
        return w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase());
    }
    let w = f.word(i);
    matches!(f.lower(i), "his" | "their" | "its" | "our" | "my" | "your")
        || (f.is_cap(i) && (w.ends_with("’s") || w.ends_with("'s")))
}

/// `so-called "reforms"`: distancing, whoever coined it; "referred to as
/// “…”": a name others give, whoever gave it.
fn so_called(q: &Quote, doc: &Document) -> bool {
    let Some(part) = q.parts.first() else { return false };
    let before = doc.blocks.get(part.block()).and_then(|b| b.text.get(..part.outer().start)).unwrap_or_default();
    // only the last few characters can match: lowering the whole block
    // before every quote is quadratic on a paragraph of many quotes
    let trimmed = before.trim_end();
    let from = trimmed.char_indices().rev().nth(15).map_or(0, |(i, _)| i);
    let lower = trimmed[from..].to_lowercase();
    lower.ends_with("so-called") || lower.ends_with("so called") || named_passively(before)
}

/// Whether words of the writer's own come before the quote in its sentence.
fn embedded(id: usize, q: &Quote, views: &Views) -> bool {
    let Some(v) = views.get(q.first_block()) else { return false };
    let Some(t) = v.quote_token(id) else { return false };
    let s = v.sentence(t);
    (s.lo..t).any(|i| v.toks.get(i).is_some_and(|tok| tok.is_word()))
}

/// The speaker of a sentence that reports speech: its last speech verb's subject.
fn introducer(f: &Frame, s: Sentence) -> Option<Found> {
    // the main clause's verb, not one in a trailing "where Clinton also spoke"
    (s.lo..s.hi).filter(|&j| f.is_speech_verb(j)).find_map(|vb| {
        // "“Q1,” Rep. Jim Jordan (R-Ohio), a member, said": the subject starts after the quote
        // (a nickname in marks, "Marcia “Cia” Price", is part of the subject)
        let lo = (s.lo..vb).rev().find(|&j| f.is_quote(j) && !f.is_name_part(j)).map_or(s.lo, |q| q + 1);
        // "said the project's director, Grace Mbeki": the name, as for the quote before
        let after = || f.mention_starting(vb + 1, s.hi).map(|m| f.named_in_apposition(m, s.hi).unwrap_or(m));
        // "The family will find a way, adds Al Basha.": after a comma, a
        // speaker that closes the clause is the inverted verb's subject
        let inverted = (vb > lo && f.is_punct(vb - 1, ","))
            .then(after)
            .flatten()
            .filter(|m| m.kind != SpeakerKind::Pronoun && (m.end >= s.hi || f.is_punct(m.end, ".,;:!?")));
        let m = inverted.or_else(|| f.subject_of(lo, vb)).or_else(after)?;
        if f.is_page_label(m.start, m.end) {
            return None; // "READ MORE: …" is a link, not reported speech
        }
        Some(Found { mention: m, cue: vb, cue_len: 1 })
    })
}

fn build(v: &BlockView, f: &Frame, found: Found, ctx: &mut Context) -> Attribution {
    let m = found.mention;
    let text = f.span_words(m.start, m.end).into_owned();
    let span = token_span(v, m.start, m.end);
    let s = v.sentence(found.cue.min(v.toks.len().saturating_sub(1)));
    let sentence = v.block.text.get(token_range(v, s.lo, s.hi)).unwrap_or_default();
    // "an official who spoke on condition of anonymity": the sentence says so
    let kind = match m.kind {
        SpeakerKind::Role if f.lex.first_phrase(PhraseList::Anonymous, sentence).is_some() => {
            SpeakerKind::Anonymous
        }
        kind => kind,
    };
    // "who" and "which" stand for the phrase before them, and so does "it"
    // for its clause's subject ("the paper says …, it said"); "he" and
    // "she" only if the genders agree
    let relative = matches!(f.lower(m.start), "who" | "which" | "it");
    let antecedent =
        m.antecedent.map(|(a, b, k)| ctx.resolve(f.span_words(a, b).into_owned(), token_span(v, a, b), k, f.lex));
    if let Some(subject) = antecedent.as_ref().filter(|_| !relative) {
        // "Comey recommended …, but he called …": "he" is the subject's, if the genders agree
        ctx.bind_pronoun(&text, span.start, subject);
    }
    let mut speaker = ctx.resolve(text, span, kind, f.lex);
    if let Some(before) = antecedent.filter(|_| relative) {
        // "who" names whom the phrase before it names
        speaker.name = before.name.or(Some(before.mention));
    }
    // "as Ruiz puts it": the idiom is the cue, not the bare verb
    let idiom = found.cue_len == 1 && f.put_it_at(found.cue);
    let cue_end = found.cue + if idiom { 2 } else { found.cue_len };
    let cue = Cue::new(ctx.shared(&f.span_words(found.cue, cue_end)), token_span(v, found.cue, cue_end));
    let channel = ctx.channel_in((v.index, v.block), writer_ranges(v, s), &speaker, f.lex);
    Attribution { speaker: Some(speaker), cue: Some(cue), channel }
}

/// The writer's own words in a sentence: the stretches between its quotations
/// (a channel named inside someone's words is not how they reached us).
fn writer_ranges(v: &BlockView, s: Sentence) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = s.lo;
    for i in s.lo..=s.hi {
        let is_quote = v.toks.get(i).is_some_and(|t| t.is_quote());
        if i == s.hi || is_quote {
            if i > start {
                out.push(token_range(v, start, i));
            }
            start = i + 1;
        }
    }
    out
}

fn token_range(v: &BlockView, start: usize, end: usize) -> std::ops::Range<usize> {
    let a = v.toks.get(start).map_or(0, |t| t.start as usize);
    let b = end.checked_sub(1).and_then(|e| v.toks.get(e)).map_or(a, |t| t.end() as usize);
    a..b.max(a)
}

fn token_span(v: &BlockView, start: usize, end: usize) -> crate::span::Span {
    v.block.source_span(token_range(v, start, end))
}

/// Whether the writer's words in the quote's sentence report speech at all
/// (a speech verb in any form, "according to"): a fragment in a sentence
/// that does not ("the law allows it only "in an advanced stage"") is a
/// phrase lifted from a text or a term, not someone's follow-on words.
fn speech_in_sentence(id: usize, q: &Quote, views: &Views, lex: &Lexicon) -> bool {
    let Some(v) = views.get(q.first_block()) else { return true };
    let Some(t) = v.quote_token(id) else { return true };
    let f = v.frame(lex);
    let s = v.sentence(t);
    (s.lo..s.hi)
        .any(|j| f.verb_at(j).is_some_and(|vb| vb.class != VerbClass::NonSpeech) || f.according_to_at(j).is_some())
}
