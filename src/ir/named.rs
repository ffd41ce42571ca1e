//! [`Named`]: an item's situations, materials, steps or results (and a
//! thing's situations), in writing order and looked up by name.
//!
//! An `IndexMap<String, T>` stored each entry's name twice (as the key and in
//! the entry), a hash per entry and a hash table per map: for the handful of
//! entries an item has, more than the entries themselves. `Named` keeps only
//! the entries; a lookup compares names the way [`super::name_key`] makes
//! keys (ASCII brackets read as full-width ones, spaces around trimmed),
//! without building a key. Up to [`INDEXED_FROM`] entries it reads them in
//! turn; from there it also keeps their positions sorted by name, so an item
//! with thousands of materials is not searched one by one.

use super::key_chars;
use std::cmp::Ordering;

/// An entry that carries its own name.
pub trait HasName {
    fn name(&self) -> &str;
}

/// From how many entries a [`Named`] keeps a sorted index.
const INDEXED_FROM: usize = 16;

/// Entries in writing order, each found by its name.
#[derive(Debug, Clone)]
pub struct Named<T> {
    /// A `Vec` rather than a `ThinVec`: shrunk, it takes exactly its
    /// entries' size, where a ThinVec's header would push a list of eight
    /// 128-byte materials from the allocator's 1,024-byte blocks to its
    /// 1,280-byte ones.
    entries: Vec<T>,
    /// From [`INDEXED_FROM`] entries: their positions, sorted by name.
    sorted: Option<Box<[u32]>>,
}

impl<T> Default for Named<T> {
    fn default() -> Self {
        Named {
            entries: Vec::new(),
            sorted: None,
        }
    }
}

/// Orders two names as their keys would be ordered.
fn compare(a: &str, b: &str) -> Ordering {
    if a == b {
        return Ordering::Equal;
    }
    key_chars(a).cmp(key_chars(b))
}

impl<T: HasName> Named<T> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_capacity(capacity: usize) -> Self {
        Named {
            entries: Vec::with_capacity(capacity),
            sorted: None,
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The position of the entry named `name` (compared as keys).
    pub fn get_index_of(&self, name: &str) -> Option<usize> {
        match &self.sorted {
            Some(sorted) => {
                let at = sorted
                    .binary_search_by(|&i| match self.entries.get(i as usize) {
                        Some(entry) => compare(entry.name(), name),
                        None => Ordering::Less,
                    })
                    .ok()?;
                sorted.get(at).map(|&i| i as usize)
            }
            None => self.entries.iter().position(|e| compare(e.name(), name).is_eq()),
        }
    }

    pub fn get(&self, name: &str) -> Option<&T> {
        self.get_index_of(name).and_then(|i| self.entries.get(i))
    }

    /// The entry named `name` with its position.
    pub fn get_full(&self, name: &str) -> Option<(usize, &T)> {
        let index = self.get_index_of(name)?;
        self.entries.get(index).map(|e| (index, e))
    }

    pub fn contains_key(&self, name: &str) -> bool {
        self.get_index_of(name).is_some()
    }

    /// The entry at `index`, in writing order.
    pub fn get_index(&self, index: usize) -> Option<&T> {
        self.entries.get(index)
    }

    /// Adds `entry` at the end, or puts it in the place of the entry of the
    /// same name; gives its position and the entry it replaced.
    pub fn insert_full(&mut self, entry: T) -> (usize, Option<T>) {
        if let Some(index) = self.get_index_of(entry.name())
            && let Some(slot) = self.entries.get_mut(index)
        {
            return (index, Some(std::mem::replace(slot, entry)));
        }
        let index = self.entries.len();
        let name_at = self.sorted.as_ref().map(|sorted| {
            sorted.partition_point(|&i| match self.entries.get(i as usize) {
                Some(e) => compare(e.name(), entry.name()).is_lt(),
                None => true,
            })
        });
        self.entries.push(entry);
        let position = u32::try_from(index).unwrap_or(u32::MAX);
        match (self.sorted.take(), name_at) {
            (Some(sorted), Some(at)) => {
                let mut sorted = sorted.into_vec();
                sorted.insert(at, position);
                self.sorted = Some(sorted.into_boxed_slice());
            }
            _ if self.entries.len() >= INDEXED_FROM => self.index(),
            _ => {}
        }
        (index, None)
    }

    /// Adds `entry` at the end, or in the place of the entry of the same name.
    pub fn insert(&mut self, entry: T) -> Option<T> {
        self.insert_full(entry).1
    }

    /// Sorts the positions by name, for a collection that reached [`INDEXED_FROM`].
    fn index(&mut self) {
        let entries = &self.entries;
        let mut sorted: Vec<u32> = (0..entries.len())
            .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
            .collect();
        sorted.sort_by(|&a, &b| match (entries.get(a as usize), entries.get(b as usize)) {
            (Some(a), Some(b)) => compare(a.name(), b.name()),
            _ => Ordering::Equal,
        });
        self.sorted = Some(sorted.into_boxed_slice());
    }

    /// Frees the room kept for more entries.
    pub fn shrink_to_fit(&mut self) {
        self.entries.shrink_to_fit();
    }

    /// The entries with their names, in writing order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&str, &T)> + ExactSizeIterator {
        self.entries.iter().map(|e| (e.name(), e))
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &str> + ExactSizeIterator {
        self.entries.iter().map(HasName::name)
    }

    pub fn values(&self) -> std::slice::Iter<'_, T> {
        self.entries.iter()
    }

    /// The entries, which may be changed but not renamed (the index would not follow).
    pub fn values_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.entries.iter_mut()
    }
}

impl<'a, T: HasName> IntoIterator for &'a Named<T> {
    type Item = (&'a str, &'a T);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, T>, fn(&'a T) -> (&'a str, &'a T)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|e| (e.name(), e))
    }
}

impl<T: HasName> FromIterator<T> for Named<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut named = Named::new();
        for entry in iter {
            named.insert(entry);
        }
        named
    }
}

impl<T: HasName> Extend<T> for Named<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        for entry in iter {
            self.insert(entry);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq)]
    struct Entry(String, u32);

    impl HasName for Entry {
        fn name(&self) -> &str {
            &self.0
        }
    }

    fn entry(name: &str, value: u32) -> Entry {
        Entry(name.to_string(), value)
    }

    #[test]
    fn finds_names_as_keys_with_and_without_the_index() {
        for n in [3usize, 40] {
            let mut named = Named::new();
            for i in 0..n {
                assert_eq!(
                    named.insert_full(entry(&format!("材料{}(副本)", n - i), i as u32)),
                    (i, None)
                );
            }
            assert_eq!(named.len(), n);
            assert_eq!(named.sorted.is_some(), n >= INDEXED_FROM);
            for i in 0..n {
                let name = format!("材料{}（副本）", n - i);
                assert_eq!(named.get_full(&name).map(|(at, e)| (at, e.1)), Some((i, i as u32)));
                assert_eq!(named.get_index_of(&format!(" {} ", name.replace('（', "("))), Some(i));
            }
            assert!(!named.contains_key("材料0（副本）"));
            // Replacing keeps the place.
            assert_eq!(named.insert_full(entry("材料1（副本）", 99)).0, n - 1);
            assert_eq!(named.get("材料1(副本)").map(|e| e.1), Some(99));
            assert_eq!(named.len(), n);
            let names: Vec<&str> = named.keys().collect();
            assert_eq!(names.first().copied(), Some(format!("材料{n}(副本)").as_str()));
        }
    }
}
