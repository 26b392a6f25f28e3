import { buildApp } from "./app.js";
import { loadConfig } from "./config.js";
import { DataDirLockedError } from "./db/data-lock.js";
import { startDatabase } from "./startup.js";
import { createBlobStore } from "./storage/index.js";

/** `npm start`: open the database, migrate, seed, listen; close cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig();
  const { handle, demoCredentials } = await startDatabase(config);
  const app = await buildApp({
    db: handle.db,
    databaseKind: handle.kind,
    config,
    blobs: createBlobStore(config),
    now: () => new Date(),
  });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) {
      return;
    }
    closing = true;
    app.log.info({ signal }, "shutting down");
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  await app.listen({ port: config.port, host: config.host });
  if (demoCredentials) {
    process.stdout.write(demoCredentials);
  }
  const where = handle.kind === "pglite" ? `PGlite en ${config.dataDir}` : "PostgreSQL";
  process.stdout.write(
    `\nMRTM escuchando en http://${config.host}:${config.port} (base de datos: ${where})\n`,
  );
}

main().catch((error: unknown) => {
  if (
    error instanceof DataDirLockedError ||
    (error instanceof Error && error.message.startsWith("Configuración"))
  ) {
    process.stderr.write(`\nError: ${error.message}\n`);
  } else {
    process.stderr.write(
      `\nNo se pudo iniciar MRTM: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
