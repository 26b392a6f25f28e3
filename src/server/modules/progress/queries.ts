import { asc, eq, inArray, sql } from "drizzle-orm";
import type { LocalDate } from "../../../domain/dates.js";
import type { InstanceFacts } from "../../../domain/progress.js";
import type { ScoreModel } from "../../../domain/scores.js";
import type { Executor } from "../../db/client.js";
import {
  agreements,
  modelDimensions,
  modelTools,
  municipalities,
  toolInstances,
} from "../../db/schema/index.js";

/** A municipality that takes part: it has an agreement. */
export interface Participant {
  cvegeo: string;
  name: string;
  cohort: string;
  signedOn: LocalDate;
  modelVersionId: string;
}

export async function loadParticipants(db: Executor, cvegeo?: string): Promise<Participant[]> {
  return db
    .select({
      cvegeo: agreements.municipalityCvegeo,
      name: municipalities.name,
      cohort: agreements.cohort,
      signedOn: agreements.signedOn,
      modelVersionId: agreements.modelVersionId,
    })
    .from(agreements)
    .innerJoin(municipalities, eq(municipalities.cvegeo, agreements.municipalityCvegeo))
    .where(cvegeo ? eq(agreements.municipalityCvegeo, cvegeo) : undefined)
    .orderBy(asc(municipalities.nameFolded));
}

/** A model version's dimensions and tools, in model order, with names and weights. */
export interface ModelOutline extends ScoreModel {
  dimensions: {
    code: string;
    name: string;
    weight: number;
    tools: { code: string; name: string; weight: number }[];
  }[];
}

export async function loadModelOutlines(
  db: Executor,
  versionIds: readonly string[],
): Promise<Map<string, ModelOutline>> {
  const outlines = new Map<string, ModelOutline>();
  if (versionIds.length === 0) {
    return outlines;
  }
  const rows = await db
    .select({
      versionId: modelDimensions.modelVersionId,
      dimensionCode: modelDimensions.code,
      dimensionName: modelDimensions.name,
      dimensionWeight: modelDimensions.weight,
      toolCode: modelTools.code,
      toolName: modelTools.name,
      toolWeight: modelTools.weight,
    })
    .from(modelDimensions)
    .innerJoin(modelTools, eq(modelTools.dimensionId, modelDimensions.id))
    .where(inArray(modelDimensions.modelVersionId, [...new Set(versionIds)]))
    .orderBy(asc(modelDimensions.position), asc(modelTools.position));
  for (const row of rows) {
    const outline = outlines.get(row.versionId) ?? { dimensions: [] };
    outlines.set(row.versionId, outline);
    let dimension = outline.dimensions.find((d) => d.code === row.dimensionCode);
    if (!dimension) {
      dimension = {
        code: row.dimensionCode,
        name: row.dimensionName,
        weight: row.dimensionWeight,
        tools: [],
      };
      outline.dimensions.push(dimension);
    }
    dimension.tools.push({ code: row.toolCode, name: row.toolName, weight: row.toolWeight });
  }
  return outlines;
}

/**
 * Every instance's progress facts, grouped by municipality. The first submission's local date is
 * computed by the database (one time-zone conversion per row in SQL beats Intl in a JS loop).
 */
export async function loadInstanceFacts(
  db: Executor,
  cvegeo?: string,
): Promise<Map<string, InstanceFacts[]>> {
  const rows = await db
    .select({
      cvegeo: toolInstances.municipalityCvegeo,
      toolCode: toolInstances.toolCode,
      partCode: toolInstances.partCode,
      cycle: toolInstances.cycle,
      opensOn: toolInstances.opensOn,
      deadline: toolInstances.deadline,
      state: toolInstances.state,
      firstSubmittedOn: sql<
        string | null
      >`to_char(${toolInstances.firstSubmittedAt} at time zone 'America/Mexico_City', 'YYYY-MM-DD')`,
      maturity: toolInstances.maturity,
    })
    .from(toolInstances)
    .where(cvegeo ? eq(toolInstances.municipalityCvegeo, cvegeo) : undefined);
  const byMunicipality = new Map<string, InstanceFacts[]>();
  for (const { cvegeo: key, ...facts } of rows) {
    const list = byMunicipality.get(key) ?? [];
    list.push(facts);
    byMunicipality.set(key, list);
  }
  return byMunicipality;
}
