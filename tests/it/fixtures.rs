//! The fixture harness: every file or folder under `tests/fixtures/ok` and
//! `tests/fixtures/err` states the codes it expects in a `# expect:` line
//! (`E0008*200` for a code expected 200 times).
//! The harness checks the codes first (so accepting a snapshot can never
//! approve a regression), then compares the rendered output with a snapshot.

use crate::support::{Checked, rel, root};
use std::path::{Path, PathBuf};
use yijian::diagnostics::Lang;

/// The codes a fixture expects: every `# expect:` line in its files.
fn expected_codes(path: &Path) -> Vec<String> {
    let mut files = Vec::new();
    if path.is_dir() {
        collect(path, &mut files);
    } else {
        files.push(path.to_path_buf());
    }
    let mut codes = Vec::new();
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for line in text.lines() {
            let line = line.trim_start_matches('\u{feff}').trim();
            if let Some(rest) = line.strip_prefix("# expect:").or_else(|| line.strip_prefix("#expect:")) {
                for code in rest.split([' ', ',']).filter(|c| !c.is_empty()) {
                    // `E0008*200`: the code 200 times.
                    let (code, times) = match code.split_once('*') {
                        Some((code, times)) => (code, times.parse().unwrap()),
                        None => (code, 1),
                    };
                    if code != "ok" {
                        codes.extend(std::iter::repeat_n(code.to_string(), times));
                    }
                }
            }
        }
    }
    codes.sort();
    codes
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            collect(&entry, files);
        } else {
            files.push(entry);
        }
    }
}

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = root().join("tests/fixtures").join(kind);
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "yj"))
        .collect();
    entries.sort();
    assert!(!entries.is_empty(), "no fixtures in {}", dir.display());
    entries
}

/// The snapshot text: the sources, the rendered diagnostics, the exit code.
fn snapshot_text(path: &Path, checked: &Checked) -> String {
    let mut files = Vec::new();
    if path.is_dir() {
        collect(path, &mut files);
    } else {
        files.push(path.to_path_buf());
    }
    let mut out = String::new();
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        out.push_str(&format!("=== {}\n", rel(&file)));
        let text = String::from_utf8_lossy(&bytes).replace("\r\n", "␍\n");
        out.push_str(&text);
        if !text.ends_with('\n') {
            out.push('\n');
        }
    }
    out.push_str("=== diagnostics\n");
    out.push_str(&checked.human(Lang::Zh));
    out.push_str(&format!("=== exit code: {}\n", checked.exit_code()));
    out
}

fn run(kind: &str) {
    let mut failures = Vec::new();
    for path in fixtures(kind) {
        // Paths relative to the root, so snapshots show short paths.
        let relative = PathBuf::from(rel(&path));
        let expected = expected_codes(&path);
        let mut checked = Checked::run(std::slice::from_ref(&relative));
        if !expected.iter().any(|c| c == "W1302") {
            checked = checked.without(yijian::diagnostics::Code::W1302);
        }
        let actual = checked.codes();
        if kind == "err" {
            assert!(
                !expected.is_empty(),
                "{}: an err fixture needs an `# expect:` line",
                rel(&path)
            );
        }
        if expected != actual {
            failures.push(format!("{}: expected {:?}, got {:?}", rel(&path), expected, actual));
            continue;
        }
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        insta::with_settings!({
            snapshot_path => root().join("tests/snapshots/fixtures"),
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!(format!("{kind}-{name}"), snapshot_text(&relative, &checked));
        });
    }
    assert!(
        failures.is_empty(),
        "fixtures with other codes than expected:\n{}",
        failures.join("\n")
    );
}

#[test]
fn ok_fixtures_are_clean() {
    run("ok");
}

#[test]
fn err_fixtures_report_exactly_their_codes() {
    run("err");
}

#[test]
fn english_messages_come_from_the_same_table() {
    let path = PathBuf::from("tests/fixtures/err");
    let first = fixtures("err")
        .into_iter()
        .find(|p| p.to_string_lossy().contains("E0201"))
        .unwrap_or(path);
    let checked = Checked::run(&[PathBuf::from(rel(&first))]);
    let english = checked.human(Lang::En);
    assert!(
        english.contains("no material named") || english.contains("no "),
        "{english}"
    );
    assert!(!english.contains("没有名为"), "{english}");
}

