//! Conventions that are tests: every code has its explain page and fixture,
//! every source file says what it is for.

use crate::support::root;
use yijian::diagnostics::codes::ALL;

#[test]
fn every_code_has_an_explain_page_with_its_title() {
    for code in ALL {
        let info = code.info();
        let first = info.page.lines().next().unwrap_or("");
        assert_eq!(
            first,
            format!("# {} {}", code, info.title.zh),
            "first line of book/src/codes/{code}.md"
        );
        assert!(info.page.contains("## 如何修改"), "{code}: the page says how to fix it");
    }
}

#[test]
fn every_code_has_a_fixture() {
    let names: Vec<String> = std::fs::read_dir(root().join("tests/fixtures/err"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut missing = Vec::new();
    for code in ALL {
        // An unreadable path cannot be a checked-in fixture; the CLI tests cover it.
        // Nor can a named pipe or a link out of the repository (W0011): the
        // robustness tests make them at run time.
        if code.as_str() == "E0006" || code.as_str() == "W0011" {
            continue;
        }
        if !names.iter().any(|n| n.starts_with(code.as_str())) {
            missing.push(code.as_str());
        }
    }
    assert!(missing.is_empty(), "codes without a fixture: {missing:?}");
}

#[test]
fn every_code_is_listed_in_the_book() {
    let summary = std::fs::read_to_string(root().join("book/src/SUMMARY.md")).unwrap();
    for code in ALL {
        assert!(
            summary.contains(&format!("codes/{code}.md")),
            "{code} missing from book/src/SUMMARY.md"
        );
    }
}

#[test]
fn every_source_file_starts_with_a_module_doc() {
    for path in crate::support::files_under("src", "rs") {
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("//!"),
            "{} must start with a `//!` line",
            path.display()
        );
    }
}

#[test]
fn every_keyword_has_a_table_entry_and_both_languages() {
    use yijian::keywords::{BLOCKS, BlockKw, CONDITION_WORDS, CondKw, FIELDS, FieldKw, UNITS, UnitKw};
    for entry in BLOCKS {
        assert_eq!(BlockKw::from_word(entry.zh), Some(entry.kw));
        assert_eq!(BlockKw::from_word(entry.en), Some(entry.kw));
        assert_eq!(entry.kw.entry().zh, entry.zh);
    }
    for entry in FIELDS {
        assert_eq!(FieldKw::from_word(entry.zh), Some(entry.kw));
        assert_eq!(FieldKw::from_word(entry.en), Some(entry.kw));
        assert_eq!(entry.kw.entry().zh, entry.zh);
    }
    for entry in UNITS {
        for word in [entry.zh, entry.en].iter().chain(entry.aliases) {
            assert_eq!(UnitKw::from_word(word), Some(entry.kw), "{word}");
        }
        assert_eq!(entry.kw.entry().zh, entry.zh);
    }
    for entry in CONDITION_WORDS {
        for word in [entry.zh, entry.en].iter().chain(entry.aliases) {
            assert_eq!(CondKw::from_word(word), Some(entry.kw), "{word}");
        }
        assert_eq!(entry.kw.entry().zh, entry.zh);
    }
}

#[test]
fn the_language_reference_lists_every_keyword() {
    use yijian::keywords::{BLOCKS, CONDITION_WORDS, FIELDS, UNITS, VALUE_WORDS};
    let page = std::fs::read_to_string(root().join("book/src/reference/language.md")).unwrap();
    let mut missing = Vec::new();
    let words = BLOCKS
        .iter()
        .map(|e| (e.zh, e.en))
        .chain(FIELDS.iter().map(|e| (e.zh, e.en)))
        .chain(VALUE_WORDS.iter().flat_map(|(_, words)| words.iter().copied()))
        .chain(UNITS.iter().map(|e| (e.zh, e.en)))
        .chain(CONDITION_WORDS.iter().map(|e| (e.zh, e.en)));
    for (zh, en) in words {
        for word in [zh, en] {
            if !page.contains(&format!("`{word}`")) {
                missing.push(word);
            }
        }
    }
    assert!(
        missing.is_empty(),
        "keywords missing from the language reference: {missing:?}"
    );
}

/// The language reference describes every field that each declaration allows
/// (the schema the lowering reads), in the section of that declaration, and
/// says where each declaration may stand.
#[test]
fn the_reference_describes_every_field_of_every_declaration() {
    use yijian::keywords::BlockKw;
    use yijian::schema::{self, BLOCKS, TOP_LEVEL};
    let page = std::fs::read_to_string(root().join("book/src/reference/language.md")).unwrap();
    // The section of a declaration: from its heading to the next heading of the same level.
    let section = |title: &str| -> String {
        let start = page
            .find(&format!("\n### {title}\n"))
            .unwrap_or_else(|| panic!("no section {title}"));
        let rest = &page[start + 1..];
        let end = rest[4..].find("\n### ").map_or(rest.len(), |at| at + 4);
        rest[..end].to_string()
    };
    let section_of = |kind: BlockKw| -> &'static str {
        match kind {
            BlockKw::Department => "部门",
            BlockKw::Zone => "功能区",
            BlockKw::DataSource => "数据源",
            BlockKw::Material => "材料",
            BlockKw::Item | BlockKw::IntermediaryService => "事项",
            BlockKw::Situation => "情形",
            BlockKw::Step => "环节",
            BlockKw::Result => "结果",
            BlockKw::Thing
            | BlockKw::JointReview
            | BlockKw::OptionalItem
            | BlockKw::ReviewGroup
            | BlockKw::Replaces => "一件事与会签",
            BlockKw::AcceptanceLevel => "一城通办",
            BlockKw::Test => "测试",
        }
    };
    let mut missing = Vec::new();
    for spec in BLOCKS {
        let text = section(section_of(spec.kind));
        for field in spec.field_kws() {
            let written = [format!("{}：", field.zh()), format!("`{}`", field.zh())];
            if !written.iter().any(|w| text.contains(w.as_str())) {
                missing.push(format!("{} in {}", field.zh(), spec.kind.zh()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "fields the reference does not describe: {missing:?}"
    );
    // The table of declarations says where each may stand.
    for spec in BLOCKS {
        let row = page
            .lines()
            .find(|line| line.starts_with(&format!("| `{}` |", spec.kind.zh())))
            .unwrap_or_else(|| panic!("no row for {}", spec.kind.zh()));
        assert_eq!(
            row.contains("单独写"),
            TOP_LEVEL.contains(&spec.kind),
            "{row}: top level or not, as the schema says"
        );
        for parent in BLOCKS.iter().filter(|p| p.nested.contains(&spec.kind)) {
            assert!(
                row.contains(&format!("{}里", parent.kind.zh())),
                "{row}: may stand in {}",
                parent.kind.zh()
            );
        }
    }
    for kind in yijian::keywords::BLOCKS.iter().map(|e| e.kw) {
        assert_eq!(schema::block(kind).kind, kind, "every declaration has a schema entry");
    }
}

/// The `crate::` modules a source file names (`use crate::x…` or `crate::x::…`).
fn crate_modules(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .match_indices("crate::")
        .filter_map(|(at, _)| {
            let rest = &text[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            (!name.is_empty()).then_some(name)
        })
        .collect();
    // `use crate::{a, b}`.
    for (at, _) in text.match_indices("use crate::{") {
        let rest = &text[at + "use crate::{".len()..];
        let list = &rest[..rest.find('}').unwrap_or(rest.len())];
        for part in list.split(',') {
            let name: String = part
                .trim()
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push(name);
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Each invariant of the architecture page that a test can hold: phases
/// depend only on earlier phases, pest stays in `syntax`, the document
/// formats read only document blocks, only the CLI prints.
#[test]
fn the_architecture_invariants_hold() {
    // (files, modules they may name)
    let rules: &[(&str, &[&str])] = &[
        ("src/syntax", &["diagnostics", "keywords"]),
        (
            "src/ast",
            &["diagnostics", "keywords", "schema", "syntax", "suggest", "ast"],
        ),
        ("src/ir", &["diagnostics", "keywords", "syntax", "ast", "suggest", "ir"]),
        ("src/graph", &["diagnostics", "ir", "graph"]),
        (
            "src/format",
            &["diagnostics", "keywords", "schema", "syntax", "ast", "format"],
        ),
        ("src/schema.rs", &["keywords"]),
        ("src/keywords.rs", &[]),
    ];
    let forbidden_everywhere_but_cli = ["cli"];
    let mut problems = Vec::new();
    for path in crate::support::files_under("src", "rs") {
        let rel = crate::support::rel(&path);
        let text = std::fs::read_to_string(&path).unwrap();
        let modules = crate_modules(&text);
        for (prefix, allowed) in rules {
            if rel.starts_with(prefix) {
                for module in &modules {
                    if !allowed.contains(&module.as_str()) {
                        problems.push(format!("{rel} names crate::{module}"));
                    }
                }
            }
        }
        // Later phases never name earlier ones' consumers.
        let layered: &[(&str, &[&str])] = &[
            (
                "src/analysis",
                &[
                    "checks",
                    "documents",
                    "render",
                    "report",
                    "catalog",
                    "workspace",
                    "format",
                ],
            ),
            (
                "src/checks",
                &["documents", "render", "report", "catalog", "workspace", "format"],
            ),
            (
                "src/render",
                &["ir", "ast", "analysis", "checks", "documents", "graph", "format"],
            ),
        ];
        for (prefix, banned) in layered {
            if rel.starts_with(prefix) {
                for module in &modules {
                    if banned.contains(&module.as_str()) {
                        problems.push(format!("{rel} names crate::{module}"));
                    }
                }
            }
        }
        if rel != "src/cli.rs" && !rel.starts_with("src/bin/") && rel != "src/main.rs" {
            for module in &modules {
                if forbidden_everywhere_but_cli.contains(&module.as_str()) {
                    problems.push(format!("{rel} names crate::cli"));
                }
            }
            for printing in ["println!", "eprintln!", "print!(", "eprint!(", "process::exit"] {
                if text.contains(printing) {
                    problems.push(format!("{rel} prints or exits ({printing}): only the CLI does"));
                }
            }
        }
        if !rel.starts_with("src/syntax/") && (text.contains("pest::") || text.contains("pest_derive")) {
            problems.push(format!("{rel} uses pest: it stays behind src/syntax/"));
        }
        // The formats lay out document blocks; they never read the IR, the
        // analyses or the workspace, and of the model only the questionnaire
        // types a block carries.
        if [
            "src/documents/markdown.rs",
            "src/documents/html.rs",
            "src/documents/pdf.rs",
        ]
        .contains(&rel.as_str())
        {
            for module in &modules {
                if ["ir", "analysis", "graph", "checks", "workspace", "report", "catalog"].contains(&module.as_str()) {
                    problems.push(format!("{rel} names crate::{module}"));
                }
            }
            for (at, _) in text.match_indices("model::") {
                let rest = &text[at + "model::".len()..];
                let item: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '{')
                    .collect();
                let allowed = ["AnswerDoc", "SituationDoc", "{AnswerDoc"];
                if !allowed.iter().any(|a| item.starts_with(a)) {
                    problems.push(format!("{rel} reads the model: model::{item}"));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "architecture invariants broken:\n{}",
        problems.join("\n")
    );
}

/// The analyses that `analysis::Analyses` keeps are computed once per
/// workspace: the checks, the catalog checks, the documents and the report
/// read them from it and never call these functions themselves.
#[test]
fn consumers_read_the_analyses_instead_of_computing_them() {
    const KEPT: &[&str] = &[
        "analyse(",
        "analyse_thing(",
        "worst(",
        "longest_days(",
        "longest_bounds(",
        "merged_materials(",
        "providers(",
        "bundles(",
        "bundle(",
    ];
    let mut files = Vec::new();
    for dir in ["src/checks", "src/catalog", "src/documents"] {
        files.extend(crate::support::files_under(dir, "rs"));
    }
    files.push(crate::support::root().join("src/report.rs"));
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        for needle in KEPT {
            for (at, _) in text.match_indices(needle) {
                // `analyses.worst(` reads the kept value; `thing_bundles(` is another function.
                let before = text[..at].chars().next_back().unwrap_or(' ');
                assert!(
                    before == '.' || before.is_alphanumeric() || before == '_',
                    "{} calls `{needle}` itself: read it from `Analyses`",
                    path.display()
                );
            }
        }
    }
}

/// Phases depend only on earlier phases (the book's architecture page): a
/// module never names a module of a later layer in its code. In particular
/// the catalog checks, which the pipeline in `workspace` runs, never import
/// `workspace`.
#[test]
fn phases_depend_only_on_earlier_phases() {
    const LAYERS: &[&[&str]] = &[
        &["keywords", "diagnostics", "suggest", "fonts", "schema", "parallel"],
        &["syntax", "source"],
        &["ast"],
        &["ir"],
        &["graph"],
        &["analysis"],
        &["checks"],
        &["catalog"],
        &["workspace"],
        &["report", "documents", "render", "format", "lsp"],
        &["cli"],
    ];
    let layer_of = |module: &str| LAYERS.iter().position(|layer| layer.contains(&module));
    for (index, layer) in LAYERS.iter().enumerate().take(8) {
        for module in *layer {
            let mut files = crate::support::files_under("src", "rs");
            files.retain(|path| {
                let relative = path.strip_prefix(crate::support::root().join("src")).unwrap();
                relative.starts_with(module) || relative == std::path::Path::new(&format!("{module}.rs"))
            });
            assert!(!files.is_empty(), "no files for {module}");
            for path in files {
                let text = std::fs::read_to_string(&path).unwrap();
                let code = text.lines().filter(|l| !l.trim_start().starts_with("//"));
                for line in code {
                    for (at, _) in line.match_indices("crate::") {
                        let used: String = line[at + 7..]
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        let used_layer = layer_of(&used);
                        assert!(
                            used_layer.is_some_and(|l| l <= index),
                            "{} (layer {index}) uses `crate::{used}`: {line}",
                            path.display()
                        );
                    }
                }
            }
        }
    }
}

/// The text inside the parentheses that open at `open` (just after `(`),
/// skipping string literals.
fn balanced(text: &str, open: usize) -> Option<&str> {
    let mut depth = 1;
    let mut in_string = false;
    let mut escaped = false;
    for (at, c) in text.get(open..)?.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '(' | '[' if !in_string => depth += 1,
            ')' | ']' if !in_string => {
                depth -= 1;
                if depth == 0 {
                    return text.get(open..open + at);
                }
            }
            _ => {}
        }
    }
    None
}

/// An argument of a diagnostic given as a plain string counts as the user's
/// text (a name, a quoted text): it is shown as it is in every language and
/// the English test does not look into it. So a Chinese text of ours must
/// never be given that way: not a Chinese string literal to `.arg` or
/// `Tr::same`, not a keyword's `.zh()`. Ours goes through the code table, the
/// phrase table or `Tr::new` with both languages.
#[test]
fn no_chinese_of_ours_is_passed_as_user_text() {
    let has_chinese = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let mut found = Vec::new();
    for path in crate::support::files_under("src", "rs") {
        let text = std::fs::read_to_string(&path).unwrap();
        for pattern in [".arg(", "Tr::same("] {
            for (at, _) in text.match_indices(pattern) {
                let Some(inside) = balanced(&text, at + pattern.len()) else {
                    continue;
                };
                let value = if pattern == ".arg(" {
                    inside.split_once(',').map_or(inside, |(_, value)| value)
                } else {
                    inside
                };
                let value = value.trim().trim_end_matches(',').trim();
                let literal = value.starts_with('"') && has_chinese(value);
                if literal || value.ends_with(".zh()") {
                    let line = text[..at].lines().count();
                    found.push(format!(
                        "{}:{line}: {pattern}{}",
                        crate::support::rel(&path),
                        inside.trim()
                    ));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "Chinese of ours given as user text:\n{}",
        found.join("\n")
    );
}

/// Every template a check names by key is in the code table: `Code::X.text("key"`
/// in code X's templates, `.detail("key"` and `.note_from("key"` in some code's
/// (a missing one would print `{key}`).
#[test]
fn every_template_key_is_in_the_code_table() {
    use yijian::diagnostics::Code;
    let mut missing = Vec::new();
    let any_has = |key: &str| {
        ALL.iter()
            .any(|code| code.info().templates.iter().any(|(k, _)| *k == key))
    };
    let literal = |rest: &str| {
        rest.strip_prefix('"')
            .and_then(|r| r.split('"').next())
            .map(str::to_string)
    };
    for path in crate::support::files_under("src", "rs") {
        let text = std::fs::read_to_string(&path).unwrap();
        for (at, _) in text.match_indices("Code::") {
            let rest = &text[at + "Code::".len()..];
            let Some((name, after)) = rest.split_once(".text(") else {
                continue;
            };
            if name.len() != 5 {
                continue;
            }
            let (Some(code), Some(key)) = (Code::parse(name), literal(after.trim_start())) else {
                continue;
            };
            if !code.info().templates.iter().any(|(k, _)| *k == key) {
                missing.push(format!(
                    "{}: {name} has no template `{key}`",
                    crate::support::rel(&path)
                ));
            }
        }
        for pattern in [".detail(", ".note_from("] {
            for (at, _) in text.match_indices(pattern) {
                let after = text[at + pattern.len()..].trim_start();
                if let Some(key) = literal(after)
                    && !any_has(&key)
                {
                    missing.push(format!(
                        "{}: no code has a template `{key}`",
                        crate::support::rel(&path)
                    ));
                }
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
