// Reference for bench/startup.js: bare Fastify answering /api/health, nothing else. Whatever
// MRTM takes beyond this is database start-up, migrations, seeding and the app's own plugins.
import Fastify from "fastify";

const app = Fastify();
app.get("/api/health", async () => ({ status: "ok", database: "none" }));
await app.listen({ port: Number(process.env.PORT), host: "127.0.0.1" });
process.on("SIGTERM", () => app.close().then(() => process.exit(0)));
