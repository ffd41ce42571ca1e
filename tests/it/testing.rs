//! `yijian test`: the tests the shipped rules carry, a changed rule figure
//! caught with the reasons, the CI formats, `--update`, and refusals.

use crate::support::{root, stdout, yijian};
use std::path::Path;

/// A copy of the shipped rules in a temporary folder.
fn rules_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    crate::lsp::copy_dir(&root().join("rules"), &dir.path().join("rules"));
    dir
}

/// The rules with one step of 食品经营许可（新办） a day shorter (审查 1 工作日
/// instead of 2): `check` still passes, the figures the tests pin do not.
fn changed_rules() -> tempfile::TempDir {
    let dir = rules_copy();
    let item = dir.path().join("rules/事项/食品经营许可（新办）.yj");
    edit(
        &item,
        "  环节 审查 {\n    时限：2 工作日",
        "  环节 审查 {\n    时限：1 工作日",
    );
    dir
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn the_shipped_rules_pass_their_tests() {
    let out = yijian().current_dir(root()).args(["test", "rules"]).assert().code(0);
    let text = stdout(&out);
    let last = text.lines().last().unwrap();
    assert!(last.ends_with("个通过，0 个失败 (55 passed, 0 failed)"), "{last}");
    assert!(!text.contains("失败  "), "{text}");
}

/// One step of 食品经营许可（新办） takes a day longer: the item's critical path,
/// its city-wide durations and the 开办餐饮店 bundle all move, and each test
/// that pins one says so with the path that explains it.
#[test]
fn a_changed_rule_figure_fails_with_its_reasons() {
    let dir = changed_rules();
    let out = yijian()
        .current_dir(dir.path())
        .args(["test", "rules"])
        .assert()
        .code(1);
    let text = stdout(&out);
    let failures: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("失败") || l.starts_with("    ") || l.contains("个通过"))
        .collect();
    insta::with_settings!({ snapshot_path => root().join("tests/snapshots"), prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!("test-changed-figure", failures.join("\n"));
    });
    assert!(text.contains("期望：7 个工作日"), "{text}");
    assert!(text.contains("实际：6 个工作日"), "{text}");
    assert!(
        text.contains("受理（当场） → 审查（1 工作日） → 现场核查（3 工作日） → 决定（2 工作日） → 送达"),
        "{text}"
    );
    assert!(text.ends_with("54 个通过，1 个失败 (54 passed, 1 failed)\n"), "{text}");
}

#[test]
fn json_and_junit_for_ci() {
    let dir = changed_rules();
    let out = yijian()
        .current_dir(dir.path())
        .args(["test", "rules", "--format", "json", "--lang", "en"])
        .assert()
        .code(1);
    let value: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(value["passed"], 54);
    assert_eq!(value["failed"], 1);
    let failed: Vec<&serde_json::Value> = value["tests"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["passed"] == false)
        .collect();
    let item = failed.iter().find(|t| t["subject"] == "食品经营许可（新办）").unwrap();
    let fields: Vec<&str> = item["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        [
            "critical-path",
            "city-wide-duration",
            "city-wide-duration",
            "city-wide-duration"
        ]
    );
    assert_eq!(item["failures"][0]["expected"], "7 working days");
    assert_eq!(item["failures"][0]["actual"], "6 working days");
    assert!(item["file"].as_str().unwrap().ends_with("rules/测试/事项.yj"));

    let out = yijian()
        .current_dir(dir.path())
        .args(["test", "rules", "--format", "junit"])
        .assert()
        .code(1);
    let xml = stdout(&out);
    assert!(
        xml.starts_with(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"yijian test\" tests=\"55\" failures=\"1\">"
        ),
        "{xml}"
    );
    assert_eq!(xml.matches("<testcase ").count(), 55);
    assert_eq!(xml.matches("<failure message=").count(), 4, "{xml}");
    assert!(
        xml.contains("<failure message=\"关键路径: 7 个工作日 → 6 个工作日\">"),
        "{xml}"
    );
}

#[test]
fn update_rewrites_expected_values_in_place() {
    let dir = changed_rules();
    let tests = dir.path().join("rules/测试/事项.yj");
    // A comment on the line must survive.
    edit(
        &tests,
        "  关键路径：7 工作日\n  通办时长：市 → 7 工作日",
        "  关键路径：7 工作日  # 审查 2 + 现场核查 3 + 决定 2\n  通办时长：市 → 7 工作日",
    );
    let before = std::fs::read_to_string(&tests).unwrap();
    let out = yijian()
        .current_dir(dir.path())
        .args(["test", "rules", "--update"])
        .assert()
        .code(0);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("已更新 rules/测试/事项.yj 中 1 个测试的期望值"),
        "{stderr}"
    );
    let after = std::fs::read_to_string(&tests).unwrap();
    let diff: Vec<String> = similar::TextDiff::from_lines(&before, &after)
        .iter_all_changes()
        .filter(|c| c.tag() != similar::ChangeTag::Equal)
        .map(|c| format!("{}{}", c.tag(), c.value().trim_end()))
        .collect();
    assert_eq!(
        diff,
        [
            "-  关键路径：7 工作日  # 审查 2 + 现场核查 3 + 决定 2",
            "-  通办时长：市 → 7 工作日，县 → 7 工作日，乡镇 → 8 工作日",
            "+  关键路径：6 工作日  # 审查 2 + 现场核查 3 + 决定 2",
            "+  通办时长：市 → 6 工作日，县 → 6 工作日，乡镇 → 7 工作日",
        ]
    );
    yijian()
        .current_dir(dir.path())
        .args(["test", "rules"])
        .assert()
        .code(0);
    // Written atomically: no temporary file left.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("rules/测试"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".yj"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn rules_with_errors_or_no_tests_are_refused() {
    let out = yijian()
        .current_dir(root())
        .args(["test", "tests/fixtures/err/E1504-unanswered.yj"])
        .assert()
        .code(1);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("E1504"), "{stderr}");
    assert!(stderr.contains("先用 `yijian check` 修正后再运行测试"), "{stderr}");
    assert!(out.get_output().stdout.is_empty());

    let out = yijian()
        .current_dir(root())
        .args(["test", "tests/fixtures/ok/kaiban-canyindian.yj"])
        .assert()
        .code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("没有找到测试"), "{stderr}");
}

/// A thing's test follows the joint reviews that apply to its applicant: the
/// review held only when no seal is made is on the path of that applicant only.
#[test]
fn a_conditional_joint_review_counts_for_its_applicants_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = std::fs::read_to_string(root().join("tests/fixtures/ok/conditional-joint-review.yj")).unwrap();
    text.push_str("\n测试 不刻章 { 一件事：企业名称变更；当 非 办理公章刻制备案；关键路径：6 工作日 }\n");
    text.push_str("测试 刻章 { 一件事：企业名称变更；当 办理公章刻制备案；关键路径：6 工作日 }\n");
    std::fs::write(dir.path().join("a.yj"), text).unwrap();
    let out = yijian().arg("test").arg(dir.path()).assert().code(1);
    let text = stdout(&out);
    assert!(text.contains("通过  不刻章"), "{text}");
    assert!(text.contains("失败  刻章"), "{text}");
    assert!(text.contains("实际：3 个工作日"), "{text}");
    assert!(text.ends_with("1 个通过，1 个失败 (1 passed, 1 failed)\n"), "{text}");
}
