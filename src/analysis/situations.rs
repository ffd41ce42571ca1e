//! Situation analysis: every combination of situation values an applicant can
//! be in, grouped into the few *scenarios* that the item's conditions can tell
//! apart.
//!
//! Each situation variable is cut into finitely many cells: the values of an
//! enumeration, yes and no, or the intervals of a numeric range between the
//! constants the item's conditions compare it with (a comparison is constant on
//! each such interval, so one representative per cell decides it). The search
//! over the conditions one check needs assigns variables one at a time, but
//! only variables that some still undecided condition mentions: as soon as every condition's value is known
//! the remaining variables cannot matter, and the branch becomes one scenario
//! standing for all their values. Ten variables that no condition combines
//! cost ten cells, not their product. A bound on the number of scenarios keeps
//! pathological items from running away; it is reported, never silent.

use crate::ir::{Cond, Domain, Item, Situation, SituationId};
use crate::syntax::tree::CompareOp;
use indexmap::IndexMap;

/// At most this many scenarios per item are analysed (W0607 beyond).
pub const MAX_SCENARIOS: usize = 20_000;

/// The finite cells of one situation variable.
#[derive(Debug, Clone)]
pub enum Cells {
    /// An enumeration: cell `i` is value `i`.
    Enum(Vec<String>),
    /// Yes/no: cell 0 is yes, cell 1 is no.
    Bool,
    /// A number: each cell is an interval, with a representative value.
    Number(Vec<Interval>),
}

/// A cell of a numeric variable.
#[derive(Debug, Clone, PartialEq)]
pub struct Interval {
    /// A value inside the interval, used to evaluate comparisons.
    pub representative: f64,
    /// `(bound, inclusive)` ends; `None` is unbounded.
    pub low: Option<(f64, bool)>,
    pub high: Option<(f64, bool)>,
}

