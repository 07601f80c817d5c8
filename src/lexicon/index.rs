//! Lookup tables and automata built from the parsed rule data.

use super::data::{Data, PhraseEntry, VerbEntry};
use super::hashing::{FastHash, WordFilter};
use super::matcher::{is_word_char, on_word_boundaries, Scan, WordMatcher, WordStart};
use super::phrase::{expand, Shape};
use super::word_map::{WordMap, WordSet};
use super::words::{self, Cased, Word};
use super::{AbbrevKind, LexiconError, Outlet, PhraseList, PhraseMatch, SpeechVerb, Str, VerbForm};
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

#[derive(PartialEq)]
pub struct Index {
    /// Each verb form → its entry in `verb_entries`.
    pub verbs: WordMap<u32>,
    /// The built-in lists' is build.rs's static table.
    pub verb_entries: Cow<'static, [SpeechVerb]>,
    pub titles: WordMap<Cased<()>>,
    pub abbreviations: WordMap<Cased<AbbrevKind>>,
    pub roles: WordSet,
    pub org_heads: WordSet,
    pub generic_orgs: WordSet,
    pub bystanders: WordSet,
    pub documents: WordSet,
    pub outlets: OutletIndex,
    pub(super) anonymous: PhraseSet,
    pub(super) justification: PhraseSet,
    pub(super) vague_speakers: PhraseSet,
    pub(super) weasel: PhraseSet,
    pub(super) channels: PhraseSet,
    /// Function word → index into `gloss_words`.
    pub gloss: WordMap<u8>,
    pub gloss_words: Vec<Word>,
    pub elisions: WordSet,
    pub unsplit: WordSet,
    pub inverted: WordSet,
}

impl Index {
    pub fn build(data: &Data) -> Result<Index, LexiconError> {
        let phrases = |entries: &[PhraseEntry], file: &str| {
            PhraseSet::build(entries).map_err(|m| LexiconError::new(file, m))
        };
        let (verbs, verb_entries) = verb_map(&data.verbs);
        let mut gloss = WordMap::default();
        let mut gloss_words: Vec<Word> = Vec::new();
        for (word, english) in &data.gloss {
            let id = match gloss_words.iter().position(|w| w == english) {
                Some(id) => id,
                None => {
                    gloss_words.push(Cow::Owned(english.clone()));
                    gloss_words.len() - 1
                }
            };
            // one byte an id keeps every word's facts as small as English needs them
            let id = u8::try_from(id).map_err(|_| {
                LexiconError::new("grammar.toml", "more than 256 distinct English words in [gloss]")
            })?;
            gloss.insert(word.as_bytes(), id);
        }
        let set = |words: &[String]| WordSet::build(words.iter().map(|w| (w, ())));
        let keys = |words: &[String]| WordSet::build(words.iter().map(|w| (words::key(w).into_owned(), ())));
        Ok(Index {
            gloss,
            gloss_words,
            elisions: set(&data.elisions),
            unsplit: set(&data.unsplit),
            inverted: set(&data.inverted),
            verbs,
            verb_entries: Cow::Owned(verb_entries),
            titles: title_map(&data.titles),
            abbreviations: abbreviation_map(data),
            roles: role_set(&data.roles),
            org_heads: keys(&data.org_heads),
            generic_orgs: keys(&data.generic_orgs),
            bystanders: keys(&data.bystanders),
            documents: keys(&data.documents),
            outlets: OutletIndex::build(&data.outlets).map_err(|m| LexiconError::new("outlets.toml", m))?,
            anonymous: phrases(&data.anonymous, "anonymous.toml")?,
            justification: phrases(&data.justification, "anonymous.toml")?,
            vague_speakers: phrases(&data.vague_speakers, "vague.toml")?,
            weasel: phrases(&data.weasel, "vague.toml")?,
            channels: phrases(&data.channels, "channels.toml")?,
        })
    }

    pub fn phrases(&self, list: PhraseList) -> &PhraseSet {
        match list {
            PhraseList::Anonymous => &self.anonymous,
            PhraseList::Justification => &self.justification,
            PhraseList::VagueSpeaker => &self.vague_speakers,
            PhraseList::Weasel => &self.weasel,
            PhraseList::Channel => &self.channels,
        }
    }
}

type VerbMap = WordMap<u32>;

