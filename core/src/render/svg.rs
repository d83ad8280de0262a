//! The journey-map canvas as a self-contained SVG 1.1 document.
//!
//! Stages are columns, in journey order, each as wide as its touchpoints need;
//! the rows ("lanes") show the touchpoints with their channel, the customer's
//! actions, the emotion curve, pain points by severity, opportunities and the
//! owning teams. A title, the persona (when rendering one persona's journey)
//! and a legend complete the picture.
//!
//! The output is deterministic (the same map and options give the same bytes),
//! holds no script, event handler, `foreignObject`, external font, image or
//! link (a persona's image URL is never referenced), and every piece of user
//! text is XML-escaped. Long text is wrapped and, past a few lines, cut with an
//! ellipsis; the full text is then kept in a `<title>` tooltip.
//!
//! With [`SvgOptions::report`], the canvas also shows what a journey report
//! observed: the funnel per stage, reach, conversion, exits and mean score
//! per touchpoint, and the conformance of the journeys in the header.
//!
//! ```
//! use journeymap::JourneyMap;
//! use journeymap::render::svg::{self, Lane, SvgOptions};
//!
//! let map = JourneyMap::from_json(r#"{
//!   "name": "Coffee maker",
//!   "personas": [{"id": "parent", "name": "Busy parent", "goals": ["Coffee before 7am"]}],
//!   "stages": [{"id": "buy", "name": "Buy"}, {"id": "use", "name": "Use"}],
//!   "channels": [{"id": "web", "name": "Web shop", "kind": "digital"}],
//!   "touchpoints": [
//!     {"id": "cart", "name": "Checkout", "stage": "buy", "channel": "web",
//!      "emotion": {"score": -1, "label": "anxious"}},
//!     {"id": "brew", "name": "First brew", "stage": "use", "channel": "web",
//!      "emotion": {"score": 2, "label": "delighted"}}
//!   ]
//! }"#).unwrap();
//!
//! let svg = svg::render(&map, &SvgOptions::default()).unwrap();
//! assert!(svg.starts_with("<?xml") && svg.contains("Checkout"));
//!
//! // One persona's journey, without the owners lane, and as a method call.
//! let options = SvgOptions::new().persona("parent").hide_lane(Lane::Owners);
//! let svg = map.to_svg(&options).unwrap();
//! assert!(svg.contains("Busy parent"));
//!
//! // An unknown persona is an error, not an empty picture.
//! let err = map.to_svg(&SvgOptions::new().persona("nobody")).unwrap_err();
//! assert_eq!(err.code(), "NOT_FOUND");
//! ```

mod canvas;
mod scene;
mod style;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::analytics::Report;
use crate::error::Error;
use crate::graph::JourneyMap;

/// A row of the canvas.
///
/// ```
/// use journeymap::render::svg::Lane;
/// let lane: Lane = "pain_points".parse().unwrap();
/// assert_eq!(lane, Lane::PainPoints);
/// assert_eq!(lane.to_string(), "pain_points");
/// assert_eq!("nope".parse::<Lane>().unwrap_err().code(), "INVALID_VALUE");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lane {
    /// Each touchpoint: name, channel (with a channel-kind icon) and kind.
    Touchpoints,
    /// What the customer does at each touchpoint.
    Actions,
    /// The emotion curve: each touchpoint's score, -2..=2.
    Emotions,
    /// Pain points, coloured by severity.
    PainPoints,
    /// Opportunities, with their status.
    Opportunities,
    /// The team owning each touchpoint.
    Owners,
}

impl Lane {
    /// Every lane, in the default (classic) order.
    ///
    /// ```
    /// use journeymap::render::svg::{Lane, SvgOptions};
    /// assert_eq!(Lane::ALL[0], Lane::Touchpoints);
    /// assert_eq!(SvgOptions::new().lanes, Lane::ALL);
    /// ```
    pub const ALL: [Lane; 6] = [
        Lane::Touchpoints,
        Lane::Actions,
        Lane::Emotions,
        Lane::PainPoints,
        Lane::Opportunities,
        Lane::Owners,
    ];

