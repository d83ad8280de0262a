//! Structure rules: stages, reachability, dead ends, backward transitions.

use std::collections::HashSet;

use crate::error::EntityKind;
use crate::model::TouchpointKind;

use super::{named, stage_named, tp, tp_location, transition_location, Ctx, Finding, Location};

/// `JM-L001`.
pub(crate) fn stage_without_touchpoints(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let used: HashSet<&str> = ctx
        .map
        .touchpoints()
        .iter()
        .map(|t| t.stage.as_str())
        .collect();
    for (i, s) in ctx.map.stages().iter().enumerate() {
        if used.contains(s.id.as_str()) {
            continue;
        }
        out.push(Finding {
            location: Location::new(EntityKind::Stage, Some(s.id.as_str()), format!("/stages/{i}")),
            message: format!(
                "Stage {} has no touchpoints: the map does not say where customers meet the business in this phase.",
                named(&s.name, s.id.as_str())
            ),
            hint: format!(
                "Add the touchpoints customers meet during {:?}, or remove the stage if customers do not go through it.",
                s.name
            ),
        });
    }
}

/// `JM-L002`.
pub(crate) fn unreachable_touchpoint(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let map = ctx.map;
    let entries = map
        .entries()
        .into_iter()
        .filter_map(|t| map.touchpoint_position(t.id.as_str()));
    let reached = ctx.walk.reach(entries, false, |_| true);
    for (i, t) in map.touchpoints().iter().enumerate() {
        if reached[i] {
            continue;
        }
        out.push(Finding {
            location: tp_location(map, i),
            message: format!(
                "Touchpoint {} cannot be reached from any entry point: every transition into it comes from steps that customers cannot reach either (a cycle with no way in).",
                tp(t)
            ),
            hint: "Add a transition into it from a step customers do reach, or mark the transition that returns to it as \"loop\": true if that return is deliberate.".to_owned(),
        });
    }
}

/// `JM-L003`.
pub(crate) fn dead_end(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let map = ctx.map;
    let conversions: Vec<usize> = map
        .conversions()
        .into_iter()
        .filter_map(|t| map.touchpoint_position(t.id.as_str()))
        .collect();
    if conversions.is_empty() {
        return;
    }
    let can_convert = ctx.walk.reach(conversions.iter().copied(), true, |_| true);
    let after_conversion = ctx
        .walk
        .reach(conversions.iter().copied(), false, |e| !e.is_loop);
    for (i, t) in map.touchpoints().iter().enumerate() {
        if t.kind != TouchpointKind::Step || can_convert[i] || after_conversion[i] {
            continue;
        }
        let why = if ctx.walk.out[i].is_empty() {
            "it has no next step"
        } else {
            "none of the steps after it leads to a conversion"
        };
        out.push(Finding {
            location: tp_location(map, i),
            message: format!(
                "Customers at {} cannot go on to a conversion: {why}.",
                tp(t)
            ),
            hint: format!(
                "Add a transition from {:?} towards a conversion, set its kind to \"exit\" if customers are meant to leave here, or remove it.",
                t.name
            ),
        });
    }
}

/// `JM-L005`.
pub(crate) fn unmarked_backward_transition(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let map = ctx.map;
    for e in &ctx.walk.edges {
        if e.is_loop {
            continue;
        }
        let from = &map.touchpoints()[e.from];
        let to = &map.touchpoints()[e.to];
        let (Some(a), Some(b)) = (
            map.stage_position(from.stage.as_str()),
            map.stage_position(to.stage.as_str()),
        ) else {
            continue;
        };
        if b >= a {
            continue;
        }
        let t = &map.transitions()[e.transition];
        out.push(Finding {
            location: transition_location(t, e.transition),
            message: format!(
                "The transition from {} in stage {} goes back to {} in the earlier stage {} but is not marked as a loop.",
                tp(from),
                stage_named(map, from.stage.as_str()),
                tp(to),
                stage_named(map, to.stage.as_str())
            ),
            hint: "If customers deliberately come back (repurchase, renewal), set \"loop\": true on the transition; otherwise point it at a touchpoint of the same or a later stage.".to_owned(),
        });
    }
}
