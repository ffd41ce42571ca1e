//! Tests that run the real `yijian` binary: formats, exit codes, options.

use assert_cmd::Command;
use std::path::Path;

fn yijian() -> Command {
    let mut cmd = Command::cargo_bin("yijian").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).env("NO_COLOR", "1");
    cmd
}

/// A workspace in a fresh temporary folder.
fn workspace(files: &[(&str, &str)]) -> tempfile::TempDir {
    crate::support::temp_files(files)
}

const CLEAN: &str = r#"
部门 市场监管局 { 全称："某市市场监督管理局" }
材料 营业执照 { 来源：政府部门核发；依据："《市场主体登记管理条例》第二十一条" }
事项 食品经营许可 {
  基本编码："000130101000"
  类型：行政许可
  实施部门：市场监管局
  法定时限：20 工作日
  承诺时限：10 工作日
  服务对象：法人；行使层级：市；收费：否
  设定依据："《中华人民共和国食品安全法》第三十五条"
  受理条件："申请人已取得营业执照"
  办理地点："某市政务服务中心一楼"；办理时间："工作日 9:00-17:00"
  咨询电话："0000-1234567"；投诉电话："12345"
  材料 营业执照 {}
  环节 受理 { 时限：当场 }
  环节 审查 { 需要：营业执照 }
  环节 决定 { 产出：食品经营许可证 }
  环节 送达 { 送达：食品经营许可证 }
  结果 食品经营许可证 { 类型：证照；送达方式：窗口领取 }
}
"#;

/// The same item with a one-character typo in a material name and a warning.
const TYPO: &str = r#"
部门 市场监管局 { 全称："某市市场监督管理局" }
材料 营业执照 { 来源：政府部门核发；依据："《市场主体登记管理条例》第二十一条" }
材料 承诺书 { 来源：申请人自备 }
事项 食品经营许可 {
  基本编码："000130101000"
  类型：行政许可
  实施部门：市场监管局
  法定时限：20 工作日
  承诺时限：10 工作日
  服务对象：法人；行使层级：市；收费：否
  设定依据："《中华人民共和国食品安全法》第三十五条"
  受理条件："申请人已取得营业执照"
  办理地点："某市政务服务中心一楼"；办理时间："工作日 9:00-17:00"
  咨询电话："0000-1234567"；投诉电话："12345"
  材料 营业执照 {}
  环节 受理 { 时限：当场 }
  环节 审查 { 需要：营业执昭 }
  环节 决定 { 产出：食品经营许可证 }
  环节 送达 { 送达：食品经营许可证 }
  结果 食品经营许可证 { 类型：证照；送达方式：窗口领取 }
}
"#;

const WARNING_ONLY: &str = r#"
材料 承诺书 { 来源：申请人自备 }
"#;

#[test]
fn clean_workspace_exits_zero() {
    let dir = workspace(&[("a.yj", CLEAN)]);
    let out = yijian().arg("check").arg(dir.path()).assert().code(0);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("检查通过"), "{stdout}");
}

#[test]
fn human_output_names_the_place_the_reason_and_the_likely_name() {
    let dir = workspace(&[("a.yj", TYPO)]);
    let out = yijian().arg("check").arg(dir.path()).assert().code(1);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("E0201"), "{stdout}");
    assert!(stdout.contains("没有名为“营业执昭”的材料"), "{stdout}");
    assert!(stdout.contains("是不是想写“营业执照”？"), "{stdout}");
    assert!(stdout.contains("a.yj:18:14]"), "line and character column: {stdout}");
    assert!(!stdout.contains("\u{1b}["), "NO_COLOR output has no escape codes");
}

#[test]
fn english_messages_with_lang_en() {
    let dir = workspace(&[("a.yj", TYPO)]);
    let out = yijian()
        .args(["check", "--lang", "en"])
        .arg(dir.path())
        .assert()
        .code(1);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("no material named `营业执昭`"), "{stdout}");
    assert!(stdout.contains("did you mean `营业执照`?"), "{stdout}");
}

#[test]
fn json_output_parses_back() {
    let dir = workspace(&[("a.yj", TYPO)]);
    let out = yijian()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .assert()
        .code(1);
    let value: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let diagnostics = value["diagnostics"].as_array().unwrap();
    let typo = diagnostics.iter().find(|d| d["code"] == "E0201").unwrap();
    assert_eq!(typo["severity"], "error");
    assert_eq!(typo["suggestion"], "营业执照");
    assert_eq!(typo["primary"]["start"]["line"], 18);
    assert_eq!(typo["primary"]["start"]["column"], 14);
    assert_eq!(typo["primary"]["start"]["utf16_column"], 14);
    assert!(typo["primary"]["file"].as_str().unwrap().ends_with("a.yj"));
    assert_eq!(value["summary"]["errors"], 1);
    assert_eq!(value["summary"]["warnings"], 1);
}

#[test]
fn sarif_output_is_sarif_2_1_0() {
    let dir = workspace(&[("a.yj", TYPO)]);
    let out = yijian()
        .args(["check", "--format", "sarif"])
        .arg(dir.path())
        .assert()
        .code(1);
    let value: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(value["version"], "2.1.0");
    let run = &value["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "yijian");
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["E0201", "W0501"]);
    let result = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "E0201")
        .unwrap();
    assert_eq!(result["level"], "error");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 18);
    assert_eq!(region["startColumn"], 14);
    assert_eq!(region["endColumn"], 18);
}

