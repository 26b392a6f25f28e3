import { describe, expect, it } from "vitest";
import type { LocalDate } from "./dates.js";
import type { InstanceFacts } from "./progress.js";
import {
  assessGap,
  type EffectivenessFacts,
  effectivenessReport,
  type GapAssessment,
  type GapInstance,
  takeBaseline,
  tally,
  tallyBy,
} from "./support-effectiveness.js";
import type { ToolState } from "./tool-state.js";

const HELD = "2025-03-10";
const WINDOW = { windowDays: 90, today: "2025-12-31" }; // window 10/03 → 08/06/2025, long closed

/** A gap attended by the municipality, held on HELD unless said, measured over WINDOW unless said. */
const gap = (
  baseline: ToolState | null,
  instances: GapInstance[],
  options: { heldOn?: LocalDate; window?: typeof WINDOW } = {},
): GapAssessment =>
  assessGap(
    { baseline, heldOn: options.heldOn ?? HELD, attended: true, instances },
    options.window ?? WINDOW,
  );

const instance = (overrides: Partial<GapInstance> = {}): GapInstance => ({
  partCode: null,
  cycle: 1,
  opensOn: "2022-11-16",
  deadline: "2023-11-16",
  state: "pending",
  validatedOn: null,
  submittedOn: [],
  ...overrides,
});

describe("assessGap: one tool without parts", () => {
  it("closes a gap validated inside the window", () => {
    const result = gap("pending", [
      instance({ state: "validated", submittedOn: ["2025-04-01"], validatedOn: "2025-04-20" }),
    ]);
    expect(result).toEqual({
      outcome: "closed",
      stateNow: "validated",
      windowEndsOn: "2025-06-08",
      submittedWithin: true,
      validatedWithin: true,
      addressed: true,
    });
  });

  it("counts both ends of the window, the day of the action included", () => {
    const onTheDay = gap("in_progress", [
      instance({ state: "validated", submittedOn: [HELD], validatedOn: "2025-06-08" }),
    ]);
    expect(onTheDay.outcome).toBe("closed");
    const dayAfter = gap("in_progress", [
      instance({ state: "validated", submittedOn: ["2025-06-08"], validatedOn: "2025-06-09" }),
    ]);
    expect(dayAfter).toMatchObject({
      outcome: "submitted",
      submittedWithin: true,
      validatedWithin: false,
      stateNow: "validated",
    });
  });

  it("does not count a submission made before the action", () => {
    const result = gap("changes_requested", [
      instance({ state: "changes_requested", submittedOn: ["2025-02-01"] }),
    ]);
    expect(result).toMatchObject({ outcome: "not_closed", submittedWithin: false });
  });

  it("closes a gap submitted before the action and validated after it", () => {
    const result = gap("submitted", [
      instance({ state: "validated", submittedOn: ["2025-03-01"], validatedOn: "2025-03-15" }),
    ]);
    expect(result).toMatchObject({
      outcome: "closed",
      submittedWithin: false,
      validatedWithin: true,
    });
  });

  it("says the window is open while it lasts, unless already closed", () => {
    const today = { windowDays: 90, today: "2025-04-01" };
    expect(
      gap("pending", [instance({ state: "submitted", submittedOn: ["2025-03-20"] })], {
        window: today,
      }),
    ).toMatchObject({ outcome: "window_open", submittedWithin: true, addressed: true });
    expect(
      gap(
        "pending",
        [
          instance({
            state: "validated",
            submittedOn: ["2025-03-20"],
            validatedOn: "2025-03-30",
          }),
        ],
        { window: today },
      ).outcome,
    ).toBe("closed");
  });

  it("honours a different window", () => {
    const instances = [
      instance({ state: "validated", submittedOn: ["2025-03-12"], validatedOn: "2025-04-15" }),
    ];
    expect(gap("pending", instances, { window: { ...WINDOW, windowDays: 30 } }).outcome).toBe(
      "submitted",
    );
    expect(gap("pending", instances, { window: { ...WINDOW, windowDays: 60 } }).outcome).toBe(
      "closed",
    );
  });
});

