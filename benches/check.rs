//! `cargo bench`: parse + check of synthetic workspaces of 1,000 and 10,000
//! items, with throughput in bytes, and the phases separately at 1,000 items.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use yijian::diagnostics::FileId;
use yijian::synth::{Config, workspace};
use yijian::workspace::{Workspace, check};

fn bench_check(c: &mut Criterion) {
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    for n_items in [1_000, 10_000] {
        let files = workspace(Config::items(n_items));
        let bytes: usize = files.iter().map(|(_, text)| text.len()).sum();
        let ws = Workspace::from_texts(files);
        assert!(
            check(&ws).diagnostics.is_empty(),
            "the synthetic workspace must be clean"
        );
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_with_input(BenchmarkId::new("parse+check", n_items), &ws, |b, ws| {
            b.iter(|| check(ws))
        });
    }
    group.finish();

    let files = workspace(Config::items(1_000));
    let bytes: usize = files.iter().map(|(_, text)| text.len()).sum();
    let mut group = c.benchmark_group("phases-1000");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("parse", |b| {
        b.iter(|| {
            for (index, (_, text)) in files.iter().enumerate() {
                let _ = yijian::syntax::parse(FileId(index as u32), text);
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench_check);
criterion_main!(benches);
