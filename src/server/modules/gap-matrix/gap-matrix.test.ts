import { gunzipSync } from "node:zlib";
import { and, eq, inArray } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { GapMatrix, GapMatrixQuery } from "../../../contracts/gap-matrix.js";
import type { ToolState } from "../../../domain/tool-state.js";
import { toolInstances } from "../../db/schema/index.js";
import { SYSTEM_ACTOR } from "../../lib/audit.js";
import { errorCode, json, setUpTestApp } from "../../test/app.js";
import { auditEventsOf } from "../../test/audit.js";
import { type Session, signedIn } from "../../test/factories.js";
import { registerAgreement } from "../agreements/service.js";
import { loadRegionalProgress } from "../progress/service.js";
import { gapMatrixAfresh, presentGapMatrix } from "./queries.js";

// A fixed "now": 10 Jan 2024 at noon in Mexico City.
const NOW = new Date("2024-01-10T18:00:00Z");
const ctx = setUpTestApp({ now: () => NOW });
const reviewer = ctx.session("reviewer");
const admin = ctx.session("admin");

/** Sets the state of a municipality's instances of some tools (first cycle only, unless told). */
async function setState(
  cvegeo: string,
  tools: string[],
  state: ToolState,
  options: { part?: string; cycle?: number } = {},
) {
  await ctx.handle.db
    .update(toolInstances)
    .set({ state })
    .where(
      and(
        eq(toolInstances.municipalityCvegeo, cvegeo),
        inArray(toolInstances.toolCode, tools),
        eq(toolInstances.cycle, options.cycle ?? 1),
        options.part === undefined ? undefined : eq(toolInstances.partCode, options.part),
      ),
    );
}

beforeAll(async () => {
  const agreements = [
    // Toluca: 14 months in, most of its 3- and 6-month deadlines have passed.
    { municipality: "15106", signedOn: "2022-11-16", cohort: "Cohorte 2022" },
    // Aculco: same cohort, nearly everything validated.
    { municipality: "15003", signedOn: "2022-11-16", cohort: "Cohorte 2022" },
    // Metepec: signed a month ago, nothing due yet.
    { municipality: "15054", signedOn: "2023-12-01", cohort: "Cohorte 2023" },
  ];
  for (const agreement of agreements) {
    await registerAgreement(ctx.handle.db, agreement, SYSTEM_ACTOR, NOW);
  }
  await setState("15106", ["R4"], "in_progress");
  await setState("15106", ["C1"], "submitted");
  await setState("15106", ["C2"], "changes_requested");
  await setState("15106", ["E2", "R2"], "validated");
  // E3 has two parts: one validated, one not yet.
  await setState("15106", ["E3"], "validated", { part: "a" });
  // M1: cycle 1 (due 16/11/2023) missed, cycle 2 validated early. R3: cycle 1 missed.
  await setState("15106", ["M1"], "validated", { cycle: 2 });
  const everyTool = (
    await ctx.handle.db
      .selectDistinct({ code: toolInstances.toolCode })
      .from(toolInstances)
      .where(eq(toolInstances.municipalityCvegeo, "15003"))
  ).map((row) => row.code);
  // Aculco: every first cycle validated but M4's; the annual tools' second cycles are pending.
  await setState(
    "15003",
    everyTool.filter((code) => code !== "M4"),
    "validated",
  );
  await setState("15054", ["E2"], "in_progress");
});

const get = (url: string, session: Session | null = reviewer) =>
  ctx.app.inject({ method: "GET", url, headers: session ? { cookie: session.cookie } : {} });
