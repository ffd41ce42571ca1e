//! The documents as a small tree of blocks — headings, field tables,
//! tables with checkboxes, lists, the questionnaire, the flow chart — built
//! once from the model and laid out by each format (Markdown, HTML, PDF).
//!
//! This is where the content of each document is decided: what a
//! 一次性告知单, a 受理清单 and a 办事指南 contain, in which order, and how
//! situations show (materials grouped by the situation they apply in, each
//! group headed by its condition; the HTML questionnaire hides the groups and
//! rows that do not apply).

use super::cond::{CondDoc, CondExpr};
use super::model::{ItemDoc, MaterialDoc, SituationDoc, ThingDoc};
use serde::Serialize;

/// Which document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Kind {
    Guide,
    Notice,
    Checklist,
    /// 变更说明: what a change of the standards means for applicants
    /// (`yijian diff`), not one of an item's documents.
    Changes,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Guide, Kind::Notice, Kind::Checklist];

    /// The document's title, also its file name.
    pub fn title(self) -> &'static str {
        match self {
            Kind::Guide => "办事指南",
            Kind::Notice => "一次性告知单",
            Kind::Checklist => "受理清单",
            Kind::Changes => "变更说明",
        }
    }
}

/// One document.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub kind: Kind,
    /// The item's or thing's name.
    pub subject: String,
    /// `基本编码 000123012000`, or `一件事` for a thing; printed in page headers.
    pub reference: String,
    pub blocks: Vec<Block>,
}

impl Document {
    /// `一次性告知单：食品经营许可（新办）`.
    pub fn title(&self) -> String {
        format!("{}：{}", self.kind.title(), self.subject)
    }
}

#[derive(Debug, Clone, Serialize)]
pub enum Block {
    Heading(String),
    /// A smaller heading inside a section.
    Subheading(String),
    Text(String),
    /// A two-column table of names and values.
    Fields(Vec<(String, String)>),
    Table(Table),
    List(Vec<String>),
    /// The situation questions (HTML answers them; other formats list them),
    /// with a title of its own unless a section heading already names it.
    Questionnaire {
        situations: Vec<SituationDoc>,
        titled: bool,
    },
    /// The flow chart, as SVG text and as Mermaid text.
    Flow {
        svg: String,
        mermaid: String,
    },
    /// Lines to sign on paper.
    Signatures(Vec<String>),
    /// Links to files beside the document or web pages: `(label, address)`.
    /// Addresses are a relative path the build wrote or an `http(s)` address.
    Links(Vec<(String, String)>),
    /// Blocks that apply only in some situations.
    Group {
        when: CondDoc,
        blocks: Vec<Block>,
    },
}

/// A table; `checkbox` adds a box in front of each row to tick on paper
/// (or on screen), `numbered` a running number.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    /// What the rows are (`materials`, `checks`, `exempt`, `steps` …), for
    /// styling and for the questionnaire's count.
    pub class: &'static str,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    pub checkbox: bool,
    pub numbered: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub title: String,
    /// Relative width.
    pub width: u8,
}

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// Each cell's lines.
    pub cells: Vec<Vec<String>>,
    /// The row applies only when this holds.
    pub when: Option<CondExpr>,
    /// The running number (when the table is numbered).
    pub number: usize,
}

fn column(title: &str, width: u8) -> Column {
    Column {
        title: title.to_string(),
        width,
    }
}

const MISSING: &str = "未填写";
/// For what the rules need not state (a step's own time limit, the legal
/// limit of a public service): nothing to fill in, so not 未填写.
const NONE: &str = "—";

fn or_missing(value: Option<&str>) -> String {
    value.map_or_else(|| MISSING.to_string(), str::to_string)
}

fn days(value: f64) -> String {
    crate::ast::duration::print(
        crate::ast::duration::of_working_days(value),
        crate::diagnostics::Lang::Zh,
        crate::ast::duration::Style::Document,
    )
}

/// The documents of an item.
pub fn item_documents(item: &ItemDoc, flow: &Block) -> Vec<Document> {
    Kind::ALL
        .iter()
        .map(|kind| Document {
            kind: *kind,
            subject: item.name.clone(),
            reference: item
                .code
                .as_ref()
                .map_or_else(|| "基本编码 未填写".to_string(), |c| format!("基本编码 {c}")),
            blocks: match kind {
                Kind::Notice => item_notice(item),
                Kind::Checklist => item_checklist(item),
                Kind::Guide => item_guide(item, flow),
                Kind::Changes => Vec::new(),
            },
        })
        .collect()
}

/// The documents of a thing.
pub fn thing_documents(thing: &ThingDoc, items: &[ItemDoc], flow: &Block) -> Vec<Document> {
    Kind::ALL
        .iter()
        .map(|kind| Document {
            kind: *kind,
            subject: thing.name.clone(),
            reference: format!("一件事 · {} 个事项", thing.items.len()),
            blocks: match kind {
                Kind::Notice => thing_notice(thing),
                Kind::Checklist => thing_checklist(thing, items),
                Kind::Guide => thing_guide(thing, items, flow),
                Kind::Changes => Vec::new(),
            },
        })
        .collect()
}

// ------------------------------------------------------------ materials

