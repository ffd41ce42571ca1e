//! Lowering the generic syntax tree to the typed AST.
//!
//! Each declaration kind states which fields and nested declarations it
//! allows; a field's value is read by a typed getter that reports, in the
//! user's terms, what was expected (`expected a duration such as 5 工作日`).

use super::*;
use crate::diagnostics::{Code, Diagnostic, Phrase, Tr};
use crate::keywords::{BlockKw, FieldKw};
use crate::schema::{self, TOP_LEVEL};
use crate::suggest;
use crate::syntax::tree::{self, Atom, Block, Entry, Field, Name, Value, ValueItem};
use indexmap::IndexMap;

/// Lowers one file's syntax tree; diagnostics are appended to `diagnostics`.
pub fn lower(file: FileId, syntax: &tree::SyntaxFile, diagnostics: &mut Vec<Diagnostic>) -> FileAst {
    let mut cx = Cx { file, diagnostics };
    let mut decls = Vec::new();
    for block in &syntax.blocks {
        match cx.block_kind(block, TOP_LEVEL, || Tr::new("文件顶层", "at the top level")) {
            Some(BlockKw::Department) => decls.extend(cx.department(block).map(|d| Decl::Department(Box::new(d)))),
            Some(BlockKw::Zone) => decls.extend(cx.zone(block).map(|d| Decl::Zone(Box::new(d)))),
            Some(BlockKw::DataSource) => decls.extend(cx.data_source(block).map(|d| Decl::DataSource(Box::new(d)))),
            Some(BlockKw::Material) => decls.extend(cx.material(block, false).map(|d| Decl::Material(Box::new(d)))),
            Some(BlockKw::Item) => decls.extend(cx.item(block).map(|item| Decl::Item(Box::new(item)))),
            Some(BlockKw::Thing) => decls.extend(cx.thing(block).map(|thing| Decl::Thing(Box::new(thing)))),
            Some(BlockKw::ReviewGroup) => decls.extend(cx.review_group(block).map(|d| Decl::ReviewGroup(Box::new(d)))),
            Some(BlockKw::AcceptanceLevel) => {
                decls.extend(cx.acceptance_level(block).map(|d| Decl::AcceptanceLevel(Box::new(d))))
            }
            Some(BlockKw::Test) => decls.extend(cx.test(block).map(|test| Decl::Test(Box::new(test)))),
            _ => {}
        }
    }
    let broken = syntax
        .broken
        .iter()
        .filter_map(|b| b.name.as_ref().map(ident))
        .collect();
    FileAst { file, decls, broken }
}

fn ident(name: &Name) -> Ident {
    Ident {
        text: name.text.clone(),
        span: name.span,
    }
}

/// Whether `block` has `field` written in a form that could not be read: an
/// entry blanked by the parser's recovery, or the field without its colon.
pub fn written_but_unreadable(block: &Block, field: FieldKw) -> bool {
    let Some(body) = &block.body else { return false };
    body.broken
        .iter()
        .any(|key| FieldKw::from_word(&key.text) == Some(field))
        || body
            .entries
            .iter()
            .any(|entry| matches!(entry, Entry::Block(inner) if FieldKw::from_word(&inner.keyword.text) == Some(field)))
}

fn kind_name(kw: BlockKw) -> Tr {
    Tr::new(kw.zh(), kw.en())
}

/// Lists words as `甲、乙、丙` / `a, b, c`.
fn join(words: impl Iterator<Item = (&'static str, &'static str)>) -> Tr {
    let (zh, en): (Vec<_>, Vec<_>) = words.unzip();
    Tr::new(zh.join("、"), en.join(", "))
}

struct Cx<'d> {
    file: FileId,
    diagnostics: &'d mut Vec<Diagnostic>,
}

/// The fields, conditions and nested blocks of one block, checked against what
/// its kind allows.
struct Fields<'a> {
    fields: IndexMap<FieldKw, &'a Field, crate::keywords::KeywordHash>,
    /// Fields whose value is marked `待核实`.
    unconfirmed: List<Spanned<FieldKw>>,
    whens: Vec<&'a tree::When>,
    blocks: Vec<(BlockKw, &'a Block)>,
}

