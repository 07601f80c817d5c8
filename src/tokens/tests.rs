use super::*;
use crate::markdown::Document;
use crate::quote::QuoteKind;
use crate::source::SourceFile;
use proptest::prelude::*;

#[test]
fn a_word_s_facts_stay_four_bytes() {
    // one per token of every block attribution reads: eight as four
    // fields, packed in one number since (see `WordFacts`)
    assert_eq!(std::mem::size_of::<super::WordFacts>(), 4);
    assert_eq!(std::mem::size_of::<crate::analysis::words::ProseWord>(), 6);
}

#[test]
fn a_token_and_its_sentence_label_stay_small() {
    // one of each for every word and mark of every draft: 32-bit offsets
    // and indices (with usize ones the tokens were a third of a draft's memory)
    fn item_size<T>(_: &[T]) -> usize {
        std::mem::size_of::<T>()
    }
    assert_eq!(std::mem::size_of::<super::Token>(), 8);
    let (b, r) = (super::BlockTokens::default(), super::Reading::default());
    assert_eq!((item_size(&r.sentence_of), item_size(&b.facts), item_size(&r.quote_tokens[..])), (4, 4, 8));
    // a block's tokens: two vectors and a pointer to what only attribution reads
    assert_eq!(std::mem::size_of::<super::BlockTokens>(), 56);
}

/// A draft's blocks, quotations and tokens as attribution reads them.
struct Tokenised {
    doc: Document,
    scan: crate::quote::ScanResult,
    tokens: DraftTokens,
}

impl Tokenised {
    fn of(text: &str) -> Self {
        let doc = crate::markdown::parse(text);
        let scan = crate::scan::scan(&doc);
        let tokens = DraftTokens::new(&doc, &scan.quotes, Lexicon::builtin());
        Tokenised { doc, scan, tokens }
    }
}

/// The idiom's tokens are found once, in any case, and nothing like it is.
#[test]
fn put_it_is_found_where_it_opens_the_idiom() {
    let text = "As Ruiz put it, “We rebuild.” As she PUTS IT, input it, put them, “Fine.” Put it so.\n";
    let tokens = Tokenised::of(text).tokens;
    let block = &tokens.blocks[0];
    let found: Vec<&str> =
        (0..block.toks.len() + 2).filter(|&i| block.put_it_at(i)).map(|i| block.toks[i].text(text)).collect();
    assert_eq!(found, ["put", "PUTS", "Put"]);
    assert!(!BlockTokens::default().put_it_at(0));
}

#[test]
fn the_rules_words_carry_the_verbs_the_tokens_looked_up() {
    let text = "“We rebuild,” said Ana Ruiz. Then the vote came.\n";
    let analysis = crate::analyze(SourceFile::new("d.md", text));
    let all = &Tokenised::of(text).tokens.blocks[0];
    let block = &analysis.doc.blocks[0].text;
    let said = analysis.words.block(0).iter().position(|w| &block[w.range()] == "said").expect("a word");
    let verb = analysis.words.verb(0, said);
    assert_eq!((all.toks[1].text(block), verb), ("said", all.facts[1].verb()));
    assert!(verb.is_some());
    assert_eq!(all.lower(5, block), "then");
    assert_eq!((all.sentence_of().len(), all.quote_token(0)), (10, Some(0)));
}

fn words_of(b: &BlockTokens, text: &str, s: Sentence) -> Vec<String> {
    (s.lo..s.hi).map(|i| b.toks[i].text(text).to_string()).collect()
}

#[test]
fn a_quote_and_its_attribution_share_a_sentence() {
    let a = Tokenised::of("“We rebuild. We reopen,” she said. Then the vote came.\n");
    let block = &a.doc.blocks[0];
    let b = &a.tokens.blocks[0];
    let q = b.quote_token(0).expect("the quote is a token");
    assert_eq!(q, 0);
    assert_eq!(words_of(b, &block.text, b.sentence(q)), ["“We rebuild. We reopen,”", "she", "said", "."]);
    assert_eq!(words_of(b, &block.text, b.sentence(4)), ["Then", "the", "vote", "came", "."]);
    assert_eq!(b.lower(4, &block.text), "then");
    let said = b.facts[2].verb().and_then(|id| Lexicon::builtin().verb_by_id(id));
    assert_eq!(said.map(|v| &*v.lemma), Some("say"));
    assert!(b.quote_token(1).is_none());
}

