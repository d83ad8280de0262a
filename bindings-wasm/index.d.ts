// Types of the journeymap package entry point (index.js).
// The document types (JourneyDocument, Touchpoint, ...) are generated from the
// JSON Schema into types.d.ts, the report types (Report, Funnel, ...) from the
// report's JSON Schema into report.d.ts.

import type { CoreErrorCode } from "./errors.js";
import type { LintRuleCode, LintRuleId, LintRuleName } from "./lint.js";
import type { Report, RowErrorKind } from "./report.js";

/** A report as `analyze` returns it: the report's data, and `toText()`. */
export type AnalysisReport = Report & {
  /** The report as readable text (`JourneyMap.reportText`); not enumerable, so not in its JSON. */
  toText(options?: TextReportOptions): string;
};

/** Options of the text report. */
export interface TextReportOptions {
  /** How many transitions to list, most frequent first (default 10). */
  top?: number;
}
import type {
  Channel,
  JourneyDocument,
  JsonValue,
  LintSeverity,
  Metadata,
  Objective,
  Persona,
  Stage,
  Team,
  Touchpoint,
  Transition,
} from "./types.js";

export type * from "./errors.js";
export type * from "./lint.js";
export type * from "./report.js";
export type * from "./types.js";

declare global {
  // `Symbol.dispose` (explicit resource management) for projects whose
  // TypeScript lib does not declare it yet; the same declaration as
  // lib.esnext.disposable and @types/node.
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
}

/**
 * A duration: a number of milliseconds, or a whole number and a unit as
 * the CLI and Python take it: `"500ms"`, `"45s"`, `"90m"` (or `"90min"`),
 * `"12h"`, `"30d"`, `"2w"`. Text is read by the core library; anything
 * else throws `INVALID_VALUE` with the option's name as `path`.
 */
export type Duration = number | `${number}${"ms" | "s" | "m" | "min" | "h" | "d" | "w"}`;

/** Version of the journeymap library inside this package. */
export declare const version: string;

/**
 * Stable error codes: the core library's (`CoreErrorCode`, generated from
 * its list, the same in Rust, Python, the CLI and here; the `RowErrorKind`
 * codes among them are those of a refused event-log row) and this
 * binding's three: `INVALID_ARGUMENT` (an argument of the wrong JavaScript
 * type), `FREED` (a map used after `free()`) and `NOT_LOADED`
 * (`journeymap/web` before `init()`).
 */
export type ErrorCode = CoreErrorCode | "INVALID_ARGUMENT" | "FREED" | "NOT_LOADED";

/** One problem, located. Absent parts are left out. */
export interface ErrorInfo {
  /** Stable code, e.g. `DUPLICATE_ID`. */
  code: ErrorCode;
  /** A message a person can act on. */
  message: string;
  /**
   * JSON Pointer to the offending value, e.g. `/touchpoints/3/stage`
   * (`""` = the whole document). For a value handed to a mutation that
   * cannot be read at all, the pointer is relative to that value.
   */
  path?: string;
  /** Id of the offending entity. */
  id?: string;
  /** 1-based line in the JSON, Mermaid or event-log text (only for text input). */
  line?: number;
  /** 1-based column in the JSON or Mermaid text (only for text input). */
  column?: number;
  /**
   * 1-based row of a refused event-log row: the data row of CSV text (0 for
   * the header), the line of JSON Lines, the index + 1 in an array of events.
   */
  row?: number;
  /** The column (CSV) or key (JSON) of a refused event-log row, e.g. `timestamp`. */
  field?: string;
}

/**
 * Every failure of this package. For `INVALID_MAP` (several invariant
 * violations at once) `path` and `id` are those of the first violation and
 * `errors` lists them all; otherwise `errors` holds this error alone.
 *
 * @example
 * ```js
 * import assert from "node:assert/strict";
 * import { JourneyMap, JourneyMapError } from "journeymap";
 * try {
 *   JourneyMap.fromObject({ name: "x", stages: [{ id: "s", name: "" }] });
 * } catch (e) {
 *   assert.ok(e instanceof JourneyMapError);
 *   assert.equal(e.code, "EMPTY_NAME");
 *   assert.equal(e.path, "/stages/0/name");
 * }
 * ```
 */
export declare class JourneyMapError extends Error {
  constructor(info: ErrorInfo & { errors?: ErrorInfo[] });
  readonly name: "JourneyMapError";
  readonly code: ErrorCode;
  readonly path: string | undefined;
  readonly id: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  /** 1-based row of a refused event-log row (see `ErrorInfo.row`). */
  readonly row: number | undefined;
  /** Column or key of a refused event-log row. */
  readonly field: string | undefined;
  /** The individual problems (at least one). */
  readonly errors: ErrorInfo[];
  toJSON(): ErrorInfo & { errors: ErrorInfo[] };
}

