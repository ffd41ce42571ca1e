//! Bundles (一件事: 一次告知、一套材料、一窗受理): the items of a thing merged
//! into one material set and one step graph, and the figures reforms publish
//! against doing the items one by one.
//!
//! - Materials: one set ([`merged_materials`], the one rule every consumer
//!   reads): a library material once however many items ask for it, an
//!   item's own material once each, handed over as the most any item asks
//!   for; the applicant brings what some applying item asks for (required or
//!   deferrable) and does not obtain by sharing.
//! - Steps: one window accepts for all items and one window delivers, so the
//!   items' acceptance steps merge into one and so do their delivery steps.
//! - Visits: one trip serves every item; a trip is needed to hand in paper or
//!   show an original for any item, and one to collect a window-only result.
//! - Days: items run in parallel except where the thing orders them
//!   (`顺序`), and a joint review (会签) waits for the items it names; each
//!   item counts its longest critical path over its situations.
//! - Optional items (选办事项): the figures hold for a group of the thing's
//!   situations that its optional items' conditions tell apart, with the
//!   items that apply there; [`bundle`] picks the group with the most items
//!   for the report and the documents, and [`first_group`] finds the first
//!   group that breaks a promise, without listing the groups.

use crate::analysis::Analyses;
use crate::analysis::calendar::{self, Bounds};
use crate::analysis::situations::{Answer, ItemSituations, Partial, Scenario, describe_in, fixes_any, may_hold, upper};
use crate::analysis::time::{self, Replacing, working_days};
use crate::analysis::visits::Reason;
use crate::ast::{CopyKind, Duration, DurationUnit, Necessity, Source, StepType};
use crate::diagnostics::Tr;
use crate::graph::Graphs;
use crate::ir::{Cond, Ir, Item, ItemId, ItemMaterial, ItemMaterialId, MaterialId, Thing, ThingId};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

/// One material of a thing's material set (一套材料).
#[derive(Debug, Clone, PartialEq)]
pub struct MergedMaterial {
    /// The library material, when it is one (an item's own is never merged).
    pub library: Option<MaterialId>,
    /// The items that ask for it, in the thing's order, each with its entry.
    pub asked_by: Vec<(ItemId, ItemMaterialId)>,
    /// How it is handed over: the most any of the items whose applicant
    /// brings it asks for (an item that gets it by sharing asks for nothing),
    /// so that every item gets what it needs (W1101 warns when one wants the
    /// original and another only a copy).
    pub copy: CopyKind,
}

impl MergedMaterial {
    /// Each item that asks for it, with its entry, in the thing's order.
    pub fn entries<'a>(&self, ir: &'a Ir) -> impl Iterator<Item = (ItemId, &'a Item, &'a ItemMaterial)> + use<'a, '_> {
        self.asked_by.iter().filter_map(move |(item, material)| {
            let (_, def) = ir.items.get_index(item.index())?;
            let m = def.materials.get_index(material.index())?;
            Some((*item, &**def, m))
        })
    }
}

/// The one material set of `thing`: every material of its items (each item
/// once), in the order the items and their materials are written; a library
/// material once however many items ask for it, an item's own material once
/// each.
pub fn merged_materials(ir: &Ir, thing: &Thing) -> Vec<MergedMaterial> {
    let mut out: Vec<MergedMaterial> = Vec::new();
    for member in thing.distinct_members() {
        let Some((_, item)) = ir.items.get_index(member.item.index()) else {
            continue;
        };
        for (index, material) in item.materials.values().enumerate() {
            let asker = (member.item, ItemMaterialId::from_index(index));
            let existing = material
                .library
                .and_then(|library| out.iter_mut().find(|m| m.library == Some(library)));
            match existing {
                Some(merged) => {
                    // Only an item whose applicant hands the material over has
                    // a say in how: one that gets it by sharing asks for
                    // nothing at the counter. The last of equally burdensome
                    // kinds, as `max_by_key` picks.
                    let any_handed = merged.entries(ir).any(|(_, _, m)| handed_over(m));
                    if handed_over(material) && (!any_handed || material.copy.burden() >= merged.copy.burden()) {
                        merged.copy = material.copy;
                    }
                    merged.asked_by.push(asker);
                }
                None => out.push(MergedMaterial {
                    library: material.library,
                    asked_by: vec![asker],
                    copy: material.copy,
                }),
            }
        }
    }
    out
}

