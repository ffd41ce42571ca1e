//! The pest parser and the lowering of pest pairs to the syntax tree.

use super::cst;
use super::recover::{self, Shift};
use super::tree::*;
use crate::diagnostics::{Code, Diagnostic, FileId, Span, Tr};
use crate::keywords::CondKw;
use pest::Parser as _;
use pest::iterators::Pair;

#[derive(pest_derive::Parser)]
#[grammar = "grammar/yijian.pest"]
pub(super) struct Grammar;

/// How deeply blocks and conditions may nest. Real rules use three or four
/// levels; the limit keeps the lowering's recursion far from the stack's end.
pub const MAX_NESTING: usize = 48;

/// How many syntax errors one top-level declaration may report before the
/// rest of it is skipped: each costs a parse of the declaration.
const MAX_ERRORS_PER_DECLARATION: usize = 32;

/// Parses one file. Returns every block that could be read and the syntax
/// diagnostics; never fails.
///
/// Recovery works in three steps, each linear in the file's length: braces
/// are paired first by a scan that knows only strings, comments and braces
/// (an unclosed block is reported at its opening and closed where its
/// indentation says it ends, see [`recover`]); a file with a syntax error is
/// then parsed one top-level declaration at a time; and inside a declaration,
/// the entry at each error is blanked out and the declaration parsed again,
/// so that every independent error is reported once. The keys of blanked
/// entries are kept ([`Body::broken`]): a field that was written counts as
/// written even when it could not be read.
pub fn parse(file: FileId, text: &str) -> (SyntaxFile, Vec<Diagnostic>) {
    let mut out = SyntaxFile::default();
    let mut diagnostics = Vec::new();
    let plan = recover::plan(file, text);
    if plan.is_clean() {
        if let Some(parsed) = parse_clean_chunks(file, text, &plan.chunks, plan.comments.as_deref()) {
            return parsed;
        }
        let shift = Shift {
            offset: 0,
            inserts: &[],
        };
        match Grammar::parse(Rule::file, text) {
            Ok(pairs) => {
                lower_pairs(file, pairs, shift, &[], None, &mut out, &mut diagnostics);
                return (out, diagnostics);
            }
            Err(error) if is_stack_limit(&error) => {
                diagnostics.push(convert_error(file, text, 0, &error));
                record_broken(text, shift, &mut out);
                return (out, diagnostics);
            }
            Err(_) => {}
        }
    }
    diagnostics.extend(plan.diagnostics);
    let repaired: &str = &plan.text;
    for (start, end) in chunk_spans(&plan.chunks, repaired.len()) {
        let chunk = repaired.get(start..end).unwrap_or("");
        let shift = Shift {
            offset: start,
            inserts: &plan.inserts,
        };
        parse_declaration(file, chunk, shift, &mut out, &mut diagnostics);
    }
    (out, diagnostics)
}

/// The pieces that `chunks` (where each starts, in order) cut a text of
/// `len` bytes into: each from its start to the next one's, the last to the
/// end.
fn chunk_spans(chunks: &[usize], len: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    chunks
        .iter()
        .enumerate()
        .map(move |(index, &start)| (start, chunks.get(index + 1).copied().unwrap_or(len)))
}

/// Parses a file whose braces pair up one top-level declaration at a time
/// (`chunks`, where such a declaration starts a line), lowering each as it
/// is parsed: each piece's queue of tokens stays small enough for the caches
/// instead of growing (and being copied) to the size of the file. Gives the
/// same trees as a parse of the whole file, or nothing: when a piece does not
/// parse, or one ends with a block without a body (whose head the next line
/// could have continued), the whole file is to be parsed as before.
///
/// `comments` are where the scan of [`recover`] found comments in `text`, if
/// it did: within a piece that pest parses they are its comment tokens.
fn parse_clean_chunks(
    file: FileId,
    text: &str,
    chunks: &[usize],
    comments: Option<&[usize]>,
) -> Option<(SyntaxFile, Vec<Diagnostic>)> {
    let mut out = SyntaxFile::default();
    let mut diagnostics = Vec::new();
    let mut in_piece = Vec::new();
    for (index, (start, end)) in chunk_spans(chunks, text.len()).enumerate() {
        let pairs = Grammar::parse(Rule::file, text.get(start..end)?).ok()?;
        let last_block = pairs
            .clone()
            .flat_map(|file_pair| file_pair.into_inner())
            .filter(|pair| pair.as_rule() == Rule::block)
            .last();
        let open_ended = last_block.is_some_and(|block| !block.into_inner().any(|pair| pair.as_rule() == Rule::body));
        if open_ended && index + 1 < chunks.len() {
            return None;
        }
        let shift = Shift {
            offset: start,
            inserts: &[],
        };
        let comments = comments.map(|all| {
            let from = all.partition_point(|&at| at < start);
            let to = all.partition_point(|&at| at < end);
            in_piece.clear();
            in_piece.extend(all.get(from..to).unwrap_or(&[]).iter().map(|&at| at - start));
            in_piece.as_slice()
        });
        lower_pairs(file, pairs, shift, &[], comments, &mut out, &mut diagnostics);
    }
    Some((out, diagnostics))
}

