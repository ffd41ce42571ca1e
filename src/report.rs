//! `yijian report`: the reform's figures, per item, zone, department and thing.
//!
//! Per item: visits and online depth in its worst situation, the materials
//! the applicant brings and the ones data sharing spares, the critical path
//! against the promise and the legal limit. Per zone and department: the
//! number of items, the share handled fully online (the target is 90%),
//! zero-visit and one-visit counts, materials spared by sharing, and time
//! compression (promised against legal days). Per thing: the bundle against
//! its items one by one. Per item and accepting level (一城通办): where it is
//! handled and what the applicant waits for end to end. As a table for people
//! and as JSON for programs.

use crate::analysis::bundles::BundleFigures;
use crate::analysis::city_wide::{Chain, on_the_spot, routes, total_text};
use crate::analysis::time::working_days;
use crate::ast::{Source, fmt_number};
use crate::ir::{ItemId, ThingId, get};
use crate::workspace::Compiled;
use indexmap::IndexMap;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

/// The figures of one item.
#[derive(Debug, Clone, Serialize)]
pub struct ItemRow {
    pub name: String,
    pub zone: Option<String>,
    pub department: Option<String>,
    pub visits: u32,
    pub online_depth: u32,
    pub materials_to_bring: usize,
    pub materials_shared: usize,
    pub critical_path_days: f64,
    pub promised_days: Option<f64>,
    pub legal_days: Option<f64>,
}

/// Totals over a group of items (a zone or a department).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    pub items: usize,
    pub fully_online: usize,
    /// Percent of items handled fully online (online depth 4).
    pub fully_online_percent: f64,
    pub zero_visit: usize,
    pub one_visit: usize,
    pub materials_shared: usize,
    pub legal_days: f64,
    pub promised_days: f64,
    /// Percent by which promises shorten the legal limits.
    pub time_compression_percent: f64,
}

/// A thing's bundle against its items one by one.
#[derive(Debug, Clone, Serialize)]
pub struct ThingRow {
    pub name: String,
    pub items: Vec<String>,
    /// The situations the figures hold in, when optional items (选办事项)
    /// make them differ: the group with the most items.
    pub when: Option<String>,
    pub materials: (usize, usize),
    pub steps: (usize, usize),
    pub visits: (u32, u32),
    pub days: (f64, f64),
    pub reduction_percent: Reductions,
}

#[derive(Debug, Clone, Serialize)]
pub struct Reductions {
    pub materials: f64,
    pub steps: f64,
    pub visits: f64,
    pub days: f64,
}

/// One item accepted at one level of its 通办范围.
#[derive(Debug, Clone, Serialize)]
pub struct CityWideRow {
    pub item: String,
    pub accepted_at: String,
    /// `None` when no route leads to a handling level (E1201).
    pub handled_at: Option<String>,
    /// The item's own longest critical path, working days.
    pub processing_days: f64,
    /// End to end: working days, plus calendar days where a courier takes them.
    pub total_working_days: f64,
    pub total_calendar_days: f64,
    /// Circulation and the way back, in words.
    pub route: String,
    /// An item finished on the spot that is not when accepted here (W1203).
    pub on_the_spot_lost: bool,
}

/// The whole report of one workspace.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub items: Vec<ItemRow>,
    pub zones: IndexMap<String, Totals>,
    pub departments: IndexMap<String, Totals>,
    pub things: Vec<ThingRow>,
    pub city_wide: Vec<CityWideRow>,
    pub total: Totals,
}

