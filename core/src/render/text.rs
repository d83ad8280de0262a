//! Text measuring and wrapping without a font file.
//!
//! Widths are estimated from the advance widths of Helvetica / Arial (the
//! metrics of the fonts the SVG asks for first), with a safety margin, so that
//! wrapped text stays inside its box in any common sans-serif font. Wide
//! scripts (CJK, Hangul) count one em per character, emoji a little more,
//! combining marks and joiners nothing.

/// A font size and weight, enough to estimate text width.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Font {
    /// Size in pixels.
    pub size: f64,
    /// Bold weight.
    pub bold: bool,
}

impl Font {
    /// A regular font of `size` pixels.
    pub const fn regular(size: f64) -> Self {
        Font { size, bold: false }
    }

    /// A bold font of `size` pixels.
    pub const fn bold(size: f64) -> Self {
        Font { size, bold: true }
    }

    /// Distance between two baselines.
    pub fn line_height(self) -> f64 {
        (self.size * 1.3).round()
    }
}

/// Margin over the Helvetica metrics: renderers substitute fonts freely.
const SAFETY: f64 = 1.06;

/// Advance widths (1/1000 em) of Helvetica for U+0020..=U+007E.
const REGULAR: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // ' '../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0-9
    278, 278, 584, 584, 584, 556, 1015, // :..@
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, // A-M
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // N-Z
    278, 278, 278, 469, 556, 333, // [..`
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, // a-m
    556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // n-z
    334, 260, 334, 584, // {..~
];

/// Advance widths (1/1000 em) of Helvetica Bold for U+0020..=U+007E.
const BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, // ' '../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0-9
    333, 333, 584, 584, 584, 611, 975, // :..@
    722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, // A-M
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // N-Z
    333, 278, 333, 584, 556, 333, // [..`
    556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, // a-m
    611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, // n-z
    389, 280, 389, 584, // {..~
];

/// Characters that attach to the previous one (no advance of their own, never
/// split from it): combining marks, joiners, variation selectors, emoji
/// modifiers and tags.
pub(crate) fn is_extend(c: char) -> bool {
    matches!(c,
        '\u{300}'..='\u{36F}'
        | '\u{483}'..='\u{489}'
        | '\u{591}'..='\u{5BD}' | '\u{5BF}' | '\u{5C1}'..='\u{5C2}' | '\u{5C4}'..='\u{5C5}' | '\u{5C7}'
        | '\u{610}'..='\u{61A}' | '\u{64B}'..='\u{65F}' | '\u{670}' | '\u{6D6}'..='\u{6DC}'
        | '\u{6DF}'..='\u{6E4}' | '\u{6E7}'..='\u{6E8}' | '\u{6EA}'..='\u{6ED}'
        | '\u{900}'..='\u{903}' | '\u{93A}'..='\u{94F}' | '\u{951}'..='\u{957}' | '\u{962}'..='\u{963}'
        | '\u{E31}' | '\u{E34}'..='\u{E3A}' | '\u{E47}'..='\u{E4E}'
        | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
        | '\u{200C}' | '\u{200D}' | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{FE20}'..='\u{FE2F}'
        | '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0020}'..='\u{E007F}' | '\u{E0100}'..='\u{E01EF}')
}

fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{115F}' | '\u{2E80}'..='\u{303E}' | '\u{3041}'..='\u{33FF}'
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{A000}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}' | '\u{F900}'..='\u{FAFF}' | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}' | '\u{FFE0}'..='\u{FFE6}' | '\u{20000}'..='\u{3FFFD}')
}

fn is_emoji(c: char) -> bool {
    matches!(c,
            '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}'
    )
}

/// Estimated advance of `c`, in em.
fn advance(c: char, bold: bool) -> f64 {
    let code = u32::from(c);
    if (0x20..0x7F).contains(&code) {
        let table = if bold { &BOLD } else { &REGULAR };
        // The range check above keeps the index within 0..95.
        return f64::from(table[(code - 0x20) as usize]) / 1000.0;
    }
    let em = match c {
        c if is_extend(c) => 0.0,
        '\u{2026}' | '\u{2014}' => 1.0,
        '\u{2022}' => 0.35,
        '\u{2013}' | '\u{2212}' => 0.584,
        '\u{2018}'..='\u{201F}' => 0.333,
        c if is_wide(c) => 1.0,
        c if is_emoji(c) => 1.25,
        // Controls are drawn as U+FFFD or as a box with their code.
        c if (c as u32) < 0x20 || (0x7F..0xA0).contains(&(c as u32)) => 1.0,
        '\u{FFFD}' | '\u{FFFE}' | '\u{FFFF}' => 1.0,
        // Latin with diacritics, Greek, Cyrillic, Arabic, Hebrew, ...
        _ => 0.62,
    };
    if bold {
        em * 1.05
    } else {
        em
    }
}

/// Estimated width of `s` in pixels.
pub(crate) fn measure(s: &str, font: Font) -> f64 {
    s.chars().map(|c| advance(c, font.bold)).sum::<f64>() * font.size * SAFETY
}

