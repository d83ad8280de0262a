// The values the journeymap package takes and gives: options, errors,
// diagnostics, diffs, events. The API (the JourneyMap class and the module
// functions) is declared by the JSDoc of lib/*.js, from which
// scripts/gen-api-types.mjs generates index.d.ts, web.d.ts and lib/*.d.ts.
// The document types (JourneyDocument, Touchpoint, ...) are generated from
// the JSON Schema into types.d.ts, the report types (Report, Funnel, ...)
// from the report's JSON Schema into report.d.ts.

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

// `using map = ...`: the map's `[Symbol.dispose]` is set at run time where
// the runtime has `Symbol.dispose` (lib/map.js), so it is declared here.
declare module "./lib/map.js" {
  interface JourneyMap {
    /** Releases the WebAssembly memory (as `free()`), e.g. at the end of a `using` block. */
    [Symbol.dispose](): void;
  }
}
