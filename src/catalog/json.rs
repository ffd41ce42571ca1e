//! Catalogs in JSON: a serde `Deserializer` over the file's text that knows
//! the byte offset of every value, so the same typed model as for YAML
//! ([`super::model`]) is read in one pass, at the speed of serde_json, with
//! each [`super::model::At`] value carrying its exact span.
//!
//! Values wrapped in `At<T>` ask for the newtype struct [`AT`]; this reader
//! answers with a three-entry map (start, value, end), which `At` reads back.
//! Every error carries the span it belongs to: a syntax error at the byte
//! where reading stopped, an unknown or repeated key at the key, a missing
//! key at the `{` of its object, a value of the wrong type at the value.
//! Repeated keys are refused (serde's derive reports them for every struct of
//! the model, which is closed), like the YAML reader does.

use crate::diagnostics::{Code, Span, Tr};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// The newtype-struct name by which `At<T>` asks for its span.
pub const AT: &str = "$yijian::catalog::At";

/// Objects and arrays nested deeper than this are refused: the model is four
/// levels deep, and the reader must never overflow the stack.
const MAX_DEPTH: usize = 64;

/// What went wrong, and where.
#[derive(Debug)]
pub struct Error {
    pub kind: ErrorKind,
    pub span: Option<Span>,
}

#[derive(Debug)]
pub enum ErrorKind {
    /// The text is not JSON.
    Syntax(Syntax),
    /// A key the mapping does not have; `expected` lists the keys it has.
    UnknownField {
        field: String,
        expected: &'static [&'static str],
    },
    /// A key given twice (or under two of its names).
    DuplicateField(&'static str),
    /// A required key that is not there.
    MissingField(&'static str),
    /// A value of the wrong type or out of range: E1403's template `key`
    /// with its arguments.
    Invalid {
        key: &'static str,
        args: Vec<(&'static str, Tr)>,
    },
    /// Anything else a type reports.
    Other(String),
}

/// The JSON syntax errors, each with what to do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// The text ends inside a value.
    Eof,
    /// The text ends before this `{` or `[` is closed.
    Unclosed,
    /// A `,` right before `}` or `]`.
    TrailingComma,
    /// A string without its closing `"`.
    UnterminatedString,
    /// A tab, newline or other control character inside a string.
    ControlInString,
    /// A `\` not followed by one of `"\/bfnrtu` (or a bad `\u` escape).
    BadEscape,
    /// A key not followed by `:`.
    ExpectedColon,
    /// Two values not separated by `,`, or an object or array not closed.
    ExpectedComma,
    /// A key that is not a string in double quotes.
    ExpectedKey,
    /// Something that starts no JSON value (a bare word, a `'`).
    ExpectedValue,
    /// A number JSON does not allow (`01`, `1.`, `+1`).
    BadNumber,
    /// More text after the value.
    TrailingText,
    /// Objects or arrays nested too deep.
    TooDeep,
}

impl Syntax {
    /// E1401's template that says what is wrong.
    pub fn detail_key(self) -> &'static str {
        match self {
            Syntax::Eof => "json_eof",
            Syntax::Unclosed => "json_unclosed",
            Syntax::TrailingComma => "json_trailing_comma",
            Syntax::UnterminatedString => "json_unterminated_string",
            Syntax::ControlInString => "json_control_in_string",
            Syntax::BadEscape => "json_bad_escape",
            Syntax::ExpectedColon => "json_expected_colon",
            Syntax::ExpectedComma => "json_expected_comma",
            Syntax::ExpectedKey => "json_expected_key",
            Syntax::ExpectedValue => "json_expected_value",
            Syntax::BadNumber => "json_bad_number",
            Syntax::TrailingText => "json_trailing_text",
            Syntax::TooDeep => "json_too_deep",
        }
    }

    /// E1401's template that says how to fix it.
    pub fn fix_key(self) -> &'static str {
        match self {
            Syntax::Eof => "json_eof_fix",
            Syntax::Unclosed => "json_unclosed_fix",
            Syntax::TrailingComma => "json_trailing_comma_fix",
            Syntax::UnterminatedString => "json_unterminated_string_fix",
            Syntax::ControlInString => "json_control_in_string_fix",
            Syntax::BadEscape => "json_bad_escape_fix",
            Syntax::ExpectedColon => "json_expected_colon_fix",
            Syntax::ExpectedComma => "json_expected_comma_fix",
            Syntax::ExpectedKey => "json_expected_key_fix",
            Syntax::ExpectedValue => "json_expected_value_fix",
            Syntax::BadNumber => "json_bad_number_fix",
            Syntax::TrailingText => "json_trailing_text_fix",
            Syntax::TooDeep => "json_too_deep_fix",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Syntax(syntax) => f.write_str(
                crate::diagnostics::Code::E1401
                    .text(syntax.detail_key(), &[])
                    .en
                    .as_str(),
            ),
            ErrorKind::UnknownField { field, .. } => write!(f, "unknown field `{field}`"),
            ErrorKind::DuplicateField(field) => write!(f, "duplicate field `{field}`"),
            ErrorKind::MissingField(field) => write!(f, "missing field `{field}`"),
            ErrorKind::Invalid { key, args } => f.write_str(&Code::E1403.text(key, args).en),
            ErrorKind::Other(text) => f.write_str(text),
        }
    }
}

