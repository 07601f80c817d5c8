//! One draft through the whole pipeline.

use crate::markdown::{self, Document};
use crate::quote::ScanResult;
use crate::scan;
use crate::source::SourceFile;

/// Everything known about one draft; rules and printers read this.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub file: SourceFile,
    pub doc: Document,
    pub scan: ScanResult,
}

pub fn analyze(file: SourceFile) -> Analysis {
    let doc = markdown::parse(&file.text);
    let scan = scan::scan(&doc);
    Analysis { file, doc, scan }
}