/// What one item costs the applicant when done alone.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemFigures {
    /// Materials the applicant brings (asked for and not shared).
    pub materials: usize,
    pub steps: usize,
    pub visits: u32,
    /// The longest critical path over the item's situations, working days.
    pub days: f64,
    /// The same under every calendar (steps in calendar days count the
    /// working days they can contain).
    pub days_range: Bounds,
    pub reasons: Vec<Reason>,
    /// Every situation that hands out a window-only result is finished on
    /// the spot, so the result is collected during the hand-in visit.
    pub on_the_spot: bool,
}

/// A node of a bundle's critical path.
#[derive(Debug, Clone, PartialEq)]
pub enum BundleStep {
    Item(ItemId),
    /// A joint review, by its position in the thing.
    JointReview(usize),
    /// The steps of an item before those a joint review does instead
    /// (`替代`), which the review waits for.
    ItemHead(ItemId),
}

impl BundleStep {
    /// The step as a critical path names it.
    pub fn tr(&self, ir: &Ir, thing: &Thing) -> Tr {
        use crate::diagnostics::Phrase;
        let item = |id: &ItemId| ir.items.get_index(id.index()).map_or("", |(_, i)| i.name.as_str());
        match self {
            BundleStep::Item(id) => Tr::same(item(id)),
            BundleStep::JointReview(index) => Phrase::JointReview.tr(&[(
                "name",
                Tr::same(thing.joint_reviews.get(*index).map_or("", |r| r.name.as_str())),
            )]),
            BundleStep::ItemHead(id) => Phrase::ItemHead.tr(&[("name", Tr::same(item(id)))]),
        }
    }
}

/// The merged thing against its items one by one.
#[derive(Debug, Clone, PartialEq)]
pub struct BundleFigures {
    /// The items that apply.
    pub items: Vec<ItemId>,
    /// The situations of the thing these figures hold in; `None` when they
    /// hold whatever the applicant's situation.
    pub when: Option<Tr>,
    pub materials_separately: usize,
    pub materials_bundle: usize,
    pub steps_separately: usize,
    pub steps_bundle: usize,
    pub visits_separately: u32,
    pub visits_bundle: u32,
    pub visit_reasons: Vec<Reason>,
    pub days_separately: f64,
    pub days_bundle: f64,
    /// `days_bundle` under every calendar.
    pub days_bundle_range: Bounds,
    pub path: Vec<BundleStep>,
}

impl BundleFigures {
    /// The reduction in percent from one-by-one to the bundle (0 when there
    /// was nothing to reduce).
    pub fn reduction(separately: f64, bundle: f64) -> f64 {
        if separately <= 0.0 {
            0.0
        } else {
            ((separately - bundle) / separately * 100.0).round()
        }
    }
}

/// Whether the applicant hands `material` over at all (rather than the
/// centre getting it by data sharing), which is when how it is handed over
/// (original, copy) matters.
pub fn handed_over(material: &ItemMaterial) -> bool {
    material.source != Some(Source::Shared)
}

/// Whether the applicant brings `material` when it applies: it is asked for
/// (required or deferrable) and not obtained by sharing.
pub fn brought(material: &ItemMaterial) -> bool {
    material.necessity != Necessity::Optional && material.source != Some(Source::Shared)
}

/// The materials of `item` the applicant brings.
pub fn brings(item: &Item) -> impl Iterator<Item = &ItemMaterial> {
    item.materials.values().filter(|m| brought(m))
}

/// An item of a thing with its figures alone.
type Figured<'a> = (ItemId, &'a Item, ItemFigures);

/// A thing's items with their figures alone and the conditions of its
/// optional items, kept together so that a search's `holds` line up with the
/// figures; the conditions of its joint reviews follow those of the items,
/// so `holds` is the items' flags, then the reviews'.
struct Members<'a> {
    thing: &'a Thing,
    situations: &'a ItemSituations,
    figures: Vec<Figured<'a>>,
    conditions: Vec<Option<&'a Cond>>,
    materials: &'a [MergedMaterial],
    replacer: Replacer<'a>,
}

/// How the days of a bundle are counted: in working days, or the fewest or
/// the most working days a calendar can give steps in calendar days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Weighting {
    Working,
    Shortest,
    Longest,
}

impl Weighting {
    fn days(self, duration: Duration) -> f64 {
        match self {
            Weighting::Working => working_days(duration),
            Weighting::Shortest => calendar::working_range(duration).shortest,
            Weighting::Longest => calendar::working_range(duration).longest,
        }
    }

