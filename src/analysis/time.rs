//! Time along the step graph: the critical path of an item in working days,
//! over the steps that apply in one scenario.
//!
//! A step's time counts toward the limit unless it is a 特别程序 or says
//! `计入时限：否`; such steps are on the path but add nothing, and are listed
//! separately. For figures in working days, calendar days count as the working
//! days a plain week gives them at least (⌊n × 5 / 7⌋); the checks compare
//! with a limit through [`path_bounds`], which holds under every calendar.

use crate::analysis::calendar::{self, Bounds};
use crate::analysis::situations::{ItemSituations, upper};
use crate::ast::{Duration, DurationUnit};
use crate::graph::ItemGraph;
use crate::ir::{Item, StepId};

/// The longest chain of applying steps, by counted working days.
#[derive(Debug, Clone, PartialEq)]
pub struct CriticalPath {
    pub working_days: f64,
    /// The steps of the path, in order.
    pub steps: Vec<StepId>,
}

/// Working days a duration counts for.
pub fn working_days(duration: Duration) -> f64 {
    match duration.unit {
        DurationUnit::OnTheSpot => 0.0,
        DurationUnit::WorkingDays => duration.amount,
        DurationUnit::CalendarDays => (duration.amount * 5.0 / 7.0).floor(),
    }
}

/// The steps that `step` waits for in a scenario (`active` marks the steps
/// that apply): the listed (`之后`) steps that apply, and in place of an
/// implicit predecessor that does not apply, that step's own predecessors, so
/// a step written after an optional one follows whatever ran before it.
pub fn effective_predecessors(item: &Item, step: usize, active: &[bool]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut pending: Vec<(usize, bool)> = match item.steps.get_index(step) {
        Some(s) => s.after.iter().map(|e| (e.from.index(), e.implicit)).collect(),
        None => return out,
    };
    let mut visited = vec![false; item.steps.len()];
    while let Some((from, implicit)) = pending.pop() {
        if active.get(from).copied().unwrap_or(false) {
            if !out.contains(&from) {
                out.push(from);
            }
        } else if implicit && !visited.get(from).copied().unwrap_or(true) {
            if let Some(v) = visited.get_mut(from) {
                *v = true;
            }
            if let Some(s) = item.steps.get_index(from) {
                pending.extend(s.after.iter().map(|e| (e.from.index(), e.implicit)));
            }
        }
    }
    out.sort_unstable();
    out
}

/// The critical path through the steps marked in `active`; `None` when the
/// steps form a cycle (reported by E0301) or none applies.
pub fn critical_path(item: &Item, graph: &ItemGraph, active: &[bool]) -> Option<CriticalPath> {
    longest_by(item, graph, active, working_days)
}

/// What the longest path through the steps in `active` takes in working days
/// under every calendar (a step in calendar days counts the working days it
/// can contain), with the longest run of steps in calendar days alone, which
/// is exact for a limit in calendar days when no step counts working days.
pub fn path_bounds(item: &Item, graph: &ItemGraph, active: &[bool]) -> Option<PathTime> {
    let length = |weight: &dyn Fn(Duration) -> f64| longest_by(item, graph, active, weight).map(|p| p.working_days);
    let working_only = |d: Duration| {
        if d.unit == DurationUnit::WorkingDays {
            d.amount
        } else {
            0.0
        }
    };
    let shortest = length(&|d| calendar::working_range(d).shortest)?;
    let longest = length(&|d| calendar::working_range(d).longest)?;
    let working = length(&working_only)?;
    let calendar_days = length(&|d| {
        if d.unit == DurationUnit::CalendarDays {
            d.amount
        } else {
            0.0
        }
    })?;
    Some(PathTime {
        working: Bounds { shortest, longest },
        calendar_days: (working <= 0.0).then_some(calendar_days),
    })
}

/// See [`path_bounds`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PathTime {
    /// Working days, under every calendar.
    pub working: Bounds,
    /// Calendar days, when no step on any path counts working days.
    pub calendar_days: Option<f64>,
}

