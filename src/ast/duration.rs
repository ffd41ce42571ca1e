//! One vocabulary for durations: the one reader of a duration's unit and
//! text, and the one printer, per language and per style.
//!
//! - Rule files write `5 工作日`, `20 自然日` or `当场` (`5 working-days`,
//!   `20 calendar-days`, `on-the-spot`); the grammar reads the number and the
//!   lowering asks [`unit`] for the unit word, with [`RULES`]: `天` and `日` are
//!   refused there (E0103), as the Administrative Licensing Law counts
//!   working days and a rule must say which it means.
//! - Catalogs (实施清单) are exported from other systems and write `30 日`,
//!   `5个工作日内` or `当场办结`; [`parse`] with [`CATALOGS`] reads them and
//!   takes `天`/`日` for calendar days, which is how those systems mean them.
//! - Printing: [`Style::Rule`] is how a rule file writes it (`5 工作日`, in
//!   messages that quote the rules), [`Style::Prose`] reads as a sentence
//!   (`5 个工作日`, `5 working days`), [`Style::Document`] is the wording of
//!   the published documents (`5 个工作日`, `30 日`, `当场`).

use super::{Duration, DurationUnit, fmt_number};
use crate::diagnostics::{Lang, Tr};
use crate::keywords::UnitKw;

/// What a reader accepts besides the language's own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// `天` and `日` as calendar days.
    pub day_words: bool,
}

/// Rule files: only the language's units.
pub const RULES: Options = Options { day_words: false };

/// Catalogs: `天` and `日` are calendar days too.
pub const CATALOGS: Options = Options { day_words: true };

/// How a duration is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// As a rule file writes it: `5 工作日`, `5 working-days`, `5 days`, `当场`.
    Rule,
    /// In a sentence: `5 个工作日`, `5 working days`, `5 calendar days`, `当场`.
    Prose,
    /// In the published documents: `5 个工作日`, `30 日`, `当场`.
    Document,
}

/// The unit a word names (`工作日`, `个工作日内`, `working-days` …), `None`
/// for a word that is no unit under `options` (`天` for rules, `个月`).
pub fn unit(word: &str, options: Options) -> Option<DurationUnit> {
    match UnitKw::from_word(word.trim()) {
        Some(UnitKw::WorkingDays) => Some(DurationUnit::WorkingDays),
        Some(UnitKw::CalendarDays) => Some(DurationUnit::CalendarDays),
        None if options.day_words && is_day_word(word) => Some(DurationUnit::CalendarDays),
        None => None,
    }
}

/// `天` or `日` (with `个`/`内` around it): a word that does not say whether
/// working or calendar days are meant.
pub fn is_day_word(word: &str) -> bool {
    matches!(word.trim().trim_start_matches('个').trim_end_matches('内'), "天" | "日")
}

/// Words for on the spot that a catalog may write.
const ON_THE_SPOT: &[&str] = &["当场", "当场办结", "即办", "on-the-spot", "on the spot"];

/// A duration written as one text: a number and a unit (`5 工作日`,
/// `5个工作日内`, `20 days`), or on the spot (`当场`, `当场办结`, `即办`).
pub fn parse(text: &str, options: Options) -> Option<Duration> {
    let text = text.trim();
    if ON_THE_SPOT.contains(&text) {
        return Some(Duration::ON_THE_SPOT);
    }
    let digits: String = text.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    let amount: f64 = digits.parse().ok()?;
    let word = text.get(digits.len()..)?.trim();
    // `working days` with a space, as people write it in English.
    let word = if word == "working days" { "working-days" } else { word };
    let unit = unit(word, options)?;
    Some(Duration { amount, unit })
}