/// Materials to bring, grouped: those asked in every situation first, then
/// one group per condition, in the order the conditions first appear.
fn groups(materials: &[MaterialDoc]) -> Vec<(Option<&CondDoc>, Vec<&MaterialDoc>)> {
    let mut out: Vec<(Option<&CondDoc>, Vec<&MaterialDoc>)> = vec![(None, Vec::new())];
    for m in materials.iter().filter(|m| m.exempt.is_none()) {
        match &m.when {
            None => {
                if let Some((_, list)) = out.first_mut() {
                    list.push(m);
                }
            }
            Some(when) => match out.iter_mut().find(|(w, _)| w.is_some_and(|w| w.text == when.text)) {
                Some((_, list)) => list.push(m),
                None => out.push((Some(when), vec![m])),
            },
        }
    }
    out.retain(|(_, list)| !list.is_empty());
    out
}

fn requirement(m: &MaterialDoc) -> Vec<String> {
    let mut lines = vec![format!("{} {} 份", m.copy, m.copies), m.form.text().to_string()];
    if let Some(spec) = &m.spec {
        lines.push(format!("规格：{spec}"));
    }
    lines
}

fn origin(m: &MaterialDoc) -> Vec<String> {
    let mut lines = Vec::new();
    match (&m.source, &m.issued_by) {
        (Some(source), Some(by)) => lines.push(format!("{source}：{by}")),
        (Some(source), None) => lines.push(source.clone()),
        (None, Some(by)) => lines.push(by.clone()),
        (None, None) => lines.push(MISSING.to_string()),
    }
    lines
}

fn remarks(m: &MaterialDoc, with_items: bool) -> Vec<String> {
    let mut lines = Vec::new();
    if m.deferrable {
        lines.push(match &m.supply_deadline {
            Some(deadline) => format!("可容缺：签署承诺书后 {deadline}内补交"),
            None => "可容缺：签署承诺书后补交".to_string(),
        });
    }
    if m.optional {
        lines.push("非必要".to_string());
    }
    if let Some(description) = &m.description {
        lines.push(description.clone());
    }
    if with_items {
        lines.push(format!("用于：{}", m.items.join("、")));
    }
    lines
}

fn basis(m: &MaterialDoc) -> Vec<String> {
    if m.basis.is_empty() {
        vec![MISSING.to_string()]
    } else {
        m.basis.clone()
    }
}

/// The numbered tables of materials to bring (notice and guide).
fn material_tables(materials: &[MaterialDoc], with_items: bool) -> Vec<Block> {
    let mut out = Vec::new();
    let mut number = 0;
    for (when, list) in groups(materials) {
        let rows = list
            .iter()
            .map(|m| {
                number += 1;
                Row {
                    cells: vec![
                        vec![m.name.clone()],
                        requirement(m),
                        origin(m),
                        basis(m),
                        remarks(m, with_items),
                    ],
                    when: None,
                    number,
                }
            })
            .collect();
        let table = Block::Table(Table {
            class: "materials",
            columns: vec![
                column("材料名称", 4),
                column("要求", 3),
                column("来源", 3),
                column("依据", 4),
                column("备注", 4),
            ],
            rows,
            checkbox: false,
            numbered: true,
        });
        match when {
            None => out.push(table),
            Some(when) => out.push(Block::Group {
                when: when.clone(),
                blocks: vec![Block::Subheading(format!("{}时，还需提交", when.text)), table],
            }),
        }
    }
    if out.is_empty() {
        out.push(Block::Text("不需要申请人提交材料。".to_string()));
    }
    out
}

/// The table of materials data sharing spares.
fn exempt_table(materials: &[MaterialDoc], with_items: bool) -> Option<Block> {
    let rows: Vec<Row> = materials
        .iter()
        .filter_map(|m| Some((m, m.exempt.as_ref()?)))
        .enumerate()
        .map(|(index, (m, exempt))| {
            let mut name = vec![m.name.clone()];
            if let Some(when) = &m.when {
                name.push(format!("（{}时）", when.text));
            }
            let mut note = vec![if exempt.sources.is_empty() {
                "由窗口通过数据共享获取".to_string()
            } else {
                exempt.sources.join("、")
            }];
            if with_items {
                note.push(format!("用于：{}", m.items.join("、")));
            }
            Row {
                cells: vec![name, note, basis(m)],
                when: m.when.as_ref().map(|w| w.expr.clone()),
                number: index + 1,
            }
        })
        .collect();
    (!rows.is_empty()).then(|| {
        Block::Table(Table {
            class: "exempt",
            columns: vec![column("材料名称", 4), column("数据来源", 5), column("依据", 5)],
            rows,
            checkbox: false,
            numbered: true,
        })
    })
}

// ------------------------------------------------------------ item documents

fn contact_fields(item: &ItemDoc) -> Vec<(String, String)> {
    vec![
        ("办理地点".to_string(), or_missing(item.address.as_deref())),
        ("办理时间".to_string(), or_missing(item.hours.as_deref())),
        // The IR already falls back to the department's and the zone's phone.
        ("咨询电话".to_string(), or_missing(item.phone.as_deref())),
        ("监督投诉电话".to_string(), or_missing(item.complaint_phone.as_deref())),
    ]
}

