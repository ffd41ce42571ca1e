//! The IR: the workspace's declarations with every name resolved to a typed id.
//!
//! Built by [`from_ast`], which reports undefined, duplicate and wrong-kind
//! names. Everything is kept in declaration order (files sorted by path): the
//! workspace's declarations in `IndexMap`s, an item's situations, materials,
//! steps and results in a [`Named`] list, so iteration, and so every output,
//! is deterministic. Defaults the
//! language defines (a step follows the previous one, a material is 必要 …) are
//! applied here, so later phases read plain values.

pub mod from_ast;
mod named;

use crate::ast::{
    CopyKind, Delivery, Duration, Form, ItemType, Level, Necessity, ResultType, ServiceObject, Source, Spanned,
    Special, StepType, Trust,
};
use crate::diagnostics::{FileId, Location, Span};
use crate::keywords::FieldKw;
use crate::syntax::tree::CompareOp;
use indexmap::IndexMap;

pub use crate::ast::List;
pub use named::{HasName, Named};

/// Texts shared between the library and the items that use its material:
/// an item's material that states no basis of its own has the library's,
/// and thousands of items need not each hold a copy.
pub type Texts = std::sync::Arc<[String]>;

/// A text shared the same way (a library material's 规格).
pub type Text = std::sync::Arc<str>;

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
        pub struct $name(pub u32);

        impl $name {
            pub fn index(self) -> usize {
                self.0 as usize
            }

            pub fn from_index(index: usize) -> Self {
                $name(u32::try_from(index).unwrap_or(u32::MAX))
            }
        }
    )*};
}

ids!(
    /// A department of the workspace.
    DeptId,
    /// A zone of the hall.
    ZoneId,
    /// A data source.
    DataSourceId,
    /// A material of the workspace's library.
    MaterialId,
    /// An item.
    ItemId,
    /// A thing (一件事).
    ThingId,
    /// A review group (审查组).
    ReviewGroupId,
    /// A situation of one item.
    SituationId,
    /// A material entry of one item.
    ItemMaterialId,
    /// A step of one item.
    StepId,
    /// A result of one item.
    ResultId,
);

/// The whole resolved workspace.
#[derive(Debug, Default)]
pub struct Ir {
    pub departments: IndexMap<String, Department>,
    pub zones: IndexMap<String, Zone>,
    pub data_sources: IndexMap<String, DataSource>,
    pub materials: IndexMap<String, Material>,
    pub items: IndexMap<String, Box<Item>>,
    pub things: IndexMap<String, Thing>,
    pub review_groups: IndexMap<String, ReviewGroup>,
    /// 通办层级 declarations (一城通办), in declaration order.
    pub acceptance_levels: IndexMap<String, AcceptanceLevel>,
    /// 测试 declarations (`yijian test`), in file and declaration order;
    /// only those whose subject resolved.
    pub tests: Vec<Test>,
}

/// Looks up by typed id in an `IndexMap` of the IR.
pub fn get<T>(map: &IndexMap<String, T>, index: usize) -> Option<&T> {
    map.get_index(index).map(|(_, value)| value)
}

#[derive(Debug)]
pub struct Department {
    pub name: String,
    pub at: Location,
    pub full_name: Option<String>,
    pub level: Option<Level>,
    pub phone: Option<String>,
    pub description: Option<String>,
    /// Fields whose value is marked 待核实.
    pub unconfirmed: List<FieldKw>,
}

#[derive(Debug)]
pub struct Zone {
    pub name: String,
    pub at: Location,
    pub full_name: Option<String>,
    pub description: Option<String>,
    pub address: Option<String>,
    pub hours: Option<String>,
    pub phone: Option<String>,
    pub complaint_phone: Option<String>,
    pub unconfirmed: List<FieldKw>,
}

#[derive(Debug)]
pub struct DataSource {
    pub name: String,
    pub at: Location,
    pub trust: Option<Trust>,
    pub department: Option<DeptId>,
    pub provides: List<MaterialId>,
    pub description: Option<String>,
}

