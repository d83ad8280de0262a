//! Options of a journey report.

use std::time::Duration;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{EntityKind, Error};
use crate::JourneyMap;

/// Milliseconds in a day.
pub(crate) const DAY_MS: i64 = 86_400_000;

/// How observed scores (survey answers, CSAT, NPS) map onto the map's
/// emotion scale, -2 (very negative) to 2 (very positive).
///
/// The mapping is linear from the scale's range onto -2..=2; a score
/// outside the range is counted as out of range and left out of the means.
///
/// ```
/// use journeymap::analytics::ScoreScale;
/// assert_eq!(ScoreScale::Native.to_emotion(1.0), Some(1.0));
/// assert_eq!(ScoreScale::OneToFive.to_emotion(5.0), Some(2.0));   // 1..5: s - 3
/// assert_eq!(ScoreScale::ZeroToTen.to_emotion(10.0), Some(2.0));  // 0..10 (NPS): (s - 5) * 0.4
/// assert_eq!(ScoreScale::ZeroToTen.to_emotion(0.0), Some(-2.0));
/// assert_eq!(ScoreScale::Range { min: 1.0, max: 7.0 }.to_emotion(4.0), Some(0.0));
/// assert_eq!(ScoreScale::OneToFive.to_emotion(6.0), None);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ScoreScale {
    /// Scores are already on -2..=2 (the default).
    #[default]
    Native,
    /// 1..=5 (CSAT, Likert): 1 -> -2, 3 -> 0, 5 -> 2.
    OneToFive,
    /// 0..=10 (NPS question): 0 -> -2, 5 -> 0, 10 -> 2.
    ZeroToTen,
    /// Any range `min..=max` (min < max), mapped linearly.
    Range {
        /// Lowest score, mapped to -2.
        min: f64,
        /// Highest score, mapped to 2.
        max: f64,
    },
}

impl std::str::FromStr for ScoreScale {
    type Err = String;

    /// `native`, `one_to_five`, `zero_to_ten` (or, as command lines write
    /// them, `one-to-five`, `zero-to-ten`), or a range `MIN..MAX` such as
    /// `1..7` (whether it is a usable range is
    /// [`ReportOptions::validate`]'s to say).
    ///
    /// ```
    /// use journeymap::analytics::ScoreScale;
    /// assert_eq!("one_to_five".parse::<ScoreScale>(), Ok(ScoreScale::OneToFive));
    /// assert_eq!("zero-to-ten".parse::<ScoreScale>(), Ok(ScoreScale::ZeroToTen));
    /// assert_eq!("1..7".parse::<ScoreScale>(), Ok(ScoreScale::Range { min: 1.0, max: 7.0 }));
    /// assert!("likert".parse::<ScoreScale>().unwrap_err().contains("\"one_to_five\""));
    /// ```
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "native" => Ok(ScoreScale::Native),
            "one_to_five" | "one-to-five" => Ok(ScoreScale::OneToFive),
            "zero_to_ten" | "zero-to-ten" => Ok(ScoreScale::ZeroToTen),
            _ => s
                .split_once("..")
                .and_then(|(lo, hi)| Some((lo.trim().parse().ok()?, hi.trim().parse().ok()?)))
                .map(|(min, max)| ScoreScale::Range { min, max })
                .ok_or_else(|| {
                    format!(
                        "score_scale {s:?}: expected \"native\" (-2..2), \"one_to_five\", \"zero_to_ten\" or a range such as \"1..7\""
                    )
                }),
        }
    }
}

/// A name is read through [`std::str::FromStr`] (an unknown one is
/// `INVALID_VALUE`); a range is `{"range": {"min": 1, "max": 7}}`.
impl<'de> Deserialize<'de> for ScoreScale {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{self, MapAccess, Visitor};

        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Range {
            min: f64,
            max: f64,
        }

        struct Scale;

        impl<'de> Visitor<'de> for Scale {
            type Value = ScoreScale;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a scale name or {\"range\": {\"min\": ..., \"max\": ...}}")
            }

