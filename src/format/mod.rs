//! `yijian fmt`: rule files in one canonical layout.
//!
//! The formatter prints the lossless tree ([`crate::syntax::cst`]) again in
//! the layout the reference describes (book: `reference/language.md`, 统一
//! 格式): one entry per line, two spaces per level, one blank line between
//! top-level declarations, keywords in their table spelling, punctuation
//! that follows the language of the keyword it belongs to, texts in `"…"`.
//! Comments are kept next to what they were written beside; what the writer
//! chose to keep on one line (a short block, a short list) stays on one line,
//! and what was written over several lines stays so.
//!
//! It is safe by construction and by check: before the text is handed back,
//! it is parsed again and its AST, its lowering findings and its comments are
//! compared with the original's, spans ignored ([`Unsound`]); a file with a
//! syntax error is refused with its diagnostics.

mod print;

use crate::ast;
use crate::diagnostics::{Diagnostic, FileId, Lang, Severity};
use crate::syntax;

/// How to format.
#[derive(Debug, Clone, Copy, Default)]
pub struct Config {
    /// Convert every keyword, field name, value word, condition word and
    /// unit into this language; `None` keeps each word's language (aliases
    /// still become the table's spelling).
    pub keywords: Option<Lang>,
}

/// Why a file was not formatted.
#[derive(Debug)]
pub enum Refusal {
    /// The file has syntax errors: it is left as it is, with these diagnostics.
    Syntax(Vec<Diagnostic>),
    /// The formatter's output would not mean what the input meant: a bug in
    /// the formatter, reported instead of written.
    Unsound(Unsound),
}

/// What differed between a file and its formatted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsound {
    /// Which comparison failed: `syntax`, `ast`, `findings` or `comments`.
    pub what: &'static str,
}

/// The line width within which short blocks and lists stay on one line
/// (display columns: a Chinese character counts two).
pub const WIDTH: usize = 100;

/// Formats one rule file.
pub fn format(text: &str, config: Config) -> Result<String, Refusal> {
    let file = FileId(0);
    let (syntax_file, diagnostics, tree) = syntax::parse_lossless(file, text);
    let errors: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| d.severity() == Severity::Error)
        .collect();
    if !errors.is_empty() || tree.has_error() {
        return Err(Refusal::Syntax(errors));
    }
    let out = print::print(text, &tree, config);
    soundness(file, &syntax_file, &out).map_err(Refusal::Unsound)?;
    Ok(out)
}

/// The printer's output without the safety check, `None` for a file with
/// syntax errors: for tests and for reports of a failed check.
pub fn format_unchecked(text: &str, config: Config) -> Option<String> {
    let (_, diagnostics, tree) = syntax::parse_lossless(FileId(0), text);
    let clean = !tree.has_error() && diagnostics.iter().all(|d| d.severity() != Severity::Error);
    clean.then(|| print::print(text, &tree, config))
}

/// Whether `formatted` means what `original` means: the check [`format`]
/// runs before it hands a text back (both must parse without errors).
pub fn check_sound(original: &str, formatted: &str) -> Result<(), Unsound> {
    let file = FileId(0);
    let (syntax_file, _) = syntax::parse(file, original);
    soundness(file, &syntax_file, formatted)
}

/// Parses `out` again and compares it with the original: no syntax error,
/// the same AST (spans and spellings aside), the same lowering findings and
/// the same comments in the same order.
fn soundness(file: FileId, original: &syntax::tree::SyntaxFile, out: &str) -> Result<(), Unsound> {
    let (formatted, diagnostics) = syntax::parse(file, out);
    if diagnostics.iter().any(|d| d.severity() == Severity::Error) {
        return Err(Unsound { what: "syntax" });
    }
    let (before, before_findings) = lowered(file, original);
    let (after, after_findings) = lowered(file, &formatted);
    if before != after {
        return Err(Unsound { what: "ast" });
    }
    if before_findings != after_findings {
        return Err(Unsound { what: "findings" });
    }
    let comments = |f: &syntax::tree::SyntaxFile| -> Vec<String> {
        f.comments.iter().map(|c| c.text.trim_end().to_string()).collect()
    };
    if comments(original) != comments(&formatted) {
        return Err(Unsound { what: "comments" });
    }
    Ok(())
}

/// The AST of a file with its spans erased, and the codes of the lowering's findings.
fn lowered(file: FileId, syntax_file: &syntax::tree::SyntaxFile) -> (String, Vec<&'static str>) {
    let mut findings = Vec::new();
    let ast = ast::from_syntax::lower(file, syntax_file, &mut findings);
    let mut codes: Vec<&'static str> = findings.iter().map(|d| d.code.as_str()).collect();
    codes.sort_unstable();
    (without_spans(&format!("{:?}", ast.decls)), codes)
}

/// `text` with every `Span { start: N, end: M }` of a `Debug` print replaced
/// by `Span`, so that two trees compare equal wherever only positions differ.
pub fn without_spans(text: &str) -> String {
    const OPEN: &str = "Span { start: ";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(rest.get(..at).unwrap_or(""));
        let after = rest.get(at..).unwrap_or("");
        match after.find('}') {
            Some(close) => {
                out.push_str("Span");
                rest = after.get(close + 1..).unwrap_or("");
            }
            None => {
                out.push_str(after);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}
