#!/usr/bin/env node
// Generates TypeScript declarations from the published JSON Schemas:
//   types.d.ts   the journey-map document, from schema/journey-map.schema.json
//   report.d.ts  the journey report, from schema/journey-report.schema.json
//   lint.d.ts    the lint rules' codes and names, from schema/lint-rules.json
//                (the core library's catalogue)
//   errors.d.ts  the core library's error codes, from schema/error-codes.json
//   lib/schemas.js  the document and report schemas as data, for `schema()`
//                and `reportSchema()` (the WebAssembly does not generate
//                them at run time)
//
//   node scripts/gen-types.mjs           writes both
//   node scripts/gen-types.mjs --check   exits 1 if any is stale
//
// Every keyword that shapes a value is translated; a keyword this generator
// does not know fails the generation instead of being ignored, so the types
// can never silently drift from the schemas.

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const SCHEMA_PATH = join(here, "..", "..", "schema", "journey-map.schema.json");
export const TYPES_PATH = join(here, "..", "types.d.ts");
export const REPORT_SCHEMA_PATH = join(here, "..", "..", "schema", "journey-report.schema.json");
export const REPORT_TYPES_PATH = join(here, "..", "report.d.ts");
export const LINT_RULES_PATH = join(here, "..", "..", "schema", "lint-rules.json");
export const LINT_TYPES_PATH = join(here, "..", "lint.d.ts");
export const ERROR_CODES_PATH = join(here, "..", "..", "schema", "error-codes.json");
export const ERROR_TYPES_PATH = join(here, "..", "errors.d.ts");
export const SCHEMAS_MODULE_PATH = join(here, "..", "lib", "schemas.js");

/** lib/schemas.js: the two published schemas as JSON text constants. */
export function generateSchemasModule(documentSchema, reportSchema) {
  return [
    "// The JSON Schemas of the journey-map document and of the journey report,",
    "// as JSON text. Generated from schema/journey-map.schema.json and",
    "// schema/journey-report.schema.json (the core library's schemas) by",
    "// scripts/gen-types.mjs: do not edit, run `node scripts/gen-types.mjs`.",
    "",
    `export const DOCUMENT_SCHEMA = ${JSON.stringify(JSON.stringify(documentSchema))};`,
    "",
    `export const REPORT_SCHEMA = ${JSON.stringify(JSON.stringify(reportSchema))};`,
    "",
  ].join("\n");
}

/** errors.d.ts from the core library's list of codes (schema/error-codes.json). */
export function generateErrors(codes) {
  const unique = [...new Set(codes.map((c) => c.code))];
  return [
    "// The core library's error codes as a TypeScript type.",
    "// Generated from schema/error-codes.json (`Error::ALL_CODES` of the core library) by",
    "// scripts/gen-types.mjs: do not edit, run `node scripts/gen-types.mjs`.",
    "",
    "/** A stable error code of the core library, the same in Rust, Python, the CLI and here. */",
    `export type CoreErrorCode =\n${unique.map((c) => `  | ${JSON.stringify(c)}`).join("\n")};`,
    "",
  ].join("\n");
}

/**
 * lint.d.ts from the catalogue (schema/lint-rules.json): literal unions of
 * the rule codes and names, so that a misspelt rule fails `tsc`.
 */
export function generateLint(rules) {
  const union = (values) => values.map((v) => `  | ${JSON.stringify(v)}`).join("\n");
  return [
    "// The lint rules' codes and names as TypeScript types.",
    "// Generated from schema/lint-rules.json (the core library's catalogue) by",
    "// scripts/gen-types.mjs: do not edit, run `node scripts/gen-types.mjs`.",
    "",
    "/** The stable code of a lint rule. */",
    `export type LintRuleCode =\n${union(rules.map((r) => r.code))};`,
    "",
    "/** The stable name of a lint rule. */",
    `export type LintRuleName =\n${union(rules.map((r) => r.name))};`,
    "",
    "/**",
    " * A lint rule as settings name it: by code or by name. (The library also",
    " * takes them in any letter case; the types take the canonical spelling.)",
    " */",
    "export type LintRuleId = LintRuleCode | LintRuleName;",
    "",
  ].join("\n");
}

/** How each declaration file is generated. */
export const DOCUMENT = {
  rootName: "JourneyDocument",
  header: [
    "// The journey-map document (format version 1) as TypeScript types.",
    "// Generated from schema/journey-map.schema.json by scripts/gen-types.mjs: do not edit,",
    "// run `node scripts/gen-types.mjs` after the schema changes.",
    "//",
    "// Optional properties may be given as `null` (read as absent); the library",
    "// never returns `null` for them, it leaves them out.",
  ],
  jsonValue: "define",
};

export const REPORT = {
  rootName: "Report",
  header: [
    "// The journey report (what `analyze` returns) as TypeScript types.",
    "// Generated from schema/journey-report.schema.json by scripts/gen-types.mjs: do not edit,",
    "// run `node scripts/gen-types.mjs` after the schema changes.",
    "//",
    "// Keys are those of the report's JSON (snake_case). Optional properties are",
    "// absent or `null` where the schema allows it.",
  ],
  jsonValue: "import",
};

