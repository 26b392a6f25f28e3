import { describe, expect, it } from "vitest";
import {
  type ProjectCardFacts,
  projectCardProblems,
  projectDeadlineChange,
  projectToolDeadline,
} from "./project-cards.js";

const card = (overrides: Partial<ProjectCardFacts> = {}): ProjectCardFacts => ({
  startsOn: "2027-01-01",
  endsOn: "2027-06-30",
  status: "planned",
  progress: 0,
  activities: [
    { description: "Una", responsible: "UT", startsOn: "2027-01-01", endsOn: "2027-03-31" },
  ],
  ...overrides,
});

describe("projectToolDeadline", () => {
  it("is the latest end date among the cards not cancelled", () => {
    expect(
      projectToolDeadline([
        { status: "completed", endsOn: "2027-03-31" },
        { status: "in_progress", endsOn: "2027-09-30" },
        { status: "cancelled", endsOn: "2028-01-31" },
      ]),
    ).toBe("2027-09-30");
  });

  it("is null without cards, or with every card cancelled: the tool has no deadline yet", () => {
    expect(projectToolDeadline([])).toBeNull();
    expect(projectToolDeadline([{ status: "cancelled", endsOn: "2027-03-31" }])).toBeNull();
  });
});

describe("projectDeadlineChange", () => {
  const cards = [{ status: "planned" as const, endsOn: "2027-06-30" }];

  it("moves the deadline to what the cards say", () => {
    expect(projectDeadlineChange(null, false, cards)).toBe("2027-06-30");
    expect(projectDeadlineChange("2027-12-31", false, cards)).toBe("2027-06-30");
  });

  it("says nothing changes when the deadline already matches", () => {
    expect(projectDeadlineChange("2027-06-30", false, cards)).toBeUndefined();
  });

  it("leaves a validated tool's deadline alone: on time was judged against it", () => {
    expect(projectDeadlineChange("2026-12-31", true, cards)).toBeUndefined();
  });

  it("takes the deadline away when the last card is cancelled", () => {
    expect(
      projectDeadlineChange("2027-06-30", false, [{ status: "cancelled", endsOn: "2027-06-30" }]),
    ).toBeNull();
  });
});

describe("projectCardProblems", () => {
  it("finds nothing wrong with a sound card", () => {
    expect(projectCardProblems(card())).toEqual([]);
  });

  it("refuses a project that ends before it starts", () => {
    expect(projectCardProblems(card({ endsOn: "2026-12-31", activities: [] }))).toEqual([
      { field: "endsOn", message: "La fecha de término no puede ser anterior a la de inicio." },
    ]);
  });

  it("names the activity that ends before it starts or falls outside the project", () => {
    const problems = projectCardProblems(
      card({
        activities: [
          { description: "A", responsible: "UT", startsOn: "2027-02-01", endsOn: "2027-01-31" },
          { description: "B", responsible: "UT", startsOn: "2027-05-01", endsOn: "2027-07-31" },
        ],
      }),
    );
    expect(problems.map((p) => p.field)).toEqual(["activities.0.endsOn", "activities.1.startsOn"]);
    expect(problems[1]?.message).toBe(
      "Actividad 2: sus fechas deben quedar dentro de las del proyecto.",
    );
  });

  it("ties «concluido» to 100 % both ways", () => {
    expect(projectCardProblems(card({ status: "completed", progress: 90 }))[0]?.field).toBe(
      "progress",
    );
    expect(projectCardProblems(card({ status: "in_progress", progress: 100 }))[0]?.field).toBe(
      "status",
    );
    expect(projectCardProblems(card({ status: "completed", progress: 100 }))).toEqual([]);
  });
});
