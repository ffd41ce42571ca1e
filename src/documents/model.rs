//! The document model: everything the documents of an item or a thing say,
//! computed once from the IR and the analyses: text where a document prints
//! the value as it is, typed values (written as their Chinese words in
//! `model.json`) where a document or the model itself decides by them.
//!
//! The renderers (Markdown, HTML, PDF, flow charts) only lay this model out;
//! none of them reads the IR or recomputes a figure, so the formats cannot
//! disagree. The model is also the JSON export (`model.json`). Values the
//! rules leave out stay `None`; renderers print them as 未填写 rather than
//! inventing a default.

use super::cond::{self, CondDoc};
use super::flow::FlowDoc;
use super::write::Namer;
use crate::analysis::Analyses;
use crate::analysis::bundles::{BundleFigures, BundleStep};
use crate::analysis::sharing::providers_of;
use crate::analysis::situations::{ItemSituations, describe, upper};
use crate::analysis::time::critical_path;
use crate::analysis::visits::everything;
use crate::ast::{CopyKind, Duration, DurationUnit, Form, Necessity, Source, StepType};
use crate::graph::Graphs;
use crate::ir::{DataSourceId, DeptId, Domain, Fee, Ir, Item, ItemId, ItemMaterial, ThingId, ZoneId, get};
use crate::keywords::FieldKw;
use crate::workspace::Compiled;
use serde::Serialize;

/// The model of one workspace's documents.
#[derive(Debug, Clone, Serialize)]
pub struct Model {
    /// The workspace's name (its manifest's `name`, else its folder).
    pub workspace: String,
    pub items: Vec<ItemDoc>,
    pub things: Vec<ThingDoc>,
    /// Items and things by hall zone, in declaration order; `None` holds
    /// those without a zone.
    pub zones: Vec<Group>,
    /// Items by implementing department and things by lead department.
    pub departments: Vec<Group>,
}

/// A zone or department with what belongs to it (indices into the model).
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub name: Option<String>,
    pub full_name: Option<String>,
    pub items: Vec<usize>,
    pub things: Vec<usize>,
}

/// A department as documents name it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeptRef {
    pub name: String,
    pub full_name: Option<String>,
    pub phone: Option<String>,
}

impl DeptRef {
    /// The full name where written, else the short one.
    pub fn display(&self) -> &str {
        self.full_name.as_deref().unwrap_or(&self.name)
    }
}

/// A time limit for people, with working days for comparisons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LimitDoc {
    /// `5 个工作日`, `当场办结`, `30 日`.
    pub text: String,
    pub working_days: f64,
}

/// An item's documents.
#[derive(Debug, Clone, Serialize)]
pub struct ItemDoc {
    /// The item's folder name in the output.
    pub slug: String,
    pub name: String,
    pub code: Option<String>,
    pub item_type: Option<String>,
    pub department: Option<DeptRef>,
    pub zone: Option<String>,
    pub legal_basis: Vec<String>,
    pub levels: Vec<String>,
    pub serves: Vec<String>,
    pub conditions: Vec<String>,
    /// 审批条件: printed in the guide and the notice, never ticked at the counter.
    pub approval_conditions: Vec<String>,
    pub implementation_basis: Vec<String>,
    /// 是否支持物流快递 as a guide prints it (`支持（免费寄递）`), when a result can be posted.
    pub courier: Option<String>,
    pub apply_by_post: bool,
    pub intermediaries: Vec<IntermediaryDoc>,
    pub legal_limit: Option<LimitDoc>,
    pub promised_limit: Option<LimitDoc>,
    /// 即办件 or 承诺件, from the promised limit.
    pub kind: Option<String>,
    /// `不收费`, or the fee as written.
    pub fee: Option<String>,
    pub fee_basis: Option<String>,
    pub address: Option<String>,
    pub hours: Option<String>,
    pub phone: Option<String>,
    pub complaint_phone: Option<String>,
    pub visits: VisitsDoc,
    pub description: Option<String>,
    pub situations: Vec<SituationDoc>,
    pub materials: Vec<MaterialDoc>,
    pub steps: Vec<StepDoc>,
    pub results: Vec<ResultDoc>,
    /// The critical path in each group of situations that takes a different
    /// time (one entry when situations do not change it).
    pub timing: Vec<TimingDoc>,
    pub flow: FlowDoc,
}

/// A 中介服务 the applicant obtains before applying.
#[derive(Debug, Clone, Serialize)]
pub struct IntermediaryDoc {
    pub name: String,
    /// `不收费`, or the fee as written.
    pub fee: Option<String>,
    pub fee_basis: Option<String>,
    pub duration: Option<String>,
    pub basis: Vec<String>,
    pub description: Option<String>,
}

/// Visits and online depth: what the rules claim and what they imply.
#[derive(Debug, Clone, Serialize)]
pub struct VisitsDoc {
    pub claimed: Option<u32>,
    /// In the situation where everything applies.
    pub computed: u32,
    pub reasons: Vec<String>,
    pub online_depth_claimed: Option<u32>,
    pub online_depth: u32,
    /// `四级（全程网办）` …
    pub online_depth_text: String,
}

/// A situation question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SituationDoc {
    /// The name the questionnaire answers under (`婚生`; `出生登记·婚生` when
    /// two items of a thing ask different things under one name).
    pub key: String,
    pub name: String,
    pub question: Option<String>,
    pub answer: AnswerDoc,
    /// The items that ask it (for a thing).
    pub items: Vec<String>,
}

/// How a situation question is answered.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum AnswerDoc {
    Choice {
        values: Vec<String>,
    },
    YesNo,
    Number {
        min: Option<f64>,
        max: Option<f64>,
        unit: Option<String>,
        /// Only whole numbers (`类型：整数`); left out of the JSON otherwise.
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        integer: bool,
    },
}

