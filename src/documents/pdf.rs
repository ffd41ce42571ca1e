//! PDF through typst as a library: each document becomes a typst source
//! (the blocks of [`super::doc`] as typst markup) compiled in a world that
//! holds only that source, the flow chart and the shipped font.
//!
//! - A4, a header with the document's subject and code on every page, page
//!   numbers `第 n 页，共 m 页`, tables whose header row repeats on each page.
//! - Nothing is left alone at a page break: a flow chart prints at the size
//!   its text is drawn for (never wider or taller than the page), a short
//!   table moves whole to the next page with its sticky heading, a long one
//!   keeps its first two and last two rows together, and no row splits.
//! - All user text enters the source as typst string literals (`"…"`), so no
//!   name can be read as markup.
//! - Only the font in `fonts/` is known to the world: nothing depends on the
//!   machine. Characters it lacks are reported by `check` (E1301) before a
//!   build starts.
//! - Byte-identical output: no date (`today()` is `None`, `date: none`), no
//!   timestamp, a document identifier made from the title.

use super::doc::{Block, Document, Table};
use super::model::AnswerDoc;
use std::fmt::Write as _;
use std::sync::LazyLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use unicode_width::UnicodeWidthStr;

/// The fonts and the standard library, loaded once per process.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let fonts: Vec<Font> = Font::iter(Bytes::new(crate::fonts::CJK_REGULAR))
        .chain(Font::iter(Bytes::new(crate::fonts::CJK_BOLD)))
        .collect();
    Shared {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

fn file_id(path: &str) -> Option<FileId> {
    VirtualPath::new(path)
        .ok()
        .map(|p| RootedPath::new(VirtualRoot::Project, p).intern())
}

/// The world of one document: its source and its flow chart.
struct DocWorld {
    main: FileId,
    source: Source,
    flow: Option<(FileId, Bytes)>,
}

impl World for DocWorld {
    fn library(&self) -> &LazyHash<Library> {
        &SHARED.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &SHARED.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main {
            Ok(self.source.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        match &self.flow {
            Some((flow, bytes)) if *flow == id => Ok(bytes.clone()),
            _ if id == self.main => Ok(Bytes::from_string(self.source.clone())),
            _ => Err(FileError::AccessDenied),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        SHARED.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        None
    }
}

/// Renders one document as PDF bytes.
pub fn render(document: &Document) -> Result<Vec<u8>, String> {
    let main = file_id("/main.typ").ok_or("内部错误：无法建立 typst 文件")?;
    let flow_svg = document.blocks.iter().find_map(|b| match b {
        Block::Flow { svg, .. } => Some(svg.clone()),
        _ => None,
    });
    let flow = match flow_svg {
        Some(svg) => Some((
            file_id("/flow.svg").ok_or("内部错误：无法建立 typst 文件")?,
            Bytes::from_string(svg),
        )),
        None => None,
    };
    let text = source(document);
    let world = DocWorld {
        main,
        source: Source::new(main, text),
        flow,
    };
    let compiled = typst::compile::<typst_layout::PagedDocument>(&world);
    let paged = compiled.output.map_err(|errors| describe(&errors))?;
    let options = typst_pdf::PdfOptions {
        ident: typst::foundations::Smart::Custom(format!("yijian/{}", document.title())),
        creator: typst::foundations::Smart::Custom(Some("yijian".to_string())),
        timestamp: None,
        ..typst_pdf::PdfOptions::default()
    };
    let bytes = typst_pdf::pdf(&paged, &options).map_err(|errors| describe(&errors))?;
    // typst memoizes across compilations; documents share little, so keep
    // the cache small on long builds.
    typst::comemo::evict(10);
    Ok(bytes)
}

fn describe(errors: &[typst::diag::SourceDiagnostic]) -> String {
    let messages: Vec<String> = errors.iter().map(|e| e.message.to_string()).collect();
    format!("生成 PDF 时出错（yijian 的缺陷，请报告）：{}", messages.join("；"))
}

/// A typst string literal.
fn s(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// How much of its natural size a flow chart prints at (see `flow` below).
const FLOW_SCALE: &str = "0.8";

/// The height of a table, in lines of text, up to which it is kept on one
/// page: moved whole to the next page, with the heading above it (headings
/// are sticky), rather than split with a few rows on a page of their own.
/// About a third of a page; a longer table may break, its header repeated.
const KEEP_LINES: usize = 24;

/// Rows of a long table kept together at its start (with its header) and at
/// its end.
const KEEP_FIRST: usize = 2;
const KEEP_LAST: usize = 2;

/// The body's width in display columns of the text (A4 less the margins,
/// at 9.5pt: about 53 Chinese characters, two columns each).
const BODY_COLUMNS: usize = 106;

const PREAMBLE: &str = r##"
#let muted = luma(90)
#let rule = 0.5pt + luma(150)
#let head-fill = rgb("#e9eef4")
#let cb = box(width: 0.85em, height: 0.85em, stroke: 0.7pt + black, baseline: 0.12em)
#set text(font: "Noto Sans CJK SC", size: 9.5pt, lang: "zh", region: "cn")
#set par(leading: 0.62em, spacing: 0.9em, justify: false)
#show heading.where(level: 2): it => block(above: 1.3em, below: 0.6em, sticky: true,
  text(size: 11.5pt, weight: "bold", it.body))
#show heading.where(level: 3): it => block(above: 0.9em, below: 0.45em, sticky: true,
  text(size: 10pt, weight: "bold", it.body))
#set table(stroke: rule, inset: (x: 4pt, y: 3.5pt))
// A row is never split across pages (its cells are a few lines).
#set table.cell(breakable: false)
#set list(indent: 0.4em, body-indent: 0.5em, spacing: 0.55em)
// Lines of a cell; an annotation in brackets (the item a material is for)
// prints lighter.
#let cell(..lines) = {
  let ls = lines.pos()
  for (i, l) in ls.enumerate() {
    if i > 0 { linebreak() }
    if i > 0 and l.starts-with("（") { text(fill: muted, size: 0.92em, l) } else { l }
  }
}
// The cell of the empty column that keeps `rows` rows together.
#let glue(rows: 1) = table.cell(rowspan: rows, breakable: false, inset: 0pt, stroke: none, [])
#let th(t) = table.cell(fill: head-fill, text(weight: "bold", t))
#let fields(..pairs) = table(columns: (9em, 1fr),
  ..pairs.pos().map(p => (table.cell(fill: head-fill, p.at(0)), p.at(1))).flatten())
// A flow chart at the size its text is drawn for, scaled so a box's title
// prints at about 8.4pt (the chart's 14px text is 10.5pt at its natural
// size); narrower if the page is, and never taller than the page.
#let flow(path) = layout(size => {
  let natural = measure(image(path))
  let scale = calc.min(FLOW_SCALE, size.width / natural.width, 0.9 * size.height / natural.height)
  align(center, image(path, width: natural.width * scale))
})
#let signatures(..names) = block(above: 2.2em, breakable: false, grid(columns: (1fr, 1fr), row-gutter: 2.4em,
  column-gutter: 2em, ..names.pos().map(n => n + "：" + box(width: 1fr, line(length: 100%, stroke: 0.5pt)))))