/// The head of a top-level declaration: its keyword and name as the syntax
/// tree gives them.
#[derive(Debug, Clone)]
pub struct Head {
    pub keyword: Word,
    pub name: Option<Name>,
}

/// The keyword and name of a `head` pair.
fn head_of(pair: Pair<'_, Rule>, shift: Shift<'_>) -> Option<Head> {
    let mut keyword = None;
    let mut name = None;
    for pair in pair.into_inner() {
        match pair.as_rule() {
            Rule::word => keyword = Some(word(&pair, shift)),
            Rule::ident | Rule::string => name = Some(lower_name(&pair, shift)),
            _ => {}
        }
    }
    Some(Head {
        keyword: keyword?,
        name,
    })
}

/// The pieces of a file whose braces pair up, as brace recovery's scan found
/// them (where each top-level declaration starts, and where its comments
/// do): kept by [`heads`] so that [`parse_pieces`] need not scan again.
#[derive(Debug, Clone)]
pub struct Pieces {
    chunks: Vec<usize>,
    comments: Option<Vec<usize>>,
}

/// What a file declares, read without parsing the declarations' bodies: the
/// head of each piece of a file whose braces pair up (see [`parse`]), in
/// order, with the pieces. `None` when the file is not clean, or when a
/// piece does not start with a head and its opening brace: then only a full
/// parse says what it declares. A piece may still hold more than its first
/// declaration; a caller compares the heads with the full parse when it
/// comes.
pub fn heads(text: &str) -> Option<(Vec<Head>, Pieces)> {
    let plan = recover::plan(FileId(0), text);
    if !plan.is_clean() {
        return None;
    }
    let mut heads = Vec::with_capacity(plan.chunks.len());
    for (start, end) in chunk_spans(&plan.chunks, text.len()) {
        let piece = text.get(start..end)?;
        let Ok(pairs) = Grammar::parse(Rule::decl_head, piece) else {
            // The first piece may hold nothing but comments (a file's
            // heading): it declares nothing. Any other piece is not read
            // from its head.
            let declares_nothing = Grammar::parse(Rule::file, piece).is_ok_and(|pairs| {
                pairs
                    .flat_map(|file| file.into_inner())
                    .all(|pair| pair.as_rule() != Rule::block)
            });
            if declares_nothing {
                continue;
            }
            return None;
        };
        let shift = Shift {
            offset: start,
            inserts: &[],
        };
        let head = pairs
            .flat_map(|decl_head| decl_head.into_inner())
            .find(|pair| pair.as_rule() == Rule::head);
        heads.push(head_of(head?, shift)?);
    }
    let pieces = Pieces {
        chunks: plan.chunks,
        comments: plan.comments,
    };
    Some((heads, pieces))
}

/// [`parse`] of the text whose [`heads`] gave `pieces`: the same trees and
/// findings, without scanning the text for its pieces again.
pub fn parse_pieces(file: FileId, text: &str, pieces: &Pieces) -> (SyntaxFile, Vec<Diagnostic>) {
    parse_clean_chunks(file, text, &pieces.chunks, pieces.comments.as_deref()).unwrap_or_else(|| parse(file, text))
}

/// Parses one file into both trees: the typed [`SyntaxFile`] with the syntax
/// diagnostics, exactly as [`parse`] gives them, and the lossless tree from
/// which the file can be printed back byte for byte. A file without syntax
/// errors is parsed by pest once for both.
pub fn parse_lossless(file: FileId, text: &str) -> (SyntaxFile, Vec<Diagnostic>, cst::Node) {
    let plan = recover::plan(file, text);
    if plan.is_clean()
        && let Ok(pairs) = Grammar::parse(Rule::file, text)
    {
        let mut out = SyntaxFile::default();
        let mut diagnostics = Vec::new();
        let shift = Shift {
            offset: 0,
            inserts: &[],
        };
        let pieces = pairs
            .clone()
            .next()
            .map(|pair| cst::from_file_pair(pair, text, 0))
            .unwrap_or_default();
        lower_pairs(file, pairs, shift, &[], None, &mut out, &mut diagnostics);
        return (out, diagnostics, cst::file(text, pieces));
    }
    let (out, diagnostics) = parse(file, text);
    let mut pieces = Vec::new();
    if plan.inserts.is_empty() && plan.text.as_ref() == text {
        for (start, end) in chunk_spans(&plan.chunks, text.len()) {
            let chunk = text.get(start..end).unwrap_or("");
            match Grammar::parse(Rule::file, chunk)
                .ok()
                .and_then(|mut pairs| pairs.next())
            {
                Some(pair) => pieces.extend(cst::from_file_pair(pair, chunk, start)),
                None => pieces.push(cst::error(start, end)),
            }
        }
    } else {
        // Braces that do not pair up: no piece of the file can be trusted.
        pieces.push(cst::error(0, text.len()));
    }
    (out, diagnostics, cst::file(text, pieces))
}

