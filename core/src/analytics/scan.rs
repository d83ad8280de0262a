//! The per-customer pass: one journey in, its contribution to every part of
//! the report out. Everything here is per customer, so that any split of
//! the customers gives the same totals.

use hashbrown::HashMap;

use super::accumulate::{CustomerRow, TouchpointAcc};
use super::attribution::{AttributionAcc, CreditScratch, ModelParams};
use super::conformance::CustomerMoves;
use super::funnel::{FunnelAcc, FunnelVisit, StageVisit};
use super::log::{EventLog, NO_SEGMENT};
use super::num::to_fixed;
use super::options::{ReportOptions, ScoreScale};
use super::partial::Partial;
use crate::error::Error;
use crate::JourneyMap;

const PLANNED: u8 = 1;
const LOOP: u8 = 2;

/// The map and options as dense arrays, shared read-only by all workers.
#[derive(Clone, Debug)]
pub(crate) struct Plan {
    pub(crate) n: usize,
    pub(crate) n_stages: usize,
    pub(crate) n_channels: usize,
    stage: Vec<usize>,
    channel: Vec<u32>,
    conversion: Vec<bool>,
    entry: Vec<bool>,
    stage_has_touchpoints: Vec<bool>,
    /// Dense `n * n` flags for small maps, else a hash map.
    dense_flags: Vec<u8>,
    sparse_flags: HashMap<u64, u8>,
    window: Option<i64>,
    lookback: Option<i64>,
    scale: ScoreScale,
    collapse: bool,
    include_customers: bool,
    pub(crate) params: ModelParams,
}

impl Plan {
    pub(crate) fn new(map: &JourneyMap, options: &ReportOptions) -> Self {
        let tps = map.touchpoints();
        let n = tps.len();
        let stage: Vec<usize> = tps
            .iter()
            .map(|t| map.stage_position(t.stage.as_str()).unwrap_or(0))
            .collect();
        let channel = tps
            .iter()
            .map(|t| {
                map.channels()
                    .iter()
                    .position(|c| c.id == t.channel)
                    .unwrap_or(0) as u32
            })
            .collect();
        let conversion = match &options.conversions {
            Some(list) => tps
                .iter()
                .map(|t| list.iter().any(|c| *c == t.id.as_str()))
                .collect(),
            None => {
                let conv = map.conversions();
                tps.iter()
                    .map(|t| conv.iter().any(|c| c.id == t.id))
                    .collect()
            }
        };
        let entries = map.entries();
        let entry = tps
            .iter()
            .map(|t| entries.iter().any(|e| e.id == t.id))
            .collect();
        let mut stage_has_touchpoints = vec![false; map.stages().len()];
        for &s in &stage {
            stage_has_touchpoints[s] = true;
        }
        let dense = n <= 1024;
        let mut dense_flags = if dense { vec![0u8; n * n] } else { Vec::new() };
        let mut sparse_flags = HashMap::new();
        for t in map.transitions() {
            if let (Some(a), Some(b)) = (
                map.touchpoint_position(t.from.as_str()),
                map.touchpoint_position(t.to.as_str()),
            ) {
                let f = PLANNED | if t.is_loop { LOOP } else { 0 };
                if dense {
                    dense_flags[a * n + b] = f;
                } else {
                    sparse_flags.insert(((a as u64) << 32) | b as u64, f);
                }
            }
        }
        Plan {
            n,
            n_stages: map.stages().len(),
            n_channels: map.channels().len(),
            stage,
            channel,
            conversion,
            entry,
            stage_has_touchpoints,
            dense_flags,
            sparse_flags,
            window: options.conversion_window_ms,
            lookback: options.lookback_window_ms,
            scale: options.score_scale,
            collapse: options.collapse_repeats,
            include_customers: options.include_customers,
            params: ModelParams {
                half_life_ms: options.half_life_ms as f64,
                first: options.position_weights.first,
                last: options.position_weights.last,
            },
        }
    }

    fn flags(&self, a: u32, b: u32) -> u8 {
        if self.dense_flags.is_empty() {
            self.sparse_flags
                .get(&((u64::from(a) << 32) | u64::from(b)))
                .copied()
                .unwrap_or(0)
        } else {
            self.dense_flags[a as usize * self.n + b as usize]
        }
    }
}