/// A material as the applicant and the clerk need to know it.
#[derive(Debug, Clone, Serialize)]
pub struct MaterialDoc {
    pub name: String,
    /// 必要, 非必要 or 容缺.
    #[serde(serialize_with = "as_word")]
    pub necessity: Necessity,
    pub deferrable: bool,
    pub optional: bool,
    pub supply_deadline: Option<String>,
    /// How the applicant hands it over, as the guide prints it.
    pub copy: String,
    pub copy_kind: CopyKind,
    pub copies: u32,
    /// 纸质, 电子, 纸质或电子.
    pub form: FormDoc,
    pub spec: Option<String>,
    /// 来源渠道 as written.
    pub source: Option<String>,
    #[serde(skip)]
    pub source_kind: Option<Source>,
    pub issued_by: Option<String>,
    pub basis: Vec<String>,
    pub description: Option<String>,
    /// 免提交: obtained by data sharing, with the sources that supply it.
    pub exempt: Option<ExemptDoc>,
    /// Only in these situations; `None` in every situation.
    pub when: Option<CondDoc>,
    /// What the counter checks on receipt.
    pub verify: Vec<String>,
    /// The items that ask for it (for a thing).
    pub items: Vec<String>,
}

/// Why a material need not be brought.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExemptDoc {
    /// `电子证照库（数据局）` …; empty when the workspace names no trusted source.
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StepDoc {
    pub name: String,
    #[serde(serialize_with = "as_word")]
    pub step_type: StepType,
    /// The short name (the flow chart's boxes).
    pub department: Option<String>,
    /// The full name (the guide's process table).
    pub department_full: Option<String>,
    pub duration: Option<String>,
    pub counts_toward_limit: bool,
    pub special: Option<String>,
    pub after: Vec<String>,
    pub requires: Vec<String>,
    pub produces: Vec<String>,
    pub delivers: Vec<String>,
    pub when: Option<CondDoc>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ResultDoc {
    pub name: String,
    /// The item that gives it (for a thing).
    pub item: Option<String>,
    pub result_type: Option<String>,
    pub delivery: Vec<String>,
    pub sample: Option<String>,
    /// Where the sample can be seen: a web address, or the copy of its file
    /// the build writes beside the documents (`样本/许可证.pdf`).
    pub sample_href: Option<String>,
    /// The sample file to copy there.
    #[serde(skip)]
    pub sample_file: Option<std::path::PathBuf>,
    /// 有效期.
    pub validity: Option<String>,
    pub description: Option<String>,
}

/// The time one group of situations takes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimingDoc {
    /// `任何情形`, `申请方式 = 告知承诺`, or `最长（所有环节都适用时）`.
    pub when: String,
    pub working_days: f64,
    /// The critical paths that take this long (step names), each once.
    pub paths: Vec<Vec<String>>,
}

/// A thing's documents: its items merged.
#[derive(Debug, Clone, Serialize)]
pub struct ThingDoc {
    pub slug: String,
    pub name: String,
    pub lead: Option<DeptRef>,
    pub zone: Option<String>,
    pub zone_full_name: Option<String>,
    pub description: Option<String>,
    pub promised_limit: Option<LimitDoc>,
    pub visits_claimed: Option<u32>,
    pub online_depth_claimed: Option<u32>,
    pub items: Vec<ThingItemDoc>,
    pub order: Vec<(String, String)>,
    pub joint_reviews: Vec<JointReviewDoc>,
    pub figures: FiguresDoc,
    pub situations: Vec<SituationDoc>,
    pub materials: Vec<MaterialDoc>,
    pub results: Vec<ResultDoc>,
    pub flow: FlowDoc,
}

