// Which crates take the bytes of the WebAssembly: reads `twiggy top --format
// csv` of the build with names (before wasm-bindgen and wasm-opt strip them)
// and prints the code bytes per crate, largest first, as a Markdown table.
//
//   cargo install twiggy
//   twiggy top -n 1000000 --format csv target/wasm32-unknown-unknown/wasm/journeymap_wasm.wasm \
//     | node bindings-wasm/scripts/size-breakdown.mjs
//
// A function counts for the first crate its name mentions among those that
// generate code on behalf of others (schemars, serde_path_to_error,
// serde_json, petgraph, csv), else for the crate its path starts with:
// `<journeymap::X as serde::Deserialize>::deserialize` is serde's work for
// journeymap's type, counted under journeymap; a schemars impl is counted
// under schemars. Custom sections (names, producers) are left out: the
// package strips them.
import { text } from "node:stream/consumers";

const csv = await text(process.stdin);
const lines = csv.trim().split("\n").slice(1);
const bytes = new Map();
let total = 0;
const GENERATORS = ["schemars", "serde_path_to_error", "serde_json", "petgraph", "csv_core", "csv"];
for (const line of lines) {
  // Name is quoted when it holds commas; the size is the field after it.
  const m = /^(?:"((?:[^"]|"")*)"|([^,]*)),(\d+),/.exec(line);
  if (!m) continue;
  const name = (m[1] ?? m[2]).replaceAll('""', '"');
  const size = Number(m[3]);
  if (name.startsWith("custom section") || name.endsWith("subsection") || name.startsWith("Σ")) continue;
  let crate;
  if (name.startsWith("data segment")) crate = "(data: strings and tables)";
  else {
    crate = GENERATORS.find((g) => name.includes(`${g}::`) || name.includes(`${g}[`));
    if (crate === undefined) {
      const first = /^<*&?(?:mut )?(?:dyn )?([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::/.exec(name);
      crate = first ? first[1] : "(other: imports, exports, glue)";
    }
    if (name.includes("json_schema") || name.includes("JsonSchema")) crate = "schemars";
  }
  bytes.set(crate, (bytes.get(crate) ?? 0) + size);
  total += size;
}
console.log("| crate | bytes | share |\n|---|---:|---:|");
for (const [crate, size] of [...bytes].sort((a, b) => b[1] - a[1]).slice(0, 16)) {
  console.log(`| ${crate} | ${size.toLocaleString("en")} | ${((100 * size) / total).toFixed(1)} % |`);
}
console.log(`| total (code and data) | ${total.toLocaleString("en")} | 100 % |`);
