//! Mermaid text of a journey map: a `journey` diagram (the classic user
//! journey chart) and a `flowchart LR` of the touchpoint graph.
//!
//! Both are plain text, deterministic (same map, same bytes) and safe for any
//! user text: nothing a name contains can end a line, start a comment, open a
//! new section or change the diagram type. Both end with a newline.
//!
//! # The `journey` diagram
//!
//! ```text
//! journey
//!   title <map name>
//!   section <stage name>            (one per stage, in journey order, even if empty)
//!     <touchpoint name>: <score>: <actor>, <actor>
//! ```
//!
//! - Tasks are the touchpoints of each stage, in document order.
//! - **Score**: the emotion score -2..=2 is mapped to Mermaid's 1..=5 by adding
//!   3 (-2 → 1, 0 → 3, 2 → 5). A touchpoint without an emotion is written as
//!   the neutral score 3 (Mermaid requires a score), so reading the text back
//!   gives it a neutral emotion rather than none.
//! - **Actors** are the names of the personas the touchpoint applies to, in the
//!   order of its `personas` list, or every persona of the map in document
//!   order when that list is empty ("all personas") and the map has at most
//!   [`MAX_LISTED_ACTORS`] personas; with more, only the first touchpoint for
//!   all personas lists them and the others are tasks without actors, so the
//!   diagram stays linear in the map's size (1,000 personas on 1,000 such
//!   touchpoints would be 20 MB of names) and still names every persona. The owning team is *not*
//!   an actor: Mermaid draws actors as customers with a face and a mood, and a
//!   team inside the business is not one. A map without personas gives tasks
//!   without actors (`Name: 3`).
//!
//! # The `flowchart LR`
//!
//! ```text
//! ---
//! title: "<map name>"
//! ---
//! flowchart LR
//!   subgraph st0["<stage name>"]      (one per stage, in journey order)
//!     tp0["<touchpoint name><br><channel name>"]
//!   end
//!   tp0 --> tp1                      (one edge per transition, in document order)
//!   tp1 -.->|"<label> 70#37;"| tp0   (loops dashed; label and expected rate)
//!   classDef conversion ...
//!   class tp1 conversion
//! ```
//!
//! - Node ids are generated, never taken from the map: `tpN` is the N-th
//!   touchpoint of the document (0-based) and `stN` the N-th stage, so no id
//!   can clash with a Mermaid keyword such as `end`.
//! - Steps are rectangles, conversions stadiums `([...])` styled with class
//!   `conversion` (green), exits hexagons `{{...}}` styled with class `exit`
//!   (red). Loop transitions are dashed (`-.->`).
//! - The title is a YAML front matter double-quoted string: `"` and `\` are
//!   backslash-escaped and every character YAML does not allow raw (control
//!   characters, DEL, C1 controls, U+FEFF, U+FFFE/U+FFFF) and U+2028/U+2029
//!   are written as `\uXXXX`.
//!
//! # Escaping
//!
//! Mermaid has no backslash escapes; it has *entity codes*: `#35;` is shown as
//! `#`, `#quot;` as `"`. Every text is written with these characters replaced
//! by their decimal entity code `#N;` (N = the Unicode code point):
//!
//! | where | characters replaced |
//! | --- | --- |
//! | everywhere | `#` `;` `:` `%` `¶` `&` `<` `>` and control characters (U+0000–U+001F, U+007F–U+009F, so newline is `#10;`), U+2028, U+2029 |
//! | journey actors | also `,` (it separates actors) |
//! | journey texts | also white space at the start or end (Mermaid trims it), and the first letter of a title, section or task that starts with a Mermaid keyword (`journey`, `title`, `section`, `accTitle`, `accDescr`, case-insensitive) |
//! | flowchart labels | also `"` (as `#quot;`), `` ` `` `|` `[` `]` `{` `}` `(` `)` and `\` |
//!
//! `#` is replaced because it starts a comment (and an entity code), `;` ends
//! a statement, `:` separates a task's name, score and actors, `%` starts a
//! `%%` comment, `¶` is part of Mermaid's internal entity placeholder,
//! `<` `>` `&` would otherwise be read as HTML (Mermaid sanitises titles and
//! labels as HTML, so `<script>` would vanish and `&lt` would change), and in
//! flowchart labels `` ` `` would start a Markdown string. Control characters other than tab, line feed and
//! carriage return (U+0000–U+001F, U+0080–U+009F) cannot be shown in SVG and
//! are written as `#65533;` (U+FFFD, the replacement character).
//! [`super::mermaid_import`] decodes every entity code, so a map written and
//! read back keeps its texts exactly, apart from those control characters.
//!
//! ```
//! use journeymap::{JourneyMap, render::mermaid};
//! let map = JourneyMap::from_json(r##"{
//!   "name": "Shop #1",
//!   "personas": [{"id": "ann", "name": "Ann"}],
//!   "stages": [{"id": "buy", "name": "Buy"}],
//!   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
//!   "touchpoints": [{"id": "pay", "name": "Pay: card", "stage": "buy", "channel": "web",
//!                    "emotion": {"score": -1}}]
//! }"##).unwrap();
//! assert_eq!(
//!     mermaid::journey(&map),
//!     "journey\n  title Shop #35;1\n  section Buy\n    Pay#58; card: 2: Ann\n"
//! );
//! ```

