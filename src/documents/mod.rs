//! `yijian build`: the documents of every item and thing of a checked
//! workspace — 办事指南, 一次性告知单, 受理清单 and 流程图 — as HTML,
//! Markdown and PDF, the flow charts as SVG, Mermaid and DOT, an index of
//! the site, and the compiled model as JSON.
//!
//! The pipeline: [`model`] computes every fact once from the IR and the
//! analyses; [`doc`] decides what each document says; [`markdown`], [`html`]
//! and `pdf` lay the same blocks out; [`flow`] draws the charts; [`site`]
//! writes the index; [`write`] names and writes files safely.
//!
//! Guarantees: the same rules give byte-identical files (no dates, no
//! hash-ordered maps, fonts shipped); a file is written whole or not at all;
//! paths made from names stay inside the output folder and never collide.
//! Only workspaces that `check` finds free of errors are built (the CLI
//! refuses otherwise).

pub mod cond;
pub mod doc;
pub mod flow;
pub mod html;
pub mod markdown;
pub mod model;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod site;
pub mod write;

use crate::workspace::{Compiled, Workspace};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Which outputs to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub html: bool,
    pub markdown: bool,
    pub pdf: bool,
    /// Flow charts as SVG, Mermaid and DOT files.
    pub flow: bool,
    /// `model.json`.
    pub json: bool,
}

impl Formats {
    /// Everything this build of yijian can write (PDF needs the `pdf` feature).
    pub fn all() -> Formats {
        Formats {
            html: true,
            markdown: true,
            pdf: cfg!(feature = "pdf"),
            flow: true,
            json: true,
        }
    }
}

/// How to build.
#[derive(Debug, Clone)]
pub struct Config {
    pub out: PathBuf,
    pub formats: Formats,
    /// Show a progress bar (the CLI asks for it when stderr is a terminal;
    /// it appears only on builds of many documents).
    pub progress: bool,
}

/// What a build wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub items: usize,
    pub things: usize,
    /// Documents (each format of each document counts once).
    pub documents: usize,
    pub files: usize,
}

/// A file that could not be made or written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub path: PathBuf,
    pub message: String,
}

/// Builds below this many files show no progress bar.
const PROGRESS_THRESHOLD: usize = 200;

