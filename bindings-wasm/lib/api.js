// journeymap: customer journey maps, from the journeymap Rust library
// compiled to WebAssembly.
//
// The package's API. It wraps the raw WebAssembly exports (which exchange
// JSON text) in an idiomatic API: plain objects in and out,
// `JourneyMapError` for every failure, camelCase names. It does not load
// the WebAssembly itself: the entry points do (`index.js` synchronously,
// `web.js` in `init()`), through ./load.js, before any of it is called.
//
// The modules: errors.js (JourneyMapError), encoding.js (values to JSON
// text), options.js (argument checks and option conversion), events.js
// (event-log input) and map.js (the JourneyMap class).

import {
  explain_rule as rawExplainRule,
  lint_rules as rawLintRules,
  validate_text as rawValidateText,
} from "../pkg/journeymap.js";
import { DOCUMENT_SCHEMA, REPORT_SCHEMA } from "./schemas.js";
import { checkedText, describe, valueText } from "./encoding.js";
import { argumentError, call, JourneyMapError, unlocated } from "./errors.js";
import { JourneyMap } from "./map.js";
import { checkString } from "./options.js";

export { version } from "./load.js";
export { JourneyMapError } from "./errors.js";
export { JourneyMap } from "./map.js";

// ---------------------------------------------------------------------------
// Module functions

/** The JSON Schema (draft 2020-12) of the journey-map document. */
export function schema() {
  return JSON.parse(DOCUMENT_SCHEMA);
}

/**
 * Every invariant violation of a document, given as JSON text (string or
 * UTF-8 bytes) or as a document object; `[]` when it is a valid map. Never
 * throws for a bad document: every problem is an item of the list.
 */
export function validate(input) {
  let text;
  let located = true;
  try {
    if (typeof input === "string" || input instanceof Uint8Array) {
      text = checkedText(input, "validate");
    } else {
      text = valueText(input);
      located = false;
    }
  } catch (e) {
    if (e instanceof JourneyMapError) return e.errors;
    throw e;
  }
  const errors = JSON.parse(call(() => rawValidateText(text)));
  return located ? errors : errors.map(unlocated);
}

/** The differences from `oldMap` to `newMap` (same as `oldMap.diff(newMap)`). */
export function diff(oldMap, newMap) {
  if (!(oldMap instanceof JourneyMap)) {
    throw argumentError(`diff expects two JourneyMaps, got ${describe(oldMap)}`);
  }
  return oldMap.diff(newMap);
}

/**
 * The journey report of an event log against a map (same as
 * `map.analyze(events, options)`).
 *
 * `events`: an array of event objects `{customer_id, timestamp, touchpoint?,
 * event?, channel?, attributes?, value?, score?, segment?}` (other keys are
 * raw attributes too), or event-log text as a string or UTF-8 bytes: CSV
 * with a header (default), TSV or JSON Lines (`inputFormat`), with the same
 * field names. Timestamps are epoch milliseconds, date-time strings or
 * `Date`s.
 *
 * A bad row throws a `JourneyMapError` with the row's code (`BAD_TIMESTAMP`,
 * `UNKNOWN_TOUCHPOINT`, ...), `row` (1-based; for an array, the index + 1),
 * `field`, and `line` (text) or `path` (array); with `onBadRow: "skip"` bad
 * rows are skipped and counted in `report.ingest`.
 */
export function analyze(map, events, options) {
  if (!(map instanceof JourneyMap)) {
    throw argumentError(`analyze expects a JourneyMap first, got ${describe(map)}`);
  }
  return map.analyze(events, options);
}

/**
 * The journey report of an event log that arrives over time (same as
 * `map.analyzeAsync(events, options)`): a `Blob`/`File`, a `ReadableStream`
 * of `Uint8Array` chunks, a `Response`, or anything `analyze` takes.
 */
export async function analyzeAsync(map, events, options) {
  if (!(map instanceof JourneyMap)) {
    throw argumentError(`analyzeAsync expects a JourneyMap first, got ${describe(map)}`);
  }
  return map.analyzeAsync(events, options);
}

/** The lint rule catalogue, in code order. */
export function lintRules() {
  return JSON.parse(call(() => rawLintRules()));
}

/**
 * The documentation of a lint rule, by code (`JM-L003`) or name
 * (`dead-end`), in any letter case, as plain text. `INVALID_VALUE` for a
 * rule that does not exist.
 */
export function explainRule(rule) {
  const key = checkString(rule, "rule");
  return call(() => rawExplainRule(key));
}

/** The JSON Schema (draft 2020-12) of the journey report `analyze` returns. */
export function reportSchema() {
  return JSON.parse(REPORT_SCHEMA);
}
