//! The keyword tables: every keyword of the language in Chinese with its
//! English alias.
//!
//! The grammar does not know these words; the AST lowering looks them up here,
//! and the formatter converts between the two languages with the same tables.
//! A word may have extra Chinese spellings (`aliases`) that are accepted but
//! never written by the formatter.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// FNV-1a: the keyword indexes are looked up for every block and field of
/// every file, with short keys and no attacker to fear (the keys are ours), so
/// SipHash's protection is not worth its cost.
#[derive(Clone, Copy)]
pub(crate) struct WordHasher(u64);

impl Default for WordHasher {
    fn default() -> Self {
        WordHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type WordMap<K> = HashMap<&'static str, K, BuildHasherDefault<WordHasher>>;

/// FNV-1a for maps keyed by our own keywords (a block's fields by
/// [`FieldKw`]), built for every block of every file.
pub(crate) type KeywordHash = BuildHasherDefault<WordHasher>;

/// A declaration keyword: what a block declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKw {
    Department,
    Zone,
    DataSource,
    Material,
    Item,
    Thing,
    Situation,
    Step,
    Result,
    JointReview,
    ReviewGroup,
    AcceptanceLevel,
    OptionalItem,
    IntermediaryService,
    Test,
    Replaces,
}

/// A field keyword: the key of `key: value`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldKw {
    FullName,
    Level,
    Description,
    Phone,
    Trust,
    Provides,
    Source,
    Basis,
    Spec,
    Form,
    Necessity,
    SupplyDeadline,
    Type,
    Copies,
    IssuedBy,
    Code,
    ImplementedBy,
    Zone,
    LegalBasis,
    LegalLimit,
    PromisedLimit,
    Serves,
    Levels,
    Conditions,
    Fee,
    FeeBasis,
    Address,
    Hours,
    ComplaintPhone,
    Visits,
    OnlineDepth,
    Department,
    After,
    Duration,
    CountsTowardLimit,
    Special,
    Requires,
    Produces,
    Delivers,
    Delivery,
    Sample,
    Lead,
    Items,
    Order,
    Question,
    Values,
    Range,
    Unit,
    Members,
    OptionalMembers,
    Group,
    CityWide,
    ForwardsTo,
    Circulation,
    Courier,
    ApprovalConditions,
    ImplementationBasis,
    Validity,
    CourierFee,
    ApplyByPost,
    TestedThing,
    Brings,
    Includes,
    Excludes,
    MaterialCount,
    CriticalPath,
    OnTheSpot,
    CityWideDuration,
    Presence,
    Steps,
}

/// A word of a keyword table entry.
#[derive(Debug)]
pub struct Entry<K> {
    pub kw: K,
    pub zh: &'static str,
    pub en: &'static str,
    pub aliases: &'static [&'static str],
}

const fn e<K>(kw: K, zh: &'static str, en: &'static str) -> Entry<K> {
    Entry {
        kw,
        zh,
        en,
        aliases: &[],
    }
}

const fn ea<K>(kw: K, zh: &'static str, en: &'static str, aliases: &'static [&'static str]) -> Entry<K> {
    Entry { kw, zh, en, aliases }
}

pub static BLOCKS: &[Entry<BlockKw>] = &[
    e(BlockKw::Department, "部门", "department"),
    e(BlockKw::Zone, "功能区", "zone"),
    e(BlockKw::DataSource, "数据源", "data-source"),
    e(BlockKw::Material, "材料", "material"),
    e(BlockKw::Item, "事项", "item"),
    e(BlockKw::Thing, "一件事", "thing"),
    e(BlockKw::Situation, "情形", "situation"),
    e(BlockKw::Step, "环节", "step"),
    ea(BlockKw::Result, "结果", "result", &["审批结果"]),
    e(BlockKw::JointReview, "会签", "joint-review"),
    e(BlockKw::ReviewGroup, "审查组", "review-group"),
    e(BlockKw::AcceptanceLevel, "通办层级", "acceptance-level"),
    e(BlockKw::OptionalItem, "选办事项", "optional-item"),
    e(BlockKw::IntermediaryService, "中介服务", "intermediary-service"),
    e(BlockKw::Test, "测试", "test"),
    e(BlockKw::Replaces, "替代", "replaces"),
];

