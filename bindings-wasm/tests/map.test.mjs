// Reading maps: round trips, getters, lookups and graph queries.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { describe, test } from "node:test";

import { JourneyMap, JourneyMapError } from "../index.js";
import { COFFEE_MAKER, readJson, readText, shopDocument } from "./helpers.mjs";

describe("round trip", () => {
  test("an object comes back as it went in", () => {
    const doc = shopDocument();
    const map = JourneyMap.fromObject(doc);
    assert.deepEqual(map.toJSON(), doc);
    assert.deepEqual(new JourneyMap(doc).toJSON(), doc);
  });

  test("JSON.stringify(map) writes the document", () => {
    const map = JourneyMap.fromObject(shopDocument());
    assert.deepEqual(JSON.parse(JSON.stringify(map)), shopDocument());
    assert.equal(JSON.stringify(map), map.toJSONString());
  });

  test("text round trip, compact and indented", () => {
    const map = JourneyMap.fromObject(shopDocument());
    const compact = map.toJSONString();
    assert.ok(!compact.includes("\n"));
    const pretty = map.toJSONString(2);
    assert.ok(pretty.startsWith('{\n  "format_version": 1,\n  "name": "Tiny shop"'));
    assert.ok(map.toJSONString("\t").startsWith('{\n\t"format_version": 1'));
    assert.equal(map.toJSONString(0), compact);
    for (const text of [compact, pretty, map.toJSONString("\t")]) {
      assert.deepEqual(JourneyMap.fromJSON(text).toJSON(), map.toJSON());
    }
  });

  test("indented text matches JSON.stringify for ordinary numbers", () => {
    const doc = shopDocument();
    doc.metadata.extra = { n: [1, 2.5, -0.125] };
    const map = JourneyMap.fromObject(doc);
    assert.equal(map.toJSONString(4), JSON.stringify(map.toJSON(), null, 4));
    assert.equal(map.toJSONString("  "), JSON.stringify(map.toJSON(), null, 2));
  });

  test("bad indents are refused", () => {
    const map = JourneyMap.fromObject(shopDocument());
    for (const indent of [-1, 11, 1.5, NaN, "x", "           ", null, {}, true]) {
      assert.throws(() => map.toJSONString(indent), { code: "INVALID_ARGUMENT" }, String(indent));
    }
  });

  test("numbers are kept bit for bit", () => {
    const numbers = [
      0.1 + 0.2, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 123456789.12345679, -0.1, 1e21, 1e-7,
      9007199254740993, 2 ** 53 - 1, -(2 ** 53), 0.000001234, 3.141592653589793, 1 / 3,
    ];
    // A deterministic spread of doubles across magnitudes.
    let x = 0.5;
    for (let i = 0; i < 300; i++) {
      x = (x * 9301 + 49297) % 233280;
      numbers.push((x / 233280) * 10 ** ((i % 40) - 20) * (i % 2 ? -1 : 1));
    }
    const doc = shopDocument();
    doc.metadata.extra = { numbers };
    doc.transitions[0].expected_rate = 0.1 + 0.7;
    doc.objectives[0].kpis[0].target = 1 / 7;
    const map = JourneyMap.fromObject(doc);
    for (const back of [map.toJSON(), JourneyMap.fromJSON(map.toJSONString()).toJSON()]) {
      back.metadata.extra.numbers.forEach((n, i) => assert.ok(Object.is(n, numbers[i]), `${numbers[i]} came back as ${n}`));
      assert.ok(Object.is(back.transitions[0].expected_rate, 0.1 + 0.7));
      assert.ok(Object.is(back.objectives[0].kpis[0].target, 1 / 7));
    }
  });

  test("free key/values keep any JSON value, including unicode", () => {
    const doc = shopDocument();
    doc.personas[0].demographics = { age: "25-34", "a/b~c": { deep: [null, false, { "": "" }] }, emoji: "☕ 🧑‍🍳", nul: "a\u0000b" };
    const map = JourneyMap.fromObject(doc);
    assert.deepEqual(map.persona("p-new").demographics, doc.personas[0].demographics);
  });

  test("null for an optional field reads as absent", () => {
    const doc = shopDocument();
    doc.stages[0].description = null;
    doc.touchpoints[0].emotion = null;
    const map = JourneyMap.fromObject(doc);
    assert.equal("description" in map.stage("visit"), false);
    assert.equal("emotion" in map.touchpoint("home"), false);
  });

  test("undefined properties are absent, as with JSON.stringify", () => {
    const doc = shopDocument();
    doc.stages[0].description = undefined;
    const map = JourneyMap.fromObject(doc);
    assert.equal("description" in map.stage("visit"), false);
  });

  test("toJSON() of values is honoured: a map is a document, a Date its ISO text", () => {
    const map = JourneyMap.fromObject(shopDocument());
    assert.deepEqual(JourneyMap.fromObject(map).toJSON(), map.toJSON());
    const doc = shopDocument();
    doc.metadata.extra = { when: new Date(Date.UTC(2026, 0, 2)) };
    assert.equal(JourneyMap.fromObject(doc).metadata.extra.when, "2026-01-02T00:00:00.000Z");
  });

  test("objects without Object.prototype and class instances are documents", () => {
    const stage = Object.assign(Object.create(null), { id: "s", name: "S" });
    class Doc {
      constructor() {
        this.name = "From a class";
        this.stages = [stage];
      }
    }
    assert.equal(JourneyMap.fromObject(new Doc()).stages[0].id, "s");
  });

  test("UTF-8 bytes are JSON text", () => {
    const text = JSON.stringify(shopDocument());
    const map = JourneyMap.fromJSON(new TextEncoder().encode(text));
    assert.deepEqual(map.toJSON(), shopDocument());
    assert.deepEqual(JourneyMap.fromJSON(Buffer.from(text)).toJSON(), shopDocument());
  });
});

