#!/usr/bin/env bash
# Builds the npm package's WebAssembly into bindings-wasm/pkg/:
#   pkg/node/     wasm-bindgen --target nodejs  (CommonJS, loaded by index.js under Node.js)
#   pkg/bundler/  wasm-bindgen --target bundler (ES module + .wasm import, for bundlers)
#
# Needs: rustup (adds the wasm32-unknown-unknown target if missing) and cargo.
# Installs wasm-bindgen-cli at exactly the version of the wasm-bindgen crate in
# Cargo.lock into tests/.tools (skipped when already there). Idempotent; works
# from any directory. Prints the size of the .wasm file.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
TOOLS="${JOURNEYMAP_TOOLS:-$ROOT/tests/.tools}"

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

cd "$ROOT"
cargo build -p journeymap-wasm --target wasm32-unknown-unknown --release
TARGET_DIR="$(cargo metadata --format-version 1 --no-deps | node -e \
    'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).target_directory))')"
WASM="$TARGET_DIR/wasm32-unknown-unknown/release/journeymap_wasm.wasm"

for target in nodejs bundler; do
    dir="$HERE/pkg/${target/nodejs/node}"
    rm -rf "$dir"
    "$WASM_BINDGEN" --target "$target" --no-typescript --out-name journeymap --out-dir "$dir" "$WASM"
done
# The package is "type": "module"; the nodejs build is CommonJS.
printf '{\n  "type": "commonjs"\n}\n' > "$HERE/pkg/node/package.json"

echo "wasm: $(wc -c < "$HERE/pkg/node/journeymap_bg.wasm") bytes (pkg/node/journeymap_bg.wasm)"
