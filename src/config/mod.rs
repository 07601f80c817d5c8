//! `quotelint.toml`: reading, checking and finding the configuration.
//!
//! A config file is `quotelint.toml` or `.quotelint.toml`. For each checked
//! draft the closest one up its directory tree wins (no merging, as in Ruff);
//! `--config PATH` uses one file for every draft and `--isolated` none.
//! Every error names the file, line and column.

mod discovery;
mod lexicon;
mod schema;

pub use discovery::{find_config_file, ConfigChoice, Resolver, CONFIG_NAMES};
pub use lexicon::extended_lexicon;

use crate::diagnostic::Severity;
use crate::settings::{
    ExtraChannel, ExtraLists, ExtraOutlet, ExtraVerb, ExtraVerbClass, RuleSelector, Settings, SharedLexicon,
};
use crate::span::{LineCol, LineIndex};
use schema::{ConfigFile, Extend, OutletEntry, SeverityName, VerbClassName};
use std::fmt;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

/// The commented starter file `quotelint init` writes.
pub const STARTER: &str = include_str!("starter.toml");

/// A config file that cannot be used. Displayed as `path:line:column: message`
/// (or `path: message` when there is no position, e.g. the file is missing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: String,
    pub position: Option<LineCol>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some(at) => write!(f, "{}:{}:{}: {}", self.path, at.line, at.column, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// Reads and checks the config file at `path`.
pub fn load(path: &Path) -> Result<Settings, ConfigError> {
    let shown = discovery::display_path(path);
    let text = read_config(path).map_err(|reason| ConfigError {
        path: shown.clone(),
        position: None,
        message: format!("cannot read the configuration: {reason}"),
    })?;
    let mut settings = parse(&text, &shown)?;
    let base = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !settings.source_globs.is_empty() {
        let set = crate::provenance::load_globs(base, &settings.source_globs, &shown);
        settings.sources = crate::provenance::Sources::new(vec![std::sync::Arc::new(set)]);
    }
    let roots = std::iter::once(".").chain(settings.extra_source_roots.iter().map(String::as_str));
    for root in roots {
        let resolved = std::fs::canonicalize(base.join(root)).ok().filter(|p| p.is_dir());
        let Some(resolved) = resolved else {
            let message = format!("`source-roots`: `{root}` is not a directory");
            return Err(ConfigError { path: shown, position: None, message });
        };
        settings.source_roots.push(resolved);
    }
    Ok(settings)
}

/// A configuration is a few hundred bytes; a file past this is not read
/// (a link to a device, or a runaway generated file, would otherwise be read
/// whole, and an allocation the machine refuses aborts the process).
pub const MAX_CONFIG_SIZE: u64 = 1 << 20;

/// The text of a config file: a FIFO or a device is refused before it is
/// opened (it would block, or never end), and at most one byte past
/// [`MAX_CONFIG_SIZE`] is read whatever the file's size says.
fn read_config(path: &Path) -> Result<String, String> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    // a directory is left to `read` to refuse, with the system's message
    if !meta.is_file() && !meta.is_dir() {
        return Err("not a regular file".into());
    }
    let too_large = |size: u64| {
        format!(
            "{} is over the {} a configuration may take",
            crate::size::human_size(size),
            crate::size::human_size(MAX_CONFIG_SIZE)
        )
    };
    if meta.len() > MAX_CONFIG_SIZE {
        return Err(too_large(meta.len()));
    }
    let mut text = String::new();
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    file.take(MAX_CONFIG_SIZE + 1).read_to_string(&mut text).map_err(|e| e.to_string())?;
    if text.len() as u64 > MAX_CONFIG_SIZE {
        return Err(too_large(text.len() as u64));
    }
    Ok(text)
}

/// Checks config text, naming it `path` in errors.
pub fn parse(text: &str, path: &str) -> Result<Settings, ConfigError> {
    let lines = LineIndex::new(text);
    let error = |span: Option<Range<usize>>, message: String| ConfigError {
        path: path.to_string(),
        position: span.map(|s| lines.line_col(text, s.start)),
        message,
    };
    let file: ConfigFile = toml::from_str(text).map_err(|e| {
        // The message's first line is the complaint; toml adds no position of its own to it.
        let message = e.message().lines().next().unwrap_or("invalid TOML").trim().to_string();
        error(e.span(), message)
    })?;
    build(file).map_err(|(span, message)| error(Some(span), message))
}

type Invalid = (Range<usize>, String);

