//! Name resolution: AST → IR.
//!
//! All files of a workspace share one namespace for departments, zones, data
//! sources, library materials, items and things; each item has its own
//! namespace for its situations, materials, steps and results, searched first.

use super::*;
use crate::ast::{self, Condition, Decl, FileAst, Ident, Operand};
use crate::diagnostics::{Code, Diagnostic, Phrase, Tr};
use crate::keywords::{self, BlockKw, FieldKw};
use crate::suggest;
use std::collections::HashSet;

/// The kinds of named things.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Department,
    Zone,
    DataSource,
    Material,
    Item,
    Thing,
    Situation,
    Step,
    Result,
    ReviewGroup,
    AcceptanceLevel,
}

/// How many kinds there are.
const KINDS: usize = Kind::AcceptanceLevel as usize + 1;

impl Kind {
    fn block(self) -> BlockKw {
        match self {
            Kind::Department => BlockKw::Department,
            Kind::Zone => BlockKw::Zone,
            Kind::DataSource => BlockKw::DataSource,
            Kind::Material => BlockKw::Material,
            Kind::Item => BlockKw::Item,
            Kind::Thing => BlockKw::Thing,
            Kind::Situation => BlockKw::Situation,
            Kind::Step => BlockKw::Step,
            Kind::Result => BlockKw::Result,
            Kind::ReviewGroup => BlockKw::ReviewGroup,
            Kind::AcceptanceLevel => BlockKw::AcceptanceLevel,
        }
    }

    fn name(self) -> Tr {
        let block = self.block();
        Tr::new(block.zh(), block.en())
    }
}

fn kinds_name(kinds: &[Kind]) -> Tr {
    let zh: Vec<&str> = kinds.iter().map(|k| k.block().zh()).collect();
    let en: Vec<&str> = kinds.iter().map(|k| k.block().en()).collect();
    Tr::new(zh.join("或"), en.join(" or "))
}

#[derive(Debug, Clone, Copy)]
struct Def {
    kind: Kind,
    index: usize,
    at: Location,
}

/// Builds the IR of a workspace from its files' ASTs (in path order).
pub fn resolve(files: Vec<FileAst>, diagnostics: &mut Vec<Diagnostic>) -> Ir {
    resolve_discarding(files, diagnostics, &mut drop)
}

/// [`resolve`], handing each file's declarations other than its tests to
/// `discard` as soon as the IR has taken what it needs from them, so that
/// the ASTs of a large workspace are not all alive beside the IR (a caller
/// may free them on another thread).
pub fn resolve_discarding(
    mut files: Vec<FileAst>,
    diagnostics: &mut Vec<Diagnostic>,
    discard: &mut dyn FnMut(Vec<Decl>),
) -> Ir {
    let names = Names::declare(files.iter().map(Declared::of), diagnostics);
    let mut ir = Ir::default();
    // The maps of a large workspace are made once at their size: growing by
    // doubling copies them and leaves up to half of them unused.
    let count = |wanted: fn(&Decl) -> bool| files.iter().flat_map(|f| &f.decls).filter(|d| wanted(d)).count();
    ir.items.reserve_exact(count(|d| matches!(d, Decl::Item(_))));
    names.lower_library(files.iter(), &mut ir, diagnostics);
    let mut cx = names.resolver(diagnostics);
    for file in &mut files {
        for decl in &file.decls {
            if matches!(decl, Decl::Item(_) | Decl::Thing(_)) {
                cx.lower_decl(file.file, decl, &mut ir);
            }
        }
        // Only the tests are read again (below).
        let (tests, done): (Vec<Decl>, Vec<Decl>) = std::mem::take(&mut file.decls)
            .into_iter()
            .partition(|d| matches!(d, Decl::Test(_)));
        file.decls = tests;
        discard(done);
    }
    names.finish(&mut ir, files.iter().map(|f| (f.file, f.decls.as_slice())), diagnostics);
    ir
}

/// What declares global names in one file: its declarations' kinds and
/// names in order, and the names of its top-level blocks that failed to
/// parse.
#[derive(Debug, Clone)]
pub struct Declared<'a> {
    pub file: FileId,
    pub names: Vec<(Kind, &'a Ident)>,
    pub broken: &'a [Ident],
}

impl<'a> Declared<'a> {
    /// The names a file's AST declares.
    pub fn of(file: &'a FileAst) -> Self {
        Declared {
            file: file.file,
            names: file.decls.iter().filter_map(|decl| global_name(decl)).collect(),
            broken: &file.broken,
        }
    }
}

/// The kind and name a declaration gives the workspace's namespace; tests
/// have a namespace of their own (see [`Names::finish`]).
pub fn global_name(decl: &Decl) -> Option<(Kind, &Ident)> {
    Some(match decl {
        Decl::Department(d) => (Kind::Department, &d.name),
        Decl::Zone(z) => (Kind::Zone, &z.name),
        Decl::DataSource(d) => (Kind::DataSource, &d.name),
        Decl::Material(m) => (Kind::Material, &m.name),
        Decl::Item(i) => (Kind::Item, &i.name),
        Decl::Thing(t) => (Kind::Thing, &t.name),
        Decl::ReviewGroup(g) => (Kind::ReviewGroup, &g.name),
        Decl::AcceptanceLevel(l) => (Kind::AcceptanceLevel, &l.name),
        Decl::Test(_) => return None,
    })
}

/// The kind of global a top-level block of this keyword declares.
pub fn global_kind(keyword: BlockKw) -> Option<Kind> {
    Some(match keyword {
        BlockKw::Department => Kind::Department,
        BlockKw::Zone => Kind::Zone,
        BlockKw::DataSource => Kind::DataSource,
        BlockKw::Material => Kind::Material,
        BlockKw::Item => Kind::Item,
        BlockKw::Thing => Kind::Thing,
        BlockKw::ReviewGroup => Kind::ReviewGroup,
        BlockKw::AcceptanceLevel => Kind::AcceptanceLevel,
        _ => return None,
    })
}

/// The workspace's global names, declared once before anything is lowered:
/// items may then be lowered file by file, on any thread, each reading
/// them (and the library's IR) without changing them.
#[derive(Debug, Default)]
pub struct Names {
    globals: IndexMap<String, Def>,
    broken: HashSet<String>,
}