    /// Stable snake_case name (`pain_points`), as accepted by [`FromStr`].
    ///
    /// ```
    /// use journeymap::render::svg::Lane;
    /// assert_eq!(Lane::PainPoints.as_str(), "pain_points");
    /// assert_eq!("pain_points".parse::<Lane>(), Ok(Lane::PainPoints));
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Lane::Touchpoints => "touchpoints",
            Lane::Actions => "actions",
            Lane::Emotions => "emotions",
            Lane::PainPoints => "pain_points",
            Lane::Opportunities => "opportunities",
            Lane::Owners => "owners",
        }
    }

    /// Parses a list of lane names, in order; an unknown name is
    /// `INVALID_VALUE` with the path of its position (`/lanes/1`).
    ///
    /// ```
    /// use journeymap::render::svg::Lane;
    /// let lanes = Lane::parse_list(["emotions", "pain-points"]).unwrap();
    /// assert_eq!(lanes, [Lane::Emotions, Lane::PainPoints]);
    /// let err = Lane::parse_list(["emotions", "weather"]).unwrap_err();
    /// assert_eq!((err.code(), err.path()), ("INVALID_VALUE", Some("/lanes/1")));
    /// ```
    pub fn parse_list<I, S>(names: I) -> Result<Vec<Lane>, Error>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        names
            .into_iter()
            .enumerate()
            .map(|(i, name)| {
                name.as_ref()
                    .parse()
                    .map_err(|e: Error| Error::InvalidValue {
                        id: None,
                        path: format!("/lanes/{i}"),
                        message: e.to_string(),
                    })
            })
            .collect()
    }

    /// The heading shown on the canvas ("Pain points").
    ///
    /// ```
    /// use journeymap::render::svg::Lane;
    /// assert_eq!(Lane::PainPoints.title(), "Pain points");
    /// ```
    pub fn title(self) -> &'static str {
        match self {
            Lane::Touchpoints => "Touchpoints",
            Lane::Actions => "Actions",
            Lane::Emotions => "Emotions",
            Lane::PainPoints => "Pain points",
            Lane::Opportunities => "Opportunities",
            Lane::Owners => "Owners",
        }
    }
}

impl fmt::Display for Lane {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Lane {
    type Err = Error;

    /// Parses a lane name (`touchpoints`, `actions`, `emotions`,
    /// `pain_points`, `opportunities`, `owners`; `-` may stand for `_`).
    /// Anything else is `INVALID_VALUE`.
    fn from_str(s: &str) -> Result<Self, Error> {
        let norm = s.trim().to_ascii_lowercase().replace('-', "_");
        Lane::ALL
            .into_iter()
            .find(|l| l.as_str() == norm)
            .ok_or_else(|| Error::InvalidValue {
                id: None,
                path: String::new(),
                message: format!(
                    "unknown lane {s:?}; lanes are {}",
                    Lane::ALL.map(Lane::as_str).join(", ")
                ),
            })
    }
}

/// Smallest and largest column width accepted; hints outside are clamped.
///
/// ```
/// use journeymap::JourneyMap;
/// let map = JourneyMap::from_json(r#"{"name": "Shop",
///   "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
///   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
///   "touchpoints": [{"id": "home", "name": "Home page", "stage": "visit", "channel": "web"},
///     {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "owner": "team"}],
///   "teams": [{"id": "team", "name": "Payments"}]}"#).unwrap();
/// use journeymap::render::svg::{layout, SvgOptions, COLUMN_WIDTH_RANGE};
/// let wide = layout(&map, &SvgOptions::new().column_width(10_000)).unwrap();
/// let widest = layout(&map, &SvgOptions::new().column_width(COLUMN_WIDTH_RANGE.1)).unwrap();
/// assert_eq!(wide.width, widest.width);
/// ```
pub const COLUMN_WIDTH_RANGE: (u32, u32) = (120, 640);
/// Largest minimum canvas width accepted; larger hints are clamped.
///
/// ```
/// use journeymap::JourneyMap;
/// let map = JourneyMap::from_json(r#"{"name": "Shop",
///   "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
///   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
///   "touchpoints": [{"id": "home", "name": "Home page", "stage": "visit", "channel": "web"},
///     {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "owner": "team"}],
///   "teams": [{"id": "team", "name": "Payments"}]}"#).unwrap();
/// use journeymap::render::svg::{layout, SvgOptions, MAX_MIN_WIDTH};
/// let l = layout(&map, &SvgOptions::new().min_width(u32::MAX)).unwrap();
/// assert_eq!(l.width, f64::from(MAX_MIN_WIDTH));
/// ```
pub const MAX_MIN_WIDTH: u32 = 20_000;

/// How to draw the canvas. Build with [`SvgOptions::new`] (or `default()`)
/// and the chained setters.
///
/// ```
/// use journeymap::render::svg::{Lane, SvgOptions};
/// let o = SvgOptions::new()
///     .persona("busy-parent")
///     .title("Coffee maker — Q3 review")
///     .lanes([Lane::Touchpoints, Lane::Emotions, Lane::PainPoints])
///     .column_width(240)
///     .legend(false);
/// assert_eq!(o.lanes.len(), 3);
/// assert_eq!(o.persona.as_deref(), Some("busy-parent"));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct SvgOptions {
    /// Render only this persona's sub-journey (see
    /// [`JourneyMap::persona_journey`]) and show the persona. An id no persona
    /// has is a `NOT_FOUND` error.
    pub persona: Option<String>,
    /// Title shown instead of the map's name (blank = the map's name).
    pub title: Option<String>,
    /// The lanes to draw, top to bottom (repeats are drawn once). Default:
    /// [`Lane::ALL`].
    pub lanes: Vec<Lane>,
    /// Draw the legend (severity colours, emotion scale, channel kinds).
    /// Default `true`.
    pub legend: bool,
    /// Width hint for one touchpoint column, in pixels (default 200, clamped
    /// to [`COLUMN_WIDTH_RANGE`]). Columns grow to fill `min_width`.
    pub column_width: u32,
    /// Minimum width of the whole canvas, in pixels (default 960, at most
    /// [`MAX_MIN_WIDTH`]). The canvas grows beyond it with the number of
    /// touchpoints.
    pub min_width: u32,
    /// A journey report of this map (see [`crate::analytics::analyze`]) to
    /// overlay: observed funnel per stage, figures per touchpoint, observed
    /// scores on the emotion curve, conformance in the header. Default
    /// `None`. See [`SvgOptions::report`].
    pub report: Option<Report>,
}

