//! The printer of the canonical layout: walks the lossless tree and writes
//! each declaration, entry and value again, placing every comment.
//!
//! Comments are placed by position, not by where pest happened to hang them
//! in the tree: a comment on the same line as what precedes it stays at the
//! end of that line; a comment on a line of its own stays on a line of its
//! own before what follows it; a comment written inside an entry (between a
//! key and its colon, inside a condition) moves to a line of its own just
//! before the entry. Every comment is printed exactly once.

use super::{Config, WIDTH};
use crate::diagnostics::{Lang, Span};
use crate::keywords::{self, BlockKw, CondKw, FieldKw, UnitKw};
use crate::schema::{self, ValueKind};
use crate::syntax::cst::{Kind, Node};
use unicode_width::UnicodeWidthStr;

const INDENT: &str = "  ";

pub(super) fn print(src: &str, tree: &Node, config: Config) -> String {
    let comments = tree
        .leaves()
        .into_iter()
        .filter(|leaf| leaf.kind == Kind::Comment)
        .map(|leaf| (leaf.span, leaf.text(src).trim_end().to_string()))
        .collect::<Vec<_>>();
    let mut printer = Printer {
        src,
        config,
        claimed: vec![false; comments.len()],
        comments,
        lines: Vec::new(),
        in_body: false,
    };
    let elements: Vec<&Node> = tree.significant().collect();
    printer.list(&elements, Span::new(0, src.len()), 0, Place::Top, false);
    // Lines end as most of the file's lines did: `\r\n` (Windows) or `\n`.
    let crlf = src.matches("\r\n").count() * 2 > src.matches('\n').count();
    let newline = if crlf { "\r\n" } else { "\n" };
    let lines: Vec<&str> = printer.lines.iter().map(|line| line.trim_end_matches('\r')).collect();
    let mut out = lines.join(newline);
    if !out.is_empty() {
        out.push_str(newline);
    }
    out
}

/// Where a list of entries stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// The top level of a file: one blank line after every declaration.
    Top,
    /// Inside a block whose kind is known (or not).
    Body(Option<BlockKw>),
}

struct Printer<'s> {
    src: &'s str,
    config: Config,
    /// Every comment of the file: its span and its text, trailing spaces cut.
    comments: Vec<(Span, String)>,
    claimed: Vec<bool>,
    lines: Vec<String>,
    /// Whether the element being printed stands inside a block.
    in_body: bool,
}

/// Where the printing of a list stands.
struct ListState {
    /// The end of what was printed last, in the source.
    prev_end: usize,
    printed_any: bool,
    prev_block: bool,
    /// Whether a comment on the same source line may go at the end of the last line.
    can_trail: bool,
}

impl<'s> Printer<'s> {
    // ---------------------------------------------------------------- lists and comments

    /// Prints `elements` (declarations or entries) with the comments in
    /// `region` between, before and after them.
    fn list(&mut self, elements: &[&Node], region: Span, depth: usize, place: Place, opener: bool) {
        let mut state = ListState {
            prev_end: region.start as usize,
            printed_any: false,
            prev_block: false,
            can_trail: opener,
        };
        for element in elements {
            let core = core_span(element);
            self.comments_until(core.start as usize, depth, place, &mut state);
            let is_block = element.kind == Kind::Block;
            let blank = state.printed_any
                && (newlines(self.src, state.prev_end, core.start as usize) >= 2
                    || (place == Place::Top && state.prev_block));
            // The element is printed aside first: comments inside it that no
            // inner list placed go on lines of their own before it.
            let saved = std::mem::take(&mut self.lines);
            self.element(element, depth, place);
            let printed = std::mem::replace(&mut self.lines, saved);
            if blank {
                self.lines.push(String::new());
            }
            for index in self.unclaimed_in(core) {
                let text = self.claim(index);
                self.lines.push(format!("{}{text}", INDENT.repeat(depth)));
            }
            self.lines.extend(printed);
            state.prev_end = core.end as usize;
            state.printed_any = true;
            state.prev_block = is_block;
            state.can_trail = true;
        }
        self.comments_until(region.end as usize, depth, place, &mut state);
    }

