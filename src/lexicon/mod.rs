//! Word lists the attribution engine and sentence splitter rely on: speech
//! verbs, news outlets, titles, role nouns and the phrase lists (anonymous
//! sources, vague attributions, channels).
//!
//! The built-in lists live in `rules/*.toml` (each documents its schema) and
//! are embedded in the binary; [`Lexicon::builtin`] parses them once. A
//! configuration can add its own files with [`Lexicon::from_sources`] and
//! [`Lexicon::extend`].

pub mod chars;
mod data;
#[cfg(test)]
mod differential;
mod frozen;
mod hashing;
mod index;
#[cfg(test)]
mod lists_differential;
mod matcher;
mod phrase;
#[cfg(test)]
mod reference_matcher;
mod spacing;
#[cfg(test)]
mod tests;
mod types;
mod word_map;
mod word_table;
mod words;

use data::{read_sources, Data};
/// The fast hash the word lists use, for other fixed word sets of the crate.
pub use hashing::{FastHash, WordFilter};
use index::Index;
pub use spacing::OneSpaced;
use std::fmt;
use std::ops::Range;
use std::sync::{Arc, LazyLock, OnceLock};
pub use types::{
    AbbrevKind, ChannelKind, GivenName, Language, LexiconError, Outlet, PhraseList, PhraseMatch, RuleSources,
    SpeechVerb, Str, VerbClass, VerbForm, VerbId,
};
pub use word_map::{WordMap, WordSet, K};
pub use word_table::Listed;
use word_table::WordTable;

/// A French (or other) word read as an English function word by the
/// attribution engine ("il" as "he"): a handle into the lexicon's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GlossId(u8);

impl GlossId {
    /// The handle's index in the lexicon's gloss table, as packed tables hold it.
    pub(crate) fn index(self) -> u8 {
        self.0
    }

    /// The handle [`GlossId::index`] gave.
    pub(crate) fn from_index(index: u8) -> Self {
        GlossId(index)
    }
}

/// The strings of the built-in lists, as build.rs froze them: what a
/// [`Str::Frozen`] is a part of.
fn frozen_text() -> &'static str {
    frozen::TEXT
}

/// rules/given-names.toml as the build read it.
pub use frozen::given_name;

/// Checks a template in the phrase syntax (`(a|b)` groups, one `{outlet}`
/// slot), as the lexicon will when it is built, so that a config file's
/// error can point at the phrase itself.
pub fn check_phrase(template: &str) -> Result<(), String> {
    phrase::expand(template).map(|_| ())
}

/// The parsed word lists, indexed for lookup.
pub struct Lexicon {
    /// The entries as read, kept so `extend` can rebuild the index. The
    /// built-in lists come indexed from the build (see `frozen`) and read
    /// their rule files only if something asks for the entries.
    data: OnceLock<Data>,
    /// Whose built-in files `data` reads when it is empty.
    builtin: Option<Language>,
    index: Index,
    /// The verb, title and role lists as one table, made on first use.
    word_table: OnceLock<WordTable>,
    /// The verb forms, as a filter that rules most other ASCII words out
    /// before they are lowered and hashed (see [`Lexicon::verb_id`]).
    verb_filter: OnceLock<WordFilter>,
    /// The abbreviations, as a filter that rules most other ASCII words
    /// out before they are lowered and hashed (see [`Lexicon::abbreviation`]).
    abbreviation_filter: OnceLock<WordFilter>,
    /// The most characters a common noun for an organisation has (see
    /// [`Lexicon::is_generic_org`]), counted on first use.
    generic_org_chars: OnceLock<usize>,
}

impl fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Lexicon")
            .field("verbs", &self.index.verb_entries.len())
            .field("outlets", &self.index.outlets.outlets.all().len())
            .finish_non_exhaustive()
    }
}

// Indexed at build time (build.rs): start-up reads no TOML and builds no matcher.
static BUILTIN: LazyLock<Lexicon> = LazyLock::new(|| Lexicon::frozen(Language::En));

