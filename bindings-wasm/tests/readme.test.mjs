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

// Blocks marked `fixture=PATH` quote a file the browser suite builds and runs
// (tests/browser/run): they must be that file, byte for byte.
for (const readme of [join(PACKAGE_DIR, "README.md"), join(REPO_DIR, "README.md")]) {
  const name = relative(REPO_DIR, readme);
  for (const [, lang, path, code] of readFileSync(readme, "utf8").matchAll(/```(\w+) fixture=(\S+)\n([\s\S]*?)```/g)) {
    test(`${name} quotes ${path} as it is`, () => {
      assert.ok(["js", "html"].includes(lang), lang);
      assert.equal(code, readFileSync(join(REPO_DIR, path), "utf8"));
    });
  }
}

test("the root README quotes the Vite, webpack and plain-page apps", () => {
  const quoted = [...readFileSync(join(REPO_DIR, "README.md"), "utf8").matchAll(/```\w+ fixture=(\S+)\n/g)].map((m) => m[1]);
  for (const app of ["vite", "webpack", "plain-page"]) {
    assert.ok(quoted.some((p) => p.startsWith(`tests/browser/apps/${app}/`)), app);
  }
});
