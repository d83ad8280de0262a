// Mutations: accepted ones change the map, refused ones throw a
// JourneyMapError and leave the map exactly as it was.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { JourneyMap, JourneyMapError } from "../index.js";
import { shopDocument } from "./helpers.mjs";

const fresh = () => JourneyMap.fromObject(shopDocument());

/** Asserts `fn` throws a JourneyMapError with `code` (and `path` if given) and leaves `map` unchanged. */
function refused(map, fn, code, path) {
  const before = map.toJSONString();
  assert.throws(fn, (e) => {
    assert.ok(e instanceof JourneyMapError, `expected a JourneyMapError, got ${e}`);
    assert.equal(e.code, code, e.message);
    if (path !== undefined) assert.equal(e.path, path);
    return true;
  });
  assert.equal(map.toJSONString(), before, "the map is unchanged after a refused mutation");
  assert.deepEqual(map.validate(), []);
}

describe("entity mutations", () => {
  const kinds = [
    {
      kind: "persona",
      list: "personas",
      item: { id: "p-new2", name: "Another persona", goals: ["Coffee"] },
      updated: { id: "p-new", name: "Renamed persona", frustrations: ["Waiting"] },
      invalid: { id: "p-new", name: "" },
      invalidCode: "EMPTY_NAME",
      inUse: "p-regular",
    },
    {
      kind: "channel",
      list: "channels",
      item: { id: "phone", name: "Phone", kind: "human" },
      updated: { id: "store", name: "Flagship store", kind: "physical", description: "Main street" },
      invalid: { id: "store", name: "Store", kind: "teleport" },
      invalidCode: "JSON_TYPE",
      inUse: "web",
    },
    {
      kind: "team",
      list: "teams",
      item: { id: "support", name: "Support" },
      updated: { id: "ecom", name: "Online sales" },
      invalid: { id: "ecom", name: "   " },
      invalidCode: "EMPTY_NAME",
      inUse: "ecom",
    },
    {
      kind: "touchpoint",
      list: "touchpoints",
      item: { id: "mail", name: "Newsletter", stage: "return", channel: "web", emotion: { score: 1 } },
      updated: { id: "home", name: "New home page", stage: "visit", channel: "web", actions: ["Browses"] },
      invalid: { id: "home", name: "Home", stage: "nope", channel: "web" },
      invalidCode: "DANGLING_REFERENCE",
      inUse: "pay",
    },
    {
      kind: "objective",
      list: "objectives",
      item: { id: "obj-ret", name: "Retention", conversion: { stage: "return" } },
      updated: { id: "obj-conv", name: "Convert more", description: "No KPI yet" },
      invalid: { id: "obj-conv", name: "Convert", conversion: { touchpoint: "nope" } },
      invalidCode: "DANGLING_REFERENCE",
      inUse: null,
    },
  ];

  for (const k of kinds) {
    const Kind = k.kind[0].toUpperCase() + k.kind.slice(1);
    const add = `add${Kind}`;
    const update = `update${Kind}`;
    const remove = `remove${Kind}`;

    test(`${add} appends; a duplicate id is refused`, () => {
      const map = fresh();
      const n = map[k.list].length;
      map[add](k.item);
      assert.equal(map[k.list].length, n + 1);
      assert.deepEqual(map[k.kind](k.item.id), k.item);
      assert.deepEqual(map[k.list].at(-1), map[k.kind](k.item.id));
      refused(map, () => map[add](k.item), "DUPLICATE_ID", `/${k.list}/${n + 1}/id`);
    });

    test(`${update} replaces in place; unknown ids and invalid values are refused`, () => {
      const map = fresh();
      const position = map[k.list].findIndex((x) => x.id === k.updated.id);
      const n = map[k.list].length;
      map[update](k.updated);
      assert.deepEqual(map[k.kind](k.updated.id), k.updated);
      assert.deepEqual(map[k.list][position], k.updated, "in place");
      assert.equal(map[k.list].length, n);
      refused(map, () => map[update]({ ...k.item, id: "nope" }), "NOT_FOUND");
      refused(map, () => map[update](k.invalid), k.invalidCode);
    });

    test(`${remove} returns the entity; unknown ids are refused`, () => {
      const map = fresh();
      map[add](k.item);
      const n = map[k.list].length;
      assert.deepEqual(map[remove](k.item.id), k.item);
      assert.equal(map[k.list].length, n - 1);
      assert.equal(map[k.kind](k.item.id), undefined);
      refused(map, () => map[remove](k.item.id), "NOT_FOUND");
    });

    if (k.inUse !== null) {
      test(`${remove} of a ${k.kind} still referred to is refused with IN_USE`, () => {
        const map = fresh();
        refused(map, () => map[remove](k.inUse), "IN_USE");
      });
    }
  }

  test("removeTouchpoint removes its transitions", () => {
    const map = fresh();
    const removed = map.removeTouchpoint("shelf");
    assert.equal(removed.id, "shelf");
    assert.deepEqual(map.transitions.map((t) => `${t.from}->${t.to}`), ["home->pay", "pay->again", "again->home"]);
  });

  test("a refused removeTouchpoint names the objective converting on it", () => {
    const map = fresh();
    refused(map, () => map.removeTouchpoint("pay"), "IN_USE", "/objectives/0/conversion/touchpoint");
  });
});