    /// Prints the unclaimed comments before `until`.
    fn comments_until(&mut self, until: usize, depth: usize, place: Place, state: &mut ListState) {
        for index in self.unclaimed_in(Span::new(state.prev_end, until)) {
            let (span, _) = self.comments.get(index).cloned().unwrap_or_default();
            let same_line = newlines(self.src, state.prev_end, span.start as usize) == 0;
            let text = self.claim(index);
            if state.can_trail
                && same_line
                && let Some(last) = self.lines.last_mut()
            {
                last.push_str("  ");
                last.push_str(&text);
            } else {
                let blank = state.printed_any
                    && (newlines(self.src, state.prev_end, span.start as usize) >= 2
                        || (place == Place::Top && state.prev_block));
                if blank {
                    self.lines.push(String::new());
                }
                self.lines.push(format!("{}{text}", INDENT.repeat(depth)));
                state.printed_any = true;
                state.prev_block = false;
            }
            state.can_trail = true;
            state.prev_end = span.end as usize;
        }
    }

    /// The indices of the comments inside `span` not printed yet.
    fn unclaimed_in(&self, span: Span) -> Vec<usize> {
        let from = self.comments.partition_point(|(s, _)| s.start < span.start);
        let to = self.comments.partition_point(|(s, _)| s.start < span.end);
        (from..to.max(from))
            .filter(|&index| !self.claimed.get(index).copied().unwrap_or(true))
            .collect()
    }

    fn claim(&mut self, index: usize) -> String {
        if let Some(flag) = self.claimed.get_mut(index) {
            *flag = true;
        }
        self.comments
            .get(index)
            .map(|(_, text)| text.clone())
            .unwrap_or_default()
    }

    // ---------------------------------------------------------------- declarations and entries

    fn element(&mut self, node: &Node, depth: usize, place: Place) {
        let kind = match place {
            Place::Top => None,
            Place::Body(kind) => kind,
        };
        self.in_body = place != Place::Top;
        match node.kind {
            Kind::Block => self.block(node, depth, place),
            Kind::Field => self.field(node, depth, kind),
            Kind::When => {
                let line = format!("{}{}", INDENT.repeat(depth), self.when(node));
                self.lines.push(line);
            }
            _ => self.verbatim(node, depth),
        }
    }

    /// A node printed as written (never reached for a tree that parsed).
    fn verbatim(&mut self, node: &Node, depth: usize) {
        let text = node.print(self.src);
        let line = format!("{}{}", INDENT.repeat(depth), text.trim());
        self.lines.push(line);
    }