impl Cells {
    pub fn len(&self) -> usize {
        match self {
            Cells::Enum(values) => values.len(),
            Cells::Bool => 2,
            Cells::Number(intervals) => intervals.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One group of situations in which each of the conditions explored has the
/// same value. `assignment[v]` is the cell of variable `v`, or `None` when the
/// scenario holds for every value of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub assignment: Vec<Option<usize>>,
    /// The value of each explored condition (`None` conditions hold always).
    pub holds: Vec<bool>,
}

/// The situations of one item, ready to explore conditions over.
#[derive(Debug, Clone)]
pub struct ItemSituations {
    pub cells: Vec<Cells>,
    /// Some condition did not resolve (its error is already reported); the
    /// item is not analysed, to avoid findings that follow from that error.
    pub skipped: bool,
}

/// The scenarios that tell a set of conditions apart.
#[derive(Debug, Clone, Default)]
pub struct Exploration {
    pub scenarios: Vec<Scenario>,
    /// The bound was reached: scenarios beyond [`MAX_SCENARIOS`] were not
    /// analysed.
    pub truncated: bool,
}

/// Prepares the situation analysis of one item: the cells of each variable.
pub fn analyse(item: &Item) -> ItemSituations {
    let conditions: Vec<&Cond> = item
        .materials
        .values()
        .filter_map(|m| m.when.as_ref())
        .chain(item.steps.values().filter_map(|s| s.when.as_ref()))
        .collect();
    analyse_situations(&item.situations, &conditions)
}

/// Prepares the analysis of a thing's situations for its optional items'
/// conditions.
pub fn analyse_thing(thing: &crate::ir::Thing) -> ItemSituations {
    let conditions: Vec<&Cond> = thing.items.iter().filter_map(|m| m.when.as_ref()).collect();
    analyse_situations(&thing.situations, &conditions)
}

/// Prepares the analysis of any set of situations (an item's, or a thing's
/// for its optional items) for the conditions written over them.
pub fn analyse_situations(situations: &IndexMap<String, Situation>, conditions: &[&Cond]) -> ItemSituations {
    let cells = situations
        .values()
        .enumerate()
        .map(|(index, situation)| cells_of(SituationId::from_index(index), &situation.domain, conditions))
        .collect();
    ItemSituations {
        cells,
        skipped: conditions.iter().any(|c| contains_invalid(c)),
    }
}

impl ItemSituations {
    /// The scenarios that tell `conditions` apart (`None` = always holds), in
    /// the order variables and their cells are declared: only the variables
    /// the conditions read are assigned, and a branch stops as soon as every
    /// condition is decided. A check explores only the conditions it needs, so
    /// independent conditions elsewhere in the item do not multiply its work.
    pub fn explore(&self, conditions: &[Option<&Cond>]) -> Exploration {
        let mut out = Exploration::default();
        let mut stack: Vec<Vec<Option<usize>>> = vec![vec![None; self.cells.len()]];
        while let Some(assignment) = stack.pop() {
            let values: Vec<Option<bool>> = conditions
                .iter()
                .map(|c| c.map_or(Some(true), |c| eval(c, &assignment, &self.cells)))
                .collect();
            let undecided = conditions
                .iter()
                .zip(&values)
                .find_map(|(c, v)| v.is_none().then_some(*c).flatten());
            let Some(undecided) = undecided else {
                if out.scenarios.len() >= MAX_SCENARIOS {
                    out.truncated = true;
                    break;
                }
                out.scenarios.push(Scenario {
                    assignment,
                    holds: values.iter().map(|v| v.unwrap_or(true)).collect(),
                });
                continue;
            };
            // Branch on the first unassigned variable the undecided condition reads.
            let Some(variable) = first_unassigned(undecided, &assignment) else {
                continue;
            };
            let n_cells = self.cells.get(variable).map_or(0, Cells::len);
            // Pushed in reverse so that cells are explored in order.
            for cell in (0..n_cells).rev() {
                let mut next = assignment.clone();
                if let Some(slot) = next.get_mut(variable) {
                    *slot = Some(cell);
                }
                stack.push(next);
            }
        }
        out
    }
}

fn contains_invalid(cond: &Cond) -> bool {
    match cond {
        Cond::Invalid => true,
        Cond::Or(parts) | Cond::And(parts) => parts.iter().any(contains_invalid),
        Cond::Not(inner) => contains_invalid(inner),
        _ => false,
    }
}

/// The cells of variable `id`: for a number, the intervals between every
/// constant it is compared with, cut to its declared range.
fn cells_of(id: SituationId, domain: &Domain, conditions: &[&Cond]) -> Cells {
    match domain {
        Domain::Enum(values) => Cells::Enum(values.iter().map(|(v, _)| v.clone()).collect()),
        Domain::Bool => Cells::Bool,
        Domain::Number { range, .. } => {
            let mut constants = Vec::new();
            for cond in conditions {
                collect_constants(cond, id, &mut constants);
            }
            // Constants outside the declared range cut nothing (E0204 names them).
            if let Some((low, high)) = range {
                constants.retain(|c| c >= low && c <= high);
            }
            constants.sort_by(f64::total_cmp);
            constants.dedup();
            // Open intervals between the constants, then the constants
            // themselves: open intervals come first, so the first scenario
            // found (the example a finding shows) reads `面积 < 300`, not
            // `面积 = 0`. A bound that is the declared range's is left implicit.
            let (range_low, range_high) = range.map_or((None, None), |(l, h)| (Some(l), Some(h)));
            let mut intervals = Vec::new();
            let mut previous: Option<f64> = None;
            for next in constants.iter().copied().map(Some).chain([None]) {
                let low = previous.or(range_low);
                let high = next.or(range_high);
                let open_low = previous.is_some() || range_low.is_none();
                let open_high = next.is_some() || range_high.is_none();
                let representative = match (low, high) {
                    (Some(l), Some(h)) => (l + h) / 2.0,
                    (Some(l), None) => l + 1.0,
                    (None, Some(h)) => h - 1.0,
                    (None, None) => 0.0,
                };
                // An interval with no room inside (the range starts at a constant) is empty.
                let empty = matches!((low, high), (Some(l), Some(h)) if l > h || (l == h && (open_low || open_high)));
                if !empty {
                    intervals.push(Interval {
                        representative,
                        low: previous.map(|p| (p, false)),
                        high: next.map(|n| (n, false)),
                    });
                }
                previous = next;
            }
            for &c in &constants {
                intervals.push(Interval {
                    representative: c,
                    low: Some((c, true)),
                    high: Some((c, true)),
                });
            }
            Cells::Number(intervals)
        }
    }
}

fn collect_constants(cond: &Cond, id: SituationId, out: &mut Vec<f64>) {
    match cond {
        Cond::Or(parts) | Cond::And(parts) => parts.iter().for_each(|p| collect_constants(p, id, out)),
        Cond::Not(inner) => collect_constants(inner, id, out),
        Cond::Number { situation, value, .. } if *situation == id => out.push(*value),
        _ => {}
    }
}

fn first_unassigned(cond: &Cond, assignment: &[Option<usize>]) -> Option<usize> {
    match cond {
        Cond::Or(parts) | Cond::And(parts) => parts.iter().find_map(|p| first_unassigned(p, assignment)),
        Cond::Not(inner) => first_unassigned(inner, assignment),
        Cond::Flag(id) | Cond::Enum { situation: id, .. } | Cond::Number { situation: id, .. } => {
            let index = id.index();
            matches!(assignment.get(index), Some(None)).then_some(index)
        }
        Cond::Invalid => None,
    }
}

/// Three-valued evaluation: `None` while a variable it needs is unassigned.
pub fn eval(cond: &Cond, assignment: &[Option<usize>], cells: &[Cells]) -> Option<bool> {
    match cond {
        Cond::Or(parts) => {
            let mut unknown = false;
            for part in parts {
                match eval(part, assignment, cells) {
                    Some(true) => return Some(true),
                    None => unknown = true,
                    Some(false) => {}
                }
            }
            if unknown { None } else { Some(false) }
        }
        Cond::And(parts) => {
            let mut unknown = false;
            for part in parts {
                match eval(part, assignment, cells) {
                    Some(false) => return Some(false),
                    None => unknown = true,
                    Some(true) => {}
                }
            }
            if unknown { None } else { Some(true) }
        }
        Cond::Not(inner) => eval(inner, assignment, cells).map(|v| !v),
        Cond::Flag(id) => cell(assignment, *id).map(|c| c == 0),
        Cond::Enum {
            situation,
            equal,
            value,
        } => cell(assignment, *situation).map(|c| (c == *value) == *equal),
        Cond::Number { situation, op, value } => {
            let c = cell(assignment, *situation)?;
            let Some(Cells::Number(intervals)) = cells.get(situation.index()) else {
                return None;
            };
            let x = intervals.get(c)?.representative;
            Some(match op {
                CompareOp::Eq => x == *value,
                CompareOp::Ne => x != *value,
                CompareOp::Lt => x < *value,
                CompareOp::Le => x <= *value,
                CompareOp::Gt => x > *value,
                CompareOp::Ge => x >= *value,
            })
        }
        Cond::Invalid => None,
    }
}

fn cell(assignment: &[Option<usize>], id: SituationId) -> Option<usize> {
    assignment.get(id.index()).copied().flatten()
}

/// Describes a scenario for people: `申请方式 = 一般程序，经营面积 < 300`; only
/// the variables the scenario fixes are named.
pub fn describe(item: &Item, analysis: &ItemSituations, scenario: &Scenario) -> crate::diagnostics::Tr {
    describe_in(&item.situations, analysis, scenario)
}

/// [`describe`] over any set of situations.
pub fn describe_in(
    situations: &IndexMap<String, Situation>,
    analysis: &ItemSituations,
    scenario: &Scenario,
) -> crate::diagnostics::Tr {
    use crate::diagnostics::{Phrase, Tr};
    let mut parts = Vec::new();
    for ((situation, cells), cell) in situations.values().zip(&analysis.cells).zip(&scenario.assignment) {
        let Some(cell) = cell else { continue };
        let name = &situation.name;
        // The situation's name, its values and numbers are the user's words.
        parts.push(match cells {
            Cells::Enum(values) => Tr::same(format!("{name} = {}", values.get(*cell).map_or("?", String::as_str))),
            Cells::Bool if *cell == 0 => Phrase::SituationYes.tr(&[("name", Tr::same(name.as_str()))]),
            Cells::Bool => Phrase::SituationNo.tr(&[("name", Tr::same(name.as_str()))]),
            Cells::Number(intervals) => Tr::same(
                intervals
                    .get(*cell)
                    .map_or_else(|| name.clone(), |i| describe_interval(name, i)),
            ),
        });
    }
    if parts.is_empty() {
        Phrase::AnySituation.tr(&[])
    } else {
        Tr::join_with(parts, "，", ", ")
    }
}

fn describe_interval(name: &str, interval: &Interval) -> String {
    use crate::ast::fmt_number as n;
    match (interval.low, interval.high) {
        (Some((low, true)), Some((high, true))) if low == high => format!("{name} = {}", n(low)),
        (None, Some((high, inclusive))) => format!("{name} {} {}", if inclusive { "≤" } else { "<" }, n(high)),
        (Some((low, inclusive)), None) => format!("{name} {} {}", if inclusive { "≥" } else { ">" }, n(low)),
        (Some((low, li)), Some((high, hi))) => {
            format!(
                "{} {} {name} {} {}",
                n(low),
                if li { "≤" } else { "<" },
                if hi { "≤" } else { "<" },
                n(high)
            )
        }
        (None, None) => name.to_string(),
    }
}

/// `在“…”时` / ` when …` for a message, or nothing when the scenario fixes no
/// situation (the finding holds whatever the applicant's situation).
pub fn when_phrase(item: &Item, analysis: &ItemSituations, scenario: &Scenario, comma: bool) -> crate::diagnostics::Tr {
    when_phrase_in(&item.situations, analysis, scenario, comma)
}

/// [`when_phrase`] over any set of situations.
pub fn when_phrase_in(
    situations: &IndexMap<String, Situation>,
    analysis: &ItemSituations,
    scenario: &Scenario,
    comma: bool,
) -> crate::diagnostics::Tr {
    if !fixes_any(scenario) {
        return crate::diagnostics::Tr::empty();
    }
    when_phrase_of(&describe_in(situations, analysis, scenario), comma)
}

/// Whether a scenario fixes some situation (else it stands for any).
pub fn fixes_any(scenario: &Scenario) -> bool {
    scenario.assignment.iter().any(Option::is_some)
}

/// `在“…”时` / ` when …` around a description from [`describe_in`].
pub fn when_phrase_of(described: &crate::diagnostics::Tr, comma: bool) -> crate::diagnostics::Tr {
    let phrase = if comma {
        crate::diagnostics::Phrase::WhenComma
    } else {
        crate::diagnostics::Phrase::When
    };
    phrase.tr(&[("situation", described.clone())])
}
