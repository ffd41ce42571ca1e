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
    use yijian::keywords::{BLOCKS, BlockKw, FIELDS, FieldKw};
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
}

#[test]
fn the_language_reference_lists_every_keyword() {
    use yijian::keywords::{BLOCKS, FIELDS, VALUE_WORDS};
    let page = std::fs::read_to_string(root().join("book/src/reference/language.md")).unwrap();
    let mut missing = Vec::new();
    let words = BLOCKS
        .iter()
        .map(|e| (e.zh, e.en))
        .chain(FIELDS.iter().map(|e| (e.zh, e.en)))
        .chain(VALUE_WORDS.iter().flat_map(|(_, words)| words.iter().copied()));
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
        &["keywords", "diagnostics", "suggest", "fonts"],
        &["syntax", "source"],
        &["ast"],
        &["ir"],
        &["graph"],
        &["analysis"],
        &["checks"],
        &["catalog"],
        &["workspace"],
        &["report", "documents", "render"],
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
