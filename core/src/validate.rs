//! The invariants of DESIGN.md, checked over a whole document at once.
//!
//! [`check`] returns every violation, in document order, each located by a
//! JSON Pointer. A [`crate::JourneyMap`] is only ever built from a document
//! for which it returns nothing.

use std::collections::HashMap;

use crate::error::{EntityKind, Error};
use crate::limits::Limits;
use crate::model::{is_valid_id, ConversionTarget, JourneyDocument, Kpi, FORMAT_VERSION};
use crate::Date;

/// Ids seen so far for one kind: id -> JSON Pointer of its first use.
type Seen<'a> = HashMap<&'a str, String>;

struct Checker<'a> {
    errors: Vec<Error>,
    personas: Seen<'a>,
    stages: Seen<'a>,
    channels: Seen<'a>,
    teams: Seen<'a>,
    touchpoints: Seen<'a>,
    pain_points: Seen<'a>,
    opportunities: Seen<'a>,
    objectives: Seen<'a>,
}

impl<'a> Checker<'a> {
    /// Checks an entity's id (pattern, uniqueness) and records it.
    fn id(&mut self, kind: EntityKind, id: &'a str, path: String) {
        if !is_valid_id(id) {
            self.errors.push(Error::InvalidId {
                kind,
                id: id.to_owned(),
                path: format!("{path}/id"),
            });
        }
        let seen = self.seen(kind);
        match seen.get(id) {
            Some(first) => {
                let first = first.clone();
                self.errors.push(Error::DuplicateId {
                    kind,
                    id: id.to_owned(),
                    path: format!("{path}/id"),
                    first,
                });
            }
            None => {
                seen.insert(id, format!("{path}/id"));
            }
        }
    }

    fn seen(&mut self, kind: EntityKind) -> &mut Seen<'a> {
        match kind {
            EntityKind::Persona => &mut self.personas,
            EntityKind::Stage => &mut self.stages,
            EntityKind::Channel => &mut self.channels,
            EntityKind::Team => &mut self.teams,
            EntityKind::Touchpoint => &mut self.touchpoints,
            EntityKind::PainPoint => &mut self.pain_points,
            EntityKind::Opportunity => &mut self.opportunities,
            // Maps and transitions have no ids of their own; objectives do.
            EntityKind::Objective | EntityKind::Map | EntityKind::Transition => {
                &mut self.objectives
            }
        }
    }

    /// A required text must hold something other than white space.
    fn text(&mut self, kind: EntityKind, id: &str, field: &'static str, value: &str, path: String) {
        if value.trim().is_empty() {
            self.errors.push(Error::EmptyName {
                kind,
                id: id.to_owned(),
                field,
                path,
            });
        }
    }

    /// A reference must name an entity of `kind` (all ids are collected first).
    fn reference(&mut self, kind: EntityKind, id: &str, path: String) {
        let known = match kind {
            EntityKind::Persona => &self.personas,
            EntityKind::Stage => &self.stages,
            EntityKind::Channel => &self.channels,
            EntityKind::Team => &self.teams,
            EntityKind::Touchpoint => &self.touchpoints,
            EntityKind::PainPoint => &self.pain_points,
            EntityKind::Opportunity => &self.opportunities,
            EntityKind::Objective | EntityKind::Map | EntityKind::Transition => &self.objectives,
        };
        if !known.contains_key(id) {
            self.errors.push(Error::DanglingReference {
                kind,
                id: id.to_owned(),
                path,
            });
        }
    }

    fn kpis(&mut self, kind: EntityKind, id: &str, kpis: &[Kpi], path: &str) {
        for (k, kpi) in kpis.iter().enumerate() {
            self.text(
                kind,
                id,
                "KPI name",
                &kpi.name,
                format!("{path}/kpis/{k}/name"),
            );
            if kpi.target.is_some_and(|t| !t.is_finite()) {
                self.errors.push(Error::InvalidValue {
                    id: Some(id.to_owned()),
                    path: format!("{path}/kpis/{k}/target"),
                    message: format!("{kind} {id:?}: KPI target must be a finite number"),
                });
            }
        }
    }
}

/// Checks every invariant of `doc` and returns all violations found, in
/// document order (empty when the document is a valid map).
///
/// ```
/// use journeymap::model::{JourneyDocument, Stage};
/// let mut doc = JourneyDocument::new("Tiny");
/// assert_eq!(journeymap::check_document(&doc)[0].code(), "NO_STAGES");
/// doc.stages.push(Stage::new("s1", "Only stage"));
/// assert!(journeymap::check_document(&doc).is_empty());
/// ```
pub fn check_document(doc: &JourneyDocument) -> Vec<Error> {
    check(doc, &Limits::default())
}

