import { and, eq, gt, inArray, max, min, sql } from "drizzle-orm";
import { isAgreementTool, signingInstant } from "../../../domain/agreement-tool.js";
import { localDateOf } from "../../../domain/dates.js";
import {
  cycleOpensOn,
  deadlineFor,
  openCycles,
  plannedInstances,
} from "../../../domain/deadlines.js";
import { replanDeadline } from "../../../domain/extensions.js";
import type { ModelContent, PeriodKind } from "../../../domain/model.js";
import type { Executor } from "../../db/client.js";
import { type agreements, modelTools, toolInstances } from "../../db/schema/index.js";
import { type Actor, recordAudits } from "../../lib/audit.js";
import { type BulkColumn, insertRows } from "../../lib/bulk.js";
import { loadContent } from "../model/queries.js";

type AgreementRow = typeof agreements.$inferSelect;

/** What `syncInstances` reads of a model version; a caller syncing many agreements loads it once. */
export interface SyncModel {
  content: ModelContent;
  tools: { id: string; code: string; periodKind: PeriodKind }[];
}

export async function loadSyncModel(tx: Executor, versionId: string): Promise<SyncModel> {
  const content = await loadContent(tx, versionId, "");
  const tools = await tx
    .select({ id: modelTools.id, code: modelTools.code, periodKind: modelTools.periodKind })
    .from(modelTools)
    .where(eq(modelTools.modelVersionId, versionId));
  return { content, tools };
}

/**
 * Materialises the instances a municipality should have by `today`: all of them when the
 * agreement is registered, then one more per annual tool as each yearly cycle opens. Idempotent:
 * existing instances are left alone. The agreement tool (E1) starts validated as of the signing
 * date, on time: its first submission and validation are dated on it (`signingInstant`).
 */
export async function syncInstances(
  tx: Executor,
  agreement: AgreementRow,
  now: Date,
  actor: Actor,
  loaded?: SyncModel,
): Promise<number> {
  const model = loaded ?? (await loadSyncModel(tx, agreement.modelVersionId));
  return syncManyInstances(tx, [agreement], now, actor, model);
}

/**
 * `syncInstances` for many agreements of one model version in few statements (the XLSX import
 * registers thousands at once): the same rows and the same audit events.
 */
export async function syncManyInstances(
  tx: Executor,
  agreementRows: AgreementRow[],
  now: Date,
  actor: Actor,
  { content, tools }: SyncModel,
): Promise<number> {
  const toolByCode = new Map(tools.map((tool) => [tool.code, tool]));
  const today = localDateOf(now);
  const floors = await firstCycles(tx, agreementRows);
  // Agreements signed the same day have the same plan (an import's cohort signs together).
  const plans = new Map<string, ReturnType<typeof plannedInstances>>();
  const rows = agreementRows.flatMap((agreement) => {
    let planned = plans.get(agreement.signedOn);
    if (!planned) {
      planned = plannedInstances(content, agreement.signedOn, today);
      plans.set(agreement.signedOn, planned);
    }
    // A tool a move to another model version brought starts at the cycle under way on the move.
    const owed = planned.filter(
      (instance) => instance.cycle >= (floors.get(`${agreement.id}|${instance.tool}`) ?? 1),
    );
    const signedAt = signingInstant(agreement.signedOn).toISOString();
    return owed.flatMap((instance) => {
      const tool = toolByCode.get(instance.tool);
      if (!tool) {
        return [];
      }
      const validatedOnSigning = isAgreementTool(tool.periodKind);
      return [
        {
          municipality_cvegeo: agreement.municipalityCvegeo,
          agreement_id: agreement.id,
          model_tool_id: tool.id,
          tool_code: instance.tool,
          part_code: instance.part,
          cycle: instance.cycle,
          opens_on: instance.opensOn,
          deadline: instance.deadline,
          state: validatedOnSigning ? "validated" : "pending",
          first_submitted_at: validatedOnSigning ? signedAt : null,
          validated_at: validatedOnSigning ? signedAt : null,
        },
      ];
    });
  });
  // One JSON parameter per statement (lib/bulk.ts): an import registers thousands of agreements.
  const inserted = await insertRows<{
    id: string;
    municipality: string;
    toolCode: string;
    cycle: number;
    state: string;
  }>(
    tx,
    "tool_instances",
    INSTANCE_COLUMNS,
    rows,
    sql`on conflict on constraint tool_instances_identity do nothing
      returning id, municipality_cvegeo as "municipality", tool_code as "toolCode", cycle, state`,
  );
  await recordAudits(
    tx,
    actor,
    inserted
      .filter((row) => row.state === "validated")
      .map((instance) => ({
        action: "tool_instance.validated" as const,
        entityType: "tool_instance" as const,
        entityId: instance.id,
        municipality: instance.municipality,
        after: {
          tool: instance.toolCode,
          cycle: instance.cycle,
          state: "validated" as const,
          reason: "agreement_registered",
        },
      })),
  );
  return inserted.length;
}

