//! Finding and loading workspaces, and running the front end and checks on one.
//!
//! A workspace is a folder of rule files (`*.yj`) that share one namespace. A
//! folder with a `yijian.toml` manifest is one workspace (its `rules` name the
//! rule folders, `["."]` by default); a folder without one contributes each
//! sub-folder that has a manifest as its own workspace, and its remaining rule
//! files as one more. Rule files named directly on the command line form one
//! workspace together.

use crate::diagnostics::{self, Code, Diagnostic, FileId, Lang, Severity, Span, Tr};
use crate::syntax::LineIndex;
use serde::Deserialize;
use std::path::{Path, PathBuf};

pub const MANIFEST: &str = "yijian.toml";
pub const EXTENSION: &str = "yj";

/// What a loaded file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Rules,
    Manifest,
    /// A service catalog (实施清单, YAML or JSON).
    Catalog,
}

/// One loaded source text: a rule file, a manifest or a catalog.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as shown to users: relative to the current folder where
    /// possible, with `/` separators.
    pub path: String,
    pub text: String,
    pub line_index: LineIndex,
    pub kind: FileKind,
    /// Where the bytes were not UTF-8: the offset of the first invalid byte.
    pub invalid_utf8_at: Option<usize>,
}

/// The settings a manifest may hold.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Manifest {
    pub name: Option<String>,
    pub rules: Option<Vec<String>>,
    pub lang: Option<String>,
    #[serde(default)]
    pub deny_warnings: bool,
    /// Catalog files or folders (实施清单, YAML or JSON), relative to the manifest.
    pub catalogs: Option<Vec<String>>,
    /// Whether a catalog's promise may only shrink the rules' promise (not
    /// only the legal limit).
    #[serde(default)]
    pub promises_may_only_shrink: bool,
    /// Warning codes this workspace treats as errors (`deny = ["W1302"]` for
    /// a centre that publishes the documents).
    #[serde(default)]
    pub deny: Vec<String>,
    /// Warning codes this workspace does not report (teaching examples that
    /// are never published). Errors cannot be allowed.
    #[serde(default)]
    pub allow: Vec<String>,
}

impl Manifest {
    /// Applies `deny` and `allow` to a workspace's diagnostics.
    pub fn apply_levels(&self, diagnostics: &mut Vec<Diagnostic>) {
        let codes = |list: &[String]| -> Vec<Code> { list.iter().filter_map(|c| Code::parse(c)).collect() };
        let (allow, deny) = (codes(&self.allow), codes(&self.deny));
        diagnostics.retain(|d| !(d.severity() == crate::diagnostics::Severity::Warning && allow.contains(&d.code)));
        for d in diagnostics.iter_mut() {
            if deny.contains(&d.code) {
                d.denied = true;
            }
        }
    }
}

/// A loaded workspace.
#[derive(Debug, Default)]
pub struct Workspace {
    pub root: String,
    pub manifest: Option<Manifest>,
    pub files: Vec<SourceFile>,
}

