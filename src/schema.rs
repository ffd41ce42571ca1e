//! Which fields and nested declarations each kind of block allows, and what
//! kind of value each field takes: the language's shape as data.
//!
//! The AST lowering reads it to accept or refuse a field (E0102) and to list
//! what a block allows; the formatter reads it to know which values are
//! words of the language (converted by `yijian fmt --keywords`) and which are
//! names the writer chose (never touched). The order of the fields is the
//! order in which messages list them.

use crate::keywords::{BlockKw, FieldKw};

/// What a field's value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// One text for people, in quotes.
    Text,
    /// One or more texts.
    Texts,
    /// Names of other declarations (or of a situation's values).
    Names,
    /// Chains of names: `甲 → 乙，丙 → 丁`.
    Chains,
    /// One word of a value group of [`crate::keywords::VALUE_WORDS`].
    Word(&'static str),
    /// One or more words of a value group.
    Words(&'static str),
    /// A duration (`5 工作日`) or `当场`.
    Duration,
    /// A whole number, optionally with 份 or 次.
    Count,
    /// `是` or `否`.
    Bool,
    /// `否`, `不收费` or the text of a fee standard.
    Fee,
    /// A numeric range `0..10000`.
    Range,
}

impl ValueKind {
    /// The value groups whose words may stand in this value, in the order
    /// they are tried.
    pub fn word_groups(self) -> impl Iterator<Item = &'static str> {
        let groups: [Option<&'static str>; 2] = match self {
            ValueKind::Word(group) | ValueKind::Words(group) => [Some(group), None],
            ValueKind::Duration => [Some("on-the-spot"), None],
            ValueKind::Bool => [Some("bool"), None],
            ValueKind::Fee => [Some("no-fee"), Some("bool")],
            _ => [None, None],
        };
        groups.into_iter().flatten()
    }
}

/// One field a block allows.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    pub field: FieldKw,
    pub value: ValueKind,
}

/// What one kind of block allows.
#[derive(Debug)]
pub struct BlockSpec {
    pub kind: BlockKw,
    pub fields: &'static [FieldSpec],
    pub nested: &'static [BlockKw],
    /// The value group the block's name is a word of (`通办层级 乡镇`), if any.
    pub name_words: Option<&'static str>,
}

impl BlockSpec {
    /// The fields, in the order messages list them.
    pub fn field_kws(&self) -> impl Iterator<Item = FieldKw> + '_ {
        self.fields.iter().map(|spec| spec.field)
    }

    pub fn allows(&self, field: FieldKw) -> bool {
        self.fields.iter().any(|spec| spec.field == field)
    }

    /// What `field`'s value is in this block.
    pub fn value_of(&self, field: FieldKw) -> Option<ValueKind> {
        self.fields
            .iter()
            .find(|spec| spec.field == field)
            .map(|spec| spec.value)
    }
}

/// The declarations that may stand at the top level of a file.
pub const TOP_LEVEL: &[BlockKw] = &[
    BlockKw::Department,
    BlockKw::Zone,
    BlockKw::DataSource,
    BlockKw::Material,
    BlockKw::Item,
    BlockKw::Thing,
    BlockKw::ReviewGroup,
    BlockKw::AcceptanceLevel,
    BlockKw::Test,
];

/// What `kind` allows.
#[expect(clippy::indexing_slicing, reason = "the table is a non-empty constant")]
pub fn block(kind: BlockKw) -> &'static BlockSpec {
    // Every kind has an entry; a test checks it.
    BLOCKS.iter().find(|spec| spec.kind == kind).unwrap_or(&BLOCKS[0])
}

const fn f(field: FieldKw, value: ValueKind) -> FieldSpec {
    FieldSpec { field, value }
}

const fn b(kind: BlockKw, fields: &'static [FieldSpec], nested: &'static [BlockKw]) -> BlockSpec {
    BlockSpec {
        kind,
        fields,
        nested,
        name_words: None,
    }
}

use FieldKw as F;
use ValueKind as V;