/** JSON text: a string, or its UTF-8 bytes (e.g. a Node.js `Buffer`). */
export type JsonText = string | Uint8Array;

/** Options of `JourneyMap.removeStage`. */
export interface RemoveStageOptions {
  /** Also remove the stage's touchpoints and their transitions. */
  cascade?: boolean;
}

// ---------------------------------------------------------------------------
// Lint

/** Kind of entity a location refers to (`map` for the document as a whole). */
export type EntityKind =
  | "map"
  | "persona"
  | "stage"
  | "channel"
  | "team"
  | "touchpoint"
  | "pain_point"
  | "opportunity"
  | "transition"
  | "objective";

/** Where a diagnostic points. */
export interface DiagnosticLocation {
  /** Kind of entity (`map` for something missing from the map as a whole). */
  kind: EntityKind;
  /** Id of the entity; transitions are named `from->to`; absent for the map. */
  id?: string;
  /** JSON Pointer into the document (`""` is the whole document). */
  path: string;
}

/** One finding of the linter. */
export interface Diagnostic {
  /** Stable rule code, e.g. `JM-L003`. */
  code: LintRuleCode;
  /** Stable rule name, e.g. `dead-end`. */
  rule: LintRuleName;
  /** Severity after the map's and the caller's overrides. */
  severity: LintSeverity;
  /** What is wrong, naming the entity by its name and id. */
  message: string;
  /** Where. */
  location: DiagnosticLocation;
  /** What to do about it. */
  hint: string;
}

/** Options of `JourneyMap.lint`. */
export interface LintOptions {
  /**
   * Today's date, for the review-age rules: a `YYYY-MM-DD` string or a
   * `Date` (its UTC calendar date). Default: the current date in UTC.
   * `null`: no date; the date-dependent rules (`JM-L017`, `JM-L019`) do not
   * run. (The core library never reads the clock; this package does, for
   * the default only.)
   */
  today?: string | Date | null;
  /** Rules to turn off, by code or name, in addition to the map's own `metadata.lint.disable`. */
  disable?: readonly LintRuleId[];
  /** Severity overrides by rule code or name; they win over the map's. */
  severity?: { readonly [rule in LintRuleId]?: LintSeverity };
  /** Days after `last_reviewed` before the map counts as overdue (default: the map's, else 180). */
  maxReviewAgeDays?: number;
}

/** The theme a lint rule belongs to. */
export type LintTheme =
  | "configuration"
  | "structure"
  | "insight"
  | "ownership"
  | "audience"
  | "messaging"
  | "objectives"
  | "freshness";

/** One lint rule of the catalogue. */
export interface LintRule {
  /** Stable code, `JM-L` and three digits. */
  code: LintRuleCode;
  /** Stable kebab-case name. */
  name: LintRuleName;
  /** Severity when neither the map nor the caller overrides it. */
  default_severity: LintSeverity;
  /** The theme it belongs to. */
  theme: LintTheme;
  /** One-line summary. */
  summary: string;
  /** Exactly what is checked, and when the rule does not fire. */
  checks: string;
  /** Why it matters in journey-mapping practice. */
  why: string;
  /** What to do about a finding. */
  fix: string;
}

// ---------------------------------------------------------------------------
// Diff

/** Kinds of entity a diff compares. */
export type DiffKind = Exclude<EntityKind, "map">;

/** One field that differs between two versions of an entity (or of the map). */
export interface FieldChange {
  /** JSON Pointer to the field, relative to the entity (or the map). */
  path: string;
  /** The old value; absent when the field was absent. */
  old?: JsonValue;
  /** The new value; absent when the field is now absent. */
  new?: JsonValue;
}

/**
 * An entity present in only one of the two versions, with its JSON value. A
 * touchpoint's value leaves out its pain points and opportunities (entities
 * of their own), whose values gain a `touchpoint` field.
 */
export interface EntityValue {
  kind: DiffKind;
  /** Its id (`from->to` for a transition). */
  id: string;
  value: { [key: string]: JsonValue };
}

/** An entity present in both versions whose value differs. */
export interface EntityChange {
  kind: DiffKind;
  /** Its id (`from->to` for a transition). */
  id: string;
  /** The fields that differ, sorted by path. */
  changes: FieldChange[];
}

