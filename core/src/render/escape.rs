//! XML escaping for user text placed in SVG (or any XML 1.0 output).
//!
//! Every character a map may hold is written so that the output stays
//! well-formed XML 1.0 and the text reads back exactly as given, except for
//! the characters XML 1.0 cannot carry at all (C0 controls other than tab,
//! line feed and carriage return, and U+FFFE/U+FFFF), which are replaced by
//! U+FFFD REPLACEMENT CHARACTER so their presence stays visible.

/// The character written in place of one XML 1.0 cannot carry.
pub(crate) const REPLACEMENT: char = '\u{FFFD}';

/// Whether XML 1.0 forbids `c` anywhere in a document, even as a character
/// reference (`Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
/// [#x10000-#x10FFFF]`; Rust strings never hold surrogates).
pub(crate) fn is_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// Where escaped text goes: element content or a double-quoted attribute.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Content,
    Attribute,
}

fn push_escaped(out: &mut String, s: &str, ctx: Context) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // A raw CR is normalised away by XML parsers; a reference keeps it.
            '\r' => out.push_str("&#13;"),
            // Attribute-value normalisation turns raw tabs and newlines into
            // spaces; references keep them.
            '\t' if ctx == Context::Attribute => out.push_str("&#9;"),
            '\n' if ctx == Context::Attribute => out.push_str("&#10;"),
            c if is_forbidden(c) => out.push(REPLACEMENT),
            // DEL and C1 controls are allowed but invisible and "discouraged";
            // write them as references so the output stays plain text.
            '\u{7F}'..='\u{9F}' => {
                out.push_str(&format!("&#x{:X};", u32::from(c)));
            }
            c => out.push(c),
        }
    }
}

/// Appends `s` escaped for element content.
///
/// `&`, `<`, `>`, `"` and `'` become entity references, forbidden control
/// characters become U+FFFD; everything else (right-to-left text, emoji,
/// combining marks) is kept as is.
pub(crate) fn push_text(out: &mut String, s: &str) {
    push_escaped(out, s, Context::Content);
}

/// Appends `s` escaped for a double-quoted attribute value (as
/// [`push_text`], and tab / line feed written as references).
#[allow(dead_code)] // kept for other XML writers of the render module
pub(crate) fn push_attr(out: &mut String, s: &str) {
    push_escaped(out, s, Context::Attribute);
}

/// `s` escaped for element content (see [`push_text`]).
#[cfg(test)]
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_text(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_become_references() {
        assert_eq!(
            text(r#"<script>alert("x")</script> & 'y' ]]>"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;y&apos; ]]&gt;"
        );
        // An entity in the input is text, not markup: escaped again.
        assert_eq!(text("&amp;"), "&amp;amp;");
    }

    #[test]
    fn forbidden_controls_are_replaced_and_allowed_ones_kept() {
        let all: String = (0u32..0x20).filter_map(char::from_u32).collect();
        let out = text(&all);
        assert_eq!(out.matches(REPLACEMENT).count(), 29);
        assert!(out.contains('\t') && out.contains('\n') && out.contains("&#13;"));
        assert!(!out.chars().any(is_forbidden));
        assert_eq!(text("\u{FFFE}\u{FFFF}"), "\u{FFFD}\u{FFFD}");
        assert_eq!(text("a\u{85}b\u{7F}"), "a&#x85;b&#x7F;");
    }

    #[test]
    fn attribute_values_keep_whitespace_as_references() {
        let mut out = String::new();
        push_attr(&mut out, "a\tb\nc\"d");
        assert_eq!(out, "a&#9;b&#10;c&quot;d");
    }

    #[test]
    fn rtl_text_and_emoji_are_untouched() {
        let s = "مرحبا بالعالم שלום 👩‍👩‍👧 🇫🇷 e\u{301}";
        assert_eq!(text(s), s);
    }
}
