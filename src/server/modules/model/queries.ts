import { asc, count, desc, eq, inArray, isNotNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type {
  ModelVersionDetail,
  ModelVersionSummary,
  PublishedModel,
} from "../../../contracts/model.js";
import {
  type ModelContent,
  modelCounts,
  type Period,
  validateModel,
} from "../../../domain/model.js";
import {
  QUESTIONNAIRE_2022,
  questionnaireInOrder,
  type StandardQuestionnaire,
} from "../../../domain/survey.js";
import type { Database, Executor } from "../../db/client.js";
import {
  modelDimensions,
  modelToolParts,
  modelTools,
  modelVersions,
  users,
} from "../../db/schema/index.js";
import { notFound } from "../../lib/errors.js";

type ToolRow = typeof modelTools.$inferSelect;

/** A tool row's period, as the model document states it. */
export function periodOf(tool: ToolRow): Period {
  if (tool.periodKind === "months") {
    return { kind: "months", months: tool.periodMonths ?? 0, label: tool.periodLabel };
  }
  return { kind: tool.periodKind as Exclude<Period["kind"], "months">, label: tool.periodLabel };
}

/**
 * Reads a version's dimensions, tools and parts back into one ordered document, with the
 * version's survey questionnaire when given (its row holds it). Publishing and the instances'
 * sync call it inside their transaction, so its queries run one after another.
 */
export async function loadContent(
  db: Executor,
  versionId: string,
  label: string,
  surveyQuestionnaire: StandardQuestionnaire | null = null,
): Promise<ModelContent> {
  const dimensions = await db
    .select()
    .from(modelDimensions)
    .where(eq(modelDimensions.modelVersionId, versionId))
    .orderBy(asc(modelDimensions.position));
  const tools = await db
    .select()
    .from(modelTools)
    .where(eq(modelTools.modelVersionId, versionId))
    .orderBy(asc(modelTools.position));
  const parts =
    tools.length === 0
      ? []
      : await db
          .select()
          .from(modelToolParts)
          .where(
            inArray(
              modelToolParts.toolId,
              tools.map((tool) => tool.id),
            ),
          )
          .orderBy(asc(modelToolParts.position));
  return {
    label,
    dimensions: dimensions.map((dimension) => ({
      code: dimension.code,
      name: dimension.name,
      description: dimension.description,
      weight: dimension.weight,
      tools: tools
        .filter((tool) => tool.dimensionId === dimension.id)
        .map((tool) => ({
          code: tool.code,
          name: tool.name,
          description: tool.description,
          period: periodOf(tool),
          weight: tool.weight,
          parts: parts
            .filter((part) => part.toolId === tool.id)
            .map((part) => ({
              code: part.code,
              name: part.name,
              description: part.description,
              template: part.template,
            })),
          criteria: tool.criteria,
          maturityLevels: tool.maturityLevels,
          template: tool.template,
        })),
    })),
    ...(surveyQuestionnaire
      ? { surveyQuestionnaire: questionnaireInOrder(surveyQuestionnaire) }
      : {}),
  };
}

/** The row of the model version in force: the published one with the highest number. */
export async function latestPublishedVersion(db: Executor) {
  const [version] = await db
    .select()
    .from(modelVersions)
    .where(isNotNull(modelVersions.version))
    .orderBy(desc(modelVersions.version))
    .limit(1);
  return version;
}

/** The model in force: the published version with the highest number. */
export async function findPublishedModel(db: Executor): Promise<PublishedModel | null> {
  const version = await latestPublishedVersion(db);
  if (!version || version.version === null || !version.publishedAt) {
    return null;
  }
  const content = await loadContent(
    db,
    version.id,
    version.label,
    version.surveyQuestionnaire ?? QUESTIONNAIRE_2022,
  );
  return {
    version: version.version,
    label: version.label,
    publishedAt: version.publishedAt.toISOString(),
    dimensions: content.dimensions,
    surveyQuestionnaire: content.surveyQuestionnaire,
  };
}

export async function getPublishedModel(db: Executor): Promise<PublishedModel> {
  const model = await findPublishedModel(db);
  if (!model) {
    throw notFound("Aún no hay un modelo publicado.");
  }
  return model;
}

const creator = alias(users, "creator");
const publisher = alias(users, "publisher");
const basedOn = alias(modelVersions, "based_on");

async function selectVersions(db: Executor, id?: string) {
  const query = db
    .select({
      version: modelVersions,
      createdBy: creator.name,
      publishedBy: publisher.name,
      basedOn: basedOn.version,
    })
    .from(modelVersions)
    .leftJoin(creator, eq(creator.id, modelVersions.createdBy))
    .leftJoin(publisher, eq(publisher.id, modelVersions.publishedBy))
    .leftJoin(basedOn, eq(basedOn.id, modelVersions.basedOnId));
  const rows = await (id ? query.where(eq(modelVersions.id, id)) : query).orderBy(
    desc(modelVersions.createdAt),
  );
  return rows;
}

type VersionRow = Awaited<ReturnType<typeof selectVersions>>[number];

function presentSummary(
  row: VersionRow,
  counts: ModelVersionSummary["counts"],
): ModelVersionSummary {
  const { version } = row;
  return {
    id: version.id,
    version: version.version,
    label: version.label,
    status: version.status,
    basedOn: row.basedOn,
    createdAt: version.createdAt.toISOString(),
    createdBy: row.createdBy,
    publishedAt: version.publishedAt?.toISOString() ?? null,
    publishedBy: row.publishedBy,
    counts,
  };
}

/** Every version, newest first, drafts included (admins). */
export async function listVersions(db: Database): Promise<ModelVersionSummary[]> {
  const [rows, toolCounts, dimensionCounts, partRows] = await Promise.all([
    selectVersions(db),
    db
      .select({ id: modelTools.modelVersionId, n: count() })
      .from(modelTools)
      .groupBy(modelTools.modelVersionId),
    db
      .select({ id: modelDimensions.modelVersionId, n: count() })
      .from(modelDimensions)
      .groupBy(modelDimensions.modelVersionId),
    db
      .select({
        versionId: modelTools.modelVersionId,
        toolId: modelTools.id,
        parts: count(modelToolParts.id),
      })
      .from(modelTools)
      .leftJoin(modelToolParts, eq(modelToolParts.toolId, modelTools.id))
      .groupBy(modelTools.modelVersionId, modelTools.id),
  ]);
  const countOf = (list: { id: string; n: number }[], id: string) =>
    list.find((entry) => entry.id === id)?.n ?? 0;
  return rows.map((row) => {
    const id = row.version.id;
    const deliverables = partRows
      .filter((entry) => entry.versionId === id)
      .reduce((sum, entry) => sum + Math.max(1, entry.parts), 0);
    return presentSummary(row, {
      dimensions: countOf(dimensionCounts, id),
      tools: countOf(toolCounts, id),
      deliverables,
    });
  });
}

export async function getVersionDetail(db: Executor, id: string): Promise<ModelVersionDetail> {
  const [row] = await selectVersions(db, id);
  if (!row) {
    throw notFound("La versión del modelo no existe.");
  }
  // The editor always shows a questionnaire: a version stored without one has 2022's.
  const content = await loadContent(
    db,
    id,
    row.version.label,
    row.version.surveyQuestionnaire ?? QUESTIONNAIRE_2022,
  );
  return {
    ...presentSummary(row, modelCounts(content)),
    content,
    issues: validateModel(content),
    revision: row.version.revision,
  };
}
