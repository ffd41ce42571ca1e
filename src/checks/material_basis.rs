//! W0501 a material without legal basis; W0502 a material without source.
//!
//! A library material is checked where it is declared; an item's material
//! only when the item declares it itself (a use of a library material that
//! lacks a basis is reported once, at the library).

use crate::diagnostics::{Code, Diagnostic};
use crate::ir::Ir;

pub fn check(ir: &Ir, out: &mut Vec<Diagnostic>) {
    for material in ir.materials.values() {
        if material.basis.is_empty() {
            out.push(
                Diagnostic::new(Code::W0501, material.at.file, material.at.span)
                    .arg("material", material.name.as_str()),
            );
        }
        if material.source.is_none() {
            out.push(
                Diagnostic::new(Code::W0502, material.at.file, material.at.span)
                    .arg("material", material.name.as_str()),
            );
        }
    }
    for item in ir.items.values() {
        for material in item.materials.values() {
            let library = material
                .library
                .and_then(|id| crate::ir::get(&ir.materials, id.index()));
            let library_lacks_basis = library.is_some_and(|l| l.basis.is_empty());
            let library_lacks_source = library.is_some_and(|l| l.source.is_none());
            if material.basis.is_empty() && !library_lacks_basis {
                out.push(Diagnostic::new(Code::W0501, item.file, material.at).arg("material", material.name.as_str()));
            }
            if material.source.is_none() && !library_lacks_source {
                out.push(Diagnostic::new(Code::W0502, item.file, material.at).arg("material", material.name.as_str()));
            }
        }
    }
}
