import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { CHROMIUM_PATH } from "./harness.js";

const root = path.resolve(import.meta.dirname, "..");

/** The browser tests drive the built app: build it unless the build is newer than the sources. */
export default function setup() {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Las pruebas de extremo a extremo necesitan Chromium en ${CHROMIUM_PATH}: apt-get update && apt-get install -y chromium`,
    );
  }
  const index = path.join(root, "dist/web/index.html");
  if (!fs.existsSync(index) || newest(path.join(root, "src")) > fs.statSync(index).mtimeMs) {
    // Vitest runs with NODE_ENV=test, which would make Vite bundle React's development build;
    // the browser tests (and a later `npm start`, which reuses a fresh build) need the real one.
    const result = spawnSync("npx", ["vite", "build", "--logLevel", "warn"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production" },
    });
    if (result.status !== 0) {
      throw new Error("vite build failed");
    }
  }
}

function newest(dir: string): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
}
