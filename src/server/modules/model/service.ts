import { eq, max } from "drizzle-orm";
import {
  type ModelContent,
  type ModelIssue,
  modelCounts,
  validateModel,
} from "../../../domain/model.js";
import { QUESTIONNAIRE_2022 } from "../../../domain/survey.js";
import type { Database, Executor } from "../../db/client.js";
import {
  modelDimensions,
  modelToolParts,
  modelTools,
  modelVersions,
} from "../../db/schema/index.js";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { updateAudited } from "../../lib/audited-writes.js";
import { AppError, conflict, isUniqueViolation } from "../../lib/errors.js";
import { lockedRow } from "../../lib/found-row.js";
import { findPublishedModel, loadContent } from "./queries.js";

/** Writes a version's dimensions, tools and parts; the version must still be a draft. */
export async function insertContent(
  tx: Executor,
  versionId: string,
  content: ModelContent,
): Promise<void> {
  for (const [d, dimension] of content.dimensions.entries()) {
    const [dimensionRow] = await tx
      .insert(modelDimensions)
      .values({
        modelVersionId: versionId,
        position: d,
        code: dimension.code,
        name: dimension.name,
        description: dimension.description,
        weight: dimension.weight,
      })
      .returning({ id: modelDimensions.id });
    if (!dimensionRow || dimension.tools.length === 0) {
      continue;
    }
    const toolRows = await tx
      .insert(modelTools)
      .values(
        dimension.tools.map((tool, t) => ({
          modelVersionId: versionId,
          dimensionId: dimensionRow.id,
          position: t,
          code: tool.code,
          name: tool.name,
          description: tool.description,
          periodKind: tool.period.kind,
          periodMonths: tool.period.kind === "months" ? tool.period.months : null,
          periodLabel: tool.period.label,
          weight: tool.weight,
          criteria: tool.criteria,
          maturityLevels: tool.maturityLevels,
          template: tool.template ?? null,
        })),
      )
      .returning({ id: modelTools.id, code: modelTools.code });
    const parts = dimension.tools.flatMap((tool) => {
      const toolId = toolRows.find((row) => row.code === tool.code)?.id;
      return toolId
        ? tool.parts.map((part, p) => ({
            toolId,
            position: p,
            ...part,
            template: part.template ?? null,
          }))
        : [];
    });
    if (parts.length > 0) {
      await tx.insert(modelToolParts).values(parts);
    }
  }
}

function modelInvalid(issues: ModelIssue[], message: string): AppError {
  return new AppError(
    "model_invalid",
    message,
    issues.map((issue) => ({ field: issue.path, message: issue.message })),
  );
}

/** Opens a draft copied from the model in force. Only one draft exists at a time. */
export async function createDraft(db: Database, actor: Actor): Promise<string> {
  try {
    return await db.transaction(async (tx) => {
      const published = await findPublishedModel(tx);
      const [base] = published
        ? await tx.select().from(modelVersions).where(eq(modelVersions.version, published.version))
        : [];
      const content: ModelContent = published
        ? {
            label: published.label,
            dimensions: published.dimensions,
            surveyQuestionnaire: published.surveyQuestionnaire ?? QUESTIONNAIRE_2022,
          }
        : { label: "Nuevo modelo", dimensions: [], surveyQuestionnaire: QUESTIONNAIRE_2022 };
      const [draft] = await tx
        .insert(modelVersions)
        .values({
          label: content.label,
          surveyQuestionnaire: content.surveyQuestionnaire ?? null,
          status: "draft",
          basedOnId: base?.id ?? null,
          createdBy: actor.id,
        })
        .returning({ id: modelVersions.id });
      if (!draft) {
        throw new Error("insert returned no row");
      }
      await insertContent(tx, draft.id, content);
      await recordAudit(tx, actor, {
        action: "model.draft_created",
        entityType: "model_version",
        entityId: draft.id,
        after: { label: content.label, basedOn: published?.version ?? null },
      });
      return draft.id;
    });
  } catch (error) {
    if (isUniqueViolation(error, "model_versions_single_draft")) {
      throw conflict(
        "Ya hay un borrador del modelo abierto; edítelo o descártelo antes de crear otro.",
      );
    }
    throw error;
  }
}

async function lockDraft(tx: Executor, id: string) {
  const version = await lockedRow(
    tx,
    modelVersions,
    eq(modelVersions.id, id),
    "La versión del modelo no existe.",
  );
  if (version.status !== "draft") {
    throw new AppError(
      "model_not_draft",
      "Una versión publicada no se puede modificar; cree un borrador nuevo.",
    );
  }
  return version;
}

/**
 * Replaces a draft's content. `expectedRevision` is the revision the editor loaded: if someone
 * saved in between, the save is refused with 409 instead of silently overwriting their work.
 */
export async function saveDraft(
  db: Database,
  id: string,
  content: ModelContent,
  expectedRevision: number,
  actor: Actor,
): Promise<void> {
  await db.transaction(async (tx) => {
    const version = await lockDraft(tx, id);
    if (version.revision !== expectedRevision) {
      throw conflict(
        "Otra persona guardó este borrador mientras lo editaba. Recargue para ver sus cambios.",
      );
    }
    // A draft may be incomplete, but its codes must be unique: they identify tools everywhere.
    const duplicates = validateModel(content).filter((issue) => issue.kind === "duplicate");
    if (duplicates.length > 0) {
      throw modelInvalid(duplicates, "El borrador no se guardó: hay claves repetidas.");
    }
    await tx.delete(modelDimensions).where(eq(modelDimensions.modelVersionId, id));
    await insertContent(tx, id, content);
    await tx
      .update(modelVersions)
      .set({
        label: content.label,
        surveyQuestionnaire: content.surveyQuestionnaire ?? null,
        revision: version.revision + 1,
      })
      .where(eq(modelVersions.id, id));
    await recordAudit(tx, actor, {
      action: "model.draft_saved",
      entityType: "model_version",
      entityId: id,
      before: { label: version.label, revision: version.revision },
      after: { label: content.label, revision: version.revision + 1, counts: modelCounts(content) },
    });
  });
}

/** Publishes a valid draft as the next version; from then on it is immutable. */
export async function publishDraft(db: Database, id: string, actor: Actor): Promise<number> {
  return db.transaction(async (tx) => {
    const version = await lockDraft(tx, id);
    const content = await loadContent(tx, id, version.label, version.surveyQuestionnaire);
    const issues = validateModel(content);
    if (issues.length > 0) {
      throw modelInvalid(
        issues,
        `El borrador tiene ${issues.length} problema(s) que impiden publicarlo.`,
      );
    }
    const [latest] = await tx.select({ version: max(modelVersions.version) }).from(modelVersions);
    const number = (latest?.version ?? 0) + 1;
    const published = {
      status: "published" as const,
      version: number,
      publishedAt: new Date(),
      publishedBy: actor.id,
    };
    await updateAudited(tx, actor, modelVersions, id, published, {
      action: "model.published",
      entityType: "model_version",
      before: { version: latest?.version ?? null },
      after: { version: number, label: content.label, counts: modelCounts(content) },
    });
    return number;
  });
}

export async function discardDraft(db: Database, id: string, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const version = await lockDraft(tx, id);
    await tx.delete(modelVersions).where(eq(modelVersions.id, id));
    await recordAudit(tx, actor, {
      action: "model.draft_discarded",
      entityType: "model_version",
      entityId: id,
      before: { label: version.label, revision: version.revision },
    });
  });
}
