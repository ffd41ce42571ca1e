//! Situation analysis: every combination of situation values an applicant can
//! be in, and exact answers to the two kinds of question the checks ask about
//! them: *is there an applicant for whom …* ([`ItemSituations::find`]) and
//! *what is the worst case of … over all applicants*
//! ([`ItemSituations::maximise`]), each with one concrete example situation.
//!
//! Each situation variable is cut into finitely many cells: the values of an
//! enumeration, yes and no, or the intervals of a numeric range between the
//! constants the item's conditions compare it with (a comparison is constant on
//! each such interval, so one representative per cell decides it; for a
//! whole-number situation an interval with no whole number inside is no cell).
//!
//! A question is answered by a search over the conditions it reads, never by
//! listing the product of the cells: variables are assigned one at a time,
//! only variables that some still undecided condition mentions, and the
//! conditions are evaluated with three values (true, false, not yet known)
//! after each assignment. The question itself is evaluated on those partial
//! values too and cuts every branch in which it can no longer hold (an
//! existence question) or in which an upper bound cannot beat the best value
//! found so far (a worst-case question, branch and bound: the figures the
//! checks maximise grow with the set of applying materials and steps, so an
//! undecided one counted as applying bounds every completion). A branch in
//! which every condition is decided is one *scenario*, standing for all values
//! of the variables it leaves open. Branches are visited in the order the
//! variables and their cells are declared, so the example a finding gives is
//! the first scenario, in that order, that answers the question.
//!
//! Every answer is exact. A search that would take more than [`MAX_STEPS`]
//! steps stops and says so (W0607); the shipped rules and items of 40
//! independent situations stay far below it.

use crate::ir::Named;
use crate::ir::{Cond, Domain, Item, Situation, SituationId};

/// At most this many steps (partial assignments visited) per question; beyond,
/// the search stops and W0607 says so.
pub const MAX_STEPS: usize = 50_000;

/// The finite cells of one situation variable.
#[derive(Debug, Clone)]
pub enum Cells {
    /// An enumeration of this many values: cell `i` is value `i` (named
    /// by the situation's domain).
    Enum(usize),
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
            Cells::Enum(n) => *n,
            Cells::Bool => 2,
            Cells::Number(intervals) => intervals.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One group of situations in which each of the conditions searched has the
/// same value. `assignment[v]` is the cell of variable `v`, or `None` when the
/// scenario holds for every value of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub assignment: Vec<Option<usize>>,
    /// The value of each searched condition (`None` conditions hold always).
    pub holds: Vec<bool>,
}

/// The situations of one item, ready to search conditions over.
#[derive(Debug, Clone)]
pub struct ItemSituations {
    pub cells: Vec<Cells>,
    /// Some condition did not resolve (its error is already reported); the
    /// item is not analysed, to avoid findings that follow from that error.
    pub skipped: bool,
}

/// The answer to one question, and whether the search stopped at
/// [`MAX_STEPS`] before it was sure (then the answer is what was found so
/// far: `None` means only that nothing was found).
#[derive(Debug, Clone)]
pub struct Answer<T> {
    pub answer: T,
    pub stopped: bool,
}

/// The values of the searched conditions in a partial assignment: `None`
/// while not yet known.
pub type Partial = [Option<bool>];

/// Prepares the situation analysis of one item: the cells of each variable.
pub fn analyse(item: &Item) -> ItemSituations {
    let conditions: Vec<&Cond> = item
        .materials
        .values()
        .filter_map(|m| m.when.as_deref())
        .chain(item.steps.values().filter_map(|s| s.when.as_deref()))
        .collect();
    analyse_situations(&item.situations, &conditions)
}

/// Prepares the analysis of a thing's situations for its optional items'
/// conditions.
pub fn analyse_thing(thing: &crate::ir::Thing) -> ItemSituations {
    let conditions: Vec<&Cond> = thing
        .items
        .iter()
        .filter_map(|m| m.when.as_ref())
        .chain(thing.joint_reviews.iter().filter_map(|r| r.when.as_ref()))
        .collect();
    analyse_situations(&thing.situations, &conditions)
}

