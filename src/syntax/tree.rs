//! The syntax tree: a faithful, generic picture of a rule file.
//!
//! It records every block, field, value and comment with its exact byte span,
//! and knows nothing of what the keywords mean. The formatter and the language
//! server work on this tree; the AST lowering gives it meaning.

use crate::diagnostics::Span;

/// One parsed rule file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyntaxFile {
    pub blocks: Vec<Block>,
    /// Every comment of the file, in source order, including the ones inside
    /// blocks that failed to parse.
    pub comments: Vec<Comment>,
    /// The names of top-level blocks that could not be parsed: references to
    /// them are not reported as undefined, to avoid a cascade of errors.
    pub broken: Vec<BrokenBlock>,
}

/// A `# …` or `// …` comment; `text` excludes the marker.
#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    pub span: Span,
    pub text: String,
}

/// A top-level block with a syntax error, recorded by its head.
#[derive(Debug, Clone, PartialEq)]
pub struct BrokenBlock {
    pub keyword: Word,
    pub name: Option<Name>,
    /// The whole declaration that could not be parsed.
    pub span: Span,
}

/// A bare word: a keyword or a field key.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    pub span: Span,
}

/// A name, written bare (`营业执照`) or quoted (`"食品经营许可（新办）"`).
#[derive(Debug, Clone, PartialEq)]
pub struct Name {
    pub text: String,
    pub span: Span,
    pub quoted: bool,
}

/// `keyword name? { entries }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub keyword: Word,
    pub name: Option<Name>,
    pub body: Option<Body>,
    pub span: Span,
}

/// The braces of a block and what stands between them.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    pub entries: Vec<Entry>,
    pub span: Span,
    /// The span of the closing brace.
    pub close: Span,
    /// The keys of entries that were written but could not be read (a syntax
    /// error was reported there): they count as written, so that no
    /// "missing field" follows from a typo in the field.
    pub broken: Vec<Word>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Field(Field),
    When(When),
    Block(Block),
}

impl Entry {
    pub fn span(&self) -> Span {
        match self {
            Entry::Field(field) => field.span,
            Entry::When(when) => when.span,
            Entry::Block(block) => block.span,
        }
    }
}

/// `key: value`.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub key: Word,
    pub value: Value,
    /// The `待核实` mark after the value, if written.
    pub unconfirmed: Option<Span>,
    pub span: Span,
}

/// `当 condition`.
#[derive(Debug, Clone, PartialEq)]
pub struct When {
    pub keyword: Word,
    pub condition: Condition,
    pub span: Span,
}

/// A field's value: one atom, a list `a，b`, or chains `a → b`.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub items: Vec<ValueItem>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ValueItem {
    Atom(Atom),
    Chain(Vec<Atom>, Span),
}

impl ValueItem {
    pub fn span(&self) -> Span {
        match self {
            ValueItem::Atom(atom) => atom.span(),
            ValueItem::Chain(_, span) => *span,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Atom {
    Name(Name),
    Number(Number),
    Duration(Number, Word),
    /// A number with a counting word: `一份`, `2 次`.
    Count(Number, Word),
    Range(Number, Number, Span),
}

impl Atom {
    pub fn span(&self) -> Span {
        match self {
            Atom::Name(name) => name.span,
            Atom::Number(number) => number.span,
            Atom::Duration(number, unit) | Atom::Count(number, unit) => number.span.cover(unit.span),
            Atom::Range(_, _, span) => *span,
        }
    }
}

/// A number as written, with its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    pub text: String,
    /// NaN when Chinese numerals could not be read (`十十`).
    pub value: f64,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    Or(Vec<Condition>, Span),
    And(Vec<Condition>, Span),
    Not(Box<Condition>, Span),
    /// A bare name: a yes/no situation that holds.
    Flag(Name),
    Compare {
        left: Name,
        op: CompareOp,
        op_span: Span,
        right: Operand,
        span: Span,
    },
}

impl Condition {
    pub fn span(&self) -> Span {
        match self {
            Condition::Or(_, span) | Condition::And(_, span) | Condition::Not(_, span) => *span,
            Condition::Flag(name) => name.span,
            Condition::Compare { span, .. } => *span,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CompareOp {
    /// Whether `left op right` holds.
    pub fn holds(self, left: f64, right: f64) -> bool {
        match self {
            CompareOp::Eq => left == right,
            CompareOp::Ne => left != right,
            CompareOp::Lt => left < right,
            CompareOp::Le => left <= right,
            CompareOp::Gt => left > right,
            CompareOp::Ge => left >= right,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            CompareOp::Eq => "=",
            CompareOp::Ne => "≠",
            CompareOp::Lt => "<",
            CompareOp::Le => "≤",
            CompareOp::Gt => ">",
            CompareOp::Ge => "≥",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    Name(Name),
    Number(Number),
}

impl Operand {
    pub fn span(&self) -> Span {
        match self {
            Operand::Name(name) => name.span,
            Operand::Number(number) => number.span,
        }
    }
}