impl Workspace {
    pub fn file(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    /// A workspace of in-memory rule files (and catalogs: paths ending in
    /// `.yaml`, `.yml` or `.json`), for tests, benchmarks and tools that do not read
    /// from disk.
    pub fn from_texts<P: Into<String>, T: Into<String>>(files: impl IntoIterator<Item = (P, T)>) -> Self {
        let files = files
            .into_iter()
            .map(|(path, text)| {
                let text = text.into();
                let path: String = path.into();
                let kind = if is_catalog_path(Path::new(&path)) {
                    FileKind::Catalog
                } else {
                    FileKind::Rules
                };
                SourceFile {
                    path,
                    line_index: LineIndex::new(&text),
                    text,
                    kind,
                    invalid_utf8_at: None,
                }
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

/// What `discover` found: workspaces to load, or problems with the paths.
#[derive(Debug, Default)]
pub struct Discovery {
    pub workspaces: Vec<Workspace>,
    /// E0004 and E0006: problems with no file to point at.
    pub problems: Vec<Diagnostic>,
    /// Manifest folders already loaded (canonical paths).
    seen_roots: Vec<PathBuf>,
}

/// Finds and loads every workspace under `paths` (the current folder if empty).
pub fn discover(paths: &[PathBuf]) -> Discovery {
    let mut out = Discovery::default();
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() { &default[..] } else { paths };
    let mut loose: Vec<PathBuf> = Vec::new();
    let mut loose_catalogs: Vec<PathBuf> = Vec::new();
    for path in paths {
        let metadata = match std::fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(error) => {
                out.problems.push(unreadable(path, &error.to_string()));
                continue;
            }
        };
        let own_manifest = metadata.is_dir() && path.join(MANIFEST).is_file();
        if let Some(root) = enclosing_manifest(path).filter(|_| !own_manifest) {
            // Inside a workspace: check that workspace, as policy staff
            // expect when they name one of its files or rule folders.
            discover_dir(&root, true, &mut out, &mut loose_catalogs);
        } else if metadata.is_dir() {
            discover_dir(path, true, &mut out, &mut loose_catalogs);
        } else if is_catalog_path(path) {
            loose_catalogs.push(path.clone());
        } else if path.file_name().is_some_and(|n| n == MANIFEST) {
            let root = path
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| PathBuf::from("."));
            let root = if root.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                root
            };
            discover_dir(&root, true, &mut out, &mut loose_catalogs);
        } else if path.extension().is_some_and(|e| e == EXTENSION) {
            loose.push(path.clone());
        } else {
            out.problems
                .push(unreadable_because(path, Code::E0006.text("not_a_rule_file", &[])));
        }
    }
    if !loose.is_empty() {
        loose.sort();
        loose.dedup();
        let mut workspace = Workspace {
            root: display(Path::new(".")),
            ..Workspace::default()
        };
        for path in &loose {
            if let Err(problem) = load(&mut workspace, path, FileKind::Rules) {
                out.problems.push(*problem);
            }
        }
        out.workspaces.push(workspace);
    }
    attach_catalogs(&mut out, loose_catalogs);
    out
}

/// Whether `path` names a catalog file (`.yaml`, `.yml`, `.json`); a JSON
/// Schema kept beside the catalogs for editors (`*.schema.json`) is not one.
fn is_catalog_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| crate::catalog::EXTENSIONS.contains(&e))
        && !path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.ends_with(".schema.json"))
}

/// Catalogs named on the command line belong to the one workspace checked
/// with them; with none or several, it is not clear which rules apply (E1420).
fn attach_catalogs(out: &mut Discovery, mut catalogs: Vec<PathBuf>) {
    if catalogs.is_empty() {
        return;
    }
    catalogs.sort();
    catalogs.dedup();
    if out.workspaces.len() != 1 {
        for path in &catalogs {
            out.problems
                .push(Diagnostic::global(Code::E1420).arg("path", display(path)));
        }
        return;
    }
    if let Some(workspace) = out.workspaces.first_mut() {
        let mut problems = Vec::new();
        for path in &catalogs {
            if let Err(problem) = load(workspace, path, FileKind::Catalog) {
                problems.push(*problem);
            }
        }
        out.problems.extend(problems);
    }
}

/// The folder of the nearest `yijian.toml` above `path`, if that workspace's
/// rule folders contain `path`; shown relative to the current folder when
/// below it.
fn enclosing_manifest(path: &Path) -> Option<PathBuf> {
    let canonical = path.canonicalize().ok()?;
    let dir = canonical.ancestors().skip(1).find(|dir| dir.join(MANIFEST).is_file())?;
    let text = std::fs::read_to_string(dir.join(MANIFEST)).ok()?;
    let manifest = toml::from_str::<Manifest>(&text).ok();
    let mut rules = manifest
        .as_ref()
        .and_then(|m| m.rules.clone())
        .unwrap_or_else(|| vec![".".to_string()]);
    rules.extend(manifest.and_then(|m| m.catalogs).unwrap_or_default());
    let inside = rules.iter().any(|rule| {
        dir.join(rule)
            .canonicalize()
            .is_ok_and(|rule_dir| canonical.starts_with(rule_dir))
    });
    if !inside {
        return None;
    }
    let cwd = std::env::current_dir().ok().and_then(|d| d.canonicalize().ok());
    Some(match cwd.as_deref().and_then(|cwd| dir.strip_prefix(cwd).ok()) {
        Some(relative) if relative.as_os_str().is_empty() => PathBuf::from("."),
        Some(relative) => relative.to_path_buf(),
        None => dir.to_path_buf(),
    })
}

