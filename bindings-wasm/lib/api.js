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

/**
 * @import { AnalysisReport, AnalyzeOptions, AnalyzeOptionsWithFields, ErrorInfo, EventLogSource, EventLogText,
 *   EventObject, EventRecord, JourneyDocument, JsonText, JsonValue, LintRule, LintRuleId, MapDiff } from "../values.js"
 */

export { version } from "./load.js";
export { JourneyMapError } from "./errors.js";
export { JourneyMap } from "./map.js";

// ---------------------------------------------------------------------------
// Module functions

/**
 * The JSON Schema (draft 2020-12) of the journey-map document.
 *
 * @example
 * ```js
 * import assert from "node:assert/strict";
 * import { schema } from "journeymap";
 * const s = schema();
 * assert.equal(s.title, "Journey map");
 * assert.ok("touchpoints" in s.properties);
 * ```
 *
 * @returns {{ [key: string]: JsonValue }}
 */
export function schema() {
  return JSON.parse(DOCUMENT_SCHEMA);
}

/**
 * Every invariant violation of a document given as JSON text or as a
 * document object; `[]` when it is a valid map. Never throws for a bad
 * document: every problem is an item of the list.
 *
 * @example
 * ```js
 * import assert from "node:assert/strict";
 * import { validate } from "journeymap";
 * assert.deepEqual(validate({ name: "Shop", stages: [{ id: "visit", name: "Visit" }] }), []);
 * assert.deepEqual(
 *   validate({ name: "", stages: [] }).map((e) => [e.code, e.path]),
 *   [["EMPTY_NAME", "/name"], ["NO_STAGES", "/stages"]],
 * );
 * ```
 *
 * @param {JsonText | JourneyDocument | JsonValue} input
 * @returns {ErrorInfo[]}
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

/**
 * The differences from `oldMap` to `newMap` (same as `oldMap.diff(newMap)`).
 *
 * @example
 * ```js
 * import assert from "node:assert/strict";
 * import { JourneyMap, diff } from "journeymap";
 * const before = JourneyMap.fromObject({ name: "Shop", stages: [{ id: "visit", name: "Visit" }] });
 * const after = before.clone();
 * after.addStage({ id: "buy", name: "Buy" });
 * const d = diff(before, after);
 * assert.deepEqual(d.added.map((a) => [a.kind, a.id]), [["stage", "buy"]]);
 * assert.equal(d.stage_order, null);
 * ```
 *
 * @param {JourneyMap} oldMap
 * @param {JourneyMap} newMap
 * @returns {MapDiff}
 */
export function diff(oldMap, newMap) {
  if (!(oldMap instanceof JourneyMap)) {
    throw argumentError(`diff expects two JourneyMaps, got ${describe(oldMap)}`);
  }
  return oldMap.diff(newMap);
}

/**
 * The journey report of an event log against a map: funnel, touchpoints,
 * transitions, path variants, conformance, attribution and segments.
 *
 * `events` is an array of event objects, or event-log text (a string or
 * UTF-8 bytes): CSV with a header by default, TSV or JSON Lines with
 * `inputFormat`. Text names the customer column `customer_id`; an array of
 * events names it `customer` (`fields` changes either). Each event of an
 * array reads exactly as its `JSON.stringify` line would as JSON Lines
 * (plain events are handed over without JSON text; see the README).
 *
 * A bad row throws a `JourneyMapError` whose `code` is the row's
 * (`BAD_TIMESTAMP`, `UNKNOWN_TOUCHPOINT`, `FIELD_COUNT`, ...), with `row`,
 * `field`, and `line` (text) or `path` (`/index/field`, array); with
 * `onBadRow: "skip"` such rows are counted in `report.ingest` instead. A
 * value JSON cannot hold (NaN, a function, a BigInt, ...) in an event is
 * refused with `JSON_TYPE` and its path whatever `onBadRow` says.
 *
 * @example
 * ```js
 * import assert from "node:assert/strict";
 * import { JourneyMap, analyze } from "journeymap";
 * const shop = JourneyMap.fromObject({
 *   name: "Shop",
 *   stages: [{ id: "visit", name: "Visit" }, { id: "buy", name: "Buy" }],
 *   channels: [{ id: "web", name: "Web", kind: "digital" }],
 *   touchpoints: [
 *     { id: "home", name: "Home", stage: "visit", channel: "web" },
 *     { id: "pay", name: "Pay", stage: "buy", channel: "web", kind: "conversion" },
 *   ],
 *   transitions: [{ from: "home", to: "pay" }],
 * });
 * const report = analyze(shop, [
 *   { customer_id: "c1", timestamp: "2026-03-01T09:00:00Z", touchpoint: "home" },
 *   { customer_id: "c1", timestamp: new Date("2026-03-01T09:05:00Z"), touchpoint: "pay", value: 30 },
 *   { customer_id: "c2", timestamp: 1772355600000, touchpoint: "home" },
 *   { customer_id: "c2", timestamp: 1772355660000, event: "chat" },
 * ]);
 * assert.equal(report.totals.conversion_rate, 0.5);
 * assert.deepEqual(report.funnel.stages.map((s) => [s.stage, s.customers, s.dropped]), [
 *   ["visit", 2, 1],
 *   ["buy", 1, 1],
 * ]);
 * assert.equal(report.unknown_events.top[0].name, "chat");
 * assert.throws(() => analyze(shop, [{ customer_id: "c3", timestamp: "noon", touchpoint: "home" }]), {
 *   code: "BAD_TIMESTAMP",
 *   row: 1,
 *   field: "timestamp",
 * });
 * ```
 *
 * @overload
 * @param {JourneyMap} map
 * @param {readonly EventRecord[] | EventLogText} events
 * @param {AnalyzeOptions} [options]
 * @returns {AnalysisReport}
 * @overload
 * @param {JourneyMap} map
 * @param {readonly EventObject[]} events
 * @param {AnalyzeOptionsWithFields} options
 * @returns {AnalysisReport}
 */
