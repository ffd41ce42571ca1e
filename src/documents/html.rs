//! HTML: each document one page — inline CSS with a print stylesheet for A4,
//! the flow chart inline as SVG, and, where situations change what applies, a
//! short questionnaire (inline JavaScript) that hides the materials and steps
//! that do not apply. Answers can be given in the address
//! (`办事指南.html?申请方式=告知承诺`), so a link or a printout can be made for
//! one applicant.
//!
//! The one external file a page uses is the shipped CJK font, which the build
//! writes once into the site's `assets/fonts/` ([`assets`]); every page and
//! chart names it in an `@font-face` rule by a path relative to its own
//! folder, so the site reads the same from a folder (`file://`), with no
//! network and no Chinese font on the machine.

use super::doc::{Block, Document, Kind, Table};
use super::model::{AnswerDoc, SituationDoc};
use std::fmt::Write as _;

const CSS: &str = include_str!("assets/site.css");
const SCRIPT: &str = include_str!("assets/questionnaire.js");

/// The folder of the output that holds the files pages share.
pub const ASSETS_DIR: &str = "assets";

/// The files pages share, relative to the output folder, with their bytes:
/// the two faces of the shipped font and its licence, which must travel with
/// it. A build that writes HTML writes them once, whatever the number of
/// workspaces.
pub fn assets() -> [(String, &'static [u8]); 3] {
    let fonts = format!("{ASSETS_DIR}/fonts");
    [
        (
            format!("{fonts}/{}", crate::fonts::CJK_REGULAR_FILE),
            crate::fonts::CJK_REGULAR,
        ),
        (
            format!("{fonts}/{}", crate::fonts::CJK_BOLD_FILE),
            crate::fonts::CJK_BOLD,
        ),
        (format!("{fonts}/OFL.txt"), crate::fonts::LICENCE.as_bytes()),
    ]
}

/// `@font-face` rules for the shipped font, regular and bold, under its own
/// family name (the name the stylesheet and the flow charts ask for first).
/// `root` is the way from the page's folder to the output folder (`""`,
/// `"../../"`). A viewer that has the full font installed uses it; any other
/// loads the site's copy.
pub fn font_faces(root: &str) -> String {
    let mut out = String::new();
    for (weight, postscript, file) in [
        (
            400,
            crate::fonts::CJK_REGULAR_POSTSCRIPT,
            crate::fonts::CJK_REGULAR_FILE,
        ),
        (700, crate::fonts::CJK_BOLD_POSTSCRIPT, crate::fonts::CJK_BOLD_FILE),
    ] {
        let _ = writeln!(
            out,
            "@font-face {{ font-family: \"{}\"; font-style: normal; font-weight: {weight}; font-display: swap; \
             src: local(\"{postscript}\"), url(\"{root}{ASSETS_DIR}/fonts/{file}\") format(\"opentype\"); }}",
            crate::fonts::CJK_FAMILY
        );
    }
    out
}

/// Where a page sits relative to the others.
#[derive(Debug, Clone)]
pub struct Nav {
    /// The site's `index.html`, relative to the page.
    pub index: String,
    /// The way from the page's folder to the output folder, where the
    /// assets are (`"../../"`).
    pub root: String,
    /// The formats written beside the page.
    pub pdf: bool,
    pub flow: bool,
}

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The start of a page, up to and including `<body>`; `root` is the way
/// from the page's folder to the output folder (see [`font_faces`]).
pub fn head(title: &str, body_class: &str, root: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"yijian\">\n<title>{}</title>\n<style>\n{CSS}</style>\n\
         <style>\n{}</style>\n</head>\n<body class=\"{body_class}\">\n",
        escape(title),
        font_faces(&escape(root))
    )
}