    fn item_days(self, figures: &ItemFigures) -> f64 {
        match self {
            Weighting::Working => figures.days,
            Weighting::Shortest => figures.days_range.shortest,
            Weighting::Longest => figures.days_range.longest,
        }
    }
}

/// An item, the reviews that do steps of it, and how days are counted.
type ReplacingKey = (ItemId, Vec<usize>, Weighting);

/// The times of the thing's items whose steps joint reviews do instead
/// (`替代`), worked out when first needed: they depend on which reviews apply.
struct Replacer<'a> {
    ir: &'a Ir,
    graphs: &'a Graphs,
    analyses: &'a Analyses,
    thing: &'a Thing,
    cache: RefCell<HashMap<ReplacingKey, Replacing>>,
}

impl Replacer<'_> {
    /// The steps of `item` that review `review` replaces, as flags by step.
    fn group(&self, item: &Item, id: ItemId, review: usize) -> Vec<bool> {
        let mut flags = vec![false; item.steps.len()];
        for replaced in self
            .thing
            .joint_reviews
            .get(review)
            .into_iter()
            .flat_map(|r| &r.replaces)
        {
            if replaced.item == id {
                for step in &replaced.steps {
                    if let Some(flag) = flags.get_mut(step.index()) {
                        *flag = true;
                    }
                }
            }
        }
        flags
    }

    /// The times of `id` when the `reviews` replace steps of it.
    fn times(&self, id: ItemId, reviews: &[usize], weighting: Weighting) -> Option<Replacing> {
        let key = (id, reviews.to_vec(), weighting);
        if let Some(found) = self.cache.borrow().get(&key) {
            return Some(found.clone());
        }
        let (_, item) = self.ir.items.get_index(id.index())?;
        let graph = self.graphs.items.get(id.index())?;
        let analysis = self.analyses.situations(id)?;
        let groups: Vec<Vec<bool>> = reviews.iter().map(|&r| self.group(item, id, r)).collect();
        let times = time::replacing(item, graph, analysis, &groups, &|d| weighting.days(d));
        self.cache.borrow_mut().insert(key, times.clone());
        Some(times)
    }
}

/// Whether review `review` of `thing` waits for `item` to finish: `item` is
/// one it comes after, or ordered (`顺序`) before one of those. Such a review
/// cannot do steps of `item` (E1108).
pub fn review_waits_for(thing: &Thing, review: usize, item: ItemId) -> bool {
    let Some(review) = thing.joint_reviews.get(review) else {
        return false;
    };
    let mut stack: Vec<ItemId> = review.after.to_vec();
    let mut seen: HashSet<ItemId> = HashSet::new();
    while let Some(current) = stack.pop() {
        if current == item {
            return true;
        }
        if seen.insert(current) {
            stack.extend(
                thing
                    .order
                    .iter()
                    .filter(|(_, later, _)| *later == current)
                    .map(|(before, _, _)| *before),
            );
        }
    }
    false
}

/// Whether review `review` does steps of some item of the thing, so that its
/// applying can shorten the bundle as well as lengthen it.
fn replaces_steps(thing: &Thing, review: usize) -> bool {
    thing
        .joint_reviews
        .get(review)
        .is_some_and(|r| r.replaces.iter().any(|x| !x.steps.is_empty()))
}

fn members<'a>(ir: &'a Ir, graphs: &'a Graphs, analyses: &'a Analyses, thing_id: ThingId) -> Option<Members<'a>> {
    let (_, thing) = ir.things.get_index(thing_id.index())?;
    let situations = analyses.thing_situations(thing_id)?;
    let (figures, conditions): (Vec<Figured<'a>>, Vec<Option<&'a Cond>>) = thing
        .distinct_members()
        .filter_map(|member| {
            let id = member.item;
            let item = &**ir.items.get_index(id.index())?.1;
            let figures = analyses.item_figures(ir, graphs, id)?;
            Some(((id, item, figures), member.when.as_ref()))
        })
        .unzip();
    let mut conditions = conditions;
    conditions.extend(thing.joint_reviews.iter().map(|r| r.when.as_ref()));
    Some(Members {
        thing,
        situations,
        figures,
        conditions,
        materials: analyses.materials(ir, thing_id),
        replacer: Replacer {
            ir,
            graphs,
            analyses,
            thing,
            cache: RefCell::new(HashMap::new()),
        },
    })
}