/// pest's parse of a whole file and nothing more (no brace pairing, no
/// lowering, no recovery): the floor that benchmarks set the front end
/// beside. Whether the text parsed.
pub fn pest_only(text: &str) -> bool {
    Grammar::parse(Rule::file, text).is_ok()
}

/// How a name is written in a rule file: bare when the grammar reads the
/// whole text as one name, it holds no 且 or 或 (which end a name inside a
/// condition) and it is no declaration keyword; else in `"…"`, with `\` and
/// `"` escaped. For tools that write names (renaming, `yijian test --update`).
pub fn written_name(name: &str) -> String {
    let one_name = Grammar::parse(Rule::ident, name)
        .ok()
        .and_then(|mut pairs| pairs.next())
        .is_some_and(|pair| pair.as_str() == name);
    if one_name && !name.contains(['且', '或']) && crate::keywords::BlockKw::from_word(name).is_none() {
        name.to_string()
    } else {
        format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// Whether pest stopped at its own stack guard (nesting too deep).
fn is_stack_limit(error: &pest::error::Error<Rule>) -> bool {
    matches!(error.variant, pest::error::ErrorVariant::CustomError { .. })
}

/// Parses one top-level declaration (or the text before the first one),
/// blanking out the entry at each error and parsing again.
fn parse_declaration(
    file: FileId,
    chunk: &str,
    shift: Shift<'_>,
    out: &mut SyntaxFile,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut text = std::borrow::Cow::Borrowed(chunk);
    // Blanked ranges (in the chunk) and the keys of the entries there.
    let mut blanked: Vec<(usize, usize)> = Vec::new();
    let mut broken: Vec<Word> = Vec::new();
    for _ in 0..MAX_ERRORS_PER_DECLARATION {
        let error = match Grammar::parse(Rule::file, &text) {
            Ok(pairs) => {
                broken.sort_by_key(|w| w.span.start);
                lower_pairs(file, pairs, shift, &broken, None, out, diagnostics);
                return;
            }
            Err(error) => error,
        };
        let mut diagnostic = convert_error(file, &text, 0, &error);
        remap(&mut diagnostic, shift);
        let pos = match error.location {
            pest::error::InputLocation::Pos(pos) => pos,
            pest::error::InputLocation::Span((start, _)) => start,
        };
        let region = if is_stack_limit(&error) {
            None
        } else {
            entry_around(&text, pos).filter(|&(start, end)| !blanked.iter().any(|&(s, e)| start < e && s < end))
        };
        diagnostics.push(diagnostic);
        let Some((mut start, end)) = region else { break };
        if text.get(end..).is_some_and(|rest| rest.starts_with(['{', '｛'])) {
            // An error in a block's head. The declaration's own head names
            // what others refer to: keep it whole as a broken block rather
            // than declare a cut name. A nested block keeps its head up to
            // the error, so its body is still read.
            if depth_at(&text, start) == 0 {
                break;
            }
            if pos > start && pos < end {
                start = pos;
            }
        }
        if let Some(key) = leading_word(&text, start, end) {
            broken.push(Word {
                text: key.to_string(),
                span: shift.span(start, start + key.len()),
            });
        }
        blank(text.to_mut(), start, end);
        blanked.push((start, end));
    }
    record_broken(chunk, shift, out);
}

/// How many blocks are open at `at` (braces in quotes are not counted: an
/// estimate that is right for the text recovery gives it).
fn depth_at(text: &str, at: usize) -> usize {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for c in text.get(..at).unwrap_or("").chars() {
        match (quote, c) {
            (Some(close), c) if c == close => quote = None,
            (Some(_), _) => {}
            (None, '"') => quote = Some('"'),
            (None, '“') => quote = Some('”'),
            (None, '「') => quote = Some('」'),
            (None, '{' | '｛') => depth += 1,
            (None, '}' | '｝') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    depth
}

/// Maps a diagnostic made on a piece of the repaired text back to the source.
fn remap(diagnostic: &mut Diagnostic, shift: Shift<'_>) {
    for label in diagnostic.primary.iter_mut().chain(diagnostic.secondary.iter_mut()) {
        let span = label.location.span;
        label.location.span = shift.span(span.start as usize, span.end as usize);
    }
}

fn is_brace(c: char) -> bool {
    matches!(c, '{' | '｛' | '}' | '｝')
}

/// The entry a syntax error at `pos` belongs to, as a byte range to blank:
/// from the last brace or `；` before it on its line (or the line's start) to
/// the next brace or `；` (or the line's end). Braces are never blanked, so the
/// blocks keep their shape; an error right at a `{` takes the block's head.
fn entry_around(text: &str, pos: usize) -> Option<(usize, usize)> {
    let pos = pos.min(text.len());
    let before = text.get(..pos)?;
    let after = text.get(pos..)?;
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    let line_end = pos + after.find('\n').unwrap_or(after.len());
    let stop = |c: char| is_brace(c) || matches!(c, ';' | '；');
    let start = before
        .get(line_start..)?
        .char_indices()
        .rfind(|&(_, c)| stop(c))
        .map_or(line_start, |(at, c)| line_start + at + c.len_utf8());
    let end = after
        .get(..line_end - pos)?
        .char_indices()
        .find(|&(_, c)| stop(c))
        .map_or(line_end, |(at, _)| pos + at);
    let region = text.get(start..end)?;
    if !region.trim().is_empty() {
        return Some((start, end));
    }
    // Nothing but a brace or the line's end here: at a `{`, blank the head
    // before it on its line; otherwise blank the offending character alone.
    let c = after.chars().next()?;
    if c == '{' || c == '｛' {
        let head = text.get(line_start..pos)?;
        let head_start = line_start + (head.len() - head.trim_start().len());
        return (head_start < pos).then_some((head_start, pos));
    }
    if is_brace(c) || c == '\n' {
        return None;
    }
    Some((pos, pos + c.len_utf8()))
}

/// The first word of `text[start..end]`, if the entry starts with one.
fn leading_word(text: &str, start: usize, end: usize) -> Option<&str> {
    let region = text.get(start..end)?;
    let trimmed = region.trim_start();
    let len = trimmed
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '·' || c == '-'))
        .unwrap_or(trimmed.len());
    let word = trimmed.get(..len)?;
    (!word.is_empty() && !word.starts_with(|c: char| c.is_ascii_digit())).then_some(word)
}

/// Replaces `text[start..end]` by spaces, keeping line breaks and byte offsets.
fn blank(text: &mut String, start: usize, end: usize) {
    let Some(region) = text.get(start..end) else { return };
    let spaces: String = region
        .chars()
        .flat_map(|c| {
            let n = if c == '\n' { 0 } else { c.len_utf8() };
            std::iter::repeat_n(' ', n).chain((c == '\n').then_some('\n'))
        })
        .collect();
    text.replace_range(start..end, &spaces);
}

fn record_broken(chunk: &str, shift: Shift<'_>, out: &mut SyntaxFile) {
    let Ok(mut pairs) = Grammar::parse(Rule::head, chunk.trim_start()) else {
        return;
    };
    let shift = Shift {
        offset: shift.offset + (chunk.len() - chunk.trim_start().len()),
        ..shift
    };
    let Some(Head { keyword, name }) = pairs.next().and_then(|pair| head_of(pair, shift)) else {
        return;
    };
    // The whole declaration, up to its last character that is not whitespace.
    let start = shift.at(0);
    let trimmed = chunk.trim();
    let span = Span::new(start, shift.at(trimmed.len()).max(start));
    out.broken.push(BrokenBlock { keyword, name, span });
}

/// (`comments`, when known, are where the comments of the piece start, in
/// the piece: they are then not looked for among its pairs.)
fn lower_pairs(
    file: FileId,
    pairs: pest::iterators::Pairs<'_, Rule>,
    shift: Shift<'_>,
    broken: &[Word],
    comments: Option<&[usize]>,
    out: &mut SyntaxFile,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut lower = Lower {
        file,
        shift,
        comments: Vec::new(),
        diagnostics,
        too_deep: false,
        broken,
    };
    let input = pairs.get_input();
    if let Some(starts) = comments {
        for &start in starts {
            let rest = input.get(start..).unwrap_or("");
            let len = rest.find(['\n', '\r']).unwrap_or(rest.len());
            let text = rest.get(..len).unwrap_or("");
            lower.comments.push(comment(text, shift.span(start, start + len)));
        }
    } else if input.contains('#') || input.contains("//") {
        // (A text without `#` and `//` holds no comment: its pairs are not
        // visited for nothing.)
        for pair in pairs.clone().flatten() {
            if pair.as_rule() == Rule::comment {
                lower.comments.push(comment(pair.as_str(), lower.span(&pair)));
            }
        }
    }
    for pair in pairs.flat_map(|file_pair| file_pair.into_inner()) {
        if pair.as_rule() == Rule::block
            && let Some(block) = lower.block(pair, 0)
        {
            out.blocks.push(block);
        }
    }
    out.comments.append(&mut lower.comments);
}

/// A comment token (`#…` or `//…`) as the syntax tree keeps it: its text
/// after the mark.
fn comment(token: &str, span: Span) -> Comment {
    let text = token
        .strip_prefix('#')
        .or_else(|| token.strip_prefix("//"))
        .unwrap_or(token);
    Comment {
        span,
        text: text.to_string(),
    }
}

struct Lower<'d> {
    file: FileId,
    shift: Shift<'d>,
    comments: Vec<Comment>,
    diagnostics: &'d mut Vec<Diagnostic>,
    too_deep: bool,
    /// Keys of entries blanked out by recovery, in source order.
    broken: &'d [Word],
}

/// The exact span of a pair. Used only for tokens (atomic rules), whose
/// span never includes trailing whitespace or comments; composite nodes take
/// their span from their first and last tokens (pest lets a composite rule
/// swallow the trivia after its last token).
fn pair_span(pair: &Pair<'_, Rule>, shift: Shift<'_>) -> Span {
    let span = pair.as_span();
    shift.span(span.start(), span.end())
}

/// Where a composite pair starts (its first token: pest never puts trivia first).
fn start_of(pair: &Pair<'_, Rule>, shift: Shift<'_>) -> usize {
    shift.at(pair.as_span().start())
}

fn word(pair: &Pair<'_, Rule>, shift: Shift<'_>) -> Word {
    Word {
        text: pair.as_str().to_string(),
        span: pair_span(pair, shift),
    }
}

fn lower_name(pair: &Pair<'_, Rule>, shift: Shift<'_>) -> Name {
    let span = pair_span(pair, shift);
    if pair.as_rule() == Rule::string {
        let inner = pair.clone().into_inner().next();
        let text = match &inner {
            Some(inner) if inner.as_rule() == Rule::str_dq => unescape(inner.as_str()),
            Some(inner) => inner.as_str().to_string(),
            None => String::new(),
        };
        Name {
            text,
            span,
            quoted: true,
        }
    } else {
        Name {
            text: pair.as_str().to_string(),
            span,
            quoted: false,
        }
    }
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Children of a pair without the comments pest interleaves.
fn children<'i>(pair: Pair<'i, Rule>) -> impl Iterator<Item = Pair<'i, Rule>> {
    pair.into_inner().filter(|p| p.as_rule() != Rule::comment)
}