impl std::error::Error for Error {}

impl Error {
    fn new(kind: ErrorKind) -> Self {
        Error { kind, span: None }
    }

    fn syntax(syntax: Syntax, at: usize, len: usize) -> Self {
        Error {
            kind: ErrorKind::Syntax(syntax),
            span: Some(Span::new(at, at + len)),
        }
    }

    /// Places an error that has no span yet.
    fn at(mut self, span: Span) -> Self {
        if self.span.is_none() {
            self.span = Some(span);
        }
        self
    }
}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error::new(ErrorKind::Other(msg.to_string()))
    }
    fn invalid_type(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        Error::invalid("json_type", &unexp, exp)
    }
    fn invalid_value(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        Error::invalid("json_value", &unexp, exp)
    }
    fn invalid_length(len: usize, exp: &dyn de::Expected) -> Self {
        let expected = exp.to_string();
        let len = len.to_string();
        Error::new(ErrorKind::Invalid {
            key: "json_length",
            args: vec![
                ("len", Tr::new(len.clone(), len)),
                ("expected", Tr::new(expected.clone(), expected)),
            ],
        })
    }
    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Error::new(ErrorKind::Invalid {
            key: "json_variant",
            args: vec![
                ("variant", Tr::same(variant)),
                ("allowed", Tr::new(expected.join("、"), expected.join(", "))),
            ],
        })
    }
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Error::new(ErrorKind::UnknownField {
            field: field.to_string(),
            expected,
        })
    }
    fn missing_field(field: &'static str) -> Self {
        Error::new(ErrorKind::MissingField(field))
    }
    fn duplicate_field(field: &'static str) -> Self {
        Error::new(ErrorKind::DuplicateField(field))
    }
}

/// What serde expected, in the words of the catalog format.
fn expected_zh(expected: &str) -> String {
    match expected {
        "a boolean" => "是非值 true 或 false（不加引号）".to_string(),
        "a string" => "双引号中的文字".to_string(),
        "u8" | "u16" | "u32" | "u64" | "usize" => "不加引号的整数（0、1、2……）".to_string(),
        "a sequence" => "数组 [ … ]".to_string(),
        other if other.starts_with("struct ") => "对象 { … }".to_string(),
        other => other.to_string(),
    }
}

/// What was found, in Chinese.
impl Error {
    /// E1403 for a value of the wrong type (`key` `json_type`) or out of
    /// range (`json_value`): what was expected and what was found, the text
    /// found being the user's.
    fn invalid(key: &'static str, unexpected: &de::Unexpected, expected: &dyn de::Expected) -> Self {
        let expected = expected.to_string();
        let mut found = Tr::new(unexpected_zh(unexpected), unexpected.to_string());
        if let de::Unexpected::Str(text) = unexpected {
            found.user.push((*text).to_string());
        }
        Error::new(ErrorKind::Invalid {
            key,
            args: vec![
                ("expected", Tr::new(expected_zh(&expected), expected)),
                ("found", found),
            ],
        })
    }
}

fn unexpected_zh(unexpected: &de::Unexpected) -> String {
    use de::Unexpected as U;
    match unexpected {
        U::Bool(b) => format!("是非值 {b}"),
        U::Unsigned(n) => format!("数字 {n}"),
        U::Signed(n) => format!("数字 {n}"),
        U::Float(n) => format!("数字 {n}"),
        U::Str(s) => format!("文字“{s}”"),
        U::Unit => "null".to_string(),
        U::Seq => "数组".to_string(),
        U::Map => "对象".to_string(),
        other => other.to_string(),
    }
}