impl Names {
    /// Declares every file's names (in path order), reporting duplicates.
    pub fn declare<'a>(files: impl Iterator<Item = Declared<'a>>, diagnostics: &mut Vec<Diagnostic>) -> Names {
        let mut names = Names::default();
        // The next index of each kind (ids count each kind from 0).
        let mut counters = [0usize; KINDS];
        for file in files {
            for ident in file.broken {
                names.broken.insert(name_key(&ident.text));
            }
            for (kind, name) in file.names {
                let at = Location {
                    file: file.file,
                    span: name.span,
                };
                let key = name_key(&name.text);
                if let Some(first) = names.globals.get(&key) {
                    let first = *first;
                    diagnostics.push(duplicate(kind, name, at, first.at));
                    continue;
                }
                let counter = counters.get_mut(kind as usize);
                let index = counter.as_ref().map(|c| **c).unwrap_or(0);
                if let Some(counter) = counter {
                    *counter += 1;
                }
                names.globals.insert(key, Def { kind, index, at });
            }
        }
        names
    }

    fn resolver<'a>(&'a self, diagnostics: &'a mut Vec<Diagnostic>) -> Resolver<'a> {
        Resolver {
            globals: &self.globals,
            broken: &self.broken,
            diagnostics,
        }
    }

    /// Lowers the library: every declaration but items, things and tests,
    /// of every file (items read the library, whatever file it is in).
    pub fn lower_library<'f>(
        &self,
        files: impl Iterator<Item = &'f FileAst>,
        ir: &mut Ir,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let files: Vec<&FileAst> = files.collect();
        let count = files
            .iter()
            .flat_map(|f| &f.decls)
            .filter(|d| matches!(d, Decl::Material(_)))
            .count();
        ir.materials.reserve_exact(count);
        let mut cx = self.resolver(diagnostics);
        for file in files {
            for decl in &file.decls {
                if !matches!(decl, Decl::Item(_) | Decl::Thing(_) | Decl::Test(_)) {
                    cx.lower_decl(file.file, decl, ir);
                }
            }
        }
    }

    /// The items of one file's declarations, lowered against the library in
    /// `ir`, each with its key; an item whose name is taken is left out
    /// (its duplicate is reported where the names are declared).
    pub fn lower_items(
        &self,
        file: FileId,
        decls: &[Decl],
        ir: &Ir,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Vec<(String, Box<Item>)> {
        let mut cx = self.resolver(diagnostics);
        let mut out = Vec::new();
        for decl in decls {
            if let Decl::Item(item) = decl {
                let key = name_key(&item.name.text);
                if cx.is_first(&key, file, item.name.span) {
                    out.push((key, cx.item(file, item, ir)));
                }
            }
        }
        out
    }

    /// Lowers the things of one file's declarations, once every item is in
    /// `ir`.
    pub fn lower_things(&self, file: FileId, decls: &[Decl], ir: &mut Ir, diagnostics: &mut Vec<Diagnostic>) {
        let mut cx = self.resolver(diagnostics);
        for decl in decls {
            if matches!(decl, Decl::Thing(_)) {
                cx.lower_decl(file, decl, ir);
            }
        }
    }

    /// The last steps, once items and things are lowered: the steps the
    /// joint reviews replace, and the tests (which read the items and things
    /// they test, and have a namespace of their own), from each file's
    /// declarations in path order.
    pub fn finish<'f>(
        &self,
        ir: &mut Ir,
        files: impl Iterator<Item = (FileId, &'f [Decl])>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let mut cx = self.resolver(diagnostics);
        cx.replacements(ir);
        let mut test_names: IndexMap<String, Location> = IndexMap::new();
        for (file, decls) in files {
            for decl in decls {
                let Decl::Test(test) = decl else { continue };
                let at = Location {
                    file,
                    span: test.name.span,
                };
                let key = name_key(&test.name.text);
                if let Some(first) = test_names.get(&key) {
                    cx.diagnostics.push(
                        Diagnostic::new(Code::E0202, at.file, at.span)
                            .arg("kind", Tr::new(BlockKw::Test.zh(), BlockKw::Test.en()))
                            .arg("name", test.name.text.as_str())
                            .with_label("first", first.file, first.span, Vec::new()),
                    );
                    continue;
                }
                test_names.insert(key, at);
                if let Some(lowered) = cx.test(file, test, ir) {
                    ir.tests.push(lowered);
                }
            }
        }
    }
}

struct Resolver<'d> {
    globals: &'d IndexMap<String, Def>,
    broken: &'d HashSet<String>,
    diagnostics: &'d mut Vec<Diagnostic>,
}

/// An item's own names, looked up before the global ones.
#[derive(Default)]
struct Locals {
    defs: IndexMap<String, Def>,
    /// A result that has the name of a material (E0207), kept so that the
    /// references to each resolve by the kind they expect and one error does
    /// not cascade into wrong-kind (E0203) and missing-result (E0303) errors.
    twins: IndexMap<String, Def>,
}

impl Locals {
    /// The local definition of `key` to use where one of `expected` kinds is
    /// expected: the first expected kind that is defined (so `产出` of a name
    /// that is both a result and a material means the result), else whatever
    /// `key` names.
    fn get(&self, key: &str, expected: &[Kind]) -> Option<&Def> {
        let defs = [self.defs.get(key), self.twins.get(key)];
        expected
            .iter()
            .find_map(|kind| defs.iter().flatten().find(|def| def.kind == *kind).copied())
            .or(self.defs.get(key))
    }
}

/// Whether two kinds are a material and a result, which may share a name
/// only as an error of its own (E0207).
fn material_and_result(a: Kind, b: Kind) -> bool {
    matches!((a, b), (Kind::Material, Kind::Result) | (Kind::Result, Kind::Material))
}