fn verb_map(verbs: &[VerbEntry]) -> (VerbMap, Vec<SpeechVerb>) {
    let mut map = WordMap::default();
    let mut entries = Vec::new();
    for entry in verbs {
        let [base, ..] = &entry.forms;
        let lemma: Str = match &entry.particle {
            Some(p) => format!("{base} {p}").into(),
            None => base.as_str().into(),
        };
        let verb = |form| SpeechVerb {
            lemma: lemma.clone(),
            form,
            class: entry.class.clone(),
            particle: entry.particle.as_deref().map(Str::from),
        };
        let mut add = |map: &mut VerbMap, form, word: &String| {
            if entry.nouns.contains(word) {
                return; // "rates": a noun in news copy, whatever the verb
            }
            // Ids fit in u32: the rule files hold a few thousand forms.
            map.insert(word.as_bytes(), entries.len() as u32);
            entries.push(verb(form));
        };
        // Inserted from the last form back, so a form shared by two slots
        // ("said" past and past participle) reports the earlier slot.
        for (form, word) in FORM_ORDER.iter().zip(&entry.forms).rev() {
            add(&mut map, *form, word);
        }
        // the language's other finite forms ("déclarait"), unless a slot has the word
        for (form, word) in &entry.more {
            if !map.contains(word) {
                add(&mut map, *form, word);
            }
        }
    }
    (map, entries)
}

const FORM_ORDER: [VerbForm; 5] =
    [VerbForm::Base, VerbForm::Present, VerbForm::Past, VerbForm::Participle, VerbForm::PastParticiple];

fn title_map(titles: &[String]) -> WordMap<Cased<()>> {
    let mut map = WordMap::default();
    for title in titles {
        words::insert_cased(&mut map, title.trim().trim_end_matches('.'), ());
    }
    map
}

fn abbreviation_map(data: &Data) -> WordMap<Cased<AbbrevKind>> {
    let mut map = WordMap::default();
    for abbr in data.abbreviations.iter().chain(&data.states) {
        words::insert_cased(&mut map, abbr, AbbrevKind::Other);
    }
    // Titles go last: a dotted title never ends a sentence, whatever else it is.
    for title in data.titles.iter().filter(|t| t.ends_with('.')) {
        words::insert_cased(&mut map, title, AbbrevKind::Title);
    }
    map
}

fn role_set(roles: &[String]) -> WordSet {
    let mut set = WordSet::default();
    for role in roles {
        words::with_plural(role, &mut set);
    }
    set
}

/// Every outlet spelling, indexed case-sensitively.
#[derive(PartialEq)]
pub struct OutletIndex {
    pub(super) matcher: WordMatcher,
    /// Per pattern: the outlet and whether the spelling is slot-only.
    pub(super) targets: Cow<'static, [(usize, bool)]>,
    pub(super) outlets: Outlets,
    /// The last words of the spellings, made on first use (see [`OutletIndex::may_end_at`]).
    pub(super) ends: LastWords,
}

/// The last words of a matcher's patterns, as a [`WordFilter`] made on
/// first use. Made of the matcher, it is equal wherever the matchers are,
/// made yet or not.
#[derive(Default)]
pub struct LastWords(OnceLock<WordFilter>);

impl PartialEq for LastWords {
    fn eq(&self, _: &LastWords) -> bool {
        true
    }
}

impl LastWords {
    fn of(&self, matcher: &WordMatcher) -> &WordFilter {
        self.0.get_or_init(|| {
            let mut filter = WordFilter::default();
            for pattern in matcher.patterns() {
                let last = std::str::from_utf8(pattern).map_or(&[][..], |p| last_word(p, p.len()));
                if !last.is_empty() {
                    filter.insert(last);
                }
            }
            filter
        })
    }
}

/// The run of word characters of `text` that ends at `end` (a character
/// boundary), empty if the character before `end` is none. Read back from
/// `end`, character by character: a sentence of megabytes is not read whole.
fn last_word(text: &str, end: usize) -> &[u8] {
    let before = text.get(..end).unwrap_or_default();
    let start = before.char_indices().rev().take_while(|&(_, c)| is_word_char(c)).last().map_or(end, |(i, _)| i);
    before.as_bytes().get(start..).unwrap_or_default()
}

/// The outlets of an index. The built-in lists' are thawed from build.rs's
/// tables when one is first asked for, so a draft that names no outlet
/// never builds their records (an allocation or two each).
pub struct Outlets {
    thaw: Option<fn() -> Vec<Outlet>>,
    list: OnceLock<Vec<Outlet>>,
}