impl Default for SvgOptions {
    fn default() -> Self {
        SvgOptions {
            persona: None,
            title: None,
            lanes: Lane::ALL.to_vec(),
            legend: true,
            column_width: 200,
            min_width: 960,
            report: None,
        }
    }
}

impl SvgOptions {
    /// The default options: whole map, every lane, legend, 200 px columns.
    ///
    /// ```
    /// use journeymap::render::svg::SvgOptions;
    /// let o = SvgOptions::new();
    /// assert_eq!((o.persona, o.legend, o.column_width), (None, true, 200));
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Renders only this persona's journey.
    ///
    /// ```
    /// use journeymap::render::svg::SvgOptions;
    /// assert_eq!(SvgOptions::new().persona("parent").persona.as_deref(), Some("parent"));
    /// ```
    pub fn persona(mut self, id: impl Into<String>) -> Self {
        self.persona = Some(id.into());
        self
    }

    /// Replaces the title (the map's name by default).
    ///
    /// ```
    /// use journeymap::JourneyMap;
    /// let map = JourneyMap::from_json(r#"{"name": "Shop",
    ///   "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
    ///   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ///   "touchpoints": [{"id": "home", "name": "Home page", "stage": "visit", "channel": "web"},
    ///     {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "owner": "team"}],
    ///   "teams": [{"id": "team", "name": "Payments"}]}"#).unwrap();
    /// use journeymap::render::svg::SvgOptions;
    /// let svg = map.to_svg(&SvgOptions::new().title("Shop <Q3>")).unwrap();
    /// assert!(svg.contains("Shop &lt;Q3&gt;")); // user text is escaped
    /// ```
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Draws exactly these lanes, in this order.
    ///
    /// ```
    /// use journeymap::render::svg::{Lane, SvgOptions};
    /// let o = SvgOptions::new().lanes([Lane::Emotions, Lane::Touchpoints]);
    /// assert_eq!(o.lanes, [Lane::Emotions, Lane::Touchpoints]);
    /// ```
    pub fn lanes(mut self, lanes: impl IntoIterator<Item = Lane>) -> Self {
        self.lanes = lanes.into_iter().collect();
        self
    }

