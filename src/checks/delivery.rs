//! E0306 a result that no step delivers.

use crate::diagnostics::{Code, Diagnostic};
use crate::ir::Ir;

pub fn check(ir: &Ir, out: &mut Vec<Diagnostic>) {
    for item in ir.items.values() {
        for (index, result) in item.results.values().enumerate() {
            let delivered = item
                .steps
                .values()
                .any(|step| step.delivers.iter().any(|(id, _)| id.index() == index));
            if !delivered {
                out.push(Diagnostic::new(Code::E0306, item.file, result.at).arg("result", result.name.as_str()));
            }
        }
    }
}
