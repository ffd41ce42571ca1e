//! City-wide handling (一城通办): what an applicant waits for when an item is
//! accepted at a centre of another level than the one that handles it.
//!
//! The centres of a city form a chain of levels (乡镇 → 县 → 市), declared by
//! `通办层级` blocks: each level names the level it passes applications to
//! (`流转至`) and the one-way time between them (`流转时限`), and how long a
//! courier takes from its centres to an applicant (`寄递时限`).
//!
//! An item accepted at a level among its 行使层级 is handled there. Accepted
//! elsewhere (a level of its 通办范围 only), the application travels along the
//! chain to the nearest level that handles it, and the result comes back the
//! fastest way the item's results allow: online at once, by courier from the
//! handling level, or carried back along the chain to the accepting window.

use crate::analysis::time::working_days;
use crate::ast::{Delivery, Duration, DurationUnit, Level, Spanned};
use crate::diagnostics::Tr;
use crate::ir::{AcceptanceLevel, Ir, Item};

/// One hop of circulation between two adjacent levels of the chain.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Leg {
    pub from: Level,
    pub to: Level,
    /// `None` when the declaration lacks its time (already reported).
    pub duration: Option<Duration>,
}

/// How the result reaches an applicant who applied at a remote centre.
#[derive(Debug, Clone, PartialEq)]
pub enum Back {
    /// Nothing to carry back: the item is handled where it was accepted, or
    /// gives no result.
    Local,
    /// Every result can be sent online.
    Online,
    /// By courier from the handling level, in this time.
    Courier(Duration),
    /// Carried back along the chain to the accepting window.
    Window(Vec<Leg>),
}

/// The way of an application accepted at one level.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    pub accepted_at: Spanned<Level>,
    pub handled_at: Level,
    /// Circulation from the accepting level to the handling level.
    pub legs: Vec<Leg>,
    pub back: Back,
    /// The item's own longest critical path, working days.
    pub processing_days: f64,
}

/// Why an item cannot be routed from an accepting level.
#[derive(Debug, Clone, PartialEq)]
pub enum NoRoute {
    /// The item states no 行使层级 and its department no 层级.
    NoHandlingLevel,
    /// The chain stops at `at`: it has no `通办层级` declaration, or the
    /// declaration names no level to pass applications to.
    ChainEnds { at: Level, declared: bool },
}

/// The 通办层级 declarations by level.
pub struct Chain<'a> {
    levels: Vec<(Level, &'a AcceptanceLevel)>,
}

impl<'a> Chain<'a> {
    pub fn new(ir: &'a Ir) -> Chain<'a> {
        Chain {
            levels: ir.acceptance_levels.values().map(|l| (l.level, l)).collect(),
        }
    }

    pub fn get(&self, level: Level) -> Option<&'a AcceptanceLevel> {
        self.levels.iter().find(|(l, _)| *l == level).map(|(_, decl)| *decl)
    }

    /// The hops from `from` up the chain to `to`, or where the chain ends.
    fn up(&self, from: Level, to: Level) -> Result<Vec<Leg>, NoRoute> {
        let mut legs = Vec::new();
        let mut at = from;
        // Each hop must go to a higher level (E1202), so the chain is at most
        // as long as the list of levels; the bound guards a bad declaration.
        for _ in 0..=Level::ALL.len() {
            if at == to {
                return Ok(legs);
            }
            let Some(decl) = self.get(at) else {
                return Err(NoRoute::ChainEnds { at, declared: false });
            };
            let Some(next) = decl.forwards_to.map(|f| f.value) else {
                return Err(NoRoute::ChainEnds { at, declared: true });
            };
            if next >= at {
                // Not a higher level (reported by E1202): stop here.
                return Err(NoRoute::ChainEnds { at, declared: true });
            }
            legs.push(Leg {
                from: at,
                to: next,
                duration: decl.circulation.map(|c| c.value),
            });
            at = next;
        }
        Err(NoRoute::ChainEnds { at, declared: true })
    }

