//! Visits and online depth: how often an applicant must go to the service
//! site, and how far the item can be handled online, from its materials and
//! results, for one set of applying materials and steps.
//!
//! The reasons, each of which names its material or result:
//! - a paper-only material whose original must be seen at the counter (类型
//!   验原件 or 比对原件留存复印件, or 原件 of a document issued by someone
//!   else; 形式 纸质 only, not obtained by sharing): the applicant comes once
//!   to show it, even when the item accepts applications by post;
//! - any other material that exists only on paper (not obtained by sharing):
//!   it is handed in at a window, once, unless the item accepts applications
//!   by post (邮寄申请：是), when it is posted instead (no visit, but not fully
//!   online either: online depth 3 at best);
//! - a 容缺 (deferrable) paper-only material: accepted without it, it is
//!   handed in after acceptance, in one more trip for all such materials,
//!   unless the item accepts applications by post and it needs no original
//!   shown (then it is posted);
//! - a result that can only be collected at a window (送达方式 窗口领取 only):
//!   one more visit, unless the item is finished on the spot (即办件) during
//!   a visit the applicant makes anyway.
//!
//! Whether the item is finished on the spot is decided per scenario, not for
//! the whole item: an item whose promise (承诺时限) is 当场 always is; any other
//! item is when at least one step applies and every applying step states
//! `时限：当场`. A step without a 时限 might take any time, and a step that does
//! not count toward the limit (特别程序, `计入时限：否`) still keeps the
//! applicant waiting, so either keeps the scenario from being on the spot. So
//! one situation (a bank branch making a card at once) can be on the spot
//! while another (central production, 30 working days) is not.
//!
//! Online depth follows the national levels: 4 全程网办 (no visit), 3 online
//! acceptance with at most one visit, 2 online pre-review (paper still handed
//! in, or two visits).

use crate::analysis::situations::{Answer, ItemSituations, Scenario, lower, upper};
use crate::ast::{Delivery, DurationUnit, Form, Necessity, Place, Source, StepType};
use crate::ir::{Cond, Item, ItemMaterial, ItemMaterialId, MaterialRef, Step};

/// Why a visit is needed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// A paper original must be shown.
    Original(String),
    /// A paper original is handed in and kept.
    OriginalKept(String),
    /// A material exists only on paper and is handed in.
    PaperOnly(String),
    /// A result is handed out only at a window.
    WindowOnly(String),
    /// A paper material is sent by post (邮寄申请): no visit.
    Posted(String),
    /// A paper material that only steps needing the applicant in person
    /// elsewhere read (`需要`): brought along then, no trip of its own.
    BroughtInPerson(String),
    /// A 容缺 paper material is handed in later, after acceptance: a trip of
    /// its own (several such materials go in one trip).
    HandedInLater(String),
    /// A step needs the applicant in person (a site inspection, a signature,
    /// an assessment at a hospital): a trip of its own, except at the centre
    /// during acceptance, which is the trip to hand in (`with_submission`).
    Presence {
        step: String,
        place: Place,
        with_submission: bool,
    },
    /// A joint review of a thing needs the applicant in person (`到场` on a
    /// 会签, such as a joint site inspection): a trip of its own.
    JointPresence { review: String, place: Place },
}

impl Reason {
    /// Whether the reason is met in the trip to hand in the application:
    /// paper to show or hand in, or being there in person at acceptance.
    pub fn at_submission(&self) -> bool {
        matches!(
            self,
            Reason::Original(_)
                | Reason::OriginalKept(_)
                | Reason::PaperOnly(_)
                | Reason::Presence {
                    with_submission: true,
                    ..
                }
        )
    }

    /// The material or result the reason is about.
    pub fn subject(&self) -> &str {
        match self {
            Reason::Original(name)
            | Reason::OriginalKept(name)
            | Reason::PaperOnly(name)
            | Reason::WindowOnly(name)
            | Reason::Posted(name)
            | Reason::BroughtInPerson(name)
            | Reason::HandedInLater(name)
            | Reason::Presence { step: name, .. }
            | Reason::JointPresence { review: name, .. } => name,
        }
    }

