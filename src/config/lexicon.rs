//! The newsroom's `[extend]` lists as a lexicon: the built-in word lists
//! plus the additions, written out in each rule file's own schema and read
//! by the lexicon's own parser, so both go through the same checks.

use crate::attribution::ChannelKind;
use crate::lexicon::{Language, Lexicon, LexiconError, RuleSources};
use crate::settings::{ExtraLists, ExtraVerbClass};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct VerbFile<'a> {
    verb: Vec<VerbRow<'a>>,
}

#[derive(Serialize)]
struct VerbRow<'a> {
    forms: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    particle: Option<&'a str>,
    class: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    why: Option<&'a str>,
}

#[derive(Serialize)]
struct OutletFile<'a> {
    outlet: Vec<OutletRow<'a>>,
}

#[derive(Serialize)]
struct OutletRow<'a> {
    name: &'a str,
    aliases: &'a [String],
    slot_only: &'a [String],
    state: bool,
}

#[derive(Serialize)]
struct AnonymousFile<'a> {
    anonymous: &'a [String],
    justification: Vec<JustificationRow<'a>>,
}

#[derive(Serialize)]
struct JustificationRow<'a> {
    phrase: &'a str,
}

#[derive(Serialize)]
struct VagueFile<'a> {
    speakers: &'a [String],
    weasel: &'a [String],
}

#[derive(Serialize)]
struct ChannelFile<'a> {
    channel: Vec<ChannelRow<'a>>,
}

#[derive(Serialize)]
struct ChannelRow<'a> {
    kind: &'static str,
    phrases: Vec<&'a str>,
}

#[derive(Serialize)]
struct TitleFile<'a> {
    titles: &'a [String],
}

#[derive(Serialize)]
struct RoleFile<'a> {
    roles: &'a [String],
}

fn kind_name(kind: ChannelKind) -> &'static str {
    match kind {
        ChannelKind::Interview => "interview",
        ChannelKind::Statement => "statement",
        ChannelKind::Briefing => "briefing",
        ChannelKind::Social => "social",
        ChannelKind::Document => "document",
        ChannelKind::Relayed => "relayed",
        ChannelKind::Other => "other",
    }
}

fn to_toml<T: Serialize>(value: &T) -> Result<String, LexiconError> {
    toml::to_string(value).map_err(|e| LexiconError { file: "[extend]".to_string(), message: e.to_string() })
}

/// The built-in lexicon extended with `extra`.
pub fn extended_lexicon(extra: &ExtraLists) -> Result<Lexicon, LexiconError> {
    extended_lexicon_for(extra, Language::En)
}

/// The built-in lexicon of `language` extended with `extra`.
pub fn extended_lexicon_for(extra: &ExtraLists, language: Language) -> Result<Lexicon, LexiconError> {
    let verbs = VerbFile {
        verb: extra
            .speech_verbs
            .iter()
            .map(|v| {
                let (class, why) = match &v.class {
                    ExtraVerbClass::Neutral => ("neutral", None),
                    ExtraVerbClass::Loaded { why } => ("loaded", Some(why.as_str())),
                    ExtraVerbClass::NonSpeech => ("non-speech", None),
                    ExtraVerbClass::Mental => ("mental", None),
                };
                VerbRow { forms: &v.forms, particle: v.particle.as_deref(), class, why }
            })
            .collect(),
    };
    let outlets = OutletFile {
        outlet: extra
            .outlets
            .iter()
            .map(|o| OutletRow { name: &o.name, aliases: &o.aliases, slot_only: &o.slot_only, state: o.state })
            .collect(),
    };
    let anonymous = AnonymousFile {
        anonymous: &extra.anonymous,
        justification: extra.justifications.iter().map(|p| JustificationRow { phrase: p }).collect(),
    };
    let vague = VagueFile { speakers: &extra.vague, weasel: &extra.weasel };
    let mut by_kind: BTreeMap<&'static str, Vec<&str>> = BTreeMap::new();
    for c in &extra.channels {
        by_kind.entry(kind_name(c.kind)).or_default().push(&c.phrase);
    }
    let channels =
        ChannelFile { channel: by_kind.into_iter().map(|(kind, phrases)| ChannelRow { kind, phrases }).collect() };
    let texts = [
        to_toml(&verbs)?,
        to_toml(&outlets)?,
        to_toml(&anonymous)?,
        to_toml(&vague)?,
        to_toml(&channels)?,
        to_toml(&TitleFile { titles: &extra.titles })?,
        to_toml(&RoleFile { roles: &extra.roles })?,
    ];
    let sources = RuleSources {
        speech_verbs: Some(&texts[0]),
        outlets: Some(&texts[1]),
        anonymous: Some(&texts[2]),
        vague: Some(&texts[3]),
        channels: Some(&texts[4]),
        titles: Some(&texts[5]),
        roles: Some(&texts[6]),
        grammar: None,
    };
    let additions = Lexicon::from_sources(&sources)?;
    let mut lexicon = Lexicon::from_sources(&RuleSources::builtin_for(language))?;
    lexicon.extend(additions)?;
    Ok(lexicon)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::{PhraseList, VerbClass};

    #[test]
    fn additions_are_found_alongside_the_builtin_lists() {
        let settings = crate::config::parse(
            r#"
[extend]
outlets = [{ name = "Valley Courier", aliases = ["the Courier"] }]
speech-verbs = [{ forms = ["kvetch", "kvetches", "kvetched", "kvetching"], class = "loaded", why = "sounds flippant" }]
anonymous = ["a person close to the (club|board)"]
justifications = ["because the talks are private"]
vague = ["some harbour users"]
weasel = ["it is said in the port that"]
channels = [{ phrase = "on the harbour radio", kind = "interview" }]
roles = ["harbourmaster"]
titles = ["Cllr"]
"#,
            "q.toml",
        )
        .expect("valid config");
        let lex = extended_lexicon(&settings.extra).expect("lexicon builds");
        assert_eq!(
            lex.verb("kvetched").map(|v| &v.class),
            Some(&VerbClass::Loaded { why: "sounds flippant".into() })
        );
        assert!(lex.verb("said").is_some(), "the built-in verbs stay");
        assert_eq!(lex.find_outlets("as the Courier reported").len(), 1);
        assert!(!lex.find_outlets("said AFP").is_empty(), "the built-in outlets stay");
        let anon = lex.find_phrases(PhraseList::Anonymous, "said a person close to the board on Monday");
        assert_eq!(anon.len(), 1);
        let just = lex.find_phrases(PhraseList::Justification, "not named because the talks are private");
        assert_eq!(just.len(), 1);
        assert_eq!(lex.find_phrases(PhraseList::VagueSpeaker, "some harbour users said").len(), 1);
        assert_eq!(lex.find_phrases(PhraseList::Weasel, "it is said in the port that fees rise").len(), 1);
        let channel = lex.find_phrases(PhraseList::Channel, "she said on the harbour radio");
        assert_eq!(channel.first().and_then(|m| m.channel), Some(ChannelKind::Interview));
        assert!(lex.is_role_noun("harbourmaster"));
        assert!(lex.is_title("Cllr"));
        // Without additions, the lexicon holds exactly the built-in lists.
        let plain = extended_lexicon(&ExtraLists::default()).expect("builds");
        assert_eq!(plain.counts(), Lexicon::builtin().counts());
        assert!(plain.verb("kvetched").is_none());
    }
}
