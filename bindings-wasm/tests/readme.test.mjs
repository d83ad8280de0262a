// The JavaScript blocks of the READMEs run: each is a module of its own that
// imports from "journeymap" (this package) and checks what it shows with
// `node:assert`, run from the repository root (the paths it reads are
// relative to it).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";

import { PACKAGE_DIR, REPO_DIR, runExample } from "./helpers.mjs";

for (const readme of [join(PACKAGE_DIR, "README.md"), join(REPO_DIR, "README.md")]) {
  const name = relative(REPO_DIR, readme);
  const blocks = [...readFileSync(readme, "utf8").matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  test(`${name} has JavaScript examples`, () => assert.ok(blocks.length > 0));
  blocks.forEach((code, i) => {
    test(`${name} block ${i + 1}`, async () => {
      assert.match(code, /from "journeymap"/, "each block is a whole module importing the package");
      await runExample(code, REPO_DIR);
    });
  });
}
