//! Positions as the protocol has them: lines from 0 and columns in UTF-16
//! code units (or UTF-8 bytes when both sides agree), and file URIs.

use crate::source::SourceFile;
use crate::syntax::LineIndex;
use serde_json::{Value, json};
use std::path::PathBuf;

/// The unit of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (no conversion), else UTF-16, which
    /// every client understands.
    pub fn negotiate(params: &Value) -> Encoding {
        let offered = params
            .pointer("/capabilities/general/positionEncodings")
            .and_then(Value::as_array)
            .is_some_and(|list| list.iter().any(|e| e.as_str() == Some("utf-8")));
        if offered { Encoding::Utf8 } else { Encoding::Utf16 }
    }

    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
        }
    }
}

/// Protocol positions of one text: a thin layer over the compiler's
/// [`LineIndex`], whose lines and columns count from 1.
pub struct Lines<'a> {
    index: std::borrow::Cow<'a, LineIndex>,
}

impl<'a> Lines<'a> {
    /// The lines of a text being edited (no line index kept for it yet).
    pub fn new(text: &str) -> Lines<'static> {
        Lines {
            index: std::borrow::Cow::Owned(LineIndex::new(text)),
        }
    }

    /// The lines of a loaded file, from the line index the source store keeps.
    pub fn of(file: &'a SourceFile) -> Lines<'a> {
        Lines {
            index: std::borrow::Cow::Borrowed(&file.line_index),
        }
    }

    /// The protocol position of byte `offset` (moved back to a character boundary).
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Value {
        let position = self.index.position(text, offset);
        let (line_start, _) = self.index.line_range(text, position.line);
        let character = match encoding {
            Encoding::Utf8 => position.offset - line_start,
            Encoding::Utf16 => position.utf16_column - 1,
        };
        json!({ "line": position.line - 1, "character": character })
    }

    pub fn range(&self, text: &str, start: usize, end: usize, encoding: Encoding) -> Value {
        json!({ "start": self.position(text, start, encoding), "end": self.position(text, end, encoding) })
    }

    /// The byte offset of a protocol position; a column past the end of its
    /// line means the line's end, a line past the end the text's end.
    pub fn offset(&self, text: &str, position: &Value, encoding: Encoding) -> Option<usize> {
        let line = usize::try_from(position.get("line")?.as_u64()?).ok()? + 1;
        let column = usize::try_from(position.get("character")?.as_u64()?).ok()? + 1;
        if line > self.index.n_lines() {
            return Some(text.len());
        }
        match encoding {
            Encoding::Utf8 => self.index.offset_utf8(text, line, column),
            Encoding::Utf16 => self.index.offset_utf16(text, line, column),
        }
    }

    pub fn range_to_offsets(&self, text: &str, range: &Value, encoding: Encoding) -> Option<(usize, usize)> {
        let start = self.offset(text, range.get("start")?, encoding)?;
        let end = self.offset(text, range.get("end")?, encoding)?;
        Some((start.min(end), end.max(start)))
    }
}

/// The path of a `file://` URI, percent-decoded.
pub fn path_of_uri(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    // `file:///home/…` (empty host) or `file://localhost/home/…`.
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let mut bytes = Vec::with_capacity(rest.len());
    let raw = rest.as_bytes();
    let mut at = 0;
    while let Some(&b) = raw.get(at) {
        if b == b'%' {
            let hex = rest.get(at + 1..at + 3)?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            at += 3;
        } else {
            bytes.push(b);
            at += 1;
        }
    }
    let path = PathBuf::from(String::from_utf8(bytes).ok()?);
    Some(std::fs::canonicalize(&path).unwrap_or(path))
}

/// The `file://` URI of an absolute path, percent-encoded.
pub fn uri_of_path(path: &std::path::Path) -> String {
    let mut out = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_round_trip_in_both_encodings() {
        let text = "事项 甲 {\n  材料：𠀀乙\n}";
        let lines = Lines::new(text);
        let offset = text.find('乙').unwrap_or(0);
        let utf16 = lines.position(text, offset, Encoding::Utf16);
        assert_eq!(utf16, json!({ "line": 1, "character": 7 }));
        assert_eq!(lines.offset(text, &utf16, Encoding::Utf16), Some(offset));
        let utf8 = lines.position(text, offset, Encoding::Utf8);
        assert_eq!(utf8, json!({ "line": 1, "character": 15 }));
        assert_eq!(lines.offset(text, &utf8, Encoding::Utf8), Some(offset));
        // Past the line's end: the line's end.
        let end = lines.offset(text, &json!({ "line": 0, "character": 99 }), Encoding::Utf16);
        assert_eq!(end, text.find('\n'));
    }

    #[test]
    fn uris_round_trip_chinese_paths() {
        let path = std::path::Path::new("/tmp/规则 甲/事项.yj");
        let uri = uri_of_path(path);
        assert!(uri.starts_with("file:///tmp/%E8%A7%84"), "{uri}");
        assert_eq!(path_of_uri(&uri), Some(path.to_path_buf()));
    }
}
