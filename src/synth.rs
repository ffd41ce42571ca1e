//! A generator of large, valid, realistic workspaces for benchmarks and
//! stress tests.
//!
//! The output is deterministic for a given size and seed, and checks clean:
//! a test keeps it so, so that benchmarks measure the path real catalogs take.

use std::fmt::Write as _;

/// How big a workspace to make.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    pub n_items: usize,
    /// Items per rule file (policy staff keep one area per file).
    pub items_per_file: usize,
    pub seed: u64,
}

impl Config {
    pub fn items(n_items: usize) -> Self {
        Config {
            n_items,
            items_per_file: 50,
            seed: 2024,
        }
    }
}

/// A small deterministic pseudo-random generator (xorshift), so the crate
/// needs no random-number dependency for this.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const DEPARTMENTS: &[&str] = &[
    "市场监管局",
    "消防救援支队",
    "住建局",
    "城管局",
    "公安局",
    "卫健委",
    "人社局",
    "医保局",
    "民政局",
    "税务局",
    "数据局",
    "自然资源和规划局",
    "交通运输局",
    "生态环境局",
    "教育局",
    "文旅局",
    "农业农村局",
    "水务局",
    "商务局",
    "烟草专卖局",
];
const ZONES: &[&str] = &[
    "基本建设项目区",
    "商事登记区",
    "经贸交通区",
    "社会事务区",
    "公安服务区",
    "联合办理区",
    "公共事业区",
];
const NOUNS: &[&str] = &[
    "经营", "建设", "运输", "卫生", "排污", "施工", "广告", "餐饮", "娱乐", "医疗", "养老", "教育", "旅游", "仓储",
    "零售",
];
const KINDS: &[&str] = &["许可", "备案", "登记", "核准", "审批", "确认"];
const SUFFIXES: &[&str] = &["新办", "变更", "延续", "注销"];

/// Generates the files of a workspace: `(path, text)` pairs.
pub fn workspace(config: Config) -> Vec<(String, String)> {
    let mut rng = Rng(config.seed.max(1));
    let mut files = Vec::new();

    let mut common = String::from("# 合成的部门、功能区与材料库\n");
    for department in DEPARTMENTS {
        let _ = writeln!(common, "部门 {department} {{ 全称：\"某市{department}\"；层级：市 }}");
    }
    for zone in ZONES {
        let _ = writeln!(common, "功能区 {zone} {{ 说明：\"合成数据\" }}");
    }
    let n_library = 200;
    for index in 0..n_library {
        let _ = writeln!(
            common,
            "材料 库材料{index} {{ 来源：{}；依据：\"《某某管理条例》第{}条\"；规格：\"A4\" }}",
            pick(&["申请人自备", "政府部门核发", "中介机构", "共享获取"], index),
            index % 80 + 1
        );
    }
    // Every material the library says is shared comes from the licence store.
    let shared: Vec<String> = (0..n_library)
        .filter(|i| i % 4 == 3)
        .map(|i| format!("库材料{i}"))
        .collect();
    let _ = writeln!(
        common,
        "数据源 电子证照库 {{ 可信等级：A；部门：数据局；提供：{} }}",
        shared.join("、")
    );
    files.push(("common.yj".to_string(), common));

    let items_per_file = config.items_per_file.max(1);
    let mut text = String::new();
    for index in 0..config.n_items {
        write_item(&mut text, index, &mut rng, n_library);
        if (index + 1) % items_per_file == 0 || index + 1 == config.n_items {
            files.push((
                format!("items/{:05}.yj", index / items_per_file),
                std::mem::take(&mut text),
            ));
        }
    }

    let n_things = config.n_items / 10;
    let mut things = String::new();
    for thing in 0..n_things {
        let first = thing * 10;
        let _ = writeln!(
            things,
            "一件事 一件事{thing} {{\n  牵头部门：{}\n  功能区：联合办理区\n  事项：{}、{}、{}\n  顺序：{} → {}\n  承诺时限：60 工作日\n  会签 联合审查 {{ 部门：{}、{}、{}；时限：3 工作日 }}\n}}",
            pick(DEPARTMENTS, thing),
            item_name(first),
            item_name(first + 1),
            item_name(first + 2),
            item_name(first),
            item_name(first + 1),
            // Every item's department takes part in the joint review.
            pick(DEPARTMENTS, first),
            pick(DEPARTMENTS, first + 1),
            pick(DEPARTMENTS, first + 2),
        );
    }
    if !things.is_empty() {
        files.push(("things.yj".to_string(), things));
    }
    files
}