/** A touchpoint whose stage changed. */
export interface TouchpointMove {
  id: string;
  from_stage: string;
  to_stage: string;
}

/** The stage order of both versions, reported when it changed. */
export interface StageOrder {
  old: string[];
  new: string[];
}

/**
 * The differences between two versions of a map. Every key is present.
 * Entities are matched by id; within a kind, added and changed entities
 * follow the new document, removed ones the old.
 */
export interface MapDiff {
  /** Changes of the map's own fields (`/name`, `/description`, `/metadata/...`). */
  map: FieldChange[];
  /** Entities only in the new version. */
  added: EntityValue[];
  /** Entities only in the old version. */
  removed: EntityValue[];
  /** Entities in both versions whose values differ. */
  changed: EntityChange[];
  /** Touchpoints whose stage changed (not listed as a `/stage` change). */
  moved: TouchpointMove[];
  /** Set when the stages common to both versions changed relative order. */
  stage_order: StageOrder | null;
}

// ---------------------------------------------------------------------------
// Render

/** A row of the SVG canvas. */
export type SvgLane = "touchpoints" | "actions" | "emotions" | "pain_points" | "opportunities" | "owners";

/** Options of `JourneyMap.toSVG`. */
export interface SvgOptions {
  /** Draw only this persona's journey, and show the persona (`NOT_FOUND` if no persona has this id). */
  persona?: string;
  /** Title shown instead of the map's name (blank: the map's name). */
  title?: string;
  /** The lanes to draw, top to bottom (default: all, in the order of `SvgLane`). */
  lanes?: readonly SvgLane[];
  /** Draw the legend (default true). */
  legend?: boolean;
  /** Width hint of one touchpoint column, in pixels (default 200, clamped to 120..640). */
  columnWidth?: number;
  /** Minimum width of the canvas, in pixels (default 960, at most 20000). */
  minWidth?: number;
  /**
   * A journey report of this map (what `analyze` returns) to overlay: the
   * funnel per stage, reach, conversion rate, exits and mean observed score
   * per touchpoint (a second, dotted series of diamonds on the emotion
   * curve), transitions not in the map and fitness in the header. Figures
   * are matched by id: touchpoints the report does not know are drawn
   * without figures; a report sharing no touchpoint with the map is drawn
   * without figures and said so in the header. An invalid report throws
   * `JSON_TYPE` / `MISSING_FIELD` with a path under `/report`.
   */
  report?: Report | null;
}

/** Options of `JourneyMap.toCSV`. */
export interface CsvExportOptions {
  /**
   * Write text cells as they are. By default cells a spreadsheet would run
   * as a formula (starting with `=`, `+`, `-`, `@`, ...) are prefixed with `'`.
   */
  raw?: boolean;
}

// ---------------------------------------------------------------------------
// Analytics

/** A value of an event's field. */
export type EventFieldValue = JsonValue | Date | undefined;

/**
 * One event of an event log (one interaction of one customer). Either
 * `touchpoint` names a touchpoint of the map, or the raw fields (`event`,
 * `channel`, `attributes` and any other key) are resolved through the
 * touchpoints' `match` rules. `null`, `undefined` and `""` are absent.
 */
export interface EventRecord {
  /** Customer id (a string or an integer). */
  customer_id: string | number;
  /** When: epoch milliseconds (an integer), an RFC 3339 string, or a `Date`. */
  timestamp: number | string | Date;
  /** Touchpoint id; when given, the raw fields are not looked at. */
  touchpoint?: string | null;
  /** Raw event name. */
  event?: string | number | null;
  /** Raw channel name. */
  channel?: string | number | null;
  /** Raw attributes for the `match` rules (numbers and booleans as their JSON text). */
  attributes?: { [name: string]: string | number | boolean | null } | null;
  /** Revenue or other value (at most 10^15 in magnitude). */
  value?: number | string | null;
  /** Survey / CSAT / NPS score, on the report's `scoreScale`. */
  score?: number | string | null;
  /** Segment (or persona) of the customer. */
  segment?: string | number | null;
  /** Any other key is a raw attribute too. */
  [attribute: string]: EventFieldValue;
}

/** An event whose fields are named by `AnalyzeOptions.fields`. */
export interface EventObject {
  [field: string]: EventFieldValue;
}

/** Names of the fields of an event log (CSV header names or object keys). */
export interface EventFieldNames {
  /** Customer id (default `customer_id`, in event objects and in text alike). */
  customer?: string;
  /** Default `timestamp`. */
  timestamp?: string;
  /** Default `touchpoint`. */
  touchpoint?: string;
  /** Default `event`. */
  event?: string;
  /** Default `channel`. */
  channel?: string;
  /** Default `value`. */
  value?: string;
  /** Default `score`. */
  score?: string;
  /** Default `segment`. */
  segment?: string;
}

