//! The plain types of the word lists: what a lookup returns and what the
//! rule files hold. Kept apart from the lookups so that the build script
//! (build.rs) can read the rule files with the same code the crate uses.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

/// A speech verb form of one lexicon, as a small copyable handle: its index
/// plus one, so that `Option<VerbId>` is four bytes in the per-word tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct VerbId(std::num::NonZeroU32);

impl VerbId {
    /// The handle of entry `index` of the verb table.
    pub(super) fn from_index(index: u32) -> Option<VerbId> {
        index.checked_add(1).and_then(std::num::NonZeroU32::new).map(VerbId)
    }

    /// The handle's number (its index plus one), as the frozen word table holds it.
    pub(crate) fn number(self) -> u32 {
        self.0.get()
    }

    /// The handle whose [`VerbId::number`] is `number`; none for 0.
    pub(crate) fn from_number(number: u32) -> Option<VerbId> {
        std::num::NonZeroU32::new(number).map(VerbId)
    }
}

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

/// A string of a speech verb: for the built-in lists, where it lies in the
/// text build.rs froze them into, so that their verb table is a static with
/// no pointer in it (nothing for the loader to relocate, no page to copy,
/// nothing to thaw at start-up); owned for lists read at run time.
#[derive(Clone)]
pub enum Str {
    /// Start and length in bytes in the frozen text.
    Frozen(u32, u32),
    Owned(Box<str>),
}

impl std::ops::Deref for Str {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            // build.rs wrote only offsets that are in the text and on
            // character boundaries (the frozen tables' tests read them all)
            Str::Frozen(start, len) => {
                let start = *start as usize;
                super::frozen_text().get(start..start + *len as usize).unwrap_or_default()
            }
            Str::Owned(s) => s,
        }
    }
}

impl AsRef<str> for Str {
    fn as_ref(&self) -> &str {
        self
    }
}

impl From<String> for Str {
    fn from(s: String) -> Str {
        Str::Owned(s.into_boxed_str())
    }
}

impl From<&str> for Str {
    fn from(s: &str) -> Str {
        Str::Owned(s.into())
    }
}

impl PartialEq for Str {
    fn eq(&self, other: &Str) -> bool {
        **self == **other
    }
}

impl Eq for Str {}

impl PartialEq<str> for Str {
    fn eq(&self, other: &str) -> bool {
        &**self == other
    }
}

impl PartialEq<&str> for Str {
    fn eq(&self, other: &&str) -> bool {
        &**self == *other
    }
}

impl std::hash::Hash for Str {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl fmt::Debug for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl fmt::Display for Str {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

/// What a verb does to the quote it introduces.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum VerbClass {
    /// Plain attribution ("said", "told").
    Neutral,
    /// Colours the quote ("claimed"); `why` is a one-line reason for the editor.
    Loaded { why: Str },
    /// A gesture, not speech ("smiled", "shrugged").
    NonSpeech,
    /// A state of mind nobody can report ("believes", "thinks").
    Mental,
}

/// A word found in the speech-verb list. The built-in lists' entries are
/// build.rs's static table, used in place; a config's verbs own their strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeechVerb {
    /// The dictionary form, with its particle: "say", "point out".
    pub lemma: Str,
    pub form: VerbForm,
    pub class: VerbClass,
    /// For phrasal verbs, the word that must follow ("out" in "pointed out");
    /// the caller checks it, since only the verb itself is looked up.
    pub particle: Option<Str>,
}

/// A news outlet. Its strings borrow from the tables build.rs wrote for
/// the built-in lists, as [`SpeechVerb`]'s do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outlet {
    pub name: Cow<'static, str>,
    /// Other spellings matched anywhere in text.
    pub aliases: Vec<Cow<'static, str>>,
    /// Spellings that are also ordinary words ("Time", "the Hill"), matched
    /// only where an outlet is expected (after "told", "quoted by", …).
    pub slot_only: Vec<Cow<'static, str>>,
    /// State-controlled or state-run (an editorial judgement kept in the data).
    pub state: bool,
}

/// The phrase lists [`crate::lexicon::Lexicon::find_phrases`] searches.
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

/// What rules/given-names.toml says of a first name: a man's, a woman's,
/// or borne by both ("Chris").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GivenName {
    Male,
    Female,
    Unisex,
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    /// Which file ("speech-verbs.toml").
    pub file: String,
    pub message: String,
}

impl LexiconError {
    pub(crate) fn new(file: &str, message: impl Into<String>) -> Self {
        LexiconError { file: file.to_string(), message: message.into() }
    }
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

impl std::error::Error for LexiconError {}
