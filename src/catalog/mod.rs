//! Service catalogs (实施清单): each region's list of the items its windows
//! offer, in YAML or JSON, checked against the rules, which are the standard.
//!
//! A catalog file holds one or more YAML documents (`---`), or one JSON object
//! or an array of them ([`json`]), each a region with its implementing bodies
//! and entries ([`model`]). Files are read in
//! parallel; each file is parsed, checked entry by entry against facts
//! computed once per item ([`checks`]), and dropped, so no second copy of a
//! province's catalogs is ever held. Only the implementation codes are kept
//! across files, to find duplicates.

pub mod checks;
pub mod json;
pub mod model;

use crate::diagnostics::{Code, Diagnostic, FileId, Span, Tr};
use crate::source::{FileKind, SourceFile, SourceStore};
use crate::syntax::line_index::LineIndex;
use serde_saphyr::Location;

/// Extensions of catalog files.
pub const EXTENSIONS: &[&str] = &["yaml", "yml", "json"];

/// Whether `path` names a JSON catalog (read with [`json`]; others are YAML).
pub fn is_json(path: &str) -> bool {
    std::path::Path::new(path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// The byte span of a value, for diagnostics.
pub fn span_of<T>(value: &model::At<T>, file: &SourceFile) -> Span {
    match &value.at {
        model::Where::Yaml(location) => location_span(location, file),
        model::Where::Bytes(span) => *span,
    }
}

/// The byte span a serde-saphyr location stands for; a location without byte
/// information covers the character at its line and column.
pub fn location_span(location: &Location, file: &SourceFile) -> Span {
    let span = location.span();
    if let (Some(start), Some(len)) = (span.byte_offset(), span.byte_len()) {
        let start = usize::try_from(start).unwrap_or(usize::MAX).min(file.text.len());
        let end = start
            .saturating_add(usize::try_from(len).unwrap_or(0))
            .min(file.text.len());
        return Span::new(start, end.max(start));
    }
    line_column_span(&file.line_index, &file.text, location.line(), location.column())
}

fn line_column_span(index: &LineIndex, text: &str, line: u64, column: u64) -> Span {
    let (start, end) = index.line_range(text, usize::try_from(line).unwrap_or(1).max(1));
    let line_text = text.get(start..end).unwrap_or("");
    let skip = usize::try_from(column).unwrap_or(1).saturating_sub(1);
    let at = line_text.char_indices().nth(skip).map_or(end, |(i, _)| start + i);
    let next = text
        .get(at..)
        .and_then(|rest| rest.chars().next())
        .map_or(0, char::len_utf8);
    Span::new(at, at + next)
}

/// Reads the documents of one catalog file, reporting what keeps it from
/// being read (E1401–E1405) at the exact line.
pub fn parse(file_id: FileId, file: &SourceFile, out: &mut Vec<Diagnostic>) -> Vec<model::CatalogDoc> {
    if file.text.trim().is_empty()
        || file
            .text
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        out.push(Diagnostic::new(Code::E1405, file_id, Span::new(0, 0)).arg("path", file.path.as_str()));
        return Vec::new();
    }
    if is_json(&file.path) {
        return parse_json(file_id, file, out);
    }
    let options = serde_saphyr::options! {
        strict_booleans: true,
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::Error,
    };
    match serde_saphyr::from_multiple_with_options::<model::CatalogDoc>(&file.text, options) {
        Ok(docs) => {
            if docs.is_empty() {
                out.push(Diagnostic::new(Code::E1405, file_id, Span::new(0, 0)).arg("path", file.path.as_str()));
            }
            docs
        }
        Err(error) => {
            out.push(read_error(file_id, file, &error));
            Vec::new()
        }
    }
}

/// Reads a JSON catalog: one object, or an array of objects (one per region).
fn parse_json(file_id: FileId, file: &SourceFile, out: &mut Vec<Diagnostic>) -> Vec<model::CatalogDoc> {
    let docs = if json::is_array(&file.text) {
        json::from_str::<Vec<model::CatalogDoc>>(&file.text)
    } else {
        json::from_str::<model::CatalogDoc>(&file.text).map(|doc| vec![doc])
    };
    match docs {
        Ok(docs) => {
            if docs.is_empty() {
                out.push(Diagnostic::new(Code::E1405, file_id, Span::new(0, 0)).arg("path", file.path.as_str()));
            }
            docs
        }
        Err(error) => {
            out.push(json_error(file_id, file, error));
            Vec::new()
        }
    }
}

/// A JSON reading error as a diagnostic: the same codes as for YAML.
fn json_error(file_id: FileId, file: &SourceFile, error: json::Error) -> Diagnostic {
    use json::ErrorKind as K;
    let span = error.span.unwrap_or(Span::new(0, 0));
    match error.kind {
        K::Syntax(syntax) => {
            // The syntax errors are a closed set (`json::Syntax`), each
            // with its templates in E1401's line of the code table.
            Diagnostic::new(Code::E1401, file_id, span)
                .detail(syntax.detail_key(), &[])
                .arg("fix", Code::E1401.text(syntax.fix_key(), &[]))
        }
        K::UnknownField { field, expected } => unknown_key(file_id, span, &field, expected),
        K::MissingField(field) => missing_key(file_id, span, field),
        K::DuplicateField(field) => {
            let key = file.text.get(span.start as usize..span.end as usize).unwrap_or(field);
            duplicate_key(file_id, span, key).arg("fix", Code::E1401.text("json_duplicate_fix", &[]))
        }
        K::Invalid { key, args } => Diagnostic::new(Code::E1403, file_id, span).detail(key, &args),
        // A message of serde's, in English: shown as it is.
        K::Other(message) => Diagnostic::new(Code::E1401, file_id, span)
            .detail("reader", &[("message", Tr::same(message))])
            .arg("fix", Code::E1401.text("value_fix", &[])),
    }
}

/// E1402: a key the mapping does not have, with the keys it has and the
/// nearest one in the language the user wrote.
fn unknown_key(file_id: FileId, span: Span, field: &str, expected: &[&str]) -> Diagnostic {
    // The keys of this mapping in English with their Chinese names.
    let mapping = model::mapping_of(expected);
    let keys: Vec<(&str, &[&str])> = model::KEYS
        .iter()
        // `$schema` is for editors: never suggested.
        .filter(|(m, en, _)| Some(*m) == mapping && !en.starts_with('$'))
        .map(|(_, en, zh)| (*en, *zh))
        .collect();
    // In Chinese each key with its Chinese name; in English the key alone.
    let allowed_zh: Vec<String> = keys
        .iter()
        .map(|(en, zh)| match zh.first() {
            Some(first) => format!("{en}（{first}）"),
            None => (*en).to_string(),
        })
        .collect();
    let allowed_en: Vec<&str> = keys.iter().map(|(en, _)| *en).collect();
    let candidates = keys
        .iter()
        .flat_map(|(en, zh)| std::iter::once(*en).chain(zh.iter().copied()));
    // Suggest a key in the language the user wrote.
    let chinese = !field.is_ascii();
    let suggestion = crate::suggest::closest(field, candidates).map(|s| {
        match keys.iter().find(|(en, zh)| *en == s || zh.contains(&s)) {
            Some((_, zh)) if chinese && zh.contains(&s) => s.to_string(),
            Some((_, zh)) if chinese => zh.first().copied().unwrap_or(s).to_string(),
            Some((en, _)) if !chinese => (*en).to_string(),
            _ => s.to_string(),
        }
    });
    Diagnostic::new(Code::E1402, file_id, span)
        .arg("key", field)
        .arg("allowed", Tr::new(allowed_zh.join("、"), allowed_en.join(", ")))
        .suggest(suggestion)
}

/// E1404: a required key that is missing.
/// E1401 for a key written twice in one mapping, in YAML or JSON (the fix
/// differs by format).
fn duplicate_key(file_id: FileId, span: Span, key: &str) -> Diagnostic {
    Diagnostic::new(Code::E1401, file_id, span).detail("duplicate_key", &[("key", Tr::same(key))])
}

fn missing_key(file_id: FileId, span: Span, field: &str) -> Diagnostic {
    let zh = model::KEYS
        .iter()
        .find(|(_, en, _)| *en == field)
        .and_then(|(_, _, zh)| zh.first().copied())
        .unwrap_or(field);
    Diagnostic::new(Code::E1404, file_id, span).arg("key", Tr::new(format!("{field}（{zh}）"), field.to_string()))
}

/// What to do about a YAML file that cannot be read (E1401).
fn yaml_fix() -> Tr {
    Code::E1401.text("yaml_fix", &[])
}

/// A serde-saphyr error as a diagnostic in the user's terms.
fn read_error(file_id: FileId, file: &SourceFile, error: &serde_saphyr::Error) -> Diagnostic {
    use serde_saphyr::Error as E;
    let error = error.without_snippet();
    let span = error
        .location()
        .map(|l| location_span(&l, file))
        .unwrap_or(Span::new(0, 0));
    match error {
        E::SerdeUnknownField { field, expected, .. } => {
            // serde-saphyr points at the key; widen to the key text.
            let span = widen_to_key(file, span, field);
            unknown_key(file_id, span, field, expected)
        }
        E::SerdeMissingField { field, .. } => missing_key(file_id, span, field),
        E::DuplicateMappingKey { key, .. } => {
            let key = key.clone().unwrap_or_default();
            let span = widen_to_key(file, span, &key);
            duplicate_key(file_id, span, &key).arg("fix", yaml_fix())
        }
        E::InvalidBooleanStrict { .. } => Diagnostic::new(Code::E1403, file_id, span).detail("not_boolean", &[]),
        E::SerdeInvalidType { .. }
        | E::SerdeInvalidValue { .. }
        | E::SerdeInvalidLength { .. }
        | E::SerdeUnknownVariant { .. }
        | E::InvalidScalar { .. }
        | E::NullIntoString { .. } => {
            // serde-saphyr's message, in English: shown as it is.
            let message = first_line(&error.render());
            Diagnostic::new(Code::E1403, file_id, span).detail("reader", &[("message", Tr::same(message))])
        }
        _ => {
            let message = first_line(&error.render());
            Diagnostic::new(Code::E1401, file_id, span)
                .detail("reader", &[("message", Tr::same(message))])
                .arg("fix", yaml_fix())
        }
    }
}

/// The message of a rendered error without its location suffix.
fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    match line.rfind(" at line ") {
        Some(at) => line.get(..at).unwrap_or(line).to_string(),
        None => line.to_string(),
    }
}