describe("getters and lookups", () => {
  const doc = shopDocument();
  const map = JourneyMap.fromObject(doc);

  test("sections come back in the document's shape and order", () => {
    assert.equal(map.name, doc.name);
    assert.equal(map.formatVersion, 1);
    assert.equal(map.description, undefined);
    for (const key of ["personas", "stages", "channels", "teams", "touchpoints", "transitions", "objectives", "metadata"]) {
      assert.deepEqual(map[key], doc[key], key);
    }
  });

  test("a description and empty sections", () => {
    const m = JourneyMap.fromObject({ name: "Bare", description: "Just one stage", stages: [{ id: "s", name: "S" }] });
    assert.equal(m.description, "Just one stage");
    for (const key of ["personas", "channels", "teams", "touchpoints", "transitions", "objectives"]) {
      assert.deepEqual(m[key], [], key);
    }
    assert.deepEqual(m.metadata, {});
    assert.deepEqual(m.toJSON(), { format_version: 1, name: "Bare", description: "Just one stage", stages: [{ id: "s", name: "S" }] });
  });

  test("values read are copies", () => {
    const stages = map.stages;
    stages[0].name = "Changed";
    stages.pop();
    map.touchpoint("home").name = "Changed";
    assert.equal(map.stages.length, 3);
    assert.equal(map.stages[0].name, "Visit");
    assert.equal(map.touchpoint("home").name, "Home page");
  });

  test("lookups by id", () => {
    assert.deepEqual(map.persona("p-new"), doc.personas[0]);
    assert.deepEqual(map.stage("buy"), doc.stages[1]);
    assert.deepEqual(map.channel("store"), doc.channels[1]);
    assert.deepEqual(map.team("ecom"), doc.teams[0]);
    assert.deepEqual(map.touchpoint("pay"), doc.touchpoints[2]);
    assert.deepEqual(map.objective("obj-conv"), doc.objectives[0]);
    assert.deepEqual(map.transition("home", "pay"), doc.transitions[0]);
    assert.equal(map.stagePosition("visit"), 0);
    assert.equal(map.stagePosition("return"), 2);
  });

  test("unknown ids give undefined", () => {
    for (const m of ["persona", "stage", "channel", "team", "touchpoint", "objective", "stagePosition"]) {
      assert.equal(map[m]("nope"), undefined, m);
      assert.equal(map[m](""), undefined, m);
    }
    assert.equal(map.transition("pay", "home"), undefined);
    // Ids are case-sensitive and kinds are separate.
    assert.equal(map.touchpoint("HOME"), undefined);
    assert.equal(map.stage("home"), undefined);
  });

  test("queries", () => {
    const ids = (tps) => tps.map((t) => t.id);
    assert.deepEqual(ids(map.touchpointsInStage("visit")), ["home", "shelf"]);
    assert.deepEqual(ids(map.touchpointsForPersona("p-new")), ["home", "pay", "again"]);
    assert.deepEqual(ids(map.touchpointsForPersona("p-regular")), ["home", "shelf", "pay", "again"]);
    assert.deepEqual(ids(map.successors("pay")), ["again"]);
    assert.deepEqual(ids(map.predecessors("pay")), ["home", "shelf"]);
    assert.deepEqual(ids(map.successors("again")), ["home"]);
    assert.deepEqual(ids(map.entries()), ["home", "shelf"], "the loop back to home does not stop it being an entry");
    assert.deepEqual(ids(map.conversions()), ["pay"]);
    assert.deepEqual(map.touchpointsInStage("buy")[0], doc.touchpoints[2], "whole touchpoints");
  });

  test("queries on unknown ids throw NOT_FOUND", () => {
    for (const [method, kind] of [
      ["touchpointsInStage", "stage"],
      ["touchpointsForPersona", "persona"],
      ["successors", "touchpoint"],
      ["predecessors", "touchpoint"],
      ["personaJourney", "persona"],
    ]) {
      assert.throws(
        () => map[method]("nope"),
        (e) => e instanceof JourneyMapError && e.code === "NOT_FOUND" && e.id === "nope" && e.message.includes(kind),
        method,
      );
    }
  });

  test("personaJourney is a valid map of that persona's steps", () => {
    const sub = map.personaJourney("p-new");
    assert.ok(sub instanceof JourneyMap);
    assert.deepEqual(sub.validate(), []);
    assert.deepEqual(sub.touchpoints.map((t) => t.id), ["home", "pay", "again"]);
    assert.deepEqual(sub.transitions.map((t) => [t.from, t.to]), [["home", "pay"], ["pay", "again"], ["again", "home"]]);
    assert.deepEqual(sub.stages, map.stages);
    // The original is untouched.
    assert.equal(map.touchpoints.length, 4);
  });

  test("summary", () => {
    const text = map.summary();
    assert.ok(text.startsWith("Tiny shop\n"));
    for (const s of doc.stages) assert.ok(text.includes(s.name), s.name);
    assert.ok(text.includes("4 touchpoints"));
  });

  test("validate() of a map is empty", () => {
    assert.deepEqual(map.validate(), []);
  });

  test("inspect and toStringTag", async () => {
    const { inspect } = await import("node:util");
    assert.equal(inspect(map), 'JourneyMap "Tiny shop"');
    assert.equal(Object.prototype.toString.call(map), "[object JourneyMap]");
  });
});