    /// The hops between two levels, up or down the chain.
    pub fn path(&self, from: Level, to: Level) -> Result<Vec<Leg>, NoRoute> {
        match self.up(from, to) {
            Ok(legs) => Ok(legs),
            Err(first) => match self.up(to, from) {
                Ok(legs) => Ok(reversed(&legs)),
                Err(_) => Err(first),
            },
        }
    }
}

/// The same hops travelled the other way.
fn reversed(legs: &[Leg]) -> Vec<Leg> {
    legs.iter()
        .rev()
        .map(|leg| Leg {
            from: leg.to,
            to: leg.from,
            duration: leg.duration,
        })
        .collect()
}

/// Working days of a list of hops (a hop without a time counts nothing).
pub fn legs_days(legs: &[Leg]) -> f64 {
    legs.iter().filter_map(|l| l.duration).map(working_days).sum()
}

/// The levels that handle `item`: its 行使层级, or its department's level.
pub fn handling_levels(ir: &Ir, item: &Item) -> Vec<Level> {
    if !item.levels.is_empty() {
        return item.levels.to_vec();
    }
    item.implemented_by
        .and_then(|d| ir.departments.get_index(d.index()))
        .and_then(|(_, d)| d.level)
        .into_iter()
        .collect()
}

/// The route of `item` accepted at `accepted_at`.
pub fn route(
    ir: &Ir,
    chain: &Chain<'_>,
    item: &Item,
    accepted_at: Spanned<Level>,
    processing_days: f64,
) -> Result<Route, NoRoute> {
    let handling = handling_levels(ir, item);
    if handling.contains(&accepted_at.value) {
        return Ok(Route {
            accepted_at,
            handled_at: accepted_at.value,
            legs: Vec::new(),
            back: Back::Local,
            processing_days,
        });
    }
    let mut best: Option<(Level, Vec<Leg>)> = None;
    let mut failure = NoRoute::NoHandlingLevel;
    for level in handling {
        match chain.path(accepted_at.value, level) {
            Ok(legs) => {
                if best.as_ref().is_none_or(|(_, b)| legs_days(&legs) < legs_days(b)) {
                    best = Some((level, legs));
                }
            }
            Err(e) => failure = e,
        }
    }
    let (handled_at, legs) = best.ok_or(failure)?;
    let courier = chain.get(handled_at).and_then(|l| l.courier).map(|c| c.value);
    // The slowest result decides; each result goes the fastest way it may.
    let mut back: Option<Back> = None;
    for result in item.results.values() {
        let mut options: Vec<Back> = Vec::new();
        if result.delivery.is_empty() || result.delivery.contains(&Delivery::Online) {
            options.push(Back::Online);
        }
        if result.delivery.contains(&Delivery::Courier)
            && let Some(courier) = courier
        {
            options.push(Back::Courier(courier));
        }
        if result.delivery.contains(&Delivery::Window) || options.is_empty() {
            options.push(Back::Window(reversed(&legs)));
        }
        let fastest = options.into_iter().min_by(|a, b| back_days(a).total_cmp(&back_days(b)));
        if let Some(fastest) = fastest
            && back.as_ref().is_none_or(|b| back_days(&fastest) > back_days(b))
        {
            back = Some(fastest);
        }
    }
    let back = back.unwrap_or(Back::Local);
    Ok(Route {
        accepted_at,
        handled_at,
        legs,
        back,
        processing_days,
    })
}

/// Working days the way back takes (calendar days counted as the working days
/// they hold at least).
pub fn back_days(back: &Back) -> f64 {
    match back {
        Back::Local | Back::Online => 0.0,
        Back::Courier(d) => working_days(*d),
        Back::Window(legs) => legs_days(legs),
    }
}

impl Route {
    pub fn is_remote(&self) -> bool {
        self.handled_at != self.accepted_at.value
    }

