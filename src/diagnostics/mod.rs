//! Diagnostics as plain values: what every phase returns and only the CLI prints.
//!
//! A [`Diagnostic`] names a permanent [`Code`], a primary [`Label`] at a source
//! span, secondary labels where another place is involved, and arguments that
//! fill the message, label and help templates kept in the code table
//! ([`codes`]). Text is produced in the user's language only when rendered.

pub mod codes;
pub mod phrases;

pub use codes::{Code, CodeInfo, Severity};
pub use phrases::Phrase;

use std::fmt;

/// Index of a source file in a workspace's [`crate::source::SourceStore`]; it
/// stays the same while the file is edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(end).unwrap_or(u32::MAX),
        }
    }

    pub fn len(self) -> usize {
        (self.end.saturating_sub(self.start)) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start >= self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// The span shifted right by `offset` bytes.
    pub fn shifted(self, offset: usize) -> Span {
        Span::new(self.start as usize + offset, self.end as usize + offset)
    }
}

/// A span in a particular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Location {
    pub file: FileId,
    pub span: Span,
}

/// The user's language for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// A text in both languages, for argument values such as kind names.
///
/// `user` lists the parts that are the user's own text (names, quoted texts,
/// what a file contains): they are shown as written in every language. The
/// rest is ours and must be translated; a test renders every fixture in
/// English and finds Chinese outside the user's parts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tr {
    pub zh: String,
    pub en: String,
    pub user: Vec<String>,
}

