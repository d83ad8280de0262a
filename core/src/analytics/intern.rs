//! String interning: each distinct string gets a dense `u32` id, in order of
//! first appearance. The strings live in one buffer (no per-string heap
//! object), indexed by a hash table of ids.

use std::hash::BuildHasher;
use std::sync::OnceLock;

use hashbrown::{DefaultHashBuilder, HashTable};

/// Interned strings with dense ids `0..len()`.
///
/// All interners of a process hash alike (one random seed per process), so
/// that the hash of a string, computed once, serves every interner it goes
/// through ([`Interner::intern_hashed`]).
#[derive(Clone, Debug)]
pub(crate) struct Interner {
    text: String,
    /// `ends[i]` is the end of string `i` in `text`; it starts at `ends[i - 1]`.
    ends: Vec<usize>,
    /// `hashes[i]` is the hash of string `i` (growing the table does not
    /// hash the strings again).
    hashes: Vec<u32>,
    table: HashTable<u32>,
    hasher: DefaultHashBuilder,
    /// The id interned last (runs of one string are common in logs).
    last: Option<u32>,
}

impl Default for Interner {
    fn default() -> Self {
        static HASHER: OnceLock<DefaultHashBuilder> = OnceLock::new();
        Interner {
            text: String::new(),
            ends: Vec::new(),
            hashes: Vec::new(),
            table: HashTable::new(),
            hasher: *HASHER.get_or_init(DefaultHashBuilder::default),
            last: None,
        }
    }
}

fn slice<'a>(text: &'a str, ends: &[usize], id: u32) -> &'a str {
    let i = id as usize;
    let start = if i == 0 { 0 } else { ends[i - 1] };
    &text[start..ends[i]]
}

/// The table's 64-bit hash of a stored 32-bit hash (spread over all bits:
/// the table uses the low bits for the bucket and the top ones as tags).
fn spread(h: u32) -> u64 {
    u64::from(h).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

impl Interner {
    /// Number of distinct strings.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The hash of `s` as every interner of this process computes it.
    pub(crate) fn hash(&self, s: &str) -> u32 {
        (self.hasher.hash_one(s) >> 32) as u32
    }

    /// The hash of the string with id `id`.
    pub(crate) fn hash_of(&self, id: u32) -> u32 {
        self.hashes[id as usize]
    }

    /// The id of `s`, if interned.
    pub(crate) fn get(&self, s: &str) -> Option<u32> {
        let hash = spread(self.hash(s));
        let (text, ends) = (&self.text, &self.ends);
        self.table
            .find(hash, |&id| slice(text, ends, id) == s)
            .copied()
    }

    /// The id of `s`, interning it if new. `None` when `u32` ids are exhausted.
    pub(crate) fn intern(&mut self, s: &str) -> Option<u32> {
        if let Some(last) = self.last {
            if slice(&self.text, &self.ends, last) == s {
                return Some(last);
            }
        }
        let id = self.intern_hashed(s, self.hash(s))?;
        self.last = Some(id);
        Some(id)
    }

    /// [`Interner::intern`] of a string whose [`Interner::hash`] is known.
    pub(crate) fn intern_hashed(&mut self, s: &str, hash: u32) -> Option<u32> {
        let (text, ends) = (&self.text, &self.ends);
        if let Some(&id) = self
            .table
            .find(spread(hash), |&id| slice(text, ends, id) == s)
        {
            return Some(id);
        }
        let id = u32::try_from(self.ends.len())
            .ok()
            .filter(|&id| id < u32::MAX)?;
        self.text.push_str(s);
        self.ends.push(self.text.len());
        self.hashes.push(hash);
        let hashes = &self.hashes;
        self.table
            .insert_unique(spread(hash), id, |&other| spread(hashes[other as usize]));
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
            + self.hashes.capacity() * std::mem::size_of::<u32>()
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