    fn block(&mut self, node: &Node, depth: usize, place: Place) {
        let indent = INDENT.repeat(depth);
        let Some(keyword) = node.significant().find(|c| c.kind == Kind::Word) else {
            return self.verbatim(node, depth);
        };
        let text = self.t(keyword);
        let kind = BlockKw::from_word(text);
        // Inside a block, a word that is not a declaration the block allows
        // but one of its fields is read as that field without its colon (so
        // the lowering says E0001): converted as the field, so that a word
        // spelt differently as a declaration and as a field (事项: `item`,
        // `items`) keeps that reading in the other language.
        let as_field = match place {
            Place::Body(Some(parent)) => {
                let spec = schema::block(parent);
                let nested = kind.is_some_and(|k| spec.nested.contains(&k));
                FieldKw::from_word(text).filter(|f| !nested && spec.allows(*f))
            }
            _ => None,
        };
        let (word, lang) = match as_field {
            Some(field) => self.keyword(text, Some(field.entry())),
            None => self.keyword(text, kind.map(BlockKw::entry)),
        };
        let mut head = format!("{indent}{word}");
        if let Some(name) = node
            .significant()
            .find(|c| matches!(c.kind, Kind::Ident | Kind::String))
        {
            // A name is kept as written, even where it is a value word
            // (`通办层级 乡镇`): documents and messages print it.
            head.push(' ');
            head.push_str(&self.name(name));
        }
        let Some(body) = node.significant().find(|c| c.kind == Kind::Body) else {
            // A bare keyword (a field that lost its colon): without the
            // separator that followed it, the next line's first word would
            // read as its name.
            let nameless = !node.significant().any(|c| matches!(c.kind, Kind::Ident | Kind::String));
            if nameless && self.in_body {
                head.push_str(if lang == Lang::Zh { "；" } else { ";" });
            }
            self.lines.push(head);
            return;
        };
        let (Some(open), Some(close)) = (
            body.significant().find(|c| c.kind == Kind::LBrace),
            body.significant().find(|c| c.kind == Kind::RBrace),
        ) else {
            return self.verbatim(node, depth);
        };
        let entries: Vec<&Node> = body
            .significant()
            .filter(|c| matches!(c.kind, Kind::Field | Kind::When | Kind::Block))
            .collect();
        let inside = Span::new(open.span.end as usize, close.span.start as usize);
        let has_comments = !self.unclaimed_in(inside).is_empty();
        if entries.is_empty() && !has_comments {
            self.lines.push(format!("{head} {{}}"));
            return;
        }
        if !has_comments
            && !self.src_has_newline(open.span.start, close.span.end)
            && let Some(line) = self.one_line_body(&head, &entries, kind, lang)
        {
            self.lines.push(line);
            return;
        }
        self.lines.push(format!("{head} {{"));
        self.list(&entries, inside, depth + 1, Place::Body(kind), true);
        self.lines.push(format!("{indent}}}"));
    }

    /// `head { a：1；b：2 }` when every entry fits on one line within [`WIDTH`].
    fn one_line_body(&mut self, head: &str, entries: &[&Node], kind: Option<BlockKw>, lang: Lang) -> Option<String> {
        let mut parts = Vec::new();
        for entry in entries {
            match entry.kind {
                Kind::Field => {
                    let saved = std::mem::take(&mut self.lines);
                    self.field(entry, 0, kind);
                    let lines = std::mem::replace(&mut self.lines, saved);
                    match lines.as_slice() {
                        [one] => parts.push(one.clone()),
                        _ => return None,
                    }
                }
                Kind::When => parts.push(self.when(entry)),
                _ => return None,
            }
        }
        let sep = match lang {
            Lang::Zh => "；",
            Lang::En => "; ",
        };
        let line = format!("{head} {{ {} }}", parts.join(sep));
        (line.width() <= WIDTH).then_some(line)
    }