#[test]
fn a_word_s_facts_read_back_as_packed() {
    let lex = Lexicon::builtin_for(crate::lexicon::Language::Fr);
    let said = Lexicon::builtin().verb_id("said");
    let gloss = lex.gloss_id("il");
    assert!(said.is_some() && gloss.is_some());
    for verb in [None, said] {
        for gloss in [None, gloss, Some(crate::lexicon::GlossId::from_index(u8::MAX))] {
            for (title, role) in [(false, false), (true, false), (false, true), (true, true)] {
                for (capital, head, generic) in [(false, false, true), (true, true, false), (true, false, true)] {
                    let f = WordFacts::new(verb, title, role, gloss)
                        .with_capital(capital)
                        .with_organisation(head, generic);
                    let read =
                        (f.verb(), f.title(), f.role(), f.gloss(), f.capital(), f.org_head(), f.generic_org());
                    assert_eq!(read, (verb, title, role, gloss, capital, head, generic));
                    assert!(!f.with_capital(false).capital() && f.with_capital(true).capital());
                }
            }
        }
    }
    assert_eq!(WordFacts::default(), WordFacts::new(None, false, false, None));
}

#[test]
fn one_lookup_gives_each_word_the_facts_of_asking_each_list() {
    let text = "Sen. Ana Ruiz, the spokeswoman, said officials told Reuters. “No,” the Secretary's \
                aides SAID; Élysée officials’ PRESIDENT Gov said... Boss bosses mr. Mr. President’s";
    for language in [crate::lexicon::Language::En, crate::lexicon::Language::Fr] {
        let lex = Lexicon::builtin_for(language);
        let doc = crate::markdown::parse(text);
        let block = &doc.blocks[0];
        let lower = block.text.to_ascii_lowercase();
        let (mut titles, mut roles, mut verbs) = (0, 0, 0);
        for t in tokenize(block, &[], lex).iter().filter(|t| t.is_word()) {
            let (word, low) = (t.text(&block.text), t.text(&lower));
            let facts = WordFacts::of(word, low, lex);
            let capital = crate::lexicon::chars::starts_capitalised(word);
            assert_eq!(facts, WordFacts::one_list_at_a_time(word, low, lex).with_capital(capital), "{word:?}");
            titles += usize::from(facts.title());
            roles += usize::from(facts.role());
            verbs += usize::from(facts.verb().is_some());
        }
        if language == crate::lexicon::Language::En {
            assert!(titles >= 3 && roles >= 3 && verbs >= 3, "{titles} {roles} {verbs}");
        }
    }
}

fn letters_and_listed_words() -> impl Strategy<Value = String> {
    let listed = prop::sample::select(vec![
        "said",
        "Said",
        "SAID",
        "told",
        "says",
        "Sen",
        "sen",
        "President",
        "president",
        "officials",
        "Officials",
        "spokeswoman",
        "boss",
        "bosses",
        "ministry",
        "Ministry",
        "police",
        "il",
        "Il",
        "elle",
        "dit",
        "a",
        "A",
        "the",
        "ss",
        "s",
        "Mr",
        "mr",
        "Gov",
        "governor",
        "Governors",
        "al",
    ]);
    prop_oneof![listed.prop_map(String::from), "[a-zA-Z]{1,12}", "[a-z]{0,6}(s|ss|S|SS)"]
}

