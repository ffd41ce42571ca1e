//! Flow charts (流程图): the model of a chart, and its three renderings —
//! SVG laid out in pure Rust with layout-rs, Mermaid text and DOT text.
//!
//! An item's chart has one box per step, with its department, its duration,
//! its special procedure and the situations it applies in; the steps of the
//! longest path are drawn heavier, special procedures dashed. A thing's chart
//! starts at the one window (一窗受理), runs its items in parallel except
//! where the thing orders them, joins them at joint reviews (会签) and ends at
//! the one window that hands out results (统一出件).
//!
//! The SVG writer is our own (layout-rs's own hard-codes a Latin font and
//! orders its styles by hash): fixed number formatting, a CJK font family
//! list, explicit attributes rather than CSS so that typst's SVG reader
//! draws the same thing the browser does.

use super::model::{JointReviewDoc, StepDoc, ThingItemDoc};
use crate::fonts::CJK_FAMILY;
use crate::ir::Item;
use serde::Serialize;
use std::fmt::Write as _;
use unicode_width::UnicodeWidthChar;

/// What a box stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FlowKind {
    Start,
    Accept,
    Step,
    Special,
    Decide,
    Deliver,
    Item,
    JointReview,
    End,
}

/// One box of a chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlowNode {
    pub kind: FlowKind,
    pub title: String,
    /// Department, duration, special procedure, situation.
    pub lines: Vec<String>,
    /// On the longest path.
    pub critical: bool,
}

/// A chart: boxes and `(from, to)` arrows between them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FlowDoc {
    pub nodes: Vec<FlowNode>,
    pub edges: Vec<(usize, usize)>,
}

/// The chart of an item's steps.
pub fn item_flow(item: &Item, steps: &[StepDoc], critical: &[String]) -> FlowDoc {
    let mut flow = FlowDoc::default();
    for doc in steps {
        let kind = if doc.special.is_some() {
            FlowKind::Special
        } else {
            match doc.step_type {
                crate::ast::StepType::Accept => FlowKind::Accept,
                crate::ast::StepType::Decide => FlowKind::Decide,
                crate::ast::StepType::Deliver => FlowKind::Deliver,
                _ => FlowKind::Step,
            }
        };
        let mut lines = Vec::new();
        if let Some(department) = &doc.department {
            lines.push(department.clone());
        }
        match (&doc.duration, doc.counts_toward_limit) {
            (Some(duration), true) => lines.push(duration.clone()),
            (Some(duration), false) => lines.push(format!("{duration}（不计入时限）")),
            (None, _) => {}
        }
        if let Some(special) = &doc.special {
            lines.push(format!("特别程序：{special}"));
        }
        if let Some(when) = &doc.when {
            lines.push(format!("仅当 {}", when.text));
        }
        flow.nodes.push(FlowNode {
            kind,
            title: doc.name.clone(),
            lines,
            critical: critical.contains(&doc.name),
        });
    }
    for (index, step) in item.steps.values().enumerate() {
        for edge in &step.after {
            flow.edges.push((edge.from.index(), index));
        }
    }
    flow
}

