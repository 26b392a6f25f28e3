#!/usr/bin/env node
// `npm run bench`: every benchmark in this folder, one after the other.
// `npm run bench -- --scale 2500`: the reads (bench/reads.js) at 125 and 2,500 municipalities,
// each against bare Fastify sending the same bytes, with the growth from one scale to the other.
import { spawnSync } from "node:child_process";
import path from "node:path";

const args = process.argv.slice(2);
const scaleAt = args.indexOf("--scale");

function run(bench, benchArgs) {
  const result = spawnSync("node", [path.join(import.meta.dirname, bench), ...benchArgs], {
    stdio: "inherit",
  });
  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
}

if (scaleAt >= 0) {
  const scale = args[scaleAt + 1] ?? "2500";
  const rest = args.filter((_, index) => index !== scaleAt && index !== scaleAt + 1);
  run("reads.js", ["--scale", scale.includes(",") ? scale : `125,${scale}`, ...rest]);
} else {
  for (const bench of [
    "startup.js",
    "upload.js",
    "upload-http.js",
    "gap-matrix.js",
    "reminders.js",
    "public-home.js",
    "dashboard.js",
    "municipality-page.js",
    "regional-xlsx.js",
    "xlsx-import.js",
    "survey.js",
    "soak.js",
  ]) {
    run(bench, args);
  }
}
