//! Claims about visits and online depth that the rules contradict.
//!
//! - E1001 an item claims fewer visits (`到现场次数`) than some situation needs;
//! - E1002 an item claims a deeper online handling (`网办深度`) than some
//!   situation allows.
//!
//! A claim must hold for every applicant, so the worst scenario counts; the
//! message names it and the chain of reasons.

use crate::analysis::situations::{self, ItemSituations, Scenario};
use crate::analysis::visits::{Extreme, Reason, Visits, everything, first_not_on_the_spot, least_depth, most_visits};
use crate::diagnostics::{Code, Diagnostic, Phrase, Tr};
use crate::ir::{Ir, Item};

pub fn check(ir: &Ir, analyses: &[ItemSituations], out: &mut Vec<Diagnostic>) {
    for (item, analysis) in ir.items.values().zip(analyses) {
        if analysis.skipped || (item.visits.is_none() && item.online_depth.is_none()) {
            continue;
        }
        // More applying materials and steps only add reasons and can only end
        // being on the spot, so with all of them applying the item needs its
        // most visits and reaches its least depth; when even that keeps the
        // claims, nothing needs exploring.
        let everything = everything(item);
        let keeps_visits = item.visits.is_none_or(|c| everything.visits <= c.value);
        let keeps_depth = item.online_depth.is_none_or(|c| everything.online_depth >= c.value);
        if keeps_visits && keeps_depth {
            continue;
        }
        let reasons = |v: &Visits| Phrase::reasons(v.reasons.iter().map(|r| r.tr()));
        // The example is the first worst scenario; no situation is named when
        // every situation is alike.
        let when = |worst: &Extreme| {
            if worst.alike {
                Tr::empty()
            } else {
                situations::when_phrase(item, analysis, &worst.scenario, false)
            }
        };
        let mut stopped = false;
        if let Some(claimed) = item.visits.filter(|_| !keeps_visits) {
            let most = most_visits(item, analysis, &everything);
            stopped |= most.stopped;
            if let Some(worst) = most.answer.filter(|w| w.visits.visits > claimed.value) {
                let d = Diagnostic::new(Code::E1001, item.file, claimed.span)
                    .arg("claimed", claimed.value.to_string())
                    .arg("when", when(&worst))
                    .arg("needed", worst.visits.visits.to_string())
                    .arg("reasons", reasons(&worst.visits));
                out.push(not_on_the_spot(item, &worst.scenario, &worst.visits, d));
            }
        }
        if let Some(claimed) = item.online_depth.filter(|_| !keeps_depth) {
            let least = least_depth(item, analysis, &everything);
            stopped |= least.stopped;
            if let Some(worst) = least.answer.filter(|w| w.visits.online_depth < claimed.value) {
                let d = Diagnostic::new(Code::E1002, item.file, claimed.span)
                    .arg("claimed", claimed.value.to_string())
                    .arg("when", when(&worst))
                    .arg("possible", worst.visits.online_depth.to_string())
                    .arg("reasons", reasons(&worst.visits));
                out.push(not_on_the_spot(item, &worst.scenario, &worst.visits, d));
            }
        }
        if stopped {
            out.push(super::situations::too_many(item));
        }
    }
}

/// When a window-only result costs a visit of its own although the applicant
/// comes anyway to hand in paper, names the step that keeps the scenario from
/// being finished on the spot (a 时限 other than 当场, or none).
fn not_on_the_spot(item: &Item, scenario: &Scenario, worst: &Visits, d: Diagnostic) -> Diagnostic {
    let hands_in = worst.reasons.iter().any(Reason::at_submission);
    let window_only = worst.reasons.iter().any(|r| matches!(r, Reason::WindowOnly(_)));
    if !hands_in || !window_only || worst.on_the_spot {
        return d;
    }
    let steps = scenario.holds.get(item.materials.len()..).unwrap_or_default();
    let Some(step) = first_not_on_the_spot(item, steps) else {
        return d;
    };
    let step_name = ("step", Tr::same(step.name.as_str()));
    let why = match step.duration {
        Some(duration) => Phrase::StepTakes.tr(&[step_name, ("duration", duration.value.tr())]),
        None => Phrase::StepWithoutDuration.tr(&[step_name]),
    };
    d.with_label("slow", item.file, step.at, Vec::new())
        .note(Phrase::NotOnTheSpot.tr(&[("why", why)]))
}
