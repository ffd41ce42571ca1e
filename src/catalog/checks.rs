//! The checks of a catalog against the rules (E1406–E1419), entry by entry.
//!
//! Everything an entry is compared with is computed once per item, in
//! [`Standard`] or in the workspace's analyses (the materials the applicant
//! must bring, the worst-case visits, the handling levels), so checking is linear in the number of
//! entries: hash lookups, no pairwise scans. Implementation codes are
//! collected and compared across all files by the caller.

use super::model::At as Y;
use super::model::{CatalogDoc, Entry};
use super::span_of;
use crate::analysis::Analyses;
use crate::analysis::calendar::{Verdict, compare};
use crate::analysis::city_wide::{Chain, handling_levels, route};
use crate::ast::{CopyKind, Delivery, Duration, DurationUnit, Form, Level, Necessity, Source};
use crate::checks::time_limits::{Limit, depends_on_holidays, with_conversion};
use crate::diagnostics::{Code, Diagnostic, FileId, Span, Tr};
use crate::ir::{Fee, Ir, Item, name_key};
use crate::keywords;
use crate::source::SourceFile;
use crate::suggest;
use std::collections::HashMap;

/// Facts about the rules that every entry is checked against.
pub struct Standard<'a> {
    ir: &'a Ir,
    /// Items by basic code.
    by_code: HashMap<&'a str, Vec<usize>>,
    chain: Chain<'a>,
    /// The analyses of the rules (per item the visits of its worst situation).
    analyses: &'a Analyses,
    /// Per item: the rule text of each material's condition (`当 …`).
    conditions: Vec<Vec<Option<String>>>,
    /// Whether local promises may only shrink the rules' promise.
    promises_only_shrink: bool,
}

impl<'a> Standard<'a> {
    pub fn new(
        ir: &'a Ir,
        analyses: &'a Analyses,
        rule_files: &[SourceFile],
        promises_only_shrink: bool,
    ) -> Standard<'a> {
        let mut by_code: HashMap<&str, Vec<usize>> = HashMap::new();
        for (index, item) in ir.items.values().enumerate() {
            if let Some(code) = &item.code {
                by_code.entry(code.value.as_str()).or_default().push(index);
            }
        }
        let conditions = ir
            .items
            .values()
            .map(|item| {
                let text = rule_files.get(item.file.0 as usize).map_or("", |f| f.text.as_str());
                item.materials
                    .values()
                    .map(|m| {
                        m.when_at
                            .and_then(|at| text.get(at.start as usize..at.end as usize))
                            .map(str::to_string)
                    })
                    .collect()
            })
            .collect();
        Standard {
            ir,
            by_code,
            chain: Chain::new(ir),
            analyses,
            conditions,
            promises_only_shrink,
        }
    }
}

/// A level word of the language (`县` or `county`).
fn level_of(word: &str) -> Option<Level> {
    Level::ALL.iter().copied().find(|l| l.zh() == word || l.en() == word)
}

fn level_words() -> Tr {
    Tr::new(
        Level::ALL.iter().map(|l| l.zh()).collect::<Vec<_>>().join("、"),
        Level::ALL.iter().map(|l| l.en()).collect::<Vec<_>>().join(", "),
    )
}

/// A duration as a catalog writes it: `5 工作日`, `5个工作日`, `20 自然日`,
/// `当场`, or the English forms.
pub fn parse_duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    if matches!(text, "当场" | "当场办结" | "即办" | "on-the-spot") {
        return Some(Duration::ON_THE_SPOT);
    }
    let digits: String = text.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    let amount: f64 = digits.parse().ok()?;
    let rest = text
        .get(digits.len()..)?
        .trim()
        .trim_start_matches('个')
        .trim_end_matches('内');
    let unit = match rest {
        "工作日" | "working-days" | "working days" => DurationUnit::WorkingDays,
        "自然日" | "日" | "天" | "days" => DurationUnit::CalendarDays,
        _ => return None,
    };
    Some(Duration { amount, unit })
}

struct Cx<'s, 'a> {
    std: &'s Standard<'a>,
    file_id: FileId,
    file: &'s SourceFile,
    out: &'s mut Vec<Diagnostic>,
}

