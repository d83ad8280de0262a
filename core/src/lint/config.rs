//! How a lint run is configured: the caller's [`LintConfig`], merged with the
//! map's own `metadata.lint` settings.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{EntityKind, Error};
use crate::model::{LintSettings, LintSeverity};
use crate::Date;

use super::catalogue::{rule_index, RULES};
use super::diagnostic::Location;

/// Review age used when neither the caller nor the map sets one.
///
/// ```
/// use journeymap::{Date, JourneyMap};
/// use journeymap::lint::LintConfig;
/// use journeymap::model::LintSeverity;
/// // A stage without touchpoints: `JM-L001` (stage-without-touchpoints), a warning.
/// let map = JourneyMap::from_json(r#"{"name": "x",
///   "stages": [{"id": "s", "name": "S"}, {"id": "empty", "name": "Empty"}],
///   "channels": [{"id": "w", "name": "W", "kind": "digital"}],
///   "touchpoints": [{"id": "t", "name": "T", "stage": "s", "channel": "w"}],
///   "metadata": {"last_reviewed": "2026-01-05"}}"#).unwrap();
/// let fired = |config: &LintConfig, code: &str| {
///     map.lint(config).into_iter().find(|d| d.code == code).map(|d| d.severity)
/// };
/// use journeymap::lint::DEFAULT_MAX_REVIEW_AGE_DAYS;
/// // Reviewed on 5 January: overdue (`JM-L017`) once 180 days have passed.
/// let on = |day: &str| LintConfig::new().with_today(Date::parse(day).unwrap());
/// assert_eq!(DEFAULT_MAX_REVIEW_AGE_DAYS, 180);
/// assert_eq!(fired(&on("2026-07-04"), "JM-L017"), None);
/// assert!(fired(&on("2026-07-05"), "JM-L017").is_some());
/// ```
pub const DEFAULT_MAX_REVIEW_AGE_DAYS: u32 = 180;

/// The caller's lint settings. They add to the map's `metadata.lint`: a rule
/// is off if either disables it; a severity or review age given here wins
/// over the map's.
///
/// Rules are named by code (`JM-L003`) or name (`dead-end`), in any letter
/// case. Today's date is never read from the clock by the library: pass it
/// in `today` (without it, the date-dependent rules `JM-L017` and `JM-L019`
/// do not run).
///
/// Serialises as `{"today": "YYYY-MM-DD", "disable": [...], "severity":
/// {...}, "max_review_age_days": N}`, every field optional, so bindings can
/// take it as a plain dict or object.
///
/// ```
/// use journeymap::{Date, lint::LintConfig, model::LintSeverity};
/// let config = LintConfig::new()
///     .with_today(Date::parse("2026-11-23").unwrap())
///     .disabling("step-without-evidence")
///     .with_severity("JM-L007", LintSeverity::Error)
///     .with_max_review_age_days(90);
/// assert!(config.check().is_ok());
/// let json = serde_json::to_string(&config).unwrap();
/// assert!(json.contains("\"today\":\"2026-11-23\""));
/// let back: LintConfig = serde_json::from_str(&json).unwrap();
/// assert_eq!(back, config);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct LintConfig {
    /// Today's date (YYYY-MM-DD), for the review-age rules.
    #[serde(with = "date_opt", skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>", pattern(r"^\d{4}-\d{2}-\d{2}$"))]
    pub today: Option<Date>,
    /// Rules to turn off (codes or names), in addition to the map's.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub disable: Vec<String>,
    /// Severity overrides by rule code or name; they win over the map's.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub severity: BTreeMap<String, LintSeverity>,
    /// Days after `last_reviewed` before the map counts as overdue; wins over
    /// the map's `max_review_age_days`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_review_age_days: Option<u32>,
}

