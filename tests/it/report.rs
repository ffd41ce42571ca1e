//! `yijian report`: the figures of the shipped rules, checked by hand, and
//! the command's formats.

use assert_cmd::Command;
use yijian::workspace;

fn rules_report() -> yijian::report::Report {
    let discovery = workspace::discover(&[crate::support::root().join("rules")]);
    let compiled = workspace::check(&discovery.workspaces[0]);
    assert!(compiled.diagnostics.is_empty());
    yijian::report::compute(&compiled)
}

#[test]
fn kaiban_canyindian_figures_are_the_ones_a_reviewer_computes() {
    let report = rules_report();
    let thing = report.things.iter().find(|t| t.name == "开办餐饮店").unwrap();
    // The report shows the group with the most items: the applicant also takes
    // the optional 烟草专卖零售许可（新办）.
    assert_eq!(thing.items.len(), 4);
    // Critical paths: 食品经营许可 7 (受理 当场 → 审查 5 → 决定 2; 现场核查 does
    // not count), 消防安全检查 13 (一般程序: 检查 10 + 决定 3), 户外招牌设置 3,
    // 烟草专卖零售许可 10 (实地核查 5 + 审查 3 + 决定 2). One by one they add
    // up to 7 + 13 + 3 + 10 = 33; bundled, 招牌 → 消防 is the longest chain the
    // thing's 顺序 imposes: 3 + 13 = 16 (烟草 runs beside it, 10 < 16).
    assert_eq!(thing.days, (33.0, 16.0));
    // (33 - 16) / 33 = 51.5 %, rounded.
    assert_eq!(thing.reduction_percent.days, 52.0);
    // 5 + 5 + 8 + 5 = 23 steps one by one; bundled, the 4 acceptance steps
    // merge into one and the 6 delivery steps (消防 has three) into one:
    // 23 - 3 - 5 = 15.
    assert_eq!(thing.steps, (23, 15));
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

#[test]
fn city_wide_durations_follow_the_chain_of_centres() {
    let report = rules_report();
    let row = |item: &str, level: &str| {
        report
            .city_wide
            .iter()
            .find(|r| r.item == item && r.accepted_at == level)
            .unwrap_or_else(|| panic!("{item} at {level} missing"))
            .clone()
    };
    // 社会保障卡 is made by the city: a township application travels two hops
    // (1 + 1 working days) and the card is mailed from the city (2 days).
    let card = row("社会保障卡申领", "乡镇");
    assert_eq!(card.handled_at.as_deref(), Some("市"));
    assert_eq!((card.total_working_days, card.total_calendar_days), (3.0, 2.0));
    // Handled where accepted: no circulation.
    let local = row("社会保障卡申领", "市");
    assert_eq!((local.total_working_days, local.total_calendar_days), (1.0, 0.0));
    // 生育登记 accepted by the city centre goes down the chain to the county;
    // its result is sent online, so nothing comes back.
    let birth = row("生育登记", "市");
    assert_eq!(birth.handled_at.as_deref(), Some("县"));
    assert_eq!((birth.total_working_days, birth.total_calendar_days), (4.0, 0.0));
    // 医保参保 stays on the spot at every level.
    for level in ["市", "县", "乡镇"] {
        let row = row("城乡居民医保参保登记", level);
        assert_eq!((row.total_working_days, row.total_calendar_days), (0.0, 0.0));
        assert!(!row.on_the_spot_lost);
    }
}

#[test]
fn on_the_spot_is_decided_per_situation() {
    // tests/fixtures/ok/jishi-zhika.yj: a damaged card is handed in (a paper
    // original) and, made at once at a bank branch, the new card is collected
    // at the window. Every step of that situation takes 当场, so the card is
    // collected during the visit that hands in the old one: 1 visit, online
    // depth 3, though the item promises 1 working day (central production).
    let fixture = crate::support::root().join("tests/fixtures/ok/jishi-zhika.yj");
    let card = std::fs::read_to_string(&fixture).unwrap();
    // Bundled with an item that takes a paper form, the card is still
    // collected during the one trip: 2 trips one by one, 1 bundled.
    let other = r#"
事项 社会保障卡启用 {
  基本编码："000109005000"
  类型：公共服务
  实施部门：人社局
  承诺时限：当场
  材料 启用申请表 { 来源：申请人自备；依据："示例"；形式：纸质 }
  环节 受理 { 时限：当场；需要：启用申请表 }
  环节 决定 { 时限：当场；产出：启用回执 }
  环节 送达 { 时限：当场；送达：启用回执 }
  结果 启用回执 { 类型：其他；送达方式：网上 }
}
一件事 补卡并启用 {
  牵头部门：人社局
  事项：社会保障卡补领换领、社会保障卡启用
  顺序：社会保障卡补领换领 → 社会保障卡启用
}
"#;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.yj"), format!("{card}{other}")).unwrap();
    let discovery = workspace::discover(&[dir.path().to_path_buf()]);
    let mut compiled = workspace::check(&discovery.workspaces[0]);
    // The items leave the hall's address and hours out (W1302); the figures are the point.
    compiled
        .diagnostics
        .retain(|d| d.code != yijian::diagnostics::Code::W1302);
    assert!(compiled.diagnostics.is_empty(), "{:?}", compiled.diagnostics);
    let report = yijian::report::compute(&compiled);
    let row = report.items.iter().find(|i| i.name == "社会保障卡补领换领").unwrap();
    assert_eq!((row.visits, row.online_depth), (1, 3));
    let thing = report.things.iter().find(|t| t.name == "补卡并启用").unwrap();
    assert_eq!(thing.visits, (2, 1));
}
