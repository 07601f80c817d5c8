//! What the word lists say of a word, packed in four bytes.

use crate::lexicon::chars::padded_word;
use crate::lexicon::{GlossId, Lexicon, VerbId};

/// What the word lists say of one word, looked up once per draft: the
/// reporting verb the word spells ("said", see [`Lexicon::verb_by_id`]),
/// whether it is a title before a name ("Sen.", "President", written with
/// its capital) or a role that can speak ("spokeswoman", "officials"), and
/// the English function word a word of another language is read as ("il"
/// → "he", see [`Lexicon::gloss`]).
///
/// Held for every token of the blocks attribution reads, a paragraph of
/// megabytes at once: packed in four bytes, where as four fields it took
/// eight (a third of what a paragraph's tokens held).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordFacts(u32);

/// The verb's number (see [`VerbId::number`]) in the low bits, 0 for none:
/// word lists have a few thousand forms, far under the 262,143 that fit.
const VERB_BITS: u32 = 18;
const VERB_MASK: u32 = (1 << VERB_BITS) - 1;
/// The gloss's index in the eight bits above the verb.
const GLOSS_SHIFT: u32 = VERB_BITS;
/// What the organisation lists say (see [`WordFacts::org_head`], [`WordFacts::generic_org`]).
const ORG_HEAD: u32 = 1 << 26;
const GENERIC_ORG: u32 = 1 << 27;
/// Starts with a capital (see [`WordFacts::capital`]).
const CAPITAL: u32 = 1 << 28;
const GLOSSED: u32 = 1 << 29;
const TITLE: u32 = 1 << 30;
const ROLE: u32 = 1 << 31;

impl WordFacts {
    pub fn new(verb: Option<VerbId>, title: bool, role: bool, gloss: Option<GlossId>) -> Self {
        // a verb past the bits (no word list comes near) is read as none, not as another
        let verb = verb.map_or(0, VerbId::number);
        debug_assert!(verb <= VERB_MASK, "verb number {verb} past {VERB_BITS} bits");
        let verb = if verb <= VERB_MASK { verb } else { 0 };
        let gloss = gloss.map_or(0, |g| GLOSSED | u32::from(g.index()) << GLOSS_SHIFT);
        let flags = if title { TITLE } else { 0 } | if role { ROLE } else { 0 };
        WordFacts(verb | gloss | flags)
    }

    /// The reporting verb the word spells, if any.
    pub fn verb(self) -> Option<VerbId> {
        VerbId::from_number(self.0 & VERB_MASK)
    }

    /// A title before a name, written with its capital.
    pub fn title(self) -> bool {
        self.0 & TITLE != 0
    }

    /// A role that can speak.
    pub fn role(self) -> bool {
        self.0 & ROLE != 0
    }

    /// The word starts with a capital, or is a particle before one
    /// ("al-Shabaab"): see [`crate::lexicon::chars::starts_capitalised`].
    pub fn capital(self) -> bool {
        self.0 & CAPITAL != 0
    }

    /// These facts, said of a word that starts with a capital or not.
    pub fn with_capital(self, capital: bool) -> Self {
        self.with(CAPITAL, capital)
    }

    /// Without its trailing full stops, the word's lower-case form heads an
    /// organisation's name ([`Lexicon::is_org_head_key`]; capitals aside).
    pub fn org_head(self) -> bool {
        self.0 & ORG_HEAD != 0
    }

    /// The word's lower-case form is a common noun for an organisation
    /// ([`Lexicon::is_generic_org`]).
    pub fn generic_org(self) -> bool {
        self.0 & GENERIC_ORG != 0
    }

    /// These facts, with what the organisation lists say of the word.
    pub fn with_organisation(self, org_head: bool, generic_org: bool) -> Self {
        self.with(ORG_HEAD, org_head).with(GENERIC_ORG, generic_org)
    }

    fn with(self, bit: u32, set: bool) -> Self {
        WordFacts(if set { self.0 | bit } else { self.0 & !bit })
    }

    /// The English function word the word is read as, if any.
    pub fn gloss(self) -> Option<GlossId> {
        (self.0 & GLOSSED != 0).then(|| GlossId::from_index((self.0 >> GLOSS_SHIFT) as u8))
    }

