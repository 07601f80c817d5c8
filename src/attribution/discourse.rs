//! Reading a block for the story's cast: every name with its role in the
//! sentence and what its surroundings say of it (a title, a role word, an
//! age, a place-like preposition), and every subject "he" or "she".

use super::entities::{narrow, Gender, NameMention, Role};
use super::mention::{in_list, Frame};
use super::names::{
    first_word, given_name_gender, has_two_words, honorific_gender, is_given_name, names_its_type, role_gender,
    strip_possessive, TITLE_MODIFIERS,
};
use super::patterns::{Sentence, PLACE_PREPOSITIONS};
use super::SpeakerKind;

/// A pronoun the writer uses as a subject: it says who the story is about.
#[derive(Debug, Clone, Copy)]
pub struct PronounMention {
    pub at: usize,
    pub sentence: usize,
    pub gender: Gender,
    pub role: Role,
}

/// "the mayor" or "the company" as a subject: someone named before.
#[derive(Debug, Clone)]
pub struct EpithetMention {
    pub at: usize,
    pub sentence: usize,
    /// The role or organisation noun, lower-case.
    pub head: String,
    pub organisation: bool,
    pub role: Role,
}

#[derive(Debug, Clone)]
pub enum Event {
    Name(NameMention),
    Pronoun(PronounMention),
    Epithet(EpithetMention),
}

impl Event {
    pub fn at(&self) -> usize {
        match self {
            Event::Name(m) => m.at as usize,
            Event::Pronoun(p) => p.at,
            Event::Epithet(e) => e.at,
        }
    }
}

/// Other prepositions and possessors: the name is not the sentence's subject.
const OBLIQUE_WORDS: &[&str] = &[
    "of", "for", "with", "by", "about", "against", "on", "under", "over", "than", "like", "per", "versus", "vs.",
];
/// Words that open a fronted phrase before the subject: "On Friday, Smith …".
const FRONTING: &[&str] = &[
    "in",
    "on",
    "at",
    "after",
    "before",
    "during",
    "since",
    "for",
    "from",
    "with",
    "without",
    "as",
    "while",
    "when",
    "although",
    "though",
    "because",
    "if",
    "despite",
    "once",
    "unlike",
    "like",
    "among",
    "under",
    "over",
    "by",
    "to",
    "until",
    "following",
    "amid",
    "according",
    "earlier",
    "later",
    "last",
    "this",
    "that",
    "then",
    "meanwhile",
    "still",
    "however",
    "instead",
    "yet",
    "now",
    "today",
    "here",
    "there",
    "outside",
    "inside",
    "asked",
    "speaking",
    "writing",
    "currently",
    "previously",
    "even",
    "only",
    "also",
    "back",
    "within",
];
/// Conjunctions that may open a sentence before its subject.
const OPENERS: &[&str] = &["but", "and", "so", "yet", "or", "nor", "still", "then", "now", "meanwhile", "instead"];
/// Verbs that show the phrase before them is a subject: "Smith has …", "Smith will …".
const AUXILIARIES: &[&str] = &[
    "is", "was", "has", "had", "have", "will", "would", "could", "should", "can", "may", "might", "must", "did",
    "does", "do", "are", "were", "isn't", "wasn't", "hasn't", "didn't", "doesn't", "won't", "wouldn't", "can't",
    "couldn't", "said", "says", "gets", "got", "made", "makes", "wants", "wanted", "took", "takes", "went",
    "goes", "became", "remains", "remained", "hopes", "hoped", "plans", "planned", "knows", "knew", "thinks",
    "thought", "believes", "believed", "feels", "felt", "sees", "saw", "needs", "needed", "tried", "tries",
    "found", "finds", "gave", "gives", "kept", "keeps", "left", "leaves", "led", "leads", "met", "meets", "ran",
    "runs", "won", "wins", "lost", "loses", "called", "calls", "told", "tells", "wrote", "writes", "began",
    "begins",
];
/// "according to Grovemark", "according to media buying company Grovemark".
fn sourced_by(f: &Frame, s: Sentence, start: usize) -> bool {
    // "according" at most five words before the name, lower-case words between
    (s.lo.max(start.saturating_sub(5))..start)
        .any(|j| f.according_to_at(j).is_some_and(|len| (j + len..start).all(|k| f.is_word(k) && !f.is_cap(k))))
}

/// Words after which a name followed by a verb is its clause's subject
/// ("a comment that Scheer found concerning", "because Roe said").
const CLAUSE_OPENERS: &[&str] = &[
    "and", "but", "while", "as", "that", "because", "when", "since", "although", "though", "if", "until", "whom",
];