impl Cx<'_, '_> {
    fn span<T>(&self, value: &Y<T>) -> Span {
        span_of(value, self.file)
    }

    fn at<T>(&self, code: Code, value: &Y<T>) -> Diagnostic {
        Diagnostic::new(code, self.file_id, self.span(value))
    }

    fn invalid<T>(&mut self, value: &Y<T>, key: &str, expected: Tr, found: &str) {
        let d = self
            .at(Code::E1403, value)
            .arg(
                "detail",
                Tr::new(
                    format!("“{key}”应当是{}，这里是“{found}”", expected.zh),
                    format!("`{key}` expects {}, found `{found}`", expected.en),
                ),
            )
            .suggest(None);
        self.out.push(d);
    }

    fn level(&mut self, value: &Y<String>, key: &str) -> Option<Level> {
        let level = level_of(value.value.trim());
        if level.is_none() {
            let words = level_words();
            self.invalid(
                value,
                key,
                Tr::new(format!("以下之一：{}", words.zh), format!("one of: {}", words.en)),
                &value.value,
            );
        }
        level
    }
}

/// Checks the documents of one catalog file; returns its implementation
/// codes with their spans, for the uniqueness check across files.
pub fn check_file(
    std: &Standard<'_>,
    file_id: FileId,
    file: &SourceFile,
    docs: &[CatalogDoc],
    out: &mut Vec<Diagnostic>,
) -> Vec<(String, Span)> {
    let mut cx = Cx {
        std,
        file_id,
        file,
        out,
    };
    let mut codes = Vec::new();
    for doc in docs {
        check_doc(&mut cx, doc, &mut codes);
    }
    codes
}

fn check_doc(cx: &mut Cx<'_, '_>, doc: &CatalogDoc, codes: &mut Vec<(String, Span)>) {
    let ir = cx.std.ir;
    let region_code = doc.region.code.value.trim();
    let region_ok = region_code.len() == 6 && region_code.chars().all(|c| c.is_ascii_digit());
    if !region_ok {
        cx.invalid(
            &doc.region.code,
            "code",
            Tr::new("由 6 位数字组成的行政区划代码", "a 6-digit region code"),
            region_code,
        );
    }
    let region_level = cx.level(&doc.region.level, "level");
    // The implementing bodies of this document, by name.
    let mut bodies: HashMap<String, (Option<Level>, Option<usize>)> = HashMap::new();
    for body in &doc.bodies {
        let level = match &body.level {
            Some(level) => cx.level(level, "level"),
            None => region_level,
        };
        let department = ir.departments.get_index_of(&name_key(&body.department.value));
        if department.is_none() {
            let d = cx
                .at(Code::E1415, &body.department)
                .arg(
                    "detail",
                    Tr::new(
                        format!("规则中没有部门“{}”", body.department.value),
                        format!("the rules have no department `{}`", body.department.value),
                    ),
                )
                .suggest(
                    suggest::closest(&body.department.value, ir.departments.values().map(|d| d.name.as_str()))
                        .map(str::to_string),
                );
            cx.out.push(d);
        }
        bodies.insert(name_key(&body.name.value), (level, department));
    }
    if doc.entries.value.is_empty() {
        let d = cx.at(Code::E1405, &doc.entries).arg("path", cx.file.path.as_str());
        cx.out.push(d);
    }
    for entry in &doc.entries.value {
        let code = entry.implementation_code.value.trim().to_string();
        codes.push((code, cx.span(&entry.implementation_code)));
        check_entry(cx, entry, region_ok.then_some(region_code), region_level, &bodies);
    }
}

