//! E1301: a character of a text the documents print that no shipped font
//! covers. The PDF documents embed only the fonts in `fonts/`; such a
//! character would print as a blank, and a clerk would hand out a notice with
//! a hole in a name. Every printed text is read: names, questions and values
//! of situations, and every text field.

use crate::diagnostics::{Code, Diagnostic, FileId, Span, Tr};
use crate::fonts::uncovered;
use crate::ir::{Domain, Fee, Ir};
use crate::keywords::{BlockKw, FieldKw};

pub fn check(ir: &Ir, out: &mut Vec<Diagnostic>) {
    let mut texts = Texts { out };
    for d in ir.departments.values() {
        let owner = owner(BlockKw::Department, &d.name);
        texts.name(&owner, d.at.file, d.at.span, &d.name);
        texts.field(&owner, d.at.file, d.at.span, FieldKw::FullName, d.full_name.as_deref());
        texts.field(&owner, d.at.file, d.at.span, FieldKw::Phone, d.phone.as_deref());
        texts.field(
            &owner,
            d.at.file,
            d.at.span,
            FieldKw::Description,
            d.description.as_deref(),
        );
    }
    for z in ir.zones.values() {
        let owner = owner(BlockKw::Zone, &z.name);
        texts.name(&owner, z.at.file, z.at.span, &z.name);
        texts.field(&owner, z.at.file, z.at.span, FieldKw::FullName, z.full_name.as_deref());
        texts.field(
            &owner,
            z.at.file,
            z.at.span,
            FieldKw::Description,
            z.description.as_deref(),
        );
    }
    for s in ir.data_sources.values() {
        let owner = owner(BlockKw::DataSource, &s.name);
        texts.name(&owner, s.at.file, s.at.span, &s.name);
        texts.field(
            &owner,
            s.at.file,
            s.at.span,
            FieldKw::Description,
            s.description.as_deref(),
        );
    }
    for m in ir.materials.values() {
        let owner = owner(BlockKw::Material, &m.name);
        let (file, span) = (m.at.file, m.at.span);
        texts.name(&owner, file, span, &m.name);
        for basis in m.basis.iter() {
            texts.field(&owner, file, span, FieldKw::Basis, Some(basis));
        }
        texts.field(&owner, file, span, FieldKw::Spec, m.spec.as_deref());
        texts.field(&owner, file, span, FieldKw::Description, m.description.as_deref());
    }
    for g in ir.review_groups.values() {
        let owner = owner(BlockKw::ReviewGroup, &g.name);
        texts.name(&owner, g.at.file, g.at.span, &g.name);
        texts.field(
            &owner,
            g.at.file,
            g.at.span,
            FieldKw::Description,
            g.description.as_deref(),
        );
    }
    for item in ir.items.values() {
        let file = item.file;
        let owner = owner(BlockKw::Item, &item.name);
        texts.name(&owner, file, item.at, &item.name);
        if let Some(code) = &item.code {
            texts.field(&owner, file, code.span, FieldKw::Code, Some(&code.value));
        }
        for basis in &item.legal_basis {
            texts.field(&owner, file, item.at, FieldKw::LegalBasis, Some(basis));
        }
        let conditions = [
            (FieldKw::Conditions, &item.conditions),
            (FieldKw::ApprovalConditions, &item.approval_conditions),
        ];
        for (field, list) in conditions {
            for condition in list {
                texts.field(&owner, file, condition.span, field, Some(&condition.value));
            }
        }
        for basis in &item.implementation_basis {
            texts.field(&owner, file, item.at, FieldKw::ImplementationBasis, Some(basis));
        }
        if let Some(Fee::Charged(fee)) = &item.fee {
            texts.field(&owner, file, item.at, FieldKw::Fee, Some(fee));
        }
        if let Some(Fee::Charged(fee)) = &item.courier_fee {
            texts.field(&owner, file, item.at, FieldKw::CourierFee, Some(fee));
        }
        for i in &item.intermediaries {
            let owner = inner(&owner, BlockKw::IntermediaryService, &i.name);
            texts.name(&owner, file, i.at, &i.name);
            if let Some(Fee::Charged(fee)) = &i.fee {
                texts.field(&owner, file, i.at, FieldKw::Fee, Some(fee));
            }
            texts.field(&owner, file, i.at, FieldKw::FeeBasis, i.fee_basis.as_deref());
            for basis in &i.basis {
                texts.field(&owner, file, i.at, FieldKw::Basis, Some(basis));
            }
            texts.field(&owner, file, i.at, FieldKw::Description, i.description.as_deref());
        }
        let simple = [
            (FieldKw::FeeBasis, &item.fee_basis),
            (FieldKw::Address, &item.address),
            (FieldKw::Hours, &item.hours),
            (FieldKw::Phone, &item.phone),
            (FieldKw::ComplaintPhone, &item.complaint_phone),
            (FieldKw::Description, &item.description),
        ];
        for (field, value) in simple {
            texts.field(&owner, file, item.at, field, value.as_deref());
        }
        for s in item.situations.values() {
            let owner = inner(&owner, BlockKw::Situation, &s.name);
            texts.name(&owner, file, s.at, &s.name);
            texts.field(&owner, file, s.at, FieldKw::Question, s.question.as_deref());
            match &s.domain {
                Domain::Enum(values) => {
                    for (value, span) in values {
                        texts.field(&owner, file, *span, FieldKw::Values, Some(value));
                    }
                }
                Domain::Number { unit, .. } => texts.field(&owner, file, s.at, FieldKw::Unit, unit.as_deref()),
                Domain::Bool => {}
            }
        }
        for m in item.materials.values() {
            let owner = inner(&owner, BlockKw::Material, &m.name);
            texts.name(&owner, file, m.at, &m.name);
            for basis in m.basis.iter() {
                texts.field(&owner, file, m.at, FieldKw::Basis, Some(basis));
            }
            texts.field(&owner, file, m.at, FieldKw::Spec, m.spec.as_deref());
            texts.field(&owner, file, m.at, FieldKw::Description, m.description());
        }
        for s in item.steps.values() {
            let owner = inner(&owner, BlockKw::Step, &s.name);
            texts.name(&owner, file, s.at, &s.name);
            texts.field(&owner, file, s.at, FieldKw::Description, s.description());
        }
        for r in item.results.values() {
            let owner = inner(&owner, BlockKw::Result, &r.name);
            texts.name(&owner, file, r.at, &r.name);
            texts.field(
                &owner,
                file,
                r.at,
                FieldKw::Sample,
                r.sample().map(|s| s.value.as_str()),
            );
            texts.field(&owner, file, r.at, FieldKw::Validity, r.validity());
            texts.field(&owner, file, r.at, FieldKw::Description, r.description());
        }
    }
    for thing in ir.things.values() {
        let owner = owner(BlockKw::Thing, &thing.name);
        texts.name(&owner, thing.file, thing.at, &thing.name);
        texts.field(
            &owner,
            thing.file,
            thing.at,
            FieldKw::Description,
            thing.description.as_deref(),
        );
        for member in &thing.items {
            texts.field(
                &owner,
                thing.file,
                member.at,
                FieldKw::Description,
                member.description.as_deref(),
            );
        }
        for review in &thing.joint_reviews {
            let owner = inner(&owner, BlockKw::JointReview, &review.name);
            texts.name(&owner, thing.file, review.at, &review.name);
        }
    }
}