/// Prepares the analysis of any set of situations (an item's, or a thing's
/// for its optional items) for the conditions written over them.
pub fn analyse_situations(situations: &Named<Situation>, conditions: &[&Cond]) -> ItemSituations {
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

/// `partial` with every condition not yet known taken as holding: the most
/// that can still apply.
pub fn upper(partial: &Partial) -> Vec<bool> {
    partial.iter().map(|h| h.unwrap_or(true)).collect()
}

/// `partial` with every condition not yet known taken as not holding: the
/// least that can still apply.
pub fn lower(partial: &Partial) -> Vec<bool> {
    partial.iter().map(|h| h.unwrap_or(false)).collect()
}

/// Whether the condition at `index` may still hold.
pub fn may_hold(partial: &Partial, index: usize) -> bool {
    partial.get(index).copied().flatten() != Some(false)
}

/// Whether the condition at `index` may still fail.
pub fn may_fail(partial: &Partial, index: usize) -> bool {
    partial.get(index).copied().flatten() != Some(true)
}

/// One node of a search: a partial assignment and the conditions' values in it.
struct Node {
    assignment: Vec<Option<usize>>,
    values: Vec<Option<bool>>,
}

impl ItemSituations {
    /// The first scenario, in declaration order, in which `question` holds.
    ///
    /// `question` is asked of the conditions' values in partial assignments
    /// too (`None` = not yet known) and must answer `true` whenever some
    /// completion could satisfy it; a `false` cuts the branch. In a scenario
    /// every value is known and its answer is taken as it is.
    pub fn find(&self, conditions: &[Option<&Cond>], question: impl Fn(&Partial) -> bool) -> Answer<Option<Scenario>> {
        let mut steps = 0;
        let mut stack = vec![self.root(conditions)];
        while let Some(node) = stack.pop() {
            steps += 1;
            if steps > MAX_STEPS {
                return Answer {
                    answer: None,
                    stopped: true,
                };
            }
            if !question(&node.values) {
                continue;
            }
            match self.children(conditions, &node) {
                None => {
                    return Answer {
                        answer: Some(scenario(node)),
                        stopped: false,
                    };
                }
                // Pushed in reverse so that cells are visited in order.
                Some(children) => stack.extend(children.into_iter().rev()),
            }
        }
        Answer {
            answer: None,
            stopped: false,
        }
    }

    /// The greatest value of `bound` over the scenarios, with the first
    /// scenario, in declaration order, that has it; `None` when there is no
    /// scenario (a numeric situation whose range holds no value).
    ///
    /// `bound` is asked of partial assignments too and must never be less
    /// than its value in any scenario below them (counting a material or step
    /// whose condition is not yet known as applying gives such a bound for a
    /// figure that grows with what applies); in a scenario it is the value.
    /// The search first visits the cells with the greatest bound, to find the
    /// worst case early, and cuts every branch whose bound cannot beat it;
    /// then it finds the first scenario with that value.
    pub fn maximise<V: PartialOrd + Clone>(
        &self,
        conditions: &[Option<&Cond>],
        bound: impl Fn(&Partial) -> V,
    ) -> Answer<Option<(Scenario, V)>> {
        let mut steps = 0;
        let root = self.root(conditions);
        let root_bound = bound(&root.values);
        let mut best: Option<V> = None;
        let mut stack = vec![(root, root_bound)];
        while let Some((node, node_bound)) = stack.pop() {
            steps += 1;
            if steps > MAX_STEPS {
                return Answer {
                    answer: None,
                    stopped: true,
                };
            }
            if best.as_ref().is_some_and(|b| node_bound <= *b) {
                continue;
            }
            match self.children(conditions, &node) {
                None => best = Some(node_bound),
                Some(children) => {
                    let mut bounded: Vec<(Node, V)> = children
                        .into_iter()
                        .map(|child| {
                            let b = bound(&child.values);
                            (child, b)
                        })
                        .filter(|(_, b)| best.as_ref().is_none_or(|best| b > best))
                        .collect();
                    // The greatest bound is popped first; among equal bounds
                    // the first cell (a stable sort keeps the order, and the
                    // stack reverses it).
                    bounded.reverse();
                    bounded.sort_by(|a, b| a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal));
                    stack.extend(bounded);
                }
            }
        }
        let Some(best) = best else {
            return Answer {
                answer: None,
                stopped: false,
            };
        };
        let first = self.find(conditions, |partial| bound(partial) >= best);
        Answer {
            answer: first.answer.map(|s| (s, best)),
            stopped: first.stopped,
        }
    }

    /// Every scenario that tells `conditions` apart, in declaration order, or
    /// `None` when there are more than `limit` (for listings meant to be read,
    /// such as the time per situation a guide prints).
    pub fn scenarios(&self, conditions: &[Option<&Cond>], limit: usize) -> Option<Vec<Scenario>> {
        let mut out = Vec::new();
        let mut stack = vec![self.root(conditions)];
        while let Some(node) = stack.pop() {
            match self.children(conditions, &node) {
                None => {
                    if out.len() >= limit {
                        return None;
                    }
                    out.push(scenario(node));
                }
                Some(children) => stack.extend(children.into_iter().rev()),
            }
        }
        Some(out)
    }

    /// The search's start: nothing assigned.
    fn root(&self, conditions: &[Option<&Cond>]) -> Node {
        let assignment = vec![None; self.cells.len()];
        let values = self.values(conditions, &assignment);
        Node { assignment, values }
    }

    fn values(&self, conditions: &[Option<&Cond>], assignment: &[Option<usize>]) -> Vec<Option<bool>> {
        conditions
            .iter()
            .map(|c| c.map_or(Some(true), |c| eval(c, assignment, &self.cells)))
            .collect()
    }

    /// The nodes one assignment further, in cell order; `None` when every
    /// condition is decided (the node is a scenario). A condition that cannot
    /// be decided (it did not resolve) ends the branch with no children.
    fn children(&self, conditions: &[Option<&Cond>], node: &Node) -> Option<Vec<Node>> {
        let undecided = conditions
            .iter()
            .zip(&node.values)
            .find_map(|(c, v)| v.is_none().then_some(*c).flatten())?;
        // Branch on the first unassigned variable the undecided condition reads.
        let Some(variable) = first_unassigned(undecided, &node.assignment) else {
            return Some(Vec::new());
        };
        let n_cells = self.cells.get(variable).map_or(0, Cells::len);
        Some(
            (0..n_cells)
                .map(|cell| {
                    let mut assignment = node.assignment.clone();
                    if let Some(slot) = assignment.get_mut(variable) {
                        *slot = Some(cell);
                    }
                    let values = self.values(conditions, &assignment);
                    Node { assignment, values }
                })
                .collect(),
        )
    }
}