"##;

/// The typst source of a document.
pub fn source(document: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "#set document(title: {}, author: \"yijian\", date: none)",
        s(&document.title())
    );
    let _ = writeln!(
        out,
        "#set page(paper: \"a4\", margin: (top: 24mm, bottom: 20mm, x: 16mm),\n  \
         header: context {{ set text(size: 8pt, fill: luma(90)); grid(columns: (1fr, auto), {}, {}); \
         v(-0.5em); line(length: 100%, stroke: 0.4pt + luma(160)) }},\n  \
         footer: context {{ set text(size: 8pt, fill: luma(90)); align(center, \"第 \" + counter(page).display() + \" 页，共 \" + str(counter(page).final().first()) + \" 页\") }})",
        s(&format!("{} · {}", document.kind.title(), document.subject)),
        s(&document.reference)
    );
    out.push_str(&PREAMBLE.replace("FLOW_SCALE", FLOW_SCALE));
    let _ = writeln!(
        out,
        "#align(center, block(below: 1.2em)[#text(size: 18pt, weight: \"bold\", tracking: 0.2em, {}) \\ #text(size: 12pt, {})])",
        s(document.kind.title()),
        s(&document.subject)
    );
    blocks(&document.blocks, &mut out);
    out
}

fn blocks(list: &[Block], out: &mut String) {
    for block in list {
        match block {
            Block::Heading(text) => {
                let _ = writeln!(out, "#heading(level: 2, {})", s(text));
            }
            Block::Subheading(text) => {
                let _ = writeln!(out, "#heading(level: 3, outlined: false, {})", s(text));
            }
            Block::Text(text) => {
                let _ = writeln!(out, "#par({})", s(text));
            }
            Block::Fields(fields) => {
                let pairs: Vec<String> = fields
                    .iter()
                    .map(|(name, value)| format!("({}, {})", s(name), s(value)))
                    .collect();
                let rows: Vec<Vec<&[String]>> = fields
                    .iter()
                    .map(|(name, value)| vec![std::slice::from_ref(name), std::slice::from_ref(value)])
                    .collect();
                let keep =
                    estimated_lines(&rows, &[FIELD_NAME_COLUMNS, BODY_COLUMNS - FIELD_NAME_COLUMNS]) <= KEEP_LINES;
                let _ = writeln!(out, "#block(breakable: {}, fields({}))", !keep, pairs.join(", "));
            }
            Block::Table(table) => self::table(table, out),
            Block::List(items) => {
                let items: Vec<String> = items.iter().map(|i| format!("list.item({})", s(i))).collect();
                let _ = writeln!(out, "#list({})", items.join(", "));
            }
            Block::Questionnaire { situations, .. } => {
                out.push_str("#block(stroke: rule, inset: 8pt, width: 100%, breakable: false)[\n");
                let _ = writeln!(out, "#text(weight: \"bold\", {})", s("在适用的选项前打勾："));
                for situation in situations {
                    let question = situation.question.as_deref().unwrap_or(&situation.name);
                    let answers = match &situation.answer {
                        AnswerDoc::Choice { values } => values.clone(),
                        AnswerDoc::YesNo => vec!["是".to_string(), "否".to_string()],
                        AnswerDoc::Number { .. } => Vec::new(),
                    };
                    let options: Vec<String> = answers.iter().map(|a| format!("cb + \" \" + {}", s(a))).collect();
                    let answer = match &situation.answer {
                        AnswerDoc::Number { unit, .. } => format!(
                            "box(width: 5em, line(length: 100%, stroke: 0.5pt)) + {}",
                            s(unit.as_deref().unwrap_or(""))
                        ),
                        _ => options.join(" + h(1.5em) + "),
                    };
                    let _ = writeln!(out, "#par({} + h(1em) + {})", s(question), answer);
                }
                out.push_str("]\n");
            }
            Block::Flow { .. } => {
                out.push_str("#flow(\"/flow.svg\")\n");
            }
            Block::Links(links) => {
                let links: Vec<String> = links
                    .iter()
                    .map(|(label, href)| format!("link({}, {})", s(href), s(label)))
                    .collect();
                let _ = writeln!(out, "#par({})", links.join(" + h(1.5em) + "));
            }
            Block::Signatures(names) => {
                let names: Vec<String> = names.iter().map(|n| s(n)).collect();
                let _ = writeln!(out, "#signatures({})", names.join(", "));
            }
            Block::Group { blocks: inner, .. } => blocks(inner, out),
        }
    }
}

