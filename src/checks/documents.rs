//! W1302: a field that a generated document would print as “未填写” (not
//! filled in). The documents of `yijian build` print every field a published
//! guide has; what the rules leave out shows as 未填写, which must not reach
//! the public unnoticed. Fields whose absence another code already reports
//! (基本编码, 类型, 实施部门: E0104; a material's 依据 and 来源: W0501, W0502)
//! are left to those codes. A step without a 时限 and an item type without a
//! legal limit print “—”, not 未填写: neither is required.

use crate::diagnostics::{Code, Diagnostic, Phrase, Tr};
use crate::ir::{Ir, Item};
use crate::keywords::FieldKw;

const GUIDE: (&str, &str) = ("办事指南", "the service guide");
const NOTICE: (&str, &str) = ("一次性告知单", "the one-time notice");
const CHECKLIST: (&str, &str) = ("受理清单", "the acceptance checklist");

/// A field, whether it is missing, the documents that print it and an example.
/// (The example is the key of its text, made only for a warning.)
type Missing<'a> = (FieldKw, bool, &'a [(&'a str, &'a str)], &'static str);

pub fn check(ir: &Ir, out: &mut Vec<Diagnostic>) {
    for item in ir.items.values() {
        let missing: [Missing<'_>; 10] = [
            (
                FieldKw::Address,
                item.address.is_none(),
                &[GUIDE, NOTICE, CHECKLIST],
                "example_address",
            ),
            (FieldKw::Hours, item.hours.is_none(), &[GUIDE, NOTICE], "example_hours"),
            (FieldKw::Phone, item.phone.is_none(), &[GUIDE, NOTICE], "example_phone"),
            (
                FieldKw::ComplaintPhone,
                item.complaint_phone.is_none(),
                &[GUIDE, NOTICE],
                "example_complaint_phone",
            ),
            (FieldKw::Fee, item.fee.is_none(), &[GUIDE, NOTICE], "example_fee"),
            (
                FieldKw::PromisedLimit,
                item.promised_limit.is_none(),
                &[GUIDE, NOTICE],
                "example_promised_limit",
            ),
            (FieldKw::Levels, item.levels.is_empty(), &[GUIDE], "example_levels"),
            (FieldKw::Serves, item.serves.is_empty(), &[GUIDE], "example_serves"),
            (
                FieldKw::LegalBasis,
                item.legal_basis.is_empty(),
                &[GUIDE],
                "example_legal_basis",
            ),
            (
                FieldKw::Conditions,
                item.conditions.is_empty(),
                &[GUIDE],
                "example_conditions",
            ),
        ];
        for (field, is_missing, names, example) in missing {
            if is_missing {
                out.push(warning(item, field, names, example));
            }
        }
        for result in item.results.values() {
            let missing = [
                (result.delivery.is_empty(), FieldKw::Delivery, "example_delivery"),
                (result.result_type.is_none(), FieldKw::Type, "example_type"),
            ];
            for (_, field, example) in missing.into_iter().filter(|m| m.0) {
                let field = Code::W1302.text(
                    "field_of_result",
                    &[
                        ("field", Tr::new(field.zh(), field.en())),
                        ("result", Tr::same(result.name.as_str())),
                    ],
                );
                out.push(
                    Diagnostic::new(Code::W1302, item.file, result.at)
                        .arg("owner", owner(item))
                        .arg("field", field)
                        .arg("documents", documents(&[GUIDE]))
                        .arg("example", Code::W1302.text(example, &[])),
                );
            }
        }
        if item.results.is_empty() && !item.steps.is_empty() {
            out.push(
                Diagnostic::new(Code::W1302, item.file, item.at)
                    .arg("owner", owner(item))
                    .arg("field", Tr::new("结果", "result"))
                    .arg("documents", documents(&[GUIDE]))
                    .arg("example", Code::W1302.text("example_result", &[])),
            );
        }
    }
    for thing in ir.things.values() {
        let owner = Phrase::Thing.tr(&[("name", Tr::same(thing.name.as_str()))]);
        for (field, missing, example) in [
            (
                FieldKw::PromisedLimit,
                thing.promised_limit.is_none(),
                "example_promised_limit",
            ),
            (FieldKw::Zone, thing.zone.is_none(), "example_zone"),
        ] {
            if missing {
                out.push(
                    Diagnostic::new(Code::W1302, thing.file, thing.at)
                        .arg("owner", owner.clone())
                        .arg("field", Tr::new(field.zh(), field.en()))
                        .arg("documents", documents(&[GUIDE, NOTICE, CHECKLIST]))
                        .arg("example", Code::W1302.text(example, &[])),
                );
            }
        }
    }
}

/// W1302 at the item's name for one of its own fields.
fn warning(item: &Item, field: FieldKw, names: &[(&str, &str)], example: &'static str) -> Diagnostic {
    Diagnostic::new(Code::W1302, item.file, item.at)
        .arg("owner", owner(item))
        .arg("field", Tr::new(field.zh(), field.en()))
        .arg("documents", documents(names))
        .arg("example", Code::W1302.text(example, &[]))
}

fn owner(item: &Item) -> Tr {
    Phrase::Item.tr(&[("name", Tr::same(item.name.as_str()))])
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
