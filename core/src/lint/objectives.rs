//! Objective rules: the map has objectives, each measured by KPIs with
//! targets.

use crate::error::EntityKind;
use crate::model::Kpi;

use super::{named, tp, Ctx, Finding, Location};

/// `JM-L015`.
pub(crate) fn objective_without_kpi(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (i, o) in ctx.map.objectives().iter().enumerate() {
        if !o.kpis.is_empty() {
            continue;
        }
        out.push(Finding {
            location: Location::new(EntityKind::Objective, Some(o.id.as_str()), format!("/objectives/{i}")),
            message: format!(
                "Objective {} has no KPI: nobody can tell whether it is met.",
                named(&o.name, o.id.as_str())
            ),
            hint: "Add a KPI with a name, a target and a unit that tells whether the objective is met.".to_owned(),
        });
    }
}

fn kpi_finding(kpi: &Kpi, owner: String, kind: EntityKind, id: &str, path: String) -> Finding {
    Finding {
        location: Location::new(kind, Some(id), path),
        message: format!(
            "KPI {:?} of {owner} has no target, so nobody can say whether a value is good or bad.",
            kpi.name
        ),
        hint: format!(
            "Set the \"target\" (and its \"unit\") the business aims for on {:?}.",
            kpi.name
        ),
    }
}

/// `JM-L016`.
pub(crate) fn kpi_without_target(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (i, t) in ctx.map.touchpoints().iter().enumerate() {
        for (k, kpi) in t.kpis.iter().enumerate() {
            if kpi.target.is_none() {
                out.push(kpi_finding(
                    kpi,
                    format!("touchpoint {}", tp(t)),
                    EntityKind::Touchpoint,
                    t.id.as_str(),
                    format!("/touchpoints/{i}/kpis/{k}"),
                ));
            }
        }
    }
    for (i, o) in ctx.map.objectives().iter().enumerate() {
        for (k, kpi) in o.kpis.iter().enumerate() {
            if kpi.target.is_none() {
                out.push(kpi_finding(
                    kpi,
                    format!("objective {}", named(&o.name, o.id.as_str())),
                    EntityKind::Objective,
                    o.id.as_str(),
                    format!("/objectives/{i}/kpis/{k}"),
                ));
            }
        }
    }
}

/// `JM-L020`.
pub(crate) fn map_without_objective(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    if !ctx.map.objectives().is_empty() {
        return;
    }
    out.push(Finding {
        location: Location::new(EntityKind::Map, None, "/objectives"),
        message: format!(
            "The map {:?} has no objective: it does not say what it is for or how success is measured.",
            ctx.map.name()
        ),
        hint: "Add an objective (reduce cart abandonment, raise retention, ...) with its KPIs and, where it applies, its conversion.".to_owned(),
    });
}
