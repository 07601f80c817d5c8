//! What the story has said so far: the people and organisations named, the
//! last speaker, and the channel each speaker was reached through. Resolves
//! pronouns ("she"), epithets ("the specialist") and surnames ("Kim").

use super::lexicon_ext::LexiconExt;
use super::mention::Frame;
use super::{Attribution, Channel, Speaker, SpeakerKind};
use crate::lexicon::{Lexicon, PhraseList};
use crate::markdown::ProseBlock;
use crate::span::Span;
use std::collections::HashMap;
use std::ops::Range;

#[derive(Debug, Clone)]
struct Named {
    name: String,
    kind: SpeakerKind,
    /// Source offset of the latest mention, to order people by recency.
    at: usize,
}

#[derive(Debug, Default)]
pub struct Context {
    named: Vec<Named>,
    last: Option<(usize, Attribution)>,
    /// Blocks since the last attribution that named someone else as a subject.
    interrupted: bool,
    channels: HashMap<String, Channel>,
}

const TITLES_STRIP: &[&str] = &["the", "The"];
/// Words that qualify a title: "Deputy Minister", "Former President".
const TITLE_MODIFIERS: &[&str] = &[
    "Deputy",
    "Vice",
    "Acting",
    "Former",
    "Chief",
    "Senior",
    "Assistant",
    "Foreign",
    "Prime",
    "Defence",
    "Defense",
    "Interior",
    "Finance",
    "State",
    "Attorney",
    "General",
    "Lt.",
    "Majority",
    "Minority",
    "House",
    "Senate",
];

impl Context {
    /// Registers every name the block mentions (runs of capitalised words).
    pub fn read_block(&mut self, index: usize, f: &Frame, block: &ProseBlock) {
        let mut i = 0;
        while i < f.toks.len() {
            // only names are registered: skip words that cannot start one
            if !f.can_start_name(i) && !f.is_title_at(i) && f.lower(i) != "the" {
                i += 1;
                continue;
            }
            match f.name_at(i, f.toks.len()) {
                Some(m)
                    if matches!(m.kind, SpeakerKind::Person | SpeakerKind::Organization) && m.end > m.start =>
                {
                    let text = f.span_text(m.start, m.end);
                    let words = text.split_whitespace().count();
                    let at = f.toks.get(m.start).map_or(0, |t| block.source_span(t.start..t.end).start);
                    if words >= 2 || m.kind == SpeakerKind::Organization {
                        self.register(clean_name(text, f.lex), m.kind, at);
                    }
                    if self.last.as_ref().is_some_and(|(b, _)| *b < index)
                        && m.kind == SpeakerKind::Person
                        && words >= 2
                    {
                        self.interrupted = true;
                    }
                    i = m.end;
                }
                _ => i += 1,
            }
        }
    }

    fn register(&mut self, name: String, kind: SpeakerKind, at: usize) {
        if name.is_empty() {
            return;
        }
        self.named.retain(|n| n.name != name);
        self.named.push(Named { name, kind, at });
    }

    /// Records an attribution as the latest, for follow-on quotes and pronouns.
    pub fn attributed(&mut self, block: usize, a: &Attribution) {
        if let Some(s) = &a.speaker {
            if let (Some(name), SpeakerKind::Person | SpeakerKind::Organization) = (&s.name, s.kind) {
                self.register(name.clone(), s.kind, s.span.start);
            }
            if let (Some(name), Some(ch)) = (&s.name, &a.channel) {
                self.channels.insert(name.clone(), ch.clone());
            }
        }
        self.last = Some((block, a.clone()));
        self.interrupted = false;
    }

    /// Remembers how a speaker was reached, unless the story already said.
    pub fn remember_channel(&mut self, speaker: &Speaker, channel: Channel) {
        if let (Some(name), SpeakerKind::Person | SpeakerKind::Organization) = (&speaker.name, speaker.kind) {
            self.channels.entry(name.clone()).or_insert(channel);
        }
    }

    /// A quote with no attribution of its own, close after an attributed one
    /// with nobody else named in between, is the same speaker's.
    /// A follow-on quote in `block` keeps the last speaker current.
    pub fn continued(&mut self, block: usize) {
        if let Some((b, _)) = self.last.as_mut() {
            *b = block;
        }
    }

    pub fn follow_on(&self, block: usize, max: usize) -> Attribution {
        match &self.last {
            Some((b, a)) if block.saturating_sub(*b) <= max && !self.interrupted => {
                Attribution { cue: None, ..a.clone() }
            }
            _ => Attribution::default(),
        }
    }

    fn last_speaker_name(&self, kinds: &[SpeakerKind]) -> Option<String> {
        let (_, a) = self.last.as_ref()?;
        let s = a.speaker.as_ref()?;
        let kind = self.named.iter().find(|n| Some(&n.name) == s.name.as_ref()).map(|n| n.kind);
        kind.filter(|k| kinds.contains(k)).and(s.name.clone())
    }