/// Computes the report of a checked workspace from its analyses.
pub fn compute(compiled: &Compiled) -> Report {
    let (ir, graphs, analyses) = (&compiled.ir, &compiled.graphs, &compiled.analyses);
    let mut items = Vec::new();
    for (index, item) in ir.items.values().enumerate() {
        let id = ItemId::from_index(index);
        let (Some(figures), Some(worst)) = (analyses.item_figures(ir, graphs, id), analyses.worst(ir, id)) else {
            continue;
        };
        items.push(ItemRow {
            name: item.name.clone(),
            zone: item
                .zone
                .and_then(|z| get(&ir.zones, z.index()))
                .map(|z| z.name.clone()),
            department: item
                .implemented_by
                .and_then(|d| get(&ir.departments, d.index()))
                .map(|d| d.name.clone()),
            visits: worst.visits,
            online_depth: worst.online_depth,
            materials_to_bring: figures.materials,
            materials_shared: item
                .materials
                .values()
                .filter(|m| m.source == Some(Source::Shared))
                .count(),
            critical_path_days: figures.days,
            promised_days: item.promised_limit.map(|p| working_days(p.value)),
            legal_days: item.legal_limit.map(|l| working_days(l.value)),
        });
    }
    let mut zones: IndexMap<String, Totals> = IndexMap::new();
    let mut departments: IndexMap<String, Totals> = IndexMap::new();
    let mut total = Totals::default();
    for row in &items {
        add(&mut total, row);
        add(
            zones
                .entry(row.zone.clone().unwrap_or_else(|| "（未分区）".to_string()))
                .or_default(),
            row,
        );
        add(
            departments
                .entry(row.department.clone().unwrap_or_else(|| "（未指定）".to_string()))
                .or_default(),
            row,
        );
    }
    for totals in zones.values_mut().chain(departments.values_mut()).chain([&mut total]) {
        finish(totals);
    }
    let things = ir
        .things
        .values()
        .enumerate()
        .map(|(index, thing)| {
            let f: BundleFigures = analyses.bundle(ir, graphs, ThingId::from_index(index));
            ThingRow {
                name: thing.name.clone(),
                items: f
                    .items
                    .iter()
                    .filter_map(|id| get(&ir.items, id.index()))
                    .map(|i| i.name.clone())
                    .collect(),
                when: f.when.as_ref().map(|w| w.zh.clone()),
                materials: (f.materials_separately, f.materials_bundle),
                steps: (f.steps_separately, f.steps_bundle),
                visits: (f.visits_separately, f.visits_bundle),
                days: (f.days_separately, f.days_bundle),
                reduction_percent: Reductions {
                    materials: BundleFigures::reduction(f.materials_separately as f64, f.materials_bundle as f64),
                    steps: BundleFigures::reduction(f.steps_separately as f64, f.steps_bundle as f64),
                    visits: BundleFigures::reduction(f64::from(f.visits_separately), f64::from(f.visits_bundle)),
                    days: BundleFigures::reduction(f.days_separately, f.days_bundle),
                },
            }
        })
        .collect();
    let chain = Chain::new(ir);
    let mut city_wide = Vec::new();
    for (index, item) in ir.items.values().enumerate() {
        if item.city_wide.is_empty() {
            continue;
        }
        let days = analyses
            .longest_days(ir, graphs, ItemId::from_index(index))
            .unwrap_or(0.0);
        for (level, route) in item.city_wide.iter().zip(routes(ir, &chain, item, days)) {
            city_wide.push(match route {
                Ok(route) => {
                    let (working, calendar) = route.total();
                    CityWideRow {
                        item: item.name.clone(),
                        accepted_at: level.value.zh().to_string(),
                        handled_at: Some(route.handled_at.zh().to_string()),
                        processing_days: route.processing_days,
                        total_working_days: working,
                        total_calendar_days: calendar,
                        route: route.explain().zh,
                        on_the_spot_lost: on_the_spot(item, route.processing_days)
                            && route.is_remote()
                            && route.adds_time(),
                    }
                }
                Err(_) => CityWideRow {
                    item: item.name.clone(),
                    accepted_at: level.value.zh().to_string(),
                    handled_at: None,
                    processing_days: 0.0,
                    total_working_days: 0.0,
                    total_calendar_days: 0.0,
                    route: "无法流转（E1201）".to_string(),
                    on_the_spot_lost: false,
                },
            });
        }
    }
    Report {
        items,
        zones,
        departments,
        things,
        city_wide,
        total,
    }
}

fn add(totals: &mut Totals, row: &ItemRow) {
    totals.items += 1;
    totals.fully_online += usize::from(row.online_depth >= 4);
    totals.zero_visit += usize::from(row.visits == 0);
    totals.one_visit += usize::from(row.visits == 1);
    totals.materials_shared += row.materials_shared;
    if let (Some(legal), Some(promised)) = (row.legal_days, row.promised_days) {
        totals.legal_days += legal;
        totals.promised_days += promised;
    }
}

fn finish(totals: &mut Totals) {
    totals.fully_online_percent = percent(totals.fully_online as f64, totals.items as f64);
    totals.time_compression_percent = BundleFigures::reduction(totals.legal_days, totals.promised_days);
}

fn percent(part: f64, whole: f64) -> f64 {
    if whole <= 0.0 {
        0.0
    } else {
        (part / whole * 100.0).round()
    }
}

/// The report as JSON.
pub fn json(report: &Report) -> String {
    let mut text = serde_json::to_string_pretty(report).unwrap_or_default();
    text.push('\n');
    text
}

