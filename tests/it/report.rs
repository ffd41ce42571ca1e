//! `yijian report`: the figures of the shipped rules, checked by hand, and
//! the command's formats.

use assert_cmd::Command;
use yijian::workspace;

fn rules_report() -> yijian::report::Report {
    let discovery = workspace::discover(&[crate::support::root().join("rules")]);
    let compiled = workspace::check(&discovery.workspaces[0]);
    assert!(compiled.diagnostics.is_empty());
    yijian::report::compute(&compiled.ir, &compiled.graphs)
}

#[test]
fn kaiban_canyindian_figures_are_the_ones_a_reviewer_computes() {
    let report = rules_report();
    let thing = report.things.iter().find(|t| t.name == "开办餐饮店").unwrap();
    // Critical paths: 食品经营许可 7 (受理 当场 → 审查 5 → 决定 2; 现场核查 does
    // not count), 消防安全检查 13 (一般程序: 检查 10 + 决定 3), 户外招牌设置 3.
    // One by one they add up to 23; bundled, 招牌 → 消防 is the longest chain
    // the thing's 顺序 imposes: 3 + 13 = 16.
    assert_eq!(thing.days, (23.0, 16.0));
    assert_eq!(thing.reduction_percent.days, 30.0);
    assert_eq!(thing.items.len(), 3);
    // 18 steps one by one; one acceptance and one delivery for the bundle.
    assert_eq!(thing.steps.0, 18);
    assert!(thing.steps.1 < thing.steps.0);
    let food = report.items.iter().find(|i| i.name == "食品经营许可（新办）").unwrap();
    assert_eq!(food.critical_path_days, 7.0);
    assert_eq!(food.promised_days, Some(7.0));
}

#[test]
fn report_table_and_json() {
    let mut cmd = Command::cargo_bin("yijian").unwrap();
    let out = cmd
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["report", "rules"])
        .assert()
        .code(0);
    let table = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for heading in ["## 事项", "## 按功能区", "## 按部门", "## 合计", "## 一件事"] {
        assert!(table.contains(heading), "{heading} missing:\n{table}");
    }
    insta::with_settings!({ snapshot_path => crate::support::root().join("tests/snapshots"), prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!("report-rules-table", table);
    });
    let mut cmd = Command::cargo_bin("yijian").unwrap();
    let out = cmd
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["report", "--format", "json", "rules"])
        .assert()
        .code(0);
    let value: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let report = &value[0]["report"];
    assert!(report["items"].as_array().unwrap().len() >= 4);
    assert!(report["total"]["fully_online_percent"].is_number());
}

#[test]
fn report_refuses_rules_with_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.yj"), "事项 甲 { 类型：行政许可 }\n").unwrap();
    let mut cmd = Command::cargo_bin("yijian").unwrap();
    let out = cmd.env("NO_COLOR", "1").arg("report").arg(dir.path()).assert().code(1);
    assert!(out.get_output().stdout.is_empty());
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("E0104"), "{stderr}");
}

#[test]
fn xinshenger_figures_are_the_ones_a_reviewer_computes() {
    let report = rules_report();
    let thing = report.things.iter().find(|t| t.name == "新生儿出生").unwrap();
    assert_eq!(thing.items.len(), 6);
    // Critical paths: 出生医学证明 and 出生登记 on the spot (0), 社会保障卡申领 1
    // (制卡 and 送达 do not count), 生育登记 3, the others 0: 4 one by one.
    // Bundled, the longest chain 出生医学证明 → 生育登记 takes 3.
    assert_eq!(thing.days, (4.0, 3.0));
    // Three items need a trip each when done alone; one trip serves them all.
    assert_eq!(thing.visits, (3, 1));
    assert_eq!(thing.reduction_percent.visits, 67.0);
}