/// The item an entry implements: by basic code, else by name (reported).
fn resolve(cx: &mut Cx<'_, '_>, entry: &Entry) -> Option<usize> {
    let ir = cx.std.ir;
    let name = name_key(&entry.name.value);
    let by_code = cx.std.by_code.get(entry.basic_code.value.trim());
    if let Some(candidates) = by_code {
        let named = candidates
            .iter()
            .find(|i| ir.items.get_index(**i).is_some_and(|(key, _)| *key == name));
        return named.or(candidates.first()).copied();
    }
    let by_name = ir.items.get_index_of(&name);
    if by_name.is_none() {
        let d = cx
            .at(Code::E1406, &entry.basic_code)
            .arg("code", entry.basic_code.value.as_str())
            .arg("name", entry.name.value.as_str())
            .suggest(
                suggest::closest(&entry.name.value, ir.items.values().map(|i| i.name.as_str())).map(str::to_string),
            );
        cx.out.push(d);
    }
    by_name
}

fn mismatch<T>(cx: &mut Cx<'_, '_>, value: &Y<T>, field: Tr, local: &str, standard: &str, item: &Item) {
    let d = cx
        .at(Code::E1407, value)
        .arg("field", field)
        .arg("local", local)
        .arg("standard", standard)
        .arg("item", item.name.as_str())
        .with_label("standard", item.file, item.at, Vec::new());
    cx.out.push(d);
}

fn check_entry(
    cx: &mut Cx<'_, '_>,
    entry: &Entry,
    region_code: Option<&str>,
    region_level: Option<Level>,
    bodies: &HashMap<String, (Option<Level>, Option<usize>)>,
) {
    let ir = cx.std.ir;
    let resolved = resolve(cx, entry);
    let item = resolved.and_then(|i| ir.items.get_index(i)).map(|(_, item)| item);

    // The implementation code: region code + basic code + up to 4 digits
    // (not judged against a region code that is itself wrong: E1403).
    if let Some(region_code) = region_code {
        check_implementation_code(cx, entry, region_code);
    }

    let Some((index, item)) = resolved.zip(item) else {
        return;
    };

    // 四级四同: name, basic code, type and legal basis equal the standard's.
    if name_key(&entry.name.value) != name_key(&item.name) {
        mismatch(
            cx,
            &entry.name,
            Tr::new("事项名称", "item name"),
            &entry.name.value,
            &item.name,
            item,
        );
    }
    if let Some(code) = &item.code
        && entry.basic_code.value.trim() != code.value
    {
        mismatch(
            cx,
            &entry.basic_code,
            Tr::new("基本编码", "basic code"),
            &entry.basic_code.value,
            &code.value,
            item,
        );
    }
    if let (Some(local), Some(standard)) = (&entry.item_type, &item.item_type)
        && local.value.trim() != standard.value.zh()
        && local.value.trim() != standard.value.en()
    {
        mismatch(
            cx,
            local,
            Tr::new("事项类型", "item type"),
            &local.value,
            standard.value.zh(),
            item,
        );
    }
    if let Some(local) = &entry.legal_basis {
        let mut a: Vec<&str> = local.value.iter().map(|s| s.trim()).collect();
        let mut b: Vec<&str> = item.legal_basis.iter().map(|s| s.trim()).collect();
        a.sort_unstable();
        b.sort_unstable();
        if a != b {
            mismatch(
                cx,
                local,
                Tr::new("设定依据", "legal basis"),
                &local.value.join("；"),
                &item.legal_basis.join("；"),
                item,
            );
        }
    }

    check_promise(cx, entry, item);
    let level = check_body(cx, entry, item, region_level, bodies);
    check_zone(cx, entry);
    check_city_wide(cx, entry, item, level);
    check_visits(cx, entry, item, index);
    check_fee(cx, entry, item);
    check_materials(cx, entry, item, index);
    check_intermediaries(cx, entry, item);
}

