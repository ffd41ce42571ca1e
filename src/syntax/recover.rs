//! Brace recovery: a scan that knows only strings, comments, braces and the
//! first word of each line finds unclosed and unmatched braces before pest
//! runs, reports them at the block that was left open, and repairs the text
//! (a `}` added where the block most likely ends, an unmatched `}` blanked) so
//! that the rest of the file is parsed and checked as if the braces were right.
//!
//! Where a block was meant to close is guessed as rustc and typst do for
//! delimiters: from the next declaration that can only stand at the top
//! level, and, once the braces are known not to pair up, from indentation (a
//! block closes before the next line indented no deeper than its opening
//! line). The scan and the repair are linear in the length of the text.

use crate::diagnostics::{Code, Diagnostic, FileId, Span, Tr};
use crate::keywords::BlockKw;
use std::borrow::Cow;

/// The outcome of the scan: the text to parse, where it differs from the
/// source, where its top-level declarations start, and the brace diagnostics.
pub(super) struct Plan<'t> {
    /// The source with braces repaired (borrowed when nothing was repaired).
    pub text: Cow<'t, str>,
    /// Offsets in `text` of the bytes that were added (each one byte, sorted).
    pub inserts: Vec<usize>,
    /// Offsets in `text` where a top-level declaration starts a line; the
    /// first is always 0.
    pub chunks: Vec<usize>,
    /// Where each comment starts in the source, when nothing was repaired
    /// (sorted): in a piece that pest parses these are exactly its comment
    /// tokens (a `#` or `//` outside a string can be nothing else), so the
    /// lowering need not look for them among all the pairs.
    pub comments: Option<Vec<usize>>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Plan<'_> {
    /// Whether the braces were right as written.
    pub fn is_clean(&self) -> bool {
        self.diagnostics.is_empty() && self.inserts.is_empty()
    }
}

/// Maps offsets in the repaired text back to the source.
#[derive(Debug, Clone, Copy)]
pub(super) struct Shift<'p> {
    /// Where the parsed piece starts in the repaired text.
    pub offset: usize,
    pub inserts: &'p [usize],
}

impl Shift<'_> {
    /// The source offset of offset `at` in the parsed piece. An added byte
    /// maps to the source position it was added at.
    pub fn at(&self, at: usize) -> usize {
        let repaired = self.offset + at;
        repaired - self.inserts.partition_point(|&insert| insert < repaired)
    }

    pub fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.at(start), self.at(end))
    }
}

/// Declarations that can only stand at the top level: a line that starts
/// with one of them while a block is open means the block was not closed.
fn top_only(kw: BlockKw) -> bool {
    matches!(
        kw,
        BlockKw::Department
            | BlockKw::Zone
            | BlockKw::DataSource
            | BlockKw::Item
            | BlockKw::Thing
            | BlockKw::ReviewGroup
            | BlockKw::AcceptanceLevel
    )
}

/// Declarations that may stand at the top level (a chunk for recovery).
fn top_level(kw: BlockKw) -> bool {
    top_only(kw) || kw == BlockKw::Material
}

/// What a line starts with, outside strings and comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Head {
    /// A declaration keyword that may only stand at the top level.
    TopOnly,
    /// A declaration keyword that may also be nested (材料).
    TopLevel,
    /// Any other declaration keyword (环节, 情形 …).
    Nested,
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Line {
    /// Offset of the line's first byte.
    start: usize,
    /// Offset and end of the line's first token.
    first: usize,
    first_end: usize,
    /// Indentation in characters.
    indent: usize,
    head: Head,
}

#[derive(Debug, Clone, Copy)]
enum Event {
    /// The first token of line `n`.
    Line(usize),
    Open {
        at: usize,
        len: usize,
        line: usize,
    },
    Close {
        at: usize,
        len: usize,
        line: usize,
        first: bool,
    },
}

/// The scanned structure: lines and brace events in source order.
struct Scan {
    lines: Vec<Line>,
    events: Vec<Event>,
    /// Where each comment starts (its `#` or `//`), outside strings.
    comments: Vec<usize>,
}

/// Space within a line, as the grammar has it (a line break ends the line).
fn is_space(c: char) -> bool {
    c != '\n' && super::cst::is_space(c)
}

fn ends_word(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '{' | '｛' | '}' | '｝' | '"' | '“' | '「' | ':' | '：' | ';' | '；' | ',' | '，' | '\u{3000}' | '\u{feff}'
        )
}

