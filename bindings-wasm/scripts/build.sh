#!/usr/bin/env bash
# Builds the npm package's WebAssembly into bindings-wasm/pkg/:
#
#   pkg/journeymap.js         wasm-bindgen --target web glue (ES module; its
#                             default-URL fallback removed, see below)
#   pkg/journeymap_wasm.js    the optimised .wasm, base64 in an ES module:
#                             the one copy of the WebAssembly in the package
#
# Steps: `cargo build --profile wasm` (Cargo.toml: opt-level, LTO, one
# codegen unit, panic = abort), wasm-bindgen, then wasm-opt from the
# `binaryen` npm package (a devDependency: `npm ci` first) at the level in
# WASM_OPT_LEVEL (default -O3, see docs/performance.md), stripping debug
# info, names and producers. Prints the sizes.
#
# Needs: rustup (adds the wasm32-unknown-unknown target if missing), cargo,
# node and bindings-wasm/node_modules. Installs wasm-bindgen-cli at exactly
# the version of the wasm-bindgen crate in Cargo.lock into tests/.tools
# (skipped when already there). Idempotent; works from any directory.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
TOOLS="${JOURNEYMAP_TOOLS:-$ROOT/tests/.tools}"
OPT_LEVEL="${WASM_OPT_LEVEL:--O3}"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    echo "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
fi

# The wasm-bindgen crate version in Cargo.lock: the CLI must match it exactly.
VERSION="$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/^version = "|"$/, ""); print; exit }' "$ROOT/Cargo.lock")"
if [[ -z "$VERSION" ]]; then
    echo "wasm-bindgen not found in $ROOT/Cargo.lock" >&2
    exit 1
fi
WASM_BINDGEN="$TOOLS/bin/wasm-bindgen"
if [[ "$("$WASM_BINDGEN" --version 2>/dev/null)" != "wasm-bindgen $VERSION" ]]; then
    echo "installing wasm-bindgen-cli $VERSION into $TOOLS"
    # Only the `wasm-bindgen` binary is used: no TLS features needed. The
    # CLI's own lock file is preferred; should the registry lack one of its
    # locked versions, cargo resolves compatible ones.
    if ! cargo install wasm-bindgen-cli --version "$VERSION" --no-default-features \
        --locked --root "$TOOLS"; then
        echo "retrying without --locked"
        cargo install wasm-bindgen-cli --version "$VERSION" --no-default-features --root "$TOOLS"
    fi
fi

WASM_OPT="$HERE/node_modules/.bin/wasm-opt"
if [[ ! -x "$WASM_OPT" ]]; then
    echo "wasm-opt not found: run npm ci in $HERE first (binaryen is a devDependency)" >&2
    exit 1
fi

cd "$ROOT"
cargo build -p journeymap-wasm --target wasm32-unknown-unknown --profile wasm
TARGET_DIR="$(cargo metadata --format-version 1 --no-deps | node -e \
    'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).target_directory))')"
WASM="$TARGET_DIR/wasm32-unknown-unknown/wasm/journeymap_wasm.wasm"
OUT="$TARGET_DIR/wasm-package"

rm -rf "$OUT"
"$WASM_BINDGEN" --target web --no-typescript --out-name journeymap --out-dir "$OUT" "$WASM"
"$WASM_OPT" "$OPT_LEVEL" --strip-debug --strip-producers --strip-target-features \
    "$OUT/journeymap_bg.wasm" -o "$OUT/journeymap.wasm"

rm -rf "$HERE/pkg"
mkdir -p "$HERE/pkg"
node "$HERE/scripts/package-wasm.mjs" "$OUT" "$HERE/pkg"

echo "wasm: $(wc -c < "$OUT/journeymap.wasm") bytes, $(gzip -9c "$OUT/journeymap.wasm" | wc -c) gzipped ($OPT_LEVEL; $OUT/journeymap.wasm)"
echo "shipped: $(wc -c < "$HERE/pkg/journeymap_wasm.js") bytes, $(gzip -9c "$HERE/pkg/journeymap_wasm.js" | wc -c) gzipped (pkg/journeymap_wasm.js)"
