//! `yijian diff`: five planted changes (a conditional material, a shorter
//! promise, a material now shared, an item joining a thing, a pure
//! reformat) reported in applicant terms, `--deny-stricter`, the formats,
//! the 变更说明, and a git revision read without touching the work tree.

use crate::support::{root, stdout, yijian};
use std::path::Path;

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Plants the five changes in the rules under `dir`.
fn plant(dir: &Path) {
    let rules = dir.join("rules");
    // 1. A material asked for only for long works (stricter).
    edit(
        &rules.join("事项/占用、挖掘城市道路审批.yj"),
        "  材料 占用挖掘城市道路申请表 {",
        "  材料 施工安全评估报告 {\n    当 外线长度 > 500\n    来源：申请人自备\n    依据：\"《城市道路管理条例》第三十条\"\n    形式：电子\n    类型：复印件\n  }\n\n  材料 占用挖掘城市道路申请表 {",
    );
    // 2. A shorter promise (easier).
    edit(
        &rules.join("事项/占用、挖掘城市道路审批.yj"),
        "  承诺时限：5 工作日",
        "  承诺时限：3 工作日",
    );
    // 3. The personnel file is now obtained by sharing: one visit less.
    edit(
        &rules.join("事项/企业退休人员社会化管理服务.yj"),
        "    当 原单位类型 = 国有企业\n    来源：申请人自备",
        "    当 原单位类型 = 国有企业\n    来源：共享获取",
    );
    // 4. An item joins a thing.
    edit(
        &rules.join("一件事/信用修复.yj"),
        "  事项：市场监管领域行政处罚信息信用修复、移出经营异常名录、行政处罚信息信用修复（信用中国）",
        "  事项：市场监管领域行政处罚信息信用修复、移出经营异常名录、行政处罚信息信用修复（信用中国）、企业变更登记",
    );
    // 5. A pure reformat: English keywords, one line per entry, reordered declarations.
    let file = rules.join("事项/用水报装.yj");
    let out = yijian().args(["fmt", "--keywords", "en"]).arg(&file).assert().code(0);
    drop(out);
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("# reformatted, in English\n{text}")).unwrap();
}

/// A copy of the repository's workspace: its manifest, rules and catalogs.
fn workspace_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join("yijian.toml"), dir.path().join("yijian.toml")).unwrap();
    for folder in ["rules", "catalogs"] {
        crate::lsp::copy_dir(&root().join(folder), &dir.path().join(folder));
    }
    dir
}

/// A workspace of the shipped rules alone (the catalogs would be checked
/// against the changed rules, and refuse some of the planted changes).
fn rules_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("yijian.toml"), "rules = [\"rules\"]\n").unwrap();
    crate::lsp::copy_dir(&root().join("rules"), &dir.path().join("rules"));
    dir
}

/// The rules before (`.0`) and after (`.1`) the five planted changes.
fn planted() -> (tempfile::TempDir, tempfile::TempDir) {
    let dir = rules_workspace();
    plant(dir.path());
    (rules_workspace(), dir)
}

#[test]
fn five_planted_changes_in_applicant_terms() {
    let (old, dir) = planted();
    let out = yijian()
        .current_dir(dir.path())
        .arg("diff")
        .arg(old.path())
        .assert()
        .code(0);
    let text = stdout(&out);
    insta::with_settings!({ snapshot_path => root().join("tests/snapshots"), prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!("diff-planted", text);
    });
}

#[test]
fn deny_stricter_fails_on_stricter_changes_only() {
    let (old, dir) = planted();
    yijian()
        .current_dir(dir.path())
        .arg("diff")
        .arg(old.path())
        .args([".", "--deny-stricter"])
        .assert()
        .code(1);
    // The same rules and catalogs, reformatted only: nothing to report, nothing to deny.
    let same = workspace_copy();
    yijian()
        .args(["fmt", "--keywords", "en"])
        .arg(same.path().join("rules"))
        .assert()
        .code(0);
    let out = yijian()
        .current_dir(same.path())
        .arg("diff")
        .arg(root())
        .args([".", "--deny-stricter"])
        .assert()
        .code(0);
    assert_eq!(
        stdout(&out),
        "两个版本的规则对申请人没有区别 (no difference for applicants)\n"
    );
}

