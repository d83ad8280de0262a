// The JavaScript blocks of the READMEs run: each is a module of its own that
// imports from "journeymap" (this package) and checks what it shows with
// `node:assert`, run from the repository root (the paths it reads are
// relative to it).
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const PACKAGE = join(HERE, "..");
const REPO = join(PACKAGE, "..");
const ENTRY = pathToFileURL(join(PACKAGE, "index.js")).href;
const READMES = [join(PACKAGE, "README.md"), join(REPO, "README.md")];
const dir = mkdtempSync(join(tmpdir(), "journeymap-readme-"));

for (const readme of READMES) {
  const blocks = [...readFileSync(readme, "utf8").matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  test(`${readme.slice(REPO.length + 1)} has JavaScript examples`, () => assert.ok(blocks.length > 0));
  blocks.forEach((code, i) => {
    test(`${readme.slice(REPO.length + 1)} block ${i + 1}`, async () => {
      assert.match(code, /from "journeymap"/, "each block is a whole module importing the package");
      const file = join(dir, `${readme.length}-${i}.mjs`);
      writeFileSync(file, code.replaceAll('from "journeymap"', `from ${JSON.stringify(ENTRY)}`));
      const cwd = process.cwd();
      process.chdir(REPO);
      try {
        await import(pathToFileURL(file).href);
      } finally {
        process.chdir(cwd);
      }
    });
  });
}