/** Keywords that only constrain values TypeScript cannot express. */
const VALIDATION_ONLY = new Set([
  "$id",
  "$schema",
  "title",
  "description",
  "default",
  "examples",
  "format",
  "pattern",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
  "deprecated",
  "readOnly",
  "writeOnly",
]);

/** Keywords translated below. */
const SHAPING = new Set([
  "$defs",
  "$ref",
  "type",
  "const",
  "enum",
  "oneOf",
  "anyOf",
  "allOf",
  "properties",
  "required",
  "additionalProperties",
  "items",
]);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function fail(path, message) {
  throw new Error(`${path || "#"}: ${message}`);
}

function checkKeywords(schema, path) {
  for (const key of Object.keys(schema)) {
    if (!VALIDATION_ONLY.has(key) && !SHAPING.has(key)) {
      fail(path, `unsupported JSON Schema keyword "${key}"; teach scripts/gen-types.mjs to translate it`);
    }
  }
}

/** JSDoc lines for a schema: description plus the constraints TS cannot hold. */
function docLines(schema) {
  const lines = [];
  if (typeof schema.description === "string") lines.push(...schema.description.split("\n"));
  const notes = [];
  if (schema.type === "integer" || (Array.isArray(schema.type) && schema.type.includes("integer"))) {
    notes.push("An integer.");
  }
  if (schema.minimum !== undefined && schema.maximum !== undefined) {
    notes.push(`From ${schema.minimum} to ${schema.maximum}.`);
  } else if (schema.minimum !== undefined) {
    notes.push(`At least ${schema.minimum}.`);
  } else if (schema.maximum !== undefined) {
    notes.push(`At most ${schema.maximum}.`);
  }
  if (schema.pattern !== undefined) notes.push(`Pattern: \`${schema.pattern}\`.`);
  if (schema.format !== undefined) notes.push(`Format: ${schema.format}.`);
  if (notes.length > 0) {
    if (lines.length > 0) lines.push("");
    lines.push(notes.join(" "));
  }
  if (schema.default !== undefined) lines.push(`@default ${JSON.stringify(schema.default)}`);
  return lines.map((l) => l.replaceAll("*/", "*\\/"));
}

function jsdoc(schema, indent) {
  const lines = docLines(schema);
  if (lines.length === 0) return "";
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => (l ? `${indent} * ${l}` : `${indent} *`)).join("\n")}\n${indent} */\n`;
}

function refName(ref, path) {
  const m = /^#\/\$defs\/([A-Za-z_][A-Za-z0-9_]*)$/.exec(ref);
  if (!m) fail(path, `unsupported $ref "${ref}" (only #/$defs/Name)`);
  return m[1];
}

function union(parts) {
  const unique = [...new Set(parts)];
  return unique.length === 1 ? unique[0] : unique.join(" | ");
}

function wrap(type) {
  return /[|&]/.test(type) ? `(${type})` : type;
}

/** TypeScript type of an object schema's own properties, as a `{...}` literal. */
function objectLiteral(schema, path, indent) {
  const required = new Set(schema.required ?? []);
  const inner = `${indent}  `;
  const members = [];
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const key = IDENTIFIER.test(name) ? name : JSON.stringify(name);
    const optional = required.has(name) ? "" : "?";
    const type = tsType(prop, `${path}/properties/${name}`, inner);
    members.push(`${jsdoc(prop, inner)}${inner}${key}${optional}: ${type};`);
  }
  for (const name of required) {
    if (!(name in (schema.properties ?? {}))) fail(path, `required property "${name}" has no schema`);
  }
  const extra = schema.additionalProperties;
  if (extra !== undefined && extra !== false) {
    const type = extra === true ? "JsonValue" : tsType(extra, `${path}/additionalProperties`, inner);
    members.push(`${inner}[key: string]: ${type};`);
  } else if (extra === undefined && members.length === 0) {
    members.push(`${inner}[key: string]: JsonValue;`);
  }
  if (members.length === 0) return "Record<string, never>";
  return `{\n${members.join("\n")}\n${indent}}`;
}

