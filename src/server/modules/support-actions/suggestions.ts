import type { Suggestions } from "../../../contracts/support.js";
import { localDateOf } from "../../../domain/dates.js";
import { toolStatuses } from "../../../domain/progress.js";
import {
  gapsOf,
  type MunicipalityGaps,
  sharedGapGroups,
  suggestionsByTool,
} from "../../../domain/support-suggestions.js";
import type { Executor } from "../../db/client.js";
import { findPublishedModel } from "../model/queries.js";
import { loadInstanceFacts, loadParticipants } from "../progress/queries.js";

/**
 * Suggestions from the gaps of every participating municipality, over the tools of the model in
 * force: per tool by cohort, shared-gap groups, and each municipality's own list (the rules live
 * in `domain/support-suggestions.ts`).
 */
export async function findSuggestions(db: Executor, now: Date): Promise<Suggestions> {
  const today = localDateOf(now);
  const [model, participants, facts] = await Promise.all([
    findPublishedModel(db),
    loadParticipants(db),
    loadInstanceFacts(db),
  ]);
  const tools = (model?.dimensions ?? []).flatMap((dimension) =>
    dimension.tools.map((tool) => ({
      code: tool.code,
      name: tool.name,
      dimension: dimension.code,
    })),
  );
  const order = tools.map((tool) => tool.code);
  const info = new Map(tools.map((tool) => [tool.code, tool]));
  const municipalities: MunicipalityGaps[] = participants.map((participant) => ({
    cvegeo: participant.cvegeo,
    name: participant.name,
    cohort: participant.cohort,
    gaps: gapsOf(toolStatuses(facts.get(participant.cvegeo) ?? [], today), order),
  }));
  return {
    today,
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
