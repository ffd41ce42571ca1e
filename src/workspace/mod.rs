//! Finding and loading workspaces, and running the front end and checks on one.
//!
//! A workspace is a folder of rule files (`*.yj`) that share one namespace. A
//! folder with a `yijian.toml` manifest is one workspace (its `rules` name the
//! rule folders, `["."]` by default); a folder without one contributes each
//! sub-folder that has a manifest as its own workspace, and its remaining rule
//! files as one more. Rule files named directly on the command line form one
//! workspace together.
//!
//! [`discover`] finds the workspaces and loads their files into each one's
//! [`SourceStore`]; [`manifest`] reads `yijian.toml`; this module runs the
//! pipeline on a loaded workspace ([`check`]) and keeps what it computes in
//! [`Compiled`].

mod discover;
mod manifest;
mod streamed;

pub use crate::source::{FileKind, SourceFile, SourceStore};
pub use discover::{Discovery, EXTENSION, discover, display};
pub use manifest::{MANIFEST, Manifest, parse_manifest};

use crate::diagnostics::{self, Code, Diagnostic, FileId, Lang, Severity, Span};
use std::path::{Path, PathBuf};

/// A loaded workspace.
#[derive(Debug, Default)]
pub struct Workspace {
    pub root: String,
    pub manifest: Option<Manifest>,
    pub files: SourceStore,
}

impl Workspace {
    pub fn file(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id)
    }

    /// A workspace of in-memory rule files (and catalogs: paths ending in
    /// `.yaml`, `.yml` or `.json`), for tests, benchmarks and tools that do not read
    /// from disk.
    pub fn from_texts<P: Into<String>, T: Into<String>>(files: impl IntoIterator<Item = (P, T)>) -> Self {
        let files = files
            .into_iter()
            .map(|(path, text)| {
                let path: String = path.into();
                let kind = if discover::is_catalog_path(Path::new(&path)) {
                    FileKind::Catalog
                } else {
                    FileKind::Rules
                };
                SourceFile::new(path, text, kind)
            })
            .collect();
        Workspace {
            root: ".".to_string(),
            manifest: None,
            files,
        }
    }

    pub fn n_rule_files(&self) -> usize {
        self.files.iter().filter(|f| f.kind == FileKind::Rules).count()
    }

    pub fn n_catalogs(&self) -> usize {
        self.files.iter().filter(|f| f.kind == FileKind::Catalog).count()
    }
}

/// The result of compiling one workspace: the IR, its graphs, the analyses
/// of both and the diagnostics, computed once and read by the checks, the
/// catalog checks, `report` and `build`. The analyses belong to this IR and
/// these graphs: replacing either means compiling again.
#[derive(Debug)]
pub struct Compiled {
    pub ir: crate::ir::Ir,
    pub graphs: crate::graph::Graphs,
    pub analyses: crate::analysis::Analyses,
    pub diagnostics: Vec<Diagnostic>,
}

/// What a result's `样本` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sample {
    /// A web address, linked as it is.
    Link(String),
    /// A file, as a path from the rule file's folder: copied next to the documents.
    File(PathBuf),
    /// Just a description (`"营业执照（正本、副本）"`).
    Text,
}

/// File types a sample is given in.
const SAMPLE_EXTENSIONS: &[&str] = &[
    "pdf", "ofd", "png", "jpg", "jpeg", "gif", "svg", "doc", "docx", "xls", "xlsx",
];

/// Reads a `样本` value written in the rule file at `rule_file`.
pub fn sample(text: &str, rule_file: &str) -> Sample {
    let text = text.trim();
    if text.starts_with("https://") || text.starts_with("http://") {
        return Sample::Link(text.to_string());
    }
    let path = Path::new(text);
    let is_file = !text.contains(char::is_whitespace)
        && path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| SAMPLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
    if !is_file {
        return Sample::Text;
    }
    let base = Path::new(rule_file).parent().unwrap_or(Path::new(""));
    Sample::File(base.join(path))
}

