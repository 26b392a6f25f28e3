import { describe, expect, it } from "vitest";
import {
  buildGapMatrix,
  cellUrgency,
  defaultOrder,
  type MatrixCell,
  type MatrixColumn,
  type MatrixFilters,
  type MatrixRowInput,
  matrixColumns,
} from "./gap-matrix.js";
import type { ToolStatus } from "./progress.js";
import type { ToolState } from "./tool-state.js";

const COLUMNS: MatrixColumn[] = [
  { toolCode: "E2", toolName: "Política", dimensionCode: "E", dimensionName: "Estrategia" },
  { toolCode: "E3", toolName: "Integridad", dimensionCode: "E", dimensionName: "Estrategia" },
  { toolCode: "R2", toolName: "Capacitación", dimensionCode: "R", dimensionName: "Recursos" },
];
const ALL_TOOLS = new Set(["E2", "E3", "R2"]);

function status(
  toolCode: string,
  state: ToolState,
  deadline: string | null = "2023-02-16",
  overdue = false,
): ToolStatus {
  return {
    toolCode,
    state,
    deadline,
    overdue,
    cycle: 1,
    missedCycles: overdue ? [1] : [],
    workingCycle: null,
    workingState: null,
    parts: 1,
    validatedParts: state === "validated" ? 1 : 0,
  };
}

function row(
  cvegeo: string,
  name: string,
  statuses: ToolStatus[],
  overrides: Partial<MatrixRowInput> = {},
): MatrixRowInput {
  return {
    cvegeo,
    name,
    cohort: "Cohorte 2022",
    signedOn: "2022-11-16",
    index: 0,
    tools: ALL_TOOLS,
    statuses: new Map(statuses.map((s) => [s.toolCode, s])),
    ...overrides,
  };
}

const TOLUCA = row(
  "15106",
  "Toluca",
  [
    status("E2", "validated"),
    status("E3", "pending", "2023-05-16", true),
    status("R2", "submitted", "2023-11-16"),
  ],
  { index: 0.4 },
);
const METEPEC = row(
  "15054",
  "Metepec",
  [
    status("E2", "changes_requested", "2023-02-16", true),
    status("E3", "pending", "2023-05-16", true),
    status("R2", "validated"),
  ],
  { index: 0.3, cohort: "Cohorte 2023" },
);
const ACAMBAY = row(
  "15003",
  "Acambay de Ruíz Castañeda",
  [status("E2", "validated"), status("E3", "validated"), status("R2", "in_progress", null)],
  { index: 0.9 },
);
const ALL = [TOLUCA, METEPEC, ACAMBAY];

/** The names of the matrix's rows, in its order, with these filters (of every row by default). */
const names = (filters: MatrixFilters, rows: MatrixRowInput[] = ALL) =>
  buildGapMatrix(COLUMNS, rows, filters).rows.map((r) => r.name);

describe("matrixColumns", () => {
  it("lists every tool once, in the first outline's order, then tools only others have", () => {
    const current = {
      dimensions: [
        { code: "E", name: "Estrategia", tools: [{ code: "E1", name: "Convenio" }] },
        { code: "R", name: "Recursos", tools: [{ code: "R1", name: "Perfiles" }] },
      ],
    };
    const older = {
      dimensions: [
        {
          code: "E",
          name: "Estrategia",
          tools: [
            { code: "E1", name: "Convenio (2021)" },
            { code: "E9", name: "Retirada" },
          ],
        },
      ],
    };
    expect(matrixColumns([current, older])).toEqual([
      { toolCode: "E1", toolName: "Convenio", dimensionCode: "E", dimensionName: "Estrategia" },
      { toolCode: "R1", toolName: "Perfiles", dimensionCode: "R", dimensionName: "Recursos" },
      { toolCode: "E9", toolName: "Retirada", dimensionCode: "E", dimensionName: "Estrategia" },
    ]);
  });
});

