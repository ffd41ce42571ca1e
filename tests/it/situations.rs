//! The situation analysis and the time analysis, through their public API.

use yijian::analysis::situations::{self, analyse};
use yijian::analysis::time::critical_path;
use yijian::workspace::{self, Workspace};

const FIRE_CHECK: &str = r#"
部门 消防救援支队 { 全称："某市消防救援支队" }
事项 消防安全检查 {
  基本编码："000129015000"
  类型：行政许可
  实施部门：消防救援支队
  法定时限：13 工作日
  承诺时限：13 工作日
  情形 申请方式 { 取值：告知承诺、一般程序 }
  情形 营业面积 { 类型：数值；范围：0..100000 }
  环节 受理 { 时限：当场 }
  环节 现场检查 { 时限：10 工作日；当 申请方式 = 一般程序 且 营业面积 >= 300 }
  环节 决定 { 时限：3 工作日；产出：意见书 }
  环节 送达 { 送达：意见书 }
  结果 意见书 { 类型：证照 }
}
"#;

/// Checks one file; W1302 (documents would print 未填写) is left out: these
/// tests are about the analyses, and their items leave the hall's address
/// and hours out.
fn compiled(text: &str) -> workspace::Compiled {
    let mut c = workspace::check(&Workspace::from_texts([("t.yj", text)]));
    c.diagnostics.retain(|d| d.code != yijian::diagnostics::Code::W1302);
    c
}

#[test]
fn scenarios_only_split_what_conditions_tell_apart() {
    let c = compiled(FIRE_CHECK);
    assert!(
        c.diagnostics.is_empty(),
        "{:?}",
        c.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>()
    );
    let item = &c.ir.items[0];
    let analysis = analyse(item);
    let when = item.steps.values().nth(1).unwrap().when.as_deref();
    let scenarios = analysis.scenarios(&[when], 100).unwrap();
    // 告知承诺 decides it alone; 一般程序 splits the area at 300.
    let described: Vec<String> = scenarios
        .iter()
        .map(|s| format!("{} → {}", situations::describe(item, &analysis, s).zh, s.holds[0]))
        .collect();
    assert_eq!(
        described,
        [
            "申请方式 = 告知承诺 → false",
            "申请方式 = 一般程序，营业面积 < 300 → false",
            "申请方式 = 一般程序，营业面积 > 300 → true",
            "申请方式 = 一般程序，营业面积 = 300 → true",
        ]
    );
}

#[test]
fn an_optional_step_is_passed_through_and_counted_only_where_it_applies() {
    let c = compiled(FIRE_CHECK);
    let item = &c.ir.items[0];
    let graph = &c.graphs.items[0];
    // 决定 follows 现场检查 implicitly; without the inspection it follows 受理.
    let with = critical_path(item, graph, &[true, true, true, true]).unwrap();
    let without = critical_path(item, graph, &[true, false, true, true]).unwrap();
    assert_eq!(with.working_days, 13.0);
    assert_eq!(without.working_days, 3.0);
    let names = |p: &yijian::analysis::time::CriticalPath| -> Vec<String> {
        p.steps
            .iter()
            .filter_map(|s| item.steps.get_index(s.index()).map(|s| s.name.clone()))
            .collect()
    };
    assert_eq!(names(&without), ["受理", "决定", "送达"]);
}

#[test]
fn a_longer_path_than_the_promise_names_situation_and_path() {
    let text = FIRE_CHECK.replace("承诺时限：13 工作日", "承诺时限：10 工作日");
    let c = compiled(&text);
    let messages: Vec<String> = c
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.code, d.message(yijian::diagnostics::Lang::Zh)))
        .collect();
    assert_eq!(
        messages,
        [
            "E0701 在“申请方式 = 一般程序，营业面积 > 300”时，关键路径需要 13 个工作日（受理 → 现场检查 → 决定 → 送达），超过了承诺时限 10 工作日"
        ]
    );
}

#[test]
fn ten_independent_situations_stay_small() {
    let ws = Workspace::from_texts(yijian::synth::situational(1, 10));
    let c = workspace::check(&ws);
    assert!(c.diagnostics.is_empty());
    let item = &c.ir.items[0];
    let analysis = analyse(item);
    // Each material's condition alone needs a few scenarios (the one that
    // combines all ten variables, under two hundred),
    // though the ten variables have tens of thousands of combinations.
    for material in item.materials.values() {
        let scenarios = analysis.scenarios(&[material.when.as_deref()], 200);
        assert!(scenarios.is_some(), "{}", material.name);
    }
    let combinations: usize = analysis.cells.iter().map(|c| c.len()).product();
    assert!(combinations > 10_000, "{combinations}");
}

