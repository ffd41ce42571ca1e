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
