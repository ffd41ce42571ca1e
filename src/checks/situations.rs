//! Situations are complete and consistent: in every scenario an applicant can
//! be in, the item is well formed.
//!
//! - E0601 a material's or step's condition holds in no situation;
//! - E0602 a scenario in which no decision step applies (a gap between
//!   alternative procedures, or no decision step at all), E0606 one in which
//!   two decision steps that are not ordered apply together (an overlap);
//! - E0603 a scenario in which no applying step gives a result;
//! - E0604 an applying step none of whose listed predecessors (`之后`) applies;
//! - E0605 an applying step that requires a material not collected then;
//! - E0608 an applying step that requires a material that earlier steps
//!   produce, when none of them applies then and the item does not collect
//!   it either;
//! - W0607 a question about the item's situations whose search stopped at
//!   its bound of steps before it was sure (a resource limit).
//!
//! Each check asks whether there is an applicant for whom a problem arises,
//! over the conditions it reads only (see [`ItemSituations::find`]): the
//! answer is exact however many situations the item has, and the first
//! scenario, in declaration order, is the example.

use crate::analysis::situations::{self, Answer, ItemSituations, MAX_STEPS, Partial, Scenario, may_fail, may_hold};
use crate::ast::StepType;
use crate::diagnostics::{Code, Diagnostic, Phrase, Tr};
use crate::graph::{Graphs, ItemGraph, reachable};
use crate::ir::{Cond, Ir, Item, MaterialRef, Produced, Step, get};
use petgraph::graph::{DiGraph, NodeIndex};

pub fn check(ir: &Ir, graphs: &Graphs, analyses: &[ItemSituations], out: &mut Vec<Diagnostic>) {
    for ((item, analysis), graph) in ir.items.values().zip(analyses).zip(&graphs.items) {
        if analysis.skipped {
            continue;
        }
        let mut truncated = false;
        never_holds(item, analysis, out);
        if !item.steps.is_empty() {
            decisions(item, analysis, out, &mut truncated);
            results(item, analysis, out, &mut truncated);
            waits(item, analysis, out, &mut truncated);
            requirements(item, graph, analysis, out, &mut truncated);
            produced(ir, item, graph, analysis, out, &mut truncated);
        }
        if truncated {
            out.push(too_many(item));
        }
    }
}

/// W0607 for `item`.
pub fn too_many(item: &Item) -> Diagnostic {
    too_many_at(item, item.at)
}

/// W0607 for `item`, at `at` (the condition whose question was not settled).
fn too_many_at(item: &Item, at: crate::diagnostics::Span) -> Diagnostic {
    Diagnostic::new(Code::W0607, item.file, at)
        .arg("what", Tr::new("事项", "item"))
        .arg("name", item.name.as_str())
        .arg("limit", MAX_STEPS.to_string())
}

/// W0607 for `thing`.
pub fn too_many_in_thing(thing: &crate::ir::Thing) -> Diagnostic {
    Diagnostic::new(Code::W0607, thing.file, thing.at)
        .arg("what", Tr::new("一件事", "thing"))
        .arg("name", thing.name.as_str())
        .arg("limit", MAX_STEPS.to_string())
}

/// The first scenario of `conditions` in which `question` holds (see
/// [`ItemSituations::find`]); notes in `stopped` a search that stopped at its bound.
fn find(
    analysis: &ItemSituations,
    conditions: &[Option<&Cond>],
    stopped: &mut bool,
    question: impl Fn(&Partial) -> bool,
) -> Option<Scenario> {
    let Answer { answer, stopped: now } = analysis.find(conditions, question);
    *stopped |= now;
    answer
}

/// The first condition holds and none of the others does.
pub fn first_without_the_others(partial: &Partial) -> bool {
    may_hold(partial, 0) && (1..partial.len()).all(|i| may_fail(partial, i))
}

fn never_holds(item: &Item, analysis: &ItemSituations, out: &mut Vec<Diagnostic>) {
    let entries = item
        .materials
        .values()
        .map(|m| {
            (
                Tr::new("材料", "material"),
                m.name.as_str(),
                m.when.as_deref(),
                m.when_at,
            )
        })
        .chain(
            item.steps
                .values()
                .map(|s| (Tr::new("环节", "step"), s.name.as_str(), s.when.as_deref(), s.when_at)),
        );
    for (what, name, when, at) in entries {
        let (Some(when), Some(at)) = (when, at) else { continue };
        let mut stopped = false;
        let holding = find(analysis, &[Some(when)], &mut stopped, |p| may_hold(p, 0));
        // A search that stopped might have missed where it holds: say so, at
        // the condition, and nothing more.
        if stopped {
            out.push(too_many_at(item, at));
        } else if holding.is_none() {
            out.push(
                Diagnostic::new(Code::E0601, item.file, at)
                    .arg("what", what)
                    .arg("name", name),
            );
        }
    }
}