impl Lower<'_> {
    /// The span of a token.
    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        pair_span(pair, self.shift)
    }

    /// A span from the start of `pair` to `end`.
    fn from(&self, pair: &Pair<'_, Rule>, end: u32) -> Span {
        let start = start_of(pair, self.shift);
        Span::new(start, (end as usize).max(start))
    }

    /// The keys of blanked entries directly inside a body (not inside one of
    /// its nested blocks).
    fn broken_in(&self, span: Span, entries: &[Entry]) -> Vec<Word> {
        let from = self.broken.partition_point(|w| w.span.start < span.start);
        let to = self.broken.partition_point(|w| w.span.start < span.end);
        self.broken
            .get(from..to)
            .unwrap_or(&[])
            .iter()
            .filter(|word| {
                !entries.iter().any(
                    |e| matches!(e, Entry::Block(b) if b.span.start <= word.span.start && word.span.end <= b.span.end),
                )
            })
            .cloned()
            .collect()
    }

    /// Reports nesting beyond [`MAX_NESTING`] once per chunk.
    fn check_depth(&mut self, depth: usize, span: Span) -> bool {
        if depth <= MAX_NESTING {
            return true;
        }
        if !self.too_deep {
            self.too_deep = true;
            self.diagnostics.push(
                Diagnostic::new(
                    Code::E0003,
                    self.file,
                    Span::new(span.start as usize, span.start as usize + 1),
                )
                .arg("limit", MAX_NESTING.to_string()),
            );
        }
        false
    }

    fn block(&mut self, pair: Pair<'_, Rule>, depth: usize) -> Option<Block> {
        let start = self.from(&pair, 0);
        if !self.check_depth(depth, start) {
            return None;
        }
        let mut keyword = None;
        let mut name = None;
        let mut body = None;
        for child in children(pair) {
            match child.as_rule() {
                Rule::word => keyword = Some(word(&child, self.shift)),
                Rule::ident | Rule::string => name = Some(lower_name(&child, self.shift)),
                Rule::body => body = Some(self.body(child, depth)?),
                _ => {}
            }
        }
        let keyword = keyword?;
        let end = body
            .as_ref()
            .map(|b| b.span.end)
            .or(name.as_ref().map(|n| n.span.end))
            .unwrap_or(keyword.span.end);
        Some(Block {
            span: Span {
                start: keyword.span.start,
                end,
            },
            keyword,
            name,
            body,
        })
    }

    fn body(&mut self, pair: Pair<'_, Rule>, depth: usize) -> Option<Body> {
        let start = self.from(&pair, 0);
        let mut entries = Vec::new();
        let mut close = start;
        for child in children(pair) {
            match child.as_rule() {
                Rule::block => entries.push(Entry::Block(self.block(child, depth + 1)?)),
                Rule::field => entries.push(Entry::Field(self.field(child, depth + 1)?)),
                Rule::when_clause => entries.push(Entry::When(self.when(child, depth + 1)?)),
                Rule::rbrace => close = self.span(&child),
                _ => {}
            }
        }
        let span = start.cover(close);
        let broken = self.broken_in(span, &entries);
        Some(Body {
            entries,
            span,
            close,
            broken,
        })
    }

    fn field(&mut self, pair: Pair<'_, Rule>, depth: usize) -> Option<Field> {
        let mut key = None;
        let mut value = None;
        let mut unconfirmed = None;
        for child in children(pair) {
            match child.as_rule() {
                Rule::word => key = Some(word(&child, self.shift)),
                Rule::value => value = Some(self.value(child, depth)?),
                Rule::unconfirmed => unconfirmed = Some(self.span(&child)),
                _ => {}
            }
        }
        let (key, value): (Word, Value) = (key?, value?);
        Some(Field {
            span: key.span.cover(unconfirmed.unwrap_or(value.span)),
            key,
            value,
            unconfirmed,
        })
    }

    fn value(&mut self, pair: Pair<'_, Rule>, _depth: usize) -> Option<Value> {
        let start = self.from(&pair, 0);
        let mut items = Vec::new();
        for child in children(pair) {
            if child.as_rule() == Rule::chain {
                let atoms: Vec<Atom> = children(child).filter_map(|atom| self.atom(atom)).collect();
                let chain_span = match (atoms.first(), atoms.last()) {
                    (Some(first), Some(last)) => first.span().cover(last.span()),
                    _ => start,
                };
                items.push(ValueItem::Chain(atoms, chain_span));
            } else if let Some(atom) = self.atom(child) {
                items.push(ValueItem::Atom(atom));
            }
        }
        let span = match (items.first(), items.last()) {
            (Some(first), Some(last)) => first.span().cover(last.span()),
            _ => start,
        };
        Some(Value { items, span })
    }

    fn number(&self, pair: &Pair<'_, Rule>) -> Number {
        let text = pair.as_str().to_string();
        if pair.as_rule() == Rule::cn_number {
            return Number {
                value: chinese_number_value(&text).map_or(f64::NAN, f64::from),
                text,
                span: self.span(pair),
            };
        }
        // ０–９ are U+FF10–U+FF19: the same digits, full width.
        let ascii: String = text
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(u32::from(c) - 0xFF10 + u32::from('0')).unwrap_or(c),
                c => c,
            })
            .collect();
        Number {
            value: ascii.parse().unwrap_or(0.0),
            text,
            span: self.span(pair),
        }
    }

    fn atom(&mut self, pair: Pair<'_, Rule>) -> Option<Atom> {
        match pair.as_rule() {
            Rule::ident | Rule::string => Some(Atom::Name(lower_name(&pair, self.shift))),
            Rule::number => Some(Atom::Number(self.number(&pair))),
            Rule::duration | Rule::count => {
                let is_duration = pair.as_rule() == Rule::duration;
                let mut number = None;
                let mut unit = None;
                for child in children(pair) {
                    match child.as_rule() {
                        Rule::number | Rule::cn_number => number = Some(self.number(&child)),
                        Rule::unit | Rule::count_unit => unit = Some(word(&child, self.shift)),
                        _ => {}
                    }
                }
                if is_duration {
                    Some(Atom::Duration(number?, unit?))
                } else {
                    Some(Atom::Count(number?, unit?))
                }
            }
            Rule::range => {
                let mut numbers = children(pair).filter(|p| p.as_rule() == Rule::number);
                let low = self.number(&numbers.next()?);
                let high = self.number(&numbers.next()?);
                let span = low.span.cover(high.span);
                Some(Atom::Range(low, high, span))
            }
            _ => None,
        }
    }

    fn when(&mut self, pair: Pair<'_, Rule>, depth: usize) -> Option<When> {
        let mut keyword = None;
        let mut condition = None;
        for child in children(pair) {
            match child.as_rule() {
                Rule::kw_when => keyword = Some(word(&child, self.shift)),
                Rule::condition => condition = Some(self.condition(child, depth + 1)?),
                _ => {}
            }
        }
        let (keyword, condition): (Word, Condition) = (keyword?, condition?);
        Some(When {
            span: keyword.span.cover(condition.span()),
            keyword,
            condition,
        })
    }

    fn condition(&mut self, pair: Pair<'_, Rule>, depth: usize) -> Option<Condition> {
        let start = self.from(&pair, 0);
        if !self.check_depth(depth, start) {
            return None;
        }
        // Depth counts bracket levels (and the block levels around the
        // condition), not grammar rules: only a bracketed group adds one.
        match pair.as_rule() {
            Rule::condition => self.condition(children(pair).next()?, depth),
            Rule::disjunction | Rule::conjunction => {
                let is_or = pair.as_rule() == Rule::disjunction;
                let mut parts = Vec::new();
                for child in children(pair) {
                    if matches!(child.as_rule(), Rule::kw_and | Rule::kw_or) {
                        continue;
                    }
                    parts.push(self.condition(child, depth)?);
                }
                if parts.len() == 1 {
                    return parts.pop();
                }
                let span = match (parts.first(), parts.last()) {
                    (Some(first), Some(last)) => first.span().cover(last.span()),
                    _ => start,
                };
                Some(if is_or {
                    Condition::Or(parts, span)
                } else {
                    Condition::And(parts, span)
                })
            }
            Rule::negation => {
                let mut nots: Vec<u32> = Vec::new();
                let mut inner = None;
                let mut close = start;
                for child in children(pair) {
                    match child.as_rule() {
                        Rule::kw_not => nots.push(self.span(&child).start),
                        Rule::rparen => close = self.span(&child),
                        Rule::lparen => {}
                        _ => {
                            if inner.is_none() {
                                let bracketed = child.as_rule() == Rule::condition;
                                inner = Some(self.condition(child, depth + usize::from(bracketed))?);
                            }
                        }
                    }
                }
                let mut condition: Condition = inner?;
                let end = start.cover(condition.span()).cover(close).end;
                // Each 非 spans from itself to the end: `非 非 甲` is two nodes.
                for &not_start in nots.iter().rev() {
                    condition = Condition::Not(Box::new(condition), Span { start: not_start, end });
                }
                Some(condition)
            }
            Rule::comparison => {
                let mut parts = children(pair);
                let left = lower_name(&parts.next()?, self.shift);
                let Some(op_pair) = parts.next() else {
                    return Some(Condition::Flag(left));
                };
                let op_span = self.span(&op_pair);
                let op = match op_pair.as_str() {
                    "!=" | "≠" => CompareOp::Ne,
                    word if CondKw::from_word(word) == Some(CondKw::IsNot) => CompareOp::Ne,
                    "<" | "＜" => CompareOp::Lt,
                    "<=" | "≤" => CompareOp::Le,
                    ">" | "＞" => CompareOp::Gt,
                    ">=" | "≥" => CompareOp::Ge,
                    _ => CompareOp::Eq,
                };
                let right_pair = parts.next()?;
                let right = if right_pair.as_rule() == Rule::number {
                    Operand::Number(self.number(&right_pair))
                } else {
                    Operand::Name(lower_name(&right_pair, self.shift))
                };
                let span = left.span.cover(right.span());
                Some(Condition::Compare {
                    left,
                    op,
                    op_span,
                    right,
                    span,
                })
            }
            // A parenthesised condition arrives as lparen, condition, rparen
            // inside `negation`; the others are skipped there.
            _ => None,
        }
    }
}

