// Type-checked by tests/types.test.mjs against an old, browser-only lib
// (ES2020 + DOM, no Node.js types): the declarations must not need more.
import { JourneyMap, validate, type JourneyDocument } from "journeymap";

const doc: JourneyDocument = { name: "Minimal", stages: [{ id: "s", name: "S" }] };
const map = JourneyMap.fromObject(doc);
const names: string[] = map.stages.map((s) => s.name);
map.free();
void [names, validate(doc)];
