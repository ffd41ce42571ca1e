//! E0401 a promised limit above the legal limit; W0404 one that is above it
//! under some calendars only (the two are written in different units); E0402
//! an item type that requires a legal limit without one.

use crate::analysis::calendar::{Compared, Verdict, compare};
use crate::diagnostics::{Code, Diagnostic, FileId, Span, Tr};
use crate::ir::Ir;

pub fn check(ir: &Ir, out: &mut Vec<Diagnostic>) {
    for item in ir.items.values() {
        if let (Some(promised), Some(legal)) = (item.promised_limit, item.legal_limit) {
            let compared = compare(promised.value, legal.value);
            match compared.verdict {
                Verdict::Fits => {}
                Verdict::Exceeds => out.push(with_conversion(
                    Diagnostic::new(Code::E0401, item.file, promised.span)
                        .arg("promised", promised.value.tr())
                        .arg("legal", legal.value.tr())
                        .with_label("legal", item.file, legal.span, Vec::new()),
                    &compared,
                )),
                Verdict::DependsOnHolidays => out.push(depends_on_holidays(
                    Limit {
                        file: item.file,
                        span: legal.span,
                        kind: Tr::new("法定时限", "legal limit"),
                        value: legal.value,
                    },
                    (item.file, promised.span),
                    Code::W0404.text("promised_limit", &[("limit", promised.value.tr())]),
                    &compared,
                )),
            }
        }
        if let Some(item_type) = item.item_type
            && item_type.value.requires_legal_limit()
            && item.legal_limit.is_none()
            && !item.legal_limit_invalid
        {
            out.push(
                Diagnostic::new(Code::E0402, item.file, item.at)
                    .arg("type", Tr::new(item_type.value.zh(), item_type.value.en()))
                    .arg("item", item.name.as_str()),
            );
        }
    }
}

/// The limit a claim is compared with, for W0404.
pub struct Limit {
    pub file: FileId,
    pub span: Span,
    /// 承诺时限, 法定时限 …
    pub kind: Tr,
    pub value: crate::ast::Duration,
}

/// W0404 at `at`: `subject` exceeds `limit` under some calendars only.
pub fn depends_on_holidays(limit: Limit, at: (FileId, Span), subject: Tr, compared: &Compared) -> Diagnostic {
    let diagnostic = Diagnostic::new(Code::W0404, at.0, at.1)
        .arg("subject", subject)
        .arg("limit_kind", limit.kind)
        .arg("limit", limit.value.tr())
        .arg("conversion", compared.conversion.clone().unwrap_or_else(Tr::empty));
    if (limit.file, limit.span) == at {
        diagnostic
    } else {
        diagnostic.with_label("limit", limit.file, limit.span, Vec::new())
    }
}

/// `diagnostic` with the conversion of units that decided it as a note.
pub fn with_conversion(diagnostic: Diagnostic, compared: &Compared) -> Diagnostic {
    match &compared.conversion {
        Some(conversion) => diagnostic.note(conversion.clone()),
        None => diagnostic,
    }
}