fn build(file: ConfigFile) -> Result<Settings, Invalid> {
    let mut settings = Settings { require_channel: file.require_channel.unwrap_or(false), ..Settings::default() };
    if let Some(style) = file.style {
        settings.style = style.into();
    }
    settings.quote_marks = file.quote_marks;
    if let Some(outlet) = file.outlet {
        settings.outlet = Some(non_empty(&outlet, "`outlet`")?);
    }
    if let Some(select) = file.select {
        settings.select = Some(selectors(&select)?);
    }
    settings.ignore = selectors(file.ignore.as_deref().unwrap_or_default())?;
    let globs = file.sources.unwrap_or_default();
    for glob in &globs {
        crate::provenance::load::glob_matcher(Path::new("."), glob.get_ref()).map_err(|m| (glob.span(), m))?;
    }
    settings.source_globs = globs.into_iter().map(Spanned::into_inner).collect();
    settings.extra_source_roots = words(file.source_roots.as_deref().unwrap_or_default(), "a source root")?;
    for tag in file.prose_tags.unwrap_or_default() {
        settings.prose_tags.push(non_empty(&tag, "a `prose-tags` entry")?);
    }
    if let Some(language) = file.language {
        settings.language = crate::lexicon::Language::from_tag(language.get_ref()).ok_or_else(|| {
            (language.span(), format!("unknown language `{}` (use \"en\" or \"fr\")", language.get_ref()))
        })?;
    }
    if let Some(include) = file.include {
        let span = include.span();
        let mut formats = Vec::new();
        for name in include.into_inner() {
            let format = crate::source::InputFormat::from_name(name.get_ref()).ok_or_else(|| {
                (
                    name.span(),
                    format!("unknown format `{}` in `include` (use md, txt, html or docx)", name.get_ref()),
                )
            })?;
            if !formats.contains(&format) {
                formats.push(format);
            }
        }
        if formats.is_empty() {
            return Err((span, "`include` names no format: a walked directory would give no drafts".into()));
        }
        settings.include = crate::settings::Include(formats);
    }
    for (key, level) in file.severity.unwrap_or_default() {
        let selector = crate::rules::parse_selector(key.get_ref()).map_err(|m| (key.span(), m))?;
        let severity = match level {
            SeverityName::Error => Severity::Error,
            SeverityName::Warning => Severity::Warning,
            SeverityName::Info => Severity::Info,
        };
        settings.severity.push((selector, severity));
    }
    // Apply narrower selectors last so that, at equal specificity, order no longer matters.
    settings.severity.sort_by_key(|(selector, _)| selector.specificity());
    if let Some(extend) = file.extend {
        let span = extend.span();
        settings.extra = extra_lists(extend.into_inner())?;
        if !settings.extra.is_empty() {
            // The lexicon's own checks (phrase syntax, verb forms) apply to the additions too.
            let lexicon = extended_lexicon(&settings.extra)
                .map_err(|e| (span.clone(), format!("[extend]: {}", e.message)))?;
            settings.lexicon = SharedLexicon::new(lexicon);
            let french = lexicon::extended_lexicon_for(&settings.extra, crate::lexicon::Language::Fr)
                .map_err(|e| (span, format!("[extend]: {}", e.message)))?;
            settings.lexicon_fr = SharedLexicon::new(french);
        }
    }
    Ok(settings)
}

fn selectors(list: &[Spanned<String>]) -> Result<Vec<RuleSelector>, Invalid> {
    list.iter().map(|s| crate::rules::parse_selector(s.get_ref()).map_err(|m| (s.span(), m))).collect()
}

fn non_empty(value: &Spanned<String>, what: &str) -> Result<String, Invalid> {
    let trimmed = value.get_ref().trim();
    if trimmed.is_empty() {
        return Err((value.span(), format!("{what} must not be empty")));
    }
    Ok(trimmed.to_string())
}

/// A phrase in the shared phrase syntax: words, with `(a|b)` groups that nest.
fn phrase(value: &Spanned<String>, what: &str) -> Result<String, Invalid> {
    let text = non_empty(value, what)?;
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return Err((value.span(), format!("{what}: `)` without `(` in `{text}`"))),
            ')' => depth -= 1,
            _ => {}
        }
    }
    if depth > 0 {
        return Err((value.span(), format!("{what}: unclosed `(` in `{text}`")));
    }
    // the lexicon's own checks (one outlet slot, bounded expansion), at this value
    crate::lexicon::check_phrase(&text).map_err(|m| (value.span(), format!("{what}: {m}")))?;
    Ok(text)
}

fn phrases(list: &[Spanned<String>], what: &str) -> Result<Vec<String>, Invalid> {
    list.iter().map(|p| phrase(p, what)).collect()
}

