// The journey-map document (format version 1) as TypeScript types.
// Generated from schema/journey-map.schema.json by scripts/gen-types.mjs: do not edit,
// run `node scripts/gen-types.mjs` after the schema changes.
//
// Optional properties may be given as `null` (read as absent); the library
// never returns `null` for them, it leaves them out.

/** Any JSON value (free key/value attributes). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A customer journey map (journeymap format version 1). */
export interface JourneyDocument {
  /** Where customers meet the business. */
  channels?: Channel[];
  /** Free text description. */
  description?: string | null;
  /**
   * Document format version; this library reads and writes version 1.
   *
   * An integer. From 1 to 1.
   * @default 1
   */
  format_version?: number;
  /** Authorship, dates, tags, lint settings. */
  metadata?: Metadata;
  /**
   * Title of the map (non-empty).
   *
   * Pattern: `\S`.
   */
  name: string;
  /** What the map is for. */
  objectives?: Objective[];
  /** Who the customers are. */
  personas?: Persona[];
  /** The phases of the journey, in order (at least one). */
  stages: Stage[];
  /** Who owns the steps. */
  teams?: Team[];
  /** The steps of the journey. */
  touchpoints?: Touchpoint[];
  /** Planned moves between touchpoints. */
  transitions?: Transition[];
}

/** A channel: website, email, store, phone line, ... */
export interface Channel {
  /** Free text description. */
  description?: string | null;
  /** Unique channel id. */
  id: ChannelId;
  /** The kind of channel. */
  kind: ChannelKind;
  /**
   * Human-readable name (non-empty).
   *
   * Pattern: `\S`.
   */
  name: string;
}

/**
 * Identifier of a channel (unique among them).
 *
 * Pattern: `^[A-Za-z0-9][A-Za-z0-9_.-]*$`.
 */
export type ChannelId = string;

/**
 * What kind of channel a channel is. Omnichannel journeys mix them.
 *
 * - `digital`: Websites, apps, email, social media, ads.
 * - `physical`: Stores, branches, packaging, delivery.
 * - `human`: People: phone lines, sales reps, support agents.
 * - `other`: Anything else (print, broadcast, ...).
 */
export type ChannelKind = "digital" | "physical" | "human" | "other";

/**
 * What counts as converting for an objective: reaching a touchpoint, or
 * reaching any touchpoint of a stage.
 */
export type ConversionTarget = {
  touchpoint: TouchpointId;
} | {
  stage: StageId;
};

/**
 * What the customer feels at a touchpoint.
 *
 * `score` runs from -2 (very negative) to 2 (very positive); a score outside
 * that range is an invariant error.
 */
export interface Emotion {
  /** A word for the feeling ("confused", "delighted"). */
  label?: string | null;
  /**
   * -2 very negative, -1 negative, 0 neutral, 1 positive, 2 very positive.
   *
   * An integer. From -2 to 2.
   */
  score: number;
}

/** Research or data that backs a step of the map. */
export interface Evidence {
  /** Kind of evidence (interview, survey, analytics, support tickets, ...). */
  kind?: string | null;
  /** What it shows. */
  note?: string | null;
  /**
   * Where the evidence comes from (non-empty).
   *
   * Pattern: `\S`.
   */
  source: string;
  /** Link to the material. */
  url?: string | null;
}

/** A KPI: a named measure, optionally with a target and a unit. */
export interface Kpi {
  /**
   * What is measured (non-empty).
   *
   * Pattern: `\S`.
   */
  name: string;
  /** The value aimed for. */
  target?: number | null;
  /** Unit of the value (%, EUR, days, ratio, ...). */
  unit?: string | null;
}

/** Per-map lint settings. */
export interface LintSettings {
  /** Rule codes turned off for this map. */
  disable?: string[];
  /**
   * Days after `last_reviewed` before the map counts as stale.
   *
   * An integer. At least 0.
   */
  max_review_age_days?: number | null;
  /** Severity overrides, by rule code. */
  severity?: {
    [key: string]: LintSeverity;
  };
}

/**
 * Severity a lint rule reports with.
 *
 * - `info`: Worth knowing.
 * - `warning`: Should be looked at.
 * - `error`: Must be fixed.
 */
export type LintSeverity = "info" | "warning" | "error";

/**
 * A rule that maps a raw event (from a CRM or analytics export) to this
 * touchpoint. All the conditions given must hold; a rule must give at least
 * one condition.
 */
