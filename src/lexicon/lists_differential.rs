//! The word maps of the built-in index, the ones build.rs wrote, against
//! hash maps filled from the rule files the way the lexicon filled them
//! before the maps were written at build time: every word of every list is
//! found with its value, and no other word is.

use super::data::{read_sources, Data};
use super::index::Index;
use super::word_map::WordMap;
use super::words::{self, Cased};
use super::*;
use std::collections::HashMap;
use std::fmt::Debug;

/// `map` holds exactly `reference`; near misses of each key are not in it.
fn same<V: Clone + PartialEq + Debug>(what: &str, map: &WordMap<V>, reference: &HashMap<String, V>) {
    assert_eq!(map.len(), reference.len(), "{what}: size");
    for (key, value) in reference {
        assert_eq!(map.get(key), Some(value), "{what}: {key:?}");
        for other in near_misses(key).iter().filter(|o| !reference.contains_key(*o)) {
            assert_eq!(map.get(other), None, "{what}: {other:?} is not listed");
        }
    }
    assert!(map.words().all(|(k, v)| reference.get(k) == Some(v)), "{what}: a key outside the list");
}

fn near_misses(key: &String) -> [String; 5] {
    [format!("{key}x"), format!("{key}s"), format!("{key}."), format!(" {key}"), key.to_uppercase()]
}

fn cased<T: Copy>(entries: impl IntoIterator<Item = (String, T)>) -> HashMap<String, Cased<T>> {
    let to_entry = |(e, value): (String, T)| {
        let needs_capital = e.trim().starts_with(char::is_uppercase);
        (words::key(&e).into_owned(), Cased { value, needs_capital })
    };
    entries.into_iter().map(to_entry).collect()
}

fn keys(words: &[String]) -> HashMap<String, ()> {
    words.iter().map(|w| (words::key(w).into_owned(), ())).collect()
}

fn plain(words: &[String]) -> HashMap<String, ()> {
    words.iter().map(|w| (w.clone(), ())).collect()
}

fn sets_and_maps(index: &Index, d: &Data) {
    let titles = d.titles.iter().map(|t| (t.trim().trim_end_matches('.').to_string(), ()));
    same("titles", &index.titles, &cased(titles));
    let abbreviations = d.abbreviations.iter().chain(&d.states).map(|a| (a.clone(), AbbrevKind::Other));
    let dotted = d.titles.iter().filter(|t| t.ends_with('.')).map(|t| (t.clone(), AbbrevKind::Title));
    same("abbreviations", &index.abbreviations, &cased(abbreviations.chain(dotted)));
    let roles = d.roles.iter().map(|r| words::key(r).into_owned());
    let roles = roles.flat_map(|r| [(words::pluralize(&r), ()), (r, ())]).collect();
    same("roles", &index.roles, &roles);
    same("org_heads", &index.org_heads, &keys(&d.org_heads));
    same("generic_orgs", &index.generic_orgs, &keys(&d.generic_orgs));
    same("bystanders", &index.bystanders, &keys(&d.bystanders));
    same("documents", &index.documents, &keys(&d.documents));
    same("elisions", &index.elisions, &plain(&d.elisions));
    same("unsplit", &index.unsplit, &plain(&d.unsplit));
    same("inverted", &index.inverted, &plain(&d.inverted));
    let mut english: Vec<&String> = Vec::new();
    let mut gloss = HashMap::new();
    for (word, en) in &d.gloss {
        let id = english.iter().position(|e| *e == en).unwrap_or_else(|| {
            english.push(en);
            english.len() - 1
        });
        gloss.insert(word.clone(), id as u8);
    }
    same("gloss", &index.gloss, &gloss);
}

/// Each verb form and the verb it reads as: lemma (with its particle), form.
fn verbs(d: &Data) -> HashMap<String, (String, VerbForm)> {
    const ORDER: [VerbForm; 5] =
        [VerbForm::Base, VerbForm::Present, VerbForm::Past, VerbForm::Participle, VerbForm::PastParticiple];
    let mut map = HashMap::new();
    for entry in &d.verbs {
        let lemma = match &entry.particle {
            Some(p) => format!("{} {p}", entry.forms[0]),
            None => entry.forms[0].clone(),
        };
        // the earlier slot wins a shared form; the other finite forms come after every slot
        let slots = ORDER.iter().zip(&entry.forms).rev().map(|(f, w)| (*f, w, true));
        for (form, word, slot) in slots.chain(entry.more.iter().map(|(f, w)| (*f, w, false))) {
            if !entry.nouns.contains(word) && (slot || !map.contains_key(word)) {
                map.insert(word.clone(), (lemma.clone(), form));
            }
        }
    }
    map
}

#[test]
fn every_listed_word_is_in_the_frozen_maps_and_no_other() {
    for language in [Language::En, Language::Fr] {
        let data = read_sources(&RuleSources::builtin_for(language)).unwrap();
        for index in [&Lexicon::builtin_for(language).index, &Index::build(&data).unwrap()] {
            sets_and_maps(index, &data);
            let reference = verbs(&data);
            let found: HashMap<String, (String, VerbForm)> = index
                .verbs
                .words()
                .map(|(form, &id)| {
                    let verb = index.verb_entries.get(id as usize).expect("an entry");
                    (form.to_string(), (verb.lemma.to_string(), verb.form))
                })
                .collect();
            assert_eq!(found, reference, "{language:?}: verbs");
            for other in reference.keys().flat_map(near_misses).filter(|o| !reference.contains_key(o)) {
                assert_eq!(index.verbs.get(&other), None, "{language:?}: {other:?} is not a verb form");
            }
            assert!(reference.len() > 500 || language == Language::Fr, "{} forms", reference.len());
        }
    }
}
