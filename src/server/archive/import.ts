/**
 * `mrtm import FILE`: loads an archive made by `mrtm export` into an empty instance. Every file's
 * SHA-256, the blobs' content hashes and the schema version are checked before anything is
 * written; then, in one transaction with triggers and foreign-key checks off
 * (session_replication_role = replica: the audit trail's append-only rule, the published model's
 * immutability and the progress stamps would otherwise refuse or rewrite the rows), the
 * reference seed is replaced by the archive's rows, in foreign-key order. Blobs go to the target
 * store, which issues its own keys; rows are pointed at them before the commit.
 */
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Database, Executor } from "../db/client.js";
import type { BlobStore } from "../storage/index.js";
import { isBlobKey, sha256OfKey } from "../storage/index.js";
import { ARCHIVE_FORMAT, ARCHIVE_FORMAT_VERSION, MANIFEST_PATH, type Manifest } from "./export.js";
import { archiveTables, ident, rowsOf, schemaVersion } from "./tables.js";
import { readTarGz } from "./tar.js";

/** A refused import: the message is for the person running the command. */
export class ImportRefusedError extends Error {
  override name = "ImportRefusedError";
}

/** Tables startup fills on a fresh instance (reference seed, its audit event, progress stamps). */
const SEEDED_TABLES = new Set([
  "institution",
  "municipalities",
  "model_versions",
  "model_dimensions",
  "model_tools",
  "model_tool_parts",
  "progress_stamps",
  "audit_events",
  "job_runs",
]);
const BATCH = 500;
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

export interface ImportSummary {
  institution: string | null;
  tables: number;
  rows: number;
  blobs: number;
}

export async function importInstance(
  db: Database,
  blobs: BlobStore,
  file: string,
): Promise<ImportSummary> {
  const manifest = await verifyArchive(file);
  const target = await schemaVersion(db);
  if (target.hash !== manifest.schemaVersion.hash) {
    throw new ImportRefusedError(
      `El archivo es de la versión de esquema ${manifest.schemaVersion.tag} y esta instancia está en ${target.tag}. Importe con la misma versión de MRTM que exportó.`,
    );
  }
  await assertEmpty(db);

  const tables = archiveTables();
  const known = new Map(tables.map((table) => [table.name, table]));
  for (const entry of manifest.tables) {
    const table = known.get(entry.name);
    if (!table || table.columns.join(",") !== entry.columns.join(",")) {
      throw new ImportRefusedError(
        `La tabla ${entry.name} del archivo no coincide con el esquema.`,
      );
    }
  }

  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), "mrtm-import-"));
  const newKeys = new Map<string, string>();
  const blobPaths = new Map(manifest.blobs.map((blob) => [blob.path, blob.key]));
  const tablePaths = new Map(manifest.tables.map((table) => [table.json, table.name]));
  let rows = 0;
  try {
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await assertEmpty(tx);
      await tx.execute(
        sql.raw(
          `truncate ${tables.map((table) => `"${table.name}"`).join(", ")} restart identity cascade`,
        ),
      );
      await readTarGz(file, async (entry, data) => {
        const key = blobPaths.get(entry.path);
        if (key !== undefined) {
          const temp = path.join(scratch, "blob");
          const { sha256, size } = await copyToFile(data, temp);
          const stored = await blobs.putFile(temp, {
            sha256,
            size,
            contentType: "application/octet-stream",
          });
          newKeys.set(key, stored.key);
          await fs.rm(temp, { force: true });
          return;
        }
        const tableName = tablePaths.get(entry.path);
        if (tableName !== undefined) {
          rows += await loadTable(tx, tableName, data);
        }
      });
      for (const table of tables) {
        for (const column of table.blobColumns) {
          await repointBlobs(tx, table.name, column, newKeys);
        }
      }
      await resetSequences(tx, manifest.sequences ?? []);
    });
  } catch (error) {
    for (const key of newKeys.values()) {
      await blobs.delete(key).catch(() => {});
    }
    throw error;
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
  return {
    institution: manifest.institution?.name ?? null,
    tables: manifest.tables.length,
    rows,
    blobs: newKeys.size,
  };
}