/// The chart of a thing: one window, its items and joint reviews, one window.
pub fn thing_flow(
    items: &[ThingItemDoc],
    order: &[(String, String)],
    reviews: &[JointReviewDoc],
    critical: &[String],
) -> FlowDoc {
    let mut flow = FlowDoc::default();
    flow.nodes.push(FlowNode {
        kind: FlowKind::Start,
        title: "一窗受理".to_string(),
        lines: vec!["综合窗口一次收取全部材料".to_string()],
        critical: true,
    });
    for item in items {
        let mut lines = Vec::new();
        if let Some(department) = &item.department {
            lines.push(department.name.clone());
        }
        if let Some(limit) = &item.promised_limit {
            lines.push(format!("承诺 {}", limit.text));
        }
        flow.nodes.push(FlowNode {
            kind: FlowKind::Item,
            title: item.name.clone(),
            lines,
            critical: critical.contains(&item.name),
        });
    }
    let first_review = flow.nodes.len();
    for review in reviews {
        let mut lines = vec![review.departments.join("、")];
        if let Some(duration) = &review.duration {
            lines.push(duration.clone());
        }
        lines.extend(review.replaces.iter().map(|r| format!("代替 {r}")));
        if let Some(place) = &review.presence {
            lines.push(format!("申请人到{place}"));
        }
        let title = format!("会签：{}", review.name);
        flow.nodes.push(FlowNode {
            kind: FlowKind::JointReview,
            critical: critical.contains(&title),
            title,
            lines,
        });
    }
    let end = flow.nodes.len();
    flow.nodes.push(FlowNode {
        kind: FlowKind::End,
        title: "统一出件".to_string(),
        lines: vec!["综合窗口送达全部结果".to_string()],
        critical: true,
    });
    let position = |name: &str| items.iter().position(|i| i.name == name).map(|p| p + 1);
    for (before, after) in order {
        if let (Some(a), Some(b)) = (position(before), position(after)) {
            flow.edges.push((a, b));
        }
    }
    for (offset, review) in reviews.iter().enumerate() {
        for name in &review.after {
            if let Some(a) = position(name) {
                flow.edges.push((a, first_review + offset));
            }
        }
    }
    // The window feeds every box nothing else feeds; every box nothing
    // follows feeds the delivery.
    for node in 1..end {
        if !flow.edges.iter().any(|(_, to)| *to == node) {
            flow.edges.push((0, node));
        }
        if !flow.edges.iter().any(|(from, _)| *from == node) {
            flow.edges.push((node, end));
        }
    }
    flow.edges.sort_unstable();
    flow.edges.dedup();
    flow
}

/// The room layout-rs keeps around each box (across, and between ranks).
const BOX_HALO: layout::core::geometry::Point = layout::core::geometry::Point { x: 40.0, y: 30.0 };

/// Widest line in a box, in display columns (a Chinese character is two).
const WRAP_COLUMNS: usize = 26;
const FONT_SIZE: usize = 14;