            fn visit_str<E: de::Error>(self, s: &str) -> Result<ScoreScale, E> {
                s.parse().map_err(E::custom)
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ScoreScale, A::Error> {
                let mut range = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key != "range" {
                        return Err(de::Error::unknown_field(&key, &["range"]));
                    }
                    if range.is_some() {
                        return Err(de::Error::duplicate_field("range"));
                    }
                    range = Some(map.next_value::<Range>()?);
                }
                let Range { min, max } = range.ok_or_else(|| de::Error::missing_field("range"))?;
                Ok(ScoreScale::Range { min, max })
            }
        }

        d.deserialize_any(Scale)
    }
}

impl ScoreScale {
    /// The range of scores this scale accepts.
    ///
    /// ```
    /// use journeymap::analytics::ScoreScale;
    /// assert_eq!(ScoreScale::OneToFive.bounds(), (1.0, 5.0));
    /// assert_eq!(ScoreScale::Range { min: 0.0, max: 100.0 }.bounds(), (0.0, 100.0));
    /// ```
    pub fn bounds(self) -> (f64, f64) {
        match self {
            ScoreScale::Native => (-2.0, 2.0),
            ScoreScale::OneToFive => (1.0, 5.0),
            ScoreScale::ZeroToTen => (0.0, 10.0),
            ScoreScale::Range { min, max } => (min, max),
        }
    }

    /// The score on the emotion scale -2..=2, or `None` when outside the
    /// scale's range (or not a number).
    ///
    /// ```
    /// use journeymap::analytics::ScoreScale;
    /// assert_eq!(ScoreScale::OneToFive.to_emotion(5.0), Some(2.0));
    /// assert_eq!(ScoreScale::ZeroToTen.to_emotion(5.0), Some(0.0));
    /// assert_eq!(ScoreScale::Native.to_emotion(3.0), None);
    /// assert_eq!(ScoreScale::OneToFive.to_emotion(f64::NAN), None);
    /// ```
    pub fn to_emotion(self, score: f64) -> Option<f64> {
        let (min, max) = self.bounds();
        if !(min..=max).contains(&score) {
            return None;
        }
        Some(match self {
            ScoreScale::Native => score,
            ScoreScale::OneToFive => score - 3.0,
            _ => -2.0 + 4.0 * (score - min) / (max - min),
        })
    }
}

/// Weights of the position-based (U-shaped) attribution model: `first` to
/// the first touch, `last` to the last, the rest shared by the touches in
/// between. Default 0.4 / 0.4 (the 40/20/40 model).
///
/// ```
/// use journeymap::analytics::PositionWeights;
/// let w = PositionWeights::default();
/// assert_eq!((w.first, w.last), (0.4, 0.4));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PositionWeights {
    /// Share of the first touch (0..=1).
    pub first: f64,
    /// Share of the last touch (0..=1; `first + last <= 1`).
    pub last: f64,
}

impl Default for PositionWeights {
    fn default() -> Self {
        PositionWeights {
            first: 0.4,
            last: 0.4,
        }
    }
}

/// Options of a journey report, built with chained setters.
///
/// ```
/// use std::time::Duration;
/// use journeymap::analytics::{ReportOptions, ScoreScale};
/// let options = ReportOptions::new()
///     .conversion_window(Duration::from_secs(30 * 86_400))
///     .lookback_window(Duration::from_secs(14 * 86_400))
///     .top_k(5)
///     .score_scale(ScoreScale::OneToFive);
/// assert_eq!(options.top_k, 5);
/// assert_eq!(options.conversion_window_ms, Some(2_592_000_000));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportOptions {
    /// Journeys are cut this many milliseconds after the customer's first
    /// event: later events are counted as outside the window and ignored.
    /// `None` (default): no cut.
    #[serde(default)]
    pub conversion_window_ms: Option<i64>,
    /// Attribution only credits touches at most this many milliseconds
    /// before the conversion (before the last touch for customers who did
    /// not convert, in the Markov model). `None` (default): all touches.
    #[serde(default)]
    pub lookback_window_ms: Option<i64>,
    /// Touchpoints whose reach counts as converting. `None` (default): the
    /// map's conversions (touchpoints of kind `conversion` and objectives'
    /// conversion targets).
    #[serde(default)]
    pub conversions: Option<Vec<String>>,
    /// How many path variants and unknown event names the report lists
    /// (default 10).
    #[serde(default = "default_top_k")]
    pub top_k: usize,
    /// Half-life of the time-decay attribution model, in milliseconds
    /// (default 7 days).
    #[serde(default = "default_half_life")]
    pub half_life_ms: i64,
    /// Weights of the position-based attribution model.
    #[serde(default)]
    pub position_weights: PositionWeights,
    /// How observed scores map onto -2..=2.
    #[serde(default)]
    pub score_scale: ScoreScale,
    /// Collapse consecutive events at the same touchpoint into one step
    /// for transitions, path variants, conformance and attribution
    /// (default true). Touchpoint entries always count every event.
    #[serde(default = "default_true")]
    pub collapse_repeats: bool,
    /// List every customer with their conformance in the report (default
    /// false; one row per customer).
    #[serde(default)]
    pub include_customers: bool,
}

