//! The catalog format: the typed shape of a 实施清单 YAML document, read with
//! serde-saphyr and described to editors by a JSON Schema derived from the
//! same types.
//!
//! Keys are English snake_case; the Chinese field names of the national
//! implementation-list template are accepted as aliases. The schema is closed
//! (`deny_unknown_fields`), and every value that a check can point at is a
//! `At<T>`, so a finding lands on its YAML line and column.

use crate::diagnostics::Span;
use schemars::JsonSchema;
use serde::Deserialize;

/// A value with where it was written. From YAML it is serde-saphyr's
/// location (so YAML diagnostics stay as they were); from JSON, the byte span
/// that [`super::json`] reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At<T> {
    pub value: T,
    pub at: Where,
}

/// Where a value was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Where {
    Yaml(serde_saphyr::Location),
    Bytes(Span),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for At<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_newtype_struct(super::json::AT, AtVisitor(std::marker::PhantomData))
    }
}

/// Written as its value (the JSON Schema shows `null` as the default of an
/// optional one).
impl<T: serde::Serialize> serde::Serialize for At<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

struct AtVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for AtVisitor<T> {
    type Value = At<T>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a value")
    }

    /// serde-saphyr passes a newtype struct it does not know through: its own
    /// `Spanned` gives the location.
    fn visit_newtype_struct<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        Ok(At {
            value: spanned.value,
            at: Where::Yaml(spanned.referenced),
        })
    }

    /// The JSON reader answers with its start, the value and its end.
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        use serde::de::{Error, IgnoredAny};
        let (Some(IgnoredAny), start) = (map.next_key()?, map.next_value::<u64>()?) else {
            return Err(A::Error::custom("a span"));
        };
        let (Some(IgnoredAny), value) = (map.next_key()?, map.next_value::<T>()?) else {
            return Err(A::Error::custom("a span"));
        };
        let (Some(IgnoredAny), end) = (map.next_key()?, map.next_value::<u64>()?) else {
            return Err(A::Error::custom("a span"));
        };
        let start = usize::try_from(start).unwrap_or(usize::MAX);
        let end = usize::try_from(end).unwrap_or(usize::MAX).max(start);
        Ok(At {
            value,
            at: Where::Bytes(Span::new(start, end)),
        })
    }
}

/// One YAML document or JSON object of a catalog file: the region and its entries.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "yijian 实施清单（service catalog）",
    description = "一个地区的政务服务事项实施清单。键用英文 snake_case，也可以用中文字段名。"
)]
pub struct CatalogDoc {
    /// 地区：行政区划代码、名称和层级。
    #[serde(alias = "地区")]
    pub region: Region,
    /// 实施主体：本地区实施事项的机关，各对应规则中的一个部门。
    #[serde(alias = "实施主体", default)]
    pub bodies: Vec<Body>,
    /// 实施清单：本地区实施的事项，至少一项。
    #[serde(alias = "实施清单", alias = "事项")]
    #[schemars(with = "Vec<Entry>")]
    pub entries: At<Vec<Entry>>,
    /// The JSON Schema an editor checks a JSON catalog with
    /// (`"$schema": "./catalog.schema.json"`); not read.
    #[serde(rename = "$schema", default)]
    #[schemars(skip)]
    pub schema: Option<String>,
}

/// 地区.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// 行政区划代码（GB/T 2260，6 位数字），例如 "370811"。
    #[serde(alias = "区划代码", alias = "行政区划代码")]
    #[schemars(with = "String")]
    pub code: At<String>,
    /// 地区名称，例如 "某某县"。
    #[serde(alias = "名称")]
    pub name: String,
    /// 层级：省、市、县、乡镇、村。
    #[serde(alias = "层级")]
    #[schemars(with = "String")]
    pub level: At<String>,
}

