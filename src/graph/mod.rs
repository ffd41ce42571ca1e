//! The dependency graphs: per item, its steps (ordered by `之后`) and how
//! materials and results flow through them; per thing, the order of its items.
//!
//! Node indices of the step graph equal step ids, and those of a thing's graph
//! equal the positions of its items, so checks can move between the IR and
//! the graph without lookups.

use crate::diagnostics::Span;
use crate::ir::{Ir, ItemId, MaterialRef, Produced, ResultId, StepId};
use indexmap::IndexMap;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::VecDeque;

/// A node of an item's flow graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Node {
    Step(StepId),
    Material(MaterialRef),
    Result(ResultId),
}

/// An edge of an item's flow graph, with where the source says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// Step → step: the later step waits for the earlier one.
    After { span: Span, implicit: bool },
    /// Material → step.
    Requires(Span),
    /// Step → material or result.
    Produces(Span),
    /// Step → result.
    Delivers(Span),
}

/// The graphs of one item.
#[derive(Debug)]
pub struct ItemGraph {
    /// Steps only; node `i` is step `i`; an edge `a → b` means b waits for a.
    pub steps: DiGraph<StepId, Span>,
    /// Steps, materials and results and how they connect.
    pub flow: DiGraph<Node, Edge>,
}

/// The order of a thing's items; node `i` is the thing's `i`-th item.
#[derive(Debug)]
pub struct ThingGraph {
    pub items: DiGraph<ItemId, Span>,
}

/// All graphs of a workspace, indexed like the IR's items and things.
#[derive(Debug)]
pub struct Graphs {
    pub items: Vec<ItemGraph>,
    pub things: Vec<ThingGraph>,
}

/// Builds the graphs of every item and thing.
pub fn build(ir: &Ir) -> Graphs {
    let items = ir.items.values().map(|item| item_graph(item)).collect();
    let things = ir
        .things
        .values()
        .map(|thing| {
            let mut graph = DiGraph::new();
            let mut position = IndexMap::new();
            for member in &thing.items {
                if !position.contains_key(&member.item) {
                    position.insert(member.item, graph.add_node(member.item));
                }
            }
            for (before, after, span) in &thing.order {
                if let (Some(a), Some(b)) = (position.get(before), position.get(after)) {
                    graph.add_edge(*a, *b, *span);
                }
            }
            ThingGraph { items: graph }
        })
        .collect();
    Graphs { items, things }
}

fn item_graph(item: &crate::ir::Item) -> ItemGraph {
    let mut steps = DiGraph::with_capacity(item.steps.len(), item.steps.len());
    for index in 0..item.steps.len() {
        steps.add_node(StepId::from_index(index));
    }
    let mut flow = DiGraph::new();
    let step_nodes: Vec<NodeIndex> = (0..item.steps.len())
        .map(|index| flow.add_node(Node::Step(StepId::from_index(index))))
        .collect();
    let result_nodes: Vec<NodeIndex> = (0..item.results.len())
        .map(|index| flow.add_node(Node::Result(ResultId::from_index(index))))
        .collect();
    let mut material_nodes: IndexMap<MaterialRef, NodeIndex> = IndexMap::new();
    let mut material_node = |flow: &mut DiGraph<Node, Edge>, material: MaterialRef| {
        *material_nodes
            .entry(material)
            .or_insert_with(|| flow.add_node(Node::Material(material)))
    };
    for (index, step) in item.steps.values().enumerate() {
        let to = NodeIndex::new(index);
        let Some(&flow_to) = step_nodes.get(index) else {
            continue;
        };
        for edge in &step.after {
            steps.add_edge(NodeIndex::new(edge.from.index()), to, edge.span);
            if let Some(&flow_from) = step_nodes.get(edge.from.index()) {
                flow.add_edge(
                    flow_from,
                    flow_to,
                    Edge::After {
                        span: edge.span,
                        implicit: edge.implicit,
                    },
                );
            }
        }
        for (material, span) in &step.requires {
            let node = material_node(&mut flow, *material);
            flow.add_edge(node, flow_to, Edge::Requires(*span));
        }
        for (produced, span) in &step.produces {
            let node = match produced {
                Produced::Result(result) => result_nodes.get(result.index()).copied(),
                Produced::Material(material) => Some(material_node(&mut flow, *material)),
            };
            if let Some(node) = node {
                flow.add_edge(flow_to, node, Edge::Produces(*span));
            }
        }
        for (result, span) in &step.delivers {
            if let Some(&node) = result_nodes.get(result.index()) {
                flow.add_edge(flow_to, node, Edge::Delivers(*span));
            }
        }
    }
    // Every item's graphs stay until the end of the check: no room to spare.
    flow.shrink_to_fit();
    ItemGraph { steps, flow }
}