/// One item of a thing, with what the thing's documents say about it.
#[derive(Debug, Clone, Serialize)]
pub struct ThingItemDoc {
    pub name: String,
    /// Index into the model's items.
    pub index: usize,
    /// A 选办事项: only some applicants need it.
    pub optional: bool,
    /// A 选办事项 written without a condition: done when the applicant asks.
    pub on_request: bool,
    /// When it is done (for a 选办事项).
    pub when: Option<CondDoc>,
    /// What the thing says about it (a 选办事项's `说明`).
    pub description: Option<String>,
    pub department: Option<DeptRef>,
    pub promised_limit: Option<LimitDoc>,
    pub legal_limit: Option<LimitDoc>,
    pub fee: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub complaint_phone: Option<String>,
    pub conditions: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct JointReviewDoc {
    pub name: String,
    pub group: Option<String>,
    pub departments: Vec<String>,
    pub duration: Option<String>,
    pub after: Vec<String>,
    /// When it takes place, in the rules' words (`None`: always).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// The items' steps it does instead (`替代`), as `item：step、step`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<String>,
    /// Where the applicant has to be during it (`到场`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub presence: Option<String>,
}

/// The bundle against its items one by one.
#[derive(Debug, Clone, Serialize)]
pub struct FiguresDoc {
    pub materials: (usize, usize),
    pub steps: (usize, usize),
    pub visits: (u32, u32),
    pub days: (f64, f64),
    pub visit_reasons: Vec<String>,
    /// Items and joint reviews on the bundle's critical path.
    pub critical_path: Vec<String>,
    /// The situations the figures are computed for, when optional items
    /// make them differ (the group with the most items).
    pub when: Option<String>,
}

/// At most this many groups of situations get their own line of timing;
/// beyond, only the longest is printed.
const MAX_TIMING_LINES: usize = 6;

/// At most this many groups of situations are looked at one by one for the
/// time per situation; beyond, the guide gives the longest.
const MAX_TIMING_SCENARIOS: usize = 1_000;

/// Computes the model of a checked workspace from its analyses.
pub fn compute(workspace: &str, compiled: &Compiled) -> Model {
    let (ir, graphs, analyses) = (&compiled.ir, &compiled.graphs, &compiled.analyses);
    let context = Context {
        ir,
        providers: analyses.providers(),
    };
    let mut item_names = Namer::default();
    let mut items = Vec::with_capacity(ir.items.len());
    for (index, item) in ir.items.values().enumerate() {
        let id = ItemId::from_index(index);
        let slug = item_names.name(&item.name);
        let keys: Vec<String> = item.situations.values().map(|s| s.name.clone()).collect();
        let graph = graphs.items.get(index);
        let worst = analyses.worst(ir, id).cloned().unwrap_or_else(|| everything(item));
        let analysis = analyses.situations(id);
        items.push(item_doc(&context, item, slug, &keys, graph, analysis, worst));
    }
    let mut thing_names = Namer::default();
    let things: Vec<ThingDoc> = ir
        .things
        .values()
        .enumerate()
        .map(|(index, thing)| {
            let slug = thing_names.name(&thing.name);
            thing_doc(
                &context,
                graphs,
                analyses,
                &items,
                ThingId::from_index(index),
                thing,
                slug,
            )
        })
        .collect();
    let zones = groups(
        ir.zones.values().map(|z| (z.name.clone(), z.full_name.clone())),
        ir.items.values().map(|i| i.zone.map(ZoneId::index)),
        ir.things.values().map(|t| t.zone.map(ZoneId::index)),
    );
    let departments = groups(
        ir.departments.values().map(|d| (d.name.clone(), d.full_name.clone())),
        ir.items.values().map(|i| i.implemented_by.map(DeptId::index)),
        ir.things.values().map(|t| t.lead.map(DeptId::index)),
    );
    Model {
        workspace: workspace.to_string(),
        items,
        things,
        zones,
        departments,
    }
}

/// A sample file larger than this is not copied (a guide's sample is a page or two).
const MAX_SAMPLE_BYTES: u64 = 50 * 1024 * 1024;

/// Points each result's sample at what the build will write or link: a web
/// address as it is, a file that exists as its copy under `样本/` beside the
/// documents (W1304 reports one that does not). `rule_files` are the paths of
/// the workspace's files, by file id.
pub fn attach_samples(model: &mut Model, ir: &Ir, rule_files: &[String]) {
    for (doc, item) in model.items.iter_mut().zip(ir.items.values()) {
        let Some(path) = rule_files.get(item.file.0 as usize) else {
            continue;
        };
        let mut taken: Vec<String> = Vec::new();
        for (result, def) in doc.results.iter_mut().zip(item.results.values()) {
            let Some(written) = def.sample() else { continue };
            match crate::workspace::sample(&written.value, path) {
                crate::workspace::Sample::Link(url) => result.sample_href = Some(url),
                crate::workspace::Sample::File(file)
                    if std::fs::metadata(&file).is_ok_and(|m| m.is_file() && m.len() <= MAX_SAMPLE_BYTES) =>
                {
                    if let Some(name) = file.file_name() {
                        // Two samples with one file name get distinct copies.
                        let mut name = name.to_string_lossy().into_owned();
                        if taken.contains(&name) {
                            name = format!("{}-{name}", taken.len() + 1);
                        }
                        taken.push(name.clone());
                        result.sample_href = Some(format!("样本/{name}"));
                        result.sample_file = Some(file);
                    }
                }
                _ => {}
            }
        }
    }
}

/// Groups items and things by the index they name; groups with nothing are
/// left out, and one unnamed group collects those naming none.
fn groups(
    names: impl Iterator<Item = (String, Option<String>)>,
    items: impl Iterator<Item = Option<usize>>,
    things: impl Iterator<Item = Option<usize>>,
) -> Vec<Group> {
    let mut out: Vec<Group> = names
        .map(|(name, full_name)| Group {
            name: Some(name),
            full_name,
            items: Vec::new(),
            things: Vec::new(),
        })
        .collect();
    let mut none = Group {
        name: None,
        full_name: None,
        items: Vec::new(),
        things: Vec::new(),
    };
    for (index, group) in items.enumerate() {
        match group.and_then(|g| out.get_mut(g)) {
            Some(g) => g.items.push(index),
            None => none.items.push(index),
        }
    }
    for (index, group) in things.enumerate() {
        match group.and_then(|g| out.get_mut(g)) {
            Some(g) => g.things.push(index),
            None => none.things.push(index),
        }
    }
    out.retain(|g| !g.items.is_empty() || !g.things.is_empty());
    if !none.items.is_empty() || !none.things.is_empty() {
        out.push(none);
    }
    out
}

struct Context<'a> {
    ir: &'a Ir,
    providers: &'a [Vec<DataSourceId>],
}

impl Context<'_> {
    fn dept(&self, id: Option<DeptId>) -> Option<DeptRef> {
        let d = get(&self.ir.departments, id?.index())?;
        Some(DeptRef {
            name: d.name.clone(),
            full_name: d.full_name.clone(),
            phone: d.phone.clone(),
        })
    }

    fn dept_name(&self, id: Option<DeptId>) -> Option<String> {
        id.and_then(|id| get(&self.ir.departments, id.index()))
            .map(|d| d.name.clone())
    }
}

/// `5 个工作日`, `当场办结`, `30 日`: a limit, where on the spot reads 当场办结.
pub fn limit_text(duration: Duration) -> String {
    match duration.unit {
        DurationUnit::OnTheSpot => "当场办结".to_string(),
        _ => duration_text(duration),
    }
}

/// `3 个工作日`, `当场`: a step's duration.
pub fn duration_text(duration: Duration) -> String {
    crate::ast::duration::print(
        duration,
        crate::diagnostics::Lang::Zh,
        crate::ast::duration::Style::Document,
    )
}

fn limit(duration: Option<crate::ast::Spanned<Duration>>) -> Option<LimitDoc> {
    duration.map(|d| LimitDoc {
        text: limit_text(d.value),
        working_days: crate::analysis::time::working_days(d.value),
    })
}

/// `四级（全程网办）` … for an online depth.
pub fn online_depth_text(depth: u32) -> String {
    match depth {
        4 => "四级（全程网办，不用到现场）".to_string(),
        3 => "三级（网上受理，最多到现场一次）".to_string(),
        2 => "二级（网上预审，仍要到现场递交）".to_string(),
        1 => "一级（网上咨询、下载表格）".to_string(),
        other => format!("{other} 级"),
    }
}

/// What a document prints after a value the rules mark 待核实.
pub const UNCONFIRMED: &str = "（待核实）";

/// `text`, marked when `field` is among `marks`.
fn marked(text: String, marks: &[FieldKw], field: FieldKw) -> String {
    if marks.contains(&field) {
        text + UNCONFIRMED
    } else {
        text
    }
}

