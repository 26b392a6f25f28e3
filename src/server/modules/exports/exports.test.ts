import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { MODEL_2022 } from "../../../domain/model-2022.js";
import { setUpTestApp } from "../../test/app.js";
import { auditEventsOf } from "../../test/audit.js";
import { type Session, signedIn } from "../../test/factories.js";
import { ACAMBAY, TOLUCA } from "../../test/municipalities.js";
import { type CycleActors, joinCycle, RETURN, review, VALIDATE } from "../../test/progress.js";
import { CSV_COLUMNS } from "./regional.js";

const NOW = new Date("2024-01-10T18:00:00Z");
const TOOL_CODES = MODEL_2022.dimensions.flatMap((d) => d.tools.map((t) => t.code));

const ctx = setUpTestApp({ now: () => NOW });
let actors: CycleActors;
let reviewer: Session;

beforeAll(async () => {
  actors = await joinCycle(ctx, [TOLUCA, ACAMBAY], { now: NOW });
  reviewer = actors.reviewer;
  await review(ctx, actors, TOLUCA, "E2", VALIDATE);
  await review(ctx, actors, TOLUCA, "R4", VALIDATE);
  await review(ctx, actors, ACAMBAY, "C1", RETURN);
});

const get = (url: string, session: Session | null) =>
  ctx.app.inject({ method: "GET", url, headers: { cookie: session?.cookie ?? "" } });

describe("who may download the regional report", () => {
  it("should refuse municipal users (403) and anonymous (401)", async () => {
    const liaison = actors.liaisons.get(TOLUCA)?.session as Session;
    const collaborator = (await signedIn(ctx.app, "collaborator", { municipality: TOLUCA }))
      .session;
    for (const url of ["/api/reports/regional.xlsx", "/api/reports/regional.csv"]) {
      expect((await get(url, null)).statusCode).toBe(401);
      expect((await get(url, liaison)).statusCode).toBe(403);
      expect((await get(url, collaborator)).statusCode).toBe(403);
    }
  });
});

