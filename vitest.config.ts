import { defineConfig } from "vitest/config";

// Three projects: pure domain rules, the API through app.inject on a real database, and the
// browser through Debian's Chromium. API and e2e files of one worker share one database (PGlite
// takes seconds to create), reset between files; see src/server/test/db.ts.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          sequence: { groupOrder: 0 },
          include: ["src/domain/**/*.test.ts", "src/contracts/**/*.test.ts"],
        },
      },
      {
        test: {
          name: "api",
          sequence: { groupOrder: 1 },
          include: ["src/server/**/*.test.ts", "src/cli/**/*.test.ts"],
          globalSetup: ["src/server/test/global-setup.ts"],
          pool: "forks",
          isolate: false,
          maxWorkers: 2,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "e2e",
          sequence: { groupOrder: 2 },
          include: ["e2e/**/*.test.ts"],
          globalSetup: ["src/server/test/global-setup.ts", "e2e/global-setup.ts"],
          pool: "forks",
          isolate: false,
          maxWorkers: 1,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
