import { describe, expect, it } from "vitest";
import {
  assessGap,
  type GapAssessment,
  type GapInstance,
  tally,
  tallyBy,
} from "./support-effectiveness.js";

const HELD = "2025-03-10";
const WINDOW = { windowDays: 90, today: "2025-12-31" }; // window 10/03 → 08/06/2025, long closed

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
    const result = assessGap(
      {
        baseline: "pending",
        heldOn: HELD,
        attended: true,
        instances: [
          instance({ state: "validated", submittedOn: ["2025-04-01"], validatedOn: "2025-04-20" }),
        ],
      },
      WINDOW,
    );
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
    const onTheDay = assessGap(
      {
        baseline: "in_progress",
        heldOn: HELD,
        attended: true,
        instances: [
          instance({ state: "validated", submittedOn: [HELD], validatedOn: "2025-06-08" }),
        ],
      },
      WINDOW,
    );
    expect(onTheDay.outcome).toBe("closed");
    const dayAfter = assessGap(
      {
        baseline: "in_progress",
        heldOn: HELD,
        attended: true,
        instances: [
          instance({ state: "validated", submittedOn: ["2025-06-08"], validatedOn: "2025-06-09" }),
        ],
      },
      WINDOW,
    );
    expect(dayAfter).toMatchObject({
      outcome: "submitted",
      submittedWithin: true,
      validatedWithin: false,
      stateNow: "validated",
    });
  });

  it("does not count a submission made before the action", () => {
    const result = assessGap(
      {
        baseline: "changes_requested",
        heldOn: HELD,
        attended: true,
        instances: [instance({ state: "changes_requested", submittedOn: ["2025-02-01"] })],
      },
      WINDOW,
    );
    expect(result).toMatchObject({ outcome: "not_closed", submittedWithin: false });
  });

  it("closes a gap submitted before the action and validated after it", () => {
    const result = assessGap(
      {
        baseline: "submitted",
        heldOn: HELD,
        attended: true,
        instances: [
          instance({ state: "validated", submittedOn: ["2025-03-01"], validatedOn: "2025-03-15" }),
        ],
      },
      WINDOW,
    );
    expect(result).toMatchObject({
      outcome: "closed",
      submittedWithin: false,
      validatedWithin: true,
    });
  });

  it("says the window is open while it lasts, unless already closed", () => {
    const today = { windowDays: 90, today: "2025-04-01" };
    expect(
      assessGap(
        {
          baseline: "pending",
          heldOn: HELD,
          attended: true,
          instances: [instance({ state: "submitted", submittedOn: ["2025-03-20"] })],
        },
        today,
      ),
    ).toMatchObject({ outcome: "window_open", submittedWithin: true, addressed: true });
    expect(
      assessGap(
        {
          baseline: "pending",
          heldOn: HELD,
          attended: true,
          instances: [
            instance({
              state: "validated",
              submittedOn: ["2025-03-20"],
              validatedOn: "2025-03-30",
            }),
          ],
        },
        today,
      ).outcome,
    ).toBe("closed");
  });

  it("honours a different window", () => {
    const instances = [
      instance({ state: "validated", submittedOn: ["2025-03-12"], validatedOn: "2025-04-15" }),
    ];
    expect(
      assessGap(
        { baseline: "pending", heldOn: HELD, attended: true, instances },
        { ...WINDOW, windowDays: 30 },
      ).outcome,
    ).toBe("submitted");
    expect(
      assessGap(
        { baseline: "pending", heldOn: HELD, attended: true, instances },
        { ...WINDOW, windowDays: 60 },
      ).outcome,
    ).toBe("closed");
  });
});

describe("assessGap: rows that do not count", () => {
  it("shows but does not count a tool already validated at the baseline", () => {
    const result = assessGap(
      {
        baseline: "validated",
        heldOn: HELD,
        attended: true,
        instances: [instance({ state: "validated", validatedOn: "2024-01-10" })],
      },
      WINDOW,
    );
    expect(result).toMatchObject({
      outcome: "already_validated",
      stateNow: "validated",
      addressed: false,
    });
  });

  it("does not apply without a baseline or without instances", () => {
    expect(
      assessGap({ baseline: null, heldOn: HELD, attended: true, instances: [instance()] }, WINDOW),
    ).toMatchObject({ outcome: "not_applicable", addressed: false, stateNow: null });
    expect(
      assessGap({ baseline: "pending", heldOn: HELD, attended: true, instances: [] }, WINDOW),
    ).toMatchObject({
      outcome: "not_applicable",
      addressed: false,
    });
  });

  it("does not apply when the tool's first cycle opened after the action", () => {
    expect(
      assessGap(
        {
          baseline: "pending",
          heldOn: HELD,
          attended: true,
          instances: [instance({ opensOn: "2025-06-01" })],
        },
        WINDOW,
      ).outcome,
    ).toBe("not_applicable");
  });
});

