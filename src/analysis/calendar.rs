//! Working days (工作日) and calendar days (自然日): how many calendar days a
//! span of working days can take under every calendar a year can have, and
//! the verdict of comparing durations written in different units.
//!
//! The model (the reference's time section says the same, with its sources):
//!
//! - a plain week works Monday to Friday: n working days then span at least
//!   n + 2⌈n/5⌉ − 2 and at most n + 2⌈n/5⌉ calendar days (counted from the day
//!   after receipt to the n-th working day);
//! - 调休 (a weekend day worked in exchange for a holiday) puts at most
//!   [`MAKEUP_DAYS`] working weekend days into a span that does not also
//!   contain the holiday they pay for (2023-01-28 and 29, 2023-10-07 and 08),
//!   so a span is at least n + 2⌈n/5⌉ − 4 and never shorter than n days;
//! - public holidays take at most [`HOLIDAY_WEEKDAYS`] weekdays off in any
//!   [`HOLIDAY_WINDOW`] consecutive days (the longest breaks are 8 days, e.g.
//!   春节 2025-01-28 to 02-04 and 国庆 with 中秋 2025-10-01 to 08, each with at
//!   most 6 weekdays, plus a nearby 元旦 or 中秋 day or two).
//!
//! - no more than [`LONGEST_RUN`] working days come in a row.
//!
//! A period in calendar days whose last day is a rest day ends on the next
//! working day (期间届满日顺延), so durations in different units are compared
//! in working days ([`working_bounds`]). A claim that fails under every
//! calendar is an error; one that fails under some is a warning (W0404).
//! Makeup days that are not in a span are ignored for the longest span, so
//! both bounds are safe.

use crate::ast::{Duration, DurationUnit, fmt_number};
use crate::diagnostics::Tr;

/// Working weekend days (调休) a span can gain beyond the holidays it contains.
pub const MAKEUP_DAYS: u64 = 2;
/// The most working days in a row (2023-01-28 to 02-03, 2023-10-07 to 13).
pub const LONGEST_RUN: u64 = 7;
/// Weekdays that public holidays can take off within [`HOLIDAY_WINDOW`] days.
pub const HOLIDAY_WEEKDAYS: u64 = 8;
/// The window, in calendar days, of [`HOLIDAY_WEEKDAYS`].
pub const HOLIDAY_WINDOW: u64 = 91;

/// Calendar days that `n` working days take in a plain week at least.
pub fn plain_shortest_span(n: u64) -> u64 {
    if n == 0 {
        0
    } else {
        n.saturating_add(2u64.saturating_mul(n.div_ceil(5))).saturating_sub(2)
    }
}

/// Calendar days that `n` working days take in a plain week at most.
pub fn plain_longest_span(n: u64) -> u64 {
    n.saturating_add(2u64.saturating_mul(n.div_ceil(5)))
}

/// Calendar days that `n` working days take at least, under any calendar.
pub fn shortest_span(n: u64) -> u64 {
    let runs = n.saturating_add(n.saturating_sub(1) / LONGEST_RUN);
    plain_shortest_span(n).saturating_sub(MAKEUP_DAYS).max(runs)
}

/// Calendar days that `n` working days take at most, under any calendar.
pub fn longest_span(n: u64) -> u64 {
    let mut span = plain_longest_span(n);
    // Each holiday weekday pushes the span on by a weekday (and the weekends
    // that come with it); the holidays that fit in the longer span are
    // counted again until the span no longer grows.
    for _ in 0..64 {
        let holidays = HOLIDAY_WEEKDAYS.saturating_mul(span.div_ceil(HOLIDAY_WINDOW));
        let next = plain_longest_span(n.saturating_add(holidays));
        if next <= span {
            break;
        }
        span = next;
    }
    span
}

/// Working days that `d` calendar days contain at least, under any calendar:
/// the most working days whose longest span still fits in them.
pub fn fewest_working_in(d: u64) -> u64 {
    largest_within(d, longest_span)
}

/// Working days that `d` calendar days contain at most, under any calendar.
pub fn most_working_in(d: u64) -> u64 {
    largest_within(d, shortest_span)
}

/// The largest `k ≤ d` with `span(k) ≤ d`, for a growing `span` with
/// `span(k) ≥ k`.
fn largest_within(d: u64, span: fn(u64) -> u64) -> u64 {
    let (mut low, mut high) = (0, d);
    while low < high {
        let middle = low + (high - low).div_ceil(2);
        if span(middle) <= d {
            low = middle;
        } else {
            high = middle - 1;
        }
    }
    low
}

/// How a comparison of two durations comes out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    /// Within the limit under every calendar.
    Fits,
    /// Beyond the limit under some calendars only (W0404).
    DependsOnHolidays,
    /// Beyond the limit under every calendar.
    Exceeds,
}

