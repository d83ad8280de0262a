//! Attribution of conversions and value to touchpoints and channels:
//! first touch, last touch, linear, time decay, position based (heuristic
//! models, credited per customer in exact fixed point) and the Markov-chain
//! removal effect (see [`super::markov`]).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::markov;
use super::num::{distribute, from_fixed, round9, SCALE};
use super::paths::PairTable;
use super::report::{Attribution, AttributionRow, Credit};
use crate::JourneyMap;

/// Number of heuristic models.
pub(crate) const MODELS: usize = 5;

/// Parameters of the heuristic models.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ModelParams {
    pub(crate) half_life_ms: f64,
    pub(crate) first: f64,
    pub(crate) last: f64,
}

/// Scratch buffers for crediting one path.
#[derive(Clone, Debug, Default)]
pub(crate) struct CreditScratch {
    weights: Vec<f64>,
    shares: Vec<i128>,
}

/// Weights of model `model` over a path of `m` touches at `ts`.
fn weights(model: usize, ts: &[i64], p: &ModelParams, out: &mut Vec<f64>) {
    let m = ts.len();
    out.clear();
    out.resize(m, 0.0);
    match model {
        0 => out[0] = 1.0,
        1 => out[m - 1] = 1.0,
        2 => out.fill(1.0),
        3 => {
            // Relative to the most recent touch (same shares as relative to
            // the conversion, without underflow for old journeys).
            let last = ts[m - 1];
            for (w, &t) in out.iter_mut().zip(ts) {
                *w = (-((last - t) as f64) / p.half_life_ms).exp2();
            }
        }
        _ => match m {
            1 => out[0] = 1.0,
            2 => {
                out[0] = p.first;
                out[1] = p.last;
            }
            _ => {
                let middle = (1.0 - p.first - p.last).max(0.0) / (m - 2) as f64;
                out.fill(middle);
                out[0] = p.first;
                out[m - 1] = p.last;
            }
        },
    }
}

/// Attribution credits being accumulated.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct AttributionAcc {
    pub(crate) attributable_conversions: u64,
    pub(crate) attributable_value: i128,
    pub(crate) unattributed_conversions: u64,
    pub(crate) unattributed_value: i128,
    /// Per touchpoint, per model: conversions credited (units of 10^-9).
    pub(crate) conversions: Vec<[i128; MODELS]>,
    /// Per touchpoint, per model: value credited (units of 10^-9).
    pub(crate) value: Vec<[i128; MODELS]>,
}

impl AttributionAcc {
    pub(crate) fn new(touchpoints: usize) -> Self {
        AttributionAcc {
            conversions: vec![[0; MODELS]; touchpoints],
            value: vec![[0; MODELS]; touchpoints],
            ..AttributionAcc::default()
        }
    }

    /// Credits one conversion of `value` to the touches `path` (touchpoint
    /// indices) at times `ts`.
    pub(crate) fn credit(
        &mut self,
        path: &[u32],
        ts: &[i64],
        value: i128,
        params: &ModelParams,
        s: &mut CreditScratch,
    ) {
        if path.is_empty() {
            self.unattributed_conversions += 1;
            self.unattributed_value += value;
            return;
        }
        self.attributable_conversions += 1;
        self.attributable_value += value;
        for model in 0..MODELS {
            // First and last touch (and any model on one touch) give all
            // to one touch: what `distribute` gives for one-hot weights,
            // exactly, for totals below 2^53 (`SCALE` and any value an
            // event can have).
            let one = match (model, path.len()) {
                (_, 1) | (0, _) => Some(0),
                (1, m) => Some(m - 1),
                _ => None,
            };
            if let Some(i) = one.filter(|_| value.unsigned_abs() < 1 << 53) {
                let tp = path[i] as usize;
                self.conversions[tp][model] += SCALE;
                self.value[tp][model] += value;
                continue;
            }
            weights(model, ts, params, &mut s.weights);
            distribute(SCALE, &s.weights, &mut s.shares);
            for (&tp, &share) in path.iter().zip(&s.shares) {
                self.conversions[tp as usize][model] += share;
            }
            if value != 0 {
                distribute(value, &s.weights, &mut s.shares);
                for (&tp, &share) in path.iter().zip(&s.shares) {
                    self.value[tp as usize][model] += share;
                }
            }
        }
    }

