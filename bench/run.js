#!/usr/bin/env node
// `npm run bench`: every benchmark in this folder, one after the other.
import { spawnSync } from "node:child_process";
import path from "node:path";

const benches = [
  "startup.js",
  "upload.js",
  "upload-http.js",
  "gap-matrix.js",
  "reminders.js",
  "public-home.js",
  "dashboard.js",
  "regional-xlsx.js",
  "xlsx-import.js",
  "soak.js",
];
for (const bench of benches) {
  const result = spawnSync(
    "node",
    [path.join(import.meta.dirname, bench), ...process.argv.slice(2)],
    { stdio: "inherit" },
  );
  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
}
