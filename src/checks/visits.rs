//! Claims about visits and online depth that the rules contradict.
//!
//! - E1001 an item claims fewer visits (`到现场次数`) than some situation needs;
//! - E1002 an item claims a deeper online handling (`网办深度`) than some
//!   situation allows.
//!
//! A claim must hold for every applicant, so the worst scenario counts; the
//! message names it and the chain of reasons.

use crate::analysis::situations::{self, ItemSituations};
use crate::analysis::visits::{Visits, visits};
use crate::diagnostics::{Code, Diagnostic, Tr};
use crate::ir::{Cond, Ir, Item, Step};

pub fn check(ir: &Ir, analyses: &[ItemSituations], out: &mut Vec<Diagnostic>) {
    for (item, analysis) in ir.items.values().zip(analyses) {
        if analysis.skipped || (item.visits.is_none() && item.online_depth.is_none()) {
            continue;
        }
        // More applying materials and steps only add reasons, so with all of
        // them applying the item needs its most visits and reaches its least
        // depth; when even that keeps the claims, nothing needs exploring.
        let n_materials = item.materials.len();
        let everything = visits(item, &vec![true; n_materials], &vec![true; item.steps.len()]);
        let keeps_visits = item.visits.is_none_or(|c| everything.visits <= c.value);
        let keeps_depth = item.online_depth.is_none_or(|c| everything.online_depth >= c.value);
        if keeps_visits && keeps_depth {
            continue;
        }
        // Explore only the conditions of what can give a reason; the rest is
        // taken as applying, which changes nothing.
        let gives_reason = |name: &str| everything.reasons.iter().any(|r| r.subject() == name);
        let conditions: Vec<Option<&Cond>> = item
            .materials
            .values()
            .map(|m| m.when.as_ref().filter(|_| gives_reason(&m.name)))
            .chain(
                item.steps
                    .values()
                    .map(|s| s.when.as_ref().filter(|_| gives_result_reason(item, s, &everything))),
            )
            .collect();
        let exploration = analysis.explore(&conditions);
        if exploration.truncated {
            out.push(super::situations::too_many(item));
        }
        let computed: Vec<(&situations::Scenario, Visits)> = exploration
            .scenarios
            .iter()
            .map(|scenario| {
                let (materials, steps) = scenario.holds.split_at(n_materials.min(scenario.holds.len()));
                (scenario, visits(item, materials, steps))
            })
            .collect();
        let reasons = |v: &Visits| {
            Tr::new(
                v.reasons.iter().map(|r| r.zh()).collect::<Vec<_>>().join("；"),
                v.reasons.iter().map(|r| r.en()).collect::<Vec<_>>().join("; "),
            )
        };
        // The example is the first worst scenario; no situation is named when
        // every situation is alike.
        let when = |scenario: &situations::Scenario, all_alike: bool| {
            if all_alike {
                Tr::new("", "")
            } else {
                situations::when_phrase(item, analysis, scenario, false)
            }
        };
        let most_visits = computed.iter().map(|(_, v)| v.visits).max().unwrap_or(0);
        if let Some(claimed) = item.visits
            && most_visits > claimed.value
            && let Some((scenario, worst)) = computed.iter().find(|(_, v)| v.visits == most_visits)
        {
            let alike = computed.iter().all(|(_, v)| v.visits == most_visits);
            out.push(
                Diagnostic::new(Code::E1001, item.file, claimed.span)
                    .arg("claimed", claimed.value.to_string())
                    .arg("when", when(scenario, alike))
                    .arg("needed", worst.visits.to_string())
                    .arg("reasons", reasons(worst)),
            );
        }
        let least_depth = computed.iter().map(|(_, v)| v.online_depth).min().unwrap_or(4);
        if let Some(claimed) = item.online_depth
            && least_depth < claimed.value
            && let Some((scenario, worst)) = computed.iter().find(|(_, v)| v.online_depth == least_depth)
        {
            let alike = computed.iter().all(|(_, v)| v.online_depth == least_depth);
            out.push(
                Diagnostic::new(Code::E1002, item.file, claimed.span)
                    .arg("claimed", claimed.value.to_string())
                    .arg("when", when(scenario, alike))
                    .arg("possible", worst.online_depth.to_string())
                    .arg("reasons", reasons(worst)),
            );
        }
    }
}

/// Whether a step gives a result that a visit reason names.
fn gives_result_reason(item: &Item, step: &Step, everything: &Visits) -> bool {
    step.results()
        .filter_map(|r| item.results.get_index(r.index()).map(|(_, r)| r.name.as_str()))
        .any(|name| everything.reasons.iter().any(|reason| reason.subject() == name))
}
