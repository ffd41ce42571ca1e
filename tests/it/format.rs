//! The lossless tree and `yijian fmt`: print(parse(x)) == x, the canonical
//! layout, idempotence, the zh → en → zh round trip (same IR), the safety
//! check, and the command line.

use crate::support::{files_under, rel, root};
use assert_cmd::Command;
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use yijian::diagnostics::{FileId, Lang};
use yijian::format::{self, Config, Refusal};
use yijian::syntax::cst::{Kind, Node};

fn yijian() -> Command {
    let mut cmd = Command::cargo_bin("yijian").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).env("NO_COLOR", "1");
    cmd
}

/// Every rule file of the repository: the shipped rules, the examples, the
/// fixtures and the book's tutorial workspace if any.
fn every_rule_file() -> Vec<PathBuf> {
    let mut files = files_under("rules", "yj");
    files.extend(files_under("examples", "yj"));
    files.extend(files_under("tests/fixtures", "yj"));
    files
}

fn read(path: &Path) -> Option<String> {
    String::from_utf8(std::fs::read(path).unwrap()).ok()
}

/// The leaves tile the text: each starts where the previous one ended, none
/// is empty or cuts a character, and the last ends at the end.
fn assert_lossless(text: &str, name: &str) {
    let (_, _, tree) = yijian::syntax::parse_lossless(FileId(0), text);
    assert_eq!(
        tree.print(text),
        text,
        "{name}: printing the tree does not give the text back"
    );
    let mut at = 0u32;
    for leaf in tree.leaves() {
        assert_eq!(leaf.span.start, at, "{name}: a gap or overlap before {leaf:?}");
        assert!(
            leaf.span.end > leaf.span.start && text.is_char_boundary(leaf.span.end as usize),
            "{name}: an empty leaf or one that cuts a character: {leaf:?}"
        );
        at = leaf.span.end;
    }
    assert_eq!(at as usize, text.len(), "{name}: the leaves stop before the end");
}

#[test]
fn the_lossless_tree_prints_back_every_rule_file_byte_for_byte() {
    let files = every_rule_file();
    assert!(files.len() > 100, "only {} rule files found", files.len());
    for path in files {
        if let Some(text) = read(&path) {
            assert_lossless(&text, &rel(&path));
        }
    }
}

#[test]
fn the_lossless_tree_keeps_what_the_typed_tree_drops() {
    let text = "事项 甲 {\n  当 非 非 （甲 且 乙）或 “丙” = 1；需要：a、b，c  # 注\n  顺序：a → b\n}\n";
    let (_, _, tree) = yijian::syntax::parse_lossless(FileId(0), text);
    let kinds: Vec<Kind> = tree.leaves().iter().map(|l| l.kind).collect();
    for kind in [
        Kind::NotKw,
        Kind::LParen,
        Kind::RParen,
        Kind::AndKw,
        Kind::OrKw,
        Kind::Sep,
        Kind::Comma,
        Kind::Arrow,
        Kind::Comment,
        Kind::String,
    ] {
        assert!(kinds.contains(&kind), "no {kind:?} leaf in {kinds:?}");
    }
    let nots: Vec<&Node> = tree.leaves().into_iter().filter(|l| l.kind == Kind::NotKw).collect();
    assert_eq!(nots.len(), 2);
    assert_ne!(nots[0].span, nots[1].span, "each 非 has its own span");
    // The typed tree too: two Not nodes, each from its own 非.
    let (file, _) = yijian::syntax::parse(FileId(0), text);
    let yijian::syntax::tree::Entry::When(when) = &file.blocks[0].body.as_ref().unwrap().entries[0] else {
        panic!("no condition")
    };
    let yijian::syntax::tree::Condition::Or(parts, _) = &when.condition else {
        panic!("{:?}", when.condition)
    };
    let yijian::syntax::tree::Condition::Not(inner, outer_span) = &parts[0] else {
        panic!("{:?}", parts[0])
    };
    let yijian::syntax::tree::Condition::Not(_, inner_span) = inner.as_ref() else {
        panic!("{inner:?}")
    };
    assert_eq!(outer_span.start, nots[0].span.start);
    assert_eq!(inner_span.start, nots[1].span.start);
    assert_eq!(
        tree.leaves()
            .iter()
            .find(|l| l.kind == Kind::String)
            .unwrap()
            .text(text),
        "“丙”",
        "the quote style is kept"
    );
}

