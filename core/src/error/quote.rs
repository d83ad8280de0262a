//! Values quoted in messages, bounded: a 10,000-character timestamp is not
//! echoed whole.

/// How many characters of a value an error message quotes; the rest is
/// counted, not written.
///
/// ```
/// use journeymap::analytics::{EventLog, CsvOptions};
/// # let map = journeymap::doc_support::view_map();
/// let long = "9".repeat(10_000);
/// let csv = format!("customer_id,timestamp,event\nc1,{long},view\n");
/// let err = EventLog::from_csv(csv.as_bytes(), &map, &CsvOptions::default()).unwrap_err();
/// let message = err.to_string();
/// assert!(message.contains(&format!("{}\"…(9920 more characters)", "9".repeat(journeymap::QUOTED_CHARS))));
/// assert!(message.len() < 600);
/// ```
pub const QUOTED_CHARS: usize = 80;

/// `value` as a message quotes it: in double quotes with Rust's escapes
/// (`{:?}`), its first [`QUOTED_CHARS`] characters and then how many more.
pub(crate) fn quoted(value: &str) -> String {
    match value.char_indices().nth(QUOTED_CHARS) {
        None => format!("{value:?}"),
        Some((at, _)) => {
            let more = value[at..].chars().count();
            format!("{:?}…({more} more characters)", &value[..at])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_values_are_quoted_whole_and_long_ones_cut_at_a_character() {
        assert_eq!(quoted("noon"), "\"noon\"");
        assert_eq!(
            quoted(&"x".repeat(QUOTED_CHARS)),
            format!("{:?}", "x".repeat(QUOTED_CHARS))
        );
        let long = "é".repeat(QUOTED_CHARS + 5);
        assert_eq!(
            quoted(&long),
            format!("{:?}…(5 more characters)", "é".repeat(QUOTED_CHARS))
        );
        assert_eq!(quoted("a\"b\n"), "\"a\\\"b\\n\"");
    }
}
