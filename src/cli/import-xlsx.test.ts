import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agreements, auditEvents } from "../server/db/schema/index.js";
import { createTestContext, type TestContext } from "../server/test/app.js";
import { buildWorkbook } from "../server/test/workbooks.js";
import { runCommand } from "./commands.js";

let ctx: TestContext;
let dir: string;

beforeAll(async () => {
  ctx = await createTestContext();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "mrtm-import-xlsx-"));
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await ctx.app.close();
});

const io = {
  env: {},
  stdin: Readable.from([""]),
  stdout: new Writable({ write: (_chunk, _encoding, done) => done() }),
};

async function file(name: string, cohort: string | { formula: string }): Promise<string> {
  const target = path.join(dir, name);
  fs.writeFileSync(
    target,
    await buildWorkbook({
      Convenios: [
        ["Clave INEGI", "Cohorte", "Convenio"],
        ["15106", cohort, "16/11/2022"],
      ],
    }),
  );
  return target;
}

describe("mrtm import-xlsx", () => {
  it("prints the dry run without writing, applies, and a second run changes nothing", async () => {
    const workbook = await file("registro.xlsx", "Cohorte 2022");
    const dry = await runCommand(ctx.handle.db, ["import-xlsx", workbook], { "dry-run": true }, io);
    expect(dry).toContain(
      "Convenios fila 2 · 15106 Toluca · Se crea: Cohorte: — → Cohorte 2022; Convenio: — → 16/11/2022",
    );
    expect(dry).toContain("Revisión previa: nada se escribió");
    const [before] = await ctx.handle.db.select({ n: count() }).from(agreements);
    expect(before?.n).toBe(0);

    const applied = await runCommand(ctx.handle.db, ["import-xlsx", workbook], {}, io);
    expect(applied).toContain("Importación aplicada. registro.xlsx: 1 fila(s) nuevas");
    const events = await ctx.handle.db
      .select({ actor: auditEvents.actorLabel })
      .from(auditEvents)
      .where(eq(auditEvents.action, "xlsx_import.applied"));
    expect(events).toEqual([{ actor: "línea de comandos (mrtm)" }]);

    const again = await runCommand(ctx.handle.db, ["import-xlsx", workbook], {}, io);
    expect(again).toContain("0 fila(s) nuevas, 0 con cambios, 1 sin cambios, 0 problema(s)");
  });

  it("refuses a workbook with formulas with its code, and asks for the file", async () => {
    const workbook = await file("formulas.xlsx", { formula: "1+1" });
    await expect(
      runCommand(ctx.handle.db, ["import-xlsx", workbook], { "dry-run": true }, io),
    ).rejects.toMatchObject({ code: "xlsx_formula" });
    await expect(runCommand(ctx.handle.db, ["import-xlsx"], {}, io)).rejects.toThrow(
      "Uso: npx mrtm import-xlsx ARCHIVO.xlsx [--dry-run]",
    );
  });
});
