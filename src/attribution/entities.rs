//! The people and organisations a story has named, indexed by name and
//! surname, with what the text says of each (a title, a role, a gender, being
//! quoted) and how prominent each is at the current point of the story.
//!
//! Every lookup is by hash or over a bounded window of the most recently
//! mentioned entities, so a draft naming thousands of people stays linear.

use super::names::{first_and_last_word, first_word, has_two_words};
use super::{Shared, SpeakerKind};
use crate::lexicon::FastHash;
use std::collections::{HashMap, VecDeque};

/// How many distinct recently mentioned entities a pronoun or epithet may reach.
const WINDOW: usize = 24;
/// The recency queue keeps the entities mentioned in the last this many
/// mentions (see `Registry::touch`).
const QUEUE_CAP: usize = 256;
/// Prominence left after one sentence.
const DECAY: f32 = 0.6;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// What a mention does in its sentence; the stronger the role, the more
/// prominent the entity becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Said something the story quotes.
    Speaker,
    /// The subject of a reporting verb ("Smith says the plan …").
    Reporter,
    /// The subject of its sentence.
    Subject,
    /// Anywhere else in the writer's words.
    Other,
    /// After a preposition of place or a possessive: rarely what "he" means.
    Oblique,
}

/// The prominence each role adds, from none through the weakest role to the
/// strongest: an entity keeps its strongest role in a sentence as its place
/// here, one byte where the weight took four.
const WEIGHTS: [f32; 6] = [0.0, 0.25, 0.6, 1.6, 2.2, 3.0];

impl Role {
    /// The role's place in [`WEIGHTS`]: a stronger role has a higher one.
    fn rank(self) -> u8 {
        match self {
            Role::Speaker => 5,
            Role::Reporter => 4,
            Role::Subject => 3,
            Role::Other => 2,
            Role::Oblique => 1,
        }
    }
}

/// A name as the text gives it, with what its surroundings say.
#[derive(Debug, Clone)]
pub struct NameMention {
    /// The name without titles ("Jane Roe" for "Sen. Jane Roe"). The
    /// descriptors are held at their length and the offsets in 32 bits (as
    /// [`narrow`] keeps them): a paragraph of megabytes holds its mentions
    /// until its quotes are reached, 64 bytes each where they took 80.
    pub name: String,
    pub kind: SpeakerKind,
    pub at: u32,
    pub sentence: u32,
    pub role: Role,
    /// Evidence that this is a person: positive for a title, a role, an age;
    /// negative for place-like use ("in Calgary").
    pub personhood: i32,
    pub gender: Option<Gender>,
    /// Role words the text gives the name ("professor", "director").
    pub descriptors: Box<[String]>,
    /// Written with two words or more ("Mr. Clarke", "Jane Roe").
    pub written_full: bool,
    /// "Somehow, …", "Meanwhile, …": a lone capitalised word opening a
    /// sentence before a comma names someone only if the story already has.
    pub tentative: bool,
    /// The name says what kind of organisation it is ("Riverside Library",
    /// "Ministry of Health"), so only that word refers back to it.
    pub typed: bool,
    /// Capitalised inside a sentence, not only at its start.
    pub inside: bool,
}

#[derive(Debug, Clone)]
pub struct Entity {
    /// Shared with every speaker resolved to this entity.
    pub name: Shared,
    pub kind: SpeakerKind,
    pub gender: Option<Gender>,
    /// The evidence of the mentions, kept between -6 and 9: one byte (the
    /// cast of a draft naming forty thousand people is 40 bytes an entity).
    pub personhood: i8,
    /// See `NameMention::typed`.
    typed: bool,
    /// Written capitalised inside a sentence at least once: a name, not
    /// only a sentence's first word ("Revenue is …").
    seen_inside: bool,
    /// Where its role words are in `Registry::descriptions`, or `NONE`:
    /// most of a long draft's cast has none, and the room for a list in
    /// every entity was 16 of its bytes.
    descriptors: u32,
    /// Offsets and sentence numbers in four bytes (see [`narrow`]): the
    /// cast of a draft naming thousands of people is held until its
    /// attribution is done, 112 bytes an entity with eight-byte ones.
    first_at: u32,
    last_at: u32,
    /// Prominence carried into `salience_sentence` from the sentences before it,
    /// and the strongest role the entity has in that sentence: mentions in
    /// one sentence do not add up.
    carried: f32,
    /// The strongest role's place in [`WEIGHTS`] (0 for none yet).
    best_here: u8,
    salience_sentence: u32,
    /// Sentence of the latest mention as a subject or speaker, or `NONE`
    /// (an `Option` took eight bytes).
    subject_sentence: u32,
}

/// No entity, sentence or list: four bytes where an `Option` takes eight.
const NONE: u32 = u32::MAX;

impl Entity {
    fn salience_at(&self, sentence: usize) -> f32 {
        let gap = sentence.saturating_sub(self.salience_sentence as usize).min(64) as i32;
        (self.carried + WEIGHTS[usize::from(self.best_here)]) * DECAY.powi(gap)
    }

    fn bump(&mut self, sentence: usize, role: Role) {
        if sentence > self.salience_sentence as usize {
            self.carried = self.salience_at(sentence);
            self.best_here = 0;
            self.salience_sentence = narrow(sentence);
        }
        self.best_here = self.best_here.max(role.rank());
    }

    /// Whether "he" or "she" can mean this entity.
    pub fn personal(&self) -> bool {
        self.kind == SpeakerKind::Person && self.personhood >= 0
    }

