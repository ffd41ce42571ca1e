//! `--format json`: one JSON document with every diagnostic and a summary.
//!
//! Positions carry the line, the column in characters and in UTF-16 code
//! units, and the byte offset, so any tool can use the one it needs.

use super::{Report, summary};
use crate::diagnostics::Severity;

pub fn render(report: &Report<'_>) -> String {
    let value = serde_json::json!({
        "version": 1,
        "tool": { "name": "yijian", "version": env!("CARGO_PKG_VERSION") },
        "diagnostics": report.resolved(),
        "summary": {
            "errors": report.count(Severity::Error),
            "warnings": report.count(Severity::Warning),
            "workspaces": report.workspaces.len(),
            "files": report.n_files(),
            "text": summary(report),
        },
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}
