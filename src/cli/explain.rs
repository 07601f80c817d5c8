//! `quotelint explain CODE|NAME`: a rule's documentation.

use super::args::ExplainArgs;
use super::{print, EXIT_CLEAN, EXIT_ERROR};
use crate::rules::{self, RuleMeta};

pub fn run(args: &ExplainArgs) -> i32 {
    let Some(rule) = rules::find(&args.rule) else {
        eprintln!("{}", unknown(&args.rule));
        return EXIT_ERROR;
    };
    if print(&page(rule.meta())) {
        EXIT_CLEAN
    } else {
        EXIT_ERROR
    }
}

/// The page `explain` prints: a title, the default severity, then the rule's own doc.
pub fn page(meta: &RuleMeta) -> String {
    format!(
        "# {} ({})\n\nDefault severity: {}\n\n{}\n\n{}",
        meta.name,
        meta.code,
        meta.severity,
        meta.summary,
        meta.doc.trim_start()
    )
}

fn unknown(query: &str) -> String {
    let close = rules::close_matches(query);
    let mut message = format!("error: unknown rule `{query}`");
    if close.is_empty() {
        message.push_str("\nrun `quotelint rules` to list every rule");
    } else {
        let names: Vec<String> = close.iter().map(|m| format!("{} ({})", m.code, m.name)).collect();
        message.push_str(&format!("\ndid you mean: {}", names.join(", ")));
    }
    message
}
