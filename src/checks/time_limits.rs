//! E0401 a promised limit above the legal limit; E0402 an item type that
//! requires a legal limit without one.

use crate::ast::{Duration, DurationUnit};
use crate::diagnostics::{Code, Diagnostic, Tr};
use crate::ir::Ir;

pub fn check(ir: &Ir, out: &mut Vec<Diagnostic>) {
    for item in ir.items.values() {
        if let (Some(promised), Some(legal)) = (item.promised_limit, item.legal_limit)
            && certainly_exceeds(promised.value, legal.value)
        {
            out.push(
                Diagnostic::new(Code::E0401, item.file, promised.span)
                    .arg("promised", Tr::new(promised.value.zh(), promised.value.en()))
                    .arg("legal", Tr::new(legal.value.zh(), legal.value.en()))
                    .with_label("legal", item.file, legal.span, Vec::new()),
            );
        }
        if let Some(item_type) = item.item_type
            && item_type.value.requires_legal_limit()
            && item.legal_limit.is_none()
            && !item.legal_limit_invalid
        {
            out.push(
                Diagnostic::new(Code::E0402, item.file, item.at)
                    .arg("type", Tr::new(item_type.value.zh(), item_type.value.en()))
                    .arg("item", item.name.as_str()),
            );
        }
    }
}

/// Whether `promised` is longer than `legal` whatever the calendar. Working
/// days and calendar days compare exactly only in one direction: n working
/// days always span at least n calendar days, so a promise in working days
/// longer than a legal limit in calendar days certainly exceeds it; the other
/// way round depends on weekends and holidays and is not reported.
fn certainly_exceeds(promised: Duration, legal: Duration) -> bool {
    use DurationUnit::*;
    match (promised.unit, legal.unit) {
        (OnTheSpot, _) => false,
        (_, OnTheSpot) => true,
        (WorkingDays, WorkingDays) | (CalendarDays, CalendarDays) | (WorkingDays, CalendarDays) => {
            promised.amount > legal.amount
        }
        (CalendarDays, WorkingDays) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(amount: f64, unit: DurationUnit) -> Duration {
        Duration { amount, unit }
    }

    #[test]
    fn compares_units_only_where_certain() {
        use DurationUnit::*;
        assert!(certainly_exceeds(d(21.0, WorkingDays), d(20.0, WorkingDays)));
        assert!(!certainly_exceeds(d(20.0, WorkingDays), d(20.0, WorkingDays)));
        assert!(certainly_exceeds(d(21.0, WorkingDays), d(20.0, CalendarDays)));
        assert!(!certainly_exceeds(d(25.0, CalendarDays), d(20.0, WorkingDays)));
        assert!(!certainly_exceeds(Duration::ON_THE_SPOT, d(1.0, WorkingDays)));
        assert!(certainly_exceeds(d(1.0, WorkingDays), Duration::ON_THE_SPOT));
    }
}
