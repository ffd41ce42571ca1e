//! The 实施清单 of two versions compared entry by entry: entries are matched
//! by region and implementation code; what an applicant of that region sees
//! change (the promised limit, the fee, the materials and how they are
//! handed over, visits, online depth, where and when to go) is reported in
//! the same terms as the rules' changes.

use super::{Change, Group, Kind, Status, Version, change, from_to, limit_change};
use crate::catalog::model::{CatalogDoc, Entry};
use crate::diagnostics::{FileId, Tr};
use crate::workspace::FileKind;

/// An entry with where it stands.
struct Located<'a> {
    region: String,
    region_name: String,
    entry: &'a Entry,
    file: String,
    line: usize,
}

fn entries<'a>(version: &Version<'_>, docs: &'a [(FileId, Vec<CatalogDoc>)]) -> Vec<Located<'a>> {
    let mut out = Vec::new();
    for (id, list) in docs {
        let Some(file) = version.workspace.file(*id) else {
            continue;
        };
        for doc in list {
            for entry in &doc.entries.value {
                let span = crate::catalog::span_of(&entry.implementation_code, file);
                out.push(Located {
                    region: doc.region.code.value.clone(),
                    region_name: doc.region.name.clone(),
                    entry,
                    file: file.path.clone(),
                    line: file.line_index.position(&file.text, span.start as usize).line,
                });
            }
        }
    }
    out
}

/// Every catalog of a version, parsed (their problems are `check`'s to report).
fn parse(version: &Version<'_>) -> Vec<(FileId, Vec<CatalogDoc>)> {
    version
        .workspace
        .files
        .with_ids()
        .filter(|(_, f)| f.kind == FileKind::Catalog)
        .map(|(id, f)| (id, crate::catalog::parse(id, f, &mut Vec::new())))
        .collect()
}

pub(super) fn compare(old: &Version<'_>, new: &Version<'_>) -> Vec<Group> {
    let (old_docs, new_docs) = (parse(old), parse(new));
    let (before, after) = (entries(old, &old_docs), entries(new, &new_docs));
    let key = |l: &Located<'_>| (l.region.clone(), l.entry.implementation_code.value.trim().to_string());
    let mut out = Vec::new();
    for a in &after {
        let name = format!("{} · {}", a.region_name, a.entry.name.value);
        let code = Some(a.entry.implementation_code.value.clone());
        let Some(b) = before.iter().find(|b| key(b) == key(a)) else {
            out.push(Group {
                kind: Kind::CatalogEntry,
                name,
                code,
                status: Status::Added,
                file: a.file.clone(),
                line: a.line,
                changes: Vec::new(),
            });
            continue;
        };
        let changes = entry_changes(b.entry, a.entry);
        if !changes.is_empty() {
            out.push(Group {
                kind: Kind::CatalogEntry,
                name,
                code,
                status: Status::Changed,
                file: a.file.clone(),
                line: a.line,
                changes,
            });
        }
    }
    for b in &before {
        if !after.iter().any(|a| key(a) == key(b)) {
            out.push(Group {
                kind: Kind::CatalogEntry,
                name: format!("{} · {}", b.region_name, b.entry.name.value),
                code: Some(b.entry.implementation_code.value.clone()),
                status: Status::Removed,
                file: b.file.clone(),
                line: b.line,
                changes: Vec::new(),
            });
        }
    }
    out
}

fn text(value: Option<&str>) -> Tr {
    value.map_or_else(|| Tr::new("未写", "not stated"), Tr::same)
}

