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
        let mutated = crate::support::splice(&texts[file % texts.len()], at, len, &insert);
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

// ------------------------------------------------------------ recovery and cost

fn codes_of(text: &str) -> Vec<String> {
    let ws = Workspace::from_texts([("hostile.yj", text)]);
    let mut codes: Vec<String> = workspace::check(&ws)
        .diagnostics
        .iter()
        .map(|d| d.code.as_str().to_string())
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

#[test]
fn unclosed_blocks_by_the_thousand_give_a_bounded_report() {
    // 300,000 lines finish in seconds (see `cargo bench --bench check -- recovery`);
    // here a tenth of that, so the suite stays quick in debug builds.
    let text = "材料 {\n".repeat(30_000);
    let ws = Workspace::from_texts([("unclosed.yj", text.as_str())]);
    let diagnostics = workspace::check(&ws).diagnostics;
    assert!(
        diagnostics.len() <= workspace::MAX_FINDINGS_PER_FILE + 1,
        "{}",
        diagnostics.len()
    );
    let last = diagnostics.last().unwrap();
    assert_eq!(last.code.as_str(), "E0009");
    assert!(diagnostics.iter().any(|d| d.code.as_str() == "E0007"));
}

#[test]
fn unclosed_block_is_reported_at_its_opening_not_at_the_end() {
    let text = "部门 甲 { 全称：\"某局\" }\n事项 乙 {\n  基本编码：\"000115001000\"\n  材料 丙 {\n    来源：申请人自备\n\n事项 丁 {\n  基本编码：\"000115001001\"\n}\n";
    let ws = Workspace::from_texts([("a.yj", text)]);
    let diagnostics = workspace::check(&ws).diagnostics;
    let unclosed: Vec<_> = diagnostics.iter().filter(|d| d.code.as_str() == "E0007").collect();
    // Both 材料 丙 (line 4) and 事项 乙 (line 2) are open when 事项 丁 starts.
    assert_eq!(unclosed.len(), 2, "{diagnostics:?}");
    let lines: Vec<usize> = unclosed
        .iter()
        .map(|d| {
            ws.files[0]
                .line_index
                .position(text, d.location().unwrap().span.start as usize)
                .line
        })
        .collect();
    assert!(lines.contains(&2) && lines.contains(&4), "{lines:?}");
    assert!(
        !diagnostics.iter().any(|d| d.code.as_str() == "E0001"),
        "{diagnostics:?}"
    );
}

#[test]
fn a_closing_brace_indented_for_an_outer_block_reports_the_inner_one() {
    let text =
        "事项 乙 {\n  基本编码：\"000115001000\"\n  材料 丙 {\n    来源：申请人自备\n  环节 受理 { 时限：当场 }\n}\n";
    let ws = Workspace::from_texts([("a.yj", text)]);
    let diagnostics = workspace::check(&ws).diagnostics;
    let unclosed: Vec<_> = diagnostics.iter().filter(|d| d.code.as_str() == "E0007").collect();
    assert_eq!(unclosed.len(), 1, "{diagnostics:?}");
    let at = unclosed[0].location().unwrap().span.start as usize;
    assert_eq!(ws.files[0].line_index.position(text, at).line, 3);
}

#[test]
fn recovery_restarts_at_indented_declarations() {
    let codes =
        codes_of("  部门 甲 { 全称：：\"x\" }\n  部门 乙 { 全称：\"y\" }\n  事项 丙 {\n    实施部门：丁\n  }\n");
    assert!(codes.contains(&"E0001".to_string()), "{codes:?}");
    assert!(codes.contains(&"E0201".to_string()), "{codes:?}");
}

#[test]
fn a_long_name_with_one_mistake_costs_no_time() {
    let name = "营".repeat(350_000);
    let typo = format!("{}业{}", "营".repeat(174_999), "营".repeat(175_000));
    let text = format!(
        "部门 甲 {{ 全称：\"x\" }}\n材料 {name} {{ 来源：申请人自备；依据：\"x\" }}\n事项 乙 {{\n  基本编码：\"000115001000\"\n  类型：行政许可\n  实施部门：甲\n  法定时限：20 工作日\n  环节 受理 {{ 时限：当场；需要：{typo} }}\n}}\n"
    );
    assert!(codes_of(&text).contains(&"E0201".to_string()));
}

#[test]
fn many_findings_render_in_bounded_time() {
    // 10,000 findings in one file: the human renderer reads only the lines
    // around each label, and at most 200 are shown.
    let text: String = (0..10_000).map(|i| format!("材料 甲{i} {{ 来源 }}\n")).collect();
    let ws = Workspace::from_texts([("many.yj", text.as_str())]);
    let diagnostics = workspace::check(&ws).diagnostics;
    let report = yijian::render::Report {
        workspaces: vec![(&ws, diagnostics.as_slice())],
        global: &[],
        lang: yijian::diagnostics::Lang::Zh,
    };
    let human = yijian::render::human::render(&report, yijian::render::human::Style::plain());
    assert!(human.contains("E0009"), "{}", &human[human.len().saturating_sub(500)..]);
    assert!(human.matches("\nE0001\n").count() <= 200);
}

#[test]
fn empty_workspaces_are_errors_not_passes() {
    for text in ["", "\u{feff}", "# 只有注释\n", "\n\n  \n"] {
        assert_eq!(codes_of(text), ["E0010"], "{text:?}");
    }
}

#[test]
fn fuzz_regressions_stay_fixed() {
    // Inputs that made a fuzz target crash or hang (fuzz/run.sh): each must
    // now give diagnostics. Files ending in `.yaml` are catalogs.
    let dir = crate::support::root().join("tests/fuzz-regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name == "README.md" {
            continue;
        }
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let ws = if name.ends_with(".yaml") {
            Workspace::from_texts([("rules.yj", "部门 甲 { 全称：\"x\" }"), ("catalog.yaml", text.as_str())])
        } else {
            Workspace::from_texts([("fuzz.yj", text.as_str())])
        };
        let _ = workspace::check(&ws);
        n += 1;
    }
    let _ = n;
}

