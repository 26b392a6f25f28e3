/**
 * `mrtm import FILE`: loads an archive made by `mrtm export` into an empty instance. Every file's
 * SHA-256, the blobs' content hashes and the schema version are checked before anything is
 * written; then, in one transaction with triggers and foreign-key checks off
 * (session_replication_role = replica: the audit trail's append-only rule, the published model's
 * immutability and the progress stamps would otherwise refuse or rewrite the rows), the
 * reference seed is replaced by the archive's rows, in foreign-key order. Blobs go to the target
 * store, which issues its own keys; rows are pointed at them before the commit.
 *
 * The checks are ours, on top of tar-stream's parsing (tar.ts): no path twice, regular files
 * only, nothing the manifest does not list, every table of the schema listed, rows read one line
 * at a time under MAX_ROW_BYTES, and errors that name a table and a row, never a row's values.
 */
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Executor } from "../db/client.js";
import type { BlobStore } from "../storage/index.js";
import { isBlobKey, sha256OfKey } from "../storage/index.js";
import {
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  copyToFile,
  MANIFEST_PATH,
  type Manifest,
} from "./export.js";
import { TableEntryError, tableRows } from "./rows.js";
import { type ArchiveTable, archiveTables, ident, rowsOf, schemaVersion } from "./tables.js";
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
/** A batch of rows sent in one statement stays below this many bytes of JSON. */
const BATCH_BYTES = 4 * 1024 * 1024;
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
const TABLE_JSON = /^tables\/[a-z0-9_]+\.json$/;