use std::fmt::Write as _;

use crate::model::{Touchpoint, TouchpointKind};
use crate::JourneyMap;

/// The Mermaid score (1..=5) of an emotion score (-2..=2): `score + 3`,
/// clamped. `None` (no emotion recorded) gives the neutral 3.
///
/// ```
/// use journeymap::render::mermaid::mermaid_score;
/// assert_eq!(mermaid_score(Some(-2)), 1);
/// assert_eq!(mermaid_score(Some(2)), 5);
/// assert_eq!(mermaid_score(None), 3);
/// ```
pub fn mermaid_score(emotion: Option<i64>) -> i64 {
    emotion.map_or(3, |s| s.clamp(-2, 2) + 3)
}

/// Where a text goes, which decides what must be escaped.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// A journey title, section or task name.
    JourneyText,
    /// A journey actor (also `,`).
    JourneyActor,
    /// Inside a double-quoted flowchart label.
    FlowLabel,
}

/// Keywords the journey lexer recognises at the start of a token.
const KEYWORDS: [&str; 5] = ["journey", "title", "section", "acctitle", "accdescr"];

/// White space as JavaScript's `\s` sees it (what Mermaid trims or skips).
fn js_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

fn always_escaped(c: char) -> bool {
    matches!(
        c,
        '#' | ';' | ':' | '%' | '¶' | '&' | '<' | '>' | '\u{2028}' | '\u{2029}'
    ) || c.is_control()
}

fn push_code(out: &mut String, c: char) {
    // C0 controls other than tab, line feed and carriage return cannot appear
    // in SVG (XML), and HTML reads C1 codes as Windows-1252 letters: both are
    // shown as U+FFFD.
    let shown = match c {
        '\t' | '\n' | '\r' => c,
        '\u{0}'..='\u{1f}' | '\u{80}'..='\u{9f}' => char::REPLACEMENT_CHARACTER,
        c => c,
    };
    // Writing to a String cannot fail.
    let _ = write!(out, "#{};", u32::from(shown));
}