// ------------------------------------------------------------ files and folders

#[cfg(unix)]
mod files {
    use assert_cmd::Command;
    use std::path::Path;
    use std::time::Duration;

    const RULES: &str = "部门 市场监管局 { 全称：\"某某市市场监督管理局\"；层级：市 }\n";

    fn yijian(dir: &Path) -> Command {
        let mut cmd = Command::cargo_bin("yijian").unwrap();
        cmd.current_dir(dir)
            .env("NO_COLOR", "1")
            .timeout(Duration::from_secs(60));
        cmd
    }

    fn mkfifo(path: &Path) {
        let status = std::process::Command::new("mkfifo").arg(path).status().unwrap();
        assert!(status.success());
    }

    fn run(cmd: &mut Command) -> (Option<i32>, String) {
        let output = cmd.output().unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        (output.status.code(), text)
    }

    #[test]
    fn link_loops_and_links_out_of_the_workspace_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let rules = dir.path().join("规则");
        std::fs::create_dir_all(rules.join("子")).unwrap();
        std::fs::write(rules.join("a.yj"), RULES).unwrap();
        std::os::unix::fs::symlink("..", rules.join("子/回到上层")).unwrap();
        std::os::unix::fs::symlink(".", rules.join("自己")).unwrap();
        std::os::unix::fs::symlink("/proc", rules.join("proc")).unwrap();
        std::os::unix::fs::symlink("/", rules.join("根")).unwrap();
        let (code, out) = run(yijian(dir.path()).args(["check", "规则"]));
        assert_eq!(code, Some(0), "{out}");
        assert_eq!(out.matches("W0011").count(), 4, "{out}");
        assert!(out.contains("链接循环") && out.contains("工作区之外"), "{out}");
    }

    #[test]
    fn named_pipes_are_never_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.yj"), RULES).unwrap();
        mkfifo(&dir.path().join("管道.yj"));
        mkfifo(&dir.path().join("清单.yaml"));
        let (code, out) = run(yijian(dir.path()).args(["check", "."]));
        assert_eq!(code, Some(0), "{out}");
        assert_eq!(out.matches("W0011").count(), 2, "{out}");
        // Named on the command line: an error, not a silent pass.
        let (code, out) = run(yijian(dir.path()).args(["check", "管道.yj"]));
        assert_eq!(code, Some(2), "an unreadable path: {out}");
        assert!(out.contains("E0006") && out.contains("不是普通文件"), "{out}");
    }

    #[test]
    fn the_manifest_cannot_name_pipes_devices_or_paths_outside() {
        for (manifest, expect) in [
            ("catalogs = [\"管道.yaml\"]\n", "不是普通文件"),
            ("catalogs = [\"/dev/zero\"]\n", "工作区文件夹之外"),
            ("rules = [\"/\"]\n", "工作区文件夹之外"),
            ("rules = [\"../..\"]\n", "工作区文件夹之外"),
            ("rules = [\"管道.yj\"]\n", "不是普通文件"),
        ] {
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join("a.yj"), RULES).unwrap();
            std::fs::write(dir.path().join("yijian.toml"), manifest).unwrap();
            mkfifo(&dir.path().join("管道.yaml"));
            mkfifo(&dir.path().join("管道.yj"));
            let (code, out) = run(yijian(dir.path()).args(["check"]));
            assert_eq!(code, Some(2), "an unreadable path: {manifest}: {out}");
            assert!(out.contains("E0006") && out.contains(expect), "{manifest}: {out}");
        }
    }

    #[test]
    fn every_command_survives_hostile_workspaces() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.yj"), "事项 甲 {\n".repeat(2_000)).unwrap();
        std::fs::write(dir.path().join("b.yj"), "}".repeat(5_000)).unwrap();
        mkfifo(&dir.path().join("c.yj"));
        std::os::unix::fs::symlink(".", dir.path().join("loop")).unwrap();
        let out = dir.path().join("site");
        for args in [
            vec!["check", "."],
            vec!["check", ".", "--format", "json"],
            vec!["check", ".", "--format", "sarif"],
            vec!["check", ".", "--format", "github"],
            vec!["report", "."],
        ] {
            let (code, text) = run(yijian(dir.path()).args(&args));
            assert_eq!(code, Some(1), "{args:?}: {text}");
        }
        let (code, text) = run(yijian(dir.path()).args(["build", ".", "--out"]).arg(&out));
        assert_eq!(code, Some(1), "{text}");
        assert!(!out.exists(), "nothing is built from rules with errors");
        // The formatter leaves files with syntax errors as they are, skips the
        // pipe and the link loop, and refuses a pipe named directly.
        let before = std::fs::read(dir.path().join("a.yj")).unwrap();
        for args in [vec!["fmt", "."], vec!["fmt", "--check", "."]] {
            let (code, text) = run(yijian(dir.path()).args(&args));
            assert_eq!(code, Some(1), "{args:?}: {text}");
        }
        assert_eq!(std::fs::read(dir.path().join("a.yj")).unwrap(), before);
        let (code, text) = run(yijian(dir.path()).args(["fmt", "c.yj"]));
        assert_eq!(code, Some(2), "{text}");
    }
}

