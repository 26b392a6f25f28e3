/**
 * Moving participants to another published model version (issue 16, decision 0030): the preview
 * of each municipality's plan (`planMigration`, src/domain/model-migration.ts) and its apply, all
 * or nothing for the selection, in one transaction with one audit event per municipality.
 */
import { and, eq, inArray } from "drizzle-orm";
import type {
  MigrationPreview,
  MunicipalityMigration,
} from "../../../contracts/model-migration.js";
import { isAgreementTool, signingInstant } from "../../../domain/agreement-tool.js";
import { localDateOf } from "../../../domain/dates.js";
import type { ModelContent } from "../../../domain/model.js";
import {
  instanceLabel,
  type MigrationPlan,
  type MigrationProblemCode,
  migrationTargetProblem,
  planMigration,
} from "../../../domain/model-migration.js";
import type { Database, Executor } from "../../db/client.js";
import {
  agreements,
  modelTools,
  modelVersions,
  municipalities,
  toolInstances,
} from "../../db/schema/index.js";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { AppError, notFound } from "../../lib/errors.js";
import { foundRow } from "../../lib/found-row.js";
import { loadContent } from "../model/queries.js";

type VersionRow = typeof modelVersions.$inferSelect;

interface Loaded {
  target: VersionRow & { version: number };
  targetContent: ModelContent;
  /** Per municipality: its agreement, its current version and the plan (or why there is none). */
  rows: {
    cvegeo: string;
    name: string;
    agreement: typeof agreements.$inferSelect | null;
    fromVersion: number;
    plan: MigrationPlan | null;
    problems: { code: MigrationProblemCode; message: string }[];
  }[];
  contents: Map<string, ModelContent>;
}

async function loadTarget(
  tx: Executor,
  versionId: string,
): Promise<VersionRow & { version: number }> {
  const target = await foundRow(
    tx,
    modelVersions,
    eq(modelVersions.id, versionId),
    "La versión del modelo no existe.",
  );
  if (target.status !== "published" || target.version === null) {
    throw new AppError(
      "migration_version_not_published",
      "Solo se mueve a los municipios a una versión publicada del modelo.",
    );
  }
  return { ...target, version: target.version };
}

/** Reads everything a plan needs and computes it; `lock` takes the agreements and instances FOR UPDATE. */
async function load(
  tx: Executor,
  versionId: string,
  cvegeos: readonly string[],
  now: Date,
  lock: boolean,
): Promise<Loaded> {
  const target = await loadTarget(tx, versionId);
  const contents = new Map<string, ModelContent>();
  const contentOf = async (id: string) => {
    let content = contents.get(id);
    if (!content) {
      content = await loadContent(tx, id, "");
      contents.set(id, content);
    }
    return content;
  };
  const targetContent = await contentOf(target.id);
  const found = await tx
    .select({ cvegeo: municipalities.cvegeo, name: municipalities.name })
    .from(municipalities)
    .where(inArray(municipalities.cvegeo, [...cvegeos]));
  const nameOf = new Map(found.map((row) => [row.cvegeo, row.name]));
  const missing = cvegeos.find((cvegeo) => !nameOf.has(cvegeo));
  if (missing) {
    throw notFound(`El municipio ${missing} no existe.`);
  }
  const agreementQuery = tx
    .select({ agreement: agreements, version: modelVersions.version })
    .from(agreements)
    .innerJoin(modelVersions, eq(modelVersions.id, agreements.modelVersionId))
    .where(inArray(agreements.municipalityCvegeo, [...cvegeos]));
  const agreementRows = lock
    ? await agreementQuery.for("update", { of: agreements })
    : await agreementQuery;
  const byCvegeo = new Map(agreementRows.map((row) => [row.agreement.municipalityCvegeo, row]));
  const instanceQuery = tx
    .select()
    .from(toolInstances)
    .where(inArray(toolInstances.municipalityCvegeo, [...cvegeos]));
  const instances = lock ? await instanceQuery.for("update") : await instanceQuery;
  const movedOn = localDateOf(now);
  const rows: Loaded["rows"] = [];
  for (const cvegeo of cvegeos) {
    const name = nameOf.get(cvegeo) ?? cvegeo;
    const found = byCvegeo.get(cvegeo);
    if (!found) {
      rows.push({
        cvegeo,
        name,
        agreement: null,
        fromVersion: 0,
        plan: null,
        problems: [
          {
            code: "migration_not_participant",
            message: `${name} no tiene convenio registrado: no sigue ninguna versión del modelo.`,
          },
        ],
      });
      continue;
    }
    const fromVersion = found.version ?? 0;
    const targetProblem = migrationTargetProblem(fromVersion, target.version);
    if (targetProblem) {
      rows.push({
        cvegeo,
        name,
        agreement: found.agreement,
        fromVersion,
        plan: null,
        problems: [{ code: targetProblem.code, message: `${name}: ${targetProblem.message}` }],
      });
      continue;
    }
    const plan = planMigration({
      from: await contentOf(found.agreement.modelVersionId),
      to: targetContent,
      signedOn: found.agreement.signedOn,
      movedOn,
      instances: instances
        .filter((instance) => instance.municipalityCvegeo === cvegeo)
        .map((instance) => ({
          id: instance.id,
          tool: instance.toolCode,
          part: instance.partCode,
          cycle: instance.cycle,
          state: instance.state,
          deadline: instance.deadline,
          extendedTo: instance.extendedTo,
          archived: instance.archivedAt !== null,
        })),
    });
    rows.push({
      cvegeo,
      name,
      agreement: found.agreement,
      fromVersion,
      plan,
      problems: plan.refusals.map((refusal) => ({
        code: refusal.code,
        message: `${name}: ${refusal.message}`,
      })),
    });
  }
  return { target, targetContent, rows, contents };
}