impl Outlets {
    pub(super) fn owned(list: Vec<Outlet>) -> Outlets {
        Outlets { thaw: None, list: OnceLock::from(list) }
    }

    /// The outlets `thaw` builds, built when first asked for.
    pub(super) fn frozen(thaw: fn() -> Vec<Outlet>) -> Outlets {
        Outlets { thaw: Some(thaw), list: OnceLock::new() }
    }

    pub fn all(&self) -> &[Outlet] {
        self.list.get_or_init(|| self.thaw.map(|thaw| thaw()).unwrap_or_default())
    }

    /// Whether they are still to be thawed.
    #[cfg(test)]
    pub(super) fn is_frozen(&self) -> bool {
        self.list.get().is_none()
    }
}

impl PartialEq for Outlets {
    fn eq(&self, other: &Outlets) -> bool {
        self.all() == other.all()
    }
}

impl OutletIndex {
    fn build(outlets: &[Outlet]) -> Result<OutletIndex, String> {
        let (patterns, targets) = OutletIndex::spellings(outlets);
        let matcher = WordMatcher::new(&patterns, false)?;
        Ok(OutletIndex {
            matcher,
            targets: Cow::Owned(targets),
            outlets: Outlets::owned(outlets.to_vec()),
            ends: LastWords::default(),
        })
    }

    /// Whether an outlet found by [`OutletIndex::find`] in `text` may end
    /// at `end` (no false negatives): most words before "said" end no
    /// outlet's name, and each quotation signed "said" had the whole of its
    /// sentence searched for outlets. A match ends with its pattern's last
    /// word, which is the whole run of word characters before its end (the
    /// match starts on a word's boundary), or with a character of no word.
    pub(super) fn may_end_at(&self, text: &str, end: usize) -> bool {
        let before = text.as_bytes().get(..end).unwrap_or_default();
        // most words are ASCII: read back byte by byte, no character decoded
        let ascii = before.iter().rev().take_while(|&&b| b.is_ascii() && is_word_char(char::from(b))).count();
        let word = match before.len() - ascii {
            0 => before,
            at => match before.get(at - 1) {
                Some(b) if !b.is_ascii() => last_word(text, end),
                _ => before.get(at..).unwrap_or_default(),
            },
        };
        word.is_empty() || self.ends.of(&self.matcher).may_hold(word)
    }

    /// The distinct spellings to match, and per spelling the outlet and
    /// whether it is slot-only.
    pub(super) fn spellings(outlets: &[Outlet]) -> (Vec<String>, Vec<(usize, bool)>) {
        let mut patterns: Vec<String> = Vec::new();
        let mut targets = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, outlet) in outlets.iter().enumerate() {
            let free = std::iter::once(&outlet.name).chain(&outlet.aliases).map(|s| (s, false));
            // Slot-only spellings come second so they override a free one.
            for (spelling, slot) in free.chain(outlet.slot_only.iter().map(|s| (s, true))) {
                for variant in the_variants(spelling.trim()) {
                    let id = *seen.entry(variant.clone()).or_insert_with(|| {
                        patterns.push(variant);
                        targets.push((i, slot));
                        targets.len() - 1
                    });
                    if let Some(t) = targets.get_mut(id) {
                        *t = (i, slot);
                    }
                }
            }
        }
        (patterns, targets)
    }

    /// Outlets in `text`; slot-only spellings only when `slots` is set.
    pub fn find(&self, text: &str, slots: bool) -> Vec<(Range<usize>, &Outlet)> {
        self.matcher.scan(text, |r, p| self.accept(r, p, slots))
    }

    pub fn at(&self, text: &str, pos: usize) -> Option<(Range<usize>, &Outlet)> {
        let rest = text.get(pos..)?;
        let start = pos + (rest.len() - rest.trim_start().len());
        self.matcher.at(text, start, |r, p| self.accept(r, p, true))
    }

    fn accept(&self, range: Range<usize>, pattern: usize, slots: bool) -> Option<(Range<usize>, &Outlet)> {
        let &(outlet, slot_only) = self.targets.get(pattern)?;
        (slots || !slot_only).then_some(())?;
        Some((range, self.outlets.all().get(outlet)?))
    }
}

/// "The Hill" is also written "the Hill" mid-sentence.
fn the_variants(spelling: &str) -> Vec<String> {
    match spelling.strip_prefix("The ") {
        Some(rest) => vec![spelling.to_string(), format!("the {rest}")],
        None => vec![spelling.to_string()],
    }
}