/// Handles a folder given on the command line or found while walking.
fn discover_dir(dir: &Path, top: bool, out: &mut Discovery, loose_catalogs: &mut Vec<PathBuf>) {
    let manifest_path = dir.join(MANIFEST);
    if manifest_path.is_file() {
        // The same workspace named twice (`yijian check rules rules/a.yj`) is checked once.
        let canonical = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        if out.seen_roots.contains(&canonical) {
            return;
        }
        out.seen_roots.push(canonical);
        load_manifest_workspace(dir, &manifest_path, out);
        return;
    }
    let mut files = Vec::new();
    let mut nested = Vec::new();
    walk(dir, &mut files, &mut nested, out);
    let n_before = out.workspaces.len();
    for sub in &nested {
        discover_dir(sub, false, out, loose_catalogs);
    }
    if files.is_empty() && top && nested.is_empty() {
        // A folder of catalogs named beside the rules (`yijian check rules catalogs`).
        let catalogs = walk_catalogs(dir, out);
        if !catalogs.is_empty() {
            loose_catalogs.extend(catalogs);
            return;
        }
    }
    if !files.is_empty() {
        let mut workspace = Workspace {
            root: display(dir),
            ..Workspace::default()
        };
        for path in &files {
            if let Err(problem) = load(&mut workspace, path, FileKind::Rules) {
                out.problems.push(*problem);
            }
        }
        out.workspaces.insert(n_before, workspace);
    } else if top && nested.is_empty() {
        out.problems
            .push(Diagnostic::global(Code::E0004).arg("path", display(dir)));
    }
}

fn load_manifest_workspace(dir: &Path, manifest_path: &Path, out: &mut Discovery) {
    let mut workspace = Workspace {
        root: display(dir),
        ..Workspace::default()
    };
    if let Err(problem) = load(&mut workspace, manifest_path, FileKind::Manifest) {
        out.problems.push(*problem);
        return;
    }
    let manifest_id = FileId(0);
    let mut diagnostics = Vec::new();
    let manifest = workspace
        .file(manifest_id)
        .and_then(|file| parse_manifest(manifest_id, &file.text, &mut diagnostics));
    let rule_dirs: Vec<PathBuf> = match manifest.as_ref().and_then(|m| m.rules.clone()) {
        Some(rules) => rules.iter().map(|r| normalize(&dir.join(r))).collect(),
        None => vec![dir.to_path_buf()],
    };
    workspace.manifest = manifest;
    let mut files = Vec::new();
    for rule_dir in &rule_dirs {
        if let Some(problem) = manifest_path_problem(dir, rule_dir, "rules") {
            out.problems.push(unreadable_because(rule_dir, problem));
        } else if rule_dir.is_dir() {
            let mut nested = Vec::new();
            walk(rule_dir, &mut files, &mut nested, out);
        } else if rule_dir.is_file() && rule_dir.extension().is_some_and(|e| e == EXTENSION) {
            files.push(rule_dir.clone());
        } else {
            out.problems.push(unreadable_because(
                rule_dir,
                Code::E0006.text("listed_missing", &[("key", Tr::new("rules", "rules"))]),
            ));
        }
    }
    files.sort();
    files.dedup();
    for path in &files {
        if let Err(problem) = load(&mut workspace, path, FileKind::Rules) {
            out.problems.push(*problem);
        }
    }
    let mut catalogs = Vec::new();
    for catalog in workspace
        .manifest
        .as_ref()
        .and_then(|m| m.catalogs.clone())
        .unwrap_or_default()
    {
        let path = normalize(&dir.join(&catalog));
        if let Some(problem) = manifest_path_problem(dir, &path, "catalogs") {
            out.problems.push(unreadable_because(&path, problem));
        } else if path.is_dir() {
            catalogs.extend(walk_catalogs(&path, out));
        } else if path.is_file() && is_catalog_path(&path) {
            catalogs.push(path);
        } else {
            out.problems.push(unreadable_because(
                &path,
                Code::E0006.text("listed_missing", &[("key", Tr::new("catalogs", "catalogs"))]),
            ));
        }
    }
    catalogs.sort();
    catalogs.dedup();
    for path in &catalogs {
        if let Err(problem) = load(&mut workspace, path, FileKind::Catalog) {
            out.problems.push(*problem);
        }
    }
    if workspace.n_rule_files() == 0 && diagnostics.is_empty() {
        out.problems
            .push(Diagnostic::global(Code::E0004).arg("path", display(dir)));
    }
    // The manifest's own findings are reported by `check`, which parses it
    // again with the rule files so they appear with the others.
    out.workspaces.push(workspace);
}

