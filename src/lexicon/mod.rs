//! Word lists the attribution engine and sentence splitter rely on: speech
//! verbs, news outlets, titles, role nouns and the phrase lists (anonymous
//! sources, vague attributions, channels).
//!
//! The built-in lists live in `rules/*.toml` (each documents its schema) and
//! are embedded in the binary; [`Lexicon::builtin`] parses them once. A
//! configuration can add its own files with [`Lexicon::from_sources`] and
//! [`Lexicon::extend`].

mod data;
#[cfg(test)]
mod differential;
mod index;
mod matcher;
mod phrase;
mod spacing;
#[cfg(test)]
mod tests;
mod words;

use data::Data;
use index::Index;
/// The fast hash the word lists use, for other fixed word sets of the crate.
pub use matcher::FastHash;
use serde::{Deserialize, Serialize};
use spacing::OneSpaced;
use std::fmt;
use std::ops::Range;
use std::sync::{Arc, LazyLock};

/// The language a draft is written in: which word lists read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    #[default]
    En,
    Fr,
}

impl Language {
    /// A language by its BCP 47 tag's primary subtag: `fr`, `fr-CA`, `en_GB`.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "en" | "eng" | "english" => Some(Language::En),
            "fr" | "fra" | "fre" | "french" | "français" => Some(Language::Fr),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Fr => "fr",
        }
    }
}

/// A French (or other) word read as an English function word by the
/// attribution engine ("il" as "he"): a handle into the lexicon's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GlossId(u8);

/// How the words reached the writer: an interview, a statement, a post...
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChannelKind {
    Interview,
    Statement,
    Briefing,
    Social,
    Document,
    Relayed,
    Other,
}

/// Which inflection of a speech verb a word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VerbForm {
    /// "say"
    Base,
    /// "says"
    Present,
    /// "said" (also when the past participle is spelled the same)
    Past,
    /// "saying"
    Participle,
    /// "written", when it differs from the past
    PastParticiple,
}

/// What a verb does to the quote it introduces.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum VerbClass {
    /// Plain attribution ("said", "told").
    Neutral,
    /// Colours the quote ("claimed"); `why` is a one-line reason for the editor.
    Loaded { why: String },
    /// A gesture, not speech ("smiled", "shrugged").
    NonSpeech,
    /// A state of mind nobody can report ("believes", "thinks").
    Mental,
}

/// A word found in the speech-verb list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeechVerb {
    /// The dictionary form, with its particle: "say", "point out".
    pub lemma: String,
    pub form: VerbForm,
    pub class: VerbClass,
    /// For phrasal verbs, the word that must follow ("out" in "pointed out");
    /// the caller checks it, since only the verb itself is looked up.
    pub particle: Option<String>,
}

/// A speech verb form of one lexicon, as a small copyable handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct VerbId(u32);

/// A news outlet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outlet {
    pub name: String,
    /// Other spellings matched anywhere in text.
    pub aliases: Vec<String>,
    /// Spellings that are also ordinary words ("Time", "the Hill"), matched
    /// only where an outlet is expected (after "told", "quoted by", …).
    pub slot_only: Vec<String>,
    /// State-controlled or state-run (an editorial judgement kept in the data).
    pub state: bool,
}

/// The phrase lists [`Lexicon::find_phrases`] searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhraseList {
    /// "a person familiar with", "on condition of anonymity"
    Anonymous,
    /// Reasons for anonymity: "not authorized to speak"
    Justification,
    /// Speakers that name nobody: "experts", "the same source"
    VagueSpeaker,
    /// Claims attributed to nobody: "it is believed", "studies show"
    Weasel,
    /// How the words reached the writer: "told {outlet}", "in a statement"
    Channel,
}

impl PhraseList {
    pub const ALL: [PhraseList; 5] = [
        PhraseList::Anonymous,
        PhraseList::Justification,
        PhraseList::VagueSpeaker,
        PhraseList::Weasel,
        PhraseList::Channel,
    ];
}

