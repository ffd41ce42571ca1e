//! The streamed front end of a large check (items lowered file by file,
//! never every AST at once) gives the same IR and the same findings as the
//! whole-workspace one, on every shipped rule file, example and fixture, on
//! synthetic workspaces, and on mutations of them; and it gives way where a
//! file's heads do not say what the file declares. Also: the IR's lists of
//! an item's entries (`ir::Named`) find names as keys do.

use proptest::prelude::*;
use yijian::workspace::{self, FrontEndCache, Workspace};

/// Checks `ws` both ways; `Some(true)` when the streamed front end took it
/// (and agreed), `None` when it gave way. Panics where the two differ.
fn same_both_ways(ws: &Workspace) -> Option<bool> {
    // The language server's path keeps every AST: the whole-workspace front end.
    let whole = workspace::check_cached(ws, &mut FrontEndCache::default());
    let streamed = workspace::check_streamed(ws)?;
    assert_eq!(
        format!("{:#?}", streamed.diagnostics),
        format!("{:#?}", whole.diagnostics),
        "findings of {}",
        ws.root
    );
    assert_eq!(
        format!("{:?}", streamed.ir),
        format!("{:?}", whole.ir),
        "IR of {}",
        ws.root
    );
    Some(true)
}

fn texts_under(dir: &str) -> Vec<(String, String)> {
    crate::support::files_under(dir, "yj")
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            (crate::support::rel(&path), text)
        })
        .collect()
}

#[test]
fn shipped_rules_and_examples_give_the_same_both_ways() {
    let mut taken = 0;
    for dir in [
        "rules",
        "examples/01-一个事项",
        "examples/02-材料与环节",
        "examples/03-情形",
        "examples/04-一件事",
        "examples/05-英文关键字",
        "examples/06-实施清单",
    ] {
        let ws = Workspace::from_texts(texts_under(dir));
        if same_both_ways(&ws).is_some() {
            taken += 1;
        }
    }
    assert!(taken >= 5, "the streamed front end took only {taken} of the workspaces");
}

#[test]
fn every_fixture_gives_the_same_both_ways() {
    let mut taken = 0;
    let mut files = crate::support::files_under("tests/fixtures", "yj");
    files.sort();
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let ws = Workspace::from_texts([(crate::support::rel(path), text)]);
        if same_both_ways(&ws).is_some() {
            taken += 1;
        }
    }
    assert!(
        taken * 2 > files.len(),
        "the streamed front end took only {taken} of {} fixtures",
        files.len()
    );
    // And all the fixtures as one workspace: names declared in one file and
    // used, or declared again, in another.
    let all: Vec<(String, String)> = files
        .iter()
        .filter_map(|path| Some((crate::support::rel(path), std::fs::read_to_string(path).ok()?)))
        .collect();
    same_both_ways(&Workspace::from_texts(all));
}

#[test]
fn a_synthetic_workspace_is_streamed_and_gives_the_same() {
    let files = yijian::synth::workspace(yijian::synth::Config::items(300));
    let ws = Workspace::from_texts(files.clone());
    assert_eq!(same_both_ways(&ws), Some(true));
    // An item declared again in another file, a thing's item misspelt, and
    // the library's file last: the names are the heads'.
    let mut files = files;
    files.push((
        "zz.yj".to_string(),
        "事项 经营许可0（新办） { 类型：行政许可 }\n一件事 乙 { 牵头部门：市场监管局；包含事项：经营许可O（新办） }\n"
            .to_string(),
    ));
    files.rotate_left(1);
    let ws = Workspace::from_texts(files);
    assert_eq!(same_both_ways(&ws), Some(true));
}

#[test]
fn two_declarations_on_one_line_make_it_give_way() {
    // The heads see the line's first declaration only: the full parse finds
    // two, and the whole-workspace front end takes the workspace.
    let ws = Workspace::from_texts([("a.yj", "事项 甲 { 类型：行政许可 } 事项 乙 { 类型：行政许可 }\n")]);
    assert_eq!(same_both_ways(&ws), None);
    // `check` gives the findings of the whole-workspace front end.
    let whole = workspace::check_cached(&ws, &mut FrontEndCache::default());
    assert_eq!(
        format!("{:?}", workspace::check(&ws).diagnostics),
        format!("{:?}", whole.diagnostics)
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_mutated_workspace_gives_the_same_both_ways(
        file in 0usize..64,
        at in 0usize..100_000,
        len in 0usize..40,
        insert in "\\PC{0,8}",
    ) {
        let mut files = texts_under("rules");
        prop_assume!(!files.is_empty());
        let index = file % files.len();
        files[index].1 = crate::support::splice(&files[index].1, at, len, &insert);
        same_both_ways(&Workspace::from_texts(files));
    }
}

/// An item's materials are found by name as keys find them (ASCII brackets
/// as full-width ones), in writing order, with few entries (read in turn)
/// and with many (through the sorted index); a step may name them either
/// way, and a name that is not there stays unresolved.
#[test]
fn an_items_materials_are_found_by_name_few_or_many() {
    for n in [3usize, 40] {
        let mut text = String::from("部门 审批局 { 全称：\"某市审批局\" }\n事项 许可 {\n  实施部门：审批局\n");
        for i in (1..=n).rev() {
            text.push_str(&format!("  材料 证明(第{i}份) {{ 来源：申请人自备 }}\n"));
        }
        text.push_str("  环节 受理 { 需要：证明（第2份）、证明(第1份)、证明（第99份） }\n}\n");
        let ws = Workspace::from_texts([("a.yj", text.as_str())]);
        let compiled = workspace::check(&ws);
        let item = compiled.ir.items.get("许可").expect("the item");
        assert_eq!(item.materials.len(), n);
        for i in 1..=n {
            let position = n - i;
            assert_eq!(item.materials.get_index_of(&format!("证明（第{i}份）")), Some(position));
            let (at, material) = item.materials.get_full(&format!("证明(第{i}份)")).expect("found");
            assert_eq!(
                (at, material.name.as_str()),
                (position, format!("证明(第{i}份)").as_str())
            );
        }
        assert!(!item.materials.contains_key("证明（第99份）"));
        let step = item.steps.get("受理").expect("the step");
        assert_eq!(step.requires.len(), 2, "{n} materials");
        let unresolved: Vec<_> = compiled
            .diagnostics
            .iter()
            .filter(|d| d.code == yijian::diagnostics::Code::E0201)
            .collect();
        assert_eq!(unresolved.len(), 1, "{n} materials: {unresolved:#?}");
    }
}
