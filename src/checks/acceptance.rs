//! E0304 an item with steps but no acceptance step; E0307 more than one.

use crate::ast::StepType;
use crate::diagnostics::{Code, Diagnostic};
use crate::ir::Ir;

pub fn check(ir: &Ir, out: &mut Vec<Diagnostic>) {
    for item in ir.items.values() {
        if item.steps.is_empty() {
            continue;
        }
        let mut accepting = item.steps.values().filter(|s| s.step_type == StepType::Accept);
        match accepting.next() {
            None => out.push(Diagnostic::new(Code::E0304, item.file, item.at).arg("item", item.name.as_str())),
            Some(first) => {
                for other in accepting {
                    out.push(
                        Diagnostic::new(Code::E0307, item.file, other.at)
                            .arg("item", item.name.as_str())
                            .with_label("first", item.file, first.at, Vec::new()),
                    );
                }
            }
        }
    }
}
