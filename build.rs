//! Indexes the built-in word lists (`rules/`, `rules/fr/`) at compile time:
//! parsing the TOML, expanding the phrase templates and sorting the matchers
//! cost a `check` several milliseconds at every start. The same code the
//! crate uses reads the files (the modules below are the crate's own); the
//! index is written out as statics that `src/lexicon/frozen.rs` includes.

// Only the reading and indexing half of these modules runs here.
#![allow(dead_code, unused_imports)]

#[path = "src/lexicon/chars.rs"]
mod chars;
#[path = "src/attribution/mention/closed_sets.rs"]
mod closed_sets;
#[path = "src/lexicon/data.rs"]
mod data;
#[path = "src/lexicon/emit.rs"]
mod emit;
#[path = "src/lexicon/hashing.rs"]
mod hashing;
#[path = "src/lexicon/index.rs"]
mod index;
#[path = "src/lexicon/matcher.rs"]
mod matcher;
#[path = "src/lexicon/phrase.rs"]
mod phrase;
#[path = "src/lexicon/types.rs"]
mod types;
#[path = "src/lexicon/word_map.rs"]
mod word_map;
#[path = "src/lexicon/word_table.rs"]
mod word_table;
#[path = "src/lexicon/words.rs"]
mod words;

use types::*;

/// What a [`Str::Frozen`] reads: nothing is frozen yet while build.rs runs.
fn frozen_text() -> &'static str {
    ""
}

fn main() {
    for file in ["rules", "build.rs", "src/lexicon", "src/attribution/mention/closed_sets.rs"] {
        println!("cargo:rerun-if-changed={file}");
    }
    let mut out = String::from("// Written by build.rs from rules/*.toml: do not edit.\n");
    let mut text = emit::Text::default();
    for (name, language) in [("EN", Language::En), ("FR", Language::Fr)] {
        let data = data::read_sources(&RuleSources::builtin_for(language))
            .unwrap_or_else(|e| panic!("the built-in word lists must parse: {e}"));
        let index =
            index::Index::build(&data).unwrap_or_else(|e| panic!("the built-in word lists must index: {e}"));
        out.push_str(&emit::index_static(name, &index, &mut text));
        out.push_str(&emit::word_table_static(name, &word_table::WordTable::build(&index)));
    }
    out.push_str(&text.text_static());
    out.push_str(&given_names());
    write("lexicon_tables.rs", out);
    write("closed_sets.rs", closed_sets());
}

fn write(name: &str, text: String) {
    let dir = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let path = std::path::Path::new(&dir).join(name);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// The long word lists of src/attribution/mention/closed_sets.rs as sets.
fn closed_sets() -> String {
    let set = |words: &[&str]| {
        emit::word_map(&word_map::WordSet::build(words.iter().map(|w| (w, ()))), |()| "()".into())
    };
    format!(
        "// Written by build.rs: do not edit.\npub static NOT_NAME_SET: WordSet = {};\npub static ADVERB_SET: WordSet = {};\n",
        set(closed_sets::NOT_NAMES),
        set(closed_sets::ADVERBS)
    )
}

/// rules/given-names.toml as a [`word_map::WordMap`] from each name to
/// what it says (parsing the TOML, then filling a hash map of 600 names,
/// took a twentieth of checking a 6 KB draft).
fn given_names() -> String {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct GivenNames {
        male: Vec<String>,
        female: Vec<String>,
        unisex: Vec<String>,
    }
    let text = include_str!("rules/given-names.toml");
    let names: GivenNames = toml::from_str(text).unwrap_or_else(|e| panic!("rules/given-names.toml: {e}"));
    let all =
        [(names.male, GivenName::Male), (names.female, GivenName::Female), (names.unisex, GivenName::Unisex)];
    let map = word_map::WordMap::build(all.iter().flat_map(|(list, kind)| list.iter().map(|n| (n, *kind))));
    assert_eq!(map.len(), all.iter().map(|(list, _)| list.len()).sum::<usize>(), "a given name is listed once");
    let map = emit::word_map(&map, |kind| format!("GivenName::{kind:?}"));
    format!("pub(super) static GIVEN_NAMES: WordMap<GivenName> = {map};\n")
}
