//! The streamed front end of a large one-off check: every file's AST is never
//! alive at once.
//!
//! Items are lowered against the whole workspace's names and its library, so
//! the whole-workspace front end parses every file, keeps every AST, then
//! resolves. Here a first pass over the files (on every core) reads only the
//! heads of the declarations of a file that declares nothing but items,
//! things and tests, and parses the other files (the library's) in full.
//! With every name declared and the library lowered, a second pass parses
//! each of the first kind of file, lowers its items into the IR and frees
//! its AST at once, on every core. The IR is the same, and so are the
//! findings, as the whole-workspace front end's.
//!
//! What the heads say a file declares is compared with what its full parse
//! declares; where they differ (a piece of a file that holds two
//! declarations, say), the caller falls back on the whole-workspace front
//! end, which reads the workspace again.

use super::{Consequences, FileResult, FrontEnd, Outline, SourceFile, Workspace, lower_parsed, one_file};
use crate::ast::{Decl, Ident};
use crate::diagnostics::{Diagnostic, FileId};
use crate::ir::from_ast::{Declared, Kind, Names, global_kind, global_name};
use crate::ir::{Ir, Item};
use crate::keywords::BlockKw;

/// What the first pass made of one file.
enum First {
    /// A rule file that declares only items, things and tests: the global
    /// names its heads declare, in order, and its pieces. Parsed in the
    /// second pass.
    Deferred(Vec<(Kind, Ident)>, crate::syntax::Pieces),
    /// Any other file, parsed (and lowered to its AST) in the first pass.
    Parsed(FileResult),
}

/// What the second pass made of one file.
#[derive(Default)]
struct Second {
    diagnostics: Vec<Diagnostic>,
    /// A deferred file's outline.
    outline: Option<Outline>,
    /// The file's items, lowered, each with its key.
    items: Vec<(String, Box<Item>)>,
    /// A deferred file's things and tests, lowered once every item is.
    rest: Vec<Decl>,
    /// The full parse declares what the heads said.
    agrees: bool,
    /// A deferred file declares something.
    declares: bool,
}