    /// The reason in both languages, from the phrase table.
    pub fn tr(&self) -> crate::diagnostics::Tr {
        use crate::diagnostics::{Phrase, Tr};
        let (phrase, place) = match self {
            Reason::Original(_) => (Phrase::ReasonOriginal, None),
            Reason::OriginalKept(_) => (Phrase::ReasonOriginalKept, None),
            Reason::PaperOnly(_) => (Phrase::ReasonPaperOnly, None),
            Reason::WindowOnly(_) => (Phrase::ReasonWindowOnly, None),
            Reason::Posted(_) => (Phrase::ReasonPosted, None),
            Reason::BroughtInPerson(_) => (Phrase::ReasonBroughtInPerson, None),
            Reason::HandedInLater(_) => (Phrase::ReasonHandedInLater, None),
            Reason::Presence { place, .. } => (Phrase::ReasonPresence, Some(place)),
            Reason::JointPresence { place, .. } => (Phrase::ReasonJointPresence, Some(place)),
        };
        let name = ("name", Tr::same(self.subject()));
        match place {
            Some(place) => phrase.tr(&[name, ("place", Tr::new(place.zh(), place.en()))]),
            None => phrase.tr(&[name]),
        }
    }

    pub fn zh(&self) -> String {
        self.tr().zh
    }

    pub fn en(&self) -> String {
        self.tr().en
    }
}

/// The visits and online depth of one scenario, with their reasons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visits {
    pub visits: u32,
    pub online_depth: u32,
    /// Every reason, including a window-only result that is collected during
    /// the hand-in visit.
    pub reasons: Vec<Reason>,
    /// Whether a window-only result is collected during a visit made anyway
    /// because the item is finished on the spot (see
    /// [`finished_on_the_spot`]); for [`worst`], whether this holds in every
    /// scenario that hands out a window-only result.
    pub on_the_spot: bool,
}

fn paper_only(material: &ItemMaterial) -> bool {
    !material.form.contains(&Form::Electronic)
}

/// Whether the item is finished on the spot (即办件) when the steps marked in
/// `steps_apply` apply: it promises 当场, or at least one step applies and
/// every applying step states `时限：当场`. A step without a 时限, or with any
/// other 时限, keeps the scenario from being on the spot, whether or not it
/// counts toward the limit. Fewer applying steps never make this false when
/// some step still applies.
pub fn finished_on_the_spot(item: &Item, steps_apply: &[bool]) -> bool {
    if item
        .promised_limit
        .is_some_and(|p| p.value.unit == DurationUnit::OnTheSpot)
    {
        return true;
    }
    let mut applying = item
        .steps
        .values()
        .enumerate()
        .filter(|(index, _)| steps_apply.get(*index).copied().unwrap_or(true))
        .map(|(_, step)| step)
        .peekable();
    applying.peek().is_some() && applying.all(step_on_the_spot)
}

/// The first applying step that keeps the item from being finished on the
/// spot when the steps marked in `steps_apply` apply (see
/// [`finished_on_the_spot`]); `None` when it is on the spot or no step applies.
pub fn first_not_on_the_spot<'i>(item: &'i Item, steps_apply: &[bool]) -> Option<&'i Step> {
    if finished_on_the_spot(item, steps_apply) {
        return None;
    }
    item.steps
        .values()
        .enumerate()
        .filter(|(index, _)| steps_apply.get(*index).copied().unwrap_or(true))
        .map(|(_, step)| step)
        .find(|step| !step_on_the_spot(step))
}

/// Whether a step states `时限：当场`.
fn step_on_the_spot(step: &Step) -> bool {
    step.duration.is_some_and(|d| d.value.unit == DurationUnit::OnTheSpot)
}