    /// Leaves a lane out.
    ///
    /// ```
    /// use journeymap::JourneyMap;
    /// let map = JourneyMap::from_json(r#"{"name": "Shop",
    ///   "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
    ///   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ///   "touchpoints": [{"id": "home", "name": "Home page", "stage": "visit", "channel": "web"},
    ///     {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "owner": "team"}],
    ///   "teams": [{"id": "team", "name": "Payments"}]}"#).unwrap();
    /// use journeymap::render::svg::{Lane, SvgOptions};
    /// assert!(map.to_svg(&SvgOptions::new()).unwrap().contains("Payments"));
    /// assert!(!map.to_svg(&SvgOptions::new().hide_lane(Lane::Owners)).unwrap().contains("Payments"));
    /// ```
    pub fn hide_lane(mut self, lane: Lane) -> Self {
        self.lanes.retain(|l| *l != lane);
        self
    }

    /// Adds a lane (at the bottom) if it is not drawn yet.
    ///
    /// ```
    /// use journeymap::render::svg::{Lane, SvgOptions};
    /// let o = SvgOptions::new().lanes([Lane::Touchpoints]).show_lane(Lane::Owners).show_lane(Lane::Owners);
    /// assert_eq!(o.lanes, [Lane::Touchpoints, Lane::Owners]);
    /// ```
    pub fn show_lane(mut self, lane: Lane) -> Self {
        if !self.lanes.contains(&lane) {
            self.lanes.push(lane);
        }
        self
    }

    /// Turns the legend on or off.
    ///
    /// ```
    /// use journeymap::JourneyMap;
    /// let map = JourneyMap::from_json(r#"{"name": "Shop",
    ///   "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
    ///   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ///   "touchpoints": [{"id": "home", "name": "Home page", "stage": "visit", "channel": "web"},
    ///     {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "owner": "team"}],
    ///   "teams": [{"id": "team", "name": "Payments"}]}"#).unwrap();
    /// use journeymap::render::svg::{layout, SvgOptions, TextRole};
    /// let without = layout(&map, &SvgOptions::new().legend(false)).unwrap();
    /// assert!(!without.text_boxes.iter().any(|t| t.role == TextRole::Legend));
    /// ```
    pub fn legend(mut self, on: bool) -> Self {
        self.legend = on;
        self
    }

    /// Sets the column width hint (pixels).
    ///
    /// ```
    /// use journeymap::JourneyMap;
    /// let map = JourneyMap::from_json(r#"{"name": "Shop",
    ///   "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
    ///   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ///   "touchpoints": [{"id": "home", "name": "Home page", "stage": "visit", "channel": "web"},
    ///     {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "owner": "team"}],
    ///   "teams": [{"id": "team", "name": "Payments"}]}"#).unwrap();
    /// use journeymap::render::svg::{layout, SvgOptions};
    /// let narrow = layout(&map, &SvgOptions::new().column_width(150).min_width(0)).unwrap();
    /// let wide = layout(&map, &SvgOptions::new().column_width(400).min_width(0)).unwrap();
    /// assert!(wide.width > narrow.width);
    /// ```
    pub fn column_width(mut self, px: u32) -> Self {
        self.column_width = px;
        self
    }

    /// Sets the minimum canvas width (pixels).
    ///
    /// ```
    /// use journeymap::JourneyMap;
    /// let map = JourneyMap::from_json(r#"{"name": "Shop",
    ///   "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
    ///   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ///   "touchpoints": [{"id": "home", "name": "Home page", "stage": "visit", "channel": "web"},
    ///     {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "owner": "team"}],
    ///   "teams": [{"id": "team", "name": "Payments"}]}"#).unwrap();
    /// use journeymap::render::svg::{layout, SvgOptions};
    /// assert!(layout(&map, &SvgOptions::new().min_width(3_000)).unwrap().width >= 3_000.0);
    /// ```
    pub fn min_width(mut self, px: u32) -> Self {
        self.min_width = px;
        self
    }