    /// An organisation, or a lone capitalised word that speaks but was never
    /// shown to be a person ("Google said"): news names people in full.
    pub fn organisation_like(&self) -> bool {
        (self.kind == SpeakerKind::Organization && !self.typed)
            || (self.kind == SpeakerKind::Person
                && self.seen_inside
                && !looks_like_demonym(&self.name)
                && !self.name.contains(' ')
                && self.personhood <= 0
                && self.gender.is_none())
    }

    /// The sentence of the latest mention as a subject or speaker.
    fn subject_sentence(&self) -> Option<usize> {
        (self.subject_sentence != NONE).then_some(self.subject_sentence as usize)
    }
}

/// An offset or sentence number in four bytes: drafts are far smaller
/// than 4 GB (the size limit turns larger ones away before they are parsed).
pub(super) fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// "Canadian", "Chinese", "British": a capitalised adjective of a nation,
/// which a lone capitalised word that speaks is far more often than a company.
fn looks_like_demonym(word: &str) -> bool {
    ["ian", "can", "ese", "ish", "ean"].iter().any(|end| word.ends_with(end))
}

/// Nouns news uses for one another's bodies: "the agency" after "the State
/// Department", "the firm" after "Acme Corporation".
const KINDRED_BODIES: [&[&str]; 3] = [
    &["agency", "department", "ministry", "office", "bureau", "service", "administration", "authority"],
    &["company", "firm", "corporation", "corp.", "inc.", "ltd.", "group"],
    &["group", "organization", "organisation", "association", "coalition", "foundation", "society"],
];

/// Whether a word of a body's name is a noun news uses for `head`.
fn same_kind_of_body(word: &str, head: &str) -> bool {
    KINDRED_BODIES.iter().any(|kin| kin.contains(&word) && kin.contains(&head))
}

/// Whether a word of `name` in lower case is `head` or a noun news uses
/// for it. Asked of every entity in view for each "the agency": an ASCII
/// name's words are compared with the words by bytes, case aside, where
/// the name was lowered into a copy, and the lists of kindred nouns that
/// hold `head` are found once, not for every word.
fn names_body(name: &str, head: &str) -> bool {
    if !name.is_ascii() {
        return name.to_lowercase().split_whitespace().any(|w| w == head || same_kind_of_body(w, head));
    }
    let kindred = KINDRED_BODIES.map(|kin| kin.contains(&head));
    // `word` lowered is `lower` (ASCII: its lower-case form is byte by byte)
    let is = |word: &[u8], lower: &[u8]| {
        word.len() == lower.len() && word.iter().zip(lower).all(|(a, b)| a.to_ascii_lowercase() == *b)
    };
    let names = |word: &[u8]| {
        is(word, head.as_bytes())
            || KINDRED_BODIES
                .iter()
                .zip(kindred)
                .any(|(kin, has)| has && kin.iter().any(|k| is(word, k.as_bytes())))
    };
    // (the ASCII characters `split_whitespace` splits at)
    name.as_bytes().split(|b| matches!(b, b' ' | b'\t'..=b'\r')).filter(|w| !w.is_empty()).any(names)
}

/// The story's cast, by id.
#[derive(Debug)]
pub struct Registry {
    entities: Vec<Entity>,
    /// The role words of the entities that have some, up to eight each.
    descriptions: Vec<Box<[Shared]>>,
    /// One copy of each name, name word, descriptor and mention the cast and
    /// the attributions hold: with thousands of people named, the separate
    /// copies of each name in the keys, the entities and the speakers were
    /// much of the memory the draft took. Each word is also the key of the
    /// entity whose full name it is, or `NONE`.
    // looked up, never walked: the crate's fast hash, not SipHash
    words: HashMap<Shared, u32, FastHash>,
    /// The people a word of their names names (see [`NameWord`]), apart
    /// from `words`: most words are full names, and with all three ids
    /// beside each a slot of the table took 24 bytes where it takes 16
    /// (a draft naming forty thousand people held 1.6 MB of it).
    name_words: HashMap<Shared, NameWord, FastHash>,
    /// The capitals of a body's name → the first body with them ("EDC" for
    /// Export Development Canada); looked up, never walked.
    by_initials: HashMap<String, usize, FastHash>,
    /// Entity ids in order of their latest mention, newest last, each once,
    /// with the number of that mention: those mentioned in the last
    /// `QUEUE_CAP` mentions.
    recent: VecDeque<(u32, u32)>,
    /// How many mentions the cast has had (wrapping).
    mentions: u32,
}

/// How many words the cast's table has room for from the start: an
/// article's names, their words and its speakers' mentions, which the table
/// grown from empty hashed again at every doubling.
const WORDS_ROOM: usize = 128;
/// The same for the words of people's names: grown from empty, the table
/// was hashed again four or five times in an article.
const NAME_WORDS_ROOM: usize = 32;

impl Default for Registry {
    fn default() -> Self {
        Registry {
            entities: Vec::new(),
            descriptions: Vec::new(),
            words: HashMap::with_capacity_and_hasher(WORDS_ROOM, FastHash::default()),
            name_words: HashMap::with_capacity_and_hasher(NAME_WORDS_ROOM, FastHash::default()),
            by_initials: HashMap::default(),
            recent: VecDeque::new(),
            mentions: 0,
        }
    }
}