#[test]
fn a_broken_declaration_is_an_error_node_and_the_rest_is_a_tree() {
    let text = "部门 甲 { 全称：\"甲\" }\n\n事项 乙 {\n  法定时限：：20 工作日\n}\n\n部门 丙 { 全称：\"丙\" }\n";
    let (_, diagnostics, tree) = yijian::syntax::parse_lossless(FileId(0), text);
    assert!(!diagnostics.is_empty());
    assert_eq!(tree.print(text), text);
    let kinds: Vec<Kind> = tree.children.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds.iter().filter(|&&k| k == Kind::Block).count(),
        2,
        "the two good declarations are blocks: {kinds:?}"
    );
    let error = tree.children.iter().find(|c| c.kind == Kind::Error).unwrap();
    assert!(error.text(text).starts_with("事项 乙 {"), "{error:?}");
    // The typed tree records the broken declaration with its span.
    let text = "部门 甲 { 全称：\"甲\" }\n\n事项 乙： {\n  类型：行政许可\n}\n";
    let (file, _) = yijian::syntax::parse(FileId(0), text);
    let broken = &file.broken[0];
    assert_eq!(
        &text[broken.span.start as usize..broken.span.end as usize],
        "事项 乙： {\n  类型：行政许可\n}"
    );
    // Unpaired braces: the whole file is one error leaf, still lossless.
    let text = "事项 乙 {\n  类型：行政许可\n";
    let (_, _, tree) = yijian::syntax::parse_lossless(FileId(0), text);
    assert_eq!(tree.print(text), text);
    assert!(tree.has_error());
}

// ---------------------------------------------------------------- the layout

fn fmt(text: &str) -> String {
    fmt_to(text, None)
}

fn fmt_to(text: &str, keywords: Option<Lang>) -> String {
    match format::format(text, Config { keywords }) {
        Ok(out) => out,
        Err(Refusal::Syntax(d)) => panic!("syntax errors: {d:?}\n{text}"),
        Err(Refusal::Unsound(u)) => panic!(
            "unsound ({}) for\n{text}\n---- printed as\n{}",
            u.what,
            format::format_unchecked(text, Config { keywords }).unwrap_or_default()
        ),
    }
}

const MESSY: &str = "# 文件开头的说明\n\n\n部门   市场监管局{全称:\"某市市场监督管理局\";层级：市}\n材料 营业执照 {\n  来源：共享获取 # 行末的注释\n\n\n  依据：“《条例》第二十一条”\n}\n# 事项前的注释\n事项 食品经营许可（新办）{\n  # 块里的注释\n  基本编码：\"000130101000\" 待核实\n  类型：licensing\n  实施部门：市场监管局；承诺时限：２０ 个工作日\n  法定时限: 20 working-days\n  受理条件：\n    \"甲\"， # 第一条\n    # 第二条前\n    \"乙\"\n  收费：免费\n  行使层级：市,县\n  情形 申请方式 { 取值：告知承诺、一般程序 }\n  情形 面积 { 类型：数值；范围：0 .. 10000 }\n  材料 营业执照 {}\n  环节 受理 { 时限：当场 }\n  环节 审查 {\n    需要：营业执照\n    当：!申请方式==告知承诺 && (面积>=300 || 面积<10)\n  }\n  环节 决定 { 产出：许可证 } # 决定之后\n  结果 许可证 { 类型：证照；送达方式：窗口领取、邮寄 }\n}\n一件事 开店 { 牵头部门：市场监管局；事项：食品经营许可（新办）\n  顺序：食品经营许可（新办）->食品经营许可（新办）\n}\n";

#[test]
fn the_canonical_layout() {
    let out = fmt(MESSY);
    insta::with_settings!({ snapshot_path => root().join("tests/snapshots/format"), prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!("layout-zh", out);
        insta::assert_snapshot!("layout-en", fmt_to(MESSY, Some(Lang::En)));
        insta::assert_snapshot!("layout-en-zh", fmt_to(&fmt_to(MESSY, Some(Lang::En)), Some(Lang::Zh)));
    });
    assert_eq!(fmt(&out), out, "idempotent");
}

