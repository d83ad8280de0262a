//! Ownership rules: every step owned, no step duplicated.

use std::collections::HashMap;

use super::{named, stage_named, tp, tp_location, Ctx, Finding};

/// `JM-L007`.
pub(crate) fn touchpoint_without_owner(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (i, t) in ctx.map.touchpoints().iter().enumerate() {
        if t.owner.is_some() {
            continue;
        }
        out.push(Finding {
            location: tp_location(ctx.map, i),
            message: format!("Touchpoint {} has no owner: no team is responsible for it.", tp(t)),
            hint: "Set \"owner\" to the team that manages this step (add it to \"teams\" first if needed).".to_owned(),
        });
    }
}

/// Text compared for consistency: trimmed, lower-cased.
pub(crate) fn normalise(s: &str) -> String {
    s.trim().to_lowercase()
}

/// `JM-L014`.
pub(crate) fn duplicate_touchpoint(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let map = ctx.map;
    let mut first: HashMap<(&str, &str, String), usize> = HashMap::new();
    for (i, t) in map.touchpoints().iter().enumerate() {
        let Some(purpose) = t.message.as_ref().and_then(|m| m.purpose.as_deref()) else {
            continue;
        };
        let key = (t.stage.as_str(), t.channel.as_str(), normalise(purpose));
        let Some(&earlier) = first.get(&key) else {
            first.insert(key, i);
            continue;
        };
        let other = &map.touchpoints()[earlier];
        let channel = map
            .channel(t.channel.as_str())
            .map_or_else(|| t.channel.to_string(), |c| named(&c.name, c.id.as_str()));
        out.push(Finding {
            location: tp_location(map, i),
            message: format!(
                "Touchpoints {} and {} are both in stage {}, on channel {}, with the same purpose {:?}: the customer gets the same thing twice.",
                tp(t),
                tp(other),
                stage_named(map, t.stage.as_str()),
                channel,
                purpose.trim()
            ),
            hint: format!(
                "Merge {:?} into {:?} under one owner, or give them distinct purposes if they serve different needs.",
                t.name, other.name
            ),
        });
    }
}