fn limit_blocks(item: &ItemDoc) -> Vec<Block> {
    let mut fields = Vec::new();
    // Not every type of item has a legal limit (E0402 requires it where the law sets one).
    if let Some(legal) = &item.legal_limit {
        fields.push(("法定办结时限".to_string(), legal.text.clone()));
    }
    fields.push((
        "承诺办结时限".to_string(),
        or_missing(item.promised_limit.as_ref().map(|l| l.text.as_str())),
    ));
    fields.push(("办件类型".to_string(), or_missing(item.kind.as_deref())));
    let mut out = vec![Block::Fields(fields)];
    // Where situations change the time, say how long each takes.
    if item.timing.len() > 1 {
        out.push(Block::Text("不同情形下，按办理流程计算的时间：".to_string()));
        out.push(Block::Table(Table {
            class: "timing",
            columns: vec![column("情形", 5), column("办理时间", 3), column("经过的环节", 6)],
            rows: item
                .timing
                .iter()
                .enumerate()
                .map(|(index, t)| Row {
                    cells: vec![
                        vec![t.when.clone()],
                        vec![days(t.working_days)],
                        t.paths.iter().map(|p| p.join(" → ")).collect(),
                    ],
                    when: None,
                    number: index + 1,
                })
                .collect(),
            checkbox: false,
            numbered: false,
        }));
    }
    out
}

fn visit_blocks(item: &ItemDoc) -> Vec<Block> {
    let v = &item.visits;
    let visits = v.claimed.unwrap_or(v.computed);
    let mut out = vec![Block::Fields(vec![
        ("到办事现场次数".to_string(), format!("最多 {visits} 次")),
        ("网上办理深度".to_string(), v.online_depth_text.clone()),
    ])];
    if !v.reasons.is_empty() {
        out.push(Block::Text(format!("需要到现场的原因：{}。", v.reasons.join("；"))));
    }
    out
}

fn item_notice(item: &ItemDoc) -> Vec<Block> {
    let mut out = vec![
        Block::Fields(
            [
                vec![
                    ("事项名称".to_string(), item.name.clone()),
                    ("基本编码".to_string(), or_missing(item.code.as_deref())),
                    (
                        "实施部门".to_string(),
                        or_missing(item.department.as_ref().map(|d| d.display())),
                    ),
                ],
                contact_fields(item),
            ]
            .concat(),
        ),
        Block::Text(format!(
            "您申请办理“{}”，需要提交的全部材料如下，请一次备齐。除本告知单所列材料外，窗口不再要求您提交其他材料。",
            item.name
        )),
    ];
    let mut section = notice_materials(&mut out, &item.materials, false);
    if !item.intermediaries.is_empty() {
        out.push(Block::Heading(format!(
            "{}、申请前需要办理的中介服务",
            chinese_number(section)
        )));
        out.push(intermediaries_table(item));
        section += 1;
    }
    if !item.approval_conditions.is_empty() {
        out.push(Block::Heading(format!("{}、审批条件", chinese_number(section))));
        out.extend(approval_blocks(item));
        section += 1;
    }
    out.push(Block::Heading(format!("{}、办理时限", chinese_number(section))));
    out.extend(limit_blocks(item));
    section += 1;
    out.push(Block::Heading(format!("{}、收费", chinese_number(section))));
    out.push(Block::Fields(fee_fields(
        item.fee.as_deref(),
        item.fee_basis.as_deref(),
    )));
    section += 1;
    out.push(Block::Heading(format!("{}、到现场次数", chinese_number(section))));
    out.extend(visit_blocks(item));
    out.push(Block::Signatures(vec![
        "告知窗口（盖章）".to_string(),
        "告知人".to_string(),
        "申请人签收".to_string(),
        "日期".to_string(),
    ]));
    out
}

/// The 审批条件: decided by the department after acceptance, so the counter
/// does not tick them.
fn approval_blocks(item: &ItemDoc) -> Vec<Block> {
    vec![
        Block::Text("以下条件由审批部门在受理后审查决定，窗口受理时不作核验：".to_string()),
        Block::List(item.approval_conditions.clone()),
    ]
}

/// The services the applicant obtains from intermediaries before applying.
fn intermediaries_table(item: &ItemDoc) -> Block {
    Block::Table(Table {
        class: "intermediaries",
        columns: vec![
            column("中介服务", 4),
            column("时限", 3),
            column("收费", 3),
            column("依据", 4),
        ],
        rows: item
            .intermediaries
            .iter()
            .enumerate()
            .map(|(index, i)| {
                let mut name = vec![i.name.clone()];
                if let Some(description) = &i.description {
                    name.push(description.clone());
                }
                let mut fee = vec![or_missing(i.fee.as_deref())];
                if let Some(basis) = &i.fee_basis {
                    fee.push(format!("收费依据：{basis}"));
                }
                Row {
                    cells: vec![
                        name,
                        vec![i.duration.clone().unwrap_or_else(|| NONE.to_string())],
                        fee,
                        if i.basis.is_empty() {
                            vec![NONE.to_string()]
                        } else {
                            i.basis.clone()
                        },
                    ],
                    when: None,
                    number: index + 1,
                }
            })
            .collect(),
        checkbox: false,
        numbered: true,
    })
}

