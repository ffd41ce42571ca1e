//! The typed AST: what each declaration of a rule file says, with spans, and
//! with names not yet resolved.
//!
//! [`from_syntax`] builds it from the syntax tree and reports unknown keywords,
//! unknown fields and ill-typed values. Every name is an [`Ident`]; whether it
//! refers to anything is decided by the IR's resolution.

pub mod duration;
pub mod from_syntax;

use crate::diagnostics::{FileId, Span};
use crate::keywords;
pub use crate::keywords::FieldKw;
pub use crate::syntax::tree::{CompareOp, Condition, Operand};

/// A list of an AST node: most are short or empty, and an empty
/// `ThinVec` is one pointer where an empty `Vec` is three words (a
/// workspace of 10,000 items has hundreds of thousands of them).
pub type List<T> = thin_vec::ThinVec<T>;

/// A name as written: a declared name or a reference.
#[derive(Debug, Clone, PartialEq)]
pub struct Ident {
    pub text: String,
    pub span: Span,
}

/// A value with the span it was written at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

/// A text value (quoted or not).
pub type Text = Spanned<TextValue>;

/// Owned text; a separate type so [`Spanned`] can stay `Copy` for small values.
#[derive(Debug, Clone, PartialEq)]
pub struct TextValue(pub String);

/// The declarations of one file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileAst {
    pub file: FileId,
    pub decls: Vec<Decl>,
    /// Names of top-level blocks that failed to parse (see the syntax layer).
    pub broken: List<Ident>,
}

/// A declaration, boxed: a file's list of them holds one pointer each
/// whatever the kind (an unboxed material would make every slot 296 bytes).
#[derive(Debug, Clone, PartialEq)]
pub enum Decl {
    Department(Box<Department>),
    Zone(Box<Zone>),
    DataSource(Box<DataSource>),
    Material(Box<Material>),
    Item(Box<Item>),
    Thing(Box<Thing>),
    ReviewGroup(Box<ReviewGroup>),
    AcceptanceLevel(Box<AcceptanceLevel>),
    Test(Box<TestDecl>),
}

/// Every value enumeration of the language, tied to its word group in
/// [`keywords::VALUE_WORDS`] by position.
macro_rules! value_enum {
    ($(#[$doc:meta])* $name:ident, $group:literal, [$($variant:ident),* $(,)?]) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
        pub enum $name { $($variant),* }

        impl $name {
            pub const GROUP: &'static str = $group;
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub fn from_index(index: usize) -> Option<Self> {
                Self::ALL.get(index).copied()
            }

            /// The Chinese word for this value.
            pub fn zh(self) -> &'static str {
                keywords::value_words($group).get(self as usize).map(|w| w.0).unwrap_or("")
            }

            /// The English word for this value.
            pub fn en(self) -> &'static str {
                keywords::value_words($group).get(self as usize).map(|w| w.1).unwrap_or("")
            }
        }
    };
}

value_enum!(
    /// 必要性.
    Necessity, "necessity", [Required, Optional, Deferrable]);
value_enum!(
    /// 形式: paper or electronic.
    Form, "form", [Paper, Electronic]);
value_enum!(
    /// What the applicant hands over of a paper material, and what the
    /// counter does with it: 原件 (the original; shown and handed back when
    /// issued by someone else, kept when the applicant made it), 收取原件
    /// (kept), 验原件 (shown and handed back), 比对原件留存复印件 (a copy kept
    /// after comparing it with the original), 复印件 (a copy only) or
    /// 原件或复印件 (either).
    CopyKind, "copy", [Original, OriginalKept, OriginalShown, CopyChecked, Copy, Either]);
value_enum!(
    /// 来源渠道.
    Source, "source", [Applicant, Government, Intermediary, Shared]);
value_enum!(
    /// 事项类型.
    ItemType, "item-type", [Licensing, Penalty, Enforcement, Levy, Benefit, Inspection, Confirmation, Reward, Adjudication, OtherPower, Filing, PublicService]);
value_enum!(
    /// 行使层级.
    Level, "level", [National, Province, City, County, Township, Village]);
value_enum!(
    /// 服务对象.
    ServiceObject, "serves", [Person, LegalPerson, Organization]);
value_enum!(
    /// 环节类型.
    StepType, "step-type", [Accept, Review, Decide, Deliver, Other]);
