import { desc, eq, isNotNull } from "drizzle-orm";
import { signedOnProblem } from "../../../domain/agreements.js";
import type { Database } from "../../db/client.js";
import { agreements, modelVersions, municipalities } from "../../db/schema/index.js";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { AppError, conflict, invalid, isUniqueViolation, notFound } from "../../lib/errors.js";
import { recomputeDeadlines, syncInstances } from "../tool-instances/sync.js";

export interface RegisterAgreementOptions {
  municipality: string;
  signedOn: string;
  cohort: string;
}

/**
 * Registers a municipality's signed agreement: it now takes part. Every tool of the model in force
 * gets its instance with its deadline, and the agreement tool (E1) is validated at once.
 */
export async function registerAgreement(
  db: Database,
  options: RegisterAgreementOptions,
  actor: Actor,
  now: Date,
): Promise<string> {
  const dateProblem = signedOnProblem(options.signedOn, now);
  if (dateProblem) {
    throw invalid("signedOn", dateProblem);
  }
  try {
    return await db.transaction(async (tx) => {
      const [municipality] = await tx
        .select()
        .from(municipalities)
        .where(eq(municipalities.cvegeo, options.municipality));
      if (!municipality) {
        throw notFound(`No existe un municipio con la clave ${options.municipality}.`);
      }
      const [model] = await tx
        .select()
        .from(modelVersions)
        .where(isNotNull(modelVersions.version))
        .orderBy(desc(modelVersions.version))
        .limit(1);
      if (!model) {
        throw new AppError(
          "conflict",
          "No hay un modelo publicado: publique uno antes de registrar convenios.",
        );
      }
      const [agreement] = await tx
        .insert(agreements)
        .values({
          ...options,
          municipalityCvegeo: options.municipality,
          modelVersionId: model.id,
          createdBy: actor.id,
        })
        .returning();
      if (!agreement) {
        throw new Error("insert returned no row");
      }
      // The agreement first, then what follows from it (E1 validated), in the audit trail's order.
      await recordAudit(tx, actor, {
        action: "agreement.registered",
        entityType: "agreement",
        entityId: agreement.id,
        municipality: agreement.municipalityCvegeo,
        after: {
          signedOn: agreement.signedOn,
          cohort: agreement.cohort,
          modelVersion: model.version,
        },
      });
      await syncInstances(tx, agreement, now, actor);
      return agreement.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict("Ese municipio ya tiene un convenio registrado; corríjalo si hay un error.");
    }
    throw error;
  }
}

/**
 * Corrects a registered agreement. Never silent: a reason is required and the audit trail keeps
 * before and after. A new signing date moves every deadline that depends on it.
 */
export async function correctAgreement(
  db: Database,
  id: string,
  patch: { signedOn?: string | undefined; cohort?: string | undefined; reason: string },
  actor: Actor,
  now: Date,
): Promise<void> {
  const dateProblem = patch.signedOn ? signedOnProblem(patch.signedOn, now) : null;
  if (dateProblem) {
    throw invalid("signedOn", dateProblem);
  }
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(agreements).where(eq(agreements.id, id)).for("update");
    if (!before) {
      throw notFound("El convenio no existe.");
    }
    const [after] = await tx
      .update(agreements)
      .set({
        signedOn: patch.signedOn ?? before.signedOn,
        cohort: patch.cohort ?? before.cohort,
        updatedAt: now,
      })
      .where(eq(agreements.id, id))
      .returning();
    if (!after) {
      throw notFound("El convenio no existe.");
    }
    if (after.signedOn !== before.signedOn) {
      await recomputeDeadlines(tx, after);
      await syncInstances(tx, after, now, actor);
    }
    await recordAudit(tx, actor, {
      action: "agreement.corrected",
      entityType: "agreement",
      entityId: id,
      municipality: after.municipalityCvegeo,
      before: { signedOn: before.signedOn, cohort: before.cohort },
      after: { signedOn: after.signedOn, cohort: after.cohort, reason: patch.reason },
    });
  });
}