/// What a user calls the things the grammar expected: one of E0001's
/// templates per kind of thing.
fn describe(rule: Rule) -> Option<Tr> {
    let key = match rule {
        Rule::word | Rule::block | Rule::field => "expected_entry",
        Rule::ident | Rule::string | Rule::cond_ident => "expected_name",
        Rule::value | Rule::number | Rule::range | Rule::chain => "expected_value",
        Rule::duration | Rule::unit => "expected_unit",
        Rule::colon => "colon",
        Rule::lbrace => "expected_open_brace",
        Rule::rbrace => "expected_close_brace",
        Rule::rparen => "expected_bracket",
        Rule::condition
        | Rule::comparison
        | Rule::disjunction
        | Rule::conjunction
        | Rule::negation
        | Rule::when_clause => "expected_condition",
        Rule::cmp_op | Rule::op_word => "expected_comparison",
        Rule::kw_and | Rule::kw_or => "expected_and_or",
        Rule::EOI => "expected_end",
        _ => return None,
    };
    Some(Code::E0001.text(key, &[]))
}

fn convert_error(file: FileId, chunk: &str, offset: usize, error: &pest::error::Error<Rule>) -> Diagnostic {
    use pest::error::{ErrorVariant, InputLocation};
    let pos = match error.location {
        InputLocation::Pos(pos) => pos,
        InputLocation::Span((start, _)) => start,
    };
    let positives: &[Rule] = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => positives,
        ErrorVariant::CustomError { message } => {
            // pest's stack guard: nesting so deep the parser itself stopped.
            let _ = message;
            return Diagnostic::new(Code::E0003, file, Span::new(offset + pos, offset + pos + 1))
                .arg("limit", MAX_NESTING.to_string());
        }
    };
    let mut expected: Vec<Tr> = Vec::new();
    if let Some((value_start, quoted)) = unquoted_text(chunk, pos) {
        // A text field whose value is not in quotes: say so, at the value.
        return Diagnostic::new(
            Code::E0001,
            file,
            Span::new(offset + value_start, offset + value_start + quoted.0.len()),
        )
        .arg("expected", Code::E0001.text("text_in_quotes", &[]))
        .arg("found", Code::E0001.text("not_in_quotes", &[]))
        .note_from(
            "write_in_quotes",
            &[("field", Tr::same(quoted.1)), ("text", Tr::same(quoted.0))],
        );
    }
    let hint = hint(chunk, pos, positives);
    let positives: &[Rule] = if hint.as_ref().is_some_and(|(colon, _)| *colon) {
        &[Rule::colon]
    } else {
        positives
    };
    for rule in positives {
        if let Some(text) = describe(*rule)
            && !expected.contains(&text)
        {
            expected.push(text);
        }
    }
    if expected.is_empty() {
        expected.push(Code::E0001.text("expected_declaration", &[]));
    }
    let expected = Tr::join_with(expected, "或", " or ");
    let rest = chunk.get(pos..).unwrap_or("");
    let mut token: String = rest.chars().take_while(|c| !c.is_whitespace()).take(13).collect();
    if token.chars().count() > 12 {
        token = token.chars().take(12).chain(['…']).collect();
    }
    let (start, len, found) = if rest.trim().is_empty() {
        // At the end of the file: point at its last character, not at nothing.
        let before = chunk.get(..pos).unwrap_or("").trim_end();
        let last_len = before.chars().last().map(char::len_utf8).unwrap_or(0);
        (before.len() - last_len, last_len, Code::E0001.text("file_ends", &[]))
    } else {
        let first_len = rest.chars().next().map(char::len_utf8).unwrap_or(0);
        (pos, first_len, Code::E0001.text("found", &[("text", Tr::same(token))]))
    };
    let mut diagnostic = Diagnostic::new(Code::E0001, file, Span::new(offset + start, offset + start + len))
        .arg("expected", expected)
        .arg("found", found);
    if let Some((_, hint)) = hint {
        diagnostic = diagnostic.note(hint);
    }
    diagnostic
}