/// One phrase list: its expanded patterns, indexed for matching.
#[derive(PartialEq)]
pub struct PhraseSet<M = WordMatcher> {
    pub(super) matcher: M,
    /// The expansions of each pattern (entry index and slot), in entry order:
    /// those of pattern `i` are `targets[offsets[i]..offsets[i + 1]]`.
    pub(super) targets: Cow<'static, [(usize, Slot)]>,
    pub(super) offsets: Cow<'static, [usize]>,
    /// The distinct suffixes of [`Slot::After`] expansions, in order of first use.
    pub(super) suffixes: Vec<Cow<'static, str>>,
    /// The built-in lists' are build.rs's static tables.
    pub(super) entries: Cow<'static, [PhraseEntry]>,
    /// Whether any expansion has an outlet before its pattern.
    pub(super) outlet_first: bool,
    /// Whether every expansion is its pattern alone ([`Slot::Plain`]): then
    /// a match reads no text past its pattern and the character after it.
    pub(super) plain: bool,
}

/// Whether every one of `targets` is a plain phrase (see [`PhraseSet::plain`]).
pub(super) fn all_plain(targets: &[(usize, Slot)]) -> bool {
    targets.iter().all(|(_, slot)| matches!(slot, Slot::Plain))
}

/// Whether any of `targets` has an outlet before its pattern ("{outlet} reported").
fn has_outlet_first(targets: &[(usize, Slot)]) -> bool {
    targets.iter().any(|(_, slot)| matches!(slot, Slot::Before { .. }))
}

/// What an expansion needs beyond its matched pattern.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Slot {
    /// A plain phrase: the pattern is all of it.
    Plain,
    /// The pattern is the prefix; an outlet follows, then the suffix
    /// `suffixes[suffix]` of the set. An index, not a string, so that the
    /// frozen targets hold no pointers (a pointer in a static is a
    /// relocation the loader writes at every start).
    After { suffix: u32, gap: bool },
    /// The pattern is the suffix; an outlet comes before it.
    Before { gap: bool },
}

type Found<'a> = (usize, Option<(Range<usize>, &'a Outlet)>);

/// What fills a matched pattern's slots (see [`PhraseSet::fill`]).
type Fill<'f, 'a> = dyn FnMut(Range<usize>, usize) -> Option<(Range<usize>, Found<'a>)> + 'f;

impl PhraseSet {
    /// Whether a phrase may start at the start of `text` (no false negatives).
    pub fn may_start(&self, text: &str) -> bool {
        // a phrase after an outlet ("Reuters reported") is found at its pattern
        self.outlet_first || self.matcher.may_match_at(text, 0)
    }

    /// How many bytes from a start a match may read (its pattern and the
    /// character after it), or `None` when a match reads further (an outlet
    /// slot reads the outlet and what follows it).
    pub fn reach(&self) -> Option<usize> {
        self.plain.then_some(self.matcher.longest + 4)
    }

    /// [`PhraseSet::find`], trying only at `starts` (see [`WordMatcher::scan_from`]).
    pub fn find_from<'a>(
        &'a self,
        text: &str,
        starts: impl IntoIterator<Item = WordStart>,
        list: PhraseList,
        outlets: &'a OutletIndex,
    ) -> Vec<PhraseMatch<'a>> {
        self.matches(text, (list, outlets), |matcher, fill| matcher.scan_from(text, starts, fill))
    }

    fn build(entries: &[PhraseEntry]) -> Result<PhraseSet, String> {
        PhraseSet::build_with(entries, |patterns| WordMatcher::new(patterns, true))
    }
}

