//! `yijian test`: runs the 测试 declarations of a workspace.
//!
//! A test is one applicant of an item or a thing: the answers to its
//! situations, and what must follow from them. The runner computes, for
//! that applicant alone, the same figures `check`, the report and the
//! documents compute (materials to bring, visits and online depth, the
//! critical path, whether it is finished on the spot, the city-wide
//! duration at a level) from the compiled workspace, and compares them with
//! what the test states. Each failure carries the expected and actual value
//! and the reasons behind the actual one (the visit reasons, the steps of
//! the critical path, why a material is or is not asked for).
//!
//! [`output::updated_text`] rewrites the expected values of failing tests in place,
//! replacing only the text of each failing field's value, so comments and
//! layout stay as written.

pub mod output;

use crate::analysis::{bundles, city_wide, time, visits};
use crate::ast::duration::of_working_days;
use crate::ast::{Duration, DurationUnit, Level};
use crate::diagnostics::{FileId, Span, Tr};
use crate::ir::{Answer, AnswerValue, Cond, Ir, Item, Test, TestSubject};
use crate::keywords::FieldKw;
use crate::workspace::Compiled;

/// The outcome of one test.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub name: String,
    pub file: FileId,
    /// The test's name in its file.
    pub at: Span,
    /// The item or thing tested.
    pub subject: String,
    pub failures: Vec<Failure>,
}