impl Resolver<'_> {
    /// Resolves `name` to one of `expected` kinds, reporting undefined and
    /// wrong-kind names.
    fn lookup(&mut self, locals: Option<&Locals>, file: FileId, name: &Ident, expected: &[Kind]) -> Option<Def> {
        let key = name_key(&name.text);
        let local = locals.and_then(|l| l.get(&key, expected));
        let found = match local {
            Some(def) if expected.contains(&def.kind) => Some(*def),
            _ => self
                .globals
                .get(&key)
                .copied()
                .filter(|def| expected.contains(&def.kind))
                .or(local.copied()),
        };
        let found = found.or_else(|| self.globals.get(&key).copied());
        match found {
            Some(def) if expected.contains(&def.kind) => Some(def),
            Some(def) => {
                let expected_name = kinds_name(expected);
                self.diagnostics.push(
                    Diagnostic::new(Code::E0203, file, name.span)
                        .arg("name", name.text.as_str())
                        .arg("actual", def.kind.name())
                        .arg("expected", expected_name)
                        .with_label("definition", def.at.file, def.at.span, Vec::new()),
                );
                None
            }
            None if self.broken.contains(&key) => None,
            None => {
                let local_names = locals.into_iter().flat_map(|l| l.defs.iter().chain(&l.twins));
                let candidates: Vec<&str> = local_names
                    .chain(self.globals.iter())
                    .filter(|(_, def)| expected.contains(&def.kind))
                    .map(|(key, _)| key.as_str())
                    .collect();
                let suggestion = suggest::closest(&key, candidates).map(str::to_string);
                let mut diagnostic = Diagnostic::new(Code::E0201, file, name.span)
                    .arg("name", name.text.as_str())
                    .arg("kind", kinds_name(expected))
                    .suggest(suggestion);
                if name.text.contains(['且', '或']) {
                    diagnostic = diagnostic.note_from("spaces_around_and_or", &[]);
                }
                self.diagnostics.push(diagnostic);
                None
            }
        }
    }

    fn lookup_id<T>(
        &mut self,
        locals: Option<&Locals>,
        file: FileId,
        name: &Ident,
        kind: Kind,
        id: fn(usize) -> T,
    ) -> Option<T> {
        self.lookup(locals, file, name, &[kind]).map(|def| id(def.index))
    }

    fn dept(&mut self, file: FileId, name: &Option<Ident>) -> Option<DeptId> {
        name.as_ref()
            .and_then(|name| self.lookup_id(None, file, name, Kind::Department, DeptId::from_index))
    }

    fn lower_decl(&mut self, file: FileId, decl: &Decl, ir: &mut Ir) {
        match decl {
            Decl::Department(d) => {
                let key = name_key(&d.name.text);
                if self.is_first(&key, file, d.name.span) {
                    ir.departments.insert(
                        key,
                        Department {
                            name: d.name.text.clone(),
                            at: Location {
                                file,
                                span: d.name.span,
                            },
                            full_name: text(&d.full_name),
                            level: d.level.map(|l| l.value),
                            phone: text(&d.phone),
                            description: text(&d.description),
                            unconfirmed: unconfirmed(&d.unconfirmed),
                        },
                    );
                }
            }
            Decl::Zone(z) => {
                let key = name_key(&z.name.text);
                if self.is_first(&key, file, z.name.span) {
                    ir.zones.insert(
                        key,
                        Zone {
                            name: z.name.text.clone(),
                            at: Location {
                                file,
                                span: z.name.span,
                            },
                            full_name: text(&z.full_name),
                            description: text(&z.description),
                            address: text(&z.address),
                            hours: text(&z.hours),
                            phone: text(&z.phone),
                            complaint_phone: text(&z.complaint_phone),
                            unconfirmed: unconfirmed(&z.unconfirmed),
                        },
                    );
                }
            }
            Decl::DataSource(d) => {
                let key = name_key(&d.name.text);
                if self.is_first(&key, file, d.name.span) {
                    let department = self.dept(file, &d.department);
                    let provides = d
                        .provides
                        .iter()
                        .filter_map(|m| self.lookup_id(None, file, m, Kind::Material, MaterialId::from_index))
                        .collect();
                    ir.data_sources.insert(
                        key,
                        DataSource {
                            name: d.name.text.clone(),
                            at: Location {
                                file,
                                span: d.name.span,
                            },
                            trust: d.trust.map(|t| t.value),
                            department,
                            provides,
                            description: text(&d.description),
                        },
                    );
                }
            }
            Decl::Material(m) => {
                let key = name_key(&m.name.text);
                if self.is_first(&key, file, m.name.span) {
                    let issued_by = self.dept(file, &m.issued_by);
                    ir.materials.insert(
                        key,
                        Material {
                            name: m.name.text.clone(),
                            at: Location {
                                file,
                                span: m.name.span,
                            },
                            source: m.source.map(|s| s.value),
                            basis: texts(&m.basis),
                            spec: m.spec.as_ref().map(|t| t.value.0.as_str().into()),
                            form: m.form.iter().map(|f| f.value).collect(),
                            copy: m.copy.map(|c| c.value),
                            copies: m.copies.map(|c| c.value),
                            issued_by,
                            necessity: m.necessity.map(|n| n.value),
                            supply_deadline: m.supply_deadline,
                            description: text(&m.description),
                            unconfirmed: unconfirmed(&m.unconfirmed),
                        },
                    );
                }
            }
            Decl::Item(item) => {
                let key = name_key(&item.name.text);
                if self.is_first(&key, file, item.name.span) {
                    let lowered = self.item(file, item, ir);
                    ir.items.insert(key, lowered);
                }
            }
            Decl::ReviewGroup(group) => {
                let key = name_key(&group.name.text);
                if self.is_first(&key, file, group.name.span) {
                    let departments = |cx: &mut Self, names: &[Ident]| -> Vec<DeptId> {
                        names
                            .iter()
                            .filter_map(|d| cx.lookup_id(None, file, d, Kind::Department, DeptId::from_index))
                            .collect()
                    };
                    let members = departments(self, &group.members);
                    let optional = departments(self, &group.optional);
                    ir.review_groups.insert(
                        key,
                        ReviewGroup {
                            name: group.name.text.clone(),
                            at: Location {
                                file,
                                span: group.name.span,
                            },
                            members: members.into(),
                            optional: optional.into(),
                            description: text(&group.description),
                        },
                    );
                }
            }
            Decl::AcceptanceLevel(level) => {
                let key = name_key(&level.name.text);
                if let Some(value) = level.level
                    && self.is_first(&key, file, level.name.span)
                {
                    let at = Location {
                        file,
                        span: level.name.span,
                    };
                    // `乡镇` and `township` are one level: keyed by the level.
                    if let Some(first) = ir.acceptance_levels.get(value.zh()) {
                        self.diagnostics
                            .push(duplicate(Kind::AcceptanceLevel, &level.name, at, first.at));
                        return;
                    }
                    ir.acceptance_levels.insert(
                        value.zh().to_string(),
                        AcceptanceLevel {
                            name: level.name.text.clone(),
                            at: Location {
                                file,
                                span: level.name.span,
                            },
                            level: value,
                            forwards_to: level.forwards_to,
                            circulation: level.circulation,
                            courier: level.courier,
                            description: text(&level.description),
                        },
                    );
                }
            }
            Decl::Thing(thing) => {
                let key = name_key(&thing.name.text);
                if self.is_first(&key, file, thing.name.span) {
                    let lowered = self.thing(file, thing);
                    ir.things.insert(key, lowered);
                }
            }
            Decl::Test(_) => {}
        }
    }

    /// Finds the steps each joint review's `替代` names in its item, once
    /// every item is lowered (a thing may be written before its items).
    fn replacements(&mut self, ir: &mut Ir) {
        let items = &ir.items;
        for thing in ir.things.values_mut() {
            let mut found: Vec<Vec<Vec<StepId>>> = Vec::new();
            let mut taken: Vec<(ItemId, StepId, usize)> = Vec::new();
            for (index, review) in thing.joint_reviews.iter().enumerate() {
                let mut of_review = Vec::new();
                for replaced in &review.replaces {
                    of_review.push(self.replaced_steps(items, thing, index, replaced, &mut taken));
                }
                found.push(of_review);
            }
            for (review, steps) in thing.joint_reviews.iter_mut().zip(found) {
                for (replaced, steps) in review.replaces.iter_mut().zip(steps) {
                    replaced.steps = steps.into();
                }
            }
        }
    }

    /// The steps `replaced` names in its item, reporting those that are not
    /// there or cannot be replaced (E1107); `taken` holds the steps earlier
    /// reviews of the thing replace, with the review's position.
    fn replaced_steps(
        &mut self,
        items: &IndexMap<String, Box<Item>>,
        thing: &Thing,
        index: usize,
        replaced: &Replaced,
        taken: &mut Vec<(ItemId, StepId, usize)>,
    ) -> Vec<StepId> {
        let review = thing.joint_reviews.get(index).map_or("", |r| r.name.as_str());
        let Some(item) = super::get(items, replaced.item.index()) else {
            return Vec::new();
        };
        let error = |span: Span, detail: &'static str, args: &[(&'static str, Tr)]| {
            Diagnostic::new(Code::E1107, thing.file, span)
                .arg("review", review)
                .detail(detail, args)
        };
        if !thing.items.iter().any(|m| m.item == replaced.item) {
            self.diagnostics.push(error(
                replaced.at,
                "not_member",
                &[
                    ("item", Tr::same(item.name.as_str())),
                    ("thing", Tr::same(thing.name.as_str())),
                ],
            ));
            return Vec::new();
        }
        let mut steps = Vec::new();
        for name in &replaced.names {
            let key = name_key(&name.value);
            let what = |extra: Option<(&'static str, Tr)>| {
                let mut args = vec![
                    ("step", Tr::same(name.value.as_str())),
                    ("item", Tr::same(item.name.as_str())),
                ];
                args.extend(extra);
                args
            };
            let Some(position) = item.steps.values().position(|s| name_key(&s.name) == key) else {
                self.diagnostics.push(error(name.span, "no_step", &what(None)).suggest(
                    suggest::closest(&name.value, item.steps.values().map(|s| s.name.as_str())).map(str::to_string),
                ));
                continue;
            };
            let step = StepId::from_index(position);
            if let Some(s) = item.steps.get_index(position)
                && matches!(s.step_type, StepType::Accept | StepType::Deliver)
            {
                let kind = Tr::new(s.step_type.zh(), s.step_type.en());
                self.diagnostics
                    .push(error(name.span, "merged", &what(Some(("type", kind)))));
                continue;
            }
            if let Some((_, _, other)) = taken.iter().find(|(i, s, _)| *i == replaced.item && *s == step) {
                let other = thing.joint_reviews.get(*other).map_or("", |r| r.name.as_str());
                self.diagnostics
                    .push(error(name.span, "twice", &what(Some(("other", Tr::same(other))))));
                continue;
            }
            taken.push((replaced.item, step, index));
            steps.push(step);
        }
        steps
    }

    /// Resolves a test against the items and things of `ir`.
    fn test(&mut self, file: FileId, test: &ast::TestDecl, ir: &Ir) -> Option<Test> {
        let name = test.name.text.as_str();
        let subject_error = |key: &'static str| {
            Diagnostic::new(Code::E1502, file, test.name.span)
                .arg("name", name)
                .detail(key, &[])
        };
        let subject = match (&test.item, &test.thing) {
            (Some(item), None) => {
                TestSubject::Item(self.lookup_id(None, file, item, Kind::Item, ItemId::from_index)?)
            }
            (None, Some(thing)) => {
                TestSubject::Thing(self.lookup_id(None, file, thing, Kind::Thing, ThingId::from_index)?)
            }
            (None, None) => {
                self.diagnostics.push(subject_error("neither"));
                return None;
            }
            (Some(_), Some(_)) => {
                self.diagnostics.push(subject_error("both"));
                return None;
            }
        };
        let (situations, owner_file, owner, kind) = match subject {
            TestSubject::Item(id) => {
                let item = super::get(&ir.items, id.index())?;
                (&item.situations, item.file, item.name.as_str(), BlockKw::Item)
            }
            TestSubject::Thing(id) => {
                let thing = super::get(&ir.things, id.index())?;
                (&thing.situations, thing.file, thing.name.as_str(), BlockKw::Thing)
            }
        };
        let kind_tr = Tr::new(kind.zh(), kind.en());
        let answers = match &test.when {
            Some(condition) => self.answers(file, condition, situations)?,
            None => Vec::new(),
        };
        // Every situation some condition of the subject reads must be answered.
        let mut read = Vec::new();
        match subject {
            TestSubject::Item(id) => {
                if let Some(item) = super::get(&ir.items, id.index()) {
                    let conditions = item.materials.values().filter_map(|m| m.when.as_deref());
                    for cond in conditions.chain(item.steps.values().filter_map(|s| s.when.as_deref())) {
                        cond.situations(&mut read);
                    }
                }
            }
            TestSubject::Thing(id) => {
                if let Some(thing) = super::get(&ir.things, id.index()) {
                    let members = thing.distinct_members().filter_map(|m| m.when.as_ref());
                    for cond in members.chain(thing.joint_reviews.iter().filter_map(|r| r.when.as_ref())) {
                        cond.situations(&mut read);
                    }
                }
            }
        }
        read.sort_unstable_by_key(|id| id.index());
        read.dedup();
        let mut complete = true;
        for id in read {
            if answers.iter().any(|a| a.situation == id) {
                continue;
            }
            let Some(situation) = situations.get_index(id.index()) else {
                continue;
            };
            complete = false;
            self.diagnostics.push(
                Diagnostic::new(Code::E1504, file, test.name.span)
                    .arg("name", name)
                    .arg("situation", situation.name.as_str())
                    .arg("subject", kind_tr.clone())
                    .arg("owner", owner)
                    .arg("example", Tr::same(example_answer(situation)))
                    .with_label("situation", owner_file, situation.at, Vec::new()),
            );
        }
        // Materials are named as the subject asks for them.
        let known: Vec<String> = match subject {
            TestSubject::Item(id) => super::get(&ir.items, id.index())
                .map(|item| item.materials.values().map(|m| m.name.clone()).collect())
                .unwrap_or_default(),
            TestSubject::Thing(id) => super::get(&ir.things, id.index())
                .map(|thing| {
                    let mut names: Vec<String> = Vec::new();
                    for member in thing.distinct_members() {
                        if let Some(item) = super::get(&ir.items, member.item.index()) {
                            for m in item.materials.values() {
                                if !names.contains(&m.name) {
                                    names.push(m.name.clone());
                                }
                            }
                        }
                    }
                    names
                })
                .unwrap_or_default(),
        };
        let mut materials = |idents: &[Ident], cx: &mut Self| -> Vec<Spanned<String>> {
            let mut out = Vec::new();
            for ident in idents {
                let key = name_key(&ident.text);
                match known.iter().find(|k| name_key(k) == key) {
                    Some(found) => out.push(Spanned {
                        value: found.clone(),
                        span: ident.span,
                    }),
                    None => {
                        complete = false;
                        cx.diagnostics.push(
                            Diagnostic::new(Code::E1503, file, ident.span)
                                .arg("subject", kind_tr.clone())
                                .arg("owner", owner)
                                .arg("material", ident.text.as_str())
                                .suggest(
                                    suggest::closest(&ident.text, known.iter().map(String::as_str)).map(str::to_string),
                                ),
                        );
                    }
                }
            }
            out
        };
        let brings = test.brings.as_ref().map(|idents| {
            let span = idents
                .iter()
                .map(|i| i.span)
                .reduce(Span::cover)
                .unwrap_or(test.name.span);
            (materials(idents, self), span)
        });
        let includes = materials(&test.includes, self);
        let excludes = materials(&test.excludes, self);
        if kind == BlockKw::Thing {
            let only_items = [
                (test.online_depth.map(|d| d.span), FieldKw::OnlineDepth),
                (test.on_the_spot.map(|d| d.span), FieldKw::OnTheSpot),
                (test.city_wide.first().map(|c| c.span), FieldKw::CityWideDuration),
            ];
            for (span, field) in only_items {
                if let Some(span) = span {
                    complete = false;
                    self.diagnostics
                        .push(Diagnostic::new(Code::E1505, file, span).arg("field", Tr::new(field.zh(), field.en())));
                }
            }
        }
        complete.then(|| Test {
            name: name.to_string(),
            file,
            at: test.name.span,
            span: test.span,
            subject,
            answers: answers.into(),
            expect: Expectations {
                brings,
                includes: includes.into(),
                excludes: excludes.into(),
                material_count: test.material_count,
                visits: test.visits,
                online_depth: test.online_depth,
                critical_path: test.critical_path,
                on_the_spot: test.on_the_spot,
                city_wide: test.city_wide.clone(),
            },
        })
    }

    /// A test's `当 …` read as answers: `=` comparisons and yes/no flags
    /// joined by 且, each situation once.
    fn answers(&mut self, file: FileId, condition: &Condition, situations: &Named<Situation>) -> Option<Vec<Answer>> {
        let mut parts = Vec::new();
        flatten_and(condition, &mut parts);
        let mut out: Vec<Answer> = Vec::new();
        let mut ok = true;
        for part in parts {
            let span = part.span();
            let not_an_answer = |cx: &mut Self| {
                cx.diagnostics.push(
                    Diagnostic::new(Code::E1501, file, span)
                        .detail("not_an_answer", &[("text", Tr::same(condition_text(part)))]),
                );
            };
            let value = match self.condition(file, part, situations) {
                Cond::Invalid => {
                    ok = false;
                    continue;
                }
                Cond::Flag(id) => (id, AnswerValue::Yes(true)),
                Cond::Not(inner) => match *inner {
                    Cond::Flag(id) => (id, AnswerValue::Yes(false)),
                    _ => {
                        not_an_answer(self);
                        ok = false;
                        continue;
                    }
                },
                Cond::Enum {
                    situation,
                    equal: true,
                    value,
                } => (situation, AnswerValue::Enum(value)),
                Cond::Number {
                    situation,
                    op: CompareOp::Eq,
                    value,
                } => {
                    if let Some(s) = situations.get_index(situation.index())
                        && let Domain::Number {
                            range: Some((low, high)),
                            ..
                        } = s.domain
                        && (value < low || value > high)
                    {
                        let n = |x: f64| Tr::same(crate::ast::fmt_number(x));
                        self.diagnostics.push(Diagnostic::new(Code::E1501, file, span).detail(
                            "out_of_range",
                            &[
                                ("situation", Tr::same(s.name.as_str())),
                                ("low", n(low)),
                                ("high", n(high)),
                                ("value", n(value)),
                            ],
                        ));
                        ok = false;
                        continue;
                    }
                    if let Some(s) = situations.get_index(situation.index())
                        && matches!(s.domain, Domain::Number { integer: true, .. })
                        && value.fract() != 0.0
                    {
                        self.diagnostics.push(Diagnostic::new(Code::E1501, file, span).detail(
                            "not_whole",
                            &[
                                ("situation", Tr::same(s.name.as_str())),
                                ("value", Tr::same(crate::ast::fmt_number(value))),
                            ],
                        ));
                        ok = false;
                        continue;
                    }
                    (situation, AnswerValue::Number(value))
                }
                _ => {
                    not_an_answer(self);
                    ok = false;
                    continue;
                }
            };
            let (situation, value) = value;
            if out.iter().any(|a| a.situation == situation) {
                let name = situations.get_index(situation.index()).map_or("", |s| s.name.as_str());
                self.diagnostics
                    .push(Diagnostic::new(Code::E1501, file, span).detail("twice", &[("situation", Tr::same(name))]));
                ok = false;
                continue;
            }
            out.push(Answer { situation, value, span });
        }
        ok.then_some(out)
    }

    /// Whether this declaration is the one the namespace kept (not a duplicate).
    fn is_first(&self, key: &str, file: FileId, span: Span) -> bool {
        self.globals
            .get(key)
            .is_some_and(|def| def.at == Location { file, span })
    }

    fn item(&mut self, file: FileId, item: &ast::Item, ir: &Ir) -> Box<Item> {
        let mut locals = Locals::default();
        let mut declare = |kind: Kind, name: &Ident, index: usize, diagnostics: &mut Vec<Diagnostic>| -> bool {
            let key = name_key(&name.text);
            let at = Location { file, span: name.span };
            if let Some(first) = locals.defs.get(&key) {
                if material_and_result(first.kind, kind) && !locals.twins.contains_key(&key) {
                    diagnostics.push(same_name(name, (kind, at), (first.kind, first.at)));
                    locals.twins.insert(key, Def { kind, index, at });
                    return true;
                }
                // The same kind declared again: point at its first declaration.
                let first = locals.get(&key, &[kind]).unwrap_or(first);
                diagnostics.push(duplicate(kind, name, at, first.at));
                return false;
            }
            locals.defs.insert(key, Def { kind, index, at });
            true
        };
        // Declare every local name first, so steps may name later steps.
        let mut situations_ast = Vec::new();
        for situation in &item.situations {
            if declare(Kind::Situation, &situation.name, situations_ast.len(), self.diagnostics) {
                situations_ast.push(situation);
            }
        }
        let mut materials_ast = Vec::new();
        for material in &item.materials {
            if declare(Kind::Material, &material.name, materials_ast.len(), self.diagnostics) {
                materials_ast.push(material);
            }
        }
        let mut steps_ast = Vec::new();
        for step in &item.steps {
            if declare(Kind::Step, &step.name, steps_ast.len(), self.diagnostics) {
                steps_ast.push(step);
            }
        }
        let mut results_ast = Vec::new();
        for result in &item.results {
            if declare(Kind::Result, &result.name, results_ast.len(), self.diagnostics) {
                results_ast.push(result);
            }
        }

        let implemented_by = self.dept(file, &item.implemented_by);
        let zone = item
            .zone
            .as_ref()
            .and_then(|z| self.lookup_id(None, file, z, Kind::Zone, ZoneId::from_index));
        let zone_ref = zone.and_then(|z| get(&ir.zones, z.index()));

        let mut situations = Named::with_capacity(situations_ast.len());
        for situation in &situations_ast {
            situations.insert(lower_situation(situation));
        }

        let mut materials = Named::with_capacity(materials_ast.len());
        for material in &materials_ast {
            let key = name_key(&material.name.text);
            let library_id = ir.materials.get_index_of(&key).map(MaterialId::from_index);
            let library = library_id.and_then(|id| get(&ir.materials, id.index()));
            // A global of another kind with this name is not a material to use.
            let issued_by = match &material.issued_by {
                Some(_) => self.dept(file, &material.issued_by),
                None => library.and_then(|l| l.issued_by),
            };
            let when = material
                .when
                .as_deref()
                .map(|c| Box::new(self.condition(file, c, &situations)));
            let basis = if material.basis.is_empty() {
                library.map(|l| l.basis.clone()).unwrap_or_default()
            } else {
                texts(&material.basis)
            };
            materials.insert(ItemMaterial {
                name: material.name.text.clone(),
                at: material.name.span,
                library: library_id,
                source: material.source.map(|s| s.value).or(library.and_then(|l| l.source)),
                basis,
                spec: match &material.spec {
                    Some(own) => Some(own.value.0.as_str().into()),
                    None => library.and_then(|l| l.spec.clone()),
                },
                form: pick(
                    material.form.iter().map(|f| f.value).collect(),
                    library.map(|l| &l.form),
                    Form::Paper,
                ),
                copy: resolve_copy(
                    material.copy.map(|c| c.value).or(library.and_then(|l| l.copy)),
                    material.source.map(|s| s.value).or(library.and_then(|l| l.source)),
                ),
                copies: material
                    .copies
                    .map(|c| c.value)
                    .or(library.and_then(|l| l.copies))
                    .unwrap_or(1),
                necessity: material
                    .necessity
                    .map(|n| n.value)
                    .or(library.and_then(|l| l.necessity))
                    .unwrap_or(Necessity::Required),
                when,
                when_at: material.when.as_deref().map(Condition::span),
                more: boxed_unless_empty(MaterialMore {
                    supply_deadline: material.supply_deadline.or(library.and_then(|l| l.supply_deadline)),
                    issued_by,
                    description: text(&material.description).or_else(|| library.and_then(|l| l.description.clone())),
                    unconfirmed: unconfirmed(&material.unconfirmed)
                        .into_iter()
                        .chain(library.map(|l| l.unconfirmed.clone()).unwrap_or_default())
                        .collect(),
                }),
            });
        }

        let mut results = Named::with_capacity(results_ast.len());
        for result in &results_ast {
            results.insert(ResultDef {
                name: result.name.text.clone(),
                at: result.name.span,
                result_type: result.result_type.map(|t| t.value),
                delivery: result.delivery.iter().map(|d| d.value).collect(),
                more: boxed_unless_empty(ResultMore {
                    sample: result.sample.as_ref().map(|s| Spanned {
                        value: s.value.0.clone(),
                        span: s.span,
                    }),
                    validity: text(&result.validity),
                    description: text(&result.description),
                    unconfirmed: unconfirmed(&result.unconfirmed),
                }),
            });
        }

        let mut steps = Named::with_capacity(steps_ast.len());
        for (index, step) in steps_ast.iter().enumerate() {
            let after = match &step.after {
                Some(names) => list_of(
                    names.len(),
                    names.iter().filter_map(|name| {
                        self.lookup(Some(&locals), file, name, &[Kind::Step])
                            .map(|def| StepEdge {
                                from: StepId::from_index(def.index),
                                span: name.span,
                                implicit: false,
                            })
                    }),
                ),
                None if index > 0 => thin_vec::thin_vec![StepEdge {
                    from: StepId::from_index(index - 1),
                    span: step.name.span,
                    implicit: true,
                }],
                None => List::new(),
            };
            let requires = list_of(
                step.requires.len(),
                step.requires
                    .iter()
                    .filter_map(|name| self.material_ref(&locals, file, name).map(|m| (m, name.span))),
            );
            let produces = list_of(
                step.produces.len(),
                step.produces.iter().filter_map(|name| {
                    let def = self.lookup(Some(&locals), file, name, &[Kind::Result, Kind::Material])?;
                    let produced = match def.kind {
                        Kind::Result => Produced::Result(ResultId::from_index(def.index)),
                        _ => Produced::Material(self.material_ref(&locals, file, name)?),
                    };
                    Some((produced, name.span))
                }),
            );
            let delivers = list_of(
                step.delivers.len(),
                step.delivers.iter().filter_map(|name| {
                    self.lookup(Some(&locals), file, name, &[Kind::Result])
                        .map(|def| (ResultId::from_index(def.index), name.span))
                }),
            );
            let department = match &step.department {
                Some(_) => self.dept(file, &step.department),
                None => implemented_by,
            };
            let special = step.special.map(|s| s.value);
            let when = step
                .when
                .as_deref()
                .map(|c| Box::new(self.condition(file, c, &situations)));
            steps.insert(Step {
                name: step.name.text.clone(),
                at: step.name.span,
                step_type: step.step_type.map(|t| t.value).unwrap_or(StepType::Review),
                department,
                after,
                duration: step.duration,
                counts_toward_limit: step.counts.map(|c| c.value).unwrap_or(special.is_none()),
                special,
                presence: step.presence.map(|p| p.value),
                requires,
                produces,
                delivers,
                when,
                when_at: step.when.as_deref().map(Condition::span),
                more: boxed_unless_empty(StepMore {
                    description: text(&step.description),
                    unconfirmed: unconfirmed(&step.unconfirmed),
                }),
            });
        }

        // Where the hall's contacts come from when the item does not write them.
        let department = implemented_by.and_then(|d| get(&ir.departments, d.index()));
        let mut marks = unconfirmed(&item.unconfirmed);
        let mut take = |field: FieldKw, own: &Option<ast::Text>| {
            let (value, marked) = contact(field, own, zone_ref, department);
            if marked && !marks.contains(&field) {
                marks.push(field);
            }
            value
        };
        let address = take(FieldKw::Address, &item.address);
        let hours = take(FieldKw::Hours, &item.hours);
        let phone = take(FieldKw::Phone, &item.phone);
        let complaint_phone = take(FieldKw::ComplaintPhone, &item.complaint_phone);
        // Every item of the workspace stays in the IR: no room to spare
        // (a duplicate left out leaves some).
        situations.shrink_to_fit();
        materials.shrink_to_fit();
        steps.shrink_to_fit();
        results.shrink_to_fit();

        Box::new(Item {
            name: item.name.text.clone(),
            file,
            at: item.name.span,
            code: item.code.as_ref().map(|c| Spanned {
                value: c.value.0.clone(),
                span: c.span,
            }),
            item_type: item.item_type,
            implemented_by,
            zone,
            legal_basis: texts(&item.legal_basis),
            levels: item.levels.iter().map(|l| l.value).collect(),
            city_wide: item.city_wide.clone(),
            legal_limit: item.legal_limit,
            legal_limit_invalid: item.legal_limit_invalid,
            promised_limit: item.promised_limit,
            serves: item.serves.iter().map(|s| s.value).collect(),
            conditions: spanned_texts(&item.conditions),
            approval_conditions: spanned_texts(&item.approval_conditions),
            implementation_basis: texts(&item.implementation_basis),
            fee: fee(&item.fee),
            courier_fee: fee(&item.courier_fee),
            apply_by_post: item.apply_by_post.is_some_and(|p| p.value),
            fee_basis: text(&item.fee_basis),
            address,
            hours,
            phone,
            complaint_phone,
            visits: item.visits,
            online_depth: item.online_depth,
            description: text(&item.description),
            situations,
            materials,
            steps,
            results,
            intermediaries: item
                .intermediaries
                .iter()
                .map(|i| Intermediary {
                    name: i.name.text.clone(),
                    at: i.name.span,
                    fee: fee(&i.fee),
                    fee_basis: text(&i.fee_basis),
                    duration: i.duration,
                    basis: texts(&i.basis),
                    description: text(&i.description),
                    unconfirmed: unconfirmed(&i.unconfirmed),
                })
                .collect(),
            unconfirmed: marks,
        })
    }

    fn material_ref(&mut self, locals: &Locals, file: FileId, name: &Ident) -> Option<MaterialRef> {
        let def = self.lookup(Some(locals), file, name, &[Kind::Material])?;
        let key = name_key(&name.text);
        Some(match locals.get(&key, &[Kind::Material]) {
            Some(local) if local.kind == Kind::Material => MaterialRef::Item(ItemMaterialId::from_index(local.index)),
            _ => MaterialRef::Library(MaterialId::from_index(def.index)),
        })
    }

    fn condition(&mut self, file: FileId, condition: &Condition, situations: &Named<Situation>) -> Cond {
        match condition {
            Condition::Or(parts, _) => Cond::Or(parts.iter().map(|p| self.condition(file, p, situations)).collect()),
            Condition::And(parts, _) => Cond::And(parts.iter().map(|p| self.condition(file, p, situations)).collect()),
            Condition::Not(inner, _) => Cond::Not(Box::new(self.condition(file, inner, situations))),
            Condition::Flag(name) => {
                let name = Ident {
                    text: name.text.clone(),
                    span: name.span,
                };
                let Some((id, situation)) = self.situation(file, &name, situations) else {
                    return Cond::Invalid;
                };
                if situation.domain == Domain::Bool {
                    Cond::Flag(id)
                } else {
                    self.mismatch(
                        file,
                        name.span,
                        situation,
                        Code::E0205.text("alone", &[]),
                        fix_for(situation),
                    );
                    Cond::Invalid
                }
            }
            Condition::Compare {
                left, op, right, span, ..
            } => {
                let left = Ident {
                    text: left.text.clone(),
                    span: left.span,
                };
                let Some((id, situation)) = self.situation(file, &left, situations) else {
                    return Cond::Invalid;
                };
                let equality = matches!(op, CompareOp::Eq | CompareOp::Ne);
                match (&situation.domain, right) {
                    (Domain::Enum(values), Operand::Name(value)) if equality => {
                        match values.iter().position(|(v, _)| name_key(v) == name_key(&value.text)) {
                            Some(index) => Cond::Enum {
                                situation: id,
                                equal: *op == CompareOp::Eq,
                                value: index,
                            },
                            None => {
                                let names: Vec<&str> = values.iter().map(|(v, _)| v.as_str()).collect();
                                let listed = values
                                    .iter()
                                    .map(|(_, s)| *s)
                                    .reduce(Span::cover)
                                    .unwrap_or(situation.at);
                                self.diagnostics.push(
                                    Diagnostic::new(Code::E0204, file, value.span)
                                        .arg("situation", situation.name.as_str())
                                        .arg("value", value.text.as_str())
                                        .arg("values", Phrase::names(names.iter().copied()))
                                        .suggest(
                                            suggest::closest(&value.text, names.iter().copied()).map(str::to_string),
                                        )
                                        .with_label("definition", file, listed, Vec::new()),
                                );
                                Cond::Invalid
                            }
                        }
                    }
                    (Domain::Bool, Operand::Name(value))
                        if equality && keywords::value_index("bool", &value.text).is_some() =>
                    {
                        let yes = keywords::value_index("bool", &value.text) == Some(0);
                        let flag = Cond::Flag(id);
                        if yes == (*op == CompareOp::Eq) {
                            flag
                        } else {
                            Cond::Not(Box::new(flag))
                        }
                    }
                    (Domain::Number { .. }, Operand::Number(number)) => Cond::Number {
                        situation: id,
                        op: *op,
                        value: number.value,
                    },
                    _ => {
                        let operation = Code::E0205.text(
                            "compared",
                            &[
                                ("operator", Tr::new(op.symbol(), op.symbol())),
                                ("operand", Tr::same(operand_text(right))),
                            ],
                        );
                        self.mismatch(file, *span, situation, operation, fix_for(situation));
                        Cond::Invalid
                    }
                }
            }
        }
    }

    fn situation<'s>(
        &mut self,
        file: FileId,
        name: &Ident,
        situations: &'s Named<Situation>,
    ) -> Option<(SituationId, &'s Situation)> {
        let key = name_key(&name.text);
        if let Some((index, situation)) = situations.get_full(&key) {
            return Some((SituationId::from_index(index), situation));
        }
        let candidates: Vec<&str> = situations.values().map(|s| s.name.as_str()).collect();
        let mut diagnostic = Diagnostic::new(Code::E0201, file, name.span)
            .arg("name", name.text.as_str())
            .arg("kind", Kind::Situation.name())
            .suggest(suggest::closest(&name.text, candidates.iter().copied()).map(str::to_string));
        if name.text.contains(['且', '或', '是', '=']) {
            diagnostic = diagnostic.note_from("spaces_around_is", &[]);
        }
        self.diagnostics.push(diagnostic);
        None
    }

    fn mismatch(&mut self, file: FileId, span: Span, situation: &Situation, operation: Tr, fix: Tr) {
        let domain = match situation.domain {
            Domain::Enum(_) => Tr::new("枚举情形", "an enumerated situation"),
            Domain::Number { .. } => Tr::new("数值情形", "a numeric situation"),
            Domain::Bool => Tr::new("是否情形", "a yes/no situation"),
        };
        self.diagnostics.push(
            Diagnostic::new(Code::E0205, file, span)
                .arg("situation", situation.name.as_str())
                .arg("domain", domain)
                .arg("operation", operation)
                .arg("fix", fix)
                .with_label("definition", file, situation.at, Vec::new()),
        );
    }

    fn thing(&mut self, file: FileId, thing: &ast::Thing) -> Thing {
        let lead = self.dept(file, &thing.lead);
        let zone = thing
            .zone
            .as_ref()
            .and_then(|z| self.lookup_id(None, file, z, Kind::Zone, ZoneId::from_index));
        let mut situations = Named::new();
        for situation in &thing.situations {
            let key = name_key(&situation.name.text);
            if let Some(first) = situations.get(&key).map(|s: &Situation| s.at) {
                let at = Location {
                    file,
                    span: situation.name.span,
                };
                self.diagnostics.push(duplicate(
                    Kind::Situation,
                    &situation.name,
                    at,
                    Location { file, span: first },
                ));
                continue;
            }
            situations.insert(lower_situation(situation));
        }
        let mut items: Vec<Member> = thing
            .items
            .iter()
            .filter_map(|name| {
                self.lookup_id(None, file, name, Kind::Item, ItemId::from_index)
                    .map(|item| Member {
                        item,
                        at: name.span,
                        when: None,
                        when_at: None,
                        optional: false,
                        description: None,
                    })
            })
            .collect();
        for optional in &thing.optional_items {
            let Some(item) = self.lookup_id(None, file, &optional.name, Kind::Item, ItemId::from_index) else {
                continue;
            };
            if let Some(first) = items.iter().find(|m| m.item == item) {
                self.diagnostics.push(
                    Diagnostic::new(Code::E1106, file, optional.name.span)
                        .arg("item", optional.name.text.as_str())
                        .arg("thing", thing.name.text.as_str())
                        .with_label("first", file, first.at, Vec::new()),
                );
                continue;
            }
            let when = match &optional.when {
                Some(condition) => self.condition(file, condition, &situations),
                None => {
                    // Asked for or not: a yes/no question of its own.
                    let (index, _) = situations.insert_full(Situation {
                        name: format!("办理{}", optional.name.text),
                        at: optional.name.span,
                        question: Some(format!("是否办理{}？", optional.name.text)),
                        domain: Domain::Bool,
                    });
                    Cond::Flag(SituationId::from_index(index))
                }
            };
            items.push(Member {
                item,
                at: optional.name.span,
                when: Some(when),
                when_at: optional.when.as_ref().map(Condition::span),
                optional: true,
                description: text(&optional.description),
            });
        }
        let mut order = Vec::new();
        for chain in &thing.order {
            let resolved: Vec<Option<ItemId>> = chain
                .iter()
                .map(|name| {
                    let id = self.lookup_id(None, file, name, Kind::Item, ItemId::from_index)?;
                    if !items.iter().any(|member| member.item == id) {
                        self.diagnostics.push(
                            Diagnostic::new(Code::E0206, file, name.span)
                                .arg("item", name.text.as_str())
                                .arg("thing", thing.name.text.as_str()),
                        );
                    }
                    Some(id)
                })
                .collect();
            for (pair, names) in resolved.windows(2).zip(chain.windows(2)) {
                if let ([Some(before), Some(after)], [_, after_name]) = (pair, names) {
                    order.push((*before, *after, after_name.span));
                }
            }
        }
        let joint_reviews = thing
            .joint_reviews
            .iter()
            .map(|review| {
                let (departments, department_spans) = review
                    .departments
                    .iter()
                    .filter_map(|d| {
                        self.lookup_id(None, file, d, Kind::Department, DeptId::from_index)
                            .map(|id| (id, d.span))
                    })
                    .unzip();
                let when = review
                    .when
                    .as_ref()
                    .map(|condition| self.condition(file, condition, &situations));
                (review, departments, department_spans, when)
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|(review, departments, department_spans, when)| JointReview {
                when,
                name: review.name.text.clone(),
                at: review.name.span,
                group: review
                    .group
                    .as_ref()
                    .and_then(|g| self.lookup_id(None, file, g, Kind::ReviewGroup, ReviewGroupId::from_index)),
                departments,
                department_spans,
                duration: review.duration,
                after: review
                    .after
                    .iter()
                    .filter_map(|i| self.lookup_id(None, file, i, Kind::Item, ItemId::from_index))
                    .collect(),
                presence: review.presence.map(|p| p.value),
                replaces: review
                    .replaces
                    .iter()
                    .filter_map(|r| {
                        let item = self.lookup_id(None, file, &r.item, Kind::Item, ItemId::from_index)?;
                        Some(Replaced {
                            item,
                            at: r.item.span,
                            steps: List::new(),
                            names: r
                                .steps
                                .iter()
                                .map(|s| Spanned {
                                    value: s.text.clone(),
                                    span: s.span,
                                })
                                .collect(),
                        })
                    })
                    .collect(),
            })
            .collect();
        Thing {
            name: thing.name.text.clone(),
            file,
            at: thing.name.span,
            lead,
            zone,
            items: items.into(),
            situations,
            order: order.into(),
            promised_limit: thing.promised_limit,
            visits: thing.visits,
            online_depth: thing.online_depth,
            description: text(&thing.description),
            joint_reviews,
        }
    }
}

