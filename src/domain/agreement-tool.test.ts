import { describe, expect, it } from "vitest";
import { isAgreementTool, signingInstant } from "./agreement-tool.js";
import { localDateOf } from "./dates.js";
import { deadlineFor, isOnTime } from "./deadlines.js";

describe("the agreement tool", () => {
  it("is the tool whose period is the agreement itself", () => {
    expect(isAgreementTool("on_agreement")).toBe(true);
    for (const kind of ["months", "annual", "project"] as const) {
      expect(isAgreementTool(kind)).toBe(false);
    }
  });

  it("is dated on the signing date in Mexico City, with or without daylight saving time", () => {
    // 16/11/2022: the first cohort (no DST); 15/06/2022: summer time still in force; a leap day.
    for (const signedOn of ["2022-11-16", "2022-06-15", "2024-02-29", "2023-01-01", "2022-12-31"]) {
      expect(localDateOf(signingInstant(signedOn))).toBe(signedOn);
    }
  });

  it("is on time: first submitted on its deadline, the signing date", () => {
    const signedOn = "2022-11-16";
    const deadline = deadlineFor({ kind: "on_agreement", label: "" }, signedOn, 1);
    expect(deadline).toBe(signedOn);
    expect(isOnTime(localDateOf(signingInstant(signedOn)), deadline, true)).toBe(true);
  });
});