proptest! {
    /// A word of ASCII letters is given, without the checks and folding
    /// any other word needs, the facts the general path gives it.
    #[test]
    fn a_word_of_letters_has_the_facts_of_any_word(word in letters_and_listed_words()) {
        let lower = word.to_ascii_lowercase();
        for language in [crate::lexicon::Language::En, crate::lexicon::Language::Fr] {
            let lex = Lexicon::builtin_for(language);
            let general = WordFacts::of_any(&word, &lower, lex);
            prop_assert_eq!(WordFacts::of(&word, &lower, lex), general);
            let fast = WordFacts::of_letters(word.as_bytes(), lower.as_bytes(), lex);
            prop_assert_eq!(fast.is_some(), !lower.ends_with("ss"), "{:?}", word);
            // a lower-case form that is not one (the caller's mistake) is left to the general path
            prop_assert!(WordFacts::of_letters(word.as_bytes(), word.to_ascii_uppercase().as_bytes(), lex).is_none());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    /// A plain word read through the cache has the facts the lists give
    /// it, whatever words were read before it: the same word in other
    /// cases, and more words than the cache holds.
    #[test]
    fn a_cached_word_has_the_facts_the_lists_give(
        words in prop::collection::vec(letters_and_listed_words(), 0..1200)
    ) {
        for language in [crate::lexicon::Language::En, crate::lexicon::Language::Fr] {
            let lex = Lexicon::builtin_for(language);
            // (each language's cache its own: no word the other met is read)
            let cache = FactsCache::default();
            for word in words.iter().filter(|w| !w.is_empty()) {
                let lower = word.to_ascii_lowercase();
                let cached = cache.with(|slots| slots.of_plain(word.as_bytes(), lower.as_bytes(), lex));
                prop_assert_eq!(cached, WordFacts::of_letters(word.as_bytes(), lower.as_bytes(), lex), "{:?}", word);
            }
        }
    }
}

#[test]
fn the_facts_of_letters_are_those_the_lists_give() {
    let lex = Lexicon::builtin();
    let of =
        |w: &str| WordFacts::of_letters(w.as_bytes(), w.to_ascii_lowercase().as_bytes(), lex).expect("letters");
    assert!(of("said").verb().is_some() && !of("said").capital());
    assert!(of("President").title() && of("President").capital() && !of("president").title());
    assert!(of("officials").role() && of("Spokeswoman").role());
    assert_eq!(WordFacts::of_letters(b"U.S", b"u.s", lex), None);
    assert_eq!(WordFacts::of_letters(b"bosss", b"bosss", lex), None);
    let fr = Lexicon::builtin_for(crate::lexicon::Language::Fr);
    let il = WordFacts::of_letters(b"Il", b"il", fr).expect("letters");
    assert_eq!(il.gloss().map(|g| fr.gloss(g)), Some("he"));
}

/// The tokens of a block that open "put it" or "puts it", read token by
/// token: the reference [`read_words`]'s single pass is tested against.
fn put_it_tokens(
    toks: &[Token],
    facts: &[WordFacts],
    (lowered, text): (&Lowered, &str),
    lex: &Lexicon,
) -> Vec<u32> {
    let glossed = |i: usize| facts.get(i).and_then(|f| f.gloss());
    let read = |i: usize| match (glossed(i), toks.get(i)) {
        (Some(gloss), _) => lex.gloss(gloss),
        (None, Some(t)) => lowered.get(i, t, text),
        (None, None) => "",
    };
    (0u32..)
        .zip(toks)
        .filter(|&(n, _)| matches!(read(n as usize), "put" | "puts") && read(n as usize + 1) == "it")
        .map(|(n, _)| n)
        .collect()
}

proptest! {
    /// One pass gives each token the facts [`WordFacts::of`] gives it,
    /// and finds the "put it" a walk over the tokens finds.
    #[test]
    fn words_read_in_one_pass_are_read_as_token_by_token(text in crate::tokens::drafts_of(
        "Put |it|puts |IT |put|input |it. |Il |met |l’AFP |Ana |Ruiz’s |U.S. |bosses |boss |officials |SAID |said, |\u{e9}t\u{e9} |x|\n|“Q,” |3pm |", 40)) {
        let doc = crate::markdown::parse(&text);
        for language in [crate::lexicon::Language::En, crate::lexicon::Language::Fr] {
            let lex = Lexicon::builtin_for(language);
            for block in &doc.blocks {
                let toks = tokenize(block, &[], lex);
                // a long block's lower-case forms are sparse: its prefix is read as the block is
                let long = block.text.repeat(LONG_BLOCK / block.text.len().max(1) + 1);
                for text in [&*block.text, &*long] {
                    let lowered = Lowered::of(text, &toks);
                    let (facts, put_it) = read_words(&toks, (&lowered, text), (lex, &FactsCache::default()));
                    let each: Vec<WordFacts> = toks.iter().enumerate().map(|(i, t)| if t.is_word() {
                        WordFacts::of(t.text(text), lowered.get(i, t, text), lex)
                    } else { WordFacts::default() }).collect();
                    prop_assert_eq!(&facts, &each);
                    prop_assert_eq!(put_it, put_it_tokens(&toks, &facts, (&lowered, text), lex));
                }
            }
        }
    }
}

/// A long paragraph's tokens hold the lower-case forms of its capitalised
/// words only: a lower-case copy of the whole paragraph was held while
/// attribution read it (at 8 MB without full stops: 88 -> 83 MB).
#[test]
fn a_long_paragraph_s_tokens_hold_no_lower_case_copy_of_it_nor_sentence_labels() {
    use crate::{budget, markdown};
    let piece = |k: usize| {
        let name = if k % 3 == 0 { "Ana Ruiz" } else { "the board" };
        format!("the harbour commission considered recommendations from {name} and ")
    };
    let text: String = (0..3_000).map(piece).collect();
    let doc = markdown::parse(&text);
    let _budget = budget::enter(budget::Limits { memory: None, time: None });
    let tokens = BlockTokens::new(&doc.blocks[0], &[], Lexicon::builtin());
    let held = budget::used();
    // 8 bytes a token and 4 of what the word lists say of it; the forms
    // of "Ana Ruiz" and their index are under a third of the text, a copy
    // of it is all of it, and a sentence label a token 4 bytes more (as
    // are 12-byte tokens: a token's kind or quote index held apart)
    let (n, bytes) = (tokens.toks.len() as u64, text.len() as u64);
    assert!(held >= 12 * n, "{held} bytes for {n} tokens");
    assert!(held <= 12 * n + bytes / 3 + 4096, "{held} bytes for {n} tokens of {bytes} bytes");
}

#[test]
fn a_long_block_s_sentences_are_found_without_labels() {
    let piece = "Ana Ruiz said no. “We rebuild. We reopen,” she said. The vote came, and then ";
    let text = piece.repeat(LONG_BLOCK / piece.len() + 1) + "“Q. R.” x";
    let a = Tokenised::of(&text);
    let (b, block) = (&a.tokens.blocks[0], &a.doc.blocks[0]);
    assert!(b.sentence_of().is_empty(), "a long block keeps no labels");
    let ranges = crate::sentences::split_with(&block.text, Lexicon::builtin());
    let labels: Vec<u32> = sentence_labels(&b.toks, &ranges);
    for i in 0..b.toks.len() + 2 {
        let s = labels.get(i).copied().unwrap_or(0);
        let lo = labels.iter().position(|&x| x == s).unwrap_or(0);
        let hi = labels.iter().rposition(|&x| x == s).map_or(b.toks.len(), |p| p + 1);
        assert!(hi - lo <= MAX_SENTENCE_TOKENS, "the sentences are short");
        assert_eq!(b.sentence(i), Sentence { lo, hi }, "token {i}");
    }
    assert!(b.sentences().count() > 1000);
}

#[test]
fn a_sentence_without_end_is_read_in_pieces() {
    let text = "and the council met ".repeat(200);
    let a = Tokenised::of(&text);
    let b = &a.tokens.blocks[0];
    assert_eq!(b.toks.len(), 800);
    let piece = |i| b.sentence(i);
    assert_eq!(piece(0), Sentence { lo: 0, hi: MAX_SENTENCE_TOKENS });
    assert_eq!(piece(MAX_SENTENCE_TOKENS - 1), piece(0));
    assert_eq!(piece(MAX_SENTENCE_TOKENS), Sentence { lo: MAX_SENTENCE_TOKENS, hi: 2 * MAX_SENTENCE_TOKENS });
    assert_eq!(piece(799), Sentence { lo: 2 * MAX_SENTENCE_TOKENS, hi: 800 });
    // past the end: the first sentence's first piece
    assert_eq!(piece(900), piece(0));
}

fn draft() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "the", "Mayor", "Ana", "Ruiz", "said", "told", "Reuters", ".", ",", "?", " ", " ", "\n", "\n\n", "“", "”",
        "\"", "‘", "’", "U.S.", "Sen.", "…", "she", "—",
    ]);
    prop::collection::vec(piece, 0..120).prop_map(|p| p.join(" "))
}

