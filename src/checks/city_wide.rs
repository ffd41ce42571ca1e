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
                        NoRoute::NoHandlingLevel => Tr::new(
                            "事项没有写“行使层级”，实施部门也没有写“层级”，不知道由哪一级办理",
                            "the item states no `levels` and its department no `level`, so no level is known to handle it",
                        ),
                        NoRoute::ChainEnds { at, declared: false } => Tr::new(
                            format!("没有“通办层级 {}”说明{}的窗口把申请流转到哪一级", at.zh(), at.zh()),
                            format!(
                                "no `acceptance-level {}` says where the {} centres pass applications to",
                                at.en(),
                                at.en()
                            ),
                        ),
                        NoRoute::ChainEnds { at, declared: true } => Tr::new(
                            format!("流转到{}为止，没有再往上流转到办理这个事项的层级", at.zh()),
                            format!(
                                "circulation stops at {} before reaching a level that handles the item",
                                at.en()
                            ),
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
