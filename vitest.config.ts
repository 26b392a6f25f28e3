import fs from "node:fs";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// CI must run the browser tests (the e2e global setup fails without Chromium); a developer's
// machine without Chromium runs the rest and is told how to get the browser tests too.
const runE2e = process.env.CI === "true" || fs.existsSync(chromium);
if (!runE2e) {
  console.warn(`\n[e2e] Omitidas: no hay Chromium en ${chromium} (apt-get install chromium).\n`);
}

// Four projects: pure domain rules, the web app's pure code (formatting, forms' validation, the
// address's filters, the API client over a stubbed fetch: node, no DOM), the API through
// app.inject on a real database, and the browser through Debian's Chromium. API and e2e files of one worker share one database (PGlite
// takes seconds to create), reset between files; see docs/decisions/0005-test-databases.md.
const unit: TestProjectInlineConfiguration = {
  test: {
    name: "unit",
    sequence: { groupOrder: 0 },
    // Pure functions take milliseconds; a busy machine makes some take seconds. Only a hang fails.
    testTimeout: 60_000,
    include: [
      "src/domain/**/*.test.ts",
      "src/contracts/**/*.test.ts",
      "src/architecture.test.ts",
      "scripts/**/*.test.ts",
    ],
  },
};

const web: TestProjectInlineConfiguration = {
  test: {
    name: "web",
    sequence: { groupOrder: 0 },
    testTimeout: 60_000,
    include: ["src/web/**/*.test.ts"],
    environment: "node",
  },
};

const api: TestProjectInlineConfiguration = {
  test: {
    name: "api",
    sequence: { groupOrder: 1 },
    include: ["src/server/**/*.test.ts", "src/cli/**/*.test.ts"],
    globalSetup: ["src/server/test/global-setup.ts"],
    setupFiles: ["src/server/test/strict-warnings.ts"],
    pool: "forks",
    isolate: false,
    maxWorkers: 2,
    // Limits for a busy machine (CI shares its two cores): opening a worker's PGlite takes ~4 s on
    // an idle machine and over a minute with the cores taken by other work, and a test runs ten to
    // twenty times slower when a load of 20 shares two cores. The limits only catch a hang, they
    // measure nothing, so no file sets a shorter one (a file may set a longer one it can justify).
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
};

const e2e: TestProjectInlineConfiguration = {
  test: {
    name: "e2e",
    sequence: { groupOrder: 2 },
    include: ["e2e/**/*.test.ts"],
    globalSetup: ["src/server/test/global-setup.ts", "e2e/global-setup.ts"],
    pool: "forks",
    isolate: false,
    maxWorkers: 1,
    // As for the API: only a hang. Polls wait as long (a page refetching on a busy machine).
    testTimeout: 600_000,
    hookTimeout: 600_000,
    expect: { poll: { timeout: 60_000 } },
  },
};

export default defineConfig({
  test: { projects: runE2e ? [unit, web, api, e2e] : [unit, web, api] },
});
