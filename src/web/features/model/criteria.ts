import type { PublishedModel } from "../../../contracts/model.js";

export interface ToolCriterion {
  code: string;
  name: string;
}

type ModelTool = PublishedModel["dimensions"][number]["tools"][number];

/** The tool of the published model with this code, if any. */
export function findTool(model: PublishedModel | undefined, code: string): ModelTool | undefined {
  for (const dimension of model?.dimensions ?? []) {
    const tool = dimension.tools.find((candidate) => candidate.code === code);
    if (tool) {
      return tool;
    }
  }
  return undefined;
}

/** The review criteria of a tool (P1: documentado, diagramado…), empty when it has none. */
export function toolCriteria(model: PublishedModel | undefined, code: string): ToolCriterion[] {
  return findTool(model, code)?.criteria ?? [];
}

/** Dimension code → name, for grouping a municipality's tools. */
export function dimensionNames(model: PublishedModel | undefined): Map<string, string> {
  return new Map((model?.dimensions ?? []).map((dimension) => [dimension.code, dimension.name]));
}