impl Outcome {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// One expectation that does not hold.
#[derive(Debug, Clone)]
pub struct Failure {
    pub field: FieldKw,
    /// The expected value as the test wrote it.
    pub at: Span,
    pub expected: Tr,
    pub actual: Tr,
    /// Why the actual value is what it is.
    pub reasons: Vec<Tr>,
    /// The actual value as rule text, for `--update` (`None` when the field
    /// cannot be rewritten, as for `包含材料`).
    pub rewrite: Option<Rewrite>,
}

/// An actual value to write in place of an expected one.
#[derive(Debug, Clone, PartialEq)]
pub enum Rewrite {
    Names(Vec<String>),
    Count(u32),
    Duration(Duration),
    Bool(bool),
    /// `通办时长` of one level: the level and its durations.
    CityWide(Level, Vec<Duration>),
}

/// Runs every test of the compiled workspace, in declaration order.
pub fn run(compiled: &Compiled) -> Vec<Outcome> {
    compiled.ir.tests.iter().map(|test| run_one(compiled, test)).collect()
}

fn run_one(compiled: &Compiled, test: &Test) -> Outcome {
    let ir = &compiled.ir;
    let (subject, failures) = match test.subject {
        TestSubject::Item(id) => match (ir.items.get_index(id.index()), compiled.graphs.items.get(id.index())) {
            (Some((_, item)), Some(graph)) => (item.name.clone(), item_failures(ir, item, graph, test)),
            _ => (String::new(), Vec::new()),
        },
        TestSubject::Thing(id) => match ir.things.get_index(id.index()) {
            Some((_, thing)) => (thing.name.clone(), thing_failures(compiled, id, test)),
            None => (String::new(), Vec::new()),
        },
    };
    Outcome {
        name: test.name.clone(),
        file: test.file,
        at: test.at,
        subject,
        failures,
    }
}

/// Whether `cond` holds for the applicant who gave `answers`; a situation
/// left unanswered (which the resolver refuses when a condition reads it)
/// counts as making the condition hold.
pub fn holds(cond: &Cond, answers: &[Answer]) -> bool {
    value(cond, answers).unwrap_or(true)
}

fn value(cond: &Cond, answers: &[Answer]) -> Option<bool> {
    let answer = |id: crate::ir::SituationId| answers.iter().find(|a| a.situation == id).map(|a| a.value);
    cond.eval_with(&|leaf| match leaf {
        Cond::Flag(id) => Some(matches!(answer(*id)?, AnswerValue::Yes(true))),
        Cond::Enum {
            situation,
            equal,
            value,
        } => Some(matches!(answer(*situation)?, AnswerValue::Enum(v) if v == *value) == *equal),
        Cond::Number { situation, op, value } => match answer(*situation)? {
            AnswerValue::Number(x) => Some(op.holds(x, *value)),
            _ => None,
        },
        _ => None,
    })
}

fn names_tr(names: &[String]) -> Tr {
    if names.is_empty() {
        Tr::new("（无）", "(none)")
    } else {
        Tr::same(names.join("、"))
    }
}

fn count_tr(n: u32) -> Tr {
    Tr::same(n.to_string())
}

/// A duration in a sentence: `7 个工作日`, `2 个自然日`, `当场`.
fn duration_tr(d: Duration) -> Tr {
    crate::ast::duration::tr(d, crate::ast::duration::Style::Prose)
}

/// A figure in working days in a sentence (0 is `当场`).
fn days_tr(days: f64) -> Tr {
    duration_tr(of_working_days(days))
}

fn bool_tr(yes: bool) -> Tr {
    if yes {
        Tr::new("是", "yes")
    } else {
        Tr::new("否", "no")
    }
}

/// Compares a material list with `brings` (the actual materials, in the
/// subject's order): exact set, includes, excludes and count.
fn material_failures(test: &Test, brings: &[String], why: &dyn Fn(&str) -> Tr, out: &mut Vec<Failure>) {
    let expect = &test.expect;
    if let Some((expected, span)) = &expect.brings {
        let mut want: Vec<&str> = expected.iter().map(|n| n.value.as_str()).collect();
        want.sort_unstable();
        let mut have: Vec<&str> = brings.iter().map(String::as_str).collect();
        have.sort_unstable();
        if want != have {
            let missing: Vec<&str> = have.iter().filter(|n| !want.contains(n)).copied().collect();
            let extra: Vec<&str> = want.iter().filter(|n| !have.contains(n)).copied().collect();
            let reasons = missing.iter().chain(&extra).map(|n| why(n)).collect();
            out.push(Failure {
                field: FieldKw::Brings,
                at: *span,
                expected: names_tr(&expected.iter().map(|n| n.value.clone()).collect::<Vec<_>>()),
                actual: names_tr(brings),
                reasons,
                rewrite: Some(Rewrite::Names(brings.to_vec())),
            });
        }
    }
    for name in &expect.includes {
        if !brings.contains(&name.value) {
            out.push(Failure {
                field: FieldKw::Includes,
                at: name.span,
                expected: Tr::new(format!("要带“{}”", name.value), format!("brings `{}`", name.value)),
                actual: Tr::new(
                    format!("不带“{}”", name.value),
                    format!("does not bring `{}`", name.value),
                ),
                reasons: vec![why(&name.value)],
                rewrite: None,
            });
        }
    }
    for name in &expect.excludes {
        if brings.contains(&name.value) {
            out.push(Failure {
                field: FieldKw::Excludes,
                at: name.span,
                expected: Tr::new(
                    format!("不带“{}”", name.value),
                    format!("does not bring `{}`", name.value),
                ),
                actual: Tr::new(format!("要带“{}”", name.value), format!("brings `{}`", name.value)),
                reasons: vec![why(&name.value)],
                rewrite: None,
            });
        }
    }
    if let Some(count) = expect.material_count {
        let actual = u32::try_from(brings.len()).unwrap_or(u32::MAX);
        if count.value != actual {
            out.push(Failure {
                field: FieldKw::MaterialCount,
                at: count.span,
                expected: count_tr(count.value),
                actual: count_tr(actual),
                reasons: vec![names_tr(brings)],
                rewrite: Some(Rewrite::Count(actual)),
            });
        }
    }
}

/// Whether a working-day figure equals the expected duration.
fn same_days(expected: Duration, working: f64, calendar: Option<f64>) -> bool {
    match expected.unit {
        DurationUnit::OnTheSpot => working == 0.0 && calendar.is_none_or(|c| c == 0.0),
        DurationUnit::WorkingDays => expected.amount == working,
        DurationUnit::CalendarDays => calendar == Some(expected.amount),
    }
}

fn item_failures(ir: &Ir, item: &Item, graph: &crate::graph::ItemGraph, test: &Test) -> Vec<Failure> {
    let expect = &test.expect;
    let answers = &test.answers;
    let materials_apply: Vec<bool> = item
        .materials
        .values()
        .map(|m| m.when.as_deref().is_none_or(|c| holds(c, answers)))
        .collect();
    let steps_apply: Vec<bool> = item
        .steps
        .values()
        .map(|s| s.when.as_deref().is_none_or(|c| holds(c, answers)))
        .collect();
    let brings: Vec<String> = item
        .materials
        .values()
        .zip(&materials_apply)
        .filter(|(m, applies)| **applies && bundles::brought(m))
        .map(|(m, _)| m.name.clone())
        .collect();
    let why = |name: &str| -> Tr {
        let Some((index, m)) = item.materials.get_full(&crate::ir::name_key(name)) else {
            return Tr::same(name);
        };
        let applies = materials_apply.get(index).copied().unwrap_or(true);
        let condition = m.when.as_deref().map(|c| c.text(&item.situations));
        match (applies, condition) {
            (false, Some(c)) => Tr::new(
                format!("“{name}”只在“{c}”时要"),
                format!("`{name}` is asked for only when {c}"),
            ),
            (true, _) if m.source == Some(crate::ast::Source::Shared) => Tr::new(
                format!("“{name}”通过数据共享获取，不用带"),
                format!("`{name}` is obtained by data sharing"),
            ),
            (true, _) if m.necessity == crate::ast::Necessity::Optional => {
                Tr::new(format!("“{name}”是非必要材料"), format!("`{name}` is optional"))
            }
            (true, Some(c)) => Tr::new(
                format!("“{name}”在“{c}”时要"),
                format!("`{name}` is asked for when {c}"),
            ),
            (true, None) => Tr::new(format!("“{name}”总是要"), format!("`{name}` is always asked for")),
            (false, None) => Tr::same(name),
        }
    };
    let mut out = Vec::new();
    material_failures(test, &brings, &why, &mut out);

    let v = visits::visits(item, &materials_apply, &steps_apply);
    let reasons: Vec<Tr> = v.reasons.iter().map(visits::Reason::tr).collect();
    if let Some(expected) = expect.visits
        && expected.value != v.visits
    {
        out.push(Failure {
            field: FieldKw::Visits,
            at: expected.span,
            expected: count_tr(expected.value),
            actual: count_tr(v.visits),
            reasons: reasons.clone(),
            rewrite: Some(Rewrite::Count(v.visits)),
        });
    }
    if let Some(expected) = expect.online_depth
        && expected.value != v.online_depth
    {
        out.push(Failure {
            field: FieldKw::OnlineDepth,
            at: expected.span,
            expected: count_tr(expected.value),
            actual: count_tr(v.online_depth),
            reasons,
            rewrite: Some(Rewrite::Count(v.online_depth)),
        });
    }
    let path = time::critical_path(item, graph, &steps_apply);
    let days = path.as_ref().map_or(0.0, |p| p.working_days);
    let path_reason = || -> Vec<Tr> {
        let Some(path) = &path else {
            return vec![Tr::new("没有环节适用", "no step applies")];
        };
        let steps: Vec<String> = path
            .steps
            .iter()
            .filter_map(|id| item.steps.get_index(id.index()))
            .map(|s| match s.duration {
                Some(d) => format!("{}（{}）", s.name, d.value.zh()),
                None => s.name.clone(),
            })
            .collect();
        vec![Tr::same(steps.join(" → "))]
    };
    if let Some(expected) = expect.critical_path {
        let calendar = time::path_bounds(item, graph, &steps_apply).and_then(|t| t.calendar_days);
        if !same_days(expected.value, days, calendar) {
            let (actual, rewrite) = match (expected.value.unit, calendar) {
                (DurationUnit::CalendarDays, Some(c)) => (
                    crate::ast::duration::days(c, true),
                    Duration {
                        amount: c,
                        unit: DurationUnit::CalendarDays,
                    },
                ),
                _ => (days_tr(days), of_working_days(days)),
            };
            out.push(Failure {
                field: FieldKw::CriticalPath,
                at: expected.span,
                expected: duration_tr(expected.value),
                actual,
                reasons: path_reason(),
                rewrite: Some(Rewrite::Duration(rewrite)),
            });
        }
    }
    if let Some(expected) = expect.on_the_spot {
        let actual = visits::finished_on_the_spot(item, &steps_apply);
        if expected.value != actual {
            let reasons = match visits::first_not_on_the_spot(item, &steps_apply) {
                Some(step) => vec![Tr::new(
                    format!("环节“{}”不是当场办结", step.name),
                    format!("step `{}` is not finished on the spot", step.name),
                )],
                None => path_reason(),
            };
            out.push(Failure {
                field: FieldKw::OnTheSpot,
                at: expected.span,
                expected: bool_tr(expected.value),
                actual: bool_tr(actual),
                reasons,
                rewrite: Some(Rewrite::Bool(actual)),
            });
        }
    }
    if !expect.city_wide.is_empty() {
        let chain = city_wide::Chain::new(ir);
        for expected in &expect.city_wide {
            let route = city_wide::route(ir, &chain, item, expected.level, days);
            let (want_working, want_calendar) =
                expected
                    .durations
                    .iter()
                    .fold((0.0, 0.0), |(w, c), d| match d.value.unit {
                        DurationUnit::WorkingDays => (w + d.value.amount, c),
                        DurationUnit::CalendarDays => (w, c + d.value.amount),
                        DurationUnit::OnTheSpot => (w, c),
                    });
            let level = expected.level.value;
            let parts: Vec<Tr> = expected.durations.iter().map(|d| duration_tr(d.value)).collect();
            let written = Tr::new(
                parts.iter().map(|t| t.zh.as_str()).collect::<Vec<_>>().join("加"),
                parts.iter().map(|t| t.en.as_str()).collect::<Vec<_>>().join(" and "),
            );
            let expected_tr = Tr::new(
                format!("{} 受理：{}", level.zh(), written.zh),
                format!("accepted at {}: {}", level.en(), written.en),
            );
            match route {
                Ok(route) => {
                    let (w, c) = route.total();
                    if (w, c) != (want_working, want_calendar) {
                        let total = route.total_text();
                        let mut durations = Vec::new();
                        if w > 0.0 {
                            durations.push(of_working_days(w));
                        }
                        if c > 0.0 {
                            durations.push(Duration {
                                amount: c,
                                unit: DurationUnit::CalendarDays,
                            });
                        }
                        if durations.is_empty() {
                            durations.push(Duration::ON_THE_SPOT);
                        }
                        out.push(Failure {
                            field: FieldKw::CityWideDuration,
                            at: expected.span,
                            expected: expected_tr,
                            actual: Tr::new(
                                format!("{} 受理：{}", level.zh(), total.zh),
                                format!("accepted at {}: {}", level.en(), total.en),
                            ),
                            reasons: vec![if route.explain().zh.is_empty() {
                                Tr::new("就地办理", "handled where accepted")
                            } else {
                                route.explain()
                            }],
                            rewrite: Some(Rewrite::CityWide(level, durations)),
                        });
                    }
                }
                Err(no_route) => out.push(Failure {
                    field: FieldKw::CityWideDuration,
                    at: expected.span,
                    expected: expected_tr,
                    actual: Tr::new(
                        format!("{} 不能受理", level.zh()),
                        format!("cannot be accepted at {}", level.en()),
                    ),
                    reasons: vec![Tr::same(format!("{no_route:?}"))],
                    rewrite: None,
                }),
            }
        }
    }
    out
}

fn thing_failures(compiled: &Compiled, id: crate::ir::ThingId, test: &Test) -> Vec<Failure> {
    let ir = &compiled.ir;
    let Some((_, thing)) = ir.things.get_index(id.index()) else {
        return Vec::new();
    };
    let members: Vec<&crate::ir::Member> = thing.distinct_members().collect();
    // The members' flags, then the joint reviews'.
    let applies: Vec<bool> = members
        .iter()
        .map(|m| m.when.as_ref())
        .chain(thing.joint_reviews.iter().map(|r| r.when.as_ref()))
        .map(|when| when.is_none_or(|c| holds(c, &test.answers)))
        .collect();
    let figures = bundles::figures_for(ir, &compiled.graphs, &compiled.analyses, id, &applies);
    let applying: Vec<crate::ir::ItemId> = figures.items.clone();
    let mut brings: Vec<String> = Vec::new();
    for merged in compiled.analyses.materials(ir, id) {
        let brought = merged
            .entries(ir)
            .find(|(item, _, m)| applying.contains(item) && bundles::brought(m));
        // One entry per material of the thing's set: an item's own material
        // is its own entry even when another item's has the same name, as
        // the bundle figures count them.
        if let Some((_, _, m)) = brought {
            brings.push(m.name.clone());
        }
    }
    let why = |name: &str| -> Tr {
        let askers: Vec<String> = compiled
            .analyses
            .materials(ir, id)
            .iter()
            .flat_map(|merged| merged.entries(ir))
            .filter(|(_, _, m)| m.name == name)
            .map(|(item_id, item, m)| {
                let state = if !applying.contains(&item_id) {
                    "不办理"
                } else if !bundles::brought(m) {
                    "不用带"
                } else {
                    "要带"
                };
                format!("{}：{state}", item.name)
            })
            .collect();
        Tr::same(format!("“{name}”：{}", askers.join("，")))
    };
    let mut out = Vec::new();
    material_failures(test, &brings, &why, &mut out);
    let expect = &test.expect;
    if let Some(expected) = expect.visits
        && expected.value != figures.visits_bundle
    {
        out.push(Failure {
            field: FieldKw::Visits,
            at: expected.span,
            expected: count_tr(expected.value),
            actual: count_tr(figures.visits_bundle),
            reasons: figures.visit_reasons.iter().map(visits::Reason::tr).collect(),
            rewrite: Some(Rewrite::Count(figures.visits_bundle)),
        });
    }
    if let Some(expected) = expect.critical_path
        && !same_days(expected.value, figures.days_bundle, None)
    {
        let path: Vec<String> = figures.path.iter().map(|step| step.tr(ir, thing).zh).collect();
        out.push(Failure {
            field: FieldKw::CriticalPath,
            at: expected.span,
            expected: duration_tr(expected.value),
            actual: days_tr(figures.days_bundle),
            reasons: vec![Tr::same(path.join(" → "))],
            rewrite: Some(Rewrite::Duration(of_working_days(figures.days_bundle))),
        });
    }
    out
}
