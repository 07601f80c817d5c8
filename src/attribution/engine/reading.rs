//! Reading each block as attribution reaches it: the people it introduces
//! and the speech it reports without quoting, for the quotes after it.

use super::{introducer, token_span, writer_ranges, BlockView};
use crate::attribution::context::Context;
use crate::attribution::discourse;
use crate::attribution::mention::Frame;
use crate::attribution::patterns::Sentence;
use crate::attribution::SpeakerKind;
use crate::lexicon::{Lexicon, VerbForm};

/// Takes a block into the story's context: its names and pronouns, then
/// its reported speech.
pub(super) fn read_block(index: usize, v: &BlockView, lex: &Lexicon, ctx: &mut Context) {
    let f = v.frame(lex);
    let sentences: Vec<Sentence> = v.sentences().collect();
    let starts = sentences.iter().map(|s| v.source_at(s.lo));
    // headlines, subheads and page furniture ("Story continues below
    // advertisement") introduce nobody and report nothing
    if discourse::is_label(&f) {
        ctx.read_block(index, starts, Vec::new());
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
    ctx.read_block(index, starts, events);
    note_reported_speech(index, v, &f, &sentences, lex, ctx);
}

/// "A firefighter at the scene on Monday. (Jane Roe/AFP/Getty Images)",
/// "… ( Toronto Star file photo )": a paragraph that ends in a photo credit.
pub(super) fn is_photo_caption(text: &str) -> bool {
    let t = text.trim_end().trim_end_matches('.');
    let Some(inner) = t.strip_suffix(')').and_then(|t| t.rfind('(').map(|i| &t[i + 1..])) else { return false };
    inner.len() < 80 && (inner.contains('/') || inner.to_lowercase().contains("photo") || inner.contains("Images"))
}

/// "Tim Brown, a ferry engineer, says the timetable is too thin": a speaker
/// in reported speech, whom a quote-only paragraph after it may continue;
/// "Soo Kim … told AFP she was not surprised": a channel stated for a
/// speaker in reported speech carries over to that speaker's later quotes.
pub(super) fn note_reported_speech(
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
            ctx.resolve(f.span_words(m.start, m.end).into_owned(), token_span(v, m.start, m.end), m.kind, lex);
        // (the channel is searched for only if it would be kept: the search
        // has no other effect than the words it shares with the cast)
        if ctx.may_remember_channel(&speaker) {
            if let Some(channel) = ctx.channel_in((v.index, v.block), writer_ranges(v, s), &speaker, lex) {
                ctx.remember_channel(&speaker, channel);
            }
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

#[cfg(test)]
mod tests {
    use super::is_photo_caption;

    proptest::proptest! {
        /// Where a token's first byte starts in the source is where its
        /// span starts (what `BlockView::source_at` maps alone).
        #[test]
        fn a_token_s_span_starts_where_its_first_byte_does(
            text in crate::tokens::drafts_of("Ana |Ruiz |said |“Q,” |> |* |# |\\*|**x** |[a](b) |&amp; |\n|\n\n|  \n|é|, |. ", 40)
        ) {
            let doc = crate::markdown::parse(&text);
            let scan = crate::scan::scan(&doc);
            let tokens = crate::tokens::DraftTokens::new(&doc, &scan.quotes, crate::lexicon::Lexicon::builtin());
            for (block, t) in doc.blocks.iter().zip(&tokens.blocks) {
                for tok in t.toks.iter().filter(|tok| tok.end() > tok.start) {
                    let start = block.map.to_source_start(tok.start as usize);
                    proptest::prop_assert_eq!(start, block.source_span(tok.range()).start);
                }
            }
        }
    }

    #[test]
    fn photo_credits_end_captions() {
        assert!(is_photo_caption("A firefighter at the scene. (Jane Roe/AFP/Getty Images)"));
        assert!(is_photo_caption("The pier in 1974. ( Port Ellis Gazette file photo )"));
        assert!(!is_photo_caption("Sen. Jane Doe (D-Calif.) said the vote was final."));
        assert!(!is_photo_caption("The ferry runs twice a day (weather permitting)."));
    }
}
