//! The code table: every diagnostic code with its severity and its texts in
//! Chinese and English, in one place.
//!
//! Codes are permanent: a code is never renumbered or reused for another
//! meaning. Templates use `{name}` for arguments the diagnostic carries. Each
//! code has an explain page `book/src/codes/CODE.md`, printed by
//! `yijian explain CODE`; a test keeps the pages, fixtures and this table in step.

use super::{Lang, Tr, fill};
use std::fmt;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A text in both languages, fixed at compile time.
#[derive(Debug, Clone, Copy)]
pub struct Text {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

/// One line of the code table.
#[derive(Debug)]
pub struct CodeInfo {
    pub code: Code,
    /// A short stable name, for tools and the book's index.
    pub slug: &'static str,
    pub severity: Severity,
    /// The one-line title of the explain page.
    pub title: Text,
    pub message: Text,
    pub help: Text,
    /// Label templates: `primary` for the primary label, other keys for
    /// secondary labels.
    pub labels: &'static [(&'static str, Text)],
    /// Further templates a check selects by key: the variants of a
    /// `{detail}` slot ([`super::Diagnostic::detail`]), help notes
    /// ([`super::Diagnostic::note_from`]) and phrases used as arguments
    /// ([`Code::text`]).
    pub templates: &'static [(&'static str, Text)],
    /// The explain page (Chinese, Markdown), the same file as the book page.
    pub page: &'static str,
}

macro_rules! code_table {
    ($(
        $code:ident $slug:literal $sev:ident {
            title: ($tzh:literal, $ten:literal),
            message: ($mzh:literal, $men:literal),
            help: ($hzh:literal, $hen:literal),
            labels: [$($lkey:ident: ($lzh:literal, $len:literal)),* $(,)?] $(,)?
            $(templates: [$($tkey:ident: ($tmzh:expr, $tmen:expr)),* $(,)?] $(,)?)?
        }
    )*) => {
        /// A permanent diagnostic code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $($code),* }

        /// Every code, in table order.
        pub const ALL: &[Code] = &[$(Code::$code),*];

        impl Code {
            pub fn info(self) -> &'static CodeInfo {
                match self {
                    $(Code::$code => {
                        static INFO: CodeInfo = CodeInfo {
                            code: Code::$code,
                            slug: $slug,
                            severity: Severity::$sev,
                            title: Text { zh: $tzh, en: $ten },
                            message: Text { zh: $mzh, en: $men },
                            help: Text { zh: $hzh, en: $hen },
                            labels: &[$((stringify!($lkey), Text { zh: $lzh, en: $len })),*],
                            templates: &[$($((stringify!($tkey), Text { zh: $tmzh, en: $tmen })),*)?],
                            page: include_str!(concat!("../../book/src/codes/", stringify!($code), ".md")),
                        };
                        &INFO
                    })*
                }
            }

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$code => stringify!($code)),* }
            }
        }
    };
}