pub static FIELDS: &[Entry<FieldKw>] = &[
    e(FieldKw::FullName, "全称", "full-name"),
    e(FieldKw::Level, "层级", "level"),
    e(FieldKw::Description, "说明", "description"),
    ea(FieldKw::Phone, "咨询电话", "phone", &["电话"]),
    e(FieldKw::Trust, "可信等级", "trust"),
    e(FieldKw::Provides, "提供", "provides"),
    ea(FieldKw::Source, "来源", "source", &["来源渠道"]),
    e(FieldKw::Basis, "依据", "basis"),
    e(FieldKw::Spec, "规格", "spec"),
    e(FieldKw::Form, "形式", "form"),
    e(FieldKw::Necessity, "必要性", "necessity"),
    e(FieldKw::SupplyDeadline, "补交时限", "supply-deadline"),
    e(FieldKw::Type, "类型", "type"),
    e(FieldKw::Copies, "份数", "copies"),
    e(FieldKw::IssuedBy, "核发部门", "issued-by"),
    e(FieldKw::Code, "基本编码", "code"),
    ea(FieldKw::ImplementedBy, "实施部门", "implemented-by", &["实施主体"]),
    e(FieldKw::Zone, "功能区", "zone"),
    e(FieldKw::LegalBasis, "设定依据", "legal-basis"),
    ea(FieldKw::LegalLimit, "法定时限", "legal-limit", &["法定办结时限"]),
    ea(FieldKw::PromisedLimit, "承诺时限", "promised-limit", &["承诺办结时限"]),
    e(FieldKw::Serves, "服务对象", "serves"),
    e(FieldKw::Levels, "行使层级", "levels"),
    e(FieldKw::Conditions, "受理条件", "conditions"),
    ea(FieldKw::Fee, "收费", "fee", &["是否收费"]),
    e(FieldKw::FeeBasis, "收费依据", "fee-basis"),
    e(FieldKw::Address, "办理地点", "address"),
    e(FieldKw::Hours, "办理时间", "hours"),
    ea(
        FieldKw::ComplaintPhone,
        "投诉电话",
        "complaint-phone",
        &["监督电话", "监督投诉电话"],
    ),
    ea(FieldKw::Visits, "到现场次数", "visits", &["跑动次数"]),
    ea(FieldKw::OnlineDepth, "网办深度", "online-depth", &["网上办理深度"]),
    e(FieldKw::Department, "部门", "department"),
    e(FieldKw::After, "之后", "after"),
    e(FieldKw::Duration, "时限", "duration"),
    e(FieldKw::CountsTowardLimit, "计入时限", "counts"),
    e(FieldKw::Special, "特别程序", "special"),
    e(FieldKw::Requires, "需要", "requires"),
    e(FieldKw::Produces, "产出", "produces"),
    e(FieldKw::Delivers, "送达", "delivers"),
    e(FieldKw::Delivery, "送达方式", "delivery"),
    e(FieldKw::Sample, "样本", "sample"),
    e(FieldKw::Lead, "牵头部门", "lead"),
    e(FieldKw::Items, "事项", "items"),
    e(FieldKw::Order, "顺序", "order"),
    e(FieldKw::Question, "问题", "question"),
    e(FieldKw::Values, "取值", "values"),
    e(FieldKw::Range, "范围", "range"),
    e(FieldKw::Unit, "单位", "unit"),
    e(FieldKw::Members, "固定成员", "members"),
    e(FieldKw::OptionalMembers, "可选成员", "optional-members"),
    e(FieldKw::Group, "审查组", "group"),
    e(FieldKw::CityWide, "通办范围", "city-wide"),
    e(FieldKw::ForwardsTo, "流转至", "forwards-to"),
    e(FieldKw::Circulation, "流转时限", "circulation"),
    e(FieldKw::Courier, "寄递时限", "courier"),
    e(FieldKw::ApprovalConditions, "审批条件", "approval-conditions"),
    e(FieldKw::ImplementationBasis, "实施依据", "implementation-basis"),
    ea(FieldKw::Validity, "有效期", "valid-for", &["有效期限"]),
    ea(
        FieldKw::CourierFee,
        "寄递费用",
        "courier-fee",
        &["快递费用", "邮寄费用"],
    ),
    ea(FieldKw::ApplyByPost, "邮寄申请", "apply-by-post", &["信函申请"]),
    e(FieldKw::TestedThing, "一件事", "thing"),
    ea(FieldKw::Brings, "所需材料", "materials", &["需带材料"]),
    e(FieldKw::Includes, "包含材料", "includes"),
    e(FieldKw::Excludes, "不含材料", "excludes"),
    e(FieldKw::MaterialCount, "材料数", "material-count"),
    e(FieldKw::CriticalPath, "关键路径", "critical-path"),
    ea(FieldKw::OnTheSpot, "即办", "finished-on-the-spot", &["即办件"]),
    e(FieldKw::CityWideDuration, "通办时长", "city-wide-duration"),
    e(FieldKw::Presence, "到场", "presence"),
    e(FieldKw::Steps, "环节", "steps"),
];

