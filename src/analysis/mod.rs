//! Analyses that compute facts from the IR and graphs for the checks, the
//! catalog checks, the documents and the report: which situations an
//! applicant can be in and what applies in each ([`situations`]), how long
//! each takes ([`time`]) and what working days mean in calendar days
//! ([`calendar`]), which materials data sharing supplies ([`sharing`]), how
//! often an applicant must come and how far the item can be handled online
//! ([`visits`]), what merging the items of a thing saves and its one material
//! set ([`bundles`]), and what an applicant waits for when a centre of another
//! level accepts ([`city_wide`]).
//!
//! [`Analyses`] holds the facts of one workspace that more than one consumer
//! reads, each computed at most once: the cheap ones when the workspace is
//! compiled, the costly ones the first time a consumer asks for them, so that
//! `check` pays only for what its checks read.

pub mod bundles;
pub mod calendar;
pub mod city_wide;
pub mod sharing;
pub mod situations;
pub mod time;
pub mod visits;

use crate::graph::Graphs;
use crate::ir::{DataSourceId, Ir, ItemId, ThingId};
use bundles::{BundleFigures, ItemFigures, MergedMaterial};
use calendar::Bounds;
use situations::ItemSituations;
use std::sync::OnceLock;
use visits::Visits;

/// `n` empty cells.
fn cells<T>(n: usize) -> Vec<OnceLock<T>> {
    std::iter::repeat_with(OnceLock::new).take(n).collect()
}

/// The analyses of one workspace's IR and graphs.
///
/// Built by [`Analyses::new`] from an IR; every accessor must be given that
/// same IR (and its graphs), which `workspace::Compiled` keeps together with
/// it. An id that is not the IR's gives `None` (or nothing).
#[derive(Debug, Default)]
pub struct Analyses {
    /// Per item: the cells of its situations.
    situations: Vec<ItemSituations>,
    /// Per thing: the cells of its situations for its optional items' conditions.
    thing_situations: Vec<ItemSituations>,
    /// Per library material: the data sources trusted to supply it.
    providers: Vec<Vec<DataSourceId>>,
    /// Per item: its worst case of visits and online depth.
    worst: Vec<OnceLock<Visits>>,
    /// Per item: its longest critical path over its situations, working days.
    days: Vec<OnceLock<f64>>,
    /// Per item: the same under every calendar.
    days_range: Vec<OnceLock<Bounds>>,
    /// Per thing: its one material set.
    materials: Vec<OnceLock<Vec<MergedMaterial>>>,
    /// Per thing: its figures in the group of situations with the most items.
    bundle: Vec<OnceLock<BundleFigures>>,
}

impl Analyses {
    /// The analyses of `ir`: situations and providers now, the rest when first asked for.
    pub fn new(ir: &Ir) -> Analyses {
        Analyses {
            situations: ir.items.values().map(|item| situations::analyse(item)).collect(),
            thing_situations: ir.things.values().map(situations::analyse_thing).collect(),
            providers: sharing::providers(ir),
            worst: cells(ir.items.len()),
            days: cells(ir.items.len()),
            days_range: cells(ir.items.len()),
            materials: cells(ir.things.len()),
            bundle: cells(ir.things.len()),
        }
    }

    /// The situations of every item, in item order.
    pub fn item_situations(&self) -> &[ItemSituations] {
        &self.situations
    }

    /// The situations of one item.
    pub fn situations(&self, item: ItemId) -> Option<&ItemSituations> {
        self.situations.get(item.index())
    }

    /// The situations of one thing, for its optional items' conditions.
    pub fn thing_situations(&self, thing: ThingId) -> Option<&ItemSituations> {
        self.thing_situations.get(thing.index())
    }

    /// The data sources trusted to supply each library material.
    pub fn providers(&self) -> &[Vec<DataSourceId>] {
        &self.providers
    }

    /// The worst case of an item's visits and online depth ([`visits::worst`]).
    pub fn worst(&self, ir: &Ir, item: ItemId) -> Option<&Visits> {
        let (_, def) = ir.items.get_index(item.index())?;
        let analysis = self.situations(item)?;
        let cell = self.worst.get(item.index())?;
        Some(cell.get_or_init(|| visits::worst(def, analysis)))
    }

    /// An item's longest critical path over its situations ([`time::longest_days`]).
    pub fn longest_days(&self, ir: &Ir, graphs: &Graphs, item: ItemId) -> Option<f64> {
        let (_, def) = ir.items.get_index(item.index())?;
        let graph = graphs.items.get(item.index())?;
        let analysis = self.situations(item)?;
        let cell = self.days.get(item.index())?;
        Some(*cell.get_or_init(|| time::longest_days(def, graph, analysis)))
    }

    /// [`Analyses::longest_days`] under every calendar ([`time::longest_bounds`]).
    pub fn longest_bounds(&self, ir: &Ir, graphs: &Graphs, item: ItemId) -> Option<Bounds> {
        let (_, def) = ir.items.get_index(item.index())?;
        let graph = graphs.items.get(item.index())?;
        let analysis = self.situations(item)?;
        let cell = self.days_range.get(item.index())?;
        Some(*cell.get_or_init(|| time::longest_bounds(def, graph, analysis)))
    }

    /// What one item costs the applicant when done alone.
    pub fn item_figures(&self, ir: &Ir, graphs: &Graphs, item: ItemId) -> Option<ItemFigures> {
        let (_, def) = ir.items.get_index(item.index())?;
        let worst = self.worst(ir, item)?;
        Some(ItemFigures {
            materials: bundles::brings(def).count(),
            steps: def.steps.len(),
            visits: worst.visits,
            days: self.longest_days(ir, graphs, item)?,
            days_range: self.longest_bounds(ir, graphs, item)?,
            reasons: worst.reasons.clone(),
            on_the_spot: worst.on_the_spot,
        })
    }

    /// A thing's one material set ([`bundles::merged_materials`]).
    pub fn materials(&self, ir: &Ir, thing: ThingId) -> &[MergedMaterial] {
        let Some((_, def)) = ir.things.get_index(thing.index()) else {
            return &[];
        };
        match self.materials.get(thing.index()) {
            Some(cell) => cell.get_or_init(|| bundles::merged_materials(ir, def)),
            None => &[],
        }
    }

    /// The figures the report and the documents show ([`bundles::bundle`]).
    pub fn bundle(&self, ir: &Ir, graphs: &Graphs, thing: ThingId) -> BundleFigures {
        match self.bundle.get(thing.index()) {
            Some(cell) => cell.get_or_init(|| bundles::bundle(ir, graphs, self, thing)).clone(),
            None => bundles::bundle(ir, graphs, self, thing),
        }
    }

    /// The first group of a thing's situations whose figures break a promise
    /// ([`bundles::first_group`]; `breaks` must keep holding when more items
    /// apply).
    pub fn first_group(
        &self,
        ir: &Ir,
        graphs: &Graphs,
        thing: ThingId,
        breaks: impl Fn(&BundleFigures) -> bool,
    ) -> situations::Answer<Option<BundleFigures>> {
        bundles::first_group(ir, graphs, self, thing, breaks)
    }
}