/// 实施主体.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// 实施主体名称，例如 "某某县市场监督管理局"。
    #[serde(alias = "名称")]
    #[schemars(with = "String")]
    pub name: At<String>,
    /// 统一社会信用代码（18 位）。
    #[serde(alias = "统一社会信用代码", default)]
    #[schemars(with = "Option<String>")]
    pub credit_code: Option<At<String>>,
    /// 层级；不写时为地区的层级。
    #[serde(alias = "层级", default)]
    #[schemars(with = "Option<String>")]
    pub level: Option<At<String>>,
    /// 对应规则中的部门名称，例如 "市场监管局"。
    #[serde(alias = "部门", alias = "对应部门")]
    #[schemars(with = "String")]
    pub department: At<String>,
}

/// 一个事项在本地区的实施。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// 实施编码：行政区划代码 + 基本编码 + 业务办理项编码（0 到 4 位数字）。
    #[serde(alias = "实施编码")]
    #[schemars(with = "String")]
    pub implementation_code: At<String>,
    /// 事项名称，与规则中的事项名称相同（四级四同）。
    #[serde(alias = "事项名称")]
    #[schemars(with = "String")]
    pub name: At<String>,
    /// 基本编码，与规则中的基本编码相同（四级四同）。
    #[serde(alias = "基本编码")]
    #[schemars(with = "String")]
    pub basic_code: At<String>,
    /// 事项类型，与规则相同，例如 "行政许可"。
    #[serde(rename = "type", alias = "事项类型", default)]
    #[schemars(with = "Option<String>")]
    pub item_type: Option<At<String>>,
    /// 设定依据，与规则相同。
    #[serde(alias = "设定依据", default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub legal_basis: Option<At<Vec<String>>>,
    /// 实施主体名称，须列在本文件的 bodies（实施主体）中。
    #[serde(alias = "实施主体名称", alias = "实施机构")]
    #[schemars(with = "String")]
    pub implemented_by: At<String>,
    /// 行使层级；不写时为地区的层级。
    #[serde(alias = "行使层级", default)]
    #[schemars(with = "Option<String>")]
    pub level: Option<At<String>>,
    /// 承诺办结时限，例如 "5 工作日"、"当场"。
    #[serde(alias = "承诺办结时限", alias = "承诺时限", default)]
    #[schemars(with = "Option<String>")]
    pub promised_limit: Option<At<String>>,
    /// 办理地点。
    #[serde(alias = "办理地点", default)]
    pub address: Option<String>,
    /// 办理时间。
    #[serde(alias = "办理时间", default)]
    pub hours: Option<String>,
    /// 咨询电话。
    #[serde(alias = "咨询电话", default)]
    pub phone: Option<String>,
    /// 监督投诉电话。
    #[serde(alias = "监督投诉电话", alias = "投诉电话", default)]
    pub complaint_phone: Option<String>,
    /// 收费：是否收费、收费标准、收费依据。
    #[serde(alias = "收费", default)]
    pub fee: Option<Fee>,
    /// 网上办理深度（0 到 4）。
    #[serde(alias = "网上办理深度", alias = "网办深度", default)]
    #[schemars(with = "Option<u32>")]
    pub online_depth: Option<At<u32>>,
    /// 是否支持物流快递。
    #[serde(alias = "是否支持物流快递", alias = "物流快递", default)]
    #[schemars(with = "Option<bool>")]
    pub courier: Option<At<bool>>,
    /// 通办范围：哪几级的便民服务中心可以受理，例如 ["市", "县", "乡镇"]。
    #[serde(alias = "通办范围", default)]
    #[schemars(with = "Vec<String>")]
    pub city_wide: Vec<At<String>>,
    /// 到办事现场次数。
    #[serde(alias = "到办事现场次数", alias = "到现场次数", default)]
    #[schemars(with = "Option<u32>")]
    pub visits: Option<At<u32>>,
    /// 申请材料（本地收取的材料清单）。
    #[serde(alias = "申请材料", default)]
    pub materials: Vec<Material>,
    /// 办理窗口。
    #[serde(alias = "窗口", alias = "办理窗口", default)]
    pub windows: Vec<String>,
    /// 功能区，须是规则中的功能区。
    #[serde(alias = "功能区", default)]
    #[schemars(with = "Option<String>")]
    pub zone: Option<At<String>>,
    /// 实施依据（本地公布的文字）。
    #[serde(alias = "实施依据", default)]
    pub implementation_basis: Vec<String>,
    /// 中介服务：申请前要办理的中介服务，须是规则中这个事项的中介服务。
    #[serde(alias = "中介服务", default)]
    pub intermediary_services: Vec<Intermediary>,
    /// 受理条件（本地公布的文字）。
    #[serde(alias = "受理条件", default)]
    pub conditions: Vec<String>,
    /// 办理流程（本地公布的文字）。
    #[serde(alias = "办理流程", default)]
    pub process: Option<String>,
    /// 备注。
    #[serde(alias = "备注", default)]
    pub notes: Option<String>,
}