proptest! {
    /// The indexed lookups answer what a walk over the labels answers.
    #[test]
    fn sentence_and_quote_token_match_a_linear_walk(text in draft()) {
        let a = Tokenised::of(&text);
        for (n, b) in a.tokens.blocks.iter().enumerate() {
            for i in 0..b.toks.len() + 2 {
                let s = b.sentence_of().get(i).copied().unwrap_or(0);
                let lo = b.sentence_of().iter().position(|&x| x == s).unwrap_or(0);
                let hi = b.sentence_of().iter().rposition(|&x| x == s).map_or(b.toks.len(), |p| p + 1);
                prop_assert!(hi - lo <= MAX_SENTENCE_TOKENS, "the generated drafts have short sentences");
                prop_assert_eq!(b.sentence(i), Sentence { lo, hi });
            }
            // the quote index each token had as a field, read from the quotation ranges
            let ranges: Vec<(usize, usize)> = a.scan.quotes.iter().enumerate()
                .filter(|(_, q)| q.depth == 0 && q.kind != QuoteKind::Block)
                .flat_map(|(id, q)| q.parts.iter().filter(|p| p.block() == n).map(move |p| (id, p.outer().start)))
                .collect();
            let field = |t: &Token| ranges.iter().find(|&&(_, s)| s == t.start as usize).map(|&(id, _)| id);
            let old: Vec<Option<usize>> = b.toks.iter().map(|t| field(t).filter(|_| t.is_quote())).collect();
            for i in 0..b.toks.len() + 2 {
                prop_assert_eq!(b.quote_at(i), old.get(i).copied().flatten(), "token {}", i);
            }
            for id in 0..a.scan.quotes.len() + 1 {
                let linear = old.iter().position(|&q| q == Some(id));
                prop_assert_eq!(b.quote_token(id), linear);
            }
        }
    }
}

