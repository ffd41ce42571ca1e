//! The book cannot drift from the compiler: every `yijian` snippet in it is
//! checked, and every internal link resolves.
//!
//! A snippet under a `## 示例` heading of a code page must report exactly that
//! page's code; a snippet whose first line is `# expect: CODE …` must report
//! those codes; every other snippet must be clean.

use crate::support::root;
use std::path::{Path, PathBuf};
use yijian::workspace::{self, Workspace};

fn pages() -> Vec<PathBuf> {
    crate::support::files_under("book/src", "md")
}

/// `(heading, first line number, text)` of every ```yijian block.
fn snippets(text: &str) -> Vec<(String, usize, String)> {
    let mut out = Vec::new();
    let mut heading = String::new();
    let mut current: Option<(usize, String)> = None;
    for (number, line) in text.lines().enumerate() {
        match &mut current {
            Some((_, body)) if line.trim_start().starts_with("```") => {
                let (start, body) = current.take().unwrap();
                out.push((heading.clone(), start, body));
            }
            Some((_, body)) => {
                body.push_str(line);
                body.push('\n');
            }
            None if line.trim_start().starts_with("```yijian") => current = Some((number + 1, String::new())),
            None if line.starts_with('#') => heading = line.trim_start_matches('#').trim().to_string(),
            None => {}
        }
    }
    out
}

/// The codes a snippet gives. W1302 (documents would print 未填写) is
/// counted only where a snippet states it: the book's snippets show one
/// feature each and leave the hall's address and hours out.
fn codes_of(text: &str, keep_w1302: bool) -> Vec<String> {
    let ws = Workspace::from_texts([("snippet.yj", text)]);
    let mut codes: Vec<String> = workspace::check(&ws)
        .diagnostics
        .iter()
        .filter(|d| keep_w1302 || d.code != yijian::diagnostics::Code::W1302)
        .map(|d| d.code.as_str().to_string())
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

/// The snippets of a page whose first line is `# 文件：NAME` are the files of
/// one workspace (as in the tutorial), checked together and expected clean.
fn file_snippets(text: &str) -> Vec<(String, String)> {
    snippets(text)
        .into_iter()
        .filter_map(|(_, _, body)| {
            let first = body.lines().next()?;
            let name = first.trim().strip_prefix("# 文件：")?.trim().to_string();
            // The line names the file and is a comment, kept: a reader who
            // copies the snippet whole gets the line numbers shown.
            Some((name, body))
        })
        .collect()
}

#[test]
fn every_rule_snippet_in_the_book_checks_as_stated() {
    let mut failures = Vec::new();
    let mut count = 0;
    for page in pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        let files = file_snippets(&text);
        if !files.is_empty() {
            let ws = Workspace::from_texts(files);
            let codes: Vec<_> = workspace::check(&ws)
                .diagnostics
                .iter()
                .filter(|d| d.code != yijian::diagnostics::Code::W1302)
                .map(|d| d.code.as_str())
                .collect();
            if !codes.is_empty() {
                failures.push(format!("{}: the page's files together: {codes:?}", page.display()));
            }
        }
        let page_code = page
            .parent()
            .filter(|p| p.ends_with("codes"))
            .and_then(|_| page.file_stem())
            .map(|s| s.to_string_lossy().into_owned());
        for (heading, line, body) in snippets(&text) {
            count += 1;
            if body.starts_with("# 文件：") {
                continue;
            }
            let declared: Vec<String> = body
                .lines()
                .next()
                .and_then(|l| l.trim().strip_prefix("# expect:"))
                .map(|rest| rest.split_whitespace().map(str::to_string).collect())
                .unwrap_or_default();
            let expected = if !declared.is_empty() {
                declared
            } else if heading == "示例" {
                page_code.iter().cloned().collect()
            } else {
                Vec::new()
            };
            let actual = codes_of(&body, expected.iter().any(|c| c == "W1302"));
            if actual != expected {
                failures.push(format!(
                    "{}:{line}: expected {expected:?}, got {actual:?}",
                    page.strip_prefix(root()).unwrap().display()
                ));
            }
        }
    }
    assert!(count > 20, "found only {count} snippets");
    assert!(
        failures.is_empty(),
        "book snippets that do not check as stated:\n{}",
        failures.join("\n")
    );
}

fn links(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("](") {
        rest = &rest[at + 2..];
        if let Some(end) = rest.find(')') {
            out.push(rest[..end].to_string());
        }
    }
    out
}

#[test]
fn every_internal_link_resolves() {
    let mut broken = Vec::new();
    for page in pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        for link in links(&text) {
            if link.contains("://") || link.starts_with('#') || link.starts_with("mailto:") {
                continue;
            }
            let target = link.split('#').next().unwrap();
            let path: &Path = page.parent().unwrap();
            if !path.join(target).exists() {
                broken.push(format!("{} → {link}", page.strip_prefix(root()).unwrap().display()));
            }
        }
    }
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    for link in links(&readme) {
        if !link.contains("://") && !root().join(&link).exists() {
            broken.push(format!("README.md → {link}"));
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn the_tutorial_shows_what_check_really_prints() {
    let text = std::fs::read_to_string(root().join("book/src/tutorial.md")).unwrap();
    let files: Vec<(String, String)> = file_snippets(&text)
        .into_iter()
        .map(|(name, body)| (name, body.replace("需要：营业执照", "需要：营业执昭")))
        .collect();
    let ws = Workspace::from_texts(files);
    let diagnostics = workspace::check(&ws).diagnostics;
    let report = yijian::render::Report {
        workspaces: vec![(&ws, &diagnostics)],
        global: &[],
        lang: yijian::diagnostics::Lang::Zh,
    };
    let printed = yijian::render::human::render(
        &report,
        yijian::render::human::Style {
            color: false,
            width: 100,
        },
    );
    let shown: String = text
        .split("```text\n")
        .find(|block| block.starts_with("E0201"))
        .unwrap()
        .split("```")
        .next()
        .unwrap()
        .to_string();
    assert_eq!(
        shown.trim_end(),
        printed.trim_end(),
        "update the output shown in book/src/tutorial.md"
    );
}
