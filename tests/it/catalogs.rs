//! Service catalogs (实施清单): the format's key table against what the
//! deserializer accepts, the JSON Schema in the book, the CLI with catalogs,
//! and planted defects in a copy of a shipped-style catalog.

use crate::support::{Checked, root};
use assert_cmd::Command;
use std::path::PathBuf;
use yijian::catalog::model::{KEYS, mapping_of};

/// A YAML document with an unknown key at each level of the format; the
/// deserializer's "expected" list must be exactly the key table's keys.
#[test]
fn the_key_table_is_what_the_deserializer_accepts() {
    let levels = [
        ("CatalogDoc", "bogus: 1\n"),
        ("Region", "region: {bogus: 1}\nentries: []\n"),
        (
            "Body",
            "region: {code: '1', name: a, level: 县}\nbodies: [{bogus: 1}]\nentries: []\n",
        ),
        (
            "Entry",
            "region: {code: '1', name: a, level: 县}\nentries: [{bogus: 1}]\n",
        ),
        (
            "Fee",
            "region: {code: '1', name: a, level: 县}\nentries: [{implementation_code: a, name: a, basic_code: a, implemented_by: a, fee: {bogus: 1}}]\n",
        ),
        (
            "Material",
            "region: {code: '1', name: a, level: 县}\nentries: [{implementation_code: a, name: a, basic_code: a, implemented_by: a, materials: [{bogus: 1}]}]\n",
        ),
    ];
    for (mapping, yaml) in levels {
        let error = serde_saphyr::from_str::<yijian::catalog::model::CatalogDoc>(yaml).unwrap_err();
        let serde_saphyr::Error::SerdeUnknownField { expected, .. } = error.without_snippet() else {
            panic!("{mapping}: expected an unknown-field error, got {error}");
        };
        let mut accepted: Vec<&str> = expected.to_vec();
        accepted.sort_unstable();
        let mut table: Vec<&str> = KEYS
            .iter()
            .filter(|(m, _, _)| *m == mapping)
            .flat_map(|(_, en, zh)| std::iter::once(*en).chain(zh.iter().copied()))
            .collect();
        table.sort_unstable();
        assert_eq!(accepted, table, "{mapping}: KEYS differs from the serde attributes");
        assert_eq!(mapping_of(expected), Some(mapping));
    }
}

#[test]
fn the_book_ships_the_current_json_schema() {
    let shipped = std::fs::read_to_string(root().join("book/src/reference/catalog.schema.json")).unwrap();
    assert_eq!(
        shipped,
        yijian::catalog::model::json_schema(),
        "run `cargo run -- schema > book/src/reference/catalog.schema.json`"
    );
    let schema: serde_json::Value = serde_json::from_str(&shipped).unwrap();
    let entry = &schema["$defs"]["Entry"]["properties"];
    assert!(entry["implementation_code"].is_object());
    assert_eq!(
        entry["实施编码"], entry["implementation_code"],
        "Chinese names are properties too"
    );
}

fn planted(defect: impl Fn(String) -> String) -> (tempfile::TempDir, Checked) {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("tests/catalog-base.yaml")).unwrap();
    let path = dir.path().join("某某县.yaml");
    std::fs::write(&path, defect(text)).unwrap();
    let checked = Checked::run(&[root().join("rules"), path]);
    // The folder lives as long as the caller renders the diagnostics.
    (dir, checked)
}

/// The primary label's line of the only diagnostic, and its code.
fn only((_dir, checked): &(tempfile::TempDir, Checked)) -> (String, usize, String) {
    let report = checked.report(yijian::diagnostics::Lang::Zh);
    let resolved = report.resolved();
    assert_eq!(resolved.len(), 1, "{}", checked.human(yijian::diagnostics::Lang::Zh));
    let d = &resolved[0];
    let primary = d.primary.as_ref().unwrap();
    (d.code.to_string(), primary.start.line, d.message.clone())
}