/// 收费.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    /// 是否收费。
    #[serde(alias = "是否收费")]
    #[schemars(with = "bool")]
    pub charged: At<bool>,
    /// 收费标准。
    #[serde(alias = "收费标准", default)]
    #[schemars(with = "Option<String>")]
    pub standard: Option<At<String>>,
    /// 收费依据。
    #[serde(alias = "收费依据", default)]
    #[schemars(with = "Option<String>")]
    pub basis: Option<At<String>>,
}

/// 中介服务中的一项。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Intermediary {
    /// 中介服务名称，须是规则中这个事项的中介服务。
    #[serde(alias = "名称", alias = "中介服务名称")]
    #[schemars(with = "String")]
    pub name: At<String>,
    /// 时限，例如 "10 工作日"；不得长于规则的时限。
    #[serde(alias = "时限", default)]
    #[schemars(with = "Option<String>")]
    pub limit: Option<At<String>>,
    /// 是否收费。
    #[serde(alias = "是否收费", default)]
    #[schemars(with = "Option<bool>")]
    pub charged: Option<At<bool>>,
}

/// 申请材料中的一项。
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Material {
    /// 材料名称，须是规则中这个事项的材料。
    #[serde(alias = "材料名称", alias = "名称")]
    #[schemars(with = "String")]
    pub name: At<String>,
    /// 材料类型：原件、复印件，或两者。
    #[serde(rename = "type", alias = "材料类型", alias = "类型", default)]
    #[schemars(with = "Vec<String>")]
    pub copy: Vec<At<String>>,
    /// 份数。
    #[serde(alias = "份数", default)]
    #[schemars(with = "Option<u32>")]
    pub copies: Option<At<u32>>,
    /// 材料形式：纸质、电子，或两者。
    #[serde(alias = "材料形式", alias = "形式", default)]
    #[schemars(with = "Vec<String>")]
    pub form: Vec<At<String>>,
    /// 填报须知。
    #[serde(alias = "填报须知", alias = "说明", default)]
    pub note: Option<String>,
}

