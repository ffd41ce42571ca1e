//! The command line: argument parsing, running a command, printing, exit codes.
//!
//! Exit codes: 0 no errors (and no warnings with `--deny-warnings`), 1
//! findings, 2 a usage or I/O problem (including finding no rule files).

use crate::diagnostics::{Code, Lang, Severity};
use crate::render::{self, Report, human::Style};
use crate::workspace;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "yijian",
    version,
    about = "政务服务事项标准化规则的检查与生成工具 (a compiler for government-service approval rules)"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 检查规则文件和实施清单（默认检查当前文件夹的工作区） / check rule files and catalogs
    Check(CheckArgs),
    /// 打印诊断代码的说明，例如 `yijian explain E0201` / explain a diagnostic code
    Explain(ExplainArgs),
    /// 改革成效报告：按事项、功能区、部门和一件事统计 / the reform report
    Report(ReportArgs),
    /// 打印实施清单格式的 JSON Schema，供 YAML、JSON 编辑器补全和检查 / the catalog JSON Schema
    Schema,
    /// 生成办事指南、一次性告知单、受理清单和流程图 / build the documents
    Build(BuildArgs),
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// 规则文件或文件夹 / rule files or folders
    pub paths: Vec<PathBuf>,
    /// 输出文件夹 / output folder
    #[arg(long, short, default_value = "site")]
    pub out: PathBuf,
    /// 只生成这些格式，可写多个（逗号分开）；默认全部 / only these formats (default: all)
    #[arg(long, value_enum, value_delimiter = ',')]
    pub format: Vec<BuildFormat>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BuildFormat {
    Html,
    Markdown,
    Pdf,
    /// 流程图（SVG、Mermaid、DOT） / flow charts
    Flow,
    /// model.json
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// 规则文件或文件夹 / rule files or folders
    pub paths: Vec<PathBuf>,
    /// 输出格式 / output format
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Table,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// 规则文件或文件夹、实施清单（.yaml、.json）或其文件夹 / rule files or folders, catalogs (.yaml, .json) or their folders
    pub paths: Vec<PathBuf>,
    /// 输出格式 / output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// 有警告也以失败退出 / exit with failure on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
    /// 提示信息的语言 / message language
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// 诊断代码，例如 E0201 / a diagnostic code such as E0201
    pub code: Option<String>,
    /// 列出所有代码 / list every code
    #[arg(long)]
    pub list: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

/// Runs the CLI with the process's arguments.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let mut stdout = std::io::stdout().lock();
    let code = match cli.command {
        Command::Check(args) => check(&args, &mut stdout),
        Command::Explain(args) => explain(&args, &mut stdout),
        Command::Report(args) => report(&args, &mut stdout),
        Command::Schema => {
            if stdout
                .write_all(crate::catalog::model::json_schema().as_bytes())
                .is_ok()
            {
                0
            } else {
                2
            }
        }
        Command::Build(args) => build(&args, &mut stdout),
    };
    let _ = stdout.flush();
    ExitCode::from(code)
}

/// `yijian check`; returns the exit code.
pub fn check(args: &CheckArgs, out: &mut dyn Write) -> u8 {
    let discovery = workspace::discover(&args.paths);
    let compiled: Vec<_> = discovery.workspaces.iter().map(workspace::check).collect();
    let lang = match args.lang {
        Some(LangArg::En) => Lang::En,
        Some(LangArg::Zh) => Lang::Zh,
        None => manifest_lang(&discovery),
    };
    let deny_warnings = args.deny_warnings
        || discovery
            .workspaces
            .iter()
            .any(|ws| ws.manifest.as_ref().is_some_and(|m| m.deny_warnings));
    let report = findings(&discovery, &compiled, lang);
    let text = match args.format {
        Format::Human => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            render::human::render(&report, Style { color, width: 100 })
        }
        Format::Json => render::json::render(&report),
        Format::Sarif => render::sarif::render(&report),
        Format::Github => render::github::render(&report),
    };
    if out.write_all(text.as_bytes()).is_err() {
        return 2;
    }
    exit_code(&report, deny_warnings)
}

/// The message language the first workspace's manifest asks for, else Chinese.
fn manifest_lang(discovery: &workspace::Discovery) -> Lang {
    discovery
        .workspaces
        .iter()
        .find_map(workspace::manifest_lang)
        .unwrap_or_default()
}

/// Everything the checked workspaces found, ready to render.
fn findings<'a>(discovery: &'a workspace::Discovery, compiled: &'a [workspace::Compiled], lang: Lang) -> Report<'a> {
    Report {
        workspaces: discovery
            .workspaces
            .iter()
            .zip(compiled)
            .map(|(ws, c)| (ws, c.diagnostics.as_slice()))
            .collect(),
        global: &discovery.problems,
        lang,
    }
}

/// 2 for problems with the paths (no rule files, unreadable, a catalog
/// without rules), 1 for findings, else 0.
pub fn exit_code(report: &Report<'_>, deny_warnings: bool) -> u8 {
    let usage = report
        .all()
        .any(|(_, d)| matches!(d.code, Code::E0004 | Code::E0006 | Code::E1420));
    if usage {
        2
    } else if report.count(Severity::Error) > 0 || (deny_warnings && report.count(Severity::Warning) > 0) {
        1
    } else {
        0
    }
}

