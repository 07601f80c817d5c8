//! A view of one block's tokens, and the questions attribution asks of a
//! single token or a run of them: its word, case, kind, whether it can be
//! part of a name, what kind of name a run is.

use super::memo::Subjects;
use super::words::{
    before_apostrophe, in_list, in_set_bytes, ADVERB_SET, CLAUSE_OBJECT_STARTS, DETERMINERS, LY_NOUNS, NAME_LINKS,
    NOT_NAME_SET, OPENER_MEASURES, PRONOUNS, PRONOUN_INITIALS, PRONOUN_SECONDS, TITLE_CASE_BREAKS,
    TITLE_CASE_WORDS,
};
use crate::attribution::case_evidence::CaseEvidence;
use crate::attribution::tokens::Token;
use crate::attribution::SpeakerKind;
use crate::lexicon::{Lexicon, SpeechVerb, VerbForm};
use crate::scan::kind::PAGE_LABEL_WORDS;
use crate::tokens::{BlockTokens, WordFacts};

/// A view of a block's tokens with the lexicon at hand.
pub struct Frame<'a> {
    pub text: &'a str,
    pub toks: &'a [Token],
    /// The tokens the others are of: their lower-case forms.
    pub tokens: &'a BlockTokens,
    /// What the word lists say of each token, looked up once.
    pub facts: &'a [WordFacts],
    pub lex: &'a Lexicon,
    /// How the whole draft writes the words that open its sentences.
    pub case: &'a CaseEvidence<'a>,
    /// Which block of the draft the tokens are (the key of `subjects`).
    pub block: usize,
    /// The subjects of verbs read so far.
    pub subjects: &'a Subjects,
    /// The block keeps its line breaks' spaces (see [`crate::markdown::ProseBlock::breaks_kept`]).
    pub breaks_kept: bool,
}

impl<'a> Frame<'a> {
    pub fn word(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }

    /// The first byte of the word at `i` as written (of [`Frame::word`]),
    /// read without slicing the block's text: asked of every token.
    pub fn first_byte(&self, i: usize) -> Option<u8> {
        // (a block's tokens lie on its characters' boundaries: see `Token::is_long`)
        let t = self.toks.get(i).filter(|t| t.end() > t.start)?;
        self.text.as_bytes().get(t.start as usize).copied()
    }

    /// The last byte of the word at `i` as written, read as [`Frame::first_byte`] is.
    pub fn last_byte(&self, i: usize) -> Option<u8> {
        let t = self.toks.get(i).filter(|t| t.end() > t.start)?;
        self.text.as_bytes().get(t.end() as usize - 1).copied()
    }