/// Each text, marked when `field` is among `marks`.
fn marked_all(texts: &[String], marks: &[FieldKw], field: FieldKw) -> Vec<String> {
    texts.iter().map(|t| marked(t.clone(), marks, field)).collect()
}

fn fee_text(fee: Option<&Fee>) -> Option<String> {
    fee.map(|f| match f {
        Fee::Free => "不收费".to_string(),
        Fee::Charged(text) => text.clone(),
    })
}

fn item_doc(
    cx: &Context<'_>,
    item: &Item,
    slug: String,
    keys: &[String],
    graph: Option<&crate::graph::ItemGraph>,
    analysis: Option<&ItemSituations>,
    worst: crate::analysis::visits::Visits,
) -> ItemDoc {
    let ir = cx.ir;
    let materials: Vec<MaterialDoc> = item
        .materials
        .values()
        .map(|m| material_doc(cx, item, m, keys))
        .collect();
    let steps: Vec<StepDoc> = item
        .steps
        .values()
        .map(|s| StepDoc {
            name: s.name.clone(),
            step_type: s.step_type,
            department: cx.dept_name(s.department.or(item.implemented_by)),
            department_full: cx
                .dept(s.department.or(item.implemented_by))
                .map(|d| d.display().to_string()),
            duration: s
                .duration
                .map(|d| marked(duration_text(d.value), s.unconfirmed(), FieldKw::Duration)),
            counts_toward_limit: s.counts_toward_limit,
            special: s.special.map(|sp| sp.zh().to_string()),
            after: s
                .after
                .iter()
                .filter_map(|e| item.steps.get_index(e.from.index()))
                .map(|p| p.name.clone())
                .collect(),
            requires: s.requires.iter().map(|(r, _)| material_name(ir, item, *r)).collect(),
            produces: s
                .produces
                .iter()
                .map(|(p, _)| match p {
                    crate::ir::Produced::Result(r) => result_name(item, *r),
                    crate::ir::Produced::Material(m) => material_name(ir, item, *m),
                })
                .collect(),
            delivers: s.delivers.iter().map(|(r, _)| result_name(item, *r)).collect(),
            when: s.when.as_deref().map(|c| cond::convert(&item.situations, c, keys)),
            description: s.description().map(str::to_string),
        })
        .collect();
    let results = item
        .results
        .values()
        .map(|r| ResultDoc {
            name: r.name.clone(),
            item: None,
            result_type: r.result_type.map(|t| t.zh().to_string()),
            delivery: r.delivery.iter().map(|d| d.zh().to_string()).collect(),
            sample: r
                .sample()
                .map(|t| marked(t.value.clone(), r.unconfirmed(), FieldKw::Sample)),
            sample_href: None,
            sample_file: None,
            validity: r
                .validity()
                .map(|t| marked(t.to_string(), r.unconfirmed(), FieldKw::Validity)),
            description: r.description().map(str::to_string),
        })
        .collect();
    let marks = &item.unconfirmed;
    let posted = item
        .results
        .values()
        .any(|r| r.delivery.contains(&crate::ast::Delivery::Courier));
    let courier = posted.then(|| match &item.courier_fee {
        Some(Fee::Free) => marked("支持（免费寄递）".to_string(), marks, FieldKw::CourierFee),
        Some(Fee::Charged(text)) => marked(format!("支持（寄递费用：{text}）"), marks, FieldKw::CourierFee),
        None => "支持".to_string(),
    });
    let timing = match (graph, analysis) {
        (Some(graph), Some(analysis)) => timing(item, graph, analysis),
        _ => Vec::new(),
    };
    let critical: Vec<String> = timing
        .iter()
        .max_by(|a, b| a.working_days.total_cmp(&b.working_days))
        .and_then(|t| t.paths.first().cloned())
        .unwrap_or_default();
    let flow = super::flow::item_flow(item, &steps, &critical);
    ItemDoc {
        slug,
        name: item.name.clone(),
        code: item
            .code
            .as_ref()
            .map(|c| marked(c.value.clone(), marks, FieldKw::Code)),
        item_type: item
            .item_type
            .map(|t| marked(t.value.zh().to_string(), marks, FieldKw::Type)),
        department: cx.dept(item.implemented_by),
        zone: item
            .zone
            .and_then(|z| get(&ir.zones, z.index()))
            .map(|z| z.name.clone()),
        legal_basis: marked_all(&item.legal_basis, marks, FieldKw::LegalBasis),
        levels: item.levels.iter().map(|l| l.zh().to_string()).collect(),
        serves: item.serves.iter().map(|s| s.zh().to_string()).collect(),
        conditions: item
            .conditions
            .iter()
            .map(|c| marked(c.value.clone(), marks, FieldKw::Conditions))
            .collect(),
        approval_conditions: item
            .approval_conditions
            .iter()
            .map(|c| marked(c.value.clone(), marks, FieldKw::ApprovalConditions))
            .collect(),
        implementation_basis: marked_all(&item.implementation_basis, marks, FieldKw::ImplementationBasis),
        courier,
        apply_by_post: item.apply_by_post,
        intermediaries: item
            .intermediaries
            .iter()
            .map(|i| IntermediaryDoc {
                name: i.name.clone(),
                fee: fee_text(i.fee.as_ref()).map(|t| marked(t, &i.unconfirmed, FieldKw::Fee)),
                fee_basis: i.fee_basis.clone(),
                duration: i
                    .duration
                    .map(|d| marked(limit_text(d.value), &i.unconfirmed, FieldKw::Duration)),
                basis: marked_all(&i.basis, &i.unconfirmed, FieldKw::Basis),
                description: i.description.clone(),
            })
            .collect(),
        legal_limit: limit(item.legal_limit).map(|l| LimitDoc {
            text: marked(l.text, marks, FieldKw::LegalLimit),
            ..l
        }),
        promised_limit: limit(item.promised_limit).map(|l| LimitDoc {
            text: marked(l.text, marks, FieldKw::PromisedLimit),
            ..l
        }),
        kind: item.promised_limit.map(|p| {
            if p.value.unit == DurationUnit::OnTheSpot {
                "即办件".to_string()
            } else {
                "承诺件".to_string()
            }
        }),
        fee: fee_text(item.fee.as_ref()).map(|t| marked(t, marks, FieldKw::Fee)),
        fee_basis: item.fee_basis.clone().map(|t| marked(t, marks, FieldKw::FeeBasis)),
        address: item.address.clone().map(|t| marked(t, marks, FieldKw::Address)),
        hours: item.hours.clone().map(|t| marked(t, marks, FieldKw::Hours)),
        phone: item.phone.clone().map(|t| marked(t, marks, FieldKw::Phone)),
        complaint_phone: item
            .complaint_phone
            .clone()
            .map(|t| marked(t, marks, FieldKw::ComplaintPhone)),
        visits: VisitsDoc {
            claimed: item.visits.map(|v| v.value),
            computed: worst.visits,
            reasons: worst.reasons.iter().map(|r| r.zh()).collect(),
            online_depth_claimed: item.online_depth.map(|d| d.value),
            online_depth: worst.online_depth,
            online_depth_text: online_depth_text(item.online_depth.map_or(worst.online_depth, |d| d.value)),
        },
        description: item.description.clone(),
        situations: item
            .situations
            .values()
            .zip(keys)
            .map(|(s, key)| situation_doc(s, key.clone(), vec![item.name.clone()]))
            .collect(),
        materials,
        steps,
        results,
        timing,
        flow,
    }
}