/// Widens a span that starts at (or on the line of) `key` to the key's text.
fn widen_to_key(file: &SourceFile, span: Span, key: &str) -> Span {
    if key.is_empty() {
        return span;
    }
    let start = span.start as usize;
    let line = file.line_index.position(&file.text, start).line;
    let (line_start, line_end) = file.line_index.line_range(&file.text, line);
    match file.text.get(line_start..line_end).and_then(|l| l.find(key)) {
        Some(at) => Span::new(line_start + at, line_start + at + key.len()),
        None => span,
    }
}

/// What checking one catalog file gives: its diagnostics and its
/// implementation codes with their spans.
type FileChecked = (FileId, Vec<Diagnostic>, Vec<(String, Span)>);

/// Checks every catalog among `files` against the rules compiled from them
/// (`ir`, `analyses`), files in parallel, and the implementation codes across
/// all of them (E1409). `promises_may_only_shrink` is the manifest's setting.
pub fn check(
    files: &SourceStore,
    promises_may_only_shrink: bool,
    ir: &crate::ir::Ir,
    analyses: &crate::analysis::Analyses,
    out: &mut Vec<Diagnostic>,
) {
    let catalogs: Vec<(FileId, &SourceFile)> = files.with_ids().filter(|(_, f)| f.kind == FileKind::Catalog).collect();
    if catalogs.is_empty() {
        return;
    }
    let standard = checks::Standard::new(ir, analyses, files, promises_may_only_shrink);
    let one = |(id, file): &(FileId, &SourceFile)| {
        let mut diagnostics = Vec::new();
        if let Some(at) = file.invalid_utf8_at {
            let end = (at + '\u{FFFD}'.len_utf8()).min(file.text.len());
            diagnostics.push(Diagnostic::new(Code::E0002, *id, Span::new(at, end)));
            return (*id, diagnostics, Vec::new());
        }
        let docs = parse(*id, file, &mut diagnostics);
        let codes = checks::check_file(&standard, *id, file, &docs, &mut diagnostics);
        (*id, diagnostics, codes)
    };
    // Largest first, one at a time from a shared counter, so a large county
    // file does not leave the other thread idle; results in file order.
    let results: Vec<FileChecked> = crate::parallel::map_weighted(&catalogs, |(_, file)| file.text.len(), one);
    let mut seen: std::collections::HashMap<String, (FileId, Span)> = std::collections::HashMap::new();
    for (id, mut diagnostics, codes) in results {
        out.append(&mut diagnostics);
        for (code, span) in codes {
            match seen.get(&code) {
                Some((first_file, first_span)) => out.push(
                    Diagnostic::new(Code::E1409, id, span)
                        .arg("code", code.as_str())
                        .with_label("first", *first_file, *first_span, Vec::new()),
                ),
                None => {
                    seen.insert(code, (id, span));
                }
            }
        }
    }
}
