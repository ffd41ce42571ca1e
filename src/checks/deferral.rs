//! 容缺受理: accepting with a secondary material missing, supplied later.
//!
//! - E0901 a 容缺 material without a supply deadline (`补交时限`);
//! - E0902 a supply deadline longer than the item's promised limit (or legal
//!   limit without one): the material would arrive after the item is due;
//! - E0903 an item that accepts with missing materials but collects no
//!   written promise (承诺书) from the applicant;
//! - E0904 a 容缺 material that the acceptance step requires: a key
//!   material, which may not be missing.

use crate::analysis::time::working_days;
use crate::ast::{DurationUnit, Necessity, StepType};
use crate::diagnostics::{Code, Diagnostic, Tr};
use crate::ir::{Ir, MaterialRef};

pub fn check(ir: &Ir, out: &mut Vec<Diagnostic>) {
    for item in ir.items.values() {
        let deferrable: Vec<(usize, &crate::ir::ItemMaterial)> = item
            .materials
            .values()
            .enumerate()
            .filter(|(_, m)| m.necessity == Necessity::Deferrable)
            .collect();
        let Some((_, first)) = deferrable.first() else { continue };
        if !item
            .materials
            .values()
            .any(|m| m.name.contains("承诺书") && m.necessity != Necessity::Deferrable)
        {
            out.push(
                Diagnostic::new(Code::E0903, item.file, item.at)
                    .arg("item", item.name.as_str())
                    .with_label(
                        "deferrable",
                        item.file,
                        first.at,
                        vec![("material", Tr::same(first.name.as_str()))],
                    ),
            );
        }
        let limit = item.promised_limit.or(item.legal_limit);
        for (index, material) in &deferrable {
            match (material.supply_deadline, limit) {
                (None, _) => out
                    .push(Diagnostic::new(Code::E0901, item.file, material.at).arg("material", material.name.as_str())),
                (Some(deadline), Some(limit)) => {
                    let exceeds = match (deadline.value.unit, limit.value.unit) {
                        (_, DurationUnit::OnTheSpot) => deadline.value.unit != DurationUnit::OnTheSpot,
                        (a, b) if a == b => deadline.value.amount > limit.value.amount,
                        // Working days are never shorter than calendar days.
                        (DurationUnit::WorkingDays, DurationUnit::CalendarDays) => {
                            deadline.value.amount > limit.value.amount
                        }
                        _ => working_days(deadline.value) > working_days(limit.value),
                    };
                    if exceeds {
                        out.push(
                            Diagnostic::new(Code::E0902, item.file, material.at)
                                .arg("material", material.name.as_str())
                                .arg("deadline", Tr::new(deadline.value.zh(), deadline.value.en()))
                                .arg("limit", Tr::new(limit.value.zh(), limit.value.en()))
                                .with_label("limit", item.file, limit.span, Vec::new()),
                        );
                    }
                }
                (Some(_), None) => {}
            }
            for step in item.steps.values().filter(|s| s.step_type == StepType::Accept) {
                for (required, span) in &step.requires {
                    if *required == MaterialRef::Item(crate::ir::ItemMaterialId::from_index(*index)) {
                        out.push(
                            Diagnostic::new(Code::E0904, item.file, *span)
                                .arg("material", material.name.as_str())
                                .arg("step", step.name.as_str())
                                .with_label("material", item.file, material.at, Vec::new()),
                        );
                    }
                }
            }
        }
    }
}
