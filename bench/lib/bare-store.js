// The least a server must do to store an upload, for bench/upload-http.js: bare Node HTTP that
// hands each request body to MRTM's own staging (src/server/uploads/receive.ts, from dist/: hashed
// with SHA-256 while written in batches, the disk flushing as it goes), fsyncs the file as the
// blob store does before answering 201, and removes it. No Fastify, no multipart, no session, no
// content check, no database: what receiving, hashing and durably keeping the bytes cost here.
//   node bench/lib/bare-store.js <port> <folder> [<dist folder>]
import fs from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [port, folder, dist = path.resolve(import.meta.dirname, "../../dist")] =
  process.argv.slice(2);
const { receiveToTempFile } = await import(
  pathToFileURL(path.join(dist, "server/uploads/receive.js")).href
);

async function store(request) {
  const received = await receiveToTempFile(request, {
    maxBytes: Number.MAX_SAFE_INTEGER,
    tempDir: folder,
  });
  const handle = await fs.open(received.path, "r+");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rm(received.path);
  return received.sha256;
}

http
  .createServer((request, response) => {
    store(request).then(
      (sha256) => {
        response.statusCode = 201;
        response.end(sha256);
      },
      (error) => {
        response.statusCode = 500;
        response.end(String(error));
      },
    );
  })
  .listen(Number(port), "127.0.0.1", () => console.log("listening"));