/// W1304: a sample named as a file that is not there (or not a regular file).
fn check_samples(workspace: &Workspace, ir: &crate::ir::Ir, diagnostics: &mut Vec<Diagnostic>) {
    for item in ir.items.values() {
        let Some(file) = workspace.file(item.file) else {
            continue;
        };
        for result in item.results.values() {
            let Some(written) = result.sample() else {
                continue;
            };
            if let Sample::File(path) = sample(&written.value, &file.path)
                && !std::fs::metadata(&path).is_ok_and(|m| m.is_file())
            {
                diagnostics.push(
                    Diagnostic::new(Code::W1304, item.file, written.span)
                        .arg("path", display(&path))
                        .arg("result", result.name.as_str()),
                );
            }
        }
    }
}

/// Runs the whole front end, the analyses and every check on a loaded workspace.
pub fn check(workspace: &Workspace) -> Compiled {
    compile(workspace, &mut FrontEndCache::default(), false)
}

/// What parsing and lowering gave for each file of a workspace, kept between
/// checks of the same workspace (the language server's keystrokes): a file
/// whose text is unchanged is not parsed again.
#[derive(Debug, Default)]
pub struct FrontEndCache {
    /// Per file id: the hash of the text it was computed from, and the result.
    entries: Vec<Option<(u64, FileResult)>>,
}

/// [`check`], reusing the parse and lowering of the files whose text has not
/// changed since `cache` was filled (file ids are stable in the source store).
pub fn check_cached(workspace: &Workspace, cache: &mut FrontEndCache) -> Compiled {
    compile(workspace, cache, true)
}

/// The pipeline; `keep` leaves the front end's results in `cache` (cloned)
/// instead of moving them out.
fn compile(workspace: &Workspace, cache: &mut FrontEndCache, keep: bool) -> Compiled {
    let streamed = (!keep && rule_bytes(workspace) >= STREAMED_FROM)
        .then(|| streamed::front_end(workspace))
        .flatten();
    let front = streamed.unwrap_or_else(|| whole_front_end(workspace, cache, keep));
    finish(workspace, front)
}

/// What the front end gives the rest of the pipeline.
struct FrontEnd {
    /// The findings of parsing, lowering and resolution.
    diagnostics: Vec<Diagnostic>,
    ir: crate::ir::Ir,
    /// One per file, in file order.
    outlines: Vec<Outline>,
    /// No rule file declares anything, not even a block that failed to parse.
    declares_nothing: bool,
}

/// The pipeline after the front end: graphs, analyses, checks and the
/// catalogs, then the findings filtered, sorted and limited.
fn finish(workspace: &Workspace, front: FrontEnd) -> Compiled {
    let FrontEnd {
        mut diagnostics,
        ir,
        outlines,
        declares_nothing,
    } = front;
    if declares_nothing && workspace.n_rule_files() > 0 && !diagnostics.iter().any(|d| d.severity() == Severity::Error)
    {
        // Empty files, or only comments or a BOM: nothing was checked, and
        // that must not read as a pass.
        diagnostics.push(Diagnostic::global(Code::E0010).arg("path", workspace.root.as_str()));
    }
    let consequences = Consequences::new(&diagnostics, outlines);
    let graphs = crate::graph::build(&ir);
    let analyses = crate::analysis::Analyses::new(&ir);
    crate::checks::run(&ir, &graphs, &analyses, &mut diagnostics);
    check_samples(workspace, &ir, &mut diagnostics);
    let shrink = workspace.manifest.as_ref().is_some_and(|m| m.promises_may_only_shrink);
    crate::catalog::check(&workspace.files, shrink, &ir, &analyses, &mut diagnostics);
    if let Some(consequences) = consequences {
        consequences.drop_from(&mut diagnostics);
    }
    if let Some(manifest) = &workspace.manifest {
        manifest.apply_levels(&mut diagnostics);
    }
    diagnostics::sort(&mut diagnostics);
    // Two checks may find the same thing (W0607): say it once.
    diagnostics.dedup();
    limit_per_file(workspace, &mut diagnostics);
    Compiled {
        ir,
        graphs,
        analyses,
        diagnostics,
    }
}

/// From how many bytes of rule files a one-off check takes the streamed
/// front end ([`streamed`]): below, the whole-workspace one is as fast and
/// the memory does not matter.
const STREAMED_FROM: usize = 256 * 1024;

