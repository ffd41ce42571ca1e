//! `cargo bench --bench build`: documents per second of `yijian build` —
//! the shipped catalog (`rules/`) in every format, and a synthetic workspace
//! of 1,000 items (`yijian::synth`) in HTML and Markdown (PDF on its first
//! 100 items). Throughput counts documents: each format of each 办事指南,
//! 一次性告知单 and 受理清单. "render" is one thread in memory (model, blocks,
//! formats); "build" is the whole command into a temporary folder (all
//! cores, files written).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::path::PathBuf;
use yijian::documents::{self as build, Formats, model};
use yijian::synth::{Config, workspace};
use yijian::workspace::{Compiled, Workspace, check, discover};

fn formats(pdf: bool) -> Formats {
    Formats {
        html: !pdf,
        markdown: !pdf,
        pdf,
        flow: !pdf,
        json: false,
    }
}

fn documents(model: &model::Model, formats: Formats) -> u64 {
    let per_subject = 3 * (u64::from(formats.html) + u64::from(formats.markdown) + u64::from(formats.pdf));
    (model.items.len() + model.things.len()) as u64 * per_subject
}

fn bench(c: &mut Criterion, name: &str, ws: &Workspace, compiled: &Compiled, formats: Formats) {
    assert!(compiled.diagnostics.is_empty(), "{name}: the workspace must be clean");
    let model = model::compute(name, compiled);
    let mut group = c.benchmark_group(format!("build-{name}"));
    group.sample_size(10);
    group.throughput(Throughput::Elements(documents(&model, formats)));
    let label = if formats.pdf { "pdf" } else { "html+markdown" };
    group.bench_function(BenchmarkId::new("render", label), |b| {
        b.iter(|| {
            let model = model::compute(name, compiled);
            build::render_all(&model, formats)
        })
    });
    group.bench_function(BenchmarkId::new("build", label), |b| {
        // The folder is removed after timing.
        b.iter_with_large_drop(|| {
            let out = tempfile::tempdir().unwrap();
            let config = build::Config {
                out: out.path().to_path_buf(),
                formats,
                progress: false,
            };
            let summary = build::build(&[(ws, compiled)], &config).unwrap();
            (out, summary)
        })
    });
    group.finish();
}

fn bench_build(c: &mut Criterion) {
    let discovery = discover(&[PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("rules")]);
    let ws = &discovery.workspaces[0];
    let compiled = check(ws);
    bench(c, "shipped", ws, &compiled, formats(false));
    if cfg!(feature = "pdf") {
        bench(c, "shipped", ws, &compiled, formats(true));
    }

    let ws = Workspace::from_texts(workspace(Config::items(1_000)));
    let compiled = check(&ws);
    bench(c, "1000-items", &ws, &compiled, formats(false));
    if cfg!(feature = "pdf") {
        let ws = Workspace::from_texts(workspace(Config::items(100)));
        let compiled = check(&ws);
        bench(c, "100-items", &ws, &compiled, formats(true));
    }
}

criterion_group!(benches, bench_build);
criterion_main!(benches);