#[test]
fn markdown_json_and_the_printed_notice() {
    let (old, dir) = planted();
    let old = old.path().to_path_buf();
    let out = yijian()
        .current_dir(dir.path())
        .arg("diff")
        .arg(&old)
        .args([".", "--format", "markdown"])
        .assert()
        .code(0);
    let markdown = stdout(&out).replace(&old.display().to_string(), "<old>");
    insta::with_settings!({ snapshot_path => root().join("tests/snapshots"), prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!("diff-planted-markdown", markdown);
    });

    let out = yijian()
        .current_dir(dir.path())
        .arg("diff")
        .arg(&old)
        .args([".", "--format", "json", "--lang", "en"])
        .assert()
        .code(0);
    let value: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(value["stricter"], 4);
    let groups = value["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 5);
    let road = groups.iter().find(|g| g["code"] == "000172101000").unwrap();
    assert_eq!(road["kind"], "item");
    assert_eq!(road["file"], "rules/事项/占用、挖掘城市道路审批.yj");
    assert_eq!(
        road["changes"][0]["en"],
        "new material when 外线长度 > 500: 施工安全评估报告"
    );
    assert_eq!(road["changes"][0]["stricter"], true);
    assert_eq!(road["changes"][1]["en"], "promised limit 5 → 3 working days");
    assert_eq!(road["changes"][1]["stricter"], false);

    let site = dir.path().join("notice");
    yijian()
        .current_dir(dir.path())
        .arg("diff")
        .arg(&old)
        .args([".", "--out"])
        .arg(&site)
        .assert()
        .code(0);
    let html = std::fs::read_to_string(site.join("变更说明.html")).unwrap();
    assert!(html.contains("<h1>变更说明</h1>"), "{html}");
    assert!(
        html.contains("⚠ 在“外线长度 &gt; 500”时新增材料：施工安全评估报告"),
        "{html}"
    );
    assert!(site.join("assets/fonts").is_dir() || html.contains("@font-face"));
    #[cfg(feature = "pdf")]
    {
        let pdf = std::fs::read(site.join("变更说明.pdf")).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        if crate::support::have("pdftotext", "poppler-utils") {
            let text = std::process::Command::new("pdftotext")
                .arg(site.join("变更说明.pdf"))
                .arg("-")
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&text.stdout);
            assert!(text.contains("施工安全评估报告"), "{text}");
        }
    }
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.email=ci@example.org",
            "-c",
            "user.name=ci",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `yijian diff HEAD -- rules` reads the committed rules from the object
/// database and leaves the work tree and the index as they were.
#[test]
fn a_git_revision_is_read_without_touching_the_work_tree() {
    if !crate::support::have("git", "git") {
        return;
    }
    let dir = rules_workspace();
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "rules"]);
    plant(dir.path());
    let status = git(dir.path(), &["status", "--porcelain"]);
    let out = yijian().current_dir(dir.path()).args(["diff", "HEAD"]).assert().code(0);
    let text = stdout(&out);
    let expected = std::fs::read_to_string(root().join("tests/snapshots/diff-planted.snap")).unwrap();
    let expected = expected.splitn(3, "---\n").nth(2).unwrap();
    assert_eq!(text, expected);
    assert_eq!(git(dir.path(), &["status", "--porcelain"]), status);
    // Only some folders of both versions.
    let out = yijian()
        .current_dir(dir.path())
        .args(["diff", "HEAD", "--", "rules"])
        .assert()
        .code(0);
    assert!(stdout(&out).contains("在“外线长度 > 500”时新增材料：施工安全评估报告"));
    // Errors of the old version name it by its revision.
    let out = yijian()
        .current_dir(dir.path())
        .args(["diff", "no-such-revision"])
        .assert()
        .code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("读不到“no-such-revision”"), "{stderr}");
}

/// Two versions of a region's 实施清单: a longer promise (still within the
/// rules') and other opening hours for one entry.
#[test]
fn catalog_versions_are_compared_entry_by_entry() {
    let dir = workspace_copy();
    let county = dir.path().join("catalogs/某某县.yaml");
    edit(
        &county,
        "    promised_limit: 5 工作日\n",
        "    promised_limit: 6 工作日\n",
    );
    edit(
        &county,
        "    hours: \"周一至周五 9:00-12:00，13:30-17:30（法定节假日除外）\"\n",
        "    hours: \"周一至周六 9:00-17:30（法定节假日除外）\"\n",
    );
    let out = yijian()
        .current_dir(dir.path())
        .arg("diff")
        .arg(root())
        .args([".", "--deny-stricter"])
        .assert()
        .code(1);
    assert_eq!(
        stdout(&out),
        "实施清单 某某县 · 食品经营许可（新办）（实施编码 370811000123012000）  catalogs/某某县.yaml:60\n  ⚠ 承诺时限 5 → 6 个工作日\n    办理时间 周一至周五 9:00-12:00，13:30-17:30（法定节假日除外） → 周一至周六 9:00-17:30（法定节假日除外）\n2 处变化，其中 1 处对申请人更严格（⚠） (2 changes, 1 stricter for applicants)\n"
    );
}