fn material_name(ir: &Ir, item: &Item, r: crate::ir::MaterialRef) -> String {
    match r {
        crate::ir::MaterialRef::Item(id) => item
            .materials
            .get_index(id.index())
            .map(|m| m.name.clone())
            .unwrap_or_default(),
        crate::ir::MaterialRef::Library(id) => get(&ir.materials, id.index())
            .map(|m| m.name.clone())
            .unwrap_or_default(),
    }
}

fn result_name(item: &Item, r: crate::ir::ResultId) -> String {
    item.results
        .get_index(r.index())
        .map(|r| r.name.clone())
        .unwrap_or_default()
}

/// What the applicant hands over, as a guide says it.
fn copy_text(copy: CopyKind) -> String {
    match copy {
        CopyKind::Original | CopyKind::OriginalKept => "原件",
        CopyKind::OriginalShown => "原件（验后退还）",
        CopyKind::CopyChecked => "复印件（比对原件留存复印件）",
        CopyKind::Copy => "复印件",
        CopyKind::Either => "原件或复印件",
    }
    .to_string()
}

/// How a material may be handed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormDoc {
    Paper,
    Electronic,
    /// On paper or electronically, as the applicant likes.
    PaperOrElectronic,
    /// Both: in a thing, one item asks for paper only and another for an
    /// electronic file only.
    PaperAndElectronic,
}

impl FormDoc {
    /// The form of a material written with `form` (paper when it says neither).
    pub fn of(form: &[Form]) -> FormDoc {
        let paper = form.contains(&Form::Paper);
        let electronic = form.contains(&Form::Electronic);
        match (paper, electronic) {
            (true, true) => FormDoc::PaperOrElectronic,
            (false, true) => FormDoc::Electronic,
            _ => FormDoc::Paper,
        }
    }

    /// `纸质`, `电子`, `纸质或电子`, `纸质和电子`.
    pub fn text(self) -> &'static str {
        match self {
            FormDoc::Paper => "纸质",
            FormDoc::Electronic => "电子",
            FormDoc::PaperOrElectronic => "纸质或电子",
            FormDoc::PaperAndElectronic => "纸质和电子",
        }
    }
}

impl Serialize for FormDoc {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.text())
    }
}

/// A value of the language that the model writes as its Chinese word.
trait Word: Copy {
    fn word(self) -> &'static str;
}

impl Word for Necessity {
    fn word(self) -> &'static str {
        self.zh()
    }
}

impl Word for StepType {
    fn word(self) -> &'static str {
        self.zh()
    }
}

/// Writes a value of the language as its Chinese word (`必要`, `受理`), as
/// `model.json` has always given it.
fn as_word<S: serde::Serializer, T: Word>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.word())
}

fn material_doc(cx: &Context<'_>, item: &Item, m: &ItemMaterial, keys: &[String]) -> MaterialDoc {
    let ir = cx.ir;
    let shared = m.source == Some(Source::Shared);
    let exempt = shared.then(|| ExemptDoc {
        sources: providers_of(cx.providers, m.library)
            .iter()
            .filter_map(|s| get(&ir.data_sources, s.index()))
            .map(|s| match s.department.and_then(|d| get(&ir.departments, d.index())) {
                Some(d) => format!("{}（{}）", s.name, d.name),
                None => s.name.clone(),
            })
            .collect(),
    });
    let issued_by = m
        .issued_by()
        .and_then(|d| get(&ir.departments, d.index()))
        .map(|d| d.full_name.clone().unwrap_or_else(|| d.name.clone()));
    let mut doc = MaterialDoc {
        name: m.name.clone(),
        necessity: m.necessity,
        deferrable: m.necessity == Necessity::Deferrable,
        optional: m.necessity == Necessity::Optional,
        supply_deadline: m.supply_deadline().map(|d| limit_text(d.value)),
        copy: marked(copy_text(m.copy), m.unconfirmed(), FieldKw::Type),
        copy_kind: m.copy,
        copies: m.copies,
        form: FormDoc::of(&m.form),
        spec: m
            .spec
            .as_deref()
            .map(|t| marked(t.to_string(), m.unconfirmed(), FieldKw::Spec)),
        source: m
            .source
            .map(|s| marked(s.zh().to_string(), m.unconfirmed(), FieldKw::Source)),
        source_kind: m.source,
        issued_by,
        basis: marked_all(&m.basis, m.unconfirmed(), FieldKw::Basis),
        description: m.description().map(str::to_string),
        exempt,
        when: m.when.as_deref().map(|c| cond::convert(&item.situations, c, keys)),
        verify: Vec::new(),
        items: vec![item.name.clone()],
    };
    doc.verify = verify(&doc, m.source);
    doc
}