/// 是否支持物流快递 and 邮寄申请, where the item offers them.
fn delivery_fields(item: &ItemDoc) -> Vec<(String, String)> {
    if item.results.is_empty() {
        return Vec::new();
    }
    let mut fields = vec![(
        "是否支持物流快递".to_string(),
        item.courier.clone().unwrap_or_else(|| "不支持".to_string()),
    )];
    if item.apply_by_post {
        fields.push((
            "邮寄申请".to_string(),
            "支持：申请材料可以邮寄递交（需要核验原件的除外）".to_string(),
        ));
    }
    fields
}

fn fee_fields(fee: Option<&str>, basis: Option<&str>) -> Vec<(String, String)> {
    let mut fields = vec![("是否收费".to_string(), or_missing(fee))];
    if let Some(basis) = basis {
        fields.push(("收费依据".to_string(), basis.to_string()));
    }
    fields
}

/// The checkbox rows of materials to check, per group.
fn check_tables(materials: &[MaterialDoc], with_items: bool) -> Vec<Block> {
    let mut out = Vec::new();
    let mut number = 0;
    for (when, list) in groups(materials) {
        let rows = list
            .iter()
            .map(|m| {
                number += 1;
                let mut name = vec![m.name.clone()];
                if m.deferrable {
                    name.push(match &m.supply_deadline {
                        Some(deadline) => format!("【可容缺，{deadline}内补交】"),
                        None => "【可容缺】".to_string(),
                    });
                }
                if with_items {
                    name.push(format!("（{}）", m.items.join("、")));
                }
                let mut checks = m.verify.clone();
                if let Some(description) = &m.description {
                    checks.push(description.clone());
                }
                Row {
                    cells: vec![name, requirement(m), checks],
                    when: None,
                    number,
                }
            })
            .collect();
        let table = Block::Table(Table {
            class: "checks",
            columns: vec![column("材料", 4), column("份数和形式", 3), column("核验要点", 7)],
            rows,
            checkbox: true,
            numbered: true,
        });
        match when {
            None => out.push(table),
            Some(when) => out.push(Block::Group {
                when: when.clone(),
                blocks: vec![Block::Subheading(format!("仅在 {} 时收取", when.text)), table],
            }),
        }
    }
    out
}

fn shared_checks(materials: &[MaterialDoc], with_items: bool) -> Option<Block> {
    let rows: Vec<Row> = materials
        .iter()
        .filter(|m| m.exempt.is_some())
        .enumerate()
        .map(|(index, m)| {
            let mut name = vec![m.name.clone()];
            if let Some(when) = &m.when {
                name.push(format!("（{}时）", when.text));
            }
            if with_items {
                name.push(format!("（{}）", m.items.join("、")));
            }
            Row {
                cells: vec![name, m.verify.clone()],
                when: m.when.as_ref().map(|w| w.expr.clone()),
                number: index + 1,
            }
        })
        .collect();
    (!rows.is_empty()).then(|| {
        Block::Table(Table {
            class: "shared",
            columns: vec![column("材料", 5), column("核验方式", 9)],
            rows,
            checkbox: true,
            numbered: false,
        })
    })
}

fn conclusion(materials: &[MaterialDoc]) -> Block {
    let mut rows = vec!["材料齐全、符合法定形式，予以受理".to_string()];
    if materials.iter().any(|m| m.deferrable) {
        rows.push("容缺受理：申请人已签署承诺书，补交材料和时限已写明".to_string());
    }
    rows.push("材料不齐全或不符合法定形式，当场出具一次性告知单".to_string());
    rows.push("不属于受理范围，出具不予受理通知并说明理由".to_string());
    Block::Table(Table {
        class: "conclusion",
        columns: vec![column("受理结论", 14)],
        rows: rows
            .into_iter()
            .enumerate()
            .map(|(index, text)| Row {
                cells: vec![vec![text]],
                when: None,
                number: index + 1,
            })
            .collect(),
        checkbox: true,
        numbered: false,
    })
}

fn conditions_table(conditions: &[(String, Option<String>)]) -> Block {
    Block::Table(Table {
        class: "conditions",
        columns: vec![column("受理条件", 14)],
        rows: conditions
            .iter()
            .enumerate()
            .map(|(index, (text, item))| Row {
                cells: vec![match item {
                    Some(item) => vec![text.clone(), format!("（{item}）")],
                    None => vec![text.clone()],
                }],
                when: None,
                number: index + 1,
            })
            .collect(),
        checkbox: true,
        numbered: false,
    })
}

fn item_checklist(item: &ItemDoc) -> Vec<Block> {
    let fields = vec![
        ("事项名称".to_string(), item.name.clone()),
        ("基本编码".to_string(), or_missing(item.code.as_deref())),
        (
            "实施部门".to_string(),
            or_missing(item.department.as_ref().map(|d| d.display())),
        ),
        ("受理窗口".to_string(), or_missing(item.address.as_deref())),
        ("申请人".to_string(), String::new()),
    ];
    let conditions: Vec<(String, Option<String>)> = item.conditions.iter().map(|c| (c.clone(), None)).collect();
    checklist(fields, &conditions, &item.situations, &item.materials, false)
}