/** The manifest's shape; anything else (missing lists, wrong types) is refused before use. */
const ManifestShape = z.object({
  format: z.string(),
  formatVersion: z.number(),
  exportedAt: z.string(),
  schemaVersion: z.object({ tag: z.string(), hash: z.string(), createdAt: z.number() }),
  institution: z.object({ name: z.string(), shortName: z.string() }).nullable(),
  tables: z.array(
    z.object({
      name: z.string(),
      rows: z.number().int().nonnegative(),
      columns: z.array(z.string()),
      json: z.string(),
      csv: z.string(),
    }),
  ),
  blobs: z.array(z.object({ key: z.string(), path: z.string() })),
  sequences: z.array(
    z.object({
      name: z.string(),
      lastValue: z
        .string()
        .regex(/^-?\d+$/)
        .nullable(),
    }),
  ),
  files: z.array(
    z.object({
      path: z.string(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      size: z.number().int().nonnegative(),
    }),
  ),
});

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
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), "mrtm-import-"));
  const newKeys = new Map<string, string>();
  const blobPaths = new Map(manifest.blobs.map((blob) => [blob.path, blob.key]));
  const tablePaths = new Map(manifest.tables.map((table) => [table.json, table.name]));
  const listed = new Map(manifest.files.map((entry) => [entry.path, entry]));
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
      // The file is read a second time: every entry is checked again against the manifest, so an
      // archive changed between the passes cannot slip anything in.
      await readTarGz(file, async (entry, data) => {
        const expected = listed.get(entry.path);
        if (entry.path === MANIFEST_PATH) {
          return;
        }
        if (!expected || expected.size !== entry.size) {
          throw new ImportRefusedError(
            `${entry.path} cambió desde la verificación; no se importó nada.`,
          );
        }
        const checked = checkedAgainst(entry.path, expected.sha256, data);
        const key = blobPaths.get(entry.path);
        if (key !== undefined) {
          const temp = path.join(scratch, "blob");
          const { sha256, size } = await copyToFile(checked, temp);
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
          rows += await loadTable(tx, tableName, entry.path, checked);
          return;
        }
        for await (const _ of checked) {
          // CSV beside the JSON: checked, not loaded.
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

/**
 * First pass: every file present with its SHA-256 and size, nothing extra, every table of the
 * schema listed, every table's rows readable (no line beyond MAX_ROW_BYTES, each an object, as
 * many as the manifest says), blobs matching their keys. Nothing is written.
 */
export async function verifyArchive(file: string): Promise<Manifest> {
  const seen = new Map<string, { sha256: string; size: number; rows: number | null }>();
  let manifestBytes: Buffer | null = null;
  try {
    await readTarGz(file, async (entry, data) => {
      if (entry.path === MANIFEST_PATH) {
        if (entry.size > MAX_MANIFEST_BYTES) {
          throw new ImportRefusedError(
            `${MANIFEST_PATH} ocupa ${entry.size} bytes; ningún manifiesto de MRTM supera ${MAX_MANIFEST_BYTES / 1024 / 1024} MB.`,
          );
        }
        const chunks: Buffer[] = [];
        for await (const chunk of data) {
          chunks.push(Buffer.from(chunk));
        }
        manifestBytes = Buffer.concat(chunks);
        return;
      }
      const hash = createHash("sha256");
      let size = 0;
      const hashed = (async function* () {
        for await (const chunk of data) {
          hash.update(chunk);
          size += chunk.length;
          yield chunk;
        }
      })();
      let rows: number | null = null;
      if (TABLE_JSON.test(entry.path)) {
        rows = 0;
        for await (const _ of tableRows(entry.path, hashed, { parse: true })) {
          rows++;
        }
      } else {
        for await (const _ of hashed) {
          // hashed on the way
        }
      }
      seen.set(entry.path, { sha256: hash.digest("hex"), size, rows });
    });
  } catch (error) {
    if (error instanceof ImportRefusedError) {
      throw error;
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImportRefusedError(
      error instanceof TableEntryError
        ? `El archivo está dañado o fue modificado; no se importó nada: ${reason}`
        : `No se pudo leer ${file} como archivo de MRTM; no se importó nada: ${reason}`,
    );
  }
  if (manifestBytes === null) {
    throw new ImportRefusedError(`${file} no contiene ${MANIFEST_PATH}.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse((manifestBytes as Buffer).toString("utf8"));
  } catch {
    throw new ImportRefusedError(`${MANIFEST_PATH} no es JSON válido.`);
  }
  const shape = ManifestShape.safeParse(parsed);
  if (!shape.success) {
    const format = (parsed as { format?: unknown; formatVersion?: unknown } | null) ?? {};
    throw new ImportRefusedError(
      format.format === ARCHIVE_FORMAT && format.formatVersion === ARCHIVE_FORMAT_VERSION
        ? `${MANIFEST_PATH} está incompleto o dañado (${shape.error.issues[0]?.path.join(".") ?? "?"}).`
        : `Formato no reconocido (${String(format.format)} v${String(format.formatVersion)}).`,
    );
  }
  const manifest = shape.data as Manifest;
  if (manifest.format !== ARCHIVE_FORMAT || manifest.formatVersion !== ARCHIVE_FORMAT_VERSION) {
    throw new ImportRefusedError(
      `Formato no reconocido (${String(manifest.format)} v${String(manifest.formatVersion)}).`,
    );
  }
  const problems = [...manifestProblems(manifest)];
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
    const actual = seen.get(table.json);
    if (actual?.rows != null && actual.rows !== table.rows) {
      problems.push(`${table.json}: tiene ${actual.rows} filas y el manifiesto dice ${table.rows}`);
    }
  }
  if (problems.length > 0) {
    throw new ImportRefusedError(
      `El archivo está dañado o fue modificado; no se importó nada:\n  ${problems.slice(0, 20).join("\n  ")}${problems.length > 20 ? `\n  … y ${problems.length - 20} más` : ""}`,
    );
  }
  return manifest;
}

/**
 * What the manifest itself gets wrong: every table of this version's schema listed once, with
 * its columns and its two files; every blob once under its own path; every file listed once and
 * belonging to a table or a blob. An archive listing fewer tables would empty the missing ones.
 */
function* manifestProblems(manifest: Manifest): Generator<string> {
  const schema = new Map<string, ArchiveTable>(archiveTables().map((table) => [table.name, table]));
  const expectedFiles = new Set<string>();
  const tablesSeen = new Set<string>();
  for (const entry of manifest.tables) {
    const table = schema.get(entry.name);
    if (!table) {
      yield `la tabla ${entry.name} no existe en esta versión del esquema`;
      continue;
    }
    if (tablesSeen.has(entry.name)) {
      yield `la tabla ${entry.name} figura más de una vez`;
      continue;
    }
    tablesSeen.add(entry.name);
    if (table.columns.join(",") !== entry.columns.join(",")) {
      yield `la tabla ${entry.name} del archivo no coincide con el esquema`;
    }
    if (entry.json !== `tables/${entry.name}.json` || entry.csv !== `tables/${entry.name}.csv`) {
      yield `la tabla ${entry.name} apunta a archivos que no son los suyos`;
    }
    expectedFiles.add(entry.json);
    expectedFiles.add(entry.csv);
  }
  const missing = [...schema.keys()].filter((name) => !tablesSeen.has(name));
  if (missing.length > 0) {
    yield `el manifiesto no lista ${missing.length === schema.size ? "ninguna tabla" : `las tablas ${missing.join(", ")}`}; un archivo de MRTM contiene todas`;
  }
  const keys = new Set<string>();
  for (const blob of manifest.blobs) {
    if (blob.path !== `blobs/${blob.key}` || keys.has(blob.key)) {
      yield `el blob ${blob.path} figura más de una vez o fuera de su lugar`;
    }
    keys.add(blob.key);
    expectedFiles.add(blob.path);
  }
  const files = new Set<string>();
  for (const entry of manifest.files) {
    if (files.has(entry.path)) {
      yield `${entry.path} figura más de una vez en el manifiesto`;
    } else if (!expectedFiles.has(entry.path)) {
      yield `${entry.path} no pertenece a ninguna tabla ni a ningún blob`;
    }
    files.add(entry.path);
  }
}

/** Passes `data` through, and fails at its end if its SHA-256 is not `sha256`. */
async function* checkedAgainst(
  entryPath: string,
  sha256: string,
  data: AsyncIterable<Buffer>,
): AsyncGenerator<Buffer> {
  const hash = createHash("sha256");
  for await (const chunk of data) {
    hash.update(chunk);
    yield chunk;
  }
  if (hash.digest("hex") !== sha256) {
    throw new ImportRefusedError(`${entryPath} cambió desde la verificación; no se importó nada.`);
  }
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

/**
 * Inserts a table's JSON (one row per line) in batches, through json_populate_recordset. A batch
 * runs under a savepoint; if it fails, its rows are tried one by one to name the failing row. The
 * error names the table, the row number and PostgreSQL's reason by code and constraint, never a
 * value: the driver's own message would quote the whole batch, password hashes included.
 */
async function loadTable(
  tx: Executor,
  table: string,
  entryPath: string,
  data: AsyncIterable<Buffer>,
): Promise<number> {
  let count = 0;
  let batch: string[] = [];
  let bytes = 0;
  const insert = (rows: string[]) =>
    tx.execute(
      sql`insert into ${ident(table)} overriding system value select * from json_populate_recordset(null::${ident(table)}, ${`[${rows.join(",")}]`}::json)`,
    );
  const flush = async () => {
    if (batch.length === 0) {
      return;
    }
    await tx.execute(sql`savepoint mrtm_import_batch`);
    try {
      await insert(batch);
      await tx.execute(sql`release savepoint mrtm_import_batch`);
    } catch (error) {
      await tx.execute(sql`rollback to savepoint mrtm_import_batch`);
      throw await failingRow(tx, table, count, batch, insert, error);
    }
    count += batch.length;
    batch = [];
    bytes = 0;
  };
  try {
    for await (const row of tableRows(entryPath, data)) {
      batch.push(row.text);
      bytes += row.text.length;
      if (batch.length >= BATCH || bytes >= BATCH_BYTES) {
        await flush();
      }
    }
  } catch (error) {
    if (error instanceof TableEntryError) {
      throw new ImportRefusedError(`${error.message} No se importó nada.`);
    }
    throw error;
  }
  await flush();
  return count;
}

/** Finds which row of a failed batch PostgreSQL refuses, and says why without quoting it. */
async function failingRow(
  tx: Executor,
  table: string,
  before: number,
  batch: string[],
  insert: (rows: string[]) => Promise<unknown>,
  batchError: unknown,
): Promise<ImportRefusedError> {
  for (const [index, row] of batch.entries()) {
    await tx.execute(sql`savepoint mrtm_import_row`);
    try {
      await insert([row]);
      await tx.execute(sql`release savepoint mrtm_import_row`);
    } catch (error) {
      await tx.execute(sql`rollback to savepoint mrtm_import_row`);
      return rowRefused(table, before + index + 1, error);
    }
  }
  return rowRefused(table, null, batchError);
}

function rowRefused(table: string, row: number | null, error: unknown): ImportRefusedError {
  const where =
    row === null ? `Las filas de la tabla ${table}` : `La fila ${row} de la tabla ${table}`;
  return new ImportRefusedError(
    `${where} no se pudo cargar: ${databaseReason(error)}. No se importó nada.`,
  );
}

/** PostgreSQL's reason, from its code and the names it reports (never the values). */
function databaseReason(error: unknown): string {
  let cause: unknown = error;
  for (let depth = 0; depth < 5 && cause && typeof cause === "object"; depth++) {
    if ("code" in cause && typeof cause.code === "string" && /^[0-9A-Z]{5}$/.test(cause.code)) {
      break;
    }
    cause = (cause as { cause?: unknown }).cause;
  }
  const pgError = (cause ?? {}) as {
    code?: string;
    constraint?: string;
    column?: string;
    dataType?: string;
  };
  const code = pgError.code ?? "desconocido";
  const constraint = pgError.constraint ? ` (${pgError.constraint})` : "";
  const column = pgError.column ? ` en la columna ${pgError.column}` : "";
  switch (code) {
    case "23505":
      return `repite una clave que debe ser única${constraint}`;
    case "23502":
      return `falta un valor obligatorio${column}`;
    case "23514":
      return `no cumple una regla de la tabla${constraint}`;
    case "22P02":
    case "22007":
    case "22008":
    case "22003":
    case "22001":
      return `un valor no tiene el tipo o el formato de su columna${column} (código ${code})`;
    default:
      return `PostgreSQL la rechazó (código ${code}${constraint})`;
  }
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
