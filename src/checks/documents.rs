//! W1302: a field that a generated document would print as “未填写” (not
//! filled in). The documents of `yijian build` print every field a published
//! guide has; what the rules leave out shows as 未填写, which must not reach
//! the public unnoticed. Fields whose absence another code already reports
//! (基本编码, 类型, 实施部门: E0104; a material's 依据 and 来源: W0501, W0502)
//! are left to those codes. A step without a 时限 and an item type without a
//! legal limit print “—”, not 未填写: neither is required.

use crate::diagnostics::{Code, Diagnostic, Tr};
use crate::ir::{Ir, Item};
use crate::keywords::FieldKw;

const GUIDE: (&str, &str) = ("办事指南", "the service guide");
const NOTICE: (&str, &str) = ("一次性告知单", "the one-time notice");
const CHECKLIST: (&str, &str) = ("受理清单", "the acceptance checklist");

/// A field, whether it is missing, the documents that print it and an example.
type Missing<'a> = (FieldKw, bool, &'a [(&'a str, &'a str)], &'a str);

pub fn check(ir: &Ir, out: &mut Vec<Diagnostic>) {
    for item in ir.items.values() {
        let missing: [Missing<'_>; 10] = [
            (
                FieldKw::Address,
                item.address.is_none(),
                &[GUIDE, NOTICE, CHECKLIST],
                "办理地点：\"某某县政务服务中心一楼综合窗口\"",
            ),
            (
                FieldKw::Hours,
                item.hours.is_none(),
                &[GUIDE, NOTICE],
                "办理时间：\"工作日 9:00-12:00，13:30-17:00\"",
            ),
            (
                FieldKw::Phone,
                item.phone.is_none(),
                &[GUIDE, NOTICE],
                "咨询电话：\"0000-1234567\"（也可以写在功能区或实施部门中）",
            ),
            (
                FieldKw::ComplaintPhone,
                item.complaint_phone.is_none(),
                &[GUIDE, NOTICE],
                "投诉电话：\"12345\"",
            ),
            (FieldKw::Fee, item.fee.is_none(), &[GUIDE, NOTICE], "收费：否"),
            (
                FieldKw::PromisedLimit,
                item.promised_limit.is_none(),
                &[GUIDE, NOTICE],
                "承诺时限：5 工作日",
            ),
            (FieldKw::Levels, item.levels.is_empty(), &[GUIDE], "行使层级：县"),
            (
                FieldKw::Serves,
                item.serves.is_empty(),
                &[GUIDE],
                "服务对象：自然人、法人",
            ),
            (
                FieldKw::LegalBasis,
                item.legal_basis.is_empty(),
                &[GUIDE],
                "设定依据：\"《中华人民共和国行政许可法》第十二条\"",
            ),
            (
                FieldKw::Conditions,
                item.conditions.is_empty(),
                &[GUIDE],
                "受理条件：\"申请人是依法设立的企业\"",
            ),
        ];
        for (field, is_missing, names, example) in missing {
            if is_missing {
                out.push(warning(item, field, names, example));
            }
        }
        for result in item.results.values() {
            let missing = [
                (
                    result.delivery.is_empty(),
                    "送达方式",
                    "delivery",
                    "送达方式：窗口领取、邮寄",
                ),
                (result.result_type.is_none(), "类型", "type", "类型：证照"),
            ];
            for (_, zh, en, example) in missing.into_iter().filter(|m| m.0) {
                out.push(
                    Diagnostic::new(Code::W1302, item.file, result.at)
                        .arg("owner", owner(item))
                        .arg(
                            "field",
                            Tr::new(
                                format!("结果“{}”的{zh}", result.name),
                                format!("{en} of result `{}`", result.name),
                            ),
                        )
                        .arg("documents", documents(&[GUIDE]))
                        .arg("example", example),
                );
            }
        }
        if item.results.is_empty() && !item.steps.is_empty() {
            out.push(
                Diagnostic::new(Code::W1302, item.file, item.at)
                    .arg("owner", owner(item))
                    .arg("field", Tr::new("结果", "result"))
                    .arg("documents", documents(&[GUIDE]))
                    .arg(
                        "example",
                        "结果 食品经营许可证 { 类型：证照；送达方式：窗口领取、邮寄 }",
                    ),
            );
        }
    }
    for thing in ir.things.values() {
        let owner = Tr::new(format!("一件事“{}”", thing.name), format!("thing `{}`", thing.name));
        for (field, missing, example) in [
            (
                FieldKw::PromisedLimit,
                thing.promised_limit.is_none(),
                "承诺时限：5 工作日",
            ),
            (FieldKw::Zone, thing.zone.is_none(), "功能区：联合办理区"),
        ] {
            if missing {
                out.push(
                    Diagnostic::new(Code::W1302, thing.file, thing.at)
                        .arg("owner", owner.clone())
                        .arg("field", Tr::new(field.zh(), field.en()))
                        .arg("documents", documents(&[GUIDE, NOTICE, CHECKLIST]))
                        .arg("example", example),
                );
            }
        }
    }
}

/// W1302 at the item's name for one of its own fields.
fn warning(item: &Item, field: FieldKw, names: &[(&str, &str)], example: &str) -> Diagnostic {
    Diagnostic::new(Code::W1302, item.file, item.at)
        .arg("owner", owner(item))
        .arg("field", Tr::new(field.zh(), field.en()))
        .arg("documents", documents(names))
        .arg("example", example)
}

fn owner(item: &Item) -> Tr {
    Tr::new(format!("事项“{}”", item.name), format!("item `{}`", item.name))
}

/// `办事指南、一次性告知单` / `the service guide and the one-time notice`.
fn documents(names: &[(&str, &str)]) -> Tr {
    let zh: Vec<&str> = names.iter().map(|n| n.0).collect();
    let en: Vec<&str> = names.iter().map(|n| n.1).collect();
    let en = match en.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => en.join(""),
    };
    Tr::new(zh.join("、"), en)
}