/// A 受理清单 after its header fields: conditions, the applicant's
/// situations, the materials to check (one set for a thing, `merged`), the
/// materials checked by sharing, the conclusion and the signatures.
fn checklist(
    fields: Vec<(String, String)>,
    conditions: &[(String, Option<String>)],
    situations: &[SituationDoc],
    materials: &[MaterialDoc],
    merged: bool,
) -> Vec<Block> {
    let mut out = vec![Block::Fields(fields)];
    let mut section = 1;
    if !conditions.is_empty() {
        out.push(Block::Heading(format!("{}、受理条件", chinese_number(section))));
        out.push(conditions_table(conditions));
        section += 1;
    }
    if !situations.is_empty() {
        out.push(Block::Heading(format!("{}、申请人的情形", chinese_number(section))));
        out.push(Block::Questionnaire {
            situations: situations.to_vec(),
            titled: false,
        });
        section += 1;
    }
    let heading = if merged {
        "收取材料（一套材料）"
    } else {
        "收取材料"
    };
    out.push(Block::Heading(format!("{}、{heading}", chinese_number(section))));
    out.extend(check_tables(materials, merged));
    section += 1;
    if let Some(table) = shared_checks(materials, merged) {
        out.push(Block::Heading(format!(
            "{}、共享核验（申请人免提交）",
            chinese_number(section)
        )));
        out.push(table);
        section += 1;
    }
    out.push(Block::Heading(format!("{}、受理结论", chinese_number(section))));
    out.push(conclusion(materials));
    out.push(Block::Signatures(vec![
        "受理人".to_string(),
        "受理日期".to_string(),
        "申请人确认".to_string(),
    ]));
    out
}

fn item_guide(item: &ItemDoc, flow: &Block) -> Vec<Block> {
    let mut out = Vec::new();
    if !item.situations.is_empty() {
        out.push(Block::Questionnaire {
            situations: item.situations.clone(),
            titled: true,
        });
    }
    let mut fields = vec![
        ("事项名称".to_string(), item.name.clone()),
        ("基本编码".to_string(), or_missing(item.code.as_deref())),
        ("事项类型".to_string(), or_missing(item.item_type.as_deref())),
        (
            "实施主体".to_string(),
            or_missing(item.department.as_ref().map(|d| d.display())),
        ),
        ("行使层级".to_string(), join_or_missing(&item.levels)),
        ("服务对象".to_string(), join_or_missing(&item.serves)),
        ("办件类型".to_string(), or_missing(item.kind.as_deref())),
    ];
    if let Some(zone) = &item.zone {
        fields.push(("受理功能区".to_string(), zone.clone()));
    }
    let mut n = 0;
    let mut heading = |text: &str| {
        n += 1;
        Block::Heading(format!("{}、{text}", chinese_number(n)))
    };
    out.push(heading("基本信息"));
    out.push(Block::Fields(fields));
    out.push(heading("设定依据"));
    out.push(list_or_missing(&item.legal_basis));
    if !item.implementation_basis.is_empty() {
        out.push(heading("实施依据"));
        out.push(Block::List(item.implementation_basis.clone()));
    }
    out.push(heading("受理条件"));
    out.push(list_or_missing(&item.conditions));
    if !item.approval_conditions.is_empty() {
        out.push(heading("审批条件"));
        out.extend(approval_blocks(item));
    }
    if !item.intermediaries.is_empty() {
        out.push(heading("中介服务"));
        out.push(intermediaries_table(item));
    }
    out.push(heading("申请材料"));
    out.extend(material_tables(&item.materials, false));
    if let Some(table) = exempt_table(&item.materials, false) {
        out.push(Block::Subheading("免于提交（通过数据共享获取）".to_string()));
        out.push(table);
    }
    out.push(heading("办理流程"));
    out.push(steps_table(item));
    out.push(flow.clone());
    out.push(heading("办理时限"));
    out.extend(limit_blocks(item));
    out.push(heading("收费标准"));
    out.push(Block::Fields(fee_fields(
        item.fee.as_deref(),
        item.fee_basis.as_deref(),
    )));
    out.push(heading("审批结果"));
    out.push(results_table(&item.results, false));
    let samples: Vec<(String, String)> = item
        .results
        .iter()
        .filter_map(|r| Some((format!("{}样本", r.name), r.sample_href.clone()?)))
        .collect();
    if !samples.is_empty() {
        out.push(Block::Links(samples));
    }
    let delivery = delivery_fields(item);
    if !delivery.is_empty() {
        out.push(Block::Fields(delivery));
    }
    out.push(heading("到办事现场次数和网上办理深度"));
    out.extend(visit_blocks(item));
    out.push(heading("办理地点、时间和咨询投诉"));
    out.push(Block::Fields(contact_fields(item)));
    if let Some(description) = &item.description {
        out.push(heading("说明"));
        out.push(Block::Text(description.clone()));
    }
    out
}

fn join_or_missing(values: &[String]) -> String {
    if values.is_empty() {
        MISSING.to_string()
    } else {
        values.join("、")
    }
}

fn list_or_missing(values: &[String]) -> Block {
    if values.is_empty() {
        Block::Text(MISSING.to_string())
    } else {
        Block::List(values.to_vec())
    }
}