/// Splits `text` into lines of at most `columns` display columns.
pub fn wrap(text: &str, columns: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut width = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        // Closing punctuation stays with the text before it.
        let closing = matches!(c, '，' | '。' | '、' | '）' | '；' | '：' | '”' | '》');
        if width + w > columns && !line.is_empty() && !closing {
            lines.push(std::mem::take(&mut line));
            width = 0;
        }
        line.push(c);
        width += w;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn node_lines(node: &FlowNode) -> Vec<String> {
    let mut lines = wrap(&node.title, WRAP_COLUMNS);
    for line in &node.lines {
        lines.extend(wrap(line, WRAP_COLUMNS));
    }
    lines
}

/// How many of a box's lines are its title (a long title wraps).
fn title_lines(node: &FlowNode) -> usize {
    wrap(&node.title, WRAP_COLUMNS).len()
}

/// The chart as SVG text, laid out by layout-rs.
pub fn svg(flow: &FlowDoc) -> String {
    use layout::core::base::Orientation;
    use layout::core::color::Color;
    use layout::core::geometry::{Point, Position};
    use layout::core::style::StyleAttr;
    use layout::std_shapes::shapes::{Arrow, Element, ShapeKind};
    use layout::topo::layout::VisualGraph;

    if flow.nodes.is_empty() {
        return empty_svg("（没有环节）");
    }
    let laid_out = std::panic::catch_unwind(|| {
        let mut canvas = SvgCanvas::default();
        for node in &flow.nodes {
            canvas
                .title_lines
                .insert(node_lines(node).join("\n"), title_lines(node));
        }
        let mut graph = VisualGraph::new(Orientation::TopToBottom);
        let handles: Vec<_> = flow
            .nodes
            .iter()
            .map(|node| {
                let (fill, stroke) = colours(node.kind);
                let look = StyleAttr::new(
                    Color::new(stroke),
                    if node.critical { 3 } else { 1 },
                    Some(Color::new(fill)),
                    if matches!(node.kind, FlowKind::Start | FlowKind::End) {
                        18
                    } else {
                        6
                    },
                    FONT_SIZE,
                );
                let label = node_lines(node).join("\n");
                // Text width: two columns make one em for Chinese; Latin
                // letters take about half. Padding around the text.
                let columns = node_lines(node)
                    .iter()
                    .map(|l| l.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>())
                    .max()
                    .unwrap_or(1);
                let n_lines = node_lines(node).len().max(1);
                let size = Point::new(
                    (columns as f64 * FONT_SIZE as f64 / 2.0 + 24.0).max(90.0),
                    n_lines as f64 * FONT_SIZE as f64 * 1.35 + 16.0,
                );
                let mut properties = kind_name(node.kind).to_string();
                if node.critical {
                    properties.push_str(" critical");
                }
                let mut element = Element::create_with_properties(
                    ShapeKind::new_box(&label),
                    look,
                    Orientation::TopToBottom,
                    size,
                    properties,
                );
                // layout-rs keeps 60 units around every box, more than an
                // arrow needs: a four-step chart took half a printed page.
                element.pos = Position::new(Point::zero(), size, Point::zero(), BOX_HALO);
                graph.add_node(element)
            })
            .collect();
        for (from, to) in &flow.edges {
            if let (Some(a), Some(b)) = (handles.get(*from), handles.get(*to)) {
                let mut arrow = Arrow::simple("");
                arrow.look = StyleAttr::new(Color::new(0x555555ff), 1, None, 0, FONT_SIZE);
                graph.add_edge(arrow, *a, *b);
            }
        }
        graph.do_it(false, false, false, &mut canvas);
        canvas.finish()
    });
    // layout-rs indexes freely; a graph it cannot lay out still gets a
    // readable chart: the boxes one under another.
    laid_out.unwrap_or_else(|_| list_svg(flow))
}

fn kind_name(kind: FlowKind) -> &'static str {
    match kind {
        FlowKind::Start => "start",
        FlowKind::Accept => "accept",
        FlowKind::Step => "step",
        FlowKind::Special => "special",
        FlowKind::Decide => "decide",
        FlowKind::Deliver => "deliver",
        FlowKind::Item => "item",
        FlowKind::JointReview => "joint-review",
        FlowKind::End => "end",
    }
}

/// `(fill, stroke)` as RGBA.
fn colours(kind: FlowKind) -> (u32, u32) {
    match kind {
        FlowKind::Start | FlowKind::End => (0xe8f0feff, 0x1a56dbff),
        FlowKind::Accept | FlowKind::Deliver => (0xeef6eeff, 0x2e7d32ff),
        FlowKind::Decide => (0xfff4e5ff, 0xb26a00ff),
        FlowKind::Special => (0xf5f5f5ff, 0x616161ff),
        FlowKind::JointReview => (0xfdecefff, 0xad1457ff),
        FlowKind::Item | FlowKind::Step => (0xffffffff, 0x37474fff),
    }
}

fn web(rgba: u32) -> String {
    format!("#{:06x}", rgba >> 8)
}

fn num(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    crate::ast::fmt_number(if rounded == 0.0 { 0.0 } else { rounded })
}

fn escape(text: &str) -> String {
    super::html::escape(text)
}

/// The chart as a file of its own beside the documents (`流程图.svg`): the
/// same drawing with the `@font-face` rules of the site's font, so it reads
/// in a browser without a Chinese font. `root` is the way from the chart's
/// folder to the output folder. (Inline in a page, the page's rules serve;
/// typst draws the chart with the font it is given.)
pub fn standalone(svg: &str, root: &str) -> String {
    let style = format!("<style>\n{}</style>\n", super::html::font_faces(&escape(root)));
    // After the opening tag, which ends its first line.
    match svg.find(">\n") {
        Some(at) => {
            let (open, rest) = svg.split_at(at + 2);
            format!("{open}{style}{rest}")
        }
        None => svg.to_string(),
    }
}