/// A material of the library.
#[derive(Debug)]
pub struct Material {
    pub name: String,
    pub at: Location,
    pub source: Option<Source>,
    pub basis: Texts,
    /// Shared with every item material that writes none of its own.
    pub spec: Option<Text>,
    pub form: List<Form>,
    pub copy: Option<CopyKind>,
    pub copies: Option<u32>,
    pub issued_by: Option<DeptId>,
    pub necessity: Option<Necessity>,
    pub supply_deadline: Option<Spanned<Duration>>,
    pub description: Option<String>,
    pub unconfirmed: List<FieldKw>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Fee {
    Free,
    Charged(String),
}

#[derive(Debug)]
pub struct Item {
    pub name: String,
    pub file: FileId,
    /// The span of the item's name.
    pub at: Span,
    pub code: Option<Spanned<String>>,
    pub item_type: Option<Spanned<ItemType>>,
    pub implemented_by: Option<DeptId>,
    pub zone: Option<ZoneId>,
    pub legal_basis: List<String>,
    pub levels: List<Level>,
    /// 通办范围: the levels whose centres accept the item.
    pub city_wide: List<Spanned<Level>>,
    pub legal_limit: Option<Spanned<Duration>>,
    /// A legal limit was written but could not be read (already reported).
    pub legal_limit_invalid: bool,
    pub promised_limit: Option<Spanned<Duration>>,
    pub serves: List<ServiceObject>,
    pub conditions: List<Spanned<String>>,
    /// 审批条件: decided by the back office, not checked at the counter.
    pub approval_conditions: List<Spanned<String>>,
    pub implementation_basis: List<String>,
    pub fee: Option<Fee>,
    /// 寄递费用: what sending the result by courier costs the applicant.
    pub courier_fee: Option<Fee>,
    /// 邮寄申请: paper materials may be sent by post.
    pub apply_by_post: bool,
    pub fee_basis: Option<String>,
    /// 办理地点, 办理时间, 咨询电话, 投诉电话: the item's own, else its zone's
    /// (and for the phone, else its department's).
    pub address: Option<String>,
    pub hours: Option<String>,
    pub phone: Option<String>,
    pub complaint_phone: Option<String>,
    pub visits: Option<Spanned<u32>>,
    pub online_depth: Option<Spanned<u32>>,
    pub description: Option<String>,
    pub situations: Named<Situation>,
    pub materials: Named<ItemMaterial>,
    pub steps: Named<Step>,
    pub results: Named<ResultDef>,
    pub intermediaries: List<Intermediary>,
    /// Fields of the item itself whose value is marked 待核实.
    pub unconfirmed: List<FieldKw>,
}

/// 中介服务: obtained by the applicant before applying; its time does not
/// count toward the item's limits.
#[derive(Debug)]
pub struct Intermediary {
    pub name: String,
    pub at: Span,
    pub fee: Option<Fee>,
    pub fee_basis: Option<String>,
    pub duration: Option<Spanned<Duration>>,
    pub basis: List<String>,
    pub description: Option<String>,
    pub unconfirmed: List<FieldKw>,
}

impl Item {
    pub fn location(&self, span: Span) -> Location {
        Location { file: self.file, span }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Domain {
    /// The values, with the span of each.
    Enum(Vec<(String, Span)>),
    Number {
        range: Option<(f64, f64)>,
        unit: Option<String>,
        /// Only whole numbers (人数, 车辆数): `< 3` and `> 2` leave nothing out.
        integer: bool,
    },
    Bool,
}

#[derive(Debug)]
pub struct Situation {
    pub name: String,
    pub at: Span,
    pub question: Option<String>,
    pub domain: Domain,
}

/// A condition with its names resolved to the item's situations.
#[derive(Debug, Clone, PartialEq)]
pub enum Cond {
    Or(Vec<Cond>),
    And(Vec<Cond>),
    Not(Box<Cond>),
    /// A yes/no situation that holds.
    Flag(SituationId),
    /// An enumerated situation (not) equal to the value at this index.
    Enum {
        situation: SituationId,
        equal: bool,
        value: usize,
    },
    Number {
        situation: SituationId,
        op: CompareOp,
        value: f64,
    },
    /// A part that did not resolve; its error is already reported.
    Invalid,
}

impl Cond {
    /// Three-valued evaluation: `leaf` gives the value of each comparison,
    /// flag and `Invalid` (`None` while unknown); 或, 且 and 非 combine them, a
    /// known part deciding where it can (one true part makes 或 true however
    /// many are unknown).
    pub fn eval_with(&self, leaf: &impl Fn(&Cond) -> Option<bool>) -> Option<bool> {
        match self {
            Cond::Or(parts) | Cond::And(parts) => {
                // The value that decides: true for 或, false for 且.
                let deciding = matches!(self, Cond::Or(_));
                let mut unknown = false;
                for part in parts {
                    match part.eval_with(leaf) {
                        Some(value) if value == deciding => return Some(deciding),
                        None => unknown = true,
                        Some(_) => {}
                    }
                }
                if unknown { None } else { Some(!deciding) }
            }
            Cond::Not(inner) => inner.eval_with(leaf).map(|v| !v),
            leaf_cond => leaf(leaf_cond),
        }
    }

    /// The condition in the rules' words (`经营面积 > 500 且 非 连锁经营`),
    /// for messages that quote it.
    pub fn text(&self, situations: &Named<Situation>) -> String {
        let name = |id: SituationId| {
            situations
                .get_index(id.index())
                .map_or_else(String::new, |s| s.name.clone())
        };
        let bracketed = |cond: &Cond| match cond {
            Cond::Or(_) | Cond::And(_) => format!("（{}）", cond.text(situations)),
            _ => cond.text(situations),
        };
        match self {
            Cond::Or(parts) => parts.iter().map(bracketed).collect::<Vec<_>>().join(" 或 "),
            Cond::And(parts) => parts.iter().map(bracketed).collect::<Vec<_>>().join(" 且 "),
            Cond::Not(inner) => format!("非 {}", bracketed(inner)),
            Cond::Flag(id) => name(*id),
            Cond::Enum {
                situation,
                equal,
                value,
            } => {
                let word = match situations.get_index(situation.index()).map(|s| &s.domain) {
                    Some(Domain::Enum(values)) => values.get(*value).map_or("?", |(v, _)| v.as_str()),
                    _ => "?",
                };
                format!("{} {} {word}", name(*situation), if *equal { "=" } else { "≠" })
            }
            Cond::Number { situation, op, value } => {
                format!(
                    "{} {} {}",
                    name(*situation),
                    op.symbol(),
                    crate::ast::fmt_number(*value)
                )
            }
            Cond::Invalid => String::from("?"),
        }
    }

    /// Appends the situations the condition reads (with repeats).
    pub fn situations(&self, out: &mut Vec<SituationId>) {
        match self {
            Cond::Or(parts) | Cond::And(parts) => parts.iter().for_each(|p| p.situations(out)),
            Cond::Not(inner) => inner.situations(out),
            Cond::Flag(id) | Cond::Enum { situation: id, .. } | Cond::Number { situation: id, .. } => out.push(*id),
            Cond::Invalid => {}
        }
    }
}

/// Where a material a step mentions comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MaterialRef {
    /// One the item collects from the applicant.
    Item(ItemMaterialId),
    /// One of the library that the item does not collect.
    Library(MaterialId),
}

/// A material entry of an item: a library material used by the item, or one
/// declared only there. Fields hold the effective values (the item's own, else
/// the library's, else the language's defaults).
#[derive(Debug)]
pub struct ItemMaterial {
    pub name: String,
    pub at: Span,
    pub library: Option<MaterialId>,
    pub source: Option<Source>,
    pub basis: Texts,
    /// Shared with the library material (and its other users) when the item writes none.
    pub spec: Option<Text>,
    pub form: List<Form>,
    /// How it is handed over; `原件` is already read as kept or shown (by its source).
    pub copy: CopyKind,
    pub copies: u32,
    pub necessity: Necessity,
    pub when: Option<Box<Cond>>,
    /// Where the condition is written.
    pub when_at: Option<Span>,
    /// The fields few materials have; `None` when none of them is written.
    pub more: Option<Box<MaterialMore>>,
}

/// `more`, boxed, unless it holds nothing (is its `Default`): the field of
/// an entry for what few entries have ([`MaterialMore`], [`StepMore`],
/// [`ResultMore`]).
pub fn boxed_unless_empty<T: Default + PartialEq>(more: T) -> Option<Box<T>> {
    (more != T::default()).then(|| Box::new(more))
}

/// The fields of an [`ItemMaterial`] that few materials have, kept apart so
/// that the others do not carry room for them.
#[derive(Debug, Default, PartialEq)]
pub struct MaterialMore {
    /// For a 容缺 material: how long the applicant has to supply it (where
    /// the item or the library writes it).
    pub supply_deadline: Option<Spanned<Duration>>,
    pub issued_by: Option<DeptId>,
    pub description: Option<String>,
    /// Fields marked 待核实, the item's and the library's.
    pub unconfirmed: List<FieldKw>,
}

impl ItemMaterial {
    /// For a 容缺 material: how long the applicant has to supply it.
    pub fn supply_deadline(&self) -> Option<Spanned<Duration>> {
        self.more.as_ref().and_then(|m| m.supply_deadline)
    }