/// Reads `text` as one JSON value of type `T`, and nothing after it.
pub fn from_str<'de, T: de::Deserialize<'de>>(text: &'de str) -> Result<T, Error> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        text,
        pos: 0,
        open: Vec::new(),
        last_key: Span::new(0, 0),
    };
    // A byte-order mark is allowed before the value.
    if text.starts_with('\u{feff}') {
        reader.pos = '\u{feff}'.len_utf8();
    }
    let value = T::deserialize(&mut reader)?;
    reader.skip_whitespace();
    if reader.pos < reader.bytes.len() {
        return Err(Error::syntax(Syntax::TrailingText, reader.pos, reader.char_len()));
    }
    Ok(value)
}

/// Whether the first value of `text` is an array (several documents).
pub fn is_array(text: &str) -> bool {
    text.trim_start_matches('\u{feff}').trim_start().starts_with('[')
}

struct Reader<'de> {
    text: &'de str,
    bytes: &'de [u8],
    pos: usize,
    /// Where each open `{` or `[` is, innermost last (at most
    /// [`MAX_DEPTH`]).
    open: Vec<usize>,
    /// The span of the last key read, for an error about it.
    last_key: Span,
}

/// A string as read: borrowed from the text when it has no escapes.
enum Text<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl<'de> Reader<'de> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        self.pos += rest
            .iter()
            .position(|b| !matches!(b, b' ' | b'\n' | b'\t' | b'\r'))
            .unwrap_or(rest.len());
    }

    /// The length in bytes of the character at the current position (for an
    /// error's span).
    fn char_len(&self) -> usize {
        self.text
            .get(self.pos..)
            .and_then(|rest| rest.chars().next())
            .map_or(0, char::len_utf8)
    }

    fn error(&self, syntax: Syntax) -> Error {
        if self.pos >= self.bytes.len() {
            return self.eof();
        }
        Error::syntax(syntax, self.pos, self.char_len())
    }

    /// The end of the text inside a value: reported at the innermost `{` or
    /// `[` left open, where the fix goes.
    fn eof(&self) -> Error {
        match self.open.last() {
            Some(&at) => Error::syntax(Syntax::Unclosed, at, 1),
            None => Error::syntax(Syntax::Eof, self.bytes.len(), 0),
        }
    }

    fn literal(&mut self, word: &[u8]) -> Result<(), Error> {
        match self.bytes.get(self.pos..self.pos + word.len()) {
            Some(found) if found == word => {
                self.pos += word.len();
                Ok(())
            }
            _ => Err(self.error(Syntax::ExpectedValue)),
        }
    }

    /// Reads a string; the position is at its opening quote.
    fn string(&mut self) -> Result<Text<'de>, Error> {
        let open = self.pos;
        self.pos += 1;
        let start = self.pos;
        // The fast path: no escape, one slice of the text. Only `"`, `\` and
        // control characters stop the scan (no UTF-8 decoding: the text is
        // valid UTF-8 and those bytes never occur inside a character).
        let rest = self.bytes.get(start..).unwrap_or_default();
        let Some(stop) = rest.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20) else {
            return Err(Error::syntax(Syntax::UnterminatedString, open, 1));
        };
        self.pos = start + stop;
        match self.peek() {
            Some(b'"') => {
                let text = self.text.get(start..self.pos).unwrap_or("");
                self.pos += 1;
                return Ok(Text::Borrowed(text));
            }
            Some(b'\\') => {}
            _ => return Err(self.string_control(open)),
        }
        let mut out = String::from(self.text.get(start..self.pos).unwrap_or(""));
        loop {
            let run = self.pos;
            let rest = self.bytes.get(run..).unwrap_or_default();
            let Some(stop) = rest.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20) else {
                return Err(Error::syntax(Syntax::UnterminatedString, open, 1));
            };
            self.pos = run + stop;
            if !matches!(self.peek(), Some(b'"' | b'\\')) {
                return Err(self.string_control(open));
            }
            out.push_str(self.text.get(run..self.pos).unwrap_or(""));
            if self.peek() == Some(b'"') {
                self.pos += 1;
                return Ok(Text::Owned(out));
            }
            // A backslash.
            let escape = self.pos;
            self.pos += 1;
            let Some(byte) = self.peek() else {
                return Err(Error::syntax(Syntax::UnterminatedString, open, 1));
            };
            self.pos += 1;
            match byte {
                b'"' => out.push('"'),
                b'\\' => out.push('\\'),
                b'/' => out.push('/'),
                b'b' => out.push('\u{8}'),
                b'f' => out.push('\u{c}'),
                b'n' => out.push('\n'),
                b'r' => out.push('\r'),
                b't' => out.push('\t'),
                b'u' => {
                    let first = self.hex4(escape)?;
                    let code = if (0xD800..0xDC00).contains(&first) {
                        // A surrogate pair: `\uD83D\uDE00`.
                        if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u".as_slice()) {
                            return Err(Error::syntax(Syntax::BadEscape, escape, 6));
                        }
                        self.pos += 2;
                        let second = self.hex4(escape)?;
                        if !(0xDC00..0xE000).contains(&second) {
                            return Err(Error::syntax(Syntax::BadEscape, escape, 12));
                        }
                        0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    } else {
                        first
                    };
                    match char::from_u32(code) {
                        Some(c) => out.push(c),
                        None => return Err(Error::syntax(Syntax::BadEscape, escape, 6)),
                    }
                }
                _ => return Err(Error::syntax(Syntax::BadEscape, escape, 2)),
            }
        }
    }

    /// A control character inside a string: a line break there most often
    /// means the closing quote is missing.
    fn string_control(&self, open: usize) -> Error {
        if matches!(self.peek(), Some(b'\n' | b'\r')) {
            Error::syntax(Syntax::UnterminatedString, open, 1)
        } else {
            Error::syntax(Syntax::ControlInString, self.pos, 1)
        }
    }

    fn hex4(&mut self, escape: usize) -> Result<u32, Error> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .ok_or(Error::syntax(Syntax::BadEscape, escape, 2))?;
        let value = u32::from_str_radix(digits, 16).map_err(|_| Error::syntax(Syntax::BadEscape, escape, 6))?;
        self.pos += 4;
        Ok(value)
    }

    /// Reads a number and hands it to `visitor`.
    fn number<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Error> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let digits = self.pos;
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                while let Some(b'0'..=b'9') = self.peek() {
                    self.pos += 1;
                }
            }
            _ => return Err(self.error(Syntax::BadNumber)),
        }
        let mut float = false;
        if self.peek() == Some(b'.') {
            float = true;
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error(Syntax::BadNumber));
            }
            while let Some(b'0'..=b'9') = self.peek() {
                self.pos += 1;
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            float = true;
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error(Syntax::BadNumber));
            }
            while let Some(b'0'..=b'9') = self.peek() {
                self.pos += 1;
            }
        }
        if let Some(b'0'..=b'9') = self.peek() {
            // `01`: a leading zero.
            return Err(Error::syntax(Syntax::BadNumber, start, self.pos + 1 - start));
        }
        let text = self.text.get(start..self.pos).unwrap_or("0");
        if !float {
            if negative {
                if let Ok(n) = text.parse::<i64>() {
                    return visitor.visit_i64(n);
                }
            } else if let Ok(n) = text.get(digits - start..).unwrap_or("0").parse::<u64>() {
                return visitor.visit_u64(n);
            }
        }
        match text.parse::<f64>() {
            Ok(n) => visitor.visit_f64(n),
            Err(_) => Err(Error::syntax(Syntax::BadNumber, start, self.pos - start)),
        }
    }

    /// Skips whitespace and returns the next byte, which must be there.
    fn next_token(&mut self) -> Result<u8, Error> {
        self.skip_whitespace();
        self.peek().ok_or_else(|| self.eof())
    }

    fn enter(&mut self) -> Result<(), Error> {
        self.open.push(self.pos);
        if self.open.len() > MAX_DEPTH {
            return Err(self.error(Syntax::TooDeep));
        }
        Ok(())
    }

    /// Requires the closing `close` of an object or array whose visitor is
    /// done: elements left over are an invalid length.
    fn close(&mut self, close: u8) -> Result<(), Error> {
        match self.next_token()? {
            byte if byte == close => {
                self.pos += 1;
                self.open.pop();
                Ok(())
            }
            b',' => Err(Error::new(ErrorKind::Invalid {
                key: "json_too_many",
                args: Vec::new(),
            })),
            _ => Err(self.error(Syntax::ExpectedComma)),
        }
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let start = self.pos_of_value()?;
        let result = match self.peek() {
            Some(b'{') => {
                self.enter()?;
                self.pos += 1;
                let value = visitor.visit_map(Entries {
                    reader: &mut *self,
                    first: true,
                });
                // A missing key is reported at the object's `{`; a repeated
                // one at the key.
                let value = value.map_err(|e| match e.kind {
                    ErrorKind::DuplicateField(_) => e.at(self.last_key),
                    _ => e.at(Span::new(start, start + 1)),
                })?;
                self.close(b'}').map(|()| value)
            }
            Some(b'[') => {
                self.enter()?;
                self.pos += 1;
                let value = visitor.visit_seq(Elements {
                    reader: &mut *self,
                    first: true,
                })?;
                self.close(b']').map(|()| value)
            }
            Some(b'"') => match self.string()? {
                Text::Borrowed(text) => visitor.visit_borrowed_str(text),
                Text::Owned(text) => visitor.visit_string(text),
            },
            Some(b't') => self.literal(b"true").and_then(|()| visitor.visit_bool(true)),
            Some(b'f') => self.literal(b"false").and_then(|()| visitor.visit_bool(false)),
            Some(b'n') => self.literal(b"null").and_then(|()| visitor.visit_unit()),
            Some(b'-' | b'0'..=b'9') => self.number(visitor),
            _ => Err(self.error(Syntax::ExpectedValue)),
        };
        result.map_err(|e| e.at(Span::new(start, self.pos.max(start + 1).min(self.bytes.len()))))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.pos_of_value()?;
        if self.peek() == Some(b'n') {
            self.literal(b"null")?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, Error> {
        if name != AT {
            return visitor.visit_newtype_struct(self);
        }
        let start = self.pos_of_value()?;
        visitor.visit_map(Spanned {
            reader: self,
            start,
            state: 0,
        })
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_any(de::IgnoredAny)?;
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct enum identifier
    }
}

impl Reader<'_> {
    /// Skips whitespace before a value and returns where it starts.
    fn pos_of_value(&mut self) -> Result<usize, Error> {
        self.next_token()?;
        Ok(self.pos)
    }
}

