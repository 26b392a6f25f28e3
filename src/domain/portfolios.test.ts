import { describe, expect, it } from "vitest";
import { submissionRecipients } from "./portfolios.js";

const reviewer = (id: string, assigned: boolean, notifyUnassigned = false) => ({
  id,
  assigned,
  notifyUnassigned,
});

describe("who hears of a new submission", () => {
  it("tells the assigned reviewers, and the others only when they opted in", () => {
    expect(
      submissionRecipients([
        reviewer("a", true),
        reviewer("b", false),
        reviewer("c", false, true),
        reviewer("d", true, true),
      ]),
    ).toEqual(["a", "c", "d"]);
  });

  it("tells every reviewer when nobody has the municipality in their portfolio", () => {
    expect(submissionRecipients([reviewer("a", false), reviewer("b", false, true)])).toEqual([
      "a",
      "b",
    ]);
    expect(submissionRecipients([])).toEqual([]);
  });
});
