//! Graphviz DOT of a journey map's graph.
//!
//! ```text
//! digraph "journey" {
//!   graph [rankdir=LR, label="<map name>", labelloc=t, ...];
//!   subgraph "cluster_0" {            (one cluster per stage, in journey order)
//!     label="<stage name>";
//!     "tp-home" [label="<touchpoint name>\n<channel name>"];
//!   }
//!   "tp-home" -> "tp-pay" [label="70%"];
//!   "tp-pay" -> "tp-home" [style=dashed, constraint=false];   (loops)
//! }
//! ```
//!
//! - Nodes are the touchpoints, named by their id (always quoted), labelled
//!   with their name and, on a second line, their channel's name. Steps are
//!   rounded boxes; conversions are green `doubleoctagon`s; exits red
//!   `octagon`s. A stage without touchpoints gets a grey `no touchpoints` note
//!   so that it still shows.
//! - Edges are the transitions, in document order, labelled with the
//!   transition's label and its expected rate as a percentage (`70%`). Loop
//!   transitions are dashed and do not constrain the ranking, so a repurchase
//!   loop does not fold the journey back. Invisible edges between the first
//!   touchpoints of consecutive stages keep the stages in journey order from
//!   left to right.
//!
//! # Escaping
//!
//! Every string is a double-quoted DOT string, never an HTML-like `<...>`
//! label, so markup in a name is shown as text. In those strings `"` and `\`
//! are backslash-escaped (so `\N`, `\G` and friends in a name are not expanded
//! by Graphviz), `&` is written `&amp;` (Graphviz would otherwise decode
//! `&lt;` and other entity references found in a name), a line break (`\n`,
//! `\r\n` or `\r`) becomes the DOT line break `\n`, and any other control
//! character becomes a space.
//!
//! ```
//! use journeymap::{JourneyMap, render::dot};
//! let map = JourneyMap::from_json(r#"{"name": "Shop \"A\"",
//!   "stages": [{"id": "visit", "name": "Visit"}],
//!   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
//!   "touchpoints": [{"id": "home", "name": "Home\\page", "stage": "visit", "channel": "web"}]}"#).unwrap();
//! let text = dot::dot(&map);
//! assert!(text.starts_with("digraph \"journey\" {\n"));
//! assert!(text.contains(r#"label="Shop \"A\"""#));
//! assert!(text.contains(r#""home" [label="Home\\page\nWeb"]"#));
//! ```

use std::fmt::Write as _;

use crate::model::TouchpointKind;
use crate::JourneyMap;

/// `text` as a DOT double-quoted string, quotes included (see the module
/// documentation).
///
/// ```
/// use journeymap::render::dot::quote;
/// assert_eq!(quote("a \"b\" \\N\nc & d"), r#""a \"b\" \\N\nc &amp; d""#);
/// ```
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '&' => out.push_str("&amp;"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The Graphviz DOT text of a map's graph (see the module documentation).
///
/// To draw one persona's journey, render [`JourneyMap::persona_journey`].
///
/// ```
/// use journeymap::JourneyMap;
/// let map = JourneyMap::from_json(r#"{"name": "Shop",
///   "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
///   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
///   "touchpoints": [{"id": "home", "name": "Home", "stage": "visit", "channel": "web",
///                    "emotion": {"score": 1}},
///     {"id": "pay", "name": "=SUM(A1)", "stage": "buy", "channel": "web", "kind": "conversion"}],
///   "transitions": [{"from": "home", "to": "pay"}]}"#).unwrap();
/// let text = journeymap::render::dot::dot(&map);
/// assert!(text.starts_with("digraph") && text.contains("\"home\" -> \"pay\""));
/// ```
pub fn dot(map: &JourneyMap) -> String {
    let mut out = String::from("digraph \"journey\" {\n");
    let _ = writeln!(
        out,
        "  graph [rankdir=LR, label={}, labelloc=t, fontname=\"Helvetica\", newrank=true];",
        quote(map.name())
    );
    out.push_str("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f5f7fa\", fontname=\"Helvetica\"];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=10];\n");
    let mut firsts: Vec<String> = Vec::new();
    let by_stage = super::mermaid::touchpoints_by_stage(map);
    for (s, (stage, members)) in map.stages().iter().zip(&by_stage).enumerate() {
        let _ = writeln!(out, "  subgraph \"cluster_{s}\" {{");
        let _ = writeln!(
            out,
            "    label={};\n    style=\"rounded\";\n    color=\"#9aa5b1\";",
            quote(&stage.name)
        );
        let mut first = None;
        for tp in members.iter().map(|&i| &map.touchpoints()[i]) {
            let channel = map
                .channel(tp.channel.as_str())
                .map_or(tp.channel.as_str(), |c| &c.name);
            let label = quote(&format!("{}\n{}", tp.name, channel));
            let style = match tp.kind {
                TouchpointKind::Step => String::new(),
                TouchpointKind::Conversion => {
                    ", shape=doubleoctagon, style=filled, fillcolor=\"#d9f2d9\", color=\"#2e7d32\""
                        .to_owned()
                }
                TouchpointKind::Exit => {
                    ", shape=octagon, style=filled, fillcolor=\"#fbe0e0\", color=\"#c62828\""
                        .to_owned()
                }
            };
            let _ = writeln!(out, "    {} [label={label}{style}];", quote(tp.id.as_str()));
            first.get_or_insert_with(|| quote(tp.id.as_str()));
        }
        let first = first.unwrap_or_else(|| {
            let empty = quote(&format!("stage {} (empty)", stage.id));
            let _ = writeln!(
                out,
                "    {empty} [label=\"no touchpoints\", shape=note, style=dashed, fontcolor=\"#7b8794\"];"
            );
            empty
        });
        firsts.push(first);
        out.push_str("  }\n");
    }
    for pair in firsts.windows(2) {
        let _ = writeln!(out, "  {} -> {} [style=invis];", pair[0], pair[1]);
    }
    for t in map.transitions() {
        let mut parts = Vec::new();
        if let Some(label) = t.label.as_deref().filter(|l| !l.is_empty()) {
            parts.push(label.to_owned());
        }
        if let Some(rate) = t.expected_rate {
            parts.push(super::mermaid::percent(rate));
        }
        let mut attrs = Vec::new();
        if !parts.is_empty() {
            attrs.push(format!("label={}", quote(&parts.join("\n"))));
        }
        if t.is_loop {
            attrs.push("style=dashed, constraint=false".to_owned());
        }
        let attrs = if attrs.is_empty() {
            String::new()
        } else {
            format!(" [{}]", attrs.join(", "))
        };
        let _ = writeln!(
            out,
            "  {} -> {}{attrs};",
            quote(t.from.as_str()),
            quote(t.to.as_str())
        );
    }
    out.push_str("}\n");
    out
}