/// Escapes `text` for `place` (see the module documentation).
fn escape(text: &str, place: Place) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    let lead = chars.iter().take_while(|c| js_space(**c)).count();
    let trail = chars.iter().rev().take_while(|c| js_space(**c)).count();
    let keyword = place != Place::FlowLabel && {
        let rest: String = chars[lead..].iter().take(8).collect::<String>();
        let rest = rest.to_ascii_lowercase();
        KEYWORDS.iter().any(|k| rest.starts_with(k))
    };
    for (i, &c) in chars.iter().enumerate() {
        let edge_space = place != Place::FlowLabel && (i < lead || i >= chars.len() - trail);
        let needs = always_escaped(c)
            || edge_space
            || (keyword && i == lead)
            || match place {
                Place::JourneyText => false,
                Place::JourneyActor => c == ',',
                Place::FlowLabel => matches!(
                    c,
                    '"' | '`' | '|' | '[' | ']' | '{' | '}' | '(' | ')' | '\\'
                ),
            };
        if c == '"' && place == Place::FlowLabel {
            out.push_str("#quot;");
        } else if needs {
            push_code(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

/// A YAML double-quoted scalar holding `text` exactly.
fn yaml_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if yaml_printable(c) => out.push(c),
            c => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    let _ = write!(out, "\\u{unit:04X}");
                }
            }
        }
    }
    out.push('"');
    out
}

/// YAML 1.2 `c-printable`, minus line and paragraph separators.
fn yaml_printable(c: char) -> bool {
    matches!(c,
        '\u{20}'..='\u{7e}'
        | '\u{a0}'..='\u{2027}'
        | '\u{202a}'..='\u{d7ff}'
        | '\u{e000}'..='\u{fefe}'
        | '\u{ff00}'..='\u{fffd}'
        | '\u{10000}'..)
}

/// Most personas every touchpoint for all personas lists as its actors; with
/// more, only the first such touchpoint lists them (see the module
/// documentation).
///
/// ```
/// use journeymap::{JourneyMap, render::mermaid};
/// let personas: Vec<_> = (0..=mermaid::MAX_LISTED_ACTORS)
///     .map(|i| serde_json::json!({"id": format!("p{i}"), "name": format!("P{i}")}))
///     .collect();
/// let doc = serde_json::json!({"name": "Shop", "personas": personas,
///   "stages": [{"id": "visit", "name": "Visit"}],
///   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
///   "touchpoints": [{"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
///                   {"id": "mail", "name": "Mail", "stage": "visit", "channel": "web", "personas": ["p1"]},
///                   {"id": "faq", "name": "FAQ", "stage": "visit", "channel": "web"}]});
/// let text = mermaid::journey(&JourneyMap::from_json(&doc.to_string()).unwrap());
/// assert!(text.contains("    Home: 3: P0, P1, P2, "));
/// assert!(text.contains("P12\n    Mail: 3: P1\n    FAQ: 3\n"));
/// ```
pub const MAX_LISTED_ACTORS: usize = 12;

/// The actors of a touchpoint, escaped and joined: its personas, or every
/// persona of the map (`all`, computed once) when its list is empty, unless
/// `all` is to be written once (`once`) and was (then nothing).
fn actors(map: &JourneyMap, tp: &Touchpoint, all: &str, once: &mut Option<bool>) -> String {
    if tp.personas.is_empty() {
        return match once {
            Some(true) => String::new(),
            Some(written) => {
                *written = true;
                all.to_string()
            }
            None => all.to_string(),
        };
    }
    let names: Vec<String> = tp
        .personas
        .iter()
        .map(|id| map.persona(id.as_str()).map_or(id.as_str(), |p| &p.name))
        .map(|a| escape(a, Place::JourneyActor))
        .collect();
    names.join(", ")
}