pub(crate) fn check(doc: &JourneyDocument, limits: &Limits) -> Vec<Error> {
    let mut c = Checker {
        errors: Vec::new(),
        personas: Seen::new(),
        stages: Seen::new(),
        channels: Seen::new(),
        teams: Seen::new(),
        touchpoints: Seen::new(),
        pain_points: Seen::new(),
        opportunities: Seen::new(),
        objectives: Seen::new(),
    };

    if doc.format_version != FORMAT_VERSION {
        c.errors.push(Error::UnsupportedVersion {
            found: doc.format_version.to_string(),
            supported: FORMAT_VERSION,
        });
    }
    c.text(EntityKind::Map, "", "name", &doc.name, "/name".into());
    for (section, len) in [
        ("personas", doc.personas.len()),
        ("stages", doc.stages.len()),
        ("channels", doc.channels.len()),
        ("teams", doc.teams.len()),
        ("touchpoints", doc.touchpoints.len()),
        ("transitions", doc.transitions.len()),
        ("objectives", doc.objectives.len()),
    ] {
        if len > limits.max_entities {
            c.errors.push(Error::LimitExceeded {
                path: format!("/{section}"),
                what: format!("number of {section} ({len})"),
                limit: limits.max_entities,
            });
        }
    }

    // Pass 1: ids and names of every entity, so references can resolve
    // regardless of the order entities appear in.
    for (i, p) in doc.personas.iter().enumerate() {
        let path = format!("/personas/{i}");
        c.id(EntityKind::Persona, p.id.as_str(), path.clone());
        c.text(
            EntityKind::Persona,
            p.id.as_str(),
            "name",
            &p.name,
            format!("{path}/name"),
        );
    }
    if doc.stages.is_empty() {
        c.errors.push(Error::NoStages);
    }
    for (i, s) in doc.stages.iter().enumerate() {
        let path = format!("/stages/{i}");
        c.id(EntityKind::Stage, s.id.as_str(), path.clone());
        c.text(
            EntityKind::Stage,
            s.id.as_str(),
            "name",
            &s.name,
            format!("{path}/name"),
        );
    }
    for (i, ch) in doc.channels.iter().enumerate() {
        let path = format!("/channels/{i}");
        c.id(EntityKind::Channel, ch.id.as_str(), path.clone());
        c.text(
            EntityKind::Channel,
            ch.id.as_str(),
            "name",
            &ch.name,
            format!("{path}/name"),
        );
    }
    for (i, t) in doc.teams.iter().enumerate() {
        let path = format!("/teams/{i}");
        c.id(EntityKind::Team, t.id.as_str(), path.clone());
        c.text(
            EntityKind::Team,
            t.id.as_str(),
            "name",
            &t.name,
            format!("{path}/name"),
        );
    }
    for (i, tp) in doc.touchpoints.iter().enumerate() {
        let path = format!("/touchpoints/{i}");
        let id = tp.id.as_str();
        c.id(EntityKind::Touchpoint, id, path.clone());
        c.text(
            EntityKind::Touchpoint,
            id,
            "name",
            &tp.name,
            format!("{path}/name"),
        );
        for (j, pp) in tp.pain_points.iter().enumerate() {
            let pp_path = format!("{path}/pain_points/{j}");
            c.id(EntityKind::PainPoint, pp.id.as_str(), pp_path.clone());
            c.text(
                EntityKind::PainPoint,
                pp.id.as_str(),
                "description",
                &pp.description,
                format!("{pp_path}/description"),
            );
        }
        for (j, op) in tp.opportunities.iter().enumerate() {
            let op_path = format!("{path}/opportunities/{j}");
            c.id(EntityKind::Opportunity, op.id.as_str(), op_path.clone());
            c.text(
                EntityKind::Opportunity,
                op.id.as_str(),
                "description",
                &op.description,
                format!("{op_path}/description"),
            );
        }
    }
    for (i, o) in doc.objectives.iter().enumerate() {
        let path = format!("/objectives/{i}");
        c.id(EntityKind::Objective, o.id.as_str(), path.clone());
        c.text(
            EntityKind::Objective,
            o.id.as_str(),
            "name",
            &o.name,
            format!("{path}/name"),
        );
    }

    // Pass 2: references and values.
    for (i, tp) in doc.touchpoints.iter().enumerate() {
        let path = format!("/touchpoints/{i}");
        let id = tp.id.as_str();
        c.reference(
            EntityKind::Stage,
            tp.stage.as_str(),
            format!("{path}/stage"),
        );
        c.reference(
            EntityKind::Channel,
            tp.channel.as_str(),
            format!("{path}/channel"),
        );
        if let Some(owner) = &tp.owner {
            c.reference(EntityKind::Team, owner.as_str(), format!("{path}/owner"));
        }
        for (j, p) in tp.personas.iter().enumerate() {
            c.reference(
                EntityKind::Persona,
                p.as_str(),
                format!("{path}/personas/{j}"),
            );
        }
        if let Some(e) = &tp.emotion {
            if !(-2..=2).contains(&e.score) {
                c.errors.push(Error::EmotionOutOfRange {
                    id: id.to_owned(),
                    score: e.score,
                    path: format!("{path}/emotion/score"),
                });
            }
        }
        for (j, op) in tp.opportunities.iter().enumerate() {
            for (k, pp) in op.addresses.iter().enumerate() {
                c.reference(
                    EntityKind::PainPoint,
                    pp.as_str(),
                    format!("{path}/opportunities/{j}/addresses/{k}"),
                );
            }
        }
        for (j, action) in tp.actions.iter().enumerate() {
            c.text(
                EntityKind::Touchpoint,
                id,
                "action",
                action,
                format!("{path}/actions/{j}"),
            );
        }
        c.kpis(EntityKind::Touchpoint, id, &tp.kpis, &path);
        for (j, ev) in tp.evidence.iter().enumerate() {
            c.text(
                EntityKind::Touchpoint,
                id,
                "evidence source",
                &ev.source,
                format!("{path}/evidence/{j}/source"),
            );
        }
        for (j, rule) in tp.match_rules.iter().enumerate() {
            if rule.is_empty() {
                c.errors.push(Error::InvalidValue {
                    id: Some(id.to_owned()),
                    path: format!("{path}/match/{j}"),
                    message: format!(
                        "touchpoint {id:?}: a match rule needs at least one condition (event, event_prefix, channel, attributes or attribute_prefixes)"
                    ),
                });
            }
        }
    }

    let mut pairs: HashMap<(&str, &str), String> = HashMap::new();
    for (i, t) in doc.transitions.iter().enumerate() {
        let path = format!("/transitions/{i}");
        c.reference(
            EntityKind::Touchpoint,
            t.from.as_str(),
            format!("{path}/from"),
        );
        c.reference(EntityKind::Touchpoint, t.to.as_str(), format!("{path}/to"));
        if t.from == t.to {
            c.errors.push(Error::SelfTransition {
                id: t.from.to_string(),
                path: path.clone(),
            });
        } else if let Some(first) = pairs.get(&(t.from.as_str(), t.to.as_str())) {
            c.errors.push(Error::DuplicateTransition {
                from: t.from.to_string(),
                to: t.to.to_string(),
                path: path.clone(),
                first: first.clone(),
            });
        } else {
            pairs.insert((t.from.as_str(), t.to.as_str()), path.clone());
        }
        for (j, p) in t.personas.iter().enumerate() {
            c.reference(
                EntityKind::Persona,
                p.as_str(),
                format!("{path}/personas/{j}"),
            );
        }
        if let Some(rate) = t.expected_rate {
            if !(0.0..=1.0).contains(&rate) {
                c.errors.push(Error::InvalidValue {
                    id: Some(t.from.to_string()),
                    path: format!("{path}/expected_rate"),
                    message: format!(
                        "transition {} -> {}: expected_rate {rate} is outside 0..=1",
                        t.from, t.to
                    ),
                });
            }
        }
    }

    for (i, o) in doc.objectives.iter().enumerate() {
        let path = format!("/objectives/{i}");
        c.kpis(EntityKind::Objective, o.id.as_str(), &o.kpis, &path);
        match &o.conversion {
            Some(ConversionTarget::Touchpoint(tp)) => c.reference(
                EntityKind::Touchpoint,
                tp.as_str(),
                format!("{path}/conversion/touchpoint"),
            ),
            Some(ConversionTarget::Stage(s)) => c.reference(
                EntityKind::Stage,
                s.as_str(),
                format!("{path}/conversion/stage"),
            ),
            None => {}
        }
    }

    let m = &doc.metadata;
    for (field, value) in [
        ("created", &m.created),
        ("updated", &m.updated),
        ("last_reviewed", &m.last_reviewed),
    ] {
        if let Some(v) = value {
            if Date::parse(v).is_none() {
                c.errors.push(Error::InvalidValue {
                    id: None,
                    path: format!("/metadata/{field}"),
                    message: format!("metadata.{field} {v:?} is not a calendar date YYYY-MM-DD"),
                });
            }
        }
    }
    c.errors
}
