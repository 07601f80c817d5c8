//! The rule registry, modelled on Ruff: every rule is a type with static
//! metadata (code, name, severity, documentation) and a `check` function over
//! one [`Analysis`]. Each rule lives in its own file with its documentation.
//!
//! Code families: `QA` attribution, `QN` names, `QP` provenance, `QF` quotation form,
//! `QS` suppression comments.
//! Once released, a code keeps its meaning forever.

mod anonymous_without_reason;
mod bystander_speaker;
mod ellipsis_style;
mod first_reference_incomplete;
mod helpers;
mod inconsistent_name_spelling;
mod insertion_in_parentheses;
mod late_attribution;
mod loaded_attribution_verb;
mod misattributed_quote;
mod misquote;
mod mixed_attribution_tense;
mod mixed_quote_style;
mod mixed_speakers_in_paragraph;
mod pronoun_before_name;
mod punctuation_placement;
mod quote_drift;
mod quote_not_in_sources;
mod quote_without_channel;
mod relayed_quote_without_outlet;
#[cfg(test)]
pub(crate) mod test_support;
mod unattributed_quote;
mod unbalanced_quote_marks;
mod unknown_rule_in_suppression;
mod unnamed_speaker;
mod unused_suppression;
mod vague_speaker;
mod weasel_claim;

pub use anonymous_without_reason::AnonymousWithoutReason;
pub use bystander_speaker::BystanderSpeaker;
pub use ellipsis_style::EllipsisStyle;
pub use first_reference_incomplete::FirstReferenceIncomplete;
pub use inconsistent_name_spelling::InconsistentNameSpelling;
pub use insertion_in_parentheses::InsertionInParentheses;
pub use late_attribution::LateAttribution;
pub use loaded_attribution_verb::LoadedAttributionVerb;
pub use misattributed_quote::MisattributedQuote;
pub use misquote::Misquote;
pub use mixed_attribution_tense::MixedAttributionTense;
pub use mixed_quote_style::MixedQuoteStyle;
pub use mixed_speakers_in_paragraph::MixedSpeakersInParagraph;
pub use pronoun_before_name::PronounBeforeName;
pub use punctuation_placement::PunctuationPlacement;
pub use quote_drift::QuoteDrift;
pub use quote_not_in_sources::QuoteNotInSources;
pub use quote_without_channel::QuoteWithoutChannel;
pub use relayed_quote_without_outlet::RelayedQuoteWithoutOutlet;
pub use unattributed_quote::UnattributedQuote;
pub use unbalanced_quote_marks::UnbalancedQuoteMarks;
pub use unknown_rule_in_suppression::UnknownRuleInSuppression;
pub use unnamed_speaker::UnnamedSpeaker;
pub use unused_suppression::UnusedSuppression;
pub use vague_speaker::VagueSpeaker;
pub use weasel_claim::WeaselClaim;

use crate::analysis::Analysis;
use crate::diagnostic::Diagnostic;
use crate::findings::Findings;
pub use crate::fix::FixAvailability;
pub use crate::rule_meta::RuleMeta;
use crate::settings::{RuleSelector, Settings};

pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, analysis: &Analysis, settings: &Settings, out: &mut Findings);
    /// Whether the rule's findings come with a fix (shown by `rules` and `explain`).
    fn fix_availability(&self) -> FixAvailability {
        FixAvailability::Never
    }
}

/// Every rule, in code order.
pub fn all() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(UnattributedQuote),
        Box::new(UnnamedSpeaker),
        Box::new(VagueSpeaker),
        Box::new(AnonymousWithoutReason),
        Box::new(PronounBeforeName),
        Box::new(LateAttribution),
        Box::new(MixedSpeakersInParagraph),
        Box::new(LoadedAttributionVerb),
        Box::new(WeaselClaim),
        Box::new(MixedAttributionTense),
        Box::new(BystanderSpeaker),
        Box::new(UnbalancedQuoteMarks),
        Box::new(MixedQuoteStyle),
        Box::new(InsertionInParentheses),
        Box::new(EllipsisStyle),
        Box::new(PunctuationPlacement),
        Box::new(FirstReferenceIncomplete),
        Box::new(InconsistentNameSpelling),
        Box::new(QuoteWithoutChannel),
        Box::new(RelayedQuoteWithoutOutlet),
        Box::new(QuoteDrift),
        Box::new(Misquote),
        Box::new(MisattributedQuote),
        Box::new(QuoteNotInSources),
        Box::new(UnusedSuppression),
        Box::new(UnknownRuleInSuppression),
    ]
}

/// The metadata of every rule, in code order.
pub fn all_meta() -> Vec<&'static RuleMeta> {
    all().iter().map(|r| r.meta()).collect()
}

/// Finds a rule by code (case-insensitive) or by name.
pub fn find(code_or_name: &str) -> Option<Box<dyn Rule>> {
    let wanted = code_or_name.trim();
    all().into_iter().find(|r| {
        let meta = r.meta();
        meta.code.eq_ignore_ascii_case(wanted) || meta.name.eq_ignore_ascii_case(wanted)
    })
}

/// Rules whose code or name look like `query`, best first (for "did you mean").
pub fn close_matches(query: &str) -> Vec<&'static RuleMeta> {
    crate::rule_meta::close_matches(query, &all_meta())
}

/// Reads a rule selector (`ALL`, a code, a code prefix or a rule name)
/// against the rules that exist; clap and the config parse with this.
pub fn parse_selector(text: &str) -> Result<RuleSelector, String> {
    RuleSelector::parse(text, &all_meta())
}

/// Runs every rule over one analysis.
pub fn check_all(analysis: &Analysis, settings: &Settings) -> Vec<Diagnostic> {
    let mut out = Findings::default();
    for rule in all() {
        rule.check(analysis, settings, &mut out);
    }
    out.into_vec(&analysis.file.text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_by_code_or_name_in_any_case() {
        assert_eq!(find("qf001").map(|r| r.meta().code), Some("QF001"));
        assert_eq!(find("mixed-quote-style").map(|r| r.meta().code), Some("QF002"));
        assert!(find("QZ999").is_none());
    }

    #[test]
    fn close_matches_suggest_similar_codes_and_names() {
        let codes: Vec<_> = close_matches("QF003").iter().map(|m| m.code).collect();
        assert!(codes.contains(&"QF001"), "{codes:?}");
        let names: Vec<_> = close_matches("unbalanced-quotes").iter().map(|m| m.code).collect();
        assert_eq!(names.first(), Some(&"QF001"));
        assert!(close_matches("zzzzzz").is_empty());
    }
}