/// When the error lies in the value of a text field (`办理时间：9:00-12:00`)
/// written without quotes: where the value starts, and `(value, key)`.
fn unquoted_text(chunk: &str, pos: usize) -> Option<(usize, (&str, &str))> {
    let line_start = chunk.get(..pos)?.rfind('\n').map_or(0, |at| at + 1);
    let line_end = chunk.get(pos..)?.find('\n').map_or(chunk.len(), |at| pos + at);
    let line = chunk.get(line_start..line_end)?;
    let (key_end, colon_len) = line
        .char_indices()
        .find(|(_, c)| matches!(c, ':' | '：'))
        .map(|(at, c)| (at, c.len_utf8()))?;
    let key = line.get(..key_end)?.trim();
    let field = crate::keywords::FieldKw::from_word(key)?;
    let value_offset = key_end + colon_len;
    if !field.takes_text() || pos < line_start + value_offset {
        return None;
    }
    let raw = line.get(value_offset..)?;
    let value = raw.trim_start();
    let value_start = line_start + value_offset + (raw.len() - value.len());
    // The value up to a comment or the end of the line, without a closing
    // separator or brace.
    let value = value.split(" #").next().unwrap_or(value);
    let value = value.trim_end().trim_end_matches(['；', ';', '}', '｝']).trim_end();
    if value.is_empty() || value.starts_with(['"', '“', '「']) {
        return None;
    }
    Some((value_start, (value, key)))
}