describe("assessGap: rows that do not count", () => {
  it("shows but does not count a tool already validated at the baseline", () => {
    const result = gap("validated", [instance({ state: "validated", validatedOn: "2024-01-10" })]);
    expect(result).toMatchObject({
      outcome: "already_validated",
      stateNow: "validated",
      addressed: false,
    });
  });

  it("does not apply without a baseline or without instances", () => {
    expect(gap(null, [instance()])).toMatchObject({
      outcome: "not_applicable",
      addressed: false,
      stateNow: null,
    });
    expect(gap("pending", [])).toMatchObject({
      outcome: "not_applicable",
      addressed: false,
    });
  });

  it("does not apply when the tool's first cycle opened after the action", () => {
    expect(gap("pending", [instance({ opensOn: "2025-06-01" })]).outcome).toBe("not_applicable");
  });
});

describe("assessGap: annual tools", () => {
  const cycles = (second: Partial<GapInstance>) => [
    instance({ cycle: 1, opensOn: "2024-11-16", deadline: "2025-11-16", state: "pending" }),
    instance({ cycle: 2, opensOn: "2025-11-16", deadline: "2026-11-16", ...second }),
  ];

  it("measures the cycle open on the day of the action, not a later one", () => {
    // Cycle 1 stayed pending; cycle 2 (opened after the action) got validated: not this gap.
    const result = gap(
      "pending",
      cycles({
        state: "validated",
        submittedOn: ["2025-11-20"],
        validatedOn: "2025-11-25",
      }),
      { window: { windowDays: 365, today: "2026-12-31" } },
    );
    expect(result).toMatchObject({ outcome: "not_closed", stateNow: "pending" });
  });

  it("closes the gap when that cycle is validated in time, whatever the next cycle does", () => {
    const result = gap("in_progress", [
      instance({
        cycle: 1,
        opensOn: "2024-11-16",
        deadline: "2025-11-16",
        state: "validated",
        submittedOn: ["2025-04-01"],
        validatedOn: "2025-04-10",
      }),
      instance({ cycle: 2, opensOn: "2025-11-16", deadline: "2026-11-16", state: "pending" }),
    ]);
    expect(result).toMatchObject({ outcome: "closed", stateNow: "validated" });
  });

  it("measures a missed cycle, not the newer one under way, when the action addressed it", () => {
    // Held on 10/12/2025: cycle 1 was due on 16/11/2025 and missed; cycle 2 had just opened.
    const result = gap(
      "pending",
      cycles({
        state: "validated",
        submittedOn: ["2026-01-05"],
        validatedOn: "2026-01-20",
      }),
      { heldOn: "2025-12-10", window: { windowDays: 90, today: "2026-06-30" } },
    );
    expect(result).toMatchObject({ outcome: "not_closed", stateNow: "pending" });
  });

  it("measures the cycle validated before the action while the next one is only under way", () => {
    const result = gap(
      "validated",
      [
        instance({
          cycle: 1,
          opensOn: "2024-11-16",
          deadline: "2025-11-16",
          state: "validated",
          submittedOn: ["2025-06-01"],
          validatedOn: "2025-06-10",
        }),
        instance({ cycle: 2, opensOn: "2025-11-16", deadline: "2026-11-16", state: "pending" }),
      ],
      { heldOn: "2025-12-10", window: { windowDays: 90, today: "2026-06-30" } },
    );
    expect(result).toMatchObject({ outcome: "already_validated", stateNow: "validated" });
  });
});

describe("assessGap: tools with parts", () => {
  const part = (code: string, overrides: Partial<GapInstance>) =>
    instance({ partCode: code, ...overrides });

  it("closes only when every part is validated by the window's end", () => {
    const result = gap("in_progress", [
      part("a", { state: "validated", submittedOn: ["2025-03-20"], validatedOn: "2025-04-01" }),
      part("b", { state: "submitted", submittedOn: ["2025-05-01"] }),
    ]);
    expect(result).toMatchObject({
      outcome: "submitted",
      stateNow: "submitted",
      submittedWithin: true,
      validatedWithin: false,
    });
  });

  it("counts parts validated before the action as done", () => {
    const result = gap("in_progress", [
      part("a", { state: "validated", submittedOn: ["2024-12-01"], validatedOn: "2024-12-10" }),
      part("b", { state: "validated", submittedOn: ["2025-04-01"], validatedOn: "2025-04-02" }),
    ]);
    expect(result).toMatchObject({
      outcome: "closed",
      submittedWithin: true,
      validatedWithin: true,
    });
  });

  it("is not submitted while a part still waits for its first submission", () => {
    const result = gap("pending", [
      part("a", { state: "submitted", submittedOn: ["2025-04-01"] }),
      part("b", { state: "pending" }),
    ]);
    expect(result).toMatchObject({ outcome: "not_closed", submittedWithin: false });
  });
});