fn font_family() -> String {
    format!("'{CJK_FAMILY}', 'Noto Sans SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif")
}

/// layout-rs's drawing calls, written as SVG.
#[derive(Default)]
struct SvgCanvas {
    /// For each box's label, how many of its lines are the title (looked
    /// up, never iterated).
    title_lines: std::collections::HashMap<String, usize>,
    body: String,
    width: f64,
    height: f64,
    clips: usize,
}

impl SvgCanvas {
    fn grow(&mut self, x: f64, y: f64) {
        self.width = self.width.max(x + 8.0);
        self.height = self.height.max(y + 8.0);
    }

    fn finish(self) -> String {
        let mut out = String::new();
        let _ = write!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
             font-family=\"{family}\" font-size=\"{FONT_SIZE}\">\n\
             <defs><marker id=\"arrow\" markerWidth=\"10\" markerHeight=\"8\" refX=\"9\" refY=\"4\" orient=\"auto\">\
             <path d=\"M0,0 L10,4 L0,8 z\" fill=\"#555555\"/></marker></defs>\n",
            w = num(self.width),
            h = num(self.height),
            family = escape(&font_family()),
        );
        out.push_str(&self.body);
        out.push_str("</svg>\n");
        out
    }
}

impl layout::core::format::RenderBackend for SvgCanvas {
    fn draw_rect(
        &mut self,
        xy: layout::core::geometry::Point,
        size: layout::core::geometry::Point,
        look: &layout::core::style::StyleAttr,
        properties: Option<String>,
        _clip: Option<layout::core::format::ClipHandle>,
    ) {
        self.grow(xy.x + size.x, xy.y + size.y);
        let properties = properties.unwrap_or_default();
        let dash = if properties.split(' ').any(|p| p == "special") {
            " stroke-dasharray=\"6 3\""
        } else {
            ""
        };
        let _ = writeln!(
            self.body,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"{dash}/>",
            num(xy.x),
            num(xy.y),
            num(size.x),
            num(size.y),
            look.rounded,
            look.fill_color
                .map_or_else(|| "none".to_string(), |c| web(c.to_web_color_u32())),
            web(look.line_color.to_web_color_u32()),
            look.line_width,
        );
    }

    fn draw_line(
        &mut self,
        start: layout::core::geometry::Point,
        stop: layout::core::geometry::Point,
        look: &layout::core::style::StyleAttr,
        _properties: Option<String>,
    ) {
        self.grow(start.x.max(stop.x), start.y.max(stop.y));
        let _ = writeln!(
            self.body,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>",
            num(start.x),
            num(start.y),
            num(stop.x),
            num(stop.y),
            web(look.line_color.to_web_color_u32()),
            look.line_width
        );
    }

    fn draw_circle(
        &mut self,
        xy: layout::core::geometry::Point,
        size: layout::core::geometry::Point,
        look: &layout::core::style::StyleAttr,
        _properties: Option<String>,
    ) {
        self.grow(xy.x + size.x / 2.0, xy.y + size.y / 2.0);
        let _ = writeln!(
            self.body,
            "<ellipse cx=\"{}\" cy=\"{}\" rx=\"{}\" ry=\"{}\" fill=\"none\" stroke=\"{}\"/>",
            num(xy.x),
            num(xy.y),
            num(size.x / 2.0),
            num(size.y / 2.0),
            web(look.line_color.to_web_color_u32())
        );
    }

