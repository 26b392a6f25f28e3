// Second reference for bench/startup.js: bare Fastify plus PGlite opened on the same data folder,
// answering /api/health after a query. The gap to MRTM is the app itself; the gap to the bare
// Fastify reference is the embedded database.
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import Fastify from "fastify";

const db = await PGlite.create(path.join(process.env.MRTM_DATA_DIR ?? "./data", "pgdata"));
const app = Fastify();
app.get("/api/health", async () => {
  await db.query("select 1");
  return { status: "ok", database: "pglite" };
});
await app.listen({ port: Number(process.env.PORT), host: "127.0.0.1" });
process.on("SIGTERM", () =>
  app
    .close()
    .then(() => db.close())
    .then(() => process.exit(0)),
);
