//! E0305 a step requires a material that the item never collects and that no
//! earlier step produces.

use crate::diagnostics::{Code, Diagnostic};
use crate::graph::{Graphs, reachable};
use crate::ir::{Ir, MaterialRef, Produced, get};
use petgraph::graph::NodeIndex;

pub fn check(ir: &Ir, graphs: &Graphs, out: &mut Vec<Diagnostic>) {
    for (item, graph) in ir.items.values().zip(&graphs.items) {
        for (index, step) in item.steps.values().enumerate() {
            for (material, span) in &step.requires {
                let MaterialRef::Library(id) = material else {
                    continue; // the item collects it
                };
                let producers: Vec<(usize, &crate::ir::Step)> = item
                    .steps
                    .values()
                    .enumerate()
                    .filter(|(_, other)| other.produces.iter().any(|(p, _)| *p == Produced::Material(*material)))
                    .collect();
                if producers.is_empty() {
                    out.push(diagnostic(ir, item, step, *id, *span, &[]));
                    continue;
                }
                let before = reachable(&graph.steps, &[NodeIndex::new(index)], false);
                let earlier = producers
                    .iter()
                    .any(|(p, _)| *p != index && before.get(*p).copied().unwrap_or(false));
                if !earlier {
                    let spans: Vec<_> = producers
                        .iter()
                        .flat_map(|(_, s)| {
                            s.produces
                                .iter()
                                .filter(|(p, _)| *p == Produced::Material(*material))
                                .map(|(_, span)| *span)
                        })
                        .collect();
                    out.push(diagnostic(ir, item, step, *id, *span, &spans));
                }
            }
        }
    }
}

fn diagnostic(
    ir: &Ir,
    item: &crate::ir::Item,
    step: &crate::ir::Step,
    material: crate::ir::MaterialId,
    span: crate::diagnostics::Span,
    producers: &[crate::diagnostics::Span],
) -> Diagnostic {
    let name = get(&ir.materials, material.index())
        .map(|m| m.name.as_str())
        .unwrap_or("");
    let mut diagnostic = Diagnostic::new(Code::E0305, item.file, span)
        .arg("step", step.name.as_str())
        .arg("material", name);
    for producer in producers {
        diagnostic = diagnostic.with_label("producer", item.file, *producer, Vec::new());
    }
    diagnostic
}
