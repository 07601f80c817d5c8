//! The TOML schemas of `rules/*.toml` (documented at the top of each file),
//! parsed into plain entries.

use super::ChannelKind;
use super::{LexiconError, Outlet, RuleSources, Str, VerbClass, VerbForm};
use serde::Deserialize;
use std::borrow::Cow;

/// A speech verb lemma with its inflections, as written in speech-verbs.toml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbEntry {
    /// base, present, past, participle, past participle
    pub forms: [String; 5],
    pub particle: Option<String>,
    pub class: VerbClass,
    /// More finite forms than the English slots hold (French "déclarent",
    /// "déclarait"), each with the slot it counts as.
    pub more: Vec<(VerbForm, String)>,
    /// Forms far more often nouns than this verb ("rates"): never read as it.
    pub nouns: Vec<String>,
}

/// A phrase template from one of the phrase lists. The template borrows
/// from the tables build.rs wrote for the built-in lists (no allocation at
/// start-up).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseEntry {
    pub template: Str,
    pub channel: Option<ChannelKind>,
    pub boilerplate: bool,
}

impl PhraseEntry {
    fn plain(template: String) -> Self {
        PhraseEntry { template: template.into(), channel: None, boilerplate: false }
    }
}

/// Everything the rule files hold, before indexing.
#[derive(Debug, Clone, Default)]
pub struct Data {
    pub verbs: Vec<VerbEntry>,
    pub outlets: Vec<Outlet>,
    pub anonymous: Vec<PhraseEntry>,
    pub justification: Vec<PhraseEntry>,
    pub vague_speakers: Vec<PhraseEntry>,
    pub weasel: Vec<PhraseEntry>,
    pub channels: Vec<PhraseEntry>,
    pub titles: Vec<String>,
    pub abbreviations: Vec<String>,
    pub states: Vec<String>,
    pub roles: Vec<String>,
    pub org_heads: Vec<String>,
    pub generic_orgs: Vec<String>,
    pub bystanders: Vec<String>,
    pub documents: Vec<String>,
    /// Function words of the language and the English words the engine reads them as.
    pub gloss: Vec<(String, String)>,
    pub elisions: Vec<String>,
    pub unsplit: Vec<String>,
    pub inverted: Vec<String>,
}

impl Data {
    pub fn append(&mut self, other: Data) {
        self.verbs.extend(other.verbs);
        self.outlets.extend(other.outlets);
        self.anonymous.extend(other.anonymous);
        self.justification.extend(other.justification);
        self.vague_speakers.extend(other.vague_speakers);
        self.weasel.extend(other.weasel);
        self.channels.extend(other.channels);
        self.titles.extend(other.titles);
        self.abbreviations.extend(other.abbreviations);
        self.states.extend(other.states);
        self.roles.extend(other.roles);
        self.org_heads.extend(other.org_heads);
        self.generic_orgs.extend(other.generic_orgs);
        self.bystanders.extend(other.bystanders);
        self.documents.extend(other.documents);
        self.gloss.extend(other.gloss);
        self.elisions.extend(other.elisions);
        self.unsplit.extend(other.unsplit);
        self.inverted.extend(other.inverted);
    }
}

