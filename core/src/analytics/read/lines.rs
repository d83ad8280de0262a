//! The line breaks of a CSV log. Records end at `\n` or `\r\n`; a file
//! whose first line ends with a lone `\r` (classic Mac OS) has every `\r`
//! read as a line break, so its rows are read (and numbered) like any other
//! file's. Which of the two a file is is decided once, by its first line
//! break.

use memchr::memchr2;

/// Whether `bytes`, the start of a CSV stream, ends its lines with a lone
/// `\r`: `Some(true)` or `Some(false)` once its first line break is seen,
/// `None` while undecided (no line break yet, or a `\r` last with more
/// input to come; `end` says the input is all there).
pub(crate) fn lone_cr(bytes: &[u8], end: bool) -> Option<bool> {
    match memchr2(b'\r', b'\n', bytes) {
        None => end.then_some(false),
        Some(i) if bytes[i] == b'\n' => Some(false),
        Some(i) => match bytes.get(i + 1) {
            Some(&next) => Some(next != b'\n'),
            None => end.then_some(true),
        },
    }
}

/// `bytes` of a lone-`\r` stream with each `\r` as `\n`.
pub(crate) fn cr_to_lf(bytes: &mut [u8]) {
    for b in bytes {
        if *b == b'\r' {
            *b = b'\n';
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_line_break_decides() {
        assert_eq!(lone_cr(b"a,b\rc", false), Some(true));
        assert_eq!(lone_cr(b"a,b\r\nc\rd", false), Some(false));
        assert_eq!(lone_cr(b"a,b\nc\rd", false), Some(false));
        assert_eq!(lone_cr(b"a,b\r", false), None);
        assert_eq!(lone_cr(b"a,b\r", true), Some(true));
        assert_eq!(lone_cr(b"a,b", false), None);
        assert_eq!(lone_cr(b"a,b", true), Some(false));
        let mut text = *b"a\rb\r";
        cr_to_lf(&mut text);
        assert_eq!(&text, b"a\nb\n");
    }
}