/// The closing quote of an opening one, if it is a quote.
fn closing_quote(c: char) -> Option<char> {
    match c {
        '"' => Some('"'),
        '“' => Some('”'),
        '「' => Some('」'),
        _ => None,
    }
}

/// Remembers the last search for each closing quote, so that a file full of
/// unpaired quotes is scanned in linear time: a search that found nothing
/// from some offset finds nothing from any later one either.
#[derive(Default)]
struct QuoteCache {
    /// (searched from, found at) per quote kind.
    last: [Option<(usize, Option<usize>)>; 3],
}

impl QuoteCache {
    fn find(&mut self, text: &str, from: usize, close: char) -> Option<usize> {
        let slot = match close {
            '"' => 0,
            '”' => 1,
            _ => 2,
        };
        if let Some(Some((searched, found))) = self.last.get(slot).copied()
            && from >= searched
            && found.is_none_or(|found| from <= found)
        {
            return found;
        }
        let rest = text.get(from..)?;
        let found = if close == '"' {
            let mut escaped = false;
            rest.char_indices()
                .find(|&(_, c)| {
                    let hit = c == '"' && !escaped;
                    escaped = c == '\\' && !escaped;
                    hit
                })
                .map(|(at, _)| from + at)
        } else {
            rest.find(close).map(|at| from + at)
        };
        if let Some(entry) = self.last.get_mut(slot) {
            *entry = Some((from, found));
        }
        found
    }
}

fn scan(text: &str) -> Scan {
    let mut lines = Vec::new();
    let mut events = Vec::new();
    let mut comments = Vec::new();
    let mut quotes = QuoteCache::default();
    let mut at_line_start = true;
    let mut line_start = 0;
    let mut indent = 0;
    let mut line_has_token = false;
    // A byte position rather than an iterator of characters, so that a
    // string or a comment is passed over in one step.
    let mut pos = 0;
    let bytes = text.as_bytes();
    while let Some(&lead) = bytes.get(pos) {
        // Most characters of a rule file are CJK ideographs (lead bytes
        // E4–E9) and ASCII letters: no space, brace, quote or comment, nothing
        // to decode. Each of the characters the scan looks at is either
        // ASCII or led by C2, E1, E2, E3 or EF (the spaces of White_Space,
        // the full-width braces, “ and 「, the BOM).
        let plain = match lead {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_' => Some(1),
            0xE4..=0xE9 => Some(3),
            _ => None,
        };
        if let Some(len) = plain {
            at_line_start = false;
            if !line_has_token {
                line_has_token = true;
                push_line(text, pos, line_start, indent, len, &mut lines, &mut events);
            }
            pos += len;
            continue;
        }
        let Some(c) = text.get(pos..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let at = pos;
        pos += c.len_utf8();
        if c == '\n' {
            at_line_start = true;
            line_start = pos;
            indent = 0;
            line_has_token = false;
            continue;
        }
        if is_space(c) {
            if at_line_start {
                indent += 1;
            }
            continue;
        }
        at_line_start = false;
        let first = !line_has_token;
        if first {
            line_has_token = true;
            push_line(text, at, line_start, indent, c.len_utf8(), &mut lines, &mut events);
        }
        let line = lines.len().saturating_sub(1);
        match c {
            '#' => {
                comments.push(at);
                pos = comment_end(text, pos);
            }
            '/' if bytes.get(pos) == Some(&b'/') => {
                comments.push(at);
                pos = comment_end(text, pos);
            }
            '{' | '｛' => events.push(Event::Open {
                at,
                len: c.len_utf8(),
                line,
            }),
            '}' | '｝' => events.push(Event::Close {
                at,
                len: c.len_utf8(),
                line,
                first,
            }),
            _ => {
                if let Some(close) = closing_quote(c)
                    && let Some(end) = quotes.find(text, pos, close)
                {
                    // Skip the string; a line break inside it starts no line.
                    pos = end + close.len_utf8();
                }
            }
        }
    }
    Scan {
        lines,
        events,
        comments,
    }
}

/// Records the line that starts at `line_start` and whose first token (a
/// character `len` bytes long) is at `at`, with the block keyword it starts
/// with, if any.
fn push_line(
    text: &str,
    at: usize,
    line_start: usize,
    indent: usize,
    len: usize,
    lines: &mut Vec<Line>,
    events: &mut Vec<Event>,
) {
    let rest = text.get(at..).unwrap_or("");
    let word_len = rest.find(ends_word).unwrap_or(rest.len());
    let word = rest.get(..word_len).unwrap_or("");
    let head = match BlockKw::from_word(word) {
        Some(kw) if top_only(kw) => Head::TopOnly,
        Some(kw) if top_level(kw) => Head::TopLevel,
        Some(_) => Head::Nested,
        None => Head::Other,
    };
    lines.push(Line {
        start: line_start,
        first: at,
        first_end: at + word_len.max(len),
        indent,
        head,
    });
    events.push(Event::Line(lines.len() - 1));
}

/// Where the comment that goes on at `from` ends: before the line break (a
/// `\n`, or a `\r` as the grammar has it: a lone `\r` ends a line too), or
/// at the end of the text.
fn comment_end(text: &str, from: usize) -> usize {
    text.get(from..)
        .and_then(|rest| rest.find(['\n', '\r']))
        .map_or(text.len(), |at| from + at)
}

/// A `{` not yet closed.
#[derive(Debug, Clone, Copy)]
struct Open {
    at: usize,
    len: usize,
    /// The line the block starts on (its keyword).
    line: usize,
}

/// Why an open block is taken to be unclosed, and where it should have ended.
#[derive(Debug, Clone, Copy)]
enum Guess {
    /// Before this line (the next declaration, or a dedented line).
    BeforeLine(usize),
    /// Before this `}`, whose indentation matches an outer block.
    BeforeClose(usize, usize),
    /// Nowhere to guess: the file ended.
    End,
}

/// Scans `text` and plans the repair of its braces.
pub(super) fn plan(file: FileId, text: &str) -> Plan<'_> {
    let scan = scan(text);
    let needs_repair = !balanced(&scan);
    if !needs_repair {
        return Plan {
            chunks: chunk_starts(&scan),
            comments: Some(scan.comments),
            text: Cow::Borrowed(text),
            inserts: Vec::new(),
            diagnostics: Vec::new(),
        };
    }
    let mut repair = Repair {
        file,
        source: text,
        scan: &scan,
        out: String::with_capacity(text.len() + 64),
        copied: 0,
        inserts: Vec::new(),
        diagnostics: Vec::new(),
        stack: Vec::new(),
        chunks: vec![0],
        line_index: super::LineIndex::new(text),
    };
    for event in &scan.events {
        match *event {
            Event::Line(n) => repair.line(n),
            Event::Open { at, len, line } => repair.stack.push(Open { at, len, line }),
            Event::Close { at, len, line, first } => repair.close(at, len, line, first),
        }
    }
    repair.end();
    let Repair {
        out,
        inserts,
        diagnostics,
        chunks,
        ..
    } = repair;
    Plan {
        text: Cow::Owned(out),
        comments: None,
        inserts,
        chunks,
        diagnostics,
    }
}