fn lower_situation(situation: &ast::Situation) -> Situation {
    let domain = match &situation.domain {
        ast::Domain::Enum(values) => Domain::Enum(values.iter().map(|v| (v.text.clone(), v.span)).collect()),
        ast::Domain::Number { range, unit, integer } => Domain::Number {
            range: range.map(|r| r.value),
            unit: text(unit),
            integer: *integer,
        },
        ast::Domain::Bool => Domain::Bool,
    };
    Situation {
        name: situation.name.text.clone(),
        at: situation.name.span,
        question: text(&situation.question),
        domain,
    }
}

/// E0207 at whichever of the two declarations is written later.
fn same_name(name: &Ident, this: (Kind, Location), other: (Kind, Location)) -> Diagnostic {
    let (later, earlier) = if this.1.span.start >= other.1.span.start {
        (this, other)
    } else {
        (other, this)
    };
    Diagnostic::new(Code::E0207, later.1.file, later.1.span)
        .arg("kind", later.0.name())
        .arg("other", earlier.0.name())
        .arg("name", name.text.as_str())
        .with_label("other", earlier.1.file, earlier.1.span, Vec::new())
}

fn duplicate(kind: Kind, name: &Ident, at: Location, first: Location) -> Diagnostic {
    Diagnostic::new(Code::E0202, at.file, at.span)
        .arg("kind", kind.name())
        .arg("name", name.text.as_str())
        .with_label("first", first.file, first.span, Vec::new())
}