describe("stage mutations", () => {
  test("addStage appends, insertStage inserts, past the end appends", () => {
    const map = fresh();
    map.addStage({ id: "advocacy", name: "Advocacy", kind: "advocacy" });
    map.insertStage(0, { id: "need", name: "Need" });
    map.insertStage(2, { id: "compare", name: "Compare", goal: "Pick one" });
    map.insertStage(1000, { id: "last", name: "Last" });
    map.insertStage(2 ** 53, { id: "later", name: "Later" });
    assert.deepEqual(map.stages.map((s) => s.id), ["need", "visit", "compare", "buy", "return", "advocacy", "last", "later"]);
    assert.equal(map.stage("compare").goal, "Pick one");
  });

  test("insertStage refuses bad positions and duplicates", () => {
    const map = fresh();
    for (const position of [-1, 1.5, NaN, Infinity, "0", null, undefined, 1n]) {
      refused(map, () => map.insertStage(position, { id: "x", name: "X" }), "INVALID_ARGUMENT");
    }
    refused(map, () => map.insertStage(0, { id: "buy", name: "Buy again" }), "DUPLICATE_ID");
    refused(map, () => map.insertStage(0, { id: "-bad", name: "Bad" }), "INVALID_ID");
  });

  test("updateStage", () => {
    const map = fresh();
    map.updateStage({ id: "buy", name: "Purchase", kind: "purchase" });
    assert.equal(map.stage("buy").name, "Purchase");
    assert.equal(map.stagePosition("buy"), 1);
    refused(map, () => map.updateStage({ id: "nope", name: "Nope" }), "NOT_FOUND");
    refused(map, () => map.updateStage({ id: "buy", name: "Buy", kind: "nirvana" }), "JSON_TYPE", "/kind");
  });

  test("reorderStages", () => {
    const map = fresh();
    map.reorderStages(["return", "visit", "buy"]);
    assert.deepEqual(map.stages.map((s) => s.id), ["return", "visit", "buy"]);
    refused(map, () => map.reorderStages(["visit", "buy"]), "INVALID_VALUE", "/stages");
    refused(map, () => map.reorderStages(["visit", "buy", "buy"]), "INVALID_VALUE");
    refused(map, () => map.reorderStages(["visit", "buy", "nope"]), "INVALID_VALUE");
    refused(map, () => map.reorderStages("visit,buy,return"), "INVALID_ARGUMENT");
    refused(map, () => map.reorderStages(["visit", 2, "return"]), "INVALID_ARGUMENT");
  });

  test("removeStage: empty stage, STAGE_NOT_EMPTY, cascade, IN_USE, NO_STAGES", () => {
    const map = fresh();
    map.addStage({ id: "empty", name: "Empty" });
    assert.deepEqual(map.removeStage("empty"), { id: "empty", name: "Empty" });
    refused(map, () => map.removeStage("visit"), "STAGE_NOT_EMPTY");
    refused(map, () => map.removeStage("visit", { cascade: false }), "STAGE_NOT_EMPTY");
    refused(map, () => map.removeStage("buy", { cascade: true }), "IN_USE", "/objectives/0/conversion");
    refused(map, () => map.removeStage("nope"), "NOT_FOUND");

    const removed = map.removeStage("visit", { cascade: true });
    assert.equal(removed.id, "visit");
    assert.deepEqual(map.touchpoints.map((t) => t.id), ["pay", "again"]);
    assert.deepEqual(map.transitions.map((t) => `${t.from}->${t.to}`), ["pay->again"]);

    const single = JourneyMap.fromObject({ name: "One", stages: [{ id: "only", name: "Only" }] });
    refused(single, () => single.removeStage("only"), "NO_STAGES");
  });

  test("removeStage refuses bad options", () => {
    const map = fresh();
    for (const options of [true, "cascade", 1, null, { cascade: "yes" }, { cascade: 1 }]) {
      refused(map, () => map.removeStage("visit", options), "INVALID_ARGUMENT");
    }
  });
});

