import { deflateRawSync } from "node:zlib";
import { and, count, eq, isNotNull } from "drizzle-orm";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { ToolInstance } from "../../../contracts/participation.js";
import type { ImportReport } from "../../../contracts/xlsx-import.js";
import { localDateOf } from "../../../domain/dates.js";
import { IMPORTED_REVIEW_NOTE } from "../../../domain/tool-state.js";
import {
  agreements,
  auditEvents,
  diagnostics,
  liaisonDesignations,
  mailOutbox,
  toolInstances,
  users,
} from "../../db/schema/index.js";
import { errorCode, json, setUpTestApp } from "../../test/app.js";
import { signedIn } from "../../test/factories.js";
import { samplePdf } from "../../test/samples.js";
import { buildWorkbook, type WorkbookSheets } from "../../test/workbooks.js";

type Sheets = WorkbookSheets;
const workbook = buildWorkbook;

/** Toluca's record as kept in a spreadsheet: agreement, liaison and one tool validated. */
const RECORD: Sheets = {
  Convenios: [
    ["Clave INEGI", "Municipio", "Cohorte", "Convenio"],
    ["15106", "Toluca", "Cohorte 2022", "16/11/2022"],
    [15054, "Metepec", "Cohorte 2023", new Date(Date.UTC(2023, 2, 1))],
  ],
  Enlaces: [
    ["Clave INEGI", "Correo", "Nombre", "Rol", "Designado el"],
    ["15106", "Ana.Lopez@toluca.gob.mx", "Ana López", "Enlace municipal", "20/11/2022"],
    ["15106", "beto@toluca.gob.mx", "Beto Ruiz", "Colaborador municipal", null],
  ],
  Estados: [
    ["Clave INEGI", "Herramienta", "Parte", "Ciclo", "Estado", "Enviada el", "Validada el"],
    ["15106", "E2", null, 1, "Validada", "10/01/2023", "15/02/2023"],
    ["15106", "E3", "a", null, "En revisión", "01/03/2023", null],
  ],
  Diagnóstico: [
    ["Clave INEGI", "Herramienta", "Parte", "Respuesta"],
    ["15054", "E2", null, "Ya cuenta con ella"],
  ],
};

