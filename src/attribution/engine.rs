//! Walks the document in reading order and attributes every speech quote:
//! first from its own sentence, then from its neighbours, then by inheriting
//! the speaker of the quote before it.

mod signature;

use super::case_evidence::CaseEvidence;
use super::context::Context;
use super::discourse;
use super::mention::Frame;
use super::patterns::{Found, Sentence};
use super::tokens::{TokKind, Token};
use super::{Attribution, Cue, SpeakerKind};
use crate::lexicon::{Lexicon, PhraseList, VerbClass, VerbForm};
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
    block: &'a ProseBlock,
    tokens: &'a BlockTokens,
    toks: &'a [Token],
    case: &'a CaseEvidence<'a>,
}

impl<'a> BlockView<'a> {
    fn new(block: &'a ProseBlock, tokens: &'a BlockTokens, case: &'a CaseEvidence<'a>) -> Self {
        BlockView { block, tokens, toks: &tokens.toks, case }
    }

    fn frame<'b>(&'b self, lex: &'b Lexicon) -> Frame<'b> {
        let t = self.tokens;
        Frame {
            text: &self.block.text,
            lower_text: t.lower_text(),
            toks: &t.toks,
            facts: &t.facts,
            lex,
            case: self.case,
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
        self.toks.get(i).map_or(self.block.span.start, |t| self.block.source_span(t.range()).start)
    }
}

/// The blocks' tokens attribution may read now: those of the window.
struct Views<'a, 'd> {
    doc: &'a Document,
    window: &'a TokenWindow<'d>,
    case: &'a CaseEvidence<'a>,
}

impl<'a> Views<'a, '_> {
    fn get(&self, b: usize) -> Option<BlockView<'a>> {
        Some(BlockView::new(self.doc.blocks.get(b)?, self.window.block(b)?, self.case))
    }
}

