//! Reading a noun phrase that can be a speaker: a name, a pronoun, a role.

use super::case_evidence::CaseEvidence;
use super::lexicon_ext::{LexiconExt, SpeechVerbExt};
use super::tokens::{TokKind, Token};
use super::SpeakerKind;
use crate::lexicon::{FastHash, Lexicon, PhraseList, SpeechVerb, VerbForm};
use crate::scan::kind::PAGE_LABEL_WORDS;
use crate::tokens::WordFacts;
use std::collections::HashSet;
use std::sync::LazyLock;

/// A speaker mention found in a block: tokens `start..end` and what kind of source it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub kind: SpeakerKind,
    /// For a relative pronoun ("Beck, who said …"): the phrase it stands for.
    pub antecedent: Option<(usize, usize, SpeakerKind)>,
}

/// Words that never stand inside the words before a role noun: "…had been
/// involved with what multiple lawmakers called" is the lawmakers'.
const ROLE_PHRASE_BREAKS: &[&str] = &[
    "what", "which", "that", "who", "whom", "whose", "why", "how", "where", "with", "from", "by", "about", "into",
    "had", "has", "have", "been", "was", "were", "is", "are", "be", "being", "will", "would",
];

impl Mention {
    pub fn new(start: usize, end: usize, kind: SpeakerKind) -> Self {
        Mention { start, end, kind, antecedent: None }
    }
}

/// How many tokens an anonymous or vague phrase may span.
const PHRASE_WINDOW: usize = 12;

const PRONOUNS: &[&str] = &["he", "she", "they", "i", "we", "it", "you"];
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "one", "two", "three", "four", "several", "some", "many", "most", "other", "another", "his",
    "her", "their", "its", "our", "this", "that", "these", "those", "both", "all", "each", "few",
];
/// Capitalised words that start sentences but never names.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "When",
    "In",
    "On",
    "At",
    "With",
    "After",
    "Before",
    "But",
    "And",
    "If",
    "As",
    "While",
    "Since",
    "For",
    "From",
    "By",
    "To",
    "Of",
    "This",
    "That",
    "These",
    "Those",
    "His",
    "Her",
    "Their",
    "Our",
    "My",
    "Its",
    "Your",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan.",
    "Feb.",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
    "Yet",
    "So",
    "Or",
    "Nor",
    "Then",
    "Now",
    "Still",
    "Also",
    "However",
    "Meanwhile",
    "Instead",
    "Although",
    "Though",
    "Because",
    "Asked",
    "During",
    "Under",
    "Over",
    "Through",
    "Despite",
    "Like",
    "Unlike",
    "Among",
    "Why",
    "What",
    "How",
    "Where",
    "Who",
    "Yes",
    "No",
    "Not",
    "Even",
    "Only",
    "Just",
    "Earlier",
    "Later",
    "Last",
    "Next",
    "Today",
    "Tonight",
    "Here",
    "There",
    "It",
    "Some",
    "Many",
    "Most",
    "All",
    "Both",
    "Neither",
    "Either",
    "Each",
    "Every",
    "Several",
    "Other",
    "Such",
    "According",
    "Speaking",
    "Writing",
    "Asked",
    "Mr",
    "Ms",
    "Mrs",
    "Should",
    "Would",
    "Could",
    "Must",
    "Did",
    "Does",
    "Do",
    "Is",
    "Are",
    "Was",
    "Were",
    "Has",
    "Have",
    "Had",
    // time spans that open sentences ("Hours later, …"), and "Nothing"
    "Hours",
    "Minutes",
    "Days",
    "Weeks",
    "Months",
    "Years",
    "Decades",
    "Moments",
    "Yesterday",
    "Tomorrow",
    "Nothing",
    // numbers that open sentences ("Eight years ago, he …", "Dozens gathered")
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Twelve",
    "Twenty",
    "Fifty",
    "Hundred",
    "Hundreds",
    "Thousands",
    "Millions",
    "Dozens",
    // prepositions, determiners and sentence adverbs: closed-class words,
    // never a name on their own
    "Amid",
    "Amidst",
    "Any",
    "More",
    "Against",
    "Without",
    "Within",
    "Upon",
    "Until",
    "Unless",
    "Whether",
    "Whatever",
    "Whoever",
    "Whenever",
    "Wherever",
    "Perhaps",
    "Maybe",
    "Indeed",
    "Thus",
    "Therefore",
    "Nevertheless",
    "Nonetheless",
    "Otherwise",
    "Besides",
    "Likewise",
    "Moreover",
    "Furthermore",
    "Regardless",
    "Almost",
    "Nearly",
    "About",
    "Around",
    "Across",
    "Behind",
    "Beyond",
    "Toward",
    "Towards",
    "Throughout",
    "Including",
    "Regarding",
    "Between",
    "Whereas",
];