/** Event-log text: a string, or its UTF-8 bytes (e.g. a Node.js `Buffer`, an `ArrayBuffer`). */
export type EventLogText = string | Uint8Array | ArrayBuffer;

/**
 * Event-log text that arrives over time, read by `analyzeAsync` chunk by
 * chunk: a `Blob` or `File`, a `ReadableStream` of UTF-8 bytes, or a
 * `Response`.
 */
export type EventLogSource = Blob | ReadableStream<Uint8Array> | Response;

/** Options of `analyze`: how the events are read and what the report counts. */
export interface AnalyzeOptions {
  /**
   * Called as event-log text is read (not for arrays): `bytesRead` so far
   * and `totalBytes` (the text's length in bytes, a Blob's size, a
   * Response's Content-Length, or `undefined` for a stream of unknown
   * length). With it, `analyze` hands bytes to the module 1 MiB at a time;
   * `analyzeAsync` calls it after each chunk of a Blob or stream.
   */
  onProgress?: (bytesRead: number, totalBytes: number | undefined) => void;
  /** Format of event-log text: `csv` (default), `tsv` or `jsonl` (JSON Lines). Not for arrays. */
  inputFormat?: "csv" | "tsv" | "jsonl";
  /** Field delimiter of CSV text (one ASCII character, default `,`). */
  delimiter?: string;
  /** Field names, where they differ from the defaults. */
  fields?: EventFieldNames;
  /**
   * The field holding each customer's segment (as `fields.segment`); one funnel per segment.
   * Unlike `fields.segment`, the events must have it: CSV without the column, or events none
   * of which has a value in it, fail with code `MISSING_COLUMN`.
   */
  segmentBy?: string;
  /**
   * How timestamps are written: `auto` (default: ISO 8601 date-times such as
   * `2026-03-01T09:30:00Z`, with a space for the `T`, offsets `+01:00`,
   * `+0100` or `+01`, or none; or integers of epoch time), `rfc3339`
   * (date-times only), `epoch_millis`, `epoch_seconds`, or a strftime-style
   * pattern such as `"%d/%m/%Y %H:%M"` (`%Y %m %b %d %H %M %S %f %z %%`).
   */
  timestampFormat?: "auto" | "rfc3339" | "epoch_millis" | "epoch_seconds" | `${string}%${string}`;
  /**
   * Unit of integer timestamps. Without it an integer is read as
   * milliseconds only if that falls between 1980 and 2099, and is otherwise
   * refused (`BAD_TIMESTAMP`, naming the likely unit): epoch seconds are
   * never read as milliseconds of January 1970.
   */
  timestampUnit?: "s" | "ms" | "us" | "ns";
  /**
   * Zone of date-times written without an offset: `"UTC"` (default) or a
   * fixed offset such as `"+01:00"`. Named zones (`"Europe/Berlin"`) need
   * the time zone database, which this package leaves out to stay small:
   * they are refused (`INVALID_VALUE`); the CLI and Python read them.
   */
  timezone?: string;
  /**
   * A bad row: `fail` (default) throws its `JourneyMapError`; `skip` leaves
   * it out and counts it in `report.ingest` (problems with the whole input,
   * such as a missing column, still throw).
   */
  onBadRow?: "fail" | "skip";
  /**
   * Cut each journey this long after the customer's first event:
   * milliseconds, or a duration as the CLI and Python write it (`"30d"`,
   * `"12h"`, `"90m"`, `"45s"`, `"500ms"`, `"2w"`).
   */
  conversionWindow?: Duration;
  /** Attribution credits only touches at most this long before the conversion (a {@link Duration}). */
  lookbackWindow?: Duration;
  /** Touchpoints whose reach counts as converting (default: the map's conversions). */
  conversions?: readonly string[];
  /** How many path variants and unknown event names the report lists (default 10). */
  topK?: number;
  /** Half-life of the time-decay attribution model (a {@link Duration}; default 7 days). */
  halfLife?: Duration;
  /** Weights of the position-based attribution model (default 0.4 / 0.4). */
  positionWeights?: { first: number; last: number };
  /**
   * How observed scores map onto the emotion scale -2..2: `native`
   * (default), `one_to_five` (CSAT), `zero_to_ten` (NPS) or a range.
   */
  scoreScale?: "native" | "one_to_five" | "zero_to_ten" | { min: number; max: number };
  /** Consecutive events at one touchpoint form one step (default true). */
  collapseRepeats?: boolean;
  /** List every customer with their conformance in `report.customers` (default false). */
  includeCustomers?: boolean;
}

