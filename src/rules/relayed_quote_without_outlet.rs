//! QP002: a quote relayed by "media" without naming the outlet.

use super::helpers::speech_quotes;
use super::{Rule, RuleMeta};
use crate::analysis::Analysis;
use crate::attribution::ChannelKind;
use crate::diagnostic::{Diagnostic, Severity};
use crate::findings::Findings;
use crate::settings::Settings;
use std::collections::HashSet;

pub struct RelayedQuoteWithoutOutlet;

static META: RuleMeta = RuleMeta {
    code: "QP002",
    name: "relayed-quote-without-outlet",
    severity: Severity::Warning,
    summary: "A quote relayed through \"media\" or \"state TV\" without naming the outlet.",
    doc: DOC,
};

const DOC: &str = r#"## What it checks

Quotes the writer took from another outlet's reporting ("told Russian media",
"state television reported", "in remarks carried by local media") where the
outlet is not named. Each channel phrase is reported once.

## Why editors care

The AP's policy on crediting other news organisations, the Guardian's
editorial guidelines and the Washington Post's digital guidelines all require
naming the outlet a quote was lifted from. "Media reports" cannot be checked,
and a quote from state television carries a different weight from one given
to an independent paper.

## Example

```markdown
“We will not negotiate,” the minister, Pavel Orlov, told local media.
```

## How to fix

Name the outlet.

```markdown
“We will not negotiate,” the minister, Pavel Orlov, told the Interfax news agency.
```
"#;

impl Rule for RelayedQuoteWithoutOutlet {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, _settings: &Settings, out: &mut Findings) {
        let mut seen = HashSet::new();
        for (_, q, a) in speech_quotes(analysis) {
            crate::budget::tick();
            let Some(ch) = &a.channel else { continue };
            if ch.kind != ChannelKind::Relayed || ch.outlet.is_some() || !seen.insert(ch.span()) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &META,
                    &analysis.file.path,
                    ch.span(),
                    format!("quote relayed “{}” without naming the outlet", ch.text),
                )
                .with_primary_label("which outlet?")
                .with_label(q.span(), "this quote")
                .with_help("name the outlet the words came from: `told the Interfax news agency`"),
            );
        }
    }
}