impl<M: Scan> PhraseSet<M> {
    /// Expands every template; `matcher` indexes the distinct patterns.
    pub(super) fn build_with(
        entries: &[PhraseEntry],
        matcher: impl FnOnce(&[&str]) -> Result<M, String>,
    ) -> Result<PhraseSet<M>, String> {
        // Every expansion: its entry and shape.
        let mut shapes: Vec<(usize, Shape)> = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            let expanded = expand(&entry.template).map_err(|m| format!("{:?}: {m}", entry.template))?;
            shapes.extend(expanded.into_iter().map(|shape| (i, shape)));
        }
        // The distinct patterns (case aside), in order of first use, and each
        // expansion's pattern.
        let mut ids = Vec::with_capacity(shapes.len());
        let (matcher, count) = {
            let mut patterns: Vec<&str> = Vec::new();
            let mut seen: HashMap<Cow<'_, str>, usize, FastHash> = HashMap::default();
            seen.reserve(shapes.len());
            for (_, shape) in &shapes {
                let pattern = match shape {
                    Shape::Plain(p) => p,
                    Shape::OutletAfter { prefix, .. } => prefix,
                    Shape::OutletBefore { suffix, .. } => suffix,
                };
                let key = match pattern.bytes().any(|b| !b.is_ascii() || b.is_ascii_uppercase()) {
                    true => Cow::Owned(pattern.to_lowercase()),
                    false => Cow::Borrowed(pattern.as_str()),
                };
                let next = patterns.len();
                let id = *seen.entry(key).or_insert(next);
                if id == next {
                    patterns.push(pattern);
                }
                ids.push(id);
            }
            (matcher(&patterns)?, patterns.len())
        };
        // Grouped by pattern (a counting sort), each group in entry order.
        let mut offsets = vec![0; count + 2];
        for &id in &ids {
            if let Some(n) = offsets.get_mut(id + 2) {
                *n += 1;
            }
        }
        for i in 2..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        let mut placed: Vec<Option<(usize, Slot)>> = Vec::new();
        placed.resize_with(shapes.len(), || None);
        let mut suffixes: Vec<Cow<'static, str>> = Vec::new();
        for ((entry, shape), id) in shapes.into_iter().zip(ids) {
            let slot = match shape {
                Shape::Plain(_) => Slot::Plain,
                Shape::OutletAfter { suffix, gap, .. } => {
                    let at = match suffixes.iter().position(|s| *s == suffix) {
                        Some(at) => at,
                        None => {
                            suffixes.push(Cow::Owned(suffix));
                            suffixes.len() - 1
                        }
                    };
                    let suffix = u32::try_from(at).map_err(|_| "too many distinct suffixes".to_string())?;
                    Slot::After { suffix, gap }
                }
                Shape::OutletBefore { gap, .. } => Slot::Before { gap },
            };
            // `offsets[id + 1]` is where the next expansion of `id` goes.
            if let Some(at) = offsets.get_mut(id + 1) {
                if let Some(place) = placed.get_mut(*at) {
                    *place = Some((entry, slot));
                }
                *at += 1;
            }
        }
        // Now `offsets[id]..offsets[id + 1]` are the expansions of `id`.
        offsets.truncate(count + 1);
        let targets: Vec<(usize, Slot)> = placed.into_iter().flatten().collect();
        Ok(PhraseSet {
            outlet_first: has_outlet_first(&targets),
            plain: all_plain(&targets),
            matcher,
            targets: Cow::Owned(targets),
            offsets: Cow::Owned(offsets),
            suffixes,
            entries: Cow::Owned(entries.to_vec()),
        })
    }

    pub fn find<'a>(&'a self, text: &str, list: PhraseList, outlets: &'a OutletIndex) -> Vec<PhraseMatch<'a>> {
        self.find_up_to(text, (list, outlets), usize::MAX)
    }

    /// The first `max` of [`PhraseSet::find`], without reading `text` past
    /// them (every match found has its entry, so none is dropped after).
    pub fn find_up_to<'a>(
        &'a self,
        text: &str,
        (list, outlets): (PhraseList, &'a OutletIndex),
        max: usize,
    ) -> Vec<PhraseMatch<'a>> {
        self.matches(text, (list, outlets), |matcher, fill| matcher.scan_up_to(text, max, fill))
    }

    /// The phrases `scan` finds in `text` with the matcher, given what
    /// fills a matched pattern's slots.
    fn matches<'a>(
        &'a self,
        text: &str,
        (list, outlets): (PhraseList, &'a OutletIndex),
        scan: impl FnOnce(&M, &mut Fill<'_, 'a>) -> Vec<(Range<usize>, Found<'a>)>,
    ) -> Vec<PhraseMatch<'a>> {
        // Outlets before a phrase ("Reuters reported") are looked up in one scan.
        let mut before = None;
        let found =
            scan(&self.matcher, &mut |range, pattern| self.fill(text, range, pattern, outlets, &mut before));
        found.into_iter().filter_map(|(range, found)| self.to_match(range, list, found)).collect()
    }

    /// The phrase that `text` starts with, as the first of [`PhraseSet::find`]
    /// if that starts at 0, without scanning the rest of `text` unless a
    /// phrase can start with an outlet ("Reuters reported"): such a phrase is
    /// found at its pattern, which may lie anywhere after the outlet.
    pub fn find_at_start<'a>(
        &'a self,
        text: &str,
        list: PhraseList,
        outlets: &'a OutletIndex,
    ) -> Option<PhraseMatch<'a>> {
        let mut before = None;
        let found =
            self.matcher.at(text, 0, |range, pattern| self.fill(text, range, pattern, outlets, &mut before));
        match found {
            Some((range, found)) => self.to_match(range, list, found),
            None if self.outlet_first => {
                self.find(text, list, outlets).into_iter().next().filter(|m| m.range.start == 0)
            }
            None => None,
        }
    }

    /// The first expansion of `pattern`, matched at `range`, whose outlet
    /// slot is filled: the whole phrase's range, its entry and outlet.
    #[inline]
    fn fill<'a>(
        &'a self,
        text: &str,
        range: Range<usize>,
        pattern: usize,
        outlets: &'a OutletIndex,
        before: &mut Option<Vec<(Range<usize>, &'a Outlet)>>,
    ) -> Option<(Range<usize>, Found<'a>)> {
        let targets = self.targets.get(*self.offsets.get(pattern)?..*self.offsets.get(pattern + 1)?)?;
        targets.iter().find_map(|(entry, slot)| {
            let (range, outlet) = fill_slot(text, range.clone(), slot, &self.suffixes, outlets, before)?;
            Some((range, (*entry, outlet)))
        })
    }

    fn to_match<'a>(&'a self, range: Range<usize>, list: PhraseList, found: Found<'a>) -> Option<PhraseMatch<'a>> {
        let (entry, outlet) = found;
        let entry = self.entries.get(entry)?;
        Some(PhraseMatch {
            range,
            list,
            template: &entry.template,
            channel: entry.channel,
            outlet,
            boilerplate: entry.boilerplate,
        })
    }
}