/// Reporting verbs whose object is whom the words were said to ("told AFP").
const RECIPIENT_VERBS: &[&str] =
    &["told", "tells", "tell", "asked", "asks", "informed", "informs", "briefed", "warned"];

/// Blocks this short without a full stop are headlines, subheads and page
/// furniture ("Story continues below advertisement"): they introduce nobody.
const LABEL_WORDS: usize = 8;

/// The names and subject pronouns of a block, in order. `sentences` are the
/// block's sentences as token ranges; `base` is the story's count of
/// sentences before this block. A label block (`is_label`) has none: the
/// caller skips it.
pub fn read(f: &Frame, sentences: &[Sentence], base: usize, at: impl Fn(usize) -> usize) -> Vec<Event> {
    let mut out = Vec::new();
    for (k, &s) in sentences.iter().enumerate() {
        crate::budget::tick();
        let sentence = base + k;
        let subject = subject_start(f, s);
        let mut i = s.lo;
        while i < s.hi {
            if f.is_quote(i) || !f.is_word(i) {
                i += 1;
                continue;
            }
            // read once: every word of the draft is asked both questions
            let lower = if may_be_pronoun_or_the(f, i) { f.lower(i) } else { "" };
            if let Some(gender) = pronoun_gender(lower) {
                let role = if i == subject { Role::Subject } else { Role::Other };
                out.push(Event::Pronoun(PronounMention { at: at(i), sentence, gender, role }));
                i += 1;
                continue;
            }
            if let Some((e, next)) = (lower == "the").then(|| epithet(f, s, subject, i, sentence, &at)).flatten() {
                out.push(Event::Epithet(e));
                i = next;
                continue;
            }
            let Some((start, end)) = name_run(f, i, s.hi) else {
                i += 1;
                continue;
            };
            if let Some(m) = describe(f, s, subject, start, end, sentence, &at) {
                out.push(Event::Name(m));
            }
            i = end;
        }
    }
    out
}

/// A headline, subhead or piece of page furniture: a few words without a
/// full stop. Counting stops past the limit, so a long block costs little.
pub(super) fn is_label(f: &Frame) -> bool {
    let last = f.toks.len().saturating_sub(1);
    !f.is_punct(last, ".!?…\"”’")
        && !f.is_quote(last)
        && (0..f.toks.len()).filter(|&i| f.is_word(i)).nth(LABEL_WORDS).is_none()
}

/// A headline in title case ("Pence Announces Plans He And Trump Have Made
/// For Releasing Tax Returns."): every longer word capitalised, so its
/// capitals say nothing of where names start and end. It introduces nobody.
pub(super) fn is_title_case_block(f: &Frame) -> bool {
    let (mut capital, mut lower) = (0, 0);
    for i in 0..f.toks.len() {
        // (four letters are enough to count: the rest of a long word is not read)
        if !f.is_word(i) || f.word(i).chars().filter(|c| c.is_alphabetic()).take(4).count() < 4 {
            continue;
        }
        if f.is_cap(i) {
            capital += 1;
        } else {
            lower += 1;
        }
        if lower > 0 || capital + lower > 40 {
            return false;
        }
    }
    capital >= 4
}

/// A title-case headline's capitals do not bound its names: "Critics Slam
/// Sarah Palin Over Remarks" keeps only "Sarah Palin", a known given name
/// and the word after it (past an initial); a run without one is dropped.
pub(super) fn keep_headline_names(events: &mut Vec<Event>) {
    events.retain_mut(|e| {
        let Event::Name(m) = e else { return false };
        let words: Vec<&str> = m.name.split_whitespace().collect();
        let Some(first) = words.iter().position(|w| is_given_name(w)) else { return false };
        let initial = words.get(first + 1).is_some_and(|w| w.len() == 2 && w.ends_with('.'));
        let end = first + if initial { 3 } else { 2 };
        let Some(name) = words.get(first..end) else { return false };
        m.name = name.join(" ");
        true
    });
}

/// `the mayor`, `The company`: a definite role or organisation noun as a subject.
fn epithet(
    f: &Frame,
    s: Sentence,
    subject: usize,
    i: usize,
    sentence: usize,
    at: &impl Fn(usize) -> usize,
) -> Option<(EpithetMention, usize)> {
    if f.lower(i) != "the" {
        return None;
    }
    // up to two modifiers, then the head noun; a word asked about as the
    // one after a candidate is not looked up again as the next candidate
    let generic = |j: usize| f.is_generic_org(j);
    let mut after: Option<bool> = None;
    let head = (i + 1..s.hi.min(i + 4)).take_while(|&j| f.is_word(j) && !f.is_cap(j)).find(|&j| {
        let known = after.take();
        (f.is_role(j) || known.unwrap_or_else(|| generic(j))) && !f.is_role(j + 1) && {
            let next = generic(j + 1);
            after = Some(next);
            !next
        }
    })?;
    let role = if i == subject {
        Role::Subject
    } else if followed_by_verb(f, head + 1, s.hi) {
        Role::Other
    } else {
        return None;
    };
    let word = f.lower(head);
    let organisation = !f.is_role(head);
    let head_word = if organisation { word.to_string() } else { word.trim_end_matches('s').to_string() };
    let e = EpithetMention { at: at(i), sentence, head: head_word, organisation, role };
    Some((e, head + 1))
}