    fn draw_text(&mut self, xy: layout::core::geometry::Point, text: &str, look: &layout::core::style::StyleAttr) {
        let lines: Vec<&str> = text.lines().collect();
        let n_title = self.title_lines.get(text).copied().unwrap_or(1);
        let line_height = look.font_size as f64 * 1.35;
        let first = xy.y - line_height * (lines.len().saturating_sub(1)) as f64 / 2.0;
        let mut out = format!("<text text-anchor=\"middle\" x=\"{}\">", num(xy.x));
        for (index, line) in lines.iter().enumerate() {
            // The title is darker and larger than the details under it.
            let title = index < n_title;
            let fill = if title { "#111111" } else { "#444444" };
            let size = if title { look.font_size } else { look.font_size - 2 };
            let _ = write!(
                out,
                "<tspan x=\"{}\" y=\"{}\" fill=\"{fill}\" font-size=\"{size}\">{}</tspan>",
                num(xy.x),
                num(first + line_height * index as f64 + look.font_size as f64 * 0.35),
                escape(line)
            );
        }
        out.push_str("</text>\n");
        self.body.push_str(&out);
    }

    fn draw_arrow(
        &mut self,
        path: &[(layout::core::geometry::Point, layout::core::geometry::Point)],
        dashed: bool,
        head: (bool, bool),
        look: &layout::core::style::StyleAttr,
        _properties: Option<String>,
        _text: &str,
    ) {
        let (Some(first), Some(second)) = (path.first(), path.get(1)) else {
            return;
        };
        for (a, b) in path {
            self.grow(a.x.max(b.x), a.y.max(b.y));
        }
        let mut d = format!(
            "M {} {} C {} {}, {} {}, {} {}",
            num(first.0.x),
            num(first.0.y),
            num(first.1.x),
            num(first.1.y),
            num(second.0.x),
            num(second.0.y),
            num(second.1.x),
            num(second.1.y)
        );
        for (a, b) in path.iter().skip(2) {
            let _ = write!(d, " S {} {}, {} {}", num(a.x), num(a.y), num(b.x), num(b.y));
        }
        let _ = writeln!(
            self.body,
            "<path d=\"{d}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"{}{}/>",
            web(look.line_color.to_web_color_u32()),
            look.line_width,
            if dashed { " stroke-dasharray=\"5 4\"" } else { "" },
            if head.1 { " marker-end=\"url(#arrow)\"" } else { "" },
        );
    }

    fn create_clip(
        &mut self,
        _xy: layout::core::geometry::Point,
        _size: layout::core::geometry::Point,
        _rounded_px: usize,
    ) -> layout::core::format::ClipHandle {
        self.clips += 1;
        self.clips
    }
}

/// An SVG with one line of text, for a chart with no boxes.
fn empty_svg(text: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"240\" height=\"40\" viewBox=\"0 0 240 40\" \
         font-family=\"{}\" font-size=\"{FONT_SIZE}\">\n<text x=\"120\" y=\"25\" text-anchor=\"middle\">{}</text>\n</svg>\n",
        escape(&font_family()),
        escape(text)
    )
}

/// The boxes one under another, in order, when layout fails.
fn list_svg(flow: &FlowDoc) -> String {
    let mut body = String::new();
    let mut y = 8.0;
    // The same look as a laid-out chart: titles first, details smaller.
    for node in &flow.nodes {
        let lines = node_lines(node);
        let height = lines.len() as f64 * FONT_SIZE as f64 * 1.35 + 16.0;
        let _ = writeln!(
            body,
            "<rect x=\"8\" y=\"{}\" width=\"384\" height=\"{}\" rx=\"6\" fill=\"#ffffff\" stroke=\"#37474f\"/>",
            num(y),
            num(height)
        );
        for (index, line) in lines.iter().enumerate() {
            let _ = writeln!(
                body,
                "<text x=\"200\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                num(y + 8.0 + FONT_SIZE as f64 * (1.35 * index as f64 + 1.0)),
                escape(line)
            );
        }
        y += height + 16.0;
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"{h}\" viewBox=\"0 0 400 {h}\" \
         font-family=\"{}\" font-size=\"{FONT_SIZE}\">\n{body}</svg>\n",
        escape(&font_family()),
        h = num(y)
    )
}