describe("GET /api/reports/regional.xlsx", () => {
  it("should open back with a summary sheet and a municipalities × tools sheet", async () => {
    const admin = (await signedIn(ctx.app, "admin")).session;
    const response = await get("/api/reports/regional.xlsx", admin);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(response.headers["content-disposition"]).toContain("avance-regional-2024-01-10.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Resumen", "Herramientas"]);

    const summary = workbook.getWorksheet("Resumen") as ExcelJS.Worksheet;
    const header = findRow(summary, "Clave INEGI");
    expect(values(summary.getRow(header)).slice(0, 7)).toEqual([
      "Clave INEGI",
      "Municipio",
      "Cohorte",
      "Convenio",
      "Lugar",
      "Índice (%)",
      "Estrategia (%)",
    ]);
    // Toluca: E1, E2 (Estrategia 50 %) and R4 (Recursos 25 %): index 15 %, first place.
    expect(values(summary.getRow(header + 1))).toEqual([
      TOLUCA,
      "Toluca",
      "Cohorte 2022",
      "16/11/2022",
      1,
      15,
      50,
      25,
      0,
      0,
      0,
      // On time: E1 alone (validated on the signing date), 1 of the 22 deliverables due.
      4.5,
      3,
      // Overdue: E3, R1, P1, P2, C1–C4, M2, M4, and the annual R2, R3, M1, M3, whose first
      // cycle (due 16/11/2023) was missed while their second one is under way.
      14,
      0,
      0,
    ]);
    expect(values(summary.getRow(header + 2)).slice(0, 6)).toEqual([
      ACAMBAY,
      "Acambay de Ruíz Castañeda",
      "Cohorte 2022",
      "16/11/2022",
      2,
      5,
    ]);
    expect(summary.getRow(header + 2).getCell(16).value).toBe(2);

    const tools = workbook.getWorksheet("Herramientas") as ExcelJS.Worksheet;
    const toolsHeader = findRow(tools, "Clave INEGI");
    const labels = values(tools.getRow(toolsHeader));
    expect(labels.slice(2)).toEqual(
      MODEL_2022.dimensions.flatMap((d) => d.tools.map((t) => `${t.code} · ${t.name}`)),
    );
    const toluca = tools.getRow(toolsHeader + 1);
    const cell = (code: string) => toluca.getCell(3 + TOOL_CODES.indexOf(code));
    expect(cell("E2").value).toBe("Validada");
    expect(cell("R1").value).toBe("Pendiente de elaboración · VENCIDA");
    expect((cell("R1").fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFF8D7DA");
    // R2's cycle 1 (due 16/11/2023) was missed: it still counts, and cycle 2 is under way.
    expect(cell("R2").value).toBe(
      "Pendiente de elaboración · VENCIDA (CICLO 1) · ciclo 2 en curso",
    );
    const acambay = tools.getRow(toolsHeader + 2);
    expect(acambay.getCell(3 + TOOL_CODES.indexOf("C1")).value).toBe("Con observaciones · VENCIDA");
  });
});

describe("GET /api/reports/regional.csv", () => {
  it("should give one row per municipality and tool, UTF-8 with BOM for Excel", async () => {
    const response = await get("/api/reports/regional.csv", reviewer);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    const bytes = response.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).split("\r\n");
    expect(lines.at(-1)).toBe("");
    expect(lines[0]).toBe(CSV_COLUMNS.join(","));
    const rows = lines.slice(1, -1);
    expect(rows).toHaveLength(2 * 18);
    expect(rows[0]).toBe(
      "15106,Toluca,Cohorte 2022,16/11/2022,15.0,Estrategia,E1,Convenio de colaboración,1,Validada,no,16/11/2022,100.0,1,1,,",
    );
    expect(rows).toContain(
      "15001,Acambay de Ruíz Castañeda,Cohorte 2022,16/11/2022,5.0,Ciudadanía,C1,Plan anual de difusión a la ciudadanía,1,Con observaciones,sí,16/02/2023,0.0,1,0,1,",
    );
    const r1 = rows.find((row) => row.startsWith("15106,") && row.includes(",R1,"));
    expect(r1?.endsWith(",0.0,4,0,1,")).toBe(true);
    const r2 = rows.find((row) => row.startsWith("15106,") && row.includes(",R2,"));
    expect(r2).toContain(",1,Pendiente de elaboración,sí,16/11/2023,");
    expect(r2?.endsWith(",1,2")).toBe(true);
  });

  it("should score a validated later cycle and still name the missed one", async () => {
    await review(ctx, actors, TOLUCA, "R3", VALIDATE, null, 2);
    const lines = (await get("/api/reports/regional.csv", reviewer)).rawPayload
      .toString("utf8")
      .split("\r\n");
    const r3 = lines.find((row) => row.startsWith("15106,") && row.includes(",R3,"));
    expect(r3).toContain(",2,Validada,sí,16/11/2023,100.0,1,1,1,");
    const response = await get("/api/reports/regional.xlsx", reviewer);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const tools = workbook.getWorksheet("Herramientas") as ExcelJS.Worksheet;
    const toluca = tools.getRow(findRow(tools, "Clave INEGI") + 1);
    expect(toluca.getCell(3 + TOOL_CODES.indexOf("R3")).value).toBe(
      "Validada · ciclo 2 · VENCIDA (CICLO 1)",
    );
  });
});

function findRow(sheet: ExcelJS.Worksheet, firstCell: string): number {
  let found = 0;
  sheet.eachRow((row, number) => {
    if (!found && row.getCell(1).value === firstCell) {
      found = number;
    }
  });
  expect(found).toBeGreaterThan(0);
  return found;
}

describe("the audit trail of the regional report", () => {
  it("should record each download with who downloaded it and the format, and no refusal", async () => {
    const downloads = () => auditEventsOf(ctx.handle.db, "report.regional_downloaded");
    const before = (await downloads()).length;
    const admin = await signedIn(ctx.app, "admin");
    expect((await get("/api/reports/regional.xlsx", admin.session)).statusCode).toBe(200);
    expect((await get("/api/reports/regional.csv", admin.session)).statusCode).toBe(200);
    const liaison = actors.liaisons.get(TOLUCA)?.session as Session;
    expect((await get("/api/reports/regional.csv", liaison)).statusCode).toBe(403);
    const mine = (await downloads()).filter((e) => e.actorId === admin.user.id);
    expect(mine.map((e) => e.after)).toEqual(
      expect.arrayContaining([
        { format: "xlsx", asOf: "2024-01-10", municipalities: 2 },
        { format: "csv", asOf: "2024-01-10", municipalities: 2 },
      ]),
    );
    expect(mine.every((e) => e.entityType === "report")).toBe(true);
    expect(await downloads()).toHaveLength(before + 2);
  });
});

function values(row: ExcelJS.Row): unknown[] {
  return (row.values as unknown[]).slice(1);
}