#[test]
fn optional_items_give_figures_per_group_and_order_passes_through_them() {
    let text = std::fs::read_to_string("tests/fixtures/ok/xuanban-optional-items.yj").unwrap();
    let c = compiled(&text);
    assert!(
        c.diagnostics.is_empty(),
        "{:?}",
        c.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>()
    );
    let thing = yijian::ir::ThingId(0);
    let figures = yijian::analysis::bundles::groups(&c.ir, &c.graphs, &c.analyses, thing, 100).unwrap();
    let summary: Vec<(String, Vec<String>, f64)> = figures
        .iter()
        .map(|f| {
            let items = f.items.iter().map(|id| c.ir.items[id.index()].name.clone()).collect();
            (
                f.when.as_ref().map_or(String::new(), |w| w.zh.clone()),
                items,
                f.days_bundle,
            )
        })
        .collect();
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        summary,
        [
            (
                "变更名称：是，办理银行账户变更：是".to_string(),
                s(&["企业变更登记", "公章刻制备案", "银行账户变更"]),
                4.0
            ),
            (
                "变更名称：是，办理银行账户变更：否".to_string(),
                s(&["企业变更登记", "公章刻制备案"]),
                2.0
            ),
            // Without the seal, the bank still waits for the registration: 1 + 2.
            (
                "变更名称：否，办理银行账户变更：是".to_string(),
                s(&["企业变更登记", "银行账户变更"]),
                3.0
            ),
            (
                "变更名称：否，办理银行账户变更：否".to_string(),
                s(&["企业变更登记"]),
                1.0
            ),
        ]
    );
    // The report and the documents show the group with the most items.
    let shown = c.analyses.bundle(&c.ir, &c.graphs, thing);
    assert_eq!(shown.items.len(), 3);
    assert_eq!(shown.days_bundle, 4.0);
}

/// A report that the site check produces for large venues and the applicant
/// brings for small ones: every situation has it. Narrow the collected
/// material to half the small venues and E0608 names the other half.
#[test]
fn produced_and_collected_materials_cover_the_situations_together() {
    let text = |collected_when: &str| {
        format!(
            r#"
部门 消防救援支队 {{ 全称："某市消防救援支队" }}
事项 消防安全检查 {{
  基本编码："000129015000"
  类型：行政许可
  实施部门：消防救援支队
  法定时限：13 工作日
  情形 营业面积 {{ 类型：数值；范围：0..100000 }}
  材料 申报表 {{ 来源：申请人自备；依据："《消防法》第十五条" }}
  材料 检查报告 {{ 来源：中介机构；依据："《消防法》第十五条"；{collected_when} }}
  环节 受理 {{ 时限：当场；需要：申报表 }}
  环节 现场检查 {{ 时限：5 工作日；产出：检查报告；当 营业面积 >= 300 }}
  环节 决定 {{ 时限：3 工作日；需要：检查报告；产出：意见书 }}
  环节 送达 {{ 送达：意见书 }}
  结果 意见书 {{ 类型：证照 }}
}}
"#
        )
    };
    let codes = |t: String| compiled(&t).diagnostics.iter().map(|d| d.code).collect::<Vec<_>>();
    assert_eq!(codes(text("当 营业面积 < 300")), []);
    let narrowed = compiled(&text("当 营业面积 < 100"));
    let found: Vec<_> = narrowed.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(found, [yijian::diagnostics::Code::E0608]);
    let message = narrowed.diagnostics[0].message(yijian::diagnostics::Lang::Zh);
    assert!(
        message.contains("营业面积") && message.contains("也不收取"),
        "{message}"
    );
}

