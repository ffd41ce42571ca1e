//! yijian: a language and compiler for standardized government-service
//! approval rules.
//!
//! The phases run in one direction (see the book's architecture page):
//! [`syntax`] → [`ast`] → [`ir`] → [`graph`] → [`checks`], with
//! [`workspace`] finding and loading the files and [`render`] printing
//! diagnostics. Only the CLI ([`cli`]) prints or exits.

pub mod diagnostics;
pub mod keywords;
pub mod syntax;
pub mod ast;
pub mod suggest;
pub mod ir;
pub mod graph;
pub mod checks;
pub mod workspace;
pub mod render;
pub mod cli;