    fn field(&mut self, node: &Node, depth: usize, block: Option<BlockKw>) {
        let indent = INDENT.repeat(depth);
        let (Some(key), Some(colon), Some(value)) = (
            node.significant().find(|c| c.kind == Kind::Word),
            node.significant().find(|c| c.kind == Kind::Colon),
            node.significant().find(|c| c.kind == Kind::Value),
        ) else {
            return self.verbatim(node, depth);
        };
        let field = FieldKw::from_word(self.t(key));
        let (key_text, lang) = self.keyword(self.t(key), field.map(FieldKw::entry));
        let value_kind = block
            .zip(field)
            .and_then(|(block, field)| schema::block(block).value_of(field));
        let items: Vec<&Node> = value.significant().filter(|c| c.kind != Kind::Comma).collect();
        let texts: Vec<String> = items.iter().map(|item| self.item(item, value_kind, lang)).collect();
        let mark = match node.significant().find(|c| c.kind == Kind::Unconfirmed) {
            Some(_) => match lang {
                Lang::Zh => " 待核实",
                Lang::En => " unconfirmed",
            },
            None => "",
        };
        // Names and words are enumerated with `、`, texts and chains with `，`.
        let (colon_text, one_sep, multi_sep) = match lang {
            Lang::Zh => {
                let names = match value_kind {
                    Some(ValueKind::Names | ValueKind::Word(_) | ValueKind::Words(_)) => true,
                    Some(_) => false,
                    None => items.iter().all(|item| item.kind == Kind::Ident),
                };
                if names {
                    ("：", "、", "、")
                } else {
                    ("：", "，", "，")
                }
            }
            Lang::En => (": ", ", ", ","),
        };
        let last_end = items.last().map_or(value.span.end, |item| core_span(item).end);
        let one_line = format!("{indent}{key_text}{colon_text}{}{mark}", texts.join(one_sep));
        let multi = self.src_has_newline(colon.span.start, last_end)
            || !self
                .unclaimed_in(Span::new(colon.span.end as usize, last_end as usize))
                .is_empty()
            || (items.len() > 1 && one_line.width() > WIDTH);
        if !multi {
            self.lines.push(one_line);
            return;
        }
        // One item a line, under the key.
        self.lines.push(format!("{indent}{key_text}{}", colon_text.trim_end()));
        let inner = INDENT.repeat(depth + 1);
        let mut prev_end = colon.span.end as usize;
        let n_items = items.len();
        for (index, (item, text)) in items.iter().zip(&texts).enumerate() {
            let core = core_span(item);
            for comment in self.unclaimed_in(Span::new(prev_end, core.start as usize)) {
                let (span, _) = self.comments.get(comment).cloned().unwrap_or_default();
                let same_line = newlines(self.src, prev_end, span.start as usize) == 0;
                let text = self.claim(comment);
                match self.lines.last_mut() {
                    Some(last) if same_line => {
                        last.push_str("  ");
                        last.push_str(&text);
                    }
                    _ => self.lines.push(format!("{inner}{text}")),
                }
                prev_end = span.end as usize;
            }
            let sep = if index + 1 < n_items { multi_sep } else { mark };
            self.lines.push(format!("{inner}{text}{sep}"));
            prev_end = core.end as usize;
        }
    }

    // ---------------------------------------------------------------- values

    fn item(&self, node: &Node, value_kind: Option<ValueKind>, lang: Lang) -> String {
        match node.kind {
            Kind::Ident => self.value_word(self.t(node), value_kind),
            Kind::String => string(self.t(node)),
            Kind::Number => ascii_digits(self.t(node)),
            Kind::Duration => self.duration(node),
            Kind::Count => {
                let mut out = String::new();
                for child in node.significant() {
                    match child.kind {
                        Kind::Number => out.push_str(&ascii_digits(self.t(child))),
                        Kind::CnNumber => out.push_str(self.t(child)),
                        Kind::CountUnit => {
                            if node.significant().any(|c| c.kind == Kind::Number) {
                                out.push(' ');
                            }
                            out.push_str(self.t(child));
                        }
                        _ => {}
                    }
                }
                out
            }
            Kind::Range => {
                let numbers: Vec<String> = node
                    .significant()
                    .filter(|c| c.kind == Kind::Number)
                    .map(|c| ascii_digits(self.t(c)))
                    .collect();
                numbers.join("..")
            }
            Kind::Chain => {
                let arrow = match lang {
                    Lang::Zh => " → ",
                    Lang::En => " -> ",
                };
                let parts: Vec<String> = node
                    .significant()
                    .filter(|c| c.kind != Kind::Arrow)
                    .map(|c| self.item(c, value_kind, lang))
                    .collect();
                parts.join(arrow)
            }
            _ => node.print(self.src).trim().to_string(),
        }
    }