impl Members<'_> {
    /// The figures when the items marked in `applies` apply.
    fn merge(&self, ir: &Ir, applies: &[bool], scenario: Option<&Scenario>) -> BundleFigures {
        let when = scenario
            .filter(|s| fixes_any(s))
            .map(|s| describe_in(&self.thing.situations, self.situations, s));
        merge(ir, self, applies, when)
    }

    /// The ways the undecided conditions of `partial` can go that bound what
    /// lies below it: every undecided item applying (more items only add to
    /// the bundle), and each undecided review that replaces steps both
    /// applying and not (doing steps instead can shorten the bundle, and
    /// waiting can lengthen it). A decided node has one way.
    fn completions(&self, partial: &Partial) -> Vec<Vec<bool>> {
        let mut out = vec![upper(partial)];
        for (index, value) in partial.iter().enumerate().skip(self.figures.len()) {
            let review = index - self.figures.len();
            if value.is_none() && replaces_steps(self.thing, review) && out.len() < 1 << 10 {
                let without: Vec<Vec<bool>> = out
                    .iter()
                    .map(|applies| {
                        let mut applies = applies.clone();
                        if let Some(flag) = applies.get_mut(index) {
                            *flag = false;
                        }
                        applies
                    })
                    .collect();
                out.extend(without);
            }
        }
        out
    }

    /// Every item and joint review applying, whatever the situation.
    fn everything(&self, ir: &Ir) -> BundleFigures {
        self.merge(ir, &vec![true; self.conditions.len()], None)
    }

    /// The items' flags of `holds` (the reviews' follow them).
    fn items<'h>(&self, holds: &'h [bool]) -> &'h [bool] {
        holds.get(..self.figures.len()).unwrap_or(holds)
    }
}

/// The thing's figures when the distinct members for which `applies` holds
/// apply (one flag per [`Thing::distinct_members`], in their order, then one
/// per joint review): what one applicant of the thing gets (`yijian test`).
pub fn figures_for(
    ir: &Ir,
    graphs: &Graphs,
    analyses: &Analyses,
    thing_id: ThingId,
    applies: &[bool],
) -> BundleFigures {
    match members(ir, graphs, analyses, thing_id) {
        Some(members) => members.merge(ir, applies, None),
        None => empty(),
    }
}

/// The thing's figures in the group of situations (as its optional items tell
/// them apart) with the most items, then the most days, the first such group
/// in declaration order: what the report and the documents show. Every item
/// counts when no situation makes any item apply, when a condition did not
/// resolve (reported) and when the search stops at its bound.
pub fn bundle(ir: &Ir, graphs: &Graphs, analyses: &Analyses, thing_id: ThingId) -> BundleFigures {
    let Some(members) = members(ir, graphs, analyses, thing_id) else {
        return empty();
    };
    if members.situations.skipped {
        return members.everything(ir);
    }
    // More items only add nodes and waits to the bundle's path, so with every
    // undecided item applying both figures bound the branch.
    let key = |applies: &[bool]| {
        let n_items = members.items(applies).iter().filter(|a| **a).count();
        (n_items > 0).then(|| {
            let days = bundle_path(&members, applies, &replacements(&members, applies), Weighting::Working).0;
            (n_items, days)
        })
    };
    let bound = |p: &Partial| {
        members
            .completions(p)
            .iter()
            .map(|applies| key(applies))
            .reduce(|a, b| if b > a { b } else { a })
            .flatten()
    };
    let best = members.situations.maximise(&members.conditions, bound);
    match best.answer {
        Some((scenario, Some(_))) if !best.stopped => members.merge(ir, &scenario.holds, Some(&scenario)),
        _ => members.everything(ir),
    }
}

/// The thing's figures in each group of situations its optional items tell
/// apart, in declaration order, groups in which the same items apply given
/// once (every item when no situation makes any item apply); `None` when
/// there are more than `limit` groups of situations to look at.
pub fn groups(
    ir: &Ir,
    graphs: &Graphs,
    analyses: &Analyses,
    thing_id: ThingId,
    limit: usize,
) -> Option<Vec<BundleFigures>> {
    let members = members(ir, graphs, analyses, thing_id)?;
    if members.situations.skipped {
        return Some(vec![members.everything(ir)]);
    }
    let mut out: Vec<BundleFigures> = Vec::new();
    let mut sets: Vec<Vec<bool>> = Vec::new();
    for scenario in members.situations.scenarios(&members.conditions, limit)? {
        if members.items(&scenario.holds).iter().all(|h| !h) || sets.contains(&scenario.holds) {
            continue;
        }
        out.push(members.merge(ir, &scenario.holds, Some(&scenario)));
        sets.push(scenario.holds);
    }
    if out.is_empty() {
        out.push(members.everything(ir));
    }
    Some(out)
}

