//! `quotelint quotes`: every quotation with its attribution.

use super::args::{QuotesArgs, QuotesFormat};
use super::{input, print, EXIT_CLEAN, EXIT_ERROR};
use crate::analysis::analyze;
use crate::render::{quotes_json, quotes_table};

pub fn run(args: &QuotesArgs) -> i32 {
    let mut outcome = input::process(&args.inputs, analyze);
    // Deterministic output whatever the argument order, as for `check`.
    outcome.results.sort_by(|a, b| a.file.path.cmp(&b.file.path));
    let out = match args.format {
        QuotesFormat::Table => quotes_table::render(&outcome.results),
        QuotesFormat::Json => quotes_json::render(&outcome.results),
    };
    // Listing quotes is not a finding: exit 0 unless something went wrong.
    if print(&out) && !outcome.failed {
        EXIT_CLEAN
    } else {
        EXIT_ERROR
    }
}
