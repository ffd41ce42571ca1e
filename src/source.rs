//! The source texts of one workspace, in one place: each file's path, text,
//! line index and kind, under a [`FileId`] that stays the same while the
//! file's text is replaced and other files are added.
//!
//! Ids are positions in the order files were added: the workspace loads them
//! in path order, so diagnostics sort by path; an editor that adds a file or
//! changes one in place keeps every other id, and every span held for an
//! unchanged file stays valid. Files are never removed (an id is never
//! reused). The store reads as a slice of files in id order; only
//! [`SourceStore::add`] and [`SourceStore::set_text`] change it, so a file's
//! line index always belongs to its text.

use crate::diagnostics::FileId;
use crate::syntax::LineIndex;

/// What a loaded file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Rules,
    Manifest,
    /// A service catalog (实施清单, YAML or JSON).
    Catalog,
}

/// One loaded source text: a rule file, a manifest or a catalog.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as shown to users: relative to the current folder where
    /// possible, with `/` separators.
    pub path: String,
    pub text: String,
    pub line_index: LineIndex,
    pub kind: FileKind,
    /// Where the bytes were not UTF-8: the offset of the first invalid byte.
    pub invalid_utf8_at: Option<usize>,
}

impl SourceFile {
    /// A file of valid UTF-8 text, with its line index.
    pub fn new(path: impl Into<String>, text: impl Into<String>, kind: FileKind) -> SourceFile {
        let text = text.into();
        SourceFile {
            path: path.into(),
            line_index: LineIndex::new(&text),
            text,
            kind,
            invalid_utf8_at: None,
        }
    }
}

/// The files of one workspace, by [`FileId`].
#[derive(Debug, Default)]
pub struct SourceStore {
    files: Vec<SourceFile>,
}

impl SourceStore {
    pub fn new() -> SourceStore {
        SourceStore::default()
    }

    /// Adds a file and returns its id: the next one, never an id in use.
    pub fn add(&mut self, file: SourceFile) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(file);
        id
    }

    /// Replaces the text of file `id` (valid UTF-8, as an editor holds it)
    /// and rebuilds its line index; its id, path and kind stay. Returns
    /// whether the store has that file.
    pub fn set_text(&mut self, id: FileId, text: impl Into<String>) -> bool {
        let Some(file) = self.files.get_mut(id.0 as usize) else {
            return false;
        };
        let text = text.into();
        file.line_index = LineIndex::new(&text);
        file.text = text;
        file.invalid_utf8_at = None;
        true
    }

    /// Renames every file's path as `rename` says (a version of the rules
    /// read from a temporary folder shows its files as `REV:path`).
    pub fn rename(&mut self, rename: &dyn Fn(&str) -> String) {
        for file in &mut self.files {
            file.path = rename(&file.path);
        }
    }

    /// The file with id `id`.
    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    /// The id of the file shown as `path`.
    pub fn id_of(&self, path: &str) -> Option<FileId> {
        self.files
            .iter()
            .position(|f| f.path == path)
            .map(|index| FileId(u32::try_from(index).unwrap_or(u32::MAX)))
    }

    /// Every file with its id, in id order.
    pub fn with_ids(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(index, file)| (FileId(u32::try_from(index).unwrap_or(u32::MAX)), file))
    }
}

/// The files in id order, read-only: a file changes only through the store.
impl std::ops::Deref for SourceStore {
    type Target = [SourceFile];

    fn deref(&self) -> &[SourceFile] {
        &self.files
    }
}

impl FromIterator<SourceFile> for SourceStore {
    fn from_iter<I: IntoIterator<Item = SourceFile>>(files: I) -> SourceStore {
        SourceStore {
            files: files.into_iter().collect(),
        }
    }
}

impl<'a> IntoIterator for &'a SourceStore {
    type Item = &'a SourceFile;
    type IntoIter = std::slice::Iter<'a, SourceFile>;

    fn into_iter(self) -> Self::IntoIter {
        self.files.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (SourceStore, FileId, FileId) {
        let mut store = SourceStore::new();
        let a = store.add(SourceFile::new("a.yj", "事项 甲 {}\n", FileKind::Rules));
        let b = store.add(SourceFile::new("b.yaml", "地区: 某县\n", FileKind::Catalog));
        (store, a, b)
    }

    #[test]
    fn ids_are_given_in_the_order_files_are_added() {
        let (store, a, b) = store();
        assert_eq!((a, b), (FileId(0), FileId(1)));
        assert_eq!(store.len(), 2);
        assert_eq!(store.get(b).map(|f| f.kind), Some(FileKind::Catalog));
        assert_eq!(store.id_of("a.yj"), Some(a));
        assert_eq!(store.id_of("c.yj"), None);
        let ids: Vec<FileId> = store.with_ids().map(|(id, _)| id).collect();
        assert_eq!(ids, vec![a, b]);
    }

    #[test]
    fn replacing_a_text_keeps_every_id_and_rebuilds_the_line_index() {
        let (mut store, a, b) = store();
        let text = "事项 甲 {\n  材料：𠀀乙\n}\n";
        assert!(store.set_text(a, text));
        let file = store.get(a).unwrap();
        assert_eq!((file.path.as_str(), file.text.as_str()), ("a.yj", text));
        let offset = text.find('乙').unwrap();
        assert_eq!(file.line_index.position(&file.text, offset).line, 2);
        assert_eq!(file.line_index.offset_utf16(&file.text, 2, 8), Some(offset));
        // The other file and the ids are untouched.
        assert_eq!(store.get(b).map(|f| f.text.as_str()), Some("地区: 某县\n"));
        assert_eq!(store.id_of("a.yj"), Some(a));
        assert!(!store.set_text(FileId(7), "x"));
    }

    #[test]
    fn adding_a_file_keeps_the_ids_of_the_others() {
        let (mut store, a, b) = store();
        let c = store.add(SourceFile::new("0-first.yj", "", FileKind::Rules));
        assert_eq!(c, FileId(2));
        assert_eq!(store.id_of("a.yj"), Some(a));
        assert_eq!(store.id_of("b.yaml"), Some(b));
        assert_eq!(store.id_of("0-first.yj"), Some(c));
    }

    #[test]
    fn replacing_the_text_of_an_invalid_file_makes_it_valid() {
        let mut store = SourceStore::new();
        let id = store.add(SourceFile {
            invalid_utf8_at: Some(3),
            ..SourceFile::new("a.yj", "abc\u{FFFD}", FileKind::Rules)
        });
        assert!(store.set_text(id, "abc"));
        assert_eq!(store.get(id).and_then(|f| f.invalid_utf8_at), None);
    }
}
