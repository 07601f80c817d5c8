//! Pipeline benchmarks: a pathological draft full of unmatched marks (catches
//! quadratic pairing), and throughput over the training corpus when present.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use quotelint::analyze;
use quotelint::lexicon::{Lexicon, PhraseList, RuleSources};
use quotelint::source::SourceFile;
use std::hint::black_box;
use std::time::Duration;

const TRAIN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/polnear-train.jsonl");

/// About 5 MB of prose with 100,000 quotation marks that never pair up:
/// openings left open, closings with nothing to close, in long paragraphs.
fn unmatched_marks_draft() -> String {
    const MARKS: [&str; 4] = ["“", "”", "«", "\""];
    let mut text = String::with_capacity(5_200_000);
    for i in 0..100_000 {
        text.push_str(MARKS[i % MARKS.len()]);
        text.push_str("The council argued about the harbour budget. ");
        // A paragraph break every 50 marks, so both long paragraphs and many paragraphs occur.
        text.push_str(if i % 50 == 49 { "\n\n" } else { "\n" });
    }
    text
}

fn unmatched(c: &mut Criterion) {
    let text = unmatched_marks_draft();
    let mut group = c.benchmark_group("unmatched-marks");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("analyze 5MB, 100k unmatched marks", |b| {
        b.iter(|| analyze(black_box(SourceFile::new("big.md", text.clone()))))
    });
    group.finish();
}

/// The `text` field of every line of the training corpus, or nothing when it is absent.
fn corpus_texts() -> Vec<String> {
    let Ok(raw) = std::fs::read_to_string(TRAIN) else { return Vec::new() };
    raw.lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(String::from))
        .collect()
}

fn corpus(c: &mut Criterion) {
    let texts = corpus_texts();
    if texts.is_empty() {
        eprintln!("skipping corpus throughput: {TRAIN} not found");
        return;
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group("corpus");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(format!("analyze polnear-train ({} docs)", texts.len()), |b| {
        b.iter(|| {
            for t in &texts {
                black_box(analyze(SourceFile::new("doc.md", t.clone())));
            }
        })
    });
    group.finish();
}

/// Building the built-in lexicon (every `quotelint check` pays it once) and
/// searching a sentence for every phrase list.
fn lexicon(c: &mut Criterion) {
    let mut group = c.benchmark_group("lexicon");
    group.bench_function("build built-in", |b| {
        b.iter(|| Lexicon::from_sources(black_box(&RuleSources::builtin())).expect("built-in rules"))
    });
    let lex = Lexicon::builtin();
    let sentence = "A person familiar with the talks, who spoke on condition of anonymity because she was not \
                    authorized to speak, said experts say the plan will fail, Reuters reported.";
    group.bench_function("find_phrases, 5 lists", |b| {
        b.iter(|| PhraseList::ALL.map(|list| lex.find_phrases(list, black_box(sentence)).len()))
    });
    group.finish();
}

criterion_group!(benches, lexicon, unmatched, corpus);
criterion_main!(benches);
