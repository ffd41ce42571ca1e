//! Situations are complete and consistent: in every scenario an applicant can
//! be in, the item is well formed.
//!
//! - E0601 a material's or step's condition holds in no situation;
//! - E0602 a scenario in which no decision step applies (a gap between
//!   alternative procedures), E0606 one in which two unrelated decision steps
//!   apply (an overlap);
//! - E0603 a scenario in which no applying step gives a result;
//! - E0604 an applying step none of whose listed predecessors (`之后`) applies;
//! - E0605 an applying step that requires a material not collected then;
//! - W0607 an item with more scenarios than are analysed.
//!
//! Each problem is reported once per item, with the first scenario (in the
//! order situations and their values are declared) as the example.

use crate::analysis::situations::{self, ItemSituations, MAX_SCENARIOS, Scenario};
use crate::ast::StepType;
use crate::diagnostics::{Code, Diagnostic, Tr};
use crate::graph::{Graphs, ItemGraph, reachable};
use crate::ir::{Ir, Item, MaterialRef, Produced};
use petgraph::graph::NodeIndex;
use std::collections::HashSet;

pub fn check(ir: &Ir, graphs: &Graphs, analyses: &[ItemSituations], out: &mut Vec<Diagnostic>) {
    for ((item, graph), analysis) in ir.items.values().zip(&graphs.items).zip(analyses) {
        if analysis.skipped {
            continue;
        }
        if analysis.truncated {
            out.push(
                Diagnostic::new(Code::W0607, item.file, item.at)
                    .arg("item", item.name.as_str())
                    .arg("limit", MAX_SCENARIOS.to_string()),
            );
        }
        never_holds(item, analysis, out);
        if !item.steps.is_empty() {
            per_scenario(item, graph, analysis, out);
        }
    }
}

fn never_holds(item: &Item, analysis: &ItemSituations, out: &mut Vec<Diagnostic>) {
    if analysis.truncated {
        return; // an unexplored scenario might make it hold
    }
    for (index, material) in item.materials.values().enumerate() {
        if let Some(at) = material.when_at
            && !analysis
                .scenarios
                .iter()
                .any(|s| s.materials.get(index).copied().unwrap_or(false))
        {
            out.push(
                Diagnostic::new(Code::E0601, item.file, at)
                    .arg("what", Tr::new("材料", "material"))
                    .arg("name", material.name.as_str()),
            );
        }
    }
    for (index, step) in item.steps.values().enumerate() {
        if let Some(at) = step.when_at
            && !analysis
                .scenarios
                .iter()
                .any(|s| s.steps.get(index).copied().unwrap_or(false))
        {
            out.push(
                Diagnostic::new(Code::E0601, item.file, at)
                    .arg("what", Tr::new("环节", "step"))
                    .arg("name", step.name.as_str()),
            );
        }
    }
}