/// The report as tables for people, columns aligned by display width.
pub fn table(report: &Report) -> String {
    let mut out = String::new();
    out.push_str("## 事项\n\n");
    let rows: Vec<Vec<String>> = report
        .items
        .iter()
        .map(|r| {
            vec![
                r.name.clone(),
                r.zone.clone().unwrap_or_default(),
                r.department.clone().unwrap_or_default(),
                r.visits.to_string(),
                r.online_depth.to_string(),
                r.materials_to_bring.to_string(),
                r.materials_shared.to_string(),
                fmt_number(r.critical_path_days),
                r.promised_days.map(fmt_number).unwrap_or_else(|| "—".to_string()),
                r.legal_days.map(fmt_number).unwrap_or_else(|| "—".to_string()),
            ]
        })
        .collect();
    out.push_str(&grid(
        &[
            "事项",
            "功能区",
            "实施部门",
            "到现场次数",
            "网办深度",
            "需带材料",
            "共享免交",
            "关键路径(工作日)",
            "承诺时限",
            "法定时限",
        ],
        &rows,
    ));
    for (title, groups) in [("功能区", &report.zones), ("部门", &report.departments)] {
        out.push_str(&format!("\n## 按{title}\n\n"));
        let rows: Vec<Vec<String>> = groups.iter().map(|(name, t)| totals_row(name, t)).collect();
        out.push_str(&grid(&totals_header(title), &rows));
    }
    out.push_str("\n## 合计\n\n");
    out.push_str(&grid(&totals_header("范围"), &[totals_row("全部事项", &report.total)]));
    if !report.things.is_empty() {
        out.push_str("\n## 一件事（逐项办理 → 一件事办理，压减比例）\n\n");
        let rows: Vec<Vec<String>> = report
            .things
            .iter()
            .map(|t| {
                let pair = |a: String, b: String, r: f64| format!("{a} → {b}（-{}%）", fmt_number(r));
                let name = match &t.when {
                    Some(when) => format!("{}（{when}）", t.name),
                    None => t.name.clone(),
                };
                vec![
                    name,
                    t.items.len().to_string(),
                    pair(
                        t.materials.0.to_string(),
                        t.materials.1.to_string(),
                        t.reduction_percent.materials,
                    ),
                    pair(t.steps.0.to_string(), t.steps.1.to_string(), t.reduction_percent.steps),
                    pair(
                        t.visits.0.to_string(),
                        t.visits.1.to_string(),
                        t.reduction_percent.visits,
                    ),
                    pair(fmt_number(t.days.0), fmt_number(t.days.1), t.reduction_percent.days),
                ]
            })
            .collect();
        out.push_str(&grid(
            &["一件事", "事项数", "材料", "环节", "到现场次数", "时间(工作日)"],
            &rows,
        ));
        if report.things.iter().any(|t| t.when.is_some()) {
            out.push_str("\n有选办事项的一件事按办理事项最多的情形计算，括号中写明是哪种情形。\n");
        }
    }
    if !report.city_wide.is_empty() {
        out.push_str("\n## 一城通办（各级受理时申请人看到的办理时间）\n\n");
        let rows: Vec<Vec<String>> = report
            .city_wide
            .iter()
            .map(|r| {
                let total = match &r.handled_at {
                    Some(_) => total_text((r.total_working_days, r.total_calendar_days)).zh,
                    None => "—".to_string(),
                };
                vec![
                    r.item.clone(),
                    r.accepted_at.clone(),
                    r.handled_at.clone().unwrap_or_else(|| "—".to_string()),
                    if r.on_the_spot_lost {
                        format!("{total}（不再当场）")
                    } else {
                        total
                    },
                    if r.route.is_empty() {
                        "就地办理".to_string()
                    } else {
                        r.route.clone()
                    },
                ]
            })
            .collect();
        out.push_str(&grid(&["事项", "受理层级", "办理层级", "办理时间", "流转"], &rows));
    }
    out
}

fn totals_header(first: &str) -> [&str; 8] {
    [
        first,
        "事项数",
        "全程网办",
        "全程网办占比",
        "零跑腿",
        "只跑一次",
        "共享免交材料",
        "时限压缩",
    ]
}

fn totals_row(name: &str, t: &Totals) -> Vec<String> {
    vec![
        name.to_string(),
        t.items.to_string(),
        t.fully_online.to_string(),
        format!("{}%", fmt_number(t.fully_online_percent)),
        t.zero_visit.to_string(),
        t.one_visit.to_string(),
        t.materials_shared.to_string(),
        format!("{}%", fmt_number(t.time_compression_percent)),
    ]
}

/// A plain-text table whose columns line up in a terminal (CJK characters
/// count two columns).
fn grid(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.width());
            }
        }
    }
    let line = |cells: Vec<&str>| {
        let mut text = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let width = widths.get(i).copied().unwrap_or(0);
            text.push_str(cell);
            if i + 1 < cells.len() {
                text.push_str(&" ".repeat(width.saturating_sub(cell.width()) + 2));
            }
        }
        text.push('\n');
        text
    };
    let mut out = line(header.to_vec());
    out.push_str(&line(
        widths
            .iter()
            .map(|w| "─".repeat(*w))
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str)
            .collect(),
    ));
    for row in rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
    }
    out
}