/// The Mermaid `journey` diagram of a map (see the module documentation for
/// the mapping and the escaping).
///
/// To draw one persona's journey, render [`JourneyMap::persona_journey`].
///
/// ```
/// use journeymap::{JourneyMap, render::mermaid};
/// let map = JourneyMap::from_json(r#"{"name": "Shop",
///   "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
///   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
///   "touchpoints": [{"id": "home", "name": "Home", "stage": "visit", "channel": "web",
///                    "emotion": {"score": 2}}]}"#).unwrap();
/// let text = mermaid::journey(&map);
/// assert!(text.contains("  section Visit\n    Home: 5\n  section Buy\n"));
/// ```
pub fn journey(map: &JourneyMap) -> String {
    let mut out = String::from("journey\n");
    let _ = writeln!(out, "  title {}", escape(map.name(), Place::JourneyText));
    let by_stage = touchpoints_by_stage(map);
    // The actors of a touchpoint for all personas, escaped once; with many
    // personas, written on the first such touchpoint only.
    let names: Vec<String> = map
        .personas()
        .iter()
        .map(|p| escape(&p.name, Place::JourneyActor))
        .collect();
    let all = names.join(", ");
    let mut once = (map.personas().len() > MAX_LISTED_ACTORS).then_some(false);
    for (stage, members) in map.stages().iter().zip(&by_stage) {
        let _ = writeln!(out, "  section {}", escape(&stage.name, Place::JourneyText));
        for tp in members.iter().map(|&i| &map.touchpoints()[i]) {
            let score = mermaid_score(tp.emotion.as_ref().map(|e| e.score));
            let _ = write!(out, "    {}: {score}", escape(&tp.name, Place::JourneyText));
            let names = actors(map, tp, &all, &mut once);
            if !names.is_empty() {
                let _ = write!(out, ": {names}");
            }
            out.push('\n');
        }
    }
    out
}

/// Fill and stroke of conversion and exit nodes in the flowchart.
const CLASS_DEFS: &str = "  classDef conversion fill:#d9f2d9,stroke:#2e7d32,stroke-width:2px\n  classDef exit fill:#fbe0e0,stroke:#c62828,stroke-width:2px\n";

/// Positions (in [`JourneyMap::touchpoints`]) of the touchpoints of each
/// stage, stages in journey order, touchpoints in document order. One pass,
/// so rendering stays linear in the size of the map.
pub(crate) fn touchpoints_by_stage(map: &JourneyMap) -> Vec<Vec<usize>> {
    let mut by_stage = vec![Vec::new(); map.stages().len()];
    for (i, tp) in map.touchpoints().iter().enumerate() {
        // Every touchpoint's stage exists: the map's invariants guarantee it.
        if let Some(s) = map.stage_position(tp.stage.as_str()) {
            by_stage[s].push(i);
        }
    }
    by_stage
}

/// A rate 0..=1 as a percentage with at most one decimal (`0.125` → `12.5%`).
pub(crate) fn percent(rate: f64) -> String {
    let p = format!("{:.1}", rate * 100.0);
    let p = p.strip_suffix(".0").unwrap_or(&p);
    format!("{p}%")
}