    fn duration(&self, node: &Node) -> String {
        let number = node
            .significant()
            .find(|c| matches!(c.kind, Kind::Number | Kind::CnNumber));
        let unit = node.significant().find(|c| c.kind == Kind::Unit);
        let (Some(number), Some(unit)) = (number, unit) else {
            return node.print(self.src).trim().to_string();
        };
        let known = UnitKw::from_word(self.t(unit));
        let own = if self.t(unit).is_ascii() { Lang::En } else { Lang::Zh };
        let lang = self.config.keywords.unwrap_or(own);
        let unit_text = match known {
            Some(kw) => match lang {
                Lang::Zh => kw.zh(),
                Lang::En => kw.en(),
            },
            None => self.t(unit),
        };
        if number.kind == Kind::Number {
            return format!("{} {unit_text}", ascii_digits(self.t(number)));
        }
        // Chinese numerals: kept in Chinese with the unit as written (`一个工作日`), digits in English.
        match (lang, crate::syntax::chinese_number_value(self.t(number))) {
            (Lang::En, Some(value)) if known.is_some() => format!("{value} {unit_text}"),
            (Lang::Zh, _) if own == Lang::Zh => format!("{}{}", self.t(number), self.t(unit)),
            _ => format!("{}{unit_text}", self.t(number)),
        }
    }

    /// A bare word in a value: a value word of the field's groups is spelt as
    /// the table has it; a name is kept as written.
    fn value_word(&self, text: &str, value_kind: Option<ValueKind>) -> String {
        let Some(value_kind) = value_kind else {
            return text.to_string();
        };
        for group in value_kind.word_groups() {
            if let Some(index) = keywords::value_index(group, text)
                && let Some((zh, en)) = keywords::value_words(group).get(index)
            {
                let own = if text.is_ascii() && !zh.is_ascii() {
                    Lang::En
                } else {
                    Lang::Zh
                };
                return match self.config.keywords.unwrap_or(own) {
                    Lang::Zh => zh.to_string(),
                    Lang::En => en.to_string(),
                };
            }
        }
        text.to_string()
    }

    /// A block's name, quoted in `"…"` if it was quoted.
    fn name(&self, node: &Node) -> String {
        match node.kind {
            Kind::String => string(self.t(node)),
            _ => self.t(node).to_string(),
        }
    }

    // ---------------------------------------------------------------- conditions

    fn when(&self, node: &Node) -> String {
        let Some(keyword) = node.significant().find(|c| c.kind == Kind::WhenKw) else {
            return node.print(self.src).trim().to_string();
        };
        let (word, lang) = self.keyword(self.t(keyword), CondKw::from_word(self.t(keyword)).map(CondKw::entry));
        match node.significant().find(|c| c.kind == Kind::Condition) {
            Some(condition) => format!("{word} {}", self.condition(condition, lang)),
            None => node.print(self.src).trim().to_string(),
        }
    }

    fn condition(&self, node: &Node, lang: Lang) -> String {
        let mut out = String::new();
        match node.kind {
            Kind::Condition | Kind::Or | Kind::And => {
                for child in node.significant() {
                    match child.kind {
                        Kind::AndKw | Kind::OrKw => {
                            out.push(' ');
                            out.push_str(&self.cond_word(self.t(child), lang));
                            out.push(' ');
                        }
                        _ => out.push_str(&self.condition(child, lang)),
                    }
                }
            }
            Kind::Not => {
                let children: Vec<&Node> = node.significant().collect();
                for (index, child) in children.iter().enumerate() {
                    match child.kind {
                        Kind::NotKw => {
                            out.push_str(&self.cond_word(self.t(child), lang));
                            let next = children.get(index + 1).map(|c| c.kind);
                            if !(lang == Lang::Zh && next == Some(Kind::LParen)) {
                                out.push(' ');
                            }
                        }
                        Kind::LParen => out.push_str(if lang == Lang::Zh { "（" } else { "(" }),
                        Kind::RParen => out.push_str(if lang == Lang::Zh { "）" } else { ")" }),
                        _ => out.push_str(&self.condition(child, lang)),
                    }
                }
            }
            Kind::Compare => {
                let parts: Vec<String> = node
                    .significant()
                    .map(|child| match child.kind {
                        Kind::CmpOp => self.operator(self.t(child)),
                        Kind::String => string(self.t(child)),
                        _ => self.t(child).to_string(),
                    })
                    .collect();
                out.push_str(&parts.join(" "));
            }
            _ => out.push_str(node.print(self.src).trim()),
        }
        out
    }