fn steps_table(item: &ItemDoc) -> Block {
    let rows = item
        .steps
        .iter()
        .enumerate()
        .map(|(index, s)| {
            let mut time = vec![s.duration.clone().unwrap_or_else(|| NONE.to_string())];
            if !s.counts_toward_limit {
                time.push("不计入办结时限".to_string());
            }
            let mut notes = Vec::new();
            if let Some(special) = &s.special {
                notes.push(format!("特别程序：{special}"));
            }
            if let Some(when) = &s.when {
                notes.push(format!("仅当 {}", when.text));
            }
            if !s.requires.is_empty() {
                notes.push(format!("审核材料：{}", s.requires.join("、")));
            }
            if !s.produces.is_empty() {
                notes.push(format!("产出：{}", s.produces.join("、")));
            }
            if !s.delivers.is_empty() {
                notes.push(format!("送达：{}", s.delivers.join("、")));
            }
            if let Some(description) = &s.description {
                notes.push(description.clone());
            }
            Row {
                cells: vec![
                    // The kind of step, unless its name already says it.
                    if s.name.contains(s.step_type.zh()) {
                        vec![s.name.clone()]
                    } else {
                        vec![s.name.clone(), format!("（{}）", s.step_type.zh())]
                    },
                    vec![
                        s.department_full
                            .clone()
                            .or_else(|| s.department.clone())
                            .unwrap_or_else(|| MISSING.to_string()),
                    ],
                    time,
                    notes,
                ],
                when: s.when.as_ref().map(|w| w.expr.clone()),
                number: index + 1,
            }
        })
        .collect();
    Block::Table(Table {
        class: "steps",
        columns: vec![
            column("环节", 3),
            column("办理部门", 3),
            column("时限", 3),
            column("说明", 7),
        ],
        rows,
        checkbox: false,
        numbered: true,
    })
}

fn results_table(results: &[super::model::ResultDoc], with_items: bool) -> Block {
    if results.is_empty() {
        return Block::Text(MISSING.to_string());
    }
    let rows = results
        .iter()
        .enumerate()
        .map(|(index, r)| {
            let mut name = vec![r.name.clone()];
            if with_items && let Some(item) = &r.item {
                name.push(format!("（{item}）"));
            }
            let mut notes = Vec::new();
            if let Some(validity) = &r.validity {
                notes.push(format!("有效期：{validity}"));
            }
            if let Some(sample) = &r.sample {
                notes.push(format!("样本：{sample}"));
            }
            if let Some(description) = &r.description {
                notes.push(description.clone());
            }
            Row {
                cells: vec![
                    name,
                    vec![r.result_type.clone().unwrap_or_else(|| MISSING.to_string())],
                    vec![join_or_missing(&r.delivery)],
                    notes,
                ],
                when: None,
                number: index + 1,
            }
        })
        .collect();
    Block::Table(Table {
        class: "results",
        columns: vec![
            column("结果名称", 4),
            column("类型", 2),
            column("送达方式", 3),
            column("说明", 5),
        ],
        rows,
        checkbox: false,
        numbered: false,
    })
}

// ------------------------------------------------------------ thing documents

fn thing_fields(thing: &ThingDoc) -> Vec<(String, String)> {
    let mut fields = vec![
        ("一件事".to_string(), thing.name.clone()),
        (
            "牵头部门".to_string(),
            or_missing(thing.lead.as_ref().map(|d| d.display())),
        ),
        ("受理窗口".to_string(), thing_window(thing)),
        (
            "包含事项".to_string(),
            thing
                .items
                .iter()
                .filter(|i| !i.optional)
                .map(|i| i.name.as_str())
                .collect::<Vec<_>>()
                .join("、"),
        ),
    ];
    let optional: Vec<String> = thing
        .items
        .iter()
        .filter(|i| i.optional)
        .map(|i| format!("{}（{}）", i.name, optional_note(i)))
        .collect();
    if !optional.is_empty() {
        fields.push(("选办事项".to_string(), optional.join("、")));
    }
    fields.push((
        "承诺办结时限".to_string(),
        or_missing(thing.promised_limit.as_ref().map(|l| l.text.as_str())),
    ));
    if let Some(phone) = thing.lead.as_ref().and_then(|d| d.phone.as_ref()) {
        fields.push(("咨询电话".to_string(), phone.clone()));
    }
    fields
}

/// An item of a thing as named next to what it alone asks for: an optional
/// item says so, since not every applicant needs it.
fn member_label(item: &super::model::ThingItemDoc) -> String {
    if item.on_request {
        format!("{}，按需选办", item.name)
    } else if item.optional {
        format!("{}，选办：{}", item.name, optional_note(item))
    } else {
        item.name.clone()
    }
}

/// A 一次性告知单's first sections: the materials to bring, then those
/// obtained by sharing. Returns the number of the next section.
fn notice_materials(out: &mut Vec<Block>, materials: &[MaterialDoc], merged: bool) -> usize {
    out.push(Block::Heading("一、需要提交的材料".to_string()));
    out.extend(material_tables(materials, merged));
    let mut section = 2;
    if let Some(table) = exempt_table(materials, merged) {
        out.push(Block::Heading(format!("{}、免于提交的材料", chinese_number(section))));
        out.push(Block::Text(
            "以下材料由窗口通过数据共享获取，您不必提交（《国务院关于在线政务服务的若干规定》）：".to_string(),
        ));
        out.push(table);
        section += 1;
    }
    section
}

