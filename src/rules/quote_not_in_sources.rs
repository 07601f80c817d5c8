//! QP006: a quote found nowhere in the sources given.

use super::{Rule, RuleMeta};
use crate::analysis::Analysis;
use crate::diagnostic::count;
use crate::diagnostic::{Diagnostic, Severity};
use crate::findings::Findings;
use crate::provenance::{self, Outcome};
use crate::settings::Settings;

pub struct QuoteNotInSources;

static META: RuleMeta = RuleMeta {
    code: "QP006",
    name: "quote-not-in-sources",
    severity: Severity::Warning,
    summary: "Sources were given, but a quote is in none of them.",
    doc: DOC,
};

const DOC: &str = r#"## What it checks

When source material is given (`--sources`, the config's `sources` globs or
the draft's front-matter `sources` list), every direct, partial and block
quote of four words or more (three for direct and block quotes) should be
found in it, verbatim or nearly so (see QP004). The rule reports the quotes
found nowhere. It never fires without sources. A newsroom that requires a
source for every quote can make it an error in `quotelint.toml`:

```toml
[severity]
QP006 = "error"
```

## Why editors care

A quote with no recording, note or document behind it cannot be defended.
The New York Times and Reuters both require that reporters be able to produce
the source of every quotation; an unsourced quote is how fabrications such as
Jayson Blair's reached print.

## Example

```text
HONG MIN: The ferry runs until the harbour freezes.
```

```markdown
“We will close the ferry in October,” said Hong Min.
```

## How to fix

Add the material the quote came from to the sources, or quote what it says.

```markdown
“The ferry runs until the harbour freezes,” said Hong Min.
```
"#;

impl Rule for QuoteNotInSources {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, settings: &Settings, out: &mut Findings) {
        let files = settings.sources.file_count();
        for verdict in provenance::verify(analysis, &settings.sources) {
            if verdict.outcome != Outcome::NotFound {
                continue;
            }
            let Some(quote) = analysis.scan.quotes.get(verdict.quote) else { continue };
            out.push(
                Diagnostic::new(&META, &analysis.file.path, quote.span(), "quote not found in the sources")
                    .with_primary_label("no source has these words")
                    .with_note(format!("looked in {}", count(files, "source file")))
                    .with_help("add the transcript, statement or document it came from, or check the wording"),
            );
        }
    }
}