fn table(table: &Table, out: &mut String) {
    let mut columns: Vec<String> = Vec::new();
    let mut header: Vec<String> = Vec::new();
    if table.checkbox {
        columns.push("auto".to_string());
        header.push(format!("th({})", s("核对")));
    }
    if table.numbered {
        columns.push("auto".to_string());
        header.push(format!("th({})", s("序号")));
    }
    for column in &table.columns {
        columns.push(format!("{}fr", column.width.max(1)));
        header.push(format!("th({})", s(&column.title)));
    }
    let keep = table_lines(table) <= KEEP_LINES;
    // A table too long to keep whole may break, but not so that its first
    // rows or its last ones stand alone: an empty column of no width holds
    // one unbreakable cell across the first `KEEP_FIRST` rows and one across
    // the last `KEEP_LAST` (typst never splits the rows such a cell spans).
    let n_rows = table.rows.len();
    let glue = !keep && n_rows >= KEEP_FIRST + KEEP_LAST;
    if glue {
        columns.push("0pt".to_string());
        header.push("glue()".to_string());
    }
    let _ = write!(
        out,
        "#block(breakable: {}, table(columns: ({}), align: left + top,\n  table.header({}),\n",
        !keep,
        columns.join(", "),
        header.join(", ")
    );
    for (index, row) in table.rows.iter().enumerate() {
        let mut cells: Vec<String> = Vec::new();
        if table.checkbox {
            cells.push("align(center, cb)".to_string());
        }
        if table.numbered {
            cells.push(format!("align(center, {})", s(&row.number.to_string())));
        }
        for lines in &row.cells {
            let lines: Vec<String> = lines.iter().map(|l| s(l)).collect();
            cells.push(format!("cell({})", lines.join(", ")));
        }
        if glue {
            if index == 0 {
                cells.push(format!("glue(rows: {KEEP_FIRST})"));
            } else if index == n_rows - KEEP_LAST {
                cells.push(format!("glue(rows: {KEEP_LAST})"));
            } else if index >= KEEP_FIRST && index < n_rows - KEEP_LAST {
                cells.push("glue()".to_string());
            }
        }
        let _ = writeln!(out, "  {},", cells.join(", "));
    }
    out.push_str("))\n");
}