/// Reusable buffers of one worker.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    stamp: Vec<u32>,
    first_step: Vec<u32>,
    current: u32,
    touched: Vec<u32>,
    steps: Vec<u32>,
    step_ts: Vec<i64>,
    stage_first: Vec<u32>,
    pairs: Vec<u64>,
    channels: Vec<u32>,
    visit: FunnelVisit,
    credit: CreditScratch,
}

const NONE: u32 = u32::MAX;

impl Scratch {
    pub(crate) fn new(plan: &Plan) -> Self {
        Scratch {
            stamp: vec![0; plan.n],
            first_step: vec![0; plan.n],
            stage_first: vec![NONE; plan.n_stages],
            ..Scratch::default()
        }
    }

    fn next_customer(&mut self) {
        if self.current == u32::MAX - 1 {
            self.stamp.fill(0);
            self.current = 0;
        }
        self.current += 1;
        self.touched.clear();
        self.steps.clear();
        self.step_ts.clear();
        self.pairs.clear();
        self.visit.clear();
    }
}

/// A partial result under construction for a range of customers of one
/// log, with log-local ids for unknown names and segments.
pub(crate) struct Chunk {
    pub(crate) partial: Partial,
    pub(crate) unknown_by_id: Vec<u64>,
    pub(crate) segments_by_id: Vec<Option<FunnelAcc>>,
}

impl Chunk {
    /// Adds customer `c` of `log`.
    pub(crate) fn add_customer(&mut self, log: &EventLog, plan: &Plan, c: usize, s: &mut Scratch) {
        let range = log.starts[c]..log.starts[c + 1];
        let ts = &log.ts[range.clone()];
        let code = &log.code[range.clone()];
        if ts.is_empty() {
            return;
        }
        let values = log.value.as_ref().map(|v| &v[range.clone()]);
        let scores = log.score.as_ref().map(|v| &v[range.clone()]);
        let segment = log
            .segment
            .as_ref()
            .and_then(|v| v[range.clone()].iter().copied().find(|&x| x != NO_SEGMENT));
        let end = match plan.window {
            Some(w) => {
                let limit = ts[0].saturating_add(w);
                ts.partition_point(|&t| t <= limit)
            }
            None => ts.len(),
        };
        let n = plan.n as u32;
        let p = &mut self.partial;
        p.totals.customers += 1;
        p.totals.events += end as u64;
        p.totals.events_outside_window += (ts.len() - end) as u64;
        s.next_customer();
        let mut unknown = 0u64;
        // (step index, time, value) of the first conversion.
        let mut conversion: Option<(usize, i64, i128)> = None;
        for i in 0..end {
            let k = code[i];
            let value = values.map(|v| v[i]).filter(|v| !v.is_nan()).map(to_fixed);
            if let Some(v) = value {
                p.totals.value += v;
            }
            if k >= n {
                self.unknown_by_id[(k - n) as usize] += 1;
                unknown += 1;
                continue;
            }
            let tp: &mut TouchpointAcc = &mut p.touchpoints[k as usize];
            tp.entries += 1;
            if let Some(v) = value {
                tp.value += v;
            }
            if let Some(score) = scores.map(|v| v[i]).filter(|v| !v.is_nan()) {
                match plan.scale.to_emotion(score) {
                    Some(e) => {
                        tp.score_count += 1;
                        tp.score_sum += to_fixed(e);
                    }
                    None => tp.scores_out_of_range += 1,
                }
            }
            let repeat = s.steps.last() == Some(&k);
            if repeat {
                tp.repeats += 1;
            }
            if !(repeat && plan.collapse) {
                s.steps.push(k);
                s.step_ts.push(ts[i]);
            }
            let step = s.steps.len() - 1;
            if s.stamp[k as usize] != s.current {
                s.stamp[k as usize] = s.current;
                s.first_step[k as usize] = step as u32;
                s.touched.push(k);
                tp.reach += 1;
            }
            if conversion.is_none() && plan.conversion[k as usize] {
                conversion = Some((step, ts[i], value.unwrap_or(0)));
            }
        }
        p.totals.unknown_events += unknown;
        p.totals.customers_with_unknown += u64::from(unknown > 0);
        let mut moves = CustomerMoves::default();
        if !s.steps.is_empty() {
            self.journey(plan, s, conversion, &mut moves);
        }
        let p = &mut self.partial;
        p.funnel.add(&s.visit);
        match segment {
            Some(id) => self.segments_by_id[id as usize]
                .get_or_insert_with(|| FunnelAcc::new(plan.n_stages))
                .add(&s.visit),
            None => p.totals.customers_without_segment += 1,
        }
        if plan.include_customers {
            p.customers.push(CustomerRow {
                customer: log.customers.resolve(c as u32).to_owned(),
                events: end as u64,
                unknown_events: unknown,
                steps: moves.steps,
                converted: conversion.is_some(),
                fitness: moves.fitness().map(|f| f.0),
                skipped_stages: moves.skipped_stages,
                backward_moves_unmarked: moves.backward_moves_unmarked,
            });
        }
    }