fn per_scenario(item: &Item, graph: &ItemGraph, analysis: &ItemSituations, out: &mut Vec<Diagnostic>) {
    // Each finding once per item: remember what was reported.
    let mut seen: HashSet<(Code, usize, usize)> = HashSet::new();
    let decisions: Vec<usize> = item
        .steps
        .values()
        .enumerate()
        .filter(|(_, s)| s.step_type == StepType::Decide)
        .map(|(i, _)| i)
        .collect();
    // Which decision steps are ordered one after the other (not alternatives).
    let ordered = |a: usize, b: usize| {
        reachable(&graph.steps, &[NodeIndex::new(a)], true)
            .get(b)
            .copied()
            .unwrap_or(false)
            || reachable(&graph.steps, &[NodeIndex::new(b)], true)
                .get(a)
                .copied()
                .unwrap_or(false)
    };
    let mut report = |code: Code, a: usize, b: usize, make: &dyn Fn() -> Diagnostic| {
        if seen.insert((code, a, b)) {
            out.push(make());
        }
    };
    for scenario in &analysis.scenarios {
        let situation = situations::describe(item, analysis, scenario);
        let when = situations::when_phrase(item, analysis, scenario, false);
        let applies = |i: usize| scenario.steps.get(i).copied().unwrap_or(false);
        let active_decisions: Vec<usize> = decisions.iter().copied().filter(|&d| applies(d)).collect();
        if decisions.is_empty() {
            // Not a gap between procedures: the item has no decision at all.
            report(Code::E0602, 0, 0, &|| {
                Diagnostic::new(Code::E0602, item.file, item.at)
                    .arg("item", item.name.as_str())
                    .arg("when", Tr::new("", ""))
                    .note(Tr::new(
                        "这个事项没有决定环节：把作出决定的环节命名为“决定”，或在其中写“类型：决定”",
                        "the item has no decision step: name the deciding step `决定`, or write `type: decide` in it",
                    ))
            });
        } else if active_decisions.is_empty() {
            report(Code::E0602, 0, 0, &|| {
                Diagnostic::new(Code::E0602, item.file, item.at)
                    .arg("item", item.name.as_str())
                    .arg("when", when.clone())
            });
        }
        for (n, &a) in active_decisions.iter().enumerate() {
            for &b in active_decisions.iter().skip(n + 1) {
                if ordered(a, b) {
                    continue;
                }
                let (Some((_, first)), Some((_, second))) = (item.steps.get_index(a), item.steps.get_index(b)) else {
                    continue;
                };
                report(Code::E0606, a, b, &|| {
                    Diagnostic::new(Code::E0606, item.file, second.at)
                        .arg("situation", situation.clone())
                        .arg("first", first.name.as_str())
                        .arg("second", second.name.as_str())
                        .with_label("first", item.file, first.at, Vec::new())
                });
            }
        }
        if !gives_result(item, scenario) {
            report(Code::E0603, 0, 0, &|| {
                Diagnostic::new(Code::E0603, item.file, item.at)
                    .arg("item", item.name.as_str())
                    .arg("when", when.clone())
            });
        }
        for (index, step) in item.steps.values().enumerate() {
            if !applies(index) {
                continue;
            }
            // A step waits for the listed steps that apply; it cannot start
            // when none of them does (steps it follows implicitly are passed
            // through, see `analysis::time::effective_predecessors`).
            let explicit: Vec<_> = step.after.iter().filter(|e| !e.implicit).collect();
            if let Some(first) = explicit.first()
                && !explicit.iter().any(|e| applies(e.from.index()))
                && let Some((_, waited)) = item.steps.get_index(first.from.index())
            {
                report(Code::E0604, index, 0, &|| {
                    let mut d = Diagnostic::new(Code::E0604, item.file, first.span)
                        .arg("situation", situation.clone())
                        .arg("step", step.name.as_str())
                        .arg("waits_for", waited.name.as_str());
                    if let Some(at) = waited.when_at {
                        d = d.with_label("excluded", item.file, at, Vec::new());
                    }
                    d
                });
            }
            for (r, (material, span)) in step.requires.iter().enumerate() {
                let MaterialRef::Item(id) = material else { continue };
                if scenario.materials.get(id.index()).copied().unwrap_or(true) {
                    continue;
                }
                let Some((_, m)) = item.materials.get_index(id.index()) else {
                    continue;
                };
                report(Code::E0605, index, r, &|| {
                    let mut d = Diagnostic::new(Code::E0605, item.file, *span)
                        .arg("situation", situation.clone())
                        .arg("step", step.name.as_str())
                        .arg("material", m.name.as_str());
                    if let Some(at) = m.when_at {
                        d = d.with_label("condition", item.file, at, Vec::new());
                    }
                    d
                });
            }
        }
    }
}

/// Whether some applying step produces or delivers a result.
fn gives_result(item: &Item, scenario: &Scenario) -> bool {
    item.steps.values().enumerate().any(|(i, step)| {
        scenario.steps.get(i).copied().unwrap_or(false)
            && (!step.delivers.is_empty() || step.produces.iter().any(|(p, _)| matches!(p, Produced::Result(_))))
    })
}
