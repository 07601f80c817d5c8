//! What attribution keeps for reuse (the subjects of verbs, the channel a
//! sentence states) against the oracle of reading every answer afresh.

use super::attribute_with;
use crate::attribution::Attributions;
use crate::lexicon::Lexicon;
use crate::quote::QuoteKind;
use crate::tokens::TokenWindow;
use proptest::prelude::*;

/// Pieces of wire copy: quotations, speakers, verbs of speech and their
/// channels, clauses, hard line breaks and stops, to be put in any order.
const PIECES: &[&str] = &[
    "“The ferry will run on Friday,” ",
    "“We will see,” ",
    "“nothing is settled” ",
    "said Dana Reyes",
    "Reyes said ",
    "she said",
    "he told reporters ",
    "told AFP ",
    "in a statement ",
    ", ",
    " and ",
    " but ",
    "; ",
    ": ",
    "  \n",
    ". ",
    "\n\n",
    "The mayor, who said ",
    "Tim Brown, a councillor, added ",
    "according to a source close to the talks, ",
    "officials say ",
    "the board ",
    "Mr. Kim ",
    "asked ",
    "saying ",
    "the plan ",
];

/// Each quotation's attribution and kind, read with memos or afresh.
fn attributed(draft: &str, fresh: bool) -> (Attributions, Vec<QuoteKind>) {
    let doc = crate::markdown::parse(draft);
    let mut scan = crate::scan::scan(&doc);
    let lex = Lexicon::builtin();
    let mut tokens = TokenWindow::new(&doc, &scan.quotes, lex, |_, _| {});
    let out = attribute_with(&doc, &mut tokens, &mut scan.quotes, lex, fresh);
    (out, scan.quotes.iter().map(|q| q.kind).collect())
}

proptest! {
    #[test]
    fn remembered_answers_attribute_as_fresh_ones_do(
        pieces in prop::collection::vec(0..PIECES.len(), 1..160)
    ) {
        let draft: String = pieces.into_iter().map(|k| PIECES[k]).collect();
        prop_assert_eq!(attributed(&draft, false), attributed(&draft, true));
    }
}

#[test]
fn a_sentence_of_quotations_reads_as_it_did_without_memos() {
    // no full stop: one sentence, each quotation asking of every verb before it
    let draft = "“The ferry will run,” said Dana Reyes in a statement  \n\
                 “We will see,” Tim Brown told AFP  \n\
                 “It is late,” she said  \n\
                 “Nothing is settled,” said Mr. Kim\n";
    let (with_memos, kinds) = attributed(draft, false);
    assert_eq!((with_memos.clone(), kinds), attributed(draft, true));
    assert_eq!(with_memos.len(), 4);
    assert!(with_memos.iter().all(|a| a.speaker.is_some()));
    let first = &with_memos[0];
    assert_eq!(first.speaker.as_ref().map(|s| &*s.mention), Some("Dana Reyes"));
    assert_eq!(first.channel.as_ref().map(|c| &*c.text), Some("in a statement"));
}
