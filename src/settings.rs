//! The settings rules read: house style and newsroom policy. Built from the
//! defaults, then from `quotelint.toml` (see `config`).

use crate::lexicon::{ChannelKind, Language, Lexicon};
use crate::rule_meta::{self, RuleMeta, Severity};
use crate::source::InputFormat;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// A house style preset: how insertions, punctuation and attribution look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HouseStyle {
    /// Square brackets for insertions, either punctuation placement, "said".
    #[default]
    Standard,
    /// AP: US punctuation (always inside), comma before a quote, "said".
    Ap,
    /// Reuters: logical punctuation, a colon before a full quote, "said".
    Reuters,
    /// Guardian: logical punctuation, square brackets, "said".
    Guardian,
}

/// Where a comma or full stop goes relative to a closing quotation mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Punctuation {
    /// US: always inside.
    Inside,
    /// UK/logical: inside only when it belongs to the quoted words.
    Logical,
    /// Not checked.
    Either,
}

impl HouseStyle {
    /// Whether editorial insertions in quotes use square brackets (else parentheses).
    pub fn brackets_for_insertions(self) -> bool {
        !matches!(self, HouseStyle::Ap)
    }

    pub fn punctuation(self) -> Punctuation {
        match self {
            HouseStyle::Standard => Punctuation::Either,
            HouseStyle::Ap => Punctuation::Inside,
            HouseStyle::Reuters | HouseStyle::Guardian => Punctuation::Logical,
        }
    }

    /// Whether the house style fixes the tense of attributions: news styles
    /// want "said" (features may use "says", so the standard style only asks
    /// for consistency).
    pub fn wants_past_attribution(self) -> bool {
        !matches!(self, HouseStyle::Standard)
    }

    /// Whether a full quote is introduced with a colon rather than a comma.
    pub fn colon_before_quote(self) -> bool {
        matches!(self, HouseStyle::Reuters)
    }
}

/// The quotation marks a newsroom prints (`quote-marks` in the config).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteMarks {
    /// `“…”` and `‘…’`, with `’` for apostrophes.
    Curly,
    /// `"…"` and `'…'`, with `'` for apostrophes.
    Straight,
}

/// Newsroom policy the rules consult.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub style: HouseStyle,
    /// The house's quotation marks; `None` takes each draft's majority.
    pub quote_marks: Option<QuoteMarks>,
    /// The newsroom's own outlet: "told AFP" is then a first-hand interview.
    pub outlet: Option<String>,
    /// Wire-service policy: every quote must state its channel.
    pub require_channel: bool,
    /// Rules to run; `None` runs every rule.
    pub select: Option<Vec<RuleSelector>>,
    /// Rules not to run (wins over `select` at equal specificity).
    pub ignore: Vec<RuleSelector>,
    /// Severity overrides, in the order written.
    pub severity: Vec<(RuleSelector, Severity)>,
    /// The newsroom's additions to the word lists.
    pub extra: ExtraLists,
    /// The built-in word lists extended with `extra` (built when the config is read).
    pub lexicon: SharedLexicon,
    /// The config's `sources` globs, relative to the config file.
    pub source_globs: Vec<String>,
    /// The config's `source-roots`, relative to the config file: directories
    /// outside the project from which a draft's front matter may name sources.
    pub extra_source_roots: Vec<String>,
    /// Where a draft's front matter may name sources: the config file's
    /// directory and its `source-roots`, resolved (empty without a config
    /// file: then the draft's own directory).
    pub source_roots: Vec<std::path::PathBuf>,
    /// Source material quotes are checked against (see `provenance`).
    pub sources: crate::source_index::Sources,
    /// Names of template tags (`pullquote`), template arguments (`caption`)
    /// and HTML elements or classes whose text is prose, though by default
    /// it is not.
    pub prose_tags: Vec<String>,
    /// The formats read when walking a directory (`include`).
    pub include: Include,
    /// The language drafts are written in unless one says otherwise (`language`).
    pub language: Language,
    /// The French word lists extended with `extra` (built when the config
    /// is read, if it extends the lists; none means the built-in ones).
    pub lexicon_fr: SharedLexicon,
}

/// The formats read when walking a directory, unless `include` says otherwise.
pub const DEFAULT_INCLUDE: [InputFormat; 2] = [InputFormat::Markdown, InputFormat::Text];

