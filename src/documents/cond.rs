//! Conditions (`当 …`) for documents: a sentence a clerk reads next to a
//! material or step, and an expression over situation *keys* that the HTML
//! questionnaire evaluates in the browser.
//!
//! Keys rather than ids let a thing merge the situations its items share
//! (the same question is asked once) and keep the expression meaningful
//! outside the item it came from.

use crate::ast::fmt_number;
use crate::ir::{Cond, Domain, Named, Situation};

/// The situations a condition is written over: an item's or a thing's.
type Situations = Named<Situation>;
use serde::Serialize;

/// A condition as documents use it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CondDoc {
    /// For people: `申请方式 = 告知承诺`, `婚生：否，且落户方 = 随父`.
    pub text: String,
    /// For the questionnaire.
    pub expr: CondExpr,
}

/// A condition over situation keys.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum CondExpr {
    Or {
        args: Vec<CondExpr>,
    },
    And {
        args: Vec<CondExpr>,
    },
    Not {
        arg: Box<CondExpr>,
    },
    /// A yes/no situation holds.
    Flag {
        key: String,
    },
    /// An enumerated situation (not) equal to a value.
    Enum {
        key: String,
        equal: bool,
        value: String,
    },
    /// A number compared with a constant: `op` is one of `= ≠ < ≤ > ≥`.
    Number {
        key: String,
        cmp: String,
        value: f64,
    },
    /// Never evaluated: a condition that did not resolve (reported by check).
    Unknown,
}

/// Converts a condition over `situations`, naming situation `i` by `keys[i]`.
pub fn convert(situations: &Situations, cond: &Cond, keys: &[String]) -> CondDoc {
    CondDoc {
        text: text(situations, cond, Parent::Top),
        expr: expr(situations, cond, keys),
    }
}

/// Either of two conditions (a material two items of a thing ask for under
/// their own conditions).
pub fn either(parts: Vec<CondDoc>) -> Option<CondDoc> {
    let mut parts = parts;
    parts.dedup();
    match parts.len() {
        0 => None,
        1 => parts.pop(),
        _ => Some(CondDoc {
            // Items that ask alike read alike: say it once.
            text: {
                let mut texts: Vec<&str> = Vec::new();
                for part in &parts {
                    if !texts.contains(&part.text.as_str()) {
                        texts.push(&part.text);
                    }
                }
                texts.join("；或")
            },
            expr: CondExpr::Or {
                args: parts.into_iter().map(|p| p.expr).collect(),
            },
        }),
    }
}

/// Both conditions: a thing's condition for an optional item and the item's
/// own condition for one of its materials.
pub fn both(outer: CondDoc, inner: Option<CondDoc>) -> CondDoc {
    let Some(inner) = inner else { return outer };
    let wrap = |text: &str| {
        if text.contains('，') {
            format!("（{text}）")
        } else {
            text.to_string()
        }
    };
    CondDoc {
        text: format!("{}，且{}", wrap(&outer.text), wrap(&inner.text)),
        expr: CondExpr::And {
            args: vec![outer.expr, inner.expr],
        },
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Parent {
    Top,
    And,
    Or,
    Not,
}

fn situation_name(situations: &Situations, index: usize) -> (&str, Option<&Domain>) {
    situations
        .get_index(index)
        .map_or(("?", None), |s| (s.name.as_str(), Some(&s.domain)))
}

fn text(situations: &Situations, cond: &Cond, parent: Parent) -> String {
    match cond {
        Cond::Or(parts) | Cond::And(parts) => {
            let (own, joiner) = match cond {
                Cond::Or(_) => (Parent::Or, "，或"),
                _ => (Parent::And, "，且"),
            };
            let inner: Vec<String> = parts.iter().map(|p| text(situations, p, own)).collect();
            let joined = inner.join(joiner);
            if parent == Parent::Top || parent == own {
                joined
            } else {
                format!("（{joined}）")
            }
        }
        Cond::Not(inner) => match inner.as_ref() {
            Cond::Flag(id) => format!("{}：否", situation_name(situations, id.index()).0),
            other => format!("非（{}）", text(situations, other, Parent::Not)),
        },
        Cond::Flag(id) => format!("{}：是", situation_name(situations, id.index()).0),
        Cond::Enum {
            situation,
            equal,
            value,
        } => {
            let (name, domain) = situation_name(situations, situation.index());
            let value = match domain {
                Some(Domain::Enum(values)) => values.get(*value).map_or("?", |(v, _)| v.as_str()),
                _ => "?",
            };
            format!("{name} {} {value}", if *equal { "=" } else { "≠" })
        }
        Cond::Number { situation, op, value } => {
            let (name, domain) = situation_name(situations, situation.index());
            let unit = match domain {
                Some(Domain::Number { unit: Some(unit), .. }) => unit.as_str(),
                _ => "",
            };
            format!(
                "{name} {} {}{}",
                op.symbol(),
                fmt_number(*value),
                if unit.is_empty() {
                    String::new()
                } else {
                    format!(" {unit}")
                }
            )
        }
        Cond::Invalid => "?".to_string(),
    }
}

fn expr(situations: &Situations, cond: &Cond, keys: &[String]) -> CondExpr {
    let key = |index: usize| keys.get(index).cloned().unwrap_or_default();
    match cond {
        Cond::Or(parts) => CondExpr::Or {
            args: parts.iter().map(|p| expr(situations, p, keys)).collect(),
        },
        Cond::And(parts) => CondExpr::And {
            args: parts.iter().map(|p| expr(situations, p, keys)).collect(),
        },
        Cond::Not(inner) => CondExpr::Not {
            arg: Box::new(expr(situations, inner, keys)),
        },
        Cond::Flag(id) => CondExpr::Flag { key: key(id.index()) },
        Cond::Enum {
            situation,
            equal,
            value,
        } => {
            let value = match situation_name(situations, situation.index()).1 {
                Some(Domain::Enum(values)) => values.get(*value).map(|(v, _)| v.clone()).unwrap_or_default(),
                _ => String::new(),
            };
            CondExpr::Enum {
                key: key(situation.index()),
                equal: *equal,
                value,
            }
        }
        Cond::Number { situation, op, value } => CondExpr::Number {
            key: key(situation.index()),
            cmp: op.symbol().to_string(),
            value: *value,
        },
        Cond::Invalid => CondExpr::Unknown,
    }
}