pub static BLOCKS: &[BlockSpec] = &[
    b(
        BlockKw::Department,
        &[
            f(F::FullName, V::Text),
            f(F::Level, V::Word("level")),
            f(F::Phone, V::Text),
            f(F::Description, V::Text),
        ],
        &[],
    ),
    b(
        BlockKw::Zone,
        &[
            f(F::FullName, V::Text),
            f(F::Description, V::Text),
            f(F::Address, V::Text),
            f(F::Hours, V::Text),
            f(F::Phone, V::Text),
            f(F::ComplaintPhone, V::Text),
        ],
        &[],
    ),
    b(
        BlockKw::DataSource,
        &[
            f(F::Trust, V::Word("trust")),
            f(F::Department, V::Names),
            f(F::Provides, V::Names),
            f(F::Description, V::Text),
        ],
        &[],
    ),
    b(
        BlockKw::Material,
        &[
            f(F::Source, V::Word("source")),
            f(F::Basis, V::Texts),
            f(F::Spec, V::Text),
            f(F::Form, V::Words("form")),
            f(F::Type, V::Words("copy")),
            f(F::Copies, V::Count),
            f(F::IssuedBy, V::Names),
            f(F::Necessity, V::Word("necessity")),
            f(F::SupplyDeadline, V::Duration),
            f(F::Description, V::Text),
        ],
        &[],
    ),
    b(
        BlockKw::Item,
        &[
            f(F::Code, V::Text),
            f(F::Type, V::Word("item-type")),
            f(F::ImplementedBy, V::Names),
            f(F::Zone, V::Names),
            f(F::LegalBasis, V::Texts),
            f(F::Levels, V::Words("level")),
            f(F::CityWide, V::Words("level")),
            f(F::LegalLimit, V::Duration),
            f(F::PromisedLimit, V::Duration),
            f(F::Serves, V::Words("serves")),
            f(F::Conditions, V::Texts),
            f(F::Fee, V::Fee),
            f(F::FeeBasis, V::Text),
            f(F::Address, V::Text),
            f(F::Hours, V::Text),
            f(F::Phone, V::Text),
            f(F::ComplaintPhone, V::Text),
            f(F::Visits, V::Count),
            f(F::OnlineDepth, V::Count),
            f(F::Description, V::Text),
            f(F::ApprovalConditions, V::Texts),
            f(F::ImplementationBasis, V::Texts),
            f(F::CourierFee, V::Fee),
            f(F::ApplyByPost, V::Bool),
        ],
        &[
            BlockKw::Situation,
            BlockKw::Material,
            BlockKw::Step,
            BlockKw::Result,
            BlockKw::IntermediaryService,
        ],
    ),
    b(
        BlockKw::Situation,
        &[
            f(F::Question, V::Text),
            f(F::Values, V::Names),
            f(F::Type, V::Word("situation-type")),
            f(F::Range, V::Range),
            f(F::Unit, V::Text),
            f(F::Description, V::Text),
        ],
        &[],
    ),
    b(
        BlockKw::Step,
        &[
            f(F::Type, V::Word("step-type")),
            f(F::Department, V::Names),
            f(F::After, V::Names),
            f(F::Duration, V::Duration),
            f(F::CountsTowardLimit, V::Bool),
            f(F::Special, V::Word("special")),
            f(F::Presence, V::Word("place")),
            f(F::Requires, V::Names),
            f(F::Produces, V::Names),
            f(F::Delivers, V::Names),
            f(F::Description, V::Text),
        ],
        &[],
    ),
    b(
        BlockKw::Result,
        &[
            f(F::Type, V::Word("result-type")),
            f(F::Delivery, V::Words("delivery")),
            f(F::Sample, V::Text),
            f(F::Validity, V::Text),
            f(F::Description, V::Text),
        ],
        &[],
    ),
    b(
        BlockKw::IntermediaryService,
        &[
            f(F::Fee, V::Fee),
            f(F::FeeBasis, V::Text),
            f(F::Duration, V::Duration),
            f(F::Basis, V::Texts),
            f(F::Description, V::Text),
        ],
        &[],
    ),
    b(
        BlockKw::Thing,
        &[
            f(F::Lead, V::Names),
            f(F::Zone, V::Names),
            f(F::Items, V::Names),
            f(F::Order, V::Chains),
            f(F::PromisedLimit, V::Duration),
            f(F::Visits, V::Count),
            f(F::OnlineDepth, V::Count),
            f(F::Description, V::Text),
        ],
        &[BlockKw::JointReview, BlockKw::Situation, BlockKw::OptionalItem],
    ),
    b(BlockKw::OptionalItem, &[f(F::Description, V::Text)], &[]),
    b(
        BlockKw::ReviewGroup,
        &[
            f(F::Members, V::Names),
            f(F::OptionalMembers, V::Names),
            f(F::Description, V::Text),
        ],
        &[],
    ),
    BlockSpec {
        kind: BlockKw::AcceptanceLevel,
        fields: &[
            f(F::ForwardsTo, V::Word("level")),
            f(F::Circulation, V::Duration),
            f(F::Courier, V::Duration),
            f(F::Description, V::Text),
        ],
        nested: &[],
        name_words: Some("level"),
    },
    b(
        BlockKw::JointReview,
        &[
            f(F::Group, V::Names),
            f(F::Department, V::Names),
            f(F::Duration, V::Duration),
            f(F::After, V::Names),
            f(F::Presence, V::Word("place")),
            f(F::Description, V::Text),
        ],
        &[BlockKw::Replaces],
    ),
    b(BlockKw::Replaces, &[f(F::Steps, V::Names)], &[]),
    b(
        BlockKw::Test,
        &[
            f(F::Items, V::Names),
            f(F::TestedThing, V::Names),
            f(F::Brings, V::Names),
            f(F::Includes, V::Names),
            f(F::Excludes, V::Names),
            f(F::MaterialCount, V::Count),
            f(F::Visits, V::Count),
            f(F::OnlineDepth, V::Count),
            f(F::CriticalPath, V::Duration),
            f(F::OnTheSpot, V::Bool),
            f(F::CityWideDuration, V::Chains),
            f(F::Description, V::Text),
        ],
        &[],
    ),
];
