//! Freshness rules: the map is reviewed regularly. Today's date comes from
//! the caller; the library never reads the clock.

use crate::error::EntityKind;
use crate::Date;

use super::{Ctx, Finding, Location};

const PATH: &str = "/metadata/last_reviewed";

fn last_reviewed(ctx: &Ctx<'_>) -> Option<Date> {
    // A malformed date is refused when the map is built, so this parses.
    ctx.map
        .metadata()
        .last_reviewed
        .as_deref()
        .and_then(Date::parse)
}

/// `JM-L017`.
pub(crate) fn review_overdue(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let (Some(today), Some(reviewed)) = (ctx.settings.today, last_reviewed(ctx)) else {
        return;
    };
    let age = today.days_since(reviewed);
    let max = ctx.settings.max_review_age_days;
    if age <= i64::from(max) {
        return;
    }
    out.push(Finding {
        location: Location::new(EntityKind::Map, None, PATH),
        message: format!(
            "The map was last reviewed on {reviewed}, {age} days before {today}; it should be reviewed at least every {max} days (set by {}).",
            ctx.settings.max_review_age_source
        ),
        hint: format!(
            "Review the map against current research and data, then set \"last_reviewed\" to the review date (e.g. \"{today}\")."
        ),
    });
}

/// `JM-L018`.
pub(crate) fn never_reviewed(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    if ctx.map.metadata().last_reviewed.is_some() {
        return;
    }
    out.push(Finding {
        location: Location::new(EntityKind::Map, None, PATH),
        message: format!(
            "The map {:?} has no review date: nobody can tell whether it still describes today's journey.",
            ctx.map.name()
        ),
        hint: "Review the map and record the date in \"metadata\": {\"last_reviewed\": \"YYYY-MM-DD\"}.".to_owned(),
    });
}

/// `JM-L019`.
pub(crate) fn review_date_in_future(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let (Some(today), Some(reviewed)) = (ctx.settings.today, last_reviewed(ctx)) else {
        return;
    };
    if reviewed <= today {
        return;
    }
    out.push(Finding {
        location: Location::new(EntityKind::Map, None, PATH),
        message: format!(
            "The map's review date {reviewed} is after today ({today}), so it can never be reported as overdue."
        ),
        hint: "Set \"last_reviewed\" to the date the map was actually reviewed.".to_owned(),
    });
}