/// A decided node as a scenario.
fn scenario(node: Node) -> Scenario {
    Scenario {
        assignment: node.assignment,
        holds: node.values.iter().map(|v| v.unwrap_or(true)).collect(),
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
/// constant it is compared with, cut to its declared range; for a whole
/// number, only the intervals and constants that hold a whole number.
fn cells_of(id: SituationId, domain: &Domain, conditions: &[&Cond]) -> Cells {
    match domain {
        Domain::Enum(values) => Cells::Enum(values.len()),
        Domain::Bool => Cells::Bool,
        Domain::Number { range, integer, .. } => {
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
                let representative = if *integer {
                    whole_number_between(low, open_low, high, open_high)
                } else {
                    Some(match (low, high) {
                        (Some(l), Some(h)) => (l + h) / 2.0,
                        (Some(l), None) => l + 1.0,
                        (None, Some(h)) => h - 1.0,
                        (None, None) => 0.0,
                    })
                };
                // An interval with no room inside (the range starts at a
                // constant), or no whole number for a whole-number situation,
                // is empty.
                let empty = matches!((low, high), (Some(l), Some(h)) if l > h || (l == h && (open_low || open_high)));
                if let Some(representative) = representative.filter(|_| !empty) {
                    intervals.push(Interval {
                        representative,
                        low: previous.map(|p| (p, false)),
                        high: next.map(|n| (n, false)),
                    });
                }
                previous = next;
            }
            for &c in constants.iter().filter(|c| !*integer || c.fract() == 0.0) {
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

/// A whole number between `low` and `high` (each end open or closed, `None`
/// unbounded), the one nearest the low end; `None` when there is none.
fn whole_number_between(low: Option<f64>, open_low: bool, high: Option<f64>, open_high: bool) -> Option<f64> {
    let first = low.map(|l| if open_low { l.floor() + 1.0 } else { l.ceil() });
    let last = high.map(|h| if open_high { h.ceil() - 1.0 } else { h.floor() });
    match (first, last) {
        (Some(first), Some(last)) => (first <= last).then_some(first),
        (Some(first), None) => Some(first),
        (None, Some(last)) => Some(last),
        (None, None) => Some(0.0),
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
    cond.eval_with(&|leaf| match leaf {
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
            Some(op.holds(intervals.get(c)?.representative, *value))
        }
        _ => None,
    })
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
    situations: &Named<Situation>,
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
            Cells::Enum(_) => {
                let value = match &situation.domain {
                    Domain::Enum(values) => values.get(*cell).map(|(v, _)| v.as_str()),
                    _ => None,
                };
                Tr::same(format!("{name} = {}", value.unwrap_or("?")))
            }
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
    situations: &Named<Situation>,
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
