// The journey report (what `analyze` returns) as TypeScript types.
// Generated from schema/journey-report.schema.json by scripts/gen-types.mjs: do not edit,
// run `node scripts/gen-types.mjs` after the schema changes.
//
// Keys are those of the report's JSON (snake_case). Optional properties are
// absent or `null` where the schema allows it.

/** A journey report: the map against an event log. */
export interface Report {
  /** Attribution of conversions and value. */
  attribution: Attribution;
  /** How well journeys follow the map. */
  conformance: Conformance;
  /** Touchpoints counting as conversions (ids). */
  conversion_touchpoints: string[];
  /**
   * Per-customer conformance, sorted by customer id (only with
   * `include_customers`).
   */
  customers?: CustomerConformance[] | null;
  /** Stage funnel over all customers. */
  funnel: Funnel;
  /** Rows read and skipped. */
  ingest: IngestStats;
  /** Name of the map. */
  map: string;
  /** The options the report was computed with. */
  options: ReportOptions;
  /**
   * Version of the report format (1).
   *
   * An integer. At least 0.
   */
  report_version: number;
  /** The funnel of each segment, by segment name. */
  segments: SegmentFunnel[];
  /** Overall counts. */
  totals: Totals;
  /** One row per touchpoint, in document order. */
  touchpoints: TouchpointStats[];
  /** Observed directly-follows transitions, and planned ones never taken. */
  transitions: TransitionStats[];
  /** Events that matched no touchpoint. */
  unknown_events: UnknownEvents;
  /** Most frequent path variants. */
  variants: Variants;
}

/** Attribution of conversions and value. */
export interface Attribution {
  /**
   * Conversions with at least one touch to credit.
   *
   * An integer. At least 0.
   */
  attributable_conversions: number;
  /** Their value. */
  attributable_value: number;
  /**
   * One row per channel, in document order (heuristic credit: the sum
   * over the channel's touchpoints; Markov: a chain over channels).
   */
  channels: AttributionRow[];
  /**
   * Converted customers.
   *
   * An integer. At least 0.
   */
  conversions: number;
  /** Probability of conversion of the touchpoint-level Markov chain. */
  markov_conversion_probability: number | null;
  /**
   * Why the Markov figures (`markov` credits, removal effects, the
   * conversion probability) were not computed, when they were not: a
   * chain with more observed states than
   * [`MAX_MARKOV_STATES`](super::MAX_MARKOV_STATES). Absent otherwise.
   */
  markov_skipped?: string | null;
  /** One row per touchpoint, in document order. */
  touchpoints: AttributionRow[];
  /**
   * Conversions with no touch to credit (the conversion was the first
   * step, or no touch within the lookback window).
   *
   * An integer. At least 0.
   */
  unattributed_conversions: number;
  /** Their value. */
  unattributed_value: number;
  /** Their conversion value. */
  value: number;
}

/** Attribution of one touchpoint or channel under every model. */
export interface AttributionRow {
  /** All credit to the first touch. */
  first_touch: Credit;
  /** Touchpoint or channel id. */
  id: string;
  /** All credit to the last touch. */
  last_touch: Credit;
  /** Equal credit to each touch. */
  linear: Credit;
  /** Markov-chain removal effect, normalised to the conversions. */
  markov: Credit;
  /**
   * `first` / `last` weights to the first and last touches, the rest
   * shared by the touches between.
   */
  position_based: Credit;
  /**
   * Markov removal effect: the share of conversions lost when this state
   * is removed from the chain.
   */
  removal_effect: number;
  /** Credit halving every `half_life_ms` before the conversion. */
  time_decay: Credit;
}