/** `AnalyzeOptions` naming the fields of events that do not use the default names. */
export type AnalyzeOptionsWithFields = AnalyzeOptions & { fields: EventFieldNames };

// ---------------------------------------------------------------------------
// The map

/**
 * A customer journey map whose invariants always hold.
 *
 * Values read from a map are fresh plain objects in the document's shape;
 * changing them does not change the map. Mutations are applied whole or
 * refused with a `JourneyMapError`, leaving the map exactly as it was.
 *
 * The map lives in WebAssembly memory, released when the map is garbage
 * collected, or at once with `free()` (or a `using` declaration).
 *
 * Objects handed in follow `JSON.stringify`: properties set to `undefined`
 * are absent and `toJSON()` is honoured; values JSON cannot hold (functions,
 * BigInts, NaN, Maps, cycles, ...) are refused with `JSON_TYPE` rather than
 * dropped.
 *
 * @example
 * ```js
 * import assert from "node:assert/strict";
 * import { JourneyMap } from "journeymap";
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
 * assert.deepEqual(shop.successors("home").map((t) => t.id), ["pay"]);
 * shop.addTouchpoint({ id: "mail", name: "Promo mail", stage: "visit", channel: "web" });
 * shop.addTransition({ from: "mail", to: "home" });
 * assert.deepEqual(shop.entries().map((t) => t.id), ["mail"]);
 * // A refused mutation leaves the map as it was.
 * assert.throws(() => shop.removeStage("buy"), { code: "STAGE_NOT_EMPTY" });
 * assert.equal(shop.stages.length, 2);
 * shop.free(); // or let the garbage collector release it
 * ```
 */
export declare class JourneyMap {
  /** Builds and checks a map from a document object (as `JourneyMap.fromObject`). */
  constructor(document: JourneyDocument);

  /**
   * Parses and checks a map from JSON text. Throws `JSON_SYNTAX` (with line
   * and column), `JSON_TYPE`, `UNKNOWN_FIELD`, `MISSING_FIELD` (with path,
   * line and column), `UNSUPPORTED_FORMAT_VERSION`, `LIMIT_EXCEEDED`, or
   * `INVALID_MAP`/a single invariant code listing every violation.
   *
   * @example
   * ```js
   * import assert from "node:assert/strict";
   * import { JourneyMap } from "journeymap";
   * const map = JourneyMap.fromJSON('{"name": "Shop", "stages": [{"id": "visit", "name": "Visit"}]}');
   * assert.equal(map.stages[0].id, "visit");
   * assert.throws(() => JourneyMap.fromJSON('{"name": "x", "stages": oops}'), {
   *   code: "JSON_SYNTAX",
   *   line: 1,
   *   column: 25,
   * });
   * ```
   */
  static fromJSON(text: JsonText): JourneyMap;
  /**
   * Builds and checks a map from a document object; errors carry paths, not lines.
   *
   * @example
   * ```js
   * import assert from "node:assert/strict";
   * import { JourneyMap } from "journeymap";
   * const map = JourneyMap.fromObject({ name: "Shop", stages: [{ id: "visit", name: "Visit" }] });
   * assert.equal(map.name, "Shop");
   * assert.throws(() => JourneyMap.fromObject({ name: "Shop", stages: [{ id: "visit" }] }), {
   *   code: "MISSING_FIELD",
   *   path: "/stages/0/name",
   * });
   * ```
   */
  static fromObject(document: JourneyDocument): JourneyMap;

  /** Releases the WebAssembly memory now. Idempotent; the map is unusable after it (`FREED`). */
  free(): void;
  [Symbol.dispose](): void;
  /** Whether `free()` was called. */
  readonly freed: boolean;
  /** An independent copy. */
  clone(): JourneyMap;

  /** The document (so `JSON.stringify(map)` writes it). */
  toJSON(): JourneyDocument;
  /**
   * The document as JSON text: compact by default; `indent` is a number of
   * spaces (0 to 10) or a whitespace string of at most 10 characters.
   */
  toJSONString(indent?: number | string): string;

