//! One draft through the whole pipeline.

pub mod lookup;
pub mod words;

use crate::attribution::{self, Attributions};
use crate::budget;
use crate::formats;
use crate::lexicon::{Language, Lexicon};
use crate::markdown::{self, Document};
use crate::quote::ScanResult;
use crate::scan;
use crate::settings::Settings;
use crate::source::SourceFile;
use crate::tokens::TokenWindow;
use lookup::Lookups;
use words::ProseWords;

/// Everything known about one draft; rules and printers read this.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub file: SourceFile,
    pub doc: Document,
    pub scan: ScanResult,
    /// The words of every block, read from the tokens (see [`words`]).
    pub words: ProseWords,
    /// One attribution per quote in `scan.quotes`, in the same order.
    pub attributions: Attributions,
    /// Indexes the rules share, built on first use (see [`lookup`]).
    pub lookups: Lookups,
    /// The language the draft was read in: its own declaration, else the config's.
    pub language: Language,
}

impl Analysis {
    /// Frees what only the rules read (the prose blocks, quotations,
    /// attributions, words and indexes), keeping the file, its front matter
    /// and its comments: all that vetting fixes reads (see
    /// [`crate::suppression::check_owned`]).
    pub fn keep_for_vetting(&mut self) {
        self.doc.blocks = Vec::new();
        self.doc.signatures = Vec::new();
        self.doc.blockquotes = Vec::new();
        self.scan = ScanResult::default();
        self.attributions = Attributions::default();
        self.words = ProseWords::default();
        self.lookups = Lookups::default();
    }

    /// Frees the quotations, attributions, words and indexes, keeping the
    /// file and its parsed document: what the fixer reads once the rules ran.
    pub fn keep_for_fixing(&mut self) {
        self.scan = ScanResult::default();
        self.attributions = Attributions::default();
        self.keep_for_report();
    }

    /// Frees the words and the rules' indexes, keeping what the report
    /// page reads (the prose blocks, quotations and attributions).
    pub fn keep_for_report(&mut self) {
        self.words = ProseWords::default();
        self.lookups = Lookups::default();
    }
}

/// Analyses a draft with the built-in word lists.
pub fn analyze(file: SourceFile) -> Analysis {
    let doc = formats::parse(&file, markdown::ParseOptions::for_path(&file.path, &[]));
    let language = declared_language(&file, &doc).unwrap_or_default();
    read_draft(file, doc, Lexicon::builtin_for(language), language, Stages::Rules)
}

/// Analyses a draft with the word lists of its configuration, in the
/// language the draft declares (front matter `lang: fr`, `<html lang>`, a
/// Word document's language), else the configuration's `language`.
pub fn analyze_with(file: SourceFile, settings: &Settings) -> Analysis {
    read_with(file, settings, Stages::Rules)
}

/// [`analyze_with`] for listing quotes and speakers, not for the rules:
/// [`Analysis::words`], the rules' table of the draft's words (a tenth of
/// the work on news), is left empty.
pub fn attribute_with(file: SourceFile, settings: &Settings) -> Analysis {
    read_with(file, settings, Stages::Attribution)
}

/// [`read_draft`] with the word lists and language of `settings` (see [`analyze_with`]).
fn read_with(file: SourceFile, settings: &Settings, stages: Stages) -> Analysis {
    let doc = formats::parse(&file, markdown::ParseOptions::for_path(&file.path, &settings.prose_tags));
    let language = declared_language(&file, &doc).unwrap_or(settings.language);
    read_draft(file, doc, settings.lexicon_for(language), language, stages)
}

/// How far [`read_draft`] goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stages {
    /// Quotations and their attributions.
    Attribution,
    /// Those, and the words the rules read.
    Rules,
}

fn declared_language(file: &SourceFile, doc: &Document) -> Option<Language> {
    formats::declared_language(file, doc).and_then(Language::from_tag)
}

/// Each stage ends at a checkpoint of the draft's memory and time budget.
/// What a stage leaves that no later stage reads is dropped as soon as it
/// is done, and what is kept is kept without the room of vectors grown one
/// push at a time: the rules run while all of it is held.
fn read_draft(
    file: SourceFile,
    mut doc: Document,
    lexicon: &Lexicon,
    language: Language,
    stages: Stages,
) -> Analysis {
    budget::checkpoint();
    shrink_document(&mut doc);
    // a block that is its source bytes reads them from the file, which is held anyway
    doc.blocks.iter_mut().for_each(|b| b.share_file(&file.text));
    let mut scan = scan::scan(&doc);
    scan.quotes.shrink_to_fit();
    scan.problems.shrink_to_fit();
    budget::checkpoint();
    // the rules read words, not tokens: each block's tokens become its
    // words as soon as attribution is done with them
    let quoted = lookup::QuotedRanges::of(&scan.quotes, doc.blocks.len());
    let mut words = ProseWords::with_blocks(if stages == Stages::Rules { &doc.blocks } else { &[] });
    let mut tokens = TokenWindow::new(&doc, &scan.quotes, lexicon, |b, tokens| {
        if stages == Stages::Rules {
            words.push(b, doc.blocks.get(b), quoted.block(b), &tokens, lexicon);
        }
    });
    budget::checkpoint();
    let attributions = attribution::attribute(&doc, &mut tokens, &mut scan.quotes, lexicon);
    tokens.finish();
    words.finish();
    budget::checkpoint();
    // attribution's tokens are gone: their pages go back before the rules grow findings
    crate::heap::give_back_free_pages(file.text.len());
    let lookups = Lookups::with_quoted(quoted);
    Analysis { file, doc, scan, words, attributions, lookups, language }
}