export function analyze(map, events, options) {
  if (!(map instanceof JourneyMap)) {
    throw argumentError(`analyze expects a JourneyMap first, got ${describe(map)}`);
  }
  return map.analyze(events, options);
}

/**
 * The journey report of an event log that arrives over time: a `Blob` or
 * `File` (an `<input type="file">`, a drop), a `ReadableStream` of bytes
 * or a `Response`, read chunk by chunk (never as one string), with
 * `onProgress`; also anything `analyze` takes. A `File`'s format is told
 * by its name, as the CLI and Python tell a path's (`.csv`; `.tsv` or
 * `.tab`; `.jsonl` or `.ndjson`; another name is refused with
 * `INVALID_VALUE` at `/inputFormat`) unless `inputFormat` says; other input
 * is CSV unless it says. Rejects with the errors
 * `analyze` throws; bad options reject before anything is read.
 *
 * @example
 * ```js
 * import assert from "node:assert/strict";
 * import { JourneyMap, analyzeAsync } from "journeymap";
 * const shop = JourneyMap.fromObject({
 *   name: "Shop",
 *   stages: [{ id: "visit", name: "Visit" }],
 *   channels: [{ id: "web", name: "Web", kind: "digital" }],
 *   touchpoints: [{ id: "home", name: "Home", stage: "visit", channel: "web", kind: "conversion" }],
 * });
 * const body = new Response("customer_id,timestamp,touchpoint\nc1,2026-03-01T09:00:00Z,home\nc2,noon,home\n").body;
 * const seen = [];
 * const report = await analyzeAsync(shop, body, { onBadRow: "skip", onProgress: (read) => seen.push(read) });
 * assert.deepEqual(report.ingest.skipped, { BAD_TIMESTAMP: 1 });
 * assert.equal(seen.at(-1), 75);
 * ```
 *
 * @overload
 * @param {JourneyMap} map
 * @param {readonly EventRecord[] | EventLogText | EventLogSource} events
 * @param {AnalyzeOptions} [options]
 * @returns {Promise<AnalysisReport>}
 * @overload
 * @param {JourneyMap} map
 * @param {readonly EventObject[]} events
 * @param {AnalyzeOptionsWithFields} options
 * @returns {Promise<AnalysisReport>}
 */
export async function analyzeAsync(map, events, options) {
  if (!(map instanceof JourneyMap)) {
    throw argumentError(`analyzeAsync expects a JourneyMap first, got ${describe(map)}`);
  }
  return map.analyzeAsync(events, options);
}

/**
 * The lint rule catalogue, in code order.
 *
 * @example
 * ```js
 * import assert from "node:assert/strict";
 * import { lintRules } from "journeymap";
 * const rule = lintRules()[3];
 * assert.deepEqual([rule.code, rule.name, rule.default_severity], ["JM-L003", "dead-end", "warning"]);
 * ```
 *
 * @returns {LintRule[]}
 */
export function lintRules() {
  return JSON.parse(call(() => rawLintRules()));
}

/**
 * The documentation of a lint rule (by code or name, any letter case) as
 * plain text; `INVALID_VALUE` for a rule that does not exist.
 *
 * @example
 * ```js
 * import assert from "node:assert/strict";
 * import { explainRule } from "journeymap";
 * assert.ok(explainRule("dead-end").startsWith("JM-L003 dead-end (warning)\n"));
 * assert.throws(() => explainRule("JM-L999"), { code: "INVALID_VALUE" });
 * ```
 *
 * @param {LintRuleId} rule
 * @returns {string}
 */
export function explainRule(rule) {
  const key = checkString(rule, "rule");
  return call(() => rawExplainRule(key));
}

/**
 * The JSON Schema (draft 2020-12) of the journey report.
 *
 * @example
 * ```js
 * import assert from "node:assert/strict";
 * import { reportSchema } from "journeymap";
 * assert.equal(reportSchema().title, "Report");
 * ```
 *
 * @returns {{ [key: string]: JsonValue }}
 */
export function reportSchema() {
  return JSON.parse(REPORT_SCHEMA);
}