/// Attributes every quote; also refines short partial quotes that no one
/// speaks into scare quotes.
/// `tokens` are the draft's tokens, made from these quotes: a quotation
/// reads its own blocks and the blocks either side, so each block's are made
/// just before the first quotation that reads it and let go once no
/// quotation left reads it.
pub fn attribute(
    doc: &Document,
    tokens: &mut TokenWindow,
    quotes: &mut [Quote],
    lex: &Lexicon,
) -> Vec<Attribution> {
    let mut out = vec![Attribution::default(); quotes.len()];
    let mut ctx = Context::default();
    let case = CaseEvidence::of(doc);
    let mut order: Vec<usize> = (0..quotes.len()).collect();
    order.sort_by_key(|&i| (quotes[i].last_block(), quotes[i].span.start));
    // the first block read by any quotation from this one on: the one before its first
    let mut reads_from = vec![usize::MAX; order.len()];
    let mut earliest = usize::MAX;
    for (k, &id) in order.iter().enumerate().rev() {
        earliest = earliest.min(quotes[id].first_block().saturating_sub(1));
        reads_from[k] = earliest;
    }
    let mut next_block = 0;
    let mut promoted = Vec::new();
    let mut terms = Vec::new();
    for (k, id) in order.into_iter().enumerate() {
        // a draft's budget is checked within its paragraphs too (one may be megabytes)
        crate::budget::tick();
        tokens.release_below(reads_from[k].min(next_block));
        tokens.reach(quotes[id].last_block() + 1, |bt| listed_kinds(bt, doc, quotes));
        let views = Views { doc, window: tokens, case: &case };
        let q = &quotes[id];
        while next_block <= q.last_block() {
            if let Some(v) = views.get(next_block) {
                read_block(next_block, &v, lex, &mut ctx);
            }
            next_block += 1;
        }
        if matches!(q.kind, QuoteKind::Title | QuoteKind::Scare) && q.depth == 0 && !so_called(q, doc) {
            if let Some(a) = spoken_name(id, q, doc, &views, lex, &mut ctx) {
                out[id] = a;
                promoted.push(id);
            }
            continue;
        }
        if q.depth > 0 || !q.kind.is_speech() {
            continue;
        }
        out[id] = attribute_one(id, q, &views, lex, &mut ctx);
        if out[id].speaker.is_none() && q.kind == QuoteKind::Partial && !speech_in_sentence(id, q, &views, lex) {
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
    out
}

/// `signs reading “Quebec please separate,” “Build pipelines” and “…”`: a
/// quotation listed right after a title or term is one too. Run on each
/// block as its tokens are made, before any quotation in it is attributed.
fn listed_kinds(bt: &BlockTokens, doc: &Document, quotes: &mut [Quote]) {
    let non_speech = |k: QuoteKind| matches!(k, QuoteKind::Title | QuoteKind::Scare);
    let quote_at = |i: usize| match bt.toks.get(i).map(|t| t.kind()) {
        Some(TokKind::Quote(id)) => Some(id as usize),
        _ => None,
    };
    for i in 1..bt.toks.len() {
        let Some(id) = quote_at(i) else { continue };
        let joiner = matches!(bt.lower(i - 1), "and" | "or" | ",");
        let before = if joiner { i.checked_sub(2).and_then(quote_at) } else { quote_at(i - 1) };
        // (a title that ends its sentence, "on CBS' “60 Minutes.” “I …,” he said", lists nothing)
        let ends_sentence = |q: &Quote| q.text(doc).trim_end().ends_with(['.', '!', '?']);
        let Some(kind) = before
            .and_then(|b| quotes.get(b))
            .filter(|q| !ends_sentence(q))
            .map(|q| q.kind)
            .filter(|&k| non_speech(k))
        else {
            continue;
        };
        if let Some(q) = quotes.get_mut(id).filter(|q| matches!(q.kind, QuoteKind::Direct | QuoteKind::Partial)) {
            q.kind = kind;
        }
    }
}

fn attribute_one(id: usize, q: &Quote, views: &Views, lex: &Lexicon, ctx: &mut Context) -> Attribution {
    let last = q.last_block();
    let first = q.first_block();
    let after = || {
        let v = views.get(last)?;
        let t = v.quote_token(id)?;
        v.frame(lex).after_quote(v.sentence(t), t).map(|found| (last, found))
    };
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
            None => signed_right_after(id, q, views, lex)
                .or_else(|| signed_at_sentence_end(id, q, views, lex))
                .or_else(before)
                .or_else(after),
        }
    } else {
        after().or_else(before)
    };
    let found = found.or_else(|| neighbour(id, q, views, lex)).or_else(|| signature::found(q, views, lex));
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
                ctx.follow_on(q.first_block(), q.span.start, 0, false)
            } else {
                Attribution::default()
            }
        }
        None => {
            // a word or two in marks after reported speech is a term, not the speaker's words
            let short = q.kind == QuoteKind::Partial && q.text(views.doc).split_whitespace().count() <= 3;
            let inherited = ctx.follow_on(q.first_block(), q.span.start, FOLLOW_ON_BLOCKS, !short);
            if inherited.speaker.is_some() {
                // a run of quote-only paragraphs stays with its speaker
                ctx.continued(q.last_block(), q.span.start, &inherited);
            }
            inherited
        }
    }
}

/// Block `b`'s view and the token of quotation `id` in it.
fn located<'a>(id: usize, b: usize, views: &Views<'a, '_>) -> Option<(BlockView<'a>, usize)> {
    let v = views.get(b)?;
    let t = v.quote_token(id)?;
    Some((v, t))
}

