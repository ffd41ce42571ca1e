//! Bundles (一件事) and joint reviews (一体审批).
//!
//! - W1101 two items of a thing ask for the same material, one as an original
//!   and the other as a copy: the merged set asks for the original (the
//!   stricter), and the rules should agree;
//! - E1102 the bundle's critical path is longer than the thing's promise
//!   (W0404 when only under some calendars: the promise is in calendar days);
//! - E1103 the thing claims fewer visits than the merged items need;
//! - E1104 an item's implementing department takes part in none of the
//!   thing's joint reviews (optional items are exempt);
//! - E1105 a joint review names a department that is not in its review group;
//! - E1108 a joint review does steps of an item (`替代`) it waits for, or
//!   that waits through the thing's order for another item whose steps it does;
//! - E0601 an optional item's condition holds in none of the thing's situations.
//!
//! E1102 and E1103 are checked in every group of situations the optional
//! items tell apart, and name the group that breaks the promise.

use super::time_limits::{Limit, depends_on_holidays, with_conversion};
use crate::analysis::Analyses;
use crate::analysis::bundles::{self, BundleFigures, MergedMaterial};
use crate::analysis::calendar::{self, Compared, Verdict};
use crate::analysis::situations::{ItemSituations, may_hold, when_phrase_of};
use crate::ast::{Duration, DurationUnit, fmt_number};
use crate::diagnostics::{Code, Diagnostic, Phrase, Tr};
use crate::graph::Graphs;
use crate::ir::{DeptId, Ir, ThingId, get};

pub fn check(ir: &Ir, graphs: &Graphs, analyses: &Analyses, out: &mut Vec<Diagnostic>) {
    for (index, thing) in ir.things.values().enumerate() {
        let id = ThingId::from_index(index);
        conflicts(ir, thing, analyses.materials(ir, id), out);
        joint_reviews(ir, thing, out);
        replacement_loops(ir, graphs, analyses, id, out);
        if let Some(situations) = analyses.thing_situations(id) {
            optional_never_done(ir, thing, situations, out);
        }
        let mut stopped = false;
        // The first group of situations (in declaration order) that breaks
        // the promise is the example given; a longer path or more visits
        // break it all the more, as `first_group` needs.
        let mut first_group = |breaks: &dyn Fn(&BundleFigures) -> bool| {
            let found = analyses.first_group(ir, graphs, id, breaks);
            stopped |= found.stopped;
            found.answer
        };
        if let Some(limit) = thing.promised_limit {
            // The group that breaks the promise under every calendar, else
            // one that breaks it under some.
            let found = first_group(&|f| judge(f, limit.value).verdict == Verdict::Exceeds)
                .or_else(|| first_group(&|f| judge(f, limit.value).verdict >= Verdict::DependsOnHolidays))
                .map(|f| {
                    let compared = judge(&f, limit.value);
                    (f, compared)
                });
            if let Some((figures, compared)) = &found {
                let names = Phrase::path(figures.path.iter().map(|step| step.tr(ir, thing)));
                if compared.verdict == Verdict::Exceeds {
                    out.push(with_conversion(
                        Diagnostic::new(Code::E1102, thing.file, limit.span)
                            .arg("thing", thing.name.as_str())
                            .arg("when", when(figures, false))
                            .arg("days", fmt_number(figures.days_bundle))
                            .arg("path", names)
                            .arg("limit", limit.value.tr()),
                        compared,
                    ));
                } else {
                    let when = when(figures, true);
                    out.push(depends_on_holidays(
                        Limit {
                            file: thing.file,
                            span: limit.span,
                            kind: Tr::new("承诺时限", "promised limit"),
                            value: limit.value,
                        },
                        (thing.file, limit.span),
                        Code::W0404.text(
                            "critical_path_of_thing",
                            &[
                                ("when", when),
                                ("thing", Tr::same(thing.name.as_str())),
                                (
                                    "days",
                                    Tr::new(fmt_number(figures.days_bundle), fmt_number(figures.days_bundle)),
                                ),
                                ("path", names),
                            ],
                        ),
                        compared,
                    ));
                }
            }
        }
        if let Some(claimed) = thing.visits
            && let Some(figures) = first_group(&|f| f.visits_bundle > claimed.value)
        {
            out.push(
                Diagnostic::new(Code::E1103, thing.file, claimed.span)
                    .arg("thing", thing.name.as_str())
                    .arg("when", when(&figures, true))
                    .arg("claimed", claimed.value.to_string())
                    .arg("needed", figures.visits_bundle.to_string())
                    .arg("reasons", Phrase::reasons(figures.visit_reasons.iter().map(|r| r.tr()))),
            );
        }
        if stopped {
            out.push(super::situations::too_many_in_thing(thing));
        }
    }
}

/// `在“…”时` / ` when …` for figures that hold only in some situations.
fn when(figures: &BundleFigures, comma: bool) -> Tr {
    match &figures.when {
        Some(when) => when_phrase_of(when, comma),
        None => Tr::empty(),
    }
}

/// E0601 for an optional item whose condition holds in none of the thing's
/// situations: it would never be done.
fn optional_never_done(ir: &Ir, thing: &crate::ir::Thing, analysis: &ItemSituations, out: &mut Vec<Diagnostic>) {
    if analysis.skipped {
        return;
    }
    for member in &thing.items {
        let (Some(condition), Some(at)) = (&member.when, member.when_at) else {
            continue;
        };
        let found = analysis.find(&[Some(condition)], |p| may_hold(p, 0));
        if !found.stopped && found.answer.is_none() {
            out.push(
                Diagnostic::new(Code::E0601, thing.file, at)
                    .arg("what", Tr::new("选办事项", "optional item"))
                    .arg(
                        "name",
                        get(&ir.items, member.item.index()).map_or("", |i| i.name.as_str()),
                    ),
            );
        }
    }
}

