//! Lint a journey map against journey-mapping practice.
//!
//! Invariants (see [`crate::Error`]) make a map meaningful and are enforced
//! when it is built; lints are advice. [`JourneyMap::lint`] runs every rule of
//! the [catalogue](RULES) and returns [`Diagnostic`]s: stable rule code and
//! name, severity, a message naming the entity by its name and id, its
//! [`Location`] (kind, id, JSON Pointer) and a hint of what to do.
//!
//! ```
//! use journeymap::{Date, JourneyMap, lint::LintConfig};
//! let map = JourneyMap::from_json(r#"{
//!   "name": "Tiny shop",
//!   "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
//!   "channels": [{"id": "web", "name": "Website", "kind": "digital"}],
//!   "touchpoints": [
//!     {"id": "home", "name": "Home page", "stage": "visit", "channel": "web"},
//!     {"id": "pay", "name": "Checkout", "stage": "buy", "channel": "web", "kind": "conversion"}
//!   ],
//!   "transitions": [{"from": "home", "to": "pay"}],
//!   "metadata": {"last_reviewed": "2026-01-10", "lint": {"disable": ["step-without-evidence"]}}
//! }"#).unwrap();
//! let config = LintConfig::new().with_today(Date::parse("2026-11-23").unwrap());
//! let codes: Vec<_> = map.lint(&config).into_iter().map(|d| d.code).collect();
//! assert_eq!(codes, [
//!     "JM-L007", "JM-L007", // touchpoints without owner
//!     "JM-L009",            // only digital channels
//!     "JM-L010",            // no negative emotion
//!     "JM-L017",            // reviewed 317 days ago, more than 180
//!     "JM-L020",            // no objective
//!     "JM-L021",            // no persona
//! ]);
//! ```
//!
//! Settings: a map turns rules off and changes severities in its
//! `metadata.lint`; the caller does the same through [`LintConfig`] (whose
//! settings win). An unknown rule code in either is reported by `JM-L000`.
//! The rules are documented in [`RULES`] and in `docs/lint-rules.md`.

mod audience;
mod catalogue;
mod config;
mod diagnostic;
mod freshness;
mod insight;
mod messaging;
mod objectives;
mod ownership;
mod paths;
mod structure;
mod walk;

pub use catalogue::{catalogue_json, catalogue_markdown, rule, severity_str, Rule, Theme, RULES};
pub use config::{LintConfig, DEFAULT_MAX_REVIEW_AGE_DAYS};
pub use diagnostic::{Diagnostic, Location};

use crate::error::EntityKind;
use crate::model::{Persona, Stage, Touchpoint, Transition};
use crate::JourneyMap;

use config::Effective;

/// What a rule found, before the engine adds code, name and severity.
pub(crate) struct Finding {
    pub location: Location,
    pub message: String,
    pub hint: String,
}

/// What a rule sees.
pub(crate) struct Ctx<'a> {
    pub map: &'a JourneyMap,
    pub settings: &'a Effective,
    pub walk: walk::Graph,
}