/// What the counter checks for a material.
fn verify(m: &MaterialDoc, source: Option<Source>) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(exempt) = &m.exempt {
        out.push(if exempt.sources.is_empty() {
            "免提交：窗口通过数据共享核验".to_string()
        } else {
            format!("免提交：窗口通过{}核验", exempt.sources.join("、"))
        });
        return out;
    }
    let electronic_only = m.form == FormDoc::Electronic;
    // `原件` is already read as shown (issued by someone else) or kept (made
    // by the applicant) in the IR.
    match m.copy_kind {
        CopyKind::Original | CopyKind::OriginalKept | CopyKind::OriginalShown if electronic_only => {
            out.push("核验电子件的签名或电子印章".to_string());
        }
        CopyKind::OriginalShown => out.push("查验原件后退还申请人，不留存".to_string()),
        CopyKind::Original | CopyKind::OriginalKept => out.push(format!("收取原件 {} 份", m.copies)),
        CopyKind::CopyChecked => out.push(format!(
            "比对原件留存复印件：核对复印件与原件一致后留存复印件 {} 份，原件退还",
            m.copies
        )),
        CopyKind::Copy => out.push(format!("收取复印件 {} 份（不需要原件）", m.copies)),
        CopyKind::Either => out.push(format!("收取原件或复印件 {} 份，两者任一即可", m.copies)),
    }
    if m.form == FormDoc::PaperOrElectronic {
        out.push("纸质或电子均可".to_string());
    }
    if m.form == FormDoc::PaperAndElectronic {
        out.push("纸质件和电子件都要收取（各事项要求的形式不同）".to_string());
    }
    if let Some(spec) = &m.spec {
        out.push(format!("规格：{spec}"));
    }
    match source {
        Some(Source::Applicant) => out.push("申请人签字（单位加盖公章）".to_string()),
        Some(Source::Intermediary) => out.push("核对出具机构的资质和签章".to_string()),
        Some(Source::Government) => out.push("核对核发部门的印章或电子证照".to_string()),
        _ => {}
    }
    if m.deferrable {
        out.push(match &m.supply_deadline {
            Some(deadline) => format!("容缺：暂缺时签署承诺书，{deadline}内补交"),
            None => "容缺：暂缺时签署承诺书后补交".to_string(),
        });
    }
    if m.optional {
        out.push("非必要：申请人有则收取".to_string());
    }
    out
}

/// The critical path per group of situations that changes it.
fn timing(item: &Item, graph: &crate::graph::ItemGraph, analysis: &ItemSituations) -> Vec<TimingDoc> {
    let names = |path: &[crate::ir::StepId]| -> Vec<String> {
        path.iter()
            .filter_map(|s| item.steps.get_index(s.index()))
            .map(|s| s.name.clone())
            .collect()
    };
    let all = vec![true; item.steps.len()];
    let longest = |when: &str| {
        critical_path(item, graph, &all).map(|p| TimingDoc {
            when: when.to_string(),
            working_days: p.working_days,
            paths: vec![names(&p.steps)],
        })
    };
    let conditions: Vec<_> = item.steps.values().map(|s| s.when.as_deref()).collect();
    if conditions.iter().all(Option::is_none) {
        return longest("任何情形").into_iter().collect();
    }
    if analysis.skipped {
        return longest("最长（所有环节都适用时）").into_iter().collect();
    }
    // A guide lists the time per group of situations only while the groups
    // are few enough to read; otherwise it gives the longest, found exactly.
    let Some(scenarios) = analysis.scenarios(&conditions, MAX_TIMING_SCENARIOS) else {
        let worst = analysis.maximise(&conditions, |p| {
            critical_path(item, graph, &upper(p)).map(|path| path.working_days)
        });
        return match worst.answer {
            Some((scenario, Some(_))) if !worst.stopped => critical_path(item, graph, &scenario.holds)
                .map(|p| TimingDoc {
                    when: "最长的情形".to_string(),
                    working_days: p.working_days,
                    paths: vec![names(&p.steps)],
                })
                .into_iter()
                .collect(),
            _ => longest("最长（所有环节都适用时）").into_iter().collect(),
        };
    };
    let mut out: Vec<TimingDoc> = Vec::new();
    for scenario in &scenarios {
        let Some(path) = critical_path(item, graph, &scenario.holds) else {
            continue;
        };
        let when = describe(item, analysis, scenario).zh;
        let steps = names(&path.steps);
        // Situations that take as long are one line for the applicant.
        match out.iter_mut().find(|t| t.working_days == path.working_days) {
            Some(existing) => {
                existing.when.push('；');
                existing.when.push_str(&when);
                if !existing.paths.contains(&steps) {
                    existing.paths.push(steps);
                }
            }
            None => out.push(TimingDoc {
                when,
                working_days: path.working_days,
                paths: vec![steps],
            }),
        }
    }
    if out.len() == 1 {
        if let Some(only) = out.first_mut() {
            only.when = "任何情形".to_string();
        }
    } else if out.len() > MAX_TIMING_LINES {
        let worst = out.into_iter().max_by(|a, b| a.working_days.total_cmp(&b.working_days));
        return worst
            .map(|mut t| {
                t.when = "最长的情形".to_string();
                t
            })
            .into_iter()
            .collect();
    }
    out
}