/// The entries of an object; the position is after `{` or after a value.
struct Entries<'a, 'de> {
    reader: &'a mut Reader<'de>,
    first: bool,
}

impl<'de> MapAccess<'de> for Entries<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let reader = &mut *self.reader;
        match reader.next_token()? {
            b'}' => return Ok(None),
            b',' if !self.first => {
                let comma = reader.pos;
                reader.pos += 1;
                match reader.next_token()? {
                    b'"' => {}
                    b'}' => return Err(Error::syntax(Syntax::TrailingComma, comma, 1)),
                    _ => return Err(reader.error(Syntax::ExpectedKey)),
                }
            }
            b'"' if self.first => {}
            _ if self.first => return Err(reader.error(Syntax::ExpectedKey)),
            _ => return Err(reader.error(Syntax::ExpectedComma)),
        }
        self.first = false;
        let start = reader.pos;
        let key = reader.string()?;
        let span = Span::new(start + 1, reader.pos - 1);
        reader.last_key = span;
        let key = match key {
            Text::Borrowed(text) => seed.deserialize(de::value::BorrowedStrDeserializer::<Error>::new(text)),
            Text::Owned(text) => seed.deserialize(text.into_deserializer()),
        }
        .map_err(|e| e.at(span))?;
        if reader.next_token()? != b':' {
            return Err(reader.error(Syntax::ExpectedColon));
        }
        reader.pos += 1;
        Ok(Some(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(&mut *self.reader)
    }
}