/** Conformance of the observed journeys to the map. */
export interface Conformance {
  /**
   * Moves to an earlier stage.
   *
   * An integer. At least 0.
   */
  backward_moves: number;
  /**
   * Moves to an earlier stage that the map does not mark as a loop.
   *
   * An integer. At least 0.
   */
  backward_moves_unmarked: number;
  /**
   * Customers with a fitness (those with a touchpoint event).
   *
   * An integer. At least 0.
   */
  customers: number;
  /**
   * Customers whose first touchpoint is an entry of the map.
   *
   * An integer. At least 0.
   */
  customers_starting_at_entry: number;
  /**
   * Customers who skipped at least one stage.
   *
   * An integer. At least 0.
   */
  customers_with_skipped_stages: number;
  /**
   * Customers with at least one.
   *
   * An integer. At least 0.
   */
  customers_with_unknown_events: number;
  /**
   * Customers with at least one such move.
   *
   * An integer. At least 0.
   */
  customers_with_unmarked_backward_moves: number;
  /**
   * Planned moves over all moves, the start counting as one move
   * (planned when it is at an entry).
   */
  fitness: number | null;
  /** Customers by fitness decile: `[0, 0.1)`, ..., `[0.9, 1]`. */
  fitness_histogram: number[];
  /** Mean of the customers' fitness. */
  mean_customer_fitness: number | null;
  /**
   * Customers with fitness 1.
   *
   * An integer. At least 0.
   */
  perfectly_fitting_customers: number;
  /** `planned_transitions / transitions`. */
  planned_share: number | null;
  /**
   * Of them, transitions the map has.
   *
   * An integer. At least 0.
   */
  planned_transitions: number;
  /**
   * Observed transitions (moves between consecutive steps).
   *
   * An integer. At least 0.
   */
  transitions: number;
  /**
   * Events that matched no touchpoint.
   *
   * An integer. At least 0.
   */
  unknown_events: number;
}

/** Credit given to a touchpoint or channel by one model. */
export interface Credit {
  /** Conversions credited. */
  conversions: number;
  /** Conversion value credited. */
  value: number;
}

/** Conformance of one customer. */
export interface CustomerConformance {
  /**
   * Backward moves not marked as loops.
   *
   * An integer. At least 0.
   */
  backward_moves_unmarked: number;
  /** Whether the customer converted. */
  converted: boolean;
  /** Customer id. */
  customer: string;
  /**
   * Events inside the window.
   *
   * An integer. At least 0.
   */
  events: number;
  /** Planned moves over moves (start included); none without steps. */
  fitness: number | null;
  /**
   * Stages skipped.
   *
   * An integer. At least 0.
   */
  skipped_stages: number;
  /**
   * Steps of the journey (after collapsing repeats, if asked).
   *
   * An integer. At least 0.
   */
  steps: number;
  /**
   * Of them, unknown.
   *
   * An integer. At least 0.
   */
  unknown_events: number;
}

/** Distribution of durations (milliseconds). */
export interface Durations {
  /**
   * How many durations.
   *
   * An integer. At least 0.
   */
  count: number;
  /** Arithmetic mean. */
  mean_ms: number | null;
  /**
   * Nearest-rank median.
   *
   * An integer.
   */
  median_ms: number | null;
  /**
   * Nearest-rank 90th percentile.
   *
   * An integer.
   */
  p90_ms: number | null;
}

/** A stage funnel. */
export interface Funnel {
  /** `converted / customers_with_touchpoints`. */
  conversion_rate: number | null;
  /** Sum of the values of the converting events. */
  conversion_value: number;
  /**
   * Customers who converted.
   *
   * An integer. At least 0.
   */
  converted: number;
  /**
   * Customers in the group.
   *
   * An integer. At least 0.
   */
  customers: number;
  /**
   * Of them, customers with at least one event at a touchpoint.
   *
   * An integer. At least 0.
   */
  customers_with_touchpoints: number;
  /** One row per stage, in journey order. */
  stages: StageStats[];
  /** From the customer's first touchpoint event to the conversion. */
  time_to_conversion: Durations;
}

/** How many rows were read and skipped. */
export interface IngestStats {
  /** The first skipped rows (at most [`IngestStats::MAX_EXAMPLES`]), in row order. */
  examples: RowError[];
  /**
   * Data rows read (accepted + skipped).
   *
   * An integer. At least 0.
   */
  rows: number;
  /** Rows skipped, by reason code. */
  skipped: {
    [key: string]: number;
  };
}

