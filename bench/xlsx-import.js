#!/usr/bin/env node
// The XLSX import (src/server/modules/xlsx-import) at national scale: a workbook of N
// municipalities (default 2,500: the 125 of the State of Mexico and synthetic ones) with their
// agreements, designated liaisons and S historical tool states each, through the dry run, the
// apply (one transaction, welcome e-mails queued) and a second apply of the same file (nothing to
// change). Reference, in the same process: reading the same workbook (exceljs) and one bare bulk
// insert of as many rows as the file has. Target: the apply of 2,500 municipalities in ≤ 30 s.
//
//   node bench/xlsx-import.js [--municipalities 2500] [--states 8] [--database-url URL] [--no-build]
//
// Without --database-url it runs on an embedded PGlite in a temporary folder; with it, on that
// PostgreSQL database, which must be empty (it is migrated here and left with the imported data).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import ExcelJS from "exceljs";

const { values } = parseArgs({
  // `npm run bench` passes every script the same flags: ignore those of the others.
  strict: false,
  options: {
    municipalities: { type: "string", default: "2500" },
    states: { type: "string", default: "8" },
    "database-url": { type: "string" },
    "no-build": { type: "boolean", default: false },
  },
});
const total = Number(values.municipalities);
const statesEach = Number(values.states);
const root = path.resolve(import.meta.dirname, "..");
if (!values["no-build"]) {
  const build = spawnSync("npm", ["run", "build:server"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) {
    process.exit(1);
  }
}
const dist = (file) => pathToFileURL(path.join(root, "dist", file)).href;
const { loadConfig } = await import(dist("server/config.js"));
const { startDatabase } = await import(dist("server/startup.js"));
const { sql } = await import("drizzle-orm");
const { plannedInstances } = await import(dist("domain/deadlines.js"));
const { MODEL_2022 } = await import(dist("domain/model-2022.js"));
const { readWorkbook } = await import(dist("server/modules/xlsx-import/workbook.js"));
const { dryRunImport, applyImport } = await import(dist("server/modules/xlsx-import/service.js"));

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-bench-import-"));
const config = loadConfig({
  LOG_LEVEL: "silent",
  MRTM_DATA_DIR: dataDir,
  ...(values["database-url"] ? { DATABASE_URL: values["database-url"] } : {}),
});
const { handle } = await startDatabase(config, { seedDemo: false });
const db = handle.db;
const rowsOf = (result) => result.rows ?? result;
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`.padStart(9);
const time = async (work) => {
  const started = process.hrtime.bigint();
  const result = await work();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, result };
};

try {
  // Municipalities beyond the State of Mexico's 125: synthetic keys outside 15xxx.
  const known = rowsOf(
    await db.execute(sql`select cvegeo from municipalities order by cvegeo`),
  ).map((r) => r.cvegeo);
  const extra = [];
  for (let i = 0; known.length + extra.length < total; i++) {
    const state = String((i % 31) + 1 + (i % 31 >= 14 ? 1 : 0)).padStart(2, "0");
    extra.push([
      `${state}${String(Math.floor(i / 31) + 1).padStart(3, "0")}`,
      state,
      `Municipio sintético ${i + 1}`,
    ]);
  }
  for (let start = 0; start < extra.length; start += 1000) {
    const batch = extra.slice(start, start + 1000);
    await db.execute(sql`insert into municipalities (cvegeo, state_code, cve_mun, name, name_folded)
      values ${sql.join(
        batch.map(
          ([cvegeo, state, name]) =>
            sql`(${cvegeo}, ${state}, ${cvegeo.slice(2)}, ${name}, ${name.toLowerCase()})`,
        ),
        sql`, `,
      )}`);
  }
  const cvegeos = [...known, ...extra.map(([cvegeo]) => cvegeo)].slice(0, total);

  // The workbook: as an institute would keep its record of 2022–2025.
  const signedOn = "2023-03-01";
  const today = new Date().toISOString().slice(0, 10);
  const instances = plannedInstances(MODEL_2022, signedOn, today)
    .filter((i) => i.tool !== "E1" && i.cycle === 1)
    .slice(0, statesEach);
  const book = new ExcelJS.Workbook();
  const agreements = book.addWorksheet("Convenios");
  agreements.addRow(["Clave INEGI", "Cohorte", "Convenio"]);
  const liaisons = book.addWorksheet("Enlaces");
  liaisons.addRow(["Clave INEGI", "Correo", "Nombre", "Rol", "Designado el"]);
  const states = book.addWorksheet("Estados");
  states.addRow([
    "Clave INEGI",
    "Herramienta",
    "Parte",
    "Ciclo",
    "Estado",
    "Enviada el",
    "Validada el",
  ]);
  for (const cvegeo of cvegeos) {
    agreements.addRow([cvegeo, "Cohorte 2023", "01/03/2023"]);
    liaisons.addRow([
      cvegeo,
      `enlace.${cvegeo}@bench.test`,
      `Enlace ${cvegeo}`,
      "Enlace municipal",
      "15/03/2023",
    ]);
    instances.forEach((instance, n) => {
      states.addRow(
        n % 2 === 0
          ? [cvegeo, instance.tool, instance.part, 1, "Validada", "10/04/2023", "02/05/2023"]
          : [cvegeo, instance.tool, instance.part, 1, "En revisión", "20/06/2023", null],
      );
    });
  }
  const file = { fileName: "bench.xlsx", content: Buffer.from(await book.xlsx.writeBuffer()) };
  const rowCount = cvegeos.length * (2 + instances.length);

  // Reference: reading the same workbook, and one bare bulk insert of as many rows.
  const read = await time(() => readWorkbook(file.content, () => true));
  await db.execute(sql`create temporary table bench_rows (sheet text, cells jsonb)`);
  const sheets = read.result;
  const insert = await time(async () => {
    for (const sheet of sheets) {
      for (let start = 1; start < sheet.rows.length; start += 1000) {
        const batch = sheet.rows.slice(start, start + 1000);
        await db.execute(
          sql`insert into bench_rows values ${sql.join(
            batch.map((row) => sql`(${sheet.name}, ${JSON.stringify(row.cells)}::jsonb)`),
            sql`, `,
          )}`,
        );
      }
    }
  });

  const actor = { id: null, label: "bench", ip: null };
  const dry = await time(() => dryRunImport(db, file, new Date()));
  const now = new Date();
  const apply = await time(() =>
    applyImport(db, file, {
      actor,
      now,
      welcome: { publicUrl: "http://localhost:3000", now, showTemporaryPassword: false },
    }),
  );
  const again = await time(() =>
    applyImport(db, file, {
      actor,
      now: new Date(),
      welcome: { publicUrl: "http://localhost:3000", now, showTemporaryPassword: false },
    }),
  );
  const written = rowsOf(
    await db.execute(sql`select (select count(*)::int from agreements) as agreements,
      (select count(*)::int from tool_instances) as instances,
      (select count(*)::int from tool_instances where imported_at is not null) as imported,
      (select count(*)::int from mail_outbox) as emails,
      (select count(*)::int from audit_events) as events`),
  )[0];

  console.log(
    `\nXLSX import: ${cvegeos.length} municipalities, ${instances.length} states each (${rowCount.toLocaleString("en")} rows, ${(file.content.length / 1024 / 1024).toFixed(1)} MB) on ${handle.kind}, ${os.cpus().length} cores`,
  );
  console.log(`  reference: reading the workbook (exceljs)            ${seconds(read.ms)}`);
  console.log(`  reference: bare bulk insert of its ${rowCount} rows     ${seconds(insert.ms)}`);
  console.log(
    `  reference: both                                      ${seconds(read.ms + insert.ms)}`,
  );
  console.log(
    `  dry run (read, plan against the database)            ${seconds(dry.ms)}   ${JSON.stringify(dry.result.counts)}`,
  );
  console.log(
    `  apply (one transaction)                              ${seconds(apply.ms)}   ${JSON.stringify(apply.result.counts)}   target ≤ 30 s: ${apply.ms <= 30_000 ? "met" : "NOT met"}`,
  );
  console.log(
    `  apply the same file again (nothing to change)        ${seconds(again.ms)}   ${JSON.stringify(again.result.counts)}`,
  );
  console.log(
    `  written: ${written.agreements} agreements, ${written.instances} tool instances (${written.imported} imported states), ${written.emails} welcome e-mails, ${written.events} audit events`,
  );
} finally {
  await handle.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