/// One phrase found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseMatch<'a> {
    /// The whole phrase in the text, outlet included.
    pub range: Range<usize>,
    pub list: PhraseList,
    /// The rule-file template that matched ("told {outlet}").
    pub template: &'a str,
    /// For channel phrases, the channel kind.
    pub channel: Option<ChannelKind>,
    /// The outlet filling a `{outlet}` slot, and where it is.
    pub outlet: Option<(Range<usize>, &'a Outlet)>,
    /// For justifications, whether the reason is boilerplate.
    pub boilerplate: bool,
}

/// How an abbreviation behaves at a full stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AbbrevKind {
    /// A title before a name ("Dr.", "Sen."): never ends a sentence.
    Title,
    /// Any other ("U.S.", "a.m.", "Calif."): may end one.
    Other,
}

/// The text of each rule file; `None` leaves that part empty.
#[derive(Debug, Clone, Copy, Default)]
pub struct RuleSources<'a> {
    pub speech_verbs: Option<&'a str>,
    pub outlets: Option<&'a str>,
    pub anonymous: Option<&'a str>,
    pub vague: Option<&'a str>,
    pub channels: Option<&'a str>,
    pub titles: Option<&'a str>,
    pub roles: Option<&'a str>,
    /// How the language's function words stand to the engine's (rules/fr/grammar.toml).
    pub grammar: Option<&'a str>,
}

impl RuleSources<'static> {
    /// The files under `rules/`, embedded at compile time.
    pub fn builtin() -> Self {
        RuleSources {
            speech_verbs: Some(include_str!("../../rules/speech-verbs.toml")),
            outlets: Some(include_str!("../../rules/outlets.toml")),
            anonymous: Some(include_str!("../../rules/anonymous.toml")),
            vague: Some(include_str!("../../rules/vague.toml")),
            channels: Some(include_str!("../../rules/channels.toml")),
            titles: Some(include_str!("../../rules/titles.toml")),
            roles: Some(include_str!("../../rules/roles.toml")),
            grammar: None,
        }
    }

    /// The word lists of `language`: `rules/` for English, `rules/fr/` for
    /// French (news outlets are shared by every language).
    pub fn builtin_for(language: Language) -> Self {
        match language {
            Language::En => RuleSources::builtin(),
            Language::Fr => RuleSources {
                speech_verbs: Some(include_str!("../../rules/fr/speech-verbs.toml")),
                outlets: Some(include_str!("../../rules/outlets.toml")),
                anonymous: Some(include_str!("../../rules/fr/anonymous.toml")),
                vague: Some(include_str!("../../rules/fr/vague.toml")),
                channels: Some(include_str!("../../rules/fr/channels.toml")),
                titles: Some(include_str!("../../rules/fr/titles.toml")),
                roles: Some(include_str!("../../rules/fr/roles.toml")),
                grammar: Some(include_str!("../../rules/fr/grammar.toml")),
            },
        }
    }
}

/// A rule file that could not be used.
/// Checks a template in the phrase syntax (`(a|b)` groups, one `{outlet}`
/// slot), as the lexicon will when it is built, so that a config file's
/// error can point at the phrase itself.
pub fn check_phrase(template: &str) -> Result<(), String> {
    phrase::expand(template).map(|_| ())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    /// Which file ("speech-verbs.toml").
    pub file: String,
    pub message: String,
}

impl LexiconError {
    fn new(file: &str, message: impl Into<String>) -> Self {
        LexiconError { file: file.to_string(), message: message.into() }
    }
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

impl std::error::Error for LexiconError {}

/// The parsed word lists, indexed for lookup.
pub struct Lexicon {
    /// The entries as read, kept so `extend` can rebuild the index.
    data: Data,
    index: Index,
}

impl fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Lexicon")
            .field("verbs", &self.data.verbs.len())
            .field("outlets", &self.data.outlets.len())
            .finish_non_exhaustive()
    }
}

static BUILTIN: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::from_sources(&RuleSources::builtin())
        .expect("the built-in rules/*.toml must parse (the lexicon unit tests check this)")
});