impl Cx<'_> {
    fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// The declaration keyword of `block`, if it is one of `allowed`.
    /// (`place` says where the block stands, made only for a message.)
    fn block_kind(&mut self, block: &Block, allowed: &[BlockKw], place: impl FnOnce() -> Tr) -> Option<BlockKw> {
        let kw = BlockKw::from_word(&block.keyword.text).filter(|kw| allowed.contains(kw));
        if kw.is_none() {
            let candidates: Vec<&str> = allowed.iter().flat_map(|kw| [kw.zh(), kw.en()]).collect();
            let mut diagnostic = Diagnostic::new(Code::E0101, self.file, block.keyword.span)
                .arg("word", block.keyword.text.as_str())
                .arg("place", place())
                .arg("allowed", join(allowed.iter().map(|kw| (kw.zh(), kw.en()))))
                .suggest(suggest::closest(&block.keyword.text, candidates.iter().copied()).map(str::to_string));
            if let Some(field) = FieldKw::from_word(&block.keyword.text) {
                diagnostic = diagnostic.note_from(
                    "field_without_colon",
                    &[
                        ("word", Tr::same(block.keyword.text.as_str())),
                        ("field", Tr::new(field.zh(), field.en())),
                    ],
                );
            } else if block.body.is_none() {
                diagnostic = diagnostic.note_from("part_of_a_value", &[]);
            }
            self.report(diagnostic);
        }
        kw
    }

    /// Checks the entries of `block` against the fields and nested kinds its
    /// kind allows, reporting unknown, misplaced and repeated ones.
    fn fields<'a>(&mut self, block: &'a Block, kind: BlockKw, when_allowed: bool) -> Fields<'a> {
        let spec = schema::block(kind);
        let allowed: Vec<FieldKw> = spec.field_kws().collect();
        let allowed = allowed.as_slice();
        let nested = spec.nested;
        let mut out = Fields {
            fields: IndexMap::default(),
            unconfirmed: List::new(),
            whens: Vec::new(),
            blocks: Vec::new(),
        };
        let Some(body) = &block.body else { return out };
        for entry in &body.entries {
            match entry {
                Entry::Field(field) => {
                    let kw = FieldKw::from_word(&field.key.text).filter(|kw| allowed.contains(kw));
                    let Some(kw) = kw else {
                        let candidates: Vec<&str> = allowed.iter().flat_map(|kw| [kw.zh(), kw.en()]).collect();
                        let mut diagnostic = Diagnostic::new(Code::E0102, self.file, field.key.span)
                            .arg("word", field.key.text.as_str())
                            .arg("block", kind_name(kind))
                            .arg("allowed", join(allowed.iter().map(|kw| (kw.zh(), kw.en()))))
                            .suggest(near_field(&field.key.text, &candidates));
                        if BlockKw::from_word(&field.key.text).is_some_and(|kw| nested.contains(&kw)) {
                            diagnostic = diagnostic
                                .note_from("declaration_with_colon", &[("word", Tr::same(field.key.text.as_str()))]);
                        }
                        self.report(diagnostic);
                        continue;
                    };
                    if let Some(first) = out.fields.get(&kw) {
                        let first_span = first.key.span;
                        self.report(
                            Diagnostic::new(Code::E0105, self.file, field.key.span)
                                .arg("field", field.key.text.as_str())
                                .with_label("first", self.file, first_span, Vec::new()),
                        );
                        continue;
                    }
                    if let Some(mark) = field.unconfirmed {
                        self.report(
                            Diagnostic::new(Code::W1303, self.file, field.value.span)
                                .arg("field", field.key.text.as_str())
                                .arg("block", kind_name(kind))
                                .with_label("mark", self.file, mark, Vec::new()),
                        );
                        out.unconfirmed.push(Spanned { value: kw, span: mark });
                    }
                    out.fields.insert(kw, field);
                }
                Entry::When(when) => {
                    if when_allowed && out.whens.is_empty() {
                        out.whens.push(when);
                    } else if when_allowed {
                        let first_span = out.whens.first().map(|w| w.keyword.span).unwrap_or(when.keyword.span);
                        self.report(
                            Diagnostic::new(Code::E0105, self.file, when.keyword.span)
                                .arg("field", when.keyword.text.as_str())
                                .with_label("first", self.file, first_span, Vec::new())
                                .note_from("join_conditions", &[]),
                        );
                    } else {
                        self.report(Diagnostic::new(Code::E0108, self.file, when.span).arg("block", kind_name(kind)));
                    }
                }
                Entry::Block(inner) => {
                    let place = || Code::E0101.text("in_block", &[("block", Tr::new(kind.zh(), kind.en()))]);
                    let is_nested_kind = BlockKw::from_word(&inner.keyword.text).is_some_and(|kw| nested.contains(&kw));
                    let is_field = FieldKw::from_word(&inner.keyword.text).is_some_and(|kw| allowed.contains(&kw));
                    if nested.is_empty() || (is_field && !is_nested_kind) {
                        // A field of this block written like a declaration is
                        // a field without its colon.
                        self.misplaced_block(inner, kind, allowed);
                        continue;
                    }
                    if let Some(inner_kind) = self.block_kind(inner, nested, place) {
                        out.blocks.push((inner_kind, inner));
                    }
                }
            }
        }
        out
    }

    /// A declaration where none may stand: a field missing its colon (E0001)
    /// when the word is a field of this block, else an unknown field (E0102).
    fn misplaced_block(&mut self, inner: &Block, kind: BlockKw, allowed: &[FieldKw]) {
        let candidates: Vec<&str> = allowed.iter().flat_map(|kw| [kw.zh(), kw.en()]).collect();
        let mut diagnostic = Diagnostic::new(Code::E0102, self.file, inner.keyword.span)
            .arg("word", inner.keyword.text.as_str())
            .arg("block", kind_name(kind))
            .arg("allowed", join(allowed.iter().map(|kw| (kw.zh(), kw.en()))))
            .suggest(near_field(&inner.keyword.text, &candidates));
        if FieldKw::from_word(&inner.keyword.text).is_some_and(|kw| allowed.contains(&kw)) {
            // Point where the colon is missing: at what follows the field name.
            let (span, found) = match &inner.name {
                Some(name) => {
                    let mut shown: String = name.text.chars().take(12).collect();
                    if name.text.chars().count() > 12 {
                        shown.push('…');
                    }
                    (name.span, Code::E0001.text("found", &[("text", Tr::same(shown))]))
                }
                None => (
                    inner.keyword.span,
                    Code::E0001.text("field", &[("field", Tr::same(inner.keyword.text.as_str()))]),
                ),
            };
            diagnostic = Diagnostic::new(Code::E0001, self.file, span)
                .arg("expected", Code::E0001.text("colon", &[]))
                .arg("found", found)
                .note_from("colon_after_field", &[("field", Tr::same(inner.keyword.text.as_str()))]);
        }
        self.report(diagnostic);
    }

    /// The block's name, or an E0106 diagnostic.
    fn name(&mut self, block: &Block, kind: BlockKw) -> Option<Ident> {
        match &block.name {
            Some(name) if !name.text.trim().is_empty() => Some(ident(name)),
            _ => {
                let span = block.name.as_ref().map(|n| n.span).unwrap_or(block.keyword.span);
                let example = Code::E0106.text("declaration", &[("block", Tr::new(kind.zh(), kind.en()))]);
                self.report(
                    Diagnostic::new(Code::E0106, self.file, span)
                        .arg("block", kind_name(kind))
                        .arg("example", example),
                );
                None
            }
        }
    }

    fn missing(&mut self, block: &Block, kind: BlockKw, name: &Ident, field: FieldKw, example: &str) {
        if written_but_unreadable(block, field) {
            // The syntax error there is the finding; "missing" would be a second, wrong one.
            return;
        }
        let span = block.body.as_ref().map(|b| b.close).unwrap_or(name.span);
        let span = if block.body.is_some() { name.span } else { span };
        self.report(
            Diagnostic::new(Code::E0104, self.file, span)
                .arg("block", kind_name(kind))
                .arg("name", name.text.as_str())
                .arg("field", Tr::new(field.zh(), field.en()))
                .arg("example", example_tr(example)),
        );
    }

    // -------------------------------------------------------------- typed getters

    fn invalid(&mut self, field: &Field, expected: Tr, example: impl Example) {
        self.report(
            Diagnostic::new(Code::E0103, self.file, field.value.span)
                .arg("field", field.key.text.as_str())
                .arg("expected", expected)
                .arg("example", example.example())
                .arg("found", describe_value(&field.value)),
        );
    }

    /// The one atom of a field's value. `expected` makes the words of the
    /// message only when there is one to give (most fields are right).
    fn single<'a>(&mut self, field: &'a Field, expected: &dyn Fn() -> Tr, example: impl Example) -> Option<&'a Atom> {
        match field.value.items.as_slice() {
            [ValueItem::Atom(atom)] => Some(atom),
            _ => {
                self.invalid(field, expected(), example);
                None
            }
        }
    }

    fn text(&mut self, f: &Fields<'_>, kw: FieldKw) -> Option<Text> {
        let field = *f.fields.get(&kw)?;
        let expected = || Code::E0103.text("a_text", &[]);
        let atom = self.single(field, &expected, "\"《中华人民共和国行政许可法》第三十二条\"")?;
        self.warn_unquoted(field, kw, atom);
        match atom {
            Atom::Name(name) => Some(Spanned {
                value: TextValue(name.text.clone()),
                span: name.span,
            }),
            Atom::Number(number) => Some(Spanned {
                value: TextValue(number.text.clone()),
                span: number.span,
            }),
            _ => {
                self.invalid(field, expected(), "\"……\"");
                None
            }
        }
    }

    fn texts(&mut self, f: &Fields<'_>, kw: FieldKw) -> List<Text> {
        let Some(field) = f.fields.get(&kw).copied() else {
            return List::new();
        };
        if field.value.items.len() > 1
            && field
                .value
                .items
                .iter()
                .any(|item| matches!(item, ValueItem::Atom(Atom::Name(name)) if !name.quoted))
        {
            // `受理条件：申请人是企业，场所符合要求` reads as two texts split at
            // the comma, which is rarely what was meant: ask for quotes.
            // Read as the one text it most likely is, so that the field still
            // counts as written (no cascade of "missing" findings).
            let joined = self.unquoted_text(field);
            return thin_vec::thin_vec![Spanned {
                value: TextValue(joined),
                span: field.value.span,
            }];
        }
        if let [ValueItem::Atom(atom)] = field.value.items.as_slice() {
            self.warn_unquoted(field, kw, atom);
        }
        let mut out = List::with_capacity(field.value.items.len());
        for item in &field.value.items {
            match item {
                ValueItem::Atom(Atom::Name(name)) => out.push(Spanned {
                    value: TextValue(name.text.clone()),
                    span: name.span,
                }),
                _ => {
                    self.invalid(field, Code::E0103.text("texts", &[]), "\"……\"，\"……\"");
                    return out;
                }
            }
        }
        out
    }

    /// W0110: a text for people written without quotes. It reads as meant
    /// (one word or number), but the rule is simple: texts go in quotes.
    fn warn_unquoted(&mut self, field: &Field, kw: FieldKw, atom: &Atom) {
        let text = match atom {
            Atom::Name(name) if !name.quoted => &name.text,
            Atom::Number(number) => &number.text,
            _ => return,
        };
        if kw.takes_text() {
            self.report(
                Diagnostic::new(Code::W0110, self.file, atom.span())
                    .arg("field", field.key.text.as_str())
                    .note_from(
                        "write_in_quotes",
                        &[
                            ("field", Tr::same(field.key.text.as_str())),
                            ("text", Tr::same(text.as_str())),
                        ],
                    ),
            );
        }
    }

    /// A text field written without quotes where quotes decide what it
    /// means: reports it and returns the one text it most likely is.
    fn unquoted_text(&mut self, field: &Field) -> String {
        let joined = names_of(&field.value).join("，");
        self.report(
            Diagnostic::new(Code::E0103, self.file, field.value.span)
                .arg("field", field.key.text.as_str())
                .arg("expected", Code::E0103.text("text_in_quotes", &[]))
                .arg("example", format!("{}：\"{joined}\"", field.key.text))
                .arg("found", describe_value(&field.value))
                .note_from(
                    "quote_texts",
                    &[
                        ("field", Tr::same(field.key.text.as_str())),
                        ("text", Tr::same(joined.as_str())),
                    ],
                ),
        );
        joined
    }

    fn reference(&mut self, f: &Fields<'_>, kw: FieldKw, what: Tr, example: &str) -> Option<Ident> {
        let field = *f.fields.get(&kw)?;
        let expected = || Code::E0103.text("name_of", &[("kind", what.clone())]);
        match self.single(field, &expected, example)? {
            Atom::Name(name) => Some(ident(name)),
            _ => {
                self.invalid(field, expected(), example);
                None
            }
        }
    }

    fn references(&mut self, f: &Fields<'_>, kw: FieldKw, what: Tr, example: &str) -> Option<List<Ident>> {
        let field = *f.fields.get(&kw)?;
        let mut out = List::with_capacity(field.value.items.len());
        for item in &field.value.items {
            match item {
                ValueItem::Atom(Atom::Name(name)) => out.push(ident(name)),
                _ => {
                    let expected = Code::E0103.text("names_of", &[("kind", what.clone())]);
                    self.invalid(field, expected, example);
                    return Some(out);
                }
            }
        }
        Some(out)
    }

    fn chains(&mut self, f: &Fields<'_>, kw: FieldKw) -> List<Vec<Ident>> {
        let Some(field) = f.fields.get(&kw).copied() else {
            return List::new();
        };
        let mut out = List::with_capacity(field.value.items.len());
        for item in &field.value.items {
            let names: Option<Vec<Ident>> = match item {
                ValueItem::Chain(atoms, _) => atoms
                    .iter()
                    .map(|atom| match atom {
                        Atom::Name(name) => Some(ident(name)),
                        _ => None,
                    })
                    .collect(),
                ValueItem::Atom(_) => None,
            };
            match names {
                Some(names) => out.push(names),
                None => {
                    self.invalid(field, Code::E0103.text("chain", &[]), "营业执照信息核验 → 食品经营许可");
                    return out;
                }
            }
        }
        out
    }

    fn duration(&mut self, f: &Fields<'_>, kw: FieldKw) -> Option<Spanned<Duration>> {
        let field = *f.fields.get(&kw)?;
        let expected = || Code::E0103.text("a_duration", &[]);
        let example = || Code::E0103.text("duration_example", &[]);
        let atom = self.single(field, &expected, example)?;
        self.duration_atom(field, atom)
    }

    /// One atom of `field` read as a duration.
    fn duration_atom(&mut self, field: &Field, atom: &Atom) -> Option<Spanned<Duration>> {
        let expected = || Code::E0103.text("a_duration", &[]);
        let example = || Code::E0103.text("duration_example", &[]);
        if let Atom::Duration(number, _) = atom
            && !number.value.is_finite()
        {
            self.unreadable_numeral(field, number);
            return None;
        }
        let value = match atom {
            Atom::Duration(number, unit) if duration::unit(&unit.text, duration::RULES).is_none() => {
                // 天, 日, 个月, 周, 小时: not a unit of the language.
                let word = unit.text.trim_end_matches('内');
                let amount = crate::ast::fmt_number(number.value);
                let args = [("word", Tr::same(word)), ("amount", Tr::new(amount.clone(), amount))];
                let note = if duration::is_day_word(word) {
                    Code::E0103.text("ambiguous_day", &args)
                } else {
                    Code::E0103.text("other_unit", &args)
                };
                self.report(
                    Diagnostic::new(Code::E0103, self.file, field.value.span)
                        .arg("field", field.key.text.as_str())
                        .arg("expected", expected())
                        .arg("example", example())
                        .arg("found", describe_value(&field.value))
                        .note(note),
                );
                return None;
            }
            Atom::Duration(number, unit) => {
                let unit_kind = duration::unit(&unit.text, duration::RULES).unwrap_or(DurationUnit::CalendarDays);
                if number.value == 0.0 {
                    Duration::ON_THE_SPOT
                } else {
                    Duration {
                        amount: number.value,
                        unit: unit_kind,
                    }
                }
            }
            Atom::Name(name) if keywords::value_index("on-the-spot", &name.text).is_some() => Duration::ON_THE_SPOT,
            _ => {
                self.invalid(field, expected(), example);
                return None;
            }
        };
        Some(Spanned {
            value,
            span: atom.span(),
        })
    }

    fn count(&mut self, f: &Fields<'_>, kw: FieldKw, max: u32, example: &str) -> Option<Spanned<u32>> {
        let field = *f.fields.get(&kw)?;
        let expected = || Code::E0103.text("whole_number", &[("max", Tr::new(max.to_string(), max.to_string()))]);
        let atom = self.single(field, &expected, example)?;
        // `一份`, `2 次` and a bare `三` are counts too.
        let bare_numeral = match atom {
            Atom::Name(name) if !name.quoted => {
                crate::syntax::chinese_number_value(&name.text).map(|value| (f64::from(value), name.span))
            }
            _ => None,
        };
        let number = match atom {
            Atom::Number(number) | Atom::Count(number, _) => Some((number.value, atom.span())),
            _ => bare_numeral,
        };
        if let Atom::Count(number, _) = atom
            && !number.value.is_finite()
        {
            self.unreadable_numeral(field, number);
            return None;
        }
        match number {
            Some((value, span)) if value.fract() == 0.0 && value >= 0.0 && value <= f64::from(max) => Some(Spanned {
                value: value as u32,
                span,
            }),
            _ => {
                self.invalid(field, expected(), example);
                None
            }
        }
    }

    /// Chinese numerals that do not form a number (`十十`).
    fn unreadable_numeral(&mut self, field: &Field, number: &tree::Number) {
        self.report(
            Diagnostic::new(Code::E0103, self.file, number.span)
                .arg("field", field.key.text.as_str())
                .arg("expected", Code::E0103.text("a_number", &[]))
                .arg("example", Code::E0103.text("numeral_example", &[]))
                .arg("found", Phrase::Quoted.tr(&[("name", Tr::same(number.text.as_str()))]))
                .note_from("unreadable_numeral", &[]),
        );
    }

    fn word_of<T: Copy>(
        &mut self,
        field: &Field,
        atom: &Atom,
        group: &str,
        from_index: fn(usize) -> Option<T>,
        multiple: bool,
    ) -> Option<Spanned<T>> {
        let words = keywords::value_words(group);
        let found = match atom {
            Atom::Name(name) => keywords::value_index(group, &name.text)
                .and_then(from_index)
                .map(|value| Spanned { value, span: name.span }),
            _ => None,
        };
        if found.is_none() {
            let choices = join(words.iter().copied());
            let expected = if multiple {
                Code::E0103.text("one_or_more", &[("words", choices)])
            } else {
                Code::E0103.text("one_of", &[("words", choices)])
            };
            let example = words.first().map_or_else(Tr::empty, |w| Tr::new(w.0, w.1));
            let mut diagnostic = Diagnostic::new(Code::E0103, self.file, atom.span())
                .arg("field", field.key.text.as_str())
                .arg("expected", expected)
                .arg("example", example)
                .arg("found", describe_atom(atom));
            if let Atom::Name(name) = atom {
                let candidates = words.iter().flat_map(|(zh, en)| [*zh, *en]);
                diagnostic = diagnostic.suggest(suggest::closest(&name.text, candidates).map(str::to_string));
            }
            self.report(diagnostic);
        }
        found
    }

    fn one_of<T: Copy>(
        &mut self,
        f: &Fields<'_>,
        kw: FieldKw,
        group: &str,
        from_index: fn(usize) -> Option<T>,
    ) -> Option<Spanned<T>> {
        let field = *f.fields.get(&kw)?;
        let words = keywords::value_words(group);
        let expected = || Code::E0103.text("one_of", &[("words", join(words.iter().copied()))]);
        let example = words.first().map(|w| w.0).unwrap_or("");
        let atom = self.single(field, &expected, example)?;
        self.word_of(field, atom, group, from_index, false)
    }

    fn some_of<T: Copy>(
        &mut self,
        f: &Fields<'_>,
        kw: FieldKw,
        group: &str,
        from_index: fn(usize) -> Option<T>,
    ) -> List<Spanned<T>> {
        let Some(field) = f.fields.get(&kw).copied() else {
            return List::new();
        };
        let mut out = List::with_capacity(field.value.items.len());
        for item in &field.value.items {
            match item {
                ValueItem::Atom(atom) => out.extend(self.word_of(field, atom, group, from_index, true)),
                ValueItem::Chain(..) => {
                    let words = keywords::value_words(group);
                    let choices = join(words.iter().copied());
                    self.invalid(
                        field,
                        Code::E0103.text("one_or_more", &[("words", choices)]),
                        words.first().map(|w| w.0).unwrap_or(""),
                    );
                }
            }
        }
        out
    }

    fn yes_no(&mut self, f: &Fields<'_>, kw: FieldKw) -> Option<Spanned<bool>> {
        self.one_of(f, kw, "bool", |index| Some(index == 0))
    }

    fn when(&mut self, f: &Fields<'_>) -> Option<Condition> {
        f.whens.first().map(|when| when.condition.clone())
    }

    // -------------------------------------------------------------- declarations

    fn department(&mut self, block: &Block) -> Option<Department> {
        use FieldKw::*;
        let kind = BlockKw::Department;
        let f = self.fields(block, kind, false);
        let name = self.name(block, kind)?;
        Some(super::Department {
            full_name: self.text(&f, FullName),
            level: self.one_of(&f, Level, super::Level::GROUP, super::Level::from_index),
            phone: self.text(&f, Phone),
            description: self.text(&f, Description),
            unconfirmed: f.unconfirmed.clone(),
            name,
            span: block.span,
        })
    }

    fn zone(&mut self, block: &Block) -> Option<super::Zone> {
        use FieldKw::*;
        let kind = BlockKw::Zone;
        let f = self.fields(block, kind, false);
        let name = self.name(block, kind)?;
        Some(super::Zone {
            full_name: self.text(&f, FullName),
            description: self.text(&f, Description),
            address: self.text(&f, Address),
            hours: self.text(&f, Hours),
            phone: self.text(&f, Phone),
            complaint_phone: self.text(&f, ComplaintPhone),
            unconfirmed: f.unconfirmed.clone(),
            name,
            span: block.span,
        })
    }

    fn data_source(&mut self, block: &Block) -> Option<DataSource> {
        use FieldKw::*;
        let kind = BlockKw::DataSource;
        let f = self.fields(block, kind, false);
        let name = self.name(block, kind)?;
        let trust = self.one_of(&f, Trust, super::Trust::GROUP, super::Trust::from_index);
        if !f.fields.contains_key(&Trust) {
            self.missing(block, kind, &name, Trust, "可信等级：A");
        }
        Some(DataSource {
            trust,
            department: self.reference(&f, Department, kind_name(BlockKw::Department), "数据局"),
            provides: self
                .references(&f, Provides, kind_name(BlockKw::Material), "营业执照、居民身份证")
                .unwrap_or_default(),
            description: self.text(&f, Description),
            name,
            span: block.span,
        })
    }

    fn material(&mut self, block: &Block, in_item: bool) -> Option<Material> {
        use FieldKw::*;
        let kind = BlockKw::Material;
        let f = self.fields(block, kind, in_item);
        let name = self.name(block, kind)?;
        let when = self.when(&f).map(Box::new);
        Some(Material {
            source: self.one_of(&f, Source, super::Source::GROUP, super::Source::from_index),
            basis: self.texts(&f, Basis),
            spec: self.text(&f, Spec),
            form: self.some_of(&f, Form, super::Form::GROUP, super::Form::from_index),
            copy: self.copy_kind(&f),
            copies: self.count(&f, Copies, 99, "2"),
            issued_by: self.reference(&f, IssuedBy, kind_name(BlockKw::Department), "公安局"),
            necessity: self.one_of(&f, Necessity, super::Necessity::GROUP, super::Necessity::from_index),
            supply_deadline: self.duration(&f, SupplyDeadline),
            description: self.text(&f, Description),
            when,
            unconfirmed: f.unconfirmed.clone(),
            name,
            span: block.span,
        })
    }

    /// A material's `类型`: one of the ways of handing it over. Two words
    /// (`原件、复印件`) do not say which one is meant (E0109).
    fn copy_kind(&mut self, f: &Fields<'_>) -> Option<Spanned<CopyKind>> {
        let field = *f.fields.get(&FieldKw::Type)?;
        let kinds = self.some_of(f, FieldKw::Type, CopyKind::GROUP, CopyKind::from_index);
        match kinds.as_slice() {
            [] => None,
            [one] => Some(*one),
            [first, ..] => {
                let written = names_of(&field.value);
                self.report(
                    Diagnostic::new(Code::E0109, self.file, field.value.span).arg("written", written.join("、")),
                );
                // Read as the strictest, so later checks do not under-count visits.
                kinds.iter().copied().max_by_key(|k| k.value.burden()).or(Some(*first))
            }
        }
    }

    /// `否`/`不收费`/`免费` or the text of a fee standard.
    fn fee(&mut self, f: &Fields<'_>, kw: FieldKw) -> Option<Spanned<super::Fee>> {
        let field = *f.fields.get(&kw)?;
        let expected = || Code::E0103.text("a_fee", &[]);
        match self.single(field, &expected, "否")? {
            Atom::Name(name)
                if !name.quoted && matches!(name.text.as_str(), "否" | "不收费" | "免费" | "no" | "free") =>
            {
                Some(Spanned {
                    value: super::Fee::Free,
                    span: name.span,
                })
            }
            Atom::Name(name) if name.quoted => Some(Spanned {
                value: super::Fee::Charged(Spanned {
                    value: TextValue(name.text.clone()),
                    span: name.span,
                }),
                span: name.span,
            }),
            _ => {
                self.invalid(field, expected(), "否");
                None
            }
        }
    }

    fn item(&mut self, block: &Block) -> Option<Item> {
        use FieldKw::*;
        let kind = BlockKw::Item;
        let f = self.fields(block, kind, false);
        let name = self.name(block, kind)?;
        for (field, example) in [
            (Code, "基本编码：\"000130101000\""),
            (Type, "类型：行政许可"),
            (ImplementedBy, "实施部门：市场监管局"),
        ] {
            if !f.fields.contains_key(&field) {
                self.missing(block, kind, &name, field, example);
            }
        }
        let code = self.text(&f, Code);
        if let Some(code) = &code {
            let text = &code.value.0;
            let len = text.chars().count();
            if len != 12 || !text.chars().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase()) {
                self.report(
                    Diagnostic::new(crate::diagnostics::Code::E0107, self.file, code.span)
                        .arg("code", text.as_str())
                        .arg("len", len.to_string()),
                );
            }
        }
        let fee = self.fee(&f, Fee);
        let mut item = Item {
            code,
            item_type: self.one_of(&f, Type, ItemType::GROUP, ItemType::from_index),
            implemented_by: self.reference(&f, ImplementedBy, kind_name(BlockKw::Department), "市场监管局"),
            zone: self.reference(&f, Zone, kind_name(BlockKw::Zone), "商事登记区"),
            legal_basis: self.texts(&f, LegalBasis),
            levels: self.some_of(&f, Levels, super::Level::GROUP, super::Level::from_index),
            city_wide: self.some_of(&f, CityWide, super::Level::GROUP, super::Level::from_index),
            legal_limit: self.duration(&f, LegalLimit),
            legal_limit_invalid: false,
            promised_limit: self.duration(&f, PromisedLimit),
            serves: self.some_of(&f, Serves, ServiceObject::GROUP, ServiceObject::from_index),
            conditions: self.texts(&f, Conditions),
            approval_conditions: self.texts(&f, ApprovalConditions),
            implementation_basis: self.texts(&f, ImplementationBasis),
            fee,
            courier_fee: self.fee(&f, CourierFee),
            apply_by_post: self.yes_no(&f, ApplyByPost),
            fee_basis: self.text(&f, FeeBasis),
            address: self.text(&f, Address),
            hours: self.text(&f, Hours),
            phone: self.text(&f, Phone),
            complaint_phone: self.text(&f, ComplaintPhone),
            visits: self.count(&f, Visits, 99, "1"),
            online_depth: self.count(&f, OnlineDepth, 4, "4"),
            description: self.text(&f, Description),
            situations: List::new(),
            materials: List::new(),
            steps: List::new(),
            results: List::new(),
            intermediaries: List::new(),
            unconfirmed: f.unconfirmed.clone(),
            name,
            span: block.span,
        };
        item.legal_limit_invalid = f.fields.contains_key(&LegalLimit) && item.legal_limit.is_none();
        for (inner_kind, inner) in &f.blocks {
            match inner_kind {
                BlockKw::Situation => item.situations.extend(self.situation(inner)),
                BlockKw::Material => item.materials.extend(self.material(inner, true)),
                BlockKw::Step => item.steps.extend(self.step(inner)),
                BlockKw::Result => item.results.extend(self.result(inner)),
                BlockKw::IntermediaryService => item.intermediaries.extend(self.intermediary(inner)),
                _ => {}
            }
        }
        // All the items' ASTs are alive at once: no room to spare.
        item.situations.shrink_to_fit();
        item.materials.shrink_to_fit();
        item.steps.shrink_to_fit();
        item.results.shrink_to_fit();
        Some(item)
    }

    fn situation(&mut self, block: &Block) -> Option<Situation> {
        use FieldKw::*;
        let kind = BlockKw::Situation;
        let f = self.fields(block, kind, false);
        let name = self.name(block, kind)?;
        let declared = self.one_of(&f, Type, "situation-type", Some);
        let values = self.references(&f, Values, Tr::new("取值", "value"), "告知承诺、一般程序");
        let range = f
            .fields
            .get(&Range)
            .copied()
            .and_then(|field| match field.value.items.as_slice() {
                [ValueItem::Atom(Atom::Range(low, high, span))] if low.value <= high.value => Some(Spanned {
                    value: (low.value, high.value),
                    span: *span,
                }),
                _ => {
                    self.invalid(field, crate::diagnostics::Code::E0103.text("a_range", &[]), "0..10000");
                    None
                }
            });
        let unit = self.text(&f, Unit);
        let domain = match (declared.map(|d| d.value), values) {
            (Some(0) | None, Some(values)) => Domain::Enum(values),
            (Some(1), _) => Domain::Number {
                range,
                unit,
                integer: false,
            },
            (Some(2), _) => Domain::Bool,
            (Some(3), _) => Domain::Number {
                range,
                unit,
                integer: true,
            },
            (None, None) if range.is_some() => Domain::Number {
                range,
                unit,
                integer: false,
            },
            _ => {
                self.missing(block, kind, &name, Values, "取值：告知承诺、一般程序");
                Domain::Enum(List::new())
            }
        };
        Some(Situation {
            question: self.text(&f, Question),
            domain,
            name,
            span: block.span,
        })
    }

    fn step(&mut self, block: &Block) -> Option<Step> {
        use FieldKw::*;
        let kind = BlockKw::Step;
        let f = self.fields(block, kind, true);
        let name = self.name(block, kind)?;
        let step_type = self
            .one_of(&f, Type, StepType::GROUP, StepType::from_index)
            .or_else(|| {
                // `决定（一般程序）` is a decision step too: the bracket suffix names a variant.
                let base = name.text.split(['（', '(']).next().unwrap_or(&name.text).trim();
                keywords::value_index(StepType::GROUP, base)
                    .and_then(StepType::from_index)
                    .map(|value| Spanned { value, span: name.span })
            });
        let step_kind = kind_name(BlockKw::Step);
        let material = kind_name(BlockKw::Material);
        let when = self.when(&f).map(Box::new);
        Some(Step {
            step_type,
            department: self.reference(&f, Department, kind_name(BlockKw::Department), "市场监管局"),
            after: self.references(&f, After, step_kind, "受理"),
            duration: self.duration(&f, Duration),
            counts: self.yes_no(&f, CountsTowardLimit),
            special: self.one_of(&f, Special, super::Special::GROUP, super::Special::from_index),
            presence: self.one_of(&f, Presence, super::Place::GROUP, super::Place::from_index),
            requires: self
                .references(&f, Requires, material.clone(), "营业执照")
                .unwrap_or_default(),
            produces: self
                .references(
                    &f,
                    Produces,
                    Tr::new("结果或材料", "result or material"),
                    "食品经营许可证",
                )
                .unwrap_or_default(),
            delivers: self
                .references(&f, Delivers, kind_name(BlockKw::Result), "食品经营许可证")
                .unwrap_or_default(),
            description: self.text(&f, Description),
            when,
            unconfirmed: f.unconfirmed.clone(),
            name,
            span: block.span,
        })
    }

    fn result(&mut self, block: &Block) -> Option<ResultDecl> {
        use FieldKw::*;
        let kind = BlockKw::Result;
        let f = self.fields(block, kind, false);
        let name = self.name(block, kind)?;
        Some(ResultDecl {
            result_type: self.one_of(&f, Type, ResultType::GROUP, ResultType::from_index),
            delivery: self.some_of(&f, Delivery, super::Delivery::GROUP, super::Delivery::from_index),
            sample: self.text(&f, Sample),
            validity: self.text(&f, Validity),
            description: self.text(&f, Description),
            unconfirmed: f.unconfirmed.clone(),
            name,
            span: block.span,
        })
    }

    fn intermediary(&mut self, block: &Block) -> Option<Intermediary> {
        use FieldKw::*;
        let kind = BlockKw::IntermediaryService;
        let f = self.fields(block, kind, false);
        let name = self.name(block, kind)?;
        Some(Intermediary {
            fee: self.fee(&f, Fee),
            fee_basis: self.text(&f, FeeBasis),
            duration: self.duration(&f, Duration),
            basis: self.texts(&f, Basis),
            description: self.text(&f, Description),
            unconfirmed: f.unconfirmed.clone(),
            name,
            span: block.span,
        })
    }

    fn thing(&mut self, block: &Block) -> Option<Thing> {
        use FieldKw::*;
        let kind = BlockKw::Thing;
        let f = self.fields(block, kind, false);
        let name = self.name(block, kind)?;
        for (field, example) in [
            (Lead, "牵头部门：市场监管局"),
            (Items, "事项：食品经营许可、户外招牌设置"),
        ] {
            if !f.fields.contains_key(&field) {
                self.missing(block, kind, &name, field, example);
            }
        }
        let item_kind = kind_name(BlockKw::Item);
        let mut thing = Thing {
            lead: self.reference(&f, Lead, kind_name(BlockKw::Department), "市场监管局"),
            zone: self.reference(&f, Zone, kind_name(BlockKw::Zone), "联合办理区"),
            items: self
                .references(&f, Items, item_kind, "食品经营许可、户外招牌设置")
                .unwrap_or_default(),
            order: self.chains(&f, Order),
            promised_limit: self.duration(&f, PromisedLimit),
            visits: self.count(&f, Visits, 99, "1"),
            online_depth: self.count(&f, OnlineDepth, 4, "4"),
            description: self.text(&f, Description),
            joint_reviews: List::new(),
            situations: List::new(),
            optional_items: List::new(),
            name,
            span: block.span,
        };
        for (inner_kind, inner) in &f.blocks {
            match inner_kind {
                BlockKw::Situation => thing.situations.extend(self.situation(inner)),
                BlockKw::OptionalItem => thing.optional_items.extend(self.optional_item(inner)),
                _ => thing.joint_reviews.extend(self.joint_review(inner)),
            }
        }
        Some(thing)
    }

    fn optional_item(&mut self, block: &Block) -> Option<OptionalItem> {
        let kind = BlockKw::OptionalItem;
        let f = self.fields(block, kind, true);
        let name = self.name(block, kind)?;
        Some(OptionalItem {
            when: self.when(&f),
            description: self.text(&f, FieldKw::Description),
            name,
            span: block.span,
        })
    }

    fn test(&mut self, block: &Block) -> Option<TestDecl> {
        use FieldKw::*;
        let kind = BlockKw::Test;
        let f = self.fields(block, kind, true);
        let name = self.name(block, kind)?;
        let material = kind_name(BlockKw::Material);
        let brings = self.references(&f, Brings, material.clone(), "营业执照、食品安全管理制度");
        Some(TestDecl {
            item: self.reference(&f, Items, kind_name(BlockKw::Item), "食品经营许可（新办）"),
            thing: self.reference(&f, TestedThing, kind_name(BlockKw::Thing), "开办餐饮店"),
            when: self.when(&f),
            brings,
            includes: self
                .references(&f, Includes, material.clone(), "营业执照")
                .unwrap_or_default(),
            excludes: self.references(&f, Excludes, material, "营业执照").unwrap_or_default(),
            material_count: self.count(&f, MaterialCount, 999, "3"),
            visits: self.count(&f, Visits, 99, "1"),
            online_depth: self.count(&f, OnlineDepth, 4, "4"),
            critical_path: self.duration(&f, CriticalPath),
            on_the_spot: self.yes_no(&f, OnTheSpot),
            city_wide: self.city_wide_expectations(&f),
            description: self.text(&f, Description),
            name,
            span: block.span,
        })
    }

    /// `通办时长：乡镇 → 3 工作日 → 2 自然日，市 → 1 工作日`.
    fn city_wide_expectations(&mut self, f: &Fields<'_>) -> List<CityWideExpectation> {
        let Some(field) = f.fields.get(&FieldKw::CityWideDuration).copied() else {
            return List::new();
        };
        let example = "乡镇 → 3 工作日 → 2 自然日";
        let mut out = List::with_capacity(field.value.items.len());
        for item in &field.value.items {
            let ValueItem::Chain(atoms, span) = item else {
                self.invalid(field, Code::E0103.text("city_wide_duration", &[]), example);
                return out;
            };
            let Some((first, rest)) = atoms.split_first() else {
                continue;
            };
            let Some(level) = self.word_of(field, first, "level", Level::from_index, false) else {
                return out;
            };
            let mut durations = List::new();
            for atom in rest {
                durations.extend(self.duration_atom(field, atom));
            }
            if durations.len() != rest.len() {
                return out;
            }
            if durations.len() > 2 {
                self.invalid(field, Code::E0103.text("city_wide_duration", &[]), example);
                return out;
            }
            out.push(CityWideExpectation {
                level,
                durations,
                span: *span,
            });
        }
        out
    }

    fn review_group(&mut self, block: &Block) -> Option<ReviewGroup> {
        use FieldKw::*;
        let kind = BlockKw::ReviewGroup;
        let f = self.fields(block, kind, false);
        let name = self.name(block, kind)?;
        if !f.fields.contains_key(&Members) {
            self.missing(block, kind, &name, Members, "固定成员：住建局、自然资源和规划局");
        }
        let department = kind_name(BlockKw::Department);
        Some(ReviewGroup {
            members: self
                .references(&f, Members, department.clone(), "住建局、自然资源和规划局")
                .unwrap_or_default(),
            optional: self
                .references(&f, OptionalMembers, department, "文物局、人防办")
                .unwrap_or_default(),
            description: self.text(&f, Description),
            name,
            span: block.span,
        })
    }

    fn acceptance_level(&mut self, block: &Block) -> Option<AcceptanceLevel> {
        use FieldKw::*;
        let kind = BlockKw::AcceptanceLevel;
        let f = self.fields(block, kind, false);
        let name = self.name(block, kind)?;
        let group = super::Level::GROUP;
        let level = keywords::value_index(group, &name.text).and_then(super::Level::from_index);
        if level.is_none() {
            let words = keywords::value_words(group);
            let choices = join(words.iter().copied());
            let candidates = words.iter().flat_map(|(zh, en)| [*zh, *en]);
            self.report(
                Diagnostic::new(crate::diagnostics::Code::E0103, self.file, name.span)
                    .arg("field", crate::diagnostics::Code::E0103.text("level_name", &[]))
                    .arg(
                        "expected",
                        crate::diagnostics::Code::E0103.text("one_of", &[("words", choices)]),
                    )
                    .arg("example", crate::diagnostics::Code::E0103.text("level_example", &[]))
                    .arg("found", Phrase::Quoted.tr(&[("name", Tr::same(name.text.as_str()))]))
                    .suggest(suggest::closest(&name.text, candidates).map(str::to_string)),
            );
        }
        let forwards_to = self.one_of(&f, ForwardsTo, group, super::Level::from_index);
        if forwards_to.is_some() && !f.fields.contains_key(&Circulation) {
            self.missing(block, kind, &name, Circulation, "流转时限：1 工作日");
        }
        Some(AcceptanceLevel {
            level,
            forwards_to,
            circulation: self.duration(&f, Circulation),
            courier: self.duration(&f, Courier),
            description: self.text(&f, Description),
            name,
            span: block.span,
        })
    }

    fn joint_review(&mut self, block: &Block) -> Option<JointReview> {
        use FieldKw::*;
        let kind = BlockKw::JointReview;
        let f = self.fields(block, kind, true);
        let name = self.name(block, kind)?;
        if !f.fields.contains_key(&Department) && !f.fields.contains_key(&Group) {
            self.missing(block, kind, &name, Department, "部门：市场监管局、消防救援支队");
        }
        Some(JointReview {
            group: self.reference(&f, Group, kind_name(BlockKw::ReviewGroup), "联合审查组"),
            departments: self
                .references(
                    &f,
                    Department,
                    kind_name(BlockKw::Department),
                    "市场监管局、消防救援支队",
                )
                .unwrap_or_default(),
            duration: self.duration(&f, Duration),
            after: self
                .references(&f, After, kind_name(BlockKw::Item), "食品经营许可")
                .unwrap_or_default(),
            when: self.when(&f),
            presence: self.one_of(&f, Presence, super::Place::GROUP, super::Place::from_index),
            replaces: f
                .blocks
                .iter()
                .filter_map(|(_, inner)| self.replacement(inner))
                .collect(),
            name,
            span: block.span,
        })
    }

    fn replacement(&mut self, block: &Block) -> Option<Replacement> {
        let kind = BlockKw::Replaces;
        let f = self.fields(block, kind, false);
        let item = self.name(block, kind)?;
        if !f.fields.contains_key(&FieldKw::Steps) {
            self.missing(block, kind, &item, FieldKw::Steps, "环节：残联审核、审定");
        }
        Some(Replacement {
            steps: self
                .references(&f, FieldKw::Steps, kind_name(BlockKw::Step), "残联审核、审定")
                .unwrap_or_default(),
            item,
            span: block.span,
        })
    }
}