/// The formats a project reads when its directories are walked (files named
/// on the command line are read whatever their format).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Include(pub Vec<InputFormat>);

impl Default for Include {
    fn default() -> Self {
        Include(DEFAULT_INCLUDE.to_vec())
    }
}

impl Include {
    pub fn contains(&self, format: &InputFormat) -> bool {
        self.0.contains(format)
    }
}

/// A lexicon shared between the settings that use it; none means the built-in one.
#[derive(Clone, Default)]
pub struct SharedLexicon(Option<Arc<Lexicon>>);

impl SharedLexicon {
    pub fn new(lexicon: Lexicon) -> Self {
        SharedLexicon(Some(Arc::new(lexicon)))
    }

    pub fn get(&self) -> &Lexicon {
        self.0.as_deref().unwrap_or_else(|| Lexicon::builtin())
    }

    /// The lexicon, or else the built-in one of `language`.
    pub fn get_for(&self, language: Language) -> &Lexicon {
        self.0.as_deref().unwrap_or_else(|| Lexicon::builtin_for(language))
    }
}

/// Two handles are equal when they share one lexicon (or both are the built-in one).
impl PartialEq for SharedLexicon {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (None, None) => true,
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl Eq for SharedLexicon {}

impl fmt::Debug for SharedLexicon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            None => f.write_str("SharedLexicon(builtin)"),
            Some(lexicon) => write!(f, "SharedLexicon({lexicon:?})"),
        }
    }
}

impl Settings {
    /// The word lists to use: the built-in ones plus the config's `[extend]`.
    pub fn lexicon(&self) -> &Lexicon {
        self.lexicon.get()
    }

    /// The word lists of `language`, with the config's `[extend]`.
    pub fn lexicon_for(&self, language: Language) -> &Lexicon {
        match language {
            Language::En => self.lexicon(),
            _ => self.lexicon_fr.get_for(language),
        }
    }

    /// These settings for a draft in `language`: the rules read that
    /// language's word lists through [`Settings::lexicon`].
    pub fn for_language(&self, language: Language) -> std::borrow::Cow<'_, Settings> {
        if language == Language::En {
            return std::borrow::Cow::Borrowed(self);
        }
        let mut settings = self.clone();
        settings.lexicon = match &self.lexicon_fr.0 {
            Some(extended) => SharedLexicon(Some(Arc::clone(extended))),
            None => SharedLexicon(Lexicon::builtin_shared(language)),
        };
        std::borrow::Cow::Owned(settings)
    }

    /// Whether `rule` runs, by Ruff's rules: the most specific matching
    /// selector decides, `ignore` wins over `select` at equal specificity, and
    /// without a `select` list every rule is selected.
    pub fn rule_enabled(&self, rule: &RuleMeta) -> bool {
        let most_specific = |selectors: &[RuleSelector]| {
            selectors.iter().filter(|s| s.matches(rule)).map(RuleSelector::specificity).max()
        };
        let selected = match &self.select {
            Some(select) => most_specific(select),
            None => Some(0),
        };
        match (selected, most_specific(&self.ignore)) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(s), Some(i)) => s > i,
        }
    }

    /// The severity `rule`'s findings are reported with: the most specific
    /// matching `[severity]` entry (the later one at equal specificity), else
    /// the rule's default.
    pub fn severity_for(&self, rule: &RuleMeta) -> Severity {
        let mut best: Option<(usize, Severity)> = None;
        for (selector, severity) in &self.severity {
            if selector.matches(rule) && best.is_none_or(|(s, _)| selector.specificity() >= s) {
                best = Some((selector.specificity(), *severity));
            }
        }
        best.map_or(rule.severity, |(_, severity)| severity)
    }
}

/// A rule selection given on the command line (`--select`, `--extend-select`,
/// `--ignore`), applied after the config file's as in Ruff: it decides every
/// rule it mentions, whatever the config says. `select` starts afresh (the
/// config's `select` and `ignore` no longer count); without it, the rules the
/// config runs are the starting point, `extend_select` adds to them and
/// `ignore` takes away. Among these selectors, as in the config, the most
/// specific decides and `ignore` wins at equal specificity.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleSelection {
    pub select: Option<Vec<RuleSelector>>,
    pub extend_select: Vec<RuleSelector>,
    pub ignore: Vec<RuleSelector>,
}

impl RuleSelection {
    pub fn is_empty(&self) -> bool {
        self.select.is_none() && self.extend_select.is_empty() && self.ignore.is_empty()
    }