fn thing_doc(
    cx: &Context<'_>,
    graphs: &Graphs,
    analyses: &Analyses,
    item_docs: &[ItemDoc],
    thing_id: ThingId,
    thing: &crate::ir::Thing,
    slug: String,
) -> ThingDoc {
    let ir = cx.ir;
    let figures: BundleFigures = analyses.bundle(ir, graphs, thing_id);
    let members: Vec<(usize, &Item, &crate::ir::Member)> = thing
        .distinct_members()
        .filter_map(|m| {
            ir.items
                .get_index(m.item.index())
                .map(|(_, item)| (m.item.index(), &**item, m))
        })
        .collect();
    // The thing's own situations come first and keep their names as keys.
    let thing_keys: Vec<String> = thing.situations.values().map(|s| s.name.clone()).collect();
    let member_when = |m: &crate::ir::Member| {
        m.when
            .as_ref()
            .map(|c| cond::convert(&thing.situations, c, &thing_keys))
    };
    let item_name = |id: crate::ir::ItemId| {
        ir.items
            .get_index(id.index())
            .map(|(_, i)| i.name.clone())
            .unwrap_or_default()
    };

    // One question per situation the items share (same name, same answers).
    let mut situations: Vec<SituationDoc> = thing
        .situations
        .values()
        .map(|s| {
            let asked_for: Vec<String> = members
                .iter()
                .filter(|(_, _, m)| m.when.as_ref().is_some_and(|c| mentions(c, &thing.situations, &s.name)))
                .map(|(_, item, _)| item.name.clone())
                .collect();
            situation_doc(s, s.name.clone(), asked_for)
        })
        .collect();
    let mut keys_of: Vec<Vec<String>> = Vec::new();
    for (index, item, _) in &members {
        let Some(doc) = item_docs.get(*index) else {
            keys_of.push(Vec::new());
            continue;
        };
        let mut keys = Vec::new();
        for s in &doc.situations {
            let same = situations
                .iter_mut()
                .find(|o| o.name == s.name && o.question == s.question && same_answer(&o.answer, &s.answer));
            if let Some(existing) = same {
                // One number asked once: its range covers both items'.
                if let (
                    AnswerDoc::Number { min, max, .. },
                    AnswerDoc::Number {
                        min: other_min,
                        max: other_max,
                        ..
                    },
                ) = (&mut existing.answer, &s.answer)
                {
                    *min = min.zip(*other_min).map(|(a, b)| a.min(b));
                    *max = max.zip(*other_max).map(|(a, b)| a.max(b));
                }
                existing.items.push(item.name.clone());
                keys.push(existing.key.clone());
                continue;
            }
            let clash = situations.iter().any(|o| o.key == s.name);
            let key = if clash {
                format!("{}·{}", item.name, s.name)
            } else {
                s.name.clone()
            };
            // A situation named like one that comes later with other answers
            // keeps its plain key; the later one is qualified.
            situations.push(SituationDoc {
                key: key.clone(),
                items: vec![item.name.clone()],
                ..s.clone()
            });
            keys.push(key);
        }
        keys_of.push(keys);
    }

    // The thing's one material set, as the analysis merges it; each item's
    // entry is written as for the item, then the entries are combined.
    let materials: Vec<MaterialDoc> = analyses
        .materials(ir, thing_id)
        .iter()
        .filter_map(|merged| {
            let mut combined: Option<MaterialDoc> = None;
            let mut whens: Vec<Option<CondDoc>> = Vec::new();
            for (id, item, m) in merged.entries(ir) {
                let position = members.iter().position(|(index, _, _)| *index == id.index());
                let (Some((_, _, member)), Some(keys)) = (
                    position.and_then(|p| members.get(p)),
                    position.and_then(|p| keys_of.get(p)),
                ) else {
                    continue;
                };
                let mut doc = material_doc(cx, item, m, keys);
                if let Some(outer) = member_when(member) {
                    doc.when = Some(cond::both(outer, doc.when.take()));
                }
                whens.push(doc.when.clone());
                match &mut combined {
                    Some(first) => merge(first, &doc),
                    None => combined = Some(doc),
                }
            }
            let mut doc = combined?;
            // Asked in every situation by some item: asked always.
            doc.when = if whens.iter().any(Option::is_none) {
                None
            } else {
                cond::either(whens.into_iter().flatten().collect())
            };
            // Items asking differently: the most any of them asks for is
            // collected (the analysis decides; W1101 warns when one wants the
            // original and another only a copy).
            doc.copy_kind = merged.copy;
            // Marked 待核实 when an item that asks for it this way marks its 类型 so.
            let unconfirmed = merged.entries(ir).any(|(_, _, m)| {
                m.copy == merged.copy
                    && crate::analysis::bundles::handed_over(m)
                    && m.unconfirmed().contains(&FieldKw::Type)
            });
            doc.copy = copy_text(merged.copy) + if unconfirmed { UNCONFIRMED } else { "" };
            let source = doc.source_kind;
            doc.verify = verify(&doc, source);
            Some(doc)
        })
        .collect();

    let results = members
        .iter()
        .filter_map(|(index, _, member)| item_docs.get(*index).map(|doc| (doc, member)))
        .flat_map(|(doc, member)| {
            let item = if member.optional {
                format!("{}，选办", doc.name)
            } else {
                doc.name.clone()
            };
            doc.results.iter().map(move |r| ResultDoc {
                item: Some(item.clone()),
                ..r.clone()
            })
        })
        .collect();

    let items: Vec<ThingItemDoc> = members
        .iter()
        .filter_map(|(index, _, member)| item_docs.get(*index).map(|doc| (*index, doc, member)))
        .map(|(index, doc, member)| ThingItemDoc {
            name: doc.name.clone(),
            index,
            optional: member.optional,
            on_request: member.optional && member.when_at.is_none(),
            description: member.description.clone(),
            when: member_when(member),
            department: doc.department.clone(),
            promised_limit: doc.promised_limit.clone(),
            legal_limit: doc.legal_limit.clone(),
            fee: doc.fee.clone(),
            address: doc.address.clone(),
            phone: doc.phone.clone(),
            complaint_phone: doc.complaint_phone.clone(),
            conditions: doc.conditions.clone(),
        })
        .collect();
    let order: Vec<(String, String)> = thing
        .order
        .iter()
        .map(|(a, b, _)| (item_name(*a), item_name(*b)))
        .collect();
    let joint_reviews: Vec<JointReviewDoc> = thing
        .joint_reviews
        .iter()
        .map(|r| {
            let group = r.group.and_then(|g| get(&ir.review_groups, g.index()));
            let mut departments: Vec<String> = group
                .map(|g| g.members.iter().filter_map(|d| cx.dept_name(Some(*d))).collect())
                .unwrap_or_default();
            for d in &r.departments {
                if let Some(name) = cx.dept_name(Some(*d))
                    && !departments.contains(&name)
                {
                    departments.push(name);
                }
            }
            JointReviewDoc {
                name: r.name.clone(),
                group: group.map(|g| g.name.clone()),
                departments,
                duration: r.duration.map(|d| duration_text(d.value)),
                after: r.after.iter().map(|i| item_name(*i)).collect(),
                when: r.when.as_ref().map(|c| c.text(&thing.situations)),
                replaces: r
                    .replaces
                    .iter()
                    .filter(|x| !x.steps.is_empty())
                    .map(|x| {
                        let steps: Vec<&str> = x.step_names(ir).collect();
                        format!("{}：{}", item_name(x.item), steps.join("、"))
                    })
                    .collect(),
                presence: r.presence.map(|p| p.zh().to_string()),
            }
        })
        .collect();
    let critical_path: Vec<String> = figures
        .path
        .iter()
        .map(|step| match step {
            BundleStep::Item(id) => item_name(*id),
            BundleStep::ItemHead(id) => format!("{}（会签之前的环节）", item_name(*id)),
            BundleStep::JointReview(index) => joint_reviews
                .get(*index)
                .map(|r| format!("会签：{}", r.name))
                .unwrap_or_default(),
        })
        .collect();
    let flow = super::flow::thing_flow(&items, &order, &joint_reviews, &critical_path);
    let figures_doc = FiguresDoc {
        materials: (figures.materials_separately, figures.materials_bundle),
        steps: (figures.steps_separately, figures.steps_bundle),
        visits: (figures.visits_separately, figures.visits_bundle),
        days: (figures.days_separately, figures.days_bundle),
        visit_reasons: figures.visit_reasons.iter().map(|r| r.zh()).collect(),
        critical_path,
        when: figures.when.as_ref().map(|w| w.zh.clone()),
    };
    ThingDoc {
        slug,
        name: thing.name.clone(),
        lead: cx.dept(thing.lead),
        zone: thing
            .zone
            .and_then(|z| get(&ir.zones, z.index()))
            .map(|z| z.name.clone()),
        zone_full_name: thing
            .zone
            .and_then(|z| get(&ir.zones, z.index()))
            .and_then(|z| z.full_name.clone()),
        description: thing.description.clone(),
        promised_limit: limit(thing.promised_limit),
        visits_claimed: thing.visits.map(|v| v.value),
        online_depth_claimed: thing.online_depth.map(|d| d.value),
        items,
        order,
        joint_reviews,
        figures: figures_doc,
        situations,
        materials,
        results,
        flow,
    }
}