/// The verdict with the conversion that decided it, for the message.
#[derive(Debug, Clone, PartialEq)]
pub struct Compared {
    pub verdict: Verdict,
    pub conversion: Option<Tr>,
}

/// The shortest and the longest a quantity can be, in one unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub shortest: f64,
    pub longest: f64,
}

/// Whole working days in `amount`, rounded down for a shortest and up for a
/// longest span (fractions of a day never make a bound unsafe).
pub fn whole(amount: f64, up: bool) -> u64 {
    let amount = if amount.is_finite() { amount.max(0.0) } else { 0.0 };
    // Saturating float-to-integer conversion; limits are far below 2^53.
    if up {
        amount.ceil() as u64
    } else {
        amount.floor() as u64
    }
}

/// The working days a period of `days` calendar days allows, as a range over
/// every calendar: the period's last day, when it is a rest day, moves on to
/// the next working day (期间届满日顺延), so `days` allow the first working
/// day on or after the last one, that is one more than the working days in
/// the `days − 1` days before it.
pub fn working_bounds(days: f64) -> Bounds {
    let (low, high) = (whole(days, false), whole(days, true));
    let allows = |d: u64, count: fn(u64) -> u64| if d == 0 { 0 } else { 1 + count(d - 1) };
    Bounds {
        shortest: allows(low, fewest_working_in) as f64,
        longest: allows(high, most_working_in) as f64,
    }
}

/// The same without holidays and makeup days, for the message.
fn plain_working_bounds(days: u64) -> (u64, u64) {
    if days == 0 {
        return (0, 0);
    }
    let before = days - 1;
    let (weeks, rest) = (before / 7, before % 7);
    (1 + weeks * 5 + rest.saturating_sub(2), 1 + weeks * 5 + rest.min(5))
}

/// “14 个自然日（最后一天逢休息日顺延）可办 2 至 12 个工作日（无节假日、无调休时 10 至 11 个）”.
pub fn working_text(days: f64) -> Tr {
    let bounds = working_bounds(days);
    let plain = (
        plain_working_bounds(whole(days, false)).0,
        plain_working_bounds(whole(days, true)).1,
    );
    let number = |n: String| Tr::new(n.clone(), n);
    crate::diagnostics::Phrase::CalendarAsWorking.tr(&[
        ("days", number(fmt_number(days))),
        ("shortest", number(fmt_number(bounds.shortest))),
        ("longest", number(fmt_number(bounds.longest))),
        ("plain_shortest", number(plain.0.to_string())),
        ("plain_longest", number(plain.1.to_string())),
    ])
}

/// The working days a step of `duration` takes under every calendar: a
/// duration in calendar days counts the working days it can contain.
pub fn working_range(duration: Duration) -> Bounds {
    match duration.unit {
        DurationUnit::OnTheSpot => exactly(0.0),
        DurationUnit::WorkingDays => exactly(duration.amount),
        DurationUnit::CalendarDays => Bounds {
            shortest: fewest_working_in(whole(duration.amount, false)) as f64,
            longest: most_working_in(whole(duration.amount, true)) as f64,
        },
    }
}

/// Compares a quantity known within `needed` with `limit`, both in working
/// days: under every calendar the quantity lies in `needed` and the limit in
/// `limit`.
pub fn verdict(needed: Bounds, limit: Bounds) -> Verdict {
    if needed.shortest > limit.longest {
        Verdict::Exceeds
    } else if needed.longest > limit.shortest {
        Verdict::DependsOnHolidays
    } else {
        Verdict::Fits
    }
}

/// A quantity that is the same under every calendar.
pub fn exactly(amount: f64) -> Bounds {
    Bounds {
        shortest: amount,
        longest: amount,
    }
}

