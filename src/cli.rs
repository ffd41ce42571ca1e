//! The command line: argument parsing, running a command, printing, exit codes.
//!
//! Exit codes: 0 no errors (and no warnings with `--deny-warnings`), 1
//! findings, 2 a usage or I/O problem (including finding no rule files).

use crate::diagnostics::{Code, Lang, Severity};
use crate::messages::Msg;
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
    /// 把规则文件改写为统一格式 / rewrite rule files in the canonical layout
    Fmt(FmtArgs),
    /// 运行规则中的测试（“测试”声明） / run the tests written in the rules
    Test(TestArgs),
    /// 比较两个版本的规则对申请人有什么不同 / what a change of the rules does to applicants
    Diff(DiffArgs),
    /// 语言服务器（供编辑器使用，经标准输入输出通信） / the language server, over stdio, for editors
    Lsp,
}

#[derive(Debug, clap::Args)]
pub struct FmtArgs {
    /// 规则文件或文件夹（默认当前文件夹） / rule files or folders (default: the current folder)
    pub paths: Vec<PathBuf>,
    /// 只检查不改写：有文件不合格式时打印差异并以 1 退出 / check only: print a diff and exit 1 when a file is not formatted
    #[arg(long)]
    pub check: bool,
    /// 从标准输入读规则，把格式化的结果写到标准输出（供编辑器使用） / read standard input, write the result to standard output (for editors)
    #[arg(long, conflicts_with = "paths")]
    pub stdin: bool,
    /// 把关键字、字段名、取值、条件词和单位一律改写成中文或英文 / convert every keyword, field name, value word, condition word and unit to Chinese or English
    #[arg(long, value_enum)]
    pub keywords: Option<LangArg>,
    /// 提示信息的语言 / message language
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

#[derive(Debug, clap::Args)]
pub struct TestArgs {
    /// 规则文件或文件夹（默认当前文件夹） / rule files or folders (default: the current folder)
    pub paths: Vec<PathBuf>,
    /// 输出格式 / output format
    #[arg(long, value_enum, default_value_t = TestFormat::Human)]
    pub format: TestFormat,
    /// 把失败测试的期望值改写为实际值（保留注释和排版） / rewrite the expected values of failing tests to the actual ones (comments and layout kept)
    #[arg(long)]
    pub update: bool,
    /// 提示信息的语言 / message language
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// 旧版本：文件夹，或当前仓库的 git 版本（HEAD~1、main、标签） / the old version: a folder, or a git revision of this repository
    pub old: String,
    /// 新版本（默认磁盘上的当前文件夹） / the new version (default: the current folder on disk)
    pub new: Option<String>,
    /// 只比较两个版本中的这些路径（写在 -- 之后） / compare only these paths of both versions (after --)
    #[arg(last = true)]
    pub paths: Vec<PathBuf>,
    /// 输出格式 / output format
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    /// 有对申请人更严格的变化时以 1 退出 / exit with 1 when a change is stricter for applicants
    #[arg(long)]
    pub deny_stricter: bool,
    /// 把可张贴的变更说明（HTML，及 PDF）写到这个文件夹 / write the printable 变更说明 (HTML and PDF) to this folder
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// 提示信息的语言 / message language
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Human,
    Markdown,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TestFormat {
    Human,
    Json,
    Junit,
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
        Command::Check(args) => check_then(&args, &mut stdout, Teardown::Leave),
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
        Command::Fmt(args) => fmt(&args, &mut std::io::stdin().lock(), &mut stdout),
        Command::Test(args) => test(&args, &mut stdout),
        Command::Diff(args) => diff(&args, &mut stdout),
        Command::Lsp => {
            drop(stdout);
            return match crate::lsp::run_stdio() {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("yijian lsp: {error}");
                    ExitCode::from(1)
                }
            };
        }
    };
    let _ = stdout.flush();
    ExitCode::from(code)
}