/// Collects rule files below `dir` (sorted), and sub-folders that are
/// workspaces of their own. Hidden folders and build output are skipped.
///
/// Only regular files are read, and symbolic links to folders are followed
/// only when they stay inside `dir` and lead to a folder not walked yet, so
/// that a walk always ends: a link loop, a link to `/proc` or a named pipe
/// among the rules is skipped with W0011 saying why.
fn walk(dir: &Path, files: &mut Vec<PathBuf>, nested: &mut Vec<PathBuf>, out: &mut Discovery) {
    let mut tree = Tree::new(dir);
    while let Some(current) = tree.next_dir() {
        for (path, kind) in tree.entries(&current, out) {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            match kind {
                EntryKind::Dir => {
                    if name.starts_with('.') || name == "target" || name == "node_modules" {
                        continue;
                    }
                    if path.join(MANIFEST).is_file() {
                        nested.push(path);
                    } else {
                        tree.push(path);
                    }
                }
                EntryKind::File if path.extension().is_some_and(|e| e == EXTENSION) => files.push(path),
                EntryKind::File => {}
                EntryKind::Special if path.extension().is_some_and(|e| e == EXTENSION) || is_catalog_path(&path) => {
                    out.problems.push(skipped(&path, not_regular(Code::W0011)));
                }
                EntryKind::Special => {}
            }
        }
        tree.finish_dir();
    }
    files.sort();
    nested.sort();
}

/// Catalog files below `dir`, sorted; hidden folders are skipped, and links
/// and special files are handled as in [`walk`].
fn walk_catalogs(dir: &Path, out: &mut Discovery) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut tree = Tree::new(dir);
    while let Some(current) = tree.next_dir() {
        for (path, kind) in tree.entries(&current, out) {
            let hidden = path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
            match kind {
                EntryKind::Dir if !hidden => tree.push(path),
                EntryKind::File if is_catalog_path(&path) => found.push(path),
                EntryKind::Special if is_catalog_path(&path) => {
                    out.problems.push(skipped(&path, not_regular(Code::W0011)))
                }
                _ => {}
            }
        }
        tree.finish_dir();
    }
    found.sort();
    found
}

/// What a folder entry is, links resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EntryKind {
    Dir,
    File,
    /// A named pipe, socket or device: never read (reading could block).
    Special,
}

/// A depth-first walk over folders that visits each real folder once and
/// never leaves its root through a symbolic link.
struct Tree {
    root: Option<PathBuf>,
    stack: Vec<PathBuf>,
    /// Folders found in the current folder, pushed in name order.
    pending: Vec<PathBuf>,
    visited: std::collections::HashSet<PathBuf>,
}

impl Tree {
    fn new(dir: &Path) -> Self {
        let root = dir.canonicalize().ok();
        let mut visited = std::collections::HashSet::new();
        visited.extend(root.clone());
        Tree {
            root,
            stack: vec![dir.to_path_buf()],
            pending: Vec::new(),
            visited,
        }
    }

