//! `yijian diff`: what a change of the rules does to applicants.
//!
//! Two compiled workspaces (an old and a new version of the same standards)
//! are compared as standards, not as text: items are matched by 基本编码 (by
//! name when they have none), their materials, steps and results by name, so
//! reformatting, reordering and comments change nothing. Every difference is
//! said in the applicant's terms, grouped by item and thing, from the same
//! facts `check`, the report and the documents compute (the worst-case
//! visits with their reasons, the online depth, the longest critical path,
//! the city-wide durations, a thing's bundle figures). A change that makes
//! things harder for some applicant (a new material, a longer limit, one
//! more visit, a lower online depth, a fee) is marked *stricter*, so that a
//! CI job can ask a reviewer to sign it off (`--deny-stricter`).
//!
//! [`source`] reads a version from a folder or from a git revision; [`output`]
//! writes the human, Markdown and JSON reports and the printable 变更说明.

mod catalogs;
pub mod output;
pub mod source;

use crate::analysis::{bundles, city_wide, time};
use crate::ast::{CopyKind, Duration, DurationUnit, Form, Necessity, Source};
use crate::diagnostics::Tr;
use crate::ir::{Fee, Ir, Item, ItemMaterial, Step, Thing, name_key};
use crate::workspace::{Compiled, Workspace};
use serde::Serialize;

/// One version of the standards, compiled.
pub struct Version<'a> {
    /// How the user named it: a folder, or a git revision.
    pub label: String,
    pub workspace: &'a Workspace,
    pub compiled: &'a Compiled,
}

/// What changed between two versions.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub old: String,
    pub new: String,
    pub groups: Vec<Group>,
}

impl Report {
    /// Every change of every group.
    pub fn changes(&self) -> impl Iterator<Item = &Change> {
        self.groups.iter().flat_map(|g| g.changes.iter())
    }

    /// How many changes make things harder for some applicant.
    pub fn stricter(&self) -> usize {
        self.changes().filter(|c| c.stricter).count()
    }
}

/// What a group of changes is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Item,
    Thing,
    /// An entry of a region's 实施清单 (its name is `region · item`, its
    /// code the implementation code).
    CatalogEntry,
}

/// Whether the subject is new, gone, renamed or changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Added,
    Removed,
    /// Matched by its 基本编码 under another name.
    Renamed {
        from: String,
    },
    Changed,
    /// A thing whose own declaration is the same: its figures moved because
    /// its items changed.
    ItemsChanged,
}

/// The changes of one item or thing.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub kind: Kind,
    pub name: String,
    pub code: Option<String>,
    pub status: Status,
    /// Where the subject is written in the new version (the old one when removed).
    pub file: String,
    pub line: usize,
    pub changes: Vec<Change>,
}

/// One difference, in the applicant's terms.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub zh: String,
    pub en: String,
    /// It makes things harder for some applicant.
    pub stricter: bool,
}

impl Change {
    pub fn text(&self, lang: crate::diagnostics::Lang) -> &str {
        match lang {
            crate::diagnostics::Lang::Zh => &self.zh,
            crate::diagnostics::Lang::En => &self.en,
        }
    }
}

fn change(text: Tr, stricter: bool) -> Change {
    Change {
        zh: text.zh,
        en: text.en,
        stricter,
    }
}

/// Compares two versions.
pub fn compare(old: &Version<'_>, new: &Version<'_>) -> Report {
    let mut groups = items(old, new);
    groups.extend(things(old, new));
    groups.extend(catalogs::compare(old, new));
    Report {
        old: old.label.clone(),
        new: new.label.clone(),
        groups,
    }
}

fn place(version: &Version<'_>, file: crate::diagnostics::FileId, span: crate::diagnostics::Span) -> (String, usize) {
    match version.workspace.file(file) {
        Some(f) => (f.path.clone(), f.line_index.position(&f.text, span.start as usize).line),
        None => (String::new(), 0),
    }
}