static BUILTIN_FR: LazyLock<Arc<Lexicon>> = LazyLock::new(|| {
    Arc::new(
        Lexicon::from_sources(&RuleSources::builtin_for(Language::Fr))
            .expect("the built-in rules/fr/*.toml must parse (the lexicon unit tests check this)"),
    )
});

impl Lexicon {
    /// The built-in lists, parsed on first use.
    pub fn builtin() -> &'static Lexicon {
        &BUILTIN
    }

    /// The built-in lists of `language`, parsed on first use.
    pub fn builtin_for(language: Language) -> &'static Lexicon {
        match language {
            Language::En => &BUILTIN,
            Language::Fr => &BUILTIN_FR,
        }
    }

    /// The built-in lists of a language other than English, shared.
    pub fn builtin_shared(language: Language) -> Option<Arc<Lexicon>> {
        (language != Language::En).then(|| Arc::clone(&BUILTIN_FR))
    }

    /// The English function word a word of the draft's language is read as
    /// ("il" → "he"), by its lower-case form, an elided one ("l’") with its apostrophe.
    pub fn gloss_id(&self, lower: &str) -> Option<GlossId> {
        if self.index.gloss.is_empty() {
            return None;
        }
        let bare = lower.trim_end_matches(['\'', '’']);
        let found = if bare.contains('’') || bare.chars().any(char::is_uppercase) {
            self.index.gloss.get(&bare.to_lowercase().replace('’', "'"))
        } else {
            self.index.gloss.get(bare)
        };
        found.map(|&id| GlossId(id))
    }

    /// The English word a [`GlossId`] of this lexicon stands for.
    pub fn gloss(&self, id: GlossId) -> &str {
        self.index.gloss_words.get(id.0 as usize).map_or("", String::as_str)
    }

    /// [`Lexicon::gloss_id`] and [`Lexicon::gloss`] in one.
    pub fn gloss_of(&self, word: &str) -> Option<&str> {
        self.gloss_id(word).map(|id| self.gloss(id))
    }

    /// Whether the language writes words the tokenizer must split
    /// (elisions, inverted pronouns): French does, English does not.
    pub fn splits_words(&self) -> bool {
        !self.index.elisions.is_empty() || !self.index.inverted.is_empty()
    }

    /// The length in bytes of an elided word leading `word`, apostrophe
    /// included ("l’" of "l’AFP", "qu'" of "qu'il"), unless the word stays whole.
    pub fn elision_len(&self, word: &str) -> Option<usize> {
        let (at, mark) = word.char_indices().find(|&(_, c)| c == '\'' || c == '’')?;
        let end = at + mark.len_utf8();
        let rest = word.get(end..)?;
        let head = word.get(..at)?.to_lowercase();
        let whole = word.to_lowercase().replace('’', "'");
        let elided =
            !rest.is_empty() && self.index.elisions.contains(&head) && !self.index.unsplit.contains(&whole);
        elided.then_some(end)
    }

    /// For a verb with its subject pronoun after it ("a-t-il", "dit-elle"):
    /// the byte length of the verb and where the pronoun starts.
    pub fn inverted_pronoun(&self, word: &str) -> Option<(usize, usize)> {
        let dash = word.rfind('-')?;
        let pronoun = word.get(dash + 1..)?;
        if !self.index.inverted.contains(&pronoun.to_lowercase()) {
            return None;
        }
        let head = word.get(..dash)?;
        let verb = head.strip_suffix("-t").or_else(|| head.strip_suffix("-T")).unwrap_or(head);
        (!verb.is_empty() && !verb.ends_with('-')).then_some((verb.len(), dash + 1))
    }

    /// Parses rule files; missing ones contribute nothing.
    pub fn from_sources(sources: &RuleSources<'_>) -> Result<Lexicon, LexiconError> {
        let data = read_sources(sources)?;
        let index = Index::build(&data)?;
        Ok(Lexicon { data, index })
    }

    /// Adds `other`'s entries. Where both define the same verb form or outlet
    /// spelling, `other` wins, so a house style can reclassify a verb.
    pub fn extend(&mut self, other: Lexicon) -> Result<(), LexiconError> {
        let mut data = self.data.clone();
        data.append(other.data);
        self.index = Index::build(&data)?;
        self.data = data;
        Ok(())
    }

    /// Looks up a speech verb form, ignoring case: "Said" → say, Past.
    pub fn verb(&self, word: &str) -> Option<&SpeechVerb> {
        self.verb_id(word).and_then(|id| self.verb_by_id(id))
    }

    /// The form `form` of the verb `word` is a form of, in `word`'s case:
    /// ("Says", Past) → "Said". For fixes, so a plain scan of the list.
    pub fn inflect(&self, word: &str, form: VerbForm) -> Option<String> {
        let lower = word.trim().to_lowercase();
        let entry = self.data.verbs.iter().rev().find(|e| e.forms.contains(&lower))?;
        let index = match form {
            VerbForm::Base => 0,
            VerbForm::Present => 1,
            VerbForm::Past => 2,
            VerbForm::Participle => 3,
            VerbForm::PastParticiple if entry.forms[4].is_empty() => 2,
            VerbForm::PastParticiple => 4,
        };
        let wanted = entry.forms[index].as_str();
        let mut chars = word.trim().chars();
        Some(match chars.next() {
            _ if word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) => wanted.to_uppercase(),
            Some(first) if first.is_uppercase() => {
                let mut rest = wanted.chars();
                rest.next().map(|c| c.to_uppercase().chain(rest).collect()).unwrap_or_default()
            }
            _ => wanted.to_string(),
        })
    }

    /// [`Lexicon::verb`] as a small handle, for tables computed once per draft.
    pub fn verb_id(&self, word: &str) -> Option<VerbId> {
        let word = word.trim();
        let id = if word.chars().any(char::is_uppercase) {
            self.index.verbs.get(&word.to_lowercase())
        } else {
            self.index.verbs.get(word)
        };
        id.map(|&id| VerbId(id))
    }

    /// The verb a [`VerbId`] from this lexicon's [`Lexicon::verb_id`] stands
    /// for (an id from another lexicon may name another verb, or none).
    pub fn verb_by_id(&self, id: VerbId) -> Option<&SpeechVerb> {
        self.index.verb_entries.get(id.0 as usize)
    }

    /// Whether `word` is a title before a name ("Sen.", "Sen", "President").
    pub fn is_title(&self, word: &str) -> bool {
        words::lookup_cased(&self.index.titles, word.trim().trim_end_matches('.'))
    }

    /// [`Lexicon::is_title`] for a word whose lower-case form is at hand
    /// (saves folding it again on the hot path).
    pub fn is_title_folded(&self, word: &str, lower: &str) -> bool {
        let key = lower.trim().trim_end_matches('.');
        let Some(found) = self.index.titles.get(key) else { return false };
        word.trim().starts_with(char::is_uppercase) || !found.needs_capital
    }

    /// Whether a token ending in "." is a known abbreviation ("U.S.", "Jan.",
    /// "D-Calif.", "(R-N.Y.").
    pub fn is_abbreviation(&self, token_with_dot: &str) -> bool {
        self.abbreviation(token_with_dot).is_some()
    }

    /// Like [`Lexicon::is_abbreviation`], saying whether it is a title.
    pub fn abbreviation(&self, token_with_dot: &str) -> Option<AbbrevKind> {
        let token = token_with_dot.trim().trim_start_matches(words::is_opening_punct);
        if !token.ends_with('.') {
            return None;
        }
        let after_party = token.rsplit_once('-').map(|(_, state)| state);
        [Some(token), after_party]
            .into_iter()
            .flatten()
            .find_map(|t| words::get_cased(&self.index.abbreviations, t))
    }

    /// Whether `word` names a role that can speak ("spokeswoman", "officials").
    pub fn is_role_noun(&self, word: &str) -> bool {
        self.index.roles.contains(words::key(word).as_ref())
    }

    /// Whether a capitalised word heads an organisation's name ("Ministry").
    pub fn is_org_head(&self, word: &str) -> bool {
        word.trim().starts_with(char::is_uppercase) && self.index.org_heads.contains(words::key(word).as_ref())
    }

    /// [`Lexicon::is_org_head`] for a capitalised word's lower-case form
    /// (the caller checks the capital).
    pub fn is_org_head_key(&self, lower: &str) -> bool {
        self.index.org_heads.contains(lower)
    }

    /// Whether a common noun can stand for an organisation after "the".
    pub fn is_generic_org(&self, word: &str) -> bool {
        self.index.generic_orgs.contains(words::key(word).as_ref())
    }

    /// Outlets named anywhere in `text` (not the slot-only spellings).
    /// A line break or a run of spaces inside a name counts as one space.
    pub fn find_outlets(&self, text: &str) -> Vec<(Range<usize>, &Outlet)> {
        let spaced = OneSpaced::new(text);
        let mut found = self.index.outlets.find(&spaced.text, false);
        for (range, _) in &mut found {
            *range = spaced.back(range.clone());
        }
        found
    }

    /// The outlet named at `pos` (after any spaces), slot-only spellings
    /// included: use it where an outlet is expected.
    pub fn outlet_at(&self, text: &str, pos: usize) -> Option<(Range<usize>, &Outlet)> {
        let spaced = OneSpaced::new(text);
        let (range, outlet) = self.index.outlets.at(&spaced.text, spaced.forward(pos))?;
        Some((spaced.back(range), outlet))
    }

    /// Every phrase of `list` in `text`, left to right, not overlapping; a
    /// line break or a run of spaces counts as one space ("told\nreporters").
    pub fn find_phrases(&self, list: PhraseList, text: &str) -> Vec<PhraseMatch<'_>> {
        let spaced = OneSpaced::new(text);
        let mut found = self.index.phrases(list).find(&spaced.text, list, &self.index.outlets);
        for m in &mut found {
            m.range = spaced.back(m.range.clone());
            if let Some((range, _)) = &mut m.outlet {
                *range = spaced.back(range.clone());
            }
        }
        found
    }

    /// How many entries each part holds (verb lemmas, outlets, phrase templates).
    pub fn counts(&self) -> Vec<(&'static str, usize)> {
        let d = &self.data;
        vec![
            ("verb lemmas", d.verbs.len()),
            ("outlets", d.outlets.len()),
            ("anonymous phrases", d.anonymous.len()),
            ("justification phrases", d.justification.len()),
            ("vague speakers", d.vague_speakers.len()),
            ("weasel phrases", d.weasel.len()),
            ("channel phrases", d.channels.len()),
            ("titles", d.titles.len()),
            ("abbreviations", d.abbreviations.len() + d.states.len()),
            ("roles", d.roles.len()),
            ("organisation words", d.org_heads.len() + d.generic_orgs.len()),
        ]
    }
}

fn read_sources(s: &RuleSources<'_>) -> Result<Data, LexiconError> {
    let mut data = Data::default();
    if let Some(text) = s.speech_verbs {
        data.verbs = data::verbs("speech-verbs.toml", text)?;
    }
    if let Some(text) = s.outlets {
        data.outlets = data::outlets("outlets.toml", text)?;
    }
    if let Some(text) = s.channels {
        data.channels = data::channels("channels.toml", text)?;
    }
    let parts = [
        (s.grammar, "grammar.toml", data::grammar as fn(&str, &str, &mut Data) -> _),
        (s.anonymous, "anonymous.toml", data::anonymous),
        (s.vague, "vague.toml", data::vague),
        (s.titles, "titles.toml", data::titles),
        (s.roles, "roles.toml", data::roles),
    ];
    for (text, file, read) in parts {
        if let Some(text) = text {
            read(file, text, &mut data)?;
        }
    }
    Ok(data)
}
