// The TypeScript declarations: generated document types are fresh and cover
// the schema, the API's declarations are what the JSDoc of lib/*.js
// generates and cover the runtime API, and a typed usage file compiles with
// `tsc --noEmit`.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";

import * as api from "../index.js";
import { JourneyMap } from "../index.js";
import {
  ERROR_CODES_PATH,
  ERROR_TYPES_PATH,
  LINT_RULES_PATH,
  LINT_TYPES_PATH,
  REPORT,
  SCHEMAS_MODULE_PATH,
  generate,
  generateErrors,
  generateLint,
  generateSchemasModule,
} from "../scripts/gen-types.mjs";
import { generateApiTypes, withSources } from "../scripts/gen-api-types.mjs";
import { PACKAGE_DIR, REPO_DIR, REPORT_SCHEMA_PATH, SCHEMA_PATH, readJson, readText } from "./helpers.mjs";

const typesText = readText(join(PACKAGE_DIR, "types.d.ts"));
const reportText = readText(join(PACKAGE_DIR, "report.d.ts"));
// The API's declarations (generated from the JSDoc of lib/*.js) and the
// values it takes and gives (values.d.ts).
const API_FILES = ["index.d.ts", "web.d.ts", "lib/api.d.ts", "lib/map.d.ts", "lib/errors.d.ts", "lib/load.d.ts"];
const apiText = API_FILES.map((file) => readText(join(PACKAGE_DIR, file))).join("\n");
const valuesText = readText(join(PACKAGE_DIR, "values.d.ts"));

describe("document types", () => {
  const schema = readJson(SCHEMA_PATH);

  test("types.d.ts is what the schema generates (run `node scripts/gen-types.mjs` if not)", () => {
    assert.equal(typesText, generate(schema));
  });

  test("every property of the schema is declared", () => {
    const names = new Set();
    const walk = (s) => {
      if (Array.isArray(s)) s.forEach(walk);
      else if (s && typeof s === "object") {
        for (const [k, v] of Object.entries(s)) {
          if (k === "properties") {
            for (const [name, sub] of Object.entries(v)) {
              names.add(name);
              walk(sub);
            }
          } else {
            walk(v);
          }
        }
      }
    };
    walk(schema);
    assert.ok(names.size > 50, `${names.size} property names`);
    const missing = [...names].filter((n) => !new RegExp(`^\\s*"?${n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"?\\??: `, "m").test(typesText));
    assert.deepEqual(missing, []);
  });

  test("every definition of the schema is exported, plus JourneyDocument", () => {
    for (const name of [...Object.keys(schema.$defs), "JourneyDocument"]) {
      assert.match(typesText, new RegExp(`^export (interface|type) ${name}\\b`, "m"), name);
    }
  });

  test("string enums list exactly the schema's values", () => {
    for (const [name, def] of Object.entries(schema.$defs)) {
      const members = def.oneOf ?? def.enum;
      if (!Array.isArray(members) || !members.every((m) => m.const !== undefined)) continue;
      const line = typesText.match(new RegExp(`^export type ${name} = (.*);$`, "m"));
      assert.ok(line, name);
      assert.deepEqual(line[1].split(" | ").map((x) => JSON.parse(x)), members.map((m) => m.const), name);
    }
  });

  test("the generator refuses schema keywords it cannot translate", () => {
    assert.throws(() => generate({ type: "object", properties: { a: { not: { type: "string" } } } }), /unsupported JSON Schema keyword "not"/);
    assert.throws(() => generate({ type: "object", properties: { a: { $ref: "other.json#/x" } } }), /unsupported \$ref/);
    assert.throws(() => generate({ type: "object", properties: { a: { prefixItems: [] } } }), /prefixItems/);
  });
});

describe("report types", () => {
  const schema = readJson(REPORT_SCHEMA_PATH);

  test("report.d.ts is what the report schema generates (run `node scripts/gen-types.mjs` if not)", () => {
    assert.equal(reportText, generate(schema, REPORT));
  });

  test("every definition of the report schema is exported, plus Report", () => {
    for (const name of [...Object.keys(schema.$defs), "Report"]) {
      assert.match(reportText, new RegExp(`^export (interface|type) ${name}\\b`, "m"), name);
    }
  });

  test("no name is exported by both types.d.ts and report.d.ts", () => {
    const exported = (text) => [...text.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1]);
    const document = new Set(exported(typesText));
    assert.deepEqual(exported(reportText).filter((n) => document.has(n)), []);
  });
});