const matrix = async (query = "", session: Session = reviewer) => {
  const response = await get(`/api/gap-matrix${query}`, session);
  expect(response.statusCode).toBe(200);
  const body = json<GapMatrix>(response);
  // Sent as prepared bytes, not through the response schema: they must still be exactly it.
  expect(GapMatrix.parse(body)).toStrictEqual(body);
  return body;
};
const cellOf = (data: GapMatrix, cvegeo: string, tool: string) => {
  const row = data.rows.find((r) => r.municipality.cvegeo === cvegeo);
  return row?.cells[data.columns.findIndex((c) => c.tool === tool)];
};
const rowNames = (data: GapMatrix) => data.rows.map((row) => row.municipality.name);

describe("GET /api/gap-matrix: who may see it", () => {
  it("should answer 401 without a session", async () => {
    const response = await get("/api/gap-matrix", null);
    expect(response.statusCode).toBe(401);
    expect(errorCode(response)).toBe("unauthenticated");
  });

  it("should answer 403 to liaisons and collaborators, even of a participating municipality", async () => {
    for (const role of ["liaison", "collaborator"] as const) {
      const { session } = await signedIn(ctx.app, role, { municipality: "15106" });
      for (const url of ["/api/gap-matrix", "/api/gap-matrix.xlsx"]) {
        const response = await get(url, session);
        expect(response.statusCode).toBe(403);
        expect(errorCode(response)).toBe("forbidden");
      }
    }
  });

  it("should answer reviewers and admins", async () => {
    expect((await matrix("", admin)).total).toBe(3);
  });
});

describe("GET /api/gap-matrix: cells and totals", () => {
  it("should list participating municipalities only, A→Z, with the model's 18 tools as columns", async () => {
    const data = await matrix();
    expect(data.today).toBe("2024-01-10");
    expect(rowNames(data)).toEqual(["Aculco", "Metepec", "Toluca"]);
    expect(data.columns).toHaveLength(18);
    expect(data.columns[0]).toMatchObject({ tool: "E1", dimension: "E" });
    expect(data.columns.at(-1)?.tool).toBe("M4");
    expect(data.cohorts).toEqual(["Cohorte 2022", "Cohorte 2023"]);
    expect(data.dimensions.map((d) => d.code)).toEqual(["E", "R", "P", "C", "M"]);
  });

  it("should show each tool's state, deadline and overdue as of today", async () => {
    const data = await matrix();
    expect(cellOf(data, "15106", "E1")).toMatchObject({ state: "validated", overdue: false });
    expect(cellOf(data, "15106", "E2")).toMatchObject({
      state: "validated",
      deadline: "2023-02-16",
      overdue: false,
    });
    expect(cellOf(data, "15106", "R4")).toMatchObject({
      state: "in_progress",
      deadline: "2023-02-16",
      overdue: true,
    });
    expect(cellOf(data, "15106", "C1")).toMatchObject({ state: "submitted", overdue: true });
    // Metepec signed on 1 Dec 2023: E2 is due on 1 Mar 2024.
    expect(cellOf(data, "15054", "E2")).toMatchObject({
      state: "in_progress",
      deadline: "2024-03-01",
      overdue: false,
    });
  });

  it("should fold a tool's parts into one state and show the counted cycle of annual tools", async () => {
    const data = await matrix();
    // E3 a validated, b pending: in progress, due on the pending part's deadline (6 months).
    expect(cellOf(data, "15106", "E3")).toEqual({
      state: "in_progress",
      deadline: "2023-05-16",
      overdue: true,
      cycle: 1,
      missedCycles: [1],
      workingCycle: null,
      parts: 2,
      validatedParts: 1,
    });
    // R2 cycle 1 was validated and still counts; cycle 2 opened on 16 Nov 2023 and is under way.
    expect(cellOf(data, "15106", "R2")).toMatchObject({
      state: "validated",
      cycle: 1,
      deadline: "2024-11-16",
      overdue: false,
      missedCycles: [],
      workingCycle: 2,
    });
  });

  it("should show a missed yearly cycle as overdue and a gap, even after a later one is validated", async () => {
    const data = await matrix();
    expect(cellOf(data, "15106", "R3")).toMatchObject({
      state: "pending",
      cycle: 1,
      deadline: "2023-11-16",
      overdue: true,
      missedCycles: [1],
      workingCycle: 2,
    });
    expect(cellOf(data, "15106", "M1")).toMatchObject({
      state: "validated",
      cycle: 2,
      overdue: true,
      missedCycles: [1],
      workingCycle: null,
    });
    const m1 = data.columnTotals.find((t) => t.tool === "M1");
    // Aculco validated cycle 1 (cycle 2 under way); Toluca's M1 is a gap; Metepec's is not due.
    expect(m1).toMatchObject({ applicable: 3, gaps: 2, overdue: 1, validated: 1 });
    expect(m1?.byState.validated).toBe(2);
    // Sorting by the M1 column puts the missed cycle first, as the most urgent cell.
    const byM1 = await matrix("?sort=tool:M1");
    expect(byM1.rows[0]?.municipality.name).toBe("Toluca");
  });

  it("should total gaps and overdue per row and per column", async () => {
    const data = await matrix();
    const aculco = data.rows.find((r) => r.municipality.cvegeo === "15003");
    // Only M4: the annual tools' cycle 1 is validated and their cycle 2 is only under way.
    expect(aculco).toMatchObject({ gaps: 1, overdue: 1 });
    expect(aculco?.index).toBeGreaterThan(0.5);
    const e2 = data.columnTotals.find((t) => t.tool === "E2");
    expect(e2).toMatchObject({ applicable: 3, validated: 2, gaps: 1, overdue: 0, pending: 0 });
    expect(e2?.byState.in_progress).toBe(1);
    const r4 = data.columnTotals.find((t) => t.tool === "R4");
    expect(r4).toMatchObject({ validated: 1, gaps: 2, overdue: 1, pending: 1 });
    expect(data.totals.municipalities).toBe(3);
    expect(data.totals.gaps).toBe(data.rows.reduce((sum, row) => sum + row.gaps, 0));
    expect(data.totals.overdue).toBe(data.columnTotals.reduce((sum, t) => sum + t.overdue, 0));
  });
});

