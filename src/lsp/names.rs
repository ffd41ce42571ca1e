//! Names in a workspace for the language server: every declaration and
//! every use, read from the syntax trees, and what go-to-definition, find
//! references, hover and the outlines answer from them.
//!
//! A name is looked up as the language resolves it: a name declared inside
//! a top-level declaration (a step, a situation, a situation's value, an
//! item's own material) is found there first; otherwise the workspace's
//! top-level declarations (departments, zones, data sources, library
//! materials, items, things, review groups, acceptance levels). An item's
//! material block that repeats a library material's name uses it.

use super::Loaded;
use super::position::{Encoding, Lines};
use crate::diagnostics::{FileId, Span};
use crate::keywords::{BlockKw, FieldKw};
use crate::schema::{self, ValueKind};
use crate::syntax::tree::{Atom, Block, Condition, Entry, Operand, SyntaxFile, ValueItem};
use crate::workspace::SourceFile;
use serde_json::{Value, json};

/// Where a name stands: the file and, for a name inside a top-level
/// declaration, that declaration's start.
type Scope = (usize, Option<u32>);

#[derive(Debug, Clone)]
struct Occurrence {
    file: usize,
    name: String,
    span: Span,
    scope: Scope,
    /// For a declaration: its keyword and the whole block.
    declaration: Option<(String, Span)>,
    /// A nested declaration that also uses a top-level one of the same name
    /// (an item's `材料 营业执照 {}`).
    also_use: bool,
}

pub struct Index<'a> {
    loaded: &'a Loaded,
    occurrences: Vec<Occurrence>,
    /// The syntax tree of each file (`None` for manifests and catalogs).
    trees: Vec<Option<SyntaxFile>>,
}

