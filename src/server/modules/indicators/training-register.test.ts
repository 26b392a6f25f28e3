import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { PeriodReport, SheetImportResult } from "../../../contracts/indicators.js";
import type { ToolInstance } from "../../../contracts/participation.js";
import {
  SHEET_COLUMNS,
  SHEET_NAME,
  SHEET_REGISTER_COLUMNS,
} from "../../../domain/indicator-sheet.js";
import { json } from "../../test/app.js";
import type { Session } from "../../test/factories.js";
import { ADOPT_WHOLE_BATTERY, setUpIndicatorsApp } from "../../test/indicators.js";
import { postFile } from "../../test/samples.js";

const { t, liaison, collaborator, reviewer, outsider } = setUpIndicatorsApp();
const choices = ADOPT_WHOLE_BATTERY;

/** Every instance of a tool of a municipality, oldest cycle first. */
async function instancesOf(session: Session, tool: string, cvegeo = "15106") {
  const response = await t.get(`/api/municipalities/${cvegeo}/tools`, session);
  expect(response.statusCode).toBe(200);
  return json<ToolInstance[]>(response)
    .filter((instance) => instance.tool === tool)
    .sort((a, b) => a.cycle - b.cycle);
}

async function record(session: Session, instanceId: string, heldOn: string, peopleTrained: number) {
  const response = await t.send("POST", `/api/tool-instances/${instanceId}/trainings`, session, {
    heldOn,
    topic: "Acceso a la información",
    hours: 2,
    audience: "Personas servidoras públicas",
    peopleTrained,
    evidence: "Lista de asistencia",
  });
  expect(response.statusCode).toBe(201);
}

let m2 = "";
const periodUrl = (key: string) => `/api/tool-instances/${m2}/indicators/periods/${key}`;
const row = (report: PeriodReport, code: string) => report.rows.find((r) => r.code === code);

describe("the training register feeding M2's period form", () => {
  it("gives IND08 and IND09 the figure of the municipality's R2 and R3 sessions of the period", async () => {
    const [m2Instance] = await instancesOf(liaison, "M2");
    m2 = m2Instance?.id ?? "";
    expect(
      (
        await t.send("POST", `/api/tool-instances/${m2}/indicators/adoption`, liaison, {
          startYear: 2026,
          choices,
        })
      ).statusCode,
    ).toBe(201);
    const r2Cycles = await instancesOf(liaison, "R2");
    const [r3] = await instancesOf(liaison, "R3");
    const [firstR2, laterR2] = [r2Cycles[0], r2Cycles.at(-1)];
    expect(r2Cycles.length).toBeGreaterThan(1);
    // The first quarter's edges, in two R2 cycles and R3; a day on each side of it.
    await record(liaison, firstR2?.id ?? "", "2025-12-31", 50);
    await record(collaborator, firstR2?.id ?? "", "2026-01-01", 12);
    await record(liaison, r3?.id ?? "", "2026-02-14", 30);
    await record(liaison, laterR2?.id ?? "", "2026-03-31", 8);
    await record(liaison, laterR2?.id ?? "", "2026-04-01", 40);
    // Another municipality's register never counts for Toluca.
    const [otherR2] = await instancesOf(outsider, "R2", "15054");
    await record(outsider, otherR2?.id ?? "", "2026-02-02", 99);

    const t1 = json<PeriodReport>(await t.get(periodUrl("2026-T1"), collaborator));
    expect(row(t1, "IND08")?.registerFigure).toEqual({
      measure: "sessions",
      value: 3,
      sessions: 3,
      hours: 6,
      peopleTrained: 50,
      tools: ["R2", "R3"],
    });
    expect(row(t1, "IND09")?.registerFigure).toMatchObject({
      measure: "peopleTrained",
      value: 50,
    });
    expect(row(t1, "IND01")?.registerFigure).toBeNull();
    // A suggestion only: nothing is written until someone saves a value.
    expect(t1.revision).toBe(0);
    expect(row(t1, "IND08")?.value).toBeNull();

    const t2 = json<PeriodReport>(await t.get(periodUrl("2026-T2"), liaison));
    expect(row(t2, "IND08")?.registerFigure).toMatchObject({ value: 1, tools: ["R2"] });
    expect(row(t2, "IND09")?.registerFigure).toMatchObject({ value: 40 });
  });

  it("is described in the OpenAPI document, people counted per session", async () => {
    const spec = json<{ components: { schemas: Record<string, unknown> } }>(
      await t.get("/api/docs/json"),
    );
    const figure = JSON.stringify(spec.components.schemas.IndicatorRegisterFigure);
    expect(figure).toContain("peopleTrained");
    expect(figure).toContain("cuenta dos veces");
  });

  it("shows staff the same figure, and another municipality nothing", async () => {
    const read = json<PeriodReport>(await t.get(periodUrl("2026-T1"), reviewer));
    expect(row(read, "IND09")?.registerFigure?.value).toBe(50);
    expect((await t.get(periodUrl("2026-T1"), outsider)).statusCode).toBe(404);
  });

  it("keeps the figure beside the value once one is saved, and proposes none without sessions", async () => {
    const saved = await t.send("PUT", periodUrl("2026-T1"), liaison, {
      values: [{ code: "IND09", value: 41, note: "Personas distintas según las listas" }],
      expectedRevision: 0,
    });
    expect(saved.statusCode).toBe(200);
    const report = json<PeriodReport>(saved);
    expect(row(report, "IND09")).toMatchObject({ value: 41, registerFigure: { value: 50 } });
    // 15054 recorded a session in the first quarter only: its second quarter gets no figure.
    const [otherM2] = await instancesOf(outsider, "M2", "15054");
    const base = `/api/tool-instances/${otherM2?.id}/indicators`;
    await t.send("POST", `${base}/adoption`, outsider, { startYear: 2026, choices });
    const other = json<PeriodReport>(await t.get(`${base}/periods/2026-T2`, outsider));
    expect(row(other, "IND08")?.registerFigure).toMatchObject({
      value: null,
      sessions: 0,
      tools: [],
    });
    const otherT1 = json<PeriodReport>(await t.get(`${base}/periods/2026-T1`, outsider));
    expect(row(otherT1, "IND09")?.registerFigure).toMatchObject({ value: 99, tools: ["R2"] });
  });
});

