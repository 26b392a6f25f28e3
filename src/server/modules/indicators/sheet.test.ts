import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { PeriodReport, SheetImportResult } from "../../../contracts/indicators.js";
import { SHEET_COLUMNS, SHEET_NAME } from "../../../domain/indicator-sheet.js";
import { INDICATOR_BATTERY_2022 } from "../../../domain/indicators.js";
import { errorCode, json } from "../../test/app.js";
import { auditEventsOf } from "../../test/audit.js";
import { toolInstanceOf } from "../../test/factories.js";
import { ADOPT_WHOLE_BATTERY, setUpIndicatorsApp } from "../../test/indicators.js";
import { minimalXlsx, zip } from "../../test/office.js";
import { postFile } from "../../test/samples.js";
import { checkUnpackedSize } from "./sheet.js";

const { t, liaison, collaborator, reviewer, outsider } = setUpIndicatorsApp();
const choices = ADOPT_WHOLE_BATTERY;

let m2 = "";
const base = () => `/api/tool-instances/${m2}/indicators`;

async function template(): Promise<ExcelJS.Workbook> {
  const response = await t.get(`${base()}/template.xlsx`, liaison);
  expect(response.statusCode).toBe(200);
  expect(response.headers["content-type"]).toContain("spreadsheetml");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
  return workbook;
}

const bytesOf = async (workbook: ExcelJS.Workbook) =>
  Buffer.from(await workbook.xlsx.writeBuffer());

function upload(file: Buffer, apply: boolean, session = collaborator) {
  return postFile(
    t.app,
    `${base()}/import${apply ? "?apply=true" : ""}`,
    session,
    "indicadores.xlsx",
    file,
  );
}

/** The template's T2 rows of IND01 and IND02 filled in. */
async function filledTemplate(ind01: unknown, ind02: unknown): Promise<ExcelJS.Workbook> {
  const workbook = await template();
  const sheet = workbook.getWorksheet(SHEET_NAME);
  sheet?.eachRow((row) => {
    if (row.getCell(1).text === "2026-T2" && row.getCell(3).text === "IND01") {
      row.getCell(7).value = ind01 as ExcelJS.CellValue;
    }
    if (row.getCell(1).text === "2026-T2" && row.getCell(3).text === "IND02") {
      row.getCell(7).value = ind02 as ExcelJS.CellValue;
      row.getCell(8).value = "Según el registro";
    }
  });
  return workbook;
}