impl Tr {
    /// Our text in both languages.
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Tr {
            zh: zh.into(),
            en: en.into(),
            user: Vec::new(),
        }
    }

    /// The user's text (a name, a quoted text), the same in both languages.
    pub fn same(text: impl Into<String>) -> Self {
        let text = text.into();
        Tr {
            zh: text.clone(),
            user: if text.is_empty() {
                Vec::new()
            } else {
                vec![text.clone()]
            },
            en: text,
        }
    }

    /// Nothing, in both languages (an optional part of a template left out).
    pub fn empty() -> Self {
        Tr::default()
    }

    /// The texts joined with `、` in Chinese and `, ` in English, keeping
    /// which parts are the user's.
    pub fn join(parts: impl IntoIterator<Item = Tr>) -> Self {
        let mut out = Tr::empty();
        for (i, part) in parts.into_iter().enumerate() {
            if i > 0 {
                out.zh.push('、');
                out.en.push_str(", ");
            }
            out.zh.push_str(&part.zh);
            out.en.push_str(&part.en);
            out.user.extend(part.user);
        }
        out
    }

    /// The texts joined with `sep_zh` / `sep_en`, keeping the user's parts.
    pub fn join_with(parts: impl IntoIterator<Item = Tr>, sep_zh: &str, sep_en: &str) -> Self {
        let mut out = Tr::empty();
        for (i, part) in parts.into_iter().enumerate() {
            if i > 0 {
                out.zh.push_str(sep_zh);
                out.en.push_str(sep_en);
            }
            out.zh.push_str(&part.zh);
            out.en.push_str(&part.en);
            out.user.extend(part.user);
        }
        out
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

impl From<&str> for Tr {
    fn from(text: &str) -> Self {
        Tr::same(text)
    }
}

impl From<String> for Tr {
    fn from(text: String) -> Self {
        Tr::same(text)
    }
}

/// A place in the source with a short text; the text is a template key of the
/// code table (`primary` for the primary label) plus the arguments it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub location: Location,
    /// Which label template of the code's table entry to use.
    pub template: &'static str,
    /// Arguments for that template, in addition to the diagnostic's own.
    pub args: Vec<(&'static str, Tr)>,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    /// The primary place; `None` only for findings about no file at all
    /// (no rule files found, an unreadable path).
    pub primary: Option<Label>,
    pub secondary: Vec<Label>,
    pub args: Vec<(&'static str, Tr)>,
    /// A suggested replacement for the primary span ("did you mean").
    pub suggestion: Option<String>,
    /// Extra help lines after the code's own help (e.g. a hint found by context).
    pub notes: Vec<Tr>,
    /// A warning that the workspace's `deny` setting makes an error.
    pub denied: bool,
}

impl Diagnostic {
    pub fn new(code: Code, file: FileId, span: Span) -> Self {
        Diagnostic {
            code,
            primary: Some(Label {
                location: Location { file, span },
                template: "primary",
                args: Vec::new(),
            }),
            secondary: Vec::new(),
            args: Vec::new(),
            suggestion: None,
            notes: Vec::new(),
            denied: false,
        }
    }

    /// A diagnostic with no source location.
    pub fn global(code: Code) -> Self {
        Diagnostic {
            code,
            primary: None,
            secondary: Vec::new(),
            args: Vec::new(),
            suggestion: None,
            notes: Vec::new(),
            denied: false,
        }
    }

    pub fn arg(mut self, key: &'static str, value: impl Into<Tr>) -> Self {
        self.args.push((key, value.into()));
        self
    }

    /// Adds a secondary label using the label template `template`.
    pub fn with_label(
        mut self,
        template: &'static str,
        file: FileId,
        span: Span,
        args: Vec<(&'static str, Tr)>,
    ) -> Self {
        self.secondary.push(Label {
            location: Location { file, span },
            template,
            args,
        });
        self
    }

    pub fn suggest(mut self, suggestion: Option<String>) -> Self {
        self.suggestion = suggestion;
        self
    }

    pub fn note(mut self, note: Tr) -> Self {
        self.notes.push(note);
        self
    }

    /// Fills the `{detail}` slot of the message with the code's template
    /// `key` (one of its `templates` in the code table) and `args`.
    pub fn detail(self, key: &'static str, args: &[(&'static str, Tr)]) -> Self {
        let detail = self.code.text(key, args);
        self.arg("detail", detail)
    }

    /// Adds a help line from the code's template `key` and `args`.
    pub fn note_from(self, key: &'static str, args: &[(&'static str, Tr)]) -> Self {
        let note = self.code.text(key, args);
        self.note(note)
    }

    pub fn severity(&self) -> Severity {
        if self.denied {
            Severity::Error
        } else {
            self.code.info().severity
        }
    }

    pub fn location(&self) -> Option<Location> {
        self.primary.as_ref().map(|label| label.location)
    }

    /// The message line in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        fill(self.code.info().message.get(lang), &self.args, &[], lang)
    }

    /// The help lines in `lang`: the code's help, the suggestion, the notes.
    pub fn help(&self, lang: Lang) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some(suggestion) = &self.suggestion {
            lines.push(
                Phrase::DidYouMean
                    .tr(&[("suggestion", Tr::same(suggestion.as_str()))])
                    .get(lang)
                    .to_string(),
            );
        }
        for note in &self.notes {
            lines.push(note.get(lang).to_string());
        }
        let help = self.code.info().help.get(lang);
        if !help.is_empty() {
            lines.push(fill(help, &self.args, &[], lang));
        }
        lines
    }

    /// The text of a label in `lang`.
    pub fn label_text(&self, label: &Label, lang: Lang) -> String {
        let info = self.code.info();
        let template = info
            .labels
            .iter()
            .find(|(key, _)| *key == label.template)
            .map(|(_, text)| text.get(lang))
            .unwrap_or("");
        fill(template, &self.args, &label.args, lang)
    }
}

/// Replaces `{key}` in `template` by the argument of that name.
pub(crate) fn fill(template: &str, args: &[(&'static str, Tr)], extra: &[(&'static str, Tr)], lang: Lang) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        let Some(close) = after.find('}') else {
            out.push_str(after);
            return out;
        };
        let key = after.get(1..close).unwrap_or("");
        match extra.iter().chain(args).find(|(name, _)| *name == key) {
            Some((_, value)) => out.push_str(value.get(lang)),
            None => out.push_str(after.get(..=close).unwrap_or("")),
        }
        rest = after.get(close + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message(Lang::Zh))
    }
}

/// Sorts diagnostics into the order they are shown: by file, then position,
/// then code, so output is the same whatever order the checks ran in.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| d.location().map(|l| (l.file, l.span.start, l.span.end));
        key(a)
            .cmp(&key(b))
            .then_with(|| a.code.cmp(&b.code))
            .then_with(|| a.message(Lang::En).cmp(&b.message(Lang::En)))
    });
}