    fn next_dir(&mut self) -> Option<PathBuf> {
        self.stack.pop()
    }

    fn push(&mut self, dir: PathBuf) {
        self.pending.push(dir);
    }

    /// Depth-first in name order: the folders of the current one, first name on top.
    fn finish_dir(&mut self) {
        self.stack.extend(self.pending.drain(..).rev());
    }

    /// The entries of `dir` in name order, with what each is; links that
    /// leave the root or lead back to a walked folder are reported and left out.
    fn entries(&mut self, dir: &Path, out: &mut Discovery) -> Vec<(PathBuf, EntryKind)> {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(error) => {
                out.problems.push(unreadable(dir, &error.to_string()));
                return Vec::new();
            }
        };
        let mut found: Vec<(PathBuf, std::fs::FileType)> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_type().ok().map(|t| (e.path(), t)))
            .collect();
        found.sort_by(|a, b| a.0.cmp(&b.0));
        let mut kept = Vec::new();
        for (path, file_type) in found {
            let kind = if file_type.is_symlink() {
                // Follow the link once, without reading anything.
                let Ok(target) = std::fs::metadata(&path) else { continue };
                if target.is_dir() {
                    let canonical = path.canonicalize().ok();
                    let inside = match (&canonical, &self.root) {
                        (Some(canonical), Some(root)) => canonical.starts_with(root),
                        _ => false,
                    };
                    if !inside {
                        out.problems.push(skipped(&path, Code::W0011.text("link_outside", &[])));
                        continue;
                    }
                    if canonical.as_ref().is_some_and(|c| self.visited.contains(c)) {
                        out.problems.push(skipped(&path, Code::W0011.text("link_loop", &[])));
                        continue;
                    }
                    self.visited.extend(canonical);
                    EntryKind::Dir
                } else if target.is_file() {
                    EntryKind::File
                } else {
                    EntryKind::Special
                }
            } else if file_type.is_dir() {
                if let Ok(canonical) = path.canonicalize() {
                    self.visited.insert(canonical);
                }
                EntryKind::Dir
            } else if file_type.is_file() {
                EntryKind::File
            } else {
                EntryKind::Special
            };
            kept.push((path, kind));
        }
        kept
    }
}

/// Why a named pipe, device or socket is not read: W0011's reason or
/// E0006's detail.
fn not_regular(code: Code) -> Tr {
    code.text("not_regular", &[])
}

/// W0011: an entry left out of a walk, with the reason.
fn skipped(path: &Path, reason: Tr) -> Diagnostic {
    Diagnostic::global(Code::W0011)
        .arg("path", display(path))
        .arg("reason", reason)
}

fn load(workspace: &mut Workspace, path: &Path, kind: FileKind) -> Result<(), Box<Diagnostic>> {
    // Never open a named pipe or a device: reading one can block forever or
    // never end (`/dev/zero`).
    let metadata = std::fs::metadata(path).map_err(|error| Box::new(unreadable(path, &error.to_string())))?;
    if !metadata.is_file() {
        return Err(Box::new(unreadable_because(path, not_regular(Code::E0006))));
    }
    let bytes = std::fs::read(path).map_err(|error| Box::new(unreadable(path, &error.to_string())))?;
    let (text, invalid_utf8_at) = match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(error) => {
            let at = error.utf8_error().valid_up_to();
            (String::from_utf8_lossy(error.as_bytes()).into_owned(), Some(at))
        }
    };
    workspace.files.push(SourceFile {
        path: display(path),
        line_index: LineIndex::new(&text),
        text,
        kind,
        invalid_utf8_at,
    });
    Ok(())
}