/**
 * Weights of the position-based (U-shaped) attribution model: `first` to
 * the first touch, `last` to the last, the rest shared by the touches in
 * between. Default 0.4 / 0.4 (the 40/20/40 model).
 */
export interface PositionWeights {
  /** Share of the first touch (0..=1). */
  first: number;
  /** Share of the last touch (0..=1; `first + last <= 1`). */
  last: number;
}

/** Options of a journey report, built with chained setters. */
export interface ReportOptions {
  /**
   * Collapse consecutive events at the same touchpoint into one step
   * for transitions, path variants, conformance and attribution
   * (default true). Touchpoint entries always count every event.
   * @default true
   */
  collapse_repeats: boolean;
  /**
   * Journeys are cut this many milliseconds after the customer's first
   * event: later events are counted as outside the window and ignored.
   * `None` (default): no cut.
   *
   * An integer.
   * @default null
   */
  conversion_window_ms: number | null;
  /**
   * Touchpoints whose reach counts as converting. `None` (default): the
   * map's conversions (touchpoints of kind `conversion` and objectives'
   * conversion targets).
   * @default null
   */
  conversions: string[] | null;
  /**
   * Half-life of the time-decay attribution model, in milliseconds
   * (default 7 days).
   *
   * An integer.
   * @default 604800000
   */
  half_life_ms: number;
  /**
   * List every customer with their conformance in the report (default
   * false; one row per customer).
   * @default false
   */
  include_customers: boolean;
  /**
   * Attribution only credits touches at most this many milliseconds
   * before the conversion (before the last touch for customers who did
   * not convert, in the Markov model). `None` (default): all touches.
   *
   * An integer.
   * @default null
   */
  lookback_window_ms: number | null;
  /**
   * Weights of the position-based attribution model.
   * @default {"first":0.4,"last":0.4}
   */
  position_weights: PositionWeights;
  /**
   * How observed scores map onto -2..=2.
   * @default "native"
   */
  score_scale: ScoreScale;
  /**
   * How many path variants and unknown event names the report lists
   * (default 10).
   *
   * An integer. At least 0.
   * @default 10
   */
  top_k: number;
}

/**
 * A row of an event log that was refused, with its location.
 *
 * `row` counts data rows from 1 (the CSV header is not a row; blank JSON
 * lines are not rows); `line` is the 1-based line in the text where the
 * row starts (absent for rows pushed through the builder or columns).
 */
export interface RowError {
  /** Stable reason code. */
  code: RowErrorKind;
  /** The column or field concerned. */
  column?: string | null;
  /**
   * 1-based line in the text where the row starts.
   *
   * An integer. At least 0.
   */
  line?: number | null;
  /** What is wrong, for a person. */
  message: string;
  /**
   * 1-based data row (0 for the CSV header).
   *
   * An integer. At least 0.
   */
  row: number;
}

/**
 * Why a row of an event log was refused. Each reason has a stable code
 * ([`RowErrorKind::code`]), the same in Rust, Python and JS.
 *
 * - `MISSING_COLUMN`: The CSV header lacks a required column (customer id, timestamp), or
 * has neither a touchpoint nor an event nor a channel column. Concerns
 * the whole file: never skipped. Code `MISSING_COLUMN`.
 * - `DUPLICATE_COLUMN`: Two columns of the CSV header have the same name. Never skipped.
 * Code `DUPLICATE_COLUMN`.
 * - `FIELD_COUNT`: A CSV row has a different number of fields than the header.
 * Code `FIELD_COUNT`.
 * - `MISSING_FIELD`: A JSON line lacks a required field (customer id, timestamp).
 * Code `MISSING_FIELD`.
 * - `EMPTY_CUSTOMER`: The customer id is empty. Code `EMPTY_CUSTOMER`.
 * - `BAD_TIMESTAMP`: The timestamp is missing its value or cannot be read. Code `BAD_TIMESTAMP`.
 * - `BAD_NUMBER`: A value or score is not a finite number (or a value exceeds
 * ±10^15). Code `BAD_NUMBER`.
 * - `UNKNOWN_TOUCHPOINT`: The touchpoint id names no touchpoint of the map. Code `UNKNOWN_TOUCHPOINT`.
 * - `MISSING_EVENT`: The row has no touchpoint, no event name and no channel: nothing to
 * match. Code `MISSING_EVENT`.
 * - `BAD_JSON`: A JSON line is not a JSON object. Code `BAD_JSON`.
 * - `BAD_TYPE`: A field has a JSON type that cannot be used (an object as customer
 * id...). Code `BAD_TYPE`.
 * - `BAD_ENCODING`: A CSV field is not valid UTF-8. Code `BAD_ENCODING`.
 * - `LINE_TOO_LONG`: A JSON line is longer than the configured limit. Code `LINE_TOO_LONG`.
 * - `LOG_TOO_LARGE`: More rows, customers or distinct names than the log can index
 * (2^32 - 1). Never skipped. Code `LOG_TOO_LARGE`.
 */