/// The duration in `lang` and `style`.
pub fn print(duration: Duration, lang: Lang, style: Style) -> String {
    let n = fmt_number(duration.amount);
    match (duration.unit, lang, style) {
        (DurationUnit::OnTheSpot, Lang::Zh, _) => "当场".to_string(),
        (DurationUnit::OnTheSpot, Lang::En, Style::Rule) => "on-the-spot".to_string(),
        (DurationUnit::OnTheSpot, Lang::En, _) => "on the spot".to_string(),
        (DurationUnit::WorkingDays, Lang::Zh, Style::Rule) => format!("{n} {}", UnitKw::WorkingDays.zh()),
        (DurationUnit::CalendarDays, Lang::Zh, Style::Rule) => format!("{n} {}", UnitKw::CalendarDays.zh()),
        (DurationUnit::WorkingDays, Lang::En, Style::Rule) => format!("{n} {}", UnitKw::WorkingDays.en()),
        // `days` is the short alias of `calendar-days`.
        (DurationUnit::CalendarDays, Lang::En, Style::Rule) => format!("{n} days"),
        (DurationUnit::WorkingDays, Lang::Zh, _) => format!("{n} 个工作日"),
        (DurationUnit::CalendarDays, Lang::Zh, Style::Prose) => format!("{n} 个自然日"),
        (DurationUnit::CalendarDays, Lang::Zh, Style::Document) => format!("{n} 日"),
        (DurationUnit::WorkingDays, Lang::En, _) => format!("{n} working days"),
        (DurationUnit::CalendarDays, Lang::En, _) => format!("{n} calendar days"),
    }
}

/// The duration in both languages, for a message.
pub fn tr(duration: Duration, style: Style) -> Tr {
    Tr::new(print(duration, Lang::Zh, style), print(duration, Lang::En, style))
}

/// A figure in working days as a duration: 0 is `当场` (a path on which no
/// step takes time), any other number working days.
pub fn of_working_days(amount: f64) -> Duration {
    if amount == 0.0 {
        Duration::ON_THE_SPOT
    } else {
        Duration {
            amount,
            unit: DurationUnit::WorkingDays,
        }
    }
}

/// A number of working or calendar days in prose: `5 个工作日` / `5 working days`.
pub fn days(amount: f64, calendar: bool) -> Tr {
    let unit = if calendar {
        DurationUnit::CalendarDays
    } else {
        DurationUnit::WorkingDays
    };
    tr(Duration { amount, unit }, Style::Prose)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(amount: f64, unit: DurationUnit) -> Duration {
        Duration { amount, unit }
    }

    #[test]
    fn catalogs_read_what_other_systems_export() {
        for (text, expected) in [
            ("5 工作日", d(5.0, DurationUnit::WorkingDays)),
            ("5个工作日内", d(5.0, DurationUnit::WorkingDays)),
            ("5 working days", d(5.0, DurationUnit::WorkingDays)),
            ("20 自然日", d(20.0, DurationUnit::CalendarDays)),
            ("30 日", d(30.0, DurationUnit::CalendarDays)),
            ("30天", d(30.0, DurationUnit::CalendarDays)),
            ("20 days", d(20.0, DurationUnit::CalendarDays)),
            ("当场办结", Duration::ON_THE_SPOT),
        ] {
            assert_eq!(parse(text, CATALOGS), Some(expected), "{text}");
        }
        assert_eq!(parse("3 个月", CATALOGS), None);
    }

    #[test]
    fn rules_refuse_day_words() {
        assert_eq!(unit("天", RULES), None);
        assert_eq!(unit("日", RULES), None);
        assert!(is_day_word("天内"));
        assert_eq!(unit("个工作日内", RULES), Some(DurationUnit::WorkingDays));
    }

    #[test]
    fn every_style_prints_as_before() {
        let five = d(5.0, DurationUnit::WorkingDays);
        let thirty = d(30.0, DurationUnit::CalendarDays);
        assert_eq!(print(five, Lang::Zh, Style::Rule), "5 工作日");
        assert_eq!(print(five, Lang::En, Style::Rule), "5 working-days");
        assert_eq!(print(thirty, Lang::En, Style::Rule), "30 days");
        assert_eq!(print(five, Lang::Zh, Style::Prose), "5 个工作日");
        assert_eq!(print(thirty, Lang::Zh, Style::Prose), "30 个自然日");
        assert_eq!(print(thirty, Lang::Zh, Style::Document), "30 日");
        assert_eq!(print(Duration::ON_THE_SPOT, Lang::Zh, Style::Document), "当场");
    }
}