/// Words that stand for values (`必要`, `行政许可`, `是` …), grouped by the
/// enumeration they belong to. The AST lowering maps them to its own enums.
pub static VALUE_WORDS: &[(&str, &[(&str, &str)])] = &[
    (
        "necessity",
        &[("必要", "required"), ("非必要", "optional"), ("容缺", "deferrable")],
    ),
    ("form", &[("纸质", "paper"), ("电子", "electronic")]),
    (
        "copy",
        &[
            ("原件", "original"),
            ("收取原件", "original-kept"),
            ("验原件", "original-shown"),
            ("比对原件留存复印件", "copy-checked"),
            ("复印件", "copy"),
            ("原件或复印件", "original-or-copy"),
        ],
    ),
    (
        "source",
        &[
            ("申请人自备", "applicant"),
            ("政府部门核发", "government"),
            ("中介机构", "intermediary"),
            ("共享获取", "shared"),
        ],
    ),
    (
        "item-type",
        &[
            ("行政许可", "licensing"),
            ("行政处罚", "penalty"),
            ("行政强制", "enforcement"),
            ("行政征收", "levy"),
            ("行政给付", "benefit"),
            ("行政检查", "inspection"),
            ("行政确认", "confirmation"),
            ("行政奖励", "reward"),
            ("行政裁决", "adjudication"),
            ("其他行政权力", "other-power"),
            ("行政备案", "filing"),
            ("公共服务", "public-service"),
        ],
    ),
    (
        "level",
        &[
            ("国家", "national"),
            ("省", "province"),
            ("市", "city"),
            ("县", "county"),
            ("乡镇", "township"),
            ("村", "village"),
        ],
    ),
    (
        "serves",
        &[
            ("自然人", "person"),
            ("法人", "legal-person"),
            ("非法人组织", "organization"),
        ],
    ),
    (
        "step-type",
        &[
            ("受理", "accept"),
            ("审查", "review"),
            ("决定", "decide"),
            ("送达", "deliver"),
            ("其他", "other"),
        ],
    ),
    (
        "special",
        &[
            ("现场核查", "site-inspection"),
            ("检验检测", "testing"),
            ("专家评审", "expert-review"),
            ("公示", "publicity"),
            ("听证", "hearing"),
        ],
    ),
    (
        "result-type",
        &[
            ("证照", "licence"),
            ("批文", "approval"),
            ("证明", "certificate"),
            ("其他", "other"),
        ],
    ),
    (
        "delivery",
        &[("窗口领取", "window"), ("邮寄", "courier"), ("网上", "online")],
    ),
    ("bool", &[("是", "yes"), ("否", "no")]),
    (
        "situation-type",
        &[
            ("枚举", "enum"),
            ("数值", "number"),
            ("是否", "yes-no"),
            ("整数", "integer"),
        ],
    ),
    ("trust", &[("A", "A"), ("B", "B"), ("C", "C"), ("D", "D")]),
    ("on-the-spot", &[("当场", "on-the-spot")]),
    (
        "place",
        &[
            ("服务中心", "centre"),
            ("现场", "site"),
            ("医院", "hospital"),
            ("指定地点", "designated-place"),
        ],
    ),
    ("no-fee", &[("不收费", "free")]),
];

