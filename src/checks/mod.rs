//! The checks: each reads the IR and the graphs and returns diagnostics.
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

use crate::diagnostics::Diagnostic;
use crate::graph::Graphs;
use crate::ir::Ir;

/// Runs every check of this module.
pub fn run(ir: &Ir, graphs: &Graphs, diagnostics: &mut Vec<Diagnostic>) {
    cycles::check(ir, graphs, diagnostics);
    reachability::check(ir, graphs, diagnostics);
    materials::check(ir, graphs, diagnostics);
    delivery::check(ir, diagnostics);
    time_limits::check(ir, diagnostics);
    catch_all::check(ir, diagnostics);
    material_basis::check(ir, diagnostics);
    sharing::check(ir, diagnostics);
    let analyses: Vec<_> = ir.items.values().map(crate::analysis::situations::analyse).collect();
    acceptance::check(ir, &analyses, diagnostics);
    situations::check(ir, graphs, &analyses, diagnostics);
    critical_path::check(ir, graphs, &analyses, diagnostics);
    visits::check(ir, &analyses, diagnostics);
    deferral::check(ir, &analyses, diagnostics);
    bundles::check(ir, graphs, &analyses, diagnostics);
    city_wide::check(ir, graphs, &analyses, diagnostics);
    glyphs::check(ir, diagnostics);
    documents::check(ir, diagnostics);
}
