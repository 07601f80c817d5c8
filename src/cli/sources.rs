//! `quotelint sources`: the people and organisations quoted in each draft.

use super::args::{QuotesFormat, SourcesArgs};
use super::{input, print, EXIT_CLEAN, EXIT_ERROR};
use crate::analysis::analyze;
use crate::render::sources;

pub fn run(args: &SourcesArgs) -> i32 {
    let mut outcome = input::process(&args.inputs, analyze);
    outcome.results.sort_by(|a, b| a.file.path.cmp(&b.file.path));
    let out = match args.format {
        QuotesFormat::Table => sources::render_table(&outcome.results),
        QuotesFormat::Json => sources::render_json(&outcome.results),
    };
    if print(&out) && !outcome.failed {
        EXIT_CLEAN
    } else {
        EXIT_ERROR
    }
}
