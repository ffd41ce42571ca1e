//! E0701 the critical path of some scenario is longer than the promised limit
//! (or, without one, the legal limit).
//!
//! Reported once per item, for the scenario with the longest path; the
//! scenarios are those that tell the steps' conditions apart.

use crate::analysis::situations::{self, ItemSituations};
use crate::analysis::time::critical_path;
use crate::ast::fmt_number;
use crate::diagnostics::{Code, Diagnostic, Tr};
use crate::graph::Graphs;
use crate::ir::{Ir, get};

pub fn check(ir: &Ir, graphs: &Graphs, analyses: &[ItemSituations], out: &mut Vec<Diagnostic>) {
    for ((item, graph), analysis) in ir.items.values().zip(&graphs.items).zip(analyses) {
        if analysis.skipped {
            continue;
        }
        let (limit, kind) = match (item.promised_limit, item.legal_limit) {
            (Some(promised), _) => (promised, Tr::new("承诺时限", "promised limit")),
            (None, Some(legal)) => (legal, Tr::new("法定时限", "legal limit")),
            (None, None) => continue,
        };
        // With every step applying, the path is at its longest (a step that
        // does not apply only removes time and waits); when even that fits,
        // no situation needs exploring.
        let all_apply = vec![true; item.steps.len()];
        let fits = |days: f64| !crate::analysis::time::exceeds_limit(days, limit.value);
        if critical_path(item, graph, &all_apply).is_none_or(|p| fits(p.working_days)) {
            continue;
        }
        let conditions: Vec<_> = item.steps.values().map(|s| s.when.as_ref()).collect();
        let exploration = analysis.explore(&conditions);
        if exploration.truncated && !item.steps.is_empty() {
            out.push(super::situations::too_many(item));
        }
        let worst = exploration
            .scenarios
            .iter()
            .filter_map(|scenario| critical_path(item, graph, &scenario.holds).map(|path| (scenario, path)))
            .fold(
                None,
                |best: Option<(_, crate::analysis::time::CriticalPath)>, (scenario, path)| match &best {
                    Some((_, b)) if b.working_days >= path.working_days => best,
                    _ => Some((scenario, path)),
                },
            );
        let Some((scenario, path)) = worst else { continue };
        // Calendar-day limits: compare only when certainly exceeded.
        if fits(path.working_days) {
            continue;
        }
        let names: Vec<&str> = path
            .steps
            .iter()
            .filter_map(|id| get(&item.steps, id.index()))
            .map(|s| s.name.as_str())
            .collect();
        out.push(
            Diagnostic::new(Code::E0701, item.file, limit.span)
                .arg("when", situations::when_phrase(item, analysis, scenario, true))
                .arg("days", fmt_number(path.working_days))
                .arg("path", Tr::new(names.join(" → "), names.join(" → ")))
                .arg("limit_kind", kind)
                .arg("limit", Tr::new(limit.value.zh(), limit.value.en())),
        );
    }
}
