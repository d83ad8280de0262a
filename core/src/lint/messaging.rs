//! Messaging rules: tone and purpose consistent between consecutive
//! touchpoints.

use crate::model::{Message, Touchpoint};

use super::ownership::normalise;
use super::{stage_named, tp, transition_location, Ctx, Finding};

/// The (from, to, transition) of every transition where `field` is stated at
/// both ends and differs, in document order.
fn changes<'a>(
    ctx: &Ctx<'a>,
    field: fn(&Message) -> Option<&String>,
    same_stage_only: bool,
) -> Vec<(&'a Touchpoint, &'a Touchpoint, usize, String, String)> {
    let map = ctx.map;
    let get = |t: &'a Touchpoint| {
        t.message
            .as_ref()
            .and_then(field)
            .map(|s| s.trim().to_owned())
    };
    let mut out = Vec::new();
    for e in &ctx.walk.edges {
        let from = &map.touchpoints()[e.from];
        let to = &map.touchpoints()[e.to];
        if same_stage_only && from.stage != to.stage {
            continue;
        }
        if let (Some(a), Some(b)) = (get(from), get(to)) {
            if normalise(&a) != normalise(&b) {
                out.push((from, to, e.transition, a, b));
            }
        }
    }
    out
}

/// `JM-L012`.
pub(crate) fn tone_change(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (from, to, j, a, b) in changes(ctx, |m| m.tone.as_ref(), false) {
        out.push(Finding {
            location: transition_location(&ctx.map.transitions()[j], j),
            message: format!(
                "The tone changes from {a:?} at {} to {b:?} at the next step {}.",
                tp(from),
                tp(to)
            ),
            hint: format!(
                "Use one brand voice along the journey: align the tone of {:?} and {:?}, or disable JM-L012 for this map if the change is deliberate.",
                from.name, to.name
            ),
        });
    }
}

/// `JM-L013`.
pub(crate) fn purpose_change(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (from, to, j, a, b) in changes(ctx, |m| m.purpose.as_ref(), true) {
        out.push(Finding {
            location: transition_location(&ctx.map.transitions()[j], j),
            message: format!(
                "Within stage {}, the message purpose changes from {a:?} at {} to {b:?} at the next step {}.",
                stage_named(ctx.map, from.stage.as_str()),
                tp(from),
                tp(to)
            ),
            hint: "Give consecutive steps of one stage one purpose, or split the stage if the customer really moves on to a new phase.".to_owned(),
        });
    }
}
