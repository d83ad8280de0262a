//! Size limits on untrusted input, enforced with [`crate::Error::LimitExceeded`]
//! rather than by running out of memory.

/// Limits applied when a map is read from JSON.
///
/// Nesting depth inside free key/value maps is bounded by the JSON parser
/// (128 levels).
///
/// ```
/// use journeymap::Limits;
/// let strict = Limits { max_document_bytes: 1 << 20, ..Limits::default() };
/// assert!(strict.max_string_chars >= 10_000);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest JSON text accepted, in bytes (default 64 MiB).
    pub max_document_bytes: usize,
    /// Longest string value or key, in characters (default 100 000).
    pub max_string_chars: usize,
    /// Most entities of one kind, and most items in any list (default 100 000).
    pub max_entities: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_document_bytes: 64 << 20,
            max_string_chars: 100_000,
            max_entities: 100_000,
        }
    }
}
