//! Quote provenance at newsroom scale: 200 generated transcripts of an hour
//! of speech each (about 9,000 words, ~150 words a minute, in speaker turns)
//! and a draft of 50 quotes (verbatim, with an ellipsis, one word changed,
//! and not in the sources). Measures indexing the sources, looking up the 50
//! quotes, and checking the draft with every rule.

use criterion::{criterion_group, criterion_main, Criterion};
use quotelint::provenance::{self, SourceDoc, SourceSet, Sources};
use quotelint::settings::Settings;
use quotelint::source::SourceFile;
use std::hint::black_box;
use std::sync::Arc;

const TRANSCRIPTS: usize = 200;
const WORDS_PER_TRANSCRIPT: usize = 9_000;
const QUOTES: usize = 50;
const SURNAMES: [&str; 8] = ["Owusu", "Nair", "Lindqvist", "Haddad", "Moreau", "Okafor", "Brennan", "Takeda"];

/// A small deterministic generator (xorshift), so every run sees the same text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Skewed towards small numbers, as word frequencies are.
    fn zipfish(&mut self, n: usize) -> usize {
        let u = (self.next() % 10_000) as f64 / 10_000.0;
        ((u * u * u) * n as f64) as usize
    }
}

fn vocabulary() -> Vec<String> {
    let common =
        "the a to of and in that is it we was for on they with be not this have at but i you said will there";
    let syllables = ["ka", "mo", "ri", "den", "sal", "tor", "vin", "el", "bru", "pha", "nok", "te", "ques", "lam"];
    let mut words: Vec<String> = common.split(' ').map(str::to_string).collect();
    for a in syllables {
        for b in syllables {
            for c in ["", "s", "ed", "ing"] {
                words.push(format!("{a}{b}{c}"));
            }
        }
    }
    words
}

/// One transcript: alternating interviewer and guest turns of 20–120 words.
fn transcript(i: usize, vocab: &[String], rng: &mut Rng) -> String {
    let guest = format!("DANA {}", SURNAMES[i % SURNAMES.len()].to_uppercase());
    let mut text = format!("---\nchannel: interview\ndate: 2024-05-{:02}\n---\n", i % 28 + 1);
    let mut words = 0;
    let mut turn = 0;
    while words < WORDS_PER_TRANSCRIPT {
        let speaker = if turn % 2 == 0 { "INTERVIEWER" } else { guest.as_str() };
        text.push_str(&format!("[{:02}:{:02}:00] {speaker}:", words / 9000, (words / 150) % 60));
        let len = 20 + (rng.next() % 100) as usize;
        for k in 0..len {
            text.push(' ');
            text.push_str(&vocab[rng.zipfish(vocab.len())]);
            if k % 14 == 13 {
                text.push('.');
            }
        }
        text.push_str(".\n\n");
        words += len;
        turn += 1;
    }
    text
}

fn setup() -> (Vec<SourceFile>, String) {
    let vocab = vocabulary();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let files: Vec<SourceFile> = (0..TRANSCRIPTS)
        .map(|i| SourceFile::new(format!("transcripts/{i:03}.txt"), transcript(i, &vocab, &mut rng)))
        .collect();
    let mut draft = String::from("# Generated story\n\n");
    for q in 0..QUOTES {
        let t = (rng.next() as usize) % TRANSCRIPTS;
        let doc = SourceDoc::new(files[t].clone());
        let start = (rng.next() as usize) % (doc.tokens.len() - 40);
        let words: Vec<&str> = doc.tokens[start..start + 18]
            .iter()
            .map(|tok| doc.file.text.get(tok.range()).unwrap_or_default())
            .collect();
        let mut quote = words.join(" ");
        match q % 4 {
            1 => quote = format!("{} … {}", words[..7].join(" "), words[10..].join(" ")),
            2 => quote = quote.replacen(words[5], "otherwise", 1),
            3 => quote = (0..14).map(|_| vocab[rng.zipfish(vocab.len())].as_str()).collect::<Vec<_>>().join(" "),
            _ => {}
        }
        draft.push_str(&format!("“{quote},” said Dana {}.\n\n", SURNAMES[t % SURNAMES.len()]));
    }
    (files, draft)
}

fn index(files: &[SourceFile]) -> SourceSet {
    let docs = files.iter().cloned().map(SourceDoc::new).collect();
    SourceSet::new(docs, Vec::new())
}

fn bench(c: &mut Criterion) {
    let (files, draft) = setup();
    let mut group = c.benchmark_group("provenance");
    group.sample_size(10);
    group.bench_function("index 200 one-hour transcripts", |b| b.iter(|| black_box(index(&files))));
    let sources = Sources::new(vec![Arc::new(index(&files))]);
    let analysis = quotelint::analyze(SourceFile::new("story.md", draft.clone()));
    let verdicts = provenance::verify(&analysis, &sources);
    assert_eq!(verdicts.len(), QUOTES);
    let count = |f: fn(&provenance::Outcome) -> bool| verdicts.iter().filter(|v| f(&v.outcome)).count();
    eprintln!(
        "50 quotes: {} verbatim, {} altered, {} not found, {} misattributed",
        count(|o| matches!(o, provenance::Outcome::Verbatim(_))),
        count(|o| matches!(o, provenance::Outcome::Altered { .. })),
        count(|o| matches!(o, provenance::Outcome::NotFound)),
        verdicts.iter().filter(|v| v.misattributed.is_some()).count()
    );
    group.bench_function("look up 50 quotes", |b| b.iter(|| black_box(provenance::verify(&analysis, &sources))));
    let settings = Settings { sources: sources.clone(), ..Settings::default() };
    group.bench_function("check the 50-quote draft, every rule", |b| {
        b.iter(|| black_box(quotelint::suppression::check(&analysis, &settings)))
    });
    group.bench_function("index and check, end to end", |b| {
        b.iter(|| {
            let settings =
                Settings { sources: Sources::new(vec![Arc::new(index(&files))]), ..Settings::default() };
            let analysis = quotelint::analyze(SourceFile::new("story.md", draft.clone()));
            black_box(quotelint::suppression::check(&analysis, &settings))
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