/// A hint from the context of a syntax error, for the mistakes people make
/// most; the flag says the hint is a missing colon.
fn hint(chunk: &str, pos: usize, positives: &[Rule]) -> Option<(bool, Tr)> {
    let before = chunk.get(..pos)?.trim_end();
    let rest = chunk.get(pos..)?;
    if rest.trim().is_empty() && positives.contains(&Rule::rbrace) {
        return Some((false, Code::E0001.text("unclosed_brace", &[])));
    }
    let line_rest = rest.lines().next().unwrap_or("");
    if rest.starts_with('、') && before.chars().last().is_some_and(char::is_alphanumeric) {
        return Some((false, Code::E0001.text("dunhao_in_name", &[])));
    }
    if let Some(after) = line_rest.strip_prefix('“')
        && !after.contains('”')
        && after.contains('"')
    {
        return Some((false, Code::E0001.text("unpaired_quotes", &[])));
    }
    if !positives.contains(&Rule::colon) {
        return None;
    }
    let starts_number = rest.chars().next().is_some_and(|c| c.is_ascii_digit());
    let prev_is_word = before.chars().last().is_some_and(|c| c.is_alphanumeric());
    let same_line = !chunk.get(before.len()..pos)?.contains('\n');
    if starts_number && prev_is_word && same_line {
        return Some((true, Code::E0001.text("colon_before_duration", &[])));
    }
    if rest.starts_with(['"', '“']) && prev_is_word && same_line {
        return Some((true, Code::E0001.text("colon_before_text", &[])));
    }
    None
}