/// Other spellings of value words, accepted but never written by the
/// formatter: `(group, alias, the Chinese word it stands for)`.
pub static VALUE_ALIASES: &[(&str, &str, &str)] = &[
    ("copy", "查验原件", "验原件"),
    ("copy", "核验原件", "验原件"),
    ("copy", "原件核验", "验原件"),
    ("copy", "验原件留复印件", "比对原件留存复印件"),
    ("copy", "核原件留复印件", "比对原件留存复印件"),
    ("copy", "比对原件留复印件", "比对原件留存复印件"),
    ("copy", "原件或者复印件", "原件或复印件"),
    ("no-fee", "免费", "不收费"),
];

static BLOCK_INDEX: LazyLock<WordMap<BlockKw>> = LazyLock::new(|| {
    let mut map = WordMap::default();
    for entry in BLOCKS {
        map.insert(entry.zh, entry.kw);
        map.insert(entry.en, entry.kw);
        for alias in entry.aliases {
            map.insert(*alias, entry.kw);
        }
    }
    map
});

static FIELD_INDEX: LazyLock<WordMap<FieldKw>> = LazyLock::new(|| {
    let mut map = WordMap::default();
    for entry in FIELDS {
        map.insert(entry.zh, entry.kw);
        map.insert(entry.en, entry.kw);
        for alias in entry.aliases {
            map.insert(*alias, entry.kw);
        }
    }
    map
});

impl BlockKw {
    pub fn from_word(word: &str) -> Option<BlockKw> {
        BLOCK_INDEX.get(word).copied()
    }

    #[expect(clippy::indexing_slicing, reason = "the table is a non-empty constant")]
    pub fn entry(self) -> &'static Entry<BlockKw> {
        BLOCKS.iter().find(|entry| entry.kw == self).unwrap_or(&BLOCKS[0]) // every keyword has an entry; a test checks it
    }

    pub fn zh(self) -> &'static str {
        self.entry().zh
    }

    pub fn en(self) -> &'static str {
        self.entry().en
    }
}

impl FieldKw {
    /// Whether the field's value is text for people (an address, a time, a
    /// phone number, a legal basis), which is always written in quotes.
    pub fn takes_text(self) -> bool {
        use FieldKw::*;
        matches!(
            self,
            FullName
                | Description
                | Phone
                | Basis
                | Spec
                | LegalBasis
                | Conditions
                | FeeBasis
                | Address
                | Hours
                | ComplaintPhone
                | Sample
                | Question
                | Unit
                | ApprovalConditions
                | ImplementationBasis
                | Validity
        )
    }

    pub fn from_word(word: &str) -> Option<FieldKw> {
        FIELD_INDEX.get(word).copied()
    }

    #[expect(clippy::indexing_slicing, reason = "the table is a non-empty constant")]
    pub fn entry(self) -> &'static Entry<FieldKw> {
        FIELDS.iter().find(|entry| entry.kw == self).unwrap_or(&FIELDS[0]) // every keyword has an entry; a test checks it
    }

    pub fn zh(self) -> &'static str {
        self.entry().zh
    }

    pub fn en(self) -> &'static str {
        self.entry().en
    }
}