/// The first group of the thing's situations, in declaration order, whose
/// figures `breaks` (with every item when no situation makes any item apply
/// or a condition did not resolve). `breaks` must keep holding when more
/// items apply (a path longer than a promise, more visits than claimed): then
/// the figures with every undecided item applying tell whether a branch can
/// hold such a group.
pub fn first_group(
    ir: &Ir,
    graphs: &Graphs,
    analyses: &Analyses,
    thing_id: ThingId,
    breaks: impl Fn(&BundleFigures) -> bool,
) -> Answer<Option<BundleFigures>> {
    let Some(members) = members(ir, graphs, analyses, thing_id) else {
        return Answer {
            answer: None,
            stopped: false,
        };
    };
    let everything = |members: &Members<'_>| {
        let all = members.everything(ir);
        breaks(&all).then_some(all)
    };
    if members.situations.skipped {
        return Answer {
            answer: everything(&members),
            stopped: false,
        };
    }
    let n_items = members.figures.len();
    let any = |p: &Partial| (0..p.len().min(n_items)).any(|i| may_hold(p, i));
    let found = members.situations.find(&members.conditions, |p| {
        any(p)
            && members
                .completions(p)
                .iter()
                .any(|applies| breaks(&members.merge(ir, applies, None)))
    });
    if let Some(scenario) = found.answer {
        return Answer {
            answer: Some(members.merge(ir, &scenario.holds, Some(&scenario))),
            stopped: found.stopped,
        };
    }
    if found.stopped {
        return Answer {
            answer: None,
            stopped: true,
        };
    }
    // No group at all: every item counts.
    let some_group = members.situations.find(&members.conditions, any);
    Answer {
        answer: if some_group.answer.is_none() && !some_group.stopped {
            everything(&members)
        } else {
            None
        },
        stopped: some_group.stopped,
    }
}

/// The figures of nothing.
fn empty() -> BundleFigures {
    BundleFigures {
        items: Vec::new(),
        when: None,
        materials_separately: 0,
        materials_bundle: 0,
        steps_separately: 0,
        steps_bundle: 0,
        visits_separately: 0,
        visits_bundle: 0,
        visit_reasons: Vec::new(),
        days_separately: 0.0,
        days_bundle: 0.0,
        days_bundle_range: calendar::exactly(0.0),
        path: Vec::new(),
    }
}

