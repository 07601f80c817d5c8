//! QA007: one paragraph quoting two speakers without attributing each.

use super::helpers::speech_quotes;
use super::{Rule, RuleMeta};
use crate::analysis::Analysis;
use crate::attribution::{Attribution, Speaker};
use crate::diagnostic::{Diagnostic, Severity};
use crate::findings::Findings;
use crate::quote::Quote;
use crate::settings::Settings;

pub struct MixedSpeakersInParagraph;

static META: RuleMeta = RuleMeta {
    code: "QA007",
    name: "mixed-speakers-in-paragraph",
    severity: Severity::Warning,
    summary: "A paragraph quotes two speakers and does not attribute each quote in it.",
    doc: DOC,
};

const DOC: &str = r#"## What it checks

Paragraphs with quotes from two or more different named speakers where at
least one of those quotes has no attribution of its own in the paragraph: its
speaker is only carried over from an earlier paragraph. Speakers the story
never resolves to a name are left out, since they cannot be told apart. A paragraph that attributes
every quote it holds ("…,” Ortiz said. “…,” Haddad replied.") is fine, and so
is a quote that goes straight on from one of the same speaker's ("…,” Ruiz
said. Then, after a pause: “…”"): nobody else's words come between them.

## Why editors care

The Reuters Handbook says not to run quotes from different speakers together.
When two voices share a paragraph, a quote with no attribution of its own is
read as belonging to whoever spoke last in it, which may be the wrong person;
AP's rule of attributing in the same sentence exists to prevent exactly that.

## Example

```markdown
“The market will move,” said Lena Ortiz, who sells bread on the square, after meeting the mayor, Omar Haddad.

“We cannot stop it. Nobody can stop it.” Haddad has said the vote was “final and binding for everyone”.
```

## How to fix

Give each speaker a paragraph, and each quote its attribution.

```markdown
“The market will move,” said Lena Ortiz, who sells bread on the square, after meeting the mayor, Omar Haddad. “We cannot stop it. Nobody can stop it.”

Haddad has said the vote was “final and binding for everyone”.
```
"#;

/// A speaker as the rule tells speakers apart: by name.
fn key(s: &Speaker) -> &str {
    s.name.as_deref().unwrap_or_default()
}

impl Rule for MixedSpeakersInParagraph {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, _settings: &Settings, out: &mut Findings) {
        // the one-paragraph quotes with a named speaker, by paragraph (in
        // document order within one): a list a paragraph was 50 bytes for
        // each of a long draft's paragraphs
        let mut named: Vec<(&Quote, &Attribution)> = speech_quotes(analysis)
            .filter(|(_, q, a)| q.parts.len() == 1 && a.speaker.as_ref().is_some_and(|s| s.name.is_some()))
            .filter(|(_, q, _)| q.first_block() < analysis.doc.blocks.len())
            .map(|(_, q, a)| (q, a))
            .collect();
        // in document order already: the stable sort only checks it
        named.sort_by_key(|(q, _)| q.first_block());
        for here in named.chunk_by(|(x, _), (y, _)| x.first_block() == y.first_block()) {
            crate::budget::tick();
            let block = &analysis.doc.blocks[here[0].0.first_block()];
            // the names borrowed, sorted in place: a copy of each (and a
            // stable sort's buffer) for the 110,000 quotes of one 8 MB
            // paragraph was ten megabytes, the peak of `check` on it
            let mut speakers: Vec<&str> = here.iter().filter_map(|(_, a)| a.speaker.as_ref().map(key)).collect();
            speakers.sort_unstable();
            speakers.dedup();
            if speakers.len() < 2 {
                continue;
            }
            let own = |a: &Attribution| {
                a.cue
                    .as_ref()
                    .is_some_and(|c| block.span().start <= c.span().start && c.span().end <= block.span().end)
            };
            // "…,” she said. Then, after a pause: “…”": a quote right after
            // one of the same speaker's goes on with it, unambiguously
            // (`here` is in document order: the quote before is the one listed before)
            let same_as_before =
                |i: usize| i > 0 && here[i - 1].1.speaker.as_ref().map(key) == here[i].1.speaker.as_ref().map(key);
            let ambiguous = (0..here.len()).find(|&i| !own(here[i].1) && !same_as_before(i));
            let Some((q, a)) = ambiguous.map(|i| here[i]) else { continue };
            let Some(s) = &a.speaker else { continue };
            let others: Vec<&str> = speakers.iter().copied().filter(|k| *k != key(s)).collect();
            out.push(
                Diagnostic::new(
                    &META,
                    &analysis.file.path,
                    q.span(),
                    format!(
                        "paragraph quotes {} and {}, but this quote has no attribution of its own",
                        key(s),
                        others.join(", ")
                    ),
                )
                .with_primary_label(format!("read as {}'s only by carrying over", key(s)))
                .with_help(
                    "attribute every quote in a paragraph with two speakers, or give each speaker a paragraph",
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    /// One paragraph of thousands of named quotes: its speakers' names are
    /// compared where they are, not copied, and sorted without a buffer.
    #[test]
    fn a_paragraph_of_many_named_quotes_holds_no_copy_of_their_names() {
        let names = ["Ana Ruiz", "Omar Haddad"];
        let draft: String =
            (0..3000).map(|k| format!("“The ferry runs at {k},” said {}. ", names[k % 2])).collect();
        let analysis = crate::analyze(SourceFile::new("draft.md", draft + "\n"));
        assert_eq!(analysis.doc.blocks.len(), 1);
        let mut out = Findings::default();
        let check = || MixedSpeakersInParagraph.check(&analysis, &Settings::default(), &mut out);
        let ((), held) = crate::budget::peak_held(check);
        // a quote and its attribution, and a name, borrowed: 32 bytes, in
        // vectors grown by doubling (a copy of each name, and a stable
        // sort's buffer of them, took about 86)
        assert!(held < 3000 * 56, "{held} bytes held for 3,000 quotes");
        assert!(out.is_empty(), "every quote is attributed in the paragraph");
    }

    #[test]
    fn the_named_quotes_are_grouped_by_paragraph_in_a_few_bytes_each() {
        let mut draft: String =
            (0..3000).map(|k| format!("“The ferry runs at {k},” said Ana Ruiz.\n\n")).collect();
        draft.push_str("“The market will move,” said Lena Ortiz, after meeting the mayor, Omar Haddad.\n\n");
        draft.push_str("“We cannot stop it.” Haddad has said the vote was “final and binding for everyone”.\n");
        let analysis = crate::analyze(SourceFile::new("draft.md", draft));
        let mut out = Findings::default();
        let check = || MixedSpeakersInParagraph.check(&analysis, &Settings::default(), &mut out);
        let ((), held) = crate::budget::peak_held(check);
        // a list of the paragraphs' lists and one of the quotes took 89 bytes a quote
        assert!(held < 3000 * 48, "{held} bytes held for 3,000 quotes");
        let found = out.into_vec(&analysis.file.text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].message.starts_with("paragraph quotes Lena Ortiz and Omar Haddad"),
            "{}",
            found[0].message
        );
    }
}
