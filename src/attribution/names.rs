//! Normalising a name as written ("Rep. G.K. Butterfield's") to the name
//! the registry keeps ("G.K. Butterfield"), and what a title or role word
//! says of the bearer's gender.

use super::entities::Gender;
use crate::lexicon::{GivenName, Lexicon};

#[cfg(test)]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct GivenNames {
    male: Vec<String>,
    female: Vec<String>,
    unisex: Vec<String>,
}

/// Party members as news describes someone already named ("the Kentucky
/// Republican said"). Not role nouns: before a noun they are adjectives
/// ("the Republican nomination").
pub const PARTY_MEMBERS: &[&str] = &["republican", "democrat"];

/// Whether an organisation's name says what kind it is ("Riverside
/// Library", "Ministry of Health", "Friends of Harbour Park"), so that only
/// that word refers back to it.
pub fn names_its_type(name: &str, lex: &Lexicon) -> bool {
    name.split_whitespace().any(|w| matches!(w, "of" | "for") || lex.is_org_head(w.trim_end_matches('.')))
}

/// Whether `text` holds two words or more, as `split_whitespace` reads it.
/// Asked of every name and mention: ASCII text (nearly every name) is read
/// by bytes, where `split_whitespace` decoded every character, in one pass
/// that stops at the second word.
pub fn has_two_words(text: &str) -> bool {
    // (every byte read before the second word is ASCII, so each is a
    // character: a byte that is not falls back to the characters)
    let (mut in_word, mut gap) = (false, false);
    for &b in text.as_bytes() {
        if !b.is_ascii() {
            return text.split_whitespace().nth(1).is_some();
        }
        if !space(&b) {
            if gap {
                return true;
            }
            in_word = true;
        } else {
            gap = in_word;
        }
    }
    false
}

/// The first word of `text`, as `split_whitespace` reads it (empty if none).
pub fn first_word(text: &str) -> &str {
    if !text.is_ascii() {
        return text.split_whitespace().next().unwrap_or_default();
    }
    let bytes = text.as_bytes();
    let start = bytes.iter().position(|b| !space(b)).unwrap_or(bytes.len());
    let end = bytes[start..].iter().position(space).map_or(bytes.len(), |n| start + n);
    text.get(start..end).unwrap_or_default()
}