describe("entry point types", () => {
  test("the API's declarations are what the JSDoc generates (run `node scripts/gen-api-types.mjs` if not)", () => {
    const generated = generateApiTypes();
    assert.deepEqual(Object.keys(generated).sort(), [...API_FILES].sort());
    for (const [path, text] of Object.entries(generated)) {
      assert.equal(readText(join(PACKAGE_DIR, path)), text, path);
    }
  });

  test("every runtime export is declared", () => {
    for (const name of Object.keys(api)) {
      assert.match(apiText, new RegExp(`export (declare )?(const|let|class|function) ${name}\\b`), name);
    }
  });

  test("every public JourneyMap method and getter is declared", () => {
    const members = [
      ...Object.getOwnPropertyNames(JourneyMap.prototype).filter((m) => m !== "constructor"),
      ...Object.getOwnPropertyNames(JourneyMap).filter((m) => !["length", "name", "prototype"].includes(m)),
    ];
    assert.ok(members.length > 50);
    const body = apiText.slice(apiText.indexOf("export class JourneyMap "));
    for (const m of members) {
      assert.match(body, new RegExp(`^\\s+(static |readonly |get )?${m}\\b[(:]`, "m"), m);
    }
  });

  test("errors.d.ts and lint.d.ts are what the core's lists generate (run `node scripts/gen-types.mjs` if not)", () => {
    assert.equal(readText(ERROR_TYPES_PATH), generateErrors(readJson(ERROR_CODES_PATH)));
    assert.equal(readText(LINT_TYPES_PATH), generateLint(readJson(LINT_RULES_PATH)));
  });

  test("lib/schemas.js is what the published schemas generate (run `node scripts/gen-types.mjs` if not)", () => {
    assert.equal(
      readText(SCHEMAS_MODULE_PATH),
      generateSchemasModule(readJson(SCHEMA_PATH), readJson(REPORT_SCHEMA_PATH)),
    );
    assert.deepEqual(api.schema(), readJson(SCHEMA_PATH));
    assert.deepEqual(api.reportSchema(), readJson(REPORT_SCHEMA_PATH));
  });

  test("ErrorCode is the core library's codes and this binding's three", () => {
    // schema/error-codes.json is the core's Error::ALL_CODES (freshness-tested in core).
    const core = new Set(readJson(ERROR_CODES_PATH).map((c) => c.code));
    const declared = (text, name) => {
      const start = text.indexOf(`export type ${name} =`);
      return [...text.slice(start, text.indexOf(";", start)).matchAll(/"([A-Z_]+)"/g)].map((m) => m[1]);
    };
    assert.deepEqual(new Set(declared(readText(ERROR_TYPES_PATH), "CoreErrorCode")), core);
    assert.deepEqual(declared(valuesText, "ErrorCode").sort(), ["FREED", "INVALID_ARGUMENT", "NOT_LOADED"]);
    // The row codes of the report schema are core codes of the event_log category.
    const rowCodes = readJson(ERROR_CODES_PATH).filter((c) => c.category === "event_log").map((c) => c.code);
    assert.deepEqual(new Set(declared(reportText, "RowErrorKind")), new Set(rowCodes));
  });

  test("no `any` in the declarations", () => {
    for (const text of [apiText, valuesText, typesText, reportText]) {
      assert.doesNotMatch(text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ""), /\bany\b/);
    }
  });

  const tsc = join(PACKAGE_DIR, "node_modules", "typescript", "bin", "tsc");
  const skip = existsSync(tsc) ? false : "typescript not installed (npm ci)";
  for (const [name, config] of [
    ["a typed usage file (strict, exactOptionalPropertyTypes, @ts-expect-error checks)", "tsconfig.json"],
    ["a browser project with an ES2020 lib and no Node.js types", "tsconfig.minimal.json"],
  ]) {
    test(`tsc --noEmit: ${name}`, { skip }, () => {
      const result = spawnSync(process.execPath, [tsc, "--noEmit", "-p", join(PACKAGE_DIR, "tests", "types", config)], { encoding: "utf8" });
      assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
    });
  }

  // The package's modules (lib/) import every name they use from the module
  // that defines it: TypeScript's checker, reading the JavaScript, finds no
  // name it cannot resolve (TS2304, TS2552) and no missing export (TS2305).
  test("every name a module of lib/ uses is defined or imported", { skip }, () => {
    // The JavaScript alone: the declarations generated next to it would
    // stand in for the modules it imports.
    const result = withSources((work) => {
      const lib = join(work, "lib");
      const files = readdirSync(lib).filter((f) => f.endsWith(".js")).map((f) => join(lib, f));
      assert.ok(files.length >= 6, files.join(", "));
      const args = ["--noEmit", "--allowJs", "--checkJs", "--skipLibCheck", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext", ...files];
      return spawnSync(process.execPath, [tsc, ...args], { cwd: work, encoding: "utf8" });
    });
    const unresolved = result.stdout.split("\n").filter((line) => /error TS(2304|2552|2305|2724):/.test(line));
    assert.deepEqual(unresolved, []);
    assert.ok(result.stdout.length > 0 || result.status === 0, "tsc ran");
  });
});
