import { describe, expect, it } from "vitest";
import { inModelOrder } from "./tool-order.js";

const names = new Map([
  ["E1", "Convenio"],
  ["P1", "Procesos"],
  ["R2", "Reportes"],
]);

describe("inModelOrder", () => {
  it("sorts codes as the model lists its tools, unknown codes last and alphabetically", () => {
    expect(inModelOrder(["R2", "Z9", "E1", "A0", "P1"], names)).toEqual([
      "E1",
      "P1",
      "R2",
      "A0",
      "Z9",
    ]);
  });

  it("leaves its argument as it was", () => {
    const codes = ["R2", "E1"];
    inModelOrder(codes, names);
    expect(codes).toEqual(["R2", "E1"]);
  });
});
