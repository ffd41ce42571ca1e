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
use crate::ast::duration as durations;
use crate::ast::{CopyKind, Delivery, Duration, DurationUnit, Form, Level, Necessity, Source};
use crate::checks::time_limits::{Limit, depends_on_holidays, with_conversion};
use crate::diagnostics::{Code, Diagnostic, FileId, Phrase, Span, Tr};
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
            .detail(
                "expects",
                &[
                    ("key", Tr::same(key)),
                    ("expected", expected),
                    ("found", Tr::same(found)),
                ],
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
                Code::E1403.text("one_of", &[("words", words)]),
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
            Code::E1403.text("region_code", &[]),
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
                .detail(
                    "no_department",
                    &[("department", Tr::same(body.department.value.as_str()))],
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
                .detail(
                    "not_in_rules",
                    &[
                        ("item", Tr::same(item.name.as_str())),
                        ("service", Tr::same(local.name.value.as_str())),
                    ],
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
            match durations::parse(&limit.value, durations::CATALOGS) {
                None => cx.invalid(limit, "limit", Code::E1403.text("service_duration", &[]), &limit.value),
                Some(duration) => {
                    let compared = standard.duration.map(|rule| (rule, compare(duration, rule.value)));
                    if let Some((rule, compared)) = &compared
                        && compared.verdict == Verdict::DependsOnHolidays
                    {
                        let d = depends_on_holidays(
                            Limit {
                                file: item.file,
                                span: rule.span,
                                kind: Code::W0404.text("service_limit_kind", &[]),
                                value: rule.value,
                            },
                            (cx.file_id, cx.span(limit)),
                            Code::W0404.text(
                                "service_duration",
                                &[
                                    ("service", Tr::same(standard.name.as_str())),
                                    ("duration", duration.tr()),
                                ],
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
                            .detail(
                                "longer",
                                &[
                                    ("service", Tr::same(standard.name.as_str())),
                                    ("duration", duration.tr()),
                                    ("limit", rule.value.tr()),
                                ],
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
                .detail("charged", &[("service", Tr::same(standard.name.as_str()))])
                .with_label("standard", item.file, standard.at, Vec::new());
            cx.out.push(d);
        }
    }
}

fn check_implementation_code(cx: &mut Cx<'_, '_>, entry: &Entry, region: &str) {
    let code = entry.implementation_code.value.trim();
    let basic = entry.basic_code.value.trim();
    let problem = if code.is_empty() || !code.chars().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase()) {
        Some(Code::E1408.text("characters", &[]))
    } else if !code.starts_with(region) {
        Some(Code::E1408.text("region", &[("region", Tr::same(region))]))
    } else {
        let rest = code.get(region.len()..).unwrap_or("");
        if !rest.starts_with(basic) {
            Some(Code::E1408.text("basic", &[("basic", Tr::same(basic))]))
        } else {
            let tail = rest.get(basic.len()..).unwrap_or("");
            (tail.len() > 4 || !tail.chars().all(|c| c.is_ascii_digit()))
                .then(|| Code::E1408.text("business", &[("tail", Tr::same(tail))]))
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
    let Some(duration) = durations::parse(&local.value, durations::CATALOGS) else {
        cx.invalid(
            local,
            "promised_limit",
            Code::E1403.text("promise_duration", &[]),
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
                Code::W0404.text("catalog_promise", &[("limit", duration.tr())]),
                &compared,
            );
            cx.out.push(d);
            return;
        }
        if compared.verdict == Verdict::Exceeds {
            let d = cx
                .at(Code::E1410, local)
                .arg("local", duration.tr())
                .arg("kind", kind)
                .arg("limit", limit.value.tr())
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
            .detail("not_listed", &[("body", Tr::same(entry.implemented_by.value.as_str()))])
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
            .detail(
                "other_department",
                &[
                    ("body", Tr::same(entry.implemented_by.value.as_str())),
                    ("department", Tr::same(name(*department))),
                    ("item", Tr::same(item.name.as_str())),
                    ("expected", Tr::same(name(expected.index()))),
                ],
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
        let d = cx
            .at(Code::E1415, &entry.implemented_by)
            .detail(
                "wrong_level",
                &[
                    ("level", Tr::new(level.zh(), level.en())),
                    ("item", Tr::same(item.name.as_str())),
                    ("levels", Tr::join(handling.iter().map(|l| Tr::new(l.zh(), l.en())))),
                ],
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
            let levels = Tr::join(item.city_wide.iter().map(|l| Tr::new(l.value.zh(), l.value.en())));
            Some((
                "not_in_scope",
                vec![
                    ("item", Tr::same(item.name.as_str())),
                    ("levels", levels),
                    ("level", Tr::new(level.zh(), level.en())),
                ],
            ))
        } else {
            let at = crate::ast::Spanned {
                value: level,
                span: Span::new(0, 0),
            };
            route(ir, &cx.std.chain, item, at, 0.0).err().map(|_| {
                (
                    "no_route",
                    vec![
                        ("level", Tr::new(level.zh(), level.en())),
                        ("item", Tr::same(item.name.as_str())),
                    ],
                )
            })
        };
        if let Some((detail, args)) = detail {
            let d = cx
                .at(Code::E1417, local)
                .arg("level", Tr::new(level.zh(), level.en()))
                .detail(detail, &args);
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
    let mut reasons: Vec<Tr> = worst.reasons.iter().map(|r| r.tr()).collect();
    // Without courier, a result that cannot be sent online is collected.
    if entry.courier.as_ref().is_some_and(|c| !c.value) {
        for result in item.results.values() {
            if result.delivery.contains(&Delivery::Courier) && !result.delivery.contains(&Delivery::Online) {
                if needed == 0 {
                    needed = 1;
                }
                depth = depth.min(3);
                reasons.push(Code::E1418.text("no_courier", &[("result", Tr::same(result.name.as_str()))]));
                break;
            }
        }
    }
    let reasons = Phrase::reasons(reasons);
    let number = |n: u32| Tr::new(n.to_string(), n.to_string());
    let claims = [
        entry.visits.as_ref().filter(|c| c.value < needed).map(|c| {
            (
                c,
                Code::E1418.text("visits", &[("claimed", number(c.value))]),
                Code::E1418.text("at_least", &[("needed", number(needed))]),
            )
        }),
        entry.online_depth.as_ref().filter(|c| c.value > depth).map(|c| {
            (
                c,
                Code::E1418.text("depth", &[("claimed", number(c.value))]),
                Code::E1418.text("at_most", &[("possible", number(depth))]),
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
        None if standard_charges => Some((cx.span(&entry.name), "no_fee")),
        None => None,
        Some(fee) if fee.charged.value && standard_free => Some((cx.span(&fee.charged), "added_fee")),
        Some(fee) if fee.charged.value && fee.standard.is_none() => Some((cx.span(&fee.charged), "no_standard")),
        Some(fee) if fee.charged.value && fee.basis.is_none() => Some((cx.span(&fee.charged), "no_basis")),
        Some(fee) if !fee.charged.value && standard_charges => Some((cx.span(&fee.charged), "says_free")),
        Some(_) => None,
    };
    if let Some((span, detail)) = problem {
        cx.out.push(
            Diagnostic::new(Code::E1419, cx.file_id, span).detail(detail, &[("item", Tr::same(item.name.as_str()))]),
        );
    }
}

fn check_materials(cx: &mut Cx<'_, '_>, entry: &Entry, item: &Item, index: usize) {
    let local: HashMap<String, &super::model::Material> =
        entry.materials.iter().map(|m| (name_key(&m.name.value), m)).collect();
    // Every material the applicant must bring is listed.
    for (position, material) in item.materials.values().enumerate() {
        let brought = material.necessity != Necessity::Optional && material.source != Some(Source::Shared);
        if !brought || local.contains_key(crate::ir::key_of(&material.name).as_ref()) {
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
            Some(text) => Code::E1411.text("when", &[("condition", Tr::same(text.trim_start_matches("当").trim()))]),
            None => Tr::empty(),
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
                    let words = Tr::new(zh.join("、"), en.join(", "));
                    cx.invalid(
                        word,
                        "type",
                        Code::E1403.text("one_of", &[("words", words)]),
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
                Code::E1403.text("one_copy_kind", &[]),
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
                other => cx.invalid(word, "form", Code::E1403.text("form", &[]), other),
            }
        }
        let stricter = if let Some(local) = local_copy.filter(|local| local.burden() > standard.copy.burden()) {
            m.copy.first().map(|w| {
                (
                    cx.span(w),
                    (
                        "copy",
                        vec![
                            ("local", Tr::new(local.zh(), local.en())),
                            ("standard", Tr::new(standard.copy.zh(), standard.copy.en())),
                        ],
                    ),
                )
            })
        } else if let Some(copies) = m.copies.as_ref().filter(|c| c.value > standard.copies) {
            Some((
                cx.span(copies),
                (
                    "copies",
                    vec![
                        ("local", Tr::new(copies.value.to_string(), copies.value.to_string())),
                        (
                            "standard",
                            Tr::new(standard.copies.to_string(), standard.copies.to_string()),
                        ),
                    ],
                ),
            ))
        } else if !form.is_empty() && !form.contains(&Form::Electronic) && standard.form.contains(&Form::Electronic) {
            m.form.first().map(|w| (cx.span(w), ("paper_only", Vec::new())))
        } else {
            None
        };
        if let Some((span, (detail, args))) = stricter {
            cx.out.push(
                Diagnostic::new(Code::E1413, cx.file_id, span)
                    .arg("material", m.name.value.as_str())
                    .detail(detail, &args)
                    .with_label("standard", item.file, standard.at, Vec::new()),
            );
        }
    }
}