/**
 * An instance's tool, part and cycle with their names, as every list of the preview begins: the
 * target's names for what it has, the old version's for what it archives.
 */
function namer(contents: Iterable<ModelContent>, target: ModelContent) {
  const tools = new Map<string, string>();
  const parts = new Map<string, string>();
  for (const content of [...contents, target]) {
    for (const tool of content.dimensions.flatMap((d) => d.tools)) {
      tools.set(tool.code, tool.name);
      for (const part of tool.parts) {
        parts.set(`${tool.code}|${part.code}`, part.name);
      }
    }
  }
  return ({ tool, part, cycle }: { tool: string; part: string | null; cycle: number }) => ({
    tool,
    part,
    cycle,
    toolName: tools.get(tool) ?? tool,
    partName: part === null ? null : (parts.get(`${tool}|${part}`) ?? part),
  });
}

function present(loaded: Loaded, now: Date): MigrationPreview {
  const named = namer(loaded.contents.values(), loaded.targetContent);
  const movedOn = localDateOf(now);
  return {
    version: {
      id: loaded.target.id,
      version: loaded.target.version,
      label: loaded.target.label,
    },
    municipalities: loaded.rows.map(
      (row): MunicipalityMigration => ({
        cvegeo: row.cvegeo,
        name: row.name,
        fromVersion: row.fromVersion,
        toVersion: loaded.target.version,
        movedOn,
        kept: (row.plan?.kept ?? []).map((kept) => ({
          ...named(kept),
          state: kept.state,
          deadlineBefore: kept.deadlineBefore,
          deadline: kept.deadline,
          redated: kept.redated,
          restored: kept.restored,
        })),
        added: (row.plan?.added ?? []).map((added) => ({
          ...named(added),
          opensOn: added.opensOn,
          deadline: added.deadline,
          validatedOnSigning: added.validatedOnSigning,
        })),
        archived: (row.plan?.archived ?? []).map((archived) => ({
          ...named(archived),
          state: archived.state,
        })),
        weightChanges: row.plan?.weightChanges ?? [],
        problems: row.problems,
      }),
    ),
  };
}