fn default_top_k() -> usize {
    10
}

fn default_half_life() -> i64 {
    7 * DAY_MS
}

fn default_true() -> bool {
    true
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            conversion_window_ms: None,
            lookback_window_ms: None,
            conversions: None,
            top_k: default_top_k(),
            half_life_ms: default_half_life(),
            position_weights: PositionWeights::default(),
            score_scale: ScoreScale::default(),
            collapse_repeats: true,
            include_customers: false,
        }
    }
}

fn millis(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

impl ReportOptions {
    /// The default options.
    ///
    /// ```
    /// use journeymap::analytics::ReportOptions;
    /// assert_eq!(ReportOptions::new(), ReportOptions::default());
    /// assert!(ReportOptions::new().collapse_repeats);
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Cuts each journey this long after the customer's first event.
    ///
    /// ```
    /// # use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
    /// # let map = journeymap::doc_support::shop_map();
    /// # let log = journeymap::doc_support::shop_log(&map);
    /// use std::time::Duration;
    /// // A day after the promo (1 March) c1 has not paid yet.
    /// let options = ReportOptions::new().conversion_window(Duration::from_secs(86_400));
    /// let report = analyze(&map, &log, &options).unwrap();
    /// assert_eq!((report.totals.converted_customers, report.totals.events_outside_window), (0, 3));
    /// ```
    pub fn conversion_window(mut self, window: Duration) -> Self {
        self.conversion_window_ms = Some(millis(window));
        self
    }

    /// Credits only touches at most this long before the conversion.
    ///
    /// ```
    /// # use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
    /// # let map = journeymap::doc_support::shop_map();
    /// # let log = journeymap::doc_support::shop_log(&map);
    /// use std::time::Duration;
    /// // The promo was two days before c1 paid: outside an hour's lookback.
    /// let options = ReportOptions::new().lookback_window(Duration::from_secs(3_600));
    /// let report = analyze(&map, &log, &options).unwrap();
    /// let [promo, home, _] = &report.attribution.touchpoints[..] else { panic!() };
    /// assert_eq!((promo.first_touch.conversions, home.first_touch.conversions), (0.0, 1.0));
    /// ```
    pub fn lookback_window(mut self, window: Duration) -> Self {
        self.lookback_window_ms = Some(millis(window));
        self
    }

    /// Counts reaching any of these touchpoints as converting (instead of
    /// the map's conversions).
    ///
    /// ```
    /// # use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
    /// # let map = journeymap::doc_support::shop_map();
    /// # let log = journeymap::doc_support::shop_log(&map);
    /// let report = analyze(&map, &log, &ReportOptions::new().conversions(["home"])).unwrap();
    /// assert_eq!(report.conversion_touchpoints, ["home"]);
    /// assert_eq!(report.totals.converted_customers, 2);
    /// ```
    pub fn conversions<I, S>(mut self, touchpoints: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.conversions = Some(touchpoints.into_iter().map(Into::into).collect());
        self
    }

    /// How many path variants and unknown event names to list.
    ///
    /// ```
    /// # use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
    /// # let map = journeymap::doc_support::shop_map();
    /// # let log = journeymap::doc_support::shop_log(&map);
    /// let report = analyze(&map, &log, &ReportOptions::new().top_k(1)).unwrap();
    /// assert_eq!((report.variants.distinct, report.variants.top.len()), (2, 1));
    /// ```
    pub fn top_k(mut self, k: usize) -> Self {
        self.top_k = k;
        self
    }

    /// Half-life of the time-decay model.
    ///
    /// ```
    /// # use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
    /// # let map = journeymap::doc_support::shop_map();
    /// # let log = journeymap::doc_support::shop_log(&map);
    /// use std::time::Duration;
    /// // The promo is two half-lives before c1's last touch: weight 1/4 to home's 1.
    /// let options = ReportOptions::new().half_life(Duration::from_secs(86_400));
    /// let report = analyze(&map, &log, &options).unwrap();
    /// let [promo, home, _] = &report.attribution.touchpoints[..] else { panic!() };
    /// assert_eq!((promo.time_decay.conversions, home.time_decay.conversions), (0.2, 0.8));
    /// ```
    pub fn half_life(mut self, half_life: Duration) -> Self {
        self.half_life_ms = millis(half_life);
        self
    }

    /// Weights of the position-based model.
    ///
    /// ```
    /// use journeymap::analytics::ReportOptions;
    /// let options = ReportOptions::new().position_weights(0.3, 0.5);
    /// assert_eq!((options.position_weights.first, options.position_weights.last), (0.3, 0.5));
    /// ```
    pub fn position_weights(mut self, first: f64, last: f64) -> Self {
        self.position_weights = PositionWeights { first, last };
        self
    }

    /// How observed scores map onto -2..=2.
    ///
    /// ```
    /// # use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
    /// # let map = journeymap::doc_support::shop_map();
    /// # let log = journeymap::doc_support::shop_log(&map);
    /// use journeymap::analytics::ScoreScale;
    /// // On 1..=5, the scores 2 and -1 are -1 and out of range.
    /// let options = ReportOptions::new().score_scale(ScoreScale::OneToFive);
    /// let score = &analyze(&map, &log, &options).unwrap().touchpoints[1].score;
    /// assert_eq!((score.count, score.mean, score.out_of_range), (1, Some(-1.0), 1));
    /// ```
    pub fn score_scale(mut self, scale: ScoreScale) -> Self {
        self.score_scale = scale;
        self
    }

    /// Whether consecutive events at one touchpoint form one step.
    ///
    /// ```
    /// # use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
    /// # let map = journeymap::doc_support::shop_map();
    /// # let log = journeymap::doc_support::shop_log(&map);
    /// let report = analyze(&map, &log, &ReportOptions::new().collapse_repeats(false)).unwrap();
    /// assert!(report.transitions.iter().any(|t| t.from == "home" && t.to == "home"));
    /// ```
    pub fn collapse_repeats(mut self, collapse: bool) -> Self {
        self.collapse_repeats = collapse;
        self
    }

    /// Whether the report lists every customer.
    ///
    /// ```
    /// # use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
    /// # let map = journeymap::doc_support::shop_map();
    /// # let log = journeymap::doc_support::shop_log(&map);
    /// let report = analyze(&map, &log, &ReportOptions::new().include_customers(true)).unwrap();
    /// assert_eq!(report.customers.map(|c| c.len()), Some(2));
    /// assert_eq!(analyze(&map, &log, &ReportOptions::new()).unwrap().customers, None);
    /// ```
    pub fn include_customers(mut self, include: bool) -> Self {
        self.include_customers = include;
        self
    }

    /// Checks the options against a map: conversion touchpoints exist,
    /// weights and windows are in range.
    ///
    /// ```
    /// use journeymap::analytics::ReportOptions;
    /// # let map = journeymap::doc_support::stage_map();
    /// let err = ReportOptions::new().conversions(["nope"]).validate(&map).unwrap_err();
    /// assert_eq!(err.code(), "NOT_FOUND");
    /// let err = ReportOptions::new().position_weights(0.7, 0.7).validate(&map).unwrap_err();
    /// assert_eq!(err.code(), "INVALID_VALUE");
    /// ```
    pub fn validate(&self, map: &JourneyMap) -> Result<(), Error> {
        let invalid = |path: &str, message: String| Error::InvalidValue {
            id: None,
            path: path.to_owned(),
            message,
        };
        if let Some(list) = &self.conversions {
            for id in list {
                if map.touchpoint(id).is_none() {
                    return Err(Error::NotFound {
                        kind: EntityKind::Touchpoint,
                        id: id.clone(),
                    });
                }
            }
        }
        for (name, window) in [
            ("conversion_window_ms", self.conversion_window_ms),
            ("lookback_window_ms", self.lookback_window_ms),
        ] {
            if window.is_some_and(|w| w < 0) {
                return Err(invalid(
                    &format!("/options/{name}"),
                    format!("{name} must not be negative"),
                ));
            }
        }
        if self.half_life_ms <= 0 {
            return Err(invalid(
                "/options/half_life_ms",
                "half_life_ms must be positive".into(),
            ));
        }
        let PositionWeights { first, last } = self.position_weights;
        let ok = |w: f64| w.is_finite() && (0.0..=1.0).contains(&w);
        if !ok(first) || !ok(last) || first + last > 1.0 + 1e-12 {
            return Err(invalid(
                "/options/position_weights",
                format!("position weights first={first} and last={last} must be in 0..=1 with first + last <= 1"),
            ));
        }
        if let ScoreScale::Range { min, max } = self.score_scale {
            if !(min.is_finite() && max.is_finite() && min < max) {
                return Err(invalid(
                    "/options/score_scale",
                    format!("score scale range {min}..={max} needs finite min < max"),
                ));
            }
        }
        Ok(())
    }

    /// Whether two option sets give the same per-customer results, so that
    /// partial results computed with them can be merged (only `top_k`, a
    /// presentation choice, may differ).
    pub(crate) fn compatible(&self, other: &ReportOptions) -> bool {
        ReportOptions {
            top_k: other.top_k,
            ..self.clone()
        } == *other
    }
}

/// [`parse_duration`] for the value of a duration option, named `option`
/// as the caller spells it (`conversion_window` in Python,
/// `conversionWindow` in JavaScript): an error is located at `/{option}`
/// and its message starts with the option's name.
///
/// ```
/// use std::time::Duration;
/// use journeymap::analytics::parse_duration_option;
/// assert_eq!(parse_duration_option("halfLife", "12h").unwrap(), Duration::from_secs(12 * 3_600));
/// let err = parse_duration_option("halfLife", "soon").unwrap_err();
/// assert_eq!((err.code(), err.path()), ("INVALID_VALUE", Some("/halfLife")));
/// assert!(err.to_string().starts_with("halfLife: "));
/// ```
pub fn parse_duration_option(option: &str, text: &str) -> Result<Duration, Error> {
    parse_duration(text).map_err(|e| Error::InvalidValue {
        id: None,
        path: format!("/{}", crate::pointer::token(option)),
        message: format!("{option}: {e}"),
    })
}

/// Parses a duration written as a whole number and a unit: `500ms`, `45s`,
/// `90m` (or `90min`), `12h`, `30d`, `2w` (surrounding spaces allowed), the
/// syntax of the CLI's `--window`. Anything else, or a duration too long
/// to count in milliseconds, is an `INVALID_VALUE` error.
///
/// ```
/// use std::time::Duration;
/// use journeymap::analytics::parse_duration;
/// assert_eq!(parse_duration("30d").unwrap(), Duration::from_secs(30 * 86_400));
/// assert_eq!(parse_duration("90m").unwrap(), Duration::from_secs(90 * 60));
/// assert_eq!(parse_duration("500ms").unwrap(), Duration::from_millis(500));
/// assert_eq!(parse_duration("1.5h").unwrap_err().code(), "INVALID_VALUE");
/// assert_eq!(parse_duration("-3d").unwrap_err().code(), "INVALID_VALUE");
/// ```
pub fn parse_duration(text: &str) -> Result<Duration, Error> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let invalid = |message: String| Error::InvalidValue {
        id: None,
        path: String::new(),
        message,
    };
    let usage = || {
        invalid(format!(
            "{text:?} is not a duration: use a whole number and a unit, e.g. 30d, 12h, 90m, 45s, 500ms, 2w"
        ))
    };
    let n: u64 = number.parse().map_err(|_| usage())?;
    let ms_per: u64 = match unit {
        "ms" => 1,
        "s" => 1_000,
        "m" | "min" => 60_000,
        "h" => 3_600_000,
        "d" => DAY_MS as u64,
        "w" => 7 * DAY_MS as u64,
        _ => return Err(usage()),
    };
    n.checked_mul(ms_per)
        .filter(|&ms| ms <= i64::MAX as u64)
        .map(Duration::from_millis)
        .ok_or_else(|| invalid(format!("{text:?} is too long a duration")))
}