/// The people a word of their names names, each `NONE` if it names none that way.
#[derive(Debug, Clone, Copy)]
struct NameWord {
    /// The first person with this last name.
    surname: u32,
    /// The latest person with this first name ("Judy" for Judy Roe).
    first: u32,
}

impl NameWord {
    const NONE: NameWord = NameWord { surname: NONE, first: NONE };
}

fn found(id: u32) -> Option<usize> {
    (id != NONE).then_some(id as usize)
}

fn words(name: &str) -> impl DoubleEndedIterator<Item = &str> {
    name.split_whitespace()
}

/// "Export Development Canada" → "EDC": the capitals of the name's words,
/// past the little words; none for a person's name ("Ana Ruiz").
fn initials(name: &str) -> Option<String> {
    const LITTLE: &[&str] = &["of", "and", "for", "the", "on", "de", "du", "des", "la", "le", "&"];
    // compared without a lower-case copy of every word: the little words are
    // ASCII, and no other character lower-cases to one of their letters
    let little = |w: &str| LITTLE.iter().any(|l| w.eq_ignore_ascii_case(l));
    let mut ws = words(name).filter(|w| !little(w)).peekable();
    if ws.peek().is_some_and(|first| super::names::is_given_name(first)) {
        return None;
    }
    let caps: String = ws.map(|w| w.chars().next().filter(|c| c.is_uppercase())).collect::<Option<String>>()?;
    (caps.chars().count() >= 2).then_some(caps)
}

/// "EDC", "NATO": one word of two to six capital letters.
fn is_acronym(name: &str) -> bool {
    // (asked of every name looked up: ASCII capitals are a byte each, so
    // its bytes are counted, not its characters)
    (2..=6).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_uppercase())
}

fn is_initial(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    w.chars().count() == 1
}

impl Registry {
    /// The one copy of `words` the cast and the attributions share.
    pub fn shared(&mut self, words: &str) -> Shared {
        if let Some((known, _)) = self.words.get_key_value(words) {
            return known.clone();
        }
        let new = Shared::from(words);
        self.words.insert(new.clone(), NONE);
        new
    }

    /// The entity whose full name `name` is, or `NONE`.
    fn named(&self, name: &str) -> u32 {
        self.words.get(name).copied().unwrap_or(NONE)
    }

    /// Makes `id` the entity whose full name `name` is: the name is the
    /// cast's one copy, so it is its own key (hashed once, not looked up
    /// for its interned copy first).
    fn set_named(&mut self, name: &Shared, id: usize) {
        self.words.insert(name.clone(), narrow(id));
    }

    /// The people `word` names as a surname or a first name.
    fn name_word(&self, word: &str) -> NameWord {
        self.name_words.get(word).copied().unwrap_or(NameWord::NONE)
    }

    /// Changes what `word` names by `change`; a word new to the table is
    /// keyed by its one interned copy. (A word already there is hashed
    /// once: looking its key up to clone it hashed it twice.)
    fn change_name_word(&mut self, word: &str, change: impl FnOnce(&mut NameWord)) {
        if let Some(known) = self.name_words.get_mut(word) {
            change(known);
            return;
        }
        let key = self.shared(word);
        let mut new = NameWord::NONE;
        change(&mut new);
        self.name_words.insert(key, new);
    }

    /// Whether `e` has the role word `word`.
    fn has_descriptor(&self, e: &Entity, word: &str) -> bool {
        self.descriptors_of(e).iter().any(|d| &**d == word)
    }

    fn descriptors_of(&self, e: &Entity) -> &[Shared] {
        self.descriptions.get(e.descriptors as usize).map_or(&[], |d| d)
    }

    pub fn entity(&self, id: usize) -> &Entity {
        &self.entities[id]
    }

    /// The entity a name refers to, if the story has named it already:
    /// the full name, or a surname or first name of a person named earlier.
    pub fn lookup(&self, name: &str, kind: SpeakerKind) -> Option<usize> {
        if let Some(id) = found(self.named(name)) {
            return Some(id);
        }
        if is_acronym(name) {
            return self.by_initials.get(name).copied();
        }
        let (first, last) = first_and_last_word(name)?;
        match last {
            // "Jane Q. Roe" after "Jane Roe": the same first and last names;
            // "Al Basha" after "Abir Al Basha": a surname of two words
            Some(last) if kind == SpeakerKind::Person => found(self.name_word(last).surname).filter(|&id| {
                let known = &self.entities[id].name;
                let known_first = first_word(known);
                (!known_first.is_empty() && (known_first == first || is_initial(first)))
                    || known.strip_suffix(name).is_some_and(|rest| rest.ends_with(' '))
            }),
            Some(_) => None,
            None if kind == SpeakerKind::Person => {
                let keys = self.name_word(first);
                found(keys.surname).or_else(|| found(keys.first))
            }
            None => None,
        }
    }

    /// `lookup` for a name written with an honorific that tells a gender:
    /// "Mrs. Clinton" in a story that named Bill Clinton first is the most
    /// recent Clinton who can be a "Mrs.", or nobody known yet.
    pub fn lookup_as(&self, name: &str, kind: SpeakerKind, gender: Option<Gender>) -> Option<usize> {
        let id = self.lookup(name, kind)?;
        let clashes = |e: &Entity| matches!((gender, e.gender), (Some(g), Some(h)) if g != h);
        if !clashes(&self.entities[id]) {
            return Some(id);
        }
        let same_surname = |e: &Entity| e.kind == kind && words(&e.name).next_back() == Some(name);
        self.recent
            .iter()
            .rev()
            .map(|&(id, _)| id as usize)
            .find(|&id| same_surname(&self.entities[id]) && !clashes(&self.entities[id]))
    }

