/**
 * Exemptions: staff declare that a tool does not apply to a municipality, with a reason, and may
 * lift it; while in force the tool leaves the municipality's index (src/domain/exemptions.ts).
 * Each use case is one transaction with its audit event.
 */
import { and, eq, isNull } from "drizzle-orm";
import {
  type ExemptionProblem,
  exemptionProblem,
  liftProblem,
} from "../../../domain/exemptions.js";
import type { Database, Executor } from "../../db/client.js";
import { toolExemptions, toolInstances } from "../../db/schema/index.js";
import type { Actor } from "../../lib/audit.js";
import { insertAudited, updateAudited } from "../../lib/audited-writes.js";
import { AppError, isUniqueViolation, notFound } from "../../lib/errors.js";
import { lockedById } from "../../lib/found-row.js";

function refuse(problem: ExemptionProblem | null): void {
  if (problem) {
    throw new AppError(problem.code, problem.message);
  }
}

async function activeExemption(tx: Executor, cvegeo: string, tool: string) {
  const [row] = await tx
    .select()
    .from(toolExemptions)
    .where(
      and(
        eq(toolExemptions.municipalityCvegeo, cvegeo),
        eq(toolExemptions.toolCode, tool),
        isNull(toolExemptions.liftedAt),
      ),
    )
    .for("update");
  return row ?? null;
}

/** Exempts one of the municipality's tools (it must have instances of it). Returns the id. */
export async function exemptTool(
  db: Database,
  cvegeo: string,
  input: { tool: string; reason: string },
  actor: Actor,
): Promise<string> {
  try {
    return await db.transaction(async (tx) => {
      const [instance] = await tx
        .select({ id: toolInstances.id })
        .from(toolInstances)
        .where(
          and(eq(toolInstances.municipalityCvegeo, cvegeo), eq(toolInstances.toolCode, input.tool)),
        )
        .limit(1);
      if (!instance) {
        throw notFound(`El municipio no tiene la herramienta ${input.tool}.`);
      }
      refuse(
        exemptionProblem((await activeExemption(tx, cvegeo, input.tool)) !== null, input.reason),
      );
      const after = { tool: input.tool, reason: input.reason.trim() };
      const exemption = {
        municipalityCvegeo: cvegeo,
        toolCode: after.tool,
        reason: after.reason,
        exemptedBy: actor.id,
      };
      const created = await insertAudited(tx, actor, toolExemptions, exemption, {
        action: "exemption.granted",
        entityType: "tool_exemption",
        municipality: cvegeo,
        after,
      });
      return created.id;
    });
  } catch (error) {
    if (isUniqueViolation(error, "tool_exemptions_one_active")) {
      refuse(exemptionProblem(true, input.reason));
    }
    throw error;
  }
}

/** Lifts an exemption in force: the tool counts again in the municipality's index. */
export async function liftExemption(
  db: Database,
  id: string,
  reason: string,
  actor: Actor,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await lockedById(tx, toolExemptions, id, "La exención no existe.");
    refuse(liftProblem(row.liftedAt === null));
    const lifted = { liftedAt: now, liftedBy: actor.id, liftReason: reason.trim() };
    await updateAudited(tx, actor, toolExemptions, id, lifted, {
      action: "exemption.lifted",
      entityType: "tool_exemption",
      municipality: row.municipalityCvegeo,
      before: { tool: row.toolCode, reason: row.reason },
      after: { tool: row.toolCode, reason: reason.trim() },
    });
  });
}