// ------------------------------------------------------------ catalogs

#[test]
fn hostile_catalogs_give_diagnostics() {
    let alias_bomb = {
        let mut text = String::from("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
        for (name, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"]
            .iter()
            .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
        {
            text.push_str(&format!(
                "{name}: &{name} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n",
                p = prev
            ));
        }
        text
    };
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_maps = "a:\n".to_string() + &(1..2_000).map(|i| format!("{}a:\n", " ".repeat(i))).collect::<String>();
    let huge_scalar = format!("事项: \"{}\"\n", "长".repeat(50 * 1024 * 1024 / 3));
    let tags = "!!binary 事项: !custom/tag {a: !!int x}\n--- !!set\n? a\n";
    let empty_documents = "---\n---\n...\n---\n";
    for (name, text) in [
        ("alias bomb", alias_bomb.as_str()),
        ("deep nesting", deep.as_str()),
        ("deep mappings", deep_maps.as_str()),
        ("50 MB scalar", huge_scalar.as_str()),
        ("tags", tags),
        ("empty documents", empty_documents),
        ("nothing", ""),
    ] {
        let ws = Workspace::from_texts([("rules.yj", "部门 甲 { 全称：\"x\" }"), ("catalog.yaml", text)]);
        let diagnostics = workspace::check(&ws).diagnostics;
        assert!(
            diagnostics.iter().any(|d| d.code.as_str().starts_with("E14")),
            "{name}: {:?}",
            diagnostics.iter().map(|d| d.code.as_str()).collect::<Vec<_>>()
        );
    }
}

// ------------------------------------------------------------ build output

/// An item whose name and texts are `name` and `text`.
fn hostile_item(name: &str, code: &str, text: &str) -> String {
    let quoted = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    let (name, text) = (quoted(name), quoted(text));
    format!(
        "事项 \"{name}\" {{\n  基本编码：\"{code}\"\n  类型：行政确认\n  实施部门：公安局\n  法定时限：30 工作日\n  承诺时限：当场\n  \
         说明：\"{text}\"\n  设定依据：\"{text}\"\n  \
         材料 \"{name}申报表\" {{ 来源：申请人自备；依据：\"{text}\"；形式：纸质、电子；说明：\"{text}\" }}\n  \
         结果 \"{name}户口页\" {{ 类型：证照；送达方式：窗口领取、邮寄 }}\n  环节 受理 {{ 时限：当场；需要：\"{name}申报表\" }}\n  \
         环节 \"{name}登记\" {{ 类型：决定；时限：当场；产出：\"{name}户口页\" }}\n  环节 送达 {{ 送达：\"{name}户口页\" }}\n}}\n"
    )
}

const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "' onmouseover='alert(1)",
    "]] --> <!-- [[x]] --> n0 -> n1; \"",
];

#[test]
fn hostile_names_and_texts_are_escaped_and_stay_inside_the_output() {
    let names: Vec<String> = [
        "../逃逸",
        "../../etc/passwd",
        "a/b",
        "a\\b",
        "CON",
        "nul.txt",
        "Com1",
        "..",
        ".",
        "A",
        "a",
        "换\n行",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain(std::iter::once("长".repeat(300)))
    .chain(std::iter::once(format!("{}x", "长".repeat(300))))
    .chain(PAYLOADS.iter().map(|s| s.to_string()))
    .collect();
    let mut rules = "部门 公安局 { 全称：\"某某县公安局\"；层级：县 }\n".to_string();
    for (index, name) in names.iter().enumerate() {
        let payload = PAYLOADS[index % PAYLOADS.len()];
        rules.push_str(&hostile_item(name, &format!("{:012}", 107_001_000 + index), payload));
    }
    let ws = Workspace::from_texts([("a.yj", rules)]);
    let compiled = workspace::check(&ws);
    let errors: Vec<_> = compiled
        .diagnostics
        .iter()
        .filter(|d| d.severity() == yijian::diagnostics::Severity::Error)
        .map(|d| (d.code.as_str(), d.message(yijian::diagnostics::Lang::Zh)))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let config = yijian::documents::Config {
        out: site.clone(),
        formats: yijian::documents::Formats {
            html: true,
            markdown: true,
            pdf: false,
            flow: true,
            json: true,
        },
        progress: false,
    };
    yijian::documents::build(&[(&ws, &compiled)], &config).unwrap();
    if let Ok(keep) = std::env::var("YIJIAN_KEEP_SITE") {
        let _ = std::process::Command::new("cp").arg("-r").arg(&site).arg(keep).status();
    }
    // Nothing outside the output folder.
    let entries: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(entries, ["site"]);
    let mut files = Vec::new();
    let mut stack = vec![site.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let component = path.file_name().unwrap().to_string_lossy().into_owned();
            assert!(component.len() <= 255, "{component}");
            let stem = component.split('.').next().unwrap().to_ascii_uppercase();
            assert!(
                !["CON", "NUL", "PRN", "AUX", "COM1"].contains(&stem.as_str()),
                "{component}"
            );
            assert!(!component.contains('\\') && !component.contains(':'), "{component}");
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    // One folder per item: no two names collide.
    let item_folders: std::collections::BTreeSet<_> = files
        .iter()
        .filter_map(|p| p.strip_prefix(site.join("事项")).ok())
        .filter_map(|p| p.components().next())
        .map(|c| c.as_os_str().to_owned())
        .collect();
    assert_eq!(item_folders.len(), names.len(), "{item_folders:?}");
    // Markup never reaches a document unescaped.
    let mut kinds = std::collections::BTreeSet::new();
    for path in &files {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
        let shown = path.strip_prefix(&site).unwrap().display().to_string();
        match ext.as_str() {
            "html" | "svg" => {
                for raw in ["<script>alert", "<img src=x", "' onmouseover='", "\"><img", "<!--"] {
                    assert!(!text.contains(raw), "{shown} has {raw}");
                }
                assert!(
                    !text.contains("href=\"javascript:") && !text.contains("src=\"javascript:"),
                    "{shown}"
                );
            }
            "md" => {
                // Markdown escapes markup with a backslash: `\<script\>` is text.
                for raw in ["<script>", "<img"] {
                    let unescaped = text.match_indices(raw).any(|(at, _)| !text[..at].ends_with('\\'));
                    assert!(!unescaped, "{shown} has {raw}");
                }
                assert!(!text.contains("](javascript:"), "{shown}");
            }
            "mmd" => {
                // Labels are quoted strings: quotes pair up on every line, and no
                // markup but the chart's own `<br/>` line breaks.
                let text = text.replace("<br/>", "");
                for line in text.lines() {
                    assert!(line.matches('"').count() % 2 == 0, "{shown}: {line}");
                    assert!(!line.contains('<'), "{shown}: {line}");
                }
            }
            "dot" => {
                for line in text.lines().filter(|l| l.contains("label=\"")) {
                    // The label ends at its first unescaped quote, and the
                    // node's own attributes follow it.
                    let inner = line.split_once("label=\"").unwrap().1;
                    let mut escaped = false;
                    let end = inner
                        .char_indices()
                        .find(|&(_, c)| {
                            let close = c == '"' && !escaped;
                            escaped = c == '\\' && !escaped;
                            close
                        })
                        .map(|(at, _)| at)
                        .unwrap();
                    assert!(inner[end..].starts_with("\", fillcolor="), "{shown}: {line}");
                }
            }
            _ => {}
        }
        kinds.insert(ext);
    }
    for kind in ["html", "md", "svg", "mmd", "dot", "json"] {
        assert!(kinds.contains(kind), "no .{kind} written: {kinds:?}");
    }
}

#[test]
fn github_annotations_cannot_be_forged_by_names() {
    let text = "部门 \"甲\\n::error file=x.yj,line=1::伪造\" { 全称：\"x\" }\n事项 乙 {\n  实施部门：\"甲\\n::warning::伪造\"\n}\n";
    let ws = Workspace::from_texts([("a.yj", text)]);
    let compiled = workspace::check(&ws);
    let report = yijian::render::Report {
        workspaces: vec![(&ws, compiled.diagnostics.as_slice())],
        global: &[],
        lang: yijian::diagnostics::Lang::Zh,
    };
    let out = yijian::render::github::render(&report);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() >= 2, "{out}");
    // One line per finding, each a command of ours; the summary is last.
    for line in &lines[..lines.len() - 1] {
        assert!(
            line.starts_with("::error file=a.yj,line=") || line.starts_with("::warning file=a.yj,line="),
            "{line}"
        );
        assert!(!line.contains("::error file=x.yj"), "{line}");
    }
    assert!(!lines[lines.len() - 1].starts_with("::"), "{out}");
}

/// Every file below `dir`, relative, with its bytes.
fn tree(dir: &std::path::Path) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&current) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                out.insert(path.strip_prefix(dir).unwrap().to_path_buf(), bytes);
            }
        }
    }
    out
}