/// The names (quoted or not) among a value's items, as written.
fn names_of(value: &Value) -> List<&str> {
    value
        .items
        .iter()
        .filter_map(|item| match item {
            ValueItem::Atom(Atom::Name(name)) => Some(name.text.as_str()),
            _ => None,
        })
        .collect()
}

/// The allowed field nearest to an unknown one: a likely typo, else a field
/// that ends in the same word (`联系电话` → `咨询电话`, `办理时限` → `承诺时限`),
/// as Chinese compounds put the head noun last.
fn near_field(word: &str, candidates: &[&str]) -> Option<String> {
    if let Some(found) = suggest::closest(word, candidates.iter().copied()) {
        return Some(found.to_string());
    }
    let chars: Vec<char> = word.chars().collect();
    // Field names are short: a long word is no field, and comparing its
    // endings would cost time in its length squared.
    if chars.len() < 3 || chars.len() > 16 || !chars.iter().all(|c| !c.is_ascii()) {
        return None;
    }
    // The longest ending (at least two characters) that some candidate shares.
    for take in (2..chars.len()).rev() {
        let ending: String = chars.iter().skip(chars.len() - take).collect();
        if let Some(found) = candidates.iter().find(|c| c.ends_with(ending.as_str()) && **c != word) {
            return Some((*found).to_string());
        }
    }
    None
}

