//! Visits and online depth: how often an applicant must go to the service
//! site, and how far the item can be handled online, from its materials and
//! results, for one set of applying materials and steps.
//!
//! The reasons, each of which names its material or result:
//! - a material to be shown as a paper original (类型 原件, 形式 纸质 only, not
//!   obtained by sharing): the applicant comes once to have it checked;
//! - a material that exists only on paper (not obtained by sharing): it is
//!   handed in at a window, once;
//! - a result that can only be collected at a window (送达方式 窗口领取 only):
//!   one more visit, unless the item is finished on the spot (即办件) during
//!   a visit the applicant makes anyway.
//!
//! Online depth follows the national levels: 4 全程网办 (no visit), 3 online
//! acceptance with at most one visit, 2 online pre-review (paper still handed
//! in, or two visits).

use crate::ast::{CopyKind, Delivery, DurationUnit, Form, Source};
use crate::ir::{Item, ItemMaterial};

/// Why a visit is needed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// A paper original must be shown.
    Original(String),
    /// A material exists only on paper and is handed in.
    PaperOnly(String),
    /// A result is handed out only at a window.
    WindowOnly(String),
}

impl Reason {
    /// The material or result the reason is about.
    pub fn subject(&self) -> &str {
        match self {
            Reason::Original(name) | Reason::PaperOnly(name) | Reason::WindowOnly(name) => name,
        }
    }

    pub fn zh(&self) -> String {
        match self {
            Reason::Original(name) => format!("“{name}”要核验纸质原件"),
            Reason::PaperOnly(name) => format!("“{name}”只有纸质形式，要到窗口递交"),
            Reason::WindowOnly(name) => format!("“{name}”只能到窗口领取"),
        }
    }

    pub fn en(&self) -> String {
        match self {
            Reason::Original(name) => format!("`{name}` must be shown as a paper original"),
            Reason::PaperOnly(name) => format!("`{name}` exists only on paper and is handed in at a window"),
            Reason::WindowOnly(name) => format!("`{name}` can only be collected at a window"),
        }
    }
}

/// The visits and online depth of one scenario, with their reasons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visits {
    pub visits: u32,
    pub online_depth: u32,
    pub reasons: Vec<Reason>,
}

fn paper_only(material: &ItemMaterial) -> bool {
    !material.form.contains(&Form::Electronic)
}

/// Visits and online depth when the materials and steps marked in
/// `materials_apply` and `steps_apply` apply.
pub fn visits(item: &Item, materials_apply: &[bool], steps_apply: &[bool]) -> Visits {
    let mut reasons = Vec::new();
    let mut hand_in = false;
    for (index, material) in item.materials.values().enumerate() {
        if !materials_apply.get(index).copied().unwrap_or(true) || material.source == Some(Source::Shared) {
            continue;
        }
        if paper_only(material) {
            hand_in = true;
            if material.copy.contains(&CopyKind::Original) && !material.copy.contains(&CopyKind::Copy) {
                reasons.push(Reason::Original(material.name.clone()));
            } else {
                reasons.push(Reason::PaperOnly(material.name.clone()));
            }
        }
    }
    let submission_visit = hand_in;
    // Results handed out by applying steps that offer no other way.
    let mut window_only = Vec::new();
    for (index, step) in item.steps.values().enumerate() {
        if !steps_apply.get(index).copied().unwrap_or(true) {
            continue;
        }
        for result in step.results() {
            if let Some((_, r)) = item.results.get_index(result.index())
                && !r.delivery.is_empty()
                && r.delivery.iter().all(|d| *d == Delivery::Window)
                && !window_only.contains(&r.name)
            {
                window_only.push(r.name.clone());
            }
        }
    }
    let on_the_spot = item
        .promised_limit
        .is_some_and(|p| p.value.unit == DurationUnit::OnTheSpot);
    // Collected during the submission visit when finished on the spot.
    let collected_while_there = on_the_spot && submission_visit;
    let collection_visit = !window_only.is_empty() && !collected_while_there;
    reasons.extend(window_only.into_iter().map(Reason::WindowOnly));
    let visits = u32::from(submission_visit) + u32::from(collection_visit);
    let online_depth = if visits == 0 {
        4
    } else if reasons.iter().any(|r| matches!(r, Reason::PaperOnly(_))) || visits > 1 {
        2
    } else {
        3
    };
    Visits {
        visits,
        online_depth,
        reasons,
    }
}
