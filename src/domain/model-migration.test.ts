import { describe, expect, it } from "vitest";
import type { ModelContent, Period, Tool } from "./model.js";
import {
  type AddedInstance,
  deadlineMovedEarlier,
  type MigrationInstance,
  migrationTargetProblem,
  planMigration,
} from "./model-migration.js";

const SIGNED = "2023-03-15";
const MOVED = "2024-06-10";

function tool(code: string, period: Period, extra: Partial<Tool> = {}): Tool {
  return {
    code,
    name: `Herramienta ${code}`,
    description: "",
    period,
    weight: 1,
    parts: [],
    criteria: [],
    maturityLevels: [],
    ...extra,
  };
}

const months = (n: number): Period => ({ kind: "months", months: n, label: "" });
const ANNUAL: Period = { kind: "annual", label: "" };

function model(...tools: Tool[]): ModelContent {
  return {
    label: "m",
    dimensions: [{ code: "D", name: "D", description: "", weight: 1, tools }],
  };
}

let ids = 0;
function inst(tool: string, overrides: Partial<MigrationInstance> = {}): MigrationInstance {
  ids += 1;
  return {
    id: `i${ids}`,
    tool,
    part: null,
    cycle: 1,
    state: "pending",
    deadline: "2023-09-15",
    extendedTo: null,
    archived: false,
    ...overrides,
  };
}

/** The plan for a municipality that signed on SIGNED and moves between two models on MOVED. */
const move = (from: Tool[], to: Tool[], instances: MigrationInstance[]) =>
  planMigration({
    from: model(...from),
    to: model(...to),
    signedOn: SIGNED,
    movedOn: MOVED,
    instances,
  });

/** An instance the plan adds: the whole tool's first cycle, opening on the day of the move. */
const added = (tool: string, deadline: string, overrides: Partial<AddedInstance> = {}) => ({
  tool,
  part: null,
  cycle: 1,
  opensOn: MOVED,
  deadline,
  validatedOnSigning: false,
  ...overrides,
});

/** A tool's parts, named by their codes. */
const parts = (...codes: string[]) => codes.map((code) => ({ code, name: code, description: "" }));