/// E1421: a 中介服务 the standard does not list, a longer time limit, or a
/// fee where the standard charges none.
fn check_intermediaries(cx: &mut Cx<'_, '_>, entry: &Entry, item: &Item) {
    for local in &entry.intermediary_services {
        let key = name_key(&local.name.value);
        let Some(standard) = item.intermediaries.iter().find(|i| name_key(&i.name) == key) else {
            let d = cx
                .at(Code::E1421, &local.name)
                .arg(
                    "detail",
                    Tr::new(
                        format!("规则中的“{}”没有中介服务“{}”", item.name, local.name.value),
                        format!(
                            "item `{}` in the rules has no intermediary service `{}`",
                            item.name, local.name.value
                        ),
                    ),
                )
                .with_label("standard", item.file, item.at, Vec::new())
                .suggest(
                    suggest::closest(&local.name.value, item.intermediaries.iter().map(|i| i.name.as_str()))
                        .map(str::to_string),
                );
            cx.out.push(d);
            continue;
        };
        if let Some(limit) = &local.limit {
            match parse_duration(&limit.value) {
                None => cx.invalid(
                    limit,
                    "limit",
                    Tr::new("时限，例如“10 工作日”", "a duration such as `10 工作日`"),
                    &limit.value,
                ),
                Some(duration) => {
                    let compared = standard.duration.map(|rule| (rule, compare(duration, rule.value)));
                    if let Some((rule, compared)) = &compared
                        && compared.verdict == Verdict::DependsOnHolidays
                    {
                        let d = depends_on_holidays(
                            Limit {
                                file: item.file,
                                span: rule.span,
                                kind: Tr::new("规则中的中介服务时限", "intermediary service's time in the rules"),
                                value: rule.value,
                            },
                            (cx.file_id, cx.span(limit)),
                            Tr::new(
                                format!("中介服务“{}”的时限 {}", standard.name, duration.zh()),
                                format!("intermediary service `{}`, {}", standard.name, duration.en()),
                            ),
                            compared,
                        );
                        cx.out.push(d);
                    }
                    if let Some((rule, compared)) = compared
                        && compared.verdict == Verdict::Exceeds
                    {
                        let d = cx
                            .at(Code::E1421, limit)
                            .arg(
                                "detail",
                                Tr::new(
                                    format!(
                                        "中介服务“{}”的时限 {} 长于规则的 {}",
                                        standard.name,
                                        duration.zh(),
                                        rule.value.zh()
                                    ),
                                    format!(
                                        "intermediary service `{}` takes {} where the rules allow {}",
                                        standard.name,
                                        duration.en(),
                                        rule.value.en()
                                    ),
                                ),
                            )
                            .with_label("standard", item.file, rule.span, Vec::new());
                        cx.out.push(with_conversion(d, &compared));
                    }
                }
            }
        }
        if let Some(charged) = &local.charged
            && charged.value
            && matches!(standard.fee, Some(Fee::Free))
        {
            let d = cx
                .at(Code::E1421, charged)
                .arg(
                    "detail",
                    Tr::new(
                        format!("中介服务“{}”在规则中不收费，清单中写了收费", standard.name),
                        format!(
                            "intermediary service `{}` is free in the rules but charged in the catalog",
                            standard.name
                        ),
                    ),
                )
                .with_label("standard", item.file, standard.at, Vec::new());
            cx.out.push(d);
        }
    }
}

fn check_implementation_code(cx: &mut Cx<'_, '_>, entry: &Entry, region: &str) {
    let code = entry.implementation_code.value.trim();
    let basic = entry.basic_code.value.trim();
    let problem = if code.is_empty() || !code.chars().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase()) {
        Some(Tr::new(
            "只能由数字和大写字母组成",
            "may hold only digits and capital letters",
        ))
    } else if !code.starts_with(region) {
        Some(Tr::new(
            format!("应当以本地区的行政区划代码“{region}”开头"),
            format!("must start with the region code `{region}`"),
        ))
    } else {
        let rest = code.get(region.len()..).unwrap_or("");
        if !rest.starts_with(basic) {
            Some(Tr::new(
                format!("行政区划代码之后应当是基本编码“{basic}”"),
                format!("must continue with the basic code `{basic}` after the region code"),
            ))
        } else {
            let tail = rest.get(basic.len()..).unwrap_or("");
            (tail.len() > 4 || !tail.chars().all(|c| c.is_ascii_digit())).then(|| {
                Tr::new(
                    format!("基本编码之后的业务办理项编码“{tail}”应当是 0 到 4 位数字"),
                    format!("the business code `{tail}` after the basic code must be 0 to 4 digits"),
                )
            })
        }
    };
    if let Some(problem) = problem {
        let d = cx
            .at(Code::E1408, &entry.implementation_code)
            .arg("code", code)
            .arg("problem", problem);
        cx.out.push(d);
    }
}