/// The front end of [`super::check`] for a large workspace, or `None` where
/// a file's heads and its full parse disagree.
pub(super) fn front_end(workspace: &Workspace) -> Option<FrontEnd> {
    let files: Vec<(FileId, &SourceFile)> = workspace.files.with_ids().collect();
    let first: Vec<First> = crate::parallel::map_weighted(
        &files,
        |(_, file)| file.text.len(),
        |&(id, file)| match deferrable(file) {
            Some((declared, pieces)) => First::Deferred(declared, pieces),
            None => First::Parsed(one_file(id, file)),
        },
    );

    let mut diagnostics = Vec::new();
    let declared = files.iter().zip(&first).filter_map(|((id, _), first)| match first {
        First::Deferred(names, _) => Some(Declared {
            file: *id,
            names: names.iter().map(|(kind, ident)| (*kind, ident)).collect(),
            broken: &[],
        }),
        First::Parsed((_, Some(ast), _)) => Some(Declared::of(ast)),
        First::Parsed(_) => None,
    });
    let names = Names::declare(declared, &mut diagnostics);
    let mut ir = Ir::default();
    let parsed = first.iter().filter_map(|first| match first {
        First::Parsed((_, Some(ast), _)) => Some(ast),
        _ => None,
    });
    names.lower_library(parsed, &mut ir, &mut diagnostics);

    let work: Vec<(FileId, &SourceFile, &First)> = files
        .iter()
        .zip(&first)
        .map(|(&(id, file), first)| (id, file, first))
        .collect();
    // The other cores parse the deferred files; this thread lowers each
    // one's items as it comes and frees its AST. Its heap holds the IR and
    // little else: lowered where the trees are made, the IR would lie
    // scattered among the pages the trees leave free.
    let mut second: Vec<Second> = std::iter::repeat_with(Second::default).take(work.len()).collect();
    crate::parallel::for_each_weighted(
        &work,
        |(_, file, _)| file.text.len(),
        |&(id, file, first)| match first {
            First::Deferred(_, pieces) => Some(lower_parsed(id, crate::syntax::parse_pieces(id, &file.text, pieces))),
            First::Parsed(_) => None,
        },
        |index, parsed| {
            let Some(&(id, _, first)) = work.get(index) else { return };
            let done = match (first, parsed) {
                (First::Deferred(declared, _), Some((mut diagnostics, Some(ast), outline))) => {
                    let agrees = ast.broken.is_empty()
                        && ast
                            .decls
                            .iter()
                            .filter_map(global_name)
                            .map(|(kind, ident)| (kind, ident.text.as_str(), ident.span))
                            .eq(declared
                                .iter()
                                .map(|(kind, ident)| (*kind, ident.text.as_str(), ident.span)));
                    if agrees {
                        let items = names.lower_items(id, &ast.decls, &ir, &mut diagnostics);
                        let declares = !ast.decls.is_empty();
                        let rest: Vec<Decl> = ast
                            .decls
                            .into_iter()
                            .filter(|decl| matches!(decl, Decl::Thing(_) | Decl::Test(_)))
                            .collect();
                        // Only the front end's findings in a file make its
                        // outline needed, and the later ones come from its
                        // things and tests: a file of items found clean
                        // now never needs it.
                        let needed = !rest.is_empty() || diagnostics.iter().any(|d| Consequences::cause(d.code));
                        Second {
                            diagnostics,
                            outline: Some(if needed { outline } else { Outline::default() }),
                            items,
                            declares,
                            rest,
                            agrees,
                        }
                    } else {
                        Second::default()
                    }
                }
                (First::Parsed((_, Some(ast), _)), _) => {
                    let mut diagnostics = Vec::new();
                    let items = names.lower_items(id, &ast.decls, &ir, &mut diagnostics);
                    Second {
                        diagnostics,
                        items,
                        agrees: true,
                        ..Second::default()
                    }
                }
                (First::Parsed(_), _) => Second {
                    agrees: true,
                    ..Second::default()
                },
                (First::Deferred(..), _) => Second::default(),
            };
            if let Some(slot) = second.get_mut(index) {
                *slot = done;
            }
        },
        4,
    );
    if !second.iter().all(|s| s.agrees) {
        return None;
    }

    ir.items.reserve_exact(second.iter().map(|s| s.items.len()).sum());
    for done in &mut second {
        // Taken, not drained: each file's list is freed as it is emptied.
        for (key, item) in std::mem::take(&mut done.items) {
            ir.items.insert(key, item);
        }
    }
    for ((id, _), (first, second)) in files.iter().zip(first.iter().zip(&second)) {
        names.lower_things(*id, decls(first, second), &mut ir, &mut diagnostics);
    }
    names.finish(
        &mut ir,
        files
            .iter()
            .zip(first.iter().zip(&second))
            .map(|((id, _), (first, second))| (*id, decls(first, second))),
        &mut diagnostics,
    );

    let mut declares_nothing = true;
    let mut outlines = Vec::with_capacity(files.len());
    for (first, second) in first.into_iter().zip(second) {
        diagnostics.extend(second.diagnostics);
        match first {
            First::Parsed((file_diagnostics, ast, outline)) => {
                diagnostics.extend(file_diagnostics);
                if ast.is_some_and(|ast| !ast.decls.is_empty() || !ast.broken.is_empty()) {
                    declares_nothing = false;
                }
                outlines.push(outline);
            }
            First::Deferred(..) => {
                if second.declares {
                    declares_nothing = false;
                }
                outlines.push(second.outline.unwrap_or_default());
            }
        }
    }
    Some(FrontEnd {
        diagnostics,
        ir,
        outlines,
        declares_nothing,
    })
}

/// A file's declarations after the second pass: all of a parsed file's, or
/// a deferred file's things and tests.
fn decls<'a>(first: &'a First, second: &'a Second) -> &'a [Decl] {
    match first {
        First::Parsed((_, Some(ast), _)) => &ast.decls,
        _ => &second.rest,
    }
}

/// The global names a rule file declares, from the heads of its
/// declarations, with the pieces the second pass parses, when it declares
/// nothing but items, things and tests; `None` for any other file (the library's, a catalog, a file the heads
/// cannot be read from).
fn deferrable(file: &SourceFile) -> Option<(Vec<(Kind, Ident)>, crate::syntax::Pieces)> {
    if file.kind != super::FileKind::Rules || file.invalid_utf8_at.is_some() {
        return None;
    }
    let mut declared = Vec::new();
    let (heads, pieces) = crate::syntax::heads(&file.text)?;
    for head in heads {
        let Some(keyword) = BlockKw::from_word(&head.keyword.text).filter(|kw| crate::schema::TOP_LEVEL.contains(kw))
        else {
            // Reported by the full parse; declares nothing.
            continue;
        };
        let Some(name) = head.name.filter(|name| !name.text.trim().is_empty()) else {
            continue;
        };
        match keyword {
            BlockKw::Item | BlockKw::Thing => declared.push((
                global_kind(keyword)?,
                Ident {
                    text: name.text,
                    span: name.span,
                },
            )),
            BlockKw::Test => {}
            _ => return None,
        }
    }
    Some((declared, pieces))
}