/// An item's key: its 基本编码, else its name.
fn item_key(item: &Item) -> String {
    match &item.code {
        Some(code) => format!("code:{}", code.value.trim()),
        None => format!("name:{}", name_key(&item.name)),
    }
}

fn items(old: &Version<'_>, new: &Version<'_>) -> Vec<Group> {
    let (old_ir, new_ir) = (&old.compiled.ir, &new.compiled.ir);
    let mut out = Vec::new();
    let mut matched_old = vec![false; old_ir.items.len()];
    for (new_index, item) in new_ir.items.values().enumerate() {
        let key = item_key(item);
        let free = |i: &usize| !matched_old.get(*i).copied().unwrap_or(true);
        let find = |same: &dyn Fn(&Item) -> bool| {
            old_ir
                .items
                .values()
                .enumerate()
                .find(|(i, o)| free(i) && same(o))
                .map(|(i, _)| i)
        };
        // Two items may share a code (an item and its variant): the same
        // name first, then the same code; an item whose code changed is
        // still the same item by name.
        let old_index = find(&|o| item_key(o) == key && name_key(&o.name) == name_key(&item.name))
            .or_else(|| find(&|o| item_key(o) == key))
            .or_else(|| find(&|o| name_key(&o.name) == name_key(&item.name)));
        let (file, line) = place(new, item.file, item.at);
        let code = item.code.as_ref().map(|c| c.value.clone());
        let Some(old_index) = old_index else {
            out.push(Group {
                kind: Kind::Item,
                name: item.name.clone(),
                code,
                status: Status::Added,
                file,
                line,
                changes: Vec::new(),
            });
            continue;
        };
        if let Some(slot) = matched_old.get_mut(old_index) {
            *slot = true;
        }
        let Some((_, before)) = old_ir.items.get_index(old_index) else {
            continue;
        };
        let changes = item_changes(old, old_index, before, new, new_index, item);
        let status = if name_key(&before.name) == name_key(&item.name) {
            Status::Changed
        } else {
            Status::Renamed {
                from: before.name.clone(),
            }
        };
        if !changes.is_empty() || status != Status::Changed {
            out.push(Group {
                kind: Kind::Item,
                name: item.name.clone(),
                code,
                status,
                file,
                line,
                changes,
            });
        }
    }
    for (index, item) in old_ir.items.values().enumerate() {
        if !matched_old.get(index).copied().unwrap_or(true) {
            let (file, line) = place(old, item.file, item.at);
            out.push(Group {
                kind: Kind::Item,
                name: item.name.clone(),
                code: item.code.as_ref().map(|c| c.value.clone()),
                status: Status::Removed,
                file,
                line,
                changes: Vec::new(),
            });
        }
    }
    out
}

/// A figure in working days in words (0 is `当场`).
fn days_tr(days: f64) -> Tr {
    duration_tr(Some(crate::ast::duration::of_working_days(days)))
}

/// A limit in words, or that it is not stated.
fn duration_tr(d: Option<Duration>) -> Tr {
    d.map_or_else(
        || Tr::new("未写", "not stated"),
        |d| crate::ast::duration::tr(d, crate::ast::duration::Style::Prose),
    )
}

/// `承诺时限 10 → 7 个工作日`: both sides in words, a unit they share said once.
fn from_to(what: Tr, before: Tr, after: Tr) -> Tr {
    let side = |before: &str, after: &str, units: &[&str]| -> String {
        let shared = units.iter().find(|u| {
            let number = |t: &str| t.strip_suffix(*u).is_some_and(|n| n.trim().parse::<f64>().is_ok());
            number(before) && number(after)
        });
        match shared {
            Some(unit) => format!("{} → {after}", before.strip_suffix(unit).unwrap_or(before).trim_end()),
            None => format!("{before} → {after}"),
        }
    };
    let gap = if what.zh.ends_with('：') { "" } else { " " };
    Tr::new(
        format!(
            "{}{gap}{}",
            what.zh,
            side(&before.zh, &after.zh, &[" 个工作日", " 个自然日", " 份"])
        ),
        format!(
            "{} {}",
            what.en,
            side(
                &before.en,
                &after.en,
                &[" working days", " calendar days", " working day", " calendar day"]
            )
        ),
    )
}