fn entry_changes(b: &Entry, a: &Entry) -> Vec<Change> {
    use crate::ast::duration::{CATALOGS, parse};
    let mut out = Vec::new();
    let limit = |e: &Entry| e.promised_limit.as_ref().map(|l| l.value.clone());
    if limit(b) != limit(a) {
        let (bl, al) = (limit(b), limit(a));
        let (bd, ad) = (
            bl.as_deref().and_then(|t| parse(t, CATALOGS)),
            al.as_deref().and_then(|t| parse(t, CATALOGS)),
        );
        if bd.is_some() && ad.is_some() {
            limit_change(Tr::new("承诺时限", "promised limit"), bd, ad, &mut out);
        } else {
            out.push(change(
                from_to(
                    Tr::new("承诺时限", "promised limit"),
                    text(bl.as_deref()),
                    text(al.as_deref()),
                ),
                false,
            ));
        }
    }
    let charged = |e: &Entry| e.fee.as_ref().is_some_and(|f| f.charged.value);
    let standard = |e: &Entry| {
        e.fee
            .as_ref()
            .and_then(|f| f.standard.as_ref())
            .map(|s| s.value.clone())
    };
    if charged(b) != charged(a) || standard(b) != standard(a) {
        let show = |e: &Entry| {
            if charged(e) {
                Tr::new(
                    format!("收费（{}）", standard(e).unwrap_or_default()),
                    format!("charged ({})", standard(e).unwrap_or_default()),
                )
            } else {
                Tr::new("不收费", "free")
            }
        };
        out.push(change(
            from_to(Tr::new("收费", "fee"), show(b), show(a)),
            charged(a) && !charged(b),
        ));
    }
    let number = |v: Option<u32>| v.map_or_else(|| Tr::new("未写", "not stated"), |n| Tr::same(n.to_string()));
    let (bv, av) = (b.visits.as_ref().map(|v| v.value), a.visits.as_ref().map(|v| v.value));
    if bv != av {
        out.push(change(
            from_to(Tr::new("到现场次数", "visits"), number(bv), number(av)),
            matches!((bv, av), (Some(x), Some(y)) if y > x),
        ));
    }
    let (bo, ao) = (
        b.online_depth.as_ref().map(|v| v.value),
        a.online_depth.as_ref().map(|v| v.value),
    );
    if bo != ao {
        out.push(change(
            from_to(Tr::new("网办深度", "online depth"), number(bo), number(ao)),
            matches!((bo, ao), (Some(x), Some(y)) if y < x),
        ));
    }
    for (what, bt, at) in [
        (
            Tr::new("办理地点", "address"),
            b.address.as_deref(),
            a.address.as_deref(),
        ),
        (Tr::new("办理时间", "hours"), b.hours.as_deref(), a.hours.as_deref()),
        (Tr::new("咨询电话", "phone"), b.phone.as_deref(), a.phone.as_deref()),
    ] {
        if bt != at {
            out.push(change(from_to(what, text(bt), text(at)), false));
        }
    }
    let name = |m: &crate::catalog::model::Material| m.name.value.clone();
    for m in &a.materials {
        match b.materials.iter().find(|o| name(o) == name(m)) {
            None => out.push(change(
                Tr::new(
                    format!("新增材料：{}", m.name.value),
                    format!("new material: {}", m.name.value),
                ),
                true,
            )),
            Some(o) => {
                let words = |v: &[crate::catalog::model::At<String>]| -> Vec<String> {
                    v.iter().map(|w| w.value.clone()).collect()
                };
                if words(&o.copy) != words(&m.copy) {
                    out.push(change(
                        from_to(
                            Tr::new(
                                format!("材料“{}”的类型：", m.name.value),
                                format!("type of material `{}`:", m.name.value),
                            ),
                            Tr::same(words(&o.copy).join("、")),
                            Tr::same(words(&m.copy).join("、")),
                        ),
                        words(&m.copy).iter().any(|w| w.contains("原件"))
                            && !words(&o.copy).iter().any(|w| w.contains("原件")),
                    ));
                }
                let copies = |x: &crate::catalog::model::Material| x.copies.as_ref().map_or(1, |c| c.value);
                if copies(o) != copies(m) {
                    out.push(change(
                        from_to(
                            Tr::new(
                                format!("材料“{}”的份数", m.name.value),
                                format!("copies of material `{}`", m.name.value),
                            ),
                            Tr::same(copies(o).to_string()),
                            Tr::same(copies(m).to_string()),
                        ),
                        copies(m) > copies(o),
                    ));
                }
            }
        }
    }
    for m in &b.materials {
        if !a.materials.iter().any(|n| name(n) == name(m)) {
            out.push(change(
                Tr::new(
                    format!("不再需要材料：{}", m.name.value),
                    format!("material no longer asked for: {}", m.name.value),
                ),
                false,
            ));
        }
    }
    let (bc, ac) = (&b.conditions, &a.conditions);
    for added in ac.iter().filter(|c| !bc.contains(c)) {
        out.push(change(
            Tr::new(
                format!("新增受理条件：{added}"),
                format!("new acceptance condition: {added}"),
            ),
            true,
        ));
    }
    for removed in bc.iter().filter(|c| !ac.contains(c)) {
        out.push(change(
            Tr::new(
                format!("删去受理条件：{removed}"),
                format!("acceptance condition removed: {removed}"),
            ),
            false,
        ));
    }
    out
}
