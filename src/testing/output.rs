//! What `yijian test` says: a human summary, JSON and JUnit XML for CI, and
//! the rewritten rule files of `--update`.

use super::{Failure, Outcome, Rewrite};
use crate::ast::duration::{Style, print};
use crate::diagnostics::{Lang, Tr};
use crate::keywords::{BlockKw, FieldKw};
use crate::source::SourceFile;
use crate::syntax::tree::{Block, Entry, ValueItem};

/// An outcome with the file its test is in.
pub type Located<'a> = (&'a Outcome, Option<&'a SourceFile>);

/// `path:line:column` of an outcome's test.
fn place(outcome: &Outcome, file: Option<&SourceFile>) -> (String, usize, usize) {
    match file {
        Some(file) => {
            let p = file.line_index.position(&file.text, outcome.at.start as usize);
            (file.path.clone(), p.line, p.column)
        }
        None => (String::new(), 0, 0),
    }
}

fn field_name(field: FieldKw, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => field.zh(),
        Lang::En => field.en(),
    }
}

/// The human report: one line per test, the failures in detail, a summary.
pub fn human(outcomes: &[Located<'_>], lang: Lang) -> String {
    let mut out = String::new();
    for (outcome, file) in outcomes {
        let (path, line, column) = place(outcome, *file);
        let status = match (outcome.passed(), lang) {
            (true, Lang::Zh) => "通过",
            (true, Lang::En) => "ok",
            (false, Lang::Zh) => "失败",
            (false, Lang::En) => "FAILED",
        };
        out.push_str(&format!(
            "{status}  {} ({}) {path}:{line}:{column}\n",
            outcome.name, outcome.subject
        ));
        for failure in &outcome.failures {
            let at = file.map(|f| f.line_index.position(&f.text, failure.at.start as usize));
            let (expected, actual) = match lang {
                Lang::Zh => ("期望", "实际"),
                Lang::En => ("expected", "actual"),
            };
            out.push_str(&format!(
                "    {}（{path}:{}）\n      {expected}：{}\n      {actual}：{}\n",
                field_name(failure.field, lang),
                at.map_or(0, |p| p.line),
                failure.expected.get(lang),
                failure.actual.get(lang)
            ));
            for reason in &failure.reasons {
                out.push_str(&format!("        · {}\n", reason.get(lang)));
            }
        }
    }
    let passed = outcomes.iter().filter(|(o, _)| o.passed()).count();
    let failed = outcomes.len() - passed;
    out.push_str(&match lang {
        Lang::Zh => format!("{passed} 个通过，{failed} 个失败 ({passed} passed, {failed} failed)\n"),
        Lang::En => format!("{passed} passed, {failed} failed\n"),
    });
    out
}

fn failure_json(failure: &Failure, file: Option<&SourceFile>, lang: Lang) -> serde_json::Value {
    let at = file.map(|f| f.line_index.position(&f.text, failure.at.start as usize));
    serde_json::json!({
        "field": failure.field.en(),
        "line": at.map_or(0, |p| p.line),
        "column": at.map_or(0, |p| p.column),
        "expected": failure.expected.get(lang),
        "actual": failure.actual.get(lang),
        "reasons": failure.reasons.iter().map(|r| r.get(lang)).collect::<Vec<_>>(),
    })
}

/// `{"passed": n, "failed": m, "tests": [...]}`.
pub fn json(outcomes: &[Located<'_>], lang: Lang) -> String {
    let tests: Vec<serde_json::Value> = outcomes
        .iter()
        .map(|(outcome, file)| {
            let (path, line, column) = place(outcome, *file);
            serde_json::json!({
                "name": outcome.name,
                "subject": outcome.subject,
                "file": path,
                "line": line,
                "column": column,
                "passed": outcome.passed(),
                "failures": outcome.failures.iter().map(|f| failure_json(f, *file, lang)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let passed = outcomes.iter().filter(|(o, _)| o.passed()).count();
    let value = serde_json::json!({
        "passed": passed,
        "failed": outcomes.len() - passed,
        "tests": tests,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// Escapes text for XML content and attributes: the HTML escapes, without
/// the control characters XML 1.0 does not allow.
fn xml_escape(text: &str) -> String {
    let allowed: String = text
        .chars()
        .filter(|c| (*c as u32) >= 0x20 || matches!(c, '\n' | '\t' | '\r'))
        .collect();
    crate::documents::html::escape(&allowed)
}

/// JUnit XML, as CI systems read it: one test case per test, its file as
/// the class name.
pub fn junit(outcomes: &[Located<'_>], lang: Lang) -> String {
    let failed = outcomes.iter().filter(|(o, _)| !o.passed()).count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"yijian test\" tests=\"{}\" failures=\"{failed}\">\n  <testsuite name=\"yijian\" tests=\"{}\" failures=\"{failed}\">\n",
        outcomes.len(),
        outcomes.len()
    ));
    for (outcome, file) in outcomes {
        let (path, line, _) = place(outcome, *file);
        out.push_str(&format!(
            "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\" line=\"{line}\"",
            xml_escape(&outcome.name),
            xml_escape(&outcome.subject),
            xml_escape(&path)
        ));
        if outcome.passed() {
            out.push_str(" />\n");
            continue;
        }
        out.push_str(">\n");
        for failure in &outcome.failures {
            let message = format!(
                "{}: {} → {}",
                field_name(failure.field, lang),
                failure.expected.get(lang),
                failure.actual.get(lang)
            );
            let body: Vec<String> = failure.reasons.iter().map(|r| r.get(lang).to_string()).collect();
            out.push_str(&format!(
                "      <failure message=\"{}\">{}</failure>\n",
                xml_escape(&message),
                xml_escape(&body.join("\n"))
            ));
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

/// The rule text of an actual value, in the language of the field's key.
fn rewrite_text(rewrite: &Rewrite, lang: Lang) -> String {
    let arrow = match lang {
        Lang::Zh => " → ",
        Lang::En => " -> ",
    };
    match rewrite {
        Rewrite::Names(names) => names
            .iter()
            .map(|n| crate::syntax::written_name(n))
            .collect::<Vec<_>>()
            .join(if lang == Lang::Zh { "、" } else { ", " }),
        Rewrite::Count(n) => n.to_string(),
        Rewrite::Duration(d) => print(*d, lang, Style::Rule),
        Rewrite::Bool(yes) => Tr::new(if *yes { "是" } else { "否" }, if *yes { "yes" } else { "no" })
            .get(lang)
            .to_string(),
        Rewrite::CityWide(level, durations) => {
            let mut parts = vec![match lang {
                Lang::Zh => level.zh().to_string(),
                Lang::En => level.en().to_string(),
            }];
            parts.extend(durations.iter().map(|d| print(*d, lang, Style::Rule)));
            parts.join(arrow)
        }
    }
}

/// The text of `file` with the failing values of its tests replaced by the
/// actual ones; `None` when nothing of this file changes. Only the value
/// text of each failing field (or, for `通办时长`, of the failing chain) is
/// replaced, so comments and layout stay. The caller checks that the new
/// text still parses before writing it.
pub fn updated_text(file: &SourceFile, outcomes: &[&Outcome]) -> Option<String> {
    let (tree, _) = crate::syntax::parse(crate::diagnostics::FileId(0), &file.text);
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for outcome in outcomes {
        let Some(block) = tree.blocks.iter().find(|b| is_test_named(b, outcome)) else {
            continue;
        };
        let Some(body) = &block.body else { continue };
        for failure in &outcome.failures {
            let Some(rewrite) = &failure.rewrite else { continue };
            for entry in &body.entries {
                let Entry::Field(field) = entry else { continue };
                if FieldKw::from_word(&field.key.text) != Some(failure.field) {
                    continue;
                }
                let lang = if field.key.text.is_ascii() { Lang::En } else { Lang::Zh };
                let span = match rewrite {
                    Rewrite::CityWide(..) => field
                        .value
                        .items
                        .iter()
                        .map(ValueItem::span)
                        .find(|s| s.start <= failure.at.start && failure.at.end <= s.end),
                    _ => Some(field.value.span),
                };
                if let Some(span) = span {
                    edits.push((span.start as usize..span.end as usize, rewrite_text(rewrite, lang)));
                }
            }
        }
    }
    if edits.is_empty() {
        return None;
    }
    edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    edits.dedup_by_key(|(range, _)| range.start);
    let mut text = file.text.clone();
    for (range, replacement) in edits {
        if text.get(range.clone()).is_some() {
            text.replace_range(range, &replacement);
        }
    }
    (text != file.text).then_some(text)
}

fn is_test_named(block: &Block, outcome: &Outcome) -> bool {
    BlockKw::from_word(&block.keyword.text) == Some(BlockKw::Test)
        && block
            .name
            .as_ref()
            .is_some_and(|n| n.span == outcome.at || crate::ir::name_key(&n.text) == crate::ir::name_key(&outcome.name))
}
