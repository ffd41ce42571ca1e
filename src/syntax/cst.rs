//! The lossless syntax tree: every byte of a file lies in exactly one leaf.
//!
//! Printing the leaves in order gives back the file byte for byte
//! ([`Node::print`]), whitespace, comments, separators, brackets, the quote
//! style and every `非` included. Nodes carry the kinds of the grammar's rules
//! (a block, a field, a condition …); tokens are leaves whose span is their text;
//! whitespace and the literal punctuation the grammar matches inside a rule
//! (`..` of a range) fill the gaps between tokens. A top-level declaration
//! that does not parse is one [`Kind::Error`] leaf over its text, so a
//! tree exists for every input. The formatter works on this tree; the typed
//! [`super::tree::SyntaxFile`] that the AST lowering reads comes from the same
//! pest parse.

use super::parser::Rule;
use crate::diagnostics::Span;
use pest::iterators::Pair;

/// What a node or leaf is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    // ------------------------------------------------------------ nodes
    File,
    /// `keyword name? { … }`.
    Block,
    /// `{ entries }`.
    Body,
    /// `key: value 待核实?`.
    Field,
    /// `当 condition`.
    When,
    /// A field's value: items separated by commas.
    Value,
    /// `甲 → 乙`.
    Chain,
    /// A number and its unit.
    Duration,
    /// A number and 份 or 次.
    Count,
    /// `0..100`.
    Range,
    /// A whole condition (or a bracketed one).
    Condition,
    /// Conditions joined by `或`.
    Or,
    /// Conditions joined by `且`.
    And,
    /// `非`s before a comparison or a bracketed condition.
    Not,
    /// `name (op value)?`.
    Compare,
    // ------------------------------------------------------------ leaves
    /// A keyword or field key.
    Word,
    /// A bare name.
    Ident,
    /// A quoted text or name, quotes included.
    String,
    Number,
    /// A number in Chinese numerals (`三十`).
    CnNumber,
    Unit,
    CountUnit,
    Colon,
    /// `,` `，` `、` between the items of a value.
    Comma,
    /// `;` `；` `,` `，` between the entries of a block.
    Sep,
    Arrow,
    LBrace,
    RBrace,
    LParen,
    RParen,
    WhenKw,
    AndKw,
    OrKw,
    NotKw,
    CmpOp,
    /// `待核实` after a value.
    Unconfirmed,
    /// `# …` or `// …`, the marker included.
    Comment,
    /// Spaces, tabs, line breaks, U+3000 and a byte order mark.
    Whitespace,
    /// Literal text the grammar matches inside a rule (`..` of a range).
    Punct,
    /// Text that could not be parsed: a whole top-level declaration, or the
    /// whole file when its braces do not pair up.
    Error,
}

impl Kind {
    /// Whether the kind is a leaf (a token, trivia or an error).
    pub fn is_leaf(self) -> bool {
        !matches!(
            self,
            Kind::File
                | Kind::Block
                | Kind::Body
                | Kind::Field
                | Kind::When
                | Kind::Value
                | Kind::Chain
                | Kind::Duration
                | Kind::Count
                | Kind::Range
                | Kind::Condition
                | Kind::Or
                | Kind::And
                | Kind::Not
                | Kind::Compare
        )
    }

    /// Whether the leaf carries no meaning: whitespace or a comment.
    pub fn is_trivia(self) -> bool {
        matches!(self, Kind::Whitespace | Kind::Comment)
    }
}

/// A node of the lossless tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: Kind,
    /// Byte span in the file: a leaf's text is the file's text there.
    pub span: Span,
    /// The children of an inner node, in source order, trivia included.
    pub children: Vec<Node>,
}

impl Node {
    fn leaf(kind: Kind, span: Span) -> Node {
        Node {
            kind,
            span,
            children: Vec::new(),
        }
    }

    /// The text at the node's span in `src`, the file it was parsed from.
    pub fn text<'s>(&self, src: &'s str) -> &'s str {
        src.get(self.span.start as usize..self.span.end as usize).unwrap_or("")
    }

    /// The text of the leaves, in order: the node's exact text, as the leaves
    /// tile it without gap or overlap.
    pub fn print(&self, src: &str) -> String {
        let mut out = String::with_capacity((self.span.end - self.span.start) as usize);
        self.print_into(src, &mut out);
        out
    }

    fn print_into(&self, src: &str, out: &mut String) {
        // An explicit stack: nesting is bounded by the parser, but printing
        // should not depend on it.
        let mut stack: Vec<&Node> = vec![self];
        while let Some(node) = stack.pop() {
            if node.kind.is_leaf() {
                out.push_str(node.text(src));
            } else {
                stack.extend(node.children.iter().rev());
            }
        }
    }

    /// The leaves under this node, in source order.
    pub fn leaves(&self) -> Vec<&Node> {
        let mut out = Vec::new();
        let mut stack: Vec<&Node> = vec![self];
        while let Some(node) = stack.pop() {
            if node.kind.is_leaf() {
                out.push(node);
            } else {
                stack.extend(node.children.iter().rev());
            }
        }
        out
    }

    /// The children that are not whitespace or comments.
    pub fn significant(&self) -> impl Iterator<Item = &Node> {
        self.children.iter().filter(|child| !child.kind.is_trivia())
    }

    /// Whether any leaf under this node is an error.
    pub fn has_error(&self) -> bool {
        self.leaves().iter().any(|leaf| leaf.kind == Kind::Error)
    }
}