describe("the M2 capture spreadsheet", () => {
  it("is the adopted indicators × periods not yet sent, for whoever sees M2", async () => {
    m2 = (await toolInstanceOf(t.app, liaison, "M2")).id;
    expect((await t.get(`${base()}/template.xlsx`, liaison)).statusCode).toBe(404);
    const adopted = await t.send("POST", `${base()}/adoption`, liaison, {
      startYear: 2026,
      choices,
    });
    expect(adopted.statusCode).toBe(201);
    const workbook = await template();
    const sheet = workbook.getWorksheet(SHEET_NAME);
    const header = SHEET_COLUMNS.map((_, i) => sheet?.getRow(1).getCell(i + 1).text);
    expect(header).toEqual([...SHEET_COLUMNS]);
    const keys = new Set<string>();
    sheet?.eachRow((row, n) => {
      if (n > 1) {
        keys.add(`${row.getCell(1).text}|${row.getCell(3).text}`);
      }
    });
    const quarterly = INDICATOR_BATTERY_2022.filter((i) => i.periodicity === "quarterly").length;
    const semester = INDICATOR_BATTERY_2022.filter((i) => i.periodicity === "semester").length;
    expect(keys.size).toBe(quarterly * 2 + semester);
    expect(keys.has("2026-S1|IND06")).toBe(true);
    expect((await t.get(`${base()}/template.xlsx`, reviewer)).statusCode).toBe(200);
    expect((await t.get(`${base()}/template.xlsx`, outsider)).statusCode).toBe(404);
    expect((await t.get(`${base()}/template.xlsx`)).statusCode).toBe(401);
  });

  it("dry-runs an upload: each row's change and Spanish errors, nothing written", async () => {
    const response = await upload(await bytesOf(await filledTemplate(12, 140)), false);
    expect(response.statusCode).toBe(200);
    const body = json<SheetImportResult>(response);
    expect(body.applied).toBe(false);
    const ind01 = body.rows.find((r) => r.period === "2026-T2" && r.code === "IND01");
    const ind02 = body.rows.find((r) => r.period === "2026-T2" && r.code === "IND02");
    expect(ind01).toMatchObject({ change: "new", before: null, after: 12 });
    expect(ind02?.change).toBe("error");
    expect(ind02?.message).toContain("mayor que 100");
    expect(body.rows.filter((r) => r.change === "empty").length).toBeGreaterThan(10);
    const refused = await upload(await bytesOf(await filledTemplate(12, 140)), true);
    expect(refused.statusCode).toBe(400);
    expect(errorCode(refused)).toBe("validation_error");
    const period = json<PeriodReport>(await t.get(`${base()}/periods/2026-T2`, liaison));
    expect(period.revision).toBe(0);
  });

  it("applies in one go, audited, and a second apply of the same file changes nothing", async () => {
    const file = await bytesOf(await filledTemplate("12", 95.5));
    const applied = await upload(file, true);
    expect(applied.statusCode).toBe(200);
    expect(json<SheetImportResult>(applied).applied).toBe(true);
    const period = json<PeriodReport>(await t.get(`${base()}/periods/2026-T2`, liaison));
    expect(period.rows.find((r) => r.code === "IND01")?.value).toBe(12);
    expect(period.rows.find((r) => r.code === "IND02")).toMatchObject({
      value: 95.5,
      note: "Según el registro",
    });
    expect(period.revision).toBe(1);
    const again = json<SheetImportResult>(await upload(file, true));
    expect(again.rows.filter((r) => r.change === "new" || r.change === "changed")).toEqual([]);
    const after = json<PeriodReport>(await t.get(`${base()}/periods/2026-T2`, liaison));
    expect(after.revision).toBe(1);
    const events = await auditEventsOf(t.handle.db, "indicator_report.imported");
    expect(events).toHaveLength(1);
    expect(events[0]?.after).toMatchObject({ period: "2026-T2", rows: 2 });
  });

  it("refuses formulas, other columns, other files and oversized ones with stable codes", async () => {
    const withFormula = await filledTemplate(12, 90);
    const cell = withFormula.getWorksheet(SHEET_NAME)?.getRow(3).getCell(7);
    if (cell) {
      cell.value = { formula: "1+1", result: 2 } as ExcelJS.CellFormulaValue;
    }
    const formula = await upload(await bytesOf(withFormula), false);
    expect(formula.statusCode).toBe(400);
    expect(errorCode(formula)).toBe("spreadsheet_formula");
    expect(json<{ error: { message: string } }>(formula).error.message).toContain("G3");

    const moved = await template();
    const header = moved.getWorksheet(SHEET_NAME)?.getRow(1).getCell(7);
    if (header) {
      header.value = "Dato";
    }
    expect(errorCode(await upload(await bytesOf(moved), false))).toBe("spreadsheet_columns");
    expect(errorCode(await upload(await minimalXlsx(), false))).toBe("spreadsheet_columns");

    expect(errorCode(await upload(Buffer.from("cvegeo,valor\n15106,1\n"), false))).toBe(
      "spreadsheet_unreadable",
    );
    const huge = await upload(Buffer.alloc(3 * 1024 * 1024, 1), false);
    expect(huge.statusCode).toBe(413);
    expect(errorCode(huge)).toBe("spreadsheet_too_large");
    const bomb = await zip([
      { name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(30 * 1024 * 1024) },
    ]);
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(errorCode(await upload(bomb, false))).toBe("spreadsheet_too_large");
  });

  it("leaves importing to the municipality and refuses values for a sent period", async () => {
    const file = await bytesOf(await filledTemplate(12, 90));
    expect((await upload(file, false, reviewer)).statusCode).toBe(403);
    expect((await upload(file, false, outsider)).statusCode).toBe(404);
    const s1 = await t.send("PUT", `${base()}/periods/2026-S1`, liaison, {
      values: [
        { code: "IND06", value: 80 },
        { code: "IND11", value: 3 },
      ],
      expectedRevision: 0,
    });
    expect(s1.statusCode).toBe(200);
    const sent = await t.send("POST", `${base()}/periods/2026-S1/submit`, liaison, {
      expectedRevision: 1,
    });
    expect(sent.statusCode).toBe(200);
    const stale = await template();
    const sheet = stale.getWorksheet(SHEET_NAME);
    const row = sheet?.addRow(["2026-S1", "", "IND06", "", "", "", 70, ""]);
    expect(row).toBeDefined();
    const plan = json<SheetImportResult>(await upload(await bytesOf(stale), false));
    expect(plan.rows.find((r) => r.period === "2026-S1")?.message).toContain("ya se envió");
  });

  it("checks the unpacked size entry by entry, whatever the ZIP declares", async () => {
    const small = await zip([{ name: "a.xml", data: "x".repeat(1000) }]);
    expect(() => checkUnpackedSize(small, 2000)).not.toThrow();
    expect(() => checkUnpackedSize(small, 500)).toThrow(/demasiado grande/);
    expect(() => checkUnpackedSize(Buffer.from("PK no zip"))).toThrow(/no es una hoja/);
  });
});