const assessment = (outcome: GapAssessment["outcome"], submittedWithin = false): GapAssessment => ({
  outcome,
  stateNow: "pending",
  windowEndsOn: "2025-06-08",
  submittedWithin,
  validatedWithin: outcome === "closed",
  addressed: outcome !== "already_validated" && outcome !== "not_applicable",
});

describe("tally", () => {
  it("rates closed and submitted gaps over the addressed ones", () => {
    expect(
      tally([
        assessment("closed", true),
        assessment("closed", false),
        assessment("submitted", true),
        assessment("not_closed"),
        assessment("window_open", true),
        assessment("already_validated"),
        assessment("not_applicable"),
      ]),
    ).toEqual({
      addressed: 5,
      closed: 2,
      submitted: 3,
      windowOpen: 1,
      alreadyValidated: 1,
      closedRate: 2 / 5,
      submittedRate: 3 / 5,
    });
  });

  it("has no rate when nothing was addressed", () => {
    expect(tally([assessment("already_validated")])).toMatchObject({
      addressed: 0,
      closedRate: null,
      submittedRate: null,
    });
  });
});

describe("tallyBy", () => {
  it("credits every facilitator of an action with its rows, once each", () => {
    const rows = [
      { facilitators: ["ana", "luis"], assessment: assessment("closed", true) },
      { facilitators: ["ana", "ana"], assessment: assessment("not_closed") },
    ];
    const byFacilitator = tallyBy(rows, (row) => row.facilitators);
    expect([...byFacilitator.keys()]).toEqual(["ana", "luis"]);
    expect(byFacilitator.get("ana")).toMatchObject({ addressed: 2, closed: 1, closedRate: 0.5 });
    expect(byFacilitator.get("luis")).toMatchObject({ addressed: 1, closed: 1, closedRate: 1 });
  });
});

const facts = (overrides: Partial<InstanceFacts>): InstanceFacts => ({
  toolCode: "P1",
  partCode: null,
  cycle: 1,
  opensOn: "2022-11-16",
  deadline: "2023-11-16",
  state: "pending",
  firstSubmittedOn: null,
  maturity: null,
  ...overrides,
});

describe("takeBaseline", () => {
  it("records each invited municipality × addressed tool it has, as it stood that day", () => {
    const byMunicipality = new Map([
      [
        "15106",
        [
          facts({ toolCode: "P1", state: "submitted" }),
          facts({ toolCode: "R2", partCode: "a", state: "validated" }),
          facts({ toolCode: "R2", partCode: "b", state: "pending" }),
        ],
      ],
      ["15001", [facts({ toolCode: "P1", state: "validated" })]],
    ]);
    expect(takeBaseline(["15106", "15001", "15002"], ["P1", "R2"], byMunicipality, HELD)).toEqual([
      { municipalityCvegeo: "15106", toolCode: "P1", state: "submitted" },
      { municipalityCvegeo: "15106", toolCode: "R2", state: "in_progress" },
      { municipalityCvegeo: "15001", toolCode: "P1", state: "validated" },
    ]);
  });
});

