//! The checker never panics and never hangs, whatever it is fed: random
//! bytes, mutations of the shipped rules, deep nesting, odd encodings.

use proptest::prelude::*;
use yijian::workspace::{self, Workspace};

fn check_text(text: &str) -> usize {
    let ws = Workspace::from_texts([("fuzz.yj", text)]);
    workspace::check(&ws).diagnostics.len()
}

fn shipped_rules() -> Vec<String> {
    crate::support::files_under("rules", "yj")
        .into_iter()
        .map(|path| std::fs::read_to_string(path).unwrap())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_text_gives_diagnostics_not_panics(text in "\\PC{0,200}") {
        check_text(&text);
    }

    #[test]
    fn random_grammar_soup_gives_diagnostics_not_panics(
        parts in proptest::collection::vec(
            prop::sample::select(vec![
                "事项", "部门", "材料", "环节", "情形", "一件事", "会签", "结果", "{", "}", "｛", "｝", "：", ":", "；",
                "，", "、", "当", "且", "或", "非 ", "(", ")", "（", "）", "=", "<", "→", "\"", "“", "”", "5", "工作日",
                "当场", "甲", "乙", "受理", "之后", "需要", "产出", "送达", "取值", "\n", " ", "#", "..",
            ]),
            0..80,
        )
    ) {
        check_text(&parts.concat());
    }

    #[test]
    fn mutated_rules_give_diagnostics_not_panics(
        file in 0usize..64,
        at in 0usize..100_000,
        len in 0usize..40,
        insert in "\\PC{0,8}",
    ) {
        let texts = shipped_rules();
        prop_assume!(!texts.is_empty());
        let text = &texts[file % texts.len()];
        let mut start = at % (text.len() + 1);
        while !text.is_char_boundary(start) { start -= 1; }
        let mut end = (start + len).min(text.len());
        while !text.is_char_boundary(end) { end -= 1; }
        let mutated = format!("{}{}{}", &text[..start], insert, &text[end..]);
        check_text(&mutated);
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    for depth in [100, 10_000, 100_000] {
        let condition = format!(
            "事项 甲 {{ 情形 乙 {{ 类型：是否 }} 材料 丙 {{ 当 {}乙{} }} }}",
            "(".repeat(depth),
            ")".repeat(depth)
        );
        let ws = Workspace::from_texts([("deep.yj", condition)]);
        let codes: Vec<_> = workspace::check(&ws)
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        assert!(codes.contains(&"E0003"), "depth {depth}: {codes:?}");
        let blocks = format!("{}{}", "部门 甲 {".repeat(depth), "}".repeat(depth));
        let ws = Workspace::from_texts([("deep.yj", blocks)]);
        assert!(!workspace::check(&ws).diagnostics.is_empty(), "depth {depth}");
        let unclosed = "事项 甲 { 材料 乙 { 当 ".to_string() + &"（".repeat(depth);
        check_text(&unclosed);
    }
}

#[test]
fn bom_and_crlf_are_accepted() {
    let text = "\u{feff}部门 甲 {\r\n  全称：\"某市某局\"\r\n}\r\n";
    assert_eq!(check_text(text), 0);
}

#[test]
fn invalid_utf8_is_reported_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = "部门 甲 {}\n# ".as_bytes().to_vec();
    bytes.extend_from_slice(&[0xB2, 0xBF, 0xC3, 0xC5]); // 部门 in GBK
    std::fs::write(dir.path().join("gbk.yj"), &bytes).unwrap();
    let discovery = workspace::discover(&[dir.path().to_path_buf()]);
    let compiled = workspace::check(&discovery.workspaces[0]);
    let codes: Vec<_> = compiled.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["E0002"]);
    let at = compiled.diagnostics[0].location().unwrap().span.start as usize;
    assert_eq!(at, "部门 甲 {}\n# ".len());
}
