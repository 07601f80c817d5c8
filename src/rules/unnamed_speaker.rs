//! QA002: a quote attributed to a role the story never ties to a name.

use super::{Rule, RuleMeta};
use crate::analysis::Analysis;
use crate::attribution::SpeakerKind;
use crate::diagnostic::{Diagnostic, Severity};
use crate::findings::Findings;
use crate::settings::Settings;

pub struct UnnamedSpeaker;

static META: RuleMeta = RuleMeta {
    code: "QA002",
    name: "unnamed-speaker",
    severity: Severity::Info,
    summary: "A quote attributed to a role (\"a spokesman\", \"an official\") that is never named.",
    doc: DOC,
};

const DOC: &str = r#"## What it checks

Quotes whose speaker is a role ("a government spokesman", "an official", "the
minister") that the story never ties to a person or an organisation. Only
plain role phrases are checked: an article or number, a role noun, and no
name right after it. A role
that the story names elsewhere ("the spokeswoman" after "Lena Ortiz, a
spokeswoman for the ministry") is fine. Each such mention is reported once,
however many quotes it carries. Sources that the story itself presents as
anonymous are left to `anonymous-without-reason` (QA004), and speakers
identified only as present ("a man in the crowd") to `bystander-speaker`
(QA011), a warning.

It is an info by default: published, edited news quotes unnamed ordinary
people ("a resident", "a parent at the school") as a matter of course, so a
warning there would be noise. A desk whose style forbids unnamed sources
raises it with `[severity] QA002 = "warning"`.

## Why editors care

The Reuters Handbook ranks a named source above an unnamed one and asks for
name and position; the AP treats a quote from someone whose name the story
withholds as an anonymous source that needs a reason. "A spokesman" with no
organisation tells the reader nothing about who is speaking, and the BBC
Editorial Guidelines ask that sources be identified as precisely as possible.

## Example

```markdown
“The road will stay closed until Friday,” a spokesman said.
```

## How to fix

Name the speaker, or at least whose spokesman they are.

```markdown
“The road will stay closed until Friday,” said Omar Haddad, a spokesman for the regional highways agency.
```
"#;

impl Rule for UnnamedSpeaker {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, settings: &Settings, out: &mut Findings) {
        for (q, s) in super::helpers::speakers_of_kind(analysis, SpeakerKind::Role) {
            crate::budget::tick();
            if s.name.is_some() {
                continue;
            }
            if !looks_like_role(analysis, settings, s)
                || super::bystander_speaker::is_bystander(analysis, settings, s)
            {
                continue;
            }
            let d = Diagnostic::new(
                &META,
                &analysis.file.path,
                s.span(),
                format!("quote attributed to “{}”, who is never named", s.mention),
            )
            .with_primary_label("a role, not a name")
            .with_label(q.span(), "this quote")
            .with_help("name the speaker, or say whose role it is (`a spokesman for the Interior Ministry`)");
            out.push(d);
        }
    }
}

/// Only a plain role phrase is reported: it starts with an article or a
/// number ("a spokesman", "the official", "two officials"), contains a role
/// noun, and is not followed by the person's name ("a spokesman, Ali Reza"
/// or "spokesman Ali Reza" name them).
fn looks_like_role(analysis: &Analysis, settings: &Settings, s: &crate::attribution::Speaker) -> bool {
    const DETERMINERS: &[&str] = &["a", "an", "the", "one", "another", "two", "three", "several"];
    let words: Vec<&str> = s.mention.split_whitespace().collect();
    let starts_with_determiner = words.first().is_some_and(|w| DETERMINERS.contains(&w.to_lowercase().as_str()));
    let has_role =
        words.iter().any(|w| settings.lexicon().is_role_noun(w.trim_matches(|c: char| !c.is_alphanumeric())));
    let after = analysis.file.text.get(s.span().end..).unwrap_or_default();
    let after = after.trim_start_matches([',', ' ']);
    let named_after = after.chars().next().is_some_and(char::is_uppercase);
    starts_with_determiner && has_role && !named_after
}
