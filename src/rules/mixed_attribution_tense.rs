//! QA010: attributions in both the past ("said") and the present ("says").

use super::helpers::cue_verb;
use super::{Rule, RuleMeta};
use crate::analysis::Analysis;
use crate::diagnostic::{Diagnostic, Severity};
use crate::findings::Findings;
use crate::fix::{Edit, Fix, FixAvailability};
use crate::lexicon::{Lexicon, VerbClass, VerbForm};
use crate::markdown::BlockKind;
use crate::settings::Settings;
use crate::span::Span;

pub struct MixedAttributionTense;

static META: RuleMeta = RuleMeta {
    code: "QA010",
    name: "mixed-attribution-tense",
    severity: Severity::Info,
    summary: "Attributions mix the past (\"said\") and the present (\"says\", \"adds\").",
    doc: DOC,
};

const DOC: &str = r#"## What it checks

The tense of the reporting verbs: the verbs of every quote's attribution, and
"say", "add" and "tell" wherever they report speech in the writer's prose
(headings are left out, since headlines use the present, and so is a
headline written as the draft's first, short paragraph). When both past
("said", "told") and present ("says", "adds") forms occur, the rule reports
once for the draft, with the counts, at the first verb of the less common
tense. Under a news house style (`style = "ap"`, `"reuters"` or `"guardian"`)
the present tense is reported even when the whole draft uses it: those styles
want "said".

## Why editors care

News copy attributes in the past tense ("said"); features sometimes use the
present ("says") throughout. Mixing them in one story reads as careless and
usually means paragraphs were pasted in from different drafts or from another
outlet. The AP Stylebook and the Reuters Handbook both use "said" for news;
the Baltimore Sun's copy desk and others ask for one tense per story.

## Example

```markdown
“We are ready,” said Ana Ruiz, the mayor. “The bridge is safe,” she adds.
```

## How to fix

Pick one tense for the story. Under a news house style, `check --fix
--unsafe-fixes` puts present-tense attributions in the past (unsafe: a
feature may mean the present, and only the writer knows): the reporting
verbs whose present form cannot be read as a noun ("says", "adds", "tells",
"writes", "asks", "explains", "argues" and the like). A cue such as
"comments", "remarks", "notes" or "calls" may be a noun where it was found
("his comments", "the rules committee"), so it is reported but left for the
writer.

```markdown
“We are ready,” said Ana Ruiz, the mayor. “The bridge is safe,” she added.
```
"#;

/// Reporting verbs counted in prose outside quotations.
const PROSE_LEMMAS: &[&str] = &["say", "add", "tell"];

/// The reporting verbs the fix puts in the past: those whose present form
/// is never a plural noun. "Comments", "remarks", "notes", "states",
/// "reports", "emails", "calls" and "rules" are reported like any other
/// present-tense cue, but a cue found in the wrong place is often that noun
/// ("his comments", "leaked emails", "the rules committee"), and "commented
/// committee" is worse than the mix of tenses, so they are left to the writer.
const FIX_LEMMAS: &[&str] = &[
    "say",
    "add",
    "tell",
    "write",
    "ask",
    "explain",
    "insist",
    "argue",
    "recall",
    "reply",
    "respond",
    "acknowledge",
    "admit",
    "agree",
    "conclude",
    "contend",
    "concede",
    "describe",
    "accuse",
    "predict",
    "reveal",
    "warn",
    "urge",
];

/// The unsafe fix under a news house style: every present-tense reporting
/// verb at `spans` in the past ("says" → "said", "Adds" → "Added").
fn to_past(text: &str, lexicon: &Lexicon, spans: &[Span]) -> Option<Fix> {
    let edits = spans
        .iter()
        .filter(|span| !in_title_case(text, **span))
        .map(|span| {
            let word = text.get(span.range())?;
            Some(Edit::replace(*span, lexicon.inflect(word, VerbForm::Past)?))
        })
        .collect::<Option<Vec<Edit>>>()?;
    (!edits.is_empty()).then(|| Fix::unsafe_edits("Put the attributions in the past tense", edits))
}

/// A capitalised verb after a word ("Christie Says He Would…") is in a
/// headline set in title case, which keeps the present tense.
fn in_title_case(text: &str, span: Span) -> bool {
    let capitalised = text.get(span.range()).and_then(|w| w.chars().next()).is_some_and(char::is_uppercase);
    let before = text.get(..span.start).unwrap_or_default().trim_end_matches([' ', '\u{a0}']);
    capitalised && before.len() < span.start && before.chars().next_back().is_some_and(char::is_alphanumeric)
}

impl Rule for MixedAttributionTense {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn fix_availability(&self) -> FixAvailability {
        FixAvailability::Sometimes
    }

    fn check(&self, analysis: &Analysis, settings: &Settings, out: &mut Findings) {
        let lexicon = settings.lexicon();
        let mut found = cue_verbs(analysis, lexicon);
        let prose = prose_verbs(analysis, lexicon, &found);
        found.reserve_exact(prose.len());
        found.extend(prose);
        found.sort_unstable();
        found.dedup();
        let verbs = || tensed(&found);
        let present = verbs().filter(|(_, p)| *p).count();
        let past = verbs().count() - present;
        // a news house style wants "said" even in a draft that uses "says" throughout
        let style_wants_past = settings.style.wants_past_attribution() && present > 0;
        if (present == 0 || past == 0) && !style_wants_past {
            return;
        }
        let minority_present = style_wants_past || present <= past;
        let Some((first, _)) = verbs().find(|(_, p)| *p == minority_present) else { return };
        let word = |s: &Span| analysis.file.text.get(s.range()).unwrap_or_default().to_string();
        let (major, minor) = if minority_present { ("past", "present") } else { ("present", "past") };
        let mut d = Diagnostic::new(
            &META,
            &analysis.file.path,
            first,
            format!("attributions mix tenses: {past} in the past (said), {present} in the present (says)"),
        )
        .with_primary_label(format!("“{}” is in the {minor}", word(&first)))
        .with_help(if style_wants_past {
            "house style wants the past tense: \"said\", \"added\"".to_string()
        } else {
            format!("use the {major} tense throughout, as most of the story does")
        });
        for (span, _) in verbs().filter(|(s, p)| *p == minority_present && *s != first).take(5) {
            d = d.with_label(span, format!("“{}” too", word(&span)));
        }
        let fix = if style_wants_past {
            let present: Vec<Span> =
                verbs().filter(|(s, p)| *p && fixable(&found, s.start)).map(|(s, _)| s).collect();
            to_past(&analysis.file.text, lexicon, &present)
        } else {
            None
        };
        out.push(d.with_fix(fix));
    }
}

/// A reporting verb where it was found: its tense (none when neither past
/// nor present), and whether the fix may put it in the past. Sorted by
/// span, these are what three ordered sets of spans were, at a fraction
/// of their memory: a draft of a hundred thousand attributed quotes held
/// 6 MB in the sets' nodes.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Found {
    span: Span,
    present: Option<bool>,
    fixable: bool,
}