impl LintConfig {
    /// No overrides and no date.
    ///
    /// ```
    /// use journeymap::{Date, JourneyMap};
    /// use journeymap::lint::LintConfig;
    /// use journeymap::model::LintSeverity;
    /// // A stage without touchpoints: `JM-L001` (stage-without-touchpoints), a warning.
    /// let map = JourneyMap::from_json(r#"{"name": "x",
    ///   "stages": [{"id": "s", "name": "S"}, {"id": "empty", "name": "Empty"}],
    ///   "channels": [{"id": "w", "name": "W", "kind": "digital"}],
    ///   "touchpoints": [{"id": "t", "name": "T", "stage": "s", "channel": "w"}],
    ///   "metadata": {"last_reviewed": "2026-01-05"}}"#).unwrap();
    /// let fired = |config: &LintConfig, code: &str| {
    ///     map.lint(config).into_iter().find(|d| d.code == code).map(|d| d.severity)
    /// };
    /// assert_eq!(fired(&LintConfig::new(), "JM-L001"), Some(LintSeverity::Warning));
    /// // Without a date, the review-age rules cannot tell: they stay silent.
    /// assert_eq!(fired(&LintConfig::new(), "JM-L017"), None);
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets today's date.
    ///
    /// ```
    /// use journeymap::{Date, JourneyMap};
    /// use journeymap::lint::LintConfig;
    /// use journeymap::model::LintSeverity;
    /// // A stage without touchpoints: `JM-L001` (stage-without-touchpoints), a warning.
    /// let map = JourneyMap::from_json(r#"{"name": "x",
    ///   "stages": [{"id": "s", "name": "S"}, {"id": "empty", "name": "Empty"}],
    ///   "channels": [{"id": "w", "name": "W", "kind": "digital"}],
    ///   "touchpoints": [{"id": "t", "name": "T", "stage": "s", "channel": "w"}],
    ///   "metadata": {"last_reviewed": "2026-01-05"}}"#).unwrap();
    /// let fired = |config: &LintConfig, code: &str| {
    ///     map.lint(config).into_iter().find(|d| d.code == code).map(|d| d.severity)
    /// };
    /// let today = Date::parse("2026-11-24").unwrap();
    /// assert!(fired(&LintConfig::new().with_today(today), "JM-L017").is_some());
    /// ```
    pub fn with_today(mut self, today: Date) -> Self {
        self.today = Some(today);
        self
    }

    /// Turns a rule off (code or name).
    ///
    /// ```
    /// use journeymap::{Date, JourneyMap};
    /// use journeymap::lint::LintConfig;
    /// use journeymap::model::LintSeverity;
    /// // A stage without touchpoints: `JM-L001` (stage-without-touchpoints), a warning.
    /// let map = JourneyMap::from_json(r#"{"name": "x",
    ///   "stages": [{"id": "s", "name": "S"}, {"id": "empty", "name": "Empty"}],
    ///   "channels": [{"id": "w", "name": "W", "kind": "digital"}],
    ///   "touchpoints": [{"id": "t", "name": "T", "stage": "s", "channel": "w"}],
    ///   "metadata": {"last_reviewed": "2026-01-05"}}"#).unwrap();
    /// let fired = |config: &LintConfig, code: &str| {
    ///     map.lint(config).into_iter().find(|d| d.code == code).map(|d| d.severity)
    /// };
    /// assert_eq!(fired(&LintConfig::new().disabling("JM-L001"), "JM-L001"), None);
    /// assert_eq!(fired(&LintConfig::new().disabling("stage-without-touchpoints"), "JM-L001"), None);
    /// ```
    pub fn disabling(mut self, rule: impl Into<String>) -> Self {
        self.disable.push(rule.into());
        self
    }

    /// Overrides a rule's severity (code or name).
    ///
    /// ```
    /// use journeymap::{Date, JourneyMap};
    /// use journeymap::lint::LintConfig;
    /// use journeymap::model::LintSeverity;
    /// // A stage without touchpoints: `JM-L001` (stage-without-touchpoints), a warning.
    /// let map = JourneyMap::from_json(r#"{"name": "x",
    ///   "stages": [{"id": "s", "name": "S"}, {"id": "empty", "name": "Empty"}],
    ///   "channels": [{"id": "w", "name": "W", "kind": "digital"}],
    ///   "touchpoints": [{"id": "t", "name": "T", "stage": "s", "channel": "w"}],
    ///   "metadata": {"last_reviewed": "2026-01-05"}}"#).unwrap();
    /// let fired = |config: &LintConfig, code: &str| {
    ///     map.lint(config).into_iter().find(|d| d.code == code).map(|d| d.severity)
    /// };
    /// let config = LintConfig::new().with_severity("stage-without-touchpoints", LintSeverity::Error);
    /// assert_eq!(fired(&config, "JM-L001"), Some(LintSeverity::Error));
    /// ```
    pub fn with_severity(mut self, rule: impl Into<String>, severity: LintSeverity) -> Self {
        self.severity.insert(rule.into(), severity);
        self
    }

