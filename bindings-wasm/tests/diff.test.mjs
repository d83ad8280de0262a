// Diff: the shared vectors (tests/fixtures/diff/<case>/{old,new}.json against
// tests/expected/diff.json), the two entry points and bad input.
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";

import { JourneyMap, JourneyMapError, diff } from "../index.js";
import { DIFF_EXPECTED_PATH, DIFF_FIXTURES_DIR, readJson, readText, shopDocument } from "./helpers.mjs";

const present = existsSync(DIFF_EXPECTED_PATH) && existsSync(DIFF_FIXTURES_DIR);
const cases = present ? readdirSync(DIFF_FIXTURES_DIR).filter((c) => existsSync(join(DIFF_FIXTURES_DIR, c, "old.json"))).sort() : [];
const load = (c, which) => JourneyMap.fromJSON(readText(join(DIFF_FIXTURES_DIR, c, `${which}.json`)));

describe("shared diff vectors", { skip: present ? false : "tests/fixtures/diff or tests/expected/diff.json absent" }, () => {
  const expected = present ? readJson(DIFF_EXPECTED_PATH) : {};

  test("every case has an expectation and every expectation a case", () => {
    assert.ok(cases.length >= 5);
    assert.deepEqual(cases, Object.keys(expected).sort());
  });

  for (const c of cases.filter((x) => x in expected)) {
    test(c, () => {
      const [oldMap, newMap] = [load(c, "old"), load(c, "new")];
      const d = diff(oldMap, newMap);
      assert.deepEqual(d, expected[c]);
      assert.deepEqual(oldMap.diff(newMap), d, "map.diff(other) is diff(map, other)");
      assert.deepEqual(Object.keys(d).sort(), ["added", "changed", "map", "moved", "removed", "stage_order"]);
      // Diffing a version with itself finds nothing.
      const none = { map: [], added: [], removed: [], changed: [], moved: [], stage_order: null };
      assert.deepEqual(diff(newMap, newMap), none);
      assert.deepEqual(diff(oldMap, oldMap.clone()), none);
    });
  }

  test("the reverse diff swaps added and removed", () => {
    for (const c of cases) {
      const [oldMap, newMap] = [load(c, "old"), load(c, "new")];
      const forward = diff(oldMap, newMap);
      const backward = diff(newMap, oldMap);
      const ids = (list) => list.map((e) => `${e.kind}:${e.id}`).sort();
      assert.deepEqual(ids(backward.added), ids(forward.removed), c);
      assert.deepEqual(ids(backward.removed), ids(forward.added), c);
      assert.deepEqual(backward.moved.map((m) => [m.id, m.to_stage, m.from_stage]), forward.moved.map((m) => [m.id, m.from_stage, m.to_stage]), c);
    }
  });
});

describe("diff of edited maps", () => {
  test("a mutation shows up as a change with old and new values", () => {
    const before = JourneyMap.fromObject(shopDocument());
    const after = before.clone();
    const pay = after.touchpoint("pay");
    pay.emotion = { score: 1, label: "relieved" };
    pay.stage = "return";
    after.updateTouchpoint(pay);
    after.removeTransition("again", "home");
    const d = before.diff(after);
    assert.deepEqual(d.moved, [{ id: "pay", from_stage: "buy", to_stage: "return" }]);
    const change = d.changed.find((c) => c.kind === "touchpoint" && c.id === "pay");
    assert.deepEqual(change.changes, [
      { path: "/emotion/label", old: "anxious", new: "relieved" },
      { path: "/emotion/score", old: -1, new: 1 },
    ]);
    assert.deepEqual(d.removed.map((e) => [e.kind, e.id]), [["transition", "again->home"]]);
    assert.deepEqual(d.removed[0].value, { from: "again", to: "home", loop: true });
  });
});

describe("diff bad input", () => {
  const map = JourneyMap.fromObject(shopDocument());
  const invalid = (fn) => assert.throws(fn, (e) => e instanceof JourneyMapError && e.code === "INVALID_ARGUMENT");

  test("anything but two maps is refused", () => {
    for (const bad of [undefined, null, {}, shopDocument(), JSON.stringify(shopDocument()), 42, [map], new Map()]) {
      invalid(() => diff(map, bad));
      invalid(() => diff(bad, map));
      invalid(() => map.diff(bad));
    }
    invalid(() => diff());
  });

  test("a freed map on either side", () => {
    const freed = map.clone();
    freed.free();
    for (const fn of [() => diff(map, freed), () => diff(freed, map), () => map.diff(freed)]) {
      assert.throws(fn, (e) => e instanceof JourneyMapError && e.code === "FREED");
    }
  });
});
