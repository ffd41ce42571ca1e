//! The one table of the sentences the command line and the language server
//! say outside diagnostics (which come from the code table,
//! `diagnostics::codes`): each message is a variant with typed arguments and
//! its Chinese and English text side by side, so the two cannot drift apart.
//!
//! The command line prints both languages on one line, `中文 (English)`, as
//! it always has; [`Msg::get`] gives one language where a client shows one.

use crate::diagnostics::Lang;

/// A message of the command line or the language server.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg<'a> {
    /// `yijian explain` with a code that does not exist, and the nearest one.
    NoSuchCode {
        wanted: &'a str,
        near: Option<&'a str>,
    },
    /// `report` refuses rules with errors.
    FixBeforeReport,
    /// `build` refuses rules with errors.
    FixBeforeBuild,
    /// `test` refuses rules with errors.
    FixBeforeTest,
    /// `diff` refuses a version with errors.
    FixBeforeDiff {
        version: String,
    },
    /// `diff` cannot read a version.
    DiffUnreadable {
        version: String,
        why: String,
    },
    /// `diff`'s two versions hold different numbers of workspaces.
    DiffWorkspaces {
        old: usize,
        new: usize,
    },
    /// `diff --out` wrote the 变更说明.
    DiffWritten {
        path: String,
    },
    /// `test` found no 测试 declarations.
    NoTests,
    /// `test --update` rewrote a file.
    TestsUpdated {
        path: String,
        tests: usize,
    },
    /// `test --update` left a file alone: the rewritten text would not parse.
    UpdateRefused {
        path: String,
    },
    /// `build --format pdf` without the `pdf` feature.
    NoPdfSupport,
    /// What `build` wrote.
    Built {
        items: usize,
        things: usize,
        documents: usize,
        files: usize,
        out: &'a str,
    },
    CannotWrite {
        path: &'a str,
        error: &'a str,
    },
    CannotRead {
        path: &'a str,
    },
    NoSuchPath {
        path: &'a str,
    },
    NotFileOrFolder {
        path: &'a str,
    },
    StdinNotUtf8,
    NoRuleFiles,
    /// `fmt` leaves a file that is not UTF-8 as it is.
    NotUtf8Untouched {
        path: &'a str,
    },
    /// `fmt` leaves a file with syntax errors as it is.
    SyntaxErrorsUntouched {
        path: &'a str,
    },
    /// `fmt`'s safety check refused its own output.
    UnsoundFormatting {
        path: &'a str,
        what: &'a str,
    },
    /// `fmt --check`: every file is formatted.
    AllFormatted {
        files: usize,
    },
    /// `fmt --check`: some files are not.
    NeedFormatting {
        changed: usize,
        files: usize,
    },
    /// `fmt`: what was rewritten.
    Formatted {
        changed: usize,
        unchanged: usize,
    },
    /// A language-server request that panicked.
    LspInternalError {
        method: &'a str,
    },
    /// A language-server request it does not answer.
    LspUnsupported {
        method: &'a str,
    },
    /// A notification that panicked.
    LspNotificationFailed,
    /// Code action: replace by the did-you-mean name.
    ReplaceWith {
        text: &'a str,
    },
    /// Code action: `N 天` as working or calendar days.
    CountIn {
        amount: &'a str,
        working: bool,
    },
    /// Code action: add a template line.
    AddLine {
        line: &'a str,
    },
    /// Signature help after `当`.
    ConditionShape,
    /// Signature help after a limit's colon.
    DurationShape,
}