/// A field written but unreadable counts as written: the unquoted 办理时间
/// gives its E0001 and no W1302 "没有写办理时间" (the filter above would hide it).
#[test]
fn an_unreadable_field_is_not_reported_missing() {
    let checked = Checked::run(&[PathBuf::from("tests/fixtures/err/E0001-unquoted-hours.yj")]);
    assert_eq!(checked.codes(), ["E0001"]);
}

/// Chinese that English messages show on purpose, each with its reason.
const CHINESE_ON_PURPOSE: &[(&str, &str)] = &[
    (
        "“未填写”",
        "W1302 quotes what the documents, which are in Chinese, would print",
    ),
    ("`、`", "E0001 names the character the user wrote in a name"),
    ("`“`", "E0001 names the quotation marks the user wrote"),
    ("`”`", "E0001 names the quotation marks the user wrote"),
    ("`且`", "E0201 names the condition words the user wrote inside a name"),
    ("`或`", "E0201 names the condition words the user wrote inside a name"),
    ("`是`", "E0201 names the condition words the user wrote inside a name"),
    (
        "`承诺书`",
        "E0903: the written promise is recognised by this word in a material's name",
    ),
];

/// The first character of `text` that is Chinese (Han, CJK punctuation,
/// full-width forms, Chinese quotation marks), with the text around it.
fn chinese_in(text: &str) -> Option<char> {
    text.chars().find(|&c| {
        matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF)
            || matches!(c, '“' | '”' | '‘' | '’')
    })
}

/// `{name}` left in a text: a template argument nobody gave.
fn unfilled(text: &str) -> Option<&str> {
    let open = text.find('{')?;
    let close = text.get(open..)?.find('}')? + open;
    let inside = text.get(open + 1..close)?;
    (!inside.is_empty() && inside.chars().all(|c| c.is_ascii_lowercase() || c == '_')).then_some(inside)
}

/// Every fixture rendered in English: the message, help lines and labels
/// of every finding contain no Chinese of ours. The user's own text (names,
/// quoted texts, the file's words an argument repeats: every part a
/// diagnostic marks as the user's, and the "did you mean" replacement) is
/// removed before looking, so a Chinese word of ours in an English message
/// fails whatever the fixture's names are. The source lines miette shows are
/// the user's and not looked at. Also fails on an unfilled `{argument}`.
#[test]
fn english_output_has_no_chinese_of_ours() {
    // The text with the user's parts as `‹user›` → the first fixture showing it.
    let mut failures: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
    for kind in ["ok", "err"] {
        for path in fixtures(kind) {
            let relative = PathBuf::from(rel(&path));
            let checked = Checked::run(std::slice::from_ref(&relative));
            let report = checked.report(Lang::En);
            for (_, diagnostic) in report.all() {
                let mut user: Vec<String> = Vec::new();
                let labels = diagnostic.primary.iter().chain(&diagnostic.secondary);
                for (_, value) in diagnostic.args.iter().chain(labels.clone().flat_map(|l| &l.args)) {
                    user.extend(value.user.iter().cloned());
                }
                for note in &diagnostic.notes {
                    user.extend(note.user.iter().cloned());
                }
                user.extend(diagnostic.suggestion.iter().cloned());
                user.sort_by_key(|text| std::cmp::Reverse(text.len()));
                let mut texts = vec![diagnostic.message(Lang::En)];
                texts.extend(diagnostic.help(Lang::En));
                texts.extend(labels.map(|label| diagnostic.label_text(label, Lang::En)));
                for text in texts {
                    let mut ours = text.clone();
                    for part in &user {
                        if !part.is_empty() {
                            ours = ours.replace(part.as_str(), "‹user›");
                        }
                    }
                    for (word, _) in CHINESE_ON_PURPOSE {
                        ours = ours.replace(word, "‹word›");
                    }
                    let found = chinese_in(&ours.replace("‹user›", "").replace("‹word›", ""))
                        .map(|c| format!("`{c}`"))
                        .or_else(|| unfilled(&text).map(|name| format!("unfilled {{{name}}}")));
                    if let Some(found) = found {
                        failures
                            .entry(format!("{} {found} in: {ours}", diagnostic.code))
                            .or_insert_with(|| rel(&path));
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} English texts with Chinese of ours (user's text shown as ‹user›):\n{}",
        failures.len(),
        failures
            .iter()
            .map(|(text, fixture)| format!("{text}    ({fixture})"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}