export type MatchRule = {
  /** Each attribute must start with the given prefix. */
  attribute_prefixes?: {
    [key: string]: string;
  };
  /** Each attribute must equal the given value. */
  attributes?: {
    [key: string]: string;
  };
  /** The raw channel field of the event must equal this. */
  channel?: string | null;
  /** The event name must equal this. */
  event?: string | null;
  /** The event name must start with this. */
  event_prefix?: string | null;
} & ({
  event: string;
} | {
  event_prefix: string;
} | {
  channel: string;
} | {
  attributes: {
    [key: string]: JsonValue;
  };
} | {
  attribute_prefixes: {
    [key: string]: JsonValue;
  };
});

/** What the business says at a touchpoint, for consistency checks. */
export interface Message {
  /** What the message is for (inform, persuade, reassure, ...). */
  purpose?: string | null;
  /** Tone of voice (friendly, formal, urgent, ...). */
  tone?: string | null;
}

/**
 * Metadata about the map.
 *
 * Dates are calendar dates `YYYY-MM-DD`; a malformed date is refused when the
 * map is built.
 */
export interface Metadata {
  /** Who wrote the map. */
  authors?: string[];
  /**
   * When the map was created (YYYY-MM-DD).
   *
   * Pattern: `^\d{4}-\d{2}-\d{2}$`. Format: date.
   */
  created?: string | null;
  /** Free key/values. */
  extra?: {
    [key: string]: JsonValue;
  };
  /**
   * When the map was last checked against reality (YYYY-MM-DD).
   *
   * Pattern: `^\d{4}-\d{2}-\d{2}$`. Format: date.
   */
  last_reviewed?: string | null;
  /** Lint settings for this map. */
  lint?: LintSettings;
  /** Free tags. */
  tags?: string[];
  /**
   * When the map was last changed (YYYY-MM-DD).
   *
   * Pattern: `^\d{4}-\d{2}-\d{2}$`. Format: date.
   */
  updated?: string | null;
}

/** An objective of the map (reduce cart abandonment, raise retention, ...). */
export interface Objective {
  /** What counts as converting. */
  conversion?: ConversionTarget | null;
  /** Free text description. */
  description?: string | null;
  /** Unique objective id. */
  id: ObjectiveId;
  /** How success is measured. */
  kpis?: Kpi[];
  /**
   * Human-readable name (non-empty).
   *
   * Pattern: `\S`.
   */
  name: string;
}

/**
 * Identifier of an objective (unique among them).
 *
 * Pattern: `^[A-Za-z0-9][A-Za-z0-9_.-]*$`.
 */
export type ObjectiveId = string;

/**
 * Something that could make the experience better, usually addressing pain
 * points (by id, anywhere in the map).
 */
export interface Opportunity {
  /** Pain points this opportunity addresses. */
  addresses?: PainPointId[];
  /**
   * What could be done (non-empty).
   *
   * Pattern: `\S`.
   */
  description: string;
  /** Unique opportunity id (across the whole map). */
  id: OpportunityId;
  /**
   * Where it stands.
   * @default "idea"
   */
  status?: OpportunityStatus;
}

/**
 * Identifier of an opportunity (unique among them).
 *
 * Pattern: `^[A-Za-z0-9][A-Za-z0-9_.-]*$`.
 */
export type OpportunityId = string;

/**
 * Where an opportunity stands.
 *
 * - `idea`: Proposed, not decided.
 * - `planned`: Decided and scheduled.
 * - `in_progress`: Being built.
 * - `done`: Shipped.
 * - `rejected`: Decided against.
 */
export type OpportunityStatus = "idea" | "planned" | "in_progress" | "done" | "rejected";

/** Something that hurts at a touchpoint. */
export interface PainPoint {
  /**
   * What hurts (non-empty).
   *
   * Pattern: `\S`.
   */
  description: string;
  /** Unique pain point id (across the whole map). */
  id: PainPointId;
  /**
   * How much it hurts.
   * @default "medium"
   */
  severity?: Severity;
}

/**
 * Identifier of a pain point (unique among them).
 *
 * Pattern: `^[A-Za-z0-9][A-Za-z0-9_.-]*$`.
 */
export type PainPointId = string;

/** A persona: an archetype of the customer whose journey the map follows. */
export interface Persona {
  /** Observed habits and behaviours. */
  behaviours?: string[];
  /** Demographic attributes (age band, location, role, ...). */
  demographics?: {
    [key: string]: JsonValue;
  };
  /** Free text description. */
  description?: string | null;
  /** What annoys them in general (not tied to one touchpoint). */
  frustrations?: string[];
  /** What the persona wants to achieve. */
  goals?: string[];
  /** Unique persona id. */
  id: PersonaId;
  /** URL of a picture of the persona. */
  image?: string | null;
  /** Why they want it. */
  motivations?: string[];
  /**
   * Human-readable name (non-empty).
   *
   * Pattern: `\S`.
   */
  name: string;
  /** Psychographic attributes (values, attitudes, interests, ...). */
  psychographics?: {
    [key: string]: JsonValue;
  };
}