/// The conjuncts of `condition` (itself when it is not a conjunction).
fn flatten_and<'c>(condition: &'c Condition, out: &mut Vec<&'c Condition>) {
    match condition {
        Condition::And(parts, _) => parts.iter().for_each(|p| flatten_and(p, out)),
        other => out.push(other),
    }
}

/// A condition as written, for a message.
fn condition_text(condition: &Condition) -> String {
    match condition {
        Condition::Or(parts, _) => parts.iter().map(condition_text).collect::<Vec<_>>().join(" 或 "),
        Condition::And(parts, _) => parts.iter().map(condition_text).collect::<Vec<_>>().join(" 且 "),
        Condition::Not(inner, _) => format!("非 {}", condition_text(inner)),
        Condition::Flag(name) => name.text.clone(),
        Condition::Compare { left, op, right, .. } => {
            format!("{} {} {}", left.text, op.symbol(), operand_text(right))
        }
    }
}

/// An answer to `situation` for a message: its first value, `是`, or its lowest number.
fn example_answer(situation: &Situation) -> String {
    match &situation.domain {
        Domain::Enum(values) => format!(
            "{} = {}",
            situation.name,
            values.first().map_or("…", |(v, _)| v.as_str())
        ),
        Domain::Bool => situation.name.clone(),
        Domain::Number { range, .. } => format!(
            "{} = {}",
            situation.name,
            range.map_or_else(|| "0".to_string(), |(low, _)| crate::ast::fmt_number(low))
        ),
    }
}