  /** Title of the map. */
  readonly name: string;
  /** Description of the map, if any. */
  readonly description: string | undefined;
  /** Format version of the document (1). */
  readonly formatVersion: number;
  /** Personas, in document order. */
  readonly personas: Persona[];
  /** Stages, in journey order. */
  readonly stages: Stage[];
  /** Channels, in document order. */
  readonly channels: Channel[];
  /** Teams, in document order. */
  readonly teams: Team[];
  /** Touchpoints, in document order. */
  readonly touchpoints: Touchpoint[];
  /** Transitions, in document order. */
  readonly transitions: Transition[];
  /** Objectives, in document order. */
  readonly objectives: Objective[];
  /** Metadata (`{}` when there is none). */
  readonly metadata: Metadata;

  /** The persona with this id, or `undefined`. */
  persona(id: string): Persona | undefined;
  /** The stage with this id, or `undefined`. */
  stage(id: string): Stage | undefined;
  /** The channel with this id, or `undefined`. */
  channel(id: string): Channel | undefined;
  /** The team with this id, or `undefined`. */
  team(id: string): Team | undefined;
  /** The touchpoint with this id, or `undefined`. */
  touchpoint(id: string): Touchpoint | undefined;
  /** The objective with this id, or `undefined`. */
  objective(id: string): Objective | undefined;
  /** The transition from `from` to `to`, or `undefined`. */
  transition(from: string, to: string): Transition | undefined;
  /** Position of a stage in the journey (0 = first), or `undefined`. */
  stagePosition(id: string): number | undefined;

  /** Touchpoints of a stage, in document order. Throws `NOT_FOUND` for an unknown stage. */
  touchpointsInStage(stageId: string): Touchpoint[];
  /**
   * Touchpoints a persona passes (those listing it, and those listing no
   * persona), in document order. Throws `NOT_FOUND` for an unknown persona.
   */
  touchpointsForPersona(personaId: string): Touchpoint[];
  /** Touchpoints one transition away, in transition order. Throws `NOT_FOUND` for an unknown touchpoint. */
  successors(touchpointId: string): Touchpoint[];
  /** Touchpoints with a transition into this one, in transition order. Throws `NOT_FOUND` for an unknown touchpoint. */
  predecessors(touchpointId: string): Touchpoint[];
  /** Entry touchpoints: no transition leads into them, apart from loops. */
  entries(): Touchpoint[];
  /** Conversion touchpoints: of kind `conversion`, or named by an objective's conversion. */
  conversions(): Touchpoint[];
  /**
   * The sub-journey of one persona: the touchpoints it passes and the
   * transitions between them that apply to it; itself a valid map.
   */
  personaJourney(personaId: string): JourneyMap;
  /** A short human-readable overview. */
  summary(): string;
  /** Every invariant violation: always `[]`, a map cannot be invalid. */
  validate(): ErrorInfo[];

  /** Adds a persona. */
  addPersona(persona: Persona): void;
  /** Replaces the persona with the same id (`NOT_FOUND` if none). */
  updatePersona(persona: Persona): void;
  /** Removes a persona and returns it; `IN_USE` while a touchpoint or transition lists it. */
  removePersona(id: string): Persona;

  /** Adds a stage as the last stage. */
  addStage(stage: Stage): void;
  /** Replaces the stage with the same id (`NOT_FOUND` if none). */
  updateStage(stage: Stage): void;
  /** Inserts a stage at `position` (0 = first; past the end appends). */
  insertStage(position: number, stage: Stage): void;
  /** Puts the stages in a new order; `ids` must list every stage id exactly once (`INVALID_VALUE`). */
  reorderStages(ids: readonly string[]): void;
  /**
   * Removes a stage and returns it. A stage with touchpoints is refused with
   * `STAGE_NOT_EMPTY` unless `{cascade: true}`; `IN_USE` if an objective
   * converts on it; `NO_STAGES` for the last stage.
   */
  removeStage(id: string, options?: RemoveStageOptions): Stage;

  /** Adds a channel. */
  addChannel(channel: Channel): void;
  /** Replaces the channel with the same id (`NOT_FOUND` if none). */
  updateChannel(channel: Channel): void;
  /** Removes a channel and returns it; `IN_USE` while a touchpoint is on it. */
  removeChannel(id: string): Channel;

  /** Adds a team. */
  addTeam(team: Team): void;
  /** Replaces the team with the same id (`NOT_FOUND` if none). */
  updateTeam(team: Team): void;
  /** Removes a team and returns it; `IN_USE` while it owns a touchpoint. */
  removeTeam(id: string): Team;

  /** Adds a touchpoint. */
  addTouchpoint(touchpoint: Touchpoint): void;
  /** Replaces the touchpoint with the same id (`NOT_FOUND` if none). */
  updateTouchpoint(touchpoint: Touchpoint): void;
  /**
   * Removes a touchpoint with every transition into or out of it and returns
   * it; `IN_USE` if an objective converts on it.
   */
  removeTouchpoint(id: string): Touchpoint;

