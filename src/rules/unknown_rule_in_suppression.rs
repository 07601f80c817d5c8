//! QS002: a suppression comment that names no rule, or is no directive.

use super::{Rule, RuleMeta};
use crate::analysis::Analysis;
use crate::diagnostic::Severity;
use crate::findings::Findings;
use crate::settings::Settings;

pub struct UnknownRuleInSuppression;

static META: RuleMeta = RuleMeta {
    code: "QS002",
    name: "unknown-rule-in-suppression",
    severity: Severity::Warning,
    summary: "A suppression comment names a rule that does not exist, or misspells the directive.",
    doc: DOC,
};

const DOC: &str = r#"## What it checks

The codes and names in suppression comments and in the front matter's
`quotelint: { disable: [...] }`: each must be a rule code (`QF001`), a rule
name (`unbalanced-quote-marks`), a family (`QF`) or `ALL`. The rule also
reports a comment that starts `quotelint-` but is none of
`quotelint-disable-next-line`, `quotelint-disable` and `quotelint-enable`.
It suggests the closest rule when there is one.

## Why editors care

A mistyped code suppresses nothing, so the finding the editor meant to clear
stays, or worse, the editor believes a quote was checked and cleared when the
exemption never took effect. Desks following the AP Stylebook or the Reuters
Handbook of Journalism need an exemption to be exactly as deliberate as the
rule it overrides, which starts with naming the right rule.

## Example

```markdown
<!-- quotelint-disable-next-line QF010 -->
“The footbridge reopens on Monday, said Mayor Ana Ruiz.
```

## How to fix

Name the rule that reported the finding (`quotelint rules` lists them).

```markdown
<!-- quotelint-disable-next-line QF001 -->
“The footbridge reopens on Monday, said Mayor Ana Ruiz.
```
"#;

impl Rule for UnknownRuleInSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Nothing on its own: suppression comments are read once by the check
    /// pipeline, which reports this rule after the other rules have run
    /// (`suppression::apply_suppressions`). It is registered like any rule so
    /// that `rules`, `explain`, `select`, `ignore` and `[severity]` know it.
    fn check(&self, _analysis: &Analysis, _settings: &Settings, _out: &mut Findings) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    #[test]
    fn reported_through_the_pipeline_with_a_suggestion() {
        let text = "Intro.\n\n<!-- quotelint-disable-next-line unbalanced-quotes -->\n“Open, she said.\n";
        let a = crate::analyze(SourceFile::new("d.md", text));
        // the quotation-form and suppression rules only: QA001 also sees the unclosed quote
        let out: Vec<_> = crate::suppression::check(&a, &Settings::default())
            .into_iter()
            .filter(|d| d.code().starts_with("QS") || d.code().starts_with("QF"))
            .collect();
        let codes: Vec<&str> = out.iter().map(|d| d.code()).collect();
        assert_eq!(codes, ["QS002", "QF001"]);
        assert_eq!(&text[out[0].span.range()], "unbalanced-quotes");
        assert_eq!(out[0].help.as_deref(), Some("did you mean `QF001` (unbalanced-quote-marks)?"));
    }
}