/// Whether token `j` is a finite verb for sure: a reporting verb, an
/// auxiliary or common verb ("has", "took"), or a past form in "-ed".
pub fn is_sure_verb(f: &Frame, j: usize) -> bool {
    let w = f.lower(j);
    f.is_word(j)
        && !f.is_cap(j)
        && (f.is_speech_verb(j) || in_list!(AUXILIARIES, w) || (w.len() > 4 && w.ends_with("ed")))
}

/// A role noun opening an appositive with no article, the news style for
/// a person's post (", president of …", ", chief executive at …"): the
/// role, up to two modifiers in, then "of", "at", "for" or a comma.
fn bare_role_after(f: &Frame, from: usize, hi: usize) -> Option<usize> {
    let r = (from..hi.min(from + 3)).take_while(|&j| f.is_word(j) && !f.is_cap(j)).find(|&j| f.is_role(j))?;
    let closes = matches!(f.lower(r + 1), "of" | "at" | "for" | "with") || f.is_punct(r + 1, ",");
    closes.then_some(r)
}

/// A verb right after `i` (past adverbs): the phrase before it is a subject.
fn followed_by_verb(f: &Frame, i: usize, hi: usize) -> bool {
    // "Shanaaz Gokool, president of Dying with Dignity Canada, is hopeful":
    // past an appositive between commas
    let i = if f.is_punct(i, ",") {
        (i + 1..hi.min(i + 16)).find(|&j| f.is_punct(j, ",")).map_or(i, |j| j + 1)
    } else {
        i
    };
    let Some(j) = (i..hi.min(i + 3)).find(|&j| !f.is_adverb(j) || in_list!(AUXILIARIES, f.lower(j))) else {
        return false;
    };
    is_sure_verb(f, j)
}

/// Whether the word at `i` may read as "he", "she" (see [`pronoun_gender`])
/// or "the", judged as it is written: only a word written with "h" or "s"
/// first, in seven bytes at most, or "t" first, in three, can (or one read
/// as another word). A word not glossed is as long lowered as written (only
/// its ASCII letters are lowered), and most are longer than that or begin
/// with another letter: their lower-case form is not read.
fn may_be_pronoun_or_the(f: &Frame, i: usize) -> bool {
    let Some(first) = f.first_byte(i) else { return true };
    let len = f.toks.get(i).map_or(0, |t| t.end().saturating_sub(t.start));
    let written = match first.to_ascii_lowercase() {
        b'h' | b's' => len <= 7,
        b't' => len == 3,
        _ => false,
    };
    written || f.is_glossed(i)
}

fn pronoun_gender(lower: &str) -> Option<Gender> {
    if lower.len() > 7 || !lower.starts_with(['h', 's']) {
        return None; // most words: no split needed
    }
    // "he" or "she", the whole word or up to an apostrophe ("he’s")
    let (gender, rest) = match lower.strip_prefix("he") {
        Some(rest) => (Gender::Male, rest),
        None => (Gender::Female, lower.strip_prefix("she")?),
    };
    (rest.is_empty() || rest.starts_with(['\'', '’'])).then_some(gender)
}

/// A run of capitalised name words (and titles) from `i`, a possessive
/// ("Levine's") ending it.
fn name_run(f: &Frame, i: usize, hi: usize) -> Option<(usize, usize)> {
    if !may_open_name(f, i) {
        return None;
    }
    let mut end = i;
    // token `i` may open a name: a name part or a title, and no quotation
    // (see the test of `may_open_name`), not asked again
    while end < hi && (end == i || (f.is_name_part(end) || f.is_title_at(end)) && !f.is_quote(end)) {
        end += 1;
        if f.is_possessive(end - 1) {
            break;
        }
    }
    while end > i + 1 && !f.is_cap(end - 1) {
        end -= 1; // a trailing link word ("van") is no name
    }
    (end > i && f.is_cap(end - 1)).then_some((i, end))
}

/// Whether word `i` may open a run of a name: a capitalised word that may
/// start a name, or a title; not a party tag.
fn may_open_name(f: &Frame, i: usize) -> bool {
    // cheap test first: this runs for every word of the draft
    // (a title first: it spares the questions a name's first word is asked)
    // (a party tag starts with "D", "R" or "I": most words are not read for one)
    let tag = || matches!(f.first_byte(i), Some(b'D' | b'R' | b'I')) && is_party_tag(f.word(i));
    f.is_cap(i) && !tag() && (f.is_title_at(i) || f.can_start_name(i))
}

