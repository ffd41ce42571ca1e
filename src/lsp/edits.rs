//! What the language server offers to write: completion of keywords, fields
//! and names, code actions for findings with a mechanical fix, and renaming.

use super::Loaded;
use super::position::{Encoding, Lines};
use crate::diagnostics::{Code, Diagnostic, FileId};
use crate::keywords::{BlockKw, FieldKw};
use crate::messages::Msg;
use crate::schema::{self, TOP_LEVEL, ValueKind};
use crate::syntax::tree::{Block, Entry};
use serde_json::{Value, json};

// ---------------------------------------------------------------- completion

/// Completion at byte `offset` of file `f`: after `key：`, the values the
/// field takes (value words, or the names of the kind of declaration it
/// names); at the start of an entry, the fields and declarations the
/// enclosing block allows (Chinese and English); at the top level, the
/// top-level declarations.
pub fn completion(loaded: &Loaded, f: usize, offset: usize) -> Value {
    let Some(file) = loaded.workspace.files.get(super::file_id(f)) else {
        return Value::Null;
    };
    let text = &file.text;
    let (tree, _) = crate::syntax::parse(FileId(0), text);
    let enclosing = innermost(&tree.blocks, offset);
    let kind = enclosing.and_then(|b| BlockKw::from_word(&b.keyword.text));
    let mut items = Vec::new();
    let entry = entry_before(text, offset);
    // In a condition: the situations of the declaration around it (an
    // item's, or a thing's) and their values.
    if entry.contains(char::is_whitespace) && in_condition(entry) {
        if let Some(top) = top_block(&tree.blocks, offset).and_then(|b| b.body.as_ref()) {
            for situation in top.entries.iter().filter_map(|e| match e {
                Entry::Block(b) if BlockKw::from_word(&b.keyword.text) == Some(BlockKw::Situation) => Some(b),
                _ => None,
            }) {
                let Some(name) = &situation.name else { continue };
                items.push(json!({ "label": name.text, "kind": 13, "detail": situation.keyword.text }));
                for value in situation_values(situation) {
                    items.push(json!({ "label": value, "kind": 20, "detail": format!("{}的取值", name.text) }));
                }
            }
        }
        return Value::Array(items);
    }
    if let Some(colon) = entry.find(['：', ':']) {
        let key = entry.get(..colon).unwrap_or("").trim();
        let field = FieldKw::from_word(key);
        let value = kind.zip(field).and_then(|(k, f)| schema::block(k).value_of(f));
        for group in value.map(|v| v.word_groups().collect::<Vec<_>>()).unwrap_or_default() {
            for (zh, en) in crate::keywords::value_words(group) {
                items.push(json!({ "label": zh, "kind": 12, "detail": en }));
            }
        }
        if value == Some(ValueKind::Duration) {
            for unit in ["工作日", "自然日"] {
                items.push(json!({ "label": format!("5 {unit}"), "kind": 12, "insertText": format!("5 {unit}") }));
            }
        }
        if matches!(value, Some(ValueKind::Names | ValueKind::Chains)) {
            let wanted = field.map(named_kinds).unwrap_or(&[]);
            let mut seen = Vec::new();
            for (index, other) in loaded.workspace.files.iter().enumerate() {
                if other.kind != crate::workspace::FileKind::Rules {
                    continue;
                }
                let (other_tree, _) = if index == f {
                    (tree.clone(), Vec::new())
                } else {
                    crate::syntax::parse(FileId(0), &other.text)
                };
                let scope_block = if index == f {
                    top_block(&tree.blocks, offset)
                } else {
                    None
                };
                declared_names(&other_tree.blocks, scope_block, wanted, &mut seen);
            }
            for (name, keyword) in seen {
                items.push(json!({ "label": name, "kind": 18, "detail": keyword }));
            }
        }
        return Value::Array(items);
    }
    let (fields, nested): (Vec<FieldKw>, &[BlockKw]) = match kind {
        Some(kind) if enclosing.is_some() => {
            let spec = schema::block(kind);
            (spec.field_kws().collect(), spec.nested)
        }
        _ => (Vec::new(), TOP_LEVEL),
    };
    for field in fields {
        for word in [field.zh(), field.en()] {
            let colon = if word.is_ascii() { ": " } else { "：" };
            items.push(json!({ "label": word, "kind": 5, "insertText": format!("{word}{colon}") }));
        }
    }
    for kw in nested {
        for word in [kw.zh(), kw.en()] {
            items.push(json!({ "label": word, "kind": 14, "insertText": format!("{word} ") }));
        }
    }
    if enclosing.is_some() {
        for word in ["当", "when"] {
            items.push(json!({ "label": word, "kind": 14, "insertText": format!("{word} ") }));
        }
    }
    Value::Array(items)
}