/// The long word lists above as sets: they are asked about every token.
static NOT_NAME_SET: LazyLock<HashSet<&'static str, FastHash>> =
    LazyLock::new(|| NOT_NAMES.iter().copied().collect());
static ADVERB_SET: LazyLock<HashSet<&'static str, FastHash>> = LazyLock::new(|| ADVERBS.iter().copied().collect());

/// Plural nouns for people that head organisations' names ("Friends of …",
/// "Citizens for …", "Mothers Against …").
const ORG_COLLECTIVES: &[&str] = &[
    "friends",
    "citizens",
    "veterans",
    "parents",
    "mothers",
    "fathers",
    "families",
    "doctors",
    "nurses",
    "physicians",
    "lawyers",
    "scientists",
    "students",
    "teachers",
    "workers",
    "women",
    "taxpayers",
    "voters",
    "residents",
    "neighbours",
    "neighbors",
    "people",
    "americans",
    "canadians",
    "sisters",
    "sons",
    "daughters",
    "knights",
    "children",
    "youth",
    "survivors",
];

/// Capitalised words that appear inside titles ("The Cake That Got Me
/// Fired", "What We Owe Our Children") but never inside a person's or an
/// organisation's name.
const TITLE_CASE_WORDS: &[&str] = &[
    "Me", "My", "I", "You", "Your", "We", "Our", "Us", "That", "This", "These", "Those", "Is", "Are", "Was",
    "Were", "Got", "Get", "Be", "Will", "Can", "Not", "What", "How", "Why", "When", "Who",
];

const NAME_LINKS: &[&str] =
    &["de", "van", "von", "bin", "al", "da", "del", "der", "la", "le", "di", "du", "ibn", "el", "y", "dos"];
/// Prepositions that cannot open a speaker phrase.
const PHRASE_PREPOSITIONS: &[&str] =
    &["of", "at", "in", "on", "to", "for", "about", "from", "with", "by", "into", "over", "after", "during"];

/// Words that measure a fronted subordinator ("Just after", "Days before").
const OPENER_MEASURES: &[&str] = &[
    "just", "soon", "long", "even", "only", "right", "moments", "minutes", "hours", "days", "weeks", "months",
    "years",
];

/// Words that follow a participle or adverb opening a sentence ("Facing
/// the", "Pressed on", "Challenged by").
const CLAUSE_OBJECT_STARTS: &[&str] = &[
    "by",
    "on",
    "in",
    "about",
    "at",
    "from",
    "to",
    "with",
    "for",
    "over",
    "after",
    "before",
    "that",
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
    "this",
    "these",
    "those",
    "what",
    "how",
    "why",
    "whether",
    "into",
    "through",
    "during",
    "under",
    "against",
    "up",
    "out",
    "back",
    "down",
    "off",
    "mounting",
    "growing",
    "increasing",
];

/// Words written with a capital only in a title-case headline; never inside a name.
const TITLE_CASE_BREAKS: &[&str] = &[
    "In", "On", "To", "For", "With", "At", "As", "Is", "Was", "Are", "Has", "Have", "Into", "About", "Over",
    "After",
];
/// Nouns in -ly for people who may speak, which the -ly rule would read as
/// adverbs ("Scott's family said", "a close ally said").
const LY_NOUNS: &[&str] = &["family", "families", "ally", "allies", "assembly", "bully"];

/// Counting words that open a share of people ("four in 10 said", "dozens shouted").
const NUMBER_WORDS: &[&str] = &[
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "hundreds",
    "thousands",
    "dozens",
    "half",
    "two-thirds",
    "one-third",
    "three-quarters",
];

/// Words that may stand between a subject and its verb: "Trump later said".
const ADVERBS: &[&str] = &[
    "also",
    "now",
    "even",
    "ever",
    "always",
    "instead",
    "earlier",
    "today",
    "yesterday",
    "tonight",
    "later",
    "then",
    "has",
    "have",
    "had",
    "was",
    "is",
    "previously",
    "once",
    "again",
    "already",
    "just",
    "still",
    "further",
    "would",
    "will",
    "did",
    "does",
    "first",
    "often",
    "repeatedly",
    "recently",
    "reportedly",
    "publicly",
    "privately",
    "simply",
    "flatly",
    "quickly",
    "angrily",
    "bluntly",
    "initially",
    "ultimately",
    "finally",
    "subsequently",
    "separately",
    "herself",
    "himself",
    "themselves",
    "itself",
    "never",
    "not",
    "has",
    "had",
    "could",
    "might",
    "may",
    "can",
    "should",
    "must",
    "too",
];

/// "al-Shabaab", "el-Sisi", "ad-Din": an Arabic article before a capitalised name.
fn is_particle_name(w: &str) -> bool {
    // every particle ends in its hyphen, the third or fourth byte: most
    // words are ruled out without comparing them with each particle
    let hyphen = |i: usize| w.as_bytes().get(i) == Some(&b'-');
    if !hyphen(2) && !hyphen(3) {
        return false;
    }
    ["al-", "el-", "ad-", "ar-", "as-", "ash-", "at-", "az-"]
        .iter()
        .any(|p| w.strip_prefix(p).is_some_and(|rest| rest.starts_with(char::is_uppercase)))
}