/// "D-Calif.", "R-Texas": a party and state after a name, not a name.
fn is_party_tag(word: &str) -> bool {
    let mut cs = word.chars();
    matches!(cs.next(), Some('D' | 'R' | 'I')) && matches!(cs.next(), Some('-' | '‑'))
}

/// Where the subject of sentence `s` starts: past opening quotes, a
/// conjunction, and a fronted phrase closed by a comma.
pub fn subject_start(f: &Frame, s: Sentence) -> usize {
    let mut i = s.lo;
    while i < s.hi && (f.is_quote(i) || !f.is_word(i)) {
        i += 1;
    }
    if in_list!(OPENERS, f.lower(i)) {
        i += 1;
    }
    let first = f.lower(i);
    let fronted = in_list!(FRONTING, first)
        || (first.len() > 4 && first.ends_with("ly"))
        || (is_participle(first) && (!f.is_cap(i) || opens_phrase(f, i + 1)));
    if fronted {
        // `On "Face the Nation," Sanders said`: a comma inside a title's marks closes the phrase too
        let closes = |j: usize| {
            f.is_punct(j, ",")
                || (f.is_quote(j) && f.word(j).trim_end_matches(['”', '"', '’', '\'']).ends_with(','))
        };
        if let Some(comma) = (i..s.hi.min(i + 16)).find(|&j| closes(j) || f.is_quote(j)) {
            if closes(comma) {
                return comma + 1;
            }
        }
    }
    i
}

fn is_participle(lower: &str) -> bool {
    lower.len() > 4 && (lower.ends_with("ing") || lower.ends_with("ed"))
}

/// "Following a vote, …", "Speaking to reporters, …", "Asked about …": a
/// capitalised participle is a fronted phrase, not a name, when a
/// determiner, pronoun or preposition follows it ("Manning said" is a name).
fn opens_phrase(f: &Frame, next: usize) -> bool {
    const LINKS: &[&str] =
        &["to", "about", "on", "at", "with", "by", "in", "from", "for", "into", "after", "up", "out"];
    f.is_determiner(next) || f.is_pronoun(next) || in_list!(LINKS, f.lower(next))
}