fn rule_bytes(workspace: &Workspace) -> usize {
    workspace
        .files
        .iter()
        .filter(|f| f.kind == FileKind::Rules)
        .map(|f| f.text.len())
        .sum()
}

/// [`check`] through the streamed front end whatever the workspace's size,
/// or `None` where that front end gives way to the whole-workspace one: for
/// tests that hold the two to the same results.
#[doc(hidden)]
pub fn check_streamed(workspace: &Workspace) -> Option<Compiled> {
    Some(finish(workspace, streamed::front_end(workspace)?))
}

/// Parsing, lowering and resolution with every file's AST alive at once
/// (the language server's cache keeps them; a workspace the streamed front
/// end cannot take).
fn whole_front_end(workspace: &Workspace, cache: &mut FrontEndCache, keep: bool) -> FrontEnd {
    let (mut diagnostics, asts, outlines) = front_end(workspace, cache, keep);
    let declares_nothing = asts.iter().all(|ast| ast.decls.is_empty() && ast.broken.is_empty());
    // Each file's AST is done with as soon as the IR has taken what it
    // needs: a large workspace frees them on another core while this one
    // goes on (millions of small allocations), file by file, so that the
    // ASTs are not all alive beside the IR.
    let ir = if workspace.files.iter().map(|f| f.text.len()).sum::<usize>() >= 1 << 20 {
        let (sender, receiver) = std::sync::mpsc::channel::<Vec<crate::ast::Decl>>();
        let freer = std::thread::Builder::new().spawn(move || receiver.into_iter().for_each(drop));
        let mut discard = |decls: Vec<crate::ast::Decl>| {
            if freer.is_ok() {
                let _ = sender.send(decls);
            }
        };
        crate::ir::from_ast::resolve_discarding(asts, &mut diagnostics, &mut discard)
    } else {
        crate::ir::from_ast::resolve(asts, &mut diagnostics)
    };
    FrontEnd {
        diagnostics,
        ir,
        outlines,
        declares_nothing,
    }
}

/// How many findings are shown for one file; the rest are counted in one E0009.
pub const MAX_FINDINGS_PER_FILE: usize = 200;

/// Keeps the first [`MAX_FINDINGS_PER_FILE`] findings of each file (in the
/// sorted order) and replaces the rest by one E0009 with their number, so that
/// a hostile or badly broken file cannot flood the output.
fn limit_per_file(workspace: &Workspace, diagnostics: &mut Vec<Diagnostic>) {
    let mut per_file: indexmap::IndexMap<FileId, usize> = indexmap::IndexMap::new();
    let mut hidden: indexmap::IndexMap<FileId, usize> = indexmap::IndexMap::new();
    diagnostics.retain(|diagnostic| {
        let Some(location) = diagnostic.location() else {
            return true;
        };
        let shown = per_file.entry(location.file).or_insert(0);
        *shown += 1;
        if *shown <= MAX_FINDINGS_PER_FILE {
            return true;
        }
        *hidden.entry(location.file).or_insert(0) += 1;
        false
    });
    for (file, count) in hidden {
        let path = workspace.file(file).map(|f| f.path.clone()).unwrap_or_default();
        diagnostics.push(
            Diagnostic::global(Code::E0009)
                .arg("path", path)
                .arg("count", count.to_string())
                .arg("limit", MAX_FINDINGS_PER_FILE.to_string()),
        );
    }
}

/// What the per-file phases give for one file.
type FileResult = (Vec<Diagnostic>, Option<crate::ast::FileAst>, Outline);

/// The blocks of one file in source order (pre-order), with what the
/// consequence filter needs to know about each.
#[derive(Debug, Default, Clone)]
struct Outline {
    blocks: Vec<OutlineBlock>,
}

#[derive(Debug, Clone, Copy)]
struct OutlineBlock {
    span: Span,
    /// The enclosing block's index (`u32`, as spans are: the outlines of a
    /// large workspace hold hundreds of thousands of blocks).
    parent: Option<u32>,
    kind: Option<crate::keywords::BlockKw>,
    /// An entry of this block was written but could not be read.
    unreadable: bool,
    /// An entry of this block or of a block inside it could not be read.
    unreadable_inside: bool,
}

