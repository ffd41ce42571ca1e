//! Data sharing (国务院令第716号: information obtainable by sharing may not be
//! demanded from the applicant again).
//!
//! - E0801 an item asks the applicant for a material a trusted data source
//!   supplies;
//! - W0802 an item says a material is obtained by sharing (`来源：共享获取`)
//!   but no trusted data source supplies it. Only where the workspace
//!   declares data sources at all: a workspace that does not model its data
//!   sources cannot back the claim, and is not told so on every material.

use crate::analysis::Analyses;
use crate::analysis::sharing::providers_of;
use crate::ast::Source;
use crate::diagnostics::{Code, Diagnostic, Phrase};
use crate::ir::{Ir, get};

pub fn check(ir: &Ir, analyses: &Analyses, out: &mut Vec<Diagnostic>) {
    let providers = analyses.providers();
    let models_sharing = !ir.data_sources.is_empty();
    for item in ir.items.values() {
        for material in item.materials.values() {
            let sources = providers_of(providers, material.library);
            let shared = material.source == Some(Source::Shared);
            match sources.first() {
                Some(first) if !shared => {
                    let names: Vec<&str> = sources
                        .iter()
                        .filter_map(|s| get(&ir.data_sources, s.index()))
                        .map(|s| s.name.as_str())
                        .collect();
                    let mut diagnostic = Diagnostic::new(Code::E0801, item.file, material.at)
                        .arg("material", material.name.as_str())
                        .arg("sources", Phrase::names(names));
                    if let Some(source) = get(&ir.data_sources, first.index()) {
                        diagnostic = diagnostic.with_label("source", source.at.file, source.at.span, Vec::new());
                    }
                    out.push(diagnostic);
                }
                None if shared && models_sharing => {
                    out.push(
                        Diagnostic::new(Code::W0802, item.file, material.at).arg("material", material.name.as_str()),
                    );
                }
                _ => {}
            }
        }
    }
}
