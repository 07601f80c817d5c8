//! QA011: a quote from someone the story identifies only as present.

use super::{Rule, RuleMeta};
use crate::analysis::Analysis;
use crate::attribution::{Speaker, SpeakerKind};
use crate::diagnostic::{Diagnostic, Severity};
use crate::findings::Findings;
use crate::settings::Settings;

pub struct BystanderSpeaker;

static META: RuleMeta = RuleMeta {
    code: "QA011",
    name: "bystander-speaker",
    severity: Severity::Warning,
    summary: "A quote attributed to someone identified only as present (\"a man in the crowd\", \"a voice\").",
    doc: DOC,
};

const DOC: &str = r#"## What it checks

Quotes whose speaker the story describes by nothing but presence: "a man in
the crowd", "a voice shouted", "said a woman at the rally", "a bystander".
The speaker has no name, no role and no stake the reader can weigh. A
speaker described any further ("a woman who runs the bakery", "a man, a
retired firefighter,") is left to `unnamed-speaker` (QA002), which is an
info.

It is a warning, so a pre-commit hook at the default `--fail-on warning`
stops the draft until the desk decides.

## Why editors care

The AP Stylebook and the Reuters Handbook ask for the name of everyone
quoted, and treat a withheld name as an anonymous source that needs a
reason. A bystander's words carry weight only if the reader knows who they
are and why they saw what they describe; "a voice from the crowd" could be
anyone, including someone the reporter misheard or never saw.

## Example

```markdown
“They started it,” said a man in the crowd.
```

## How to fix

Get the name, or say who the speaker is and why the name is withheld.

```markdown
“They started it,” said Karim Osei, 54, who runs the kiosk on the square.
```
"#;

impl Rule for BystanderSpeaker {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, settings: &Settings, out: &mut Findings) {
        for (q, s) in super::helpers::speakers_of_kind(analysis, SpeakerKind::Role) {
            crate::budget::tick();
            if !is_bystander(analysis, settings, s) {
                continue;
            }
            let d = Diagnostic::new(
                &META,
                &analysis.file.path,
                s.span(),
                format!("quote attributed to “{}”, who is identified only as present", s.mention),
            )
            .with_primary_label("no name, no role")
            .with_label(q.span(), "this quote")
            .with_help("name the speaker, or say who they are and why the name is withheld");
            out.push(d);
        }
    }
}

/// A bystander: an unnamed speaker whose head noun says only that someone
/// was there, with no description after the mention (", who …", ", a …").
pub(super) fn is_bystander(analysis: &Analysis, settings: &Settings, s: &Speaker) -> bool {
    if s.name.is_some() || s.kind != SpeakerKind::Role {
        return false;
    }
    if !is_indefinite(&s.mention) {
        return false;
    }
    let head = head_noun(&s.mention);
    if !head.is_some_and(|w| settings.lexicon().is_bystander_noun(w)) {
        return false;
    }
    let after = analysis.file.text.get(s.span().end..).unwrap_or_default();
    !is_described_after(after)
}

/// "a man", "one woman", "another voice": a definite mention ("the
/// person added") points back to someone the story described earlier.
fn is_indefinite(mention: &str) -> bool {
    starts_with_word(mention, &["a", "an", "one", "another", "some", "someone", "somebody"])
}

/// The noun a mention is about: the last word before a preposition or a
/// relative pronoun ("a man in the crowd" → "man", "a voice" → "voice").
fn head_noun(mention: &str) -> Option<&str> {
    const STOPS: &[&str] =
        &["in", "at", "from", "near", "outside", "inside", "on", "among", "by", "with", "who", "whose", "that"];
    let words = mention.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'));
    words.take_while(|w| !STOPS.iter().any(|s| w.eq_ignore_ascii_case(s))).filter(|w| !w.is_empty()).last()
}

/// Whether the words after a mention go on to describe the speaker: a
/// relative clause or a naming ("who …", "named …"), or after a comma also
/// an appositive or an age (", a retired pilot,", ", 54,").
fn is_described_after(after: &str) -> bool {
    const DESCRIBING: &[&str] = &["who", "whose", "named", "called", "calling", "identified"];
    let after = after.trim_start();
    let Some(rest) = after.strip_prefix(',').map(str::trim_start) else {
        return starts_with_word(after, DESCRIBING);
    };
    starts_with_word(rest, DESCRIBING)
        || starts_with_word(rest, &["a", "an", "the"])
        || rest.starts_with(|c: char| c.is_ascii_digit())
}

fn starts_with_word(text: &str, words: &[&str]) -> bool {
    let first = text.split(|c: char| !c.is_alphanumeric()).next().unwrap_or_default();
    words.iter().any(|w| first.eq_ignore_ascii_case(w))
}

#[cfg(test)]
mod tests {
    use super::{head_noun, is_described_after};

    #[test]
    fn head_noun_stops_at_prepositions_and_relatives() {
        assert_eq!(head_noun("a man in the crowd"), Some("man"));
        assert_eq!(head_noun("a voice"), Some("voice"));
        assert_eq!(head_noun("one woman who was there"), Some("woman"));
        assert_eq!(head_noun("a police spokesman"), Some("spokesman"));
    }

    #[test]
    fn description_after_the_mention_counts() {
        assert!(is_described_after(", who runs the bakery, said."));
        assert!(is_described_after(", a retired firefighter, said."));
        assert!(is_described_after(", 54, said."));
        assert!(!is_described_after(" shouted from the crowd."));
        assert!(!is_described_after("."));
        assert!(is_described_after(" calling himself Ben said."));
    }

    #[test]
    fn only_indefinite_mentions_are_bystanders() {
        assert!(super::is_indefinite("a man in the crowd"));
        assert!(super::is_indefinite("One woman"));
        assert!(!super::is_indefinite("the person"));
        assert!(!super::is_indefinite("these people"));
    }
}