    pub fn issued_by(&self) -> Option<DeptId> {
        self.more.as_ref().and_then(|m| m.issued_by)
    }

    pub fn description(&self) -> Option<&str> {
        self.more.as_ref().and_then(|m| m.description.as_deref())
    }

    /// Fields marked 待核实, the item's and the library's.
    pub fn unconfirmed(&self) -> &[FieldKw] {
        self.more.as_ref().map_or(&[], |m| &m.unconfirmed)
    }
}

#[derive(Debug, Clone, Copy)]
pub struct StepEdge {
    pub from: StepId,
    /// Where the predecessor is named; the step's own name when implicit.
    pub span: Span,
    /// No `之后` was written: the step follows the one written before it.
    pub implicit: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Produced {
    Result(ResultId),
    Material(MaterialRef),
}

#[derive(Debug)]
pub struct Step {
    pub name: String,
    pub at: Span,
    pub step_type: StepType,
    pub department: Option<DeptId>,
    pub after: List<StepEdge>,
    pub duration: Option<Spanned<Duration>>,
    pub counts_toward_limit: bool,
    pub special: Option<Special>,
    /// 到场: the applicant must be there in person, and where.
    pub presence: Option<crate::ast::Place>,
    pub requires: List<(MaterialRef, Span)>,
    pub produces: List<(Produced, Span)>,
    pub delivers: List<(ResultId, Span)>,
    pub when: Option<Box<Cond>>,
    /// Where the condition is written.
    pub when_at: Option<Span>,
    /// The fields few steps have; `None` when none of them is written.
    pub more: Option<Box<StepMore>>,
}

/// The fields of a [`Step`] that few steps have.
#[derive(Debug, Default, PartialEq)]
pub struct StepMore {
    pub description: Option<String>,
    pub unconfirmed: List<FieldKw>,
}

impl Step {
    pub fn description(&self) -> Option<&str> {
        self.more.as_ref().and_then(|m| m.description.as_deref())
    }