/// Every key of each mapping of the format with its Chinese names, the
/// first being the one written in messages and the book. It must equal the
/// serde attributes above: a test compares it with what the deserializer
/// accepts, and the JSON Schema gets the Chinese names from it.
pub const KEYS: &[(&str, &str, &[&str])] = &[
    ("CatalogDoc", "region", &["地区"]),
    ("CatalogDoc", "bodies", &["实施主体"]),
    ("CatalogDoc", "entries", &["实施清单", "事项"]),
    ("CatalogDoc", "$schema", &[]),
    ("Region", "code", &["区划代码", "行政区划代码"]),
    ("Region", "name", &["名称"]),
    ("Region", "level", &["层级"]),
    ("Body", "name", &["名称"]),
    ("Body", "credit_code", &["统一社会信用代码"]),
    ("Body", "level", &["层级"]),
    ("Body", "department", &["部门", "对应部门"]),
    ("Entry", "implementation_code", &["实施编码"]),
    ("Entry", "name", &["事项名称"]),
    ("Entry", "basic_code", &["基本编码"]),
    ("Entry", "type", &["事项类型"]),
    ("Entry", "legal_basis", &["设定依据"]),
    ("Entry", "implemented_by", &["实施主体名称", "实施机构"]),
    ("Entry", "level", &["行使层级"]),
    ("Entry", "promised_limit", &["承诺办结时限", "承诺时限"]),
    ("Entry", "address", &["办理地点"]),
    ("Entry", "hours", &["办理时间"]),
    ("Entry", "phone", &["咨询电话"]),
    ("Entry", "complaint_phone", &["监督投诉电话", "投诉电话"]),
    ("Entry", "fee", &["收费"]),
    ("Entry", "online_depth", &["网上办理深度", "网办深度"]),
    ("Entry", "courier", &["是否支持物流快递", "物流快递"]),
    ("Entry", "city_wide", &["通办范围"]),
    ("Entry", "visits", &["到办事现场次数", "到现场次数"]),
    ("Entry", "materials", &["申请材料"]),
    ("Entry", "windows", &["窗口", "办理窗口"]),
    ("Entry", "zone", &["功能区"]),
    ("Entry", "implementation_basis", &["实施依据"]),
    ("Entry", "intermediary_services", &["中介服务"]),
    ("Entry", "conditions", &["受理条件"]),
    ("Entry", "process", &["办理流程"]),
    ("Entry", "notes", &["备注"]),
    ("Fee", "charged", &["是否收费"]),
    ("Fee", "standard", &["收费标准"]),
    ("Fee", "basis", &["收费依据"]),
    ("Intermediary", "name", &["名称", "中介服务名称"]),
    ("Intermediary", "limit", &["时限"]),
    ("Intermediary", "charged", &["是否收费"]),
    ("Material", "name", &["材料名称", "名称"]),
    ("Material", "type", &["材料类型", "类型"]),
    ("Material", "copies", &["份数"]),
    ("Material", "form", &["材料形式", "形式"]),
    ("Material", "note", &["填报须知", "说明"]),
];

/// The mapping (struct) whose keys are exactly `accepted` (English keys and
/// Chinese names), as a deserializer's "expected" list gives them.
pub fn mapping_of(accepted: &[&str]) -> Option<&'static str> {
    [
        "CatalogDoc",
        "Region",
        "Body",
        "Entry",
        "Fee",
        "Intermediary",
        "Material",
    ]
    .into_iter()
    .find(|mapping| {
        KEYS.iter()
            .filter(|(m, _, _)| m == mapping)
            .all(|(_, en, _)| accepted.contains(en))
            && accepted.iter().all(|key| {
                KEYS.iter()
                    .any(|(m, en, zh)| m == mapping && (en == key || zh.contains(key)))
            })
    })
}

/// The JSON Schema of a catalog document, for YAML editors.
/// Every Chinese name is added as a property with the same schema as its
/// English key, so editors complete and accept both.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(CatalogDoc);
    let mut value = serde_json::to_value(&schema).unwrap_or_default();
    add_aliases(&mut value, "CatalogDoc");
    if let Some(defs) = value.get_mut("$defs").and_then(|d| d.as_object_mut()) {
        for (name, def) in defs.iter_mut() {
            add_aliases(def, name);
        }
    }
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

fn add_aliases(schema: &mut serde_json::Value, mapping: &str) {
    let Some(properties) = schema.get_mut("properties").and_then(|p| p.as_object_mut()) else {
        return;
    };
    for (m, en, zh) in KEYS {
        if *m != mapping {
            continue;
        }
        if let Some(property) = properties.get(*en).cloned() {
            for name in *zh {
                properties.insert((*name).to_string(), property.clone());
            }
        }
    }
}
