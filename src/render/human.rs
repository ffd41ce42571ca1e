//! `--format human`: miette's graphical reports, with the source excerpt and a
//! caret under the place, then one summary line.
//!
//! Colour follows the terminal and `NO_COLOR`; tests use [`Style::plain`] for
//! stable text. Labels in another file than the primary one are shown as a
//! second excerpt of that file, so a duplicate across files shows both places.

use super::{Report, summary};
use crate::diagnostics::{Diagnostic, Label, Lang, Severity};
use crate::source::SourceFile;
use crate::workspace::Workspace;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan,
    SpanContents,
};
use std::fmt;

/// How to draw: colours and width.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

impl Style {
    /// No colour, 80 columns: for tests and logs.
    pub fn plain() -> Self {
        Style {
            color: false,
            width: 80,
        }
    }
}

pub fn render(report: &Report<'_>, style: Style) -> String {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .without_cause_chain()
        .with_show_related_as_nested(true);
    let mut out = String::new();
    for (workspace, diagnostic) in report.all() {
        let shown = Shown::new(workspace, diagnostic, report.lang);
        let mut text = String::new();
        if handler.render_report(&mut text, &shown).is_err() {
            text = format!("{}: {}\n", diagnostic.code, diagnostic.message(report.lang));
        }
        out.push_str(&text);
        out.push('\n');
    }
    out.push_str(&summary(report));
    out.push('\n');
    out
}

/// A source text for miette whose reported column counts characters, not
/// bytes, so `file:3:7` is where a person's cursor would be.
struct Source<'a> {
    file: &'a SourceFile,
}

impl SourceCode for Source<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        // miette finds lines by scanning from the start of the text it is
        // given: hand it only the lines around the span, so that rendering
        // n findings costs n small excerpts, not n scans of the whole file.
        let text = &self.file.text;
        let index = &self.file.line_index;
        let first = index.position(text, span.offset()).line;
        let last = index.position(text, span.offset() + span.len()).line;
        let window_first = first.saturating_sub(context_lines_before).max(1);
        let (window_start, _) = index.line_range(text, window_first);
        let (_, last_end) = index.line_range(text, last + context_lines_after);
        // Take the line break after the last line too, as miette expects.
        let window_end = text
            .get(last_end..)
            .and_then(|rest| rest.find('\n'))
            .map_or(text.len(), |at| last_end + at + 1)
            .max(window_start);
        let window = text.get(window_start..window_end).ok_or(MietteError::OutOfBounds)?;
        let local = SourceSpan::new(span.offset().saturating_sub(window_start).into(), span.len());
        let inner = window.read_span(&local, context_lines_before, context_lines_after)?;
        let start = inner.span().offset() + window_start;
        let position = index.position(text, span.offset());
        let column = if context_lines_before == 0 && context_lines_after == 0 {
            position.column - 1
        } else {
            inner.column()
        };
        let data = text.as_bytes().get(start..start + inner.span().len()).unwrap_or(&[]);
        Ok(Box::new(MietteSpanContents::new_named(
            self.file.path.clone(),
            data,
            SourceSpan::new(start.into(), inner.span().len()),
            inner.line() + window_first - 1,
            column,
            // miette's own reader counts the line breaks from the start of
            // the text, and merges excerpts by that count: keep it so.
            inner.line_count() + window_first - 1,
        )))
    }
}

/// One diagnostic prepared for miette.
struct Shown<'a> {
    message: String,
    code: &'static str,
    severity: Severity,
    help: Option<String>,
    source: Option<Source<'a>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Shown<'a>>,
}

impl<'a> Shown<'a> {
    fn new(workspace: Option<&'a Workspace>, diagnostic: &Diagnostic, lang: Lang) -> Self {
        let help = diagnostic.help(lang);
        let primary_file = diagnostic.location().map(|l| l.file);
        let source = workspace
            .zip(primary_file)
            .and_then(|(ws, file)| ws.file(file))
            .map(|file| Source { file });
        let mut labels = Vec::new();
        let mut related = Vec::new();
        let span_of = |label: &Label| {
            let span = label.location.span;
            SourceSpan::new((span.start as usize).into(), span.len())
        };
        if let Some(label) = &diagnostic.primary {
            let text = diagnostic.label_text(label, lang);
            labels.push(LabeledSpan::new_primary_with_span(non_empty(text), span_of(label)));
        }
        for label in &diagnostic.secondary {
            let text = diagnostic.label_text(label, lang);
            if Some(label.location.file) == primary_file {
                labels.push(LabeledSpan::new_with_span(non_empty(text), span_of(label)));
            } else if let Some(file) = workspace.and_then(|ws| ws.file(label.location.file)) {
                related.push(Shown {
                    message: text.clone(),
                    code: "",
                    severity: Severity::Warning,
                    help: None,
                    source: Some(Source { file }),
                    labels: vec![LabeledSpan::new_primary_with_span(Some(text), span_of(label))],
                    related: Vec::new(),
                });
            }
        }
        Shown {
            message: diagnostic.message(lang),
            code: diagnostic.code.as_str(),
            severity: diagnostic.severity(),
            help: if help.is_empty() { None } else { Some(help.join("\n")) },
            source,
            labels,
            related,
        }
    }
}

fn non_empty(text: String) -> Option<String> {
    if text.is_empty() { None } else { Some(text) }
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Shown<'_> {}

impl miette::Diagnostic for Shown<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        if self.code.is_empty() {
            None
        } else {
            Some(Box::new(self.code))
        }
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match (self.code.is_empty(), self.severity) {
            (true, _) => miette::Severity::Advice,
            (false, Severity::Error) => miette::Severity::Error,
            (false, Severity::Warning) => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() || self.source.is_none() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(self.related.iter().map(|r| r as &dyn miette::Diagnostic)))
        }
    }
}
