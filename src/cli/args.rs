//! Command-line arguments (clap derive).

use crate::settings::{RuleSelection, RuleSelector};
use crate::source::InputFormat;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "quotelint", version, about, propagate_version = true)]
pub struct Cli {
    /// When to colour the output.
    #[arg(long, global = true, value_enum, default_value_t = ColorMode::Auto)]
    pub color: ColorMode,

    /// Use this configuration file for every draft instead of the closest `quotelint.toml`.
    #[arg(long, global = true, value_name = "PATH", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,

    /// Ignore every configuration file and use the defaults.
    #[arg(long, global = true)]
    pub isolated: bool,

    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// [`Parser::try_parse_from`], leaving the command tree clap builds
    /// to parse them to the end of the process: freeing its hundreds of
    /// small allocations was about 55 K instructions, an eightieth of
    /// checking a 6 KB draft.
    pub fn parse_once<I, T>(args: I) -> Result<Cli, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        use clap::{CommandFactory, FromArgMatches};
        let mut command = std::mem::ManuallyDrop::new(Cli::command());
        let mut matches = command.try_get_matches_from_mut(args)?;
        Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut Cli::command()))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorMode {
    /// Colour when stdout is a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every quotation with its speaker, reporting words and channel.
    Quotes(QuotesArgs),
    /// List the people and organisations quoted in each draft.
    Sources(SourcesArgs),
    /// Report attribution and quotation problems.
    Check(CheckArgs),
    /// Write one HTML page an editor can read: the drafts with every quote
    /// marked with its speaker, the findings in place, and who speaks.
    Report(ReportArgs),
    /// List every rule.
    Rules(RulesArgs),
    /// Show a rule's documentation.
    Explain(ExplainArgs),
    /// Write a commented starter `quotelint.toml`.
    Init(InitArgs),
    /// Git hooks: `quotelint hook install` writes a pre-commit hook.
    #[command(subcommand)]
    Hook(HookCommand),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print the man page (roff).
    Man,
    /// Run the language server on stdin/stdout (for editors).
    Lsp,
}

/// The drafts to read, shared by `quotes` and `check`.
#[derive(Debug, Args)]
pub struct Inputs {
    /// Drafts (Markdown, text, HTML, Word) or directories to read;
    /// directories are walked for the formats the project includes (md and
    /// txt unless `include` says otherwise), honouring .gitignore, .ignore
    /// and .quotelintignore; `-` reads standard input.
    #[arg(required_unless_present = "staged", value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// The name to show for standard input.
    #[arg(long, value_name = "NAME", default_value = "<stdin>")]
    pub stdin_filename: String,

    /// Skip files and directories matching this gitignore-style glob while
    /// walking directories (repeatable). Files named explicitly are always read.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Read the staged (index) content of the staged Markdown files of the
    /// current git repository instead of PATHs: what a pre-commit hook checks.
    #[arg(long, conflicts_with = "paths")]
    pub staged: bool,

    /// List each file the walk passed over (symbolic links, drafts in a
    /// format `include` leaves out) instead of one line counting them.
    #[arg(short, long)]
    pub verbose: bool,

    /// Skip any draft larger than this (bytes, or with a K, M or G suffix).
    #[arg(long, value_name = "SIZE", default_value = "10M", value_parser = crate::size::parse_size)]
    pub max_file_size: u64,

    /// Read every draft as this format whatever its extension: md, txt, html
    /// or docx (standard input is Markdown unless `--stdin-filename` or this
    /// says otherwise).
    #[arg(long, value_name = "FORMAT", value_parser = parse_input_format)]
    pub input_format: Option<InputFormat>,

    /// Give up on a draft still being checked after this many seconds; the
    /// other drafts are still checked, and the exit status is 2.
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0, value_parser = parse_seconds)]
    pub time_limit: f64,

    /// Give up on a draft whose checking holds more memory than this (bytes,
    /// or with a K, M or G suffix); the other drafts are still checked, and
    /// the exit status is 2. A draft at the 10 MB size limit takes about 250 MB.
    #[arg(long, value_name = "SIZE", default_value = "2G", value_parser = crate::size::parse_size)]
    pub memory_limit: u64,
}