/// A duration's length in working days for comparing two versions (a limit
/// in calendar days counts the working days it holds at least).
fn length(d: Option<Duration>) -> Option<f64> {
    d.map(time::working_days)
}

fn limit_change(what: Tr, before: Option<Duration>, after: Option<Duration>, out: &mut Vec<Change>) {
    if before == after {
        return;
    }
    let stricter = match (length(before), length(after)) {
        (Some(b), Some(a)) => a > b || (a == b && after.map(|d| d.unit) == Some(DurationUnit::CalendarDays)),
        // A limit that is no longer stated promises nothing.
        (Some(_), None) => true,
        _ => false,
    };
    out.push(change(from_to(what, duration_tr(before), duration_tr(after)), stricter));
}

fn fee_tr(fee: Option<&Fee>) -> Tr {
    match fee {
        None => Tr::new("未写", "not stated"),
        Some(Fee::Free) => Tr::new("不收费", "free"),
        Some(Fee::Charged(text)) => Tr::new(format!("收费（{text}）"), format!("charged ({text})")),
    }
}

/// A value word of the language in both languages.
fn word<T: Copy>(value: T, zh: fn(T) -> &'static str, en: fn(T) -> &'static str) -> Tr {
    Tr::new(zh(value), en(value))
}

fn necessity_tr(n: Necessity) -> Tr {
    word(n, Necessity::zh, Necessity::en)
}

fn necessity_rank(n: Necessity) -> u8 {
    match n {
        Necessity::Optional => 0,
        Necessity::Deferrable => 1,
        Necessity::Required => 2,
    }
}

fn source_tr(s: Option<Source>) -> Tr {
    s.map_or_else(|| Tr::new("未写", "not stated"), |s| word(s, Source::zh, Source::en))
}

fn copy_tr(c: CopyKind) -> Tr {
    word(c, CopyKind::zh, CopyKind::en)
}

fn forms_tr(forms: &[Form]) -> Tr {
    let zh: Vec<&str> = forms.iter().map(|f| f.zh()).collect();
    let en: Vec<&str> = forms.iter().map(|f| f.en()).collect();
    Tr::new(zh.join("、"), en.join(", "))
}

/// A condition as the rules write it, or every situation when there is none.
fn situations_tr(condition: &Option<String>) -> Tr {
    condition
        .as_ref()
        .map_or_else(|| Tr::new("所有情形", "every situation"), |t| Tr::same(t.as_str()))
}

/// `在“经营面积 > 500”时` or nothing.
fn when_prefix(material: &ItemMaterial, item: &Item) -> (String, String) {
    match &material.when {
        Some(cond) => {
            let text = cond.text(&item.situations);
            (format!("在“{text}”时"), format!(" when {text}"))
        }
        None => (String::new(), String::new()),
    }
}

