// Checks schema/journey-map.schema.json and schema/journey-report.schema.json with ajv (draft 2020-12 build, strict
// mode, format assertions from ajv-formats).
//
// - every schema/examples/*.json must be accepted;
// - every schema/examples/invalid/*.json must be refused;
// - every tests/fixtures/documents/*.json must be accepted or refused as its
//   `schema_valid` entry in tests/expected/documents.json says (null: the
//   text must not even be JSON);
// - every report in $JOURNEYMAP_REPORTS_DIR (written by tests/schema/run with
//   the CLI) must be accepted by the report schema.
//
// Prints one summary line and exits non-zero on any failure.

import { readFileSync, readdirSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const schemaPath = join(root, "schema", "journey-map.schema.json");
const examplesDir = join(root, "schema", "examples");
const invalidDir = join(examplesDir, "invalid");
const fixturesDir = join(root, "tests", "fixtures", "documents");
const expectedPath = join(root, "tests", "expected", "documents.json");

const jsonFiles = (dir) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(".json"))
        .sort()
    : [];

const failures = [];
let passed = 0;

// strict: true turns on strictSchema, strictNumbers, strictTypes, strictTuples
// and strictRequired. Nullable optional fields are written as
// `"type": ["string", "null"]`, which strictTypes only accepts with
// allowUnionTypes.
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
addFormats(ajv, ["date"]);

let validate;
try {
  validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
} catch (err) {
  console.log(`FAIL schema does not compile in strict mode: ${err.message}`);
  console.log("schema (node ajv): 0 passed, 1 failed");
  process.exit(1);
}

const expected = JSON.parse(readFileSync(expectedPath, "utf8"));

const cases = [];
for (const f of jsonFiles(examplesDir)) cases.push([`example ${f}`, join(examplesDir, f), true]);
for (const f of jsonFiles(invalidDir)) cases.push([`invalid example ${f}`, join(invalidDir, f), false]);

const fixtureNames = jsonFiles(fixturesDir);
for (const name of Object.keys(expected).sort()) {
  if (!fixtureNames.includes(name)) failures.push(`expectation for missing fixture ${name}`);
}
for (const f of fixtureNames) {
  const entry = expected[f];
  if (entry === null || typeof entry !== "object" || !("schema_valid" in entry)) {
    failures.push(`fixture ${f}: no schema_valid in documents.json`);
    continue;
  }
  cases.push([`fixture ${f}`, join(fixturesDir, f), entry.schema_valid]);
}

if (!cases.some(([label]) => label.startsWith("example "))) failures.push("no example documents found");
if (cases.filter(([label]) => label.startsWith("invalid example")).length < 5) {
  failures.push("fewer than 5 invalid example documents");
}

for (const [label, path, want] of cases) {
  const text = readFileSync(path, "utf8");
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    if (want === null) passed += 1;
    else failures.push(`${label}: not JSON (${err.message})`);
    continue;
  }
  if (want === null) {
    failures.push(`${label}: expected malformed JSON, but it parses`);
    continue;
  }
  const valid = validate(doc);
  if (valid === want) {
    passed += 1;
  } else if (want) {
    const first = validate.errors[0];
    failures.push(`${label}: refused at ${first.instancePath || "/"}: ${first.message}`);
  } else {
    failures.push(`${label}: accepted, expected refusal`);
  }
}

const reportsDir = process.env.JOURNEYMAP_REPORTS_DIR;
if (reportsDir) {
  const reportPath = join(root, "schema", "journey-report.schema.json");
  let validateReport;
  try {
    validateReport = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true }).compile(
      JSON.parse(readFileSync(reportPath, "utf8")),
    );
  } catch (err) {
    failures.push(`report schema does not compile in strict mode: ${err.message}`);
  }
  const reports = jsonFiles(reportsDir);
  if (!reports.length) failures.push("no reports to validate");
  for (const f of validateReport ? reports : []) {
    if (validateReport(JSON.parse(readFileSync(join(reportsDir, f), "utf8")))) {
      passed += 1;
    } else {
      const first = validateReport.errors[0];
      failures.push(`report ${f}: refused at ${first.instancePath || "/"}: ${first.message}`);
    }
  }
}

for (const f of failures) console.log(`FAIL ${f}`);
console.log(`schema (node ajv): ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