/// What a command does with its workspaces and their compilations once its
/// output is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Teardown {
    /// Drop them, as any library call must.
    Free,
    /// Leave them to the process's exit: freeing millions of small
    /// allocations one by one costs a large workspace a noticeable part of
    /// its check, only for the process to hand all its memory back a moment
    /// later.
    Leave,
}

/// `yijian check`; returns the exit code.
pub fn check(args: &CheckArgs, out: &mut dyn Write) -> u8 {
    check_then(args, out, Teardown::Free)
}

fn check_then(args: &CheckArgs, out: &mut dyn Write, teardown: Teardown) -> u8 {
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
    let code = if out.write_all(text.as_bytes()).is_err() {
        2
    } else {
        exit_code(&report, deny_warnings)
    };
    drop(report);
    if teardown == Teardown::Leave {
        std::mem::forget(compiled);
        std::mem::forget(discovery);
    }
    code
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
            let near = crate::suggest::closest(&upper, names);
            eprintln!("{}", Msg::NoSuchCode { wanted, near }.line());
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

/// `yijian test`: refuses rules with errors (as `report` does), runs every
/// test of every workspace, and with `--update` rewrites the expected values
/// of the failing ones. Exit 0 when all pass (or were updated), 1 when one
/// fails, 2 for no tests or an I/O problem.
pub fn test(args: &TestArgs, out: &mut dyn Write) -> u8 {
    use crate::testing::{self, output};
    let discovery = workspace::discover(&args.paths);
    let compiled: Vec<_> = discovery.workspaces.iter().map(workspace::check).collect();
    if let Some(code) = refuse_errors(&discovery, &compiled, &Msg::FixBeforeTest.line()) {
        return code;
    }
    let lang = match args.lang {
        Some(LangArg::En) => Lang::En,
        Some(LangArg::Zh) => Lang::Zh,
        None => manifest_lang(&discovery),
    };
    let results: Vec<Vec<testing::Outcome>> = compiled.iter().map(testing::run).collect();
    let located: Vec<output::Located<'_>> = discovery
        .workspaces
        .iter()
        .zip(&results)
        .flat_map(|(ws, outcomes)| outcomes.iter().map(move |o| (o, ws.file(o.file))))
        .collect();
    if located.is_empty() {
        eprintln!("{}", Msg::NoTests.line());
        return 2;
    }
    let text = match args.format {
        TestFormat::Human => output::human(&located, lang),
        TestFormat::Json => output::json(&located, lang),
        TestFormat::Junit => output::junit(&located, lang),
    };
    if out.write_all(text.as_bytes()).is_err() {
        return 2;
    }
    let failed = located.iter().any(|(o, _)| !o.passed());
    if !args.update || !failed {
        return u8::from(failed);
    }
    // --update: rewrite each file that holds failing tests.
    let mut code = 0;
    for (ws, outcomes) in discovery.workspaces.iter().zip(&results) {
        let mut by_file: Vec<(crate::diagnostics::FileId, Vec<&testing::Outcome>)> = Vec::new();
        for outcome in outcomes.iter().filter(|o| !o.passed()) {
            match by_file.iter_mut().find(|(id, _)| *id == outcome.file) {
                Some((_, list)) => list.push(outcome),
                None => by_file.push((outcome.file, vec![outcome])),
            }
        }
        for (id, list) in by_file {
            let Some(file) = ws.file(id) else { continue };
            let Some(new_text) = output::updated_text(file, &list) else {
                continue;
            };
            let (_, problems) = crate::syntax::parse(id, &new_text);
            if !problems.is_empty() {
                eprintln!(
                    "{}",
                    Msg::UpdateRefused {
                        path: file.path.clone()
                    }
                    .line()
                );
                code = 1;
                continue;
            }
            if let Err(error) =
                crate::documents::write::write_atomic(std::path::Path::new(&file.path), new_text.as_bytes())
            {
                let error = error.to_string();
                eprintln!(
                    "{}",
                    Msg::CannotWrite {
                        path: &file.path,
                        error: &error
                    }
                    .line()
                );
                return 2;
            }
            eprintln!(
                "{}",
                Msg::TestsUpdated {
                    path: file.path.clone(),
                    tests: list.len(),
                }
                .line()
            );
        }
    }
    code
}

/// `yijian diff`: reads both versions, refuses one with errors, compares
/// each workspace of the old version with the new one's at the same place,
/// prints the report and writes the 变更说明. Exit 0; 1 with
/// `--deny-stricter` when a change is stricter for applicants, or when a
/// version has errors; 2 when a version cannot be read.
pub fn diff(args: &DiffArgs, out: &mut dyn Write) -> u8 {
    use crate::diff::{self, output, source};
    let lang = match args.lang {
        Some(LangArg::En) => Lang::En,
        _ => Lang::Zh,
    };
    let new_spec = args.new.clone().unwrap_or_else(|| ".".to_string());
    let mut versions = Vec::new();
    for spec in [&args.old, &new_spec] {
        match source::load(spec, &args.paths) {
            Ok(loaded) => versions.push(loaded),
            Err(source::Problem::NotFound { spec, why } | source::Problem::Io { spec, why }) => {
                eprintln!("{}", Msg::DiffUnreadable { version: spec, why }.line());
                return 2;
            }
        }
    }
    let [old, new] = versions.as_slice() else { return 2 };
    let compile = |v: &source::Loaded| -> Vec<workspace::Compiled> {
        v.discovery.workspaces.iter().map(workspace::check).collect()
    };
    let (old_compiled, new_compiled) = (compile(old), compile(new));
    for (version, compiled) in [(old, &old_compiled), (new, &new_compiled)] {
        let refusal = Msg::FixBeforeDiff {
            version: version.label.clone(),
        }
        .line();
        if let Some(code) = refuse_errors(&version.discovery, compiled, &refusal) {
            return code;
        }
    }
    if old_compiled.len() != new_compiled.len() {
        eprintln!(
            "{}",
            Msg::DiffWorkspaces {
                old: old_compiled.len(),
                new: new_compiled.len(),
            }
            .line()
        );
        return 2;
    }
    let mut report = diff::Report {
        old: old.label.clone(),
        new: new_spec.clone(),
        groups: Vec::new(),
    };
    let pairs = old
        .discovery
        .workspaces
        .iter()
        .zip(&old_compiled)
        .zip(new.discovery.workspaces.iter().zip(&new_compiled));
    for ((old_ws, old_c), (new_ws, new_c)) in pairs {
        let a = diff::Version {
            label: old.label.clone(),
            workspace: old_ws,
            compiled: old_c,
        };
        let b = diff::Version {
            label: new_spec.clone(),
            workspace: new_ws,
            compiled: new_c,
        };
        report.groups.extend(diff::compare(&a, &b).groups);
    }
    let text = match args.format {
        DiffFormat::Human => output::human(&report, lang),
        DiffFormat::Markdown => output::markdown(&report, lang),
        DiffFormat::Json => output::json(&report),
    };
    if out.write_all(text.as_bytes()).is_err() {
        return 2;
    }
    if let Some(dir) = &args.out {
        let document = output::document(&report);
        let mut files: Vec<(PathBuf, Vec<u8>)> = vec![(
            dir.join("变更说明.html"),
            crate::documents::html::standalone(&document, "").into_bytes(),
        )];
        for (path, bytes) in crate::documents::html::assets() {
            files.push((dir.join(path), bytes.to_vec()));
        }
        let cannot_write = |path: &std::path::Path, error: &str| {
            let path = path.display().to_string();
            eprintln!("{}", Msg::CannotWrite { path: &path, error }.line());
            2
        };
        #[cfg(feature = "pdf")]
        match crate::documents::pdf::render(&document) {
            Ok(bytes) => files.push((dir.join("变更说明.pdf"), bytes)),
            Err(error) => return cannot_write(&dir.join("变更说明.pdf"), &error),
        }
        for (path, bytes) in &files {
            if let Err(error) = crate::documents::write::write_atomic(path, bytes) {
                return cannot_write(path, &error.to_string());
            }
        }
        eprintln!(
            "{}",
            Msg::DiffWritten {
                path: dir.join("变更说明.html").display().to_string(),
            }
            .line()
        );
    }
    u8::from(args.deny_stricter && report.stricter() > 0)
}

/// `yijian report`: refuses rules with errors (their figures would mislead),
/// printing the errors instead, like `check` does.
pub fn report(args: &ReportArgs, out: &mut dyn Write) -> u8 {
    let discovery = workspace::discover(&args.paths);
    let compiled: Vec<_> = discovery.workspaces.iter().map(workspace::check).collect();
    if let Some(code) = refuse_errors(&discovery, &compiled, &Msg::FixBeforeReport.line()) {
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
        eprintln!("{}", Msg::NoPdfSupport.line());
        return 2;
    }
    let discovery = workspace::discover(&args.paths);
    let compiled: Vec<_> = discovery.workspaces.iter().map(workspace::check).collect();
    if let Some(code) = refuse_errors(&discovery, &compiled, &Msg::FixBeforeBuild.line()) {
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
            let out_path = workspace::display(&args.out);
            let built = Msg::Built {
                items: summary.items,
                things: summary.things,
                documents: summary.documents,
                files: summary.files,
                out: &out_path,
            };
            let text = format!("{}\n", built.line());
            if out.write_all(text.as_bytes()).is_ok() { 0 } else { 2 }
        }
        Err(failures) => {
            for failure in &failures {
                let path = workspace::display(&failure.path);
                eprintln!(
                    "{}",
                    Msg::CannotWrite {
                        path: &path,
                        error: &failure.message
                    }
                    .line()
                );
            }
            2
        }
    }
}