/// One document as a page.
pub fn render(doc: &Document, nav: &Nav) -> String {
    let class = match doc.kind {
        Kind::Guide => "guide",
        Kind::Notice => "notice",
        Kind::Checklist => "checklist",
        Kind::Changes => "changes",
    };
    let mut out = head(&doc.title(), class, &nav.root);
    out.push_str("<nav class=\"top\">");
    let _ = write!(out, "<a href=\"{}\">全部事项</a>", escape(&nav.index));
    for kind in Kind::ALL {
        let current = if kind == doc.kind { " aria-current=\"page\"" } else { "" };
        let _ = write!(out, "<a href=\"{0}.html\"{current}>{0}</a>", kind.title());
    }
    if nav.flow {
        out.push_str("<a href=\"流程图.svg\">流程图</a>");
    }
    if nav.pdf {
        let _ = write!(out, "<a href=\"{}.pdf\">打印版（PDF）</a>", doc.kind.title());
    }
    out.push_str("</nav>\n");
    let needs_script = header_and_main(doc, &mut out);
    if needs_script {
        let _ = write!(out, "<script>\n{SCRIPT}</script>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// A document on a page of its own, without the site's navigation (the
/// 变更说明 of `yijian diff`); `root` is the way to the assets.
pub fn standalone(doc: &Document, root: &str) -> String {
    let mut out = head(&doc.title(), "changes", root);
    header_and_main(doc, &mut out);
    out.push_str("</body>\n</html>\n");
    out
}

/// The document's header and its blocks in `<main>`; whether they need the
/// questionnaire's script.
fn header_and_main(doc: &Document, out: &mut String) -> bool {
    let _ = write!(
        out,
        "<header><p class=\"ref\">{}</p><h1>{}</h1><p class=\"subject\">{}</p></header>\n<main>\n",
        escape(&doc.reference),
        escape(doc.kind.title()),
        escape(&doc.subject)
    );
    let mut needs_script = false;
    blocks(&doc.blocks, out, &mut needs_script);
    out.push_str("</main>\n");
    needs_script
}

fn when_attr(expr: &super::cond::CondExpr) -> String {
    let json = serde_json::to_string(expr).unwrap_or_default();
    format!(" data-when=\"{}\"", escape(&json))
}

fn blocks(list: &[Block], out: &mut String, needs_script: &mut bool) {
    for block in list {
        match block {
            Block::Heading(text) => {
                let _ = writeln!(out, "<h2>{}</h2>", escape(text));
            }
            Block::Subheading(text) => {
                let _ = writeln!(out, "<h3>{}</h3>", escape(text));
            }
            Block::Text(text) => {
                let _ = writeln!(out, "<p>{}</p>", escape(text));
            }
            Block::Fields(fields) => {
                out.push_str("<table class=\"fields\"><tbody>\n");
                for (name, value) in fields {
                    let _ = writeln!(out, "<tr><th>{}</th><td>{}</td></tr>", escape(name), escape(value));
                }
                out.push_str("</tbody></table>\n");
            }
            Block::Table(table) => self::table(table, out),
            Block::List(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    let _ = writeln!(out, "<li>{}</li>", escape(item));
                }
                out.push_str("</ul>\n");
            }
            Block::Questionnaire { situations, titled } => {
                *needs_script = true;
                questionnaire(situations, *titled, out);
            }
            Block::Flow { svg, .. } => {
                let _ = write!(out, "<figure class=\"flow\">\n{svg}</figure>\n");
            }
            Block::Links(links) => {
                out.push_str("<p class=\"links\">");
                for (label, href) in links {
                    let _ = write!(out, "<a href=\"{}\">{}</a> ", escape(href), escape(label));
                }
                out.push_str("</p>\n");
            }
            Block::Signatures(names) => {
                out.push_str("<div class=\"signatures\">");
                for name in names {
                    let _ = write!(out, "<span>{}：</span>", escape(name));
                }
                out.push_str("</div>\n");
            }
            Block::Group { when, blocks: inner } => {
                let _ = writeln!(out, "<section class=\"group\"{}>", when_attr(&when.expr));
                blocks(inner, out, needs_script);
                out.push_str("</section>\n");
            }
        }
    }
}

fn table(table: &Table, out: &mut String) {
    let mut classes = vec![table.class];
    if table.numbered {
        classes.push("numbered");
    }
    let _ = write!(out, "<table class=\"{}\">\n<colgroup>", classes.join(" "));
    if table.checkbox {
        out.push_str("<col class=\"box\">");
    }
    if table.numbered {
        out.push_str("<col class=\"n\">");
    }
    let total: u32 = table.columns.iter().map(|c| u32::from(c.width.max(1))).sum();
    for column in &table.columns {
        let share = u32::from(column.width.max(1)) * 1000 / total.max(1);
        let _ = write!(out, "<col style=\"width: {}.{}%\">", share / 10, share % 10);
    }
    out.push_str("</colgroup>\n<thead><tr>");
    if table.checkbox {
        out.push_str("<th class=\"box\">核对</th>");
    }
    if table.numbered {
        out.push_str("<th class=\"n\">序号</th>");
    }
    for column in &table.columns {
        let _ = write!(out, "<th>{}</th>", escape(&column.title));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        let when = row.when.as_ref().map(when_attr).unwrap_or_default();
        let _ = write!(out, "<tr{when}>");
        if table.checkbox {
            out.push_str("<td class=\"box\"><input type=\"checkbox\" aria-label=\"核对\"></td>");
        }
        if table.numbered {
            out.push_str("<td class=\"n\"></td>");
        }
        for lines in &row.cells {
            out.push_str("<td>");
            for (index, line) in lines.iter().enumerate() {
                // An annotation in brackets (the item a material is for) is lighter.
                let class = if index > 0 && line.starts_with('（') {
                    "line note"
                } else {
                    "line"
                };
                let _ = write!(out, "<span class=\"{class}\">{}</span>", escape(line));
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n");
}

fn questionnaire(situations: &[SituationDoc], titled: bool, out: &mut String) {
    out.push_str("<section class=\"questionnaire\" id=\"questionnaire\">\n");
    if titled {
        out.push_str("<h2>先回答几个问题</h2>\n");
    }
    out.push_str("<p class=\"hint\">回答后，本页只列出适用的材料和环节；没有回答的问题，相关的内容都会列出。</p>\n");
    for s in situations {
        let key = escape(&s.key);
        let _ = write!(
            out,
            "<fieldset data-key=\"{key}\"><legend>{}</legend>",
            escape(s.question.as_deref().unwrap_or(&s.name))
        );
        match &s.answer {
            AnswerDoc::Choice { values } => {
                for value in values {
                    radio(out, &key, value, value);
                }
                radio(out, &key, "", "不确定");
            }
            AnswerDoc::YesNo => {
                radio(out, &key, "是", "是");
                radio(out, &key, "否", "否");
                radio(out, &key, "", "不确定");
            }
            AnswerDoc::Number {
                min,
                max,
                unit,
                integer,
            } => {
                let _ = write!(
                    out,
                    "<label><input type=\"number\" name=\"{key}\" step=\"{}\"{}{}> {}</label>",
                    if *integer { "1" } else { "any" },
                    min.map(|m| format!(" min=\"{}\"", crate::ast::fmt_number(m)))
                        .unwrap_or_default(),
                    max.map(|m| format!(" max=\"{}\"", crate::ast::fmt_number(m)))
                        .unwrap_or_default(),
                    escape(unit.as_deref().unwrap_or(""))
                );
            }
        }
        out.push_str("</fieldset>\n");
    }
    out.push_str("<p class=\"summary\" id=\"summary\"></p>\n</section>\n");
}

fn radio(out: &mut String, key: &str, value: &str, label: &str) {
    let _ = write!(
        out,
        "<label><input type=\"radio\" name=\"{key}\" value=\"{}\"> <span>{}</span></label>",
        escape(value),
        escape(label)
    );
}
