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