fn parse<'de, T: Deserialize<'de>>(file: &str, text: &'de str) -> Result<T, LexiconError> {
    toml::from_str(text).map_err(|e| LexiconError::new(file, e.to_string()))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VerbFile {
    #[serde(default)]
    verb: Vec<VerbRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VerbRow {
    forms: Vec<String>,
    particle: Option<String>,
    class: ClassName,
    why: Option<String>,
    /// More present forms (French plurals).
    #[serde(default)]
    present: Vec<String>,
    /// More past forms (French imparfait, passé simple, agreed participles).
    #[serde(default)]
    past: Vec<String>,
    /// Forms that are nouns in news copy ("interest rates"), left unread.
    #[serde(default)]
    nouns: Vec<String>,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
enum ClassName {
    Neutral,
    Loaded,
    NonSpeech,
    Mental,
}

pub fn verbs(file: &str, text: &str) -> Result<Vec<VerbEntry>, LexiconError> {
    let rows = parse::<VerbFile>(file, text)?.verb;
    rows.into_iter().map(|row| verb_entry(row).map_err(|m| LexiconError::new(file, m))).collect()
}

fn verb_entry(row: VerbRow) -> Result<VerbEntry, String> {
    let lemma = row.forms.first().cloned().unwrap_or_default();
    let class = match (row.class, row.why) {
        (ClassName::Loaded, Some(why)) if !why.trim().is_empty() => VerbClass::Loaded { why: why.into() },
        (ClassName::Loaded, _) => return Err(format!("loaded verb {lemma:?} needs a `why`")),
        (_, Some(_)) => return Err(format!("only loaded verbs take a `why` ({lemma:?})")),
        (ClassName::Neutral, None) => VerbClass::Neutral,
        (ClassName::NonSpeech, None) => VerbClass::NonSpeech,
        (ClassName::Mental, None) => VerbClass::Mental,
    };
    let mut forms = row.forms.iter().map(|f| f.trim().to_lowercase());
    let mut next = || forms.next().filter(|f| !f.is_empty());
    let (Some(base), Some(present), Some(past), Some(participle)) = (next(), next(), next(), next()) else {
        return Err(format!("verb {lemma:?} needs four forms: base, present, past, participle"));
    };
    let past_participle = next().unwrap_or_else(|| past.clone());
    if next().is_some() {
        return Err(format!("verb {lemma:?} has more than five forms"));
    }
    let particle = row.particle.map(|p| p.trim().to_lowercase());
    let more =
        row.present.iter().map(|f| (VerbForm::Present, f)).chain(row.past.iter().map(|f| (VerbForm::Past, f)));
    let more = more.map(|(form, f)| (form, f.trim().to_lowercase())).filter(|(_, f)| !f.is_empty()).collect();
    let forms = [base, present, past, participle, past_participle];
    let nouns: Vec<String> = row.nouns.iter().map(|f| f.trim().to_lowercase()).collect();
    if let Some(stray) = nouns.iter().find(|n| !forms.contains(n)) {
        return Err(format!("verb {lemma:?}: {stray:?} in `nouns` is not one of its forms"));
    }
    Ok(VerbEntry { forms, particle, class, more, nouns })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OutletFile {
    #[serde(default)]
    outlet: Vec<OutletRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OutletRow {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    slot_only: Vec<String>,
    #[serde(default)]
    state: bool,
}

pub fn outlets(file: &str, text: &str) -> Result<Vec<Outlet>, LexiconError> {
    let rows = parse::<OutletFile>(file, text)?.outlet;
    let outlets = rows.into_iter().map(|r| Outlet {
        name: Cow::Owned(r.name),
        aliases: r.aliases.into_iter().map(Cow::Owned).collect(),
        slot_only: r.slot_only.into_iter().map(Cow::Owned).collect(),
        state: r.state,
    });
    Ok(outlets.collect())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnonymousFile {
    #[serde(default)]
    anonymous: Vec<String>,
    #[serde(default)]
    justification: Vec<JustificationRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JustificationRow {
    phrase: String,
    #[serde(default)]
    boilerplate: bool,
}

pub fn anonymous(file: &str, text: &str, data: &mut Data) -> Result<(), LexiconError> {
    let parsed: AnonymousFile = parse(file, text)?;
    data.anonymous.extend(parsed.anonymous.into_iter().map(PhraseEntry::plain));
    let just = parsed.justification.into_iter();
    data.justification
        .extend(just.map(|j| PhraseEntry { boilerplate: j.boilerplate, ..PhraseEntry::plain(j.phrase) }));
    Ok(())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VagueFile {
    #[serde(default)]
    speakers: Vec<String>,
    #[serde(default)]
    weasel: Vec<String>,
}

pub fn vague(file: &str, text: &str, data: &mut Data) -> Result<(), LexiconError> {
    let parsed: VagueFile = parse(file, text)?;
    data.vague_speakers.extend(parsed.speakers.into_iter().map(PhraseEntry::plain));
    data.weasel.extend(parsed.weasel.into_iter().map(PhraseEntry::plain));
    Ok(())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChannelFile {
    #[serde(default)]
    channel: Vec<ChannelRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChannelRow {
    kind: ChannelKind,
    phrases: Vec<String>,
}

pub fn channels(file: &str, text: &str) -> Result<Vec<PhraseEntry>, LexiconError> {
    let rows = parse::<ChannelFile>(file, text)?.channel;
    let entries = rows.into_iter().flat_map(|row| {
        let kind = row.kind;
        row.phrases.into_iter().map(move |p| PhraseEntry { channel: Some(kind), ..PhraseEntry::plain(p) })
    });
    Ok(entries.collect())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TitleFile {
    #[serde(default)]
    titles: Vec<String>,
    #[serde(default)]
    abbreviations: Vec<String>,
    #[serde(default)]
    states: Vec<String>,
}

pub fn titles(file: &str, text: &str, data: &mut Data) -> Result<(), LexiconError> {
    let parsed: TitleFile = parse(file, text)?;
    data.titles.extend(parsed.titles);
    data.abbreviations.extend(parsed.abbreviations);
    data.states.extend(parsed.states);
    Ok(())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleFile {
    #[serde(default)]
    roles: Vec<String>,
    #[serde(default)]
    org_heads: Vec<String>,
    #[serde(default)]
    generic_orgs: Vec<String>,
    #[serde(default)]
    bystanders: Vec<String>,
    #[serde(default)]
    documents: Vec<String>,
}

pub fn roles(file: &str, text: &str, data: &mut Data) -> Result<(), LexiconError> {
    let parsed: RoleFile = parse(file, text)?;
    data.roles.extend(parsed.roles);
    data.org_heads.extend(parsed.org_heads);
    data.generic_orgs.extend(parsed.generic_orgs);
    data.bystanders.extend(parsed.bystanders);
    data.documents.extend(parsed.documents);
    Ok(())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GrammarFile {
    #[serde(default)]
    gloss: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    elisions: Vec<String>,
    #[serde(default)]
    unsplit: Vec<String>,
    #[serde(default)]
    inverted: Vec<String>,
}

pub fn grammar(file: &str, text: &str, data: &mut Data) -> Result<(), LexiconError> {
    let parsed: GrammarFile = parse(file, text)?;
    let lower = |w: &String| w.trim().to_lowercase().replace('’', "'");
    for (word, english) in &parsed.gloss {
        let word = lower(word);
        let word = word.trim_end_matches('\'').to_string();
        if word.is_empty() || english.trim().is_empty() {
            return Err(LexiconError::new(file, format!("an empty gloss ({word:?} = {english:?})")));
        }
        data.gloss.push((word, english.trim().to_lowercase()));
    }
    data.elisions.extend(parsed.elisions.iter().map(lower));
    data.unsplit.extend(parsed.unsplit.iter().map(lower));
    data.inverted.extend(parsed.inverted.iter().map(lower));
    Ok(())
}

/// Parses rule files; missing ones contribute nothing.
pub fn read_sources(s: &RuleSources<'_>) -> Result<Data, LexiconError> {
    let mut data = Data::default();
    if let Some(text) = s.speech_verbs {
        data.verbs = verbs("speech-verbs.toml", text)?;
    }
    if let Some(text) = s.outlets {
        data.outlets = outlets("outlets.toml", text)?;
    }
    if let Some(text) = s.channels {
        data.channels = channels("channels.toml", text)?;
    }
    let parts = [
        (s.grammar, "grammar.toml", grammar as fn(&str, &str, &mut Data) -> _),
        (s.anonymous, "anonymous.toml", anonymous),
        (s.vague, "vague.toml", vague),
        (s.titles, "titles.toml", titles),
        (s.roles, "roles.toml", roles),
    ];
    for (text, file, read) in parts {
        if let Some(text) = text {
            read(file, text, &mut data)?;
        }
    }
    Ok(data)
}