/// "The collapse signals “the end” for the pact, said Dana Reyes, head of
/// the group.": a sentence closed by an inverted attribution after a comma is
/// all the signer's words, its quotations included.
fn signed_at_sentence_end(id: usize, q: &Quote, views: &Views, lex: &Lexicon) -> Option<(usize, Found)> {
    let last = q.last_block();
    let (v, t) = located(id, last, views)?;
    let f = v.frame(lex);
    let s = v.sentence(t);
    let fd = f.after_quote(s, t)?;
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
fn signed_right_after(id: usize, q: &Quote, views: &Views, lex: &Lexicon) -> Option<(usize, Found)> {
    let last = q.last_block();
    let (v, t) = located(id, last, views)?;
    let f = v.frame(lex);
    if !f.closed_by_comma(t) || q.text(views.doc).split_whitespace().count() < 4 {
        return None;
    }
    let first = if f.is_punct(t + 1, ",") { t + 2 } else { t + 1 };
    let s = v.sentence(t);
    let fd = f.after_quote(s, t)?;
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
        .filter(|bl| b > 0 && !matches!(bl.kind, BlockKind::Heading(_)) && !is_link_line(&bl.text))?;
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
    let before = doc.blocks.get(part.block).and_then(|b| b.text.get(..part.outer.start)).unwrap_or_default();
    let lower = before.trim_end().to_lowercase();
    lower.ends_with("so-called") || lower.ends_with("so called") || named_passively(before)
}

/// Whether words of the writer's own come before the quote in its sentence.
fn embedded(id: usize, q: &Quote, views: &Views) -> bool {
    let Some(v) = views.get(q.first_block()) else { return false };
    let Some(t) = v.quote_token(id) else { return false };
    let s = v.sentence(t);
    (s.lo..t).any(|i| v.toks.get(i).is_some_and(|tok| tok.is_word()))
}

/// `S said. "Q"` or `S said: ` in the sentence before, in the same block;
/// or a later quote in the same sentence that is attributed (`"Q1," S said, "Q2."`).
fn neighbour(id: usize, q: &Quote, views: &Views, lex: &Lexicon) -> Option<(usize, Found)> {
    let b = q.first_block();
    let (v, t) = located(id, b, views)?;
    let f = v.frame(lex);
    let s = v.sentence(t);
    // siblings in the same sentence: earlier ones first
    for j in (s.lo..s.hi).filter(|&j| j != t && f.is_quote(j)) {
        if let Some(found) = f.after_quote(s, j).filter(|fd| fd.cue < t || j > t) {
            return Some((b, found));
        }
    }
    // the sentence before, when it introduces the quote or the quote stands alone
    let alone = (s.lo..s.hi).all(|j| f.is_quote(j) || f.is_punct(j, ".,!?;:—–-()"));
    // "Reid, in particular, has been pounding Trump as a “con artist”": a
    // quote inside a sentence about a person is theirs, not the last speaker's
    let after_colon = |j: usize| j > 0 && f.is_punct(j - 1, ":");
    if !alone && !after_colon(s.lo) && !after_colon(t) {
        let head = Sentence { lo: s.lo, hi: t };
        let own = sentence_subject(&f, head).filter(|fd| {
            // "they" is as often a group nobody named ("his friends") as a named one
            let person = fd.mention.kind == SpeakerKind::Person
                || (fd.mention.kind == SpeakerKind::Pronoun && matches!(f.lower(fd.mention.start), "he" | "she"));
            // "Reid has been pounding": the verb, or the auxiliary before it
            let verb =
                discourse::is_sure_verb(&f, fd.cue) || discourse::is_sure_verb(&f, fd.cue.saturating_sub(1));
            person && verb
        });
        if let Some(found) = own {
            return Some((b, found));
        }
    }
    if s.lo > 0 {
        let prev = v.sentence(s.lo - 1);
        let has_quote = (prev.lo..prev.hi).any(|j| f.is_quote(j));
        let ends_colon = f.is_punct(prev.hi - 1, ":");
        // "… scolded him: “Q1,” she said. “Q2”": the signature nearest the
        // quote, that of the last quote before it, not the sentence's first verb
        if alone && has_quote {
            let signed = (prev.lo..prev.hi).rev().filter(|&j| f.is_quote(j)).find_map(|j| f.after_quote(prev, j));
            if let Some(found) = signed {
                return Some((b, found));
            }
        }
        if !has_quote || ends_colon || alone {
            if let Some(found) = introducer(&f, prev) {
                return Some((b, found));
            }
        }
        // "Sanders identified bigotry as one reason. “The younger people are …”":
        // a quote standing alone after a sentence about someone is theirs
        if alone {
            if let Some(found) = sentence_subject(&f, prev) {
                return Some((b, found));
            }
        }
    }
    // "“Q.” Trump said.": a short sentence after the quote that only attributes;
    // "“Why now?” Ms. Roe asked, adding …": an attribution that opens the next sentence
    if alone && s.hi < v.toks.len() {
        let next = v.sentence(s.hi);
        let words = (next.lo..next.hi).filter(|&j| f.is_word(j)).count();
        let quoted = (next.lo..next.hi).any(|j| f.is_quote(j));
        if words <= 7 && !quoted {
            if let Some(found) = introducer(&f, next) {
                return Some((b, found));
            }
        }
        // (not when it quotes someone itself: "“Q.” Haddad said the vote was “final”" is ambiguous)
        let quotes_too = (next.lo..next.hi).any(|j| f.is_quote(j) && !f.is_name_part(j));
        let head = Sentence { lo: next.lo, hi: next.hi.min(next.lo + 30) };
        // ("“Q!” Scott's niece, state Sen. Marcia Price, shouted": the name may
        // stand in apposition to the phrase that opens the sentence)
        let after_comma = |m: usize| {
            (m.saturating_sub(3).max(next.lo)..m).rev().find(|&c| f.is_punct(c, ",")).is_some_and(|c| {
                (c + 1..m).all(|j| f.is_word(j) && !f.is_cap(j)) // "…, state Sen. Marcia Price"
            })
        };
        let opens = |m: usize| m == next.lo || (m > next.lo && m <= next.lo + 8 && after_comma(m));
        let opening = introducer(&f, head).filter(|fd| opens(fd.mention.start) && fd.cue > fd.mention.start);
        if let (false, Some(found)) = (quotes_too, opening) {
            return Some((b, found));
        }
    }
    // a paragraph that opens with the quote, after one that ends "… said:"
    if t == 0 {
        let pv = views.get(b.checked_sub(1)?)?;
        let pf = pv.frame(lex);
        let last = pv.toks.len().checked_sub(1)?;
        if pf.is_punct(last, ":") {
            // "as the foundation's website notes:", "Smith released this statement:"
            let ps = pv.sentence(last);
            let found = introducer(&pf, ps).or_else(|| {
                let m = (ps.lo..ps.hi).find_map(|i| pf.mention_starting(i, ps.hi))?;
                Some(Found { mention: m, cue: last, cue_len: 1 })
            });
            return found.map(|found| (b - 1, found));
        }
    }
    None
}

/// The person (or organisation) a sentence is about: its subject, when a
/// verb follows it (past an appositive and adverbs).
fn sentence_subject(f: &Frame, s: Sentence) -> Option<Found> {
    let start = discourse::subject_start(f, s);
    // someone else's words in the sentence: it is not simply about its subject
    if (start..s.hi).any(|j| f.is_quote(j)) {
        return None;
    }
    let m = f.mention_starting(start, s.hi)?;
    if !matches!(m.kind, SpeakerKind::Person | SpeakerKind::Pronoun | SpeakerKind::Organization) {
        return None;
    }
    let mut v = m.end;
    if f.is_punct(v, ",(") {
        // "Sen. Bernie Sanders (Vt.), who lost the primaries, identified"
        v = (v + 1..s.hi.min(v + 30)).rev().find(|&j| f.is_punct(j, ",)")).map_or(v, |j| j + 1);
        if f.is_punct(v, ",") {
            v += 1;
        }
    }
    while v < s.hi && f.is_adverb(v) {
        v += 1;
    }
    let verb_like = f.is_word(v) && !f.is_cap(v) && !f.is_determiner(v) && !f.is_pronoun(v);
    verb_like.then_some(Found { mention: m, cue: v, cue_len: 1 })
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
    let text = f.span_text(m.start, m.end).to_string();
    let span = token_span(v, m.start, m.end);
    let s = v.sentence(found.cue.min(v.toks.len().saturating_sub(1)));
    let sentence = v.block.text.get(token_range(v, s.lo, s.hi)).unwrap_or_default();
    // "an official who spoke on condition of anonymity": the sentence says so
    let kind = match m.kind {
        SpeakerKind::Role if !f.lex.find_phrases(PhraseList::Anonymous, sentence).is_empty() => {
            SpeakerKind::Anonymous
        }
        kind => kind,
    };
    // "who" and "which" stand for the phrase before them, and so does "it"
    // for its clause's subject ("the paper says …, it said"); "he" and
    // "she" only if the genders agree
    let relative = matches!(f.lower(m.start), "who" | "which" | "it");
    let antecedent =
        m.antecedent.map(|(a, b, k)| ctx.resolve(f.span_text(a, b).to_string(), token_span(v, a, b), k, f.lex));
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
    let cue = Cue { text: ctx.shared(f.span_text(found.cue, cue_end)), span: token_span(v, found.cue, cue_end) };
    let channel = ctx.channel_in(v.block, &writer_ranges(v, s), &speaker, f.lex);
    Attribution { speaker: Some(speaker), cue: Some(cue), channel, implied: false }
}

/// The writer's own words in a sentence: the stretches between its quotations
/// (a channel named inside someone's words is not how they reached us).
fn writer_ranges(v: &BlockView, s: Sentence) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = s.lo;
    for i in s.lo..=s.hi {
        let is_quote = v.toks.get(i).is_some_and(|t| matches!(t.kind(), TokKind::Quote(_)));
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
    let b = end.checked_sub(1).and_then(|e| v.toks.get(e)).map_or(a, |t| t.end as usize);
    a..b.max(a)
}

fn token_span(v: &BlockView, start: usize, end: usize) -> crate::span::Span {
    v.block.source_span(token_range(v, start, end))
}

/// Takes a block into the story's context: its names and pronouns, then
/// its reported speech.
fn read_block(index: usize, v: &BlockView, lex: &Lexicon, ctx: &mut Context) {
    let f = v.frame(lex);
    let sentences: Vec<Sentence> = v.sentences().collect();
    let starts: Vec<usize> = sentences.iter().map(|s| v.source_at(s.lo)).collect();
    // headlines, subheads and page furniture ("Story continues below
    // advertisement") introduce nobody and report nothing
    if discourse::is_label(&f) {
        ctx.read_block(index, &starts, Vec::new());
        return;
    }
    let mut events = discourse::read(&f, &sentences, ctx.sentences_read(), |i| v.source_at(i));
    if discourse::is_title_case_block(&f) {
        discourse::keep_headline_names(&mut events);
    }
    if is_photo_caption(&v.block.text) {
        // a caption's people are in the picture, not in the story's discourse
        events.clear();
    }
    ctx.read_block(index, &starts, events);
    note_reported_speech(index, v, &f, &sentences, lex, ctx);
}

/// "A firefighter at the scene on Monday. (Jane Roe/AFP/Getty Images)",
/// "… ( Toronto Star file photo )": a paragraph that ends in a photo credit.
fn is_photo_caption(text: &str) -> bool {
    let t = text.trim_end().trim_end_matches('.');
    let Some(inner) = t.strip_suffix(')').and_then(|t| t.rfind('(').map(|i| &t[i + 1..])) else { return false };
    inner.len() < 80 && (inner.contains('/') || inner.to_lowercase().contains("photo") || inner.contains("Images"))
}

/// "Tim Brown, a ferry engineer, says the timetable is too thin": a speaker
/// in reported speech, whom a quote-only paragraph after it may continue;
/// "Soo Kim … told AFP she was not surprised": a channel stated for a
/// speaker in reported speech carries over to that speaker's later quotes.
fn note_reported_speech(
    index: usize,
    v: &BlockView,
    f: &Frame,
    sentences: &[Sentence],
    lex: &Lexicon,
    ctx: &mut Context,
) {
    for &s in sentences {
        crate::budget::tick();
        let has_quote = (s.lo..s.hi).any(|j| f.is_quote(j));
        let Some(found) = (!has_quote).then(|| introducer(f, s)).flatten() else { continue };
        let m = found.mention;
        let speaker =
            ctx.resolve(f.span_text(m.start, m.end).to_string(), token_span(v, m.start, m.end), m.kind, lex);
        if let Some(channel) = ctx.channel_in(v.block, &writer_ranges(v, s), &speaker, lex) {
            ctx.remember_channel(&speaker, channel);
        }
        let named = speaker.name.is_some()
            || matches!(speaker.kind, SpeakerKind::Role | SpeakerKind::Anonymous | SpeakerKind::Vague);
        // "Brown says the timetable is thin." runs on into a bare quote in the
        // next paragraph (present-tense broadcast and feature style, or a
        // closing colon); after "Brown said the timetable was thin." readers
        // still take a bare quote as Brown's, but news style attributes it
        // again, so it is Brown's by implication only, and a finding.
        // So does an inverted attribution after what was said ("…,” said
        // Nicholson in an email." whose quote marks went astray).
        let present = f.verb_at(found.cue).is_some_and(|vb| vb.form == VerbForm::Present);
        let inverted = found.cue < m.start
            && found.cue > s.lo
            && (f.is_punct(found.cue - 1, ",") || f.is_quote(found.cue - 1));
        // only from the end of its paragraph: sentences of the writer's own
        // after it ("…, says a new report. The agency used …") end the turn
        let ends_block = sentences.last().is_some_and(|l| l.hi == s.hi);
        let runs_on = named && ends_block;
        let implied = !(present || inverted || f.is_punct(s.hi - 1, ":"));
        ctx.reported(index, speaker, runs_on, implied);
    }
}

/// A quote inside a quote is the outer speaker's words: those of the first
/// outer quote, in the scanner's order, whose span contains it.
fn inherit_nested(quotes: &[Quote], out: &mut [Attribution]) {
    for (i, o) in outer_quotes(quotes).into_iter().enumerate() {
        if let Some(o) = o {
            out[i] = out[o].clone();
        }
    }
}

/// For each nested quote, the first outer quote (depth 0) that contains it.
/// Quotes come sorted by start, so the candidates are a prefix; in it, the
/// first outer quote that reaches the nested quote's end is found by binary
/// search over the running maximum of outer ends (a draft of thousands of
/// nested quotes must not compare every pair).
fn outer_quotes(quotes: &[Quote]) -> Vec<Option<usize>> {
    if !quotes.is_sorted_by_key(|q| q.span.start) {
        return outer_quotes_by_search(quotes);
    }
    let mut reach = Vec::with_capacity(quotes.len());
    let mut furthest: Option<usize> = None;
    for q in quotes {
        if q.depth == 0 {
            furthest = furthest.max(Some(q.span.end));
        }
        reach.push(furthest);
    }
    let outer_of = |q: &Quote| {
        let starts_before = quotes.partition_point(|o| o.span.start <= q.span.start);
        let first = reach[..starts_before].partition_point(|r| r.is_none_or(|end| end < q.span.end));
        (first < starts_before).then_some(first)
    };
    quotes.iter().map(|q| if q.depth == 0 { None } else { outer_of(q) }).collect()
}

/// The same, by a plain search: for quotes out of order.
fn outer_quotes_by_search(quotes: &[Quote]) -> Vec<Option<usize>> {
    let outer_of =
        |q: &Quote| (0..quotes.len()).find(|&o| quotes[o].depth == 0 && quotes[o].span.contains(q.span));
    quotes.iter().map(|q| if q.depth == 0 { None } else { outer_of(q) }).collect()
}

/// A short partial quote that nobody speaks is a scare quote, and so is a
/// fragment of any length in a sentence with no word of speech (`terms`).
fn refine_kinds(doc: &Document, quotes: &mut [Quote], out: &[Attribution], terms: &[usize]) {
    for (q, a) in quotes.iter_mut().zip(out) {
        if q.kind == QuoteKind::Partial && a.speaker.is_none() && q.text(doc).split_whitespace().count() <= 3 {
            q.kind = QuoteKind::Scare;
        }
    }
    for &id in terms {
        if let Some(q) = quotes.get_mut(id).filter(|q| q.kind == QuoteKind::Partial) {
            q.kind = QuoteKind::Scare;
        }
    }
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

#[cfg(test)]
mod tests {
    use super::{is_photo_caption, outer_quotes, outer_quotes_by_search};
    use crate::quote::{MarkStyle, Parts, Quote, QuoteKind};
    use crate::span::Span;
    use proptest::prelude::*;

    fn quote((start, len, depth): (usize, usize, u8)) -> Quote {
        Quote {
            span: Span::new(start, start + len),
            kind: QuoteKind::Direct,
            style: MarkStyle::Curly,
            double: true,
            depth,
            parts: Parts::default(),
        }
    }

    proptest! {
        // quotes in the scanner's order, outer ones overlapping or nested in
        // each other as unclosed and block quotes can be, and spans repeated
        #[test]
        fn the_binary_search_finds_the_outer_quote_the_plain_search_finds(
            raw in prop::collection::vec((0usize..60, 0usize..30, 0u8..3), 0..40)
        ) {
            let mut quotes: Vec<Quote> = raw.into_iter().map(quote).collect();
            quotes.sort_by_key(|q| (q.span.start, std::cmp::Reverse(q.span.end)));
            prop_assert_eq!(outer_quotes(&quotes), outer_quotes_by_search(&quotes));
        }
    }

    #[test]
    fn a_nested_quote_takes_the_first_outer_quote_that_contains_it() {
        let quotes: Vec<Quote> = [(0, 50, 0), (2, 10, 0), (4, 3, 1), (20, 5, 1), (60, 5, 1)].map(quote).into();
        assert_eq!(outer_quotes(&quotes), vec![None, None, Some(0), Some(0), None]);
    }

    #[test]
    fn photo_credits_end_captions() {
        assert!(is_photo_caption("A firefighter at the scene. (Jane Roe/AFP/Getty Images)"));
        assert!(is_photo_caption("The pier in 1974. ( Port Ellis Gazette file photo )"));
        assert!(!is_photo_caption("Sen. Jane Doe (D-Calif.) said the vote was final."));
        assert!(!is_photo_caption("The ferry runs twice a day (weather permitting)."));
    }
}
