// The shared file-name cases (tests/fixtures/formats/cases.json), asserted
// as core/tests/formats.rs and bindings-python do: a File is read in the
// format its name says (the core's table of extensions), or refused.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";

import { JourneyMap } from "../index.js";
import { EVENTS_DIR, REPO_DIR, readJson, readText } from "./helpers.mjs";

const { cases } = readJson(join(REPO_DIR, "tests/fixtures/formats/cases.json"));
const map = JourneyMap.fromJSON(readText(join(EVENTS_DIR, "shop.json")));
const csv = readText(join(EVENTS_DIR, "shop.csv"));
const texts = { csv, tsv: csv.replaceAll(",", "\t"), jsonl: readText(join(EVENTS_DIR, "shop.jsonl")) };

for (const c of cases) {
  test(c.name, async () => {
    const file = new File([texts[c.format ?? "csv"]], c.name);
    if (c.error) {
      await assert.rejects(map.analyzeAsync(file), (e) => e.code === c.error.code && e.path === "/inputFormat");
    } else {
      const report = await map.analyzeAsync(file);
      assert.deepEqual(report.totals, map.analyze(csv).totals);
    }
  });
}
