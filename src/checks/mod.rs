//! The checks: each reads the IR, the graphs and the analyses and returns diagnostics.
//!
//! One check, one file, one or two codes. Checks never print and never stop
//! the others: every check runs on every item, so one run reports every problem.

mod acceptance;
mod bundles;
mod catch_all;
mod city_wide;
mod critical_path;
mod cycles;
mod deferral;
mod delivery;
mod documents;
mod glyphs;
mod material_basis;
mod materials;
mod reachability;
mod sharing;
mod situations;
pub(crate) mod time_limits;
mod visits;

use crate::analysis::Analyses;
use crate::diagnostics::Diagnostic;
use crate::graph::Graphs;
use crate::ir::Ir;

/// One check, writing what it finds.
type Check<'a> = Box<dyn Fn(&mut Vec<Diagnostic>) + Sync + 'a>;

/// How many items make the checks worth spreading over the cores.
const PARALLEL_FROM_ITEMS: usize = 256;

/// Runs every check of this module on `ir`, its graphs and its analyses.
///
/// The checks are independent: on a large workspace they run on every core
/// (the heaviest first), each into a list of its own, and the lists are
/// joined in the order below, so the findings are the same as one after the
/// other on one thread.
pub fn run(ir: &Ir, graphs: &Graphs, facts: &Analyses, diagnostics: &mut Vec<Diagnostic>) {
    let situations = facts.item_situations();
    // With a weight each: the rough share of the checks' time on large
    // workspaces (the bundles compute every member's figures).
    let checks: Vec<(usize, Check<'_>)> = vec![
        (1, Box::new(|out| cycles::check(ir, graphs, out))),
        (1, Box::new(|out| reachability::check(ir, graphs, out))),
        (1, Box::new(|out| materials::check(ir, graphs, out))),
        (1, Box::new(|out| delivery::check(ir, out))),
        (1, Box::new(|out| time_limits::check(ir, out))),
        (1, Box::new(|out| catch_all::check(ir, out))),
        (1, Box::new(|out| material_basis::check(ir, out))),
        (1, Box::new(|out| sharing::check(ir, facts, out))),
        (1, Box::new(|out| acceptance::check(ir, situations, out))),
        (2, Box::new(|out| situations::check(ir, graphs, situations, out))),
        (4, Box::new(|out| critical_path::check(ir, graphs, situations, out))),
        (2, Box::new(|out| visits::check(ir, situations, out))),
        (1, Box::new(|out| deferral::check(ir, situations, out))),
        (12, Box::new(|out| bundles::check(ir, graphs, facts, out))),
        (2, Box::new(|out| city_wide::check(ir, graphs, facts, out))),
        (5, Box::new(|out| glyphs::check(ir, out))),
        (1, Box::new(|out| documents::check(ir, out))),
    ];
    let one = |(_, check): &(usize, Check<'_>)| {
        let mut out = Vec::new();
        check(&mut out);
        out
    };
    let found: Vec<Vec<Diagnostic>> = if ir.items.len() >= PARALLEL_FROM_ITEMS {
        crate::parallel::map_weighted(&checks, |(weight, _)| *weight, one)
    } else {
        checks.iter().map(one).collect()
    };
    for mut list in found {
        diagnostics.append(&mut list);
    }
}
