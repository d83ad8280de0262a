//! CSV of a map's touchpoints, for spreadsheets.
//!
//! One header row, then one row per touchpoint: stages in journey order, and
//! within a stage the touchpoints in document order. Fields are separated by
//! `,`, quoted when needed (RFC 4180), rows end with `\n`. The columns, in this
//! order, are stable:
//!
//! | column | content |
//! | --- | --- |
//! | `stage_order` | 1-based position of the stage in the journey (number) |
//! | `stage_id`, `stage_name` | the stage |
//! | `touchpoint_order` | 1-based position of the touchpoint in its stage (number) |
//! | `touchpoint_id`, `touchpoint_name`, `description` | the touchpoint |
//! | `channel_id`, `channel_name`, `channel_kind` | its channel (`digital`, `physical`, `human`, `other`) |
//! | `owner_id`, `owner_name` | its owning team (empty when none) |
//! | `personas` | persona ids, `; `-separated; empty means every persona |
//! | `kind` | `step`, `conversion` or `exit` |
//! | `emotion_score` | -2..=2 (number; empty when no emotion is recorded) |
//! | `emotion_label` | the emotion's word |
//! | `actions` | one action per line (line breaks inside the quoted cell) |
//! | `pain_points` | one per line: `id [severity] description` |
//! | `pain_point_count` | number |
//! | `opportunities` | one per line: `id [status] description` |
//! | `opportunity_count` | number |
//! | `kpis` | one per line: `name` or `name: target unit` |
//! | `evidence_count` | number |
//!
//! # Formula injection
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and some
//! also after a tab or carriage return) as a formula, so a touchpoint named
//! `=HYPERLINK(...)` could run when the file is opened. By default every
//! *text* cell whose first character is one of `= + - @`, tab, carriage return
//! or their full-width forms (`＝ ＋ － ＠`) is prefixed with a single quote
//! `'`, which spreadsheets show as text. The number columns (`stage_order`,
//! `touchpoint_order`, `emotion_score`, the counts) are written by this
//! library from integers and are never prefixed, so an emotion score of `-2`
//! stays the number -2. Turn the prefixing off with
//! [`CsvOptions::neutralise_formulas`] when the file is read by a program
//! rather than a spreadsheet.
//!
//! ```
//! use journeymap::{JourneyMap, render::csv};
//! let map = JourneyMap::from_json(r#"{"name": "Shop",
//!   "stages": [{"id": "buy", "name": "Buy"}],
//!   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
//!   "touchpoints": [{"id": "pay", "name": "=1+1", "stage": "buy", "channel": "web",
//!                    "emotion": {"score": -2, "label": "-angry"}}]}"#).unwrap();
//! let text = csv::touchpoints_csv(&map).unwrap();
//! let row = text.lines().nth(1).unwrap();
//! assert!(row.starts_with("1,buy,Buy,1,pay,'=1+1,,web,Web,digital,,,,step,-2,'-angry,"));
//! ```

use std::io::Write;

use crate::model::{Kpi, Touchpoint};
use crate::{Error, JourneyMap};

/// The header row, in column order.
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
/// use journeymap::render::csv::{touchpoints_csv, COLUMNS};
/// let csv = touchpoints_csv(&map).unwrap();
/// assert_eq!(csv.lines().next().unwrap(), COLUMNS.join(","));
/// ```
pub const COLUMNS: [&str; 23] = [
    "stage_order",
    "stage_id",
    "stage_name",
    "touchpoint_order",
    "touchpoint_id",
    "touchpoint_name",
    "description",
    "channel_id",
    "channel_name",
    "channel_kind",
    "owner_id",
    "owner_name",
    "personas",
    "kind",
    "emotion_score",
    "emotion_label",
    "actions",
    "pain_points",
    "pain_point_count",
    "opportunities",
    "opportunity_count",
    "kpis",
    "evidence_count",
];

/// Options of the CSV export.
///
/// ```
/// use journeymap::render::csv::CsvOptions;
/// assert!(CsvOptions::default().neutralise_formulas);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CsvOptions {
    /// Prefix text cells that a spreadsheet would run as a formula with `'`
    /// (default true).
    pub neutralise_formulas: bool,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            neutralise_formulas: true,
        }
    }
}

impl CsvOptions {
    /// Options for a program reading the file: text cells written as they are.
    ///
    /// ```
    /// use journeymap::render::csv::CsvOptions;
    /// assert!(!CsvOptions::raw().neutralise_formulas);
    /// ```
    pub fn raw() -> Self {
        CsvOptions {
            neutralise_formulas: false,
        }
    }
}

/// Whether a spreadsheet could take a cell starting like `text` for a formula.
fn formula_like(text: &str) -> bool {
    matches!(
        text.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '＝' | '＋' | '－' | '＠')
    )
}