fn describe(
    f: &Frame,
    s: Sentence,
    subject: usize,
    start: usize,
    end: usize,
    sentence: usize,
    at: &impl Fn(usize) -> usize,
) -> Option<NameMention> {
    let text = f.span_words(start, end);
    // "READ MORE:", "WATCH:": a label, not a name
    if (f.is_punct(end, ":") && !text.chars().any(char::is_lowercase) && text.len() > 3)
        || f.is_page_label(start, end)
    {
        return None;
    }
    // "NEW YORK (Reuters) -", "OTTAWA —": a dateline opening the story
    // places it; "it" and "they" never mean the city
    let dateline = start == 0 && !text.chars().any(char::is_lowercase) && f.is_punct(end, "(—–-,");
    if dateline {
        return None;
    }
    // "Story continues below", "Article Continued Below": page furniture
    let below = |j: usize| f.lower(j) == "below" || f.lower(j + 1) == "below";
    if matches!(f.lower(end), "continues" | "continued") && below(end + 1) {
        return None;
    }
    // "The Cake That Got Me Fired": a title in title case, not a name
    if f.reads_as_title(start, end) {
        return None;
    }
    let (name, name_start) = clean_span(f, start, end)?;
    let mut kind = f.name_kind(start, end);
    let mut personhood = 0;
    let mut gender = None;
    let mut descriptors = Vec::new();
    // titles inside the run: "Sen.", "Health Minister", "Ms."
    for i in start..end {
        if f.is_title_at(i) {
            personhood += 2;
            gender = gender.or_else(|| honorific_gender(f.lower(i)));
            descriptors.push(f.lower(i).trim_end_matches('.').to_string());
        }
    }
    // "director Adam Jagelewski", "oil and gas worker Mike Wipf"
    if start > s.lo && f.is_role(start - 1) && !f.is_cap(start - 1) {
        personhood += 2;
        gender = gender.or_else(|| role_gender(f.lower(start - 1)));
        descriptors.push(f.lower(start - 1).to_string());
    }
    // "media buying company GroupM", "security firm Talos": what it is
    // (the lookup last: most words before a name are capitalised or roles)
    if start > s.lo && !f.is_cap(start - 1) && !f.is_role(start - 1) && f.is_generic_org(start - 1) {
        kind = SpeakerKind::Organization;
        descriptors.push(f.lower(start - 1).to_string());
    }
    // a first name says a person, and usually a gender
    if kind == SpeakerKind::Person && name.contains(' ') {
        if let Some(g) = given_name_gender(first_word(&name)) {
            personhood += 2;
            gender = gender.or(Some(g));
        }
    }
    let before = start.checked_sub(1).filter(|&b| b >= s.lo).map(|b| f.lower(b)).unwrap_or_default();
    let clause_start = start == subject
        || (start > s.lo && f.is_role(start - 1) && subject < start)
        || (start > s.lo && (f.is_punct(start - 1, ",;") || in_list!(CLAUSE_OPENERS, before)));
    let subject_like = start == subject || (clause_start && followed_by_verb(f, end, s.hi));
    let mut role = if subject_like { Role::Subject } else { Role::Other };
    if in_list!(PLACE_PREPOSITIONS, before) {
        role = Role::Oblique;
        personhood -= 1;
    } else if in_list!(OBLIQUE_WORDS, before) || f.is_possessive(end - 1) {
        role = Role::Oblique;
    }
    if kind == SpeakerKind::Person && f.lower(start) == "the" {
        personhood -= 1; // "the Lower Mainland"
    }
    // an appositive after the name: ", 50," / ", a former analyst" / ", who"
    if f.is_punct(end, ",") {
        let next = f.lower(end + 1);
        if next.chars().next().is_some_and(|c| c.is_ascii_digit()) && next.len() <= 3 {
            personhood += 2;
        } else if matches!(next, "who") {
            personhood += 1;
        } else if let Some(r) = bare_role_after(f, end + 1, s.hi).filter(|_| kind == SpeakerKind::Person) {
            // ", president of Dying with Dignity Canada,", ", chief executive of …"
            personhood += 2;
            gender = gender.or_else(|| role_gender(f.lower(r)));
            descriptors.push(f.lower(r).to_string());
        } else if f.is_determiner(end + 1) {
            let stop = (end + 2..s.hi.min(end + 10)).find(|&j| !f.is_word(j)).unwrap_or(s.hi.min(end + 10));
            if let Some(r) = (end + 2..stop).find(|&j| f.is_role(j)) {
                if kind == SpeakerKind::Person {
                    personhood += 2;
                    gender = gender.or_else(|| role_gender(f.lower(r)));
                }
                descriptors.push(f.lower(r).to_string());
            } else if let Some(o) = (end + 2..stop).find(|&j| f.is_generic_org(j)) {
                descriptors.push(f.lower(o).to_string());
                if kind == SpeakerKind::Person && !f.is_role(o) {
                    kind = SpeakerKind::Organization; // "Cisco Talos, a security firm"
                }
            }
        }
    }
    // "Islanders are", "Democrats were": a plural verb makes the word a group,
    // never "he" or "she"
    if end == start + 1 && kind == SpeakerKind::Person && matches!(f.lower(end), "are" | "were") {
        personhood -= 2;
    }
    let evidence = personhood;
    // the subject of a reporting verb, or its inverted subject ("said Jane Roe")
    // (most names have no verb of any kind in the three words after them:
    // their facts say so before any is read as an adverb)
    let near = end..s.hi.min(end + 3);
    let verb_follows = near.clone().any(|j| f.may_be_speech_verb(j))
        && near.clone().find(|&j| !f.is_adverb(j)).is_some_and(|j| f.is_speech_verb(j));
    // "according to Grovemark": the source of what the sentence reports
    // (read only if no verb follows: "according to" is looked for five words back)
    let verb_precedes = || {
        start > s.lo
            && ((f.is_speech_verb(start - 1) && !in_list!(RECIPIENT_VERBS, f.lower(start - 1)))
                || sourced_by(f, s, start))
    };
    if verb_follows || verb_precedes() || (role == Role::Subject && reports_later(f, s, end)) {
        role = Role::Reporter;
        if kind == SpeakerKind::Person {
            personhood += 1;
        }
    }
    let written_full = has_two_words(&text);
    let typed = names_its_type_at(f, name_start, end, &name);
    let inside = start > subject && !f.is_quote(start - 1) && !f.is_punct(start - 1, ".!?:;\"“”‘’'—–-(");
    let opens_with_comma = start == subject && end == start + 1 && f.is_punct(end, ",");
    let tentative = opens_with_comma && evidence <= 0;
    Some(NameMention {
        name,
        kind,
        at: narrow(at(start)),
        sentence: narrow(sentence),
        role,
        personhood,
        gender,
        descriptors: descriptors.into(),
        written_full,
        tentative,
        typed,
        inside,
    })
}