/// The width of a field table's name column (9em) in display columns.
const FIELD_NAME_COLUMNS: usize = 18;

/// About how many lines of text a table takes, its header included: each
/// row as many as its fullest cell wraps to in its column's share of the
/// body.
fn table_lines(table: &Table) -> usize {
    let fixed = 6 * (usize::from(table.checkbox) + usize::from(table.numbered));
    let total: usize = table.columns.iter().map(|c| usize::from(c.width.max(1))).sum();
    let widths: Vec<usize> = table
        .columns
        .iter()
        .map(|c| (BODY_COLUMNS - fixed) * usize::from(c.width.max(1)) / total.max(1))
        .collect();
    let titles: Vec<String> = table.columns.iter().map(|c| c.title.clone()).collect();
    let title_cells: Vec<&[String]> = titles.iter().map(std::slice::from_ref).collect();
    let rows: Vec<Vec<&[String]>> = std::iter::once(title_cells)
        .chain(
            table
                .rows
                .iter()
                .map(|row| row.cells.iter().map(Vec::as_slice).collect()),
        )
        .collect();
    estimated_lines(&rows, &widths)
}

/// Lines of `rows` whose cells (each a list of lines) wrap in columns of
/// `widths` display columns (less a little for the cell's inset).
fn estimated_lines(rows: &[Vec<&[String]>], widths: &[usize]) -> usize {
    rows.iter()
        .map(|cells| {
            cells
                .iter()
                .zip(widths)
                .map(|(lines, width)| {
                    let room = width.saturating_sub(2).max(2);
                    lines
                        .iter()
                        .map(|line| UnicodeWidthStr::width(line.as_str()).div_ceil(room).max(1))
                        .sum::<usize>()
                })
                .max()
                .unwrap_or(1)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::doc::{Column, Row};

    fn rows(n: usize, text: &str) -> Table {
        Table {
            class: "materials",
            columns: vec![
                Column {
                    title: "材料名称".to_string(),
                    width: 3,
                },
                Column {
                    title: "备注".to_string(),
                    width: 2,
                },
            ],
            rows: (1..=n)
                .map(|number| Row {
                    cells: vec![vec![format!("材料{number}")], vec![text.to_string()]],
                    when: None,
                    number,
                })
                .collect(),
            checkbox: false,
            numbered: true,
        }
    }

    /// A short table moves whole to the next page; a long one may break,
    /// but its first two rows and its last two stay together.
    #[test]
    fn short_tables_are_kept_whole_and_long_ones_keep_their_ends() {
        let mut out = String::new();
        table(&rows(3, "用于：食品经营许可（新办）"), &mut out);
        assert!(out.starts_with("#block(breakable: false, table("), "{out}");
        assert!(!out.contains("glue("), "{out}");

        let mut out = String::new();
        table(&rows(12, &"很长的说明".repeat(12)), &mut out);
        assert!(out.starts_with("#block(breakable: true, table("), "{out}");
        assert!(out.contains("columns: (auto, 3fr, 2fr, 0pt)"), "{out}");
        let lines: Vec<&str> = out.lines().collect();
        // The header, then each row in order.
        assert!(lines[1].contains("glue()"), "{}", lines[1]);
        assert!(lines[2].ends_with("glue(rows: 2),"), "{}", lines[2]);
        assert!(lines[3].ends_with("\"),") && !lines[3].contains("glue"), "{}", lines[3]);
        assert!(lines[4].ends_with("glue(),"), "{}", lines[4]);
        assert!(lines[12].ends_with("glue(rows: 2),"), "{}", lines[12]);
        assert!(!lines[13].contains("glue"), "{}", lines[13]);
    }

    /// `fonts/coverage.txt` says what the font covers; typst must agree,
    /// or E1301 would pass characters that print blank.
    #[test]
    fn the_coverage_table_matches_the_font() {
        assert_eq!(SHARED.fonts.len(), 2, "regular and bold");
        let mut disagree = Vec::new();
        for font in &SHARED.fonts {
            for code in 0..0x3_0000_u32 {
                let Some(c) = char::from_u32(code) else { continue };
                if matches!(c, '\n' | '\r' | '\t') {
                    continue;
                }
                let table = crate::fonts::covers(c);
                let typst = font.info().coverage.contains(code);
                if table != typst {
                    disagree.push(format!("U+{code:04X} table={table} font={typst}"));
                }
            }
        }
        assert!(
            disagree.is_empty(),
            "{} disagree, first: {:?}",
            disagree.len(),
            &disagree[..disagree.len().min(10)]
        );
    }
}