#[test]
fn every_comment_is_kept_once_in_order() {
    let out = fmt(MESSY);
    let comments = |text: &str| -> Vec<String> {
        let (file, _) = yijian::syntax::parse(FileId(0), text);
        file.comments.iter().map(|c| c.text.trim().to_string()).collect()
    };
    assert_eq!(comments(&out), comments(MESSY));
    assert!(out.contains("  来源：共享获取  # 行末的注释\n"), "{out}");
    assert!(
        out.contains("    \"甲\"，  # 第一条\n    # 第二条前\n    \"乙\"\n"),
        "{out}"
    );
    assert!(out.contains("  环节 决定 { 产出：许可证 }  # 决定之后\n"), "{out}");
}

#[test]
fn short_blocks_stay_on_one_line_and_long_ones_open() {
    let long = format!("部门 甲 {{ 全称：\"{}\"；层级：市 }}\n", "很长的名称".repeat(12));
    let out = fmt(&long);
    assert_eq!(
        out,
        format!("部门 甲 {{\n  全称：\"{}\"\n  层级：市\n}}\n", "很长的名称".repeat(12))
    );
    assert_eq!(fmt("部门 甲 { 全称：\"甲\" }\n"), "部门 甲 { 全称：\"甲\" }\n");
    assert_eq!(fmt("部门 甲 {\n  全称：\"甲\"\n}\n"), "部门 甲 {\n  全称：\"甲\"\n}\n");
    assert_eq!(fmt("部门 甲 {   }\n"), "部门 甲 {}\n");
}

#[test]
fn windows_line_endings_stay_windows_line_endings() {
    let crlf = MESSY.replace('\n', "\r\n");
    let out = fmt(&crlf);
    assert_eq!(out, fmt(MESSY).replace('\n', "\r\n"));
    assert_eq!(fmt(&out), out);
}

