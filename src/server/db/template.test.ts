import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReferenceData } from "../seed/index.js";
import { openDatabase } from "./client.js";
import { modelVersions, municipalities } from "./schema/index.js";

/**
 * A new embedded database started from a template (decisions/0029): made here as the build makes
 * it (migrations, reference seed, dumpDataDir), then loaded into an empty data folder.
 */
const work = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-template-"));
const template = path.join(work, "template.tar.gz");

beforeAll(async () => {
  const source = await openDatabase({ kind: "pglite", dataDir: path.join(work, "source") });
  try {
    await source.migrate(() => seedReferenceData(source.db));
    const dump = await source.dumpDataDir?.();
    fs.writeFileSync(template, Buffer.from(await (dump as Blob).arrayBuffer()));
  } finally {
    await source.close();
  }
});

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

async function referenceCounts(dataDir: string, from: string | null) {
  const handle = await openDatabase({ kind: "pglite", dataDir, template: from });
  try {
    const [places] = await handle.db.select({ n: count() }).from(municipalities);
    const [versions] = await handle.db.select({ n: count() }).from(modelVersions);
    // What a start does next: nothing left to migrate, the seed finds everything in place.
    await handle.migrate(() => seedReferenceData(handle.db));
    const [after] = await handle.db.select({ n: count() }).from(municipalities);
    return { municipalities: places?.n, modelVersions: versions?.n, afterStart: after?.n };
  } finally {
    await handle.close();
  }
}

describe("a new PGlite database from the template", () => {
  it("opens with every migration applied and the reference data in place", async () => {
    expect(await referenceCounts(path.join(work, "fresh"), template)).toEqual({
      municipalities: 125,
      modelVersions: 1,
      afterStart: 125,
    });
  });

  it("leaves a folder that already holds a database as it is", async () => {
    const dataDir = path.join(work, "existing");
    const empty = await openDatabase({ kind: "pglite", dataDir });
    await empty.close();
    await expect(referenceCounts(dataDir, template)).rejects.toThrow(/municipalities/);
  });

  it("creates the database as without a template when the template is damaged", async () => {
    const damaged = path.join(work, "damaged.tar.gz");
    fs.writeFileSync(damaged, "not a tarball");
    const dataDir = path.join(work, "from-damaged");
    const handle = await openDatabase({ kind: "pglite", dataDir, template: damaged });
    try {
      await handle.migrate(() => seedReferenceData(handle.db));
      const [places] = await handle.db.select({ n: count() }).from(municipalities);
      expect(places?.n).toBe(125);
    } finally {
      await handle.close();
    }
  });
});