    /// The lower-case word at `i` (computed once per block); a word of
    /// another language, the English function word it is read as ("il" → "he").
    pub fn lower(&self, i: usize) -> &'a str {
        if let Some(gloss) = self.facts.get(i).and_then(|f| f.gloss()) {
            return self.lex.gloss(gloss);
        }
        self.written_lower(i)
    }

    /// Whether the lower-case word at `i` may start with the ASCII letter
    /// `c`, judged by the first byte as written: asked of every token of a
    /// sentence for each quotation, this spares most of them the lookup of
    /// their lower-case form. A glossed word may read as anything.
    pub fn may_start_with(&self, i: usize, c: u8) -> bool {
        self.is_glossed(i) || self.first_byte(i).is_none_or(|b| b.to_ascii_lowercase() == c)
    }

    /// The lower-case word at `i` as written, never glossed ("du", not "the").
    pub fn written_lower(&self, i: usize) -> &'a str {
        self.tokens.lower(i, self.text)
    }

    /// Anonymous and vague phrases start with a word; punctuation and quotes never do.
    pub(super) fn could_start_phrase(&self, i: usize) -> bool {
        self.is_word(i) && !self.is_quote(i)
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(Token::is_word)
    }

    pub fn is_quote(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.is_quote())
    }

    pub fn is_punct(&self, i: usize, set: &str) -> bool {
        // the mark's bytes, not the mark as a slice of the text (its
        // characters' boundaries checked): asked of the marks around every
        // name and quotation (a token lies on characters' boundaries)
        let Some(t) = self.toks.get(i).filter(|t| t.is_punct()) else { return false };
        in_set_bytes(
            set.as_bytes(),
            self.text.as_bytes().get(t.start as usize..t.end() as usize).unwrap_or_default(),
        )
    }

    /// Starts with a capital (or digit-free initial), so may be part of a
    /// name (see [`crate::lexicon::chars::starts_capitalised`]): read from
    /// the word's facts, as it is asked of every word several times.
    pub fn is_cap(&self, i: usize) -> bool {
        self.facts.get(i).is_some_and(|f| f.capital())
    }

    /// "he", and "he's" / "it’s" / "they're" (a pronoun with its verb).
    pub fn is_pronoun(&self, i: usize) -> bool {
        // asked of every capitalised word: the first two bytes as written
        // rule out most before their lower-case form is read (see
        // `PRONOUN_INITIALS`; a second byte that is an ASCII letter is the
        // second letter of the lower-case form, whatever the first is)
        let Some(t) = self.toks.get(i).filter(|t| t.is_word()) else { return false };
        let no_first = |b: u8| b.is_ascii() && !PRONOUN_INITIALS.contains(&b.to_ascii_lowercase());
        let no_second = |b: &u8| b.is_ascii_alphabetic() && !PRONOUN_SECONDS.contains(&b.to_ascii_lowercase());
        let second = || (t.end() > t.start + 1).then(|| self.text.as_bytes().get(t.start as usize + 1)).flatten();
        let ruled_out = self.first_byte(i).is_some_and(no_first) || second().is_some_and(no_second);
        if ruled_out && !self.is_glossed(i) {
            return false;
        }
        PRONOUNS.contains(&before_apostrophe(self.lower(i)))
    }

    pub fn is_determiner(&self, i: usize) -> bool {
        self.is_word(i) && in_list!(DETERMINERS, self.lower(i))
    }

    pub fn is_adverb(&self, i: usize) -> bool {
        let w = self.lower(i);
        // "Ms. May said": after a title, a capitalised modal is a surname
        let named = || self.is_cap(i) && i > 0 && self.is_title_at(i - 1);
        let ly = || w.len() > 4 && w.ends_with("ly") && !self.is_cap(i) && !LY_NOUNS.contains(&w);
        self.is_word(i) && (ADVERB_SET.contains(w) || ly()) && !named()
    }

    /// [`Lexicon::is_generic_org`] of the lower-case word at `i`, read from
    /// its facts (a glossed word or another token is looked up).
    pub fn is_generic_org(&self, i: usize) -> bool {
        match self.plain_facts(i) {
            Some(f) => f.generic_org(),
            None => self.lex.is_generic_org(self.lower(i)),
        }
    }

    /// [`Lexicon::is_org_head_key`] of the lower-case word at `i` without
    /// its trailing full stops (capitals aside), read from its facts.
    pub fn is_org_head_key(&self, i: usize) -> bool {
        match self.plain_facts(i) {
            Some(f) => f.org_head(),
            None => self.lex.is_org_head_key(self.lower(i).trim_end_matches('.')),
        }
    }

    /// The facts of a word read as written (not glossed): what the word
    /// lists say of its lower-case form, looked up once.
    fn plain_facts(&self, i: usize) -> Option<WordFacts> {
        let f = *self.facts.get(i)?;
        (self.is_word(i) && f.gloss().is_none()).then_some(f)
    }

    pub fn is_role(&self, i: usize) -> bool {
        self.facts.get(i).is_some_and(|t| t.role())
    }

    /// The reporting verb spelt by the token at `i`, if it is one.
    pub fn verb_at(&self, i: usize) -> Option<&'a SpeechVerb> {
        self.facts.get(i).and_then(|t| t.verb()).and_then(|id| self.lex.verb_by_id(id))
    }

    /// Whether the token at `i` is a title ("Sen.", "President").
    pub fn is_title_at(&self, i: usize) -> bool {
        self.facts.get(i).is_some_and(|t| t.title())
    }

    pub fn is_name_part(&self, i: usize) -> bool {
        if self.is_quote(i) {
            // "Marcia "Cia" Price": a nickname between two parts of a name;
            // its length as read is asked last (a quotation's token is met
            // at every capital), and only if its bytes are too many
            let short = || {
                let written = self.toks.get(i).map_or(0, |t| (t.end() - t.start) as usize);
                written <= 24
                    || self.breaks_kept && crate::markdown::read_len_up_to(self.span_text(i, i + 1), 24) <= 24
            };
            return i > 0 && self.is_cap(i - 1) && self.is_cap(i + 1) && short();
        }
        let w = self.word(i);
        if !self.is_cap(i) {
            return self.is_word(i) && in_list!(NAME_LINKS, w);
        }
        // most capitalised words are written with a lower-case ASCII letter
        // second ("Trump"): that byte alone says the word is not in capitals,
        // and (if it is a letter no pronoun has second) no pronoun unless
        // glossed, where each was a call that read the word again
        let second = w.as_bytes().get(1).copied().filter(u8::is_ascii_lowercase);
        let no_pronoun =
            || second.is_some_and(|b| !PRONOUN_SECONDS.contains(&b)) && !self.is_glossed(i) || !self.is_pronoun(i);
        // an all-capitals heading word ("INVESTIGATED") is no name, nor a
        // short one beside it ("CONGRESS HAS INVESTIGATED HIM")
        let capitals = |w: &str| !w.chars().any(char::is_lowercase);
        let shouting = |j: usize| {
            let w = self.word(j);
            w.len() > 6 && capitals(w) && w.chars().filter(|c| c.is_alphabetic()).count() > 6
        };
        let shouting =
            || second.is_none() && (shouting(i) || (capitals(w) && (i > 0 && shouting(i - 1) || shouting(i + 1))));
        // a headline in title case ("Hollande Says Trump Makes You …"): its
        // capitalised verbs and little words are not part of a name
        let title_case_word = in_list!(TITLE_CASE_BREAKS, w)
            || (w.ends_with('s') && self.verb_at(i).is_some_and(|v| v.form == VerbForm::Present));
        !title_case_word && !shouting() && no_pronoun()
    }

    /// A function word of another language, read as an English one ("il", "Selon").
    pub fn is_glossed(&self, i: usize) -> bool {
        self.facts.get(i).is_some_and(|f| f.gloss().is_some())
    }

    /// A word that may begin a name ("When" and "Monday" may not).
    pub fn can_start_name(&self, i: usize) -> bool {
        // a function word ("Selon", "Le") is none, capitalised or not
        // "Thursday’s threats" no more than "Thursday"
        let w = self.word(i);
        let bare = w.strip_suffix("’s").or_else(|| w.strip_suffix("'s")).unwrap_or(w);
        // (the word's facts and a lookup first: most sentences open with
        // a word of the set, "The", "But", spared the questions of a name)
        !self.is_glossed(i)
            && !NOT_NAME_SET.contains(bare)
            && !in_list!(NAME_LINKS, w)
            && self.is_name_part(i)
            && !self.ordinary_opener(i)
    }

    /// "Hours after the vote", "Challenged on it": a lone capitalised word
    /// opening a sentence that the draft elsewhere writes in lower case (and
    /// never capitalises inside a sentence) is an ordinary word.
    pub(in crate::attribution) fn ordinary_opener(&self, i: usize) -> bool {
        let opens = i == 0 || self.is_quote(i - 1) || self.is_punct(i - 1, ".!?:;\"“”‘’—–-(");
        // ("Officials said", "Aides say": a plural noun before its verb is a
        // fine speaker, only not a name; leave it be)
        opens
            && !(self.is_word(i + 1) && self.is_cap(i + 1))
            && !self.is_role(i)
            && self.verb_at(i + 1).is_none()
            && !crate::attribution::names::is_given_name(self.word(i))
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
        let short_ed =
            w.len() == 5 && w.ends_with("ed") && !crate::attribution::names::is_given_name(self.word(i));
        let shaped = short_ed || (w.len() > 5 && (w.ends_with("ing") || w.ends_with("ed") || w.ends_with("ily")));
        let takes = in_list!(CLAUSE_OBJECT_STARTS, next) || (next.len() > 5 && next.ends_with("ing"));
        (shaped && takes || self.measures_subordinator(i)) && self.is_word(i + 1) && !self.is_cap(i + 1)
    }

    /// "Shortly after", "Hours before", "Even as": a word that only measures
    /// the subordinator after it, which opens the fronted clause.
    pub(super) fn measures_subordinator(&self, i: usize) -> bool {
        let w = self.lower(i);
        let measure = in_list!(OPENER_MEASURES, w)
            || (w.len() > 5 && w.ends_with("ly") && !crate::attribution::names::is_given_name(self.word(i)));
        measure
            && matches!(
                self.lower(i + 1),
                "after" | "before" | "since" | "as" | "when" | "while" | "until" | "once"
            )
    }

    /// "Trump's", "States’": a possessor, not a speaker.
    pub fn is_possessive(&self, i: usize) -> bool {
        // asked of every word of a name: all but a few end in another letter
        if !matches!(self.last_byte(i), Some(b's' | b'r')) {
            return false;
        }
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
        // asked of every name: most are written with a lower-case ASCII
        // letter second ("Trump"), which no label in capitals has
        if text.as_bytes().get(1).is_some_and(u8::is_ascii_lowercase) {
            return false;
        }
        !text.chars().any(char::is_lowercase)
            && text.split_whitespace().any(|w| {
                let bare = w.split(['\'', '’']).next().unwrap_or_default();
                PAGE_LABEL_WORDS.contains(&bare)
            })
    }

    /// Whether a capitalised run `start..end` has words only titles have inside.
    pub fn reads_as_title(&self, start: usize, end: usize) -> bool {
        (start + 1..end).any(|i| in_list!(TITLE_CASE_WORDS, self.word(i)))
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
        prev.end() == t.start && t.end() == next.start
    }

    /// [`Frame::span_text`] as it reads, without the spaces of kept line
    /// breaks: what is shown or measured of a name or cue is as before
    /// the spaces were kept.
    pub fn span_words(&self, start: usize, end: usize) -> std::borrow::Cow<'a, str> {
        crate::markdown::read_as(self.span_text(start, end), self.breaks_kept)
    }

    /// Text of tokens `start..end` as written.
    pub fn span_text(&self, start: usize, end: usize) -> &'a str {
        match (self.toks.get(start), end.checked_sub(1).and_then(|e| self.toks.get(e))) {
            (Some(a), Some(b)) if b.end() >= a.start => {
                self.text.get(a.start as usize..b.end() as usize).unwrap_or_default()
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
                w.starts_with(|c: char| c.is_ascii_uppercase()) && self.is_org_head_key(i)
            } else {
                self.lex.is_org_head(w)
            };
            head || (w.len() >= 2 && w.len() <= 6 && w.chars().all(|c| c.is_ascii_uppercase()))
        }) || {
            // (a run of tokens starts with a word: its first word rules out most outlets)
            let text = self.span_words(start, end);
            self.lex.may_start_outlet(&text)
                && self.lex.outlet_at(&text, 0).is_some_and(|(r, _)| r.end >= text.len())
        };
        if org {
            SpeakerKind::Organization
        } else {
            SpeakerKind::Person
        }
    }
}