/**
 * Identifier of a persona (unique among them).
 *
 * Pattern: `^[A-Za-z0-9][A-Za-z0-9_.-]*$`.
 */
export type PersonaId = string;

/**
 * How much a pain point hurts.
 *
 * - `low`: Minor annoyance.
 * - `medium`: Noticeable friction.
 * - `high`: Loses customers.
 * - `critical`: Blocks the journey.
 */
export type Severity = "low" | "medium" | "high" | "critical";

/**
 * A stage of the journey. The order of `stages` in the document is the order
 * of the journey.
 */
export interface Stage {
  /** Free text description. */
  description?: string | null;
  /** What the customer wants to achieve in this stage. */
  goal?: string | null;
  /** Unique stage id. */
  id: StageId;
  /** Which common stage this is, if any. */
  kind?: StageKind | null;
  /**
   * Human-readable name (non-empty).
   *
   * Pattern: `\S`.
   */
  name: string;
}

/**
 * Identifier of a stage (unique among them).
 *
 * Pattern: `^[A-Za-z0-9][A-Za-z0-9_.-]*$`.
 */
export type StageId = string;

/**
 * The common kinds of stage. A business may define its own stages with
 * [`StageKind::Custom`] (or leave the kind out).
 *
 * - `awareness`: The customer learns the offer exists.
 * - `consideration`: The customer compares and evaluates.
 * - `purchase`: The customer buys or signs.
 * - `retention`: The customer keeps using and buying.
 * - `advocacy`: The customer recommends.
 * - `custom`: Any other stage a business defines.
 */
export type StageKind = "awareness" | "consideration" | "purchase" | "retention" | "advocacy" | "custom";

/** A team that owns touchpoints. */
export interface Team {
  /** Free text description. */
  description?: string | null;
  /** Unique team id. */
  id: TeamId;
  /**
   * Human-readable name (non-empty).
   *
   * Pattern: `\S`.
   */
  name: string;
}

/**
 * Identifier of a team (unique among them).
 *
 * Pattern: `^[A-Za-z0-9][A-Za-z0-9_.-]*$`.
 */
export type TeamId = string;

/**
 * A touchpoint: one place in one stage, on one channel, where the customer
 * meets the business.
 *
 * Built with [`Touchpoint::new`] and the `with_*` methods:
 */
export interface Touchpoint {
  /** What the customer does here (each non-empty). */
  actions?: string[];
  /** The channel it happens on. */
  channel: ChannelId;
  /** Free text description. */
  description?: string | null;
  /** What the customer feels here. */
  emotion?: Emotion | null;
  /** Research and data that back this step. */
  evidence?: Evidence[];
  /** Unique touchpoint id. */
  id: TouchpointId;
  /** Role in the journey (step, conversion, exit). */
  kind?: TouchpointKind;
  /** How this step is measured. */
  kpis?: Kpi[];
  /** Rules mapping raw events to this touchpoint (any rule may match). */
  match?: MatchRule[];
  /** What the business says here. */
  message?: Message | null;
  /**
   * Human-readable name (non-empty).
   *
   * Pattern: `\S`.
   */
  name: string;
  /** What could be better here. */
  opportunities?: Opportunity[];
  /** The team that owns it. */
  owner?: TeamId | null;
  /** What hurts here. */
  pain_points?: PainPoint[];
  /** Personas that pass here; empty means all personas. */
  personas?: PersonaId[];
  /** The stage this touchpoint belongs to. */
  stage: StageId;
}

/**
 * Identifier of a touchpoint (unique among them).
 *
 * Pattern: `^[A-Za-z0-9][A-Za-z0-9_.-]*$`.
 */
export type TouchpointId = string;

/**
 * The role of a touchpoint in the journey.
 *
 * - `step`: An ordinary step.
 * - `conversion`: Reaching it means the customer converted (bought, signed, renewed...).
 * - `exit`: A planned way out of the journey (unsubscribe, churn, cancel...).
 */
export type TouchpointKind = "step" | "conversion" | "exit";

/**
 * A planned move between two touchpoints. At most one transition per
 * ordered pair `(from, to)`; never from a touchpoint to itself.
 */
export interface Transition {
  /**
   * Share of customers at `from` expected to move to `to` (0..=1).
   *
   * From 0 to 1.
   */
  expected_rate?: number | null;
  /** Touchpoint the customer comes from. */
  from: TouchpointId;
  /** Free text label. */
  label?: string | null;
  /** A deliberate return to an earlier stage (repurchase, renewal). */
  loop?: boolean;
  /** Personas taking this transition; empty means all. */
  personas?: PersonaId[];
  /** Touchpoint the customer goes to. */
  to: TouchpointId;
}