impl Msg<'_> {
    /// The message in `lang`.
    pub fn get(&self, lang: Lang) -> String {
        let (zh, en) = self.both();
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// `中文 (English)`, as the command line prints its own lines.
    pub fn line(&self) -> String {
        let (zh, en) = self.both();
        format!("{zh} ({en})")
    }

    /// The Chinese and the English text.
    pub fn both(&self) -> (String, String) {
        match self {
            Msg::NoSuchCode { wanted, near } => {
                let (hint_zh, hint_en) = match near {
                    Some(near) => (format!("；是不是想查“{near}”？"), format!("did you mean `{near}`? ")),
                    None => (String::new(), String::new()),
                };
                (
                    format!("没有诊断代码“{wanted}”{hint_zh}\n用 `yijian explain --list` 查看所有代码"),
                    format!("{hint_en}no such code; `yijian explain --list` lists them"),
                )
            }
            Msg::FixBeforeReport => (
                "规则有错误，先用 `yijian check` 修正后再生成报告".into(),
                "fix the errors before reporting".into(),
            ),
            Msg::FixBeforeDiff { version } => (
                format!("{version} 中的规则有错误，先修正后再比较"),
                format!("the rules of {version} have errors: fix them before comparing"),
            ),
            Msg::DiffUnreadable { version, why } => (
                format!("读不到“{version}”：它既不是文件夹，也不是这个仓库的 git 版本（{why}）"),
                format!("cannot read `{version}`: neither a folder nor a git revision of this repository ({why})"),
            ),
            Msg::DiffWorkspaces { old, new } => (
                format!("两个版本的工作区数不同（{old} 和 {new}）：请指明要比较的文件夹"),
                format!("the two versions hold {old} and {new} workspaces: name the folder to compare"),
            ),
            Msg::DiffWritten { path } => (format!("变更说明已写到 {path}"), format!("wrote {path}")),
            Msg::FixBeforeTest => (
                "规则有错误，先用 `yijian check` 修正后再运行测试".into(),
                "fix the errors before testing".into(),
            ),
            Msg::NoTests => (
                "没有找到测试（“测试”声明）".into(),
                "no tests (`test` declarations) found".into(),
            ),
            Msg::TestsUpdated { path, tests } => (
                format!("已更新 {path} 中 {tests} 个测试的期望值"),
                format!("updated the expected values of {tests} tests in {path}"),
            ),
            Msg::UpdateRefused { path } => (
                format!("{path} 改写后无法解析，没有改动"),
                format!("{path} left unchanged: the rewritten text would not parse"),
            ),
            Msg::FixBeforeBuild => (
                "规则有错误，先用 `yijian check` 修正后再生成文档".into(),
                "fix the errors before building".into(),
            ),
            Msg::NoPdfSupport => (
                "这个 yijian 编译时没有带 PDF 功能（cargo 特性 pdf）".into(),
                "this build of yijian has no PDF support".into(),
            ),
            Msg::Built {
                items,
                things,
                documents,
                files,
                out,
            } => (
                format!("已生成 {items} 个事项、{things} 件一件事的 {documents} 份文档，共 {files} 个文件，在 {out}"),
                format!("built {documents} documents, {files} files"),
            ),
            Msg::CannotWrite { path, error } => (format!("无法写入“{path}”：{error}"), "cannot write".into()),
            Msg::CannotRead { path } => (format!("无法读取“{path}”"), "cannot read".into()),
            Msg::NoSuchPath { path } => (format!("找不到“{path}”"), "no such file or folder".into()),
            Msg::NotFileOrFolder { path } => (format!("“{path}”不是文件或文件夹"), "not a file or folder".into()),
            Msg::StdinNotUtf8 => (
                "无法读取标准输入（不是 UTF-8 文字？）".into(),
                "cannot read standard input: not UTF-8?".into(),
            ),
            Msg::NoRuleFiles => ("没有找到规则文件（.yj）".into(), "no rule files found".into()),
            Msg::NotUtf8Untouched { path } => (
                format!("“{path}”不是 UTF-8 文字，未改动"),
                "not UTF-8; left unchanged".into(),
            ),
            Msg::SyntaxErrorsUntouched { path } => (
                format!("“{path}”有语法错误，未改动"),
                "syntax errors: left unchanged".into(),
            ),
            Msg::UnsoundFormatting { path, what } => (
                format!("内部错误：格式化后的“{path}”与原文含义不同（{what}），文件未改动；请报告这个问题"),
                format!(
                    "internal error: the formatted text differs from the original in its {what}; the file is left unchanged, please report it"
                ),
            ),
            Msg::AllFormatted { files } => (
                format!("{files} 个规则文件都已是统一格式"),
                format!("{files} files formatted"),
            ),
            Msg::NeedFormatting { changed, files } => (
                format!("{changed} 个规则文件不合统一格式，用 `yijian fmt` 改写"),
                format!("{changed} of {files} files need formatting: run `yijian fmt`"),
            ),
            Msg::Formatted { changed, unchanged } => (
                format!("已格式化 {changed} 个规则文件，其余 {unchanged} 个无需改动"),
                format!("formatted {changed} files, {unchanged} unchanged"),
            ),
            Msg::LspInternalError { method } => (
                format!("yijian lsp：回答 {method} 时出现内部错误，服务器继续工作"),
                format!("yijian lsp: internal error while answering {method}; the server goes on"),
            ),
            Msg::LspUnsupported { method } => (
                format!("yijian lsp 不回答 {method}"),
                format!("yijian lsp does not answer {method}"),
            ),
            Msg::LspNotificationFailed => (
                "yijian lsp：处理通知时出现内部错误，服务器继续工作".into(),
                "yijian lsp: internal error while handling a notification; the server goes on".into(),
            ),
            Msg::ReplaceWith { text } => (format!("改为“{text}”"), format!("replace with `{text}`")),
            Msg::CountIn { amount, working } => {
                let (zh, en) = if *working {
                    ("工作日", "working days")
                } else {
                    ("自然日", "calendar days")
                };
                (format!("改为“{amount} {zh}”"), format!("count in {en}"))
            }
            Msg::AddLine { line } => (format!("加上“{line}”"), format!("add `{line}`")),
            Msg::ConditionShape => (
                "比较：= ≠ < ≤ > ≥（也可写 是、不是）；组合：且、或、非、括号。选一个选项的情形只能用 = 或 ≠ 与它的取值比较，填一个数的情形与范围内的数比较。".into(),
                "compare with = ≠ < ≤ > ≥ (or is, is-not); combine with and, or, not and brackets. A situation with choices is compared with = or ≠ to one of its values, a number with a number in its range.".into(),
            ),
            Msg::DurationShape => (
                "时限写数字和单位：工作日（working-days）或自然日（calendar-days）；“天”“日”分不清，要改写。".into(),
                "a duration is a number and a unit, working-days or calendar-days: a plain count of days is ambiguous.".into(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message, with ASCII arguments.
    fn every() -> Vec<Msg<'static>> {
        vec![
            Msg::NoSuchCode {
                wanted: "E9",
                near: Some("E0201"),
            },
            Msg::FixBeforeReport,
            Msg::FixBeforeBuild,
            Msg::FixBeforeTest,
            Msg::FixBeforeDiff {
                version: "HEAD~1".into(),
            },
            Msg::DiffUnreadable {
                version: "HEAD~9".into(),
                why: "x".into(),
            },
            Msg::DiffWorkspaces { old: 1, new: 2 },
            Msg::DiffWritten { path: "a.html".into() },
            Msg::NoTests,
            Msg::TestsUpdated {
                path: "a.yj".into(),
                tests: 2,
            },
            Msg::UpdateRefused { path: "a.yj".into() },
            Msg::NoPdfSupport,
            Msg::Built {
                items: 1,
                things: 2,
                documents: 3,
                files: 4,
                out: "site",
            },
            Msg::CannotWrite { path: "a", error: "e" },
            Msg::CannotRead { path: "a" },
            Msg::NoSuchPath { path: "a" },
            Msg::NotFileOrFolder { path: "a" },
            Msg::StdinNotUtf8,
            Msg::NoRuleFiles,
            Msg::NotUtf8Untouched { path: "a" },
            Msg::SyntaxErrorsUntouched { path: "a" },
            Msg::UnsoundFormatting { path: "a", what: "ast" },
            Msg::AllFormatted { files: 2 },
            Msg::NeedFormatting { changed: 1, files: 2 },
            Msg::Formatted {
                changed: 1,
                unchanged: 1,
            },
            Msg::LspInternalError { method: "m" },
            Msg::LspUnsupported { method: "m" },
            Msg::LspNotificationFailed,
            Msg::ReplaceWith { text: "x" },
            Msg::CountIn {
                amount: "5",
                working: true,
            },
            Msg::AddLine { line: "x" },
            Msg::ConditionShape,
            Msg::DurationShape,
        ]
    }

    #[test]
    fn every_message_has_both_languages_and_english_is_english() {
        for msg in every() {
            let (zh, en) = msg.both();
            assert!(!zh.is_empty() && !en.is_empty(), "{msg:?}");
            assert!(
                !en.chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3000}'..='\u{303f}').contains(&c)),
                "Chinese in the English of {msg:?}: {en}"
            );
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{msg:?}: {zh}"
            );
            assert_eq!(msg.line(), format!("{zh} ({en})"));
        }
    }
}
