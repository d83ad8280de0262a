// Module-level functions and the package's shape: schema(), validate(),
// version, the builds under package.json's conditions.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";

import { JourneyMap, schema, validate, version } from "../index.js";
import { PACKAGE_DIR, REPO_DIR, SCHEMA_PATH, readJson, readText, shopDocument } from "./helpers.mjs";

describe("module functions", () => {
  test("schema() is the published JSON Schema, a fresh object each time", () => {
    const s = schema();
    assert.deepEqual(s, readJson(SCHEMA_PATH));
    assert.equal(s.$schema, "https://json-schema.org/draft/2020-12/schema");
    s.title = "changed";
    assert.notEqual(schema().title, "changed");
  });

  test("version is the package's and the crate's version", () => {
    const pkg = readJson(join(PACKAGE_DIR, "package.json"));
    assert.equal(version, pkg.version);
    const cargo = readText(join(REPO_DIR, "Cargo.toml"));
    assert.equal(version, /\[workspace\.package\][^[]*?version = "([^"]+)"/.exec(cargo)[1]);
  });

  test("validate() accepts text, bytes and objects alike", () => {
    const doc = shopDocument();
    assert.deepEqual(validate(doc), []);
    assert.deepEqual(validate(JSON.stringify(doc)), []);
    assert.deepEqual(validate(Buffer.from(JSON.stringify(doc))), []);
    doc.touchpoints[1].stage = "nowhere";
    doc.transitions.push({ from: "pay", to: "pay" });
    const want = [
      ["DANGLING_REFERENCE", "/touchpoints/1/stage", "nowhere"],
      ["SELF_TRANSITION", "/transitions/4", "pay"],
    ];
    assert.deepEqual(validate(doc).map((e) => [e.code, e.path, e.id]), want);
    assert.deepEqual(validate(JSON.stringify(doc, null, 2)).map((e) => [e.code, e.path, e.id]), want);
  });

  test("validate() reports syntax errors with line and column for text only", () => {
    assert.deepEqual(validate('{"name": "x",\n "stages": [}'), [
      { code: "JSON_SYNTAX", message: validate('{"name": "x",\n "stages": [}')[0].message, path: "", line: 2, column: 13 },
    ]);
    const [unknown] = validate('{"name": "x", "stages": [{"id": "s", "name": "S"}], "colour": "red"}');
    assert.equal(unknown.code, "UNKNOWN_FIELD");
    assert.equal(unknown.path, "/colour");
    assert.equal(unknown.line, 1);
    const [fromObject] = validate({ name: "x", stages: [{ id: "s", name: "S" }], colour: "red" });
    assert.deepEqual(Object.keys(fromObject).sort(), ["code", "message", "path"]);
  });

  test("a newer format version is refused for its version", () => {
    const [e] = validate({ format_version: 2, name: "x", stages: [], future_field: true });
    assert.equal(e.code, "UNSUPPORTED_FORMAT_VERSION");
    assert.equal(e.path, "/format_version");
    assert.match(e.message, /upgrade journeymap/);
  });
});

describe("package", () => {
  test("package.json points at files that exist", () => {
    const pkg = readJson(join(PACKAGE_DIR, "package.json"));
    assert.equal(pkg.name, "journeymap");
    assert.equal(pkg.type, "module");
    for (const target of [pkg.exports["."].types, pkg.exports["."].default, ...Object.values(pkg.imports["#wasm"])]) {
      assert.ok(existsSync(join(PACKAGE_DIR, target)), target);
    }
    for (const entry of pkg.files) assert.ok(existsSync(join(PACKAGE_DIR, entry)), entry);
  });

  const run = (args, code) =>
    spawnSync(process.execPath, [...args, "--input-type=module", "-e", code], { cwd: PACKAGE_DIR, encoding: "utf8" });

  const program = `
    import { JourneyMap, analyze, validate, version } from "journeymap";
    const map = JourneyMap.fromJSON('{"name": "Shop", "stages": [{"id": "s", "name": "S"}]}');
    map.addStage({ id: "t", name: "T" });
    let code;
    try { map.addStage({ id: "t", name: "Again" }); } catch (e) { code = e.code; }
    map.addChannel({ id: "web", name: "Web", kind: "digital" });
    map.addTouchpoint({ id: "home", name: "Home", stage: "s", channel: "web" });
    let row;
    try { analyze(map, new TextEncoder().encode("customer_id,timestamp,touchpoint\\nc1,0,nowhere\\n")); } catch (e) { row = [e.code, e.row]; }
    console.log(JSON.stringify({ wasm: import.meta.resolve("#wasm"), stages: map.stages.length, code, version,
      report: validate({ name: "", stages: [] }).map((e) => e.code),
      lint: map.lint({ today: "2026-11-23" }).map((d) => d.code).includes("JM-L001"),
      svg: map.toSVG().includes("<svg"),
      events: analyze(map, [{ customer: "c1", timestamp: 0, touchpoint: "home" }]).totals.events, row }));`;

  const check = (result, build) => {
    assert.equal(result.status, 0, result.stderr);
    const out = JSON.parse(result.stdout.trim().split("\n").at(-1));
    assert.ok(out.wasm.endsWith(`/pkg/${build}/journeymap.js`), out.wasm);
    assert.deepEqual(out, {
      wasm: out.wasm,
      stages: 2,
      code: "DUPLICATE_ID",
      version,
      report: ["EMPTY_NAME", "NO_STAGES"],
      lint: true,
      svg: true,
      events: 1,
      row: ["UNKNOWN_TOUCHPOINT", 1],
    });
  };

  test("`import \"journeymap\"` under Node.js loads the nodejs build", () => {
    // Run from a module inside the package so that the package's own name resolves.
    check(run([], program.replace(/"journeymap"/, JSON.stringify(join(PACKAGE_DIR, "index.js")))), "node");
  });

  test("the bundler build works through the `browser` condition", () => {
    const result = run(["--conditions=browser", "--experimental-wasm-modules", "--no-warnings"], program.replace(/"journeymap"/, JSON.stringify(join(PACKAGE_DIR, "index.js"))));
    check(result, "bundler");
  });

  test("require() of the package works where Node.js supports require(esm)", { skip: process.features.require_module ? false : "this Node.js has no require(esm)" }, () => {
    const result = spawnSync(
      process.execPath,
      ["--no-warnings", "-e", `const { JourneyMap } = require(${JSON.stringify(join(PACKAGE_DIR, "index.js"))}); console.log(JourneyMap.fromJSON('{"name": "x", "stages": [{"id": "s", "name": "S"}]}').name);`],
      { encoding: "utf8" },
    );
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout.trim(), "x");
  });

  const wasmOf = (build) => readFileSync(join(PACKAGE_DIR, "pkg", build, "journeymap_bg.wasm"));
  const named = ["node", "bundler"].every((b) => existsSync(join(PACKAGE_DIR, "pkg", b, "journeymap_bg.wasm")) && wasmOf(b).includes("journeymap::analytics::"));
  test("the WebAssembly holds no thread pool (the core's parallel feature is off)", { skip: named ? false : "the build has no function names" }, () => {
    for (const build of ["node", "bundler"]) {
      // The name section lists the functions linked in: the analytics are, rayon is not.
      assert.ok(!wasmOf(build).includes("rayon"), `${build}: rayon linked in`);
    }
  });

  test("a map built in one module instance is usable as a document elsewhere", () => {
    const map = JourneyMap.fromObject(shopDocument());
    assert.deepEqual(validate(map), []);
  });
});