fn check_promise(cx: &mut Cx<'_, '_>, entry: &Entry, item: &Item) {
    let Some(local) = &entry.promised_limit else { return };
    let Some(duration) = parse_duration(&local.value) else {
        cx.invalid(
            local,
            "promised_limit",
            Tr::new(
                "时限，例如“5 工作日”“20 自然日”“当场”",
                "a duration such as `5 工作日` or `当场`",
            ),
            &local.value,
        );
        return;
    };
    let limits = [
        item.legal_limit.map(|l| (l, Tr::new("法定时限", "legal limit"))),
        item.promised_limit
            .filter(|_| cx.std.promises_only_shrink)
            .map(|l| (l, Tr::new("承诺时限", "promised limit"))),
    ];
    for (limit, kind) in limits.into_iter().flatten() {
        // “0 工作日” is on the spot too.
        let compared = if limit.value.unit == DurationUnit::OnTheSpot && duration.amount <= 0.0 {
            compare(Duration::ON_THE_SPOT, limit.value)
        } else {
            compare(duration, limit.value)
        };
        if compared.verdict == Verdict::DependsOnHolidays {
            let d = depends_on_holidays(
                Limit {
                    file: item.file,
                    span: limit.span,
                    kind: kind.clone(),
                    value: limit.value,
                },
                (cx.file_id, cx.span(local)),
                Tr::new(
                    format!("实施清单的承诺时限 {}", duration.zh()),
                    format!("the catalog's promised limit {}", duration.en()),
                ),
                &compared,
            );
            cx.out.push(d);
            return;
        }
        if compared.verdict == Verdict::Exceeds {
            let d = cx
                .at(Code::E1410, local)
                .arg("local", duration.zh())
                .arg("kind", kind)
                .arg("limit", Tr::new(limit.value.zh(), limit.value.en()))
                .arg("item", item.name.as_str())
                .with_label("limit", item.file, limit.span, Vec::new());
            cx.out.push(with_conversion(d, &compared));
            return;
        }
    }
}

/// Checks the implementing body; returns the level the entry is implemented at.
fn check_body(
    cx: &mut Cx<'_, '_>,
    entry: &Entry,
    item: &Item,
    region_level: Option<Level>,
    bodies: &HashMap<String, (Option<Level>, Option<usize>)>,
) -> Option<Level> {
    let ir = cx.std.ir;
    let entry_level = match &entry.level {
        Some(level) => cx.level(level, "level"),
        None => None,
    };
    let Some((body_level, department)) = bodies.get(&name_key(&entry.implemented_by.value)) else {
        let d = cx
            .at(Code::E1415, &entry.implemented_by)
            .arg(
                "detail",
                Tr::new(
                    format!(
                        "实施主体“{}”没有列在本文件的 bodies（实施主体）中",
                        entry.implemented_by.value
                    ),
                    format!(
                        "`{}` is not listed under this file's bodies",
                        entry.implemented_by.value
                    ),
                ),
            )
            .suggest(
                suggest::closest(&entry.implemented_by.value, bodies.keys().map(String::as_str)).map(str::to_string),
            );
        cx.out.push(d);
        return entry_level.or(region_level);
    };
    if let (Some(department), Some(expected)) = (department, item.implemented_by)
        && *department != expected.index()
    {
        let name = |i: usize| ir.departments.get_index(i).map_or("", |(_, d)| d.name.as_str());
        let d = cx
            .at(Code::E1415, &entry.implemented_by)
            .arg(
                "detail",
                Tr::new(
                    format!(
                        "实施主体“{}”对应部门“{}”，但规则中“{}”的实施部门是“{}”",
                        entry.implemented_by.value,
                        name(*department),
                        item.name,
                        name(expected.index())
                    ),
                    format!(
                        "`{}` stands for department `{}`, but `{}` is implemented by `{}`",
                        entry.implemented_by.value,
                        name(*department),
                        item.name,
                        name(expected.index())
                    ),
                ),
            )
            .suggest(None);
        cx.out.push(d);
    }
    let level = entry_level.or(*body_level).or(region_level);
    let handling = handling_levels(ir, item);
    if let Some(level) = level
        && !handling.is_empty()
        && !handling.contains(&level)
    {
        let words: Vec<&str> = handling.iter().map(|l| l.zh()).collect();
        let words_en: Vec<&str> = handling.iter().map(|l| l.en()).collect();
        let d = cx
            .at(Code::E1415, &entry.implemented_by)
            .arg(
                "detail",
                Tr::new(
                    format!(
                        "实施主体在{}一级，但“{}”只能由{}实施（行使层级）",
                        level.zh(),
                        item.name,
                        words.join("、")
                    ),
                    format!(
                        "the body is at {} level, but `{}` is exercised only at {}",
                        level.en(),
                        item.name,
                        words_en.join(", ")
                    ),
                ),
            )
            .suggest(None);
        cx.out.push(d);
    }
    level
}

