//! String interning: each distinct string gets a dense `u32` id, in order of
//! first appearance. The strings live in one buffer (no per-string heap
//! object), indexed by a hash table of ids.

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

/// Interned strings with dense ids `0..len()`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Interner {
    text: String,
    /// `ends[i]` is the end of string `i` in `text`; it starts at `ends[i - 1]`.
    ends: Vec<usize>,
    table: HashTable<u32>,
    hasher: DefaultHashBuilder,
}

fn slice<'a>(text: &'a str, ends: &[usize], id: u32) -> &'a str {
    let i = id as usize;
    let start = if i == 0 { 0 } else { ends[i - 1] };
    &text[start..ends[i]]
}

impl Interner {
    /// Number of distinct strings.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The id of `s`, if interned.
    pub(crate) fn get(&self, s: &str) -> Option<u32> {
        let hash = self.hasher.hash_one(s);
        let (text, ends) = (&self.text, &self.ends);
        self.table
            .find(hash, |&id| slice(text, ends, id) == s)
            .copied()
    }

    /// The id of `s`, interning it if new. `None` when `u32` ids are exhausted.
    pub(crate) fn intern(&mut self, s: &str) -> Option<u32> {
        let hash = self.hasher.hash_one(s);
        let (text, ends) = (&self.text, &self.ends);
        if let Some(&id) = self.table.find(hash, |&id| slice(text, ends, id) == s) {
            return Some(id);
        }
        let id = u32::try_from(self.ends.len())
            .ok()
            .filter(|&id| id < u32::MAX)?;
        self.text.push_str(s);
        self.ends.push(self.text.len());
        let (text, ends, hasher) = (&self.text, &self.ends, &self.hasher);
        self.table
            .insert_unique(hash, id, |&other| hasher.hash_one(slice(text, ends, other)));
        Some(id)
    }

    /// The string with id `id` (which must come from this interner).
    pub(crate) fn resolve(&self, id: u32) -> &str {
        slice(&self.text, &self.ends, id)
    }

    /// Heap bytes held (approximate).
    pub(crate) fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.ends.capacity() * std::mem::size_of::<usize>()
            + self.table.capacity() * (std::mem::size_of::<u32>() + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::Interner;

    #[test]
    fn ids_are_dense_and_stable() {
        let mut i = Interner::default();
        assert_eq!(i.intern("b"), Some(0));
        assert_eq!(i.intern("a"), Some(1));
        assert_eq!(i.intern("b"), Some(0));
        assert_eq!(i.intern(""), Some(2));
        assert_eq!(i.len(), 3);
        assert_eq!(i.resolve(1), "a");
        assert_eq!(i.resolve(2), "");
        assert_eq!(i.get("a"), Some(1));
        assert_eq!(i.get("zz"), None);
        for n in 0..10_000 {
            let s = format!("customer-{n}");
            let id = i.intern(&s).unwrap();
            assert_eq!(i.resolve(id), s);
        }
        assert_eq!(i.get("customer-42"), Some(45));
    }
}