fn fix_for(situation: &Situation) -> Tr {
    let name = ("situation", Tr::same(situation.name.as_str()));
    match &situation.domain {
        Domain::Enum(values) => {
            let example = values.first().map(|(v, _)| v.as_str()).unwrap_or("…");
            Code::E0205.text("fix_enum", &[name, ("value", Tr::same(example))])
        }
        Domain::Number { .. } => Code::E0205.text("fix_number", &[name]),
        Domain::Bool => Code::E0205.text("fix_bool", &[name]),
    }
}

fn operand_text(operand: &Operand) -> String {
    match operand {
        Operand::Name(name) => name.text.clone(),
        Operand::Number(number) => number.text.clone(),
    }
}

fn text(value: &Option<ast::Text>) -> Option<String> {
    value.as_ref().map(|t| t.value.0.clone())
}

/// The texts of a list, as whatever list the IR keeps them in (a `List`, or
/// `Texts` that the items may share with the library).
fn texts<C: FromIterator<String>>(values: &[ast::Text]) -> C {
    values.iter().map(|t| t.value.0.clone()).collect()
}

/// Collects at most `bound` values into a list made at that length: a
/// `filter_map` tells `collect` nothing, and a list grown from empty makes
/// room for four.
fn list_of<T>(bound: usize, values: impl Iterator<Item = T>) -> List<T> {
    let mut list = List::with_capacity(bound);
    list.extend(values);
    list
}