    /// Overlays a journey report of the map (what
    /// [`crate::analytics::analyze`] returns, or [`read_report`] reads back
    /// from its JSON):
    ///
    /// - the header summarises the report: customers, events, conversions,
    ///   transitions observed and how many are not in the map, the share of
    ///   planned moves, fitness, events at no touchpoint, skipped rows;
    /// - a "Funnel" row under the stage names gives, per stage, the
    ///   customers reached (with a bar relative to the most-reached stage),
    ///   the share of the first stage, the share that continued to a later
    ///   stage, the drop-off, the median time in the stage and to
    ///   conversion, and the customers who skipped it;
    /// - each touchpoint card gives its reach (with a bar relative to the
    ///   most-reached touchpoint), the share of its customers who converted
    ///   (`conversion_rate`), its exits and its mean observed score against
    ///   the planned one;
    /// - the emotion curve gets a second, dotted series of diamonds at the
    ///   observed mean scores, next to the planned faces;
    /// - the legend explains the overlay.
    ///
    /// Figures are matched to the map by touchpoint and stage id. A
    /// touchpoint or stage the report does not know (the map changed since
    /// the report was computed) is drawn without figures and counted in the
    /// header. A report sharing no touchpoint id with the map (a report of
    /// another map) is not an error: the canvas is drawn without figures and
    /// the header says so.
    ///
    /// ```
    /// use journeymap::JourneyMap;
    /// use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
    /// use journeymap::render::svg::{self, SvgOptions};
    ///
    /// let map = JourneyMap::from_json(r#"{"name": "Shop",
    ///   "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
    ///   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ///   "touchpoints": [
    ///     {"id": "home", "name": "Home page", "stage": "visit", "channel": "web"},
    ///     {"id": "pay", "name": "Checkout", "stage": "buy", "channel": "web", "kind": "conversion"}]}"#).unwrap();
    /// let csv = "customer_id,timestamp,touchpoint\n\
    ///            c1,2026-03-01T09:00:00Z,home\n\
    ///            c1,2026-03-01T09:05:00Z,pay\n\
    ///            c2,2026-03-01T10:00:00Z,home\n";
    /// let log = EventLog::from_csv(csv.as_bytes(), &map, &CsvOptions::default()).unwrap();
    /// let report = analyze(&map, &log, &ReportOptions::default()).unwrap();
    ///
    /// let svg = svg::render(&map, &SvgOptions::new().report(report)).unwrap();
    /// assert!(svg.contains("2 reached"));   // the Visit stage
    /// assert!(svg.contains("50.0%"));       // half of them continued
    /// ```
    pub fn report(mut self, report: Report) -> Self {
        self.report = Some(report);
        self
    }
}

/// Reads a journey report back from its JSON (as written by
/// `journeymap analyze --format json` or `serde_json`), for
/// [`SvgOptions::report`].
///
/// Errors are located like a map's: `JSON_SYNTAX` with line and column,
/// `JSON_TYPE`, `MISSING_FIELD` or `UNKNOWN_FIELD` with the JSON Pointer of
/// the value, `LIMIT_EXCEEDED` past the input limits
/// ([`crate::Limits`]). The per-customer list (`customers`, written with
/// `include_customers`) is not needed by the overlay: a list longer than
/// the limit on list items is set aside rather than refused.
///
/// ```
/// use journeymap::render::svg::read_report;
/// let err = read_report("{\"report_version\": 1,").unwrap_err();
/// assert_eq!(err.code(), "JSON_SYNTAX");
/// let err = read_report(r#"{"report_version": "one"}"#).unwrap_err();
/// assert_eq!((err.code(), err.path()), ("JSON_TYPE", Some("/report_version")));
/// ```
pub fn read_report(text: &str) -> Result<Report, Error> {
    match crate::parse_part::<Report>(text) {
        Err(e) if only_customers_too_long(&e) => {
            // Only the per-customer list is over the limits: read the
            // report without it (the text itself is within the size limit,
            // or the error would be about the whole document).
            let mut value: serde_json::Value = serde_json::from_str(text).map_err(|_| e.clone())?;
            if let Some(obj) = value.as_object_mut() {
                obj.remove("customers");
            }
            let trimmed = serde_json::to_string(&value).map_err(|_| e.clone())?;
            crate::parse_part::<Report>(&trimmed)
        }
        other => other,
    }
}

/// Whether every violation is a limit on the list of customers (or inside
/// it).
fn only_customers_too_long(e: &Error) -> bool {
    e.violations().iter().all(|v| {
        v.code() == "LIMIT_EXCEEDED"
            && v.path()
                .is_some_and(|p| p == "/customers" || p.starts_with("/customers/"))
    })
}

