//! QN001: a quoted person first mentioned by a single name with nothing to identify them.

use super::helpers::speech_quotes;
use super::{Rule, RuleMeta};
use crate::analysis::words::{ProseWord, ProseWords};
use crate::analysis::Analysis;
use crate::attribution::SpeakerKind;
use crate::diagnostic::{Diagnostic, Severity};
use crate::findings::Findings;
use crate::lexicon::{FastHash, Lexicon};
use crate::markdown::{BlockKind, ProseBlock};
use crate::settings::Settings;
use std::collections::{HashMap, HashSet};

pub struct FirstReferenceIncomplete;

static META: RuleMeta = RuleMeta {
    code: "QN001",
    name: "first-reference-incomplete",
    severity: Severity::Warning,
    summary: "A quoted person is first mentioned by one name, with no title or description.",
    doc: DOC,
};

const DOC: &str = r#"## What it checks

Every person who is quoted, at their first mention in the story. The mention
is reported when it is a single capitalised name ("Smith") with no title
before it ("Dr", "Mayor", "Sen.") and no description after it (", a nurse",
", who …"), and the story never gives the full name anywhere. To stay clear of
organisations and places, it checks only quotes attributed with the bare
name itself, and skips words used with "the", words that start a longer name
("United States") and plurals or adjectives ("Republicans", "Libertarian").

## Why editors care

The AP Stylebook and the Reuters Handbook both ask for a person's full name on
first reference, and Reuters for their position too: "Smith said" leaves the
reader unable to tell who is speaking or why their words matter. It is also
the usual sign that the paragraph introducing the speaker was cut.

## Example

```markdown
The pharmacy on Elm Street closed on Monday.

“We could not find staff,” Novak said.
```

## How to fix

Give the full name and who the person is on first reference.

```markdown
The pharmacy on Elm Street closed on Monday.

“We could not find staff,” said Irena Novak, who owned the pharmacy.
```
"#;

/// "America's", "Democratic", "Japanese": a possessive or an adjective of
/// place or party, not a person's surname.
fn not_a_surname(name: &str) -> bool {
    name.ends_with("'s")
        || name.ends_with("’s")
        || ["ic", "an", "ese", "ish"].iter().any(|end| name.ends_with(end) && name.len() > 5)
}

/// A headline ("Politifact: …") and the deck under it ("Talk compared to
/// …") name nobody properly, and the story below them introduces them.
/// The headline is a short first block of a draft of more than a few; the
/// deck a short second block under a headline that is no sentence (a short
/// lede that ends in a full stop is the story itself).
/// Returns the source range they cover, found once a draft.
fn headline_range(analysis: &Analysis) -> std::ops::Range<usize> {
    let blocks = &analysis.doc.blocks;
    let short = |b: &ProseBlock| b.text.split_whitespace().nth(20).is_none();
    let (Some(head), Some(deck)) = (blocks.first(), blocks.get(1)) else { return 0..0 };
    if blocks.len() <= 3 || !short(head) {
        return 0..0;
    }
    let headline = !head.text.trim_end().ends_with(['.', '!', '?', '"', '”']);
    if headline && short(deck) {
        head.span().start..deck.span().end
    } else {
        head.span().start..head.span().end
    }
}