/// Merges the items of the thing for which `applies` holds (one flag per
/// distinct member, then one per joint review).
fn merge(ir: &Ir, members: &Members<'_>, applies: &[bool], when: Option<Tr>) -> BundleFigures {
    let (thing, materials, all) = (members.thing, members.materials, &members.figures[..]);
    let figures: Vec<&Figured<'_>> = all
        .iter()
        .zip(applies)
        .filter_map(|(f, applies)| applies.then_some(f))
        .collect();
    let items: Vec<ItemId> = figures.iter().map(|(id, _, _)| *id).collect();

    // The thing's one material set: what some applying item brings.
    let materials_bundle = materials
        .iter()
        .filter(|m| m.entries(ir).any(|(id, _, m)| items.contains(&id) && brought(m)))
        .count();

    let count_type = |t: StepType| {
        figures
            .iter()
            .map(|(_, item, _)| item.steps.values().filter(|s| s.step_type == t).count())
            .sum::<usize>()
    };
    let steps_separately: usize = figures.iter().map(|(_, _, f)| f.steps).sum();
    // The steps joint reviews do instead of the items (`替代`).
    let replaced = replacements(members, applies);
    // (item, step name) of each step a review does instead.
    let replaced_steps: Vec<(ItemId, &str)> = replaced
        .iter()
        .filter_map(|(review, item)| Some((thing.joint_reviews.get(*review)?, *item)))
        .flat_map(|(review, id)| {
            review
                .replaces
                .iter()
                .filter(move |x| x.item == id)
                .flat_map(move |x| x.step_names(ir).map(move |name| (id, name)))
        })
        .collect();
    let is_replaced = |item: ItemId, step: &str| replaced_steps.contains(&(item, step));
    let merged_away = count_type(StepType::Accept).saturating_sub(1)
        + count_type(StepType::Deliver).saturating_sub(1)
        + replaced_steps.len();

    let mut visit_reasons: Vec<Reason> = Vec::new();
    // Being there in person is a trip per item's step, unlike paper, which
    // goes in once whichever item asks: (item, reason) of each presence.
    let mut presence: Vec<(&str, Reason)> = Vec::new();
    for (id, item, f) in &figures {
        for reason in &f.reasons {
            if let Reason::Presence { step, .. } = reason {
                // A step a review does instead: the review says where to be.
                if !is_replaced(*id, step) {
                    presence.push((item.name.as_str(), reason.clone()));
                }
            } else if !visit_reasons.contains(reason) {
                visit_reasons.push(reason.clone());
            }
        }
    }
    // Two items' steps of one name are told apart by their items.
    for (index, (item, reason)) in presence.iter().enumerate() {
        let clash = presence
            .iter()
            .enumerate()
            .any(|(other, (other_item, r))| other != index && other_item != item && r.subject() == reason.subject());
        let reason = match reason {
            Reason::Presence {
                step,
                place,
                with_submission,
            } if clash => Reason::Presence {
                step: format!("{item}：{step}"),
                place: *place,
                with_submission: *with_submission,
            },
            _ => reason.clone(),
        };
        visit_reasons.push(reason);
    }
    for (index, review) in thing.joint_reviews.iter().enumerate() {
        if let Some(place) = review.presence
            && applies.get(all.len() + index).copied().unwrap_or(true)
        {
            let reason = Reason::JointPresence {
                review: review.name.clone(),
                place,
            };
            if !visit_reasons.contains(&reason) {
                visit_reasons.push(reason);
            }
        }
    }
    // The trip to hand in paper, in which being there at acceptance counts too.
    let submission = visit_reasons.iter().any(Reason::at_submission);
    // A window-only result needs its own trip unless its item (in every
    // situation that hands it out) or the whole thing is finished on the spot
    // during the trip made to hand in paper.
    let thing_on_the_spot = thing
        .promised_limit
        .is_some_and(|p| p.value.unit == DurationUnit::OnTheSpot);
    let window = figures.iter().any(|(_, _, f)| {
        let collected_while_there = submission && (thing_on_the_spot || f.on_the_spot);
        f.reasons.iter().any(|r| matches!(r, Reason::WindowOnly(_))) && !collected_while_there
    });
    // 容缺 paper of any applying item is handed in later, in one more trip.
    let later = visit_reasons.iter().any(|r| matches!(r, Reason::HandedInLater(_)));
    // Each step or review that needs the applicant elsewhere or later is a trip of its own.
    let presence = visit_reasons
        .iter()
        .filter(|r| {
            matches!(
                r,
                Reason::Presence {
                    with_submission: false,
                    ..
                } | Reason::JointPresence { .. }
            )
        })
        .count();
    let visits_bundle =
        u32::from(submission) + u32::from(later) + u32::try_from(presence).unwrap_or(u32::MAX) + u32::from(window);

    let (days_bundle, path) = bundle_path(members, applies, &replaced, Weighting::Working);
    let days_bundle_range = Bounds {
        shortest: bundle_path(members, applies, &replaced, Weighting::Shortest).0,
        longest: bundle_path(members, applies, &replaced, Weighting::Longest).0,
    };
    BundleFigures {
        items,
        when,
        materials_separately: figures.iter().map(|(_, _, f)| f.materials).sum(),
        materials_bundle,
        steps_separately,
        steps_bundle: steps_separately.saturating_sub(merged_away),
        visits_separately: figures.iter().map(|(_, _, f)| f.visits).sum(),
        visits_bundle,
        visit_reasons,
        days_separately: figures.iter().map(|(_, _, f)| f.days).sum(),
        days_bundle,
        days_bundle_range,
        path,
    }
}

