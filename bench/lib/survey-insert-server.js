// Reference for bench/survey.js: bare Fastify inserting the very row an answer to a survey
// inserts (`survey_responses`: the survey, its municipality, the answers as jsonb, the SHA-256 of
// a fresh random browser key, the time) into the same database through the same driver (`pg`,
// a pool of 10 connections as the server's), with no validation, no rate limit, no cookie and no
// transaction around it. What the survey's endpoint adds on top of this is MRTM's own cost.
//   DATABASE_URL=postgres://… SURVEY_ID=<uuid> CVEGEO=<clave> PORT=<port> node bench/lib/survey-insert-server.js
import { createHash, randomBytes } from "node:crypto";
import Fastify from "fastify";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify();
app.post("/responses", async (request, reply) => {
  const browserKey = createHash("sha256")
    .update(randomBytes(18).toString("base64url"))
    .digest("hex");
  await pool.query(
    "insert into survey_responses (survey_id, municipality_cvegeo, answers, browser_key, submitted_at) values ($1, $2, $3, $4, $5)",
    [
      process.env.SURVEY_ID,
      process.env.CVEGEO,
      JSON.stringify(request.body.answers),
      browserKey,
      new Date(),
    ],
  );
  reply.code(201);
  return { ok: true, message: "¡Gracias! Su respuesta quedó registrada." };
});
await app.listen({ port: Number(process.env.PORT), host: "127.0.0.1" });
process.stdout.write("listening\n");
process.on("SIGTERM", () =>
  app
    .close()
    .then(() => pool.end())
    .then(() => process.exit(0)),
);
