//! E0302 steps that cannot be reached from acceptance; E0303 steps after which
//! no result is produced or delivered.

use crate::ast::StepType;
use crate::diagnostics::{Code, Diagnostic};
use crate::graph::{Graphs, cyclic_components, reachable};
use crate::ir::Ir;
use petgraph::graph::NodeIndex;

pub fn check(ir: &Ir, graphs: &Graphs, out: &mut Vec<Diagnostic>) {
    for (item, graph) in ir.items.values().zip(&graphs.items) {
        let Some(acceptance) = item.steps.values().position(|s| s.step_type == StepType::Accept) else {
            // E0304 already says the item has no acceptance step.
            continue;
        };
        let Some(acceptance_step) = item.steps.get_index(acceptance) else {
            continue;
        };
        // Steps in or after a cycle are left to E0301: one mistake, one message.
        let in_cycle: Vec<NodeIndex> = cyclic_components(&graph.steps).into_iter().flatten().collect();
        let after_cycle = reachable(&graph.steps, &in_cycle, true);
        let from_acceptance = reachable(&graph.steps, &[NodeIndex::new(acceptance)], true);
        for (index, step) in item.steps.values().enumerate() {
            let reached = from_acceptance.get(index).copied().unwrap_or(false);
            if !reached && !after_cycle.get(index).copied().unwrap_or(false) {
                out.push(
                    Diagnostic::new(Code::E0302, item.file, step.at)
                        .arg("step", step.name.as_str())
                        .with_label("acceptance", item.file, acceptance_step.at, Vec::new()),
                );
                continue;
            }
            // A reachable step with no successor must itself give a result.
            let is_end = graph.steps.neighbors(NodeIndex::new(index)).next().is_none();
            let gives_result = step.gives_result();
            if reached && is_end && !gives_result {
                out.push(Diagnostic::new(Code::E0303, item.file, step.at).arg("step", step.name.as_str()));
            }
        }
    }
}