fn describe_atom(atom: &Atom) -> Tr {
    let user = |text: String| Tr::same(text);
    match atom {
        Atom::Name(name) => Phrase::Quoted.tr(&[("name", user(name.text.clone()))]),
        Atom::Number(number) => Code::E0103.text("number", &[("number", user(number.text.clone()))]),
        Atom::Duration(number, unit) => Code::E0103.text(
            "duration",
            &[("duration", user(format!("{} {}", number.text, unit.text)))],
        ),
        Atom::Count(number, unit) => Phrase::Quoted.tr(&[("name", user(format!("{}{}", number.text, unit.text)))]),
        Atom::Range(low, high, _) => {
            Code::E0103.text("range", &[("range", user(format!("{}..{}", low.text, high.text)))])
        }
    }
}

fn describe_value(value: &Value) -> Tr {
    match value.items.as_slice() {
        [ValueItem::Atom(atom)] => describe_atom(atom),
        [ValueItem::Chain(..)] => Code::E0103.text("chain_order", &[]),
        items => Code::E0103.text(
            "list",
            &[("count", Tr::new(items.len().to_string(), items.len().to_string()))],
        ),
    }
}

/// An example of a rule line in a message: a text written in Chinese here,
/// or one given in both languages already.
trait Example {
    fn example(self) -> Tr;
}