impl Rule for FirstReferenceIncomplete {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, analysis: &Analysis, settings: &Settings, out: &mut Findings) {
        let lexicon = settings.lexicon();
        let headline = headline_range(analysis);
        let candidates = candidates(analysis, lexicon, &headline);
        if candidates.is_empty() {
            return; // most drafts: no index of their words to build
        }
        let checked: HashSet<&str, FastHash> = candidates.iter().copied().collect();
        let names = NameIndex::new(analysis, &checked);
        for &name in &candidates {
            crate::budget::tick();
            // The first mention of the name anywhere in the prose.
            let first = names.mentions.get(name).into_iter().flatten().find_map(|&(b, i)| {
                let (block, words) = (analysis.doc.blocks.get(b)?, names.words.block(b));
                (!not_a_reference(analysis, block, words, i, lexicon)).then_some((block, words, i))
            });
            let Some((block, words, i)) = first else { continue };
            // a headline abbreviates; the story below it does the introducing
            if headline.contains(&block.span().start) {
                continue;
            }
            let text = &block.text;
            let word = |j: usize| words.get(j).and_then(|w| text.get(w.range())).unwrap_or_default();
            let prev = i.checked_sub(1).map(word).unwrap_or_default();
            let between_prev = i
                .checked_sub(1)
                .and_then(|j| text.get(words[j].range().end..words[i].range().start))
                .unwrap_or_default();
            // "Jane Novak", "Dr Novak", "Mayor Novak": a longer name or a title
            if (between_prev.trim().is_empty() || between_prev.trim() == ".")
                && (prev.chars().next().is_some_and(char::is_uppercase) || lexicon.is_title(prev))
            {
                continue;
            }
            // "the Kremlin", "United States": not a person's bare surname
            if prev.eq_ignore_ascii_case("the") {
                continue;
            }
            // as the text reads: the spaces a kept line break holds before its
            // line feed are not the space after an appositive's comma
            let after = block.as_read(text.get(words[i].range().end..).unwrap_or_default());
            let after = &*after;
            if after.strip_prefix(' ').is_some_and(|a| a.starts_with(char::is_uppercase)) {
                continue;
            }
            let after = after.trim_start_matches(['’', '\'', 's']);
            // "Novak, a pharmacist," / "Novak, who …" / "Novak (a nurse)"
            let appositive = after.starts_with(", ") || after.starts_with(" (") || after.starts_with(" —");
            if appositive {
                continue;
            }
            // the full name somewhere else: "Irena Novak" later in the story
            if names.after_capital.contains(name) {
                continue;
            }
            let span = block.source_span(words[i].range());
            out.push(
                Diagnostic::new(
                    &META,
                    &analysis.file.path,
                    span,
                    format!("“{name}” is quoted, but first mentioned with no first name, title or description"),
                )
                .with_primary_label("first reference")
                .with_help(format!("give the full name and position here: `Jane {name}, a nurse at the clinic,`")),
            );
        }
    }
}

/// The names of quoted people that are one bare capitalised word as
/// attributed ("Novak said"), each once, in the order first quoted.
fn candidates<'a>(analysis: &'a Analysis, lexicon: &Lexicon, headline: &std::ops::Range<usize>) -> Vec<&'a str> {
    let mut seen = HashSet::new();
    let mut found = Vec::new();
    for (_, _, a) in speech_quotes(analysis) {
        crate::budget::tick();
        let Some(s) = &a.speaker else { continue };
        let Some(name) = &s.name else { continue };
        if s.kind != SpeakerKind::Person || name.split_whitespace().count() != 1 || !seen.insert(&**name) {
            continue;
        }
        if !name.chars().next().is_some_and(char::is_uppercase)
            || name.chars().all(|c| !c.is_lowercase())
            || !s.mention.trim().eq(&**name)
            || looks_like_group(name)
            || lexicon.is_org_head(name)
            || not_a_surname(name)
            || headline.contains(&s.span().start)
        {
            continue;
        }
        found.push(&**name);
    }
    found
}

/// The words of every block, looked through once for the names checked.
struct NameIndex<'a> {
    /// The analysis's words, read in place (a copy of their ranges was as
    /// large as the tokens).
    words: &'a ProseWords,
    /// Each name checked (possessive ending dropped) → where it is, in
    /// reading order: (block, word). Only the names checked: an index of
    /// every capitalised word took more than the rest of the rule in a
    /// long draft.
    mentions: HashMap<&'a str, Vec<(usize, usize)>>,
    /// The names checked that follow a capitalised word and one space
    /// somewhere: a full name's last word.
    after_capital: HashSet<&'a str>,
}

impl<'a> NameIndex<'a> {
    fn new(analysis: &'a Analysis, checked: &HashSet<&str, FastHash>) -> Self {
        let words = &analysis.words;
        let mut mentions: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
        let mut after_capital = HashSet::new();
        for (b, block) in analysis.doc.blocks.iter().enumerate() {
            let ws = words.block(b);
            crate::budget::tick();
            let text = &*block.text;
            for (i, w) in ws.iter().enumerate() {
                let r = w.range();
                if starts_lower_ascii(text, r.start) {
                    continue;
                }
                let word = bare(text.get(r.clone()).unwrap_or_default());
                if !word.starts_with(char::is_uppercase) || !checked.contains(word) {
                    continue;
                }
                mentions.entry(word).or_default().push((b, i));
                let Some(prev) = i.checked_sub(1).and_then(|p| ws.get(p)).map(ProseWord::range) else { continue };
                let capital = text.get(prev.clone()).is_some_and(|x| x.starts_with(char::is_uppercase));
                if capital && text.get(prev.end..r.start) == Some(" ") {
                    after_capital.insert(word);
                }
            }
        }
        NameIndex { words, mentions, after_capital }
    }
}

