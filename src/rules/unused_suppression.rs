//! QS001: a suppression comment that suppresses nothing.

use super::{Rule, RuleMeta};
use crate::analysis::Analysis;
use crate::diagnostic::Severity;
use crate::findings::Findings;
use crate::fix::FixAvailability;
use crate::settings::Settings;

pub struct UnusedSuppression;

static META: RuleMeta = RuleMeta {
    code: "QS001",
    name: "unused-suppression",
    severity: Severity::Warning,
    summary: "A quotelint-disable comment or front-matter entry suppresses nothing.",
    doc: DOC,
};

const DOC: &str = r#"## What it checks

Every suppression in the draft: a `<!-- quotelint-disable-next-line CODE -->`
comment, a `<!-- quotelint-disable CODE -->` … `<!-- quotelint-enable -->`
range, or a code in the front matter's `quotelint: { disable: [...] }`. The
rule reports each code (or code-less directive) that silenced no finding where
it applies, and a `quotelint-enable` that ends no `quotelint-disable`.

A suppression of a rule that is switched off in `quotelint.toml` is not
reported, since that rule was never given the chance to find anything.

## Why editors care

A suppression is an editor's signed decision that one quote is fine as it
stands, for example a quotation left unbalanced because the court filing it
reproduces is. When the copy is rewritten the comment stays behind, invisible
on the page, and silently waves through the next problem on that line. The
SPJ Code of Ethics asks journalists to identify sources clearly and the AP
Stylebook to set quoted matter off exactly; stale exemptions hide exactly those
lapses, so they are cleaned up the way Ruff reports an unused `noqa`.

## Example

```markdown
<!-- quotelint-disable-next-line QF001 -->
“The footbridge reopens on Monday,” said Mayor Ana Ruiz.
```

## How to fix

Delete the suppression, or the code in it that no longer applies.
`check --fix` does it (a safe fix): a code goes with its comma, a comment
left with no codes goes whole (with its line when it stands on one), and a
front-matter entry goes from its list.

```markdown
“The footbridge reopens on Monday,” said Mayor Ana Ruiz.
```
"#;

impl Rule for UnusedSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Nothing on its own: whether a suppression is used depends on what the
    /// other rules found, so the check pipeline reports this rule after them
    /// (`suppression::apply_suppressions`). It is registered like any rule so
    /// that `rules`, `explain`, `select`, `ignore` and `[severity]` know it.
    fn check(&self, _analysis: &Analysis, _settings: &Settings, _out: &mut Findings) {}

    fn fix_availability(&self) -> FixAvailability {
        FixAvailability::Always
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn codes(text: &str) -> Vec<&'static str> {
        let a = crate::analyze(SourceFile::new("d.md", text));
        // only the suppression rules: the attribution rules have their own tests
        crate::suppression::check(&a, &Settings::default())
            .iter()
            .map(|d| d.code())
            .filter(|c| c.starts_with("QS"))
            .collect()
    }

    #[test]
    fn reported_only_through_the_pipeline() {
        let text = "<!-- quotelint-disable-next-line QF001 -->\n“Closed,” she said.\n";
        let a = crate::analyze(SourceFile::new("d.md", text));
        let mut out = crate::findings::Findings::default();
        UnusedSuppression.check(&a, &Settings::default(), &mut out);
        assert!(out.is_empty());
        assert_eq!(codes(text), ["QS001"]);
        assert!(codes("<!-- quotelint-disable-next-line QF001 -->\n“Open, she said.\n").is_empty());
    }
}
