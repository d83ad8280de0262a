//! The accumulators of a partial: counts per touchpoint, overall totals,
//! and one row per customer, each mergeable.

use serde::{Deserialize, Serialize};

/// Counts of one touchpoint being accumulated.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct TouchpointAcc {
    pub(crate) reach: u64,
    pub(crate) entries: u64,
    pub(crate) repeats: u64,
    pub(crate) starts: u64,
    pub(crate) exits: u64,
    pub(crate) conversions: u64,
    pub(crate) value: i128,
    pub(crate) score_count: u64,
    pub(crate) score_sum: i128,
    pub(crate) scores_out_of_range: u64,
}

impl TouchpointAcc {
    pub(crate) fn merge(&mut self, o: &TouchpointAcc) {
        self.reach = self.reach.saturating_add(o.reach);
        self.entries = self.entries.saturating_add(o.entries);
        self.repeats = self.repeats.saturating_add(o.repeats);
        self.starts = self.starts.saturating_add(o.starts);
        self.exits = self.exits.saturating_add(o.exits);
        self.conversions = self.conversions.saturating_add(o.conversions);
        self.value = self.value.saturating_add(o.value);
        self.score_count = self.score_count.saturating_add(o.score_count);
        self.score_sum = self.score_sum.saturating_add(o.score_sum);
        self.scores_out_of_range = self
            .scores_out_of_range
            .saturating_add(o.scores_out_of_range);
    }
}

/// Overall counts being accumulated.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct TotalsAcc {
    pub(crate) customers: u64,
    pub(crate) events: u64,
    pub(crate) events_outside_window: u64,
    pub(crate) unknown_events: u64,
    pub(crate) customers_with_unknown: u64,
    pub(crate) customers_without_segment: u64,
    pub(crate) value: i128,
}

impl TotalsAcc {
    pub(crate) fn merge(&mut self, o: &TotalsAcc) {
        self.customers = self.customers.saturating_add(o.customers);
        self.events = self.events.saturating_add(o.events);
        self.events_outside_window = self
            .events_outside_window
            .saturating_add(o.events_outside_window);
        self.unknown_events = self.unknown_events.saturating_add(o.unknown_events);
        self.customers_with_unknown = self
            .customers_with_unknown
            .saturating_add(o.customers_with_unknown);
        self.customers_without_segment = self
            .customers_without_segment
            .saturating_add(o.customers_without_segment);
        self.value = self.value.saturating_add(o.value);
    }
}

/// One customer's conformance (kept only with `include_customers`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct CustomerRow {
    pub(crate) customer: String,
    pub(crate) events: u64,
    pub(crate) unknown_events: u64,
    pub(crate) steps: u64,
    pub(crate) converted: bool,
    pub(crate) fitness: Option<i128>,
    pub(crate) skipped_stages: u64,
    pub(crate) backward_moves_unmarked: u64,
}