    /// Sets the review age in days.
    ///
    /// ```
    /// use journeymap::{Date, JourneyMap};
    /// use journeymap::lint::LintConfig;
    /// use journeymap::model::LintSeverity;
    /// // A stage without touchpoints: `JM-L001` (stage-without-touchpoints), a warning.
    /// let map = JourneyMap::from_json(r#"{"name": "x",
    ///   "stages": [{"id": "s", "name": "S"}, {"id": "empty", "name": "Empty"}],
    ///   "channels": [{"id": "w", "name": "W", "kind": "digital"}],
    ///   "touchpoints": [{"id": "t", "name": "T", "stage": "s", "channel": "w"}],
    ///   "metadata": {"last_reviewed": "2026-01-05"}}"#).unwrap();
    /// let fired = |config: &LintConfig, code: &str| {
    ///     map.lint(config).into_iter().find(|d| d.code == code).map(|d| d.severity)
    /// };
    /// let today = Date::parse("2026-03-01").unwrap();
    /// assert_eq!(fired(&LintConfig::new().with_today(today), "JM-L017"), None);
    /// let strict = LintConfig::new().with_today(today).with_max_review_age_days(30);
    /// assert!(fired(&strict, "JM-L017").is_some());
    /// ```
    pub fn with_max_review_age_days(mut self, days: u32) -> Self {
        self.max_review_age_days = Some(days);
        self
    }

    /// Every rule code or name in this configuration that names no rule, as
    /// `INVALID_VALUE` errors whose paths point into the configuration
    /// (`/disable/0`, `/severity/JM-L999`). [`crate::JourneyMap::lint`]
    /// reports the same problems as `JM-L000` diagnostics; call this first to
    /// refuse a bad configuration instead (the CLI does).
    ///
    /// ```
    /// use journeymap::lint::LintConfig;
    /// let err = LintConfig::new().disabling("JM-L999").check().unwrap_err();
    /// assert_eq!(err.code(), "INVALID_VALUE");
    /// assert_eq!(err.path(), Some("/disable/0"));
    /// ```
    pub fn check(&self) -> Result<(), Error> {
        let errors = unknown_rules(&self.disable, &self.severity, "")
            .into_iter()
            .map(|u| Error::InvalidValue {
                id: Some(u.given.clone()),
                message: format!(
                    "unknown lint rule {:?}; `journeymap lint --list` lists the rules",
                    u.given
                ),
                path: u.path,
            })
            .collect();
        Error::from_violations(errors).map_or(Ok(()), Err)
    }
}

/// A rule reference that names no rule.
pub(crate) struct UnknownRule {
    pub given: String,
    pub path: String,
}

fn unknown_rules(
    disable: &[String],
    severity: &BTreeMap<String, LintSeverity>,
    prefix: &str,
) -> Vec<UnknownRule> {
    let mut out = Vec::new();
    for (i, code) in disable.iter().enumerate() {
        if rule_index(code).is_none() {
            out.push(UnknownRule {
                given: code.clone(),
                path: format!("{prefix}/disable/{i}"),
            });
        }
    }
    for code in severity.keys() {
        if rule_index(code).is_none() {
            out.push(UnknownRule {
                given: code.clone(),
                path: format!("{prefix}/severity/{}", crate::pointer::token(code)),
            });
        }
    }
    out
}