    /// Fields marked 待核实.
    pub fn unconfirmed(&self) -> &[FieldKw] {
        self.more.as_ref().map_or(&[], |m| &m.unconfirmed)
    }

    /// The results this step produces or delivers.
    pub fn results(&self) -> impl Iterator<Item = ResultId> + '_ {
        self.delivers
            .iter()
            .map(|(r, _)| *r)
            .chain(self.produces.iter().filter_map(|(p, _)| match p {
                Produced::Result(r) => Some(*r),
                Produced::Material(_) => None,
            }))
    }

    /// Whether the step produces or delivers a result.
    pub fn gives_result(&self) -> bool {
        self.results().next().is_some()
    }
}

#[derive(Debug)]
pub struct ResultDef {
    pub name: String,
    pub at: Span,
    pub result_type: Option<ResultType>,
    pub delivery: List<Delivery>,
    /// The fields few results have; `None` when none of them is written.
    pub more: Option<Box<ResultMore>>,
}

/// The fields of a [`ResultDef`] that few results have.
#[derive(Debug, Default, PartialEq)]
pub struct ResultMore {
    /// A sample: its name, a file (a path relative to the rule file) or a link.
    pub sample: Option<Spanned<String>>,
    pub validity: Option<String>,
    pub description: Option<String>,
    pub unconfirmed: List<FieldKw>,
}

impl ResultDef {
    /// The sample as written, and where.
    pub fn sample(&self) -> Option<&Spanned<String>> {
        self.more.as_ref().and_then(|m| m.sample.as_ref())
    }