/// A token as it was held: three numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fields {
    start: u32,
    end: u32,
    kind: TokKind,
}

fn lengths() -> impl Strategy<Value = u32> {
    prop_oneof![0u32..64, LONG - 3..=LONG + 3, any::<u32>()]
}

proptest! {
    /// The packed token reads as the fields it was made of; one longer
    /// than its bits hold says so, and keeps its start and kind.
    #[test]
    fn a_packed_token_reads_as_its_fields(
        start in prop_oneof![0u32..1000, any::<u32>()],
        len in lengths(),
        kind in prop::sample::select(vec![TokKind::Word, TokKind::Punct, TokKind::Quote]),
    ) {
        let end = u64::from(start) + u64::from(len);
        prop_assume!(end <= u64::from(u32::MAX));
        let old = Fields { start, end: end as u32, kind };
        let t = Token::new(start as usize, end as usize, kind);
        prop_assert_eq!(t.is_long(), len >= LONG);
        prop_assert_eq!((t.start, t.kind()), (old.start, old.kind));
        prop_assert_eq!((t.is_word(), t.is_quote()), (kind == TokKind::Word, kind == TokKind::Quote));
        if !t.is_long() {
            prop_assert_eq!(Fields { start: t.start, end: t.end(), kind: t.kind() }, old);
            prop_assert_eq!(t.range(), start as usize..end as usize);
        }
    }
}

