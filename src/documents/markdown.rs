//! Markdown (GitHub-flavoured): the documents as text that reads well in a
//! code review and renders on any Git host. Situations show as the headings
//! of their groups and as `仅当 …` notes; the flow chart as a link to the SVG
//! and a Mermaid block.

use super::doc::{Block, Document, Table};
use std::fmt::Write as _;

/// One document as Markdown; `flow_file` is the SVG's file name beside it.
pub fn render(doc: &Document, flow_file: &str) -> String {
    let mut out = format!("# {}\n\n{}\n\n", escape(&doc.title()), escape(&doc.reference));
    blocks(&doc.blocks, flow_file, &mut out);
    // One final newline.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn blocks(list: &[Block], flow_file: &str, out: &mut String) {
    for block in list {
        match block {
            Block::Heading(text) => {
                let _ = write!(out, "## {}\n\n", escape(text));
            }
            Block::Subheading(text) => {
                let _ = write!(out, "### {}\n\n", escape(text));
            }
            Block::Text(text) => {
                let _ = write!(out, "{}\n\n", escape(text));
            }
            Block::Fields(fields) => {
                out.push_str("| 项目 | 内容 |\n|---|---|\n");
                for (name, value) in fields {
                    let value = if value.is_empty() { "　" } else { value };
                    let _ = writeln!(out, "| {} | {} |", cell(name), cell(value));
                }
                out.push('\n');
            }
            Block::Table(table) => self::table(table, out),
            Block::List(items) => {
                for item in items {
                    let _ = writeln!(out, "- {}", escape(item));
                }
                out.push('\n');
            }
            Block::Questionnaire { situations, titled } => {
                if *titled {
                    out.push_str("申请人的情形（按实际情况确定适用的材料和环节）：\n\n");
                }
                for s in situations {
                    let question = s.question.as_deref().unwrap_or(&s.name);
                    let answers = match &s.answer {
                        super::model::AnswerDoc::Choice { values } => values.join(" / "),
                        super::model::AnswerDoc::YesNo => "是 / 否".to_string(),
                        super::model::AnswerDoc::Number { unit, integer, .. } => {
                            format!(
                                "填写{}{}",
                                if *integer { "整数" } else { "数值" },
                                unit.as_ref().map(|u| format!("（{u}）")).unwrap_or_default()
                            )
                        }
                    };
                    let _ = writeln!(
                        out,
                        "- **{}**：{}（{}）",
                        escape(&s.name),
                        escape(question),
                        escape(&answers)
                    );
                }
                out.push('\n');
            }
            Block::Flow { mermaid, .. } => {
                let _ = write!(out, "![流程图]({flow_file})\n\n```mermaid\n{mermaid}```\n\n");
            }
            Block::Links(links) => {
                for (label, href) in links {
                    let href = href.replace('<', "%3C").replace('>', "%3E");
                    let _ = writeln!(out, "- [{}](<{href}>)", escape(label));
                }
                out.push('\n');
            }
            Block::Signatures(names) => {
                let line: Vec<String> = names.iter().map(|n| format!("{}：＿＿＿＿＿＿", escape(n))).collect();
                let _ = write!(out, "{}\n\n", line.join("　　"));
            }
            Block::Group { blocks: inner, .. } => blocks(inner, flow_file, out),
        }
    }
}

fn table(table: &Table, out: &mut String) {
    let mut header: Vec<String> = Vec::new();
    if table.checkbox {
        header.push("核对".to_string());
    }
    if table.numbered {
        header.push("序号".to_string());
    }
    header.extend(table.columns.iter().map(|c| cell(&c.title)));
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
    for row in &table.rows {
        let mut cells: Vec<String> = Vec::new();
        if table.checkbox {
            cells.push("□".to_string());
        }
        if table.numbered {
            cells.push(row.number.to_string());
        }
        for lines in &row.cells {
            let text: Vec<String> = lines.iter().map(|l| cell(l)).collect();
            let joined = text.join("<br>");
            cells.push(if joined.is_empty() { "　".to_string() } else { joined });
        }
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
}

/// Escapes the characters Markdown would read as markup.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out.replace('\n', " ")
}

fn cell(text: &str) -> String {
    escape(text)
}