/// A thing whose item mails its result in calendar days: three calendar
/// days hold from none to three working days, so a promise of 6 working days
/// over 5 working days and the mailing depends on the calendar (W0404), and
/// one of 4 working days fails under every calendar (E1102).
#[test]
fn calendar_days_in_a_bundle_count_the_working_days_they_can_hold() {
    let text = |promise: &str| {
        format!(
            r#"
部门 市场监管局 {{ 全称："某市市场监督管理局" }}
事项 食品经营许可 {{
  基本编码："000130101000"；类型：行政许可；实施部门：市场监管局；法定时限：20 工作日；承诺时限：10 工作日
  材料 申请书 {{ 来源：申请人自备；依据："《食品经营许可和备案管理办法》第十三条" }}
  环节 受理 {{ 时限：当场；需要：申请书 }}
  环节 决定 {{ 时限：5 工作日；产出：许可证 }}
  环节 邮寄 {{ 类型：送达；时限：3 自然日；送达：许可证 }}
  结果 许可证 {{ 类型：证照；送达方式：邮寄 }}
}}
一件事 开办餐饮店 {{ 牵头部门：市场监管局；事项：食品经营许可；承诺时限：{promise} }}
"#
        )
    };
    let codes = |promise: &str| {
        compiled(&text(promise))
            .diagnostics
            .iter()
            .map(|d| d.code)
            .collect::<Vec<_>>()
    };
    use yijian::diagnostics::Code;
    assert_eq!(codes("8 工作日"), []);
    assert_eq!(codes("6 工作日"), [Code::W0404]);
    assert_eq!(codes("4 工作日"), [Code::E1102]);
}

/// A thing's one material set: a library material once with every item
/// that asks for it, handed over as the most any of them asks for (`原件` of
/// a document another body issues is shown and handed back); an
/// item's own material once each. The bundle figure counts only what an
/// applying item brings (not what it obtains by sharing).
#[test]
fn a_thing_has_one_material_set() {
    let c = example_04_with(|items| {
        items
            .replace("  材料 户口簿\n", "  材料 户口簿 { 类型：复印件 }\n")
            .replace(
                "  材料 新生儿户口信息 { 来源：共享获取 }\n",
                "  材料 新生儿户口信息 { 来源：共享获取 }\n  材料 户口簿 { 类型：原件 }\n",
            )
    });
    let thing = yijian::ir::ThingId(0);
    let set = c.analyses.materials(&c.ir, thing);
    let described: Vec<(String, Vec<String>, yijian::ast::CopyKind)> = set
        .iter()
        .map(|m| {
            let entries: Vec<_> = m.entries(&c.ir).collect();
            let name = entries.first().map(|(_, _, m)| m.name.clone()).unwrap_or_default();
            (
                name,
                entries.iter().map(|(_, item, _)| item.name.clone()).collect(),
                m.copy,
            )
        })
        .collect();
    let both = vec!["出生登记".to_string(), "城乡居民医保参保登记".to_string()];
    assert_eq!(
        described,
        [
            ("出生医学证明".to_string(), vec![both[0].clone()], set[0].copy),
            ("户口簿".to_string(), both.clone(), yijian::ast::CopyKind::OriginalShown),
            ("新生儿户口信息".to_string(), vec![both[1].clone()], set[2].copy),
        ]
    );
    // W1101 names the pair; the bundle brings 出生医学证明 and 户口簿 once.
    assert!(c.diagnostics.iter().any(|d| d.code == yijian::diagnostics::Code::W1101));
    let figures = c.analyses.bundle(&c.ir, &c.graphs, thing);
    assert_eq!((figures.materials_separately, figures.materials_bundle), (3, 2));
}

/// An item that gets a material by data sharing asks for no hand-over: the
/// thing's set takes how to hand it over from the items whose applicant
/// brings it, and W1101 does not compare the shared entry.
#[test]
fn a_shared_entry_has_no_say_in_how_a_material_is_handed_over() {
    let c = example_04_with(|items| {
        items
            .replace("  材料 户口簿\n", "  材料 户口簿 { 类型：复印件 }\n")
            .replace(
                "  材料 新生儿户口信息 { 来源：共享获取 }\n",
                "  材料 新生儿户口信息 { 来源：共享获取 }\n  材料 户口簿 { 来源：共享获取 }\n",
            )
    });
    let thing = yijian::ir::ThingId(0);
    let set = c.analyses.materials(&c.ir, thing);
    let household = set
        .iter()
        .find(|m| m.entries(&c.ir).any(|(_, _, e)| e.name == "户口簿"))
        .unwrap();
    assert_eq!(household.entries(&c.ir).count(), 2);
    assert_eq!(household.copy, yijian::ast::CopyKind::Copy);
    assert!(!c.diagnostics.iter().any(|d| d.code == yijian::diagnostics::Code::W1101));
}