fn material_changes(before: &Item, after: &Item, out: &mut Vec<Change>) {
    for (key, m) in &after.materials {
        let Some(old) = before.materials.get(key) else {
            let (zh_when, en_when) = when_prefix(m, after);
            let brought = bundles::brought(m);
            let (zh, en) = if brought {
                (
                    format!("{zh_when}新增材料：{}", m.name),
                    format!("new material{en_when}: {}", m.name),
                )
            } else if m.source == Some(Source::Shared) {
                (
                    format!("{zh_when}新增材料：{}（共享获取，申请人不用带）", m.name),
                    format!("new material{en_when}: {} (by data sharing, not brought)", m.name),
                )
            } else {
                (
                    format!("{zh_when}新增非必要材料：{}", m.name),
                    format!("new optional material{en_when}: {}", m.name),
                )
            };
            out.push(change(Tr::new(zh, en), brought));
            continue;
        };
        let name = &m.name;
        let what = |zh: &str, en: &str| Tr::new(format!("材料“{name}”的{zh}："), format!("{en} of material `{name}`:"));
        if old.necessity != m.necessity {
            out.push(change(
                from_to(
                    what("必要性", "necessity"),
                    necessity_tr(old.necessity),
                    necessity_tr(m.necessity),
                ),
                necessity_rank(m.necessity) > necessity_rank(old.necessity),
            ));
        }
        if old.source != m.source {
            let now_brought = old.source == Some(Source::Shared) && m.source != Some(Source::Shared);
            out.push(change(
                from_to(what("来源", "source"), source_tr(old.source), source_tr(m.source)),
                now_brought,
            ));
        }
        if old.copy != m.copy {
            out.push(change(
                from_to(what("类型", "type"), copy_tr(old.copy), copy_tr(m.copy)),
                m.copy.burden() > old.copy.burden() && bundles::handed_over(m),
            ));
        }
        if old.copies != m.copies {
            let n = |c: u32| Tr::new(format!("{c} 份"), format!("{c}"));
            out.push(change(
                from_to(what("份数", "copies"), n(old.copies), n(m.copies)),
                m.copies > old.copies && bundles::brought(m),
            ));
        }
        if old.form != m.form {
            let lost_electronic = old.form.contains(&Form::Electronic) && !m.form.contains(&Form::Electronic);
            out.push(change(
                from_to(what("形式", "form"), forms_tr(&old.form), forms_tr(&m.form)),
                lost_electronic && bundles::brought(m),
            ));
        }
        let old_when = old.when.as_ref().map(|c| c.text(&before.situations));
        let new_when = m.when.as_deref().map(|c| c.text(&after.situations));
        if old_when != new_when {
            let show = situations_tr;
            // Asked for in more situations, or possibly so: a reviewer decides.
            let wider = m.when.is_none() || old.when.is_some();
            out.push(change(
                from_to(what("适用情形", "situations"), show(&old_when), show(&new_when)),
                wider && bundles::brought(m),
            ));
        }
        let deadline = |x: &ItemMaterial| x.supply_deadline().map(|d| d.value);
        if m.necessity == Necessity::Deferrable && old.necessity == Necessity::Deferrable {
            let (b, a) = (deadline(old), deadline(m));
            if b != a {
                // A shorter time to hand the material in later is stricter.
                let stricter = matches!((length(b), length(a)), (Some(b), Some(a)) if a < b);
                out.push(change(
                    from_to(what("补交时限", "supply deadline"), duration_tr(b), duration_tr(a)),
                    stricter,
                ));
            }
        }
    }
    for (key, m) in &before.materials {
        if !after.materials.contains_key(key) {
            out.push(change(
                Tr::new(
                    format!("不再需要材料：{}", m.name),
                    format!("material no longer asked for: {}", m.name),
                ),
                false,
            ));
        }
    }
}

fn step_changes(before: &Item, after: &Item, out: &mut Vec<Change>) {
    let duration = |s: &Step| s.duration.map(|d| d.value);
    for (key, step) in &after.steps {
        match before.steps.get(key) {
            None => out.push(change(
                Tr::new(
                    format!("新增环节：{}（{}）", step.name, duration_tr(duration(step)).zh),
                    format!("new step: {} ({})", step.name, duration_tr(duration(step)).en),
                ),
                false,
            )),
            Some(old) => {
                let what = Tr::new(
                    format!("环节“{}”的时限", step.name),
                    format!("time of step `{}`", step.name),
                );
                limit_change(what, duration(old), duration(step), out);
                let (b, a) = (
                    old.when.as_ref().map(|c| c.text(&before.situations)),
                    step.when.as_deref().map(|c| c.text(&after.situations)),
                );
                if b != a {
                    let show = situations_tr;
                    out.push(change(
                        from_to(
                            Tr::new(
                                format!("环节“{}”的适用情形", step.name),
                                format!("situations of step `{}`", step.name),
                            ),
                            show(&b),
                            show(&a),
                        ),
                        false,
                    ));
                }
            }
        }
    }
    for (key, step) in &before.steps {
        if !after.steps.contains_key(key) {
            out.push(change(
                Tr::new(
                    format!("删去环节：{}", step.name),
                    format!("step removed: {}", step.name),
                ),
                false,
            ));
        }
    }
}

