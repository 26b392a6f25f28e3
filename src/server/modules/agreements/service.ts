import { asc, eq } from "drizzle-orm";
import {
  type AgreementChangeInput,
  agreementChangeProblem,
  participationOf,
} from "../../../domain/agreement-terms.js";
import { signedOnProblem } from "../../../domain/agreements.js";
import type { Database } from "../../db/client.js";
import { agreementChanges, agreements, municipalities } from "../../db/schema/index.js";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { insertAudited } from "../../lib/audited-writes.js";
import { AppError, conflict, invalid, isUniqueViolation, notFound } from "../../lib/errors.js";
import { foundRow, lockedRow } from "../../lib/found-row.js";
import { latestPublishedVersion } from "../model/queries.js";
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
      const _municipality = await foundRow(
        tx,
        municipalities,
        eq(municipalities.cvegeo, options.municipality),
        `No existe un municipio con la clave ${options.municipality}.`,
      );
      const model = await latestPublishedVersion(tx);
      if (!model) {
        throw new AppError(
          "conflict",
          "No hay un modelo publicado: publique uno antes de registrar convenios.",
        );
      }
      const owner = { municipalityCvegeo: options.municipality, createdBy: actor.id };
      const row = { ...options, ...owner, modelVersionId: model.id };
      // The agreement first, then what follows from it (E1 validated), in the audit trail's order.
      const agreement = await insertAudited(tx, actor, agreements, row, ({ signedOn, cohort }) => ({
        action: "agreement.registered",
        entityType: "agreement",
        municipality: options.municipality,
        after: { signedOn, cohort, modelVersion: model.version },
      }));
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
    const before = await lockedRow(tx, agreements, eq(agreements.id, id), "El convenio no existe.");
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

/**
 * Records a renewal, ratification, suspension, resumption or termination of an agreement (admins).
 * The agreement's participation is derived again from all its changes (`participationOf`) and
 * written with it, so that a municipality that leaves drops out of the ranking at commit (the
 * agreement's row moves the progress stamp). Returns the change's id.
 */
export async function recordAgreementChange(
  db: Database,
  agreementId: string,
  input: AgreementChangeInput,
  actor: Actor,
  now: Date,
): Promise<string> {
  return db.transaction(async (tx) => {
    const agreement = await lockedRow(
      tx,
      agreements,
      eq(agreements.id, agreementId),
      "El convenio no existe.",
    );
    const earlier = await tx
      .select({ kind: agreementChanges.kind, effectiveOn: agreementChanges.effectiveOn })
      .from(agreementChanges)
      .where(eq(agreementChanges.agreementId, agreementId))
      .orderBy(asc(agreementChanges.effectiveOn), asc(agreementChanges.createdAt));
    const before = participationOf(agreement.signedOn, earlier);
    const problem = agreementChangeProblem(
      {
        signedOn: agreement.signedOn,
        participation: before,
        lastChangeOn: earlier.at(-1)?.effectiveOn ?? null,
      },
      input,
      now,
    );
    if (problem) {
      throw new AppError(problem.code, problem.message);
    }
    const reason = input.reason.trim();
    const validUntil = input.validUntil ?? null;
    const [change] = await tx
      .insert(agreementChanges)
      .values({
        agreementId,
        municipalityCvegeo: agreement.municipalityCvegeo,
        kind: input.kind,
        effectiveOn: input.effectiveOn,
        validUntil,
        reason,
        createdBy: actor.id,
        createdAt: now,
      })
      .returning({ id: agreementChanges.id });
    if (!change) {
      throw new Error("insert returned no row");
    }
    const after = participationOf(agreement.signedOn, [
      ...earlier,
      { kind: input.kind, effectiveOn: input.effectiveOn },
    ]);
    await tx
      .update(agreements)
      .set({
        participation: after.status,
        // Null while it takes part since the signing date, so a corrected date carries over.
        participationSince: after.since === agreement.signedOn ? null : after.since,
        updatedAt: now,
      })
      .where(eq(agreements.id, agreementId));
    await recordAudit(tx, actor, {
      action: "agreement.changed",
      entityType: "agreement",
      entityId: agreementId,
      municipality: agreement.municipalityCvegeo,
      before: { participation: before.status, since: before.since },
      after: {
        change: input.kind,
        effectiveOn: input.effectiveOn,
        validUntil,
        reason,
        participation: after.status,
        since: after.since,
      },
    });
    return change.id;
  });
}
