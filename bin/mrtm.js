#!/usr/bin/env node
// The `mrtm` command. Runs the compiled CLI, compiling it first on a fresh clone.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const entry = path.join(root, "dist/cli/main.js");
if (!fs.existsSync(entry)) {
  const result = spawnSync("npm", ["run", "--silent", "build:server"], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
}
await import(entry);