/// When an optional item is done: at the applicant's request, or in the
/// situations its condition names.
fn optional_note(item: &super::model::ThingItemDoc) -> String {
    match (&item.when, item.on_request) {
        (Some(when), false) => format!("仅当{}", when.text),
        _ => "按需选办".to_string(),
    }
}

/// Where a thing is applied for: its zone's comprehensive windows.
fn thing_window(thing: &ThingDoc) -> String {
    match (&thing.zone_full_name, &thing.zone) {
        (Some(full), _) => format!("{full}的综合窗口"),
        (None, Some(zone)) => format!("{zone}的综合窗口"),
        (None, None) => MISSING.to_string(),
    }
}

/// Per item: where, when, fee and phone numbers (a thing has none of its own).
fn thing_items_table(thing: &ThingDoc) -> Block {
    let rows = thing
        .items
        .iter()
        .enumerate()
        .map(|(index, i)| {
            let mut contact = Vec::new();
            if let Some(phone) = &i.phone {
                contact.push(format!("咨询：{phone}"));
            }
            if let Some(phone) = &i.complaint_phone {
                contact.push(format!("投诉：{phone}"));
            }
            if contact.is_empty() {
                contact.push(MISSING.to_string());
            }
            let mut name = vec![i.name.clone()];
            if let Some(description) = &i.description {
                name.push(description.clone());
            }
            if i.optional {
                name.push(if i.on_request {
                    "按需选办".to_string()
                } else {
                    format!("选办：{}", optional_note(i))
                });
            }
            Row {
                cells: vec![
                    name,
                    vec![or_missing(i.department.as_ref().map(|d| d.display()))],
                    vec![
                        format!("法定：{}", i.legal_limit.as_ref().map_or(NONE, |l| l.text.as_str())),
                        format!(
                            "承诺：{}",
                            or_missing(i.promised_limit.as_ref().map(|l| l.text.as_str()))
                        ),
                    ],
                    vec![or_missing(i.fee.as_deref())],
                    contact,
                ],
                when: i.when.as_ref().map(|w| w.expr.clone()),
                number: index + 1,
            }
        })
        .collect();
    Block::Table(Table {
        class: "items",
        columns: vec![
            column("事项", 4),
            column("实施部门", 4),
            column("时限", 4),
            column("收费", 2),
            column("咨询和投诉", 4),
        ],
        rows,
        checkbox: false,
        numbered: true,
    })
}

fn thing_notice(thing: &ThingDoc) -> Vec<Block> {
    let mut out = vec![
        Block::Fields(thing_fields(thing)),
        Block::Text(format!(
            "您申请办理“{}”这件事，其中 {} 个事项的材料已经合并，同一份材料只收一次。需要提交的全部材料如下，请一次备齐；除本告知单所列材料外，窗口不再要求您提交其他材料。{}",
            thing.name,
            thing.items.len(),
            if thing.items.iter().any(|i| i.optional) {
                "选办事项只在您选择办理或符合所写情形时办理，它的材料注明了适用情形。"
            } else {
                ""
            }
        )),
    ];
    let mut section = notice_materials(&mut out, &thing.materials, true);
    out.push(Block::Heading(format!(
        "{}、各事项的办理部门、时限和收费",
        chinese_number(section)
    )));
    out.push(thing_items_table(thing));
    section += 1;
    out.push(Block::Heading(format!("{}、到现场次数", chinese_number(section))));
    let visits = thing.visits_claimed.unwrap_or(thing.figures.visits.1);
    let mut fields = vec![("到办事现场次数".to_string(), format!("最多 {visits} 次"))];
    if let Some(depth) = thing.online_depth_claimed {
        fields.push(("网上办理深度".to_string(), super::model::online_depth_text(depth)));
    }
    out.push(Block::Fields(fields));
    if !thing.figures.visit_reasons.is_empty() {
        out.push(Block::Text(format!(
            "可能需要到现场的原因：{}。",
            thing.figures.visit_reasons.join("；")
        )));
    }
    out.push(Block::Signatures(vec![
        "告知窗口（盖章）".to_string(),
        "告知人".to_string(),
        "申请人签收".to_string(),
        "日期".to_string(),
    ]));
    out
}

fn thing_checklist(thing: &ThingDoc, items: &[super::model::ItemDoc]) -> Vec<Block> {
    let fields = vec![
        ("一件事".to_string(), thing.name.clone()),
        (
            "牵头部门".to_string(),
            or_missing(thing.lead.as_ref().map(|d| d.display())),
        ),
        ("受理功能区".to_string(), or_missing(thing.zone.as_deref())),
        ("申请人".to_string(), String::new()),
    ];
    let conditions: Vec<(String, Option<String>)> = thing
        .items
        .iter()
        .filter_map(|member| items.get(member.index).map(|i| (member, i)))
        .flat_map(|(member, i)| i.conditions.iter().map(|c| (c.clone(), Some(member_label(member)))))
        .collect();
    checklist(fields, &conditions, &thing.situations, &thing.materials, true)
}

