import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ImportReport } from "../contracts/xlsx-import.js";
import { IMPORT_ACTION_LABELS, WorkbookRefusal } from "../domain/xlsx-import.js";
import { loadConfig } from "../server/config.js";
import type { Database } from "../server/db/client.js";
import type { Actor } from "../server/lib/audit.js";
import { AppError } from "../server/lib/errors.js";
import { applyImport, dryRunImport } from "../server/modules/xlsx-import/service.js";

/**
 * `npx mrtm import-xlsx ARCHIVO.xlsx [--dry-run]`: the admin screen's import from the shell. The
 * dry run prints what each row would create or change and every problem; without it the file is
 * applied (nothing if any row has a problem). Welcome e-mails wait in the outbox for the server.
 */
export async function importXlsxCommand(
  db: Database,
  file: string,
  options: { dryRun: boolean; env: NodeJS.ProcessEnv; actor: Actor; now: Date },
): Promise<string> {
  const content = await readFile(path.resolve(file)).catch(() => {
    throw new AppError("not_found", `No se pudo leer el archivo ${file}.`);
  });
  const input = { fileName: path.basename(file), content };
  const config = loadConfig(options.env);
  try {
    const report = options.dryRun
      ? await dryRunImport(db, input, options.now)
      : await applyImport(db, input, {
          actor: options.actor,
          now: options.now,
          welcome: { publicUrl: config.publicUrl, now: options.now, showTemporaryPassword: false },
        });
    return describeReport(report);
  } catch (error) {
    throw error instanceof WorkbookRefusal ? new AppError(error.code, error.message) : error;
  }
}

/** The report as lines of text: every row that changes, every problem, then the counts. */
export function describeReport(report: ImportReport): string {
  const lines: string[] = [];
  for (const row of report.rows) {
    const changes = row.changes
      .map((change) => `${change.column}: ${change.before ?? "—"} → ${change.after || "—"}`)
      .join("; ");
    lines.push(
      `${row.sheet} fila ${row.row} · ${row.subject} · ${IMPORT_ACTION_LABELS[row.action]}: ${changes}`,
    );
  }
  for (const problem of report.problems) {
    const where = [
      problem.sheet,
      problem.row === null ? null : `fila ${problem.row}`,
      problem.column,
    ]
      .filter(Boolean)
      .join(" · ");
    lines.push(`PROBLEMA ${where}: ${problem.message}`);
  }
  const { create, update, unchanged, problems } = report.counts;
  const verdict = report.applied
    ? "Importación aplicada"
    : problems > 0
      ? "Revisión previa: hay problemas; al aplicar no se importaría nada"
      : "Revisión previa: nada se escribió; aplíquela sin --dry-run";
  lines.push(
    `${verdict}. ${report.fileName}: ${create} fila(s) nuevas, ${update} con cambios, ${unchanged} sin cambios, ${problems} problema(s).`,
  );
  return `${lines.join("\n")}\n`;
}