describe("transition mutations", () => {
  test("add, update, remove", () => {
    const map = fresh();
    map.addTransition({ from: "home", to: "again", label: "direct", expected_rate: 0.5 });
    assert.deepEqual(map.transition("home", "again"), { from: "home", to: "again", label: "direct", expected_rate: 0.5 });
    assert.deepEqual(map.successors("home").map((t) => t.id), ["pay", "again"]);
    map.updateTransition({ from: "home", to: "again", expected_rate: 0.75 });
    assert.deepEqual(map.transition("home", "again"), { from: "home", to: "again", expected_rate: 0.75 });
    assert.deepEqual(map.removeTransition("home", "again"), { from: "home", to: "again", expected_rate: 0.75 });
    assert.equal(map.transition("home", "again"), undefined);
  });

  test("refusals", () => {
    const map = fresh();
    refused(map, () => map.addTransition({ from: "pay", to: "pay" }), "SELF_TRANSITION");
    refused(map, () => map.addTransition({ from: "home", to: "pay" }), "DUPLICATE_TRANSITION");
    refused(map, () => map.addTransition({ from: "home", to: "nope" }), "DANGLING_REFERENCE");
    refused(map, () => map.addTransition({ from: "home", to: "again", personas: ["ghost"] }), "DANGLING_REFERENCE");
    refused(map, () => map.addTransition({ from: "home", to: "again", expected_rate: 1.5 }), "INVALID_VALUE");
    refused(map, () => map.addTransition({ from: "home" }), "MISSING_FIELD", "/to");
    refused(map, () => map.updateTransition({ from: "pay", to: "home" }), "NOT_FOUND");
    refused(map, () => map.updateTransition({ from: "home", to: "pay", expected_rate: -0.1 }), "INVALID_VALUE");
    refused(map, () => map.removeTransition("pay", "home"), "NOT_FOUND");
  });
});