#[test]
fn github_output_is_workflow_commands() {
    let dir = workspace(&[("a.yj", TYPO)]);
    let out = yijian()
        .args(["check", "--format", "github"])
        .arg(dir.path())
        .assert()
        .code(1);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let line = stdout.lines().find(|l| l.contains("E0201")).unwrap();
    assert!(line.starts_with("::error file="), "{line}");
    assert!(
        line.contains(",line=18,col=14,endLine=18,endColumn=18,title=E0201::没有名为“营业执昭”的材料%0A"),
        "{line}"
    );
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("::warning ") && l.contains("title=W0501")),
        "{stdout}"
    );
}

#[test]
fn warnings_pass_unless_denied() {
    let dir = workspace(&[("a.yj", WARNING_ONLY)]);
    yijian().arg("check").arg(dir.path()).assert().code(0);
    yijian()
        .args(["check", "--deny-warnings"])
        .arg(dir.path())
        .assert()
        .code(1);
}

#[test]
fn manifest_sets_language_and_deny_warnings() {
    let dir = workspace(&[
        ("yijian.toml", "lang = \"en\"\ndeny-warnings = true\n"),
        ("a.yj", WARNING_ONLY),
    ]);
    let out = yijian().arg("check").arg(dir.path()).assert().code(1);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("has no legal basis"), "{stdout}");
}

#[test]
fn no_rule_files_is_an_error_not_a_pass() {
    let dir = workspace(&[("README.md", "nothing here")]);
    let out = yijian().arg("check").arg(dir.path()).assert().code(2);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("E0004"), "{stdout}");
}

#[test]
fn missing_path_is_an_io_error() {
    yijian().args(["check", "does/not/exist"]).assert().code(2);
}

#[test]
fn usage_errors_exit_two() {
    yijian().args(["check", "--format", "xml"]).assert().code(2);
    yijian().arg("frobnicate").assert().code(2);
}

#[test]
fn default_path_is_the_current_folder() {
    let dir = workspace(&[("a.yj", CLEAN)]);
    let mut cmd = Command::cargo_bin("yijian").unwrap();
    cmd.current_dir(dir.path())
        .env("NO_COLOR", "1")
        .arg("check")
        .assert()
        .code(0);
}

#[test]
fn folders_with_a_manifest_are_separate_workspaces() {
    // The same names in two workspaces are no duplicates.
    let dir = workspace(&[
        ("one/yijian.toml", ""),
        ("one/a.yj", CLEAN),
        ("two/yijian.toml", ""),
        ("two/a.yj", CLEAN),
    ]);
    let out = yijian()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .assert()
        .code(0);
    let value: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(value["summary"]["workspaces"], 2);
    // Without manifests they share one namespace, and the names clash.
    let dir = workspace(&[("one/a.yj", CLEAN), ("two/a.yj", CLEAN)]);
    let out = yijian()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .assert()
        .code(1);
    let value: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert!(
        value["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "E0202")
    );
}

#[test]
fn explain_prints_the_book_page() {
    let out = yijian().args(["explain", "e0201"]).assert().code(0);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let page = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("book/src/codes/E0201.md")).unwrap();
    assert_eq!(stdout, page);
    let out = yijian().args(["explain", "E0210"]).assert().code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        ["E0201", "E0206", "E0010"].iter().any(|code| stderr.contains(code)),
        "{stderr}"
    );
    let out = yijian().args(["explain", "--list"]).assert().code(0);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(stdout.lines().count(), yijian::diagnostics::codes::ALL.len());
}

#[test]
fn a_file_inside_a_workspace_is_checked_with_its_workspace() {
    let dir = workspace(&[
        ("yijian.toml", "rules = [\"rules\"]\n"),
        ("rules/部门.yj", "部门 市场监管局 { 全称：\"某市市场监督管理局\" }\n"),
        (
            "rules/事项.yj",
            "事项 甲 { 基本编码：\"000000000001\"；类型：公共服务；实施部门：市场监管局 }\n",
        ),
        (
            "notes/草稿.yj",
            "事项 乙 { 基本编码：\"000000000002\"；类型：公共服务；实施部门：市场监管局 }\n",
        ),
    ]);
    // The item's department is declared in another file of the workspace.
    yijian()
        .arg("check")
        .arg(dir.path().join("rules/事项.yj"))
        .assert()
        .code(0);
    // Named twice, the workspace is checked once.
    let out = yijian()
        .args(["check", "--format", "json"])
        .arg(dir.path().join("rules"))
        .arg(dir.path().join("rules/事项.yj"))
        .assert()
        .code(0);
    let value: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(value["summary"]["workspaces"], 1);
    // A file outside the manifest's rule folders stands alone.
    let out = yijian()
        .args(["check", "--format", "json"])
        .arg(dir.path().join("notes/草稿.yj"))
        .assert()
        .code(1);
    let value: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let codes: Vec<&str> = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(codes.contains(&"E0201"), "{codes:?}");
}