impl OutlineBlock {
    fn parent(&self) -> Option<usize> {
        self.parent.map(|p| p as usize)
    }
}

impl Outline {
    fn of(syntax: &crate::syntax::tree::SyntaxFile) -> Outline {
        use crate::syntax::tree::Entry;
        let mut blocks: Vec<OutlineBlock> = Vec::new();
        let mut stack: Vec<(&crate::syntax::tree::Block, Option<usize>)> =
            syntax.blocks.iter().rev().map(|b| (b, None)).collect();
        while let Some((block, parent)) = stack.pop() {
            let index = blocks.len();
            let body = block.body.as_ref();
            let unreadable = body.is_some_and(|body| {
                !body.broken.is_empty()
                    || body.entries.iter().any(|entry| {
                        matches!(entry, Entry::Block(inner)
                            if crate::keywords::FieldKw::from_word(&inner.keyword.text).is_some()
                                && crate::keywords::BlockKw::from_word(&inner.keyword.text).is_none())
                    })
            });
            blocks.push(OutlineBlock {
                span: block.span,
                parent: parent.and_then(|p| u32::try_from(p).ok()),
                kind: crate::keywords::BlockKw::from_word(&block.keyword.text),
                unreadable,
                unreadable_inside: unreadable,
            });
            if let Some(body) = body {
                for entry in body.entries.iter().rev() {
                    if let Entry::Block(inner) = entry {
                        stack.push((inner, Some(index)));
                    }
                }
            }
        }
        // Children come after their parent: one backward pass carries the flag up.
        for index in (0..blocks.len()).rev() {
            let Some(block) = blocks.get(index).copied() else {
                continue;
            };
            if let Some(parent) = block.parent().and_then(|p| blocks.get_mut(p))
                && block.unreadable_inside
            {
                parent.unreadable_inside = true;
            }
        }
        // Kept until the end of the check: without the slack of its growth.
        blocks.shrink_to_fit();
        Outline { blocks }
    }

    /// The innermost block containing `span`.
    fn innermost(&self, span: Span) -> Option<usize> {
        let mut index = self
            .blocks
            .partition_point(|b| b.span.start <= span.start)
            .checked_sub(1)?;
        loop {
            let block = self.blocks.get(index)?;
            if block.span.start <= span.start && span.end <= block.span.end {
                return Some(index);
            }
            index = block.parent()?;
        }
    }

    fn top(&self, mut index: usize) -> usize {
        while let Some(parent) = self.blocks.get(index).and_then(OutlineBlock::parent) {
            index = parent;
        }
        index
    }
}

/// Findings drawn from a declaration's steps, situations and limits as a
/// whole: when a name in that declaration could not be resolved, or one of its
/// entries could not be read, they follow from the first finding (E0201, E0001)
/// and would only mislead, like an unreachable step that waits on a misspelt one.
const FOLLOW_FROM_DECLARATION: &[Code] = &[
    Code::E0301,
    Code::E0302,
    Code::E0303,
    Code::E0304,
    Code::E0305,
    Code::E0306,
    Code::E0307,
    Code::E0402,
    Code::E0601,
    Code::E0602,
    Code::E0603,
    Code::E0604,
    Code::E0605,
    Code::E0606,
    Code::E0608,
    Code::W0607,
    Code::E0701,
    Code::W0404,
    Code::E1001,
    Code::E1002,
];

/// Findings about what one block lacks: not reported when an entry of that
/// very block could not be read (it may be the one that is "missing").
const FOLLOW_FROM_BLOCK: &[Code] = &[Code::W0501, Code::W0502, Code::W1302];

/// Findings that depend on every data source's trust and materials.
const FOLLOW_FROM_DATA_SOURCES: &[Code] = &[Code::E0801, Code::W0802];

/// What the syntax and resolution errors of the front end make of the
/// later findings: those that only follow from an earlier one, an
/// unresolved name (E0201, E0203) or an entry that could not be read, are
/// dropped. The cause is reported; its consequences are not.
///
/// Worked out from the front end's findings alone (no later phase reports
/// those codes), so that the outlines are freed before the graphs and the
/// checks are made: only the outlines of the files with such an error are
/// kept, and none at all when there is none, as in a clean workspace.
struct Consequences {
    /// Per file, in file order; an empty outline where nothing is dropped.
    outlines: Vec<Outline>,
    /// The top-level declarations with an unresolved name.
    unresolved: std::collections::HashSet<(FileId, usize)>,
    /// A data source's block could not be read.
    sources_unreadable: bool,
}

