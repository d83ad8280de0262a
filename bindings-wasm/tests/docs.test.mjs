// The `@example` blocks of the type declarations (what editors show) run,
// and every exported function and class has one. Each example is a module
// of its own that imports from "journeymap" (this package) and checks what
// it shows with `node:assert`.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";

import { PACKAGE_DIR, runExample } from "./helpers.mjs";

// The package's declarations: generated from the JSDoc of lib/*.js
// (scripts/gen-api-types.mjs), and values.d.ts.
const DECLARATIONS = ["lib/errors.d.ts", "lib/map.d.ts", "lib/api.d.ts", "web.d.ts", "values.d.ts"]
  .map((file) => readFileSync(join(PACKAGE_DIR, file), "utf8"))
  .join("\n");

/** Every JSDoc comment with the declaration that follows it. */
function documented(source) {
  const out = [];
  // The declaration line is looked at, not consumed: it may open the next comment.
  const re = /\/\*\*([\s\S]*?)\*\/\s*\n(?=\s*([^\n]*))/g;
  for (let m; (m = re.exec(source)); ) {
    const text = m[1]
      .split("\n")
      .map((line) => line.replace(/^\s*\* ?/, ""))
      .join("\n");
    out.push({ text, declaration: m[2].trim() });
  }
  return out;
}

/** The ```js blocks after `@example` in a comment's text. */
function examples(text) {
  const at = text.indexOf("@example");
  if (at < 0) return [];
  return [...text.slice(at).matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
}

/** A name for a declaration line (`analyze`, `JourneyMap.fromJSON`...). */
function nameOf(declaration, owner) {
  const fn = declaration.match(/^export (?:declare )?(?:default )?(?:function|class|const) (\w+)/);
  if (fn) return fn[1];
  const member = declaration.match(/^(?:static |readonly |get )*(\w+)\s*[(<:]/);
  return member ? `${owner}.${member[1]}` : declaration;
}

const docs = documented(DECLARATIONS);
const cases = [];
let owner = "";
for (const { text, declaration } of docs) {
  const cls = declaration.match(/^export (?:declare )?class (\w+)/);
  if (cls) owner = cls[1];
  const name = nameOf(declaration, owner);
  examples(text).forEach((code, i) => cases.push({ name: `${name} #${i + 1}`, code }));
}

describe("examples in the declarations", () => {
  for (const { name, code } of cases) {
    test(name, async () => {
      assert.match(code, /from "journeymap(\/web)?"/, "an example imports the package by its name");
      await runExample(code);
    });
  }
});

test("every exported function and class has an example", () => {
  const exported = [...DECLARATIONS.matchAll(/^export (?:declare )?(?:default )?(?:function|class) (\w+)/gm)].map((m) => m[1]);
  const withExample = new Set(
    docs.filter((d) => examples(d.text).length > 0).map((d) => nameOf(d.declaration, "")),
  );
  const missing = [...new Set(exported)].filter((name) => !withExample.has(name));
  assert.deepEqual(missing, []);
  assert.ok(cases.length >= new Set(exported).size);
});