/// One subject's files: an item or a thing.
enum Subject<'a> {
    Item(&'a model::ItemDoc),
    Thing(&'a model::ThingDoc),
}

/// Builds the documents of checked workspaces into `config.out`.
pub fn build(workspaces: &[(&Workspace, &Compiled)], config: &Config) -> Result<Summary, Vec<Failure>> {
    let out = &config.out;
    // One clear message when the output folder itself cannot be made.
    if let Err(error) = std::fs::create_dir_all(out) {
        return Err(vec![Failure {
            path: out.clone(),
            message: error.to_string(),
        }]);
    }
    let several = workspaces.len() > 1;
    let mut names = write::Namer::default();
    // The shared assets' folder is not a workspace's name to take.
    names.name(html::ASSETS_DIR);
    let mut summary = Summary::default();
    let mut failures = Vec::new();
    let mut written = write::Outputs::default();
    let previous = write::Outputs::previous(out);
    let mut listing = Vec::new();
    let models: Vec<(model::Model, PathBuf)> = workspaces
        .iter()
        .map(|(ws, compiled)| {
            let name = workspace_name(ws);
            let dir = if several {
                PathBuf::from(names.name(&name))
            } else {
                PathBuf::new()
            };
            listing.push((name.clone(), dir.to_string_lossy().into_owned()));
            let mut model = model::compute(&name, compiled);
            let paths: Vec<String> = ws.files.iter().map(|f| f.path.clone()).collect();
            model::attach_samples(&mut model, &compiled.ir, &paths);
            (model, dir)
        })
        .collect();
    let per_subject = files_per_subject(config.formats);
    let total: usize = models
        .iter()
        .map(|(m, _)| (m.items.len() + m.things.len()) * per_subject)
        .sum();
    let bar = progress_bar(config.progress && total >= PROGRESS_THRESHOLD, total);
    if config.formats.html {
        // One copy of the font for the whole site, however many workspaces.
        for (path, bytes) in html::assets() {
            let path = PathBuf::from(path);
            match write::write_atomic(&out.join(&path), bytes) {
                Ok(()) => written.files.push(path),
                Err(error) => failures.push(Failure {
                    path: out.join(&path),
                    message: error.to_string(),
                }),
            }
        }
    }
    for (model, dir) in &models {
        let subjects: Vec<Subject<'_>> = model
            .items
            .iter()
            .map(Subject::Item)
            .chain(model.things.iter().map(Subject::Thing))
            .collect();
        let results = Mutex::new((Vec::new(), Vec::new()));
        let next = AtomicUsize::new(0);
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(subjects.len())
            .max(1);
        std::thread::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(|| {
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(subject) = subjects.get(index) else { break };
                        let (files, fails) = subject_files(model, subject, dir, out, config.formats, &bar);
                        if let Ok(mut results) = results.lock() {
                            results.0.extend(files);
                            results.1.extend(fails);
                        }
                    }
                });
            }
        });
        let (files, fails) = results.into_inner().unwrap_or_default();
        written.files.extend(files);
        failures.extend(fails);
        let site = site::Written {
            html: config.formats.html,
            markdown: config.formats.markdown,
            pdf: config.formats.pdf,
            flow: config.formats.flow,
            json: config.formats.json,
        };
        let mut top: Vec<(PathBuf, Vec<u8>)> = Vec::new();
        if config.formats.json {
            let mut text = serde_json::to_string_pretty(model).unwrap_or_default();
            text.push('\n');
            top.push((dir.join("model.json"), text.into_bytes()));
        }
        if config.formats.html {
            let root = if several { "../" } else { "" };
            top.push((dir.join("index.html"), site::index_html(model, site, root).into_bytes()));
        }
        if config.formats.markdown {
            top.push((dir.join("index.md"), site::index_markdown(model, site).into_bytes()));
        }
        for (path, bytes) in top {
            match write::write_atomic(&out.join(&path), &bytes) {
                Ok(()) => written.files.push(path),
                Err(error) => failures.push(Failure {
                    path: out.join(&path),
                    message: error.to_string(),
                }),
            }
        }
        summary.items += model.items.len();
        summary.things += model.things.len();
    }
    if several && config.formats.html {
        let path = PathBuf::from("index.html");
        match write::write_atomic(&out.join(&path), site::workspaces_html(&listing).as_bytes()) {
            Ok(()) => written.files.push(path),
            Err(error) => failures.push(Failure {
                path: out.join(&path),
                message: error.to_string(),
            }),
        }
    }
    bar.finish_and_clear();
    written.files.sort();
    summary.files = written.files.len();
    summary.documents = written
        .files
        .iter()
        .filter(|p| {
            p.file_stem()
                .is_some_and(|s| doc::Kind::ALL.iter().any(|k| s == k.title()))
        })
        .count();
    if !failures.is_empty() {
        // Keep the previous list too: files it names may still be there.
        written.files.extend(previous.files.iter().cloned());
        written.files.sort();
        written.files.dedup();
        let _ = written.save(out);
        failures.sort_by(|a, b| a.path.cmp(&b.path));
        return Err(failures);
    }
    let formats = config.formats;
    written.remove_stale(&previous, out, |path| match path.extension().and_then(|e| e.to_str()) {
        _ if path.starts_with(html::ASSETS_DIR) => formats.html,
        Some("html") => formats.html,
        Some("md") => formats.markdown,
        Some("pdf") => formats.pdf,
        Some("svg" | "mmd" | "dot") => formats.flow,
        Some("json") => formats.json,
        _ => true,
    });
    if let Err(error) = written.save(out) {
        return Err(vec![Failure {
            path: out.join(write::OUTPUTS_FILE),
            message: error.to_string(),
        }]);
    }
    Ok(summary)
}

/// The name a workspace goes by: its manifest's name, else its folder.
pub fn workspace_name(ws: &Workspace) -> String {
    ws.manifest
        .as_ref()
        .and_then(|m| m.name.clone())
        .unwrap_or_else(|| match ws.root.as_str() {
            "." | "" => "办事指南".to_string(),
            root => root.to_string(),
        })
}

fn files_per_subject(formats: Formats) -> usize {
    let per_doc = usize::from(formats.html) + usize::from(formats.markdown) + usize::from(formats.pdf);
    doc::Kind::ALL.len() * per_doc + if formats.flow { 3 } else { 0 }
}