/// E0005 for a code in `deny` or `allow` that does not exist, or an error in
/// `allow` (only warnings can be silenced).
fn check_code_lists(file: FileId, text: &str, manifest: &Manifest, diagnostics: &mut Vec<Diagnostic>) {
    let all: Vec<&str> = crate::diagnostics::codes::ALL.iter().map(|c| c.as_str()).collect();
    for (key, list) in [("deny", &manifest.deny), ("allow", &manifest.allow)] {
        for written in list {
            let quoted = format!("\"{written}\"");
            let start = text.find(&quoted).map_or(0, |at| at + 1);
            let span = Span::new(start, start + written.len().max(1));
            let detail = match Code::parse(written) {
                None => Some((
                    "not_a_code",
                    vec![("list", Tr::new(key, key)), ("code", Tr::same(written.as_str()))],
                )),
                Some(code) if key == "allow" && code.info().severity == crate::diagnostics::Severity::Error => {
                    Some(("error_allowed", vec![("code", Tr::same(written.as_str()))]))
                }
                Some(_) => None,
            };
            if let Some((detail, args)) = detail {
                diagnostics.push(Diagnostic::new(Code::E0005, file, span).detail(detail, &args).suggest(
                    crate::suggest::closest(&written.to_uppercase(), all.iter().copied()).map(str::to_string),
                ));
            }
        }
    }
}

/// Parses a manifest, reporting E0005 at the offending place.
pub fn parse_manifest(file: FileId, text: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Manifest> {
    match toml::from_str::<Manifest>(text) {
        Ok(manifest) => {
            if let Some(lang) = &manifest.lang
                && lang != "zh"
                && lang != "en"
            {
                let start = text.find(lang.as_str()).unwrap_or(0);
                diagnostics.push(
                    Diagnostic::new(Code::E0005, file, Span::new(start, start + lang.len()))
                        .detail("unknown_lang", &[("lang", Tr::same(lang.as_str()))]),
                );
            }
            check_code_lists(file, text, &manifest, diagnostics);
            Some(manifest)
        }
        Err(error) => {
            let span = error.span().unwrap_or(0..0);
            let end = if span.end > span.start {
                span.end
            } else {
                span.start + 1
            };
            let message = error.message().trim().to_string();
            let mut diagnostic = Diagnostic::new(Code::E0005, file, Span::new(span.start, end.min(text.len().max(1))));
            let unknown = message
                .strip_prefix("unknown field `")
                .and_then(|rest| rest.split('`').next())
                .map(str::to_string);
            let detail = match &unknown {
                Some(key) => {
                    diagnostic = diagnostic.suggest(
                        crate::suggest::closest(
                            key,
                            [
                                "name",
                                "rules",
                                "lang",
                                "deny-warnings",
                                "catalogs",
                                "promises-may-only-shrink",
                                "deny",
                                "allow",
                            ],
                        )
                        .map(str::to_string),
                    );
                    ("unknown_key", Tr::same(key.as_str()))
                }
                // TOML's own message, in English: shown as it is.
                None if message.starts_with("invalid type") => ("invalid_type", Tr::same(message.as_str())),
                None => ("toml", Tr::same(message.as_str())),
            };
            let (detail, value) = detail;
            let name = if detail == "unknown_key" { "key" } else { "message" };
            diagnostics.push(diagnostic.detail(detail, &[(name, value)]));
            None
        }
    }
}

/// `dir/./rules` → `dir/rules`: drops `.` components so paths display cleanly.
fn normalize(path: &Path) -> PathBuf {
    let mut out: PathBuf = path
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    if out.as_os_str().is_empty() {
        out = PathBuf::from(".");
    }
    out
}

/// E0006 with the system's reason (its message, shown as it is).
fn unreadable(path: &Path, error: &str) -> Diagnostic {
    unreadable_because(path, Code::E0006.text("system", &[("error", Tr::same(error))]))
}

fn unreadable_because(path: &Path, detail: Tr) -> Diagnostic {
    Diagnostic::global(Code::E0006)
        .arg("path", display(path))
        .arg("detail", detail)
}

/// Why a path listed in the manifest cannot be used: it is outside the
/// workspace folder, is not a regular file or folder, or does not exist.
/// Paths that leave the workspace are refused so that a manifest can never
/// make a check walk `/` or `/proc`.
fn manifest_path_problem(dir: &Path, path: &Path, key: &str) -> Option<Tr> {
    let inside = match (dir.canonicalize(), path.canonicalize()) {
        (Ok(dir), Ok(path)) => path.starts_with(dir),
        // A path that does not exist is reported as missing below.
        _ => true,
    };
    if !inside {
        return Some(Code::E0006.text("listed_outside", &[("key", Tr::new(key, key))]));
    }
    match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_dir() || metadata.is_file() => None,
        Ok(_) => Some(not_regular(Code::E0006)),
        Err(_) => Some(Code::E0006.text("listed_missing", &[("key", Tr::new(key, key))])),
    }
}