describe("the training register in the capture template", () => {
  async function template(): Promise<ExcelJS.Workbook> {
    const response = await t.get(`/api/tool-instances/${m2}/indicators/template.xlsx`, liaison);
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
    return workbook;
  }

  const rowOf = (workbook: ExcelJS.Workbook, period: string, code: string) => {
    let found: ExcelJS.Row | undefined;
    workbook.getWorksheet(SHEET_NAME)?.eachRow((r) => {
      if (r.getCell(1).text === period && r.getCell(3).text === code) {
        found = r;
      }
    });
    if (!found) {
      throw new Error(`${period} ${code}`);
    }
    return found;
  };

  const upload = async (workbook: ExcelJS.Workbook, apply: boolean) => {
    const response = await postFile(
      t.app,
      `/api/tool-instances/${m2}/indicators/import${apply ? "?apply=true" : ""}`,
      liaison,
      "indicadores.xlsx",
      Buffer.from(await workbook.xlsx.writeBuffer()),
    );
    expect(response.statusCode).toBe(200);
    return json<SheetImportResult>(response);
  };

  it("shows the register's figure and its basis beside the indicators it feeds", async () => {
    const workbook = await template();
    const header = workbook.getWorksheet(SHEET_NAME)?.getRow(1);
    expect(
      [...SHEET_COLUMNS, ...SHEET_REGISTER_COLUMNS].map((_, i) => header?.getCell(i + 1).text),
    ).toEqual([...SHEET_COLUMNS, ...SHEET_REGISTER_COLUMNS]);
    const ind08 = rowOf(workbook, "2026-T2", "IND08");
    expect(ind08.getCell(7).value).toBeNull();
    expect(ind08.getCell(9).value).toBe(1);
    expect(ind08.getCell(10).text).toContain("1 sesión de R2 del 01/04/2026 al 30/06/2026");
    const ind09 = rowOf(workbook, "2026-T1", "IND09");
    expect([ind09.getCell(7).value, ind09.getCell(9).value]).toEqual([41, 50]);
    expect(ind09.getCell(10).text).toContain("cuenta dos veces");
    expect(rowOf(workbook, "2026-T1", "IND01").getCell(9).value).toBeNull();
  });

  it("never imports the register's column: a figure becomes a value only in «Valor»", async () => {
    const untouched = await upload(await template(), false);
    expect(untouched.rows.find((r) => r.period === "2026-T2" && r.code === "IND08")).toMatchObject({
      change: "empty",
      after: null,
    });
    expect(untouched.rows.find((r) => r.period === "2026-T1" && r.code === "IND09")).toMatchObject({
      change: "same",
      after: 41,
    });

    const copied = await template();
    const ind08 = rowOf(copied, "2026-T2", "IND08");
    ind08.getCell(7).value = ind08.getCell(9).value;
    const applied = await upload(copied, true);
    expect(applied.applied).toBe(true);
    expect(applied.rows.find((r) => r.period === "2026-T2" && r.code === "IND08")).toMatchObject({
      change: "new",
      after: 1,
    });
    const t2 = json<PeriodReport>(await t.get(periodUrl("2026-T2"), liaison));
    expect(row(t2, "IND08")).toMatchObject({ value: 1, registerFigure: { value: 1 } });
  });
});
