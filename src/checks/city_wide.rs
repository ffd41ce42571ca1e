//! City-wide handling (一城通办):
//! - E1201 a level of an item's 通办范围 from which no chain of 通办层级 leads
//!   to a level that handles the item;
//! - E1202 a 通办层级 that passes applications to a level that is not higher;
//! - W1203 an item finished on the spot (即办件) that stops being so when a
//!   centre of another level accepts it.

use crate::analysis::Analyses;
use crate::analysis::city_wide::{self, Chain, NoRoute};
use crate::diagnostics::{Code, Diagnostic, Tr};
use crate::graph::Graphs;
use crate::ir::Ir;

pub fn check(ir: &Ir, graphs: &Graphs, analyses: &Analyses, out: &mut Vec<Diagnostic>) {
    for level in ir.acceptance_levels.values() {
        if let Some(to) = level.forwards_to
            && to.value >= level.level
        {
            out.push(
                Diagnostic::new(Code::E1202, level.at.file, to.span)
                    .arg("level", Tr::new(level.level.zh(), level.level.en()))
                    .arg("to", Tr::new(to.value.zh(), to.value.en())),
            );
        }
    }
    let chain = Chain::new(ir);
    for (index, item) in ir.items.values().enumerate() {
        if item.city_wide.is_empty() {
            continue;
        }
        let days = analyses.longest_days(ir, graphs, crate::ir::ItemId::from_index(index));
        let routes = city_wide::routes(ir, &chain, item, days.unwrap_or(0.0));
        let on_the_spot = routes
            .iter()
            .flatten()
            .next()
            .is_some_and(|r| city_wide::on_the_spot(item, r.processing_days));
        for (level, route) in item.city_wide.iter().zip(routes) {
            let level_word = Tr::new(level.value.zh(), level.value.en());
            match route {
                Err(reason) => {
                    let why = match reason {
                        NoRoute::NoHandlingLevel => Code::E1201.text("no_handling_level", &[]),
                        NoRoute::ChainEnds { at, declared } => Code::E1201.text(
                            if declared { "chain_ends" } else { "no_acceptance_level" },
                            &[("at", Tr::new(at.zh(), at.en()))],
                        ),
                    };
                    let handling = city_wide::handling_levels(ir, item);
                    let handled = Tr::new(
                        handling.iter().map(|l| l.zh()).collect::<Vec<_>>().join("、"),
                        handling.iter().map(|l| l.en()).collect::<Vec<_>>().join(", "),
                    );
                    out.push(
                        Diagnostic::new(Code::E1201, item.file, level.span)
                            .arg("item", item.name.as_str())
                            .arg("level", level_word)
                            .arg("handled", handled)
                            .arg("why", why),
                    );
                }
                Ok(route) if on_the_spot && route.is_remote() && route.adds_time() => {
                    out.push(
                        Diagnostic::new(Code::W1203, item.file, level.span)
                            .arg("item", item.name.as_str())
                            .arg("level", level_word)
                            .arg("handled", Tr::new(route.handled_at.zh(), route.handled_at.en()))
                            .arg("total", route.total_text())
                            .arg("chain", route.explain()),
                    );
                }
                Ok(_) => {}
            }
        }
    }
}