/// `yijian explain`.
pub fn explain(args: &ExplainArgs, out: &mut dyn Write) -> u8 {
    if args.list || args.code.is_none() {
        let mut text = String::new();
        for code in crate::diagnostics::codes::ALL {
            let info = code.info();
            text.push_str(&format!(
                "{}  {:<7}  {}  ({})\n",
                code,
                info.severity.as_str(),
                info.title.zh,
                info.title.en
            ));
        }
        return if out.write_all(text.as_bytes()).is_ok() { 0 } else { 2 };
    }
    let wanted = args.code.as_deref().unwrap_or("");
    match Code::parse(wanted) {
        Some(code) => {
            if out.write_all(code.info().page.as_bytes()).is_ok() {
                0
            } else {
                2
            }
        }
        None => {
            let names = crate::diagnostics::codes::ALL.iter().map(|c| c.as_str());
            let upper = wanted.trim().to_ascii_uppercase();
            let hint = match crate::suggest::closest(&upper, names) {
                Some(near) => format!("；是不是想查“{near}”？ (did you mean `{near}`?)"),
                None => String::new(),
            };
            eprintln!(
                "没有诊断代码“{wanted}”{hint}\n用 `yijian explain --list` 查看所有代码 (no such code; `yijian explain --list` lists them)"
            );
            2
        }
    }
}

/// For commands that need clean rules (`report`, `build`): when there are
/// errors, prints them as `check` does, then `refusal`, and returns the exit
/// code.
fn refuse_errors(discovery: &workspace::Discovery, compiled: &[workspace::Compiled], refusal: &str) -> Option<u8> {
    let findings = findings(discovery, compiled, manifest_lang(discovery));
    let code = exit_code(&findings, false);
    if code == 0 {
        return None;
    }
    let text = render::human::render(
        &findings,
        Style {
            color: false,
            width: 100,
        },
    );
    eprint!("{text}");
    eprintln!("{refusal}");
    Some(code)
}

/// `yijian report`: refuses rules with errors (their figures would mislead),
/// printing the errors instead, like `check` does.
pub fn report(args: &ReportArgs, out: &mut dyn Write) -> u8 {
    let discovery = workspace::discover(&args.paths);
    let compiled: Vec<_> = discovery.workspaces.iter().map(workspace::check).collect();
    if let Some(code) = refuse_errors(
        &discovery,
        &compiled,
        "规则有错误，先用 `yijian check` 修正后再生成报告 (fix the errors before reporting)",
    ) {
        return code;
    }
    let mut text = String::new();
    let several = compiled.len() > 1;
    if args.format == ReportFormat::Json {
        let reports: Vec<serde_json::Value> = discovery
            .workspaces
            .iter()
            .zip(&compiled)
            .map(|(ws, c)| serde_json::json!({ "workspace": ws.root, "report": crate::report::compute(c) }))
            .collect();
        text = serde_json::to_string_pretty(&reports).unwrap_or_default();
        text.push('\n');
    } else {
        for (ws, c) in discovery.workspaces.iter().zip(&compiled) {
            if several {
                text.push_str(&format!("# 工作区 {}\n\n", ws.root));
            }
            text.push_str(&crate::report::table(&crate::report::compute(c)));
            text.push('\n');
        }
    }
    if out.write_all(text.as_bytes()).is_ok() { 0 } else { 2 }
}

/// `yijian build`: refuses rules with errors (printing them as `report`
/// does), then writes the documents.
pub fn build(args: &BuildArgs, out: &mut dyn Write) -> u8 {
    let formats = if args.format.is_empty() {
        crate::documents::Formats::all()
    } else {
        crate::documents::Formats {
            html: args.format.contains(&BuildFormat::Html),
            markdown: args.format.contains(&BuildFormat::Markdown),
            pdf: args.format.contains(&BuildFormat::Pdf),
            flow: args.format.contains(&BuildFormat::Flow),
            json: args.format.contains(&BuildFormat::Json),
        }
    };
    if formats.pdf && !cfg!(feature = "pdf") {
        eprintln!("这个 yijian 编译时没有带 PDF 功能（cargo 特性 pdf） (this build of yijian has no PDF support)");
        return 2;
    }
    let discovery = workspace::discover(&args.paths);
    let compiled: Vec<_> = discovery.workspaces.iter().map(workspace::check).collect();
    if let Some(code) = refuse_errors(
        &discovery,
        &compiled,
        "规则有错误，先用 `yijian check` 修正后再生成文档 (fix the errors before building)",
    ) {
        return code;
    }
    let config = crate::documents::Config {
        out: args.out.clone(),
        formats,
        progress: std::io::stderr().is_terminal(),
    };
    let pairs: Vec<_> = discovery.workspaces.iter().zip(&compiled).collect();
    match crate::documents::build(&pairs, &config) {
        Ok(summary) => {
            let text = format!(
                "已生成 {} 个事项、{} 件一件事的 {} 份文档，共 {} 个文件，在 {} (built {} documents, {} files)\n",
                summary.items,
                summary.things,
                summary.documents,
                summary.files,
                workspace::display(&args.out),
                summary.documents,
                summary.files
            );
            if out.write_all(text.as_bytes()).is_ok() { 0 } else { 2 }
        }
        Err(failures) => {
            for failure in &failures {
                eprintln!(
                    "无法写入“{}”：{} (cannot write)",
                    workspace::display(&failure.path),
                    failure.message
                );
            }
            2
        }
    }
}
