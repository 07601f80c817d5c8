//! The quotation scanner.

use crate::markdown::Document;
use crate::quote::ScanResult;

pub fn scan(_doc: &Document) -> ScanResult {
    ScanResult::default()
}