#[test]
fn a_file_with_a_syntax_error_is_refused_with_its_diagnostics() {
    match format::format("事项 乙 {\n  法定时限：：20 工作日\n}\n", Config::default()) {
        Err(Refusal::Syntax(diagnostics)) => assert!(!diagnostics.is_empty()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_safety_check_catches_a_change_of_meaning() {
    let original = "材料 甲 { 来源：申请人自备；份数：2 }\n";
    assert!(format::check_sound(original, "材料 甲 { 来源：申请人自备；份数：3 }\n").is_err());
    assert!(format::check_sound(original, "材料 甲 {}\n").is_err());
    assert!(format::check_sound(original, "材料 甲 { 来源：申请人自备；份数：2 } # 多了\n").is_err());
    assert!(format::check_sound(original, "material 甲 {\n  source: applicant\n  copies: 2\n}\n").is_ok());
}

#[test]
fn without_spans_erases_positions_only() {
    assert_eq!(
        format::without_spans("A { span: Span { start: 1, end: 20 }, b: Span { start: 3, end: 4 } }"),
        "A { span: Span, b: Span }"
    );
}

// ---------------------------------------------------------------- the repository's files

#[test]
fn the_shipped_rules_and_examples_are_formatted() {
    let mut unformatted = Vec::new();
    for path in files_under("rules", "yj")
        .into_iter()
        .chain(files_under("examples", "yj"))
    {
        let text = read(&path).unwrap();
        if fmt(&text) != text {
            unformatted.push(rel(&path));
        }
    }
    assert!(
        unformatted.is_empty(),
        "run `cargo run -- fmt rules examples`: {unformatted:?}"
    );
}

#[test]
fn every_shipped_rule_file_in_english() {
    for path in files_under("rules", "yj") {
        let text = read(&path).unwrap();
        let name = rel(&path).replace('/', "__").trim_end_matches(".yj").to_string();
        insta::with_settings!({ snapshot_path => root().join("tests/snapshots/format"), prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(format!("en__{name}"), fmt_to(&text, Some(Lang::En)));
        });
    }
}

/// The workspaces of the repository: `rules/`, each example and each fixture folder.
fn workspaces() -> Vec<PathBuf> {
    let mut out = vec![root().join("rules")];
    for parent in ["examples", "tests/fixtures/ok", "tests/fixtures/err"] {
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join(parent))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir())
            .collect();
        dirs.sort();
        out.extend(dirs);
    }
    out
}

/// The IR of the rule files of a workspace given as texts, spans erased,
/// with the codes of its findings.
fn compiled(files: &[(String, String)]) -> (String, Vec<String>) {
    let ws = yijian::workspace::Workspace::from_texts(files.iter().cloned());
    let compiled = yijian::workspace::check(&ws);
    let mut codes: Vec<String> = compiled
        .diagnostics
        .iter()
        .map(|d| d.code.as_str().to_string())
        .collect();
    codes.sort();
    (format::without_spans(&format!("{:?}", compiled.ir)), codes)
}

#[test]
fn idempotent_and_the_keyword_round_trip_compiles_to_the_same_ir() {
    let mut n_files = 0;
    for dir in workspaces() {
        let mut files = Vec::new();
        for path in files_under(&rel(&dir), "yj") {
            let Some(text) = read(&path) else { continue };
            files.push((rel(&path), text));
        }
        let mut formatted = Vec::new();
        let mut english = Vec::new();
        let mut back = Vec::new();
        for (name, text) in &files {
            let Ok(once) = format::format(text, Config::default()) else {
                continue; // syntax errors: refused, tested elsewhere
            };
            assert_eq!(fmt(&once), once, "{name}: not idempotent");
            let en = fmt_to(text, Some(Lang::En));
            assert_eq!(fmt_to(&en, Some(Lang::En)), en, "{name}: English not idempotent");
            let zh = fmt_to(&en, Some(Lang::Zh));
            assert_eq!(fmt_to(&zh, Some(Lang::Zh)), zh, "{name}: round trip not idempotent");
            formatted.push((name.clone(), once));
            english.push((name.clone(), en));
            back.push((name.clone(), zh));
            n_files += 1;
        }
        if formatted.len() != files.len() {
            continue;
        }
        let original = compiled(&files);
        assert_eq!(
            compiled(&formatted),
            original,
            "{}: formatting changed the IR",
            rel(&dir)
        );
        assert_eq!(compiled(&english), original, "{}: English changed the IR", rel(&dir));
        assert_eq!(compiled(&back), original, "{}: zh → en → zh changed the IR", rel(&dir));
    }
    assert!(n_files > 100, "only {n_files} files formatted");
}

// ---------------------------------------------------------------- mutations

fn shipped_texts() -> Vec<String> {
    files_under("rules", "yj").iter().filter_map(|p| read(p)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Random edits of shipped files: the tree is always lossless, and
    /// whatever still parses formats idempotently and survives the round trip.
    #[test]
    fn mutations_stay_lossless_and_format_soundly(
        file in 0usize..64,
        edits in proptest::collection::vec((0usize..100_000, 0usize..12, any::<bool>()), 1..4),
    ) {
        let texts = shipped_texts();
        let mut text = texts[file % texts.len()].clone();
        const PIECES: [&str; 12] = ["{", "}", "：", "；", "、", "\"", "“", "非 ", " 且 ", "\n", "# 注\n", "  "];
        for (at, piece, insert) in edits {
            let mut at = at % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            if insert {
                text.insert_str(at, PIECES[piece]);
            } else {
                let end = text[at..].char_indices().nth(1).map_or(text.len(), |(i, _)| at + i);
                text.replace_range(at..end, "");
            }
        }
        assert_lossless(&text, "mutation");
        match format::format(&text, Config::default()) {
            Ok(once) => {
                prop_assert_eq!(fmt(&once), once.clone());
                let en = fmt_to(&text, Some(Lang::En));
                let zh = fmt_to(&en, Some(Lang::Zh));
                prop_assert_eq!(fmt_to(&zh, Some(Lang::Zh)), zh.clone());
                let name = "mutated.yj".to_string();
                prop_assert_eq!(
                    compiled(&[(name.clone(), zh)]),
                    compiled(&[(name, text.clone())]),
                    "zh → en → zh changed the IR"
                );
            }
            Err(Refusal::Syntax(_)) => {}
            Err(Refusal::Unsound(u)) => prop_assert!(
                false,
                "unsound ({}) for\n{}\n---- printed as\n{}",
                u.what,
                text,
                format::format_unchecked(&text, Config::default()).unwrap_or_default()
            ),
        }
    }
}

// ---------------------------------------------------------------- the command

use crate::support::temp_files as temp_rules;

const UNFORMATTED: &str = "部门 甲 {全称:\"某市甲局\"}\n";
const FORMATTED: &str = "部门 甲 { 全称：\"某市甲局\" }\n";

#[test]
fn fmt_check_prints_a_diff_and_exits_one_without_writing() {
    let dir = temp_rules(&[("a.yj", UNFORMATTED), ("b/c.yj", FORMATTED)]);
    let output = yijian().args(["fmt", "--check"]).arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("-部门 甲 {全称:\"某市甲局\"}\n+部门 甲 { 全称：\"某市甲局\" }\n"),
        "{stdout}"
    );
    assert!(!stdout.contains("c.yj"), "a formatted file has no diff: {stdout}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("1 个规则文件不合统一格式"), "{stderr}");
    assert_eq!(std::fs::read_to_string(dir.path().join("a.yj")).unwrap(), UNFORMATTED);
}

#[test]
fn fmt_rewrites_then_check_passes() {
    let dir = temp_rules(&[("a.yj", UNFORMATTED), ("b/c.yj", FORMATTED)]);
    let output = yijian().arg("fmt").arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .contains("已格式化 1 个规则文件，其余 1 个无需改动")
    );
    assert_eq!(std::fs::read_to_string(dir.path().join("a.yj")).unwrap(), FORMATTED);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    yijian().args(["fmt", "--check"]).arg(dir.path()).assert().code(0);
}

#[test]
fn fmt_stdin_writes_the_result_to_stdout() {
    yijian()
        .args(["fmt", "--stdin"])
        .write_stdin(UNFORMATTED)
        .assert()
        .code(0)
        .stdout(FORMATTED);
    yijian()
        .args(["fmt", "--stdin", "--keywords", "en"])
        .write_stdin(UNFORMATTED)
        .assert()
        .code(0)
        .stdout("department 甲 { full-name: \"某市甲局\" }\n");
}

#[test]
fn fmt_leaves_a_file_with_a_syntax_error_untouched_and_says_why() {
    let broken = "事项 乙 {\n  法定时限：：20 工作日\n}\n";
    let dir = temp_rules(&[("a.yj", broken), ("b.yj", UNFORMATTED)]);
    let output = yijian().arg("fmt").arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("E0001"), "{stderr}");
    assert!(stderr.contains("有语法错误，未改动"), "{stderr}");
    assert_eq!(std::fs::read_to_string(dir.path().join("a.yj")).unwrap(), broken);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("b.yj")).unwrap(),
        FORMATTED,
        "the other files are still formatted"
    );
    yijian()
        .args(["fmt", "--stdin"])
        .write_stdin(broken)
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn fmt_usage_and_io_problems_exit_two() {
    yijian().args(["fmt", "no/such/folder"]).assert().code(2);
    let empty = tempfile::tempdir().unwrap();
    yijian().arg("fmt").arg(empty.path()).assert().code(2);
    yijian().args(["fmt", "--stdin", "rules"]).assert().code(2);
}

