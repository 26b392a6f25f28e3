import { describe, expect, it } from "vitest";
import { workViewsFor } from "./views";

describe("«Mi trabajo» views", () => {
  it("shows each role its own work", () => {
    expect(workViewsFor({ role: "liaison" })).toEqual(["municipality"]);
    expect(workViewsFor({ role: "collaborator" })).toEqual(["municipality"]);
    expect(workViewsFor({ role: "reviewer" })).toEqual(["review"]);
    expect(workViewsFor({ role: "admin" })).toEqual(["admin", "review"]);
  });
});