fn check_zone(cx: &mut Cx<'_, '_>, entry: &Entry) {
    let ir = cx.std.ir;
    let Some(zone) = &entry.zone else { return };
    if ir.zones.get_index_of(&name_key(&zone.value)).is_none() {
        let d = cx
            .at(Code::E1416, zone)
            .arg("zone", zone.value.as_str())
            .suggest(suggest::closest(&zone.value, ir.zones.values().map(|z| z.name.as_str())).map(str::to_string));
        cx.out.push(d);
    }
}

fn check_city_wide(cx: &mut Cx<'_, '_>, entry: &Entry, item: &Item, _level: Option<Level>) {
    let ir = cx.std.ir;
    for local in &entry.city_wide {
        let Some(level) = cx.level(local, "city_wide") else {
            continue;
        };
        let allowed = item.city_wide.iter().any(|l| l.value == level);
        let detail = if !item.city_wide.is_empty() && !allowed {
            let words: Vec<&str> = item.city_wide.iter().map(|l| l.value.zh()).collect();
            Some(Tr::new(
                format!(
                    "规则中“{}”的通办范围是{}，不含{}",
                    item.name,
                    words.join("、"),
                    level.zh()
                ),
                format!("the rules let `{}` be accepted only at {}", item.name, words.join(", ")),
            ))
        } else {
            let at = crate::ast::Spanned {
                value: level,
                span: Span::new(0, 0),
            };
            route(ir, &cx.std.chain, item, at, 0.0).err().map(|_| {
                Tr::new(
                    format!(
                        "没有“通办层级”能把{}受理的申请流转到办理“{}”的层级",
                        level.zh(),
                        item.name
                    ),
                    format!(
                        "no acceptance level routes applications from {} to a level that handles `{}`",
                        level.en(),
                        item.name
                    ),
                )
            })
        };
        if let Some(detail) = detail {
            let d = cx.at(Code::E1417, local).arg("level", level.zh()).arg("detail", detail);
            cx.out.push(d);
        }
    }
}