fn thing_guide(thing: &ThingDoc, items: &[super::model::ItemDoc], flow: &Block) -> Vec<Block> {
    let mut out = Vec::new();
    if !thing.situations.is_empty() {
        out.push(Block::Questionnaire {
            situations: thing.situations.clone(),
            titled: true,
        });
    }
    let mut n = 0;
    let mut heading = |text: &str| {
        n += 1;
        Block::Heading(format!("{}、{text}", chinese_number(n)))
    };
    out.push(heading("基本信息"));
    let mut fields = thing_fields(thing);
    let visits = thing.visits_claimed.unwrap_or(thing.figures.visits.1);
    fields.push(("到办事现场次数".to_string(), format!("最多 {visits} 次")));
    if let Some(depth) = thing.online_depth_claimed {
        fields.push(("网上办理深度".to_string(), super::model::online_depth_text(depth)));
    }
    out.push(Block::Fields(fields));
    if let Some(description) = &thing.description {
        out.push(Block::Text(description.clone()));
    }
    out.push(heading("包含的事项"));
    out.push(thing_items_table(thing));
    out.push(heading("合并办理的效果（按规则计算）"));
    let f = &thing.figures;
    let pair = |label: &str, a: String, b: String| Row {
        cells: vec![vec![label.to_string()], vec![a], vec![b]],
        when: None,
        number: 0,
    };
    out.push(Block::Table(Table {
        class: "figures",
        columns: vec![column("", 4), column("逐项办理", 5), column("一件事办理", 5)],
        rows: vec![
            pair(
                "申请人提交的材料",
                format!("{} 份", f.materials.0),
                format!("{} 份", f.materials.1),
            ),
            pair("办理环节", format!("{} 个", f.steps.0), format!("{} 个", f.steps.1)),
            pair("到现场次数", format!("{} 次", f.visits.0), format!("{} 次", f.visits.1)),
            pair("办理时间（按规则计算）", days(f.days.0), days(f.days.1)),
        ],
        checkbox: false,
        numbered: false,
    }));
    if let Some(when) = &f.when {
        out.push(Block::Text(format!(
            "以上按办理事项最多的情形（{when}）计算，选办事项不办理时材料、环节和时间相应减少。"
        )));
    }
    out.push(heading("受理条件"));
    let conditions: Vec<String> = thing
        .items
        .iter()
        .filter_map(|member| items.get(member.index).map(|i| (member, i)))
        .flat_map(|(member, i)| i.conditions.iter().map(|c| format!("{c}（{}）", member_label(member))))
        .collect();
    out.push(list_or_missing(&conditions));
    let approval: Vec<String> = thing
        .items
        .iter()
        .filter_map(|member| items.get(member.index).map(|i| (member, i)))
        .flat_map(|(member, i)| {
            i.approval_conditions
                .iter()
                .map(|c| format!("{c}（{}）", member_label(member)))
        })
        .collect();
    if !approval.is_empty() {
        out.push(heading("审批条件"));
        out.push(Block::Text(
            "以下条件由各审批部门在受理后审查决定，窗口受理时不作核验：".to_string(),
        ));
        out.push(Block::List(approval));
    }
    out.push(heading("申请材料（一套材料）"));
    out.extend(material_tables(&thing.materials, true));
    if let Some(table) = exempt_table(&thing.materials, true) {
        out.push(Block::Subheading("免于提交（通过数据共享获取）".to_string()));
        out.push(table);
    }
    out.push(heading("办理流程"));
    let mut flow_text = vec!["一窗受理：综合窗口一次收取全部材料，分送各实施部门。".to_string()];
    if thing.order.is_empty() {
        flow_text.push("各事项并联办理。".to_string());
    } else {
        let order: Vec<String> = thing.order.iter().map(|(a, b)| format!("{a} → {b}")).collect();
        flow_text.push(format!("办理顺序：{}；其余事项并联办理。", order.join("；")));
    }
    for r in &thing.joint_reviews {
        let mut text = format!("会签“{}”：{}", r.name, r.departments.join("、"));
        if let Some(duration) = &r.duration {
            text.push_str(&format!("，{duration}"));
        }
        if !r.after.is_empty() {
            text.push_str(&format!("，在{}之后", r.after.join("、")));
        }
        if let Some(when) = &r.when {
            text.push_str(&format!("，仅在“{when}”时进行"));
        }
        if !r.replaces.is_empty() {
            text.push_str(&format!("，代替各事项的以下环节：{}", r.replaces.join("；")));
        }
        if let Some(place) = &r.presence {
            text.push_str(&format!("；申请人要到{place}"));
        }
        flow_text.push(format!("{text}。"));
    }
    flow_text.push("统一出件：综合窗口送达全部审批结果。".to_string());
    if !f.critical_path.is_empty() {
        flow_text.push(format!(
            "关键路径：{}，共 {}。",
            f.critical_path.join(" → "),
            days(f.days.1)
        ));
    }
    out.push(Block::List(flow_text));
    out.push(flow.clone());
    out.push(heading("审批结果"));
    out.push(results_table(&thing.results, true));
    out
}

/// 一, 二 … 十九 for section numbers.
pub fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let digit = |d: usize| DIGITS.get(d).copied().unwrap_or("");
    match n {
        0..=9 => digit(n).to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", digit(n - 10)),
        20..=99 => format!(
            "{}十{}",
            digit(n / 10),
            if n.is_multiple_of(10) { "" } else { digit(n % 10) }
        ),
        _ => n.to_string(),
    }
}