/// The verbs of the quotes' cues (not the mental ones), sorted by span.
fn cue_verbs(analysis: &Analysis, lexicon: &Lexicon) -> Vec<Found> {
    // every verb is kept and sorted below: the quotes' order does not matter
    let quotes = || {
        let speech = analysis.scan.quotes.iter().zip(&analysis.attributions);
        speech.filter(|(q, _)| q.depth == 0 && q.kind.is_speech())
    };
    // at most one a quote, without a vector's doubling room
    let mut cues = Vec::with_capacity(quotes().count());
    for (_, a) in quotes() {
        crate::budget::tick();
        let Some(cue) = &a.cue else { continue };
        let word = cue_verb(&cue.text);
        let Some(verb) = lexicon.verb(word) else { continue };
        if matches!(verb.class, VerbClass::Mental) {
            continue;
        }
        // the verb's own bytes when the cue is written out as it reads (not
        // an entity or code span, which map only as a whole)
        let written = analysis.file.text.get(cue.span().range()).is_some_and(|s| s.starts_with(word));
        let span = if written { Span::new(cue.span().start, cue.span().start + word.len()) } else { cue.span() };
        let fixable = written && FIX_LEMMAS.contains(&&*verb.lemma);
        cues.push(Found { span, present: tense(verb.form), fixable });
    }
    cues.sort_unstable();
    cues.dedup();
    cues
}

/// "Say", "add" and "tell" reporting speech in the prose outside quotes
/// and headlines, where no cue starts.
fn prose_verbs(analysis: &Analysis, lexicon: &Lexicon, cues: &[Found]) -> Vec<Found> {
    let mut found = Vec::new();
    for (b, block) in analysis.doc.blocks.iter().enumerate() {
        crate::budget::tick();
        if matches!(block.kind(), BlockKind::Heading(_)) {
            continue;
        }
        // asked only of a block with such a verb: the first block's
        // question reads its words and the next block's
        let mut headline = None;
        let words = analysis.words.block(b);
        for (i, id) in analysis.words.verbs(b) {
            let Some(word) = words.get(i).filter(|w| !w.quoted()) else { continue };
            let Some(verb) = lexicon.verb_by_id(id) else { continue };
            if !PROSE_LEMMAS.contains(&&*verb.lemma) {
                continue;
            }
            if *headline.get_or_insert_with(|| crate::scan::is_headline(&analysis.doc, b)) {
                break;
            }
            let span = block.source_span(word.range());
            if starting_at(cues, span.start).next().is_none() {
                found.push(Found { span, present: tense(verb.form), fixable: true });
            }
        }
    }
    found
}