/// `yijian fmt`: 0 when every file is (now) formatted, 1 when `--check`
/// finds a file to format or a file has syntax errors (left untouched), 2 for
/// an I/O problem, no rule files, or an internal error of the formatter.
pub fn fmt(args: &FmtArgs, input: &mut dyn std::io::Read, out: &mut dyn Write) -> u8 {
    let config = crate::format::Config {
        keywords: args.keywords.map(|lang| match lang {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }),
    };
    let lang = match args.lang {
        Some(LangArg::En) => Lang::En,
        _ => Lang::Zh,
    };
    if args.stdin {
        let mut text = String::new();
        if input.read_to_string(&mut text).is_err() {
            eprintln!("{}", Msg::StdinNotUtf8.line());
            return 2;
        }
        return match format_one("<stdin>", &text, config, lang) {
            FmtOutcome::Formatted(formatted) => {
                if out.write_all(formatted.as_bytes()).is_ok() {
                    0
                } else {
                    2
                }
            }
            FmtOutcome::Refused(code) => code,
        };
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let mut files = Vec::new();
    for path in &paths {
        if let Err(problem) = rule_files(path, &mut files) {
            eprintln!("{problem}");
            return 2;
        }
    }
    if files.is_empty() {
        eprintln!("{}", Msg::NoRuleFiles.line());
        return 2;
    }
    // Files are read and formatted on every core; what is printed and
    // written follows in path order.
    let results = crate::parallel::map(&files, |path| {
        let text = std::fs::read(path).map(String::from_utf8);
        let formatted = match &text {
            Ok(Ok(text)) => Some(crate::format::format(text, config)),
            _ => None,
        };
        (text, formatted)
    });
    let mut worst = 0u8;
    let mut changed = Vec::new();
    for (path, (text, formatted)) in files.iter().zip(results) {
        let shown = workspace::display(path);
        let text = match text {
            Ok(Ok(text)) => text,
            Ok(Err(_)) => {
                eprintln!("{}", Msg::NotUtf8Untouched { path: &shown }.line());
                worst = worst.max(1);
                continue;
            }
            Err(_) => {
                eprintln!("{}", Msg::CannotRead { path: &shown }.line());
                worst = worst.max(2);
                continue;
            }
        };
        let formatted = match formatted.map(|result| report_refusal(&shown, &text, result, lang)) {
            Some(FmtOutcome::Formatted(formatted)) => formatted,
            Some(FmtOutcome::Refused(code)) => {
                worst = worst.max(code);
                continue;
            }
            None => continue,
        };
        if formatted == text {
            continue;
        }
        if args.check {
            let diff = similar::TextDiff::from_lines(&text, &formatted);
            let patch = diff.unified_diff().context_radius(2).header(&shown, &shown).to_string();
            if out.write_all(patch.as_bytes()).is_err() {
                return 2;
            }
        } else if let Err(error) = crate::documents::write::write_atomic(path, formatted.as_bytes()) {
            let error = error.to_string();
            eprintln!(
                "{}",
                Msg::CannotWrite {
                    path: &shown,
                    error: &error
                }
                .line()
            );
            worst = worst.max(2);
            continue;
        }
        changed.push(shown);
    }
    let n_files = files.len();
    let n_changed = changed.len();
    let summary = match (args.check, n_changed) {
        (true, 0) => Msg::AllFormatted { files: n_files }.line(),
        (true, n) => {
            worst = worst.max(1);
            Msg::NeedFormatting {
                changed: n,
                files: n_files,
            }
            .line()
        }
        (false, n) => Msg::Formatted {
            changed: n,
            unchanged: n_files - n,
        }
        .line(),
    } + "\n";
    if args.check && n_changed > 0 {
        eprint!("{summary}");
    } else if out.write_all(summary.as_bytes()).is_err() {
        return 2;
    }
    worst
}

enum FmtOutcome {
    Formatted(String),
    /// Not formatted: the exit code it earns (1 syntax errors, 2 internal error).
    Refused(u8),
}

/// Formats one text, printing why it was refused.
fn format_one(shown: &str, text: &str, config: crate::format::Config, lang: Lang) -> FmtOutcome {
    report_refusal(shown, text, crate::format::format(text, config), lang)
}

/// The outcome of formatting one text, printing why it was refused.
fn report_refusal(shown: &str, text: &str, result: Result<String, crate::format::Refusal>, lang: Lang) -> FmtOutcome {
    match result {
        Ok(formatted) => FmtOutcome::Formatted(formatted),
        Err(crate::format::Refusal::Syntax(diagnostics)) => {
            let workspace = workspace::Workspace::from_texts([(shown.to_string(), text.to_string())]);
            let report = Report {
                workspaces: vec![(&workspace, diagnostics.as_slice())],
                global: &[],
                lang,
            };
            let rendered = render::human::render(
                &report,
                Style {
                    color: false,
                    width: 100,
                },
            );
            eprint!("{rendered}");
            eprintln!("{}", Msg::SyntaxErrorsUntouched { path: shown }.line());
            FmtOutcome::Refused(1)
        }
        Err(crate::format::Refusal::Unsound(unsound)) => {
            eprintln!(
                "{}",
                Msg::UnsoundFormatting {
                    path: shown,
                    what: unsound.what
                }
                .line()
            );
            FmtOutcome::Refused(2)
        }
    }
}

/// The rule files (`.yj`) at `path`: the file itself, or every `.yj` file
/// under the folder in path order (links are not followed, hidden folders
/// and `target` are skipped).
fn rule_files(path: &std::path::Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let shown = workspace::display(path);
    let meta = std::fs::metadata(path).map_err(|_| Msg::NoSuchPath { path: &shown }.line())?;
    if meta.is_file() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    if !meta.is_dir() {
        return Err(Msg::NotFileOrFolder { path: &shown }.line());
    }
    let mut stack = vec![path.to_path_buf()];
    let mut found = Vec::new();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return Err(Msg::CannotRead {
                path: &workspace::display(&dir),
            }
            .line());
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() {
                if !name.starts_with('.') && name != "target" {
                    stack.push(entry.path());
                }
            } else if kind.is_file() && name.ends_with(".yj") {
                found.push(entry.path());
            }
        }
    }
    found.sort();
    out.extend(found);
    Ok(())
}