/// A path for display: relative to the current folder when below it, with `/`.
pub fn display(path: &Path) -> String {
    let shown = path.strip_prefix("./").unwrap_or(path);
    let text = shown.to_string_lossy().replace('\\', "/");
    if text.is_empty() { ".".to_string() } else { text }
}

/// The result of compiling one workspace.
#[derive(Debug)]
pub struct Compiled {
    pub ir: crate::ir::Ir,
    pub graphs: crate::graph::Graphs,
    pub diagnostics: Vec<Diagnostic>,
}

/// Runs the whole front end and every check on a loaded workspace.
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
            let (Some(text), Some(at)) = (&result.sample, result.sample_at) else {
                continue;
            };
            if let Sample::File(path) = sample(text, &file.path)
                && !std::fs::metadata(&path).is_ok_and(|m| m.is_file())
            {
                diagnostics.push(
                    Diagnostic::new(Code::W1304, item.file, at)
                        .arg("path", display(&path))
                        .arg("result", result.name.as_str()),
                );
            }
        }
    }
}

pub fn check(workspace: &Workspace) -> Compiled {
    let (mut diagnostics, asts, mut outlines) = front_end(workspace);
    let declares_nothing = asts.iter().all(|ast| ast.decls.is_empty() && ast.broken.is_empty());
    if declares_nothing && workspace.n_rule_files() > 0 && !diagnostics.iter().any(|d| d.severity() == Severity::Error)
    {
        // Empty files, or only comments or a BOM: nothing was checked, and
        // that must not read as a pass.
        diagnostics.push(Diagnostic::global(Code::E0010).arg("path", workspace.root.as_str()));
    }
    let ir = crate::ir::from_ast::resolve(&asts, &mut diagnostics);
    let graphs = crate::graph::build(&ir);
    crate::checks::run(&ir, &graphs, &mut diagnostics);
    check_samples(workspace, &ir, &mut diagnostics);
    crate::catalog::check(workspace, &ir, &mut diagnostics);
    drop_consequences(&mut diagnostics, &mut outlines);
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
        diagnostics,
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
#[derive(Debug, Default)]
struct Outline {
    blocks: Vec<OutlineBlock>,
}

#[derive(Debug, Clone, Copy)]
struct OutlineBlock {
    span: Span,
    parent: Option<usize>,
    kind: Option<crate::keywords::BlockKw>,
    /// An entry of this block was written but could not be read.
    unreadable: bool,
    /// An entry of this block or of a block inside it could not be read.
    unreadable_inside: bool,
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
                parent,
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
            if let Some(parent) = block.parent.and_then(|p| blocks.get_mut(p))
                && block.unreadable_inside
            {
                parent.unreadable_inside = true;
            }
        }
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
            index = block.parent?;
        }
    }

    fn top(&self, mut index: usize) -> usize {
        while let Some(parent) = self.blocks.get(index).and_then(|b| b.parent) {
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

/// Drops the findings that only follow from an earlier one: an unresolved
/// name (E0201, E0203) or an entry that could not be read. The cause is
/// reported; its consequences are not.
fn drop_consequences(diagnostics: &mut Vec<Diagnostic>, outlines: &mut [Outline]) {
    // A block with a syntax error in it (one the parser recovered from, or a
    // field written without its colon) is as unreadable as a blanked entry.
    for diagnostic in diagnostics.iter() {
        if !matches!(diagnostic.code, Code::E0001 | Code::E0007 | Code::E0008) {
            continue;
        }
        let Some(location) = diagnostic.location() else {
            continue;
        };
        let Some(outline) = outlines.get_mut(location.file.0 as usize) else {
            continue;
        };
        let mut at = outline.innermost(location.span);
        if let Some(block) = at.and_then(|index| outline.blocks.get_mut(index)) {
            block.unreadable = true;
        }
        while let Some(block) = at.and_then(|index| outline.blocks.get_mut(index)) {
            block.unreadable_inside = true;
            at = block.parent;
        }
    }
    let outlines: &[Outline] = outlines;
    let outline_of = |file: FileId| outlines.get(file.0 as usize);
    let mut unresolved: std::collections::HashSet<(FileId, usize)> = std::collections::HashSet::new();
    for diagnostic in diagnostics.iter() {
        if !matches!(diagnostic.code, Code::E0201 | Code::E0203) {
            continue;
        }
        let Some(location) = diagnostic.location() else {
            continue;
        };
        let Some(outline) = outline_of(location.file) else {
            continue;
        };
        if let Some(index) = outline.innermost(location.span) {
            unresolved.insert((location.file, outline.top(index)));
        }
    }
    let any_unreadable = outlines.iter().any(|o| o.blocks.iter().any(|b| b.unreadable));
    if unresolved.is_empty() && !any_unreadable {
        return;
    }
    let sources_unreadable = outlines.iter().any(|o| {
        o.blocks
            .iter()
            .any(|b| b.unreadable_inside && b.kind == Some(crate::keywords::BlockKw::DataSource))
    });
    diagnostics.retain(|diagnostic| {
        if FOLLOW_FROM_DATA_SOURCES.contains(&diagnostic.code) && sources_unreadable {
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
        !(top_unreadable || unresolved.contains(&(location.file, top)))
    });
}

/// Parses and lowers every file, in parallel over the machine's cores, and
/// returns the diagnostics and ASTs in file order (so the result does not
/// depend on the number of threads).
fn front_end(workspace: &Workspace) -> (Vec<Diagnostic>, Vec<crate::ast::FileAst>, Vec<Outline>) {
    let files: Vec<(FileId, &SourceFile)> = workspace
        .files
        .iter()
        .enumerate()
        .map(|(index, file)| (FileId(u32::try_from(index).unwrap_or(u32::MAX)), file))
        .collect();
    let bytes: usize = workspace.files.iter().map(|f| f.text.len()).sum();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len());
    // Threads pay off only for real work; small workspaces stay on this thread.
    let results: Vec<FileResult> = if threads <= 1 || bytes < 256 * 1024 {
        files.iter().map(|(id, file)| one_file(*id, file)).collect()
    } else {
        let chunk = files.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let handles: Vec<_> = files
                .chunks(chunk)
                .map(|part| {
                    // pest's stack guard wants headroom: give parsers a full stack.
                    std::thread::Builder::new()
                        .stack_size(16 * 1024 * 1024)
                        .spawn_scoped(scope, move || {
                            part.iter().map(|(id, file)| one_file(*id, file)).collect::<Vec<_>>()
                        })
                })
                .collect();
            let mut results = Vec::with_capacity(files.len());
            for (handle, part) in handles.into_iter().zip(files.chunks(chunk)) {
                match handle.map(|h| h.join()) {
                    Ok(Ok(mut part_results)) => results.append(&mut part_results),
                    // A thread that could not start or that failed: do its share here.
                    _ => results.extend(part.iter().map(|(id, file)| one_file(*id, file))),
                }
            }
            results
        })
    };
    let mut diagnostics = Vec::new();
    let mut asts = Vec::new();
    let mut outlines = Vec::new();
    for (mut file_diagnostics, ast, outline) in results {
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
    let (syntax, mut syntax_diagnostics) = crate::syntax::parse(id, &file.text);
    diagnostics.append(&mut syntax_diagnostics);
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
