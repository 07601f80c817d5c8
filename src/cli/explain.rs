//! `quotelint explain CODE|NAME`: a rule's documentation.

use super::args::ExplainArgs;
use super::{print, EXIT_CLEAN, EXIT_ERROR};
use crate::fix::FixAvailability;
use crate::rules::{self, RuleMeta};

pub fn run(args: &ExplainArgs) -> i32 {
    let Some(rule) = rules::find(&args.rule) else {
        eprintln!("{}", unknown(&args.rule));
        return EXIT_ERROR;
    };
    if print(&page(rule.meta(), rule.fix_availability())) {
        EXIT_CLEAN
    } else {
        EXIT_ERROR
    }
}

/// The page `explain` prints: a title, the default severity, whether the
/// rule can fix what it finds, then the rule's own doc.
pub fn page(meta: &RuleMeta, fix: FixAvailability) -> String {
    format!(
        "# {} ({})\n\nDefault severity: {}\nFix: {}\n\n{}\n\n{}",
        meta.name,
        meta.code,
        meta.severity,
        fix.as_str(),
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