    fn cond_word(&self, text: &str, lang_of_condition: Lang) -> String {
        let kw = CondKw::from_word(text);
        match (kw, self.config.keywords) {
            (Some(kw), Some(Lang::Zh)) => kw.zh().to_string(),
            (Some(kw), Some(Lang::En)) => kw.en().to_string(),
            (Some(kw), None) => {
                let own = if text.chars().all(|c| c.is_ascii_alphabetic() || c == '-') {
                    Lang::En
                } else if text.is_ascii() || text == "！" {
                    // `&&`, `||`, `!`: the language of the condition around them.
                    lang_of_condition
                } else {
                    Lang::Zh
                };
                match own {
                    Lang::Zh => kw.zh().to_string(),
                    Lang::En => kw.en().to_string(),
                }
            }
            (None, _) => text.to_string(),
        }
    }

    /// Comparison symbols as messages and documents print them (`=`, `≠`,
    /// `<`, `≤`, `>`, `≥`); words as the table spells them.
    fn operator(&self, text: &str) -> String {
        match text {
            "=" | "==" | "＝" => "=".to_string(),
            "!=" | "≠" => "≠".to_string(),
            "<" | "＜" => "<".to_string(),
            "<=" | "≤" => "≤".to_string(),
            ">" | "＞" => ">".to_string(),
            ">=" | "≥" => "≥".to_string(),
            word => self.cond_word(word, Lang::Zh),
        }
    }

    // ---------------------------------------------------------------- words

    /// A keyword as the table spells it, in the configured language or its
    /// own; with the language it is written in.
    fn keyword<K>(&self, text: &str, entry: Option<&keywords::Entry<K>>) -> (String, Lang) {
        let own = if text.is_ascii() { Lang::En } else { Lang::Zh };
        match entry {
            Some(entry) => {
                let lang = self.config.keywords.unwrap_or(own);
                let word = match lang {
                    Lang::Zh => entry.zh,
                    Lang::En => entry.en,
                };
                (word.to_string(), lang)
            }
            None => (text.to_string(), own),
        }
    }

    /// The text of a leaf.
    fn t(&self, node: &Node) -> &'s str {
        node.text(self.src)
    }

    fn src_has_newline(&self, start: u32, end: u32) -> bool {
        newlines(self.src, start as usize, end as usize) > 0
    }
}

/// From the first to the last leaf that is not whitespace or a comment.
fn core_span(node: &Node) -> Span {
    let leaves = node.leaves();
    let mut significant = leaves.iter().filter(|leaf| !leaf.kind.is_trivia());
    let first = significant.next().map(|leaf| leaf.span);
    let last = significant.next_back().map(|leaf| leaf.span).or(first);
    match (first, last) {
        (Some(first), Some(last)) => first.cover(last),
        _ => node.span,
    }
}

fn newlines(src: &str, start: usize, end: usize) -> usize {
    src.get(start..end.max(start))
        .map_or(0, |text| text.bytes().filter(|&b| b == b'\n').count())
}

/// A quoted text in `"…"`: `“…”` and `「…」` are re-quoted, escaping `\` and `"`.
fn string(text: &str) -> String {
    if text.starts_with('"') {
        return text.to_string();
    }
    let inner: String = text.chars().skip(1).collect();
    let inner = inner.get(..inner.len().saturating_sub(3)).unwrap_or("");
    let mut out = String::with_capacity(inner.len() + 2);
    out.push('"');
    for c in inner.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// Full-width digits (`２０`) as ASCII.
fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - 0xFF10 + u32::from('0')).unwrap_or(c),
            c => c,
        })
        .collect()
}