/// The name in a run of tokens without its titles, as `names::clean_name`
/// does for text, but from the facts already known of each token.
fn clean_span(f: &Frame, start: usize, end: usize) -> Option<(String, usize)> {
    let last = end.checked_sub(1)?;
    if f.is_title_at(last) || f.is_role(last) {
        return None; // "the President", "Chief"
    }
    let titled = |i: usize| f.is_title_at(i) || f.is_role(i) || in_list!(TITLE_MODIFIERS, f.word(i));
    let mut name_start = (start..last).find(|&i| !titled(i) && f.lower(i) != "the").unwrap_or(last);
    // "Surrey Mayor Doug McCallum": a title inside the run starts the name after it
    if let Some(t) = (name_start..last).rev().find(|&i| f.is_title_at(i) || f.is_role(i)) {
        name_start = t + 1;
    }
    let text = f.span_words(name_start, end);
    let name = strip_possessive(&text);
    (!name.is_empty()).then(|| (name.to_string(), name_start))
}

/// [`names_its_type`] of `name`, the text of tokens `start..end`, read from
/// the tokens' facts when each word of the name is one whole token as
/// written (nothing stripped from its end): every name of a draft is asked
/// this, and looking each word up again cost more than the rest of reading it.
fn names_its_type_at(f: &Frame, start: usize, end: usize, name: &str) -> bool {
    let spaced = |k: usize| match (f.toks.get(k - 1), f.toks.get(k)) {
        (Some(a), Some(b)) if a.end() < b.start => {
            f.text.get(a.end() as usize..b.start as usize).is_some_and(|gap| gap.chars().all(char::is_whitespace))
        }
        _ => false,
    };
    let one_token_a_word = name.len() == f.span_text(start, end).len()
        && (start..end).all(|k| f.is_word(k))
        && (start + 1..end).all(spaced);
    if !one_token_a_word {
        return names_its_type(name, f.lex);
    }
    (start..end).any(|k| {
        let w = f.word(k);
        let bare = w.trim_end_matches('.');
        let head = || match bare.is_ascii() {
            // the facts say whether its lower-case form, without full stops, heads a name
            true => f.facts.get(k).is_some_and(|facts| facts.org_head()),
            false => f.lex.is_org_head(bare),
        };
        matches!(w, "of" | "for") || (bare.starts_with(char::is_uppercase) && head())
    })
}