/// Syntax errors: the block they are in could not be read (one the parser
/// recovered from, or a field written without its colon).
const UNREADABLE: &[Code] = &[Code::E0001, Code::E0007, Code::E0008];

/// Unresolved names.
const UNRESOLVED: &[Code] = &[Code::E0201, Code::E0203];

impl Consequences {
    /// A finding that may make others consequences: a syntax error or an
    /// unresolved name.
    fn cause(code: Code) -> bool {
        UNREADABLE.contains(&code) || UNRESOLVED.contains(&code)
    }

    fn new(diagnostics: &[Diagnostic], mut outlines: Vec<Outline>) -> Option<Consequences> {
        let mut marked = vec![false; outlines.len()];
        let mut unresolved: std::collections::HashSet<(FileId, usize)> = std::collections::HashSet::new();
        for diagnostic in diagnostics {
            if !Consequences::cause(diagnostic.code) {
                continue;
            }
            let unreadable = UNREADABLE.contains(&diagnostic.code);
            let Some(location) = diagnostic.location() else {
                continue;
            };
            let file = location.file.0 as usize;
            let Some(outline) = outlines.get_mut(file) else {
                continue;
            };
            let Some(index) = outline.innermost(location.span) else {
                continue;
            };
            if let Some(mark) = marked.get_mut(file) {
                *mark = true;
            }
            if unreadable {
                // A block with a syntax error in it is as unreadable as a
                // blanked entry, and so is everything around it.
                if let Some(block) = outline.blocks.get_mut(index) {
                    block.unreadable = true;
                }
                let mut at = Some(index);
                while let Some(block) = at.and_then(|i| outline.blocks.get_mut(i)) {
                    block.unreadable_inside = true;
                    at = block.parent();
                }
            } else {
                unresolved.insert((location.file, outline.top(index)));
            }
        }
        if unresolved.is_empty() && !marked.contains(&true) {
            return None;
        }
        let sources_unreadable = outlines.iter().any(|o| {
            o.blocks
                .iter()
                .any(|b| b.unreadable_inside && b.kind == Some(crate::keywords::BlockKw::DataSource))
        });
        // A file with neither mark drops nothing: its blocks need not stay.
        for (outline, marked) in outlines.iter_mut().zip(marked) {
            if !marked {
                *outline = Outline::default();
            }
        }
        Some(Consequences {
            outlines,
            unresolved,
            sources_unreadable,
        })
    }

    fn drop_from(&self, diagnostics: &mut Vec<Diagnostic>) {
        let outline_of = |file: FileId| self.outlines.get(file.0 as usize);
        diagnostics.retain(|diagnostic| {
            if FOLLOW_FROM_DATA_SOURCES.contains(&diagnostic.code) && self.sources_unreadable {
                return false;
            }
            let from_declaration = FOLLOW_FROM_DECLARATION.contains(&diagnostic.code);
            let from_block = FOLLOW_FROM_BLOCK.contains(&diagnostic.code);
            if !from_declaration && !from_block {
                return true;
            }
            let Some(location) = diagnostic.location() else {
                return true;
            };
            let Some(outline) = outline_of(location.file) else {
                return true;
            };
            let Some(index) = outline.innermost(location.span) else {
                return true;
            };
            if from_block {
                return !outline.blocks.get(index).is_some_and(|b| b.unreadable);
            }
            let top = outline.top(index);
            let top_unreadable = outline.blocks.get(top).is_some_and(|b| b.unreadable_inside);
            !(top_unreadable || self.unresolved.contains(&(location.file, top)))
        });
    }
}