describe("effectivenessReport", () => {
  const ACTION = "00000000-0000-4000-8000-000000000001";
  const OTHER = "00000000-0000-4000-8000-000000000002";
  const base: EffectivenessFacts = {
    actions: [
      { id: ACTION, title: "Taller", type: "training", heldOn: HELD },
      { id: OTHER, title: "Reunión", type: "working_meeting", heldOn: "2025-02-01" },
    ],
    tools: [
      { actionId: ACTION, toolCode: "R2" },
      { actionId: ACTION, toolCode: "P1" },
      { actionId: OTHER, toolCode: "P1" },
    ],
    invitations: [
      { actionId: ACTION, cvegeo: "15106", name: "Toluca" },
      { actionId: OTHER, cvegeo: "15106", name: "Toluca" },
    ],
    facilitators: [
      { actionId: ACTION, id: "luis", name: "Luis" },
      { actionId: ACTION, id: "ana", name: "Ana" },
      { actionId: OTHER, id: "ana", name: "Ana" },
    ],
    attendances: [
      { actionId: ACTION, cvegeo: "15106" },
      { actionId: OTHER, cvegeo: "15106" },
    ],
    baselines: [
      { actionId: ACTION, municipalityCvegeo: "15106", toolCode: "P1", state: "pending" },
      { actionId: ACTION, municipalityCvegeo: "15106", toolCode: "R2", state: "validated" },
      { actionId: OTHER, municipalityCvegeo: "15106", toolCode: "P1", state: "pending" },
    ],
    instances: [
      { ...instance({ state: "validated", validatedOn: "2025-04-20" }), id: "i-p1" },
      { ...instance({ state: "validated", validatedOn: "2024-01-10" }), id: "i-r2" },
    ].map(({ submittedOn, ...row }) => ({
      ...row,
      cvegeo: "15106",
      toolCode: row.id === "i-p1" ? "P1" : "R2",
    })),
    submissions: [{ instanceId: "i-p1", on: "2025-04-01" }],
    toolNames: new Map([
      ["P1", "Procesos"],
      ["R2", "Reportes"],
    ]),
  };

  it("assesses each invited municipality × tool, tools in the model's order", () => {
    const report = effectivenessReport(base, WINDOW);
    const [taller, reunion] = report.actions;
    expect(taller).toMatchObject({
      heldOn: HELD,
      windowEndsOn: "2025-06-08",
      facilitators: ["Luis", "Ana"],
      tally: { addressed: 1, closed: 1, alreadyValidated: 1 },
    });
    expect(taller?.rows).toEqual([
      {
        municipality: { cvegeo: "15106", name: "Toluca" },
        tool: "P1",
        baseline: "pending",
        stateNow: "validated",
        submittedWithin: true,
        validatedWithin: true,
        outcome: "closed",
      },
      {
        municipality: { cvegeo: "15106", name: "Toluca" },
        tool: "R2",
        baseline: "validated",
        stateNow: "validated",
        submittedWithin: true,
        validatedWithin: false,
        outcome: "already_validated",
      },
    ]);
    // Held 01/02: the validation of 20/04 falls inside its 90 days too.
    expect(reunion?.rows.map((row) => row.outcome)).toEqual(["closed"]);
  });

  it("tallies per tool (model order) and per facilitator (by name), counting actions once", () => {
    const report = effectivenessReport(base, WINDOW);
    expect(report.overall).toMatchObject({ addressed: 2, closed: 2, alreadyValidated: 1 });
    expect(report.byTool.map(({ tool, toolName, actions }) => [tool, toolName, actions])).toEqual([
      ["P1", "Procesos", 2],
      ["R2", "Reportes", 1],
    ]);
    expect(
      report.byFacilitator.map(({ facilitator, actions, tally }) => [
        facilitator.name,
        actions,
        tally.addressed,
      ]),
    ).toEqual([
      ["Ana", 2, 2],
      ["Luis", 1, 1],
    ]);
  });

  it("reports nothing without held actions", () => {
    const empty = { ...base, actions: [], tools: [], invitations: [], facilitators: [] };
    expect(effectivenessReport(empty, WINDOW)).toEqual({
      windowDays: 90,
      today: "2025-12-31",
      overall: tally([]),
      actions: [],
      byTool: [],
      byFacilitator: [],
    });
  });
});

describe("assessGap: a municipality nobody attended for", () => {
  it("shows its gap as not attended and does not count it", () => {
    const validatedLater = [
      instance({ state: "validated", submittedOn: ["2025-04-01"], validatedOn: "2025-04-20" }),
    ];
    const absent = assessGap(
      { baseline: "pending", heldOn: HELD, attended: false, instances: validatedLater },
      WINDOW,
    );
    expect(absent).toMatchObject({
      outcome: "not_attended",
      addressed: false,
      stateNow: "validated",
    });
    expect(tally([absent])).toMatchObject({ addressed: 0, closed: 0, closedRate: null });
    // The same gap, with someone there, is a closed one.
    const present = assessGap(
      { baseline: "pending", heldOn: HELD, attended: true, instances: validatedLater },
      WINDOW,
    );
    expect(tally([present, absent])).toMatchObject({ addressed: 1, closed: 1, closedRate: 1 });
  });
});