/// The entry the cursor at `offset` stands in, up to the cursor: the part of
/// its line after the last `；` or `{` (a new entry starts there).
fn entry_before(text: &str, offset: usize) -> &str {
    let line_start = text.get(..offset).and_then(|t| t.rfind('\n')).map_or(0, |at| at + 1);
    let before = text.get(line_start..offset).unwrap_or("");
    before
        .rsplit(['；', ';', '{', '｛'])
        .next()
        .unwrap_or(before)
        .trim_start()
}

/// Whether an entry is a condition: it starts with `当` (or `when` …).
fn in_condition(entry: &str) -> bool {
    let first_word = entry.split_whitespace().next().unwrap_or("");
    crate::keywords::CondKw::from_word(first_word) == Some(crate::keywords::CondKw::When)
}

/// The values a situation lists in its `取值`.
fn situation_values(situation: &Block) -> Vec<String> {
    let Some(body) = &situation.body else { return Vec::new() };
    body.entries
        .iter()
        .filter_map(|entry| match entry {
            Entry::Field(field) if FieldKw::from_word(&field.key.text) == Some(FieldKw::Values) => Some(field),
            _ => None,
        })
        .flat_map(|field| field.value.items.iter())
        .filter_map(|item| match item {
            crate::syntax::tree::ValueItem::Atom(crate::syntax::tree::Atom::Name(name)) => Some(name.text.clone()),
            _ => None,
        })
        .collect()
}

/// The kinds of declaration a field of names refers to.
fn named_kinds(field: FieldKw) -> &'static [BlockKw] {
    use FieldKw as F;
    match field {
        F::ImplementedBy | F::Department | F::Lead | F::IssuedBy | F::Members | F::OptionalMembers => {
            &[BlockKw::Department]
        }
        F::Zone => &[BlockKw::Zone],
        F::Requires | F::Provides => &[BlockKw::Material],
        F::Produces => &[BlockKw::Result, BlockKw::Material],
        F::Delivers => &[BlockKw::Result],
        F::After => &[BlockKw::Step, BlockKw::Item],
        F::Items | F::Order => &[BlockKw::Item],
        F::Group => &[BlockKw::ReviewGroup],
        _ => &[],
    }
}

/// The innermost block whose body holds `offset`.
fn innermost(blocks: &[Block], offset: usize) -> Option<&Block> {
    let holds = |block: &&Block| {
        block
            .body
            .as_ref()
            .is_some_and(|body| (body.span.start as usize) < offset && offset <= body.span.end as usize)
    };
    let mut found = blocks.iter().find(holds)?;
    loop {
        let next = found.body.as_ref().and_then(|body| {
            body.entries
                .iter()
                .filter_map(|entry| match entry {
                    Entry::Block(inner) => Some(inner),
                    _ => None,
                })
                .find(holds)
        });
        match next {
            Some(inner) => found = inner,
            None => return Some(found),
        }
    }
}

/// The top-level block holding `offset`.
fn top_block(blocks: &[Block], offset: usize) -> Option<&Block> {
    blocks
        .iter()
        .find(|b| (b.span.start as usize) <= offset && offset <= b.span.end as usize)
}

/// Names declared at the top level (and inside `scope`) of the `wanted` kinds.
fn declared_names(blocks: &[Block], scope: Option<&Block>, wanted: &[BlockKw], out: &mut Vec<(String, String)>) {
    let mut push = |block: &Block| {
        if let (Some(name), Some(kind)) = (&block.name, BlockKw::from_word(&block.keyword.text))
            && (wanted.is_empty() || wanted.contains(&kind))
            && !out.iter().any(|(n, _)| *n == name.text)
        {
            out.push((name.text.clone(), block.keyword.text.clone()));
        }
    };
    for block in blocks {
        push(block);
    }
    if let Some(body) = scope.and_then(|s| s.body.as_ref()) {
        for entry in &body.entries {
            if let Entry::Block(inner) = entry {
                push(inner);
            }
        }
    }
}

// ---------------------------------------------------------------- signature help

/// What may be written where the cursor stands, for a duration or a
/// condition: the shape, as signature help shows it.
pub fn signature_help(loaded: &Loaded, f: usize, offset: usize) -> Value {
    let Some(file) = loaded.workspace.files.get(super::file_id(f)) else {
        return Value::Null;
    };
    let text = &file.text;
    let entry = entry_before(text, offset);
    let (label, doc) = if in_condition(entry) {
        (
            "当 情形 = 取值 且 数值情形 ≥ 数 或 非 是否情形",
            Msg::ConditionShape.line(),
        )
    } else {
        let (tree, _) = crate::syntax::parse(FileId(0), text);
        let kind = innermost(&tree.blocks, offset).and_then(|b| BlockKw::from_word(&b.keyword.text));
        let field = entry
            .find(['：', ':'])
            .and_then(|colon| FieldKw::from_word(entry.get(..colon).unwrap_or("").trim()));
        match kind.zip(field).and_then(|(k, f)| schema::block(k).value_of(f)) {
            Some(ValueKind::Duration) => ("N 工作日 | N 自然日 | 当场", Msg::DurationShape.line()),
            _ => return Value::Null,
        }
    };
    json!({
        "signatures": [{ "label": label, "documentation": doc }],
        "activeSignature": 0,
    })
}