    /// Records a mention, creating the entity the first time, and returns its id.
    pub fn mention(&mut self, m: &NameMention) -> usize {
        let id = match self.lookup(&m.name, m.kind) {
            Some(id) => id,
            None => self.create(m),
        };
        let e = &mut self.entities[id];
        e.personhood = (i32::from(e.personhood) + m.personhood).clamp(-6, 9) as i8;
        e.seen_inside |= m.inside;
        // "Al Basha" after "Abir Al Basha": "Al" is part of the surname here,
        // not a given name that tells a gender (asked only of a mention
        // that tells one, to an entity without)
        let given_name_differs = || has_two_words(&m.name) && first_word(&m.name) != first_word(&e.name);
        if e.gender.is_none() && m.gender.is_some() && !given_name_differs() {
            e.gender = m.gender;
        }
        if self.descriptors_of(&self.entities[id]).len() < 8
            && m.descriptors.iter().any(|d| !self.has_descriptor(&self.entities[id], d))
        {
            self.describe(id, &m.descriptors);
        }
        let e = &self.entities[id];
        // a longer form of the name is the better one to print
        if m.kind == e.kind && m.name.len() > e.name.len() && words(&m.name).count() <= 4 {
            let longer = self.shared(&m.name);
            let old = std::mem::replace(&mut self.entities[id].name, longer);
            self.set_named(&old, id);
            self.index_name(id);
        }
        self.touch(id, m.at as usize, m.sentence as usize, m.role);
        id
    }

    /// Adds the role words of `new` that `id` lacks to its own, up to eight.
    fn describe(&mut self, id: usize, new: &[String]) {
        let slot = self.entities[id].descriptors as usize;
        let mut all = match self.descriptions.get_mut(slot) {
            Some(held) => std::mem::take(held).into_vec(),
            None => Vec::new(),
        };
        for d in new {
            if all.len() < 8 && !all.iter().any(|a| **a == **d) {
                all.push(self.shared(d));
            }
        }
        let all = all.into_boxed_slice();
        match self.descriptions.get_mut(slot) {
            Some(held) => *held = all,
            None => {
                self.entities[id].descriptors = narrow(self.descriptions.len());
                self.descriptions.push(all);
            }
        }
    }

    fn create(&mut self, m: &NameMention) -> usize {
        let id = self.entities.len();
        let name = self.shared(&m.name);
        self.entities.push(Entity {
            name,
            kind: m.kind,
            gender: None,
            // news introduces people by full name: a lone word first seen is
            // more likely a place or a thing ("Alberta", "Somehow")
            personhood: if m.name.contains(' ') { 0 } else { -1 },
            typed: m.typed,
            seen_inside: false,
            descriptors: NONE,
            first_at: m.at,
            last_at: m.at,
            carried: 0.0,
            best_here: 0,
            salience_sentence: m.sentence,
            subject_sentence: NONE,
        });
        self.index_name(id);
        id
    }

    fn index_name(&mut self, id: usize) {
        let name = self.entities[id].name.clone();
        self.set_named(&name, id);
        // a one-word name has no initials to index: they are not read for it
        if let Some(caps) = name.contains(' ').then(|| initials(&name)).flatten() {
            self.by_initials.entry(caps).or_insert(id);
        }
        if self.entities[id].kind == SpeakerKind::Person {
            if let Some((first, Some(last))) = first_and_last_word(&name) {
                // two people with one surname: news calls the second by the
                // first name ("says Michael"), so the bare surname stays the first's
                self.change_name_word(last, |w| {
                    if w.surname == NONE {
                        w.surname = narrow(id);
                    }
                });
                if !is_initial(first) {
                    self.change_name_word(first, |w| w.first = narrow(id));
                }
            }
        }
    }

    /// Makes `id` the most recent entity, more prominent by `role`.
    pub fn touch(&mut self, id: usize, at: usize, sentence: usize, role: Role) {
        self.mentions = self.mentions.wrapping_add(1);
        let e = &mut self.entities[id];
        // (only a touch leaves an entity a strongest role: none, never touched)
        let touched_before = e.best_here != 0;
        e.bump(sentence, role);
        e.last_at = e.last_at.max(narrow(at));
        let sentence = narrow(sentence);
        if matches!(role, Role::Speaker | Role::Reporter | Role::Subject) {
            e.subject_sentence =
                if e.subject_sentence == NONE { sentence } else { e.subject_sentence.max(sentence) };
        }
        // the queue holds each entity once, at its latest mention: a queue of
        // every mention, its older ones passed over, made the walks of the
        // window (several for each pronoun) read them all again and again
        if touched_before {
            // (most often among the latest: looked for from the newest)
            if let Some(k) = self.recent.iter().rposition(|&(other, _)| other as usize == id) {
                self.recent.remove(k);
            }
        }
        self.recent.push_back((narrow(id), self.mentions));
        // those the last `QUEUE_CAP` mentions are not of go, as they left
        // the queue of every mention when it held `QUEUE_CAP`
        let mentions = self.mentions;
        while self.recent.front().is_some_and(|&(_, n)| mentions.wrapping_sub(n) >= QUEUE_CAP as u32) {
            self.recent.pop_front();
        }
    }