/// A thing's documents keep the 待核实 mark of a material's 类型, as the
/// item's own documents do.
#[test]
fn a_things_documents_keep_an_unconfirmed_handing_over() {
    let c = example_04_with(|items| items.replace("  材料 户口簿\n", "  材料 户口簿 { 类型：复印件 待核实 }\n"));
    let model = yijian::documents::model::compute("04", &c);
    let household = model.things[0].materials.iter().find(|m| m.name == "户口簿").unwrap();
    assert_eq!(household.copy, "复印件（待核实）");
}

/// `examples/04-一件事` compiled with its items file changed by `edit`.
fn example_04_with(edit: impl Fn(String) -> String) -> workspace::Compiled {
    let dir = "examples/04-一件事";
    let read = |name: &str| std::fs::read_to_string(format!("{dir}/{name}")).unwrap();
    let ws = Workspace::from_texts([
        ("部门.yj", read("部门.yj")),
        ("事项.yj", edit(read("事项.yj"))),
        ("一件事.yj", read("一件事.yj")),
    ]);
    workspace::check(&ws)
}

/// Paper only in one item and an electronic file only in another: the
/// thing's set asks for both, not for either (which neither item accepts).
#[test]
fn paper_only_and_electronic_only_merge_to_both() {
    let c = example_04_with(|items| {
        items
            .replace("  材料 户口簿\n", "  材料 户口簿 { 形式：纸质 }\n")
            .replace(
                "  材料 新生儿户口信息 { 来源：共享获取 }\n",
                "  材料 新生儿户口信息 { 来源：共享获取 }\n  材料 户口簿 { 形式：电子 }\n",
            )
    });
    let model = yijian::documents::model::compute("04", &c);
    let household = model.things[0].materials.iter().find(|m| m.name == "户口簿").unwrap();
    assert_eq!(household.form.text(), "纸质和电子");
    assert!(
        household.verify.iter().any(|v| v.contains("纸质件和电子件都要收取")),
        "{:?}",
        household.verify
    );
}

/// Forty situations (yes/no, enumerated and whole-number) and 300
/// conditional materials: far more combinations than could be listed, yet
/// every check answers exactly. Clean as generated; one working day less in
/// the promise and the one longest situation (every check applying, the
/// general procedure) breaks it, with no W0607.
#[test]
fn forty_situations_are_checked_exactly() {
    use yijian::diagnostics::Code;
    let files = yijian::synth::many_situations(40, 300);
    let c = compiled(&files[0].1);
    assert!(
        c.diagnostics.is_empty(),
        "{:?}",
        c.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>()
    );
    let combinations: f64 = situations::analyse(&c.ir.items[0])
        .cells
        .iter()
        .map(|cells| cells.len() as f64)
        .product();
    assert!(combinations > 1e12, "{combinations}");
    let tighter = compiled(&files[0].1.replace("承诺时限：45 工作日", "承诺时限：44 工作日"));
    let codes: Vec<Code> = tighter.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::E0701]);
    let message = tighter.diagnostics[0].message(yijian::diagnostics::Lang::Zh);
    assert!(message.contains("45 个工作日"), "{message}");
    assert!(
        message.contains("变量0 = 乙") && message.contains("变量39：否"),
        "{message}"
    );
}

/// A whole-number situation has only cells that hold a whole number: between
/// `< 3` and `> 2` there is none, so the two conditions split every situation.
#[test]
fn whole_number_cells_hold_whole_numbers() {
    let text = std::fs::read_to_string("tests/fixtures/ok/vehicles-as-a-whole-number.yj").unwrap();
    let c = compiled(&text);
    assert!(c.diagnostics.is_empty());
    let item = &c.ir.items[0];
    let analysis = analyse(item);
    let decisions: Vec<_> = item
        .steps
        .values()
        .filter(|s| s.name.starts_with("决定"))
        .map(|s| s.when.as_deref())
        .collect();
    let described: Vec<String> = analysis
        .scenarios(&decisions, 100)
        .unwrap()
        .iter()
        .map(|s| format!("{} → {:?}", situations::describe(item, &analysis, s).zh, s.holds))
        .collect();
    assert_eq!(
        described,
        [
            "车辆数 < 2 → [true, false]",
            "车辆数 > 3 → [false, true]",
            "车辆数 = 2 → [true, false]",
            "车辆数 = 3 → [false, true]",
        ]
    );
    // As a number, 2.5 vehicles fall in both.
    let as_number = compiled(&text.replace("类型：整数", "类型：数值"));
    let codes: Vec<_> = as_number.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [yijian::diagnostics::Code::E0606]);
}
