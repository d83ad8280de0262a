//! Audience rules: personas with a journey, channels beyond the online
//! experience, a persona at all.

use std::collections::BTreeSet;

use crate::error::EntityKind;
use crate::model::ChannelKind;

use super::{persona_named, Ctx, Finding, Location};

/// `JM-L008`.
pub(crate) fn persona_without_journey(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let tps = ctx.map.touchpoints();
    for (i, p) in ctx.map.personas().iter().enumerate() {
        if tps.iter().any(|t| t.applies_to(p.id.as_str())) {
            continue;
        }
        out.push(Finding {
            location: Location::new(EntityKind::Persona, Some(p.id.as_str()), format!("/personas/{i}")),
            message: format!(
                "Persona {} has no journey: no touchpoint applies to it.",
                persona_named(p)
            ),
            hint: format!(
                "Add \"{}\" to the \"personas\" of the touchpoints this customer passes (an empty list means every persona), or remove the persona.",
                p.id
            ),
        });
    }
}

/// `JM-L009`.
pub(crate) fn only_digital_channels(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let map = ctx.map;
    if map.touchpoints().is_empty() {
        return;
    }
    let used: BTreeSet<&str> = map
        .touchpoints()
        .iter()
        .map(|t| t.channel.as_str())
        .collect();
    let all_digital = used.iter().all(|c| {
        map.channel(c)
            .is_some_and(|c| c.kind == ChannelKind::Digital)
    });
    if !all_digital {
        return;
    }
    let names: Vec<String> = map
        .channels()
        .iter()
        .filter(|c| used.contains(c.id.as_str()))
        .map(|c| format!("{:?}", c.name))
        .collect();
    out.push(Finding {
        location: Location::new(EntityKind::Map, None, "/channels"),
        message: format!(
            "Every touchpoint is on a digital channel ({}): the map covers only the online experience.",
            names.join(", ")
        ),
        hint: "Add the physical and human touchpoints customers meet (store, phone line, delivery, account manager), or disable JM-L009 for a business that is online only.".to_owned(),
    });
}

/// `JM-L021`.
pub(crate) fn map_without_persona(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    if !ctx.map.personas().is_empty() {
        return;
    }
    out.push(Finding {
        location: Location::new(EntityKind::Map, None, "/personas"),
        message: format!(
            "The map {:?} has no persona: it does not say whose journey it follows.",
            ctx.map.name()
        ),
        hint: "Add the persona (or personas) whose journey the map follows, with their goals and frustrations.".to_owned(),
    });
}