describe("buildGapMatrix cells and totals", () => {
  it("puts each tool's folded status in its column and counts gaps and overdue per row", () => {
    const matrix = buildGapMatrix(COLUMNS, [TOLUCA]);
    const [toluca] = matrix.rows;
    expect(toluca?.cells.map((cell) => cell?.state)).toEqual(["validated", "pending", "submitted"]);
    expect(toluca?.cells[1]).toMatchObject({ deadline: "2023-05-16", overdue: true });
    expect(toluca?.gaps).toBe(2);
    expect(toluca?.overdue).toBe(1);
  });

  it("leaves a cell empty where the tool is not in the municipality's model", () => {
    const partial = row("15001", "Acolman", [status("E2", "pending")], {
      tools: new Set(["E2"]),
    });
    const matrix = buildGapMatrix(COLUMNS, [partial]);
    expect(matrix.rows[0]?.cells.map((cell) => cell?.state ?? null)).toEqual([
      "pending",
      null,
      null,
    ]);
    expect(matrix.rows[0]?.gaps).toBe(1);
    expect(matrix.columnTotals[1]).toMatchObject({ applicable: 0, gaps: 0 });
  });

  it("shows a tool that applies but has no open instance as pending without deadline", () => {
    const early = row("15002", "Acolman", [], { tools: new Set(["E2"]) });
    expect(buildGapMatrix(COLUMNS, [early]).rows[0]?.cells[0]).toEqual({
      state: "pending",
      deadline: null,
      overdue: false,
      cycle: 1,
      missedCycles: [],
      workingCycle: null,
      parts: 0,
      validatedParts: 0,
    });
  });

  it("totals each column: applicable, gaps, pending, overdue, validated and every state", () => {
    const matrix = buildGapMatrix(COLUMNS, ALL);
    const [e2, e3, r2] = matrix.columnTotals;
    expect(e2).toMatchObject({
      toolCode: "E2",
      applicable: 3,
      gaps: 1,
      pending: 0,
      overdue: 1,
      validated: 2,
    });
    expect(e2?.byState).toEqual({
      pending: 0,
      in_progress: 0,
      submitted: 0,
      changes_requested: 1,
      validated: 2,
    });
    expect(e3).toMatchObject({ gaps: 2, pending: 2, overdue: 2, validated: 1 });
    expect(r2).toMatchObject({ gaps: 2, pending: 0, overdue: 0, validated: 1 });
    expect(matrix.totals).toEqual({ municipalities: 3, gaps: 5, overdue: 3, validated: 4 });
  });
});

describe("buildGapMatrix with yearly cycles", () => {
  it("counts a missed cycle as a gap and overdue, even when the later cycle is validated", () => {
    const r2 = { ...status("R2", "validated", "2022-11-16", true), cycle: 2, missedCycles: [1] };
    const matrix = buildGapMatrix(COLUMNS, [row("15106", "Toluca", [r2])]);
    expect(matrix.rows[0]?.cells[2]).toMatchObject({
      state: "validated",
      cycle: 2,
      overdue: true,
      missedCycles: [1],
    });
    expect(matrix.rows[0]).toMatchObject({ overdue: 1 });
    expect(matrix.columnTotals[2]).toMatchObject({ gaps: 1, overdue: 1, validated: 0 });
    expect(matrix.columnTotals[2]?.byState.validated).toBe(1);
  });

  it("does not count a cycle under way as a gap when the counted one is validated", () => {
    const r2 = { ...status("R2", "validated", "2024-11-16"), workingCycle: 2 };
    const matrix = buildGapMatrix(COLUMNS, [row("15106", "Toluca", [r2])]);
    expect(matrix.columnTotals[2]).toMatchObject({ gaps: 0, validated: 1 });
    expect(matrix.rows[0]?.cells[2]).toMatchObject({ workingCycle: 2 });
  });
});

describe("buildGapMatrix filters", () => {
  it("keeps one cohort", () => {
    expect(names({ cohort: "Cohorte 2023" })).toEqual(["Metepec"]);
  });

  it("shows only one dimension's tools, and counts only those", () => {
    const matrix = buildGapMatrix(COLUMNS, ALL, { dimension: "R" });
    expect(matrix.columns.map((c) => c.toolCode)).toEqual(["R2"]);
    expect(matrix.rows.find((r) => r.name === "Toluca")).toMatchObject({ gaps: 1, overdue: 0 });
    expect(matrix.columnTotals.map((c) => c.toolCode)).toEqual(["R2"]);
  });

  it("keeps municipalities with a shown tool in the chosen state", () => {
    expect(names({ state: "pending" })).toEqual(["Metepec", "Toluca"]);
    expect(names({ state: "in_progress" })).toEqual(["Acambay de Ruíz Castañeda"]);
    // Toluca's submitted tool is R2: with only Estrategia shown, it no longer matches.
    expect(names({ state: "submitted", dimension: "E" })).toEqual([]);
  });

  it("keeps municipalities with (or without) an overdue tool", () => {
    expect(names({ overdue: true })).toEqual(["Metepec", "Toluca"]);
    expect(names({ overdue: false })).toEqual(["Acambay de Ruíz Castañeda"]);
  });

  it("totals only the rows that pass the filters", () => {
    const matrix = buildGapMatrix(COLUMNS, ALL, { overdue: true });
    expect(matrix.columnTotals[0]).toMatchObject({ applicable: 2, validated: 1, overdue: 1 });
    expect(matrix.totals.municipalities).toBe(2);
  });
});

