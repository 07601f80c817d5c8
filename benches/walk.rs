//! Checking a directory of 1,000 generated drafts the way `quotelint check DIR`
//! does (walk, read, analyse and run every rule per file in parallel), on a
//! rayon pool of 1 thread and of 2 threads, to measure the parallel speed-up.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use quotelint::cli::args::Inputs;
use quotelint::cli::input;
use quotelint::{analyze, rules};
use std::hint::black_box;
use std::path::Path;

const DRAFTS: usize = 1_000;

/// A few kilobytes of fictional wire copy, with a QF001 and a QF002 in some drafts.
fn draft(i: usize) -> String {
    let mut text = format!("# Council story {i}\n\n");
    for p in 0..12 {
        text.push_str(&format!(
            "“The harbour budget for ward {p} will be settled by Friday,” said Councillor Mira Osei, \
             who chairs the finance committee. The committee met for the {i}th time on Tuesday, \
             and members argued over the dredging contract for most of the afternoon.\n\n"
        ));
    }
    if i % 3 == 0 {
        text.push_str("\"We are not done,\" a spokesman said.\n\n");
    }
    if i % 7 == 0 {
        text.push_str("“Nobody has explained the delay, said one resident.\n");
    }
    text
}

fn write_drafts(root: &Path) -> u64 {
    let mut bytes = 0;
    for i in 0..DRAFTS {
        let dir = root.join(format!("desk{}", i % 10));
        std::fs::create_dir_all(&dir).expect("desk directory");
        let text = draft(i);
        bytes += text.len() as u64;
        std::fs::write(dir.join(format!("story{i:04}.md")), text).expect("draft written");
    }
    bytes
}

fn check_dir(inputs: &Inputs) -> usize {
    let outcome = input::process(inputs, &quotelint::config::ConfigChoice::Isolated, |file| {
        rules::check_all(&analyze(file), &quotelint::settings::Settings::default()).len()
    });
    outcome.results.iter().sum()
}

fn directory(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let bytes = write_drafts(dir.path());
    let inputs = Inputs {
        paths: vec![dir.path().to_path_buf()],
        stdin_filename: "<stdin>".into(),
        exclude: Vec::new(),
        verbose: false,
        staged: false,
        max_file_size: quotelint::source::DEFAULT_MAX_SIZE,
        time_limit: 60.0,
        memory_limit: 2 << 30,
        input_format: None,
    };
    let mut group = c.benchmark_group("check-1000-drafts");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes));
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("thread pool");
        let found = pool.install(|| check_dir(&inputs));
        assert!(found > 0, "the generated drafts have findings");
        group.bench_function(format!("{threads} thread(s)"), |b| {
            b.iter(|| pool.install(|| black_box(check_dir(&inputs))))
        });
    }
    // The serial part: walking and sorting the paths, before any file is read.
    group.bench_function("walk only", |b| {
        b.iter(|| {
            black_box(
                quotelint::walk::collect(&inputs.paths, &inputs.exclude, &mut |p| quotelint::walk::is_markdown(p))
                    .map(|w| w.targets.len()),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, directory);
criterion_main!(benches);
