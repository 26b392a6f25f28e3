import { describe, expect, it } from "vitest";
import { MODEL_2022 } from "./model-2022.js";
import {
  type ImportCurrent,
  instanceKey,
  planCounts,
  planImport,
  type RawSheet,
  readCvegeo,
  readDate,
  recogniseSheets,
  WorkbookRefusal,
} from "./xlsx-import.js";

const sheet = (name: string, rows: (string | number | Date | null)[][]): RawSheet => ({
  name,
  rows: rows.map((cells, index) => ({ number: index + 1, cells })),
});

const reference = {
  municipalities: new Map([
    ["15106", "Toluca"],
    ["15054", "Metepec"],
  ]),
  model: MODEL_2022,
  today: "2026-12-04",
};

const empty = (): ImportCurrent => ({
  agreements: new Map(),
  accounts: new Map(),
  designations: new Map(),
  instances: new Map(),
  diagnostics: new Map(),
});

describe("reading cells", () => {
  it("reads dates as the exports write them, ISO dates and Excel dates", () => {
    expect(readDate("16/11/2022")).toBe("2022-11-16");
    expect(readDate("1/2/2023")).toBe("2023-02-01");
    expect(readDate("2023-02-01")).toBe("2023-02-01");
    expect(readDate(new Date(Date.UTC(2023, 1, 1)))).toBe("2023-02-01");
    expect(readDate(null)).toBeNull();
    expect(readDate("31/02/2023")).toEqual({ problem: expect.stringContaining("dd/mm/aaaa") });
    expect(readDate("mañana")).toEqual({ problem: expect.any(String) });
  });

  it("reads INEGI keys from text or number cells", () => {
    expect(readCvegeo(15106)).toBe("15106");
    expect(readCvegeo(" 15106 ")).toBe("15106");
    expect(readCvegeo("Toluca")).toBeNull();
  });
});

describe("recognising sheets", () => {
  it("finds the header below the export's title lines, and reads past its computed columns", () => {
    const sheets = recogniseSheets([
      sheet("Resumen", [
        ["Avance regional"],
        ["Infoem"],
        ["Clave INEGI", "Municipio", "Cohorte", "Convenio", "Lugar", "Índice (%)"],
        ["15106", "Toluca", "Cohorte 2022", "16/11/2022", 1, 55.5],
      ]),
    ]);
    expect(sheets.agreements).toEqual([
      {
        row: 4,
        cells: { cvegeo: "15106", name: "Toluca", cohort: "Cohorte 2022", signedOn: "16/11/2022" },
      },
    ]);
  });

  it("accepts the open data's column names and skips empty rows", () => {
    const sheets = recogniseSheets([
      sheet("convenios", [
        ["clave_inegi", "cohorte", "fecha_convenio"],
        [null, null, null],
        ["15106", "C", "2022-11-16"],
      ]),
    ]);
    expect(sheets.agreements).toHaveLength(1);
  });

  it.each([
    [[sheet("Hoja1", [["x"]])], /ninguna hoja/],
    [[sheet("Convenios", [["Municipio"]])], /encabezados/],
    [[sheet("Convenios", [["Clave INEGI", "Cohorte"]])], /faltan columnas: «Convenio»/],
    [[sheet("Convenios", [["Clave INEGI", "Cohorte", "Convenio", "Notas"]])], /no conoce: «Notas»/],
    [[sheet("Convenios", [["Clave INEGI", "Cohorte", "Convenio", "Cohorte"]])], /repite/],
  ])("refuses wrong columns whole (%#)", (sheets, message) => {
    expect(() => recogniseSheets(sheets)).toThrow(WorkbookRefusal);
    expect(() => recogniseSheets(sheets)).toThrow(message);
  });
});

