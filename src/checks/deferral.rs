//! 容缺受理: accepting with a secondary material missing, supplied later.
//!
//! - E0901 a 容缺 material without a supply deadline (`补交时限`);
//! - E0902 a supply deadline longer than the item's promised limit (or legal
//!   limit without one): the material would arrive after the item is due;
//!   W0404 when it is longer under some calendars only (different units);
//! - E0903 an item that accepts with missing materials but collects no
//!   written promise (a required material named …承诺书) wherever a material
//!   may be missing;
//! - E0904 a 容缺 material that the acceptance step requires: a key
//!   material, which may not be missing;
//! - W0905 a supply deadline on a material that is not 容缺 (most likely the
//!   author forgot `必要性：容缺`).

use super::time_limits::{Limit, depends_on_holidays, with_conversion};
use crate::analysis::calendar::{Verdict, compare};
use crate::analysis::situations::{self, ItemSituations};
use crate::ast::{Necessity, StepType};
use crate::diagnostics::{Code, Diagnostic, Tr};
use crate::ir::{Ir, MaterialRef};

pub fn check(ir: &Ir, analyses: &[ItemSituations], out: &mut Vec<Diagnostic>) {
    for (item_index, item) in ir.items.values().enumerate() {
        for material in item.materials.values() {
            if material.supply_deadline().is_some() && material.necessity != Necessity::Deferrable {
                out.push(Diagnostic::new(Code::W0905, item.file, material.at).arg("material", material.name.as_str()));
            }
        }
        let deferrable: Vec<(usize, &crate::ir::ItemMaterial)> = item
            .materials
            .values()
            .enumerate()
            .filter(|(_, m)| m.necessity == Necessity::Deferrable)
            .collect();
        let Some((_, first)) = deferrable.first() else { continue };
        // The written promise: a required material named …承诺书 that applies
        // wherever a deferrable material does.
        let promises: Vec<Option<&crate::ir::Cond>> = item
            .materials
            .values()
            .filter(|m| m.name.contains("承诺书") && m.necessity == Necessity::Required)
            .map(|m| m.when.as_deref())
            .collect();
        let analysis = analyses.get(item_index).filter(|a| !a.skipped);
        let uncovered = deferrable.iter().find_map(|(_, m)| {
            if promises.is_empty() {
                return Some(None);
            }
            let analysis = analysis?;
            let mut conditions = vec![m.when.as_deref()];
            conditions.extend(promises.iter().copied());
            let found = analysis.find(&conditions, super::situations::first_without_the_others);
            if found.stopped {
                out.push(super::situations::too_many(item));
            }
            found.answer.map(|s| Some(situations::describe(item, analysis, &s)))
        });
        if let Some(example) = uncovered {
            let mut diagnostic = Diagnostic::new(Code::E0903, item.file, item.at)
                .arg("item", item.name.as_str())
                .with_label(
                    "deferrable",
                    item.file,
                    first.at,
                    vec![("material", Tr::same(first.name.as_str()))],
                );
            if let Some(example) = example {
                diagnostic = diagnostic.note_from("uncovered", &[("situation", example)]);
            }
            out.push(diagnostic);
        }
        let (limit, limit_kind) = match (item.promised_limit, item.legal_limit) {
            (Some(promised), _) => (Some(promised), Tr::new("承诺时限", "promised limit")),
            (None, legal) => (legal, Tr::new("法定时限", "legal limit")),
        };
        for (index, material) in &deferrable {
            match (material.supply_deadline(), limit) {
                (None, _) => out
                    .push(Diagnostic::new(Code::E0901, item.file, material.at).arg("material", material.name.as_str())),
                (Some(deadline), Some(limit)) => {
                    let compared = compare(deadline.value, limit.value);
                    match compared.verdict {
                        Verdict::Fits => {}
                        Verdict::Exceeds => out.push(with_conversion(
                            Diagnostic::new(Code::E0902, item.file, material.at)
                                .arg("material", material.name.as_str())
                                .arg("deadline", deadline.value.tr())
                                .arg("limit", limit.value.tr())
                                .arg("limit_kind", limit_kind.clone())
                                .with_label("limit", item.file, limit.span, Vec::new()),
                            &compared,
                        )),
                        Verdict::DependsOnHolidays => out.push(depends_on_holidays(
                            Limit {
                                file: item.file,
                                span: limit.span,
                                kind: limit_kind.clone(),
                                value: limit.value,
                            },
                            (item.file, deadline.span),
                            Code::W0404.text(
                                "supply_deadline",
                                &[
                                    ("material", Tr::same(material.name.as_str())),
                                    ("deadline", deadline.value.tr()),
                                ],
                            ),
                            &compared,
                        )),
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
                                .arg("step", acceptance_phrase(&step.name))
                                .with_label("material", item.file, material.at, Vec::new()),
                        );
                    }
                }
            }
        }
    }
}

/// `受理环节` for the step named 受理, `受理环节“网上受理”` for another name.
fn acceptance_phrase(name: &str) -> Tr {
    if name == "受理" {
        Code::E0904.text("step", &[])
    } else {
        Code::E0904.text("named_step", &[("name", Tr::same(name))])
    }
}