describe("buildGapMatrix sorting", () => {
  it("sorts by name A→Z by default, ignoring accents and case", () => {
    const rows = [row("1", "Zinacantepec", []), row("2", "ámanalco", []), row("3", "Atenco", [])];
    expect(names({}, rows)).toEqual(["ámanalco", "Atenco", "Zinacantepec"]);
    expect(names({ sort: "name", order: "desc" }, rows)).toEqual([
      "Zinacantepec",
      "Atenco",
      "ámanalco",
    ]);
  });

  it("sorts by gaps and by overdue, most first, ties by name", () => {
    expect(names({ sort: "gaps" })).toEqual(["Metepec", "Toluca", "Acambay de Ruíz Castañeda"]);
    expect(names({ sort: "overdue", order: "asc" })).toEqual([
      "Acambay de Ruíz Castañeda",
      "Toluca",
      "Metepec",
    ]);
  });

  it("sorts by index, lowest first by default", () => {
    expect(names({ sort: "index" })).toEqual(["Metepec", "Toluca", "Acambay de Ruíz Castañeda"]);
    expect(names({ sort: "index", order: "desc" })[0]).toBe("Acambay de Ruíz Castañeda");
  });

  it("sorts by a tool column, most urgent first, earlier deadline first within a state", () => {
    const rows = [
      row("1", "A-validada", [status("E2", "validated")]),
      row("2", "B-pendiente-tarde", [status("E2", "pending", "2023-09-01")]),
      row("3", "C-vencida", [status("E2", "pending", "2023-01-01", true)]),
      row("4", "D-pendiente-antes", [status("E2", "pending", "2023-03-01")]),
      row("5", "E-sin-herramienta", [], { tools: new Set() }),
      row("6", "F-observaciones", [status("E2", "changes_requested")]),
    ];
    expect(names({ sort: { tool: "E2" } }, rows)).toEqual([
      "C-vencida",
      "F-observaciones",
      "D-pendiente-antes",
      "B-pendiente-tarde",
      "A-validada",
      "E-sin-herramienta",
    ]);
    expect(names({ sort: { tool: "E2" }, order: "desc" }, rows)[0]).toBe("E-sin-herramienta");
  });

  it("falls back to names when sorting by a tool that is not shown", () => {
    expect(names({ sort: { tool: "E2" }, dimension: "R" })).toEqual([
      "Acambay de Ruíz Castañeda",
      "Metepec",
      "Toluca",
    ]);
  });
});

describe("defaultOrder and cellUrgency", () => {
  it("gives each sort its natural direction", () => {
    expect(defaultOrder("name")).toBe("asc");
    expect(defaultOrder("gaps")).toBe("desc");
    expect(defaultOrder("overdue")).toBe("desc");
    expect(defaultOrder("index")).toBe("asc");
    expect(defaultOrder({ tool: "E2" })).toBe("asc");
  });

  it("ranks overdue before every state and a missing tool last", () => {
    const cell = (state: ToolState, overdue = false): MatrixCell => ({
      state,
      deadline: null,
      overdue,
      cycle: 1,
      missedCycles: overdue ? [1] : [],
      workingCycle: null,
      parts: 1,
      validatedParts: 0,
    });
    const ranked = [
      cell("pending", true),
      cell("changes_requested"),
      cell("pending"),
      cell("in_progress"),
      cell("submitted"),
      cell("validated"),
      null,
    ].map(cellUrgency);
    expect(ranked).toEqual([...ranked].sort((a, b) => a - b));
    expect(new Set(ranked).size).toBe(ranked.length);
  });
});