    /// The part of a customer with at least one touchpoint step.
    fn journey(
        &mut self,
        plan: &Plan,
        s: &mut Scratch,
        conversion: Option<(usize, i64, i128)>,
        moves: &mut CustomerMoves,
    ) {
        let p = &mut self.partial;
        let steps = &s.steps;
        let step_ts = &s.step_ts;
        let last = steps.len() - 1;
        p.touchpoints[steps[0] as usize].starts += 1;
        if conversion.is_none() {
            p.touchpoints[steps[last] as usize].exits += 1;
        }
        if let Some((at, _, _)) = conversion {
            for &k in &s.touched {
                if s.first_step[k as usize] as usize <= at {
                    p.touchpoints[k as usize].conversions += 1;
                }
            }
        }

        // Stages.
        s.stage_first.fill(NONE);
        let mut max_stage = 0;
        for (j, &k) in steps.iter().enumerate() {
            let st = plan.stage[k as usize];
            if s.stage_first[st] == NONE {
                s.stage_first[st] = j as u32;
            }
            max_stage = max_stage.max(st);
        }
        let visit = &mut s.visit;
        visit.has_touchpoints = true;
        for (st, &f) in s.stage_first.iter().enumerate() {
            if f == NONE {
                continue;
            }
            let f = f as usize;
            let continued_after = (f + 1..steps.len())
                .find(|&j| plan.stage[steps[j] as usize] > st)
                .map(|j| step_ts[j] - step_ts[f]);
            let to_conversion = conversion
                .filter(|&(at, _, _)| f <= at)
                .map(|(_, t, _)| t - step_ts[f]);
            visit.stages.push(StageVisit {
                stage: st,
                continued_after,
                to_conversion,
            });
        }
        for st in 0..max_stage {
            if plan.stage_has_touchpoints[st] && s.stage_first[st] == NONE {
                visit.skipped.push(st);
            }
        }
        visit.conversion = conversion.map(|(_, t, v)| (v, t - step_ts[0]));

        // Transitions and conformance.
        moves.steps = steps.len() as u64;
        moves.starts_at_entry = plan.entry[steps[0] as usize];
        moves.skipped_stages = visit.skipped.len() as u64;
        for w in steps.windows(2) {
            let (a, b) = (w[0], w[1]);
            p.transitions.cell(a, b).count += 1;
            s.pairs.push((u64::from(a) << 32) | u64::from(b));
            let flags = plan.flags(a, b);
            moves.planned_transitions += u64::from(flags & PLANNED != 0);
            if plan.stage[b as usize] < plan.stage[a as usize] {
                moves.backward_moves += 1;
                moves.backward_moves_unmarked += u64::from(flags & LOOP == 0);
            }
        }
        s.pairs.sort_unstable();
        s.pairs.dedup();
        for &key in &s.pairs {
            p.transitions.cell((key >> 32) as u32, key as u32).customers += 1;
        }
        p.conformance.add(moves);
        p.variants.add(steps, conversion.is_some());

        // Attribution: the touches before the first conversion (or all of
        // them without conversion), within the lookback window.
        let (end, reference) = match conversion {
            Some((at, t, _)) => (at, t),
            None => (steps.len(), step_ts[last]),
        };
        let start = match plan.lookback {
            Some(lb) => {
                let from = reference.saturating_sub(lb);
                step_ts[..end].partition_point(|&t| t < from)
            }
            None => 0,
        };
        let path = &steps[start..end];
        if let Some((_, _, value)) = conversion {
            attribution(
                &mut p.attribution,
                path,
                &step_ts[start..end],
                value,
                plan,
                &mut s.credit,
            );
        }
        if !path.is_empty() {
            let outcome = if conversion.is_some() { 1 } else { 2 };
            markov_path(
                &mut p.markov_touchpoints,
                path.iter().copied(),
                n_states(plan.n),
                outcome,
            );
            s.channels.clear();
            s.channels
                .extend(path.iter().map(|&k| plan.channel[k as usize]));
            markov_path(
                &mut p.markov_channels,
                s.channels.iter().copied(),
                n_states(plan.n_channels),
                outcome,
            );
        }
    }
}