/// Whether `cond` reads the situation named `name`.
fn mentions(cond: &crate::ir::Cond, situations: &crate::ir::Named<crate::ir::Situation>, name: &str) -> bool {
    use crate::ir::Cond;
    let is = |id: crate::ir::SituationId| situations.get_index(id.index()).is_some_and(|s| s.name == name);
    match cond {
        Cond::Or(parts) | Cond::And(parts) => parts.iter().any(|p| mentions(p, situations, name)),
        Cond::Not(inner) => mentions(inner, situations, name),
        Cond::Flag(id) => is(*id),
        Cond::Enum { situation, .. } | Cond::Number { situation, .. } => is(*situation),
        Cond::Invalid => false,
    }
}

/// A situation question, answered under `key`, asked for `items`.
fn situation_doc(s: &crate::ir::Situation, key: String, items: Vec<String>) -> SituationDoc {
    SituationDoc {
        key,
        name: s.name.clone(),
        question: s.question.clone(),
        answer: match &s.domain {
            Domain::Enum(values) => AnswerDoc::Choice {
                values: values.iter().map(|(v, _)| v.clone()).collect(),
            },
            Domain::Bool => AnswerDoc::YesNo,
            Domain::Number { range, unit, integer } => AnswerDoc::Number {
                min: range.map(|r| r.0),
                max: range.map(|r| r.1),
                unit: unit.clone(),
                integer: *integer,
            },
        },
        items,
    }
}

/// Whether two items ask the same question: the same choices, yes/no, or a
/// number in the same unit (the ranges may differ).
fn same_answer(a: &AnswerDoc, b: &AnswerDoc) -> bool {
    match (a, b) {
        (
            AnswerDoc::Number {
                unit: u, integer: i, ..
            },
            AnswerDoc::Number {
                unit: v, integer: j, ..
            },
        ) => u == v && i == j,
        _ => a == b,
    }
}

/// Merges what a second item asks of a library material into the first's.
fn merge(merged: &mut MaterialDoc, other: &MaterialDoc) {
    merged.items.push(other.items.first().cloned().unwrap_or_default());
    // Required by one, deferrable or optional by another: required.
    let rank = |m: &MaterialDoc| match (m.optional, m.deferrable) {
        (true, _) => 0,
        (_, true) => 1,
        _ => 2,
    };
    if rank(other) > rank(merged) {
        merged.necessity = other.necessity;
        merged.optional = other.optional;
        merged.deferrable = other.deferrable;
        merged.supply_deadline = other.supply_deadline.clone();
    }
    merged.copies = merged.copies.max(other.copies);
    // Paper by one, either by the other: paper (what every item accepts);
    // paper only by one and electronic only by another: both.
    if merged.form != other.form {
        merged.form = match (merged.form, other.form) {
            (FormDoc::PaperOrElectronic, f) | (f, FormDoc::PaperOrElectronic) => f,
            _ => FormDoc::PaperAndElectronic,
        };
    }
    for basis in &other.basis {
        if !merged.basis.contains(basis) {
            merged.basis.push(basis.clone());
        }
    }
    if merged.spec.is_none() {
        merged.spec = other.spec.clone();
    }
    if let Some(description) = &other.description
        && merged.description.as_ref() != Some(description)
    {
        merged.description = Some(match &merged.description {
            Some(first) => format!("{first}；{description}"),
            None => description.clone(),
        });
    }
    // Brought when some item does not obtain it by sharing.
    match (&merged.exempt, &other.exempt) {
        (Some(_), None) => {
            merged.exempt = None;
            merged.source = other.source.clone();
            merged.source_kind = other.source_kind;
            merged.issued_by = other.issued_by.clone();
        }
        (Some(a), Some(b)) if a != b => {
            let mut sources = a.sources.clone();
            sources.extend(b.sources.iter().filter(|s| !a.sources.contains(s)).cloned());
            merged.exempt = Some(ExemptDoc { sources });
        }
        _ => {}
    }
}