/// A text cell, neutralised when asked.
fn text_cell(text: &str, options: &CsvOptions) -> String {
    if options.neutralise_formulas && formula_like(text) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

fn kpi_text(k: &Kpi) -> String {
    match (k.target, &k.unit) {
        (Some(t), Some(u)) => format!("{}: {t} {u}", k.name),
        (Some(t), None) => format!("{}: {t}", k.name),
        _ => k.name.clone(),
    }
}

fn enum_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The cells of one row: `(text, is_number)`.
fn row(map: &JourneyMap, stage_order: usize, order: usize, tp: &Touchpoint) -> Vec<(String, bool)> {
    let stage = map.stage(tp.stage.as_str());
    let channel = map.channel(tp.channel.as_str());
    let owner = tp.owner.as_ref().and_then(|o| map.team(o.as_str()));
    let text = |s: &str| (s.to_owned(), false);
    let number = |n: String| (n, true);
    vec![
        number(stage_order.to_string()),
        text(tp.stage.as_str()),
        text(stage.map_or("", |s| &s.name)),
        number(order.to_string()),
        text(tp.id.as_str()),
        text(&tp.name),
        text(tp.description.as_deref().unwrap_or("")),
        text(tp.channel.as_str()),
        text(channel.map_or("", |c| &c.name)),
        text(&channel.map(|c| enum_name(&c.kind)).unwrap_or_default()),
        text(tp.owner.as_ref().map_or("", |o| o.as_str())),
        text(owner.map_or("", |t| &t.name)),
        text(
            &tp.personas
                .iter()
                .map(|p| p.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        ),
        text(&enum_name(&tp.kind)),
        number(
            tp.emotion
                .as_ref()
                .map(|e| e.score.to_string())
                .unwrap_or_default(),
        ),
        text(
            tp.emotion
                .as_ref()
                .and_then(|e| e.label.as_deref())
                .unwrap_or(""),
        ),
        text(&tp.actions.join("\n")),
        text(
            &tp.pain_points
                .iter()
                .map(|p| format!("{} [{}] {}", p.id, enum_name(&p.severity), p.description))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        number(tp.pain_points.len().to_string()),
        text(
            &tp.opportunities
                .iter()
                .map(|o| format!("{} [{}] {}", o.id, enum_name(&o.status), o.description))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        number(tp.opportunities.len().to_string()),
        text(&tp.kpis.iter().map(kpi_text).collect::<Vec<_>>().join("\n")),
        number(tp.evidence.len().to_string()),
    ]
}

/// Writes the touchpoints CSV to `writer` (see the module documentation).
///
/// An I/O failure of the writer gives [`Error::Io`].
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
/// use journeymap::render::csv::{write_touchpoints_csv, CsvOptions};
/// let mut out = Vec::new();
/// write_touchpoints_csv(&map, &mut out, &CsvOptions::default()).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert_eq!(text.lines().count(), 3); // header + 2 touchpoints
/// let mut raw = CsvOptions::default();
/// raw.neutralise_formulas = false;
/// let mut out = Vec::new();
/// write_touchpoints_csv(&map, &mut out, &raw).unwrap();
/// assert!(String::from_utf8(out).unwrap().contains(",=SUM(A1),"));
/// ```
pub fn write_touchpoints_csv<W: Write>(
    map: &JourneyMap,
    writer: W,
    options: &CsvOptions,
) -> Result<(), Error> {
    let io = |e: ::csv::Error| Error::csv("<csv>", e);
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(writer);
    w.write_record(COLUMNS).map_err(io)?;
    let by_stage = super::mermaid::touchpoints_by_stage(map);
    for (s, members) in by_stage.iter().enumerate() {
        for (k, tp) in members.iter().map(|&i| &map.touchpoints()[i]).enumerate() {
            let cells = row(map, s + 1, k + 1, tp);
            w.write_record(cells.iter().map(|(cell, is_number)| {
                if *is_number {
                    cell.clone()
                } else {
                    text_cell(cell, options)
                }
            }))
            .map_err(io)?;
        }
    }
    w.flush().map_err(|e| Error::io("<csv>", &e))
}

/// The touchpoints CSV as a string, with formulas neutralised (see the module
/// documentation).
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
/// use journeymap::render::csv::touchpoints_csv;
/// let csv = touchpoints_csv(&map).unwrap();
/// // A name a spreadsheet would run as a formula is quoted with a leading `'`.
/// assert!(csv.contains("'=SUM(A1)") && !csv.contains(",=SUM"));
/// ```
pub fn touchpoints_csv(map: &JourneyMap) -> Result<String, Error> {
    touchpoints_csv_with(map, &CsvOptions::default())
}

/// The touchpoints CSV as a string, with options.
///
/// ```
/// use journeymap::{JourneyMap, render::csv::{touchpoints_csv_with, CsvOptions}};
/// let map = JourneyMap::from_json(r#"{"name": "x", "stages": [{"id": "s", "name": "=S"}]}"#).unwrap();
/// let text = touchpoints_csv_with(&map, &CsvOptions::raw()).unwrap();
/// assert_eq!(text.lines().count(), 1); // header only: no touchpoints
/// ```
pub fn touchpoints_csv_with(map: &JourneyMap, options: &CsvOptions) -> Result<String, Error> {
    let mut buf = Vec::new();
    write_touchpoints_csv(map, &mut buf, options)?;
    String::from_utf8(buf).map_err(|e| Error::Io {
        path: "<csv>".into(),
        message: e.to_string(),
        kind: crate::IoKind::Other,
    })
}
