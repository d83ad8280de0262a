// Type-checked by tests/types.test.mjs against an old, browser-only lib
// (ES2020 + DOM, no Node.js types): the declarations must not need more.
import { JourneyMap, analyze, lintRules, validate, type Diagnostic, type JourneyDocument, type Report } from "journeymap";

const doc: JourneyDocument = { name: "Minimal", stages: [{ id: "s", name: "S" }] };
const map = JourneyMap.fromObject(doc);
const names: string[] = map.stages.map((s) => s.name);
const diagnostics: Diagnostic[] = map.lint({ today: new Date() });
const svg: string = map.toSVG();
const report: Report = analyze(map, [{ customer_id: "c", timestamp: Date.now(), touchpoint: "t" }]);
map.free();
void [names, validate(doc), diagnostics, svg, report, lintRules()];