/// The kind of a pest rule in the tree; `None` for rules that are not kept
/// (the end of input) and whose text, if any, becomes gap leaves.
fn kind_of(rule: Rule) -> Option<Kind> {
    Some(match rule {
        Rule::file => Kind::File,
        Rule::block => Kind::Block,
        Rule::body => Kind::Body,
        Rule::field => Kind::Field,
        Rule::when_clause => Kind::When,
        Rule::value => Kind::Value,
        Rule::chain => Kind::Chain,
        Rule::duration => Kind::Duration,
        Rule::count => Kind::Count,
        Rule::range => Kind::Range,
        Rule::condition => Kind::Condition,
        Rule::disjunction => Kind::Or,
        Rule::conjunction => Kind::And,
        Rule::negation => Kind::Not,
        Rule::comparison => Kind::Compare,
        Rule::word => Kind::Word,
        Rule::ident | Rule::cond_ident => Kind::Ident,
        Rule::string => Kind::String,
        Rule::number => Kind::Number,
        Rule::cn_number => Kind::CnNumber,
        Rule::unit => Kind::Unit,
        Rule::count_unit => Kind::CountUnit,
        Rule::colon => Kind::Colon,
        Rule::comma => Kind::Comma,
        Rule::sep => Kind::Sep,
        Rule::arrow => Kind::Arrow,
        Rule::lbrace => Kind::LBrace,
        Rule::rbrace => Kind::RBrace,
        Rule::lparen => Kind::LParen,
        Rule::rparen => Kind::RParen,
        Rule::kw_when => Kind::WhenKw,
        Rule::kw_and => Kind::AndKw,
        Rule::kw_or => Kind::OrKw,
        Rule::kw_not => Kind::NotKw,
        Rule::cmp_op | Rule::op_word => Kind::CmpOp,
        Rule::unconfirmed => Kind::Unconfirmed,
        Rule::comment => Kind::Comment,
        _ => return None,
    })
}

/// Builds the tree of a piece of `text` that pest parsed as a `file`,
/// starting at byte `offset` of the file. Iterative: the depth of the pest
/// tree is bounded by pest's stack guard, but this walk needs no stack of its own.
pub(super) fn from_file_pair(pair: Pair<'_, Rule>, text: &str, offset: usize) -> Vec<Node> {
    struct Frame<'i> {
        node: Node,
        at: usize,
        children: pest::iterators::Pairs<'i, Rule>,
        end: usize,
    }
    let start = pair.as_span().start();
    let end = pair.as_span().end();
    let mut stack: Vec<Frame<'_>> = vec![Frame {
        node: Node {
            kind: Kind::File,
            span: Span::new(offset + start, offset + end),
            children: Vec::new(),
        },
        at: start,
        children: pair.into_inner(),
        end,
    }];
    loop {
        let Some(frame) = stack.last_mut() else {
            return Vec::new();
        };
        match frame.children.next() {
            Some(child) => {
                let (child_start, child_end) = (child.as_span().start(), child.as_span().end());
                gaps(text, frame.at, child_start, offset, &mut frame.node.children);
                frame.at = frame.at.max(child_end);
                let Some(kind) = kind_of(child.as_rule()) else {
                    // Kept as gap text (EOI is empty).
                    frame.at = frame.at.min(child_start);
                    continue;
                };
                let span = Span::new(offset + child_start, offset + child_end);
                if kind.is_leaf() {
                    frame.node.children.push(Node::leaf(kind, span));
                } else {
                    stack.push(Frame {
                        node: Node {
                            kind,
                            span,
                            children: Vec::new(),
                        },
                        at: child_start,
                        children: child.into_inner(),
                        end: child_end,
                    });
                }
            }
            None => {
                let Some(mut done) = stack.pop() else {
                    return Vec::new();
                };
                gaps(text, done.at, done.end, offset, &mut done.node.children);
                match stack.last_mut() {
                    Some(parent) => parent.node.children.push(done.node),
                    None => return done.node.children,
                }
            }
        }
    }
}

/// Leaves for `text[from..to]`: runs of whitespace, and the literal text
/// between them.
fn gaps(text: &str, from: usize, to: usize, offset: usize, out: &mut Vec<Node>) {
    if to <= from {
        return;
    }
    let Some(gap) = text.get(from..to) else { return };
    let mut run_start = 0;
    let mut run_space: Option<bool> = None;
    for (at, c) in gap.char_indices() {
        let space = is_space(c);
        if run_space.is_some_and(|s| s != space) {
            push_gap(run_start, at, run_space == Some(true), from + offset, out);
            run_start = at;
        }
        run_space = Some(space);
    }
    push_gap(run_start, gap.len(), run_space == Some(true), from + offset, out);
}

fn push_gap(start: usize, end: usize, space: bool, base: usize, out: &mut Vec<Node>) {
    if end <= start {
        return;
    }
    let kind = if space { Kind::Whitespace } else { Kind::Punct };
    out.push(Node::leaf(kind, Span::new(base + start, base + end)));
}

/// Whitespace as the grammar's `ws` rule has it: Unicode's White_Space and
/// the BOM.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{FEFF}'
}

/// A whole file that could not be parsed as one piece: each top-level
/// declaration is parsed alone (`pieces` are the byte offsets where they
/// start), and one that fails is an error leaf.
pub(super) fn file(text: &str, pieces: Vec<Node>) -> Node {
    let mut children = pieces;
    let end = children.last().map_or(0, |last| last.span.end as usize);
    if end < text.len() {
        gaps(text, end, text.len(), 0, &mut children);
    }
    Node {
        kind: Kind::File,
        span: Span::new(0, text.len()),
        children,
    }
}

/// An error leaf for `text[start..end]`.
pub(super) fn error(start: usize, end: usize) -> Node {
    Node::leaf(Kind::Error, Span::new(start, end))
}