impl Example for &str {
    fn example(self) -> Tr {
        example_tr(self)
    }
}

impl Example for Tr {
    fn example(self) -> Tr {
        self
    }
}

/// An example made only when a message needs it.
impl<F: FnOnce() -> Tr> Example for F {
    fn example(self) -> Tr {
        self()
    }
}

/// An example of a rule line (`承诺时限：5 工作日`, `部门：市场监管局、消防救援支队`)
/// in both languages: in English its keywords, value words and units are the
/// English ones and its punctuation ASCII (`promised-limit: 5 working-days`).
/// The sample names and quoted texts stay as written: they stand for what a
/// rule file holds, which is in Chinese, and count as the user's text.
fn example_tr(text: &str) -> Tr {
    let separator = |c: char| c.is_whitespace() || "：、；{}\"“”…".contains(c);
    let mut en = String::with_capacity(text.len());
    let mut user = Vec::new();
    let mut word = String::new();
    let mut in_quotes = false;
    let flush = |word: &mut String, en: &mut String, user: &mut Vec<String>| {
        if word.is_empty() {
            return;
        }
        let translated = FieldKw::from_word(word)
            .map(FieldKw::en)
            .or_else(|| BlockKw::from_word(word).map(BlockKw::en))
            .or_else(|| keywords::UnitKw::from_word(word).map(keywords::UnitKw::en))
            .or_else(|| {
                keywords::VALUE_WORDS
                    .iter()
                    .flat_map(|(_, words)| words.iter())
                    .find(|(zh, _)| zh == word)
                    .map(|(_, en)| *en)
            });
        match translated {
            Some(english) => en.push_str(english),
            None => {
                en.push_str(word);
                if !word.is_ascii() {
                    user.push(word.clone());
                }
            }
        }
        word.clear();
    };
    for c in text.chars() {
        if in_quotes {
            en.push(c);
            if c == '"' || c == '”' {
                in_quotes = false;
                let quoted = en.rsplit(['"', '“']).nth(1).unwrap_or("").to_string();
                if !quoted.is_ascii() {
                    user.push(quoted);
                }
            }
            continue;
        }
        if !separator(c) {
            word.push(c);
            continue;
        }
        flush(&mut word, &mut en, &mut user);
        match c {
            '：' => en.push_str(": "),
            '、' => en.push_str(", "),
            '；' => en.push_str("; "),
            '"' | '“' => {
                en.push(c);
                in_quotes = true;
            }
            _ => en.push(c),
        }
    }
    flush(&mut word, &mut en, &mut user);
    Tr {
        zh: text.to_string(),
        en,
        user,
    }
}
