// Reference for bench/gap-matrix.js: bare Fastify serving precomputed bytes from memory, so the
// endpoints' time can be read against the cost of just sending the same bytes over HTTP.
//   BYTES_DIR=<folder> PORT=<port> node bench/lib/bytes-server.js
// serves every file of the folder at /<file name>, with the content type of its extension, or
// with the headers of `<file name>.headers.json` beside it when there is one (bench/reads.js: a
// gzipped body with its content-encoding).
// DRESSED=1: dressed as the server itself, the reference of what any of its reads costs before
// its own work: every header the server sent (`<file name>.all-headers.json`: security headers,
// ETag, caching) and the server's own access-log line a request at `info` (`logRequest` of its
// build), written in batches as the server writes them.
import fs from "node:fs";
import path from "node:path";
import Fastify, { LogController } from "fastify";

const TYPES = {
  ".json": "application/json; charset=utf-8",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};
const dir = process.env.BYTES_DIR ?? ".";
const dressed = process.env.DRESSED === "1";
const headersFile = dressed ? ".all-headers.json" : ".headers.json";
const files = new Map(
  fs
    .readdirSync(dir)
    .filter((name) => !name.endsWith("headers.json"))
    .map((name) => [name, fs.readFileSync(path.join(dir, name))]),
);
const headersOf = new Map(
  [...files.keys()]
    .filter((name) => fs.existsSync(path.join(dir, `${name}${headersFile}`)))
    .map((name) => [
      name,
      JSON.parse(fs.readFileSync(path.join(dir, `${name}${headersFile}`), "utf8")),
    ]),
);
const log = dressed ? await import("../../dist/server/lib/log-stream.js") : null;
const app = Fastify(
  log
    ? {
        logger: { level: "info", stream: log.stdoutLog() },
        logController: new LogController({ disableRequestLogging: true }),
      }
    : {},
);
const logRequest = log ? log.accessLog(log.stdoutLog(), "info") : null;
if (logRequest) {
  app.addHook("onResponse", (request, reply, done) => {
    logRequest(request, reply);
    done();
  });
}
app.get("/:name", async (request, reply) => {
  const body = files.get(request.params.name);
  if (!body) {
    return reply.code(404).send();
  }
  const headers = headersOf.get(request.params.name);
  if (headers) {
    return reply.headers(headers).send(body);
  }
  return reply
    .type(TYPES[path.extname(request.params.name)] ?? "application/octet-stream")
    .send(body);
});
await app.listen({ port: Number(process.env.PORT), host: "127.0.0.1" });
process.stdout.write("listening\n");
process.on("SIGTERM", () => app.close().then(() => process.exit(0)));
