//! The syntax layer: text → [`tree::SyntaxFile`] plus diagnostics.
//!
//! Parsing never fails: a file with a syntax error still yields every block
//! that could be read, and one diagnostic per independent error (an unclosed
//! brace is reported at the block left open, see `recover`). pest stays
//! behind this module's wall; nothing outside it sees a pest type or rule name.

pub mod cst;
pub mod line_index;
mod parser;
mod recover;
pub mod tree;

pub use line_index::{LineIndex, Position};
pub use parser::{
    Head, MAX_NESTING, Pieces, chinese_number_value, heads, parse, parse_lossless, parse_pieces, pest_only,
    written_name,
};
