//! yijian: a language and compiler for standardized government-service
//! approval rules.
//!
//! The phases run in one direction (see the book's architecture page):
//! [`syntax`] → [`ast`] → [`ir`] → [`graph`] → [`checks`], with
//! [`workspace`] finding and loading the files (held in a [`source`] store)
//! and [`render`] printing
//! diagnostics; service catalogs ([`catalog`]) are checked against the
//! rules. Only the CLI ([`cli`]) prints or exits.

pub mod analysis;
pub mod ast;
pub mod catalog;
pub mod checks;
pub mod cli;
pub mod diagnostics;
pub mod diff;
pub mod documents;
pub mod fonts;
pub mod format;
pub mod graph;
pub mod ir;
pub mod keywords;
pub mod lsp;
pub mod messages;
pub mod parallel;
pub mod render;
pub mod report;
pub mod schema;
pub mod source;
pub mod suggest;
pub mod syntax;
pub mod synth;
pub mod testing;
pub mod workspace;
