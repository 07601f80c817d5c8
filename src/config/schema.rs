//! The `quotelint.toml` schema as serde reads it. Unknown keys are errors;
//! values are checked further (and turned into [`Settings`]) in `super`.

use crate::settings::{HouseStyle, QuoteMarks};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    pub style: Option<StyleName>,
    pub quote_marks: Option<QuoteMarks>,
    pub outlet: Option<Spanned<String>>,
    pub require_channel: Option<bool>,
    pub select: Option<Vec<Spanned<String>>>,
    pub ignore: Option<Vec<Spanned<String>>>,
    pub severity: Option<BTreeMap<Spanned<String>, SeverityName>>,
    pub extend: Option<Spanned<Extend>>,
    /// Source material for quote provenance: globs relative to the config file.
    pub sources: Option<Vec<Spanned<String>>>,
    /// Directories outside the project from which drafts may name sources.
    pub source_roots: Option<Vec<Spanned<String>>>,
    /// Template tags and arguments, HTML elements and classes whose text is prose.
    pub prose_tags: Option<Vec<Spanned<String>>>,
    /// The formats read when walking directories: md, txt, html, docx.
    pub include: Option<Spanned<Vec<Spanned<String>>>>,
    /// The language of the drafts: "en" or "fr".
    pub language: Option<Spanned<String>>,
}

/// The presets a config may name (`standard` is the default, written or not).
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StyleName {
    Standard,
    Ap,
    Reuters,
    Guardian,
}

impl From<StyleName> for HouseStyle {
    fn from(style: StyleName) -> Self {
        match style {
            StyleName::Standard => HouseStyle::Standard,
            StyleName::Ap => HouseStyle::Ap,
            StyleName::Reuters => HouseStyle::Reuters,
            StyleName::Guardian => HouseStyle::Guardian,
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SeverityName {
    Error,
    Warning,
    Info,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Extend {
    #[serde(default)]
    pub outlets: Vec<Spanned<OutletEntry>>,
    #[serde(default)]
    pub speech_verbs: Vec<VerbEntry>,
    #[serde(default)]
    pub anonymous: Vec<Spanned<String>>,
    #[serde(default)]
    pub justifications: Vec<Spanned<String>>,
    #[serde(default)]
    pub vague: Vec<Spanned<String>>,
    #[serde(default)]
    pub weasel: Vec<Spanned<String>>,
    #[serde(default)]
    pub channels: Vec<ChannelEntry>,
    #[serde(default)]
    pub roles: Vec<Spanned<String>>,
    #[serde(default)]
    pub titles: Vec<Spanned<String>>,
}

/// (Untagged, so its parts carry no spans of their own: errors point at the entry.)
/// `"Valley Courier"` or `{ name = "Valley Courier", aliases = ["the Courier"] }`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum OutletEntry {
    Name(String),
    Table(OutletTable),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct OutletTable {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub slot_only: Vec<String>,
    #[serde(default)]
    pub state: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct VerbEntry {
    pub forms: Spanned<Vec<String>>,
    pub particle: Option<String>,
    pub class: VerbClassName,
    pub why: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VerbClassName {
    Neutral,
    Loaded,
    NonSpeech,
    Mental,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ChannelEntry {
    pub phrase: Spanned<String>,
    pub kind: crate::attribution::ChannelKind,
}