fn n_states(n: usize) -> u32 {
    n as u32
}

fn attribution(
    acc: &mut AttributionAcc,
    path: &[u32],
    ts: &[i64],
    value: i128,
    plan: &Plan,
    scratch: &mut CreditScratch,
) {
    acc.credit(path, ts, value, &plan.params, scratch);
}

/// Counts one path of the Markov chain: start, the states, then
/// conversion (`outcome` 1) or null (2).
fn markov_path(
    table: &mut super::paths::PairTable<u64>,
    path: impl Iterator<Item = u32>,
    n: u32,
    outcome: u32,
) {
    let mut prev = n;
    for state in path {
        *table.cell(prev, state) += 1;
        prev = state;
    }
    *table.cell(prev, n + outcome) += 1;
}

/// Customers per unit of work.
const CHUNK: usize = 8192;

impl Partial {
    /// The partial result of every customer of `log` (uses several threads
    /// with the `parallel` feature; the result is the same either way).
    ///
    /// ```
    /// # use journeymap::analytics::{analyze, CsvOptions, EventLog, ReportOptions};
    /// # let map = journeymap::doc_support::shop_map();
    /// # let log = journeymap::doc_support::shop_log(&map);
    /// use journeymap::analytics::Partial;
    /// let options = ReportOptions::default();
    /// let partial = Partial::from_log(&map, &log, &options).unwrap();
    /// assert_eq!(partial.finish(&map, &options).unwrap(), analyze(&map, &log, &options).unwrap());
    /// ```
    pub fn from_log(
        map: &JourneyMap,
        log: &EventLog,
        options: &ReportOptions,
    ) -> Result<Partial, Error> {
        options.validate(map)?;
        log.check_map(map)?;
        let plan = Plan::new(map, options);
        let customers = log.customers();
        let ranges: Vec<(usize, usize)> = (0..customers)
            .step_by(CHUNK)
            .map(|a| (a, (a + CHUNK).min(customers)))
            .collect();
        let build = |(a, b): (usize, usize)| -> Partial {
            let mut chunk = Chunk {
                partial: Partial::new(map, options, log.fingerprint),
                unknown_by_id: vec![0; log.unknown.len()],
                segments_by_id: vec![None; log.segments.len()],
            };
            let mut scratch = Scratch::new(&plan);
            for c in a..b {
                chunk.add_customer(log, &plan, c, &mut scratch);
            }
            finish_chunk(chunk, log)
        };
        let mut result = Self::reduce(ranges, build, || {
            Partial::new(map, options, log.fingerprint)
        });
        result.ingest = log.stats.clone();
        Ok(result)
    }

    #[cfg(feature = "parallel")]
    fn reduce(
        ranges: Vec<(usize, usize)>,
        build: impl Fn((usize, usize)) -> Partial + Sync + Send,
        empty: impl Fn() -> Partial + Sync + Send,
    ) -> Partial {
        use rayon::prelude::*;
        ranges
            .into_par_iter()
            .map(build)
            .reduce(&empty, |mut a, b| {
                a.merge_unchecked(b);
                a
            })
    }