    /// Learns a gender for `id` from a pronoun that refers to it.
    pub fn set_gender(&mut self, id: usize, gender: Gender) {
        let e = &mut self.entities[id];
        if e.gender.is_none() {
            e.gender = Some(gender);
        }
    }

    /// "Mamadou Dia was on a trip when he …": the subject a pronoun of its
    /// own sentence refers back to is a person, first name known or not,
    /// when named in full as news names people ("the U.S. needs …, but
    /// that he" is no such subject).
    pub fn confirm_person(&mut self, id: usize) {
        let e = &mut self.entities[id];
        let full = e.name.split_whitespace().filter(|w| w.chars().any(char::is_lowercase)).count() >= 2;
        if e.kind == SpeakerKind::Person && full {
            e.personhood = e.personhood.max(1);
        }
    }

    /// The distinct entities mentioned most recently before `at`, newest first.
    fn window(&self, at: usize) -> impl Iterator<Item = usize> + '_ {
        self.recent
            .iter()
            .rev()
            .map(|&(id, _)| id as usize)
            .filter(move |&id| (self.entities[id].first_at as usize) < at)
            .take(WINDOW)
    }

    /// The most prominent entity before `at` that `fits`, and its prominence.
    pub fn most_salient(&self, at: usize, sentence: usize, fits: impl Fn(&Entity) -> f32) -> Option<(usize, f32)> {
        let mut best: Option<(usize, f32)> = None;
        for id in self.window(at) {
            let e = &self.entities[id];
            let factor = fits(e);
            if factor <= 0.0 {
                continue;
            }
            let score = e.salience_at(sentence) * factor;
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((id, score));
            }
        }
        best
    }

    /// "he" or "she": the subject of an earlier clause of the same sentence
    /// ("Smith said he …"), else the most prominent person of that gender
    /// (or of none known).
    pub fn person_for_pronoun(&self, at: usize, sentence: usize, gender: Option<Gender>) -> Option<usize> {
        let fit = |e: &Entity| {
            if !e.personal() {
                return 0.0;
            }
            let agree = match (gender, e.gender) {
                (Some(g), Some(h)) if g != h => return 0.0,
                (Some(_), Some(_)) => 1.0,
                _ => 0.8,
            };
            agree * if e.personhood > 0 { 1.0 } else { 0.45 }
        };
        self.bound_subject(at, sentence, fit)
            .or_else(|| self.latest_subject(at, sentence, fit))
            .or_else(|| self.most_salient(at, sentence, fit).map(|(id, _)| id))
    }

    /// The subject of an earlier clause of this sentence that `fit`s.
    fn bound_subject(&self, at: usize, sentence: usize, fit: impl Fn(&Entity) -> f32) -> Option<usize> {
        self.window(at).find(|&id| {
            let e = &self.entities[id];
            e.subject_sentence() == Some(sentence) && (e.last_at as usize) < at && fit(e) > 0.0
        })
    }

    /// "he" or "she" in the writer's words bound to the subject of an
    /// earlier clause of its sentence ("Dia was on a trip when he …").
    pub fn subject_for_pronoun(&self, at: usize, sentence: usize, gender: Gender) -> Option<usize> {
        self.bound_subject(at, sentence, |e| (e.personal() && e.gender.is_none_or(|g| g == gender)) as u8 as f32)
    }

    /// The person who was last the subject of a sentence (or spoke) in the
    /// sentence before `sentence` or the one before that: "Hiram Waweru said
    /// he hid. “We turned back,” he said." is Waweru's, however often the
    /// story quoted someone else before him.
    fn latest_subject(&self, at: usize, sentence: usize, fit: impl Fn(&Entity) -> f32) -> Option<usize> {
        let mut best: Option<(usize, usize)> = None;
        for id in self.window(at) {
            let e = &self.entities[id];
            let Some(s) = e.subject_sentence().filter(|&s| s < sentence && s + 2 >= sentence) else { continue };
            // only someone the text shows to be a person: places and outlets are subjects too
            if e.personhood > 0 && fit(e) > 0.0 && best.is_none_or(|(_, b)| s > b) {
                best = Some((id, s));
            }
        }
        let (id, s) = best?;
        // two people as subjects of that one sentence: leave it to salience
        let rivals = self.window(at).filter(|&o| {
            o != id && self.entities[o].subject_sentence() == Some(s) && fit(&self.entities[o]) > 0.0
        });
        (rivals.count() == 0).then_some(id)
    }

    /// The author of a document the story quotes ("a statement said"): the
    /// person or organisation that was the subject of this sentence or one
    /// of the two before, the latest first; of two in one sentence, the more
    /// prominent.
    pub fn author(&self, at: usize, sentence: usize) -> Option<usize> {
        // shown to be a person or an organisation ("the aid group Gatsby"):
        // places are subjects too
        let fits = |e: &Entity| {
            (e.personal() && e.personhood > 0)
                || e.kind == SpeakerKind::Organization
                || (e.organisation_like() && e.descriptors != NONE)
        };
        let mut best: Option<(usize, usize, f32)> = None;
        for id in self.window(at) {
            let e = &self.entities[id];
            let Some(s) = e.subject_sentence().filter(|&s| s <= sentence && s + 1 >= sentence) else { continue };
            if !fits(e) {
                continue;
            }
            let score = e.salience_at(sentence);
            if best.is_none_or(|(_, bs, bscore)| s > bs || (s == bs && score > bscore)) {
                best = Some((id, s, score));
            }
        }
        best.map(|(id, _, _)| id)
    }

    /// The one person who was the subject of the sentence before `sentence`
    /// or the one before that, if the text shows them to be a person.
    pub fn recent_subject(&self, at: usize, sentence: usize) -> Option<usize> {
        self.latest_subject(at, sentence, |e| f32::from(u8::from(e.personal())))
    }

    /// "it": the most prominent organisation.
    pub fn organisation(&self, at: usize, sentence: usize) -> Option<usize> {
        self.most_salient(at, sentence, |e| f32::from(u8::from(e.kind == SpeakerKind::Organization)))
            .map(|(id, _)| id)
    }

    /// "the agency": the most prominent organisation whose name or
    /// description has that word.
    /// Failing that, or when it is far less prominent than the story's
    /// current focus, that focus if it is organisation-like ("the company"
    /// after "Google said").
    pub fn organisation_called(&self, at: usize, sentence: usize, head: &str) -> Option<usize> {
        let matched = self.most_salient(at, sentence, |e| {
            let named = names_body(&e.name, head);
            f32::from(u8::from(e.kind == SpeakerKind::Organization && (named || self.has_descriptor(e, head))))
        });
        let focus = self
            .most_salient(at, sentence, |e| f32::from(u8::from(e.personal() || e.organisation_like())))
            .filter(|&(id, _)| {
                self.entities[id].organisation_like() && self.entities[id].subject_sentence != NONE
            });
        match (matched, focus) {
            // a match well out of view loses to the organisation in focus
            (Some(m), Some(f)) if f.1 > 2.0 * m.1 => Some(f.0),
            (m, f) => m.or(f).map(|(id, _)| id),
        }
    }

    /// A person the story described with `head` ("professor", "mayor").
    pub fn person_described(&self, at: usize, sentence: usize, head: &str) -> Option<usize> {
        self.most_salient(at, sentence, |e| f32::from(u8::from(e.personal() && self.has_descriptor(e, head))))
            .map(|(id, _)| id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cast's table of words starts with its room, and words past it
    /// are each still held once and found.
    #[test]
    fn the_cast_s_words_start_with_room_and_grow_past_it() {
        let mut reg = Registry::default();
        assert!(reg.words.capacity() >= WORDS_ROOM);
        let words: Vec<String> = (0..3 * WORDS_ROOM).map(|k| format!("Name{k}")).collect();
        let shared: Vec<Shared> = words.iter().map(|w| reg.shared(w)).collect();
        for (w, held) in words.iter().zip(&shared) {
            assert!(Shared::ptr_eq(held, &reg.shared(w)), "{w} held once");
        }
        assert_eq!(reg.words.len(), 3 * WORDS_ROOM);
    }

    proptest::proptest! {
        /// A name's words compared by bytes name a body as the words of the
        /// lowered copy of the name did, for ASCII names and others.
        #[test]
        fn a_body_is_named_as_by_the_lowered_copy(
            name in "(Agency|AGENCY|Firm|group|Département|Corp\\.|Administrations|Ministry of Health|[A-Za-z]{0,20}| |\t|\u{b}|\u{a0})*",
            head in "(agency|firm|group|corp\\.|administration|ministry|health|département|Agency|[a-z]{1,18})",
        ) {
            let plain = name.to_lowercase().split_whitespace().any(|w| w == head || same_kind_of_body(w, &head));
            proptest::prop_assert_eq!(names_body(&name, &head), plain, "{:?} {:?}", name, head);
        }
    }

    #[test]
    fn an_entity_stays_small() {
        // one a person or body named, all held until attribution is done
        // (112 bytes with eight-byte offsets and a sentence no one read, 80
        // with its role words' list and eight-byte stamps and options in it,
        // 56 with its name an `Arc<str>`, 48 with a four-byte personhood,
        // strongest role and stamp)
        assert_eq!(std::mem::size_of::<Entity>(), 40);
    }

    #[test]
    fn a_cast_of_thousands_holds_its_names_in_sixteen_byte_slots() {
        // a slot of each table: a word's handle and the ids beside it
        assert_eq!(std::mem::size_of::<(Shared, u32)>(), 16);
        assert_eq!(std::mem::size_of::<(Shared, NameWord)>(), 16);
        let (reg, held) = crate::budget::held_by(|| {
            let mut reg = Registry::default();
            // each person named once: twenty first names, two hundred surnames
            for k in 0..4000 {
                name(&mut reg, &format!("Ana{} Rz{}", k % 20, k / 20), 10 * k, k, Role::Speaker, 0);
            }
            reg
        });
        let person = |name: &str| reg.lookup(name, SpeakerKind::Person);
        assert_eq!([person("Ana7 Rz150"), person("Rz150"), person("Ana7")], [Some(3007), Some(3000), Some(3987)]);
        // 394 420 bytes; about 530 000 with 48-byte entities, 24-byte slots
        // for every word and sixteen bytes before each string's
        assert!(held < 420_000, "{held} bytes");
    }

    #[test]
    fn a_role_ranks_as_its_weight_did() {
        let weight = |r: Role| WEIGHTS[usize::from(r.rank())];
        let roles = [Role::Oblique, Role::Other, Role::Subject, Role::Reporter, Role::Speaker];
        assert_eq!(roles.map(weight), [0.25, 0.6, 1.6, 2.2, 3.0]);
        assert!(roles.windows(2).all(|w| w[0].rank() < w[1].rank()));
    }

    proptest::proptest! {
        /// The window is what a queue of every mention gave, each entity
        /// at its latest mention among the last `QUEUE_CAP`, newest first.
        #[test]
        fn the_window_is_that_of_a_queue_of_every_mention(
            steps in proptest::collection::vec((0usize..60, 0usize..400), 1..700),
        ) {
            let mut reg = Registry::default();
            let mut every: Vec<usize> = Vec::new();
            let mut people = Vec::new();
            for (k, &(who, at)) in steps.iter().enumerate() {
                match people.get(who) {
                    Some(&id) => reg.touch(id, k, k, Role::Other),
                    None => people.push(name(&mut reg, &format!("Ana Ruiz{k}"), at, k, Role::Other, 0)),
                }
                every.push(people.get(who).copied().unwrap_or(people[people.len() - 1]));
                let mut seen = Vec::new();
                for &id in every.iter().rev().take(QUEUE_CAP) {
                    if !seen.contains(&id) {
                        seen.push(id);
                    }
                }
                let expected: Vec<usize> =
                    seen.iter().copied().filter(|&id| (reg.entity(id).first_at as usize) < at).take(WINDOW).collect();
                proptest::prop_assert_eq!(reg.window(at).collect::<Vec<_>>(), expected);
                proptest::prop_assert_eq!(reg.recent.len(), seen.len());
            }
        }
    }

    #[test]
    fn the_recent_window_is_distinct_after_the_clock_wraps() {
        let mut reg = Registry::default();
        let people: Vec<usize> =
            (0..40).map(|k| name(&mut reg, &format!("Ana Ruiz{k}"), k, 0, Role::Other, 0)).collect();
        // past two wraps of the two-byte clock, each person touched again and again
        for k in 0..140_000 {
            reg.touch(people[k % 40], 100 + k, 1, Role::Other);
        }
        let window: Vec<usize> = reg.window(usize::MAX).collect();
        // newest first, each once, as many as the window reaches
        let newest: Vec<usize> = (0..WINDOW).map(|k| people[(139_999 - k) % 40]).collect();
        assert_eq!(window, newest);
    }

    #[test]
    fn personhood_stays_between_minus_six_and_nine() {
        let mut reg = Registry::default();
        let sure = (0..5).map(|k| name(&mut reg, "Ana Ruiz", k, k, Role::Other, 100)).last();
        assert_eq!(reg.entity(sure.unwrap()).personhood, 9);
        let place = (0..5).map(|k| name(&mut reg, "Calgary", 10 + k, k, Role::Oblique, -100)).last();
        assert_eq!(reg.entity(place.unwrap()).personhood, -6);
    }

    #[test]
    fn an_acronym_finds_the_body_whose_initials_it_is() {
        let mut reg = Registry::default();
        let body = name(&mut reg, "Export Development Canada", 0, 0, Role::Other, 0);
        let person = name(&mut reg, "Ana Ruiz", 30, 1, Role::Other, 0);
        assert_eq!(reg.lookup("EDC", SpeakerKind::Organization), Some(body));
        // a person's initials are no acronym for them; other capitals find nobody
        assert_ne!(reg.lookup("AR", SpeakerKind::Organization), Some(person));
        assert_eq!(reg.lookup("EDX", SpeakerKind::Organization), None);
        assert_eq!(initials("Bank of Canada"), Some("BC".to_string()));
        assert_eq!(initials("The Harbour Traders Association"), Some("HTA".to_string()));
        assert_eq!(initials("Ana Ruiz"), None);
        // the little words in any case, and only they, are passed over
        assert_eq!(initials("BANK OF Canada"), Some("BC".to_string()));
        assert_eq!(initials("Banco De La Nación"), Some("BN".to_string()));
        assert_eq!(initials("Office For Ofs"), Some("OO".to_string()));
        assert_eq!(initials("Offe Fora"), Some("OF".to_string()));
    }

    fn name(reg: &mut Registry, name: &str, at: usize, sentence: usize, role: Role, personhood: i32) -> usize {
        reg.mention(&NameMention {
            name: name.into(),
            kind: SpeakerKind::Person,
            at: narrow(at),
            sentence: narrow(sentence),
            role,
            personhood,
            gender: None,
            descriptors: Box::default(),
            written_full: true,
            tentative: false,
            typed: false,
            inside: true,
        })
    }

    #[test]
    fn a_pronoun_bound_in_its_sentence_shows_a_full_name_is_a_person() {
        let mut reg = Registry::default();
        let dia = name(&mut reg, "Mamadou Dia", 0, 0, Role::Subject, 0);
        let us = name(&mut reg, "U.S", 20, 1, Role::Subject, 0);
        // "Mamadou Dia was on a trip when he …"
        assert_eq!(reg.subject_for_pronoun(10, 0, Gender::Male), Some(dia));
        reg.confirm_person(dia);
        reg.confirm_person(us);
        assert_eq!(reg.entity(dia).personhood, 1);
        assert!(reg.entity(us).personhood < 1, "an abbreviation is no full name");
        // a referent of the other gender is never bound
        reg.set_gender(dia, Gender::Female);
        assert_eq!(reg.subject_for_pronoun(10, 0, Gender::Male), None);
    }

    #[test]
    fn a_surname_is_the_person_named_before() {
        let mut reg = Registry::default();
        let jane = name(&mut reg, "Jane Roe", 0, 0, Role::Subject, 1);
        assert_eq!(reg.lookup("Roe", SpeakerKind::Person), Some(jane));
        assert_eq!(reg.lookup("Jane", SpeakerKind::Person), Some(jane));
        assert_eq!(reg.lookup("Jane Q. Roe", SpeakerKind::Person), Some(jane));
        assert_eq!(reg.lookup("John Roe", SpeakerKind::Person), None);
        let abir = name(&mut reg, "Abir Al Basha", 5, 1, Role::Subject, 1);
        assert_eq!(reg.lookup("Al Basha", SpeakerKind::Person), Some(abir));
        assert_eq!(reg.lookup("Ali Basha", SpeakerKind::Person), None);
    }

    #[test]
    fn a_shared_surname_stays_with_the_first_person() {
        let mut reg = Registry::default();
        let nadia = name(&mut reg, "Nadia Brandt", 0, 0, Role::Speaker, 1);
        let piotr = name(&mut reg, "Piotr Brandt", 10, 1, Role::Speaker, 1);
        assert_eq!(reg.lookup("Brandt", SpeakerKind::Person), Some(nadia));
        assert_eq!(reg.lookup("Piotr", SpeakerKind::Person), Some(piotr));
    }

    #[test]
    fn an_honorific_picks_the_namesake_of_its_gender() {
        let mut reg = Registry::default();
        let bill = name(&mut reg, "Bill Clinton", 0, 0, Role::Subject, 1);
        reg.set_gender(bill, Gender::Male);
        let hillary = name(&mut reg, "Hillary Clinton", 10, 1, Role::Subject, 1);
        reg.set_gender(hillary, Gender::Female);
        assert_eq!(reg.lookup_as("Clinton", SpeakerKind::Person, Some(Gender::Female)), Some(hillary));
        assert_eq!(reg.lookup_as("Clinton", SpeakerKind::Person, Some(Gender::Male)), Some(bill));
        assert_eq!(reg.lookup_as("Clinton", SpeakerKind::Person, None), Some(bill));
    }

    #[test]
    fn a_document_speaks_for_the_subject_just_before_it() {
        let mut reg = Registry::default();
        let old = name(&mut reg, "Jane Roe", 0, 0, Role::Speaker, 2);
        let author = name(&mut reg, "Tom Poe", 10, 3, Role::Subject, 2);
        name(&mut reg, "Lower Valley", 20, 3, Role::Oblique, -2);
        assert_eq!(reg.author(30, 4), Some(author));
        // two sentences on, nobody is its author any more
        assert_eq!(reg.author(40, 6), None);
        assert_ne!(reg.author(30, 4), Some(old));
    }

    #[test]
    fn a_pronoun_skips_places_and_the_other_gender() {
        let mut reg = Registry::default();
        let jane = name(&mut reg, "Jane Roe", 0, 0, Role::Subject, 1);
        reg.set_gender(jane, Gender::Female);
        let tom = name(&mut reg, "Tom Poe", 10, 1, Role::Other, 1);
        reg.set_gender(tom, Gender::Male);
        name(&mut reg, "Lower Valley", 20, 1, Role::Oblique, -2);
        assert_eq!(reg.person_for_pronoun(30, 1, Some(Gender::Female)), Some(jane));
        assert_eq!(reg.person_for_pronoun(30, 1, Some(Gender::Male)), Some(tom));
    }

    #[test]
    fn role_words_and_older_names_stay_with_their_entity() {
        let mut reg = Registry::default();
        let roe = name(&mut reg, "Jane Roe", 0, 0, Role::Subject, 1);
        let poe = name(&mut reg, "Tom Poe", 5, 0, Role::Subject, 1);
        let mut m = NameMention {
            name: "Jane Q. Roe".into(),
            kind: SpeakerKind::Person,
            at: 10,
            sentence: 1,
            role: Role::Subject,
            personhood: 1,
            gender: None,
            descriptors: Box::new(["mayor".into(), "professor".into()]),
            written_full: true,
            tentative: false,
            typed: false,
            inside: true,
        };
        // the longer name replaces the shorter, which still finds her
        assert_eq!(reg.mention(&m), roe);
        assert_eq!(&*reg.entity(roe).name, "Jane Q. Roe");
        assert_eq!(reg.lookup("Jane Roe", SpeakerKind::Person), Some(roe));
        assert_eq!(reg.lookup("Roe", SpeakerKind::Person), Some(roe));
        assert_eq!(reg.lookup("Jane", SpeakerKind::Person), Some(roe));
        assert_eq!(reg.person_described(20, 1, "mayor"), Some(roe));
        assert_eq!(reg.person_described(20, 1, "senator"), None);
        assert!(!reg.has_descriptor(reg.entity(poe), "mayor"));
        // a second mention adds the words she lacks, once each
        m.descriptors = Box::new(["mayor".into(), "senator".into()]);
        reg.mention(&m);
        assert_eq!(reg.descriptors_of(reg.entity(roe)).len(), 3);
        assert_eq!(reg.person_described(20, 1, "senator"), Some(roe));
    }

    #[test]
    fn the_window_is_bounded() {
        let mut reg = Registry::default();
        let first = name(&mut reg, "Ann First", 0, 0, Role::Speaker, 3);
        for i in 0..1000 {
            name(&mut reg, &format!("Person Number{i}"), 10 + i, 1 + i / 10, Role::Other, 1);
        }
        assert_ne!(reg.person_for_pronoun(5000, 100, None), Some(first));
        assert!(reg.recent.len() <= QUEUE_CAP);
    }
}
