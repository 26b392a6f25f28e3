import type { Suggestions } from "../../../contracts/support.js";
import {
  gapsOf,
  type MunicipalityGaps,
  sharedGapGroups,
  suggestionsByTool,
} from "../../../domain/support-suggestions.js";
import type { Database } from "../../db/client.js";
import { derive, progressService, type RegionalProgress } from "../progress/service.js";

/**
 * Suggestions from the gaps of every participating municipality, over the tools of the model in
 * force: per tool by cohort, shared-gap groups, and each municipality's own list (the rules live
 * in `domain/support-suggestions.ts`). Read from the shared progress, computed once per change.
 */
export async function findSuggestions(db: Database, now: Date): Promise<Suggestions> {
  const progress = await progressService(db).current(now);
  return derive(progress, "support-suggestions", () => suggestionsOf(progress));
}

function suggestionsOf(progress: RegionalProgress): Suggestions {
  const tools = progress.model.dimensions.flatMap((dimension) =>
    dimension.tools.map((tool) => ({
      code: tool.code,
      name: tool.name,
      dimension: dimension.code,
    })),
  );
  const order = tools.map((tool) => tool.code);
  const info = new Map(tools.map((tool) => [tool.code, tool]));
  const municipalities: MunicipalityGaps[] = progress.municipalities.map((municipality) => ({
    cvegeo: municipality.cvegeo,
    name: municipality.name,
    cohort: municipality.cohort,
    gaps: gapsOf(new Map(municipality.tools.map((status) => [status.toolCode, status])), order),
  }));
  return {
    today: progress.asOf,
    tools: suggestionsByTool(municipalities, order).map((suggestion) => ({
      ...suggestion,
      toolName: info.get(suggestion.tool)?.name ?? suggestion.tool,
      dimension: info.get(suggestion.tool)?.dimension ?? "",
    })),
    sharedGroups: sharedGapGroups(municipalities, order),
    municipalities: municipalities
      .filter((municipality) => municipality.gaps.length > 0)
      .map((municipality) => ({
        ...municipality,
        gaps: municipality.gaps.map((gap) => ({
          ...gap,
          toolName: info.get(gap.tool)?.name ?? gap.tool,
        })),
      })),
  };
}
