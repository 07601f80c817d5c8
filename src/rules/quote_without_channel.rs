//! QP001: quotes that never say how the words reached the writer.

use super::helpers::speech_quotes;
use super::{Rule, RuleMeta};
use crate::analysis::Analysis;
use crate::diagnostic::{Diagnostic, Severity};
use crate::findings::Findings;
use crate::settings::Settings;
use std::collections::HashSet;

pub struct QuoteWithoutChannel;

static META: RuleMeta = RuleMeta {
    code: "QP001",
    name: "quote-without-channel",
    severity: Severity::Info,
    summary: "No quote says how the words were obtained (\"told AFP\", \"in a statement\").",
    doc: DOC,
};

const DOC: &str = r#"## What it checks

Whether quotes say how the words reached the writer: "told AFP", "in a
statement", "at a news conference", "in a post on X". By default the rule
reports once per draft, as information, when the draft quotes someone and not
one quote states a channel. With `require-channel = true` (wire-service
policy) it reports, as a warning, every attributed quote without a channel.

## Why editors care

The NPR Ethics Handbook asks that the story say how an interview was
obtained, and the AP's policy on crediting other outlets requires naming them
when quotes come from their reporting. The fabrication scandals at the New
York Times (Jayson Blair) and the Independent (Johann Hari) involved quotes
whose real channel (another paper, a book) was hidden; a stated channel lets
an editor check.

## Example

```markdown
“The pier will reopen in May,” said Ruth Adler, the county engineer.
```

## How to fix

Say how the quote was obtained.

```markdown
“The pier will reopen in May,” Ruth Adler, the county engineer, said in a statement.
```
"#;

/// Quotes found in a source whose front matter says how it was obtained
/// (`channel: interview`): the source documents the channel.
fn documented_by_sources(analysis: &Analysis, settings: &Settings) -> HashSet<usize> {
    crate::provenance::verify(analysis, &settings.sources)
        .into_iter()
        .filter(|v| v.passage().is_some_and(|p| p.meta.channel.is_some()))
        .map(|v| v.quote)
        .collect()
}

impl Rule for QuoteWithoutChannel {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, settings: &Settings, out: &mut Findings) {
        let quotes: Vec<_> = speech_quotes(analysis).filter(|(_, _, a)| a.speaker.is_some()).collect();
        let path = &analysis.file.path;
        let documented = documented_by_sources(analysis, settings);
        let has_channel =
            |i: &usize, a: &&crate::attribution::Attribution| a.channel.is_some() || documented.contains(i);
        if settings.require_channel {
            for (i, q, a) in &quotes {
                crate::budget::tick();
                if has_channel(i, a) {
                    continue;
                }
                let mut d = Diagnostic::new(&META, path, q.span(), "quote does not say how it was obtained")
                    .with_primary_label("told whom? in what?")
                    .with_help("add the channel: `told AFP`, `in a statement`, `at a news conference`");
                d.severity = Severity::Warning;
                out.push(d);
            }
            return;
        }
        if quotes.is_empty() || quotes.iter().any(|(i, _, a)| has_channel(i, a)) {
            return;
        }
        let Some((_, first, _)) = quotes.first() else { return };
        out.push(
            Diagnostic::new(
                &META,
                path,
                first.span(),
                format!("none of the {} attributed quotes says how it was obtained", quotes.len()),
            )
            .with_primary_label("the first of them")
            .with_help("say how the words reached you: `told AFP`, `in a statement`, `at a news conference`"),
        );
    }
}
