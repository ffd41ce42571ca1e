//! E0304 an item with steps but no acceptance step; E0307 more than one
//! acceptance step applying in the same situation (alternative acceptance
//! steps whose conditions exclude each other are fine: `受理（网上）` when
//! applying online, `受理（窗口）` otherwise).

use crate::analysis::situations::{ItemSituations, may_hold};
use crate::ast::StepType;
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::Ir;

pub fn check(ir: &Ir, analyses: &[ItemSituations], out: &mut Vec<Diagnostic>) {
    for (item, analysis) in ir.items.values().zip(analyses) {
        if item.steps.is_empty() {
            continue;
        }
        let accepting: Vec<usize> = item
            .steps
            .values()
            .enumerate()
            .filter(|(_, s)| s.step_type == StepType::Accept)
            .map(|(i, _)| i)
            .collect();
        if accepting.is_empty() {
            out.push(Diagnostic::new(Code::E0304, item.file, item.at).arg("item", item.name.as_str()));
            continue;
        }
        if accepting.len() < 2 {
            continue;
        }
        // Pairs (first, other) of acceptance steps that apply together in
        // some situation; without readable conditions, every pair.
        let conditions: Vec<_> = accepting
            .iter()
            .filter_map(|i| item.steps.get_index(*i))
            .map(|s| s.when.as_deref())
            .collect();
        let mut first_of = vec![None; accepting.len()];
        if !analysis.skipped && conditions.iter().any(Option::is_some) {
            // For each step, the first situation in which it applies together
            // with an earlier one, and the first that applies there.
            for (k, slot) in first_of.iter_mut().enumerate().skip(1) {
                let together = analysis.find(&conditions, |p| may_hold(p, k) && (0..k).any(|j| may_hold(p, j)));
                if together.stopped {
                    out.push(super::situations::too_many(item));
                }
                *slot = together.answer.and_then(|s| s.holds.iter().position(|holds| *holds));
            }
        } else {
            for slot in first_of.iter_mut().skip(1) {
                *slot = Some(0);
            }
        }
        for (k, first) in first_of.iter().enumerate() {
            let Some(first) = first else { continue };
            let (Some(other), Some(first)) = (
                accepting.get(k).and_then(|i| item.steps.get_index(*i)),
                accepting.get(*first).and_then(|i| item.steps.get_index(*i)),
            ) else {
                continue;
            };
            out.push(
                Diagnostic::new(Code::E0307, item.file, other.at)
                    .arg("item", item.name.as_str())
                    .with_label("first", item.file, first.at, Vec::new()),
            );
        }
    }
}
