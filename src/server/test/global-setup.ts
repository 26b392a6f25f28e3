import { randomBytes } from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    testRunId: string;
  }
}

/**
 * Gives the run an id. With TEST_DATABASE_URL, each worker creates its own database named after
 * it (see db.ts); teardown drops every database of this run, whatever state the workers left.
 */
export default function setup(project: TestProject) {
  const runId = randomBytes(4).toString("hex");
  project.provide("testRunId", runId);
  return async () => {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) {
      return;
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ datname: string }>(
        "select datname from pg_database where datname like $1",
        [`mrtm_test_${runId}_%`],
      );
      for (const { datname } of rows) {
        await client.query(`drop database if exists "${datname}" with (force)`);
      }
    } finally {
      await client.end();
    }
  };
}