describe("map-level mutations", () => {
  test("setName", () => {
    const map = fresh();
    map.setName("Renamed shop ☕");
    assert.equal(map.name, "Renamed shop ☕");
    refused(map, () => map.setName(""), "EMPTY_NAME", "/name");
    refused(map, () => map.setName(42), "INVALID_ARGUMENT");
    refused(map, () => map.setName("\ud800"), "INVALID_ARGUMENT");
  });

  test("setMetadata", () => {
    const map = fresh();
    const metadata = { authors: ["Grace"], last_reviewed: "2026-11-01", lint: { disable: ["JM-L011"], max_review_age_days: 90 } };
    map.setMetadata(metadata);
    assert.deepEqual(map.metadata, metadata);
    map.setMetadata({});
    assert.deepEqual(map.metadata, {});
    assert.equal("metadata" in map.toJSON(), false);
    refused(map, () => map.setMetadata({ created: "2026-13-45" }), "INVALID_VALUE", "/metadata/created");
    refused(map, () => map.setMetadata({ colour: "red" }), "UNKNOWN_FIELD", "/colour");
  });
});

describe("values handed to mutations", () => {
  test("errors reading the value are located in it, without line or column", () => {
    const map = fresh();
    const check = (fn, code, path) => {
      const before = map.toJSONString();
      try {
        fn();
        assert.fail("expected a refusal");
      } catch (e) {
        assert.ok(e instanceof JourneyMapError);
        assert.equal(e.code, code);
        assert.equal(e.path, path);
        assert.equal(e.line, undefined);
        assert.equal(e.column, undefined);
        assert.equal(e.errors.length, 1);
        assert.equal(e.errors[0].line, undefined);
      }
      assert.equal(map.toJSONString(), before);
    };
    check(() => map.addStage({ id: "x" }), "MISSING_FIELD", "/name");
    check(() => map.addStage({ id: "x", name: "X", colour: "red" }), "UNKNOWN_FIELD", "/colour");
    check(() => map.addTouchpoint({ id: "t", name: "T", stage: "visit", channel: "web", emotion: { score: "high" } }), "JSON_TYPE", "/emotion/score");
    check(() => map.addTouchpoint({ id: "t", name: "T", stage: "visit", channel: "web", emotion: { score: 1.5 } }), "JSON_TYPE", "/emotion/score");
    check(() => map.addStage("visit"), "JSON_TYPE", "");
    check(() => map.addStage(undefined), "JSON_TYPE", "");
    check(() => map.addStage(null), "JSON_TYPE", "");
    check(() => map.addStage([]), "JSON_TYPE", "");
    check(() => map.addStage(["x", "X"]), "JSON_TYPE", "");
    check(() => map.addTouchpoint({ id: "t", name: "T", stage: "visit", channel: "web", emotion: [1, "happy"] }), "JSON_TYPE", "/emotion");
    check(() => map.addTeam({ id: "t", name: "T", extra: () => 1 }), "JSON_TYPE", "/extra");
  });

  test("invariant errors of a mutation carry the document path", () => {
    const map = fresh();
    refused(map, () => map.addTouchpoint({ id: "t", name: "T", stage: "visit", channel: "web", emotion: { score: 3 } }), "EMOTION_OUT_OF_RANGE", "/touchpoints/4/emotion/score");
  });

  test("several violations at once come back as INVALID_MAP", () => {
    const map = fresh();
    const before = map.toJSONString();
    try {
      map.addTouchpoint({ id: "t", name: "", stage: "nope", channel: "nowhere" });
      assert.fail("expected a refusal");
    } catch (e) {
      assert.ok(e instanceof JourneyMapError);
      assert.equal(e.code, "INVALID_MAP");
      assert.ok(e.errors.length >= 3);
      assert.deepEqual(e.errors.map((x) => x.code).sort(), ["DANGLING_REFERENCE", "DANGLING_REFERENCE", "EMPTY_NAME"]);
      assert.equal(e.path, e.errors[0].path);
    }
    assert.equal(map.toJSONString(), before);
  });

  test("a value changed after the call does not change the map", () => {
    const map = fresh();
    const stage = { id: "later", name: "Later" };
    map.addStage(stage);
    stage.name = "Changed";
    assert.equal(map.stage("later").name, "Later");
  });
});