value_enum!(
    /// 特别程序: steps whose time may not count toward the limit.
    Special, "special", [SiteInspection, Testing, ExpertReview, Publicity, Hearing]);
value_enum!(
    /// 到场: where a step needs the applicant in person.
    Place, "place", [Centre, Site, Hospital, Designated]);
value_enum!(
    /// 审批结果类型.
    ResultType, "result-type", [Licence, Approval, Certificate, Other]);
value_enum!(
    /// 送达方式.
    Delivery, "delivery", [Window, Courier, Online]);
value_enum!(
    /// 数据源可信等级 (国办函〔2016〕108号).
    Trust, "trust", [A, B, C, D]);

impl CopyKind {
    /// Whether the original must be shown at the counter in person.
    pub fn needs_original_in_person(self) -> bool {
        matches!(self, CopyKind::OriginalShown | CopyKind::CopyChecked)
    }

    /// How much the applicant has to bring, for comparing a local catalog
    /// with the standard and for merging the materials of a thing: either <
    /// a copy < the original shown < a copy checked against the original <
    /// the original kept. `原件` counts as kept (the strictest reading).
    pub fn burden(self) -> u8 {
        match self {
            CopyKind::Either => 0,
            CopyKind::Copy => 1,
            CopyKind::OriginalShown => 2,
            CopyKind::CopyChecked => 3,
            CopyKind::Original | CopyKind::OriginalKept => 4,
        }
    }

    /// Whether the original is involved at all.
    pub fn involves_original(self) -> bool {
        !matches!(self, CopyKind::Copy | CopyKind::Either)
    }
}

impl ItemType {
    /// Types whose legal basis always sets a time limit, so a rule must state it.
    pub fn requires_legal_limit(self) -> bool {
        matches!(
            self,
            ItemType::Licensing | ItemType::Confirmation | ItemType::Benefit | ItemType::Adjudication
        )
    }
}

/// The unit of a duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum DurationUnit {
    WorkingDays,
    CalendarDays,
    /// 当场: on the spot (an 即办件).
    OnTheSpot,
}

/// A time limit.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Duration {
    pub amount: f64,
    pub unit: DurationUnit,
}

impl Duration {
    pub const ON_THE_SPOT: Duration = Duration {
        amount: 0.0,
        unit: DurationUnit::OnTheSpot,
    };

    /// How a rule file writes it in Chinese (`5 工作日`, `当场`).
    pub fn zh(&self) -> String {
        duration::print(*self, crate::diagnostics::Lang::Zh, duration::Style::Rule)
    }

    /// How a rule file writes it, in both languages, for a message.
    pub fn tr(&self) -> crate::diagnostics::Tr {
        duration::tr(*self, duration::Style::Rule)
    }

    /// How a rule file writes it in English (`5 working-days`, `5 days`).
    pub fn en(&self) -> String {
        duration::print(*self, crate::diagnostics::Lang::En, duration::Style::Rule)
    }
}