/** What moving these municipalities to the version would do, changing nothing. */
export async function previewMigration(
  db: Database,
  versionId: string,
  cvegeos: readonly string[],
  now: Date,
): Promise<MigrationPreview> {
  return db.transaction(
    async (tx) => present(await load(tx, versionId, cvegeos, now, false), now),
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

/**
 * Moves every municipality of the selection to the version, or none: any problem in any of them
 * refuses the whole move (409/422 with every problem in `details`) and nothing is written.
 */
export async function applyMigration(
  db: Database,
  versionId: string,
  cvegeos: readonly string[],
  now: Date,
  actor: Actor,
): Promise<MigrationPreview> {
  return db.transaction(async (tx) => {
    const loaded = await load(tx, versionId, cvegeos, now, true);
    const problems = loaded.rows.flatMap((row) =>
      row.problems.map((problem) => ({ cvegeo: row.cvegeo, ...problem })),
    );
    const first = problems[0];
    if (first) {
      throw new AppError(
        first.code,
        problems.length === 1
          ? `No se movió ningún municipio. ${first.message}`
          : `No se movió ningún municipio: hay ${problems.length} problemas. ${first.message}`,
        problems.map((problem) => ({ field: problem.cvegeo, message: problem.message })),
      );
    }
    const toolIds = new Map(
      (
        await tx
          .select({ id: modelTools.id, code: modelTools.code, periodKind: modelTools.periodKind })
          .from(modelTools)
          .where(eq(modelTools.modelVersionId, loaded.target.id))
      ).map((tool) => [tool.code, tool]),
    );
    const toolOf = (code: string) => {
      const tool = toolIds.get(code);
      if (!tool) {
        throw new Error(`tool ${code} missing from version ${loaded.target.version}`);
      }
      return tool;
    };
    for (const row of loaded.rows) {
      const { agreement, plan } = row;
      if (!agreement || !plan) {
        continue;
      }
      await tx
        .update(agreements)
        .set({ modelVersionId: loaded.target.id, updatedAt: now })
        .where(eq(agreements.id, agreement.id));
      for (const kept of plan.kept) {
        await tx
          .update(toolInstances)
          .set({
            modelToolId: toolOf(kept.tool).id,
            archivedAt: null,
            ...(kept.redated
              ? { deadline: kept.deadline, originalDeadline: kept.originalDeadline }
              : {}),
            updatedAt: now,
          })
          .where(eq(toolInstances.id, kept.id));
      }
      if (plan.archived.length > 0) {
        await tx
          .update(toolInstances)
          .set({ archivedAt: now, updatedAt: now })
          .where(
            and(
              eq(toolInstances.agreementId, agreement.id),
              inArray(
                toolInstances.id,
                plan.archived.map((archived) => archived.id),
              ),
            ),
          );
      }
      if (plan.added.length > 0) {
        const signedAt = signingInstant(agreement.signedOn);
        await tx.insert(toolInstances).values(
          plan.added.map((added) => {
            const validated =
              added.validatedOnSigning && isAgreementTool(toolOf(added.tool).periodKind);
            return {
              municipalityCvegeo: row.cvegeo,
              agreementId: agreement.id,
              modelToolId: toolOf(added.tool).id,
              toolCode: added.tool,
              partCode: added.part,
              cycle: added.cycle,
              opensOn: added.opensOn,
              deadline: added.deadline,
              state: validated ? ("validated" as const) : ("pending" as const),
              firstSubmittedAt: validated ? signedAt : null,
              validatedAt: validated ? signedAt : null,
            };
          }),
        );
      }
      const label = (item: { tool: string; part: string | null; cycle: number }) =>
        instanceLabel(item.tool, item.part, item.cycle);
      await recordAudit(tx, actor, {
        action: "agreement.model_moved",
        entityType: "agreement",
        entityId: agreement.id,
        municipality: row.cvegeo,
        before: { modelVersion: row.fromVersion },
        after: {
          modelVersion: loaded.target.version,
          movedOn: localDateOf(now),
          kept: plan.kept.map(label),
          added: plan.added.map(label),
          archived: plan.archived.map(label),
          redated: plan.kept.filter((kept) => kept.redated).map(label),
        },
      });
    }
    return present(loaded, now);
  });
}
