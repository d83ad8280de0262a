// Type-checked (never run) by tests/types.test.mjs with `tsc --noEmit`: the
// package's types must be precise enough for this to compile, and the lines
// marked @ts-expect-error must be errors.
import {
  JourneyMap,
  JourneyMapError,
  analyze,
  analyzeAsync,
  diff,
  explainRule,
  lintRules,
  reportSchema,
  schema,
  validate,
  version,
  type Channel,
  type Diagnostic,
  type DiagnosticLocation,
  type EntityKind,
  type EventRecord,
  type FieldChange,
  type Funnel,
  type LintRule,
  type LintRuleCode,
  type LintRuleName,
  type LintSeverity,
  type MapDiff,
  type Report,
  type RowError,
  type RowErrorKind,
  type StageOrder,
  type StageStats,
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
// @ts-expect-error a misspelt lint rule
map.lint({ disable: ["dead-ends"] });
// @ts-expect-error an unknown rule code in severity overrides
map.lint({ severity: { "JM-L999": "error" } });
// @ts-expect-error explainRule takes a rule's code or name
explainRule("JM-LOO3");
// @ts-expect-error a duration needs a unit the CLI knows
analyze(map, "customer_id,timestamp\n", { conversionWindow: "30 days" });
// @ts-expect-error a conversion target is a touchpoint or a stage
const badObjective: JourneyDocument["objectives"] = [{ id: "o", name: "O", conversion: { team: "t" } }];

void [fromText, fromBytes, constructed, name, description, formatVersion, stages, touchpoints, channels, personas, transitions,
  metadata, maybe, position, next, sub, text, document, json, issues, removed, removedTransition, report, s, v, rule,
  badChannel, badTouchpoint, emptyRule, badCode, badObjective];

// Lint, diff, render, analytics.
const diagnostics: Diagnostic[] = map.lint({ today: "2026-11-23", disable: ["dead-end"], severity: { "JM-L007": "error" }, maxReviewAgeDays: 90 });
map.lint({ today: new Date() });
map.lint({ today: null });
map.lint();
const firstDiagnostic: Diagnostic | undefined = diagnostics[0];
if (firstDiagnostic) {
  const severity: LintSeverity = firstDiagnostic.severity;
  const where: DiagnosticLocation = firstDiagnostic.location;
  const kind: EntityKind = where.kind;
  const entity: string | undefined = where.id;
  void [severity, kind, entity];
}
const rules: LintRule[] = lintRules();
const explained: string = explainRule("JM-L003") + explainRule("dead-end");
const later: Promise<Report> = map.analyzeAsync(new Blob(["customer_id,timestamp\n"]), {
  halfLife: "12h",
  conversionWindow: 86_400_000,
  onProgress: (read: number, total: number | undefined) => void [read, total],
});
const alsoLater: Promise<Report> = analyzeAsync(map, new Response("").body!, { lookbackWindow: "2w" });
void [later, alsoLater];
const ruleCode: LintRuleCode = diagnostics[0]?.code ?? "JM-L000";
const ruleName: LintRuleName | undefined = diagnostics[0]?.rule;
void [ruleCode, ruleName];
const changes: MapDiff = diff(map, constructed);
const sameChanges: MapDiff = map.diff(constructed);
const order: StageOrder | null = changes.stage_order;
const firstChange: FieldChange | undefined = changes.map[0];
const oldValue: JsonValue | undefined = firstChange?.old;
const svgText: string = map.toSVG({ persona: "p", lanes: ["emotions", "pain_points"], legend: false, columnWidth: 240, minWidth: 1200, title: "T" });
const mermaidText: string = map.toMermaid() + map.toMermaidFlowchart() + map.toDOT() + map.toCSV({ raw: true }) + map.toCSV();
const imported: JourneyMap = JourneyMap.fromMermaid("journey\n  section A\n    Task: 5: Me\n");
const events: EventRecord[] = [
  { customer_id: "c1", timestamp: 1772355600000, touchpoint: "home" },
  { customer_id: 42, timestamp: "2026-03-01T09:00:00Z", event: "page_view", attributes: { path: "/" }, value: 12.5, segment: "new" },
  { customer_id: "c2", timestamp: new Date(), channel: "email", score: 4, path: "/raw-attribute" },
];
const journeyReport: Report = analyze(map, events, {
  conversionWindow: 30 * 86_400_000,
  lookbackWindow: 7 * 86_400_000,
  halfLife: 86_400_000,
  topK: 5,
  segmentBy: "segment",
  onBadRow: "skip",
  conversions: ["home"],
  positionWeights: { first: 0.3, last: 0.3 },
  scoreScale: { min: 1, max: 7 },
  collapseRepeats: false,
  includeCustomers: true,
  timestampFormat: "auto",
});
const fromCsv: Report = map.analyze("customer_id,timestamp,touchpoint\n", { inputFormat: "csv", delimiter: ";" });
const overlaid: string = map.toSVG({ report: fromCsv, persona: "p" }) + map.toSVG({ report: null });
const fromBytesLog: Report = analyze(map, new Uint8Array(), { inputFormat: "jsonl", scoreScale: "one_to_five" });
const renamed: Report = analyze(map, [{ user: "u1", at: 0, touchpoint: "home" }], { fields: { customer: "user", timestamp: "at" } });
const funnel: Funnel = journeyReport.funnel;
const stageStats: StageStats | undefined = journeyReport.funnel.stages[0];
const median: number | null | undefined = stageStats?.time_in_stage.median_ms;
const rate: number | null | undefined = journeyReport.totals.conversion_rate;
const skipped: { [code: string]: number } = journeyReport.ingest.skipped;
const example: RowError | undefined = journeyReport.ingest.examples[0];
const exampleCode: RowErrorKind | undefined = example?.code;
const reportJsonSchema: { [key: string]: JsonValue } = reportSchema();
try {
  analyze(map, events);
} catch (e) {
  if (e instanceof JourneyMapError) {
    const rowCode: ErrorCode = e.code;
    const row: number | undefined = e.row;
    const field: string | undefined = e.field;
    void [rowCode, row, field];
  }
}
const rowCodes: ErrorCode[] = ["BAD_TIMESTAMP", "UNKNOWN_TOUCHPOINT", "FIELD_COUNT", "MERMAID_SYNTAX"];

// @ts-expect-error a lint date is a string, a Date or null
map.lint({ today: 20261123 });
// @ts-expect-error unknown severity
map.lint({ severity: { "JM-L001": "fatal" } });
// @ts-expect-error unknown lane
map.toSVG({ lanes: ["emotion"] });
// @ts-expect-error options are camelCase
map.toSVG({ column_width: 200 });
// @ts-expect-error a report is the object analyze returns, not its JSON text
map.toSVG({ report: "{}" });
// @ts-expect-error diff takes maps, not documents
diff(doc, doc);
// @ts-expect-error an event needs a timestamp
analyze(map, [{ customer_id: "c1", touchpoint: "home" }]);
// @ts-expect-error timestamps are numbers, strings or Dates
analyze(map, [{ customer_id: "c1", timestamp: true, touchpoint: "home" }]);
// @ts-expect-error events without the default names need `fields`
analyze(map, [{ user: "u1", at: 0, touchpoint: "home" }]);
// @ts-expect-error unknown bad-row policy
analyze(map, events, { onBadRow: "ignore" });
// @ts-expect-error unknown input format
analyze(map, "", { inputFormat: "xlsx" });
// @ts-expect-error report counts are numbers
const badCount: string = journeyReport.totals.customers;
// @ts-expect-error stage_order may be null
changes.stage_order.old;

void [diagnostics, rules, explained, sameChanges, order, oldValue, svgText, overlaid, mermaidText, imported, fromCsv, fromBytesLog, renamed,
  funnel, median, rate, skipped, exampleCode, reportJsonSchema, rowCodes, badCount];
