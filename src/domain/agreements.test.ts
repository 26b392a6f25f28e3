import { describe, expect, it } from "vitest";
import { signedOnProblem } from "./agreements.js";

describe("signedOnProblem", () => {
  // 05:30 UTC on 17 Nov is still 16 Nov in Mexico City (UTC−6).
  const now = new Date("2022-11-17T05:30:00Z");

  it("accepts a signing date up to today in Mexico City", () => {
    expect(signedOnProblem("2022-11-16", now)).toBeNull();
    expect(signedOnProblem("2020-01-31", now)).toBeNull();
  });

  it("refuses a future signing date, by the institution's calendar", () => {
    expect(signedOnProblem("2022-11-17", now)).toBe("La fecha de firma no puede ser futura.");
  });
});