    /// Whether `rule` runs, given whether it ran under the config (`before`).
    pub fn rule_enabled(&self, rule: &RuleMeta, before: bool) -> bool {
        let most_specific = |selectors: &mut dyn Iterator<Item = &RuleSelector>| {
            selectors.filter(|s| s.matches(rule)).map(RuleSelector::specificity).max()
        };
        let selected = most_specific(&mut self.select.iter().flatten().chain(&self.extend_select));
        match (selected, most_specific(&mut self.ignore.iter())) {
            (None, None) => before && self.select.is_none(),
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (Some(s), Some(i)) => s > i,
        }
    }

    /// Settings whose rules (of the `known` ones) are those this selection
    /// leaves running: the config's choice is replaced by the resulting list of
    /// codes, so that everything reading `Settings::rule_enabled` (rules,
    /// suppressions) sees it.
    pub fn apply(&self, settings: &Settings, known: &[&'static RuleMeta]) -> Settings {
        let mut out = settings.clone();
        if self.is_empty() {
            return out;
        }
        let enabled = known
            .iter()
            .filter(|m| self.rule_enabled(m, settings.rule_enabled(m)))
            .map(|m| RuleSelector::Prefix(m.code.to_string()))
            .collect();
        out.select = Some(enabled);
        out.ignore = Vec::new();
        out
    }
}

/// The rule families: attribution, names, provenance, quotation form, suppression hygiene.
pub const RULE_FAMILIES: [&str; 5] = ["QA", "QN", "QP", "QF", "QS"];

/// Picks rules in `select`, `ignore`, `[severity]` and suppression comments:
/// `ALL`, a code or a code prefix that picks a rule (`QF001`, `QF`, `QF00`), or a rule name
/// (`unbalanced-quote-marks`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RuleSelector {
    All,
    /// An upper-case code prefix, from the two-letter family to the whole code.
    Prefix(String),
    /// A rule's kebab-case name.
    Name(String),
}

impl RuleSelector {
    /// Reads a selector, accepting only ones that name a rule in `known` or a
    /// rule family.
    pub fn parse(text: &str, known: &[&'static RuleMeta]) -> Result<Self, String> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("all") {
            return Ok(RuleSelector::All);
        }
        if let Some(meta) = known.iter().find(|m| m.name.eq_ignore_ascii_case(text)) {
            return Ok(RuleSelector::Name(meta.name.to_string()));
        }
        let upper = text.to_ascii_uppercase();
        let known_family = upper.get(..2).is_some_and(|f| RULE_FAMILIES.contains(&f))
            && upper.len() <= 5
            && upper.bytes().skip(2).all(|b| b.is_ascii_digit());
        // A code or a longer prefix must pick at least one rule, or a typo
        // (`QF01` for `QF001`) would silently run nothing; a bare family is
        // accepted even while it has no rules yet.
        let exists = known.iter().any(|m| m.code.starts_with(&upper));
        if known_family && (exists || upper.len() == 2) {
            return Ok(RuleSelector::Prefix(upper));
        }
        let mut message = format!("unknown rule or rule family `{text}`");
        if let Some(close) = rule_meta::close_matches(text, known).first() {
            message.push_str(&format!(" (did you mean `{}` ({})?)", close.code, close.name));
        }
        Err(message)
    }

    pub fn matches(&self, rule: &RuleMeta) -> bool {
        match self {
            RuleSelector::All => true,
            RuleSelector::Prefix(prefix) => rule.code.starts_with(prefix.as_str()),
            RuleSelector::Name(name) => rule.name == name,
        }
    }

    /// How narrowly the selector picks: `ALL` 0, a prefix its length, a name
    /// the same as a whole code.
    pub fn specificity(&self) -> usize {
        match self {
            RuleSelector::All => 0,
            RuleSelector::Prefix(prefix) => prefix.len(),
            RuleSelector::Name(_) => 5,
        }
    }
}

impl fmt::Display for RuleSelector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleSelector::All => f.write_str("ALL"),
            RuleSelector::Prefix(p) => f.write_str(p),
            RuleSelector::Name(n) => f.write_str(n),
        }
    }
}