/// The elements of an array; the position is after `[` or after a value.
struct Elements<'a, 'de> {
    reader: &'a mut Reader<'de>,
    first: bool,
}

impl<'de> SeqAccess<'de> for Elements<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        let reader = &mut *self.reader;
        match reader.next_token()? {
            b']' => return Ok(None),
            b',' if !self.first => {
                let comma = reader.pos;
                reader.pos += 1;
                if reader.next_token()? == b']' {
                    return Err(Error::syntax(Syntax::TrailingComma, comma, 1));
                }
            }
            _ if self.first => {}
            _ => return Err(reader.error(Syntax::ExpectedComma)),
        }
        self.first = false;
        seed.deserialize(&mut *self.reader).map(Some)
    }
}

/// The three entries `At<T>` reads: the start, the value, the end.
struct Spanned<'a, 'de> {
    reader: &'a mut Reader<'de>,
    start: usize,
    state: u8,
}

impl<'de> MapAccess<'de> for Spanned<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let key = match self.state {
            0 => "start",
            1 => "value",
            2 => "end",
            _ => return Ok(None),
        };
        seed.deserialize(de::value::BorrowedStrDeserializer::<Error>::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        self.state += 1;
        match self.state {
            1 => seed.deserialize((self.start as u64).into_deserializer()),
            2 => seed.deserialize(&mut *self.reader),
            _ => seed.deserialize((self.reader.pos as u64).into_deserializer()),
        }
    }
}