/// A quotation longer than a token's length holds (only a block of a
/// gigabyte has one) makes its block read as having no tokens, as a
/// block past 4 GiB is, rather than tokens with a wrong end.
#[test]
fn a_block_with_a_token_too_long_to_hold_is_not_read() {
    let doc = crate::markdown::parse("“We rebuild,” said Ana Ruiz.\n");
    let block = &doc.blocks[0];
    let fits = [(0, 0..16)];
    assert_eq!(BlockTokens::new(block, fits, Lexicon::builtin()).quote_token(0), Some(0));
    for end in [LONG as usize, LONG as usize + 1, 1 << 31, u32::MAX as usize] {
        let (toks, _) = split::tokenize_quoted(block, [(0, 0..end)], Lexicon::builtin());
        assert!(toks[0].is_long(), "{end}");
        let b = BlockTokens::new(block, [(0, 0..end)], Lexicon::builtin());
        assert!(b.toks.is_empty() && b.quote_token(0).is_none() && b.quote_at(0).is_none());
    }
    let just = Token::new(7, 7 + LONG as usize - 1, TokKind::Quote);
    assert_eq!((just.is_long(), just.end()), (false, 7 + LONG - 1));
}

/// Quotation parts out of quote order are found by index all the same.
#[test]
fn quotations_out_of_order_are_found_by_index() {
    let text = "“A,” b “C,” d “E,” f “G.”\n";
    let doc = crate::markdown::parse(text);
    let block = &doc.blocks[0];
    let at = |q: &str| block.text.find(q).expect("a quote");
    let part = |id: usize, q: &str| (id, at(q)..at(q) + q.len());
    let parts = [part(5, "“A,”"), part(2, "“C,”"), part(5, "“E,”"), part(0, "“G.”")];
    let b = BlockTokens::new(block, parts.clone(), Lexicon::builtin());
    let quote_tokens: Vec<usize> = (0..b.toks.len()).filter(|&i| b.toks[i].is_quote()).collect();
    assert_eq!(quote_tokens, [0, 2, 4, 6]);
    let ids: Vec<Option<usize>> = quote_tokens.iter().map(|&i| b.quote_at(i)).collect();
    assert_eq!(ids, [Some(5), Some(2), Some(5), Some(0)]);
    assert_eq!((b.quote_token(0), b.quote_token(2), b.quote_token(5)), (Some(6), Some(2), Some(0)));
    assert_eq!((b.quote_token(1), b.quote_token(6), b.quote_at(1)), (None, None, None));
}

/// A paragraph of short quotations joined by "and" (the shape whose
/// tokens set the peak of 8 MB of them): a quotation and a word each,
/// 8 bytes a token, 4 of facts, and 8 a quotation for its index. As
/// `start, end, kind` the tokens took 40 bytes a quotation, not 32.
#[test]
fn a_paragraph_of_quotations_holds_eight_bytes_a_token() {
    let piece = "“We rebuild,” and ";
    let (text, parts) = repeated_quotes(piece, piece.find(" and").unwrap_or(0), LONG_BLOCK);
    let (doc, n) = (crate::markdown::parse(&text), parts.len());
    let (tokens, held) = crate::budget::held_by(|| BlockTokens::new(&doc.blocks[0], &parts, Lexicon::builtin()));
    assert_eq!((tokens.toks.len(), tokens.quote_token(n - 1)), (2 * n, Some(2 * n - 2)));
    let n = n as u64;
    assert!(held >= 32 * n, "{held} bytes for {n} quotations");
    assert!(held <= 34 * n + 4096, "{held} bytes for {n} quotations");
}