/// A newsroom's additions to the built-in word lists in `rules/*.toml`
/// (`[extend]` in `quotelint.toml`). Plain data; the lexicon is built from it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExtraLists {
    pub outlets: Vec<ExtraOutlet>,
    pub speech_verbs: Vec<ExtraVerb>,
    /// Phrases that mark an unnamed source ("a person close to the club").
    pub anonymous: Vec<String>,
    /// Phrases that explain why a source was not named.
    pub justifications: Vec<String>,
    /// Speakers that name nobody ("some residents").
    pub vague: Vec<String>,
    /// Phrases that attribute a claim to nobody in particular.
    pub weasel: Vec<String>,
    pub channels: Vec<ExtraChannel>,
    /// Role nouns that can name a speaker ("harbourmaster").
    pub roles: Vec<String>,
    /// Titles before a name ("Cllr.").
    pub titles: Vec<String>,
}

impl ExtraLists {
    pub fn is_empty(&self) -> bool {
        *self == ExtraLists::default()
    }
}

/// An outlet the newsroom adds, as in `rules/outlets.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExtraOutlet {
    pub name: String,
    pub aliases: Vec<String>,
    pub slot_only: Vec<String>,
    pub state: bool,
}

/// How a speech verb colours a quote, as in `rules/speech-verbs.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtraVerbClass {
    Neutral,
    Loaded { why: String },
    NonSpeech,
    Mental,
}

/// A speech verb the newsroom adds, as in `rules/speech-verbs.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtraVerb {
    /// base, third-person present, past, present participle, and optionally
    /// the past participle.
    pub forms: Vec<String>,
    pub particle: Option<String>,
    pub class: ExtraVerbClass,
}