/// Whether the braces pair up and no top-level-only declaration starts
/// inside an open block at or left of that block's indentation.
fn balanced(scan: &Scan) -> bool {
    let mut stack: Vec<usize> = Vec::new();
    for event in &scan.events {
        match *event {
            Event::Line(n) => {
                let Some(line) = scan.lines.get(n) else { continue };
                let outer = stack.first().and_then(|&l| scan.lines.get(l));
                if line.head == Head::TopOnly && outer.is_some_and(|outer| outer.indent >= line.indent) {
                    return false;
                }
            }
            Event::Open { line, .. } => stack.push(line),
            Event::Close { .. } => {
                if stack.pop().is_none() {
                    return false;
                }
            }
        }
    }
    stack.is_empty()
}

/// Top-level chunk starts in a text whose braces pair up: lines at brace
/// depth 0 that start with a declaration keyword allowed at the top level, at
/// any indentation.
fn chunk_starts(scan: &Scan) -> Vec<usize> {
    let mut starts = vec![0];
    let mut depth = 0usize;
    for event in &scan.events {
        match *event {
            Event::Line(n) => {
                if let Some(line) = scan.lines.get(n)
                    && depth == 0
                    && matches!(line.head, Head::TopOnly | Head::TopLevel)
                    && line.start > 0
                {
                    starts.push(line.start);
                }
            }
            Event::Open { .. } => depth += 1,
            Event::Close { .. } => depth = depth.saturating_sub(1),
        }
    }
    starts
}