fn check_visits(cx: &mut Cx<'_, '_>, entry: &Entry, item: &Item, index: usize) {
    let Some(worst) = cx.std.analyses.worst(cx.std.ir, crate::ir::ItemId::from_index(index)) else {
        return;
    };
    let mut needed = worst.visits;
    let mut depth = worst.online_depth;
    let mut reasons: Vec<String> = worst.reasons.iter().map(|r| r.zh()).collect();
    let mut reasons_en: Vec<String> = worst.reasons.iter().map(|r| r.en()).collect();
    // Without courier, a result that cannot be sent online is collected.
    if entry.courier.as_ref().is_some_and(|c| !c.value) {
        for result in item.results.values() {
            if result.delivery.contains(&Delivery::Courier) && !result.delivery.contains(&Delivery::Online) {
                if needed == 0 {
                    needed = 1;
                }
                depth = depth.min(3);
                reasons.push(format!("本地不支持物流快递，“{}”只能到窗口领取", result.name));
                reasons_en.push(format!(
                    "no courier here, so `{}` is collected at a window",
                    result.name
                ));
                break;
            }
        }
    }
    let reasons = Tr::new(reasons.join("；"), reasons_en.join("; "));
    let claims = [
        entry.visits.as_ref().filter(|c| c.value < needed).map(|c| {
            (
                c,
                Tr::new(format!("到现场次数 {}", c.value), format!("{} visit(s)", c.value)),
                Tr::new(format!("至少要到现场 {needed} 次"), format!("at least {needed}")),
            )
        }),
        entry.online_depth.as_ref().filter(|c| c.value > depth).map(|c| {
            (
                c,
                Tr::new(format!("网办深度 {} 级", c.value), format!("online depth {}", c.value)),
                Tr::new(format!("网办深度最多 {depth} 级"), format!("at most {depth}")),
            )
        }),
    ];
    for (claimed, claim, possible) in claims.into_iter().flatten() {
        let d = cx
            .at(Code::E1418, claimed)
            .arg("claim", claim)
            .arg("possible", possible)
            .arg("reasons", reasons.clone());
        cx.out.push(d);
    }
}

fn check_fee(cx: &mut Cx<'_, '_>, entry: &Entry, item: &Item) {
    let standard_charges = matches!(item.fee, Some(Fee::Charged(_)));
    let standard_free = matches!(item.fee, Some(Fee::Free));
    let problem = match &entry.fee {
        None if standard_charges => Some((
            cx.span(&entry.name),
            Tr::new(
                format!("规则中“{}”收费，清单没有写收费标准和收费依据", item.name),
                format!(
                    "`{}` charges a fee in the rules, but the entry states no fee",
                    item.name
                ),
            ),
        )),
        None => None,
        Some(fee) if fee.charged.value && standard_free => Some((
            cx.span(&fee.charged),
            Tr::new(
                format!("规则中“{}”不收费，清单不能自行收费", item.name),
                format!("`{}` is free in the rules; a catalog may not add a fee", item.name),
            ),
        )),
        Some(fee) if fee.charged.value && fee.standard.is_none() => Some((
            cx.span(&fee.charged),
            Tr::new(
                format!("“{}”收费，但没有写收费标准", item.name),
                format!("`{}` charges a fee but states no fee standard", item.name),
            ),
        )),
        Some(fee) if fee.charged.value && fee.basis.is_none() => Some((
            cx.span(&fee.charged),
            Tr::new(
                format!("“{}”收费，但没有写收费依据", item.name),
                format!("`{}` charges a fee but states no legal basis for it", item.name),
            ),
        )),
        Some(fee) if !fee.charged.value && standard_charges => Some((
            cx.span(&fee.charged),
            Tr::new(
                format!("规则中“{}”收费，清单写的是不收费", item.name),
                format!("`{}` charges a fee in the rules, but the entry says free", item.name),
            ),
        )),
        Some(_) => None,
    };
    if let Some((span, detail)) = problem {
        cx.out
            .push(Diagnostic::new(Code::E1419, cx.file_id, span).arg("detail", detail));
    }
}

