use criterion::{criterion_group, criterion_main, Criterion};

fn pipeline(c: &mut Criterion) {
    let text = "“Hello,” she said.\n\n".repeat(100);
    c.bench_function("analyze small", |b| {
        b.iter(|| quotelint::analyze(quotelint::source::SourceFile::new("x.md", text.clone())))
    });
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