    /// Turns a mention into a speaker, resolving who it refers to.
    pub fn resolve(&mut self, mention: String, span: Span, kind: SpeakerKind, lex: &Lexicon) -> Speaker {
        let name = match kind {
            SpeakerKind::Person => Some(self.person_name(&clean_name(&mention, lex))),
            SpeakerKind::Organization => Some(clean_name(&mention, lex)),
            SpeakerKind::Pronoun => self.pronoun(&mention.to_lowercase(), span.start),
            SpeakerKind::Role => self.epithet(&mention, span.start, lex),
            SpeakerKind::Vague if mention.to_lowercase().contains("same") => {
                self.last_speaker_name(&[SpeakerKind::Person, SpeakerKind::Organization])
            }
            _ => None,
        };
        Speaker { mention, span, kind, name }
    }

    /// A surname alone ("Kim") is the person last named with that surname.
    fn person_name(&self, name: &str) -> String {
        if name.split_whitespace().count() > 1 {
            return name.to_string();
        }
        self.named
            .iter()
            .rev()
            .filter(|n| n.kind == SpeakerKind::Person)
            .find(|n| n.name.split_whitespace().last() == Some(name))
            .map_or_else(|| name.to_string(), |n| n.name.clone())
    }

    fn pronoun(&self, word: &str, at: usize) -> Option<String> {
        let person = [SpeakerKind::Person];
        let org = [SpeakerKind::Organization];
        match word {
            "he" | "she" | "i" => self.last_before(&person, at),
            "it" => self.last_before(&org, at),
            _ => self
                .last_speaker_name(&[SpeakerKind::Person, SpeakerKind::Organization])
                .or_else(|| self.last_before(&org, at)),
        }
    }

    /// The person or organisation named most recently before `at`.
    fn last_before(&self, kinds: &[SpeakerKind], at: usize) -> Option<String> {
        self.named
            .iter()
            .filter(|n| kinds.contains(&n.kind) && n.at < at)
            .max_by_key(|n| n.at)
            .map(|n| n.name.clone())
    }

    /// "the American agency" is the organisation last named; "the specialist"
    /// the person. An indefinite role ("a spokesman") names nobody.
    fn epithet(&self, mention: &str, at: usize, lex: &Lexicon) -> Option<String> {
        let lower = mention.to_lowercase();
        if !lower.starts_with("the ") {
            return None;
        }
        let head = lower.split_whitespace().last().unwrap_or_default();
        if lex.is_org_word(head) {
            // "the agency" is the last organisation whose name has that word
            let named = self.named.iter().filter(|n| n.kind == SpeakerKind::Organization && n.at < at);
            // only one whose name has the word: "the ministry" is not the last outlet named
            return named
                .filter(|n| n.name.to_lowercase().contains(head))
                .max_by_key(|n| n.at)
                .map(|n| n.name.clone());
        }
        self.last_speaker_name(&[SpeakerKind::Person]).or_else(|| self.last_before(&[SpeakerKind::Person], at))
    }

    /// The channel stated in the attribution's sentence, or else the one this
    /// speaker was reached through earlier in the story.
    pub fn channel_in(
        &self,
        block: &ProseBlock,
        ranges: &[Range<usize>],
        speaker: &Speaker,
        lex: &Lexicon,
    ) -> Option<Channel> {
        ranges
            .iter()
            .find_map(|r| channel_phrase(block, r.clone(), lex))
            .or_else(|| speaker.name.as_ref().and_then(|n| self.channels.get(n)).cloned())
    }
}

/// The first channel phrase in `range` of the block ("told AFP", "in a statement").
fn channel_phrase(block: &ProseBlock, range: Range<usize>, lex: &Lexicon) -> Option<Channel> {
    let text = block.text.get(range.clone())?;
    let m = lex.find_phrases(PhraseList::Channel, text).into_iter().next()?;
    let kind = m.channel?;
    // the outlet as the draft writes it ("AFP", not "Agence France-Presse")
    let outlet =
        m.outlet.as_ref().and_then(|(r, o)| text.get(r.clone()).map(str::to_string).or(Some(o.name.clone())));
    let r = range.start + m.range.start..range.start + m.range.end;
    Some(Channel { text: text.get(m.range.clone())?.to_string(), span: block.source_span(r), kind, outlet })
}

/// A name without courtesy titles or a leading "the": "Rep. G.K. Butterfield" → "G.K. Butterfield".
fn clean_name(text: &str, lex: &Lexicon) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    // "Rep.", "Deputy Minister", "Prime Minister": titles and role words before the name
    let titled = |w: &&&str| {
        TITLES_STRIP.contains(w)
            || lex.is_title(w)
            || lex.is_role_noun(&w.to_lowercase())
            || TITLE_MODIFIERS.contains(w)
    };
    let skip = words.iter().take_while(titled).count().min(words.len().saturating_sub(1));
    let rest = words.get(skip..).unwrap_or_default();
    rest.join(" ")
        .trim_end_matches(['.', ',', '’', '\''])
        .trim_end_matches("’s")
        .trim_end_matches("'s")
        .to_string()
}