/// An axis-aligned rectangle in canvas pixels (y grows downwards).
///
/// ```
/// use journeymap::render::svg::{layout, SvgOptions};
/// let map = journeymap::JourneyMap::from_json(r#"{"name": "x", "stages": [{"id": "a", "name": "A"}]}"#).unwrap();
/// let l = layout(&map, &SvgOptions::new()).unwrap();
/// let r = l.columns[0].rect;
/// assert!(r.x >= 0.0 && r.y >= 0.0 && r.x + r.width <= l.width && r.y + r.height <= l.height);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

impl Rect {
    /// Whether the two rectangles share some area (touching edges do not
    /// count).
    ///
    /// ```
    /// use journeymap::render::svg::Rect;
    /// let a = Rect { x: 0.0, y: 0.0, width: 10.0, height: 10.0 };
    /// let b = Rect { x: 10.0, y: 0.0, width: 5.0, height: 5.0 };
    /// assert!(!a.overlaps(&b));
    /// assert!(a.overlaps(&Rect { x: 9.0, ..b }));
    /// ```
    pub fn overlaps(&self, other: &Rect) -> bool {
        const EPS: f64 = 1e-6;
        self.x + EPS < other.x + other.width
            && other.x + EPS < self.x + self.width
            && self.y + EPS < other.y + other.height
            && other.y + EPS < self.y + self.height
    }

    /// Whether `other` lies entirely inside this rectangle.
    ///
    /// ```
    /// use journeymap::render::svg::Rect;
    /// let page = Rect { x: 0.0, y: 0.0, width: 100.0, height: 50.0 };
    /// assert!(page.contains(&Rect { x: 10.0, y: 10.0, width: 90.0, height: 40.0 }));
    /// assert!(!page.contains(&Rect { x: 10.0, y: 10.0, width: 91.0, height: 40.0 }));
    /// ```
    pub fn contains(&self, other: &Rect) -> bool {
        const EPS: f64 = 1e-6;
        other.x + EPS >= self.x
            && other.y + EPS >= self.y
            && other.x + other.width <= self.x + self.width + EPS
            && other.y + other.height <= self.y + self.height + EPS
    }
}

/// What a piece of text on the canvas is.
///
/// ```
/// use journeymap::JourneyMap;
/// let map = JourneyMap::from_json(r#"{"name": "Shop",
///   "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
///   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
///   "touchpoints": [{"id": "home", "name": "Home page", "stage": "visit", "channel": "web"},
///     {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "owner": "team"}],
///   "teams": [{"id": "team", "name": "Payments"}]}"#).unwrap();
/// use journeymap::render::svg::{layout, SvgOptions, TextRole};
/// let l = layout(&map, &SvgOptions::new()).unwrap();
/// let names: Vec<String> = l.text_boxes.iter()
///     .filter(|t| t.role == TextRole::TouchpointName)
///     .map(|t| t.lines.join(" "))
///     .collect();
/// assert_eq!(names, ["Home page", "Pay"]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TextRole {
    /// The map's title.
    Title,
    /// Description, counts and personas under the title.
    Subtitle,
    /// The persona panel (name, description, goals, ...).
    Persona,
    /// A stage name (column header).
    StageName,
    /// A stage goal (column header).
    StageGoal,
    /// A lane heading.
    LaneLabel,
    /// An emotion-axis value (+2 .. -2).
    Axis,
    /// A touchpoint name.
    TouchpointName,
    /// A touchpoint's channel name.
    Channel,
    /// A small badge (touchpoint kind, severity, status).
    Badge,
    /// A customer action.
    Action,
    /// An emotion label next to its marker.
    EmotionLabel,
    /// A pain point description.
    PainPoint,
    /// An opportunity description.
    Opportunity,
    /// An owning team.
    Owner,
    /// Legend text.
    Legend,
    /// A note such as "no touchpoints" or "+3 more".
    Note,
    /// The report overlay's summary and warnings in the header.
    Report,
    /// A stage's observed funnel figures (report overlay).
    Funnel,
    /// A touchpoint's observed figures (report overlay).
    Figure,
}

