use super::*;
use proptest::strategy::Strategy;
use std::collections::HashMap;

fn lex() -> &'static Lexicon {
    Lexicon::builtin()
}

fn texts<'a>(text: &'a str, found: &[PhraseMatch<'_>]) -> Vec<&'a str> {
    found.iter().map(|m| text.get(m.range.clone()).unwrap_or("?")).collect()
}

#[test]
fn every_builtin_file_parses_on_its_own() {
    let b = RuleSources::builtin();
    let one = |s: RuleSources<'static>| Lexicon::from_sources(&s).map(|l| l.counts());
    assert!(one(RuleSources { speech_verbs: b.speech_verbs, ..Default::default() }).is_ok());
    assert!(one(RuleSources { outlets: b.outlets, ..Default::default() }).is_ok());
    assert!(one(RuleSources { anonymous: b.anonymous, ..Default::default() }).is_ok());
    assert!(one(RuleSources { vague: b.vague, ..Default::default() }).is_ok());
    assert!(one(RuleSources { channels: b.channels, ..Default::default() }).is_ok());
    assert!(one(RuleSources { titles: b.titles, ..Default::default() }).is_ok());
    assert!(one(RuleSources { roles: b.roles, ..Default::default() }).is_ok());
    let all = Lexicon::from_sources(&b).expect("built-in rules parse");
    assert!(all.counts().iter().all(|(_, n)| *n > 0), "{:?}", all.counts());
}

fn no_duplicates<'a, T: AsRef<str> + 'a>(what: &str, items: impl IntoIterator<Item = &'a T>) {
    let mut seen = HashMap::new();
    for item in items {
        let n = seen.entry(words::key(item.as_ref()).into_owned()).or_insert(0);
        *n += 1;
        assert_eq!(*n, 1, "{what}: {:?} is listed twice", item.as_ref());
    }
}

#[test]
fn no_list_repeats_an_entry() {
    let d = lex().data();
    let templates = |v: &'static [data::PhraseEntry]| v.iter().map(|e| &e.template);
    no_duplicates("anonymous", templates(&d.anonymous));
    no_duplicates("justification", templates(&d.justification));
    no_duplicates("vague speakers", templates(&d.vague_speakers));
    no_duplicates("weasel", templates(&d.weasel));
    no_duplicates("channels", templates(&d.channels));
    no_duplicates("titles", &d.titles);
    no_duplicates("abbreviations", d.abbreviations.iter().chain(&d.states));
    no_duplicates("roles", &d.roles);
    no_duplicates("org heads", &d.org_heads);
    no_duplicates("generic orgs", &d.generic_orgs);
    no_duplicates("bystanders", &d.bystanders);
    no_duplicates("documents", &d.documents);
    no_duplicates("outlet names", d.outlets.iter().map(|o| &o.name));
}

#[test]
fn no_outlet_spelling_belongs_to_two_outlets() {
    let mut owner: HashMap<&str, &str> = HashMap::new();
    for o in &lex().data().outlets {
        let mut mine: Vec<&str> =
            std::iter::once(&o.name).chain(&o.aliases).chain(&o.slot_only).map(|s| &**s).collect();
        mine.sort_unstable();
        mine.dedup();
        for s in mine {
            let prev = owner.insert(s, &o.name);
            assert!(prev.is_none(), "{s:?} belongs to {prev:?} and {:?}", o.name);
        }
    }
}

#[test]
fn a_verb_form_belongs_to_one_lemma() {
    // US/UK doublets ("labeled"/"labelled") repeat the lemma, which is fine.
    let mut owner: HashMap<&str, (&str, &VerbClass)> = HashMap::new();
    for v in &lex().data().verbs {
        let [base, ..] = &v.forms;
        for form in &v.forms {
            if let Some((lemma, class)) = owner.insert(form, (base, &v.class)) {
                assert!(lemma == base && *class == v.class, "{form:?} is in {lemma:?} and {base:?}");
            }
        }
    }
}

#[test]
fn inflections_are_found_with_their_form() {
    let said = lex().verb("Said").expect("said");
    assert_eq!((&*said.lemma, said.form, &said.class), ("say", VerbForm::Past, &VerbClass::Neutral));
    assert_eq!(lex().verb("telling").map(|v| v.form), Some(VerbForm::Participle));
    assert_eq!(lex().verb("tells").map(|v| v.form), Some(VerbForm::Present));
    assert_eq!(lex().verb("written").map(|v| v.form), Some(VerbForm::PastParticiple));
    assert_eq!(lex().verb("wrote").map(|v| v.form), Some(VerbForm::Past));
    assert_eq!(lex().verb("testified").map(|v| &*v.lemma), Some("testify"));
    assert!(lex().verb("table").is_none());
    assert!(lex().verb("").is_none());
}

#[test]
fn phrasal_verbs_carry_their_particle() {
    let v = lex().verb("pointed").expect("pointed");
    assert_eq!(v.lemma, "point out");
    assert_eq!(v.particle.as_deref(), Some("out"));
    assert_eq!(lex().verb("went").and_then(|v| v.particle.as_deref()), Some("on"));
}

#[test]
fn forms_listed_as_nouns_are_never_the_verb() {
    assert_eq!(lex().verb("rated").map(|v| &*v.lemma), Some("rate"));
    for word in ["rate", "rates", "rating"] {
        assert!(lex().verb(word).is_none(), "{word}");
    }
    let stray =
        r#"verb = [{ forms = ["rate", "rates", "rated", "rating"], nouns = ["ratio"], class = "neutral" }]"#;
    let err = Lexicon::from_sources(&RuleSources { speech_verbs: Some(stray), ..Default::default() }).map(|_| ());
    assert!(err.is_err_and(|e| e.to_string().contains("\"ratio\" in `nouns`")));
}

#[test]
fn loaded_verbs_say_why_and_gestures_are_not_speech() {
    match &lex().verb("claimed").expect("claimed").class {
        VerbClass::Loaded { why } => assert!(why.contains("doubt"), "{why}"),
        other => panic!("claimed is {other:?}"),
    }
    for word in ["admitted", "slammed", "quipped", "insists", "denying"] {
        assert!(matches!(lex().verb(word).map(|v| &v.class), Some(VerbClass::Loaded { .. })), "{word}");
    }
    for word in ["smiled", "laughed", "shrugged", "nodded", "coughed"] {
        assert_eq!(lex().verb(word).map(|v| &v.class), Some(&VerbClass::NonSpeech), "{word}");
    }
    for word in ["believes", "feels", "thinks", "hopes", "wants"] {
        assert_eq!(lex().verb(word).map(|v| &v.class), Some(&VerbClass::Mental), "{word}");
    }
}

#[test]
fn titles_with_or_without_the_dot() {
    assert!(lex().is_title("Sen."));
    assert!(lex().is_title("Sen"));
    assert!(lex().is_title("Prime Minister"));
    assert!(lex().is_title("Dr"));
    assert!(!lex().is_title("Smith"));
    assert!(!lex().is_title("sen."), "a capitalised title needs a capital");
}

#[test]
fn abbreviations_including_party_and_state() {
    for tok in ["U.S.", "Jan.", "a.m.", "P.M.", "D-Calif.", "(R-N.Y.", "Inc.", "Sept.", "No."] {
        assert!(lex().is_abbreviation(tok), "{tok}");
    }
    assert_eq!(lex().abbreviation("Gen."), Some(AbbrevKind::Title));
    assert_eq!(lex().abbreviation("U.N."), Some(AbbrevKind::Other));
    assert!(!lex().is_abbreviation("ill."), "only Ill. is Illinois");
    assert!(!lex().is_abbreviation("U.S"), "needs the dot");
    assert!(!lex().is_abbreviation("home."));
}

#[test]
fn roles_and_organisations() {
    assert!(lex().is_role_noun("spokeswoman"));
    assert!(lex().is_role_noun("Officials"));
    assert!(lex().is_role_noun("spokesmen"));
    assert!(lex().is_role_noun("campaign  manager"));
    assert!(!lex().is_role_noun("table"));
    assert!(lex().is_bystander_noun("Voice"));
    assert!(lex().is_bystander_noun("passers-by"));
    assert!(!lex().is_bystander_noun("spokeswoman"));
    assert!(lex().is_org_head("Ministry"));
    assert!(lex().is_org_head("White House"));
    assert!(!lex().is_org_head("house"));
    assert!(lex().is_generic_org("agency"));
    assert!(!lex().is_generic_org("sandwich"));
}

#[test]
fn outlets_match_on_word_boundaries_only() {
    let text = "APPLE said on a map that AP and Reuters' reporters saw it.";
    let found: Vec<_> = lex().find_outlets(text).into_iter().map(|(r, o)| (&text[r], &*o.name)).collect();
    assert_eq!(found, [("AP", "The Associated Press"), ("Reuters", "Reuters")]);
}

#[test]
fn slot_only_outlets_need_a_slot() {
    let text = "Time ran out, she told Time on Monday.";
    assert!(lex().find_outlets(text).is_empty());
    let (range, outlet) = lex().outlet_at(text, 22).expect("outlet after told");
    assert_eq!((&text[range], &*outlet.name), ("Time", "Time"));
    assert!(lex().outlet_at(text, 0).is_some(), "outlet_at trusts its caller");
    assert!(lex().outlet_at(text, 5).is_none());
    assert!(lex().outlet_at(text, 999).is_none());
}

#[test]
fn lower_case_the_and_state_flags() {
    let text = "a reporter for the Washington Post and one from Xinhua";
    let found = lex().find_outlets(text);
    assert_eq!(found.len(), 2);
    assert_eq!(&text[found[0].0.clone()], "the Washington Post");
    assert!(!found[0].1.state);
    assert!(found[1].1.state);
}

fn channel(text: &str) -> Vec<(String, Option<ChannelKind>, Option<String>)> {
    let found = lex().find_phrases(PhraseList::Channel, text);
    let phrase = |m: &PhraseMatch<'_>| text.get(m.range.clone()).unwrap_or("?").to_string();
    found.iter().map(|m| (phrase(m), m.channel, m.outlet.as_ref().map(|(_, o)| o.name.to_string()))).collect()
}

#[test]
fn told_an_outlet_is_an_interview_with_it() {
    let got = channel("The mayor told AFP the bridge would reopen.");
    assert_eq!(
        got,
        [("told AFP".to_string(), Some(ChannelKind::Interview), Some("Agence France-Presse".to_string()))]
    );
}

#[test]
fn quoted_by_state_media_is_relayed() {
    let got = channel("The envoy was quoted by TASS as saying talks would go on.");
    assert_eq!(got[0].1, Some(ChannelKind::Relayed));
    assert_eq!(got[0].2.as_deref(), Some("TASS"));
    let got = channel("Officials told state media the harvest was good.");
    assert_eq!(got[0], ("told state media".to_string(), Some(ChannelKind::Relayed), None));
}

#[test]
fn outlet_before_the_phrase() {
    let got = channel("Reuters reported on Tuesday that the plant had closed.");
    assert_eq!(got[0], ("Reuters reported".to_string(), Some(ChannelKind::Relayed), Some("Reuters".to_string())));
    let got = channel("The Hill has reported the same.");
    assert_eq!(got[0].2.as_deref(), Some("The Hill"));
}

#[test]
fn told_without_an_outlet_is_not_a_channel_but_told_reporters_is() {
    assert!(channel("She told her brother everything.").is_empty());
    assert_eq!(channel("He told reporters on Friday.")[0].1, Some(ChannelKind::Briefing));
}

#[test]
fn a_failed_slot_falls_back_to_the_shorter_phrase() {
    let got = channel("In an interview with her lawyer present, she said little.");
    assert_eq!(got[0], ("In an interview".to_string(), Some(ChannelKind::Interview), None));
    let got = channel("in an interview with CNN on Sunday");
    assert_eq!(got[0].0, "in an interview with CNN");
}

#[test]
fn statements_social_documents() {
    assert_eq!(channel("said in a written statement.")[0].1, Some(ChannelKind::Statement));
    assert_eq!(channel("she wrote on X late Monday")[0].1, Some(ChannelKind::Social));
    assert_eq!(channel("in a post on Telegram")[0].1, Some(ChannelKind::Social));
    assert_eq!(channel("according to a court filing")[0].1, Some(ChannelKind::Document));
    assert_eq!(channel("at a news conference")[0].1, Some(ChannelKind::Briefing));
    assert_eq!(channel("reached by phone")[0].1, Some(ChannelKind::Interview));
}

#[test]
fn anonymous_and_justification_phrases() {
    let text = "A person familiar with the talks, who spoke on condition of anonymity because \
                she was not authorized to speak publicly, said the deal was close.";
    let anon = lex().find_phrases(PhraseList::Anonymous, text);
    assert_eq!(texts(text, &anon), ["A person familiar with", "spoke on condition of anonymity"]);
    let why = lex().find_phrases(PhraseList::Justification, text);
    assert_eq!(texts(text, &why), ["because she was not authorized to speak"]);
    assert!(why[0].boilerplate);
    // any fear stated is a reason, not only a listed one
    let text = "declined to be named for fear of losing his pension";
    let why = lex().find_phrases(PhraseList::Justification, text);
    assert_eq!(texts(text, &why), ["for fear of"]);
    assert!(!why[0].boilerplate);
}

#[test]
fn vague_and_weasel_phrases() {
    let text = "It is widely believed the plan will fail, and experts say studies show as much.";
    let weasel = lex().find_phrases(PhraseList::Weasel, text);
    assert_eq!(texts(text, &weasel), ["It is widely believed", "experts say", "studies show"]);
    let text = "the same source added";
    assert_eq!(texts(text, &lex().find_phrases(PhraseList::VagueSpeaker, text)), ["the same source"]);
    assert!(lex().find_phrases(PhraseList::Weasel, "reportedlyX").is_empty());
}

#[test]
fn extend_adds_and_overrides() {
    let extra = r#"verb = [ { forms = ["explain", "explains", "explained", "explaining"], class = "neutral" },
                            { forms = ["natter", "natters", "nattered", "nattering"], class = "neutral" } ]"#;
    let outlets = r#"outlet = [ { name = "The Valley Courier", aliases = ["Courier"] } ]"#;
    let mut lexicon = Lexicon::from_sources(&RuleSources::builtin()).expect("builtin");
    let other = Lexicon::from_sources(&RuleSources {
        speech_verbs: Some(extra),
        outlets: Some(outlets),
        ..Default::default()
    })
    .expect("extra rules");
    lexicon.extend(other).expect("extend");
    assert_eq!(lexicon.verb("explained").map(|v| &v.class), Some(&VerbClass::Neutral));
    assert!(lexicon.verb("nattered").is_some());
    assert!(lexicon.verb("said").is_some());
    let got = lexicon.find_phrases(PhraseList::Channel, "she told the Valley Courier");
    assert_eq!(got[0].outlet.as_ref().map(|(_, o)| &*o.name), Some("The Valley Courier"));
}

