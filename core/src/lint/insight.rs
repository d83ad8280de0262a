//! Insight rules: pain points acted on, negative emotions recorded, evidence
//! behind each step.

use std::collections::HashSet;

use crate::error::EntityKind;

use super::{tp, tp_location, Ctx, Finding, Location};

/// `JM-L006`.
pub(crate) fn pain_point_without_opportunity(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let tps = ctx.map.touchpoints();
    let addressed: HashSet<&str> = tps
        .iter()
        .flat_map(|t| &t.opportunities)
        .flat_map(|o| &o.addresses)
        .map(|p| p.as_str())
        .collect();
    for (i, t) in tps.iter().enumerate() {
        for (k, p) in t.pain_points.iter().enumerate() {
            if addressed.contains(p.id.as_str()) {
                continue;
            }
            out.push(Finding {
                location: Location::new(
                    EntityKind::PainPoint,
                    Some(p.id.as_str()),
                    format!("/touchpoints/{i}/pain_points/{k}"),
                ),
                message: format!(
                    "Pain point {} ({:?}, {} severity) at {} has no opportunity addressing it.",
                    p.id,
                    p.description,
                    severity_word(p.severity),
                    tp(t)
                ),
                hint: format!(
                    "Add an opportunity whose \"addresses\" lists \"{}\" (status \"idea\" is enough to start), or remove the pain point if it no longer applies.",
                    p.id
                ),
            });
        }
    }
}

fn severity_word(s: crate::model::Severity) -> &'static str {
    use crate::model::Severity;
    match s {
        Severity::Low => "low",
        Severity::Medium => "medium",
        Severity::High => "high",
        Severity::Critical => "critical",
    }
}

/// `JM-L010`.
pub(crate) fn no_negative_emotion(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let tps = ctx.map.touchpoints();
    if tps.is_empty() {
        return;
    }
    let scores: Vec<i64> = tps
        .iter()
        .filter_map(|t| t.emotion.as_ref().map(|e| e.score))
        .collect();
    if scores.iter().any(|&s| s < 0) {
        return;
    }
    let message = if scores.is_empty() {
        format!(
            "None of the {} touchpoints records what customers feel, so no negative experience is recorded anywhere.",
            tps.len()
        )
    } else {
        format!(
            "No touchpoint records a negative emotion ({} of {} touchpoints record one, all neutral or positive).",
            scores.len(),
            tps.len()
        )
    };
    out.push(Finding {
        location: Location::new(EntityKind::Map, None, "/touchpoints"),
        message,
        hint: "Record what customers actually feel at each step (\"emotion\" from -2 to 2), from interviews, surveys or support tickets, including where they are frustrated or anxious.".to_owned(),
    });
}

/// `JM-L011`.
pub(crate) fn step_without_evidence(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (i, t) in ctx.map.touchpoints().iter().enumerate() {
        if !t.evidence.is_empty() {
            continue;
        }
        out.push(Finding {
            location: tp_location(ctx.map, i),
            message: format!(
                "Touchpoint {} is not backed by any evidence: it may describe what the business assumes rather than what customers do.",
                tp(t)
            ),
            hint: "Add the research or data that shows this step (\"evidence\": interviews, surveys, analytics, support tickets), with a source and a link.".to_owned(),
        });
    }
}