/// W1101: a material of the thing's one set that one item asks for as an
/// original and another as a copy. The first such pair of items, in the
/// thing's order, is named.
fn conflicts(ir: &Ir, thing: &crate::ir::Thing, materials: &[MergedMaterial], out: &mut Vec<Diagnostic>) {
    for merged in materials.iter().filter(|m| m.library.is_some()) {
        // An item that gets the material by sharing asks for no hand-over.
        let entries: Vec<_> = merged
            .entries(ir)
            .filter(|(_, _, m)| crate::analysis::bundles::handed_over(m))
            .collect();
        let pair = entries.iter().enumerate().find_map(|(index, a)| {
            let b = entries
                .iter()
                .skip(index + 1)
                .find(|b| a.2.copy.involves_original() != b.2.copy.involves_original())?;
            Some((a, b))
        });
        let Some(((_, a, ma), (_, b, mb))) = pair else {
            continue;
        };
        let (original, copy) = if ma.copy.involves_original() {
            ((a, ma), (b, mb))
        } else {
            ((b, mb), (a, ma))
        };
        out.push(
            Diagnostic::new(Code::W1101, thing.file, thing.at)
                .arg("thing", thing.name.as_str())
                .arg("material", ma.name.as_str())
                .arg("original_item", original.0.name.as_str())
                .arg("copy_item", copy.0.name.as_str())
                .with_label("original", original.0.file, original.1.at, Vec::new())
                .with_label("copy", copy.0.file, copy.1.at, Vec::new()),
        );
    }
}

/// E1108: the replacements the bundle leaves out because the review and
/// the item would wait for each other.
fn replacement_loops(ir: &Ir, graphs: &Graphs, analyses: &Analyses, id: ThingId, out: &mut Vec<Diagnostic>) {
    let Some(thing) = get(&ir.things, id.index()) else {
        return;
    };
    for (index, item) in bundles::replacement_loops(ir, graphs, analyses, id) {
        let Some(review) = thing.joint_reviews.get(index) else {
            continue;
        };
        let name = get(&ir.items, item.index()).map_or("", |i| i.name.as_str());
        let detail = if bundles::review_waits_for(thing, index, item) {
            "waits"
        } else {
            "ordered"
        };
        for replaced in review.replaces.iter().filter(|r| r.item == item) {
            out.push(
                Diagnostic::new(Code::E1108, thing.file, replaced.at)
                    .arg("review", review.name.as_str())
                    .arg("item", name)
                    .detail(detail, &[("item", Tr::same(name))])
                    .with_label("after", thing.file, review.at, Vec::new()),
            );
        }
    }
}

/// E1104 and E1105.
fn joint_reviews(ir: &Ir, thing: &crate::ir::Thing, out: &mut Vec<Diagnostic>) {
    if thing.joint_reviews.is_empty() {
        return;
    }
    let mut participants: Vec<DeptId> = Vec::new();
    for review in &thing.joint_reviews {
        participants.extend(review.departments.iter().copied());
        let group = review.group.and_then(|g| get(&ir.review_groups, g.index()));
        if let Some(group) = group {
            participants.extend(group.members.iter().copied());
            for (department, span) in review.departments.iter().zip(&review.department_spans) {
                if !group.members.contains(department) && !group.optional.contains(department) {
                    let name = get(&ir.departments, department.index()).map_or("", |d| d.name.as_str());
                    out.push(
                        Diagnostic::new(Code::E1105, thing.file, *span)
                            .arg("department", name)
                            .arg("review", review.name.as_str())
                            .arg("group", group.name.as_str())
                            .with_label("group", group.at.file, group.at.span, Vec::new()),
                    );
                }
            }
        }
    }
    // A 选办事项 is not on every applicant's path: the joint reviews are
    // organised around the items everyone needs.
    for member in thing.items.iter().filter(|m| !m.optional) {
        let Some(item) = get(&ir.items, member.item.index()) else {
            continue;
        };
        let Some(department) = item.implemented_by else {
            continue;
        };
        if !participants.contains(&department) {
            let name = get(&ir.departments, department.index()).map_or("", |d| d.name.as_str());
            out.push(
                Diagnostic::new(Code::E1104, thing.file, member.at)
                    .arg("item", item.name.as_str())
                    .arg("department", name)
                    .arg("thing", thing.name.as_str()),
            );
        }
    }
}

/// The bundle's path against the thing's promise under every calendar.
fn judge(figures: &BundleFigures, limit: Duration) -> Compared {
    let range = figures.days_bundle_range;
    let (limit_range, conversion) = match limit.unit {
        DurationUnit::OnTheSpot => (calendar::exactly(0.0), None),
        DurationUnit::WorkingDays => (calendar::exactly(limit.amount), None),
        DurationUnit::CalendarDays => (
            calendar::working_bounds(limit.amount),
            Some(calendar::working_text(limit.amount)),
        ),
    };
    let conversion = if range.shortest < range.longest {
        let number = |n: f64| Tr::new(fmt_number(n), fmt_number(n));
        let mixed =
            Phrase::MixedUnitsOfThing.tr(&[("shortest", number(range.shortest)), ("longest", number(range.longest))]);
        Some(match conversion {
            Some(c) => Phrase::then(mixed, c),
            None => mixed,
        })
    } else {
        conversion
    };
    Compared {
        verdict: calendar::verdict(range, limit_range),
        conversion,
    }
}