describe("assessGap: annual tools", () => {
  const cycles = (second: Partial<GapInstance>) => [
    instance({ cycle: 1, opensOn: "2024-11-16", deadline: "2025-11-16", state: "pending" }),
    instance({ cycle: 2, opensOn: "2025-11-16", deadline: "2026-11-16", ...second }),
  ];

  it("measures the cycle open on the day of the action, not a later one", () => {
    // Cycle 1 stayed pending; cycle 2 (opened after the action) got validated: not this gap.
    const result = assessGap(
      {
        baseline: "pending",
        heldOn: HELD,
        attended: true,
        instances: cycles({
          state: "validated",
          submittedOn: ["2025-11-20"],
          validatedOn: "2025-11-25",
        }),
      },
      { windowDays: 365, today: "2026-12-31" },
    );
    expect(result).toMatchObject({ outcome: "not_closed", stateNow: "pending" });
  });

  it("closes the gap when that cycle is validated in time, whatever the next cycle does", () => {
    const result = assessGap(
      {
        baseline: "in_progress",
        heldOn: HELD,
        attended: true,
        instances: [
          instance({
            cycle: 1,
            opensOn: "2024-11-16",
            deadline: "2025-11-16",
            state: "validated",
            submittedOn: ["2025-04-01"],
            validatedOn: "2025-04-10",
          }),
          instance({ cycle: 2, opensOn: "2025-11-16", deadline: "2026-11-16", state: "pending" }),
        ],
      },
      WINDOW,
    );
    expect(result).toMatchObject({ outcome: "closed", stateNow: "validated" });
  });

  it("measures a missed cycle, not the newer one under way, when the action addressed it", () => {
    // Held on 10/12/2025: cycle 1 was due on 16/11/2025 and missed; cycle 2 had just opened.
    const result = assessGap(
      {
        baseline: "pending",
        heldOn: "2025-12-10",
        attended: true,
        instances: cycles({
          state: "validated",
          submittedOn: ["2026-01-05"],
          validatedOn: "2026-01-20",
        }),
      },
      { windowDays: 90, today: "2026-06-30" },
    );
    expect(result).toMatchObject({ outcome: "not_closed", stateNow: "pending" });
  });

  it("measures the cycle validated before the action while the next one is only under way", () => {
    const result = assessGap(
      {
        baseline: "validated",
        heldOn: "2025-12-10",
        attended: true,
        instances: [
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
      },
      { windowDays: 90, today: "2026-06-30" },
    );
    expect(result).toMatchObject({ outcome: "already_validated", stateNow: "validated" });
  });
});

describe("assessGap: tools with parts", () => {
  const part = (code: string, overrides: Partial<GapInstance>) =>
    instance({ partCode: code, ...overrides });

  it("closes only when every part is validated by the window's end", () => {
    const result = assessGap(
      {
        baseline: "in_progress",
        heldOn: HELD,
        attended: true,
        instances: [
          part("a", { state: "validated", submittedOn: ["2025-03-20"], validatedOn: "2025-04-01" }),
          part("b", { state: "submitted", submittedOn: ["2025-05-01"] }),
        ],
      },
      WINDOW,
    );
    expect(result).toMatchObject({
      outcome: "submitted",
      stateNow: "submitted",
      submittedWithin: true,
      validatedWithin: false,
    });
  });

  it("counts parts validated before the action as done", () => {
    const result = assessGap(
      {
        baseline: "in_progress",
        heldOn: HELD,
        attended: true,
        instances: [
          part("a", { state: "validated", submittedOn: ["2024-12-01"], validatedOn: "2024-12-10" }),
          part("b", { state: "validated", submittedOn: ["2025-04-01"], validatedOn: "2025-04-02" }),
        ],
      },
      WINDOW,
    );
    expect(result).toMatchObject({
      outcome: "closed",
      submittedWithin: true,
      validatedWithin: true,
    });
  });

  it("is not submitted while a part still waits for its first submission", () => {
    const result = assessGap(
      {
        baseline: "pending",
        heldOn: HELD,
        attended: true,
        instances: [
          part("a", { state: "submitted", submittedOn: ["2025-04-01"] }),
          part("b", { state: "pending" }),
        ],
      },
      WINDOW,
    );
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