/// The (review, item) pairs in which an applying review does steps of an
/// applying item instead (`替代`): none where the review waits for the item
/// (E1108 reports it), which would leave neither able to start.
fn replacements(members: &Members<'_>, applies: &[bool]) -> Vec<(usize, ItemId)> {
    let thing = members.thing;
    let n_items = members.figures.len();
    let mut out = Vec::new();
    for (index, review) in thing.joint_reviews.iter().enumerate() {
        if !applies.get(n_items + index).copied().unwrap_or(true) {
            continue;
        }
        for replaced in &review.replaces {
            let item_applies = members
                .figures
                .iter()
                .zip(applies)
                .any(|((id, _, _), applies)| *applies && *id == replaced.item);
            if item_applies
                && !replaced.steps.is_empty()
                && !review_waits_for(thing, index, replaced.item)
                && !out.contains(&(index, replaced.item))
            {
                out.push((index, replaced.item));
            }
        }
    }
    // Replacements that close a loop through the thing's order (a review
    // doing steps of an item ordered after another whose steps it also does)
    // are left out, last first, until none does (E1108 reports them).
    while !out.is_empty() && petgraph::algo::is_cyclic_directed(&bundle_graph(members, applies, &out, None)) {
        out.pop();
    }
    out
}

/// The replacements that [`replacements`] leaves out with every item and
/// review applying, because the review waits for the item or they would
/// wait for each other through the thing's order: what E1108 reports.
pub fn replacement_loops(ir: &Ir, graphs: &Graphs, analyses: &Analyses, thing_id: ThingId) -> Vec<(usize, ItemId)> {
    let Some(members) = members(ir, graphs, analyses, thing_id) else {
        return Vec::new();
    };
    let applies = vec![true; members.conditions.len()];
    let kept = replacements(&members, &applies);
    let mut out = Vec::new();
    for (index, review) in members.thing.joint_reviews.iter().enumerate() {
        for replaced in &review.replaces {
            let pair = (index, replaced.item);
            let in_thing = members.figures.iter().any(|(id, _, _)| *id == replaced.item);
            if in_thing && !replaced.steps.is_empty() && !kept.contains(&pair) && !out.contains(&pair) {
                out.push(pair);
            }
        }
    }
    out
}

/// The bundle as a graph: a node per applying item (two, a start and an end,
/// for an item whose steps an applying review does instead) and per applying
/// review, each weighing its own time, with edges weighing a wait after their
/// source ends; with no `weighting`, only the shape (every time 0).
fn bundle_graph(
    members: &Members<'_>,
    applies: &[bool],
    replaced: &[(usize, ItemId)],
    weighting: Option<Weighting>,
) -> DiGraph<(Option<BundleStep>, f64), f64> {
    let (thing, figures) = (members.thing, &members.figures[..]);
    let mut graph: DiGraph<(Option<BundleStep>, f64), f64> = DiGraph::new();
    // Per applying item: (the node that ends it, the node that starts it).
    let mut node_of_item: HashMap<ItemId, (NodeIndex, NodeIndex)> = HashMap::new();
    let mut times: Vec<(ItemId, Vec<usize>, Replacing)> = Vec::new();
    for ((id, _, f), applies) in figures.iter().zip(applies) {
        if !*applies {
            continue;
        }
        let reviews: Vec<usize> = replaced.iter().filter(|(_, i)| i == id).map(|(r, _)| *r).collect();
        let replacing = match weighting {
            _ if reviews.is_empty() => None,
            Some(weighting) => members.replacer.times(*id, &reviews, weighting),
            // Only the shape is wanted: no time is worked out.
            None => Some(Replacing {
                whole: 0.0,
                reviews: vec![Some((0.0, 0.0)); reviews.len()],
            }),
        };
        match replacing {
            Some(replacing) => {
                let end = graph.add_node((Some(BundleStep::Item(*id)), 0.0));
                let start = graph.add_node((Some(BundleStep::ItemHead(*id)), 0.0));
                graph.add_edge(start, end, replacing.whole);
                node_of_item.insert(*id, (end, start));
                times.push((*id, reviews, replacing));
            }
            None => {
                let node = graph.add_node((Some(BundleStep::Item(*id)), weighting.map_or(0.0, |w| w.item_days(f))));
                node_of_item.insert(*id, (node, node));
            }
        }
    }
    for (after, _, _) in figures {
        let Some(&(_, b)) = node_of_item.get(after) else {
            continue;
        };
        let after = *after;
        // The nearest applying items before `after`, through those that do not apply.
        let mut stack = vec![after];
        let mut visited = HashSet::new();
        while let Some(current) = stack.pop() {
            for (before, later, _) in &thing.order {
                if *later != current || !visited.insert(*before) {
                    continue;
                }
                match node_of_item.get(before) {
                    Some(&(a, _)) => {
                        if graph.find_edge(a, b).is_none() {
                            graph.add_edge(a, b, 0.0);
                        }
                    }
                    None => stack.push(*before),
                }
            }
        }
    }
    for (index, review) in thing.joint_reviews.iter().enumerate() {
        // A review's flag follows the items' (every review applies when none is given).
        if !applies.get(figures.len() + index).copied().unwrap_or(true) {
            continue;
        }
        let days = match (review.duration, weighting) {
            (Some(d), Some(w)) => w.days(d.value),
            _ => 0.0,
        };
        let node = graph.add_node((Some(BundleStep::JointReview(index)), days));
        for item in &review.after {
            if let Some(&(a, _)) = node_of_item.get(item) {
                graph.add_edge(a, node, 0.0);
            }
        }
        for (item, reviews, replacing) in &times {
            let Some(position) = reviews.iter().position(|r| *r == index) else {
                continue;
            };
            let (Some(&(end, start)), Some(Some((head, tail)))) =
                (node_of_item.get(item), replacing.reviews.get(position))
            else {
                continue;
            };
            graph.add_edge(start, node, *head);
            graph.add_edge(node, end, *tail);
        }
    }
    graph
}

