//! The site's index: every item and thing by hall zone (功能区) and by
//! department, each with links to all its documents; as HTML and Markdown.

use super::html::{escape, head};
use super::model::{Group, Model};
use std::fmt::Write as _;

/// The formats written, so the index links only files that exist.
#[derive(Debug, Clone, Copy)]
pub struct Written {
    pub html: bool,
    pub markdown: bool,
    pub pdf: bool,
    pub flow: bool,
    pub json: bool,
}

/// Documents per subject, in link order.
const DOCS: [&str; 3] = ["办事指南", "一次性告知单", "受理清单"];

/// Items and things go in these folders of the output.
pub const ITEMS_DIR: &str = "事项";
pub const THINGS_DIR: &str = "一件事";

fn links(dir: &str, slug: &str, written: Written) -> String {
    let base = format!("{}/{}", percent(dir), percent(slug));
    let mut out = Vec::new();
    for doc in DOCS {
        if written.html {
            out.push(format!("<a href=\"{base}/{}.html\">{}</a>", percent(doc), short(doc)));
        } else if written.markdown {
            out.push(format!("<a href=\"{base}/{}.md\">{}</a>", percent(doc), short(doc)));
        }
    }
    if written.flow {
        out.push(format!("<a href=\"{base}/{}.svg\">流程图</a>", percent("流程图")));
    }
    if written.pdf {
        let pdfs: Vec<String> = DOCS
            .iter()
            .map(|doc| format!("<a href=\"{base}/{}.pdf\">{}</a>", percent(doc), short(doc)))
            .collect();
        out.push(format!("<span class=\"pdf\">PDF：{}</span>", pdfs.join(" ")));
    }
    out.join(" ")
}

/// The name a link shows for a document.
fn short(doc: &str) -> &str {
    match doc {
        "一次性告知单" => "告知单",
        other => other,
    }
}

/// Percent-encodes what a URL path must not carry raw (spaces, `#`, `?`,
/// `%`, quotes); Chinese stays readable.
pub fn percent(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_control() || matches!(c, ' ' | '#' | '?' | '%' | '"' | '\'' | '<' | '>' | '\\' | '&') {
            let mut buffer = [0; 4];
            for byte in c.encode_utf8(&mut buffer).bytes() {
                let _ = write!(out, "%{byte:02X}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn group_table(model: &Model, group: &Group, written: Written, out: &mut String) {
    out.push_str(
        "<table class=\"index\"><thead><tr><th>名称</th><th>实施（牵头）部门</th><th>文档</th></tr></thead><tbody>\n",
    );
    for &index in &group.things {
        if let Some(thing) = model.things.get(index) {
            let _ = writeln!(
                out,
                "<tr><td>【一件事】{}</td><td>{}</td><td class=\"links\">{}</td></tr>",
                escape(&thing.name),
                escape(thing.lead.as_ref().map_or("", |d| d.name.as_str())),
                links(THINGS_DIR, &thing.slug, written)
            );
        }
    }
    for &index in &group.items {
        if let Some(item) = model.items.get(index) {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td class=\"links\">{}</td></tr>",
                escape(&item.name),
                escape(item.department.as_ref().map_or("", |d| d.name.as_str())),
                links(ITEMS_DIR, &item.slug, written)
            );
        }
    }
    out.push_str("</tbody></table>\n");
}

/// `index.html` of one workspace; `root` is the way from its folder to the
/// output folder (`""`, or `"../"` when several workspaces are built).
pub fn index_html(model: &Model, written: Written, root: &str) -> String {
    let title = format!("{} 办事指南", model.workspace);
    let mut out = head(&title, "index", root);
    let _ = write!(
        out,
        "<header><h1>{}</h1><p class=\"subject\">办事指南、一次性告知单、受理清单和流程图</p>\
         <p class=\"ref\">{} 个事项，{} 件“一件事”</p></header>\n<main>\n",
        escape(&model.workspace),
        model.items.len(),
        model.things.len()
    );
    if written.json {
        out.push_str(
            "<p class=\"muted\">规则的完整数据（供其他系统读取）：<a href=\"model.json\">model.json</a></p>\n",
        );
    }
    out.push_str("<nav class=\"top\"><a href=\"#zones\">按功能区</a><a href=\"#departments\">按部门</a></nav>\n");
    out.push_str("<h2 id=\"zones\">按功能区</h2>\n");
    for group in &model.zones {
        let name = group.name.as_deref().unwrap_or("未分功能区");
        let full = group
            .full_name
            .as_ref()
            .map(|f| format!("<span class=\"muted\">（{}）</span>", escape(f)))
            .unwrap_or_default();
        let _ = writeln!(out, "<section><h3>{}{full}</h3>", escape(name));
        group_table(model, group, written, &mut out);
        out.push_str("</section>\n");
    }
    out.push_str("<h2 id=\"departments\">按部门</h2>\n");
    for group in &model.departments {
        let name = group
            .full_name
            .as_deref()
            .or(group.name.as_deref())
            .unwrap_or("未写实施部门");
        let _ = writeln!(out, "<section><h3>{}</h3>", escape(name));
        group_table(model, group, written, &mut out);
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// `index.md` of one workspace.
pub fn index_markdown(model: &Model, written: Written) -> String {
    use super::markdown::escape as md;
    let mut out = format!(
        "# {} 办事指南\n\n{} 个事项，{} 件“一件事”。\n\n",
        md(&model.workspace),
        model.items.len(),
        model.things.len()
    );
    let link = |dir: &str, slug: &str| {
        let ext = if written.markdown { "md" } else { "html" };
        DOCS.iter()
            .map(|doc| format!("[{doc}]({}/{}/{}.{ext})", percent(dir), percent(slug), percent(doc)))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let by = [
        ("按功能区", "未分功能区", &model.zones),
        ("按部门", "未写实施部门", &model.departments),
    ];
    for (title, unnamed, groups) in by {
        let _ = write!(out, "## {title}\n\n");
        for group in groups.iter() {
            let name = group.name.as_deref().unwrap_or(unnamed);
            let _ = write!(out, "### {}\n\n", md(name));
            for &index in &group.things {
                if let Some(thing) = model.things.get(index) {
                    let _ = writeln!(
                        out,
                        "- 【一件事】{}：{}",
                        md(&thing.name),
                        link(THINGS_DIR, &thing.slug)
                    );
                }
            }
            for &index in &group.items {
                if let Some(item) = model.items.get(index) {
                    let _ = writeln!(out, "- {}：{}", md(&item.name), link(ITEMS_DIR, &item.slug));
                }
            }
            out.push('\n');
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// The top `index.html` when several workspaces are built together.
pub fn workspaces_html(names: &[(String, String)]) -> String {
    let mut out = head("办事指南", "index", "");
    out.push_str("<header><h1>办事指南</h1></header>\n<main>\n<ul>\n");
    for (name, dir) in names {
        let _ = writeln!(
            out,
            "<li><a href=\"{}/index.html\">{}</a></li>",
            percent(dir),
            escape(name)
        );
    }
    out.push_str("</ul>\n</main>\n</body>\n</html>\n");
    out
}