describe("lifetime", () => {
  test("clone() is independent", () => {
    const map = JourneyMap.fromObject(shopDocument());
    const copy = map.clone();
    copy.setName("Copy");
    copy.removeTransition("home", "pay");
    assert.equal(map.name, "Tiny shop");
    assert.equal(map.transitions.length, 4);
    assert.equal(copy.transitions.length, 3);
    map.free();
    assert.equal(copy.name, "Copy");
  });

  test("free() is idempotent and a freed map throws FREED", () => {
    const map = JourneyMap.fromObject(shopDocument());
    assert.equal(map.freed, false);
    map.free();
    map.free();
    assert.equal(map.freed, true);
    for (const use of [() => map.name, () => map.stages, () => map.touchpoint("home"), () => map.addTeam({ id: "t", name: "T" }), () => map.toJSON(), () => JSON.stringify(map)]) {
      assert.throws(use, (e) => e instanceof JourneyMapError && e.code === "FREED");
    }
  });

  test("Symbol.dispose frees", () => {
    const map = JourneyMap.fromObject(shopDocument());
    assert.equal(typeof map[Symbol.dispose], "function");
    map[Symbol.dispose]();
    assert.equal(map.freed, true);
  });

  test("many maps can be built and dropped", () => {
    const text = JSON.stringify(shopDocument());
    for (let i = 0; i < 2000; i++) {
      const m = JourneyMap.fromJSON(text);
      if (i % 2) m.free();
    }
  });
});