describe("XLSX import", () => {
  const ctx = setUpTestApp();
  const admin = ctx.session("admin");

  const post = async (path: "dry-run" | "apply", file: Buffer, name = "registro.xlsx") => {
    return ctx.upload(`/api/imports/${path}`, admin, name, file);
  };
  const tally = async () => {
    const db = ctx.handle.db;
    const [a] = await db.select({ n: count() }).from(agreements);
    const [u] = await db.select({ n: count() }).from(users);
    const [e] = await db.select({ n: count() }).from(auditEvents);
    return { agreements: a?.n, users: u?.n, events: e?.n };
  };

  it("offers a template whose sheets the import reads, and an empty one changes nothing", async () => {
    const response = await ctx.get("/api/imports/template.xlsx", admin);
    expect(response.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      "Instrucciones",
      "Convenios",
      "Enlaces",
      "Estados",
      "Diagnóstico",
    ]);
    const dry = await post("dry-run", response.rawPayload);
    expect(json<ImportReport>(dry).counts).toEqual({
      create: 0,
      update: 0,
      unchanged: 0,
      problems: 0,
    });
  });

  it("shows in the dry run what each row creates, column by column, and writes nothing", async () => {
    const before = await tally();
    const response = await post("dry-run", await workbook(RECORD));
    expect(response.statusCode).toBe(200);
    const report = json<ImportReport>(response);
    expect(report.applied).toBe(false);
    expect(report.problems).toEqual([]);
    expect(report.counts).toEqual({ create: 5, update: 2, unchanged: 0, problems: 0 });
    expect(report.rows[0]).toMatchObject({
      sheet: "Convenios",
      row: 2,
      subject: "15106 Toluca",
      action: "create",
      changes: [
        { column: "Cohorte", before: null, after: "Cohorte 2022" },
        { column: "Convenio", before: null, after: "16/11/2022" },
      ],
    });
    expect(report.rows.find((row) => row.subject === "15106 · E2 · ciclo 1")).toMatchObject({
      action: "update",
      changes: [
        { column: "Estado", before: "Pendiente de elaboración", after: "Validada" },
        { column: "Enviada el", before: null, after: "10/01/2023" },
        { column: "Validada el", before: null, after: "15/02/2023" },
      ],
    });
    expect(await tally()).toEqual(before);
  });

  it("applies in one go, e-mails the new accounts their link, and a second time changes nothing", async () => {
    const file = await workbook(RECORD);
    const response = await post("apply", file);
    expect(response.statusCode).toBe(200);
    expect(json<ImportReport>(response)).toMatchObject({
      applied: true,
      counts: { create: 5, update: 2 },
    });
    const db = ctx.handle.db;
    const [designation] = await db
      .select({ email: users.email, on: liaisonDesignations.designatedOn })
      .from(liaisonDesignations)
      .innerJoin(users, eq(users.id, liaisonDesignations.userId))
      .where(eq(liaisonDesignations.municipalityCvegeo, "15106"));
    expect(designation).toEqual({ email: "ana.lopez@toluca.gob.mx", on: "2022-11-20" });
    const [e2] = await db
      .select()
      .from(toolInstances)
      .where(and(eq(toolInstances.municipalityCvegeo, "15106"), eq(toolInstances.toolCode, "E2")));
    expect(e2).toMatchObject({ state: "validated" });
    expect(e2?.importedAt).not.toBeNull();
    expect(e2?.validatedAt?.toISOString()).toBe("2023-02-15T18:00:00.000Z");
    const mails = await db
      .select({ to: mailOutbox.to, subject: mailOutbox.subject })
      .from(mailOutbox);
    expect(mails.map((m) => m.to).sort()).toEqual([
      "ana.lopez@toluca.gob.mx",
      "beto@toluca.gob.mx",
    ]);
    const [diagnostic] = await db
      .select()
      .from(diagnostics)
      .where(eq(diagnostics.municipalityCvegeo, "15054"));
    expect(Object.values(diagnostic?.answers ?? {})).toEqual(["has"]);
    const actions = await db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(isNotNull(auditEvents.actorId));
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "agreement.registered",
        "user.created",
        "user.welcome_link_sent",
        "liaison.designated",
        "tool_instance.state_imported",
        "diagnostic.saved",
        "xlsx_import.applied",
      ]),
    );

    const before = await tally();
    const again = await post("apply", file);
    expect(json<ImportReport>(again).counts).toEqual({
      create: 0,
      update: 0,
      unchanged: 7,
      problems: 0,
    });
    // Only the import's own event is added.
    expect(await tally()).toEqual({ ...before, events: (before.events ?? 0) + 1 });
  });

  it("hands a municipality over to a new liaison: the previous one's account is deactivated", async () => {
    const file = await workbook({
      Enlaces: [
        ["Clave INEGI", "Correo", "Nombre", "Rol", "Designado el"],
        ["15106", "carla@toluca.gob.mx", "Carla Díaz", "Enlace municipal", "01/01/2025"],
      ],
    });
    const dry = json<ImportReport>(await post("dry-run", file));
    expect(dry.rows[0]?.changes).toContainEqual({
      column: "Designado el",
      before: "ana.lopez@toluca.gob.mx (20/11/2022)",
      after: "01/01/2025",
    });
    expect((await post("apply", file)).statusCode).toBe(200);
    const accounts = await ctx.handle.db
      .select({ email: users.email, active: users.active })
      .from(users)
      .where(eq(users.municipalityCvegeo, "15106"));
    expect(accounts).toEqual(
      expect.arrayContaining([
        { email: "ana.lopez@toluca.gob.mx", active: false },
        { email: "carla@toluca.gob.mx", active: true },
      ]),
    );
  });

  it("reads the regional report's «Resumen» back: the same agreements, nothing to change", async () => {
    const exported = await ctx.get("/api/reports/regional.xlsx", admin);
    expect(exported.statusCode).toBe(200);
    const report = json<ImportReport>(await post("dry-run", exported.rawPayload));
    expect(report.problems).toEqual([]);
    expect(report.counts).toEqual({ create: 0, update: 0, unchanged: 2, problems: 0 });
  });

  it("lists every problem by sheet, row and column, and the apply refuses the file whole", async () => {
    const file = await workbook({
      Convenios: [
        ["Clave INEGI", "Cohorte", "Convenio"],
        ["15001", "Cohorte 2024", "31/02/2024"],
        ["99999", "Cohorte 2024", "01/02/2024"],
      ],
      Estados: [
        ["Clave INEGI", "Herramienta", "Estado", "Enviada el", "Validada el"],
        ["15106", "E2", "Validada", "10/01/2023", null],
        ["15106", "Z9", "Validada", "10/01/2023", "11/01/2023"],
      ],
    });
    const report = json<ImportReport>(await post("dry-run", file));
    expect(report.problems).toEqual([
      {
        sheet: "Convenios",
        row: 2,
        column: "Convenio",
        message: "No es una fecha: escríbala como dd/mm/aaaa o use una celda de fecha.",
      },
      {
        sheet: "Convenios",
        row: 3,
        column: "Clave INEGI",
        message: "No existe un municipio con la clave 99999.",
      },
      {
        sheet: "Estados",
        row: 2,
        column: "Validada el",
        message: "Una herramienta validada lleva su fecha de validación.",
      },
      expect.objectContaining({ sheet: "Estados", row: 3, column: "Herramienta" }),
    ]);
    const before = await tally();
    const applied = await post("apply", file);
    expect(applied.statusCode).toBe(422);
    expect(errorCode(applied)).toBe("import_invalid");
    expect(await tally()).toEqual(before);
  });

  it("refuses a hostile or malformed workbook whole, with a stable code", async () => {
    const before = await tally();
    const cases: [Buffer, string][] = [
      [
        await workbook({
          Convenios: [
            ["Clave INEGI", "Cohorte", "Convenio"],
            ["15001", { formula: 'HYPERLINK("http://x")' }, "01/02/2024"],
          ],
        }),
        "xlsx_formula",
      ],
      [
        await workbook({ Convenios: [["Clave INEGI", "Cohorte", "Fecha", "Contraseña"]] }),
        "xlsx_columns",
      ],
      [await workbook({ Hoja1: [["a", "b"]] }), "xlsx_columns"],
      [Buffer.from("no es un libro de Excel"), "xlsx_unreadable"],
      [zipBomb(), "xlsx_zip_bomb"],
    ];
    for (const [file, code] of cases) {
      const response = await post("apply", file);
      expect(response.statusCode).toBe(422);
      expect(errorCode(response)).toBe(code);
      expect(json<{ error: { message: string } }>(response).error.message).toMatch(/[áéíóúñ]|\s/);
    }
    expect(await tally()).toEqual(before);
  });

  it("refuses a sheet of 100,000 rows", async () => {
    const rows: Sheets["Estados"] = [["Clave INEGI", "Herramienta", "Estado"]];
    for (let i = 0; i < 100_000; i++) {
      rows.push(["15106", "E2", "Pendiente"]);
    }
    const response = await post("dry-run", await workbook({ Estados: rows }));
    expect(response.statusCode).toBe(422);
    expect(errorCode(response)).toBe("xlsx_too_many_rows");
  }, 120_000);

  // Last: it designates a liaison of its own for Toluca, which the hand-over test does not expect.
  it("marks the imported states in the tool list until MRTM moves them", async () => {
    const reviewer = await signedIn(ctx.app, "reviewer");
    const tools = async () =>
      json<ToolInstance[]>(await ctx.get("/api/municipalities/15106/tools", admin));
    const byTool = (list: ToolInstance[], tool: string) => list.find((t) => t.tool === tool);
    const listed = await tools();
    const today = localDateOf(new Date());
    expect(byTool(listed, "E2")).toMatchObject({ state: "validated", importedOn: today });
    expect(byTool(listed, "E3")).toMatchObject({ state: "submitted", importedOn: today });
    expect(byTool(listed, "C1")?.importedOn).toBeNull();

    // The imported «En revisión» has no submission in MRTM: a reviewer cannot decide it…
    const e3 = byTool(listed, "E3") as ToolInstance;
    const review = (version: number) =>
      ctx.send("POST", `/api/tool-instances/${e3.id}/review`, reviewer.session, {
        decision: "request_changes",
        observations: [{ type: "observacion", text: "Falta el acta de aprobación." }],
        expectedVersion: version,
      });
    const early = await review(e3.version);
    expect(early.statusCode).toBe(409);
    expect(json<{ error: { message: string } }>(early).error.message).toBe(IMPORTED_REVIEW_NOTE);

    // …until the liaison uploads its documents and sends it: the state is MRTM's from then on.
    const liaison = await signedIn(ctx.app, "liaison", { municipality: "15106" });
    const uploaded = await ctx.upload(
      `/api/tool-instances/${e3.id}/evidence`,
      liaison.session,
      "acta.pdf",
      await samplePdf(),
    );
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const stillImported = byTool(await tools(), "E3");
    expect(stillImported).toMatchObject({ state: "submitted", importedOn: today });
    const sent = await ctx.send("POST", `/api/tool-instances/${e3.id}/submit`, liaison.session);
    expect(sent.statusCode, sent.body).toBe(200);
    const moved = byTool(await tools(), "E3") as ToolInstance;
    expect(moved).toMatchObject({ state: "submitted", importedOn: null });
    expect((await review(moved.version)).statusCode).toBe(200);
    const after = await tools();
    expect(byTool(after, "E3")).toMatchObject({ state: "changes_requested", importedOn: null });
    expect(byTool(after, "E2")?.importedOn).toBe(today);
  });
});

/** A zip whose one entry inflates a thousand times its size: 20 MB of zeros. */
function zipBomb(): Buffer {
  const data = Buffer.alloc(20 * 1024 * 1024);
  const compressed = deflateRawSync(data);
  const name = Buffer.from("xl/worksheets/sheet1.xml");
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(compressed.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(compressed.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  const directoryAt = local.length + name.length + compressed.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(directoryAt, 16);
  return Buffer.concat([local, name, compressed, central, name, end]);
}
