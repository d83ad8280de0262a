//! Stage funnels: accumulation per customer and the report rows.

use serde::{Deserialize, Serialize};

use super::num::{from_fixed, rank_index, ratio};
use super::report::{Durations, Funnel, StageStats};
use crate::JourneyMap;

/// Durations kept whole (one `i64` per customer and measure) so that
/// medians and p90 stay exact when partial results merge.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct DurationList(pub(crate) Vec<i64>);

impl DurationList {
    pub(crate) fn push(&mut self, ms: i64) {
        self.0.push(ms);
    }

    pub(crate) fn merge(&mut self, mut other: DurationList) {
        self.0.append(&mut other.0);
    }

    /// Count, nearest-rank median and p90, mean (on a sorted copy).
    pub(crate) fn stats(&self) -> Durations {
        if self.0.is_empty() {
            return Durations::default();
        }
        let mut v = self.0.clone();
        let sum: i128 = v.iter().map(|&x| i128::from(x)).sum();
        // The two nearest ranks by selection (what sorting would give,
        // without sorting): the median, then the p90 among the values above it.
        let (median, p90) = (rank_index(v.len(), 0.5), rank_index(v.len(), 0.9));
        let (_, &mut median_ms, above) = v.select_nth_unstable(median);
        let p90_ms = if p90 > median {
            *above.select_nth_unstable(p90 - median - 1).1
        } else {
            median_ms
        };
        Durations {
            count: v.len() as u64,
            median_ms: Some(median_ms),
            p90_ms: Some(p90_ms),
            mean_ms: Some(sum as f64 / v.len() as f64),
        }
    }
}

/// One stage of a funnel being accumulated.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct StageAcc {
    pub(crate) customers: u64,
    pub(crate) continued: u64,
    pub(crate) skipped: u64,
    pub(crate) time_in_stage: DurationList,
    pub(crate) time_to_conversion: DurationList,
}

/// A funnel being accumulated.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct FunnelAcc {
    pub(crate) customers: u64,
    pub(crate) customers_with_touchpoints: u64,
    pub(crate) converted: u64,
    pub(crate) conversion_value: i128,
    pub(crate) time_to_conversion: DurationList,
    pub(crate) stages: Vec<StageAcc>,
}

/// What one customer contributes to a stage.
#[derive(Clone, Copy, Debug)]
pub(crate) struct StageVisit {
    pub(crate) stage: usize,
    /// Time to the first later event in a later stage, if any.
    pub(crate) continued_after: Option<i64>,
    /// Time to the conversion, if reached at or before it.
    pub(crate) to_conversion: Option<i64>,
}

/// What one customer contributes to a funnel.
#[derive(Clone, Debug, Default)]
pub(crate) struct FunnelVisit {
    pub(crate) has_touchpoints: bool,
    pub(crate) stages: Vec<StageVisit>,
    pub(crate) skipped: Vec<usize>,
    /// Conversion value and time from the first touchpoint event.
    pub(crate) conversion: Option<(i128, i64)>,
}

impl FunnelVisit {
    pub(crate) fn clear(&mut self) {
        self.has_touchpoints = false;
        self.stages.clear();
        self.skipped.clear();
        self.conversion = None;
    }
}

impl FunnelAcc {
    pub(crate) fn new(stages: usize) -> Self {
        FunnelAcc {
            stages: vec![StageAcc::default(); stages],
            ..FunnelAcc::default()
        }
    }

    pub(crate) fn add(&mut self, v: &FunnelVisit) {
        self.customers += 1;
        if !v.has_touchpoints {
            return;
        }
        self.customers_with_touchpoints += 1;
        for s in &v.stages {
            let acc = &mut self.stages[s.stage];
            acc.customers += 1;
            if let Some(dt) = s.continued_after {
                acc.continued += 1;
                acc.time_in_stage.push(dt);
            }
            if let Some(dt) = s.to_conversion {
                acc.time_to_conversion.push(dt);
            }
        }
        for &s in &v.skipped {
            self.stages[s].skipped += 1;
        }
        if let Some((value, dt)) = v.conversion {
            self.converted += 1;
            self.conversion_value += value;
            self.time_to_conversion.push(dt);
        }
    }

    pub(crate) fn merge(&mut self, other: FunnelAcc) {
        self.customers = self.customers.saturating_add(other.customers);
        self.customers_with_touchpoints = self
            .customers_with_touchpoints
            .saturating_add(other.customers_with_touchpoints);
        self.converted = self.converted.saturating_add(other.converted);
        self.conversion_value = self.conversion_value.saturating_add(other.conversion_value);
        self.time_to_conversion.merge(other.time_to_conversion);
        for (a, b) in self.stages.iter_mut().zip(other.stages) {
            a.customers = a.customers.saturating_add(b.customers);
            a.continued = a.continued.saturating_add(b.continued);
            a.skipped = a.skipped.saturating_add(b.skipped);
            a.time_in_stage.merge(b.time_in_stage);
            a.time_to_conversion.merge(b.time_to_conversion);
        }
    }

    pub(crate) fn report(&self, map: &JourneyMap) -> Funnel {
        let first = self.stages.first().map_or(0, |s| s.customers);
        let last = self.stages.len().saturating_sub(1);
        let stages = map
            .stages()
            .iter()
            .zip(&self.stages)
            .enumerate()
            .map(|(i, (stage, acc))| StageStats {
                stage: stage.id.to_string(),
                name: stage.name.clone(),
                customers: acc.customers,
                continued: acc.continued,
                dropped: acc.customers.saturating_sub(acc.continued),
                conversion_to_next: if i == last {
                    None
                } else {
                    ratio(acc.continued, acc.customers)
                },
                conversion_from_first: ratio(acc.customers, first),
                skipped: acc.skipped,
                time_in_stage: acc.time_in_stage.stats(),
                time_to_conversion: acc.time_to_conversion.stats(),
            })
            .collect();
        Funnel {
            customers: self.customers,
            customers_with_touchpoints: self.customers_with_touchpoints,
            converted: self.converted,
            conversion_rate: ratio(self.converted, self.customers_with_touchpoints),
            conversion_value: from_fixed(self.conversion_value),
            time_to_conversion: self.time_to_conversion.stats(),
            stages,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DurationList;
    use crate::analytics::num::nearest_rank;

    /// Selection gives the nearest ranks of the sorted values.
    #[test]
    fn quantiles_by_selection_are_those_of_the_sorted_values() {
        let mut x = 12345u64;
        for n in 1..200usize {
            let v: Vec<i64> = (0..n)
                .map(|_| {
                    x = x
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    (x >> 33) as i64 % 50 - 10
                })
                .collect();
            let mut sorted = v.clone();
            sorted.sort_unstable();
            let d = DurationList(v).stats();
            assert_eq!(d.count, n as u64);
            assert_eq!(d.median_ms, nearest_rank(&sorted, 0.5), "{sorted:?}");
            assert_eq!(d.p90_ms, nearest_rank(&sorted, 0.9), "{sorted:?}");
        }
        assert_eq!(DurationList(Vec::new()).stats().median_ms, None);
    }
}
