//! Converting byte offsets to lines and columns, and back.
//!
//! Columns are counted in characters for people (`3:12` in a terminal) and in
//! UTF-16 code units for editors and SARIF, which is what the language server
//! protocol and code-scanning pages expect; an editor may also count them in
//! UTF-8 bytes. Lines and columns count from 1. Converting back never fails
//! inside a line: a column past the line's end gives the end of the line
//! (before its line break), and a column inside a character gives the start
//! of that character; only a line the text does not have gives `None`.

/// Line starts of one text, for offset → position conversion.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// `u32`, as spans are (every source file's index is kept for the whole
    /// check), and cut to its length.
    line_starts: Vec<u32>,
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
                line_starts.push(u32::try_from(offset + 1).unwrap_or(u32::MAX));
            }
        }
        line_starts.shrink_to_fit();
        LineIndex { line_starts }
    }

    /// The position of byte `offset` in `text` (clamped to the text, and moved
    /// back to a character boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while offset > 0 && !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self
            .line_starts
            .partition_point(|&start| start as usize <= offset)
            .max(1)
            - 1;
        let start = self.line_starts.get(line).map_or(0, |&start| start as usize);
        let before = text.get(start..offset).unwrap_or("");
        Position {
            line: line + 1,
            column: before.chars().count() + 1,
            utf16_column: before.encode_utf16().count() + 1,
            offset,
        }
    }

    /// The byte offset of `column` (from 1, in UTF-8 bytes) on `line` (from 1).
    pub fn offset_utf8(&self, text: &str, line: usize, column: usize) -> Option<usize> {
        let (start, end) = self.existing_line(text, line)?;
        let mut offset = start.saturating_add(column.saturating_sub(1)).min(end);
        while offset > start && !text.is_char_boundary(offset) {
            offset -= 1;
        }
        Some(offset)
    }

    /// The byte offset of `column` (from 1, in UTF-16 code units) on `line`
    /// (from 1); a column between the two halves of a surrogate pair gives the
    /// start of its character.
    pub fn offset_utf16(&self, text: &str, line: usize, column: usize) -> Option<usize> {
        self.offset_counting(text, line, column, char::len_utf16)
    }

    /// The byte offset of `column` (from 1, in characters) on `line` (from 1):
    /// the inverse of [`LineIndex::position`]'s `column`.
    pub fn offset_chars(&self, text: &str, line: usize, column: usize) -> Option<usize> {
        self.offset_counting(text, line, column, |_| 1)
    }

    /// The offset after `column - 1` units on `line`, each character counting
    /// `units(c)`; a character that would pass the column is not entered.
    fn offset_counting(&self, text: &str, line: usize, column: usize, units: fn(char) -> usize) -> Option<usize> {
        let (start, end) = self.existing_line(text, line)?;
        let wanted = column.saturating_sub(1);
        let mut counted = 0;
        for (at, c) in text.get(start..end)?.char_indices() {
            let next = counted + units(c);
            if next > wanted {
                return Some(start + at);
            }
            counted = next;
        }
        Some(end)
    }

    /// The range of line `line` when the text has it.
    fn existing_line(&self, text: &str, line: usize) -> Option<(usize, usize)> {
        if line == 0 || line > self.line_starts.len() {
            return None;
        }
        Some(self.line_range(text, line))
    }

    /// The number of lines (a text ending in a line break has an empty last line).
    pub fn n_lines(&self) -> usize {
        self.line_starts.len()
    }

    /// The byte range of line `line` (from 1), without its line break.
    pub fn line_range(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self
            .line_starts
            .get(line.saturating_sub(1))
            .map_or(text.len(), |&start| start as usize);
        let end = self
            .line_starts
            .get(line)
            .map_or(text.len(), |&next| next.saturating_sub(1) as usize);
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

    /// Chinese (3 bytes, 1 UTF-16 unit), an astral character (4 bytes, 2
    /// units), ASCII, a CRLF line and an empty last line.
    const MIXED: &str = "事项 甲 {\r\n  材料：𠀀乙 x\n\n𝄞a\n";

    #[test]
    fn every_position_converts_back_to_its_offset() {
        let index = LineIndex::new(MIXED);
        for (offset, _) in MIXED.char_indices().chain([(MIXED.len(), ' ')]) {
            let pos = index.position(MIXED, offset);
            let line_start = index.line_range(MIXED, pos.line).0;
            // A line break belongs to its line's end, which every column past it also gives.
            let expected = offset.min(index.line_range(MIXED, pos.line).1);
            assert_eq!(
                index.offset_chars(MIXED, pos.line, pos.column),
                Some(expected),
                "{offset}"
            );
            assert_eq!(
                index.offset_utf16(MIXED, pos.line, pos.utf16_column),
                Some(expected),
                "{offset}"
            );
            let bytes = offset - line_start + 1;
            assert_eq!(index.offset_utf8(MIXED, pos.line, bytes), Some(expected), "{offset}");
        }
    }

    #[test]
    fn columns_count_in_each_unit() {
        let index = LineIndex::new(MIXED);
        let yi = MIXED.find('乙').unwrap();
        // `  材料：𠀀乙`: 乙 is the 7th character, at UTF-16 unit 8 and byte 15.
        assert_eq!(index.offset_chars(MIXED, 2, 7), Some(yi));
        assert_eq!(index.offset_utf16(MIXED, 2, 8), Some(yi));
        assert_eq!(index.offset_utf8(MIXED, 2, 16), Some(yi));
        let astral = MIXED.find('𠀀').unwrap();
        // Between the two halves of the surrogate pair, or inside its bytes: its start.
        assert_eq!(index.offset_utf16(MIXED, 2, 7), Some(astral));
        assert_eq!(index.offset_utf8(MIXED, 2, 14), Some(astral));
        let clef = MIXED.find('𝄞').unwrap();
        assert_eq!(index.offset_utf16(MIXED, 4, 3), Some(clef + '𝄞'.len_utf8()));
    }

    #[test]
    fn columns_past_the_end_stop_at_the_line_break() {
        let index = LineIndex::new(MIXED);
        let (_, end) = index.line_range(MIXED, 1);
        // The line ends before `\r\n`.
        assert_eq!(&MIXED[end..end + 2], "\r\n");
        assert_eq!(index.offset_chars(MIXED, 1, 1000), Some(end));
        assert_eq!(index.offset_utf16(MIXED, 1, 1000), Some(end));
        assert_eq!(index.offset_utf8(MIXED, 1, 1000), Some(end));
        // The empty line 3 and the empty last line 5.
        assert_eq!(index.offset_chars(MIXED, 3, 1), MIXED.find("\n\n").map(|at| at + 1));
        assert_eq!(index.offset_chars(MIXED, 5, 1), Some(MIXED.len()));
        assert_eq!(index.n_lines(), 5);
        // Lines the text does not have.
        assert_eq!(index.offset_chars(MIXED, 0, 1), None);
        assert_eq!(index.offset_utf16(MIXED, 6, 1), None);
        assert_eq!(index.offset_utf8(MIXED, 6, 1), None);
    }
}
