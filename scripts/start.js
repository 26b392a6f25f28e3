#!/usr/bin/env node
// `npm start`: builds what is missing or out of date, then runs the server. A fresh clone needs
// only `npm install && npm start`; later starts skip the build when nothing changed.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

// Tests are not part of any build: a changed test must not make every start rebuild.
const NOT_BUILT = /\.test\.tsx?$|^src\/server\/test$|^src\/domain\/test-fixtures\.ts$/;

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (NOT_BUILT.test(path.relative(root, full))) {
      continue;
    }
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function stale(output, inputs) {
  if (!fs.existsSync(output)) {
    return true;
  }
  const built = fs.statSync(output).mtimeMs;
  return inputs.some((input) => {
    const full = path.join(root, input);
    return (
      fs.existsSync(full) &&
      (fs.statSync(full).isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs) > built
    );
  });
}

function run(script) {
  const result = spawnSync("npm", ["run", "--silent", script], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
}

const shared = ["src/domain", "src/contracts", "package-lock.json"];
// The server's build is dated by TypeScript's build info, which every compilation that changed
// anything rewrites: an incremental build leaves unchanged outputs (main.js among them) as they
// were, and dating the build by one of them would rebuild on every start.
const serverBuild = path.join(root, "dist/.tsbuildinfo");
if (
  !fs.existsSync(path.join(root, "dist/server/main.js")) ||
  stale(serverBuild, [...shared, "src/server", "src/cli", "tsconfig.build.json"])
) {
  console.log("Compilando el servidor…");
  run("build:server");
}
// The embedded database's template (a first start loads it rather than create and migrate a
// database): remade with the server, and when the migrations or the reference seed change.
if (
  !process.env.DATABASE_URL &&
  stale(path.join(root, "dist/pglite-template.tar.gz"), [
    "dist/.tsbuildinfo",
    "drizzle",
    "src/server/seed",
    "assets/edomex",
  ])
) {
  console.log("Preparando la base de datos inicial…");
  run("build:template");
}
if (stale(path.join(root, "dist/web/index.html"), [...shared, "src/web", "vite.config.ts"])) {
  console.log("Compilando la aplicación web…");
  run("build:web");
}
await import(path.join(root, "dist/server/main.js"));