impl Code {
    /// Looks a code up by its text, case-insensitively (`e0201` works).
    pub fn parse(text: &str) -> Option<Code> {
        ALL.iter()
            .copied()
            .find(|code| code.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

impl Code {
    /// The code's template `key` filled with `args`, in both languages; the
    /// user's parts of the arguments stay marked as the user's. An unknown
    /// key gives `{key}`, which the fixture tests show.
    pub fn text(self, key: &'static str, args: &[(&'static str, Tr)]) -> Tr {
        let info = self.info();
        let Some((_, template)) = info.templates.iter().find(|(name, _)| *name == key) else {
            return Tr::new(format!("{{{key}}}"), format!("{{{key}}}"));
        };
        Tr {
            zh: fill(template.zh, args, &[], Lang::Zh),
            en: fill(template.en, args, &[], Lang::En),
            user: args.iter().flat_map(|(_, value)| value.user.iter().cloned()).collect(),
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

code_table! {
    // ------------------------------------------------------------ files and syntax
    E0001 "syntax-error" Error {
        title: ("语法错误", "syntax error"),
        message: ("语法错误：这里应当是{expected}", "syntax error: expected {expected}"),
        help: ("检查这一处附近的花括号、冒号和引号是否成对、是否写全", "check that braces, colons and quotes near here are complete and paired"),
        labels: [primary: ("{found}", "{found}")],
        templates: [
            expected_declaration: ("声明或字段", "a declaration or a field"),
            expected_entry: ("声明或字段（如“事项 名称 {”或“类型：行政许可”）", "a declaration or a field (such as `item NAME {` or `type: licensing`)"),
            expected_name: ("名称", "a name"),
            expected_value: ("值（名称、数字、“引号中的文字”或“5 工作日”这样的时限）", "a value (a name, a number, \"quoted text\" or a duration such as `5 working-days`)"),
            expected_unit: ("时间单位（工作日或自然日）", "a time unit (working-days or calendar-days)"),
            expected_open_brace: ("“{”", "`{`"),
            expected_close_brace: ("“}”", "`}`"),
            expected_bracket: ("右括号“）”", "a closing bracket `)`"),
            expected_condition: ("条件（如“申请方式 = 告知承诺”）", "a condition (such as `application = online`)"),
            expected_comparison: ("比较符号（=、≠、<、>、≤、≥）", "a comparison (=, ≠, <, >, ≤, ≥)"),
            expected_and_or: ("“且”或“或”", "`and` or `or`"),
            expected_end: ("文件结尾", "the end of the file"),
            text_in_quotes: ("放在引号中的文字", "text in quotes"),
            not_in_quotes: ("这段文字没有加引号", "this text is not in quotes"),
            write_in_quotes: ("文字一律放在引号中，写成 {field}：\"{text}\"", "texts always go in quotes: write {field}: \"{text}\""),
            file_ends: ("文件在这里结束了", "the file ends here"),
            found: ("这里是“{text}”", "found `{text}`"),
            field: ("字段“{field}”", "field `{field}`"),
            colon: ("冒号“：”", "a colon `:`"),
            colon_after_field: ("字段名和值之间要有冒号，例如“{field}：…”", "put a colon between a field and its value, as in `{field}: …`"),
            colon_before_duration: ("字段名和值之间要有冒号，例如“法定时限：20 工作日”", "put a colon between a field and its value, as in `legal-limit: 20 working-days`"),
            colon_before_text: ("字段名和值之间要有冒号，例如“设定依据：“《…》””", "put a colon between a field and its value"),
            unclosed_brace: ("有一个“{”没有对应的“}”", "a `{` has no matching `}`"),
            dunhao_in_name: ("名称中有顿号“、”时，要把整个名称放在引号中，例如 \"公众聚集场所投入使用、营业前消防安全检查\"", "a name that contains the enumeration comma `、` must be put in quotes as a whole"),
            unpaired_quotes: ("引号不成对：以“开头的文字要以”结束（或者两头都用英文引号 \"）", "unpaired quotes: a text opened with `“` must close with `”` (or use \" at both ends)"),
        ],
    }
    E0002 "not-utf8" Error {
        title: ("文件不是 UTF-8 编码", "file is not UTF-8"),
        message: ("文件不是 UTF-8 编码，无法读取", "the file is not valid UTF-8"),
        help: ("请在编辑器中以 UTF-8 编码另存此文件（GBK 编码的文件需要转换）", "save the file as UTF-8 in your editor (files in GBK must be converted)"),
        labels: [primary: ("第一个无效字节在这里", "first invalid byte here")],
    }
    E0003 "nesting-too-deep" Error {
        title: ("嵌套层数过多", "nesting too deep"),
        message: ("嵌套层数过多（超过 {limit} 层）", "nesting is too deep (more than {limit} levels)"),
        help: ("减少括号或花括号的层数，把复杂的条件拆成几个情形", "use fewer nested brackets or braces; split a complex condition into several situations"),
        labels: [primary: ("从这里开始超过了层数限制", "the limit is exceeded from here")],
    }
    E0004 "no-rule-files" Error {
        title: ("没有找到规则文件", "no rule files found"),
        message: ("在“{path}”中没有找到规则文件（.yj）", "no rule files (.yj) found in `{path}`"),
        help: ("规则文件以 .yj 结尾；检查路径是否正确，或在 yijian.toml 的 rules 中列出规则所在的文件夹", "rule files end in .yj; check the path, or list the rule folders under `rules` in yijian.toml"),
        labels: [],
    }
    E0005 "invalid-manifest" Error {
        title: ("工作区清单 yijian.toml 有误", "invalid workspace manifest"),
        message: ("工作区清单有误：{detail}", "invalid workspace manifest: {detail}"),
        help: ("yijian.toml 可以写：name（名称）、rules（规则文件夹列表）、lang（zh 或 en）、deny-warnings（true 或 false）", "yijian.toml may set: name, rules (a list of rule folders), lang (zh or en), deny-warnings (true or false)"),
        labels: [primary: ("这里", "here")],
        templates: [
            not_a_code: ("{list} 中的“{code}”不是诊断代码", "`{code}` in {list} is not a diagnostic code"),
            error_allowed: ("{code} 是错误，错误不能关闭，只有警告可以写在 allow 中", "{code} is an error: only warnings can be allowed"),
            unknown_lang: ("lang 只能是 zh 或 en，这里是“{lang}”", "lang must be zh or en, not `{lang}`"),
            unknown_key: ("不认识的键“{key}”", "unknown key `{key}`"),
            invalid_type: ("值的类型不对（{message}）", "{message}"),
            toml: ("TOML 写法有误（{message}）", "{message}"),
        ],
    }
    E0006 "unreadable-path" Error {
        title: ("无法读取文件或文件夹", "cannot read a file or folder"),
        message: ("无法读取“{path}”：{detail}", "cannot read `{path}`: {detail}"),
        help: ("检查路径是否存在、是否有读取权限", "check that the path exists and is readable"),
        labels: [],
        templates: [
            system: ("{error}", "{error}"),
            not_a_rule_file: ("不是规则文件（.yj）、实施清单（.yaml、.json）或 yijian.toml", "not a rule file (.yj), a catalog (.yaml, .json) or yijian.toml"),
            not_regular: ("不是普通文件（命名管道、设备或套接字），读取它可能一直等下去", "not a regular file (a named pipe, device or socket); reading it could block"),
            listed_outside: ("yijian.toml 的 {key} 中列出的路径在工作区文件夹之外", "the path listed under `{key}` in yijian.toml is outside the workspace folder"),
            listed_missing: ("yijian.toml 的 {key} 中列出的路径不存在", "the path listed under `{key}` in yijian.toml does not exist"),
        ],
    }
    E0007 "unclosed-block" Error {
        title: ("块的“{”没有闭合", "unclosed block"),
        message: ("第 {line} 行的“{block}”用“{”开始，但没有对应的“}”", "`{block}` on line {line} opens a `{` that is never closed"),
        help: ("在这个块的最后一个字段后面加上“}”", "add `}` after the block's last entry"),
        labels: [primary: ("这个“{”没有闭合", "this `{` is not closed"), head: ("这个块", "this block"), close: ("应当在这之前闭合", "should be closed before this")],
        templates: [
            close_before_line: ("按缩进和下一个声明看，这个块应当在第 {line} 行之前用“}”结束", "judging by the indentation and the next declaration, the block should end with `}` before line {line}"),
            close_is_outer: ("第 {line} 行的“}”按缩进属于外层的块，这个块自己的“}”应当写在它之前", "by its indentation the `}` on line {line} closes an outer block; this block's own `}` belongs before it"),
        ],
    }
    E0008 "unmatched-close-brace" Error {
        title: ("多余的“}”", "unmatched closing brace"),
        message: ("多余的“}”：前面没有与它对应的“{”", "unmatched `}`: no `{` before it is still open"),
        help: ("删去这个“}”，或检查前面的块是否提前闭合了", "remove this `}`, or check whether a block before it was closed too early"),
        labels: [primary: ("没有对应的“{”", "no matching `{`")],
    }
    E0009 "too-many-findings" Error {
        title: ("一个文件中的问题太多", "too many findings in one file"),
        message: ("“{path}”还有 {count} 个问题没有显示（每个文件最多显示 {limit} 个）", "{count} more findings in `{path}` are not shown (at most {limit} per file)"),
        help: ("先改正上面显示的问题再检查；问题这么多时，常常是文件不是规则文件，或者开头有一处错误影响了后面", "fix the findings shown and check again; so many usually means the file is not a rule file, or an early mistake affects the rest"),
        labels: [],
    }
    E0010 "nothing-declared" Error {
        title: ("规则文件中什么也没有声明", "the rule files declare nothing"),
        message: ("“{path}”中的规则文件没有声明任何部门、材料、事项或一件事", "the rule files in `{path}` declare no department, material, item or thing"),
        help: ("空文件不能算通过：写上规则，或检查是不是打开了错误的文件夹、文件是不是没有保存", "an empty workspace never passes: write the rules, or check the folder and that the files were saved"),
        labels: [],
    }
    W0011 "skipped-entry" Warning {
        title: ("跳过了不是普通文件的路径", "skipped a path that is not a regular file"),
        message: ("跳过了“{path}”：{reason}", "skipped `{path}`: {reason}"),
        help: ("规则文件和实施清单只从普通文件读取；符号链接只在指向工作区之内时才会跟随", "rule files and catalogs are read only from regular files; symbolic links are followed only within the workspace"),
        labels: [],
        templates: [
            not_regular: ("不是普通文件（命名管道、设备或套接字），读取它可能一直等下去", "not a regular file (a named pipe, device or socket); reading it could block"),
            link_outside: ("这是指向工作区之外的文件夹的符号链接", "it is a symbolic link to a folder outside the workspace"),
            link_loop: ("这个符号链接指向已经检查过的文件夹（链接循环）", "the symbolic link leads to a folder already walked (a link loop)"),
        ],
    }

    // ------------------------------------------------------------ structure of declarations
    E0101 "unknown-declaration" Error {
        title: ("不认识的声明关键字", "unknown declaration keyword"),
        message: ("“{word}”不是{place}可以写的声明", "`{word}` is not a declaration allowed {place}"),
        help: ("{place}可以写：{allowed}", "allowed {place}: {allowed}"),
        labels: [primary: ("不认识的关键字", "unknown keyword")],
        templates: [
            in_block: ("在{block}中", "in a {block}"),
            field_without_colon: ("“{word}”是字段，字段名后面要写冒号，例如“{field}：…”", "`{word}` is a field: write a colon after it, as in `{field}: …`"),
            part_of_a_value: ("如果这是上一个字段的值的一部分，请把整段文字放在引号中", "if this belongs to the value of the previous field, put the whole text in quotes"),
        ],
    }
    E0102 "unknown-field" Error {
        title: ("不认识的字段", "unknown field"),
        message: ("{block}中没有“{word}”这一项", "a {block} has no field `{word}`"),
        help: ("{block}可以填写：{allowed}", "a {block} may have: {allowed}"),
        labels: [primary: ("不认识的字段", "unknown field")],
        templates: [
            declaration_with_colon: ("“{word}”是声明，写成“{word} 名称 { … }”，不要冒号", "`{word}` is a declaration: write `{word} NAME { … }` without a colon"),
        ],
    }
    E0103 "invalid-value" Error {
        title: ("字段的值不符合要求", "invalid field value"),
        message: ("“{field}”的值应当是{expected}", "`{field}` expects {expected}"),
        help: ("例如：{example}", "for example: {example}"),
        labels: [primary: ("这里写的是{found}", "this is {found}")],
        templates: [
            text_in_quotes: ("放在引号中的文字", "text in quotes"),
            quote_texts: ("文字一律放在引号中：一段话写成 {field}：\"{text}\"；几段分开的文字各加引号，再用顿号分隔", "texts always go in quotes: one text is {field}: \"{text}\"; several texts are quoted one by one and separated by commas"),
            ambiguous_day: ("“{word}”不明确：请写“{amount} 工作日”或“{amount} 自然日”（《行政许可法》第八十二条规定的期限以工作日计算；其他依据以原文为准）", "`{word}` is ambiguous: write `{amount} working-days` or `{amount} days` (the Administrative Licensing Law, art. 82, counts working days; otherwise follow the legal basis)"),
            other_unit: ("时限的单位只能是工作日或自然日：请把“{amount} {word}”换算成工作日或自然日", "a duration is counted in working days or calendar days: convert `{amount} {word}`"),
            unreadable_numeral: ("读不懂这个中文数字：请用阿拉伯数字，例如“20”", "these Chinese numerals do not form a number: write digits such as `20`"),
            a_text: ("一段文字", "a text"),
            texts: ("一段或几段文字", "one or more texts"),
            chain: ("用箭头连接的事项（甲 → 乙）", "items joined by arrows (A → B)"),
            city_wide_duration: ("受理层级和它的办理时间，用箭头连接（乡镇 → 3 工作日 → 2 自然日）", "an accepting level and its time, joined by arrows (township → 3 working-days → 2 calendar-days)"),
            a_duration: ("时限，例如“5 工作日”“20 自然日”或“当场”", "a duration such as `5 working-days`, `20 days` or `on-the-spot`"),
            duration_example: ("5 工作日", "5 working-days"),
            a_number: ("一个数", "a number"),
            numeral_example: ("20 工作日", "20 working-days"),
            a_fee: ("“否”（不收费）或收费标准的文字", "`no` (free) or the text of the fee standard"),
            a_range: ("数值范围，例如“0..10000”", "a range such as `0..10000`"),
            level_name: ("通办层级的名称", "the name of an acceptance level"),
            level_example: ("通办层级 乡镇 { … }", "acceptance-level township { … }"),
            chain_order: ("用箭头连接的顺序", "a chain joined by arrows"),
            name_of: ("一个{kind}的名称", "the name of a {kind}"),
            names_of: ("{kind}的名称（可用顿号分隔多个）", "{kind} names separated by commas"),
            whole_number: ("0 到 {max} 之间的整数", "a whole number from 0 to {max}"),
            one_of: ("以下之一：{words}", "one of: {words}"),
            one_or_more: ("以下的一个或几个：{words}", "one or more of: {words}"),
            list: ("{count} 项的列表", "a list of {count} values"),
            number: ("数字 {number}", "the number {number}"),
            duration: ("时限“{duration}”", "the duration `{duration}`"),
            range: ("范围 {range}", "the range {range}"),
        ],
    }
    E0104 "missing-field" Error {
        title: ("缺少必填字段", "missing required field"),
        message: ("{block}“{name}”缺少“{field}”", "{block} `{name}` lacks `{field}`"),
        help: ("在{block}中加上一行，例如：{example}", "add a line to the {block}, for example: {example}"),
        labels: [primary: ("在这里补上“{field}”", "add `{field}` here")],
    }
    E0105 "duplicate-field" Error {
        title: ("同一字段写了两次", "field given twice"),
        message: ("“{field}”写了两次", "`{field}` is given twice"),
        help: ("删去其中一处，只保留正确的值", "remove one of them and keep the right value"),
        labels: [primary: ("又写了一次", "given again here"), first: ("第一次写在这里", "first given here")],
        templates: [
            join_conditions: ("多个条件请用“且”或“或”连成一个", "join several conditions into one with `and` or `or`"),
        ],
    }
    E0106 "missing-name" Error {
        title: ("声明缺少名称", "declaration without a name"),
        message: ("{block}需要一个名称", "a {block} needs a name"),
        help: ("在关键字后面写上名称，例如：{example}", "write the name after the keyword, for example: {example}"),
        labels: [primary: ("这里缺少名称", "name missing here")],
        templates: [declaration: ("{block} 名称 { … }", "{block} NAME { … }")],
    }
    E0107 "malformed-basic-code" Error {
        title: ("基本编码格式不对", "malformed basic code"),
        message: ("基本编码“{code}”应为 12 位数字或大写字母，这里是 {len} 位", "basic code `{code}` must be 12 digits or capital letters, it has {len}"),
        help: ("基本编码取自政务服务事项基本目录，每一级都相同（四级四同）", "the basic code comes from the basic catalogue and is the same at every level"),
        labels: [primary: ("这个编码", "this code")],
    }
    E0108 "misplaced-condition" Error {
        title: ("条件写在了不能写条件的地方", "condition where none is allowed"),
        message: ("{block}中不能写“当”条件", "a {block} cannot have a `when` condition"),
        help: ("“当”条件只能写在事项中的材料和环节里", "`when` conditions belong in the materials and steps of an item"),
        labels: [primary: ("这个条件", "this condition")],
    }
    E0109 "ambiguous-copy-kind" Error {
        title: ("材料的类型没有说清收原件还是复印件", "material type does not say what is handed over"),
        message: ("“类型：{written}”没有说清窗口要怎样处理这份材料", "`type: {written}` does not say what the counter does with this material"),
        help: ("只写一种：比对原件留存复印件（核对原件后留下复印件）、原件或复印件（两者任交其一）、验原件（看过原件后退还）、收取原件、复印件（只要复印件）", "write one: copy-checked (the copy is kept after comparing it with the original), original-or-copy (either one), original-shown (the original is shown and handed back), original-kept, or copy (a copy only)"),
        labels: [primary: ("这里写了两种", "two kinds written here")],
    }
    W0110 "unquoted-text" Warning {
        title: ("文字没有放在引号中", "text without quotes"),
        message: ("“{field}”的值是文字，要放在引号中", "the value of `{field}` is text and goes in quotes"),
        help: ("文字一律放在引号中（说明、地址、时间、电话、依据、条件）；名称和取值不加引号", "texts (descriptions, addresses, hours, phone numbers, bases, conditions) always go in quotes; names and fixed values do not"),
        labels: [primary: ("这段文字", "this text")],
        templates: [
            write_in_quotes: ("写成 {field}：\"{text}\"", "write {field}: \"{text}\""),
        ],
    }

    // ------------------------------------------------------------ names
    E0201 "undefined-name" Error {
        title: ("引用了未定义的名称", "undefined name"),
        message: ("没有名为“{name}”的{kind}", "no {kind} named `{name}`"),
        help: ("先声明{kind}“{name}”，或改用已经声明的名称；同一工作区的所有文件共用一个命名空间", "declare the {kind} `{name}` or use a name that is declared; all files of a workspace share one namespace"),
        labels: [primary: ("这里引用了“{name}”", "`{name}` is used here")],
        templates: [
            spaces_around_and_or: ("条件中的“且”“或”两边要留空格，例如“甲 = 乙 且 丙 = 丁”", "put spaces around the words `且` (and) and `或` (or) in a condition"),
            spaces_around_is: ("条件中的“是”“且”“或”两边要留空格，例如“甲 是 乙 且 丙 = 丁”", "put spaces around the words `是` (is), `且` (and) and `或` (or) in a condition"),
        ],
    }
    E0202 "duplicate-definition" Error {
        title: ("名称重复定义", "name defined twice"),
        message: ("{kind}“{name}”重复定义", "{kind} `{name}` is defined twice"),
        help: ("改名或删去其中一个；同一工作区的所有文件共用一个命名空间", "rename or remove one of them; all files of a workspace share one namespace"),
        labels: [primary: ("又定义了一次", "defined again here"), first: ("第一次定义在这里", "first defined here")],
    }
    E0203 "wrong-kind" Error {
        title: ("名称的种类不对", "name of the wrong kind"),
        message: ("“{name}”是{actual}，这里需要{expected}", "`{name}` is a {actual}, but a {expected} is expected here"),
        help: ("这里应当写一个{expected}的名称", "write the name of a {expected} here"),
        labels: [primary: ("这里需要{expected}", "a {expected} is expected here"), definition: ("“{name}”在这里定义为{actual}", "`{name}` is defined as a {actual} here")],
    }
    E0204 "unknown-situation-value" Error {
        title: ("情形没有这个取值", "value not in the situation's domain"),
        message: ("情形“{situation}”没有“{value}”这个取值", "situation `{situation}` has no value `{value}`"),
        help: ("可以使用的取值：{values}", "its values are: {values}"),
        labels: [primary: ("不在取值范围内", "not one of its values"), definition: ("取值在这里列出", "its values are listed here")],
    }
    E0205 "condition-type-mismatch" Error {
        title: ("条件中的比较不成立", "ill-typed comparison"),
        message: ("情形“{situation}”是{domain}，不能{operation}", "situation `{situation}` is {domain} and cannot be {operation}"),
        help: ("{fix}", "{fix}"),
        labels: [primary: ("这个比较", "this comparison"), definition: ("情形在这里定义", "the situation is defined here")],
        templates: [
            compared: ("用“{operator}”比较“{operand}”", "compared with `{operand}` by `{operator}`"),
            alone: ("单独作为条件", "used alone as a condition"),
            fix_enum: ("枚举情形只能用“=”或“≠”与它的取值比较，例如“{situation} = {value}”", "compare an enumerated situation with `=` or `≠` to one of its values, as in `{situation} = {value}`"),
            fix_number: ("数值情形要与数字比较，例如“{situation} < 300”", "compare a numeric situation with a number, as in `{situation} < 300`"),
            fix_bool: ("是否情形可以直接作为条件，例如“当 {situation}”或“当 非 {situation}”", "use a yes/no situation alone, as in `when {situation}` or `when not {situation}`"),
        ],
    }
    E0206 "order-outside-thing" Error {
        title: ("顺序中的事项不属于这件事", "ordered item outside the thing"),
        message: ("顺序中的事项“{item}”没有列在一件事“{thing}”的事项中", "item `{item}` in the order is not among the items of thing `{thing}`"),
        help: ("在“事项：”中加上“{item}”（或写成“选办事项 {item}”），或从顺序中删去它", "add `{item}` to the thing's `items` (or declare `optional-item {item}`), or remove it from the order"),
        labels: [primary: ("这个事项", "this item")],
    }
    E0207 "material-result-same-name" Error {
        title: ("材料和结果同名", "material and result share a name"),
        message: ("{kind}“{name}”与同一事项中的{other}同名", "{kind} `{name}` has the same name as a {other} of the same item"),
        help: ("同一事项中的材料和结果不能同名。办理后发给申请人的新证照，给结果另起名称，例如“{name}（变更后）”，并相应修改“产出”“送达”；如果它是环节产出、供后面的环节使用的材料，删去这个结果，“产出：{name}”就是产出这份材料", "a material and a result of one item cannot share a name. If the result is the new document the applicant receives, rename it, e.g. `{name} (new)`, in its `produces` and `delivers` too; if a step produces it as a material for a later step, remove the result: `produces: {name}` then produces the material"),
        labels: [primary: ("这里声明为{kind}", "declared as a {kind} here"), other: ("这里声明为{other}", "declared as a {other} here")],
    }

    // ------------------------------------------------------------ steps, materials and results
    E0301 "step-cycle" Error {
        title: ("环节之间存在循环", "steps form a cycle"),
        message: ("环节之间存在循环：{cycle}", "steps form a cycle: {cycle}"),
        help: ("环节的先后顺序不能成环：删去或改正其中一个“之后”", "the order of steps must have no cycle: remove or correct one of the `after` entries"),
        labels: [primary: ("“{to}”要等“{from}”完成", "`{to}` waits for `{from}`"), edge: ("“{to}”要等“{from}”完成", "`{to}` waits for `{from}`")],
    }
    E0302 "unreachable-step" Error {
        title: ("环节无法从受理环节到达", "step unreachable from acceptance"),
        message: ("环节“{step}”无法从受理环节到达", "step `{step}` cannot be reached from the acceptance step"),
        help: ("用“之后：…”把它接在受理环节或其后的环节之后；不写“之后”时，环节接在上一个环节之后", "attach it with `after: …` to the acceptance step or a later one; without `after`, a step follows the one written before it"),
        labels: [primary: ("这个环节", "this step"), acceptance: ("受理环节", "the acceptance step")],
    }
    E0303 "step-without-result" Error {
        title: ("环节不通向审批结果", "step leads to no result"),
        message: ("环节“{step}”之后不会产生任何审批结果", "no result follows step `{step}`"),
        help: ("让它的后续环节通向产出或送达结果的环节，或在这个环节写“产出：…”", "make a later step produce or deliver a result, or write `produces: …` in this step"),
        labels: [primary: ("这个环节", "this step")],
    }
    E0304 "no-acceptance-step" Error {
        title: ("事项没有受理环节", "item without an acceptance step"),
        message: ("事项“{item}”没有受理环节", "item `{item}` has no acceptance step"),
        help: ("把第一个环节命名为“受理”，或在其中写“类型：受理”", "name the first step `accept`, or write `type: accept` in it"),
        labels: [primary: ("这个事项", "this item")],
    }
    E0305 "material-not-collected" Error {
        title: ("环节需要的材料没有来源", "material required but never collected"),
        message: ("环节“{step}”需要的“{material}”既没有向申请人收取，也不是之前的环节产出的", "step `{step}` requires `{material}`, which the item never collects and no earlier step produces"),
        help: ("在事项中加上“材料 {material}”，或让前面的某个环节写“产出：{material}”", "add `material {material}` to the item, or let an earlier step produce it"),
        labels: [primary: ("这里需要“{material}”", "`{material}` is required here"), producer: ("“{material}”在这里产出，但这个环节不在“{step}”之前", "`{material}` is produced here, but not before `{step}`")],
    }
    E0306 "result-never-delivered" Error {
        title: ("审批结果没有送达", "result never delivered"),
        message: ("审批结果“{result}”没有任何环节送达", "no step delivers the result `{result}`"),
        help: ("在送达环节中写“送达：{result}”", "write `delivers: {result}` in the delivering step"),
        labels: [primary: ("这个审批结果", "this result")],
    }
    E0307 "several-acceptance-steps" Error {
        title: ("事项有多个受理环节", "several acceptance steps"),
        message: ("事项“{item}”有多个受理环节", "item `{item}` has more than one acceptance step"),
        help: ("一窗受理：每个事项只能有一个受理环节，其余环节改为审查等类型", "one window accepts: an item has exactly one acceptance step; give the others another type"),
        labels: [primary: ("又一个受理环节", "another acceptance step"), first: ("第一个受理环节", "the first acceptance step")],
    }
    E0308 "item-order-cycle" Error {
        title: ("一件事中的事项顺序成环", "items of a thing ordered in a cycle"),
        message: ("一件事“{thing}”的事项顺序存在循环：{cycle}", "the order of the items of thing `{thing}` has a cycle: {cycle}"),
        help: ("删去或改正“顺序”中的一处", "remove or correct one link of the `order`"),
        labels: [primary: ("“{to}”排在“{from}”之后", "`{to}` comes after `{from}`"), edge: ("“{to}”排在“{from}”之后", "`{to}` comes after `{from}`")],
    }

    // ------------------------------------------------------------ time limits and guide content
    E0401 "promise-exceeds-legal-limit" Error {
        title: ("承诺时限超过法定时限", "promised limit exceeds the legal limit"),
        message: ("承诺时限 {promised} 超过了法定时限 {legal}", "the promised limit {promised} exceeds the legal limit {legal}"),
        help: ("承诺时限只能等于或短于法定时限", "the promised limit must not exceed the legal limit"),
        labels: [primary: ("承诺时限", "promised limit"), legal: ("法定时限", "legal limit")],
    }
    E0402 "missing-legal-limit" Error {
        title: ("缺少法定时限", "legal limit missing"),
        message: ("{type}事项“{item}”没有写法定时限", "{type} item `{item}` has no legal limit"),
        help: ("写上“法定时限：N 工作日”，N 取自设定依据（行政许可法第四十二条的一般时限是 20 个工作日）", "add `legal-limit: N working-days` as its legal basis sets it (20 working days by default under the Administrative Licensing Law, art. 42)"),
        labels: [primary: ("这个事项", "this item")],
    }
    E0403 "catch-all-condition" Error {
        title: ("受理条件含兜底条款", "catch-all acceptance condition"),
        message: ("受理条件“{text}”是兜底条款，办事指南中不得使用", "acceptance condition `{text}` is a catch-all clause, which guides must not contain"),
        help: ("写明具体条件；法律、法规另有规定的，列出具体的条款", "state the concrete conditions; where a law adds some, cite the article"),
        labels: [primary: ("兜底条款", "catch-all clause")],
    }

    W0404 "depends-on-holidays" Warning {
        title: ("时限是否超出取决于节假日", "whether a limit holds depends on the holidays"),
        message: ("{subject}可能超过{limit_kind} {limit}，取决于节假日和调休：{conversion}", "{subject} may exceed the {limit_kind} {limit}, depending on holidays and makeup days: {conversion}"),
        help: ("两边用同一种单位书写（都写工作日或都写自然日），或留出余量，使任何日历下都不超过", "write both sides in the same unit (working days or calendar days), or leave a margin so that no calendar exceeds it"),
        labels: [primary: ("这里", "here"), limit: ("{limit_kind}", "{limit_kind}")],
        templates: [
            critical_path: ("{when}关键路径（{path}）", "the critical path ({path}){when}"),
            service_limit_kind: ("规则中的中介服务时限", "intermediary service's time in the rules"),
            service_duration: ("中介服务“{service}”的时限 {duration}", "intermediary service `{service}`, {duration}"),
            catalog_promise: ("实施清单的承诺时限 {limit}", "the catalog's promised limit {limit}"),
            promised_limit: ("承诺时限 {limit}", "the promised limit {limit}"),
            supply_deadline: ("材料“{material}”的补交时限 {deadline}", "the supply deadline {deadline} of material `{material}`"),
            critical_path_of_thing: ("{when}一件事“{thing}”的关键路径 {days} 个工作日（{path}）", "the critical path of thing `{thing}`, {days} working days ({path}){when}"),
        ],
    }

    // ------------------------------------------------------------ materials
    W0501 "material-without-basis" Warning {
        title: ("材料没有写依据", "material without legal basis"),
        message: ("材料“{material}”没有写依据", "material `{material}` has no legal basis"),
        help: ("在材料中写“依据：《…》第…条”；每一项材料都要有设定依据", "add `basis: \"…\"` to the material; every material needs its legal basis"),
        labels: [primary: ("这项材料", "this material")],
    }
    W0502 "material-without-source" Warning {
        title: ("材料没有写来源渠道", "material without source"),
        message: ("材料“{material}”没有写来源渠道", "material `{material}` has no source"),
        help: ("写上“来源：…”，可选：申请人自备、政府部门核发、中介机构、共享获取", "add `source: …`, one of: applicant, government, intermediary, shared"),
        labels: [primary: ("这项材料", "this material")],
    }

    // ------------------------------------------------------------ situations
    E0601 "condition-never-holds" Error {
        title: ("条件永远不成立", "condition never holds"),
        message: ("{what}“{name}”的条件在任何情形下都不成立", "the condition of {what} `{name}` holds in no situation"),
        help: ("检查条件中的取值和比较：按现在的写法，这项{what}永远不会适用", "check the values and comparisons: as written, this {what} never applies"),
        labels: [primary: ("这个条件永远不成立", "this condition never holds")],
    }
    E0602 "no-decision-in-situation" Error {
        title: ("某种情形下没有决定环节", "no decision step in some situation"),
        message: ("事项“{item}”{when}没有适用的决定环节", "item `{item}` has no decision step that applies{when}"),
        help: ("每种情形都要恰好有一个决定环节适用：事项没有决定环节时，把作出决定的环节命名为“决定”或写上“类型：决定”；某种情形没有决定环节时，为它补上办理程序，或放宽某个决定环节的“当”条件", "exactly one decision step must apply in every situation: without any, name the deciding step `decide` or write `type: decide`; for a gap, add a procedure for that situation or widen a decision step's condition"),
        labels: [primary: ("这个事项", "this item")],
    }
    E0603 "no-result-in-situation" Error {
        title: ("某种情形下没有审批结果", "no result in some situation"),
        message: ("事项“{item}”{when}不产出、也不送达任何审批结果", "item `{item}` neither produces nor delivers a result{when}"),
        help: ("让这种情形下适用的某个环节产出或送达审批结果", "let a step that applies in this situation produce or deliver a result"),
        labels: [primary: ("这个事项", "this item")],
    }
    E0604 "waits-on-excluded-step" Error {
        title: ("环节要等一个不适用的环节", "step waits for a step that does not apply"),
        message: ("在“{situation}”时，环节“{step}”要等的{waits_for}这时{all}不适用", "when {situation}, step `{step}` waits for {waits_for}, but {all}"),
        help: ("让两个环节的“当”条件一致，或改写“之后”；不写“之后”时，环节接在上一个环节之后", "make the two steps' conditions agree, or change `after`; without `after`, a step follows the one written before it"),
        labels: [primary: ("“{step}”要等的环节", "what `{step}` waits for"), excluded: ("“{name}”的条件", "the condition of `{name}`")],
        templates: [all_many: ("都", "none of them applies"), all_one: ("", "it does not apply")],
    }
    E0605 "requires-excluded-material" Error {
        title: ("环节需要的材料在这种情形下不收取", "step requires a material not collected in that situation"),
        message: ("在“{situation}”时，环节“{step}”需要“{material}”，但这时不收取这项材料", "when {situation}, step `{step}` requires `{material}`, which is not collected then"),
        help: ("把“{material}”从这个环节的“需要”中移出，放到另写的一个环节中，例如“环节 核验{material}”，写上“需要：{material}”和材料的“当”条件；或让材料的“当”条件覆盖这个环节适用的所有情形。不要给整个环节加上材料的条件：那样其他情形会跳过这个环节的全部审查", "move `{material}` out of this step's `requires` into a step of its own that requires it under the material's condition, or widen the material's condition to every situation the step applies in. Do not give the whole step the material's condition: the other situations would skip all of its review"),
        labels: [primary: ("这里需要“{material}”", "`{material}` is required here"), condition: ("材料的条件", "the material's condition")],
    }
    E0606 "overlapping-procedures" Error {
        title: ("两个办理程序同时适用", "two procedures apply at once"),
        message: ("在“{situation}”时，决定环节“{first}”和“{second}”同时适用", "when {situation}, decision steps `{first}` and `{second}` both apply"),
        help: ("可选的办理程序（如告知承诺与一般程序）在每种情形下只能有一个适用：让它们的“当”条件互斥", "alternative procedures must not overlap: make their conditions exclusive"),
        labels: [primary: ("又一个决定环节", "another decision step"), first: ("第一个决定环节", "the first decision step")],
    }
    E0608 "requires-unproduced-material" Error {
        title: ("环节需要的材料在这种情形下没有产出", "step requires a material not produced in that situation"),
        message: ("在“{situation}”时，环节“{step}”需要“{material}”，但这时产出它的环节{producers}不适用{collected}", "when {situation}, step `{step}` requires `{material}`, but {producers}, which produce it, do not apply then{collected}"),
        help: ("让产出“{material}”的环节在需要它的每种情形下都适用；或把“{material}”从这个环节的“需要”中移出，放到与产出环节条件相同的环节中；这些情形下也可以向申请人收取这项材料", "let a step that produces `{material}` apply in every situation that needs it; or move `{material}` out of this step's `requires` into a step with the producer's condition; or collect it from the applicant in those situations"),
        labels: [primary: ("这里需要“{material}”", "`{material}` is required here"), producer: ("“{name}”只在这个条件下适用", "`{name}` applies only under this condition")],
        templates: [not_collected: ("，也不收取这项材料", ", and the item does not collect it then")],
    }
    W0607 "too-many-situations" Warning {
        title: ("情形的搜索超出上限", "situation search beyond its bound"),
        message: ("{what}“{name}”的情形太复杂：一个问题搜索了 {limit} 步仍没有结论，这个问题没有检查完", "the situations of {what} `{name}` are too intricate: a question was not settled within {limit} search steps and was not checked completely"),
        help: ("把条件写得简单些：去掉恒成立的部分（如“甲 或 非 甲”），把互不相关的业务办理项拆成不同的事项", "simplify the conditions: drop parts that always hold (such as `a or not a`), and split unrelated kinds of application into separate items"),
        labels: [primary: ("这里", "here")],
    }

    // ------------------------------------------------------------ time
    E0701 "critical-path-exceeds-limit" Error {
        title: ("关键路径超过承诺时限", "critical path exceeds the time limit"),
        message: ("{when}关键路径需要 {days}（{path}），超过了{limit_kind} {limit}", "the critical path takes {days} ({path}){when}, more than the {limit_kind} {limit}"),
        help: ("缩短路径上环节的时限，或用“之后”让环节并行；特别程序（现场核查、专家评审等）和写了“计入时限：否”的环节不计入时限", "shorten the steps on the path or run steps in parallel with `after`; `special` steps and steps with `counts: no` do not count"),
        labels: [primary: ("{limit_kind}", "{limit_kind}")],
    }

    // ------------------------------------------------------------ data sharing
    E0801 "shared-material-demanded" Error {
        title: ("可以共享获取的材料仍要求申请人提交", "material obtainable by sharing still demanded"),
        message: ("材料“{material}”可以从{sources}共享获取，不得再要求申请人提交", "material `{material}` can be obtained from {sources} and must not be demanded from the applicant"),
        help: ("在事项的这项材料中写“来源：共享获取”（国务院令第716号：能够通过信息共享获取的，不得要求申请人重复提交）", "write `source: shared` in this material (State Council Decree 716: what sharing provides may not be demanded again)"),
        labels: [primary: ("要求申请人提交", "demanded from the applicant"), source: ("提供这项材料的数据源", "the data source that provides it")],
    }
    W0802 "shared-without-source" Warning {
        title: ("写明共享获取但没有数据源提供", "shared material without a data source"),
        message: ("材料“{material}”写明共享获取，但没有可信等级为 A 或 B 的数据源提供它", "material `{material}` is marked as shared, but no data source of trust A or B provides it"),
        help: ("在数据源的“提供”中加上这项材料，或改写它的来源；可信等级 C、D 的数据源仍需申请人提供原件核验", "add it to a data source's `provides`, or change its source; sources of trust C or D still need the applicant's original"),
        labels: [primary: ("这项材料", "this material")],
    }

    // ------------------------------------------------------------ 容缺受理
    E0901 "deferral-without-deadline" Error {
        title: ("容缺材料没有补交时限", "deferrable material without a deadline"),
        message: ("容缺材料“{material}”没有写补交时限", "deferrable material `{material}` has no supply deadline"),
        help: ("写上“补交时限：N 工作日”，不得超过事项的承诺时限", "add `supply-deadline: N working-days`, no longer than the item's promised limit"),
        labels: [primary: ("这项容缺材料", "this deferrable material")],
    }
    E0902 "deferral-deadline-too-long" Error {
        title: ("补交时限超过承诺时限", "supply deadline beyond the promised limit"),
        message: ("容缺材料“{material}”的补交时限（{deadline}）超过了事项的{limit_kind}（{limit}）", "the supply deadline ({deadline}) of `{material}` exceeds the item's {limit_kind} ({limit})"),
        help: ("补交时限不得超过事项的承诺时限（没有承诺时限时为法定时限）：缩短补交时限", "a supply deadline may not exceed the item's promised limit (or legal limit without one): shorten it"),
        labels: [primary: ("这项容缺材料", "this deferrable material"), limit: ("{limit_kind}", "{limit_kind}")],
    }
    E0903 "deferral-without-promise" Error {
        title: ("容缺受理没有收取承诺书", "deferral without a written promise"),
        message: ("事项“{item}”允许容缺受理，但没有收取申请人的承诺书", "item `{item}` accepts with missing materials but collects no written promise"),
        help: ("容缺受理时申请人要签署承诺书，承诺在期限内补交：在事项中加上“材料 容缺受理承诺书 { … }”", "the applicant signs a promise to supply the missing material in time: add a required material whose name contains `承诺书` (written promise)"),
        labels: [primary: ("这个事项", "this item"), deferrable: ("容缺材料“{material}”", "deferrable material `{material}`")],
        templates: [uncovered: ("在“{situation}”时可以容缺，却没有适用的承诺书", "when {situation}, a material may be missing but no promise applies")],
    }
    E0904 "key-material-deferred" Error {
        title: ("受理环节需要的关键材料被标为容缺", "key material marked deferrable"),
        message: ("{step}需要“{material}”，它是关键材料，不能容缺", "{step} requires `{material}`, a key material that may not be missing"),
        help: ("容缺只适用于次要材料：把这项材料的必要性改为“必要”，或不让受理环节需要它", "only secondary materials may be missing: make it `required`, or do not require it at acceptance"),
        labels: [primary: ("受理时需要", "required at acceptance"), material: ("标为容缺", "marked deferrable")],
        templates: [step: ("受理环节", "the acceptance step"), named_step: ("受理环节“{name}”", "acceptance step `{name}`")],
    }

    W0905 "deadline-without-deferral" Warning {
        title: ("不是容缺材料却写了补交时限", "supply deadline on a material that is not deferrable"),
        message: ("材料“{material}”写了补交时限，但必要性不是“容缺”", "material `{material}` has a supply deadline but is not deferrable"),
        help: ("如果这项材料可以容缺受理，写上“必要性：容缺”；否则删去补交时限", "write `necessity: deferrable` if it may be supplied later; otherwise remove the deadline"),
        labels: [primary: ("这项材料", "this material")],
    }

    // ------------------------------------------------------------ visits and online depth
    E1001 "visits-claim-contradicted" Error {
        title: ("到现场次数的承诺与规则不符", "claimed visits contradicted"),
        message: ("到现场次数写的是 {claimed} 次，但{when}至少要到现场 {needed} 次：{reasons}", "the item claims {claimed} visit(s), but{when} the applicant must come {needed} time(s): {reasons}"),
        help: ("让材料可以电子提交或共享获取、让结果可以邮寄或网上送达，或者如实写明到现场次数", "let materials be submitted electronically or obtained by sharing and results be mailed or sent online, or state the real number of visits"),
        labels: [primary: ("承诺的次数", "the claimed number"), slow: ("这种情形下不能当场办结", "not finished on the spot in this situation")],
    }
    E1002 "online-depth-claim-contradicted" Error {
        title: ("网办深度的承诺与规则不符", "claimed online depth contradicted"),
        message: ("网办深度写的是 {claimed} 级，但{when}最多只能达到 {possible} 级：{reasons}", "the item claims online depth {claimed}, but{when} at most {possible} is possible: {reasons}"),
        help: ("网办深度：4 级全程网办（不用到现场），3 级网上受理（最多到现场一次），2 级网上预审（仍要递交纸质材料）", "online depth: 4 fully online (no visit), 3 online acceptance (at most one visit), 2 online pre-review (paper still handed in)"),
        labels: [primary: ("承诺的网办深度", "the claimed online depth"), slow: ("这种情形下不能当场办结", "not finished on the spot in this situation")],
    }

    // ------------------------------------------------------------ bundles and joint review
    W1101 "bundle-material-conflict" Warning {
        title: ("一件事中同一材料的要求不一致", "items of a thing disagree on a material"),
        message: ("一件事“{thing}”中，“{original_item}”要“{material}”的原件，“{copy_item}”要复印件", "in thing `{thing}`, `{original_item}` asks for the original of `{material}` and `{copy_item}` for a copy"),
        help: ("一套材料只收一次：合并后按更严格的要求收取原件；请统一各事项的要求", "one material set asks once: the merged set asks for the original; make the items agree"),
        labels: [primary: ("这件事", "this thing"), original: ("要原件", "asks for the original"), copy: ("要复印件", "asks for a copy")],
    }
    E1102 "bundle-exceeds-promise" Error {
        title: ("一件事的关键路径超过承诺时限", "bundle critical path exceeds its promise"),
        message: ("一件事“{thing}”{when}的关键路径需要 {days} 个工作日（{path}），超过了承诺时限 {limit}", "thing `{thing}` takes {days} working days along its critical path ({path}){when}, more than its promise {limit}"),
        help: ("让没有先后关系的事项并联办理（只在“顺序”中写必须的先后），或缩短事项的时限", "run items that do not depend on each other in parallel (order only what must be ordered), or shorten the items"),
        labels: [primary: ("承诺时限", "promised limit")],
    }
    E1103 "bundle-visits-claim-contradicted" Error {
        title: ("一件事的到现场次数承诺与规则不符", "bundle visits claim contradicted"),
        message: ("一件事“{thing}”写的到现场次数是 {claimed}，但{when}合并办理至少要到现场 {needed} 次：{reasons}", "thing `{thing}` claims {claimed} visit(s), but{when} the merged items need {needed}: {reasons}"),
        help: ("让材料可以电子提交或共享获取、让结果可以邮寄或网上送达，或者如实写明到现场次数", "let materials be submitted electronically or shared and results be mailed or sent online, or state the real number"),
        labels: [primary: ("承诺的次数", "the claimed number")],
    }
    E1104 "department-missing-from-joint-review" Error {
        title: ("事项的部门没有参加联合审查", "department missing from the joint review"),
        message: ("事项“{item}”的实施部门“{department}”没有参加一件事“{thing}”的任何会签", "the department `{department}` of item `{item}` takes part in no joint review of thing `{thing}`"),
        help: ("一体审批：把这个部门加入会签的“部门”，或加入所用审查组的成员", "integrated approval: add the department to a joint review or to its review group"),
        labels: [primary: ("这个事项", "this item")],
    }
    E1105 "department-outside-review-group" Error {
        title: ("会签的部门不在审查组中", "joint review department outside its group"),
        message: ("会签“{review}”中的部门“{department}”不是审查组“{group}”的成员", "department `{department}` of joint review `{review}` is not a member of review group `{group}`"),
        help: ("把这个部门加入审查组的“可选成员”，或从会签中删去它", "add the department to the group's optional members, or remove it from the joint review"),
        labels: [primary: ("不在审查组中", "not in the group"), group: ("审查组", "the review group")],
    }
    E1106 "item-both-required-and-optional" Error {
        title: ("事项既是必办又是选办", "item both required and optional"),
        message: ("事项“{item}”已经列在一件事“{thing}”的“事项”中，又写成了选办事项", "item `{item}` is listed among the items of thing `{thing}` and declared optional too"),
        help: ("所有申请人都要办的，只留在“事项：”中；只有部分申请人要办的，从“事项：”中删去，只写“选办事项 {item}”", "keep an item every applicant needs in `items` only; for one only some need, remove it from `items` and keep `optional-item {item}`"),
        labels: [primary: ("又写成选办事项", "declared optional here"), first: ("列为必办事项", "listed as required here")],
    }
    E1107 "joint-review-replaces-unknown-step" Error {
        title: ("会签替代的环节不存在或不能替代", "a joint review replaces a step it cannot"),
        message: ("会签“{review}”{detail}", "joint review `{review}` {detail}"),
        help: ("“替代 事项名 { 环节：环节名 }”写这件事的事项和它的审查、决定或其他环节，名称照事项中的写法；每个环节只由一个会签替代", "write `replaces item { steps: step }` with an item of this thing and its review, decision or other steps, spelled as in the item; each step is replaced by one review only"),
        labels: [primary: ("这里", "here")],
        templates: [
            not_member: ("替代的事项“{item}”不是一件事“{thing}”的事项", "replaces steps of `{item}`, which is not an item of thing `{thing}`"),
            no_step: ("替代的环节“{step}”不是事项“{item}”的环节", "replaces `{step}`, which is not a step of item `{item}`"),
            merged: ("替代的“{step}”是事项“{item}”的{type}环节：一件事的受理、送达环节已合并为一个，不由会签替代", "replaces `{step}`, the {type} step of `{item}`: a thing merges acceptance and delivery into one, which no review replaces"),
            twice: ("替代的环节“{step}”（事项“{item}”）已经由会签“{other}”替代", "replaces step `{step}` of `{item}`, which joint review `{other}` already replaces"),
        ],
    }
    E1108 "joint-review-replaces-what-it-waits-for" Error {
        title: ("会签替代了它要等待的事项的环节", "a joint review replaces steps of an item it waits for"),
        message: ("会签“{review}”替代了事项“{item}”的环节，{detail}：被替代的环节要等会签，会签又要等它们，办不下去；合并计算不作这项替代", "joint review `{review}` replaces steps of item `{item}`, {detail}: the replaced steps wait for the review, which waits for them; the bundle is figured without this replacement"),
        help: ("从会签的“之后”和一件事的“顺序”中去掉使会签等待“{item}”的先后，或不替代“{item}”的环节：会签会自动等待被替代环节之前的环节", "remove what makes the review wait for `{item}` from its `after` and the thing's `order`, or do not replace steps of `{item}`: the review waits by itself for the steps before the ones it replaces"),
        labels: [primary: ("替代这个事项的环节", "replaces steps of this item"), after: ("这个会签", "this review")],
        templates: [
            waits: ("却要在“{item}”办完之后才进行（“之后”中有它，或“顺序”中它排在会签所等的事项之前）", "yet comes after `{item}` (it is in the review's `after`, or ordered before an item the review comes after)"),
            ordered: ("而“{item}”在“顺序”中排在这个会签也替代了环节的事项之后，会签又要等“{item}”中被替代环节之前的环节", "yet `{item}` is ordered after an item whose steps the review also replaces, and the review waits for the steps of `{item}` before the replaced ones"),
        ],
    }

    // ------------------------------------------------------------ city-wide handling
    E1201 "no-route-to-handling-level" Error {
        title: ("通办范围中的层级无法流转到办理层级", "no circulation from an accepting level"),
        message: ("事项“{item}”写了在{level}通办，但{why}", "item `{item}` may be accepted at {level}, but {why}"),
        help: ("声明“通办层级 {level}”并写明“流转至”和“流转时限”，让{level}受理的申请能流转到{handled}；或把{level}从通办范围中删去", "declare `acceptance-level {level}` with `forwards-to` and `circulation` so its applications reach {handled}, or remove {level} from the city-wide scope"),
        labels: [primary: ("从这一级受理", "accepted at this level")],
        templates: [
            no_handling_level: ("事项没有写“行使层级”，实施部门也没有写“层级”，不知道由哪一级办理", "the item states no `levels` and its department no `level`, so no level is known to handle it"),
            no_acceptance_level: ("没有“通办层级 {at}”说明{at}的窗口把申请流转到哪一级", "no `acceptance-level {at}` says where the {at} centres pass applications to"),
            chain_ends: ("流转到{at}为止，没有再往上流转到办理这个事项的层级", "circulation stops at {at} before reaching a level that handles the item"),
        ],
    }
    E1202 "circulation-not-upward" Error {
        title: ("流转方向不对", "circulation does not go upward"),
        message: ("通办层级“{level}”流转至“{to}”，但{to}不是比{level}更高的层级", "acceptance level `{level}` forwards to `{to}`, which is not a higher level"),
        help: ("“流转至”写上一级，例如乡镇流转至县、县流转至市；下级受理上级事项、上级受理下级事项都沿这条链计算", "forward to the next level up, as township to county and county to city; routes in both directions follow this chain"),
        labels: [primary: ("不是更高的层级", "not a higher level")],
    }
    W1203 "on-the-spot-lost-in-circulation" Warning {
        title: ("即办件在异地受理时不再当场办结", "item no longer finished on the spot when accepted elsewhere"),
        message: ("即办件“{item}”在{level}受理时由{handled}办理，申请人要等 {total}：{chain}", "item `{item}` is finished on the spot, but accepted at {level} it is handled at {handled} and the applicant waits {total}: {chain}"),
        help: ("授权{level}的窗口直接办理（把{level}加入行使层级），让结果可以网上送达，或在办事指南中如实告知异地受理的办理时间", "empower the {level} window to decide (add {level} to the item's levels), let the result be sent online, or tell applicants the real time when accepted elsewhere"),
        labels: [primary: ("在这一级受理", "accepted at this level")],
    }

    // ------------------------------------------------------------ catalogs (实施清单)
    E1401 "catalog-syntax-error" Error {
        title: ("实施清单不是合法的 YAML 或 JSON", "catalog is not valid YAML or JSON"),
        message: ("实施清单读不下去：{detail}", "the catalog cannot be read: {detail}"),
        help: ("{fix}", "{fix}"),
        labels: [primary: ("这里", "here")],
        templates: [
            json_eof: ("JSON 没有写完就结束了", "the JSON ends before its value is complete"),
            json_eof_fix: ("补上没有闭合的 } 或 ]，或结尾的双引号", "close the open `}` or `]`, or the string's quote"),
            json_unclosed: ("这个 { 或 [ 到文件结尾也没有闭合", "this `{` or `[` is still open at the end of the file"),
            json_unclosed_fix: ("在它的内容后面补上对应的 } 或 ]（也检查中间有没有少写的双引号）", "close it with the matching `}` or `]` (and look for a missing quote inside)"),
            json_trailing_comma: ("最后一项后面多了逗号", "a comma after the last element"),
            json_trailing_comma_fix: ("删去 } 或 ] 前面的逗号：JSON 不允许结尾逗号", "remove the comma before `}` or `]`"),
            json_unterminated_string: ("字符串缺少结尾的双引号", "a string without its closing quote"),
            json_unterminated_string_fix: ("在字符串结尾补上双引号 \"", "add the closing `\"`"),
            json_control_in_string: ("字符串中有换行或制表符等控制字符", "a line break or other control character inside a string"),
            json_control_in_string_fix: ("字符串中的换行写成 \\n，制表符写成 \\t", "write a line break as `\\n` and a tab as `\\t`"),
            json_bad_escape: ("字符串中有不合法的转义（\\ 后面的字符）", "an invalid escape in a string"),
            json_bad_escape_fix: ("字符串中的反斜杠写成 \\\\，引号写成 \\\"", "write a backslash as `\\\\` and a quote as `\\\"`"),
            json_expected_colon: ("键后面缺少冒号", "a key without its colon"),
            json_expected_colon_fix: ("在键和值之间写冒号，如 \"name\": \"…\"", "put `:` between key and value"),
            json_expected_comma: ("两项之间缺少逗号，或括号没有闭合", "a missing comma or closing bracket"),
            json_expected_comma_fix: ("在两项之间写逗号，并检查每个 { [ 都有对应的 } ]", "separate elements with `,` and close every `{` and `[`"),
            json_expected_key: ("键要写成双引号中的字符串", "a key that is not a string in double quotes"),
            json_expected_key_fix: ("键写在双引号中，如 \"name\"；最后一项后面不要写逗号", "write keys in double quotes, like `\"name\"`"),
            json_expected_value: ("这里应当是一个值", "a value was expected here"),
            json_expected_value_fix: ("文字写在双引号中（不能用单引号），是非值写 true 或 false", "write texts in double quotes (not single quotes), yes/no as true or false"),
            json_bad_number: ("数字的写法不合 JSON", "a number JSON does not allow"),
            json_bad_number_fix: ("数字写成 0、5、12 这样的十进制数", "write numbers like 0, 5 or 12"),
            json_trailing_text: ("JSON 的值后面还有别的文字", "more text after the JSON value"),
            json_trailing_text_fix: ("一个文件只写一个对象；有几个地区时写成数组 [ {…}, {…} ]", "write one object per file, or an array `[ {…}, {…} ]` for several regions"),
            json_too_deep: ("对象或数组嵌套太深", "objects or arrays nested too deep"),
            json_too_deep_fix: ("实施清单的对象最多嵌套四层", "a catalog nests objects four levels deep at most"),
            duplicate_key: ("键“{key}”在同一层写了两次", "key `{key}` is given twice in the same mapping"),
            reader: ("{message}", "{message}"),
            json_duplicate_fix: ("删去其中一个：同一个键的英文名和中文名也只能写一个", "remove one of them; a key's English and Chinese names count as the same key"),
            value_fix: ("按实施清单格式改写这个值", "write this value as the catalog format says"),
            yaml_fix: ("检查这一行附近的缩进、冒号和引号：值中有“: ”或以 [ { # 开头时，给整个值加双引号；同一层的键不能重复", "check indentation, colons and quotes near this line; a key may appear once per mapping"),
        ],
    }
    E1402 "catalog-unknown-key" Error {
        title: ("实施清单中不认识的键", "unknown key in a catalog"),
        message: ("这一层没有“{key}”这个键", "there is no key `{key}` here"),
        help: ("这一层可以写：{allowed}", "keys allowed here: {allowed}"),
        labels: [primary: ("不认识的键", "unknown key")],
    }
    E1403 "catalog-invalid-value" Error {
        title: ("实施清单中的值不符合要求", "invalid value in a catalog"),
        message: ("值不符合要求：{detail}", "invalid value: {detail}"),
        help: ("按实施清单格式填写（见《实施清单格式》一章），或用编辑器加载 JSON Schema 检查", "follow the catalog format (see the book), or let your editor check it with the JSON Schema"),
        labels: [primary: ("这个值", "this value")],
        templates: [
            expects: ("“{key}”应当是{expected}，这里是“{found}”", "`{key}` expects {expected}, found `{found}`"),
            one_of: ("以下之一：{words}", "one of: {words}"),
            region_code: ("由 6 位数字组成的行政区划代码", "a 6-digit region code"),
            service_duration: ("时限，例如“10 工作日”", "a duration such as `10 working-days`"),
            promise_duration: ("时限，例如“5 工作日”“20 自然日”“当场”", "a duration such as `5 working-days` or `on-the-spot`"),
            one_copy_kind: ("一种交法（比对原件留存复印件、原件或复印件、验原件、收取原件、复印件）", "one way of handing over (copy-checked, original-or-copy, original-shown, original-kept, copy)"),
            form: ("纸质或电子", "paper or electronic"),
            json_type: ("这里应当写{expected}，写的是{found}", "invalid type: {found}, expected {expected}"),
            json_value: ("这里应当写{expected}，写的是{found}", "invalid value: {found}, expected {expected}"),
            json_length: ("这里有 {len} 项，应当是{expected}", "invalid length {len}, expected {expected}"),
            json_variant: ("“{variant}”不是可以写的值（可以写：{allowed}）", "unknown variant `{variant}`, expected one of {allowed}"),
            json_too_many: ("项数太多", "too many elements"),
            reader: ("{message}", "{message}"),
            not_boolean: ("是非值只能写 true 或 false，不能写“是”“否”“yes”“no”", "a yes/no value is written true or false, not yes or no"),
        ],
    }
    E1404 "catalog-missing-key" Error {
        title: ("实施清单缺少必填的键", "missing key in a catalog"),
        message: ("缺少必填的“{key}”", "required key `{key}` is missing"),
        help: ("在这一层补上“{key}”", "add `{key}` at this level"),
        labels: [primary: ("这一层缺少它", "missing in this mapping")],
    }
    E1405 "empty-catalog" Error {
        title: ("实施清单是空的", "empty catalog"),
        message: ("实施清单“{path}”没有任何事项", "catalog `{path}` lists no entries"),
        help: ("空清单不能算通过：写上本地区实施的事项，或从检查的路径中去掉这个文件", "an empty catalog never passes: list the region's entries, or leave the file out"),
        labels: [primary: ("这里没有事项", "no entries here")],
    }
    E1406 "catalog-unknown-item" Error {
        title: ("实施清单中的事项在规则中找不到", "catalog entry for an unknown item"),
        message: ("规则中没有基本编码为“{code}”或名称为“{name}”的事项", "the rules have no item with basic code `{code}` or name `{name}`"),
        help: ("实施清单只能实施规则中的标准事项：核对基本编码和事项名称", "a catalog implements the standard's items: check the basic code and the name"),
        labels: [primary: ("找不到的事项", "unknown item")],
    }
    E1407 "catalog-differs-from-standard" Error {
        title: ("实施清单与标准不一致（四级四同）", "catalog entry differs from the standard"),
        message: ("“{item}”的{field}写的是“{local}”，标准是“{standard}”", "the {field} of `{item}` is `{local}`, the standard says `{standard}`"),
        help: ("四级四同：事项名称、基本编码、事项类型、设定依据在国家、省、市、县四级相同；照规则改正", "the name, basic code, type and legal basis are the same at every level: copy them from the rules"),
        labels: [primary: ("与标准不同", "differs from the standard"), standard: ("标准在这里", "the standard")],
    }
    E1408 "malformed-implementation-code" Error {
        title: ("实施编码格式不对", "malformed implementation code"),
        message: ("实施编码“{code}”{problem}", "implementation code `{code}` {problem}"),
        help: ("实施编码 = 行政区划代码（6 位）+ 基本编码（12 位）+ 业务办理项编码（0 到 4 位数字）", "an implementation code is the region code (6) + the basic code (12) + a business code of 0 to 4 digits"),
        labels: [primary: ("这个编码", "this code")],
        templates: [
            characters: ("只能由数字和大写字母组成", "may hold only digits and capital letters"),
            region: ("应当以本地区的行政区划代码“{region}”开头", "must start with the region code `{region}`"),
            basic: ("行政区划代码之后应当是基本编码“{basic}”", "must continue with the basic code `{basic}` after the region code"),
            business: ("基本编码之后的业务办理项编码“{tail}”应当是 0 到 4 位数字", "the business code `{tail}` after the basic code must be 0 to 4 digits"),
        ],
    }
    E1409 "duplicate-implementation-code" Error {
        title: ("实施编码重复", "duplicate implementation code"),
        message: ("实施编码“{code}”在一起检查的清单中出现了不止一次", "implementation code `{code}` appears more than once in the catalogs checked together"),
        help: ("每个实施编码全省唯一：改正其中一处的行政区划代码或业务办理项编码", "each implementation code is unique: fix the region or business code of one of them"),
        labels: [primary: ("又出现了一次", "again here"), first: ("第一次在这里", "first here")],
    }
    E1410 "local-promise-exceeds-limit" Error {
        title: ("本地承诺时限超过标准", "local promise exceeds the standard"),
        message: ("“{item}”的本地承诺时限 {local} 超过了{kind} {limit}", "the local promise {local} for `{item}` exceeds the {kind} {limit}"),
        help: ("本地承诺时限不能超过标准的时限（可以相等或更短）", "a local promise may equal the standard's limit or be shorter, never longer"),
        labels: [primary: ("本地承诺", "local promise"), limit: ("标准的时限", "the standard's limit")],
    }
    E1411 "catalog-material-missing" Error {
        title: ("实施清单缺少标准要求的材料", "catalog misses a required material"),
        message: ("“{item}”的申请材料中没有“{material}”{when}", "the materials of `{item}` lack `{material}`{when}"),
        help: ("把这项材料加入申请材料；标准通过共享获取的材料不用列出", "add the material; materials the standard obtains by sharing need not be listed"),
        labels: [primary: ("这个事项", "this entry"), standard: ("标准要求这项材料", "required by the standard")],
        templates: [
            when: ("（{condition}时）", " (when {condition})"),
        ],
    }
    E1412 "catalog-material-added" Error {
        title: ("实施清单擅自增加了材料", "catalog adds a material"),
        message: ("“{material}”不是标准中“{item}”的材料", "`{material}` is not a material of `{item}` in the standard"),
        help: ("不得擅自增加材料：删去它，或先在规则中增加并写明依据", "no material may be added locally: remove it, or add it to the rules with its legal basis first"),
        labels: [primary: ("标准中没有", "not in the standard")],
    }
    E1413 "catalog-material-stricter" Error {
        title: ("实施清单对材料的要求比标准严", "catalog asks more of a material than the standard"),
        message: ("“{material}”{detail}", "`{material}` {detail}"),
        help: ("原件或复印件、份数、纸质或电子，本地只能与标准相同或更宽", "original or copy, number of copies and form may only match the standard or be more lenient"),
        labels: [primary: ("比标准严", "stricter than the standard"), standard: ("标准的要求", "the standard")],
        templates: [
            copy: ("要“{local}”，规则只要“{standard}”", "asks for `{local}` where the rules ask for `{standard}`"),
            copies: ("要 {local} 份，规则只要 {standard} 份", "asks for {local} copies where the rules ask for {standard}"),
            paper_only: ("只收纸质，规则允许电子材料", "accepts only paper where the rules accept electronic"),
        ],
    }
    E1414 "catalog-shared-material-demanded" Error {
        title: ("实施清单要求提交可共享获取的材料", "catalog demands a shared material"),
        message: ("“{material}”在标准中通过数据共享获取，清单不能再要求申请人提交", "`{material}` is obtained by data sharing in the standard; the catalog may not demand it"),
        help: ("国务院令第716号：能够通过共享获取的材料不得要求重复提交；从申请材料中删去它", "State Council Decree 716: what data sharing supplies may not be demanded again; remove it"),
        labels: [primary: ("不能要求提交", "may not be demanded"), standard: ("标准中共享获取", "shared in the standard")],
    }
    E1415 "catalog-body-mismatch" Error {
        title: ("实施主体不存在或层级不对", "implementing body unknown or at the wrong level"),
        message: ("{detail}", "{detail}"),
        help: ("在文件的 bodies（实施主体）中列出实施主体，写明它对应的规则部门和层级", "list the body under the file's bodies with its department in the rules and its level"),
        labels: [primary: ("这个实施主体", "this body")],
        templates: [
            no_department: ("规则中没有部门“{department}”", "the rules have no department `{department}`"),
            not_listed: ("实施主体“{body}”没有列在本文件的 bodies（实施主体）中", "`{body}` is not listed under this file's bodies"),
            other_department: ("实施主体“{body}”对应部门“{department}”，但规则中“{item}”的实施部门是“{expected}”", "`{body}` stands for department `{department}`, but `{item}` is implemented by `{expected}`"),
            wrong_level: ("实施主体在{level}一级，但“{item}”只能由{levels}实施（行使层级）", "the body is at {level} level, but `{item}` is exercised only at {levels}"),
        ],
    }
    E1416 "catalog-unknown-zone" Error {
        title: ("实施清单中的功能区不存在", "unknown zone in a catalog"),
        message: ("规则中没有功能区“{zone}”", "the rules have no zone `{zone}`"),
        help: ("功能区取自规则中的“功能区”声明", "zones come from the rules' zone declarations"),
        labels: [primary: ("找不到的功能区", "unknown zone")],
    }
    E1417 "catalog-city-wide-inconsistent" Error {
        title: ("通办范围与受理层级不一致", "city-wide scope inconsistent with the acceptance levels"),
        message: ("通办范围中的{level}：{detail}", "city-wide scope {level}: {detail}"),
        help: ("通办范围只能是规则允许、并且能沿“通办层级”流转到办理层级的层级", "the scope may list only levels the rules allow and from which circulation reaches a handling level"),
        labels: [primary: ("这个层级", "this level")],
        templates: [
            not_in_scope: ("规则中“{item}”的通办范围是{levels}，不含{level}", "the rules let `{item}` be accepted only at {levels}"),
            no_route: ("没有“通办层级”能把{level}受理的申请流转到办理“{item}”的层级", "no acceptance level routes applications from {level} to a level that handles `{item}`"),
        ],
    }
    E1418 "catalog-claim-contradicted" Error {
        title: ("实施清单的到现场次数或网办深度与标准不符", "catalog claim contradicted"),
        message: ("清单写的是{claim}，但按标准和本地的送达方式，{possible}：{reasons}", "the entry claims {claim}, but the standard and local delivery allow {possible}: {reasons}"),
        help: ("如实填写，或让材料可以电子提交、结果可以邮寄或网上送达", "state the real figure, or let materials be submitted electronically and results be mailed or sent online"),
        labels: [primary: ("与标准不符", "contradicted")],
        templates: [
            no_courier: ("本地不支持物流快递，“{result}”只能到窗口领取", "no courier here, so `{result}` is collected at a window"),
            visits: ("到现场次数 {claimed}", "{claimed} visit(s)"),
            at_least: ("至少要到现场 {needed} 次", "at least {needed}"),
            depth: ("网办深度 {claimed} 级", "online depth {claimed}"),
            at_most: ("网办深度最多 {possible} 级", "at most {possible}"),
        ],
    }
    E1419 "catalog-fee-without-basis" Error {
        title: ("收费没有标准或依据", "fee without standard or basis"),
        message: ("{detail}", "{detail}"),
        help: ("收费事项写明是否收费、收费标准和收费依据，与规则一致", "a charged item states that it charges, its standard and its legal basis, as in the rules"),
        labels: [primary: ("这里", "here")],
        templates: [
            no_fee: ("规则中“{item}”收费，清单没有写收费标准和收费依据", "`{item}` charges a fee in the rules, but the entry states no fee"),
            added_fee: ("规则中“{item}”不收费，清单不能自行收费", "`{item}` is free in the rules; a catalog may not add a fee"),
            no_standard: ("“{item}”收费，但没有写收费标准", "`{item}` charges a fee but states no fee standard"),
            no_basis: ("“{item}”收费，但没有写收费依据", "`{item}` charges a fee but states no legal basis for it"),
            says_free: ("规则中“{item}”收费，清单写的是不收费", "`{item}` charges a fee in the rules, but the entry says free"),
        ],
    }
    E1420 "catalog-without-rules" Error {
        title: ("实施清单没有对应的规则", "catalog without rules"),
        message: ("不知道用哪一套规则检查实施清单“{path}”", "no rules to check catalog `{path}` against"),
        help: ("在命令中同时给出规则目录（yijian check rules catalogs），或在 yijian.toml 中写 catalogs = [\"catalogs\"]", "name the rules too (yijian check rules catalogs), or list catalogs in yijian.toml: catalogs = [\"catalogs\"]"),
        labels: [primary: ("这个清单", "this catalog")],
    }
    E1421 "catalog-intermediary-service" Error {
        title: ("实施清单的中介服务与规则不符", "intermediary service not as in the rules"),
        message: ("{detail}", "{detail}"),
        help: ("申请前要办理的中介服务只能是规则中这个事项写明的，时限不能更长，规则不收费的不能收费（清理规范行政审批中介服务）", "an intermediary service required before applying must be one the rules list for the item, with no longer time limit and no fee where the rules have none"),
        labels: [primary: ("这里", "here"), standard: ("规则中的写法", "as the rules have it")],
        templates: [
            not_in_rules: ("规则中的“{item}”没有中介服务“{service}”", "item `{item}` in the rules has no intermediary service `{service}`"),
            longer: ("中介服务“{service}”的时限 {duration} 长于规则的 {limit}", "intermediary service `{service}` takes {duration} where the rules allow {limit}"),
            charged: ("中介服务“{service}”在规则中不收费，清单中写了收费", "intermediary service `{service}` is free in the rules but charged in the catalog"),
        ],
    }

    // ------------------------------------------------------------ tests
    E1501 "test-answer" Error {
        title: ("测试中的情形回答写法不对", "a test's answer is not an answer"),
        message: ("{detail}", "{detail}"),
        help: ("测试写一位申请人的回答：“当 情形 = 取值 且 是否情形 且 非 是否情形”，每个情形回答一次，数值在情形的范围内", "a test states one applicant's answers: `when situation = value and yes-no-situation and not yes-no-situation`, each situation once, numbers within the situation's range"),
        labels: [primary: ("这里", "here")],
        templates: [
            not_an_answer: ("“{text}”不是一个回答：测试中只能用“=”（或“是”）给出情形的取值，用“且”连接", "`{text}` is not an answer: a test gives each situation's value with `=` (or `is`), joined by `and`"),
            twice: ("情形“{situation}”回答了两次", "situation `{situation}` is answered twice"),
            out_of_range: ("情形“{situation}”的范围是 {low}..{high}，回答 {value} 不在其中", "situation `{situation}` ranges over {low}..{high}; the answer {value} is outside it"),
            not_whole: ("情形“{situation}”是整数，回答 {value} 不是整数", "situation `{situation}` is a whole number; the answer {value} is not"),
        ],
    }
    E1502 "test-subject" Error {
        title: ("测试没有写清测的是哪个事项或一件事", "a test names no single item or thing"),
        message: ("测试“{name}”{detail}", "test `{name}` {detail}"),
        help: ("每个测试写一个“事项：名称”或一个“一件事：名称”", "give each test one `items: name` or one `thing: name`"),
        labels: [primary: ("这个测试", "this test")],
        templates: [
            neither: ("既没有写事项，也没有写一件事", "names neither an item nor a thing"),
            both: ("同时写了事项和一件事", "names both an item and a thing"),
        ],
    }
    E1503 "test-material" Error {
        title: ("测试中的材料不是这个事项或一件事的材料", "a test names a material its subject does not ask for"),
        message: ("{subject}“{owner}”没有材料“{material}”", "{subject} `{owner}` has no material `{material}`"),
        help: ("写这个{subject}的材料，名称照规则中的写法", "name materials of this {subject}, spelled as in its rules"),
        labels: [primary: ("这份材料", "this material")],
    }
    E1504 "test-unanswered" Error {
        title: ("测试没有回答影响结果的情形", "a test leaves a deciding situation unanswered"),
        message: ("测试“{name}”没有回答情形“{situation}”，而{subject}“{owner}”的条件用到了它", "test `{name}` does not answer situation `{situation}`, which conditions of {subject} `{owner}` read"),
        help: ("在“当”后面加上“{example}”这样的回答：测试写的是一位具体的申请人", "add an answer such as `{example}` after `when`: a test is one particular applicant"),
        labels: [primary: ("这个测试", "this test"), situation: ("情形在这里定义", "the situation is defined here")],
    }
    E1505 "test-field-for-thing" Error {
        title: ("一件事的测试写了只有事项才有的结果", "a thing's test expects what only items have"),
        message: ("一件事的测试不能写“{field}”", "a test of a thing cannot expect `{field}`"),
        help: ("网办深度、即办和通办时长是单个事项的结果：为其中的事项另写一个测试", "online depth, on-the-spot and city-wide durations belong to single items: write a test of the item"),
        labels: [primary: ("这里", "here")],
    }

    // ------------------------------------------------------------ documents
    E1301 "character-not-in-fonts" Error {
        title: ("文字中有随附字体显示不了的字符", "character no shipped font covers"),
        message: ("{owner}的“{field}”中有字符“{char}”（{codepoint}），随附的字体中没有这个字", "the {field} of {owner} has the character `{char}` ({codepoint}), which no shipped font covers"),
        help: ("生成的 PDF 文档只用随附的字体（fonts/），这个字会印成空白：换用规范的常用字；确实需要这个字的（如人名、地名），请维护人员把它加入 fonts/subset.py 并重新生成字体", "the PDF documents use only the shipped fonts (fonts/) and would print a blank: use a common character, or have the maintainers add it in fonts/subset.py and regenerate the font"),
        labels: [primary: ("“{char}”在这个{decl}的“{field}”中", "`{char}` is in the {field} of this {decl}")],
        templates: [
            owner: ("{kind}“{name}”", "{kind} `{name}`"),
            inner_owner: ("{outer}的{kind}“{name}”", "{kind} `{name}` of {outer}"),
        ],
    }
    W1302 "printed-as-missing" Warning {
        title: ("生成的文档会印出“未填写”", "a document would print “未填写” (not filled in)"),
        message: ("{owner}没有写“{field}”，{documents}会印出“未填写”", "{owner} has no `{field}`: {documents} would print “未填写” (not filled in)"),
        help: ("写上，例如：{example}；对外公布文档的服务中心可以在 yijian.toml 中写 deny = [\"W1302\"]，把这一条当作错误", "add it, for example: {example}; centres that publish the documents can write deny = [\"W1302\"] in yijian.toml to make this an error"),
        labels: [primary: ("这里", "here")],
        templates: [
            field_of_result: ("结果“{result}”的{field}", "{field} of result `{result}`"),
            example_address: ("办理地点：\"某某县政务服务中心一楼综合窗口\"", "address: \"county service centre, ground floor\""),
            example_hours: ("办理时间：\"工作日 9:00-12:00，13:30-17:00\"", "hours: \"working days 9:00-12:00, 13:30-17:00\""),
            example_phone: ("咨询电话：\"0000-1234567\"（也可以写在功能区或实施部门中）", "phone: \"0000-1234567\" (or in the zone or the department)"),
            example_complaint_phone: ("投诉电话：\"12345\"", "complaint-phone: \"12345\""),
            example_fee: ("收费：否", "fee: no"),
            example_promised_limit: ("承诺时限：5 工作日", "promised-limit: 5 working-days"),
            example_levels: ("行使层级：县", "levels: county"),
            example_serves: ("服务对象：自然人、法人", "serves: person, legal-person"),
            example_legal_basis: ("设定依据：\"《中华人民共和国行政许可法》第十二条\"", "legal-basis: \"Administrative Licensing Law, art. 12\""),
            example_conditions: ("受理条件：\"申请人是依法设立的企业\"", "conditions: \"the applicant is a registered company\""),
            example_delivery: ("送达方式：窗口领取、邮寄", "delivery: window, post"),
            example_type: ("类型：证照", "type: licence"),
            example_result: ("结果 食品经营许可证 { 类型：证照；送达方式：窗口领取、邮寄 }", "result licence { type: licence; delivery: window, post }"),
            example_zone: ("功能区：联合办理区", "zone: joint-window"),
        ],
    }
    W1303 "unconfirmed-value" Warning {
        title: ("值标记为待核实", "value marked as unconfirmed"),
        message: ("{block}的“{field}”标记为待核实，文档中会注明“待核实”", "the `{field}` of this {block} is marked unconfirmed; documents print it marked"),
        help: ("核实后删去“待核实”；用 check --deny-warnings 可以阻止带待核实内容的文档发布", "remove the mark once the value is confirmed; check --deny-warnings refuses to publish documents with unconfirmed values"),
        labels: [primary: ("这个值", "this value"), mark: ("标记", "the mark")],
    }
    W1304 "sample-file-missing" Warning {
        title: ("样本文件不存在", "sample file not found"),
        message: ("结果“{result}”的样本文件“{path}”不存在", "the sample file `{path}` of result `{result}` does not exist"),
        help: ("样本写文件时，路径从这个规则文件所在的文件夹算起；文件会复制到生成的文档旁边，供申请人查看。也可以写网址或样本的名称", "a sample file's path starts from this rule file's folder; the file is copied next to the documents. A web address or the sample's name also works"),
        labels: [primary: ("这个样本", "this sample")],
    }
}