const INSTANCE_COLUMNS: readonly BulkColumn[] = [
  ["municipality_cvegeo", "varchar"],
  ["agreement_id", "uuid"],
  ["model_tool_id", "uuid"],
  ["tool_code", "text"],
  ["part_code", "text"],
  ["cycle", "integer"],
  ["opens_on", "date"],
  ["deadline", "date"],
  ["state", "tool_state"],
  ["first_submitted_at", "timestamptz"],
  ["validated_at", "timestamptz"],
];

/**
 * Per agreement and tool, the first cycle it has. A tool a move to another model version brought
 * starts at the cycle under way on the move (decision 0030): the cycles before it are not owed.
 */
async function firstCycles(
  tx: Executor,
  agreementRows: AgreementRow[],
): Promise<Map<string, number>> {
  if (agreementRows.length === 0) {
    return new Map();
  }
  const rows = await tx
    .select({
      agreementId: toolInstances.agreementId,
      toolCode: toolInstances.toolCode,
      first: min(toolInstances.cycle),
    })
    .from(toolInstances)
    .where(
      and(
        inArray(
          toolInstances.agreementId,
          agreementRows.map((agreement) => agreement.id),
        ),
        gt(toolInstances.cycle, 1),
      ),
    )
    .groupBy(toolInstances.agreementId, toolInstances.toolCode);
  return new Map(rows.map((row) => [`${row.agreementId}|${row.toolCode}`, row.first ?? 1]));
}

/**
 * After a correction of the signing date, every deadline and cycle opening follows the new date,
 * and so does the agreement tool's validation (it is validated as of the signing date).
 * Project-dependent deadlines come from their projects and are left alone.
 */
export async function recomputeDeadlines(tx: Executor, agreement: AgreementRow): Promise<void> {
  const content = await loadContent(tx, agreement.modelVersionId, "");
  const periods = new Map(
    content.dimensions.flatMap((d) => d.tools.map((t) => [t.code, t.period] as const)),
  );
  const instances = await tx
    .select()
    .from(toolInstances)
    .where(eq(toolInstances.agreementId, agreement.id));
  for (const instance of instances) {
    const period = periods.get(instance.toolCode);
    if (!period || period.kind === "project") {
      continue;
    }
    const signedAt =
      isAgreementTool(period.kind) && instance.state === "validated"
        ? {
            firstSubmittedAt: signingInstant(agreement.signedOn),
            validatedAt: signingInstant(agreement.signedOn),
          }
        : {};
    await tx
      .update(toolInstances)
      .set({
        ...replanDeadline(
          deadlineFor(period, agreement.signedOn, instance.cycle),
          instance.extendedTo,
        ),
        opensOn:
          period.kind === "annual"
            ? cycleOpensOn(agreement.signedOn, instance.cycle)
            : agreement.signedOn,
        ...signedAt,
        updatedAt: new Date(),
      })
      .where(eq(toolInstances.id, instance.id));
  }
}

/**
 * What listing a municipality's tools calls on every visit: a single cheap query, and the full
 * sync only on the first visit after an anniversary has opened a new yearly cycle.
 */
export async function syncIfCycleOpened(
  tx: Executor,
  agreement: AgreementRow,
  now: Date,
  actor: Actor,
): Promise<number> {
  if (!(await cycleOpened(tx, agreement, now))) {
    return 0;
  }
  return syncInstances(tx, agreement, now, actor);
}

/**
 * Whether an anniversary opened a yearly cycle the agreement has no instances for yet: one read,
 * so a caller opens a write transaction only when there is something to write (a transaction's
 * end moves the change feed and with it every cache, decision 0027).
 */
export async function cycleOpened(
  db: Executor,
  agreement: AgreementRow,
  now: Date,
): Promise<boolean> {
  const [row] = await db
    .select({ cycles: max(toolInstances.cycle) })
    .from(toolInstances)
    .where(eq(toolInstances.agreementId, agreement.id));
  return (row?.cycles ?? 0) < openCycles(agreement.signedOn, localDateOf(now));
}