/// A channel phrase the newsroom adds, as in `rules/channels.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtraChannel {
    pub phrase: String,
    pub kind: ChannelKind,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A catalogue of rules for these tests, so that selection is tested on
    /// its own (the real registry lives above settings, in `rules`).
    const fn rule(code: &'static str, name: &'static str, severity: Severity) -> RuleMeta {
        RuleMeta { code, name, severity, summary: "", doc: "" }
    }
    static CATALOG: [RuleMeta; 9] = [
        rule("QA001", "unattributed-quote", Severity::Error),
        rule("QF001", "unbalanced-quote-marks", Severity::Error),
        rule("QF002", "mixed-quote-style", Severity::Warning),
        rule("QF003", "insertion-in-parentheses", Severity::Warning),
        rule("QF004", "ellipsis-style", Severity::Info),
        rule("QF005", "punctuation-placement", Severity::Info),
        rule("QN001", "first-reference-incomplete", Severity::Warning),
        rule("QP001", "quote-without-channel", Severity::Info),
        rule("QS001", "unused-suppression", Severity::Warning),
    ];

    fn all_meta() -> Vec<&'static RuleMeta> {
        CATALOG.iter().collect()
    }

    fn meta(code: &str) -> &'static RuleMeta {
        CATALOG.iter().find(|m| m.code == code).expect("rule exists")
    }

    fn parse(text: &str) -> Result<RuleSelector, String> {
        RuleSelector::parse(text, &all_meta())
    }

    fn sel(list: &[&str]) -> Vec<RuleSelector> {
        list.iter().map(|s| parse(s).expect("valid selector")).collect()
    }

    #[test]
    fn every_rule_is_enabled_by_default() {
        let settings = Settings::default();
        assert!(all_meta().iter().all(|m| settings.rule_enabled(m)));
        assert_eq!(settings.severity_for(meta("QF001")), Severity::Error);
    }

    #[test]
    fn select_by_code_name_or_family() {
        let by_code = Settings { select: Some(sel(&["QF002"])), ..Settings::default() };
        assert!(!by_code.rule_enabled(meta("QF001")));
        assert!(by_code.rule_enabled(meta("QF002")));
        let by_name = Settings { select: Some(sel(&["unbalanced-quote-marks"])), ..Settings::default() };
        assert!(by_name.rule_enabled(meta("QF001")));
        assert!(!by_name.rule_enabled(meta("QF002")));
        let by_family = Settings { select: Some(sel(&["qf"])), ..Settings::default() };
        assert!(by_family.rule_enabled(meta("QF001")) && by_family.rule_enabled(meta("QF002")));
        let empty = Settings { select: Some(Vec::new()), ..Settings::default() };
        assert!(!empty.rule_enabled(meta("QF001")));
    }

    #[test]
    fn ignore_wins_at_equal_specificity_and_loses_to_a_narrower_select() {
        let tie = Settings {
            select: Some(sel(&["QF001"])),
            ignore: sel(&["unbalanced-quote-marks"]),
            ..Default::default()
        };
        assert!(!tie.rule_enabled(meta("QF001")));
        let narrower = Settings { select: Some(sel(&["QF001"])), ignore: sel(&["QF"]), ..Default::default() };
        assert!(narrower.rule_enabled(meta("QF001")));
        assert!(!narrower.rule_enabled(meta("QF002")));
        let all_but = Settings { ignore: sel(&["QF002"]), ..Default::default() };
        assert!(all_but.rule_enabled(meta("QF001")));
        assert!(!all_but.rule_enabled(meta("QF002")));
        let ignore_all = Settings { select: Some(sel(&["ALL"])), ignore: sel(&["all"]), ..Default::default() };
        assert!(!ignore_all.rule_enabled(meta("QF001")));
    }

    #[test]
    fn severity_overrides_pick_the_most_specific() {
        let settings = Settings {
            severity: vec![
                (parse("QF").unwrap(), Severity::Info),
                (parse("unbalanced-quote-marks").unwrap(), Severity::Warning),
            ],
            ..Settings::default()
        };
        assert_eq!(settings.severity_for(meta("QF001")), Severity::Warning);
        assert_eq!(settings.severity_for(meta("QF002")), Severity::Info);
    }

    fn enabled_codes(settings: &Settings) -> Vec<&'static str> {
        all_meta().into_iter().filter(|m| settings.rule_enabled(m)).map(|m| m.code).collect()
    }

    #[test]
    fn command_line_selection_overrides_the_config() {
        let config =
            Settings { select: Some(sel(&["QF001", "QA001"])), ignore: sel(&["QF002"]), ..Default::default() };
        // `select` starts afresh: the config's `ignore` of QF002 no longer counts.
        let select = RuleSelection { select: Some(sel(&["QF"])), ..Default::default() };
        assert_eq!(
            enabled_codes(&select.apply(&config, &all_meta())),
            ["QF001", "QF002", "QF003", "QF004", "QF005"]
        );
        // `extend-select` adds to the config's rules, even one the config ignores.
        let extend = RuleSelection { extend_select: sel(&["mixed-quote-style"]), ..Default::default() };
        assert_eq!(enabled_codes(&extend.apply(&config, &all_meta())), ["QA001", "QF001", "QF002"]);
        // `ignore` wins over the config's narrower select.
        let ignore = RuleSelection { ignore: sel(&["QF"]), ..Default::default() };
        assert_eq!(enabled_codes(&ignore.apply(&config, &all_meta())), ["QA001"]);
        // Among the flags, the most specific decides.
        let both = RuleSelection { select: Some(sel(&["QF001"])), ignore: sel(&["QF"]), ..Default::default() };
        assert_eq!(enabled_codes(&both.apply(&config, &all_meta())), ["QF001"]);
        let all_but = RuleSelection {
            select: Some(sel(&["ALL"])),
            ignore: sel(&["QA", "QN", "QP", "QS"]),
            ..Default::default()
        };
        assert_eq!(
            enabled_codes(&all_but.apply(&config, &all_meta())),
            ["QF001", "QF002", "QF003", "QF004", "QF005"]
        );
        // No flags: the config's settings, unchanged.
        assert_eq!(RuleSelection::default().apply(&config, &all_meta()), config);
    }

    #[test]
    fn selectors_must_name_a_rule_or_family() {
        assert_eq!(parse("all"), Ok(RuleSelector::All));
        assert_eq!(parse("qf001"), Ok(RuleSelector::Prefix("QF001".into())));
        assert_eq!(parse("QA"), Ok(RuleSelector::Prefix("QA".into())));
        assert_eq!(parse("Mixed-Quote-Style"), Ok(RuleSelector::Name("mixed-quote-style".into())));
        let err = parse("QF009").unwrap_err();
        assert!(err.starts_with("unknown rule or rule family `QF009`"), "{err}");
        assert!(parse("QZ").is_err());
        // a prefix that picks no rule is a typo, not an empty selection
        assert_eq!(parse("QF0"), Ok(RuleSelector::Prefix("QF0".into())));
        let err = parse("QF01").unwrap_err();
        assert!(err.starts_with("unknown rule or rule family `QF01` (did you mean `QF0"), "{err}");
        assert!(parse("unbalanced-quotes").is_err());
        assert!(parse("").is_err());
    }
}