describe("GET /api/gap-matrix: freshness", () => {
  it("should show a change made after the previous request at once", async () => {
    expect(cellOf(await matrix(), "15054", "E2")?.state).toBe("in_progress");
    await setState("15054", ["E2"], "submitted");
    try {
      expect(cellOf(await matrix(), "15054", "E2")?.state).toBe("submitted");
    } finally {
      await setState("15054", ["E2"], "in_progress");
    }
    expect(cellOf(await matrix(), "15054", "E2")?.state).toBe("in_progress");
  });

  it("should stay equal to a matrix built afresh, for every filter and order, as municipalities change", async () => {
    const queries = [
      "",
      "?sort=index",
      "?sort=gaps&order=asc",
      "?sort=overdue",
      "?sort=tool:C1",
      "?sort=name&order=desc",
      "?state=submitted",
      "?overdue=false",
      "?dimension=R&sort=gaps",
      "?cohort=Cohorte%202022&pageSize=1&page=2",
    ];
    // Each query's matrix is computed once, then updated for the municipalities that change.
    for (const query of queries) {
      await matrix(query);
    }
    const changes: [string, string[], ToolState][] = [
      ["15054", ["E2", "C1"], "submitted"],
      ["15003", ["M4"], "validated"],
      ["15054", ["R4"], "changes_requested"],
      ["15106", ["C1"], "validated"],
    ];
    const restore: [string, string[], ToolState][] = [
      ["15054", ["E2"], "in_progress"],
      ["15054", ["C1", "R4"], "pending"],
      ["15003", ["M4"], "pending"],
      ["15106", ["C1"], "submitted"],
    ];
    try {
      for (const [cvegeo, tools, state] of [...changes, ...restore]) {
        await setState(cvegeo, tools, state);
        const progress = (await loadRegionalProgress(ctx.handle.db, "2024-01-10")).progress;
        for (const query of queries) {
          const params = GapMatrixQuery.parse(Object.fromEntries(new URLSearchParams(query)));
          const { page, pageSize, ...filters } = params;
          const afresh = presentGapMatrix(gapMatrixAfresh(progress, filters), page, pageSize);
          expect(await matrix(query), `${cvegeo} ${state} ${query}`).toEqual(
            JSON.parse(JSON.stringify(afresh)),
          );
        }
      }
    } finally {
      for (const [cvegeo, tools, state] of restore) {
        await setState(cvegeo, tools, state);
      }
    }
  });
});