#[test]
fn planted_defects_are_reported_at_their_line() {
    let (_dir, base) = planted(|t| t);
    assert!(base.codes().is_empty(), "{}", base.human(yijian::diagnostics::Lang::Zh));

    // A dropped required material: reported on the entry's name line.
    let (code, line, message) = only(&planted(|t| t.replace("      - name: 食品安全规章制度目录清单\n", "")));
    assert_eq!((code.as_str(), line), ("E1411", 12), "{message}");
    assert!(message.contains("食品安全规章制度目录清单"));

    // A promise above the legal limit.
    let (code, line, message) = only(&planted(|t| {
        t.replace("promised_limit: 5 工作日", "promised_limit: 15 工作日")
    }));
    assert_eq!((code.as_str(), line), ("E1410", 16), "{message}");

    // A misspelt key, with did-you-mean.
    let checked = planted(|t| t.replace("promised_limit:", "promised_limt:"));
    let (code, line, _) = only(&checked);
    assert_eq!((code.as_str(), line), ("E1402", 16));
    assert!(
        checked
            .1
            .human(yijian::diagnostics::Lang::Zh)
            .contains("是不是想写“promised_limit”")
    );

    // A renamed item (四级四同).
    let (code, line, message) = only(&planted(|t| {
        t.replace("    name: 食品经营许可（新办）", "    name: 食品经营许可证核发")
    }));
    assert_eq!((code.as_str(), line), ("E1407", 12), "{message}");

    // A duplicated implementation code.
    let (_dir, checked) = planted(|t| {
        let entries = t.split("entries:\n").nth(1).unwrap().to_string();
        format!("{t}{entries}")
    });
    let codes = checked.codes();
    assert!(codes.contains(&"E1409".to_string()), "{codes:?}");
}

#[test]
fn check_points_json_at_the_yaml_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("tests/catalog-base.yaml")).unwrap();
    let path = dir.path().join("某某县.yaml");
    std::fs::write(
        &path,
        text.replace("promised_limit: 5 工作日", "promised_limit: 15 工作日"),
    )
    .unwrap();
    let out = Command::cargo_bin("yijian")
        .unwrap()
        .current_dir(root())
        .args(["check", "rules"])
        .arg(&path)
        .args(["--format", "json"])
        .assert()
        .code(1);
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "E1410");
    assert_eq!(d["primary"]["start"]["line"], 16);
    assert_eq!(d["primary"]["start"]["column"], 21);
}

#[test]
fn a_catalog_without_rules_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.yaml");
    std::fs::write(&path, "region: {code: '370811', name: a, level: 县}\nentries: []\n").unwrap();
    let checked = Checked::run(&[PathBuf::from(&path)]);
    assert_eq!(checked.codes(), vec!["E1420".to_string()]);
    assert_eq!(checked.exit_code(), 2);
}

#[test]
fn schema_command_prints_the_schema() {
    let out = Command::cargo_bin("yijian").unwrap().arg("schema").assert().success();
    let schema: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(schema["title"], "yijian 实施清单（service catalog）");
}

/// The shipped-style catalog written as JSON (keys and values as in the YAML).
fn base_json() -> String {
    let text = std::fs::read_to_string(root().join("tests/catalog-base.yaml")).unwrap();
    let value: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    serde_json::to_string_pretty(&value).unwrap()
}

/// Line and column (1-based, in characters) where `needle` starts in `text`.
fn line_column(text: &str, needle: &str) -> (usize, usize) {
    position(text, text.find(needle).unwrap())
}

/// Line and column (1-based, in characters) of byte `at` of `text`.
fn position(text: &str, at: usize) -> (usize, usize) {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (
        text[..at].matches('\n').count() + 1,
        text[line_start..at].chars().count() + 1,
    )
}

#[test]
fn check_reads_json_catalogs_at_their_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let text = base_json();
    assert!(text.contains("\"promised_limit\": \"5 工作日\""), "{text}");
    let text = text.replace("\"promised_limit\": \"5 工作日\"", "\"promised_limit\": \"15 工作日\"");
    let (line, column) = line_column(&text, "\"15 工作日\"");
    let path = dir.path().join("某某县.json");
    std::fs::write(&path, &text).unwrap();
    let out = Command::cargo_bin("yijian")
        .unwrap()
        .current_dir(root())
        .args(["check", "rules"])
        .arg(&path)
        .args(["--format", "json"])
        .assert()
        .code(1);
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{json}");
    let d = &diagnostics[0];
    assert_eq!(d["code"], "E1410");
    assert_eq!(d["primary"]["start"]["line"], line);
    assert_eq!(d["primary"]["start"]["column"], column);

    // The clean twin checks clean, like the YAML.
    std::fs::write(&path, base_json()).unwrap();
    let checked = Checked::run(&[root().join("rules"), path]);
    assert!(
        checked.codes().is_empty(),
        "{}",
        checked.human(yijian::diagnostics::Lang::Zh)
    );
}