    #[cfg(not(feature = "parallel"))]
    fn reduce(
        ranges: Vec<(usize, usize)>,
        build: impl Fn((usize, usize)) -> Partial,
        empty: impl Fn() -> Partial,
    ) -> Partial {
        Self::reduce_sequential(ranges, build, empty)
    }

    #[cfg(any(test, not(feature = "parallel")))]
    pub(crate) fn reduce_sequential(
        ranges: Vec<(usize, usize)>,
        build: impl Fn((usize, usize)) -> Partial,
        empty: impl Fn() -> Partial,
    ) -> Partial {
        ranges.into_iter().map(build).fold(empty(), |mut a, b| {
            a.merge_unchecked(b);
            a
        })
    }
}

/// Turns log-local ids of a chunk into names.
fn finish_chunk(chunk: Chunk, log: &EventLog) -> Partial {
    let mut p = chunk.partial;
    for (id, &n) in chunk.unknown_by_id.iter().enumerate() {
        if n > 0 {
            p.unknown
                .insert(log.unknown.resolve(id as u32).to_owned(), n);
        }
    }
    for (id, f) in chunk.segments_by_id.into_iter().enumerate() {
        if let Some(f) = f {
            p.segments
                .insert(log.segments.resolve(id as u32).to_owned(), f);
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::Event;

    fn map() -> JourneyMap {
        JourneyMap::from_json(
            r#"{"name":"m","stages":[{"id":"s1","name":"S1"},{"id":"s2","name":"S2"}],
            "channels":[{"id":"w","name":"W","kind":"digital"},{"id":"e","name":"E","kind":"digital"}],
            "touchpoints":[{"id":"a","name":"A","stage":"s1","channel":"w"},
              {"id":"b","name":"B","stage":"s1","channel":"e"},
              {"id":"c","name":"C","stage":"s2","channel":"w","kind":"conversion"}],
            "transitions":[{"from":"a","to":"b"},{"from":"b","to":"c"}]}"#,
        )
        .unwrap()
    }

    /// Sequential and parallel passes give identical partials.
    #[test]
    fn sequential_equals_parallel() {
        let map = map();
        let mut b = EventLog::builder(&map);
        let ids = ["a", "b", "c", "x"];
        let mut seed = 7u64;
        let names: Vec<String> = (0..30_000).map(|i| format!("c{i}")).collect();
        for i in 0..120_000u64 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let c = &names[(seed >> 33) as usize % names.len()];
            let t = ids[(seed >> 20) as usize % 4];
            let e = if t == "x" {
                Event::raw(c, (seed >> 40) as i64, "noise")
            } else {
                Event::touchpoint(c, (seed >> 40) as i64, t).with_value((i % 7) as f64 * 0.1)
            };
            b.push(&e).unwrap();
        }
        let log = b.build();
        let options = ReportOptions::default().include_customers(true);
        let parallel = Partial::from_log(&map, &log, &options).unwrap();
        let plan = Plan::new(&map, &options);
        let sequential = Partial::reduce_sequential(
            vec![(0, log.customers())],
            |(a, z)| {
                let mut chunk = Chunk {
                    partial: Partial::new(&map, &options, log.fingerprint),
                    unknown_by_id: vec![0; log.unknown.len()],
                    segments_by_id: vec![None; log.segments.len()],
                };
                let mut s = Scratch::new(&plan);
                for c in a..z {
                    chunk.add_customer(&log, &plan, c, &mut s);
                }
                finish_chunk(chunk, &log)
            },
            || Partial::new(&map, &options, log.fingerprint),
        );
        let r1 = parallel.finish(&map, &options).unwrap();
        let mut seq = sequential;
        seq.ingest = log.stats.clone();
        let r2 = seq.finish(&map, &options).unwrap();
        assert_eq!(
            serde_json::to_string(&r1).unwrap(),
            serde_json::to_string(&r2).unwrap()
        );
        assert_eq!(r1.totals.customers, log.customers() as u64);
        assert!(r1.totals.customers > 29_000);
    }
}
