import path from "node:path";
import { ROLE_LABELS } from "../domain/roles.js";
import type { Config } from "./config.js";
import { type DatabaseHandle, openDatabase, PGLITE_TEMPLATE_FILE } from "./db/client.js";
import { documents, evidenceFiles } from "./db/schema/index.js";
import { seedDemoProgress } from "./seed/demo-progress.js";
import { type DemoCredential, seedDemoAccounts, seedReferenceData } from "./seed/index.js";
import { createBlobStore } from "./storage/index.js";
import { sweepStaleFiles } from "./uploads/sweep.js";

/**
 * Opens the configured database, applies migrations and seeds; shared by the server and the CLI.
 * On a first start with the demo, the demo accounts are created here and the demo progress is
 * returned as `demoProgress`, for the server to write once it listens (it takes seconds, and a
 * first start should not wait for it): each of its steps commits through the real services, so
 * the screens fill in as it goes and never show half a step.
 */
export async function startDatabase(
  config: Config,
  options: { seedDemo?: boolean } = {},
): Promise<{
  handle: DatabaseHandle;
  demoCredentials: string | null;
  demoProgress: (() => Promise<unknown>) | null;
}> {
  const handle = await openDatabase(
    config.databaseUrl
      ? { kind: "postgres", url: config.databaseUrl }
      : { kind: "pglite", dataDir: config.dataDir, template: PGLITE_TEMPLATE_FILE },
  );
  let credentials: DemoCredential[] = [];
  try {
    await handle.migrate(async () => {
      await seedReferenceData(handle.db);
      if (options.seedDemo ?? config.seedDemo) {
        credentials = await seedDemoAccounts(handle.db);
      }
    });
  } catch (error) {
    await handle.close();
    throw error;
  }
  await sweepLeftovers(config);
  if (handle.kind === "pglite") {
    await sweepUnrecordedBlobs(handle, config);
  }
  // A first look shows the whole cycle: other participants, evidence, reviews, support. Only the
  // process that created the demo accounts (under the start-up lock) gets it to write.
  const now = new Date();
  const demoProgress =
    credentials.length > 0
      ? () =>
          seedDemoProgress(handle.db, {
            blobs: createBlobStore(config),
            tempDir: config.uploadTempDir,
            now,
            publicUrl: config.publicUrl,
          })
      : null;
  return {
    handle,
    demoCredentials: credentials.length > 0 ? formatCredentials(credentials) : null,
    demoProgress,
  };
}

/** The banner printed once, at the first start, with the demo accounts' passwords. */
export function formatCredentials(credentials: DemoCredential[]): string {
  const lines = credentials.map(
    (c) =>
      `  ${ROLE_LABELS[c.role].padEnd(22)} ${c.email.padEnd(30)} ${c.password}${c.municipality ? `  (municipio ${c.municipality})` : ""}`,
  );
  return [
    "",
    "================================================================================",
    " Cuentas de demostración creadas. Estas contraseñas se muestran SOLO ESTA VEZ:",
    "",
    ...lines,
    "",
    " Para restablecer una: npx mrtm user reset-password --email CORREO",
    "================================================================================",
    "",
  ].join("\n");
}

const HOUR = 3_600_000;

/** Staged uploads and half-written blobs left by a crash: nothing references them. */
async function sweepLeftovers(config: Config): Promise<void> {
  await sweepStaleFiles(config.uploadTempDir, HOUR);
  if (config.blobStore.kind === "disk") {
    await sweepStaleFiles(path.join(config.blobStore.root, ".tmp"), HOUR);
  }
}

/**
 * Blobs whose database row never committed (the process died between storing the file and the
 * transaction): nothing lists them, and on PGlite they are removed at start. Only there, and only
 * for a blob folder inside the locked data folder: no other process can be between storing a
 * blob and committing its row, so every unrecorded blob is a crash's leftover. (With PostgreSQL
 * several servers may share the store; their unrecorded blobs are left alone, never listed.)
 */
async function sweepUnrecordedBlobs(handle: DatabaseHandle, config: Config): Promise<number> {
  const store = config.blobStore;
  if (store.kind !== "disk" || !isInside(store.root, config.dataDir)) {
    return 0;
  }
  const recorded = new Set(
    [
      ...(await handle.db.select({ key: evidenceFiles.blobKey }).from(evidenceFiles)),
      ...(await handle.db.select({ key: documents.blobKey }).from(documents)),
    ].map((row) => row.key),
  );
  const blobs = createBlobStore(config);
  const unrecorded: string[] = [];
  for await (const key of blobs.list()) {
    if (!recorded.has(key)) {
      unrecorded.push(key);
    }
  }
  for (const key of unrecorded) {
    await blobs.delete(key);
  }
  return unrecorded.length;
}

function isInside(folder: string, parent: string): boolean {
  const relative = path.relative(path.resolve(parent), path.resolve(folder));
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}