describe("planning an import", () => {
  const record = () =>
    recogniseSheets([
      sheet("Convenios", [
        ["Clave INEGI", "Cohorte", "Convenio"],
        ["15106", "Cohorte 2022", "16/11/2022"],
      ]),
      sheet("Enlaces", [
        ["Clave INEGI", "Correo", "Nombre", "Rol", "Designado el"],
        ["15106", "ana@toluca.gob.mx", "Ana", "Enlace municipal", "20/11/2022"],
      ]),
      sheet("Estados", [
        ["Clave INEGI", "Herramienta", "Estado", "Enviada el", "Validada el"],
        ["15106", "E2", "Validada", "10/01/2023", "15/02/2023"],
      ]),
    ]);

  it("creates a new municipality's agreement, liaison and the states of the instances it will have", () => {
    const plan = planImport(record(), reference, empty());
    expect(plan.problems).toEqual([]);
    expect(planCounts(plan)).toEqual({ create: 2, update: 1, unchanged: 0, problems: 0 });
    expect(plan.rows.flatMap((row) => row.operations.map((op) => op.kind))).toEqual([
      "agreement.create",
      "account.create",
      "designation",
      "state",
    ]);
  });

  it("plans nothing when the database already holds the file", () => {
    const current = empty();
    current.agreements.set("15106", { id: "a", signedOn: "2022-11-16", cohort: "Cohorte 2022" });
    current.accounts.set("ana@toluca.gob.mx", {
      id: "u",
      name: "Ana",
      role: "liaison",
      municipality: "15106",
      active: true,
    });
    current.designations.set("15106", { email: "ana@toluca.gob.mx", designatedOn: "2022-11-20" });
    current.instances.set(instanceKey("15106", "E2", null, 1), {
      state: "validated",
      submittedOn: "2023-01-10",
      validatedOn: "2023-02-15",
      hasSubmissions: false,
      agreementTool: false,
    });
    const plan = planImport(record(), reference, current);
    expect(planCounts(plan)).toEqual({ create: 0, update: 0, unchanged: 3, problems: 0 });
    expect(plan.rows.flatMap((row) => row.operations)).toEqual([]);
  });

  it("never replaces the history of a tool MRTM already holds submissions of, nor E1", () => {
    const current = empty();
    current.agreements.set("15106", { id: "a", signedOn: "2022-11-16", cohort: "Cohorte 2022" });
    current.instances.set(instanceKey("15106", "E2", null, 1), {
      state: "submitted",
      submittedOn: "2023-01-10",
      validatedOn: null,
      hasSubmissions: true,
      agreementTool: false,
    });
    current.instances.set(instanceKey("15106", "E1", null, 1), {
      state: "validated",
      submittedOn: "2022-11-16",
      validatedOn: "2022-11-16",
      hasSubmissions: false,
      agreementTool: true,
    });
    const sheets = recogniseSheets([
      sheet("Estados", [
        ["Clave INEGI", "Herramienta", "Estado", "Enviada el", "Validada el"],
        ["15106", "E2", "Validada", "10/01/2023", "15/02/2023"],
        ["15106", "E1", "Pendiente de elaboración", null, null],
      ]),
    ]);
    const plan = planImport(sheets, reference, current);
    expect(plan.problems.map((p) => p.message)).toEqual([
      "La herramienta ya tiene entregas en MRTM; su historia no se reemplaza con una importación.",
      "E1 se valida con la firma del convenio; no se importa su estado.",
    ]);
  });

  it("checks every date, role and duplicate, naming the row and column", () => {
    const sheets = recogniseSheets([
      sheet("Enlaces", [
        ["Clave INEGI", "Correo", "Nombre", "Rol", "Designado el"],
        ["15106", "ana@toluca.gob.mx", "Ana", "Jefa", null],
        ["15106", "ana@toluca.gob.mx", "Ana", "Colaborador municipal", "01/01/2023"],
        ["15054", "no-es-correo", "Luis", "Enlace municipal", "01/01/2023"],
      ]),
      sheet("Estados", [
        ["Clave INEGI", "Herramienta", "Estado", "Enviada el", "Validada el"],
        ["15106", "E2", "En elaboración", "10/01/2023", null],
        ["15106", "E3", "Validada", "10/01/2030", "01/01/2023"],
      ]),
    ]);
    const plan = planImport(sheets, reference, empty());
    expect(plan.problems.map((p) => `${p.sheet} ${p.row} ${p.column}`)).toEqual([
      "Enlaces 2 Rol",
      "Enlaces 3 Correo",
      "Enlaces 3 Designado el",
      "Enlaces 4 Correo",
      "Enlaces 4 Clave INEGI",
      "Estados 2 Herramienta",
      "Estados 2 Enviada el",
      "Estados 3 Herramienta",
      "Estados 3 Enviada el",
      "Estados 3 Validada el",
    ]);
  });
});