fn item_changes(
    old: &Version<'_>,
    old_index: usize,
    before: &Item,
    new: &Version<'_>,
    new_index: usize,
    after: &Item,
) -> Vec<Change> {
    let mut out = Vec::new();
    let (b_code, a_code) = (
        before.code.as_ref().map(|c| c.value.trim().to_string()),
        after.code.as_ref().map(|c| c.value.trim().to_string()),
    );
    if b_code != a_code {
        let show = |c: &Option<String>| c.clone().map_or_else(|| Tr::new("未写", "not stated"), Tr::same);
        out.push(change(
            from_to(Tr::new("基本编码", "code"), show(&b_code), show(&a_code)),
            false,
        ));
    }
    material_changes(before, after, &mut out);
    step_changes(before, after, &mut out);
    limit_change(
        Tr::new("承诺时限", "promised limit"),
        before.promised_limit.map(|d| d.value),
        after.promised_limit.map(|d| d.value),
        &mut out,
    );
    limit_change(
        Tr::new("法定时限", "legal limit"),
        before.legal_limit.map(|d| d.value),
        after.legal_limit.map(|d| d.value),
        &mut out,
    );
    for (what, b, a) in [
        (Tr::new("收费", "fee"), before.fee.as_ref(), after.fee.as_ref()),
        (
            Tr::new("寄递费用", "courier fee"),
            before.courier_fee.as_ref(),
            after.courier_fee.as_ref(),
        ),
    ] {
        if b != a {
            let stricter = matches!(a, Some(Fee::Charged(_))) && !matches!(b, Some(Fee::Charged(_)));
            out.push(change(from_to(what, fee_tr(b), fee_tr(a)), stricter));
        }
    }
    if before.apply_by_post != after.apply_by_post {
        let yes = |b: bool| {
            if b {
                Tr::new("可以", "allowed")
            } else {
                Tr::new("不可以", "not allowed")
            }
        };
        out.push(change(
            from_to(
                Tr::new("邮寄申请", "applying by post"),
                yes(before.apply_by_post),
                yes(after.apply_by_post),
            ),
            before.apply_by_post && !after.apply_by_post,
        ));
    }
    let texts = |v: &[crate::ast::Spanned<String>]| -> Vec<String> { v.iter().map(|t| t.value.clone()).collect() };
    let (b, a) = (texts(&before.conditions), texts(&after.conditions));
    for added in a.iter().filter(|t| !b.contains(t)) {
        out.push(change(
            Tr::new(
                format!("新增受理条件：{added}"),
                format!("new acceptance condition: {added}"),
            ),
            true,
        ));
    }
    for removed in b.iter().filter(|t| !a.contains(t)) {
        out.push(change(
            Tr::new(
                format!("删去受理条件：{removed}"),
                format!("acceptance condition removed: {removed}"),
            ),
            false,
        ));
    }
    figure_changes(old, old_index, before, new, new_index, after, &mut out);
    out
}