    /// The facts of `word`, whose ASCII letters lowered are `lower`.
    pub fn of(word: &str, lower: &str, lex: &Lexicon) -> Self {
        WordFacts::of_letters(word.as_bytes(), lower.as_bytes(), lex)
            .unwrap_or_else(|| WordFacts::of_any(word, lower, lex))
    }

    /// [`WordFacts::of`] of any word.
    pub(super) fn of_any(word: &str, lower: &str, lex: &Lexicon) -> Self {
        // (the bits set directly: this runs for every word of a draft)
        let bit = |set: bool, bit: u32| if set { bit } else { 0 };
        let capital = bit(crate::lexicon::chars::starts_capitalised(word), CAPITAL);
        // most words are lower-case ASCII once lowered: one lookup for five lists
        let Some(listed) = lex.listed(lower) else {
            return WordFacts(WordFacts::one_list_at_a_time(word, lower, lex).0 | capital);
        };
        let title = listed.title && word.starts_with(char::is_uppercase);
        let organisation = bit(listed.org_head, ORG_HEAD) | bit(listed.generic_org, GENERIC_ORG);
        WordFacts(WordFacts::new(listed.verb, title, listed.role, lex.gloss_id(lower)).0 | organisation | capital)
    }

    /// [`WordFacts::of`] of a word of ASCII letters only (lower-case ones once lowered), not ending in
    /// "ss" (which the one table leaves to the lists): most words of a
    /// draft. Such a word starts with a capital when its first byte is one
    /// (no particle: it has no hyphen), and is its own lower-case form but
    /// for its capitals. `None` for any other word.
    #[inline]
    pub(super) fn of_letters(word: &[u8], lower: &[u8], lex: &Lexicon) -> Option<Self> {
        let letters = crate::lexicon::chars::all_lower_letters(lower);
        if !letters || word.len() != lower.len() {
            return None;
        }
        WordFacts::of_plain(word, lower, lex)
    }

    /// [`WordFacts::of_letters`] of a word whose lower-case form `lower` is
    /// known to be ASCII lower-case letters, as long as `word` (a plain
    /// token's: see [`super::Token::is_plain`]), without reading it to see.
    #[inline]
    pub(super) fn of_plain(word: &[u8], lower: &[u8], lex: &Lexicon) -> Option<Self> {
        debug_assert!(crate::lexicon::chars::all_lower_letters(lower) && word.len() == lower.len());
        if lower.ends_with(b"ss") {
            return None;
        }
        let capital = word.first().is_some_and(u8::is_ascii_uppercase);
        Some(WordFacts::listed_plain(lower, lex).capitalised(capital))
    }

    /// What the lists say of `lower`, ASCII lower-case letters not ending
    /// in "ss", with [`TITLE`] saying whether it is listed as a title,
    /// capital or not (see [`WordFacts::capitalised`]).
    #[inline]
    fn listed_plain(lower: &[u8], lex: &Lexicon) -> Self {
        let (listed, gloss) = lex.listed_letters(lower);
        let bit = |set: bool, bit: u32| if set { bit } else { 0 };
        let flags = bit(listed.title, TITLE)
            | bit(listed.role, ROLE)
            | bit(listed.org_head, ORG_HEAD)
            | bit(listed.generic_org, GENERIC_ORG);
        WordFacts(WordFacts::new(listed.verb, false, false, gloss).0 | flags)
    }

    /// [`WordFacts::listed_plain`]'s facts, said of a word that starts with
    /// a capital or not: only a capitalised word is a title.
    #[inline]
    fn capitalised(self, capital: bool) -> Self {
        WordFacts(if capital { self.0 | CAPITAL } else { self.0 & !TITLE })
    }

