//! Helpers shared by the test modules.

use std::path::{Path, PathBuf};
use yijian::diagnostics::{Diagnostic, Lang};
use yijian::render::{self, Report, human::Style};
use yijian::workspace::{self, Discovery};

/// The repository root (tests run there, but be explicit).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Discovers and checks `paths`; returns the discovery, the diagnostics per
/// workspace, the human rendering (plain, 80 columns) and the exit code.
pub struct Checked {
    pub discovery: Discovery,
    pub diagnostics: Vec<Vec<Diagnostic>>,
}

impl Checked {
    pub fn run(paths: &[PathBuf]) -> Checked {
        let discovery = workspace::discover(paths);
        let diagnostics = discovery
            .workspaces
            .iter()
            .map(|ws| workspace::check(ws).diagnostics)
            .collect();
        Checked { discovery, diagnostics }
    }

    pub fn report(&self, lang: Lang) -> Report<'_> {
        Report {
            workspaces: self
                .discovery
                .workspaces
                .iter()
                .zip(&self.diagnostics)
                .map(|(ws, ds)| (ws, ds.as_slice()))
                .collect(),
            global: &self.discovery.problems,
            lang,
        }
    }

    pub fn human(&self, lang: Lang) -> String {
        render::human::render(&self.report(lang), Style::plain())
    }

    pub fn exit_code(&self) -> u8 {
        yijian::cli::exit_code(&self.report(Lang::Zh), false)
    }

    /// Drops every finding with `code`: for fixtures and tests about one
    /// rule, as ruff's fixtures select the rule they test. W1302 (a document
    /// would print 未填写) fires on every short example that leaves out the
    /// hall's address and hours; it has fixtures of its own.
    pub fn without(mut self, code: yijian::diagnostics::Code) -> Checked {
        for list in &mut self.diagnostics {
            list.retain(|d| d.code != code);
        }
        self
    }

    /// Every code reported, sorted, with repeats.
    pub fn codes(&self) -> Vec<String> {
        let mut codes: Vec<String> = self
            .report(Lang::Zh)
            .all()
            .map(|(_, d)| d.code.as_str().to_string())
            .collect();
        codes.sort();
        codes
    }
}

/// Relative path from the root, with `/`.
pub fn rel(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Every file below `dir` (relative to the root) with extension `ext`, sorted.
pub fn files_under(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root().join(dir)];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == ext) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// A folder of files in a fresh temporary folder.
pub fn temp_files(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// Whether `program` can be run. Missing: a failure under `CI=true`, else a
/// notice on stderr.
pub fn have(program: &str, package: &str) -> bool {
    if std::process::Command::new(program).arg("--version").output().is_ok() {
        return true;
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("`{program}` is not installed: CI must `apt-get install -y {package}` (see .ci/run)");
    }
    eprintln!("SKIPPED: `{program}` is not installed (apt-get install {package}); this test fails when CI=true");
    false
}

/// The real binary, without colour.
pub fn yijian() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("yijian").unwrap();
    cmd.env("NO_COLOR", "1");
    cmd
}

/// What a run printed on standard output.
pub fn stdout(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// `text` with the `len` bytes from `at` (both wrapped into the text and
/// moved back to a character boundary) replaced by `insert`: a mutation
/// for the property tests.
pub fn splice(text: &str, at: usize, len: usize, insert: &str) -> String {
    let mut start = at % (text.len() + 1);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (start + len).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}{}{}", &text[..start], insert, &text[end..])
}