    pub(crate) fn merge(&mut self, o: &AttributionAcc) {
        self.attributable_conversions = self
            .attributable_conversions
            .saturating_add(o.attributable_conversions);
        self.attributable_value = self.attributable_value.saturating_add(o.attributable_value);
        self.unattributed_conversions = self
            .unattributed_conversions
            .saturating_add(o.unattributed_conversions);
        self.unattributed_value = self.unattributed_value.saturating_add(o.unattributed_value);
        for (a, b) in self.conversions.iter_mut().zip(&o.conversions) {
            for (x, y) in a.iter_mut().zip(b) {
                *x = x.saturating_add(*y);
            }
        }
        for (a, b) in self.value.iter_mut().zip(&o.value) {
            for (x, y) in a.iter_mut().zip(b) {
                *x = x.saturating_add(*y);
            }
        }
    }

    /// The attribution section of the report.
    pub(crate) fn report(
        &self,
        map: &JourneyMap,
        converted: u64,
        conversion_value: i128,
        markov_touchpoints: &PairTable<u64>,
        markov_channels: &PairTable<u64>,
    ) -> Attribution {
        let tps = map.touchpoints();
        let channels = map.channels();
        let channel_index: HashMap<&str, usize> = channels
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let channel_of: Vec<usize> = tps
            .iter()
            .map(|t| channel_index.get(t.channel.as_str()).copied().unwrap_or(0))
            .collect();
        let total = self.attributable_conversions as f64;
        let total_value = from_fixed(self.attributable_value);
        let tp_chain = markov::removal_effects(markov_touchpoints, tps.len());
        let ch_chain = markov::removal_effects(markov_channels, channels.len());
        let markov_skipped = match (&tp_chain, &ch_chain) {
            (Err(states), _) => Some(format!(
                "the touchpoint chain has {states} observed states, more than the {} solved exactly",
                markov::MAX_MARKOV_STATES
            )),
            (_, Err(states)) => Some(format!(
                "the channel chain has {states} observed states, more than the {} solved exactly",
                markov::MAX_MARKOV_STATES
            )),
            _ => None,
        };
        let (p_tp, re_tp) = match tp_chain {
            Ok(chain) if markov_skipped.is_none() => chain,
            _ => (None, vec![0.0; tps.len()]),
        };
        let (_, re_ch) = match ch_chain {
            Ok(chain) if markov_skipped.is_none() => chain,
            _ => (None, vec![0.0; channels.len()]),
        };
        let (sum_tp, sum_ch): (f64, f64) = (re_tp.iter().sum(), re_ch.iter().sum());
        let markov_credit = |re: &[f64], sum: f64, i: usize| -> Credit {
            if sum <= 0.0 {
                return Credit::default();
            }
            let share = re[i] / sum;
            Credit {
                conversions: round9(total * share),
                value: round9(total_value * share),
            }
        };
        let row = |id: String,
                   conv: &[i128; MODELS],
                   val: &[i128; MODELS],
                   re: &[f64],
                   sum: f64,
                   i: usize| {
            let c = |m: usize| Credit {
                conversions: from_fixed(conv[m]),
                value: from_fixed(val[m]),
            };
            AttributionRow {
                id,
                first_touch: c(0),
                last_touch: c(1),
                linear: c(2),
                time_decay: c(3),
                position_based: c(4),
                markov: markov_credit(re, sum, i),
                removal_effect: round9(re[i]),
            }
        };
        let touchpoints = tps
            .iter()
            .enumerate()
            .map(|(i, t)| {
                row(
                    t.id.to_string(),
                    &self.conversions[i],
                    &self.value[i],
                    &re_tp,
                    sum_tp,
                    i,
                )
            })
            .collect();
        let mut ch_conv = vec![[0i128; MODELS]; channels.len()];
        let mut ch_val = vec![[0i128; MODELS]; channels.len()];
        for (i, &c) in channel_of.iter().enumerate() {
            for m in 0..MODELS {
                // Saturating: the sums of a partial read from bytes are
                // unbounded (a real log's stay far below i128's range).
                ch_conv[c][m] = ch_conv[c][m].saturating_add(self.conversions[i][m]);
                ch_val[c][m] = ch_val[c][m].saturating_add(self.value[i][m]);
            }
        }
        let channel_rows = channels
            .iter()
            .enumerate()
            .map(|(i, ch)| {
                row(
                    ch.id.to_string(),
                    &ch_conv[i],
                    &ch_val[i],
                    &re_ch,
                    sum_ch,
                    i,
                )
            })
            .collect();
        Attribution {
            conversions: converted,
            value: from_fixed(conversion_value),
            attributable_conversions: self.attributable_conversions,
            attributable_value: from_fixed(self.attributable_value),
            unattributed_conversions: self.unattributed_conversions,
            unattributed_value: from_fixed(self.unattributed_value),
            markov_conversion_probability: p_tp.map(round9),
            markov_skipped,
            touchpoints,
            channels: channel_rows,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credit(path: &[u32], ts: &[i64], value: f64) -> AttributionAcc {
        let mut acc = AttributionAcc::new(4);
        let p = ModelParams {
            half_life_ms: 1000.0,
            first: 0.4,
            last: 0.4,
        };
        acc.credit(
            path,
            ts,
            super::super::num::to_fixed(value),
            &p,
            &mut CreditScratch::default(),
        );
        acc
    }

    #[test]
    fn models_split_one_conversion() {
        // Path a(0) b(1) c(2) at 0, 1000, 2000 ms, value 10.
        let acc = credit(&[0, 1, 2], &[0, 1000, 2000], 10.0);
        let conv = |tp: usize, m: usize| acc.conversions[tp][m];
        // first, last
        assert_eq!([conv(0, 0), conv(1, 0), conv(2, 0)], [SCALE, 0, 0]);
        assert_eq!([conv(0, 1), conv(1, 1), conv(2, 1)], [0, 0, SCALE]);
        // linear: thirds, remainder to the first
        assert_eq!(
            [conv(0, 2), conv(1, 2), conv(2, 2)],
            [333_333_334, 333_333_333, 333_333_333]
        );
        // time decay, half-life 1 s: weights 1/4, 1/2, 1 -> 1/7, 2/7, 4/7
        assert_eq!(
            [conv(0, 3), conv(1, 3), conv(2, 3)],
            [142_857_143, 285_714_286, 571_428_571]
        );
        // position based 40/20/40
        assert_eq!(
            [conv(0, 4), conv(1, 4), conv(2, 4)],
            [400_000_000, 200_000_000, 400_000_000]
        );
        assert_eq!(acc.value[2][4], 4 * SCALE);
        assert_eq!(acc.attributable_conversions, 1);
    }

    #[test]
    fn short_and_empty_paths() {
        let acc = credit(&[3, 1], &[0, 0], 0.0);
        assert_eq!(acc.conversions[3][4], SCALE / 2);
        assert_eq!(acc.conversions[1][4], SCALE / 2);
        let acc = credit(&[], &[], 5.0);
        assert_eq!(
            (acc.unattributed_conversions, acc.unattributed_value),
            (1, 5 * SCALE)
        );
    }

    /// Every model credits the whole value, to the unit, also for values
    /// whose fixed-point amount is past 2^53 (where floats round).
    #[test]
    fn large_values_are_credited_exactly() {
        for k in 0..300u32 {
            // From 10^7 to about 10^12, with cents.
            let value = (10_000_000.0 * 1.04f64.powi(k as i32) * 100.0).round() / 100.0;
            let path: Vec<u32> = (0..2 + k % 7).map(|i| i % 4).collect();
            let ts: Vec<i64> = (0..path.len() as i64).map(|i| i * 700).collect();
            let acc = credit(&path, &ts, value);
            for model in 0..MODELS {
                let total: i128 = acc.value.iter().map(|v| v[model]).sum();
                assert_eq!(total, super::super::num::to_fixed(value), "{value} {model}");
            }
        }
    }
}
