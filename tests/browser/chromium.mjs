// Debian's Chromium, headless, and a static file server: what the browser
// suite (run.mjs) and the WebAssembly benchmark (bench.mjs) share.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".cjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".map": "application/json",
  ".csv": "text/csv; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

/** A static file server for `root` on 127.0.0.1 and a random port. */
export function serve(root) {
  const served = { scriptBytes: 0 };
  const server = http.createServer((request, response) => {
    const { pathname } = new URL(request.url, "http://127.0.0.1");
    let file = path.join(root, decodeURIComponent(pathname));
    if (file !== root && !file.startsWith(root + path.sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      if (fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
      const body = fs.readFileSync(file);
      const type = CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream";
      if (/\.(m?js|wasm)$/.test(file)) served.scriptBytes += body.length;
      response.writeHead(200, { "Content-Type": type, "Cache-Control": "no-store" }).end(body);
    } catch {
      response.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
    }
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}/`, served, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

/**
 * Launches headless Chromium at `executablePath` (Debian's build; never a
 * downloaded one) with puppeteer-core, in a fresh profile that
 * `browser.close()` removes. As root Chromium needs `--no-sandbox`; the
 * other flags keep it off the network this machine does not have.
 */
export async function launchChromium(puppeteer, executablePath = "/usr/bin/chromium") {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "journeymap-chromium-"));
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    userDataDir,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const close = browser.close.bind(browser);
  browser.close = async () => {
    await close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return browser;
}