/// Tools that write names (renaming, `yijian test --update`) quote exactly
/// the names the grammar would not read back as one name.
#[test]
fn names_are_written_bare_only_where_they_read_back() {
    use yijian::syntax::written_name;
    for bare in [
        "企业营业执照",
        "食品经营许可（新办）",
        "许可(新办)",
        "营业·执照",
        "e-license",
    ] {
        assert_eq!(written_name(bare), bare);
    }
    for (name, written) in [
        ("营业执照、副本", "\"营业执照、副本\""),
        ("a)b", "\"a)b\""),
        ("license-", "\"license-\""),
        ("3号文件", "\"3号文件\""),
        ("甲且乙", "\"甲且乙\""),
        ("事项", "\"事项\""),
        ("说\"明\\", "\"说\\\"明\\\\\""),
    ] {
        assert_eq!(written_name(name), written, "{name}");
    }
}

/// `parse` reads a file whose braces pair up one top-level declaration at a
/// time; `parse_lossless` parses it whole. The typed trees and the findings
/// must be the same for every rule file of the repository, and where a
/// declaration ends without a body (so that the next line could continue its
/// head) the whole file is parsed.
#[test]
fn a_file_read_a_declaration_at_a_time_gives_the_tree_of_the_whole_file() {
    let mut texts: Vec<(String, String)> = Vec::new();
    for dir in ["rules", "examples", "tests/fixtures"] {
        for path in files_under(dir, "yj") {
            // (Fixtures that are no UTF-8 are refused before parsing.)
            if let Some(text) = read(&path) {
                texts.push((rel(&path), text));
            }
        }
    }
    assert!(texts.len() > 100, "only {} rule files found", texts.len());
    texts.push(("open-ended".into(), "部门\n部门 乙 { 全称：\"乙局\" }\n".into()));
    texts.push((
        "two on a line".into(),
        "部门 甲 { }  部门 乙 { }\n# 注\n部门 丙 { }\n".into(),
    ));
    // Comment marks inside strings are none; a comment ends before a \r.
    let tricky = concat!(
        "# 头\r\n部门 甲 { 全称：\"a\\\"#b//c\" # 注一\r\n 说明：“#”// 注二\r 网址：「//x」}//尾\n",
        "部门 乙 { 全称：\"https://x#y\" }#\n"
    );
    texts.push(("comments and strings".into(), tricky.into()));
    // Classic Mac line ends: brace recovery ends a comment at the \r, as
    // the grammar does (it once took the rest of the file for the comment
    // and reported the `}` after it missing).
    let lone_cr = "# 注\r部门 甲 { 全称：\"x\" } # 尾\r部门 乙 { }\r";
    texts.push(("lone CR".into(), lone_cr.into()));
    assert!(yijian::syntax::parse(FileId(0), lone_cr).1.is_empty());
    for (name, text) in &texts {
        let (chunked, chunked_diagnostics) = yijian::syntax::parse(FileId(0), text);
        let (whole, whole_diagnostics, _) = yijian::syntax::parse_lossless(FileId(0), text);
        assert_eq!(chunked, whole, "{name}: the trees differ");
        assert_eq!(
            format!("{chunked_diagnostics:?}"),
            format!("{whole_diagnostics:?}"),
            "{name}: the findings differ"
        );
    }
    let (open_ended, _) = yijian::syntax::parse(FileId(0), "部门\n部门 乙 { 全称：\"乙局\" }\n");
    assert_eq!(open_ended.blocks.len(), 2, "{open_ended:?}");
    let (file, diagnostics) = yijian::syntax::parse(FileId(0), tricky);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let comments: Vec<&str> = file.comments.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(comments, [" 头", " 注一", " 注二", "尾", ""]);
}

