//! One draft through the whole pipeline.

pub mod lookup;

use crate::attribution::{self, Attribution};
use crate::budget;
use crate::formats;
use crate::lexicon::Lexicon;
use crate::markdown::{self, Document};
use crate::quote::ScanResult;
use crate::scan;
use crate::settings::Settings;
use crate::source::SourceFile;
use crate::tokens::DraftTokens;
use lookup::Lookups;

/// Everything known about one draft; rules and printers read this.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub file: SourceFile,
    pub doc: Document,
    pub scan: ScanResult,
    /// Every prose block tokenised once, quotations as single tokens.
    pub tokens: DraftTokens,
    /// One attribution per quote in `scan.quotes`, in the same order.
    pub attributions: Vec<Attribution>,
    /// Indexes the rules share, built on first use (see [`lookup`]).
    pub lookups: Lookups,
}

/// Analyses a draft with the built-in word lists.
pub fn analyze(file: SourceFile) -> Analysis {
    analyze_with_lexicon(file, Lexicon::builtin(), &[])
}

/// Analyses a draft with the word lists of its configuration.
pub fn analyze_with(file: SourceFile, settings: &Settings) -> Analysis {
    analyze_with_lexicon(file, settings.lexicon(), &settings.prose_tags)
}

fn analyze_with_lexicon(file: SourceFile, lexicon: &Lexicon, prose_tags: &[String]) -> Analysis {
    // each stage ends at a checkpoint of the draft's memory and time budget
    let doc = formats::parse(&file, markdown::ParseOptions::for_path(&file.path, prose_tags));
    budget::checkpoint();
    let mut scan = scan::scan(&doc);
    budget::checkpoint();
    let tokens = DraftTokens::new(&doc, &scan.quotes, lexicon);
    budget::checkpoint();
    let attributions = attribution::attribute(&doc, &tokens, &mut scan.quotes, lexicon);
    budget::checkpoint();
    Analysis { file, doc, scan, tokens, attributions, lookups: Lookups::default() }
}
