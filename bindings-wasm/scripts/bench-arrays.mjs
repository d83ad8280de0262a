// Times `analyze` on an array of plain event objects (handed to the module
// as flat arrays) against the same events written as JSON Lines text with
// `JSON.stringify` and analysed as such (what an array cost when it went
// through JSON text), and the CSV text they came from, alternating, in one
// process. Prints the median and fastest of the warm calls and checks the
// reports are identical.
//
// Usage (from bindings-wasm/, after scripts/build.sh):
//   journeymap generate ../schema/examples/coffee-maker.json --events 200000 -o /tmp/events.csv
//   node scripts/bench-arrays.mjs ../schema/examples/coffee-maker.json /tmp/events.csv [ROUNDS]
import { readFileSync } from "node:fs";

import { JourneyMap } from "../index.js";

const [mapPath, csvPath, roundsArg] = process.argv.slice(2);
if (!mapPath || !csvPath) {
  console.error("usage: node scripts/bench-arrays.mjs MAP.json EVENTS.csv [ROUNDS]");
  process.exit(2);
}
const rounds = Number(roundsArg ?? 8);
const map = JourneyMap.fromJSON(readFileSync(mapPath, "utf8"));
const text = readFileSync(csvPath, "utf8");
// The generator writes no quoted cells: a split is the CSV reader's reading.
const [header, ...rows] = text.trimEnd().split("\n");
const columns = header.split(",");
const numeric = new Set(["value", "score"]);
const plain = rows.map((row) => {
  const cells = row.split(",");
  const event = {};
  columns.forEach((column, i) => {
    if (cells[i] === "") return;
    event[column] = numeric.has(column) ? Number(cells[i]) : cells[i];
  });
  return event;
});
const jsonl = { inputFormat: "jsonl" };
const forms = {
  "objects (flat arrays)": () => map.analyze(plain),
  "objects (JSON text)": () => map.analyze(plain.map((e) => JSON.stringify(e)).join("\n"), jsonl),
  "CSV text": () => map.analyze(text),
};
const times = Object.fromEntries(Object.keys(forms).map((k) => [k, []]));
for (let r = 0; r < rounds; r++) {
  for (const [name, run] of Object.entries(forms)) {
    const t = performance.now();
    run();
    times[name].push(performance.now() - t);
  }
}
console.log(`${plain.length} events, ${rounds} rounds (the first two are warm-up and not counted)`);
for (const [name, list] of Object.entries(times)) {
  const warm = list.slice(2).sort((a, b) => a - b);
  console.log(`${name.padEnd(22)} median ${warm[warm.length >> 1].toFixed(0)} ms, fastest ${warm[0].toFixed(0)} ms, first call ${list[0].toFixed(0)} ms`);
}
const same = JSON.stringify(forms["objects (flat arrays)"]()) === JSON.stringify(forms["objects (JSON text)"]());
console.log(`identical reports: ${same}`);
process.exit(same ? 0 : 1);
