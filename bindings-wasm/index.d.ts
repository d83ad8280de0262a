// Types of the journeymap package entry point (index.js).
// The document types (JourneyDocument, Touchpoint, ...) are generated from the
// JSON Schema into types.d.ts.

import type {
  Channel,
  JourneyDocument,
  JsonValue,
  Metadata,
  Objective,
  Persona,
  Stage,
  Team,
  Touchpoint,
  Transition,
} from "./types.js";

export type * from "./types.js";

declare global {
  // `Symbol.dispose` (explicit resource management) for projects whose
  // TypeScript lib does not declare it yet; the same declaration as
  // lib.esnext.disposable and @types/node.
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
}

/** Version of the journeymap library inside this package. */
export declare const version: string;

/**
 * Stable error codes. All but the last two come from the core library and
 * are the same in Rust, Python, the CLI and here; `INVALID_ARGUMENT` (an
 * argument of the wrong JavaScript type) and `FREED` (a map used after
 * `free()`) belong to this binding.
 */
export type ErrorCode =
  | "JSON_SYNTAX"
  | "JSON_TYPE"
  | "UNKNOWN_FIELD"
  | "MISSING_FIELD"
  | "UNSUPPORTED_FORMAT_VERSION"
  | "INVALID_ID"
  | "EMPTY_NAME"
  | "DUPLICATE_ID"
  | "DANGLING_REFERENCE"
  | "EMOTION_OUT_OF_RANGE"
  | "NO_STAGES"
  | "SELF_TRANSITION"
  | "DUPLICATE_TRANSITION"
  | "INVALID_VALUE"
  | "LIMIT_EXCEEDED"
  | "NOT_FOUND"
  | "IN_USE"
  | "STAGE_NOT_EMPTY"
  | "IO"
  | "MERMAID_SYNTAX"
  | "INVALID_MAP"
  | "INVALID_ARGUMENT"
  | "FREED";

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
  /** 1-based line in the JSON text (only for text input). */
  line?: number;
  /** 1-based column in the JSON text (only for text input). */
  column?: number;
}

/**
 * Every failure of this package. For `INVALID_MAP` (several invariant
 * violations at once) `path` and `id` are those of the first violation and
 * `errors` lists them all; otherwise `errors` holds this error alone.
 */
export declare class JourneyMapError extends Error {
  constructor(info: ErrorInfo & { errors?: ErrorInfo[] });
  readonly name: "JourneyMapError";
  readonly code: ErrorCode;
  readonly path: string | undefined;
  readonly id: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
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
 */
export declare class JourneyMap {
  /** Builds and checks a map from a document object (as `JourneyMap.fromObject`). */
  constructor(document: JourneyDocument);

  /**
   * Parses and checks a map from JSON text. Throws `JSON_SYNTAX` (with line
   * and column), `JSON_TYPE`, `UNKNOWN_FIELD`, `MISSING_FIELD` (with path,
   * line and column), `UNSUPPORTED_FORMAT_VERSION`, `LIMIT_EXCEEDED`, or
   * `INVALID_MAP`/a single invariant code listing every violation.
   */
  static fromJSON(text: JsonText): JourneyMap;
  /** Builds and checks a map from a document object; errors carry paths, not lines. */
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

  readonly [Symbol.toStringTag]: "JourneyMap";
}

/** The JSON Schema (draft 2020-12) of the journey-map document. */
export declare function schema(): { [key: string]: JsonValue };

/**
 * Every invariant violation of a document given as JSON text or as a
 * document object; `[]` when it is a valid map. Never throws for a bad
 * document: every problem is an item of the list.
 */
export declare function validate(input: JsonText | JourneyDocument | JsonValue): ErrorInfo[];
