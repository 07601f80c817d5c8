//! French agency copy attributed as well as its English twin: the stories
//! in fixtures/french/ (written for the project, each with its expected
//! speakers) are scored in both languages, and the French may not do worse.
//! `cargo test --test it french:: -- --nocapture` prints the figures.

use crate::common;

use common::{docx, drafts, path, quotelint};
use quotelint::analysis::{analyze_with, Analysis};
use quotelint::attribution::SpeakerKind;
use quotelint::lexicon::Language;
use quotelint::settings::Settings;
use quotelint::source::SourceFile;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/french")
}

/// The stories, by name (`kremlin` for kremlin.fr.txt and kremlin.en.txt).
fn stories() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures())
        .expect("fixtures/french")
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".fr.txt").map(str::to_string))
        .collect();
    names.sort();
    names
}

fn analyse(name: &str, lang: &str) -> Analysis {
    let path = fixtures().join(format!("{name}.{lang}.txt"));
    let text = std::fs::read_to_string(&path).expect("story");
    analyze_with(SourceFile::new(path.display().to_string(), text), &Settings::default())
}

/// Whether the quote starting with `key` is attributed as `expected` says;
/// a line of the expected file that finds no quote counts as wrong.
fn correct(a: &Analysis, key: &str, expected: &str) -> Result<(), String> {
    let Some(i) = a.scan.quotes.iter().position(|q| q.text(&a.doc).trim_start().starts_with(key)) else {
        return Err(format!("no quote starts with {key:?}"));
    };
    let speaker = a.attributions.get(i).and_then(|x| x.speaker.as_ref());
    let ok = match (expected, speaker) {
        (_, None) => false,
        ("@anonymous", Some(s)) => s.kind == SpeakerKind::Anonymous,
        ("@vague", Some(s)) => s.kind == SpeakerKind::Vague,
        ("@role", Some(s)) => matches!(s.kind, SpeakerKind::Role | SpeakerKind::Organization),
        (name, Some(s)) => s.name.as_deref() == Some(name),
    };
    ok.then_some(()).ok_or_else(|| {
        let got = speaker.map_or("nobody".to_string(), |s| format!("{:?} {:?} ({:?})", s.mention, s.name, s.kind));
        format!("{key:?}: expected {expected}, got {got}")
    })
}

/// (right, total, what went wrong) over every story in `lang`.
fn score(lang: &str) -> (usize, usize, Vec<String>) {
    let (mut right, mut total, mut wrong) = (0, 0, Vec::new());
    for name in stories() {
        let a = analyse(&name, lang);
        let expected =
            std::fs::read_to_string(fixtures().join(format!("{name}.{lang}.expected"))).expect("expected");
        for line in expected.lines().filter(|l| !l.trim().is_empty()) {
            let (key, who) = line.split_once('|').expect("`first words | speaker`");
            total += 1;
            match correct(&a, key.trim(), who.trim()) {
                Ok(()) => right += 1,
                Err(e) => wrong.push(format!("{name}.{lang}: {e}")),
            }
        }
    }
    (right, total, wrong)
}

#[test]
fn french_agency_copy_is_attributed_as_well_as_its_english_twin() {
    assert!(stories().len() >= 6, "the French stories are here");
    let (fr, fr_total, fr_wrong) = score("fr");
    let (en, en_total, en_wrong) = score("en");
    eprintln!("French speakers right: {fr}/{fr_total}; English twins: {en}/{en_total}");
    for w in fr_wrong.iter().chain(&en_wrong) {
        eprintln!("  {w}");
    }
    assert_eq!(fr_total, en_total, "every story has the same quotes in both languages");
    assert!(fr >= en, "French {fr}/{fr_total} is worse than English {en}/{en_total}:\n{}", fr_wrong.join("\n"));
    assert!(fr * 10 >= fr_total * 9, "French {fr}/{fr_total} is below 90%:\n{}", fr_wrong.join("\n"));
}

#[test]
fn the_language_comes_from_the_draft_or_the_config() {
    let draft = "PARIS (AFP) - La réunion a eu lieu lundi.\n\n« Nous ne céderons pas », a déclaré Jean Dupont.\n";
    let fr = analyze_with(SourceFile::new("a.txt", format!("---\nlang: fr\n---\n{draft}")), &Settings::default());
    assert_eq!(fr.language, Language::Fr);
    assert_eq!(fr.attributions[0].speaker.as_ref().and_then(|s| s.name.as_deref()), Some("Jean Dupont"));
    let settings = Settings { language: Language::Fr, ..Settings::default() };
    let configured = analyze_with(SourceFile::new("a.txt", draft), &settings);
    assert_eq!(configured.language, Language::Fr);
    let page = analyze_with(
        SourceFile::new("a.html", format!("<html lang=\"fr-FR\"><p>{draft}</p>")),
        &Settings::default(),
    );
    assert_eq!(page.language, Language::Fr);
    // an English draft stays English, whatever its words
    let en = analyze_with(SourceFile::new("a.txt", draft), &Settings::default());
    assert_eq!(en.language, Language::En);
}