/// The strongly connected components that contain a cycle (more than one
/// node, or a node with an edge to itself), each sorted, in order of their
/// smallest node: the same input always gives the same report.
pub fn cyclic_components<N, E>(graph: &DiGraph<N, E>) -> Vec<Vec<NodeIndex>> {
    let mut components: Vec<Vec<NodeIndex>> = petgraph::algo::tarjan_scc(graph)
        .into_iter()
        .filter(|component| match component.as_slice() {
            [single] => graph.contains_edge(*single, *single),
            _ => true,
        })
        .map(|mut component| {
            component.sort();
            component
        })
        .collect();
    components.sort();
    components
}

/// A shortest cycle inside one strongly connected component, as its edges in
/// order. Searches from every node of the component and keeps the shortest
/// (ties: the earliest start node), so the cycle shown is minimal.
pub fn minimal_cycle<N, E>(graph: &DiGraph<N, E>, component: &[NodeIndex]) -> Vec<EdgeIndex> {
    let inside = |node: NodeIndex| component.binary_search(&node).is_ok();
    let mut best: Vec<EdgeIndex> = Vec::new();
    for &start in component {
        // Breadth-first from `start`'s successors back to `start`.
        let mut parent: IndexMap<NodeIndex, EdgeIndex> = IndexMap::new();
        let mut queue = VecDeque::new();
        let mut found = None;
        for edge in graph.edges(start) {
            if edge.target() == start {
                found = Some(vec![edge.id()]);
                break;
            }
            if inside(edge.target()) && !parent.contains_key(&edge.target()) {
                parent.insert(edge.target(), edge.id());
                queue.push_back(edge.target());
            }
        }
        'search: while found.is_none() {
            let Some(node) = queue.pop_front() else { break };
            for edge in graph.edges(node) {
                let target = edge.target();
                if target == start {
                    let mut path = vec![edge.id()];
                    let mut at = node;
                    while at != start {
                        let Some(&via) = parent.get(&at) else { break };
                        path.push(via);
                        match graph.edge_endpoints(via) {
                            Some((from, _)) => at = from,
                            None => break,
                        }
                    }
                    path.reverse();
                    found = Some(path);
                    break 'search;
                }
                if inside(target) && target != start && !parent.contains_key(&target) {
                    parent.insert(target, edge.id());
                    queue.push_back(target);
                }
            }
        }
        if let Some(path) = found
            && (best.is_empty() || path.len() < best.len())
        {
            best = path;
        }
    }
    best
}

/// Every node reachable from `starts` along edges (forward) or against them.
pub fn reachable<N, E>(graph: &DiGraph<N, E>, starts: &[NodeIndex], forward: bool) -> Vec<bool> {
    let direction = if forward {
        petgraph::Direction::Outgoing
    } else {
        petgraph::Direction::Incoming
    };
    let mut seen = vec![false; graph.node_count()];
    let mut queue: VecDeque<NodeIndex> = VecDeque::new();
    for &start in starts {
        if let Some(flag) = seen.get_mut(start.index())
            && !*flag
        {
            *flag = true;
            queue.push_back(start);
        }
    }
    while let Some(node) = queue.pop_front() {
        for next in graph.neighbors_directed(node, direction) {
            if let Some(flag) = seen.get_mut(next.index())
                && !*flag
            {
                *flag = true;
                queue.push_back(next);
            }
        }
    }
    seen
}