/// The `index`-th word of a list, cycling.
fn pick(list: &[&'static str], index: usize) -> &'static str {
    list.get(index % list.len().max(1)).copied().unwrap_or("")
}

fn item_name(index: usize) -> String {
    format!(
        "{}{}{}（{}）",
        pick(NOUNS, index),
        pick(KINDS, index / NOUNS.len()),
        index,
        pick(SUFFIXES, index)
    )
}

fn write_item(out: &mut String, index: usize, rng: &mut Rng, n_library: usize) {
    let department = pick(DEPARTMENTS, index);
    let legal = 10 + rng.below(20);
    let promised = 1 + rng.below(legal);
    let _ = writeln!(out, "# 合成事项 {index}");
    let _ = writeln!(out, "事项 {} {{", item_name(index));
    let _ = writeln!(out, "  基本编码：\"{:012}\"", 100_000_000_000u64 + index as u64);
    let _ = writeln!(out, "  类型：行政许可");
    let _ = writeln!(out, "  实施部门：{department}");
    let _ = writeln!(out, "  功能区：{}", pick(ZONES, index));
    let _ = writeln!(
        out,
        "  设定依据：\"《某某管理条例》第{}条：从事本项活动的，应当向所在地县级以上人民政府有关主管部门提出申请，提交符合规定的材料，经审查符合条件的，予以许可\"",
        index % 90 + 1
    );
    let _ = writeln!(out, "  行使层级：市、县");
    let _ = writeln!(out, "  法定时限：{legal} 工作日");
    let _ = writeln!(out, "  承诺时限：{promised} 工作日");
    let _ = writeln!(out, "  服务对象：法人、非法人组织");
    let _ = writeln!(
        out,
        "  受理条件：\"申请人依法设立\"，\"具有与申请事项相适应的场所和设备\"，\"有相应的管理制度\""
    );
    let _ = writeln!(out, "  收费：否");
    let _ = writeln!(out, "  办理地点：\"某市政务服务中心一楼综合窗口\"");
    let _ = writeln!(out, "  办理时间：\"周一至周五 9:00-12:00，13:00-17:00\"");
    let _ = writeln!(out, "  咨询电话：\"0000-1234567\"");
    let _ = writeln!(out, "  投诉电话：\"12345\"");
    let _ = writeln!(out, "  到现场次数：{}", rng.below(2));
    let _ = writeln!(out, "  网办深度：{}", 2 + rng.below(3));
    let _ = writeln!(
        out,
        "  情形 申请方式 {{ 问题：\"选择办理方式\"；取值：告知承诺、一般程序 }}"
    );
    let _ = writeln!(
        out,
        "  情形 经营面积 {{ 类型：数值；范围：0..100000；单位：\"平方米\" }}"
    );
    let n_materials = 4 + rng.below(6);
    let mut materials = Vec::new();
    let mut deferrable = false;
    for _ in 0..n_materials {
        let material = format!("库材料{}", rng.below(n_library));
        if materials.contains(&material) {
            continue;
        }
        // The first material is the key one the acceptance step checks.
        let necessity = if materials.is_empty() {
            "必要"
        } else {
            pick(&["必要", "必要", "非必要", "容缺"], rng.below(4))
        };
        let deadline = if necessity == "容缺" {
            "；补交时限：1 工作日"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  材料 {material} {{ 必要性：{necessity}{deadline}；形式：纸质、电子；类型：原件；份数：1 }}"
        );
        deferrable |= necessity == "容缺";
        materials.push(material);
    }
    if deferrable {
        let _ = writeln!(
            out,
            "  材料 容缺受理承诺书 {{ 来源：申请人自备；依据：\"《某省容缺受理办法》第五条\"；形式：电子 }}"
        );
    }
    let _ = writeln!(
        out,
        "  材料 申请书{index} {{ 来源：申请人自备；依据：\"《某某管理条例》第三条\"；形式：电子；当 申请方式 = 一般程序 或 经营面积 >= 300 }}"
    );
    let _ = writeln!(
        out,
        "  环节 受理 {{ 时限：当场；需要：{} }}",
        materials.first().map(String::as_str).unwrap_or("申请书0")
    );
    let _ = writeln!(out, "  环节 审查 {{ 时限：{} 工作日 }}", 1 + rng.below(promised.max(1)));
    let _ = writeln!(
        out,
        "  环节 现场核查 {{ 之后：受理；特别程序：现场核查；时限：5 工作日；当 申请方式 = 一般程序 }}"
    );
    let _ = writeln!(out, "  环节 决定 {{ 之后：审查、现场核查；产出：许可证{index} }}");
    let _ = writeln!(out, "  环节 送达 {{ 送达：许可证{index} }}");
    let _ = writeln!(out, "  结果 许可证{index} {{ 类型：证照；送达方式：窗口领取、邮寄 }}");
    let _ = writeln!(out, "}}");
}

/// A workspace of `n_items` items with `n_vars` situation variables each
/// (enumerated, yes/no and numeric in turn), conditional materials on every
/// variable, an optional site inspection and two alternative decision
/// procedures: the input of the situation-analysis benchmark. Checks clean.
pub fn situational(n_items: usize, n_vars: usize) -> Vec<(String, String)> {
    let n_vars = n_vars.max(1);
    let mut text = String::from("部门 审批局 { 全称：\"某市行政审批服务局\" }\n");
    let var = |j: usize| format!("变量{j}");
    let condition = |j: usize| match j % 3 {
        0 => format!("{} = 甲", var(j)),
        1 => var(j),
        _ => format!("{} >= 300", var(j)),
    };
    for index in 0..n_items {
        let _ = writeln!(text, "事项 情形事项{index} {{");
        let _ = writeln!(text, "  基本编码：\"{:012}\"", 200_000_000_000u64 + index as u64);
        let _ = writeln!(
            text,
            "  类型：行政许可；实施部门：审批局；法定时限：20 工作日；承诺时限：15 工作日"
        );
        let _ = writeln!(
            text,
            "  服务对象：法人；行使层级：市；设定依据：\"《某某条例》第一条\"；受理条件：\"申请人依法设立\"；收费：否"
        );
        let _ = writeln!(
            text,
            "  办理地点：\"某市政务服务中心\"；办理时间：\"工作日 9:00-17:00\"；咨询电话：\"12345\"；投诉电话：\"12345\""
        );
        for j in 0..n_vars {
            let _ = match j % 3 {
                0 => writeln!(text, "  情形 {} {{ 取值：甲、乙、丙 }}", var(j)),
                1 => writeln!(text, "  情形 {} {{ 类型：是否 }}", var(j)),
                _ => writeln!(text, "  情形 {} {{ 类型：数值；范围：0..10000 }}", var(j)),
            };
        }
        for j in 0..n_vars {
            let _ = writeln!(
                text,
                "  材料 材料{j} {{ 来源：申请人自备；依据：\"《某某条例》第{}条\"；当 {} }}",
                j + 1,
                condition(j)
            );
        }
        let combined = (0..n_vars).map(condition).collect::<Vec<_>>().join(" 且 ");
        let _ = writeln!(
            text,
            "  材料 综合材料 {{ 来源：申请人自备；依据：\"《某某条例》第九十条\"；当 {combined} 或 非 {} }}",
            condition(0)
        );
        let inspection = condition(if n_vars > 1 { 1 } else { 0 });
        let _ = writeln!(text, "  环节 受理 {{ 时限：当场 }}");
        let _ = writeln!(text, "  环节 审查 {{ 时限：3 工作日 }}");
        let _ = writeln!(
            text,
            "  环节 现场核查 {{ 特别程序：现场核查；时限：5 工作日；当 {inspection} }}"
        );
        let _ = writeln!(
            text,
            "  环节 决定（简易） {{ 之后：审查、现场核查；时限：2 工作日；当 变量0 = 甲 }}"
        );
        let _ = writeln!(
            text,
            "  环节 决定（一般） {{ 之后：审查、现场核查；时限：5 工作日；当 变量0 ≠ 甲 }}"
        );
        let _ = writeln!(
            text,
            "  环节 送达 {{ 之后：决定（简易）、决定（一般）；送达：证{index} }}"
        );
        let _ = writeln!(text, "  结果 证{index} {{ 类型：证照；送达方式：窗口领取 }}");
        let _ = writeln!(text, "}}");
    }
    vec![("situational.yj".to_string(), text)]
}

/// One item with `n_vars` situation variables (yes/no, enumerated and
/// whole-number in turn) and `n_materials` conditional materials, each on two
/// variables, for the exact situation analysis: one one-day check per
/// variable that applies when its condition does not hold (in series, so the
/// longest path needs every variable answered against it), two alternative
/// decisions, and claims (到现场次数 1, 网办深度 3) that the bound with every
/// material and step applying breaks but every real situation keeps (paper
/// originals only where the licence is mailed), so that the checks search
/// the situations instead of stopping at the bound. Checks clean.
pub fn many_situations(n_vars: usize, n_materials: usize) -> Vec<(String, String)> {
    let n_vars = n_vars.max(2);
    let mut text = String::from("部门 审批局 { 全称：\"某市行政审批服务局\" }\n");
    let var = |j: usize| format!("变量{j}");
    let condition = |j: usize| match j % 4 {
        0 => format!("{} = 甲", var(j)),
        2 => format!("{} >= 3", var(j)),
        _ => var(j),
    };
    text.push_str("事项 情形事项 {\n  基本编码：\"200000000000\"\n");
    let _ = writeln!(
        text,
        "  类型：行政许可；实施部门：审批局；法定时限：{} 工作日；承诺时限：{} 工作日；到现场次数：1；网办深度：3",
        n_vars + 10,
        n_vars + 5
    );
    text.push_str(
        "  服务对象：法人；行使层级：市；设定依据：\"《某某条例》第一条\"；受理条件：\"申请人依法设立\"；收费：否\n",
    );
    text.push_str(
        "  办理地点：\"某市政务服务中心\"；办理时间：\"工作日 9:00-17:00\"；咨询电话：\"12345\"；投诉电话：\"12345\"\n",
    );
    for j in 0..n_vars {
        let _ = match j % 4 {
            0 => writeln!(text, "  情形 {} {{ 取值：甲、乙、丙 }}", var(j)),
            2 => writeln!(text, "  情形 {} {{ 类型：整数；范围：0..100；单位：\"人\" }}", var(j)),
            _ => writeln!(text, "  情形 {} {{ 类型：是否 }}", var(j)),
        };
    }
    text.push_str("  材料 申请书 { 来源：申请人自备；依据：\"《某某条例》第二条\"；形式：电子 }\n");
    for k in 0..n_materials {
        // Two different variables other than 变量1, which decides how the licence is delivered.
        let first = 2 + k % (n_vars - 2).max(1);
        let second = 2 + (k * 7 + 3) % (n_vars - 2).max(1);
        let second = if second == first { 0 } else { second };
        let (form, when) = if k % 10 == 0 {
            // A paper original, only where the licence is mailed: one visit at most.
            (
                "形式：纸质；类型：验原件",
                format!("非 {} 且 {}", var(1), condition(first)),
            )
        } else if k % 2 == 0 {
            (
                "形式：电子",
                format!("{} 且 非 {}", condition(first), condition(second)),
            )
        } else {
            ("形式：电子", format!("{} 或 {}", condition(first), condition(second)))
        };
        let _ = writeln!(
            text,
            "  材料 材料{k} {{ 来源：申请人自备；依据：\"《某某条例》第{}条\"；{form}；当 {when} }}",
            k + 3
        );
    }
    text.push_str("  环节 受理 { 时限：当场；需要：申请书 }\n");
    for j in 0..n_vars {
        let _ = writeln!(text, "  环节 核查{j} {{ 时限：1 工作日；当 非 {} }}", condition(j));
    }
    // The second decision follows the first, or what ran before it where the
    // first does not apply.
    text.push_str("  环节 决定（简易） { 时限：2 工作日；产出：许可证；当 变量0 = 甲 }\n");
    text.push_str("  环节 决定（一般） { 时限：5 工作日；产出：许可证；当 变量0 ≠ 甲 }\n");
    text.push_str("  环节 送达 { 之后：决定（简易）、决定（一般）；时限：当场；送达：许可证 }\n");
    // A paper certificate only at the window, where no paper is handed in.
    text.push_str("  环节 发放纸质证书 { 时限：当场；产出：纸质证书；送达：纸质证书；当 变量1 }\n");
    text.push_str("  结果 许可证 { 类型：证照；送达方式：邮寄、网上 }\n");
    text.push_str("  结果 纸质证书 { 类型：证照；送达方式：窗口领取 }\n");
    text.push_str("}\n");
    vec![("many-situations.yj".to_string(), text)]
}

/// How big a set of catalogs to make, and in which format.
#[derive(Debug, Clone, Copy)]
pub struct CatalogConfig {
    /// Implementation entries in all (a province: about 100,000).
    pub n_entries: usize,
    /// County files (a province: about 140).
    pub n_files: usize,
    /// YAML (`.yaml`) or JSON (`.json`), with the same content.
    pub format: CatalogFormat,
}

/// The format of synthetic catalogs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CatalogFormat {
    #[default]
    Yaml,
    Json,
}

/// What one file says about its region, for either format.
struct Region {
    code: String,
    name: String,
    file: usize,
}

/// What one entry says, for either format: the standard's facts of the item
/// it implements.
struct EntryFacts<'a> {
    item: &'a crate::ir::Item,
    code: &'a str,
    department: &'a str,
    zone: &'a str,
    /// Name, copy, copies and forms of each material the window collects.
    materials: Vec<(&'a str, &'static str, u32, Vec<&'static str>)>,
}

const HOURS: &str = "周一至周五 上午 9:00—12:00，下午 13:30—17:00（法定节假日除外）";
const PROCESS: &str = "申请人通过网上或窗口提交申请材料；综合窗口当场核验材料，材料齐全、符合法定形式的予以受理并出具受理通知书；\
                       后台审批人员审查材料，需要现场核查的组织现场核查；作出准予或不予许可的决定；许可证邮寄送达或窗口领取。";
const NOTES: &str = "容缺受理的材料在补交时限内补齐；逾期未补齐的，按不予受理处理。";
const MATERIAL_NOTE: &str = "使用统一格式文本，内容真实完整；复印件注明“与原件一致”并签名";

/// Catalogs (实施清单) for a compiled synthetic workspace: one file per
/// county, each implementing the next items of the rules in turn, with every
/// field filled and every material the standard requires, so they check
/// clean. Returns `(path, text)` pairs under `catalogs/`; the YAML and JSON
/// catalogs of one configuration hold the same documents.
pub fn catalogs(ir: &crate::ir::Ir, config: CatalogConfig) -> Vec<(String, String)> {
    use crate::ast::{Form, Necessity, Source};
    let items: Vec<&crate::ir::Item> = ir.items.values().map(|item| &**item).collect();
    let n_files = config.n_files.max(1);
    let per_file = config.n_entries.div_ceil(n_files);
    let mut files = Vec::new();
    let mut next_item = 0usize;
    for file in 0..n_files {
        let city = file / 9 + 1;
        let county = file % 9 + 1;
        let region = Region {
            code: format!("37{city:02}{county:02}"),
            name: format!("合成{city}市{county}县"),
            file,
        };
        let count = per_file.min(config.n_entries.saturating_sub(file * per_file));
        let mut entries = Vec::with_capacity(count);
        for _ in 0..count {
            let Some(item) = items.get(next_item % items.len().max(1)) else {
                break;
            };
            next_item += 1;
            let materials = item
                .materials
                .values()
                .filter(|m| m.necessity != Necessity::Optional && m.source != Some(Source::Shared))
                .map(|m| {
                    let form = m
                        .form
                        .iter()
                        .map(|f| if *f == Form::Paper { "纸质" } else { "电子" })
                        .collect();
                    (m.name.as_str(), m.copy.zh(), m.copies, form)
                })
                .collect();
            entries.push(EntryFacts {
                item,
                code: item.code.as_ref().map_or("", |c| c.value.as_str()),
                department: item
                    .implemented_by
                    .and_then(|d| ir.departments.get_index(d.index()))
                    .map_or("", |(_, d)| d.name.as_str()),
                zone: item
                    .zone
                    .and_then(|z| ir.zones.get_index(z.index()))
                    .map_or("", |(_, z)| z.name.as_str()),
                materials,
            });
        }
        files.push(match config.format {
            CatalogFormat::Yaml => (format!("catalogs/{}.yaml", region.code), yaml(&region, &entries)),
            CatalogFormat::Json => (format!("catalogs/{}.json", region.code), json(&region, &entries)),
        });
    }
    files
}

fn yaml(region: &Region, entries: &[EntryFacts<'_>]) -> String {
    let Region {
        code: region_code,
        name,
        file,
    } = region;
    let mut out = String::with_capacity(entries.len() * 2900);
    let _ = writeln!(out, "# {name}政务服务事项实施清单（合成数据）");
    let _ = writeln!(out, "region:\n  code: \"{region_code}\"\n  name: {name}\n  level: 县");
    let _ = writeln!(out, "bodies:");
    for department in DEPARTMENTS {
        let _ = writeln!(
            out,
            "  - name: {name}{department}\n    credit_code: \"11{region_code}MB{file:08}X\"\n    department: {department}",
        );
    }
    let _ = writeln!(out, "entries:");
    for entry in entries {
        let EntryFacts {
            item,
            code,
            department,
            zone,
            ..
        } = entry;
        let _ = writeln!(out, "  - implementation_code: \"{region_code}{code}01\"");
        let _ = writeln!(out, "    name: {}", item.name);
        let _ = writeln!(out, "    basic_code: \"{code}\"");
        let _ = writeln!(out, "    type: 行政许可");
        let _ = writeln!(out, "    legal_basis:");
        for basis in &item.legal_basis {
            let _ = writeln!(out, "      - \"{basis}\"");
        }
        let _ = writeln!(out, "    implemented_by: {name}{department}");
        if let Some(promised) = item.promised_limit {
            let _ = writeln!(out, "    promised_limit: {}", promised.value.zh());
        }
        let _ = writeln!(
            out,
            "    address: \"{name}政务服务中心一楼{zone}综合窗口（{name}人民路{} 号）\"",
            file + 1
        );
        let _ = writeln!(out, "    hours: \"{HOURS}\"");
        let _ = writeln!(out, "    phone: \"0537-{:07}\"", 1_000_000 + file);
        let _ = writeln!(out, "    complaint_phone: \"12345\"");
        let _ = writeln!(out, "    fee:\n      charged: false");
        if let Some(depth) = item.online_depth {
            let _ = writeln!(out, "    online_depth: {}", depth.value);
        }
        let _ = writeln!(out, "    courier: true");
        let _ = writeln!(out, "    city_wide: [县]");
        if let Some(visits) = item.visits {
            let _ = writeln!(out, "    visits: {}", visits.value);
        }
        let _ = writeln!(out, "    zone: {zone}");
        let _ = writeln!(out, "    windows: [\"{zone}1号综合窗口\", \"{zone}2号综合窗口\"]");
        let _ = writeln!(out, "    conditions:");
        for condition in &item.conditions {
            let _ = writeln!(out, "      - \"{}\"", condition.value);
        }
        let _ = writeln!(out, "    process: \"{PROCESS}\"");
        let _ = writeln!(out, "    notes: \"{NOTES}\"");
        let _ = writeln!(out, "    materials:");
        for (material, copy, copies, form) in &entry.materials {
            let _ = writeln!(out, "      - name: {material}");
            let _ = writeln!(out, "        type: [{copy}]");
            let _ = writeln!(out, "        copies: {copies}");
            let _ = writeln!(out, "        form: [{}]", form.join(", "));
            let _ = writeln!(out, "        note: \"{MATERIAL_NOTE}\"");
        }
    }
    out
}

fn json(region: &Region, entries: &[EntryFacts<'_>]) -> String {
    use serde_json::{Value, json};
    let Region {
        code: region_code,
        name,
        file,
    } = region;
    let bodies: Vec<Value> = DEPARTMENTS
        .iter()
        .map(|department| {
            json!({
                "name": format!("{name}{department}"),
                "credit_code": format!("11{region_code}MB{file:08}X"),
                "department": department,
            })
        })
        .collect();
    let entries: Vec<Value> = entries
        .iter()
        .map(|entry| {
            let EntryFacts {
                item,
                code,
                department,
                zone,
                ..
            } = entry;
            let mut object = serde_json::Map::new();
            let mut put = |key: &str, value: Value| {
                object.insert(key.to_string(), value);
            };
            put("implementation_code", json!(format!("{region_code}{code}01")));
            put("name", json!(item.name));
            put("basic_code", json!(code));
            put("type", json!("行政许可"));
            put("legal_basis", json!(item.legal_basis));
            put("implemented_by", json!(format!("{name}{department}")));
            if let Some(promised) = item.promised_limit {
                put("promised_limit", json!(promised.value.zh()));
            }
            put(
                "address",
                json!(format!(
                    "{name}政务服务中心一楼{zone}综合窗口（{name}人民路{} 号）",
                    file + 1
                )),
            );
            put("hours", json!(HOURS));
            put("phone", json!(format!("0537-{:07}", 1_000_000 + file)));
            put("complaint_phone", json!("12345"));
            put("fee", json!({ "charged": false }));
            if let Some(depth) = item.online_depth {
                put("online_depth", json!(depth.value));
            }
            put("courier", json!(true));
            put("city_wide", json!(["县"]));
            if let Some(visits) = item.visits {
                put("visits", json!(visits.value));
            }
            put("zone", json!(zone));
            put(
                "windows",
                json!([format!("{zone}1号综合窗口"), format!("{zone}2号综合窗口")]),
            );
            let conditions: Vec<&str> = item.conditions.iter().map(|c| c.value.as_str()).collect();
            put("conditions", json!(conditions));
            put("process", json!(PROCESS));
            put("notes", json!(NOTES));
            let materials: Vec<Value> = entry
                .materials
                .iter()
                .map(|(material, copy, copies, form)| {
                    json!({
                        "name": material,
                        "type": [copy],
                        "copies": copies,
                        "form": form,
                        "note": MATERIAL_NOTE,
                    })
                })
                .collect();
            put("materials", Value::Array(materials));
            Value::Object(object)
        })
        .collect();
    let doc = json!({
        "region": { "code": region_code, "name": name, "level": "县" },
        "bodies": bodies,
        "entries": entries,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