export type RowErrorKind = "MISSING_COLUMN" | "DUPLICATE_COLUMN" | "FIELD_COUNT" | "MISSING_FIELD" | "EMPTY_CUSTOMER" | "BAD_TIMESTAMP" | "BAD_NUMBER" | "UNKNOWN_TOUCHPOINT" | "MISSING_EVENT" | "BAD_JSON" | "BAD_TYPE" | "BAD_ENCODING" | "LINE_TOO_LONG" | "LOG_TOO_LARGE";

/**
 * How observed scores (survey answers, CSAT, NPS) map onto the map's
 * emotion scale, -2 (very negative) to 2 (very positive).
 *
 * The mapping is linear from the scale's range onto -2..=2; a score
 * outside the range is counted as out of range and left out of the means.
 */
export type ScoreScale = "native" | "one_to_five" | "zero_to_ten" | {
  range: {
    /** Highest score, mapped to 2. */
    max: number;
    /** Lowest score, mapped to -2. */
    min: number;
  };
};

/** Observed scores at a touchpoint against the planned emotion. */
export interface ScoreStats {
  /**
   * Scores inside the scale.
   *
   * An integer. At least 0.
   */
  count: number;
  /** `mean - planned`. */
  difference: number | null;
  /** Mean score on the -2..=2 scale. */
  mean: number | null;
  /**
   * Scores outside the scale's range, left out of the mean.
   *
   * An integer. At least 0.
   */
  out_of_range: number;
  /**
   * The map's emotion score for the touchpoint.
   *
   * An integer.
   */
  planned: number | null;
}

/** The funnel of one segment. */
export interface SegmentFunnel {
  /** Its funnel. */
  funnel: Funnel;
  /** Segment name. */
  segment: string;
}

/** One stage of a funnel. */
export interface StageStats {
  /**
   * Of them, customers who later had an event in a later stage.
   *
   * An integer. At least 0.
   */
  continued: number;
  /**
   * `customers / customers of the first stage` (may exceed 1 when
   * customers enter after the first stage).
   */
  conversion_from_first: number | null;
  /** `continued / customers` (none for the last stage or no customers). */
  conversion_to_next: number | null;
  /**
   * Customers with at least one event in the stage.
   *
   * An integer. At least 0.
   */
  customers: number;
  /**
   * `customers - continued`.
   *
   * An integer. At least 0.
   */
  dropped: number;
  /** Stage name. */
  name: string;
  /**
   * Customers who reached a later stage without any event in this one
   * (stages with no touchpoint are never counted as skipped).
   *
   * An integer. At least 0.
   */
  skipped: number;
  /** Stage id. */
  stage: string;
  /**
   * From the first event in the stage to the first later event in a
   * later stage, for customers who continued.
   */
  time_in_stage: Durations;
  /**
   * From the first event in the stage to the conversion, for converted
   * customers who reached the stage at or before converting.
   */
  time_to_conversion: Durations;
}