/// One block of text as placed on the canvas.
///
/// ```
/// use journeymap::JourneyMap;
/// let map = JourneyMap::from_json(r#"{"name": "Shop",
///   "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
///   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
///   "touchpoints": [{"id": "home", "name": "Home page", "stage": "visit", "channel": "web"},
///     {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "owner": "team"}],
///   "teams": [{"id": "team", "name": "Payments"}]}"#).unwrap();
/// use journeymap::render::svg::{layout, SvgOptions, TextRole};
/// let l = layout(&map, &SvgOptions::new()).unwrap();
/// let title = l.text_boxes.iter().find(|t| t.role == TextRole::Title).unwrap();
/// assert_eq!((title.lines.as_slice(), title.truncated), (&["Shop".to_owned()][..], false));
/// assert!(title.rect.width > 0.0 && title.rect.x + title.rect.width <= l.width);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct TextBox {
    /// Where the text is drawn (estimated extent of its lines).
    pub rect: Rect,
    /// What it is.
    pub role: TextRole,
    /// The lines as drawn (unescaped; the last one ends with `…` when cut).
    pub lines: Vec<String>,
    /// Whether the text was cut; the full text is then in a `<title>`.
    pub truncated: bool,
}

/// Where everything goes: the canvas size and every text block. Exposed so
/// callers (and tests) can check the layout, e.g. hit-test a click or verify
/// that no two text blocks overlap.
///
/// ```
/// use journeymap::JourneyMap;
/// use journeymap::render::svg::{layout, SvgOptions, TextRole};
/// let map = JourneyMap::from_json(r#"{"name": "x", "stages": [{"id": "a", "name": "Awareness"}]}"#).unwrap();
/// let l = layout(&map, &SvgOptions::default()).unwrap();
/// assert!(l.text_boxes.iter().any(|t| t.role == TextRole::StageName && t.lines == ["Awareness"]));
/// assert!(l.overlapping_text().is_empty());
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Layout {
    /// Canvas width in pixels.
    pub width: f64,
    /// Canvas height in pixels.
    pub height: f64,
    /// Every text block, in drawing order.
    pub text_boxes: Vec<TextBox>,
    /// The columns, left to right: one per touchpoint, one for each stage
    /// without touchpoints.
    pub columns: Vec<ColumnBox>,
}

/// One column of the canvas, from the stage header to the last lane.
///
/// ```
/// use journeymap::JourneyMap;
/// use journeymap::render::svg::{layout, SvgOptions};
/// let map = JourneyMap::from_json(r#"{"name": "x",
///   "stages": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
///   "channels": [{"id": "w", "name": "Web", "kind": "digital"}],
///   "touchpoints": [{"id": "t1", "name": "T1", "stage": "a", "channel": "w"}]}"#).unwrap();
/// let cols = layout(&map, &SvgOptions::default()).unwrap().columns;
/// assert_eq!(cols.len(), 2);
/// assert_eq!(cols[0].touchpoint.as_deref(), Some("t1"));
/// assert_eq!((cols[1].stage.as_str(), cols[1].touchpoint.as_deref()), ("b", None));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnBox {
    /// Id of the stage the column belongs to.
    pub stage: String,
    /// Id of the touchpoint shown in the column (`None` for an empty stage).
    pub touchpoint: Option<String>,
    /// Where the column is.
    pub rect: Rect,
}

impl Layout {
    /// Pairs of text blocks (indices into `text_boxes`) whose rectangles
    /// overlap. Empty for every layout this module produces.
    ///
    /// ```
    /// use journeymap::JourneyMap;
    /// let map = JourneyMap::from_json(r#"{"name": "Shop",
    ///   "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
    ///   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ///   "touchpoints": [{"id": "home", "name": "Home page", "stage": "visit", "channel": "web"},
    ///     {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "owner": "team"}],
    ///   "teams": [{"id": "team", "name": "Payments"}]}"#).unwrap();
    /// use journeymap::render::svg::{layout, SvgOptions};
    /// let mut l = layout(&map, &SvgOptions::new()).unwrap();
    /// assert!(l.overlapping_text().is_empty());
    /// l.text_boxes[1].rect = l.text_boxes[0].rect; // force an overlap
    /// assert_eq!(l.overlapping_text(), [(0, 1)]);
    /// ```
    pub fn overlapping_text(&self) -> Vec<(usize, usize)> {
        let mut order: Vec<usize> = (0..self.text_boxes.len()).collect();
        order.sort_by(|&a, &b| {
            self.text_boxes[a]
                .rect
                .y
                .total_cmp(&self.text_boxes[b].rect.y)
                .then(a.cmp(&b))
        });
        let mut pairs = Vec::new();
        for (k, &i) in order.iter().enumerate() {
            let a = &self.text_boxes[i].rect;
            for &j in &order[k + 1..] {
                let b = &self.text_boxes[j].rect;
                if b.y >= a.y + a.height {
                    break;
                }
                if a.overlaps(b) {
                    pairs.push((i.min(j), i.max(j)));
                }
            }
        }
        pairs.sort_unstable();
        pairs
    }
}

