//! Data sharing (一网流转, 国务院令第716号): which data sources can supply a
//! material, and so which materials an applicant must still bring.
//!
//! A source can stand in for the applicant's copy when it is trusted enough
//! to use without checking an original: trust level A (issued by the
//! implementing body) or B (checked at a window once, reusable), after
//! 国办函〔2016〕108号. C and D sources still need the applicant.

use crate::ast::{Necessity, Source, Trust};
use crate::ir::{DataSourceId, Ir, Item, MaterialId};

/// The data sources trusted to supply each library material, by material index.
pub fn providers(ir: &Ir) -> Vec<Vec<DataSourceId>> {
    let mut out = vec![Vec::new(); ir.materials.len()];
    for (index, source) in ir.data_sources.values().enumerate() {
        if !matches!(source.trust, Some(Trust::A | Trust::B)) {
            continue;
        }
        for material in &source.provides {
            if let Some(list) = out.get_mut(material.index()) {
                list.push(DataSourceId::from_index(index));
            }
        }
    }
    out
}

/// The trusted providers of a library material.
pub fn providers_of(providers: &[Vec<DataSourceId>], material: Option<MaterialId>) -> &[DataSourceId] {
    material
        .and_then(|m| providers.get(m.index()))
        .map_or(&[], Vec::as_slice)
}

/// How many of the item's materials the applicant must bring: those it asks
/// for (required or deferrable; optional ones are not counted) that it does
/// not obtain by sharing. Conditional materials count once (the figure is for
/// the situation where everything applies).
pub fn must_bring(item: &Item) -> usize {
    item.materials
        .values()
        .filter(|m| m.necessity != Necessity::Optional && m.source != Some(Source::Shared))
        .count()
}