    /// The durations the applicant waits beyond the handling itself.
    pub fn extra(&self) -> Vec<Duration> {
        let mut out: Vec<Duration> = self.legs.iter().filter_map(|l| l.duration).collect();
        match &self.back {
            Back::Courier(d) => out.push(*d),
            Back::Window(legs) => out.extend(legs.iter().filter_map(|l| l.duration)),
            Back::Local | Back::Online => {}
        }
        out
    }

    /// Whether circulation or the way back adds any time.
    pub fn adds_time(&self) -> bool {
        self.extra()
            .iter()
            .any(|d| d.unit != DurationUnit::OnTheSpot && d.amount > 0.0)
    }

    /// The end-to-end duration: working days and calendar days kept apart
    /// (`3 个工作日加 2 个自然日`), or 当场.
    pub fn total(&self) -> (f64, f64) {
        let mut working = self.processing_days;
        let mut calendar = 0.0;
        for d in self.extra() {
            match d.unit {
                DurationUnit::WorkingDays => working += d.amount,
                DurationUnit::CalendarDays => calendar += d.amount,
                DurationUnit::OnTheSpot => {}
            }
        }
        (working, calendar)
    }

    /// The end-to-end duration in words.
    pub fn total_text(&self) -> Tr {
        total_text(self.total())
    }

    /// The chain of reasons: `乡镇→县 流转 1 工作日，县→市 流转 1 工作日，结果邮寄 2 自然日`.
    pub fn explain(&self) -> Tr {
        use crate::ast::duration::{Style, print};
        use crate::diagnostics::{Lang, Phrase};
        let level = |l: Level| Tr::new(l.zh(), l.en());
        let mut parts: Vec<Tr> = self
            .legs
            .iter()
            .map(|leg| {
                let time = match leg.duration {
                    Some(d) => d.tr(),
                    None => Phrase::NoTimeGiven.tr(&[]),
                };
                Phrase::Circulation.tr(&[("from", level(leg.from)), ("to", level(leg.to)), ("time", time)])
            })
            .collect();
        match &self.back {
            Back::Local => {}
            Back::Online => parts.push(Phrase::SentOnline.tr(&[])),
            Back::Courier(d) => {
                parts.push(Phrase::MailedFrom.tr(&[("level", level(self.handled_at)), ("time", d.tr())]));
            }
            Back::Window(legs) => {
                let back = Duration {
                    amount: legs_days(legs),
                    unit: DurationUnit::WorkingDays,
                };
                // As the rules write it in Chinese, in prose in English.
                let time = Tr::new(print(back, Lang::Zh, Style::Rule), print(back, Lang::En, Style::Prose));
                parts.push(Phrase::CarriedBack.tr(&[("level", level(self.accepted_at.value)), ("time", time)]));
            }
        }
        Tr::join_with(parts, "，", ", ")
    }
}

/// `(working days, calendar days)` in words.
pub fn total_text((working, calendar): (f64, f64)) -> Tr {
    use crate::ast::duration::days;
    match (working > 0.0, calendar > 0.0) {
        (false, false) => Tr::new("当场", "on the spot"),
        (true, false) => days(working, false),
        (false, true) => days(calendar, true),
        (true, true) => crate::diagnostics::Phrase::WorkingPlusCalendar
            .tr(&[("working", days(working, false)), ("calendar", days(calendar, true))]),
    }
}

/// Whether `item` is finished on the spot (即办件): it promises 当场, or,
/// without a promise, every applying path takes no time.
pub fn on_the_spot(item: &Item, processing_days: f64) -> bool {
    match item.promised_limit {
        Some(limit) => limit.value.unit == DurationUnit::OnTheSpot,
        None => !item.steps.is_empty() && processing_days == 0.0,
    }
}

/// The routes of every level of an item's 通办范围, in its order.
/// `days` is the item's longest critical path (`Analyses::longest_days`).
pub fn routes(ir: &Ir, chain: &Chain<'_>, item: &Item, days: f64) -> Vec<Result<Route, NoRoute>> {
    item.city_wide
        .iter()
        .map(|level| route(ir, chain, item, *level, days))
        .collect()
}
