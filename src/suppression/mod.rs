//! Suppressing findings from inside the draft, in HTML comments that do not
//! show in the published page:
//!
//! - `<!-- quotelint-disable-next-line CODE[, CODE…] -->`: the next non-blank line;
//! - `<!-- quotelint-disable CODE… -->` … `<!-- quotelint-enable [CODE…] -->`: a range
//!   (to the end of the file if never enabled again);
//! - a `quotelint: { disable: [CODE…] }` key in front matter: the whole file.
//!
//! Codes may be codes, names or families; no code means every rule. Text after
//! ` -- ` is a reason for people. A finding is suppressed when its primary
//! span starts in a region suppressed for its rule. Suppressions that
//! suppress nothing, and codes that name no rule, are reported (QS001,
//! QS002) so that stale ones get cleaned up.
//!
//! [`check`] is the whole per-file check: the enabled rules, severities,
//! suppressions and these hygiene findings.

mod coverage;
mod directives;
mod front_matter;
mod removal;

pub use directives::{Directives, Problem};

use coverage::{Coverage, Findings};

use crate::analysis::Analysis;
use crate::diagnostic::{self, Diagnostic, LineFinding};
use crate::findings;
use crate::rules::{self, Rule, RuleMeta, UnknownRuleInSuppression, UnusedSuppression};
use crate::settings::{RuleSelector, Settings};
use crate::span::Span;

/// Where a suppression applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    /// The whole file (front matter).
    File,
    /// Source bytes; a finding starting in `start..end` is covered.
    Range(Span),
}

/// One rule selector written in a directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// As written; empty for a directive without codes (every rule).
    pub text: String,
    /// The code in the source, or the whole comment for a directive without codes.
    pub span: Span,
    pub selector: RuleSelector,
}

/// One selector applied to one region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub region: Region,
    pub entry: Entry,
}