/// The words of one value enumeration, `(zh, en)` pairs.
pub fn value_words(group: &str) -> &'static [(&'static str, &'static str)] {
    VALUE_WORDS
        .iter()
        .find(|(name, _)| *name == group)
        .map(|(_, words)| *words)
        .unwrap_or(&[])
}

/// The position of `word` (in either language) in a value enumeration.
pub fn value_index(group: &str, word: &str) -> Option<usize> {
    let word = VALUE_ALIASES
        .iter()
        .find(|(g, alias, _)| *g == group && *alias == word)
        .map_or(word, |(_, _, zh)| *zh);
    value_words(group)
        .iter()
        .position(|(zh, en)| *zh == word || *en == word)
}

/// The keyword a word of a small table stands for, in either language or
/// another spelling (a linear search: these tables have a handful of rows).
fn find_word<K: Copy>(table: &'static [Entry<K>], word: &str) -> Option<K> {
    table
        .iter()
        .find(|entry| entry.zh == word || entry.en == word || entry.aliases.contains(&word))
        .map(|entry| entry.kw)
}

/// The table entry of `kw`.
#[expect(clippy::indexing_slicing, reason = "the tables are non-empty constants")]
fn entry_of<K: PartialEq>(table: &'static [Entry<K>], kw: K) -> &'static Entry<K> {
    // Every keyword has an entry; a test checks it.
    table.iter().find(|entry| entry.kw == kw).unwrap_or(&table[0])
}

/// A unit of a duration that the language accepts (`5 工作日`, `20 自然日`).
/// `天`, `日`, `个月` … are read by the grammar only so that the lowering can
/// say they are ambiguous; they are not in this table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnitKw {
    WorkingDays,
    CalendarDays,
}

pub static UNITS: &[Entry<UnitKw>] = &[
    ea(
        UnitKw::WorkingDays,
        "工作日",
        "working-days",
        &[
            "个工作日",
            "工作日内",
            "个工作日内",
            "working-day",
            "workdays",
            "workday",
        ],
    ),
    ea(
        UnitKw::CalendarDays,
        "自然日",
        "calendar-days",
        &["个自然日", "自然日内", "个自然日内", "calendar-day", "days", "day"],
    ),
];

impl UnitKw {
    /// The unit a word of the grammar's `unit` names; `None` for the words
    /// that are read only to be reported (`天`, `个月` …).
    pub fn from_word(word: &str) -> Option<UnitKw> {
        find_word(UNITS, word)
    }

    pub fn entry(self) -> &'static Entry<UnitKw> {
        entry_of(UNITS, self)
    }

    pub fn zh(self) -> &'static str {
        self.entry().zh
    }

    pub fn en(self) -> &'static str {
        self.entry().en
    }
}

/// The words of conditions: `当 甲 = 乙 且 非 丙`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CondKw {
    /// `当` before a condition.
    When,
    And,
    Or,
    Not,
    /// `是`: a comparison written as a word (`学段 是 小学`).
    Is,
    /// `不是`.
    IsNot,
}

/// Symbols (`&&`, `||`, `!`) are accepted spellings too, never written by the
/// formatter.
pub static CONDITION_WORDS: &[Entry<CondKw>] = &[
    ea(CondKw::When, "当", "when", &["如果", "if"]),
    ea(CondKw::And, "且", "and", &["并且", "&&"]),
    ea(CondKw::Or, "或", "or", &["或者", "||"]),
    ea(CondKw::Not, "非", "not", &["!", "！"]),
    ea(CondKw::Is, "是", "is", &["为"]),
    e(CondKw::IsNot, "不是", "is-not"),
];

impl CondKw {
    pub fn from_word(word: &str) -> Option<CondKw> {
        find_word(CONDITION_WORDS, word)
    }

    pub fn entry(self) -> &'static Entry<CondKw> {
        entry_of(CONDITION_WORDS, self)
    }

    pub fn zh(self) -> &'static str {
        self.entry().zh
    }

    pub fn en(self) -> &'static str {
        self.entry().en
    }
}
