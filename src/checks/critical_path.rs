//! E0701 the critical path of some scenario is longer than the promised limit
//! (or, without one, the legal limit) under every calendar; W0404 when it is
//! longer under some calendars only (the path and the limit are in different
//! units, see [`crate::analysis::calendar`]).
//!
//! Reported once per item, for the scenario with the longest path; the
//! scenarios are those that tell the steps' conditions apart.

use super::time_limits::{Limit, depends_on_holidays};
use crate::analysis::calendar::{self, Bounds, Compared, Verdict};
use crate::analysis::situations::{self, ItemSituations, upper};
use crate::analysis::time::{CriticalPath, critical_path, path_bounds};
use crate::ast::{Duration, DurationUnit, fmt_number};
use crate::diagnostics::{Code, Diagnostic, Phrase, Tr};
use crate::graph::Graphs;
use crate::ir::{Ir, Item};

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
        let judge = |active: &[bool]| path_bounds(item, graph, active).map(|t| (t.verdict(limit.value), t));
        if judge(&all_apply).is_none_or(|(v, _)| v == Verdict::Fits) {
            continue;
        }
        let conditions: Vec<_> = item.steps.values().map(|s| s.when.as_deref()).collect();
        // The scenario that breaks the limit most surely, then by most days:
        // a step whose condition is not yet known, counted as applying, only
        // lengthens the path, so the judgement of `upper` bounds the branch.
        let key = |active: &[bool]| judge(active).map(|(v, t)| (v, t.working.shortest, t.working.longest));
        let worst = analysis.maximise(&conditions, |p| key(&upper(p)));
        if worst.stopped {
            out.push(super::situations::too_many(item));
        }
        let Some((scenario, Some(_))) = worst.answer else {
            continue;
        };
        let Some((verdict, time)) = judge(&scenario.holds) else {
            continue;
        };
        let scenario = &scenario;
        let Some(path) = critical_path(item, graph, &scenario.holds) else {
            continue;
        };
        let names = Phrase::path(
            path.steps
                .iter()
                .filter_map(|id| item.steps.get_index(id.index()))
                .map(|s| Tr::same(s.name.as_str())),
        );
        let conversion = conversion(item, &path, time.working, limit.value);
        // A path in calendar days alone against a limit in calendar days is
        // compared, and said, in calendar days.
        let days = match (limit.value.unit, time.calendar_days) {
            (DurationUnit::CalendarDays, Some(days)) => crate::ast::duration::days(days, true),
            _ => crate::ast::duration::days(path.working_days, false),
        };
        let when = situations::when_phrase(item, analysis, scenario, true);
        match verdict {
            Verdict::Fits => {}
            Verdict::Exceeds => {
                let mut diagnostic = Diagnostic::new(Code::E0701, item.file, limit.span)
                    .arg("when", when)
                    .arg("days", days)
                    .arg("path", names)
                    .arg("limit_kind", kind)
                    .arg("limit", limit.value.tr());
                if let Some(conversion) = conversion {
                    diagnostic = diagnostic.note(conversion);
                }
                out.push(diagnostic);
            }
            Verdict::DependsOnHolidays => {
                let compared = Compared { verdict, conversion };
                out.push(depends_on_holidays(
                    Limit {
                        file: item.file,
                        span: limit.span,
                        kind,
                        value: limit.value,
                    },
                    (item.file, limit.span),
                    Code::W0404.text("critical_path", &[("when", when), ("path", names)]),
                    &compared,
                ));
            }
        }
    }
}

/// How the path's days read against the limit, when the units differ.
fn conversion(item: &Item, path: &CriticalPath, bounds: Bounds, limit: Duration) -> Option<Tr> {
    let units: Vec<DurationUnit> = path
        .steps
        .iter()
        .filter_map(|id| item.steps.get_index(id.index()))
        .filter(|s| s.counts_toward_limit)
        .filter_map(|s| s.duration.map(|d| d.value.unit))
        .filter(|u| *u != DurationUnit::OnTheSpot)
        .collect();
    let in_calendar = limit.unit == DurationUnit::CalendarDays;
    if units.iter().all(|u| (*u == DurationUnit::CalendarDays) == in_calendar) {
        return None;
    }
    if in_calendar && units.iter().all(|u| *u == DurationUnit::WorkingDays) {
        return Some(calendar::working_text(limit.amount));
    }
    let number = |n: f64| Tr::new(fmt_number(n), fmt_number(n));
    let mixed = Phrase::MixedUnits.tr(&[
        ("shortest", number(bounds.shortest)),
        ("longest", number(bounds.longest)),
    ]);
    Some(if in_calendar {
        Phrase::then(mixed, calendar::working_text(limit.amount))
    } else {
        mixed
    })
}