/// The chart as Mermaid text (`flowchart TD`).
pub fn mermaid(flow: &FlowDoc) -> String {
    let mut out = String::from("flowchart TD\n");
    for (index, node) in flow.nodes.iter().enumerate() {
        let mut label = escape_mermaid(&node.title);
        for line in &node.lines {
            label.push_str("<br/>");
            label.push_str(&escape_mermaid(line));
        }
        let (open, close) = match node.kind {
            FlowKind::Start | FlowKind::End => ("([", "])"),
            FlowKind::Decide => ("{{", "}}"),
            FlowKind::JointReview => ("[[", "]]"),
            _ => ("[", "]"),
        };
        let _ = writeln!(out, "  n{index}{open}\"{label}\"{close}");
    }
    for (from, to) in &flow.edges {
        let _ = writeln!(out, "  n{from} --> n{to}");
    }
    let special: Vec<String> = flow
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.kind == FlowKind::Special)
        .map(|(i, _)| format!("n{i}"))
        .collect();
    if !special.is_empty() {
        let _ = writeln!(out, "  classDef special stroke-dasharray: 6 3");
        let _ = writeln!(out, "  class {} special", special.join(","));
    }
    let critical: Vec<String> = flow
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.critical)
        .map(|(i, _)| format!("n{i}"))
        .collect();
    if !critical.is_empty() {
        let _ = writeln!(out, "  classDef critical stroke-width: 3px");
        let _ = writeln!(out, "  class {} critical", critical.join(","));
    }
    out
}

/// Mermaid labels are quoted: a quote becomes `#quot;`, and a line break in
/// a name (a quoted name may hold `\n`) becomes the chart's own `<br/>`
/// instead of ending the statement.
fn escape_mermaid(text: &str) -> String {
    text.replace('"', "#quot;")
        .replace('<', "#lt;")
        .replace('>', "#gt;")
        .replace("\r\n", "<br/>")
        .replace(['\r', '\n'], "<br/>")
}

/// The chart as Graphviz DOT text.
pub fn dot(flow: &FlowDoc, title: &str) -> String {
    let mut out = format!(
        "digraph \"{}\" {{\n  rankdir=TB;\n  node [shape=box, style=\"rounded,filled\", fontname=\"{CJK_FAMILY}\", fillcolor=white];\n  edge [color=\"#555555\"];\n",
        escape_dot(title)
    );
    for (index, node) in flow.nodes.iter().enumerate() {
        let mut label = escape_dot(&node.title);
        for line in &node.lines {
            label.push_str("\\n");
            label.push_str(&escape_dot(line));
        }
        let (fill, stroke) = colours(node.kind);
        let mut style = String::from("rounded,filled");
        if node.kind == FlowKind::Special {
            style.push_str(",dashed");
        }
        let _ = writeln!(
            out,
            "  n{index} [label=\"{label}\", fillcolor=\"{}\", color=\"{}\", style=\"{style}\"{}];",
            web(fill),
            web(stroke),
            if node.critical { ", penwidth=3" } else { "" }
        );
    }
    for (from, to) in &flow.edges {
        let _ = writeln!(out, "  n{from} -> n{to};");
    }
    out.push_str("}\n");
    out
}

fn escape_dot(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

/// Colour helper: layout-rs gives colours as web strings only.
trait WebColour {
    fn to_web_color_u32(&self) -> u32;
}

impl WebColour for layout::core::color::Color {
    fn to_web_color_u32(&self) -> u32 {
        let text = self.to_web_color();
        let hex = text.trim_start_matches('#');
        let value = u32::from_str_radix(hex, 16).unwrap_or(0);
        if hex.len() == 6 { (value << 8) | 0xff } else { value }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_closing_punctuation_with_its_text() {
        let lines = wrap(
            "申请方式 = 告知承诺，且经营面积 ≥ 300平方米，或其他情形下需要的说明",
            12,
        );
        assert!(lines.iter().all(|l| !l.starts_with('，')), "{lines:?}");
        assert!(lines.len() > 2);
    }
}