/// JSON syntax errors and key errors: code, line and column of each.
#[test]
fn json_errors_are_reported_where_they_are() {
    let base = base_json();
    let cases: Vec<(&str, String, &str, &str)> = vec![
        // (what, text, code, where the error starts)
        (
            "trailing comma",
            base.replacen("\"乡镇\"", "\"乡镇\",", 1),
            "E1401",
            ",\n      ]",
        ),
        (
            "missing quote",
            base.replacen("\"5 工作日\"", "\"5 工作日", 1),
            "E1401",
            "\"5 工作日,\n",
        ),
        (
            "missing comma",
            base.replacen("\"5 工作日\",", "\"5 工作日\"", 1),
            "E1401",
            "\"address\"",
        ),
        (
            "single quotes",
            base.replacen("\"5 工作日\"", "'5 工作日'", 1),
            "E1401",
            "'5 工作日'",
        ),
        (
            "repeated key",
            base.replacen(
                "\"promised_limit\": \"5 工作日\",",
                "\"promised_limit\": \"5 工作日\", \"promised_limit\": \"5 工作日\",",
                1,
            ),
            "E1401",
            "promised_limit\": \"5 工作日\",\n",
        ),
        (
            "unclosed object",
            base.trim_end().strip_suffix('}').unwrap().to_string(),
            "E1401",
            "{\n  \"region\"",
        ),
        (
            "unknown key",
            base.replacen("\"promised_limit\"", "\"promised_limt\"", 1),
            "E1402",
            "promised_limt",
        ),
        (
            "wrong type",
            base.replacen("\"courier\": true", "\"courier\": \"是\"", 1),
            "E1403",
            "\"是\"",
        ),
        (
            "missing key",
            base.replacen("\"basic_code\": \"000123012000\",", "", 1),
            "E1404",
            "{\n      \"implementation_code\"",
        ),
    ];
    for (what, text, code, needle) in cases {
        assert_ne!(text, base, "{what}: the defect was not planted");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("某某县.json");
        std::fs::write(&path, &text).unwrap();
        let checked = Checked::run(&[root().join("rules"), path]);
        let report = checked.report(yijian::diagnostics::Lang::Zh);
        let resolved = report.resolved();
        assert_eq!(
            resolved.len(),
            1,
            "{what}: {}",
            checked.human(yijian::diagnostics::Lang::Zh)
        );
        let d = &resolved[0];
        let primary = d.primary.as_ref().unwrap();
        // The last occurrence for a repeated key, the first otherwise.
        let at = if what == "repeated key" {
            text.rfind(needle)
        } else {
            text.find(needle)
        }
        .unwrap_or_else(|| panic!("{what}: {needle:?} is not in the text"));
        let expected = position(&text, at);
        assert_eq!(
            (d.code.to_string(), primary.start.line, primary.start.column),
            (code.to_string(), expected.0, expected.1),
            "{what}"
        );
    }
}

/// The synthetic catalogs the benchmarks read check clean in both formats,
/// and the JSON is JSON.
#[test]
fn synthetic_catalogs_are_clean_in_yaml_and_json() {
    use yijian::synth::{CatalogConfig, CatalogFormat, Config, catalogs, workspace};
    let rules = workspace(Config::items(300));
    let compiled = yijian::workspace::check(&yijian::workspace::Workspace::from_texts(rules.clone()));
    for format in [CatalogFormat::Yaml, CatalogFormat::Json] {
        let files = catalogs(
            &compiled.ir,
            CatalogConfig {
                n_entries: 500,
                n_files: 2,
                format,
            },
        );
        if format == CatalogFormat::Json {
            for (path, text) in &files {
                assert!(path.ends_with(".json"), "{path}");
                let _: serde::de::IgnoredAny = serde_json::from_str(text).unwrap();
            }
        }
        let ws = yijian::workspace::Workspace::from_texts(rules.iter().cloned().chain(files));
        assert_eq!(ws.n_catalogs(), 2);
        let codes: Vec<_> = yijian::workspace::check(&ws)
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        assert!(codes.is_empty(), "{format:?}: {codes:?}");
    }
}