#[test]
fn a_build_killed_at_any_moment_leaves_whole_files_and_the_next_build_cleans_up() {
    let build = |out: &std::path::Path| {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("yijian"));
        cmd.current_dir(crate::support::root())
            .args(["build", "rules", "--format", "html,markdown,flow,json", "--out"])
            .arg(out)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        cmd
    };
    let dir = tempfile::tempdir().unwrap();
    let reference = dir.path().join("reference");
    assert!(build(&reference).status().unwrap().success());
    let expected = tree(&reference);
    // Kill points spread over a build (a debug build takes about half a
    // second here; later points see a finished build, which must hold too).
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for round in 0..6 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let wait = std::time::Duration::from_millis(seed % 700);
        let site = dir.path().join(format!("site-{round}"));
        let mut child = build(&site).spawn().unwrap();
        std::thread::sleep(wait);
        let _ = child.kill();
        let _ = child.wait();
        for (path, bytes) in tree(&site) {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.ends_with(".tmp") {
                continue;
            }
            assert!(
                expected.get(&path) == Some(&bytes) || name == ".yijian-build",
                "killed after {wait:?}: {} is not whole",
                path.display()
            );
        }
        assert!(build(&site).status().unwrap().success());
        let rebuilt = tree(&site);
        let leftovers: Vec<_> = rebuilt
            .keys()
            .filter(|p| p.to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "killed after {wait:?}: {leftovers:?}");
        assert!(
            rebuilt == expected,
            "killed after {wait:?}: the rebuild differs from a clean build"
        );
    }
}