  /** Adds an objective. */
  addObjective(objective: Objective): void;
  /** Replaces the objective with the same id (`NOT_FOUND` if none). */
  updateObjective(objective: Objective): void;
  /** Removes an objective and returns it. */
  removeObjective(id: string): Objective;

  /** Adds a transition (refused for a self-transition, a duplicate or a dangling end). */
  addTransition(transition: Transition): void;
  /** Replaces the transition with the same `from` and `to` (`NOT_FOUND` if none). */
  updateTransition(transition: Transition): void;
  /** Removes the transition from `from` to `to` and returns it. */
  removeTransition(from: string, to: string): Transition;

  /** Renames the map (`EMPTY_NAME` for a blank name). */
  setName(name: string): void;
  /** Replaces the metadata (dates are checked). */
  setMetadata(metadata: Metadata): void;

  /**
   * Lints the map against journey-mapping practice: every finding of the
   * enabled rules, ordered by rule code, then by location in the document.
   * `today` defaults to the current date in UTC. A rule the options name
   * that does not exist is refused (`INVALID_VALUE` with path `/disable/N`
   * or `/severity/<rule>`; several at once: `INVALID_MAP`); unknown rules in
   * the map's own `metadata.lint` are reported as `JM-L000` diagnostics.
   *
   * @example
   * ```js
   * import assert from "node:assert/strict";
   * import { JourneyMap } from "journeymap";
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
   * const first = shop.lint()[0];
   * assert.equal(first.code, "JM-L007");
   * assert.equal(first.rule, "touchpoint-without-owner");
   * assert.deepEqual(first.location, { kind: "touchpoint", id: "home", path: "/touchpoints/0" });
   * const quiet = shop.lint({ disable: ["touchpoint-without-owner"] });
   * assert.ok(!quiet.some((d) => d.code === "JM-L007"));
   * ```
   */
  lint(options?: LintOptions): Diagnostic[];
  /**
   * The differences from this map (the old version) to `newer`.
   *
   * @example
   * ```js
   * import assert from "node:assert/strict";
   * import { JourneyMap } from "journeymap";
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
   * const newer = shop.clone();
   * newer.updateTouchpoint({ id: "home", name: "Home page", stage: "visit", channel: "web" });
   * assert.deepEqual(shop.diff(newer).changed, [
   *   { kind: "touchpoint", id: "home", changes: [{ path: "/name", old: "Home", new: "Home page" }] },
   * ]);
   * ```
   */
  diff(newer: JourneyMap): MapDiff;

  /**
   * The journey canvas as a self-contained SVG document: deterministic, no
   * script or external reference, every text escaped. `NOT_FOUND` for an
   * unknown persona, `INVALID_VALUE` (path `/lanes/N`) for an unknown lane.
   * With `report`, the report's figures are overlaid (see `SvgOptions`).
   *
   * @example
   * ```js
   * import assert from "node:assert/strict";
   * import { JourneyMap } from "journeymap";
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
   * const svg = shop.toSVG({ title: "Shop <Q3>", lanes: ["touchpoints", "emotions"] });
   * assert.ok(svg.startsWith("<?xml"));
   * assert.ok(svg.includes("Shop &lt;Q3&gt;")); // user text is escaped
   * ```
   */
  toSVG(options?: SvgOptions): string;
  /**
   * The Mermaid `journey` diagram (emotion scores -2..2 written as 1..5).
   *
   * @example
   * ```js
   * import assert from "node:assert/strict";
   * import { JourneyMap } from "journeymap";
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
   * assert.equal(shop.toMermaid(), "journey\n  title Shop\n  section Visit\n    Home: 3\n  section Buy\n    Pay: 3\n");
   * ```
   */
  toMermaid(): string;
  /** The Mermaid `flowchart LR` of the touchpoint graph. */
  toMermaidFlowchart(): string;
  /** The Graphviz DOT text of the touchpoint graph. */
  toDOT(): string;
  /**
   * The touchpoints as CSV (one row each, with a header).
   *
   * @example
   * ```js
   * import assert from "node:assert/strict";
   * import { JourneyMap } from "journeymap";
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
   * const [header, ...rows] = shop.toCSV().trimEnd().split("\n");
   * assert.deepEqual(header.split(",").slice(0, 3), ["stage_order", "stage_id", "stage_name"]);
   * assert.equal(rows.length, 2);
   * ```
   */
  toCSV(options?: CsvExportOptions): string;
  /**
   * Reads a Mermaid `journey` diagram into a map: sections become stages,
   * tasks touchpoints chained by transitions, actors personas, scores 1..5
   * emotions -2..2. Malformed text throws `MERMAID_SYNTAX` with `line` and
   * `column`.
   *
   * @example
   * ```js
   * import assert from "node:assert/strict";
   * import { JourneyMap } from "journeymap";
   * const map = JourneyMap.fromMermaid("journey\n  title Morning\n  section Home\n    Make tea: 5: Me\n");
   * assert.equal(map.name, "Morning");
   * assert.equal(map.touchpoints[0].emotion.score, 2);
   * ```
   */
  static fromMermaid(text: JsonText): JourneyMap;