impl Suppression {
    /// Suppressions of the hygiene rules themselves are never reported as
    /// unused: their whole point is that those findings may come and go.
    fn only_hygiene(&self, metas: &[&'static RuleMeta]) -> bool {
        let hygiene = [UnusedSuppression.meta(), UnknownRuleInSuppression.meta()];
        let matched: Vec<&RuleMeta> = metas.iter().copied().filter(|m| self.entry.selector.matches(m)).collect();
        !matched.is_empty() && matched.iter().all(|m| hygiene.contains(m))
    }
}

fn meta_of(metas: &[&'static RuleMeta], code: &str) -> Option<&'static RuleMeta> {
    metas.iter().copied().find(|m| m.code == code)
}

/// Runs the enabled rules over one draft with their configured severities,
/// drops suppressed findings and adds the suppression-hygiene findings.
pub fn check(analysis: &Analysis, settings: &Settings) -> Vec<Diagnostic> {
    // the rules read the word lists of the draft's language
    let settings = &*settings.for_language(analysis.language);
    let found = run_rules(analysis, settings);
    settle_vetted(analysis, settings, found)
}

/// [`check`] for a caller done with the analysis: the prose, quotations,
/// attributions and words, which neither suppressions nor vetting fixes
/// read, are freed before the findings are unpacked and the file is parsed
/// again to vet them, so that none of those is held with the analysis (on
/// a long draft each takes tens of megabytes).
pub fn check_owned(analysis: Analysis, settings: &Settings) -> (crate::source::SourceFile, Vec<Diagnostic>) {
    check_then(analysis, settings, settle_vetted)
}

/// [`check_owned`] for a report of one line a finding (`check --format
/// concise`): each finding is vetted and cut down to a [`LineFinding`] as
/// it is unpacked, and held so until printed. A long draft's hundreds of
/// thousands of findings, each with its labels and its fix's edits, were
/// all held whole at once, the peak of checking such a draft.
pub fn check_lines(analysis: Analysis, settings: &Settings) -> (crate::source::SourceFile, Vec<LineFinding>) {
    check_then(analysis, settings, settle_lines_vetted)
}

/// [`check_owned`] for an editor, which shows a finding's message, help,
/// labels and fix but not its notes: the findings made again when unpacked
/// are made without them (see [`findings::Notes`]).
pub fn check_for_editor(analysis: Analysis, settings: &Settings) -> (crate::source::SourceFile, Vec<Diagnostic>) {
    check_then(analysis, settings, |analysis, settings, found| {
        settle_vetted_with(analysis, settings, found, findings::Notes::Left)
    })
}

/// Runs the rules, frees what vetting does not read, and has `settle` settle the findings.
fn check_then<T>(
    mut analysis: Analysis,
    settings: &Settings,
    settle: fn(&Analysis, &Settings, findings::Findings) -> Vec<T>,
) -> (crate::source::SourceFile, Vec<T>) {
    let settings = &*settings.for_language(analysis.language);
    let found = run_rules(&analysis, settings);
    analysis.keep_for_vetting();
    // the analysis's pages go back before the findings are unpacked
    crate::heap::give_back_free_pages(analysis.file.text.len());
    let kept = settle(&analysis, settings, found);
    (analysis.file, kept)
}

/// [`check`] for the report page, which reads the prose, quotations and
/// attributions afterwards but neither the words and indexes only the rules
/// read nor any fix: those are freed before the findings are unpacked, and
/// each finding's fix as it is unpacked, unvetted. On 8 MB of nested lists
/// both were held beside the page's records, about 30 MB.
pub fn check_unfixed(analysis: &mut Analysis, settings: &Settings) -> Vec<Diagnostic> {
    let settings = &*settings.for_language(analysis.language);
    let found = run_rules(analysis, settings);
    analysis.keep_for_report();
    let found = (found, findings::Notes::Made);
    let mut kept = settle(analysis, settings, found, &mut |batch| batch.iter_mut().for_each(|d| d.fix = None));
    diagnostic::sort(&mut kept);
    kept
}

/// [`check`] for the fixer, which reads the file and its parsed document
/// afterwards (to carry findings over a pass), not the quotations,
/// attributions, words and indexes only the rules read: those are freed
/// before the findings are unpacked and vetted.
pub fn check_for_fixing(analysis: &mut Analysis, settings: &Settings) -> Vec<Diagnostic> {
    let settings = &*settings.for_language(analysis.language);
    let found = run_rules(analysis, settings);
    analysis.keep_for_fixing();
    settle_vetted(analysis, settings, found)
}

/// [`settle`]d findings, sorted, with any fix that would write outside
/// plain prose taken away.
fn settle_vetted(analysis: &Analysis, settings: &Settings, found: findings::Findings) -> Vec<Diagnostic> {
    settle_vetted_with(analysis, settings, found, findings::Notes::Made)
}

fn settle_vetted_with(
    analysis: &Analysis,
    settings: &Settings,
    found: findings::Findings,
    notes: findings::Notes,
) -> Vec<Diagnostic> {
    let mut vetter = crate::fix::Vetter::new(analysis, prose_read_early(analysis, &found));
    let mut kept = settle(analysis, settings, (found, notes), &mut |_| {});
    vetter.vet(&mut kept);
    diagnostic::sort(&mut kept);
    kept
}

/// [`settle_vetted`]'s findings, each cut down to a [`LineFinding`] once
/// its fix is vetted, as it is unpacked.
fn settle_lines_vetted(analysis: &Analysis, settings: &Settings, found: findings::Findings) -> Vec<LineFinding> {
    let mut vetter = crate::fix::Vetter::new(analysis, prose_read_early(analysis, &found));
    // one line a finding shows no notes
    let found = (found, findings::Notes::Left);
    let mut kept: Vec<LineFinding> = settle(analysis, settings, found, &mut |batch| vetter.vet(batch));
    diagnostic::sort_lines(&mut kept);
    kept
}

/// How [`settle`] holds a finding once it is unpacked: whole, or cut down
/// to one line.
trait Kept: Sized {
    /// Moves the findings of `batch` to the end of `kept`, in this form.
    fn keep(kept: &mut Vec<Self>, batch: &mut Vec<Diagnostic>);
    /// The finding's rule and where its span starts, for the directives.
    fn at(&self) -> (&'static RuleMeta, usize);
}

impl Kept for Diagnostic {
    fn keep(kept: &mut Vec<Self>, batch: &mut Vec<Diagnostic>) {
        kept.append(batch);
    }

    fn at(&self) -> (&'static RuleMeta, usize) {
        (self.meta, self.span.start)
    }
}

impl Kept for LineFinding {
    fn keep(kept: &mut Vec<Self>, batch: &mut Vec<Diagnostic>) {
        kept.reserve(batch.len());
        for d in batch.drain(..) {
            let line = LineFinding::of(d, kept.last());
            kept.push(line);
        }
    }

    fn at(&self) -> (&'static RuleMeta, usize) {
        (self.meta, self.span.start)
    }
}

/// How many findings are unpacked before `settle`'s `each` is given them.
const BATCH: usize = 512;

/// Drafts at least this long have the prose their fixes may touch read
/// before their findings are unpacked.
const READ_PROSE_EARLY: usize = 256 << 10;

/// The prose fixes may write in, read while the findings are still packed
/// if the draft is long and has findings: the Markdown parser's tree of the
/// whole draft (about 1.6 times its size) was held beside the unpacked
/// findings, the peak of checking 2 MB naming thousands of people. Shorter
/// drafts read it only if a finding has a fix, when it is needed.
fn prose_read_early(analysis: &Analysis, found: &findings::Findings) -> Option<crate::fix::guard::Editable> {
    let text = analysis.file.text.as_str();
    (text.len() >= READ_PROSE_EARLY && !found.is_empty()).then(|| crate::fix::guard::Editable::of(text))
}

/// The rules that build the largest tables of their own (quote-drift's
/// index of every quote's words, name spelling's of every name, the
/// claims' phrases) run first, before the others' findings are held beside
/// those tables: on 8 MB of "…," they said, quote-drift's tables came on top
/// of 75,000 findings. Findings are sorted by place and rule once all have
/// run, and no rule reads another's, so the order changes nothing else.
const RUN_FIRST: [&str; 3] = ["quote-drift", "inconsistent-name-spelling", "weasel-claim"];

/// Every rule, in the order [`run_rules`] runs them (see [`RUN_FIRST`]).
fn in_running_order() -> Vec<Box<dyn Rule>> {
    let mut all = rules::all();
    // each moved to the front in turn, the others left in code order: done
    // for every draft, where a sort compared names some hundred times
    let mut front = 0;
    for name in RUN_FIRST {
        if let Some(i) = all.get(front..).and_then(|rest| rest.iter().position(|r| r.meta().name == name)) {
            let rule = all.remove(front + i);
            all.insert(front, rule);
            front += 1;
        }
    }
    all
}

/// The enabled rules' findings, packed, in the order found; `settings`
/// are those of the draft's language.
fn run_rules(analysis: &Analysis, settings: &Settings) -> findings::Findings {
    let mut found = findings::Findings::default();
    for rule in in_running_order() {
        if settings.rule_enabled(rule.meta()) {
            rule.check(analysis, settings, &mut found);
            crate::budget::checkpoint();
            // the rule's own indexes are gone: their pages go back before the next one's grow
            crate::heap::give_back_free_pages(analysis.file.text.len());
        }
    }
    found
}

/// The findings of [`check`], in no order: `found` with the configured
/// severities, less what the draft's directives suppress, with the hygiene
/// findings; each is given to `each` (a few hundred at a time, as they are
/// unpacked) before it is kept, whole or cut down as `T` holds it. Reads only the file, its front matter and
/// its comments (what [`Analysis::keep_for_vetting`] keeps).
fn settle<T: Kept>(
    analysis: &Analysis,
    settings: &Settings,
    found: (findings::Findings, findings::Notes),
    each: &mut dyn FnMut(&mut [Diagnostic]),
) -> Vec<T> {
    let (found, notes) = found;
    let mut all = Vec::with_capacity(found.len());
    unpack(analysis, settings, (found, notes), &mut |batch| {
        each(batch);
        T::keep(&mut all, batch);
    });
    let (mut kept, mut hygiene) = suppress_in(analysis, settings, all, T::at);
    each(&mut hygiene);
    T::keep(&mut kept, &mut hygiene);
    kept
}

/// Unpacks `found` (made again with their notes or without) with the
/// configured severities, [`BATCH`] at a time, and hands each batch to
/// `take`, which empties it; `found` is freed once all are taken.
fn unpack(
    analysis: &Analysis,
    settings: &Settings,
    (found, notes): (findings::Findings, findings::Notes),
    take: &mut dyn FnMut(&mut Vec<Diagnostic>),
) {
    let metas = rules::all_meta();
    let mut batch = Vec::with_capacity(BATCH.min(found.len()));
    for mut d in found.iter_with(&analysis.file.text, notes) {
        if let Some(meta) = meta_of(&metas, d.code()) {
            d.severity = settings.severity_for(meta);
        }
        batch.push(d);
        if batch.len() == BATCH {
            take(&mut batch);
        }
    }
    take(&mut batch);
}

/// `found` less what the draft's directives suppress, and the hygiene
/// findings, with the suppressions' unused codes' removals attached.
fn suppress_in<T>(
    analysis: &Analysis,
    settings: &Settings,
    found: Vec<T>,
    at: fn(&T) -> (&'static RuleMeta, usize),
) -> (Vec<T>, Vec<Diagnostic>) {
    let directives = Directives::parse(&analysis.doc, &analysis.file.text);
    let (kept, mut hygiene) = suppress(found, at, &directives, settings, &analysis.file.path);
    removal::attach(analysis, UnusedSuppression.meta().code, &mut hygiene);
    (kept, hygiene)
}

/// Drops the findings the directives suppress, and reports the directives
/// that suppressed nothing or name no rule (as enabled in `settings`, with
/// its severities; hygiene findings can be suppressed too). Returns the kept
/// findings and the hygiene findings.
pub fn apply_suppressions(
    diagnostics: Vec<Diagnostic>,
    directives: &Directives,
    settings: &Settings,
    path: &str,
) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    suppress(diagnostics, |d| (d.meta, d.span.start), directives, settings, path)
}

/// [`apply_suppressions`] for any record of a finding: `at` gives its rule
/// and where its primary span starts.
fn suppress<T>(
    diagnostics: Vec<T>,
    at: fn(&T) -> (&'static RuleMeta, usize),
    directives: &Directives,
    settings: &Settings,
    path: &str,
) -> (Vec<T>, Vec<Diagnostic>) {
    let metas = rules::all_meta();
    let rule_of = |code: &str| metas.iter().position(|m| m.code == code);
    let coverage = Coverage::new(&directives.suppressions, &metas);
    // Whether a suppression was used is asked of the findings as found, before any is dropped.
    let found = Findings::new(
        metas.len(),
        diagnostics.iter().filter_map(|d| {
            let (meta, start) = at(d);
            Some((rule_of(meta.code)?, start))
        }),
    );
    // filtered in place: tens of thousands of findings are not copied to a second vector
    let mut kept = diagnostics;
    kept.retain(|d| {
        crate::budget::tick();
        let (meta, start) = at(d);
        rule_of(meta.code).is_none_or(|rule| !coverage.covers(rule, start))
    });

    let mut hygiene = Vec::new();
    for s in &directives.suppressions {
        crate::budget::tick();
        // A rule that is not enabled found nothing, so its suppression is not known to be stale.
        let any_enabled = metas.iter().any(|m| s.entry.selector.matches(m) && settings.rule_enabled(m));
        if any_enabled && !found.any_in(s, &metas) && !s.only_hygiene(&metas) {
            hygiene.push(unused(s, path));
        }
    }
    for problem in &directives.problems {
        hygiene.push(match problem {
            Problem::UnknownRule { span, text } => unknown_rule(path, *span, text),
            Problem::UnknownDirective { span, text } => unknown_directive(path, *span, text),
            Problem::UnmatchedEnable { span, text } => unmatched_enable(path, *span, text),
        });
    }
    hygiene.retain_mut(|d| {
        crate::budget::tick();
        let Some(rule) = rule_of(d.code()) else { return true };
        d.severity = settings.severity_for(metas[rule]);
        settings.rule_enabled(metas[rule]) && !coverage.covers(rule, d.span.start)
    });
    (kept, hygiene)
}

fn unused(s: &Suppression, path: &str) -> Diagnostic {
    let meta = UnusedSuppression.meta();
    let (message, label) = match (&s.region, s.entry.text.is_empty()) {
        (_, true) => ("unused suppression: nothing here to suppress".to_string(), "suppresses nothing"),
        (Region::File, false) => {
            (format!("unused file-wide suppression of `{}`", s.entry.text), "no such finding in this file")
        }
        (Region::Range(_), false) => {
            (format!("unused suppression of `{}`", s.entry.text), "no such finding where this applies")
        }
    };
    Diagnostic::new(meta, path, s.entry.span, message)
        .with_primary_label(label)
        .with_help("delete the suppression (or this code from it): what it silenced is no longer there")
}

fn unmatched_enable(path: &str, span: Span, text: &str) -> Diagnostic {
    Diagnostic::new(UnusedSuppression.meta(), path, span, format!("`{text}` ends no `quotelint-disable`"))
        .with_primary_label("nothing is disabled here")
        .with_help("delete it, or add the `quotelint-disable` it was meant to end")
}

fn unknown_rule(path: &str, span: Span, text: &str) -> Diagnostic {
    let d = Diagnostic::new(
        UnknownRuleInSuppression.meta(),
        path,
        span,
        format!("`{text}` in a suppression comment is not a rule"),
    )
    .with_primary_label("no rule has this code or name");
    match rules::close_matches(text).first() {
        Some(close) => d.with_help(format!("did you mean `{}` ({})?", close.code, close.name)),
        None => d.with_help("run `quotelint rules` to list every rule"),
    }
}

fn unknown_directive(path: &str, span: Span, text: &str) -> Diagnostic {
    Diagnostic::new(UnknownRuleInSuppression.meta(), path, span, format!("unknown directive `{text}`"))
        .with_primary_label("not a quotelint directive")
        .with_help("the directives are `quotelint-disable-next-line`, `quotelint-disable` and `quotelint-enable`")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::UnbalancedQuoteMarks;
    use crate::source::SourceFile;
    use proptest::prelude::*;

    fn finding(start: usize) -> Diagnostic {
        Diagnostic::new(
            UnbalancedQuoteMarks.meta(),
            "d.md",
            Span::new(start, start + 3),
            "quotation is never closed",
        )
    }

    fn directives(text: &str) -> Directives {
        Directives::parse(&crate::markdown::parse(text), text)
    }

    #[test]
    fn a_file_wide_suppression_covers_the_very_end_and_counts_as_used() {
        let text = "---\nquotelint:\n  disable: [QF001]\n---\nText.\n";
        let (kept, hygiene) =
            apply_suppressions(vec![finding(text.len())], &directives(text), &Settings::default(), "d.md");
        assert!(kept.is_empty());
        assert!(hygiene.is_empty(), "{hygiene:?}");
    }

    #[test]
    fn a_range_ends_where_the_enable_comment_starts() {
        let text = "<!-- quotelint-disable QF001 -->\nA.\n<!-- quotelint-enable -->\nB.\n";
        let enable = text.find("<!-- quotelint-enable").unwrap();
        let d = directives(text);
        let (kept, _) =
            apply_suppressions(vec![finding(enable - 1), finding(enable)], &d, &Settings::default(), "d.md");
        assert_eq!(kept.iter().map(|k| k.span.start).collect::<Vec<_>>(), [enable]);
    }

    #[test]
    fn hygiene_severity_and_selection_follow_the_settings() {
        let text = "<!-- quotelint-disable-next-line QF002 -->\nText.\n";
        let settings = Settings {
            severity: vec![(rules::parse_selector("QS").unwrap(), crate::diagnostic::Severity::Info)],
            ..Settings::default()
        };
        let (_, hygiene) = apply_suppressions(Vec::new(), &directives(text), &settings, "d.md");
        assert_eq!(hygiene.len(), 1);
        assert_eq!(hygiene[0].severity, crate::diagnostic::Severity::Info);
        let off =
            Settings { ignore: vec![rules::parse_selector("unused-suppression").unwrap()], ..Settings::default() };
        assert!(apply_suppressions(Vec::new(), &directives(text), &off, "d.md").1.is_empty());
    }

    /// `n` paragraphs, each after a next-line directive: the even ones for
    /// QF001 (used by a finding there), the odd ones for QF002 (unused); then
    /// `n` open disables of QF003 and `n` enables of QF004, which end nothing.
    fn many_directives(n: usize) -> (String, Vec<Diagnostic>) {
        let mut text = String::new();
        let mut found = Vec::new();
        for k in 0..n {
            let code = if k % 2 == 0 { "QF001" } else { "QF002" };
            text.push_str(&format!("<!-- quotelint-disable-next-line {code} -->\n"));
            if k % 2 == 0 {
                found.push(finding(text.len()));
            }
            text.push_str("A paragraph.\n\n");
        }
        for _ in 0..n {
            text.push_str("<!-- quotelint-disable QF003 -->\n\n");
        }
        for _ in 0..n {
            text.push_str("<!-- quotelint-enable QF004 -->\n\n");
        }
        (text, found)
    }

    #[test]
    fn thousands_of_directives_and_findings_take_steps_in_proportion_not_their_product() {
        let n = 4_000;
        let (text, found) = many_directives(n);
        let doc = crate::markdown::parse(&text);
        let before = crate::budget::ticks();
        let d = Directives::parse(&doc, &text);
        let (kept, hygiene) = apply_suppressions(found, &d, &Settings::default(), "d.md");
        let steps = crate::budget::ticks().wrapping_sub(before);
        assert!(kept.is_empty(), "every QF001 finding is suppressed");
        let count = |code: &str, what: &str| {
            hygiene.iter().filter(|h| h.code() == code && h.message.contains(what)).count()
        };
        assert_eq!(count("QS001", "unused suppression of `QF002`"), n / 2);
        assert_eq!(count("QS001", "unused suppression of `QF003`"), n);
        assert_eq!(count("QS001", "ends no"), n);
        assert_eq!(hygiene.len(), n / 2 + 2 * n);
        // testing every finding against every directive took n² steps (16
        // million); an index takes a few per directive and finding
        assert!(steps < 40 * n as u32, "{steps} steps for {} directives", 3 * n);
    }

    proptest! {
        #[test]
        fn never_panics_on_directive_soup(
            parts in proptest::collection::vec(prop_oneof![
                Just("<!-- quotelint-disable QF001 -->"), Just("<!-- quotelint-enable -->"),
                Just("<!-- quotelint-enable QF002 -->"), Just("<!-- quotelint-disable-next-line -->"),
                Just("<!-- quotelint-disable-next-line QF001, qf9 -- why -->"), Just("<!-- quotelint- -->"),
                Just("<!-- quotelint-disable"), Just("---\n"), Just("+++\n"), Just("quotelint:\n"),
                Just("  disable: [QF001, \"x\"\n"), Just("  - QF002\n"), Just("[quotelint]\n"),
                Just("disable = [\"QF001\"]\n"), Just("“Open, "), Just("\"Closed,\" "), Just("é"), Just("\n"),
                Just("\r\n"), Just("\n\n"), Just(" "),
            ], 0..40)
        ) {
            let text: String = parts.concat();
            let analysis = crate::analyze(SourceFile::new("d.md", text.clone()));
            let out = check(&analysis, &Settings::default());
            for d in &out {
                prop_assert!(d.span.start <= text.len() && d.span.end <= text.len(), "{d:?}");
            }
        }
    }

    /// 4,000 paragraphs naming 1,000 people, many nearly alike ("Ana
    /// Bersaber", "Ana Berkober"): findings with fixes.
    fn named_draft() -> String {
        const FIRST: [&str; 10] =
            ["Ana", "Ola", "Mira", "Hong", "Priya", "Jonas", "Lena", "Tomas", "Ines", "Kofi"];
        const PARTS: [&str; 10] = ["ber", "lin", "ko", "sa", "ta", "mo", "ri", "vel", "dan", "gor"];
        let mut draft = String::new();
        for k in 0..4_000 {
            let mut surname: String = [k / 100, k / 10, k].iter().map(|&d| PARTS[d % 10]).collect();
            surname[..1].make_ascii_uppercase();
            let first = FIRST[k % 10];
            draft.push_str(&format!(
                "“The pier reopens in May,” said {first} {surname}. {surname} later told reporters so.\n\n"
            ));
        }
        draft
    }

    /// The rules that run first (see [`RUN_FIRST`]) find there what they
    /// find in code order, and no other rule finds anything else: sorted,
    /// the findings are the same, fixes and notes included.
    #[test]
    fn the_rules_find_in_running_order_what_they_find_in_code_order() {
        let draft = format!(
            "{}“The river will crest on Friday night,” said Ruth Adler, the county engineer.\n\n\
             Residents were told that “the river will probably crest on Friday,” Adler said.\n\n\
             Experts say the bridge could collapse within a year.\n",
            named_draft()
        );
        let settings = Settings::default();
        let analysis = crate::analysis::analyze(SourceFile::new("d.md", draft.as_str()));
        let running: Vec<&str> = in_running_order().iter().map(|r| r.meta().name).collect();
        assert_eq!(running[..RUN_FIRST.len()], RUN_FIRST);
        let in_code_order: Vec<&str> = rules::all().iter().map(|r| r.meta().name).collect();
        let rest: Vec<&str> = in_code_order.iter().copied().filter(|name| !RUN_FIRST.contains(name)).collect();
        assert_eq!(running[RUN_FIRST.len()..], rest, "the others run in code order");
        let mut in_code_order = findings::Findings::default();
        for rule in rules::all().iter().filter(|r| settings.rule_enabled(r.meta())) {
            rule.check(&analysis, &settings, &mut in_code_order);
        }
        let sorted = |found: findings::Findings| {
            let mut all = found.into_vec(&analysis.file.text);
            diagnostic::sort(&mut all);
            all
        };
        let (running, in_code_order) = (sorted(run_rules(&analysis, &settings)), sorted(in_code_order));
        for code in ["QP003", "QN002", "QA009"] {
            assert!(running.iter().any(|d| d.code() == code), "no {code} finding");
        }
        assert!(running == in_code_order, "{} findings against {}", running.len(), in_code_order.len());
    }

    /// `draft`'s findings settled and vetted, and the bytes held at the
    /// peak of doing so.
    fn settled(draft: &str) -> (Vec<Diagnostic>, u64) {
        settled_by(draft, settle_vetted)
    }

    /// [`settled`] for one line a finding.
    fn settled_lines(draft: &str) -> (Vec<LineFinding>, u64) {
        settled_by(draft, settle_lines_vetted)
    }

    fn settled_by<T>(
        draft: &str,
        settle: fn(&Analysis, &Settings, findings::Findings) -> Vec<T>,
    ) -> (Vec<T>, u64) {
        let settings = Settings::default();
        let mut analysis = crate::analysis::analyze(SourceFile::new("d.md", draft));
        let found = run_rules(&analysis, &settings);
        analysis.keep_for_vetting();
        crate::budget::peak_held(|| settle(&analysis, &settings, found))
    }

    /// The Markdown parser's tree of a long draft (read to keep fixes in
    /// prose) is built before the findings are unpacked, not beside them:
    /// here 1,000 people, many named nearly alike ("Ana Bersaber", "Ana
    /// Berkober"), each finding with a fix. Counted by this thread's
    /// allocator, the same on any machine.
    #[test]
    fn a_long_draft_s_prose_is_read_before_its_findings_are_unpacked() {
        let draft = named_draft();
        let (found, held) = settled(&draft);
        let fixed = found.iter().filter(|d| d.fix.is_some()).count();
        assert!(fixed >= 1_000, "{fixed} of {} findings have a fix", found.len());
        // 4.3 times the draft (1.48 MB) with the tree beside the findings, 3.2 times without
        let bound = draft.len() as u64 * 38 / 10;
        assert!(held < bound, "{held} bytes held at the peak by {} findings, draft {}", found.len(), draft.len());
    }

    /// A long draft of quotations that never close (each paragraph opens
    /// several and none is closed): every one of its thousands of findings
    /// has the rule's fixed note, which was copied into each finding as it
    /// was unpacked. Counted by this thread's allocator.
    #[test]
    fn the_unpacked_findings_of_a_long_draft_share_their_rule_s_fixed_note() {
        const WORDS: [&str; 6] = ["pier", "grant", "museum", "dredger", "winter", "council"];
        let mut draft = String::new();
        for k in 0..3_000 {
            let (a, b, c) = (WORDS[k % 6], WORDS[(k / 6) % 6], WORDS[(k / 36) % 6]);
            draft.push_str(&format!("“{a} “{b} “{c} the quay.\n\n"));
        }
        let settings = Settings::default();
        let mut analysis = crate::analysis::analyze(SourceFile::new("d.md", draft.as_str()));
        let found = run_rules(&analysis, &settings);
        analysis.keep_for_vetting();
        let (found, held) = crate::budget::peak_held(|| settle_vetted(&analysis, &settings, found));
        let noted = found.iter().filter(|d| !d.notes.is_empty()).count();
        assert!(noted >= 5_000, "{noted} of {} findings have a note", found.len());
        // 209 bytes a finding with the note shared, 302 with a copy in each
        let bound = found.len() as u64 * 250;
        assert!(held < bound, "{held} bytes held at the peak by {} findings", found.len());
    }

    /// The findings of a one-line report are cut down as they are
    /// unpacked, each after its fix is vetted, and held so until printed:
    /// the same lines in the same order, and the same fixes counted, from a
    /// few bytes a finding. Counted by this thread's allocator.
    #[test]
    fn findings_for_one_line_each_are_cut_down_as_they_are_unpacked() {
        let draft = named_draft();
        let (full, full_held) = settled(&draft);
        let (line, line_held) = settled_lines(&draft);
        let shown = |d: &Diagnostic| {
            let fix = d.fix.as_ref().map(|f| f.applicability);
            (d.path.clone(), d.code(), d.severity, d.span, d.message.clone(), fix)
        };
        let shown_line =
            |d: &LineFinding| (d.path.clone(), d.code(), d.severity, d.span, d.message.to_string(), d.fix);
        assert_eq!(line.iter().map(shown_line).collect::<Vec<_>>(), full.iter().map(shown).collect::<Vec<_>>());
        assert!(full.iter().filter(|d| d.fix.is_some()).count() >= 1_000);
        // counted at the peak, with the prose read early (about 1.6 times
        // the draft): 3.2 times the draft held in full, 2.0 for one line each
        let bound = draft.len() as u64 * 25 / 10;
        assert!(
            full_held >= bound,
            "{full_held} bytes held in full by {} findings, draft {}",
            full.len(),
            draft.len()
        );
        assert!(line_held < bound, "{line_held} bytes held for one line each by {} findings", line.len());
    }

    /// Findings for one line each share their message with the one
    /// before when it is the same: the same lines as the findings in full,
    /// in the same order, past many batches, and one copy of a message
    /// thousands of findings have.
    #[test]
    fn findings_for_one_line_share_a_message_and_keep_the_full_order() {
        let draft = "“The ferry runs late.”\n\nThe pier “was” closed.\n\n".repeat(10_000);
        let (full, _) = settled(&draft);
        let (line, _) = settled_lines(&draft);
        assert!(line.len() > 10 * BATCH, "{} findings", line.len());
        let whole: Vec<LineFinding> = full.into_iter().map(|d| LineFinding::of(d, None)).collect();
        assert_eq!(line, whole);
        let first = line.iter().find(|d| d.code() == line[0].code() && d.message == line[0].message);
        let shared = line.iter().filter(|d| std::sync::Arc::ptr_eq(&d.message, &line[0].message)).count();
        assert!(first.is_some() && shared > 5_000, "{shared} of {} share the first message", line.len());
    }

    /// The report page's findings are `check`'s, in the same order, without
    /// fixes (the page shows none): unpacked once the words and the rules'
    /// indexes are freed, and each fix dropped as it is unpacked, unvetted.
    /// Counted by this thread's allocator from before the rules run.
    #[test]
    fn the_report_s_findings_are_check_s_without_fixes_and_held_in_less() {
        let draft = named_draft();
        let settings = Settings::default();
        let analysis = || crate::analysis::analyze(SourceFile::new("d.md", draft.as_str()));
        let (mut full_analysis, mut unfixed_analysis) = (analysis(), analysis());
        let (full, full_held) = crate::budget::peak_held(|| {
            let found = check(&full_analysis, &settings);
            full_analysis.keep_for_report();
            found
        });
        let (unfixed, unfixed_held) = crate::budget::peak_held(|| check_unfixed(&mut unfixed_analysis, &settings));
        let shown =
            |d: &Diagnostic| (d.code(), d.severity, d.span, d.message.clone(), d.labels.len(), d.notes.clone());
        assert_eq!(unfixed.iter().map(shown).collect::<Vec<_>>(), full.iter().map(shown).collect::<Vec<_>>());
        assert!(full.iter().filter(|d| d.fix.is_some()).count() >= 1_000);
        assert!(unfixed.iter().all(|d| d.fix.is_none()));
        assert!(
            unfixed_held < full_held * 7 / 10,
            "{unfixed_held} bytes at the peak unfixed, {full_held} with fixes"
        );
    }
}