fn progress_bar(show: bool, total: usize) -> indicatif::ProgressBar {
    if !show {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(Some(total as u64), indicatif::ProgressDrawTarget::stderr());
    if let Ok(style) = indicatif::ProgressStyle::with_template("生成文档 {bar:40} {pos}/{len} {wide_msg}") {
        bar.set_style(style);
    }
    bar
}

/// Renders and writes the files of one item or thing; returns the paths
/// written (relative to `out`) and the failures.
fn subject_files(
    model: &model::Model,
    subject: &Subject<'_>,
    dir: &Path,
    out: &Path,
    formats: Formats,
    bar: &indicatif::ProgressBar,
) -> (Vec<PathBuf>, Vec<Failure>) {
    let mut written = Vec::new();
    let mut failures = Vec::new();
    for (path, bytes) in render_subject(model, subject, dir, formats) {
        bar.inc(1);
        let full = out.join(&path);
        let result = bytes.and_then(|b| write::write_atomic(&full, &b).map_err(|e| e.to_string()));
        match result {
            Ok(()) => written.push(path),
            Err(message) => failures.push(Failure { path: full, message }),
        }
    }
    (written, failures)
}

/// The files of every item and thing of a model, rendered in memory (for
/// benchmarks and tests): `(path relative to the output folder, bytes)`.
pub fn render_all(model: &model::Model, formats: Formats) -> Vec<(PathBuf, Result<Vec<u8>, String>)> {
    model
        .items
        .iter()
        .map(Subject::Item)
        .chain(model.things.iter().map(Subject::Thing))
        .flat_map(|subject| render_subject(model, &subject, Path::new(""), formats))
        .collect()
}

/// The files of one item or thing, relative to the output folder.
fn render_subject(
    model: &model::Model,
    subject: &Subject<'_>,
    dir: &Path,
    formats: Formats,
) -> Vec<(PathBuf, Result<Vec<u8>, String>)> {
    let (folder, slug, name, flow) = match subject {
        Subject::Item(item) => (site::ITEMS_DIR, &item.slug, &item.name, &item.flow),
        Subject::Thing(thing) => (site::THINGS_DIR, &thing.slug, &thing.name, &thing.flow),
    };
    let relative = dir.join(folder).join(slug);
    let svg = flow::svg(flow);
    let mermaid = flow::mermaid(flow);
    let flow_block = doc::Block::Flow {
        svg: svg.clone(),
        mermaid: mermaid.clone(),
    };
    let documents = match subject {
        Subject::Item(item) => doc::item_documents(item, &flow_block),
        Subject::Thing(thing) => doc::thing_documents(thing, &model.items, &flow_block),
    };
    let depth = relative.components().count();
    let root = "../".repeat(depth);
    let nav = html::Nav {
        index: format!("{root}index.html"),
        root: root.clone(),
        pdf: formats.pdf,
        flow: formats.flow,
    };
    let mut files: Vec<(PathBuf, Result<Vec<u8>, String>)> = Vec::new();
    if formats.flow {
        files.push((
            relative.join("流程图.svg"),
            Ok(flow::standalone(&svg, &root).into_bytes()),
        ));
        files.push((relative.join("流程图.mmd"), Ok(mermaid.into_bytes())));
        files.push((relative.join("流程图.dot"), Ok(flow::dot(flow, name).into_bytes())));
    }
    for document in &documents {
        let title = document.kind.title();
        if formats.html {
            files.push((
                relative.join(format!("{title}.html")),
                Ok(html::render(document, &nav).into_bytes()),
            ));
        }
        if formats.markdown {
            files.push((
                relative.join(format!("{title}.md")),
                Ok(markdown::render(document, "流程图.svg").into_bytes()),
            ));
        }
        if formats.pdf {
            files.push((relative.join(format!("{title}.pdf")), render_pdf(document)));
        }
    }
    // The sample files the documents link to, copied beside them.
    if let Subject::Item(item) = subject {
        for result in &item.results {
            if let (Some(file), Some(href)) = (&result.sample_file, &result.sample_href) {
                let bytes = std::fs::read(file).map_err(|e| format!("{}: {e}", crate::workspace::display(file)));
                files.push((relative.join(href), bytes));
            }
        }
    }
    files
}

#[cfg(feature = "pdf")]
fn render_pdf(document: &doc::Document) -> Result<Vec<u8>, String> {
    pdf::render(document)
}

#[cfg(not(feature = "pdf"))]
fn render_pdf(_document: &doc::Document) -> Result<Vec<u8>, String> {
    Err("这个 yijian 没有带 PDF 功能（编译时关闭了 pdf 特性）".to_string())
}