  /**
   * The journey report of an event log against this map (see `analyze`).
   *
   * @example
   * ```js
   * import assert from "node:assert/strict";
   * import { JourneyMap } from "journeymap";
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
   * const csv = "customer_id,timestamp,touchpoint\nc1,2026-03-01T09:00:00Z,home\nc1,2026-03-01T09:05:00Z,pay\n";
   * assert.equal(shop.analyze(csv).totals.converted_customers, 1);
   * ```
   */
  analyze(events: readonly EventRecord[] | EventLogText, options?: AnalyzeOptions): AnalysisReport;
  analyze(events: readonly EventObject[], options: AnalyzeOptionsWithFields): AnalysisReport;

  /**
   * The journey report of an event log that arrives over time (see
   * `analyzeAsync`).
   *
   * @example
   * ```js
   * import assert from "node:assert/strict";
   * import { JourneyMap } from "journeymap";
   * const shop = JourneyMap.fromObject({
   *   name: "Shop",
   *   stages: [{ id: "visit", name: "Visit" }],
   *   channels: [{ id: "web", name: "Web", kind: "digital" }],
   *   touchpoints: [{ id: "home", name: "Home", stage: "visit", channel: "web", kind: "conversion" }],
   * });
   * const file = new Blob(["customer_id,timestamp,touchpoint\nc1,2026-03-01T09:00:00Z,home\n"]);
   * const report = await shop.analyzeAsync(file, { onProgress: (read, total) => console.log(`${read} of ${total} bytes`) });
   * assert.equal(report.totals.converted_customers, 1);
   * ```
   */
  analyzeAsync(events: readonly EventRecord[] | EventLogText | EventLogSource, options?: AnalyzeOptions): Promise<AnalysisReport>;
  analyzeAsync(events: readonly EventObject[], options: AnalyzeOptionsWithFields): Promise<AnalysisReport>;
  /**
   * The report as readable text: totals, funnel, segments, touchpoints, the
   * `top` (default 10) transitions, variants, conformance and attribution in
   * aligned tables, the same text as the CLI's `journeymap analyze --format
   * text` and Python's `str(report)`. `report` is a report of this map (an
   * object, or its JSON text).
   */
  reportText(report: Report | string, options?: TextReportOptions): string;

  readonly [Symbol.toStringTag]: "JourneyMap";
}

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
 */
export declare function schema(): { [key: string]: JsonValue };

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
 */
export declare function validate(input: JsonText | JourneyDocument | JsonValue): ErrorInfo[];

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
 */
export declare function diff(oldMap: JourneyMap, newMap: JourneyMap): MapDiff;

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
 */
export declare function analyze(
  map: JourneyMap,
  events: readonly EventRecord[] | EventLogText,
  options?: AnalyzeOptions,
): AnalysisReport;
export declare function analyze(map: JourneyMap, events: readonly EventObject[], options: AnalyzeOptionsWithFields): AnalysisReport;

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
 */
export declare function analyzeAsync(
  map: JourneyMap,
  events: readonly EventRecord[] | EventLogText | EventLogSource,
  options?: AnalyzeOptions,
): Promise<AnalysisReport>;
export declare function analyzeAsync(map: JourneyMap, events: readonly EventObject[], options: AnalyzeOptionsWithFields): Promise<AnalysisReport>;

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
 */
export declare function lintRules(): LintRule[];

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
 */
export declare function explainRule(rule: LintRuleId): string;

/**
 * The JSON Schema (draft 2020-12) of the journey report.
 *
 * @example
 * ```js
 * import assert from "node:assert/strict";
 * import { reportSchema } from "journeymap";
 * assert.equal(reportSchema().title, "Report");
 * ```
 */
export declare function reportSchema(): { [key: string]: JsonValue };