/// Whether `needed` is longer than `limit`, under every calendar or some.
/// Durations in different units are compared in working days, a period in
/// calendar days counting as [`working_bounds`]. A limit on the spot is
/// exceeded by anything that is not on the spot.
pub fn compare(needed: Duration, limit: Duration) -> Compared {
    use DurationUnit::*;
    let plain = |exceeds: bool| Compared {
        verdict: if exceeds { Verdict::Exceeds } else { Verdict::Fits },
        conversion: None,
    };
    match (needed.unit, limit.unit) {
        (OnTheSpot, _) => plain(false),
        (_, OnTheSpot) => plain(true),
        (a, b) if a == b => plain(needed.amount > limit.amount),
        (WorkingDays, _) => Compared {
            verdict: verdict(exactly(needed.amount), working_bounds(limit.amount)),
            conversion: Some(working_text(limit.amount)),
        },
        (_, _) => Compared {
            verdict: verdict(working_bounds(needed.amount), exactly(limit.amount)),
            conversion: Some(working_text(needed.amount)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(amount: f64, unit: DurationUnit) -> Duration {
        Duration { amount, unit }
    }

    /// Every span of the plain week, by walking the days from each weekday.
    fn walked(n: u64) -> (u64, u64) {
        let mut shortest = u64::MAX;
        let mut longest = 0;
        for receipt in 0..7u64 {
            let (mut day, mut counted) = (0, 0);
            while counted < n {
                day += 1;
                if (receipt + day) % 7 < 5 {
                    counted += 1;
                }
            }
            shortest = shortest.min(day);
            longest = longest.max(day);
        }
        (shortest, longest)
    }

    #[test]
    fn plain_week_bounds_match_a_walk() {
        for n in 1..200 {
            assert_eq!((plain_shortest_span(n), plain_longest_span(n)), walked(n), "n = {n}");
        }
    }

    #[test]
    fn holidays_widen_the_bounds() {
        assert_eq!(shortest_span(11), 13);
        assert_eq!(shortest_span(9), 10);
        assert_eq!(plain_shortest_span(11), 15);
        assert_eq!(shortest_span(1), 1);
        assert_eq!(shortest_span(0), 0);
        // One working day after an 8-day break: 9 days; the bound is safe.
        assert!(longest_span(1) >= 9);
        for n in 0..400 {
            assert!(shortest_span(n) <= plain_shortest_span(n));
            assert!(longest_span(n) >= plain_longest_span(n) + 8.min(n * 8));
            assert!(longest_span(n + 1) >= longest_span(n));
        }
    }

    #[test]
    fn working_days_in_calendar_days() {
        assert_eq!(most_working_in(13), 11);
        assert_eq!(most_working_in(12), 10);
        assert_eq!(fewest_working_in(7), 0);
        for d in 0..400 {
            assert!(fewest_working_in(d) <= d * 5 / 7);
            assert!(most_working_in(d) >= d * 5 / 7);
            assert!(most_working_in(d) <= d);
        }
    }

    #[test]
    fn huge_amounts_neither_overflow_nor_hang() {
        use DurationUnit::*;
        for amount in [1e12, 1e30, f64::MAX, f64::INFINITY, f64::NAN, -5.0] {
            let _ = compare(d(amount, WorkingDays), d(20.0, CalendarDays));
            let _ = compare(d(amount, CalendarDays), d(amount, WorkingDays));
            let _ = working_range(d(amount, CalendarDays));
        }
        assert_eq!(shortest_span(u64::MAX), u64::MAX);
    }

    #[test]
    fn compares_soundly() {
        use DurationUnit::*;
        use Verdict::*;
        let v = |a, b| compare(a, b).verdict;
        assert_eq!(v(d(21.0, WorkingDays), d(20.0, WorkingDays)), Exceeds);
        assert_eq!(v(d(20.0, WorkingDays), d(20.0, WorkingDays)), Fits);
        // 20 calendar days allow 6 to 16 working days.
        assert_eq!(
            working_bounds(20.0),
            Bounds {
                shortest: 6.0,
                longest: 16.0
            }
        );
        assert_eq!(v(d(17.0, WorkingDays), d(20.0, CalendarDays)), Exceeds);
        assert_eq!(v(d(16.0, WorkingDays), d(20.0, CalendarDays)), DependsOnHolidays);
        assert_eq!(v(d(6.0, WorkingDays), d(20.0, CalendarDays)), Fits);
        // A period that ends on a rest day moves on: one working day always
        // fits in three calendar days.
        assert_eq!(v(d(1.0, WorkingDays), d(3.0, CalendarDays)), Fits);
        // Ten calendar days never hold ten working days (a rest day comes
        // after seven at most).
        assert_eq!(v(d(10.0, WorkingDays), d(10.0, CalendarDays)), Exceeds);
        assert_eq!(v(d(60.0, CalendarDays), d(20.0, WorkingDays)), Exceeds);
        assert_eq!(v(d(20.0, CalendarDays), d(20.0, WorkingDays)), Fits);
        assert_eq!(v(d(30.0, CalendarDays), d(20.0, WorkingDays)), DependsOnHolidays);
        assert_eq!(v(Duration::ON_THE_SPOT, d(1.0, WorkingDays)), Fits);
        assert_eq!(v(d(1.0, WorkingDays), Duration::ON_THE_SPOT), Exceeds);
    }

    #[test]
    fn plain_working_bounds_match_a_walk() {
        for days in 1..100u64 {
            let counts: Vec<u64> = (0..7u64)
                .map(|receipt| 1 + (1..days).filter(|day| (receipt + day) % 7 < 5).count() as u64)
                .collect();
            let expected = (
                counts.iter().copied().min().unwrap_or(0),
                counts.iter().copied().max().unwrap_or(0),
            );
            assert_eq!(plain_working_bounds(days), expected, "days = {days}");
        }
    }
}