    pub fn validity(&self) -> Option<&str> {
        self.more.as_ref().and_then(|m| m.validity.as_deref())
    }

    pub fn description(&self) -> Option<&str> {
        self.more.as_ref().and_then(|m| m.description.as_deref())
    }

    /// Fields marked 待核实.
    pub fn unconfirmed(&self) -> &[FieldKw] {
        self.more.as_ref().map_or(&[], |m| &m.unconfirmed)
    }
}

#[derive(Debug)]
pub struct Thing {
    pub name: String,
    pub file: FileId,
    pub at: Span,
    pub lead: Option<DeptId>,
    pub zone: Option<ZoneId>,
    /// The items: those of `事项` first, then the 选办事项, in writing order.
    pub items: List<Member>,
    /// The thing's own situations, which decide its optional items. An
    /// optional item written without a condition gets a yes/no situation of
    /// its own, `办理<item>` ("does the applicant ask for it").
    pub situations: Named<Situation>,
    /// `(before, after, span of the later item's name in the chain)`.
    pub order: List<(ItemId, ItemId, Span)>,
    pub promised_limit: Option<Spanned<Duration>>,
    pub visits: Option<Spanned<u32>>,
    pub online_depth: Option<Spanned<u32>>,
    pub description: Option<String>,
    pub joint_reviews: List<JointReview>,
}

impl Thing {
    /// The items, each once (an item listed twice in `事项` is one item).
    pub fn distinct_members(&self) -> impl Iterator<Item = &Member> {
        self.items
            .iter()
            .enumerate()
            .filter(|(index, member)| !self.items.iter().take(*index).any(|m| m.item == member.item))
            .map(|(_, member)| member)
    }
}

/// An item of a thing.
#[derive(Debug)]
pub struct Member {
    pub item: ItemId,
    /// Where the item is named in the thing.
    pub at: Span,
    /// For a 选办事项: when it is done, over the thing's situations.
    pub when: Option<Cond>,
    /// Where the written condition is, if one is written.
    pub when_at: Option<Span>,
    /// A 选办事项 (with or without a written condition).
    pub optional: bool,
    /// The thing's `说明` for a 选办事项.
    pub description: Option<String>,
}

/// A 通办层级: where the centres of one level pass applications on.
#[derive(Debug)]
pub struct AcceptanceLevel {
    pub name: String,
    pub at: Location,
    pub level: Level,
    /// The level this level's centres pass applications to.
    pub forwards_to: Option<Spanned<Level>>,
    /// The time for an application (or a result) to travel one way between
    /// this level and `forwards_to`.
    pub circulation: Option<Spanned<Duration>>,
    /// The time a courier takes from this level's centres to an applicant.
    pub courier: Option<Spanned<Duration>>,
    pub description: Option<String>,
}

/// A review group: fixed members and members chosen per project.
#[derive(Debug)]
pub struct ReviewGroup {
    pub name: String,
    pub at: Location,
    pub members: List<DeptId>,
    pub optional: List<DeptId>,
    pub description: Option<String>,
}

#[derive(Debug)]
pub struct JointReview {
    pub name: String,
    pub at: Span,
    pub group: Option<ReviewGroupId>,
    /// The departments named in the joint review itself (a group's fixed
    /// members are not repeated here).
    pub departments: List<DeptId>,
    /// Where each named department is written, by position in `departments`.
    pub department_spans: List<Span>,
    pub duration: Option<Spanned<Duration>>,
    pub after: List<ItemId>,
    /// When it applies, over the thing's situations (`None`: always).
    pub when: Option<Cond>,
    /// `到场`: the applicant is there in person (a joint site inspection).
    pub presence: Option<crate::ast::Place>,
    /// The items' steps this review does instead (`替代`).
    pub replaces: List<Replaced>,
}

/// Steps of one of the thing's items that a joint review does instead: they
/// do not run, the review starts when what they waited for is done, and what
/// waited for them waits for the review.
#[derive(Debug)]
pub struct Replaced {
    pub item: ItemId,
    /// The item's name in `替代`.
    pub at: Span,
    /// The steps found in the item (the others are reported, E1107).
    pub steps: List<StepId>,
    /// The steps as written.
    pub names: List<Spanned<String>>,
}

impl Replaced {
    /// The names of the item's steps it does instead (those found).
    pub fn step_names<'a>(&'a self, ir: &'a Ir) -> impl Iterator<Item = &'a str> + 'a {
        let item = get(&ir.items, self.item.index());
        self.steps
            .iter()
            .filter_map(move |s| item?.steps.get_index(s.index()).map(|s| s.name.as_str()))
    }
}

/// A 测试: one applicant of an item or a thing, and what must follow.
#[derive(Debug, Clone)]
pub struct Test {
    pub name: String,
    pub file: FileId,
    /// The test's name.
    pub at: Span,
    /// The whole declaration.
    pub span: Span,
    pub subject: TestSubject,
    /// The applicant's answers, one per answered situation of the subject.
    pub answers: List<Answer>,
    pub expect: Expectations,
}

/// What a test is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestSubject {
    Item(ItemId),
    Thing(ThingId),
}