/// `word` up to its first apostrophe, straight or curly ("they" of
/// "they’re"), or all of it. Read by bytes: a search for either character
/// decoded every character of every word asked about.
fn before_apostrophe(word: &str) -> &str {
    let bytes = word.as_bytes();
    let curly = "’".as_bytes();
    let at = bytes
        .iter()
        .enumerate()
        .position(|(i, &b)| b == b'\'' || curly.first() == Some(&b) && bytes.get(i..i + 3) == Some(curly));
    at.and_then(|at| word.get(..at)).unwrap_or(word)
}

/// A view of a block's tokens with the lexicon at hand.
pub struct Frame<'a> {
    pub text: &'a str,
    pub toks: &'a [Token],
    /// The block's text with ASCII letters lower-cased (same byte offsets).
    pub lower_text: &'a str,
    /// What the word lists say of each token, looked up once.
    pub facts: &'a [WordFacts],
    pub lex: &'a Lexicon,
    /// How the whole draft writes the words that open its sentences.
    pub case: &'a CaseEvidence<'a>,
}

impl<'a> Frame<'a> {
    pub fn word(&self, i: usize) -> &'a str {
        match self.toks.get(i) {
            Some(t) if t.kind() != TokKind::Quote(u32::MAX) => t.text(self.text),
            _ => "",
        }
    }

    /// The lower-case word at `i` (computed once per block); a word of
    /// another language, the English function word it is read as ("il" → "he").
    pub fn lower(&self, i: usize) -> &'a str {
        if let Some(gloss) = self.facts.get(i).and_then(|f| f.gloss) {
            return self.lex.gloss(gloss);
        }
        self.written_lower(i)
    }

    /// The lower-case word at `i` as written, never glossed ("du", not "the").
    pub fn written_lower(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.text(self.lower_text))
    }

    /// Anonymous and vague phrases start with a word; punctuation and quotes never do.
    fn could_start_phrase(&self, i: usize) -> bool {
        self.is_word(i) && !self.is_quote(i)
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(Token::is_word)
    }

    pub fn is_quote(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| matches!(t.kind(), TokKind::Quote(_)))
    }

    pub fn is_punct(&self, i: usize, set: &str) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind() == TokKind::Punct) && set.contains(self.word(i))
    }

    /// Starts with a capital (or digit-free initial), so may be part of a name.
    pub fn is_cap(&self, i: usize) -> bool {
        if !self.is_word(i) {
            return false;
        }
        let w = self.word(i);
        w.chars().next().is_some_and(char::is_uppercase) || is_particle_name(w)
    }

    /// "he", and "he's" / "it’s" / "they're" (a pronoun with its verb).
    pub fn is_pronoun(&self, i: usize) -> bool {
        self.is_word(i) && PRONOUNS.contains(&before_apostrophe(self.lower(i)))
    }

    pub fn is_determiner(&self, i: usize) -> bool {
        self.is_word(i) && DETERMINERS.contains(&self.lower(i))
    }

    pub fn is_adverb(&self, i: usize) -> bool {
        let w = self.lower(i);
        // "Ms. May said": after a title, a capitalised modal is a surname
        let named = || self.is_cap(i) && i > 0 && self.is_title_at(i - 1);
        let ly = || w.len() > 4 && w.ends_with("ly") && !self.is_cap(i) && !LY_NOUNS.contains(&w);
        self.is_word(i) && (ADVERB_SET.contains(w) || ly()) && !named()
    }

    pub fn is_role(&self, i: usize) -> bool {
        self.facts.get(i).is_some_and(|t| t.role)
    }

    /// The reporting verb spelt by the token at `i`, if it is one.
    pub fn verb_at(&self, i: usize) -> Option<&'a SpeechVerb> {
        self.facts.get(i).and_then(|t| t.verb).and_then(|id| self.lex.verb_by_id(id))
    }

    /// Whether the token at `i` is a title ("Sen.", "President").
    pub fn is_title_at(&self, i: usize) -> bool {
        self.facts.get(i).is_some_and(|t| t.title)
    }

    pub fn is_name_part(&self, i: usize) -> bool {
        if self.is_quote(i) {
            // "Marcia "Cia" Price": a nickname between two parts of a name
            let short = self.toks.get(i).is_some_and(|t| t.end - t.start <= 24);
            return short && i > 0 && self.is_cap(i - 1) && self.is_cap(i + 1);
        }
        let w = self.word(i);
        if !self.is_cap(i) {
            return self.is_word(i) && NAME_LINKS.contains(&w);
        }
        // an all-capitals heading word ("INVESTIGATED") is no name, nor a
        // short one beside it ("CONGRESS HAS INVESTIGATED HIM")
        let capitals = |w: &str| !w.chars().any(char::is_lowercase);
        let shouting = |j: usize| {
            let w = self.word(j);
            w.len() > 6 && capitals(w) && w.chars().filter(|c| c.is_alphabetic()).count() > 6
        };
        let shouting = shouting(i) || (capitals(w) && (i > 0 && shouting(i - 1) || shouting(i + 1)));
        // a headline in title case ("Hollande Says Trump Makes You …"): its
        // capitalised verbs and little words are not part of a name
        let title_case_word = TITLE_CASE_BREAKS.contains(&w)
            || (w.ends_with('s') && self.verb_at(i).is_some_and(|v| v.form == VerbForm::Present));
        !self.is_pronoun(i) && !shouting && !title_case_word
    }

    /// A function word of another language, read as an English one ("il", "Selon").
    pub fn is_glossed(&self, i: usize) -> bool {
        self.facts.get(i).is_some_and(|f| f.gloss.is_some())
    }

    /// A word that may begin a name ("When" and "Monday" may not).
    pub fn can_start_name(&self, i: usize) -> bool {
        // a function word ("Selon", "Le") is none, capitalised or not
        // "Thursday’s threats" no more than "Thursday"
        let w = self.word(i);
        let bare = w.strip_suffix("’s").or_else(|| w.strip_suffix("'s")).unwrap_or(w);
        self.is_name_part(i)
            && !self.is_glossed(i)
            && !NOT_NAME_SET.contains(bare)
            && !NAME_LINKS.contains(&w)
            && !self.ordinary_opener(i)
    }

    /// "Hours after the vote", "Challenged on it": a lone capitalised word
    /// opening a sentence that the draft elsewhere writes in lower case (and
    /// never capitalises inside a sentence) is an ordinary word.
    fn ordinary_opener(&self, i: usize) -> bool {
        let opens = i == 0 || self.is_quote(i - 1) || self.is_punct(i - 1, ".!?:;\"“”‘’—–-(");
        // ("Officials said", "Aides say": a plural noun before its verb is a
        // fine speaker, only not a name; leave it be)
        opens
            && !(self.is_word(i + 1) && self.is_cap(i + 1))
            && !self.is_role(i)
            && self.verb_at(i + 1).is_none()
            && !super::names::is_given_name(self.word(i))
            && (self.opens_participle_clause(i) || self.case.is_ordinary_word(self.word(i)))
    }

    /// "Facing mounting criticism, …", "Challenged by a reporter, …",
    /// "Hastily politicizing the attack, …": a capitalised -ing, -ed or -ly
    /// word followed by what a participle or adverb takes (a preposition, a
    /// determiner, another -ing word) opens a clause; a surname there would
    /// be followed by its verb.
    pub fn opens_participle_clause(&self, i: usize) -> bool {
        let w = self.lower(i);
        let next = self.lower(i + 1);
        // ("Asked why", "Urged to": five letters are enough for -ed, unless a given name such as "Ahmed")
        let short_ed = w.len() == 5 && w.ends_with("ed") && !super::names::is_given_name(self.word(i));
        let shaped = short_ed || (w.len() > 5 && (w.ends_with("ing") || w.ends_with("ed") || w.ends_with("ily")));
        let takes = CLAUSE_OBJECT_STARTS.contains(&next) || (next.len() > 5 && next.ends_with("ing"));
        (shaped && takes || self.measures_subordinator(i)) && self.is_word(i + 1) && !self.is_cap(i + 1)
    }

    /// "Shortly after", "Hours before", "Even as": a word that only measures
    /// the subordinator after it, which opens the fronted clause.
    fn measures_subordinator(&self, i: usize) -> bool {
        let w = self.lower(i);
        let measure = OPENER_MEASURES.contains(&w)
            || (w.len() > 5 && w.ends_with("ly") && !super::names::is_given_name(self.word(i)));
        measure
            && matches!(
                self.lower(i + 1),
                "after" | "before" | "since" | "as" | "when" | "while" | "until" | "once"
            )
    }

    /// "Trump's", "States’": a possessor, not a speaker.
    pub fn is_possessive(&self, i: usize) -> bool {
        let w = self.word(i);
        if matches!(w, "his" | "her" | "their" | "His" | "Her" | "Their") {
            return true;
        }
        w.ends_with("'s") || w.ends_with("’s") || self.is_punct(i + 1, "'’") && w.ends_with('s')
    }

    /// "READ MORE:", "WATCH:", "ANALYST'S TAKE:": a site's label for a link
    /// or a box, in capitals, not a speaker (a transcript's "PENCE:" is one).
    pub fn is_page_label(&self, start: usize, end: usize) -> bool {
        let text = self.span_text(start, end);
        !text.chars().any(char::is_lowercase)
            && text.split_whitespace().any(|w| {
                let bare = w.split(['\'', '’']).next().unwrap_or_default();
                PAGE_LABEL_WORDS.contains(&bare)
            })
    }

    /// Whether a capitalised run `start..end` has words only titles have inside.
    pub fn reads_as_title(&self, start: usize, end: usize) -> bool {
        (start + 1..end).any(|i| TITLE_CASE_WORDS.contains(&self.word(i)))
    }

    /// Whether token `i` touches the tokens on both sides ("U.S.-based").
    /// An em or en dash, or a hyphen with a space on either side (" - "),
    /// which typed copy uses for one; not the hyphen inside "U.S.-based".
    pub fn is_dash(&self, i: usize) -> bool {
        self.is_punct(i, "—–") || (self.is_punct(i, "-") && !self.glued(i))
    }

    pub fn glued(&self, i: usize) -> bool {
        let (Some(t), Some(prev), Some(next)) =
            (self.toks.get(i), i.checked_sub(1).and_then(|p| self.toks.get(p)), self.toks.get(i + 1))
        else {
            return false;
        };
        prev.end == t.start && t.end == next.start
    }

    /// Text of tokens `start..end` as written.
    pub fn span_text(&self, start: usize, end: usize) -> &'a str {
        match (self.toks.get(start), end.checked_sub(1).and_then(|e| self.toks.get(e))) {
            (Some(a), Some(b)) if b.end >= a.start => {
                self.text.get(a.start as usize..b.end as usize).unwrap_or_default()
            }
            _ => "",
        }
    }

    /// Kind of a capitalised name: an organisation when it has an
    /// organisation word, an outlet, or is an acronym; otherwise a person.
    pub fn name_kind(&self, start: usize, end: usize) -> SpeakerKind {
        // "Senate Minority Leader Harry Reid", "White House Press Secretary
        // Josh Earnest": what follows the last title is the person's name
        let title = |i: usize| self.is_title_at(i) || self.is_role(i);
        let start = (start..end.saturating_sub(1)).rev().find(|&i| title(i)).map_or(start, |i| i + 1);
        let org = (start..end).any(|i| {
            let w = self.word(i).trim_end_matches('.');
            let head = if w.is_ascii() {
                // the lower-case form is at hand: no allocation
                w.starts_with(|c: char| c.is_ascii_uppercase())
                    && self.lex.is_org_head_key(self.lower(i).trim_end_matches('.'))
            } else {
                self.lex.is_org_head(w)
            };
            head || (w.len() >= 2 && w.len() <= 6 && w.chars().all(|c| c.is_ascii_uppercase()))
        }) || self
            .lex
            .outlet_at(self.span_text(start, end), 0)
            .is_some_and(|(r, _)| r.end >= self.span_text(start, end).len());
        if org {
            SpeakerKind::Organization
        } else {
            SpeakerKind::Person
        }
    }

    /// The speaker phrase that ends at token `end - 1`, read leftwards.
    pub fn mention_ending(&self, lo: usize, end: usize) -> Option<Mention> {
        let last = end.checked_sub(1)?;
        if last < lo || !self.is_word(last) {
            return None;
        }
        if self.is_pronoun(last) {
            return Some(Mention::new(last, end, SpeakerKind::Pronoun));
        }
        if self.is_name_part(last) && !self.is_possessive(last) {
            let mut start = last;
            while start > lo && (self.is_name_part(start - 1) || self.is_title_at(start - 1)) {
                start -= 1;
            }
            while start < last && !self.can_start_name(start) && !self.is_title_at(start) {
                start += 1;
            }
            if !self.can_start_name(start) && !self.is_title_at(start) {
                return None;
            }
            if let Some(head) = self.organisation_head_before(lo, start) {
                return Some(Mention::new(head, end, SpeakerKind::Organization));
            }
            // "Jane Roe of Acme Bank said", "Tim Guest with the Nova Scotia
            // Health Authority says": the person, not her employer
            let prep = if self.lower(start.wrapping_sub(1)) == "the" {
                start.wrapping_sub(2)
            } else {
                start.wrapping_sub(1)
            };
            if start >= lo + 2 && prep > lo && matches!(self.lower(prep), "of" | "at" | "from" | "with") {
                if let Some(person) = self.mention_ending(lo, prep).filter(|m| m.kind == SpeakerKind::Person) {
                    return Some(person);
                }
            }
            if self.is_determiner(start.saturating_sub(1)) && start > lo && self.lower(start - 1) == "the" {
                start -= 1;
                // "the Kentucky Republican", "the Foreign Minister": a
                // description of someone named before, not a name
                // one person: "the Founding Fathers" are not
                let plural = self.lower(last).ends_with('s') && !self.lower(last).ends_with("ss");
                let describes = (self.is_role(last) && !self.is_title_at(last) && !plural)
                    || super::names::PARTY_MEMBERS.contains(&self.lower(last));
                if describes && self.name_kind(start + 1, end) == SpeakerKind::Person {
                    return Some(self.role(start, end));
                }
            }
            return Some(self.classify_name(start, end));
        }
        if self.is_role(last) || self.lex.is_generic_org(self.lower(last)) {
            let mut start = last;
            while start > lo
                && self.is_word(start - 1)
                && !self.is_determiner(start)
                && !self.is_pronoun(start - 1)
            {
                if self.verb_at(start - 1).is_some() || ROLE_PHRASE_BREAKS.contains(&self.lower(start - 1)) {
                    break;
                }
                start -= 1;
                if self.is_determiner(start) {
                    break;
                }
            }
            // "the lanky, bespectacled professor": adjectives set off by a comma
            let adjective =
                |i: usize| self.is_word(i) && !self.is_cap(i) && self.verb_at(i).is_none() && !self.is_role(i);
            // (not "spoke to the crowd, protesters chanted": a list, not adjectives)
            let after_break = start.checked_sub(4).filter(|&b| b >= lo).is_some_and(|b| {
                ROLE_PHRASE_BREAKS.contains(&self.lower(b)) || PHRASE_PREPOSITIONS.contains(&self.lower(b))
            });
            if start >= lo + 3
                && !self.is_determiner(start)
                && self.is_punct(start - 1, ",")
                && adjective(start - 2)
                && self.is_determiner(start - 3)
                && !after_break
            {
                start -= 3;
            }
            return Some(self.role(start, end));
        }
        None
    }

    /// "put it" / "puts it" at `i`: the idiom that reports words ("as Foner put it").
    pub fn put_it_at(&self, i: usize) -> bool {
        matches!(self.lower(i), "put" | "puts") && self.lower(i + 1) == "it"
    }

    /// The speaker phrase that starts at token `start`, read rightwards
    /// ("said Rep. G.K. Butterfield", "said a spokesman for the ministry").
    pub fn mention_starting(&self, start: usize, hi: usize) -> Option<Mention> {
        if start >= hi || !self.is_word(start) {
            return None;
        }
        if self.is_pronoun(start) {
            return Some(Mention::new(start, start + 1, SpeakerKind::Pronoun));
        }
        if let Some(m) = self.listed_phrase(start, hi) {
            return Some(m);
        }
        if let Some(m) = self.name_at(start, hi) {
            return Some(self.person_after_role(m.end, hi).unwrap_or(m));
        }
        self.role_at(start, hi)
    }

    /// `said Acme Bank chief economist Jane Roe`, `says Heart and Lung
    /// senior manager Dana Kerr`: an employer and a role before a person's
    /// name only describe her; the person is the speaker.
    fn person_after_role(&self, from: usize, hi: usize) -> Option<Mention> {
        let mut k = from;
        let mut role = false;
        while k < hi && k < from + 6 && self.is_word(k) {
            if self.is_role(k) {
                role = true;
            } else if role && self.can_start_name(k) {
                break;
            } else if self.verb_at(k).is_some()
                || self.is_determiner(k)
                || self.is_pronoun(k)
                || self.is_possessive(k)
            {
                return None;
            }
            k += 1;
        }
        if !role {
            return None;
        }
        self.name_at(k, hi).filter(|n| n.kind == SpeakerKind::Person)
    }

    /// A capitalised name starting at `start` ("Rep. G.K. Butterfield", "the DIA").
    pub fn name_at(&self, start: usize, hi: usize) -> Option<Mention> {
        let mut end = start;
        let the = self.lower(start) == "the";
        if the || self.can_start_name(start) || self.is_title_at(start) {
            if the {
                end += 1;
            }
            while end < hi && (self.is_name_part(end) || self.is_title_at(end)) {
                end += 1;
                if self.is_possessive(end - 1) {
                    return None;
                }
            }
            while end > start + 1 && NAME_LINKS.contains(&self.word(end - 1)) {
                end -= 1;
            }
            if !the && end == start + 1 {
                if let Some(org_end) = self.organisation_of(start, hi) {
                    return Some(Mention::new(start, org_end, SpeakerKind::Organization));
                }
            }
            if end > start && (end > start + 1 || !the) && self.is_cap(end - 1) && !self.reads_as_title(start, end)
            {
                return Some(self.classify_name(start, end));
            }
        }
        None
    }

    /// Whether the single capitalised word at `i` can head an organisation's
    /// name that goes on with "of" or "for": "University of Ottawa",
    /// "Friends of Riverside Library", "Citizens for Safe Streets" (a surname,
    /// as in "Jane Roe of Acme Bank", cannot).
    fn heads_organisation(&self, i: usize) -> bool {
        let lower = self.lower(i);
        self.is_cap(i) && (self.lex.is_org_head_key(lower) || ORG_COLLECTIVES.contains(&lower))
    }

    /// The end of "Friends of Riverside Library" when the word at `start`
    /// heads an organisation's name and capitalised words follow the joining word.
    fn organisation_of(&self, start: usize, hi: usize) -> Option<usize> {
        if !self.heads_organisation(start) || !matches!(self.lower(start + 1), "of" | "for" | "against") {
            return None;
        }
        let mut j = start + 2;
        if self.lower(j) == "the" {
            j += 1;
        }
        let mut end = j;
        while end < hi && self.is_word(end) && self.is_cap(end) && !self.is_possessive(end) {
            end += 1;
        }
        (end > j).then_some(end)
    }

    /// Read leftwards, where "Riverside Library" at `start` is the end of
    /// "Friends of Riverside Library": the head's token.
    fn organisation_head_before(&self, lo: usize, start: usize) -> Option<usize> {
        let mut k = start.checked_sub(1)?;
        if self.lower(k) == "the" {
            k = k.checked_sub(1)?;
        }
        let head = k.checked_sub(1).filter(|&h| h >= lo)?;
        let joined = matches!(self.lower(k), "of" | "for" | "against");
        let single = head == lo || !self.is_name_part(head - 1);
        (joined && single && self.heads_organisation(head)).then_some(head)
    }

    /// A role: determiner, modifiers, then a role noun, then "for/of/at X".
    fn role_at(&self, start: usize, hi: usize) -> Option<Mention> {
        // "said of Trump’s campaign", "At a campaign event": a phrase that
        // opens with a preposition says about whom or where, not who
        if PHRASE_PREPOSITIONS.contains(&self.lower(start)) {
            return None;
        }
        let mut end = start;
        while end < hi && self.is_word(end) && end - start < 6 {
            if self.is_role(end) || (end > start && self.is_org_noun(end)) {
                let mut stop = end + 1;
                while stop < hi && (self.is_role(stop) || self.is_org_noun(stop)) {
                    stop += 1; // "the county fire service"
                }
                if matches!(
                    self.lower(stop),
                    "for" | "of" | "at" | "with" | "to" | "close" | "familiar" | "from" | "in"
                ) && !self.channel_starts_at(stop, hi)
                {
                    stop = self.extend_modifier(stop, hi);
                }
                return Some(self.role(start, stop));
            }
            if self.verb_at(end).is_some() && end > start {
                return None;
            }
            end += 1;
        }
        None
    }

    /// "the county", "the state": a common noun for an organisation, unless
    /// it is a reporting verb after a plural ("officials state", "Saudis
    /// state in the paper"), where it is the verb of the clause.
    fn is_org_noun(&self, i: usize) -> bool {
        let after_plural = || i > 0 && self.looks_plural(i - 1);
        self.lex.is_generic_org(self.lower(i)) && !(self.verb_at(i).is_some() && after_plural())
    }

    /// A word of four letters or more in -s but not -ss ("officials",
    /// "Saudis"; not "press", not "his").
    pub fn looks_plural(&self, i: usize) -> bool {
        let w = self.lower(i);
        w.len() > 3 && w.ends_with('s') && !w.ends_with("ss")
    }

    /// "for the Defense Ministry", "close to the talks": up to the next comma.
    fn extend_modifier(&self, from: usize, hi: usize) -> usize {
        let mut i = from;
        while i < hi && self.is_word(i) && i - from < 8 {
            // ("the secretary of state talked about …": a word in -ed after the
            // modifier's noun reads as the clause's verb)
            let past_like = i > from + 1 && !self.is_cap(i) && self.lower(i).ends_with("ed");
            if self.verb_at(i).is_some_and(|v| v.is_finite())
                || (i > from && self.channel_starts_at(i, hi))
                || past_like
            {
                break;
            }
            i += 1;
            // "A Superior Court of Ontario judge chastised …": the role noun closes it
            if i - 1 > from && self.is_role(i - 1) && !self.is_role(i) && !self.is_cap(i) {
                break;
            }
        }
        i
    }

    /// Whether a channel phrase starts at token `i` ("in a statement", "on
    /// X", "at a news conference"): it says how the words came, so a role
    /// ("the mayor in a statement") ends before it.
    fn channel_starts_at(&self, i: usize, hi: usize) -> bool {
        let last = hi.min(i + PHRASE_WINDOW).saturating_sub(1);
        let (Some(from), Some(to)) = (self.toks.get(i), self.toks.get(last)) else { return false };
        let Some(rest) = self.text.get(from.start as usize..to.end as usize) else { return false };
        self.lex.find_phrases(PhraseList::Channel, rest).first().is_some_and(|m| m.range.start == 0)
    }

    /// An anonymous or vague source phrase from the word lists starting at
    /// `start` ("a source close to the talks", "the same source", "experts").
    fn listed_phrase(&self, start: usize, hi: usize) -> Option<Mention> {
        let from = self.toks.get(start)?.start as usize;
        // phrases are a few words long: a window keeps this linear in the block
        let last = hi.min(start + PHRASE_WINDOW).checked_sub(1)?;
        let to = self.toks.get(last)?.end as usize;
        let rest = self.text.get(from..to)?;
        if !self.could_start_phrase(start) {
            return None;
        }
        for (list, kind) in
            [(PhraseList::Anonymous, SpeakerKind::Anonymous), (PhraseList::VagueSpeaker, SpeakerKind::Vague)]
        {
            if let Some(m) = self.lex.phrase_at_start(list, rest) {
                let end_byte = from + m.range.end;
                let end = (start..hi)
                    .find(|&i| self.toks.get(i).is_some_and(|t| t.end as usize >= end_byte))
                    .map_or(hi, |i| i + 1);
                return Some(Mention::new(start, end, kind));
            }
        }
        None
    }

    /// An anonymous or vague phrase from the word lists that ends at `end`
    /// ("a source declared", "people familiar with the talks said").
    pub fn listed_phrase_ending(&self, lo: usize, end: usize) -> Option<Mention> {
        (lo.max(end.saturating_sub(PHRASE_WINDOW))..end)
            .find_map(|k| self.listed_phrase(k, end).filter(|m| m.end == end))
    }

    /// The speaker phrase ending at `end`: a name, a listed phrase, or else
    /// any short noun phrase.
    pub fn phrase_ending(&self, lo: usize, end: usize) -> Option<Mention> {
        self.mention_ending(lo, end)
            .or_else(|| self.listed_phrase_ending(lo, end))
            .or_else(|| self.plain_phrase(lo, end))
    }

    /// Any short noun phrase before a verb ("the announcer", "the letter"),
    /// when nothing better is known: a role.
    pub fn plain_phrase(&self, lo: usize, end: usize) -> Option<Mention> {
        let mut start =
            (lo..end).rev().take(6).take_while(|&i| self.is_word(i) && !self.is_speech_like(i)).last()?;
        // "as the foundation's website": start at the determiner or the first capital
        while start + 1 < end && !self.is_determiner(start) && !self.is_cap(start) && !self.is_quantity(start) {
            start += 1;
        }
        let first = self.lower(start);
        // "With Democratic leaders", "Following initial reports": not a subject;
        // "21 percent", "About four in 10" (of those polled): a share that answered
        // (a bare number, "plus 21", counts nobody in particular)
        let counted =
            (self.is_quantity(start) && start + 1 < end) || (start + 2 < end && self.is_quantity(start + 1));
        let determined = DETERMINERS.contains(&first) || self.can_start_name(start) || counted;
        (determined && end - start <= 6 && !self.is_possessive(end - 1)).then(|| self.role(start, end))
    }

    /// "21", "63%", "four", "dozens": a word that counts people (not the
    /// "600" of "1,600", not the year of "in 2010").
    pub fn is_quantity(&self, i: usize) -> bool {
        let w = self.lower(i);
        // ("9th graders", "a 112-member panel": an ordinal or a compound describes)
        let digits =
            w.starts_with(|c: char| c.is_ascii_digit()) && w.bytes().all(|b| b.is_ascii_digit() || b == b'%');
        let year = digits && w.len() == 4 && !w.contains('%');
        let thousands = i > 0 && self.is_punct(i - 1, ",") && self.glued(i - 1);
        let after_preposition =
            i > 0 && matches!(self.lower(i - 1), "in" | "of" | "to" | "by" | "from" | "since" | "for");
        self.is_word(i) && (digits || NUMBER_WORDS.contains(&w)) && !year && !thousands && !after_preposition
    }

    fn is_speech_like(&self, i: usize) -> bool {
        self.verb_at(i).is_some_and(|v| v.form != VerbForm::Base)
            || matches!(self.lower(i), "who" | "which" | "that" | "and" | "but")
    }

    fn classify_name(&self, start: usize, end: usize) -> Mention {
        Mention::new(start, end, self.name_kind(start, end))
    }

    /// A role phrase, sharpened into anonymous or vague when its words say so.
    fn role(&self, start: usize, end: usize) -> Mention {
        let text = self.span_text(start, end);
        let kind = if self.lex.is_anonymous(text) {
            SpeakerKind::Anonymous
        } else if self.lex.is_vague_speaker(text) {
            SpeakerKind::Vague
        } else {
            SpeakerKind::Role
        };
        Mention::new(start, end, kind)
    }
}

#[cfg(test)]
mod tests {
    use super::before_apostrophe;

    proptest::proptest! {
        /// Straight and curly apostrophes, and chars that share the curly one's lead byte.
        #[test]
        fn the_byte_reading_cuts_where_a_split_cuts(word in "[a-zA-Z'’‑—‘é]{0,8}") {
            let split = word.split(['\'', '’']).next().unwrap_or_default();
            proptest::prop_assert_eq!(before_apostrophe(&word), split);
        }
    }
}
