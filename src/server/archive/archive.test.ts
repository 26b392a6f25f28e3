// Moving an instance: a PGlite instance with real data (agreements, liaisons, uploads through the
// upload route into a disk blob store, reviews with observations, audit events, notifications)
// is exported, imported into a fresh PostgreSQL database (TEST_DATABASE_URL's server; a second
// PGlite when it is unset), exported again and imported into a fresh PGlite; every row of every
// table and every blob's checksum must come back identical.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { eq, sql } from "drizzle-orm";
import pg from "pg";
import tar from "tar-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { type Config, loadConfig } from "../config.js";
import { type DatabaseHandle, openDatabase } from "../db/client.js";
import { agreements } from "../db/schema/index.js";
import { seedReferenceData } from "../seed/index.js";
import { type BlobStore, createBlobStore, sha256OfKey } from "../storage/index.js";
import type { TestContext } from "../test/app.js";
import { createToken, signedIn } from "../test/factories.js";
import { publishModelVersion } from "../test/model-versions.js";
import { ACAMBAY, TOLUCA } from "../test/municipalities.js";
import { instanceId, joinCycle, RETURN, review, submit, VALIDATE } from "../test/progress.js";
import { M3_REPORT, PROJECT_CARD, postFile, samplePdf } from "../test/samples.js";
import { exportInstance, type Manifest } from "./export.js";
import { ImportRefusedError, importInstance, verifyArchive } from "./import.js";
import { MAX_ROW_BYTES } from "./rows.js";
import { archiveTables, ident, NOT_ARCHIVED, rowsOf } from "./tables.js";
import { createTarGzWriter, readTarGz } from "./tar.js";

interface Instance {
  handle: DatabaseHandle;
  blobs: BlobStore;
  close(): Promise<void>;
}

let scratch: string;
let source: TestContext;
let sourceBlobs: BlobStore;
const opened: Instance[] = [];
const databases: string[] = [];

function blobStoreAt(dir: string): BlobStore {
  return createBlobStore({ blobStore: { kind: "disk", root: dir } });
}

/** An instance over `handle`, migrated and seeded, with blobs of its own; closed after the file. */
async function instanceOver(handle: DatabaseHandle): Promise<Instance> {
  await handle.migrate(() => seedReferenceData(handle.db));
  const instance = {
    handle,
    blobs: blobStoreAt(fs.mkdtempSync(path.join(scratch, "blobs-"))),
    close: () => handle.close(),
  };
  opened.push(instance);
  return instance;
}

async function freshPglite(): Promise<Instance> {
  return instanceOver(await openDatabase({ kind: "pglite", dataDir: null }));
}