fn parse_input_format(text: &str) -> Result<InputFormat, String> {
    InputFormat::from_name(text).ok_or_else(|| format!("unknown format `{text}` (use md, txt, html or docx)"))
}

fn parse_seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if s > 0.0 && s.is_finite() => Ok(s),
        _ => Err(format!("`{text}` is not a positive number of seconds")),
    }
}

#[derive(Debug, Args)]
pub struct QuotesArgs {
    #[command(flatten)]
    pub inputs: Inputs,

    #[arg(long, value_enum, default_value_t = QuotesFormat::Table)]
    pub format: QuotesFormat,

    /// Source material to check quotes against: transcripts, statements,
    /// releases, filings, posts (text or Markdown files, or directories of
    /// them; repeatable).
    #[arg(long, value_name = "PATH")]
    pub sources: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SourcesArgs {
    #[command(flatten)]
    pub inputs: Inputs,

    #[arg(long, value_enum, default_value_t = QuotesFormat::Table)]
    pub format: QuotesFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QuotesFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub inputs: Inputs,

    #[arg(long, value_enum, default_value_t = CheckFormat::Full)]
    pub format: CheckFormat,

    /// The least severity that makes the exit status 1.
    #[arg(long, value_enum, value_name = "SEVERITY", default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,

    /// Exit 0 even when problems are found (2 still reports errors of use, I/O or internals).
    #[arg(long)]
    pub exit_zero: bool,

    /// Run only these rules (comma-separated codes, names, families such as
    /// `QF`, or `ALL`), replacing the config file's `select` and `ignore`.
    #[arg(long, value_name = "CODES", value_delimiter = ',', value_parser = crate::rules::parse_selector, help_heading = "Rule selection")]
    pub select: Option<Vec<RuleSelector>>,

    /// Run these rules as well as those selected (by `--select` or the config file).
    #[arg(long, value_name = "CODES", value_delimiter = ',', value_parser = crate::rules::parse_selector, help_heading = "Rule selection")]
    pub extend_select: Vec<RuleSelector>,

    /// Do not run these rules, whatever the config file selects.
    #[arg(long, visible_alias = "extend-ignore", value_name = "CODES", value_delimiter = ',', value_parser = crate::rules::parse_selector, help_heading = "Rule selection")]
    pub ignore: Vec<RuleSelector>,

    /// Source material to check quotes against: transcripts, statements,
    /// releases, filings, posts (text or Markdown files, or directories of
    /// them; repeatable).
    #[arg(long, value_name = "PATH")]
    pub sources: Vec<PathBuf>,

    /// Apply the safe fixes and write the drafts back (standard input: print
    /// the fixed draft on stdout, the findings on stderr); the findings left
    /// are reported as usual.
    #[arg(long, conflicts_with = "staged", help_heading = "Fixes")]
    pub fix: bool,

    /// With `--fix` or `--diff`, apply the unsafe fixes too: those that may
    /// change the wording (brackets for parentheses, punctuation moved across
    /// a closing mark, a name respelled, "says" to "said").
    #[arg(long, help_heading = "Fixes")]
    pub unsafe_fixes: bool,

    /// Print what `--fix` would change as a unified diff and write nothing;
    /// exit 1 if anything would change.
    #[arg(long, conflicts_with = "staged", help_heading = "Fixes")]
    pub diff: bool,
}

impl CheckArgs {
    /// The rule selection given on the command line (empty if none).
    pub fn rule_selection(&self) -> RuleSelection {
        RuleSelection {
            select: self.select.clone(),
            extend_select: self.extend_select.clone(),
            ignore: self.ignore.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Exit 1 only for errors.
    Error,
    /// Exit 1 for warnings and errors.
    Warning,
    /// Exit 1 for any finding.
    Info,
    /// Never exit 1.
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Source snippets with labels, for people.
    Full,
    /// One line a finding: `path:line:col: severity[CODE] message`.
    Concise,
    /// One JSON document (see docs/json.md).
    Json,
    /// One JSON object a line, each like an entry of `json`'s `diagnostics`.
    Jsonl,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…::message`).
    Github,
    /// The HTML page of `quotelint report`.
    Html,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub inputs: Inputs,

    /// Write the page to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Source material to check quotes against (as for `check`): the page
    /// shows which quotes were found verbatim, which differ and which were not found.
    #[arg(long, value_name = "PATH")]
    pub sources: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
    pub format: RulesFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule code (`QF001`) or name (`unbalanced-quote-marks`).
    #[arg(value_name = "CODE|NAME")]
    pub rule: String,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write it: a directory (gets `quotelint.toml`) or a file path.
    #[arg(value_name = "PATH", default_value = ".")]
    pub path: PathBuf,

    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum HookCommand {
    /// Write a git pre-commit hook that checks the staged content of staged Markdown files.
    Install(HookInstallArgs),
}

#[derive(Debug, Args)]
pub struct HookInstallArgs {
    /// Replace an existing pre-commit hook.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    /// The same arguments, the same outcome: each parsed value, or each
    /// error's whole message (a usage error, --help, --version).
    #[test]
    fn parsing_once_is_parsing() {
        let argvs: [&[&str]; 7] = [
            &["quotelint", "check", "a.md", "--color", "never", "--select", "QF001"],
            &["quotelint", "--isolated", "quotes", "a.md", "--format", "json"],
            &["quotelint", "check", "a.md", "--select", "QF001,unbalanced-quotes"],
            &["quotelint", "chekc", "a.md"],
            &["quotelint", "check", "--help"],
            &["quotelint", "--version"],
            &["quotelint", "--config", "q.toml", "--isolated", "check", "a.md"],
        ];
        for argv in argvs {
            let show = |r: Result<Cli, clap::Error>| match r {
                Ok(cli) => format!("{cli:?}"),
                Err(e) => format!("{:?} {}", e.kind(), e.render()),
            };
            let (once, usual) = (show(Cli::parse_once(argv)), show(Cli::try_parse_from(argv)));
            assert_eq!(once, usual, "{argv:?}");
            assert!(!once.is_empty());
        }
    }

    #[test]
    fn color_is_global() {
        let cli = Cli::try_parse_from(["quotelint", "check", "a.md", "--color", "never"]).unwrap();
        assert_eq!(cli.color, ColorMode::Never);
    }

    #[test]
    fn rule_selection_flags_take_comma_separated_codes_names_and_families() {
        let cli = Cli::try_parse_from([
            "quotelint",
            "check",
            "a.md",
            "--select",
            "QF,unattributed-quote",
            "--extend-select=QP001",
            "--ignore",
            "QF002",
            "--extend-ignore",
            "all",
        ])
        .unwrap();
        let Command::Check(args) = cli.command else { panic!("check") };
        let selection = args.rule_selection();
        assert_eq!(
            selection.select,
            Some(vec![RuleSelector::Prefix("QF".into()), RuleSelector::Name("unattributed-quote".into())])
        );
        assert_eq!(selection.extend_select, vec![RuleSelector::Prefix("QP001".into())]);
        assert_eq!(selection.ignore, vec![RuleSelector::Prefix("QF002".into()), RuleSelector::All]);
        let none = Cli::try_parse_from(["quotelint", "check", "a.md"]).unwrap();
        let Command::Check(args) = none.command else { panic!("check") };
        assert!(args.rule_selection().is_empty());
    }

    #[test]
    fn unknown_selectors_are_usage_errors_with_a_suggestion() {
        let err = Cli::try_parse_from(["quotelint", "check", "a.md", "--select", "QF001,unbalanced-quotes"])
            .unwrap_err();
        assert_eq!(err.exit_code(), 2);
        let message = err.to_string();
        assert!(message.contains("unknown rule or rule family `unbalanced-quotes`"), "{message}");
        assert!(message.contains("did you mean `QF001`"), "{message}");
    }

    #[test]
    fn config_and_isolated_are_global_and_exclusive() {
        let cli = Cli::try_parse_from(["quotelint", "check", "a.md", "--config", "q.toml"]).unwrap();
        assert_eq!(cli.config, Some(PathBuf::from("q.toml")));
        let cli = Cli::try_parse_from(["quotelint", "--isolated", "check", "a.md"]).unwrap();
        assert!(cli.isolated);
        assert!(Cli::try_parse_from(["quotelint", "check", "a.md", "--isolated", "--config", "q.toml"]).is_err());
    }
}
