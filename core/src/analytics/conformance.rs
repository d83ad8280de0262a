//! Conformance: how well observed journeys follow the planned map.

use serde::{Deserialize, Serialize};

use super::num::{from_fixed, ratio, SCALE};
use super::report::Conformance;

/// Conformance counts being accumulated.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct ConformanceAcc {
    pub(crate) transitions: u64,
    pub(crate) planned_transitions: u64,
    pub(crate) backward_moves: u64,
    pub(crate) backward_moves_unmarked: u64,
    pub(crate) customers_with_unmarked_backward_moves: u64,
    pub(crate) customers_with_skipped_stages: u64,
    pub(crate) customers_starting_at_entry: u64,
    pub(crate) customers: u64,
    pub(crate) fitness_moves: u64,
    pub(crate) fitness_planned: u64,
    /// Sum of per-customer fitness in units of 10^-9.
    pub(crate) fitness_sum: i128,
    pub(crate) perfect: u64,
    pub(crate) histogram: [u64; 10],
}

/// One customer's moves.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct CustomerMoves {
    /// Steps in the journey (moves = steps, the start being one).
    pub(crate) steps: u64,
    pub(crate) starts_at_entry: bool,
    pub(crate) planned_transitions: u64,
    pub(crate) backward_moves: u64,
    pub(crate) backward_moves_unmarked: u64,
    pub(crate) skipped_stages: u64,
}

impl CustomerMoves {
    /// Planned moves (start included) over moves, in units of 10^-9, and
    /// the planned and total move counts.
    pub(crate) fn fitness(&self) -> Option<(i128, u64, u64)> {
        if self.steps == 0 {
            return None;
        }
        let planned = self.planned_transitions + u64::from(self.starts_at_entry);
        Some((
            i128::from(planned) * SCALE / i128::from(self.steps),
            planned,
            self.steps,
        ))
    }
}

impl ConformanceAcc {
    pub(crate) fn add(&mut self, m: &CustomerMoves) {
        let Some((fitness, planned, moves)) = m.fitness() else {
            return;
        };
        self.customers += 1;
        self.transitions += m.steps - 1;
        self.planned_transitions += m.planned_transitions;
        self.backward_moves += m.backward_moves;
        self.backward_moves_unmarked += m.backward_moves_unmarked;
        self.customers_with_unmarked_backward_moves += u64::from(m.backward_moves_unmarked > 0);
        self.customers_with_skipped_stages += u64::from(m.skipped_stages > 0);
        self.customers_starting_at_entry += u64::from(m.starts_at_entry);
        self.fitness_moves += moves;
        self.fitness_planned += planned;
        self.fitness_sum += fitness;
        self.perfect += u64::from(planned == moves);
        self.histogram[((planned * 10 / moves) as usize).min(9)] += 1;
    }

    pub(crate) fn merge(&mut self, o: &ConformanceAcc) {
        self.transitions = self.transitions.saturating_add(o.transitions);
        self.planned_transitions = self
            .planned_transitions
            .saturating_add(o.planned_transitions);
        self.backward_moves = self.backward_moves.saturating_add(o.backward_moves);
        self.backward_moves_unmarked = self
            .backward_moves_unmarked
            .saturating_add(o.backward_moves_unmarked);
        self.customers_with_unmarked_backward_moves = self
            .customers_with_unmarked_backward_moves
            .saturating_add(o.customers_with_unmarked_backward_moves);
        self.customers_with_skipped_stages = self
            .customers_with_skipped_stages
            .saturating_add(o.customers_with_skipped_stages);
        self.customers_starting_at_entry = self
            .customers_starting_at_entry
            .saturating_add(o.customers_starting_at_entry);
        self.customers = self.customers.saturating_add(o.customers);
        self.fitness_moves = self.fitness_moves.saturating_add(o.fitness_moves);
        self.fitness_planned = self.fitness_planned.saturating_add(o.fitness_planned);
        self.fitness_sum = self.fitness_sum.saturating_add(o.fitness_sum);
        self.perfect = self.perfect.saturating_add(o.perfect);
        for (a, b) in self.histogram.iter_mut().zip(o.histogram) {
            *a = a.saturating_add(b);
        }
    }

    pub(crate) fn report(&self, unknown_events: u64, customers_with_unknown: u64) -> Conformance {
        Conformance {
            transitions: self.transitions,
            planned_transitions: self.planned_transitions,
            planned_share: ratio(self.planned_transitions, self.transitions),
            backward_moves: self.backward_moves,
            backward_moves_unmarked: self.backward_moves_unmarked,
            customers_with_unmarked_backward_moves: self.customers_with_unmarked_backward_moves,
            customers_with_skipped_stages: self.customers_with_skipped_stages,
            customers_starting_at_entry: self.customers_starting_at_entry,
            unknown_events,
            customers_with_unknown_events: customers_with_unknown,
            customers: self.customers,
            fitness: ratio(self.fitness_planned, self.fitness_moves),
            mean_customer_fitness: (self.customers > 0)
                .then(|| from_fixed(self.fitness_sum) / self.customers as f64),
            perfectly_fitting_customers: self.perfect,
            fitness_histogram: self.histogram.to_vec(),
        }
    }
}
