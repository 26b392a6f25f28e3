import { describe, expect, it } from "vitest";
import { surveyIndexText } from "./format";

describe("surveyIndexText", () => {
  it("writes the index with its 95 % interval, without it below two answers, and a dash without one", () => {
    expect(surveyIndexText({ value: 78.4, low: 74.1, high: 82.7, n: 60 })).toBe(
      "78.4 de 100 (IC 95 %: 74.1 a 82.7)",
    );
    expect(surveyIndexText({ value: 50, low: null, high: null, n: 1 })).toBe("50 de 100");
    expect(surveyIndexText(null)).toBe("—");
  });
});
