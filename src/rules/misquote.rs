//! QP004: a quote found in the sources with different words.

use super::{Rule, RuleMeta};
use crate::analysis::Analysis;
use crate::diagnostic::{Diagnostic, Severity};
use crate::findings::Findings;
use crate::provenance::{self, Outcome};
use crate::settings::Settings;

pub struct Misquote;

static META: RuleMeta = RuleMeta {
    code: "QP004",
    name: "misquote",
    severity: Severity::Warning,
    summary: "A quote is in the sources, but not in these words.",
    doc: DOC,
};

const DOC: &str = r#"## What it checks

Every direct, partial and block quote is looked up in the source material
(`--sources`, the config's `sources` globs, or the draft's front-matter
`sources` list), after quotation marks, apostrophes, dashes, whitespace and
case are set aside. When the closest passage differs from the quote, the rule
shows that passage and a word diff in the style of `git diff --word-diff`:
`[-source words-]{+quoted words+}`. An ellipsis in the quote may stand for any
stretch the writer left out, and a square-bracketed insertion for a word or
two it replaces; anything else, including sentences put in another order, is
a misquote. Partial quotes of three words or fewer are not looked up.

## Why editors care

"Quotes are sacred," says the Reuters Handbook of Journalism, and the AP
Stylebook says never to alter quotations even to correct minor grammatical
errors. A changed word can change the meaning, and a quote that does not
match the recording is the first thing a complaint or a correction request
will find.

## Example

```text
---
speaker: Hong Min
channel: interview
---
HONG MIN: The debris was found behind the old school on Tuesday.
```

```markdown
“The debris were found behind the old school on Tuesday,” said Hong Min.
```

## How to fix

Quote the words as they were said, or paraphrase without quotation marks.

```markdown
“The debris was found behind the old school on Tuesday,” said Hong Min.
```
"#;

impl Rule for Misquote {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, settings: &Settings, out: &mut Findings) {
        for verdict in provenance::verify(analysis, &settings.sources) {
            let Outcome::Altered { passage, diff, reordered } = &verdict.outcome else { continue };
            let Some(quote) = analysis.scan.quotes.get(verdict.quote) else { continue };
            let message = if *reordered {
                "quote puts the source's sentences in a different order".to_string()
            } else {
                format!("quote differs from its source: {}", diff.summary())
            };
            let speaker = passage.speaker.as_deref().map(|s| format!(" ({s})")).unwrap_or_default();
            out.push(
                Diagnostic::new(&META, &analysis.file.path, quote.span(), message)
                    .with_primary_label("not the words of the source")
                    .with_note(format!("closest passage, {}{speaker}: “{}”", passage.location(), passage.text))
                    .with_note(format!("word diff (source → quote): {}", diff.render()))
                    .with_help(
                        "quote the source's exact words (an ellipsis for a cut, square brackets for an insertion), \
                         or paraphrase without quotation marks",
                    ),
            );
        }
    }
}