/** Overall counts. */
export interface Totals {
  /** `converted_customers / customers_with_touchpoints`. */
  conversion_rate: number | null;
  /** Sum of the values of the converting events. */
  conversion_value: number;
  /**
   * Customers who reached a conversion touchpoint.
   *
   * An integer. At least 0.
   */
  converted_customers: number;
  /**
   * Distinct customers.
   *
   * An integer. At least 0.
   */
  customers: number;
  /**
   * Customers with at least one event at a touchpoint (inside the window).
   *
   * An integer. At least 0.
   */
  customers_with_touchpoints: number;
  /**
   * Events inside the conversion window (all events without a window).
   *
   * An integer. At least 0.
   */
  events: number;
  /**
   * Events after the conversion window, ignored.
   *
   * An integer. At least 0.
   */
  events_outside_window: number;
  /**
   * Events inside the window that matched no touchpoint.
   *
   * An integer. At least 0.
   */
  unknown_events: number;
  /** Sum of the values of all events inside the window. */
  value: number;
}

/** One touchpoint. */
export interface TouchpointStats {
  /** Its channel id. */
  channel: string;
  /** `conversions / reach`. */
  conversion_rate: number | null;
  /**
   * Customers who touched it at or before their conversion.
   *
   * An integer. At least 0.
   */
  conversions: number;
  /**
   * Events here (every event, repeats included).
   *
   * An integer. At least 0.
   */
  entries: number;
  /**
   * Customers who did not convert and whose last touchpoint is this one.
   *
   * An integer. At least 0.
   */
  exits: number;
  /**
   * Distinct customers with an event here.
   *
   * An integer. At least 0.
   */
  reach: number;
  /**
   * Events here that repeat the customer's previous touchpoint.
   *
   * An integer. At least 0.
   */
  repeats: number;
  /** Observed scores. */
  score: ScoreStats;
  /** Its stage id. */
  stage: string;
  /**
   * Customers whose journey starts here.
   *
   * An integer. At least 0.
   */
  starts: number;
  /** Touchpoint id. */
  touchpoint: string;
  /** Sum of the values of the events here. */
  value: number;
}

/** A directly-follows transition. */
export interface TransitionStats {
  /** Whether it goes to an earlier stage. */
  backward: boolean;
  /**
   * Times observed.
   *
   * An integer. At least 0.
   */
  count: number;
  /**
   * Distinct customers who took it.
   *
   * An integer. At least 0.
   */
  customers: number;
  /** From touchpoint id. */
  from: string;
  /** Whether the map marks it as a loop. */
  is_loop: boolean;
  /** Whether the map has this transition. */
  planned: boolean;
  /** To touchpoint id. */
  to: string;
}

/** An unknown event name and how often it occurred. */
export interface UnknownEventName {
  /**
   * Events inside the window.
   *
   * An integer. At least 0.
   */
  events: number;
  /** Event name (`channel=<channel>` for events without a name). */
  name: string;
}

/** Events that matched no touchpoint. */
export interface UnknownEvents {
  /**
   * Customers with at least one.
   *
   * An integer. At least 0.
   */
  customers: number;
  /**
   * Customers with no segment (left out of the segment funnels).
   *
   * An integer. At least 0.
   */
  customers_without_segment: number;
  /**
   * Distinct names.
   *
   * An integer. At least 0.
   */
  distinct: number;
  /**
   * Events inside the window.
   *
   * An integer. At least 0.
   */
  events: number;
  /** The `top_k` most frequent names (ties: by name). */
  top: UnknownEventName[];
}

/** One path variant: the sequence of touchpoints of a journey. */
export interface Variant {
  /** `conversions / customers`. */
  conversion_rate: number;
  /**
   * Of them, converted.
   *
   * An integer. At least 0.
   */
  conversions: number;
  /**
   * Customers with exactly this journey.
   *
   * An integer. At least 0.
   */
  customers: number;
  /** Touchpoint ids in order. */
  path: string[];
}

/** Path variants. */
export interface Variants {
  /**
   * Distinct variants observed.
   *
   * An integer. At least 0.
   */
  distinct: number;
  /** The `top_k` most frequent (ties: fewer steps first, then ids). */
  top: Variant[];
}