describe("GET /api/gap-matrix: prepared bytes", () => {
  it("should send gzip when asked, the same bytes again, and 304 for the ETag it gave", async () => {
    const plain = await get("/api/gap-matrix?sort=gaps");
    const zipped = await ctx.app.inject({
      method: "GET",
      url: "/api/gap-matrix?sort=gaps",
      headers: { cookie: reviewer.cookie, "accept-encoding": "gzip" },
    });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(zipped.rawPayload).toString()).toBe(plain.body);
    expect(zipped.headers.etag).toBe(plain.headers.etag);
    expect(plain.headers["cache-control"]).toBe("private, no-cache");
    const again = await ctx.app.inject({
      method: "GET",
      url: "/api/gap-matrix?sort=gaps",
      headers: { cookie: reviewer.cookie, "if-none-match": String(plain.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    // Another page or order is another body.
    const other = await get("/api/gap-matrix?sort=gaps&pageSize=1");
    expect(other.headers.etag).not.toBe(plain.headers.etag);
  });
});

describe("GET /api/gap-matrix: filters, sorting and paging", () => {
  it("should filter by cohort", async () => {
    expect(rowNames(await matrix("?cohort=Cohorte%202023"))).toEqual(["Metepec"]);
  });

  it("should show only one dimension's tools and count only those", async () => {
    const data = await matrix("?dimension=C");
    expect(data.columns.map((c) => c.tool)).toEqual(["C1", "C2", "C3", "C4"]);
    const toluca = data.rows.find((r) => r.municipality.cvegeo === "15106");
    expect(toluca).toMatchObject({ gaps: 4, overdue: 4 });
    expect(toluca?.cells).toHaveLength(4);
  });

  it("should keep municipalities with a tool in the chosen state", async () => {
    expect(rowNames(await matrix("?state=changes_requested"))).toEqual(["Toluca"]);
    expect(rowNames(await matrix("?state=in_progress"))).toEqual(["Metepec", "Toluca"]);
  });

  it("should keep municipalities with, or without, overdue tools", async () => {
    expect(rowNames(await matrix("?overdue=true"))).toEqual(["Aculco", "Toluca"]);
    const without = await matrix("?overdue=false");
    expect(rowNames(without)).toEqual(["Metepec"]);
    expect(without.totals).toMatchObject({ municipalities: 1, overdue: 0 });
  });

  it("should sort by gaps, by index, and by a tool column", async () => {
    expect(rowNames(await matrix("?sort=gaps"))).toEqual(["Metepec", "Toluca", "Aculco"]);
    expect(rowNames(await matrix("?sort=index"))).toEqual(["Metepec", "Toluca", "Aculco"]);
    expect(rowNames(await matrix("?sort=index&order=desc"))[0]).toBe("Aculco");
    // R4: Toluca overdue in progress, Metepec pending (not due), Aculco validated.
    expect(rowNames(await matrix("?sort=tool:R4"))).toEqual(["Toluca", "Metepec", "Aculco"]);
  });

  it("should page the rows but total all of them", async () => {
    const data = await matrix("?pageSize=1&page=2");
    expect(rowNames(data)).toEqual(["Metepec"]);
    expect(data).toMatchObject({ total: 3, page: 2, pageSize: 1 });
    expect(data.totals.municipalities).toBe(3);
  });

  it("should refuse an unknown state or sort with 400 and a Spanish message", async () => {
    for (const query of ["?state=perdida", "?sort=popularidad", "?overdue=quizas"]) {
      const response = await get(`/api/gap-matrix${query}`);
      expect(response.statusCode).toBe(400);
      expect(errorCode(response)).toBe("validation_error");
    }
    const response = await get("/api/gap-matrix?sort=popularidad");
    expect(json<{ error: { message: string } }>(response).error.message).toMatch(/Orden no válido/);
  });
});

describe("GET /api/gap-matrix.xlsx", () => {
  async function workbook(query: string) {
    const response = await get(`/api/gap-matrix.xlsx${query}`);
    expect(response.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    return { response, book };
  }

  it("should download the matrix as one sheet with its header, frozen panes and totals", async () => {
    const { response, book } = await workbook("");
    expect(response.headers["content-type"]).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(response.headers["content-disposition"]).toContain(
      'filename="matriz-de-brechas-2024-01-10.xlsx"',
    );
    expect(book.worksheets).toHaveLength(1);
    const sheet = book.getWorksheet("Matriz de brechas");
    expect(sheet).toBeDefined();
    if (!sheet) {
      return;
    }
    expect(sheet.getCell("A1").value).toBe("Matriz de brechas");
    expect(String(sheet.getCell("A2").value)).toContain("Infoem");
    expect(String(sheet.getCell("A3").value)).toMatch(
      /^Fecha de emisión: 10\/01\/2024 12:00 \(hora del centro de México\)/,
    );
    expect(String(sheet.getCell("A4").value)).toBe(
      "Filtros: Cohorte: todas · Dimensión: todas · Estado: todos · Vencidas: todas · Orden: municipio, ascendente",
    );
    expect(sheet.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: 6 });

    const header = sheet.getRow(6).values as unknown[];
    expect(header.slice(1, 6)).toEqual([
      "Clave INEGI",
      "Municipio",
      "Cohorte",
      "Índice de implementación (%)",
      "E1 · Convenio de colaboración",
    ]);
    expect(header.slice(-2)).toEqual(["Brechas (sin validar)", "Vencidas"]);

    const names = [7, 8, 9].map((n) => sheet.getRow(n).getCell(2).value);
    expect(names).toEqual(["Aculco", "Metepec", "Toluca"]);
    const toluca = sheet.getRow(9);
    const column = (code: string) =>
      header.findIndex((value) => typeof value === "string" && value.startsWith(`${code} ·`));
    // Each tool: its state as text, then its deadline as a real date (dd/mm/yyyy).
    expect(header[column("R4") + 1]).toBe("R4 · Plazo");
    const deadline = (code: string) => toluca.getCell(column(code) + 1);
    const r4 = toluca.getCell(column("R4"));
    expect(r4.value).toBe("En elaboración · VENCIDA");
    expect(r4.fill).toMatchObject({ type: "pattern", fgColor: { argb: "FFF8D7DA" } });
    expect(deadline("R4").type).toBe(ExcelJS.ValueType.Date);
    expect(deadline("R4").value).toEqual(new Date("2023-02-16T00:00:00Z"));
    expect(deadline("R4").numFmt).toBe("dd/mm/yyyy");
    expect(deadline("R4").fill).toMatchObject({ fgColor: { argb: "FFF8D7DA" } });
    expect(toluca.getCell(column("E3")).value).toBe(
      "En elaboración · 1/2 componentes validados · VENCIDA",
    );
    expect(deadline("E3").value).toEqual(new Date("2023-05-16T00:00:00Z"));
    expect(toluca.getCell(column("R2")).value).toBe("Validada · ciclo 2 en curso");
    expect(deadline("R2").value).toEqual(new Date("2024-11-16T00:00:00Z"));
    expect(toluca.getCell(column("R3")).value).toBe(
      "Pendiente de elaboración · VENCIDA (CICLO 1) · ciclo 2 en curso",
    );
    expect(toluca.getCell(column("M1")).value).toBe("Validada · ciclo 2 · VENCIDA (CICLO 1)");
    const e2 = toluca.getCell(column("E2"));
    expect(e2.value).toBe("Validada");
    expect(deadline("E2").value).toEqual(new Date("2023-02-16T00:00:00Z"));
    expect(e2.fill).not.toMatchObject({ fgColor: { argb: "FFF8D7DA" } });

    // Row totals at the right, column totals below.
    const json = await matrix();
    const tolucaRow = json.rows.find((r) => r.municipality.cvegeo === "15106");
    expect(toluca.getCell(header.length - 2).value).toBe(tolucaRow?.gaps);
    expect(toluca.getCell(header.length - 1).value).toBe(tolucaRow?.overdue);
    const totals = [10, 11, 12, 13].map((n) => sheet.getRow(n));
    expect(totals.map((row) => row.getCell(2).value)).toEqual([
      "Total sin validar",
      "Total pendientes de elaboración",
      "Total vencidas",
      "Total validadas",
    ]);
    const r4Totals = json.columnTotals.find((t) => t.tool === "R4");
    expect(totals.map((row) => row.getCell(column("R4")).value)).toEqual([
      r4Totals?.gaps,
      r4Totals?.pending,
      r4Totals?.overdue,
      r4Totals?.validated,
    ]);
    expect(totals[0]?.getCell(header.length - 2).value).toBe(json.totals.gaps);
    expect(totals[2]?.getCell(header.length - 1).value).toBe(json.totals.overdue);
  });

  it("should apply the same filters as the JSON and say which in its header", async () => {
    const { book } = await workbook("?overdue=true&dimension=C&sort=gaps");
    const sheet = book.worksheets[0];
    if (!sheet) {
      throw new Error("no sheet");
    }
    expect(String(sheet.getCell("A4").value)).toBe(
      "Filtros: Cohorte: todas · Dimensión: C · Ciudadanía · Estado: todos · Vencidas: solo con vencidas · Orden: número de brechas, descendente",
    );
    const header = (sheet.getRow(6).values as unknown[]).filter(Boolean);
    expect(header).toHaveLength(4 + 4 * 2 + 2);
    // Aculco's overdue tool (M4) is not among Ciudadanía's: only Toluca is left.
    expect([7, 8].map((n) => sheet.getRow(n).getCell(2).value)).toEqual([
      "Toluca",
      "Total sin validar",
    ]);
  });

  it("should refuse bad filters before sending anything", async () => {
    const before = (await downloads()).length;
    const response = await get("/api/gap-matrix.xlsx?state=perdida");
    expect(response.statusCode).toBe(400);
    expect(errorCode(response)).toBe("validation_error");
    // Nothing was downloaded, so nothing is recorded.
    expect(await downloads()).toHaveLength(before);
  });

  it("should record each download in the audit trail with who downloaded it and the filters", async () => {
    const adminUser = await signedIn(ctx.app, "admin");
    const response = await get("/api/gap-matrix.xlsx?overdue=true&dimension=C", adminUser.session);
    expect(response.statusCode).toBe(200);
    const mine = (await downloads()).filter((e) => e.actorId === adminUser.user.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ entityType: "report", entityId: null });
    expect(mine[0]?.after).toEqual({
      format: "xlsx",
      asOf: "2024-01-10",
      municipalities: 1,
      dimension: "C",
      overdue: true,
    });
    // The earlier downloads of this file (the reviewer's, unfiltered) are there too.
    expect(
      (await downloads()).some(
        (e) =>
          e.actorId !== adminUser.user.id &&
          (e.after as { municipalities: number }).municipalities === 3,
      ),
    ).toBe(true);
  });
});

function downloads() {
  return auditEventsOf(ctx.handle.db, "report.gap_matrix_downloaded");
}
