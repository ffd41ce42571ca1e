//! Printing diagnostics: for people (`human`), for programs (`json`), for
//! code-scanning pages (`sarif`) and for workflow logs (`github`).
//!
//! Renderers only read diagnostics and the source texts; they decide nothing.

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use crate::diagnostics::{Code, Diagnostic, Label, Lang, Severity};
use crate::syntax::Position;
use crate::workspace::Workspace;

/// A diagnostic with its positions and texts worked out, for the
/// machine-readable formats.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Resolved {
    pub code: &'static str,
    pub severity: &'static str,
    pub message: String,
    pub help: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub primary: Option<ResolvedLabel>,
    pub secondary: Vec<ResolvedLabel>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct ResolvedLabel {
    pub file: String,
    pub start: Position,
    pub end: Position,
    pub message: String,
}

/// Everything one run found, for any format.
pub struct Report<'a> {
    /// Each workspace with its diagnostics.
    pub workspaces: Vec<(&'a Workspace, &'a [Diagnostic])>,
    /// Diagnostics that belong to no file (no rule files, unreadable paths).
    pub global: &'a [Diagnostic],
    pub lang: Lang,
}

impl Report<'_> {
    /// Every diagnostic with the workspace it belongs to (global ones first).
    pub fn all(&self) -> impl Iterator<Item = (Option<&Workspace>, &Diagnostic)> {
        self.global.iter().map(|d| (None, d)).chain(
            self.workspaces
                .iter()
                .flat_map(|(ws, ds)| ds.iter().map(move |d| (Some(*ws), d))),
        )
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.all().filter(|(_, d)| d.severity() == severity).count()
    }

    pub fn n_files(&self) -> usize {
        self.workspaces.iter().map(|(ws, _)| ws.n_rule_files()).sum()
    }

    pub fn n_catalogs(&self) -> usize {
        self.workspaces.iter().map(|(ws, _)| ws.n_catalogs()).sum()
    }

    pub fn resolved(&self) -> Vec<Resolved> {
        self.all().map(|(ws, d)| resolve(ws, d, self.lang)).collect()
    }
}

fn resolve_label(
    workspace: Option<&Workspace>,
    diagnostic: &Diagnostic,
    label: &Label,
    lang: Lang,
) -> Option<ResolvedLabel> {
    let file = workspace?.file(label.location.file)?;
    let span = label.location.span;
    Some(ResolvedLabel {
        file: file.path.clone(),
        start: file.line_index.position(&file.text, span.start as usize),
        end: file.line_index.position(&file.text, span.end as usize),
        message: diagnostic.label_text(label, lang),
    })
}

pub fn resolve(workspace: Option<&Workspace>, diagnostic: &Diagnostic, lang: Lang) -> Resolved {
    Resolved {
        code: diagnostic.code.as_str(),
        severity: diagnostic.severity().as_str(),
        message: diagnostic.message(lang),
        help: diagnostic.help(lang),
        suggestion: diagnostic.suggestion.clone(),
        primary: diagnostic
            .primary
            .as_ref()
            .and_then(|label| resolve_label(workspace, diagnostic, label, lang)),
        secondary: diagnostic
            .secondary
            .iter()
            .filter_map(|label| resolve_label(workspace, diagnostic, label, lang))
            .collect(),
    }
}

/// The codes a report uses, in table order (for SARIF's rule list).
pub fn codes_used(report: &Report<'_>) -> Vec<Code> {
    let mut codes: Vec<Code> = report.all().map(|(_, d)| d.code).collect();
    codes.sort();
    codes.dedup();
    codes
}

/// The closing line: how many errors and warnings in how many files.
pub fn summary(report: &Report<'_>) -> String {
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    let files = report.n_files();
    let workspaces = report.workspaces.len();
    let catalogs = report.n_catalogs();
    match report.lang {
        Lang::Zh => {
            let scope = if catalogs > 0 {
                format!("{workspaces} 个工作区、{files} 个规则文件、{catalogs} 个实施清单")
            } else {
                format!("{workspaces} 个工作区、{files} 个规则文件")
            };
            if errors == 0 && warnings == 0 {
                format!("检查通过：{scope}，没有发现问题")
            } else {
                format!("发现 {errors} 个错误、{warnings} 个警告（{scope}）")
            }
        }
        Lang::En => {
            let scope = if catalogs > 0 {
                format!("{workspaces} workspace(s), {files} rule file(s), {catalogs} catalog(s)")
            } else {
                format!("{workspaces} workspace(s), {files} rule file(s)")
            };
            if errors == 0 && warnings == 0 {
                format!("checked {scope}: no problems found")
            } else {
                format!("found {errors} error(s), {warnings} warning(s) in {scope}")
            }
        }
    }
}