/// A rule's check.
type Check = fn(&Ctx<'_>, &mut Vec<Finding>);

/// The check of each rule (`JM-L000` is run by the engine itself).
fn check_of(code: &str) -> Option<Check> {
    Some(match code {
        "JM-L001" => structure::stage_without_touchpoints,
        "JM-L002" => structure::unreachable_touchpoint,
        "JM-L003" => structure::dead_end,
        "JM-L004" => paths::competing_paths,
        "JM-L005" => structure::unmarked_backward_transition,
        "JM-L006" => insight::pain_point_without_opportunity,
        "JM-L007" => ownership::touchpoint_without_owner,
        "JM-L008" => audience::persona_without_journey,
        "JM-L009" => audience::only_digital_channels,
        "JM-L010" => insight::no_negative_emotion,
        "JM-L011" => insight::step_without_evidence,
        "JM-L012" => messaging::tone_change,
        "JM-L013" => messaging::purpose_change,
        "JM-L014" => ownership::duplicate_touchpoint,
        "JM-L015" => objectives::objective_without_kpi,
        "JM-L016" => objectives::kpi_without_target,
        "JM-L017" => freshness::review_overdue,
        "JM-L018" => freshness::never_reviewed,
        "JM-L019" => freshness::review_date_in_future,
        "JM-L020" => objectives::map_without_objective,
        "JM-L021" => audience::map_without_persona,
        _ => return None,
    })
}

impl JourneyMap {
    /// Lints the map: runs every enabled rule and returns its findings,
    /// ordered by rule code, then by location in document order.
    ///
    /// Never fails: problems with the settings themselves (an unknown rule
    /// code in `metadata.lint` or in `config`) are reported as `JM-L000`
    /// diagnostics. The library never reads the clock; give today's date in
    /// `config.today` for the review-age rules.
    ///
    /// ```
    /// use journeymap::{JourneyMap, lint::LintConfig};
    /// let map = JourneyMap::from_json(r#"{"name": "x",
    ///   "stages": [{"id": "a", "name": "A"}],
    ///   "metadata": {"lint": {"disable": ["JM-L999"]}}}"#).unwrap();
    /// let diags = map.lint(&LintConfig::new().disabling("stage-without-touchpoints"));
    /// assert_eq!(diags[0].code, "JM-L000");
    /// assert_eq!(diags[0].location.path, "/metadata/lint/disable/0");
    /// assert!(diags.iter().all(|d| d.code != "JM-L001"));
    /// ```
    pub fn lint(&self, config: &LintConfig) -> Vec<Diagnostic> {
        let settings = Effective::merge(&self.metadata().lint, config);
        let ctx = Ctx {
            map: self,
            settings: &settings,
            walk: walk::Graph::new(self),
        };
        let mut out = Vec::new();
        for (i, rule) in RULES.iter().enumerate() {
            if !settings.enabled[i] {
                continue;
            }
            let mut findings = Vec::new();
            if i == 0 {
                unknown_lint_rules(&settings, &mut findings);
            } else if let Some(check) = check_of(rule.code) {
                check(&ctx, &mut findings);
            }
            // Stable: findings at one location keep the order the rule gave.
            findings.sort_by(|a, b| diagnostic::document_order(&a.location.path, &b.location.path));
            out.extend(findings.into_iter().map(|f| Diagnostic {
                code: rule.code.to_owned(),
                rule: rule.name.to_owned(),
                severity: settings.severity[i],
                message: f.message,
                location: f.location,
                hint: f.hint,
            }));
        }
        out
    }
}

/// `JM-L000`: settings that name no rule.
fn unknown_lint_rules(settings: &Effective, out: &mut Vec<Finding>) {
    for (unknown, location, source) in &settings.unknown {
        out.push(Finding {
            location: location.clone(),
            message: format!(
                "{} names the lint rule {:?}, which does not exist, so it has no effect.",
                capitalise(source),
                unknown.given
            ),
            hint: "Use a rule code such as JM-L003 or a rule name such as dead-end \
                   (`journeymap lint --list` lists them), or remove the entry."
                .to_owned(),
        });
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `"Name" (id)`.
pub(crate) fn named(name: &str, id: &str) -> String {
    format!("{name:?} ({id})")
}

/// `"Checkout" (checkout)` for a touchpoint.
pub(crate) fn tp(t: &Touchpoint) -> String {
    named(&t.name, t.id.as_str())
}

/// `"Purchase" (purchase)` for a stage, or the bare id if it is unknown.
pub(crate) fn stage_named(map: &JourneyMap, id: &str) -> String {
    map.stage(id)
        .map_or_else(|| id.to_owned(), |s: &Stage| named(&s.name, s.id.as_str()))
}

/// `"Busy parent" (busy-parent)` for a persona.
pub(crate) fn persona_named(p: &Persona) -> String {
    named(&p.name, p.id.as_str())
}

/// Location of touchpoint `i`.
pub(crate) fn tp_location(map: &JourneyMap, i: usize) -> Location {
    let t = &map.touchpoints()[i];
    Location::new(
        EntityKind::Touchpoint,
        Some(t.id.as_str()),
        format!("/touchpoints/{i}"),
    )
}

/// Location of transition `j`.
pub(crate) fn transition_location(t: &Transition, j: usize) -> Location {
    Location::new(
        EntityKind::Transition,
        Some(&format!("{}->{}", t.from, t.to)),
        format!("/transitions/{j}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_but_the_settings_rule_has_a_check() {
        assert!(check_of(RULES[0].code).is_none());
        for r in &RULES[1..] {
            assert!(check_of(r.code).is_some(), "{} has no check", r.code);
        }
    }

    #[test]
    fn capitalise_first_letter() {
        assert_eq!(capitalise("the map"), "The map");
        assert_eq!(capitalise(""), "");
    }
}