/// The value of a number written in Chinese numerals (`三十`, `十五`, `一百零五`,
/// `两`), up to 999; `None` when the characters do not form a number.
pub fn chinese_number_value(text: &str) -> Option<u32> {
    let digit = |c: char| match c {
        '零' | '〇' => Some(0),
        '一' => Some(1),
        '二' | '两' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    };
    let mut total = 0;
    // The digit waiting for its multiplier, and the smallest multiplier still allowed.
    let mut pending: Option<u32> = None;
    let mut next_unit = 1000;
    let mut zero_seen = false;
    for c in text.chars() {
        let unit = match c {
            '百' => Some(100),
            '十' => Some(10),
            _ => None,
        };
        match unit {
            Some(unit) if unit < next_unit => {
                let times = match pending.take() {
                    Some(d) if d > 0 => d,
                    None if unit == 10 => 1,
                    _ => return None,
                };
                total += times * unit;
                next_unit = unit;
                zero_seen = false;
            }
            Some(_) => return None,
            None => {
                let d = digit(c)?;
                if pending.is_some() {
                    return None;
                }
                if d == 0 {
                    if zero_seen || total == 0 {
                        // `零` only between digits (`一百零五`), or alone.
                        if text.chars().count() == 1 {
                            return Some(0);
                        }
                        return None;
                    }
                    zero_seen = true;
                    next_unit = next_unit.min(10);
                    continue;
                }
                pending = Some(d);
            }
        }
    }
    if let Some(d) = pending {
        total += d;
    }
    (total > 0).then_some(total)
}