/// `Soo Kim, a former analyst at the CIA, told`: the subject's verb after an appositive.
fn reports_later(f: &Frame, s: Sentence, end: usize) -> bool {
    if !f.is_punct(end, ",") {
        return false;
    }
    let close = (end + 1..s.hi.min(end + 24)).find(|&j| f.is_punct(j, ",") || f.is_quote(j));
    close.is_some_and(|c| f.is_punct(c, ",") && (c + 1..s.hi.min(c + 3)).any(|j| f.is_speech_verb(j)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::case_evidence::CaseEvidence;
    use crate::attribution::mention::Subjects;
    use crate::lexicon::Lexicon;
    use crate::tokens::DraftTokens;
    use proptest::prelude::*;

    fn draft() -> impl Strategy<Value = String> {
        crate::tokens::drafts_of(
            concat!(
                "The mayor |the company |the |The |Ana Ruiz |Sen. Ana Ruiz’s |Ms. |al-Shabaab |D-Calif. |",
                "he |She |they |He’s |said |told |Reuters |President |Health Minister |of |van |",
                "“Q,” |READ MORE: |NEW YORK |Hours after |Following |, |. |\n\n|  \n|",
                "Ministry |Ministry. |University |Bank’s |the agency |company |agency. |Élysée |ÉLYSÉE |al-Sisi |Congress |",
                "It’s |IT |Ie |I |Il |il |Elle |Their |THEY |Tom |Yves |You’re |We |Whom |Hey |says |the statement |",
                "were told |as she put it |have said |Sources say |experts say |hers |he’d |she'd |shed |Hello |Ds |Rs |",
                "CONGRESS |HAS |INVESTIGATED |HIM |Says |Makes |In |Hours |hours |Thursday’s |Il |Trump's |The"
            ),
            80,
        )
    }

    /// `check` of a frame of each block of `text`, with its tokens.
    fn each_frame(
        text: &str,
        mut check: impl FnMut(&Frame, &crate::tokens::BlockTokens) -> Result<(), TestCaseError>,
    ) -> Result<(), TestCaseError> {
        let doc = crate::markdown::parse(text);
        let scan = crate::scan::scan(&doc);
        let lex = Lexicon::builtin();
        let tokens = DraftTokens::new(&doc, &scan.quotes, lex);
        let case = CaseEvidence::of(&doc);
        let subjects = Subjects::default();
        for (b, (block, t)) in doc.blocks.iter().zip(&tokens.blocks).enumerate() {
            let f = Frame {
                text: &block.text,
                breaks_kept: block.breaks_kept(),
                tokens: t,
                toks: &t.toks,
                facts: &t.facts,
                lex,
                case: &case,
                block: b,
                subjects: &subjects,
            };
            check(&f, t)?;
        }
        Ok(())
    }

    proptest! {
        /// What the tokens' facts answer is what looking the words up
        /// answered: capitals, organisation words, a name naming its type.
        #[test]
        fn the_facts_answer_as_the_word_lists(text in draft()) {
            each_frame(&text, |f, t| {
                let lex = f.lex;
                for i in 0..=t.toks.len() {
                    let cap = f.is_word(i) && crate::lexicon::chars::starts_capitalised(f.word(i));
                    prop_assert_eq!(f.is_cap(i), cap, "{:?}", f.word(i));
                    prop_assert_eq!(f.is_generic_org(i), lex.is_generic_org(f.lower(i)), "{:?}", f.word(i));
                    let head = lex.is_org_head_key(f.lower(i).trim_end_matches('.'));
                    prop_assert_eq!(f.is_org_head_key(i), head, "{:?}", f.word(i));
                    for end in i + 1..(i + 5).min(t.toks.len() + 1) {
                        let name = strip_possessive(f.span_text(i, end));
                        if !name.is_empty() {
                            let typed = names_its_type(name, lex);
                            prop_assert_eq!(names_its_type_at(f, i, end, name), typed, "{:?}", name);
                        }
                    }
                }
                Ok(())
            })?;
        }
    }

    /// A paragraph of megabytes keeps its mentions until its quotes are
    /// reached: each name is held in its event and its text, 80 bytes an
    /// event before the offsets were narrowed and the descriptors held at
    /// their length.
    #[test]
    fn a_long_paragraph_s_mentions_are_held_in_a_few_bytes_each() {
        assert!(std::mem::size_of::<Event>() <= 64, "{}", std::mem::size_of::<Event>());
        let text: String = (0..2_000).map(|k| format!("Mayor Ana Ruiz{k} met Bram Balo{k} and ")).collect();
        let mut held = 0;
        each_frame(&format!("{text}left.\n"), |f, t| {
            let sentences: Vec<Sentence> = t.sentences().map(|s| Sentence { lo: s.lo, hi: s.hi }).collect();
            let (events, peak) = crate::budget::peak_held(|| read(f, &sentences, 0, |i| i));
            prop_assert_eq!(events.iter().filter(|e| matches!(e, Event::Name(_))).count(), 4_000);
            held = peak;
            Ok(())
        })
        .expect("read");
        // the vector's room (grown by doubling) and each name's text
        let per_name = held / 4_000;
        assert!(per_name <= 2 * 64 + 32, "{held} bytes held for 4,000 names ({per_name} a name)");
    }

    /// `Frame::is_name_part` as it was before it read a capitalised word's
    /// second byte first: every question asked of the word read in full.
    fn name_part_read_in_full(f: &Frame, i: usize) -> bool {
        if f.is_quote(i) {
            let written = f.toks.get(i).map_or(0, |t| (t.end() - t.start) as usize);
            let short =
                written <= 24 || f.breaks_kept && crate::markdown::read_len_up_to(f.span_text(i, i + 1), 24) <= 24;
            return i > 0 && f.is_cap(i - 1) && f.is_cap(i + 1) && short;
        }
        let w = f.word(i);
        if !f.is_cap(i) {
            return f.is_word(i)
                && [
                    "de", "van", "von", "bin", "al", "da", "del", "der", "la", "le", "di", "du", "ibn", "el", "y",
                    "dos",
                ]
                .contains(&w);
        }
        let capitals = |w: &str| !w.chars().any(char::is_lowercase);
        let shouting = |j: usize| {
            let w = f.word(j);
            w.len() > 6 && capitals(w) && w.chars().filter(|c| c.is_alphabetic()).count() > 6
        };
        let shouting = shouting(i) || (capitals(w) && (i > 0 && shouting(i - 1) || shouting(i + 1)));
        let breaks = [
            "In", "On", "To", "For", "With", "At", "As", "Is", "Was", "Are", "Has", "Have", "Into", "About",
            "Over", "After",
        ];
        let title_case_word = breaks.contains(&w)
            || (w.ends_with('s') && f.verb_at(i).is_some_and(|v| v.form == crate::lexicon::VerbForm::Present));
        !f.is_pronoun(i) && !shouting && !title_case_word
    }

    proptest! {
        /// The questions asked of every token, answered from the first
        /// bytes and the facts, answer as reading the word in full does:
        /// a pronoun is its lower-case form up to an apostrophe, one of
        /// seven; a verb of speech is what its full reading says.
        #[test]
        fn the_quick_answers_are_the_full_ones(text in draft()) {
            each_frame(&text, |f, t| {
                for i in 0..=t.toks.len() + 1 {
                    prop_assert_eq!(f.first_byte(i), f.word(i).as_bytes().first().copied());
                    prop_assert_eq!(f.last_byte(i), f.word(i).as_bytes().last().copied());
                    let bare = f.lower(i).split(['\'', '’']).next().unwrap_or_default();
                    let gender = match bare {
                        "he" => Some(Gender::Male),
                        "she" => Some(Gender::Female),
                        _ => None,
                    };
                    let written = f.lower(i).len() <= 7 && f.lower(i).starts_with(['h', 's']);
                    prop_assert_eq!(pronoun_gender(f.lower(i)), gender.filter(|_| written), "{:?}", f.lower(i));
                    if pronoun_gender(f.lower(i)).is_some() || f.lower(i) == "the" {
                        prop_assert!(may_be_pronoun_or_the(f, i), "{:?}", f.word(i));
                    }
                    let possessive = {
                        let w = f.word(i);
                        matches!(w, "his" | "her" | "their" | "His" | "Her" | "Their")
                            || w.ends_with("'s")
                            || w.ends_with("’s")
                            || f.is_punct(i + 1, "'’") && w.ends_with('s')
                    };
                    prop_assert_eq!(f.is_possessive(i), possessive, "{:?}", f.word(i));
                    let pronoun = f.is_word(i) && ["he", "she", "they", "i", "we", "it", "you"].contains(&bare);
                    prop_assert_eq!(f.is_pronoun(i), pronoun, "{:?}", f.word(i));
                    prop_assert_eq!(f.is_speech_verb(i), f.reads_as_speech_verb(i), "{:?}", f.word(i));
                    for set in [",", ".!?:;\"“”‘’—–-(", "—–", "'’", "(—–-,", ",.;:!?—–-"] {
                        let mark = t.toks.get(i).is_some_and(|t| t.is_punct()) && set.contains(f.word(i));
                        prop_assert_eq!(f.is_punct(i, set), mark, "{:?} in {:?}", f.word(i), set);
                    }
                }
                Ok(())
            })?;
        }

        /// The questions of a name's words, answered from a word's second
        /// byte where it can be, answer as reading the word in full does
        /// (the order of the questions aside).
        #[test]
        fn a_name_s_words_are_told_as_read_in_full(text in draft()) {
            each_frame(&text, |f, t| {
                for i in 0..=t.toks.len() {
                    prop_assert_eq!(f.is_name_part(i), name_part_read_in_full(f, i), "{:?}", f.word(i));
                    let w = f.word(i);
                    let bare = w.strip_suffix("’s").or_else(|| w.strip_suffix("'s")).unwrap_or(w);
                    let start = name_part_read_in_full(f, i)
                        && !f.is_glossed(i)
                        && !crate::attribution::mention::NOT_NAME_SET.contains(bare)
                        && !["de", "van", "von", "bin", "al", "da", "del", "der", "la", "le", "di", "du", "ibn", "el", "y", "dos"].contains(&w)
                        && !f.ordinary_opener(i);
                    prop_assert_eq!(f.can_start_name(i), start, "{:?}", w);
                    for end in i + 1..(i + 4).min(t.toks.len() + 1) {
                        let text = f.span_text(i, end);
                        let label = !text.chars().any(char::is_lowercase)
                            && text.split_whitespace().any(|w| {
                                crate::scan::kind::PAGE_LABEL_WORDS.contains(&w.split(['\'', '’']).next().unwrap_or_default())
                            });
                        prop_assert_eq!(f.is_page_label(i, end), label, "{:?}", text);
                    }
                }
                Ok(())
            })?;
        }

        /// What [`read`] takes for granted of every word it reads: only
        /// "the" opens an epithet, and a word that may open a name is a
        /// name part or a title, and no quotation (so the run of the name
        /// takes it without asking again).
        #[test]
        fn a_block_s_words_open_names_and_epithets_as_read_assumes(text in draft()) {
            each_frame(&text, |f, t| {
                for s in t.sentences().map(|s| Sentence { lo: s.lo, hi: s.hi }) {
                    let subject = subject_start(f, s);
                    for i in (s.lo..s.hi).filter(|&i| f.is_word(i) && !f.is_quote(i)) {
                        if f.lower(i) != "the" {
                            prop_assert!(epithet(f, s, subject, i, 0, &|j| j).is_none());
                        }
                        if may_open_name(f, i) {
                            prop_assert!((f.is_name_part(i) || f.is_title_at(i)) && !f.is_quote(i));
                        }
                    }
                }
                Ok(())
            })?;
        }
    }
}