describe("planMigration", () => {
  it("keeps tools matched by code with their ids and states, untouched when nothing changed", () => {
    const a = inst("A", { state: "validated" });
    const b = inst("B", { state: "in_progress" });
    const plan = move(
      [tool("A", months(6)), tool("B", months(6))],
      [tool("A", months(6)), tool("B", months(6))],
      [a, b],
    );
    expect(plan.kept.map((k) => [k.id, k.state, k.deadline, k.redated])).toEqual([
      [a.id, "validated", "2023-09-15", false],
      [b.id, "in_progress", "2023-09-15", false],
    ]);
    expect(plan.added).toEqual([]);
    expect(plan.archived).toEqual([]);
    expect(plan.refusals).toEqual([]);
    expect(plan.weightChanges).toEqual([]);
  });

  it("gives a new tool an instance whose deadline counts from the move", () => {
    const plan = move(
      [tool("A", months(6))],
      [tool("A", months(6)), tool("N", months(3))],
      [inst("A")],
    );
    expect(plan.added).toEqual([added("N", "2024-09-10")]);
  });

  it("gives a new annual tool the cycle under way, due a year after the move", () => {
    const plan = move(
      [tool("A", months(6))],
      [tool("A", months(6)), tool("Y", ANNUAL)],
      [inst("A")],
    );
    // 2023-03-15 → 2024-06-10 is in the second yearly cycle.
    expect(plan.added).toEqual([added("Y", "2025-06-10", { cycle: 2 })]);
  });

  it("gives each part of a new tool its instance, and a new project tool no deadline", () => {
    const plan = move(
      [tool("A", months(6))],
      [
        tool("A", months(6)),
        tool("P", months(12), {
          parts: parts("a", "b"),
        }),
        tool("Q", { kind: "project", label: "" }),
      ],
      [inst("A")],
    );
    expect(plan.added.map((a) => [a.tool, a.part, a.deadline])).toEqual([
      ["P", "a", "2025-06-10"],
      ["P", "b", "2025-06-10"],
      ["Q", null, null],
    ]);
  });

  it("starts a new agreement tool validated as of the signing, as registration does", () => {
    const plan = move(
      [tool("A", months(6))],
      [tool("A", months(6)), tool("E1", { kind: "on_agreement", label: "" })],
      [inst("A")],
    );
    expect(plan.added).toEqual([
      added("E1", SIGNED, { opensOn: SIGNED, validatedOnSigning: true }),
    ]);
  });

  it("archives every instance of a removed tool, validated ones included, keeping them listed", () => {
    const r1 = inst("R", { state: "validated" });
    const r2 = inst("R", { cycle: 2, state: "changes_requested" });
    const plan = move(
      [tool("A", months(6)), tool("R", ANNUAL)],
      [tool("A", months(6))],
      [inst("A"), r2, r1],
    );
    expect(plan.archived).toEqual([
      { id: r1.id, tool: "R", part: null, cycle: 1, state: "validated" },
      { id: r2.id, tool: "R", part: null, cycle: 2, state: "changes_requested" },
    ]);
    expect(plan.refusals).toEqual([]);
  });

  it("refuses to archive work waiting for a reviewer's decision", () => {
    const plan = move(
      [tool("A", months(6)), tool("R", months(6))],
      [tool("A", months(6))],
      [inst("A"), inst("R", { state: "submitted" })],
    );
    expect(plan.refusals).toHaveLength(1);
    expect(plan.refusals[0]).toMatchObject({ code: "migration_work_in_review", tool: "R" });
    expect(plan.refusals[0]?.message).toContain("R está en revisión");
  });

  it("refuses a move that drops a validated part of a tool it keeps", () => {
    const plan = move(
      [tool("P", months(6), { parts: parts("a", "b") })],
      [tool("P", months(6), { parts: parts("a") })],
      [inst("P", { part: "a", state: "validated" }), inst("P", { part: "b", state: "validated" })],
    );
    expect(plan.refusals).toEqual([
      expect.objectContaining({ code: "migration_loses_validated_work", tool: "P", part: "b" }),
    ]);
    expect(plan.refusals[0]?.message).toContain("P (b) está validada");
  });

  it("archives an open part the kept tool no longer has and adds the parts it gained", () => {
    const whole = inst("P", { state: "in_progress" });
    const plan = move(
      [tool("P", months(6))],
      [
        tool("P", months(6), {
          parts: parts("a", "b"),
        }),
      ],
      [whole],
    );
    expect(plan.archived.map((a) => a.id)).toEqual([whole.id]);
    expect(plan.added.map((a) => [a.part, a.deadline])).toEqual([
      ["a", "2024-12-10"],
      ["b", "2024-12-10"],
    ]);
    expect(plan.refusals).toEqual([]);
  });

  it("re-dates open instances of a tool whose period changed, from the agreement; validated stay", () => {
    const open = inst("A", { state: "in_progress", deadline: "2023-09-15" });
    const done = inst("B", { state: "validated", deadline: "2023-09-15" });
    const plan = move(
      [tool("A", months(6)), tool("B", months(6))],
      [tool("A", months(18)), tool("B", months(3))],
      [open, done],
    );
    expect(plan.kept).toEqual([
      expect.objectContaining({ id: open.id, deadline: "2024-09-15", redated: true }),
      expect.objectContaining({ id: done.id, deadline: "2023-09-15", redated: false }),
    ]);
  });

  it("keeps an approved extension in force when re-dating, remembering the planned date", () => {
    const open = inst("A", { state: "pending", deadline: "2024-12-01", extendedTo: "2024-12-01" });
    const plan = move([tool("A", months(6))], [tool("A", months(9))], [open]);
    expect(plan.kept[0]).toMatchObject({
      deadline: "2024-12-01",
      originalDeadline: "2023-12-15",
      redated: true,
    });
  });

  it("lists weight changes; the index uses the version the participant follows", () => {
    const plan = move(
      [tool("A", months(6)), tool("B", months(6))],
      [tool("A", months(6), { weight: 2 }), tool("B", months(6))],
      [inst("A"), inst("B")],
    );
    expect(plan.weightChanges).toEqual([{ tool: "A", from: 1, to: 2 }]);
  });

  it("adds the cycles the agreement has opened to a kept tool that became annual", () => {
    const first = inst("A", { state: "validated" });
    const plan = move([tool("A", months(12))], [tool("A", ANNUAL)], [first]);
    expect(plan.kept.map((k) => k.id)).toEqual([first.id]);
    expect(plan.added).toEqual([added("A", "2025-03-15", { cycle: 2, opensOn: "2024-03-15" })]);
  });

  it("refuses dropping a validated later cycle when an annual tool stops being annual", () => {
    const plan = move(
      [tool("A", ANNUAL)],
      [tool("A", months(12))],
      [inst("A", { state: "validated" }), inst("A", { cycle: 2, state: "validated" })],
    );
    expect(plan.refusals).toEqual([
      expect.objectContaining({ code: "migration_loses_validated_work", cycle: 2 }),
    ]);
    expect(plan.refusals[0]?.message).toContain("A, ciclo 2");
  });

  it("restores an instance an earlier move archived when its tool comes back", () => {
    const archived = inst("R", { state: "validated", archived: true });
    const plan = move(
      [tool("A", months(6))],
      [tool("A", months(6)), tool("R", months(6))],
      [inst("A"), archived],
    );
    expect(plan.kept.find((k) => k.id === archived.id)).toMatchObject({ restored: true });
    expect(plan.added).toEqual([]);
  });

  it("leaves instances archived earlier alone when their tool stays out", () => {
    const plan = move(
      [tool("A", months(6))],
      [tool("A", months(6))],
      [inst("A"), inst("R", { state: "submitted", archived: true })],
    );
    expect(plan.archived).toEqual([]);
    expect(plan.refusals).toEqual([]);
  });
});

describe("migrationTargetProblem", () => {
  it("moves only forward, to another version", () => {
    expect(migrationTargetProblem(1, 2)).toBeNull();
    expect(migrationTargetProblem(2, 2)?.code).toBe("migration_same_version");
    expect(migrationTargetProblem(3, 2)).toEqual({
      code: "migration_older_version",
      message: "El municipio sigue la versión 3; no se puede regresar a la versión 2.",
    });
  });
});

describe("deadlineMovedEarlier", () => {
  it("says when a re-dated deadline comes sooner", () => {
    const base = {
      id: "x",
      tool: "A",
      part: null,
      cycle: 1,
      state: "pending" as const,
      originalDeadline: null,
      redated: true,
      restored: false,
    };
    expect(
      deadlineMovedEarlier({ ...base, deadlineBefore: "2024-01-01", deadline: "2023-12-01" }),
    ).toBe(true);
    expect(
      deadlineMovedEarlier({ ...base, deadlineBefore: "2024-01-01", deadline: "2024-02-01" }),
    ).toBe(false);
    expect(deadlineMovedEarlier({ ...base, deadlineBefore: null, deadline: "2024-02-01" })).toBe(
      false,
    );
  });
});