static BUILTIN_FR: LazyLock<Arc<Lexicon>> = LazyLock::new(|| Arc::new(Lexicon::frozen(Language::Fr)));

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
            self.index.gloss.get(bare.to_lowercase().replace('’', "'").as_str())
        } else {
            self.index.gloss.get(bare)
        };
        found.map(|&id| GlossId(id))
    }

    /// The English word a [`GlossId`] of this lexicon stands for.
    pub fn gloss(&self, id: GlossId) -> &str {
        self.index.gloss_words.get(id.0 as usize).map_or("", |w| &**w)
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
        let elided = !rest.is_empty()
            && self.index.elisions.contains(head.as_str())
            && !self.index.unsplit.contains(whole.as_str());
        elided.then_some(end)
    }

    /// For a verb with its subject pronoun after it ("a-t-il", "dit-elle"):
    /// the byte length of the verb and where the pronoun starts.
    pub fn inverted_pronoun(&self, word: &str) -> Option<(usize, usize)> {
        let dash = word.rfind('-')?;
        let pronoun = word.get(dash + 1..)?;
        if !self.index.inverted.contains(pronoun.to_lowercase().as_str()) {
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
        Ok(Lexicon {
            data: OnceLock::from(data),
            builtin: None,
            index,
            word_table: OnceLock::new(),
            verb_filter: OnceLock::new(),
            abbreviation_filter: OnceLock::new(),
            generic_org_chars: OnceLock::new(),
        })
    }

    /// The built-in lists of `language`, with the index the build made of them.
    fn frozen(language: Language) -> Lexicon {
        Lexicon {
            data: OnceLock::new(),
            builtin: Some(language),
            index: frozen::index(language),
            word_table: OnceLock::from(frozen::word_table(language)),
            verb_filter: OnceLock::new(),
            abbreviation_filter: OnceLock::new(),
            generic_org_chars: OnceLock::new(),
        }
    }

    /// The entries as read from the rule files.
    fn data(&self) -> &Data {
        self.data.get_or_init(|| {
            let sources = RuleSources::builtin_for(self.builtin.unwrap_or_default());
            read_sources(&sources).expect("the built-in rules/*.toml parsed when the crate was built")
        })
    }

    fn into_data(self) -> Data {
        self.data();
        self.data.into_inner().unwrap_or_default()
    }

    /// Adds `other`'s entries. Where both define the same verb form or outlet
    /// spelling, `other` wins, so a house style can reclassify a verb.
    pub fn extend(&mut self, other: Lexicon) -> Result<(), LexiconError> {
        let mut data = self.data().clone();
        data.append(other.into_data());
        self.index = Index::build(&data)?;
        self.word_table = OnceLock::new();
        self.verb_filter = OnceLock::new();
        self.abbreviation_filter = OnceLock::new();
        self.generic_org_chars = OnceLock::new();
        self.data = OnceLock::from(data);
        self.builtin = None;
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
        let entry = self.data().verbs.iter().rev().find(|e| e.forms.contains(&lower))?;
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
        // an ASCII word is its key lowered, which the filter holds if a verb form: most words
        // asked about (the rules' words inside quotations) are ruled out without a hash
        if word.is_ascii() && !self.verb_filter().may_hold(word.as_bytes()) {
            return None;
        }
        let id = if word.chars().any(char::is_uppercase) {
            words::with_lowercase(word, |lower| self.index.verbs.get(lower))
        } else {
            self.index.verbs.get(word)
        };
        id.and_then(|&id| VerbId::from_index(id))
    }

    /// [`Lexicon::verb_id`] of a word of ASCII letters only (most of the
    /// rules' words inside quotations, which no token looked up): nothing to
    /// trim and no capital but ASCII ones, so past the filter it is lowered
    /// on the stack and looked up once, where `verb_id` scanned it for
    /// capitals and lowered it through `with_lowercase`.
    pub fn verb_id_of_letters(&self, word: &[u8]) -> Option<VerbId> {
        debug_assert!(word.iter().all(u8::is_ascii_alphabetic), "{word:?}");
        if !self.verb_filter().may_hold(word) {
            return None;
        }
        let mut buf = [0u8; 32];
        let Some(lower) = buf.get_mut(..word.len()) else {
            return self.verb_id(std::str::from_utf8(word).unwrap_or_default());
        };
        lower.copy_from_slice(word);
        lower.make_ascii_lowercase();
        self.index.verbs.get(&*lower).and_then(|&id| VerbId::from_index(id))
    }

    /// Every verb form of [`Lexicon::verb_id`] in a [`WordFilter`], made on first use.
    fn verb_filter(&self) -> &WordFilter {
        self.verb_filter.get_or_init(|| filter_of(self.index.verbs.iter().map(|(form, _)| form)))
    }

    /// [`Lexicon::verb_id`], whether it is a title (without a trailing full
    /// stop; capitals aside) and whether it is a role noun or one's plural
    /// in "s", all in one lookup, for a lower-case ASCII word; `None` for a
    /// word that needs the lists asked one by one.
    #[inline]
    pub fn listed(&self, lower: &str) -> Option<Listed> {
        self.word_table.get_or_init(|| WordTable::build(&self.index)).get(lower)
    }

    /// [`Lexicon::listed`] and [`Lexicon::gloss_id`] of `lower`, a word of
    /// lower-case ASCII letters only (most words of a draft): such a word
    /// needs none of the checks and folding either makes of any other.
    #[inline]
    pub fn listed_letters(&self, lower: &[u8]) -> (Listed, Option<GlossId>) {
        debug_assert!(lower.iter().all(u8::is_ascii_lowercase), "{lower:?}");
        let table = self.word_table.get_or_init(|| WordTable::build(&self.index));
        let gloss =
            if self.index.gloss.is_empty() { None } else { self.index.gloss.get(lower).map(|&id| GlossId(id)) };
        (table.get_plain(lower), gloss)
    }

    /// The verb a [`VerbId`] from this lexicon's [`Lexicon::verb_id`] stands
    /// for (an id from another lexicon may name another verb, or none).
    pub fn verb_by_id(&self, id: VerbId) -> Option<&SpeechVerb> {
        self.index.verb_entries.get(id.number() as usize - 1)
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
        // most asked: ASCII letters and the stop, with nothing to trim and no party to split off
        let stem = token_with_dot.strip_suffix('.').unwrap_or_default();
        if !stem.is_empty() && stem.bytes().all(|b| b.is_ascii_alphabetic()) {
            return self.abbreviation_of(token_with_dot);
        }
        let token = token_with_dot.trim().trim_start_matches(words::is_opening_punct);
        if !token.ends_with('.') {
            return None;
        }
        let after_party = token.rsplit_once('-').map(|(_, state)| state);
        [Some(token), after_party].into_iter().flatten().find_map(|t| self.abbreviation_of(t))
    }

    /// [`Lexicon::abbreviation`] of one spelling. Asked of every word before
    /// a full stop, twice (when tokenising and when splitting sentences):
    /// an ASCII word without spaces is its key lowered, which the filter
    /// holds if it is an abbreviation, so most are ruled out without a lookup.
    fn abbreviation_of(&self, t: &str) -> Option<AbbrevKind> {
        let plain = t.bytes().all(|b| b.is_ascii() && !b.is_ascii_whitespace());
        if plain && !self.abbreviation_filter().may_hold(t.as_bytes()) {
            return None;
        }
        words::get_cased(&self.index.abbreviations, t)
    }

    /// Every key of the abbreviations in a [`WordFilter`], made on first use.
    fn abbreviation_filter(&self) -> &WordFilter {
        self.abbreviation_filter.get_or_init(|| filter_of(self.index.abbreviations.iter().map(|(key, _)| key)))
    }

    /// Whether `word` names a role that can speak ("spokeswoman", "officials").
    pub fn is_role_noun(&self, word: &str) -> bool {
        words::with_key(word, |k| self.index.roles.contains(k))
    }

    /// Whether a capitalised word heads an organisation's name ("Ministry").
    pub fn is_org_head(&self, word: &str) -> bool {
        word.trim().starts_with(char::is_uppercase) && words::with_key(word, |k| self.index.org_heads.contains(k))
    }

    /// [`Lexicon::is_org_head`] for a capitalised word's lower-case form
    /// (the caller checks the capital).
    pub fn is_org_head_key(&self, lower: &str) -> bool {
        self.index.org_heads.contains(lower)
    }

    /// Whether a common noun can stand for an organisation after "the".
    ///
    /// Attribution asks it of whole quotations too (a quotation is one
    /// token): a word with more characters than any noun's, whitespace
    /// aside, is no noun of the list (lowering never makes fewer
    /// characters), and is not folded.
    pub fn is_generic_org(&self, word: &str) -> bool {
        let most = *self.generic_org_chars.get_or_init(|| {
            self.index.generic_orgs.words().map(|(key, _)| key.chars().count()).max().unwrap_or(0)
        });
        if word.len() > most && word.chars().filter(|c| !c.is_whitespace()).nth(most).is_some() {
            return false;
        }
        words::with_key(word, |k| self.index.generic_orgs.contains(k))
    }

    /// Whether a noun says only that someone was there ("a man", "a voice",
    /// "a bystander"): a speaker described by it has no standing at all.
    pub fn is_bystander_noun(&self, word: &str) -> bool {
        words::with_key(word, |k| self.index.bystanders.contains(k))
    }

    /// Whether a noun names something written or published ("report",
    /// "statement", "post"): a speaker headed by it speaks for its author.
    pub fn is_document_noun(&self, word: &str) -> bool {
        words::with_key(word, |k| self.index.documents.contains(k))
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

    /// Whether an outlet may be named at the start of `text`, judged by its
    /// first word (no false negatives): cheaper than [`Lexicon::outlet_at`]
    /// for text that starts with a word.
    pub fn may_start_outlet(&self, text: &str) -> bool {
        self.index.outlets.matcher.may_match_at(text, 0)
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
        self.phrases_up_to(list, text, usize::MAX)
    }

    /// The first `max` of [`Lexicon::find_phrases`], without reading `text` past them.
    fn phrases_up_to(&self, list: PhraseList, text: &str, max: usize) -> Vec<PhraseMatch<'_>> {
        let spaced = OneSpaced::new(text);
        let mut found = self.index.phrases(list).find_up_to(&spaced.text, (list, &self.index.outlets), max);
        for m in &mut found {
            spaced.back_match(m);
        }
        found
    }

    /// [`Lexicon::find_phrases`] of a text whose letters all lie in `words`
    /// (ranges of it, in order and apart: the draft's words, see
    /// [`crate::analysis::words`]). The phrases are looked for where those
    /// words are, not at every character, and a text none can start in is
    /// not copied single-spaced.
    pub fn find_phrases_in_words(
        &self,
        list: PhraseList,
        text: &str,
        words: impl IntoIterator<Item = Range<usize>>,
    ) -> Vec<PhraseMatch<'_>> {
        let set = self.index.phrases(list);
        let Some(starts) = set.matcher.word_starts(text, words) else { return self.find_phrases(list, text) };
        if starts.is_empty() {
            return Vec::new();
        }
        // where every match would read only lone spaces, the text is its own
        // single-spaced copy as far as the matches see, and is not copied
        if let Some(reach) = set.reach() {
            if spacing::spaced_alike(text, starts.iter().map(|s| s.at), reach) {
                return set.find_from(text, starts, list, &self.index.outlets);
            }
        }
        let spaced = OneSpaced::new(text);
        let mut forward = spaced.forward_cursor();
        // a word is no whitespace: it is copied whole, its start moved by the runs before it
        let starts = starts.into_iter().map(|s| {
            let at = forward.at(s.at);
            s.moved_to(at)
        });
        let mut found = set.find_from(&spaced.text, starts, list, &self.index.outlets);
        for m in &mut found {
            spaced.back_match(m);
        }
        found
    }

    /// The first of [`Lexicon::find_phrases`], without reading `text` past it.
    pub fn first_phrase(&self, list: PhraseList, text: &str) -> Option<PhraseMatch<'_>> {
        self.phrases_up_to(list, text, 1).into_iter().next()
    }

    /// The phrase of `list` that `text` starts with: the first of
    /// [`Lexicon::find_phrases`] if it starts at 0, without scanning all of `text`.
    pub fn phrase_at_start(&self, list: PhraseList, text: &str) -> Option<PhraseMatch<'_>> {
        self.phrase_at(list, &OneSpaced::new(text), 0)
    }

    /// Whether a phrase of `list` may start at the start of `text`, judged by
    /// its first word (no false negatives): cheaper than a single-spaced copy.
    pub fn may_start_phrase(&self, list: PhraseList, text: &str) -> bool {
        self.index.phrases(list).may_start(text)
    }

    /// [`Lexicon::phrase_at_start`] of the text `spaced` was made from, read
    /// from byte `at` (where a word starts), its ranges counted from `at`:
    /// one single-spaced copy serves every start in it.
    pub fn phrase_at(&self, list: PhraseList, spaced: &OneSpaced, at: usize) -> Option<PhraseMatch<'_>> {
        let from = spaced.forward(at);
        let rest = spaced.text.get(from..)?;
        let mut m = self.index.phrases(list).find_at_start(rest, list, &self.index.outlets)?;
        let back = |r: &mut Range<usize>| {
            let b = spaced.back(r.start + from..r.end + from);
            *r = b.start - at..b.end - at;
        };
        back(&mut m.range);
        if let Some((range, _)) = &mut m.outlet {
            back(range);
        }
        Some(m)
    }

    /// How many entries each part holds (verb lemmas, outlets, phrase templates).
    pub fn counts(&self) -> Vec<(&'static str, usize)> {
        let d = self.data();
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

/// A filter that may hold each of `keys` (the words of one of the lists).
fn filter_of<K: AsRef<[u8]>>(keys: impl Iterator<Item = K>) -> WordFilter {
    let mut filter = WordFilter::default();
    keys.for_each(|key| filter.insert(key.as_ref()));
    filter
}
