//! E0301 cycles between the steps of an item; E0308 cycles in a thing's order.

use crate::diagnostics::{Code, Diagnostic, Tr};
use crate::graph::{Graphs, cyclic_components, minimal_cycle};
use crate::ir::{Ir, get};

pub fn check(ir: &Ir, graphs: &Graphs, out: &mut Vec<Diagnostic>) {
    for (item, graph) in ir.items.values().zip(&graphs.items) {
        for component in cyclic_components(&graph.steps) {
            let cycle = minimal_cycle(&graph.steps, &component);
            let name = |node: petgraph::graph::NodeIndex| {
                item.steps
                    .get_index(node.index())
                    .map(|s| s.name.as_str())
                    .unwrap_or("")
            };
            let mut labels = Vec::new();
            let mut names = Vec::new();
            for edge in &cycle {
                let (Some((from, to)), Some(span)) =
                    (graph.steps.edge_endpoints(*edge), graph.steps.edge_weight(*edge))
                else {
                    continue;
                };
                if names.is_empty() {
                    names.push(name(from));
                }
                names.push(name(to));
                labels.push((*span, name(from), name(to)));
            }
            out.extend(cycle_diagnostic(Code::E0301, item.file, &labels, &names, None));
        }
    }
    for (thing, graph) in ir.things.values().zip(&graphs.things) {
        for component in cyclic_components(&graph.items) {
            let cycle = minimal_cycle(&graph.items, &component);
            let name = |node: petgraph::graph::NodeIndex| {
                graph
                    .items
                    .node_weight(node)
                    .and_then(|id| get(&ir.items, id.index()))
                    .map(|i| i.name.as_str())
                    .unwrap_or("")
            };
            let mut labels = Vec::new();
            let mut names = Vec::new();
            for edge in &cycle {
                let (Some((from, to)), Some(span)) =
                    (graph.items.edge_endpoints(*edge), graph.items.edge_weight(*edge))
                else {
                    continue;
                };
                if names.is_empty() {
                    names.push(name(from));
                }
                names.push(name(to));
                labels.push((*span, name(from), name(to)));
            }
            out.extend(cycle_diagnostic(
                Code::E0308,
                thing.file,
                &labels,
                &names,
                Some(&thing.name),
            ));
        }
    }
}

/// One diagnostic for one cycle: the first edge is the primary label, every
/// other edge a secondary one, each saying who waits for whom.
fn cycle_diagnostic(
    code: Code,
    file: crate::diagnostics::FileId,
    labels: &[(crate::diagnostics::Span, &str, &str)],
    names: &[&str],
    thing: Option<&str>,
) -> Option<Diagnostic> {
    let (first, rest) = labels.split_first()?;
    let mut diagnostic = Diagnostic::new(code, file, first.0)
        .arg("cycle", Tr::same(names.join(" → ")))
        .arg("from", first.1)
        .arg("to", first.2);
    if let Some(thing) = thing {
        diagnostic = diagnostic.arg("thing", thing);
    }
    for (span, from, to) in rest {
        diagnostic = diagnostic.with_label(
            "edge",
            file,
            *span,
            vec![("from", Tr::same(*from)), ("to", Tr::same(*to))],
        );
    }
    Some(diagnostic)
}
