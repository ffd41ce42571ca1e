//! The integration tests: one binary, one module per area.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod book;
mod build;
mod catalog;
mod catalogs;
mod cli;
mod conventions;
mod diff;
mod fixtures;
mod format;
mod lsp;
mod report;
mod robustness;
mod situations;
mod streamed;
mod support;
mod testing;