/// Visits and online depth when the materials and steps marked in
/// `materials_apply` and `steps_apply` apply.
pub fn visits(item: &Item, materials_apply: &[bool], steps_apply: &[bool]) -> Visits {
    let mut reasons = Vec::new();
    let mut hand_in = false;
    let mut later = false;
    // A material that only applying steps needing the applicant in person
    // somewhere other than the hand-in read is brought along there.
    let brought_in_person = |index: usize| {
        let reference = MaterialRef::Item(ItemMaterialId::from_index(index));
        let mut readers = item
            .steps
            .values()
            .enumerate()
            .filter(|(i, s)| {
                steps_apply.get(*i).copied().unwrap_or(true) && s.requires.iter().any(|(r, _)| *r == reference)
            })
            .peekable();
        readers.peek().is_some()
            && readers.all(|(_, s)| {
                s.presence
                    .is_some_and(|p| !(p == Place::Centre && s.step_type == StepType::Accept))
            })
    };
    for (index, material) in item.materials.values().enumerate() {
        if !materials_apply.get(index).copied().unwrap_or(true) || material.source == Some(Source::Shared) {
            continue;
        }
        if paper_only(material) && material.necessity != Necessity::Deferrable && brought_in_person(index) {
            reasons.push(Reason::BroughtInPerson(material.name.clone()));
        } else if paper_only(material) && material.necessity == Necessity::Deferrable {
            // Accepted without it (容缺): handed in later, in a trip of its
            // own, unless it may be posted.
            if item.apply_by_post && !material.copy.needs_original_in_person() {
                reasons.push(Reason::Posted(material.name.clone()));
            } else {
                later = true;
                reasons.push(Reason::HandedInLater(material.name.clone()));
            }
        } else if paper_only(material) {
            if material.copy.needs_original_in_person() {
                hand_in = true;
                reasons.push(Reason::Original(material.name.clone()));
            } else if item.apply_by_post {
                reasons.push(Reason::Posted(material.name.clone()));
            } else if material.copy.involves_original() {
                hand_in = true;
                reasons.push(Reason::OriginalKept(material.name.clone()));
            } else {
                hand_in = true;
                reasons.push(Reason::PaperOnly(material.name.clone()));
            }
        }
    }
    // Steps that need the applicant in person: at the centre during
    // acceptance it is the trip to hand in; anywhere else, a trip each.
    let mut presence_trips = 0u32;
    for (index, step) in item.steps.values().enumerate() {
        let Some(place) = step.presence else { continue };
        if !steps_apply.get(index).copied().unwrap_or(true) {
            continue;
        }
        let with_submission = place == Place::Centre && step.step_type == StepType::Accept;
        if with_submission {
            hand_in = true;
        } else {
            presence_trips += 1;
        }
        reasons.push(Reason::Presence {
            step: step.name.clone(),
            place,
            with_submission,
        });
    }
    let submission_visit = hand_in;
    // Results handed out by applying steps that offer no other way.
    let mut window_only = Vec::new();
    for (index, step) in item.steps.values().enumerate() {
        if !steps_apply.get(index).copied().unwrap_or(true) {
            continue;
        }
        for result in step.results() {
            if let Some(r) = item.results.get_index(result.index())
                && !r.delivery.is_empty()
                && r.delivery.iter().all(|d| *d == Delivery::Window)
                && !window_only.contains(&r.name)
            {
                window_only.push(r.name.clone());
            }
        }
    }
    let on_the_spot = finished_on_the_spot(item, steps_apply);
    // Collected during the submission visit when finished on the spot.
    let collected_while_there = on_the_spot && submission_visit;
    let collection_visit = !window_only.is_empty() && !collected_while_there;
    reasons.extend(window_only.into_iter().map(Reason::WindowOnly));
    let visits = u32::from(submission_visit) + u32::from(later) + presence_trips + u32::from(collection_visit);
    let posted = reasons.iter().any(|r| matches!(r, Reason::Posted(_)));
    let online_depth = if visits == 0 && !posted {
        4
    } else if visits == 0 {
        3
    } else if reasons
        .iter()
        .any(|r| matches!(r, Reason::PaperOnly(_) | Reason::HandedInLater(_)))
        || visits > 1
    {
        2
    } else {
        3
    };
    Visits {
        visits,
        online_depth,
        reasons,
        on_the_spot,
    }
}

/// Visits with every material and step applying. More applying materials and
/// steps only add reasons and can only end being on the spot, so no scenario
/// needs more visits or reaches a lesser online depth than this bound.
pub fn everything(item: &Item) -> Visits {
    visits(item, &vec![true; item.materials.len()], &vec![true; item.steps.len()])
}

/// The worst scenario for one figure of the visits, with its visits.
#[derive(Debug, Clone)]
pub struct Extreme {
    /// The first scenario, in declaration order, with the worst figure.
    pub scenario: Scenario,
    pub visits: Visits,
    /// Every scenario has the same figure: no situation needs naming.
    pub alike: bool,
}

/// The scenario with the most visits (see [`Extreme`]). Only the conditions
/// of what can change the count are searched: a material or step that gives
/// a reason in `everything`, and, when a window-only result may be collected
/// on the spot, a step that is not on the spot; every other condition is
/// taken as applying, which changes nothing.
pub fn most_visits(item: &Item, analysis: &ItemSituations, everything: &Visits) -> Answer<Option<Extreme>> {
    extreme(item, analysis, &conditions(item, everything, true), |v| v.visits)
}

/// The scenario with the least online depth (see [`most_visits`]).
pub fn least_depth(item: &Item, analysis: &ItemSituations, everything: &Visits) -> Answer<Option<Extreme>> {
    extreme(item, analysis, &conditions(item, everything, true), |v| {
        std::cmp::Reverse(v.online_depth)
    })
}