    /// [`WordFacts::of`] asking each list in turn: for the words the one
    /// table does not cover ("Élysée", "officials’"), and the reference it is tested against.
    pub(super) fn one_list_at_a_time(word: &str, lower: &str, lex: &Lexicon) -> Self {
        // titles are capitalised ("Sen.", "President"); plurals end in s
        let capital = word.starts_with(char::is_uppercase);
        let role =
            lex.is_role_noun(lower) || (lower.ends_with('s') && lex.is_role_noun(lower.trim_end_matches('s')));
        WordFacts::new(lex.verb_id(lower), capital && lex.is_title_folded(word, lower), role, lex.gloss_id(lower))
            .with_organisation(lex.is_org_head_key(lower.trim_end_matches('.')), lex.is_generic_org(lower))
    }
}

/// The facts of the plain words of eight letters or fewer a draft has met
/// (see [`super::Token::is_plain`]), by their lower-case forms, in slots
/// a word's form picks: a draft's words are nearly half of them repeats
/// ("the", "said", its people's names), and a word found here costs a
/// fraction of asking the lists again. Each cache is filled for one
/// lexicon (a draft's tokens share one), in the slots of its thread,
/// marked with its own number: a cache a draft made for itself, zeroed,
/// cost as much as the lookups it saved.
#[derive(Debug)]
pub struct FactsCache {
    epoch: u32,
    /// (the slots are its thread's)
    _one_thread: std::marker::PhantomData<*const ()>,
}

/// How many words the cache holds (16 bytes each, a thread's).
const CACHE_SLOTS: usize = 512;

/// A slot: the word's lower-case form as [`padded_word`] reads it, the
/// number of the cache that filled it (0 for none), and
/// [`WordFacts::listed_plain`] of the word.
type Slot = (u64, u32, u32);

thread_local! {
    static SLOTS: std::cell::RefCell<[Slot; CACHE_SLOTS]> =
        const { std::cell::RefCell::new([(0, 0, 0); CACHE_SLOTS]) };
    static LAST_EPOCH: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

impl Default for FactsCache {
    /// An empty cache: none of the thread's slots are its own.
    fn default() -> Self {
        let epoch = LAST_EPOCH.with(|last| {
            let mut epoch = last.get().wrapping_add(1);
            if epoch == 0 {
                // every number is taken: the slots are emptied before any is reused
                SLOTS.with(|slots| slots.borrow_mut().fill((0, 0, 0)));
                epoch = 1;
            }
            last.set(epoch);
            epoch
        });
        FactsCache { epoch, _one_thread: std::marker::PhantomData }
    }
}

impl FactsCache {
    /// Runs `read` with the cache's slots (held for the call, not per word).
    pub fn with<R>(&self, read: impl FnOnce(&mut CacheSlots<'_>) -> R) -> R {
        SLOTS.with(|slots| match slots.try_borrow_mut() {
            Ok(mut slots) => read(&mut CacheSlots { slots: &mut slots[..], epoch: self.epoch }),
            // (a cache read inside another's reading: none of the slots)
            Err(_) => read(&mut CacheSlots { slots: &mut [], epoch: self.epoch }),
        })
    }
}

/// A [`FactsCache`]'s slots while it reads words.
pub struct CacheSlots<'a> {
    slots: &'a mut [Slot],
    epoch: u32,
}

impl CacheSlots<'_> {
    /// `WordFacts::of_plain` of `word`, whose lower-case form is
    /// `lower`, from the cache when the word has been met: `lex` must be
    /// the lexicon of every word asked of this cache.
    #[inline]
    pub fn of_plain(&mut self, word: &[u8], lower: &[u8], lex: &Lexicon) -> Option<WordFacts> {
        if lower.is_empty() || lower.len() > 8 || lower.ends_with(b"ss") {
            return WordFacts::of_plain(word, lower, lex);
        }
        let key = padded_word(lower);
        let at = (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 55) as usize % CACHE_SLOTS;
        let epoch = self.epoch;
        let listed = match self.slots.get_mut(at) {
            Some(&mut (held, by, facts)) if held == key && by == epoch => WordFacts(facts),
            Some(slot) => {
                let listed = WordFacts::listed_plain(lower, lex);
                *slot = (key, epoch, listed.0);
                listed
            }
            None => WordFacts::listed_plain(lower, lex),
        };
        let capital = word.first().is_some_and(u8::is_ascii_uppercase);
        Some(listed.capitalised(capital))
    }
}
