//! `cargo bench`: parse + check of synthetic workspaces of 1,000 and 10,000
//! items, with throughput in bytes, each beside its floor (a bare pest parse
//! of the same texts on both cores), and the phases separately at 1,000 items;
//! the checks (situation analysis included) on items with 2, 5 and 10
//! situation variables; the exact situation analysis on one item with 10, 20,
//! 30 and 40 variables and 300 conditional materials; catalogs (实施清单) of 10,000 entries in 14 files
//! checked against 1,000 items, in YAML and in JSON, each next to its floor
//! (serde-saphyr or serde_json alone loading the same text); and recovery from syntax errors (`recovery`): 1,000, 10,000 and
//! 100,000 lines of unclosed braces, of small errors (a field without its
//! colon) and of valid declarations, whose time must grow linearly. The province-size run (100,000 entries, 140 files) is measured with
//! the release binary: see the book's catalog page.
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
        // The floor: pest alone on the same texts, on both cores as check
        // parses them (no brace pairing, no trees, no checks).
        let texts: Vec<&str> = ws.files.iter().map(|f| f.text.as_str()).collect();
        assert!(texts.iter().all(|t| yijian::syntax::pest_only(t)));
        group.bench_with_input(
            BenchmarkId::new("floor: bare pest parse", n_items),
            &texts,
            |b, texts| b.iter(|| yijian::parallel::map_weighted(texts, |t| t.len(), |t| yijian::syntax::pest_only(t))),
        );
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
    // The lossless tree of the formatter and the language server, built
    // from the same pest parse as the typed tree.
    group.bench_function("parse, both trees", |b| {
        b.iter(|| {
            for (index, (_, text)) in files.iter().enumerate() {
                let _ = yijian::syntax::parse_lossless(FileId(index as u32), text);
            }
        })
    });
    group.bench_function("fmt (parse, print, re-parse and compare)", |b| {
        b.iter(|| {
            for (_, text) in &files {
                let _ = yijian::format::format(text, yijian::format::Config::default());
            }
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    bench_check,
    bench_situations,
    bench_exact_situations,
    bench_catalogs,
    bench_recovery
);
criterion_main!(benches);

/// Situation analysis: items with 2, 5 and 10 situation variables.
fn bench_situations(c: &mut Criterion) {
    let mut group = c.benchmark_group("situations-200-items");
    group.sample_size(10);
    for n_vars in [2, 5, 10] {
        let ws = Workspace::from_texts(yijian::synth::situational(200, n_vars));
        let compiled = check(&ws);
        assert!(
            compiled.diagnostics.is_empty(),
            "{:?}",
            compiled.diagnostics.first().map(|d| d.code)
        );
        group.throughput(Throughput::Elements(200));
        group.bench_with_input(BenchmarkId::new("analysis+checks", n_vars), &compiled, |b, compiled| {
            b.iter(|| {
                let mut out = Vec::new();
                let analyses = yijian::analysis::Analyses::new(&compiled.ir);
                yijian::checks::run(&compiled.ir, &compiled.graphs, &analyses, &mut out);
                out
            })
        });
    }
    group.finish();
}

/// The exact situation analysis: one item with 10, 20, 30 and 40 situation
/// variables and 300 conditional materials ([`yijian::synth::many_situations`]),
/// whose claims and promise the bound with everything applying breaks, so
/// that the checks search its situations (2^40 and more combinations at 40).
fn bench_exact_situations(c: &mut Criterion) {
    let mut group = c.benchmark_group("situations-exact-300-materials");
    group.sample_size(10);
    for n_vars in [10, 20, 30, 40] {
        let ws = Workspace::from_texts(yijian::synth::many_situations(n_vars, 300));
        let compiled = check(&ws);
        assert!(
            compiled.diagnostics.is_empty(),
            "{:?}",
            compiled.diagnostics.first().map(|d| d.code)
        );
        group.bench_with_input(BenchmarkId::new("check", n_vars), &ws, |b, ws| b.iter(|| check(ws)));
    }
    group.finish();
}

/// Catalogs: 10,000 entries in 14 county files against 1,000 items, in YAML
/// and in JSON (the same documents). Per format: the whole catalog check on
/// both cores (rules compiled beforehand), reading alone into the typed model
/// on one thread, and the floor on one thread (serde-saphyr or serde_json
/// into `IgnoredAny`). For JSON also the alternatives weighed for positions:
/// serde_json into the typed model (no positions) and serde-saphyr reading
/// the JSON text (JSON is YAML) into the typed model.
fn bench_catalogs(c: &mut Criterion) {
    use yijian::catalog::model::CatalogDoc;
    use yijian::synth::CatalogFormat;
    use yijian::workspace::FileKind;
    let rules = workspace(Config::items(1_000));
    let compiled = check(&Workspace::from_texts(rules.clone()));
    for (format, name) in [(CatalogFormat::Yaml, "yaml"), (CatalogFormat::Json, "json")] {
        let catalogs = yijian::synth::catalogs(
            &compiled.ir,
            yijian::synth::CatalogConfig {
                n_entries: 10_000,
                n_files: 14,
                format,
            },
        );
        let bytes: usize = catalogs.iter().map(|(_, text)| text.len()).sum();
        let ws = Workspace::from_texts(rules.iter().cloned().chain(catalogs.clone()));
        assert_eq!(ws.n_catalogs(), 14);
        let full = check(&ws);
        assert!(full.diagnostics.is_empty(), "the synthetic catalogs must be clean");
        let files: Vec<(FileId, &yijian::workspace::SourceFile)> = ws
            .files
            .iter()
            .enumerate()
            .filter(|(_, f)| f.kind == FileKind::Catalog)
            .map(|(i, f)| (FileId(i as u32), f))
            .collect();
        let mut group = c.benchmark_group(format!("catalogs-10000-entries-{name}"));
        group.sample_size(10);
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function("catalog check, both cores", |b| {
            b.iter(|| {
                let mut out = Vec::new();
                // Fresh analyses: the worst cases are computed in each run, as `check` does.
                let analyses = yijian::analysis::Analyses::new(&full.ir);
                yijian::catalog::check(&ws.files, false, &full.ir, &analyses, &mut out);
                out
            })
        });
        group.bench_function("yijian reading into the model, one thread", |b| {
            b.iter(|| {
                let mut out = Vec::new();
                for (id, file) in &files {
                    std::hint::black_box(yijian::catalog::parse(*id, file, &mut out));
                }
                assert!(out.is_empty());
            })
        });
        match format {
            CatalogFormat::Yaml => {
                group.bench_function("floor: serde-saphyr into IgnoredAny, one thread", |b| {
                    b.iter(|| {
                        for (_, text) in &catalogs {
                            let docs: Vec<serde::de::IgnoredAny> = serde_saphyr::from_multiple(text).unwrap();
                            std::hint::black_box(docs);
                        }
                    })
                });
            }
            CatalogFormat::Json => {
                group.bench_function("floor: serde_json into IgnoredAny, one thread", |b| {
                    b.iter(|| {
                        for (_, text) in &catalogs {
                            let doc: serde::de::IgnoredAny = serde_json::from_str(text).unwrap();
                            std::hint::black_box(doc);
                        }
                    })
                });
                group.bench_function("serde_json into the model, no positions, one thread", |b| {
                    b.iter(|| {
                        for (_, text) in &catalogs {
                            let doc: CatalogDoc = serde_json::from_str(text).unwrap();
                            std::hint::black_box(doc);
                        }
                    })
                });
                group.bench_function("serde-saphyr reading the JSON into the model, one thread", |b| {
                    b.iter(|| {
                        for (_, text) in &catalogs {
                            let doc: CatalogDoc = serde_saphyr::from_str(text).unwrap();
                            std::hint::black_box(doc);
                        }
                    })
                });
            }
        }
        group.finish();
    }
}

/// Recovery: the cost per line must stay flat from 1,000 to 100,000 lines
/// whatever the file holds (the 300,000-line figures are in the book's
/// fuzzing page, measured with the release binary).
fn bench_recovery(c: &mut Criterion) {
    let mut group = c.benchmark_group("recovery");
    group.sample_size(10);
    for n_lines in [1_000, 10_000, 100_000] {
        let cases = [
            ("unclosed-braces", "材料 {\n".repeat(n_lines)),
            (
                "small-errors",
                (0..n_lines).map(|i| format!("材料 甲{i} {{ 来源 }}\n")).collect(),
            ),
            (
                "valid-declarations",
                (0..n_lines)
                    .map(|i| format!("材料 甲{i} {{ 来源：申请人自备；依据：\"x\" }}\n"))
                    .collect(),
            ),
        ];
        for (name, text) in cases {
            let ws = Workspace::from_texts([("recovery.yj", text)]);
            group.throughput(Throughput::Elements(n_lines as u64));
            group.bench_with_input(BenchmarkId::new(name, n_lines), &ws, |b, ws| b.iter(|| check(ws)));
        }
    }
    group.finish();
}