/** A new database on TEST_DATABASE_URL's server (dropped afterwards), or PGlite without one. */
async function freshPostgresOrPglite(): Promise<Instance> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    return freshPglite();
  }
  const name = `mrtm_archive_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  databases.push(name);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return instanceOver(await openDatabase({ kind: "postgres", url: target.toString() }));
}

/** Every row of every table, ordered by primary key, blob keys reduced to their content hash. */
async function snapshot(db: DatabaseHandle["db"]): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of archiveTables()) {
    const order = sql.raw(table.orderBy.map((column) => `t."${column}"`).join(", "));
    const rows = rowsOf<{ row: string }>(
      await db.execute(
        sql`select row_to_json(t)::text as row from ${ident(table.name)} t order by ${order}`,
      ),
    ).map(({ row }) => {
      const values = JSON.parse(row) as Record<string, unknown>;
      for (const column of table.blobColumns) {
        values[column] = sha256OfKey(String(values[column]));
      }
      return values;
    });
    out[table.name] = rows;
  }
  return out;
}

async function rowCount(db: DatabaseHandle["db"], table: string): Promise<number> {
  const [row] = rowsOf<{ n: number | string }>(
    await db.execute(sql`select count(*) as n from ${ident(table)}`),
  );
  return Number(row?.n ?? 0);
}

/** The SHA-256 of every blob the rows reference, read back from the store. */
async function blobChecksums(instance: { handle: DatabaseHandle; blobs: BlobStore }) {
  const sums: string[] = [];
  for (const table of archiveTables()) {
    for (const column of table.blobColumns) {
      const keys = rowsOf<{ key: string }>(
        await instance.handle.db.execute(
          sql`select ${ident(column)} as key from ${ident(table.name)} order by 1`,
        ),
      );
      for (const { key } of keys) {
        const hash = createHash("sha256");
        for await (const chunk of await instance.blobs.get(key)) {
          hash.update(chunk as Buffer);
        }
        const digest = hash.digest("hex");
        expect(digest).toBe(sha256OfKey(key));
        sums.push(`${table.name}:${digest}`);
      }
    }
  }
  return sums.sort();
}

interface RawEntry {
  path: string;
  data: Buffer;
  type?: "file" | "symlink";
}

/** Every entry of an archive with its bytes, in the archive's order. */
async function entriesOf(archive: string): Promise<RawEntry[]> {
  const list: RawEntry[] = [];
  await readTarGz(archive, async (entry, data) => {
    const chunks: Buffer[] = [];
    for await (const chunk of data) {
      chunks.push(Buffer.from(chunk));
    }
    list.push({ path: entry.path, data: Buffer.concat(chunks) });
  });
  return list;
}

/**
 * Copies an archive entry by entry as the export writes them, each entry's bytes as `edit` returns
 * them; the manifest's checksums are not recomputed.
 */
async function copyArchive(
  from: string,
  name: string,
  edit: (entry: RawEntry) => Buffer,
): Promise<string> {
  const out = path.join(scratch, name);
  const writer = createTarGzWriter(out);
  for (const entry of await entriesOf(from)) {
    await writer.addBuffer(entry.path, edit(entry));
  }
  await writer.finish();
  return out;
}

/**
 * Rewrites an archive the way an attacker with tar and sha256sum would: `entries` edits the list
 * of entries (written with tar-stream directly, duplicates and links included), `manifest` edits
 * the manifest, and every listed file's SHA-256 and size are then recomputed from the last copy
 * of its path, so the checksums say «OK».
 */
async function rewrite(
  from: string,
  name: string,
  edit: { entries?: (list: RawEntry[]) => RawEntry[]; manifest?: (manifest: Manifest) => void },
): Promise<string> {
  let list = await entriesOf(from);
  const manifestEntry = list.find((entry) => entry.path === "manifest.json");
  const manifest = JSON.parse(String(manifestEntry?.data)) as Manifest;
  list = list.filter((entry) => entry.path !== "manifest.json");
  list = edit.entries?.(list) ?? list;
  edit.manifest?.(manifest);
  for (const file of manifest.files) {
    const last = list.findLast((entry) => entry.path === file.path);
    if (last) {
      file.sha256 = createHash("sha256").update(last.data).digest("hex");
      file.size = last.data.length;
    }
  }
  list.push({ path: "manifest.json", data: Buffer.from(JSON.stringify(manifest)) });
  const out = path.join(scratch, name);
  const pack = tar.pack();
  const written = new Promise<void>((resolve, reject) => {
    const stream = fs.createWriteStream(out);
    pack.pipe(zlib.createGzip()).pipe(stream).on("finish", resolve).on("error", reject);
  });
  for (const entry of list) {
    if (entry.type === "symlink") {
      pack.entry({ name: entry.path, type: "symlink", linkname: String(entry.data) });
    } else {
      pack.entry({ name: entry.path, size: entry.data.length }, entry.data);
    }
  }
  pack.finalize();
  await written;
  return out;
}

/** The lines of a table's JSON entry. */
function jsonLines(entry: RawEntry | undefined): string[] {
  return String(entry?.data ?? "").split("\n");
}

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-archive-test-"));
  const handle = await openDatabase({ kind: "pglite", dataDir: null });
  await handle.migrate(() => seedReferenceData(handle.db));
  const config: Config = {
    ...loadConfig({ LOG_LEVEL: "silent" }),
    uploadTempDir: path.join(scratch, "upload-tmp"),
    blobStore: { kind: "disk", root: path.join(scratch, "source-blobs") },
  };
  sourceBlobs = createBlobStore(config);
  const app = await buildApp(
    { db: handle.db, databaseKind: handle.kind, config, blobs: sourceBlobs, now: () => new Date() },
    { logger: false },
  );
  await app.ready();
  source = { app, handle, config };
  opened.push({
    handle,
    blobs: sourceBlobs,
    close: async () => {
      await app.close();
      await handle.close();
    },
  });

  const actors = await joinCycle(source, [TOLUCA, ACAMBAY]);
  await review(source, actors, TOLUCA, "E2", VALIDATE);
  await review(source, actors, TOLUCA, "R4", VALIDATE);
  await review(source, actors, ACAMBAY, "C1", RETURN);
  await submit(source, actors, ACAMBAY, "E2");
  // A signed agreement attached as a document: blobs referenced from the documents table too.
  const admin = (await signedIn(source.app, "admin")).session;
  const [agreement] = await handle.db
    .select({ id: agreements.id })
    .from(agreements)
    .where(eq(agreements.municipalityCvegeo, TOLUCA));
  const attached = await postFile(
    app,
    `/api/agreements/${agreement?.id}/document`,
    admin,
    "Convenio Toluca.pdf",
    await samplePdf("Convenio firmado"),
  );
  expect(attached.statusCode).toBe(204);
  // A ratification by a new administration (agreement_changes), its document attached.
  const ratified = await app.inject({
    method: "POST",
    url: `/api/agreements/${agreement?.id}/changes`,
    headers: admin.headers,
    payload: { kind: "ratification", effectiveOn: "2025-02-03" },
  });
  expect(ratified.statusCode).toBe(201);
  const ratificationAttached = await postFile(
    app,
    `/api/agreement-changes/${ratified.json().id}/document`,
    admin,
    "Ratificación Toluca.pdf",
    await samplePdf("Ratificación"),
  );
  expect(ratificationAttached.statusCode).toBe(204);
  // A second model version without M3 that Acambay moves to (decision 0030): its archived
  // instances (archived_at) and the new version's tools travel with the archive.
  const detail = await publishModelVersion(app, admin, (content) => {
    for (const dimension of content.dimensions) {
      dimension.tools = dimension.tools.filter((tool) => tool.code !== "M3");
    }
    return content;
  });
  const moved = await app.inject({
    method: "POST",
    url: `/api/model/versions/${detail.id}/migrations`,
    headers: admin.headers,
    payload: { municipalities: [ACAMBAY] },
  });
  expect(moved.statusCode).toBe(200);
  expect(moved.json().municipalities[0].archived.length).toBeGreaterThan(0);
  // An M1 survey with an answer whose comment the liaison hid: the survey tables are archived too.
  const liaison = actors.liaisons.get(TOLUCA)?.session;
  const m1 = await instanceId(source, TOLUCA, "M1");
  const surveyOpened = await app.inject({
    method: "POST",
    url: `/api/tool-instances/${m1}/survey`,
    headers: liaison?.headers,
  });
  const { token } = JSON.parse(surveyOpened.body) as { token: string };
  await app.inject({
    method: "POST",
    url: `/api/public/surveys/${token}/responses`,
    payload: {
      answers: {
        satisfaccion_general: 5,
        tipo_persona: "ciudadania",
        canal: "portal",
        comentario: "Bien",
      },
    },
  });
  const survey = await app.inject({
    method: "GET",
    url: `/api/tool-instances/${m1}/survey`,
    headers: liaison?.headers,
  });
  const [comment] = (JSON.parse(survey.body) as { survey: { comments: { id: string }[] } }).survey
    .comments;
  const hidden = await app.inject({
    method: "PUT",
    url: `/api/survey-responses/${comment?.id}/comment-visibility`,
    headers: liaison?.headers,
    payload: { hidden: true },
  });
  expect(hidden.statusCode).toBe(200);
  // E4 project card and M4 improvement action, written by the liaison through their routes.
  const card = await app.inject({
    method: "POST",
    url: `/api/municipalities/${TOLUCA}/project-cards`,
    headers: liaison?.headers,
    payload: PROJECT_CARD,
  });
  expect(card.statusCode).toBe(201);
  const action = await app.inject({
    method: "POST",
    url: `/api/municipalities/${TOLUCA}/improvement-actions`,
    headers: liaison?.headers,
    payload: {
      description: "Publicar el plan de difusión",
      targetKind: "tool_gap",
      toolCode: "C1",
      observationId: null,
      finding: null,
      owner: "Unidad de Transparencia",
      dueOn: "2027-03-31",
    },
  });
  expect(action.statusCode).toBe(201);
  // Guided documents (issue 15): an M3 draft with a team comment, put to a public consultation
  // that a citizen comments on, and a training in R2's register.
  const m3 = await instanceId(source, TOLUCA, "M3");
  const saved = await app.inject({
    method: "PUT",
    url: `/api/tool-instances/${m3}/draft`,
    headers: liaison?.headers,
    payload: { expectedRevision: 0, content: M3_REPORT },
  });
  expect(saved.statusCode).toBe(200);
  const draftComment = await app.inject({
    method: "POST",
    url: `/api/tool-instances/${m3}/draft/comments`,
    headers: liaison?.headers,
    payload: { sectionKey: "resultados", body: "Falta el desglose por mes." },
  });
  expect(draftComment.statusCode).toBe(201);
  const consultation = await app.inject({
    method: "POST",
    url: `/api/tool-instances/${m3}/consultation`,
    headers: liaison?.headers,
  });
  expect(consultation.statusCode).toBe(201);
  const consultationUrl = (consultation.json() as { consultation: { url: string } }).consultation
    .url;
  const citizenComment = await app.inject({
    method: "POST",
    url: `/api/public/consultations/${consultationUrl.split("/consulta/")[1]}/comments`,
    payload: { sectionKey: "resultados", body: "¿Cuántas fuera de plazo?", name: "Lucía" },
  });
  expect(citizenComment.statusCode).toBe(201);
  const training = await app.inject({
    method: "POST",
    url: `/api/tool-instances/${await instanceId(source, TOLUCA, "R2")}/trainings`,
    headers: liaison?.headers,
    payload: {
      heldOn: "2025-06-10",
      topic: "Gestión documental",
      hours: 2,
      audience: "Archivo municipal",
      peopleTrained: 7,
    },
  });
  expect(training.statusCode).toBe(201);
  // Secrets an archive leaves out: an API token and a pending recovery link (sessions exist).
  await createToken(app, admin, "read");
  const reset = await app.inject({
    method: "POST",
    url: "/api/auth/password-reset",
    payload: { email: actors.liaisons.get(TOLUCA)?.user.email },
  });
  expect(reset.statusCode).toBe(202);
});

afterAll(async () => {
  for (const instance of opened.reverse()) {
    await instance.close().catch(() => {});
  }
  const url = process.env.TEST_DATABASE_URL;
  if (url && databases.length > 0) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    for (const name of databases) {
      await admin.query(`drop database if exists "${name}" with (force)`);
    }
    await admin.end();
  }
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe("export and import of a whole instance", () => {
  let first: string;
  let empty: Instance | undefined;
  /** One fresh instance shared by the refusal tests, each of which must leave it untouched. */
  const emptyTarget = async () => {
    empty ??= await freshPglite();
    return empty;
  };

  it("round-trips PGlite → PostgreSQL → PGlite with every row and every blob intact", async () => {
    const original = await snapshot(source.handle.db);
    // The data is real: the tables the cycle writes are not empty.
    for (const table of [
      "agreements",
      "agreement_changes",
      "users",
      "evidence_files",
      "submissions",
      "reviews",
      "observations",
      "audit_events",
      "notifications",
      "documents",
      "surveys",
      "survey_responses",
      "project_cards",
      "improvement_actions",
      "document_drafts",
      "document_draft_comments",
      "consultations",
      "consultation_comments",
      "training_sessions",
    ]) {
      expect(original[table]?.length, table).toBeGreaterThan(0);
    }
    // The tables of secrets are left out (NOT_ARCHIVED says why), though the source has rows.
    const secrets = Object.keys(NOT_ARCHIVED);
    expect(secrets).toEqual(["sessions", "api_tokens", "password_reset_tokens"]);
    for (const table of secrets) {
      expect(original[table], table).toBeUndefined();
      expect(await rowCount(source.handle.db, table), table).toBeGreaterThan(0);
    }
    const originalBlobs = await blobChecksums({ handle: source.handle, blobs: sourceBlobs });
    expect(originalBlobs.some((sum) => sum.startsWith("evidence_files:"))).toBe(true);
    expect(originalBlobs.some((sum) => sum.startsWith("documents:"))).toBe(true);

    first = path.join(scratch, "first.tar.gz");
    const exported = await exportInstance(source.handle.db, sourceBlobs, first);
    expect(exported.blobs).toBe(originalBlobs.length);
    expect(exported.tables).toBe(archiveTables().length);

    const manifest = await verifyArchive(first);
    expect(manifest.schemaVersion.tag).toMatch(/^\d{4}_/);
    expect(manifest.institution?.shortName).toBe("Infoem");
    const audit = manifest.tables.find((table) => table.name === "audit_events");
    expect(audit?.rows).toBe(original.audit_events?.length);

    const middle = await freshPostgresOrPglite();
    const imported = await importInstance(middle.handle.db, middle.blobs, first);
    expect(imported.rows).toBe(exported.rows);
    expect(await snapshot(middle.handle.db)).toEqual(original);
    expect(await blobChecksums(middle)).toEqual(originalBlobs);
    expect(manifest.tables.map((table) => table.name)).not.toContain("api_tokens");
    for (const table of secrets) {
      expect(await rowCount(middle.handle.db, table), table).toBe(0);
    }

    // Every sequence stands where the source's did, the progress stamps' (owned by no column) too.
    const sequences = `select sequencename as "name", last_value::text as "lastValue" from pg_sequences where schemaname = 'public' order by 1`;
    const sourceSequences = rowsOf(await source.handle.db.execute(sql.raw(sequences)));
    expect(sourceSequences).toContainEqual(expect.objectContaining({ name: "progress_stamp_seq" }));
    expect(rowsOf(await middle.handle.db.execute(sql.raw(sequences)))).toEqual(sourceSequences);
    expect(manifest.sequences).toEqual(sourceSequences);

    // Sequences continue after the imported rows: a new audit event gets the next id.
    const [maxId] = rowsOf<{ id: string | number }>(
      await middle.handle.db.execute(sql`select max(id) as id from audit_events`),
    );
    const [next] = rowsOf<{ id: string | number }>(
      await middle.handle.db.execute(
        sql`select nextval(pg_get_serial_sequence('audit_events', 'id')) as id`,
      ),
    );
    expect(Number(next?.id)).toBe(Number(maxId?.id) + 1);

    const second = path.join(scratch, "second.tar.gz");
    await exportInstance(middle.handle.db, middle.blobs, second);
    const last = await freshPglite();
    await importInstance(last.handle.db, last.blobs, second);
    expect(await snapshot(last.handle.db)).toEqual(original);
    expect(await blobChecksums(last)).toEqual(originalBlobs);
  });

  it("refuses a target that already has data, and leaves it untouched", async () => {
    const before = await snapshot(source.handle.db);
    const error = await importInstance(source.handle.db, sourceBlobs, first).catch((e) => e);
    expect(error).toBeInstanceOf(ImportRefusedError);
    expect(String(error.message)).toMatch(/ya tiene datos.*users/s);
    expect(await snapshot(source.handle.db)).toEqual(before);
  });

  it("refuses a modified archive before writing anything", async () => {
    const tampered = await copyArchive(first, "tampered.tar.gz", (entry) =>
      entry.path === "tables/users.json"
        ? Buffer.from(entry.data.toString("utf8").replace('"reviewer"', '"admin"'))
        : entry.data,
    );
    const target = await emptyTarget();
    const before = await snapshot(target.handle.db);
    const error = await importInstance(target.handle.db, target.blobs, tampered).catch((e) => e);
    expect(error).toBeInstanceOf(ImportRefusedError);
    expect(String(error.message)).toContain("tables/users.json: la suma SHA-256 no coincide");
    expect(await snapshot(target.handle.db)).toEqual(before);
    const stored: string[] = [];
    for await (const key of target.blobs.list()) {
      stored.push(key);
    }
    expect(stored).toEqual([]);
  });

  it("refuses a truncated archive and an archive from another schema version", async () => {
    const truncated = path.join(scratch, "truncated.tar.gz");
    const bytes = fs.readFileSync(first);
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const target = await emptyTarget();
    await expect(importInstance(target.handle.db, target.blobs, truncated)).rejects.toThrow(
      ImportRefusedError,
    );

    const older = await copyArchive(first, "older.tar.gz", (entry) => {
      if (entry.path !== "manifest.json") {
        return entry.data;
      }
      const manifest = JSON.parse(entry.data.toString("utf8")) as Manifest;
      manifest.schemaVersion = { tag: "0005_documents", hash: "0".repeat(64), createdAt: 1 };
      return Buffer.from(JSON.stringify(manifest));
    });
    await expect(importInstance(target.handle.db, target.blobs, older)).rejects.toThrow(
      /versión de esquema 0005_documents/,
    );
  });

  it("writes each table as CSV beside the JSON, with a header and one line per row", async () => {
    const manifest = await verifyArchive(first);
    const csv = (await entriesOf(first)).find(
      (entry) => entry.path === "tables/municipalities.csv",
    );
    const lines = String(csv?.data ?? "")
      .trimEnd()
      .split("\r\n");
    const table = manifest.tables.find((t) => t.name === "municipalities");
    expect(lines[0]).toBe(table?.columns.join(","));
    expect(lines.length - 1).toBe(table?.rows);
    expect(table?.rows).toBeGreaterThan(100);
  });

  /** Imports `archive` into the shared fresh target; it must be refused with nothing written. */
  const refusedWithNothingWritten = async (archive: string): Promise<string> => {
    const target = await emptyTarget();
    const before = await snapshot(target.handle.db);
    const error = await importInstance(target.handle.db, target.blobs, archive).catch((e) => e);
    expect(error).toBeInstanceOf(ImportRefusedError);
    expect(await snapshot(target.handle.db)).toEqual(before);
    const stored: string[] = [];
    for await (const key of target.blobs.list()) {
      stored.push(key);
    }
    expect(stored).toEqual([]);
    return String(error.message);
  };

  it("refuses a second tables/users.json ahead of the real one (an extra admin)", async () => {
    const archive = await rewrite(first, "duplicate-users.tar.gz", {
      entries: (list) => {
        const real = list.find((entry) => entry.path === "tables/users.json");
        const row = JSON.parse(jsonLines(real)[1]?.replace(/,$/, "") ?? "{}");
        const intruder = {
          ...row,
          id: "00000000-0000-4000-8000-00000000beef",
          email: "intruso@example.com",
          role: "admin",
          municipality_cvegeo: null,
        };
        const fake = {
          path: "tables/users.json",
          data: Buffer.from(`[\n${JSON.stringify(intruder)}\n]\n`),
        };
        const at = list.findIndex((entry) => entry.path === "tables/users.json");
        return [...list.slice(0, at), fake, ...list.slice(at)];
      },
    });
    const message = await refusedWithNothingWritten(archive);
    expect(message).toContain("tables/users.json aparece más de una vez");
  });

  it("refuses entries the manifest does not list, and anything that is not a regular file", async () => {
    const extra = await rewrite(first, "unlisted.tar.gz", {
      entries: (list) => [...list, { path: "tables/notas.txt", data: Buffer.from("hola\n") }],
    });
    expect(await refusedWithNothingWritten(extra)).toContain(
      "tables/notas.txt no figura en el manifiesto",
    );
    const link = await rewrite(first, "symlink.tar.gz", {
      entries: (list) => [
        { path: "blobs/enlace", data: Buffer.from("/etc/passwd"), type: "symlink" },
        ...list,
      ],
    });
    expect(await refusedWithNothingWritten(link)).toMatch(/blobs\/enlace no es un archivo regular/);
  });

  it("refuses a manifest that lists no tables and leaves the instance as it was", async () => {
    const archive = await rewrite(first, "no-tables.tar.gz", {
      entries: (list) => list.filter((entry) => !entry.path.startsWith("tables/")),
      manifest: (manifest) => {
        manifest.tables = [];
        manifest.files = manifest.files.filter((file) => !file.path.startsWith("tables/"));
      },
    });
    const message = await refusedWithNothingWritten(archive);
    expect(message).toContain("el manifiesto no lista ninguna tabla");
    // The reference seed is still there.
    const target = await emptyTarget();
    const [count] = rowsOf<{ n: number | string }>(
      await target.handle.db.execute(sql`select count(*) as n from municipalities`),
    );
    expect(Number(count?.n)).toBe(125);
  });

  it("refuses a 32 MB single-line table entry at the row limit, without loading it", async () => {
    const huge = `{"id":1,"action":"${"a".repeat(32 * 1024 * 1024)}"}`;
    const archive = await rewrite(first, "huge-line.tar.gz", {
      entries: (list) =>
        list.map((entry) =>
          entry.path === "tables/audit_events.json"
            ? { path: entry.path, data: Buffer.from(`[\n${huge}\n]\n`) }
            : entry,
        ),
      manifest: (manifest) => {
        const audit = manifest.tables.find((table) => table.name === "audit_events");
        if (audit) {
          audit.rows = 1;
        }
      },
    });
    const message = await refusedWithNothingWritten(archive);
    expect(message).toContain(
      `tables/audit_events.json: la línea 2 supera ${MAX_ROW_BYTES / 1024 / 1024} MB`,
    );
  });

  it("names the table and row of a row PostgreSQL refuses, and never prints a password hash", async () => {
    let hash = "";
    const archive = await rewrite(first, "failing-row.tar.gz", {
      entries: (list) =>
        list.map((entry) => {
          if (entry.path !== "tables/users.json") {
            return entry;
          }
          const lines = jsonLines(entry);
          const row = (lines[1] ?? "").replace(/,$/, "");
          hash = String((JSON.parse(row) as { password_hash: string }).password_hash);
          // The first user twice: the second copy breaks the primary key.
          return {
            path: entry.path,
            data: Buffer.from([lines[0], `${row},`, ...lines.slice(1)].join("\n")),
          };
        }),
      manifest: (manifest) => {
        const users = manifest.tables.find((table) => table.name === "users");
        if (users) {
          users.rows += 1;
        }
      },
    });
    expect(hash.length).toBeGreaterThan(20);
    const message = await refusedWithNothingWritten(archive);
    expect(message).toContain("La fila 2 de la tabla users no se pudo cargar");
    expect(message).toContain("clave que debe ser única");
    expect(message).not.toContain(hash);
    expect(message).not.toContain("password_hash");
  });
});