fn tense(form: VerbForm) -> Option<bool> {
    match form {
        VerbForm::Past => Some(false),
        VerbForm::Present => Some(true),
        _ => None,
    }
}

/// Each distinct (span, present?) of the verbs in the past or present, in order.
fn tensed(found: &[Found]) -> impl Iterator<Item = (Span, bool)> + '_ {
    let mut last = None;
    found.iter().filter_map(move |f| {
        let verb = (f.span, f.present?);
        (last.replace(verb) != Some(verb)).then_some(verb)
    })
}

/// The verbs found (sorted by span) that start at `start`.
fn starting_at(found: &[Found], start: usize) -> impl Iterator<Item = &Found> {
    let i = found.partition_point(|f| f.span.start < start);
    found[i..].iter().take_while(move |f| f.span.start == start)
}

/// Whether any verb found at `start` may be put in the past by the fix.
fn fixable(found: &[Found], start: usize) -> bool {
    starting_at(found, start).any(|f| f.fixable)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::HouseStyle;
    use crate::source::SourceFile;

    fn findings(text: &str, style: HouseStyle) -> Vec<Diagnostic> {
        let analysis = crate::analyze(SourceFile::new("draft.md", text));
        let settings = Settings { style, ..Settings::default() };
        let mut out = crate::findings::Findings::default();
        MixedAttributionTense.check(&analysis, &settings, &mut out);
        out.into_vec(&analysis.file.text)
    }

    #[test]
    fn a_consistent_present_is_fine_unless_the_house_style_wants_said() {
        let draft = "“The bridge is safe,” says Ana Ruiz, the mayor.\n\n“It opens in May,” she adds.\n";
        assert!(findings(draft, HouseStyle::Standard).is_empty());
        let ap = findings(draft, HouseStyle::Ap);
        assert_eq!(ap.len(), 1);
        assert!(ap[0].help.as_deref().unwrap_or_default().contains("said"), "{:?}", ap[0].help);
    }

    #[test]
    fn the_fix_changes_reporting_verbs_and_leaves_what_may_be_nouns() {
        let draft = "“The bridge is safe,” says Ana Ruiz, the mayor.\n\n“It opens in May,” she adds.\n\n“It is late,” she comments.\n";
        let ap = findings(draft, HouseStyle::Ap);
        let fix = ap[0].fix.as_ref().expect("a fix under AP");
        let replaced: Vec<&str> = fix.edits.iter().map(|e| e.replacement.as_str()).collect();
        assert_eq!(replaced, ["said", "added"]);
        let text = "Christie Says He Would Stay. Says Ana Ruiz: no.";
        assert!(in_title_case(text, Span::new(9, 13)));
        assert!(!in_title_case(text, Span::new(29, 33)));
    }

    #[test]
    fn the_verbs_are_held_in_a_few_bytes_a_quote() {
        let draft: String = (0..3000)
            .map(|k| {
                format!("“The ferry {k} runs on time,” she {}.\n\n", if k % 3 == 0 { "says" } else { "said" })
            })
            .collect();
        let analysis = crate::analyze(SourceFile::new("draft.md", draft));
        let mut out = crate::findings::Findings::default();
        let check = || MixedAttributionTense.check(&analysis, &Settings::default(), &mut out);
        let ((), held) = crate::budget::peak_held(check);
        // three ordered sets of the verbs' spans and a list of the quotes held 120 bytes a quote
        assert!(held < 3000 * 40, "{held} bytes held for 3,000 quotes");
        let found = out.into_vec(&analysis.file.text);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("2000 in the past (said), 1000 in the present"), "{}", found[0].message);
    }

    #[test]
    fn a_mix_is_reported_once_at_the_minority_tense() {
        let draft = "“The bridge is safe,” said Ana Ruiz, the mayor.\n\n“It opens in May,” she said.\n\n“We are ready,” she adds.\n";
        let found = findings(draft, HouseStyle::Standard);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("2 in the past"), "{}", found[0].message);
    }
}