/** TypeScript type of a schema. */
function tsType(schema, path, indent) {
  if (schema === true) return "JsonValue";
  if (schema === false) return "never";
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) {
    fail(path, "a schema must be an object or a boolean");
  }
  checkKeywords(schema, path);
  if (schema.$ref !== undefined) {
    const extra = Object.keys(schema).filter((k) => SHAPING.has(k) && k !== "$ref");
    if (extra.length > 0) fail(path, `$ref combined with ${extra.join(", ")}`);
    return refName(schema.$ref, path);
  }
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum !== undefined) return union(schema.enum.map((v) => JSON.stringify(v)));

  let base;
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    base = union(
      types.map((t) => {
        switch (t) {
          case "string":
            return "string";
          case "integer":
          case "number":
            return "number";
          case "boolean":
            return "boolean";
          case "null":
            return "null";
          case "array":
            if (schema.items === undefined) return "JsonValue[]";
            return `${wrap(tsType(schema.items, `${path}/items`, indent))}[]`;
          case "object":
            return objectLiteral(schema, path, indent);
          default:
            return fail(path, `unknown type "${t}"`);
        }
      }),
    );
  } else if (schema.properties !== undefined || schema.additionalProperties !== undefined) {
    base = objectLiteral(schema, path, indent);
  }

  const parts = [];
  if (base !== undefined) parts.push(base);
  for (const combinator of ["oneOf", "anyOf"]) {
    if (schema[combinator] === undefined) continue;
    const members = schema[combinator].map((s, i) => tsType(s, `${path}/${combinator}/${i}`, indent));
    parts.push(wrap(union(members)));
  }
  for (const [i, s] of (schema.allOf ?? []).entries()) {
    parts.push(wrap(tsType(s, `${path}/allOf/${i}`, indent)));
  }
  if (parts.length === 0) return "JsonValue";
  return parts.length === 1 ? parts[0].replace(/^\((.*)\)$/s, "$1") : parts.join(" & ");
}

/** Documentation of a string union's members (`oneOf` of described consts). */
function constDocs(schema) {
  const members = schema.oneOf ?? schema.anyOf;
  if (!Array.isArray(members) || !members.every((m) => m && m.const !== undefined)) return schema;
  const lines = members.map((m) => `- \`${m.const}\`${m.description ? `: ${m.description}` : ""}`);
  const description = [schema.description ?? "", "", ...lines].join("\n").replace(/^\n/, "");
  return { ...schema, description };
}

/**
 * The text of a declaration file: `types.d.ts` by default (`DOCUMENT`),
 * `report.d.ts` with `REPORT`.
 */
export function generate(schema, kind = DOCUMENT) {
  if (schema === null || typeof schema !== "object") throw new Error("the schema must be an object");
  const out = [...kind.header, ""];
  if (kind.jsonValue === "define") {
    out.push(
      "/** Any JSON value (free key/value attributes). */",
      "export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };",
      "",
    );
  }
  const bodyStart = out.length;
  const rootName = kind.rootName;
  const defs = schema.$defs ?? {};
  if (rootName in defs) throw new Error(`$defs already has a ${rootName}`);
  const { $defs: _defs, ...root } = schema;
  const entries = [[rootName, root, "#"], ...Object.entries(defs).map(([n, s]) => [n, s, `#/$defs/${n}`])];
  for (const [name, def, path] of entries) {
    if (!IDENTIFIER.test(name)) throw new Error(`${path}: "${name}" is not a TypeScript identifier`);
    const type = tsType(def, path, "");
    const isPlainObject = type.startsWith("{\n") && type.endsWith("}") && !/\n}\s*[&|]/.test(type);
    out.push(jsdoc(constDocs(def), "").trimEnd());
    if (isPlainObject) {
      out.push(`export interface ${name} ${type}`, "");
    } else {
      out.push(`export type ${name} = ${type};`, "");
    }
  }
  if (kind.jsonValue === "import" && out.slice(bodyStart).some((l) => /\bJsonValue\b/.test(l))) {
    out.splice(bodyStart, 0, 'import type { JsonValue } from "./types.js";', "");
  }
  const lines = out.filter((l, i) => !(l === "" && out[i - 1] === ""));
  return `${lines.join("\n").trimEnd()}\n`;
}

function main() {
  let stale = false;
  for (const [schemaPath, typesPath, kind] of [
    [SCHEMA_PATH, TYPES_PATH, DOCUMENT],
    [REPORT_SCHEMA_PATH, REPORT_TYPES_PATH, REPORT],
    [LINT_RULES_PATH, LINT_TYPES_PATH, "lint"],
    [ERROR_CODES_PATH, ERROR_TYPES_PATH, "errors"],
    [[SCHEMA_PATH, REPORT_SCHEMA_PATH], SCHEMAS_MODULE_PATH, "schemas"],
  ]) {
    const read = (path) => JSON.parse(readFileSync(path, "utf8"));
    const source = Array.isArray(schemaPath) ? schemaPath.map(read) : read(schemaPath);
    const text =
      kind === "lint"
        ? generateLint(source)
        : kind === "errors"
          ? generateErrors(source)
          : kind === "schemas"
            ? generateSchemasModule(...source)
            : generate(source, kind);
    const name = typesPath.slice(typesPath.lastIndexOf("/") + 1);
    if (process.argv.includes("--check")) {
      let current = "";
      try {
        current = readFileSync(typesPath, "utf8");
      } catch {
        // missing: stale
      }
      if (current !== text) {
        console.error(`${name} is stale: run \`node scripts/gen-types.mjs\` in bindings-wasm`);
        stale = true;
      } else {
        console.log(`${name} is up to date`);
      }
    } else {
      writeFileSync(typesPath, text);
      console.log(`wrote ${typesPath}`);
    }
  }
  if (stale) process.exit(1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