/// A number without a needless `.0`.
pub fn fmt_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Department {
    pub name: Ident,
    pub full_name: Option<Text>,
    pub level: Option<Spanned<Level>>,
    pub phone: Option<Text>,
    pub description: Option<Text>,
    pub unconfirmed: List<Spanned<FieldKw>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Zone {
    pub name: Ident,
    pub full_name: Option<Text>,
    pub description: Option<Text>,
    /// Where the zone's windows are, when they are open and whom to call:
    /// what its items print unless they say otherwise.
    pub address: Option<Text>,
    pub hours: Option<Text>,
    pub phone: Option<Text>,
    pub complaint_phone: Option<Text>,
    pub unconfirmed: List<Spanned<FieldKw>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DataSource {
    pub name: Ident,
    pub trust: Option<Spanned<Trust>>,
    pub department: Option<Ident>,
    pub provides: List<Ident>,
    pub description: Option<Text>,
    pub span: Span,
}

/// A material: in the library (top level) or in an item.
#[derive(Debug, Clone, PartialEq)]
pub struct Material {
    pub name: Ident,
    pub source: Option<Spanned<Source>>,
    pub basis: List<Text>,
    pub spec: Option<Text>,
    pub form: List<Spanned<Form>>,
    pub copy: Option<Spanned<CopyKind>>,
    pub copies: Option<Spanned<u32>>,
    pub issued_by: Option<Ident>,
    pub necessity: Option<Spanned<Necessity>>,
    /// For a 容缺 material: how long the applicant has to supply it.
    pub supply_deadline: Option<Spanned<Duration>>,
    pub description: Option<Text>,
    /// Boxed: most materials have none, and an item has many.
    pub when: Option<Box<Condition>>,
    pub unconfirmed: List<Spanned<FieldKw>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Fee {
    Free,
    Charged(Text),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub name: Ident,
    pub code: Option<Text>,
    pub item_type: Option<Spanned<ItemType>>,
    pub implemented_by: Option<Ident>,
    pub zone: Option<Ident>,
    pub legal_basis: List<Text>,
    pub levels: List<Spanned<Level>>,
    /// 通办范围: the levels whose centres accept the item (一城通办).
    pub city_wide: List<Spanned<Level>>,
    pub legal_limit: Option<Spanned<Duration>>,
    /// A legal limit was written but could not be read (already reported).
    pub legal_limit_invalid: bool,
    pub promised_limit: Option<Spanned<Duration>>,
    pub serves: List<Spanned<ServiceObject>>,
    pub conditions: List<Text>,
    /// 审批条件: decided by the back office, never checked at the counter.
    pub approval_conditions: List<Text>,
    /// 实施依据, beside 设定依据.
    pub implementation_basis: List<Text>,
    pub fee: Option<Spanned<Fee>>,
    /// 寄递费用: whether sending the result by courier is free.
    pub courier_fee: Option<Spanned<Fee>>,
    /// 邮寄申请: the application may be sent by post.
    pub apply_by_post: Option<Spanned<bool>>,
    pub fee_basis: Option<Text>,
    pub address: Option<Text>,
    pub hours: Option<Text>,
    pub phone: Option<Text>,
    pub complaint_phone: Option<Text>,
    pub visits: Option<Spanned<u32>>,
    pub online_depth: Option<Spanned<u32>>,
    pub description: Option<Text>,
    pub situations: List<Situation>,
    pub materials: List<Material>,
    pub steps: List<Step>,
    pub results: List<ResultDecl>,
    pub intermediaries: List<Intermediary>,
    pub unconfirmed: List<Spanned<FieldKw>>,
    pub span: Span,
}

/// 中介服务: a service the applicant must obtain from an intermediary (a
/// survey, a test report) before applying, with its fee and time limit.
#[derive(Debug, Clone, PartialEq)]
pub struct Intermediary {
    pub name: Ident,
    pub fee: Option<Spanned<Fee>>,
    pub fee_basis: Option<Text>,
    pub duration: Option<Spanned<Duration>>,
    pub basis: List<Text>,
    pub description: Option<Text>,
    pub unconfirmed: List<Spanned<FieldKw>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Domain {
    Enum(List<Ident>),
    Number {
        range: Option<Spanned<(f64, f64)>>,
        unit: Option<Text>,
        /// `类型：整数`: only whole numbers.
        integer: bool,
    },
    Bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Situation {
    pub name: Ident,
    pub question: Option<Text>,
    pub domain: Domain,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub name: Ident,
    /// The declared type, or the one implied by the step's name.
    pub step_type: Option<Spanned<StepType>>,
    pub department: Option<Ident>,
    /// `None` when no `之后` is written: the step follows the previous one.
    pub after: Option<List<Ident>>,
    pub duration: Option<Spanned<Duration>>,
    pub counts: Option<Spanned<bool>>,
    pub special: Option<Spanned<Special>>,
    /// 到场: the applicant must be there in person, and where.
    pub presence: Option<Spanned<Place>>,
    pub requires: List<Ident>,
    pub produces: List<Ident>,
    pub delivers: List<Ident>,
    pub description: Option<Text>,
    /// Boxed: most steps have none, and an item has many.
    pub when: Option<Box<Condition>>,
    pub unconfirmed: List<Spanned<FieldKw>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResultDecl {
    pub name: Ident,
    pub result_type: Option<Spanned<ResultType>>,
    pub delivery: List<Spanned<Delivery>>,
    /// A sample of the result: a file path (relative to the rule file) or a link.
    pub sample: Option<Text>,
    /// 有效期, as the legal basis words it (`"长期"`, `"5 年"`).
    pub validity: Option<Text>,
    pub description: Option<Text>,
    pub unconfirmed: List<Spanned<FieldKw>>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Thing {
    pub name: Ident,
    pub lead: Option<Ident>,
    pub zone: Option<Ident>,
    pub items: List<Ident>,
    /// Each chain `A → B → C` of the `顺序` field.
    pub order: List<Vec<Ident>>,
    pub promised_limit: Option<Spanned<Duration>>,
    pub visits: Option<Spanned<u32>>,
    pub online_depth: Option<Spanned<u32>>,
    pub description: Option<Text>,
    pub joint_reviews: List<JointReview>,
    /// The thing's own situations: what decides its 选办事项.
    pub situations: List<Situation>,
    pub optional_items: List<OptionalItem>,
    pub span: Span,
}

/// 选办事项: an item of a thing that only some applicants need, either when a
/// condition on the thing's situations holds or, with no condition, when the
/// applicant asks for it.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionalItem {
    pub name: Ident,
    pub when: Option<Condition>,
    pub description: Option<Text>,
    pub span: Span,
}

/// A review group declared once and used by joint reviews: the "6+1" and
/// "9+X" mechanisms (fixed members plus ones chosen per project).
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewGroup {
    pub name: Ident,
    pub members: List<Ident>,
    pub optional: List<Ident>,
    pub description: Option<Text>,
    pub span: Span,
}

/// 测试: what must follow for one applicant of an item or a thing (`yijian test`).
#[derive(Debug, Clone, PartialEq)]
pub struct TestDecl {
    pub name: Ident,
    /// The item under test (`事项`), or
    pub item: Option<Ident>,
    /// the thing under test (`一件事`).
    pub thing: Option<Ident>,
    /// The applicant's answers, written as a condition of `=` joined by 且.
    pub when: Option<Condition>,
    /// The exact set of materials to bring (`所需材料`).
    pub brings: Option<List<Ident>>,
    pub includes: List<Ident>,
    pub excludes: List<Ident>,
    pub material_count: Option<Spanned<u32>>,
    pub visits: Option<Spanned<u32>>,
    pub online_depth: Option<Spanned<u32>>,
    pub critical_path: Option<Spanned<Duration>>,
    pub on_the_spot: Option<Spanned<bool>>,
    /// `通办时长：乡镇 → 3 工作日 → 2 自然日`: what an applicant accepted at a
    /// level waits for.
    pub city_wide: List<CityWideExpectation>,
    pub description: Option<Text>,
    pub span: Span,
}

/// One chain of a test's `通办时长`.
#[derive(Debug, Clone, PartialEq)]
pub struct CityWideExpectation {
    pub level: Spanned<Level>,
    /// One or two durations: working days, calendar days, or `当场`.
    pub durations: List<Spanned<Duration>>,
    pub span: Span,
}

/// 通办层级: how the centres of one level pass applications on (一城通办):
/// to which level, in what time, and how long a courier takes from there.
#[derive(Debug, Clone, PartialEq)]
pub struct AcceptanceLevel {
    pub name: Ident,
    /// The level the name stands for; `None` when the name is not a level
    /// (already reported).
    pub level: Option<Level>,
    pub forwards_to: Option<Spanned<Level>>,
    pub circulation: Option<Spanned<Duration>>,
    pub courier: Option<Spanned<Duration>>,
    pub description: Option<Text>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct JointReview {
    pub name: Ident,
    pub group: Option<Ident>,
    pub departments: List<Ident>,
    pub duration: Option<Spanned<Duration>>,
    pub after: List<Ident>,
    /// `当 …`: over the thing's situations, when only some applicants need it
    /// (say, only those who chose an optional item).
    pub when: Option<Condition>,
    /// `到场`: the applicant is there in person (a joint site inspection).
    pub presence: Option<Spanned<Place>>,
    /// `替代 <item> { 环节：… }`: steps of the thing's items that this
    /// review takes the place of.
    pub replaces: List<Replacement>,
    pub span: Span,
}

/// `替代 <item> { 环节：… }` in a 会签: the item's steps the review does instead.
#[derive(Debug, Clone, PartialEq)]
pub struct Replacement {
    pub item: Ident,
    pub steps: List<Ident>,
    pub span: Span,
}