/// Splits `s` into user-perceived characters, approximately: a character with
/// the combining marks, joiners and modifiers that follow it (and what a
/// zero-width joiner joins), and regional-indicator pairs (flags).
pub(crate) fn clusters(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    let mut ri_run = 0usize;
    for (i, c) in s.char_indices() {
        let regional = ('\u{1F1E6}'..='\u{1F1FF}').contains(&c);
        let joins = match prev {
            None => false,
            Some(p) => is_extend(c) || p == '\u{200D}' || (regional && ri_run % 2 == 1),
        };
        if !joins && i > start {
            out.push(&s[start..i]);
            start = i;
        }
        ri_run = if regional { ri_run + 1 } else { 0 };
        prev = Some(c);
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// Text broken into lines that each fit a width.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Wrapped {
    /// The lines, in order (at least one; possibly empty for empty text).
    pub lines: Vec<String>,
    /// Whether text was cut to respect the line limit (the last line then
    /// ends with an ellipsis).
    pub truncated: bool,
    /// Width of the widest line, in pixels.
    pub width: f64,
}

const ELLIPSIS: &str = "\u{2026}";

/// Wraps `text` into lines no wider than `max_width`, at most `max_lines`
/// lines. Whitespace runs collapse to one space; a line feed starts a new
/// line; a word wider than a line is broken between characters. Text that
/// does not fit is cut and the last line ends with an ellipsis.
pub(crate) fn wrap(text: &str, max_width: f64, font: Font, max_lines: usize) -> Wrapped {
    let max_lines = max_lines.max(1);
    let max_width = max_width.max(font.size * 2.0);
    let space = measure(" ", font);
    let mut lines: Vec<(String, f64)> = Vec::new();
    let mut overflow = false;
    'paragraphs: for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut width = 0.0;
        for word in paragraph.split_whitespace() {
            if lines.len() > max_lines {
                overflow = true;
                break 'paragraphs;
            }
            let w = measure(word, font);
            if !line.is_empty() && width + space + w <= max_width {
                line.push(' ');
                line.push_str(word);
                width += space + w;
                continue;
            }
            if !line.is_empty() {
                lines.push((std::mem::take(&mut line), width));
                width = 0.0;
            }
            if w <= max_width {
                line.push_str(word);
                width = w;
                continue;
            }
            // A word wider than a line: break it between characters.
            for cluster in clusters(word) {
                let cw = measure(cluster, font);
                if !line.is_empty() && width + cw > max_width {
                    lines.push((std::mem::take(&mut line), width));
                    width = 0.0;
                    if lines.len() > max_lines {
                        overflow = true;
                        break 'paragraphs;
                    }
                }
                line.push_str(cluster);
                width += cw;
            }
        }
        if !line.is_empty() {
            lines.push((line, width));
        }
    }
    let truncated = overflow || lines.len() > max_lines;
    lines.truncate(max_lines);
    if truncated {
        if let Some((last, width)) = lines.last_mut() {
            let ellipsis = measure(ELLIPSIS, font);
            let mut parts = clusters(last);
            while !parts.is_empty()
                && (measure(&parts.concat(), font) + ellipsis > max_width
                    || parts.last().is_some_and(|p| p.trim().is_empty()))
            {
                parts.pop();
            }
            let mut cut = parts.concat();
            cut.push_str(ELLIPSIS);
            *width = measure(&cut, font);
            *last = cut;
        }
    }
    if lines.is_empty() {
        lines.push((String::new(), 0.0));
    }
    let width = lines.iter().map(|(_, w)| *w).fold(0.0, f64::max);
    Wrapped {
        lines: lines.into_iter().map(|(l, _)| l).collect(),
        truncated,
        width,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const F: Font = Font::regular(12.0);

    #[test]
    fn measure_grows_with_text_and_weight() {
        assert!(measure("iiii", F) < measure("MMMM", F));
        assert!(measure("Hello", F) < measure("Hello", Font::bold(12.0)));
        assert_eq!(measure("", F), 0.0);
        // Combining marks add nothing; CJK counts a full em.
        assert_eq!(measure("e\u{301}", F), measure("e", F));
        assert!((measure("漢", F) - 12.0 * SAFETY).abs() < 1e-9);
    }

    #[test]
    fn wraps_at_word_boundaries_within_width() {
        let w = wrap("the quick brown fox jumps over the lazy dog", 80.0, F, 10);
        assert!(w.lines.len() > 2);
        assert!(!w.truncated);
        for line in &w.lines {
            assert!(measure(line, F) <= 80.0, "{line}");
        }
        assert_eq!(
            w.lines.join(" "),
            "the quick brown fox jumps over the lazy dog"
        );
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis() {
        let long = "x".repeat(10_000);
        let w = wrap(&long, 100.0, F, 3);
        assert_eq!(w.lines.len(), 3);
        assert!(w.truncated);
        assert!(w.lines[2].ends_with(ELLIPSIS));
        for line in &w.lines {
            assert!(measure(line, F) <= 100.0);
        }
    }

    #[test]
    fn line_feeds_break_lines_and_whitespace_collapses() {
        let w = wrap("one\ntwo   three\n\n", 500.0, F, 5);
        assert_eq!(w.lines, ["one", "two three"]);
        assert_eq!(wrap("   ", 100.0, F, 2).lines, [""]);
    }

    #[test]
    fn clusters_keep_marks_joiners_and_flags_together() {
        assert_eq!(clusters("e\u{301}a"), ["e\u{301}", "a"]);
        assert_eq!(clusters("👩‍👩‍👧x"), ["👩‍👩‍👧", "x"]);
        assert_eq!(clusters("🇫🇷🇩🇪"), ["🇫🇷", "🇩🇪"]);
        // Breaking a long emoji run never splits a sequence.
        let s = "👩‍👩‍👧".repeat(50);
        let w = wrap(&s, 60.0, F, 100);
        assert!(w
            .lines
            .iter()
            .all(|l| l.matches("👩‍👩‍👧").count() * "👩‍👩‍👧".len() == l.len()));
    }
}