/** First pass: every file present with its SHA-256 and size, nothing extra, blobs match keys. */
export async function verifyArchive(file: string): Promise<Manifest> {
  const seen = new Map<string, { sha256: string; size: number }>();
  let manifestBytes: Buffer | null = null;
  try {
    await readTarGz(file, async (entry, data) => {
      const hash = createHash("sha256");
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of data) {
        hash.update(chunk);
        size += chunk.length;
        if (entry.path === MANIFEST_PATH && size <= MAX_MANIFEST_BYTES) {
          chunks.push(Buffer.from(chunk));
        }
      }
      if (entry.path === MANIFEST_PATH) {
        manifestBytes = Buffer.concat(chunks);
      } else {
        seen.set(entry.path, { sha256: hash.digest("hex"), size });
      }
    });
  } catch (error) {
    throw new ImportRefusedError(
      `No se pudo leer ${file} como archivo de MRTM: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (manifestBytes === null) {
    throw new ImportRefusedError(`${file} no contiene ${MANIFEST_PATH}.`);
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse((manifestBytes as Buffer).toString("utf8")) as Manifest;
  } catch {
    throw new ImportRefusedError(`${MANIFEST_PATH} no es JSON válido.`);
  }
  if (manifest.format !== ARCHIVE_FORMAT || manifest.formatVersion !== ARCHIVE_FORMAT_VERSION) {
    throw new ImportRefusedError(
      `Formato no reconocido (${String(manifest.format)} v${String(manifest.formatVersion)}).`,
    );
  }
  const problems: string[] = [];
  const listed = new Set<string>();
  for (const expected of manifest.files) {
    listed.add(expected.path);
    const actual = seen.get(expected.path);
    if (!actual) {
      problems.push(`falta ${expected.path}`);
    } else if (actual.sha256 !== expected.sha256 || actual.size !== expected.size) {
      problems.push(`${expected.path}: la suma SHA-256 no coincide`);
    }
  }
  for (const extra of seen.keys()) {
    if (!listed.has(extra)) {
      problems.push(`${extra} no figura en el manifiesto`);
    }
  }
  for (const blob of manifest.blobs) {
    const actual = seen.get(blob.path);
    if (actual && isBlobKey(blob.key) && sha256OfKey(blob.key) !== actual.sha256) {
      problems.push(`${blob.path}: el contenido no corresponde a su clave`);
    }
  }
  for (const table of manifest.tables) {
    if (!listed.has(table.json)) {
      problems.push(`falta ${table.json}`);
    }
  }
  if (problems.length > 0) {
    throw new ImportRefusedError(
      `El archivo está dañado o fue modificado; no se importó nada:\n  ${problems.slice(0, 20).join("\n  ")}${problems.length > 20 ? `\n  … y ${problems.length - 20} más` : ""}`,
    );
  }
  return manifest;
}

/** Refuses a target holding anything beyond what a fresh start seeds. */
async function assertEmpty(db: Executor): Promise<void> {
  const occupied: string[] = [];
  for (const table of archiveTables()) {
    if (SEEDED_TABLES.has(table.name)) {
      continue;
    }
    const [row] = rowsOf<{ any: boolean }>(
      await db.execute(sql`select exists (select 1 from ${ident(table.name)}) as any`),
    );
    if (row?.any) {
      occupied.push(table.name);
    }
  }
  const [audit] = rowsOf<{ any: boolean }>(
    await db.execute(
      sql`select exists (select 1 from audit_events where not (action = 'model.published' and "after"->>'seeded' = 'true')) as any`,
    ),
  );
  if (audit?.any) {
    occupied.push("audit_events");
  }
  const [versions] = rowsOf<{ n: number | string }>(
    await db.execute(sql`select count(*) as n from model_versions`),
  );
  if (Number(versions?.n ?? 0) > 1) {
    occupied.push("model_versions");
  }
  if (occupied.length > 0) {
    throw new ImportRefusedError(
      `La instancia de destino ya tiene datos (${occupied.join(", ")}). Importe en una instancia nueva: base de datos vacía (solo migraciones y datos de referencia) y almacén de archivos vacío.`,
    );
  }
}

/** Inserts a table's JSON (one row per line) in batches, through json_populate_recordset. */
async function loadTable(
  tx: Executor,
  table: string,
  data: AsyncIterable<Buffer>,
): Promise<number> {
  let count = 0;
  let batch: string[] = [];
  const flush = async () => {
    if (batch.length === 0) {
      return;
    }
    await tx.execute(
      sql`insert into ${ident(table)} overriding system value select * from json_populate_recordset(null::${ident(table)}, ${`[${batch.join(",")}]`}::json)`,
    );
    count += batch.length;
    batch = [];
  };
  let pending = "";
  const take = async (line: string) => {
    const row = line.endsWith(",") ? line.slice(0, -1) : line;
    if (row === "[" || row === "]" || row === "") {
      return;
    }
    batch.push(row);
    if (batch.length >= BATCH) {
      await flush();
    }
  };
  const decoder = new TextDecoder();
  for await (const chunk of data) {
    pending += decoder.decode(chunk, { stream: true });
    let newline = pending.indexOf("\n");
    while (newline >= 0) {
      await take(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
      newline = pending.indexOf("\n");
    }
  }
  pending += decoder.decode();
  await take(pending);
  await flush();
  return count;
}

async function repointBlobs(
  tx: Executor,
  table: string,
  column: string,
  keys: Map<string, string>,
): Promise<void> {
  const pairs = [...keys].map(([from, to]) => ({ from, to }));
  for (let i = 0; i < pairs.length; i += BATCH) {
    const slice = JSON.stringify(pairs.slice(i, i + BATCH));
    await tx.execute(
      sql`update ${ident(table)} t set ${ident(column)} = m."to" from json_to_recordset(${slice}::json) as m("from" text, "to" text) where t.${ident(column)} = m."from"`,
    );
  }
}

/**
 * Every sequence continues where the source's stood (the progress stamps' sequence is owned by no
 * column), and column sequences at least after the highest imported value.
 */
async function resetSequences(
  tx: Executor,
  saved: { name: string; lastValue: string | null }[],
): Promise<void> {
  for (const { name, lastValue } of saved) {
    await tx.execute(
      lastValue === null
        ? sql`select setval(quote_ident(${name})::regclass, 1, false)`
        : sql`select setval(quote_ident(${name})::regclass, ${lastValue}::bigint, true)`,
    );
  }
  const sequences = rowsOf<{ table_name: string; column_name: string; seq: string }>(
    await tx.execute(sql`
      select table_name, column_name, seq from (
        select c.table_name, c.column_name,
          pg_get_serial_sequence(format('%I.%I', c.table_schema, c.table_name), c.column_name) as seq
        from information_schema.columns c where c.table_schema = 'public'
      ) s where seq is not null`),
  );
  for (const { table_name, column_name, seq } of sequences) {
    await tx.execute(
      sql`select case when g > 0 then setval(${seq}::regclass, g, true) else setval(${seq}::regclass, 1, false) end
        from (select greatest(
          coalesce((select max(${ident(column_name)}) from ${ident(table_name)}), 0),
          (select coalesce(last_value, 0) from pg_sequences where format('%I.%I', schemaname, sequencename)::regclass = ${seq}::regclass)
        ) as g) x`,
    );
  }
}

async function copyToFile(
  data: AsyncIterable<Buffer>,
  file: string,
): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  const out = createWriteStream(file);
  let size = 0;
  for await (const chunk of data) {
    hash.update(chunk);
    size += chunk.length;
    if (!out.write(Buffer.from(chunk))) {
      await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
  }
  await new Promise<void>((resolve, reject) => {
    out.on("error", reject);
    out.end(() => resolve());
  });
  return { sha256: hash.digest("hex"), size };
}