type Filled<'a> = (Range<usize>, Option<(Range<usize>, &'a Outlet)>);

/// Checks the outlet slot of a matched pattern, returning the whole phrase.
fn fill_slot<'a>(
    text: &str,
    found: Range<usize>,
    slot: &Slot,
    suffixes: &[Cow<'static, str>],
    outlets: &'a OutletIndex,
    before: &mut Option<Vec<(Range<usize>, &'a Outlet)>>,
) -> Option<Filled<'a>> {
    match slot {
        Slot::Plain => Some((found, None)),
        Slot::After { suffix, gap } => {
            let rest = text.get(found.end..)?;
            // an elided word leans on the outlet: "à l’AFP"
            let elided = text.get(found.clone()).is_some_and(|p| p.ends_with(['\'', '’']));
            (elided || rest.starts_with(char::is_whitespace)).then_some(())?;
            let suffix = suffixes.get(*suffix as usize)?;
            let (range, outlet) = outlets.at(text, found.end)?;
            let end = match_suffix(text, range.end, suffix, *gap)?;
            Some((found.start..end, Some((range, outlet))))
        }
        Slot::Before { gap } => {
            let head = text.get(..found.start)?;
            let outlet_end = head.trim_end().len();
            (*gap == (outlet_end < found.start)).then_some(())?;
            if !outlets.may_end_at(text, outlet_end) {
                return None;
            }
            let all = before.get_or_insert_with(|| outlets.find(text, true));
            // Matches do not overlap, so their ends are sorted.
            let i = all.binary_search_by_key(&outlet_end, |(r, _)| r.end).ok()?;
            let (range, outlet) = all.get(i)?;
            Some((range.start..found.end, Some((range.clone(), *outlet))))
        }
    }
}

/// End of `suffix` written (case aside) at `pos`, after whitespace if `gap`.
fn match_suffix(text: &str, pos: usize, suffix: &str, gap: bool) -> Option<usize> {
    if suffix.is_empty() {
        return Some(pos);
    }
    let rest = text.get(pos..)?;
    let trimmed = rest.trim_start();
    (gap == (trimmed.len() < rest.len())).then_some(())?;
    let start = pos + (rest.len() - trimmed.len());
    let end = start + suffix.len();
    let written = text.get(start..end)?;
    (written.eq_ignore_ascii_case(suffix) && on_word_boundaries(text, start..end)).then_some(end)
}
