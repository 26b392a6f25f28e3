/**
 * `mrtm export`: the whole instance as one .tar.gz — every table as JSON (one row per line, the
 * database's own row_to_json text) and CSV, every blob the database references, and a manifest
 * with the schema version, per-file SHA-256 sums and row counts. Read in one repeatable-read
 * transaction, so rows and blobs are one consistent moment. See docs/decisions/0008-instance-archive.md.
 */
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type SQL, sql } from "drizzle-orm";
import type { Database, Executor } from "../db/client.js";
import { institution } from "../db/schema/index.js";
import { rawCsvField } from "../lib/csv.js";
import type { BlobStore } from "../storage/index.js";
import { isBlobKey, sha256OfKey } from "../storage/index.js";
import {
  type ArchiveTable,
  archiveTables,
  ident,
  rowsOf,
  type SchemaVersion,
  schemaVersion,
} from "./tables.js";
import { createTarGzWriter, type TarGzWriter } from "./tar.js";

export const ARCHIVE_FORMAT = "mrtm-archive";
export const ARCHIVE_FORMAT_VERSION = 1;
export const MANIFEST_PATH = "manifest.json";
const PAGE = 1000;

export interface ManifestFile {
  path: string;
  sha256: string;
  size: number;
}

export interface Manifest {
  format: typeof ARCHIVE_FORMAT;
  formatVersion: number;
  exportedAt: string;
  schemaVersion: SchemaVersion;
  institution: { name: string; shortName: string } | null;
  tables: { name: string; rows: number; columns: string[]; json: string; csv: string }[];
  blobs: { key: string; path: string }[];
  /** Every sequence's last value (null if never used), owned by a column or not (progress stamps). */
  sequences: { name: string; lastValue: string | null }[];
  files: ManifestFile[];
}

export interface ExportSummary {
  file: string;
  tables: number;
  rows: number;
  blobs: number;
  bytes: number;
}