#[test]
fn bad_rules_are_errors_not_panics() {
    let bad = |s: RuleSources<'static>| Lexicon::from_sources(&s).err().map(|e| e.to_string());
    let e = bad(RuleSources {
        speech_verbs: Some(r#"verb = [ { forms = ["x"], class = "neutral" } ]"#),
        ..Default::default()
    });
    assert!(e.is_some_and(|e| e.contains("speech-verbs.toml")));
    let e = bad(RuleSources {
        speech_verbs: Some(r#"verb = [ { forms = ["a","b","c","d"], class = "loaded" } ]"#),
        ..Default::default()
    });
    assert!(e.is_some_and(|e| e.contains("why")));
    let e =
        bad(RuleSources { channels: Some("[[channel]]\nkind = \"gossip\"\nphrases = []"), ..Default::default() });
    assert!(e.is_some());
    let e = bad(RuleSources { vague: Some("weasel = [\"it (is\"]"), ..Default::default() });
    assert!(e.is_some());
    let e = bad(RuleSources { titles: Some("titles = [1, 2]"), ..Default::default() });
    assert!(e.is_some());
}

#[test]
fn a_phrase_at_the_start_is_the_first_phrase_found_there() {
    let texts = [
        "a source close to the talks said officials familiar with the plan, speaking on condition of anonymity",
        "Reuters reported that experts say; the AP quoted him as saying, told\n  reporters in a statement",
        "people familiar with the matter told The Washington Post. some critics argue it is believed",
        "according to  reports, a senior administration official who was not authorized to speak publicly",
        "«sources said» Officials said. — two people briefed on it, the same source, Reuters’ report",
        "who was not named because the talks are private; not authorized to discuss the matter",
    ];
    let mut found = [0; 5];
    for text in texts {
        // every start of a word, and every other character boundary
        for (start, _) in text.char_indices() {
            let rest = &text[start..];
            for (i, list) in [
                PhraseList::Anonymous,
                PhraseList::Justification,
                PhraseList::VagueSpeaker,
                PhraseList::Weasel,
                PhraseList::Channel,
            ]
            .into_iter()
            .enumerate()
            {
                let first = lex().find_phrases(list, rest).into_iter().next().filter(|m| m.range.start == 0);
                let at = lex().phrase_at_start(list, rest);
                assert_eq!(at, first, "{list:?} at {rest:?}");
                found[i] += usize::from(at.is_some());
            }
        }
    }
    // each list, and an outlet before a phrase ("Reuters reported"), was met
    assert!(found.iter().all(|&n| n >= 2), "{found:?}");
    assert!(lex().phrase_at_start(PhraseList::Channel, "Reuters reported it").is_some_and(|m| m.range == (0..16)));
}

/// Two ways to hold every letter of `text` in ranges, in order and apart,
/// as [`Lexicon::find_phrases_in_words`] wants them: its runs of other than
/// whitespace, and each of its letters alone.
fn coverings(text: &str) -> [Vec<Range<usize>>; 2] {
    let runs = text
        .split(char::is_whitespace)
        .filter(|run| !run.is_empty())
        .map(|run| run.as_ptr() as usize - text.as_ptr() as usize)
        .zip(text.split(char::is_whitespace).filter(|run| !run.is_empty()).map(str::len))
        .map(|(start, len)| start..start + len)
        .collect();
    let letters =
        text.char_indices().filter(|(_, c)| c.is_alphabetic()).map(|(i, c)| i..i + c.len_utf8()).collect();
    [runs, letters]
}

/// What the drafts [`Lexicon::find_phrases_in_words`] is tested on are made of.
const DRAFT_PIECES: &[&str] = &[
    "it",
    "is",
    "It",
    "IS",
    "was",
    "widely",
    "believed",
    "said",
    "reported",
    "experts",
    "Experts",
    "say",
    "some",
    "people",
    "think",
    "according",
    "to",
    "reports",
    "by",
    "all",
    "accounts",
    "reportedly",
    "allegedly",
    "qu’il",
    "il",
    "se",
    "dit",
    "que",
    "d’aucuns",
    "d'aucuns",
    "disent",
    "selon",
    "des",
    "les",
    "de",
    "l’avis",
    "général",
    "études",
    "montrent",
    "told",
    "Reuters",
    "the",
    "AP",
    "sources",
    "’",
    "'",
    "“",
    "”",
    "—",
    " ",
    " ",
    " ",
    " ",
    "\n",
    "  ",
    "\t",
    ",",
    ".",
    "-",
    "3",
    "_",
    "é",
    "É",
    "\u{300}",
    "2pm",
    "x_it",
    "it2",
    "ßit",
];

proptest::proptest! {
    /// Looked for where the words are, every list of both languages finds
    /// what a scan of every character finds, in text of words glued to
    /// digits, underscores, apostrophes and marks, and spaced any way.
    #[test]
    fn phrases_found_from_the_words_are_those_a_scan_finds(
        text in proptest::collection::vec(proptest::sample::select(DRAFT_PIECES), 0..30).prop_map(|p| p.concat())
    ) {
        for language in [Language::En, Language::Fr] {
            let lex = Lexicon::builtin_for(language);
            for list in PhraseList::ALL {
                let scanned = lex.find_phrases(list, &text);
                for words in coverings(&text) {
                    let from_words = lex.find_phrases_in_words(list, &text, words);
                    proptest::prop_assert_eq!(&from_words, &scanned, "{:?} {:?}", language, list);
                }
            }
        }
    }

    /// A word of ASCII letters has the verb `verb_id` gives it, in any case and length.
    #[test]
    fn a_word_of_letters_has_the_verb_verb_id_gives_it(
        word in "[a-zA-Z]{1,12}|[a-z]{30,40}|said|Said|SAID|told|Told|tOLD|says|asked|ASKED|argued"
    ) {
        for language in [Language::En, Language::Fr] {
            let lex = Lexicon::builtin_for(language);
            proptest::prop_assert_eq!(lex.verb_id_of_letters(word.as_bytes()), lex.verb_id(&word));
        }
    }

    /// The verb filter rules out no word that is a verb form, in any case.
    #[test]
    fn the_verb_filter_keeps_every_verb_form(word in "[a-zA-Z’' ]{0,12}|said|Said|SAID|told|Told") {
        proptest::prop_assert_eq!(lex().verb_id(&word), verb_id_without_filter(lex(), &word));
    }
}

proptest::proptest! {
    /// The abbreviation filter rules out no spelling the lists hold, in any case.
    #[test]
    fn the_abbreviation_filter_keeps_every_abbreviation(word in "[a-zA-Z.’'(“ -]{0,8}\\.|Sen\\.|U\\.S\\.|R-Calif\\.|ill\\.|Ill\\.") {
        for language in [Language::En, Language::Fr] {
            let lex = Lexicon::builtin_for(language);
            proptest::prop_assert_eq!(lex.abbreviation(&word), abbreviation_without_filter(lex, &word));
        }
    }
}

/// [`Lexicon::abbreviation`] as it was before the filter: what it is tested against.
fn abbreviation_without_filter(lex: &Lexicon, token_with_dot: &str) -> Option<AbbrevKind> {
    let token = token_with_dot.trim().trim_start_matches(words::is_opening_punct);
    let after_party = token.rsplit_once('-').map(|(_, state)| state);
    let candidates = [Some(token), after_party].into_iter().flatten().filter(|_| token.ends_with('.'));
    candidates.into_iter().find_map(|t| words::get_cased(&lex.index.abbreviations, t))
}

#[test]
fn every_abbreviation_passes_the_abbreviation_filter() {
    let lex = lex();
    let mut found = 0;
    for (key, _) in lex.index.abbreviations.words() {
        for word in [key.to_string(), key.to_uppercase(), format!("R-{key}"), format!("({key}")] {
            assert_eq!(lex.abbreviation(&word), abbreviation_without_filter(lex, &word), "{word:?}");
            found += usize::from(lex.abbreviation(&word).is_some());
        }
    }
    assert!(found > 100, "{found}");
    assert!(lex.abbreviation("Sen.").is_some() && lex.abbreviation("said.").is_none());
}

/// [`Lexicon::verb_id`] as it was before the filter: what it is tested against.
fn verb_id_without_filter(lex: &Lexicon, word: &str) -> Option<VerbId> {
    let word = word.trim();
    let id = match word.chars().any(char::is_uppercase) {
        true => words::with_lowercase(word, |lower| lex.index.verbs.get(lower).copied()),
        false => lex.index.verbs.get(word).copied(),
    };
    id.and_then(VerbId::from_index)
}

#[test]
fn every_verb_form_passes_the_verb_filter() {
    let mut forms = 0;
    for (form, _) in lex().index.verbs.words() {
        for word in [form.to_string(), form.to_uppercase(), format!(" {form}\n")] {
            assert_eq!(lex().verb_id(&word), verb_id_without_filter(lex(), &word), "{word:?}");
            assert!(lex().verb_id(&word).is_some(), "{word:?}");
            if word.bytes().all(|b| b.is_ascii_alphabetic()) {
                assert_eq!(lex().verb_id_of_letters(word.as_bytes()), lex().verb_id(&word), "{word:?}");
            }
        }
        forms += 1;
    }
    assert!(forms > 100);
    // most words are not verb forms, and are ruled out before a lookup
    let words = ["the", "bridge", "Council", "would", "mayor", "résumé", "x"];
    assert!(words.iter().all(|w| lex().verb_id(w).is_none()));
}

#[test]
fn phrases_found_from_the_words_need_a_letter_to_start_each_pattern() {
    // a pattern starting with a digit can start where no word of letters does: such lists are scanned
    let odd = Lexicon::from_sources(&RuleSources {
        vague: Some(r#"weasel = ["3 experts say", "experts say"]"#),
        ..Default::default()
    })
    .expect("rules");
    let text = "Now 3 experts say so, and experts say more.";
    let [runs, _] = coverings(text);
    let found = odd.find_phrases_in_words(PhraseList::Weasel, text, runs);
    assert_eq!(texts(text, &found), ["3 experts say", "experts say"]);
    // with no word given there is nothing to find, where every pattern starts with a letter
    assert!(lex().find_phrases_in_words(PhraseList::Weasel, "experts say", []).is_empty());
    let text = "It is\n  widely  believed";
    let [_, letters] = coverings(text);
    let found = lex().find_phrases_in_words(PhraseList::Weasel, text, letters);
    assert_eq!(texts(text, &found), [text]);
}

/// [`Lexicon::is_generic_org`] as it was before the bound on characters.
fn generic_org_without_bound(lex: &Lexicon, word: &str) -> bool {
    words::with_key(word, |k| lex.index.generic_orgs.contains(k))
}

proptest::proptest! {
    /// The bound on characters rules out no spelling of a listed noun:
    /// whitespace, capitals and letters that lower to more (İ) or fewer
    /// bytes (the Kelvin sign) around the nouns, and whole quotations.
    #[test]
    fn the_generic_org_bound_keeps_every_noun(word in "( |\u{a0}|\n|K|\u{212A}|İ|“|”|ministry|Ministry|police department|agency|AGENCY|company|[a-z]{1,9}){0,6}") {
        for language in [Language::En, Language::Fr] {
            let lex = Lexicon::builtin_for(language);
            proptest::prop_assert_eq!(lex.is_generic_org(&word), generic_org_without_bound(lex, &word), "{:?}", word);
        }
    }
}

#[test]
fn every_generic_org_is_found_past_the_bound() {
    let lex = lex();
    let mut found = 0;
    for (key, _) in lex.index.generic_orgs.words() {
        for word in [key.to_string(), key.to_uppercase(), format!("  {}  ", key.replace(' ', "   "))] {
            assert!(lex.is_generic_org(&word), "{word:?}");
            found += 1;
        }
        // a quotation of the noun is no noun, bound or not
        assert!(!lex.is_generic_org(&format!("“{key} and more words than any noun has”")));
    }
    assert!(found > 30, "{found}");
}

proptest::proptest! {
    /// Wherever an outlet found in a text ends, the filter of the
    /// spellings' last words lets it end there: it rules out no outlet that
    /// "{outlet} said" could have found.
    #[test]
    fn every_outlet_found_may_end_where_it_ends(
        picks in proptest::collection::vec(0..14usize, 0..14),
    ) {
        const PIECES: [&str; 14] = [
            "Reuters", "The Associated Press", "AP", "Agence France-Presse", "the Hill", "said", "Hill",
            "Presse", " ", ", ", "é", "’s", "Reutersé", "x",
        ];
        let text: String = picks.iter().map(|&i| PIECES[i]).collect::<Vec<_>>().join(" ");
        let outlets = &Lexicon::builtin().index.outlets;
        for (range, _) in outlets.find(&text, true) {
            proptest::prop_assert!(outlets.may_end_at(&text, range.end), "{:?} at {:?}", text, range);
        }
        // and it answers at every character boundary without reading past it
        for end in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let _ = outlets.may_end_at(&text, end);
        }
    }
}

/// The filter lets an outlet end where one does, and rules out the words
/// that usually stand before "said" (the scan for outlets it spares).
#[test]
fn the_words_before_said_mostly_end_no_outlet() {
    let outlets = &Lexicon::builtin().index.outlets;
    let text = "Reuters said, and the Hill said, and The Associated Press said";
    let found = outlets.find(text, true);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found.iter().all(|(range, _)| outlets.may_end_at(text, range.end)));
    let words = ["mayor", "minister", "spokesman", "Smith", "officials", "police", "Ruiz", "she"];
    let ruled_out = words.iter().filter(|w| !outlets.may_end_at(&format!("the {w} said"), 4 + w.len())).count();
    assert!(ruled_out >= 6, "{ruled_out} of {} ruled out", words.len());
}