impl<'a> Index<'a> {
    pub fn of(loaded: &'a Loaded) -> Index<'a> {
        let mut occurrences = Vec::new();
        let mut trees = Vec::new();
        for (index, file) in loaded.workspace.files.iter().enumerate() {
            if file.kind != crate::workspace::FileKind::Rules {
                trees.push(None);
                continue;
            }
            let (tree, _) = crate::syntax::parse(FileId(u32::try_from(index).unwrap_or(u32::MAX)), &file.text);
            collect(&tree, index, &mut occurrences);
            trees.push(Some(tree));
        }
        Index {
            loaded,
            occurrences,
            trees,
        }
    }

    /// The occurrence at `offset` of file `file` (a cursor just after a name counts).
    fn at(&self, file: usize, offset: usize) -> Option<&Occurrence> {
        self.occurrences
            .iter()
            .find(|o| o.file == file && (o.span.start as usize) <= offset && offset <= (o.span.end as usize))
    }

    /// The declarations `occurrence` stands for, best first.
    fn targets<'s>(&'s self, occurrence: &'s Occurrence) -> Vec<&'s Occurrence> {
        let named = |o: &&Occurrence| o.declaration.is_some() && o.name == occurrence.name;
        let top: Vec<&Occurrence> = self
            .occurrences
            .iter()
            .filter(named)
            .filter(|o| o.scope.1.is_none())
            .collect();
        if occurrence.also_use && !top.is_empty() {
            return top;
        }
        if occurrence.declaration.is_some() {
            return vec![occurrence];
        }
        let local: Vec<&Occurrence> = self
            .occurrences
            .iter()
            .filter(named)
            .filter(|o| o.scope == occurrence.scope && occurrence.scope.1.is_some())
            .collect();
        // An item's own material that repeats a library material: the
        // library's declaration says what it is.
        let only_library_repeats = local.iter().all(|o| o.also_use) && !top.is_empty();
        if !local.is_empty() && !only_library_repeats {
            return local;
        }
        top
    }

    fn location(&self, occurrence: &Occurrence, encoding: Encoding) -> Option<Value> {
        let path = self.loaded.paths.get(occurrence.file)?;
        let file = self.loaded.workspace.files.get(super::file_id(occurrence.file))?;
        let lines = Lines::of(file);
        Some(json!({
            "uri": super::position::uri_of_path(path),
            "range": lines.range(&file.text, occurrence.span.start as usize, occurrence.span.end as usize, encoding),
        }))
    }

    pub fn definition(&self, file: usize, offset: usize, encoding: Encoding) -> Value {
        let Some(occurrence) = self.at(file, offset) else {
            return Value::Null;
        };
        let found: Vec<Value> = self
            .targets(occurrence)
            .into_iter()
            .filter_map(|target| self.location(target, encoding))
            .collect();
        if found.is_empty() {
            Value::Null
        } else {
            Value::Array(found)
        }
    }

    /// The occurrences that mean what the one at the cursor means: its
    /// declarations (when `with_declaration`) and every use resolving to them.
    fn same_name(&self, file: usize, offset: usize, with_declaration: bool) -> Vec<&Occurrence> {
        let Some(occurrence) = self.at(file, offset) else {
            return Vec::new();
        };
        let targets: Vec<(usize, Span)> = self.targets(occurrence).iter().map(|t| (t.file, t.span)).collect();
        self.occurrences
            .iter()
            .filter(|o| o.name == occurrence.name)
            .filter(|o| {
                let is_target = targets.contains(&(o.file, o.span));
                (with_declaration || !is_target)
                    && (is_target || self.targets(o).iter().any(|t| targets.contains(&(t.file, t.span))))
            })
            .collect()
    }

    pub fn references(&self, file: usize, offset: usize, with_declaration: bool, encoding: Encoding) -> Value {
        if self.at(file, offset).is_none() {
            return Value::Null;
        }
        let found: Vec<Value> = self
            .same_name(file, offset, with_declaration)
            .into_iter()
            .filter_map(|o| self.location(o, encoding))
            .collect();
        Value::Array(found)
    }

    /// Every occurrence of the name at the cursor, declarations included, as
    /// `(uri, range)`: what a rename rewrites.
    pub fn all_occurrences(&self, file: usize, offset: usize, encoding: Encoding) -> Vec<(String, Value)> {
        self.same_name(file, offset, true)
            .into_iter()
            .filter_map(|o| {
                let location = self.location(o, encoding)?;
                Some((
                    location.get("uri")?.as_str()?.to_string(),
                    location.get("range")?.clone(),
                ))
            })
            .collect()
    }

    /// The declaration of the name under the cursor, as written (its first lines).
    pub fn hover(&self, file: usize, offset: usize, encoding: Encoding) -> Value {
        let Some(occurrence) = self.at(file, offset) else {
            return Value::Null;
        };
        let Some(target) = self.targets(occurrence).into_iter().next() else {
            return Value::Null;
        };
        let Some((_, whole)) = &target.declaration else {
            return Value::Null;
        };
        let Some(source) = self.loaded.workspace.files.get(super::file_id(target.file)) else {
            return Value::Null;
        };
        let Some(Some(tree)) = self.trees.get(target.file) else {
            return Value::Null;
        };
        let summary = summary(
            &source.text,
            tree,
            &target.name,
            target.declaration.as_ref().map(|d| d.0.as_str()),
            *whole,
        );
        let here = self
            .loaded
            .workspace
            .files
            .get(super::file_id(occurrence.file))
            .map(|f| {
                Lines::of(f).range(
                    &f.text,
                    occurrence.span.start as usize,
                    occurrence.span.end as usize,
                    encoding,
                )
            });
        json!({
            "contents": { "kind": "markdown", "value": format!("{summary}\n\n{}", source.path) },
            "range": here,
        })
    }
}

/// A declaration in one or two lines: its keyword and name, then the fields
/// that say what it is (a material's type, source and basis; an item's
/// limits; a step's department and time …), as written.
fn summary(text: &str, tree: &SyntaxFile, name: &str, keyword: Option<&str>, whole: Span) -> String {
    use FieldKw as F;
    let head = format!("**{} {name}**", keyword.unwrap_or(""));
    let mut stack: Vec<&Block> = tree.blocks.iter().collect();
    let mut found = None;
    while let Some(block) = stack.pop() {
        if block.span == whole {
            found = Some(block);
            break;
        }
        if let Some(body) = &block.body {
            stack.extend(body.entries.iter().filter_map(|e| match e {
                Entry::Block(inner) => Some(inner),
                _ => None,
            }));
        }
    }
    let Some(block) = found else { return head };
    let wanted: &[FieldKw] = match BlockKw::from_word(&block.keyword.text) {
        Some(BlockKw::Material) => &[F::Type, F::Source, F::Basis, F::Form],
        Some(BlockKw::Item) => &[F::Type, F::ImplementedBy, F::LegalLimit, F::PromisedLimit],
        Some(BlockKw::Department) => &[F::FullName, F::Level],
        Some(BlockKw::Zone) => &[F::FullName, F::Address],
        Some(BlockKw::DataSource) => &[F::Trust, F::Provides],
        Some(BlockKw::Step) => &[F::Type, F::Department, F::Duration],
        Some(BlockKw::Situation) => &[F::Question, F::Values, F::Range, F::Unit],
        Some(BlockKw::Result) => &[F::Type, F::Delivery],
        Some(BlockKw::Thing) => &[F::Items, F::PromisedLimit],
        Some(BlockKw::ReviewGroup) => &[F::Members],
        Some(BlockKw::AcceptanceLevel) => &[F::ForwardsTo, F::Circulation],
        Some(BlockKw::JointReview) => &[F::Department, F::Duration],
        Some(BlockKw::IntermediaryService) => &[F::Duration, F::Fee],
        Some(BlockKw::Test) => &[F::Items, F::TestedThing],
        Some(BlockKw::Replaces) => &[F::Steps],
        Some(BlockKw::OptionalItem) | None => &[F::Description],
    };
    let fields: Vec<String> = block
        .body
        .iter()
        .flat_map(|body| body.entries.iter())
        .filter_map(|entry| match entry {
            Entry::Field(field) => Some(field),
            _ => None,
        })
        .filter(|field| FieldKw::from_word(&field.key.text).is_some_and(|kw| wanted.contains(&kw)))
        .map(|field| {
            let value = text
                .get(field.value.span.start as usize..field.value.span.end as usize)
                .unwrap_or("");
            let mut shown: String = value.split_whitespace().collect::<Vec<_>>().join(" ");
            if shown.chars().count() > 60 {
                shown = shown.chars().take(60).chain(['…']).collect();
            }
            format!("{}：{shown}", field.key.text)
        })
        .collect();
    if fields.is_empty() {
        head
    } else {
        format!("{head}\n\n{}", fields.join(" · "))
    }
}

/// Every declaration and use of a name in one file.
fn collect(tree: &SyntaxFile, file: usize, out: &mut Vec<Occurrence>) {
    for block in &tree.blocks {
        let scope_start = block.span.start;
        walk(block, file, None, Some(scope_start), out);
    }
}

/// Walks a block: `scope` is `None` for a top-level block itself; `inner`
/// is the scope its contents get.
fn walk(block: &Block, file: usize, scope: Option<u32>, inner: Option<u32>, out: &mut Vec<Occurrence>) {
    let kind = BlockKw::from_word(&block.keyword.text);
    if let Some(name) = &block.name {
        // `替代 <item>` names an item declared elsewhere: a use, not a declaration.
        let declaration = (kind != Some(BlockKw::Replaces)).then(|| (block.keyword.text.clone(), block.span));
        out.push(Occurrence {
            file,
            name: name.text.clone(),
            span: name.span,
            scope: (file, scope),
            declaration,
            also_use: scope.is_some() && matches!(kind, Some(BlockKw::Material | BlockKw::OptionalItem)),
        });
    }
    let Some(body) = &block.body else { return };
    let spec = kind.map(schema::block);
    for entry in &body.entries {
        match entry {
            Entry::Block(nested) => walk(nested, file, inner, inner, out),
            Entry::When(when) => condition(&when.condition, file, inner, out),
            Entry::Field(field) => {
                let field_kw = FieldKw::from_word(&field.key.text);
                let value = spec.zip(field_kw).and_then(|(spec, kw)| spec.value_of(kw));
                let names = match value {
                    Some(ValueKind::Names | ValueKind::Chains) => true,
                    Some(_) => false,
                    None => false,
                };
                if !names {
                    continue;
                }
                // A situation's values are declared where they are listed.
                let declares = kind == Some(BlockKw::Situation) && field_kw == Some(FieldKw::Values);
                for item in &field.value.items {
                    let atoms: Vec<&Atom> = match item {
                        ValueItem::Atom(atom) => vec![atom],
                        ValueItem::Chain(atoms, _) => atoms.iter().collect(),
                    };
                    for atom in atoms {
                        if let Atom::Name(name) = atom {
                            out.push(Occurrence {
                                file,
                                name: name.text.clone(),
                                span: name.span,
                                scope: (file, inner),
                                declaration: declares.then(|| ("取值".to_string(), name.span)),
                                also_use: false,
                            });
                        }
                    }
                }
            }
        }
    }
}

fn condition(condition: &Condition, file: usize, scope: Option<u32>, out: &mut Vec<Occurrence>) {
    let mut stack = vec![condition];
    while let Some(condition) = stack.pop() {
        match condition {
            Condition::Or(parts, _) | Condition::And(parts, _) => stack.extend(parts.iter()),
            Condition::Not(inner, _) => stack.push(inner),
            Condition::Flag(name) => out.push(use_of(name, file, scope)),
            Condition::Compare { left, right, .. } => {
                out.push(use_of(left, file, scope));
                if let Operand::Name(name) = right {
                    out.push(use_of(name, file, scope));
                }
            }
        }
    }
}

fn use_of(name: &crate::syntax::tree::Name, file: usize, scope: Option<u32>) -> Occurrence {
    Occurrence {
        file,
        name: name.text.clone(),
        span: name.span,
        scope: (file, scope),
        declaration: None,
        also_use: false,
    }
}

/// The protocol's symbol kind for a declaration keyword.
fn symbol_kind(keyword: &str) -> u32 {
    match BlockKw::from_word(keyword) {
        Some(BlockKw::Item) => 2,                                      // Module
        Some(BlockKw::Thing) => 3,                                     // Namespace
        Some(BlockKw::Department | BlockKw::ReviewGroup) => 5,         // Class
        Some(BlockKw::Material) => 1,                                  // File
        Some(BlockKw::Step | BlockKw::JointReview) => 24,              // Event
        Some(BlockKw::Situation) => 10,                                // Enum
        Some(BlockKw::Result) => 19,                                   // Object
        Some(BlockKw::Zone | BlockKw::AcceptanceLevel) => 20,          // Key
        Some(BlockKw::DataSource | BlockKw::IntermediaryService) => 8, // Field
        Some(BlockKw::OptionalItem | BlockKw::Replaces) => 2,
        Some(BlockKw::Test) => 12, // Function
        None => 13,                // Variable
    }
}

/// The outline of one file: its declarations and the ones inside them.
pub fn document_symbols(file: &SourceFile, encoding: Encoding) -> Value {
    let (tree, _) = crate::syntax::parse(FileId(0), &file.text);
    let lines = Lines::of(file);
    fn symbol(block: &Block, text: &str, lines: &Lines, encoding: Encoding, depth: usize) -> Value {
        let name = block
            .name
            .as_ref()
            .map_or(block.keyword.text.clone(), |n| n.text.clone());
        let selection = block.name.as_ref().map_or(block.keyword.span, |n| n.span);
        let children: Vec<Value> = match (&block.body, depth < 8) {
            (Some(body), true) => body
                .entries
                .iter()
                .filter_map(|entry| match entry {
                    Entry::Block(inner) => Some(symbol(inner, text, lines, encoding, depth + 1)),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        json!({
            "name": name,
            "detail": block.keyword.text,
            "kind": symbol_kind(&block.keyword.text),
            "range": lines.range(text, block.span.start as usize, block.span.end as usize, encoding),
            "selectionRange": lines.range(text, selection.start as usize, selection.end as usize, encoding),
            "children": children,
        })
    }
    Value::Array(
        tree.blocks
            .iter()
            .map(|block| symbol(block, &file.text, &lines, encoding, 0))
            .collect(),
    )
}

/// The top-level declarations whose name contains `query`.
pub fn workspace_symbols(loaded: &Loaded, query: &str, encoding: Encoding) -> Vec<Value> {
    let index = Index::of(loaded);
    index
        .occurrences
        .iter()
        .filter(|o| o.scope.1.is_none() && o.name.contains(query))
        .filter_map(|o| {
            let (keyword, _) = o.declaration.as_ref()?;
            Some(json!({
                "name": o.name,
                "kind": symbol_kind(keyword),
                "containerName": keyword,
                "location": index.location(o, encoding)?,
            }))
        })
        .collect()
}
