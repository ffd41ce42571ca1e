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

/// Runs every check of this module on `ir`, its graphs and its analyses.
pub fn run(ir: &Ir, graphs: &Graphs, facts: &Analyses, diagnostics: &mut Vec<Diagnostic>) {
    cycles::check(ir, graphs, diagnostics);
    reachability::check(ir, graphs, diagnostics);
    materials::check(ir, graphs, diagnostics);
    delivery::check(ir, diagnostics);
    time_limits::check(ir, diagnostics);
    catch_all::check(ir, diagnostics);
    material_basis::check(ir, diagnostics);
    sharing::check(ir, facts, diagnostics);
    let analyses = facts.item_situations();
    acceptance::check(ir, analyses, diagnostics);
    situations::check(ir, graphs, analyses, diagnostics);
    critical_path::check(ir, graphs, analyses, diagnostics);
    visits::check(ir, analyses, diagnostics);
    deferral::check(ir, analyses, diagnostics);
    bundles::check(ir, graphs, facts, diagnostics);
    city_wide::check(ir, graphs, facts, diagnostics);
    glyphs::check(ir, diagnostics);
    documents::check(ir, diagnostics);
}