struct Texts<'a> {
    out: &'a mut Vec<Diagnostic>,
}

impl Texts<'_> {
    fn name(&mut self, owner: &Owner<'_>, file: FileId, span: Span, text: &str) {
        self.report(owner, file, span, || Tr::new("名称", "name"), text);
    }

    fn field(&mut self, owner: &Owner<'_>, file: FileId, span: Span, field: FieldKw, text: Option<&str>) {
        if let Some(text) = text {
            self.report(owner, file, span, || Tr::new(field.zh(), field.en()), text);
        }
    }

    /// The words of the message are made only for a text that has an
    /// uncovered character: almost every text has none.
    fn report(&mut self, owner: &Owner<'_>, file: FileId, span: Span, field: impl Fn() -> Tr, text: &str) {
        let chars = uncovered(text);
        if chars.is_empty() {
            return;
        }
        let (owner_text, field) = (owner.text(), field());
        for c in chars {
            self.out.push(
                Diagnostic::new(Code::E1301, file, span)
                    .arg("owner", owner_text.clone())
                    .arg("decl", Tr::new(owner.kind.zh(), owner.kind.en()))
                    .arg("field", field.clone())
                    .arg("char", c.to_string())
                    .arg("codepoint", format!("U+{:04X}", u32::from(c))),
            );
        }
    }
}

/// The declaration a text belongs to: its kind (the label says "this
/// 材料") and how the message names it (`事项“A”的材料“B”`), the words made
/// only when a message needs them.
struct Owner<'a> {
    kind: BlockKw,
    name: &'a str,
    outer: Option<&'a Owner<'a>>,
}

impl Owner<'_> {
    fn text(&self) -> Tr {
        let kind = ("kind", Tr::new(self.kind.zh(), self.kind.en()));
        let name = ("name", Tr::same(self.name));
        match self.outer {
            None => Code::E1301.text("owner", &[kind, name]),
            Some(outer) => Code::E1301.text("inner_owner", &[("outer", outer.text()), kind, name]),
        }
    }
}

fn owner(kind: BlockKw, name: &str) -> Owner<'_> {
    Owner {
        kind,
        name,
        outer: None,
    }
}

fn inner<'a>(outer: &'a Owner<'a>, kind: BlockKw, name: &'a str) -> Owner<'a> {
    Owner {
        kind,
        name,
        outer: Some(outer),
    }
}