/// The first word of `text` and, if it has two or more, its last, as
/// `split_whitespace` reads them (none if it has no word). The cast asks
/// this of every name it looks up or indexes: ASCII text is read by bytes.
pub fn first_and_last_word(text: &str) -> Option<(&str, Option<&str>)> {
    // one pass over the bytes, each word's bounds kept as it ends
    let mut first: Option<(usize, usize)> = None;
    let mut last: Option<(usize, usize)> = None;
    let mut start = None;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        if !b.is_ascii() {
            let mut ws = text.split_whitespace();
            return Some((ws.next()?, ws.next_back()));
        }
        match (space(&b), start) {
            (true, Some(s)) => {
                *(if first.is_none() { &mut first } else { &mut last }) = Some((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        *(if first.is_none() { &mut first } else { &mut last }) = Some((s, text.len()));
    }
    let (a, b) = first?;
    Some((text.get(a..b)?, last.and_then(|(a, b)| text.get(a..b))))
}

/// The ASCII characters `char::is_whitespace` takes.
fn space(b: &u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// The gender a first name usually says ("Erin" a woman), if it is a known given name.
pub fn given_name_gender(first: &str) -> Option<Gender> {
    match crate::lexicon::given_name(first)? {
        GivenName::Male => Some(Gender::Male),
        GivenName::Female => Some(Gender::Female),
        GivenName::Unisex => None,
    }
}

/// A known given name, whether or not it says a gender ("Chris").
pub fn is_given_name(word: &str) -> bool {
    crate::lexicon::given_name(word).is_some()
}

const TITLES_STRIP: &[&str] = &["the", "The"];
/// Words that qualify a title: "Deputy Minister", "Former President".
pub const TITLE_MODIFIERS: &[&str] = &[
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

/// A name without courtesy titles or a leading "the": "Rep. G.K. Butterfield" → "G.K. Butterfield",
/// "Surrey Mayor Doug McCallum" → "Doug McCallum".
pub fn clean_name(text: &str, lex: &Lexicon) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    // (the role list folds case itself: a lower-case copy of each word asked was an allocation)
    let role = |w: &str| lex.is_title(w) || lex.is_role_noun(w);
    // "Rep.", "Deputy Minister", "Prime Minister": titles and role words before the name
    let titled = |w: &&&str| TITLES_STRIP.contains(w) || role(w) || TITLE_MODIFIERS.contains(w);
    let mut skip = words.iter().take_while(titled).count();
    // a title inside the run ("ECB President Mario Draghi") starts the name after it
    let last = words.len().saturating_sub(1);
    if let Some(t) = (skip..last).rev().find(|&i| role(words[i]) && !lex.is_org_head(words[i + 1])) {
        skip = t + 1;
    }
    // "the Post's Dana Milbank": a possessor before the name is the employer
    let possessor = |w: &str| w.ends_with("'s") || w.ends_with("’s");
    if let Some(p) = (skip..last).rev().find(|&i| possessor(words[i])) {
        if !lex.is_org_head(words[p + 1]) {
            skip = p + 1;
        }
    }
    // "Friends of Riverside Library": a role word that an organisation's name
    // goes on from is the name's head, not a title
    if words.get(skip).is_some_and(|w| matches!(*w, "of" | "for" | "against")) {
        skip = 0;
    }
    let rest = words.get(skip.min(last)..).unwrap_or_default();
    strip_possessive(&rest.join(" ")).to_string()
}

/// "Levine's" → "Levine", "Sen. Roe." → "Sen. Roe" (no pattern searcher:
/// this runs for every name).
pub fn strip_possessive(name: &str) -> &str {
    let name = name.trim_end_matches(['.', ',', '’', '\'']);
    let name = name.strip_suffix("’s").or_else(|| name.strip_suffix("'s")).unwrap_or(name);
    name.trim_end_matches(['’', '\''])
}

/// "Mr." is a man, "Ms." a woman.
pub fn honorific_gender(lower: &str) -> Option<Gender> {
    match lower.trim_end_matches('.') {
        "mr" | "messrs" | "mister" | "sir" | "lord" | "king" | "prince" | "father" | "brother" | "emperor"
        | "sultan" | "sheikh" => Some(Gender::Male),
        "mrs" | "ms" | "miss" | "madam" | "madame" | "dame" | "lady" | "queen" | "princess" | "sister"
        | "empress" | "mmes" => Some(Gender::Female),
        _ => None,
    }
}

/// "spokeswoman", "the father": role words that say a gender.
pub fn role_gender(lower: &str) -> Option<Gender> {
    if let Some(g) = honorific_gender(lower) {
        return Some(g);
    }
    let w = lower.trim_end_matches('s');
    if w.ends_with("woman") || w.ends_with("women") {
        return Some(Gender::Female);
    }
    if w.ends_with("man") || w.ends_with("men") {
        return Some(Gender::Male);
    }
    match w {
        "mother" | "daughter" | "wife" | "grandmother" | "niece" | "aunt" | "actress" | "girl" | "widow" => {
            Some(Gender::Female)
        }
        "son" | "husband" | "grandfather" | "nephew" | "uncle" | "actor" | "boy" | "widower" => Some(Gender::Male),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Names read by bytes have the words `split_whitespace` finds in them.
        #[test]
        fn a_name_s_words_are_those_split_whitespace_finds(text in "[ A-Za-z.\t\n\u{b}\u{c}\r\u{1c}\u{a0}\u{2009}é’-]{0,12}") {
            proptest::prop_assert_eq!(has_two_words(&text), text.split_whitespace().count() >= 2);
            proptest::prop_assert_eq!(first_word(&text), text.split_whitespace().next().unwrap_or_default());
            let mut ws = text.split_whitespace();
            let ends = ws.next().map(|first| (first, ws.next_back()));
            proptest::prop_assert_eq!(first_and_last_word(&text), ends);
        }
    }

    #[test]
    fn titles_and_possessives_are_not_the_name() {
        let lex = Lexicon::builtin();
        assert_eq!(clean_name("Rep. G.K. Butterfield", lex), "G.K. Butterfield");
        assert_eq!(clean_name("the Kremlin", lex), "Kremlin");
        assert_eq!(clean_name("Levine's", lex), "Levine");
        assert_eq!(clean_name("Surrey Mayor Doug McCallum", lex), "Doug McCallum");
        assert_eq!(clean_name("ECB President Mario Draghi", lex), "Mario Draghi");
        assert_eq!(clean_name("Martin Luther King", lex), "Martin Luther King");
        // an employer's possessive before the name, but not a possessive name alone
        assert_eq!(clean_name("the Post's Dana Milbank", lex), "Dana Milbank");
        assert_eq!(clean_name("CBC’s Whitlock", lex), "Whitlock");
        assert_eq!(clean_name("Vancouver's Bo Horvat", lex), "Bo Horvat");
    }

    #[test]
    fn given_names_parse_and_are_unambiguous() {
        let parsed: GivenNames = toml::from_str(include_str!("../../rules/given-names.toml")).unwrap();
        assert!(parsed.male.len() > 200 && parsed.female.len() > 200);
        for n in &parsed.male {
            assert!(!parsed.female.contains(n), "{n} is listed as male and female");
        }
        for n in &parsed.unisex {
            assert!(!parsed.male.contains(n) && !parsed.female.contains(n), "{n} is unisex and gendered");
        }
        assert!(is_given_name("Chris") && given_name_gender("Chris").is_none());
        assert_eq!(given_name_gender("Erin"), Some(Gender::Female));
        assert_eq!(given_name_gender("Doug"), Some(Gender::Male));
        assert_eq!(given_name_gender("Surrey"), None);
    }

    proptest::proptest! {
        /// Why a word need not be lowered before the role list is asked:
        /// it folds case itself, and lowering twice is lowering once.
        #[test]
        fn the_role_list_folds_case_as_lowering_first_did(w in "[a-zA-ZÉéÖİΣσς.'’-]{0,10}|spokes(wo|)man|Officials|SPOKESPERSON") {
            let lex = Lexicon::builtin();
            proptest::prop_assert_eq!(lex.is_role_noun(&w), lex.is_role_noun(&w.to_lowercase()));
        }
    }

    #[test]
    fn lowering_a_lower_case_form_again_changes_nothing() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let once = c.to_lowercase().collect::<String>();
            assert_eq!(once.to_lowercase(), once, "{c:?}");
        }
    }

    #[test]
    fn genders_from_words() {
        assert_eq!(honorific_gender("ms."), Some(Gender::Female));
        assert_eq!(honorific_gender("mr."), Some(Gender::Male));
        assert_eq!(role_gender("spokeswoman"), Some(Gender::Female));
        assert_eq!(role_gender("chairman"), Some(Gender::Male));
        assert_eq!(role_gender("director"), None);
    }
}