const coffee = existsSync(COFFEE_MAKER);

describe("queries on schema/examples/coffee-maker.json", { skip: coffee ? false : "schema/examples/coffee-maker.json absent" }, () => {
  // Expected answers are derived from the document here, independently of
  // the library, following the documented semantics.
  const doc = coffee ? readJson(COFFEE_MAKER) : null;
  const map = coffee ? JourneyMap.fromJSON(readText(COFFEE_MAKER)) : null;
  const ids = (tps) => tps.map((t) => t.id);
  const applies = (item, persona) => !item.personas || item.personas.length === 0 || item.personas.includes(persona);

  test("it loads and round-trips", () => {
    assert.deepEqual(map.validate(), []);
    assert.deepEqual(JourneyMap.fromJSON(map.toJSONString(2)).toJSON(), map.toJSON());
    assert.equal(map.name, doc.name);
    assert.deepEqual(map.stages.map((s) => s.id), doc.stages.map((s) => s.id));
  });

  test("touchpointsInStage follows document order", () => {
    let total = 0;
    for (const s of doc.stages) {
      const want = doc.touchpoints.filter((t) => t.stage === s.id).map((t) => t.id);
      assert.deepEqual(ids(map.touchpointsInStage(s.id)), want, s.id);
      total += want.length;
    }
    assert.equal(total, doc.touchpoints.length);
  });

  test("touchpointsForPersona", () => {
    assert.ok(doc.personas.length > 0);
    for (const p of doc.personas) {
      assert.deepEqual(ids(map.touchpointsForPersona(p.id)), doc.touchpoints.filter((t) => applies(t, p.id)).map((t) => t.id), p.id);
    }
  });

  test("successors and predecessors follow transition order", () => {
    for (const t of doc.touchpoints) {
      assert.deepEqual(ids(map.successors(t.id)), doc.transitions.filter((x) => x.from === t.id).map((x) => x.to), `successors(${t.id})`);
      assert.deepEqual(ids(map.predecessors(t.id)), doc.transitions.filter((x) => x.to === t.id).map((x) => x.from), `predecessors(${t.id})`);
    }
  });

  test("entries and conversions", () => {
    const entered = new Set(doc.transitions.filter((x) => !x.loop).map((x) => x.to));
    const wantEntries = doc.touchpoints.filter((t) => !entered.has(t.id)).map((t) => t.id);
    assert.ok(wantEntries.length > 0);
    assert.deepEqual(ids(map.entries()), wantEntries);
    const targets = (doc.objectives ?? []).map((o) => o.conversion).filter(Boolean);
    const wantConversions = doc.touchpoints
      .filter((t) => t.kind === "conversion" || targets.some((c) => c.touchpoint === t.id || c.stage === t.stage))
      .map((t) => t.id);
    assert.ok(wantConversions.length > 0);
    assert.deepEqual(ids(map.conversions()), wantConversions);
  });

  test("personaJourney keeps that persona's touchpoints and transitions", () => {
    for (const p of doc.personas) {
      const sub = map.personaJourney(p.id);
      const kept = doc.touchpoints.filter((t) => applies(t, p.id)).map((t) => t.id);
      assert.deepEqual(ids(sub.touchpoints), kept, p.id);
      const wantTransitions = doc.transitions
        .filter((x) => applies(x, p.id) && kept.includes(x.from) && kept.includes(x.to))
        .map((x) => `${x.from}->${x.to}`);
      assert.deepEqual(sub.transitions.map((x) => `${x.from}->${x.to}`), wantTransitions, p.id);
      assert.deepEqual(sub.validate(), []);
      assert.deepEqual(sub.personas, map.personas);
      sub.free();
    }
  });

  test("lookups agree with the document", () => {
    for (const t of doc.touchpoints) assert.deepEqual(map.touchpoint(t.id), t);
    for (const [i, s] of doc.stages.entries()) assert.equal(map.stagePosition(s.id), i);
    for (const x of doc.transitions) assert.deepEqual(map.transition(x.from, x.to), x);
    assert.deepEqual(map.metadata, doc.metadata ?? {});
  });
});