fn words(list: &[Spanned<String>], what: &str) -> Result<Vec<String>, Invalid> {
    list.iter().map(|w| non_empty(w, what)).collect()
}

fn extra_lists(extend: Extend) -> Result<ExtraLists, Invalid> {
    let mut extra = ExtraLists {
        anonymous: phrases(&extend.anonymous, "an `anonymous` phrase")?,
        justifications: phrases(&extend.justifications, "a `justifications` phrase")?,
        vague: phrases(&extend.vague, "a `vague` phrase")?,
        weasel: phrases(&extend.weasel, "a `weasel` phrase")?,
        roles: words(&extend.roles, "a role")?,
        titles: words(&extend.titles, "a title")?,
        ..ExtraLists::default()
    };
    for outlet in &extend.outlets {
        let span = outlet.span();
        let spanned = |text: &String| Spanned::new(span.clone(), text.clone());
        let all = |list: &[String]| -> Result<Vec<String>, Invalid> {
            list.iter().map(|w| non_empty(&spanned(w), "an outlet alias")).collect()
        };
        extra.outlets.push(match outlet.get_ref() {
            OutletEntry::Name(name) => {
                ExtraOutlet { name: non_empty(&spanned(name), "an outlet name")?, ..Default::default() }
            }
            OutletEntry::Table(t) => ExtraOutlet {
                name: non_empty(&spanned(&t.name), "an outlet name")?,
                aliases: all(&t.aliases)?,
                slot_only: all(&t.slot_only)?,
                state: t.state,
            },
        });
    }
    for verb in extend.speech_verbs {
        let forms = verb.forms.get_ref();
        if !(4..=5).contains(&forms.len()) || forms.iter().any(|f| f.trim().is_empty()) {
            return Err((
                verb.forms.span(),
                "`forms` needs 4 or 5 words: base, third person, past, participle[, past participle]".into(),
            ));
        }
        let class = match (verb.class, verb.why) {
            (VerbClassName::Loaded, Some(why)) => ExtraVerbClass::Loaded { why: non_empty(&why, "`why`")? },
            (VerbClassName::Loaded, None) => {
                return Err((verb.forms.span(), "a `loaded` verb needs `why`, one line for the editor".into()))
            }
            (_, Some(why)) => return Err((why.span(), "`why` is only for `loaded` verbs".into())),
            (VerbClassName::Neutral, None) => ExtraVerbClass::Neutral,
            (VerbClassName::NonSpeech, None) => ExtraVerbClass::NonSpeech,
            (VerbClassName::Mental, None) => ExtraVerbClass::Mental,
        };
        let forms = forms.iter().map(|f| f.trim().to_string()).collect();
        extra.speech_verbs.push(ExtraVerb { forms, particle: verb.particle, class });
    }
    for channel in &extend.channels {
        let kind = channel.kind;
        extra.channels.push(ExtraChannel { phrase: phrase(&channel.phrase, "a channel phrase")?, kind });
    }
    Ok(extra)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::HouseStyle;

    #[test]
    fn a_config_past_the_size_limit_is_refused_without_being_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("quotelint.toml");
        // a sparse file of a terabyte: read whole, it would take the machine down
        std::fs::File::create(&path).unwrap().set_len(1 << 40).unwrap();
        let e = load(&path).expect_err("too large");
        assert_eq!(e.message, "cannot read the configuration: 1 TB is over the 1 MB a configuration may take");
        std::fs::write(&path, format!("# {}\nstyle = \"ap\"\n", "x".repeat(1 << 20))).unwrap();
        assert!(load(&path).expect_err("too large").message.ends_with("over the 1 MB a configuration may take"));
        std::fs::write(&path, "style = \"ap\"\n").unwrap();
        assert!(load(&path).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_config_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("quotelint.toml");
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: mkfifo is not available");
            return;
        }
        // nothing writes to it: opening it would block for good
        assert_eq!(load(&path).expect_err("a FIFO").message, "cannot read the configuration: not a regular file");
    }

    fn err(text: &str) -> String {
        parse(text, "quotelint.toml").expect_err("config should be rejected").to_string()
    }

    #[test]
    fn empty_config_is_the_defaults() {
        assert_eq!(parse("", "q.toml"), Ok(Settings::default()));
    }

    #[test]
    fn every_key_is_read() {
        let text = r#"
style = "reuters"
outlet = "Valley Wire"
require-channel = true
select = ["QF", "mixed-quote-style"]
ignore = ["QF002"]

[severity]
QF001 = "warning"
mixed-quote-style = "info"

[extend]
outlets = ["Harbour Gazette", { name = "Valley Courier", aliases = ["the Courier"], slot-only = ["Courier"], state = true }]
speech-verbs = [
  { forms = ["quip", "quips", "quipped", "quipping"], class = "loaded", why = "makes the speaker sound flippant" },
  { forms = ["mutter", "mutters", "muttered", "muttering"], class = "neutral" },
]
anonymous = ["a person close to the (club|board)"]
justifications = ["because the talks are private"]
vague = ["some harbour users"]
weasel = ["it is said in the port that"]
channels = [{ phrase = "told the Courier's podcast", kind = "interview" }]
roles = ["harbourmaster"]
titles = ["Cllr."]
"#;
        let s = parse(text, "q.toml").expect("valid config");
        assert_eq!(s.style, HouseStyle::Reuters);
        assert_eq!(s.outlet.as_deref(), Some("Valley Wire"));
        assert!(s.require_channel);
        assert_eq!(
            s.select,
            Some(vec![RuleSelector::Prefix("QF".into()), RuleSelector::Name("mixed-quote-style".into())])
        );
        assert_eq!(s.ignore, vec![RuleSelector::Prefix("QF002".into())]);
        assert_eq!(s.severity.len(), 2);
        assert_eq!(s.extra.outlets.len(), 2);
        assert_eq!(s.extra.outlets[1].aliases, ["the Courier"]);
        assert_eq!(s.extra.outlets[1].slot_only, ["Courier"]);
        assert!(s.extra.outlets[1].state);
        assert_eq!(
            s.extra.speech_verbs[0].class,
            ExtraVerbClass::Loaded { why: "makes the speaker sound flippant".into() }
        );
        assert_eq!(s.extra.speech_verbs[1].forms[2], "muttered");
        assert_eq!(s.extra.anonymous, ["a person close to the (club|board)"]);
        assert_eq!(s.extra.channels[0].kind, crate::attribution::ChannelKind::Interview);
        assert_eq!(s.extra.roles, ["harbourmaster"]);
        assert_eq!(s.extra.titles, ["Cllr."]);
        assert_eq!(s.extra.weasel.len() + s.extra.vague.len() + s.extra.justifications.len(), 3);
    }

    #[test]
    fn include_names_the_formats_walked() {
        let s = parse("include = [\"md\", \"docx\", \"HTML\", \".txt\", \"md\"]\n", "quotelint.toml").unwrap();
        use crate::source::InputFormat::*;
        assert_eq!(s.include.0, [Markdown, Docx, Html, Text]);
        assert_eq!(Settings::default().include.0, [Markdown, Text]);
        assert_eq!(
            err("include = [\"md\", \"pdf\"]\n"),
            "quotelint.toml:1:18: unknown format `pdf` in `include` (use md, txt, html or docx)"
        );
        assert!(err("include = []\n").starts_with("quotelint.toml:1:11: `include` names no format"));
    }

    #[test]
    fn prose_tags_are_read_and_must_not_be_empty() {
        let s = parse("prose-tags = [\"pullquote\", \" caption \"]\n", "quotelint.toml").expect("parses");
        assert_eq!(s.prose_tags, ["pullquote", "caption"]);
        assert!(err("prose-tags = [\"\"]\n").contains("`prose-tags` entry must not be empty"));
    }

    #[test]
    fn unknown_keys_name_line_and_column() {
        assert_eq!(
            err("style = \"ap\"\n  sytle = \"ap\"\n"),
            "quotelint.toml:2:3: unknown field `sytle`, expected one of `style`, `quote-marks`, `outlet`, `require-channel`, `select`, `ignore`, `severity`, `extend`, `sources`, `source-roots`, `prose-tags`, `include`, `language`"
        );
        let nested = err("[extend]\noutlets = []\nverbs = [\"quip\"]\n");
        assert!(nested.starts_with("quotelint.toml:3:1: unknown field `verbs`"), "{nested}");
    }

    #[test]
    fn wrong_types_and_values_name_their_position() {
        let e = err("require-channel = \"yes\"\n");
        assert!(e.starts_with("quotelint.toml:1:19: "), "{e}");
        let e = err("style = \"bbc\"\n");
        assert!(e.starts_with("quotelint.toml:1:9: unknown variant `bbc`"), "{e}");
        let e = err("select = [\"QF001\", \"QF404\"]\n");
        assert!(e.starts_with("quotelint.toml:1:20: unknown rule or rule family `QF404`"), "{e}");
        let e = err("[severity]\nQF001 = \"fatal\"\n");
        assert!(e.starts_with("quotelint.toml:2:9: unknown variant `fatal`"), "{e}");
        let e = err("[severity]\nunbalanced-quotes = \"info\"\n");
        assert!(e.starts_with("quotelint.toml:2:1: unknown rule or rule family `unbalanced-quotes`"), "{e}");
        assert!(e.contains("did you mean `QF001`"), "{e}");
        let e = err("[extend]\nchannels = [{ phrase = \"on the (radio\", kind = \"interview\" }]\n");
        assert!(e.starts_with("quotelint.toml:2:24: a channel phrase: unclosed `(`"), "{e}");
        let e = err("[extend]\nspeech-verbs = [{ forms = [\"quip\"], class = \"neutral\" }]\n");
        assert!(e.starts_with("quotelint.toml:2:27: `forms` needs 4 or 5 words"), "{e}");
        let e = err("[extend]\nchannels = [{ phrase = \"x\", kind = \"pigeon\" }]\n");
        assert!(e.contains("unknown variant `pigeon`"), "{e}");
        let e = err("[extend]\noutlets = [\"A\", { name = \"B\", alias = [] }]\n");
        assert!(e.starts_with("quotelint.toml:2:11: data did not match"), "{e}");
        let e = err("[extend]\noutlets = [\"A\", { name = \"B\", aliases = [\" \"] }]\n");
        assert_eq!(e, "quotelint.toml:2:17: an outlet alias must not be empty");
        let e = err("outlet = \"  \"\n");
        assert_eq!(e, "quotelint.toml:1:10: `outlet` must not be empty");
        let e = err("style = \n");
        assert!(e.starts_with("quotelint.toml:1:"), "{e}");
    }

    #[test]
    fn phrase_and_glob_errors_point_at_the_value() {
        let e = err("[extend]\nchannels = [{ phrase = \"told {outlet} and {outlet}\", kind = \"interview\" }]\n");
        assert!(e.starts_with("quotelint.toml:2:24: a channel phrase: more than one {outlet} slot"), "{e}");
        let e = err("[extend]\nvague = [\"fine\", \"some|many\"]\n");
        assert_eq!(e, "quotelint.toml:2:18: a `vague` phrase: '|' or ')' outside a group");
        let e = err("[extend]\nanonymous = [\"{outlet}\"]\n");
        assert!(e.starts_with("quotelint.toml:2:14: an `anonymous` phrase: \"{outlet}\" is only a slot"), "{e}");
        let e = err("sources = [\"transcripts/*.txt\", \"[bad\"]\n");
        assert!(e.starts_with("quotelint.toml:1:33: invalid sources glob `[bad`: "), "{e}");
        let e = err("source-roots = [\"\"]\n");
        assert_eq!(e, "quotelint.toml:1:17: a source root must not be empty");
    }

    #[test]
    fn severity_entries_apply_narrowest_last() {
        let s = parse("[severity]\nunbalanced-quote-marks = \"info\"\nQF = \"warning\"\n", "q.toml").unwrap();
        let qf001 = crate::rules::all_meta().into_iter().find(|m| m.code == "QF001").unwrap();
        assert_eq!(s.severity_for(qf001), Severity::Info);
    }

    #[test]
    fn the_starter_file_parses_to_the_defaults() {
        assert_eq!(parse(STARTER, "quotelint.toml"), Ok(Settings::default()));
        // Every top-level key and every list in [extend] is explained in it.
        for key in [
            "style",
            "outlet",
            "require-channel",
            "select",
            "ignore",
            "sources",
            "source-roots",
            "[severity]",
            "[extend]",
        ] {
            assert!(STARTER.contains(key), "{key}");
        }
        for list in [
            "outlets",
            "speech-verbs",
            "anonymous",
            "justifications",
            "vague",
            "weasel",
            "channels",
            "roles",
            "titles",
        ] {
            assert!(STARTER.contains(&format!("# {list} = ")), "{list}");
        }
    }
}

#[cfg(test)]
mod lexicon_errors {
    #[test]
    fn the_lexicon_s_own_checks_point_at_the_phrase() {
        let text = "style = \"ap\"\n\n[extend]\nchannels = [{ phrase = \"told {outlet} and {outlet}\", kind = \"interview\" }]\n";
        let e = super::parse(text, "q.toml").expect_err("two slots in one phrase").to_string();
        assert!(e.starts_with("q.toml:4:24: a channel phrase: more than one {outlet} slot"), "{e}");
    }
}