/// The longest chain of items and joint reviews, counted by `weighting`.
///
/// An item that does not apply is left out, and the order passes through it:
/// in `A → B → C` without B, C still waits for A. A review that does steps of
/// an item instead (`替代`) starts when the item's steps before those are done
/// and the item's steps after them wait for it: the item has a start node,
/// and the edges carry its times ([`time::replacing`]); `replaced` is what
/// [`replacements`] gives for `applies`.
fn bundle_path(
    members: &Members<'_>,
    applies: &[bool],
    replaced: &[(usize, ItemId)],
    weighting: Weighting,
) -> (f64, Vec<BundleStep>) {
    let graph = bundle_graph(members, applies, replaced, Some(weighting));
    let Ok(order) = petgraph::algo::toposort(&graph, None) else {
        return (0.0, Vec::new()); // E0308 reports the cycle
    };
    let mut finish = vec![0.0_f64; graph.node_count()];
    let mut previous: Vec<Option<NodeIndex>> = vec![None; graph.node_count()];
    for node in order {
        let own = graph.node_weight(node).map_or(0.0, |(_, d)| *d);
        let mut start = 0.0;
        // In the order the nodes were made (items in writing order), so that
        // a tie goes to the first.
        let mut incoming: Vec<_> = graph.edges_directed(node, petgraph::Direction::Incoming).collect();
        incoming.sort_by_key(|edge| edge.source());
        for edge in incoming {
            let pred = edge.source();
            let f = finish.get(pred.index()).copied().unwrap_or(0.0) + *edge.weight();
            if previous.get(node.index()).copied().flatten().is_none() || f > start {
                start = f;
                if let Some(slot) = previous.get_mut(node.index()) {
                    *slot = Some(pred);
                }
            }
        }
        if let Some(slot) = finish.get_mut(node.index()) {
            *slot = start + own;
        }
    }
    let Some((end, total)) = finish
        .iter()
        .enumerate()
        .fold(None, |best: Option<(usize, f64)>, (i, &f)| match best {
            Some((_, b)) if b >= f => best,
            _ => Some((i, f)),
        })
    else {
        return (0.0, Vec::new());
    };
    let mut path: Vec<BundleStep> = Vec::new();
    let mut at = Some(NodeIndex::new(end));
    // The node after `at` on the path.
    let mut later: Option<NodeIndex> = None;
    while let Some(node) = at {
        if let Some((Some(step), _)) = graph.node_weight(node) {
            // An item's start is named only where a review waits for its
            // first steps; elsewhere the item that follows stands for it.
            // A start at time 0 is not waited for at all.
            let waited_for = || {
                let head = later
                    .and_then(|r| graph.find_edge(node, r))
                    .and_then(|e| graph.edge_weight(e))
                    .copied()
                    .unwrap_or(0.0);
                finish.get(node.index()).copied().unwrap_or(0.0) + head > 0.0
            };
            let named = !matches!(step, BundleStep::ItemHead(_))
                || (matches!(path.last(), Some(BundleStep::JointReview(_))) && waited_for());
            if named {
                path.push(step.clone());
            }
        }
        later = Some(node);
        at = previous.get(node.index()).copied().flatten();
    }
    path.reverse();
    (total, path)
}