/// Space is Unicode's White_Space and the BOM: a no-break space or an em
/// space pasted from a word processor separates tokens like a space (it is
/// invisible, so an error there could not be seen), stays in the lossless
/// tree as whitespace, and the formatter writes a plain space instead.
#[test]
fn unicode_spaces_separate_tokens_and_are_formatted_as_spaces() {
    let text = "部门\u{A0}甲\u{2003}{\u{3000}全称：\u{202F}\"某局\"\u{A0}}\n";
    let (file, diagnostics) = yijian::syntax::parse(FileId(0), text);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(file.blocks.len(), 1);
    assert_eq!(file.blocks[0].name.as_ref().map(|n| n.text.as_str()), Some("甲"));
    assert_lossless(text, "unicode spaces");
    assert_eq!(fmt(text), "部门 甲 { 全称：\"某局\" }\n");
}

/// The grammar tells a name from a Chinese numeral twice: `cn_digit` lists
/// the numerals, and `not_cn_digit` (ranges of code points, tried first for
/// speed) must leave every one of them out, or a value such as `三十日` would
/// be read as a name. (A range that leaves out more than the numerals costs
/// only time: such a name is still read, after the numbers are tried.)
#[test]
fn a_value_that_starts_with_any_chinese_numeral_is_a_number() {
    use yijian::syntax::tree::{Atom, Entry, ValueItem};
    for numeral in "零〇一二两三四五六七八九十百".chars() {
        let text = format!("部门 甲 {{ 时限：{numeral}日 }}\n");
        let (file, diagnostics) = yijian::syntax::parse(FileId(0), &text);
        assert!(diagnostics.is_empty(), "{numeral}: {diagnostics:?}");
        let entries = file
            .blocks
            .first()
            .and_then(|b| b.body.as_ref())
            .map(|b| &b.entries[..]);
        let Some([Entry::Field(field)]) = entries else {
            panic!("{numeral}: {entries:?}")
        };
        assert!(
            matches!(field.value.items.first(), Some(ValueItem::Atom(Atom::Duration(..)))),
            "{numeral}: {:?}",
            field.value.items
        );
    }
}