fn decisions(item: &Item, analysis: &ItemSituations, out: &mut Vec<Diagnostic>, truncated: &mut bool) {
    let decisions: Vec<usize> = item
        .steps
        .values()
        .enumerate()
        .filter(|(_, s)| s.step_type == StepType::Decide)
        .map(|(i, _)| i)
        .collect();
    if decisions.is_empty() {
        // Not a gap between procedures: the item has no decision at all.
        out.push(
            Diagnostic::new(Code::E0602, item.file, item.at)
                .arg("item", item.name.as_str())
                .arg("when", Tr::new("", "")),
        );
        return;
    }
    let conditions: Vec<Option<&Cond>> = decisions.iter().map(|&d| step_when(item, d)).collect();
    // A gap: no decision step applies.
    if let Some(scenario) = find(analysis, &conditions, truncated, |p| {
        (0..p.len()).all(|i| may_fail(p, i))
    }) {
        out.push(
            Diagnostic::new(Code::E0602, item.file, item.at)
                .arg("item", item.name.as_str())
                .arg("when", situations::when_phrase(item, analysis, &scenario, false)),
        );
    }
    // An overlap: two decision steps that are not ordered apply together.
    for (n, &a) in decisions.iter().enumerate() {
        for (m, &b) in decisions.iter().enumerate().skip(n + 1) {
            if ordered(item, a, b) {
                continue;
            }
            let Some(scenario) = find(analysis, &conditions, truncated, |p| may_hold(p, n) && may_hold(p, m)) else {
                continue;
            };
            let (Some(first), Some(second)) = (item.steps.get_index(a), item.steps.get_index(b)) else {
                continue;
            };
            out.push(
                Diagnostic::new(Code::E0606, item.file, second.at)
                    .arg("situation", situations::describe(item, analysis, &scenario))
                    .arg("first", first.name.as_str())
                    .arg("second", second.name.as_str())
                    .with_label("first", item.file, first.at, Vec::new()),
            );
        }
    }
}

/// Whether one decision step explicitly comes after the other (so they are
/// not alternatives). Only `之后` counts: two decisions written one after the
/// other without it are alternatives, as optional steps in a list are.
fn ordered(item: &Item, a: usize, b: usize) -> bool {
    let mut explicit: DiGraph<(), ()> = DiGraph::new();
    for _ in 0..item.steps.len() {
        explicit.add_node(());
    }
    for (to, step) in item.steps.values().enumerate() {
        for edge in step.after.iter().filter(|e| !e.implicit) {
            explicit.add_edge(NodeIndex::new(edge.from.index()), NodeIndex::new(to), ());
        }
    }
    reachable(&explicit, &[NodeIndex::new(a)], true)
        .get(b)
        .copied()
        .unwrap_or(false)
        || reachable(&explicit, &[NodeIndex::new(b)], true)
            .get(a)
            .copied()
            .unwrap_or(false)
}

fn step_when(item: &Item, index: usize) -> Option<&Cond> {
    item.steps.get_index(index).and_then(|s| s.when.as_deref())
}

fn results(item: &Item, analysis: &ItemSituations, out: &mut Vec<Diagnostic>, truncated: &mut bool) {
    let giving: Vec<usize> = item
        .steps
        .values()
        .enumerate()
        .filter(|(_, step)| step.gives_result())
        .map(|(i, _)| i)
        .collect();
    if giving.is_empty() {
        return; // E0303 and E0306 already say so
    }
    let conditions: Vec<Option<&Cond>> = giving.iter().map(|&g| step_when(item, g)).collect();
    if let Some(scenario) = find(analysis, &conditions, truncated, |p| {
        (0..p.len()).all(|i| may_fail(p, i))
    }) {
        out.push(
            Diagnostic::new(Code::E0603, item.file, item.at)
                .arg("item", item.name.as_str())
                .arg("when", situations::when_phrase(item, analysis, &scenario, false)),
        );
    }
}

fn waits(item: &Item, analysis: &ItemSituations, out: &mut Vec<Diagnostic>, truncated: &mut bool) {
    for step in item.steps.values() {
        let listed: Vec<_> = step.after.iter().filter(|e| !e.implicit).collect();
        let Some(first) = listed.first() else { continue };
        // A listed step without a condition always applies.
        if listed.iter().any(|e| step_when(item, e.from.index()).is_none()) {
            continue;
        }
        let mut conditions = vec![step.when.as_deref()];
        conditions.extend(listed.iter().map(|e| step_when(item, e.from.index())));
        let Some(scenario) = find(analysis, &conditions, truncated, first_without_the_others) else {
            continue;
        };
        let waited: Vec<&crate::ir::Step> = listed
            .iter()
            .filter_map(|e| item.steps.get_index(e.from.index()))
            .collect();
        let names = Phrase::quoted_names(waited.iter().map(|s| s.name.as_str()));
        let all = Code::E0604.text(if waited.len() > 1 { "all_many" } else { "all_one" }, &[]);
        let diagnostic = Diagnostic::new(Code::E0604, item.file, first.span)
            .arg("situation", situations::describe(item, analysis, &scenario))
            .arg("step", step.name.as_str())
            .arg("waits_for", names)
            .arg("all", all);
        out.push(with_conditions(diagnostic, "excluded", item, &waited));
    }
}