/// Texts with the spans they were written at.
fn spanned_texts(values: &[ast::Text]) -> List<Spanned<String>> {
    values
        .iter()
        .map(|t| Spanned {
            value: t.value.0.clone(),
            span: t.span,
        })
        .collect()
}

/// A fee as the IR keeps it.
fn fee(fee: &Option<Spanned<ast::Fee>>) -> Option<Fee> {
    fee.as_ref().map(|fee| match &fee.value {
        ast::Fee::Free => Fee::Free,
        ast::Fee::Charged(text) => Fee::Charged(text.value.0.clone()),
    })
}

/// One of an item's contact fields (办理地点, 办理时间, 咨询电话, 投诉电话):
/// its own value, else its department's (the phone only), else its zone's;
/// and whether the value it takes from there is marked 待核实 (its own marks
/// are the item's).
fn contact(
    field: FieldKw,
    own: &Option<ast::Text>,
    zone: Option<&Zone>,
    department: Option<&Department>,
) -> (Option<String>, bool) {
    if let Some(own) = text(own) {
        return (Some(own), false);
    }
    let from_department = department
        .filter(|_| field == FieldKw::Phone)
        .and_then(|d| Some((d.phone.clone()?, d.unconfirmed.contains(&field))));
    let from_zone = zone.and_then(|z| {
        let value = match field {
            FieldKw::Address => &z.address,
            FieldKw::Hours => &z.hours,
            FieldKw::Phone => &z.phone,
            _ => &z.complaint_phone,
        };
        Some((value.clone()?, z.unconfirmed.contains(&field)))
    });
    match from_department.or(from_zone) {
        Some((value, marked)) => (Some(value), marked),
        None => (None, false),
    }
}

fn unconfirmed(marks: &[Spanned<FieldKw>]) -> List<FieldKw> {
    marks.iter().map(|m| m.value).collect()
}

/// The language's reading of `原件` (and of no `类型`): a document issued by
/// someone else is shown and handed back, one the applicant makes is kept.
pub fn resolve_copy(copy: Option<CopyKind>, source: Option<Source>) -> CopyKind {
    match copy.unwrap_or(CopyKind::Original) {
        CopyKind::Original if matches!(source, Some(Source::Government | Source::Intermediary)) => {
            CopyKind::OriginalShown
        }
        CopyKind::Original => CopyKind::OriginalKept,
        other => other,
    }
}

/// The item's own list, else the library's, else the default.
fn pick<T: Copy>(own: List<T>, library: Option<&List<T>>, default: T) -> List<T> {
    if !own.is_empty() {
        return own;
    }
    match library {
        Some(list) if !list.is_empty() => list.clone(),
        _ => thin_vec::thin_vec![default],
    }
}
