//! The HTML report over the 84 articles of the PolNeAR dev corpus (when
//! ../shared is present): rendering the page from built reports, and the whole
//! run from text to page. Prints the page's size against the drafts' size.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use quotelint::analysis::analyze_with;
use quotelint::report::{self, DraftReport};
use quotelint::settings::Settings;
use quotelint::source::SourceFile;
use quotelint::suppression;
use std::hint::black_box;

const DEV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/polnear-dev.jsonl");

fn texts() -> Vec<String> {
    let Ok(raw) = std::fs::read_to_string(DEV) else { return Vec::new() };
    raw.lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(String::from))
        .collect()
}

fn build_all(texts: &[String], settings: &Settings) -> Vec<DraftReport> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let analysis = analyze_with(SourceFile::new(format!("a{i:03}.md"), t.clone()), settings);
            let diagnostics = suppression::check(&analysis, settings);
            report::build(analysis, diagnostics, &[], false)
        })
        .collect()
}

fn report_bench(c: &mut Criterion) {
    let texts = texts();
    if texts.is_empty() {
        eprintln!("skipping the report benchmark: {DEV} not found");
        return;
    }
    let settings = Settings::default();
    let bytes: usize = texts.iter().map(String::len).sum();
    let drafts = build_all(&texts, &settings);
    let page = report::html::render(&drafts);
    eprintln!(
        "report of {} drafts: {} bytes of HTML for {bytes} bytes of drafts ({:.2}x)",
        drafts.len(),
        page.len(),
        page.len() as f64 / bytes as f64
    );
    let mut group = c.benchmark_group("report");
    group.sample_size(20);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(format!("render the page of {} drafts", drafts.len()), |b| {
        b.iter(|| report::html::render(black_box(&drafts)))
    });
    group.bench_function(format!("analyse, check, build and render {} drafts", texts.len()), |b| {
        b.iter(|| report::html::render(&build_all(black_box(&texts), &settings)))
    });
    group.finish();
}

criterion_group!(benches, report_bench);
criterion_main!(benches);
