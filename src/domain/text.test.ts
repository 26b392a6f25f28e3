import { describe, expect, it } from "vitest";
import { foldForSearch } from "./text.js";

describe("foldForSearch", () => {
  it("ignores accents, case and extra spaces, as people type names", () => {
    expect(foldForSearch("Acambay de Ruíz  Castañeda")).toBe("acambay de ruiz castaneda");
    expect(foldForSearch("  NEZAHUALCÓYOTL ")).toBe("nezahualcoyotl");
    expect(foldForSearch("Atizapán")).toBe(foldForSearch("atizapan"));
  });
});
