#!/usr/bin/env node
// Writes dist/pglite-template.tar.gz: an embedded database with every migration applied and the
// reference data seeded (the institution, the municipalities, the 2022 model), dumped as PGlite's
// data folder. A first start loads it instead of creating an empty database and migrating it,
// which takes seconds (src/server/db/client.ts, PGLITE_TEMPLATE_FILE). Run by `npm run
// build:server` after the compiler; needs dist/server.
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const { openDatabase, PGLITE_TEMPLATE_FILE } = await import(
  path.join(root, "dist/server/db/client.js")
);
const { seedReferenceData } = await import(path.join(root, "dist/server/seed/index.js"));

const work = fs.mkdtempSync(path.join(path.dirname(PGLITE_TEMPLATE_FILE), ".template-"));
try {
  // In a folder of its own, as a real instance's: what the dump holds is what a start opens.
  const handle = await openDatabase({ kind: "pglite", dataDir: work, template: null });
  try {
    await handle.migrate(() => seedReferenceData(handle.db));
    const dump = await handle.dumpDataDir();
    const temp = `${PGLITE_TEMPLATE_FILE}.${process.pid}.tmp`;
    fs.writeFileSync(temp, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(temp, PGLITE_TEMPLATE_FILE);
  } finally {
    await handle.close();
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