/// The figures the analyses compute: visits with their reasons, online
/// depth, the longest critical path, the city-wide durations.
fn figure_changes(
    old: &Version<'_>,
    old_index: usize,
    before: &Item,
    new: &Version<'_>,
    new_index: usize,
    after: &Item,
    out: &mut Vec<Change>,
) {
    let (o, n) = (old.compiled, new.compiled);
    let (old_id, new_id) = (
        crate::ir::ItemId::from_index(old_index),
        crate::ir::ItemId::from_index(new_index),
    );
    if let (Some(b), Some(a)) = (o.analyses.worst(&o.ir, old_id), n.analyses.worst(&n.ir, new_id)) {
        if b.visits != a.visits {
            // The reasons that came or went explain the change.
            let (gone, came): (Vec<_>, Vec<_>) = (
                b.reasons.iter().filter(|r| !a.reasons.contains(r)).collect(),
                a.reasons.iter().filter(|r| !b.reasons.contains(r)).collect(),
            );
            let why = |list: &[&crate::analysis::visits::Reason], zh: &str, en: &str| -> Option<Tr> {
                (!list.is_empty()).then(|| {
                    let parts: Vec<Tr> = list.iter().map(|r| r.tr()).collect();
                    Tr::new(
                        format!(
                            "{zh}{}",
                            parts.iter().map(|p| p.zh.as_str()).collect::<Vec<_>>().join("；")
                        ),
                        format!(
                            "{en}{}",
                            parts.iter().map(|p| p.en.as_str()).collect::<Vec<_>>().join("; ")
                        ),
                    )
                })
            };
            let reasons: Vec<Tr> = [why(&gone, "不再：", "no longer: "), why(&came, "新增：", "now: ")]
                .into_iter()
                .flatten()
                .collect();
            let mut text = from_to(
                Tr::new("到现场次数", "visits"),
                Tr::same(b.visits.to_string()),
                Tr::same(a.visits.to_string()),
            );
            if !reasons.is_empty() {
                text = Tr::new(
                    format!(
                        "{}（{}）",
                        text.zh,
                        reasons.iter().map(|r| r.zh.as_str()).collect::<Vec<_>>().join("；")
                    ),
                    format!(
                        "{} ({})",
                        text.en,
                        reasons.iter().map(|r| r.en.as_str()).collect::<Vec<_>>().join("; ")
                    ),
                );
            }
            out.push(change(text, a.visits > b.visits));
        }
        if b.online_depth != a.online_depth {
            out.push(change(
                from_to(
                    Tr::new("网办深度", "online depth"),
                    Tr::same(b.online_depth.to_string()),
                    Tr::same(a.online_depth.to_string()),
                ),
                a.online_depth < b.online_depth,
            ));
        }
    }
    let b_days = o.analyses.longest_days(&o.ir, &o.graphs, old_id);
    let a_days = n.analyses.longest_days(&n.ir, &n.graphs, new_id);
    if let (Some(b), Some(a)) = (b_days, a_days) {
        if b != a {
            out.push(change(
                from_to(Tr::new("关键路径", "critical path"), days_tr(b), days_tr(a)),
                a > b,
            ));
        }
        city_wide_changes(&o.ir, before, b, &n.ir, after, a, out);
    }
}

fn city_wide_changes(
    old_ir: &Ir,
    before: &Item,
    b_days: f64,
    new_ir: &Ir,
    after: &Item,
    a_days: f64,
    out: &mut Vec<Change>,
) {
    let b_levels: Vec<_> = before.city_wide.iter().map(|l| l.value).collect();
    let a_levels: Vec<_> = after.city_wide.iter().map(|l| l.value).collect();
    for level in b_levels.iter().filter(|l| !a_levels.contains(l)) {
        out.push(change(
            Tr::new(
                format!("{}的便民服务中心不再受理", level.zh()),
                format!("no longer accepted at {} centres", level.en()),
            ),
            true,
        ));
    }
    for level in a_levels.iter().filter(|l| !b_levels.contains(l)) {
        out.push(change(
            Tr::new(
                format!("{}的便民服务中心可以受理", level.zh()),
                format!("now accepted at {} centres", level.en()),
            ),
            false,
        ));
    }
    let (b_chain, a_chain) = (city_wide::Chain::new(old_ir), city_wide::Chain::new(new_ir));
    let b_routes = city_wide::routes(old_ir, &b_chain, before, b_days);
    let a_routes = city_wide::routes(new_ir, &a_chain, after, a_days);
    for a in a_routes.iter().flatten() {
        let level = a.accepted_at.value;
        let Some(b) = b_routes.iter().flatten().find(|r| r.accepted_at.value == level) else {
            continue;
        };
        let (bt, at) = (b.total(), a.total());
        if bt != at {
            // Longer in working days, or as long with more calendar days.
            let stricter = at.0 > bt.0 || (at.0 == bt.0 && at.1 > bt.1);
            out.push(change(
                from_to(
                    Tr::new(
                        format!("在{}受理时的办理时间", level.zh()),
                        format!("time when accepted at {}", level.en()),
                    ),
                    b.total_text(),
                    a.total_text(),
                ),
                stricter,
            ));
        }
    }
}