/// Parses and lowers every file, in parallel over the machine's cores, and
/// returns the diagnostics and ASTs in file order (so the result does not
/// depend on the number of threads).
fn front_end(
    workspace: &Workspace,
    cache: &mut FrontEndCache,
    keep: bool,
) -> (Vec<Diagnostic>, Vec<crate::ast::FileAst>, Vec<Outline>) {
    // The fingerprint only serves a cache that is kept: a one-off check does
    // not hash every text (SipHash over tens of megabytes).
    let fingerprint = |file: &SourceFile| {
        use std::hash::{Hash, Hasher};
        if !keep {
            return 0;
        }
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        file.text.hash(&mut hasher);
        (file.kind as u8).hash(&mut hasher);
        file.invalid_utf8_at.hash(&mut hasher);
        hasher.finish()
    };
    let files: Vec<(FileId, &SourceFile, u64)> = workspace
        .files
        .with_ids()
        .map(|(id, file)| (id, file, fingerprint(file)))
        .collect();
    cache.entries.resize_with(files.len(), || None);
    let stale: Vec<(FileId, &SourceFile, u64)> = files
        .iter()
        .filter(|(id, _, hash)| !matches!(cache.entries.get(id.0 as usize), Some(Some((cached, _))) if cached == hash))
        .copied()
        .collect();
    let bytes: usize = stale.iter().map(|(_, f, _)| f.text.len()).sum();
    // Threads pay off only for real work; small workspaces stay on this thread.
    let results: Vec<FileResult> = if bytes < 256 * 1024 {
        stale.iter().map(|(id, file, _)| one_file(*id, file)).collect()
    } else {
        // Balanced by bytes: a few large files must not all land on one thread.
        crate::parallel::map_weighted(
            &stale,
            |(_, file, _)| file.text.len(),
            |(id, file, _)| one_file(*id, file),
        )
    };
    for ((id, _, hash), result) in stale.iter().zip(results) {
        if let Some(slot) = cache.entries.get_mut(id.0 as usize) {
            *slot = Some((*hash, result));
        }
    }
    let mut diagnostics = Vec::new();
    let mut asts = Vec::new();
    let mut outlines = Vec::new();
    for (id, _, _) in &files {
        let Some(entry) = cache.entries.get_mut(id.0 as usize) else {
            outlines.push(Outline::default());
            continue;
        };
        let result = if keep {
            entry.as_ref().map(|(_, result)| result.clone())
        } else {
            entry.take().map(|(_, result)| result)
        };
        let Some((mut file_diagnostics, ast, outline)) = result else {
            outlines.push(Outline::default());
            continue;
        };
        diagnostics.append(&mut file_diagnostics);
        asts.extend(ast);
        // One outline per file, so that a file's id indexes its outline.
        outlines.push(outline);
    }
    (diagnostics, asts, outlines)
}

fn one_file(id: FileId, file: &SourceFile) -> FileResult {
    let mut diagnostics = Vec::new();
    match file.kind {
        FileKind::Rules => {}
        FileKind::Manifest => {
            parse_manifest(id, &file.text, &mut diagnostics);
            return (diagnostics, None, Outline::default());
        }
        // Catalogs are read after the rules (`catalog::check`).
        FileKind::Catalog => return (diagnostics, None, Outline::default()),
    }
    if let Some(at) = file.invalid_utf8_at {
        // The lossy text holds U+FFFD (3 bytes) where the invalid byte was.
        let end = (at + '\u{FFFD}'.len_utf8()).min(file.text.len());
        diagnostics.push(Diagnostic::new(Code::E0002, id, Span::new(at, end)));
        return (diagnostics, None, Outline::default());
    }
    lower_parsed(id, crate::syntax::parse(id, &file.text))
}

/// A rule file's syntax tree and syntax findings, lowered to its AST.
fn lower_parsed(
    id: FileId,
    (syntax, mut diagnostics): (crate::syntax::tree::SyntaxFile, Vec<Diagnostic>),
) -> FileResult {
    let ast = crate::ast::from_syntax::lower(id, &syntax, &mut diagnostics);
    (diagnostics, Some(ast), Outline::of(&syntax))
}

/// The message language a workspace asks for, if any.
pub fn manifest_lang(workspace: &Workspace) -> Option<Lang> {
    match workspace.manifest.as_ref()?.lang.as_deref()? {
        "en" => Some(Lang::En),
        "zh" => Some(Lang::Zh),
        _ => None,
    }
}