/** Writes the archive to `out` (refuses to overwrite); the file appears only once complete. */
export async function exportInstance(
  db: Database,
  blobs: BlobStore,
  out: string,
  now = new Date(),
): Promise<ExportSummary> {
  const partial = `${out}.part`;
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), "mrtm-export-"));
  try {
    await fs.access(out).then(
      () => {
        throw new Error(`Ya existe ${out}; elija otro nombre.`);
      },
      () => {},
    );
    const writer = createTarGzWriter(partial);
    const manifest = await db.transaction((tx) => writeContents(tx, blobs, writer, scratch, now), {
      isolationLevel: "repeatable read",
      accessMode: "read only",
    });
    await writer.addBuffer(MANIFEST_PATH, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
    await writer.finish();
    await fs.rename(partial, out);
    const { size } = await fs.stat(out);
    return {
      file: out,
      tables: manifest.tables.length,
      rows: manifest.tables.reduce((sum, table) => sum + table.rows, 0),
      blobs: manifest.blobs.length,
      bytes: size,
    };
  } catch (error) {
    await fs.rm(partial, { force: true });
    throw error;
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}

async function writeContents(
  tx: Executor,
  blobs: BlobStore,
  writer: TarGzWriter,
  scratch: string,
  now: Date,
): Promise<Manifest> {
  const tables = archiveTables();
  const files: ManifestFile[] = [];
  const add = async (entryPath: string, file: string) => {
    const { sha256, size } = await hashFile(file);
    await writer.addFile(entryPath, file, size, now);
    await fs.rm(file, { force: true });
    files.push({ path: entryPath, sha256, size });
  };

  // Blobs first, so that an import has every new key before it reaches the rows naming them.
  const blobEntries: Manifest["blobs"] = [];
  const seen = new Set<string>();
  for (const table of tables) {
    for (const column of table.blobColumns) {
      for await (const key of distinctValues(tx, table.name, column)) {
        if (seen.has(key)) {
          continue;
        }
        seen.add(key);
        const temp = path.join(scratch, "blob");
        const { sha256 } = await copyToFile(await blobs.get(key), temp);
        if (isBlobKey(key) && sha256OfKey(key) !== sha256) {
          throw new Error(`El contenido del blob ${key} no coincide con su suma SHA-256.`);
        }
        const entryPath = `blobs/${key}`;
        await add(entryPath, temp);
        blobEntries.push({ key, path: entryPath });
      }
    }
  }

  const tableEntries: Manifest["tables"] = [];
  for (const table of tables) {
    const json = `tables/${table.name}.json`;
    const csv = `tables/${table.name}.csv`;
    const rows = await dumpTable(
      tx,
      table,
      path.join(scratch, "t.json"),
      path.join(scratch, "t.csv"),
    );
    await add(json, path.join(scratch, "t.json"));
    await add(csv, path.join(scratch, "t.csv"));
    tableEntries.push({ name: table.name, rows, columns: table.columns, json, csv });
  }

  const [inst] = await tx
    .select({ name: institution.name, shortName: institution.shortName })
    .from(institution)
    .limit(1);
  return {
    format: ARCHIVE_FORMAT,
    formatVersion: ARCHIVE_FORMAT_VERSION,
    exportedAt: now.toISOString(),
    schemaVersion: await schemaVersion(tx),
    institution: inst ?? null,
    tables: tableEntries,
    blobs: blobEntries,
    sequences: rowsOf<{ name: string; lastValue: string | null }>(
      await tx.execute(
        sql`select sequencename as "name", last_value::text as "lastValue" from pg_sequences where schemaname = 'public' order by 1`,
      ),
    ),
    files,
  };
}

async function* distinctValues(
  tx: Executor,
  table: string,
  column: string,
): AsyncGenerator<string> {
  let last: string | null = null;
  for (;;) {
    const after: SQL = last === null ? sql`true` : sql`${ident(column)} > ${last}`;
    const page: { value: string }[] = rowsOf<{ value: string }>(
      await tx.execute(
        sql`select distinct ${ident(column)} as value from ${ident(table)} where ${ident(column)} is not null and ${after} order by 1 limit ${PAGE}`,
      ),
    );
    for (const row of page) {
      yield row.value;
    }
    if (page.length < PAGE) {
      return;
    }
    last = page[page.length - 1]?.value ?? null;
  }
}

/**
 * Streams a table page by page (keyset on the primary key) into a JSON array with one row per
 * line, and a CSV with a header. Returns the row count.
 */
async function dumpTable(
  tx: Executor,
  table: ArchiveTable,
  jsonFile: string,
  csvFile: string,
): Promise<number> {
  const json = createWriteStream(jsonFile);
  const csv = createWriteStream(csvFile);
  const write = async (stream: NodeJS.WritableStream, text: string) => {
    if (!stream.write(text)) {
      await new Promise<void>((resolve) => stream.once("drain", () => resolve()));
    }
  };
  const order = sql.join(
    table.orderBy.map((column) => sql`t.${ident(column)}`),
    sql`, `,
  );
  const keys = sql.join(
    table.orderBy.map((column) => sql`p.${ident(column)}`),
    sql`, `,
  );
  await write(json, "[");
  await write(csv, `${table.columns.map(csvField).join(",")}\r\n`);
  let count = 0;
  let last: string | null = null;
  for (;;) {
    const after: SQL =
      last === null
        ? sql`true`
        : sql`(${order}) > (select ${keys} from json_populate_record(null::${ident(table.name)}, ${last}::json) p)`;
    const page: { row: string }[] = rowsOf<{ row: string }>(
      await tx.execute(
        sql`select row_to_json(t)::text as row from ${ident(table.name)} t where ${after} order by ${order} limit ${PAGE}`,
      ),
    );
    for (const { row } of page) {
      await write(json, `${count === 0 ? "\n" : ",\n"}${row}`);
      const values = JSON.parse(row) as Record<string, unknown>;
      await write(csv, `${table.columns.map((column) => csvField(values[column])).join(",")}\r\n`);
      count++;
    }
    if (page.length < PAGE) {
      break;
    }
    last = page[page.length - 1]?.row ?? null;
  }
  await write(json, "\n]\n");
  await Promise.all([endStream(json), endStream(csv)]);
  return count;
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) {
    return "";
  }
  return rawCsvField(typeof value === "object" ? JSON.stringify(value) : String(value));
}

function endStream(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.on("error", reject);
    stream.end(() => resolve());
  });
}

/**
 * Writes a stream of bytes to a file, hashing it on the way. Each chunk is written as a copy: a
 * reader may reuse its buffer for the next chunk while this one still waits to be written.
 */
export async function copyToFile(
  source: AsyncIterable<Buffer | string>,
  file: string,
): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  const out = createWriteStream(file);
  let size = 0;
  for await (const chunk of source) {
    const bytes = Buffer.from(chunk);
    hash.update(bytes);
    size += bytes.length;
    if (!out.write(bytes)) {
      await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
  }
  await endStream(out);
  return { sha256: hash.digest("hex"), size };
}

export async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  const handle = await fs.open(file, "r");
  try {
    for await (const chunk of handle.createReadStream()) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
  } finally {
    await handle.close().catch(() => {});
  }
  return { sha256: hash.digest("hex"), size };
}