impl PathTime {
    /// How the path compares with `limit` under every calendar.
    pub fn verdict(&self, limit: Duration) -> calendar::Verdict {
        match (limit.unit, self.calendar_days) {
            (DurationUnit::OnTheSpot, _) => calendar::verdict(self.working, calendar::exactly(0.0)),
            (DurationUnit::WorkingDays, _) => calendar::verdict(self.working, calendar::exactly(limit.amount)),
            (DurationUnit::CalendarDays, Some(days)) => {
                calendar::verdict(calendar::exactly(days), calendar::exactly(limit.amount))
            }
            (DurationUnit::CalendarDays, None) => {
                calendar::verdict(self.working, calendar::working_bounds(limit.amount))
            }
        }
    }
}

/// The longest path through the steps in `active`, each counted step
/// weighing `weight` of its duration.
fn longest_by(
    item: &Item,
    graph: &ItemGraph,
    active: &[bool],
    weight: impl Fn(Duration) -> f64,
) -> Option<CriticalPath> {
    let (days, previous) = finish_times(item, graph, active, &weight, &[], None)?;
    // The end of the path: the latest-finishing step; on ties the one written
    // last, so the path runs on through steps that take no time (送达 当场).
    let (end, &total) = days.iter().enumerate().filter(|(_, d)| **d > f64::NEG_INFINITY).fold(
        None,
        |best: Option<(usize, &f64)>, (i, d)| match best {
            Some((_, b)) if b > d => best,
            _ => Some((i, d)),
        },
    )?;
    let mut steps = vec![StepId::from_index(end)];
    let mut at = end;
    while let Some(Some(p)) = previous.get(at) {
        steps.push(StepId::from_index(*p));
        at = *p;
    }
    steps.reverse();
    Some(CriticalPath {
        working_days: total,
        steps,
    })
}

/// When each step in `active` finishes (`NEG_INFINITY`: it does not apply,
/// or is not reached from `from`), with the step it waited for longest.
/// Steps marked in `zeroed` take no time. With `from`, paths start only at
/// the steps marked there (at 0, their own time not counted).
fn finish_times(
    item: &Item,
    graph: &ItemGraph,
    active: &[bool],
    weight: &dyn Fn(Duration) -> f64,
    zeroed: &[bool],
    from: Option<&[bool]>,
) -> Option<(Vec<f64>, Vec<Option<usize>>)> {
    let order = petgraph::algo::toposort(&graph.steps, None).ok()?;
    let n = item.steps.len();
    let mut days = vec![f64::NEG_INFINITY; n];
    let mut previous: Vec<Option<usize>> = vec![None; n];
    for node in order {
        let index = node.index();
        if !active.get(index).copied().unwrap_or(false) {
            continue;
        }
        let Some(step) = item.steps.get_index(index) else {
            continue;
        };
        let own = if step.counts_toward_limit && !zeroed.get(index).copied().unwrap_or(false) {
            step.duration.map_or(0.0, |d| weight(d.value))
        } else {
            0.0
        };
        let source = from.is_none_or(|f| f.get(index).copied().unwrap_or(false));
        let mut best: (f64, Option<usize>) = (if source { 0.0 } else { f64::NEG_INFINITY }, None);
        for p in effective_predecessors(item, index, active) {
            if let Some(&d) = days.get(p)
                && d > f64::NEG_INFINITY
                && (best.1.is_none() || d > best.0)
            {
                best = (d, Some(p));
            }
        }
        if best.0 == f64::NEG_INFINITY {
            continue;
        }
        if let Some(slot) = days.get_mut(index) {
            *slot = best.0 + own;
        }
        if let Some(slot) = previous.get_mut(index) {
            *slot = best.1;
        }
    }
    Some((days, previous))
}

