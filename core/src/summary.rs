//! A short human-readable overview of a map.

use std::fmt;

use serde::Serialize;

use crate::JourneyMap;

/// Counts and per-stage overview of a map, printable as text.
///
/// ```
/// # let map = journeymap::JourneyMap::from_json(r#"{"name":"Shop","stages":[{"id":"a","name":"Visit"}]}"#).unwrap();
/// let s = map.summary();
/// assert_eq!(s.stages, 1);
/// assert!(s.to_string().starts_with("Shop\n"));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    /// Title of the map.
    pub name: String,
    /// Number of personas.
    pub personas: usize,
    /// Number of stages.
    pub stages: usize,
    /// Number of channels.
    pub channels: usize,
    /// Number of teams.
    pub teams: usize,
    /// Number of touchpoints.
    pub touchpoints: usize,
    /// Number of transitions.
    pub transitions: usize,
    /// Number of objectives.
    pub objectives: usize,
    /// Number of pain points.
    pub pain_points: usize,
    /// Number of opportunities.
    pub opportunities: usize,
    /// Entry touchpoint ids.
    pub entries: Vec<String>,
    /// Conversion touchpoint ids.
    pub conversions: Vec<String>,
    /// One line per stage: name, touchpoints, mean emotion.
    pub stage_lines: Vec<StageLine>,
}

/// One stage in a [`Summary`].
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
/// let line = &map.summary().stage_lines[0];
/// assert_eq!((line.id.as_str(), line.touchpoints.as_slice(), line.mean_emotion), ("visit", &["Home".to_owned()][..], Some(1.0)));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StageLine {
    /// Stage id.
    pub id: String,
    /// Stage name.
    pub name: String,
    /// Touchpoint names, in order.
    pub touchpoints: Vec<String>,
    /// Mean emotion score of its touchpoints that have one.
    pub mean_emotion: Option<f64>,
    /// Number of pain points in the stage.
    pub pain_points: usize,
}

impl JourneyMap {
    /// Counts and a per-stage overview.
    ///
    /// ```
    /// use journeymap::JourneyMap;
    /// let map = JourneyMap::from_json(r#"{"name": "Shop",
    ///   "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
    ///   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ///   "touchpoints": [{"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
    ///     {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
    ///   "transitions": [{"from": "home", "to": "pay"}]}"#).unwrap();
    /// let s = map.summary();
    /// assert_eq!((s.stages, s.touchpoints, s.transitions), (2, 2, 1));
    /// assert_eq!((s.entries.as_slice(), s.conversions.as_slice()), (&["home".to_owned()][..], &["pay".to_owned()][..]));
    /// ```
    pub fn summary(&self) -> Summary {
        let tps = self.touchpoints();
        let stage_lines = self
            .stages()
            .iter()
            .map(|s| {
                let in_stage: Vec<_> = tps.iter().filter(|t| t.stage == s.id).collect();
                let scores: Vec<i64> = in_stage
                    .iter()
                    .filter_map(|t| t.emotion.as_ref().map(|e| e.score))
                    .collect();
                StageLine {
                    id: s.id.to_string(),
                    name: s.name.clone(),
                    touchpoints: in_stage.iter().map(|t| t.name.clone()).collect(),
                    mean_emotion: (!scores.is_empty())
                        .then(|| scores.iter().sum::<i64>() as f64 / scores.len() as f64),
                    pain_points: in_stage.iter().map(|t| t.pain_points.len()).sum(),
                }
            })
            .collect();
        Summary {
            name: self.name().to_owned(),
            personas: self.personas().len(),
            stages: self.stages().len(),
            channels: self.channels().len(),
            teams: self.teams().len(),
            touchpoints: tps.len(),
            transitions: self.transitions().len(),
            objectives: self.objectives().len(),
            pain_points: tps.iter().map(|t| t.pain_points.len()).sum(),
            opportunities: tps.iter().map(|t| t.opportunities.len()).sum(),
            entries: self.entries().iter().map(|t| t.id.to_string()).collect(),
            conversions: self
                .conversions()
                .iter()
                .map(|t| t.id.to_string())
                .collect(),
            stage_lines,
        }
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.name)?;
        writeln!(
            f,
            "  {} personas, {} stages, {} channels, {} teams, {} touchpoints, {} transitions, {} objectives",
            self.personas, self.stages, self.channels, self.teams, self.touchpoints, self.transitions, self.objectives
        )?;
        writeln!(
            f,
            "  {} pain points, {} opportunities",
            self.pain_points, self.opportunities
        )?;
        writeln!(f, "  entries: {}", self.entries.join(", "))?;
        writeln!(f, "  conversions: {}", self.conversions.join(", "))?;
        for (i, s) in self.stage_lines.iter().enumerate() {
            let emotion = s
                .mean_emotion
                .map(|m| format!("{m:+.1}"))
                .unwrap_or_else(|| "n/a".into());
            writeln!(
                f,
                "  {}. {} — {} touchpoint(s), mean emotion {}, {} pain point(s): {}",
                i + 1,
                s.name,
                s.touchpoints.len(),
                emotion,
                s.pain_points,
                s.touchpoints.join(", ")
            )?;
        }
        Ok(())
    }
}