fn requirements(
    item: &Item,
    graph: &ItemGraph,
    analysis: &ItemSituations,
    out: &mut Vec<Diagnostic>,
    truncated: &mut bool,
) {
    for (index, step) in item.steps.values().enumerate() {
        let before = steps_before(graph, index);
        for (material, span) in &step.requires {
            let MaterialRef::Item(id) = material else { continue };
            let Some(m) = item.materials.get_index(id.index()) else {
                continue;
            };
            let Some(material_when) = m.when.as_deref() else {
                continue;
            };
            if !earlier_producers(item, &before, *material).is_empty() {
                continue; // E0608 looks at the producers too
            }
            let conditions = [step.when.as_deref(), Some(material_when)];
            let Some(scenario) = find(analysis, &conditions, truncated, first_without_the_others) else {
                continue;
            };
            let mut diagnostic = Diagnostic::new(Code::E0605, item.file, *span)
                .arg("situation", situations::describe(item, analysis, &scenario))
                .arg("step", step.name.as_str())
                .arg("material", m.name.as_str());
            if let Some(at) = m.when_at {
                diagnostic = diagnostic.with_label("condition", item.file, at, Vec::new());
            }
            out.push(diagnostic);
        }
    }
}

/// The steps other than `step` that produce `material` and come before `step`
/// (`before` marks them), by index.
fn earlier_producers(item: &Item, before: &[bool], material: MaterialRef) -> Vec<usize> {
    item.steps
        .values()
        .enumerate()
        .filter(|(i, s)| {
            before.get(*i).copied().unwrap_or(false)
                && s.produces.iter().any(|(p, _)| *p == Produced::Material(material))
        })
        .map(|(i, _)| i)
        .collect()
}

/// E0608: a material that earlier steps produce (and the item may collect
/// under a condition) is missing in a situation where the step needing it
/// applies but neither a producer does nor the item collects it. Without
/// any earlier producer, E0305 or E0605 says so.
fn produced(
    ir: &Ir,
    item: &Item,
    graph: &ItemGraph,
    analysis: &ItemSituations,
    out: &mut Vec<Diagnostic>,
    truncated: &mut bool,
) {
    for (index, step) in item.steps.values().enumerate() {
        if step.requires.is_empty() {
            continue;
        }
        let before = steps_before(graph, index);
        for (material, span) in &step.requires {
            let producers = earlier_producers(item, &before, *material);
            if producers.is_empty() {
                continue;
            }
            let (name, collected) = match material {
                MaterialRef::Item(id) => match item.materials.get_index(id.index()) {
                    Some(m) => match m.when.as_deref() {
                        None => continue, // always collected
                        Some(when) => (m.name.as_str(), Some(when)),
                    },
                    None => continue,
                },
                MaterialRef::Library(id) => match get(&ir.materials, id.index()) {
                    Some(m) => (m.name.as_str(), None),
                    None => continue,
                },
            };
            let producing: Vec<&Step> = producers.iter().filter_map(|p| item.steps.get_index(*p)).collect();
            if producing.iter().any(|s| s.when.is_none()) {
                continue;
            }
            let mut conditions = vec![step.when.as_deref()];
            conditions.extend(producing.iter().map(|s| s.when.as_deref()));
            conditions.extend(collected.map(Some));
            let Some(scenario) = find(analysis, &conditions, truncated, first_without_the_others) else {
                continue;
            };
            let diagnostic = Diagnostic::new(Code::E0608, item.file, *span)
                .arg("situation", situations::describe(item, analysis, &scenario))
                .arg("step", step.name.as_str())
                .arg("material", name)
                .arg(
                    "producers",
                    Phrase::quoted_names(producing.iter().map(|s| s.name.as_str())),
                )
                .arg(
                    "collected",
                    if collected.is_some() {
                        Code::E0608.text("not_collected", &[])
                    } else {
                        Tr::empty()
                    },
                );
            out.push(with_conditions(diagnostic, "producer", item, &producing));
        }
    }
}

/// The steps that come before step `index` in the step graph, not itself.
fn steps_before(graph: &ItemGraph, index: usize) -> Vec<bool> {
    let mut before = reachable(&graph.steps, &[NodeIndex::new(index)], false);
    if let Some(own) = before.get_mut(index) {
        *own = false;
    }
    before
}

/// Labels, with `template`, the condition of each step that has one.
fn with_conditions(mut diagnostic: Diagnostic, template: &'static str, item: &Item, steps: &[&Step]) -> Diagnostic {
    for step in steps {
        if let Some(at) = step.when_at {
            diagnostic = diagnostic.with_label(template, item.file, at, vec![("name", Tr::same(step.name.as_str()))]);
        }
    }
    diagnostic
}
