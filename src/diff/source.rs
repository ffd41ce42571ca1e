//! One version of the rules for `yijian diff`: a folder on disk, or the
//! same folder as a git revision of the repository it is in.
//!
//! A revision is read from the repository's object database with gix, never
//! by checking it out: the work tree and the index are not touched. Its
//! files (those under the current folder, or under the paths asked for) are
//! written to a temporary folder, which is discovered and compiled as any
//! folder is, so that manifests and catalogs count exactly as they do for
//! `check`; the paths shown to the user are then renamed `REV:path`.

use crate::workspace::{self, Discovery};
use std::path::{Path, PathBuf};

/// A loaded version.
pub struct Loaded {
    /// How the user named it.
    pub label: String,
    pub discovery: Discovery,
    /// The temporary folder a revision was written to, removed on drop.
    _temp: Option<tempfile::TempDir>,
}

/// Why a version could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Neither a folder nor a revision of the repository here.
    NotFound { spec: String, why: String },
    /// Reading the revision's objects or writing them failed.
    Io { spec: String, why: String },
}

/// Loads `spec`: a folder (the paths are then taken inside it), or a git
/// revision of the repository of the current folder (the paths are taken
/// relative to the current folder, as git does).
pub fn load(spec: &str, paths: &[PathBuf]) -> Result<Loaded, Problem> {
    let as_path = Path::new(spec);
    if as_path.exists() {
        let roots: Vec<PathBuf> = if paths.is_empty() {
            vec![as_path.to_path_buf()]
        } else {
            paths.iter().map(|p| as_path.join(p)).collect()
        };
        return Ok(Loaded {
            label: spec.to_string(),
            discovery: workspace::discover(&roots),
            _temp: None,
        });
    }
    let temp = tempfile::Builder::new()
        .prefix("yijian-diff-")
        .tempdir()
        .map_err(|e| Problem::Io {
            spec: spec.to_string(),
            why: e.to_string(),
        })?;
    extract(spec, temp.path())?;
    let roots: Vec<PathBuf> = if paths.is_empty() {
        vec![temp.path().to_path_buf()]
    } else {
        paths.iter().map(|p| temp.path().join(p)).collect()
    };
    let mut discovery = workspace::discover(&roots);
    let prefix = format!("{}/", temp.path().display());
    let rename = |path: &str| -> String {
        match path.strip_prefix(&prefix) {
            Some(rest) => format!("{spec}:{rest}"),
            None if path == prefix.trim_end_matches('/') => format!("{spec}:."),
            None => path.to_string(),
        }
    };
    for ws in &mut discovery.workspaces {
        ws.root = rename(&ws.root);
        ws.files.rename(&rename);
    }
    Ok(Loaded {
        label: spec.to_string(),
        discovery,
        _temp: Some(temp),
    })
}

fn not_found(spec: &str, why: impl std::fmt::Display) -> Problem {
    Problem::NotFound {
        spec: spec.to_string(),
        why: why.to_string(),
    }
}

fn io(spec: &str, why: impl std::fmt::Display) -> Problem {
    Problem::Io {
        spec: spec.to_string(),
        why: why.to_string(),
    }
}

/// Writes the files of revision `spec` under the current folder to `to`.
fn extract(spec: &str, to: &Path) -> Result<(), Problem> {
    let cwd = std::env::current_dir().map_err(|e| io(spec, e))?;
    let repo = gix::discover(&cwd).map_err(|e| not_found(spec, e))?;
    let workdir = repo
        .workdir()
        .map(Path::to_path_buf)
        .ok_or_else(|| not_found(spec, "a bare repository"))?;
    let workdir = workdir.canonicalize().unwrap_or(workdir);
    let cwd = cwd.canonicalize().unwrap_or(cwd);
    let prefix = cwd.strip_prefix(&workdir).map(Path::to_path_buf).unwrap_or_default();
    let id = repo.rev_parse_single(spec).map_err(|e| not_found(spec, e))?;
    let tree = id
        .object()
        .map_err(|e| io(spec, e))?
        .peel_to_tree()
        .map_err(|e| not_found(spec, e))?;
    // Down to the current folder.
    let mut tree = tree;
    for part in prefix.components() {
        let name = part.as_os_str().to_string_lossy().into_owned();
        let Some(entry) = tree.find_entry(name.as_str()) else {
            return Ok(()); // the folder does not exist in that revision
        };
        let object = entry.object().map_err(|e| io(spec, e))?;
        match object.try_into_tree() {
            Ok(inner) => tree = inner,
            Err(_) => return Ok(()),
        }
    }
    write_tree(&repo, &tree, to, spec)
}

fn write_tree(repo: &gix::Repository, tree: &gix::Tree<'_>, to: &Path, spec: &str) -> Result<(), Problem> {
    std::fs::create_dir_all(to).map_err(|e| io(spec, e))?;
    for entry in tree.iter() {
        let entry = entry.map_err(|e| io(spec, e))?;
        let name = entry.filename().to_string();
        // A name that is not a plain file name is never written outside `to`.
        if name.is_empty() || name == "." || name == ".." || name.contains(['/', '\\']) {
            continue;
        }
        let mode = entry.mode();
        let target = to.join(&name);
        if mode.is_tree() {
            let object = repo.find_object(entry.oid()).map_err(|e| io(spec, e))?;
            let inner = object.try_into_tree().map_err(|e| io(spec, e))?;
            write_tree(repo, &inner, &target, spec)?;
        } else if mode.is_blob() {
            let object = repo.find_object(entry.oid()).map_err(|e| io(spec, e))?;
            std::fs::write(&target, &object.data).map_err(|e| io(spec, e))?;
        }
        // Symbolic links and submodules are not rule files.
    }
    Ok(())
}