/// The conditions the searches read; with `materials` false, every material
/// is taken as applying and only steps are searched.
fn conditions<'i>(item: &'i Item, everything: &Visits, materials: bool) -> Vec<Option<&'i Cond>> {
    let gives_reason = |name: &str| everything.reasons.iter().any(|r| r.subject() == name);
    let spot_matters = everything.reasons.iter().any(|r| matches!(r, Reason::WindowOnly(_)))
        && !item
            .promised_limit
            .is_some_and(|p| p.value.unit == DurationUnit::OnTheSpot);
    item.materials
        .values()
        .map(|m| m.when.as_deref().filter(|_| materials && gives_reason(&m.name)))
        .chain(item.steps.values().map(|s| {
            s.when.as_deref().filter(|_| {
                gives_result_reason(item, s, everything)
                    || s.presence.is_some()
                    || (spot_matters && !step_on_the_spot(s))
            })
        }))
        .collect()
}

/// The visits when the searched conditions have the values `holds`
/// (materials first, then steps).
fn of(item: &Item, holds: &[bool]) -> Visits {
    let (materials, steps) = holds.split_at(item.materials.len().min(holds.len()));
    visits(item, materials, steps)
}

/// The scenario with the greatest `key` of its visits. More applying
/// materials and steps only add reasons and can only end being on the spot,
/// so the visits grow and the online depth shrinks with what applies: a
/// monotone `key` of the visits with every undecided condition holding
/// bounds a branch from above, and with none holding from below.
fn extreme<V: PartialOrd + Clone>(
    item: &Item,
    analysis: &ItemSituations,
    conditions: &[Option<&Cond>],
    key: impl Fn(&Visits) -> V,
) -> Answer<Option<Extreme>> {
    let worst = analysis.maximise(conditions, |p| key(&of(item, &upper(p))));
    let Some((scenario, most)) = worst.answer else {
        return Answer {
            answer: None,
            stopped: worst.stopped,
        };
    };
    let better = analysis.find(conditions, |p| key(&of(item, &lower(p))) < most);
    let visits = of(item, &scenario.holds);
    Answer {
        answer: Some(Extreme {
            scenario,
            visits,
            alike: better.answer.is_none(),
        }),
        stopped: worst.stopped || better.stopped,
    }
}

/// Whether a step gives a result that a visit reason names.
fn gives_result_reason(item: &Item, step: &Step, everything: &Visits) -> bool {
    step.results()
        .filter_map(|r| item.results.get_index(r.index()).map(|r| r.name.as_str()))
        .any(|name| everything.reasons.iter().any(|reason| reason.subject() == name))
}

/// The worst case of an item over its scenarios, for figures and documents:
/// the most visits, the least online depth, every reason some scenario can
/// have (those of [`everything`]), and whether every scenario that hands out
/// a window-only result is on the spot.
///
/// Every material is taken as applying, which bounds the visits from above
/// as it always has; only the steps' scenarios are searched, and only when
/// being on the spot decides a visit: the bound has a window-only result and
/// is not on the spot (with fewer steps it may be). Otherwise, and when the
/// situations are not analysed (an unresolved condition) or a search stops
/// at its bound, the bound of [`everything`] stands in.
pub fn worst(item: &Item, analysis: &ItemSituations) -> Visits {
    let window_only = |v: &Visits| v.reasons.iter().any(|r| matches!(r, Reason::WindowOnly(_)));
    let bound = everything(item);
    if analysis.skipped || !window_only(&bound) || bound.on_the_spot {
        return Visits {
            on_the_spot: bound.on_the_spot || !window_only(&bound),
            ..bound
        };
    }
    let conditions = conditions(item, &bound, false);
    let most = extreme(item, analysis, &conditions, |v| v.visits);
    let least = extreme(item, analysis, &conditions, |v| std::cmp::Reverse(v.online_depth));
    // A scenario that hands out a window-only result and is not on the spot:
    // with fewer applying steps a branch may still end on the spot, or end
    // with none applying (not on the spot either).
    let off_the_spot = analysis.find(&conditions, |p| {
        let (most, least) = (of(item, &upper(p)), of(item, &lower(p)));
        window_only(&most) && (!most.on_the_spot || !least.on_the_spot)
    });
    let (
        Answer {
            answer: Some(most),
            stopped: false,
        },
        Answer {
            answer: Some(least),
            stopped: false,
        },
    ) = (most, least)
    else {
        return bound;
    };
    if off_the_spot.stopped {
        return bound;
    }
    Visits {
        visits: most.visits.visits,
        online_depth: least.visits.online_depth,
        on_the_spot: off_the_spot.answer.is_none(),
        reasons: bound.reasons,
    }
}
