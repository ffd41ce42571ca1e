//! Finding workspaces under the paths given on the command line, and loading
//! their files: rule files, manifests and catalogs.
//!
//! Only regular files are read; named pipes, devices and sockets are skipped
//! with W0011 (E0006 when named directly), and symbolic links to folders are
//! followed only inside the folder being walked and only to a folder not
//! walked yet, so that a walk always ends.

use super::manifest::{MANIFEST, Manifest, parse_manifest};
use super::{FileKind, SourceFile, Workspace};
use crate::diagnostics::{Code, Diagnostic, FileId, Tr};
use std::path::{Path, PathBuf};

pub const EXTENSION: &str = "yj";

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
        load_all(&mut workspace, &loose, FileKind::Rules, &mut out.problems);
        out.workspaces.push(workspace);
    }
    attach_catalogs(&mut out, loose_catalogs);
    out
}

/// Whether `path` names a catalog file (`.yaml`, `.yml`, `.json`); a JSON
/// Schema kept beside the catalogs for editors (`*.schema.json`) is not one.
pub(super) fn is_catalog_path(path: &Path) -> bool {
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
        load_all(&mut workspace, &files, FileKind::Rules, &mut out.problems);
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
    load_all(&mut workspace, &files, FileKind::Rules, &mut out.problems);
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
    load_all(&mut workspace, &catalogs, FileKind::Catalog, &mut out.problems);
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

/// Loads `paths` into `workspace` in their order, each file that cannot be
/// read a problem. Many files are read on every core (reading and checking
/// the UTF-8 of 25 MB took 40 ms on one).
fn load_all(workspace: &mut Workspace, paths: &[PathBuf], kind: FileKind, problems: &mut Vec<Diagnostic>) {
    let read_one = |path: &PathBuf| read(path, kind);
    let files: Vec<Result<SourceFile, Box<Diagnostic>>> = if paths.len() >= 16 {
        crate::parallel::map_weighted(paths, |_| 1, read_one)
    } else {
        paths.iter().map(read_one).collect()
    };
    for file in files {
        match file {
            Ok(file) => {
                workspace.files.add(file);
            }
            Err(problem) => problems.push(*problem),
        }
    }
}

fn load(workspace: &mut Workspace, path: &Path, kind: FileKind) -> Result<(), Box<Diagnostic>> {
    workspace.files.add(read(path, kind)?);
    Ok(())
}

/// Reads one file (a text that is no UTF-8 is kept lossily, with where the
/// first invalid byte was).
fn read(path: &Path, kind: FileKind) -> Result<SourceFile, Box<Diagnostic>> {
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
    Ok(SourceFile {
        invalid_utf8_at,
        ..SourceFile::new(display(path), text, kind)
    })
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