fn thing_members(ir: &Ir, thing: &Thing) -> Vec<String> {
    thing
        .distinct_members()
        .filter_map(|m| ir.items.get_index(m.item.index()).map(|(_, i)| i.name.clone()))
        .collect()
}

fn things(old: &Version<'_>, new: &Version<'_>) -> Vec<Group> {
    let (o, n) = (old.compiled, new.compiled);
    let mut out = Vec::new();
    for (new_index, (key, thing)) in n.ir.things.iter().enumerate() {
        let (file, line) = place(new, thing.file, thing.at);
        let Some((old_index, _, before)) = o.ir.things.get_full(key) else {
            out.push(Group {
                kind: Kind::Thing,
                name: thing.name.clone(),
                code: None,
                status: Status::Added,
                file,
                line,
                changes: Vec::new(),
            });
            continue;
        };
        let mut changes = Vec::new();
        let (b_members, a_members) = (thing_members(&o.ir, before), thing_members(&n.ir, thing));
        for added in a_members.iter().filter(|m| !b_members.contains(m)) {
            changes.push(change(
                Tr::new(format!("并入事项：{added}"), format!("item joins: {added}")),
                false,
            ));
        }
        for removed in b_members.iter().filter(|m| !a_members.contains(m)) {
            changes.push(change(
                Tr::new(format!("移出事项：{removed}"), format!("item leaves: {removed}")),
                false,
            ));
        }
        let b = o
            .analyses
            .bundle(&o.ir, &o.graphs, crate::ir::ThingId::from_index(old_index));
        let a = n
            .analyses
            .bundle(&n.ir, &n.graphs, crate::ir::ThingId::from_index(new_index));
        let count = |what: Tr, x: usize, y: usize, out: &mut Vec<Change>| {
            if x != y {
                out.push(change(
                    from_to(what, Tr::same(x.to_string()), Tr::same(y.to_string())),
                    y > x,
                ));
            }
        };
        count(
            Tr::new("一套材料的份数", "materials of the one set"),
            b.materials_bundle,
            a.materials_bundle,
            &mut changes,
        );
        count(
            Tr::new("合并办理的环节数", "steps when bundled"),
            b.steps_bundle,
            a.steps_bundle,
            &mut changes,
        );
        if b.visits_bundle != a.visits_bundle {
            changes.push(change(
                from_to(
                    Tr::new("到现场次数", "visits"),
                    Tr::same(b.visits_bundle.to_string()),
                    Tr::same(a.visits_bundle.to_string()),
                ),
                a.visits_bundle > b.visits_bundle,
            ));
        }
        if b.days_bundle != a.days_bundle {
            changes.push(change(
                from_to(
                    Tr::new("合并办理的时间", "time when bundled"),
                    days_tr(b.days_bundle),
                    days_tr(a.days_bundle),
                ),
                a.days_bundle > b.days_bundle,
            ));
        }
        limit_change(
            Tr::new("承诺时限", "promised limit"),
            before.promised_limit.map(|d| d.value),
            thing.promised_limit.map(|d| d.value),
            &mut changes,
        );
        // Nothing of the thing's own declaration changed: its items did.
        let own =
            b_members != a_members || before.promised_limit.map(|d| d.value) != thing.promised_limit.map(|d| d.value);
        if !changes.is_empty() {
            out.push(Group {
                kind: Kind::Thing,
                name: thing.name.clone(),
                code: None,
                status: if own { Status::Changed } else { Status::ItemsChanged },
                file,
                line,
                changes,
            });
        }
    }
    for (key, thing) in &o.ir.things {
        if !n.ir.things.contains_key(key) {
            let (file, line) = place(old, thing.file, thing.at);
            out.push(Group {
                kind: Kind::Thing,
                name: thing.name.clone(),
                code: None,
                status: Status::Removed,
                file,
                line,
                changes: Vec::new(),
            });
        }
    }
    out
}