/// In JSON as in YAML, an unknown key at each level of the format lists
/// exactly the key table's keys of that level.
#[test]
fn json_unknown_keys_name_their_mapping() {
    use yijian::catalog::json::{ErrorKind, from_str};
    use yijian::catalog::model::CatalogDoc;
    let region = r#""region": {"code": "1", "name": "a", "level": "县"}"#;
    let entry = r#""implementation_code": "1", "name": "a", "basic_code": "1", "implemented_by": "a""#;
    let levels = [
        ("CatalogDoc", r#"{"bogus": 1}"#.to_string()),
        ("Region", r#"{"region": {"bogus": 1}, "entries": []}"#.to_string()),
        (
            "Body",
            format!(r#"{{{region}, "bodies": [{{"bogus": 1}}], "entries": []}}"#),
        ),
        ("Entry", format!(r#"{{{region}, "entries": [{{"bogus": 1}}]}}"#)),
        (
            "Fee",
            format!(r#"{{{region}, "entries": [{{{entry}, "fee": {{"bogus": 1}}}}]}}"#),
        ),
        (
            "Intermediary",
            format!(r#"{{{region}, "entries": [{{{entry}, "intermediary_services": [{{"bogus": 1}}]}}]}}"#),
        ),
        (
            "Material",
            format!(r#"{{{region}, "entries": [{{{entry}, "materials": [{{"bogus": 1}}]}}]}}"#),
        ),
    ];
    for (mapping, text) in levels {
        let error = from_str::<CatalogDoc>(&text).unwrap_err();
        let ErrorKind::UnknownField { field, expected } = &error.kind else {
            panic!("{mapping}: {error:?}");
        };
        assert_eq!(field, "bogus");
        assert_eq!(mapping_of(expected), Some(mapping), "{mapping}");
        let span = error.span.unwrap();
        assert_eq!(&text[span.start as usize..span.end as usize], "bogus", "{mapping}");
    }
}

/// A JSON catalog may name its schema for editors, and the schema kept in the
/// catalogs folder is not taken for a catalog.
#[test]
fn json_catalogs_may_name_their_schema() {
    let dir = tempfile::tempdir().unwrap();
    let text = base_json().replacen('{', "{\n  \"$schema\": \"./catalog.schema.json\",", 1);
    std::fs::write(dir.path().join("某某县.json"), text).unwrap();
    std::fs::write(
        dir.path().join("catalog.schema.json"),
        yijian::catalog::model::json_schema(),
    )
    .unwrap();
    let checked = Checked::run(&[root().join("rules"), dir.path().to_path_buf()]);
    assert!(
        checked.codes().is_empty(),
        "{}",
        checked.human(yijian::diagnostics::Lang::Zh)
    );
    let json: Vec<&str> = checked
        .discovery
        .workspaces
        .iter()
        .flat_map(|w| &w.files)
        .map(|f| f.path.as_str())
        .filter(|p| p.ends_with(".json"))
        .collect();
    assert_eq!(json.len(), 1, "{json:?}");
    assert!(json[0].ends_with("某某县.json"), "{json:?}");
}

/// Hostile JSON: every prefix of a catalog, deep nesting and stray bytes are
/// each reported (E1401–E1405) without a panic, and the span stays inside
/// the text.
#[test]
fn broken_json_is_reported_never_a_panic() {
    use yijian::diagnostics::FileId;
    let base = base_json();
    let mut texts: Vec<String> = base
        .char_indices()
        .map(|(i, _)| i)
        .step_by(5)
        .skip(1)
        .map(|i| base[..i].to_string())
        .collect();
    texts.push("[".repeat(100_000));
    texts.push(format!("{{\"region\": {}", "[".repeat(100_000)));
    texts.push("{".repeat(100_000));
    texts.push("\u{feff}{\"region\": 1}".to_string());
    texts.push("{\"region\": \"\\ud800\"}".to_string());
    texts.push("{\"region\": -01}".to_string());
    texts.push("{} {}".to_string());
    texts.push("[]".to_string());
    for text in texts {
        let ws = yijian::workspace::Workspace::from_texts([("x.json", text.as_str())]);
        let mut out = Vec::new();
        let docs = yijian::catalog::parse(FileId(0), &ws.files[0], &mut out);
        assert!(docs.is_empty(), "{text:.80}");
        assert_eq!(out.len(), 1, "{text:.80}");
        let code = out[0].code.as_str();
        assert!(
            ["E1401", "E1402", "E1403", "E1404", "E1405"].contains(&code),
            "{code}: {text:.80}"
        );
        let span = out[0].primary.as_ref().unwrap().location.span;
        assert!(span.end as usize <= text.len() && span.start <= span.end, "{text:.80}");
    }
}
