//! E0403 catch-all acceptance (受理条件) or approval (审批条件) conditions
//! such as “法律、法规规定的其他条件”.

use crate::diagnostics::{Code, Diagnostic};
use crate::ir::Ir;

pub fn check(ir: &Ir, out: &mut Vec<Diagnostic>) {
    for item in ir.items.values() {
        for condition in item.conditions.iter().chain(&item.approval_conditions) {
            if is_catch_all(&condition.value) {
                out.push(Diagnostic::new(Code::E0403, item.file, condition.span).arg("text", condition.value.as_str()));
            }
        }
    }
}

/// A condition is a catch-all when it defers to unnamed other rules: “规定的其他
/// 条件”, “其他条件”, “等其他” and the like, however punctuated.
pub fn is_catch_all(text: &str) -> bool {
    let plain: String = text.chars().filter(|c| c.is_alphanumeric()).collect();
    const PATTERNS: &[&str] = &[
        "规定的其他",
        "规定其他",
        "其他条件",
        "等其他",
        "其他情形",
        "其它条件",
        "规定的其它",
    ];
    PATTERNS.iter().any(|pattern| plain.contains(pattern))
}

#[cfg(test)]
mod tests {
    use super::is_catch_all;

    #[test]
    fn recognises_catch_all_wordings() {
        assert!(is_catch_all("法律、法规规定的其他条件"));
        assert!(is_catch_all("法律法规规定的其它条件。"));
        assert!(is_catch_all("符合法律、行政法规规定的其他情形"));
        assert!(!is_catch_all("具有与经营的食品品种、数量相适应的经营场所"));
    }
}