/// The Mermaid `flowchart LR` of a map's graph (see the module documentation).
///
/// ```
/// use journeymap::{JourneyMap, render::mermaid};
/// let map = JourneyMap::from_json(r#"{"name": "Shop",
///   "stages": [{"id": "visit", "name": "Visit"}],
///   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
///   "touchpoints": [
///     {"id": "home", "name": "Home \"page\"", "stage": "visit", "channel": "web"},
///     {"id": "pay", "name": "Pay", "stage": "visit", "channel": "web", "kind": "conversion"}],
///   "transitions": [{"from": "home", "to": "pay", "expected_rate": 0.4}]}"#).unwrap();
/// let text = mermaid::flowchart(&map);
/// assert!(text.contains(r#"tp0["Home #quot;page#quot;<br>Web"]"#));
/// assert!(text.contains(r#"tp0 -->|"40#37;"| tp1"#));
/// assert!(text.contains("class tp1 conversion"));
/// ```
pub fn flowchart(map: &JourneyMap) -> String {
    let mut out = format!(
        "---\ntitle: {}\n---\nflowchart LR\n",
        yaml_quoted(map.name())
    );
    let by_stage = touchpoints_by_stage(map);
    for (s, (stage, members)) in map.stages().iter().zip(&by_stage).enumerate() {
        let _ = writeln!(
            out,
            "  subgraph st{s}[\"{}\"]",
            escape(&stage.name, Place::FlowLabel)
        );
        for &i in members {
            let tp = &map.touchpoints()[i];
            let channel = map
                .channel(tp.channel.as_str())
                .map_or(tp.channel.as_str(), |c| &c.name);
            let label = format!(
                "\"{}<br>{}\"",
                escape(&tp.name, Place::FlowLabel),
                escape(channel, Place::FlowLabel)
            );
            let _ = match tp.kind {
                TouchpointKind::Step => writeln!(out, "    tp{i}[{label}]"),
                TouchpointKind::Conversion => writeln!(out, "    tp{i}([{label}])"),
                TouchpointKind::Exit => writeln!(out, "    tp{i}{{{{{label}}}}}"),
            };
        }
        out.push_str("  end\n");
    }
    for t in map.transitions() {
        // Both ends resolve: the map's invariants guarantee it.
        let (Some(a), Some(b)) = (
            map.touchpoint_position(t.from.as_str()),
            map.touchpoint_position(t.to.as_str()),
        ) else {
            continue;
        };
        let arrow = if t.is_loop { "-.->" } else { "-->" };
        let mut parts = Vec::new();
        if let Some(label) = t.label.as_deref().filter(|l| !l.is_empty()) {
            parts.push(label.to_owned());
        }
        if let Some(rate) = t.expected_rate {
            parts.push(percent(rate));
        }
        if parts.is_empty() {
            let _ = writeln!(out, "  tp{a} {arrow} tp{b}");
        } else {
            let _ = writeln!(
                out,
                "  tp{a} {arrow}|\"{}\"| tp{b}",
                escape(&parts.join(" "), Place::FlowLabel)
            );
        }
    }
    out.push_str(CLASS_DEFS);
    for kind in [TouchpointKind::Conversion, TouchpointKind::Exit] {
        let ids: Vec<String> = map
            .touchpoints()
            .iter()
            .enumerate()
            .filter(|(_, t)| t.kind == kind)
            .map(|(i, _)| format!("tp{i}"))
            .collect();
        if !ids.is_empty() {
            let class = if kind == TouchpointKind::Exit {
                "exit"
            } else {
                "conversion"
            };
            let _ = writeln!(out, "  class {} {class}", ids.join(","));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_syntax_characters() {
        assert_eq!(
            escape("a:b;c#d%e", Place::JourneyText),
            "a#58;b#59;c#35;d#37;e"
        );
        assert_eq!(escape("x\ny", Place::JourneyText), "x#10;y");
        assert_eq!(escape("A, B", Place::JourneyActor), "A#44; B");
        assert_eq!(escape("A, B", Place::JourneyText), "A, B");
    }

    #[test]
    fn escapes_edge_space_and_keywords() {
        assert_eq!(escape(" a ", Place::JourneyText), "#32;a#32;");
        assert_eq!(escape("Section two", Place::JourneyText), "#83;ection two");
        assert_eq!(escape("  title", Place::JourneyText), "#32;#32;#116;itle");
        assert_eq!(escape("Section two", Place::FlowLabel), "Section two");
    }

    #[test]
    fn escapes_flow_labels() {
        assert_eq!(
            escape("\"<b>&`|[x]", Place::FlowLabel),
            "#quot;#60;b#62;#38;#96;#124;#91;x#93;"
        );
    }

    #[test]
    fn yaml_quoting() {
        assert_eq!(
            yaml_quoted("a\"b\\c\nd\u{7f}"),
            "\"a\\\"b\\\\c\\nd\\u007F\""
        );
        assert_eq!(yaml_quoted("\u{1F600}"), "\"\u{1F600}\"");
    }

    #[test]
    fn percentages() {
        assert_eq!(percent(0.7), "70%");
        assert_eq!(percent(0.125), "12.5%");
        assert_eq!(percent(1.0), "100%");
    }
}
