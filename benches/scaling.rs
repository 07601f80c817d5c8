//! Issue 10's linearity targets, in process: `check` (analysis, every rule,
//! a printer) on each generated draft shape at 0.25 and 2 MB, so criterion's
//! throughput at the two sizes shows whether time per MB holds as a draft
//! grows 8×; and the training corpus as 840 drafts against the same text as
//! one draft; and drafts with thousands of suppression comments
//! (`cargo bench --bench scaling`). Whole processes, peak memory and
//! 1–8 MB drafts: `benches/scaling.sh`.

#[path = "support/shapes.rs"]
mod shapes;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use quotelint::render::{self, FileDiagnostics};
use quotelint::settings::Settings;
use quotelint::source::SourceFile;
use quotelint::{analyze, rules, suppression};
use shapes::Shape;
use std::hint::black_box;
use std::time::Duration;

const TRAIN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/polnear-train.jsonl");

/// Checks one draft and prints its findings in `format`; the printed bytes.
fn check(text: &str, settings: &Settings, format: &str) -> usize {
    let analysis = analyze(SourceFile::new("draft.md", text));
    let diagnostics = rules::check_all(&analysis, settings);
    let files = [FileDiagnostics::new(analysis.file, diagnostics)];
    let out = match format {
        "sarif" => render::sarif::render(&files),
        "json" => render::json::render(&files),
        _ => render::concise::render(&files),
    };
    out.len()
}

fn shapes(c: &mut Criterion) {
    let settings = Settings::default();
    let mut group = c.benchmark_group("scaling");
    group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    for shape in Shape::ALL {
        for kb in [250, 2_000] {
            let text = shape.generate(kb * 1_000);
            group.throughput(Throughput::Bytes(text.len() as u64));
            // SARIF (the slowest printer) on the shapes with the most findings per MB or a line
            let sarif = matches!(shape.name(), "long-lines" | "said" | "findings-on-a-line");
            let formats: &[&str] = if sarif { &["concise", "sarif"] } else { &["concise"] };
            for &format in formats {
                group.bench_function(format!("{} {kb} KB {format}", shape.name()), |b| {
                    b.iter(|| black_box(check(&text, &settings, format)))
                });
            }
        }
    }
    group.finish();
}

fn corpus(c: &mut Criterion) {
    let texts = shapes::corpus_texts(TRAIN);
    if texts.is_empty() {
        eprintln!("corpus benchmark skipped: {TRAIN} not found");
        return;
    }
    let settings = Settings::default();
    let joined = texts.join("\n\n");
    let mut group = c.benchmark_group("corpus-check");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(joined.len() as u64));
    group.bench_function(format!("{} drafts", texts.len()), |b| {
        b.iter(|| texts.iter().map(|t| check(t, &settings, "concise")).sum::<usize>())
    });
    group.bench_function("one concatenated draft", |b| b.iter(|| black_box(check(&joined, &settings, "concise"))));
    group.finish();
}

/// Suppression comments: directives and findings in equal numbers, 2,000
/// and 16,000 of each, so the throughput shows whether the cost per
/// directive holds as their number grows 8×.
fn suppressions(c: &mut Criterion) {
    let settings = Settings::default();
    let mut group = c.benchmark_group("suppressions");
    group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    for n in [2_000, 16_000] {
        let text = shapes::suppressed(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(format!("{n} directives"), |b| {
            b.iter(|| {
                // the whole per-file check, suppressions and their hygiene findings included
                let analysis = analyze(SourceFile::new("draft.md", text.as_str()));
                let diagnostics = suppression::check(&analysis, &settings);
                let files = [FileDiagnostics::new(analysis.file, diagnostics)];
                black_box(render::concise::render(&files).len())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, shapes, corpus, suppressions);
criterion_main!(benches);