struct Repair<'s> {
    file: FileId,
    source: &'s str,
    scan: &'s Scan,
    out: String,
    /// How much of the source has been copied to `out`.
    copied: usize,
    inserts: Vec<usize>,
    diagnostics: Vec<Diagnostic>,
    stack: Vec<Open>,
    /// Offsets in `out` where top-level declarations start.
    chunks: Vec<usize>,
    line_index: super::LineIndex,
}

impl Repair<'_> {
    fn indent(&self, line: usize) -> usize {
        self.scan.lines.get(line).map_or(0, |l| l.indent)
    }

    fn copy_to(&mut self, at: usize) {
        if at > self.copied {
            self.out.push_str(self.source.get(self.copied..at).unwrap_or(""));
            self.copied = at;
        }
    }

    /// Adds `n` closing braces at source offset `at`.
    fn insert_closes(&mut self, at: usize, n: usize, newline: bool) {
        self.copy_to(at);
        if newline {
            self.inserts.push(self.out.len());
            self.out.push('\n');
        }
        for _ in 0..n {
            self.inserts.push(self.out.len());
            self.out.push('}');
        }
    }

    /// A line's first token: a declaration there closes the blocks it cannot
    /// stand in.
    fn line(&mut self, n: usize) {
        let Some(line) = self.scan.lines.get(n).copied() else {
            return;
        };
        let n_unclosed = match line.head {
            // Nothing but the top level can hold it: every open block ends here
            // (unless it is indented deeper than the outermost open block, where
            // the lowering says it is misplaced).
            Head::TopOnly => match self.stack.first() {
                Some(outer) if self.indent(outer.line) >= line.indent => self.stack.len(),
                _ => 0,
            },
            // A declaration indented no deeper than an open block's line is its
            // sibling, not its child.
            Head::TopLevel | Head::Nested => self
                .stack
                .iter()
                .rev()
                .take_while(|open| self.indent(open.line) >= line.indent)
                .count(),
            Head::Other => 0,
        };
        for _ in 0..n_unclosed {
            if let Some(open) = self.stack.pop() {
                self.report(open, Guess::BeforeLine(n));
            }
        }
        self.insert_closes(line.start, n_unclosed, false);
        if self.stack.is_empty() && matches!(line.head, Head::TopOnly | Head::TopLevel) && line.start > 0 {
            let start = self.out.len();
            if self.chunks.last() != Some(&start) {
                self.chunks.push(start);
            }
        }
    }

    fn close(&mut self, at: usize, len: usize, line: usize, first: bool) {
        if self.stack.is_empty() {
            self.copy_to(at);
            self.out.push_str(&" ".repeat(len));
            self.copied = at + len;
            let kw_span = Span::new(at, at + len);
            self.diagnostics.push(Diagnostic::new(Code::E0008, self.file, kw_span));
            return;
        }
        if first {
            // A `}` that starts its line closes the innermost block indented
            // no deeper than it; blocks opened after that one were left open.
            let indent = self.indent(line);
            let matching = self.stack.iter().rposition(|open| self.indent(open.line) <= indent);
            if let Some(matching) = matching {
                let n_unclosed = self.stack.len() - matching - 1;
                if n_unclosed > 0 {
                    for _ in 0..n_unclosed {
                        if let Some(open) = self.stack.pop() {
                            self.report(open, Guess::BeforeClose(at, len));
                        }
                    }
                    self.insert_closes(at, n_unclosed, false);
                }
            }
        }
        self.stack.pop();
    }

    fn end(&mut self) {
        let n_unclosed = self.stack.len();
        while let Some(open) = self.stack.pop() {
            let guess = self.dedent_after(open);
            self.report(open, guess);
        }
        self.copy_to(self.source.len());
        if n_unclosed > 0 {
            self.insert_closes(self.source.len(), n_unclosed, true);
        }
        self.out.push_str(self.source.get(self.copied..).unwrap_or(""));
        self.copied = self.source.len();
    }

    /// For a block open at the end of the file: the first later line indented
    /// no deeper than the block's own line.
    fn dedent_after(&self, open: Open) -> Guess {
        let indent = self.indent(open.line);
        self.scan
            .lines
            .iter()
            .enumerate()
            .skip(open.line + 1)
            .find(|(_, line)| line.first > open.at && line.indent <= indent && !self.starts_with_close(line))
            .map_or(Guess::End, |(n, _)| Guess::BeforeLine(n))
    }

    fn starts_with_close(&self, line: &Line) -> bool {
        matches!(
            self.source.get(line.first..).and_then(|r| r.chars().next()),
            Some('}' | '｝')
        )
    }

    fn report(&mut self, open: Open, guess: Guess) {
        let head = self.scan.lines.get(open.line).copied();
        let (keyword, line_no) = match head {
            Some(line) => (
                self.source.get(line.first..line.first_end).unwrap_or("").to_string(),
                self.line_number(line.first),
            ),
            None => (String::new(), self.line_number(open.at)),
        };
        // Name the block by the words before its `{` on its line.
        let head_text: String = head
            .and_then(|line| self.source.get(line.first..open.at))
            .unwrap_or("")
            .trim()
            .chars()
            .take(24)
            .collect();
        let head_text = if head_text.is_empty() { keyword } else { head_text };
        let mut diagnostic = Diagnostic::new(Code::E0007, self.file, Span::new(open.at, open.at + open.len))
            .arg("block", head_text.as_str())
            .arg("line", line_no.to_string());
        if let Some(line) = head
            && line.first < open.at
        {
            diagnostic = diagnostic.with_label("head", self.file, Span::new(line.first, line.first_end), Vec::new());
        }
        diagnostic = match guess {
            Guess::BeforeLine(n) => match self.scan.lines.get(n) {
                Some(line) => diagnostic
                    .with_label("close", self.file, Span::new(line.first, line.first_end), Vec::new())
                    .note_from(
                        "close_before_line",
                        &[("line", line_number(self.line_number(line.first)))],
                    ),
                None => diagnostic,
            },
            Guess::BeforeClose(at, len) => diagnostic
                .with_label("close", self.file, Span::new(at, at + len), Vec::new())
                .note_from("close_is_outer", &[("line", line_number(self.line_number(at)))]),
            Guess::End => diagnostic,
        };
        self.diagnostics.push(diagnostic);
    }

    fn line_number(&self, at: usize) -> usize {
        self.line_index.position(self.source, at).line
    }
}