/// An item's time when a joint review does some of its steps (`替代`).
#[derive(Debug, Clone, PartialEq)]
pub struct Replacing {
    /// The longest path with the replaced steps taking no time.
    pub whole: f64,
    /// For each review (in the order of `groups`): how long after the item
    /// starts the review can start (the latest start of a step it replaces),
    /// and the longest path from the end of those steps to the item's end;
    /// `None` when none of its steps applies.
    pub reviews: Vec<Option<(f64, f64)>>,
}

/// [`Replacing`] of `item` over its situations, each figure at its worst,
/// with `weight` per duration; `groups` marks the steps each review replaces.
pub fn replacing(
    item: &Item,
    graph: &ItemGraph,
    analysis: &ItemSituations,
    groups: &[Vec<bool>],
    weight: &dyn Fn(Duration) -> f64,
) -> Replacing {
    let n = item.steps.len();
    let zeroed: Vec<bool> = (0..n)
        .map(|i| groups.iter().any(|g| g.get(i).copied().unwrap_or(false)))
        .collect();
    let latest = |days: &[f64], among: Option<&[bool]>| {
        days.iter()
            .enumerate()
            .filter(|(i, d)| **d > f64::NEG_INFINITY && among.is_none_or(|a| a.get(*i).copied().unwrap_or(false)))
            .map(|(_, d)| *d)
            .reduce(f64::max)
    };
    let whole = worst_over(item, analysis, |active| {
        finish_times(item, graph, active, weight, &zeroed, None).and_then(|(days, _)| latest(&days, None))
    })
    .unwrap_or(0.0);
    let reviews = groups
        .iter()
        .map(|group| {
            // A replaced step takes no time, so where it ends it started.
            let head = worst_over(item, analysis, |active| {
                finish_times(item, graph, active, weight, &zeroed, None)
                    .and_then(|(days, _)| latest(&days, Some(group)))
            })?;
            let tail = worst_over(item, analysis, |active| {
                finish_times(item, graph, active, weight, &zeroed, Some(group))
                    .and_then(|(days, _)| latest(&days, None))
            })?;
            Some((head, tail))
        })
        .collect();
    Replacing { whole, reviews }
}

/// The longest critical path of `item` over its situations, in working days
/// (0 when no step applies). When the search stops at its bound (W0607), the
/// path with every step applying, which bounds every situation's, stands in.
pub fn longest_days(item: &Item, graph: &ItemGraph, analysis: &ItemSituations) -> f64 {
    let days = |active: &[bool]| critical_path(item, graph, active).map(|p| p.working_days);
    worst_over(item, analysis, days).unwrap_or(0.0)
}

/// [`longest_days`] under every calendar: the longest path's working days
/// over the item's situations, with steps in calendar days counting the
/// working days they can contain.
pub fn longest_bounds(item: &Item, graph: &ItemGraph, analysis: &ItemSituations) -> Bounds {
    let of = |active: &[bool]| path_bounds(item, graph, active).map(|t| t.working);
    Bounds {
        shortest: worst_over(item, analysis, |a| of(a).map(|b| b.shortest)).unwrap_or(0.0),
        longest: worst_over(item, analysis, |a| of(a).map(|b| b.longest)).unwrap_or(0.0),
    }
}

/// The greatest `length` of the applying steps over the item's situations; a
/// length must grow with the set of applying steps (a path's does), so that
/// counting an undecided step as applying bounds a branch. With every step
/// applying when the situations are not analysed or the search stops.
fn worst_over(item: &Item, analysis: &ItemSituations, length: impl Fn(&[bool]) -> Option<f64>) -> Option<f64> {
    let all_steps = vec![true; item.steps.len()];
    if analysis.skipped {
        return length(&all_steps);
    }
    let conditions: Vec<_> = item.steps.values().map(|s| s.when.as_deref()).collect();
    let worst = analysis.maximise(&conditions, |p| length(&upper(p)));
    if worst.stopped {
        return length(&all_steps);
    }
    worst.answer.and_then(|(_, value)| value)
}