fn check_materials(cx: &mut Cx<'_, '_>, entry: &Entry, item: &Item, index: usize) {
    let local: HashMap<String, &super::model::Material> =
        entry.materials.iter().map(|m| (name_key(&m.name.value), m)).collect();
    // Every material the applicant must bring is listed.
    for (position, (key, material)) in item.materials.iter().enumerate() {
        let brought = material.necessity != Necessity::Optional && material.source != Some(Source::Shared);
        if !brought || local.contains_key(key) {
            continue;
        }
        let condition = cx
            .std
            .conditions
            .get(index)
            .and_then(|c| c.get(position))
            .cloned()
            .flatten();
        let when = match &condition {
            Some(text) => Tr::new(
                format!("（{}时）", text.trim_start_matches("当").trim()),
                format!(" (when {})", text.trim_start_matches("当").trim()),
            ),
            None => Tr::new("", ""),
        };
        let d = Diagnostic::new(Code::E1411, cx.file_id, cx.span(&entry.name))
            .arg("material", material.name.as_str())
            .arg("item", item.name.as_str())
            .arg("when", when)
            .with_label("standard", item.file, material.at, Vec::new());
        cx.out.push(d);
    }
    for m in &entry.materials {
        let key = name_key(&m.name.value);
        let Some(standard) = item.materials.get(&key) else {
            let d = cx
                .at(Code::E1412, &m.name)
                .arg("material", m.name.value.as_str())
                .arg("item", item.name.as_str())
                .suggest(
                    suggest::closest(&m.name.value, item.materials.values().map(|s| s.name.as_str()))
                        .map(str::to_string),
                );
            cx.out.push(d);
            continue;
        };
        if standard.source == Some(Source::Shared) {
            let d = cx
                .at(Code::E1414, &m.name)
                .arg("material", m.name.value.as_str())
                .with_label("standard", item.file, standard.at, Vec::new());
            cx.out.push(d);
            continue;
        }
        // No stricter than the standard.
        let mut copy = Vec::new();
        for word in &m.copy {
            match keywords::value_index(CopyKind::GROUP, word.value.trim()).and_then(CopyKind::from_index) {
                Some(kind) => copy.push(kind),
                None => {
                    let words = keywords::value_words(CopyKind::GROUP);
                    let (zh, en): (Vec<&str>, Vec<&str>) = words.iter().copied().unzip();
                    cx.invalid(
                        word,
                        "type",
                        Tr::new(
                            format!("以下之一：{}", zh.join("、")),
                            format!("one of: {}", en.join(", ")),
                        ),
                        &word.value,
                    );
                }
            }
        }
        if copy.len() > 1
            && let Some(first) = m.copy.first()
        {
            // `[原件, 复印件]` does not say which one the counter does.
            let written: Vec<&str> = m.copy.iter().map(|w| w.value.trim()).collect();
            cx.invalid(
                first,
                "type",
                Tr::new(
                    "一种交法（比对原件留存复印件、原件或复印件、验原件、收取原件、复印件）",
                    "one way of handing over (copy-checked, original-or-copy, original-shown, original-kept, copy)",
                ),
                &written.join("、"),
            );
            copy.clear();
        }
        let local_copy = copy
            .first()
            .map(|kind| crate::ir::from_ast::resolve_copy(Some(*kind), standard.source));
        let mut form = Vec::new();
        for word in &m.form {
            match word.value.trim() {
                "纸质" | "paper" => form.push(Form::Paper),
                "电子" | "electronic" => form.push(Form::Electronic),
                other => cx.invalid(word, "form", Tr::new("纸质或电子", "paper or electronic"), other),
            }
        }
        let stricter = if let Some(local) = local_copy.filter(|local| local.burden() > standard.copy.burden()) {
            m.copy.first().map(|w| {
                (
                    cx.span(w),
                    Tr::new(
                        format!("要“{}”，规则只要“{}”", local.zh(), standard.copy.zh()),
                        format!(
                            "asks for `{}` where the rules ask for `{}`",
                            local.en(),
                            standard.copy.en()
                        ),
                    ),
                )
            })
        } else if let Some(copies) = m.copies.as_ref().filter(|c| c.value > standard.copies) {
            Some((
                cx.span(copies),
                Tr::new(
                    format!("要 {} 份，规则只要 {} 份", copies.value, standard.copies),
                    format!(
                        "asks for {} copies where the rules ask for {}",
                        copies.value, standard.copies
                    ),
                ),
            ))
        } else if !form.is_empty() && !form.contains(&Form::Electronic) && standard.form.contains(&Form::Electronic) {
            m.form.first().map(|w| {
                (
                    cx.span(w),
                    Tr::new(
                        "只收纸质，规则允许电子材料",
                        "accepts only paper where the rules accept electronic",
                    ),
                )
            })
        } else {
            None
        };
        if let Some((span, detail)) = stricter {
            cx.out.push(
                Diagnostic::new(Code::E1413, cx.file_id, span)
                    .arg("material", m.name.value.as_str())
                    .arg("detail", detail)
                    .with_label("standard", item.file, standard.at, Vec::new()),
            );
        }
    }
}