/// A capitalised word that opens a list item, sits in bold as a label
/// ("**Decision:**"), or opens a sentence without reporting speech
/// ("Remember the reader …") is capitalised for its place, not as a name.
fn not_a_reference(
    analysis: &Analysis,
    block: &ProseBlock,
    words: &[ProseWord],
    i: usize,
    lexicon: &Lexicon,
) -> bool {
    let text = &block.text;
    let Some(range) = words.get(i).map(ProseWord::range) else { return false };
    let before = text.get(..range.start).unwrap_or_default().trim_end_matches([' ', '\t']);
    let opens_block = before.trim().is_empty();
    let span = block.source_span(range.clone());
    let source = &*analysis.file.text;
    let bold = source.get(..span.start).is_some_and(|s| s.ends_with("**") || s.ends_with("__"));
    if bold || (opens_block && block.kind() == BlockKind::ListItem) {
        return true;
    }
    let opens_sentence = opens_block || before.ends_with(['.', '!', '?', ':', '\n']);
    let next = words.get(i + 1).and_then(|w| text.get(w.range())).unwrap_or_default();
    let reports = lexicon.verb(next).is_some();
    opens_sentence && next.starts_with(char::is_lowercase) && !reports
}

/// Whether the word at `at` of `text` starts with an ASCII byte that is no
/// capital: most words do, and are no name, told by their first byte
/// without being read.
fn starts_lower_ascii(text: &str, at: usize) -> bool {
    text.as_bytes().get(at).is_some_and(|b| b.is_ascii() && !b.is_ascii_uppercase())
}

/// A word without a possessive ending.
fn bare(word: &str) -> &str {
    word.strip_suffix("’s").or_else(|| word.strip_suffix("'s")).unwrap_or(word)
}

/// Plurals and demonyms the engine may take for a surname ("Republicans",
/// "Democrats", "Libertarian"): groups and adjectives, not people.
fn looks_like_group(name: &str) -> bool {
    ["ans", "ers", "ors", "ats", "ists", "ics", "ian", "ese", "ish", "ents", "ants"]
        .iter()
        .any(|end| name.ends_with(end))
        || name.ends_with("can")
        || looks_like_brand(name)
}

/// "PolitiFact", "YouTube": a capital inside the word after a lower-case
/// run that no surname prefix explains ("McNeil", "DeSantis", "MacLeod").
fn looks_like_brand(name: &str) -> bool {
    let inner =
        name.char_indices().skip(1).find(|&(i, c)| c.is_uppercase() && name[..i].chars().any(char::is_lowercase));
    inner.is_some_and(|(i, _)| {
        !["Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van", "Von", "Du", "O'", "O’"].contains(&&name[..i])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A word passed over by its first byte is one whose bare form starts with no capital.
    #[test]
    fn words_passed_over_by_their_first_byte_start_with_no_capital() {
        for word in ["novak", "novak’s", "3m", "'s", "Novak", "Émile", "éa", "Ωmega", "ωx", "_a", ""] {
            if starts_lower_ascii(word, 0) {
                assert!(!bare(word).starts_with(char::is_uppercase), "{word}");
            }
        }
        assert!(
            starts_lower_ascii("novak", 0) && !starts_lower_ascii("Novak", 0) && !starts_lower_ascii("Émile", 0)
        );
    }

    #[test]
    fn brands_and_groups_are_not_surnames() {
        assert!(looks_like_brand("PolitiFact"));
        assert!(looks_like_brand("YouTube"));
        assert!(!looks_like_brand("McNeil"));
        assert!(!looks_like_brand("DeSantis"));
        assert!(!looks_like_brand("Novak"));
        assert!(looks_like_group("Demonstrators"));
        assert!(!looks_like_group("Novak"));
    }

    /// A hard line break after "Novak," (spaces kept before the line feed)
    /// is no appositive's ", ": the bare surname is flagged as it is when
    /// the line simply ends there.
    #[test]
    fn a_kept_break_after_the_comma_is_no_appositive() {
        let codes = |draft: &str| {
            let analysis = crate::analysis::analyze(crate::source::SourceFile::new("d.md", draft));
            let settings = Settings::default();
            let mut out = Findings::default();
            FirstReferenceIncomplete.check(&analysis, &settings, &mut out);
            out.iter(draft).map(|d| d.span.start).collect::<Vec<_>>()
        };
        let plain = codes("“The pier reopens,” she Novak,\nsaid “The pier reopens.”\n");
        let kept = codes("“The pier reopens,” she Novak,   \nsaid “The pier reopens.”\n");
        assert_eq!(plain.len(), 1, "{plain:?}");
        assert_eq!(kept, plain);
        // a real appositive still introduces the name
        assert!(codes("“The pier reopens,” said Novak, a ferry pilot.\n").is_empty());
    }
}
