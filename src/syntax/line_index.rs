//! Converting byte offsets to lines and columns.
//!
//! Columns are counted in characters for people (`3:12` in a terminal) and in
//! UTF-16 code units for editors and SARIF, which is what the language server
//! protocol and code-scanning pages expect.

/// Line starts of one text, for offset → position conversion.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

/// A position in a text; all fields count from 1 except `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    pub line: usize,
    /// Column in characters (Unicode scalar values).
    pub column: usize,
    /// Column in UTF-16 code units.
    pub utf16_column: usize,
    /// Byte offset from the start of the file (from 0).
    pub offset: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        for (offset, byte) in text.bytes().enumerate() {
            if byte == b'\n' {
                line_starts.push(offset + 1);
            }
        }
        LineIndex { line_starts }
    }

    /// The position of byte `offset` in `text` (clamped to the text, and moved
    /// back to a character boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while offset > 0 && !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&start| start <= offset).max(1) - 1;
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let before = text.get(start..offset).unwrap_or("");
        Position {
            line: line + 1,
            column: before.chars().count() + 1,
            utf16_column: before.encode_utf16().count() + 1,
            offset,
        }
    }

    /// The byte range of line `line` (from 1), without its line break.
    pub fn line_range(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self
            .line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(text.len());
        let end = self
            .line_starts
            .get(line)
            .map(|next| next.saturating_sub(1))
            .unwrap_or(text.len());
        let slice = text.get(start..end).unwrap_or("");
        let end = start + slice.trim_end_matches('\r').len();
        (start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_and_utf16_units() {
        let text = "事项 甲 {\n  材料：𠀀乙\n}";
        let index = LineIndex::new(text);
        let offset = text.find('乙').unwrap();
        let pos = index.position(text, offset);
        assert_eq!((pos.line, pos.column, pos.utf16_column), (2, 7, 8));
        assert_eq!(index.position(text, 0).column, 1);
        // An offset inside a character moves back to its start.
        assert_eq!(index.position(text, 1).column, 1);
    }
}
