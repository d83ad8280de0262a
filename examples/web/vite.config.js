import { defineConfig } from "vite";

// The bundled example (schema/examples/coffee-maker.json and its event log)
// is imported with `?url` from the repository's schema/examples: Vite copies
// it into dist/assets at build time, and the dev server may read it there.
export default defineConfig({
  server: {
    fs: { allow: [".", "../../schema/examples"] },
  },
  // The package is plain ES modules with its WebAssembly embedded: nothing
  // to pre-bundle.
  optimizeDeps: { exclude: ["journeymap"] },
  worker: { format: "es" },
  build: { chunkSizeWarningLimit: 4096 },
});