// ---------------------------------------------------------------- code actions

/// Code actions for the findings of file `f` that overlap `[start, end]`:
/// the did-you-mean replacement, `天`/`日` → `工作日` or `自然日`, and a
/// missing field or legal limit added as a template line.
pub fn code_actions(loaded: &Loaded, f: usize, start: usize, end: usize, uri: &str, encoding: Encoding) -> Value {
    let Some(file) = loaded.workspace.files.get(super::file_id(f)) else {
        return Value::Null;
    };
    let text = &file.text;
    let lines = Lines::of(file);
    let mut actions = Vec::new();
    for diagnostic in loaded
        .diagnostics
        .iter()
        .filter(|d| d.location().is_some_and(|l| l.file.0 as usize == f))
    {
        let Some(location) = diagnostic.location() else {
            continue;
        };
        let (s, e) = (location.span.start as usize, location.span.end as usize);
        if e < start || s > end {
            continue;
        }
        let mut edit = |title: String, at: (usize, usize), new_text: String| {
            actions.push(json!({
                "title": title,
                "kind": "quickfix",
                "diagnostics": [{ "code": diagnostic.code.as_str(), "range": lines.range(text, s, e, encoding) }],
                "edit": { "changes": { uri: [{ "range": lines.range(text, at.0, at.1, encoding), "newText": new_text }] } },
            }));
        };
        if let Some(suggestion) = &diagnostic.suggestion {
            edit(Msg::ReplaceWith { text: suggestion }.line(), (s, e), suggestion.clone());
        }
        if diagnostic.code == Code::E0103 {
            let written = text.get(s..e).unwrap_or("");
            let bare = written.trim_end_matches('内');
            let ambiguous = ["个月", "天", "日"]
                .iter()
                .find(|unit| bare.ends_with(**unit) && !bare.ends_with("工作日") && !bare.ends_with("自然日"));
            if let Some(unit) = ambiguous.filter(|u| **u != "个月") {
                let amount = bare.trim_end_matches(unit).trim_end_matches('个').trim();
                for (zh, working) in [("工作日", true), ("自然日", false)] {
                    edit(
                        Msg::CountIn { amount, working }.line(),
                        (s, e),
                        format!("{amount} {zh}"),
                    );
                }
            }
        }
        if let Some(line) = missing_line(diagnostic) {
            // Add the line after the line of the block's head, one level deeper.
            let head_end = text.get(s..).and_then(|t| t.find('\n')).map_or(text.len(), |at| s + at);
            let head_start = text.get(..s).and_then(|t| t.rfind('\n')).map_or(0, |at| at + 1);
            let indent: String = text
                .get(head_start..s)
                .unwrap_or("")
                .chars()
                .take_while(|c| *c == ' ')
                .collect();
            edit(
                Msg::AddLine { line: &line }.line(),
                (head_end, head_end),
                format!("\n{indent}  {line}"),
            );
        }
    }
    Value::Array(actions)
}

/// The template line that adds what a finding says is missing.
fn missing_line(diagnostic: &Diagnostic) -> Option<String> {
    match diagnostic.code {
        Code::E0402 => Some("法定时限：20 工作日".to_string()),
        Code::E0104 => diagnostic
            .args
            .iter()
            .find(|(key, _)| *key == "example")
            .map(|(_, value)| value.zh.clone())
            .filter(|example| example.contains(['：', ':']) && !example.contains('{')),
        _ => None,
    }
}

// ---------------------------------------------------------------- rename

/// The edits that rename every occurrence of the name at the cursor, with
/// quotes where the new name needs them.
pub fn rename(index: &super::names::Index<'_>, f: usize, offset: usize, new_name: &str, encoding: Encoding) -> Value {
    let new_name = new_name.trim();
    if new_name.is_empty() {
        return Value::Null;
    }
    let written = crate::syntax::written_name(new_name);
    let mut changes = serde_json::Map::new();
    for (uri, range) in index.all_occurrences(f, offset, encoding) {
        let list = changes.entry(uri).or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(list) = list {
            list.push(json!({ "range": range, "newText": written }));
        }
    }
    if changes.is_empty() {
        return Value::Null;
    }
    json!({ "changes": changes })
}