fn shrink_document(doc: &mut Document) {
    // each block's text and map were kept at their size when it was read
    doc.blocks.shrink_to_fit();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listing_quotes_reads_them_as_checking_does_without_the_words() {
        let draft = "“The ferry runs at dawn,” said Mayor Ana Ruiz. She added: “Not on Sundays.”\n\n\
            Officials said the fares would rise, according to a council statement.\n";
        let settings = Settings::default();
        let file = || SourceFile::new("d.md", draft);
        let (listed, checked) = (attribute_with(file(), &settings), analyze_with(file(), &settings));
        assert_eq!(format!("{:?}", listed.scan), format!("{:?}", checked.scan));
        assert_eq!(format!("{:?}", listed.attributions), format!("{:?}", checked.attributions));
        assert!(listed
            .attributions
            .iter()
            .any(|a| a.speaker.as_ref().and_then(|s| s.name.as_deref()) == Some("Ana Ruiz")));
        assert_eq!((listed.words.blocks(), checked.words.blocks()), (0, 2));
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Line feeds pushed as the source bytes they are (their blocks
        /// mapped by fewer pieces) give the findings, quotations and
        /// attributions that line feeds standing for their source gave.
        #[test]
        fn line_feeds_as_source_bytes_change_no_finding(draft in crate::tokens::drafts_of(
            concat!(
                "“We rebuild the pier,” |said |Ana Ruiz|Bram Balo |she |, |. |told Reuters|the council |",
                "  \n|  \n|   \n| \n|\n|\\\n|\n\n|> |- |<q>a  \nb</q> |&amp; |“|”|\"|according to |",
                "Officials said |— Jo Ng|\t\n|very unique |{{ t }} |\r\n|*x* ",
            ),
            60,
        )) {
            let settings = Settings::default();
            let read = || {
                let analysis = analyze_with(SourceFile::new("d.md", draft.as_str()), &settings);
                let quotes: Vec<_> =
                    analysis.scan.quotes.iter().map(|q| (q.span(), q.kind, q.text(&analysis.doc).into_owned())).collect();
                let found = crate::suppression::check(&analysis, &settings);
                (format!("{found:?}"), format!("{quotes:?}"), format!("{:?}", analysis.attributions))
            };
            let (now, before) = (read(), crate::markdown::breaks_as_before::with(read));
            prop_assert_eq!(now.0, before.0);
            prop_assert_eq!(now.1, before.1);
            prop_assert_eq!(now.2, before.2);
        }
    }

    /// `draft` parsed as the analysis keeps it, and the bytes that holds.
    fn parsed_and_held(draft: &str) -> (Document, u64) {
        crate::budget::held_by(|| {
            let mut doc = crate::markdown::parse(draft);
            super::shrink_document(&mut doc);
            doc
        })
    }

    #[test]
    fn a_long_paragraph_s_map_is_held_in_a_few_bytes() {
        // one paragraph of 20,000 lines, counted by this thread's allocator:
        // the text and one piece, where a piece for each line and each line
        // feed took 32 bytes a line
        let draft = "“The ferry runs at dawn,” said Ana Ruiz\n".repeat(20_000);
        let (doc, held) = parsed_and_held(&draft);
        assert!(doc.blocks.len() == 1 && held < draft.len() as u64 + 4096, "{held} bytes for {}", draft.len());
    }

    /// A paragraph whose lines end in spaces (hard breaks, or a stray space
    /// before a soft one) keeps them, so its text is the file's own bytes:
    /// once shared it holds no copy, and one piece maps it. (A copy without
    /// the spaces, mapped by three pieces a line, was the largest thing an
    /// 8 MB draft of hard-broken lines held beside the file.)
    #[test]
    fn a_hard_broken_paragraph_shares_the_file() {
        for end in ["  \n", " \n", "   \n"] {
            let draft = format!("“The ferry runs at dawn,” said Ana Ruiz{end}").repeat(20_000);
            let file = std::sync::Arc::new(draft.clone());
            let (doc, held) = crate::budget::held_by(|| {
                let (mut doc, _) = parsed_and_held(&draft);
                doc.blocks.iter_mut().for_each(|b| b.share_file(&file));
                doc
            });
            let b = &doc.blocks[0];
            assert!(doc.blocks.len() == 1 && b.breaks_kept() && b.text.is_shared(), "{end:?}");
            assert_eq!(b.map.piece_count(), 1, "{end:?}");
            assert!(held < 4096, "{held} bytes held for {} of {end:?} lines", draft.len());
        }
    }

    #[test]
    fn a_draft_s_blocks_are_held_in_a_few_bytes_besides_their_text() {
        let line = "The ferry runs at dawn, the council said.";
        let draft = format!("{line}\n\n").repeat(20_000);
        let (doc, held) = parsed_and_held(&draft);
        assert_eq!(doc.blocks.len(), 20_000);
        // counted by this thread's allocator: 108 bytes a block besides its
        // text while a block's map was a vector and its offsets eight bytes,
        // 64 with one piece in place
        let per_block = held / 20_000 - line.len() as u64;
        assert!(per_block < 80, "{held} bytes held by 20,000 blocks ({per_block} a block besides the text)");
    }
}
