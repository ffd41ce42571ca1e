//! What `yijian diff` says: for people (terminal), for a pull-request
//! comment (Markdown), for tools (JSON), and the printable 变更说明 a
//! service hall can post (a document laid out by the HTML and PDF writers).

use super::{Group, Kind, Report, Status};
use crate::diagnostics::Lang;
use crate::documents::doc::{Block, Document, Kind as DocKind};

/// The mark of a change that makes things harder for some applicant.
const STRICTER: &str = "⚠";

fn heading(group: &Group, lang: Lang) -> String {
    let kind = match (group.kind, lang) {
        (Kind::Item, Lang::Zh) => "事项",
        (Kind::Thing, Lang::Zh) => "一件事",
        (Kind::CatalogEntry, Lang::Zh) => "实施清单",
        (Kind::Item, Lang::En) => "item",
        (Kind::Thing, Lang::En) => "thing",
        (Kind::CatalogEntry, Lang::En) => "catalog entry",
    };
    let code = group
        .code
        .as_ref()
        .map_or_else(String::new, |c| match (lang, group.kind) {
            (Lang::Zh, Kind::CatalogEntry) => format!("（实施编码 {c}）"),
            (Lang::Zh, _) => format!("（基本编码 {c}）"),
            (Lang::En, _) => format!(" (code {c})"),
        });
    let status = match (&group.status, lang) {
        (Status::Added, Lang::Zh) => "：新增".to_string(),
        (Status::Removed, Lang::Zh) => "：删去".to_string(),
        (Status::Renamed { from }, Lang::Zh) => format!("：由“{from}”改名"),
        (Status::Changed, _) => String::new(),
        (Status::ItemsChanged, Lang::Zh) => "（由所含事项的变化引起）".to_string(),
        (Status::ItemsChanged, Lang::En) => " (from changes of its items)".to_string(),
        (Status::Added, Lang::En) => ": added".to_string(),
        (Status::Removed, Lang::En) => ": removed".to_string(),
        (Status::Renamed { from }, Lang::En) => format!(": renamed from `{from}`"),
    };
    format!("{kind} {}{code}{status}", group.name)
}

/// The last line: how many changes, how many stricter.
pub fn summary(report: &Report, lang: Lang) -> String {
    let n = report.changes().count()
        + report
            .groups
            .iter()
            .filter(|g| matches!(g.status, Status::Added | Status::Removed | Status::Renamed { .. }))
            .count();
    let stricter = report.stricter();
    match lang {
        Lang::Zh => format!(
            "{n} 处变化，其中 {stricter} 处对申请人更严格（{STRICTER}） ({n} changes, {stricter} stricter for applicants)"
        ),
        Lang::En => format!("{n} changes, {stricter} stricter for applicants ({STRICTER})"),
    }
}

/// For a terminal: each item and thing with its changes, the stricter ones
/// marked, its place in the new version.
pub fn human(report: &Report, lang: Lang) -> String {
    let mut out = String::new();
    if report.groups.is_empty() {
        out.push_str(match lang {
            Lang::Zh => "两个版本的规则对申请人没有区别 (no difference for applicants)\n",
            Lang::En => "no difference for applicants\n",
        });
        return out;
    }
    for group in &report.groups {
        out.push_str(&format!("{}  {}:{}\n", heading(group, lang), group.file, group.line));
        for change in &group.changes {
            let mark = if change.stricter { STRICTER } else { " " };
            out.push_str(&format!("  {mark} {}\n", change.text(lang)));
        }
    }
    out.push_str(&summary(report, lang));
    out.push('\n');
    out
}

fn md_escape(text: &str) -> String {
    crate::documents::markdown::escape(text)
}

/// For a pull-request comment.
pub fn markdown(report: &Report, lang: Lang) -> String {
    let mut out = match lang {
        Lang::Zh => format!(
            "## 规则变更：{} → {}\n\n",
            md_escape(&report.old),
            md_escape(&report.new)
        ),
        Lang::En => format!(
            "## Rule changes: {} → {}\n\n",
            md_escape(&report.old),
            md_escape(&report.new)
        ),
    };
    if report.groups.is_empty() {
        out.push_str(match lang {
            Lang::Zh => "对申请人没有区别。\n",
            Lang::En => "No difference for applicants.\n",
        });
        return out;
    }
    for group in &report.groups {
        out.push_str(&format!("### {}\n\n", md_escape(&heading(group, lang))));
        for change in &group.changes {
            let mark = if change.stricter {
                format!("{STRICTER} ")
            } else {
                String::new()
            };
            out.push_str(&format!("- {mark}{}\n", md_escape(change.text(lang))));
        }
        if !group.changes.is_empty() {
            out.push('\n');
        }
        if group.changes.is_empty() {
            out.push('\n');
        }
    }
    out.push_str(&format!("{}\n", summary(report, lang)));
    out
}

/// For tools: the report as JSON.
pub fn json(report: &Report) -> String {
    let value = serde_json::json!({
        "old": report.old,
        "new": report.new,
        "stricter": report.stricter(),
        "groups": report.groups,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// The printable 变更说明: for each item and thing, what changes for
/// applicants, the stricter changes marked. In Chinese: it is posted in the
/// service hall.
pub fn document(report: &Report) -> Document {
    let mut blocks = vec![Block::Text(format!(
        "下列事项的办事标准有变化（由 {} 改为 {}）。标有“{STRICTER}”的变化使部分申请人要多带材料、多跑一次或多等时间，请窗口人员提前告知。",
        report.old, report.new
    ))];
    for group in &report.groups {
        blocks.push(Block::Heading(heading(group, Lang::Zh)));
        if !group.changes.is_empty() {
            blocks.push(Block::List(
                group
                    .changes
                    .iter()
                    .map(|c| {
                        if c.stricter {
                            format!("{STRICTER} {}", c.zh)
                        } else {
                            c.zh.clone()
                        }
                    })
                    .collect(),
            ));
        }
    }
    if report.groups.is_empty() {
        blocks.push(Block::Text("对申请人没有区别。".to_string()));
    }
    Document {
        kind: DocKind::Changes,
        subject: format!("{} → {}", report.old, report.new),
        reference: format!("{} 处变化", report.changes().count()),
        blocks,
    }
}
