import { describe, expect, it } from "vitest";
import type { PublishedModel } from "../../../contracts/model.js";
import { MODEL_2022 } from "../../../domain/model-2022.js";
import { dimensionNames, findTool, toolCriteria } from "./criteria";

const published: PublishedModel = {
  version: 1,
  label: MODEL_2022.label,
  publishedAt: "2022-11-16T18:00:00Z",
  dimensions: MODEL_2022.dimensions,
};

describe("findTool and toolCriteria", () => {
  it("find a tool of any dimension by its code", () => {
    expect(findTool(published, "E2")?.name).toBe(MODEL_2022.dimensions[0]?.tools[1]?.name);
    const last = MODEL_2022.dimensions.at(-1)?.tools.at(-1);
    expect(findTool(published, last?.code ?? "")).toEqual(last);
  });

  it("find nothing for an unknown code or before the model loads", () => {
    expect(findTool(published, "Z9")).toBeUndefined();
    expect(findTool(undefined, "E2")).toBeUndefined();
    expect(toolCriteria(undefined, "E2")).toEqual([]);
    expect(toolCriteria(published, "Z9")).toEqual([]);
  });

  it("give the tool's review criteria in the model's order", () => {
    const withCriteria = MODEL_2022.dimensions
      .flatMap((dimension) => dimension.tools)
      .find((tool) => tool.criteria.length > 0);
    expect(withCriteria).toBeDefined();
    expect(toolCriteria(published, withCriteria?.code ?? "")).toEqual(withCriteria?.criteria);
  });
});

describe("dimensionNames", () => {
  it("names each dimension by its code", () => {
    const names = dimensionNames(published);
    expect([...names.keys()]).toEqual(MODEL_2022.dimensions.map((d) => d.code));
    expect(names.get("E")).toBe("Estrategia");
    expect(dimensionNames(undefined).size).toBe(0);
  });
});