/// A line number as a template argument.
fn line_number(line: impl std::fmt::Display) -> Tr {
    Tr::new(line.to_string(), line.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(plan: &Plan<'_>) -> Vec<&'static str> {
        plan.diagnostics.iter().map(|d| d.code.as_str()).collect()
    }

    #[test]
    fn balanced_text_is_borrowed_and_split_at_top_level_keywords() {
        let text = "部门 甲 {}\n  事项 乙 {\n  材料 丙 {}\n}\n材料 丁 {}\n";
        let plan = plan(FileId(0), text);
        assert!(plan.is_clean());
        assert!(matches!(plan.text, Cow::Borrowed(_)));
        let starts: Vec<&str> = plan
            .chunks
            .iter()
            .map(|&at| {
                text.get(at..)
                    .and_then(|rest| rest.split_whitespace().next())
                    .unwrap_or("")
            })
            .collect();
        assert_eq!(starts, ["部门", "事项", "材料"]);
    }

    #[test]
    fn an_unclosed_block_is_closed_before_the_next_declaration() {
        let text = "事项 甲 {\n  材料 乙 {}\n事项 丙 {}\n";
        let plan = plan(FileId(0), text);
        assert_eq!(codes(&plan), ["E0007"]);
        assert_eq!(plan.text, "事项 甲 {\n  材料 乙 {}\n}事项 丙 {}\n");
        assert_eq!(plan.inserts.len(), 1);
        // Spans map back: the added brace maps to where it was added, what
        // follows it to its own place in the source.
        let shift = Shift {
            offset: 0,
            inserts: &plan.inserts,
        };
        let added = plan.inserts.first().copied().unwrap_or(0);
        assert_eq!(shift.at(added), text.find("事项 丙").unwrap_or(0));
        assert_eq!(shift.at(added + 1), text.find("事项 丙").unwrap_or(0));
        assert_eq!(plan.chunks.len(), 2);
    }

    #[test]
    fn an_unmatched_brace_is_blanked_and_braces_in_strings_and_comments_do_not_count() {
        let text = "部门 甲 { 全称：\"{\" } # }\n}\n";
        let plan = plan(FileId(0), text);
        assert_eq!(codes(&plan), ["E0008"]);
        assert_eq!(plan.text, "部门 甲 { 全称：\"{\" } # }\n \n");
        assert!(plan.inserts.is_empty());
    }

    #[test]
    fn many_unpaired_quotes_are_scanned_once() {
        let text = "“".repeat(200_000);
        let plan = plan(FileId(0), &text);
        assert!(plan.is_clean());
    }
}