/// The answer to one situation.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub situation: SituationId,
    pub value: AnswerValue,
    pub span: Span,
}

/// A value a situation can take.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AnswerValue {
    /// Of a yes/no situation.
    Yes(bool),
    /// Of an enumeration: the index of its value.
    Enum(usize),
    Number(f64),
}

/// What a test expects; every field is optional. Material names are the
/// subject's own spelling, with the span where the test wrote them.
#[derive(Debug, Clone, Default)]
pub struct Expectations {
    /// The exact set of materials to bring.
    pub brings: Option<(Vec<Spanned<String>>, Span)>,
    pub includes: List<Spanned<String>>,
    pub excludes: List<Spanned<String>>,
    pub material_count: Option<Spanned<u32>>,
    pub visits: Option<Spanned<u32>>,
    pub online_depth: Option<Spanned<u32>>,
    pub critical_path: Option<Spanned<Duration>>,
    pub on_the_spot: Option<Spanned<bool>>,
    pub city_wide: List<crate::ast::CityWideExpectation>,
}

/// The key under which a name is looked up: ASCII brackets count as their
/// full-width forms, so `许可(新办)` and `许可（新办）` are one name.
pub fn name_key(text: &str) -> String {
    key_of(text).into_owned()
}

/// [`name_key`] without a copy where the name is its own key.
pub fn key_of(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.trim();
    // Most names have no ASCII bracket: no copy.
    if text.contains(['(', ')']) {
        key_chars(text).collect::<String>().into()
    } else {
        text.into()
    }
}

/// The characters of a name's key, without making it: what [`named`]
/// compares names by.
fn key_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.trim().chars().map(|c| match c {
        '(' => '（',
        ')' => '）',
        c => c,
    })
}

macro_rules! has_name {
    ($($t:ty),*) => {$(
        impl HasName for $t {
            fn name(&self) -> &str {
                &self.name
            }
        }
    )*};
}

has_name!(Situation, ItemMaterial, Step, ResultDef);