/// Computes the layout of the canvas without writing the SVG.
///
/// Errors: `NOT_FOUND` if `options.persona` names no persona of the map.
///
/// ```
/// use journeymap::JourneyMap;
/// let map = JourneyMap::from_json(r#"{"name": "Shop",
///   "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
///   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
///   "touchpoints": [{"id": "home", "name": "Home page", "stage": "visit", "channel": "web"},
///     {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "owner": "team"}],
///   "teams": [{"id": "team", "name": "Payments"}]}"#).unwrap();
/// use journeymap::render::svg::{layout, SvgOptions};
/// let l = layout(&map, &SvgOptions::new()).unwrap();
/// assert_eq!(l.columns.len(), 2);
/// assert!(l.text_boxes.iter().all(|t| t.rect.x + t.rect.width <= l.width));
/// let err = layout(&map, &SvgOptions::new().persona("nobody")).unwrap_err();
/// assert_eq!(err.code(), "NOT_FOUND");
/// ```
pub fn layout(map: &JourneyMap, options: &SvgOptions) -> Result<Layout, Error> {
    let scene = canvas::build(map, options)?;
    Ok(scene.layout())
}

/// Renders the map as an SVG document (UTF-8 text, starting with the XML
/// declaration).
///
/// Errors: `NOT_FOUND` if `options.persona` names no persona of the map.
/// See the [module documentation](self) for an example.
///
/// ```
/// use journeymap::JourneyMap;
/// let map = JourneyMap::from_json(r#"{"name": "Shop",
///   "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
///   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
///   "touchpoints": [{"id": "home", "name": "Home page", "stage": "visit", "channel": "web"},
///     {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "owner": "team"}],
///   "teams": [{"id": "team", "name": "Payments"}]}"#).unwrap();
/// use journeymap::render::svg::{render, SvgOptions};
/// let svg = render(&map, &SvgOptions::new()).unwrap();
/// assert!(svg.starts_with("<?xml") && svg.trim_end().ends_with("</svg>"));
/// assert_eq!(svg, render(&map, &SvgOptions::new()).unwrap()); // deterministic
/// ```
pub fn render(map: &JourneyMap, options: &SvgOptions) -> Result<String, Error> {
    let scene = canvas::build(map, options)?;
    Ok(scene.to_svg())
}

impl JourneyMap {
    /// Renders the map as an SVG journey canvas; same as
    /// [`render::svg::render`](render).
    ///
    /// ```
    /// # let map = journeymap::JourneyMap::from_json(r#"{"name": "x", "stages": [{"id": "a", "name": "A"}]}"#).unwrap();
    /// use journeymap::render::svg::SvgOptions;
    /// let svg = map.to_svg(&SvgOptions::default()).unwrap();
    /// assert!(svg.contains("<svg"));
    /// ```
    pub fn to_svg(&self, options: &SvgOptions) -> Result<String, Error> {
        render(self, options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_box(x: f64, y: f64, width: f64, height: f64) -> TextBox {
        TextBox {
            rect: Rect {
                x,
                y,
                width,
                height,
            },
            role: TextRole::Note,
            lines: vec![String::new()],
            truncated: false,
        }
    }

    #[test]
    fn overlapping_text_finds_every_overlapping_pair() {
        let layout = Layout {
            width: 100.0,
            height: 100.0,
            text_boxes: vec![
                text_box(0.0, 0.0, 10.0, 10.0),
                text_box(10.0, 0.0, 10.0, 10.0), // touches 0 only
                text_box(5.0, 5.0, 10.0, 30.0),  // overlaps 0 and 1
                text_box(0.0, 50.0, 100.0, 1.0),
                text_box(12.0, 30.0, 1.0, 30.0), // overlaps 2 and 3
            ],
            columns: Vec::new(),
        };
        assert_eq!(layout.overlapping_text(), [(0, 2), (1, 2), (2, 4), (3, 4)]);
    }
}