/// The settings a run uses, rule by rule, after merging.
pub(crate) struct Effective {
    /// Indexed like [`RULES`].
    pub enabled: Vec<bool>,
    /// Indexed like [`RULES`].
    pub severity: Vec<LintSeverity>,
    pub today: Option<Date>,
    pub max_review_age_days: u32,
    /// Whether the review age came from the caller, the map or the default.
    pub max_review_age_source: &'static str,
    /// Unknown rule references, with where they were found.
    pub unknown: Vec<(UnknownRule, Location, &'static str)>,
}

impl Effective {
    pub fn merge(map: &LintSettings, config: &LintConfig) -> Self {
        let mut enabled = vec![true; RULES.len()];
        let mut severity: Vec<LintSeverity> = RULES.iter().map(|r| r.default_severity).collect();
        for code in map.disable.iter().chain(&config.disable) {
            if let Some(i) = rule_index(code) {
                enabled[i] = false;
            }
        }
        // The map's overrides first, so the caller's win.
        for overrides in [&map.severity, &config.severity] {
            for (code, level) in overrides {
                if let Some(i) = rule_index(code) {
                    severity[i] = *level;
                }
            }
        }
        let (max_review_age_days, max_review_age_source) =
            match (config.max_review_age_days, map.max_review_age_days) {
                (Some(days), _) => (days, "the lint configuration"),
                (None, Some(days)) => (days, "the map's lint settings"),
                (None, None) => (DEFAULT_MAX_REVIEW_AGE_DAYS, "the default"),
            };
        let mut unknown = Vec::new();
        for u in unknown_rules(&map.disable, &map.severity, "/metadata/lint") {
            let loc = Location::new(EntityKind::Map, None, u.path.clone());
            unknown.push((u, loc, "the map's lint settings"));
        }
        for u in unknown_rules(&config.disable, &config.severity, "") {
            unknown.push((
                u,
                Location::new(EntityKind::Map, None, ""),
                "the lint configuration",
            ));
        }
        Effective {
            enabled,
            severity,
            today: config.today,
            max_review_age_days,
            max_review_age_source,
            unknown,
        }
    }
}

/// serde for `Option<Date>` as `"YYYY-MM-DD"`.
mod date_opt {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::Date;

    pub fn serialize<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => s.collect_str(d),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(s) => Date::parse(&s).map(Some).ok_or_else(|| {
                serde::de::Error::custom(format!("{s:?} is not a date in the form YYYY-MM-DD"))
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caller_wins_over_map_and_disable_is_a_union() {
        let map: LintSettings = serde_json::from_str(
            r#"{"disable": ["JM-L011"], "severity": {"JM-L007": "error", "dead-end": "info"},
                "max_review_age_days": 30}"#,
        )
        .unwrap();
        let config = LintConfig::new()
            .disabling("tone-change")
            .with_severity("jm-l007", LintSeverity::Info);
        let e = Effective::merge(&map, &config);
        assert!(!e.enabled[11] && !e.enabled[12] && e.enabled[7]);
        assert_eq!(e.severity[7], LintSeverity::Info);
        assert_eq!(e.severity[3], LintSeverity::Info);
        assert_eq!(e.severity[2], LintSeverity::Error);
        assert_eq!(e.max_review_age_days, 30);
        let e = Effective::merge(&map, &config.with_max_review_age_days(400));
        assert_eq!(e.max_review_age_days, 400);
        let e = Effective::merge(&LintSettings::default(), &LintConfig::new());
        assert_eq!(e.max_review_age_days, DEFAULT_MAX_REVIEW_AGE_DAYS);
        assert!(e.unknown.is_empty());
    }

    #[test]
    fn unknown_rules_are_located() {
        let map: LintSettings = serde_json::from_str(
            r#"{"disable": ["JM-L001", "JM-L99"], "severity": {"a/b~c": "info"}}"#,
        )
        .unwrap();
        let e = Effective::merge(&map, &LintConfig::new().disabling("nope"));
        let paths: Vec<_> = e.unknown.iter().map(|(_, l, _)| l.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "/metadata/lint/disable/1",
                "/metadata/lint/severity/a~1b~0c",
                ""
            ]
        );
        let err = LintConfig::new()
            .disabling("JM-L001")
            .disabling("x")
            .with_severity("y", LintSeverity::Info)
            .check()
            .unwrap_err();
        let paths: Vec<_> = err.violations().iter().filter_map(|e| e.path()).collect();
        assert_eq!(paths, ["/disable/1", "/severity/y"]);
    }

    #[test]
    fn config_json_rejects_bad_dates_and_unknown_fields() {
        let ok: LintConfig = serde_json::from_str(r#"{"today": "2026-11-23"}"#).unwrap();
        assert_eq!(ok.today, Date::parse("2026-11-23"));
        assert!(serde_json::from_str::<LintConfig>(r#"{"today": "2026-02-30"}"#).is_err());
        assert!(serde_json::from_str::<LintConfig>(r#"{"todya": "2026-01-01"}"#).is_err());
        assert_eq!(
            serde_json::from_str::<LintConfig>("{}").unwrap(),
            LintConfig::new()
        );
    }
}