#[test]
fn inversions_elisions_and_selon_read_as_their_english_shapes() {
    let settings = Settings { language: Language::Fr, ..Settings::default() };
    let cases = [
        ("Marie Dubois est arrivée.\n\n« Nous partirons », a-t-elle dit.", "Marie Dubois", "dit"),
        ("Paul Martin est arrivé.\n\n« Nous partirons », déclare-t-il à l’AFP.", "Paul Martin", "déclare"),
        ("« Nous partirons », a déclaré M. Jean Dupont.", "Jean Dupont", "déclaré"),
        ("Selon Mme Claire Petit, « rien n’est joué ».", "Claire Petit", "Selon"),
        ("D’après Luc Bernard, « rien n’est joué ».", "Luc Bernard", "D’après"),
        ("Le porte-parole, Hugo Leroy, a affirmé : « Rien n’est joué. »", "Hugo Leroy", "affirmé"),
    ];
    for (draft, name, cue) in cases {
        let draft = format!("PARIS (AFP) - La réunion a eu lieu lundi.\n\n{draft}");
        let a = analyze_with(SourceFile::new("a.txt", draft.as_str()), &settings);
        let at = a.attributions.iter().find(|x| x.speaker.is_some()).unwrap_or_else(|| panic!("{draft}"));
        assert_eq!(at.speaker.as_ref().and_then(|s| s.name.as_deref()), Some(name), "{draft}");
        assert_eq!(at.cue.as_ref().map(|c| &*c.text), Some(cue), "{draft}");
    }
    let draft = "PARIS (AFP) - La réunion a eu lieu lundi.\n\n« Rien n’est joué », a indiqué à l’AFP une source proche du dossier.";
    let a = analyze_with(SourceFile::new("a.txt", draft), &settings);
    let at = &a.attributions[0];
    assert_eq!(at.speaker.as_ref().map(|s| s.kind), Some(SpeakerKind::Anonymous));
    assert_eq!(at.channel.as_ref().and_then(|c| c.outlet.as_deref()), Some("AFP"));
}

/// The codes `check --format concise` reports, in order.
fn codes(out: &str) -> Vec<&str> {
    out.lines().filter_map(|l| l.split_once('[')?.1.split_once(']').map(|(code, _)| code)).collect()
}

#[test]
fn check_reads_french_by_the_config_or_the_front_matter() {
    let draft = "PARIS (AFP) - La réunion a eu lieu lundi.\n\n\
                 « Nous ne céderons pas », a déclaré Jean Dupont à l’AFP.\n\n\
                 « Rien n’est joué », a-t-il ajouté.\n";
    let fronted = format!("---\nlang: fr\n---\n{draft}");
    let english = drafts(&[("a.txt", draft.as_bytes())]);
    let configured = drafts(&[("a.txt", draft.as_bytes()), ("quotelint.toml", b"language = \"fr\"\n")]);
    let front_matter = drafts(&[("a.md", fronted.as_bytes())]);
    let bad = drafts(&[("a.txt", draft.as_bytes()), ("quotelint.toml", b"language = \"klingon\"\n")]);
    let run = |dir: &tempfile::TempDir| {
        quotelint(&["check", "--format", "concise", &dir.path().display().to_string()], "")
    };
    // read as English, neither quote has a speaker
    let out = run(&english);
    assert_eq!(codes(&out.stdout), ["QA001", "QA001"], "{}", out.stdout);
    // read as French, both are Jean Dupont's, and the first says how it was obtained
    for dir in [&configured, &front_matter] {
        let out = run(dir);
        assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
        assert!(codes(&out.stdout).is_empty(), "{}", out.stdout);
    }
    let out = run(&bad);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("quotelint.toml:1:12: unknown language `klingon` (use \"en\" or \"fr\")"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_word_document_marked_french_is_read_as_french() {
    let run = |text: &str, lang: &str| {
        format!("<w:r><w:rPr><w:lang w:val=\"{lang}\"/></w:rPr><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
    };
    let story = |lang: &str| {
        let body = format!(
            "<w:p>{}</w:p><w:p>{}</w:p>",
            run("PARIS (AFP) - La réunion a eu lieu lundi.", lang),
            run("« Nous ne céderons pas », a déclaré Jean Dupont.", lang)
        );
        docx::package(&docx::document_xml(&body))
    };
    let dir = drafts(&[("fr.docx", &story("fr-FR")), ("en.docx", &story("en-GB"))]);
    let speaker = |name: &str| {
        let out = quotelint(&["quotes", "--format", "json", &path(&dir, name)], "");
        let v: serde_json::Value =
            serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout));
        v["files"][0]["quotes"][0]["speaker"]["name"].as_str().map(str::to_string)
    };
    assert_eq!(speaker("fr.docx").as_deref(), Some("Jean Dupont"));
    // the same words in a document marked English are read with the English lists
    assert_eq!(speaker("en.docx"), None);
}
