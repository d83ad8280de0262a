// Type-checked (never run) by tests/types.test.mjs with `tsc --noEmit`: the
// package's types must be precise enough for this to compile, and the lines
// marked @ts-expect-error must be errors.
import {
  JourneyMap,
  JourneyMapError,
  schema,
  validate,
  version,
  type Channel,
  type ErrorCode,
  type ErrorInfo,
  type JourneyDocument,
  type JsonValue,
  type MatchRule,
  type Metadata,
  type Persona,
  type Stage,
  type Touchpoint,
  type Transition,
} from "journeymap";

const doc: JourneyDocument = {
  name: "Typed shop",
  stages: [{ id: "visit", name: "Visit", kind: "awareness" }],
  channels: [{ id: "web", name: "Website", kind: "digital" }],
  touchpoints: [
    {
      id: "home",
      name: "Home",
      stage: "visit",
      channel: "web",
      emotion: { score: 1, label: "curious" },
      pain_points: [{ id: "pp", description: "Slow", severity: "high" }],
      opportunities: [{ id: "op", description: "Faster", addresses: ["pp"], status: "in_progress" }],
      match: [{ event: "page_view", attribute_prefixes: { path: "/" } }],
      kind: "step",
    },
  ],
  metadata: { tags: ["t"], extra: { anything: [1, "two", { three: null }] }, lint: { severity: { "JM-L001": "warning" } } },
};

const map: JourneyMap = JourneyMap.fromObject(doc);
const fromText: JourneyMap = JourneyMap.fromJSON(JSON.stringify(doc));
const fromBytes: JourneyMap = JourneyMap.fromJSON(new TextEncoder().encode("{}"));
const constructed: JourneyMap = new JourneyMap(doc);

const name: string = map.name;
const description: string | undefined = map.description;
const formatVersion: number = map.formatVersion;
const stages: Stage[] = map.stages;
const touchpoints: Touchpoint[] = map.touchpoints;
const channels: Channel[] = map.channels;
const personas: Persona[] = map.personas;
const transitions: Transition[] = map.transitions;
const metadata: Metadata = map.metadata;
const maybe: Touchpoint | undefined = map.touchpoint("home");
const position: number | undefined = map.stagePosition("visit");
const next: Touchpoint[] = map.successors("home");
const sub: JourneyMap = map.personaJourney("p");
const text: string = map.summary();
const document: JourneyDocument = map.toJSON();
const json: string = map.toJSONString(2);
const issues: ErrorInfo[] = map.validate();
const removed: Stage = map.removeStage("visit", { cascade: true });
const removedTransition: Transition = map.removeTransition("a", "b");
map.insertStage(0, { id: "first", name: "First" });
map.reorderStages(["first", "visit"]);
map.addTransition({ from: "home", to: "pay", expected_rate: 0.5, loop: false });
map.setMetadata({ authors: ["Ada"], last_reviewed: "2026-11-01" });
map.free();
{
  using disposable = JourneyMap.fromObject(doc);
  disposable.name;
}

const report: ErrorInfo[] = validate(doc);
validate("{}");
validate(new Uint8Array());
const s: { [key: string]: JsonValue } = schema();
const v: string = version;

try {
  map.addStage({ id: "x", name: "X" });
} catch (e) {
  if (e instanceof JourneyMapError) {
    const code: ErrorCode = e.code;
    const path: string | undefined = e.path;
    const line: number | undefined = e.line;
    const all: ErrorInfo[] = e.errors;
    const asError: Error = e;
    void [code, path, line, all, asError];
  }
}

const rule: MatchRule = { channel: "email" };

// Precision: each of these must be a type error.
// @ts-expect-error a touchpoint lookup may be undefined
map.touchpoint("home").name;
// @ts-expect-error unknown channel kind
const badChannel: Channel = { id: "c", name: "C", kind: "teleport" };
// @ts-expect-error a stage needs a name
map.addStage({ id: "x" });
// @ts-expect-error unknown property (the schema forbids additional properties)
map.addTeam({ id: "t", name: "T", colour: "red" });
// @ts-expect-error emotion score is a number
const badTouchpoint: Touchpoint = { id: "t", name: "T", stage: "s", channel: "c", emotion: { score: "high" } };
// @ts-expect-error a match rule needs at least one condition
const emptyRule: MatchRule = {};
// @ts-expect-error options, not a boolean
map.removeStage("visit", true);
// @ts-expect-error getters are read-only
map.name = "renamed";
// @ts-expect-error ids are strings
map.successors(42);
// @ts-expect-error unknown error code
const badCode: ErrorCode = "OOPS";
// @ts-expect-error a conversion target is a touchpoint or a stage
const badObjective: JourneyDocument["objectives"] = [{ id: "o", name: "O", conversion: { team: "t" } }];

void [fromText, fromBytes, constructed, name, description, formatVersion, stages, touchpoints, channels, personas, transitions,
  metadata, maybe, position, next, sub, text, document, json, issues, removed, removedTransition, report, s, v, rule,
  badChannel, badTouchpoint, emptyRule, badCode, badObjective];
